"""Period-over-period numbers: brands, time series, topics, authors and posts.

Definitions (README, "Report contents"):
- volume: posts mentioning the brand; `(all posts)` counts every post once.
- NSS = 100 * (positive - negative) / scored posts; share of voice = brand volume / sum of brand volumes.
- engagement = likes + reposts + replies (missing counts as 0); reach = author_followers + engagement.
- changes are current minus comparison (percentage points for NSS, share of voice and negative %).
- stars: the mean `rating` of the posts with one (reviews; 0 to 5, halves), `rated` those posts, `low_rated_pct` the
  % of them of LOW_RATING (2) stars or fewer; columns only where some post of either period has a rating.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..config import Config
from ..enrich.intent import LOW_RATING, split_intents, star_ratings, tag_intent
from ..schema import LIST_SEPARATOR, NEGATIVE_POST_COLUMNS
from ..schema import TABLE_POST_COLUMNS as POST_COLUMNS  # (`metrics.POST_COLUMNS`, as it was)
from .periods import Period, bucket_grid, bucket_spans, bucket_starts
from .summary import (
    NO_BRAND,
    SENTIMENT_DECIMALS,
    SUMMARY_COLUMNS,
    _sentiment_counts,
    complaint_intents,
    explode_brands,
    explode_list,
    intent_counts,
    intent_names,
    intent_summary_from_counts,
    round_pct,
    sentiment_summary,
    urgent_intents,
)

ALL = "(all posts)"


def with_reach(df: pd.DataFrame) -> pd.DataFrame:
    engagement = df[["likes", "reposts", "replies"]].fillna(0).sum(axis=1).astype("int64")
    followers = df["author_followers"].fillna(0).astype("int64")
    return df.assign(engagement=engagement, reach=followers + engagement)


def _overall(df: pd.DataFrame) -> pd.DataFrame:
    stats = _sentiment_counts(df.assign(_all=ALL), "_all").reset_index(names="brand")
    return stats.assign(competitor=False, share_of_voice=np.nan)


def _empty_summary(config: Config | None) -> pd.DataFrame:
    """The config's brands and (all posts) at 0: a quiet week's brands CSV had no (all posts) row."""
    brands = config.brands if config else []
    out = pd.DataFrame({c: pd.Series([0] * (len(brands) + 1), dtype="int64") for c in SUMMARY_COLUMNS})
    out["brand"] = [*(b.name for b in brands), ALL]
    out["competitor"] = [*(b.competitor for b in brands), False]
    for col in ("share_of_voice", "positive_pct", "neutral_pct", "negative_pct", "nss", "avg_sentiment"):
        out[col] = np.nan
    return out


def change_pct(volume: pd.Series, volume_prev: pd.Series, scale: float = 1.0) -> pd.Series:
    """The change of a volume in %, unrounded: of posts per day when the periods differ in length (`scale`, the
    period's length / the comparison period's: 31 / 28 for March after February, whose 280 posts are as many a day
    as March's 310: +0 %, not +11 %). None where the comparison period had none."""
    expected = volume_prev * scale
    expected = expected.replace(0, np.nan) if isinstance(expected, pd.Series) else expected or np.nan
    return 100 * (volume - expected) / expected


def brand_table(
    current: pd.DataFrame,
    previous: pd.DataFrame | None,
    config: Config | None,
    scale: float = 1.0,
) -> pd.DataFrame:
    """Per brand (config order), `(no brand)`, and `(all posts)`: volume, sentiment, NSS, share of voice, changes
    (`volume_change_pct` of posts per day: `change_pct`)."""

    def summarize(df: pd.DataFrame) -> pd.DataFrame:
        out = sentiment_summary(df, config) if len(df) else _empty_summary(config)  # (build_report's customers)
        if len(df):
            out = pd.concat([out, _overall(df)[out.columns]], ignore_index=True)
        return out.rename(columns={"mentions": "volume"}).set_index("brand")

    cur = summarize(current)
    cols = ["volume", "positive", "neutral", "negative", "unscored", "negative_pct", "nss", "share_of_voice"]
    prev = summarize(previous) if previous is not None else None
    if prev is not None and len(gone := prev.index.difference(cur.index, sort=False)):
        # rows of the comparison period alone ("(no brand)", "(all posts)" of an empty week): 0 now
        zero = pd.DataFrame(
            {
                "competitor": prev.loc[gone, "competitor"],
                "volume": 0,
                "positive": 0,
                "neutral": 0,
                "negative": 0,
                "unscored": 0,
            },
            index=gone,
        )
        cur = pd.concat([cur, zero])
        cur = cur.reindex([*cur.index.drop(ALL, errors="ignore"), ALL] if ALL in cur.index else cur.index)  # last
    out = cur[["competitor", *cols]].copy()
    if prev is not None:
        prev = prev.reindex(cur.index)
        prev["volume"] = prev["volume"].fillna(0)
        out["volume_prev"] = prev["volume"].astype(int)
        out["volume_change"] = out["volume"] - out["volume_prev"]
        out["volume_change_pct"] = round_pct(change_pct(out["volume"], out["volume_prev"], scale))
        change = _rates(cur) - _rates(prev)
        for col in ("negative_pct", "nss", "share_of_voice"):
            out[f"{col}_prev"] = prev[col]
            out[f"{col}_change"] = round_pct(change[col])
    # (after the columns of before stop 42, which a sheet may read by their place)
    out["engagement"], share = _engagement(current, config, out.index)
    out["share_of_engagement"] = round_pct(share)
    out["co_mentions"] = co_mentions(current, out.index)  # (and those of stop 43 after them)
    if previous is not None:  # (a weekly report compared volume and NSS with last week, not engagement)
        before, share_before = _engagement(previous, config, out.index)
        before = before.mask(out["volume_prev"].eq(0), 0)  # (no posts then: none engaged; not "–")
        out["engagement_prev"] = before
        out["engagement_change"] = out["engagement"] - before
        out["share_of_engagement_change"] = round_pct(share - share_before)  # (unrounded, as `_rates`)
    if rated(current) or previous is not None and rated(previous):  # (and those of stop 47: a review's stars)
        stars = _stars(current, config, out.index)
        out["rated"], out["avg_rating"] = stars["rated"], round_pct(stars["avg_rating"], 2)
        out["low_rated_pct"] = round_pct(stars["low_rated_pct"])
        if previous is not None:
            before = _stars(previous, config, out.index)
            out["rated_prev"], out["avg_rating_prev"] = before["rated"], round_pct(before["avg_rating"], 2)
            out["avg_rating_change"] = round_pct(stars["avg_rating"] - before["avg_rating"], 2)  # (unrounded)
            out["low_rated_pct_prev"] = round_pct(before["low_rated_pct"])
            out["low_rated_pct_change"] = round_pct(stars["low_rated_pct"] - before["low_rated_pct"])
    return out.reset_index()


def rated(df: pd.DataFrame) -> bool:
    """Whether some post has a star rating (a review): the tables then show stars, else no column of them."""
    return bool(star_ratings(df).notna().any())


def star_scale(df: pd.DataFrame) -> tuple[float, float] | None:
    """The lowest and highest star rating of `df`'s posts (None: none rated): the key says the scale the reviews
    have, not "1 to 5, or 0 to 5" on every report."""
    stars = star_ratings(df).dropna()
    return (float(stars.min()), float(stars.max())) if len(stars) else None


def _stars(df: pd.DataFrame, config: Config | None, rows: pd.Index) -> pd.DataFrame:
    """Per brand table row (or `rows` of `(brand, bucket)` keys, of `df` with a `bucket`): its posts with a
    rating (`rated`), their mean stars and the % of them of LOW_RATING stars or fewer (unrounded; NaN: none rated).
    A review naming several brands counts in each of their rows, as in volume. Posts without a sentiment (a language
    the analyzer does not read) count too: their stars are no reading of their words."""
    stars = star_ratings(df)
    keys = ["brands", *(["bucket"] if "bucket" in df else [])]
    long = _explode_brands(
        df[keys].assign(_stars=stars, _low=(stars <= LOW_RATING).astype(float).where(stars.notna())), config
    )
    g = long.groupby(keys if len(keys) > 1 else keys[0])
    out = pd.DataFrame(
        {"rated": g["_stars"].count(), "avg_rating": g["_stars"].mean(), "low_rated_pct": 100 * g["_low"].mean()}
    )
    out = out.reindex(rows)
    out["rated"] = out["rated"].fillna(0).astype("int64")
    return out


#: the versions table's columns (`version_table`)
VERSION_COLUMNS = ["app_version", "reviews", "positive", "neutral", "negative", "unscored", "negative_pct", "nss"]
VERSION_COLUMNS += ["rated", "avg_rating", "low_rated_pct", "nss_change", "avg_rating_change"]


def version_table(df: pd.DataFrame) -> pd.DataFrame:
    """Per app version of the period's reviews (`VERSION_FIELDS`, as the review exports give it), newest first: its
    reviews, their sentiment (NSS, negative %) and stars (`_stars`'s), the question an app team asks after a
    release, which no output answered; and their change from the version before (`nss_change`, `avg_rating_change`).
    No rows for posts of no version (a file of posts, or a store of posts stored before schema 13)."""
    if "app_version" not in df.columns or not df["app_version"].notna().any():
        return pd.DataFrame({c: pd.Series(dtype="object") for c in VERSION_COLUMNS})
    reviews = df[df["app_version"].notna()]
    out = _sentiment_counts(reviews, "app_version").rename(columns={"mentions": "reviews"})
    stars = star_ratings(reviews)
    g = reviews.assign(_stars=stars, _low=(stars <= LOW_RATING).astype(float).where(stars.notna()))
    g = g.groupby("app_version")
    out["rated"] = g["_stars"].count().reindex(out.index).fillna(0).astype("int64")
    mean = g["_stars"].mean().reindex(out.index)
    out["avg_rating"] = round_pct(mean, 2)
    out["low_rated_pct"] = round_pct(100 * g["_low"].mean().reindex(out.index))
    order = sorted(out.index, key=_version_key, reverse=True)
    out, mean = out.loc[order].reset_index(names="app_version"), mean[order].reset_index(drop=True)
    # (each version against the one before it, the next row: the change a release made; none for the oldest. Of the
    # unrounded figures, as the Brands table's: 1.67 - 1.33 stars was +0.34, for 1.667 - 1.333)
    nss = _nss(out)
    out["nss_change"] = round_pct(nss - nss.shift(-1))
    out["avg_rating_change"] = round_pct(mean - mean.shift(-1), 2)
    return out[VERSION_COLUMNS]


def _version_key(version: str) -> tuple:
    """A version's order: by its numbers (`4.10.0` after `4.9.2`, which text put before it; `v2` as `2`, which came
    above every number), a pre-release (`5.10.0-beta`, `5.10.0rc1`) before its release (it came after), then as
    written; a version not starting with a number before all the others."""
    text = str(version)
    numbered = re.match(r"[vV]?(\d+(?:\.\d+)*)(.*)", text, re.S)
    if not numbered:
        return (0, (), 0, ()), text
    rest = numbered[2]
    parts = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.findall(r"\d+|[^\d.]+", rest))
    released = not re.match(r"[-_~]?[a-zA-Z]", rest)  # (`+build7`, ` (510)`: the release's own)
    return (1, tuple(int(n) for n in numbered[1].split(".")), int(released), parts), text


