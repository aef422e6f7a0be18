"""Mastodon: a hashtag timeline (`#tag`, public on most servers) or keyword search (needs a token)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qsl, quote, urlparse

import pandas as pd

from ..output.terminal import counted
from ..sources.platforms.mastodon import statuses_records
from .client import Client, _where
from .credentials import require
from .paging import Cursors, Request, older_than

TOKEN = "BRANDPULSE_MASTODON_TOKEN"
DEFAULT_SERVER = "https://mastodon.social"
PAGE = 40


def check(req: Request, creds: dict[str, str]) -> None:
    if not req.query.startswith("#"):  # (a hashtag timeline is public on most servers)
        require("mastodon", creds, TOKEN, what="keyword search (search '#tag' without a token)")


def pages(client: Client, req: Request, creds: dict[str, str]) -> Iterator[list[dict]]:
    base = (req.api_base or req.options.get("server") or DEFAULT_SERVER).rstrip("/")
    if "://" not in base:
        base = "https://" + base
    token = creds.get(TOKEN)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    cursors = Cursors(client.source)
    if req.query.startswith("#"):
        tag = req.query[1:]
        url = f"{base}/api/v1/timelines/tag/{quote(tag)}"
        params: dict | None = {"limit": PAGE}
        first, jumped, newer = True, False, None  # newer: page 1's next page, should the jump to --until be ignored
        seen: set[str] = set()
        while params is not None:
            data, response = client.get_json(url, params=params, headers=headers)
            if not isinstance(data, list):
                raise client.fail("the hashtag timeline did not answer with a list of statuses")
            if first and not data:
                client.warn(
                    f"{client.source}: {_where(base)} returned no posts for #{tag}: the server may have public hashtag "
                    "timelines switched off (or need a login); this does not mean there are no mentions"
                )
            ids = {str(s.get("id")) for s in data if isinstance(s, dict)}
            if ids and ids <= seen:  # a server that ignores max_id answers its newest page again
                if jumped:  # (the jump to --until: page on by page 1's Link, which may page another way)
                    params, jumped = newer, False
                    continue
                client.warn(
                    f"{client.source}: {_where(base)} answered the next page of #{tag} with the posts it had already "
                    f"given (it ignores max_id): only its newest {counted(len(seen), 'post')} could be read"
                )
                return
            if newer is not None and not jumped:  # (said once the Link's page 2 showed new posts)
                client.warn(
                    f"{client.source}: {_where(base)} ignored max_id (the hashtag timeline from --until down began "
                    "with its newest posts again); paging on through the newer ones"
                )
            seen |= ids
            jumped, newer = False, None
            records = statuses_records(data)
            yield records
            if not data or older_than(records, req.since):
                return
            # the next page of the server asked (--server, --api-base), whatever host its Link names (a server
            # behind a proxy names its own: http://localhost:3000/...)
            after = cursors.next(urlparse(response.links.get("next", {}).get("url") or "").query)
            params = {"limit": PAGE, **dict(parse_qsl(after))} if after else None
            end = _jump(req, data) if first else None
            if params and end:  # straight to --until (or, with --resume, the oldest post written)
                newer, params, jumped = params, {"limit": PAGE, "max_id": end}, True
            first = False
        return
    offset, end = 0, None
    seen: set[str] = set()
    while True:
        params = {"q": req.query, "type": "statuses", "limit": PAGE, "offset": offset, "resolve": "false"}
        if end:
            params["max_id"] = end
        data, _ = client.get_json(f"{base}/api/v2/search", params=params, headers=headers)
        statuses = data.get("statuses") if isinstance(data, dict) else None
        if not isinstance(statuses, list):
            raise client.fail("the search did not answer with statuses")
        ids = {str(s.get("id")) for s in statuses if isinstance(s, dict)}
        if offset and ids and ids <= seen:  # a server that ignores `offset` answers page 1 for ever
            raise client.fail(f"the search answered offset {offset} with statuses it had already given; stopped")
        if end and ids and ids <= seen:  # one that ignores `max_id` answers page 1 again: on by offset from page 2
            client.warn(
                f"{client.source}: {_where(base)} ignored max_id (the search from --until down began with its newest "
                "posts again); paging on through the newer ones"
            )
            offset, end = len(statuses), None
            continue
        seen |= ids
        records = statuses_records(statuses)
        yield records
        if len(statuses) < PAGE or (_newest_first(records) and older_than(records, req.since)):
            return
        offset += len(statuses)
        if not end and offset == len(statuses) and (end := _jump(req, statuses)):
            offset = 0  # the search again, from --until down


def _jump(req: Request, statuses: list) -> str | None:
    """The `max_id` to ask for when the first page is all after --until: no end date is taken, but a Mastodon id
    holds its post's time. Searches read it (Mastodon 4) as `before:` that time, to the second: so rounded up to
    one. None for other servers' ids, whose order says nothing of time."""
    if req.until is None or not _snowflakes(statuses):
        return None
    end = int(req.until.ceil("s").timestamp() * 1000) << 16
    return str(end) if all(end < int(s["id"]) for s in statuses) else None


def _newest_first(records: list) -> bool:
    """Mastodon 4 lists search results newest first, so a page reaching before --since is the last one needed;
    a server ranking them otherwise (Mastodon 3: by relevance) is paged to its end."""
    from ..sources.values import parse_timestamps

    times = parse_timestamps(pd.Series([r.get("created_at") for r in records if isinstance(r, dict)], dtype=object))
    return times.dropna().is_monotonic_decreasing


def _snowflakes(statuses: list) -> bool:
    """Whether the ids are Mastodon's: the post's time in milliseconds shifted 16 bits (within a day; posts from
    before Mastodon 2.0, and other servers' ids such as GoToSocial's ULIDs, are not)."""
    from ..sources.values import parse_timestamps

    ids = [s.get("id") if isinstance(s, dict) else None for s in statuses]
    if not all(isinstance(i, str) and i.isascii() and i.isdigit() for i in ids):
        return False
    times = parse_timestamps(pd.Series([s.get("created_at") for s in statuses], dtype=object))
    if times.isna().any():
        return False
    return all(abs((int(i) >> 16) - t.timestamp() * 1000) < 86_400_000 for i, t in zip(ids, times, strict=True))
