"""Facebook and Instagram "Download your information" JSON. These files carry no post ids
and no author for your own posts; strings are UTF-8 written as latin-1 escapes (mojibake)
and are repaired."""

from __future__ import annotations

from ..markup import fix_mojibake
from ..shapes import Shape, register
from . import dig, first_object, is_list_of


def _first(items: object, key: str) -> object:
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and item.get(key) not in (None, ""):
            return item[key]
    return None


def posts_records(doc: list) -> list:
    """`your_posts_1.json`: [{timestamp, data: [{post}], title, attachments}]; posts of only
    a photo have no text and are rejected as such downstream; an item that is not an object is passed
    on to be rejected in its place."""
    return [
        {
            "platform": "facebook",
            "created_at": item.get("timestamp"),
            "text": fix_mojibake(_first(item.get("data"), "post")),
        }
        if isinstance(item, dict)
        else item
        for item in doc
    ]


def comments_records(doc: dict) -> list:
    """`comments.json`: {comments_v2: [{timestamp, data: [{comment: {comment, author}}]}]}."""
    out: list = []
    for item in doc.get("comments_v2") or doc.get("comments") or []:
        if not isinstance(item, dict):
            out.append(item)  # rejected in its place
            continue
        c = dig(item, "data", 0, "comment")
        c = c if isinstance(c, dict) else {}
        out.append(
            {
                "platform": "facebook",
                "created_at": c.get("timestamp") or item.get("timestamp"),
                "author": fix_mojibake(c.get("author")),
                "text": fix_mojibake(c.get("comment")),
            }
        )
    return out


def instagram_comments_records(doc: object) -> list:
    """`post_comments_1.json`: [{string_map_data: {Comment, Media Owner, Time}}] (older exports
    wrap the list in `comments_media_comments`)."""
    items = doc.get("comments_media_comments", []) if isinstance(doc, dict) else doc
    out: list = []
    for item in items:
        if not isinstance(item, dict):
            out.append(item)  # rejected in its place
            continue
        m = item.get("string_map_data") or {}
        out.append(
            {
                "platform": "instagram",
                "created_at": dig(m, "Time", "timestamp"),
                "text": fix_mojibake(dig(m, "Comment", "value")),
                "parent_id": None,
            }
        )
    return out


def _is_fb_posts(doc: object) -> bool:
    return is_list_of(doc, "timestamp") and any(isinstance(i, dict) and "data" in i for i in doc[:50])


def _is_ig_comments(doc: object) -> bool:
    items = doc.get("comments_media_comments") if isinstance(doc, dict) else doc
    return is_list_of(items, "string_map_data") and "Comment" in first_object(items)["string_map_data"]


register(Shape("Instagram comments (download your information)", _is_ig_comments, instagram_comments_records))
register(Shape("Facebook posts (download your information)", _is_fb_posts, posts_records))
register(
    Shape(
        "Facebook comments (download your information)",
        lambda d: is_list_of(d.get("comments_v2") or d.get("comments"), "data", "timestamp"),
        comments_records,
    )
)
