"""Sentiment per brand: when one post names several brands, each gets the sentiment of its own clauses.

"switched from United to Delta, best decision ever": the post is split into clauses (sentences,
commas, "but" / "while" / "whereas" / "though" / "however"); each clause is scored once (all
clauses of all multi-brand posts in one batch); a clause without a brand belongs to the brand
mentioned last before it; a brand left behind ("switched from United to Delta") gets the opposite
of the brand chosen instead when that one is positive. Posts naming one brand keep their score.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..config import Brand
from ..schema import LIST_SEPARATOR, STRING
from .brands import brand_matcher
from .sentiment import Analyzer, get_analyzer, label

CLAUSE_SPLIT = re.compile(r"(?<=[.!?;])\s+|\s*[,;]\s+|\s+(?=(?:but|while|whereas|though|however)\b)", re.I)
LEFT_FOR = re.compile(r"\b(?:switch(?:ed|ing)?|mov(?:ed|ing)|chang(?:ed|ing)|went|go)\s+from\s+(.+?)\s+to\s+", re.I)


def clauses(text: str) -> list[str]:
    return [c for c in CLAUSE_SPLIT.split(text) if c and c.strip()]


def per_brand(
    df: pd.DataFrame,
    brands: list[Brand],
    analyzer: Analyzer | str = "cx",
    positive: float = 0.05,
    negative: float = -0.05,
) -> pd.DataFrame:
    """One row per post and brand (`brand` empty for posts naming none), with `brand_sentiment`
    and `brand_sentiment_label`. Needs the `brands` and `sentiment` columns of `analyze`."""
    if isinstance(analyzer, str):
        analyzer = get_analyzer(analyzer)
    names = df["brands"].fillna("").astype(str)
    long = df.assign(brand=names.str.split(LIST_SEPARATOR)).explode("brand")
    long["brand"] = long["brand"].fillna("").astype(STRING)
    long["brand_sentiment"] = long["sentiment"].astype(float)
    multi = names.str.contains(LIST_SEPARATOR, regex=False).to_numpy()
    if multi.any() and brands:
        scores = _multi_brand_scores(df.loc[multi, "text"].fillna("").astype(str), brands, analyzer)
        key = pd.Series(
            [scores.get((i, b), np.nan) for i, b in zip(long.index, long["brand"], strict=True)], index=long.index
        )
        long["brand_sentiment"] = key.where(key.notna(), long["brand_sentiment"])
    long["brand_sentiment_label"] = label(long["brand_sentiment"], positive, negative)
    return long.reset_index(drop=True)


def _multi_brand_scores(texts: pd.Series, brands: list[Brand], analyzer: Analyzer) -> dict[tuple, float]:
    """{(post index, brand): score} for posts naming two or more brands."""
    rows, parts = [], []
    for idx, text in texts.items():
        for part in clauses(text):
            rows.append(idx)
            parts.append(part)
    if not parts:
        return {}
    part_series = pd.Series(parts, dtype=STRING)
    pol = analyzer.score(parts)[0]
    matcher = brand_matcher(brands)
    hits = matcher.hits(part_series)
    names = matcher.labels
    # brands left for another ("switched from A to B"): the text between "from" and "to"
    left = {}
    for idx, text in texts.items():
        m = LEFT_FOR.search(text)
        if m:
            found = matcher.hits(pd.Series([m.group(1)], dtype=STRING))[0]
            left[idx] = {names[j] for j in np.flatnonzero(found)}
    out: dict[tuple, list[float]] = {}
    current: dict = {}  # post -> brands of the last branded clause
    pending: dict = {}  # post -> scores of clauses before any brand
    for k, idx in enumerate(rows):
        named = [names[j] for j in np.flatnonzero(hits[k])]
        if named:
            current[idx] = named
            for b in named:
                out.setdefault((idx, b), []).extend(pending.pop(idx, []) + [pol[k]])
        elif idx in current:
            for b in current[idx]:
                out[(idx, b)].append(pol[k])
        else:
            pending.setdefault(idx, []).append(pol[k])
    # a brand's score: the mean of its clauses that carry any sentiment
    result = {key: float(np.mean([v for v in values if v] or [0.0])) for key, values in out.items()}
    for idx, gone in left.items():
        chosen = [result[(idx, b)] for (i, b) in result if i == idx and b not in gone]
        best = max(chosen, default=0.0)
        for b in gone:
            if (idx, b) in result and best > 0:
                result[(idx, b)] = -best
    return result
