"""Brand names without sentiment (stop 41): a hotel "Grand Vista", "Best Western", a shop "Good Eats" or "Happy
Harbour" read as praise in every post naming it, for the words of its name. `names_neutral(analyzer, brands)` is the
analyzer with the brands' terms (and handles) that it reads as sentiment masked in every text it scores: each letter
of a matched name becomes `x` (`X` for a capital), so that the text keeps its length, its words and their case (a
negation's reach and the sarcasm opener's place count words; VADER's capitals count the words in capitals), and no
lexicon knows the name's words. Only the terms the analyzer reads (`sentiment_terms`) are matched, so the brands of
most configurations mask nothing and cost nothing. A name's word that cx's lexicon zeroes itself ("united", VADER's
+1.8) is not masked, but where a text names the brand its explanation says it is a brand's name (stop 46: "United
+0.00 (brand name)", not "(cx, no sentiment)")."""

from __future__ import annotations

import re
import string
import weakref

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..config import Brand
from ..schema import STRING
from .matching import Rule, TermMatcher, fold, fold_series
from .sentiment import Analyzer, scored

#: per analyzer, {its brands: the names it reads (`Names`), or None}: a chunked run asks once per chunk (no value holds
#: the analyzer, so that it can go)
_MADE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def sentiment_terms(analyzer: Analyzer, terms: list[str]) -> list[str]:
    """The `terms` the analyzer reads as sentiment: scored alone, or changing the score of a word after them ("Best
    Western", "No Frills", "Totally Wireless"). Names without sentiment ("Skyway", "@QuickBite") are not."""
    if not terms:
        return []
    probes = [t for term in terms for t in (term, f"{term} good")]
    pol = np.asarray(scored(analyzer, [*probes, "good"])[0], float)
    alone, before, good = pol[0:-1:2], pol[1:-1:2], pol[-1]
    return [t for t, a, b in zip(terms, alone, before, strict=True) if a != 0 or b != good]


def names_neutral(analyzer: Analyzer, brands: list[Brand] | None) -> Analyzer:
    """`analyzer` with the brands' names it reads as sentiment masked (`NamesNeutral`); `analyzer` itself when no name
    is (or it reads names as they were trained on: `names_neutral = False`, a model's n-grams)."""
    if not brands or isinstance(analyzer, NamesNeutral) or not getattr(analyzer, "names_neutral", True):
        return analyzer
    key = tuple((b.name, tuple(b.mentions), tuple(b.exclude)) for b in brands)
    try:
        made = _MADE.setdefault(analyzer, {})
    except TypeError:  # (an object that cannot be weakly referenced: asked each time)
        made = {}
    if key not in made:
        rules = []
        for name, mentions, exclude in key:
            terms = sentiment_terms(analyzer, list(dict.fromkeys(mentions)))
            if terms:
                rules.append(Rule(name, tuple(terms), exclude))
        # the terms holding a word that the analyzer's explanations list at 0 (cx's `zeroed`): said to be names there
        zeroed = getattr(analyzer, "zeroed", set())
        named = [Rule(name, tuple(t for t in terms if _words(t) & zeroed), exclude) for name, terms, exclude in key]
        named = [rule for rule in named if rule.terms]
        made[key] = Names(rules, named, frozenset(zeroed)) if rules or named else None
    return analyzer if made[key] is None else NamesNeutral(analyzer, made[key])


class Names:
    """The brand names to mask: their matcher, and what an ASCII text must hold to name one."""

    def __init__(self, rules: list[Rule], named: list[Rule] = (), zeroed: frozenset[str] = frozenset()):
        # the terms with a word the analyzer zeroes ("United Airlines"): not masked, their words explained as names
        self.named = TermMatcher(named, (True,) * len(named)) if named else None
        self.zeroed = zeroed
        self.matcher = TermMatcher(rules, (True,) * len(rules)) if rules else None
        # what an ASCII text must hold to name one (in any case, with a space or a hyphen between its words): RE2 over
        # the batch, so that only those texts are folded and scanned (0.4 s of 173,431 texts' 1.8 s, all of them)
        words = [re.split("[ -]", fold(term.rstrip("*").strip())) for rule in rules for term in rule.terms]
        self.may_name = "|".join("[ -]".join("".join(_re2_literal(c) for c in w) for w in ws) for ws in words)


