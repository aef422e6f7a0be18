"""App reviews: App Store and Google Play review exports, as CSV, XLSX or JSON of flat records, read by their column
names (Google Play Console's monthly reviews CSV, an App Store review CSV's `Title` and `Review`, the JSON that
`app-store-scraper` and `google-play-scraper` write), and Apple's customer-reviews feed as JSON. A review's title is
read before its body, as a listening tool's (`listening.LAYOUTS`): it often holds the verdict ("Crashes
constantly"). Its star rating is the schema's `rating` (a scraper's `score`, not likes: `sources._stars`), never a
sentiment, which is the text's."""

from __future__ import annotations

import re

import pandas as pd

from ...schema import REPLY_FIELDS, STRING, VERSION_FIELDS, cell_text
from ..columns import add_aliases
from ..markup import html_to_text
from ..shapes import Shape, TableShape, register, register_table
from . import column, dig, each, first_object, is_list_of
from .listening import LAYOUTS, composed_text

#: schema field -> the exports' column names (normalised), read before the generic ones they are `GENERIC` to
REVIEW_ALIASES: dict[str, list[str]] = {
    "post_id": ["review_id"],  # google-play-scraper's `reviewId`
    # Google Play Console's; a Google Maps reviews scraper's (Outscraper's), whose reviews had no time
    # (Trustpilot's business export: `Review Created (UTC)`, `Review Username`, `Review Content`, `Review Stars`,
    # `Review Language`, which needed `--map text=`)
    "created_at": ["review_submit_date_and_time", "review_date", "review_datetime_utc", "review_created"],
    "author": ["reviewer_nickname", "nickname", "reviewer_name", "reviewer", "review_username"],
    "text": ["review_text", "review", "review_body", "review_content"],
    "url": ["review_link", "review_url"],
    "lang": ["reviewer_language", "review_language"],
    # how many found the review helpful (google-play-scraper's `thumbsUpCount`), before a `score` column
    "likes": ["thumbs_up_count", "thumbs_up", "review_likes"],
    "rating": ["review_rating", "review_stars"],  # a Google Maps scraper's stars, Trustpilot's: they were not read
}

for _field, _names in REVIEW_ALIASES.items():
    add_aliases(_field, _names)
# (google-play-scraper's review time `at`, app-store-scraper's (Node) `updated`: after every other time column)
add_aliases("created_at", ["at", "updated"], own=False)

#: columns (normalised) only a review export has: beside them, a `score` column is the star rating (1 to 5), not
#: likes (google-play-scraper's, app-store-scraper's), which read 1-star reviews as posts of one like
REVIEW_COLUMNS = frozenset(
    {
        *(n for names in REVIEW_ALIASES.values() for n in names if n not in ("review", "reviewer")),
        "rating",
        "star_rating",
        "stars",
        "score_text",
        "user_url",
        "review_created_version",
    }
)
#: the names of a star rating, which is not likes: the rating
STARS = ("score",)

#: a review's title and its body (`Title` and `Review`, Google Play's `Review Title` and `Review Text`, a review site's
#: `Review Title` and `Review Body`; the scrapers' `title` and `text` beside a review's columns: `title` and `text`
#: alone are a post's, whose text is read alone)
LAYOUTS.extend(
    [
        ("title", ("review", "review_body")),
        ("review_title", ("review_text", "review_body", "review", "review_content")),
        ("title", ("text",), REVIEW_COLUMNS),
    ]
)


#: `REPLY_FIELDS` -> the exports' columns (normalised) of the brand's reply to a review: Play Console's CSV,
#: App Store Connect's (`Developer Response`), google-play-scraper's `replyContent`/`repliedAt`, app-store-scraper's
#: `developerResponse` (`body`, `modified`), a review site's company reply (Trustpilot's), a Google Maps scraper's
#: owner answer (Outscraper's); the first present is read
REPLY_ALIASES: dict[str, list[str]] = {
    "reply": [
        "reply",
        "reply_text",  # (a scraper's `replyText`, stop 50: its reviews' replies were read as none)
        "developer_reply_text",
        "developer_response",
        "developer_response_body",
        "reply_content",
        "review_reply_comment",
        "company_reply",
        "company_reply_text",
        "company_reply_content",
        "company_response",  # (Trustpilot's business export)
        "owner_answer",
        "owner_response",
        "response_from_owner",
    ],
    "replied_at": [
        "replied_at",
        "developer_reply_date_and_time",
        "developer_reply_millis_since_epoch",
        "developer_response_modified",
        "developer_response_date",
        "review_reply_update_time",
        "company_reply_date_utc",
        "company_reply_date",
        "owner_answer_timestamp_datetime_utc",
        "owner_answer_timestamp",
    ],
}


