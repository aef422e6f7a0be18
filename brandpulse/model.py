"""Sentiment models trained on your own labels: TF-IDF word + char n-grams (+ the cx score) and a
logistic regression (the optional extra `brandpulse[ml]`, scikit-learn).

A model file is a NumPy .npz archive of plain arrays (vocabularies, idf, coefficients) and a JSON
header with the format, its version, a summary of the training data and a SHA-256 checksum of the
header and the arrays. It is read with `allow_pickle=False`, so opening a file never runs code from it;
anything that is not a brandpulse model, or a damaged or edited one, is rejected with a clear error.
"""

from __future__ import annotations

import hashlib
import json
import math
import numbers
import os
import re
import warnings
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import numpy as np

from . import __version__
from .enrich.sentiment import takes_texts
from .enrich.text import plain_letters
from .errors import ConfigError, InputError, UsageError, option

FORMAT = "brandpulse-sentiment-model"
#: the newest format this reads. 2: a model of other languages than English (`languages`), which brandpulse before it
#: read as English, scoring English posts with a Spanish model: it now refuses it ("made by a newer brandpulse")
FORMAT_VERSION = 2
CLASSES = ("negative", "neutral", "positive")
WORD = {"analyzer": "word", "ngram_range": (1, 2), "min_df": 2, "lowercase": True, "token_pattern": r"(?u)[#@]?\b\w+\b"}
CHAR = {"analyzer": "char_wb", "ngram_range": (2, 5), "min_df": 2, "lowercase": True}
ARRAYS = ("word_vocab", "word_idf", "char_vocab", "char_idf", "coef", "intercept")


def _sklearn():
    try:
        import sklearn  # noqa: F401
    except ImportError:
        raise ConfigError("trained models need scikit-learn: pip install 'brandpulse[ml]'") from None


@lru_cache(maxsize=1)
def _cx_lexicon_version() -> str:
    from .enrich.cx import load_lexicon

    return load_lexicon().version


def _cx_features(texts: list[str]) -> np.ndarray:
    """The process's one cx analyzer: a new one per call (per fit, per fold, per scoring) built its patterns again
    and started with an empty token cache; test_model.py took 39 s of CPU, 26 s now."""
    from .enrich.sentiment import get_analyzer

    pol = get_analyzer("cx").score(texts)[0]
    return np.c_[pol, pol > 0.05, pol < -0.05].astype(float)


