"""Topic tags from keyword, phrase and regex rules (config `[topics.NAME]` or the built-in taxonomy)."""

from __future__ import annotations

import pandas as pd

from ..config import Brand, Config, Topic
from .brands import brand_matcher
from .matching import Rule, join_labels, regex_search, term_matcher
from .query import or_queries
from .text import code_free


def tag_topics(
    df: pd.DataFrame, topics: list[Topic], brands: list[Brand] = (), skip: pd.Series | None = None
) -> pd.DataFrame:
    """Add `topics`: every topic whose rules match, `;`-separated in taxonomy order. A keyword occurrence
    inside a mention of one of `brands` (a term the brand matcher counts) does not count: the brand
    "Snacko" is no talk of food (`snack*`), "Snacko's snacks are stale" is. Rows `skip` marks (the brands' own posts,
    as `tag_intent` leaves them) get none: a brand's "we'll rebook you" is no customer's talk of booking (stop 48)."""
    if isinstance(topics, Config):  # (`tag_topics(df, config)` in a notebook: "'Config' object is not iterable")
        raise TypeError("tag_topics() takes the config's topics: tag_topics(df, config.topics, config.brands)")
    matcher = term_matcher(tuple(Rule(t.name, tuple(t.keywords), tuple(t.exclude)) for t in topics))
    texts = code_free(df["text"])  # (not the words of pasted code and traces, as intent reads them)
    hits = matcher.hits(texts, outside=brand_matcher(brands) if brands else None)
    search = regex_search(texts) if any(t.regex for t in topics) else None
    for j, topic in enumerate(topics):
        if topic.regex:
            hits[:, j] |= search.hits_any(topic.regex)
    or_queries(hits, df, [(j, t.query) for j, t in enumerate(topics) if t.query])
    if skip is not None:
        hits[skip.to_numpy(dtype=bool)] = False
    out = df.copy()
    out["topics"] = join_labels(hits, matcher.labels).set_axis(df.index)
    return out
