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


def shares(reposts: object, quotes: object) -> object:
    """A post's `reposts`: its reposts and its quotes (a repost with words added: X's `quote_count`, Bluesky's
    `quoteCount`, Mastodon's `quotes_count`), as Reddit's crossposts are, so engagement counts every share. Either
    missing: the other; a value that is no count is passed on, to reject its post as `bad reposts`."""
    r, q = _count(reposts), _count(quotes)
    if r is not None and q is not None:
        return r + q
    if reposts is not None and r is None:
        return reposts
    if quotes is not None and q is None:
        return quotes
    return q if r is None else r


def _count(value: object) -> int | None:
    """A whole count as JSON gives it (a number, or its digits as text, as an X archive writes them); else None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return int(value.strip()) if isinstance(value, str) and value.strip().isdecimal() else None


#: a table's columns of quotes (normalised names), which `composed_reposts` counts in its reposts: X's flattened
#: (`public_metrics.quote_count`), Bluesky's (`quoteCount`), Mastodon's (`quotes_count`); not a bare `quotes`, which may
#: be quoted words
QUOTE_COLUMNS = ("quote_count", "quotes_count", "public_metrics_quote_count", "quote_tweet_count")


def table_shares(reposts, quotes):
    """`shares` of each row of a table's columns: the reposts and quotes read as counts are (`1,234`), added; a
    cell that is no count is kept, to reject its row as `bad reposts`."""
    from ..values import _present, no_value_markers, parse_counts

    reposts, quotes = no_value_markers(reposts), no_value_markers(quotes)
    r, q = parse_counts(reposts), parse_counts(quotes)
    total = r.add(q, fill_value=0).astype(object).where(lambda s: s.notna(), None)
    bad_r, bad_q = _present(reposts, r.isna()), _present(quotes, q.isna())
    return total.mask(bad_q, quotes).mask(bad_r, reposts)


def composed_reposts(records, reposts_column: str, reserved: tuple = ()) -> tuple:
    """(reposts, a note saying how they are read) of a table whose reposts column (`retweet_count`, `repost_count`,
    `reblogs_count`) has a column of quotes beside it (`QUOTE_COLUMNS`), counted together as `shares` counts them;
    None without one (the quotes were not read)."""
    from ..columns import normalize_name

    names = {normalize_name(c): c for c in reversed(records.columns) if c not in reserved and c != reposts_column}
    quotes = next((names[n] for n in QUOTE_COLUMNS if n in names), None)
    if quotes is None or normalize_name(reposts_column) in QUOTE_COLUMNS:
        return None
    reposts, quoted = (records[c].iloc[:, 0] if records[c].ndim == 2 else records[c] for c in (reposts_column, quotes))
    return table_shares(reposts, quoted), f"reposts from {reposts_column!r} + {quotes!r}"


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
