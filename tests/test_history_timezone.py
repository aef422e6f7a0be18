"""Reports, alerts and queue in the analyst's time zone (--tz, [report] timezone): expectations by hand.

The US leaves daylight saving on Sunday 2026-11-01 (02:00 EDT -> 01:00 EST) and enters it on Sunday
2026-03-08: New York is UTC-4 before 11-01 and UTC-5 after, so its midnight is 04:00Z, then 05:00Z.
"""

from __future__ import annotations

import csv
import json
import re
from zoneinfo import ZoneInfoNotFoundError

import pandas as pd
import pytest
from click.testing import CliRunner
from history_fixtures import config, daily_posts, enriched, post

import brandpulse.config
from brandpulse import store
from brandpulse.cli import main
from brandpulse.config import load_config
from brandpulse.errors import ConfigError
from brandpulse.report.build import build_report
from brandpulse.report.periods import Period, baseline_period, comparison_period, parse_time, resolve_period
from brandpulse.report.spikes import detect_spikes

NY = "America/New_York"


def Z(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


def test_a_week_is_monday_to_monday_on_the_zones_clock_and_167_or_169_hours_long():
    fall = resolve_period("week", until="2026-11-02", tz=NY)  # Mon 10-26 00:00 EDT .. Mon 11-02 00:00 EST
    assert (fall.start, fall.end) == (Z("2026-10-26T04:00"), Z("2026-11-02T05:00"))
    assert fall.end - fall.start == pd.Timedelta(hours=169)
    assert fall.label() == "2026-10-26 .. 2026-11-01"
    spring = resolve_period("week", since="2026-03-02", tz=NY)  # Mon 03-02 00:00 EST .. Mon 03-09 00:00 EDT
    assert (spring.start, spring.end) == (Z("2026-03-02T05:00"), Z("2026-03-09T04:00"))
    assert spring.end - spring.start == pd.Timedelta(hours=167)
    # the week after the change: the one before it is its comparison, 169 hours back, not 168
    week = resolve_period("week", until="2026-11-09", tz=NY)
    assert (week.start, week.end) == (Z("2026-11-02T05:00"), Z("2026-11-09T05:00"))
    assert comparison_period(week) == fall
    assert baseline_period(week, 2).start == Z("2026-10-19T04:00")
    day = resolve_period("day", until="2026-11-02", tz=NY)  # Sunday 11-01 has 25 hours
    assert (day.start, day.end, day.label()) == (Z("2026-11-01T04:00"), Z("2026-11-02T05:00"), "2026-11-01")
    month = resolve_period("month", now="2026-11-20", tz=NY)
    assert (month.start, month.end) == (Z("2026-10-01T04:00"), Z("2026-11-01T04:00"))


def test_the_last_complete_week_is_the_zones():
    # Sunday 2026-11-08 22:00 in New York is Monday 03:00 UTC: the week of 11-02 is not over there yet
    assert resolve_period("week", now="2026-11-09T03:00Z").label() == "2026-11-02 .. 2026-11-08"
    assert resolve_period("week", now="2026-11-09T03:00Z", tz=NY).label() == "2026-10-26 .. 2026-11-01"
    assert resolve_period("week", now="2026-11-09T05:00Z", tz=NY).label() == "2026-11-02 .. 2026-11-08"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-02", "2026-11-02T05:00"),  # a date without a zone: New York's midnight
        ("2026-11-02T09:30", "2026-11-02T14:30"),
        ("13/11/2026", "2026-11-13T05:00"),  # a day-month date too
        ("2026-10", "2026-10-01T04:00"),  # a month: its start, still EDT
        ("2026-11-02T00:00Z", "2026-11-02T00:00"),  # a zone given is kept
        ("2026-11-02T00:00+01:00", "2026-11-01T23:00"),
        ("1762646400", "2025-11-09T00:00"),  # epoch seconds are an instant
    ],
)
def test_dates_without_a_zone_are_read_in_the_zone(value, expected):
    assert parse_time(value, "--since", NY) == Z(expected)
    assert str(parse_time(value, "--since", NY).tz) == NY  # shown in New York's time


def test_an_unknown_zone_is_a_config_error_naming_it():
    for name in ("Mars/Base", "America", "", "../etc/passwd"):
        with pytest.raises(ConfigError, match="unknown time zone"):
            resolve_period("week", tz=name)
    assert resolve_period("week", until="2026-11-09", tz="utc") == resolve_period("week", until="2026-11-09")


