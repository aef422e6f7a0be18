"""Whole-word term matching for many terms at once, with one Aho-Corasick automaton.

Texts are lower-cased and accent-folded, joined into one string per chunk and scanned
once; only matches (not rows x terms) cost Python time. A match counts when it sits
on word boundaries, so "apple" does not match "applauded" but matches "Apple's",
"@apple" and "#apple"; a term starting with "@" (a handle, `@AskTarget`) is a mention, so not one inside an e-mail
address ("help@asktarget.com"). A term ending in `*` matches any word starting with it.
An `exclude` phrase cancels the term occurrences inside it ("united" inside
"united states"), not the whole post. Brands' matchers give a name to its longest term: "Nova Pro Max"
is the brand "Nova Pro Max", not "Nova" and "Nova Pro" too (`longest`).
"""

from __future__ import annotations

import re
import re._constants as re_constants
import re._parser as re_parser
import threading
import unicodedata
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, product

import ahocorasick
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..schema import LIST_SEPARATOR, STRING, byte_counts, non_ascii_matches, strings_at, value_bytes

CHUNK = 50_000  # texts per scan: bounds the joined string's memory
_SEP = "\x00"


#: accents written apart, as NFKD writes them (Japanese kana's voicing marks too: "ガ" is "カ", as "é" is "e"; left, as
#: Python's `\w` is no letter, they cut "デザイン" into three words for NEAR/n); Arabic's short vowels and other
#: marks ("طَيَرَانُ" is "طيران") and its hamza written apart ("الإمارات" is "الامارات", as most customers type it)
_MARKS_RANGES = (
    "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\u3099\u309a\ufe20-\ufe2f"
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
)
_COMBINING = re.compile(f"[{_MARKS_RANGES}]")
#: characters that fold to something else: Latin letters with accents, ligatures, full-width forms, accents
#: written apart ("Cafe\u0301", as macOS sends text), the letters of styled text (mathematical bold and
#: italic "𝗦𝗸𝘆𝘄𝗮𝘆", circled "Ⓓ"), the modifier apostrophe, spaces other than " " (no-break, thin, ideographic)
#: and characters that show as nothing (soft hyphen, zero-width space and joiners, word joiner, BOM), as text
#: pasted from web pages and apps has them inside names; the Arabic letters and digits `_AS_ASCII` folds
#: (literal characters, not escapes, so pandas can hand the pattern to Arrow's RE2)
_FOLDABLE = (
    f"[\u00c0-\u024f\u1e00-\u1eff\ufb00-\ufb06\uff01-\uff5e{_MARKS_RANGES}\u02bc\u24b6-\u24e9\U0001d400-\U0001d7ff"
    "\u00a0\u00ad\u2000-\u200d\u202f\u2060\u3000\ufeff\u03c2"
    "\u0640\u0649\u0629\u06cc\u06a9\u06c1-\u06c3\u06d5\u0660-\u0669\u06f0-\u06f9]"
)
#: symbols that NFKD spells with letters ("™" -> "TM"): kept as they are, or "Nestlé™" would fold to
#: "nestletm" and no longer be "Nestlé" followed by a mark
SPELLED_SYMBOLS = re.compile("([\u2120\u2121\u2122\u213b\u2116\u20a8])")
#: characters that show as nothing, dropped ("app\u200ble" is "apple"); NFKD makes the other spaces " "
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
#: apostrophes read as ASCII's (phones type "Delta’s"; "ʼ" is a letter, so "Deltaʼs" was one word);
#: Turkish dotless "ı" as "i", as accents are dropped: "YILDIZ" matches the term "Yıldız"; Greek final "ς" as "σ",
#: as Arrow lower-cases a capital "Σ" at a word's end ("ΣΑΣ" is "σασ" there, "σας" in Python); German "ß" as "ss",
#: as `str.casefold` and capitals write it ("HAUPTSTRASSE" is "Hauptstraße", the brand "Weißbräu" "WEISSBRÄU");
#: Arabic as its search engines fold it (Lucene's Arabic and Persian normalisers): the stretching tatweel dropped
#: ("طيـــران" is "طيران"), final "ى" and the Persian and Urdu "ی" as "ي", "ک" as "ك", "ة" as "ه" ("القطريه"), and
#: Urdu's "ہ" and "ۃ" and Persian's "ە" and "ۀ" as "ه" ("الجزیرہ" is "الجزيرة"),
#: Arabic-Indic and Persian digits as ASCII's ("٤٥٢" is "452")
_AS_ASCII = str.maketrans(
    {"\u2019": "'", "\u02bc": "'", "\u0131": "i", "\u03c2": "\u03c3", "\u00df": "ss"}
    | dict.fromkeys(INVISIBLE + "\u0640")
    | {"\u0649": "\u064a", "\u06cc": "\u064a", "\u06a9": "\u0643", "\u0629": "\u0647"}
    | dict.fromkeys("\u06c1\u06c3\u06d5", "\u0647")
    | {chr(0x0660 + d): str(d) for d in range(10)}
    | {chr(0x06F0 + d): str(d) for d in range(10)}
)


def fold(text: str) -> str:
    """Lower-case and strip accents: `Café` -> `cafe`. Used for terms and texts alike."""
    low = text.lower()
    if SPELLED_SYMBOLS.search(low):
        parts = SPELLED_SYMBOLS.split(low)  # [text, symbol, text, ...]
        return "".join(p if k % 2 else fold(p) for k, p in enumerate(parts))
    # lower case again: styled capitals ("𝗗") have no lower case of their own, their ASCII letter has
    return _COMBINING.sub("", unicodedata.normalize("NFKD", low).lower()).translate(_AS_ASCII)


def spellings(key: str) -> list[str]:
    """`key` and, for a name of several words, each way of writing it with a space or a hyphen between
    them: "coca cola" is "coca-cola" too, and the exclude phrase "united states" covers "united-states"."""
    words = re.split("[ -]", key)
    if len(words) == 1 or not all(words):
        return [key]
    if len(words) > 4:  # (2 ** 3 spellings at most; longer names: all spaces or all hyphens)
        return list(dict.fromkeys([key, " ".join(words), "-".join(words)]))
    return [
        "".join(w + s for w, s in zip(words, seps, strict=False)) + words[-1]
        for seps in product(" -", repeat=len(words) - 1)
    ]