def co_mentions(df: pd.DataFrame, rows: pd.Index) -> pd.Series:
    """Per brand table row, its posts that name another brand too ("$TSLA up 4% as Voltra recall hits rival" in
    Tesla's volume and engagement, and in Voltra's): of `(all posts)`, the posts naming several; 0 for
    `(no brand)`. A brand's volume and engagement count such a post in each of its brands' rows."""
    names = df["brands"].fillna("").astype(str).str.split(LIST_SEPARATOR)
    several = names[names.str.len() > 1]
    counts = several.explode().value_counts()
    out = counts.reindex(rows, fill_value=0).astype("int64")
    if ALL in rows:
        out[ALL] = len(several)
    return out


#: the canonical schema's counts of a post's engagement (`schema.py`)
ENGAGEMENT = ["likes", "reposts", "replies"]


def _engagement(df: pd.DataFrame, config: Config | None, rows: pd.Index) -> tuple[pd.Series, pd.Series]:
    """Per brand table row, its posts' likes + reposts + replies (a post naming several brands in each row, an empty
    count as 0), and its % of all brands' engagement (unrounded), as share of voice is of their posts: a creator's
    video of 340,800 counted as one post, as a reply of 9 likes did. Empty where none of the row's posts has a count
    (news, a review export, a frame without the columns): 0 would read as posts nobody engaged with."""
    sums = pd.Series(np.nan, index=rows)
    if len(df):
        counts = df.reindex(columns=ENGAGEMENT).apply(pd.to_numeric, errors="coerce")
        long = _explode_brands(df[["brands"]].assign(engagement=counts.sum(axis=1, min_count=1)), config)
        sums = long.groupby("brands")["engagement"].sum(min_count=1).reindex(rows)
    engagement = sums.round().astype("Int64")  # (whole counts; <NA> where no post of the row has one)
    branded = ~rows.isin([NO_BRAND, ALL])
    total = sums[branded].sum()
    share = (100 * sums / total).where(branded) if total else pd.Series(np.nan, index=rows)
    return engagement, share