def test_yesterday_and_times_back_from_now_are_read_by_the_zones_clock(far_east_clock):
    """`--since yesterday`, `--since 24h` and `--since "2 days ago"` were exit 5 in every command: a cron line
    needed `$(date -d yesterday +%F)`, its `%` escaped. Expectations by the standard library's clock, not pandas'."""
    from datetime import datetime, timedelta
    from datetime import time as clock
    from zoneinfo import ZoneInfo

    ny = ZoneInfo(NY)
    before = datetime.now(ny)
    got = {text: parse_time(text, "--since", NY) for text in ("yesterday", " Yesterday", "24h", "2 days ago", "7d")}
    got |= {text: parse_time(text, "--until", NY) for text in ("1 hour ago", "3 hours ago", "1 day ago", "36H")}
    after = datetime.now(ny)
    # New York's midnight of the day before (a machine 14 hours ahead of UTC is on another day already)
    assert got["yesterday"] == got[" Yesterday"]
    assert got["yesterday"] in {datetime.combine(t.date() - timedelta(days=1), clock(0), ny) for t in (before, after)}
    assert str(got["yesterday"].tz) == NY
    for text, hours in (("24h", 24), ("1 hour ago", 1), ("3 hours ago", 3), ("36H", 36)):
        assert before - timedelta(hours=hours) <= got[text] <= after - timedelta(hours=hours), text
    for text, days in (("2 days ago", 2), ("7d", 7), ("1 day ago", 1)):  # this time of day on New York's clock
        ends = [(t.replace(tzinfo=None) - timedelta(days=days)).replace(tzinfo=ny) for t in (before, after)]
        assert ends[0] <= got[text] <= ends[1], text


@pytest.mark.parametrize("text", ["30m", "2 weeks ago", "3w", "1y", "2 days", "-2d", "d", "10am"])
def test_a_time_back_from_now_in_other_units_is_refused_naming_those_taken(text):
    """`30m` (minutes or months?) was read by pandas as the year 30, "expected a date between the years 1678 and
    2261"."""
    with pytest.raises(ConfigError) as caught:
        parse_time(text, "--since", NY)
    assert str(caught.value) == (
        f"--since {text!r}: expected a date like 2026-11-09 or 2026-11-09T12:00, one of: now, today, yesterday, or "
        "a time back from now as 24h, 7d or '2 days ago'"
    )


def three_posts() -> pd.DataFrame:
    return enriched(
        [
            post(1, "2026-11-02T03:00Z", "A", "negative"),  # Sunday 11-01 22:00 EST: the week before
            post(2, "2026-11-02T06:00Z", "A", "positive"),  # Monday 11-02 01:00 EST
            post(3, "2026-11-09T04:30Z", "A", "neutral"),  # Sunday 11-08 23:30 EST: still this week
        ]
    )


def test_report_counts_posts_in_the_zones_week_and_days():
    week = resolve_period("week", until="2026-11-09", tz=NY)
    rep = build_report(three_posts(), config(), week, comparison_period(week))
    assert rep.posts == 2
    brands = rep.tables["brands"].set_index("brand")
    assert (brands.loc["A", "volume"], brands.loc["A", "volume_prev"]) == (2, 1)
    ts = rep.tables["timeseries"]
    a = ts[ts["brand"] == "A"]
    assert a["volume"].tolist() == [1, 0, 0, 0, 0, 0, 1]
    assert a["bucket"].iloc[0] == Z("2026-11-02T05:00") and a["bucket"].iloc[-1] == Z("2026-11-08T05:00")
    # in UTC the same week holds posts 1 and 2, both on Monday, and not post 3
    utc = build_report(three_posts(), config(), Period("2026-11-02", "2026-11-09"), None)
    assert utc.posts == 2 and utc.tables["timeseries"].query("brand == 'A'")["volume"].tolist()[:2] == [2, 0]


