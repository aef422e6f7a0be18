"""X/Twitter: API v2 pages (also twarc2 JSONL lines) and their `data` saved alone, twarc2 flattened
tweets, twarc-csv tables, API v1.1 tweets (search responses, timelines, streaming lines) and the account
archive's `tweets.js`."""

from __future__ import annotations

import html
import re
from contextvars import ContextVar

import pandas as pd

from ...schema import NO_LANGUAGE
from ..shapes import NotAPost, Shape, TableShape, register, register_table
from . import column, dig, first_object, is_list_of, obj, shares, table_shares

PLATFORM = "twitter"
#: `window.YTD.tweets.part0 = [...]`: the archive's JavaScript wrapper around JSON.
ARCHIVE_PREFIX = re.compile(rb"^\s*window\.YTD\.[\w.]+\s*=\s*")


def status_url(tweet_id: object, username: object = None) -> str | None:
    if tweet_id in (None, ""):
        return None
    return f"https://x.com/{username or 'i/web'}/status/{tweet_id}"


#: the ISO 639-1 codes withdrawn in 1989 that X still writes for Indonesian and Hebrew; the other platforms and the
#: language detector write the current ones, so `lang:id` found no Indonesian post from X
RENAMED_LANGUAGES = {"in": "id", "iw": "he"}


def _lang(code: object) -> object:
    """A language code, or None where X says the post has none (an English-only analyzer skipped `qst` posts)."""
    if not isinstance(code, str):
        return code
    return None if code in NO_LANGUAGE else RENAMED_LANGUAGES.get(code, code)


def _referenced(tweet: dict, kind: str) -> object:
    """The id of the tweet this one is `kind` to: replied_to, retweeted, quoted."""
    for ref in tweet.get("referenced_tweets") or []:
        if isinstance(ref, dict) and ref.get("type") == kind:
            return ref.get("id")
    return None


def tweet_text(tweet: dict, tweets: dict | None = None, users: dict | None = None) -> object:
    """The whole text of a v2 tweet: a long post's `note_tweet` (its `text` stops at 280 characters),
    a retweet's original (its own text is cut: `RT @user: ...`), entities decoded (v2 sends `&amp;`),
    and links shown expanded (`https://t.co/...` says nothing a brand rule could match)."""
    retweeted = _referenced(tweet, "retweeted")
    original = obj((tweets or {}).get(retweeted)) if isinstance(retweeted, str) else {}
    if original:
        author = obj((users or {}).get(original.get("author_id"))).get("username")
        inner = tweet_text(original)
        return f"RT @{author}: {inner}" if author and isinstance(inner, str) else tweet.get("text")
    note = dig(tweet, "note_tweet", "text")
    text = note or tweet.get("text")
    if not isinstance(text, str):
        return text
    # a long post's links are the note's: the tweet's own entities cover only its first 280 characters
    links = (note and dig(tweet, "note_tweet", "entities", "urls")) or dig(tweet, "entities", "urls")
    for link in links or []:
        short, full = obj(link).get("url"), obj(link).get("expanded_url")
        if isinstance(short, str) and isinstance(full, str) and short:
            text = text.replace(short, full)
    return html.unescape(text)


def tweet_record(tweet: dict, user: dict | None, tweets: dict | None = None, users: dict | None = None) -> dict:
    user = obj(user or tweet.get("author"))
    metrics = obj(tweet.get("public_metrics"))
    username = user.get("username")
    return {
        "post_id": tweet.get("id"),
        "platform": PLATFORM,
        "created_at": tweet.get("created_at"),
        "author": username,
        "author_followers": dig(user, "public_metrics", "followers_count"),
        "text": tweet_text(tweet, tweets, users),
        "url": status_url(tweet.get("id"), username),
        "lang": _lang(tweet.get("lang")),
        "likes": metrics.get("like_count"),
        "reposts": shares(metrics.get("retweet_count"), metrics.get("quote_count")),
        "replies": metrics.get("reply_count"),
        "parent_id": _referenced(tweet, "replied_to"),
    }


def v2_page_records(page: dict) -> list:
    """Tweets of one API v2 response, joined to `includes.users` for author and followers; a tweet
    that is not an object is passed on to be rejected in its place. A stream line or a lookup of one
    tweet holds that tweet, not a list, in `data`."""
    users, tweets = _by_id(dig(page, "includes", "users")), _by_id(dig(page, "includes", "tweets"))
    data = page.get("data")
    return [
        tweet_record(t, users.get(t.get("author_id")) if _key(t.get("author_id")) else None, tweets, users)
        if isinstance(t, dict)
        else t
        for t in ([data] if isinstance(data, dict) else data or [])
    ]


def _key(value: object) -> bool:
    return isinstance(value, (str, int))


