"""Map a source's column names onto the canonical schema.

Names are compared case-insensitively with punctuation folded to `_` and camelCase split, so
`Tweet Created`, `tweet_created`, `tweet-created` and `tweetCreated` are one name. The first
alias present wins; `--map field=column` overrides.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from ..errors import ConfigError, InputError, option
from ..schema import ABOUT_FIELDS, POST_COLUMNS
from ..schema import reserved as read_as_no_field

#: schema field -> source column names, most specific first
ALIASES: dict[str, list[str]] = {
    "post_id": [
        "post_id",
        "tweet_id",
        "status_id",
        "id_str",
        "id",
        "message_id",
        "mention_id",
        "guid",
        "uri",
        "data_id",
        # (a video's comment before the video: a comments export names both; a TikTok tool's `Video ID`)
        "comment_id",
        "video_id",
    ],
    # (`source` last, `LAST_RESORT`, and only of site names: `UNSURE_PLATFORMS`)
    "platform": ["platform", "source_platform", "network", "site", "channel", "page_type", "source"],
    "created_at": [
        "created_at",
        "tweet_created",
        "created_utc",
        "timestamp",
        "published_at",
        "published",
        "date",
        "datetime",
        "created",
        "posted_at",
        "post_date",
        "created_time",
        # in Spanish, German, French, Portuguese and Italian exports (accents are folded: `Fecha de publicación`)
        "fecha",
        "fecha_de_publicacion",
        "datum",
        "date_de_publication",
        "data_de_publicacao",
        "data_di_pubblicazione",
        "data",  # (Portuguese and Italian `Data`: their posts were in no report; `UNSURE_TIMES`)
        # last: beside a column of dates (`Time,Post Date`), `Time` is their time of day (`TIME_OF_DAY`); read
        # first, its "14:35" rejected every row as a time without a day
        "time",
    ],
    "author": [
        "author",
        "screen_name",
        "username",
        "user_screen_name",
        "user_username",
        "author_username",
        "user",
        "user_name",
        # (Facebook's Graph API: a page post's or comment's `from.name`; before `name`, a post's link's title there)
        "from_name",
        # (a Google Maps reviews scraper's reviewer, Outscraper's: its `name` is the reviewed store's)
        "author_title",
        "name",
        "account_acct",
        "account_username",
        "author_handle",
        "handle",
        "from_user",
        "author_name",
        "autor",
        "auteur",
        "usuario",
        "benutzer",
        "utilisateur",
        "utilizador",
        "autore",
        "utente",
    ],
    "author_followers": [
        "author_followers",
        "followers_count",
        "user_followers_count",
        "followers",
        "author_followers_count",
        "user_public_metrics_followers_count",
        "reach",
        "seguidores",
        "follower",
        "abonnes",
        "reichweite",
        "alcance",
        "portee",
    ],
    "text": [
        "text",
        "full_text",
        "content",
        "body",
        "message",
        "tweet",
        "tweet_text",
        "post_text",
        "selftext",
        "snippet",
        "description",
        "texto",
        "texte",
        "mensaje",
        "mensagem",
        "nachricht",
        "beitrag",
        "contenido",
        "contenu",
        "conteudo",
        "inhalt",
        "testo",
        "messaggio",
        "contenuto",
        "caption",  # (Instagram's Graph API: a post's text; `LAST_RESORT`)
        "title",  # last (`LAST_RESORT`)
    ],
    "url": [
        "url",
        "permalink",
        "link",
        "post_url",
        "tweet_url",
        "uri_url",
        "permalink_url",
        "tweet_permalink",
        "post_link",
        "video_link",
        "video_url",
    ],
    "lang": ["lang", "language", "language_code", "langs", "idioma", "sprache", "langue", "lingua"],
    "likes": [
        "likes",
        "like_count",
        "favorite_count",
        "favourites_count",
        "favourites",
        "favorites",
        "score",
        "ups",
        "public_metrics_like_count",
        "reactions",  # (a Facebook page's count; Discord's emoji and their counts: `UNSURE_COUNTS`)
        "like_count_total",
        "me_gusta",
        "gefallt_mir",
        "j_aime",
        "curtidas",
        "mi_piace",
        "reactions_summary_total_count",  # (Facebook's Graph API, `reactions.summary(true)`)
        "likes_summary_total_count",
    ],
    "reposts": [
        "reposts",
        "retweet_count",
        "retweets",
        "reblogs_count",
        "repost_count",
        "shares",
        "share_count",
        "public_metrics_retweet_count",
    ],
    "replies": [
        "replies",
        "reply_count",
        "replies_count",
        "num_comments",
        "comments",
        "public_metrics_reply_count",
        "comments_summary_total_count",  # (Facebook's Graph API, `comments.summary(true)`)
    ],
    "parent_id": [
        "parent_id",
        "in_reply_to_status_id",
        "in_reply_to_id",
        "in_reply_to_status_id_str",
        "reply_to",
        "parent",
    ],
    # (names only review exports give: `platforms.reviews.REVIEW_COLUMNS`; their `score` beside them is one too)
    "rating": ["rating", "star_rating", "stars"],
}

#: aliases read only when no other alias of their field names a column, also a platform's (`add_aliases`): a post's
#: title is its text only when no column holds its content (`Title` beside Sprout Social's `Mention Content`)
#: and Instagram's `caption` only when no column holds a post's text (a Meltwater export's `Caption` beside its
#: `Hit Sentence`, a listening tool's own name, was read as the text; review of stop 42)
#: and a `source` is the platform only when no other column names it (Meltwater's `Source`, an outlet, beside its
#: `Source Type`: `UNSURE_PLATFORMS`)
LAST_RESORT: dict[str, tuple[str, ...]] = {"text": ("caption", "title"), "platform": ("source",)}
#: time columns' names that English exports use for other things (a payload, a figure): read as the time only when
#: their first values hold one (`sources.from_raw`); an English export's `Data` rejected every post as a bad created_at
UNSURE_TIMES = ("data",)
#: likes columns' names that exports use for other things: read as the likes only when their first values hold counts
#: (`sources.from_raw`); a DiscordChatExporter CSV's `Reactions` ("🔥 (3),👍 (1)") or JSON's `reactions` (a list of
#: emoji and counts) rejected every message that had a reaction as bad likes; a `score` not most of whose values are
#: counts is a label or a model's score (VADER's ground truth, `2.726315789`: 4,070 of its 4,200 rows rejected)
UNSURE_COUNTS = ("reactions", "score")
#: platform columns' names that exports use for other things: read as the platform only when their first values are
#: all site names (`trustpilot`, `Amazon`, `Google Play`) and the file has no tweet's columns (`sources.from_raw`): a
#: review tool's `source` gave no platform, so two sites' review `1` were one post (the second dropped, or `ingest`
#: replaced the first with it); a tweet's `source` is its client (`Twitter for iPhone`, `<a href=...>`), not read
UNSURE_PLATFORMS = ("source",)
#: generic names a platform's own names for the field are read before (`add_aliases`): Meltwater's `Twitter
#: Followers` before its `Reach` (a news outlet's audience), a tool's `Resource Id`, `Document ID` or `Mention Id`
#: before an `Id` column (a row number, another table's key); the generic names were read first, before this stop
#: `Reach` or `Id` column; and an app review's helpful votes (`thumbsUpCount`) before a `score`, its star rating there
GENERIC: dict[str, tuple[str, ...]] = {"post_id": ("id",), "author_followers": ("reach",), "likes": ("score",)}


def add_aliases(field: str, names: list[str], own: bool = True) -> None:
    """Add a platform's column names for `field`: its `own` names before the field's `GENERIC` ones (moved there
    when they are generic aliases after them too, as `mention_id`), else after all generic ones; either before the
    `LAST_RESORT` ones."""
    aliases = ALIASES[field]
    ends = [*GENERIC.get(field, ()), *LAST_RESORT.get(field, ())] if own else LAST_RESORT.get(field, ())
    at = min((aliases.index(n) for n in ends if n in aliases), default=len(aliases))
    moved = [n for n in dict.fromkeys(names) if n not in aliases[:at]]
    aliases[:] = [*aliases[:at], *moved, *(n for n in aliases[at:] if n not in moved)]


def normalize_name(name: object, camel: bool = True) -> str:
    """`Full Text`, `full-text` and `fullText` (JSON APIs' camelCase) -> `full_text`, `Fecha de publicación` ->
    `fecha_de_publicacion`; without `camel`, camelCase is one word (`DateTime` -> `datetime`, as the alias is spelt)."""
    name = "".join(c for c in unicodedata.normalize("NFKD", str(name).strip()) if not unicodedata.combining(c))
    if camel:
        name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)
    return re.sub(r"[^0-9a-z]+", "_", name.lower()).strip("_")


def spellings(name: object) -> set[str]:
    """The names an alias may match: `createdAt` is `created_at`, and `DateTime` or `TimeStamp` still `datetime`
    or `timestamp` (split, they named no alias: a file's times went unread)."""
    return {normalize_name(name), normalize_name(name, camel=False)}


def utc_named(name: object) -> str | None:
    """`Date (UTC)`, `created_at_gmt`, `Timestamp [UTC]` -> `date`, `created_at`, `timestamp`: a time column's name
    that says its times are UTC (as brandpulse reads times without a zone), else None. Another zone (`Date (ET)`) is
    not taken: its times would be read hours off."""
    found = re.fullmatch(r"(.+?)_(?:utc|gmt)(?:_0|_00_00)?", normalize_name(name))
    return found.group(1) if found else None


#: a column holding the time of day of the dates read as created_at (`Date`, `Time`), names normalised: the date
#: columns' own aliases (`post_date`, `published_date`, `sent_date`) with `time` for `date`; and as Spanish,
#: Portuguese, German and French exports name it beside their `Fecha`, `Data`, `Datum`, `Date` (the time was lost)
TIME_OF_DAY = ["time", "time_of_day", "post_time", "published_time", "sent_time", "hora", "uhrzeit", "heure"]


def time_of_day_column(columns: list[str], resolved: dict[str, str], reserved: tuple[str, ...] = ()) -> str | None:
    """The column beside created_at's that may hold its time of day (`Time`, `Post Time`, `Time (UTC)`), or None: a
    column of another field's or kept as it is (`reserved`) is not, nor one naming another zone (`Time (ET)`), and
    a created_at column named so (`Time` alone) has none. Whether its dates are dates only is for the values to say
    (`values.with_time_of_day`)."""
    created = resolved.get("created_at")
    if created is None or _time_of_day_name(created):
        return None
    taken = {*resolved.values(), *reserved}
    named = [c for c in columns if c not in taken and _time_of_day_name(c)]
    return min(named, key=lambda c: TIME_OF_DAY.index(_time_of_day_name(c)), default=None)


def zoned_time_of_day(columns: list[str], resolved: dict[str, str]) -> str:
    """A note naming a time-of-day column left unread because its name gives a zone other than UTC (`Time (ET)`),
    beside a created_at column of dates only, or "": its posts are read at midnight, and nothing said why."""
    if "created_at" not in resolved or _time_of_day_name(resolved["created_at"]):
        return ""
    for column in columns:
        named = re.fullmatch(r"(.+?)\s*[(\[][^)\]]+[)\]]\s*", str(column))
        if named and not utc_named(column) and _time_of_day_name(named.group(1)):
            return f"{column!r} is not read as the time of day, its zone not being UTC: the dates are read at midnight"
    return ""


def _time_of_day_name(column: object) -> str | None:
    """The `TIME_OF_DAY` name `column` is spelt as, maybe with UTC after it (`Time (UTC)`), else None."""
    names = spellings(column) | {utc_named(column)}
    return next((n for n in TIME_OF_DAY if n in names), None)


def parse_map_options(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """`["text=body", ...]` -> {"text": "body"}; unknown fields are a config error. `about=COLUMN`: each row's
    reviewed place (a Google Maps scraper's `name`, "FreshWay Express Camden") gives its brand (`assign_brand`).
    Its errors name `--map` in a command, else `mapping` (`read`'s keyword for what it gives)."""
    out = {}
    fields = [*POST_COLUMNS, *ABOUT_FIELDS]
    named, example = option("mapping", "--map"), option("'text=body'", "--map text=body")
    for pair in pairs:
        field, sep, column = pair.partition("=")
        field = field.strip()
        if not sep or not column.strip():
            raise ConfigError(f"{named} {pair!r}: expected FIELD=COLUMN, e.g. {example}")
        if field not in fields:  # (`--map body=text`, the column first, and `--map txt=text` named no fix)
            close = difflib.get_close_matches(field.lower(), fields, n=1)
            hint = f", did you mean {close[0]!r}?" if close else ""
            hint = hint or (f"; the field comes first: {column.strip()}={field}" if column.strip() in fields else "")
            raise ConfigError(f"{named} {pair!r}: unknown field {field!r}{hint} (fields: {', '.join(fields)})")
        if out.get(field, column.strip()) != column.strip():  # (`--map text=a --map text=b` read b, without a word)
            raise ConfigError(f"{named}: {field!r} is mapped twice, to {out[field]!r} and to {column.strip()!r}")
        out[field] = column.strip()
    return out


def check_kept(columns: list[str], keep: tuple[str, ...], source: str, why=None) -> None:
    """An InputError naming the file's columns for a kept column (`keep`, `--keep`) it lacks (the message listed the
    schema's columns, not the file's; a known export's, those it is converted to); `why(column)`: what it says
    instead of a close name (a review's field, read from other columns)."""
    for column in keep:
        if column not in columns:
            said = f": {why(column)}" if why else _close(column, columns)
            raise InputError(f"{source}: no column {column!r}{said} (columns: {_list(columns)})")


def resolve_columns(
    columns: list[str],
    mapping: dict[str, str] | None = None,
    source: str = "",
    reserved: tuple[str, ...] = (),
    fields: tuple[str, ...] | None = None,
) -> dict[str, str]:
    """Return {schema field: source column} for the columns present; `reserved` columns (kept as they
    are, e.g. a label column named "score") are never taken as an alias, but analyze's (`Copied`) may be.
    `fields`: only these schema fields are looked for (and mapped), the other columns are left alone (`evaluate`
    needs the text only)."""
    mapping = {f: c for f, c in (mapping or {}).items() if fields is None or f in fields}
    by_norm: dict[str, str] = {}
    for col in columns:
        by_norm.setdefault(normalize_name(col), col)
    for col in columns:  # (after: `created_at` is read before `CreatedAt`'s one word)
        by_norm.setdefault(normalize_name(col, camel=False), col)
    for col in columns:  # (`Date (UTC)` was read as no time at all: the posts were in no report)
        zoneless = utc_named(col)
        if zoneless in ALIASES["created_at"]:
            by_norm.setdefault(zoneless, col)
    resolved: dict[str, str] = {}
    for field, column in mapping.items():
        spelt = [c for c in columns if spellings(c) & spellings(column)]  # (`--map text=fulltext`: `FullText`)
        # (`read(FILE, mapping=...)` in a notebook said `--map text=Body`, a flag it has not)
        named = option(f"mapping {{{field!r}: {column!r}}}", f"--map {field}={column}")
        if column in columns:
            resolved[field] = column
        elif len(spelt) > 1:  # (`--map text=TEXT` with `Text` and `text`: which one is not for us to guess)
            fix = option(f"mapping={{{field!r}: {spelt[0]!r}}}", f"--map {field}={spelt[0]}")
            raise InputError(
                f"{source}: {named}: columns {_and(spelt)} {'both' if len(spelt) == 2 else 'all'} "
                f"match; name one as it is spelt, e.g. {fix}"
            )
        elif spelt:
            resolved[field] = spelt[0]
        else:
            raise InputError(
                f"{source}: {named}: no column {column!r}{_close(column, columns)} (columns: {_list(columns)})"
            )
    check_kept(columns, reserved, source)
    reserved = read_as_no_field(reserved)
    used = set(resolved.values()) | set(reserved)
    for field, aliases in ALIASES.items():
        if field in resolved or (fields is not None and field not in fields):
            continue
        for alias in aliases:
            col = by_norm.get(alias)
            if col is not None and col not in used:
                resolved[field] = col
                used.add(col)
                break
    if "text" not in resolved:
        # (`evaluate --label-column text` said "no text column (columns: text, label)")
        taken = [c for c in reserved if normalize_name(c) in ALIASES["text"]]
        why = f"; {taken[0]!r} is read as labels or brands, not as the text" if taken else ""
        # (`--map author=text` said "no text column (columns: id, text)", the column it had taken listed)
        mapped = [(f, c) for f, c in resolved.items() if f in mapping and normalize_name(c) in ALIASES["text"]]
        if mapped and not why:
            took, given = mapped[0][0], mapping[mapped[0][0]]
            named = option(f"mapping {{{took!r}: {given!r}}}", f"--map {took}={given}")
            why = f"; {mapped[0][1]!r} is read as {took} ({named})"
        # (the CLI's said "(in Python, mapping=...)" too, a notebook's "--map text=COLUMN" first)
        fix = option("mapping={'text': COLUMN}", "--map text=COLUMN")
        raise InputError(f"{source}: no text column (columns: {_list(columns)}{why}); name it with {fix}")
    return resolved


def _close(column: str, columns: list[str]) -> str:
    """ ", did you mean 'label'?" for a column named as none is (`--label-column Label`, `--map text=txt`): one spelt
    alike (a label or brand column is read as spelt, unlike --map), else a close name; "" for none."""
    close = [c for c in columns if spellings(c) & spellings(column)]
    close = close or difflib.get_close_matches(column, map(str, columns), n=1)
    return f", did you mean {close[0]!r}?" if close else ""


def other_spellings(
    columns: list[str],
    resolved: dict[str, str],
    mapping: dict[str, str] | None = None,
    reserved: tuple[str, ...] = (),
    texts_read: tuple[str, ...] = (),
) -> str:
    """A note naming the columns left unread because another spelling of their name (`Text` beside `text`,
    `Tweet Text` beside `tweet_text`) was read for a field, or another text column (`full_text`, `content`
    beside `text`) for the text, and how to read them instead; "" when none was. `reserved` columns are kept
    as they are, and `texts_read` read into the text too (a listening tool's title and body): not noted."""
    notes = []
    for field, column in resolved.items():
        if (mapping or {}).get(field) == column:
            continue  # named as it is spelt: chosen, not found
        others = [c for c in columns if c != column and normalize_name(c) == normalize_name(column)]
        if others:
            notes.append(
                f"columns {_and([column, *others])} are one name: {field} is read from {column!r}, "
                f"--map {field}={others[0]} for the other"
            )
        if field == "text":  # (`text` read beside `full_text` and `content`, without a word of them)
            taken = {*resolved.values(), *reserved, *texts_read, *others}
            texts = [c for c in columns if c not in taken and spellings(c) & set(ALIASES["text"])]
            if texts:
                notes.append(
                    f"columns {_and([column, *texts])} all hold text: text is read from {column!r}, "
                    f"--map text={texts[0]} for {'the other' if len(texts) == 1 else 'another'}"
                )
    return "; ".join(notes)


def zoned_time(columns: list[str], resolved: dict[str, str]) -> str:
    """A note naming a time column left unread because its name gives a zone other than UTC (`Date (ET)`), or "":
    its posts would be read without a time, and nothing said why."""
    if "created_at" in resolved:
        return ""
    for column in columns:
        named = re.fullmatch(r"(.+?)\s*[(\[][^)\]]+[)\]]\s*", str(column))
        if named and normalize_name(named.group(1)) in ALIASES["created_at"]:
            why = f"--map created_at='{column}' would read its times as UTC"
            return f"{column!r} is not read as the time, its zone not being UTC ({why})"
    return ""


def _and(names: list[str]) -> str:
    """'a', 'b' and 'c'."""
    quoted = [repr(n) for n in names]
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


#: what ends a line for `str.splitlines`: in a column's name, U+FFFD in a message, as the terminal shows other
#: control characters (a quoted header's line break made an error of two lines)
_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _list(columns: list[str]) -> str:
    """The columns as a message lists them, on its one line, each name cut at 60 characters: a file read in the
    wrong encoding (`--encoding utf-32` of a UTF-8 file) is one column of its whole text, which was the line (9 KB
    of U+FFFD), and such a header gets a hint."""
    names = [_LINE_BREAK.sub("\ufffd", str(c)) for c in columns]
    shown = ", ".join(n if len(n) <= 60 else f"{n[:60]}... ({len(n):,} characters)" for n in names[:30])
    shown += f", ... ({len(columns)} in all)" if len(columns) > 30 else ""
    if any(len(n) > 200 or "\ufffd" in n for n in names):
        shown += "; a header that reads so is not names: is the file in another encoding (--encoding NAME)?"
    return shown if columns else "none"


def find_header_row(rows: list[list[object]], limit: int = 30, text_column: str | None = None) -> int:
    """Index of the header in `rows`: the first row (of `limit`) with two or more cells that
    names a text column (or `text_column`, the one `--map text=` names). Listening-tool exports put
    report-title rows above it, of fewer cells than the header (or of two at most: "Mentions, last week"), or of
    another number of fields (a CSV's "Query:,Acme,Range:,..." above a header of three). A row below one as full
    and as long is a record whose value names a text column (`Post Type` "Tweet" under a header of no text
    alias), not the header. 0 when none is."""
    widths = [sum(1 for c in row if c is not None and str(c).strip()) for row in rows[:limit]]
    for i, row in enumerate(rows[:limit]):
        if is_header(row, text_column):
            above = zip(widths[:i], rows[:i], strict=True)
            return i if all(w < widths[i] or w <= 2 or len(r) != len(row) for w, r in above) else 0
    return 0


def is_header(row: list[object], text_column: str | None = None) -> bool:
    """Whether `row` has two or more cells and names a text column (see `find_header_row`)."""
    cells = [c for c in row if c is not None and str(c).strip()]
    return len(cells) >= 2 and any(names_text(c, text_column) for c in cells)


def names_text(cell: object, text_column: str | None = None) -> bool:
    """Whether a header's `cell` names a text column: an alias of `text`, or `text_column` (`--map text=`)."""
    text_names = set(ALIASES["text"]) | ({normalize_name(text_column)} if text_column else set())
    return bool(text_names & spellings(cell))