def test_day_buckets_are_calendar_days_across_the_dst_change():
    """Counted in 24-hour steps from Monday 10-26 04:00Z, Sunday 11-01 would end at 11-02 04:00Z, and a post
    at 04:30Z (23:30 EST on Sunday) would fall in an eighth bucket outside the week: lost."""
    rows = [post(1, "2026-11-02T04:30Z", "A", "negative"), post(2, "2026-11-01T03:30Z", "A", "neutral")]
    fall = resolve_period("week", until="2026-11-02", tz=NY)
    ts = build_report(enriched(rows), config(), fall, None).tables["timeseries"]
    a = ts[ts["brand"] == "A"]
    assert a["volume"].tolist() == [0, 0, 0, 0, 0, 1, 1]  # Saturday 23:30 EDT, Sunday 23:30 EST
    assert a["bucket"].iloc[-2:].tolist() == [Z("2026-10-31T04:00"), Z("2026-11-01T04:00")]


def test_hour_buckets_on_the_25_hour_day_keep_the_repeated_hour_apart():
    rows = [post(1, "2026-11-01T05:30Z", "A", "negative"), post(2, "2026-11-01T06:30Z", "A", "neutral")]
    day = resolve_period("day", until="2026-11-02", tz=NY)
    ts = build_report(enriched(rows), config(), day, None, bucket="hour").tables["timeseries"]
    a = ts[ts["brand"] == "A"].set_index("bucket")["volume"]
    assert len(a) == 25
    assert a[Z("2026-11-01T05:00")] == 1 and a[Z("2026-11-01T06:00")] == 1  # 01:30 EDT, then 01:30 EST


@pytest.fixture
def stored(tmp_path):
    db = tmp_path / "h.duckdb"
    store.ingest(db, three_posts())
    return db


def report(*args):
    return CliRunner().invoke(main, ["report", "--brand", "A", *args])


def test_report_tz_option_reads_since_as_local_midnight_and_keeps_utc_times_in_json(stored):
    result = report("--store", str(stored), "--since", "2026-11-02", "--tz", NY, "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["timezone"] == NY
    assert data["period"] == {
        "start": "2026-11-02T05:00:00Z",
        "end": "2026-11-09T05:00:00Z",
        "label": "2026-11-02 .. 2026-11-08",
    }
    assert data["compare"]["start"] == "2026-10-26T04:00:00Z"
    assert data["posts"] == 2
    assert data["tables"]["timeseries"][0]["bucket"] == "2026-11-02T05:00:00Z"  # an instant, not 00:00 with a Z
    csv = report("--store", str(stored), "--since", "2026-11-02", "--tz", NY, "--table", "timeseries")
    assert csv.stdout.splitlines()[1].startswith("2026-11-02T05:00:00Z,A,1,")


def test_report_zone_from_the_config_and_the_option_over_it(stored, tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text(f'[brands.A]\nterms = ["A"]\n\n[report]\ntimezone = "{NY}"\n')
    args = ["report", "--store", str(stored), "-c", str(cfg), "--until", "2026-11-09", "-f", "md"]
    local = CliRunner().invoke(main, args)
    assert local.exit_code == 0, local.stderr
    assert "times in America/New_York" in local.stdout
    assert "**2026-11-02 .. 2026-11-08: 2 posts (+1 vs 2026-10-26 .. 2026-11-01)" in local.stdout
    utc = CliRunner().invoke(main, [*args, "--tz", "UTC"])
    assert "times in UTC" in utc.stdout
    assert "**2026-11-02 .. 2026-11-08: 2 posts (+2 vs 2026-10-26 .. 2026-11-01)" in utc.stdout  # (none before)


def test_the_terminal_report_names_its_zone_also_without_a_comparison(stored):
    """With `--compare none` the table report said nothing of its zone (the line came with the comparison)."""
    result = report("--store", str(stored), "--until", "2026-11-09", "--tz", NY, "--compare", "none", "-f", "table")
    assert result.exit_code == 0, result.stderr
    assert "no comparison period; times in America/New_York" in result.stdout


@pytest.mark.parametrize("command", ["report", "alerts", "queue"])
def test_an_unknown_zone_is_exit_5_in_one_line(stored, tmp_path, command):
    bad = CliRunner().invoke(main, [command, "--store", str(stored), "--brand", "A", "--tz", "Mars/Base"])
    assert bad.exit_code == 5
    assert bad.stderr == (
        "brandpulse: error: --tz 'Mars/Base': unknown time zone (expected an IANA name such as America/New_York,"
        " or UTC)\n"
    )
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.A]\nterms = ["A"]\n[report]\ntimezone = "Europe/Pariss"\n')
    bad = CliRunner().invoke(main, [command, "--store", str(stored), "-c", str(cfg)])
    assert bad.exit_code == 5
    assert bad.stderr.startswith(f"brandpulse: error: {cfg}: [report] timezone 'Europe/Pariss': unknown time zone")
    assert bad.stderr.count("\n") == 1


@pytest.mark.parametrize("command", ["report", "alerts", "queue"])
def test_a_mistyped_zone_suggests_the_close_one(stored, tmp_path, command):
    """`--tz Europe/Londn` said "unknown time zone" alone; `queue --for-brand` suggested the close name."""
    bad = CliRunner().invoke(main, [command, "--store", str(stored), "--brand", "A", "--tz", "Europe/Londn"])
    assert bad.exit_code == 5
    assert bad.stderr == (
        "brandpulse: error: --tz 'Europe/Londn': unknown time zone, did you mean Europe/London? (expected an IANA"
        " name such as America/New_York, or UTC)\n"
    )
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.A]\nterms = ["A"]\n[report]\ntimezone = "paris"\n')  # (a city, in lower case)
    bad = CliRunner().invoke(main, [command, "--store", str(stored), "-c", str(cfg)])
    assert bad.exit_code == 5
    assert bad.stderr.startswith(
        f"brandpulse: error: {cfg}: [report] timezone 'paris': unknown time zone, did you mean Europe/Paris? ("
    )


