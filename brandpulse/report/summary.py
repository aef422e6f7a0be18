"""Per-brand summary tables computed from enriched posts.

NSS (net sentiment score) = (positive - negative) / mentions with a sentiment, as a percentage.
Share of voice = a brand's mentions / all brand mentions (own brands and competitors).
"""

from __future__ import annotations

from numbers import Integral

import numpy as np
import pandas as pd

from ..config import Config, check_config
from ..enrich.brand_sentiment import own_scores
from ..enrich.brands import by_own_handle, customer_posts
from ..enrich.explode import NO_BRAND, explode_brands, explode_list
from ..figures import round_pct
from ..schema import LIST_SEPARATOR, LONG_FORM, SENTIMENT_DECIMALS, check_enriched

SUMMARY_COLUMNS = [
    "brand",
    "competitor",
    "mentions",
    "share_of_voice",
    "positive",
    "neutral",
    "negative",
    "unscored",
    "positive_pct",
    "neutral_pct",
    "negative_pct",
    "nss",
    "avg_sentiment",
]


#: what the summary tables are built from; they add up across chunks and partitions
COUNT_COLUMNS = ["mentions", "positive", "neutral", "negative", "sentiment_sum", "sentiment_n"]


def sentiment_counts(long: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per `keys` group: mentions, posts per label, and the sum and count of scores. Counts of
    two slices of rows add up to the counts of both (`add_counts`), so a chunked or distributed
    run gets the same tables as a whole one."""
    codes, labels = pd.factorize(long["sentiment_label"])  # integers compare 10x faster than strings
    code = {label: i for i, label in enumerate(labels)}
    score = long["sentiment"].astype("float64")
    parts = pd.DataFrame(
        {
            **{k: long[k] for k in keys},
            "mentions": 1,
            **{label: (codes == code.get(label, -2)).astype("int64") for label in ("positive", "neutral", "negative")},
            "sentiment_sum": score.fillna(0.0),
            "sentiment_n": score.notna().astype("int64"),
        }
    )
    return parts.groupby(keys, sort=True)[COUNT_COLUMNS].sum()


def list_counts(df: pd.DataFrame, lists: dict[str, str | None]) -> pd.DataFrame:
    """`sentiment_counts` of `df` exploded by each `;`-list column of `lists` (its value: the key of
    rows with an empty list, or None to drop them). The rows are counted per distinct combination of
    list cells first: a chunk has few, so only those are exploded, not every row."""
    keys = list(lists)
    combos = sentiment_counts(df.assign(**{k: df[k].fillna("") for k in keys}), keys).reset_index()
    for key, empty in lists.items():
        combos = explode_list(combos, key, empty)
    return combos.groupby(keys, sort=True)[COUNT_COLUMNS].sum()


def add_counts(a: pd.DataFrame | None, b: pd.DataFrame) -> pd.DataFrame:
    """The counts of two slices of rows together."""
    if a is None:
        return b
    out = a.add(b, fill_value=0)
    return out.astype({c: "int64" for c in out.columns if c != "sentiment_sum"}).sort_index()  # (intents: `posts`)


def _sentiment_counts(g: pd.DataFrame, key: list[str] | str) -> pd.DataFrame:
    """Counts with rates (percentages, NSS, average score) per `key`."""
    keys = [key] if isinstance(key, str) else key
    return _with_rates(sentiment_counts(g, keys)).drop(columns=["sentiment_sum", "sentiment_n"])


def _with_rates(counts: pd.DataFrame) -> pd.DataFrame:
    """Percentages and NSS of the posts with a sentiment; `unscored` counts the others (non-English
    posts an English-only analyzer leaves empty), so the labels and `unscored` add up to `mentions`."""
    out = counts.copy()
    labelled = out[["positive", "neutral", "negative"]].sum(axis=1)
    out["unscored"] = out["mentions"] - labelled
    scored = labelled.replace(0, np.nan)
    for lab in ("positive", "neutral", "negative"):
        out[f"{lab}_pct"] = round_pct(100 * out[lab] / scored)
    out["nss"] = round_pct(100 * (out["positive"] - out["negative"]) / scored)
    out["avg_sentiment"] = (out["sentiment_sum"] / out["sentiment_n"].replace(0, np.nan)).round(SENTIMENT_DECIMALS)
    return out


def split_posts(
    df: pd.DataFrame, positive: float = 0.05, negative: float = -0.05, skip: pd.Series | None = None
) -> tuple:
    """(posts naming one brand or none, posts naming several exploded one row per brand with its own
    sentiment (`brand_sentiments`, labelled with these thresholds), or None when no post names several),
    with the brand and topic columns: what `brand_counts` and `topic_counts` count, so a chunk's posts
    naming several are exploded once for both (10 ms a 50,000-post slice). Rows `skip` marks are left out."""
    cols = [c for c in ("brands", "topics", "sentiment", "sentiment_label") if c in df.columns]
    keep = np.ones(len(df), dtype=bool) if skip is None else ~np.asarray(skip, dtype=bool)
    several = df["brand_sentiments"].fillna("").ne("").to_numpy() if "brand_sentiments" in df.columns else None
    if several is None or not (several := several & keep).any():
        return (df[cols] if keep.all() else df.loc[keep, cols]), None
    many = df.loc[several, [*cols, "brand_sentiments"]]
    return df.loc[keep & ~several, cols], explode_brands(many, NO_BRAND, positive, negative)


def brand_counts(
    df: pd.DataFrame, positive: float = 0.05, negative: float = -0.05, split: tuple | None = None
) -> pd.DataFrame:
    """Per brand (the index), the counts `brand_summary` is built from: each brand of a post naming
    several with its own sentiment (`brand_sentiments`, labelled with these thresholds). `split`:
    `split_posts(df)`, when the caller has it."""
    if {"brand", "brand_sentiment", "brand_sentiment_label"} <= set(df.columns):
        # the long per-brand form (`analyze --per-brand`): each brand with the sentiment of its own clauses
        long = df[["brand", "brand_sentiment", "brand_sentiment_label"]].set_axis(
            ["brands", "sentiment", "sentiment_label"], axis=1
        )
        long = long.assign(brands=long["brands"].fillna("").astype(str).replace("", NO_BRAND))
        return sentiment_counts(long, ["brands"]).rename_axis("brand")
    cols = ["brands", "sentiment", "sentiment_label"]
    single, several = split if split is not None else split_posts(df, positive, negative)
    counts = list_counts(single[cols], {"brands": NO_BRAND})
    if several is not None:
        # the few posts naming several brands one row per brand; the rest counted per distinct brand list
        counts = add_counts(counts, sentiment_counts(several, ["brands"]))
    return counts.rename_axis("brand")


def brand_summary(df: pd.DataFrame, config: Config | None = None) -> pd.DataFrame:
    """One row per brand (config order), then `(no brand)`: mentions, share of voice, sentiment, of
    customers' posts (the brands' own, config `handles`, are left out); with an `intent` column (analyze's output),
    then the posts of each intent (`with_intents`), as `analyze --summary-csv` writes them.

    Each brand of a post naming several counts with its own sentiment rather than the whole post's:
    from `brand_sentiments`, or from the per-brand long form (brand, brand_sentiment, brand_sentiment_label).
    """
    check_enriched(df, ("brands", "sentiment", "sentiment_label"), "brand_summary")
    check_config(config, "brand_summary")
    customers = customer_posts(df, config)
    out = sentiment_summary(customers, config)
    if "intent" not in df.columns:  # (a frame built without one: the sentiment table alone)
        return out
    return with_intents(out, intent_summary_from_counts(intent_counts(customers), config))


def sentiment_summary(customers: pd.DataFrame, config: Config | None = None) -> pd.DataFrame:
    """`brand_summary` of customers' posts without its intents: `SUMMARY_COLUMNS` (the report's Brands table,
    whose intents are a table of their own)."""
    thresholds = (config.positive, config.negative) if config else ()
    return brand_summary_from_counts(brand_counts(customers, *thresholds), config)


#: the start of the brand summary's intent columns (`intent_complaint`, ..., `intent_none`)
INTENT_PREFIX = "intent_"


def with_intents(summary: pd.DataFrame, intents: pd.DataFrame) -> pd.DataFrame:
    """`summary` (`brand_summary`'s rows) with `intent_summary`'s figures as columns after its own: its posts of
    each intent, `intent_complaint` ... `intent_none` (a post of several intents in each: they may add up to more than
    `mentions`), as `analyze --summary-csv`
    writes them: one row per brand, as the terminal's "Intents per brand" shows them."""
    wide = intents.set_index("brand").drop(columns=["competitor", "mentions"]).add_prefix(INTENT_PREFIX)
    out = summary.join(wide, on="brand")
    return out.fillna(dict.fromkeys(wide.columns, 0)).astype(dict.fromkeys(wide.columns, "int64"))


def brand_summary_from_counts(counts: pd.DataFrame, config: Config | None = None) -> pd.DataFrame:
    """`brand_summary` from `brand_counts` (added up over chunks with `add_counts`)."""
    brands = config.brands if config else []
    stats = _with_rates(counts)
    order = [b.name for b in brands] + [n for n in stats.index if n not in {b.name for b in brands}]
    stats = stats.reindex(order).fillna({"mentions": 0, "positive": 0, "neutral": 0, "negative": 0, "unscored": 0})
    stats.index.name = "brand"
    out = stats.reset_index()
    for col in ("mentions", "positive", "neutral", "negative", "unscored"):
        out[col] = out[col].astype(int)
    out["competitor"] = out["brand"].isin([b.name for b in brands if b.competitor])
    branded = out["brand"] != NO_BRAND
    total = out.loc[branded, "mentions"].sum()
    # (each share rounded on its own, as a spreadsheet computes 3 / 11 = 27.3: together they may add up to 99.9)
    out["share_of_voice"] = np.where(branded & (total > 0), round_pct(100 * out["mentions"] / max(total, 1)), np.nan)
    # the no-brand row last, whatever its size
    out = pd.concat([out[branded], out[~branded]], ignore_index=True)
    return out[SUMMARY_COLUMNS]


def topic_counts(
    df: pd.DataFrame, positive: float = 0.05, negative: float = -0.05, split: tuple | None = None
) -> pd.DataFrame:
    """Per (brand, topic), the counts `topic_summary` is built from; as in `brand_counts`, each brand of
    a post naming several counts with its own sentiment. `split`: `split_posts(df)`, when the caller has it."""
    cols = ["brands", "topics", "sentiment", "sentiment_label"]
    lists = {"brands": NO_BRAND, "topics": None}
    if split is None and {"brand", "brand_sentiment", "brand_sentiment_label"} <= set(df.columns):
        # the long per-brand form (`analyze --per-brand`): a post naming several brands is a row per brand,
        # each counted for its own brand only (its `brands` would count it once per row for each)
        long = df[["brand", "topics", "brand_sentiment", "brand_sentiment_label"]].set_axis(cols, axis=1)
        return list_counts(long, lists)
    single, several = split if split is not None else split_posts(df, positive, negative)
    if several is None:
        return list_counts(single[cols], lists)
    return add_counts(list_counts(single[cols], lists), list_counts(several[cols], lists))


def _check_count(value: object, name: str, who: str, none: str) -> None:
    """A TypeError naming the keyword for a count that is not a whole number: `extreme_posts(enriched, config)`
    (the config where `n` goes) said "'<' not supported between instances of 'Config' and 'int'"."""
    if (value is None and none) or (isinstance(value, Integral) and not isinstance(value, bool)):  # (numpy's too)
        return
    also = " (the config goes as config=...)" if isinstance(value, Config) else ""
    wanted = f"a whole number {none}" if none else "a whole number"
    raise TypeError(f"{who}(): {name} takes {wanted}, not {type(value).__name__}{also}")


def topic_summary(df: pd.DataFrame, config: Config | None = None, top: int | None = 5) -> pd.DataFrame:
    """Per brand (config order, then `(no brand)`), topics by mentions with their NSS (the `top` largest
    per brand; None: all): `topic_summary(enriched, config)`, like `brand_summary` (customers' posts only)."""
    check_enriched(df, ("brands", "topics", "sentiment", "sentiment_label"), "topic_summary")
    check_config(config, "topic_summary")
    _check_count(top, "top", "topic_summary", none="or None for all")
    if top is not None and top < 0:  # (head(-1) kept all but the last)
        raise ValueError(f"topic_summary(): top must be 0 or more, or None for all, not {top}")
    thresholds = (config.positive, config.negative) if config else ()
    return topic_summary_from_counts(topic_counts(customer_posts(df, config), *thresholds), top, config)


def topic_summary_from_counts(counts: pd.DataFrame, top: int | None = 5, config: Config | None = None) -> pd.DataFrame:
    """`topic_summary` from `topic_counts` (added up over chunks with `add_counts`)."""
    columns = ["brand", "topic", "mentions", "positive", "negative", "nss"]
    if counts.empty:  # the columns of a table with rows
        return pd.DataFrame(columns=columns)
    stats = _with_rates(counts).reset_index()
    stats = stats.rename(columns={"brands": "brand", "topics": "topic"})
    rank = {b.name: i for i, b in enumerate(config.brands if config else [])}
    stats["_rank"] = stats["brand"].map(lambda b: len(rank) + (b == NO_BRAND) if b not in rank else rank[b])
    stats = stats.sort_values(["_rank", "brand", "mentions", "topic"], ascending=[True, True, False, True])
    if top is not None:  # (0: none; it gave every topic)
        stats = stats.groupby("brand", sort=False).head(top)
    return stats[columns].reset_index(drop=True)


#: the intent tables' columns, in this order (the config's own intents after them, then `none`)
INTENTS = ("complaint", "question", "praise", "suggestion", "purchase-intent")
#: a post without an intent, in the intent tables
NO_INTENT = "none"
#: `intent_counts`' key of a brand's posts whatever their intents (no intent's name: the rules need one)
POSTS = ""


def intent_names(config: Config | None = None, seen=()) -> list[str]:
    """The intent tables' intent columns: the built-in intents and the config's own (also those no post has,
    so a week's CSV has the columns of the week before), any other in `seen` (a store's posts tagged under an
    older config), then `none`."""
    from ..enrich.intent import intents_from_config  # (here: the summaries load without the intent rules)

    rules = [r.name for r in intents_from_config(config.raw if config else None, (config and config.path) or "config")]
    names = [*INTENTS, *(n for n in rules if n not in INTENTS)]
    return [*names, *sorted(set(seen) - {*names, NO_INTENT, POSTS}), NO_INTENT]


def known_intents(intents, config: Config | None, posts: pd.DataFrame) -> list[str]:
    """The intent names `report --intent`, `queue --intent` and `make_report(intents=...)` take, as the rules spell
    them, or a usage error naming the close one: the built-in intents, the config's own and any the posts were tagged
    with (a store's, under an older config); `--intent sugestion` said "0 posts to answer", exit 0."""
    from .. import errors
    from ..config import named_brands

    known = [n for n in intent_names(config) if n != NO_INTENT]
    for column in ("intents", "intent"):
        if column in posts:
            tags = posts[column].dropna().astype(str).unique()
            known += sorted({t for tag in tags for t in tag.split(LIST_SEPARATOR) if t} - {n.lower() for n in known})
    option = errors.option("intents=", "--intent")
    return named_brands(intents, known, "the rules' and the posts'", option=option, what="intent")


def urgent_intents(config: Config | None) -> list[str]:
    """The intents the config marks `urgent = true` (a charity's `safeguarding`), in its order: their posts head the
    queue, alert by themselves and are counted in the report's urgent table."""
    if config is None or "intent" not in config.raw:
        return []
    from ..enrich.intent import split_intents  # (here: the summaries load without the intent rules)

    own, built_in = split_intents(config.raw, str(config.path or "config"))
    return [r.name for r in own + built_in if r.urgent]


def complaint_intents(config: Config | None) -> list[str]:
    """`complaint` and the config's own intents to answer (`answer` or `urgent = true`: a charity's `payment` and
    `safeguarding`), which the topics tables count as complaints (stop 48: "safeguarding 25 posts, complaints 0"), but
    for their posts the built-in rules read as questions (`metrics._complaints`)."""
    if config is None or "intent" not in config.raw:
        return ["complaint"]
    from ..enrich.intent import split_intents  # (here: the summaries load without the intent rules)

    own, _ = split_intents(config.raw, str(config.path or "config"))
    return ["complaint", *(r.name for r in own if r.answer)]


def intent_counts(df: pd.DataFrame) -> pd.DataFrame:
    """Per (brand, intent), the posts (`posts`) of each intent they have: every one of their `intents` (since stop 54:
    a complaint that asks for an offline mode counted as a complaint alone, and was no suggestion), else their
    `intent`; a post naming several brands in each brand's row, one naming none in `(no brand)`'s, one without an
    intent as `none`; and each brand's posts whatever their intents under `POSTS` (the intents add up to more). They
    add up across chunks (`add_counts`)."""
    long_form = set(LONG_FORM) <= set(df.columns)  # (`--per-brand` rows: a post naming several is a row per brand)
    brands = df["brand" if long_form else "brands"].fillna("").astype(str)
    intent = df["intent"].fillna("").astype(str) if "intent" in df.columns else pd.Series("", index=df.index)
    every = df["intents"].fillna("").astype(str) if "intents" in df.columns else intent
    combos = pd.DataFrame({"brands": brands, "intent": every.where(every != "", intent)})
    combos = combos.groupby(["brands", "intent"], sort=False).size().rename("posts").reset_index()
    # (each distinct list split once: a few dozen in 100,000 posts; each intent once, as a list may say one twice)
    listed = combos["intent"].map(lambda x: [POSTS, *dict.fromkeys(t for t in x.split(LIST_SEPARATOR) if t)])
    combos["intent"] = listed.map(lambda tags: tags if len(tags) > 1 else [POSTS, NO_INTENT])
    combos = combos.explode("intent")
    return explode_list(combos, "brands", NO_BRAND).groupby(["brands", "intent"], sort=True)[["posts"]].sum()


def intent_summary_from_counts(
    counts: pd.DataFrame, config: Config | None = None, names: list[str] | None = None
) -> pd.DataFrame:
    """`intent_summary` from `intent_counts` (added up over chunks with `add_counts`); `names`: the intent
    columns (`intent_names`, by default of `config` and the counts)."""
    posts = (
        counts["posts"]
        if len(counts)
        else pd.Series(dtype="int64", index=pd.MultiIndex.from_tuples([], names=["brands", "intent"]))
    )
    wide = posts.unstack("intent", fill_value=0)
    mentions = wide.pop(POSTS) if POSTS in wide.columns else wide.sum(axis=1)  # (a post of several intents: once)
    names = names if names is not None else intent_names(config, wide.columns)
    brands = config.brands if config else []
    named = [b.name for b in brands]
    others = [n for n in wide.index if n not in {*named, NO_BRAND}]
    order = [*named, *others, *([NO_BRAND] if NO_BRAND in wide.index else [])]  # (the brand table's)
    wide = wide.reindex(index=order, columns=names, fill_value=0).fillna(0).astype("int64")
    out = wide.rename_axis(index="brand", columns=None).reset_index()
    out.insert(1, "competitor", out["brand"].isin([b.name for b in brands if b.competitor]))
    out.insert(2, "mentions", mentions.reindex(order, fill_value=0).astype("int64").to_numpy())
    return out


def intent_summary(df: pd.DataFrame, config: Config | None = None) -> pd.DataFrame:
    """Per brand (config order, then `(no brand)`), its mentions and how many of them are each intent
    (complaint, question, praise, suggestion, purchase-intent, the config's own, and `none`), of customers'
    posts (the brands' own, config `handles`, are left out): `intent_summary(enriched, config)`, like
    `brand_summary`. A post naming several brands counts in each of their rows, one of several intents (its
    `intents`, "complaint;suggestion") in each of their columns: they may add up to more than its mentions."""
    check_enriched(df, ("brands", "intent"), "intent_summary")
    check_config(config, "intent_summary")
    return intent_summary_from_counts(intent_counts(customer_posts(df, config)), config)


EXTREME_COLUMNS = ["post_id", "platform", "author", "brands", "sentiment", "brand_sentiments", "text"]


def _extreme_columns(df: pd.DataFrame) -> list[str]:
    """Those the posts have (a frame built by hand may lack some), with `url` when they have one: the
    terminal links a post's text to it."""
    return [c for c in [*EXTREME_COLUMNS, "url"] if c in df.columns]


def score_range(df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each post's lowest and highest score: its own, or a brand's own in a post naming several
    (`brand_sentiments`), as the brand tables count them: "switched from A to B, best decision ever" is
    among the negative posts for A. NaN for posts without a sentiment."""
    score = df["sentiment"].astype("float64").to_numpy(dtype=float, na_value=np.nan)
    low, high = score.copy(), score.copy()
    if "brand_sentiments" in df.columns:
        cells = df["brand_sentiments"].fillna("").to_numpy(object)
        for i in np.flatnonzero(cells != ""):
            own = own_scores(cells[i]).values()
            low[i], high[i] = min(low[i], *own), max(high[i], *own)
    return low, high


def not_listed(df: pd.DataFrame, config: Config | None, skip: pd.Series | None = None) -> pd.Series:
    """The posts the lists of most negative and positive posts leave out: those `skip` marks, else the brands'
    own (config `handles`), and, with brands configured, those naming none of them ("the best sushi in Miami"
    led the most positive posts of a brand analysis). Without brands every post names none: all are listed."""
    out = by_own_handle(df, config) if skip is None else pd.Series(np.asarray(skip, dtype=bool), index=df.index)
    if config is not None and config.brands:
        out = out | df["brands"].fillna("").eq("").to_numpy(dtype=bool)
    return out


def extreme_candidates(
    df: pd.DataFrame, n: int = 5, skip: pd.Series | None = None, positive: float = 0.05, negative: float = -0.05
) -> pd.DataFrame:
    """The rows `extreme_posts` may pick from this slice, in their order, with what it sorts on:
    the extremes of all slices are among the candidates of each. Rows `skip` marks are left out;
    `positive` and `negative` are the config's thresholds, as for `extreme_posts`."""
    neg, pos = extreme_rows(df.reset_index(drop=True), n, skip, positive, negative)
    rows = sorted(set(neg.index) | set(pos.index))
    return df.reset_index(drop=True).loc[rows, [*_extreme_columns(df), "likes", "reposts", "replies"]]


def extreme_posts(
    df: pd.DataFrame,
    n: int = 5,
    keep_index: bool = False,
    skip: pd.Series | None = None,
    *,
    config: Config | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The `n` most negative and most positive posts (ties: more engagement first), leaving out the
    rows `skip` marks, or with `config` the brands' own posts (its `handles`), as the CLI and
    `brand_summary(df, config)` do: their apologies are not customers' voices. With brands configured, only
    posts naming one of them are listed: the lists are of posts about the brands. A post naming several
    brands is ranked by its lowest (highest) score, its own or a brand's (`score_range`). Only posts
    the brand tables count negative (positive) are listed: a score below the config's `negative`
    (above its `positive`) threshold, -0.05 (0.05) without a config, so a neutral "meh" (-0.04) is in
    neither list. The index is reset unless `keep_index`."""
    check_enriched(df, ("brands", "sentiment"), "extreme_posts")
    check_config(config, "extreme_posts")
    _check_count(n, "n", "extreme_posts", none="")
    if n < 0:  # ([:-1] kept all but one)
        raise ValueError(f"extreme_posts(): n must be 0 or more, not {n}")
    if set(LONG_FORM) <= set(df.columns):
        # `per_brand`'s rows, as brand_summary takes them: a post naming several brands is a row per brand, and
        # was listed once per brand
        first = ~df.duplicated(_extreme_columns(df)).to_numpy()
        df, skip = df[first], None if skip is None else np.asarray(skip, dtype=bool)[first]
    if config is not None:
        skip = not_listed(df, config, skip)
    thresholds = (config.positive, config.negative) if config else ()
    neg, pos = extreme_rows(df, n, skip, *thresholds)
    if keep_index:
        return neg, pos
    return neg.reset_index(drop=True), pos.reset_index(drop=True)


def extreme_rows(
    df: pd.DataFrame, n: int, skip: pd.Series | None, positive: float = 0.05, negative: float = -0.05
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`extreme_posts`' rows with their index: those below `negative` (above `positive`), as `label`
    counts them, lowest (highest) first."""
    cols = _extreme_columns(df)
    # sort positions with numpy (copying every column of a large chunk costs more than the sort);
    # lexsort is stable, so ties keep the input order
    low, high = score_range(df)
    if skip is not None:
        low, high = (np.where(np.asarray(skip, dtype=bool), np.nan, s) for s in (low, high))
    engagement = np.zeros(len(df))  # (a count a frame lacks: none)
    for c in ("likes", "reposts", "replies"):
        if c in df.columns:
            engagement += df[c].to_numpy(dtype=float, na_value=0.0)
    # (below 0 listed a neutral "meh", -0.04, among the most negative posts that the table counts neutral)
    neg, pos = np.flatnonzero(low < negative), np.flatnonzero(high > positive)
    neg = neg[np.lexsort((-engagement[neg], low[neg]))[:n]]
    pos = pos[np.lexsort((-engagement[pos], -high[pos]))[:n]]
    return df[cols].iloc[neg], df[cols].iloc[pos]
