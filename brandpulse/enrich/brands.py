"""Which configured brands each post mentions."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from ..config import Brand, Config
from .language import DEFAULT_CANDIDATES, fill_languages
from .matching import Rule, TermMatcher, join_labels
from .query import or_queries, parse_query, query_fields


def brand_matcher(brands: list[Brand]) -> TermMatcher:
    """One matcher for the same brands: topics reuse the occurrences it found (`tag_topics`)."""
    return _matcher(tuple(Rule(b.name, tuple(b.terms), tuple(b.exclude)) for b in brands))


@lru_cache(maxsize=16)
def _matcher(rules: tuple[Rule, ...]) -> TermMatcher:
    return TermMatcher(list(rules))


def brand_terms(brands: list[Brand]) -> tuple[str, ...]:
    """Every brand's terms, which the language detector does not read (`fill_languages`)."""
    return tuple(dict.fromkeys(t for b in brands for t in b.terms))


def match_brands(df: pd.DataFrame, brands: list[Brand]) -> pd.DataFrame:
    """Add `brands`: the brands mentioned, `;`-separated in config order (empty: none)."""
    matcher = brand_matcher(brands)
    hits = matcher.hits(df["text"])
    or_queries(hits, df, [(j, b.query) for j, b in enumerate(brands) if b.query])
    out = df.copy()
    out["brands"] = join_labels(hits, matcher.labels).set_axis(df.index)
    return out


def mentioning(
    df: pd.DataFrame, brands: list[Brand], candidates: tuple[str, ...] | None = DEFAULT_CANDIDATES
) -> pd.Series:
    """Which posts name a brand, as `analyze` finds them (`languages_read`)."""
    return match_brands(languages_read(df, brands, candidates), brands)["brands"].fillna("") != ""


def languages_read(
    df: pd.DataFrame, brands: list[Brand], candidates: tuple[str, ...] | None = DEFAULT_CANDIDATES
) -> pd.DataFrame:
    """`df` with the languages detected where a brand query reads `lang:`, as `analyze` detects them before
    matching brands: posts that give none (Hacker News, a column of texts) matched no `lang:en`."""
    if any(b.query and "lang" in query_fields(parse_query(b.query)) for b in brands):
        return fill_languages(df, candidates, brand_terms(brands))
    return df


def own_handles(config: Config | None) -> set[str]:
    """The brands' own accounts, normalised (no @, lower case) so `@SkywayAir` matches author `SkywayAir`."""
    return {normalize_author(h) for b in (config.brands if config else []) for h in b.handles}


def normalize_author(name: object) -> str:
    return str(name).strip().lstrip("@").casefold() if isinstance(name, str) else ""


def by_own_handle(df: pd.DataFrame, config: Config | None) -> pd.Series:
    """Posts written by one of the brands' own handles: the brand talking, not its customers. They stay
    in the rows, but not in the tables, alerts or queue, which describe what customers say."""
    handles = own_handles(config)
    if not handles or "author" not in df.columns:
        return pd.Series(False, index=df.index)
    codes, authors = pd.factorize(df["author"])  # a chunk has far fewer authors than posts
    own = np.array([normalize_author(a) in handles for a in authors] + [False])  # code -1 (no author): False
    return pd.Series(own[codes], index=df.index)


def customer_posts(df: pd.DataFrame, config: Config | None) -> pd.DataFrame:
    """`df` without the brands' own posts (`by_own_handle`)."""
    own = by_own_handle(df, config)
    return df[~own] if own.any() else df
