"""Reddit: API listings (`t3` posts, `t1` comments), their children saved alone (`jq '.data.children'`,
or only each child's `data`), and the data-request export's `posts.csv` / `comments.csv`."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from ...schema import STRING
from ..shapes import Shape, TableShape, register, register_table
from ..values import GONE_TEXTS as GONE
from . import column, dig, first_object, obj

PLATFORM = "reddit"
SITE = "https://www.reddit.com"
#: `removed_by_category` of a post its author deleted (else a moderator, AutoModerator, Reddit or a takedown removed it)
DELETED_BY = ("deleted", "author")


def thing_record(thing: dict) -> dict | None:
    """A listing child; posts are title + selftext. Ids are fullnames (`t3_abc`) like `parent_id`."""
    kind, d = thing.get("kind"), thing.get("data")
    if kind not in ("t1", "t3"):
        return None
    if not isinstance(d, dict):
        d = {}  # no text: rejected downstream
    # Markdown, not HTML: "I <3 my <Acme>" keeps its brackets; entities (`&amp;`, without raw_json=1) decoded
    if kind == "t3":
        text = _removed(d) or "\n\n".join(x for x in (_plain(d.get("title")), _plain(d.get("selftext"))) if x)
    else:
        text = _plain(d.get("body"))  # (`[deleted]`: rejected as deleted or removed)
    permalink = d.get("permalink")
    return {
        "post_id": d.get("name") or (f"{kind}_{d['id']}" if d.get("id") else None),
        "platform": PLATFORM,
        "created_at": d.get("created_utc"),
        "author": None if _gone(d.get("author")) else d.get("author"),
        "text": text,
        "url": SITE + permalink if isinstance(permalink, str) and permalink.startswith("/") else permalink,
        "lang": None,
        "likes": d.get("score"),
        "reposts": d.get("num_crossposts"),  # (shares into other subreddits: Reddit's reposts)
        "replies": d.get("num_comments"),
        "parent_id": d.get("parent_id"),
    }


def _removed(d: dict) -> str | None:
    """What Reddit left of a post deleted or removed (`[removed]`), its only text: rejected as such, not answered. Its
    title stays, so it was read as the post, score and comments kept: a removed post was the first one to answer."""
    selftext = d.get("selftext")
    if _gone(selftext):
        return selftext
    why = d.get("removed_by_category")
    return None if not why else "[deleted]" if why in DELETED_BY else "[removed]"


def _gone(value: object) -> bool:
    return isinstance(value, str) and value in GONE


def _plain(text: object) -> object:
    return html.unescape(text) if isinstance(text, str) else text


def things_records(children: list) -> list:
    """Posts and comments of a listing's children, each comment followed by its replies (a listing inside it);
    `more` stubs are not posts and are skipped, a child that is not an object is passed on to be rejected."""
    out: list = []
    for child in children:
        rec = thing_record(child) if isinstance(child, dict) else child
        if rec is not None:
            out.append(rec)
        replies = dig(child, "data", "replies", "data", "children")  # ("" when there are none)
        if isinstance(replies, list):
            out.extend(things_records(replies))
    return out


def listing_records(doc: object) -> list:
    pages = doc if isinstance(doc, list) else [doc]  # a post's comments page is [post listing, comment listing]
    return [rec for page in pages for rec in things_records(dig(page, "data", "children") or [])]


def data_records(items: list) -> list:
    """Children's `data` saved without their `kind` (`jq '.data.children[].data'`): a post has a title,
    a comment a body, a `more` stub neither."""
    return things_records([{"kind": _kind(d), "data": d} if isinstance(d, dict) else d for d in items])


def _kind(data: dict) -> str:
    return "t3" if "title" in data else "t1" if "body" in data else "more"


def _is_listing(doc: object) -> bool:
    pages = doc if isinstance(doc, list) and doc else [doc]
    return all(isinstance(p, dict) and p.get("kind") == "Listing" for p in pages)


def _is_data(items: object) -> bool:
    first = obj(first_object(items))
    return {"subreddit", "created_utc"} <= first.keys() and ("title" in first or "body" in first)


register(Shape("Reddit listing", _is_listing, listing_records))
register(
    Shape(
        "Reddit things (t3/t1 items)",
        lambda d: obj(first_object(d)).get("kind") in ("t1", "t3", "more"),
        things_records,
        items=True,
    )
)
register(Shape("Reddit post/comment data (items)", _is_data, data_records, items=True))


def _export_url(permalink: pd.Series) -> pd.Series:
    return permalink.where(~permalink.fillna("").str.startswith("/"), SITE + permalink)


def _fullname(ids: pd.Series, kind: str) -> pd.Series:
    """The export's bare ids (`1xyz99`) as the API's fullnames (`t3_1xyz99`), so a post both exported and fetched is
    one post; an id already so written is kept."""
    bare = ids.notna() & (ids.fillna("") != "") & ~ids.fillna("").str.match(r"t\d_")
    return ids.where(~bare, kind + "_" + ids)


def _posts_csv(df: pd.DataFrame) -> pd.DataFrame:
    title, body = column(df, "title").fillna(""), column(df, "body").fillna("")
    text = (title + "\n\n" + body).str.strip()
    return pd.DataFrame(
        {
            "post_id": _fullname(column(df, "id"), "t3"),
            "platform": PLATFORM,
            "created_at": column(df, "date"),
            "text": text,
            "url": _export_url(column(df, "permalink")),
        },
        index=df.index,
    )


def _comments_csv(df: pd.DataFrame) -> pd.DataFrame:
    # `parent` names the comment replied to; a comment on the post itself has none, and `link` (the post's
    # permalink, `/comments/ID/...`) names the post
    post = "t3_" + column(df, "link").str.extract(r"/comments/([0-9a-z]+)", expand=False)
    parent = _fullname(column(df, "parent").where(lambda p: p.fillna("") != ""), "t1").fillna(post)
    return pd.DataFrame(
        {
            "post_id": _fullname(column(df, "id"), "t1"),
            "platform": PLATFORM,
            "created_at": column(df, "date"),
            "text": column(df, "body"),
            "url": _export_url(column(df, "permalink")),
            "parent_id": parent,
        },
        index=df.index,
    )


def _plain_cells(cells: pd.Series) -> pd.Series:
    """`_plain` of a table's cells (the entities of a response saved without raw_json=1 decoded, where there are any),
    and what Reddit leaves of a deleted one (`GONE`) missing."""
    cells = cells.astype(STRING)
    coded = cells.str.contains("&", regex=False).fillna(False).to_numpy(bool)
    if coded.any():
        cells = cells.copy()
        cells[coded] = cells[coded].map(html.unescape)
    return cells.where(~cells.isin(GONE) & (cells.fillna("").str.strip() != ""))


def _gone_cells(texts: pd.Series, why: pd.Series | None = None) -> pd.Series:
    """`_removed` of a table's rows: the `GONE` text left, else what `why` (`removed_by_category`) tells."""
    texts = texts.astype(STRING).str.strip()
    out = texts.where(texts.isin(GONE).fillna(False))
    if why is not None:
        why = why.astype(STRING).str.strip().where(lambda w: w.fillna("") != "")
        deleted = why.isin(DELETED_BY).fillna(False).to_numpy(bool)
        out = out.fillna(pd.Series(np.where(deleted, "[deleted]", "[removed]"), index=why.index).where(why.notna()))
    return out


