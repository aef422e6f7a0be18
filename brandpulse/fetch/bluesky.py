"""Bluesky: `app.bsky.feed.searchPosts` with a handle and app password. The session is cached
in the user cache folder (mode 600) so runs do not log in every time."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from ..sources.platforms.bluesky import search_records
from .client import Client, cache_dir
from .credentials import require
from .paging import Cursors, EmptyPages, Request

HANDLE, PASSWORD = "BRANDPULSE_BLUESKY_HANDLE", "BRANDPULSE_BLUESKY_APP_PASSWORD"
DEFAULT_BASE = "https://bsky.social"
PAGE = 100


def _session_file(base: str, handle: str) -> Path:
    key = hashlib.sha256(f"{base}\n{handle}".encode()).hexdigest()[:16]
    return cache_dir() / f"bluesky-session-{key}.json"


def _save(path: Path, session: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump({"accessJwt": session.get("accessJwt"), "refreshJwt": session.get("refreshJwt")}, fh)
    os.chmod(path, 0o600)


def _login(client: Client, base: str, creds: dict[str, str], path: Path) -> str:
    response = client.request(
        "POST",
        f"{base}/xrpc/com.atproto.server.createSession",
        json={"identifier": creds[HANDLE], "password": creds[PASSWORD]},
    )
    session, _ = client.json_of(response)
    token = session.get("accessJwt") if isinstance(session, dict) else None
    if not token:
        raise client.fail("createSession answered without an access token")
    client.add_secret(token)
    client.add_secret(session.get("refreshJwt"))
    try:
        _save(path, session)
    except OSError as exc:  # (a cron job's home may be read-only: the fetch goes on, logging in each run)
        client.warn(
            f"{client.source}: the session could not be cached ({path.parent}: {exc.strerror or exc}); "
            "each run logs in again"
        )
    return token


def _cached(client: Client, path: Path) -> str | None:
    try:
        token = json.loads(path.read_text()).get("accessJwt")
    except (OSError, ValueError, AttributeError):
        return None
    client.add_secret(token)
    return token


def check(req: Request, creds: dict[str, str]) -> None:
    require("bluesky", creds, HANDLE, PASSWORD, what="search")


def pages(client: Client, req: Request, creds: dict[str, str]) -> Iterator[list[dict]]:
    base = (req.api_base or DEFAULT_BASE).rstrip("/")
    path = _session_file(base, creds[HANDLE])
    token = _cached(client, path) or _login(client, base, creds, path)
    cursors = Cursors(client.source)
    cursor, empty = None, EmptyPages(client.source, client.warn)
    url = f"{base}/xrpc/app.bsky.feed.searchPosts"
    while True:
        params = {"q": req.query, "limit": PAGE, "sort": "latest", "cursor": cursor}
        params.update({"since": req.iso(req.since), "until": req.iso(req.until, end=True)})
        response = client.request(
            "GET", url, params=params, headers={"Authorization": f"Bearer {token}"}, allow=(400, 401)
        )
        if response.status_code in (400, 401):  # expired or revoked session: log in again, once
            if "Token" not in response.text and response.status_code == 400:
                client.check(response)
            path.unlink(missing_ok=True)
            token = _login(client, base, creds, path)
            response = client.request("GET", url, params=params, headers={"Authorization": f"Bearer {token}"})
        data, _ = client.json_of(response)
        posts = data.get("posts") if isinstance(data, dict) else None
        if not isinstance(posts, list):
            raise client.fail("searchPosts did not answer with posts")
        yield search_records(data)
        cursor = cursors.next(data.get("cursor"))
        if cursor is None or empty.too_many(posts):
            return
