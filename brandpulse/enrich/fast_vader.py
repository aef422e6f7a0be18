"""Batch re-implementation of vaderSentiment's compound score.

`SentimentIntensityAnalyzer.polarity_scores` lower-cases the whole token list again for
every lexicon hit and every look-back step (quadratic in text length), rebuilds the text
one character at a time to expand emoji, and computes pos/neu/neg we do not use. This
module computes the same compound score with the same floating-point operations in the
same order (so it is identical, not just close), with per-token work cached across texts.

Lexicon and emoji descriptions are read at runtime from the installed vaderSentiment
package files, parsed exactly as `make_lex_dict` / `make_emoji_dict` do; the rule tables
(NEGATE, BOOSTER_DICT, SPECIAL_CASES, constants) are imported from the module itself.
"""

from __future__ import annotations

import math
import os
import string
from functools import partial
from itertools import compress, repeat
from operator import is_, itemgetter

import numpy as np

_CACHE_LIMIT = 500_000
_PUNCT = string.punctuation
_HIT = itemgetter(6)  # a valence of 0.0 is still a hit (caps and boosters can move it)
_UPPER = itemgetter(5)
_CTX = itemgetter(7)
_LOW = itemgetter(0)
_EVENT = itemgetter(8)
_CHUNK = 2_000  # texts per batch pass; bounds the per-pass token lists
_IS_NONE = partial(is_, None)
_SEP = "\ue000"  # private-use code point: a text boundary token in the joined chunk
_SEP_JOINER = f" {_SEP} "
_SEP_INFO = (_SEP, False, None, None, False, False, False, False, True)


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


class FastVader:
    """Scores many texts like `polarity_scores(text)["compound"]`, caching per-token work."""

    def __init__(self) -> None:
        from vaderSentiment import vaderSentiment as vs

        self._lex = load_lexicon()
        emojis = load_emojis()
        # The reference walks the text one code point at a time, so only single-code-point
        # keys can ever match; ZWJ sequences and skin-tone variants are expanded piecewise.
        self._emojis = {k: v for k, v in emojis.items() if len(k) == 1}
        self._emoji_keys = frozenset(self._emojis)
        self._booster = dict(vs.BOOSTER_DICT)
        self._negate = frozenset(vs.NEGATE)
        self._special = dict(vs.SPECIAL_CASES)
        self._b_incr = vs.B_INCR
        self._c_incr = vs.C_INCR
        self._n_scalar = vs.N_SCALAR
        self._tok_cache: dict[str, tuple] = {}
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
        infos = list(map(cache.get, tokens))
        new = set(compress(tokens, map(_IS_NONE, infos)))
        if len(cache) + len(new) > _CACHE_LIMIT:
            cache.clear()
            new = set(tokens)
        new = list(new)
        stripped = [t.strip(_PUNCT) for t in new]
        toks = [s if len(s) > 2 else t for s, t in zip(stripped, new, strict=True)]
        lows = list(map(str.lower, toks))
        vals = list(map(self._lex.get, lows))
        boosts = list(map(self._booster.get, lows))
        negate, ctx = self._negate, self._context_words
        negs = [low in negate or "n't" in low for low in lows]
        ups = list(map(str.isupper, toks))
        # (lower, in lexicon, valence, booster, negated, isupper, hit, ctx, event):
        # `hit` marks lexicon words the reference scores (boosters always score 0); `ctx`
        # marks words some rule reads around a hit (boosters, negations, idiom words, ...).
        hits = [v is not None and bo is None for v, bo in zip(vals, boosts, strict=True)]
        infos = [
            (low, v is not None, v, bo, ng, up, h, ng or bo is not None or low in ctx, h or low == "but")
            for low, v, bo, ng, up, h in zip(lows, vals, boosts, negs, ups, hits, strict=True)
        ]
        if _SEP in new:
            infos[new.index(_SEP)] = _SEP_INFO

        cache.update(zip(new, infos, strict=True))
        return list(map(cache.__getitem__, tokens))

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
        low, _, val, _, _, isup, _, _, _ = infos[i]
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

    def score(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Return (compound, NaN) arrays aligned with `texts`; VADER has no subjectivity.

        Works on the whole batch's tokens at once so that only lexicon hits cost Python
        work: token infos, hit positions and text boundaries come from C-level passes.
        """
        n = len(texts)
        pol = np.zeros(n)
        for lo in range(0, n, _CHUNK):
            pol[lo : lo + _CHUNK] = self._score_chunk(texts[lo : lo + _CHUNK])
        return pol, np.full(n, np.nan)

    def _score_chunk(self, texts: list[str]) -> list[float]:
        keys = self._emoji_keys
        expand = self._expand_emoji
        big = _SEP_JOINER.join(texts)
        if not big.isascii() and not keys.isdisjoint(big):
            texts = [t if t.isascii() or keys.isdisjoint(t) else expand(t) for t in texts]
            big = _SEP_JOINER.join(texts)
        if big.count(_SEP) != len(texts) - 1:  # a text contains the separator itself
            return list(map(self._compound_expanded, texts))
        # One split, one lookup pass and one filter pass over the whole chunk; Python code
        # then runs only for "events": lexicon hits, 'but' and text boundaries.
        flat = [*big.split(), _SEP]
        infos = self._infos(flat)
        valence = self._valence
        sums: dict[int, float] = {}
        buts: list[int] = []
        t = 0  # current text
        lo = 0  # its first token
        pending: list[int] = []  # its hits, scored once its end is known
        has_but = False
        for i in compress(range(len(flat)), map(_EVENT, infos)):
            info = infos[i]
            low = info[0]
            if low != _SEP:
                if info[6]:
                    pending.append(i)
                if low == "but":
                    has_but = True
                continue
            if has_but:
                # 'but' rescales by position with a list.index() quirk: per-text path.
                buts.append(t)
                has_but = False
            elif pending:
                # Same additions in the same order as sum(sentiments); zeros change nothing.
                total = 0
                for h in pending:
                    info = infos[h]
                    if info[5] or any(map(_CTX, infos[h - 3 if h - 3 > lo else lo : h + 3])):
                        total = total + valence(infos, h, lo, i)
                    else:  # plain lexicon word (the common case, inlined)
                        total = total + info[2]
                if total:
                    sums[t] = total
            pending = []
            t += 1
            lo = i + 1
        out = [0.0] * len(texts)
        if sums:
            for t, c in zip(
                sums, self._compounds(list(sums.values()), [texts[t] for t in sums]), strict=True
            ):
                out[t] = c
        for t in buts:
            out[t] = self._compound_expanded(texts[t])
        return out

    @staticmethod
    def _compounds(sums: list[float], texts: list[str]) -> list[float]:
        """`_compound` for many texts at once; numpy's +,*,/,sqrt round exactly as Python's."""
        n = len(texts)
        ep = np.minimum(np.fromiter(map(str.count, texts, repeat("!")), float, n), 4.0) * 0.292
        qc = np.fromiter(map(str.count, texts, repeat("?")), float, n)
        qm = np.where(qc > 1, np.where(qc <= 3, qc * 0.18, 0.96), 0.0)
        punct = ep + qm
        s = np.array(sums, dtype=float)
        s = np.where(s > 0, s + punct, np.where(s < 0, s - punct, s))
        norm = np.clip(s / np.sqrt(s * s + 15.0), -1.0, 1.0)
        return list(map(round, norm.tolist(), repeat(4)))
