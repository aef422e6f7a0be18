"""Steam: a game's user reviews from its store's `appreviews` endpoint (no key needed); QUERY is its app id."""

from __future__ import annotations

from collections.abc import Iterator

from ..sources.platforms.steam import reviews_records
from .client import Client
from .paging import Cursors, Request, older_than

DEFAULT_BASE = "https://store.steampowered.com"
#: a review's fields written after the schema's, as `analyze --keep` writes them: its thumb (`true`, `false`), for
#: `evaluate --label-column voted_up` of the fetched file (fetch dropped it: only a saved page had it)
KEPT = ("voted_up",)
PAGE = 100


def pages(client: Client, req: Request, creds: dict[str, str]) -> Iterator[list[dict]]:
    base = (req.api_base or DEFAULT_BASE).rstrip("/")
    app = req.query.strip()
    cursors = Cursors(client.source)
    cursor = "*"
    while True:
        # newest first (`recent`: by the time written), every language and purchase: `--since` stops the paging
        params = {"json": 1, "filter": "recent", "language": "all", "purchase_type": "all", "review_type": "all"}
        params |= {"num_per_page": PAGE, "cursor": cursor}
        data, _ = client.get_json(f"{base}/appreviews/{app}", params=params)
        if not isinstance(data, dict) or not isinstance(data.get("reviews", []), list):
            raise client.fail(f"app {app} did not answer with reviews")
        if data.get("success") != 1:  # (an app id Steam does not know: `{"success": 2}`)
            raise client.fail(f"Steam has no reviews of app {app} (success: {data.get('success')!r:.20})")
        records = reviews_records(data.get("reviews", []), app)
        yield records
        # (the last page: no reviews, and the cursor it was asked with again)
        if not records or older_than([r for r in records if isinstance(r, dict)], req.since):
            return
        cursor = cursors.next(data.get("cursor"))
        if cursor is None:
            return
