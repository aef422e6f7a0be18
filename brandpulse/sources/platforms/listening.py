"""Listening-tool exports (Brandwatch, Sprout Social, Talkwalker, Meltwater): CSV or XLSX whose
column names are mapped by aliases. Their report-title rows above the header are found by
`columns.find_header_row`."""

from __future__ import annotations

import pandas as pd

from ...schema import STRING
from ..columns import ALIASES, normalize_name

#: schema field -> the tools' column names (normalised), tried after the generic aliases.
LISTENING_ALIASES: dict[str, list[str]] = {
    "post_id": ["resource_id", "document_id", "mention_id", "id_str", "tweet_id_str"],
    "platform": ["page_type", "source_type", "media_type", "content_source", "network"],
    "created_at": ["date_gmt", "published_date", "date_published", "sent_date", "created_date"],
    "author": ["influencer", "author_handle", "profile", "from", "screen_name"],
    "author_followers": [
        "twitter_followers",
        "reach_new",
        "potential_reach",
        "impressions",
        "audience",
        "followers",
    ],
    "text": ["full_text", "mention_content", "hit_sentence", "opening_text", "message", "snippet", "content_snippet"],
    "url": ["url", "link_url", "post_link", "permalink", "original_url"],
    "lang": ["language", "lang"],
    "likes": ["twitter_likes", "facebook_likes", "likes_count", "engagement_likes"],
    "reposts": ["twitter_retweets", "shares_count", "facebook_shares"],
    "replies": ["twitter_replies", "comments_count", "facebook_comments"],
}

for _field, _names in LISTENING_ALIASES.items():
    ALIASES[_field].extend(n for n in _names if n not in ALIASES[_field])


#: a listening export's body columns (normalised), best first: news the tool gives not in full has its snippet
BODIES = ("full_text", "snippet")


def composed_text(records: pd.DataFrame, text_column: str) -> tuple[pd.Series, str] | None:
    """(text, a note saying how it is read) of an export whose text is read from `Full Text` or `Snippet`
    (Brandwatch's layout): the full text, else the snippet, after the `Title` where it adds to them (a headline, a
    forum thread's subject; not a tweet's title repeating its text). None when the table has no title nor another
    body column: the text is the column's."""
    if normalize_name(text_column) not in BODIES:
        return None
    names = {normalize_name(c): c for c in reversed(records.columns)}  # (the first of two spellings, as aliases)
    if "title" not in names and not all(b in names for b in BODIES):
        return None
    body = none = pd.Series(pd.NA, index=records.index, dtype=STRING)
    for name in BODIES[::-1]:  # the snippet, overwritten by the full text where there is one
        if name in names:
            cells = records[names[name]].astype(STRING)
            body = cells.where(cells.fillna("").str.strip() != "", body)
    title = records[names["title"]].astype(STRING).str.strip() if "title" in names else none
    # (a title cut short, "Acme kettle broke after a...", repeats its text too)
    repeats = [b.lstrip().startswith(t.rstrip(".… ")) for t, b in zip(title.fillna(""), body.fillna(""), strict=True)]
    joined = title.where(body.isna(), title + "\n\n" + body)
    read = [repr(names["title"])] if "title" in names else []
    read.append(" or else ".join(repr(names[c]) for c in BODIES if c in names))
    return body.where(repeats, joined), "text from " + " and ".join(read)
