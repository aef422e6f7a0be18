"""Listening-tool exports (Brandwatch, Sprout Social, Talkwalker, Meltwater): CSV or XLSX whose
column names are mapped by aliases. Their report-title rows above the header are found by
`columns.find_header_row`."""

from __future__ import annotations

import pandas as pd

from ...schema import STRING
from ..columns import add_aliases, normalize_name

#: schema field -> the tools' column names (normalised), tried after the generic aliases, but before the `GENERIC`
#: ones (`Reach`, `Id`): a tool's own name for the field is read before those
LISTENING_ALIASES: dict[str, list[str]] = {
    "post_id": ["resource_id", "document_id", "mention_id", "id_str", "tweet_id_str"],
    "platform": ["page_type", "source_type", "media_type", "content_source", "network"],
    "created_at": ["date_gmt", "published_date", "date_published", "sent_date", "created_date"],
    "author": ["influencer", "author_handle", "profile", "from", "screen_name"],
    "author_followers": ["twitter_followers", "reach_new", "potential_reach"],
    "text": ["full_text", "mention_content", "hit_sentence", "opening_text", "message", "snippet", "content_snippet"],
    "url": ["url", "link_url", "post_link", "permalink", "original_url"],
    "lang": ["language", "lang"],
    "likes": ["twitter_likes", "facebook_likes", "likes_count", "engagement_likes"],
    "reposts": ["twitter_retweets", "shares_count", "facebook_shares"],
    "replies": ["twitter_replies", "comments_count", "facebook_comments"],
}

for _field, _names in LISTENING_ALIASES.items():
    add_aliases(_field, _names)
# (how many saw a post, not who follows its author: after a `Reach` column too)
add_aliases("author_followers", ["impressions", "audience"], own=False)
#: columns (normalised) of a post-performance export (X's analytics, old `tweet_activity_metrics` and new
#: `account_analytics_content`; a page tool's post report): beside them `Impressions` counts the views of each post,
#: not its author's followers, and is not read (the post schema has no field for views)
POST_METRICS = frozenset(
    {"engagements", "engagement_rate", "user_profile_clicks", "profile_visits", "new_follows", "detail_expands"}
)
IMPRESSIONS = "impressions"


#: the tools' layouts of a mention's text: its title column and its body columns, best first (normalised): news the
#: tool gives not in full has its snippet (Brandwatch, Talkwalker), or its opening beside the sentence naming the
#: brand (Meltwater); other exports' layouts are added to it (`reviews`), maybe with a third item, the columns one of
#: which the table must have for the layout to be its (an app review's `title` and `text` beside its `score_text`)
LAYOUTS = [
    ("title", ("full_text", "snippet")),  # Brandwatch
    ("title", ("content", "content_snippet")),  # Talkwalker
    ("headline", ("hit_sentence", "opening_text")),  # Meltwater
]


def composed_text(
    records: pd.DataFrame, text_column: str, reserved: tuple[str, ...] = ()
) -> tuple[pd.Series, str, tuple[str, ...]] | None:
    """(text, a note saying how it is read, the columns read) of an export whose text is read from a body column of
    a tool's layout (`LAYOUTS`: Brandwatch's `Full Text` or `Snippet`, ...): the first body given, after the title
    where it adds to it (a headline, a forum thread's subject; not a tweet's title repeating its text); the text
    column may be the title, beside a body column. None when the table has no title nor another body column: the
    text is the column's (a review file's `text` beside `Star Rating` was noted "text from 'text'"). `reserved`
    columns (kept as they are: labels) are not read."""
    text_name = normalize_name(text_column)
    names = {normalize_name(c): c for c in reversed(records.columns) if c not in reserved}  # (the first of two)
    # (the title is the text column when `--map text=` names it beside a body column)
    layouts = [(t, b) for t, b, *only in LAYOUTS if not only or only[0] & names.keys()]  # (`reviews`: a title and text)
    # (of the table's: its title, or all its bodies; `Review Title` and `Review Body` are not `Title`'s layout)
    layouts = [(t, b) for t, b in layouts if t in names or all(n in names for n in b)]
    layout = next(((t, b) for t, b in layouts if text_name in b or text_name == t and any(n in names for n in b)), None)
    if layout is None:
        return None
    title_name, bodies = layout
    if title_name not in names and [n for n in bodies if n in names] == [text_name]:  # (the text column, as it is)
        return None
    body = none = pd.Series(pd.NA, index=records.index, dtype=STRING)
    for name in bodies[::-1]:  # the last, overwritten by those before it where they have a text
        if name in names:
            cells = records[names[name]].astype(STRING)
            body = cells.where(cells.fillna("").str.strip() != "", body)
    title = records[names[title_name]].astype(STRING).str.strip() if title_name in names else none
    # (a title cut short, "Acme kettle broke after a...", repeats its text too)
    repeats = [b.lstrip().startswith(t.rstrip(".… ")) for t, b in zip(title.fillna(""), body.fillna(""), strict=True)]
    joined = title.where(body.isna(), title + "\n\n" + body)
    used = ([names[title_name]] if title_name in names else []) + [names[c] for c in bodies if c in names]
    read = [repr(names[title_name])] if title_name in names else []
    read.append(" or else ".join(repr(names[c]) for c in bodies if c in names))
    return body.where(repeats, joined), "text from " + " and ".join(read), tuple(used)


#: the tools' own ids of every mention (normalised): beside the id of a platform's posts (Meltwater's `Tweet Id`, empty
#: on its news rows), they are the id of the rows without one
TOOL_IDS = ("resource_id", "document_id", "mention_id")


def composed_id(
    records: pd.DataFrame, id_column: str, reserved: tuple[str, ...] = ()
) -> tuple[pd.Series, str, str] | None:
    """(ids, a note saying how they are read, the column read besides) of an export whose post_id column is a
    platform's id (Meltwater's `Tweet Id`) beside a tool's own id of every row (`TOOL_IDS`: `Document ID`): the
    platform's id where the row has one (a tweet fetched from X too is one post), else the tool's (a news article's,
    which had no id: never deduplicated, and ingested again as another post). None when there is no such column."""
    if normalize_name(id_column) in TOOL_IDS:
        return None
    names = {normalize_name(c): c for c in reversed(records.columns) if c not in reserved and c != id_column}
    tool = next((names[n] for n in TOOL_IDS if n in names), None)
    if tool is None:
        return None
    ids, tool_ids = (records[c].iloc[:, 0] if records[c].ndim == 2 else records[c] for c in (id_column, tool))
    given = ids.notna() & (ids.astype(STRING).str.strip().fillna("") != "")  # (a name given twice: its first column)
    return ids.where(given, tool_ids), f"post_id from {id_column!r} or else {tool!r}", tool