def owner_replies(
    records: pd.DataFrame, date_order: str | None = None, *, rated: bool = True, zone=None
) -> tuple[pd.DataFrame, pd.Series, object] | None:
    """The brand's reply to each review of `records` (`REPLY_FIELDS`, by `REPLY_ALIASES`), with the rows whose
    `replied_at` cannot be read and `why(mask)` their reasons (`read_field`'s: such a time was left empty without a
    word); None for a file without one: a review the brand answered in the store is not one to answer again. A post
    file's `reply_to`, `replies` are no reply columns, nor its `reply` or `replied_at` unless `rated` (a file of
    reviews): a tweet file's `reply`, True or False, left every complaint of it out of the queue as answered.
    `zone`: the clock of the reply times written without one (`read`'s input_tz; None: UTC), as of `created_at`."""
    from ..values import in_zone, zoneless

    found = reply_columns(list(records.columns), rated=rated)
    if not any(found.values()):
        return None
    out = pd.DataFrame(index=records.index)
    bad, why = pd.Series(False, index=records.index), ""
    for field in REPLY_FIELDS:
        values = records[found[field]] if found[field] is not None else pd.Series(None, index=records.index)
        if isinstance(values, pd.DataFrame):  # (a name twice)
            values = values.iloc[:, 0]
        if field == "replied_at":
            out[field], bad, why = review_field(field, values.astype(STRING), date_order)
            if zone is not None:  # (it stayed UTC beside created_at's zone)
                out[field] = in_zone(out[field], zoneless(values), zone)
        else:
            out[field] = review_field(field, values)[0]
    return out, bad, why


def reply_columns(columns: list, *, rated: bool) -> dict:
    """{`REPLY_FIELDS` field: the column of `columns` read as it (`REPLY_ALIASES`), or None}; of a file of posts (not
    `rated`) no `reply` or `replied_at` of that name (`owner_replies`)."""
    from ..columns import normalize_name

    named = {normalize_name(c): c for c in reversed(columns)}  # (the first of a name, as `column` reads)
    return {
        f: next((named[n] for n in names if n in named and (rated or n != f)), None)
        for f, names in REPLY_ALIASES.items()
    }


def review_field(field: str, values: pd.Series, date_order: str | None = None, **options) -> tuple:
    """The cells `values` of a review's `REPLY_FIELDS` or `VERSION_FIELDS` column as the readers keep them, as
    `read_field` reads a post's (values, bad, why): `replied_at` as a post's time (its reasons naming it; `options`
    are `read_field`'s), `reply` as text (no True or False), `app_version` as text (a number too). A frame's
    (`schema.conform`) are read so: a frame's `replied_at` stayed text and the store's ingest stopped on it."""
    from ..values import read_field

    dtype = {**REPLY_FIELDS, **VERSION_FIELDS}[field][0]
    if field == "replied_at":  # (read as a post's time is, its reasons naming the field)
        out, bad, said = read_field("created_at", values, date_order, **options)
        return out.astype(dtype), bad, lambda m: said(m).str.replace("created_at", "replied_at", regex=False)
    if field == "reply":
        text = values.map(lambda v: v if isinstance(v, str) else None).astype(STRING).str.strip()
        out = text.where(text != "")
    else:
        out = _text(values)
    return out.astype(dtype), pd.Series(False, index=values.index), ""


#: the exports' columns (normalised) of the app's version a review was written of (`VERSION_FIELDS`): Play Console's
#: name (before its code, a build number), google-play-scraper's `appVersion` (`reviewCreatedVersion` for a review
#: of none), app-store-scraper's (Node) and an App Store CSV's `version`; the first present is read
VERSION_ALIASES = ["app_version", "app_version_name", "review_created_version", "version", "app_version_code"]


