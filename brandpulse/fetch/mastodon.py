"""Mastodon: a hashtag timeline (`#tag`, public on most servers) or keyword search (needs a token)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qsl, quote, urlparse

import pandas as pd

from ..sources.platforms.mastodon import statuses_records
from .client import Client
from .credentials import require
from .paging import Cursors, Request, older_than

TOKEN = "BRANDPULSE_MASTODON_TOKEN"
DEFAULT_SERVER = "https://mastodon.social"
PAGE = 40


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
        first = True
        while params is not None:
            data, response = client.get_json(url, params=params, headers=headers)
            if not isinstance(data, list):
                raise client.fail("the hashtag timeline did not answer with a list of statuses")
            if first and not data:
                client.warn(
                    f"{client.source}: {base} returned no posts for #{tag}: the server may have public hashtag "
                    "timelines switched off (or need a login); this does not mean there are no mentions"
                )
            first = False
            records = statuses_records(data)
            yield records
            if not data or older_than(records, req.since):
                return
            # the next page of the server asked (--server, --api-base), whatever host its Link names (a server
            # behind a proxy names its own: http://localhost:3000/...)
            after = cursors.next(urlparse(response.links.get("next", {}).get("url") or "").query)
            params = {"limit": PAGE, **dict(parse_qsl(after))} if after else None
        return
    require(client.source, creds, TOKEN, what="keyword search (search '#tag' without a token)")
    offset = 0
    seen: set[str] = set()
    while True:
        params = {"q": req.query, "type": "statuses", "limit": PAGE, "offset": offset, "resolve": "false"}
        data, _ = client.get_json(f"{base}/api/v2/search", params=params, headers=headers)
        statuses = data.get("statuses") if isinstance(data, dict) else None
        if not isinstance(statuses, list):
            raise client.fail("the search did not answer with statuses")
        ids = {str(s.get("id")) for s in statuses if isinstance(s, dict)}
        if offset and ids and ids <= seen:  # a server that ignores `offset` answers page 1 for ever
            raise client.fail(f"the search answered offset {offset} with statuses it had already given; stopped")
        seen |= ids
        records = statuses_records(statuses)
        yield records
        if len(statuses) < PAGE or (_newest_first(records) and older_than(records, req.since)):
            return
        offset += len(statuses)


def _newest_first(records: list) -> bool:
    """Mastodon 4 lists search results newest first, so a page reaching before --since is the last one needed;
    a server ranking them otherwise (Mastodon 3: by relevance) is paged to its end."""
    from ..sources.values import parse_timestamps

    times = parse_timestamps(pd.Series([r.get("created_at") for r in records if isinstance(r, dict)], dtype=object))
    return times.dropna().is_monotonic_decreasing
