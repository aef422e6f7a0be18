"""TikTok videos and Instagram posts as scrapers save them (Apify's TikTok and Instagram scrapers, and tools of the
same keys), as JSON or flattened to CSV/XLSX (`authorMeta/name`). Read by the column aliases, a TikTok file kept its
text and shares alone (no time, author, followers or likes: `diggCount`) and an Instagram one had no text column
(`caption`). Views (`playCount`, `videoViewCount`) are in no field of the post schema and are not read."""

from __future__ import annotations

import pandas as pd

from ..columns import add_aliases, normalize_name
from ..shapes import Shape, TableShape, register, register_table
from . import dig, each

#: schema field -> the keys (dotted: nested) a TikTok scraper's video holds it under, best first
TIKTOK = {
    "post_id": ("id",),
    "created_at": ("createTimeISO", "createTime"),  # (`createTime`: epoch seconds)
    "author": ("authorMeta.name",),
    "author_followers": ("authorMeta.fans",),
    "text": ("text",),
    "url": ("webVideoUrl",),
    "likes": ("diggCount",),
    "reposts": ("shareCount",),
    "replies": ("commentCount",),
}
#: the same of an Instagram scraper's post; its `likesCount` is -1 where the author hid the likes (unknown, not bad)
INSTAGRAM = {
    "post_id": ("id",),
    "created_at": ("timestamp",),
    "author": ("ownerUsername",),
    "author_followers": ("ownerFollowersCount", "followersCount"),
    "text": ("caption",),
    "url": ("url",),
    "likes": ("likesCount",),
    "replies": ("commentsCount",),
}
PLATFORMS = {"tiktok": TIKTOK, "instagram": INSTAGRAM}

# (their CSVs beside other columns, and JSON Lines of their items: the fields without the platform)
for _keys in PLATFORMS.values():
    for _field, _names in _keys.items():
        add_aliases(_field, [normalize_name(n) for n in _names if n != "timestamp"])


def _record(platform: str, item: dict) -> dict:
    keys = PLATFORMS[platform]
    out = {"platform": platform}
    for field, names in keys.items():
        out[field] = next((v for n in names if (v := dig(item, *n.split("."))) not in (None, "")), None)
    if out.get("likes") in (-1, "-1"):  # (hidden likes)
        out["likes"] = None
    out["text"] = _caption(out.get("text"))
    return out


def _caption(value: object) -> object:
    """A caption as its text: Instagram's own API gives an object (`{"text": ..., "created_at": ...}`), and some tools
    a list of its parts, which were read as the text's keys (`no text column (... text.text ...)`) or rejected as a
    list; a part that is no text keeps the value as it is, to be rejected as such."""
    parts = value if isinstance(value, list) else [value] if isinstance(value, dict) else None
    if parts is None:
        return value
    texts = [p.get("text") if isinstance(p, dict) else p for p in parts]
    if not all(isinstance(t, str) for t in texts):
        return value
    return "\n".join(t for t in texts if t.strip()) or None


def _first_item(doc: object) -> dict | None:
    """The first item that is no error report: Apify puts one where an input gave nothing (`{"inputUrl": ...,
    "error": "no_items"}`, a private or deleted account) in its place among the posts; first, it hid the file's shape
    (read by the column aliases: no platform, no TikTok URL). The error items are rejected as posts without text."""
    items = doc if isinstance(doc, list) else []
    return next((i for i in items if isinstance(i, dict) and "error" not in i), None)


def _is(platform: str, first: dict | None) -> bool:
    if first is None:
        return False
    if platform == "tiktok":
        return "diggCount" in first and ("authorMeta" in first or "webVideoUrl" in first)
    return "ownerUsername" in first and ("shortCode" in first or "caption" in first)


for _platform, _name in (("tiktok", "TikTok scraper"), ("instagram", "Instagram scraper")):
    register(
        Shape(
            _name,
            lambda doc, p=_platform: _is(p, _first_item(doc)),
            lambda doc, p=_platform: each(lambda item: _record(p, item), doc),
            items=True,
        )
    )


def _table(platform: str, df: pd.DataFrame) -> pd.DataFrame:
    """A scraper's items flattened to a table, read as its JSON is (`_record`): keys found by their normalised names
    (`authorMeta/name` and `authorMeta.name` are `author_meta_name`), empty cells left out."""
    names = {normalize_name(c): c for c in reversed(df.columns)}  # (the first of two)
    items: list[dict] = [{} for _ in range(len(df))]
    for key in (n for ns in PLATFORMS[platform].values() for n in ns):
        if (col := names.get(normalize_name(key))) is None:
            continue
        *outer, last = key.split(".")
        for item, value in zip(items, df[col].astype(object), strict=True):
            if not pd.isna(value) and str(value).strip():
                for k in outer:
                    item = item.setdefault(k, {})
                item[last] = value
    fields = ["platform", *PLATFORMS[platform]]  # (a header alone: its columns, of no rows)
    return pd.DataFrame([_record(platform, i) for i in items], index=df.index, columns=fields)


register_table(
    TableShape(
        "TikTok scraper",
        lambda n: "digg_count" in n and bool({"author_meta_name", "web_video_url"} & n),
        lambda df: _table("tiktok", df),
    )
)
register_table(
    TableShape(
        "Instagram scraper",
        lambda n: "owner_username" in n and bool({"short_code", "caption"} & n),
        lambda df: _table("instagram", df),
    )
)
