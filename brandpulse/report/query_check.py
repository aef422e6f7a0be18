"""What a query catches in a file: counts, samples of matches and near-misses, the terms doing the work.

Analysts tune a query by reading what it matches and what it almost matched; this is that loop.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..enrich.matching import join_labels
from ..enrich.query import QueryMatcher, parse_query, positive_terms
from ..output.writers import _records


@dataclass
class QueryCheck:
    query: str  # as parsed, with the implied grouping made explicit
    posts: int
    matched: pd.DataFrame  # every matching post, with a `terms` column
    sample: pd.DataFrame
    near_misses: int  # posts with a positive word of the query (else field) that the logic rejects
    near_miss_sample: pd.DataFrame
    terms: pd.DataFrame  # term, matched (matching posts containing it), near_misses, posts (all)

    def to_dict(self) -> dict:
        """The report as JSON-ready values (`query test -f json`): what the table shows, the samples' posts
        with every schema field and their `terms`, as `-f csv` writes the matches."""
        return {
            "query": self.query,
            "posts": self.posts,
            "matches": len(self.matched),
            "near_misses": self.near_misses,
            "terms": _records(self.terms),
            "sample": _records(self.sample),
            "near_miss_sample": _records(self.near_miss_sample),
        }


def check_query(df: pd.DataFrame, query: str, sample: int = 5, seed: int | None = None) -> QueryCheck:
    root = parse_query(query)
    ev = QueryMatcher([("query", root)]).evaluate(df)
    hit = ev.bool(root)
    terms = positive_terms(root)
    cols = np.column_stack([ev.bool(t) for t in terms]) if terms else np.zeros((len(df), 0), dtype=bool)
    # a near-miss holds a word of the query: a field alone (`lang:en`, `platform:reddit`) made every English or
    # Reddit post one; a query of fields only has no word, and its fields make its near-misses
    words = np.array([t.field == "text" for t in terms], dtype=bool)
    near = (cols[:, words] if words.any() else cols).any(axis=1) & ~hit
    names = [str(t) for t in terms]
    out = df.reset_index(drop=True).assign(terms=join_labels(cols, names, sep="; "))
    table = pd.DataFrame(
        {
            "term": names,
            "matched": (cols & hit[:, None]).sum(axis=0),
            "near_misses": (cols & near[:, None]).sum(axis=0),
            "posts": cols.sum(axis=0),
        }
    ).sort_values(["matched", "posts"], ascending=False, kind="stable")
    matched, missed = out[hit], out[near]
    return QueryCheck(
        str(root),
        len(df),
        matched,
        matched.sample(min(sample, len(matched)), random_state=seed).sort_index(),
        int(near.sum()),
        missed.sample(min(sample, len(missed)), random_state=seed).sort_index(),
        table.reset_index(drop=True),
    )
