"""`cx`: VADER tuned for what customers say to brands.

VADER's lexicon and rules (negation, boosters, caps, punctuation, emoji) plus a versioned data
file (cx_lexicon.toml) of customer-experience words and phrases ("still on hold", "lost my bag",
"never again"), extra emoji, a position-correct contrast rule ("but", "however"), sarcasm next to
negative events ("great, another delay"), damped pure questions, and a calibration that makes
the default ±0.05 label thresholds leave plain statements neutral. Phrases are joined into one
token first, so VADER's negation and booster rules apply to them like to any word.
"""

from __future__ import annotations

import copy
import math
import re
import string
import tomllib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import ConfigError, InputError
from ..schema import value_bytes, value_offsets
from .fast_vader import NON_ASCII_SPACES, emoticon, ends_clause
from .sentiment import takes_texts
from .text import (
    CLEFT_RE2,
    GLUED_RE2,
    NEGATION_GLUED_RE2,
    QUOTED_WORD_RE2,
    aside_re2,
    line_ends,
    plain_letters,
    unglued,
)

SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
QUESTION_START = re.compile(
    r"^\W*(who|what|when|where|why|how|which|is|are|do|does|did|can|could|will|would|should|has|have|any)\b", re.I
)


@dataclass
class CxLexicon:
    version: str
    words: dict[str, float]
    phrases: dict[str, float]
    emoji: dict[str, float]
    emoji_words: dict[str, str] = field(default_factory=dict)
    openers: list[str] = field(default_factory=list)
    sarcasm_within: int = 4
    sarcasm_factor: float = -0.6
    sincere: list[str] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)
    persists: list[str] = field(default_factory=list)
    persists_within: int = 2
    alone_words: int = 3
    gloats: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    handlers: list[str] = field(default_factory=list)
    before_event: list[str] = field(default_factory=list)
    handled_after: list[str] = field(default_factory=list)
    thanks_factor: float = 1.0
    markers: list[str] = field(default_factory=list)
    winks: list[str] = field(default_factory=list)
    undone: list[str] = field(default_factory=list)
    scorn: list[str] = field(default_factory=list)
    scorn_within: int = 3
    wishes: list[str] = field(default_factory=list)
    lacks: list[str] = field(default_factory=list)
    wish_clauses: list[str] = field(default_factory=list)
    rave: list[str] = field(default_factory=list)
    verdict: list[str] = field(default_factory=list)
    verdict_verbs: list[str] = field(default_factory=list)
    copulas: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    not_of: list[str] = field(default_factory=list)
    releases: list[str] = field(default_factory=list)
    tails: list[str] = field(default_factory=list)
    fix: list[str] = field(default_factory=list)
    asks: list[str] = field(default_factory=list)
    mockery: list[str] = field(default_factory=list)
    made: list[str] = field(default_factory=list)
    mockery_within: int = 3
    departments: list[str] = field(default_factory=list)
    department_within: int = 2
    interjections: list[str] = field(default_factory=list)
    affirm: list[str] = field(default_factory=list)
    fix_within: int = 3
    threats: list[str] = field(default_factory=list)
    guards: list[str] = field(default_factory=list)
    fix_factor: float = -0.5
    fault_praise: list[str] = field(default_factory=list)
    fault_nouns: list[str] = field(default_factory=list)
    fault_names: list[str] = field(default_factory=list)
    fault_events: list[str] = field(default_factory=list)
    fault_events_within: int = 2
    contrast: list[str] = field(default_factory=list)
    contrast_before: float = 0.5
    contrast_after: float = 1.5
    question_factor: float = 0.5
    dead_zone: float = 0.0


def extend_lexicon(path: str | Path) -> CxLexicon:
    """The built-in lexicon with your own file laid over it (`--sentiment cx:PATH`): its [words],
    [phrases] and [emoji] tables add entries or replace built-in ones (0 takes a word's sentiment away); the lists of
    its [rave], [play], [verdict], [fix], [mockery], [department] and [interjection] add to the built-in ones, their
    numbers replace them; the other rules stay.
    A domain's words ("bumped", "gate change") and slang ("fire") without forking the lexicon."""
    from ..config import read_toml

    # (a missing one was a config error, exit 5, where a missing `model:` file is an input error, exit 4; what it
    # holds stays the config's kind of error, as the config file's)
    if Path(path).is_dir():
        raise InputError(f"{path}: is a folder, not a lexicon file")
    if not Path(path).exists():
        raise InputError(f"{path}: no such lexicon file")
    data = read_toml(path, "lexicon file")
    rules = ("rave", "play", "verdict", "fix", "mockery", "department", "interjection")
    known = ("version", "words", "phrases", "emoji", *rules)
    unknown = [k for k in data if k not in known]
    if unknown:
        raise ConfigError(f"cx lexicon {path}: unknown entry {unknown[0]!r} (known: {', '.join(known)})")
    merged = _builtin_data()
    for table in ("words", "phrases", "emoji"):
        entries = data.get(table, {})
        if not isinstance(entries, dict):
            raise ConfigError(f"cx lexicon {path}: [{table}] must be a table of valences")
        for key, value in entries.items():
            _check_valence(path, f"[{table}] {key!r}", value)
            if not key.strip() or (table == "words" and len(key.split()) > 1):
                raise ConfigError(f"cx lexicon {path}: [{table}] {key!r}: one word here; several go in [phrases]")
        own = {(k if table == "emoji" else " ".join(k.lower().split())): float(v) for k, v in entries.items()}
        base = {(k if table == "emoji" else k.lower()): v for k, v in merged.get(table, {}).items()}
        merged[table] = base | own
    for table in rules:  # lists add to the built-in ones, numbers replace
        entries = data.get(table, {})
        rule = merged.setdefault(table, {})
        if not isinstance(entries, dict):
            raise ConfigError(f"cx lexicon {path}: [{table}] must be a table")
        for key, value in entries.items():
            if isinstance(rule.get(key), list):
                if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                    raise ConfigError(f"cx lexicon {path}: [{table}] {key}: a list of words")
                rule[key] = rule[key] + [v for v in value if v not in rule[key]]
            elif isinstance(rule.get(key), int):  # ([fix], [mockery] and [department] within: a count of words)
                if not (isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 10):
                    raise ConfigError(f"cx lexicon {path}: [{table}] {key} = {value!r}: a whole number from 1 to 10")
                rule[key] = value
            elif key in rule:
                _check_valence(path, f"[{table}] {key}", value)
                rule[key] = value
            else:
                known_keys = ", ".join(rule) or "none"
                raise ConfigError(f"cx lexicon {path}: [{table}] unknown entry {key!r} (known: {known_keys})")
    base_version = merged["version"]
    merged["version"] = f"{base_version} + {Path(path).name}" + (f" {data['version']}" if "version" in data else "")
    return _lexicon(merged, path)  # (its errors name the file laid over the built-in one)


def _check_valence(path, what: str, value) -> None:
    if not (isinstance(value, (int, float)) and not isinstance(value, bool) and -4 <= value <= 4):
        raise ConfigError(f"cx lexicon {path}: {what} = {value!r}: a valence from -4 to 4")


