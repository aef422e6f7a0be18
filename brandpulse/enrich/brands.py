"""Which configured brands each post mentions."""

from __future__ import annotations

import pandas as pd

from ..config import Brand
from .matching import Rule, TermMatcher, join_labels
from .query import or_queries


def brand_matcher(brands: list[Brand]) -> TermMatcher:
    return TermMatcher([Rule(b.name, tuple(b.terms), tuple(b.exclude)) for b in brands])


def match_brands(df: pd.DataFrame, brands: list[Brand]) -> pd.DataFrame:
    """Add `brands`: the brands mentioned, `;`-separated in config order (empty: none)."""
    matcher = brand_matcher(brands)
    hits = matcher.hits(df["text"])
    or_queries(hits, df, [(j, b.query) for j, b in enumerate(brands) if b.query])
    out = df.copy()
    out["brands"] = join_labels(hits, matcher.labels).set_axis(df.index)
    return out