def _by_id(items: object) -> dict:
    """{id: object} of an `includes` list (users, tweets)."""
    return {i["id"]: i for i in items if isinstance(i, dict) and _key(i.get("id"))} if isinstance(items, list) else {}


#: the keys of an X page's `meta`: any API's page may have a `meta` (`{"data": [...], "meta": {"page": 1}}`, JSON:API),
#: and such a page of `id` and `text` was read as X's, its posts `twitter` with links to other people's tweets
X_META = {"result_count", "newest_id", "oldest_id", "next_token", "previous_token", "sent"}


def _is_v2_page(doc: object) -> bool:
    data = doc.get("data") if isinstance(doc, dict) else None
    return (
        isinstance(doc, dict)
        and ("includes" in doc or X_META.intersection(obj(doc.get("meta"))) or "matching_rules" in doc)  # (a stream's)
        and (
            is_list_of(data, "id", "text")
            or {"id", "text"} <= obj(data).keys()
            or (data is None and "result_count" in doc["meta"])
        )
    )


def _is_flat_tweet(doc: object) -> bool:
    """A twarc2 `flatten` line: one tweet with its `author` object inlined."""
    return (
        isinstance(doc, dict) and {"id", "text", "public_metrics"} <= doc.keys() and isinstance(doc.get("author"), dict)
    )


def _is_tweets(items: object) -> bool:
    """A page's `data` alone (`jq '.data'`): its authors were in `includes`, which is not there."""
    first = obj(first_object(items))
    return {"id", "text"} <= first.keys() and (
        "edit_history_tweet_ids" in first or "retweet_count" in obj(first.get("public_metrics"))
    )


register(Shape("X API v2 page", _is_v2_page, v2_page_records))
register(Shape("X tweet (twarc2 flat)", _is_flat_tweet, lambda d: [tweet_record(d, None)]))
register(Shape("X API v2 tweets (items)", _is_tweets, lambda d: v2_page_records({"data": d}), items=True))


def v1_text(tweet: dict) -> object:
    """The whole text of an API v1.1 tweet: a long one's `extended_tweet.full_text` (streaming and standard search
    send `text` cut at 140 characters, `truncated` true), or `full_text` (`tweet_mode=extended`); a retweet's
    original (its own text is cut: `RT @user: ...`); entities decoded and links expanded, as for v2."""
    original = obj(tweet.get("retweeted_status"))
    if original:
        author = dig(original, "user", "screen_name")
        inner = v1_text(original)
        if author and isinstance(inner, str):
            return f"RT @{author}: {inner}"
    extended = obj(tweet.get("extended_tweet"))
    text = extended.get("full_text") or tweet.get("full_text") or tweet.get("text")
    if not isinstance(text, str):
        return text
    links = dig(extended if extended.get("full_text") else tweet, "entities", "urls")
    for link in links if isinstance(links, list) else []:
        short, full = obj(link).get("url"), obj(link).get("expanded_url")
        if isinstance(short, str) and isinstance(full, str) and short:
            text = text.replace(short, full)
    return html.unescape(text)


def v1_records(items: list) -> list:
    """API v1.1 tweets (a search's `statuses`, a timeline, streaming lines): the author is the tweet's `user`.
    A tweet that is not an object is passed on to be rejected in its place, a stream notice as one ("stream
    notice: delete"; read as a tweet, it was "empty text")."""
    out: list = []
    for t in items:
        if not isinstance(t, dict):
            out.append(t)
            continue
        notice = STREAM_NOTICES.intersection(t)
        if notice and "text" not in t and "full_text" not in t:
            out.append(NotAPost(f"stream notice: {min(notice)}", t))
            continue
        user = obj(t.get("user"))
        tweet_id = t.get("id_str") or t.get("id")
        out.append(
            {
                "post_id": tweet_id,
                "platform": PLATFORM,
                "created_at": t.get("created_at"),
                "author": user.get("screen_name"),
                "author_followers": user.get("followers_count"),
                "text": v1_text(t),
                "url": status_url(tweet_id, user.get("screen_name")),
                "lang": _lang(t.get("lang")),
                "likes": t.get("favorite_count"),
                "reposts": shares(t.get("retweet_count"), t.get("quote_count")),
                "replies": t.get("reply_count"),
                "parent_id": t.get("in_reply_to_status_id_str") or t.get("in_reply_to_status_id"),
            }
        )
    return out


#: the streaming API's notices between its tweets (a stream saved from its start often opens with a `delete`)
STREAM_NOTICES = {"delete", "scrub_geo", "limit", "status_withheld", "user_withheld", "disconnect", "warning"}