def _api_table(df: pd.DataFrame) -> pd.DataFrame:
    """Posts' and comments' `data` saved as a table (a listing flattened to CSV, PRAW's objects put in a DataFrame, a
    dump's rows), read as `thing_record` reads them: a row with a title is a post (`t3`: title + selftext), else a
    comment (`t1`: its body); its id the fullname in `name` (`t3_1skbgrz`), else its kind before the `id`, so a post
    both saved so and fetched is one post (read as a table of columns, it was the bare `id` on no platform, the text
    its selftext alone, the url the page a link post links to)."""
    title, selftext, body = (_plain_cells(column(df, c)) for c in ("title", "selftext", "body"))
    post = title.notna().to_numpy(bool)
    kind = pd.Series(np.where(post, "t3", "t1"), index=df.index)
    name = column(df, "name").astype(STRING).str.strip()
    ids = column(df, "id").astype(STRING).str.strip()
    ids = ids.where(ids.fillna("") != "")
    ids = ids.where(ids.fillna("").str.match(r"t\d_"), kind + "_" + ids)
    text = title.where(selftext.isna(), title + "\n\n" + selftext).where(post, body)
    text = _gone_cells(column(df, "selftext"), column(df, "removed_by_category")).where(post).fillna(text)
    text = text.fillna(_gone_cells(column(df, "body")))  # (a comment's `[deleted]`: rejected as such)
    author = column(df, "author")
    return pd.DataFrame(
        {
            "post_id": name.where(name.fillna("").str.fullmatch(r"t\d_\w+"), ids),
            "platform": PLATFORM,
            "created_at": column(df, "created_utc"),
            "author": author.where(~author.isin(GONE)),
            "text": text,
            "url": _export_url(column(df, "permalink")),
            "likes": column(df, "score"),
            "reposts": column(df, "num_crossposts"),
            "replies": column(df, "num_comments"),
            "parent_id": column(df, "parent_id"),
        },
        index=df.index,
    )


register_table(
    TableShape(
        "Reddit posts/comments (API fields)",
        lambda n: {"subreddit", "created_utc"} <= n and bool({"title", "body"} & n) and bool({"id", "name"} & n),
        _api_table,
    )
)
register_table(
    TableShape("Reddit export posts.csv", lambda n: {"id", "permalink", "subreddit", "title", "body"} <= n, _posts_csv)
)
register_table(
    TableShape(
        "Reddit export comments.csv",
        lambda n: {"id", "permalink", "subreddit", "link", "parent", "body"} <= n,
        _comments_csv,
    )
)