@pytest.mark.parametrize(
    ("given", "meant"),
    [
        ("New York", "America/New_York"),
        ("america/new york", "America/New_York"),
        ("Buenos Aires", "America/Buenos_Aires"),
    ],
)
def test_a_zone_written_with_spaces_suggests_its_name(given, meant):
    """A city as people write it, with a space (`New York`), was "unknown time zone" and no more: the zones' names
    spell their spaces `_`."""
    with pytest.raises(ConfigError) as err:
        brandpulse.config.zone(given)
    assert f"unknown time zone, did you mean {meant}?" in str(err.value)


def spike_late_on_a_new_york_evening() -> pd.DataFrame:
    """A: 10 posts a day at 10:00Z from 10-08; 30 more at 2026-10-23T02:00Z, which is 22:00 EDT on 10-22."""
    rows = daily_posts("A", "2026-10-08", 16, 10, 0)
    rows += [post(1000 + i, "2026-10-23T02:00Z", "A", "neutral") for i in range(30)]
    return enriched(rows)


def test_alert_days_are_the_zones_days():
    df = spike_late_on_a_new_york_evening()
    # 14 days of 10 before: median 10, MAD 0, threshold 10 + 4 * sqrt(10) = 22.65; the 22nd has 10 + 30
    (alert,) = detect_spikes(df, Z("2026-10-22T04:00"), Z("2026-10-23T04:00"), config=config(), tz=NY)
    assert (alert.kind, alert.volume, alert.baseline, round(alert.threshold, 2)) == ("volume", 40, 10, 22.65)
    assert alert.start == Z("2026-10-22T04:00") and alert.when == "2026-10-22"
    assert alert.key == "volume:A:day:2026-10-22T04:00Z"  # the bucket's instant, in UTC
    assert alert.to_dict()["start"] == "2026-10-22T04:00:00Z"
    # in UTC, the 22nd is an ordinary day and the 30 posts are the 23rd's
    assert detect_spikes(df, Z("2026-10-22"), Z("2026-10-23"), config=config()) == []
    (utc,) = detect_spikes(df, Z("2026-10-23"), Z("2026-10-24"), config=config())
    assert (utc.start, utc.volume) == (Z("2026-10-23"), 40)


def test_hour_alerts_say_the_zones_hour():
    rows = [post(i, f"2026-10-22T{h:02d}:10Z", "A", "neutral") for h in range(24) for i in range(h * 100, h * 100 + 2)]
    rows += [post(5000 + i, "2026-10-23T02:20Z", "A", "neutral") for i in range(20)]
    (alert,) = detect_spikes(
        enriched(rows), Z("2026-10-23T02:00"), Z("2026-10-23T03:00"), bucket="hour", config=config(), window=12, tz=NY
    )
    assert (alert.volume, alert.when) == (20, "2026-10-22 22:00 America/New_York")
    assert alert.key == "volume:A:hour:2026-10-23T02:00Z"


