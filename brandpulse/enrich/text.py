"""Texts as the sentiment lexicons and the language detector read them (the posts keep their text as
written): styled letters as plain ones, sentences glued at their end ("great!Thanks") apart."""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pyarrow as pa

from ..schema import non_ascii_matches

#: styled letters and digits: full-width "ｇｒｅａｔ", circled "ⓖⓡⓔⓐⓣ", mathematical bold and italic "𝐠𝐫𝐞𝐚𝐭"
#: (not full-width punctuation, which Chinese and Japanese posts are full of)
_STYLED = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u24b6-\u24e9\U0001d400-\U0001d7ff]+")


def plain_letters(texts: list[str]) -> list[str]:
    """`texts` with styled letters written as the plain ones, accents and all else as they are: the
    lexicons and the language detector know only "great", so "𝐠𝐫𝐞𝐚𝐭" was neutral and of no language."""
    try:  # RE2 finds the texts with any over the batch (its non-ASCII texts), faster than a search per text
        styled = np.flatnonzero(non_ascii_matches(pa.array(texts, pa.large_string()), _STYLED.pattern)).tolist()
    except (pa.ArrowException, UnicodeError):  # lone surrogates
        styled = range(len(texts))
    out = list(texts)
    for i in styled:
        out[i] = _STYLED.sub(_nfkc, out[i])
    return out


def _nfkc(match: re.Match) -> str:
    return unicodedata.normalize("NFKC", match.group())


#: a sentence end with no space after it ("great!United was awful", "lost my bag.Never again"): the two
#: words read as one token, so "great" was unknown, and "Never" negated the sentence before
GLUED = re.compile(r"([a-z][.!?]+)(?=[A-Z][a-z])")
#: the same for RE2 (pyarrow), which has no lookahead: finds the texts to pass to `unglued`
GLUED_RE2 = "[a-z][.!?]+[A-Z][a-z]"


#: where GLUED may match, looked for first: a pattern that starts with the punctuation is 5x faster to scan
_GLUED_END = re.compile(r"[.!?](?=[A-Z][a-z])")


def unglued(text: str) -> str:
    """`text` with a space after each sentence end glued to the next sentence."""
    return GLUED.sub(r"\1 ", text) if _GLUED_END.search(text) else text
