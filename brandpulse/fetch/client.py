"""The HTTP session every fetcher shares: timeouts, bounded retries with backoff, rate limits,
and errors that never show a credential.

Retries on connection errors, 5xx and 429 (honouring Retry-After) come from urllib3's `Retry`;
this module adds waiting for a spent rate-limit window (`X-RateLimit-*`, `RateLimit-*`,
`x-rate-limit-*`), and turns refusals into one-line `FetchError`s naming the variable to set.
"""

from __future__ import annotations

import http.client
import io
import json
import os
import re
import socket
import ssl
import sys
import time
from collections.abc import Callable, Iterable
from inspect import signature
from pathlib import Path
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import InvalidHeader, MaxRetryError, ResponseError
from urllib3.util.retry import Retry

from .. import __version__
from ..errors import FetchError
from ..output.terminal import span
from ..sources.files import replace_surrogates

USER_AGENT = f"brandpulse/{__version__} (brand mention analysis; +https://pypi.org/project/brandpulse/)"
#: a reset further away than this is not waited for: the run stops with what it has
MAX_WAIT = 900.0
#: a wait from this long on is said on stderr
NOTICE = 10.0
#: urllib3 2.6.3 and later take a Retry-After over 6 hours for 6 hours: MAX_WAIT decides here (older ones
#: have no such cap, nor the argument)
_UNCAPPED = {"retry_after_max": sys.maxsize} if "retry_after_max" in signature(Retry.__init__).parameters else {}
#: a UTF-16 surrogate escaped in JSON: maybe half a pair (the other half cut off)
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
#: Google's reason for a wrong API key, which it answers with HTTP 400, not 401 (`fetch youtube` with a mistyped
#: key said "HTTP 400 from ...: API key not valid" and named no variable to set)
_KEY_INVALID = re.compile(r"API_KEY_INVALID|\bkeyInvalid\b")
#: an HTML tag in an API's error message
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
#: the most an answer may hold, unpacked (`Content-Encoding: gzip`): no API's page nor a feed comes near it, and a
#: server sending gigabytes, or a gzip bomb of a few kilobytes, filled the memory of the machine
MAX_ANSWER = 64 << 20
#: seconds before the second retry of a request (none before the first), doubling for each after it
BACKOFF = 0.5


class AnswerTooSlow(Exception):
    """An answer (its status line, headers and body) did not all arrive within its read timeout (`DeadlineAdapter`);
    `got`: the bytes of it that did."""

    def __init__(self, got: int = 0):
        super().__init__(got)
        self.got = got


class AnswerTooLarge(Exception):
    """The answer's body is larger than `MAX_ANSWER` (`read_answer`)."""


class _Deadline(io.RawIOBase):
    """A response's socket, read so that all of the answer arrives within `seconds` of its first read being asked
    for: each read waits at most for what is left of them. requests' timeout is per read of the socket, so a server
    sending a byte every few seconds (its status line, its headers, or its body) held a fetch, or an alerts run and
    its lock, for ever; also the body of a 5xx that urllib3 reads before it retries. AnswerTooSlow after them, which
    neither urllib3 nor requests take for a reason to retry: the connection is closed and the error goes up."""

    def __init__(self, sock: socket.socket, seconds: float):
        self._sock, self._raw, self._seconds = sock, sock.makefile("rb", buffering=0), seconds
        self._deadline, self._got = time.monotonic() + seconds, 0

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._raw.fileno()

    def readinto(self, buffer) -> int | None:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise AnswerTooSlow(self._got)
        self._sock.settimeout(min(left, self._seconds))
        try:
            got = self._raw.readinto(buffer)
        except TimeoutError:
            if self._got:  # (it began to come, and its time ran out: else the server stalled, a read timeout)
                raise AnswerTooSlow(self._got) from None
            raise
        finally:
            self._sock.settimeout(self._seconds)
        self._got += got or 0
        return got

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()


class _DeadlineResponse(http.client.HTTPResponse):
    """http.client's response, reading its socket through `_Deadline` when the socket has a timeout (urllib3 sets
    the read timeout on it before the response is read)."""

    def __init__(self, sock, *args, **kwargs):
        seconds = sock.gettimeout()
        super().__init__(_Deadlined(sock, seconds) if seconds else sock, *args, **kwargs)


