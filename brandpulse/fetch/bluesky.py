"""Bluesky: `app.bsky.feed.searchPosts` with a handle and app password. The session is cached
in the user cache folder (mode 600) so runs do not log in every time, and renewed with its refresh JWT when it
expires: createSession is rate limited far more tightly than the search."""

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


def _login(client: Client, base: str, creds: dict[str, str], path: Path) -> dict:
    """A new session, from the app password: Bluesky allows ~30 of these per 5 minutes (`_refresh` first)."""
    response = client.request(
        "POST",
        f"{base}/xrpc/com.atproto.server.createSession",
        json={"identifier": creds[HANDLE], "password": creds[PASSWORD]},
    )
    session = _session(client, response)
    if session is None:
        raise client.fail("createSession answered without an access token")
    return _keep(client, path, session)


def _refresh(client: Client, base: str, session: dict, path: Path) -> dict | None:
    """The session renewed with its refresh JWT (`com.atproto.server.refreshSession`), which lives for weeks where
    the access JWT lives for hours; None when there is none or it was refused (expired, revoked): log in again.
    An expired access token logged in with the password each time, against createSession's tight rate limit."""
    refresh = session.get("refreshJwt")
    if not isinstance(refresh, str) or not refresh:
        return None
    response = client.request(
        "POST",
        f"{base}/xrpc/com.atproto.server.refreshSession",
        headers={"Authorization": f"Bearer {refresh}"},
        allow=(400, 401),
    )
    renewed = None if response.status_code in (400, 401) else _session(client, response)
    return None if renewed is None else _keep(client, path, renewed)


def _session(client: Client, response) -> dict | None:
    """The `accessJwt` and `refreshJwt` of a createSession or refreshSession answer, as secrets; None without an
    access token."""
    answer, _ = client.json_of(response)
    token = answer.get("accessJwt") if isinstance(answer, dict) else None
    if not isinstance(token, str) or not token:
        return None
    refresh = answer.get("refreshJwt")
    session = {"accessJwt": token, "refreshJwt": refresh if isinstance(refresh, str) else None}
    client.add_secret(token)
    client.add_secret(session["refreshJwt"])
    return session


def _keep(client: Client, path: Path, session: dict) -> dict:
    try:
        _save(path, session)
    except OSError as exc:  # (a cron job's home may be read-only: the fetch goes on, logging in each run)
        client.warn(
            f"{client.source}: the session could not be cached ({path.parent}: {exc.strerror or exc}); "
            "each run logs in again"
        )
    return session


def _cached(client: Client, path: Path) -> dict | None:
    try:
        session = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(session, dict) or not isinstance(session.get("accessJwt"), str) or not session["accessJwt"]:
        return None
    client.add_secret(session["accessJwt"])
    client.add_secret(session.get("refreshJwt") if isinstance(session.get("refreshJwt"), str) else None)
    return session


def check(req: Request, creds: dict[str, str]) -> None:
    require("bluesky", creds, HANDLE, PASSWORD, what="search")


def pages(client: Client, req: Request, creds: dict[str, str]) -> Iterator[list[dict]]:
    base = (req.api_base or DEFAULT_BASE).rstrip("/")
    path = _session_file(base, creds[HANDLE])
    session = _cached(client, path) or _login(client, base, creds, path)
    cursors = Cursors(client.source)
    cursor, empty = None, EmptyPages(client.source, client.warn)
    url = f"{base}/xrpc/app.bsky.feed.searchPosts"
    while True:
        params = {"q": req.query, "limit": PAGE, "sort": "latest", "cursor": cursor}
        params.update({"since": req.iso(req.since), "until": req.iso(req.until, end=True)})
        headers = {"Authorization": f"Bearer {session['accessJwt']}"}
        response = client.request("GET", url, params=params, headers=headers, allow=(400, 401))
        if response.status_code in (400, 401):  # expired or revoked session: renewed, else a new login; once
            if "Token" not in response.text and response.status_code == 400:
                client.check(response)
            path.unlink(missing_ok=True)
            session = _refresh(client, base, session, path) or _login(client, base, creds, path)
            headers = {"Authorization": f"Bearer {session['accessJwt']}"}
            response = client.request("GET", url, params=params, headers=headers)
        data, _ = client.json_of(response)
        posts = data.get("posts") if isinstance(data, dict) else None
        if not isinstance(posts, list):
            raise client.fail("searchPosts did not answer with posts")
        yield search_records(data)
        cursor = cursors.next(data.get("cursor"))
        if cursor is None or empty.too_many(posts):
            return
