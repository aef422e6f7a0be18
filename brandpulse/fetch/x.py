"""X: API v2 recent search (last 7 days) with an app bearer token, authors expanded."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from ..sources.platforms.twitter import v2_page_records
from .client import Client
from .credentials import require
from .paging import Cursors, EmptyPages, Request

TOKEN = "BRANDPULSE_X_BEARER_TOKEN"
DEFAULT_BASE = "https://api.x.com"
PAGE = 100
#: the fewest posts X gives a page (it refuses `max_results` below this)
MIN_PAGE = 10
#: X refuses an `end_time` less than 10 seconds before the request (HTTP 400); a later `--until` is not sent
END_TIME_LAG = pd.Timedelta(seconds=30)


def check(req: Request, creds: dict[str, str]) -> None:
    require("x", creds, TOKEN, what="recent search")


def pages(client: Client, req: Request, creds: dict[str, str]) -> Iterator[list[dict]]:
    base = (req.api_base or DEFAULT_BASE).rstrip("/")
    headers = {"Authorization": f"Bearer {creds[TOKEN]}"}
    cursors, empty = Cursors(client.source), EmptyPages(client.source, client.warn)
    token = None
    until = req.until if req.until is not None and req.until < pd.Timestamp.now("UTC") - END_TIME_LAG else None
    # every post X sends counts against the monthly cap of the access tier: `--limit 5` read 100 of it
    page = min(PAGE, max(MIN_PAGE, req.limit)) if req.limit else PAGE
    while True:
        params = {
            "query": req.query,
            "max_results": page,
            "expansions": "author_id,referenced_tweets.id,referenced_tweets.id.author_id",
            "tweet.fields": "created_at,lang,public_metrics,referenced_tweets,author_id,conversation_id,"
            "entities,note_tweet",
            "user.fields": "username,public_metrics",
            "start_time": req.iso(req.since),
            "end_time": req.iso(until, end=True),  # (the window is applied again to what comes back)
            "next_token": token,
        }
        response = client.request("GET", f"{base}/2/tweets/search/recent", params=params, headers=headers, allow=(400,))
        if response.status_code == 400:
            _refuse_window(client, response)
            client.check(response)
        data, _ = client.json_of(response)
        if not isinstance(data, dict) or not isinstance(data.get("meta"), dict):
            raise client.fail("recent search did not answer with a page of tweets")
        yield v2_page_records(data)
        token = cursors.next(data["meta"].get("next_token"))
        # (a page of no tweets, with a fresh `next_token`, was followed without end)
        if token is None or empty.too_many(data.get("data") or []):
            return


#: what X says of a `start_time`/`end_time` outside recent search's 7 days
_TOO_OLD = "must be on or after"


def _refuse_window(client: Client, response) -> None:
    """X's 400 for a window reaching back more than 7 days, as one line naming the option to change (it read
    "HTTP 400: One or more parameters to your request was invalid." and X's message in brackets)."""
    try:
        errors = response.json().get("errors")
    except (ValueError, AttributeError):
        return
    for error in errors if isinstance(errors, list) else []:
        message = error.get("message") if isinstance(error, dict) else None
        message = client.redact(message) if isinstance(message, str) else message  # (before it is cut short)
        parameters = error.get("parameters") if isinstance(error, dict) else None
        if not isinstance(message, str) or _TOO_OLD not in message or not isinstance(parameters, dict):
            continue
        if "start_time" in parameters:
            raise client.fail(
                f"recent search reaches back 7 days only, and --since is earlier than that (X: {message[:200]}); "
                "give a later --since, or none"
            )
        if "end_time" in parameters:
            raise client.fail(
                "recent search reaches back 7 days only, and the window ends before that (--until, or with "
                f"--resume the oldest post already written): there is nothing it can fetch (X: {message[:200]})"
            )