class _Deadlined:
    """A socket whose `makefile` is read through `_Deadline`: all http.client's response asks of it."""

    def __init__(self, sock: socket.socket, seconds: float):
        self.sock, self.seconds = sock, seconds

    def makefile(self, mode: str) -> io.BufferedReader:
        return io.BufferedReader(_Deadline(self.sock, self.seconds))


class _Connection(HTTPConnection):
    response_class = _DeadlineResponse


class _TLSConnection(HTTPSConnection):
    response_class = _DeadlineResponse


class _Pool(HTTPConnectionPool):
    ConnectionCls = _Connection


class _TLSPool(HTTPSConnectionPool):
    ConnectionCls = _TLSConnection


class DeadlineAdapter(HTTPAdapter):
    """requests' adapter, except that each answer (status line, headers and body) must all arrive within the read
    timeout, else AnswerTooSlow (`_Deadline`); also through an HTTP(S)_PROXY. No thread per request: each read of
    the socket waits for what is left of the time."""

    _POOLS = {"http": _Pool, "https": _TLSPool}

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = self._POOLS

    def proxy_manager_for(self, proxy: str, **kwargs):
        manager = super().proxy_manager_for(proxy, **kwargs)
        if not proxy.lower().startswith("socks"):  # (SOCKS has its own connections: the read timeout only)
            manager.pool_classes_by_scheme = self._POOLS
        return manager


def read_answer(response: requests.Response, limit: int | None = None) -> None:
    """Read the body of `response` (asked for with `stream=True`) into it, as requests does, but at most `limit`
    bytes unpacked (`MAX_ANSWER`): a body of gigabytes was read whole into memory. AnswerTooLarge otherwise, the
    connection closed. (Its time is bounded by `DeadlineAdapter`.)"""
    limit = MAX_ANSWER if limit is None else limit
    try:
        if int(response.headers.get("Content-Length") or 0) > limit:  # (said before any of it is read)
            response.close()
            raise AnswerTooLarge()
    except ValueError:
        pass
    chunks, size = [], 0
    for chunk in response.iter_content(1 << 16):
        size += len(chunk)
        if size > limit:
            response.close()
            raise AnswerTooLarge()
        chunks.append(chunk)
    response._content = b"".join(chunks)


class _WaitTooLong(Exception):
    def __init__(self, seconds: float, status: int):
        self.seconds, self.status = seconds, status


class _Retry(Retry):
    """urllib3's Retry, except that a Retry-After is waited for through the client, which says so when it is
    long, or a rate limit's (a cron job sat silent for up to 3 x 15 minutes); one further away than MAX_WAIT is not
    slept through (`Retry-After: 86400` on a 503 held the run for a day, three times over); and one that cannot be
    read (`soon`, `-5`) is backoff, not the end of the fetch."""

    client: Client | None = None

    def new(self, **kw) -> _Retry:
        retry = super().new(**kw)
        retry.client = self.client
        return retry

    def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):
        """No retry of a 429 whose headers say when the spent window resets (without a Retry-After): the client
        waits for that reset (`Client.request`); the quick retries before it were refused too, ~3 s and three
        requests against the spent window before the run waited, or stopped, as the first answer said."""
        spent = response is not None and response.status == 429 and not response.headers.get("Retry-After")
        if spent and rate_limit_wait(response.headers, time.time(), guess=False) is not None:
            raise MaxRetryError(_pool, url, ResponseError("429 for a spent rate-limit window"))
        return super().increment(method, url, response, error, _pool, _stacktrace)

    def sleep_for_retry(self, response) -> bool:
        try:
            after = self.get_retry_after(response) if response is not None else None
        except InvalidHeader:
            return False
        if not after:
            return False
        if after > MAX_WAIT:
            raise _WaitTooLong(after, response.status)
        if after >= NOTICE or response.status == 429:  # (a rate limit is said however short, as a reset's wait is)
            self.client.warn(f"{self.client.source}: HTTP {response.status}, waiting {after:.0f}s as the server asks")
        self.client.sleep(after)
        return True


