"""Read FILES and analyze them: the path shared by ingest and the on-the-fly report, alerts and queue."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pandas as pd

from .config import Config
from .enrich.sentiment import Analyzer
from .pipeline import analyze_posts, drop_duplicates, post_keys
from .schema import POST_FIELDS
from .sources import check_columns, read


@dataclass
class Batch:
    name: str
    enriched: pd.DataFrame
    rejects: pd.DataFrame
    rows_read: int
    duplicates: int
    note: str = ""  # what the reader noticed (a known export, a column left unread ...)
    columns: dict[str, str] = field(default_factory=dict)  # schema field -> source column
    warning: str = ""  # what the user is to be told even with -q (`Loaded.warning`)


def analyze_files(
    files: tuple[str, ...] | list[str],
    config: Config,
    *,
    format: str | None = None,
    mapping: dict[str, str] | None = None,
    date_order: str | None = None,
    input_tz: str | None = None,
    sentiment: str | Analyzer | None = None,
) -> Iterator[Batch]:
    """One analyzed batch per file (duplicates inside a file dropped), in order, each as soon as its file is analyzed:
    a caller that stores each (`ingest`) holds one file's posts at a time, not every file's until the last. The files'
    columns are checked first (`check_columns`): a bad `mapping` stops before any file is analyzed (or stored)."""
    check_columns(files, format=format, mapping=mapping, date_order=date_order)
    for name in files:
        # (not bound here: the generator would hold a file's posts while the next one is analyzed)
        yield analyze_file(name, config, format, mapping, date_order, input_tz, sentiment)


def analyze_file(name: str, config: Config, format, mapping, date_order, input_tz, sentiment) -> Batch:
    """`analyze_files` of one file, its columns checked already: the posts read are let go once analyzed."""
    loaded = read(name, format=format, mapping=mapping, date_order=date_order, input_tz=input_tz)
    posts = drop_duplicates(loaded.posts).reset_index(drop=True)
    return Batch(
        name,
        analyze_posts(posts, config, sentiment=sentiment),
        loaded.rejects,
        loaded.rows_read,
        len(loaded.posts) - len(posts),
        loaded.note,
        loaded.columns,
        loaded.warning,
    )


def combine(batches: list[Batch]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All enriched posts and all rejects. A post in several files is taken from the last, as `ingest`
    updates it: a later export has its later counts and edits; a field the last copy lacks (an export
    without followers) keeps an earlier copy's, as in the store."""
    posts = pd.concat([b.enriched for b in batches], ignore_index=True)
    keys = pd.Series(post_keys(posts))
    copies = keys.duplicated(keep=False).to_numpy()
    if copies.any():
        source = [c for c in POST_FIELDS if c not in ("post_id", "platform") and c in posts.columns]
        posts.loc[copies, source] = posts.loc[copies, source].groupby(keys[copies].to_numpy()).transform("last")
    posts = posts[~keys.duplicated(keep="last").to_numpy()].reset_index(drop=True)
    rejects = pd.concat([b.rejects for b in batches], ignore_index=True)
    return posts, rejects
