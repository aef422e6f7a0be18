"""Hacker News through the Algolia search API (`hits`, or the hits saved alone): stories and comments."""

from __future__ import annotations

from ..markup import html_to_text
from ..shapes import Shape, register
from . import each, is_list_of

PLATFORM = "hackernews"


def hit_record(hit: dict) -> dict:
    """A story is its title plus its text; a comment is its text (HTML in both)."""
    if hit.get("comment_text") is not None:
        text = html_to_text(hit["comment_text"])
    else:
        text = "\n\n".join(x for x in (hit.get("title"), html_to_text(hit.get("story_text"))) if x)
    parent = hit.get("parent_id")
    return {
        "post_id": hit.get("objectID"),
        "platform": PLATFORM,
        "created_at": hit.get("created_at") or hit.get("created_at_i"),
        "author": hit.get("author"),
        "text": text,
        "url": f"https://news.ycombinator.com/item?id={hit['objectID']}" if hit.get("objectID") else None,
        "likes": hit.get("points"),
        "replies": hit.get("num_comments"),
        "parent_id": str(parent) if parent is not None else None,
    }


def hits_records(doc: object) -> list:
    return each(hit_record, doc["hits"] if isinstance(doc, dict) else doc)


def _is_algolia(doc: object) -> bool:
    return isinstance(doc, dict) and "nbHits" in doc and (doc["hits"] == [] or is_list_of(doc["hits"], "objectID"))


register(Shape("Hacker News (Algolia)", _is_algolia, hits_records))


# the hits alone: a comment hit has `title: null`, and read by the column aliases every comment was "empty text"
def _is_hits(items: object) -> bool:
    return is_list_of(items, "objectID", "created_at_i")


register(Shape("Hacker News (Algolia) hits", _is_hits, hits_records, items=True))