def _builtin_data() -> dict:
    """The built-in lexicon file as read, before `_lexicon` shapes it."""
    try:
        return tomllib.loads(resources.files("brandpulse.enrich").joinpath("cx_lexicon.toml").read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cx lexicon built-in: {exc}") from None


def builtin_made() -> list[str]:
    """The built-in lexicon's `[mockery] made` ("ad", "skit", ...), which per-brand sentiment's laughter at a brand
    reads too (`MOCKED`), so that the two agree; its table alone is parsed (the whole file: 57 ms at import)."""
    text = resources.files("brandpulse.enrich").joinpath("cx_lexicon.toml").read_text("utf-8")
    start = text.index("\n[mockery]\n")
    end = text.find("\n[", start + 1)
    return [w.lower() for w in tomllib.loads(text[start : end if end > 0 else None])["mockery"]["made"]]


def load_lexicon(path: str | Path | None = None) -> CxLexicon:
    """The built-in lexicon, or one at `path` in the same shape."""
    if path is None:
        return _lexicon(_builtin_data(), "built-in")
    try:
        data = tomllib.loads(Path(path).read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cx lexicon {path}: {exc}") from None
    return _lexicon(data, path)


def _lexicon(data: dict, where) -> CxLexicon:
    if "version" not in data:
        raise ConfigError(f"cx lexicon {where}: needs a version")
    sarcasm, contrast = data.get("sarcasm", {}), data.get("contrast", {})
    verdict, fix, mockery = data.get("verdict", {}), data.get("fix", {}), data.get("mockery", {})
    fault = data.get("fault_name", {})
    phrases = {k.lower(): float(v) for k, v in data.get("phrases", {}).items()}
    contrasts = [" ".join(w.lower().split()) for w in contrast.get("words", ["but"])]
    # a contrast of several words ("on the other hand") is one token, a phrase without sentiment of its own
    phrases |= {w: 0.0 for w in contrasts if " " in w and w not in phrases}
    undone = [" ".join(w.lower().split()) for w in sarcasm.get("undone", [])]
    scorn = [" ".join(w.lower().split()) for w in sarcasm.get("scorn", [])]
    wish = data.get("wish", {})
    phrases |= {w: 0.0 for w in undone + scorn if " " in w and w not in phrases}
    phrases = _plays(data.get("play", {})) | phrases
    for w in mockery.get("words", []):  # (the rule zeroes a phrase's weight: one without any was silently ignored)
        if not phrases.get(" ".join(w.lower().split())):
            raise ConfigError(f"cx lexicon {where}: [mockery] words: {w!r} needs a weight in [phrases] too")
    for key, entries in data.get("interjection", {}).items():  # (a phrase's token, or the rule never finds it)
        for w in entries if isinstance(entries, list) else []:
            if len(w.split()) > 1 and " ".join(w.lower().split()) not in phrases:
                raise ConfigError(f"cx lexicon {where}: [interjection] {key}: {w!r} needs an entry in [phrases] too")
    return CxLexicon(
        version=str(data["version"]),
        words={k.lower(): float(v) for k, v in data.get("words", {}).items()},
        phrases=phrases,
        emoji={k: float(v) for k, v in data.get("emoji", {}).items()},
        emoji_words={k: " ".join(str(v).lower().split()) for k, v in data.get("emoji_words", {}).items()},
        openers=[o.lower() for o in sarcasm.get("openers", [])],
        sarcasm_within=int(sarcasm.get("within_words", 4)),
        sarcasm_factor=float(sarcasm.get("factor", -0.6)),
        sincere=[" ".join(w.lower().split()) for w in sarcasm.get("sincere", [])],
        repeated=[w.lower() for w in sarcasm.get("repeated", [])],
        persists=[w.lower() for w in sarcasm.get("persists", [])],
        persists_within=int(sarcasm.get("persists_within", 2)),
        alone_words=int(sarcasm.get("alone_words", 3)),
        gloats=[" ".join(w.lower().split()) for w in sarcasm.get("gloats", [])],
        others=[w.lower() for w in sarcasm.get("others", [])],
        handlers=[w.lower() for w in sarcasm.get("handlers", [])],
        before_event=[w.lower() for w in sarcasm.get("before_event", [])],
        handled_after=[w.lower() for w in sarcasm.get("handled_after", [])],
        thanks_factor=float(sarcasm.get("thanks_factor", 1.0)),
        markers=list(sarcasm.get("markers", [])),
        winks=list(sarcasm.get("winks", [])),
        undone=[_token(w) for w in undone],
        scorn=[_token(w) for w in scorn],
        scorn_within=int(sarcasm.get("scorn_within", 3)),
        wishes=[w.lower() for w in wish.get("words", [])],
        lacks=[w.lower() for w in wish.get("lacks", [])],
        wish_clauses=[w.lower() for w in wish.get("clauses", [])],
        rave=[w if not w.isascii() else w.lower() for w in data.get("rave", {}).get("words", [])],
        verdict=[w.lower() for w in verdict.get("words", [])],
        verdict_verbs=[w.lower() for w in verdict.get("verbs", [])],
        copulas=[w.lower() for w in verdict.get("copulas", [])],
        subjects=[w.lower() for w in verdict.get("subjects", [])],
        not_of=[w.lower() for w in verdict.get("not_of", [])],
        releases=[w.lower() for w in verdict.get("releases", [])],
        tails=[w.lower() for w in verdict.get("tails", [])],
        fix=[w.lower() for w in fix.get("words", [])],
        asks=[w.lower() for w in fix.get("asks", [])],
        mockery=[_token(" ".join(w.lower().split())) for w in mockery.get("words", [])],
        made=[w.lower() for w in mockery.get("made", [])],
        mockery_within=int(mockery.get("within", 3)),
        departments=[w.lower() for w in data.get("department", {}).get("words", [])],
        department_within=int(data.get("department", {}).get("within", 2)),
        interjections=[_token(" ".join(w.lower().split())) for w in data.get("interjection", {}).get("words", [])],
        affirm=[_token(" ".join(w.lower().split())) for w in data.get("interjection", {}).get("affirm", [])],
        fix_within=int(fix.get("within", 3)),
        threats=[w.lower() for w in data.get("guard", {}).get("threats", [])],
        guards=[w.lower() for w in data.get("guard", {}).get("guards", [])],
        fault_praise=[w.lower() for w in fault.get("praise", [])],
        fault_nouns=[w.lower() for w in fault.get("nouns", [])],
        fault_names=[w.lower() for w in fault.get("faults", [])],
        fault_events=[w.lower() for w in fault.get("events", [])],
        fault_events_within=int(fault.get("events_within", 2)),
        fix_factor=float(fix.get("factor", -0.5)),
        contrast=[_token(w) for w in contrasts],
        contrast_before=float(contrast.get("before", 0.5)),
        contrast_after=float(contrast.get("after", 1.5)),
        question_factor=float(data.get("question", {}).get("factor", 1.0)),
        dead_zone=float(data.get("calibration", {}).get("dead_zone", 0.0)),
    )


def _plays(play: dict) -> dict[str, float]:
    """The phrases of `[play]`: each of its `forms` with each of its `things` and `words` ("{thing} was {word}": "goal
    was filthy"), at its `valence`: a word of disgust is praise of a play ("that goal was filthy"), and stays a
    complaint of a kitchen ("the kitchen was filthy"). A phrase of [phrases] of the same words wins."""
    forms, things, words = play.get("forms", []), play.get("things", []), play.get("words", [])
    return {
        " ".join(form.format(thing=t, word=w).lower().split()): float(play.get("valence", 0.0))
        for form in forms
        for t in things
        for w in words
    }


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
#: words that, with VADER's negations, say a problem was not handled ("nobody helped", "no one rebooked us")
_NOT_DONE = frozenset({"nobody", "no", "noone"})
#: words that, right after a word of a problem handled, say it was not ("they waived nothing", "refunded none of it");
#: a phrase's token counts by its first word ("nothing_after")
#: words of an apology: the negative words before a smile there are what is apologised for, no complaint ("Sorry for
#: the trouble. Our team is on it 👍" was -0.43 in stop 50, a brand's reply; `_smile_at_complaint`)
_APOLOGIES = frozenset({"sorry"})
#: words that judge a thing, which a smile after them does not soften ("this is terrible :)" was -0.01 in stop 50);
#: other negative words before a smile are the writer's mood or banter, the smile meant ("miss you guys :)", "damn,
#: that was fast :)", "sad to leave :)" lost it in stop 50 review; `_smile_at_complaint`). Events count anywhere
_JUDGEMENTS = frozenset(
    {
        "terrible", "awful", "worst", "horrible", "useless", "bad", "poor", "pathetic", "rubbish", "garbage", "trash",
        "crap", "shit", "sucks", "disappointing", "disgusting", "dreadful", "appalling", "atrocious", "lousy",
        "unacceptable", "horrendous", "abysmal",
    }
)  # fmt: skip
_NONE_DONE = frozenset({"nothing", "none", "nobody", "noone"})
#: a laugh beside a complaint is at it, no praise that makes a sign-off after it meant (stop 52: "sold out in 2 minutes
#: on @Gigstub lol. love that for me" was praise, +0.59; `_meant`)
_LAUGHS = frozenset({"lol", "lmao", "lmfao", "haha", "hahaha", "rofl", "lolol"})
#: words of a job done: people's job praised after an event is its handling, no praise of others (`_others_praised`)
_JOBS = frozenset({"job", "work"})
#: negative words after praised people that say how one feels, no fault's name (`_praise_of_fault`: "great staff sorry
#: to see them leave" was -0.08)
_HATE = frozenset({"hate", "hated", "dislike", "despise", "loathe", "detest"})
_FEELINGS = _HATE | frozenset({"sorry", "sad", "sadly", "miss", "missed", "worried", "tired", "stressed"})
#: typographic apostrophes (phones type "don’t") and hyphens ("check‐in"), read as ASCII's so negations and phrases
#: know them (before the phrases are joined, where `_TYPOGRAPHIC` comes after)
_APOSTROPHES = "\u2018\u2019\u02bc"
_ANY_APOSTROPHE = f"['{_APOSTROPHES}]"
_HYPHENS = "\u2010\u2011"
_IN_WORDS = dict.fromkeys(_APOSTROPHES, "'")
#: ... the hyphens before the sentence ends are unglued, where a negation glued to its words is read ("not‐so‐good" was
#: 0, "not-so-good" -0.35); and en dashes gluing a negation to its words ("not–so–good" was +0.46), where elsewhere
#: between letters an en dash stays a clause's dash ("great–the food awful": `_TYPOGRAPHIC`)
_HYPHEN_RX = re.compile(f"[{_HYPHENS}]|\\bnot(?:\u2013[^\\W\\d_]+){{1,2}}\\b", re.I)
#: typographic punctuation as ASCII's, which VADER strips from a word's ends ("“terrible”" is no word of the lexicon,
#: "terrible" is) and reads ("!", "?", "..."): quotes, ellipses, Spanish "¡" and "¿" (ASCII writes none: a space), and
#: full-width punctuation ("terrible！", typed with no space after it: one here). A dash glued to words ("great—the
#: food awful") stands apart, as " - " does, where "great—the" was one word (a hyphen stays, and an en dash gluing a
#: negation to its words is one: `_HYPHEN_RX`)
_TYPOGRAPHIC = {
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb", '"'),
    **dict.fromkeys("\u201a\u201b\u2039\u203a", "'"),
    **dict.fromkeys("\u2026\u22ef\ufe19", "..."),
    "\u2025": "..",
    **dict.fromkeys("\u2012\u2013\u2014\u2015", " - "),
    **dict.fromkeys("\u00a1\u00bf", " "),
    # full-width forms of ASCII's punctuation (plain_letters writes their letters and digits as ASCII's); a space after
    # a sentence's or a clause's end, but not after "：" nor "；" ("：）" is ":)")
    **{chr(c + 0xFEE0): chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum()},
    **{f: f"{a} " for f, a in zip("\uff01\uff1f\uff0c\uff0e\u3002\u3001", "!?,..,", strict=True)},
}
#: a verdict at the end of a hashtag ("#SkywayFail", "#AmazonSucks"), split off so its word counts
_VERDICTS = "fail|fails|sucks"
_HASHTAG_VERDICT = re.compile(rf"#(\w+?)({_VERDICTS})\b", re.I)
_LOOSE_VERDICT = rf"#\S*?(?:{_VERDICTS})"  # for RE2, whose \w knows only ASCII: matches wherever the above may
#: where str.lower() does not stand in for re.I: "İ" lowers to two characters, and re.I matches "ı" to
#: "i" and "ſ" to "s", which lower() leaves as they are (a test checks every code point)
_NOT_AS_IGNORECASE = re.compile("[\u0130\u0131\u017f]")
#: Python's \s written out for the RE2 prefilters too: RE2's \s lacks \x0b, \x1c-\x1f and all beyond ASCII
_SPACE = rf"[\s\x0b\x1c-\x1f{NON_ASCII_SPACES}]"
#: ... and in ASCII, as the gaps of the batch's phrase patterns write it: written with every space, the phrase
#: pattern's 365 gaps took RE2 5.1 ms to compile (2.9 so) and its scan of a slice's texts 30 % longer; a text with a
#: space beyond ASCII may hold a phrase (`_candidates`) and is joined by `_join_phrases` (`_NOT_IN_BATCH`)
_ASCII_SPACE = r"[\t\n\x0b\x0c\r\x1c-\x1f ]"
#: texts whose phrases `_join_phrases` finds and the batch's RE2 search would not: the marks the batch puts around
#: phrases, `_NOT_AS_IGNORECASE`, the Kelvin sign, which lower() makes an ASCII "k" (a test checks every code point),
#: and spaces beyond ASCII
_NOT_IN_BATCH = re.compile(f"[\x01\x02\u0130\u0131\u017f\u212a{NON_ASCII_SPACES}]")
#: Python's \s among ASCII bytes; a byte of a phrase's gap that is not ASCII is part of a space beyond ASCII
_SPACE_BYTE = np.isin(np.arange(256), list(b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f")) | (np.arange(256) >= 0x80)
#: each byte of `_ASCII_SPACE` made a blank, the others as they are (`_phrase_spans`)
_BLANKED = np.where(_SPACE_BYTE & (np.arange(256) < 0x80), 32, np.arange(256)).astype(np.uint8)


#: a phrase's edges: no word character beside it, nor a `'` between it and one, which is an apostrophe ("o'clock",
#: "don't", "support's"); a `'` with no word beyond it is a quote ("Skyway 'never again'", "another ‘attempted
#: delivery’": typographic ones are ASCII's by then, `_IN_WORDS`), where a customer quotes the company's own words
_PHRASE_START = r"(?<!\w)(?<!\w')"
_PHRASE_END = r"(?!\w|'\w)"

#: at most this many texts `CxAnalyzer.score` scores one by one in Python (`_analyze`), from its second batch so small
#: on: its batch path's RE2 scans compiled their patterns (30,000 characters of phrases) again at every call, 25 ms
#: of CPU of each `analyze` of 2 posts (a notebook's, `alerts`', a test's); Python's stay compiled. A one-off run's
#: first batch keeps the batch path: Python's phrase patterns take 0.1 s to compile
_FEW = 64

#: the most phrases of one RE2 prefilter pattern (`CxAnalyzer._phrase_filters`)
_FILTER_PHRASES = 800

#: a number in a phrase, where a word is `#`: "i was # minutes late" reads "I was 10 minutes late" (1.7; "#epic fail"
#: is a hashtag); the token of a phrase with such a word writes each run of digits as one "#" ("i_was_#_minutes_late"),
#: that of a phrase without keeps its digits ("0 stars" and "5 stars" are two phrases). ASCII digits only, as RE2's
_NUMBER = "[0-9]+"
_NUMBER_WORD = "\x00"  # (the trie's character for the word `#`)
_DIGITS = re.compile(_NUMBER)
#: an ordinal written in digits, where a word is `#st`, `#nd`, `#rd` or `#th`: "#rd time this week" reads "3rd time this
#: week" (its token "#rd_time_this_week", as a word `#`'s); any of the four takes any number ("#st" also "1st", which a
#: phrase of its own digits overrides: "1st time this week")
_ORDINAL_WORD = re.compile("#(?:st|nd|rd|th)")


def _number_word(word: str, number: str) -> str:
    """A phrase's `word` with its number (a word `#`, or an ordinal's `#`: `_ORDINAL_WORD`) written `number`."""
    return number if word == "#" else number + word[1:] if _ORDINAL_WORD.fullmatch(word) else word


#: a number hyphenated to its unit, read as two words so a phrase's `#` finds it ("a 45-minute wait" was 0, its
#: "45-minute" one word, where "45 minute wait" is -0.30); `_NUMBER_GLUED_RE2` where it may match, for RE2
_NUMBER_GLUED = re.compile(r"(?<![\w.-])([0-9]+)-(?=[a-zA-Z])")
_NUMBER_GLUED_RE2 = "[0-9]-[a-zA-Z]"
#: ... and a speed or hours glued to its unit ("paying for 500mbps and getting 20" was 0, where "500 Mbps" is a
#: phrase's `#` and unit; "my 200h save" is "my # h save"); `_UNIT_GLUED_RE2` where it may match
_UNIT_GLUED = re.compile(r"(?<![\w.])([0-9]+)(?=(?:[mgk]bps|h|hrs?|[ap]m)\b)", re.I)
_UNIT_GLUED_RE2 = "(?i:[0-9](?:[mgk]bps|h|hrs?|[ap]m)\\b)"
#: (stop 56: and a time of day, "5pm" as "5 pm", so a date before it is a phrase's: "10/10 at # pm" was a rating, +0.52)
#: a rating in stars below none, "-5 stars", read "minus 5 stars" (VADER strips the "-" of a phrase's token: "-5 stars
#: for Delta" was 0, and "5 stars" praise); `_MINUS_STARS_RE2` where it may match
_MINUS_STARS = re.compile(r"(?<![\w.-])-([0-9]+)(?=\s+stars?\b)", re.I)
_MINUS_STARS_RE2 = "(?i:-[0-9]+\\s+stars?\\b)"
#: (stop 56) where nobody is, or from whom, said between "nobody" and its verb, read before it ("nobody from Skyway
#: called" was 0, where "nobody called" is a complaint: "from Skyway nobody called"; "nobody here bothered"; not
#: "nobody else", whom another's help is praise of: "thanks Skyway for rebooking me, nobody else helped"), and
#: the things none of which work before "none" ("none of my apps are working" reads "of my apps none are working",
#: the lexicon's "none are working"); `_BETWEEN_NOBODY_RE2` where either may match
_NOBODY_WHERE = re.compile(
    r"\b(nobody|no\s+one|noone)\s+(here|there|at\s+all|(?:from|at)\s+(?:the\s+)?[a-z][\w&'-]*"
    r"(?:\s+(?-i:[A-Z])[\w&'-]*)?)(?=\s+[a-z])",
    re.I,
)
_NONE_OF = re.compile(
    r"\bnone\s+(of\s+(?:(?:my|our|the|your|their|these|those|his|her|its)\s+)?[a-z][\w'-]*)"
    r"(?=\s+(?:are|were|is|was|have|has|work|worked|works|seem|seems|will|would|do|did)\b)",
    re.I,
)
_BETWEEN_NOBODY_RE2 = "(?i:(?:nobody|no\\s+one|noone)\\s+(?:here|there|at|from)\\s|none\\s+of\\s)"
#: (stop 56) a date written as a rating is, after a weekday or "on", "by", "until", ... ("Thursday 3/10" and "Mon 1/10"
#: read as ratings, -0.26 and -0.47; "on 5/5" is no "5/5"): its slash a hyphen, no word of the lexicon ("3-10"). Not
#: "from now on 10/10", nor after "before" or "after", where a rating ending the post is as common ("add tipping after
#: delivery, not before 10/10"); `_DATE_SLASH_RE2` where it may match
_DATE_SLASH = re.compile(
    r"\b((?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?"
    r"|(?<!now )on|by|until|till|from|since|due)(\s+)([0-9]{1,2})/([0-9]{1,2})(?![/\w])",
    re.I,
)
_DATE_SLASH_RE2 = "(?i:[a-z][.,]?\\s+[0-9]+/[0-9])"
#: (stop 57) ... but "sat" and "wed" after their subject are verbs, no weekdays ("I sat 5/5" was a date, 0; "Sat 5/5"
#: stays one)
_SUBJECT_BEFORE = re.compile(r"(?<![\w'])(?:i|we|he|she|they|who|just|i've|ive|we've|have|has|had)\s+$", re.I)


def _dated(m: re.Match) -> str:
    """`_DATE_SLASH`'s date, its slash a hyphen; a verb's figure as it was (`_SUBJECT_BEFORE`)."""
    if m[1].lower() in ("sat", "wed") and _SUBJECT_BEFORE.search(m.string, 0, m.start()):
        return m[0]
    return f"{m[1]}{m[2]}{m[3]}-{m[4]}"


#: a time given free, its "free" after its unit, read before it ("signed up for 12 and getting 12 months free" was
#: -0.23: "for # and getting #", a shortfall, where "... 12 free months" is the lexicon's deal, "for # and getting #
#: free"); `_FREE_AFTER_UNIT_RE2` where it may match
_FREE_AFTER_UNIT = re.compile(r"(?<![\w.])([0-9]+)\s+((?:day|week|month|year)s?)\s+free\b", re.I)
_FREE_AFTER_UNIT_RE2 = "(?i:[0-9]\\s+(?:day|week|month|year)s?\\s+free\\b)"
#: a place in a queue of a hundred or more ("I'm 40,000th in the queue", "you are number 4532 in line" were 0: a
#: number is no word of sentiment) written "nth", a place the lexicon's "nth in the queue" weighs as the wait it is;
#: "5th in the queue" stays a place. `_FAR_IN_QUEUE_RE2` where it may match, for RE2
_FAR_IN_QUEUE = re.compile(
    r"(?<![\w,.])(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{3,})(?:st|nd|rd|th)?(?=\s+in\s+(?:the\s+)?(?:queue|line)\b)", re.I
)
_FAR_IN_QUEUE_RE2 = f"(?i:[0-9]{{3}}(?:st|nd|rd|th)?{_ASCII_SPACE}+in{_ASCII_SPACE})"


def _token(phrase: str) -> str:
    """A lexicon phrase's token: its words joined by `_`, each run of digits `#` in one with a word `#`."""
    token = "_".join(phrase.split())
    return _DIGITS.sub("#", token) if "#" in phrase.split() else token


def _phrase_pattern(phrases: list[str], gap: str = r"\s+", write=re.escape) -> str:
    """One regex matching any of `phrases` (words joined by any whitespace), the longest where
    several match. ASCII phrases make a trie ("st(?:ill\\s+(?:on\\s+hold|waiting)|opped...)"): at
    each character the regex tries the few branches its letter can start, not every phrase (2.6x
    faster). Distinct lower-case ASCII letters never match the same character, even with re.I, so
    no two branches of a trie node can both match; other phrases keep a plain alternation. `gap` and `write`
    write a space and a character (the RE2 prefilter's: RE2 gave up its fast DFA on a plain alternation of
    the 1.6 lexicon's phrases, case-insensitive, and cx took 4 times as long)."""
    if not all(p.isascii() for p in phrases):
        ordered = sorted(phrases, key=len, reverse=True)
        numbered = lambda w: w == "#" or _ORDINAL_WORD.fullmatch(w)  # noqa: E731
        words = lambda p: (_number_word(w, _NUMBER) if numbered(w) else "".join(map(write, w)) for w in p.split())  # noqa: E731
        return "|".join(gap.join(words(p)) for p in ordered)
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in " ".join(_number_word(w, _NUMBER_WORD) for w in phrase.lower().split()):
            node = node.setdefault(char, {})
        node[""] = {}  # a phrase ends here

    def branches(node: dict) -> str:
        # longer phrases first, the one ending here last: the lookahead after it backtracks to shorter ones
        parts = [
            (gap if c == " " else _NUMBER if c == _NUMBER_WORD else write(c)) + branches(rest)
            for c, rest in node.items()
            if c
        ]
        parts += [""] if "" in node else []
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return branches(trie) if phrases else ""


def _literal_trie(words: list[str]) -> str:
    """A regex matching exactly `words` (literal strings), as a trie ("fix(?:|ed|ing)"): Python's `re` tries at each
    character only the branch its letter starts, where the plain alternation of `_turns`' words tried each one
    (0.12 s of CPU a 200,000 posts, now 0.05 s)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def branches(node: dict) -> str:
        parts = [re.escape(c) + branches(rest) for c, rest in node.items() if c] + ([""] if "" in node else [])
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return branches(trie)


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


#: where calibration puts the dead zone's edge: just inside the default ±0.05 neutral band
NEUTRAL_EDGE = 0.049


def calibrate(compound: float, dead_zone: float) -> float:
    """Piecewise-linear: |c| < dead_zone maps into ±NEUTRAL_EDGE (sign kept), the rest onto NEUTRAL_EDGE..1."""
    if not dead_zone:
        return compound
    a = abs(compound)
    out = a / dead_zone * NEUTRAL_EDGE if a < dead_zone else 0.05 + (a - dead_zone) / (1 - dead_zone) * 0.95
    return math.copysign(out, compound)


def calibrate_array(compound: np.ndarray, dead_zone: float) -> np.ndarray:
    """`calibrate` element-wise, with the same floating-point operations."""
    if not dead_zone:
        return compound
    a = np.abs(compound)
    out = np.where(a < dead_zone, a / dead_zone * NEUTRAL_EDGE, 0.05 + (a - dead_zone) / (1 - dead_zone) * 0.95)
    return np.copysign(out, compound)


def emphasis(text: str, positive: bool) -> list[str]:
    """The rule VADER adds for "!" (up to 4, 0.292 each) and "?" (2 or 3: 0.18 each; more: 0.96) to a
    sum of valences that is not 0, away from 0, as `--explain` shows it: `["emphasis '!' x3 +0.88"]`."""
    marks, amount = [], 0.0
    if bangs := min(text.count("!"), 4):
        marks.append(f"'!' x{bangs}")
        amount += bangs * 0.292
    if (asks := text.count("?")) > 1:
        marks.append(f"'?' x{asks}")
        amount += asks * 0.18 if asks <= 3 else 0.96
    return [f"emphasis {' '.join(marks)} {amount if positive else -amount:+.2f}"] if marks else []


@dataclass
class Detail:
    """Why one text got its score (for --explain)."""

    score: float
    words: list[tuple[str, float, str]]  # token, final valence, note (negated, boosted, cx, ...)
    rules: list[str]

    def render(self) -> str:
        parts = [f"{w} {v:+.2f}" + (f" ({note})" if note else "") for w, v, note in self.words]
        out = "; ".join(parts) if parts else "no sentiment words"
        if self.rules:
            out += " | rules: " + ", ".join(self.rules)
        return out + f" | score {self.score:+.3f}"


def _not_at_end(prepared: str) -> bool:
    """Does `prepared` end in a lone "not" (or "not really", "not at all"), its own sentence ("Super useful. Not.",
    "Would I recommend them? NOT!"), after a colon or a dash ("Great service: Not.", "Best airline ever - not", "Is it
    worth it: not really"; a quote's end: "'Great service.' Not.") or a hashtag ("#not"), perhaps with emoticons or
    emoji after it ("Great service. Not. :|")? Sarcasm's marker: the praise before it is not meant."""
    words = prepared.split()
    while words and (_EMOTICON_OR_EMOJI.fullmatch(words[-1])):
        words.pop()
    tail = [w.strip(string.punctuation).lower() for w in words[-3:]]
    drop = 1 if tail[-1:] == ["really"] else 2 if tail[-2:] == ["at", "all"] else 0
    if drop and len(words) > drop and words[-drop - 1][-1:].isalpha():  # ("not. really" is no answer)
        del words[-drop:]
    last = words[-1] if words else ""
    if last.strip(string.punctuation).lower() != "not":
        return False
    before = words[-2].rstrip("'\")") if len(words) > 1 else ""
    return last.startswith("#") or before[-1:] in tuple(".!?;:") or (before != "" and not before.strip("-–—"))


#: thanks given "for nothing": the first "for" after a word of thanks, up to `_FOR_NOTHING_WITHIN` words on, in its
#: clause
_FOR_NOTHING_WITHIN = 5
#: where `_thanks_for_nothing` may hold, for RE2 over a batch
_FOR_NOTHING = r"(?i)for[\W_]+nothing"
_RELATIVE = frozenset({"who", "that", "which", "whose"})


def _thanks_for_nothing(prepared: str) -> bool:
    """Are thanks given "for nothing", said apart ("Thanks to the support team for nothing", "thanks Delta for
    nothing!", "thanks, for nothing")? The first "for" in the thanks' clause, a few words on (or just past its end: a
    pause), opens "nothing" ending its clause: sarcasm, as the lexicon's "thanks for nothing" is; not thanks for work
    done free ("thank you for doing this for nothing"), nor "for nothing" said on ("thanks for nothing in return"),
    nor in a clause of its own ("thanks to the volunteers who work for nothing")."""
    tokens = prepared.split()
    words = [_word(t).lower() for t in tokens]
    ends = [t[-1] in _CLAUSE_END for t in tokens]
    n = len(words)
    for i, w in enumerate(words):
        if w.split("_")[0] not in ("thanks", "thank", "thx"):
            continue
        at = next(
            (k for k in range(i + 1, min(i + 1 + _FOR_NOTHING_WITHIN, n)) if words[k] == "for" or ends[k - 1]), None
        )
        # (a pause before the "for" is the sarcasm's own: "thanks, for nothing", "thanks Delta... for nothing")
        if at is None or words[at] != "for" or at + 1 >= n or words[at + 1] != "nothing":
            continue
        if not _RELATIVE.isdisjoint(words[i + 1 : at]):  # the "for" of a clause of its own: "... who work for nothing"
            continue
        after = tokens[at + 2 : at + 3]  # its clause ends there, or an emoji, emoticon or hashtag follows
        if ends[at + 1] or not after or after[0][0] == "#" or _EMOTICON_OR_EMOJI.fullmatch(after[0]):
            return True
    return False


#: a word of VADER's lexicon that is an emoticon: punctuation, and no two letters or digits in a row (":|", "d:", "<3",
#: ";-)"; not "10/10", "gr8", "j/k", "h&k")
_EMOTICON = re.compile(r"(?=.*[^\w'-])(?!.*\w\w)(?!\w[/&]\w$).+")
#: a token that is an emoticon (no letter nor digit: ":|", ":(") or cx's token of an emoji
_EMOTICON_OR_EMOJI = re.compile(r"[^\w]+|cxemoji[0-9]+")
#: where `_not_at_end` may hold, for RE2 over a batch (its \W: any character beyond ASCII too)
_NOT_LAST = r"(?i)not(?:[\W_]+(?:really|at[\W_]+all))?(?:[\W_]|cxemoji[0-9]+)*$"


#: a hashtag token, nothing after it: a tag, no word of a sentence ("#delayed", not "#delayed?"); a verdict's
#: ("#fail") is a judgement, no topic
_TAG = re.compile(rf"#(?!(?:{_VERDICTS})$)\w+", re.I)


#: "incredible" as a sentence of its own, exclaimed ("Incredible!" was 0: VADER's booster, of no valence of its own, as
#: "incredible" before a word is): `_unglued` writes it as the lexicon's word "incredible_alone"
_INCREDIBLE_ALONE = re.compile(r"(?i)(?:^|(?<=[.!?;]))(\s*)incredible(?=[.!]*\s*$|[.!]+\s)")
#: a low rating's token, in stars or out of ten or five (its valence negative: "zero_stars", "1/10", "1/5",
#: "1_out_of_5_stars")
_LOW_RATING = re.compile(
    r"(?:[0-9.#]+|zero|no|one|two|half_a|minus_#|negative_#)(?:_out_of_5_|/5_|_)stars?|[0-9]/10|[0-9]/5"
)

#: a digit before a unit, as `_UNIT_GLUED`'s numbers are, in a lower-cased text (`_lowered`)
_UNIT_AFTER_DIGIT = re.compile(r"[0-9](?:[mgk]bps|h|[ap]m)")
#: the characters beyond ASCII that Python's re ignoring case reads as ASCII letters: "İ" and "ı" as "i", "ſ" as "s",
#: the Kelvin sign as "k" (lower() writes "İ" as "i" and a dot, and leaves the others; no other character is either)
_READ_AS_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")


def _lowered(text: str) -> str | None:
    """`text.lower()`, in which the words a pattern ignoring case matches in `text` are written in lower case, to look
    for them before the pattern; None when that does not hold (`_READ_AS_ASCII`): search with the pattern."""
    return None if any(ch in text for ch in _READ_AS_ASCII) else text.lower()


#: words of judgement a closing hashtag says as a verdict, no topic (`_tags_from`: "is this a joke? #abysmal" was
#: +0.11, its tag weighing nothing as "#delayed" does)
_VERDICT_TAGS = _JUDGEMENTS | frozenset(
    {
        "disgraceful", "disgrace", "ridiculous", "shambles", "shambolic", "diabolical", "incompetent",
        "unprofessional", "ripoff", "shameful", "outrageous", "unusable", "letdown",
    }
)  # fmt: skip


def verdict_tag(tag: str) -> bool:
    """Whether a hashtag's word (no "#") judges ("fail", "disgraceful", "skywayfail"), as no topic's tag does: intent
    reads a question's closing tags as cx does (`_tags_from`)."""
    return tag.lower() in _VERDICT_TAGS or bool(_HASHTAG_VERDICT.fullmatch(f"#{tag}")) or tag.lower() in _VERDICTS


def _tags_from(prepared: str) -> int:
    """Token position of the run of hashtags ending `prepared` (its token count if none): tags after the last
    sentence ("... stroller? thanks in advance #delayed"), which name a topic and ask about no event of one's own;
    not one of a verdict (`_VERDICT_TAGS`: "#disgraceful") nor those before it."""
    tokens = prepared.split()
    k = len(tokens)
    while k and _TAG.fullmatch(tokens[k - 1]) and tokens[k - 1][1:].lower() not in _VERDICT_TAGS:
        k -= 1
    return k


def _question(text: str) -> bool:
    """Whether cx's question rule damps `text`: it asks ("?" at its end, or a question word first and a "?"), with no
    "!"; full-width "？" and "！" as ASCII's ("Is it good？" was no question)."""
    if not text.isascii():
        text = text.replace("\uff1f", "?").replace("\uff01", "!")
    if "?" not in text:
        return False
    stripped = text.strip()
    return "!" not in stripped and (stripped.endswith("?") or bool(QUESTION_START.match(stripped)))


#: the valence turns of `CxAnalyzer._turns`, by kind, as `--explain` names them
_TURNS = (
    "slang verdict",
    "problem fixed",
    "problem not fixed",
    "no mockery",
    "department",
    "for good: forever",
    "interjection",
    "my bad: an apology",
    "praise of a fault's name",
    "wanting badly",
    "less of a quality",
    "thanks to: a cause",
    "my foot: a foot",
    "my foot: denied",
    "scare quotes",
    "nobody: denied",
    "praise turned against",
)
#: "for good" ending its clause is forever, no praise ("I quit Skyway for good."), where "for good service" is
_FOREVER = r"for\s+good"
#: "my bad" ending its clause owns a mistake, an apology as "sorry" is, no judgement ("My bad, sorry :)" was -0.16,
#: VADER's "bad" -2.5), where "my bad luck" is one
_MY_BAD = r"my\s+bad"
#: "so bad" or "badly" ending a clause of wanting is how much, no judgement ("I have never wanted to see a movie so
#: bad!! ;)" was -0.71)
_SO_BAD = r"so\s+bad|badly"
#: "less" before a positive word says the quality is lacking, no praise ("less comfortable seats this year" was +0.43:
#: VADER's "less" only damps it); not after a negation or "any" ("no less impressive", "isn't any less fun"), nor in
#: "more or less"
_LESS = r"\bless\s"
_NOT_LESS = frozenset({"no", "not", "never", "any", "none", "nothing", "or"})
#: ... but "any less" after "couldn't be" is the quality lacking, all of it ("support couldn't be any less helpful" was
#: +0.37: the negation three words too far to reach it), where "isn't any less fun" is litotes (a phrase: no negation)
_COULD_NOT = frozenset({"couldn't", "couldnt", "can't", "cant", "cannot"})
_WANTING = frozenset({"want", "wants", "wanted", "wanting", "wanna", "need", "needs", "needed", "needing"})
#: "thanks to" after a complaint in its sentence is "because of" ("stuck at the airport overnight thanks to Skyway" was
#: +0.18, the thanks outweighing "stuck"); not at its sentence's start, after praise, nor thanks "for" something
#: ("Flight delayed, thanks to the crew for the updates"): the tuning texts' "thanks to" is most often praise's cause
_CAUSE = r"thanks\s+to"
#: ... up to this many words after the complaint ("a farce that overcomes much of its excessive moral baggage thanks to
#: two appealing lead performances", a tuning review rated +1.25, is no cause of the farce)
_CAUSE_WITHIN = 5
#: "X my foot" ending a short clause at its sentence's start denies X, sarcastically ("'Instant' my foot" was 0): the
#: lexicon's phrase "my foot" (-1.5) and X's praise turned (`_TURNS` 13); "my foot" after a person, a preposition or a
#: verb of harm is a foot (12, none: "I hurt my foot", "stepped on my foot"). Stop 55: "my arse" scoffs as "my foot"
#: does ("'Instant' my arse" was 0), and a verb done to one's own is no scoff ("support saved my arse", "kiss my arse")
_SCOFFS = frozenset({"my_foot", "my_arse"})
#: (stop 57) "nobody" or "no one" denies the praise a few words after it in its clause, as VADER's "none" would ("nobody
#: here is happy" was +0.55; `_TURNS` 15), by VADER's own factor; not where another is compared ("nobody else helped",
#: "nobody does it better than Skyway", "nobody is perfect"): praise of the brand or an excuse; nor certainty ("no one
#: knows for sure"), no praise
_NOBODY = r"\b(?:nobody|noone|no\s+one)\b"
_NOBODY_WITHIN = 4
_N_SCALAR = -0.74  # (VADER's N_SCALAR)
_NOT_DENIED = frozenset(
    {"else", "better", "best", "beat", "beats", "compare", "compares", "close", "rival", "rivals", "match", "matches"}
    | {"perfect", "than", "sure"}
)
#: a word of praise in quotes is scare quotes, no praise ('their "support" never answered', 'the "express" line took an
#: hour', 'they said it was "great"'; `_TURNS` 14): `unglued` keeps its quotes (other words' it leaves out, so they
#: join their phrases: "still 'reviewing'"); `_SCARE_RE2` where it may be, for RE2
_SCARE = re.compile(r"""^["'][a-z]+["'][.,!?;:]*$""")
_SCARE_RE2 = r"""["'][a-zA-Z]+["']"""
_FOOT_LITERAL = frozenset(
    {"i", "we", "you", "he", "she", "they", "i've", "ive", "i'm", "im", "just"}
    | {"on", "in", "of", "off", "to", "into", "onto", "under", "over", "from", "with", "at", "by", "for", "around"}
    | {"hurt", "hurts", "broke", "break", "broken", "cut", "stubbed", "twisted", "sprained", "injured", "stepped"}
    | {"ran", "dropped", "burned", "burnt", "bit", "bruised", "crushed", "fell", "hit", "kicked", "is", "was", "and"}
    | {"saved", "save", "saves", "saving", "covered", "cover", "covers", "kiss", "kissed", "kick", "kicks", "kicking"}
    | {"sat", "sit", "sitting", "move", "moved", "get", "got", "up", "bite", "bites"}
)
_PASSIVE = frozenset({"was", "were", "got", "been", "is", "are"})
#: a fix asked for ("fix") that was seen done is done: "great to see QuickBite fix the app crashes so fast" was sarcasm
#: (-0.81, the crashes a complaint); not a fix one wants to see ("would love to see them fix the crashes")
_SEEN = frozenset({"saw", "seeing", "watched", "watching"})
_WISHED = _WANTING | frozenset(
    {"would", "could", "should", "wish", "hope", "hoping", "love", "like", "wait", "can't_wait", "i'd", "it'd", "if"}
)
#: words that thank, before which people out or working on a problem (`[sarcasm] sincere`'s "who ...") are its handling
_THANKING = ("thank", "kudos", "shoutout", "shout_out", "cheers", "appreciate", "grateful")
#: who wants: a person ("I need a holiday so badly"), or a thing, whose need is a complaint ("my phone needs a new
#: battery so badly")
_PERSONS = frozenset({"i", "we", "you", "u", "he", "she", "they", "i'm", "im", "i've", "ive", "we're", "we've"})
_THINGS = frozenset({"the", "this", "that", "it", "its", "it's", "my", "our", "your", "their"})
_NEW_SUBJECT = frozenset({"and", "because", "when", "since", "i", "he", "she", "we", "they", "who", "which"})
#: a laugh that opens a post is at an event up to this many words after it ("lmao they cancelled my flight"); not one
#: further on ("LMAO RT @user Went looting in Spurs last night, broke into the ...", a joke: TweetEval val's neutral)
_LAUGH_OPENS = 5
#: a token's last character that ends its clause
_CLAUSE_END = frozenset(".,!?;:)")
#: a form of "be" after a fix: what follows is said of the words before, not fixed ("the fixed menu was awful")
_BE = frozenset({"is", "are", "was", "were", "isn't", "aren't", "wasn't", "weren't"})
#: a word after a department's word that makes it a verb with its object ("I support them never give up"), no department
_OBJECTS = frozenset({"me", "you", "him", "her", "it", "us", "them", "this", "that", "these", "those"})


def _turned(v: np.ndarray, kind: np.ndarray, factor: float) -> np.ndarray:
    """Valences as `_TURNS` turns them: a verdict's sign turns; a problem fixed weighs `factor` (where still
    negative); a problem whose fix is negated or only asked for stays negative (where VADER's negation of the fix
    reached it), as does a quality after "less"; laughter at a joke, a department that did nothing, an interjection
    inside its clause and an apology's "my bad" weigh nothing; praise turned against counts at `factor`."""
    kept = np.where((kind == 2) | (kind == 10), np.where(v > 0, -v, v), 0.0 * v)
    kept = np.where(kind == 15, np.where(v > 0, v * _N_SCALAR, v), kept)
    kept = np.where(kind == 16, np.where(v > 0, v * factor, v), kept)
    return np.where((kind == 0) | (kind == 13), -v, np.where(kind == 1, np.where(v < 0, v * factor, v), kept))


class _Rules:
    """cx's rules (contrast, sarcasm, question) for a batch of prepared texts, as `_analyze` applies
    them one text at a time, here over the valences of all hits at once (fast_vader's `Adjust`).
    Per text, what needs its string is found here: the first contrast word, a sarcasm opener, a
    question."""

    def __init__(self, cx: CxAnalyzer, texts: list[str], prepared: list[str]) -> None:
        contrast, contrast_rx = cx._contrast, cx._contrast_rx
        self.lex, self.events, self.opener_rx, self.prepared = cx.lex, cx._event_rows, cx.opener_rx, prepared
        self.rave_rows, self.smile_rows, self.apology_rows = cx._rave_rows, cx._smile_rows, cx._apology_rows
        self.judgement_rows, self.laugh_rows = cx._judgement_rows, cx._laugh_rows
        self.reads = cx._sarcasm
        n = len(texts)
        scanned = _arrow(prepared)  # (once for the RE2 scans below: 18 ms a conversion of 180,000 texts)
        # where `_sarcasm` may read anything but None (17,000 of 42,000 texts it was asked about have no opener)
        self.may_sarcasm = _matching(scanned, cx._sarcasm_filter) if cx._sarcasm_filter else np.zeros(n, dtype=bool)
        self.cut = np.full(n, -1, dtype=np.int64)  # token position of the first contrast word
        self.question = np.zeros(n, dtype=bool)
        if contrast_rx is not None:
            for i in np.flatnonzero(_may_contain(scanned, contrast_rx)).tolist():
                p = prepared[i]
                if contrast_rx.search(p.lower()):
                    self.cut[i] = next((k for k, t in enumerate(p.split()) if _word(t).lower() in contrast), -1)
        self.tags_from = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)  # (`_tags_from`, of questions only)
        for i, text in enumerate(texts):  # (no "?": no question, and most texts have none)
            if ("?" in text or "\uff1f" in text) and _question(text):
                self.question[i], self.tags_from[i] = True, _tags_from(prepared[i])
        self.winked = np.zeros(n, dtype=bool)  # (a wink's token at the end: `CxAnalyzer._winked`)
        if cx._winks:
            for i in np.flatnonzero(_matching(scanned, "cxemoji")).tolist():
                self.winked[i] = cx._winked(prepared[i])
        self.not_at_end = np.zeros(n, dtype=bool)  # (each text: 17 ms for 60,000; RE2 first: 6)
        for i in np.flatnonzero(_matching(scanned, _NOT_LAST)).tolist():
            self.not_at_end[i] = _not_at_end(prepared[i])
        for i in np.flatnonzero(_matching(scanned, _FOR_NOTHING)).tolist():  # (thanks "for nothing": as sarcastic)
            self.not_at_end[i] |= _thanks_for_nothing(prepared[i])
        keys, kinds = [], []  # `CxAnalyzer._turns` of each text, by (text, token position)
        if cx._turn_rxs:
            for i in np.flatnonzero(_matching(scanned, cx._turn_filter)).tolist():
                for pos, kind in cx._turns(prepared[i]):
                    keys.append((i << 32) | pos)
                    kinds.append(kind)
        order = np.argsort(np.array(keys, dtype=np.int64), kind="stable")
        self.turn_keys = np.array(keys, dtype=np.int64)[order]
        self.turn_kinds = np.array(kinds, dtype=np.int64)[order]

    def apply(self, offset: int, v: np.ndarray, text: np.ndarray, pos: np.ndarray, row: np.ndarray) -> np.ndarray:
        lex, n = self.lex, int(text.max()) + 1 if len(text) else 0
        if len(self.turn_keys):  # slang verdicts and problems fixed, as `_analyze` turns them
            key = ((offset + text).astype(np.int64) << 32) | pos
            # (a word two rules turn takes the last turn, as `_analyze` does: "fixed never fixed awful")
            at = np.maximum(np.searchsorted(self.turn_keys, key, side="right") - 1, 0)
            hit = self.turn_keys[at] == key
            v = v.copy()
            v[hit] = _turned(v[hit], self.turn_kinds[at[hit]], lex.fix_factor)
        cut = self.cut[offset + text]
        after = (cut >= 0) & (pos > cut)
        contrast = np.zeros(n, dtype=bool)
        contrast[text[after & (v != 0)]] = True  # a sentiment after the contrast word
        c = contrast[text]
        v = np.where(c & (pos < cut), v * lex.contrast_before, np.where(c & after, v * lex.contrast_after, v))
        if len(self.rave_rows):  # `CxAnalyzer._rave`: crying words beside praise alone weigh nothing
            rave = np.isin(row, self.rave_rows)
            crying, praise, other = (np.zeros(n, dtype=bool) for _ in range(3))
            crying[text[rave]] = True
            praise[text[(v > 0) & ~rave]] = True  # (a negated crying word is no praise: "without crying")
            other[text[(v < 0) & ~rave]] = True
            v = np.where((crying & praise & ~other)[text] & rave, 0.0, v)
        event = np.zeros(n, dtype=bool)
        event[text[np.isin(row, self.events) & (v < 0)]] = True
        if len(self.smile_rows):  # `CxAnalyzer._smile_at_complaint`: smiles beside an event and no praise weigh nothing
            smile = np.isin(row, self.smile_rows)
            praise, late = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
            praise[text[(v > 0) & ~smile & ~np.isin(row, self.laugh_rows)]] = True  # (a laugh is none)
            last = np.full(n, -1, dtype=np.int64)  # (the last smile's position: a complaint before it is one too)
            np.maximum.at(last, text[smile], pos[smile])
            sorry = np.zeros(n, dtype=bool)  # (an apology's words before its smile are no complaint)
            sorry[text[np.isin(row, self.apology_rows)]] = True
            judged = np.isin(row, self.judgement_rows) & (pos < last[text]) & ~sorry[text]
            complaint = np.isin(row, self.events) | judged
            late[text[complaint & (v < 0) & ((cut < 0) | after)]] = True  # (after a contrast word)
            v = np.where((late & ~praise)[text] & smile, 0.0, v)
        if len(self.laugh_rows):  # `CxAnalyzer._laugh_at_complaint`: a laugh after an event and no praise, none
            laugh = np.isin(row, self.laugh_rows)
            praise, late = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
            praise[text[(v > 0) & ~laugh & ~np.isin(row, self.smile_rows)]] = True  # (a smile is none)
            last = np.full(n, -1, dtype=np.int64)
            np.maximum.at(last, text[laugh], pos[laugh])
            sorry = np.zeros(n, dtype=bool)  # (a judgement is one too, outside an apology, as before a smile)
            sorry[text[np.isin(row, self.apology_rows)]] = True
            complaint = (np.isin(row, self.events) | np.isin(row, self.judgement_rows) & ~sorry[text]) & (v < 0)
            opens = np.zeros(n, dtype=bool)  # (a laugh opening the post: the complaint close after it is one too)
            opens[text[laugh & (pos == 0)]] = True
            before = complaint & ((pos < last[text]) | opens[text] & (pos <= _LAUGH_OPENS))
            late[text[before & ((cut < 0) | after)]] = True
            v = np.where((late & ~praise)[text] & laugh, 0.0, v)
        positive = np.zeros(n, dtype=bool)
        positive[text[v > 0]] = True
        sarcasm = np.zeros(n, dtype=bool)  # looked for only where sarcasm could apply
        thanks = np.zeros(n, dtype=bool)
        if self.opener_rx is not None:
            for t in np.flatnonzero(event & positive & self.may_sarcasm[offset : offset + n]).tolist():
                read = self.reads(self.prepared[offset + t])
                sarcasm[t], thanks[t] = read == "sarcasm", read == "thanks"
        ended = np.zeros(n, dtype=bool)  # praise and then "Not." (`_not_at_end`): sarcasm, no thanks nor question
        ended[text] = self.not_at_end[offset + text]
        winked = np.zeros(n, dtype=bool)  # praise before an event, then a wink (`CxAnalyzer._winked`): sarcasm
        winked[text] = self.winked[offset + text]
        if winked.any():
            first = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
            np.minimum.at(first, text[v > 0], pos[v > 0])
            late = np.zeros(n, dtype=bool)
            at = np.isin(row, self.events) & (v < 0)
            late[text[at & (pos >= first[text])]] = True
            sarcasm |= winked & late & ~thanks & ~ended
        sarcasm |= ended & positive
        thanks &= ~sarcasm
        v = np.where(sarcasm[text] & (v > 0), v * lex.sarcasm_factor, v)
        v = np.where(thanks[text] & np.isin(row, self.events) & (v < 0), v * lex.thanks_factor, v)
        tagged = np.isin(row, self.events) & (v < 0) & (pos >= self.tags_from[offset + text])
        asked = np.zeros(n, dtype=bool)  # an event outside the closing hashtags: a question about one's own event
        asked[text[np.isin(row, self.events) & (v < 0) & ~tagged]] = True
        question = self.question[offset + text] & ~asked[text] & ~sarcasm[text]
        return np.where(question, np.where(tagged, 0.0, v * lex.question_factor), v)


def _arrow(texts: list[str]) -> pa.Array | list[str]:
    """`texts` as Arrow strings for several RE2 scans, or as they are where Arrow cannot hold them (lone surrogates:
    each scan then passes every text)."""
    try:
        return pa.array(texts, pa.large_string())
    except (pa.ArrowException, UnicodeError):
        return texts


def _may_contain(texts: list[str] | pa.Array, rx: re.Pattern) -> np.ndarray:
    """Texts where `rx` (lower-case, searched in the lower-cased text) may match: RE2 over the whole
    batch, ignoring case, for ASCII texts (their lower case is ASCII's), and every other text."""
    try:
        arr = texts if isinstance(texts, pa.Array) else pa.array(texts, pa.large_string())
        found = pc.match_substring_regex(arr, rx.pattern, ignore_case=True)
        return pc.or_(found, pc.invert(pc.string_is_ascii(arr))).to_numpy(zero_copy_only=False)
    except (pa.ArrowException, UnicodeError):  # lone surrogates, or a pattern RE2 rejects
        return np.ones(len(texts), dtype=bool)


def _matching(texts: list[str] | pa.Array, pattern: str) -> np.ndarray:
    """Texts where the RE2 `pattern` matches, over the whole batch; every text where RE2 cannot read them."""
    try:
        arr = texts if isinstance(texts, pa.Array) else pa.array(texts, pa.large_string())
        return pc.match_substring_regex(arr, pattern).to_numpy(zero_copy_only=False)
    except (pa.ArrowException, UnicodeError):  # lone surrogates
        return np.ones(len(texts), dtype=bool)


def _denied(words: list[str], ends: list[bool], i: int, negate) -> bool:
    """Is the word at `i` negated by one of the two words before it in its clause ("nobody rebooked me"; not "blocked
    for no reason, unblocked")?"""
    return any((words[k] in negate or "n't" in words[k]) and not any(ends[k:i]) for k in range(max(i - 2, 0), i))


def _word(token: str) -> str:
    """VADER's `_strip_punc_if_word`: strip punctuation unless that leaves 2 characters or fewer."""
    stripped = token.strip(string.punctuation)
    return token if len(stripped) <= 2 else stripped


class CxAnalyzer:
    """Customer-talk sentiment: VADER + cx_lexicon.toml. No subjectivity (NaN).

    VADER's word rules run through fast_vader's per-text path (cached per token);
    `reference=True` (`--sentiment cx-reference`) runs them through the vaderSentiment
    library instead, word by word: same numbers, several times slower (the parity test)."""

    name = "cx"
    languages = ("en",)

    def __init__(self, lexicon: CxLexicon | None = None, *, reference: bool = False):
        from vaderSentiment import vaderSentiment as vs

        from .fast_vader import FastVader

        self._vs = vs
        self.reference = reference
        self._few_before = False  # (`_FEW`: has a batch of so few texts been scored?)
        if reference:
            self.name = "cx-reference"
        self.lex = lexicon or load_lexicon()
        self.version = f"cx lexicon {self.lex.version}"  # (`sentiment.produced_by`)
        base = _vader()
        self.sia = vs.SentimentIntensityAnalyzer.__new__(vs.SentimentIntensityAnalyzer)
        self.sia.lexicon = dict(base.lexicon)
        self.sia.emojis = dict(base.emojis)
        self.cx_tokens: set[str] = set()
        for word, v in self.lex.words.items():
            if v == 0:  # neutral: out of the lexicon, or VADER's boosters would still give it a valence
                self.sia.lexicon.pop(word, None)
                continue
            self.sia.lexicon[word] = v
            self.cx_tokens.add(word)
        for phrase, v in self.lex.phrases.items():  # (as VADER reads a token: "#_hours_lost" is "hours_lost")
            self.sia.lexicon[_word(_token(phrase))] = v
            self.cx_tokens.add(_word(_token(phrase)))
        self._tokens = {_token(p) for p in self.lex.phrases}
        # what the lexicon says weighs nothing ("laugh at my pain", "dx": VADER's -3.0), named by `--explain`, which
        # said "no sentiment words" of "go see laugh at my pain"; not a contrast's phrase ("on the other hand")
        # (stop 46: `names_neutral` asks which of the brands' names are here, "united", for `explain` to say so)
        self.zeroed = {_word(_token(p)) for p, v in self.lex.phrases.items() if not v}
        self.zeroed |= {w for w, v in self.lex.words.items() if not v and w in base.lexicon}
        self.emoji_tokens: dict[str, str] = {}
        for i, (char, v) in enumerate(self.lex.emoji.items()):
            token = f"cxemoji{i}"
            self.emoji_tokens[char] = token
            self.sia.lexicon[token] = v
            self.sia.emojis.pop(char, None)
        # emoji read as words before the phrases are joined ("help 🙏" is "help please", a plea, where VADER read
        # "help folded hands" after them: +0.37); `_unglued` writes them, and the emoji table any left
        self.sia.emojis |= {k: v for k, v in self.lex.emoji_words.items() if k not in self.emoji_tokens}
        self._emoji_words = {k: f" {v} " for k, v in self.lex.emoji_words.items() if k not in self.emoji_tokens}
        words_rx = "|".join(map(re.escape, self._emoji_words))
        self.events = {t for t in self.cx_tokens if self.sia.lexicon[t] < 0}
        # and the emoji that say praise is not meant (`[sarcasm] markers`: "great, another late winner for them 🙄")
        self.events |= {self.emoji_tokens[m] for m in self.lex.markers if self.lex.emoji.get(m, 0) < 0}
        self._markers = {self.emoji_tokens[m] for m in self.lex.markers if m in self.emoji_tokens}
        self._winks = frozenset(self.emoji_tokens[m] for m in self.lex.winks if m in self.emoji_tokens)
        pattern = _phrase_pattern([p for p in self.lex.phrases if " " in p])
        self._phrases = pattern or None  # (`phrase_rx`, `_phrase_split`: compiled when first used)
        # the same phrases found in lower-cased text without re.I (the trie's letters are lower-case): see
        # _join_phrases; a plain alternation (phrases beyond ASCII) stays with phrase_rx
        ascii_trie = pattern and all(p.isascii() for p in self.lex.phrases if " " in p)
        self._ascii_trie = bool(ascii_trie)
        # and in RE2, for a batch (`_join_phrases_all`): \b stands in for the look-arounds where every phrase starts
        # and ends with an ASCII word character (the texts where they differ, a phrase beside ' or a character
        # beyond ASCII, are done one by one), and a gap is one blank: `_phrase_spans` makes each run of ASCII space in
        # the texts one (a space beyond it: one by one). With `_ASCII_SPACE`+ for gaps RE2's DFA scanned 7x slower: its
        # marks took 70 against 30 ms of CPU over a 50,000-post slice's 18,000 candidates (a word `#` is digits: word
        # characters)
        numbered = (" ".join(_number_word(w, "0") for w in p.split()) for p in self.lex.phrases if " " in p)
        edges = "".join(p[0] + p[-1] for p in numbered)
        word_edges = ascii_trie and re.fullmatch(r"\w*", edges, re.A)
        # (no capturing group: RE2 then finds each match's ends with its DFA alone; a group sent every match through its
        # slower submatch engine, 29 against 16 ms a 50,000-post slice)
        self._phrase_re2 = r"\b(?:" + pattern.replace(r"\s+", " ") + r")\b" if word_edges else None
        # an opener of several words ("so glad") with any whitespace between them, as the reference reads it; and
        # praise that begins with one, joined into a phrase's token ("great_job", "thank_you_so_much": 1.4 took
        # "great job Skyway, another 3 hour delay" for praise), not a formula without sentiment ("thanks_in_advance")
        praise = [
            _token(p)
            for p, v in self.lex.phrases.items()
            if v > 0 and any(p.startswith(f"{o} ") for o in self.lex.openers)
        ]
        openers = "|".join([f"{_SPACE}+".join(o.split()) for o in self.lex.openers] + praise)
        self.opener_rx = (
            re.compile(rf"^(?:\W*\w+\W+){{0,{self.lex.sarcasm_within - 1}}}?\W*(?:{openers})\b")
            if self.lex.openers
            else None
        )
        # and an opener alone as the post's last clause, after a clause's end (stop 49: "app update broke everything...
        # great job", "support hasn't replied - good job"): a sign-off, read as an opener is (whitespace after it too:
        # the batch path's prepared texts keep theirs); the end may be an emoticon's (stop 49 review: "parcel lost
        # again :) great job" was praise)
        self.signoff_rx = (
            re.compile(rf"(?:[.,;:!?][^\w\s]*|\s-+)\s*(?:{openers})(?![\w'])[^\w\s]*\s*$") if self.lex.openers else None
        )
        # a closing sentence that ends with a gloat, of any length, after an event's (stop 50: "Calora outage again.
        # Insurers are going to love this" was +0.30); not said to the reader ("... is gone. You're going to love this")
        gloats = "|".join(f"{_SPACE}+".join(map(re.escape, g.split())) for g in self.lex.gloats)
        to_you = r"(?<!\byou're\s)(?<!\byou\u2019re\s)(?<!\byoure\s)(?<!\byou\sare\s)(?<!\byou\s)"
        self.gloat_rx = re.compile(rf"(?:^|\s){to_you}(?:{gloats})[^\w\s]*(?:\s+[^\w\s]+)*\s*$") if gloats else None
        # texts where `_sarcasm` may find an opener (a praise token begins with one) or a gloat, for RE2 over a batch:
        # the first word of one, ignoring case (as lower() folds but for "İ", "i" and a dot: those texts too)
        firsts = sorted({w.split()[0] for w in self.lex.openers + self.lex.gloats})
        self._sarcasm_filter = f"(?i:{'|'.join(map(re.escape, firsts))})|\u0130" if self.lex.openers else None
        self.token_names = {v: k for k, v in self.emoji_tokens.items()}
        self._sincere: dict[str, list[tuple[str, ...]]] = {}  # by first word: each post's words are looked up once
        for entry in self.lex.sincere:
            self._sincere.setdefault(entry.split()[0], []).append(tuple(entry.split()))
        self._not_done = _NOT_DONE.union(self._vs.NEGATE)
        self._repeated = frozenset(self.lex.repeated)
        self._persists = frozenset(self.lex.persists)
        self._before_event = frozenset(self.lex.before_event)
        self._others = frozenset(self.lex.others)
        self._thanked = self._others.union(self.lex.handlers)  # (`_people_thanked`)
        self._handled_after = frozenset(self.lex.handled_after)
        self._fast = FastVader(lexicon=self.sia.lexicon, comma_ends_negation=True)
        # RE2 prefilter for the phrases: looser patterns (no word boundaries) that pyarrow
        # matches over a whole batch, so the exact Python regex only runs where it may match. In patterns of at most
        # `_FILTER_PHRASES` phrases each (sorted: a chunk's phrases share their prefixes): one of 1,450 phrases (stop
        # 47) passed RE2's DFA budget and its scan of 100,000 posts took 0.85 s (0.05 s as two)
        several = sorted(p for p in self.lex.phrases if " " in p)
        write = lambda c: _ANY_APOSTROPHE if c == "'" else f"[-{_HYPHENS}\u2013]" if c == "-" else re.escape(c)  # noqa: E731
        self._phrase_filters = [
            f"(?i:{_phrase_pattern(several[i : i + _FILTER_PHRASES], gap=f'{_ASCII_SPACE}+', write=write)})"
            for i in range(0, len(several), _FILTER_PHRASES)
        ]
        # and the texts `_prepare` rewrites where it looks for phrases: spaces beyond ASCII (the phrases' gaps are
        # ASCII's), a hashtag verdict, İ and ı, a glued sentence end, a tag, an aside, a cleft, a word in quotes (a line
        # break: below)
        self._phrase_filters.append(
            f"(?i:[{NON_ASCII_SPACES}]|{_LOOSE_VERDICT})|[İı]|{GLUED_RE2}|{aside_re2()}|{CLEFT_RE2}|{NEGATION_GLUED_RE2}"
            + f"|{_NUMBER_GLUED_RE2}|{_FAR_IN_QUEUE_RE2}|{_UNIT_GLUED_RE2}|{_FREE_AFTER_UNIT_RE2}|{QUOTED_WORD_RE2}"
            + f"|{_MINUS_STARS_RE2}|{_BETWEEN_NOBODY_RE2}|{_DATE_SLASH_RE2}"
            + (f"|{words_rx}" if words_rx else "")
        )
        self._emoji_filter = "|".join(map(re.escape, self.emoji_tokens)) or None
        # the texts `_unglued` may change, for RE2 over a batch (`_rewrite_all`): what `_candidates` sends to `unglued`
        # (a tag, a line break, a glued sentence end, an aside, a cleft; İ, ı and spaces beyond ASCII, which RE2 reads
        # otherwise), typographic apostrophes and hyphens, and hashtag verdicts: 4,200 of a slice's 45,000 texts to
        # rewrite (2,300 change)
        unglue = f"[\n{_APOSTROPHES}{_HYPHENS}\u2013{NON_ASCII_SPACES}İı]"
        self._unglue_filter = f"{unglue}|{GLUED_RE2}|{aside_re2()}|{CLEFT_RE2}|{NEGATION_GLUED_RE2}|{_NUMBER_GLUED_RE2}"
        self._unglue_filter += f"|{_FAR_IN_QUEUE_RE2}|{_UNIT_GLUED_RE2}|{_FREE_AFTER_UNIT_RE2}|(?i:{_LOOSE_VERDICT})"
        self._unglue_filter += f"|{_MINUS_STARS_RE2}|{_BETWEEN_NOBODY_RE2}|{_DATE_SLASH_RE2}"
        self._unglue_filter += f"|{words_rx}" if words_rx else ""  # (and `[emoji_words]`)
        self._unglue_filter += "|(?i:incredible)"  # (`_INCREDIBLE_ALONE`)
        self._unglue_filter += f"|{QUOTED_WORD_RE2}"  # (`text.QUOTED_WORD`)
        self._fixed = tuple(self.token_names)  # cx emoji: their own value, never negated or boosted
        # and VADER's emoticons (":)", ":|", "D:"), a face no negation, booster nor caps reaches (stop 49: "not :| good"
        # read ":|" as +0.30, and "D:" was boosted as a word in capitals)
        faces = (w for w in self.sia.lexicon if _EMOTICON.fullmatch(w) and w not in self.token_names)
        self._fixed += tuple(sorted(faces))
        # (stop 56) and a low rating, which no negation makes praise ("why can't it be rated zero stars?")
        self._fixed += tuple(sorted(w for w, v in self.sia.lexicon.items() if v < 0 and _LOW_RATING.fullmatch(w)))
        self._kept = frozenset(self._fixed)
        # the positive ones, a smile: beside a customer event and no other praise, none (`_smile_at_complaint`)
        self._smiles = frozenset(w for w in self._kept if self.sia.lexicon[w] > 0)
        # and a laugh after a customer event, no other praise: at it, none (stop 53, `_laugh_at_complaint`)
        self._laughs = frozenset(w for w in _LAUGHS if self.sia.lexicon.get(w, 0) > 0)
        self._contrast = frozenset(self.lex.contrast)
        self._undone, self._scorn = frozenset(self.lex.undone), frozenset(self.lex.scorn)
        self._lacks, self._wishes = frozenset(self.lex.lacks), frozenset(self.lex.wishes)
        self._wish_clauses = frozenset(self.lex.wish_clauses)
        # a text matching none of these (and ASCII, no phrase) is plain: see _candidates
        contrast = "|".join(map(re.escape, self.lex.contrast))
        # (and a "not" at the end: "#not", "not really", `_not_at_end`)
        special = rf"[.!?;]{_SPACE}|\?|cxemoji|{_NOT_LAST[4:]}" + (f"|{contrast}" if contrast else "")
        special += "".join(f"|{re.escape(w)}" for w in self.lex.rave if w.isascii())  # (`[rave]`: a rule's words)
        # (and `[verdict]`'s and `[fix]`'s)
        special += "".join(f"|{re.escape(w)}" for w in self.lex.verdict + self.lex.verdict_verbs + self.lex.fix)
        special += "".join(f"|{re.escape(w)}" for w in self.lex.asks)  # (a [mockery] word is a phrase: rewritten)
        special += "".join(f"|{re.escape(w)}" for w in self.lex.scorn + self.lex.lacks)  # (`_against`'s words)
        # (and a threat guarded against, `[guard]`: `_guarded`)
        self._threats, self._guards = frozenset(self.lex.threats), frozenset(self.lex.guards)
        special += f"|{_FOREVER}|{_MY_BAD}|{_SO_BAD}|{_LESS}|{_CAUSE}|{_NOBODY.replace(chr(92) + 's', _SPACE)}"
        special += "".join(f"|{re.escape(w)}" for w in sorted(self._threats))
        # (and praise before a noun of service, `[fault_name]`: "great staff", "incredible_service")
        self._fault_praise = frozenset(self.lex.fault_praise)
        self._fault_nouns = frozenset(self.lex.fault_nouns)
        self._fault_names = frozenset(self.lex.fault_names)
        self._fault_events = frozenset(self.lex.fault_events)
        praise = "|".join(map(re.escape, sorted(self._fault_praise)))
        fault_rx = (
            rf"(?:{praise})(?:{_SPACE}|_)+(?:{'|'.join(map(re.escape, sorted(self._fault_nouns)))})"
            if praise and self._fault_nouns
            else None
        )
        special += f"|{fault_rx}" if fault_rx else ""
        # (and praise a few words before an event's noun, `[fault_name] events`: "great flight attendant shortage")
        fault_events = "|".join(map(re.escape, sorted(self._fault_events)))
        event_rx = (
            rf"(?:{praise})(?:(?:{_SPACE}|_)+\S+){{0,{self.lex.fault_events_within}}}?(?:{_SPACE}|_)+(?:{fault_events})"
            if praise and self._fault_events
            else None
        )
        special += f"|{event_rx}" if event_rx else ""
        special += "".join(f"|{re.escape(w)}" for w in sorted(self._smiles) if w not in self.token_names)  # (a smile)
        special += "".join(f"|{re.escape(w)}" for w in sorted(self._laughs))  # (a laugh)
        # (and a `[department]` word before a negation: "support never helped", or an emoji's token: "support 👎";
        # loose, as RE2 and `re` both read it)
        self._department_re2 = (
            rf"(?:{'|'.join(map(re.escape, self.lex.departments))}):?\s+"
            rf"(?:cxemoji|(?:\S+\s+){{0,{self.lex.department_within - 1}}}[^\w\s]*"
            r"(?:n[eo]|not|nothing|none|nor|neither|nope|without|rarely|seldom|despite|cannot|\w+n\W?t(?:\b|_)))"
            if self.lex.departments
            else None
        )
        special += f"|{self._department_re2}" if self._department_re2 else ""
        opener = f"|(?:{self.opener_rx.pattern})|(?:{openers})\\W*$" if self.opener_rx is not None else ""
        self._special_filter = f"(?i:{special}{opener})"  # one RE2 scan for all (case-insensitive)
        # VADER's emoji, each code point by its description (the reference walks the text code point by
        # code point), and cx's own emoji by their tokens when each is one code point: one table
        self._emoji_table = {ord(k): f" {v} " for k, v in self.sia.emojis.items() if len(k) == 1}
        self.emoji_rx = None  # cx emoji of several code points (a lexicon of one's own may have them)
        if all(len(k) == 1 for k in self.emoji_tokens):
            self._emoji_table |= {ord(k): f" {t} " for k, t in self.emoji_tokens.items()}
        else:
            self.emoji_rx = re.compile("|".join(map(re.escape, self.emoji_tokens)))
        # and typographic punctuation as ASCII's (`_TYPOGRAPHIC`): "another hour in the check-in queue…" left "queue…",
        # a word of no lexicon, and scored as praise
        self._emoji_table |= {ord(k): v for k, v in _TYPOGRAPHIC.items() if ord(k) not in self._emoji_table}
        self._contrast_rx = re.compile(contrast) if contrast else None
        self._event_rows = self._fast.rows(self.events)
        self.rave = frozenset(self.emoji_tokens.get(w, w) for w in self.lex.rave)
        self._rave_rows = self._fast.rows(self.rave)
        self._smile_rows = self._fast.rows(self._smiles)
        self._laugh_rows = self._fast.rows(self._laughs)
        self._apology_rows = self._fast.rows(_APOLOGIES)
        self._judgement_rows = self._fast.rows(_JUDGEMENTS)
        self._verdict, self._verbs = frozenset(self.lex.verdict), frozenset(self.lex.verdict_verbs)
        self._copulas, self._subjects = frozenset(self.lex.copulas), frozenset(self.lex.subjects)
        self._not_of = frozenset(self.lex.not_of)
        self._releases = frozenset(self.lex.releases)
        self._tails = frozenset(self.lex.tails)
        self._fixes, self._asks = frozenset(self.lex.fix), frozenset(self.lex.asks)
        self._mockery, self._made = frozenset(self.lex.mockery), frozenset(self.lex.made)
        self._departments = frozenset(self.lex.departments)
        self._interjections, self._affirm = frozenset(self.lex.interjections), frozenset(self.lex.affirm)
        turning = sorted(
            self._verdict
            | self._verbs
            | self._fixes
            | self._asks
            | self._mockery
            | self._interjections
            | self._affirm
            | self._threats
            | self._undone
            | self._scorn
            | self._lacks
            | _SCOFFS
        )
        words = "|".join([*([_literal_trie(turning)] if turning else []), _FOREVER, _MY_BAD, _LESS, _CAUSE, _NOBODY])
        # (and apart, each: in that pattern they took twice as long a text; the noun with a word after it in its
        # clause, or "great service!" and "great staff, thank you" went through `_turns`)
        praised = fault_rx.replace(f"(?:{_SPACE}|_)+", r"[\s_]+") + r"\s+[^\s#@]" if fault_rx else None
        # `re` searches a text for the words and the department apart: in one pattern they took 2.5 times as long
        # a text, and the posts that are not ASCII (46 % of a sample; `_may_contain` passes them all) paid it
        events = event_rx.replace(f"(?:{_SPACE}|_)+", r"[\s_]+") if event_rx else None
        scare = r"""(?:^|\s)["'][a-z]+["']"""
        turn_patterns = (words, _SO_BAD, praised, events, self._department_re2, scare)
        self._turn_rxs = tuple(re.compile(p) for p in turn_patterns if p)
        # where `_turns` may find one, for RE2 over a batch: a word of these, "for good" or "my bad", ignoring case,
        # which beyond ASCII folds as lower() does but for "İ" (lower(): "i" and a dot): every text, where
        # `_may_contain` passed those beyond ASCII (46 % of a sample) and `_turns` looked at 21,500 of 183,000 texts
        # rather than 10,500 (stop 50's merge: "my bad" was left out, and the batch weighed its "bad")
        turn_words = sorted(turning + sorted(self._departments))
        faults = f"|{fault_rx}" if fault_rx else ""
        faults += f"|{event_rx}" if event_rx else ""
        so_bad = _SO_BAD.replace(r"\s", _SPACE)
        self._turn_filter = (
            f"(?i:{'|'.join(map(re.escape, turn_words))}|for{_SPACE}+good|my{_SPACE}+bad|{so_bad}|less{_SPACE}{faults}"
            f"|thanks{_SPACE}+to|nobody|noone|no{_SPACE}+one)"
            f"|{_SCARE_RE2}|\u0130"
        )

    @takes_texts
    def score(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        texts = plain_letters(texts)
        few = len(texts) <= _FEW and self._few_before  # (then `_analyze` for each: `_FEW`)
        self._few_before |= len(texts) <= _FEW
        every = [True] * len(texts)
        none = np.zeros(len(texts), dtype=bool)
        phrases, emoji, plain, lines, ends = (every, every, none, none, none) if few else self._candidates(texts)
        if ends.any():  # line breaks whose sentence ends alone need `unglued`: added in bulk (`line_ends`), as it would
            idx = np.flatnonzero(ends)
            ended = line_ends(pa.array([texts[i] for i in idx], pa.large_string())).to_pylist()
            for i, text in zip(idx.tolist(), ended, strict=True):
                texts[i], phrases[i] = text, False
        pol = np.empty(len(texts))
        if plain.any():  # VADER's batch path with the cx lexicon
            idx = np.flatnonzero(plain)
            got = self._fast.score([texts[i] for i in idx], fixed=self._fixed)[0]
            done = ~np.isnan(got)
            pol[idx[done]] = calibrate_array(got[done], self.lex.dead_zone)
            plain[idx[~done]] = False  # (lone surrogates: `_analyze`, below)
        slow = np.zeros(0, dtype=np.int64)
        if lines.any():  # plain but for line breaks, their sentences ended above: no cx rule applies
            idx = np.flatnonzero(lines)
            got = self._fast.score([texts[i] for i in idx], sentences=True, fixed=self._fixed)[0]
            done = ~np.isnan(got)
            pol[idx[done]] = calibrate_array(got[done], self.lex.dead_zone)
            slow = idx[~done]
        rest = np.flatnonzero(~plain & ~lines)
        if (
            len(rest) and not self.reference and not few
        ):  # prepared here, then the batch path by sentence, with cx's rules
            some = [texts[i] for i in rest]
            prepared = self._rewrite_all(some, [phrases[i] for i in rest], [emoji[i] for i in rest])
            rules = _Rules(self, some, prepared)
            got = self._fast.score(prepared, sentences=True, fixed=self._fixed, adjust=rules.apply)[0]
            done = ~np.isnan(got)
            pol[rest[done]] = calibrate_array(got[done], self.lex.dead_zone)
            rest = rest[~done]
        rest = np.concatenate([rest, slow])
        pol[rest] = np.fromiter(
            (self._analyze(texts[i], False, phrases[i], emoji[i])[0] for i in rest), float, len(rest)
        )
        return pol, np.full(len(texts), np.nan)

    def explain(self, texts: list[str], names: dict[str, dict[int, str | None]] | None = None) -> list[str]:
        """Why each text got its score; a word of `names` (the brands' names in the text: `names_neutral`'s, by their
        place among the words written so, with the word to show) is said to be one ("United +0.00 (brand name)",
        VADER's +1.8; "Best +0.00 (brand name)" of the masked "Xxxx"), not "no sentiment" nor left out."""
        out = []
        for text in plain_letters(texts):
            why = self._analyze(text, True, names=names or {})[1].render()
            # VADER reads other emoji as their names' words ("smiling"): say which emoji gave them
            read = [f"{ch} as {self.sia.emojis[ch]!r}" for ch in dict.fromkeys(text) if self._read_as_words(ch)]
            out.append(why.replace(" | score", f" | emoji read as words: {', '.join(read)} | score") if read else why)
        return out

    def _smile_at_complaint(self, lower: list[str], sentiments: list[float], cut: int | None) -> bool:
        """Are the post's smiles (`_smiles`: ":)", "👍") beside a customer event, or after a word of judgement
        (`_JUDGEMENTS`) outside an apology (`_APOLOGIES`), and no other praise (a laugh is none, nor a smile to
        `_laugh_at_complaint`: "cancelled my flight :) lol" was +0.43, each the other's praise)
        ("support is not responding :)", "delayed again 👍", stop 50's "this is terrible :)" was -0.01), so weighing
        nothing? Not beside praise ("delayed, but the crew were lovely :)"), nor where the complaint is all before a
        contrast word ("lost my bag but they found it :)"), nor after a mood ("sad to leave :)") or an apology's
        words ("sorry for the trouble, we're on it 👍")."""
        pairs = list(zip(lower, sentiments, strict=True))
        start = -1 if cut is None else cut
        last = -1 if not _APOLOGIES.isdisjoint(lower) else max(i for i, w in enumerate(lower) if w in self._smiles)
        complaint = any(
            (w in self.events or (i < last and w in _JUDGEMENTS)) and s < 0
            for i, (w, s) in enumerate(pairs[start + 1 :], start + 1)
        )
        return complaint and not any(s > 0 for w, s in pairs if w not in self._smiles and w not in self._laughs)

    def _laugh_at_complaint(self, lower: list[str], sentiments: list[float], cut: int | None) -> bool:
        """Is a laugh (`_LAUGHS`: "lol", "lmao") after a customer event or a word of judgement (`_JUDGEMENTS`, outside
        an apology: "this is terrible :) lol" was 0, stop 54) (after the contrast word, if any), and no other
        praise, so at it, weighing nothing ("they cancelled my flight lmao", "the ad is so cheesy lol" were praise:
        VADER's "lol" +1.8)? Or a laugh that opens the post, an event up to `_LAUGH_OPENS` words after it ("lmao they
        cancelled my flight" was +0.23). Not a laugh before it otherwise ("any experiences? lol. Edit: still no fix"),
        nor where a closing hashtag is the event ("any experiences? lol
        #delayed": a topic), nor beside praise ("cancelled but rebooked in 10 min lol amazing")."""
        start = -1 if cut is None else cut
        last = max(i for i, w in enumerate(lower) if w in self._laughs)
        pairs = list(zip(lower, sentiments, strict=True))
        # (or the post opens with the laugh and the complaint follows close: "lmao they cancelled my flight")
        last = max(last, _LAUGH_OPENS + 1) if lower[0] in self._laughs else last
        judged = _APOLOGIES.isdisjoint(lower)  # (a judgement, as before a smile, outside an apology)
        complaint = any((w in self.events or judged and w in _JUDGEMENTS) and s < 0 for w, s in pairs[start + 1 : last])
        return complaint and not any(s > 0 for w, s in pairs if w not in self._laughs and w not in self._smiles)

    def _rave(self, lower: list[str], sentiments: list[float]) -> bool:
        """Are the post's crying words (`[rave] words`: "crying", "😭") a rave, praise their only company ("I'm crying
        😭 this palette is gorgeous"), so weigh nothing? Not beside a negative word of their own ("crying 😭 they
        cancelled my flight")."""
        if self.rave.isdisjoint(lower):
            return False
        others = [s for w, s in zip(lower, sentiments, strict=True) if w not in self.rave]
        return any(s > 0 for s in others) and not any(s < 0 for s in others)

    @staticmethod
    def _could_not(words: list[str], k: int) -> bool:
        """Is `words[k]` a "could" or "can" denied: "couldn't", "cannot", or "not" after "could" or "can"?"""
        return words[k] in _COULD_NOT or words[k] == "not" and k > 0 and words[k - 1] in ("could", "can")

    def _turns(self, prepared: str) -> list[tuple[int, int]]:
        """Token positions of `prepared.split()` whose valence a rule turns, each with its kind (`_TURNS`):
        0, slang praise as a thing's verdict (`[verdict]`): a word ending its clause (but for `tails`: "this is sick
        af") after a copula ("this is sick", "the gig was sick"), or a verb with "it" ("the app kills it"), of a
        subject with a determiner (`subjects`: "this", "the") or a possessive ("Voltra's new app"), not of a person, an
        animal, a body, food, water or a hardship (`not_of`, or its plural: "the baby is sick", "this puppy is sick",
        "the wait is killer"), nor beside another negative word in its clause ("this delay is killer"); 1, a problem
        word up to `[fix] within` words after a word of its fix, in its clause ("finally fixed the lag"); 2, the same
        after a negated fix ("never fixed the lag", which VADER's "never" made praise), a word of `asks` too ("didn't
        fix the lag", "not fixing the lag"); 3, laughter at what is made to be laughed at (`[mockery]`: a word
        of `made` up to `within` words after it, in its clause: "laughing at the new ad"), or denied ("not laughing at
        them", which VADER's negation made praise); 4, a department's word (`[department]`: "support") with a negation
        up to `within` words after it in its clause: the department that did not help ("support never helped", "support
        still hasn't replied"), not support given (VADER's "support" +1.7); the negation still reaches the words after
        it ("support never disappoints"); 5, "good" after "for", ending its clause: forever ("I quit Skyway for good"),
        no praise, where "for good service" is (and 7, "bad" after "my", ending its clause: an apology, "my bad :)",
        no judgement, where "my bad luck" is one); 6, an interjection (`[interjection] words`: "yes_please") with more
        words after it in its clause, a demand ("yes please fix this bug"), not eagerness ("yes please!"), and one of
        `affirm` ("hell_yes") with a negative word after it in its clause, a complaint affirmed ("hell yes it's
        broken"), not eagerness ("hell yeah the new season drops tonight"); 8, praise of a fault's name
        (`_praise_of_fault`: "great staff shortage"); 9, "so bad" or "badly" ending a clause of wanting ("never wanted
        to see a movie so bad"), how much, no judgement; 10, a positive word right after "less" in its clause, a
        quality lacking ("less comfortable seats"), not after a negation, "any" or "or" (`_NOT_LESS`: "no less
        impressive", "more or less happy"), but for "couldn't be any less" (`_COULD_NOT`: "couldn't be any less
        helpful")."""
        low = prepared.lower()
        if not any(rx.search(low) for rx in self._turn_rxs):
            return []
        tokens = prepared.split()
        words = [t.strip(string.punctuation).lower() for t in tokens]
        n, lexicon = len(tokens), self.sia.lexicon
        ends = [
            k == n - 1
            or tokens[k][-1] in _CLAUSE_END
            or tokens[k + 1][0] in "#@"
            or tokens[k + 1] in self.token_names
            or not tokens[k + 1].strip(string.punctuation)
            for k in range(n)
        ]
        starts = [0] * n  # where each word's clause starts
        for k in range(1, n):
            starts[k] = k if ends[k - 1] else starts[k - 1]
        turns, affirmed = [], []
        for i, w in enumerate(words):
            if lexicon.get(w, 0) > 0 and _SCARE.match(tokens[i].lower()):
                turns.append((i, 14))
            elif self._fault_praise and self._praise_of_fault(words, ends, i):
                turns.append((i, 8))
            elif w in self._interjections or w in self._affirm:
                clause = range(i + 1, next(k for k in range(i, n) if ends[k]) + 1)
                demand = bool(clause)
                if not clause and tokens[i][-1] == ",":  # its sentence after a comma: "yes please, fix the app"
                    clause = range(i + 1, next((k for k in range(i, n) if tokens[k][-1] in ".!?;"), n - 1) + 1)
                    demand = any(lexicon.get(words[k], 0) < 0 or words[k] in self._asks for k in clause)
                if demand and w in self._interjections:
                    turns.append((i, 6))
                elif clause and w in self._affirm:  # (after the other rules: a problem fixed is no complaint, "hell
                    # yeah, it fixed the lag")
                    affirmed.append((i, [k for k in clause if lexicon.get(words[k], 0) < 0]))
            elif w in self._verdict or w in self._verbs:
                last = i + 1 if w in self._verbs else i
                if last >= n or (w in self._verbs and words[last] != "it"):
                    continue
                end = last
                while not ends[end] and words[end + 1] in self._tails:  # "this is sick af"
                    end += 1
                if not ends[end]:
                    continue
                if w in self._verdict:
                    c = i - 1 - (i > 1 and words[i - 1] in self._vs.BOOSTER_DICT)  # "is so sick"
                    copula = words[c] if c >= starts[i] else ""
                    stem = copula[:-2] if copula.endswith("'s") else None
                    if not (copula in self._copulas or (stem and "'s" in self._copulas)):
                        continue
                else:
                    c, stem = i, None  # "kills it": its subject is before the verb
                subject = words[max(c - 3, starts[i]) : c] + ([stem] if stem else [])
                owner = any(s.endswith("'s") and s[:-2] not in self._not_of for s in subject[: c - starts[i]])
                if not (owner or not self._subjects.isdisjoint(subject)) or any(
                    s in self._not_of or s[-1:] == "s" and s[:-1] in self._not_of for s in subject
                ):
                    continue
                others = [k for k in range(starts[i], end + 1) if k != i and words[k] not in self._releases]
                if not any(lexicon.get(words[k], 0) < 0 for k in others):
                    turns.append((i, 0))
            elif w in self._fixes or w in self._asks:
                before = words[max(i - 3, starts[i]) : i]
                negated = any(b in self._not_done or "n't" in b for b in before)
                # (or "nothing" right after it: "they fixed nothing after the outage" was +0.70, the outage fixed)
                negated |= i + 1 < n and words[i + 1].split("_")[0] in _NONE_DONE
                if w in self._asks and not negated and not self._fix_seen(words, starts, i):
                    continue  # (a problem after "please fix" keeps its weight: no turn)
                for j in range(i + 1, min(i + 1 + self.lex.fix_within, n)):
                    if ends[j - 1] or words[j] in _BE:
                        break
                    if lexicon.get(words[j], 0) < 0 and words[j] not in _SCOFFS:  # (a scoff is no problem fixed:
                        turns.append((j, 2 if negated else 1))  # "Fixed price my foot" was +0.15)
            elif w in self._mockery and lexicon.get(w, 0):
                before = words[max(i - 3, starts[i]) : i]
                if any(b in self._not_done or "n't" in b for b in before) or any(
                    words[j] in self._made
                    for j in range(i + 1, min(i + 1 + self.lex.mockery_within, n))
                    if not any(ends[i:j])
                ):
                    turns.append((i, 3))
            elif w in self._departments and lexicon.get(w, 0):
                if i + 1 < n and words[i + 1] in self.token_names and lexicon[words[i + 1]] < 0:
                    turns.append((i, 4))  # a verdict's emoji on it ("Taskpad support 👎")
                    continue
                # (a colon or a dash after the department makes it a heading: "Support: not responding", "support -
                # not responding"; the dash is no word of the `within`)
                dash = i + 1 < n and not words[i + 1] and not tokens[i + 1].strip("-")
                first_word = i + 1 + dash
                for j in range(first_word, min(first_word + self.lex.department_within, n)):
                    if ends[j - 1] and not (j == first_word and (dash or tokens[i][-1] == ":")) or words[j] in _OBJECTS:
                        break
                    first = words[j].split("_")[0]  # (a phrase's token by its first word: "hasn't_replied")
                    if first in self._not_done or "n't" in first:
                        # not where the negation denies a problem ("support no longer crashes", "never disappoints")
                        after = (lexicon.get(words[k], 0) for k in range(j + 1, min(j + 3, n)) if not ends[k - 1])
                        if next((v for v in after if v), 0) >= 0:
                            turns.append((i, 4))
                        break
            elif w == "thanks" and not ends[i] and words[i + 1] == "to" and self._caused(words, tokens, i):
                turns.append((i, 11))
            elif w in ("nobody", "noone") or w == "no" and i + 1 < n and words[i + 1] == "one" and not ends[i]:
                first = i + 1 + (w == "no")
                end = next((k for k in range(i, n) if ends[k]), n - 1)
                if first <= end and _NOT_DENIED.isdisjoint(words[first : end + 1]):
                    last = min(end, i + _NOBODY_WITHIN)
                    turns += [(k, 15) for k in range(first, last + 1) if lexicon.get(words[k], 0) > 0]
            elif w in _SCOFFS:
                clause = words[starts[i] : i]
                first = starts[i] == 0 or tokens[starts[i] - 1][-1] in ".!?;"
                if ends[i] and first and 1 <= len(clause) <= 3 and _FOOT_LITERAL.isdisjoint(clause):
                    turns += [(k, 13) for k in range(starts[i], i) if lexicon.get(words[k], 0) > 0]
                else:
                    turns.append((i, 12))
            elif w == "good" and ends[i] and i and words[i - 1] == "for":
                turns.append((i, 5))
            elif w == "bad" and ends[i] and i and words[i - 1] == "my":
                turns.append((i, 7))
                # and the mistake it owns, a negative word right after "I" but hatred, up to the next sentence's end
                # ("My bad, I misread the timetable" was -0.23; "My bad. I hate this app" keeps its -0.73)
                for k in range(i + 1, n - 1):
                    if (
                        words[k] == "i"
                        and not ends[k]
                        and lexicon.get(words[k + 1], 0) < 0
                        and words[k + 1] not in _HATE
                    ):
                        turns.append((k + 1, 7))
                    if tokens[k][-1] in ".!?;":
                        break
            elif w == "less" and not ends[i] and lexicon.get(words[i + 1], 0) > 0:
                least = (
                    i > 2 and words[i - 1] == "any" and words[i - 2] in ("be", "get") and self._could_not(words, i - 3)
                )
                if least or not (i and words[i - 1] in _NOT_LESS or i > 1 and "n't" in words[i - 1]):
                    turns.append((i + 1, 10))
            elif (w == "badly" or w == "bad" and i and words[i - 1] == "so") and ends[i]:
                # wanting, with no copula, contrast word nor other subject after it ("I wanted to like it but it was so
                # bad", "I needed help and they treated me so badly"), nor a fix asked for ("they need to fix the app
                # so bad" was 0); a person's, not a thing's ("the app needs an update so badly" was 0)
                for k in range(i - 1, starts[i] - 1, -1):
                    if (
                        words[k] in _BE
                        or words[k] in self._contrast
                        or words[k] in _NEW_SUBJECT
                        or words[k] in self._asks
                    ):
                        break
                    if words[k] in _WANTING:
                        subject = next((w for w in reversed(words[starts[i] : k]) if w in _PERSONS or w in _THINGS), "")
                        if subject not in _THINGS:
                            turns.append((i, 9))
                        break
        if not self._threats.isdisjoint(words):
            turns += self._guarded(words, tokens, ends, starts)
        fixed = {pos for pos, kind in turns if kind == 1}
        turns += [(i, 6) for i, negative in affirmed if not fixed.issuperset(negative)]
        return turns + self._against(words, tokens, {pos for pos, _ in turns})

    def _against(self, words: list[str], tokens: list[str], turned: set[int]) -> list[tuple[int, int]]:
        """Praise that counts against (kind 16, at `[fix] factor`), where no other rule turned it: before a tail
        undoing it (`[sarcasm] undone`: "great player... when it worked!", "nice while it lasted"); up to
        `scorn_within` words before what a broken product became (`scorn`: "makes a nice paperweight"); and in a
        sentence wishing for something better (`[wish]`: "a better design sure would be nice", "I wish it had a
        better screen"), a lack, where "I wish you a happy birthday" and "it would be nice to see you" stay. Only the
        wish's clause: praise beyond a contrast (`[wish] clauses`) before or after it stays ("A fine film, but it would
        be better if ...")."""
        if self._undone.isdisjoint(words) and self._scorn.isdisjoint(words) and self._lacks.isdisjoint(words):
            return []  # (most texts `_turns` reads: none of its words, no praise list of every word built)
        lexicon, at = self.sia.lexicon, set()
        praise = [lexicon.get(w, 0.0) > 0 and k not in turned for k, w in enumerate(words)]
        end = next((k for k, w in enumerate(words) if w in self._undone), -1)
        # (its own sentence's: "Love the new staff! The old app was great when it worked." turned "love" too, -0.65;
        # an ellipsis trails off, no sentence end: "great player... when it worked!")
        since = max((k + 1 for k in range(end) if tokens[k][-1] in ".!?;" and not tokens[k].endswith("..")), default=0)
        at.update(k for k in range(since, max(end, 0)) if praise[k])
        for i, w in enumerate(words):
            if w in self._scorn:
                at.update(k for k in range(max(i - self.lex.scorn_within, 0), i) if praise[k])
        if not self._lacks.isdisjoint(words):
            start = 0
            for k, t in enumerate(tokens):  # sentence by sentence (`SENTENCE_END`)
                if k == len(tokens) - 1 or t[-1] in ".!?;":
                    said = words[start : k + 1]
                    wished = [
                        j
                        for j, w in enumerate(said)
                        if w in self._wishes
                        or w == "would"
                        and (said[j + 1 : j + 2] == ["be"] or said[j + 1 : j + 3] == ["have", "been"])
                    ]
                    lacking = [j for j, w in enumerate(said) if w in self._lacks]
                    if wished and lacking:
                        first, last = min(wished[0], lacking[0]), max(wished[-1], lacking[-1])
                        cuts = [j for j, w in enumerate(said) if w in self._wish_clauses]
                        since = max((j + 1 for j in cuts if j < first), default=0)
                        # (a concession's clause ends at its comma: "although the story is good, a better ending ...")
                        if since and said[since - 1] in ("though", "although"):
                            since = next((j + 1 for j in range(since, first) if tokens[start + j][-1] == ","), since)
                        until = min((j for j in cuts if j > last), default=len(said))
                        at.update(start + j for j in range(since, until) if praise[start + j])
                    start = k + 1
        return [(k, 16) for k in sorted(at)]

    def _guarded(
        self, words: list[str], tokens: list[str], ends: list[bool], starts: list[int]
    ) -> list[tuple[int, int]]:
        """The threats guarded against (`[guard] threats` and `guards`: "spotting a dodgy payment and blocking it",
        "caught the fraud", "the scam was stopped") and their guards, where negative: a problem fixed (`_TURNS` 1), or
        not fixed (2) where the guard is denied ("never caught the fraud"). A guard up to 3 words before the threat in
        its clause, or after it, its noun or a form of "be" or "got" between, and in its sentence a guard of "it"
        ("blocking it"); not a card or an account blocked."""
        lexicon, n, turns, handled = self.sia.lexicon, len(words), [], set()
        sentence = [0] * n  # (each word's sentence)
        for k in range(1, n):
            sentence[k] = sentence[k - 1] + (tokens[k - 1][-1] in ".!?;")
        for j, w in enumerate(words):
            if w not in self._threats:
                continue
            before = [k for k in range(max(j - 3, starts[j]), j) if words[k] in self._guards]
            # (or after it, its noun or "was" / "got" between: "suspicious login blocked", "the fraud was caught"; not
            # another verb's: "flagged my payment as fraud and blocked my card")
            after = [
                k
                for k in range(j + 1, min(j + 4, n))
                if words[k] in self._guards
                and not any(ends[j:k])
                and (k < j + 3 and _NEW_SUBJECT.isdisjoint(words[j + 1 : k]) or _PASSIVE & set(words[j + 1 : k]))
            ]
            for k in before[-1:] or after[:1]:
                denied = _denied(words, ends, k, self._not_done)
                turns += [(p, 2 if denied else 1) for p in sorted({j, k}) if lexicon.get(words[p], 0) < 0]
                if not denied:
                    handled.add(sentence[j])
        guards = self._guards
        for k, w in enumerate(words[:-1]):  # ("... and blocking it")
            if w in guards and words[k + 1] in ("it", "them") and sentence[k] in handled and lexicon.get(w, 0) < 0:
                turns.append((k, 1))
        return turns

    def _fix_seen(self, words: list[str], starts: list[int], i: int) -> bool:
        """Is the fix asked for at `i` (`asks`: "fix") one seen done, or thanked for ("great to see them fix the lag",
        "saw them fix it", "thanks for fixing the crash"), not one wished for ("would love to see them fix it")?"""
        before = words[max(i - 4, starts[i]) : i]
        if i and words[i - 1] == "for" and any(w.startswith(_THANKING) for w in words[starts[i] : i]):
            return True
        if not _SEEN.isdisjoint(before):
            return _WISHED.isdisjoint(words[starts[i] : i])
        k = next((k for k in range(i - 1, max(i - 5, starts[i]) - 1, -1) if words[k] == "see"), -1)
        # "great / nice / good to see": praise of what is seen, in a clause of no wish
        return (
            k >= starts[i] + 2
            and words[k - 1] == "to"
            and self.sia.lexicon.get(words[k - 2], 0) > 0
            and _WISHED.isdisjoint(words[starts[i] : k])
        )

    def _caused(self, words: list[str], tokens: list[str], i: int) -> bool:
        """Is "thanks to" at `i` a cause ("because of"): right after a complaint in its sentence, its last sentiment
        word up to `_CAUSE_WITHIN` words before it negative, no "for" after it in its clause (thanks for something)
        nor praise in its sentence (thanks to something praised)? (`_CAUSE`)"""
        # (in its sentence, after a contrast word: "flight delayed but made my connection thanks to the crew")
        start = next((k + 1 for k in range(i - 1, -1, -1) if tokens[k][-1] in ".!?;" or words[k] in self._contrast), 0)
        before = [v for w in words[max(start, i - _CAUSE_WITHIN) : i] if (v := self.sia.lexicon.get(w, 0))]
        if not before or before[-1] >= 0:
            return False
        end = next((k for k in range(i + 1, len(tokens)) if tokens[k][-1] in _CLAUSE_END), len(tokens) - 1)
        last = next((k for k in range(i + 1, len(tokens)) if tokens[k][-1] in ".!?;"), len(tokens) - 1)
        # (what it is thanks to, praised in its sentence: "others, thanks to the actors, that are quite touching")
        return "for" not in words[i + 2 : end + 1] and not any(
            self.sia.lexicon.get(w, 0) > 0 for w in words[i + 2 : last + 1]
        )

    def _praise_of_fault(self, words: list[str], ends: list[bool], i: int) -> bool:
        """Is the word at `i` praise (`[fault_name] praise`: "great") of nouns of service (`nouns`: "staff", "customer
        service"; or a phrase's token of both: "incredible_service") that the next word of its clause makes a fault's
        name: a word of `faults` ("great service charge") or a negative word that is no judgement (`_JUDGEMENTS`), no
        negation ("great flight no delays", "great service no complaints") nor feeling (`_FEELINGS`), nor before another
        noun of service or a fix ("great staff shortage", "incredible service disruption"; not "great food terrible
        service", "great support problem solved")? Or, a word of praise alone, before an event's noun (`events`: "great
        outage", "great flight attendant shortage"), up to `events_within` words without sentiment between and no noun
        of service nor fix after it? Then the praise is none (`_TURNS` 8)."""
        head, _, rest = words[i].partition("_")
        if head not in self._fault_praise:
            return False
        n, j = len(words), i + 1
        # an event's noun a few words after it ("great flight attendant shortage", "great outage"), the praise not
        # negated ("not great another delay" is a complaint, the delay's negation aside)
        if not rest and not self._vs.negated(words[max(0, i - 3) : i]):
            for k in range(i + 1, min(n, i + 2 + self.lex.fault_events_within)):
                if ends[k - 1] or self.sia.lexicon.get(words[k], 0) and words[k] not in self._fault_events:
                    break
                if words[k] in self._fault_events:
                    return ends[k] or (words[k + 1] not in self._fault_nouns and words[k + 1] not in self._fixes)
        if rest:
            if not self._fault_nouns.issuperset(rest.split("_")):
                return False
        else:
            while j < n and not ends[j - 1] and words[j] in self._fault_nouns:
                j += 1
            if j == i + 1:
                return False
        if j >= n or ends[j - 1]:
            return False
        fault = words[j]
        if fault in self._fault_names:
            return True
        return (
            self.sia.lexicon.get(fault, 0) < 0
            and fault not in _JUDGEMENTS
            and not (fault == "no" or self._vs.negated([fault]))  # (a fault denied: "great flight no delays")
            and fault not in self._not_done
            and fault not in _FEELINGS
            and (ends[j] or words[j + 1] not in self._fault_nouns and words[j + 1] not in self._fixes)
        )

    def _sarcasm(self, prepared: str) -> str | None:
        """How the sarcasm rule reads `prepared` (a text as the rules read it, naming a negative event and a positive
        word): "sarcasm", "thanks" (for a problem handled) or None (neither). Sarcasm needs an opener in the first
        words and an event in the opener's sentence, or an opener's sentence of [sarcasm] `alone_words` words at
        most ("Great. Another delay."), not praise of its own ("Great job Delta crew today. United kept us waiting
        2 hours"). It is thanks when a word of the problem handled ([sarcasm] `sincere`, not negated: "thank you so
        much Skyway for rebooking me", "despite the delay") or a `before_event` word up to `within_words` words
        before an event, after a "for" ("for the refund after the cancellation"), is there, no repetition
        (`repeated`: "another", "again") stands next to an event ("thanks for rebooking me onto another delayed
        flight"), nor words of the problem handled all negated ("nobody rebooked me after the cancellation", "still
        not refunded after the delay", "they waived nothing"), nor the problem back after its handling (`persists`:
        "now", "still", up to [sarcasm] `persists_within` words before a later event, with no negation or `before_event`
        word between: "fixed the app and now it keeps crashing")."""
        low = prepared.lower()
        found = self.opener_rx.match(low)
        if not found:
            found = self.signoff_rx.search(low)
            if found:  # a sign-off after the fix thanks it, its events weighing `thanks_factor`, as an opener's would
                told = low[: found.start() + 1].split()
                if self._handled(told):
                    return "thanks"
                if self._meant(told):
                    return None
        parts = SENTENCE_END.split(low)
        gloat = marked = False
        if not found:  # (the closing sentence's own checks first: most posts have none, and their words cost)
            said = [part for part in parts if part.split()]
            last = [_word(t) for t in said[-1].split()] if len(said) > 1 else []
            gloat = bool(last) and self.gloat_rx is not None and self.gloat_rx.search(said[-1]) is not None
            # (stop 52) a closing sentence that opens with praise and holds a marker, of any length: "0.5 Mbps. ZERO
            # POINT FIVE. Thanks Lumenet, great service 🙃" was praise (+0.72), as its opener was not in the first words
            marked = bool(last) and not self._markers.isdisjoint(last) and self.opener_rx.match(" ".join(last))
            if (
                not marked
                and not gloat
                and (not last or len(last) > self.lex.alone_words or not self.opener_rx.match(" ".join(last)))
            ):
                return None
        sentences = [[_word(t) for t in part.split()] for part in parts]
        if not found and marked:
            own = [part for part in sentences if part][-1]
        elif not found:
            # an opener's sentence of `alone_words` at most after an event's, at the end: "2FA codes never arrive.
            # Great." (was praise: the opener was looked for in the first words alone)
            said = [part for part in sentences if part]
            # (and a fix in a gloat's own sentence: "Broadband was down. It's back now so that's great" is meant)
            before = low[: self.gloat_rx.search(low).start()].split() if gloat else []
            told = [t for part in parts if part.split() for t in part.split()][: -len(said[-1])]
            if not (
                len(said) > 1
                and (gloat or len(said[-1]) <= self.lex.alone_words and self.opener_rx.match(" ".join(said[-1])))
                and any(not self.events.isdisjoint(part) for part in said[:-1])
            ):
                return None
            # the closing sentence thanks a fix ("card blocked, unblocked in 5 minutes. thank you" was read as meant
            # but its complaint kept its weight, +0.03)
            if self._handled(told) or (before and self._handled(before)):
                return "thanks"
            if self._meant(told):
                return None
            own = said[-1]
        else:
            own = sentences[len(SENTENCE_END.split(low[: found.end()].rstrip())) - 1]  # the opener's sentence
        at = next(k for k, part in enumerate(sentences) if part is own)
        if self.events.isdisjoint(own) and ("though" in own or self._others_praised(sentences, at)):
            # a concession, wherever the opener is ("Flight delayed. Great crew though." was sarcasm: its opener is
            # in the first words), or praise of people the event was none of
            return None
        if found:
            lexicon = self.sia.lexicon
            if len(own) > self.lex.alone_words and not any(
                not self.events.isdisjoint(part) and (part is own or any(lexicon.get(w, 0) > 0 for w in part))
                for part in sentences
            ):
                return None
        words = [w for part in sentences for w in part]
        sentence = [k for k, part in enumerate(sentences) for _ in part]
        events = [i for i, w in enumerate(words) if w in self.events]
        ends = [t[-1] in _CLAUSE_END for part in parts for t in part.split()]
        if self._people_thanked(words, ends):
            return "thanks"
        if any(abs(i - e) <= 2 for i, w in enumerate(words) if w in self._repeated for e in events):
            return "sarcasm"
        within, negate = self.lex.sarcasm_within, self._not_done
        past = any(  # "for ... after the cancellation", not "without my luggage after the meltdown" nor "great, a fee
            w in self._before_event  # after the cancellation" (thanks are given for something)
            and "for" in words[:i]
            and any(i < e <= i + within for e in events)
            and not any(e < i and sentence[e] == sentence[i] for e in events)
            for i, w in enumerate(words)
        )
        spans = [  # each word of the problem handled: where it starts and ends; people out or working on it only
            (i, i + len(entry))  # thanked ("Great, the engineers who are working on it said another 6 hours" stays
            for i, w in enumerate(words)  # sarcasm: was thanks, +0.47, in stop 52)
            for entry in self._sincere.get(w, ())
            if tuple(words[i : i + len(entry)]) == entry
            and (not w.startswith("who") or any(v.startswith(_THANKING) for v in words[:i]))
        ]
        # the problem back after its handling: "fixed the app and now it keeps crashing", "rebooked me and now that
        # flight is delayed too"; not an event negated or past ("now it never crashes", "works now after the outage")
        reach = self.lex.persists_within
        if spans and any(
            w in self._persists
            and spans[0][0] < i
            and any(
                i < e <= i + reach
                and not any(b in negate or "n't" in b or b in self._before_event for b in words[i + 1 : e])
                for e in events
            )
            for i, w in enumerate(words)
        ):
            return "sarcasm"
        handled = [  # False where negated ("nobody rebooked me", "they waived nothing")
            not _denied(words, ends, i, negate) and not (end < len(words) and words[end].split("_")[0] in _NONE_DONE)
            for i, end in spans
        ]
        if handled and not any(handled):  # only denied: "thanks Skyway, nobody rebooked me after the cancellation"
            return "sarcasm"
        return "thanks" if past or any(handled) else "sarcasm"

    def _winked(self, prepared: str) -> bool:
        """Does `prepared` end with a wink (`[sarcasm] winks`), perhaps among other emoji, emoticons and punctuation?"""
        for token in reversed(prepared.split()):
            bare = token.strip(string.punctuation) or token
            if bare in self._winks:
                return True
            if not _EMOTICON_OR_EMOJI.fullmatch(bare):
                return False
        return False

    def _people_thanked(self, words: list[str], ends: list[bool]) -> bool:
        """Are people of `[sarcasm] others` or `handlers` thanked for an act, a few words after the thanks in its
        clause, the act (the clause after "for") no event, negative word, "nothing" nor repetition ("Flight delayed,
        thanks to the crew for keeping us updated" was sarcasm, -0.55, stop 55)? Then the thanks are meant; "thanks to
        the crew for the 3 hour delay" and "thanks for keeping us updated" (nobody thanked) are left to the rule."""
        lexicon, n = self.sia.lexicon, len(words)
        for i, w in enumerate(words):
            if w.split("_")[0] not in ("thanks", "thank"):
                continue
            at = next((k for k in range(i + 1, min(i + 6, n)) if words[k] == "for" or ends[k - 1]), None)
            if at is None or ends[at - 1] or self._thanked.isdisjoint(words[i + 1 : at]):
                continue
            end = next((k for k in range(at, n) if ends[k]), n - 1)
            act = words[at + 1 : end + 1]
            if act and not any(
                lexicon.get(a, 0) < 0 or a.split("_")[0] in _NONE_DONE or a in self._repeated for a in act
            ):
                return True
        return False

    def _others_praised(self, sentences: list[list[str]], at: int) -> bool:
        """Does the opener's sentence (`at`) praise people the events before it were none of (`[sarcasm] others`:
        "Flight delayed 3 hours. Great crew.", stop 50), with no event after it ("... legend. highly recommend 🙄")?
        Not people named before it, the event's ("The driver lost my parcel. Great driver." stays sarcasm), nor their
        job praised (`_JOBS`: "Lost my bag. Great job staff." was +0.13), which is the handling of the events."""
        people = self._others.intersection(sentences[at])
        return (
            bool(people)
            and _JOBS.isdisjoint(part for w in sentences[at] for part in w.split("_"))
            and all(people.isdisjoint(part) for part in sentences[:at])
            and any(not self.events.isdisjoint(part) for part in sentences[:at])
            and all(self.events.isdisjoint(part) for part in sentences[at + 1 :])
        )

    def _meant(self, tokens: list[str]) -> bool:
        """Is a sign-off after `words` meant: after praise (a positive word of the lexicon, no smile nor laugh, no
        negation among the 3 words before it: "delayed 3 hours. Crew were lovely though. Great job"), or after a
        contrast word with no event after it, the problem resolved ("the package was delayed but it arrived in one
        piece, nice"), or after a word of its handling (`sincere`, [sarcasm] `handled_after`) that follows the last
        event?"""
        lexicon, negate = self.sia.lexicon, self._not_done
        words = [_word(t) for t in tokens]
        cut = max((i for i, w in enumerate(words) if w in self._contrast), default=None)
        if cut is not None and self.events.isdisjoint(words[cut + 1 :]):
            return True
        if self._handled(tokens):
            return True
        return any(
            lexicon.get(w, 0) > 0
            and w not in self._smiles
            and w not in _LAUGHS
            and not any(b in negate or "n't" in b for b in words[max(i - 3, 0) : i])
            for i, w in enumerate(words)
        )

    def _handled(self, tokens: list[str]) -> bool:
        """A word of the problem handled after the last event of `tokens`, not negated in its clause: the fix is
        thanked ("lost my luggage, found and delivered next day, perfect", "wrong size, exchanged in 2 days. Thanks",
        "card blocked for no reason, unblocked in 5 minutes. thank you"; not "lost again. perfect")."""
        negate = self._not_done
        words = [_word(t) for t in tokens]
        ends = [t[-1] in _CLAUSE_END for t in tokens]
        last = max((i for i, w in enumerate(words) if w in self.events), default=None)
        return (
            last is not None
            and any(
                (w in self._handled_after or any(tuple(words[i : i + len(e)]) == e for e in self._sincere.get(w, ())))
                and (not w.startswith("who") or any(v.startswith(_THANKING) for v in words[:i]))  # (as in `_sarcasm`)
                and not _denied(words, ends, i, negate)
                and not (i + 1 < len(words) and words[i + 1].split("_")[0] in _NONE_DONE)
                for i, w in enumerate(words[last + 1 :], last + 1)
            )
        )

    def sarcastic(self, texts: list[str]) -> np.ndarray:
        """Which texts the sarcasm rule turns ("great job Skyway, another 3 hour delay"): per-brand sentiment
        scores a post's clauses apart, where the opener and the event may no longer meet."""
        out = np.zeros(len(texts), dtype=bool)
        if self.opener_rx is None or not texts:
            return out
        texts = plain_letters(texts)
        # an opener in the first words, in one RE2 scan: looser than opener_rx, which counts the prepared text's
        # words, where each phrase before the opener is one
        words = (self.lex.sarcasm_within - 1) * max((len(p.split()) for p in self.lex.phrases), default=1)
        openers = "|".join(f"{_SPACE}+".join(o.split()) for o in self.lex.openers)
        may = _may_contain(texts, re.compile(rf"^(?:\W*\w+\W+){{0,{words}}}?\W*(?:{openers})"))
        # or near its end: an opener's sentence ("2FA codes never arrive. Great.") or a sign-off ("everything broke...
        # great job"), `_sarcasm`'s; or a gloat ("... insurers are going to love this")
        ends_with = "|".join([openers] + [f"{_SPACE}+".join(map(re.escape, g.split())) for g in self.lex.gloats])
        ends = _may_contain(texts, re.compile(rf"(?:{ends_with})\W*(?:\w+\W*){{0,{words + 2}}}$"))
        for i in np.flatnonzero(may | ends).tolist():
            # the opener in the first words as the rule finds it, then the rule
            if ends[i] or self.opener_rx.match(self._prepare(texts[i]).lower()):
                out[i] = "sarcasm" in self._analyze(texts[i], True)[1].rules
        return out

    def _read_as_words(self, ch: str) -> bool:
        return ord(ch) > 127 and ch in self.sia.emojis and ch not in self.emoji_tokens

    def _candidates(self, texts: list[str]) -> tuple[list[bool], list[bool], np.ndarray, np.ndarray, np.ndarray]:
        """Per text: may it hold a phrase or a hashtag verdict? a cx emoji (asked only when some cx emoji has
        several code points)? Is it plain: ASCII, one sentence, no phrase, contrast word, question mark,
        sarcasm opener or cx emoji token, so that cx's own rules cannot apply and it scores as VADER with the
        cx lexicon on the text as it is? Is it plain but for its line breaks, the sentence ends `unglued` adds? And is
        it an ASCII text whose line breaks are all `unglued` would change (`line_ends` adds their sentence ends in
        bulk, and it is then no text to rewrite: stop 39; a line break in a post with a question or a contrast word
        sent it through `unglued` one text at a time, 9 us each against 1)? Decided with RE2 over
        the whole batch, with patterns looser than the exact Python ones (a text is only ever wrongly
        *not* plain). RE2 does not fold "İ" and "ı" onto "i" as Python's re does: such texts count as
        holding a phrase."""
        every = [True] * len(texts)
        none = np.zeros(len(texts), dtype=bool)
        if self.reference or not texts:
            return every, every, none, none, none
        try:
            arr = pa.array(texts, pa.large_string())
            # (phrases: also what _prepare unglues where it looks for phrases, and a line break)
            rewritten = pc.match_substring_regex(arr, self._phrase_filters[-1])
            for loose in self._phrase_filters[:-1]:
                rewritten = pc.or_(rewritten, pc.match_substring_regex(arr, loose))
            lines = pc.match_substring(arr, "\n")
            phrases = pc.or_(rewritten, lines).to_pylist()
            # only _prepare's emoji_rx (cx emoji of several code points) needs this; the emoji table takes the
            # others without it (an RE2 scan less: 8 ms a 50,000-post slice)
            several = self._emoji_filter and self.emoji_rx is not None
            emoji = pc.match_substring_regex(arr, self._emoji_filter).to_pylist() if several else every
            special = pc.match_substring_regex(arr, self._special_filter)
            ascii = pc.string_is_ascii(arr).to_numpy(zero_copy_only=False)
            plain = ascii & ~special.to_numpy(zero_copy_only=False)
            rewritten = rewritten.to_numpy(zero_copy_only=False)
            plain &= ~rewritten
            lines = lines.to_numpy(zero_copy_only=False)
            return phrases, emoji, plain & ~lines, plain & lines, ascii & lines & ~rewritten
        except (pa.ArrowException, UnicodeError):  # lone surrogates, or a pattern RE2 rejects
            return every, every, none, none, none

    # The phrases' Python patterns, compiled when a text first needs them: the batch path finds phrases with RE2
    # (`_join_phrases_all`), and these two took half of building the analyzer (0.1 s of CPU of each run's 0.18 s),
    # also in runs whose texts never needed them
    @cached_property
    def phrase_rx(self) -> re.Pattern | None:
        """The phrases in `text` (ignoring case) as the reference reads them."""
        return re.compile(rf"{_PHRASE_START}(?:{self._phrases}){_PHRASE_END}", re.I) if self._phrases else None

    @cached_property
    def _phrase_split(self) -> re.Pattern | None:
        """`phrase_rx` for lower-cased text, without re.I (`_join_phrases`); None when a phrase is beyond ASCII."""
        return re.compile(rf"{_PHRASE_START}({self._phrases}){_PHRASE_END}") if self._ascii_trie else None

    def _prepare(self, text: str, phrases: bool = True, emoji: bool = True) -> str:
        return " ".join(self._rewrite(text, phrases, emoji).split())

    def _rewrite(self, text: str, phrases: bool = True, emoji: bool = True) -> str:
        """`text` as cx's rules read it, its whitespace as it comes: phrases as tokens, emoji as tokens or
        words. The batch path takes it so (its tokens and sentences are whitespace's, and it makes other
        spaces ASCII's); `_prepare` also makes every run of whitespace one space."""
        text = self._unglued(text, phrases)
        if phrases and self._phrases is not None:
            text = self._join_phrases(text)
        return self._emoji_read(text, emoji)

    def _rewrite_all(self, texts: list[str], phrases: list[bool], emoji: list[bool]) -> list[str]:
        """`_rewrite` of each text, the phrases of all joined at once (`_join_phrases_all`)."""
        texts = list(texts)
        for k in np.flatnonzero(_matching(texts, self._unglue_filter)).tolist():  # (each text: 37 ms a slice; 26 so)
            texts[k] = self._unglued(texts[k], phrases[k])
        if self._phrases is not None:
            some = [k for k, p in enumerate(phrases) if p]
            for k, joined in zip(some, self._join_phrases_all([texts[k] for k in some]), strict=True):
                texts[k] = joined
        return [self._emoji_read(t, e) for t, e in zip(texts, emoji, strict=True)]

    def _unglued(self, text: str, phrases: bool) -> str:
        """`_rewrite`'s steps before the phrases: sentence ends unglued, typographic apostrophes and hyphens, hashtag
        verdicts, `[emoji_words]`, "incredible" alone (`_INCREDIBLE_ALONE`)."""
        if not text.isascii() and _HYPHEN_RX.search(text):
            text = _HYPHEN_RX.sub(lambda m: "-" if len(m[0]) == 1 else m[0].replace("\u2013", "-"), text)
        if phrases:
            text = unglued(text, self._praised)
            if "-" in text:
                text = _NUMBER_GLUED.sub(r"\1 ", text)
                text = _MINUS_STARS.sub(r"minus \1", text)
            # (each pattern only where its words are: three searches of every text were 6 us of its 16)
            low = _lowered(text)
            if low is None or "queue" in low or "line" in low:
                text = _FAR_IN_QUEUE.sub("nth", text)
                low = _lowered(text)
            if low is None or _UNIT_AFTER_DIGIT.search(low):
                text = _UNIT_GLUED.sub(r"\1 ", text)
                low = _lowered(text)
            if low is None or "free" in low:
                text = _FREE_AFTER_UNIT.sub(r"\1 free \2", text)
            # (each where a word every match holds is, "body" or "one" and "none": tests/test_cx.py; "no" was in 40 % of
            # the texts here, "none" in 1 %)
            if low is None or "body" in low or "one" in low:
                text = _NOBODY_WHERE.sub(r"\2 \1", text)
            if low is None or "none" in low:
                text = _NONE_OF.sub(r"\1 none", text)
            if "/" in text:
                text = _DATE_SLASH.sub(_dated, text)
        if not text.isascii():
            for typographic, ascii in _IN_WORDS.items():  # str.replace: str.translate would look up every character
                if typographic in text:
                    text = text.replace(typographic, ascii)
            for emoji, words in self._emoji_words.items():
                if emoji in text:
                    text = text.replace(emoji, words)
        if phrases and "#" in text:
            text = _HASHTAG_VERDICT.sub(self._split_verdict, text)
        if "incredible_alone" in self.sia.lexicon and ((low := _lowered(text)) is None or "incredible" in low):
            text = _INCREDIBLE_ALONE.sub(r"\1incredible_alone", text)
        return text

    def _praised(self, word: str) -> bool:
        """Is `word` praise, which quotes make scare quotes (`_SCARE`)?"""
        return self.sia.lexicon.get(word.lower(), 0) > 0

    def _emoji_read(self, text: str, emoji: bool) -> str:
        """`_rewrite`'s last step: emoji as cx's tokens or VADER's words, typographic punctuation as ASCII's."""
        if not text.isascii():
            if emoji and self.emoji_rx is not None:
                text = self.emoji_rx.sub(lambda m: f" {self.emoji_tokens[m.group(0)]} ", text)
            # only the non-ASCII runs (str.translate looks every character up: 3x slower)
            text = _NON_ASCII.sub(lambda m: m.group(0).translate(self._emoji_table), text)
        return text

    def _join_phrases_all(self, texts: list[str]) -> list[str]:
        """`_join_phrases` of each text, the phrases found by one RE2 pass over the batch (Python's `re` took
        80 % of the time of cx's preparation of texts) and joined into tokens with numpy over the bytes.

        RE2 marks each phrase of the ASCII-lower-cased texts (between the bytes 1 and 2); a phrase's bytes are
        then its lower-case ones, each run of space in it one `_`, and the rest of the text is as it was. RE2's
        word boundaries find every phrase the look-arounds of `_phrase_split` find, and more only beside a `'`
        or a character beyond ASCII (RE2's word characters are ASCII's): a text with such a phrase, or with a
        character whose lower case `re` reads otherwise (`_NOT_IN_BATCH`), is joined by `_join_phrases`. Where
        RE2 and `re` accept the same phrases, both take the first (leftmost, then the trie's order) at each
        place, so the same ones."""
        if self._phrase_re2 is None or not texts:
            return [self._join_phrases(t) for t in texts]
        try:
            arr = pa.array(texts, pa.large_string())
            odd = np.array(pc.match_substring_regex(arr, _NOT_IN_BATCH.pattern), dtype=bool)
            arr = arr.filter(pa.array(~odd))
            lowered = pc.ascii_lower(arr)
            first, end = self._phrase_spans(lowered)
        except (pa.ArrowException, UnicodeError):  # lone surrogates
            return [self._join_phrases(t) for t in texts]
        done = list(texts)
        if len(first):
            src = np.frombuffer(value_bytes(arr), np.uint8)
            at = value_offsets(arr).astype(np.int64)
            at -= at[0]
            row = np.searchsorted(at, first, side="right") - 1
            beside = np.zeros(len(first), dtype=bool)
            for place, inner in ((first - 1, first > at[row]), (end, end < at[row + 1])):
                near = src[np.where(inner, place, 0)]
                beside |= inner & ((near == ord("'")) | (near >= 0x80))
            # the phrases' bytes lower-cased, the first byte of each run of space in them `_`, the others dropped
            size = end - first
            span = np.repeat(first - np.cumsum(size) + size, size) + np.arange(int(size.sum()))
            out = src.copy()
            out[span] = np.frombuffer(value_bytes(lowered), np.uint8)[span]
            gap = _SPACE_BYTE[out[span]]  # (a phrase's words are ASCII without space)
            after = np.concatenate([[False], gap[:-1] & (span[1:] == span[:-1] + 1)])  # (spans never touch)
            out[span[gap & ~after]] = ord("_")
            drop = span[gap & after]
            # (a phrase holding digits, its own or a word `#`'s: `_phrase_token`, one by one; few texts have one)
            digit = (out[span] >= ord("0")) & (out[span] <= ord("9"))
            beside[np.unique(np.repeat(np.arange(len(first)), size)[digit])] = True
            out = np.delete(out, drop)
            at -= np.searchsorted(drop, at)
            joined = pa.LargeStringArray.from_buffers(len(arr), pa.py_buffer(at), pa.py_buffer(out))
            rows = np.unique(row)
            batch = np.flatnonzero(~odd)
            for k, text in zip(batch[rows].tolist(), joined.take(pa.array(rows)).to_pylist(), strict=True):
                done[k] = text
            odd[batch[row[beside]]] = True
        for k in np.flatnonzero(odd).tolist():
            done[k] = self._join_phrases(texts[k])
        return done

    def _phrase_spans(self, lowered: pa.Array) -> tuple[np.ndarray, np.ndarray]:
        """Where each phrase `_phrase_re2` finds in `lowered` starts and ends (its first byte and the one after it,
        in the texts' bytes back to back), with every run of ASCII space one blank: RE2 marks each phrase of those
        texts (between the bytes 1 and 2), and the places are taken back to the texts'. A phrase never starts or ends
        with a space, and the letters around a gap are not spaces, so a gap of `_ASCII_SPACE`+ in the text is a blank
        there; and a character is a word one in both or in neither (`\\b`)."""
        at = value_offsets(lowered).astype(np.int64)
        at -= at[0]
        text = _BLANKED[np.frombuffer(value_bytes(lowered), np.uint8)]
        again = np.zeros(len(text), dtype=bool)  # a blank after a blank of the same text
        again[1:] = (text[1:] == 32) & (text[:-1] == 32)
        again[at[:-1][at[:-1] < len(text)]] = False
        kept = np.flatnonzero(~again)
        short = at - np.searchsorted(np.flatnonzero(again), at)
        blank = pa.LargeStringArray.from_buffers(len(lowered), pa.py_buffer(short), pa.py_buffer(text[kept]))
        m = np.frombuffer(value_bytes(pc.replace_substring_regex(blank, self._phrase_re2, "\x01\\0\x02")), np.uint8)
        opens, closes = np.flatnonzero(m == 1), np.flatnonzero(m == 2)
        k = 2 * np.arange(len(opens))  # every mark before a phrase is one of a pair
        return kept[opens - k], kept[closes - k - 2] + 1

    def _join_phrases(self, text: str) -> str:
        """Each phrase of `text` made one lower-case token: `phrase_rx.sub(lambda m: _token(m.group(0).lower()),
        text)`, a third faster. The phrases are found in `text.lower()` without re.I, where `re` passes over
        a branch of the trie whose first letter differs without entering it (under re.I it enters every
        branch at every word). The same matches at the same places: lower() keeps each character's place,
        and a character's lower case matches a phrase's letter, a space or a word character exactly when the
        character does under re.I, but for the three `_NOT_AS_IGNORECASE` (a test checks every code point)."""
        if self._phrase_split is None or (not text.isascii() and _NOT_AS_IGNORECASE.search(text)):
            return self.phrase_rx.sub(lambda m: self._phrase_token(m.group(0).lower()), text)
        parts = self._phrase_split.split(text.lower())  # [before, phrase, between, phrase, ..., after]
        if len(parts) == 1:
            return text
        at = 0
        for k, part in enumerate(parts):  # the text between phrases as it was, each phrase as its token
            parts[k] = self._phrase_token(part) if k % 2 else text[at : at + len(part)]
            at += len(part)
        return "".join(parts)

    def _phrase_token(self, found: str) -> str:
        """The token of a phrase `found` in a text (lower case): its words joined by `_`, as the lexicon's phrase of
        these words and digits writes it, else (a phrase with a word `#`: "i was 10 minutes late") each run of
        digits `#`."""
        token = "_".join(found.split())
        return token if token in self._tokens else _DIGITS.sub("#", token)

    def _split_verdict(self, m: re.Match) -> str:
        """Split "#SkywayFail" into "#Skyway Fail"; a hashtag the lexicon knows whole ("#epicfail") stays."""
        return m.group(0) if (m.group(1) + m.group(2)).lower() in self.sia.lexicon else f"#{m.group(1)} {m.group(2)}"

    def _sentence(self, sentence: str, explain: bool) -> tuple[list[str], list[str], list[float]]:
        """Words, lower-cased words and valences of one sentence: VADER's `sentiment_valence` for
        lexicon words, 0 for boosters and "kind of", and a cx emoji's own value (never negated)."""
        if self.reference:
            return self._sentence_reference(sentence)
        fast, names, lexicon = self._fast, self._kept, self.sia.lexicon
        infos = fast._infos(sentence.split())
        nw = len(infos)
        lower = [info[0] for info in infos]
        scored = [
            (lexicon[info[0]] if info[0] in names else fast._valence(infos, i, 0, nw)) if info[6] else 0.0
            for i, info in enumerate(infos)
        ]
        return ([_word(t) for t in sentence.split()] if explain else lower), lower, scored

    def _sentence_reference(self, sentence: str) -> tuple[list[str], list[str], list[float]]:
        vs, sia = self._vs, self.sia
        sentitext = vs.SentiText(sentence)
        part = sentitext.words_and_emoticons
        commas = [ends_clause(t) and not emoticon(_word(t).lower(), sia.lexicon) for t in sentence.split()]
        scored: list[float] = []
        for i, item in enumerate(part):
            low = item.lower()
            if low in vs.BOOSTER_DICT or (low == "kind" and i + 1 < len(part) and part[i + 1].lower() == "of"):
                scored.append(0.0)
            elif low in self._kept:
                scored.append(sia.lexicon[low])
            else:
                scored = sia.sentiment_valence(0.0, self._clause_of(sentitext, commas, i), item, i, scored)
        return part, [w.lower() for w in part], scored

    def _clause_of(self, sentitext, commas: list[bool], i: int):
        """`sentitext` as the word at `i` reads it: a negation ("no" too) a comma, colon, dash, ... separates from it
        (`ends_clause`) negates nothing ("nothing was lost, great job"; "cannot log in: awful"), as if it were a word
        of no rule (fast_vader's `comma_ends_negation`)."""
        words, crossed, masked = sentitext.words_and_emoticons, False, None
        for j in range(i - 1, max(i - 4, -1), -1):
            crossed = crossed or commas[j]
            low = words[j].lower()
            if crossed and (low == "no" or self._vs.negated([low])):
                masked = list(words) if masked is None else masked
                masked[j] = ""
        if masked is None:
            return sentitext
        clause = copy.copy(sentitext)
        clause.words_and_emoticons = masked
        return clause

    def _analyze(
        self, text: str, explain: bool, phrases: bool = True, emoji: bool = True, names: dict | None = None
    ) -> tuple[float, Detail | None]:
        sia, lex = self.sia, self.lex
        prepared = self._prepare(text, phrases, emoji)
        words: list[str] = []
        lower: list[str] = []
        sentiments: list[float] = []
        # sentence by sentence, so a negation ("nothing.") never flips the next sentence's words
        for sentence in SENTENCE_END.split(prepared):
            part, low, scored = self._sentence(sentence, explain)
            words += part
            lower += low
            sentiments += scored
        rules = []
        turns = self._turns(prepared)
        turned_at = {pos: _TURNS[kind] for pos, kind in turns}  # (for the explanation)
        if turns:
            at = [pos for pos, _ in turns]
            kinds = np.array([kind for _, kind in turns])
            turned = _turned(np.array([sentiments[k] for k in at]), kinds, lex.fix_factor).tolist()
            for k, v in zip(at, turned, strict=True):
                sentiments[k] = v
            rules += [name for kind, name in enumerate(_TURNS) if (kinds == kind).any()]
        cut = None if self._contrast.isdisjoint(lower) else next(i for i, w in enumerate(lower) if w in self._contrast)
        if cut is not None and any(sentiments[cut + 1 :]):
            sentiments = [
                s * (lex.contrast_before if i < cut else lex.contrast_after if i > cut else 1.0)
                for i, s in enumerate(sentiments)
            ]
            rules.append(f"contrast '{lower[cut].replace('_', ' ')}'")
        if self._rave(lower, sentiments):
            sentiments = [0.0 if w in self.rave else s for w, s in zip(lower, sentiments, strict=True)]
            rules.append("crying with praise")
        if not self._smiles.isdisjoint(lower) and self._smile_at_complaint(lower, sentiments, cut):
            sentiments = [0.0 if w in self._smiles else s for w, s in zip(lower, sentiments, strict=True)]
            rules.append("a smile at a complaint")
        if not self._laughs.isdisjoint(lower) and self._laugh_at_complaint(lower, sentiments, cut):
            sentiments = [0.0 if w in self._laughs else s for w, s in zip(lower, sentiments, strict=True)]
            rules.append("a laugh at a complaint")
        has_event = not self.events.isdisjoint(lower) and any(
            w in self.events and s < 0 for w, s in zip(lower, sentiments, strict=True)
        )
        positive = any(s > 0 for s in sentiments)
        read = self._sarcasm(prepared) if has_event and positive and self.opener_rx is not None else None
        if positive and (_not_at_end(prepared) or _thanks_for_nothing(prepared)):  # "Super useful. Not."
            read = "sarcasm"
        elif has_event and read != "thanks" and self._winks and self._winked(prepared):
            # (praise before a customer event, then a wink: irony)
            first = next((k for k, s in enumerate(sentiments) if s > 0), len(sentiments))
            if any(w in self.events and s < 0 for w, s in zip(lower[first:], sentiments[first:], strict=True)):
                read = "sarcasm"
        sarcastic = [False] * len(sentiments)  # the words sarcasm turned negative, for the explanation
        if read == "sarcasm":
            sarcastic = [s > 0 for s in sentiments]
            sentiments = [s * lex.sarcasm_factor if s > 0 else s for s in sentiments]
            rules.append("sarcasm")
        elif read == "thanks":
            handled = [w in self.events and s < 0 for w, s in zip(lower, sentiments, strict=True)]
            sentiments = [s * lex.thanks_factor if h else s for s, h in zip(sentiments, handled, strict=True)]
            rules.append("thanks for a problem handled")
        tags = _tags_from(prepared) if has_event else len(sentiments)  # (closing hashtags: a topic, no event asked)
        asked = any(w in self.events and s < 0 for w, s in zip(lower[:tags], sentiments[:tags], strict=True))
        if _question(text) and not asked and read != "sarcasm":
            if tags < len(sentiments):  # "... a stroller? #delayed": the tag's event weighs nothing
                sentiments = sentiments[:tags] + [
                    0.0 if w in self.events and s < 0 else s
                    for w, s in zip(lower[tags:], sentiments[tags:], strict=True)
                ]
                rules.append("an event's hashtag after a question: its topic")
            sentiments = [s * lex.question_factor for s in sentiments]
            rules.append("question")
        if self.reference:
            compound = sia.score_valence(sentiments, prepared)["compound"]
        else:
            compound = self._fast._compound(float(sum(sentiments)), prepared)
        if explain and sum(sentiments):  # VADER's "!" and "?" push the sum further from 0 (score_valence)
            rules += emphasis(prepared, sum(sentiments) > 0)
        d = lex.dead_zone
        score = calibrate(compound, d)
        if abs(compound) < d and compound:
            rules.append("weak: calibrated into the neutral band")
        if not explain:
            return score, None
        fired, seen = [], {}
        for k, (w, lw, s, flipped) in enumerate(zip(words, lower, sentiments, sarcastic, strict=True)):
            seen[lw] = nth = seen.get(lw, -1) + 1  # (its place among the words written so: `names`' key)
            if not s and k not in turned_at and nth in (named := (names or {}).get(lw, {})):
                fired.append((named[nth] or w, 0.0, "brand name"))
                continue
            if not s and lw in self._contrast or not s and k not in turned_at and lw not in self.zeroed:
                continue
            base = sia.lexicon.get(lw, 0.0)
            notes = []
            if lw in self.cx_tokens or lw in self.token_names or lw in self.zeroed:
                notes.append("cx")
            if k in turned_at:
                notes.append(turned_at[k])
            elif not s:  # (the lexicon's 0)
                notes.append("no sentiment")
            elif flipped and base > 0:
                notes.append("sarcasm")
            elif flipped:  # positive only after a negation
                notes.append("negated, sarcasm")
            elif base and math.copysign(1, base) != math.copysign(1, s):
                notes.append("negated")
            elif abs(s) > abs(base) + 1e-9:
                notes.append("boosted")
            elif abs(s) < abs(base) - 1e-9:
                notes.append("damped")
            fired.append((self.token_names.get(lw, w), s + 0.0, ", ".join(notes)))  # (+0.0: no "-0.00")
        return score, Detail(score, fired, rules)
