"""Whole-word term matching for many terms at once, with one Aho-Corasick automaton.

Texts are lower-cased and accent-folded, joined into one string per chunk and scanned
once; only matches (not rows x terms) cost Python time. A match counts when it sits
on word boundaries, so "apple" does not match "applauded" but matches "Apple's",
"@apple" and "#apple". A term ending in `*` matches any word starting with it.
An `exclude` phrase cancels the term occurrences inside it ("united" inside
"united states"), not the whole post.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import ahocorasick
import numpy as np
import pandas as pd

from ..schema import LIST_SEPARATOR, STRING

CHUNK = 50_000  # texts per scan: bounds the joined string's memory
_SEP = "\x00"


def fold(text: str) -> str:
    """Lower-case and strip accents: `Café` -> `cafe`. Used for terms and texts alike."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c)).replace("\u2019", "'")


def fold_series(texts: pd.Series) -> pd.Series:
    s = texts.fillna("").astype(STRING).str.lower().str.replace(_SEP, " ", regex=False)
    has_accent = s.str.contains(r"[^\x00-\x7f]", regex=True)
    if has_accent.any():
        s = s.copy()
        s[has_accent] = s[has_accent].map(fold)
    return s


@dataclass(frozen=True)
class Rule:
    """Terms that mark `label`, and phrases whose occurrences don't count."""

    label: str
    terms: tuple[str, ...]
    exclude: tuple[str, ...] = ()


class TermMatcher:
    """Compile rules once; `hits(texts)` gives a rows x labels boolean matrix."""

    def __init__(self, rules: list[Rule]):
        self.labels = [r.label for r in rules]
        self.automaton = ahocorasick.Automaton()
        entries: dict[str, list[tuple[int, bool, bool]]] = {}  # key -> [(label, is_exclude, prefix)]
        for i, rule in enumerate(rules):
            for kind, words in ((False, rule.terms), (True, rule.exclude)):
                for word in words:
                    prefix = word.endswith("*")
                    key = fold(word.rstrip("*").strip())
                    if key:
                        entries.setdefault(key, []).append((i, kind, prefix))
        for key, value in entries.items():
            self.automaton.add_word(key, (len(key), tuple(value)))
        self.empty = not entries
        if not self.empty:
            self.automaton.make_automaton()

    def hits(self, texts: pd.Series) -> np.ndarray:
        n = len(texts)
        out = np.zeros((n, len(self.labels)), dtype=bool)
        if self.empty or n == 0:
            return out
        folded = fold_series(texts)
        for start in range(0, n, CHUNK):
            self._scan(folded.iloc[start : start + CHUNK].tolist(), out[start : start + CHUNK])
        return out

    def _scan(self, texts: list[str], out: np.ndarray) -> None:
        found = self._find(texts)
        if found is not None:
            rows, labels = found[0], found[1]
            out[rows, labels] = True

    def spans(self, folded: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Every counted occurrence as (row, label, start, end) arrays; `end` is inclusive.

        Takes texts already passed through `fold_series`; offsets are into those texts.
        Used by the query compiler, which needs positions for NEAR and EXCEPT.
        """
        parts = []
        if not self.empty:
            for start in range(0, len(folded), CHUNK):
                found = self._find(folded.iloc[start : start + CHUNK].tolist())
                if found is not None:
                    parts.append((found[0] + start, *found[1:]))
        if not parts:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty, empty
        return tuple(np.concatenate(p) for p in zip(*parts, strict=True))  # type: ignore[return-value]

    def _find(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
        """(row, label, start, end) of the term occurrences in `texts` that no exclude phrase covers."""
        big = _SEP.join(texts)
        lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        size = len(big)
        found: list[tuple[int, int, int, bool]] = []  # (start, end, label, is_exclude)
        for end, (length, entries) in self.automaton.iter(big):
            start = end - length + 1
            if start > 0 and _is_word(big[start - 1]) and _is_word(big[start]):
                continue
            right_ok = end + 1 >= size or not (_is_word(big[end + 1]) and _is_word(big[end]))
            for label, is_exclude, prefix in entries:
                if right_ok or prefix:
                    found.append((start, end, label, is_exclude))
        if not found:
            return None
        arr = np.array(found, dtype=np.int64)
        rows = np.searchsorted(offsets, arr[:, 0], side="right") - 1
        terms = arr[:, 3] == 0
        if not terms.all():
            keep = _outside_excluded(rows, arr)
            terms &= keep
        rows = rows[terms]
        base = offsets[rows]
        return rows, arr[terms, 2], arr[terms, 0] - base, arr[terms, 1] - base


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _outside_excluded(rows: np.ndarray, arr: np.ndarray) -> np.ndarray:
    """True for term matches not inside an exclude match of the same label in the same text."""
    df = pd.DataFrame(
        {
            "row": rows,
            "start": arr[:, 0],
            "end": arr[:, 1],
            "label": arr[:, 2],
            "ex": arr[:, 3] == 1,
            "i": np.arange(len(rows)),
        }
    )
    terms, excl = df[~df.ex], df[df.ex]
    pairs = terms.merge(excl, on=["row", "label"], suffixes=("", "_x"))
    inside = pairs[(pairs.start_x <= pairs.start) & (pairs.end <= pairs.end_x)]["i"].unique()
    keep = np.ones(len(rows), dtype=bool)
    keep[inside] = False
    return keep


def join_labels(hits: np.ndarray, labels: list[str], sep: str = LIST_SEPARATOR) -> pd.Series:
    """Rows x labels booleans -> `a;b` strings (empty for none), built once per distinct combination."""
    n, k = hits.shape
    if k <= 62:
        keys = hits.astype(np.int64) @ (np.int64(1) << np.arange(k, dtype=np.int64))
    else:
        keys = pd.Series([row.tobytes() for row in np.packbits(hits, axis=1)])
    codes, uniques = pd.factorize(keys)
    first = np.unique(codes, return_index=True)[1] if n else np.array([], dtype=np.int64)
    names = np.array([sep.join(labels[j] for j in np.flatnonzero(hits[i])) for i in first], dtype=object)
    return pd.Series(names[codes] if n else [], dtype=STRING)
