"""Function words of each language, one list a file (`en.txt`, `es.txt`, ...): the emerging terms leave them out of
posts' terms (`report.emerging`), and language detection knows another language's by them (`enrich.language`: "é ok"
is no English post's loanword). Here, not in either, so that neither imports the other."""

from __future__ import annotations

from functools import cache
from importlib import resources

#: the languages with a list besides English
LANGUAGES = ("de", "es", "fr", "it", "nl", "pt")


def _words(code: str) -> frozenset[str]:
    text = resources.files(__name__).joinpath(f"{code}.txt").read_text("utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


@cache
def english() -> frozenset[str]:
    """The English stopwords, left out of every post's terms."""
    return _words("en")


@cache
def by_language() -> frozenset[str]:
    """Other languages' function words, as `LANG word` (`es del`), left out of the terms of posts in LANG."""
    return frozenset(f"{code} {w}" for code in LANGUAGES for w in _words(code))


@cache
def foreign() -> frozenset[str]:
    """Every other language's function words, whichever language's ("del", "très", "não")."""
    return frozenset(w for code in LANGUAGES for w in _words(code))
