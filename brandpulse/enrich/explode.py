"""One row per brand of a post (`explode_brands`), each with its brand's own score where the post names several:
what `per_brand` (the pipeline's) and the report's tables count. Here, not in `report.summary`, so the pipeline
loads without the report package."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..schema import LIST_SEPARATOR
from .brand_sentiment import brand_scores
from .sentiment import label

#: the `brand` of a post naming none, in the tables
NO_BRAND = "(no brand)"


def explode_list(df: pd.DataFrame, column: str, empty: str | None = None) -> pd.DataFrame:
    """One row per value of a `;`-separated column; rows with none get `empty` (or are dropped)."""
    values = df[column].fillna("").astype(str)
    if empty is not None:
        values = values.where(values != "", empty)
    parts = pc.split_pattern(pa.array(values, type=pa.large_string(), from_pandas=True), LIST_SEPARATOR)
    flat, parents = pc.list_flatten(parts), pc.list_parent_indices(parts)
    # pandas 3's str: the Arrow strings as they are, not made Python strings and back (of none: object, as before)
    arrow = len(flat) > 0 and not pd.api.types.is_object_dtype(values.dtype)
    kept = pc.not_equal(flat, "")
    if not pc.all(kept).as_py():
        flat, parents = flat.filter(kept), parents.filter(kept)
    out = df.iloc[parents.to_numpy()].copy()  # (one copy, of the rows kept) keeps the index, like DataFrame.explode
    out[column] = pd.array(flat, dtype=values.dtype) if arrow else flat.to_numpy(zero_copy_only=False).astype(object)
    return out


def explode_brands(
    df: pd.DataFrame, empty: str | None = None, positive: float = 0.05, negative: float = -0.05
) -> pd.DataFrame:
    """`explode_list` of `brands`; where a post names several brands, each row's `sentiment` and
    `sentiment_label` are its brand's own (from `brand_sentiments`, labelled with these thresholds)."""
    long = explode_list(df, "brands", empty)
    if "brand_sentiments" not in long.columns or "sentiment" not in long.columns:
        return long
    cells = long["brand_sentiments"]
    several = (cells.notna() & (cells != "")).to_numpy(dtype=bool, na_value=False)
    own = np.full(len(long), np.nan)
    if several.any():  # (read only there: most posts name one brand or none)
        own[several] = brand_scores(cells[several], long["brands"][several])
    has = ~np.isnan(own)
    if has.any():
        long["sentiment"] = np.where(has, own, long["sentiment"].to_numpy(float))
        if "sentiment_label" in long.columns:
            labels = long["sentiment_label"].array.copy()
            labels[has] = label(pd.Series(own[has]), positive, negative).to_numpy(object)
            long["sentiment_label"] = labels
    return long
