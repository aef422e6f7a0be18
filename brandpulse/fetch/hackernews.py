"""Hacker News: Algolia's search_by_date over stories and comments (no key needed)."""

from __future__ import annotations

import math
from collections.abc import Iterator

from ..sources.platforms.hackernews import hits_records
from .client import Client
from .paging import Cursors, Request

DEFAULT_BASE = "https://hn.algolia.com"
PAGE = 100


def pages(client: Client, req: Request, creds: dict[str, str]) -> Iterator[list[dict]]:
    base = (req.api_base or DEFAULT_BASE).rstrip("/")
    numeric = []
    if req.since is not None:
        numeric.append(f"created_at_i>={int(req.since.timestamp())}")
    if req.until is not None:
        numeric.append(f"created_at_i<{math.ceil(req.until.timestamp())}")  # (an end: rounded up)
    cursors = Cursors(client.source)
    page = 0
    while True:
        params = {"query": req.query, "tags": "(story,comment)", "hitsPerPage": PAGE, "page": page}
        if numeric:
            params["numericFilters"] = ",".join(numeric)
        data, _ = client.get_json(f"{base}/api/v1/search_by_date", params=params)
        if not isinstance(data, dict) or not isinstance(data.get("hits"), list):
            raise client.fail("the search did not answer with hits")
        total = data.get("nbPages")  # ("abc" was a ValueError, exit 1, the pages before it lost)
        if not isinstance(total, int) or isinstance(total, bool):
            raise client.fail(f"the search answered page {page + 1} without a page count (nbPages: {total!r:.40})")
        cursors.next(f"page {data.get('page', page)}")  # a server ignoring `page` would repeat page 0
        yield hits_records(data)
        page += 1
        if not data["hits"] or page >= total:
            matched, per_page = data.get("nbHits"), data.get("hitsPerPage", PAGE)
            if data["hits"] and isinstance(matched, int) and isinstance(per_page, int) and matched > total * per_page:
                client.warn(  # (Algolia lists 1,000 hits at most: the rest of a busy window went unsaid)
                    f"{client.source}: the search matched {matched:,} posts and Algolia lists only the newest "
                    f"{total * per_page:,}; fetch the window in parts (--since/--until) to get the rest"
                )
            return
