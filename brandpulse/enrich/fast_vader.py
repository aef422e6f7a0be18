"""Batch re-implementation of vaderSentiment's compound score.

`SentimentIntensityAnalyzer.polarity_scores` lower-cases the whole token list again for
every lexicon hit and every look-back step (quadratic in text length), rebuilds the text
one character at a time to expand emoji, and computes pos/neu/neg we do not use.
`FastVader.score` computes the same compound score with the same floating-point operations
in the same order (so it is identical, not just close) for a whole batch at once: a numpy
tokenizer over the batch's UTF-8 bytes, Arrow lookups of every token, and the rules of
`sentiment_valence` as numpy passes over all lexicon hits. Python work remains for non-ASCII
tokens, texts with "but" and the per-text fallbacks. `FastVader.compound` is the per-text
path (per-token caches), used for texts the batch cannot take and as a cross-check.

Lexicon and emoji descriptions are read at runtime from the installed vaderSentiment
package files, parsed exactly as `make_lex_dict` / `make_emoji_dict` do, once per process;
the rule tables (NEGATE, BOOSTER_DICT, SPECIAL_CASES, constants) are imported from the
module itself.
"""

from __future__ import annotations

import functools
import math
import os
import re
import string
import sys
from collections.abc import Callable
from functools import partial
from itertools import compress, repeat
from operator import is_, itemgetter, not_

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

_CACHE_LIMIT = 500_000
_PUNCT = string.punctuation
_HIT = itemgetter(6)  # a valence of 0.0 is still a hit (caps and boosters can move it)
_UPPER = itemgetter(5)
_CTX = itemgetter(7)
_CHUNK = 200_000  # texts per batch pass, and
_CHUNK_CHARS = 4_000_000  # characters per batch pass: bounds the per-byte arrays
_IS_NONE = partial(is_, None)
_SENTENCE_ENDS = np.frombuffer(b".!?;", dtype=np.uint8)  # cx's sentences end after these
# Words the rules compare against, as small integer codes (0: none of them).
_CONTROL = {
    w: k + 1
    for k, w in enumerate(
        ("no", "or", "nor", "never", "so", "this", "without", "doubt", "least", "at", "very", "kind", "of", "but")
    )
}
_NON_ASCII = re.compile("[^\x00-\x7f]+")  # runs _prepare may rewrite
_SEPARATORS = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f"  # candidate text separators
_SUM_IS_SEQUENTIAL = sys.version_info < (3, 12)  # 3.12's sum() of floats is compensated
SPACE_BYTES = np.zeros(256, dtype=bool)
SPACE_BYTES[[ord(c) for c in " \t\n\v\f\r\x1c\x1d\x1e\x1f"]] = True  # str.split()'s ASCII whitespace
_SPACE_CHARS = bytes(np.flatnonzero(SPACE_BYTES).tolist())


def word_bytes(b: np.ndarray, sep: int) -> np.ndarray:
    """Which bytes of `b` belong to tokens: neither SPACE_BYTES (9-13 and 28-32) nor the text separator `sep`.
    Compared, not looked up: `SPACE_BYTES[b]` first widens every byte to a 64-bit index (a 4 MB batch: 10 ms
    against 3 ms)."""
    return ~(((b >= 9) & (b <= 13)) | ((b >= 28) & (b <= 32)) | (b == sep))


def token_bytes(data: bytes, sep: int) -> np.ndarray:
    """`data`'s bytes of tokens (`b[word_bytes(b, sep)]`) back to back, by `bytes.translate`: a boolean mask
    index took twice as long."""
    return np.frombuffer(data.translate(None, _SPACE_CHARS + bytes([sep])), np.uint8)


def text_of_tokens(starts: np.ndarray, sep_at: np.ndarray, n: int) -> np.ndarray:
    """The text (0 .. n - 1) of each token starting at byte `starts` (sorted), the texts cut at the `n - 1`
    separators at `sep_at`: per text, its count of tokens repeated (a search of the 800,000 tokens of a 4 MB
    batch among the separators took 14 ms, this 2 ms)."""
    return np.repeat(np.arange(n), np.diff(np.searchsorted(starts, sep_at), prepend=0, append=len(starts)))


_IS_PUNCT = np.zeros(256, dtype=bool)
_IS_PUNCT[[ord(c) for c in string.punctuation]] = True
_SURROGATE = re.compile("[\ud800-\udfff]")


def _package_file(name: str) -> str:
    from vaderSentiment import vaderSentiment as vs

    return os.path.join(os.path.dirname(os.path.abspath(vs.__file__)), name)


def load_lexicon(path: str | None = None) -> dict[str, float]:
    """word -> valence, parsed like `SentimentIntensityAnalyzer.make_lex_dict`."""
    with open(path or _package_file("vader_lexicon.txt"), encoding="utf-8") as f:
        data = f.read()
    lex: dict[str, float] = {}
    for line in data.rstrip("\n").split("\n"):
        if not line:
            continue
        word, measure = line.strip().split("\t")[0:2]
        lex[word] = float(measure)
    return lex


def load_emojis(path: str | None = None) -> dict[str, str]:
    """emoji -> description, parsed like `SentimentIntensityAnalyzer.make_emoji_dict`."""
    with open(path or _package_file("emoji_utf8_lexicon.txt"), encoding="utf-8") as f:
        data = f.read()
    emojis: dict[str, str] = {}
    for line in data.rstrip("\n").split("\n"):
        emoji, description = line.strip().split("\t")[0:2]
        emojis[emoji] = description
    return emojis