class SentimentModel:
    """A trained model; used as the analyzer `model:PATH`."""

    names_neutral = False  # its n-grams learnt the brands' names as its training posts had them (`brand_names`)

    def __init__(self, arrays: dict[str, np.ndarray], meta: dict):
        self.meta = meta
        self.name = meta.get("name", "model")
        self.use_cx = bool(meta.get("cx_features", False))
        self.classes = tuple(meta["classes"])
        self.arrays = arrays
        _sklearn()
        from sklearn.feature_extraction.text import CountVectorizer

        self._vectorizers = [
            (CountVectorizer(**{**WORD, "min_df": 1}, vocabulary=arrays["word_vocab"].tolist()), arrays["word_idf"]),
            (CountVectorizer(**{**CHAR, "min_df": 1}, vocabulary=arrays["char_vocab"].tolist()), arrays["char_idf"]),
        ]
        self.feature_names = arrays["word_vocab"].tolist() + arrays["char_vocab"].tolist()
        if self.use_cx:
            self.feature_names += ["[cx score]", "[cx positive]", "[cx negative]"]

    def __repr__(self) -> str:
        """What a notebook shows of `train`'s model (it was `<brandpulse.model.SentimentModel object at 0x...>`)."""
        made = self.meta.get("training", {})
        labels = ", ".join(f"{k} {v:,}" for k, v in made.get("labels", {}).items())
        cv = made.get("cv")
        cv = f"; {cv['folds']}-fold CV accuracy {cv['accuracy']:.3f}, macro-F1 {cv['macro_f1']:.3f}" if cv else ""
        skipped = made.get("unknown_skipped")
        skipped = f"; {sum(skipped.values()):,} with unknown labels skipped" if skipped else ""
        reads = ", ".join(self.languages)
        return f"<{self.name}: {made.get('posts', '?')} posts ({labels}){skipped}{cv}; reads {reads}>"

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages of its training posts (`training_languages`); posts in others are left unscored. A model
        made before they were recorded was trained on English posts."""
        return tuple(self.meta.get("languages", ["en"]))

    @property
    def settings(self) -> dict:
        """The options it was trained with, as `fit` and `cross_validate` take them (a model of `params` or cx
        features `_header_problem` refuses is not loaded)."""
        return {"c": self.meta.get("params", {}).get("C", 1.0), "cx_features": self.use_cx, "languages": self.languages}

    @property
    def version(self) -> str:
        """What its scores depend on (`sentiment.produced_by`): when it was trained, its checksum, and the cx lexicon
        behind its cx features (of this brandpulse: the `warning` says when it is not the one it was trained with)."""
        made = [f"created {self.meta['created']}" if "created" in self.meta else "created ?"]
        if "checksum" in self.meta:
            made.append(self.meta["checksum"][: len("sha256:") + 12])
        if self.use_cx:
            made.append(f"cx lexicon {_cx_lexicon_version()}")
        return ", ".join(made)

    @property
    def warning(self) -> str | None:
        """Set when the cx lexicon behind the model's cx features is not the one it was trained with."""
        trained, now = self.meta.get("cx_lexicon", "before 1.2 (not recorded)"), _cx_lexicon_version()
        if not self.use_cx or trained == now:
            return None
        return (
            f"{self.name} was trained with cx lexicon {trained}, this brandpulse has {now}: "
            "retrain it to keep its measured accuracy"
        )

    def features(self, texts: list[str]):
        """Sublinear TF-IDF, l2-normalised per vectorizer (as scikit-learn's TfidfVectorizer), then cx."""
        import scipy.sparse as sp
        from sklearn.preprocessing import normalize

        blocks = []
        plain = plain_letters(texts)  # ("𝐠𝐫𝐞𝐚𝐭" is the n-grams of "great")
        for vec, idf in self._vectorizers:
            counts = vec.transform(plain).astype(float)
            counts.data = 1.0 + np.log(counts.data)
            blocks.append(normalize(counts @ sp.diags(idf)))
        if self.use_cx:
            blocks.append(sp.csr_matrix(_cx_features(texts)))
        return sp.hstack(blocks).tocsr()

    def proba(self, texts: list[str]) -> np.ndarray:
        z = self.features(texts) @ self.arrays["coef"].T + self.arrays["intercept"]
        z = np.asarray(z) - np.max(z, axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    @takes_texts
    def score(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Polarity whose ±0.05 labels equal the most probable class: P(pos) - P(neg), placed in the
        neutral band when neutral wins and outside it otherwise."""
        if not texts:
            return np.array([], float), np.array([], float)
        p = self.proba(texts)
        neg, neu, pos = (p[:, self.classes.index(c)] for c in CLASSES)
        diff = pos - neg
        best = np.argmax(np.c_[neg, neu, pos], axis=1)
        pol = np.where(best == 1, diff * 0.049, np.sign(diff) * (0.05 + 0.95 * np.abs(diff)))
        return pol, np.full(len(texts), np.nan)

    def explain(self, texts: list[str], top: int = 4) -> list[str]:
        """The n-grams that pushed each post most towards its predicted class."""
        x = self.features(texts)
        p = self.proba(texts)
        coef = self.arrays["coef"]
        out = []
        for i in range(len(texts)):
            k = int(np.argmax(p[i]))
            row = x.getrow(i)
            contrib = row.data * coef[k, row.indices]
            order = np.argsort(-contrib)[:top]
            parts = [f"{self.feature_names[row.indices[j]]!r} {contrib[j]:+.2f}" for j in order if contrib[j] > 0]
            out.append(f"{self.classes[k]} p={p[i, k]:.2f}: " + ("; ".join(parts) or "prior"))
        return out

    def save(self, path: str | Path) -> None:
        from .output.writers import atomic_open

        meta = {k: v for k, v in self.meta.items() if k != "checksum"}
        meta["checksum"] = checksum(meta, self.arrays)
        with atomic_open(path) as fh:
            np.savez_compressed(fh, meta=np.array(json.dumps(meta)), **self.arrays)


def checksum(meta: dict, arrays: dict[str, np.ndarray]) -> str:
    """SHA-256 of the header (without its checksum, as canonical JSON) and of the arrays' values and shapes:
    it finds damage and hand edits (anyone can recompute it: it is not a signature)."""
    h = hashlib.sha256()
    header = {k: v for k, v in meta.items() if k != "checksum"}
    h.update(json.dumps(header, sort_keys=True, separators=(",", ":")).encode())
    for name in ARRAYS:
        a = np.asarray(arrays[name])
        h.update(f"\0{name}{list(a.shape)}\0".encode())
        if a.dtype.kind == "U":
            h.update(json.dumps(a.tolist()).encode())
        else:
            h.update(np.ascontiguousarray(a, dtype="<f8").tobytes())
    return "sha256:" + h.hexdigest()


def created() -> datetime:
    """When a model is made: now, or `$SOURCE_DATE_EPOCH` (seconds since 1970, UTC) when it is set, as reproducible
    builds set it: the time is in the header and its checksum, so the same data and options then give the same file,
    byte for byte, to check a model a study used by training it again."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.now(UTC)
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError, OSError):
        raise ConfigError(f"SOURCE_DATE_EPOCH {epoch[:40]!r} is not a time as whole seconds since 1970") from None


def fit(
    texts: list[str],
    labels: list[str],
    *,
    c: float = 1.0,
    cx_features: bool = True,
    source: str = "",
    cv: int = 5,
    languages: list[str] | tuple[str, ...] | None = None,
    langs: list | None = None,
    skipped: dict[str, int] | None = None,
) -> SentimentModel:
    """Train on labelled texts (labels negative / neutral / positive); the summary records k-fold CV scores.
    `texts` and `labels` may be any sequences of the same length (`df["text"]`); a missing text is empty.
    `languages`: the codes of the languages the texts are in, the only ones it then scores (None: those detected in
    them, `training_languages`); the CV scores, as `evaluate`'s, leave out the texts in others. `langs`: each text's
    language (None: detected, as `analyze` does, when the CV needs them). `skipped`: the unknown labels left out
    (`skip_unknown`) -> their posts, which the summary records."""
    # (a notebook's c=0 or cv=1.5 failed deep in sklearn, its message naming LogisticRegression's "C"; the CLI's
    # --c and --cv types refuse them)
    check_c(c)
    cv = folds(cv)
    _sklearn()
    made = created()  # (a bad $SOURCE_DATE_EPOCH before the training, not after it)
    import pandas as pd
    from sklearn.feature_extraction.text import TfidfVectorizer

    # (a Series was a ValueError "truth value ... is ambiguous", None a TypeError inside the scorer)
    texts = [t if isinstance(t, str) else "" if pd.isna(t) else str(t) for t in texts]
    labels = list(labels)
    if len(texts) != len(labels):
        raise InputError(f"{len(texts):,} texts but {len(labels):,} labels: give one label per text")
    if langs is None and (languages is None or cv > 1):
        langs = detected_languages(texts)
    if languages is None:
        languages = training_languages(langs)[0]
    languages = [str(code).lower() for code in languages]
    if not languages or not all(LANGUAGE_CODE.fullmatch(code) for code in languages):
        raise InputError(f"languages {languages!r}: give the training posts' languages as codes, e.g. ['es', 'pt']")
    check_labels(labels, cv)  # before the training, not after it
    cxf = _cx_features(texts) if cx_features else None
    try:
        arrays, coef, intercept = _fit_arrays(texts, labels, c, cxf, TfidfVectorizer)
    except _TooFewTerms as exc:
        raise InputError(
            f"too little training data: no {exc.kind} appears in 2 or more of the {exc.posts} posts; label more posts"
        ) from None
    cv_scores = None
    if cv > 1:
        cv_scores = cross_validate(
            texts, labels, k=cv, c=c, cx_features=cx_features, languages=languages, langs=langs, _cxf=cxf
        )
        if not cv_scores.n:  # (`languages=["es"]` of English texts: "CV accuracy nan" of 0 posts, saved as NaN)
            raise InputError(
                f"cv={cv}: none of the {len(texts):,} texts is in {', '.join(languages)}, the languages given, so the"
                " CV scores none: give the texts' languages, or cv=0"
            )
    meta = {
        "format": FORMAT,
        "format_version": 1 if languages == ["en"] else 2,  # (an English model: older brandpulse reads it right)
        "name": "model",
        "brandpulse": __version__,
        "created": made.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "classes": list(CLASSES),
        "languages": languages,
        "cx_features": cx_features,
        **({"cx_lexicon": _cx_lexicon_version()} if cx_features else {}),
        "params": {
            "C": c,
            "word": {**WORD, "ngram_range": list(WORD["ngram_range"])},
            "char": {**CHAR, "ngram_range": list(CHAR["ngram_range"])},
        },
        "training": {
            "source": Path(source).name if source else "",
            "sha256": hashlib.sha256("\n".join(texts).encode()).hexdigest(),
            "posts": len(texts),
            "labels": {c_: labels.count(c_) for c_ in CLASSES},
            **({"unknown_skipped": {str(k): int(v) for k, v in skipped.items()}} if skipped else {}),
            "features": len(arrays["word_vocab"]) + len(arrays["char_vocab"]) + (3 if cx_features else 0),
        },
    }
    if cv_scores is not None:
        meta["training"]["cv"] = {"folds": cv, "accuracy": cv_scores.accuracy, "macro_f1": cv_scores.macro_f1}
        if cv_scores.n < len(texts):  # (the posts in languages it does not read: left out, as `evaluate` leaves them)
            meta["training"]["cv"]["posts"] = cv_scores.n
    return SentimentModel({**arrays, "coef": coef, "intercept": intercept}, meta)


def train(
    posts,
    label_column: str = "label",
    *,
    label_map: dict[str, str] | None = None,
    threshold: float | None = None,
    skip_unknown: bool = False,
    cv: int = 5,
    c: float = 1.0,
    cx_features: bool = True,
    config=None,
) -> SentimentModel:
    """`brandpulse train` from Python: a model of a frame's labelled posts (`load(..., keep=["label"])`'s, or any
    frame with `text` and the label column), for `analyze(..., sentiment=model)` and `evaluate_sentiment`. Labels are
    read as `evaluate` reads them ("Pos", "neg ", "neutral.", -1/0/1; `label_map` for others), a post without one
    is left out, one with an unknown label is an InputError (with `skip_unknown`, left out with a warning), and the
    model reads the languages of its posts, as `analyze` finds them with `config`'s settings (None: `analyze`'s).
    The same posts and options give the same model (`meta["created"]` aside)."""
    from .config import load_config

    cv = folds(cv)  # (before the languages of every post are detected: a bad cv= failed after them)
    check_c(c)
    config = config if config is not None else load_config()
    labelled = labelled_posts(
        posts, label_column, label_map=label_map, threshold=threshold, skip_unknown=skip_unknown, config=config, cv=cv
    )
    if labelled.unknown:  # (`evaluate_sentiment` returns them in `unknown`; a model has no place for them)
        from .evaluate import counted_values

        n = sum(labelled.unknown.values())
        warnings.warn(
            f"{n:,} {'post' if n == 1 else 'posts'} with unknown labels skipped: {counted_values(labelled.unknown)}",
            stacklevel=2,
        )
    return fit(
        labelled.texts,
        labelled.labels,
        c=c,
        cx_features=cx_features,
        cv=cv,
        languages=labelled.languages,
        langs=labelled.langs,
        skipped=labelled.unknown,
    )


@dataclass
class Labelled:
    """The posts a model is trained on, and what was left out."""

    texts: list[str]
    labels: list[str]
    unlabelled: int  # posts without a label (not used)
    unknown: dict[str, int]  # unknown label -> posts (skipped: `skip_unknown`)
    languages: list[str]  # the languages it reads (`training_languages`)
    counts: dict[str, int]  # posts per language
    langs: list  # each post's language, as `analyze` finds it


def labelled_posts(
    posts, label_column: str, *, label_map=None, threshold=None, skip_unknown=False, config, source: str = "", cv=0
) -> Labelled:
    """The labelled posts of a frame, their labels read as `evaluate` reads them (an unknown one an InputError, or
    with `skip_unknown` counted and left out), checked for a model of `cv` folds (`check_labels`) before
    their languages are found as `analyze` finds them with `config`'s settings (the CLI's `train` and the library's)."""
    from .enrich.brands import unread_names
    from .enrich.language import candidates_from_config, fill_languages
    from .evaluate import _with_lang, check_columns, gold_labels
    from .schema import check_frame

    check_frame(posts, "train", text=False)
    check_columns(posts, label_column)
    found = gold_labels(posts[label_column], label_map, threshold, skip_unknown=skip_unknown)
    keep = found.labels.notna().to_numpy(bool)
    if not keep.any():
        raise InputError(f"{source + ': ' if source else ''}no labelled posts to train on ({found.none_left()})")
    check_labels(found.labels[keep].tolist(), cv)  # (before the slow part: detecting every post's language)
    rows = posts[keep]
    langs = fill_languages(_with_lang(rows), candidates_from_config(config.raw, config.path), unread_names(config))
    languages, counts = training_languages(langs["lang"])
    texts = rows["text"].fillna("").astype(str).tolist()
    labels = found.labels[keep].tolist()
    return Labelled(texts, labels, found.unlabelled, found.unknown, languages, counts, langs["lang"].tolist())


LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")  # an ISO 639 code, as the detector gives them (`en`, `pt`)
#: a language is a model's when this many of its training posts, and this share of them, are in it: fewer say
#: little of its words (a dozen German posts among 5,000 English ones do not make a German model)
MIN_LANGUAGE_POSTS = 10
MIN_LANGUAGE_SHARE = 0.05


def training_languages(langs) -> tuple[list[str], dict[str, int]]:
    """The languages a model reads, from its training posts' `lang` codes (a region, `pt-BR`, is its language's;
    empty: unknown, counted for none): those of at least MIN_LANGUAGE_POSTS posts and MIN_LANGUAGE_SHARE of them,
    the commonest first; without one, the commonest, or English when none is known. Also the posts per language (and
    per value that is no language code, `Português (Brasil)`, which `analyze` would not score either)."""
    import pandas as pd

    from .schema import NO_LANGUAGE

    given = pd.Series(langs, dtype=object).fillna("").astype(str).str.strip()
    code = given.str.lower().str.extract(r"^([a-z]+)(?:[-_]|$)")[0].fillna("")  # (`pt-BR`: pt)
    ok = code.str.fullmatch(LANGUAGE_CODE.pattern)
    codes = code.where(ok, given)[~given.str.lower().isin(NO_LANGUAGE)]  # (`und`: none)
    counts = codes.value_counts().sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    kept = [
        c
        for c, n in counts.items()
        if LANGUAGE_CODE.fullmatch(c) and n >= MIN_LANGUAGE_POSTS and n >= MIN_LANGUAGE_SHARE * len(given)
    ]
    known = [c for c in counts.index if LANGUAGE_CODE.fullmatch(c)]
    return (kept or known[:1] or ["en"]), {str(c): int(n) for c, n in counts.items()}


def detected_languages(texts: list[str], candidates: tuple[str, ...] | None = None) -> list:
    """Each text's language as `analyze` detects it (`fill_languages`; None where unsure)."""
    import pandas as pd

    from .enrich.language import DEFAULT_CANDIDATES, fill_languages
    from .schema import STRING

    posts = pd.DataFrame({"text": pd.array(texts, dtype=STRING), "lang": pd.array([None] * len(texts), dtype=STRING)})
    return fill_languages(posts, DEFAULT_CANDIDATES if candidates is None else candidates)["lang"].tolist()


class _TooFewTerms(Exception):
    """No n-gram of one kind is in `min_df` (2) of the posts a model is fitted on."""

    def __init__(self, kind: str, posts: int):
        super().__init__(kind, posts)
        self.kind, self.posts = kind, posts


def _fit_arrays(texts, labels, c, cxf, TfidfVectorizer):
    import scipy.sparse as sp
    from sklearn.linear_model import LogisticRegression

    word = TfidfVectorizer(**WORD, sublinear_tf=True)
    char = TfidfVectorizer(**CHAR, sublinear_tf=True)
    blocks = []
    plain = plain_letters(texts)
    for kind, vec in (("word", word), ("character n-gram", char)):
        try:  # scikit-learn's "After pruning, no terms remain", "empty vocabulary", "max_df ... < min_df"
            blocks.append(vec.fit_transform(plain))
        except ValueError:
            raise _TooFewTerms(kind, len(texts)) from None
    if cxf is not None:
        blocks.append(sp.csr_matrix(cxf))
    x = sp.hstack(blocks).tocsr()
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(x, labels)
    order = [list(clf.classes_).index(k) for k in CLASSES]
    arrays = {}
    for prefix, vec in (("word", word), ("char", char)):
        vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
        arrays[f"{prefix}_vocab"] = np.array(vocab, dtype=str)
        arrays[f"{prefix}_idf"] = vec.idf_.astype(float)
    return arrays, clf.coef_[order].astype(float), clf.intercept_[order].astype(float)


def check_c(c) -> None:
    """Refuse a `c=` sklearn would refuse deep in its fit, naming LogisticRegression's "C"."""
    if not (_number(c) and c > 0):
        raise UsageError(f"c={c!r}: give a positive number (the logistic regression's inverse regularisation)")


def folds(cv) -> int:
    """The `cv=` a caller gave, refused in one line unless a whole number, 0 (or None: no cross-validation) or 2 or
    more, as the CLI's `--cv` (`cv=1` and `cv=-1` trained without one, not a word said)."""
    if cv is None:
        return 0
    if not isinstance(cv, numbers.Integral) or isinstance(cv, bool):
        raise UsageError(f"{option(f'cv={cv!r}', f'--cv {cv}')}: give a whole number of folds (0: none)")
    if cv == 1 or cv < 0:
        what = "1 fold is no cross-validation" if cv == 1 else "a number of folds is not negative"
        raise UsageError(f"{_cv(cv)}: {what}; use 0 (none) or 2 or more")
    return int(cv)  # (numpy's int64 is no JSON number in the file)


def check_labels(labels: list[str], cv: int) -> None:
    """Refuse, in one line, labels a model cannot be trained on, with `cv` folds (0: none), before the training."""
    odd = sorted({str(v) for v in labels if not isinstance(v, str) or v not in CLASSES})
    if odd:  # ("boolean value of NA is ambiguous"; "Pos" said "no positive posts")
        raise InputError(
            f"labels {', '.join(odd[:5])}{' ...' if len(odd) > 5 else ''} are not negative, neutral or positive: "
            "brandpulse.train(posts, label_column) reads hand-typed ones ('Pos', 'neg ', -1/0/1) and skips blank ones"
        )
    missing = [c_ for c_ in CLASSES if c_ not in labels]
    if missing:
        raise InputError(f"training data has no {', '.join(missing)} posts: a model needs all three labels")
    if cv > 1:
        check_folds(labels, cv)


def check_folds(labels: list[str], k: int) -> None:
    """Refuse, in one line, a k-fold cross-validation these labels cannot have: stratified folds need at
    least k posts of every label (each fold then tests, and trains on, all three)."""
    labels = list(labels)
    fewest = min(CLASSES, key=labels.count)
    n = labels.count(fewest)
    if k > len(labels):  # (it said "use --cv 75 or fewer", which the smallest label then refused)
        most = f"use {_cv(n)} or fewer" if n >= 2 else f"label more posts, or use {_cv(0)}"
        raise InputError(f"{_cv(k)}: more folds than the {len(labels)} labelled posts ({most})")
    if n < 2:  # a fold holding the only one would train without that label
        raise InputError(
            f"{_cv(k)}: cross-validation needs at least 2 {fewest} posts, there {'is' if n == 1 else 'are'} {n} "
            f"(label more posts, or use {_cv(0)})"
        )
    if n < k:
        raise InputError(
            f"{_cv(k)}: the smallest label, {fewest}, has {n} labelled posts, fewer than the folds; "
            f"use {_cv(n)} or label more posts"
        )


def _cv(k: int) -> str:
    """The folds option as the caller gives it: `--cv 5`, or `cv=5` from Python."""
    return option(f"cv={k}", f"--cv {k}")


def cross_validate(
    texts: list[str],
    labels: list[str],
    *,
    k: int = 5,
    c: float = 1.0,
    cx_features: bool = True,
    languages: list[str] | tuple[str, ...] | None = None,
    langs: list | None = None,
    _cxf=None,
):
    """Out-of-fold predictions over `k` stratified folds, scored like `evaluate` does: the texts whose language
    (`langs`, each text's; None: every one read) is not one of `languages` (None: `training_languages` of `langs`,
    as `fit` finds them) are left out of the scores, as the model leaves them unscored."""
    _sklearn()
    import pandas as pd
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.model_selection import StratifiedKFold

    from .enrich.sentiment import label, not_read
    from .evaluate import score_labels

    check_folds(labels, k)
    texts_a, labels_a = np.array(texts, dtype=object), np.array(labels, dtype=object)
    pred = np.empty(len(texts), dtype=object)
    folds = StratifiedKFold(n_splits=k, shuffle=True, random_state=0)
    cxf = _cx_features(texts) if cx_features and _cxf is None else _cxf
    if langs is not None and languages is None:
        languages = training_languages(langs)[0]
    read = np.ones(len(texts), bool)
    if langs is not None:
        read = ~not_read(pd.DataFrame({"lang": pd.Series(list(langs), dtype=object)}), tuple(languages)).to_numpy(bool)
    for train, test in folds.split(texts_a, labels_a):
        part = cxf[train] if cxf is not None else None
        try:
            arrays, coef, intercept = _fit_arrays(
                texts_a[train].tolist(), labels_a[train].tolist(), c, part, TfidfVectorizer
            )
        except _TooFewTerms as exc:  # more folds make bigger training folds, up to the smallest label's count
            most = min(int((labels_a == c_).sum()) for c_ in CLASSES)
            more = f", use more folds (up to {_cv(most)})" if most > k else ""
            raise InputError(
                f"{_cv(k)}: in a training fold of {exc.posts} posts no {exc.kind} appears in 2 or more posts; "
                f"label more posts{more}, or use {_cv(0)}"
            ) from None
        meta = {"classes": list(CLASSES), "cx_features": cx_features, "languages": list(languages or ["en"])}
        model = SentimentModel({**arrays, "coef": coef, "intercept": intercept}, meta)
        pred[test] = label(pd.Series(model.score(texts_a[test].tolist())[0])).to_numpy(dtype=object)
    return score_labels(labels_a[read], pred[read], f"model ({k}-fold CV)")


def _one_line(exc: BaseException) -> str:
    """An exception's message as one short printable line (a damaged file's bytes can end up in it)."""
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in str(exc)).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def _number(v, low=-math.inf, high=math.inf) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and low <= v <= high