def cache_dir() -> Path:
    """Where fetchers keep what outlives a run (a Bluesky session, where a stopped fetch was): the user cache
    folder, or $BRANDPULSE_CACHE_DIR."""
    if os.environ.get("BRANDPULSE_CACHE_DIR"):
        return Path(os.environ["BRANDPULSE_CACHE_DIR"])
    import platformdirs

    return Path(platformdirs.user_cache_dir("brandpulse"))


class Client:
    """A requests session for one source. `secrets` are redacted from every message;
    `sleep` is injectable so tests do not wait."""

    def __init__(
        self,
        source: str,
        *,
        credential_var: str | None = None,
        secrets: Iterable[str] = (),
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
        user_agent: str = USER_AGENT,
        warn: Callable[[str], None] = lambda msg: None,
    ):
        self.source = source
        self.credential_var = credential_var
        self.secrets = {s for s in secrets if s}
        self.timeout = timeout
        self.retries, self.backoff = retries, BACKOFF if backoff is None else backoff
        self.sleep = sleep
        self.warn = warn
        self.reset_at: float | None = None  # when the window the last answer spent resets
        #: where the page being asked for starts, as the source takes it back (`Request.resume`); None at the start
        self.resume_at: dict | None = None
        self.session = requests.Session()
        self.session.headers["User-Agent"] = user_agent
        retry = _Retry(
            total=retries,
            connect=retries,
            read=retries,
            status=retries,
            backoff_factor=self.backoff,
            status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=None,  # POSTs here (logins, token requests) are safe to repeat
            respect_retry_after_header=True,
            **_UNCAPPED,
            raise_on_status=False,
        )
        retry.client = self
        adapter = DeadlineAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def add_secret(self, value: str | None) -> None:
        if value:
            self.secrets.add(value)

    def redact(self, text: str) -> str:
        """`text` with every secret, also as it appears percent-encoded in a URL, replaced; and decoded: an X
        bearer token holds `%2B`, `%3D`, which a server echoing it may show as `+`, `=`."""
        from urllib.parse import quote, quote_plus, unquote

        forms = {f for s in self.secrets for f in (s, quote(s, safe=""), quote_plus(s), unquote(s))}
        for secret in sorted(forms, key=len, reverse=True):
            text = text.replace(secret, "[redacted]")
        return text

    def fail(self, message: str) -> FetchError:
        return FetchError(self.redact(f"{self.source}: {message}"))

    def request(self, method: str, url: str, allow: tuple[int, ...] = (), **kwargs) -> requests.Response:
        """The response (2xx, or a status in `allow`), after retries; FetchError otherwise, without
        the cause chained (a requests exception's text can hold a URL with a key in it)."""
        kwargs.setdefault("timeout", self.timeout)
        if self.reset_at is not None:  # the last answer spent the window: wait for it now, not after the last page
            wait, self.reset_at = self.reset_at - time.time(), None
            self._wait(max(wait, 0.0))
        response = self._send(method, url, **kwargs)
        wait = rate_limit_wait(response.headers, time.time()) if response.status_code == 429 else None
        if wait is not None:  # refused because the window is spent (the retries came too soon): wait for its reset
            self._wait(wait)
            response = self._send(method, url, **kwargs)
        if response.status_code not in allow:
            self.check(response)
        self._respect_rate_limit(response)
        return response

    def _send(self, method: str, url: str, *, dropped: int = 0, **kwargs) -> requests.Response:
        """The answer, after urllib3's retries; a failure to get one as a FetchError naming the server's host
        and port (never the path or query: they may hold a key) and what to do."""
        where = _where(url)
        try:
            response = self.session.request(method, url, stream=True, **kwargs)
            read_answer(response)
            return response
        except AnswerTooSlow as exc:  # (a large answer coming steadily over a slow link too: said so)
            how = f"{exc.got / 2**20:,.1f} MB of it came: a slow link" if exc.got >= 1 << 20 else ""
            raise self.fail(
                f"the answer from {where} did not all arrive within {self.timeout:g}s "
                f"({how or 'the server sent it a little at a time'}); try again later, or give a longer --timeout"
            ) from None
        except AnswerTooLarge:
            raise self.fail(
                f"the answer from {where} is larger than {MAX_ANSWER >> 20:,} MB, more than any page of posts; check "
                "the address (--api-base, a feed's URL)"
            ) from None
        except requests.exceptions.ChunkedEncodingError as exc:  # the body broke off, after urllib3's retries
            if dropped < self.retries:
                self.sleep(self.backoff * 2**dropped)
                return self._send(method, url, dropped=dropped + 1, **kwargs)
            raise self.fail(
                f"the connection to {where} dropped in the middle of an answer ({_reason(exc)}), retries used up; "
                "try again later"
            ) from None
        except _WaitTooLong as exc:
            raise self.fail(
                f"HTTP {exc.status} from {where}, and the server asks to wait {span(exc.seconds)} before "
                "trying again; try again later"
            ) from None
        except requests.exceptions.RetryError:
            raise self.fail(
                f"{where} kept failing or refusing (rate limited), retries used up; try again later"
            ) from None
        except requests.exceptions.Timeout:
            raise self.fail(self._stalled(where)) from None
        except requests.exceptions.ConnectionError as exc:
            if "timed out" in str(exc).lower() or "ReadTimeout" in str(exc):
                raise self.fail(self._stalled(where)) from None
            raise self.fail(_connection_failed(exc, where)) from None
        except (requests.exceptions.MissingSchema, requests.exceptions.InvalidSchema, requests.exceptions.InvalidURL):
            raise self.fail(  # (requests' words quote the URL, key and all)
                "the address is not an http:// or https:// URL; check --api-base (rss: the feed URL)"
            ) from None
        except requests.exceptions.RequestException as exc:
            raise self.fail(f"request to {where} failed: {_reason(exc)}") from None

    def _stalled(self, where: str) -> str:
        return (
            f"no answer from {where} within {self.timeout:g}s (the server stalled), retries used up; "
            "try again later, or give a longer --timeout"
        )

    def get_json(self, url: str, **kwargs) -> tuple[object, requests.Response]:
        return self.json_of(self.request("GET", url, **kwargs))

    def json_of(self, response: requests.Response) -> tuple[object, requests.Response]:
        """The answer's JSON, lone UTF-16 surrogates (`"\\ud83d"`, half an emoji cut by the API) replaced
        by U+FFFD as the file readers do: no UTF-8 writer takes them, and the fetch failed at writing."""
        try:
            data = response.json()
        except (ValueError, json.JSONDecodeError) as exc:
            kind = response.headers.get("Content-Type", "unknown").split(";")[0].strip()
            if kind.lower().endswith("json"):  # (JSON, as the API said, but damaged: not a proxy or a login page)
                raise self.fail(
                    f"the answer from {_where(response.url)} was damaged JSON (HTTP {response.status_code}, {kind}, "
                    f"{len(response.content):,} bytes: {exc}); it may have been cut short on the way: run again"
                ) from None
            raise self.fail(
                f"the answer from {_where(response.url)} was not JSON (HTTP {response.status_code}, {kind}); a proxy, "
                "a login page or a wrong --api-base may be in the way"
            ) from None
        return (replace_surrogates(data) if _SURROGATE_ESCAPE.search(response.content) else data), response

    def check(self, response: requests.Response) -> None:
        if response.status_code >= 400:
            error = self.fail(self._refusal(response))
            error.status = response.status_code
            raise error

    def _refusal(self, response: requests.Response) -> str:
        status = response.status_code
        detail = _error_detail(response, self.redact)
        if status == 403 and ("quotaExceeded" in detail or "dailyLimitExceeded" in detail):
            return "the API's daily quota is used up (HTTP 403 quotaExceeded); try again after it resets"
        if status in (401, 403) and not self.credential_var:  # (Hacker News, RSS: none are sent)
            return (
                f"the server refused the request (HTTP {status}{': ' + detail if detail else ''}); {self.source} takes "
                "no credentials: check the address asked (--api-base, a feed's URL) and any proxy in the way"
            )
        if status in (401, 403) or (status == 400 and self.credential_var and _KEY_INVALID.search(response.text)):
            said = f"HTTP {status}{': ' + detail if detail else ''}"
            return f"the API refused the credentials ({said}); set {self.credential_var}"
        if status == 429:
            return "rate limited (HTTP 429) and retries used up; try again later"
        where = _where(response.url)
        if status == 407:
            return (
                f"the proxy refused the request to {where} (HTTP 407: it asks for a login); give it in HTTPS_PROXY "
                "(http://user:password@proxy:port)"
            )
        said = f"HTTP {status} from {where}{': ' + detail if detail else ''}"
        return said + ("; try again later" if status >= 500 else "")  # (a 4xx: the request is at fault)

    def _respect_rate_limit(self, response: requests.Response) -> None:
        """Note when the window resets if this call used it up: the next request waits for it."""
        wait = rate_limit_wait(response.headers, time.time())
        self.reset_at = None if wait is None else time.time() + wait

    def _wait(self, wait: float) -> None:
        if wait > MAX_WAIT:  # (a cron job's mail says when the next run can start)
            at = time.strftime("%H:%M", time.gmtime(time.time() + wait))
            raise self.fail(f"rate limit used up; it resets in {span(wait)}: try again after {at} UTC")
        self.warn(f"{self.source}: rate limit reached, waiting {wait:.0f}s for it to reset")
        self.sleep(wait)