def version_columns(columns: list, *, rated: bool) -> list:
    """The columns of `columns` that give an app version (`VERSION_ALIASES`), in the order they are read; of a file
    of posts (not `rated`) brandpulse's own `app_version` alone: a post file's `version` is no app's."""
    from ..columns import normalize_name

    named = {normalize_name(c): c for c in reversed(columns)}  # (the first of a name, as `column` reads)
    return [named[n] for n in VERSION_ALIASES if n in named and (rated or n == "app_version")]


def unread_field(field: str, columns: list, *, rated: bool) -> str:
    """Why `--keep FIELD` of a review's field (`REPLY_FIELDS`, `VERSION_FIELDS`) found none in a file of `columns`:
    `--keep app_version` of a post file with a `Version` column was told "did you mean 'Version'?", which it is not
    read as (a post file's `version` is no app's), and of one without, nothing of where the field comes from."""
    from ..columns import normalize_name

    aliases = VERSION_ALIASES if field in VERSION_FIELDS else REPLY_ALIASES[field]
    alike = [c for c in columns if normalize_name(c) in aliases]
    if alike and not rated:
        return (
            f"{alike[0]!r} is read as it in a file of reviews alone (one with a star rating column); "
            f"--keep {alike[0]} keeps that column as it is"
        )
    return f"it is read from a review export's {_GIVEN_BY[field]}, and this file has none"


#: where a review's field comes from, as `unread_field` says it
_GIVEN_BY = {
    "app_version": "`App Version Name` (Play Console), `Version` (an App Store CSV) or `appVersion` (a scraper)",
    "reply": "`Developer Reply Text` (Play Console), `Developer Response` (App Store Connect) or `replyContent`",
    "replied_at": "`Developer Reply Date and Time` (Play Console) or `repliedAt` (google-play-scraper)",
}


def app_versions(records: pd.DataFrame, *, rated: bool) -> pd.Series | None:
    """Each review's app version (`version_columns`), as text, trimmed; None for a file without one."""
    found = version_columns(list(records.columns), rated=rated)
    if not found:
        return None
    values = [_text(records[c]) for c in found]
    out = values[0]
    for more in values[1:]:  # (a review of no `appVersion`: its `reviewCreatedVersion`)
        out = out.fillna(more)
    return out.astype(VERSION_FIELDS["app_version"][0])


def _text(values: pd.Series | pd.DataFrame) -> pd.Series:
    """A column's cells as trimmed text, an empty one or one of no text missing (`REPLY_FIELDS`' `reply`)."""
    if isinstance(values, pd.DataFrame):  # (a name twice)
        values = values.iloc[:, 0]
    text = values.map(
        lambda v: cell_text(v) if isinstance(v, str | int | float) and not isinstance(v, bool) and v == v else None
    )
    text = text.astype(STRING).str.strip()
    return text.where(text != "")


def _play_console_csv(df: pd.DataFrame) -> pd.DataFrame:
    """Google Play Console's monthly reviews CSV (`reviews_PACKAGE_YYYYMM.csv`, UTF-16): it has no id column, but
    each `Review Link` names the review (`...review-details?reviewId=gp:AOqp...`), which is its id: a month's file
    downloaded again (the month not over) ingests its reviews once, not twice."""
    link = column(df, "review_link").astype(STRING)
    # (its layout: `Review Title` before it; a file without the title, the text alone: it was a TypeError)
    composed = composed_text(df, "review_text")
    text = composed[0] if composed is not None else column(df, "review_text").astype(STRING)
    return pd.DataFrame(
        {
            "post_id": link.str.extract(r"(?i)[?&#]reviewid=([^&#]+)", expand=False),
            "platform": "google_play",
            "created_at": column(df, "review_submit_date_and_time"),
            "text": text,
            "url": link,
            "lang": column(df, "reviewer_language"),
            "rating": column(df, "star_rating"),
            "reply": column(df, "developer_reply_text"),
            "replied_at": column(df, "developer_reply_date_and_time"),
            "app_version_name": column(df, "app_version_name"),
        },
        index=df.index,
    )


register_table(
    TableShape(
        "Google Play Console reviews",
        lambda n: {"review_text", "star_rating", "review_link", "review_submit_date_and_time"} <= n,
        _play_console_csv,
    )
)


#: columns that name the platform of a file's rows: a file of one is read by them, not given a store's name
_PLATFORM_NAMED = {"platform", "source", "store", "site"}


