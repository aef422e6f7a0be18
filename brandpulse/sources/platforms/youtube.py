"""YouTube comments: Data API `commentThreads` (and `comments`) responses or their `items` saved alone,
and the Takeout CSV of your own comments."""

from __future__ import annotations

import json
import re

import pandas as pd

from ..markup import html_to_text
from ..shapes import Shape, TableShape, register, register_table
from . import column, dig, first_object, obj

PLATFORM = "youtube"
#: what `textDisplay` holds in the API's default html format: tags YouTube writes, escaped characters.
#: fetch asks for plainText, where "I <3 <Acme> & AT&T" is the comment itself
_HTML = re.compile(r"<(?:br|/?[abis]\b)[^>]*>|&(?:amp|lt|gt|quot|#\d+);", re.IGNORECASE)


def comment_url(video_id: object, comment_id: object) -> str | None:
    if not video_id:
        return None
    return f"https://www.youtube.com/watch?v={video_id}" + (f"&lc={comment_id}" if comment_id else "")


def comment_record(comment: dict, video_id: object = None, replies: object = None) -> dict:
    s = comment.get("snippet")
    s = s if isinstance(s, dict) else {}
    video_id = s.get("videoId") or video_id
    text = s.get("textOriginal")
    return {
        "post_id": comment.get("id"),
        "platform": PLATFORM,
        "created_at": s.get("publishedAt"),
        "author": s.get("authorDisplayName"),
        "text": text if text is not None else _display_text(s.get("textDisplay")),
        "url": comment_url(video_id, comment.get("id")),
        "likes": s.get("likeCount"),
        "replies": replies,
        "parent_id": s.get("parentId"),
    }


def _display_text(text: object) -> object:
    return html_to_text(text) if isinstance(text, str) and _HTML.search(text) else text


def items_records(items: list) -> list:
    """Top-level comments with their reply counts, plus the replies the threads include; an item
    or reply that is not an object is passed on to be rejected."""
    out: list = []
    for item in items:
        if not isinstance(item, dict):
            out.append(item)
            continue
        if item.get("kind") == "youtube#comment":
            out.append(comment_record(item))
            continue
        snip = item.get("snippet")
        snip = snip if isinstance(snip, dict) else {}
        top = snip.get("topLevelComment")
        if isinstance(top, dict):
            out.append(comment_record(top, snip.get("videoId"), snip.get("totalReplyCount")))
        else:
            out.append(top)  # a thread without its comment: rejected
        replies = dig(item, "replies", "comments")
        for reply in replies if isinstance(replies, list) else []:
            out.append(comment_record(reply, snip.get("videoId")) if isinstance(reply, dict) else reply)
    return out


def threads_records(doc: dict) -> list:
    return items_records(doc.get("items") or [])


register(
    Shape(
        "YouTube comments (API)",
        lambda d: d.get("kind") in ("youtube#commentThreadListResponse", "youtube#commentListResponse"),
        threads_records,
    )
)
register(
    Shape(
        "YouTube comments (items)",
        lambda d: obj(first_object(d)).get("kind") in ("youtube#commentThread", "youtube#comment"),
        items_records,
        items=True,
    )
)


def _takeout_text(value: object) -> object:
    """Newer Takeouts store the text as JSON segments: `{"text":"Nice "},{"text":"video"}`."""
    if isinstance(value, str) and value.startswith('{"'):
        try:
            parts = json.loads(f"[{value}]")
            return "".join(p.get("text", "") for p in parts if isinstance(p, dict))
        except (ValueError, RecursionError):
            return value
    return value


def _takeout_csv(df: pd.DataFrame) -> pd.DataFrame:
    cid, vid = column(df, "comment_id"), column(df, "video_id")
    parent = column(df, "parent_comment_id")
    return pd.DataFrame(
        {
            "post_id": cid,
            "platform": PLATFORM,
            "created_at": column(df, "comment_create_timestamp"),
            "text": column(df, "comment_text").map(_takeout_text),
            "url": "https://www.youtube.com/watch?v=" + vid + "&lc=" + cid,
            "parent_id": parent.where(parent.fillna("") != ""),
        },
        index=df.index,
    )


register_table(
    TableShape("YouTube Takeout comments.csv", lambda n: {"comment_id", "video_id", "comment_text"} <= n, _takeout_csv)
)
