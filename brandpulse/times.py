"""Times as a user writes them (`--since 2026-11-02`, `yesterday`, `24h`) and a zone's clock: shared by the report's
periods, the CLI's options and the store's `since`/`until`, none of which needs the report package for it."""

from __future__ import annotations

import re
from datetime import tzinfo

import numpy as np
import pandas as pd

from .config import zone
from .errors import ConfigError
from .sources.values import day_month_dates, parse_timestamps

#: what time arithmetic raises past the times pandas holds (1677-09-21 .. 2262-04-11)
OUT_OF_RANGE = (OverflowError, pd.errors.OutOfBoundsDatetime, pd.errors.OutOfBoundsTimedelta)
#: Words read by the clock in the zone (pandas read `now` by the local clock, `today` at 00:00 UTC like any date)
CLOCK_WORDS = ("now", "today", "yesterday")
#: a time back from now, as a cron line writes it without `$(date ...)`: `24h`, `7d`, `1 hour ago`, `2 days ago`
#: (hours exactly; days on the zone's clock, as `date -d '2 days ago'`); no minutes, whose `m` is also months'
_AGO = re.compile(r"(\d{1,6})(?:(h|d)|\s+(hour|day)s?\s+ago)", re.IGNORECASE)
#: a count and a word that `_AGO` does not take (`30m`, `2 weeks ago`): no date
_NUMBER_AND_WORD = re.compile(r"\d+\s*[a-z]+(\s+ago)?", re.IGNORECASE)


def wall(ts: pd.Timestamp, tz: tzinfo) -> pd.Timestamp:
    """`ts` as the zone's clock shows it, without the zone: calendar arithmetic is done on this."""
    return ts.tz_convert(tz).tz_localize(None)


def zoned(clock: pd.Timestamp | pd.DatetimeIndex, tz: tzinfo):
    """Clock times of the zone as instants. A time the clock shows twice (the hour repeated when daylight
    saving ends) is the first; one it skips is the instant the clock jumps to."""
    ambiguous = True if isinstance(clock, pd.Timestamp) else np.ones(len(clock), dtype=bool)
    return clock.tz_localize(tz, ambiguous=ambiguous, nonexistent="shift_forward")


def _has_zone(text: str) -> bool:
    """Whether a time as text names its zone (`Z`, `+01:00`, `GMT` ...); epoch seconds are UTC."""
    if re.fullmatch(r"\d{9,13}(\.\d+)?", text):
        return True
    try:
        return pd.Timestamp(text).tzinfo is not None
    except (ValueError, TypeError, OverflowError):  # (a day-month date such as 13/11/2026: none)
        return False


def parse_time(value: str | pd.Timestamp | None, what: str, tz: str | None = None) -> pd.Timestamp | None:
    """A date or date-time, read in the zone `tz` (default UTC) when it has no zone, in any form the loaders
    read (ISO, epoch seconds or milliseconds, RFC 2822 ...), returned in `tz`. A year or a month is its start;
    a day-month date is read as the loaders read it, and one that could be either is an error. `now` is the
    current time, `today` its 00:00 in `tz`, `yesterday` the 00:00 before; `24h`, `7d`, `2 days ago` back
    from now (`_AGO`)."""
    if value is None or value == "":
        return None
    where = zone(tz)
    if isinstance(value, str) and (value.strip().lower() in CLOCK_WORDS or _AGO.fullmatch(value.strip())):
        return _from_now(value.strip(), what, where)
    if isinstance(value, str):  # (`fetch --since 1762646400` was read, `report --since 1762646400` refused)
        read = parse_timestamps(pd.Series([value.strip()], dtype=object)).iloc[0]
        if not pd.isna(read) and not _has_zone(value.strip()):  # (the loaders read it as UTC)
            read = read.tz_localize(None)
        value = value if pd.isna(read) else read  # (a year or a month alone: its start, below)
    if isinstance(value, str):
        iso, ambiguous, _ = day_month_dates(pd.Series([value.strip()], dtype="string"))
        if ambiguous.iloc[0]:
            raise ConfigError(f"{what} {value!r}: day or month first? Write the date as YYYY-MM-DD")
        value = iso.iloc[0]
    try:
        if isinstance(value, str) and _NUMBER_AND_WORD.fullmatch(value.strip()):  # (pandas read `30m` as year 30)
            raise ValueError(value)
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        words = ", ".join(CLOCK_WORDS)  # (`yesterday` was refused without a word of those it takes)
        example = "2026-11-09 or 2026-11-09T12:00"
        raise ConfigError(
            f"{what} {value!r}: expected a date like {example}, one of: {words}, or a time back from now as 24h, 7d "
            "or '2 days ago'"
        ) from None
    if not 1678 <= ts.year <= 2261:  # (pandas' times, with room for periods around: 0001-01-01 was a traceback)
        raise ConfigError(f"{what} {value!r}: expected a date between the years 1678 and 2261")
    return zoned(ts, where) if ts.tzinfo is None else ts.tz_convert(where)


def _from_now(text: str, what: str, where: tzinfo) -> pd.Timestamp:
    """`now`, `today`, `yesterday` or `_AGO`'s `24h`, `7d`, `2 days ago`, by the clock in the zone `where`: a cron
    line's `--since yesterday` was exit 5, and `$(date -d yesterday +%F)` in its place needs its `%` escaped."""
    now = pd.Timestamp.now(tz="UTC").tz_convert(where)
    word = text.lower()
    if word == "now":
        return now
    if word in ("today", "yesterday"):
        return zoned(wall(now, where).normalize() - pd.Timedelta(days=1 if word == "yesterday" else 0), where)
    count, short, long = _AGO.fullmatch(text).groups()
    unit = (short or long)[0].lower()
    try:
        if unit == "h":
            return now - pd.Timedelta(hours=int(count))
        return zoned(wall(now, where) - pd.Timedelta(days=int(count)), where)
    except OUT_OF_RANGE:
        raise ConfigError(f"{what} {text!r}: expected a date between the years 1678 and 2261") from None