def _is_v1_tweets(items: object) -> bool:
    """A list of v1.1 tweets: `id_str`, and a `user` object with its `screen_name` (a generic export with `id` and
    `user.screen_name` is not taken for X's); stream notices before the first tweet are passed over (and rejected
    in their place)."""
    listed = items if isinstance(items, list) else []
    first = next((i for i in listed if isinstance(i, dict) and not STREAM_NOTICES & i.keys()), None)
    if first is None:  # (notices alone, as a stream's first lines read in a chunk of their own: "empty text")
        objects = [i for i in listed if isinstance(i, dict)]
        return bool(objects) and all(_stream_notice(i) for i in objects)
    return "id_str" in first and ("text" in first or "full_text" in first) and "screen_name" in obj(first.get("user"))


def _stream_notice(item: dict) -> bool:
    """A streaming API notice as it sends one: `{"delete": {...}}`, one key of `STREAM_NOTICES` holding an object."""
    return len(item) == 1 and STREAM_NOTICES.issuperset(item) and isinstance(next(iter(item.values())), dict)


def _is_v1_search(doc: object) -> bool:
    """A saved v1.1 `search/tweets` response: `statuses` beside `search_metadata`."""
    return isinstance(doc, dict) and "search_metadata" in doc and _is_v1_tweets(doc.get("statuses"))


register(Shape("X API v1.1 search", _is_v1_search, lambda d: v1_records(d["statuses"])))
register(Shape("X API v1.1 tweets", _is_v1_tweets, v1_records, items=True))


def archive_records(items: list, username: str | None = None) -> list:
    """`tweets.js` items `{"tweet": {...}}`: v1.1 fields, counts as strings, HTML entities and t.co links in text
    (read as v1.1's: decoded and expanded).
    An item (or its `tweet`) that is not an object is passed on to be rejected in its place."""
    out: list = []
    for item in items:
        t = item.get("tweet", item) if isinstance(item, dict) else item
        if not isinstance(t, dict):
            out.append(t)
            continue
        out.append(
            {
                "post_id": t.get("id_str") or t.get("id"),
                "platform": PLATFORM,
                "created_at": t.get("created_at"),
                "author": username,
                "text": v1_text(t),
                "url": status_url(t.get("id_str") or t.get("id"), username),
                "lang": _lang(t.get("lang")),
                "likes": t.get("favorite_count"),
                "reposts": t.get("retweet_count"),
                "parent_id": t.get("in_reply_to_status_id_str") or t.get("in_reply_to_status_id"),
            }
        )
    return out


def _is_archive(doc: object) -> bool:
    """Items `{"tweet": {...}}`; or, in archives made before 2020 (`data/tweet.js`), the tweets bare: v1.1 fields
    without a `user`, counts written as strings (`"favorite_count" : "4"`), as no API sends them."""
    first = obj(first_object(doc))
    return isinstance(first.get("tweet"), dict) or (
        {"id_str", "full_text"} <= first.keys() and "user" not in first and isinstance(first.get("favorite_count"), str)
    )


#: the archive owner's handle (from `data/account.js`) while the files of that archive are read: tweets.js does not
#: name its author, and its records, the rejected ones too, are made with it
ARCHIVE_OWNER: ContextVar[str | None] = ContextVar("archive_owner", default=None)

# (items: one item saved alone, `window.YTD.tweets.part0 = {"tweet": ...}`, is read too)
register(
    Shape("X account archive tweets.js", _is_archive, lambda d: archive_records(d, ARCHIVE_OWNER.get()), items=True)
)


def archive_username(account_js: bytes) -> str | None:
    """The archive owner's handle from `data/account.js` (tweets.js does not repeat it)."""
    import json

    try:
        doc = json.loads(ARCHIVE_PREFIX.sub(b"", account_js, count=1))
    except (ValueError, RecursionError):
        return None
    return dig(doc, 0, "account", "username")


# twarc-csv: `author.username`, `public_metrics.like_count`, ... (dots flattened).
def _is_twarc_csv(names: set[str]) -> bool:
    return {"id", "text", "author_username", "public_metrics_like_count"} <= names


def _twarc_csv(df: pd.DataFrame) -> pd.DataFrame:
    def get(name: str) -> pd.Series:
        return column(df, name)

    parent = get("referenced_tweets_replied_to_id")
    user = get("author_username")
    return pd.DataFrame(
        {
            "post_id": get("id"),
            "platform": PLATFORM,
            "created_at": get("created_at"),
            "author": user,
            "author_followers": get("author_public_metrics_followers_count"),
            "text": get("text"),
            "url": "https://x.com/" + user.fillna("i/web") + "/status/" + get("id"),
            "lang": get("lang").replace(RENAMED_LANGUAGES),
            "likes": get("public_metrics_like_count"),
            "reposts": table_shares(get("public_metrics_retweet_count"), get("public_metrics_quote_count")),
            "replies": get("public_metrics_reply_count"),
            "parent_id": parent.where(parent.fillna("") != ""),
        },
        index=df.index,
    )


register_table(TableShape("twarc-csv", _is_twarc_csv, _twarc_csv))
