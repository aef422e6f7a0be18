"""Fetch mentions live from public APIs into the canonical schema.

Each source module yields pages of records keyed by schema fields (made by the same
platform functions that read saved exports); `fetch()` validates them like any file,
keeps what arrived before a fault, and drops posts outside the window or, with brands
configured, posts that only an API's fuzzy matching connected to the query.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from ..config import Brand
from ..errors import FetchError, Terminated
from ..schema import empty_posts, kept_as_text
from ..sources import in_line_order
from ..sources.files import _records
from ..sources.platforms.reviews import owner_replies
from ..sources.values import flag_rows, to_posts
from . import bluesky, hackernews, mastodon, reddit, rss, steam, x, youtube
from .client import Client, url_secrets
from .credentials import VARIABLES, lookup, where_set
from .paging import Request

SOURCES = {
    "mastodon": mastodon,
    "bluesky": bluesky,
    "reddit": reddit,
    "hackernews": hackernews,
    "x": x,
    "youtube": youtube,
    "rss": rss,
    "steam": steam,
}


REJECT_COLUMNS = ["source", "position", "reason", "record"]


@dataclass
class Fetched:
    posts: pd.DataFrame
    rejects: pd.DataFrame
    pages: int = 0
    received: int = 0
    out_of_range: int = 0
    #: posts without a time, left out by a --since/--until window (as `analyze --since` leaves them out)
    untimed: int = 0
    no_brand: int = 0
    repeated: int = 0
    error: FetchError | None = None
    warnings: list[str] = field(default_factory=list)
    #: Ctrl-C (KeyboardInterrupt) or SIGTERM (Terminated) during the fetch, for the caller to raise again
    interrupted: BaseException | None = None
    #: where a fetch that stopped early (fault, signal, --limit) was, for `Request.resume`; None when done
    resume_at: dict | None = None
    #: whether it read to its end (no fault, signal or --limit stopped it)
    ended: bool = True


def fetch(
    source: str,
    request: Request,
    *,
    config_raw: dict | None = None,
    brands: list[Brand] | None = None,
    on_page: Callable[[int], None] = lambda n: None,
    warn: Callable[[str], None] | None = None,
    client_options: dict | None = None,
) -> Fetched:
    """Fetch `request` from `source`. Faults after the first page do not raise: they are in
    `.error` with everything received before them in `.posts`. So are Ctrl-C and SIGTERM, in `.interrupted`. A
    credential the source needs and that is not set raises FetchError before any request, whatever the window."""
    if source not in SOURCES:
        raise FetchError(f"unknown source {source!r} (known: {', '.join(SOURCES)})")
    creds = lookup(source, config_raw)
    # before any request, and also when none is made: a cron job without its token learns of it on its first run
    if hasattr(SOURCES[source], "check"):
        SOURCES[source].check(request, creds)
    if request.since is not None and request.until is not None and request.until <= request.since:
        # (--resume with a --since after the oldest post written: X refused the window, HTTP 400)
        return Fetched(empty_posts(), pd.DataFrame(columns=REJECT_COLUMNS))
    warnings: list[str] = []

    def note(msg: str) -> None:
        warnings.append(msg)
        if warn:
            warn(msg)

    vars_ = VARIABLES[source]
    client = Client(
        source,
        credential_var=" and ".join(where_set(v, config_raw) for v in vars_) if vars_ else None,
        # (and what of an address given may be a key: RSS's is the query)
        secrets=[
            *creds.values(),
            *url_secrets(request.api_base),
            *(url_secrets(request.query) if source == "rss" else []),
        ],
        warn=note,
        **(client_options or {}),
    )
    items: list = []  # records, and items that are not objects (rejected in _validate)
    positions: list[str] = []
    inside: list[bool] = []  # per item: a post to be written (in the window, not given before, naming a brand)
    # the posts --limit counted (`post_keys`); those --resume already wrote, read again, are not counted again
    counted: set = set(request.written)
    # --limit: the items as it counted them, a batch at a time (their posts, rejects, which posts name a brand and
    # their positions), for the end too: each is validated, and its language detected, once
    checked: list[tuple[pd.DataFrame, pd.DataFrame, pd.Series | None, list[str]]] = []
    pages = 0
    error = interrupted = None

    def check() -> None:
        """--limit: count the items not checked yet (`inside` has a flag for each item checked)."""
        batch, at = items[len(inside) :], positions[len(inside) :]
        batch_posts, batch_rejects = _validate(batch, at, source)
        mentions = _mentions(batch_posts, brands, config_raw) if brands else None
        flags, keys = _written(batch_posts, at, request, mentions, counted)
        # kept together: a signal before this leaves the whole batch to be counted at the end, once
        checked.append((batch_posts, batch_rejects, mentions, at))
        inside.extend(flags)
        counted.update(keys)

    def source_pages() -> Iterator[list]:
        nonlocal request
        try:
            yield from SOURCES[source].pages(client, request, creds)
        except FetchError as exc:  # a page token that expired, a post of the `after` cursor deleted
            # (not a video deleted since, nor Reddit's token request refused: the source says which it is)
            if request.resume is None or pages or not exc.refused_place:
                raise
            until, said = request.resume["until"], str(exc).removeprefix(source + ": ")
            note(
                f"{source}: the API refused the place the last run stopped at ({said}); reading again from the newest "
                "posts" + (f", before {until:%Y-%m-%d %H:%M:%S}Z" if until else "")
            )
            request = replace(request, until=until, resume=None)
            yield from SOURCES[source].pages(client, request, creds)

    try:
        for page in source_pages():
            pages += 1
            items.extend(page)
            positions.extend(f"page {pages} item {i + 1}" for i in range(len(page)))
            on_page(len(items))
            # (fewer items than posts still wanted cannot make the count: they are counted with the next page's)
            if request.limit and len(items) - len(inside) >= request.limit - sum(inside):
                check()
                if sum(inside) >= request.limit:
                    break
    except FetchError as exc:
        error = FetchError(client.redact(str(exc)))
    except (KeyboardInterrupt, Terminated) as exc:  # the pages before it are kept, as after a fault
        interrupted = exc
        Terminated.signalled = False  # (caught, not swallowed: the output may be put in place; the caller raises it)
    done = error is None and interrupted is None
    if request.limit and len(inside) < len(items):  # (the fetch ended first)
        check()
    if request.limit and sum(inside) >= request.limit:  # up to the item that made the count
        cut = next(i for i, n in enumerate(itertools.accumulate(inside)) if n == request.limit) + 1
        items, positions, done = items[:cut], positions[:cut], False
    posts, rejects, named = (
        _checked(checked, len(positions)) if request.limit else (*_validate(items, positions, source), None)
    )
    received = len(posts)
    # a post given again on a later page (page and offset paging shift as new posts arrive): kept once
    from ..pipeline import drop_duplicates

    unique = drop_duplicates(posts)  # (indexed by position still)
    repeated, posts = len(posts) - len(unique), unique
    in_range = _in_range(posts, request)
    untimed = int((~in_range & posts["created_at"].isna()).sum())
    posts = posts[in_range]
    no_brand = 0
    if brands:
        matched = named.reindex(posts.index) if named is not None else _mentions(posts, brands, config_raw)
        no_brand = int((~matched).sum())
        posts = posts[matched]
    return Fetched(
        posts.reset_index(drop=True),
        rejects,
        pages,
        received,
        int((~in_range).sum()) - untimed,
        untimed,
        no_brand,
        repeated,
        error,
        warnings,
        interrupted,
        None if done else client.resume_at,
        done,
    )


def _checked(
    checked: list[tuple[pd.DataFrame, pd.DataFrame, pd.Series | None, list[str]]], count: int
) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series | None]:
    """The posts, rejects and brand matches (None: no brands) of the batches --limit checked, up to their first
    `count` items (the batch that made the count: up to its item)."""
    frames, rejected, matches = [], [], []
    for posts, rejects, mentions, at in checked:
        if count < len(at):  # (filtered by that batch's positions: `isin` all of them took seconds)
            kept = at[: max(count, 0)]
            posts, rejects = posts[posts.index.isin(kept)], rejects[rejects["position"].isin(kept)]
        frames += [posts] if len(posts) else []  # (an empty frame's dtypes would be guessed at)
        rejected += [rejects] if len(rejects) else []
        matches += [mentions] if mentions is not None and len(mentions) else []
        count -= len(at)
    return (
        pd.concat(frames) if frames else empty_posts(),
        pd.concat(rejected, ignore_index=True) if rejected else pd.DataFrame(columns=REJECT_COLUMNS),
        pd.concat(matches) if matches else None,
    )


def _written(
    posts: pd.DataFrame, positions: list[str], request: Request, mentions: pd.Series | None, counted: set
) -> tuple[list[bool], set]:
    """Which items of a batch (its valid `posts`, indexed by position) are posts that will be written, as --limit
    counts them: inside the --since/--until window, mentioning a configured brand (`mentions`, None: no brands
    configured), and not in `counted` (a post given again on a later page is written once: it counted once); and
    the keys of theirs, for `counted` (left as it is)."""
    from ..pipeline import post_keys

    keep = _in_range(posts, request) & (mentions if mentions is not None else True)
    key_at = {p: k for p, k, kept in zip(posts.index, post_keys(posts), keep, strict=True) if kept}
    flags, keys = [], set()
    for position in positions:
        key = key_at.get(position)
        flags.append(key is not None and key not in counted and key not in keys)
        if key is not None:
            keys.add(key)
    return flags, keys


def _in_range(posts: pd.DataFrame, request: Request) -> pd.Series:
    """The posts inside the --since/--until window; a post without a time is not known to be (`analyze --since`
    leaves it out too: a feed entry without a date was written by `fetch --since`, and dropped by the analysis),
    unless no window was given (`Request.keep_untimed`: --resume's end alone)."""
    in_range = pd.Series(True, index=posts.index)
    if request.since is not None:
        in_range &= (posts["created_at"] >= request.since).fillna(False)
    if request.until is not None:
        in_range &= (posts["created_at"] < request.until).fillna(False)
    if request.keep_untimed:  # (the window --resume's alone: no one asked to leave them out)
        in_range |= posts["created_at"].isna()
    return in_range


def about_column(posts: pd.DataFrame, config, about: str) -> pd.Series:
    """`fetch --about BRAND`'s `about` column: BRAND on the posts naming no configured brand, empty on the others, as
    `analyze --about` gives it (`schema.ABOUT_FIELDS`; it was BRAND on every row, another meaning of the name)."""
    named = _mentions(posts, config.brands, config.raw).to_numpy(dtype=bool) if len(posts) else []
    return pd.Series(np.where(named, "", about), index=posts.index, dtype=posts["text"].dtype)


def _mentions(posts: pd.DataFrame, brands: list[Brand], config_raw: dict | None) -> pd.Series:
    from ..enrich.brands import mentioning
    from ..enrich.language import candidates_from_config

    return mentioning(posts, brands, candidates_from_config(config_raw))


def _validate(items: list, positions: list[str], source: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The same value checks as files: bad records, and items that are not objects, go to rejects
    with their page and item."""
    if not items:
        return empty_posts(), pd.DataFrame(columns=REJECT_COLUMNS)
    raw = _records(items, positions)
    unreadable = pd.DataFrame(raw.bad, columns=REJECT_COLUMNS[1:], dtype=object)
    unreadable.insert(0, "source", f"fetch {source}")
    if not len(raw.records):  # nothing but items that are not objects
        return empty_posts(), unreadable
    columns = {c: c for c in raw.records.columns}
    posts, reasons = to_posts(raw.records, columns)
    kept = tuple(c for c in getattr(SOURCES.get(source), "KEPT", ()) if c in raw.records.columns)
    # a review's reply by the brand (Steam's `developer_response`), as the readers keep it (`REPLY_FIELDS`): dropped,
    # `queue` listed a review the developer had answered, and the store kept no reply of it
    if (replied := owner_replies(raw.records, rated=False)) is not None:
        replies, unread, why = replied
        posts = posts.assign(**{c: replies[c] for c in replies.columns})
        flag_rows(reasons, unread, why)
    if kept:  # (after the reply, as `analyze --keep` writes them)
        posts = kept_as_text(posts.assign(**{c: raw.records[c] for c in kept}), kept)
    bad = reasons != ""
    item_at = dict(zip(positions, items, strict=True))  # the record as the API sent it (its counts were 120.0)
    rejects = pd.DataFrame(
        {
            "source": f"fetch {source}",
            "position": raw.positions[bad].values,
            "reason": reasons[bad].values,
            "record": [json.dumps(item_at[p], ensure_ascii=False, default=str) for p in raw.positions[bad]],
        },
        columns=REJECT_COLUMNS,
    )
    if len(unreadable):  # (in the order of their items: the unreadable ones came first, whatever their place)
        rejects = in_line_order(pd.concat([unreadable, rejects], ignore_index=True)) if len(rejects) else unreadable
    return posts[~bad].set_axis(raw.positions[~bad].values), rejects  # (indexed by position)
