"""Sending alerts to a Slack-compatible webhook, and remembering what was sent.

Retries (connection errors, 429 and 5xx) come from urllib3's Retry with exponential backoff;
every attempt has a connect and read timeout, so a dead endpoint cannot hang a cron job. A post sent and not
answered is not retried: the webhook may have posted it.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote

import requests
from urllib3.exceptions import InvalidHeader, MaxRetryError
from urllib3.util.retry import Retry

from ..errors import FetchError, InputError, StoreError
from ..fetch.client import (
    _UNCAPPED,
    MAX_WAIT,
    AnswerTooLarge,
    AnswerTooSlow,
    DeadlineAdapter,
    _reason,
    _WaitTooLong,
    _where,
    read_answer,
)
from ..output.terminal import span
from ..output.writers import write_bytes

#: the answers a webhook POST is retried on (with connection errors); any other failure is final at once
RETRIED = (429, 500, 502, 503, 504)

#: a webhook post's connect and read timeouts, in seconds (`post_webhook`)
TIMEOUT = (5.0, 15.0)

#: a late alert whose day (hour) began this many days before the run's --until is dropped, not sent
LATE_DAYS = 14


def destination(webhook: str | None, name: str | None = None) -> str:
    """Whom a run's alerts go to, as the store and --state file remember them (before each key): a webhook by
    its `name` (`--webhook-name`) when it has one, else by a hash of its URL (a secret, never stored), or
    `@stdout` for runs without one. Each has its own sent and pending alerts: a run by hand does not take the
    cron job's, nor one job's webhook another's late alerts; a named webhook whose URL changes (a rotated token)
    keeps its own. Keys remembered before stop 32, without one, count as sent to every destination."""
    if not webhook:
        return "@stdout"
    if name:
        return f"@webhook={name}"
    return "@webhook:" + hashlib.sha256(webhook.encode()).hexdigest()[:16]


def destinations(webhook: str | None, name: str | None = None) -> tuple[str, ...]:
    """The destinations whose alerts a run reads as its own, the first the one it remembers them under: a named
    webhook's, then its URL's (remembered before it had its name: its run adopts them, `store.adopt_alerts`)."""
    return (destination(webhook, name), destination(webhook)) if webhook and name else (destination(webhook),)


class _Retry(Retry):
    """urllib3's Retry, except that a Retry-After further away than MAX_WAIT (15 minutes, as for `fetch`) is not
    slept through (`Retry-After: 3600` on a 429 held the alerts run, and its lock, for 3 hours), and one that
    cannot be read is backoff."""

    def sleep_for_retry(self, response) -> bool:
        try:
            after = self.get_retry_after(response) if response is not None else None
        except InvalidHeader:
            return False
        if after and after > MAX_WAIT:
            raise _WaitTooLong(after, response.status)
        return super().sleep_for_retry(response)


#: what no URL holds: spaces and control characters (`%20`, `%0A` written out)
_BLANK = re.compile(r"[\x00-\x20\x7f]")


def webhook_problem(url: str) -> str | None:
    """What makes `url` no address to post to, else None; never the URL itself (a secret). `http://HOST:99999/...`
    printed the alerts and then failed as "could not deliver after 3 retries (InvalidURL)", every run again; a line
    end kept from a secrets file was posted to as `%0A`, refused by the webhook."""
    if _BLANK.search(url):
        return "holds a space or line break (a line end kept from the file it was read from?)"
    if not url.lower().startswith(("http://", "https://")):
        return "not an http:// or https:// URL"
    try:
        requests.PreparedRequest().prepare_url(url, None)
    except requests.RequestException:
        return "not a URL that can be read (its host or port)"
    return None


_JSON = {"Content-Type": "application/json"}


def post_webhook(
    url: str, payload: dict, *, retries: int = 3, backoff: float = 1.0, timeout: tuple[float, float] | None = None
) -> None:
    """POST `payload` as JSON; FetchError after `retries` retries. The URL (a secret) never appears in errors. A
    post the webhook took and did not answer (a read timeout, a connection lost after sending) is not retried: it may
    have been posted, and a slow webhook showed one alert four times."""
    timeout = timeout or TIMEOUT
    retry = _Retry(
        total=retries,
        read=False,
        backoff_factor=backoff,
        status_forcelist=RETRIED,
        allowed_methods=frozenset({"POST"}),
        respect_retry_after_header=True,
        **_UNCAPPED,
        raise_on_status=False,
    )
    with requests.Session() as session:
        session.mount("http://", DeadlineAdapter(max_retries=retry))
        session.mount("https://", DeadlineAdapter(max_retries=retry))
        try:
            # (a redirect was followed as a GET, which an answer of 200 took for delivered: a 3xx is a failure); the
            # body is read only for an error's code (`_refused`): one sent a byte at a time held the run for ever
            # (as UTF-8: `json=` wrote each letter of an Arabic post as 6 bytes, "\u0637", each emoji as 12)
            body = json.dumps(payload, ensure_ascii=False, allow_nan=False).encode()
            response = session.post(url, data=body, headers=_JSON, timeout=timeout, allow_redirects=False, stream=True)
        except _WaitTooLong as exc:
            raise FetchError(
                f"webhook: HTTP {exc.status}, and it asks to wait {span(exc.seconds)} before trying again"
            ) from None
        except AnswerTooSlow:  # (its status line or headers, or a 5xx body read before a retry, sent bit by bit)
            raise FetchError(
                f"webhook: the answer from {_where(url)} did not all arrive within {timeout[1]:g}s (the "
                "webhook sent it a little at a time)"
            ) from None
        except requests.RequestException as exc:  # (its host and port, as fetch names them: never its path or query)
            unanswered = isinstance(exc, (requests.ReadTimeout, requests.ConnectionError))  # (`read=False`)
            if unanswered and not isinstance(exc.args[0] if exc.args else None, MaxRetryError):
                raise FetchError(
                    f"webhook: no answer from {_where(url)} ({_reason(exc)}), not retried: it may have posted them,"
                    " and a retry would post them twice"
                ) from None
            raise FetchError(
                f"webhook: could not deliver to {_where(url)} ({_reason(exc)}){_retried(retries)}"
            ) from None
        if response.status_code in RETRIED:
            raise FetchError(f"webhook: HTTP {response.status_code}{_retried(retries)}")
        if response.status_code >= 300:  # (a 404 was "HTTP 404 after 3 retries": it was sent once)
            raise FetchError(f"webhook: {_refused(url, response)}")
        response.close()


#: the error codes a Slack-style webhook answers with as its body (`invalid_payload`, `channel_is_archived`)
_CODE = re.compile(r"[a-z][a-z0-9_]{2,59}")
#: what to do about an answer that is not retried (any other: the URL is wrong, 404, or moved, 3xx)
_WHY = {
    401: "the webhook refused its token (revoked or rotated?): set --webhook (or $BRANDPULSE_WEBHOOK) to its "
    "current URL",
    403: "the webhook refused to post (its token revoked, or not allowed to post to that channel): check its "
    "permissions, or set --webhook (or $BRANDPULSE_WEBHOOK) to its current URL",
    410: "the webhook is gone (deleted, or its channel archived): make a new one and set --webhook (or "
    "$BRANDPULSE_WEBHOOK) to its URL",
}


def _refused(url: str, response: requests.Response) -> str:
    """Why a webhook's answer is final, in one line: what to do about it and, for a message refused, its size;
    the answer's own error code when it is one (`no_service`) and holds no part of `url` (a secret), read within
    the read timeout (`DeadlineAdapter`)."""
    status = response.status_code
    try:
        read_answer(response, limit=60)
        code = response.text.strip()
    except (AnswerTooSlow, AnswerTooLarge, requests.RequestException):
        code = ""
    if not _CODE.fullmatch(code) or _echoes(code, url):
        code = ""
    said = f"HTTP {status}" + (f" ({code})" if code else "") + ", not retried"
    if status in (400, 413, 422):  # (the JSON as sent: its size, never its address)
        body = response.request.body or b""
        size = len(body.encode() if isinstance(body, str) else body)
        sent = f'{size:,} bytes of JSON, a Slack-style {{"text": ...}}'
        if status == 413:
            return f"{said}: the webhook refused the message sent as too large ({sent})"
        return f"{said}: the webhook refused the message sent ({sent}): is it a Slack-compatible incoming webhook?"
    return f"{said}: " + _WHY.get(status, "check the webhook's URL")


def _echoes(code: str, url: str) -> bool:
    """Whether the error code `code` may hold a part of `url`, as the webhook read it (percent-decoded, in any case)
    or spelt with `_` for its other characters: a run of 4 letters or digits of it (a token's `abcd-efgh`, a password
    `pw12`), or the URL's letters and digits holding the code's."""
    runs = re.findall(r"[a-z0-9]+", unquote(url).lower())
    bare = code.replace("_", "")
    return any(len(run) >= 4 and run in bare for run in runs) or bare in "".join(runs)


def _retried(n: int) -> str:
    """How often a failed post was tried again ("HTTP 500 after no retry" read as a typo)."""
    return ", not retried (--webhook-retries 0)" if n == 0 else f" after {n} retr{'y' if n == 1 else 'ies'}"


#: what to do with a damaged state file: every later run stopped at it, and the message did not say
_AFRESH = "; delete it to start afresh (the alerts of the window the next run checks are then sent again)"


def read_state(path: Path) -> tuple[set[str], dict[str, str]]:
    """The --state file's alert keys already sent or printed, and of those the ones printed whose webhook
    failed (key -> message), for the next run's webhook. A file without "pending" (before stop 31) has none."""
    try:
        text = path.read_text("utf-8")
        data = json.loads(text) if text.strip() else {}  # (`touch`ed to set its mode: nothing remembered yet)
    except FileNotFoundError:
        return set(), {}
    except ValueError as exc:  # (an input, not a webhook failure: exit 6 says that)
        raise InputError(f"{path}: cannot read alert state: {exc}{_AFRESH}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read alert state: {exc}") from None
    sent = data.get("sent", []) if isinstance(data, dict) else None
    pending = data.get("pending", {}) if isinstance(data, dict) else None
    if not (
        isinstance(sent, list)
        and all(isinstance(key, str) for key in sent)
        and isinstance(pending, dict)
        and all(isinstance(message, str) for message in pending.values())
    ):
        raise InputError(f'{path}: not an alert state file (expected {{"sent": [alert keys]}}){_AFRESH}')
    return set(sent) | set(pending), pending