def chunk_bounds(texts: list[str], max_texts: int, max_chars: int) -> list[tuple[int, int]]:
    """(lo, hi) slices of at most `max_texts` texts and, unless one text is longer, at most
    `max_chars` characters: batch passes keep several arrays per byte."""
    ends = np.cumsum(np.fromiter(map(len, texts), np.int64, len(texts)))
    bounds = []
    lo = 0
    while lo < len(texts):
        base = ends[lo - 1] if lo else 0
        hi = int(np.searchsorted(ends, base + max_chars, side="right"))
        hi = min(max(hi, lo + 1), lo + max_texts, len(texts))
        bounds.append((lo, hi))
        lo = hi
    return bounds


def join_utf8(texts: list[str]) -> tuple[bytes, int, list[int], str] | None:
    """UTF-8 of the texts joined by a control byte they do not contain (whitespace to the byte
    tokenizers, never to str.split()), that byte, the texts with lone surrogates (they cannot be
    encoded; left to the per-text path and blanked here), and the joined string. None when every
    candidate separator occurs in the texts."""
    for sep in _SEPARATORS:
        joined = sep.join(texts)
        if joined.count(sep) == len(texts) - 1:
            break
    else:
        return None
    slow: list[int] = []
    try:
        data = joined.encode("utf-8")
    except UnicodeEncodeError:
        slow = [k for k, t in enumerate(texts) if not t.isascii() and _SURROGATE.search(t)]
        texts = list(texts)
        for k in slow:
            texts[k] = ""
        joined = sep.join(texts)
        data = joined.encode("utf-8")
    return data, ord(sep), slow, joined


