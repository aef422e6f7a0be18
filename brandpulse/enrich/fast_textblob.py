"""Batch re-implementation of TextBlob's default PatternAnalyzer (polarity, subjectivity).

`TextBlob(text).sentiment` builds a blob, a namedtuple class and a chain of generators
per text and re-runs a dozen regex substitutions; scoring a few hundred thousand posts
that way dominates a run. This module reproduces `textblob._text.find_tokens` and
`Sentiment.__call__`/`assessments` step by step (same floating-point operations in the
same order, so results are identical, not just close). `FastTextBlob.score` works on a
whole batch: find_tokens' replacements once over the batch's UTF-8 bytes, a numpy tokenizer
that also splits off punctuation, Arrow lookups of every word, and the assessment loop in
Python over only the words that can change its state. Tokens the bulk split cannot take
(non-ASCII, ellipsis/abbreviation cases) and texts that sentence segmentation or the
sarcasm/emoticon regexes may change go through the per-text path `score_one`.

The lexicon is read at runtime from textblob's own bundled ``en/en-sentiment.xml`` with
the same averaging as `textblob._text.Sentiment.load` plus the "-ly" adverb annotations
of `textblob.en.Sentiment.load`. The emoticon regex and the punctuation/abbreviation
tables are taken from `textblob._text` itself: the regex's alternation order follows
Python set iteration order (hash seeded per process), so only the very same object is
guaranteed to match the reference in the same process.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
import sys
import types
from functools import partial
from itertools import chain, compress
from operator import is_, itemgetter
from xml.etree import ElementTree

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..schema import value_bytes
from .fast_vader import NON_ASCII_SPACES, chunk_bounds, join_utf8, token_bytes, word_bytes

#: Tokens that end a sentence / may trail a sentence end (textblob `find_tokens`).
_EOS = "END-OF-SENTENCE"
_SENT_END = frozenset(("...", ".", "!", "?", _EOS))
_SENT_TRAIL = frozenset(("'", '"', "”", "’", "...", ".", "!", "?", ")", _EOS))
_NEGATIONS = frozenset(("no", "not", "n't", "never"))
_LINEBREAK = re.compile(r"\n{2,}")

_CACHE_LIMIT = 500_000  # distinct tokens kept per cache before it is reset
# Word info of a text end in the batch loop (kind 3).
_SEP_INFO = (3, "", False, False, False, None)
_CHUNK = 100_000  # texts per batch pass, and
_CHUNK_CHARS = 4_000_000  # characters per batch pass: bounds the per-byte arrays
_FIRST = itemgetter(0)
_SECOND = itemgetter(1)
#: str.split()'s non-ASCII whitespace, as an RE2 class (run over UTF-8 bytes by `_re2_sub`)
_NON_ASCII_SPACE = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in NON_ASCII_SPACES) + "]"
_QUOTES = "“”‘’"  # find_tokens puts a space on each side of each: `_space_quotes`
_IS_NONE = partial(is_, None)
_JOINED = itemgetter(0)
_PARTS = itemgetter(1)
_INFOS = itemgetter(2)


def _emoticon_filter(emoticons: dict) -> re.Pattern:
    """A regex matching exactly where textblob's RE_EMOTICONS matches, only faster to search.

    Same language (each face with optional single spaces between its characters, then end
    or whitespace), but factored by first character so the engine tries one branch per
    candidate position instead of ~90. Used only as a yes/no pre-check.
    """
    groups: dict[str, list[str]] = {}
    for faces in emoticons.values():
        for face in faces:
            groups.setdefault(face[0], []).append("".join(" ?" + re.escape(ch) for ch in face[1:]))
    alts = [re.escape(c) + "(?:" + "|".join(rests) + ")" for c, rests in groups.items()]
    return re.compile("(?:" + "|".join(alts) + r")(?:$|\s)")


def _re2_sub(data: bytes, pattern: str, repl: str) -> bytes:
    """`re.sub(pattern, repl, ...)` over UTF-8 `data` (valid: encoded strictly), with Arrow's RE2:
    megabytes a batch, several times faster than Python's re."""
    arr = pa.LargeStringArray.from_buffers(1, pa.py_buffer(np.array([0, len(data)], np.int64)), pa.py_buffer(data))
    return value_bytes(pc.replace_substring_regex(arr, pattern, repl))


def _space_quotes(data: bytes) -> bytes:
    """A space on each side of each of the `_QUOTES` in UTF-8 `data`, as a str.replace per quote would put them:
    in one RE2 pass, where each bytes.replace searched all the bytes (10 ms for a 50,000-post slice without
    any quote, 23 ms with them; 7 and 10 ms this way)."""
    return _re2_sub(data, f"([{_QUOTES}])", r" \1 ")


def _avg(values) -> float:
    # Same as textblob._text.avg: sum() from int 0, then one division.
    return sum(values) / float(len(values) or 1)