def write_state(path: Path, sent: set[str], pending: dict[str, str]) -> None:
    data = {"sent": sorted(sent | set(pending))}
    if pending:  # (a file of sent alerts only reads as it did before stop 31)
        data["pending"] = dict(sorted(pending.items()))
    # through a link too, the file is replaced, not written in place: a run reading it meanwhile, or a run
    # killed while writing it, left it empty or cut short (and every run after it exited 4)
    write_bytes((json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode(), path.resolve())


def lock_path(record: Path) -> Path:
    """The file `sending` locks for the alerts remembered in `record` (the store or a --state file), beside
    the file itself: runs naming it through a symlink take turns with the others."""
    record = record.resolve()
    return record.with_name(record.name + ".alerts.lock")


@contextmanager
def sending(record: Path, wait: float) -> Iterator[None]:
    """Hold an OS lock of alerts runs remembering in `record`, from before alerts are sent until they are
    remembered: a second run waits, then finds them sent (each is sent once). The store's own lock is taken
    only to read and to remember, so an ingest is not kept waiting for as long as the webhook takes."""
    lock = lock_path(record)
    try:
        # read-only: flock needs no more; readable by all whatever this user's umask (077 made a lock that the
        # other users running alerts on the same store could not open)
        try:
            fd = os.open(lock, os.O_RDONLY | os.O_CREAT | os.O_EXCL, 0o644)
            with contextlib.suppress(OSError):  # (a disk whose files take no mode, vfat: chmod is refused)
                os.fchmod(fd, 0o644)
        except FileExistsError:
            fd = os.open(lock, os.O_RDONLY)
    except OSError as exc:  # (another user's lock made with umask 077: "Permission denied", exit 1)
        raise StoreError(
            f"{lock}: cannot open the lock alerts runs take turns on ({exc.strerror}): make it readable by every"
            " user who runs alerts (chmod 644), or delete it while no alerts run is running; none printed or sent"
        ) from None
    try:
        deadline = time.monotonic() + max(wait, 0)
        delay = 0.05
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreError(
                        f"{record}: another alerts run is sending alerts and has not remembered them yet"
                        f" ({lock.name}); waited {wait:g}s, try again or raise --wait"
                    ) from None
            time.sleep(min(delay, max(deadline - time.monotonic(), 0.01)))
            delay = min(delay * 2, 0.5)
        yield
    finally:
        os.close(fd)  # (the lock goes with it, and with the process if it is killed)
