"""The analysis pipeline: plain functions from DataFrame to DataFrame.

    load -> drop_duplicates -> match_brands -> fill_languages -> score_sentiment -> tag_intent -> tag_topics
         -> score_brands

Each step works on any slice of rows, so a chunked or distributed engine runs the
same functions per partition.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .config import Config, load_config
from .enrich.brand_sentiment import score_brands
from .enrich.brands import by_own_handle, match_brands
from .enrich.intent import intents_from_config, tag_intent
from .enrich.language import candidates_from_config, fill_languages
from .enrich.matching import forget as forget_scans
from .enrich.sentiment import Analyzer, get_analyzer, score_sentiment
from .enrich.topics import tag_topics
from .schema import ENRICHED_COLUMNS


def drop_duplicates(df: pd.DataFrame) -> pd.DataFrame:
    """Drop posts exported more than once: same platform and post_id (posts without an id are kept)."""
    has_id = df["post_id"].notna().to_numpy()
    # one integer per (platform, post_id) pair: pandas' duplicated() on two string columns costs 5x more
    platform, _ = pd.factorize(df["platform"], use_na_sentinel=True)
    post_id, ids = pd.factorize(df["post_id"], use_na_sentinel=True)
    key = (platform.astype(np.int64) + 1) * (len(ids) + 1) + post_id
    dup = pd.Series(key).duplicated(keep="first").to_numpy() & has_id
    return df[~dup]


def analyze(df: pd.DataFrame, config: Config | None = None, *, sentiment: str | Analyzer | None = None) -> pd.DataFrame:
    """Enrich canonical posts with brands, sentiment and topics."""
    config = config if config is not None else load_config()
    out = match_brands(df, config.brands)
    out = fill_languages(out, candidates_from_config(config.raw))
    analyzer = sentiment or config.sentiment
    analyzer = get_analyzer(analyzer) if isinstance(analyzer, str) else analyzer
    out = score_sentiment(out, analyzer, config.positive, config.negative)
    out = tag_intent(out, intents_from_config(config.raw, config.path or "config"), skip=by_own_handle(out, config))
    out = tag_topics(out, config.topics)
    # last: its scans of clauses would evict the chunk's text scans that intent and topics reuse
    out["brand_sentiments"] = score_brands(out, config.brands, analyzer)
    forget_scans()
    extra = [c for c in out.columns if c not in ENRICHED_COLUMNS]
    return out[ENRICHED_COLUMNS + extra]