def test_alerts_cli_checks_the_25_hour_sunday_in_new_york(tmp_path):
    """Sunday 2026-11-01 in New York runs from 04:00Z to 05:00Z the next day: 20 posts at 04:30Z on the 2nd
    are its evening (23:30 EST), and with its 10 of 10:00Z make a spike."""
    rows = daily_posts("A", "2026-10-18", 15, 10, 0)
    rows += [post(1000 + i, "2026-11-02T04:30Z", "A", "neutral") for i in range(20)]
    db = tmp_path / "h.duckdb"
    store.ingest(db, enriched(rows))
    args = ["alerts", "--store", str(db), "--brand", "A", "--since", "2026-11-01", "--until", "2026-11-02"]
    fired = CliRunner().invoke(main, [*args, "--tz", NY])
    assert fired.exit_code == 3, fired.stderr
    assert fired.stdout == "A: volume spike on 2026-11-01: 30 posts (usual 10, alert above 22.6); 0 negative\n"
    assert "checked 2026-11-01 00:00 .. 2026-11-02 00:00 America/New_York per day: 1 new alert" in fired.stderr
    utc = CliRunner().invoke(main, [*args, "--tz", "UTC"])  # the 20 posts are Monday's in UTC
    assert utc.exit_code == 0 and utc.stdout == "", utc.stderr
    assert "checked 2026-11-01 00:00 .. 2026-11-02 00:00 UTC per day: 0 new alerts" in utc.stderr


def test_queue_since_is_local_midnight_and_its_times_stay_utc(tmp_path):
    rows = [post(1, "2026-11-02T03:00Z", "A", "negative"), post(2, "2026-11-02T06:00Z", "A", "negative")]
    db = tmp_path / "h.duckdb"
    store.ingest(db, enriched(rows))
    args = ["queue", "--store", str(db), "--brand", "A", "--since", "2026-11-02", "--now", "2026-11-03", "-f", "csv"]
    local = CliRunner().invoke(main, [*args, "--tz", NY])
    assert local.exit_code == 0, local.stderr
    lines = local.stdout.splitlines()
    assert len(lines) == 2 and ",2026-11-02T06:00:00Z," in lines[1]
    assert next(csv.DictReader(lines))["post_id"] == "2"
    assert "1 post to answer since 2026-11-02 00:00 America/New_York" in local.stderr
    utc = CliRunner().invoke(main, args)  # from 00:00Z: post 1 (22:00 in New York the day before) too
    assert len(utc.stdout.splitlines()) == 3
    assert "2 posts to answer since 2026-11-02 00:00 UTC" in utc.stderr


def test_the_queues_default_week_is_seven_days_of_the_zones_clock(tmp_path):
    """Without --since the queue went 168 hours back: from Monday 11-02 00:00 EST that is Monday 10-26 01:00
    EDT, so a complaint at 00:30 that night was in no weekly queue. 7 days back is 10-26 00:00 (04:00Z)."""
    rows = [post(1, "2026-10-26T03:30Z", "A", "negative"), post(2, "2026-10-26T04:30Z", "A", "negative")]
    db = tmp_path / "h.duckdb"
    store.ingest(db, enriched(rows))
    args = ["queue", "--store", str(db), "--brand", "A", "--now", "2026-11-02", "-f", "csv", "--tz", NY]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()  # post 1 is Sunday 10-25 23:30 in New York: the week before
    assert len(lines) == 2 and ",2026-10-26T04:30:00Z," in lines[1]
    assert next(csv.DictReader(lines))["post_id"] == "2"
    assert "1 post to answer since 2026-10-26 00:00 America/New_York" in result.stderr


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ("[report]\ntimezone = 5\n", '[report] timezone must be a string, such as "America/New_York"'),
        ("[report]\ntimezon = 'UTC'\n", "[report]: unknown key 'timezon' (known: timezone)"),
        (
            "report = 'UTC'\n",
            "[report] must be a table: write [report] on a line of its own, its settings on the lines below",
        ),
    ],
)
def test_a_bad_report_section_is_a_config_error_naming_the_file(tmp_path, section, message):
    cfg = tmp_path / "c.toml"
    cfg.write_text(section)
    with pytest.raises(ConfigError) as err:
        load_config(cfg)
    assert str(err.value) == f"{cfg}: {message}"


