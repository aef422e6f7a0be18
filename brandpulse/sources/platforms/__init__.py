"""One module per platform: each turns that platform's saved documents (exports, API pages)
into records keyed by schema field names and registers their shapes. Importing this package
registers them all; `fetch` reuses the same functions on live responses."""

from __future__ import annotations


def dig(obj: object, *path: str | int) -> object:
    """obj[a][b]... or None where any step is missing."""
    for key in path:
        try:
            obj = obj[key]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return obj


def obj(value: object) -> dict:
    """`value` if it is an object, else an empty one: a nested field of the wrong type (an `author`
    that is a string) leaves that post's fields empty instead of stopping the whole file."""
    return value if isinstance(value, dict) else {}


def first_object(value: object) -> dict | None:
    """The first object of a list (items before it that are not objects are rejected in their place), or None."""
    return next((i for i in value if isinstance(i, dict)), None) if isinstance(value, list) else None


def is_list_of(value: object, *keys: str) -> bool:
    """A list whose first object holds all `keys`."""
    first = first_object(value)
    return first is not None and all(k in first for k in keys)


def each(record, items: list) -> list:
    """record(item) for each item; an item that is not an object is passed on to be rejected in its place."""
    return [record(i) if isinstance(i, dict) else i for i in items]


def column(df, name: str):
    """Column `name` of a raw table matched by normalised name (`Comment Text` = `comment_text`);
    an all-missing column when absent."""
    import pandas as pd

    from ..columns import normalize_name

    for col in df.columns:
        if normalize_name(col) == name:
            return df[col]
    return pd.Series(None, index=df.index, dtype=object)


from . import (  # noqa: E402,F401  (registration order = detection order, most specific first)
    bluesky,
    discord,
    facebook,
    hackernews,
    listening,
    mastodon,
    reddit,
    reviews,
    rss,
    scrapers,
    steam,
    twitter,
    youtube,
)
