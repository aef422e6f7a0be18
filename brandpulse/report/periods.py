"""Report periods: half-open intervals [start, end) in a time zone (UTC unless `--tz` or the config's
`[report] timezone` says another), and the period they are compared with.

Rule for the default period: the last *complete* day, ISO week (Monday 00:00 to the next Monday, in
the zone) or calendar month before `now`. `--until DATE` ends the period at DATE 00:00 (exclusive),
so `--period week --until 2026-11-09` is Monday 2026-11-02 .. Sunday 2026-11-08.
The comparison period is, by default, the period just before: the calendar month before for a month (September
for October, not the 31 days before), as many months before for whole months (Q2 for Q3), else the same length.
Lengths are counted on the zone's clock: a week over a daylight-saving change is 167 or 169 hours, and so are its
days'.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo

import pandas as pd

from ..choices import MAX_BUCKETS, PERIODS
from ..config import zone
from ..errors import ConfigError, UsageError, option
from ..times import OUT_OF_RANGE, parse_time, wall, zoned

BUCKETS = ("hour", *PERIODS)  # a report's time-series buckets
MAX_LENGTH = pd.Timedelta(days=36525)  # 100 years


def clock_day(ts: pd.Timestamp, tz: tzinfo) -> pd.Timestamp:
    """`wall`, but the first instant of a day is its 00:00, also where the clock skips it: America/Asuncion's
    2023-10-01 began at 01:00, so its Q4 was no whole months from 10-01 01:00, and its Q3 compared with 92 days."""
    clock = wall(ts, tz)
    return clock.normalize() if zoned(clock.normalize(), tz) == ts else clock


@dataclass(frozen=True)
class Period:
    start: pd.Timestamp
    end: pd.Timestamp  # exclusive
    tz: str = "UTC"  # the zone of its dates and day buckets; start and end are in it
    #: "month" for calendar months (`--period month`, or a --since/--until whole calendar months apart with any
    #: --period, such as a quarter): the periods before it are as many months, not its length in days; else None
    unit: str | None = field(default=None, compare=False)
    #: how many calendar months a period of unit "month" spans (3 for a quarter)
    months: int = field(default=1, compare=False)

    def __post_init__(self) -> None:
        # built in code: a date string, a datetime or a time without a zone (in `tz`, UTC by default, as
        # everywhere in brandpulse); compared with posts' UTC times, a naive end was a TypeError
        tz = zone(self.tz)
        for end in ("start", "end"):
            ts = pd.Timestamp(getattr(self, end))
            object.__setattr__(self, end, zoned(ts, tz) if ts.tzinfo is None else ts.tz_convert(tz))

    @property
    def zone(self) -> tzinfo:
        return zone(self.tz)

    @property
    def length(self) -> pd.Timedelta:
        """The length on the zone's clock (a week is 7 days, also when daylight saving begins in it)."""
        return wall(self.end, self.zone) - wall(self.start, self.zone)

    def shifted(self, periods: int) -> pd.Timestamp:
        """The start moved by `periods` times its length on the zone's clock; months' by `periods` times as many months
        (October's previous period was 08-31 .. 09-30, the 31 days before it; Q3's was 03-31 .. 06-30, not Q2)."""
        if self.unit == "month":
            return zoned(_step(clock_day(self.start, self.zone), "month", periods * self.months), self.zone)
        return zoned(wall(self.start, self.zone) + periods * self.length, self.zone)

    def label(self) -> str:
        """Its days (`2026-11-02 .. 2026-11-08`, the last one whole), or, beginning or ending in a day, its times
        (`2026-10-20 06:00 .. 09:00`, the end excluded): a report of a crisis' hours said "2026-10-20 vs 2026-10-20".
        A day begins at its first instant, not always 00:00 (Cairo's clocks go from 00:00 to 01:00 on 2026-04-24)."""
        if any(t != floor_time(t, "day", self.zone) for t in (self.start, self.end)):
            end = f"{self.end:%H:%M}" if self.end.date() == self.start.date() else f"{self.end:%Y-%m-%d %H:%M}"
            return f"{self.start:%Y-%m-%d %H:%M} .. {end}"
        last = self.end - pd.Timedelta(seconds=1)
        if self.start.date() == last.date():
            return self.start.strftime("%Y-%m-%d")
        return f"{self.start:%Y-%m-%d} .. {last:%Y-%m-%d}"

    def contains(self, times: pd.Series) -> pd.Series:
        return (times >= self.start) & (times < self.end)

    def to_dict(self) -> dict:
        return {"start": utc_text(self.start), "end": utc_text(self.end), "label": self.label()}


