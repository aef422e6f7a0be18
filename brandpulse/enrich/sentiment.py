"""Sentiment analyzers behind one small interface, chosen by name with `--sentiment NAME`.

An analyzer takes a list of *unique* texts and returns polarity (-1..1) and
subjectivity (0..1, NaN when the analyzer has none). `score_sentiment` factorizes
the text column first, so identical texts (retweets, copy-paste campaigns) are
scored once.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable
from pathlib import Path, PureWindowsPath
from typing import Protocol

import numpy as np
import pandas as pd

from ..errors import ConfigError
from ..schema import check_frame, language_code, strings_at
from .text import code_free, without_code


class Analyzer(Protocol):
    name: str  # (and, if it has one, `version`: what its scores depend on beyond its name, `produced_by`)

    def score(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Return (polarity, subjectivity) arrays aligned with `texts`: -1..1 and 0..1, NaN where it does not score
        (`scored` checks them)."""


def takes_texts(score):
    """An analyzer's `score`, checked for a list of texts: a bare str was scored a character at a time (a str is
    iterable: 8 scores for "one text"), and a None or NaN among them failed deep inside the analyzer ("'NoneType'
    object has no attribute 'isascii'"). One scan of the types, 1.6 ms for 100,000 texts."""

    @functools.wraps(score)
    def checked(self, texts, *args, **kwargs):
        if isinstance(texts, str) or not hasattr(texts, "__len__"):
            hint = ": wrap it as [text]" if isinstance(texts, str) else ""
            raise TypeError(f"score() takes a list of texts; got a {type(texts).__name__}{hint}")
        if not set(map(type, texts)) <= {str}:
            at, bad = next(((i, t) for i, t in enumerate(texts) if not isinstance(t, str)), (None, None))
            if at is not None:  # (a str's subclass, numpy's str_, is one)
                raise TypeError(
                    f"score() takes a list of texts; the one at position {at} is {bad!r} ({type(bad).__name__}), "
                    "not a str: drop or fill the missing texts first (e.g. series.fillna(''))"
                )
        return score(self, texts, *args, **kwargs)

    return checked


