"""Reddit: site-wide search with an app-only OAuth token (client credentials)."""

from __future__ import annotations

import base64
from collections.abc import Iterator

from .. import __version__
from ..sources.platforms.reddit import listing_records
from .client import Client
from .credentials import require
from .paging import Cursors, EmptyPages, Request, older_than

CLIENT_ID, CLIENT_SECRET = "BRANDPULSE_REDDIT_CLIENT_ID", "BRANDPULSE_REDDIT_CLIENT_SECRET"
AUTH_BASE, API_BASE = "https://www.reddit.com", "https://oauth.reddit.com"
#: Reddit blocks generic agents; it asks for `platform:app id:version (by /u/user)`
USER_AGENT = f"python:brandpulse:{__version__} (brand mention analysis)"
PAGE = 100
#: Reddit lists 1,000 posts of a search at most (fewer when some were removed since), then ends as if no more
CAP, NEAR_CAP = 1000, 900


def check(req: Request, creds: dict[str, str]) -> None:
    require("reddit", creds, CLIENT_ID, CLIENT_SECRET, what="search")


def pages(client: Client, req: Request, creds: dict[str, str]) -> Iterator[list[dict]]:
    basic = base64.b64encode(f"{creds[CLIENT_ID]}:{creds[CLIENT_SECRET]}".encode()).decode()
    client.add_secret(basic)  # the Basic header, should a server or proxy echo it back
    client.session.headers["User-Agent"] = USER_AGENT
    auth_base = (req.api_base or AUTH_BASE).rstrip("/")
    api_base = (req.api_base or API_BASE).rstrip("/")
    response = client.request(
        "POST",
        f"{auth_base}/api/v1/access_token",
        data={"grant_type": "client_credentials"},
        auth=(creds[CLIENT_ID], creds[CLIENT_SECRET]),
    )
    token_doc, _ = client.json_of(response)
    token = token_doc.get("access_token") if isinstance(token_doc, dict) else None
    if not token:
        raise client.fail(f"no access token in the answer; check {CLIENT_ID} and {CLIENT_SECRET}")
    client.add_secret(token)
    cursors, empty = Cursors(client.source), EmptyPages(client.source, client.warn)
    at = (req.resume or {}).get("cursor") or {}
    after, listed = cursors.next(at.get("after")), at.get("listed", 0)  # (a --resume: from the page it lacked)
    while True:
        client.resume_at = {"after": after, "listed": listed} if after else None
        params = {
            "q": req.query,
            "sort": "new",
            "t": "all",
            "limit": PAGE,
            "raw_json": 1,
            "type": "link",
            "after": after,
        }
        data, _ = client.get_json(f"{api_base}/search", params=params, headers={"Authorization": f"bearer {token}"})
        if not isinstance(data, dict) or data.get("kind") != "Listing" or not isinstance(data.get("data"), dict):
            raise client.fail("search did not answer with a Listing")
        records = listing_records(data)
        if not records and after and after == at.get("after"):  # (its post removed since: Reddit lists nothing)
            error = client.fail(f"nothing listed after {after}: its post removed since?")
            error.refused_place = True  # (from the newest again)
            raise error
        yield records
        if older_than(records, req.since):
            return
        children = data["data"].get("children")
        listed += len(children) if isinstance(children, list) else 0
        after = cursors.next(data["data"].get("after"))
        # (a Listing of no children, with a fresh `after` each, was followed without end)
        if after is not None and empty.too_many(children if isinstance(children, list) else []):
            return
        if after is None:
            if listed >= NEAR_CAP:
                client.warn(
                    f"{client.source}: the search ended after {listed:,} posts, near the {CAP:,} Reddit lists of one "
                    "search at most: older matches may be missing; narrow the query (subreddit:NAME, a phrase in "
                    "quotes) to reach them"
                )
            return