#: Non-ASCII characters str.split() splits on (the tokenizer only knows ASCII whitespace). Written
#: out: finding them among all 1.1 million code points took 0.1 s at the start of every run;
#: tests/test_sentiment_parity.py checks the list against this Python's Unicode tables.
NON_ASCII_SPACES = (
    "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


@functools.cache
def _package_data() -> tuple[dict[str, float], dict[str, str]]:
    """Lexicon and single-code-point emoji descriptions, parsed once per process.

    The reference walks the text one code point at a time, so only single-code-point emoji
    keys can ever match; ZWJ sequences and skin-tone variants are expanded piecewise.
    """
    return load_lexicon(), {k: v for k, v in load_emojis().items() if len(k) == 1}


def _round4(x: np.ndarray) -> np.ndarray:
    """round(x, 4) element-wise, exactly as Python rounds floats.

    k / 1e4 is the correctly rounded double of k * 10**-4, as Python's round returns; only the
    choice of k can differ, when x * 1e4 lies within rounding error of a .5 boundary. Those
    few values go through Python's round().
    """
    y = x * 1e4
    k = np.rint(y)
    out = k / 1e4
    near = np.flatnonzero(np.abs(np.abs(y - np.floor(y)) - 0.5) < 1e-6)
    if len(near):
        out[near] = list(map(round, x[near].tolist(), repeat(4)))
    return out


class _Rewrites(dict):
    """str.translate table that remembers identity mappings (a miss would raise each time)."""

    def __missing__(self, c: int) -> int:
        self[c] = c
        return c


@functools.cache
def _prepare_rewrite():
    """Replacement function for runs of characters `FastVader._prepare` may rewrite."""
    table = _Rewrites({ord(c): " " for c in NON_ASCII_SPACES})
    table.update((ord(k), " " + v) for k, v in _package_data()[1].items())
    return lambda m: m.group().translate(table)


#: cx's rules over a batch: (offset of the batch in the texts, valences of the hits, their text within
#: the batch, their token position within the text, their vocabulary row) -> new valences
Adjust = Callable[[int, np.ndarray, np.ndarray, np.ndarray, np.ndarray], np.ndarray]


#: a negation beyond a comma, as `comma_ends_negation` reads it: a word of no rule, in no lexicon
_MASKED = ("", False, None, None, False, False, False, False, False, False)
#: a token's last characters that end a negation's clause for `comma_ends_negation`: a comma, and what customers
#: write between a problem and its verdict ("cannot log in: awful", "not working | terrible"); a dash only as a token
#: that starts and ends with one ("can't log in - awful", "--"), not a word's hyphen ("not-so-great")
_CLAUSE_ENDS = ",:;|"
_CLAUSE_END_BYTES = np.frombuffer(_CLAUSE_ENDS.encode(), dtype=np.uint8)


def ends_clause(token: str) -> bool:
    """Does `token` end a negation's clause (`_CLAUSE_ENDS`)? (An emoticon, ":|", "D:", is no punctuation: cx asks
    `emoticon` too.)"""
    return token[-1] in _CLAUSE_ENDS or token[0] == "-" == token[-1]


def emoticon(low: str, lexicon: dict) -> bool:
    """Is `low` (a token as VADER looks it up: lower case, its punctuation stripped unless that leaves 2 characters or
    fewer) a word of `lexicon` that `ends_clause` would take for a clause's end (":|", "d:", ";-|")?"""
    return (low[-1:] in _CLAUSE_ENDS or low[0] == "-" == low[-1]) and low in lexicon


def _clause_masked(infos: list[tuple], i: int, lo: int) -> list[tuple]:
    """`infos` with each negation ("no" too) among the 3 words before infos[i] that a comma separates from it
    `_MASKED` (a copy; `infos` itself when there is none). (A negation over an aside between commas, "not, honestly,
    bad", reaches the word after it: cx moves the aside before it first, `text.unglued`.)"""
    crossed, out = False, infos
    for j in range(i - 1, max(i - 4, lo - 1), -1):
        crossed = crossed or infos[j][9]
        if crossed and (infos[j][4] or infos[j][0] == "no"):
            out = list(infos) if out is infos else out
            out[j] = _MASKED
    return out


class FastVader:
    """Scores many texts like `polarity_scores(text)["compound"]`, caching per-token work."""

    def __init__(self, lexicon: dict[str, float] | None = None, comma_ends_negation: bool = False) -> None:
        """`lexicon` replaces VADER's lexicon (`cx` uses it); the rules stay VADER's, but with
        `comma_ends_negation` (`cx`'s): a negation ("not", "nothing", "no", "n't") negates nothing after a
        comma that follows it ("nothing was lost, great job"), as if it were a word of no rule (`_MASKED`)."""
        from vaderSentiment import vaderSentiment as vs

        self._lex, self._emojis = _package_data()
        self._custom = lexicon is not None
        if lexicon is not None:
            self._lex = lexicon
        self._emoji_keys = frozenset(self._emojis)
        self._booster = dict(vs.BOOSTER_DICT)
        self._negate = frozenset(vs.NEGATE)
        self._special = dict(vs.SPECIAL_CASES)
        self._c_incr = vs.C_INCR
        self._n_scalar = vs.N_SCALAR
        self._tok_cache: dict[str, tuple] = {}
        self._comma_ends_negation = comma_ends_negation
        # Words of the multi-word idioms/boosters: no such word near a hit, no idiom rule.
        self._special_vocab = frozenset(
            w for key in (*self._special, *self._booster) if " " in key for w in key.split(" ")
        )
        # Words whose presence within 3 before / 2 after a hit may change its valence (with
        # boosters and negations). Without one, the valence is the lexicon value +/- caps.
        self._context_words = self._special_vocab | {"no", "kind", "so", "this", "least", "never", "without"}

    def _expand_emoji(self, text: str) -> str:
        """Emoji -> description, as the reference's character loop does it.

        A space goes before a description unless it is at the start of the text or right
        after a literal ' ' (a previous emoji's description counts as non-space).
        """
        emojis = self._emojis
        out = []
        prev_space = True
        for ch in text:
            desc = emojis.get(ch)
            if desc is not None:
                if not prev_space:
                    out.append(" ")
                out.append(desc)
                prev_space = False
            else:
                out.append(ch)
                prev_space = ch == " "
        return "".join(out)

    def _infos(self, tokens: list[str]) -> list[tuple]:
        """Cached infos of `tokens`; tokens not cached yet are computed column-wise in one go."""
        cache = self._tok_cache
        try:
            return list(map(cache.__getitem__, tokens))
        except KeyError:
            pass
        known = list(map(cache.get, tokens))
        new = set(compress(tokens, map(_IS_NONE, known)))
        if len(cache) + len(new) > _CACHE_LIMIT:
            cache.clear()
        new = list(new)
        stripped = [t.strip(_PUNCT) for t in new]
        toks = [s if len(s) > 2 else t for s, t in zip(stripped, new, strict=True)]
        lows = list(map(str.lower, toks))
        vals = list(map(self._lex.get, lows))
        boosts = list(map(self._booster.get, lows))
        negate, ctx = self._negate, self._context_words
        negs = [low in negate or "n't" in low for low in lows]
        ups = list(map(str.isupper, toks))
        # (lower, in lexicon, valence, booster, negated, isupper, hit, ctx, event, ends a clause):
        # `hit` marks lexicon words the reference scores (boosters always score 0); `ctx`
        # marks words some rule reads around a hit (boosters, negations, idiom words, ...).
        hits = [v is not None and bo is None for v, bo in zip(vals, boosts, strict=True)]
        commas = [ends_clause(t) and not emoticon(low, self._lex) for t, low in zip(new, lows, strict=True)]
        infos = [
            (low, v is not None, v, bo, ng, up, h, ng or bo is not None or low in ctx, h or low == "but", cm)
            for low, v, bo, ng, up, h, cm in zip(lows, vals, boosts, negs, ups, hits, commas, strict=True)
        ]
        # (answered from this call's own infos, not read back from the cache: one analyzer serves a process, and another
        # thread may clear the cache in between, a KeyError)
        fresh = dict(zip(new, infos, strict=True))
        cache.update(fresh)
        return [info if info is not None else fresh[t] for t, info in zip(tokens, known, strict=True)]

    def compound(self, text: str) -> float:
        """`polarity_scores(text)["compound"]` of one text."""
        if not text.isascii() and not self._emoji_keys.isdisjoint(text):
            text = self._expand_emoji(text)
        return self._compound_expanded(text)

    def _compound_expanded(self, text: str) -> float:
        # No .strip(): split() drops the same whitespace, and "!"/"?" counts ignore it.
        infos = self._infos(text.split())
        nw = len(infos)
        hits = list(compress(range(nw), map(_HIT, infos)))
        if not hits:
            return 0.0  # every token scores 0 -> sum 0.0 -> compound 0.0
        valences = [self._valence(infos, i, 0, nw) for i in hits]
        lw = [x[0] for x in infos]
        if "but" in lw:
            sentiments = [0] * nw
            for i, v in zip(hits, valences, strict=True):
                sentiments[i] = v
            self._but_check(lw.index("but"), sentiments)
            valences = sentiments
        return self._compound(float(sum(valences)), text)

    @staticmethod
    def _cap_diff(infos: list[tuple], lo: int, hi: int) -> bool:
        """`allcap_differential`: some but not all of the text's tokens are ALL CAPS."""
        nw = hi - lo
        return 0 < nw - sum(map(_UPPER, infos[lo:hi])) < nw

    def _valence(self, infos: list[tuple], i: int, lo: int, hi: int):
        """`sentiment_valence` of the hit at infos[i]; the text's tokens are infos[lo:hi]."""
        low, _, val, _, _, isup, _, _, _, _ = infos[i]
        if not any(map(_CTX, infos[i - 3 if i - 3 > lo else lo : i + 3 if i + 3 < hi else hi])):
            # No booster, negation or idiom word in reach: lexicon value +/- caps emphasis.
            if isup and self._cap_diff(infos, lo, hi):
                return val + self._c_incr if val > 0 else val - self._c_incr
            return val
        # Caps only matter for the hit itself and for boosters up to 3 words before it.
        is_cap_diff = (isup or any(map(_UPPER, infos[i - 3 if i - 3 > lo else lo : i]))) and self._cap_diff(
            infos, lo, hi
        )
        if i < hi - 1 and low == "kind" and infos[i + 1][0] == "of":
            return 0
        if self._comma_ends_negation:
            infos = _clause_masked(infos, i, lo)
        n_scalar = self._n_scalar
        c_incr = self._c_incr
        li = i - lo  # position within the text
        valence = val
        if low == "no" and i != hi - 1 and infos[i + 1][1]:
            valence = 0.0
        if (
            (li > 0 and infos[i - 1][0] == "no")
            or (li > 1 and infos[i - 2][0] == "no")
            or (li > 2 and infos[i - 3][0] == "no" and infos[i - 1][0] in ("or", "nor"))
        ):
            valence = val * n_scalar
        if isup and is_cap_diff:
            if valence > 0:
                valence += c_incr
            else:
                valence -= c_incr
        for start_i in range(0, 3):
            k = i - (start_i + 1)
            if li > start_i and not infos[k][1]:
                s = self._scalar_inc_dec(infos[k], valence, is_cap_diff)
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = valence + s
                valence = self._negation_check(valence, infos, start_i, i)
                if start_i == 2:
                    # The idiom rule reads words i-3 .. i+2 only; pass that window (the hit
                    # is at index 3 of it) so long texts stay linear.
                    window = [x[0] for x in infos[i - 3 : i + 3 if i + 3 < hi else hi]]
                    if not self._special_vocab.isdisjoint(window):
                        valence = self._special_idioms_check(valence, window, 3)
        # _least_check ("least" itself is not a lexicon word in 3.3.2, but check as it does)
        if li > 0 and infos[i - 1][0] == "least" and not infos[i - 1][1]:
            if li > 1:
                if infos[i - 2][0] != "at" and infos[i - 2][0] != "very":
                    valence = valence * n_scalar
            else:
                valence = valence * n_scalar
        return valence

    def _scalar_inc_dec(self, info: tuple, valence: float, is_cap_diff: bool) -> float:
        scalar = 0.0
        boost = info[3]
        isup = info[5]
        if boost is not None:
            scalar = boost
            if valence < 0:
                scalar *= -1
            if isup and is_cap_diff:
                if valence > 0:
                    scalar += self._c_incr
                else:
                    scalar -= self._c_incr
        return scalar

    def _negation_check(self, valence, infos: list[tuple], start_i: int, i: int):
        n_scalar = self._n_scalar
        if start_i == 0:
            if infos[i - 1][4]:
                valence = valence * n_scalar
            return valence
        lw1, lw2 = infos[i - 1][0], infos[i - 2][0]
        if start_i == 1:
            if lw2 == "never" and (lw1 == "so" or lw1 == "this"):
                valence = valence * 1.25
            elif lw2 == "without" and lw1 == "doubt":
                pass
            elif infos[i - 2][4]:
                valence = valence * n_scalar
        else:
            lw3 = infos[i - 3][0]
            if lw3 == "never" and (lw2 == "so" or lw2 == "this") or (lw1 == "so" or lw1 == "this"):
                valence = valence * 1.25
            elif lw3 == "without" and (lw2 == "doubt" or lw1 == "doubt"):
                pass
            elif infos[i - 3][4]:
                valence = valence * n_scalar
        return valence

    def _special_idioms_check(self, valence, lw: list[str], i: int):
        special = self._special
        w3, w2, w1, w0 = lw[i - 3], lw[i - 2], lw[i - 1], lw[i]
        onezero = f"{w1} {w0}"
        twoonezero = f"{w2} {w1} {w0}"
        twoone = f"{w2} {w1}"
        threetwoone = f"{w3} {w2} {w1}"
        threetwo = f"{w3} {w2}"
        for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
            if seq in special:
                valence = special[seq]
                break
        nw = len(lw)
        if nw - 1 > i:
            zeroone = f"{w0} {lw[i + 1]}"
            if zeroone in special:
                valence = special[zeroone]
        if nw - 1 > i + 1:
            zeroonetwo = f"{w0} {lw[i + 1]} {lw[i + 2]}"
            if zeroonetwo in special:
                valence = special[zeroonetwo]
        booster = self._booster
        for n_gram in (threetwoone, threetwo, twoone):
            if n_gram in booster:
                valence = valence + booster[n_gram]
        return valence

    @staticmethod
    def _but_check(bi: int, sentiments: list) -> None:
        # Deliberately as quirky as the reference: each value is located again with
        # list.index(), i.e. at its *first* equal occurrence, which may be another slot.
        for k in range(len(sentiments)):
            sentiment = sentiments[k]
            si = sentiments.index(sentiment)
            if si < bi:
                sentiments[si] = sentiment * 0.5
            elif si > bi:
                sentiments[si] = sentiment * 1.5

    @staticmethod
    def _compound(sum_s: float, text: str) -> float:
        """`score_valence` for the compound only: punctuation emphasis, normalise, round."""
        ep_count = min(text.count("!"), 4)
        ep_amplifier = ep_count * 0.292
        qm_count = text.count("?")
        qm_amplifier = 0
        if qm_count > 1:
            qm_amplifier = qm_count * 0.18 if qm_count <= 3 else 0.96
        punct = ep_amplifier + qm_amplifier
        if sum_s > 0:
            sum_s += punct
        elif sum_s < 0:
            sum_s -= punct
        norm = sum_s / math.sqrt((sum_s * sum_s) + 15)
        if norm < -1.0:
            norm = -1.0
        elif norm > 1.0:
            norm = 1.0
        return round(norm, 4)

    def score(
        self, texts: list[str], sentences: bool = False, fixed: tuple[str, ...] = (), adjust: Adjust | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return (compound, NaN) arrays aligned with `texts`; VADER has no subjectivity.
        `sentences`, `fixed` and `adjust`: cx's variant, see `_score_batch`."""
        n = len(texts)
        pol = np.zeros(n)
        for lo, hi in chunk_bounds(texts, _CHUNK, _CHUNK_CHARS):
            part = partial(adjust, lo) if adjust is not None else None
            pol[lo:hi] = self._score_batch(texts[lo:hi], sentences, fixed, part)
        return pol, np.full(n, np.nan)

    def rows(self, words) -> np.ndarray:
        """Vocabulary rows of `words` (those in the vocabulary), as the batch path numbers tokens."""
        index = self._tables()[1]
        return np.array([index[w] for w in words if w in index], dtype=np.int64)

    _vocab: tuple | None = None  # shared by the instances with the package lexicon

    def _tables(self) -> tuple:
        """Vocabulary (every word some rule looks up) and per-word property columns."""
        vocab = getattr(self, "_own_vocab", None) if self._custom else FastVader._vocab
        if vocab is None:
            control = dict.fromkeys(_CONTROL)
            words = list(dict.fromkeys([*self._lex, *self._booster, *self._negate, *self._special_vocab, *control]))
            index = {w: k + 1 for k, w in enumerate(words)}  # 0 = not in the vocabulary
            rows = [""] + words
            lex, booster, negate = self._lex, self._booster, self._negate
            sid = {w: k + 1 for k, w in enumerate(sorted(self._special_vocab))}
            cols = {
                "inlex": np.array([w in lex for w in rows]),
                "val": np.array([lex.get(w, 0.0) for w in rows], dtype=float),
                "isb": np.array([w in booster for w in rows]),
                "bval": np.array([float(booster.get(w, 0.0)) for w in rows]),
                "neg": np.array([w in negate or "n't" in w for w in rows]),
                "code": np.array([_CONTROL.get(w, 0) for w in rows], dtype=np.int8),
                "sid": np.array([sid.get(w, 0) for w in rows], dtype=np.int64),
                "emoticon": np.array([bool(w) and emoticon(w, lex) for w in rows]),
            }
            vocab = (pa.array(words, pa.string()), index, cols, self._ngram_tables(sid))
            if self._custom:
                self._own_vocab = vocab
            else:
                FastVader._vocab = vocab
        return vocab

    def _ngram_tables(self, sid: dict[str, int]) -> dict:
        """Idioms and multi-word boosters as integer codes of their words' special-vocabulary ids."""
        k = len(sid) + 1
        tables = {}
        for name, table in (("special", self._special), ("booster", self._booster)):
            for size in (2, 3):
                codes, values = [], []
                for key, value in table.items():
                    parts = key.split(" ")
                    if len(parts) == size:
                        code = 0
                        for w in parts:
                            code = code * k + sid[w]
                        codes.append(code)
                        values.append(float(value))
                order = np.argsort(codes, kind="stable")
                tables[name, size] = (np.array(codes, dtype=np.int64)[order], np.array(values)[order])
        tables["k"] = k
        return tables

    def _prepare(self, texts: list[str]) -> list[str]:
        """Non-ASCII texts as the byte tokenizer needs them: emoji expanded, non-ASCII whitespace
        made a space (one regex pass over their non-ASCII runs).

        A space before every description gives the reference's tokens (it only omits that
        space where whitespace already separates them).
        """
        flags = list(map(str.isascii, texts))
        if all(flags):
            return texts
        repl = _prepare_rewrite()
        out = list(texts)
        idx = list(compress(range(len(texts)), map(not_, flags)))
        sub = [texts[k] for k in idx]
        joined = "\x00".join(sub)
        if joined.count("\x00") == len(sub) - 1:
            new = _NON_ASCII.sub(repl, joined).split("\x00")
        else:  # a text contains the joiner itself
            new = [_NON_ASCII.sub(repl, t) for t in sub]
        for k, t in zip(idx, new, strict=True):
            out[k] = t
        return out

    def _score_batch(
        self, texts: list[str], sentences: bool = False, fixed: tuple[str, ...] = (), adjust: Adjust | None = None
    ) -> np.ndarray:
        """Compound scores of a batch, rule by rule over arrays of all its tokens.

        Tokenising (numpy over the UTF-8 bytes), lexicon lookups (Arrow) and the rules of
        `sentiment_valence` (numpy, same float operations in the same order per hit) run as
        passes over every token of the batch. Python work remains for: non-ASCII tokens
        (str.lower()/isupper() semantics), texts with 'but' (a list.index() quirk) and
        lone surrogates.

        For cx (`sentences=True`): the word rules run within each sentence (a token ending in
        . ! ? or ; ends one) as if it were a text of its own, the words in `fixed` keep their
        lexicon value, VADER's "but" rule is left out, `adjust` then applies cx's rules to the
        values (see `Adjust`), and the sums and scores stay per text. Texts the batch cannot take
        are NaN, for the caller.
        """
        n = len(texts)
        out = np.zeros(n)
        if not n:
            return out
        prepared = self._prepare(texts)
        enc = join_utf8(prepared)
        if enc is None:  # every candidate separator occurs in the texts
            return np.full(n, np.nan) if sentences else np.array(list(map(self.compound, texts)), dtype=float)
        data, sep, slow, _ = enc
        vocab, index, col, ngrams = self._tables()
        b = np.frombuffer(data, np.uint8)
        word = word_bytes(b, sep)
        edges = np.diff(word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
        starts = np.flatnonzero(edges == 1)
        ntok = len(starts)
        if ntok:
            sep_at = np.flatnonzero(b == sep)
            tid = text_of_tokens(starts, sep_at, n)
            lens = np.flatnonzero(edges == -1) - starts
            off = np.zeros(ntok + 1, dtype=np.int64)
            np.cumsum(lens, out=off[1:])
            tokdata = token_bytes(data, sep)
            vid, up, nt = self._token_columns(tokdata, off, index, vocab)
            inlex = col["inlex"][vid]
            isb = col["isb"][vid]
            code = col["code"][vid]
            neg = col["neg"][vid] | nt

            seg, nseg = tid, n  # the unit the word rules look within: a text, or a sentence
            if sentences:
                ends = np.isin(b[starts + lens - 1], _SENTENCE_ENDS)
                new = np.ones(ntok, dtype=bool)
                new[1:] = (tid[1:] != tid[:-1]) | ends[:-1]
                seg = np.cumsum(new) - 1
                nseg = int(seg[-1]) + 1
            first = np.searchsorted(seg, np.arange(nseg + 1))
            nw_text = np.diff(first)
            pos = np.arange(ntok) - first[seg]
            nup = np.bincount(seg, weights=up, minlength=nseg)
            cap_text = (nw_text - nup > 0) & (nw_text - nup < nw_text)
            last = pos == nw_text[seg] - 1
            nxt = np.append(code[1:], 0)
            kind_of = (code == _CONTROL["kind"]) & (nxt == _CONTROL["of"]) & ~last
            h = np.flatnonzero(inlex & ~isb & ~kind_of)
            if len(h):
                comma = None
                if self._comma_ends_negation:  # (`ends_clause` of each token)
                    end = b[starts + lens - 1]
                    comma = np.isin(end, _CLAUSE_END_BYTES) | ((b[starts] == ord("-")) & (end == ord("-")))
                    comma &= ~col["emoticon"][vid]
                vals = self._valences(
                    h, vid, inlex, isb, code, neg, up, pos, seg, nw_text, cap_text, col, ngrams, comma
                )
                if fixed:
                    keep = np.isin(vid[h], self.rows(fixed))
                    vals[keep] = col["val"][vid[h][keep]]
                if adjust is not None:
                    t = tid[h]
                    vals = adjust(vals, t, h - np.searchsorted(tid, np.arange(n))[t], vid[h])
                sums, with_hits = self._sums(h, vals, tid, code, pos, n, but=not sentences)
                self._compounds(out, with_hits, sums, b, sep_at, n)
        for k in slow:
            out[k] = np.nan if sentences or fixed else self.compound(texts[k])
        return out

    @staticmethod
    def _token_columns(tokdata: np.ndarray, off: np.ndarray, index: dict, vocab: pa.Array):
        """Per token: vocabulary row of its lower-cased, punctuation-stripped form; isupper();
        contains "n't". ASCII tokens in bulk; non-ASCII ones with Python's str methods."""
        ntok = len(off) - 1
        toks = pa.LargeStringArray.from_buffers(ntok, pa.py_buffer(off), pa.py_buffer(tokdata))
        begin = off[:-1]
        # str.isupper(): some cased character, none lower-case, which Arrow's ascii_is_upper gives
        # for ASCII tokens (non-ASCII ones are redone in Python below). Stripping punctuation removes
        # no cased character, so the stripped token (what the reference tests) gives the same.
        up = pc.ascii_is_upper(toks).to_numpy(zero_copy_only=False)
        low = pc.ascii_lower(toks)
        vid = pc.fill_null(pc.index_in(low, value_set=vocab), -1).to_numpy(zero_copy_only=False) + 1
        # Tokens with punctuation at either end: the reference looks up the stripped form if
        # it is longer than 2 characters.
        edge = np.flatnonzero(_IS_PUNCT[tokdata[begin]] | _IS_PUNCT[tokdata[off[1:] - 1]])
        if len(edge):
            sub = toks.take(pa.array(edge))
            stripped = pc.utf8_trim(sub, characters=_PUNCT)
            sub = pc.if_else(pc.greater(pc.utf8_length(stripped), 2), stripped, sub)
            sub_vid = pc.fill_null(pc.index_in(pc.ascii_lower(sub), value_set=vocab), -1)
            vid[edge] = sub_vid.to_numpy(zero_copy_only=False) + 1
        # "n't" anywhere in the token (stripping cannot split it: 'n' and 't' are no punctuation)
        nt = np.zeros(ntok, dtype=bool)
        ap = np.flatnonzero(tokdata == 39)
        ap = ap[(ap > 0) & (ap < len(tokdata) - 1)]
        if len(ap):
            ap = ap[((tokdata[ap - 1] | 0x20) == 110) & ((tokdata[ap + 1] | 0x20) == 116)]
            k = np.searchsorted(off, ap, side="right") - 1
            ok = (ap - 1 >= off[k]) & (ap + 1 < off[k + 1])
            nt[k[ok]] = True
        high = np.unique(np.searchsorted(off, np.flatnonzero(tokdata >= 0x80), side="right") - 1)
        if len(high):
            get = index.get
            for j, t in zip(high.tolist(), toks.take(pa.array(high)).to_pylist(), strict=True):
                st = t.strip(_PUNCT)
                if len(st) > 2:
                    t = st
                lw = t.lower()
                vid[j] = get(lw, 0)
                up[j] = t.isupper()
                nt[j] = "n't" in lw
        return vid, up, nt

    def _valences(
        self, h, vid, inlex, isb, code, neg, up, pos, tid, nw_text, cap_text, col, ngrams, comma=None
    ) -> np.ndarray:
        """`sentiment_valence` of every hit at flat token positions `h`, step by step. `comma` (per token: it ends
        a clause, `ends_clause`): the negations a comma (a colon, a dash, ...) separates from a hit are words of no
        rule to it (`_clause_masked`)."""
        ntok = len(vid)
        C, NS = self._c_incr, self._n_scalar
        c = _CONTROL
        li = pos[h]
        t = tid[h]
        nwh = nw_text[t]
        cd = cap_text[t]
        base = col["val"][vid[h]]

        def at(off: int, arr):
            return arr[np.clip(h + off, 0, ntok - 1)]

        c1, c2, c3 = at(-1, code), at(-2, code), at(-3, code)
        lex1, lex2, lex3 = at(-1, inlex), at(-2, inlex), at(-3, inlex)
        n1, n2, n3 = at(-1, neg), at(-2, neg), at(-3, neg)
        if comma is not None:
            crossed = np.zeros(len(h), dtype=bool)
            negation = [at(-k, neg) | (at(-k, code) == c["no"]) for k in (1, 2, 3)]
            masked = []
            for k in (1, 2, 3):
                crossed = crossed | at(-k, comma)
                masked.append((li >= k) & crossed & negation[k - 1])
            m1, m2, m3 = masked
            c1, c2, c3 = np.where(m1, 0, c1), np.where(m2, 0, c2), np.where(m3, 0, c3)
            lex1, lex2, lex3 = lex1 & ~m1, lex2 & ~m2, lex3 & ~m3
            n1, n2, n3 = n1 & ~m1, n2 & ~m2, n3 & ~m3
        lexk, negk = (lex1, lex2, lex3), (n1, n2, n3)
        v = base.copy()
        # "no" before another lexicon word is a negation, not a word of its own
        v[(code[h] == c["no"]) & (li != nwh - 1) & at(1, inlex)] = 0.0
        m = (
            ((li > 0) & (c1 == c["no"]))
            | ((li > 1) & (c2 == c["no"]))
            | ((li > 2) & (c3 == c["no"]) & ((c1 == c["or"]) | (c1 == c["nor"])))
        )
        v = np.where(m, base * NS, v)
        m = up[h] & cd
        v = np.where(m, np.where(v > 0, v + C, v - C), v)
        for s in range(3):
            cond = (li > s) & ~lexk[s]
            if not cond.any():
                continue
            kb = at(-s - 1, isb)
            sc = np.where(kb, col["bval"][at(-s - 1, vid)], 0.0)
            sc = np.where(kb & (v < 0), sc * -1, sc)
            m = kb & at(-s - 1, up) & cd
            sc = np.where(m, np.where(v > 0, sc + C, sc - C), sc)
            if s == 1:
                sc = np.where(sc != 0, sc * 0.95, sc)
            elif s == 2:
                sc = np.where(sc != 0, sc * 0.9, sc)
            nv = v + sc
            so1, so2 = (c1 == c["so"]) | (c1 == c["this"]), (c2 == c["so"]) | (c2 == c["this"])
            if s == 0:
                nv = np.where(negk[0], nv * NS, nv)
            elif s == 1:
                boost = (c2 == c["never"]) & so1
                keep = ~boost & (c2 == c["without"]) & (c1 == c["doubt"])
                nv = np.where(boost, nv * 1.25, np.where(~keep & negk[1], nv * NS, nv))
            else:
                boost = ((c3 == c["never"]) & so2) | so1
                keep = ~boost & (c3 == c["without"]) & ((c2 == c["doubt"]) | (c1 == c["doubt"]))
                nv = np.where(boost, nv * 1.25, np.where(~keep & negk[2], nv * NS, nv))
                nv = self._idioms(nv, cond, h, li, nwh, col["sid"][vid], ngrams)
            v = np.where(cond, nv, v)
        lst = (c1 == c["least"]) & ~lex1
        m = ((li > 1) & lst & (c2 != c["at"]) & (c2 != c["very"])) | ((li == 1) & lst)
        return np.where(m, v * NS, v)

    @staticmethod
    def _idioms(v, cond, h, li, nwh, sid, ngrams) -> np.ndarray:
        """`_special_idioms_check` for the hits where `cond` (3rd look-back step reached)."""
        ntok = len(sid)
        k = ngrams["k"]

        def at(off: int):
            return sid[np.clip(h + off, 0, ntok - 1)]

        s3, s2, s1, s0, sa, sb = at(-3), at(-2), at(-1), at(0), at(1), at(2)
        if not ((s3 | s2 | s1 | s0 | sa | sb)[cond]).any():
            return v

        def look(name: str, size: int, codes):
            keys, values = ngrams[name, size]
            if not len(keys):
                return np.zeros(len(codes), dtype=bool), np.zeros(len(codes))
            j = np.clip(np.searchsorted(keys, codes), 0, len(keys) - 1)
            return keys[j] == codes, values[j]

        onezero = s1 * k + s0
        twoonezero = (s2 * k + s1) * k + s0
        twoone = s2 * k + s1
        threetwoone = (s3 * k + s2) * k + s1
        threetwo = s3 * k + s2
        done = np.zeros(len(v), dtype=bool)
        v = v.copy()
        for size, codes in ((2, onezero), (3, twoonezero), (2, twoone), (3, threetwoone), (2, threetwo)):
            hit, val = look("special", size, codes)
            hit &= ~done
            v[hit] = val[hit]
            done |= hit
        hit, val = look("special", 2, s0 * k + sa)
        hit &= li < nwh - 1
        v[hit] = val[hit]
        hit, val = look("special", 3, (s0 * k + sa) * k + sb)
        hit &= li < nwh - 2
        v[hit] = val[hit]
        for size, codes in ((3, threetwoone), (2, threetwo), (2, twoone)):
            hit, val = look("booster", size, codes)
            v = np.where(hit, v + val, v)
        return v

    def _sums(self, h, vals, tid, code, pos, n, but: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """Per text with hits: 'but' rescaling (if `but`), then sum() of its sentiments in the
        reference's order (zeros of non-hits change nothing). Returns (sums, text indices)."""
        t = tid[h]
        bounds = np.flatnonzero(np.diff(t)) + 1
        first = np.concatenate(([0], bounds))
        end = np.append(bounds, len(h))
        texts_hit = t[first]
        but_tok = np.flatnonzero(code == _CONTROL["but"]) if but else []
        if len(but_tok):
            bt = tid[but_tok]
            keep = np.append(True, bt[1:] != bt[:-1])  # first 'but' of each text
            bi = dict(zip(bt[keep].tolist(), pos[but_tok[keep]].tolist(), strict=True))
            vals = vals.copy()
            for r in np.flatnonzero(np.isin(texts_hit, bt)).tolist():
                a, e = int(first[r]), int(end[r])
                vals[a:e] = self._but_values(vals[a:e].tolist(), pos[h[a:e]].tolist(), bi[int(texts_hit[r])])
        if _SUM_IS_SEQUENTIAL:
            # sum() adds left to right: add each text's k-th value in the k-th pass.
            rank = np.arange(len(h)) - np.repeat(first, end - first)
            order = np.argsort(rank, kind="stable")
            cuts = np.searchsorted(rank[order], np.arange(int(rank.max()) + 2))
            acc = np.zeros(n)
            for a, e in zip(cuts[:-1].tolist(), cuts[1:].tolist(), strict=True):
                sel = order[a:e]
                ts = t[sel]
                acc[ts] = acc[ts] + vals[sel]
            return acc[texts_hit], texts_hit
        vl = vals.tolist()
        sums = list(map(sum, map(vl.__getitem__, map(slice, first.tolist(), end.tolist()))))
        return np.array(sums, dtype=float), texts_hit

    @staticmethod
    def _compounds(out: np.ndarray, idx: np.ndarray, sums: np.ndarray, b: np.ndarray, sep_at, n: int) -> None:
        """`score_valence` for many texts at once; numpy's +,*,/,sqrt round exactly as Python's.

        "!" and "?" are counted over the batch's bytes and assigned to texts by separator position.
        """
        nz = sums != 0  # a zero sum scores 0.0
        idx, s = idx[nz], sums[nz]
        ep = np.bincount(np.searchsorted(sep_at, np.flatnonzero(b == 33)), minlength=n)[idx]
        qc = np.bincount(np.searchsorted(sep_at, np.flatnonzero(b == 63)), minlength=n)[idx].astype(float)
        ep = np.minimum(ep, 4).astype(float) * 0.292
        qm = np.where(qc > 1, np.where(qc <= 3, qc * 0.18, 0.96), 0.0)
        punct = ep + qm
        s = np.where(s > 0, s + punct, s - punct)
        norm = np.clip(s / np.sqrt(s * s + 15.0), -1.0, 1.0)
        out[idx] = _round4(norm)

    @staticmethod
    def _but_values(values: list, positions: list, bi: int) -> list:
        """`_but_check` on a text's hits only: zeros elsewhere never change the sum, and a
        nonzero value's first equal occurrence is always a hit."""
        for k in range(len(values)):
            sentiment = values[k]
            si = values.index(sentiment)
            if positions[si] < bi:
                values[si] = sentiment * 0.5
            elif positions[si] > bi:
                values[si] = sentiment * 1.5
        return values
