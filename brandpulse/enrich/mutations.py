"""Welsh initial mutations of brand names (`[brands.NAME] mutations = "cy"`).

A Welsh sentence changes a name's first consonant after many words: "Trafnidiaeth Cymru" is "i Drafnidiaeth Cymru"
(soft), "yn Nhrafnidiaeth Cymru" (nasal), "gyda Thrafnidiaeth Cymru" (aspirate). A post naming the brand in Welsh
so often writes none of its terms, and counted for no brand. Only a term's first word changes (the rest of a name
does not after the words that mutate it), and only a plain word: not "TrC", an @handle or a #hashtag.
"""

from __future__ import annotations

import functools
import os
import re

LANGUAGES = ("cy",)
#: the consonants that mutate, digraphs first ("ll", "rh": soft only); a word starting "ch", "ph", "th", "dd", "ff" or
#: "ng" does not mutate
_MUTATIONS = (
    ("ll", ("l",)),
    ("rh", ("r",)),
    ("p", ("b", "mh", "ph")),
    ("t", ("d", "nh", "th")),
    ("c", ("g", "ngh", "ch")),
    ("b", ("f", "m")),
    ("d", ("dd", "n")),
    ("g", ("", "ng")),
    ("m", ("f",)),
)
_UNCHANGED = ("ch", "ph", "th", "dd", "ff", "ng")
#: a word of letters, hyphens and apostrophes within it ("Pen-y-bont": "ym Mhen-y-bont"; the class read `'’-` as
#: characters a word could not hold, and a hyphenated place got no forms)
_PLAIN = re.compile(r"[^\W\d_]+(['’-][^\W\d_]+)*", re.UNICODE)


@functools.cache
def _english() -> frozenset[str]:
    """English words (textblob's spelling list, 29,000 of them): a mutated form that is one names no brand in Welsh
    but reads as a word in every English post ("Gwe" to "We", "Go" to "O", "Tree" to "Three", "Cold" to "Gold")."""
    from .fast_textblob import _textblob_dir

    with open(os.path.join(_textblob_dir(), "en", "en-spelling.txt"), encoding="utf-8") as f:
        return frozenset(w.casefold() for line in f if not line.startswith(";") for w in line.split()[:1])


def welsh_forms(term: str) -> list[str]:
    """The mutated forms of `term` ("Trafnidiaeth Cymru": "Drafnidiaeth Cymru", "Nhrafnidiaeth Cymru", "Thrafnidiaeth
    Cymru"), none for a term whose first word is no plain word (an acronym such as "TrC" is not mutated in writing),
    and not those whose first word is an English word (`_english`). A prefix (`Caerdydd*`) mutates as its word."""
    first, _, rest = term.partition(" ")
    star = "*" if first.endswith("*") and not rest else ""
    first = first.removesuffix(star)
    if not _PLAIN.fullmatch(first) or not first[1:].islower() or len(first) < 2:
        return []
    low = first.lower()
    if low.startswith(_UNCHANGED):
        return []
    for onset, into in _MUTATIONS:
        if low.startswith(onset):
            tail = first[len(onset) :]
            forms = []
            for start in into:
                word = start + tail
                if word.casefold() not in _english():
                    forms.append((word[:1].upper() + word[1:]) if first[0].isupper() else word)
            return [" ".join(filter(None, (f + star, rest))) for f in forms]
    return []


def mutated(terms: list[str], language: str) -> list[str]:
    """`terms` and, after them, their mutated forms in `language` (one of LANGUAGES) not among them already."""
    known = {t.casefold() for t in terms}
    forms = [f for t in terms for f in welsh_forms(t) if f.casefold() not in known]
    return terms + list(dict.fromkeys(forms))
