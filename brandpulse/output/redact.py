"""Posts made fit to share (`--redact`): a report or queue sent to managers need not carry who wrote each post, nor
the e-mail addresses, phone and account numbers, postcodes, addresses and birth dates people put in their posts
(data minimisation)."""

from __future__ import annotations

import hashlib
import re
import secrets

import pandas as pd

from ..config import Config
from ..enrich.brands import normalize_author, own_handles

#: what a post's text loses, each to its mark, in this order: e-mail addresses; a date of birth in any form after
#: "DOB", "born" or "date of birth" (DOB 1948-03-12, born 12 March 1948); dates such as 12/03/1961 (a birth date);
#: a UK car registration in capitals (AB12 CDE, AB12CDE) or in any case after "reg", "registration" or "plate";
#: a UK postcode (BF3 7QT, bf37qt); a house number before a street name in capitals (14 Elm Grove, 9a Rose Court,
#: 27 Canal St); a name after a title (Mr John Smith, Mrs Patel); a reference with letters and 5 digits or more
#: (PH-2611873, BB/2026/08812, CT60012345: a council's case, account and claim numbers); runs of 6 digits or more
#: (an account number 60012345); and runs of 9 digits or more in groups split by a space, dot or dash (phone numbers,
#: NHS numbers, card and account numbers: 07700 900123, +44 161 496 0570, 485 777 3456). What a complaint is about
#: stays: a street without a number (Station Road), a road (A61), a date of no birth (2026-11-20), ref 1234, £150000.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_ANY_DATE = (
    rf"(?:\d{{4}}[/.-]\d{{1,2}}[/.-]\d{{1,2}}|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{2,4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
_STREET = (
    "Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Drive|Dr|Close|Court|Ct|Crescent|Cres|Grove|Gardens|Gdns|Place|Pl|"
    "Terrace|Way|Walk|Row|Square|Sq|Mews|Rise|Hill|Green|Park|View|Parade|Vale|Croft|Fold|Wharf|Yard"
)
#: what a post in Title Case writes between a count and a place, which no street's name holds ("Waited 45 Minutes At
#: Gate Park", "Got 2 Tickets To Hyde Park": no house number and street; "14 The Green" is one)
_NO_UNIT = r"(?!(?:Minutes?|Mins?|Hours?|Hrs?|Weeks?|Months?|Years?|Times|Miles|Seconds|Secs)\b)"
_NO_LINK = r"(?!(?:At|To|In|On|For|From|By|With|Near|Into|Onto|And|Or|Of|Is|Was|My|Our|Your)\b)"
#: the words before a car registration written in small letters (`reg kx19 lmn`), which alone make it one
_REG_WORDS = re.compile(r"(?:\breg(?:istration)?|\bplate|\bvrn|\bvehicle|\bcar)\W*(?:no\.?|number|is|:)?\W*$", re.I)


def _reg(match: re.Match) -> str:
    """A car registration: in capitals, or after a word that says it is one (`my reg is kx19 lmn`)."""
    said = match.group(0)
    if said.isupper() or _REG_WORDS.search(match.string[max(0, match.start() - 30) : match.start()]):
        return "[reg]"
    return said


def _postcode(match: re.Match) -> str:
    """A postcode, not the road and ordinal "the A6 1st exit" (an inward code in small letters of st, nd, rd, th)."""
    said = match.group(0)
    return said if said[-2:] in ("st", "nd", "rd", "th") else "[postcode]"