def utc_text(when: pd.Timestamp) -> str:
    """A UTC time as the JSON outputs write times elsewhere (`2026-10-12T00:00:00Z`, not `+00:00`)."""
    return when.tz_convert("UTC").isoformat().replace("+00:00", "Z")


def _floor(ts: pd.Timestamp, period: str) -> pd.Timestamp:
    """The start of the period holding `ts`, a clock time without a zone."""
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
    tz: str | None = None,
) -> Period:
    """The report period from --period/--since/--until/--now (see the module docstring), in the zone `tz`
    (default UTC); `names`: how messages name the two ends."""
    if period not in PERIODS:
        raise ConfigError(f"{option('period=', '--period ')}{period!r}: expected one of {', '.join(PERIODS)}")
    where = zone(tz)
    start, end = parse_time(since, names[0], tz), parse_time(until, names[1], tz)
    # (days, weeks and months are stepped on the zone's clock: a week is Monday 00:00 to Monday 00:00 there)
    if start is not None and end is not None:
        pass
    elif end is not None:
        start = zoned(_step(wall(end, where), period, -1), where)
    elif start is not None:
        end = zoned(_step(wall(start, where), period, 1), where)
    else:
        now_ts = parse_time(now, option("now", "--now"), tz) or pd.Timestamp.now(tz="UTC")
        clock_end = _floor(wall(now_ts, where), period)
        start, end = zoned(_step(clock_end, period, -1), where), zoned(clock_end, where)
    check_order(start, end, names)
    try:
        too_long = end - start > MAX_LENGTH  # (the time series' arithmetic overflowed past 292 years: exit 1)
    except OUT_OF_RANGE:  # (in nanoseconds, as the loaders read times, the difference itself overflows)
        too_long = True
    if too_long:
        raise ConfigError(f"{names[0]} {start:%Y-%m-%d} .. {names[1]} {end:%Y-%m-%d}: a period is at most 100 years")
    # (a --since/--until whole calendar months apart is months too, compared with as many months before it, whatever
    # --period says: `report --since 2026-10-01 --until 2026-11-01`, with the default week, was compared with
    # 08-31 .. 09-30, and the quarter `--since 2026-07-01 --until 2026-10-01` with 03-31 .. 06-30, not Q2)
    first, last = clock_day(start, where), clock_day(end, where)
    months = (last.year - first.year) * 12 + last.month - first.month
    if months >= 1 and _step(first, "month", months) == last:
        return Period(start, end, str(where), "month", months)
    return Period(start, end, str(where))


def comparison_period(current: Period, spec: str | None = "previous") -> Period | None:
    """`previous` (same length on the zone's clock, just before), `week-before` (the same clock hours 7 days before),
    `none`, or an explicit `SINCE..UNTIL` (in the current period's zone)."""
    if spec in (None, "", "previous"):
        return Period(current.shifted(-1), current.start, current.tz, current.unit, current.months)
    if spec == "none":
        return None
    if spec == "week-before":  # (the same hours of the week before on the zone's clock: a storm night's last week)
        back = pd.Timedelta(days=7)
        tz = current.zone
        if wall(current.end, tz) - back > wall(current.start, tz):  # (its week before would be half the period itself)
            raise ConfigError(
                f"{option('compare=', '--compare ')}week-before: {current.label()} is longer than a week, so the same "
                f"hours 7 days before overlap it: give {option('compare=', '--compare ')}previous or SINCE..UNTIL"
            )
        return Period(zoned(wall(current.start, tz) - back, tz), zoned(wall(current.end, tz) - back, tz), current.tz)
    since, sep, until = spec.partition("..")
    if not sep:
        named = option("compare=", "--compare ")
        raise ConfigError(f"{named}{spec!r}: expected previous, week-before, none or SINCE..UNTIL")
    # (its messages name --compare, not the --since/--until the user did not give)
    named = (f"{option('compare=', '--compare ')}{spec!r}: SINCE", "UNTIL")
    return resolve_period(since=since, until=until, names=named, tz=current.tz)


def unfinished(current: Period, previous: Period | None, now: pd.Timestamp) -> str | None:
    """The note on a period not over at `now` compared with one that is: its posts so far against all the other's
    (a week's Monday to Friday against the whole week before, whose changes said fewer complaints when there were
    twice as many), and the options that compare as long a part of that period."""
    if previous is None or not current.start < now < current.end or previous.end > now:
        return None
    # (as long on the zone's clock, as `length_ratio` measures: April's first 19 days and 17 hours against March 1 to
    # 20 17:00, not 18:00, the hour March's daylight saving skipped; such a --compare added a note of different lengths)
    tz = current.zone
    part = zoned(wall(previous.start, tz) + (wall(now, tz) - wall(current.start, tz)), tz)
    now = now.tz_convert(tz)
    # (`make_report`'s note names its keywords, the CLI's its flags: a notebook was told to use --since/--compare)
    given = (
        ("since", f"{current.start:%Y-%m-%dT%H:%M}"),
        ("until", f"{now:%Y-%m-%dT%H:%M}"),
        ("compare", f"{previous.start:%Y-%m-%dT%H:%M}..{part:%Y-%m-%dT%H:%M}"),
    )
    options = option(", ", " ").join(option(f"{name}={value!r}", f"--{name} {value}") for name, value in given)
    return (
        f"{current.label()} is not over (it ends {current.end:%Y-%m-%d %H:%M}): its posts until now are compared with "
        f"all of {previous.label()}'s; {options} compares them with as long a part of it"
    )


