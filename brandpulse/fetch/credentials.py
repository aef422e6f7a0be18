"""Credentials: from environment variables, else the config file's `[credentials]` table
(key = the variable's name without `BRANDPULSE_`, lower-case). Never from options, so they
do not end up in shell history or process lists."""

from __future__ import annotations

import os

from ..errors import FetchError

VARIABLES = {
    "x": ["BRANDPULSE_X_BEARER_TOKEN"],
    "mastodon": ["BRANDPULSE_MASTODON_TOKEN"],
    "bluesky": ["BRANDPULSE_BLUESKY_HANDLE", "BRANDPULSE_BLUESKY_APP_PASSWORD"],
    "reddit": ["BRANDPULSE_REDDIT_CLIENT_ID", "BRANDPULSE_REDDIT_CLIENT_SECRET"],
    "youtube": ["BRANDPULSE_YOUTUBE_API_KEY"],
    "hackernews": [],
    "rss": [],
}


def config_key(variable: str) -> str:
    return variable.removeprefix("BRANDPULSE_").lower()


def lookup(source: str, config_raw: dict | None = None) -> dict[str, str]:
    """{variable: value} for the source's variables that are set."""
    table = (config_raw or {}).get("credentials") or {}
    found = {}
    for var in VARIABLES.get(source, []):
        value = os.environ.get(var) or table.get(config_key(var))
        if isinstance(value, str) and value.strip():
            found[var] = value.strip()
    return found


def require(source: str, creds: dict[str, str], *variables: str, what: str) -> None:
    missing = [v for v in variables if v not in creds]
    if missing:
        keys = ", ".join(config_key(v) for v in missing)
        raise FetchError(f"{source}: {what} needs {' and '.join(missing)} (or {keys} in the config's [credentials])")