def _rates(t: pd.DataFrame) -> pd.DataFrame:
    """The brand table's percentages unrounded, from its counts: a change of the rounded ones was off by 0.1
    (NSS -66.7 after -33.3 showed -33.4 for -33.33)."""
    scored = t[["positive", "neutral", "negative"]].sum(axis=1).replace(0, np.nan)
    branded = ~t.index.isin([NO_BRAND, ALL])
    total = t.loc[branded, "volume"].sum()
    share = 100 * t["volume"] / total if total else np.nan
    return pd.DataFrame(
        {
            "negative_pct": 100 * t["negative"] / scored,
            "nss": 100 * (t["positive"] - t["negative"]) / scored,
            "share_of_voice": pd.Series(share, index=t.index).where(branded),
        }
    )


def _nss(t: pd.DataFrame) -> pd.Series:
    """NSS unrounded, from the counts (a change of rounded ones is off by 0.1: `_rates`)."""
    scored = t[["positive", "neutral", "negative"]].sum(axis=1).replace(0, np.nan)
    return 100 * (t["positive"] - t["negative"]) / scored


def _explode_brands(df: pd.DataFrame, config: Config | None) -> pd.DataFrame:
    thresholds = (config.positive, config.negative) if config else ()
    long = explode_brands(df, NO_BRAND, *thresholds)
    return pd.concat([long, df.assign(brands=ALL)], ignore_index=True)


