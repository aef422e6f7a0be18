"""Bluesky: saved `app.bsky.feed.searchPosts` (`posts`), `getAuthorFeed`/timeline (`feed`) and `getPostThread`
(`thread`) responses, and their items saved alone (`jq '.posts'`, `jq -c '.feed[]'`)."""

from __future__ import annotations

from ..shapes import Shape, register
from . import dig, each, first_object, is_list_of, obj, shares

PLATFORM = "bluesky"


def post_url(uri: object, handle: object) -> str | None:
    """`at://did/app.bsky.feed.post/RKEY` -> https://bsky.app/profile/HANDLE/post/RKEY."""
    if not isinstance(uri, str) or "/app.bsky.feed.post/" not in uri:
        return None
    owner = handle or uri[len("at://") :].split("/", 1)[0]
    return f"https://bsky.app/profile/{owner}/post/{uri.rsplit('/', 1)[-1]}"


#: the handle Bluesky shows for an account whose handle no longer resolves (the atproto spec reserves it)
INVALID_HANDLE = "handle.invalid"


def post_record(view: dict) -> dict:
    record = obj(view.get("record"))
    author = obj(view.get("author"))
    if author.get("handle") == INVALID_HANDLE:  # no handle: no author, and the URL names the account's DID
        author = {k: v for k, v in author.items() if k != "handle"}
    langs = record.get("langs") if isinstance(record.get("langs"), list) else []
    return {
        "post_id": view.get("uri"),
        "platform": PLATFORM,
        "created_at": record.get("createdAt") or view.get("indexedAt"),
        "author": author.get("handle"),
        "author_followers": author.get("followersCount"),  # only in full profile views
        "text": _full_links(record.get("text"), record.get("facets")),
        "url": post_url(view.get("uri"), author.get("handle")),
        "lang": langs[0] if langs else None,
        "likes": view.get("likeCount"),
        "reposts": shares(view.get("repostCount"), view.get("quoteCount")),
        "replies": view.get("replyCount"),
        "parent_id": dig(record, "reply", "parent", "uri"),
    }


def _full_links(text: object, facets: object) -> object:
    """`text` with each link facet's full URI in place of its shortened display ("example.com/pa...");
    facets index the text's UTF-8 bytes."""
    if not isinstance(text, str) or not isinstance(facets, list):
        return text
    data, cuts = text.encode("utf-8"), []
    for facet in facets:
        span, uri = obj(obj(facet).get("index")), None
        for feature in obj(facet).get("features") or []:
            if obj(feature).get("$type") == "app.bsky.richtext.facet#link":
                uri = obj(feature).get("uri")
        start, end = span.get("byteStart"), span.get("byteEnd")
        if isinstance(uri, str) and isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(data):
            cuts.append((start, end, uri))
    for start, end, uri in sorted(cuts, reverse=True):  # from the end: earlier offsets stay right
        data = data[:start] + uri.encode("utf-8") + data[end:]
    return data.decode("utf-8", "replace")


def feed_item_record(item: dict) -> object:
    """A feed item's post; a `post` that is not an object is passed on to be rejected in its place."""
    post = item.get("post")
    return post_record(post) if isinstance(post, dict) else post


def thread_records(doc: dict) -> list:
    """A `getPostThread` response: the post's parents (the top first), the post, then its replies at every
    depth, each post once. A parent or reply not found or blocked (no `post`) is not a post and is left out."""
    thread = doc["thread"]
    parents, node = [], obj(thread.get("parent"))
    while node:
        parents.append(node)
        node = obj(node.get("parent"))
    order, todo = [*reversed(parents), thread], _replies(thread)
    while todo:  # depth first, in the response's order (a loop: a deep thread is no deep recursion)
        node = todo.pop()
        order.append(node)
        todo += _replies(node)
    views = {}
    for node in order:
        post = node.get("post")
        if isinstance(post, dict):
            views.setdefault(post.get("uri") if isinstance(post.get("uri"), str) else id(post), post)
    return [post_record(v) for v in views.values()]


def _replies(node: dict) -> list[dict]:
    """A thread node's replies, the first last (popped first)."""
    replies = node.get("replies")
    return [obj(r) for r in reversed(replies)] if isinstance(replies, list) else []


def search_records(doc: dict) -> list:
    return each(post_record, doc["posts"])


def _is_posts(items: object) -> bool:
    return is_list_of(items, "uri", "record", "author")


def _is_feed(items: object) -> bool:
    return "uri" in obj(obj(first_object(items)).get("post"))


register(Shape("Bluesky searchPosts", lambda d: _is_posts(d["posts"]), search_records))
register(Shape("Bluesky post thread", lambda d: "uri" in obj(obj(d["thread"]).get("post")), thread_records))
register(Shape("Bluesky feed", lambda d: _is_feed(d["feed"]), lambda d: each(feed_item_record, d["feed"])))
register(Shape("Bluesky post views (items)", _is_posts, lambda d: each(post_record, d), items=True))
register(Shape("Bluesky feed items", _is_feed, lambda d: each(feed_item_record, d), items=True))
