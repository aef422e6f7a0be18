"""Steam's user reviews of a game, as its store's `appreviews` endpoint returns them
(`https://store.steampowered.com/appreviews/APPID?json=1`, saved), their `reviews` alone, or a table of them."""

from __future__ import annotations

import pandas as pd

from ..columns import normalize_name
from ..shapes import Shape, TableShape, register, register_table
from . import dig, each, is_list_of

PLATFORM = "steam"

#: Steam's own names of its languages that are no language's name (`english`, `german`, `japanese` are, and are read
#: as any export's `English`): a review's `language`, as BCP 47 tags
STEAM_LANGUAGES = {
    "schinese": "zh-hans",
    "tchinese": "zh-hant",
    "koreana": "ko",
    "brazilian": "pt-br",
    "latam": "es-419",
    "spanish": "es",
}


#: a review's own page, by its writer and its game: the page names no game, `fetch steam APPID` knows it
REVIEW_URL = "https://steamcommunity.com/profiles/{steamid}/recommended/{app}/"


def _review(review: dict, app: str | None = None) -> dict:
    """A Steam review: its id (`recommendationid`), its time (`timestamp_created`, epoch seconds), its writer's Steam
    id, its helpful votes as likes. Read by the column aliases, a file of them had no time (in no report or alert),
    no id (a page fetched twice was each review twice), no author and no platform. Its thumb (`voted_up`) is no star
    rating: it is kept as Steam names it, for `--keep voted_up` and `evaluate --label-column voted_up` (it was
    dropped). The developer's reply (`developer_response`, `timestamp_dev_responded`) is the review's `reply`, read by
    its aliases where a review has one. Its url is its page (`REVIEW_URL`) when the app is known, as a fetch knows it:
    a saved page names no app."""
    language = review.get("language")
    replied = {"developer_response": review.get("developer_response")} if "developer_response" in review else {}
    if replied and "timestamp_dev_responded" in review:
        replied["developer_response_date"] = review["timestamp_dev_responded"]
    steamid = dig(review, "author", "steamid")
    url = REVIEW_URL.format(steamid=steamid, app=app) if app and isinstance(steamid, str | int) else None
    return {
        "post_id": review.get("recommendationid"),
        "platform": PLATFORM,
        "created_at": review.get("timestamp_created"),
        "author": steamid,
        "url": url,
        "text": review.get("review"),
        "lang": STEAM_LANGUAGES.get(language, language) if isinstance(language, str) else language,
        "likes": review.get("votes_up"),
        "replies": review.get("comment_count"),
        "voted_up": review.get("voted_up"),
        **replied,
    }


def reviews_records(doc: object, app: str | None = None) -> list:
    """The reviews of a page (or saved alone) as records, each with its url when `app` is given, else where the page
    or the review names its app in an `app_id` (or `appid`) key, as a table's column does: a saved page names none,
    and `jq '.app_id = "1091500"' page.json` gives it one (they had no url)."""
    app = app or (_app(doc) if isinstance(doc, dict) else None)
    return each(lambda r: _review(r, app or (_app(r) if isinstance(r, dict) else None)), _reviews(doc))


def _app(item: dict) -> str | None:
    """The app id an `app_id` or `appid` key gives (a number, or its digits as text), else None."""
    value = next((item[k] for k in ("app_id", "appid") if k in item), None)
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return str(value)
    return value.strip() if isinstance(value, str) and value.strip().isdecimal() else None


def _reviews(doc: object) -> list:
    """An `appreviews` page's `reviews`, or those reviews saved alone (`jq '.reviews'`)."""
    return doc["reviews"] if isinstance(doc, dict) else doc


def _is_reviews(doc: object) -> bool:
    """Reviews, or a page of none: the last page of a paged fetch (`cursor`) holds none, and a file of a page a line
    rejected it as a post of no text."""
    if isinstance(doc, dict) and "query_summary" in doc and doc.get("reviews") == []:
        return True
    return is_list_of(_reviews(doc), "recommendationid", "review", "voted_up")


register(
    Shape(
        "Steam reviews",
        _is_reviews,
        reviews_records,
    )
)


#: a table of Steam reviews' columns (normalised), as `_review` reads a review's keys: `reviews` flattened
#: (`pandas.json_normalize`: `author.steamid`), or the names of a data set of them (`review_id`, `recommended`,
#: `votes_helpful`, and the app's `app_id`)
_COLUMNS = {
    "recommendationid": "recommendationid",
    "review_id": "recommendationid",
    "author_steamid": "steamid",
    "language": "language",
    "review": "review",
    "timestamp_created": "timestamp_created",
    "voted_up": "voted_up",
    "recommended": "voted_up",
    "votes_up": "votes_up",
    "votes_helpful": "votes_up",
    "comment_count": "comment_count",
    "developer_response": "developer_response",
    "timestamp_dev_responded": "timestamp_dev_responded",
}
_APP = ("app_id", "appid")
_THUMBS = {"true": True, "false": False}


def _reviews_table(df: pd.DataFrame) -> pd.DataFrame:
    """Steam reviews saved as a table, each read as a review of a page is, with its url where a column names its app
    (`app_id`): read by the column aliases, they had no time, author, platform nor url."""
    names = {normalize_name(c): c for c in reversed(df.columns)}  # (the first of two)
    taken = {}  # review key -> column: the first of its names the table has (`recommendationid`, else `review_id`)
    for name, key in _COLUMNS.items():
        if name in names and key not in taken:
            taken[key] = names[name]
    app = next((names[a] for a in _APP if a in names), None)
    cells = df[list(taken.values())].astype(object)
    cells.columns = list(taken)
    blank = cells.isna() | cells.map(lambda v: not isinstance(v, str) or not v.strip())
    cells = cells.mask(blank, None)
    if "voted_up" in cells:  # (`True`, `true`: the thumb as JSON's true, as a page's is kept)
        cells["voted_up"] = cells["voted_up"].map(lambda v: _THUMBS.get(v.strip().lower(), v) if v else v)
    apps = df[app] if app is not None else pd.Series(None, index=df.index, dtype=object)
    rows = []
    for review, at in zip(cells.to_dict("records"), apps.tolist(), strict=True):
        review["author"] = {"steamid": review.pop("steamid", None)}
        rows.append(_review(review, at.strip() if isinstance(at, str) and at.strip().isdecimal() else None))
    return pd.DataFrame(rows, index=df.index, columns=list(_review({})))


register_table(
    TableShape(
        "Steam reviews",
        lambda n: "author_steamid" in n and "review" in n and bool({"recommendationid", "review_id"} & n),
        _reviews_table,
    )
)
