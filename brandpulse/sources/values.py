"""Turn raw source values into schema values, rejecting (never guessing) what cannot be parsed.

Everything is vectorised over whole columns; a row that fails gets a reason and is
moved to the rejects instead of being dropped or filled with an invented value.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..schema import (
    COUNT_COLUMNS,
    LANGUAGE_NAMES,
    LINK_HOST,
    PLATFORM_ALIASES,
    PLATFORM_HOSTS,
    RATING_RANGE,
    STRING,
    language_code,
    schema_frame,
)
from .columns import normalize_name

#: Timestamps outside this range are data errors (placeholders, wrong units), not posts.
EARLIEST = pd.Timestamp("1990-01-01", tz="UTC")
LATEST = pd.Timestamp("2100-01-01", tz="UTC")
#: every time pandas holds (`within=False`)
_ANY_TIME = (pd.Timestamp.min.tz_localize("UTC"), pd.Timestamp.max.tz_localize("UTC"))
_TWITTER_FORMAT = "%a %b %d %H:%M:%S %z %Y"
#: a year, a month of a year or a time of day alone: no day to place a post on
_NO_DAY = (
    r"\d{4}(?:[-/.]\d{1,2})?|\d{1,2}[-/.]\d{4}|[A-Za-z]{3,9}\.?,?\s+\d{4}"
    r"|\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?"
)


def parse_timestamps(
    values: pd.Series, date_order: str | None = None, seen: dict | None = None, *, within: bool = True
) -> pd.Series:
    """Parse ISO 8601, `2015-02-24 11:35:52 -0800`, Twitter's `Wed Oct 10 20:19:24 +0000 2018`,
    epoch seconds or milliseconds, RFC 2822 dates, Kibana's `Apr 3, 2026 @ 10:00:00.000`, and day-month dates
    (`day_month_dates`, `seen` its record of the file's dates) into UTC; with `seen`, a file's column of Excel day
    numbers too (`_excel_days`). Naive times are taken as UTC. Unparseable, ambiguous or out-of-range values
    become NaT; with `within=False` those out of range are kept (for `_bad_time` to say why they were refused).
    """
    earliest, latest = (EARLIEST, LATEST) if within else _ANY_TIME
    if values.dtype.kind == "M":  # times already (Parquet's): nothing to parse (as text: 2.4 s a 200,000)
        # (Arrow's dates, as pd.read_parquet(dtype_backend="pyarrow") gives a DATE column, have no .dt.tz)
        if isinstance(values.dtype, pd.ArrowDtype) and pa.types.is_date(values.dtype.pyarrow_dtype):
            values = values.astype("datetime64[ns]")
        given = values.dropna()
        if seen is not None and len(given):
            seen.setdefault("dated", str(given.iloc[0]))  # (as `_excel_days`: not day numbers)
        times = values.dt.tz_localize("UTC") if values.dt.tz is None else values.dt.tz_convert("UTC")
        return times.where((times >= earliest) & (times < latest)).astype("datetime64[ns, UTC]")
    s = values.astype(STRING).str.strip()
    s = s.where(s != "")
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns, UTC]")
    days = None if seen is None else _excel_days(s, seen)  # (a file's column, not an option's or an API's value)
    if days is not None:
        out[days.index] = excel_epoch(seen) + pd.to_timedelta((days * 86_400_000).round(), unit="ms")
        return out
    short = s[s.str.len() < 16]  # (a full timestamp is longer: no regex over every value)
    partial = short[short.str.fullmatch(_NO_DAY).fillna(False).astype(bool)]
    if len(partial):  # pandas would make "2026" January 1 and "10:00" today: never invent a day
        s[partial.index] = pd.NA
    todo = s.notna()
    if not todo.any():
        return out

    def fill(parsed: pd.Series) -> None:
        nonlocal todo
        parsed = parsed.dt.tz_convert("UTC") if parsed.dt.tz is not None else parsed.dt.tz_localize("UTC")
        ok = parsed.notna() & (parsed >= earliest) & (parsed < latest)
        if ok.any():
            out.loc[ok[ok].index] = parsed[ok].astype("datetime64[ns, UTC]")
        todo = todo & ~ok.reindex(todo.index, fill_value=False)

    sub = s[todo]
    numeric = sub.str.fullmatch(r"\d{9,13}(\.\d+)?")
    if numeric.any():
        nums = pd.to_numeric(sub[numeric], errors="coerce")
        unit_ms = nums >= 1e11
        seconds = pd.to_datetime(nums.where(~unit_ms), unit="s", utc=True, errors="coerce")
        # (where, not combine_first: pandas 2.3 warns, FutureWarning, when one side is all NaT)
        fill(seconds.where(~unit_ms, pd.to_datetime(nums.where(unit_ms), unit="ms", utc=True, errors="coerce")))
    for fmt in ("ISO8601", _TWITTER_FORMAT):
        sub = s[todo]
        if sub.empty:
            break
        fill(pd.to_datetime(sub, format=fmt, utc=True, errors="coerce"))
    sub, regions, local = s[todo], np.array([], dtype=int), np.full(len(s), -1)
    if not sub.empty:  # (2026-12-03 14:35 EST as 2026-12-03 14:35 -05:00; 2026-12-03 14:35 ET on New York's clock)
        text = pa.array(sub, type=pa.large_string(), from_pandas=True)
        text, _, regions = named_zones(_without_at(text), seen)
        text = utc_offsets(text)  # (JavaScript's `Mon Nov 02 2026 22:00:00 GMT+0100`: +01:00)
        text = pc.replace_substring_regex(text, _DATE_AT_TIME, r"\1 \2")  # (2026-12-03 um 14:35: 2026-12-03 14:35)
        text = pc.replace_substring_regex(text, _DOT_UHR, r"\1\2:\3")  # (German 14.35 Uhr: 14:35 Uhr)
        text = pc.replace_substring_regex(text, r"(?i)(\s\d{1,2})\s*uhr$", r"\1:00")  # (14 Uhr: `7 Dez 14` was 2014)
        text = pc.replace_substring_regex(text, r"(?i)(\d)\s*uhr$", r"\1")  # (German 2026-12-03 14:35 Uhr)
        local[todo.to_numpy(bool)] = regions
        sub = pd.Series(pd.arrays.ArrowStringArray(text), index=sub.index, dtype=STRING)
        todo = todo & sub.notna().reindex(todo.index, fill_value=True)  # (`2026 at`: a year alone, no time)
        sub, ambiguous, rewritten = day_month_dates(sub, date_order, seen)
        todo = todo & ~ambiguous.reindex(todo.index, fill_value=False)  # left unparsed: never guessed
        fill(pd.to_datetime(sub[rewritten & ~ambiguous], format="ISO8601", utc=True, errors="coerce"))
        sub = sub[todo.reindex(sub.index, fill_value=False)]
    for _ in range(3):  # an export writes one format or two: guess each from a value, parse all at once
        fmt = _guess_format(sub)
        if fmt is None:
            break
        left = len(sub)
        fill(pd.to_datetime(sub, format=fmt, utc=True, errors="coerce"))
        sub = sub[todo.reindex(sub.index, fill_value=False)]
        if len(sub) == left:
            break
    if not sub.empty:  # (what a month's name in German, Spanish, French or Portuguese left to the slow parser)
        named, rewritten = month_name_dates(sub)
        fill(pd.to_datetime(named[rewritten], format="ISO8601", utc=True, errors="coerce"))
        # (the slow parser reads the rewritten ones: `2026-12-03, 10:30`, `2026-12-03 10:30 PM`, which ISO does not)
        sub = named[todo.reindex(named.index, fill_value=False)]
    if not sub.empty:  # the slow, per-value parser only for what the fast ones left
        uniq = sub.drop_duplicates()
        parsed = pd.Series(
            [_parse_any(v, earliest, latest) for v in uniq], index=uniq.values, dtype="datetime64[ns, UTC]"
        )
        fill(pd.Series(parsed.reindex(sub.to_numpy()).array, index=sub.index))
    for region in np.unique(regions[regions >= 0]):  # (read as written: on that zone's clock, that day's)
        from zoneinfo import ZoneInfo

        out = in_zone(out, local == region, ZoneInfo(list(US_ZONES.values())[region]))
    return out


#: a time that carries its zone: an offset (`Z`, `+02:00`, `-0800`, Twitter's `+0000 2018`) or a zone's name (`UTC`,
#: `GMT`, `EST`, `CET`, `ET`; not German `Uhr`, `zoneless`) after its clock, as `parse_timestamps` and
#: `with_time_of_day` read them; or epoch seconds or milliseconds, which are UTC
_ZONED = (
    r"(?i)\d:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[ap]\.?m\.?\s*)?(?:z\b|[+-]\d{2}(?::?\d{2})?\b|(?:utc|gmt)\b|(?:[a-z]{3,5}|[ecmp]t)\s*$)"
    r"|^\s*\d{9,13}(?:\.\d+)?\s*$"
)


def zoneless(cells: pd.Series) -> np.ndarray:
    """Which of a time column's `cells` hold a time without a zone (`31/12/2026 23:15`, `2026-12-31`, a Parquet or
    XLSX time without one, an Excel day number): the cells `in_zone` reads on the export's clock. Blank cells are
    zoneless too (they hold no time). In C: each distinct value once."""
    if cells.dtype.kind == "M":
        return np.full(len(cells), cells.dt.tz is None)
    arr = pa.array(cells.astype(STRING), type=pa.large_string(), from_pandas=True)
    coded = pc.dictionary_encode(arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr)
    zoned = pc.and_(  # (German 14:35 Uhr: no zone)
        pc.match_substring_regex(coded.dictionary, _ZONED),
        pc.invert(pc.match_substring_regex(coded.dictionary, r"(?i)\d\s*uhr\s*$")),
    )
    zoned = pc.fill_null(zoned, False).to_numpy(zero_copy_only=False)
    at = pc.fill_null(coded.indices, len(zoned)).to_numpy(zero_copy_only=False)
    return ~np.append(zoned, False)[at]


def in_zone(times: pd.Series, zoneless: np.ndarray, zone) -> pd.Series:
    """`times` (UTC, as `parse_timestamps` reads a time without a zone) with those marked `zoneless` read on the
    clock of `zone` (a tzinfo; UTC: as they are). A time a daylight-saving change skips (02:30 on the night the
    clocks go forward) is the first after the gap (03:00); one it repeats (02:30 on the night they go back), the
    earlier of the two. In C over the whole column."""
    import datetime

    if zone is None or zone is datetime.UTC or str(zone) == "UTC":
        return times
    marked = np.asarray(zoneless, dtype=bool) & times.notna().to_numpy()
    if not marked.any():
        return times
    wall = times[marked].dt.tz_convert(None)
    # (repeated: both readings, the earlier kept; pandas' True, "DST", is the later one where DST is negative)
    first, second = (
        wall.dt.tz_localize(zone, ambiguous=np.full(len(wall), dst), nonexistent="shift_forward").dt.tz_convert("UTC")
        for dst in (True, False)
    )
    out = times.copy()
    out[marked] = first.where(first <= second, second).astype(times.dtype)
    return out


#: a time of day, as a column beside the dates writes it: 14:35, 14:35:10, 14:35:10.250 (Excel's), 2:35 PM, 2:35 p.m.,
#: 3pm, French 14h35 and 15h, German 14:35 Uhr and 14 Uhr; maybe said to be UTC, as brandpulse reads times without a
#: zone, or with its offset (14:35+02:00, 14:35 -0500, 14:35 UTC+2), or in a zone named, in any case (2:35 PM EST,
#: 2:35 pm est, 14:35 CET: `ZONES`; 2:35 PM ET: `US_ZONES`)
_TIME_OF_DAY = (
    r"(?i)^(?P<h>\d{1,2})(?:\s*(?P<hm>h)\s*(?P<hmin>\d{2})?|:(?P<m>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<f>\d{1,9}))?)?)?"
    r"(?:\s*(?P<ap>[ap])\.?m\.?)?(?:\s*(?P<uhr>uhr))?(?:\s*(?P<zone>z|[ecmp]t|[a-z]{3,5}))?"
    r"(?:\s*(?P<sign>[+-])(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?)?$"
)
#: the zones a time of day may name, minutes east of UTC: UTC's names, and those of one zone each of North America
#: and Central Europe (German exports' MEZ and MESZ too). A name is its offset whatever the date (EST in July is
#: still UTC-05:00), as email's dates (RFC 822) read them.
ZONES = {
    **dict.fromkeys(("Z", "UTC", "GMT"), 0),
    **{"EST": -300, "EDT": -240, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420},
    **{"AKST": -540, "AKDT": -480, "HST": -600},
    **{"CET": 60, "CEST": 120, "MEZ": 60, "MESZ": 120},
}
#: the zones US exports name by their region alone (2:35 PM ET): standard or daylight time, as the date requires
US_ZONES = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles"}
#: names several zones go by, not read: a time in one is rejected, the reason naming them
AMBIGUOUS_ZONES = {
    "CST": "US Central -06:00, China +08:00 or Cuba -05:00; US Central in a file that names CDT too",
    "IST": "India +05:30, Ireland +01:00 or Israel +02:00",
    "BST": "British Summer +01:00 or Bangladesh +06:00",
    "AST": "Atlantic -04:00 or Arabia +03:00",
}
#: a zone named at a time's end, in any case (`2026-12-03 14:35 EST`, `2026-12-03 2:35 pm est`, `... 14:35 ET`)
_ZONE_AT_END = r"^(?P<body>.*(?:\d|[AaPp]\.?[Mm]\.?))\s*(?P<zone>[A-Za-z]{2,5})$"
#: CDT so named (`_ZONE_AT_END`): the file's CST is US Central's
_CDT_AT_END = r"(?i)(?:\d|[ap]\.?m\.?)\s*cdt$"


def _zone_table(central: bool) -> tuple[pa.Array, np.ndarray, pa.Array]:
    """`ZONES` (with CST as US Central's -06:00 when `central`) as Arrow's names, numpy's minutes (and 0 after the last,
    for none) and Arrow's offsets (`-05:00`)."""
    zones = {**ZONES, "CST": -360} if central else ZONES
    offsets = [f"{'-' if m < 0 else '+'}{abs(m) // 60:02d}:{abs(m) % 60:02d}" for m in zones.values()]
    return (
        pa.array(list(zones), pa.large_string()),
        np.array([*zones.values(), 0]),
        pa.array(offsets, pa.large_string()),
    )


