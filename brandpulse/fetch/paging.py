"""What a fetch asks for, and the pagination guard every source uses."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..errors import FetchError


@dataclass
class Request:
    query: str
    since: pd.Timestamp | None = None
    until: pd.Timestamp | None = None
    limit: int | None = None
    api_base: str | None = None
    options: dict = field(default_factory=dict)  # per source: server, videos, channel
    #: --resume from where a stopped run was (reddit, youtube): {"cursor": its `Fetched.resume_at`, "until": the
    #: end to read to from the newest post instead, should the API refuse the cursor}
    resume: dict | None = None
    #: --resume: the `post_keys` of the posts already written, which --limit does not count when they come again
    written: frozenset = frozenset()
    #: no window given (`until` only --resume's end, before the oldest post written): a post without a time is kept,
    #: not dropped as not placed in one (one written before is dropped as a duplicate)
    keep_untimed: bool = False

    def iso(self, ts: pd.Timestamp | None, *, end: bool = False) -> str | None:
        """To the second, as the APIs take it; an end rounded up (cut down, `--until 12:00:00.5` lost the posts
        of 12:00:00: the window is applied again to what comes back)."""
        return None if ts is None else (ts.ceil("s") if end else ts).strftime("%Y-%m-%dT%H:%M:%SZ")


class Cursors:
    """Remembers the cursors seen; an API handing back one it gave before would loop forever."""

    def __init__(self, source: str):
        self.source = source
        self.seen: set[str] = set()

    def next(self, cursor: object) -> str | None:
        """The cursor to follow, None at the end; FetchError when it repeats."""
        if cursor in (None, "", [], {}):
            return None
        key = str(cursor)
        if key in self.seen:
            raise FetchError(f"{self.source}: the API returned a cursor it had already given ({key[:40]}); stopped")
        self.seen.add(key)
        return key


#: empty pages in a row, each with a cursor, after which a search is taken as ended: a search filters posts out of a
#: page after it is made (Bluesky's spam, X's deleted or withheld posts), so one can be empty with more after it, but
#: an API handing a fresh cursor with every empty page was followed for ever
MAX_EMPTY = 10


class EmptyPages:
    """Counts a search's empty pages in a row (`MAX_EMPTY`)."""

    def __init__(self, source: str, warn):
        self.source, self.warn, self.run = source, warn, 0

    def too_many(self, posts: list) -> bool:
        """Whether the page `posts` makes `MAX_EMPTY` empty pages in a row: said, and the search to stop there."""
        self.run = 0 if posts else self.run + 1
        if self.run < MAX_EMPTY:
            return False
        self.warn(f"{self.source}: {MAX_EMPTY} empty pages in a row; stopped there (the search may hold more)")
        return True


def older_than(records: list[dict], since: pd.Timestamp | None) -> bool:
    """True when a newest-first page has reached posts before `since`: later pages are older still."""
    if since is None or not records:
        return False
    from ..sources.values import parse_timestamps

    times = parse_timestamps(pd.Series([r.get("created_at") for r in records if isinstance(r, dict)], dtype=object))
    return bool(times.notna().any() and times.min() < since)
