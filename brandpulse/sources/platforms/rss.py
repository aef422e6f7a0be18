"""RSS and Atom feeds (Google Alerts included) and JSON Feeds: entries become posts, HTML in titles and
summaries becomes text, Google redirect links are unwrapped to the real article."""

from __future__ import annotations

import calendar
import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import feedparser

from ..markup import html_to_text, unwrap_redirect
from ..shapes import Shape, register
from . import each, obj

PLATFORM = "rss"


def _iso(struct: object) -> str | None:
    return None if struct is None else str(calendar.timegm(struct))  # feedparser normalises to UTC


def entry_record(entry: dict, feed_lang: object = None) -> dict:
    title = html_to_text(entry.get("title"))
    summary = html_to_text(entry.get("summary") or dig_content(entry))
    text = title_and_text(title, summary)
    link = unwrap_redirect(entry.get("link"))
    return {
        "post_id": entry.get("id") or link,
        "platform": PLATFORM,
        "created_at": _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
        or entry.get("published")
        or entry.get("updated"),
        "author": entry.get("author") or None,
        "text": text,
        "url": link,
        "lang": (feed_lang or "").split("-")[0] or None,
    }


def title_and_text(title: object, text: object) -> str:
    """Title, a blank line, then text; a title the text opens with (a bridge's feed of posts, whose title is the
    post's text, or its start cut with an ellipsis) is left out, as it would score and count the words twice."""
    title, text = (x if isinstance(x, str) else "" for x in (title, text))
    whole = " ".join(title.split())
    start, said = whole.rstrip(".…").rstrip().casefold(), " ".join(text.split()).casefold()
    rest = said[len(start) : len(start) + 1]
    if start and said.startswith(start) and (start != whole.casefold() or not rest.isalnum()):
        return text
    return "\n\n".join(x for x in (title, text) if x)


def dig_content(entry: dict) -> object:
    content = entry.get("content")
    return content[0].get("value") if isinstance(content, list) and content else None


#: a feed's items or entries saved alone (`xmllint --xpath '//item'`): put back in a feed of their kind
_FRAGMENTS = {
    b"<item": (b'<rss version="2.0"><channel>', b"</channel></rss>"),
    b"<entry": (b'<feed xmlns="http://www.w3.org/2005/Atom">', b"</feed>"),
}


def parse_feed(data: bytes) -> feedparser.FeedParserDict:
    import feedparser  # (imported when a feed comes: 0.02 s)

    at = _root(data)
    for tag, (before, after) in _FRAGMENTS.items():
        if _opens(data, at, tag):
            data = data[:at] + before + data[at:] + after
    # as a stream: feedparser opens bytes that name a file (a body `/etc/hosts`) and reads that file
    return feedparser.parse(io.BytesIO(data))


def feed_records(parsed: feedparser.FeedParserDict) -> list[dict]:
    lang = parsed.feed.get("language")
    return [entry_record(e, lang) for e in parsed.entries]


_BLANK = b"\xef\xbb\xbf \t\r\n"


def looks_like_feed(data: bytes) -> bool:
    at = _root(data)
    return data[at : at + 8].lower().startswith((b"<rss", b"<feed", b"<rdf:rdf")) or any(
        _opens(data, at, tag) for tag in _FRAGMENTS
    )


def _opens(data: bytes, at: int, tag: bytes) -> bool:
    """Element `tag` starts at `at` (`<item>`, `<item rdf:about=...>`, not `<items>`)."""
    end = at + len(tag)
    return data.startswith(tag, at) and data[end : end + 1] in (b">", b"/", b" ", b"\t", b"\r", b"\n")


def _root(data: bytes) -> int:
    """Where the first element starts: after a byte-order mark, the XML declaration, comments, a DOCTYPE."""
    head = data[:2048]
    at = len(head) - len(head.lstrip(_BLANK))
    while head.startswith(b"<?", at) or head.startswith(b"<!", at):
        close = b"?>" if head.startswith(b"<?", at) else b"-->" if head.startswith(b"<!--", at) else b">"
        end = head.find(close, at)
        if end < 0:
            break
        rest = head[end + len(close) :]
        at = len(head) - len(rest.lstrip(_BLANK))
    return at


def json_feed_item(item: dict, feed: dict) -> dict:
    """A JSON Feed (https://jsonfeed.org) item as an RSS entry: its title and its text, from `content_html`
    as RSS's HTML is when it has no `content_text`. Authors are 1.1's `authors` or 1.0's `author`."""
    text = item.get("content_text")
    if not isinstance(text, str) or not text.strip():
        text = html_to_text(item.get("content_html") or item.get("summary"))
    link = unwrap_redirect(item.get("url") or item.get("external_url"))
    lang = item.get("language") or feed.get("language")
    return {
        "post_id": item.get("id") or link,
        "platform": PLATFORM,
        "created_at": item.get("date_published") or item.get("date_modified"),
        "author": _author(item, feed),
        "text": title_and_text(item.get("title"), text),
        "url": link,
        "lang": (lang.split("-")[0] or None) if isinstance(lang, str) else None,
    }


def _author(item: dict, feed: dict) -> object:
    """The first author's name: 1.1's `authors` or 1.0's `author`, the item's, else the feed's."""
    for authors in (item.get("authors"), [item.get("author")], feed.get("authors"), [feed.get("author")]):
        first = obj(authors[0]) if isinstance(authors, list) and authors else {}
        if first.get("name"):
            return first["name"]
    return None


def _is_json_feed(doc: dict) -> bool:
    return str(doc.get("version")).startswith("https://jsonfeed.org/version/") and isinstance(doc["items"], list)


register(Shape("JSON Feed", _is_json_feed, lambda d: each(lambda i: json_feed_item(i, d), d["items"])))