_ZONE_TABLES = {central: _zone_table(central) for central in (False, True)}
_US_NAMES = pa.array(list(US_ZONES), pa.large_string())
_AMBIGUOUS_NAMES, _NOON = pa.array(list(AMBIGUOUS_ZONES), pa.large_string()), pa.array(["AM", "PM"], pa.large_string())


def zone_names(names: pa.Array, seen: dict | None) -> tuple[pa.Array, np.ndarray, pa.Array]:
    """The zones of `ZONES` a file's times are read in (`_zone_table`), given the zone `names` (upper-cased) in the
    values at hand: CST is US Central's when the file names CDT too, here or in a chunk before (`seen["central"]`,
    recorded; or after, which `sources._in_date_order` looks for when `seen["lone_cst"]` says a CST was not read so),
    else ambiguous; `seen["cst"]` records the first CST so read, for the note (`date_note`)."""
    central = seen is not None and "central" in seen
    if not central and pc.any(pc.equal(names, "CDT")).as_py():
        central = True
        if seen is not None:
            seen["central"] = True
    if not central and seen is not None and pc.any(pc.equal(names, "CST")).as_py():
        seen["lone_cst"] = True  # (read in chunks: a later chunk may name CDT, `sources._in_date_order` looks)
    return _ZONE_TABLES[central]


def named_zones(values: pa.Array, seen: dict | None) -> tuple[pa.Array, np.ndarray, np.ndarray]:
    """`values` (times with their day) with a zone of `ZONES` named at their end, in any case, written as its offset
    (`2026-11-02 2:35 pm est` as `2026-11-02 2:35 pm -05:00`, which the parsers read) and one of `US_ZONES` taken off
    (to be read on its clock: `in_zone`); the zone named at each one's end, upper-cased ("" for none), and the index in
    `US_ZONES` of those taken off (-1 for the others). UTC's names stay as written: the parsers read them."""
    found = pc.extract_regex(values, _ZONE_AT_END)
    written = pc.fill_null(pc.struct_field(found, "zone"), "")
    zone = pc.utf8_upper(written)
    names, _, offsets = zone_names(zone, seen)
    index = pc.index_in(zone, value_set=names)
    us = pc.index_in(zone, value_set=_US_NAMES)
    # (a name: one of the tables', else one written in capitals, `WIB`; not `AM`, nor a word, `3 mar`)
    named = pc.or_(pc.or_(pc.is_valid(index), pc.is_valid(us)), pc.is_in(zone, value_set=_AMBIGUOUS_NAMES))
    capitals = pc.and_(pc.equal(written, zone), pc.greater_equal(pc.utf8_length(zone), 3))
    zone = pc.if_else(pc.or_(named, pc.and_(capitals, pc.invert(pc.is_in(zone, value_set=_NOON)))), zone, "")
    fixed = pc.and_(pc.is_valid(index), pc.invert(pc.is_in(zone, value_set=pa.array(["Z", "UTC", "GMT"]))))
    body = pc.fill_null(pc.struct_field(found, "body"), "")
    said = pc.binary_join_element_wise(
        body, pc.take(offsets, pc.fill_null(index, 0)), pa.scalar(" ", pa.large_string())
    )
    text = pc.if_else(pc.fill_null(fixed, False), said, pc.if_else(pc.is_valid(us), body, values))
    if seen is not None and "central" in seen and "cst" not in seen:
        cst = pc.fill_null(pc.equal(zone, "CST"), False)
        if pc.any(cst).as_py():
            seen["cst"] = values.filter(cst)[0].as_py()
    return text, zone.to_numpy(zero_copy_only=False).astype(object), pc.fill_null(us, -1).to_numpy(zero_copy_only=False)


#: a timestamp's own day (a date with a 4-digit year: 2026-11-02, 02/11/2026, Nov 2 2026, 2 Nov 2026, Twitter's
#: `Mon Nov 02 14:35:00 +0000 2026`) or epoch seconds: what a `Time` column's full times hold and times of day do not
_A_DAY = (
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2}\b.*\d{4}"
    r"|\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|^\d{9,13}(?:\.\d+)?$"
)
#: a timestamp's offset, at its end (before Twitter's year): the day it is written on is its UTC time plus it
_OFFSET_AT_END = r"(?:Z|UTC|GMT|(?P<sign>[+-])(?P<oh>\d{2}):?(?P<om>\d{2}))(?:\s+\d{4})?$"


def dates_only(dated: pd.Series) -> bool:
    """Whether the times `dated` (parsed, UTC) are all at midnight, one at least: dates without a time of day."""
    given = dated.dropna()
    return not given.empty and bool((given == given.dt.floor("D")).all())


#: a duration as a clock writes it, of a day or more (31:30 of a video's minutes, 125:00:00 of hours), or in hours
#: with "h" (36h, 30h15): no time of day
_DURATION = r"^(?P<h>\d{1,6})(?::\d{2}(?::\d{2}(?:[.,]\d+)?)?|\s*[hH](?:\s*\d{2})?)$"
#: the end of a day as some clocks write it (24:00, 24h): a bad time of day, not a duration
_END_OF_DAY = r"^24(?::00(?::00)?|\s*[hH](?:\s*00)?)$"
#: a duration in words or letters no time of day is written in, of any length: minutes or seconds (90m, 45 min,
#: 1h 30m, 1h30m, 30s, 1:30 min), hours as hr or hours (2 hrs, 1.5 hours), ISO 8601's (PT1H30M, YouTube's). 2h and
#: 1h30 are not among them: French times of day are written so (15h, 14h35); they are durations beside one of these
#: (`long_clocks`)
_NUMBER = r"\d+(?:[.,]\d+)?\s*"
_HOURS, _MINUTES, _SECONDS = r"(?:h|hrs?|hours?)\.?\s*", r"(?:m|mins?|minutes?)\.?\s*", r"(?:s|secs?|seconds?)\.?"
_UNIT_DURATION = (
    r"(?i)^(?:"
    rf"(?:{_NUMBER}{_HOURS})?{_NUMBER}{_MINUTES}(?:{_NUMBER}{_SECONDS})?"
    rf"|(?:{_NUMBER}{_HOURS})?(?:{_NUMBER}{_MINUTES})?{_NUMBER}{_SECONDS}"
    rf"|{_NUMBER}(?:hrs?|hours?)\.?"
    rf"|\d+:\d{{2}}(?::\d{{2}})?\s*(?:hrs?|hours?|mins?|minutes?)\.?"
    r"|P(?:\d+D)?T(?:\d+H(?:\d+M)?(?:\d+(?:[.,]\d+)?S)?|\d+M(?:\d+(?:[.,]\d+)?S)?|\d+(?:[.,]\d+)?S)|P\d+D"
    r")\s*$"
)


#: what a `Time` column's value says of durations (`long_clocks`): one alone (a Parquet column of durations); one
#: beside another, written with units (`90m`, `PT1H30M`) or a clock of a day or more (`31:30`, `36h`); one beside one
#: written with units (`2h`, `1h30`: else French times of day, where `36h` is a typo)
ALONE, UNITS, CLOCK, BESIDE_UNITS = 3, 2, 1, 0
#: 2h, 1h30, 15h: a time of day in French, or a duration
_HOURS_WITH_H = r"^\d{1,2}\s*[hH](?:\s*\d{2})?$"


def long_clocks(src: pd.Series, most: int = 2) -> list[tuple[str, object, int]]:
    """The first `most` distinct values of `src` (a `Time` column beside a column of dates) that are durations no
    time of day can be, and the first `most` that may be either (`2h`, `1h30`), each with the label of its first cell
    and what it says (`ALONE`, `UNITS`, `CLOCK`, `BESIDE_UNITS`), in the order of the cells. No time of day is a
    clock's of a day or more (`31:30`, `125:00:00`, `36h`), or one written with units no time of day has (`90m`,
    `45 min`, `1h 30m`, `PT1H30M`): two distinct such, or one written with units and a `2h` or `1h30` (French times of
    day otherwise, as `15h`, `14h35`, where `36h` is a typo), say the column holds durations (a video's length, a
    call's); one alone is a bad time (`25:10`, `5m`: a typo, a stray cell) that rejects its row (`with_time_of_day`):
    a stray cell among times of day took them all away. A Parquet column of durations (typed) says so alone. In C,
    each distinct value read once."""
    arr = pa.array(src.astype(STRING), type=pa.large_string(), from_pandas=True)
    coded = pc.dictionary_encode(arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr)
    values = pc.utf8_trim_whitespace(coded.dictionary)
    hours = pc.struct_field(pc.extract_regex(values, _DURATION), "h")
    hours = pc.fill_null(pc.cast(pc.if_else(pc.equal(hours, ""), None, hours), pa.int64()), 0)
    hours = hours.to_numpy(zero_copy_only=False)
    # (24:00, the end of a day as some clocks write it, is a bad time of day, not a duration)
    end = pc.fill_null(pc.match_substring_regex(values, _END_OF_DAY), False).to_numpy(zero_copy_only=False)
    if src.dtype.kind == "m":  # (a Parquet column of durations: each is one, and says so alone)
        unit = sure = pc.is_valid(values).to_numpy(zero_copy_only=False)
    else:
        unit = pc.fill_null(pc.match_substring_regex(values, _UNIT_DURATION), False).to_numpy(zero_copy_only=False)
        sure = np.zeros(len(unit), dtype=bool)
    with_h = pc.fill_null(pc.match_substring_regex(values, _HOURS_WITH_H), False).to_numpy(zero_copy_only=False)
    over = ((hours >= 24) & ~end) | unit
    says = np.append(np.where(sure, ALONE, np.where(unit, UNITS, CLOCK)), -1)
    codes = pc.fill_null(coded.indices, len(says) - 1).to_numpy(zero_copy_only=False)
    first = []
    for kind in (np.append(over, False), np.append(with_h & ~over & (hours < 24), False)):
        rows, taken = np.flatnonzero(kind[codes]), 0
        while len(rows) and taken < most:  # (the first cell of each of the first values, in the file's order)
            first.append(rows[0])
            taken += 1
            rows = rows[codes[rows] != codes[rows[0]]]
    first.sort()
    said = np.append(np.where(over, says[:-1], BESIDE_UNITS), -1)
    shown = values.take(pa.array(codes[first], type=pa.int64())).to_pylist()
    return list(zip(shown, src.index[first], said[codes[first]].tolist(), strict=True))