def timeseries(df: pd.DataFrame, period: Period, bucket: str = "day", config: Config | None = None) -> pd.DataFrame:
    """Volume, sentiment counts, NSS and share of voice per brand per bucket (every bucket present, empty ones as 0);
    as in the brand table, `unscored` counts the posts without a sentiment, so the four counts add up to volume, and
    a brand's share of voice is of the bucket's brand mentions (a quarter's month by month). `bucket_end` and
    `partial`: a bucket the period cuts (`periods.bucket_spans`: a quarter's first week from a Tuesday) says so, after
    the other columns (a reader of columns by position sees none move)."""
    buckets = bucket_grid(period.start, period.end, bucket, period.zone)
    counts = ["volume", "positive", "neutral", "negative", "unscored"]
    cols = ["bucket", "brand", *counts, "nss", "share_of_voice", "bucket_end", "partial"]
    spans = bucket_spans(buckets, period.end, bucket, period.zone)[["end", "partial"]]
    spans = spans.rename(columns={"end": "bucket_end"}).rename_axis("bucket").reset_index()
    if df.empty:  # the config's brands too, at 0 (their trends were blank in an empty week)
        named = [b.name for b in config.brands] if config else []
        full = pd.MultiIndex.from_product([[*named, ALL], buckets], names=["brand", "bucket"])
        zero = {**dict.fromkeys(counts, 0), "nss": np.nan, "share_of_voice": np.nan}
        return pd.DataFrame(zero, index=full).reset_index().merge(spans, on="bucket", how="left")[cols]
    needed = ["created_at", "brands", "sentiment", "sentiment_label", "brand_sentiments"]
    long = _explode_brands(df[[c for c in needed if c in df.columns]], config)
    # buckets count from the period's start (`--until 2026-11-09T00:00+01:00`: 23:00Z), days on the zone's clock
    long = long.assign(bucket=bucket_starts(long["created_at"], period.start, bucket, period.zone))
    stats = _sentiment_counts(long, ["brands", "bucket"]).rename(columns={"mentions": "volume"})
    # the brand table's order: the config's brands (quiet ones too, at 0), then (no brand) and (all posts)
    seen = set(long["brands"])
    named = [b.name for b in config.brands] if config else sorted(seen - {NO_BRAND, ALL})
    brands = [*named, *(b for b in (NO_BRAND, ALL) if b in seen), *sorted(seen - {*named, NO_BRAND, ALL})]
    full = pd.MultiIndex.from_product([brands, buckets], names=["brands", "bucket"])
    stats = stats.reindex(full)
    for col in counts:
        stats[col] = stats[col].fillna(0).astype(int)
    out = stats.reset_index().rename(columns={"brands": "brand"})
    branded = ~out["brand"].isin([NO_BRAND, ALL])
    mentions = out["volume"].where(branded, 0).groupby(out["bucket"]).transform("sum")
    out["share_of_voice"] = round_pct(100 * out["volume"] / mentions.replace(0, np.nan)).where(branded)
    out = out.merge(spans, on="bucket", how="left")[cols]
    if rated(df):  # (a review's stars per bucket, after the other columns: stars per week of a quarter)
        timed = df[["brands", "rating"]].assign(
            bucket=bucket_starts(df["created_at"], period.start, bucket, period.zone)
        )
        stars = _stars(timed, config, pd.MultiIndex.from_frame(out[["brand", "bucket"]]))
        out["rated"], out["avg_rating"] = stars["rated"].to_numpy(), round_pct(stars["avg_rating"], 2).to_numpy()
    return out


def topic_table(
    current: pd.DataFrame, previous: pd.DataFrame | None, scale: float = 1.0, config: Config | None = None
) -> pd.DataFrame:
    """Topics over all posts, by volume: NSS and the change against the comparison period (`volume_change_pct` of
    posts per day: `change_pct`). A topic of the comparison period alone is listed too, at volume 0 with its fall
    (it was left out, so a topic that went from 40 posts to none was in no table), after the others, the largest
    fall first."""

    def per_topic(df: pd.DataFrame) -> pd.DataFrame:
        complaints = _complaints(df, config)
        long = explode_list(df[["topics", "sentiment", "sentiment_label"]].assign(_complaint=complaints), "topics")
        if long.empty:
            empty = {c: pd.Series(dtype=int) for c in ("volume", "complaints", "positive", "neutral", "negative")}
            return pd.DataFrame({**empty, "nss": pd.Series(dtype=float)}, index=pd.Index([], name="topic"))
        stats = _sentiment_counts(long, "topics").rename(columns={"mentions": "volume"})
        stats.index.name = "topic"
        # (the posts on the topic whose intent is complaint, or the config's own to answer: what to fix first)
        stats["complaints"] = long.groupby("topics")["_complaint"].sum().reindex(stats.index).astype(int)
        return stats[["volume", "complaints", "positive", "neutral", "negative", "nss"]]

    out = per_topic(current)
    prev = per_topic(previous) if previous is not None else None
    if prev is not None:
        out = _against(out, prev, scale, counts=["complaints"])
    out = out.reset_index()
    fell = out["volume_change"].where(out["volume"] == 0, 0) if prev is not None else 0  # (those at 0: largest fall)
    out = out.assign(_fell=fell).sort_values(["volume", "_fell", "topic"], ascending=[False, True, True])
    return out.drop(columns=["positive", "neutral", "negative", "_fell"]).reset_index(drop=True)


def _complaints(df: pd.DataFrame, config: Config | None) -> pd.Series:
    """Which posts' intent is complaint or one of the config's own to answer (`complaint_intents`; none where the
    frame has no intent), but for a post of the config's own that the built-in rules read as a question: a gym's
    `cancel` holds "how do I cancel?" and "been trying to cancel for 3 months", and only the second is a fault to fix
    (stop 49: both were the topic's complaints). A post without its text (a store's comparison period reads the texts
    of these intents' posts: `cli/report.py`) counts by its intent alone."""
    if "intent" not in df:
        return pd.Series(False, index=df.index)
    intent = df["intent"].fillna("").str.lower()
    out = intent.isin([name.lower() for name in complaint_intents(config)])
    own = (out & (intent != "complaint")).to_numpy(dtype=bool) & ("text" in df and df["text"].notna().to_numpy(bool))
    if not own.any():
        return out
    rows = np.flatnonzero(own)
    _, built_in = split_intents(config.raw, str(config.path or "config"))
    read = tag_intent(df.iloc[rows], built_in, brands_configured=bool(config.brands), brands=config.brands)["intent"]
    counted = np.array(out, dtype=bool)
    counted[rows[(read == "question").to_numpy(dtype=bool)]] = False
    return pd.Series(counted, index=df.index)


