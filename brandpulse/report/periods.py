"""Report periods: half-open UTC intervals [start, end), and the period they are compared with.

Rule for the default period: the last *complete* day, ISO week (Monday 00:00 UTC to the next
Monday) or calendar month before `now`. `--until DATE` ends the period at DATE 00:00 (exclusive),
so `--period week --until 2026-11-09` is Monday 2026-11-02 .. Sunday 2026-11-08.
The comparison period is, by default, the period of the same length just before.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..errors import ConfigError
from ..sources.values import day_month_dates, parse_timestamps

PERIODS = ("day", "week", "month")
#: what period arithmetic raises past the times pandas holds (1677-09-21 .. 2262-04-11)
OUT_OF_RANGE = (OverflowError, pd.errors.OutOfBoundsDatetime, pd.errors.OutOfBoundsTimedelta)
MAX_LENGTH = pd.Timedelta(days=36525)  # 100 years
#: Words pandas reads by the local clock (TZ): `now`, and `today` at 00:00 UTC like any date
CLOCK_WORDS = ("now", "today")


@dataclass(frozen=True)
class Period:
    start: pd.Timestamp
    end: pd.Timestamp  # exclusive

    def __post_init__(self) -> None:
        # built in code: a date string, a datetime or a time without a zone (UTC, as everywhere in
        # brandpulse); compared with posts' UTC times, a naive end was a TypeError
        for end in ("start", "end"):
            ts = pd.Timestamp(getattr(self, end))
            object.__setattr__(self, end, ts.tz_localize("UTC") if ts.tzinfo is None else ts)

    @property
    def length(self) -> pd.Timedelta:
        return self.end - self.start

    def label(self) -> str:
        last = self.end - pd.Timedelta(seconds=1)
        if self.start.normalize() == last.normalize():
            return self.start.strftime("%Y-%m-%d")
        return f"{self.start:%Y-%m-%d} .. {last:%Y-%m-%d}"

    def contains(self, times: pd.Series) -> pd.Series:
        return (times >= self.start) & (times < self.end)

    def to_dict(self) -> dict:
        return {"start": utc_text(self.start), "end": utc_text(self.end), "label": self.label()}


def utc_text(when: pd.Timestamp) -> str:
    """A UTC time as the JSON outputs write times elsewhere (`2026-10-12T00:00:00Z`, not `+00:00`)."""
    return when.tz_convert("UTC").isoformat().replace("+00:00", "Z")


def parse_time(value: str | pd.Timestamp | None, what: str) -> pd.Timestamp | None:
    """A date or date-time, read as UTC when it has no zone, in any form the loaders read (ISO, epoch
    seconds or milliseconds, RFC 2822 ...). A year or a month is its start; a day-month date is read as
    the loaders read it, and one that could be either is an error. `now` is the current UTC time, `today`
    its 00:00 UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().lower() in CLOCK_WORDS:  # (pandas: the local clock, as UTC)
        now = pd.Timestamp.now(tz="UTC")
        return now if value.strip().lower() == "now" else now.normalize()
    if isinstance(value, str):  # (`fetch --since 1762646400` was read, `report --since 1762646400` refused)
        read = parse_timestamps(pd.Series([value.strip()], dtype=object)).iloc[0]
        value = value if pd.isna(read) else read  # (a year or a month alone: its start, below)
    if isinstance(value, str):
        iso, ambiguous, _ = day_month_dates(pd.Series([value.strip()], dtype="string"))
        if ambiguous.iloc[0]:
            raise ConfigError(f"{what} {value!r}: day or month first? Write the date as YYYY-MM-DD")
        value = iso.iloc[0]
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        raise ConfigError(f"{what} {value!r}: expected a date like 2026-11-09 or 2026-11-09T12:00") from None
    if not 1678 <= ts.year <= 2261:  # (pandas' times, with room for periods around: 0001-01-01 was a traceback)
        raise ConfigError(f"{what} {value!r}: expected a date between the years 1678 and 2261")
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")


def _floor(ts: pd.Timestamp, period: str) -> pd.Timestamp:
    day = ts.normalize()
    if period == "day":
        return day
    if period == "week":
        return day - pd.Timedelta(days=day.weekday())
    return day.replace(day=1)


def _step(ts: pd.Timestamp, period: str, n: int) -> pd.Timestamp:
    if period == "day":
        return ts + pd.Timedelta(days=n)
    if period == "week":
        return ts + pd.Timedelta(weeks=n)
    return ts + pd.DateOffset(months=n)


def check_order(
    start: pd.Timestamp | None, end: pd.Timestamp | None, names: tuple[str, str] = ("--since", "--until")
) -> None:
    """A window that does not end after it starts holds no post: a config error, not a quiet run that
    reports, alerts or fetches nothing (None: that end is open)."""
    if start is not None and end is not None and end <= start:
        raise ConfigError(f"{names[0]} {start:%Y-%m-%d %H:%M} is not before {names[1]} {end:%Y-%m-%d %H:%M}")


def resolve_period(
    period: str = "week",
    since: str | pd.Timestamp | None = None,
    until: str | pd.Timestamp | None = None,
    now: str | pd.Timestamp | None = None,
    names: tuple[str, str] = ("--since", "--until"),
) -> Period:
    """The report period from --period/--since/--until/--now (see the module docstring); `names`: how
    messages name the two ends."""
    if period not in PERIODS:
        raise ConfigError(f"--period {period!r}: expected one of {', '.join(PERIODS)}")
    start, end = parse_time(since, names[0]), parse_time(until, names[1])
    if start is not None and end is not None:
        pass
    elif end is not None:
        start = _step(end, period, -1)
    elif start is not None:
        end = _step(start, period, 1)
    else:
        now_ts = parse_time(now, "--now") or pd.Timestamp.now(tz="UTC")
        end = _floor(now_ts, period)
        start = _step(end, period, -1)
    check_order(start, end, names)
    try:
        too_long = end - start > MAX_LENGTH  # (the time series' arithmetic overflowed past 292 years: exit 1)
    except OUT_OF_RANGE:  # (in nanoseconds, as the loaders read times, the difference itself overflows)
        too_long = True
    if too_long:
        raise ConfigError(f"{names[0]} {start:%Y-%m-%d} .. {names[1]} {end:%Y-%m-%d}: a period is at most 100 years")
    return Period(start, end)


def comparison_period(current: Period, spec: str | None = "previous") -> Period | None:
    """`previous` (same length, just before), `none`, or an explicit `SINCE..UNTIL`."""
    if spec in (None, "", "previous"):
        return Period(current.start - current.length, current.start)
    if spec == "none":
        return None
    since, sep, until = spec.partition("..")
    if not sep:
        raise ConfigError(f"--compare {spec!r}: expected previous, none or SINCE..UNTIL")
    # (its messages name --compare, not the --since/--until the user did not give)
    return resolve_period(since=since, until=until, names=(f"--compare {spec!r}: SINCE", "UNTIL"))


def baseline_period(current: Period, periods: int = 4) -> Period:
    """The `periods` period-lengths before the current one: the background for emerging terms."""
    return Period(current.start - periods * current.length, current.start)
