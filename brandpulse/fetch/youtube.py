"""YouTube: comment threads of given videos (`--video`) or of a whole channel (`--channel`)."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import FetchError
from ..sources.platforms.youtube import threads_records
from .client import Client
from .credentials import require
from .paging import Cursors, EmptyPages, Request, older_than

KEY = "BRANDPULSE_YOUTUBE_API_KEY"
DEFAULT_BASE = "https://www.googleapis.com"
PAGE = 100
_NAMES = {"videoId": "video", "allThreadsRelatedToChannelId": "channel"}


def check(req: Request, creds: dict[str, str]) -> None:
    require("youtube", creds, KEY, what="the Data API")


def pages(client: Client, req: Request, creds: dict[str, str]) -> Iterator[list[dict]]:
    videos = list(req.options.get("videos") or ())
    channels = req.options.get("channel") or ()
    channels = [channels] if isinstance(channels, str) else list(channels)  # (one id, or several: --channel)
    if not videos and not channels:
        raise FetchError("youtube: name the videos (--video ID, repeatable) or the channel (--channel ID)")
    base = (req.api_base or DEFAULT_BASE).rstrip("/")
    targets = [("videoId", v) for v in videos] + [("allThreadsRelatedToChannelId", c) for c in channels]
    at = (req.resume or {}).get("cursor") or {}  # (a --resume goes on from the page the last run lacked)
    first = targets.index(tuple(at["target"])) if tuple(at.get("target") or ()) in targets else 0
    for n, (field, value) in enumerate(targets[first:], first):
        cursors = Cursors(client.source)
        empty = EmptyPages(f"{client.source} ({_NAMES[field]} {value})", client.warn)
        token = at.get("pageToken") if n == first else None
        while True:
            # (the first page too: a newer reply further down it is lost to a --resume from the oldest written)
            client.resume_at = {"target": [field, value], "pageToken": token}
            params = {"part": "snippet,replies", field: value, "maxResults": PAGE, "textFormat": "plainText"}
            params["order"] = "time"  # newest thread first: the default, sent as stopping at --since relies on it
            params.update({"pageToken": token, "key": creds[KEY]})
            if req.query and req.query != "*":
                params["searchTerms"] = req.query
            response = client.request("GET", f"{base}/youtube/v3/commentThreads", params=params, allow=(400, 403))
            if response.status_code == 403 and "commentsDisabled" in response.text:  # (the key is fine)
                client.warn(f"{client.source}: {_NAMES[field]} {value} has its comments turned off; skipped")
                break
            try:
                client.check(response)
            except FetchError as exc:  # (a --resume reads from the newest again; a video deleted since: no use)
                exc.refused_place = token is not None and _refuses_token(response)
                raise
            data, _ = client.json_of(response)
            if not isinstance(data, dict) or not isinstance(data.get("items"), list):
                raise client.fail("commentThreads did not answer with items")
            records = threads_records(data)
            yield records
            # threads are ordered by their comment's time (replies are newer): past one from before --since, the
            # comments are all older; their newer replies are not fetched (the README says so)
            if older_than([r for r in records if isinstance(r, dict) and not r.get("parent_id")], req.since):
                break
            token = cursors.next(data.get("nextPageToken"))
            # (pages of no items, each with a fresh token, were followed without end)
            if token is None or empty.too_many(data["items"]):
                break


def _refuses_token(response) -> bool:
    """Whether YouTube refused the page token (`invalidPageToken`, or a reason about the `pageToken` parameter),
    not the video or channel (`videoNotFound`, `channelNotFound`)."""
    try:
        errors = response.json()["error"]["errors"]
    except (ValueError, KeyError, TypeError):
        return False
    return isinstance(errors, list) and any(
        isinstance(e, dict) and (e.get("reason") == "invalidPageToken" or e.get("location") == "pageToken")
        for e in errors
    )