PATTERNS = (
    # (from the start of a run of its letters only: tried at each of them, a long run with no "@" after it took
    # quadratic time, 20 s for a 40,000-character word)
    (re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
    (
        re.compile(rf"(\b(?:d\.?o\.?b\.?|date of birth|born(?: on)?|birthday)\W{{0,3}}(?:is\s+)?){_ANY_DATE}", re.I),
        r"\1[date]",
    ),
    (re.compile(r"(?<![\w/.-])\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?![\w/.-])"), "[date]"),
    (re.compile(r"\b[A-Z]{2}\d{2} ?[A-Z]{3}\b", re.I), _reg),
    (re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}\b", re.I), _postcode),
    (re.compile(rf"\b\d{{1,4}}[A-Za-z]?,? {_NO_UNIT}(?:{_NO_LINK}[A-Z][\w'-]*\s+){{1,3}}(?:{_STREET})\b"), "[address]"),
    (re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? [A-Z](?:[\w'-]*\w)?(?: [A-Z](?:[\w'-]*\w)?)?"), "[name]"),
    (
        re.compile(
            r"(?<![\w/.-])(?=[A-Za-z][A-Za-z/-]*(?:\d[A-Za-z/-]*){5})[A-Za-z][A-Za-z\d]*(?:[-/][A-Za-z\d]+)*(?![\w/-])"
        ),
        "[reference]",
    ),
    (re.compile(r"(?<![\w+])(?:\+|\()?(?:\d[ .()-]{0,2}){8,}\d(?![\w:])"), "[number]"),
    (re.compile(r"(?<![\w£$€.,/-])\d{6,}(?!\w|[.,/-]\d)"), "[number]"),
)
#: a product's lot or batch code and its best-before or use-by date, by which a maker's quality team traces a complaint
#: to what was made and when (`LOT L2409-77`, `batch 2024113`, `best before 12/03/2027`, `BB 03/2027`): no personal
#: data, so kept, where the patterns above took them for a case reference, an account number or a birth date. Not "a
#: lot" ("thanks a lot 07700 900362"), nor a reference with the letters glued on (`BB/2026/08812`)
PRODUCT_CODE = re.compile(
    rf"(?<!\ba\s)\b(?:lot|batch|bbe?|best[ -]before(?: end)?|best by|use by|exp(?:iry)?(?: date)?)\b"
    rf"(?:\s*(?:no\.?|number|code|#))?\s*[:#.]?\s*(?:{_ANY_DATE}|[A-Za-z\d](?:[A-Za-z\d/.-]*[A-Za-z\d])?)",
    re.I,
)
_DIGIT = re.compile(r"\d")
#: the `PATTERNS` that match without a digit: e-mail addresses and names after a title
_DIGITLESS = tuple((pattern, mark) for pattern, mark in PATTERNS if mark in ("[email]", "[name]"))
#: an @mention (`@jane_doe`, a Bluesky `@jane.bsky.social`): a reply's text starts with the handles it answers, so the
#: author pseudonymised was still named in the next row's text
MENTION = re.compile(r"(?<![\w@])@(\w(?:[\w.-]*\w)?)")
#: columns that lead to the author (the post's link and id open it, and its author)
BLANKED = ("url", "post_id", "parent_id")


def redact(
    posts: pd.DataFrame, names: dict[str, str] | None = None, config: Config | None = None, key: bytes | None = None
) -> pd.DataFrame:
    """`posts` (any table of posts or authors) with each author named `author N` by order of first appearance,
    the text's personal details masked (@mentions `[handle]`, but for the `config` brands' own handles) and the
    links and ids that open a post emptied. `names` carries the numbering across the tables of one output, so one
    author is one name in all of them; it is not kept anywhere, so the names cannot be turned back into authors
    from the output, nor matched between two outputs. With `key` (`run_key`), authors are named by a keyed hash
    instead (`author 3f9a...`): the same in every chunk and worker process of one run, which number theirs apart."""
    names = {} if names is None else names
    out = posts.copy()
    if "author" in out:
        out["author"] = _pseudonyms(out["author"], names, key)
    ours, brands = brand_handles(config), brand_names(config)
    # (a report's suggestions quote an example post; a review's reply names its reviewer, an e-mail, a case number)
    for column in ("text", "example", "reply"):
        if column in out:
            out[column] = out[column].map(lambda text: mask_text(text, ours, brands))
    for column in BLANKED:
        if column in out:
            out[column] = out[column].where(out[column].isna(), "")
    return out


def run_key() -> bytes:
    """A new random key for one run's pseudonyms (`redact`'s `key`): never written, so once the run ends no one can
    tell whose hash an `author 3f9a...` is (hashing known handles needs it), nor match two runs' authors."""
    return secrets.token_bytes(32)


def keyed_hash(value: str, key: bytes) -> str:
    """`value` as 16 hex digits of a keyed hash (BLAKE2b, 64 bits) with a run's `run_key`: the same in every chunk
    and worker of the run, and no one can tell whose it is by hashing the handles or ids they know."""
    return hashlib.blake2b(value.encode(), key=key, digest_size=8).hexdigest()


def _pseudonyms(authors: pd.Series, names: dict[str, str], key: bytes | None) -> pd.Series:
    """Each author's name (numbered in `names`, or hashed with `key`), one look-up per distinct author."""

    def pseudonym(author) -> str:
        said = normalize_author(str(author))
        if key is not None:  # (64 bits: two of a million authors share one with odds of about 3 in 100 million)
            return "author " + keyed_hash(said, key)
        return names.setdefault(said, f"author {len(names) + 1}")

    named = authors[authors.notna() & (authors != "")]
    table = {author: pseudonym(author) for author in pd.unique(named)}  # (in order of first appearance)
    mapped = authors.map(table)
    return mapped.where(mapped.notna(), authors)  # (none and "" as they were)


def brand_handles(config: Config | None) -> set[str]:
    """The @mentions a text keeps: the brands' own handles and @terms, normalised (`@NorthgateNHS`)."""
    terms = {normalize_author(t) for b in (config.brands if config else []) for t in b.terms if t.startswith("@")}
    return own_handles(config) | terms


def brand_names(config: Config | None) -> frozenset[str]:
    """The brands' names and terms but @handles, case-folded: what a "name after a title" that is a brand's keeps."""
    brands = config.brands if config else []
    return frozenset(w.rstrip("*").casefold() for b in brands for w in (b.name, *b.terms) if not w.startswith("@"))


def mask_text(
    text, ours: set[str] | frozenset[str] = frozenset(), brands: frozenset[str] = frozenset(), *, patterns=PATTERNS
):
    """`text` with its e-mail addresses, dates and long numbers masked (`PATTERNS`), but a product's lot code and
    best-before date (`PRODUCT_CODE`), and its @mentions but those of `ours` (normalised handles: the brands' own,
    which say whom a post is to). A name after a title that is one of `brands` (`brand_names`) stays: "Dr Martens",
    "Mr Kipling" and "Dr Pepper" are what the posts are about."""
    if not isinstance(text, str):
        return text
    out, at = [], 0
    for code in PRODUCT_CODE.finditer(text):  # (kept as written, the text around them masked)
        out += [_masked(text[at : code.start()], brands, patterns), code.group(0)]
        at = code.end()
    text = "".join([*out, _masked(text[at:], brands, patterns)])
    if "@" not in text:
        return text
    return MENTION.sub(lambda m: m.group(0) if normalize_author(m.group(1)) in ours else "[handle]", text)


def _masked(text: str, brands: frozenset[str], patterns=PATTERNS) -> str:
    # (only the patterns a text can match: an e-mail needs an @, all but the names after a title a digit; a seventh
    # of the time saved on a social export, more on texts with fewer numbers)
    at = "@" in text
    for pattern, mark in patterns if _DIGIT.search(text) else _DIGITLESS:
        if mark == "[email]" and not at:
            continue
        text = pattern.sub(_unless_brand(brands) if mark == "[name]" and brands else mark, text)
    return text


#: the `PATTERNS` a message quoting a rejected cell masks (`mask_message`): all but a date alone, which is what a bad
#: time is (`bad created_at '31/02/2026'`); a date after "DOB" or "born" is masked
_MESSAGE_PATTERNS = tuple((pattern, mark) for pattern, mark in PATTERNS if mark != "[date]")


def mask_message(text: str) -> str:
    """A message quoting a rejected row's cell, as stderr (which cron mails) shows it whatever `--redact` says: a
    post's text read into another field, a row shifted by a comma (`bad created_at 'Jane 07700 900456 jane@x.com'`),
    is masked as a redacted text is, but for a date alone, so a bad time is still shown as it was written. The words
    before the cell's quote are brandpulse's: a big file's line numbers (`unclosed quote on line 150234: ...`, `lines
    150234-150240 read as one`) were masked as account numbers, and the analyst could not find the row's end. A
    cell that is a Unix time (`bad created_at '1700000000000000'`, microseconds) is shown too: `[number]` did not say
    which unit to export in, and no phone number is written so."""
    cell = _QUOTE.search(text)
    at = cell.start() if cell else len(text)
    if unix := _UNIX_TIME.match(text, at):
        at = unix.end()
    told = mask_text(text[at:], patterns=_MESSAGE_PATTERNS)
    # (a bot's name is no person's: Discord's `bot message (author 'Ticket Tool')` said which bot, and the brand's
    # own support bot, `'Acme Support'`, was `'[name]'` on stderr)
    return text[:at] + (told if text[:at].endswith("(author ") else _CELL_NAME.sub("'[name]'", told))


#: where a message's quoted cell starts: a quote, or after `not an object: ` (a JSON line that is a bare number, a
#: phone number, was shown as it was: `not an object: 4155550123`)
_QUOTE = re.compile("['\"]|(?<=^not an object: )")
#: a quoted cell that is a name and nothing else, 2 or 3 words in capitals (`bad created_at 'Jane Smith'`: an author
#: in a row shifted by a comma); a name after a title is masked in any text, this one only in a message's cell
_CELL_NAME = re.compile(r"^'[A-Z][a-z]*(?:['-][A-Z]?[a-z]+)*(?: [A-Z][a-z]*(?:['-][A-Z]?[a-z]+)*){1,2}'")
#: a quoted Unix time in seconds, ms, µs or ns of 2001-2286: 10, 13, 16 or 19 digits from a 1 (a phone number is 11
#: digits from a 1 in North America, from a 0 or a country code elsewhere)
_UNIX_TIME = re.compile(r"'1\d{9}(?:\d{3}){0,3}(?:\.\d+)?'")


def _unless_brand(brands: frozenset[str]):
    def name(match: re.Match) -> str:
        said = match.group(0).casefold()
        after = said.split(" ", 1)[-1]  # (the name without its title: "Mr Kipling" of a brand "Kipling")
        ours = any(re.match(rf"{re.escape(b)}(?!\w)", w) for w in (said, after) for b in brands)
        return match.group(0) if ours else "[name]"

    return name


def redact_rejects(rejects: pd.DataFrame, config: Config | None = None) -> pd.DataFrame:
    """Rejected rows fit to share: the file and line kept, to find each in the original; the reason's quoted value
    masked as a text is; the record (the raw line, with its author, link and id as written) emptied."""
    out = rejects.copy()
    if "reason" in out:
        ours = brand_handles(config)
        out["reason"] = out["reason"].map(lambda text: mask_text(text, ours))
    if "record" in out:
        out["record"] = out["record"].where(out["record"].isna(), "")
    return out


def redact_tables(tables: dict[str, pd.DataFrame], config: Config | None = None) -> dict[str, pd.DataFrame]:
    """Each table `redact`ed, one author one name across them (a report's promoters and its posts)."""
    names: dict[str, str] = {}
    return {name: redact(table, names, config) for name, table in tables.items()}