def baseline_period(current: Period, periods: int = 4) -> Period:
    """The `periods` period-lengths before the current one: the background for emerging terms."""
    return Period(current.shifted(-periods), current.start, current.tz, current.unit, current.months)


@dataclass(frozen=True)
class ReportPeriods:
    """What a report covers (`report_periods`): its period, the one it is compared with (None: none), the baseline
    of its emerging terms, and the clock its notes read (`unfinished`)."""

    current: Period
    previous: Period | None
    baseline: Period
    now: pd.Timestamp


def report_periods(
    period: str = "week",
    since: str | pd.Timestamp | None = None,
    until: str | pd.Timestamp | None = None,
    now: str | pd.Timestamp | None = None,
    *,
    tz: str | None = None,
    compare: str | None = "previous",
    baseline: int = 4,
    bucket: str | None = None,
    max_buckets: int | None = None,
) -> ReportPeriods:
    """The periods of a report from its options, the same for `brandpulse report` and `make_report` (each worked
    them out apart, and only the CLI caught a baseline before the year 1678: `make_report` raised pandas'
    OutOfBoundsDatetime). `bucket` is checked against `max_buckets` (`check_buckets`) before the comparison."""
    if bucket not in (None, *BUCKETS):  # (the CLI's choice; `bucket="minute"` was charted as days named minutes)
        raise ConfigError(f"{option('bucket=', '--bucket ')}{bucket!r}: expected one of {', '.join(BUCKETS)}")
    names = (option("since", "--since"), option("until", "--until"))
    current = resolve_period(period, since, until, now, names=names, tz=tz)
    check_buckets(current, bucket or default_bucket(current), max_buckets)  # (said before the posts are read)
    clock = parse_time(now, option("now", "--now"), tz) or pd.Timestamp.now(tz="UTC")
    try:
        previous = comparison_period(current, compare)
        back = baseline_period(current, baseline)
        if min(back.start, previous.start if previous else back.start).year < 1678:  # (pandas 3: no error)
            raise OverflowError
    except OUT_OF_RANGE:  # (an OverflowError, exit 1)
        raise UsageError(
            f"the comparison and {option('baseline=', '--baseline ')}{baseline} periods before {current.label()} would "
            f"start before the year 1678: give a later {option('since', '--since')} or fewer "
            f"{option('baseline', '--baseline')} periods"
        ) from None
    return ReportPeriods(current, previous, back, clock)


#: pandas' frequency of the calendar buckets: the zone's ISO weeks (from Monday) and calendar months
CALENDAR = {"week": "W-MON", "month": "MS"}


