"""Sending alerts to a Slack-compatible webhook, and remembering what was sent.

Retries (connection errors, 429 and 5xx) come from urllib3's Retry with exponential backoff;
every attempt has a connect and read timeout, so a dead endpoint cannot hang a cron job.
"""

from __future__ import annotations

import json
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from ..errors import FetchError, InputError
from ..output.writers import write_bytes


def post_webhook(
    url: str, payload: dict, *, retries: int = 3, backoff: float = 1.0, timeout: tuple[float, float] = (5, 15)
) -> None:
    """POST `payload` as JSON; FetchError after `retries` retries. The URL (a secret) never appears in errors."""
    retry = Retry(
        total=retries,
        backoff_factor=backoff,
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=frozenset({"POST"}),
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    with requests.Session() as session:
        session.mount("http://", HTTPAdapter(max_retries=retry))
        session.mount("https://", HTTPAdapter(max_retries=retry))
        try:
            response = session.post(url, json=payload, timeout=timeout)
        except requests.RequestException as exc:
            raise FetchError(f"webhook: could not deliver after {_retries(retries)} ({type(exc).__name__})") from None
    if response.status_code >= 300:
        raise FetchError(f"webhook: HTTP {response.status_code} after {_retries(retries)}")


def _retries(n: int) -> str:
    return "no retry" if n == 0 else f"{n} retr{'y' if n == 1 else 'ies'}"


def read_state(path: Path) -> set[str]:
    """Alert keys already sent (state file used when alerts run from FILES without a store)."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return set()
    except (OSError, ValueError) as exc:  # (an input, not a webhook failure: exit 6 says that)
        raise InputError(f"{path}: cannot read alert state: {exc}") from None
    sent = data.get("sent", []) if isinstance(data, dict) else None
    if not isinstance(sent, list) or not all(isinstance(key, str) for key in sent):
        raise InputError(f'{path}: not an alert state file (expected {{"sent": [alert keys]}})')
    return set(sent)


def write_state(path: Path, sent: set[str]) -> None:
    write_bytes((json.dumps({"sent": sorted(sent)}, indent=1) + "\n").encode(), path)