class TextBlobReferenceAnalyzer:
    """TextBlob's default PatternAnalyzer called per text: the slow reference for `textblob`."""

    name = "textblob-reference"

    @property
    def version(self) -> str:
        return _package_version("textblob")

    @takes_texts
    def score(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        from textblob import TextBlob

        pol = np.empty(len(texts))
        sub = np.empty(len(texts))
        for i, text in enumerate(texts):
            s = TextBlob(text).sentiment
            pol[i], sub[i] = s.polarity, s.subjectivity
        return pol, sub


class VaderReferenceAnalyzer:
    """vaderSentiment's compound score called per text: the slow reference for `vader`."""

    name = "vader-reference"

    @property
    def version(self) -> str:
        return _package_version("vaderSentiment")

    @takes_texts
    def score(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        sia = SentimentIntensityAnalyzer()
        pol = np.fromiter((sia.polarity_scores(t)["compound"] for t in texts), float, len(texts))
        return pol, np.full(len(texts), np.nan)


class TextBlobAnalyzer:
    """TextBlob polarity/subjectivity, same numbers as the reference, >10x faster (fast_textblob)."""

    name = "textblob"

    @property
    def version(self) -> str:
        return _package_version("textblob")

    def __init__(self) -> None:
        from .fast_textblob import FastTextBlob

        self._impl = FastTextBlob()

    @takes_texts
    def score(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        return self._impl.score(texts)


class VaderAnalyzer:
    """VADER compound score, same numbers as the reference, >10x faster (fast_vader); no subjectivity."""

    name = "vader"

    @property
    def version(self) -> str:
        return _package_version("vaderSentiment")

    def __init__(self) -> None:
        from .fast_vader import FastVader

        self._impl = FastVader()

    @takes_texts
    def score(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        return self._impl.score(texts)


def _package_version(package: str) -> str:
    """`package` and its installed version ("vaderSentiment 3.3.2"): the lexicon its scores come from."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{package} {version(package)}"
    except PackageNotFoundError:
        return package


def produced_by(analyzer: Analyzer | None = None) -> dict[str, str]:
    """What made an output, as brandpulse writes it beside the rows (Parquet's `brandpulse.*` metadata, the report's
    JSON `brandpulse`, the store's `meta`): `version`, this brandpulse's, and with `analyzer`, `sentiment`, its name and
    what its scores depend on, "cx (cx lexicon 1.28)", "vader (vaderSentiment 3.3.2)", "model:m.bp (created ...)":
    scores of two nights differ when these do."""
    from .. import __version__

    out = {"version": __version__}
    if analyzer is not None:
        name = str(getattr(analyzer, "name", None) or type(analyzer).__name__)
        kind, sep, path = name.partition(":")
        if sep and kind in ("model", "cx"):  # the file, not its folders ("model:/home/alice/clients/acme/m.bp"): users
            name = f"{kind}:{PureWindowsPath(path).name}"  # share the outputs (a model's checksum tells it apart)
        version = getattr(analyzer, "version", None)
        out["sentiment"] = f"{name} ({version})" if version else name
    return out


#: name -> factory. Other analyzers register here.
ANALYZERS: dict[str, Callable[[], Analyzer]] = {
    "textblob": TextBlobAnalyzer,
    "vader": VaderAnalyzer,
    "textblob-reference": TextBlobReferenceAnalyzer,
    "vader-reference": VaderReferenceAnalyzer,
}


@functools.cache
def _cx() -> Analyzer:
    """One per process: its patterns take 0.2 s to build, and an `analyze` of a frame asked for it twice (its posts,
    then each brand's clauses); what it caches is bounded, and its only state after it is made, a token cache, is
    safe to share between threads (`FastVader._infos`). `cx:FILE` and `cx-reference` are made at each call."""
    from .cx import CxAnalyzer

    return CxAnalyzer()


def _cx_reference() -> Analyzer:
    from .cx import CxAnalyzer

    return CxAnalyzer(reference=True)


ANALYZERS["cx"] = _cx
ANALYZERS["cx-reference"] = _cx_reference


def get_analyzer(name: str) -> Analyzer:
    """An analyzer by name; `model:PATH` opens a model made by `brandpulse train`, `cx:PATH` is cx with
    your own words laid over its lexicon."""
    kind, sep, path = name.partition(":")
    if sep and kind in ("model", "cx") and not path.strip():  # it said ".: no such model file"
        raise ConfigError(f"sentiment analyzer {name!r} names no file: give {kind}:FILE")
    if name.startswith("model:"):
        from ..model import load_model

        return load_model(Path(path).expanduser())  # (`~` too: no shell expands `--sentiment model:~/m.bp`)
    if name.startswith("cx:"):
        from .cx import CxAnalyzer, extend_lexicon

        analyzer = CxAnalyzer(extend_lexicon(Path(path).expanduser()))
        analyzer.name = name
        return analyzer
    try:
        return ANALYZERS[name]()
    except KeyError:
        known = ", ".join(sorted(ANALYZERS))
        folded = {n.casefold(): n for n in ANALYZERS}  # ('Vader', 'VADER', 'vadr': 'vader')
        close = folded.get(name.casefold()) or next(iter(difflib.get_close_matches(name, ANALYZERS, n=1)), None)
        hint = f", did you mean {close!r}?" if close else ""
        raise ConfigError(
            f"unknown sentiment analyzer {name!r}{hint} (known: {known}, cx:LEXICON.toml, model:FILE)"
        ) from None


def label(polarity: pd.Series, positive: float = 0.05, negative: float = -0.05) -> pd.Series:
    """positive / neutral / negative from polarity; empty where polarity is missing."""
    p = polarity.to_numpy(dtype=float, na_value=np.nan)
    codes = np.where(np.isnan(p), -1, np.where(p > positive, 0, np.where(p < negative, 2, 1)))
    return strings_at(["positive", "neutral", "negative"], codes, polarity.index)


#: analyzers that only understand English (an analyzer may also say what it reads with `languages = ("en",)`)
ENGLISH_ONLY = {"textblob", "vader", "textblob-reference", "vader-reference"}


def analyzer_languages(analyzer: Analyzer) -> tuple[str, ...] | None:
    """The languages an analyzer reads, as codes (None: every one): its `languages` (a trained model's are those of
    its training posts), English for the English-only ones."""
    langs = getattr(analyzer, "languages", None)
    if langs is not None:
        return tuple(langs)
    return ("en",) if getattr(analyzer, "name", None) in ENGLISH_ONLY else None  # (one's own may have no name)


def check_analyzer(analyzer: object, who: str) -> None:
    """`sentiment` as a library call (`who`) is given it: a name (whose errors are `get_analyzer`'s), or an object
    with a `score` method (an int was an AttributeError deep in scoring: "'int' object has no attribute 'name'")."""
    if analyzer is not None and not isinstance(analyzer, str) and not callable(getattr(analyzer, "score", None)):
        # (a function of one's own: as the score of an object, which the error names)
        fix = ": wrap a function f as types.SimpleNamespace(name='mine', score=f)" if callable(analyzer) else ""
        raise TypeError(
            f"{who}() takes sentiment as an analyzer's name ('vader', 'model:PATH') or an analyzer with a score "
            f"method, not {type(analyzer).__name__}{fix}"
        )


def scored(analyzer: Analyzer, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """`analyzer.score(texts)`, checked: one's own analyzer whose `score` gave lists, too few scores or one array
    failed further on in numpy's words ("only integer scalar arrays can be converted to a scalar index", "zip()
    argument 2 is shorter than argument 1", "too many indices for array"), and a score of 5, inf or "0.5" was taken
    as it was (a post "positive" at 5.0, brands' scores past 1). NaN is a text it does not score, as the built-in
    analyzers leave a post in a language they do not read: no score, no label."""
    got = analyzer.score(texts)
    shape = (len(texts),)
    who = f"{type(getattr(analyzer, 'inner', analyzer)).__name__}.score(texts)"
    if not (
        isinstance(got, tuple) and len(got) == 2 and all(isinstance(a, np.ndarray) and a.shape == shape for a in got)
    ):
        each = [f"{type(a).__name__} {np.shape(a)}" for a in got] if isinstance(got, tuple) else []
        said = f"({', '.join(each)})" if each else f"one {type(got).__name__}"
        raise TypeError(
            f"{who} gave {said} for {len(texts)} texts: it must return (polarity, subjectivity), two numpy arrays of "
            "one number per text (subjectivity NaN where it has none)"
        )
    for what, values, low in zip(("polarity", "subjectivity"), got, (-1, 0), strict=True):
        if values.dtype.kind not in "fiu":  # (strings, None, True: the first one that is no number named)
            items = values.tolist()
            at = next((i for i, v in enumerate(items) if not _number(v)), None)
            if at is None:
                raise TypeError(
                    f"{who} gave {what} as an array of {values.dtype}: make it floats, np.asarray(x, float)"
                )
            raise TypeError(
                f"{who} gave {what} {items[at]!r} ({type(items[at]).__name__}) at position {at}, for "
                f"{_shown(texts[at])}: {what} must be numbers (NaN for a text it does not score)"
            )
        outside = np.flatnonzero((values < low) | (values > 1))  # (inf too; NaN is neither)
        if len(outside):
            at = outside[0]
            more = f" (and {len(outside) - 1} more)" if len(outside) > 1 else ""
            raise ValueError(
                f"{who} gave {what} {values[at].item()!r} at position {at}, for {_shown(texts[at])}{more}: "
                f"{what} must be from {low} to 1, NaN for a text it does not score"
            )
    return got


def _number(value: object) -> bool:
    return isinstance(value, int | float | np.number) and not isinstance(value, bool | np.bool_)


def _shown(text: str) -> str:
    """A text as an error names it: the start of a long one."""
    return repr(text if len(text) <= 60 else text[:57] + "...")


def not_read(df: pd.DataFrame, languages: tuple[str, ...] | None) -> pd.Series:
    """True where `lang` is known and not one of `languages`, matched as a language with any region (`pt-BR`,
    `pt_BR` and `por` are Portuguese; Estonian's `est` is not Spanish): an analyzer leaves these unscored. A post of
    no known language is read by every analyzer."""
    if "lang" not in df or languages is None:
        return pd.Series(False, index=df.index)
    reads = {_language(code) for code in languages}
    codes, names = pd.factorize(df["lang"])  # (a few codes, each looked at once)
    skip = [_language(name) not in reads and str(name).strip() != "" for name in names.tolist()]
    return pd.Series(np.array(skip + [False])[codes], index=df.index)  # (code -1, no language: the last, read)


def _language(code: str) -> str:
    """A `lang` code's language, without its region: `pt-BR` and `por` are `pt`."""
    return language_code(str(code).strip().lower()).split("-")[0]


def languages_said(languages: tuple[str, ...] | None) -> str:
    """Why a post was skipped, for messages: "not English", or "not in the analyzer's languages: es, pt"."""
    if languages is None or tuple(languages) == ("en",):
        return "not English"
    return f"not in the analyzer's languages: {', '.join(languages)}"


def skipped_languages(df: pd.DataFrame, languages: tuple[str, ...] | None = ("en",)) -> pd.Series:
    """Posts left unscored because of their language (not one of the analyzer's `languages`), counted per language."""
    unscored = df["sentiment"].isna() & not_read(df, languages)
    return df.loc[unscored, "lang"].value_counts()


def score_sentiment(
    df: pd.DataFrame,
    analyzer: Analyzer | str = "cx",
    positive: float = 0.05,
    negative: float = -0.05,
) -> pd.DataFrame:
    """Add `sentiment`, `subjectivity` and `sentiment_label`, scoring each distinct text once.

    An analyzer leaves posts in languages it does not read (`analyzer_languages`: English for most) empty (NaN,
    no label) rather than calling them neutral; so does every analyzer for an empty text (which the file readers
    reject)."""
    check_frame(
        df,
        "score_sentiment",
        takes="a DataFrame with a 'text' column (a list of texts: get_analyzer(name).score(texts))",
    )
    if isinstance(analyzer, str):
        analyzer = get_analyzer(analyzer)
    skip = not_read(df, analyzer_languages(analyzer)).to_numpy()
    texts = df["text"]
    codes, uniques = pd.factorize(texts.fillna("")[~skip])
    # (pasted code, traces and log lines are read by no analyzer: `without_code`, of the chunk's column once, which
    # intent and topics reuse; a text at a time it was 30 ms of a 100,000-post chunk)
    plain = code_free(texts)
    if plain is not texts:  # (some text held code: each distinct text as one of its copies reads)
        some = np.empty(len(uniques), dtype=np.int64)
        some[codes] = np.arange(len(codes))
        read = plain.fillna("")[~skip].iloc[some].tolist()
    else:
        read = uniques.tolist()  # tolist(): 3x faster than iterating
    pol, sub = scored(analyzer, [t if isinstance(t, str) else without_code(str(t)) for t in read])
    blank = np.flatnonzero(np.asarray(uniques.astype("string[pyarrow]").str.strip() == ""))  # (Arrow: 1 ms)
    if len(blank):
        pol, sub = np.array(pol, float), np.array(sub, float)
        pol[blank] = sub[blank] = np.nan
    out = df.copy()
    for col, values in (("sentiment", pol), ("subjectivity", sub)):
        full = np.full(len(df), np.nan)
        full[~skip] = values[codes] if len(codes) else np.array([], float)
        out[col] = full
    out["sentiment_label"] = label(out["sentiment"], positive, negative)
    return out