def _trustpilot_csv(df: pd.DataFrame) -> pd.DataFrame:
    """Trustpilot's business export (`Review Id`, `Review Content`, `Review Stars`, `Company Response`), read by its
    columns (`REVIEW_ALIASES`) with its site and each review's page, which it names by id only: its reviews had no
    platform (`platform:trustpilot` and the report's platforms left them out) and no link."""
    ids = column(df, "review_id").astype(STRING).str.strip().replace("", pd.NA)  # (none: no link, not the bare path)
    return df.assign(platform="trustpilot", url="https://www.trustpilot.com/reviews/" + ids)


register_table(
    TableShape(
        "Trustpilot reviews",
        lambda n: {"review_content", "review_stars"} <= n and not n & (_PLATFORM_NAMED | {"url", "review_url"}),
        _trustpilot_csv,
    )
)


#: the App Store review export's columns besides `Nickname` and `Territory` (`Date,Rating,Title,Review,Nickname,
#: Version,Territory`): one without `Territory` is it when it has them all (Nickname, Title and Rating alone were a
#: survey's export too, and its answers were given platform "app_store")
_APP_STORE_FIELDS = {"date", "rating", "title", "review", "version"}


def _is_app_store_csv(n: set[str]) -> bool:
    """An App Store review CSV, of App Store Connect's review fields: `Nickname` or `Reviewer Nickname` with
    `Territory`, or (an export without it was read with no platform) with its other fields and no link; no column
    that names the platform."""
    if not {"nickname", "reviewer_nickname"} & n or n & _PLATFORM_NAMED:
        return False
    return "territory" in n or (n >= _APP_STORE_FIELDS and not n & {"url", "link", "review_url", "review_link"})


# (it links no review and names no store, so its reviews had no platform)
register_table(TableShape("App Store reviews", _is_app_store_csv, lambda df: df.assign(platform="app_store")))


def _goodreads_csv(df: pd.DataFrame) -> pd.DataFrame:
    """Goodreads' library export (`goodreads_library_export.csv`): a book's review is `My Review` (the text was its
    `Title`), its stars `My Rating`, whose 0 is "not rated" (it read as 0 stars, a column of 0 to 5), read when the
    book was read, else added to the shelf."""
    book = column(df, "book_id").astype(STRING)
    stars = column(df, "my_rating").astype(STRING)
    read = column(df, "date_read").astype(STRING)
    return pd.DataFrame(
        {
            "post_id": book,
            "platform": "goodreads",
            "created_at": read.mask(read.str.strip().eq("").fillna(True), column(df, "date_added").astype(STRING)),
            "text": column(df, "my_review").map(html_to_text, na_action="ignore"),  # (its line breaks are `<br/>`)
            "url": "https://www.goodreads.com/book/show/" + book,
            "rating": stars.mask(stars.str.strip().eq("0").fillna(False)),
        },
        index=df.index,
    )


register_table(
    TableShape("Goodreads library export", lambda n: {"book_id", "my_rating", "my_review"} <= n, _goodreads_csv)
)


def _label(entry: dict, key: str) -> object:
    """An Apple feed value: `{"label": ...}`."""
    return dig(entry, key, "label")


def _rss_review(entry: dict) -> dict:
    """A customer review of Apple's RSS feed in JSON: each value a `{"label": ...}`; its title and body (`title`,
    `review`) are composed as a review CSV's (`LAYOUTS`), its stars (`im:rating`) are its rating."""
    return {
        "post_id": _label(entry, "id"),
        "platform": "app_store",
        "created_at": _label(entry, "updated"),
        "author": dig(entry, "author", "name", "label"),
        "title": _label(entry, "title"),
        "review": _label(entry, "content"),
        "url": dig(entry, "link", "attributes", "href"),
        "rating": _label(entry, "im:rating"),
    }


def _rss_entries(doc: object) -> list:
    entries = doc["feed"]["entry"]
    return entries if isinstance(entries, list) else [entries]  # (a feed of one review: the entry alone)


def _is_rss(doc: object) -> bool:
    """Apple's customer-reviews feed (`itunes.apple.com/{cc}/rss/customerreviews/id={app}/json`)."""
    first = first_object(_rss_entries(doc))
    return first is not None and "im:rating" in first


register(Shape("App Store customer reviews feed", _is_rss, lambda doc: each(_rss_review, _rss_entries(doc))))


