"""Measure sentiment analyzers against labelled posts: accuracy, macro-F1, per-class scores, confusion.

Metrics are computed with numpy so the core install needs no scikit-learn.
Label values are mapped to negative / neutral / positive; values that cannot be
mapped are an error (or, with `skip_unknown`, counted and reported), never dropped quietly.
"""

from __future__ import annotations

import hashlib
import math
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .config import Brand, Config
from .enrich.brand_names import names_neutral
from .enrich.brands import unread_names
from .enrich.explain import add_explanations, explain_texts
from .enrich.language import DEFAULT_CANDIDATES, candidates_from_config, fill_languages
from .enrich.sentiment import (
    Analyzer,
    analyzer_languages,
    check_analyzer,
    get_analyzer,
    label,
    not_read,
    produced_by,
    scored,
)
from .errors import ConfigError, InputError, UsageError, option
from .figures import wilson_low
from .schema import ENRICHED_COLUMNS, LIST_SEPARATOR, STRING, check_frame, conform
from .sources.values import no_text

LABELS = ("negative", "neutral", "positive")

_WORDS = {
    "negative": "negative",
    "neg": "negative",
    "-": "negative",
    "neutral": "neutral",
    "neu": "neutral",
    "none": "neutral",
    "positive": "positive",
    "pos": "positive",
    "+": "positive",
}
#: numeric codings, tried in this order: the first whose values contain all the data's values wins
_NUMERIC = (
    ("-1/0/1", {-1: "negative", 0: "neutral", 1: "positive"}),
    ("0/1/2", {0: "negative", 1: "neutral", 2: "positive"}),
    ("0/2/4", {0: "negative", 2: "neutral", 4: "positive"}),
)