def _against(out: pd.DataFrame, prev: pd.DataFrame, scale: float, counts: list[str] = ()) -> pd.DataFrame:
    """A topics table's counts `out` with the comparison period's `prev` (the keys of either, at 0 where a period has
    none): `volume_prev`, `volume_change`, `volume_change_pct` (of posts per day, as `change_pct`), then `X_prev` and
    `X_change` of each of `counts`, `nss_prev` and `nss_change` (of the unrounded NSS: `_nss`)."""
    prev = prev.reindex(out.index.union(prev.index))
    out = out.reindex(prev.index)
    out["volume"] = out["volume"].fillna(0).astype(int)
    out["volume_prev"] = prev["volume"].fillna(0).astype(int)
    out["volume_change"] = out["volume"] - out["volume_prev"]
    out["volume_change_pct"] = round_pct(change_pct(out["volume"], out["volume_prev"], scale))
    for c in counts:
        out[c] = out[c].fillna(0).astype(int)
        out[f"{c}_prev"] = prev[c].fillna(0).astype(int)
        out[f"{c}_change"] = out[c] - out[f"{c}_prev"]
    out["nss_prev"] = prev["nss"]
    out["nss_change"] = round_pct(_nss(out) - _nss(prev))
    return out


def brand_topic_table(
    current: pd.DataFrame,
    previous: pd.DataFrame | None,
    config: Config | None,
    scale: float = 1.0,
    top: int | None = None,
) -> pd.DataFrame:
    """Per brand (the brand table's order, posts naming none left out) its topics by volume, with NSS of the brand's
    own sentiment, as its row of the brand table counts it: what each brand is praised and criticised for. "Three vs
    Voltel: Voltel wins on coverage" is network talk negative for Three, which the topics table (of posts as a whole,
    also with `--for-brand Three`) counted as positive. `volume_change_pct` of posts per day, as `change_pct`. `top`:
    each brand's first so many (`--top`: 12 brands of 20 topics were 240 rows while the other tables kept to 5)."""
    keys = ["brand", "topic"]

    def per_topic(df: pd.DataFrame) -> pd.DataFrame:
        cols = [c for c in ("brands", "topics", "sentiment", "sentiment_label", "brand_sentiments") if c in df.columns]
        thresholds = (config.positive, config.negative) if config else ()
        long = explode_list(
            explode_brands(df[cols].assign(_complaint=_complaints(df, config)), NO_BRAND, *thresholds), "topics"
        )
        stats = _sentiment_counts(long, ["brands", "topics"]).rename(columns={"mentions": "volume"})
        stats.index = stats.index.set_names(keys)
        # (a store's complaints per topic, as the topics table's: which store to fix first, and what)
        stats["complaints"] = long.groupby(["brands", "topics"])["_complaint"].sum().reindex(stats.index).astype(int)
        return stats[["volume", "complaints", "positive", "neutral", "negative", "nss"]]

    out = per_topic(current)
    if previous is not None:
        out = _against(out, per_topic(previous), scale, counts=["complaints"])
    out = out.reset_index()
    out = out[out["brand"] != NO_BRAND]
    named = [b.name for b in config.brands] if config else []
    order = {name: i for i, name in enumerate([*named, *sorted(set(out["brand"]) - set(named))])}
    competitors = [b.name for b in config.brands if b.competitor] if config else []
    out.insert(1, "competitor", out["brand"].isin(competitors))
    # (a brand's topics at 0, as the topics table's, after its others, the largest fall first: they were by name)
    fell = out["volume_change"].where(out["volume"] == 0, 0) if previous is not None else 0
    out = out.assign(_order=out["brand"].map(order), _fell=fell).sort_values(
        ["_order", "volume", "_fell", "topic"], ascending=[True, False, True, True]
    )
    if top is not None:
        out = out.groupby("_order", sort=False).head(top)
    return out.drop(columns=["positive", "neutral", "negative", "_order", "_fell"]).reset_index(drop=True)


def intent_table(current: pd.DataFrame, previous: pd.DataFrame | None, config: Config | None) -> pd.DataFrame:
    """Per brand (the brand table's rows: config order, `(no brand)`, `(all posts)`), its volume and the posts
    of each intent (`intent_summary`'s columns), with `X_prev` and `X_change` of each against the comparison
    period. A post naming several brands counts in each of their rows, and once in `(all posts)`'s."""
    counts = {"cur": intent_counts(current), "prev": intent_counts(previous) if previous is not None else None}
    names = intent_names(config, {i for c in counts.values() if c is not None for i in c.index.get_level_values(1)})

    def summarize(df: pd.DataFrame, c: pd.DataFrame) -> pd.DataFrame:
        every = intent_summary_from_counts(intent_counts(df.assign(brands=ALL)), None, names)
        every = (
            every
            if len(every)
            else pd.DataFrame([{"brand": ALL, "competitor": False}]).reindex(columns=every.columns, fill_value=0)
        )
        out = pd.concat([intent_summary_from_counts(c, config, names), every], ignore_index=True)
        return out.rename(columns={"mentions": "volume"}).set_index("brand")

    cur = summarize(current, counts["cur"])
    if previous is None:
        return cur.reset_index()
    prev = summarize(previous, counts["prev"])
    gone = prev.index.difference(cur.index, sort=False)  # rows of the comparison period alone: 0 now
    index = [*cur.index.drop(ALL), *gone, ALL]
    figures = ["volume", *names]
    cur, prev = cur.reindex(index), prev.reindex(index)
    cur["competitor"] = cur["competitor"].fillna(prev["competitor"]).astype(bool)
    out = cur.fillna(dict.fromkeys(figures, 0)).astype(dict.fromkeys(figures, "int64"))
    prev = prev.fillna(dict.fromkeys(figures, 0))
    for col in figures:
        out[f"{col}_prev"] = prev[col].astype("int64")
        out[f"{col}_change"] = out[col] - out[f"{col}_prev"]
    return out.reset_index()