def test_a_zone_without_posts_gives_empty_buckets_and_no_alerts():
    none = enriched([post(1, "2026-10-01T10:00Z", "A", "neutral")]).iloc[:0]
    week = resolve_period("week", until="2026-11-02", tz=NY)
    ts = build_report(none, config(), week, None).tables["timeseries"]
    assert ts[ts["brand"] == "A"]["bucket"].tolist()[-1] == Z("2026-11-01T04:00") and ts["volume"].sum() == 0
    assert detect_spikes(none, week.start, week.end, config=config(), tz=NY) == []


def test_the_25_hour_day_is_still_a_day_reported_by_the_hour(stored):
    result = report("--store", str(stored), "--period", "day", "--until", "2026-11-02", "--tz", NY, "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["bucket"] == "hour" and data["period"]["label"] == "2026-11-01"
    hours = [r["bucket"] for r in data["tables"]["timeseries"] if r["brand"] == "A"]
    assert (len(hours), hours[0], hours[-1]) == (25, "2026-11-01T04:00:00Z", "2026-11-02T04:00:00Z")
    assert data["posts"] == 1  # post 1, 22:00 EST


def test_utc_needs_no_time_zone_database(monkeypatch):
    """On a system without /usr/share/zoneinfo and without the tzdata package, ZoneInfo("UTC") fails too:
    the default, UTC, must not need it, or every report and alert would stop there."""

    def no_database(key):
        raise ZoneInfoNotFoundError(f"No time zone found with key {key}")

    monkeypatch.setattr(brandpulse.config, "ZoneInfo", no_database)
    assert resolve_period("week", until="2026-11-09").label() == "2026-11-02 .. 2026-11-08"
    assert build_report(three_posts(), config(), Period("2026-11-02", "2026-11-09"), None).posts == 2
    with pytest.raises(ConfigError, match="unknown time zone"):
        resolve_period("week", tz=NY)


BERLIN = "Europe/Berlin"


@pytest.mark.parametrize(
    ("day", "times", "expected", "posted"),
    [
        # daylight saving ends: 02:00 twice, a post in each (00:30Z is 02:30 CEST, 01:30Z 02:30 CET)
        (
            "2026-10-25",
            ["2026-10-25T00:30Z", "2026-10-25T01:30Z"],
            {"02:00 CEST": "1", "02:00 CET": "1"},
            {"02:30 CEST", "02:30 CET"},
        ),
        # it begins: 02:00 skipped, 00:30Z is 01:30 CET, 01:30Z 03:30 CEST
        (
            "2026-03-29",
            ["2026-03-29T00:30Z", "2026-03-29T01:30Z"],
            {"01:00 CET": "1", "03:00 CEST": "1"},
            {"01:30 CET", "03:30 CEST"},
        ),
    ],
)
def test_the_html_report_of_a_dst_day_has_each_hour_once_named_by_its_zone(tmp_path, day, times, expected, posted):
    """Drawn on the clock, the repeated 02:00 was one point for two hours: the daily cron report failed with
    "Index contains duplicate entries, cannot reshape"."""
    db, out = tmp_path / "h.duckdb", tmp_path / "day.html"
    store.ingest(db, enriched([post(i, t, "A", "negative") for i, t in enumerate(times)]))
    args = ["--store", str(db), "--since", day, "--period", "day", "--tz", BERLIN, "--bucket", "hour", "-o", str(out)]
    result = report(*args)
    assert result.exit_code == 0, result.output
    page = out.read_text()
    hour = rf'<th scope="row" class="when"><span class="when">{day}</span> (\d\d:\d\d \w+)</th>'
    rows = dict(re.findall(rf'{hour}<td class="n">(\d+)</td>', page))
    assert len(rows) == (25 if day.endswith("25") else 23)  # both tables' rows, each hour once
    assert {k: rows[k] for k in expected} == expected and sum(map(int, rows.values())) == 2
    # the charts' dates, labelled on the zone's clock
    ticks = re.findall(r"rotate\(-45\)\">(\d\d:\d\d \w+)</text>", page)
    assert ticks and set(ticks) <= set(rows)
    # the posts' times too, in the posts tables (they were "02:30" twice)
    assert (
        set(
            re.findall(
                rf'class="when" data-label="when"><span class="when">{day}</span> ([^<]+)</th><td class="text"', page
            )
        )
        == posted
    )