#: the one-letter words Arabic writes joined to the next word: "and", "then", "with/by", "for/to", "like", alone and as
#: "and"/"then" before one of the others ("وبطيران", "and by ..."); "ل" before the article "ال" writes "لل"
_PROCLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")
#: before a first word of two or three letters, "and" and "then" alone: "ب", "ل", "ك" make such words other common
#: words ("دو" (du) in "بدو", bedouins; "تاب" in "كتاب", a book; "مال" in "كمال", a name; "ما" (not) in "لما", when,
#: and "كما", as: "لما وصلني الطلب", when my order came, was a complaint)
_SHORT_PROCLITICS = ("و", "ف")
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def with_proclitics(key: str) -> list[str]:
    """`key` and, for a folded key starting with an Arabic letter, the ways Arabic writes it with a particle joined
    to it: "طيران الصحراء" is named in "وطيران الصحراء" and "بطيران الصحراء", "الإمارات" in "بالإمارات" and
    "للإمارات" (whole-word matching read these as other words)."""
    if not _ARABIC_LETTER.match(key):
        return [key]
    article = key.startswith("\u0627\u0644") and len(key) > 2  # "ال": "ل" + "الإمارات" is "للإمارات"
    some = _PROCLITICS if article or len(re.split("[ -]", key, maxsplit=1)[0]) >= 4 else _SHORT_PROCLITICS
    joined = [p[:-1] + "\u0644\u0644" + key[2:] if article and p[-1] == "\u0644" else p + key for p in some]
    return [key, *joined]


class LastColumn:
    """What `build` made of the last text column it was given, reused while the same column comes
    again: brands, intent and topics work on the same texts of one chunk, and pandas' copies of a
    frame share its (immutable) Arrow arrays."""

    def __init__(self, build):
        self.build = build
        self.key: tuple = (None, None, None)  # (Arrow array, index, result)
        _caches.append(self)

    def __call__(self, texts: pd.Series):
        arrow = texts.array.__arrow_array__() if hasattr(texts.array, "__arrow_array__") else None
        key, index, value = self.key
        if arrow is not None and key is arrow and index.equals(texts.index):
            return value
        value = self.build(texts)
        if arrow is not None:
            self.key = (arrow, texts.index, value)
        return value


_caches: list[LastColumn] = []


@contextmanager
def kept() -> Iterator[None]:
    """The last column's scans as they were after the block, whose scans of other texts (a few posts' own words) would
    take their place: intent's reading of posts that leave their brand made topics fold and scan the chunk again
    (1,000,000 posts: 3 s of CPU)."""
    saved = [cache.key for cache in _caches]
    try:
        yield
    finally:
        for cache, key in zip(_caches, saved, strict=False):
            cache.key = key


def forget() -> None:
    """Drop what the scans keep of the last column (its folded and joined texts, tens of MB a
    chunk), so that a finished chunk does not stay in memory while the next one is analyzed."""
    for cache in _caches:
        cache.key = (None, None, None)


def _fold_series(texts: pd.Series) -> pd.Series:
    """`fold` over a column; only rows with foldable characters pay for Unicode normalisation."""
    s = texts.fillna("").astype(STRING).str.lower()
    arr = pa.array(s, type=pa.large_string(), from_pandas=True)
    arr = arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr
    body = value_bytes(arr)
    for char, to in ((_SEP, " "), ("\u2019", "'")):  # (each a copy of every text: only when some holds it)
        if char.encode() in body:
            arr = pc.replace_substring(arr, char, to)
    foldable = _foldable(arr)
    if foldable.any():
        folded = pa.array([fold(t) for t in arr.filter(pa.array(foldable)).to_pylist()], pa.large_string())
        arr = pc.replace_with_mask(arr, pa.array(foldable), folded)
    return pd.Series(pd.arrays.ArrowStringArray(arr), index=s.index, dtype=STRING)


def _foldable(arr: pa.Array) -> np.ndarray:
    """The texts `fold` writes otherwise than their lower case: those holding a `_FOLDABLE` character, and those
    Unicode's compatibility decomposition (NFKD, as `fold` makes of terms) changes beyond it: Cyrillic "й", Greek "ά",
    Korean syllables, Japanese "ガ" and half-width "ｶﾞ", "²". Left as they were, the brand "Билайн" (its term folded to
    "билаин") never matched a post of "Билайн", nor "삼성" of "삼성". Both are tested only on the texts holding one of
    `_may_fold()`'s characters (one RE2 scan): most texts beyond ASCII hold only emoji, CJK and punctuation, and
    Arrow's NFKD of every one of them made these tests 24 of a 50,000-post slice's 42 ms of folding (now 8)."""
    found = np.zeros(len(arr), dtype=bool)
    some_at = np.flatnonzero(non_ascii_matches(arr, _may_fold()))
    if len(some_at):
        some = arr.take(pa.array(some_at))
        changed = pc.or_(pc.match_substring_regex(some, _FOLDABLE), pc.not_equal(pc.utf8_normalize(some, "NFKD"), some))
        found[some_at] = pc.fill_null(changed, False).to_numpy(zero_copy_only=False)
    return found


@lru_cache(maxsize=1)
def _may_fold() -> str:
    """An RE2 class of the characters beyond ASCII that `fold` may change: all but those NFKD leaves as they are
    (no decomposition, combining class 0, assigned in Python's Unicode tables, which a newer Arrow's keep) and that
    are not `_FOLDABLE`'s. Only the Basic Multilingual Plane and the emoji's plane are looked through (13 ms, once a
    process); past them every character may change (texts holding one are tested, not left out)."""
    foldable = re.compile(_FOLDABLE)
    kept = [
        c
        for plane in (range(0x80, 0xD800), range(0xE000, 0x10000), range(0x1F000, 0x20000))
        for c in plane
        if unicodedata.is_normalized("NFKD", ch := chr(c))
        and not unicodedata.combining(ch)
        and unicodedata.category(ch) != "Cn"
        and not foldable.match(ch)
    ]
    # runs of consecutive code points as ranges
    starts = [c for k, c in enumerate(kept) if not k or kept[k - 1] != c - 1]
    ends = [c for k, c in enumerate(kept) if k == len(kept) - 1 or kept[k + 1] != c + 1]
    return "[^\\x00-\\x7f" + "".join(f"\\x{{{a:x}}}-\\x{{{b:x}}}" for a, b in zip(starts, ends, strict=True)) + "]"


fold_series = LastColumn(_fold_series)


