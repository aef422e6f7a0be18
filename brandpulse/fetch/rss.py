"""RSS and Atom feeds by URL (Google Alerts feeds included): one request, no pagination."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urljoin

from ..sources.platforms.rss import feed_records, looks_like_feed, parse_feed
from .client import Client, _where
from .paging import Request


def pages(client: Client, req: Request, creds: dict[str, str]) -> Iterator[list[dict]]:
    url = urljoin(req.api_base.rstrip("/") + "/", req.query.lstrip("/")) if req.api_base else req.query
    response = client.request("GET", url, headers={"Accept": "application/atom+xml, application/rss+xml, */*"})
    if not looks_like_feed(response.content):
        kind = response.headers.get("Content-Type", "unknown").split(";")[0]
        raise client.fail(f"the answer from {_where(url)} is not an RSS or Atom feed ({kind}); check the feed's URL")
    parsed = parse_feed(response.content)
    records = feed_records(parsed)
    end = response.content.rstrip()[-12:].lower()
    if parsed.get("bozo") and not end.endswith((b"</rss>", b"</feed>", b"</rdf:rdf>")):
        # the document stops before its end (a dropped connection, a proxy's limit): the entries before the
        # last are kept (the last is cut, as a rule: its link or date missing)
        yield records[:-1]
        raise client.fail("the feed is cut off (it ends before its closing tag); the entries before the cut were read")
    yield records