def bucket_starts(times: pd.Series, origin: pd.Timestamp, bucket: str, tz: tzinfo) -> pd.Series:
    """The start of the bucket each time falls in, counting from `origin`: hours are real hours, days are
    the zone's calendar days (23 or 25 hours long when daylight saving begins or ends), weeks the zone's ISO weeks
    and months its calendar months, the first of them from `origin` when it begins within one (a quarter's months
    are its three months, not 30-day stretches from its start)."""
    if bucket == "hour":
        step = pd.Timedelta(hours=1)
        return origin + (times - origin) // step * step
    day, start = pd.Timedelta(days=1), wall(origin, tz)
    clock = times.dt.tz_convert(tz).dt.tz_localize(None)
    if bucket in CALENDAR:
        days = clock.dt.normalize()
        first = days.dt.to_period("M").dt.start_time if bucket == "month" else days - days.dt.day_of_week * day
        return pd.Series(zoned(pd.DatetimeIndex(first.where(first >= start, start)), tz), index=times.index)
    return pd.Series(zoned(pd.DatetimeIndex(start + (clock - start) // day * day), tz), index=times.index)


def bucket_grid(start: pd.Timestamp, end: pd.Timestamp, bucket: str, tz: tzinfo) -> pd.DatetimeIndex:
    """Every bucket start from `start` to before `end` (hours, or the zone's calendar days, weeks or months, the
    first from `start`, as `bucket_starts` counts them)."""
    if bucket == "hour":
        return pd.date_range(start.tz_convert(tz), end.tz_convert(tz), freq="h", inclusive="left")
    first, last = wall(start, tz), wall(end, tz)
    if bucket in CALENDAR:
        # (from the first day's 00:00: from `--since 2026-07-01T12:00` they were Mondays and 1sts at 12:00, which no
        # post's bucket is, so the quarter's months counted 0 posts after the first)
        later = pd.date_range(first.normalize(), last, freq=CALENDAR[bucket], inclusive="left")
        return zoned(pd.DatetimeIndex([first, *later[later > first]]), tz)
    return zoned(pd.date_range(first, last, freq="D", inclusive="left"), tz)


def floor_time(ts: pd.Timestamp, bucket: str, tz: tzinfo) -> pd.Timestamp:
    """The start of the hour, or of the zone's calendar day, that holds `ts` (in the zone)."""
    clock = wall(ts, tz)
    if bucket == "hour":  # (the clock's hour: 30 minutes past a UTC hour in India)
        return (ts - (clock - clock.floor("h"))).tz_convert(tz)
    return zoned(clock.normalize(), tz)


def step_buckets(ts: pd.Timestamp, n: int, bucket: str, tz: tzinfo) -> pd.Timestamp:
    """`ts` moved by `n` hours, or by `n` days on the zone's clock."""
    if bucket == "hour":
        return ts + pd.Timedelta(hours=n)
    return zoned(wall(ts, tz) + pd.Timedelta(days=n), tz)


def bucket_spans(grid: pd.DatetimeIndex, end: pd.Timestamp, bucket: str, tz: tzinfo) -> pd.DataFrame:
    """Each bucket of `grid` (`bucket_grid`'s, of a period ending at `end`): `end` (the next one's start, the period's
    for the last), `whole_start` and `whole_end` (its whole hour, day, ISO week or calendar month), and `partial`: the
    period cuts it, so it holds fewer days (`--since 2026-09-01`, a Tuesday, began its first week with 6 of 7), and its
    fewer posts read as a fall in volume."""
    rows = []
    for n, (start, stop) in enumerate(zip(grid, [*grid[1:], end.tz_convert(tz)], strict=True)):
        if bucket == "hour":
            first, last = start, start + pd.Timedelta(hours=1)
        else:  # (a day's from the period's start on the clock: Santiago's 2026-09-06 begins at 01:00, midnight skipped,
            # and ended 23 hours later, a whole day that was "23 of its 24 hours")
            clock = wall(grid[0], tz) + pd.Timedelta(days=n) if bucket == "day" else wall(start, tz)
            day = _floor(clock, bucket) if bucket in CALENDAR else clock
            first, last = zoned(day, tz), zoned(_step(day, bucket, 1), tz)
        rows.append((stop, first, last, start > first or stop < last))
    return pd.DataFrame(rows, columns=["end", "whole_start", "whole_end", "partial"], index=grid)


class TooManyBuckets(ConfigError):
    """A bucket too fine for the period to chart or read (`check_buckets`): `count` buckets, more than `limit`;
    `fits`, a coarser bucket that gives `limit` or fewer, or None (a shorter period is needed)."""

    def __init__(self, period: Period, bucket: str, count: int, limit: int, fits: str | None) -> None:
        self.period, self.bucket, self.count, self.limit, self.fits = period, bucket, count, limit, fits
        instead = f"bucket {fits!r}" if fits else "a shorter period"
        super().__init__(
            f"bucket {bucket!r}: {period.label()} is {count:,} {bucket}s, more than {limit:,}: give {instead}"
        )


def check_buckets(period: Period, bucket: str, limit: int | None = MAX_BUCKETS) -> None:
    """`TooManyBuckets` when `bucket` cuts `period` into more than `limit` buckets (None: no limit). A library call
    of hour buckets over a year built 8,760 of each brand's rows, and its charts and trends as many bars."""
    if limit is None:
        return
    count = len(bucket_grid(period.start, period.end, bucket, period.zone))
    if count <= limit:
        return
    fits = default_bucket(period)  # (a coarser one; none past 400 months: a week's error said "give month")
    fine = fits != bucket and len(bucket_grid(period.start, period.end, fits, period.zone)) <= limit
    raise TooManyBuckets(period, bucket, count, limit, fits if fine else None)


def default_bucket(period: Period) -> str:
    """Hours for a period of a day at most, else the finest of days, weeks and months that gives `MAX_BUCKETS` or
    fewer (a report of two years was 730 days, its trend 730 characters wide)."""
    if period.length <= pd.Timedelta(days=1):
        return "hour"
    for bucket in ("day", "week"):
        if len(bucket_grid(period.start, period.end, bucket, period.zone)) <= MAX_BUCKETS:
            return bucket
    return "month"
