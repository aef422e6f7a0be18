"""Listening-tool exports (Brandwatch, Sprout Social, Talkwalker, Meltwater): CSV or XLSX whose
column names are mapped by aliases. Their report-title rows above the header are found by
`columns.find_header_row`."""

from __future__ import annotations

from ..columns import ALIASES

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
