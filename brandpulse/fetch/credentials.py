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
    "steam": [],
}


def config_key(variable: str) -> str:
    return variable.removeprefix("BRANDPULSE_").lower()


def where_set(variable: str, config_raw: dict | None = None) -> str:
    """Where a credential is set, as a message asks to set it: the variable, or the config's key when the variable
    is not set and the config holds it (a refused token from the config was "set BRANDPULSE_X_BEARER_TOKEN")."""
    value = ((config_raw or {}).get("credentials") or {}).get(config_key(variable))
    if os.environ.get(variable) or not (isinstance(value, str) and value.strip()):
        return variable
    return f"{config_key(variable)} in the config's [credentials] (or {variable})"


def lookup(source: str, config_raw: dict | None = None) -> dict[str, str]:
    """{variable: value} for the source's variables that are set."""
    table = (config_raw or {}).get("credentials") or {}
    found = {}
    for var in VARIABLES.get(source, []):
        where = var if os.environ.get(var) else f"{config_key(var)} in the config's [credentials]"
        value = os.environ.get(var) or table.get(config_key(var))
        if isinstance(value, str) and value.strip():
            found[var] = value.strip()
            _check(source, where, found[var], header=var not in IN_BODY)
    return found


#: sent in a JSON body, where any character goes (the others go in a header or the URL)
IN_BODY = {"BRANDPULSE_BLUESKY_APP_PASSWORD"}


def _check(source: str, where: str, value: str, *, header: bool) -> None:
    """A line break inside a token (or, in a header, a character beyond ASCII) made requests fail with the token
    in its words, or Python with "UnicodeEncodeError" (exit 1). Said without the value."""
    if any(c < " " or c == "\x7f" for c in value):
        what = "a line break or another control character"
    elif header and not value.isascii():
        what = "a character outside ASCII (a zero-width space, a typographic quote?)"
    else:
        return
    raise FetchError(f"{source}: {where} holds {what}: a copy-paste slip? set it again")


def require(source: str, creds: dict[str, str], *variables: str, what: str) -> None:
    missing = [v for v in variables if v not in creds]
    if missing:
        keys = ", ".join(config_key(v) for v in missing)
        raise FetchError(f"{source}: {what} needs {' and '.join(missing)} (or {keys} in the config's [credentials])")