@functools.lru_cache(maxsize=4)
def _textblob_dir() -> str:
    """textblob's installed folder, found without importing it (its __init__ imports nltk: ~1.2 s)."""
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("textblob is not installed")
    return spec.submodule_search_locations[0]


@functools.cache
def textblob_text() -> types.ModuleType:
    """`textblob._text` (pattern's tokenizer tables, self-contained: standard library imports only),
    loaded from its file so that the `textblob` package and nltk are not imported."""
    if "textblob._text" in sys.modules:
        return sys.modules["textblob._text"]
    spec = importlib.util.spec_from_file_location(
        "brandpulse._textblob_text", os.path.join(_textblob_dir(), "_text.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_lexicon(path: str | None = None) -> dict[str, tuple[float, float, float, bool]]:
    """word -> (polarity, subjectivity, intensity, is_adverb), exactly as TextBlob builds it.

    Mirrors `_text.Sentiment.load` (average per POS, then over POS) and
    `en.Sentiment.load` ("terrible" -> "terribly" as RB, which overrides an existing entry).
    Parsed once per process and path (like textblob's own lazily loaded lexicon); callers must
    not modify the returned dict.
    """
    if path is None:
        path = os.path.join(_textblob_dir(), "en", "en-sentiment.xml")
    words: dict = {}
    for el in ElementTree.parse(path).getroot().findall("word"):
        a = el.attrib
        form, pos = a.get("form"), a.get("pos")
        psi = (
            float(a.get("polarity", 0.0)),
            float(a.get("subjectivity", 0.0)),
            float(a.get("intensity", 1.0)),
        )
        if form:
            words.setdefault(form, {}).setdefault(pos, []).append(psi)
    for w in words:
        words[w] = {pos: [_avg(each) for each in zip(*psi, strict=True)] for pos, psi in words[w].items()}
    for w, pos in list(words.items()):
        words[w][None] = [_avg(each) for each in zip(*pos.values(), strict=True)]
    for w, pos in list(words.items()):
        if "JJ" in pos:
            if w.endswith("y"):
                w = w[:-1] + "i"
            if w.endswith("le"):
                w = w[:-2]
            p, s, i = pos["JJ"]
            entry = words.setdefault(w + "ly", {})
            entry["RB"] = entry[None] = (p, s, i)
    return {w: (*(float(x) for x in pos[None]), "RB" in pos) for w, pos in words.items()}


_SETS, _CLEARS = 1, 2


def _state_roles(infos: list[tuple], proto: int) -> np.ndarray:
    """Per word id: _SETS if the word may leave a modifier or negation pending, _CLEARS if
    the assessment loop always ends up with neither after it, else 0."""
    roles = np.zeros(len(infos), dtype=np.int8)
    for i, info in enumerate(infos):
        kind = info[0]
        if kind == 2:
            roles[i] = _SETS if info[5] or info[1] in _NEGATIONS else _CLEARS
        elif kind == 1 and info[2]:
            roles[i] = _SETS
        elif kind == 3 or i == proto + 3:  # text end; unknown word with len > 2
            roles[i] = _CLEARS
    return roles


def _tilings(s: str) -> list[tuple[str, ...]]:
    """All ways to cut `s` into consecutive non-empty pieces."""
    if not s:
        return [()]
    return [(s[:i], *rest) for i in range(1, len(s) + 1) for rest in _tilings(s[i:])]


def _runs(member: np.ndarray, data: np.ndarray, start: np.ndarray, stop: np.ndarray, step: int) -> np.ndarray:
    """Per token, how many bytes in a row from `start` (moving by `step`, stopping before `stop`)
    are `member` bytes. Most tokens have none, so only the few that do are followed, a byte at a
    time for a few bytes, then token by token ("!!!!!!!!"), instead of scanning every byte."""
    n = np.zeros(len(start), dtype=np.int64)
    live = np.flatnonzero(member[data[start]])
    for _ in range(8):
        if not len(live):
            return n
        n[live] += 1
        at = start[live] + step * n[live]
        inside = at != stop[live]
        live, at = live[inside], at[inside]
        live = live[member[data[at]]]
    for j in live.tolist():  # the next byte, start + step * n, is a member
        a = start[j] + step * n[j]
        run = member[data[a : stop[j]]] if step > 0 else member[data[stop[j] + 1 : a + 1]][::-1]
        miss = np.flatnonzero(~run)
        n[j] += miss[0] if len(miss) else len(run)
    return n


class FastTextBlob:
    """Scores many texts like `TextBlob(text).sentiment`, caching per-token work across texts."""

    _ids: tuple | None = None  # word id table, built from the package's data only

    def __init__(self, lexicon_path: str | None = None) -> None:
        _text = textblob_text()
        self._lex = load_lexicon(lexicon_path)
        punct = _text.PUNCTUATION
        self._punct_str = punct
        self._lead_chars = frozenset(punct.replace(".", ""))
        self._trail_chars = self._lead_chars | {"."}
        self._abbr = _text.ABBREVIATIONS
        self._abbr_res = (_text.RE_ABBR1, _text.RE_ABBR2, _text.RE_ABBR3)
        self._abbr_values = pa.array(sorted(self._abbr), pa.string())
        self._abbr_regex = "|".join(f"(?:{r.pattern})" for r in self._abbr_res)  # RE2 reads them alike
        self._replace = dict(_text.replacements)
        if any(v != " " + k for k, v in self._replace.items()) or any(k[0] != "'" for k in self._replace if k != "n't"):
            raise RuntimeError("textblob's contraction table changed; FastTextBlob needs review")
        self._re_sarcasm = _text.RE_SARCASM
        self._re_emoticons = _text.RE_EMOTICONS
        self._emoticon_filter = _emoticon_filter(_text.EMOTICONS)
        emo: dict[str, float] = {}
        for (_type, p), faces in _text.EMOTICONS.items():  # first type wins, as in assessments()
            for face in faces:
                emo.setdefault(face.lower(), p)
        self._emoticons = emo
        # whitespace token -> (its sub-tokens joined by " ", sub-tokens, their word infos)
        self._raw_cache: dict[str, tuple] = {}
        self._part_cache: dict[str, tuple] = {}
        self._emoticons_src = _text.EMOTICONS
        self._lead_bytes = np.zeros(256, dtype=bool)
        self._lead_bytes[[ord(c) for c in self._lead_chars if ord(c) < 128]] = True
        self._trail_bytes = np.zeros(256, dtype=bool)
        self._trail_bytes[[ord(c) for c in self._trail_chars if ord(c) < 128]] = True
        self._word_cache: dict[str, tuple] = {}

    # -- tokenizer ---------------------------------------------------------------------------

    def _split_token(self, t: str) -> tuple[str, ...]:
        """Split leading/trailing punctuation off one whitespace token (find_tokens' inner loop).

        The reference's `startswith(tuple)`/`endswith(tuple)` tests are on one-character
        strings, so they are done here as character membership tests.
        """
        lead, trail = self._lead_chars, self._trail_chars
        if t[0] not in lead and t[-1] not in trail:
            return (t,)
        replace = self._replace
        out: list[str] = []
        tail: list[str] = []
        while t and t[0] in lead and t not in replace:
            out.append(t[0])
            t = t[1:]
        while t and t[-1] in trail and t not in replace:
            if t[-1] in lead:
                tail.append(t[-1])
                t = t[:-1]
            if t.endswith("..."):
                tail.append("...")
                t = t[:-3].rstrip(".")
            if t.endswith("."):
                r1, r2, r3 = self._abbr_res
                if t in self._abbr or r1.match(t) or r2.match(t) or r3.match(t):
                    break
                tail.append(t[-1])
                t = t[:-1]
        if t != "":
            out.append(t)
        out.extend(reversed(tail))
        return tuple(out)

    def _prepare(self, string: str, split: bool = True) -> tuple[str, list[str]]:
        """find_tokens' string replacements, then whitespace tokens (str.split == its \\s+ + TOKEN)."""
        if "'" in string:  # every contraction pattern contains an apostrophe
            for a, b in self._replace.items():  # re.sub with literal patterns == str.replace
                string = string.replace(a, b)
            string = string.replace("'", " ' ")
        if not string.isascii():
            string = string.replace("“", " “ ").replace("”", " ” ").replace("‘", " ‘ ").replace("’", " ’ ")
        if '"' in string:
            string = string.replace('"', ' " ')
        if "\n" in string:
            string = _LINEBREAK.sub(f" {_EOS} ", string.replace("\r\n", "\n"))
        return string, string.split() if split else []

    def _entries(self, raws: list[str]) -> list[tuple]:
        """Cache entries of `raws`; missing ones are computed together (see `_fill`)."""
        cache = self._raw_cache
        try:
            return list(map(cache.__getitem__, raws))
        except KeyError:
            pass
        entries = list(map(cache.get, raws))
        new = set(compress(raws, map(_IS_NONE, entries)))
        if len(cache) + len(new) > _CACHE_LIMIT:
            cache.clear()
            self._word_cache.clear()
        fresh = self._fill(new)
        return [entry if entry is not None else fresh[r] for r, entry in zip(raws, entries, strict=True)]

    def _fill(self, new: set[str]) -> dict[str, tuple]:
        """Compute raw-token entries column-wise: most new tokens are plain words, whose
        entry is just their word info, and per-item function calls dominate otherwise.
        Cached, and returned: a call answers from them, not read back from the caches (one analyzer serves a process,
        and another thread may clear them in between, a KeyError)."""
        lead, trail = self._lead_chars, self._trail_chars
        simple = [r for r in new if r[0] not in lead and r[-1] not in trail]
        split = {r: self._split_token(r) for r in new if r[0] in lead or r[-1] in trail}
        words = self._word_cache
        known = {w: words.get(w) for w in chain(simple, chain.from_iterable(split.values()))}
        todo_l = list(compress(known, map(_IS_NONE, known.values())))
        if todo_l:
            lows = list(map(str.lower, todo_l))
            hits = list(map(self._lex.get, lows))
            punct, emoticons = self._punct_str, self._emoticons
            emos = [emoticons.get(w) if w.isalpha() is False and len(w) <= 5 and w not in punct else None for w in lows]
            infos = [
                (2, w, *h)
                if h is not None
                else (
                    1 if (w in _NEGATIONS or e is not None or w == "!" or w == "(!)") else 0,
                    w,
                    w in _NEGATIONS,
                    len(w.strip("'")) > 1,
                    len(w) > 2,
                    e,
                )
                for w, h, e in zip(lows, hits, emos, strict=True)
            ]
            known.update(zip(todo_l, infos, strict=True))
            words.update(zip(todo_l, infos, strict=True))
        fresh = {r: (r, (r,), (known[r],)) for r in simple}
        fresh.update((r, (" ".join(parts), parts, tuple(map(known.__getitem__, parts)))) for r, parts in split.items())
        self._raw_cache.update(fresh)
        return fresh

    def _segment(self, toks: list[str]) -> str:
        """find_tokens' sentence split + sarcasm/emoticon regexes, as one "\\n"-joined string."""
        ends = [k for k, t in enumerate(toks) if t in _SENT_END]
        if ends:
            sentences: list[list[str]] = [[]]
            i = 0
            n = len(toks)
            nxt = 0  # first index the reference's outer loop still examines
            for j in ends:
                if j < nxt:
                    continue
                while j < n and toks[j] in _SENT_TRAIL:
                    if toks[j] in ("'", '"') and sentences[-1].count(toks[j]) % 2 == 0:
                        break
                    j += 1
                sentences[-1].extend(t for t in toks[i:j] if t != _EOS)
                sentences.append([])
                i = j
                nxt = j + 1
            sentences[-1].extend(toks[i:])
            # "\n" never occurs inside a sentence and the regexes only cross literal
            # spaces, so one pass over "\n"-joined sentences equals one pass per sentence.
            joined = "\n".join(" ".join(s) for s in sentences if s)
        else:
            joined = " ".join(toks)
        if "!" in joined and "(" in joined:
            joined = self._re_sarcasm.sub("(!)", joined)
        return self._re_emoticons.sub(lambda m: m.group(1).replace(" ", "") + m.group(2), joined)

    def tokens(self, text: str) -> list[str]:
        """The lowercased words `Sentiment.__call__` assesses (for tests and debugging)."""
        return [info[1] for info in self._infos(text)]

    def _infos(self, text: str):
        """Word infos of the words `Sentiment.__call__` assesses, in order."""
        string, raws = self._prepare(text)
        entries = self._entries(raws)
        joined = " ".join(map(_JOINED, entries))
        # Fast path. Sentence segmentation only matters for dropping END-OF-SENTENCE markers
        # and for keeping the two regexes from matching across sentences; a per-sentence
        # match is also a match in the whole space-joined text, so no match there means
        # segmentation and substitution change nothing.
        if (
            _EOS not in string
            and not ("!" in joined and "(" in joined and self._re_sarcasm.search(joined))
            and not self._emoticon_filter.search(joined)
        ):
            return chain.from_iterable(map(_INFOS, entries))
        words = self._segment(list(chain.from_iterable(map(_PARTS, entries)))).split()
        return map(self._word, words)

    # -- assessments -------------------------------------------------------------------------

    def _word(self, raw: str) -> tuple:
        """Word info of one token (slow path); same values as `_fill` computes in bulk."""
        info = self._word_cache.get(raw)
        if info is None:
            if len(self._word_cache) > _CACHE_LIMIT:
                self._word_cache.clear()
            info = self._word_cache[raw] = self._word_info(raw)
        return info

    def _word_info(self, raw: str) -> tuple:
        """(2, w, p, s, i, is_rb) for lexicon words, else (kind, w, is_neg, strip1, len2, emoticon).

        kind 0 marks an unknown word that can only reset a pending modifier/negation, so
        the loop can skip it when neither is pending.
        """
        w = raw.lower()
        hit = self._lex.get(w)
        if hit is not None:
            p, s, i, is_rb = hit
            return (2, w, p, s, i, is_rb)
        emo = None
        if w.isalpha() is False and len(w) <= 5 and w not in self._punct_str:
            emo = self._emoticons.get(w)
        is_neg = w in _NEGATIONS
        kind = 1 if (is_neg or emo is not None or w == "!" or w == "(!)") else 0
        return (kind, w, is_neg, len(w.strip("'")) > 1, len(w) > 2, emo)

    def score_one(self, text: str) -> tuple[float, float]:
        """(polarity, subjectivity) of one text, as `Sentiment.assessments` + averaging."""
        pol, sub = _assess([*self._infos(text), _SEP_INFO], 1)
        return pol[0], sub[0]

    def score(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Return (polarity, subjectivity) arrays aligned with `texts`."""
        n = len(texts)
        pol = np.zeros(n)
        sub = np.zeros(n)
        for lo, hi in chunk_bounds(texts, _CHUNK, _CHUNK_CHARS):
            pol[lo:hi], sub[lo:hi] = self._score_batch(texts[lo:hi])
        return pol, sub

    def _word_ids(self) -> tuple:
        """Id table of the words the assessment loop tells apart (shared by all instances).

        Ids below len(keys) name a lexicon word, negation, emoticon face or face piece; then
        come four stand-ins for any other word (the loop only reads two length tests of
        those) and the text separator.
        """
        if FastTextBlob._ids is None:
            faces = {f.lower() for faces in self._emoticons_src.values() for f in faces}
            pieces = {f[i:j] for f in faces for i in range(1, len(f)) for j in range(i + 1, len(f) + 1)}
            keys = list(
                dict.fromkeys(
                    [*self._lex, *_NEGATIONS, *self._emoticons, *pieces, "!", "(!)", "(", ")", "end-of-sentence"]
                )
            )
            infos = [self._word_info(k) for k in keys]
            proto = len(infos)  # + 2 * (len(w.strip("'")) > 1) + (len(w) > 2)
            infos += [(0, "", False, s1, l2, None) for s1 in (False, True) for l2 in (False, True)]
            sep_id = len(infos)
            infos.append(_SEP_INFO)
            index = {k: i for i, k in enumerate(keys)}
            # A face the emoticon regex may rebuild from several tokens: the last character of
            # one token, then whole tokens spelling the rest of the face (": )" -> ":)"). Coded
            # as c * K**m + id1 * K**(m-1) + ... with K = len(infos); one set per length m.
            k = len(infos)
            seqs: dict[int, set[int]] = {}
            for f in faces:
                for i in range(1, len(f)):
                    if ord(f[i - 1]) >= 256:
                        continue
                    for tiling in _tilings(f[i:]):
                        code = ord(f[i - 1])
                        for piece in tiling:
                            code = code * k + index[piece]
                        seqs.setdefault(len(tiling), set()).add(code)
            # Faces the emoticon regex merges back from their own split pieces and nothing else
            # (":)" -> ": )" -> ":)"): the batch merges those itself when no other face could
            # match around them. Not: faces with sentence ends or quotes (segmentation and the
            # quote spacing interfere), faces that a shorter face or a longer one could match.
            all_faces = {f for fs in self._emoticons_src.values() for f in fs}
            clean = []
            for f in sorted(all_faces):
                parts = self._split_token(f)
                if len(parts) < 2 or not f.isascii() or any(c in f for c in ".!?'\""):
                    continue
                prefixes = {"".join(parts[:k]) for k in range(1, len(parts))}
                if prefixes & all_faces or any(g != f and g.startswith(f) for g in all_faces):
                    continue
                clean.append(f)
            special = {k: index[k] for k in ("!", "(", ")", "end-of-sentence")}
            FastTextBlob._ids = (
                pa.array(keys, pa.string()),
                index,
                infos,
                proto,
                sep_id,
                {m: np.array(sorted(c), dtype=np.int64) for m, c in seqs.items()},
                np.isin(np.arange(k), [c // k ** (m - 1) % k for m, codes in seqs.items() for c in codes]),
                special,
                (roles := _state_roles(infos, proto)),
                pa.array(clean, pa.string()),
                _plain_tables(infos, roles),
            )
        return FastTextBlob._ids

    def _part_ids(self, raw: str, index: dict, proto: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """Ids and last characters (code, 0 beyond Latin-1) of the words one raw token splits into."""
        ids = []
        lasts = []
        for part in self._split_token(raw):
            w = part.lower()
            i = index.get(w)
            if i is None:
                i = proto + 2 * (len(w.strip("'")) > 1) + (len(w) > 2)
            ids.append(i)
            c = ord(w[-1])
            lasts.append(c if c < 256 else 0)
        return tuple(ids), tuple(lasts)

    def _batch_bytes(self, texts: list[str]) -> tuple[bytes, int, list[int]] | None:
        """UTF-8 of the texts joined by a control byte none contains, after find_tokens'
        replacements (literal, and ASCII or whole UTF-8 sequences, so bytes.replace is the
        same as str.replace), non-ASCII whitespace made a space for the byte tokenizer.
        Blank lines stay whitespace: find_tokens makes them an END-OF-SENTENCE marker, which only
        ends a sentence and is then dropped, and sentence ends only stop the sarcasm and emoticon
        regexes from matching across them. Any match those regexes could make sends a text the
        exact way, and looking for one without the marker can only find more.

        Returns (data, separator byte, texts left to the per-text path: lone surrogates cannot
        be encoded), or None if every candidate separator occurs in the texts.
        """
        enc = join_utf8(texts)
        if enc is None:
            return None
        data, sep, slow, joined = enc
        if b"'" in data:
            # The contractions only add a space before their apostrophe, which gets spaces
            # anyway; of them only "n't" -> " n't" changes the tokens ("do n ' t").
            data = data.replace(b"n't", b" n't").replace(b"'", b" ' ")
        if not joined.isascii():
            data = _space_quotes(data)
        if b'"' in data:
            data = data.replace(b'"', b' " ')
        if not joined.isascii():
            data = _re2_sub(data, _NON_ASCII_SPACE, " ")
        return data, sep, slow

    def _score_batch(self, texts: list[str]) -> tuple[np.ndarray | list[float], np.ndarray | list[float]]:
        """Score a batch: one pass of replacements over the joined texts, a numpy tokenizer over
        its UTF-8 bytes, Arrow lookups of the plain tokens, and Python only for tokens with
        punctuation at an edge or non-ASCII characters (split as `find_tokens` does, once per
        distinct token) and for the assessment loop, which visits only tokens that can change
        its state. Texts whose tokens sentence segmentation or the sarcasm/emoticon regexes
        may change (rare) are re-scored one by one with `score_one`.
        """
        n = len(texts)
        if not n:
            return [], []
        enc = self._batch_bytes(texts)
        if enc is None:
            pairs = list(map(self.score_one, texts))
            return [p for p, _ in pairs], [s for _, s in pairs]
        data, sep, slow = enc
        ids = self._word_ids()
        keys, index, table, proto, sep_id, pair_codes, first_pieces, special, roles, clean_faces, plain = ids
        b = np.frombuffer(data + b" ", np.uint8)
        word = word_bytes(b, sep)
        edges = np.diff(word.view(np.int8), prepend=np.int8(0))
        starts = np.flatnonzero(edges == 1)
        ends = np.flatnonzero(edges == -1)
        ntok = len(starts)
        lens = ends - starts
        off = np.zeros(ntok + 1, dtype=np.int64)
        np.cumsum(lens, out=off[1:])
        tokdata = token_bytes(data, sep)
        begin, end = off[:-1], off[1:]
        # Split punctuation off tokens as find_tokens does, in bulk: each leading character of
        # the punctuation set, the core, each trailing one. Left to Python (`_split_token`):
        # tokens with non-ASCII characters (str.lower() semantics) and those whose trailing
        # run holds a period other than a single final one (ellipsis/abbreviation loop).
        nb = len(tokdata)
        n_lead = _runs(self._lead_bytes, tokdata, begin, end, 1)
        n_back = _runs(self._trail_bytes, tokdata, end - 1, begin - 1, -1)  # within the token
        core_end = np.maximum(end - n_back, begin + n_lead)
        n_trail = end - core_end
        # Non-ASCII bytes and periods are rare: locate them and count per token.
        high_at = np.flatnonzero(tokdata >= 0x80)
        has_high = np.zeros(ntok, dtype=bool)
        has_high[np.searchsorted(off, high_at, side="right") - 1] = True
        dot_at = np.flatnonzero(tokdata == 46)
        dot_tok = np.searchsorted(off, dot_at, side="right") - 1
        n_dots = np.bincount(dot_tok[dot_at >= core_end[dot_tok]], minlength=ntok)  # in the trailing run
        one_dot = (n_trail == 1) & (n_dots == 1)
        py = has_high | ((n_dots > 0) & ~one_dot)
        # "word." keeps its period when find_tokens takes it for an abbreviation.
        abbr = np.zeros(ntok, dtype=bool)
        cand = np.flatnonzero(one_dot & ~py)
        if len(cand):
            # the words are every other value of the bytes cut at their bounds (the others: what lies between)
            bounds = np.zeros(2 * len(cand) + 1, dtype=np.int64)
            bounds[1::2], bounds[2::2] = begin[cand] + n_lead[cand], end[cand]
            spans = pa.LargeStringArray.from_buffers(2 * len(cand), pa.py_buffer(bounds), pa.py_buffer(tokdata))
            words = spans.take(pa.array(np.arange(1, 2 * len(cand), 2)))
            hit = pc.or_(
                pc.is_in(words, value_set=self._abbr_values), pc.match_substring_regex(words, self._abbr_regex)
            )
            abbr[cand[hit.to_numpy(zero_copy_only=False)]] = True
        # Piece starts: every token start; for bulk tokens also each byte after a leading
        # punctuation byte (up to the core), and each trailing punctuation byte.
        cut = np.zeros(nb + 1, dtype=bool)
        cut[begin] = True
        bulk = ~py
        nl = np.where(bulk, n_lead, 0)
        nt = np.where(bulk & ~abbr, n_trail, 0)
        for starts_at, count in ((begin + 1, nl), (core_end, nt)):
            sel = np.flatnonzero(count)
            if len(sel):
                c = count[sel]
                within = np.arange(int(c.sum())) - np.repeat(np.cumsum(c) - c, c)
                cut[np.repeat(starts_at[sel], c) + within] = True
        cut[nb] = False
        pstart = np.flatnonzero(cut)
        npieces = len(pstart)
        poff = np.append(pstart, nb)
        plen = np.diff(poff)
        pieces = pa.LargeStringArray.from_buffers(npieces, pa.py_buffer(poff), pa.py_buffer(tokdata))
        ids = pc.fill_null(pc.index_in(pc.ascii_lower(pieces), value_set=keys), -1).to_numpy(zero_copy_only=False)
        ids = np.where(ids >= 0, ids, proto + 2 * (plen > 1) + (plen > 2))
        lastc = tokdata[poff[1:] - 1].astype(np.int64)
        lastc = np.where((lastc >= 65) & (lastc <= 90), lastc + 32, lastc)
        # Pieces per token: 1, + one per leading byte, + one per trailing byte, less the cuts
        # that fall on the token's end or twice on an empty core.
        core = begin + nl
        tok_np = 1 + nl + nt - ((nl > 0) & (core == end)) - ((nt > 0) & (core_end == core))
        if int(tok_np.sum()) != npieces:  # cannot happen; keep the batch right if it does
            tok_np = np.diff(np.append(np.cumsum(cut)[begin] - 1, npieces))
        tok_piece = np.cumsum(tok_np) - tok_np  # first piece of each token
        cx = np.flatnonzero(py)
        if len(cx):
            cx_piece = tok_piece[cx]
            cache = self._part_cache
            part = self._part_ids
            got = [
                cache.get(r) or cache.setdefault(r, part(r, index, proto))
                for r in pieces.take(pa.array(cx_piece)).to_pylist()
            ]
            sizes = np.fromiter(map(len, map(_FIRST, got)), np.int64, len(got))
            counts = np.ones(npieces, dtype=np.int64)
            counts[cx_piece] = sizes
            at = np.cumsum(counts) - counts
            flat = np.empty(int(at[-1] + counts[-1]), dtype=np.int64)
            flat_last = np.empty(len(flat), dtype=np.int64)
            simple = np.ones(npieces, dtype=bool)
            simple[cx_piece] = False
            flat[at[simple]] = ids[simple]
            flat_last[at[simple]] = lastc[simple]
            within = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
            where = np.repeat(at[cx_piece], sizes) + within
            flat[where] = np.fromiter(chain.from_iterable(map(_FIRST, got)), np.int64)
            flat_last[where] = np.fromiter(chain.from_iterable(map(_SECOND, got)), np.int64)
        else:
            flat, flat_last = ids, lastc
            at = np.arange(npieces)
        # Raw tokens that are a face the emoticon regex would rebuild from their pieces.
        sel = np.flatnonzero(bulk & (tok_np > 1) & (end - begin <= 5))
        face_tok = np.zeros(0, dtype=np.int64)
        if len(sel):
            toks = pa.LargeStringArray.from_buffers(ntok, pa.py_buffer(off), pa.py_buffer(tokdata))
            cand_faces = toks.take(pa.array(sel))
            face_tok = sel[pc.is_in(cand_faces, value_set=clean_faces).to_numpy(zero_copy_only=False)]
        if len(face_tok):
            face_ids = pc.index_in(pc.ascii_lower(toks.take(pa.array(face_tok))), value_set=keys)
            face_ids = face_ids.to_numpy(zero_copy_only=False).astype(np.int64)
            face_at = at[tok_piece[face_tok]]
            face_len = tok_np[face_tok]
        # A separator word ends each text (the loop closes a text on it).
        tid_tok = np.repeat(
            np.arange(n), np.diff(np.searchsorted(starts, np.flatnonzero(b == sep)), prepend=0, append=ntok)
        )
        tid_piece = np.repeat(tid_tok, np.diff(np.append(tok_piece, npieces)))
        tid_flat = np.repeat(tid_piece, counts) if len(cx) else tid_piece
        ends_at = np.searchsorted(tid_flat, np.arange(1, n + 1))
        flat = np.insert(flat, ends_at, sep_id)
        flat_last = np.insert(flat_last, ends_at, 0)[:-1]
        is_sep = flat == sep_id
        tid = np.cumsum(is_sep) - is_sep
        # Texts the fast path may get wrong: a literal END-OF-SENTENCE, "( !" (sarcasm) or a face spread
        # over several tokens.
        nxt = flat[1:]
        odd = (flat == special["end-of-sentence"])[:-1]
        odd |= (flat[:-1] == special["("]) & (nxt == special["!"])
        fire = np.zeros(len(odd), dtype=bool)
        # codes only at tokens a face's first piece follows (np.isin over every token: 20 ms a 50,000-post slice)
        at_piece = np.flatnonzero(first_pieces[flat[1:]])
        code = flat_last[at_piece]
        for m in range(1, max(pair_codes) + 1):
            inside = at_piece + m < len(flat)
            at_piece, code = at_piece[inside], code[inside] * len(table) + flat[at_piece[inside] + m]
            if m in pair_codes:
                fire[at_piece[np.isin(code, pair_codes[m])]] = True
        if len(face_tok):
            # A face token's own pieces may start a match (the one the regex makes); anything
            # else that could start one sends the text the exact way.
            face_at = face_at + np.searchsorted(ends_at, face_at, side="right")
            inner = np.repeat(face_at, face_len - 1) + (
                np.arange(int((face_len - 1).sum())) - np.repeat(np.cumsum(face_len - 1) - (face_len - 1), face_len - 1)
            )
            fire[inner] = False
            # Merge: the face's id on its first piece, the other pieces dropped.
            flat[face_at] = face_ids
            drop = np.ones(len(flat), dtype=bool)
            drop[inner + 1] = False
            odd |= fire
            redo = set(tid[:-1][odd].tolist())
            flat, tid = flat[drop], tid[drop]
        else:
            odd |= fire
            redo = set(tid[:-1][odd].tolist())
        redo.update(slow)
        # Texts of plain words only (lexicon words that are neither modifiers nor negations, and
        # unknown words): their scores are the means of their words' values, summed in order by
        # bincount as the loop sums them (two texts in three: 17 ms less a 50,000-post slice). The
        # loop gets the other texts.
        plain_weight, polarity, subjectivity = plain
        weight = plain_weight[flat]
        other = np.bincount(tid[weight < 0], minlength=n) > 0
        mine = weight > 0
        count = np.bincount(tid[mine], minlength=n)
        pol = np.bincount(tid[mine], polarity[flat[mine]], minlength=n) / np.maximum(count, 1)
        sub = np.bincount(tid[mine], subjectivity[flat[mine]], minlength=n) / np.maximum(count, 1)
        if other.any():
            flat = flat[other[tid]]
            # The loop needs a plain unknown word only while a modifier or negation may be
            # pending: after a word that can set one and before any word that clears both.
            role = roles[flat]
            idx = np.arange(len(flat))
            last_set = np.maximum.accumulate(np.where(role == _SETS, idx, -1))
            last_clear = np.maximum.accumulate(np.where(role == _CLEARS, idx, -1))
            keep = (flat < proto) | (flat == sep_id)
            keep[1:] |= last_set[:-1] > last_clear[:-1]
            infos = list(map(table.__getitem__, flat[keep].tolist()))
            texts_other = np.flatnonzero(other)
            pol[texts_other], sub[texts_other] = _assess(infos, len(texts_other))
        for t in redo:
            pol[t], sub[t] = self.score_one(texts[t])
        return pol, sub


def _plain_tables(table: list[tuple], roles: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per word id: weight 1 for a plain lexicon word (the loop appends its values and nothing else),
    0 for a word the loop skips when nothing is pending, -1 for any other; polarity, subjectivity."""
    weight = np.full(len(table), -1, dtype=np.int8)
    polarity, subjectivity = np.zeros(len(table)), np.zeros(len(table))
    for i, info in enumerate(table):
        if info[0] == 2 and roles[i] == _CLEARS:
            weight[i] = 1
            polarity[i], subjectivity[i] = info[2], info[3]
        elif info[0] in (0, 3):
            weight[i] = 0
    return weight, polarity, subjectivity


def _assess(infos: list[tuple], n: int) -> tuple[list[float], list[float]]:
    """TextBlob's assessment loop (modifiers, negations, `!`, emoticons) and averaging over a stream of
    word infos in which a kind-3 info ends each of the `n` texts: (polarity, subjectivity) lists."""
    pol = [0.0] * n
    sub = [0.0] * n
    t = 0
    a: list[list] = []
    m = None
    n_ = None
    for info in infos:
        kind = info[0]
        if kind == 0 and m is None and n_ is None:
            continue
        if kind == 3:  # end of text t
            if a:
                ps = 0
                ss = 0
                for p, s, _i, neg in a:
                    ps += p * -0.5 if neg < 0 else p
                    ss += s
                k = float(len(a))
                pol[t] = ps / k
                sub[t] = ss / k
                a = []
            m = None
            n_ = None
            t += 1
            continue
        if kind == 2:
            _, w, p, s, i, is_rb = info
            if m is None:
                a.append([p, s, i, 1])
            else:
                last = a[-1]
                li = last[2]
                last[0] = max(-1.0, min(p * li, +1.0))
                last[1] = max(-1.0, min(s * li, +1.0))
                last[2] = i
            if n_ is not None:
                last = a[-1]
                last[2] = 1.0 / last[2]
                last[3] = -1
            m = w if is_rb else None
            n_ = w if w in _NEGATIONS else None
        else:
            _, w, is_neg, strip1, len2, emo = info
            if is_neg:
                n_ = w
            elif n_ is not None and strip1:
                n_ = None
            if n_ is not None and m is not None and m.endswith("ly"):
                a[-1][3] = -1
                n_ = None
            elif m is not None and len2:
                m = None
            if w == "!":
                if a:
                    last = a[-1]
                    last[0] = max(-1.0, min(last[0] * 1.25, +1.0))
            elif w == "(!)":
                a.append([0.0, 1.0, 1.0, 1])
            if emo is not None:
                a.append([emo, 1.0, 1.0, 1])
    return pol, sub