class NamesNeutral:
    """An analyzer whose texts have the `names` masked before `inner` reads them; its name, version, languages and the
    rest are `inner`'s."""

    def __init__(self, inner: Analyzer, names: Names):
        self.inner = inner
        self.matcher, self.may_name, self.names = names.matcher, names.may_name, names

    def __getattr__(self, attr: str):
        value = getattr(self.inner, attr)
        if attr == "sarcastic":  # (only if `inner` has it: `per_brand` asks for it, and VADER's has none)
            return lambda texts: value(self.masked(texts))
        return value

    def score(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        return self.inner.score(self.masked(texts))

    def explain(self, texts: list[str]) -> list[str]:
        from .explain import explain_texts

        masked = self.masked(texts)
        named = self._named(texts, masked)  # (cx's: only it takes the names)
        if not named:
            return explain_texts(self.inner, masked)
        rest = [i for i in range(len(texts)) if i not in named]
        out = dict(zip(rest, explain_texts(self.inner, [masked[i] for i in rest]), strict=True))
        for i, words in named.items():  # (a text naming the brand: "Manchester United" names no "United Airlines")
            out[i] = self.inner.explain([masked[i]], names=words)[0]
        return [out[i] for i in range(len(texts))]

    def _named(self, texts: list[str], masked: list[str]) -> dict[int, dict[str, dict[int, str | None]]]:
        """Per text naming a brand, its words that are the name, for the analyzer's explanation: {word: {its place
        among the text's words written so: the word to show, or None for the word as it is}}. A word of a term the
        analyzer zeroes ("united"), where the term names the brand (stop 47: not every "party" of "Party City's party
        was fun"), and a masked name's words ("Xxxx Xxxxxxx" shown as "Best Western": stop 47, it was left out)."""
        if getattr(self.inner, "zeroed", None) is None or not texts:  # (cx's explanations alone take them)
            return {}
        found: dict[int, dict[str, dict[int, str | None]]] = {}
        for r, (text, shown) in enumerate(zip(texts, masked, strict=True)):
            if shown is text or shown == text or len(shown) != len(text):
                continue
            for nth, word, at in _places(shown):
                if shown[at[0] : at[1]] != text[at[0] : at[1]]:
                    found.setdefault(r, {}).setdefault(word, {})[nth] = text[at[0] : at[1]].strip(_PUNCTUATION)
        if self.names.named is None:
            return found
        folded = fold_series.build(pd.Series(texts, dtype=STRING))
        rows, _, starts, ends = self.names.named.spans(folded, keep=False)
        for r, s, e in zip(rows.tolist(), starts.tolist(), ends.tolist(), strict=True):
            for nth, word, at in _places(folded.iat[r]):
                if word in self.names.zeroed and at[0] <= e and at[1] > s:
                    found.setdefault(r, {}).setdefault(word, {})[nth] = None
        return found

    def masked(self, texts: list[str]) -> list[str]:
        """`texts` with each name the matcher finds written in `x`s: "Loved Best Western" is "Loved Xxxx Xxxxxxx"."""
        if not texts or self.matcher is None:
            return texts
        try:
            arr = pa.array(texts, type=pa.large_string())
        except (pa.ArrowException, UnicodeError):  # lone surrogates (cx reads them one text at a time): left as is
            return _at(texts, [i for i, t in enumerate(texts) if not _SURROGATE.search(t)], self.masked)
        named = pc.match_substring_regex(arr, self.may_name, ignore_case=True)
        maybe = pc.or_(pc.invert(pc.string_is_ascii(arr)), named)  # (other texts: folded first, "Bést Western")
        maybe = np.flatnonzero(pc.fill_null(maybe, False).to_numpy(zero_copy_only=False))
        if not len(maybe):
            return texts
        return self._masked(texts) if len(maybe) == len(texts) else _at(texts, maybe.tolist(), self._masked)

    def _masked(self, texts: list[str]) -> list[str]:
        # (not through the cache of the last column: the chunk's folded texts, which intent and topics read after)
        folded = fold_series.build(pd.Series(texts, dtype=STRING))
        rows, _, starts, ends = self.matcher.spans(folded, keep=False)
        if not len(rows):
            return texts
        out = list(texts)
        named = np.unique(rows)
        lengths = np.fromiter((len(out[r]) for r in named.tolist()), np.int64, len(named))
        resized = lengths != folded.str.len().to_numpy()[named]  # folding changed the length ("ß", "…"): rare
        if resized.any():  # each such text's spans mapped back one text at a time
            moved = np.isin(rows, named[resized])
            kept = list(zip(rows[moved].tolist(), starts[moved].tolist(), ends[moved].tolist(), strict=True))
            rows, starts, ends = rows[~moved], starts[~moved], ends[~moved]
            for r in named[resized].tolist():
                spans = [(s, e) for q, s, e in kept if q == r]
                for s, e in _in_text(spans, out[r], folded.iat[r]):
                    out[r] = out[r][:s] + _xs(out[r][s : e + 1]) + out[r][e + 1 :]
            named, lengths = named[~resized], lengths[~resized]
        if len(named):
            # the texts naming a brand, joined, as code points: every span's letters set at once
            offsets = np.concatenate([[0], np.cumsum(lengths)])
            big = "".join([out[r] for r in named.tolist()])
            points = np.frombuffer(big.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).copy()
            at = offsets[np.searchsorted(named, rows)]
            size = ends - starts + 1
            where = np.repeat(at + starts - np.cumsum(np.r_[0, size[:-1]]), size) + np.arange(size.sum())
            points[where] = _xs_points(points[where])
            big = points.tobytes().decode("utf-32-le", "surrogatepass")
            for k, r in enumerate(named.tolist()):
                out[r] = big[offsets[k] : offsets[k + 1]]
        return out


_SURROGATE = re.compile("[\ud800-\udfff]")


_PUNCTUATION = string.punctuation


def _places(text: str) -> list[tuple[int, str, tuple[int, int]]]:
    """Each word of `text` as an explanation lists it (lower case, its punctuation stripped), with its place among the
    text's words written so (0 for the first "party", 1 for the second) and its span in `text`."""
    seen: dict[str, int] = {}
    out = []
    for m in re.finditer(r"\S+", text):
        word = m.group().strip(_PUNCTUATION).lower().lstrip("@#")
        seen[word] = nth = seen.get(word, -1) + 1
        out.append((nth, word, m.span()))
    return out


def _words(term: str) -> set[str]:
    """A term's words as the analyzer's explanations list them: "@united" is "united"."""
    return {w.strip("@#") for w in term.lower().split()}


def _at(texts: list[str], at: list[int], masked) -> list[str]:
    """`texts` with those `at` these positions `masked`."""
    out = list(texts)
    for i, text in zip(at, masked([texts[i] for i in at]), strict=True):
        out[i] = text
    return out


_UPPER = (ord("A"), ord("Z"))
_LOWER = (ord("a"), ord("z"))


def _xs_points(points: np.ndarray) -> np.ndarray:
    """A name's code points with its letters as `x` or `X` (capitals), its spaces, digits and ASCII signs kept (`@`,
    `#`, `-`, `'`, `&`); other characters (letters beyond ASCII) an `x`."""
    upper = (points >= _UPPER[0]) & (points <= _UPPER[1])
    letter = upper | ((points >= _LOWER[0]) & (points <= _LOWER[1])) | (points > 127)
    return np.where(upper, ord("X"), np.where(letter, ord("x"), points)).astype(np.uint32)


def _re2_literal(char: str) -> str:
    return char if char.isascii() and char.isalnum() else f"\\x{{{ord(char):x}}}"


def _xs(name: str) -> str:
    points = np.frombuffer(name.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return _xs_points(points).tobytes().decode("utf-32-le", "surrogatepass")


def _in_text(spans, text: str, folded: str) -> list[tuple[int, int]]:
    from .brand_sentiment import _in_text as in_text

    return in_text(spans, text, folded)


def names_capitalised(
    texts: pd.Series, brands: list[Brand] | None, rows: np.ndarray | None = None
) -> tuple[np.ndarray, list[str]]:
    """The positions of the `texts` (among `rows`, a mask) holding a brand term written with a small first letter, and
    those texts with the term given its capital ("does quickbite deliver after 11" reads "does Quickbite ..."): the
    question rule knows a name as a subject by its capital (intent.toml), and customers write the brands' names in lower
    case. Positions, not a rewritten column: the regexes search the chunk's own texts (one-column caches that topics
    share) and these few again (`RegexSearch.with_texts`)."""
    terms = _capitalised_terms(brands)
    if not terms or texts.empty or (rows is not None and not rows.any()):
        return np.array([], dtype=np.int64), []
    # each term with its first letter small and the rest in any case (`q(?i:uickbite)`), the longest first
    names = "|".join(re.escape(t[0].lower()) + f"(?i:{re.escape(t[1:])})" for t in sorted(terms, key=len)[::-1])
    # RE2 on Arrow finds the few texts to rewrite (it has no lookarounds: Python's re rewrites them); 100,000 posts
    # of the examples: 0.2 s, where pandas' `str.contains` and a rewrite of every text naming a brand took 4.5 s
    array = texts.array.__arrow_array__() if hasattr(texts.array, "__arrow_array__") else pa.array(texts, pa.string())
    if rows is not None and not rows.all():
        array = array.filter(pa.array(rows))
    found = pc.fill_null(pc.match_substring_regex(array, f"(?:^|\\W)(?:{names})(?:\\W|$)"), False)
    at = np.flatnonzero(found.to_numpy(zero_copy_only=False))
    if rows is not None and not rows.all():
        at = np.flatnonzero(rows)[at]
    if not len(at):
        return at, []
    pattern = re.compile(f"(?<!\\w)(?:{names})(?!\\w)")
    values = texts.iloc[at].tolist()
    return at, [pattern.sub(lambda m: m.group(0)[:1].upper() + m.group(0)[1:], v) for v in values]


def names_capitalised_ascii(brands: list[Brand] | None) -> bool:
    """Whether `names_capitalised` changes only ASCII letters' case: every term's small first letter is ASCII (not
    "ß", capitalised "SS", nor "é")."""
    return all(t[0].lower()[:1].isascii() for t in _capitalised_terms(brands))


def _capitalised_terms(brands: list[Brand] | None) -> list[str]:
    """The terms `names_capitalised` reads: those starting with a letter that has a case."""
    return sorted({t for b in brands or [] for t in b.terms if t[:1].isalpha() and t[:1].lower() != t[:1].upper()})