def add_long_clocks(dates: dict, column: str, found: list[tuple[str, object, int]]) -> None:
    """Add to `dates` (what a file's chunks or row groups showed) the values `found` (`long_clocks`, each with its
    position and what it says) of its `Time` column `column`. One of a typed column of durations, two distinct
    durations in the file, or one written with units and a `2h` or `1h30`, say the column holds durations:
    `dates["durations"]`, the warning telling so and naming the values that say so, in the file's order; one clock
    alone is a typo (`25:10`) that rejects its row."""
    seen = {value: (where, says) for value, where, says in dates["long"][1]} if "long" in dates else {}
    for value, where, says in found:
        seen.setdefault(value, (str(where), int(says)))
    # (in the file's order, read in chunks too: the first two durations and the first two such as 2h, at most)
    kept = [(v, w, s) for v, (w, s) in seen.items() if s >= CLOCK][:2]
    kept += [(v, w, s) for v, (w, s) in seen.items() if s == BESIDE_UNITS][:2]
    kept.sort(key=lambda k: list(seen).index(k[0]))
    if kept:
        dates["long"] = (column, tuple(kept))
    such: list[tuple[str, str, int]] = []  # (the values that say so, in the file's order: read in chunks too)
    for at in range(len(kept)):
        seen_so_far = kept[: at + 1]
        durations = [k for k in seen_so_far if k[2] >= CLOCK]
        units, hours = [k for k in seen_so_far if k[2] >= UNITS], [k for k in seen_so_far if k[2] == BESIDE_UNITS]
        if kept[at][2] == ALONE:
            such = [kept[at]]
        elif len(durations) == 2:
            such = durations
        elif units and hours:  # (a duration with units and a 2h or 1h30: `2h` and `90m`)
            such = sorted([units[0], hours[0]], key=kept.index)
        if such:
            break
    if such:
        told = " and ".join(f"{value!r} ({where})" for value, where, _ in such)
        dates["durations"] = (
            f"{column!r} holds durations such as {told}, not times of day: the dates are read at midnight"
        )


def with_time_of_day(
    dated: pd.Series,
    src: pd.Series,
    column: str,
    date_order: str | None = None,
    seen: dict | None = None,
    other_day: dict | None = None,
) -> tuple[pd.Series, pd.Series, object] | None:
    """The times `dated` (parsed, UTC) with the time of day of the cells `src` (a `Time` column beside a `Date`),
    as `read_field` gives them: (values, bad, why(mask)); None when `dated` holds times of day (one not at midnight):
    its `src` is no part of it. A time without a zone is UTC, as the dates are, one with its offset or a zone of
    `ZONES` less it (one of `AMBIGUOUS_ZONES` is bad, its reason naming its zones); a blank cell leaves its date at
    midnight; an unreadable one (`14:75`, `2:35 XM`) is bad (a column of durations, `31:30` and `125:00:00`, is
    none: `long_clocks`, before). A cell holding a time with its day (`2026-11-02 14:35`, a `Time` column of full
    times) is the post's time, read as `parse_timestamps` reads one (in `date_order`, or the order the file's dates
    showed, `seen`); the first on another day than its date (the day it is written on, before its offset is taken
    off) goes in `other_day` (`value`, `label`, `date`). In C over the whole column: no value by value."""
    if not dates_only(dated):
        return None
    arr = pa.array(src.astype(STRING), type=pa.large_string(), from_pandas=True)
    # (each distinct time read once, and put back by its index: a day has 86,400 seconds)
    coded = pc.dictionary_encode(arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr)
    times = _plain_times(pc.utf8_trim_whitespace(coded.dictionary))
    offsets = np.full(len(times) + 1, np.timedelta64("NaT"), dtype="timedelta64[ns]")  # (the last: a missing cell)
    # 14:35:10, the common way, by Arrow's strptime: 200,000 times in 0.08 s, not 0.18 by the regex alone (it takes
    # 23:59:60 for the next day: not here)
    clock = pc.strptime(times, format="%H:%M:%S", unit="ns", error_is_null=True)
    since = (clock.to_numpy(zero_copy_only=False) - np.datetime64("1900-01-01", "ns")).astype("timedelta64[ns]")
    quick = pc.fill_null(pc.match_substring_regex(times, r"^\d{1,2}:\d{2}:\d{2}$"), False).to_numpy(
        zero_copy_only=False
    ) & (since < np.timedelta64(86_400, "s"))
    offsets[:-1][quick] = since[quick]
    rest = np.flatnonzero(~quick)
    found = pc.extract_regex(times.take(rest), _TIME_OF_DAY)
    hit = pc.fill_null(found.is_valid(), False).to_numpy(zero_copy_only=False)
    found = found.filter(hit)

    def part(name: str) -> np.ndarray:
        return pc.struct_field(found, name).to_numpy(zero_copy_only=False)

    def number(digits: pa.Array, width: int = 0) -> np.ndarray:  # ("" where an optional part is not given: 0)
        digits = pc.utf8_rpad(digits, width, "0") if width else pc.if_else(pc.equal(digits, ""), "0", digits)
        return pc.cast(digits, pa.int64()).to_numpy(zero_copy_only=False)

    minutes = pc.struct_field(found, "m")  # (14:35's, or 14h35's)
    minutes = pc.if_else(pc.equal(minutes, ""), pc.struct_field(found, "hmin"), minutes)
    hour, minute = number(pc.struct_field(found, "h")), number(minutes)
    second, nanos = number(pc.struct_field(found, "s")), number(pc.struct_field(found, "f"), 9)
    half = np.char.lower(part("ap").astype(str))  # 2:35 PM: "p"; 14:35: ""
    twelve = half != ""
    # (an hour alone is no time of day unless "h", "Uhr" or AM/PM says so: 3pm, 15h, 15 Uhr, not 15)
    said = (part("m") != "") | (part("hm") != "") | (part("uhr") != "") | twelve
    east = np.where(part("sign") == "-", -1, 1)
    zone_hours, zone_minutes = number(pc.struct_field(found, "oh")), number(pc.struct_field(found, "om"))
    # (2:35 PM EST: its zone's offset, as 2:35 PM -05:00's; an offset after a name other than UTC's says nothing;
    # 2:35 PM ET: on its zone's clock, below, as the date requires)
    written = pc.fill_null(pc.struct_field(found, "zone"), "")
    zone = pc.utf8_upper(written)
    table, minutes_east, _ = zone_names(zone, seen)
    index, us = pc.index_in(zone, value_set=table), pc.index_in(zone, value_set=_US_NAMES)
    known = pc.or_(pc.or_(pc.is_valid(index), pc.is_valid(us)), pc.equal(zone, "")).to_numpy(zero_copy_only=False)
    zoned = minutes_east[pc.fill_null(index, len(minutes_east) - 1).to_numpy(zero_copy_only=False)]
    us = pc.fill_null(us, -1).to_numpy(zero_copy_only=False)
    ok = np.where(twelve, (hour >= 1) & (hour <= 12), hour <= 23) & (minute <= 59) & (second <= 59) & said
    ok &= (zone_hours <= 14) & (zone_minutes <= 59) & known & (((zoned == 0) & (us < 0)) | (part("sign") == ""))
    hour = np.where(twelve, hour % 12 + np.where(half == "p", 12, 0), hour)
    # (14:35+02:00 is 12:35 UTC: its offset taken off, maybe into the day before or after)
    east_minutes = zoned + east * (zone_hours * 60 + zone_minutes)
    nanos = ((hour * 60 + minute - east_minutes) * 60 + second) * 1_000_000_000 + nanos
    offsets[rest[hit][ok]] = nanos[ok].astype("timedelta64[ns]")
    regions = np.full(len(times) + 1, -1)  # (each distinct time's zone of `US_ZONES`, by its index)
    regions[rest[hit][ok]] = us[ok]
    cst = ok & (zone.to_numpy(zero_copy_only=False) == "CST")  # (read: the file names CDT too)
    if seen is not None and cst.any():
        seen.setdefault("cst", times[int(rest[hit][cst][0])].as_py())
    # (why each distinct value not read is bad: 0 a bad time of day, 1 a zone of several, 2 an unknown zone, 3 a bad
    # time with its day)
    kinds, names = np.zeros(len(times) + 1, dtype=np.int8), np.full(len(times) + 1, "", dtype=object)
    zones = zone.to_numpy(zero_copy_only=False).astype(object)
    names[rest[hit]] = zones
    # (a word in small letters, `15 hrs`, is no zone's name: a bad time of day)
    capital = (written.to_numpy(zero_copy_only=False).astype(object) == zones) | np.isin(zones, list(AMBIGUOUS_ZONES))
    kinds[rest[hit]] = (
        np.where(zones == "", 0, np.where(np.isin(zones, list(AMBIGUOUS_ZONES)), 1, 2 * capital)) * ~known
    )
    blank = pc.or_(pc.equal(times, ""), pc.is_in(times, value_set=NO_VALUE)).to_numpy(zero_copy_only=False)
    unread = np.append(np.isnat(offsets[:-1]) & ~blank, False)
    at = pc.fill_null(coded.indices, len(times)).to_numpy(zero_copy_only=False)
    dayed = np.flatnonzero(unread)
    if len(dayed):  # (a `Time` column of full times beside `Post Date`: each such cell is its post's time)
        dayed = dayed[
            pc.fill_null(pc.match_substring_regex(times.take(dayed), _A_DAY), False).to_numpy(zero_copy_only=False)
        ]
    offset, bad = pd.Series(offsets[at], index=src.index), pd.Series(unread[at], index=src.index)
    out = dated + offset.fillna(pd.Timedelta(0))
    for region in np.unique(regions[regions >= 0]):  # (2:35 PM ET: on New York's clock that day, EST or EDT)
        from zoneinfo import ZoneInfo

        out = in_zone(out, regions[at] == region, ZoneInfo(list(US_ZONES.values())[region]))
    if len(dayed):
        full, days, zoned_names = _full_times(times.take(dayed), date_order, seen)
        names[dayed] = zoned_names
        ambiguous = np.isin(zoned_names, list(AMBIGUOUS_ZONES))
        known = [*ZONES, *US_ZONES]
        kinds[dayed] = np.where(ambiguous, 1, np.where((zoned_names != "") & ~np.isin(zoned_names, known), 2, 3))
        unread[dayed] &= np.isnat(full)
        bad = pd.Series(unread[at], index=src.index)
        fulls = np.full(len(times) + 1, np.datetime64("NaT"), dtype="datetime64[ns]")
        fulls[dayed] = full
        out = out.where(np.isnat(fulls[at]), pd.Series(fulls[at], index=src.index).dt.tz_localize("UTC"))
        if other_day is not None:
            written = np.full(len(times) + 1, np.datetime64("NaT"), dtype="datetime64[D]")
            written[dayed] = days
            own = dated.dt.tz_convert(None).to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
            off = np.flatnonzero(~np.isnat(written[at]) & ~np.isnat(own) & (written[at] != own))
            if len(off):
                value, label, date = times[int(at[off[0]])].as_py(), src.index[off[0]], str(own[off[0]])
                other_day.update(value=value, label=label, date=date)

    def why(mask: pd.Series) -> pd.Series:
        rows = at[mask.to_numpy(bool)]
        cell, zone, kind = _quote(src[mask].astype(STRING).str.strip()).to_numpy(object), names[rows], kinds[rows]
        meant = pd.Series(zone, dtype=object).map(AMBIGUOUS_ZONES).fillna("").to_numpy(object)
        fix = ": write its UTC offset instead, as in 14:35+01:00"
        return pd.Series(
            np.select(
                [kind == 1, kind == 2, kind == 3],
                [
                    "ambiguous time zone '" + zone + "' in " + cell + f" in column {column!r} (" + meant + ")" + fix,
                    "unknown time zone '" + zone + "' in " + cell + f" in column {column!r}" + fix,
                    "bad time " + cell + f" in column {column!r}",
                ],
                "bad time of day " + cell + f" in column {column!r}",
            ),
            index=mask[mask].index,
        )

    return out, bad, why