def _count(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _header_problem(meta: dict) -> str | None:
    """What is wrong with a header that says it is a brandpulse model (None: nothing)."""
    classes = meta.get("classes")
    if not isinstance(classes, list) or len(classes) != len(CLASSES) or set(classes) != set(CLASSES):
        return f"classes must list {', '.join(CLASSES)} once each"
    if not isinstance(meta.get("cx_features", False), bool):
        return "cx_features is not true or false"
    for key in ("name", "cx_lexicon", "brandpulse", "created", "checksum"):
        if key in meta and not isinstance(meta[key], str):
            return f"{key} is not a string"
    if "languages" in meta:
        langs = meta["languages"]
        if (
            not isinstance(langs, list)
            or not langs
            or not all(isinstance(c, str) and LANGUAGE_CODE.fullmatch(c) for c in langs)
        ):
            return "languages is not a list of language codes"
    params = meta.get("params", {})
    if not isinstance(params, dict) or not (_number(params.get("C", 1.0)) and params.get("C", 1.0) > 0):
        return "params.C is not a positive number"
    training = meta.get("training", {})
    if not isinstance(training, dict):
        return "training is not a table"
    for key, ok in (("source", lambda v: isinstance(v, str)), ("sha256", lambda v: isinstance(v, str))):
        if key in training and not ok(training[key]):
            return f"training.{key} is not a string"
    for key in ("posts", "features"):
        if key in training and not _count(training[key]):
            return f"training.{key} is not a whole number"
    if "cv" in training:
        cv = training["cv"]
        if not isinstance(cv, dict):
            return "training.cv is not a table"
        if not _count(cv.get("folds")):
            return "training.cv.folds is not a whole number"
        for key in ("accuracy", "macro_f1"):
            if not _number(cv.get(key), 0.0, 1.0):
                return f"training.cv.{key} is not a number from 0 to 1"
        for key in ("source", "posts"):  # evaluate shows them beside the CV score
            if key not in training:
                return f"training.{key} is missing"
    return None


def _arrays_problem(arrays: dict[str, np.ndarray], cx_features: bool) -> str | None:
    """What is wrong with the arrays (None: nothing): vocabularies of distinct strings, one finite idf per
    entry, finite coefficients of shape (classes, features) and one finite intercept per class."""
    for prefix in ("word", "char"):
        vocab, idf = arrays[f"{prefix}_vocab"], arrays[f"{prefix}_idf"]
        if vocab.dtype.kind != "U" or vocab.ndim != 1 or not len(vocab):
            return f"{prefix}_vocab is not a list of strings"
        if len(np.unique(vocab)) != len(vocab):
            return f"{prefix}_vocab has duplicate entries"
        if idf.shape != vocab.shape:
            return f"{prefix}_idf does not match {prefix}_vocab ({idf.size} values for {len(vocab)} entries)"
    for name in ("word_idf", "char_idf", "coef", "intercept"):
        if arrays[name].dtype.kind not in "fiu":
            return f"{name} is not numbers"
        if not np.isfinite(arrays[name]).all():
            return f"{name} has values that are not finite numbers"
    n_features = len(arrays["word_vocab"]) + len(arrays["char_vocab"]) + (3 if cx_features else 0)
    if arrays["coef"].shape != (len(CLASSES), n_features):
        return (
            f"coef has shape {arrays['coef'].shape}, the vocabulary needs ({len(CLASSES)}, {n_features}): "
            "the coefficients do not match the vocabulary"
        )
    if arrays["intercept"].shape != (len(CLASSES),):
        return f"intercept has shape {arrays['intercept'].shape}, not ({len(CLASSES)},)"
    return None


def load_model(path: str | Path) -> SentimentModel:
    """Open a model file safely (no pickle); anything else, or a damaged or edited model, is a clear error.

    The header and the arrays are checked (types, shapes, finite numbers) and, in files written since the
    checksum was added, the checksum must match them, so any change to either is refused."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a model file")
    if not path.is_file():
        raise InputError(f"{path}: no such model file")
    if not zipfile.is_zipfile(path):
        with open(path, "rb") as fh:
            zip_start = fh.read(4) == b"PK\x03\x04"
        if zip_start:  # (a copy or download cut short: "not a brandpulse model" sent people to retrain)
            raise InputError(f"{path}: truncated or damaged model file (a zip archive without its end); copy it again")
        raise InputError(f"{path}: not a brandpulse model (train one with `brandpulse train`)")
    # Reading a damaged archive can fail almost anywhere (zipfile, zlib, the .npy header, JSON, memory for
    # a mangled shape): every failure there is this file's fault, so all of them are the one-line error.
    try:
        with np.load(path, allow_pickle=False) as data:
            if "meta" not in data.files:
                raise InputError(f"{path}: not a brandpulse model (no header)")
            try:
                meta = json.loads(str(data["meta"]))
            except Exception as exc:  # noqa: BLE001
                raise InputError(f"{path}: not a brandpulse model ({_one_line(exc)})") from None
            if not isinstance(meta, dict) or meta.get("format") != FORMAT:
                raise InputError(f"{path}: not a brandpulse model")
            version = meta.get("format_version")
            if not _count(version) or version < 1:
                raise InputError(
                    f"{path}: damaged brandpulse model (format_version {version!r} is not a whole number 1 or more)"
                )
            if version > FORMAT_VERSION:
                raise InputError(f"{path}: made by a newer brandpulse (model format {version}); upgrade")
            missing = [k for k in ARRAYS if k not in data.files]
            if missing:
                raise InputError(f"{path}: damaged brandpulse model (missing {', '.join(missing)})")
            try:
                arrays = {k: data[k] for k in ARRAYS}
            except Exception as exc:  # noqa: BLE001
                raise InputError(f"{path}: damaged brandpulse model ({_one_line(exc)})") from None
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001  (a zip whose index is damaged: ours or not, it cannot tell)
        raise InputError(
            f"{path}: damaged model file, or not a brandpulse model ({_one_line(exc)}); copy it again"
        ) from None
    problem = _header_problem(meta) or _arrays_problem(arrays, meta.get("cx_features", False))
    if problem:
        raise InputError(f"{path}: damaged brandpulse model ({problem})")
    if "checksum" in meta and meta["checksum"] != checksum(meta, arrays):
        raise InputError(f"{path}: damaged or edited brandpulse model (its checksum does not match its contents)")
    arrays = {k: (v if k.endswith("_vocab") else v.astype(float)) for k, v in arrays.items()}
    meta["name"] = f"model:{path}"
    return SentimentModel(arrays, meta)