def _play_scraper_review(review: dict) -> dict:
    """A review as the Python `google-play-scraper` writes it (`reviews()`, `reviews_all()`, saved as JSON), read by
    its columns as before, with its store: it names none and links to nothing, so its reviews had no platform
    (`platform:google_play` and the report's platforms left them out); the app's reply (`replyContent`) is kept."""
    return {**review, "platform": "google_play"}


register(
    Shape(
        "google-play-scraper reviews",
        lambda doc: is_list_of(doc, "reviewId", "reviewCreatedVersion", "content", "score"),
        lambda doc: each(_play_scraper_review, doc),
    )
)


#: Google Business Profile's star ratings, words (`"ONE"`), as its API and Takeout write them; its enum's
#: `STAR_RATING_UNSPECIFIED` is no rating (it rejected the review, words and all, as a `bad rating`)
GOOGLE_STARS = {"ONE": "1", "TWO": "2", "THREE": "3", "FOUR": "4", "FIVE": "5", "STAR_RATING_UNSPECIFIED": None}


def _google_review(review: dict) -> dict:
    """A review of a store on Google (Maps and Search), as Google Business Profile's API (`reviews.list`) and its
    Takeout (a `reviews.json` per location) write it: the reviewer's display name, not the review's resource `name`
    (`accounts/1/locations/2/reviews/ID`, which was read as the author), and its stars as words (`"TWO"`), which
    rejected every row as `bad rating 'TWO'`; its owner's reply (`reviewReply`) as `REPLY_FIELDS`."""
    stars = review.get("starRating")
    return {
        "post_id": review.get("reviewId"),
        "platform": "google_maps",
        "created_at": review.get("createTime"),
        "author": dig(review, "reviewer", "displayName"),
        "text": review.get("comment"),
        "rating": GOOGLE_STARS.get(stars, stars) if isinstance(stars, str) else stars,
        # (only a review with one: a rejected review is written as it was, without a reply of none)
        **(
            {"reply": dig(review, "reviewReply", "comment"), "replied_at": dig(review, "reviewReply", "updateTime")}
            if "reviewReply" in review
            else {}
        ),
    }


def _google_reviews(doc: object) -> list:
    """A `reviews.list` page's (or a Takeout file's) `reviews`, or those reviews saved alone (`jq '.reviews'`)."""
    return doc["reviews"] if isinstance(doc, dict) else doc


register(
    Shape(
        "Google Business Profile reviews",
        lambda doc: is_list_of(_google_reviews(doc), "starRating"),
        lambda doc: each(_google_review, _google_reviews(doc)),
    )
)


#: a review Google translated, as Google Maps and its scrapers (Outscraper's `review_text`) and Business Profile's
#: `comment` give it: the translation, then the original (or the other way round)
TRANSLATED = re.compile(
    r"\A\s*(?:\(Translated by Google\)\s*(?P<tr>.*?)\s*\(Original\)\s*(?P<orig>.*?)"
    r"|\(Original\)\s*(?P<orig2>.*?)\s*\(Translated by Google\)\s*(?P<tr2>.*?))\s*\Z",
    re.DOTALL,
)


def google_translations(posts: pd.DataFrame) -> pd.DataFrame:
    """`posts` whose reviews Google translated hold the translation alone as their text, what the (English) analyzers,
    topics and intent read, and as `lang` English translated from the original's language (BCP 47's `en-t-es`:
    scored as English, counted as the customer wrote): both texts were scored together, in English. An original
    too short to tell its language leaves `lang` to the translation's; a `lang` the file gives is kept."""
    if posts.empty or not posts["text"].str.contains("(Translated by Google)", regex=False).fillna(False).any():
        return posts
    from ...enrich.language import detect

    parts = posts["text"].str.match(TRANSLATED.pattern, flags=re.DOTALL).fillna(False).to_numpy(dtype=bool)
    if not parts.any():
        return posts
    found = posts.loc[parts, "text"].str.extract(TRANSLATED.pattern, flags=re.DOTALL)
    translation = found["tr"].fillna(found["tr2"])
    original = found["orig"].fillna(found["orig2"])
    codes = pd.Series(detect(original.tolist()), index=original.index, dtype=STRING)
    out = posts.copy()
    out.loc[parts, "text"] = translation.astype(STRING)
    unset = out.loc[parts, "lang"].isna() & codes.notna() & codes.ne("en")
    out.loc[unset[unset].index, "lang"] = "en-t-" + codes[unset]
    return out
