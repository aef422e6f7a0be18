"""Read FILES and analyze them: the path shared by ingest and the on-the-fly report, alerts and queue."""

from __future__ import annotations

from collections.abc import Callable
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
    on_file: Callable[[Batch], None] | None = None,
) -> list[Batch]:
    """One analyzed batch per file (duplicates inside a file dropped), in order. The files' columns are checked
    first (`check_columns`): a bad `mapping` stops before `on_file` has stored any file."""
    check_columns(files, format=format, mapping=mapping, date_order=date_order)
    batches = []
    for name in files:
        loaded = read(name, format=format, mapping=mapping, date_order=date_order, input_tz=input_tz)
        posts = drop_duplicates(loaded.posts).reset_index(drop=True)
        batch = Batch(
            name,
            analyze_posts(posts, config, sentiment=sentiment),
            loaded.rejects,
            loaded.rows_read,
            len(loaded.posts) - len(posts),
            loaded.note,
            loaded.columns,
            loaded.warning,
        )
        if on_file:
            on_file(batch)
        batches.append(batch)
    return batches


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