def rate_limit_wait(headers, now: float, guess: bool = True) -> float | None:
    """Seconds to wait when `remaining` is 0, else None. Reset may be Unix seconds (X, Bluesky),
    an ISO time (Mastodon) or seconds left (Reddit, IETF `RateLimit-Reset`); without one that can be read,
    a second (`guess`), or None."""
    headers = {str(k).lower(): v for k, v in headers.items()}
    for prefix in ("x-ratelimit-", "ratelimit-", "x-rate-limit-"):
        remaining = headers.get(prefix + "remaining")
        if remaining is None:
            continue
        try:
            if float(remaining) > 0:
                return None
        except ValueError:
            return None
        reset = headers.get(prefix + "reset")
        if reset is None:
            return 1.0 if guess else None
        try:
            value = float(reset)
        except ValueError:
            from email.utils import parsedate_to_datetime

            import pandas as pd

            try:
                value = pd.Timestamp(reset).timestamp()
            except ValueError:
                try:
                    value = parsedate_to_datetime(reset).timestamp()
                except (TypeError, ValueError):
                    return 1.0 if guess else None
        seconds = value - now if value > 1e9 else value
        return max(seconds, 0.0) + 1.0
    return None


def _error_detail(response: requests.Response, redact: Callable[[str], str]) -> str:
    """The API's own error message, short, when it sent one as JSON; `redact`ed before it is cut short, so a
    secret the server echoes near the cut is not shown in part."""
    try:
        body = response.json()
    except ValueError:
        return ""
    # X puts what was wrong in `errors[].message` ("'end_time' must be ..."), beside a general `detail`
    errors = body.get("errors") if isinstance(body, dict) else None
    messages = (
        [e["message"] for e in errors if isinstance(e, dict) and isinstance(e.get("message"), str)]
        if isinstance(errors, list)
        else []
    )
    said = redact(messages[0])[:300] if messages else ""
    for path in (("error", "message"), ("detail",), ("title",), ("message",), ("error_description",), ("error",)):
        value = body
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, str) and value:
            value = redact(_TAG.sub("", value))  # (YouTube's hold `<code><a href="...">videoId</a></code>`)
            reasons = (
                [e.get("reason", "") for e in (body.get("error") or {}).get("errors", [])]
                if path[0] == "error" and isinstance(body.get("error"), dict)
                else []
            )
            value = value[:200] + (f" [{', '.join(r for r in reasons if r)}]" if any(reasons) else "")
            return (value + (f" ({said})" if said else "")).strip()
    return said


