"""Per-brand summary tables computed from enriched posts.

NSS (net sentiment score) = (positive - negative) / mentions, as a percentage.
Share of voice = a brand's mentions / all brand mentions (own brands and competitors).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..config import Config
from ..schema import LIST_SEPARATOR

NO_BRAND = "(no brand)"
SUMMARY_COLUMNS = [
    "brand",
    "competitor",
    "mentions",
    "share_of_voice",
    "positive",
    "neutral",
    "negative",
    "positive_pct",
    "neutral_pct",
    "negative_pct",
    "nss",
    "avg_sentiment",
]


def explode_list(df: pd.DataFrame, column: str, empty: str | None = None) -> pd.DataFrame:
    """One row per value of a `;`-separated column; rows with none get `empty` (or are dropped)."""
    values = df[column].fillna("").astype(str)
    if empty is not None:
        values = values.where(values != "", empty)
    out = df.assign(**{column: values.str.split(LIST_SEPARATOR)}).explode(column)
    return out[out[column] != ""]


def _sentiment_counts(g: pd.DataFrame, key: list[str] | str) -> pd.DataFrame:
    keys = [key] if isinstance(key, str) else key
    if g.empty:
        cols = ["mentions", "positive", "neutral", "negative", "positive_pct", "neutral_pct", "negative_pct"]
        index = pd.MultiIndex.from_arrays([[]] * len(keys), names=keys) if len(keys) > 1 else pd.Index([], name=key)
        return pd.DataFrame({c: pd.Series(dtype=float) for c in [*cols, "nss", "avg_sentiment"]}, index=index)
    counts = pd.crosstab([g[k] for k in ([key] if isinstance(key, str) else key)], g["sentiment_label"])
    for lab in ("positive", "neutral", "negative"):
        if lab not in counts:
            counts[lab] = 0
    counts = counts[["positive", "neutral", "negative"]]
    mentions = g.groupby(key).size().rename("mentions")
    out = pd.concat([mentions, counts], axis=1).fillna(0)
    out[["positive", "neutral", "negative"]] = out[["positive", "neutral", "negative"]].astype(int)
    scored = out[["positive", "neutral", "negative"]].sum(axis=1).replace(0, np.nan)
    for lab in ("positive", "neutral", "negative"):
        out[f"{lab}_pct"] = (100 * out[lab] / scored).round(1)
    out["nss"] = (100 * (out["positive"] - out["negative"]) / scored).round(1)
    out["avg_sentiment"] = g.groupby(key)["sentiment"].mean().round(4)
    return out


def brand_summary(df: pd.DataFrame, config: Config | None = None) -> pd.DataFrame:
    """One row per brand (config order), then `(no brand)`: mentions, share of voice, sentiment.

    Given the per-brand long form (columns brand, brand_sentiment, brand_sentiment_label), each
    brand is counted with its own sentiment rather than the whole post's.
    """
    brands = config.brands if config else []
    if {"brand", "brand_sentiment", "brand_sentiment_label"} <= set(df.columns):
        # the long per-brand form (`analyze --per-brand`): each brand with the sentiment of its own clauses
        long = df[["brand", "brand_sentiment", "brand_sentiment_label"]].set_axis(
            ["brands", "sentiment", "sentiment_label"], axis=1
        )
        long = long.assign(brands=long["brands"].fillna("").astype(str).replace("", NO_BRAND))
    else:
        long = explode_list(df[["brands", "sentiment", "sentiment_label"]], "brands", NO_BRAND)
    stats = _sentiment_counts(long, "brands")
    order = [b.name for b in brands] + [n for n in stats.index if n not in {b.name for b in brands}]
    stats = stats.reindex(order).fillna({"mentions": 0, "positive": 0, "neutral": 0, "negative": 0})
    stats.index.name = "brand"
    out = stats.reset_index()
    for col in ("mentions", "positive", "neutral", "negative"):
        out[col] = out[col].astype(int)
    out["competitor"] = out["brand"].isin([b.name for b in brands if b.competitor])
    branded = out["brand"] != NO_BRAND
    total = out.loc[branded, "mentions"].sum()
    out["share_of_voice"] = np.where(branded & (total > 0), (100 * out["mentions"] / max(total, 1)).round(1), np.nan)
    # the no-brand row last, whatever its size
    out = pd.concat([out[branded], out[~branded]], ignore_index=True)
    return out[SUMMARY_COLUMNS]


def topic_summary(df: pd.DataFrame, top: int | None = 5) -> pd.DataFrame:
    """Per brand, topics by mentions with their NSS (the `top` largest per brand)."""
    long = explode_list(
        explode_list(df[["brands", "topics", "sentiment", "sentiment_label"]], "brands", NO_BRAND), "topics"
    )
    if long.empty:
        return pd.DataFrame(columns=["brand", "topic", "mentions", "nss"])
    stats = _sentiment_counts(long, ["brands", "topics"]).reset_index()
    stats = stats.rename(columns={"brands": "brand", "topics": "topic"})
    stats = stats.sort_values(["brand", "mentions", "topic"], ascending=[True, False, True])
    if top:
        stats = stats.groupby("brand", sort=False).head(top)
    return stats[["brand", "topic", "mentions", "positive", "negative", "nss"]].reset_index(drop=True)


def extreme_posts(df: pd.DataFrame, n: int = 5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The `n` most negative and most positive posts (ties: more engagement first)."""
    cols = ["post_id", "platform", "author", "brands", "sentiment", "text"]
    scored = df[df["sentiment"].notna()]
    engagement = scored[["likes", "reposts", "replies"]].fillna(0).sum(axis=1)
    scored = scored.assign(_eng=engagement)
    neg = scored[scored["sentiment"] < 0].sort_values(["sentiment", "_eng"], ascending=[True, False]).head(n)
    pos = scored[scored["sentiment"] > 0].sort_values(["sentiment", "_eng"], ascending=[False, False]).head(n)
    return neg[cols].reset_index(drop=True), pos[cols].reset_index(drop=True)
