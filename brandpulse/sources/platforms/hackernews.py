"""Hacker News through the Algolia search API (`hits`, or the hits saved alone): stories and comments."""

from __future__ import annotations

import pandas as pd

from ..columns import normalize_name
from ..markup import html_to_text
from ..shapes import Shape, TableShape, register, register_table
from . import each, first_object, is_list_of

PLATFORM = "hackernews"


def hit_record(hit: dict) -> dict:
    """A story is its title plus its text; a comment is its text (HTML in both), after its thread's title (`Re: ...`)
    when the search matched the comment by that title alone."""
    if hit.get("comment_text") is not None:
        text = html_to_text(hit["comment_text"])
        thread = _matched_by_thread(hit)
        text = f"Re: {thread}\n\n{text}" if thread and text else text
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


def _matched_by_thread(hit: dict) -> str | None:
    """The story title a comment was found by, where Algolia's `_highlightResult` says its words matched that title
    and not the comment ("Their Slack sync keeps failing" under "Show HN: Acme 3.0"): kept as it came, the comment
    named no brand, and fetch dropped it as a near-miss, a customer's complaint lost."""
    marks = hit.get("_highlightResult")
    title = hit.get("story_title")
    if not isinstance(marks, dict) or not isinstance(title, str) or not title.strip():
        return None
    level = {k: v.get("matchLevel") if isinstance(v, dict) else None for k, v in marks.items()}
    by_title = level.get("comment_text") == "none" and level.get("story_title") in ("full", "partial")
    return title.strip() if by_title else None


#: the thread's title a comment is written after (`hit_record`): no words of the commenter's
THREAD_TITLE = r"\ARe: [^\n]*\n\n"


def replies_alone(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with each Hacker News comment's text without the thread title it was found by (`Re: ...`), for its
    sentiment, intent and topics: the title names the brand, but its words are the story's. Under "Ask HN: Is Acme
    down?" each reply ("Works fine here") was a question; under "Acme keeps crashing on login" each answer ("clearing
    the cache fixed it") a negative complaint, the thread's one complaint counted once per reply."""
    if "platform" not in df.columns or not len(df):
        return df
    ours = (df["platform"] == PLATFORM).to_numpy(dtype=bool, na_value=False)
    titled = ours & df["text"].str.startswith("Re: ").to_numpy(dtype=bool, na_value=False) if ours.any() else ours
    if not titled.any():  # (a chunk of no Hacker News comments: one comparison of its platforms)
        return df
    out = df.copy(deep=False)
    out["text"] = out["text"].mask(titled, out["text"].str.replace(THREAD_TITLE, "", regex=True))
    return out


def hits_records(doc: object) -> list:
    return each(hit_record, doc["hits"] if isinstance(doc, dict) else doc)


def _is_algolia(doc: object) -> bool:
    return isinstance(doc, dict) and "nbHits" in doc and (doc["hits"] == [] or is_list_of(doc["hits"], "objectID"))


register(Shape("Hacker News (Algolia)", _is_algolia, hits_records))


#: the fields of a hit no other Algolia index has (`objectID` is every index's): one of them beside it says a hit
HIT_FIELDS = ("created_at_i", "story_id", "comment_text", "story_text")


# the hits alone: a comment hit has `title: null`, and read by the column aliases every comment was "empty text"
def _is_hits(items: object) -> bool:
    first = first_object(items)
    return first is not None and "objectID" in first and any(k in first for k in HIT_FIELDS)


register(Shape("Hacker News (Algolia) hits", _is_hits, hits_records, items=True))

#: a hit's keys, by their names normalised as a table's columns are (`objectID` is `object_id`)
_KEYS = {normalize_name(k): k for k in ("objectID", "title", "url", "author", "points", "story_text", "comment_text")}
_KEYS.update({k: k for k in ("created_at", "created_at_i", "num_comments", "parent_id")})


def _hits_table(df: pd.DataFrame) -> pd.DataFrame:
    """Hits saved as a table (a response's `hits` flattened to CSV or XLSX), read as `hit_record` reads a response's:
    read by the column aliases, `objectID` was no post id and a comment's `comment_text` no text (its empty title
    was: "empty text")."""
    names = {normalize_name(c): c for c in reversed(df.columns)}  # (the first of two)
    cells = df[[names[n] for n in _KEYS if n in names]].astype(object)
    cells.columns = [_KEYS[normalize_name(c)] for c in cells.columns]
    blank = cells.isna() | cells.map(lambda v: isinstance(v, str) and not v.strip())
    records = cells.mask(blank, None).to_dict("records")
    return pd.DataFrame([hit_record(h) for h in records], index=df.index, columns=list(hit_record({})))


register_table(
    TableShape(
        "Hacker News (Algolia) hits", lambda n: "object_id" in n and any(k in n for k in HIT_FIELDS), _hits_table
    )
)