def url_secrets(url: str | None) -> list[str]:
    """What of `url` may be a key, for `Client.secrets`: its password (`user:pw@host`), the values of its query's keys
    by name (a private feed's `?token=...`, a proxy's `?key=...`), and values and parts of its path (between `/`, `.`
    and `;`: `/feeds/<token>/posts.json`) that look made to be secret (`_looks_secret`). A server echoing its address
    in an error (`not found: /feed?token=...`) showed them; every value of 4 characters hid `?format=json` in
    "application/[redacted]"."""
    from urllib.parse import parse_qsl

    try:
        parts = urlsplit(url or "")
        password = parts.password
    except ValueError:
        return []
    values = [
        v
        for name, v in parse_qsl(parts.query, keep_blank_values=True)
        if len(v) >= 4 and (_SECRET_NAME.search(name) or _looks_secret(v))
    ]
    path = [p for p in re.split(r"[/.;]", parts.path) if _looks_secret(p)]
    return [v for v in (password, *values, *path) if v]


def _looks_secret(value: str) -> bool:
    """Whether a value looks made to be secret: 12 characters or more, letters and digits (a token, a UUID), or 16
    digits or more (a Google Alerts feed's ids)."""
    return len(value) >= 12 and bool(_DIGIT.search(value)) and (bool(_LETTER.search(value)) or len(value) >= 16)