@dataclass(frozen=True)
class Rule:
    """Terms that mark `label`, and phrases whose occurrences don't count."""

    label: str
    terms: tuple[str, ...]
    exclude: tuple[str, ...] = ()


class TermMatcher:
    """Compile rules once; `hits(texts)` gives a rows x labels boolean matrix.

    `longest`: per rule, whether it takes part in the longest name: such a rule's occurrences inside a longer
    occurrence of another such rule's term do not count, as inside an exclude phrase (brands: "Nova Pro Max"
    names the brand of that term, not "Nova" and "Nova Pro" too; "PureMilk"'s "pure milk" is not "Pure"). Two
    rules with the same term both count."""

    def __init__(self, rules: list[Rule], longest: tuple[bool, ...] = ()):
        self.labels = [r.label for r in rules]
        self._longest = np.array(longest, dtype=bool) if any(longest) else None
        entries: dict[str, list[tuple[int, bool, bool]]] = {}  # key -> [(label, is_exclude, prefix)]
        for i, rule in enumerate(rules):
            for kind, words in ((False, rule.terms), (True, rule.exclude)):
                for word in words:
                    prefix = word.endswith("*")
                    for key in chain.from_iterable(map(with_proclitics, spellings(fold(word.rstrip("*").strip())))):
                        if key and (i, kind, prefix) not in entries.get(key, []):
                            entries.setdefault(key, []).append((i, kind, prefix))
        # Per key: its length, whether its first/last character is a word character, and its entries
        # as a slice of flat arrays, so matches are filtered with numpy rather than per match in Python.
        keys = list(entries)
        self._length = np.array([len(k) for k in keys], dtype=np.int64)
        # ("@": a handle's mention has no word character before it, as in an e-mail address's)
        self._word_first = np.array([_is_word(k[0]) or k[0] == "@" for k in keys], dtype=bool)
        self._word_last = np.array([_is_word(k[-1]) for k in keys], dtype=bool)
        flat = [e for k in keys for e in entries[k]]
        self._count = np.array([len(entries[k]) for k in keys], dtype=np.int64)
        self._label = np.array([e[0] for e in flat], dtype=np.int64)
        self._exclude = np.array([e[1] for e in flat], dtype=bool)
        self._prefix = np.array([e[2] for e in flat], dtype=bool)
        self._first = np.concatenate([[0], np.cumsum(self._count)[:-1]]).astype(np.int64)
        self.empty = not keys
        self._local = _ALL_KEYS.add(keys)
        self.automaton = None if self._local is not None else _automaton(keys)

    def hits(self, texts: pd.Series, outside: TermMatcher | None = None, keep: bool = True) -> np.ndarray:
        """`outside`: another matcher (the brands'), inside whose occurrences this one's do not count, as
        inside an exclude phrase: with a brand "Snacko", the topic keyword `snack*` does not match its name.
        `keep=False`: a few texts read once, whose folds do not replace the chunk's column in the caches (intent's
        unscored posts: topics, after, folded and scanned the chunk again, 0.25 s of 100,000 posts)."""
        n = len(texts)
        out = np.zeros((n, len(self.labels)), dtype=bool)
        if self.empty or n == 0:
            return out
        folded = fold_series(texts) if keep else fold_series.build(texts)
        for start in range(0, n, CHUNK):
            joined = _joined(folded, start) if keep else Joined(folded.iloc[start : start + CHUNK])
            found = self._find(joined)
            if found is not None and outside is not None and not outside.empty:
                found = _outside_of(found, outside._find(joined), joined.offsets)
            if found is not None:
                out[found[0] + start, found[1]] = True
        return out

    def spans(self, folded: pd.Series, keep: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Every counted occurrence as (row, label, start, end) arrays; `end` is inclusive.

        Takes texts already passed through `fold_series`; offsets are into those texts.
        Used by the query compiler, which needs positions for NEAR and EXCEPT. `keep=False`: texts scanned once (brand
        names' masks, stop 41), whose joined slices do not replace the chunk's column that intent and topics reuse.
        """
        parts = []
        if not self.empty:
            for first in range(0, len(folded), CHUNK):
                joined = _joined(folded, first) if keep else Joined(folded.iloc[first : first + CHUNK])
                found = self._find(joined)
                if found is not None:
                    parts.append((found[0] + first, *found[1:]))
        if not parts:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty, empty
        return tuple(np.concatenate(p) for p in zip(*parts, strict=True))  # type: ignore[return-value]

    def _find(self, joined: Joined) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
        """(row, label, start, end) of the term occurrences in `joined` texts that no exclude phrase covers,
        kept with `joined` (topics reuse the brands' occurrences that `match_brands` found)."""
        if self not in joined.found:
            joined.found[self] = self._occurrences(joined)
        return joined.found[self]

    def _occurrences(self, joined: Joined) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
        if self._local is None:
            end, key = _scan(self.automaton, joined.big)
            before, after, cut = _beside(joined.big, end - self._length[key] + 1, end)
        else:  # this matcher's keys among every matcher's matches
            end, every, before, after, cut = _ALL_KEYS.scan(joined, len(self._local))
            key = self._local[np.minimum(every, len(self._local) - 1)]
            mine = (every < len(self._local)) & (key >= 0)
            end, key, before, after, cut = end[mine], key[mine], before[mine], after[mine], cut[mine]
        if not len(end):
            return None
        start = end - self._length[key] + 1
        left_ok = ~(before & self._word_first[key])
        right_ok = ~(after & self._word_last[key])
        # one row per (match, entry of its key)
        m = np.repeat(np.arange(len(key)), self._count[key])
        e = self._first[key][m] + _ranges(self._count[key])
        # (a match ending inside a Korean syllable is none, a prefix's either: `기아`, `기아*` are not `기압`'s)
        keep = left_ok[m] & (right_ok[m] | self._prefix[e]) & ~cut[m]
        m, e = m[keep], e[keep]
        offsets = joined.offsets
        rows = np.searchsorted(offsets, start[m], side="right") - 1
        labels, excluded = self._label[e], self._exclude[e]
        is_term = ~excluded
        if excluded.any():
            is_term &= _outside_excluded(rows, start[m], end[m], labels, excluded)
        if self._longest is not None:
            is_term[is_term] = _not_inside_longer(start[m][is_term], end[m][is_term], self._longest[labels[is_term]])
        rows = rows[is_term]
        base = offsets[rows]
        return rows, labels[is_term], start[m][is_term] - base, end[m][is_term] - base


@lru_cache(maxsize=32)
def term_matcher(rules: tuple[Rule, ...], longest: tuple[bool, ...] = ()) -> TermMatcher:
    """One matcher for the same rules: brands, topics and intent built theirs again for each chunk of a run, and for
    each `analyze` of a library user's batch (half of a small frame's analysis)."""
    return TermMatcher(list(rules), longest)


class Joined:
    """One slice of folded texts joined for scanning, with what every matcher's scan needs of it
    (brands, intent and topics scan the same texts: this is built once per slice)."""

    def __init__(self, texts: pd.Series):
        # each text and a separator, joined in Arrow and decoded once: no Python string per text
        arrow = pa.array(texts, type=pa.large_string(), from_pandas=True)
        arrow = arrow.combine_chunks() if isinstance(arrow, pa.ChunkedArray) else arrow
        sep, empty = pa.scalar(_SEP, pa.large_string()), pa.scalar("", pa.large_string())
        cells = pc.binary_join_element_wise(arrow, sep, empty)
        self.big = value_bytes(cells).decode("utf-8")
        lengths = pc.utf8_length(cells).to_numpy(zero_copy_only=False).astype(np.int64)
        self.offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        self.scanned: tuple[int, np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None  # see AllKeys.scan
        self.found: weakref.WeakKeyDictionary[TermMatcher, tuple | None] = weakref.WeakKeyDictionary()  # see _find


def _automaton(keys: list[str]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for i, key in enumerate(keys):
        automaton.add_word(key, i)
    if keys:
        automaton.make_automaton()
    return automaton


def _scan(automaton: ahocorasick.Automaton, big: str) -> tuple[np.ndarray, np.ndarray]:
    """(end offset, key) of every occurrence of every key in `big`."""
    if automaton.kind != ahocorasick.AHOCORASICK:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    found = np.fromiter(chain.from_iterable(automaton.iter(big)), dtype=np.int64).reshape(-1, 2)
    return found[:, 0], found[:, 1]


class AllKeys:
    """The keys of every TermMatcher of this process in one automaton. Brands, intent and topics
    scan the same texts of a chunk, and walking the texts costs more than the matches: one scan
    with all their keys, kept with the joined texts, serves all three (saves about 0.15 s a
    100,000-post chunk). A key keeps its id for the life of the process; past `limit` keys (many
    different queries in one process), new matchers scan with an automaton of their own."""

    def __init__(self, limit: int = 100_000) -> None:
        self.ids: dict[str, int] = {}  # key -> id, in id order
        self.limit = limit
        self._automaton: tuple[ahocorasick.Automaton, int] | None = None  # and how many keys it holds
        self._lengths = np.zeros(0, dtype=np.int64)  # per key id: its length
        self._lock = threading.Lock()  # the dask engine may run partitions in threads

    def add(self, keys: list[str]) -> np.ndarray | None:
        """A matcher's map from key id to its own key index (-1 for other matchers' keys), or None."""
        with self._lock:
            new = [k for k in dict.fromkeys(keys) if k not in self.ids]
            if len(self.ids) + len(new) > self.limit:
                return None
            self.ids.update({k: len(self.ids) + i for i, k in enumerate(new)})
            local = np.full(len(self.ids), -1, dtype=np.int64)
            local[[self.ids[k] for k in keys]] = np.arange(len(keys))
            return local

    def scan(self, joined: Joined, known: int) -> tuple[np.ndarray, ...]:
        """(end, key id, word character before, word character after, inside a Korean syllable: `_beside`) of every
        occurrence in `joined`
        of the keys with ids below `known` (and maybe others). A scan holds every match of the keys that
        existed when it was made, so it is redone only for a matcher with newer keys."""
        scanned = joined.scanned
        if scanned is None or scanned[0] < known:
            with self._lock:
                if self._automaton is None or self._automaton[1] < len(self.ids):
                    self._automaton = (_automaton(list(self.ids)), len(self.ids))
                    self._lengths = np.array([len(k) for k in self.ids], dtype=np.int64)
                automaton, size = self._automaton
                lengths = self._lengths
            end, key = _scan(automaton, joined.big)
            scanned = joined.scanned = (size, end, key, *_beside(joined.big, end - lengths[key] + 1, end))
        return scanned[1:]


_ALL_KEYS = AllKeys()


_slices = LastColumn(lambda folded: {})  # {start: Joined} of the last folded column


def _joined(folded: pd.Series, start: int) -> Joined:
    """`folded[start : start + CHUNK]` joined, reused while the same folded column is scanned."""
    slices = _slices(folded)
    if start not in slices:
        slices[start] = Joined(folded.iloc[start : start + CHUNK])
    return slices[start]


def _ranges(counts: np.ndarray) -> np.ndarray:
    """[2, 3] -> [0, 1, 0, 1, 2]"""
    total = counts.sum()
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    return np.arange(total) - starts


def _code_points(big: str) -> np.ndarray:
    """The code points of `big`, one array item per character (bytes when it is ASCII)."""
    if big.isascii():
        return np.frombuffer(big.encode("ascii"), dtype=np.uint8)
    return np.frombuffer(big.encode("utf-32-le", errors="surrogatepass"), dtype=np.uint32)


def _beside(big: str, start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For matches of `big[start : end + 1]`: is the character before each a word character, and the one
    after? (False at either end of `big`.) And does the one after go on a Korean syllable the match ends inside
    (a vowel or final consonant jamo: `기아` is the start of `기압`, "air pressure", folded)? Only these characters
    are looked up, not every character of the slice: the mask of all of a 50,000-post slice's 4 million characters
    took 14 ms."""
    code_points = _code_points(big)
    size = len(code_points)

    def at(k: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return (k >= 0) & (k < size), code_points.take(np.clip(k, 0, max(size - 1, 0))) if size else k

    inside_before, before = at(start - 1)
    inside_after, after = at(end + 1)
    syllable_goes_on = inside_after & (after >= 0x1160) & (after <= 0x11FF)
    return inside_before & _word_mask(before), inside_after & _word_mask(after), syllable_goes_on


def _word_mask(code_points: np.ndarray) -> np.ndarray:
    """For each code point: is it a word character? (a table of the code points below U+2E80, past
    which `_is_word` is always false)"""
    return _WORD_BELOW_2E80.take(code_points, mode="clip")  # (its last entry, U+2E80, is False)


def _is_word(ch: str) -> bool:
    """Letters, digits and `_`; except scripts written without spaces (CJK, Thai), where a
    brand name touching a letter ("Skywayの便") is still a separate word, and Korean's letters, which its
    particles are glued with ("Samsung은", "삼성이"): folding writes a syllable (U+AC00 on) as the jamo of
    U+1100-U+11FF, which are letters to Python. The vowel signs of Indic scripts are part of their word, though no
    letters to Python: "जेटी" (a jetty) is not the brand "जेट" (Jet) and a sign."""
    if ch >= "\u2e80" or "\u0e00" <= ch <= "\u0e7f" or "\u1100" <= ch <= "\u11ff":
        return False
    return ch.isalnum() or ch == "_" or unicodedata.category(ch) in ("Mn", "Mc")


_WORD_BELOW_2E80 = np.array([_is_word(chr(c)) for c in range(0x2E81)], dtype=bool)


def _outside_excluded(rows, start, end, labels, excluded) -> np.ndarray:
    """True for term matches not inside an exclude match of the same label in the same text. Each
    term is paired with the excludes of its (text, label), found by binary search (numpy: a pandas
    merge cost 5 ms a call whatever the size)."""
    key = rows.astype(np.int64) * (int(labels.max()) + 1) + labels
    terms, excludes = np.flatnonzero(~excluded), np.flatnonzero(excluded)
    excludes = excludes[np.argsort(key[excludes], kind="stable")]
    sorted_keys, wanted = key[excludes], key[terms]
    first = np.searchsorted(sorted_keys, wanted, side="left")
    count = np.searchsorted(sorted_keys, wanted, side="right") - first
    t = np.repeat(terms, count)
    e = excludes[np.repeat(first, count) + _ranges(count)]
    keep = np.ones(len(rows), dtype=bool)
    keep[t[(start[e] <= start[t]) & (end[t] <= end[e])]] = False
    return keep


def _not_inside_longer(start: np.ndarray, end: np.ndarray, taking_part: np.ndarray) -> np.ndarray:
    """For occurrences at `start`..`end` (inclusive, in the joined texts): False for those of `taking_part`
    rules that lie inside another, longer occurrence of such a rule. The distinct spans, sorted by start and
    then longest first: a span is inside another when a span before it in that order ends at or after it."""
    keep = np.ones(len(start), dtype=bool)
    if taking_part.sum() < 2:
        return keep
    s, e = start[taking_part], end[taking_part]
    width = int(e.max()) + 1
    spans, which = np.unique(s * width + e, return_inverse=True)
    s, e = spans // width, spans % width
    order = np.lexsort((-e, s))
    before = np.maximum.accumulate(np.concatenate([[-1], e[order][:-1]]))
    inside = np.empty(len(spans), dtype=bool)
    inside[order] = before >= e[order]
    keep[taking_part] = ~inside[which.ravel()]
    return keep


def _outside_of(found: tuple, cover: tuple | None, offsets: np.ndarray) -> tuple:
    """The occurrences of `found` (row, label, start, end in its text) that lie inside none of `cover`'s,
    whatever their labels. Placed in the joined texts (`offsets`), an occurrence is covered when a cover that
    starts at or before it ends at or after it: the latest end of the covers starting by then (a cover in an
    earlier text ends before this text starts)."""
    if cover is None or not len(cover[0]):  # (its matches all excluded: "river delta")
        return found
    cover_start = cover[2] + offsets[cover[0]]
    order = np.argsort(cover_start, kind="stable")
    latest_end = np.maximum.accumulate((cover[3] + offsets[cover[0]])[order])
    base = offsets[found[0]]
    before = np.searchsorted(cover_start[order], found[2] + base, side="right") - 1
    keep = (before < 0) | (latest_end[np.maximum(before, 0)] < found[3] + base)
    return tuple(a[keep] for a in found)


#: a letter, digit or space that is not ASCII, or NEL: what Python's \\w, \\d, \\s know and RE2's do not
_WIDE = "[^\\x00-\\x7f\\PL]|[^\\x00-\\x7f\\PN]|[^\\x00-\\x7f\\PZ]|\\x{85}"

#: the control characters Python's \\s counts as space and RE2's does not
_PYTHON_ONLY_SPACES = b"\x0b\x1c\x1d\x1e\x1f"

#: escapes whose meaning is ASCII-only in RE2 but Unicode-aware in Python's re
_CLASS_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\[bBdDsSwW]")
_NOT_BOUNDARY = re.compile(r"(?<!\\)(?:\\\\)*\\B")


class RegexSearch:
    """Case-insensitive regex searches over one column of texts, with Python re's answers.

    Arrow's RE2 (C++, 10-20x faster) runs every pattern it accepts over the whole column; Python's re
    re-checks only the texts where the two engines can disagree: texts ending in a newline (`$`) or empty
    (`\\B`); for patterns using \\b \\w \\d \\s (ASCII-only in RE2), texts holding non-ASCII letters, digits
    or spaces, or the control characters only Python counts as space (emoji and typographic quotes
    are no reason); for \\B, every text beyond ASCII; for patterns naming `i`, texts holding `İ` or `ı`
    (Python's `i` ignoring case); and of those only the ones holding a string every match needs
    (`_needed_pattern`). Patterns RE2 lacks (lookarounds, backreferences) or reads otherwise (`{,3}`,
    `[[:alpha:]]`, `ı`) run in Python's re alone, on those texts too."""

    def __init__(self, text: pd.Series):
        self.text = text.fillna("").reset_index(drop=True)
        self.arrow = pa.array(self.text, type=pa.large_string(), from_pandas=True)
        # Python's `$` also matches before a final newline; its `\B` never in an empty text (before 3.14)
        self.ends = _np(pc.ends_with(self.arrow, "\n")) | (_np(pc.binary_length(self.arrow)) == 0)
        self._wide: np.ndarray | None = None
        self._dotted: np.ndarray | None = None

    @property
    def wide_classes(self) -> np.ndarray:
        """Texts with non-ASCII letters, digits or spaces, or the controls only Python's \\s knows."""
        if self._wide is None:
            # a letter, digit or space that is not ASCII (RE2 has no class intersection)
            self._wide = (byte_counts(self.arrow, _PYTHON_ONLY_SPACES) > 0) | non_ascii_matches(self.arrow, _WIDE)
        return self._wide

    @property
    def non_ascii(self) -> np.ndarray:
        """Texts holding a character beyond ASCII."""
        return ~_np(pc.fill_null(pc.string_is_ascii(self.arrow), True))

    @property
    def dotted_i(self) -> np.ndarray:
        """Texts holding `İ` or `ı`, which Python's re ignoring case takes for `i` (and RE2 does not)."""
        if self._dotted is None:
            self._dotted = non_ascii_matches(self.arrow, "[\\x{130}\\x{131}]")
        return self._dotted

    def hits(self, rx: str, rows: np.ndarray | None = None) -> np.ndarray:
        """Texts `rx` matches; with `rows` (a mask), only those texts are searched, the others are False (intent
        searches only the posts no earlier rule matched)."""
        return self._search(rx, [rx], rows)

    def hits_any(self, patterns: list[str], rows: np.ndarray | None = None) -> np.ndarray:
        """Rows where any of `patterns` matches (among `rows`, as in `hits`): one scan of the alternation of those
        where that means the same (they run in RE2 and have no group references or inline flags), then one per other
        pattern, each over the texts the ones before did not match. (One lookahead among the complaint rule's 16
        patterns made each a scan of its own: 0.11 s of 100,000 posts, stop 43.) A long alternation is scanned in
        parts (`_alternations`)."""
        found = np.zeros(len(self.text), dtype=bool)
        rows = np.ones(len(self.text), dtype=bool) if rows is None else rows
        together = [p for p in patterns if _re2_accepts(p) and not _GROUP_REFERENCE.search(p)]
        for group in _alternations(together):
            found |= self._search("|".join(f"(?:{p})" for p in group), group, rows & ~found)
        for rx in (p for p in patterns if p not in together):
            found |= self.hits(rx, rows & ~found)
        return found

    def with_texts(self, rewrite: Callable[[np.ndarray], tuple[np.ndarray, list[str]]], ascii_case: bool) -> _Rewritten:
        """This search with some texts read otherwise (intent reads the brands' names with their capital, "does
        Quickbite deliver"): `rewrite(rows)` gives the positions among `rows` (a mask) whose texts read otherwise, and
        those texts, searched again; the column's own are searched as they are. A rewritten column was a new one, which
        missed the cached one's search that topics shares (stop 42: 6 % of a chunk's analysis). `rewrite` runs only on
        the rows a search needs, once each: those of the patterns reading case (the question rule's, a third of a
        chunk; every text took 2.6 % of `analyze`), and of every pattern unless `ascii_case` (the rewrites change only
        ASCII letters' case, which a pattern ignoring case does not see)."""
        return _Rewritten(self, rewrite, ascii_case)

    def _search(self, rx: str, patterns: list[str], rows: np.ndarray | None) -> np.ndarray:
        """`rx` (`patterns`' alternation, or the one pattern) in RE2 over `rows`; Python's re decides the texts where
        the two may differ, one pattern at a time (Python's re searches each alone faster than their alternation)."""
        rows = np.ones(len(self.text), dtype=bool) if rows is None else rows
        found = np.zeros(len(self.text), dtype=bool)
        if not rows.any():
            return found
        if _few(rx, rows):
            texts = self.arrow.filter(pa.array(rows)).to_pylist()
            found[rows] = [any(_compiled(p).search(t) for p in patterns) for t in texts]
            return found
        if _names_i(rx)[1] or _RE2_MISREADS.search(rx):
            return self._python(rx, rows)
        if not _re2_accepts(rx):  # (before the texts are copied for it)
            return self._python(rx, self._may_match(rx, rows))
        arrow = self.arrow if rows.all() else self.arrow.filter(pa.array(rows))
        try:
            found[rows] = _np(pc.match_substring_regex(arrow, rx, ignore_case=True))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            return self._python(rx, self._may_match(rx, rows))
        check = rows & self._unsure(rx)
        if check.any():  # (those texts taken out once: the complaint rule's 61 patterns each took them from the column)
            texts = self.arrow.filter(pa.array(check))
            sure = np.zeros(len(texts), dtype=bool)
            none = ~_may_hold_one(texts, patterns)
            for p in patterns:
                sure |= _python_search(texts, p, ~sure & ~none)
            found[check] = sure
        return found

    def _unsure(self, rx: str) -> np.ndarray:
        """The texts where RE2 and Python's re may answer `rx` otherwise (see the class's docstring)."""
        check = self.ends | self.wide_classes if _CLASS_ESCAPE.search(rx) else self.ends
        if _NOT_BOUNDARY.search(rx):  # (RE2's \B also matches between the bytes of a character beyond ASCII)
            check = check | self.non_ascii
        return check | self.dotted_i if _names_i(rx)[0] else check

    def _may_match(self, rx: str, rows: np.ndarray) -> np.ndarray:
        """`rows` less the texts RE2 tells `rx` cannot match: those its pattern without lookarounds (`_loosened`, which
        matches wherever `rx` does) does not match, but where the engines may differ. The question rule's two patterns
        with a lookahead searched in Python's re the 80 % of posts holding one of their words ("pam", "oes", "is"):
        0.09 s of CPU a 100,000 posts, when every rule came to read every post (stop 53)."""
        loose = _loosened(rx)
        if loose is None or not rows.any():
            return rows
        try:
            may = _np(pc.match_substring_regex(self.arrow.filter(pa.array(rows)), loose, ignore_case=True))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):  # (a backreference, `\Z`: what RE2 lacks besides)
            return rows
        out = rows & self._unsure(rx)
        out[rows] |= may
        return out

    def _python(self, rx: str, rows: np.ndarray) -> np.ndarray:
        """Texts among `rows` Python's re finds `rx` in. It searches only those holding one of the strings every match
        of `rx` holds (RE2 finds them): of the 2,500 texts of 50,000 posts with letters beyond ASCII, Python searched
        all with each of the suggestion intent's 28 regexes (0.3-0.9 s), most holding none of their words."""
        found = np.zeros(len(self.text), dtype=bool)
        if rows.any():
            found[rows] = _python_search(self.arrow.filter(pa.array(rows)), rx)
        return found


#: at most this many texts a search leaves to Python's re alone, once the process has asked for its pattern before:
#: RE2 compiled each pattern again on every call, 11 ms of the intent and topic rules' for each `analyze` of 2 posts
#: (a notebook's, `alerts`', a test's); Python's re keeps them compiled (`_compiled`). A one-off run's first search
#: stays with RE2, which compiles the rules 3x faster than Python's re
_FEW = 64
_ASKED: set[str] = set()


def _few(rx: str, rows: np.ndarray) -> bool:
    """Does Python's re alone search `rows` for `rx` (`_FEW`)?"""
    if np.count_nonzero(rows) > _FEW:
        return False
    if rx in _ASKED:
        return True
    _ASKED.add(rx)
    return False


@lru_cache(maxsize=1024)
def _compiled(rx: str) -> re.Pattern:
    return re.compile(rx, re.IGNORECASE)


def _python_search(texts: pa.Array, rx: str, rows: np.ndarray | None = None) -> np.ndarray:
    """`RegexSearch._python` over `texts` (an Arrow array), or those of them `rows` marks."""
    found = np.zeros(len(texts), dtype=bool)
    rows = np.ones(len(texts), dtype=bool) if rows is None else rows.copy()
    needed = _needed_pattern(rx)
    if needed is not None and rows.any():
        rows[rows] = _np(pc.match_substring_regex(texts.filter(pa.array(rows)), needed, ignore_case=True))
    if not rows.any():
        return found
    search = _compiled(rx).search
    some = texts.filter(pa.array(rows)).to_pylist()  # (a third faster than pandas' str.contains)
    found[rows] = np.fromiter((search(t) is not None for t in some), dtype=bool, count=len(some))
    return found


def _may_hold_one(texts: pa.Array, patterns: list[str]) -> np.ndarray:
    """Which `texts` hold a string one of `patterns` needs (`_needed_pattern`), in one RE2 scan: the others match none
    (all, where some pattern needs none). Those the complaint rule's 61 patterns read in Python's re (letters beyond
    ASCII) were each pattern's own scan first."""
    needed = [_needed_pattern(p) for p in patterns] if len(patterns) > 1 else [None]
    if not len(texts) or None in needed:
        return np.ones(len(texts), dtype=bool)
    return _np(pc.match_substring_regex(texts, "|".join(dict.fromkeys(needed)), ignore_case=True))


class _Rewritten:
    """`RegexSearch.with_texts`: `column`'s answers, but for the rows `rewrite` reads otherwise (a text's answer is its
    own). A text whose ASCII letters alone changed case ("does Quickbite") reads as the column's to a pattern that
    ignores case: only the patterns that read case (`(?-i:...)`) search those again."""

    def __init__(self, column: RegexSearch, rewrite: Callable, ascii_case: bool):
        self.column, self.rewrite, self.ascii_case = column, rewrite, ascii_case
        self.read = np.zeros(len(column.text), dtype=bool)  # the rows `rewrite` has seen
        # (at, their texts, whether only ASCII letters changed case), a batch a call
        self.batches: list[tuple[np.ndarray, RegexSearch, np.ndarray]] = []

    def hits(self, rx: str, rows: np.ndarray | None = None) -> np.ndarray:
        return self.hits_any([rx], rows)

    def hits_any(self, patterns: list[str], rows: np.ndarray | None = None) -> np.ndarray:
        found = self.column.hits_any(patterns, rows)
        rows = np.ones(len(found), dtype=bool) if rows is None else rows
        reads_case = any(_READS_CASE.search(p) for p in patterns)
        if reads_case or not self.ascii_case:
            self._rewrite(rows & ~self.read)
        for at, texts, cased in self.batches:
            again = rows[at] if reads_case else rows[at] & ~cased
            if again.any():
                found[at[again]] = texts.hits_any(patterns, again)[again]
        return found

    def _rewrite(self, rows: np.ndarray) -> None:
        if not rows.any():
            return
        self.read |= rows
        at, texts = self.rewrite(rows)
        if len(at):
            search = RegexSearch(pd.Series(texts, dtype=STRING))
            was = self.column.arrow.take(pa.array(at))
            self.batches.append((at, search, _np(pc.equal(pc.ascii_lower(search.arrow), pc.ascii_lower(was)))))


#: the openings of lookarounds: conditions on a match at a place, which take no characters
_LOOKAROUNDS = ("(?=", "(?!", "(?<=", "(?<!")


@lru_cache(maxsize=256)
def _loosened(rx: str) -> str | None:
    """`rx` with each lookaround an empty group: matching wherever `rx` does (leaving a condition out only widens), and
    in RE2, which has none. None when `rx` has none, refers to its groups (their numbers change) or is no pattern."""
    if not any(look in rx for look in _LOOKAROUNDS) or _GROUP_REFERENCE.search(rx):
        return None
    out, i, cut = [], 0, False
    while i < len(rx):
        if rx[i] == "\\":
            out.append(rx[i : i + 2])
            i += 2
        elif rx[i] == "[":
            end = _set_end(rx, i)
            out.append(rx[i:end])
            i = end
        elif rx.startswith(_LOOKAROUNDS, i):
            i, cut = _group_end(rx, i), True
            out.append("(?:)")  # (a group, not nothing: a quantifier after it must not fall on what is before it)
        else:
            out.append(rx[i])
            i += 1
    loose = "".join(out)
    try:
        re.compile(loose, re.IGNORECASE)
    except (re.error, RecursionError):
        return None
    return loose if cut else None


def _set_end(rx: str, i: int) -> int:
    """Where the set `[...]` opening at `i` ends, as Python's re reads it (a `]` first in it is one of its own)."""
    j = i + 1
    j += rx.startswith("^", j)
    j += rx.startswith("]", j)
    while j < len(rx) and rx[j] != "]":
        j += 2 if rx[j] == "\\" else 1
    return j + 1


def _group_end(rx: str, i: int) -> int:
    """Where the group opening at `i` ends (past its `)`), its own groups, sets and escapes inside it."""
    depth, j = 0, i
    while j < len(rx):
        if rx[j] == "\\":
            j += 2
            continue
        if rx[j] == "[":
            j = _set_end(rx, j)
            continue
        depth += {"(": 1, ")": -1}.get(rx[j], 0)
        j += 1
        if not depth:
            return j
    return j


#: an inline group turning a flag off, `(?-i:...)`: a pattern that may read case (over-read: `\(?-x)` too)
_READS_CASE = re.compile(r"\(\?[a-zA-Z]*-")


@lru_cache(maxsize=256)
def _needed_pattern(rx: str) -> str | None:
    """An RE2 pattern (case-insensitive) that every text Python's re finds `rx` in (ignoring case) matches: the
    alternation of strings one of which each match holds ("wish" of `\\bwish(es)?\\s+...`), None when there are
    none. Their letters mean what they mean to Python's re ignoring case: `i` is also `İ` and `ı`, which RE2's (?i)
    leaves out (its `k` and `s` are `K` and `ſ` too, as Python's)."""
    try:
        words = _needed_words(re_parser.parse(rx, re.IGNORECASE))
    except (re.error, RecursionError):  # (Python's re cannot read it either)
        return None
    if not words:
        return None
    spelled = {"i": "[iİı]", "I": "[iİı]"}
    escaped = ("".join(spelled.get(ch, ch if ch.isalnum() else f"\\x{{{ord(ch):x}}}") for ch in w) for w in words)
    return "|".join(sorted(escaped))


def _needed_words(items) -> set[str] | None:
    """Strings of ASCII characters one of which every match of the parsed pattern `items` holds (None: none known):
    of each run of literal characters, each group or repetition (at least once) of them, and each alternation whose
    every branch holds some, the set whose shortest string is longest."""
    best, run = None, ""

    def offer(words: set[str] | None) -> None:
        nonlocal best
        if words and (best is None or (min(map(len, words)), -len(words)) > (min(map(len, best)), -len(best))):
            best = words

    for op, av in items:
        if op is re_constants.LITERAL and av < 0x80:
            run += chr(av)
            continue
        if op is re_constants.AT:  # (\b, ^ take no character: the characters around them are one run)
            continue
        offer({run} if run else None)
        run = ""
        if op is re_constants.SUBPATTERN:
            offer(_needed_words(av[-1]))
        elif op is re_constants.BRANCH:
            branches = [_needed_words(b) for b in av[1]]
            if all(branches):
                offer(set().union(*branches))
        elif op in (re_constants.MAX_REPEAT, re_constants.MIN_REPEAT, re_constants.POSSESSIVE_REPEAT) and av[0] >= 1:
            offer(_needed_words(av[2]))
        elif op is re_constants.ATOMIC_GROUP:
            offer(_needed_words(av))
        elif op is re_constants.IN and all(o is re_constants.LITERAL and _caseless(chr(c)) for o, c in av):
            offer({chr(c) for _, c in av})  # a set of characters without case: "[?؟]" (Arabic's question mark)
    offer({run} if run else None)
    return best


def _caseless(ch: str) -> bool:
    """An ASCII character, or one that no case changes (RE2 and Python's re ignoring case read it alike)."""
    return ch < "\x80" or ch.lower() == ch == ch.upper() == ch.casefold()


#: what RE2 reads otherwise than Python's re: `{,3}` (Python's `{0,3}`, RE2's text) and `[[:alpha:]]` (RE2's POSIX
#: class, Python's set of `[:alph` and a `]` after it)
_RE2_MISREADS = re.compile(r"\{,\d*\}|\[:\^?[a-z]+:\]")

#: the letters Python's re ignoring case takes for `i` (RE2 leaves `İ` and `ı` alone)
_ASCII_I, _DOTTED_I = (ord("i"), ord("I")), (0x130, 0x131)


@lru_cache(maxsize=256)
def _names_i(rx: str) -> tuple[bool, bool]:
    """Whether `rx` names `i` or `I`, and whether it names `İ` or `ı`, alone or in a range (`[a-z]`)."""
    try:
        parsed = re_parser.parse(rx, re.IGNORECASE)
    except (re.error, RecursionError):  # (Python's re cannot read it either)
        return False, False
    return _names(parsed, _ASCII_I), _names(parsed, _DOTTED_I)


def _names(node, chars: tuple[int, ...]) -> bool:
    """Whether the parsed pattern `node` names one of `chars` (code points), alone or in a range."""
    if isinstance(node, re_parser.SubPattern):
        node = node.data
    if not isinstance(node, (list, tuple)):
        return False
    if len(node) == 2 and (node[0] is re_constants.LITERAL or node[0] is re_constants.NOT_LITERAL):
        return node[1] in chars
    if len(node) == 2 and node[0] is re_constants.RANGE:
        return any(node[1][0] <= c <= node[1][1] for c in chars)
    return any(_names(item, chars) for item in node)


#: what changes meaning or breaks inside an alternation: backreferences, named groups, conditionals, inline flags
_GROUP_REFERENCE = re.compile(r"(?<!\\)(?:\\\\)*(?:\\[1-9]|\(\?P[=<]|\(\?\(|\(\?[aiLmsux]+\))")


@lru_cache(maxsize=256)
def _re2_accepts(rx: str) -> bool:
    try:
        pc.match_substring_regex(pa.array([""], pa.large_string()), rx, ignore_case=True)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return False
    return True


#: the most characters of patterns one RE2 alternation holds: past some size RE2's DFA outgrows its memory and
#: thrashes (the complaint rule's 61 patterns, 11,500 characters, took 5x the CPU of the same in two alternations)
ALTERNATION_CHARS = 5000


def _alternations(patterns: list[str]) -> list[list[str]]:
    """`patterns` in runs, in order, of at most ALTERNATION_CHARS characters (a longer pattern alone)."""
    runs: list[list[str]] = []
    size = ALTERNATION_CHARS
    for p in patterns:
        if size + len(p) > ALTERNATION_CHARS:
            runs.append([])
            size = 0
        runs[-1].append(p)
        size += len(p)
    return runs


#: the RegexSearch of the last text column (intent and topics search the same texts)
regex_search = LastColumn(RegexSearch)


def _np(arr) -> np.ndarray:
    return arr.to_numpy(zero_copy_only=False).astype(bool)


def join_labels(hits: np.ndarray, labels: list[str], sep: str = LIST_SEPARATOR) -> pd.Series:
    """Rows x labels booleans -> `a;b` strings (empty for none), built once per distinct combination."""
    n, k = hits.shape
    if k <= 62:
        keys = hits.astype(np.int64) @ (np.int64(1) << np.arange(k, dtype=np.int64))
    else:
        keys = pd.Series([row.tobytes() for row in np.packbits(hits, axis=1)])
    codes, uniques = pd.factorize(keys)
    first = np.unique(codes, return_index=True)[1] if n else np.array([], dtype=np.int64)
    names = [sep.join(labels[j] for j in np.flatnonzero(hits[i])) for i in first]
    return strings_at(names, codes)