def urgent_table(intents: pd.DataFrame, config: Config | None) -> pd.DataFrame:
    """Of the intents table, the posts of each intent the config marks `urgent = true` (config order) per brand (its
    rows' order; those with a post in either period), then of `(all posts)`, with
    `posts_prev` and `posts_change` when compared: a charity's trustees read "safeguarding 25 posts" in the topics
    table alone, and no count of the concerns; a courier's portfolio one total of all its brands. The `(all posts)`
    row is there for one brand too (JSON's total of an intent: `urgent_view` leaves it out). No rows when the period
    has none of them."""
    names = [n for n in urgent_intents(config) if n in intents.columns]
    compared = all(f"{n}_prev" in intents for n in names)
    rows = []
    for name in names:
        t = intents.assign(intent=name, posts=intents[name], posts_prev=intents[f"{name}_prev"] if compared else 0)
        some = t[((t["posts"] > 0) | (t["posts_prev"] > 0)) & (t["brand"] != ALL)]
        rows += [some, t[t["brand"] == ALL]] if len(some) else []
    columns = ["intent", "brand", "competitor", "posts", "posts_prev"]
    out = pd.concat(rows, ignore_index=True)[columns] if rows else pd.DataFrame(columns=columns)
    if not out["posts"].any():
        return out.iloc[:0, :4]
    out = out.astype({"posts": "int64", "posts_prev": "int64", "competitor": bool})
    if not compared:
        return out.drop(columns="posts_prev")
    return out.assign(posts_change=out["posts"] - out["posts_prev"])


def topic_growth(topics: pd.DataFrame, top: int = 5, scale: float = 1.0) -> pd.DataFrame:
    """The topics that gained most posts (absolute change, then relative), and posts per day when the periods differ
    in length (`scale`, as `change_pct`): a topic of 28 posts in February and 30 in March, fewer a day, was listed as
    growing, "+2 (-3%)"."""
    if "volume_change" not in topics:
        return topics.head(0)
    per_day = (topics["volume"] - topics["volume_prev"] * scale).round(9) > 0  # (31 - 28 * 31 / 28 is not 0 exactly)
    grew = topics[(topics["volume_change"] > 0) & per_day]
    return grew.sort_values(["volume_change", "volume_change_pct", "topic"], ascending=[False, False, True]).head(top)


AUTHOR_COLUMNS = [
    "role",
    "author",
    "brands",
    "posts",
    "followers",
    "engagement",
    "reach",
    "positive",
    "negative",
    "avg_sentiment",
]


def _mentions(df: pd.DataFrame, config: Config | None) -> pd.DataFrame:
    """A row per post and brand (`(no brand)` for a post naming none) with its sentiment as the brand table
    counts it: a brand of a post naming several with its own score (`brand_sentiments`). The index: the post's."""
    cols = [c for c in ("brands", "sentiment", "sentiment_label", "brand_sentiments") if c in df.columns]
    thresholds = (config.positive, config.negative) if config else ()
    return explode_brands(df[cols], NO_BRAND, *thresholds)