#: a query parameter's name that says its value is a key (`token`, `api_key`, `sig`, `access_token`, `auth`)
_SECRET_NAME = re.compile(r"key|token|secret|sig|auth|pass|pwd|session|sid|code|hash|cred", re.IGNORECASE)
_LETTER, _DIGIT = re.compile(r"[A-Za-z]"), re.compile(r"\d")


def _where(url: str) -> str:
    """`host:port` of a URL."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname or "?", parts.port
    except ValueError:  # (a bad address is said otherwise)
        return "?"
    return f"{f'[{host}]' if ':' in host else host}:{port or (443 if parts.scheme == 'https' else 80)}"


def _cause(exc: BaseException) -> BaseException:
    """The innermost error under requests' and urllib3's wrappers: ConnectionRefusedError, gaierror, SSLError."""
    seen = set()
    while id(exc) not in seen:
        seen.add(id(exc))
        inner = getattr(exc, "reason", None)  # (urllib3's MaxRetryError; an ssl.SSLError's reason is a str)
        if not isinstance(inner, BaseException):
            inner = exc.__cause__ or next((a for a in reversed(exc.args) if isinstance(a, BaseException)), None)
        if inner is None:
            break
        exc = inner
    return exc


def _reason(exc: BaseException) -> str:
    """Why a connection failed, in the system's words ("Connection refused"), without URLs."""
    cause = _cause(exc)
    if isinstance(cause, ssl.SSLCertVerificationError) and cause.verify_message:
        text = f"certificate not trusted: {cause.verify_message}"
    elif isinstance(cause, ssl.SSLError):
        text = cause.reason or str(cause)
    elif isinstance(cause, OSError) and cause.strerror:
        text = cause.strerror
    elif isinstance(cause, http.client.BadStatusLine) and not isinstance(cause, ConnectionError):
        text = "the answer was not HTTP"
    else:
        text = str(cause) or type(cause).__name__
    text = re.sub(r"https?://\S+|url: \S+", "", text)  # (a URL, or urllib3's "url: /path?key=...", may hold a key)
    text = re.sub(r"<urllib3[^>]*>:?\s*", "", text).strip(" :")
    return (text.splitlines() or [type(cause).__name__])[0][:200]


def _connection_failed(exc: requests.exceptions.ConnectionError, where: str) -> str:
    """What failed, connecting to `where`, and what to do."""
    cause, reason = _cause(exc), _reason(exc)
    if isinstance(exc, requests.exceptions.ProxyError):
        return f"cannot connect to {where} through the proxy ({reason}); check HTTPS_PROXY, HTTP_PROXY and NO_PROXY"
    if isinstance(cause, socket.gaierror):
        return (
            f"cannot connect to {where}: its name does not resolve ({reason}); check the network, and the address "
            "if you gave one (--api-base, --server)"
        )
    if isinstance(cause, ssl.SSLError):
        return (
            f"cannot connect to {where}: TLS failed ({reason}); check the address (https:// to a plain-HTTP port "
            "fails so), the system clock, and any proxy that intercepts TLS (REQUESTS_CA_BUNDLE names its certificate)"
        )
    if isinstance(cause, ConnectionRefusedError):
        return (
            f"cannot connect to {where} ({reason}); check the address if you gave one (--api-base, --server), "
            "and that the network lets it through"
        )
    return f"the connection to {where} failed or dropped ({reason}), retries used up; try again later"
