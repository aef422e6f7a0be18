"""Plain text from the HTML and damaged strings that platforms put in post bodies."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlparse

_BLOCK = re.compile(r"<\s*(br|/p|/div|/li|/h\d|/blockquote)\b[^>]*>", re.I)
_NL = "\ue000"
_PARAGRAPH = re.compile(r"<p\b", re.I)
_HAS_MARKUP = re.compile(r"<[a-zA-Z/!]|&[#a-zA-Z0-9]+;")
_MOJIBAKE = re.compile(r"[\u00c2-\u00f4][\u0080-\u00bf]")


def html_to_text(value: object) -> str | None:
    """Visible text of an HTML fragment: paragraphs and <br> become line breaks, link text,
    mentions and hashtags stay as written. Text without markup is returned unchanged."""
    if value is None:
        return None
    s = str(value)
    if not _HAS_MARKUP.search(s):
        return s
    if "<" not in s:
        return html.unescape(s)
    # line breaks as a private-use mark: the parser drops whitespace-only strings between tags
    s = _BLOCK.sub(lambda m: m.group(0) + _NL, s)
    s = _PARAGRAPH.sub(lambda m: _NL + _NL + m.group(0), s)  # HN opens paragraphs with a bare <p>
    from bs4 import BeautifulSoup  # (imported when HTML comes: 0.04 s)

    text = BeautifulSoup(s, "html.parser").get_text().replace(_NL, "\n")
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text.replace("\xa0", " "))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def fix_mojibake(value: object) -> object:
    """Repair UTF-8 read as latin-1 (Facebook/Instagram exports write `é` as `\\u00c3\\u00a9`).
    Only strings that round-trip cleanly are changed, so correct text is left alone."""
    if not isinstance(value, str) or not _MOJIBAKE.search(value):
        return value
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def unwrap_redirect(url: object) -> object:
    """`https://www.google.com/url?...&url=REAL` (Google Alerts) -> REAL; other URLs unchanged."""
    if not isinstance(url, str) or "google." not in url or "/url?" not in url:
        return url
    parsed = urlparse(url)
    if not parsed.netloc.endswith(("google.com",)) and ".google." not in parsed.netloc:
        return url
    qs = parse_qs(parsed.query)
    real = (qs.get("url") or qs.get("q") or [None])[0]
    return real if real and real.startswith(("http://", "https://")) else url