def _plain_times(times: pa.Array) -> pa.Array:
    """A `Time` column's distinct `times` with a word before them taken off (`at 14:35`, `um 14:35`, `à 14h35`, `om
    14:35`, `alle 14:35`: `_AT_WORDS`) and German `14.35 Uhr` written `14:35 Uhr`, as the parsers read them."""
    times = pc.replace_substring_regex(times, rf"(?i)^{_AT_WORDS}\s+(\d)", r"\1")
    return pc.replace_substring_regex(times, _DOT_UHR, r"\1\2:\3")


def _full_times(
    values: pa.Array, date_order: str | None, seen: dict | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Times with their day (`2026-11-02 14:35`, `2026-11-02T23:30:00-05:00`, `2026-11-02 2:35 PM EST`) of a `Time`
    column, each once: their UTC times (NaT for those that cannot be read), as `parse_timestamps` reads them in
    `date_order` or the order the file's dates showed (`seen`), a zone of `ZONES` at the end as its offset; the days
    they are written on (before their offset is taken off); and the zone named at their end, else ""."""
    # (2026-11-02 2:35 PM EST as 2026-11-02 2:35 PM -05:00, as the parsers read it: for the day it is written on)
    text, zone, region = named_zones(
        values, None if seen is None else {k: v for k, v in seen.items() if k == "central"}
    )
    parsed = parse_timestamps(pd.Series(values.to_pylist(), dtype=STRING), date_order, dict(seen or {}))
    full = parsed.dt.tz_convert(None).to_numpy(dtype="datetime64[ns]")
    given = pc.extract_regex(text, _OFFSET_AT_END)

    def number(key: str) -> np.ndarray:
        digits = pc.fill_null(pc.struct_field(given, key), "")
        return pc.cast(pc.if_else(pc.equal(digits, ""), "0", digits), pa.int64()).to_numpy(zero_copy_only=False)

    sign = np.where(pc.fill_null(pc.struct_field(given, "sign"), "").to_numpy(zero_copy_only=False) == "-", -1, 1)
    east = (sign * (number("oh") * 60 + number("om"))).astype("timedelta64[m]")
    days = (full + east).astype("datetime64[D]")
    for at in np.unique(region[region >= 0]):  # (2026-11-02 10:35 PM ET: the 2nd on New York's clock, the 3rd in UTC)
        on = region == at
        wall = parsed[on].dt.tz_convert(list(US_ZONES.values())[at]).dt.tz_localize(None)
        days[on] = wall.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    return full, days, zone


#: Excel's day numbers count from 1899-12-30; those of 1990-01-01 up to 2100-01-01, the range of EARLIEST-LATEST
EXCEL_EPOCH = pd.Timestamp("1899-12-30", tz="UTC")
_EXCEL_DAYS = (32874, 73051)
#: a workbook in Excel's 1904 date system (Excel for Mac's before 2016) counts from 1904-01-01: 1462 days later
EXCEL_EPOCH_1904 = pd.Timestamp("1904-01-01", tz="UTC")
_EXCEL_DAY = r"\d{5}(?:[.,]\d+)?"  # (a decimal comma: European Excel's CSV, `;`-separated)
#: Excel's 0 of an empty cell (a formula's): no date, among day numbers
_EXCEL_ZERO = r"0+(?:[.,]0+)?"


def excel_epoch(seen: dict) -> pd.Timestamp:
    """The day Excel day numbers count from: 1904-01-01 in a workbook that says so (`seen["1904"]`, set by the
    XLSX reader; a CSV does not tell), else 1899-12-30."""
    return EXCEL_EPOCH_1904 if seen.get("1904") else EXCEL_EPOCH


def _excel_days(s: pd.Series, seen: dict) -> pd.Series | None:
    """The day numbers of a column of Excel dates saved as numbers (46115.4166, a CSV saved from Excel), when every
    date the file showed (`seen`) is one, or a 0 (no date): a number among other dates is an id or a count, never
    taken as a date. A column of zeros alone says neither ("zero": the file's other dates say)."""
    given = s.dropna()
    if given.empty or "dated" in seen:
        return None
    if not re.fullmatch(f"{_EXCEL_DAY}|{_EXCEL_ZERO}", given.iloc[0]):  # (the common case: no regex over all)
        seen["dated"] = given.iloc[0]
        return None
    zero = excel_zeros(given).to_numpy(bool)
    days = pd.to_numeric(
        given.where(given.str.fullmatch(_EXCEL_DAY).fillna(False)).str.replace(",", ".", regex=False), errors="coerce"
    )
    shift = (excel_epoch(seen) - EXCEL_EPOCH).days  # (the same years, 1990-2099, in a 1904 workbook)
    ok = ((days >= _EXCEL_DAYS[0] - shift) & (days < _EXCEL_DAYS[1] - shift)).fillna(False).to_numpy(bool)
    if not (ok | zero).all():
        seen["dated"] = given[~(ok | zero)].iloc[0]
        return None
    if ok.any():
        seen.setdefault("excel", given[ok].iloc[0])
    elif "excel" not in seen:
        seen.setdefault("zero", given.iloc[0])
        return None
    return days[ok]


def excel_zeros(s: pd.Series) -> pd.Series:
    """Which of `s` are Excel's 0 of an empty cell (`_EXCEL_ZERO`)."""
    return s.astype(STRING).str.strip().str.fullmatch(_EXCEL_ZERO).fillna(False)


def shown_dates(values: pd.Series, seen: dict) -> None:
    """Record in `seen` what a column's dates show, as `parse_timestamps` does, parsing only those such as 02/11/2026,
    the only ones that show more than the first does (a row group of 20,000 ISO times: 0.01 s, not 0.06 s)."""
    arr = pa.array(no_value_markers(values).astype(STRING), type=pa.large_string(), from_pandas=True)
    arr = pc.utf8_trim_whitespace(arr)
    given = arr.filter(pc.fill_null(pc.not_equal(arr, ""), False))
    if not len(given):
        return
    if re.fullmatch(f"{_EXCEL_DAY}|{_EXCEL_ZERO}", given[0].as_py()):  # day numbers, maybe: all of them
        parse_timestamps(given.to_pandas(), None, seen)
        return
    seen.setdefault("dated", given[0].as_py())  # (as `_excel_days`: not day numbers)
    if "central" not in seen and pc.any(pc.match_substring_regex(given, _CDT_AT_END)).as_py():
        seen["central"] = True  # (as `zone_names` finds it: a CST in any group is US Central's)
    shaped = given.filter(pc.match_substring_regex(given, r"^\d{1,2}[/.\-]\d{1,2}[/.\-]"))
    if len(shaped):
        parse_timestamps(shaped.to_pandas(), None, seen)


DATE_ORDERS = ("dmy", "mdy")
#: how a command is told the order of day-month dates
ORDER_OPTION = "say with --date-order dmy or mdy, or [input] date_order in the config"
#: 02/11/2026, 2.11.26, 02-11-2026 14:05: day and month (in either order), year, maybe a time
_DAY_MONTH = r"^(?P<a>\d{1,2})(?P<s1>[/.\-])(?P<b>\d{1,2})(?P<s2>[/.\-])(?P<y>\d{4}|\d{2})(?P<rest>(?:,?[ T].*)?)$"


def day_month_dates(
    values: pd.Series, date_order: str | None = None, seen: dict | None = None
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """`values` with dates written day and month first (02/11/2026, 2.11.26, 02-11-2026 14:05)
    rewritten as ISO (2026-11-02 14:05), which of them are ambiguous, and which were rewritten. `date_order` ("dmy" or
    "mdy") says the order of those written with slashes or dashes; without it the order is read from the values, never
    guessed: a first number above 12 is a day, a second one above 12 too. Dots are day first (as in every locale that
    writes them), also with "mdy": a German export among US ones read so put 12.03.2026 in December.
    02/11/2026 says neither: it is read in the order the column's other dates show (13/11/2026: day first),
    and ambiguous when they show none, or both (pandas would take it as February 11, and 13/11/2026 as
    November 13 in the same column). `seen` records the file's dates, read in chunks, so that one chunk
    reads by another's: an example of each order ("dmy", "mdy"), of a date read by it ("read") and of
    an ambiguous one ("ambiguous"). Two-digit years are 1970-2069."""
    found = pc.extract_regex(pa.array(values, type=pa.large_string(), from_pandas=True), _DAY_MONTH)
    # (Arrow's regex in C: pandas' str.extract runs Python's per value)
    parts = pd.DataFrame({i: pd.Series(f, dtype="string", index=values.index) for i, f in enumerate(found.flatten())})
    hit = (parts[0].notna() & (parts[1] == parts[3])).fillna(False).to_numpy(bool)
    ambiguous = pd.Series(False, index=values.index)
    if not hit.any():
        return values, ambiguous, ambiguous
    p = parts[hit]
    a, b, year = (p[i].astype("int64").to_numpy() for i in (0, 2, 4))
    dots = (p[1] == ".").to_numpy(bool)  # day first whatever the order said: no locale writes 12.03.2026 month first
    if date_order in DATE_ORDERS:
        day_first = dots | (date_order == "dmy")
        month_first = ~day_first
    else:
        day_first = dots | (a > 12)
        month_first = ~day_first & (b > 12)
        either = ~day_first & ~month_first & (a != b)
        seen = {} if seen is None else seen
        shown = p.index.to_numpy()
        a_day, b_day = (a > 12) & (a <= 31), (b > 12) & (b <= 31)  # (a number no day can be tells nothing)
        for order, told in (("dmy", a_day & (b <= 12)), ("mdy", b_day & (a <= 12))):
            if told.any():
                seen.setdefault(order, values.loc[shown[told.argmax()]])
        order = column_order(seen)
        if order and either.any():  # the column says which: its other dates read so too
            seen.setdefault("read", values.loc[shown[either.argmax()]])
            day_first, month_first = day_first | (either & (order == "dmy")), month_first | (either & (order == "mdy"))
    ambiguous[hit] = ~day_first & ~month_first & (a != b)
    if ambiguous.any() and seen is not None:
        seen.setdefault("ambiguous", values.iloc[ambiguous.to_numpy().argmax()])
    year = np.where(p[4].str.len().to_numpy() == 2, np.where(year < 70, 2000 + year, 1900 + year), year)
    day, month = np.where(day_first, a, b), np.where(day_first, b, a)

    def digits(v: np.ndarray, width: int) -> pd.Series:
        return pd.Series(v, index=p.index).astype("string").str.zfill(width)

    out = values.copy()
    out[hit] = digits(year, 4) + "-" + digits(month, 2) + "-" + digits(day, 2) + p[5].fillna("").astype("string")
    return out, ambiguous, pd.Series(hit, index=values.index)


#: a day, a month's name and a year, as German, Spanish, French, Portuguese, Italian and Dutch exports write dates:
#: `3. Dezember 2026`, `7 de diciembre de 2026`, `mardi 1er décembre 2026 10:00`, `segunda-feira, 7 de dezembro de
#: 2026`, `7 dicembre 2026`, `7 mei 2026`; the year maybe of 2 digits (`7. Dez. 26`)
_NAMED_MONTH_DATE = (
    r"^(?:[\pL-]+\.?,?\s+)?(?P<d>\d{1,2})(?:\.|er|º|°)?\s+(?:de\s+)?(?P<m>\pL+)\.?,?\s+(?:de\s+)?'?"
    r"(?P<y>\d{4}|\d{2})(?P<rest>(?:,?\s+.*)?)$"
)
#: the month's name first, the year of 2 digits (`Dec 7 26`, `Dec. 7th, '75`): the slow parser (dateutil) read them
#: 20xx up to 50 years ahead (`Dec 7 75` was 2075 where `7 Dec 75` is 1975); the day and month groups in the order of
#: `_NAMED_MONTH_DATE`'s is no matter, `month_name_dates` takes them by name
_MONTH_FIRST_SHORT_YEAR = (
    r"^(?:[\pL-]+\.?,?\s+)?(?P<m>\pL+)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+'?(?P<y>\d{2})(?P<rest>(?:,?\s+.*)?)$"
)
#: the names of months (and their short forms) in those languages, Italian and Dutch, and in English
MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        [
            "january jan januar jänner enero ene janvier janv janeiro gennaio gen januari",
            "february feb februar febrero février fevrier févr fevr fevereiro fev febbraio februari",
            "march mar märz mär maerz mrz marzo mars março marco maart mrt",
            "april apr abril abr avril avr aprile",
            "may mai mayo maio maggio mag mei",
            "june jun juni junio juin junho giugno giu",
            "july jul juli julio juillet juil julho luglio lug",
            "august aug agosto ago août aout augustus",
            "september sep sept septiembre setiembre set septembre setembro settembre sett",
            "october oct oktober okt octubre octobre outubro out ottobre ott",
            "november nov noviembre novembre novembro",
            "december dec dezember dez diciembre dic décembre decembre déc dezembro dicembre",
        ],
        start=1,
    )
    for name in names.split()
}


def month_name_dates(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """`values` with dates written with a month's name in German, Spanish, French or Portuguese (or English) after
    the day (`_NAMED_MONTH_DATE`) rewritten as ISO (2026-12-03, and the time after it), and which were rewritten.
    pandas reads such dates in English alone: `3. Dezember 2026` was rejected where `3 December 2026` was read."""
    arr = pa.array(values, type=pa.large_string(), from_pandas=True)
    found = pc.extract_regex(arr, _NAMED_MONTH_DATE)
    first = pc.extract_regex(arr, _MONTH_FIRST_SHORT_YEAR)  # (`Dec 7 26`)
    fields = [
        pc.if_else(pc.is_valid(found), pc.struct_field(found, g), pc.struct_field(first, g))
        for g in ("d", "m", "y", "rest")
    ]
    parts = pd.DataFrame({i: pd.Series(f, dtype="string", index=values.index) for i, f in enumerate(fields)})
    month = parts[1].str.lower().map(MONTH_NUMBERS)
    hit = (month.notna() & parts[0].notna()).fillna(False).to_numpy(bool).copy()  # (pandas 3: read-only)
    two = pc.fill_null(pc.equal(pc.utf8_length(fields[2]), 2), False)
    two = hit & two.to_numpy(zero_copy_only=False)
    if two.any():  # (a time of day or nothing after it: else `7 Dez 14 Uhr`, no year)
        hit[two] = parts[3][two].fillna("").str.fullmatch(_AFTER_SHORT_YEAR).fillna(False).to_numpy(bool)
    out = values.copy()
    if hit.any():
        p = parts[hit]
        year = p[2]
        if two.any():  # (2-digit years are 1970-2069, as `day_month_dates` reads them)
            short = year.astype("int64")
            year = year.where(~two[hit], (short + np.where(short < 70, 2000, 1900)).astype("string"))
        month = month[hit].astype("int64").astype("string").str.zfill(2)
        out[hit] = year + "-" + month + "-" + p[0].str.zfill(2) + _time_said(p[3].fillna(""))
    return out, pd.Series(hit, index=values.index)


#: what may follow a 2-digit year (`7. Dez. 26`, `7 dic 26 14:05`): nothing, or a time of day (`7 Dez 14 Uhr` is
#: December 7 at 2 pm, of no year)
_AFTER_SHORT_YEAR = (
    r"(?i)(?:,?\s+(?:(?:um|à|a\s+las?|às|as|at|kl\.?|om|alle|ore)\s+)?\d{1,2}"
    r"(?::\d{2}|\s*h\b|h\d{2}|\.\d{2}\s*uhr\b|\s*uhr\b|\s*[ap]\.?m\b).*)?"
)


#: the word between a date and its time (`um 14:05`, `à 14h05`, `a las 14:05`, `às 14h05`, `at 2:05 PM`, `kl. 14:05`,
#: Dutch `om 14:05`, Italian `alle 14:05` or `ore 14:05`), also before a time of day alone (`_plain_times`)
_AT_WORDS = r"(?:um|à|a\s+las?|às|as|at|kl\.?|om|alle|ore)"
_AT_TIME = rf"(?i)^,?\s+{_AT_WORDS}\s+(\d)"
#: a date of digits and the word before its time (`2026-12-03 um 14:35`, `03.12.2026 à 14h35`): pandas read English
#: `at` alone, value by value (dateutil skips it)
_DATE_AT_TIME = rf"(?i)^(\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}),?\s+{_AT_WORDS}\s+(\d)"
#: a date and the word before its time, with no time after it (`2026-12-03 at`, `3. Dezember 2026 um`, `03.12.2026 à`:
#: an export's template whose time was left empty): the date alone, as an empty `Time` cell leaves its date. dateutil
#: read English `at` so (skipping the word) and rejected the other languages' words; no time in it (`14:35 at`)
_AT_NO_TIME = rf"(?i)^([^:]*\d\.?),?\s+{_AT_WORDS}\s*$"
#: an offset said from UTC or GMT (`GMT+0100`, `UTC+2`, `GMT-05:00`), as JavaScript's dates write it
_UTC_OFFSET = r"(?i)\b(?:gmt|utc)\s*[+-]\d"


def utc_offsets(text: pa.Array) -> pa.Array:
    """`text` with an offset said from UTC or GMT written as the offset alone, of two-digit hours (`GMT+0100` as
    `+0100`, `UTC+2` as `+02:00`): the slow parser (dateutil) read `GMT+0100` as POSIX zones are written, an hour
    behind UTC (22:00 GMT+0100 was 23:00 UTC), where JavaScript's dates and `14:35 UTC+2` (`with_time_of_day`) are
    ahead of it. In C; no copy when no value says one."""
    if not pc.any(pc.match_substring_regex(text, _UTC_OFFSET)).as_py():
        return text
    text = pc.replace_substring_regex(text, r"(?i)\b(gmt|utc)\s*([+-])(\d)\b", r"\1\20\3")  # (UTC+2: UTC+02)
    text = pc.replace_substring_regex(text, r"(?i)\b(?:gmt|utc)\s*([+-]\d{2}:?\d{2})\b", r"\1")
    return pc.replace_substring_regex(text, r"(?i)\b(?:gmt|utc)\s*([+-]\d{2})\b", r"\1:00")  # (+01: a minute)


#: German `14.35 Uhr`: a dot between hours and minutes, said to be a time by `Uhr` (without it, a number)
_DOT_UHR = r"(?i)(^|\s)(\d{1,2})\.(\d{2}\s*uhr)$"


def _without_at(text: pa.Array) -> pa.Array:
    """`text` with the word before a time taken off where no time follows it (`_AT_NO_TIME`: `2026-12-03 at`, `3.
    Dezember 2026 um`, the dates alone); those left a year or a month alone (`2026 at`) null, no time, as the year
    alone is (`_NO_DAY`). Only values ending with a letter are looked at (the regex over all: 0.3 s a 100,000)."""
    last = pc.fill_null(pc.utf8_is_alpha(pc.utf8_slice_codeunits(text, -1)), False)
    if not pc.any(last).as_py():
        return text
    found = pc.and_(last, pc.fill_null(pc.match_substring_regex(text, _AT_NO_TIME), False))
    if not pc.any(found).as_py():
        return text
    said = pc.replace_substring_regex(text.filter(found), _AT_NO_TIME, r"\1")
    partial = pc.fill_null(pc.match_substring_regex(said, rf"^(?:{_NO_DAY})$"), False)
    said = pc.if_else(partial, pa.scalar(None, pa.large_string()), said)
    return pc.replace_with_mask(text, found, said)


def _time_said(rest: pd.Series) -> pd.Series:
    """The time after a date with a month's name as the parsers read it: `um 14:05 Uhr`, `à 14h05`, `a las 14:05`
    as ` 14:05` (the values `month_name_dates` found). Arrow's regexes, in C (Python's took 2 s a 100,000)."""
    text = pa.array(rest, type=pa.large_string(), from_pandas=True)
    for pattern, said in (
        (_AT_TIME, r" \1"),
        (r"(?i)^(\s+\d{1,2})\s*h\s*(\d{2})\b", r"\1:\2"),  # (French 14h05, 15h)
        (r"(?i)^(\s+\d{1,2})\s*h(\s|$)", r"\1:00\2"),
        (r"(?i)^(\s+\d{1,2}(?::\d{2}){1,2})\s*uhr\b", r"\1"),  # (German 14:05 Uhr)
    ):
        text = pc.replace_substring_regex(text, pattern, said)
    return pd.Series(pd.arrays.ArrowStringArray(text), index=rest.index, dtype=STRING)


def column_order(seen: dict) -> str | None:
    """The order a file's dates show (`day_month_dates`' `seen`): "dmy" or "mdy", None for neither or both."""
    told = [order for order in DATE_ORDERS if order in seen]
    return told[0] if len(told) == 1 else None


def date_note(seen: dict) -> str:
    """The note on what a file's dates showed: of their order, when it decided some or left some ambiguous, and of
    a full time in the `Time` column on another day than its date (`other_day_note`)."""
    central = (
        f"{seen['cst']!r} and the like read as US Central time (-06:00), as the file names CDT too"
        if "cst" in seen
        else ""
    )
    return ", ".join(x for x in (_order_note(seen), other_day_note(seen), central) if x)


def other_day_note(seen: dict) -> str:
    """The note on the first full time of a `Time` column (`2026-11-04 09:10`) on another day than its date, read
    as the post's time: `seen["other_day"]`, (time column, created_at's columns, value, position, date)."""
    if "other_day" not in seen:
        return ""
    clock, columns, value, where, date = seen["other_day"]
    dated = columns.removesuffix(f"+{clock}")
    return (
        f"{clock!r} holds times with their day, read as the posts' times, and {value!r} ({where}) is not on its "
        f"{dated!r} {date}: check which is right"
    )


def _order_note(seen: dict) -> str:
    """The note on what a file's dates showed of their order, when it decided some or left some ambiguous."""
    if "excel" in seen:
        system = " of the workbook's 1904 date system" if seen.get("1904") else ""
        return f"dates such as {seen['excel']} read as Excel day numbers{system}"
    order, said = column_order(seen), {"dmy": "day first", "mdy": "month first"}
    if order and "ambiguous" in seen:  # (read in chunks: the ambiguous ones came in a chunk before)
        return (
            f"dates read {said[order]}, as {seen[order]} shows, but {seen['ambiguous']} and the like before it "
            f"were rejected as ambiguous: say --date-order {order}"
        )
    if order and "read" in seen:
        return f"dates such as {seen['read']} read {said[order]}, as {seen[order]} shows"
    if "read" in seen:  # (read in chunks: a later chunk showed the other order; the first shown read them)
        first, other = (k for k in seen if k in DATE_ORDERS)
        rejected = f", and {seen['ambiguous']} and the like were rejected" if "ambiguous" in seen else ""
        return (
            f"dates such as {seen['read']} read {said[first]}, as {seen[first]} shows, but {seen[other]} is "
            f"{said[other]}{rejected}: check them, or say --date-order dmy or mdy"
        )
    if "ambiguous" in seen:
        why = f"{seen['dmy']} is day first but {seen['mdy']} month first" if "dmy" in seen else "no date shows which"
        return f"{why}, so {seen['ambiguous']} and the like were rejected: say --date-order dmy or mdy"
    return ""


def _guess_format(values: pd.Series) -> str | None:
    """The strptime format of one of the first distinct `values` ("Nov 2, 2026 10:00 AM", "2026-11-02
    10:00:33 UTC"), so that a column of them is parsed in C, not value by value (6 s a 100,000)."""
    from pandas.tseries.api import guess_datetime_format

    for value in values.drop_duplicates().head(10):
        kibana = " @ " in value  # Kibana's "Apr 3, 2026 @ 10:00:00.000": a date, " @ ", a time
        with warnings.catch_warnings():  # ("Parsing dates in %d DEC %Y %m:%M format when dayfirst=False": stderr)
            warnings.simplefilter("ignore", UserWarning)
            fmt = guess_datetime_format(value.replace(" @ ", " ", 1) if kibana else value)
        if fmt is not None and kibana:
            fmt = fmt.replace(" %H", " @ %H", 1)
        if fmt is None or re.search(r"%[md]\W%[md]\W%[Yy]", fmt):  # (day-month order: never guessed)
            continue
        # only a format that reads its own value as the slow parser does: pandas guessed `%d DEC %Y %m:%M` from `2
        # DEC 2026 12:40` (a month's name not in title case, and the hour taken for the month), which read it at
        # 00:40 and the column's `3 DEC 2026 07:15` as July 3
        if pd.to_datetime(value, format=fmt, utc=True, errors="coerce") == _parse_any(value, *_ANY_TIME):
            return fmt
    return None


def _parse_any(value: str, earliest: pd.Timestamp = EARLIEST, latest: pd.Timestamp = LATEST) -> pd.Timestamp:
    from email.utils import parsedate_to_datetime

    try:
        ts = pd.Timestamp(parsedate_to_datetime(value)).tz_convert("UTC")
        return ts if earliest <= ts < latest else pd.NaT
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    try:
        ts = pd.Timestamp(value.replace(" @ ", " ", 1))  # (Kibana's "Apr 3, 2026 @ 10:00:00.000")
    except (ValueError, OverflowError, TypeError):
        return pd.NaT
    if ts is pd.NaT:
        return pd.NaT
    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
    return ts if earliest <= ts < latest else pd.NaT


#: a count in thousands or millions (upper case, spaces out): `1.2K`, `3M`, and as Spanish, Portuguese, Italian and
#: German exports and apps write them, `1,2 mil` (es, pt), `1,2 mila` (it), `1,2 Tsd.`, `3 Mio.` (de), `3 mln` (it, nl),
#: Brazilian `1,2 mi` (milhão); English slang's `1.2 mil` is millions (`parse_counts`)
_SCALED = r"^(?P<number>\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?)(?P<unit>K|M|MI|MILA?|TSD\.?|MIO\.?|MLN)$"
_MILLIONS = pa.array(["M", "MI", "MIO", "MIO.", "MLN"])


def parse_counts(values: pd.Series, signed: bool = False, lang: pd.Series | None = None) -> pd.Series:
    """Counts like `12`, `12.0`, `1,234`, `1.234`, `1 234`, `1.2K`, `1,2K`, `3M`, `1,2 mil`, `3 Mio.` -> Int64;
    anything else (`12.5`, `1,5`, `lots`) -> NA. A count is a whole number, so a dot or comma before three digits
    groups thousands, also before a unit (`1.200 mil`: 1,200,000), and a decimal point or comma is read only before a
    unit (`_SCALED`). `signed` lets a plain
    integer be negative (likes: Reddit's score is upvotes less downvotes). `mil` is a thousand in Spanish and
    Portuguese (`1,2 mil`, Mexico's `1.2 mil`) and a million in English slang: millions where the post's `lang` (the
    schema's codes) is English and its number has no decimal comma, else thousands."""
    scaled = False  # 1.2K: a decimal before K or M is fine
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        # (to_numpy: pd.to_numeric of Arrow decimals with a null, as pd.read_parquet(dtype_backend="pyarrow") gives
        # a NUMERIC column, dropped the null, a ValueError "Length of values (2) does not match length of index (3)")
        num = pd.Series(values.to_numpy(dtype="float64", na_value=np.nan), index=values.index)
    elif (plain := _plain_integers(values)) is not None:  # the common case: digits only, in C, exact
        ok = pc.and_(pc.less(plain, 2**62), pc.greater(plain, -(2**62) if signed else -1))
        counts = pd.array(pc.if_else(ok, plain, None), dtype=pd.ArrowDtype(pa.int64()))
        return pd.Series(counts, index=values.index).astype("Int64")
    else:  # (Arrow's regexes, in C: pandas' str.extract ran Python's per value, 3.6 s a 500,000)
        # spaces group thousands too, also the no-break ones of French numbers
        arr = pa.array(values.astype(STRING), type=pa.large_string(), from_pandas=True)
        arr = pc.utf8_upper(pc.replace_substring_regex(arr, r"[\s\x{00A0}\x{2009}\x{202F}_]", ""))
        found = pc.extract_regex(arr, _SCALED)
        unit, number = pc.struct_field(found, "unit"), pc.struct_field(found, "number")
        scaled = pc.fill_null(pc.is_valid(found), False).to_numpy(zero_copy_only=False)
        millions = pc.fill_null(pc.is_in(unit, value_set=_MILLIONS), False)
        # (a dot or comma before three digits groups thousands there too: Spanish `1.200 mil` is 1,200,000; not before
        # English's `K` and `M`: `1.234M` is 1.234 million)
        grouped_number = pc.and_(
            pc.fill_null(pc.match_substring_regex(number, r"^\d{1,3}(?:[.,]\d{3})+$"), False),
            pc.invert(pc.fill_null(pc.is_in(unit, value_set=pa.array(["K", "M"])), False)),
        )
        if lang is not None and pc.any(pc.equal(unit, "MIL")).as_py():  # (English `1.2 mil`, `3 mil`: millions)
            english = pa.array(lang.astype(STRING).str.match(r"en\b").fillna(False).to_numpy(bool))
            comma = pc.match_substring_regex(pc.fill_null(number, ""), r",(?:\d{1,2}|\d{4,})$")  # (not 1,200's)
            slang = pc.and_(pc.and_(pc.fill_null(pc.equal(unit, "MIL"), False), english), pc.invert(comma))
            millions = pc.or_(millions, slang)
            # (English groups with commas alone: its `1.500 mil` is 1.5 million)
            grouped_number = pc.and_(grouped_number, pc.invert(pc.and_(slang, pc.match_substring(number, "."))))
        mult = np.where(scaled, np.where(millions.to_numpy(zero_copy_only=False), 1e6, 1e3), 1.0)
        grouped = pc.match_substring_regex(arr, r"^\d{1,3}(?:[.,]\d{3})+$")  # 1,234 / 1.234.567
        body = pc.if_else(pc.fill_null(grouped, False), pc.replace_substring_regex(arr, r"[.,]", ""), arr)
        thousands = pc.replace_substring_regex(number, r"[.,](\d{3})", r"\1")
        body = pc.if_else(scaled, pc.if_else(grouped_number, thousands, pc.replace_substring(number, ",", ".")), body)
        number = pc.match_substring_regex(body, r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:E[+-]?\d+)?$")  # (as pd.to_numeric)
        num = pc.cast(pc.if_else(pc.fill_null(number, False), body, None), pa.float64())
        num = pd.Series(num.to_numpy(zero_copy_only=False), index=values.index) * mult
        if values.dtype == object:  # a JSON number (`json_numbers`) or a frame's float is a number, not text: `1.234`
            cells = values.to_numpy()  # is no count, where the text `1.234` is 1,234
            floats = np.fromiter((isinstance(v, float) for v in cells), dtype=bool, count=len(cells))
            if floats.any():
                num[floats] = cells[floats].astype("float64")
                scaled = np.where(floats, False, scaled)
    ok = num.notna() & (scaled | (num % 1 == 0)) & ((num >= 0) | signed) & (num.abs() < 2**62)
    return pd.Series(np.round(num.where(ok)), index=values.index).astype("Int64")


def _plain_integers(values: pd.Series) -> pa.Array | None:
    """The counts when every value is a plain integer (Arrow's cast, nulls for empty cells); None when some is not."""
    try:
        arr = pa.array(values.astype(STRING), type=pa.large_string(), from_pandas=True)
        return pc.if_else(pc.equal(arr, ""), None, arr).cast(pa.int64())  # an empty cell is no count
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return None


def clean_ids(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Ids as exact strings. Returns (ids, bad) where bad marks ids a spreadsheet or float
    conversion already damaged (`5.70306E+17`): their digits are gone and cannot be recovered."""
    s = values.astype(STRING).str.strip()
    bad = pd.Series(False, index=s.index, dtype="boolean")
    numeric = s.str.match(r"[+-]?\d+[.eE]").fillna(False).to_numpy(bool)  # what a float makes of an id
    if numeric.any():  # the regexes below only there (a YouTube id holds an "e" too)
        fixed = s[numeric].str.replace(r"^(\d+)\.0+$", r"\1", regex=True)
        s = s.copy()
        s[numeric] = fixed
        # (a float writes the exponent's sign, 5.70306E+17; Reddit's base-36 1e23456 has none)
        bad[numeric] = fixed.str.fullmatch(r"[+-]?\d+(\.\d+)?[eE][+-]\d+").fillna(False)
    return s.where(s != ""), bad


def read_field(
    field: str,
    src: pd.Series,
    date_order: str | None = None,
    seen: dict | None = None,
    say: str = ORDER_OPTION,
    lang: pd.Series | None = None,
) -> tuple[pd.Series, pd.Series, object]:
    """The cells `src` of schema `field` as the schema's values, read as a file's are (the loaders' and, through
    `conform`, a frame's built by hand): (values, bad, why) where `bad` marks the cells that say something
    that cannot be read and `why(mask)` gives their reasons. `date_order` and `seen`: see `parse_timestamps`;
    `say`, how to give the order of an ambiguous date; `lang`, the posts' languages as read (a count's `1.2 mil` is
    millions in English, `parse_counts`)."""
    seen = {} if seen is None else seen
    if field not in ("text", "author", "url", "platform", "lang"):  # (words and names are as written: a user may
        src = no_value_markers(src)  # be "null"; platforms and languages: their few names, below)
    if field == "created_at":
        parsed = parse_timestamps(src, date_order, seen)
        if "excel" in seen and "dated" not in seen:  # Excel's 0 of an empty cell: no date, as an empty cell
            src = src.mask(excel_zeros(src))
        return parsed, _present(src, parsed.isna()), lambda m: _bad_time(src[m], date_order, seen, say)
    if field == "rating":
        return _ratings(src, seen)
    if field in COUNT_COLUMNS:
        parsed = parse_counts(src, signed=field == "likes", lang=lang)
        return parsed, _present(src, parsed.isna()), lambda m: f"bad {field} " + _quote(src[m])
    if field in ("post_id", "parent_id"):
        ids, bad = clean_ids(src)
        return ids, bad, lambda m: f"{field} " + _quote(src[m]) + " is in scientific notation, its digits are lost"
    s = src.astype(STRING)
    if field in ("platform", "lang"):  # (a few names, each made once: 1 ms a 100,000 posts, not 15)
        arr = pa.array(s, type=pa.large_string(), from_pandas=True)
        coded = pc.dictionary_encode(arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr)
        names = no_value_markers(pd.Series(coded.dictionary.to_pylist(), dtype=object)).str.strip().str.lower()
        if field == "platform":
            names = names.replace(PLATFORM_ALIASES)
        else:  # (`English`, `eng`, `pt_BR`: `en`, `en`, `pt-br`)
            names = names.replace(LANGUAGE_NAMES).map(language_code, na_action="ignore")
        names = pa.array(names.where(names != ""), type=pa.large_string(), from_pandas=True)
        s = pd.Series(pd.arrays.ArrowStringArray(names.take(coded.indices)), index=s.index, dtype=STRING)
    elif field != "text":
        s = s.where(~_blank(s))
    return s, pd.Series(False, index=s.index), ""


def _ratings(src: pd.Series, seen: dict) -> tuple[pd.Series, pd.Series, object]:
    """`read_field` of star ratings: whole or half stars (`4.5`, `4,5`, `★★★★☆`; `4.5/5`, `8/10`: `_out_of`) from 1
    to 5 (`RATING_RANGE`), from 0 where the column holds 0s and nothing above 5 (a 0 to 5 scale), decided on the
    values read so far (`seen`, a file's chunks before: `zero_stars`, `over_five`). A half star rejected its review as
    a `bad rating`, and a 0 to 5 column's 0s were rejected; a 6, a 4.3 or a 1000 (a score out of 10 written alone, an
    average, a percentage) still are."""
    src = _star_glyphs(src)
    if pd.api.types.is_numeric_dtype(src):
        num = pd.to_numeric(src, errors="coerce").astype("Float64")
    else:  # (in Arrow, in C; a comma before one or two digits is a decimal one, `4,5`, not `1,000`)
        arr = pc.utf8_trim_whitespace(pa.array(src.astype(STRING), type=pa.large_string(), from_pandas=True))
        if pc.any(pc.match_substring(arr, ",")).as_py():  # (the regex replace, slow, where it may change some)
            # (of one or two decimals: `1,000`, a thousand, was read as 1 star and kept)
            arr = pc.replace_substring_regex(arr, r"^([+-]?\d),(\d\d?)$", r"\1.\2")
        number = pc.match_substring_regex(arr, r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
        floats = pc.cast(pc.if_else(pc.fill_null(number, False), arr, None), pa.float64())
        num = pd.Series(pd.array(floats, dtype=pd.ArrowDtype(pa.float64())), index=src.index).astype("Float64")
    low, high = RATING_RANGE
    # (of the numbers written alone: a `6/5` is a bad rating out of 5, which said the column was no 0 to 5 scale)
    seen["over_five"] = seen.get("over_five", False) or bool((num > high).any())
    if not pd.api.types.is_numeric_dtype(src) and pc.any(pc.match_substring_regex(arr, _OUT_OF_WORD)).as_py():
        num = num.fillna(_out_of(pd.Series(arr.to_pandas(), index=src.index)))
    if (num == 0).any() and not seen["over_five"]:
        seen["zero_stars"] = True
    lowest = 0 if seen.get("zero_stars") else low
    v = num.to_numpy(dtype=float, na_value=np.nan)  # (numpy's: the masked Float64's ops were slower)
    with np.errstate(invalid="ignore"):
        off = pd.Series(~np.isnan(v) & ~((v >= lowest) & (v <= high) & (v * 2 % 1 == 0)), index=num.index)
    bad = _present(src, num.isna()) | off

    def why(m: pd.Series) -> pd.Series:
        shown = _quote(src[m]).radd("rating ")
        told = shown + f" is not {lowest} to {high} stars"
        told = told.mask(
            num[m].between(lowest, high).fillna(False).to_numpy(bool), shown + " is not a whole or half star"
        )
        return told.mask(num[m].isna().to_numpy(bool), "bad " + shown)

    return num.mask(off), bad, why


def _out_of(text: pd.Series) -> pd.Series:
    """Ratings written out of 5 or 10 (`4.5/5`, `8/10`, as review sites and scrapers write them; Amazon's `4.0 out of
    5 stars`) as stars out of 5 (`8/10` is 4, `7/10` 3.5): they were bad ratings, or the column was not read at all."""
    parts = text.str.extract(_OUT_OF)
    parts[0] = parts[0].fillna(parts[2]).str.replace(",", ".", regex=False)  # (`4,5 von 5 Sternen`: a decimal comma)
    parts[1] = parts[1].fillna("5")
    return (pd.to_numeric(parts[0], errors="coerce") * 5 / pd.to_numeric(parts[1], errors="coerce")).astype("Float64")


#: "out of" as Amazon's sites write it (`4,0 von 5 Sternen`, `4,0 sur 5 étoiles`, `4,0 de 5 estrellas`, `4,0 su 5
#: stelle`, `4,0 van 5 sterren`, `4,0 av 5 stjärnor`, `4,0 z 5 gwiazdek`; Japan's `5つ星のうち4.0`)
_OUT_OF_WORD = r"(?i)/|out of|\b(?:von|sur|de|su|van|av|z)\b|つ星のうち"
_OUT_OF = (
    r"(?i)^(?:(\d+(?:[.,]\d+)?)\s*(?:/|out of|von|sur|de|su|van|av|z)\s*(5|10)(?:[.,]0)?"
    r"(?:\s*(?:stars?|sternen?|étoiles?|estrellas?|estrelas?|stelle|sterren|stjärnor|gwiazdek))?"
    r"|5\s*つ星のうち\s*(\d(?:[.,]\d)?))$"
)


def _star_glyphs(src: pd.Series) -> pd.Series:
    """A rating written in stars (`★★★★☆`, `⭐⭐⭐⭐`, as review scrapers and sites write it) as its number of
    filled stars: it rejected the review as a `bad rating`."""
    if pd.api.types.is_numeric_dtype(src):
        return src
    arr = pa.array(src.astype(STRING), type=pa.large_string(), from_pandas=True)
    if not pc.any(pc.or_(pc.match_substring(arr, "★"), pc.match_substring(arr, "⭐"))).as_py():  # (the regex: slow)
        return src
    text = src.astype(STRING).str.strip()
    stars = text.str.fullmatch(r"[★☆⭐\uFE0F\s]+") & text.str.contains("[★⭐]")
    if not stars.fillna(False).any():
        return src
    return src.astype(object).mask(stars.fillna(False).to_numpy(bool), text.str.count("[★⭐]").astype(object))


def _present(src: pd.Series, missing: pd.Series) -> pd.Series:
    """Of the rows `missing` a parsed value, those whose source cell is not blank."""
    out = missing & src.notna()
    if out.any():
        out &= ~_blank(src.astype(STRING))
    return out


def to_posts(
    raw: pd.DataFrame,
    columns: dict[str, str],
    keep: tuple[str, ...] = (),
    date_order: str | None = None,
    seen: dict | None = None,
) -> tuple[pd.DataFrame, pd.Series]:
    """Build canonical posts from `raw` using {field: column}. Returns (posts, reasons) where
    `reasons` is a string Series, non-empty for rows that must be rejected. `date_order` ("dmy" or
    "mdy") reads dates like 02/11/2026, which are otherwise read in the order the column shows (`seen`:
    what the file's chunks before showed, see `day_month_dates`)."""
    seen = {} if seen is None else seen
    idx = raw.index
    reasons = pd.Series("", index=idx, dtype=object)

    def flag(mask: pd.Series, reason) -> None:
        flag_rows(reasons, mask, reason)

    data: dict[str, pd.Series] = {}
    for field in sorted(columns, key=lambda f: f != "lang"):  # (the language first: the counts' `mil` needs it)
        src = raw[columns[field]]
        if isinstance(src, pd.DataFrame):  # duplicated column name: the first one
            src = src.iloc[:, 0]
        data[field], bad, why = read_field(field, src, date_order, seen, lang=data.get("lang"))
        flag(bad, why)
    flag(no_text(data["text"]), "empty text")
    flag(gone_text(data["text"]), lambda rows: "text " + data["text"][rows].str.strip() + ": deleted or removed")
    if "url" in data:  # (a file without a platform column, or an empty cell of it: the link's host tells)
        named = data.get("platform")
        if named is None:
            data["platform"] = platforms_of_links(data["url"], seen)
        elif named.isna().any():
            data["platform"] = named.fillna(platforms_of_links(data["url"][named.isna()], seen))
    if "likes" in data:  # (after the platform, which a link may give)
        src = raw[columns["likes"]]
        src = src.iloc[:, 0] if isinstance(src, pd.DataFrame) else src
        flag(negative_likes(data["likes"], data.get("platform"), columns["likes"]), lambda m: unsigned_said(src[m]))
    if normalize_name(columns.get("post_id", "")) == "video_id" and "platform" in data and "author" in data:
        data["url"] = video_links(data)
    posts = schema_frame(data, idx)  # (read above: not read again)
    for col in keep:
        if col in raw.columns:
            posts[str(col)] = raw[col]  # (a plain name: analyze's are `Copied`)
    return posts, reasons


#: link shorteners of any site, which tell no platform: a scheduling tool's export (Buffer's `buff.ly`, Hootsuite's
#: `ow.ly`) gave its posts no platform without a word
SHORTENERS = frozenset(
    {"bit.ly", "buff.ly", "ow.ly", "tinyurl.com", "dlvr.it", "trib.al", "goo.gl", "is.gd", "rebrand.ly"}
)


def negative_likes(likes: pd.Series, platform: pd.Series | None, column: object) -> pd.Series:
    """Likes below zero that are no Reddit score (a post of `reddit`, or a column named `score`): a file's `likes` of
    -3 was read as -3 likes, where its shares and replies of -3 were rejected."""
    below = likes.lt(0).fillna(False).astype(bool)
    if not below.any() or normalize_name(column) == "score":
        return pd.Series(False, index=likes.index)
    reddit = platform.eq("reddit").fillna(False).astype(bool) if platform is not None else False
    return below & ~reddit


def unsigned_said(cells: pd.Series) -> pd.Series:
    """Why likes of `negative_likes` are refused."""
    return "bad likes " + _quote(cells) + ": not negative (only a Reddit score is)"


def platforms_of_links(urls: pd.Series, seen: dict | None = None) -> pd.Series:
    """The platform of each post by its link's host (`PLATFORM_HOSTS`: the domain or a subdomain of it), missing for
    another host; the `SHORTENERS` among those hosts added to `seen["short_links"]` (a note says they gave none)."""
    arr = pa.array(urls.astype(STRING), type=pa.large_string(), from_pandas=True)
    arr = arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr  # (a long file's column is chunked)
    found = pc.extract_regex(pc.utf8_trim_whitespace(arr), LINK_HOST)  # (not the whole link lowered)
    hosts = pc.dictionary_encode(pc.struct_field(found, "host"))  # (a few hosts, each looked up once)
    if seen is not None and (short := {h.lower() for h in hosts.dictionary.to_pylist()} & SHORTENERS):
        seen["short_links"] = sorted(short.union(seen.get("short_links", ())))
    names = pa.array([platform_of_host(h) for h in hosts.dictionary.to_pylist()], pa.large_string())
    return pd.Series(pd.arrays.ArrowStringArray(names.take(hosts.indices)), index=urls.index, dtype=STRING)


def video_links(data: dict[str, pd.Series]) -> pd.Series:
    """The posts' links (`data["url"]`, read), a TikTok video's without one made of its `Video ID` and its author's
    handle (`https://www.tiktok.com/@user/video/ID`, TikTok's own form): a TikTok tool's export had no link, and its
    posts, no id. A display name (`Nova App`) or an author left empty gives none."""
    url = data.get("url", pd.Series(None, index=data["post_id"].index, dtype=STRING))
    handle = data["author"].astype(STRING).str.removeprefix("@")
    ok = (
        data["platform"].eq("tiktok").fillna(False)
        & url.isna()
        & data["post_id"].astype(STRING).str.fullmatch(r"\d{15,20}").fillna(False)
        & handle.str.fullmatch(r"[A-Za-z0-9_.]{2,24}").fillna(False)
    )
    if not ok.any():
        return url
    return url.mask(ok, "https://www.tiktok.com/@" + handle + "/video/" + data["post_id"].astype(STRING))


def platform_of_host(host: str) -> str | None:
    """`PLATFORM_HOSTS`' platform of `host` or of the domain it is a subdomain of (`vm.tiktok.com`: tiktok; only the
    fixed `www.`, `m.`, `mobile.` and `old.` were read, so TikTok's share links and `np.reddit.com` had none)."""
    labels = host.lower().rstrip(".").split(".")
    return next((PLATFORM_HOSTS[d] for i in range(len(labels)) if (d := ".".join(labels[i:])) in PLATFORM_HOSTS), None)


def flag_rows(reasons: pd.Series, mask: pd.Series, reason) -> None:
    """Add to `reasons` (`to_posts`') `reason` (a string, or a function of the mask giving one per flagged row) where
    `mask`."""
    mask = mask.fillna(False).astype(bool)
    if mask.any():
        add = reason(mask) if callable(reason) else reason
        reasons.loc[mask] = np.where(reasons[mask] == "", add, reasons[mask] + "; " + add)


#: cells that say "no value": pandas' `astype(str)` (nan, None, NaT, <NA>), SQL dumps (NULL), Excel (#N/A), report
#: tools (N/A, -, and the dashes word processors and spreadsheets' autocorrect make of it: en dash, em dash). A count
#: or time of one rejected its post, and posts whose ids were "nan" were one post.
NO_VALUE = pa.array(
    ["nan", "NaN", "None", "NaT", "<NA>", "NULL", "null", "Null", "#N/A", "N/A", "n/a", "-", "\u2013", "\u2014"]
)


def no_value_markers(src: pd.Series) -> pd.Series:
    """`src` with the cells that say "no value" (`NO_VALUE`) missing."""
    if src.dtype.kind in "biufcmM" or not len(src):  # (numbers and times: Parquet's times as text took 8 us each)
        return src
    arr = pa.array(src.astype(STRING), type=pa.large_string(), from_pandas=True)
    # (padded too, as ids and counts are read: " None " was the id "None", and " N/A" rejected its post)
    hit = pc.is_in(pc.utf8_trim_whitespace(arr), value_set=NO_VALUE)
    hit = pc.fill_null(hit, False).to_numpy(zero_copy_only=False)
    return src.mask(hit) if hit.any() else src


#: characters that show nothing: spaces (Python's 29, as `str.isspace`), the zero-width ones (U+200B-U+200D, U+2060,
#: U+FEFF), direction marks (U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), the soft hyphen, the Mongolian vowel
#: separator, invisible operators (U+2061-U+2064), the combining grapheme joiner, and the Hangul fillers and the
#: blank Braille pattern posts are padded with to look empty or to hold blank lines
_INVISIBLE = (
    r"^[\pZ\t\n\v\f\r\x{1C}-\x{1F}\x{85}\x{200B}-\x{200F}\x{202A}-\x{202E}\x{2060}-\x{2064}\x{2066}-\x{2069}"
    r"\x{FEFF}\x{AD}\x{180E}\x{34F}\x{115F}\x{1160}\x{3164}\x{FFA0}\x{2800}]*$"
)


def no_text(text: pd.Series) -> pd.Series:
    """Which posts have no text (missing, empty, or nothing but spaces and characters that show nothing: a zero-width
    space, `_INVISIBLE`): the loaders reject them ("empty text"), and so does the library a frame's
    (`sources.read_frame`). Arrow's regex, in C (it stops at a value's first other character)."""
    arr = pa.array(text.astype(STRING), type=pa.large_string(), from_pandas=True)
    blank = pc.fill_null(pc.match_substring_regex(arr, _INVISIBLE), True).to_numpy(zero_copy_only=False)
    return pd.Series(blank, index=text.index)


#: what a platform leaves of a post or comment its author deleted or a moderator removed (Reddit's, copied into
#: exports and listening tools' files): read as a post, it was a neutral one of no brand, and a removed Reddit post's
#: title alone was answered first (its score and comments stay)
GONE_TEXTS = frozenset({"[deleted]", "[removed]", "[ Removed by Reddit ]"})


def gone_text(text: pd.Series) -> pd.Series:
    """Which posts' text is nothing but `GONE_TEXTS`: rejected as deleted or removed, so they are counted and said.
    (Stripped only where Arrow finds a "]": a chunk's texts are not copied.)"""
    arr = pa.array(text.astype(STRING), type=pa.large_string(), from_pandas=True)
    rows = np.flatnonzero(pc.fill_null(pc.match_substring(arr, "]"), False).to_numpy(zero_copy_only=False))
    out = np.zeros(len(text), dtype=bool)
    if len(rows):
        out[rows] = text.iloc[rows].astype(STRING).str.strip().isin(GONE_TEXTS).fillna(False).to_numpy(bool)
    return pd.Series(out, index=text.index)


def _blank(s: pd.Series) -> pd.Series:
    """Empty or whitespace only: `s.str.strip() == ""` without building the stripped strings (Arrow's
    is_space stops at a value's first other character; both know the same 29 spaces)."""
    return (s == "") | s.str.isspace()


def _bad_time(values: pd.Series, date_order: str | None, seen: dict, say: str = ORDER_OPTION) -> pd.Series:
    s = values.astype(STRING).str.strip()
    # (with what the column showed, as parsed: given an order, none are)
    ambiguous = day_month_dates(s, None, dict(seen))[1].to_numpy(bool) & (date_order is None)
    excel = s.str.fullmatch(_EXCEL_DAY).fillna(False).to_numpy(bool)
    # a time that reads but lies outside 1990-2099 says so: "bad created_at '1970-01-01'" told neither what was bad
    # nor why (the rows are few: parsed again)
    times = parse_timestamps(values, date_order, dict(seen), within=False)
    early = (times < EARLIEST).fillna(False).to_numpy(bool) & ~ambiguous
    late = (times >= LATEST).fillna(False).to_numpy(bool) & ~ambiguous
    why = "(refused as no post's time: a placeholder{}, or a time in a wrong unit)"
    # (a day and a month's name without a year, `lunes 7 de diciembre`: any year's, so none is taken, not even the
    # file's other dates' (a file of December and January posts); and a zone several go by, `CST`)
    yearless = no_year(s).to_numpy(bool) & ~ambiguous
    _, zone, _ = named_zones(pa.array(s, type=pa.large_string(), from_pandas=True), dict(seen))
    several = np.isin(zone, list(AMBIGUOUS_ZONES)) & ~ambiguous & ~yearless & ~early & ~late
    meant = pd.Series(zone, dtype=object).map(AMBIGUOUS_ZONES).fillna("").to_numpy(object)
    return pd.Series(
        np.where(
            ambiguous,
            "ambiguous created_at ",
            np.where(
                early | late | yearless,
                "created_at ",
                np.where(several, "ambiguous time zone in created_at ", "bad created_at "),
            ),
        )
        + _quote(s).to_numpy(object)
        + np.where(
            yearless, " has no year (a day and a month could be any year's): export the dates with their year", ""
        )
        + np.where(
            several, " (" + zone.astype(str) + ": " + meant + "): write its UTC offset instead, as in 14:35-06:00", ""
        )
        + np.where(ambiguous, f" (day or month first? {say})", "")
        + np.where(early, " is before 1990 " + why.format(" such as Unix time 0"), "")
        + np.where(late, " is after 2099 " + why.format(""), "")
        + np.where(
            excel & ~early & ~late,
            " (an Excel day number? read only when all the file's dates are ones of 1990-2099)",
            "",
        ),
        index=values.index,
    )


#: a day and a month's name (in the languages of `MONTH_NUMBERS`) without a year: `lunes 7 de diciembre`, `Montag, 7.
#: Dezember`, `7 déc. 14:05`, `7 Dez 14 Uhr`; the month's name first (`_YEARLESS_MONTH_FIRST`): `Dec 7`, `December 7,
#: 2:05 PM`, `Dec 7 14 Uhr` (an hour, not a 2-digit year: `Uhr` or AM/PM says so). Two patterns, not one of two
#: branches: `Dec 7 at 14 Uhr` took the first (a day `7` of a month `at`) and was no date without a year
_YEARLESS = r"^(?:[^\W\d_][\w-]*\.?,?\s+)?(?P<d>\d{1,2})(?:\.|er|º|°)?\s+(?:de\s+)?(?P<m>[^\W\d_]+)\b\.?(?:,?\s+.*)?$"
_YEARLESS_MONTH_FIRST = (
    r"^(?:[^\W\d_][\w-]*\.?,?\s+)?(?P<m>[^\W\d_]+)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?"
    r"(?:,?\s+'?(?P<y>\d{2})(?![\d:.h]|\s*(?i:uhr|[ap]\.?m)\b))?\b\.?(?:,?\s+.*)?$"
)


def no_year(values: pd.Series) -> pd.Series:
    """Which of `values` (strings) are a day and a month's name without a year (`_YEARLESS`, `_YEARLESS_MONTH_FIRST`):
    Python's regex, for the few rejected."""

    def month(parts: pd.DataFrame) -> pd.Series:
        return parts["m"].str.lower().str.rstrip(".").isin(MONTH_NUMBERS.keys())

    first = values.str.extract(_YEARLESS_MONTH_FIRST)
    four = values.str.contains(r"\d{4}", regex=True).fillna(True).astype(bool)
    out = (month(values.str.extract(_YEARLESS)) | (month(first) & first["y"].isna())) & ~four
    if out.any():  # (a 2-digit year: `7 Dez 26 25:00`, `Dec 7 26 25:00` are bad times, not dates without a year)
        out[out] = ~month_name_dates(values[out].fillna(""))[1].to_numpy(bool)
    return out


def _quote(values: pd.Series) -> pd.Series:
    return "'" + values.astype(STRING).fillna("").str.slice(0, 60) + "'"