def author_table(df: pd.DataFrame, top: int = 5, config: Config | None = None) -> pd.DataFrame:
    """Top authors by reach, split into promoters and detractors of brands, as the brand table counts
    each brand of a post: an author with more positive than negative mentions of a brand is its promoter,
    with more negative its detractor ("left A for B, best decision ever" makes one a detractor of A and a
    promoter of B). A row per author and role: `brands` those it holds for, and every figure of the author's
    posts naming them: posts, max followers, summed engagement, reach (their sum), the posts positive and
    negative for one of them, and the average of those brands' scores in them. Of the posts naming a brand, as the
    post tables (`naming_a_brand`): a post naming none is no brand's promotion ("promoter of (no brand)", for
    "finally home, what a trip", led a brand report's promoters); when no post names a brand, of every post."""
    used = ["author", "author_followers", "likes", "reposts", "replies", "brands", "sentiment", "sentiment_label"]
    df = with_reach(df[[*used, *(["brand_sentiments"] if "brand_sentiments" in df.columns else [])]])
    df = df[(df["author"].notna() & (df["author"] != "")).to_numpy() & naming_a_brand(df, config)]
    df = df.reset_index(drop=True)
    if df.empty:
        return pd.DataFrame(columns=AUTHOR_COLUMNS)
    # grouped by integer codes of posts, authors and brands, not by strings and joins (1,000,000 posts by
    # 300,000 authors: 3.2 s with those)
    long = _mentions(df, config)
    post = long.index.to_numpy()
    codes, authors = pd.factorize(df["author"])
    brands, brand_names = pd.factorize(long["brands"])
    pos = (long["sentiment_label"] == "positive").to_numpy(dtype=bool, na_value=False)
    neg = (long["sentiment_label"] == "negative").to_numpy(dtype=bool, na_value=False)
    # each mention's role: its author's for its brand (more positive mentions than negative: promoter)
    pair, _ = pd.factorize(codes[post].astype(np.int64) * len(brand_names) + brands)
    net = np.bincount(pair, weights=pos.astype(int) - neg)[pair]
    keep = net != 0
    long, post, pos, neg = long[keep], post[keep], pos[keep], neg[keep]
    # (role, author) as one code: promoters 0..n-1, detractors n..2n-1
    who = codes[post] + len(authors) * (net[keep] < 0)
    # a post once per role: positive (negative) when it is so for one of the role's brands
    slot, slots = pd.factorize(2 * post + (who >= len(authors)))
    posts = df[["author_followers", "engagement"]].iloc[slots // 2].reset_index(drop=True)
    posts["positive"] = np.bincount(slot, weights=pos) > 0
    posts["negative"] = np.bincount(slot, weights=neg) > 0
    p = posts.groupby(codes[slots // 2] + len(authors) * (slots % 2))
    out = pd.DataFrame(
        {
            "posts": p.size(),
            "followers": p["author_followers"].max().astype("Int64"),  # (unknown: missing, as in the post tables)
            "engagement": p["engagement"].sum().astype("int64"),
            "positive": p["positive"].sum().astype(int),
            "negative": p["negative"].sum().astype(int),
            "avg_sentiment": long["sentiment"].groupby(who).mean().round(SENTIMENT_DECIMALS),
        }
    )
    out.insert(0, "author", pd.Series(authors.take(out.index % len(authors)), out.index).infer_objects())
    out.insert(0, "role", np.where(out.index < len(authors), "promoter", "detractor").astype(object))
    out["reach"] = (out["followers"].fillna(0) + out["engagement"]).astype("int64")  # (as `with_reach`)
    out = out[out["reach"].groupby(out["role"]).rank(method="min", ascending=False) <= top]  # (ties too); sort those
    out = out.sort_values(["role", "reach", "author"], ascending=[False, False, True])
    out = out.groupby("role", sort=False).head(top)
    # the brands of the rows shown, in config order
    on = np.isin(who, out.index)
    shown = pd.DataFrame({"who": who[on], "brands": long["brands"].to_numpy()[on]}).drop_duplicates()
    order = [b.name for b in config.brands] if config else []
    rank = {
        name: i for i, name in enumerate([*order, *sorted(set(shown["brands"]) - set(order) - {NO_BRAND}), NO_BRAND])
    }
    shown = shown.assign(_rank=shown["brands"].map(rank)).sort_values("_rank", kind="stable")
    out["brands"] = shown.groupby("who")["brands"].agg(LIST_SEPARATOR.join)
    return out[AUTHOR_COLUMNS].reset_index(drop=True)


#: `praised_posts`'s: `positive_for` in its place
PRAISED_POST_COLUMNS = [c.replace("negative_for", "positive_for") for c in NEGATIVE_POST_COLUMNS]


TIES = ["platform", "post_id"]  # the last sort keys: files and the store list ties alike


def _posts(df: pd.DataFrame, columns: list[str] = POST_COLUMNS) -> pd.DataFrame:
    """`sentiment` is the post's own score; `brand_sentiments` each brand's, for a post naming several."""
    df = df.assign(**{c: pd.NA for c in ("brand_sentiments", "lang") if c not in df.columns})
    out = df.rename(columns={"author_followers": "followers"})[columns].reset_index(drop=True)
    return out.assign(sentiment=out["sentiment"].round(SENTIMENT_DECIMALS))  # (after sorting on the full score)


def about_brands(df: pd.DataFrame, config: Config | None = None) -> bool:
    """Whether the post tables list posts naming a brand: brands are configured, or posts name some (a store read
    without a config). Else every post names none, and they list every post."""
    return bool(config is not None and config.brands) or bool(df["brands"].fillna("").ne("").any())


def naming_a_brand(df: pd.DataFrame, config: Config | None = None) -> np.ndarray:
    """Which posts name a brand, when the post tables are of those (`about_brands`), as `analyze`'s most negative and
    positive posts: a post naming none is other talk (still counted in the `(no brand)` rows). Else every post."""
    if about_brands(df, config):  # ("(no brand)" posts led a brand report's lists)
        return df["brands"].fillna("").ne("").to_numpy(dtype=bool)
    return np.ones(len(df), dtype=bool)


def _leading(keys: pd.DataFrame, ascending: list[bool], top: int) -> np.ndarray:
    """The positions, in order, of the rows of `keys` (numbers and times) that sort among the first `top` by them,
    and of those tying with the `top`-th: the first `top` rows of any sort that begins with these keys are among
    them. A post table then sorts these few rows on all its keys, not the period's posts (a quarter's 656,548 were
    copied whole, texts and all, to keep 5: 190 MB more at the report's peak)."""
    if len(keys) <= top:
        return np.arange(len(keys))
    order = keys.reset_index(drop=True).sort_values(list(keys), ascending=ascending).index.to_numpy()[: max(top, 0)]
    if not len(order):
        return order
    last = keys.iloc[order[-1]]
    same = (keys.eq(last) | (keys.isna() & last.isna())).all(axis=1).to_numpy()  # (NaN ties NaN, as sorts place it)
    return np.union1d(order, np.flatnonzero(same))


def _rows(df: pd.DataFrame, rows: np.ndarray, columns: list[str]) -> pd.DataFrame:
    """`columns` of the posts at positions `rows`, index reset: those alone copied."""
    return df.iloc[rows, df.columns.get_indexer(columns)].reset_index(drop=True)


COUNTS = ["likes", "reposts", "replies", "author_followers", "created_at"]


def top_posts(df: pd.DataFrame, top: int = 5, config: Config | None = None) -> pd.DataFrame:
    """The posts with the most engagement; only those with some (likes, reposts or replies): with fewer such
    posts than `top`, posts of 0 were listed after them, by followers, as "most engaging". Of the posts naming a
    brand, as `negative_posts`'s (`naming_a_brand`)."""
    rows = np.flatnonzero(naming_a_brand(df, config))
    counts = with_reach(_rows(df, rows, COUNTS))
    engaged = (counts["engagement"] > 0).to_numpy()
    rows, counts = rows[engaged], counts[engaged]
    rows = rows[_leading(counts[["engagement", "reach", "created_at"]], [False, False, True], top)]
    df = with_reach(df.iloc[rows])
    df = df.sort_values(["engagement", "reach", "created_at", *TIES], ascending=[0, 0, 1, 1, 1])
    return _posts(df.head(top))


def negative_posts(df: pd.DataFrame, top: int = 5, config: Config | None = None) -> pd.DataFrame:
    """Negative posts with the largest reach: the complaints most people saw. A post is negative as the
    brand table counts it: as a whole, or towards a brand it names among several (its own score in
    `brand_sentiments`: "switched from A to B, best decision ever" is negative for A). `negative_for` names
    the brand table's rows it counts as negative in (a brand; empty: negative as a whole only); `sentiment` is
    the post's own score, as in `top_posts`. Ties: the lowest score first. With brands configured, or posts
    naming some (a store read without a config), only posts naming one are listed (`naming_a_brand`), as
    `analyze`'s most negative posts. Else every post names none, its `negative_for` `(no brand)`."""
    return _toned_posts(df, "negative", top, config)


def praised_posts(df: pd.DataFrame, top: int = 5, config: Config | None = None) -> pd.DataFrame:
    """`negative_posts`' other side, for a support lead to thank the team: positive posts (as a whole, or towards a
    brand of several: "switched from A to B, best decision ever" is praise of B), and posts of the praise intent
    (an unscored "Muchas gracias, excelente servicio"), with the largest reach; `positive_for` as `negative_for`.
    Ties: the highest score first."""
    return _toned_posts(df, "positive", top, config)


#: the intent whose posts the praised posts list whatever their score (one left unscored, in another language)
PRAISE_INTENT = "praise"


def _toned_posts(df: pd.DataFrame, label: str, top: int, config: Config | None) -> pd.DataFrame:
    """The posts of `label` ("negative", "positive": as the brand table counts them) with the largest reach, and
    for "positive" those of the praise intent; each one's score, the lowest (highest) of the post's and its brands'."""
    low = label == "negative"
    several = df["brand_sentiments"].fillna("").ne("") if "brand_sentiments" in df.columns else False
    maybe = (df["sentiment_label"] == label).fillna(False) | several
    praised = (df["intent"] == PRAISE_INTENT).fillna(False) if not low and "intent" in df.columns else False
    rows = np.flatnonzero(naming_a_brand(df, config) & (maybe | praised).to_numpy(dtype=bool))
    scored = [c for c in ("brands", "sentiment", "sentiment_label", "brand_sentiments") if c in df.columns]
    scored += ["intent"] if not low and "intent" in df.columns else []
    posts, df = df, _rows(df, rows, [*scored, *COUNTS])  # (the few posts chosen are read whole at the end)
    long = _mentions(df, config)
    long = long[long["sentiment_label"] == label]
    whole = df.loc[df["sentiment_label"] == label, "sentiment"]
    if not low and "intent" in df.columns:  # (a praise post without a sentiment is listed, its score unknown)
        whole = pd.concat([whole, df.loc[df["intent"].eq(PRAISE_INTENT).fillna(False).to_numpy(bool), "sentiment"]])
    score = pd.concat([whole, long["sentiment"]]).groupby(level=0)
    score = score.min() if low else -score.max()  # (sorted ascending: the strongest first)
    df = with_reach(df.loc[score.index]).assign(
        _strength=score, **{f"{label}_for": long["brands"].groupby(level=0).agg(LIST_SEPARATOR.join)}
    )
    chosen = df.iloc[_leading(df[["reach", "_strength", "created_at"]], [False, True, True], top)]
    df = with_reach(posts.iloc[rows[chosen.index.to_numpy()]].reset_index(drop=True))
    chosen = chosen.reset_index(drop=True)
    df = df.assign(_strength=chosen["_strength"], **{f"{label}_for": chosen[f"{label}_for"]})
    df = df.sort_values(["reach", "_strength", "created_at", *TIES], ascending=[0, 1, 1, 1, 1]).head(top)
    return _posts(df, NEGATIVE_POST_COLUMNS if low else PRAISED_POST_COLUMNS)
