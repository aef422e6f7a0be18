"""Steam's user reviews of a game, as its store's `appreviews` endpoint returns them
(`https://store.steampowered.com/appreviews/APPID?json=1`, saved), or their `reviews` alone."""

from __future__ import annotations

from ..shapes import Shape, register
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


def _review(review: dict) -> dict:
    """A Steam review: its id (`recommendationid`), its time (`timestamp_created`, epoch seconds), its writer's Steam
    id, its helpful votes as likes. Read by the column aliases, a file of them had no time (in no report or alert),
    no id (a page fetched twice was each review twice), no author and no platform. Its thumb (`voted_up`) is no star
    rating: it is kept as Steam names it, for `--keep voted_up` and `evaluate --label-column voted_up` (it was
    dropped). The developer's reply (`developer_response`, `timestamp_dev_responded`) is the review's `reply`, read by
    its aliases where a review has one. No url: the page names no app, and a review's link needs its app id."""
    language = review.get("language")
    replied = {"developer_response": review.get("developer_response")} if "developer_response" in review else {}
    if replied and "timestamp_dev_responded" in review:
        replied["developer_response_date"] = review["timestamp_dev_responded"]
    return {
        "post_id": review.get("recommendationid"),
        "platform": PLATFORM,
        "created_at": review.get("timestamp_created"),
        "author": dig(review, "author", "steamid"),
        "text": review.get("review"),
        "lang": STEAM_LANGUAGES.get(language, language) if isinstance(language, str) else language,
        "likes": review.get("votes_up"),
        "replies": review.get("comment_count"),
        "voted_up": review.get("voted_up"),
        **replied,
    }


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
        lambda doc: each(_review, _reviews(doc)),
    )
)