def parse_label_map(spec: str | None) -> dict[str, str]:
    """`'x=positive,y=negative'` -> {'x': 'positive', 'y': 'negative'} (target names checked)."""
    out: dict[str, str] = {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        key, sep, target = part.partition("=")
        target = _WORDS.get(target.strip().lower(), "")
        key = key.strip().lower()
        if not sep or not target or not key:  # ('=positive' mapped no value: empty labels are unlabelled)
            raise ConfigError(
                f"{option('label_map', '--label-map')} {part.strip()!r}: expected VALUE=positive|neutral|negative"
            )
        if out.get(key, target) != target:  # ('x=positive,x=negative': the last one won, without a word)
            named = option("label_map", "--label-map")
            raise ConfigError(f"{named}: {key!r} is mapped twice, to {out[key]} and to {target}")
        out[key] = target
    return out


def _checked_map(label_map: dict | None) -> dict[str, str]:
    """A `label_map` given in Python as the file's values are read: keys without case or surrounding spaces
    (`{"Meh": "neutral"}` mapped no `meh`), targets any word `parse_label_map` takes (`"neu"`), others a ConfigError."""
    if isinstance(label_map, str):  # (the CLI's form, `"meh=neutral,5=positive"`: it was an AttributeError)
        return parse_label_map(label_map)
    out = {}
    for key, target in (label_map or {}).items():
        word = _WORDS.get(str(target).strip().lower())
        if word is None:
            raise ConfigError(f"label_map {key!r}: {target!r} is not positive, neutral or negative")
        out[str(key).strip().lower()] = word
    return out


def _map_option(target: str = "positive") -> str:
    """The fix an error about labels names: a map of them, as the caller gives one."""
    return option(f"label_map={{'VALUE': '{target}', ...}}", f"--label-map 'VALUE={target},...'")


#: around a label, marks a hand-typed one may have (`neutral.`, `"pos"`); `-` and `+` are labels themselves
_MARKS = ".,;:!?'\"`"


def _numeric_keys(label_map: dict[str, str] | None) -> dict[float, str]:
    """The map's values that are numbers, by value: `4=positive` is also `4.0` (a column pandas wrote
    with an empty label in it) and `4.0=positive` is also `4`."""
    out = {}
    for key, target in (label_map or {}).items():
        try:
            number = float(key)
        except ValueError:
            continue
        if math.isfinite(number):
            out[number] = target
    return out


def map_labels(values: pd.Series, label_map: dict[str, str] | None = None, threshold: float | None = None) -> pd.Series:
    """Gold labels as negative / neutral / positive; NA where a value is empty or unknown.

    `label_map` adds to (and overrides) the standard words and numeric codings.
    `threshold`: the column is a numeric score (e.g. -4..4); above it positive, below minus it negative;
    a value that is not a number is NA (unknown).
    """
    raw = values.astype("string").str.strip()
    label_map = _checked_map(label_map)
    if threshold is not None and label_map:
        both = f"{option('label_map', '--label-map')} and {option('threshold', '--label-threshold')}"
        raise UsageError(f"{both} do not combine: a threshold reads the labels as scores")
    if threshold is not None:
        num = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        out = np.where(num > threshold, "positive", np.where(num < -threshold, "negative", "neutral"))
        return pd.Series(out, index=values.index, dtype="string").where(~np.isnan(num))
    key = raw.str.lower()
    bare = key.str.strip(_MARKS)  # ("neutral.": a student's labels were an unknown value, and the run refused)
    standard = key.map(_WORDS).fillna(bare.map(_WORDS))
    known = {**_WORDS, **label_map}
    words = key.map(known).fillna(bare.map(known)) if label_map else standard
    num = pd.to_numeric(key, errors="coerce").astype(float)
    numeric_map = _numeric_keys(label_map)
    if numeric_map:  # a value the map names exactly keeps that; `4.0` is found by `4=...` too
        words = words.fillna(num.map(numeric_map))
    # numbers neither the words nor the map name take a numeric coding, guessed from all the numbers,
    # unless the column holds standard words (then a number is not a coding of them) or the map names
    # numbers (then it says what each means: one it leaves out is unknown, not guessed); signs, `-` and `+`, are
    # -1/0/1's own (a column of `-`, `0` and `+` read every `0` as unknown)
    signs = standard.notna().any() and bare[standard.notna()].isin(["-", "+"]).all()
    if (words.isna() & num.notna()).any() and signs and not numeric_map:
        words = words.fillna(num.map(dict(_NUMERIC)["-1/0/1"]))
    elif (words.isna() & num.notna()).any() and standard.isna().all() and not numeric_map:
        present = set(num.dropna().astype(float))
        fits = [(name, coding) for name, coding in _NUMERIC if present <= set(coding)]
        if len(fits) == 1 and len(present) == 2 and min(fits[0][1]) not in present:
            # two values without the coding's negative one read as neutral/positive, but 1/2 is also how
            # Amazon and Yelp polarity sets code negative/positive: a guess either way
            low, high = sorted(int(v) for v in present)
            fits.append((f"{low}=negative/{high}=positive", {}))
        if len(fits) > 1:
            names = " or ".join(name for name, _ in fits)
            raise InputError(
                f"labels {sorted(int(v) for v in present)} could be coded {names}: "
                f"say what they mean with {_map_option('negative')}"
            )
        if fits:
            words = words.fillna(num.map(fits[0][1]))
    return words.astype("string")


def counted_values(counts, limit: int = 10, width: int = 40) -> str:
    """Values and their counts for a one-line message: `'meh' (3), 'x' (1)`, at most `limit` of them
    (then `... 12 more`), each cut to `width` characters (a free-text column taken for the labels)."""
    items = list(dict(counts).items())
    shown = [f"{(k if len(k) <= width else k[: width - 3] + '...')!r} ({v:,})" for k, v in items[:limit]]
    return ", ".join(shown + ([f"... {len(items) - limit:,} more"] if len(items) > limit else []))


@dataclass
class Gold:
    """A label column read as gold labels."""

    labels: pd.Series  # negative / neutral / positive; NA for an empty or (skipped) unknown value
    unlabelled: int  # rows with an empty label
    unknown: dict[str, int]  # unknown value -> rows (skipped)

    def none_left(self, rows: str = "posts") -> str:
        """Why no row is left to use: '3 without a label, 2 with unknown labels skipped'."""
        why = [f"{self.unlabelled:,} without a label"] if self.unlabelled else []
        if self.unknown:
            why.append(f"{sum(self.unknown.values()):,} with unknown labels skipped")
        return ", ".join(why) or f"no {rows} read"


def gold_labels(
    values: pd.Series,
    label_map: dict[str, str] | None = None,
    threshold: float | None = None,
    *,
    skip_unknown: bool = False,
) -> Gold:
    """`map_labels` with empty labels counted and unknown ones an error that lists them (counted and
    skipped with `skip_unknown`)."""
    raw = values.astype("string").str.strip()
    gold = map_labels(values, label_map, threshold)
    empty = raw.isna() | (raw == "")
    unknown_mask = (gold.isna() & ~empty).to_numpy(bool)
    unknown = raw[unknown_mask].value_counts()
    if len(unknown) and not skip_unknown:
        skip = f"count them out with {option('skip_unknown=True', '--skip-unknown')}"
        n = int(unknown_mask.sum())
        shown = counted_values(unknown)
        posts = f"{n:,} {'post has a label' if n == 1 else 'posts have labels'}"
        are = "is" if n == 1 else "are"
        if threshold is not None:
            message = f"{posts} that {are} not a number, as {option('threshold', '--label-threshold')} needs: {shown}"
            fixes = [skip]
        else:
            message = f"{posts} that {are} not positive/neutral/negative: {shown}"
            scores = not label_map and pd.to_numeric(unknown.index.to_series(), errors="coerce").notna().all()
            # (0.8, -2.5: a score column)
            fixes = [f"read them as scores with {option('threshold=X', '--label-threshold X')}"] if scores else []
            fixes += [f"map them with {_map_option()}", skip]
        raise InputError(f"{message}; " + ", ".join(fixes[:-1]) + " or " * (len(fixes) > 1) + fixes[-1])
    return Gold(gold, int(empty.sum()), {str(k): int(v) for k, v in unknown.items()})


@dataclass
class Scores:
    """One analyzer's result on the labelled posts."""

    analyzer: str
    n: int
    accuracy: float
    macro_f1: float
    per_class: pd.DataFrame  # index: label; precision, recall, f1, support
    confusion: pd.DataFrame  # rows: gold, columns: predicted
    extra: dict[str, float] = field(default_factory=dict)


def confusion_matrix(gold: np.ndarray, pred: np.ndarray, labels: tuple[str, ...] = LABELS) -> np.ndarray:
    """counts[i, j] = posts with gold label i predicted as j."""
    index = {lab: i for i, lab in enumerate(labels)}
    g = np.array([index[x] for x in gold], dtype=np.int64)
    p = np.array([index[x] for x in pred], dtype=np.int64)
    k = len(labels)
    return np.bincount(g * k + p, minlength=k * k).reshape(k, k)


def score_labels(gold, pred, analyzer: str = "", labels: tuple[str, ...] = LABELS) -> Scores:
    """Accuracy, macro-F1 (mean of per-class F1 over classes present in gold or predictions).

    A score with nothing to divide by is NaN, not 0: precision of a class never predicted, recall of a
    class no gold post has, F1 of a class in neither (left out of macro-F1). A class in only one of them
    has F1 = 2TP / (2TP + FP + FN) = 0, and counts as 0 in macro-F1 (as scikit-learn's default)."""
    gold, pred = np.asarray(gold, dtype=object), np.asarray(pred, dtype=object)
    cm = confusion_matrix(gold, pred, labels)
    tp = np.diag(cm).astype(float)
    predicted, support = cm.sum(axis=0), cm.sum(axis=1)
    used = (support + predicted) > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(predicted > 0, tp / predicted, np.nan)
        recall = np.where(support > 0, tp / support, np.nan)
        f1 = np.where(used, 2 * tp / (support + predicted), np.nan)
    n = int(cm.sum())
    per_class = pd.DataFrame(
        {"precision": precision, "recall": recall, "f1": f1, "support": support}, index=pd.Index(labels, name="label")
    )
    right = int(tp.sum())
    return Scores(
        analyzer=analyzer,
        n=n,
        accuracy=right / n if n else float("nan"),
        macro_f1=float(f1[used].mean()) if used.any() else float("nan"),
        per_class=per_class,
        confusion=pd.DataFrame(cm, index=pd.Index(labels, name="gold"), columns=list(labels)),
        extra=dict(zip(("accuracy_low", "accuracy_high"), accuracy_interval(right, n), strict=True)),
    )


def accuracy_interval(right: int, n: int) -> tuple[float, float]:
    """The 95 % Wilson interval of an accuracy of `right` of `n` posts (NaN for none): "0.950 on 60 labelled
    posts" said nothing of how far 60 posts let the figure be trusted (0.863 to 0.983)."""
    if not n:
        return float("nan"), float("nan")
    # (clipped: at 0 right of 60 the formula's rounding gave -6.5e-18, printed "-0.000")
    return float(np.clip(wilson_low(right, n), 0, 1)), float(np.clip(1 - wilson_low(n - right, n), 0, 1))


@dataclass
class Evaluation:
    scores: list[Scores]
    n_labelled: int
    unknown: dict[str, int]  # label value -> posts skipped
    unlabelled: int  # posts with an empty label
    predictions: pd.DataFrame  # text, gold, and per analyzer polarity, label (and explain)
    brand_not_named: int = 0  # rows whose text does not name their brand (scored neutral)
    towards_brands: bool = False  # labels are about the brand of each row (`brand_column`)
    #: what made each analyzer's columns of `predictions`, in their order (`sentiment.produced_by`: "cx (cx lexicon
    #: 1.12)"), for the Parquet file's `brandpulse.sentiment`
    produced_by: list[str] = field(default_factory=list)
    #: per analyzer, the rows of `predictions` it left unscored for their language, as `analyze` leaves them
    not_scored: dict[str, np.ndarray] = field(default_factory=dict)
    #: the rows refused, and why: a model's CV (`model (5-fold CV)`) when the model reads none of the posts
    refused: dict[str, str] = field(default_factory=dict)

    def table(self) -> pd.DataFrame:
        """One row per analyzer: accuracy, its interval, macro-F1, per-class scores, confusion (`scores_table`)."""
        return scores_table(self)

    # a notebook cell showed the dataclass's fields, each analyzer's frames inside them, in one unreadable line
    def __repr__(self) -> str:
        return f"Evaluation of {self.n_labelled:,} labelled posts\n" + self.table().to_string(index=False)

    def _repr_html_(self) -> str:
        return f"<p>Evaluation of {self.n_labelled:,} labelled posts</p>" + self.table().to_html(index=False)


def evaluate(
    posts: pd.DataFrame,
    label_column: str,
    analyzers: list[str | Analyzer] | str | Analyzer = ("textblob", "vader", "cx"),
    *,
    label_map: dict[str, str] | None = None,
    threshold: float | None = None,
    skip_unknown: bool = False,
    positive: float | None = None,
    negative: float | None = None,
    explain: bool = False,
    cv: int = 0,
    brand_column: str | None = None,
    brands: list[Brand] | None = None,
    languages: tuple[str, ...] | None = DEFAULT_CANDIDATES,
    names: tuple[str, ...] = (),
    all_languages: bool = False,
    config: Config | None = None,
) -> Evaluation:
    """Score every analyzer on the posts whose `label_column` maps to a known label. With
    `brand_column`, a row's label is the post's sentiment towards that brand, and each analyzer is
    scored by `per_brand` (a row with an empty brand: by the whole post). `analyzers`: names (`"cx"`, `"model:m.bp"`)
    or analyzers (a model `train` made), or one of them; each one's columns in `predictions` carry its name.

    A post in a language an analyzer does not read (`analyzer_languages`) is left out of its scores, as `analyze`
    leaves it unscored: its `lang`, or the one detected among `languages` (the config's candidates; None: none
    detected), not reading `names` (`unread_names`). `all_languages` scores every post whatever its language.
    `config`: its thresholds (`positive`, `negative`; else 0.05, -0.05), brands, language candidates and unread names,
    as `brandpulse evaluate --config` reads them, where those keywords are not given."""
    from .model import folds

    cv = folds(cv)  # (cv=1 from a notebook scored no cross-validation, not a word said; the CLI refuses --cv 1)
    if brand_column is not None and cv > 1:  # (a notebook's cross-validated the whole posts on labels towards brands)
        raise UsageError(
            f"{option('cv', '--cv')} trains on whole posts; "
            f"it does not apply with {option('brand_column', '--brand-column')}"
        )
    if config is not None:  # (a notebook's analyze(posts, config) and this scored the same posts apart)
        positive = config.positive if positive is None else positive
        negative = config.negative if negative is None else negative
        brands = config.brands if brands is None else brands
        languages = candidates_from_config(config.raw, config.path) if languages is DEFAULT_CANDIDATES else languages
        names = unread_names(config) if names == () else names
    positive = 0.05 if positive is None else positive
    negative = -0.05 if negative is None else negative
    check_frame(posts, "evaluate", text=False)  # (a list was an AttributeError)
    one = isinstance(analyzers, str) or callable(getattr(analyzers, "score", None))
    analyzers = [analyzers] if one else list(analyzers)  # ("vader": 'v', 'a', ...)
    for given in analyzers:
        check_analyzer(given, "evaluate_sentiment")  # (an int was "'int' object has no attribute 'name'")
    check_columns(posts, label_column, brand_column)
    textless = no_text(posts["text"].astype(STRING)).to_numpy(bool)
    if textless.any():  # (scored as empty posts, neutral, where the CLI rejects a file's on reading)
        warnings.warn(
            f"{int(textless.sum())} of {len(posts)} records rejected (first: <DataFrame> row "
            f"{posts.index[textless][0]!r}: empty text); they are not scored",
            stacklevel=2,
        )
        posts = posts[~textless]
    found = gold_labels(posts[label_column], label_map, threshold, skip_unknown=skip_unknown)
    gold = found.labels
    keep = gold.notna().to_numpy()
    if not keep.any():
        raise InputError(f"no labelled posts to score ({found.none_left()})")
    rows = posts[keep].reset_index(drop=True)
    gold_kept = gold[keep].to_numpy(dtype=object)
    predictions = pd.DataFrame({"text": rows["text"], "gold": gold_kept})
    # the languages `analyze` reads the posts in (the published figures leave the ones an analyzer does not read out)
    langs = None if all_languages else fill_languages(_with_lang(rows), languages, names)
    row_brands = branded = named = None
    if brand_column is not None:
        row_brands = _row_brands(rows[brand_column], brands or [])
        predictions.insert(1, "brand", row_brands)
        branded = _branded(rows["text"], brands or [], languages)  # found once for every analyzer
        posts_brands = dict(zip(*branded, strict=True))
        named = [
            not b or b in posts_brands[t].split(LIST_SEPARATOR)
            for t, b in zip(rows["text"].fillna("").astype(str), row_brands, strict=True)
        ]
    scores, made, not_scored, used = [], [], {}, []
    for name, given in zip(_names(analyzers), analyzers, strict=True):
        # the brands' names are no sentiment words, as `analyze` reads them ("Best Western"; `brand_names`)
        analyzer = names_neutral(get_analyzer(given) if isinstance(given, str) else given, brands)
        made.append(produced_by(analyzer)["sentiment"])
        used.append((name, analyzer))
        codes, uniques = pd.factorize(rows["text"].fillna(""))
        rules: dict = {}
        if row_brands is not None:
            pol = brand_polarity(rows["text"], row_brands, brands or [], analyzer, branded, rules if explain else None)
        else:
            pol = scored(analyzer, [str(t) for t in uniques])[0][codes] if len(rows) else np.array([], float)
        reads = analyzer_languages(analyzer)
        skip = np.zeros(len(rows), bool) if langs is None else not_read(langs, reads).to_numpy(bool)
        pol = np.where(skip, np.nan, np.asarray(pol, float))
        pol_s = pd.Series(pol, dtype=float)
        pred = label(pol_s, positive, negative)
        # an analyzer that declines a post (NaN) is counted as neutral here and the count reported
        declined = int(pred[~skip].isna().sum())
        predictions[f"{name}_polarity"] = pol_s
        predictions[f"{name}_label"] = pred
        if explain:
            notes = explain_texts(analyzer, [str(t) for t in uniques])
            predictions[f"{name}_explain"] = [notes[c] for c in codes]
            if row_brands is not None:
                texts = uniques[codes]
                predictions[f"{name}_explain"] = [
                    _towards(why, rules.get((str(t), b), ""), b, ok)
                    for why, t, b, ok in zip(predictions[f"{name}_explain"], texts, row_brands, named, strict=True)
                ]
            if skip.any():  # (as analyze explains them: "not scored: language es (the analyzer reads English)")
                gone = add_explanations(langs[skip].assign(sentiment=np.nan), analyzer)["explain"]
                predictions.loc[skip, f"{name}_explain"] = gone.to_numpy()
        s = score_labels(gold_kept[~skip], pred[~skip].fillna("neutral").to_numpy(dtype=object), name)
        if declined:
            s.extra["declined"] = declined
        if skip.any():  # (as analyze's "sentiment skipped 12 (not English)")
            s.extra["not_scored_language"] = int(skip.sum())
            s.extra["not_scored_languages"] = {str(k): int(v) for k, v in langs["lang"][skip].value_counts().items()}
            not_scored[name] = skip
        if threshold is not None:  # a numeric gold score: also the VADER paper's sign agreement
            gold_score = pd.to_numeric(
                posts.loc[keep, label_column].astype("string").str.strip(), errors="coerce"
            ).to_numpy(dtype=float, na_value=np.nan)
            s.extra["sign_accuracy"] = sign_accuracy(gold_score[~skip], pol[~skip])
        if getattr(analyzer, "warning", None):
            s.extra["warning"] = analyzer.warning
        trained = getattr(analyzer, "meta", {}).get("training", {})
        if "cv" in trained:
            s.extra["trained_on"] = f"{trained['source']} ({trained['posts']} posts)"
            s.extra["trained_cv_macro_f1"] = trained["cv"]["macro_f1"]
        if trained.get("sha256") == hashlib.sha256("\n".join(rows["text"].fillna("").astype(str)).encode()).hexdigest():
            s.extra["scored_on_its_training_data"] = True
            # (a warning in a notebook too: a class scoring the model it had just trained on the same posts got 1.000)
            warnings.warn(
                f"{name} was trained on these posts; its scores here are not a test (use {option('cv=5', '--cv 5')}, "
                "or posts it did not see)",
                stacklevel=2,
            )
        scores.append(s)
    refused: dict[str, str] = {}
    if cv > 1:
        from .model import SentimentModel, cross_validate

        # a model compared is cross-validated with its own settings (they were train's defaults: a model of c=0.1 and
        # no cx features had the CV figure of another), else a model of train's defaults is
        models = [(name, a) for name, a in used if isinstance(a, SentimentModel)]
        texts = rows["text"].fillna("").astype(str).tolist()
        read = None if langs is None else langs["lang"].tolist()  # (a model's CV leaves out the posts it does not read)
        for name, model in models or [("model", None)]:
            s = cross_validate(texts, gold_kept.tolist(), k=cv, langs=read, **(model.settings if model else {}))
            s.analyzer = f"{name} ({cv}-fold CV)"
            if s.n:
                scores.append(s)
                continue
            # (a model of `fr` on posts of `es` and `pt`: a CV row of NaN on n=0, not a word said, as `fit`'s; its row
            # alone is left out, the other analyzers' kept: the whole evaluation was refused)
            reads = ", ".join(model.languages) if model else "the posts' languages"
            refused[s.analyzer] = (
                f"{option(f'cv={cv}', f'--cv {cv}')}: none of the {len(texts):,} labelled posts is in {reads}, the"
                f" languages {name} reads, so its CV scores none: give posts in them, or {option('cv=0', '--cv 0')}"
            )
        if refused and not any(s.n for s in scores):  # (nothing scored: no table to give)
            raise InputError(next(iter(refused.values())))
        for why in refused.values():
            warnings.warn(f"{why}; its row is left out", stacklevel=2)
    not_named = len(named) - sum(named) if row_brands is not None else 0
    return Evaluation(
        scores,
        int(keep.sum()),
        found.unknown,
        found.unlabelled,
        predictions,
        brand_not_named=not_named,
        towards_brands=row_brands is not None,
        produced_by=made,
        not_scored=not_scored,
        refused=refused,
    )


def _names(analyzers: list) -> list[str]:
    """Each analyzer's name in `predictions` and the table: a name, or a model's (`train`'s: "model"), numbered where
    it repeats ("model", "model_2": two models of a notebook's were one "model" column, the second's scores)."""
    # (a trained model passed in: "'SentimentModel' object has no attribute 'partition'")
    names = [a if isinstance(a, str) else str(getattr(a, "name", type(a).__name__)) for a in analyzers]
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


def check_columns(posts: pd.DataFrame, label_column: str, brand_column: str | None = None) -> None:
    """An InputError naming a column the frame lacks, and, for a frame `load` made, how to keep a file's own."""
    for kind, column in (("text", "text"), ("label", label_column), ("brand", brand_column)):
        if column is not None and column not in posts.columns:
            hint = ""
            if kind != "text" and set(posts.columns) <= set(ENRICHED_COLUMNS):  # (a notebook's `load(FILE)`)
                hint = f"; brandpulse.load reads a file's other columns only when asked: load(FILE, keep=[{column!r}])"
            raise InputError(f"no {kind} column {column!r} (columns: {', '.join(map(str, posts.columns))}){hint}")


def _with_lang(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows' text and `lang` (empty where they have none: a frame of texts and labels), for `fill_languages`."""
    lang = rows["lang"].astype(STRING) if "lang" in rows else pd.Series(pd.NA, index=rows.index, dtype=STRING)
    return pd.DataFrame({"text": rows["text"], "lang": lang})


def _towards(post_explain: str, rule: str, brand: str, named: bool) -> str:
    """The explanation of a row's score towards `brand`: a rule of a post naming several brands comes
    first, then the words of the post."""
    if not named:
        return f"the text does not name {brand}: counted neutral"
    return f"{rule}; post: {post_explain}" if rule else post_explain


def _row_brands(values: pd.Series, brands: list[Brand]) -> list[str]:
    """The brand column's values as configured brand names (any case); empty stays empty."""
    names = {b.name.casefold(): b.name for b in brands}
    raw = values.astype("string").fillna("").str.strip()
    unknown = raw[(raw != "") & ~raw.str.casefold().isin(list(names))].value_counts()
    if len(unknown):
        shown = counted_values(unknown)
        n = int(unknown.sum())
        raise ConfigError(
            f"brands the config does not know, in {n:,} {'row' if n == 1 else 'rows'}: {shown}; "
            f"add them with {option('brands=[Brand(NAME, [TERMS])]', '--brand NAME=TERMS')} or in the config"
        )
    return [names.get(v.casefold(), "") for v in raw]


def brand_polarity(
    texts: pd.Series,
    row_brands: list[str],
    brands: list[Brand],
    analyzer: Analyzer,
    branded: tuple[list[str], list[str]] | None = None,
    rules: dict | None = None,
) -> np.ndarray:
    """Each row's polarity towards its brand (`per_brand`), the whole post's where the brand is empty,
    NaN where the text does not name the brand. `branded`: `_branded(texts, brands)` if known. `rules`
    gets {(text, brand): brand_explain} for the brands of posts naming several."""
    from .enrich.brand_sentiment import per_brand

    text = texts.fillna("").astype(str)
    analyzer = names_neutral(analyzer, brands)  # (the post's score too, as `analyze` gives it)
    unique, found = branded or _branded(texts, brands)
    posts = pd.DataFrame({"text": pd.Series(unique, dtype=STRING), "brands": found})
    posts["sentiment"] = scored(analyzer, unique)[0]
    posts["sentiment_label"] = label(posts["sentiment"])
    long = per_brand(posts, brands, analyzer, explain=rules is not None)
    if rules is not None:
        own = long["brand_explain"].fillna("") != ""
        rules.update(
            zip(zip(long["text"][own], long["brand"][own], strict=True), long["brand_explain"][own], strict=True)
        )
    towards = dict(zip(zip(long["text"], long["brand"], strict=True), long["brand_sentiment"], strict=True))
    whole = dict(zip(posts["text"], posts["sentiment"], strict=True))
    return np.array(
        [whole[t] if not b else towards.get((t, b), np.nan) for t, b in zip(text, row_brands, strict=True)], float
    )


def _branded(
    texts: pd.Series, brands: list[Brand], languages: tuple[str, ...] | None = DEFAULT_CANDIDATES
) -> tuple[list[str], list[str]]:
    """The distinct texts and the brands each names (`;`-separated), as `analyze` finds them (with the
    `languages` it detects: `candidates_from_config`)."""
    from .enrich.brands import languages_read, match_brands

    unique = pd.unique(texts.fillna("").astype(str)).tolist()
    # (in the schema's dtype: the loader's texts taken as they are, not read as a hand-built frame's again)
    posts = languages_read(conform(pd.DataFrame({"text": pd.array(unique, dtype=STRING)})), brands, languages)
    found = match_brands(posts, brands)["brands"].fillna("").astype(str)
    return unique, found.tolist()


def sign_accuracy(gold_score: np.ndarray, polarity: np.ndarray) -> float:
    """Share of posts with a non-zero gold score whose polarity has the same sign (VADER paper's measure)."""
    gold_score, polarity = np.asarray(gold_score, float), np.asarray(polarity, float)
    nz = gold_score != 0
    return float((np.sign(gold_score[nz]) == np.sign(polarity[nz])).mean()) if nz.any() else float("nan")


def scores_table(evaluation: Evaluation) -> pd.DataFrame:
    """One flat row per analyzer: accuracy, macro-F1 and per-class precision / recall / F1 (for csv/json)."""
    rows = []
    for s in evaluation.scores:
        row = {"analyzer": s.analyzer, "n": s.n, "accuracy": round(s.accuracy, 4), "macro_f1": round(s.macro_f1, 4)}
        for lab, r in s.per_class.iterrows():
            row.update({f"{lab}_precision": round(r.precision, 4), f"{lab}_recall": round(r.recall, 4)})
            row.update({f"{lab}_f1": round(r.f1, 4), f"{lab}_support": int(r.support)})
        for gold_lab, counts in s.confusion.iterrows():
            for pred_lab, c in counts.items():
                row[f"gold_{gold_lab}_pred_{pred_lab}"] = int(c)
        # rounded here, not when scored: the table shows 3 places of the unrounded value
        row.update({k: round(v, 4) if isinstance(v, float) else v for k, v in s.extra.items()})
        if "not_scored_languages" in row:  # (a cell: "es 12, fr 1")
            row["not_scored_languages"] = ", ".join(f"{k} {v}" for k, v in row["not_scored_languages"].items())
        rows.append(row)
    return pd.DataFrame(rows)
