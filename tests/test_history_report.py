"""The period-over-period report: numbers checked by hand on ten posts, periods, emerging terms, formats."""

from __future__ import annotations

import csv
import io
import json
import math
import re
import shutil
import subprocess
from html.parser import HTMLParser

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner
from history_fixtures import CONFIG_TOML, a_writer_gets, config, copy_store, enriched, post, ten_posts

from brandpulse import store
from brandpulse.cli import main
from brandpulse.cli.history import NEVER_NAMED
from brandpulse.errors import ConfigError, on_the_command_line
from brandpulse.report import emerging
from brandpulse.report.build import TABLES, build_report
from brandpulse.report.emerging import emerging_terms, term_document_counts
from brandpulse.report.html import render_html
from brandpulse.report.markdown import render_markdown
from brandpulse.report.periods import Period, baseline_period, comparison_period, parse_time, resolve_period
from brandpulse.report.present import sections, table_key

T = pd.Timestamp
WEEK = Period(T("2026-11-02", tz="UTC"), T("2026-11-09", tz="UTC"))


@pytest.fixture
def rep():
    return build_report(ten_posts(), config(), WEEK, comparison_period(WEEK), top=2)


def test_a_period_of_hours_is_labelled_with_its_hours():
    """A report of a crisis' morning said "2026-10-20: 193 posts (+183 vs 2026-10-20)", both periods one label."""
    morning = resolve_period("day", since="2026-10-20T06:00Z", until="2026-10-20T09:00Z")
    assert morning.label() == "2026-10-20 06:00 .. 09:00"
    assert comparison_period(morning).label() == "2026-10-20 03:00 .. 06:00"
    assert Period(T("2026-10-19T22:00Z"), T("2026-10-20T02:00Z")).label() == "2026-10-19 22:00 .. 2026-10-20 02:00"
    # on the zone's clock: New York's 02:00 is 06:00 UTC
    assert Period(T("2026-10-20T06:00Z"), T("2026-10-20T09:00Z"), "America/New_York").label() == (
        "2026-10-20 02:00 .. 05:00"
    )
    # whole days keep their dates, the last one whole, also in a zone (a day of 25 hours)
    assert Period(T("2026-11-01T04:00Z"), T("2026-11-02T05:00Z"), "America/New_York").label() == "2026-11-01"


def test_a_day_whose_clock_skips_midnight_is_labelled_with_its_date():
    """Cairo's clocks go from 00:00 to 01:00 on 2026-04-24 (Santiago's on 2026-09-06): that day begins at 01:00, and
    its report was labelled "2026-04-24 01:00 .. 2026-04-25 00:00", as if it were some hours of it."""
    day = resolve_period("day", since="2026-04-24", until="2026-04-25", tz="Africa/Cairo")
    assert day.start == T("2026-04-23T22:00Z")  # (01:00 +03:00: the day's first instant)
    assert day.label() == "2026-04-24"
    week = resolve_period("week", since="2026-09-06", until="2026-09-13", tz="America/Santiago")
    assert week.label() == "2026-09-06 .. 2026-09-12"
    # a period of hours that day is still labelled with its times
    hours = Period(T("2026-04-23T22:00Z"), T("2026-04-24T01:00Z"), "Africa/Cairo")
    assert hours.label() == "2026-04-24 01:00 .. 04:00"


def test_periods_rules():
    assert resolve_period("week", until="2026-11-09") == WEEK
    # default: the last complete ISO week before --now (Wednesday 2026-11-11 -> Monday 11-02 .. Sunday 11-08)
    assert resolve_period("week", now="2026-11-11T15:00") == WEEK
    assert resolve_period("week", now="2026-11-09T00:00") == WEEK
    assert resolve_period("day", now="2026-11-09T05:00") == Period(T("2026-11-08", tz="UTC"), T("2026-11-09", tz="UTC"))
    month = resolve_period("month", now="2026-11-20")
    assert (month.start, month.end) == (T("2026-10-01", tz="UTC"), T("2026-11-01", tz="UTC"))
    assert resolve_period("week", since="2026-11-02", until="2026-11-05").length == pd.Timedelta(days=3)
    assert comparison_period(WEEK) == Period(T("2026-10-26", tz="UTC"), T("2026-11-02", tz="UTC"))
    assert comparison_period(WEEK, "none") is None
    assert comparison_period(WEEK, "2026-01-01..2026-01-08").start == T("2026-01-01", tz="UTC")
    assert WEEK.label() == "2026-11-02 .. 2026-11-08"
    with pytest.raises(ConfigError, match="not before"):
        resolve_period("week", since="2026-11-09", until="2026-11-02")
    with pytest.raises(ConfigError, match="expected a date"):
        resolve_period("week", until="next tuesday")
    # day-month dates as the loaders read them: dots day first, 13 can only be a day, 02/11 is an error
    assert resolve_period("week", since="02.11.2026", until="13/11/2026") == Period(
        T("2026-11-02", tz="UTC"), T("2026-11-13", tz="UTC")
    )
    with pytest.raises(ConfigError, match=r"--until '02/11/2026': day or month first\? Write the date as YYYY-MM-DD"):
        resolve_period("week", until="02/11/2026")


def test_a_storm_night_is_compared_with_the_same_hours_a_week_before():
    """A utility's incident call compares the storm night (Friday 18:00 to Saturday 08:00) with the same hours of the
    week before: `--compare week-before`, where it took both ends of last week's night written out by hand (and
    `previous` gave the 14 hours just before, Friday's daytime). On the zone's clock, also over the night the clocks
    went back (America/Chicago, 2026-11-01: the night a week before is an hour longer)."""
    night = resolve_period("day", since="2026-12-04T18:00", until="2026-12-05T08:00", tz="America/Chicago")
    before = comparison_period(night, "week-before")
    assert before.label() == "2026-11-27 18:00 .. 2026-11-28 08:00"
    assert (before.start, before.end) == (T("2026-11-28T00:00Z"), T("2026-11-28T14:00Z"))
    changed = resolve_period("day", since="2026-11-07T18:00", until="2026-11-08T08:00", tz="America/Chicago")
    assert (comparison_period(changed, "week-before").start, comparison_period(changed, "week-before").end) == (
        T("2026-10-31T23:00Z"),
        T("2026-11-01T14:00Z"),
    )
    with pytest.raises(ConfigError, match="expected previous, week-before, none or SINCE..UNTIL"):
        comparison_period(night, "last-week")


def test_week_before_of_a_period_longer_than_a_week_is_an_error(tmp_path):
    """`report --since 2026-11-01 --until 2026-11-15 --compare week-before` compared 11-01 .. 11-14 with 10-25 .. 11-07,
    a week of it the period's own posts: every change was half of itself. A period longer than a week is a config
    error (exit 5) naming the options that compare it; a week or less is compared as before (a week's is `previous`)."""
    fortnight = resolve_period("day", since="2026-11-01", until="2026-11-15", tz="America/Chicago")
    with pytest.raises(ConfigError, match="2026-11-01 .. 2026-11-14 is longer than a week"):
        comparison_period(fortnight, "week-before")
    week = resolve_period("day", since="2026-11-01T00:00", until="2026-11-08T00:00", tz="America/Chicago")
    assert comparison_period(week, "week-before").label() == comparison_period(week).label()
    store_path = tmp_path / "h.duckdb"
    store.ingest_posts(store_path, enriched([post(1, T("2026-11-05T10:00Z"), "Skyway", "neutral")]))
    args = ["report", "--store", str(store_path), "--since", "2026-11-01", "--until", "2026-11-15"]
    result = CliRunner().invoke(main, [*args, "--compare", "week-before", "-f", "json"])
    assert (result.exit_code, result.stdout) == (5, "")
    assert "is longer than a week, so the same hours 7 days before overlap it" in result.stderr


def test_a_since_until_month_apart_is_a_month_whatever_the_period():
    """`report --since 2026-10-01 --until 2026-11-01` (no --period: week) was compared with 08-31 .. 09-30, the 31
    days before it, where the docs say a --since and --until a calendar month apart is a month: September."""
    for period in ("week", "day", "month"):
        october = resolve_period(period, since="2026-10-01", until="2026-11-01")
        assert comparison_period(october) == Period(T("2026-09-01", tz="UTC"), T("2026-10-01", tz="UTC"))
        assert baseline_period(october).start == T("2026-06-01", tz="UTC")
        # January after December, over the year's end, in a zone
        january = resolve_period(period, since="2027-01-01", until="2027-02-01", tz="Europe/Berlin")
        december = comparison_period(january)
        assert (december.start, december.end) == (T("2026-11-30T23:00", tz="UTC"), T("2026-12-31T23:00", tz="UTC"))
    # a week stays a week: the 7 days before
    assert comparison_period(resolve_period("day", since="2026-11-02", until="2026-11-09")).start == T(
        "2026-10-26", tz="UTC"
    )


def test_a_month_is_compared_with_the_calendar_month_before(tmp_path):
    """October was compared with 2026-08-31 .. 09-30, the 31 days before it, and its emerging-terms baseline
    was 124 days: a user asking for a month expects September, as a week is compared with the week before."""
    october = resolve_period("month", now="2026-11-15")
    assert comparison_period(october) == Period(T("2026-09-01", tz="UTC"), T("2026-10-01", tz="UTC"))
    assert baseline_period(october).start == T("2026-06-01", tz="UTC")  # June .. September
    # --until and --since a month apart are a month too; September (30 days) is compared with August (31)
    september = resolve_period("month", until="2026-10-01")
    assert comparison_period(september) == Period(T("2026-08-01", tz="UTC"), T("2026-09-01", tz="UTC"))
    assert comparison_period(resolve_period("month", since="2026-10-01", until="2026-11-01")) == comparison_period(
        october
    )
    # in a zone: New York's September, 04:00Z (EDT) to 04:00Z
    ny = comparison_period(resolve_period("month", until="2026-11-01", tz="America/New_York"))
    assert (ny.start, ny.end) == (T("2026-09-01T04:00", tz="UTC"), T("2026-10-01T04:00", tz="UTC"))
    # any other range keeps its length: 2026-10-01 .. 10-10 (9 days) after 09-22 .. 09-30
    assert comparison_period(resolve_period("month", since="2026-10-01", until="2026-10-10")).start == T(
        "2026-09-22", tz="UTC"
    )
    # the report's figures: a post on 08-31 (in the 31 days before October, not in September) and two in September
    posts = enriched(
        [
            post(1, "2026-08-31T12:00Z", "A", "negative"),
            post(2, "2026-09-01T00:00Z", "A", "positive"),
            post(3, "2026-09-30T23:59Z", "A", "positive"),
            post(4, "2026-10-15T12:00Z", "A", "positive"),
        ]
    )
    rep = build_report(posts, config(), october, comparison_period(october))
    a = rep.tables["brands"].set_index("brand").loc["A"]
    assert (a["volume"], a["volume_prev"], a["nss_prev"]) == (1, 2, 100.0)
    assert rep.compare.label() == "2026-09-01 .. 2026-09-30"


def test_months_of_different_lengths_are_compared_by_posts_per_day(tmp_path):
    """March's 31 posts, one a day, were "+3 (+11%)" against February's 28, one a day too: a month of more days looked
    like a rise. Changes in % of volume are of posts per day when the periods differ in length (counts stay counts),
    in every table and format, and a note says so (not on stderr with -q, as a monthly cron job's most months)."""
    days = [*pd.date_range("2026-02-01T10:00Z", periods=28), *pd.date_range("2026-03-01T10:00Z", periods=31)]
    (tmp_path / "p.csv").write_text(
        "id,created_at,text\n" + "".join(f"{i},{d:%Y-%m-%dT%H:%M:%SZ},Acme was late\n" for i, d in enumerate(days))
    )
    (tmp_path / "c.toml").write_text('[brands.Acme]\nterms = ["Acme"]\n')
    args = ["report", str(tmp_path / "p.csv"), "-c", str(tmp_path / "c.toml"), "--period", "month"]
    args += ["--until", "2026-04-01", "-f", "json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    acme = next(r for r in data["tables"]["brands"] if r["brand"] == "Acme")
    assert (acme["volume"], acme["volume_prev"], acme["volume_change"], acme["volume_change_pct"]) == (31, 28, 3, 0.0)
    late = next(r for r in data["tables"]["topics"] if r["topic"] == "delays")
    assert (late["volume_change"], late["volume_change_pct"]) == (3, 0.0)
    note = (
        "volume changes in % are of posts per day: 2026-03-01 .. 2026-03-31 is 31 days long, 2026-02-01 .. 2026-02-28"
        " 28 days (changes in posts are counts)"
    )
    assert note in data["notes"] and f"note: {note}" in " ".join(result.stderr.split())
    md = CliRunner().invoke(main, [*args[:-1], "md", "-q"])
    assert md.stderr == ""
    assert "| Acme | 31 | +3 (+0%) |" in md.stdout
    # (topics: no growth per day, none in Topic growth; "was late" is negative since stop 57: NSS -100 both months)
    assert "| delays | 31 | -100.0 | +3 | +0.0 |" in md.stdout
    assert data["tables"]["topic_growth"] == [] and "Topics that grew most" not in md.stdout
    assert "(Δ NSS and Δ SoV in points; Δ volume's % of posts per day)" in md.stdout
    # 40 posts in March, 28 in February: 40 / 31 a day against 1 a day, +29.0 % (not +42.9 %)
    more = [*days, *pd.date_range("2026-03-01T11:00Z", periods=9)]
    (tmp_path / "p.csv").write_text(
        "id,created_at,text\n" + "".join(f"{i},{d:%Y-%m-%dT%H:%M:%SZ},Acme was late\n" for i, d in enumerate(more))
    )
    data = json.loads(CliRunner().invoke(main, args).stdout)
    acme = next(r for r in data["tables"]["brands"] if r["brand"] == "Acme")
    assert (acme["volume_change"], acme["volume_change_pct"]) == (12, 29.0)
    assert [t["topic"] for t in data["tables"]["topic_growth"]] == ["delays"]  # (+12, +29 %)
    # periods of one length (weeks, also over a change of daylight saving): no note, counts as before
    week = build_report(ten_posts(), config(), WEEK, comparison_period(WEEK))
    assert not any("per day" in n for n in week.notes)
    assert week.tables["brands"].set_index("brand").loc["A", "volume_change_pct"] == 400.0


def test_topic_growth_of_months_of_different_lengths_is_of_posts_per_day_too(tmp_path):
    """A topic of 28 posts in February and 30 in March, fewer a day, was listed among the growing topics as
    "+2 (-3%)", its change in % of posts per day (stop 38) beside its count: growth is both now. 28 then 33 posts,
    more a day too, is growth, "+5 (+6%)"."""
    days = lambda start, n: pd.date_range(start, periods=n, freq="D")  # noqa: E731
    posts = [(d, "Acme was late") for d in [*days("2026-02-01T10:00Z", 28), *days("2026-03-01T10:00Z", 30)]]
    posts += [(d, "Acme please refund me") for d in [*days("2026-02-01T11:00Z", 28), *days("2026-03-01T11:00Z", 31)]]
    posts += [(d, "Acme please refund me") for d in days("2026-03-01T12:00Z", 2)]
    (tmp_path / "p.csv").write_text(
        "id,created_at,text\n" + "".join(f"{i},{d:%Y-%m-%dT%H:%M:%SZ},{text}\n" for i, (d, text) in enumerate(posts))
    )
    (tmp_path / "c.toml").write_text('[brands.Acme]\nterms = ["Acme"]\n')
    args = ["report", str(tmp_path / "p.csv"), "-c", str(tmp_path / "c.toml"), "--period", "month", "-q"]
    args += ["--until", "2026-04-01"]
    data = json.loads(CliRunner().invoke(main, [*args, "-f", "json"]).stdout)
    topics = {t["topic"]: (t["volume"], t["volume_prev"], t["volume_change_pct"]) for t in data["tables"]["topics"]}
    assert topics == {"refunds": (33, 28, 6.5), "delays": (30, 28, -3.2)}  # (33 / 31 a day against 1: +6.5 %)
    assert [(t["topic"], t["volume_change"]) for t in data["tables"]["topic_growth"]] == [("refunds", 5)]
    md = CliRunner().invoke(main, [*args, "-f", "md"]).stdout
    growth = md[md.index("## Topics that grew most") : md.index("## Topics per brand")]
    assert "| refunds | 33 | 28 | +5 | +6% |" in growth and "delays" not in growth


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1762646400", "2025-11-09 00:00"),  # epoch seconds (1762646400 s = 20,401 days after 1970-01-01)
        ("1762646400000", "2025-11-09 00:00"),  # milliseconds
        ("Sun, 09 Nov 2025 06:00:00 +0100", "2025-11-09 05:00"),  # RFC 2822, as RSS writes it
        ("2025", "2025-01-01 00:00"),  # a year is its start, not 2,025 seconds after 1970
        ("2025-11", "2025-11-01 00:00"),
        ("2025-11-09T06:00+01:00", "2025-11-09 05:00"),
    ],
)
def test_dates_in_options_are_read_as_the_loaders_read_them(value, expected):
    """`fetch --since 1762646400` was read, `report --since 1762646400` "expected a date like ..." (exit 5)."""
    assert parse_time(value, "--since") == pd.Timestamp(expected, tz="UTC")


def test_now_and_today_are_utc_not_the_local_clock(far_east_clock, tmp_path):
    """pandas reads `now` and `today` by the local clock and brandpulse took that as UTC: 14 hours ahead
    here, so `alerts --until now` checked a day that had not begun, and `today` was no midnight."""
    before = pd.Timestamp.now(tz="UTC")
    now = parse_time("now", "--until")
    after = pd.Timestamp.now(tz="UTC")
    assert before <= now <= after
    today = parse_time("today", "--until")
    assert today in (before.normalize(), after.normalize()) and today.tz is not None
    assert parse_time(" Today", "--since") == today
    assert resolve_period("week", until="today").end == today
    db = tmp_path / "h.duckdb"
    store.ingest(db, ten_posts())
    (tmp_path / "b.toml").write_text('[brands.A]\nterms = ["A"]\n[brands.B]\nterms = ["B"]\n')  # (the posts' brands)
    args = ["--store", str(db), "-c", str(tmp_path / "b.toml"), "--until", "today", "--since", "2026-11-02"]
    result = CliRunner().invoke(main, ["alerts", *args])
    assert result.exit_code == 0, result.stderr
    # (after stop 49's note that no day held --min-volume posts of one brand: the most 2 of A)
    note = "note: no day checked held 10 posts of one brand (--min-volume), the most 2 of A on 2026-11-02"
    line = f"checked 2026-11-02 00:00 .. {today:%Y-%m-%d} 00:00 UTC per day: 0 new alerts\n"
    assert result.stderr.startswith(note) and result.stderr.endswith("\n" + line)
    # a --since with a time: the day is checked from midnight, and the line said "12:00"
    result = CliRunner().invoke(main, ["alerts", *args[:-1], "2026-11-02T12:00"])
    assert result.stderr.endswith("\n" + line)


def test_brand_numbers_by_hand(rep):
    b = rep.tables["brands"].set_index("brand")
    # current week: A in posts 1,2,3,4,6 (pos 1,6; neg 2,3; neu 4); B in 5,6 (both positive)
    assert b.loc["A", ["volume", "positive", "neutral", "negative"]].tolist() == [5, 2, 1, 2]
    assert b.loc["A", "nss"] == 0.0
    assert b.loc["B", "nss"] == 100.0
    assert b.loc["A", "share_of_voice"] == 71.4 and b.loc["B", "share_of_voice"] == 28.6
    # week before: A once (positive), B twice (one negative, one positive)
    assert (
        b.loc["A", "volume_prev"] == 1 and b.loc["A", "volume_change"] == 4 and b.loc["A", "volume_change_pct"] == 400
    )
    assert b.loc["A", "nss_change"] == -100.0
    assert b.loc["A", "share_of_voice_change"] == 38.1 and b.loc["B", "share_of_voice_change"] == -38.1
    assert b.loc["B", "volume_change"] == 0 and b.loc["B", "nss_change"] == 100.0
    # overall: 7 posts, 3 positive, 2 negative -> NSS 14.3; before 3 posts, 2 positive, 1 negative -> 33.3
    assert b.loc["(all posts)", "volume"] == 7 and b.loc["(all posts)", "nss"] == 14.3
    assert b.loc["(all posts)", "volume_change_pct"] == 133.3 and b.loc["(all posts)", "nss_change"] == -19.0
    assert b.loc["(no brand)", "volume"] == 1 and b.loc["(no brand)", "volume_prev"] == 0
    assert math.isnan(b.loc["(no brand)", "volume_change_pct"])
    assert rep.posts == 7


def test_brands_count_their_own_sentiment_in_posts_naming_several():
    """A post read positive as a whole ("left A for B, best decision") is negative for A, positive for B."""
    posts = enriched(
        [
            post(1, "2026-11-02T09:00Z", "A;B", "positive", brand_sentiments="A=-0.5000;B=0.5000"),
            post(2, "2026-11-03T09:00Z", "A", "positive"),
        ]
    )
    rep = build_report(posts, config(), WEEK, None)
    b = rep.tables["brands"].set_index("brand")
    assert b.loc["A", ["volume", "positive", "negative"]].tolist() == [2, 1, 1]
    assert b.loc["B", ["volume", "positive", "negative"]].tolist() == [1, 1, 0]
    assert b.loc["(all posts)", ["volume", "positive", "negative"]].tolist() == [2, 2, 0]  # each post once, whole
    ts = rep.tables["timeseries"].set_index(["brand", "bucket"])
    assert ts.loc[("A", T("2026-11-02", tz="UTC")), "negative"] == 1
    assert ts.loc[("(all posts)", T("2026-11-02", tz="UTC")), "negative"] == 0


def test_negative_posts_are_those_the_brand_table_counts_negative_with_that_score():
    """ "Left A for B, best decision" counted as a negative A post in the Brands table but, positive as a whole,
    was in no list of negative posts. A post is now negative as the table counts it, for a brand or as a
    whole, and says which brands it is negative for; `sentiment` is the post's own score (it was the lowest of
    the post's and its brands', which named no one: post 4's -0.7 was B's, not A's), `brand_sentiments` the
    brands'. Ties of reach would be broken by the lowest score."""
    posts = enriched(
        [  # reach: followers (no likes)
            post(1, "2026-11-02T09:00Z", "A;B", "positive", followers=900, brand_sentiments="A=-0.6000;B=0.5000"),
            post(2, "2026-11-03T09:00Z", "A", "negative", followers=500),
            post(3, "2026-11-04T09:00Z", "A;B", "negative", followers=300, brand_sentiments="A=0.2000;B=0.4000"),
            post(4, "2026-11-05T09:00Z", "A;B", "negative", followers=200, brand_sentiments="A=-0.3000;B=-0.7000"),
            post(5, "2026-11-06T09:00Z", "", "negative", followers=100),
            post(6, "2026-11-07T09:00Z", "A;B", "positive", followers=5000, brand_sentiments="A=0.5000;B=0.5000"),
        ]
    )
    rep = build_report(posts, config(), WEEK, None, top=10)
    neg = rep.tables["negative_posts"]
    # 1: +0.5, -0.6 towards A; 2: -0.5 whole (enriched's score of "negative"); 3: negative as a whole only;
    # 4: whole -0.5, A -0.3, B -0.7; 5: no brand; 6: positive every way
    assert neg[["author", "negative_for", "sentiment", "brand_sentiments"]].fillna("").values.tolist() == [
        ["user1", "A", 0.5, "A=-0.6000;B=0.5000"],
        ["user2", "A", -0.5, ""],
        ["user3", "", -0.5, "A=0.2000;B=0.4000"],
        ["user4", "A;B", -0.5, "A=-0.3000;B=-0.7000"],
    ]  # (5 names no brand: not listed)
    b = rep.tables["brands"].set_index("brand")["negative"]
    assert (b["A"], b["B"], b["(no brand)"], b["(all posts)"]) == (3, 1, 1, 4)  # posts 1, 2, 4 | 4 | 5 | 2-5
    for brand in ("A", "B"):
        assert (
            neg["negative_for"].fillna("").str.split(";").map(lambda names, brand=brand: brand in names).sum()
            == b[brand]
        )
    md = render_markdown(rep).split("## Most negative high-reach posts naming a brand", 1)[1]
    # each brand it is negative for with its own score when it names several; the post's own score beside them
    assert "| when | author | negative for | reach | engagement | post sentiment | text | link |" in md
    assert "| 2026-11-02 09:00 | user1 | A (-0.60) | 900 | 0 | +0.50 | post 1 about A;B |" in md
    assert "| user2 | A | 500 | 0 | -0.50 |" in md
    # (negative as a whole only: its empty cell read as a brand missing; the key under the table says what it means)
    assert "| user3 | (the post as a whole) | 300 | 0 | -0.50 |" in md
    assert "| user4 | A (-0.30), B (-0.70) | 200 | 0 | -0.50 |" in md


def test_negative_posts_are_posts_naming_a_brand_in_every_format_as_analyze_lists_them():
    """`analyze`'s most negative posts are posts naming a brand, when brands are configured, but `report`'s listed
    a post naming none first ("the worst sushi in Miami", `negative_for` `(no brand)`) by its reach. With brands
    configured, or posts naming some (a store read without a config), it lists posts naming one, and its title
    says so; posts read without brands, naming none, are all listed as before."""
    posts = enriched(
        [
            post(1, "2026-11-02T09:00Z", "", "negative", followers=9000, author="sushi"),
            post(2, "2026-11-03T09:00Z", "A", "negative", followers=500, author="u2"),
            post(3, "2026-11-04T09:00Z", "B", "negative", followers=300, author="u3"),
        ]
    )
    from rich.console import Console

    from brandpulse.report.console import print_report

    title = "Most negative high-reach posts naming a brand"
    for cfg in (config(), None):  # (None: a store's posts read without a config, naming its brands)
        rep = build_report(posts, cfg, WEEK, None, top=5)
        assert rep.tables["negative_posts"][["author", "negative_for"]].values.tolist() == [["u2", "A"], ["u3", "B"]]
        tables = json.loads(json.dumps(rep.to_dict()))["tables"]
        assert [p["author"] for p in tables["negative_posts"]] == ["u2", "u3"]
        md = render_markdown(rep)
        assert f"## {title}\n" in md and "| sushi |" not in md.split(title)[1]
        html = render_html(rep)
        assert f"<h2>{title}</h2>" in html and ">sushi<" not in html.split(title)[1]
        out = io.StringIO()
        print_report(Console(file=out, width=200), rep)
        assert title in out.getvalue() and "sushi" not in out.getvalue().split(title)[1]
    # the brands table still counts the post naming none as (no brand)'s
    assert rep.tables["brands"].set_index("brand").loc["(no brand)", "negative"] == 1
    # no brand named by any post: every negative post, the title without "naming a brand"
    rep = build_report(posts.assign(brands=""), None, WEEK, None, top=5)
    assert rep.tables["negative_posts"][["author", "negative_for"]].values.tolist() == [
        ["sushi", "(no brand)"],
        ["u2", "(no brand)"],
        ["u3", "(no brand)"],
    ]
    assert "## Most negative high-reach posts\n" in render_markdown(rep) and title not in render_markdown(rep)


def test_top_posts_are_posts_naming_a_brand_as_the_negative_posts_are(tmp_path):
    """ "Top posts by engagement" listed a post naming no brand first ("best lasagne recipe ever", 900 likes), where the
    negative posts (since stop 37) and `analyze`'s lists are of posts naming a brand. With brands configured, or posts
    naming some, it lists posts naming one, and its title says so, in every format; a week in which no such post has
    engagement says that; posts read without brands, naming none, are all listed as before."""
    posts = enriched(
        [
            post(1, "2026-11-02T09:00Z", "", "positive", author="lasagne", likes=900),
            post(2, "2026-11-03T09:00Z", "A", "negative", author="u2", likes=20),
            post(3, "2026-11-04T09:00Z", "B", "positive", author="u3", likes=5),
        ]
    )
    from rich.console import Console

    from brandpulse.report.console import print_report

    title = "Top posts by engagement naming a brand"
    for cfg in (config(), None):  # (None: a store's posts read without a config, naming its brands)
        rep = build_report(posts, cfg, WEEK, None, top=5)
        assert rep.tables["top_posts"][["author", "engagement"]].values.tolist() == [["u2", 20], ["u3", 5]]
        assert [p["author"] for p in json.loads(json.dumps(rep.to_dict()))["tables"]["top_posts"]] == ["u2", "u3"]
        md = render_markdown(rep)
        assert f"## {title}\n" in md and "lasagne" not in md.split(title)[1].split("##")[0]
        out = io.StringIO()
        print_report(Console(file=out, width=200), rep)
        assert title in out.getvalue() and "lasagne" not in out.getvalue().split(title)[1].split("Most negative")[0]
    assert rep.tables["brands"].set_index("brand").loc["(no brand)", "positive"] == 1  # (still counted there)
    # the report as a file: the HTML's section, and a week whose posts naming a brand have no engagement
    (tmp_path / "p.csv").write_text(
        "id,created_at,text,likes\n1,2026-11-02T09:00:00Z,best lasagne recipe ever,900\n"
        "2,2026-11-03T09:00:00Z,Acme lost my bag,20\n3,2026-11-04T09:00:00Z,Acme was fine,0\n"
    )
    (tmp_path / "c.toml").write_text('[brands.Acme]\nterms = ["Acme"]\n')
    args = ["report", str(tmp_path / "p.csv"), "-c", str(tmp_path / "c.toml"), "--until", "2026-11-09"]
    result = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "week.html")])
    assert result.exit_code == 0, result.stderr
    html = (tmp_path / "week.html").read_text(encoding="utf-8")
    section = html.split(f"<h2>{title}</h2>", 1)[1].split("<h2>", 1)[0]
    assert "Acme lost my bag" in section and "lasagne" not in section
    quiet = CliRunner().invoke(main, [*args[:-1], "2026-11-03", "--since", "2026-11-02", "-f", "md"])
    assert f"## {title}\n\nNone: no post of the period naming a brand has any likes, reposts or replies\n" in (
        quiet.stdout
    )
    # no brand named by any post: every post, the title without "naming a brand"
    rep = build_report(posts.assign(brands=""), None, WEEK, None, top=5)
    assert rep.tables["top_posts"]["author"].tolist() == ["lasagne", "u2", "u3"]
    assert "## Top posts by engagement\n" in render_markdown(rep) and title not in render_markdown(rep)


def test_authors_are_promoters_and_detractors_of_brands_as_the_brand_table_counts_them():
    """ "Left A for B, best decision ever" (positive as a whole) made its author a promoter, of nothing said,
    though the Brands table counts it a negative A mention: the author is a detractor of A and a promoter of
    B, each role a row naming its brands, every figure of the author's posts naming them."""
    posts = enriched(
        [
            post(1, "2026-11-02T09:00Z", "A;B", "positive", author="ann", followers=100, likes=4,
                 brand_sentiments="A=-0.6000;B=0.5000"),
            post(2, "2026-11-03T09:00Z", "B", "positive", author="ann", followers=120, likes=1, sentiment=0.3),
            post(3, "2026-11-04T09:00Z", "A", "negative", author="bob", followers=50, sentiment=-0.2),
            post(4, "2026-11-05T09:00Z", "A;B", "negative", author="bob", followers=50, likes=2,
                 brand_sentiments="A=-0.8000;B=-0.1000"),
            post(5, "2026-11-06T09:00Z", "B", "positive", author="bob", followers=50, sentiment=0.9),
            post(6, "2026-11-07T09:00Z", "A", "positive", author="cy", followers=10, sentiment=0.4),
            post(7, "2026-11-07T10:00Z", "A", "negative", author="cy", followers=10, sentiment=-0.4),
        ]
    )  # fmt: skip
    rep = build_report(posts, config(), WEEK, None)
    a = rep.tables["authors"]
    # ann: A 0 pos / 1 neg (post 1: detractor), B 2 / 0 (posts 1, 2: promoter, max followers 120, likes 4 + 1,
    # avg (0.5 + 0.3) / 2). bob: A 0 / 2 (posts 3, 4: detractor, likes 2, avg (-0.2 - 0.8) / 2), B 1 / 1 (posts 4,
    # 5: neither). cy: A 1 / 1, neither. Old: ann a promoter of 2 posts, bob a detractor of 3 (his B praise too).
    assert a.values.tolist() == [
        ["promoter", "ann", "B", 2, 120, 5, 125, 2, 0, 0.4],
        ["detractor", "ann", "A", 1, 100, 4, 104, 0, 1, -0.6],
        ["detractor", "bob", "A", 2, 50, 2, 52, 0, 2, -0.5],
    ]
    assert list(a.columns) == [
        "role", "author", "brands", "posts", "followers", "engagement", "reach", "positive", "negative", "avg_sentiment"
    ]  # fmt: skip
    b = rep.tables["brands"].set_index("brand")
    assert b.loc["A", ["positive", "negative"]].tolist() == [1, 4] and b.loc[
        "B", ["positive", "negative"]
    ].tolist() == [3, 1]
    md = render_markdown(rep).split("## Top authors by reach\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert md[2:] == [
        "| promoter | ann | B | 2 | 120 | 5 | 125 | 2 / 0 |",
        "| detractor | ann | A | 1 | 100 | 4 | 104 | 0 / 1 |",
        "| detractor | bob | A | 2 | 50 | 2 | 52 | 0 / 2 |",
    ]
    # an author of posts naming both brands negatively is a detractor of both, each post counted once
    both = enriched(
        [post(i, "2026-11-03T09:00Z", "A;B", "negative", author="dee", brand_sentiments="A=-0.2000;B=-0.4000")
         for i in (1, 2)]
    )  # fmt: skip
    row = build_report(both, config(), WEEK, None).tables["authors"].iloc[0]
    assert (row.role, row.brands, row.posts, row.negative, row.avg_sentiment) == ("detractor", "A;B", 2, 2, -0.3)


def _engagement_week() -> pd.DataFrame:
    """A creator's "dupe" video (2.3M followers) beside replies of a few likes; an empty count, a post of no brand."""
    return enriched(
        [
            post(1, "2026-11-02T09:00Z", "A", "positive", followers=2_300_000, likes=300_000)
            | {"reposts": 28_800, "replies": 12_000},
            post(2, "2026-11-03T09:00Z", "A;B", "negative", followers=120, likes=1000) | {"replies": 50},
            post(3, "2026-11-04T09:00Z", "B", "negative", followers=120, likes=9),
            post(4, "2026-11-04T10:00Z", "", "neutral", likes=500),
            post(5, "2026-11-05T10:00Z", "B", "neutral", likes=None) | {"reposts": None, "replies": 3},
        ]
    )


def test_brands_engagement_and_share_of_engagement_beside_share_of_voice():
    """The Brands table counted posts alone: a creator's video of 340,800 likes + reposts + replies weighed as a post
    of 9 likes. Each brand's engagement (a post naming two brands in each, an empty count as 0) and its share of
    all brands' are there now, in every format, after the columns there were."""
    rep = build_report(_engagement_week(), config(), WEEK, None)
    b = rep.tables["brands"].set_index("brand")
    assert list(b.columns[-3:]) == ["engagement", "share_of_engagement", "co_mentions"]
    # by hand: A 300,000 + 28,800 + 12,000 + (1,000 + 50) = 341,850; B 1,050 + 9 + 3 (likes and reposts empty) =
    # 1,062; of 342,912: A 99.690 % -> 99.7, B 0.310 % -> 0.3; share of voice: A 2 of 5 mentions, B 3
    assert b.loc["A", ["share_of_voice", "engagement", "share_of_engagement"]].tolist() == [40.0, 341_850, 99.7]
    assert b.loc["B", ["share_of_voice", "engagement", "share_of_engagement"]].tolist() == [60.0, 1_062, 0.3]
    # every post once: 340,800 + 1,050 + 9 + 500 + 3; no share beside the brands'
    assert b.loc["(all posts)", "engagement"] == 342_362 and b.loc["(no brand)", "engagement"] == 500
    assert b.loc[["(no brand)", "(all posts)"], "share_of_engagement"].isna().all()
    md = render_markdown(rep).split("## Brands\n\n", 1)[1].split("\n\n")
    assert md[0].splitlines()[0].endswith("| share of voice | engagement | share of engagement | trend |")
    assert "| B (competitor) | 3 | 1 | 0 / 1 / 2 | -66.7 | 60.0% | 1,062 | 0.3% |" in md[0]  # (1 co-mention: post 2)
    assert "engagement: likes + reposts + replies of the posts its volume counts (an empty count as 0;" in md[1]
    data = json.loads(json.dumps(rep.to_dict(), default=str))["tables"]["brands"]
    assert [(r["brand"], r["engagement"], r["share_of_engagement"]) for r in data][:2] == [
        ("A", 341_850, 99.7),
        ("B", 1_062, 0.3),
    ]


def test_brands_engagement_is_compared_with_the_period_before_and_co_mentions_are_counted():
    """A weekly report compared volume and NSS with last week, not engagement; and a post naming two brands (a rival's
    crisis: "$TSLA up 4% as Voltra recall hits rival") counted its engagement in both rows without a word. Now
    engagement has its change, and each brand row the posts of it naming another brand too (`co_mentions`)."""
    before = [
        post(11, "2026-10-27T09:00Z", "A", "positive", likes=100),
        post(12, "2026-10-28T09:00Z", "B", "negative", likes=None) | {"reposts": None, "replies": None},
    ]
    rows = enriched([*before, *(p for p in _engagement_week().to_dict("records"))])
    rep = build_report(rows, config(), WEEK, comparison_period(WEEK))
    b = rep.tables["brands"].set_index("brand")
    # by hand: A 341,850 now, 100 before; B 1,062 now, none of its one post then has a count (empty, not 0);
    # (all posts) 342,362 now, 100 before; (no brand): no post then, so 0 engaged then
    assert b.loc["A", ["engagement_prev", "engagement_change"]].tolist() == [100, 341_750]
    assert pd.isna(b.loc["B", "engagement_prev"]) and pd.isna(b.loc["B", "engagement_change"])
    assert b.loc["(all posts)", ["engagement_prev", "engagement_change"]].tolist() == [100, 342_262]
    assert b.loc["(no brand)", ["engagement_prev", "engagement_change"]].tolist() == [0, 500]
    # share of engagement: A 99.690 % now, 100 % before (B had none): -0.3 points
    assert b.loc["A", "share_of_engagement_change"] == -0.3
    # post 2 names A and B: one co-mention each; of (all posts), the one post naming several
    assert b["co_mentions"].to_dict() == {"A": 1, "B": 1, "(no brand)": 0, "(all posts)": 1}
    md = render_markdown(rep).split("## Brands\n\n", 1)[1].split("\n\n")
    assert md[0].splitlines()[0].startswith("| brand | volume | Δ volume | co-mentions |")
    assert "| engagement | share of engagement |" in md[0].splitlines()[0]
    # 341,750 more than 100; B's change unknown; the key says a co-mention's engagement is in both rows
    assert "| 341,850 (+341,750) | 99.7% |" in md[0] and "| 1,062 | 0.3% |" in md[0]
    assert "a post naming several brands in each of their rows, whole, as in volume (so the brands' add up" in md[1]
    assert "engagement: likes + reposts + replies of the posts its volume counts (in brackets its Δ; an" in md[1]
    assert "co-mentions: of those, the posts naming another brand too" in md[1]
    alone = build_report(enriched([post(1, "2026-11-02T09:00Z", "A", "positive")]), config(), WEEK, None)
    assert "co-mentions" not in render_markdown(alone)  # (no post names two brands: no column of 0s)


def test_brands_engagement_is_empty_where_no_post_has_a_count():
    """`build_report` on posts without count columns (a news export) must not fail, and engagement is empty there,
    not 0 (no one engaged): the Markdown table and key leave it out. A brand none of whose posts has a count is
    empty too, and out of the share."""
    from brandpulse.report.metrics import brand_table

    bare = _engagement_week().drop(columns=["likes", "reposts", "replies"])
    t = brand_table(bare, None, config()).set_index("brand")
    assert t["engagement"].isna().all() and t["share_of_engagement"].isna().all()
    rep = build_report(bare, config(), WEEK, None)
    brands = render_markdown(rep).split("## Brands", 1)[1].split("## ", 1)[0]
    assert "engagement" not in brands and "volume: posts naming the brand" in brands
    rows = [
        post(1, "2026-11-02T09:00Z", "A", "positive", likes=7),
        post(2, "2026-11-03T09:00Z", "B", "negative", likes=None) | {"reposts": None, "replies": None},
    ]
    b = build_report(enriched(rows), config(), WEEK, None).tables["brands"].set_index("brand")
    assert b.loc["A", "engagement"] == 7 and b.loc["A", "share_of_engagement"] == 100.0
    assert pd.isna(b.loc["B", "engagement"]) and pd.isna(b.loc["B", "share_of_engagement"])


def test_on_an_80_column_terminal_engagement_is_a_table_of_its_own():
    """Two more columns folded every cell of the Brands table at 80 columns; engagement is now a third small table
    there, whole, and a column of the one table where it fits."""
    from rich.console import Console

    from brandpulse.report.console import print_report

    rep = build_report(_engagement_week(), config(), WEEK, comparison_period(WEEK))
    narrow = Console(width=80, record=True)
    print_report(narrow, rep)
    text = narrow.export_text()
    assert max(len(line) for line in text.splitlines()) <= 80
    # (Δ engagement: no post the week before, so none engaged then; no % of 0)
    assert _row(text, "Brands: engagement", "A") == ["A", "341,850 (+341,850)", "99.7%"]
    assert _row(text, "Brands: engagement", "B (competitor)") == ["B (competitor)", "1,062 (+1,062)", "0.3%"]
    assert "engagement" not in " ".join(_row(text, "Brands", "A"))
    wide = Console(width=200, record=True)
    print_report(wide, rep)
    text = wide.export_text()
    assert "Brands: engagement" not in text and _row(text, "Brands", "A")[-3:-1] == ["341,850 (+341,850)", "99.7%"]


def test_authors_unknown_followers_stay_unknown():
    """The authors table showed an author whose posts give no follower count (Reddit, a CSV without the column)
    as 0 followers, where the post tables leave the cell empty. Reach counts what is known, as a post's does:
    the engagement; sorting by it still works."""
    posts = enriched(
        [
            post(1, "2026-11-02T09:00Z", "A", "positive", author="ann", followers=None, likes=7),
            post(2, "2026-11-02T10:00Z", "A", "positive", author="bob", followers=3, likes=1),
            post(3, "2026-11-02T11:00Z", "A", "positive", author="cy", followers=None),
        ]
    )  # fmt: skip
    rep = build_report(posts, config(), WEEK, None)
    a = rep.tables["authors"]
    assert a["author"].tolist() == ["ann", "bob", "cy"]  # by reach: 7, 4, 0
    assert a["followers"].tolist()[1] == 3 and a["followers"].isna().tolist() == [True, False, True]
    assert a["reach"].tolist() == [7, 4, 0] and a["engagement"].tolist() == [7, 1, 0]
    # as the post tables; cy's post, without engagement, is not among the posts with most engagement (stop 36)
    assert rep.tables["top_posts"]["followers"].isna().tolist() == [True, False]
    md = render_markdown(rep).split("## Top authors by reach\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert md[2:] == [
        "| promoter | ann | A | 1 | – | 7 | 7 | 1 / 0 |",
        "| promoter | bob | A | 1 | 3 | 1 | 4 | 1 / 0 |",
        "| promoter | cy | A | 1 | – | 0 | 0 | 1 / 0 |",
    ]
    assert '<td class="n">–</td><td class="n">7</td>' in render_html(rep)


def test_authors_unknown_followers_are_empty_in_csv_and_null_in_json(tmp_path):
    (tmp_path / "p.csv").write_text(
        "id,author,author_followers,created_at,text,likes\n"
        "1,ann,,2026-11-03T10:00:00Z,Acme is great,5\n2,bob,1000,2026-11-03T11:00:00Z,Acme is great,\n"
    )
    common = [str(tmp_path / "p.csv"), "--brand", "Acme", "--since", "2026-11-02", "--until", "2026-11-09"]
    result = CliRunner().invoke(main, ["report", *common, "--table", "authors", "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False)
    assert rows[["author", "followers", "reach"]].values.tolist() == [["bob", "1000", "1000"], ["ann", "", "5"]]
    result = CliRunner().invoke(main, ["report", *common, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    authors = json.loads(result.stdout)["tables"]["authors"]
    assert [(a["author"], a["followers"], a["reach"]) for a in authors] == [("bob", 1000, 1000), ("ann", None, 5)]


def test_authors_tied_at_the_last_place_shown_by_name():
    """The table picks each role's `top` by reach before sorting (not every author of the period): authors
    tied with the last one shown must still be ordered by name, a post naming two brands counted once."""
    posts = enriched(
        [
            post(1, "2026-11-02T09:00Z", "A", "positive", author="zed", followers=100, sentiment=0.5),
            post(2, "2026-11-02T10:00Z", "B", "positive", author="amy", followers=100, sentiment=0.3),
            post(3, "2026-11-02T11:00Z", "A;B", "positive", author="kim", followers=100,
                 brand_sentiments="A=0.2000;B=0.4000"),
            post(4, "2026-11-02T12:00Z", "A", "positive", author="low", followers=99, sentiment=0.5),
            post(5, "2026-11-02T13:00Z", "B", "negative", author="neg", followers=7, sentiment=-0.5),
        ]
    )  # fmt: skip
    a = build_report(posts, config(), WEEK, None, top=2).tables["authors"]
    assert a[["role", "author", "brands", "posts", "reach", "avg_sentiment"]].values.tolist() == [
        ["promoter", "amy", "B", 1, 100, 0.3],
        ["promoter", "kim", "A;B", 1, 100, 0.3],
        ["detractor", "neg", "B", 1, 7, -0.5],
    ]


def test_top_posts_give_each_brands_own_score_beside_the_posts():
    """`top_posts` gave a post naming several brands its own score alone (+0.5 for "left A for B, best decision
    ever"): the report's views showed no brand at all, so the score read as A's too."""
    posts = enriched(
        [
            post(1, "2026-11-02T09:00Z", "A;B", "positive", likes=9, brand_sentiments="A=-0.6000;B=0.5000"),
            post(2, "2026-11-03T09:00Z", "A", "negative", likes=5),
            post(3, "2026-11-04T09:00Z", "", "neutral", likes=1),
        ]
    )
    rep = build_report(posts, config(), WEEK, None)
    top = rep.tables["top_posts"]
    assert top[["author", "brands", "sentiment", "brand_sentiments"]].fillna("").values.tolist() == [
        ["user1", "A;B", 0.5, "A=-0.6000;B=0.5000"],
        ["user2", "A", -0.5, ""],
    ]  # (user3's post names no brand: not in the list since stop 38)
    data = json.loads(json.dumps(rep.to_dict()))["tables"]["top_posts"]
    assert [p["brand_sentiments"] for p in data] == ["A=-0.6000;B=0.5000", None]
    md = render_markdown(rep).split("## Top posts by engagement naming a brand\n\n", 1)[1].split("\n\n", 1)[0]
    md = md.splitlines()
    assert md[0] == "| when | author | brands | reach | engagement | post sentiment | text | link |"
    assert md[2].startswith("| 2026-11-02 09:00 | user1 | A (-0.60), B (+0.50) | 9 | 9 | +0.50 |")
    assert md[3].startswith("| 2026-11-03 09:00 | user2 | A | 5 | 5 | -0.50 |") and len(md) == 4


def test_a_row_of_the_comparison_period_alone_has_a_trend_of_zeros():
    """ "(no brand)" of last week only (0 posts now) had a blank trend, and HTML said "posts per day: " and no
    figures, while a quiet brand's trend is a row of 0s."""
    rows = [post(1, "2026-11-03T09:00Z", "A", "negative"), post(2, "2026-10-28T09:00Z", "", "positive")]
    rep = build_report(enriched(rows), config(), WEEK, comparison_period(WEEK))
    assert "| (no brand) | 0 | -1 (-100%) | 0 / 0 / 0 | – | – | – | – | ▁▁▁▁▁▁▁ |" in render_markdown(rep)
    assert 'aria-label="posts per day: 0, 0, 0, 0, 0, 0, 0">▁▁▁▁▁▁▁' in render_html(rep)


def test_the_brands_own_posts_are_in_no_table(rep):
    """A's own handle posting a widely seen apology (this week and last) changes no table: the report is
    what customers say. The headline counts the period's own posts."""
    own = [
        post(21, "2026-11-03T12:00Z", "A", "negative", "refunds", author="A_help", followers=90000, likes=50),
        post(22, "2026-10-28T12:00Z", "A", "negative", "delays", author="@a_help", followers=90000),
    ]
    with_own = build_report(pd.concat([ten_posts(), enriched(own)]), config(), WEEK, comparison_period(WEEK), top=2)
    assert with_own.posts == rep.posts == 7 and with_own.own_posts == 1 and rep.own_posts == 0
    for name, table in rep.tables.items():
        pd.testing.assert_frame_equal(with_own.tables[name], table, obj=name)
    assert "7 posts" in render_markdown(with_own) and "; 1 by the brands' own handles left out" in render_markdown(
        with_own
    )
    assert "own handles" not in render_markdown(rep)


def test_timeseries_by_hand(rep):
    ts = rep.tables["timeseries"]
    a = ts[ts["brand"] == "A"]
    assert a["volume"].tolist() == [2, 1, 1, 0, 1, 0, 0]
    assert a["bucket"].iloc[0] == T("2026-11-02", tz="UTC") and len(a) == 7
    day1 = ts[(ts["brand"] == "(all posts)") & (ts["bucket"] == T("2026-11-02", tz="UTC"))].iloc[0]
    assert (day1.volume, day1.positive, day1.negative, day1.nss) == (2, 1, 1, 0.0)
    assert ts[ts["brand"] == "(all posts)"]["volume"].sum() == 7  # post 7 at 23:59 on Sunday is inside


def test_topics_and_growth_by_hand(rep):
    t = rep.tables["topics"].set_index("topic")
    # delays: posts 1 (pos), 2, 3 (neg) -> NSS -33.3; before: post 11 (pos) -> +100
    assert t.loc["delays", ["volume", "volume_prev", "volume_change"]].tolist() == [3, 1, 2]
    assert t.loc["delays", "nss"] == -33.3 and t.loc["delays", "nss_change"] == -133.3
    # refunds: 3 (neg), 5 (pos) -> 0; before: 12 (neg) -> -100
    assert t.loc["refunds", ["volume", "nss", "nss_change"]].tolist() == [2, 0.0, 100.0]
    assert rep.tables["topics"]["topic"].tolist() == ["delays", "refunds"]
    assert rep.tables["topic_growth"]["topic"].tolist() == ["delays", "refunds"]


def test_authors_and_posts_by_hand(rep):
    a = rep.tables["authors"]
    promoters = a[a["role"] == "promoter"]
    detractors = a[a["role"] == "detractor"]
    # u4: 2 positive posts, 300 followers; u1: 1 positive + 1 neutral, 100 followers + 10 likes
    assert promoters["author"].tolist() == ["u4", "u1"] and promoters["reach"].tolist() == [300, 110]
    assert detractors["author"].tolist() == ["u2", "u3"] and detractors["reach"].tolist() == [5000, 50]
    assert rep.tables["top_posts"]["engagement"].iloc[0] == 10
    assert rep.tables["top_posts"]["url"].iloc[0] == "https://x.com/u/status/1"
    assert rep.tables["negative_posts"]["author"].tolist() == ["u2", "u3"]


def test_emerging_terms_weighted_log_odds_by_hand():
    current = pd.Series(["outage bags", "outage", "the outage", "outage!", "OUTAGE"])
    baseline = pd.Series(["bags", "bags", "flight"])
    counts = term_document_counts(current)
    assert counts.to_dict() == {"outage": 5, "bags": 1, "outage bags": 1}  # "the" is a stopword
    out = emerging_terms(current, baseline, min_count=1, min_z=0).set_index("term")
    # y=5, x=0, alpha=5, n=7, m=3, a0=10: delta = ln(10/7) - ln(5/8) = 0.82668; sd = sqrt(1/10 + 1/5)
    assert out.loc["outage", "z"] == pytest.approx(1.51, abs=0.005)
    assert "bags" not in out.index  # less frequent than in the baseline: z = -1.06
    assert emerging_terms(current, baseline, min_count=6, min_z=0).empty
    # urls and @mentions are not terms
    assert term_document_counts(pd.Series(["@SkywayAir https://t.co/x outage"])).to_dict() == {"outage": 1}


def test_term_document_counts_per_distinct_text_and_chunk():
    # counted per distinct text, a few at a time (a quarter's baseline is a year of posts), as if post by post:
    # copies count once each, a term twice in one post once, a missing text nothing; by hand: "outage" is in the
    # 3 copies and "outage again", "delay" in both "delay" posts and in "@SkywayAir delay delay"
    texts = pd.Series(
        ["outage", "outage", None, "delay www.x.io/a", "outage", "outage again", "@SkywayAir delay delay", "delay"]
    )
    expected = {"outage": 4, "delay": 3, "delay delay": 1}  # ("again" is a stopword)
    for chunk in (1, 2, 3, 100_000):
        counts = term_document_counts(texts, chunk=chunk)
        assert counts.to_dict() == expected
        assert counts.index.name == "term" and counts.name == "count"
    assert term_document_counts(pd.Series([], dtype=object)).empty
    # the same text in two languages is two texts: "del" is a Spanish post's function word, an English one's term
    # (a language unknown, None, is English's alone)
    texts = pd.Series(["retraso del vuelo"] * 3 + ["del"])
    for chunk in (1, 100_000):
        counts = term_document_counts(texts, pd.Series(["es", None, "es", "en"]), chunk=chunk)
        assert counts.to_dict() == {"retraso": 3, "vuelo": 3, "del": 2, "retraso del": 1, "del vuelo": 1}
    # a language tag's first part is its language (`es-419`, `ES_mx`); a three-letter code is another language's:
    # `est` (Estonian) read as "es" lost the Spanish function words
    langs = pd.Series(["es-419", "ES_mx", "est", "spa"])
    counts = term_document_counts(pd.Series(["retraso del vuelo"] * 4), langs)
    assert counts.to_dict() == {"retraso": 4, "vuelo": 4, "del": 2, "retraso del": 2, "del vuelo": 2}


def test_emerging_terms_split_the_periods_posts_per_distinct_text_and_chunk(monkeypatch):
    # the period's posts too are split per distinct text, a chunk at a time (a quarter's report of a year of posts
    # held every post's every term at once: 646 s, 3.45 GB), and give what they gave post by post: by hand, the 3
    # words and 3 bigrams of "refund delayed again" and "system outage grounded flight" are each in 10 posts, none
    # in the baseline, so all have the same z; words first, then by name: "delayed" (with the terms of its posts),
    # then "grounded" (with its posts' terms: the same count, other posts)
    base = pd.Series(["flight was fine today"] * 40 + ["crew friendly"] * 40)
    cur = pd.Series(
        ["flight was fine today"] * 10 + ["system outage grounded flight", "refund delayed again"] * 10,
        index=range(5, 35),
    )
    split = []
    term_documents = emerging._term_documents
    monkeypatch.setattr(
        emerging, "_term_documents", lambda texts, lang=None: split.append(list(texts)) or term_documents(texts, lang)
    )
    for chunk in (1, 2, 100_000):
        split.clear()
        out = emerging_terms(cur, base, chunk=chunk)
        assert out[["term", "count", "baseline_count", "also"]].values.tolist() == [
            ["delayed", 10, 0, "refund, refund delayed"],
            ["grounded", 10, 0, "outage, system, grounded flight, outage grounded, system outage"],
        ]
        assert out["z"].iloc[0] == out["z"].iloc[1] >= 1.96
        assert all(len(texts) == len(set(texts)) <= chunk for texts in split)
        assert sum(len(texts) for texts in split) == 3 + 2  # the period's 3 distinct texts, the baseline's 2


def test_emerging_terms_ignore_steady_words():
    base = pd.Series(["flight was fine today"] * 40 + ["crew friendly"] * 40)
    cur = pd.Series(["flight was fine today"] * 10 + ["system outage grounded flight"] * 10)
    out = emerging_terms(cur, base)
    # the six terms of the new sentence are in the same 10 posts: one row, a word first, the rest in `also`
    assert out["term"].iloc[0] == "grounded"
    assert out["also"].iloc[0] == "outage, system, grounded flight, outage grounded, system outage"
    assert out["count"].iloc[0] == 10
    assert "fine" not in set(out["term"]) and "today" not in set(out["term"])
    assert (out["z"] >= 1.96).all()


def test_emerging_terms_in_different_posts_of_the_same_count_and_sums_stay_apart():
    """Posts were grouped by (count, sum of positions, sum of squares): {1,5,6,10,14,15} and
    {2,3,7,11,12,16} share (6, 51, 583), so "refund" was listed as "in the same posts" as "outage"."""
    outage, refund = {1, 5, 6, 10, 14, 15}, {2, 3, 7, 11, 12, 16}
    cur = pd.Series(["outage" if i in outage else "refund" if i in refund else "flight" for i in range(17)])
    out = emerging_terms(cur, pd.Series(["flight"] * 20), min_count=6, min_z=0)
    assert out[["term", "also"]].values.tolist() == [["outage", ""], ["refund", ""]]


def test_emerging_terms_test_the_z_before_rounding_it():
    cur, base = pd.Series(["outage"] * 4 + ["flight"]), pd.Series(["outage"] + ["flight"] * 21)
    # y=4, x=1, alpha=5, n=5, m=22, a0=27: delta = ln(9/23) - ln(6/43) = 1.03115; sd = sqrt(1/9 + 1/6): z 1.9565
    assert emerging_terms(cur, base, min_count=1, min_z=0).set_index("term").loc["outage", "z"] == 1.96
    assert emerging_terms(cur, base, min_count=1).empty  # shown as 1.96, but below it


def test_top_and_negative_posts_break_ties_by_platform_and_id_not_by_input_order():
    """Files listed tied posts in file order, the store in its own: the same week read differently."""
    from brandpulse.report.metrics import negative_posts, top_posts

    rows = [post(i, "2026-11-03T10:00Z", "A", "negative", likes=5, followers=10) for i in (9, 8)]
    df = enriched(rows)
    assert top_posts(df)["author"].tolist() == ["user8", "user9"]
    assert negative_posts(df)["author"].tolist() == ["user8", "user9"]


def test_top_and_negative_posts_among_many_keep_ties_by_platform_and_id():
    """The post tables sort a few posts chosen by their numbers (`metrics._leading`), not the period's posts: the
    posts tying with the last listed on engagement, reach and time (or score) are among them, so platform and id
    still decide, whatever the order the posts come in; a tie without a time too."""
    from brandpulse.report.metrics import negative_posts, top_posts

    tied = [post(i, "2026-11-03T10:00Z", "A", "negative", likes=5, followers=10) for i in (9, 8, 7, 6)]
    tied[0]["platform"] = "reddit"  # (reddit before twitter)
    more = [post(i, "2026-11-03T09:00Z", "A", "negative", likes=5, followers=10) for i in (5, 4)]  # earlier: first
    less = [post(i, "2026-11-03T08:00Z", "A", "negative", likes=4, followers=10) for i in (1, 2, 3)]
    df = enriched(less + tied + more)
    assert top_posts(df, 4)["author"].tolist() == ["user4", "user5", "user9", "user6"]
    assert negative_posts(df, 4)["author"].tolist() == ["user4", "user5", "user9", "user6"]
    assert top_posts(df.iloc[::-1], 4)["author"].tolist() == ["user4", "user5", "user9", "user6"]
    assert negative_posts(df.iloc[::-1], 4)["author"].tolist() == ["user4", "user5", "user9", "user6"]
    untimed = enriched([post(i, None, "A", "negative", likes=5, followers=10) for i in (3, 2, 1)])
    assert top_posts(untimed, 1)["author"].tolist() == ["user1"]
    assert negative_posts(untimed, 2)["author"].tolist() == ["user1", "user2"]
    # the lowest score first among posts of the same reach; a lower one later in the period comes later
    scored = enriched(
        [
            post(i, "2026-11-03T10:00Z", "A", "negative", followers=10, sentiment=s)
            for i, s in [(1, -0.2), (2, -0.6), (3, -0.6), (4, -0.9)]
        ]
    )
    assert negative_posts(scored, 2)["author"].tolist() == ["user4", "user2"]


def test_post_and_author_scores_are_written_to_four_decimals_as_the_averages_are():
    """The post tables wrote the analyzer's float whole (0.30000000000000004, -0.34745555555555546) in CSV
    and JSON, and the authors table 3 decimals, where the brands table and `brand_sentiments` have 4."""
    rows = [
        post(1, "2026-11-03T10:00Z", "A", "positive", author="u1", likes=9, sentiment=0.1 + 0.2),
        post(2, "2026-11-03T11:00Z", "A", "negative", author="u2", likes=5, sentiment=-0.34745555555555546),
        post(3, "2026-11-03T12:00Z", "A", "negative", author="u2", likes=1, sentiment=-0.12346),
    ]
    rep = build_report(enriched(rows), config(), WEEK, None)
    data = json.loads(json.dumps(rep.to_dict()))["tables"]
    assert [p["sentiment"] for p in data["top_posts"]] == [0.3, -0.3475, -0.1235]
    assert [p["sentiment"] for p in data["negative_posts"]] == [-0.3475, -0.1235]
    # u2: (-0.34745555555555546 - 0.12346) / 2 = -0.2354578
    assert [(a["author"], a["avg_sentiment"]) for a in data["authors"]] == [("u1", 0.3), ("u2", -0.2355)]


@pytest.fixture(scope="module")
def stored_once(tmp_path_factory):
    db = tmp_path_factory.mktemp("stored") / "h.duckdb"
    store.ingest(db, ten_posts())
    return db


@pytest.fixture
def stored(stored_once, tmp_path):
    return copy_store(stored_once, tmp_path)


def run(*args):
    return CliRunner().invoke(main, ["report", *args])


def test_report_json_from_store(stored):
    result = run("--store", str(stored), "--until", "2026-11-09", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["period"]["label"] == "2026-11-02 .. 2026-11-08"
    assert data["compare"]["label"] == "2026-10-26 .. 2026-11-01"
    # times written as in the tables and the other JSON outputs (were "+00:00" here, "Z" there)
    assert (data["period"]["start"], data["period"]["end"]) == ("2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z")
    assert data["tables"]["timeseries"][0]["bucket"] == "2026-11-02T00:00:00Z"
    assert data["posts"] == 7
    assert set(data["tables"]) == set(TABLES)
    brands = {r["brand"]: r for r in data["tables"]["brands"]}
    assert brands["B"]["nss"] == 100.0 and brands["A"]["volume_change"] == 4


def test_report_csv_one_table_and_help_lists_names(stored, tmp_path):
    out = tmp_path / "topics.csv"
    result = run("--store", str(stored), "--until", "2026-11-09", "-f", "csv", "--table", "topics", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    t = pd.read_csv(out)
    assert t["topic"].tolist() == ["delays", "refunds"] and t["volume"].tolist() == [3, 2]
    missing = run("--store", str(stored), "--until", "2026-11-09", "-f", "csv")
    assert missing.exit_code == 2 and "--table" in missing.stderr
    # `-o week.csv` without --table named a `--format csv` the user had not given
    by_name = run("--store", str(stored), "--until", "2026-11-09", "-o", str(tmp_path / "week.csv"))
    assert by_name.exit_code == 2 and not (tmp_path / "week.csv").exists()
    assert by_name.stderr.splitlines()[-1] == (
        f"brandpulse: error: --output {tmp_path / 'week.csv'}: a CSV holds one table: add --table NAME"
        f" ({', '.join(TABLES)})"
    )
    piped = run("--store", str(stored), "--until", "2026-11-09", "--table", "topics")  # (`> topics.csv`)
    assert piped.exit_code == 0, piped.stderr
    assert pd.read_csv(io.StringIO(piped.stdout))["topic"].tolist() == ["delays", "refunds"]
    help_text = run("--help").stdout
    for name in TABLES:
        assert name in help_text


def test_report_json_of_one_table_is_that_table_of_the_whole_reports_json(stored, tmp_path):
    """`--table NAME -f json` was a usage error ("is written as CSV"): it writes that table's rows, as the whole
    report's JSON holds them under "tables", to stdout or to -o FILE (-o FILE.json alone says JSON too)."""
    week = ["--store", str(stored), "--until", "2026-11-09"]
    whole = json.loads(run(*week, "-f", "json").stdout)["tables"]
    piped = run(*week, "--table", "brands", "-f", "json")
    assert piped.exit_code == 0, piped.stderr
    brands = json.loads(piped.stdout)
    assert brands == whole["brands"]
    shown = [(b["brand"], b["competitor"], b["volume"]) for b in brands]
    assert shown == [("A", False, 5), ("B", False, 2), ("(no brand)", False, 1), ("(all posts)", False, 7)]
    by_name = run(*week, "--table", "topics", "-o", str(tmp_path / "topics.json"))
    assert by_name.exit_code == 0, by_name.stderr
    topics = json.loads((tmp_path / "topics.json").read_text())
    assert [(t["topic"], t["volume"]) for t in topics] == [("delays", 3), ("refunds", 2)] and topics == whole["topics"]
    md = run(*week, "--table", "topics", "-f", "md")  # (one table is data: not Markdown)
    assert md.exit_code == 2
    assert md.stderr.splitlines()[-1] == (
        "brandpulse: error: --table topics is written as CSV or JSON: add -f csv or -f json, or -o FILE.csv"
    )


@pytest.mark.parametrize("name", ["week.parquet", "week.jsonl", "week.tsv"])
def test_report_refuses_an_output_format_it_does_not_write(stored, tmp_path, name):
    """Not Markdown under a .parquet name: a usage error, and no file."""
    out = tmp_path / name
    result = run("--store", str(stored), "--until", "2026-11-09", "-o", str(out))
    assert result.exit_code == 2
    assert f"--output {out}: report writes md, html, json, csv, not {name.split('.')[1]}" in result.stderr
    assert not out.exists()


def test_report_markdown_and_empty_period_note(stored):
    md = run("--store", str(stored), "--until", "2026-11-09", "-f", "md").stdout
    assert md.startswith("# brandpulse report: 2026-11-02 .. 2026-11-08")
    assert "| A | 5 | +4 (+400%) | 1 | 2 / 1 / 2 | +0.0 | -100.0 | 71.4% | +38.1 |" in md  # (1 co-mention)
    empty = run("--store", str(stored), "--until", "2026-01-05", "-f", "md")
    assert empty.exit_code == 0
    assert "no posts in 2025-12-29 .. 2026-01-04" in empty.stdout
    # (a warning, as alerts gives it for the same store: the oldest post too, so a period of the wrong year shows)
    assert "warning: the store's posts are from 2026-10-27 to 2026-11-08: use --until or --since\n" in empty.stderr


def test_a_brand_added_to_the_config_after_its_posts_were_ingested_is_named_in_a_note(tmp_path):
    """A brand added to the config (a product family, a competitor) after its posts were stored showed 0 posts a
    week in the report, as if nobody talked of it: posts keep the brands found at ingest. The report now says which
    configured brands no stored post names, and how to count them (with -q, in the report alone)."""
    rows = "".join(f"{d},2026-11-0{d}T10:00:00Z,Skyway and Nova lost my bag\n" for d in range(2, 9))
    (tmp_path / "p.csv").write_text("post_id,created_at,text\n" + rows)
    (tmp_path / "before.toml").write_text(CONFIG_TOML)
    (tmp_path / "now.toml").write_text(CONFIG_TOML + '[brands.Nova]\nterms = ["Nova"]\n')
    db = str(tmp_path / "h.duckdb")
    ingest = ["ingest", str(tmp_path / "p.csv"), "--store", db, "-c", str(tmp_path / "before.toml")]
    assert CliRunner().invoke(main, ingest).exit_code == 0
    now = ["--store", db, "-c", str(tmp_path / "now.toml"), "--until", "2026-11-09", "-f", "md"]
    result = run(*now)
    assert result.exit_code == 0, result.stderr
    note = (
        "no stored post names Aerolux, Nova: posts keep the brands found when they were ingested, so after adding a"
        " brand or changing its terms, ingest the exports again (docs/store.md, Analyzed once)"
    )
    assert f"note: {note}" in " ".join(result.stderr.split())  # (rich wraps lines on stderr)
    assert f"> {note}" in result.stdout
    assert "| Nova | 0 |" in result.stdout
    quiet = run(*now, "-q")
    assert "no stored post" not in quiet.stderr and f"> {note}" in quiet.stdout
    # ingested again with the config, Nova has its posts and no note
    assert CliRunner().invoke(main, [*ingest[:-1], str(tmp_path / "now.toml")]).exit_code == 0
    again = run(*now)
    assert "no stored post names Nova" not in again.stdout + again.stderr
    assert "| Nova | 7 |" in again.stdout


WATER_POSTS = (
    "id,created_at,author,text\n"
    "1,2026-12-06T10:00Z,u1,@ClearbrookWater no pressure at all on Station Road since 6am\n"
    "2,2026-12-06T10:05Z,@AshbyCouncil,Bottled water station open at Ashby Leisure Centre from 10am\n"
    "3,2026-12-06T10:10Z,DWRegulator,We are aware of the boil water notice and in contact with the company\n"
    "4,2026-12-06T10:15Z,ashbygazette,LIVE: boil water notice for 40000 homes. Updates here\n"
    "5,2026-12-06T10:20Z,u5,@AshbyCouncil where are the bottles in Hollins?\n"
)


def test_a_brand_that_posts_under_its_own_handles_alone_is_not_sent_to_ingest_again(tmp_path):
    """A water utility's tester made the regulator and a local paper brands (`competitor`, with their `handles`), and
    they post under their own handles while no one else named them: `report` and `alerts` said "no stored post names
    WaterRegulator, AshbyGazette: ... ingest the exports again", which would change nothing (a brand's own posts name
    it by their author alone, which counts for no brand). The council, named by a customer, is in no note; a brand
    that posted nothing keeps the advice."""
    config = (
        '[brands.Clearbrook]\nterms = ["Clearbrook"]\nhandles = ["@ClearbrookWater"]\n'
        '[brands.AshbyCouncil]\nterms = ["@AshbyCouncil"]\nhandles = ["@AshbyCouncil"]\ncompetitor = true\n'
        '[brands.WaterRegulator]\nterms = ["Drinking Water Regulator"]\nhandles = ["@DWRegulator"]\ncompetitor = true\n'
        '[brands.AshbyGazette]\nterms = ["Ashby Gazette"]\nhandles = ["@AshbyGazette"]\ncompetitor = true\n'
    )
    (tmp_path / "water.toml").write_text(config)
    (tmp_path / "more.toml").write_text(config + '[brands.Nova]\nterms = ["Nova"]\n')
    (tmp_path / "p.csv").write_text(WATER_POSTS)
    db = str(tmp_path / "s.duckdb")
    ingest = ["ingest", str(tmp_path / "p.csv"), "--store", db, "-c", str(tmp_path / "water.toml"), "-q"]
    assert CliRunner().invoke(main, ingest).exit_code == 0
    note = (
        "no stored post names WaterRegulator, AshbyGazette: their own posts (by their handles) are stored, which"
        " count for no brand, and no one else's names them"
    )
    result = run("--store", db, "-c", str(tmp_path / "water.toml"), "--until", "2026-12-07", "-f", "md")
    assert result.exit_code == 0, result.stderr
    assert f"> {note}\n" in result.stdout and "ingest the exports again" not in result.stdout
    alerts = ["alerts", "--store", db, "-c", str(tmp_path / "water.toml"), "--until", "2026-12-07", "--dry-run"]
    checked = CliRunner().invoke(main, [*alerts, "--for-brand", "WaterRegulator", "--for-brand", "AshbyGazette"])
    assert checked.exit_code == 0, checked.stderr
    assert f"note: {note}" in " ".join(checked.stderr.split()) and "ingest the exports" not in checked.stderr
    # a brand that posted nothing and is named by nothing: ingest again, as before; one only (its, it)
    more = ["--store", db, "-c", str(tmp_path / "more.toml"), "--until", "2026-12-07", "-f", "md"]
    more = run(*more, "--for-brand", "Nova", "--for-brand", "AshbyGazette")
    assert more.exit_code == 0, more.stderr
    assert (
        "> no stored post names Nova: posts keep the brands found when they were ingested, so after adding a brand or"
        " changing its terms, ingest the exports again (docs/store.md, Analyzed once); no stored post names"
        " AshbyGazette: its own posts (by its handles) are stored, which count for no brand, and no one else's"
        " names it\n"
    ) in more.stdout


def test_others_handles_posts_are_left_out_and_they_have_no_brand_row(tmp_path):
    """The same tester had to make the council, the regulator and a paper `competitor` brands to keep their own posts
    out of the tables and queue: the report then listed each as "(competitor)", two at 0 posts. `[others] handles`
    are accounts that are neither ours nor competitors: their posts are left out as a brand's own are, said so in the
    headline, and they are no brand (a customer's post to the council alone is of no brand)."""
    (tmp_path / "c.toml").write_text(
        '[brands.Clearbrook]\nterms = ["Clearbrook"]\nhandles = ["@ClearbrookWater"]\n'
        '[others]\nhandles = ["@AshbyCouncil", "@DWRegulator", "AshbyGazette"]\n'
    )
    (tmp_path / "p.csv").write_text(WATER_POSTS)
    db = str(tmp_path / "s.duckdb")
    ingest = ["ingest", str(tmp_path / "p.csv"), "--store", db, "-c", str(tmp_path / "c.toml"), "-q"]
    assert CliRunner().invoke(main, ingest).exit_code == 0
    result = run("--store", db, "-c", str(tmp_path / "c.toml"), "--until", "2026-12-07", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["posts"], data["own_posts"]) == (2, 3)  # (posts 1 and 5; 2, 3 and 4 the others')
    assert [(r["brand"], r["volume"]) for r in data["tables"]["brands"]] == [
        ("Clearbrook", 1),
        ("(no brand)", 1),
        ("(all posts)", 2),
    ]
    assert not any("no stored post" in n for n in data["notes"])
    md = run("--store", db, "-c", str(tmp_path / "c.toml"), "--until", "2026-12-07", "-f", "md")
    assert "2 posts (+2 vs 2026-11-23 .. 2026-11-29), " in md.stdout
    assert "; 3 by the brands' and others' own handles left out**" in md.stdout


def test_a_note_naming_a_brand_in_brackets_is_shown_as_written_on_the_terminal_and_stderr(tmp_path):
    """A config's brand "Nova[/]" that no stored post names: its note went to rich as markup, so `report -o FILE`
    failed with "MarkupError: closing tag '[/]' ... has nothing to close" (exit 1, after writing the report) and the
    terminal report showed "[bold]Fish" as a bold "Fish". `queue` and `alerts` escaped the same note already."""
    (tmp_path / "p.csv").write_text("post_id,created_at,text\n1,2026-11-03T10:00:00Z,Skyway lost my bag\n")
    brands = '[brands."Nova[/]"]\nterms = ["Nova"]\n[brands."[bold]Fish"]\nterms = ["Fish"]\n'
    (tmp_path / "c.toml").write_text(CONFIG_TOML + brands)
    (tmp_path / "before.toml").write_text(CONFIG_TOML)
    db = str(tmp_path / "h.duckdb")
    ingest = ["ingest", str(tmp_path / "p.csv"), "--store", db, "-c", str(tmp_path / "before.toml")]
    assert CliRunner().invoke(main, ingest).exit_code == 0
    now = ["--store", db, "-c", str(tmp_path / "c.toml"), "--until", "2026-11-09"]
    shown = "no stored post names Aerolux, Nova[/], [bold]Fish: posts keep the brands found"
    written = run(*now, "-o", str(tmp_path / "r.md"))
    assert written.exit_code == 0, written.stderr
    assert f"note: {shown}" in " ".join(written.stderr.split())
    assert "> no stored post names Aerolux, Nova\\[/], \\[bold]Fish: posts" in (tmp_path / "r.md").read_text()
    table = run(*now, "-f", "table")
    assert table.exit_code == 0, table.stderr
    assert shown in " ".join(table.stdout.split())


def test_a_brand_removed_from_the_config_is_none_of_ours_in_report_queue_and_alerts(tmp_path):
    """A brand removed from the config still showed in `report` as one of ours (not a competitor, with 40 % of the
    share of voice), from the brands its posts were stored with, and `queue` listed its name beside ours. Reports
    follow the config's brands: its posts name no brand now (a post naming ours too counts for ours alone), as an
    analysis with this config would find, and report, queue and alerts agree."""
    rows = "".join(
        f"{i}{d},2026-11-0{d}T10:00:00Z,{text}\n"
        for d in range(2, 9)
        for i, text in enumerate(
            ["Skyway lost my bag again", "Aerolux was great", "Legacy lost my bag", "Legacy and Skyway lost my bag"]
        )
    )
    (tmp_path / "p.csv").write_text("post_id,created_at,text\n" + rows)
    (tmp_path / "before.toml").write_text(CONFIG_TOML + '[brands.Legacy]\nterms = ["Legacy"]\n')
    (tmp_path / "now.toml").write_text(CONFIG_TOML)  # (Skyway, and Aerolux a competitor)
    db = str(tmp_path / "h.duckdb")
    ingest = ["ingest", str(tmp_path / "p.csv"), "--store", db, "-c", str(tmp_path / "before.toml")]
    assert CliRunner().invoke(main, ingest).exit_code == 0
    now = ["--store", db, "-c", str(tmp_path / "now.toml"), "--until", "2026-11-09"]
    result = run(*now, "-f", "json")
    assert result.exit_code == 0, result.stderr
    table = {
        r["brand"]: (r["competitor"], r["volume"], r["share_of_voice"])
        for r in json.loads(result.stdout)["tables"]["brands"]
    }
    # 14 Skyway mentions (7 with Legacy) and 7 Aerolux ones: 66.7 % and 33.3 %; the 7 Legacy-only posts name none
    assert table == {
        "Skyway": (False, 14, 66.7),
        "Aerolux": (True, 7, 33.3),
        "(no brand)": (False, 7, None),
        "(all posts)": (False, 28, None),
    }
    queue = CliRunner().invoke(main, ["queue", *now, "-f", "json"])
    assert queue.exit_code == 0, queue.stderr
    queued = json.loads(queue.stdout)
    assert len(queued) == 14 and {q["brands"] for q in queued} == {"Skyway"}
    # (the config the posts were stored with still counts them as stored)
    before = run("--store", db, "-c", str(tmp_path / "before.toml"), "--until", "2026-11-09", "-f", "json")
    assert {r["brand"]: r["volume"] for r in json.loads(before.stdout)["tables"]["brands"]}["Legacy"] == 14
    # a spike of the removed brand's posts on the last day is no alert of ours; the config naming it still fires one
    spike = "".join(f"9{k},2026-11-08T11:{k:02d}:00Z,Legacy lost my bag\n" for k in range(20))
    (tmp_path / "spike.csv").write_text("post_id,created_at,text\n" + spike)
    ingest[1] = str(tmp_path / "spike.csv")
    assert CliRunner().invoke(main, ingest).exit_code == 0
    check = ["alerts", "--store", db, "--until", "2026-11-09", "--dry-run", "--min-volume", "1", "-f", "jsonl"]
    alerts = CliRunner().invoke(main, [*check, "-c", str(tmp_path / "now.toml")])
    assert (alerts.exit_code, alerts.stdout) == (0, ""), alerts.stderr
    fired = CliRunner().invoke(main, [*check, "-c", str(tmp_path / "before.toml")])
    assert fired.exit_code == 3, fired.stderr
    assert [(a["brand"], a["kind"], a["volume"]) for a in map(json.loads, fired.stdout.splitlines())] == [
        ("Legacy", "volume", 22)
    ]


def test_brands_given_by_option_alone_add_to_the_stored_ones_and_names_match_in_any_case(tmp_path):
    """Reports follow the config's brands, so `report --brand 'Newco=newco'` (no config file) showed every stored
    brand as `(no brand)`; and a brand renamed in case alone (`skyway` when ingested, `Skyway` now) lost its history.
    Brands given by --brand alone are added to the stored ones; a stored name is the configured brand's that it
    differs from in case alone, its own score in a post naming several too."""
    rows = "".join(
        f"{i}{d},2026-11-0{d}T10:00:00Z,{text}\n"
        for d in range(2, 9)
        for i, text in enumerate(["Skyway lost my bag again", "Aerolux was great", "switched from Skyway to Aerolux"])
    )
    (tmp_path / "p.csv").write_text("post_id,created_at,text\n" + rows)
    (tmp_path / "lower.toml").write_text(CONFIG_TOML.replace("[brands.Skyway]", "[brands.skyway]"))
    (tmp_path / "now.toml").write_text(CONFIG_TOML)  # (Skyway, and Aerolux a competitor)
    db = str(tmp_path / "h.duckdb")
    ingest = ["ingest", str(tmp_path / "p.csv"), "--store", db, "-c", str(tmp_path / "lower.toml")]
    assert CliRunner().invoke(main, ingest).exit_code == 0
    with store.open_store(db) as con:  # (stored as that config named it)
        assert con.execute("SELECT count(*) FROM posts WHERE brands = 'skyway;Aerolux'").fetchone() == (7,)

    def brands(*options):
        result = run("--store", db, "--until", "2026-11-09", "-f", "json", "--top", "20", *options)
        assert result.exit_code == 0, result.stderr
        tables = json.loads(result.stdout)["tables"]
        return {r["brand"]: (r["volume"], r["negative"], r["share_of_voice"]) for r in tables["brands"]}, tables

    # 14 Skyway mentions (7 "lost my bag", negative; 7 "switched from", negative for Skyway) and 14 Aerolux ones
    # (7 "was great", 7 switched to: positive for Aerolux): 50 % each
    table, tables = brands("-c", str(tmp_path / "now.toml"))
    assert table == {"Skyway": (14, 14, 50.0), "Aerolux": (14, 0, 50.0), "(all posts)": (21, 7, None)}
    assert {r["brand"]: r["volume"] for r in tables["intents"]}["Skyway"] == 14
    assert sorted(r["negative_for"] for r in tables["negative_posts"]) == ["Skyway"] * 14
    own = {r["brand_sentiments"] for r in tables["negative_posts"]} - {None}  # (Skyway's name, its own score negative)
    assert len(own) == 1 and re.fullmatch(r"Skyway=-0\.\d{4};Aerolux=0\.\d{4}", own.pop())
    # no config file: the stored brands (as stored), and Newco, which no stored post names
    table, _ = brands("--brand", "Newco=newco")
    assert table == {
        "Newco": (0, 0, 0.0),
        "Aerolux": (14, 0, 50.0),
        "skyway": (14, 14, 50.0),
        "(all posts)": (21, 7, None),
    }
    # queue and alerts alike: the stored brands are brands of the run (the 14 Skyway posts negative towards it)
    queue = CliRunner().invoke(main, ["queue", "--store", db, "--brand", "Newco=newco", "--until", "2026-11-09"])
    assert queue.exit_code == 0 and "14 posts to answer" in queue.stderr, queue.stderr
    table, _ = brands("--brand", "SKYWAY=skyway")  # (the stored brand, in the option's case)
    assert table == {"SKYWAY": (14, 14, 50.0), "Aerolux": (14, 0, 50.0), "(all posts)": (21, 7, None)}


def test_stored_brand_names_differing_in_case_alone_are_one_brand_without_a_config_file(tmp_path):
    """With `--brand` alone (or no brand at all) the stored brands are the run's, each as stored: a brand ingested as
    `skyway` with one config and as `Skyway` with the next was two brands, its posts and share of voice split in
    two, and `queue` counted them apart. Names differing in case alone are one brand, spelt as its newest post
    names it (the config's rename)."""
    rows = "".join(
        f"{i}{d},2026-11-0{d}T10:00:00Z,{text}\n"
        for d in range(2, 9)
        for i, text in enumerate(["Skyway lost my bag again", "Aerolux was great"])
    )
    (tmp_path / "p.csv").write_text("post_id,created_at,text\n" + rows)
    (tmp_path / "lower.toml").write_text(CONFIG_TOML.replace("[brands.Skyway]", "[brands.skyway]"))
    (tmp_path / "now.toml").write_text(CONFIG_TOML)
    db = str(tmp_path / "h.duckdb")
    early, late = (tmp_path / "early.csv"), (tmp_path / "late.csv")
    lines = (tmp_path / "p.csv").read_text().splitlines()
    early.write_text("\n".join(lines[:9]) + "\n")  # 2026-11-02..05: ingested as skyway
    late.write_text("\n".join([lines[0], *lines[9:]]) + "\n")  # 11-06..08: as Skyway, after the rename
    for path, cfg in ((early, "lower.toml"), (late, "now.toml")):
        ingest = CliRunner().invoke(main, ["ingest", str(path), "--store", db, "-c", str(tmp_path / cfg)])
        assert ingest.exit_code == 0, ingest.stderr
    with store.open_store(db) as con:
        spelt = con.execute("SELECT brands, count(*) FROM posts GROUP BY brands ORDER BY brands").fetchall()
    assert spelt == [("Aerolux", 7), ("Skyway", 3), ("skyway", 4)]
    for options in (["--brand", "Newco=newco"], []):
        result = run("--store", db, "--until", "2026-11-09", "-f", "json", *options)
        assert result.exit_code == 0, result.stderr
        table = {r["brand"]: (r["volume"], r["share_of_voice"]) for r in json.loads(result.stdout)["tables"]["brands"]}
        assert {k: v for k, v in table.items() if k != "Newco"} == {
            "Aerolux": (7, 50.0),
            "Skyway": (7, 50.0),
            "(all posts)": (14, None),
        }, options
    queue_args = ["queue", "--store", db, "--brand", "Newco=newco", "--until", "2026-11-09", "-f", "json"]
    queue = CliRunner().invoke(main, queue_args)
    assert queue.exit_code == 0, queue.stderr
    assert sorted({q["brands"] for q in json.loads(queue.stdout)}) == ["Skyway"]


def test_a_version_1_stores_posts_without_an_intent_are_counted_as_none_and_the_report_says_so(tmp_path):
    """A store of schema version 1 holds no intents: migrated, its posts' intent is NULL, and the intents table
    counted them as `none` without a word, as if no customer had complained."""
    import duckdb

    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute(store.V1_DDL)
    con.execute(
        """INSERT INTO posts (post_id, platform, created_at, author, text, brands, sentiment, sentiment_label, topics,
           ingested_at) VALUES
           ('1', 'twitter', '2026-11-02 09:00', 'u1', 'Skyway lost my bag', 'Skyway', -0.5, 'negative', '', now()),
           ('2', 'twitter', '2026-11-03 09:00', 'u2', 'does Skyway fly to Paris?', 'Skyway', 0, 'neutral', '', now())
        """
    )
    con.close()
    (tmp_path / "c.toml").write_text(CONFIG_TOML)
    (tmp_path / "new.csv").write_text("post_id,created_at,text\n3,2026-11-04T10:00:00Z,Skyway lost my bag again\n")
    ingest = ["ingest", str(tmp_path / "new.csv"), "--store", str(db), "-c", str(tmp_path / "c.toml")]
    assert CliRunner().invoke(main, ingest).exit_code == 0  # (migrates the store; post 3 is tagged)
    result = run("--store", str(db), "-c", str(tmp_path / "c.toml"), "--until", "2026-11-09", "-f", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    skyway = next(r for r in report["tables"]["intents"] if r["brand"] == "Skyway")
    assert (skyway["volume"], skyway["complaint"], skyway["none"]) == (3, 1, 2)  # posts 1 and 2 untagged: none
    note = (
        "2 of the period's posts were stored without an intent (in a store of schema version 1, or unanalyzed): the"
        " intents table counts them as none; ingest their exports again to tag them"
    )
    assert note in report["notes"] and f"note: {note}" in " ".join(result.stderr.split())
    # with -q (cron), not on stderr: no news, week after week until the exports are ingested again; in the report
    quiet = run("--store", str(db), "-c", str(tmp_path / "c.toml"), "--until", "2026-11-09", "-f", "json", "-q")
    assert quiet.exit_code == 0, quiet.stderr
    assert (quiet.stderr, json.loads(quiet.stdout)["notes"]) == ("", report["notes"])


def test_a_store_of_posts_without_a_time_says_so_not_that_it_holds_none(tmp_path):
    """An export without a time column, ingested: `alerts` said the store "holds no posts", `report` nothing."""
    (tmp_path / "c.toml").write_text(CONFIG_TOML)
    (tmp_path / "p.csv").write_text("post_id,text\n1,Skyway lost my bag\n2,Aerolux was great\n3,nothing here\n")
    db = str(tmp_path / "h.duckdb")
    args = ["--store", db, "-c", str(tmp_path / "c.toml")]
    assert CliRunner().invoke(main, ["ingest", str(tmp_path / "p.csv"), *args]).exit_code == 0
    said = (
        "the store's 3 posts have no time, so they are in no {}: ingest their exports again with --map"
        " created_at=COLUMN (the column of their times)"
    )
    result = run(*args, "--until", "2026-11-09", "-f", "md")
    assert result.exit_code == 0 and "warning: " + said.format("report") in " ".join(result.stderr.split())
    alerts = CliRunner().invoke(main, ["alerts", *args, "--until", "2026-11-09", "--dry-run"])
    assert alerts.exit_code == 0 and said.format("alert") in " ".join(alerts.stderr.split())
    assert "holds no posts" not in alerts.stderr


def test_report_from_files_analyzed_on_the_fly(tmp_path):
    (tmp_path / "c.toml").write_text(CONFIG_TOML)
    src = tmp_path / "p.csv"
    src.write_text(
        "post_id,created_at,text\n"
        "1,2026-11-02T10:00:00Z,I love Skyway\n"
        "2,2026-11-03T10:00:00Z,Skyway is terrible and late\n"
        "3,2026-11-04T10:00:00Z,Aerolux flight today\n"
        "4,2026-10-27T10:00:00Z,Skyway flight today\n"
    )
    result = run(str(src), "-c", str(tmp_path / "c.toml"), "--until", "2026-11-09", "-f", "json")
    assert result.exit_code == 0, result.stderr
    brands = {r["brand"]: r for r in json.loads(result.stdout)["tables"]["brands"]}
    assert brands["Skyway"]["volume"] == 2 and brands["Skyway"]["nss"] == 0.0 and brands["Skyway"]["volume_prev"] == 1
    assert brands["Aerolux"]["share_of_voice"] == 33.3
    # a period the files have no post in: their dates are named, as the store's newest post is (the default
    # period, last week, is empty for last month's export)
    empty = run(str(src), "-c", str(tmp_path / "c.toml"), "--until", "2026-12-07", "-f", "md")
    assert empty.exit_code == 0 and "no posts in 2026-11-30 .. 2026-12-06" in empty.stdout
    assert "warning: the posts read are from 2026-10-27 to 2026-11-04: use --until or --since\n" in empty.stderr
    assert "posts read" not in result.stderr


def test_report_from_files_without_times(tmp_path):
    """An export of texts alone: `report texts.csv` stopped with "ValueError: NaTType does not support
    strftime" (exit 1, no report) while naming the dates of the posts read, which had none."""
    (tmp_path / "c.toml").write_text(CONFIG_TOML)
    src = tmp_path / "texts.csv"
    src.write_text("post_id,text\n1,I love Skyway\n2,Skyway is terrible and late\n")
    result = run(str(src), "-c", str(tmp_path / "c.toml"), "--until", "2026-11-09", "-f", "md")
    assert result.exit_code == 0, result.stderr
    assert "2 posts, 2 without a time (in no report, alert or queue)" in result.stderr
    assert "no posts in 2026-11-02 .. 2026-11-08" in result.stdout
    assert "posts read are from" not in result.stderr and "error" not in result.stderr


def test_json_report_escapes_what_a_terminal_would_act_on(tmp_path):
    """A top post's C1 CSI (U+009B) and U+202E went raw into the JSON report, to a terminal with -f json."""
    (tmp_path / "c.toml").write_text(CONFIG_TOML)
    text = "I love Skyway \x9b2J \u202eevil"
    # (a like: a post without engagement is in no "top posts" table since stop 36)
    post = {"id": "1", "created_at": "2026-11-02T10:00:00Z", "text": text, "likes": 1}
    (tmp_path / "p.jsonl").write_text(json.dumps(post))
    result = run(str(tmp_path / "p.jsonl"), "-c", str(tmp_path / "c.toml"), "--until", "2026-11-09", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert "\x9b" not in result.stdout and "\u202e" not in result.stdout
    assert '"text": "I love Skyway \\u009b2J \\u202eevil"' in result.stdout
    assert json.loads(result.stdout)["tables"]["top_posts"][0]["text"] == text


def test_a_post_in_two_exports_is_reported_from_the_later_one_as_the_store_keeps_it(tmp_path):
    """Monday's export has post 1 with 1 like; Tuesday's has it edited and with 40. The report from the
    files counts Tuesday's copy, as ingest then report does."""
    (tmp_path / "c.toml").write_text(CONFIG_TOML)
    head = "post_id,platform,created_at,text,likes\n"
    (tmp_path / "mon.csv").write_text(head + "1,twitter,2026-11-02T10:00:00Z,I love Skyway,1\n")
    (tmp_path / "tue.csv").write_text(
        head + "1,twitter,2026-11-02T10:00:00Z,Skyway lost my bag. Awful,40\n"
        "2,twitter,2026-11-03T10:00:00Z,Skyway flight today,0\n"
    )
    files = [str(tmp_path / "mon.csv"), str(tmp_path / "tue.csv")]
    common = ["-c", str(tmp_path / "c.toml"), "--until", "2026-11-09", "-f", "json"]
    db = tmp_path / "h.duckdb"
    ingested = CliRunner().invoke(main, ["ingest", *files, "-c", str(tmp_path / "c.toml"), "--store", str(db)])
    assert ingested.exit_code == 0, ingested.stderr
    reports = [json.loads(run(*files, *common).stdout), json.loads(run("--store", str(db), *common).stdout)]
    for data in reports:
        skyway = next(r for r in data["tables"]["brands"] if r["brand"] == "Skyway")
        assert (skyway["volume"], skyway["positive"], skyway["negative"]) == (2, 0, 1)
        top = data["tables"]["top_posts"][0]
        assert (top["text"], top["engagement"]) == ("Skyway lost my bag. Awful", 40)


def test_an_export_without_some_fields_keeps_those_an_earlier_one_gave(tmp_path):
    """The full export gave author, followers, url and likes; a later one of only id, time and text (another
    tool, `fetch --store` from an API without counts) blanked them in the store and in reports from FILES."""
    (tmp_path / "c.toml").write_text(CONFIG_TOML)
    (tmp_path / "full.csv").write_text(
        "post_id,platform,created_at,author,author_followers,text,url,likes\n"
        "1,twitter,2026-11-02T10:00:00Z,ann,5000,Skyway lost my bag,https://x.com/ann/status/1,40\n"
    )
    (tmp_path / "bare.csv").write_text(
        "post_id,platform,created_at,text\n1,twitter,2026-11-02T10:00:00Z,Skyway lost my bag\n"
    )
    (tmp_path / "later.csv").write_text(
        "post_id,platform,created_at,text,likes\n1,twitter,2026-11-02T10:00:00Z,Skyway lost my bag,55\n"
    )
    files = [str(tmp_path / name) for name in ("full.csv", "bare.csv", "later.csv")]
    db = tmp_path / "h.duckdb"
    ingested = CliRunner().invoke(main, ["ingest", *files, "-c", str(tmp_path / "c.toml"), "--store", str(db)])
    assert ingested.stderr.splitlines()[-1] == f"{db}: inserted 1, updated 1, unchanged 1 (rejected 0)"
    stored = store.load_posts(db)
    assert stored[["author", "author_followers", "url", "likes"]].values.tolist() == [
        ["ann", 5000, "https://x.com/ann/status/1", 55]
    ]
    common = ["-c", str(tmp_path / "c.toml"), "--until", "2026-11-09", "-f", "json"]
    for source in (files, ["--store", str(db)]):
        top = json.loads(run(*source, *common).stdout)["tables"]["top_posts"]
        assert [(t["author"], t["followers"], t["engagement"], t["url"]) for t in top] == [
            ("ann", 5000, 55, "https://x.com/ann/status/1")
        ]


def test_html_report_is_self_contained(stored, tmp_path):
    out = tmp_path / "r.html"
    result = run("--store", str(stored), "--until", "2026-11-09", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    html = out.read_text("utf-8")
    assert html.count("<svg") == 3
    # nothing to fetch: no scripts, stylesheets, images or fonts from elsewhere
    for needle in ("<script", "<link", "<img", 'src="http', "url(http", "@import"):
        assert needle not in html
    assert "Share of voice" in html and "71.4%" in html


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(not CHROMIUM, reason="needs chromium (Debian package `chromium`) for the headless check")
def test_html_report_renders_in_headless_chromium(stored, tmp_path):
    out = tmp_path / "r.html"
    run("--store", str(stored), "--until", "2026-11-09", "-o", str(out))
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'chromium'}",
    ]
    shot = tmp_path / "r.png"  # (one start: the DOM on stdout and the screenshot, each a Chromium start of ~2 s)
    dom = subprocess.run(
        [CHROMIUM, *flags, f"--screenshot={shot}", "--window-size=1200,1600", "--dump-dom", out.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert dom.returncode == 0, dom.stderr[-500:]
    assert dom.stdout.count("<svg") == 3
    assert dom.stdout.count("<table") >= 5
    assert "Volume per day" in dom.stdout  # chart text stays text (svg.fonttype none)
    assert shot.stat().st_size > 20_000  # a blank page is a few kB


def _chromium_dom(html_file, tmp_path, width: int) -> str:
    """The page's DOM after layout in headless Chromium `width` px wide (its scripts have run)."""
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
    flags += ["--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'chromium'}"]
    dom = subprocess.run(
        [CHROMIUM, *flags, f"--window-size={width},1600", "--dump-dom", html_file.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert dom.returncode == 0, dom.stderr[-500:]
    return dom.stdout


@pytest.mark.skipif(not CHROMIUM, reason="needs chromium (Debian package `chromium`) for the headless check")
def test_html_report_lays_out_long_links_and_right_to_left_posts(tmp_path):
    """A post of a 90-character link widened the posts table past a 1200 px window (scrolled sideways for
    its URL column), and a Hebrew post showed its clauses in the wrong order, its "!" at its start."""
    posts = ten_posts()
    posts.loc[0, "text"] = "see https://example.com/" + "a" * 90 + " 🙄 & more"
    posts.loc[1, "text"] = "מה קורה עם הטיסה של A? כבר שלוש שעות!"
    posts.loc[4, "text"] = "תודה B, טיסה מעולה!"
    html = render_html(build_report(posts, config(), WEEK, comparison_period(WEEK), top=2))
    measure = (
        "<script>const d = document.documentElement, cells = [...document.querySelectorAll('td.text')];"
        "document.body.dataset.probe = JSON.stringify({page: d.scrollWidth - d.clientWidth,"
        " tables: [...document.querySelectorAll('table')].map(t => t.scrollWidth - t.parentElement.clientWidth),"
        " dirs: cells.map(c => getComputedStyle(c).direction)})</script></body>"
    )
    page = tmp_path / "r.html"
    page.write_text(html.replace("</body>", measure), "utf-8")
    found = re.search(r'data-probe="([^"]*)"', _chromium_dom(page, tmp_path, 1200)).group(1)
    probe = json.loads(found.replace("&quot;", '"'))
    assert probe["page"] == 0 and probe["tables"] == [0] * 12  # every table fits its box: nothing to scroll
    # top posts (post 1; post 2, with 0 likes, is not among the posts with most engagement since stop 36) and
    # negative posts (post 2, post 3) and praised posts (post 5, post 6, since stop 52): the Hebrew ones read right
    # to left
    assert probe["dirs"] == ["ltr", "rtl", "ltr", "rtl", "ltr"]


def test_emerging_terms_drop_bare_links():
    base = pd.Series(["flight was fine today"] * 40)
    cur = pd.Series(["refunds go through skyway.example/help now"] * 10 + ["flight was fine today"] * 10)
    out = emerging_terms(cur, base)
    assert len(out) == 1  # every word of the new sentence is in the same 10 posts
    terms = {out["term"].iloc[0], *out["also"].iloc[0].split(", ")}
    assert "refunds" in terms and "go" in terms
    assert not {"skyway", "example", "help", "skyway example"} & terms


class _Tags(HTMLParser):
    """Every start tag and its attributes, as a browser's parser sees them."""

    def __init__(self, markup: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


HOSTILE = {
    "text": "A <script>alert('x')</script> & [click](javascript:alert(3)) a\\|b",
    "author": "<img src=x onerror=alert(1)>\r| injected | row |",
    "url": 'https://x.com/" onmouseover="alert(1)" x=""><svg onload=alert(2)>',
}


@pytest.fixture
def hostile_report():
    posts = ten_posts()
    for col, value in HOSTILE.items():
        posts.loc[0, col] = value  # post 1, the week's top post by likes
    return build_report(posts, config(), WEEK, comparison_period(WEEK), top=2)


def test_html_report_keeps_post_markup_as_text(hostile_report):
    tags = _Tags(render_html(hostile_report)).tags
    names = {t for t, _ in tags}
    assert "script" not in names and "img" not in names
    assert all(not k.startswith("on") for _, attrs in tags for k in attrs)
    links = [attrs["href"] for t, attrs in tags if t == "a"]
    assert links and all(h.startswith("https://x.com/u/status/") for h in links)  # the hostile URL is not a link
    assert sum(1 for t, _ in tags if t == "svg") == 3  # the report's own charts, no injected one
    html = render_html(hostile_report)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html  # shown, as text


def test_html_shows_a_long_link_short_and_links_it_whole():
    """A booking site's tracking URL of 300 characters without a space, broken anywhere in its column, made its row a
    phone screen tall and a third of a printed page; its cell shows its first 60 characters now, the link is whole."""
    posts = ten_posts()
    url = "https://booking.example.com/hotel/gb/harbourlight.html?aid=304142&label=" + "x" * 230
    posts.loc[0, "url"] = url  # post 1, the week's top post by likes
    tags = _Tags(render_html(build_report(posts, config(), WEEK, None, top=1))).tags
    links = [attrs for t, attrs in tags if t == "a" and attrs["href"].startswith("https://booking")]
    assert [(a["href"], a["title"]) for a in links] == [(url, url)]
    html = render_html(build_report(posts, config(), WEEK, None, top=1))
    shown = "https://booking.example.com/hotel/gb/harbourlight.html?aid=…"  # 8 + 19 + 6 + 3 + 18 + 5 = 59, and …
    assert len(shown) == 60 and f'rel="noopener noreferrer">{shown}</a>' in html.replace("&amp;", "&")
    assert 'rel="noopener noreferrer">https://x.com/u/status/2</a>' in html  # a short one as it is


def test_html_tables_are_named_for_a_screen_reader(rep):
    """A screen reader's list of the page's tables said "table" nine times: each has its section's name now."""
    tables = [attrs.get("aria-label") for t, attrs in _Tags(render_html(rep)).tags if t == "table"]
    assert tables == [
        "Volume over time: the figures",
        "Sentiment over time: the figures",
        "Share of voice: the figures",
        "Brands",
        "Topics",
        "Topics that grew most",
        "Topics per brand",
        "Intents per brand",
        "Top authors by reach",
        "Top posts by engagement naming a brand",
        "Most negative high-reach posts naming a brand",
        "Most praised high-reach posts naming a brand",
    ]  # (no emerging term this week: its section is a sentence)


def test_markdown_report_keeps_post_markup_as_text(hostile_report):
    from markdown_it import MarkdownIt

    md = render_markdown(hostile_report)
    rendered = MarkdownIt("commonmark").enable("table").render(md)
    tags = _Tags(rendered).tags
    ours = {"h1", "h2", "p", "strong", "em", "table", "thead", "tbody", "tr", "th", "td", "hr"}  # (hr: the footer's)
    assert {t for t, _ in tags} <= ours
    top = md.split("## Top posts by engagement")[1].split("\n\n")[1].splitlines()
    cells = [re.split(r"(?<!\\)\|", line) for line in top]  # split at pipes not escaped
    # header, rule, 1 post: 8 cells (+ 2 ends) each (post 2, with 0 likes, is not listed as engaging: stop 36)
    assert len(top) == 3 and all(len(c) == 10 for c in cells)
    assert "a\\\\\\|b" in md  # a backslash before a pipe survives: \\ then \|
    assert "<script>alert(&#x27;x&#x27;)&lt;/script&gt;" not in rendered
    assert "&lt;script&gt;alert(" in rendered


def test_markdown_report_shows_backticks_and_controls_as_text():
    """A post's backticks made a code span in which `<b>` showed as `&lt;b&gt;`; its ESC sequences went
    raw into the Markdown, and so onto a terminal with `report -f md`; the title was not escaped."""
    from markdown_it import MarkdownIt

    posts = ten_posts()
    posts.loc[0, "text"] = "A `<b>` \x1b[31mred\x1b[0m \u202eevil"
    rep = build_report(posts, config(), WEEK, comparison_period(WEEK), top=2)
    rep.title = "<i>Week</i>\n| x"
    md = render_markdown(rep)
    assert "\x1b" not in md and "\u202e" not in md
    assert md.startswith("# &lt;i&gt;Week&lt;/i&gt; \\| x: 2026-11-02 .. 2026-11-08\n")
    assert "| A \\`&lt;b&gt;\\` \ufffd\\[31mred\ufffd\\[0m \ufffdevil |" in md
    rendered = MarkdownIt("commonmark").enable("table").render(md)
    assert "<code>" not in rendered and "<i>" not in rendered
    assert "<td>A `&lt;b&gt;` \ufffd[31mred\ufffd[0m \ufffdevil</td>" in rendered
    assert "<h1>&lt;i&gt;Week&lt;/i&gt; | x: 2026-11-02 .. 2026-11-08</h1>" in rendered


def test_without_brands_the_history_commands_warn(stored, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./brandpulse.toml
    monkeypatch.delenv("BRANDPULSE_CONFIG", raising=False)
    for command, when in (("report", "--until"), ("alerts", "--until"), ("queue", "--now")):
        bare = CliRunner().invoke(main, [command, "--store", str(stored), when, "2026-11-09", "-q"])
        assert bare.exit_code in (0, 3), bare.stderr
        assert bare.stderr.startswith("no brands configured") and "competitor flags" in bare.stderr
    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML)
    configured = CliRunner().invoke(main, ["report", "--store", str(stored), "--until", "2026-11-09", "-q"])
    assert configured.exit_code == 0 and configured.stderr == ""  # -q: nothing else to say


def test_quiet_history_commands_still_count_the_rows_they_rejected_from_files(tmp_path):
    """`ingest -q` says how many rows it rejected; report, alerts and queue reading FILES said nothing with -q,
    so a cron job's report silently left rows out."""
    src = tmp_path / "posts.csv"
    src.write_text(
        "id,created_at,text\n"
        "0,2026-10-28T10:00:00Z,Skyway was fine\n"  # (a post in the week before: no note about an empty one)
        "1,2026-11-03T10:00:00Z,Skyway lost my bag\n"
        "2,2026-11-03T11:00:00Z,Skyway lost my bag again,extra\n"  # line 4: a field too many
        "3,not a date,Skyway is late\n"  # line 5
    )
    saved = tmp_path / "rejects.csv"
    for command, when in (("report", "--until"), ("alerts", "--until"), ("queue", "--now")):
        args = [command, str(src), "--brand", "Skyway", when, "2026-11-09", "-q"]
        args += ["--state", str(tmp_path / "sent.json")] if command == "alerts" else ["-f", "json"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.stderr
        assert result.stderr.splitlines() == [
            "2 rows rejected on reading (use --rejects FILE to save all 2 rejected rows)"
        ]
        result = CliRunner().invoke(main, [*args, "--rejects", str(saved)])
        assert result.exit_code == 0, result.stderr
        assert result.stderr.splitlines() == [f"2 rows rejected on reading (in {saved})"]
        assert len(pd.read_csv(saved)) == 2


def test_quiet_report_keeps_an_empty_week_but_not_the_first_weeks_notes(stored):
    """The store's first week has no baseline and an empty week before it: both expected, in the report but
    not mailed by cron with -q (the empty week's note was, each week, for a report of this week's FILES).
    An empty comparison week after some history is a gap: it stays on stderr with -q."""
    args = ("--store", str(stored), "--brand", "A", "--brand", "B", "--until", "2026-11-02", "-f", "md")
    loud, quiet = run(*args), run(*args, "-q")
    empty_week = "note: no posts in the comparison period 2026-10-19 .. 2026-10-25"
    assert loud.exit_code == quiet.exit_code == 0
    assert "note: no baseline posts before the period" in loud.stderr and empty_week in loud.stderr
    assert quiet.stderr == ""
    assert "> no baseline posts before the period" in quiet.stdout
    assert "> no posts in the comparison period 2026-10-19 .. 2026-10-25" in quiet.stdout
    # a week after an empty one (10-26..11-01 has posts, 11-02..08 too): the week of 11-16 compares with none
    store.ingest(stored, enriched([post(21, "2026-11-17T09:00Z", "A", "positive")]))
    gap = run("--store", str(stored), "--brand", "A", "--until", "2026-11-23", "-f", "md", "-q")
    assert gap.exit_code == 0
    assert gap.stderr.splitlines() == [
        "note: no posts in the comparison period 2026-11-09 .. 2026-11-15: volume changes are from 0, "
        "other changes are empty"
    ]


@pytest.mark.parametrize("args", [["report", "--top", "0"], ["queue", "--limit", "0"], ["report", "--top", "-1"]])
def test_row_limits_below_one_are_usage_errors(stored, args):
    result = CliRunner().invoke(main, [*args, "--store", str(stored)])
    assert result.exit_code == 2 and "is not in the range x>=1" in result.stderr


def test_report_csv_takes_the_spreadsheet_options(stored, tmp_path):
    out = tmp_path / "posts.csv"
    args = ["--store", str(stored), "--until", "2026-11-09", "--table", "top_posts", "-o", str(out)]
    assert run(*args, "--excel").exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\n2026-11-02 09:00:00," in data and b"\r\n" in data
    assert run(*args, "--raw-csv").exit_code == 0
    assert b"\n2026-11-02T09:00:00Z," in out.read_bytes()


def test_report_table_shows_hostile_posts_without_their_control_sequences(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")  # (no folding in the cells)
    (tmp_path / "c.toml").write_text(CONFIG_TOML)
    src = tmp_path / "p.csv"
    src.write_text(
        "post_id,created_at,author,followers,likes,text\n"
        "1,2026-11-02T10:00:00Z,evil\x1b[5m,900,50,Skyway is terrible \x1b]0;PWNED\x1b\\ [red]loud[/red] \x9b2Jend\n"
        "2,2026-11-03T10:00:00Z,fan,10,1,I love Skyway\n",
        "utf-8",
    )
    result = run(str(src), "-c", str(tmp_path / "c.toml"), "--until", "2026-11-09", "-f", "table", "--title", "T\x9b2J")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out and not any("\x80" <= c <= "\x9f" for c in out)
    for shown in ("T\ufffd2J:", "evil\ufffd[5m", "\ufffd]0;PWNED\ufffd\\", "[red]loud[/red]", "\ufffd2Jend"):
        assert shown in out  # the rest of the text is shown, markup as text


def test_posts_without_a_sentiment_are_counted_as_unscored():
    """A non-English post an English-only analyzer leaves empty: in the volume, not in pos/neu/neg or NSS."""
    rows = [post(1, "2026-11-02T09:00Z", "A", "negative"), post(2, "2026-11-03T09:00Z", "A", "positive")]
    rows += [post(3, "2026-11-04T09:00Z", "A", None, sentiment=float("nan"), lang="de")]
    rep = build_report(enriched(rows), config(), WEEK, None)
    a = rep.tables["brands"].set_index("brand").loc["A"]
    assert (a["volume"], a["positive"], a["neutral"], a["negative"], a["unscored"], a["nss"]) == (3, 1, 0, 1, 1, 0.0)
    assert "| A | 3 | 1 / 0 / 1 | 1 | +0.0 |" in render_markdown(rep)


def test_timeseries_and_sentiment_chart_count_unscored_posts_so_they_add_up_to_the_volume():
    """The timeseries had no `unscored` column: Skyway's 10 posts on a day showed as 4 / 1 / 3, and the
    stacked sentiment chart's bars were short of the day's posts by its non-English ones."""
    from brandpulse.report.charts import all_charts

    rows = [post(1, "2026-11-02T09:00Z", "A", "negative"), post(2, "2026-11-02T10:00Z", "A", "positive")]
    rows += [post(3, "2026-11-02T11:00Z", "A", None, sentiment=float("nan"), lang="de")]
    rows += [post(4, "2026-11-03T11:00Z", "", None, sentiment=float("nan"), lang="fr")]
    rep = build_report(enriched(rows), config(), WEEK, None)
    ts = rep.tables["timeseries"].set_index(["brand", "bucket"])
    day1, day2 = T("2026-11-02", tz="UTC"), T("2026-11-03", tz="UTC")
    counts = ["volume", "positive", "neutral", "negative", "unscored"]
    assert ts.loc[("A", day1), counts].tolist() == [3, 1, 0, 1, 1]
    assert ts.loc[("(no brand)", day2), counts].tolist() == [1, 0, 0, 0, 1]
    assert ts.loc[("(all posts)", day2), counts].tolist() == [1, 0, 0, 0, 1]
    assert (ts["volume"] == ts[counts[1:]].sum(axis=1)).all()
    # the HTML chart's figures and its bars: 2 + 1 posts on 11-02, 1 on 11-03
    html = render_html(rep)
    sentiment = _FigureTables(html).figures[1]
    assert sentiment[0] == ["day", "negative", "neutral", "positive", "unscored"]
    assert sentiment[1:3] == [["2026-11-02", "1", "0", "1", "1"], ["2026-11-03", "0", "0", "0", "1"]]
    assert "Stacked bar chart: negative, neutral, positive and unscored posts per day" in html
    svg = dict(all_charts(rep))["Sentiment over time"]
    assert re.findall(r">(negative|neutral|positive|unscored)</text>", svg) == [
        "unscored",
        "positive",
        "neutral",
        "negative",
    ]  # the legend, top down as the stack
    # an English-only week keeps its three bands
    assert "unscored" not in dict(all_charts(build_report(ten_posts(), config(), WEEK, None)))["Sentiment over time"]


def test_chart_labels_are_text_even_with_dollar_signs():
    """Matplotlib reads text between two `$` as TeX: a brand "Ke$ha $5" lost its dollars and went italic."""
    from brandpulse.config import Brand, Config
    from brandpulse.report.charts import all_charts

    brands = Config(brands=[Brand("Ke$ha $5", ["kesha"]), Brand("B", ["B"])])
    posts = enriched(
        [post(i, f"2026-11-0{2 + i % 5}T09:00Z", "Ke$ha $5" if i % 2 else "B", "neutral") for i in range(8)]
    )
    svgs = "".join(svg for _, svg in all_charts(build_report(posts, brands, WEEK, comparison_period(WEEK))))
    assert svgs.count("Ke$ha $5</text>") == 2  # one text in the volume legend and one on the share-of-voice axis
    from matplotlib import rcParams

    assert rcParams["text.parse_math"] and rcParams["svg.fonttype"] == "path"  # a notebook's settings left alone


def test_the_volume_chart_lists_brands_in_the_config_order_beside_the_plot():
    """Its legend reads like the brand table (B before A, as configured), right of the lines: inside the
    plot it hid the points under it."""
    from brandpulse.config import Brand, Config
    from brandpulse.report.charts import all_charts

    posts = enriched([post(i, f"2026-11-0{2 + i % 5}T09:00Z", "A" if i % 2 else "B", "neutral") for i in range(8)])
    rep = build_report(posts, Config(brands=[Brand("B", ["B"]), Brand("A", ["A"])]), WEEK, None)
    svg = all_charts(rep)[0][1]
    legend = re.findall(r'<text[^>]*x="([\d.]+)"[^>]*>(B|A|\(all posts\))</text>', svg)
    assert [name for _, name in legend] == ["B", "A", "(all posts)"]
    plot_right = float(re.search(r'id="patch_2">\s*<path d="M [\d.]+ [\d.]+\s*L ([\d.]+)', svg).group(1))
    assert all(float(x) > plot_right for x, _ in legend)


def _contrast_on_white(colour: str) -> float:
    """WCAG 2 contrast ratio of #rrggbb against white."""
    srgb = [c / 255 for c in bytes.fromhex(colour[1:])]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in srgb]
    return 1.05 / (0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2] + 0.05)


def test_charts_do_not_rely_on_faint_colours_alone(rep):
    """Brands' lines differed by colour only (all round markers), some colours and the grey bars were under
    3:1 against white (orange 2.5:1, #bbbbbb 1.9:1), the sentiment legend listed negative on top of a stack
    with negative at the bottom, and counts above 999 had no thousands separator, unlike the tables."""
    from brandpulse.report.charts import all_charts

    assert round(_contrast_on_white("#bbbbbb"), 1) == 1.9 and round(_contrast_on_white("#000000")) == 21
    rep.tables["timeseries"]["volume"] *= 1000  # a busy week: thousands of posts a day
    (_, volume), (_, sentiment), (_, share) = all_charts(rep)
    decoration = {"#000000", "#ffffff", "#b0b0b0", "#cccccc"}  # text and axes, background, grid, legend frame
    colours = {c for svg in (volume, sentiment, share) for c in re.findall(r"(?:fill|stroke): (#[0-9a-f]{6})", svg)}
    assert colours - decoration and all(_contrast_on_white(c) >= 3 for c in colours - decoration)
    # A, B and (all posts): three marker shapes (the axes' tick marks are the paths from 0 0)
    shapes = {d for d in re.findall(r'<path id="m[0-9a-f]+" d="([^"]+)"', volume) if not d.startswith("M 0 0 ")}
    assert len(shapes) == 3
    legend = re.findall(r"<text[^>]*>(positive|neutral|negative)</text>", sentiment)
    assert legend == ["positive", "neutral", "negative"]
    ticks = re.findall(r"<text[^>]*>([\d,]+)</text>", volume)
    assert "2,000" in ticks and not any(len(t) > 3 and "," not in t for t in ticks)


def test_the_volume_chart_names_a_brand_starting_with_an_underscore():
    """Matplotlib leaves labels starting with `_` out of a legend: brand "_B"'s line was drawn unnamed."""
    from brandpulse.config import Brand, Config
    from brandpulse.report.charts import all_charts

    posts = enriched([post(i, f"2026-11-0{2 + i % 5}T09:00Z", "A" if i % 2 else "_B", "neutral") for i in range(8)])
    rep = build_report(posts, Config(brands=[Brand("_B", ["_B"]), Brand("A", ["A"])]), WEEK, None)
    svg = all_charts(rep)[0][1]
    assert re.findall(r"<text[^>]*>(_B|A|\(all posts\))</text>", svg) == ["_B", "A", "(all posts)"]


def test_figures_are_right_aligned_in_every_format(rep):
    """Numbers line up by magnitude (volume, changes, NSS, "2 / 1 / 2"); names, trends and texts stay left."""
    md = render_markdown(rep)
    head = "| brand | volume | Δ volume | co-mentions | pos / neu / neg | NSS | Δ NSS | share of voice | Δ SoV |"
    head += " engagement | share of engagement | trend |"  # (engagement: post 1's 10 likes; co-mentions: post 6)
    assert md.split(head + "\n", 1)[1].splitlines()[0] == "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    html = render_html(rep)
    row = '<tr><th scope="row" dir="auto">A</th><td class="n">5</td><td class="n">+4 <span class="chg">(+400%)</span>'
    row += '</td><td class="n">1</td>'
    row += '<td class="n">2 / 1 / 2</td>'
    assert row in html
    assert '<th scope="col">brand</th><th scope="col" class="n"><span class="full">volume</span>' in html


def test_charts_of_a_brand_with_an_emoji_say_nothing_on_stderr():
    """matplotlib's font has no emoji: `report -q -o week.html` of brand "Jet 🚀" printed four "Glyph 128640
    missing from font(s) DejaVu Sans" warnings with their source lines, mailed by cron each week. The SVG's
    text is text, drawn by the browser with its own fonts."""
    import warnings

    from brandpulse.config import Brand, Config
    from brandpulse.report.charts import all_charts

    rows = [post(1, "2026-11-03T09:00Z", "Jet 🚀", "negative"), post(2, "2026-11-04T09:00Z", "A", "positive")]
    rep = build_report(enriched(rows), Config(brands=[Brand("Jet 🚀", ["jet"]), Brand("A", ["a"])]), WEEK, None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        charts = all_charts(rep)
    assert [str(w.message) for w in caught] == []
    assert all(">Jet 🚀</text>" in svg for title, svg in charts if title != "Sentiment over time")


def test_slanted_dates_do_not_overlap_when_long_names_narrow_the_plot():
    """Long brand names widen the volume chart's legend and narrow its plot: its 7 dates, slanted at 30°,
    were 21 pt apart at 13 pt, one on top of the next. Since stop 55 the dates slant at 45° and are 24 pt apart
    at least: 24 x sin 45° = 17 pt across their lines, 1.3 lines of 13 pt text (at 30° a week's dates, 27 pt
    apart, were 13.5 pt across, each touching the next in a browser)."""
    from brandpulse.config import Brand, Config
    from brandpulse.report.charts import all_charts

    names = ["Skyway Airlines North", "SuperLongBrandNameWithoutSpacesInternational", "Aerolux Intl South"]
    rows = [post(i, f"2026-11-0{2 + i % 7}T09:00Z", names[i % 3], "neutral") for i in range(21)]
    cfg = Config(brands=[Brand(n, [str(k)]) for k, n in enumerate(names)])
    short = build_report(ten_posts(), config(), WEEK, None)  # (short names: all 7 days, as before)
    # (the narrow plot has room for 4 dates: every other day, 11-02, 04, 06, 08, since stop 36 as in the
    # sentiment chart; matplotlib's AutoDateLocator chose 3 there, and every other day in the sentiment chart)
    # (since stop 56 the dates have no year, "11-02": they jut out less left of the plot, which is wider: 7 fit)
    for rep, days in ((build_report(enriched(rows), cfg, WEEK, None), 7), (short, 7)):
        volume = all_charts(rep)[0][1]
        xs = [float(x) for x in re.findall(r'<g id="xtick_\d+">.*?transform="translate\(([\d.]+) ', volume, re.S)]
        assert len(xs) == days and all(b - a >= 24 for a, b in zip(xs, xs[1:], strict=False)), xs
        assert set(re.findall(r"<text [^>]*rotate\((-?[\d.]+)\)", volume.split('<g id="xtick_1">')[1])[:days]) == {
            "-45"
        }


def test_top_authors_show_the_reach_they_are_sorted_by(rep):
    """ "Top authors by reach" showed followers and engagement only: the order came from a figure no format
    showed. By hand from ten_posts' week: u4 300 followers (posts 5, 6), u1 100 + 10 likes (posts 1, 4), u2 5000,
    u3 50."""
    from rich.console import Console

    from brandpulse.report.console import print_report

    md = render_markdown(rep).split("## Top authors by reach\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert md[0] == "| role | author | brands | posts | followers | engagement | reach | pos / neg |"
    assert md[2:] == [
        "| promoter | u4 | A, B | 2 | 300 | 0 | 300 | 2 / 0 |",
        "| promoter | u1 | A | 2 | 100 | 10 | 110 | 1 / 0 |",
        "| detractor | u2 | A | 1 | 5,000 | 0 | 5,000 | 0 / 1 |",
        "| detractor | u3 | A | 1 | 50 | 0 | 50 | 0 / 1 |",
    ]
    assert '<td class="n">110</td>' in render_html(rep).split("<h2>Top authors by reach</h2>", 1)[1]
    console = Console(width=200, record=True)
    print_report(console, rep)
    rows = console.export_text().split("Top authors by reach", 1)[1].split("Top posts", 1)[0].splitlines()
    cells = [[c.strip() for c in re.split("[│┃]", row)[1:-1]] for row in rows if row.startswith(("│", "┃"))]
    assert cells[0][4:7] == ["followers", "engagement", "reach"] and cells[2][4:7] == ["100", "10", "110"]


def test_a_column_follows_its_kind_not_its_cells():
    """After an empty week Δ NSS and Δ SoV are all "–": they were left-aligned, unlike every other week's;
    and a one-row table's author "2026" looked like a figure."""
    from brandpulse.report.console import _table
    from brandpulse.report.present import brands_view

    posts = enriched([post(1, "2026-11-03T09:00Z", "A", "negative", author="2026")])
    rep = build_report(posts, config(), WEEK, comparison_period(WEEK))
    md = render_markdown(rep)
    head = "| brand | volume | Δ volume | pos / neu / neg | NSS | Δ NSS | share of voice | Δ SoV | trend |"
    body = md.split(head + "\n", 1)[1].splitlines()
    assert body[0] == "|---|---:|---:|---:|---:|---:|---:|---:|---|"
    assert body[1].split(" | ")[5] == "–"  # (Δ NSS: the week before had no posts)
    assert (
        "| role | author | brands | posts | followers | engagement | reach | pos / neg |\n"
        "|---|---|---|---:|---:|---:|---:|---:|" in md
    )
    html = render_html(rep)
    assert '<th scope="col" class="n">Δ NSS</th>' in html and '<td class="n">–</td>' in html
    assert '<td class="who" dir="auto">2026</td>' in html
    table = _table("Brands", brands_view(rep))
    assert [c.justify for c in table.columns if str(c.header) in ("Δ NSS", "Δ SoV")] == ["right", "right"]


def test_rows_of_the_comparison_period_alone_are_kept():
    """An empty week after a week of 3 posts: (all posts) and (no brand) say -3 and -1, not vanish."""
    rows = [post(1, "2026-10-27T09:00Z", "A", "negative"), post(2, "2026-10-28T09:00Z", "A", "positive")]
    rows += [post(3, "2026-10-29T09:00Z", "", "neutral")]
    rep = build_report(enriched(rows), config(), WEEK, comparison_period(WEEK))
    b = rep.tables["brands"].set_index("brand")
    assert b.loc["(all posts)", ["volume", "volume_prev", "volume_change"]].tolist() == [0, 3, -3]
    assert b.loc["(no brand)", ["volume", "volume_prev", "volume_change"]].tolist() == [0, 1, -1]
    assert b.loc["A", ["volume", "volume_prev", "volume_change_pct"]].tolist() == [0, 2, -100.0]
    assert list(b.index[-2:]) == ["(no brand)", "(all posts)"]
    ts = rep.tables["timeseries"]  # the empty week's brands have a trend at 0, not none
    assert list(dict.fromkeys(ts["brand"])) == ["A", "B", "(all posts)"] and ts["volume"].eq(0).all() and len(ts) == 21
    assert "0 posts (-3 vs 2026-10-26 .. 2026-11-01)" in render_markdown(rep)
    # a week with posts, none of them without a brand: (no brand) of the week before came after (all posts)
    this_week = enriched([*rows, post(4, "2026-11-03T09:00Z", "A", "negative")])
    b = build_report(this_week, config(), WEEK, comparison_period(WEEK)).tables["brands"]
    assert b["brand"].tolist()[-2:] == ["(no brand)", "(all posts)"]
    # the other way round, an empty comparison week: volumes change from 0, NSS and shares have no change
    later = build_report(enriched(rows), config(), comparison_period(WEEK), comparison_period(comparison_period(WEEK)))
    b = later.tables["brands"].set_index("brand")
    assert b.loc["(all posts)", ["volume", "volume_prev", "volume_change"]].tolist() == [3, 0, 3]
    assert pd.isna(b.loc["A", "nss_change"])
    assert later.notes == [
        "no posts in the comparison period 2026-10-19 .. 2026-10-25: volume changes are from 0, "
        "other changes are empty",
        "no baseline posts before the period: emerging terms need history",
    ]


def test_timeseries_buckets_count_from_a_period_start_off_midnight_utc():
    """`--until 2026-11-09T00:00+01:00`: the grid began at 23:00Z but posts were floored to 00:00Z, so no
    post met a bucket and every trend, chart and timeseries row was 0."""
    rows = [post(1, "2026-11-02T08:00Z", "A", "positive"), post(2, "2026-11-03T22:30Z", "A", "negative")]
    rows.append(post(3, "2026-11-03T23:30Z", "B", "negative"))
    week = Period(T("2026-11-01T23:00", tz="UTC"), T("2026-11-08T23:00", tz="UTC"))
    ts = build_report(enriched(rows), config(), week, None).tables["timeseries"]
    assert ts[ts["brand"] == "A"]["volume"].tolist() == [1, 1, 0, 0, 0, 0, 0]  # 22:30Z is still the 3rd's day
    assert ts[ts["brand"] == "B"]["volume"].tolist() == [0, 0, 1, 0, 0, 0, 0]  # 23:30Z is the 4th's
    assert ts["bucket"].iloc[0] == T("2026-11-01T23:00", tz="UTC")


def test_timeseries_lists_brands_in_config_order_quiet_ones_too():
    rows = [post(1, "2026-11-03T09:00Z", "B", "negative"), post(2, "2026-11-04T09:00Z", "", "neutral")]
    ts = build_report(enriched(rows), config(), WEEK, None).tables["timeseries"]
    assert list(dict.fromkeys(ts["brand"])) == ["A", "B", "(no brand)", "(all posts)"]
    assert ts[ts["brand"] == "A"]["volume"].tolist() == [0] * 7
    assert ts[ts["brand"] == "B"]["volume"].tolist() == [0, 1, 0, 0, 0, 0, 0]


def test_report_table_format_with_an_output_file_is_a_usage_error(stored, tmp_path):
    """`-f table -o FILE` used to print the table on stdout and write no file, exit 0."""
    out = tmp_path / "week.md"
    result = run("--store", str(stored), "--until", "2026-11-09", "-f", "table", "-o", str(out))
    assert result.exit_code == 2
    assert f"--format table prints on the terminal, not to --output {out}" in result.stderr
    assert result.stdout == "" and not out.exists()


def test_compare_with_a_later_range_counts_its_posts(stored):
    """`--compare` after the period: posts were loaded only up to the period's end, so the later
    week read as empty ("no posts in the comparison period") and every change was against 0."""
    result = run("--store", str(stored), "--until", "2026-11-02", "--compare", "2026-11-02..2026-11-09", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert "no posts in the comparison period" not in result.stderr
    brands = {r["brand"]: r for r in json.loads(result.stdout)["tables"]["brands"]}
    # the week of 10-26: A post 11, B posts 12 and 13; the week of 11-02: A posts 1-4 and 6, B posts 5 and 6
    assert (brands["A"]["volume"], brands["A"]["volume_prev"], brands["A"]["volume_change"]) == (1, 5, -4)
    assert (brands["B"]["volume"], brands["B"]["volume_prev"]) == (2, 2)
    assert (brands["(all posts)"]["volume"], brands["(all posts)"]["volume_prev"]) == (3, 7)


def test_a_bad_compare_range_names_compare_not_since():
    """`--compare 2026-11-08..2026-11-01` said "--since ... is not before --until ...", options the user
    did not give."""
    from brandpulse.errors import on_the_command_line

    current = resolve_period("week", until="2026-11-09")
    with on_the_command_line(), pytest.raises(ConfigError) as reversed_range:
        comparison_period(current, "2026-11-08..2026-11-01")
    assert str(reversed_range.value) == (
        "--compare '2026-11-08..2026-11-01': SINCE 2026-11-08 00:00 is not before UNTIL 2026-11-01 00:00"
    )
    with pytest.raises(ConfigError, match=r"^compare='2026-11-08\.\.2026-11-01': SINCE"):  # (from Python: make_report)
        comparison_period(current, "2026-11-08..2026-11-01")
    with on_the_command_line(), pytest.raises(ConfigError) as bad_date:
        comparison_period(current, "2026-13-45..2026-11-01")
    assert str(bad_date.value).startswith("--compare '2026-13-45..2026-11-01': SINCE '2026-13-45': expected a date")
    with pytest.raises(ConfigError) as own:
        resolve_period("week", since="2026-11-09", until="2026-11-01")
    assert str(own.value) == "--since 2026-11-09 00:00 is not before --until 2026-11-01 00:00"


def test_headline_says_1_post_not_1_posts():
    rows = [post(1, "2026-11-03T10:00Z", "A", "negative"), post(2, "2026-10-27T10:00Z", "A", "positive")]
    rep = build_report(enriched(rows), config(), WEEK, comparison_period(WEEK), top=2)
    assert "2026-11-02 .. 2026-11-08: 1 post (+0 vs 2026-10-26 .. 2026-11-01)" in render_markdown(rep)


class _Nested(HTMLParser):
    """Each start tag as (tag, attributes, enclosing tags)."""

    def __init__(self):
        super().__init__()
        self.open, self.found = [], []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs), list(self.open)))
        if tag not in ("meta", "br", "path", "use", "stop"):
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]


def test_html_tables_scroll_in_their_box_and_posts_stay_readable_on_a_phone(rep):
    """At 390 px the tables ran off the page and a post's text column shrank to one letter a line
    (`overflow-wrap: anywhere` on every cell); at 1280 px times and authors broke mid-word."""
    html = render_html(rep)
    tags = _Nested()
    tags.feed(html)
    tables = [(a, up) for t, a, up in tags.found if t == "table"]
    # (no emerging terms in ten posts; the three charts' figures; intents per brand since stop 36; topics per brand)
    assert len(tables) == 12 and all(up[-1] == "div" for _, up in tables)
    assert sum(1 for t, a, _ in tags.found if t == "div" and a.get("class") == "wide") == 12
    css = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert ".wide { overflow-x: auto; }" in css and "td { overflow-wrap: break-word; }" in css
    assert "td.url, td.text { overflow-wrap: anywhere; }" in css and 'style="min-width:16em"' in html
    assert "@media print { .wide { overflow-x: visible !important; }" in css  # (paper does not scroll)
    cells = [a.get("class") for t, a, up in tags.found if t in ("td", "th") and "tbody" in up]
    # top posts 1 (post 2, with 0 likes, is not among the most engaging since stop 36), negative posts 2 and praised
    # posts 2 (since stop 52)
    assert cells.count("text") == cells.count("url") == 5
    assert cells.count("when") == 5 + 2 * 7  # and the days of the two charts' figures, on one line each
    heads = [t for t, a, _ in tags.found if t == "th"]
    assert heads and all(a.get("scope") == "col" for t, a, up in tags.found if t == "th" and "thead" in up)
    # each row's first cell names it (a brand, a topic, a day, a post's time), for a screen reader
    firsts = [tags.found[i + 1] for i, (t, _, up) in enumerate(tags.found) if t == "tr" and "tbody" in up]
    assert firsts and all(t == "th" and a["scope"] == "row" for t, a, _ in firsts)
    assert sum(1 for t, _, up in tags.found if t == "th" and "tbody" in up) == len(firsts)


def test_html_long_names_wrap_and_words_do_not_break():
    """A brand named without spaces was one line as wide as a phone, in the Brands table and as a header of
    the volume chart's figures (where headers did not wrap at all): the table scrolled by its width."""
    from brandpulse.config import Brand, Config

    long = "SuperLongBrandNameWithoutSpacesInternational"
    rows = [post(1, "2026-11-03T09:00Z", long, "negative"), post(2, "2026-11-04T09:00Z", "Sky Way", "positive")]
    cfg = Config(brands=[Brand(long, ["x"]), Brand("Sky Way", ["y"]), Brand("Aerolux International", ["z"])])
    html = render_html(build_report(enriched(rows), cfg, WEEK, None))
    tags = _Nested()
    tags.feed(html)
    tags.close()
    assert tags.open == []  # every tag opened is closed, in order: the file opens as it did
    assert f'<th scope="row" dir="auto" class="long">{long}</th>' in html
    assert f'<th scope="col" class="long n">{long}</th>' in html
    # names of words wrap between them, never inside one: no "long" for them, nor for the posts' texts
    assert '<th scope="row" dir="auto">Aerolux International</th>' in html
    assert '<th scope="col" class="n">Aerolux International</th>' in html
    css = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert ".long { overflow-wrap: anywhere; white-space: normal; min-width: 8em; }" in css
    assert "th.n { white-space: normal; }" in css  # (after .n: the figures' headers wrap between words)
    assert css.index("th.n { white-space: normal; }") > css.index(".n { text-align: right; white-space: nowrap; }")


def test_html_long_author_names_are_cut_on_one_line_and_kept_whole_in_their_tooltip():
    """An 80-character handle without spaces took half the top authors' table at 1,200 px and broke into 4 lines
    at 800 (each line a 17-character piece). Since stop 55 a name over 20 characters is one line cut by the browser
    with "…" at 12em, the whole name in its tooltip and its text; shorter names are as they were."""
    from brandpulse.report.html import html_table

    long = "TheOfficialCustomerSupportAccountOfSkywayAirlinesNorthAmericaAndEuropeRegion2026"
    odd = 'Bob"<b>' + "x" * 20  # 27 characters: its quote and tag escaped in the tooltip as in the text
    table = pd.DataFrame({"role": ["promoter"] * 4, "author": [long, "kim_sam", odd, "a" * 20]})
    html = html_table(table, figures=())
    cut = "display:block;max-width:12em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap"
    assert len(long) == 80
    assert f'<td class="who" dir="auto"><span class="cut" title="{long}" style="{cut}">{long}</span></td>' in html
    assert '<td class="who" dir="auto">kim_sam</td>' in html
    assert '<td class="who" dir="auto">' + "a" * 20 + "</td>" in html  # (20 characters: whole)
    assert f'title="Bob&quot;&lt;b&gt;{"x" * 20}" style="{cut}">Bob&quot;&lt;b&gt;{"x" * 20}</span>' in html
    assert "<b>" not in html and html.count('class="cut"') == 2
    # on paper the whole name, wrapped: the tag's own style is overridden
    css = render_html(build_report(ten_posts(), config(), WEEK, None)).split("<style>", 1)[1].split("</style>")[0]
    assert "@media print { .cut { white-space: normal !important;" in css


def test_html_report_prints_charts_and_rows_whole(rep):
    """On paper a chart or a table row was cut across two pages, and each chart's folded figures printed as a
    lone "The figures" line."""
    css = render_html(rep).split("<style>", 1)[1].split("</style>", 1)[0]
    rules = css.split("@media print {", 1)[1]
    print_css = rules[: rules.index("} }") + 1]  # the print block ends with its last rule's brace and its own
    assert "figure, tr { break-inside: avoid; }" in print_css
    assert "details:not([open]) { display: none; }" in print_css


def test_html_charts_have_alt_text(rep):
    tags = _Nested()
    tags.feed(render_html(rep))
    svgs = [a for t, a, up in tags.found if t == "svg"]
    assert [a.get("role") for a in svgs] == ["img"] * 3
    assert [a["aria-label"] for a in svgs] == [
        "Line chart: posts per day, per brand and for all posts, 2026-11-02 .. 2026-11-08; the figures are in the"
        " tables below.",
        "Stacked bar chart: negative, neutral and positive posts per day, 2026-11-02 .. 2026-11-08; the figures are"
        " in the tables below.",
        "Bar chart: each brand's share of voice, this period beside the one before, 2026-11-02 .. 2026-11-08; the"
        " figures are in the tables below.",
    ]


def test_html_ids_are_unique_and_each_chart_refers_to_its_own(rep):
    """The three inline SVGs each had `figure_1`, `axes_1`, `line2d_1` ... and the same marker and clip-path ids:
    a page whose ids repeat is not valid HTML (the W3C checker: "Duplicate ID"), and a chart's `#id` may point
    into another chart."""
    html = render_html(rep)
    ids = re.findall(r'<[^>]*\sid="([^"]+)"', html)
    assert len(ids) > 30 and len(ids) == len(set(ids))
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    assert len(svgs) == 3
    for svg in svgs:
        refs = set(re.findall(r'href="#([^"]+)"|="url\(#([^)]+)\)"', svg))
        own = set(re.findall(r'\sid="([^"]+)"', svg))
        assert refs and {r for pair in refs for r in pair if r} <= own


def test_html_hatched_bars_refer_to_their_charts_pattern():
    """The hatch of the posts without a sentiment (a `<pattern>`) is referred to in a style, `fill: url(#h...)`:
    its id was prefixed and the reference not, so the hatched bars pointed at no pattern (drawn without fill)."""
    unscored = [post(100 + i, f"2026-11-0{3 + i}T09:00Z", "A", None) for i in range(3)]
    rep = build_report(pd.concat([ten_posts(), enriched(unscored)]), config(), WEEK, comparison_period(WEEK))
    svgs = re.findall(r"<svg.*?</svg>", render_html(rep), re.S)
    assert any("<pattern " in svg for svg in svgs)
    for svg in svgs:
        assert set(re.findall(r"url\(#([^)]+)\)", svg)) <= set(re.findall(r'\sid="([^"]+)"', svg))


class _FigureTables(HTMLParser):
    """The rows of the tables inside each <figure>, as lists of cell texts."""

    def __init__(self, markup: str):
        super().__init__()
        self.figures: list[list[list[str]]] = []
        self.inside = self.cell = self.short = False
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.short = self.short or (tag == "abbr" and ("class", "short") in attrs)  # (a narrow screen's header)
        if tag == "figure":
            self.inside = True
            self.figures.append([])
        elif self.inside and tag == "tr":
            self.figures[-1].append([])
        elif self.inside and tag in ("td", "th"):
            self.figures[-1][-1].append("")
            self.cell = True

    def handle_endtag(self, tag):
        self.inside = self.inside and tag != "figure"
        self.cell = self.cell and tag not in ("td", "th")
        self.short = self.short and tag != "abbr"

    def handle_data(self, data):
        if self.cell and not self.short:
            self.figures[-1][-1][-1] += data


def test_html_charts_figures_are_in_a_table(rep):
    """The charts' alt text said "the figures are in the tables below", but no table held the posts per day
    per brand, nor the sentiment per day: a screen reader (or a mail client without SVG) had no figures."""
    volume, sentiment, share = _FigureTables(render_html(rep)).figures
    # by hand from ten_posts: 11-02 posts 1 and 2 (A), 11-03 3 (A), 11-04 4 (A), 11-05 5 (B), 11-06 6 (A;B),
    # 11-08 7 (no brand)
    days = [f"2026-11-0{d}" for d in range(2, 9)]
    assert volume[0] == ["day", "A", "B", "(all posts)"]
    brands = [["2", "0", "2"], ["1", "0", "1"], ["1", "0", "1"], ["0", "1", "1"], ["1", "1", "1"], ["0"] * 3]
    assert volume[1:] == [[d, *n] for d, n in zip(days, [*brands, ["0", "0", "1"]], strict=True)]
    assert sentiment[0] == ["day", "negative", "neutral", "positive"]
    counts = [["1", "0", "1"], ["1", "0", "0"], ["0", "1", "0"], ["0", "0", "1"], ["0", "0", "1"], ["0"] * 3]
    assert sentiment[1:] == [[d, *n] for d, n in zip(days, [*counts, ["0", "1", "0"]], strict=True)]
    # its bars' figures too (the Brands table has their change alone): A 5 of the 7 mentions, B 2 (post 6 names
    # both); the week before A 1 of 3, B 2
    assert share == [["brand", "this period", "before"], ["A", "71.4%", "33.3%"], ["B (competitor)", "28.6%", "66.7%"]]


def test_html_trends_say_their_counts_to_a_screen_reader(rep):
    """A screen reader read the trend sparkline as "lower one eighth block, full block, ..."."""
    tags = _Nested()
    tags.feed(render_html(rep))
    said = [a["aria-label"] for t, a, up in tags.found if t == "span" and a.get("role") == "img" and "td" in up]
    # by hand from ten_posts, 11-02 .. 11-08: A posts 1, 2 | 3 | 4 | - | 6; B 5 | 6; (no brand) 7; all of them
    assert said == [
        "posts per day: 2, 1, 1, 0, 1, 0, 0",
        "posts per day: 0, 0, 0, 1, 1, 0, 0",
        "posts per day: 0, 0, 0, 0, 0, 0, 1",
        "posts per day: 2, 1, 1, 1, 1, 0, 1",
    ]


def test_html_title_keeps_each_date_on_one_line(rep):
    """On a phone the title broke inside a date: "brandpulse report: 2026-11-02 .. 2026-11-" / "08"."""
    html = render_html(rep)
    h1 = html.split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert h1 == 'brandpulse report: <span class="when">2026-11-02</span> .. <span class="when">2026-11-08</span>'
    assert ".when { white-space: nowrap; }" in html.split("@media print", 1)[0]
    assert "<title>A, B: 2026-11-02 .. 2026-11-08 (brandpulse report)</title>" in html  # (plain text there)


def test_html_notes_keep_each_date_on_one_line():
    """A week after an empty one: on a phone its note broke "comparison period 2026-" / "10-26 .. 2026-11-01". At
    800 px an empty section's note broke "against the baseline, 2026-" / "10-05 .. 2026-11-01" (stop 55: every
    paragraph's dates, also the tables' keys, keep to one line)."""
    rep = build_report(
        enriched([post(1, "2026-11-03T09:00Z", "A", "negative")]), config(), WEEK, comparison_period(WEEK)
    )
    html = render_html(rep)
    said = re.findall(r"<p[^>]*>(.*?)</p>", html.split("</svg>")[-1].split("<footer")[0], re.S)
    assert any('since <span class="when">2026-10-26</span> .. <span' in p for p in said)  # (the keys' Δ)
    assert said and all(re.sub(r'<span class="when">\d{4}-\d\d-\d\d</span>', "", p).count("2026-") == 0 for p in said)
    notes = re.findall(r'<p class="note">(.*?)</p>', html)
    assert notes[0] == (
        'no posts in the comparison period <span class="when">2026-10-26</span> .. <span class="when">2026-11-01'
        "</span>: volume changes are from 0, other changes are empty"
    )


def test_markdown_notes_render_as_separate_paragraphs():
    """A new store's first week has two notes: their `>` lines in a row were one quote of one paragraph, read
    "... other changes are empty no baseline posts before the period: ..." in a wiki or mail."""
    from markdown_it import MarkdownIt  # (rich's Markdown renderer, CommonMark)

    rep = build_report(
        enriched([post(1, "2026-11-03T09:00Z", "A", "negative")]), config(), WEEK, comparison_period(WEEK)
    )
    assert len(rep.notes) == 2
    html = MarkdownIt("commonmark").render(render_markdown(rep))
    quoted = re.findall(r"<blockquote>\s*<p>(.*?)</p>\s*</blockquote>", html, re.S)
    assert quoted == rep.notes


def test_markdown_notes_show_a_brand_s_name_as_written():
    """A note names the config's brands (`no stored post names ...`), and it went into the Markdown as it was: a brand
    "<Nova>" vanished as an unknown tag in a wiki, "Fish_&_Chips_" was half italic. The headline and cells were
    escaped; the notes are too."""
    from markdown_it import MarkdownIt

    rep = build_report(ten_posts(), config(), WEEK, comparison_period(WEEK))
    rep.notes.append("no stored post names <Nova>, Fish_&_Chips_ and `x`: ingest the exports again")
    md = render_markdown(rep)
    assert "> no stored post names &lt;Nova&gt;, Fish\\_&\\_Chips\\_ and \\`x\\`: ingest" in md
    html = MarkdownIt("commonmark").render(md)
    quoted = re.findall(r"<blockquote>\s*<p>(.*?)</p>\s*</blockquote>", html, re.S)
    assert quoted == ["no stored post names &lt;Nova&gt;, Fish_&amp;_Chips_ and `x`: ingest the exports again"]


def test_markdown_writes_an_ampersand_as_written_unless_it_begins_an_entity():
    """A fashion retailer's weekly `report -f md`, pasted into chat and e-mail as written, named its competitor
    "Kitsch&amp;Co" in every table and "H&M" would have been "H&amp;M": every `&` was escaped, though CommonMark reads
    one as text unless it begins an entity. Only that one is escaped now (`&copy;` must not become ©)."""
    from markdown_it import MarkdownIt

    from brandpulse.config import Brand, Config

    names = ["H&M", "Kitsch&Co"]
    posts = enriched([post(i, "2026-11-03T09:00Z", names[i % 2], "neutral") for i in range(4)])
    rep = build_report(posts, Config(brands=[Brand(n, [n]) for n in names]), WEEK, None)
    rep.notes.append("posts said &copy; and &#169; and AT&T")
    md = render_markdown(rep)
    assert "| H&M |" in md and "| Kitsch&Co |" in md and "&amp;M" not in md and "&amp;Co" not in md
    assert "> posts said &amp;copy; and &amp;#169; and AT&T" in md
    html = MarkdownIt("commonmark").enable("table").render(md)
    assert "<td>H&amp;M</td>" in html and "<td>Kitsch&amp;Co</td>" in html  # (rendered: the text H&M)
    assert "posts said &amp;copy; and &amp;#169; and AT&amp;T" in html and "©" not in html


def test_html_page_title_names_the_brands_escaped():
    """Every brand's weekly report had the tab, bookmark and attachment name "brandpulse report: <dates>"."""
    from brandpulse.config import Brand, Config

    names = ["<b>Fish & Chips</b>", "C|D", "E*", "F", "G"]
    posts = enriched([post(i, "2026-11-03T09:00Z", names[i % 5], "neutral") for i in range(5)])

    def title(cfg: Config, **kw) -> str:
        rep = build_report(posts, cfg, WEEK, None)
        rep.title = kw.get("title", rep.title)
        return render_html(rep).split("<title>", 1)[1].split("</title>", 1)[0]

    cfg = Config(brands=[Brand(n, [n]) for n in names])
    assert (
        title(cfg)
        == "&lt;b&gt;Fish &amp; Chips&lt;/b&gt;, C|D, E*, 2 more: 2026-11-02 .. 2026-11-08 (brandpulse report)"
    )
    posts = posts[posts["brands"].isin(["C|D", "E*"])]
    assert title(Config(brands=cfg.brands[1:3])) == "C|D, E*: 2026-11-02 .. 2026-11-08 (brandpulse report)"
    assert title(cfg, title="Weekly <Skyway>") == "Weekly &lt;Skyway&gt;: 2026-11-02 .. 2026-11-08"  # as given
    posts = posts.assign(brands="")
    assert title(Config(brands=[])) == "brandpulse report: 2026-11-02 .. 2026-11-08"  # (no brand to name)


def test_every_format_says_what_nss_and_the_brands_columns_mean(rep):
    """NSS, share of voice and the Δ columns were defined in the README only (engagement too, since it is there)."""
    key = (
        "volume: posts naming the brand, a post naming several in each of their rows; "
        "NSS: net sentiment score, (positive - negative) / posts with a sentiment, in % (-100..100); share of voice:"
        " the brand's % of all brand mentions; co-mentions: of those, the posts naming another brand too (of (all"
        " posts): the posts naming several); engagement: likes + reposts + replies of the posts its volume counts"
        " (in brackets its Δ; an empty count as 0; – where none has one), a post naming several brands in each of"
        " their rows, whole, as in volume (so the brands' add up to more than (all posts)'); share of engagement:"
        " the brand's % of all brands' engagement, as share of voice is of their mentions;"
        " Δ: change since 2026-10-26 .. 2026-11-01 (Δ NSS and Δ SoV in points);"
        " trend: posts per day, each row on its own scale"  # (a quiet brand's bars are as tall as a loud one's)
    )
    md = render_markdown(rep)
    assert md.split("## Brands\n", 1)[1].split("\n\n")[1] == key  # the paragraph right under the table
    html = render_html(rep)
    shown = re.sub(r"(\d{4}-\d\d-\d\d)", r'<span class="when">\1</span>', key.replace("'", "&#x27;"))
    assert f'</table></div>\n<p class="key">{shown}</p>\n<h2>Topics</h2>' in html
    from rich.console import Console

    from brandpulse.report.console import print_report

    console = Console(width=300, record=True)
    print_report(console, rep)
    text = console.export_text()
    under = text.split("┘\n", 1)[1].split("\nTopics", 1)[0]  # the Brands table's caption, wrapped to its width
    assert " ".join(under.split()) == key
    alone = build_report(ten_posts(), config(), WEEK, None)  # no comparison: no Δ, and nothing unscored
    assert render_markdown(alone).count("NSS: net sentiment score") == 1 and "Δ:" not in render_markdown(alone)


def test_every_table_says_what_its_figures_mean_and_the_headline_its_change():
    """A board member reading the forwarded report met "z 5.54", "baseline per 1000", "reach", "post sentiment
    -0.90" (beside NSS's -100..100) and "change %" of what, explained under the Brands and Intents tables alone; the
    headline's "NSS -38.5 (-71.8)" read as a second score. Every table now has its key under it, in every format."""
    rows = [post(i, f"2026-11-0{2 + i % 6}T09:00Z", "A", "negative") | {"text": f"outage again {i}"} for i in range(6)]
    rows += [post(20 + i, f"2026-10-{10 + i}T09:00Z", "A", "positive") | {"text": "flight fine"} for i in range(10)]
    posts = pd.concat([ten_posts(), enriched(rows)], ignore_index=True)
    rep = build_report(posts, config(), WEEK, comparison_period(WEEK), top=2, min_term_count=3)
    titles = [t for t, table in sections(rep) if not table.empty]
    assert len(titles) == 10  # (every section has rows, emerging terms too)
    md, html = render_markdown(rep), render_html(rep)
    for title in titles:
        key = table_key(rep, title)
        assert key and md.split(f"## {title}\n", 1)[1].split("\n\n")[1].rstrip("\n") == key
        shown = re.sub(r"(\d{4}-\d\d-\d\d)", r'<span class="when">\1</span>', key.replace("'", "&#x27;"))
        assert f'</table></div>\n<p class="key">{shown}</p>' in html.split(f"<h2>{title}</h2>")[1]
    said = {t: table_key(rep, t) for t in titles}
    assert said["Topics that grew most"].startswith("before: posts on the topic in 2026-10-26 .. 2026-11-01;")
    assert "in this period and in the baseline (2026-10-05 .. 2026-11-01); z: how far" in said["Emerging terms"]
    assert "reach: the author's followers + engagement" in said["Most negative high-reach posts naming a brand"]
    assert "from -1 (most negative) to +1 (most positive)" in said["Top posts by engagement naming a brand"]
    # -38.5 now, 3 positive and 2 + 6 negative of 13; 33.3 the week before, 1 positive of 3: -71.8 points
    assert "13 posts (+10 vs 2026-10-26 .. 2026-11-01), NSS -38.5 (-71.8 points)" in md
    assert "NSS -38.5 (-71.8 points)" in html


def _yticks(svg: str) -> list[str]:
    return re.findall(r'<g id="ytick_\d+">.*?<text[^>]*>([^<]*)</text>', svg, re.S)


def test_count_charts_start_at_zero_in_whole_posts_and_an_empty_week_has_no_share_of_voice_chart():
    """A week without posts drew -0.04 to 0.04 posts and an empty share-of-voice frame whose legend showed
    "before" in this period's blue; with posts, the volume axis started above 0 (at 2 for 3 to 46 posts)."""
    from brandpulse.report.charts import all_charts

    week = all_charts(build_report(ten_posts(), config(), WEEK, comparison_period(WEEK)))
    assert [t for t, _ in week] == ["Volume over time", "Sentiment over time", "Share of voice"]
    for _, svg in week[:2]:
        ticks = _yticks(svg)
        assert ticks[0] == "0" and all(t.isdigit() for t in ticks)  # 0, 1, 2, ... (no 0.5 posts)
    sov = week[2][1]
    assert re.findall(r"<text[^>]*>(this period|before)</text>", sov) == ["this period", "before"]  # bars' order
    empty = Period(T("2026-12-14", tz="UTC"), T("2026-12-21", tz="UTC"))
    charts = all_charts(build_report(ten_posts(), config(), empty, comparison_period(empty)))
    assert [t for t, _ in charts] == ["Volume over time", "Sentiment over time"]
    assert [_yticks(svg) for _, svg in charts] == [["0", "1"], ["0", "1"]]


def _row(text: str, title: str, name: str) -> list[str]:
    """The cells of row `name` in the table titled `title` (rich pads a title line with spaces)."""
    lines = [line.rstrip() for line in text.splitlines()]
    below = lines[lines.index(title) + 1 :]
    line = next(line for line in below if line.startswith(f"│ {name} "))
    return [c.strip() for c in line.strip("│").split("│")]


def test_on_an_80_column_terminal_the_brands_table_is_split_not_folded(rep):
    """Ten columns need about 100 columns: rich folded every cell ("volum/e", "+4 (+400%" over ")")."""
    from rich.console import Console

    from brandpulse.report.console import print_report

    narrow = Console(width=80, record=True)
    print_report(narrow, rep)
    text = narrow.export_text()
    assert max(len(line) for line in text.splitlines()) <= 80
    assert _row(text, "Brands", "A") == ["A", "5", "+4 (+400%)", "+0.0", "-100.0", "71.4%", "+38.1"]
    assert _row(text, "Brands: sentiment", "A")[:3] == ["A", "1", "2 / 1 / 2"]  # (1 co-mention: post 6, A;B)
    assert "┃ brand          ┃ volume ┃   Δ volume ┃    NSS ┃  Δ NSS ┃" in text  # headers whole too
    wide = Console(width=200, record=True)
    print_report(wide, rep)
    text = wide.export_text()
    assert "Brands: sentiment" not in text  # room for one table: as before
    assert _row(text, "Brands", "A")[:9] == [
        "A",
        "5",
        "+4 (+400%)",
        "1",
        "2 / 1 / 2",
        "+0.0",
        "-100.0",
        "71.4%",
        "+38.1",
    ]


def test_the_terminals_share_of_voice_right_aligns_its_figures():
    """0.0% stood under 100.0% by its first digit, unlike the Brands table's figures."""
    from rich.console import Console

    from brandpulse.report.console import print_report

    rep = build_report(enriched([post(1, "2026-11-03T09:00Z", "A", "negative")]), config(), WEEK, None)
    console = Console(width=100, record=True)
    print_report(console, rep)
    lines = console.export_text().split("Share of voice", 1)[1].splitlines()
    assert [line.split("│")[2] for line in lines if line.startswith("│")] == [" 100.0% ", "   0.0% "]


def test_the_terminals_share_of_voice_marks_competitors_as_the_other_tables_do(rep):
    """The Brands and Intents tables say "B (competitor)"; the share-of-voice bars named B alone."""
    from rich.console import Console

    from brandpulse.report.console import print_report

    console = Console(width=100, record=True)
    print_report(console, rep)
    lines = console.export_text().split("Share of voice", 1)[1].splitlines()
    # A: 5 of the 7 brand mentions (71.4 %), B a competitor: 2 (28.6 %)
    assert [[c.strip() for c in line.split("│")[1:3]] for line in lines if line.startswith("│")] == [
        ["A", "71.4%"],
        ["B (competitor)", "28.6%"],
    ]


def test_the_html_share_of_voice_chart_marks_competitors_as_the_tables_do(stored, tmp_path):
    """The terminal's share-of-voice bars and every table say "B (competitor)"; the HTML chart named B alone. A
    competitor's name on the chart's axis has "(competitor)" under it (beside it, a name cut to 16 characters
    would lose it)."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\n[brands.B]\nterms = ["B"]\ncompetitor = true\n')
    out = tmp_path / "week.html"
    args = ["--store", str(stored), "-c", str(tmp_path / "c.toml"), "--until", "2026-11-09", "-o", str(out)]
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    start = html.index('<figure class="chart" aria-label="Share of voice">')
    chart = html[start : html.index("</figure>", start)]
    svg = chart[: chart.index("</svg>")]
    labels = re.findall(r"<text [^>]*>([^<]*)</text>", svg)
    ticks = labels[labels.index("% of brand mentions") + 1 : labels.index("Share of voice")]
    assert ticks == ["A", "B", "(competitor)"]  # (A: 71.4 %, B: 28.6 %)
    assert '<th scope="row" dir="auto">B (competitor)</th>' in html[html.index("<h2>Brands</h2>") :]  # as it says


def test_at_any_width_from_80_the_brands_table_folds_no_cell(rep):
    """At 110 columns one table was printed (its rows fitted) and rich narrowed the brand column to fit the
    headers: "Aerolux (competitor" over ")". Now headers wrap between words, cells stay whole, or the table
    is split in two. The widths that matter: 80, 110 (the report's), 140, and both sides of each width where
    `whole_widths` of a table the report sizes changes its answer (split or not, a header wrapped or not);
    between two of them every table keeps its columns (rendering all 61 widths took 11 s of the suite)."""
    from rich.console import Console

    import brandpulse.output.terminal as terminal
    import brandpulse.report.console as on_terminal
    from brandpulse.report.console import print_report

    sized, whole = [], terminal.whole_widths

    def recording(df, width):
        sized.append(df)
        return whole(df, width)

    with pytest.MonkeyPatch.context() as patch:  # (the tables sized at the narrowest and the widest width)
        patch.setattr(terminal, "whole_widths", recording)
        patch.setattr(on_terminal, "_whole", recording)
        for width in (80, 140):
            print_report(Console(width=width, file=io.StringIO()), rep)
    turns = {w for df in sized for w in range(81, 141) if whole(df, w) != whole(df, w - 1)}
    assert 136 in turns  # (one Brands table from 136 columns: its 12 columns of 99 and 3 each + 1 of borders)
    for width in sorted({80, 110, 140} | turns | {w - 1 for w in turns}):
        console = Console(width=width, record=True)
        print_report(console, rep)
        text = console.export_text()
        assert max(len(line) for line in text.splitlines()) <= width, width
        names = {line.split("│")[1].strip() for line in text.splitlines() if line.startswith("│ ")}
        assert {"B (competitor)", "(no brand)", "(all posts)"} <= names, width  # whole
        assert not names & {"", ")", "B (competitor", "(competitor)", "(competitor", "(no", "(all"}, width  # not folded
        assert "+4 (+400%)" in text and "2 / 1 / 2" in text, width


def test_on_a_terminal_a_posts_text_links_to_the_post(rep):
    """The post tables left their links out (a folded URL can be neither clicked nor copied): a post could
    not be opened from the report. Its text is now an OSC 8 hyperlink to it, on terminals that know them."""
    from rich.console import Console

    from brandpulse.report.console import print_report

    out = io.StringIO()
    print_report(Console(file=out, width=100, force_terminal=True, color_system="standard"), rep)
    linked = re.findall(r"\x1b]8;id=[^;]*;([^\x1b]+)\x1b\\([^\x1b]*)", out.getvalue())
    assert ("https://x.com/u/status/1", "post 1 about A") in linked
    # top 2, negative 2, praised 2 (since stop 52)
    assert {url for url, _ in linked} == {f"https://x.com/u/status/{i}" for i in (1, 2, 3, 5, 6)}
    # only the texts link (a text folded on two lines: each line links)
    texts = {p.url: p.text for p in ten_posts().itertuples()}
    assert all(text.strip() and text.strip() in texts[url] for url, text in linked)


def test_a_period_built_in_code_without_a_zone_is_utc():
    """`Period(pd.Timestamp("2026-11-02"), ...)` or date strings in a notebook: build_report raised
    TypeError ("Invalid comparison between dtype=datetime64[ns, UTC] and Timestamp")."""
    assert Period(T("2026-11-02"), T("2026-11-09")) == WEEK
    assert Period("2026-11-02", "2026-11-09 00:00") == WEEK
    paris = Period(T("2026-11-02 01:00", tz="Europe/Paris"), T("2026-11-09 01:00", tz="Europe/Paris"))
    assert paris.start == WEEK.start and paris.end == WEEK.end  # the same instants, in the zone given
    naive = build_report(ten_posts(), config(), Period(T("2026-11-02"), T("2026-11-09")), None, top=2)
    same = build_report(ten_posts(), config(), WEEK, None, top=2)
    assert naive.posts == same.posts > 0
    pd.testing.assert_frame_equal(naive.tables["brands"], same.tables["brands"])


def test_a_report_of_posts_not_analyzed_says_so():
    """`build_report(brandpulse.load(...), ...)`: KeyError "None of [Index(['topics', ...])] are in the [columns]"."""
    from brandpulse.errors import InputError

    posts = ten_posts().drop(columns=["topics", "sentiment_label"])
    with pytest.raises(
        InputError, match=r"build_report\(\) .*: no columns 'topics', 'sentiment_label'; run brandpulse"
    ):
        build_report(posts, config(), WEEK, None)


def test_changes_are_of_the_unrounded_figures():
    """A change was the difference of two rounded figures: NSS -66.7 (-2/3) after -33.3 (-1/3) showed Δ -33.4
    for -33.33, in every format (JSON, CSV, tables)."""
    before = "2026-10-{}T09:00Z"  # 10-26 .. 10-31, the week before
    rows = [post(i, before.format(26 + i), "A", "negative" if i < 2 else "neutral", "t") for i in range(6)]
    rows += [post(10 + i, before.format(26 + i), "B", "neutral") for i in range(3)]
    rows += [post(20 + i, f"2026-11-0{2 + i}T09:00Z", "A", "negative" if i < 2 else "neutral", "t") for i in range(3)]
    rows += [post(30 + i, f"2026-11-0{2 + i}T09:00Z", "B", "neutral") for i in range(6)]
    rep = build_report(enriched(rows), config(), WEEK, comparison_period(WEEK))
    b = rep.tables["brands"].set_index("brand")
    # A: NSS -66.7 after -33.3 (2 negative of 3, then of 6), negative 66.7% after 33.3%;
    # B: share of voice 6 / 9 = 66.7% after 3 / 9 = 33.3%: each change a third of 100, -33.3 or +33.3
    assert (b.loc["A", "nss"], b.loc["A", "nss_prev"], b.loc["A", "nss_change"]) == (-66.7, -33.3, -33.3)
    assert (b.loc["A", "negative_pct"], b.loc["A", "negative_pct_prev"], b.loc["A", "negative_pct_change"]) == (
        66.7,
        33.3,
        33.3,
    )
    assert (b.loc["B", "share_of_voice"], b.loc["B", "share_of_voice_prev"]) == (66.7, 33.3)
    assert (b.loc["B", "share_of_voice_change"], b.loc["A", "share_of_voice_change"]) == (33.3, -33.3)
    t = rep.tables["topics"].set_index("topic")
    assert (t.loc["t", "nss"], t.loc["t", "nss_prev"], t.loc["t", "nss_change"]) == (-66.7, -33.3, -33.3)
    md = render_markdown(rep)
    assert "| A | 3 | -3 (-50%) | 0 / 1 / 2 | -66.7 | -33.3 | 33.3% | -33.3 |" in md
    assert "| t | 3 | -66.7 | -3 | -33.3 |" in md


def test_shares_of_voice_are_each_rounded_on_their_own_and_their_changes_from_the_unrounded():
    """Three brands of one post each are 33.3% each (99.9% in all: each share is what a spreadsheet computes
    from its counts, README says so); A's change from 100% is -66.7, of the unrounded 33.33, not -66.7 of 33.3."""
    from brandpulse.config import Brand, Config
    from brandpulse.report.summary import brand_summary

    cfg = Config(brands=[Brand(n, [n]) for n in "ABC"])
    rows = [post(i, f"2026-11-0{2 + i}T09:00Z", "ABC"[i], "neutral") for i in range(3)]
    rows += [post(9, "2026-10-27T09:00Z", "A", "neutral")]
    rep = build_report(enriched(rows), cfg, WEEK, comparison_period(WEEK))
    b = rep.tables["brands"].set_index("brand")
    assert b["share_of_voice"].tolist()[:3] == [33.3, 33.3, 33.3] and b["share_of_voice"].iloc[3:].isna().all()
    assert b["share_of_voice_change"].tolist()[:3] == [-66.7, 33.3, 33.3]  # A: 100% before, B and C 0%
    assert "| A | 1 | +0 (+0%) | 0 / 1 / 0 | +0.0 | +0.0 | 33.3% | -66.7 |" in render_markdown(rep)
    # 1 : 2 : 4 of 7 is 14.29, 28.57, 57.14
    rows = [post(i, "2026-11-03T09:00Z", "A" if i < 1 else "B" if i < 3 else "C", "neutral") for i in range(7)]
    assert brand_summary(enriched(rows), cfg)["share_of_voice"].tolist() == [14.3, 28.6, 57.1]


def _deuteranope(colour: str) -> list[float]:
    """#rrggbb as a deuteranope sees it (Machado, Oliveira & Fernandes 2009, severity 1), as 0-255 sRGB."""
    m = [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    lin = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
        for c in (b / 255 for b in bytes.fromhex(colour[1:]))
    ]
    seen = [min(max(sum(m[i][j] * lin[j] for j in range(3)), 0), 1) for i in range(3)]
    return [255 * (12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055) for c in seen]


def test_the_sentiment_chart_is_read_with_any_colour_vision(rep):
    """Its negative red and positive green looked the same olive to a deuteranope (29 apart in 0-255 RGB)."""
    from brandpulse.report.charts import all_charts

    apart = math.dist(_deuteranope("#d62728"), _deuteranope("#2ca02c"))
    assert 25 < apart < 35  # (the pair before, the simulation's check)
    svg = all_charts(rep)[1][1]
    legend = svg.split('id="legend_1"', 1)[1]  # each entry: its patch's fill, then its text
    fill = dict(
        (label, c) for c, label in re.findall(r'fill: (#[0-9a-f]{6})"/>\s*</g>\s*<g[^>]*>\s*<text[^>]*>(\w+)<', legend)
    )
    assert list(fill) == ["positive", "neutral", "negative"]
    assert math.dist(_deuteranope(fill["negative"]), _deuteranope(fill["positive"])) > 150
    assert min(math.dist(_deuteranope(fill[s]), _deuteranope(fill["neutral"])) for s in ("negative", "positive")) > 80
    assert all(_contrast_on_white(c) >= 3 for c in fill.values())


def test_charts_are_as_wide_as_a_phone_with_text_readable_there():
    """On a phone (390 px, the page 358 px wide) the 8-inch charts shrank to fit, their 8 to 10 pt text to
    5 px; a long brand name widened its chart further (to 3.6 px text)."""
    from brandpulse.config import Brand, Config
    from brandpulse.report.charts import all_charts

    long = "The Extremely Long Name Airline Holdings International Group Ltd"
    brands = Config(brands=[Brand("A", ["A"]), Brand(long, ["L"]), Brand("W" * 30, ["W"])])
    rows = [post(i, f"2026-11-0{2 + i % 7}T09:00Z", ["A", long, "W" * 30][i % 3], "neutral") for i in range(30)]
    rows += [post(50 + i, "2026-10-27T09:00Z", "A", "negative") for i in range(3)]
    reports = [build_report(enriched(rows), brands, WEEK, comparison_period(WEEK))]
    reports += [build_report(ten_posts(), config(), WEEK, None)]
    pages = []
    for rep in reports:
        html = render_html(rep)
        pages.append(html)
        svgs = re.findall(r"<svg [^>]*>", html)
        assert len(svgs) == 3
        charts = all_charts(rep)  # (drawn once: each chart takes a second of matplotlib)
        for svg, (_, drawn) in zip(svgs, charts, strict=True):
            assert 'width="100%"' in svg and "height=" not in svg  # the page's width, its proportions its viewBox's
            width = float(re.search(r'viewBox="0 0 ([\d.]+) [\d.]+"', svg).group(1))
            # (matplotlib 3.8 writes `font: 13px 'DejaVu Sans'`, later ones `font-size: 13px`)
            smallest = min(float(s) for s in re.findall(r"font(?:-size)?: ([\d.]+)px", drawn))
            assert smallest * 358 / width >= 9.5, (width, smallest)
        assert long not in "".join(d for _, d in charts)  # shortened there
    assert long in pages[0].split("</svg>")[-1]  # whole in the tables
    css = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "figure svg { width: 100%; max-width: 32em; height: auto;" in css


def test_a_quiet_week_has_an_all_posts_row_too():
    """A week without posts after a week without posts had no (all posts) row in the brands table (CSV, JSON,
    Markdown): a cron job reading the week's total found no row, where any other week has one."""
    empty = Period(T("2026-12-14", tz="UTC"), T("2026-12-21", tz="UTC"))
    for compare in (comparison_period(empty), None):
        rep = build_report(ten_posts(), config(), empty, compare)
        b = rep.tables["brands"]
        assert b["brand"].tolist() == ["A", "B", "(all posts)"]
        assert b["volume"].tolist() == [0, 0, 0] and b["nss"].isna().all() and b["share_of_voice"].isna().all()
        assert "| (all posts) | 0 |" in render_markdown(rep)


def test_markdown_shows_brand_names_and_posts_with_emphasis_marks_as_written():
    """Brand "Star*bucks*" showed as "Star" and an italic "bucks" ("_B_", "~~C~~" too), and so did a post's
    "*so* late"."""
    from markdown_it import MarkdownIt

    from brandpulse.config import Brand, Config

    names = ["Star*bucks*", "_B_", "~~C~~"]
    posts = enriched([post(i, f"2026-11-0{2 + i}T09:00Z", names[i], "negative", likes=5 - i) for i in range(3)])
    posts.loc[0, "text"] = "*so* late, __again__"
    posts.loc[0, "url"] = "https://x.com/john_doe/status/1"
    rep = build_report(posts, Config(brands=[Brand(n, [str(i)]) for i, n in enumerate(names)]), WEEK, None, top=1)
    md = render_markdown(rep)
    assert "| https://x.com/john_doe/status/1 |" in md  # (a link as written: a `\_` could go into the link)
    rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(md)
    body = rendered.split("<h2>", 1)[1]  # (the headline is the report's own bold)
    assert not {t for t, _ in _Tags(body).tags} & {"em", "strong", "s", "del"}
    brands = re.findall(r"<tr>\n<td>([^<]*)</td>", body.split("</table>")[0])
    assert brands == [*names, "(all posts)"]
    assert "<td>*so* late, __again__</td>" in body


def test_the_volume_chart_draws_each_of_eleven_brands_its_own_way():
    """The tenth brand's line was drawn as the first's (same colour, marker and solid line), the eleventh as
    the second's: two brands the legend could not tell apart."""
    from brandpulse.config import Brand, Config
    from brandpulse.report.charts import all_charts

    names = [f"B{i}" for i in range(11)]
    posts = enriched([post(i, f"2026-11-0{2 + i % 7}T09:00Z", names[i % 11], "neutral") for i in range(44)])
    svg = all_charts(build_report(posts, Config(brands=[Brand(n, [n]) for n in names]), WEEK, None))[0][1]
    lines = re.findall(r'<g id="line2d_\d+">\s*<path d="[^"]*"[^>]*style="([^"]*)"', svg)
    drawn = [style for style in lines if "#b0b0b0" not in style]  # (not the grid)
    # each line twice (in the plot and in the legend), 11 brands and (all posts) all unlike
    assert len(drawn) == 24 and len(set(drawn)) == 12


def test_a_months_charts_label_at_most_seven_dates():
    """In the 5-inch charts a month's ten or so date labels ran into each other. Past every third day they are a week
    apart (since stop 55): 31 days by 7 labels at most is every 5th, so every 7th from 10-09; a quarter's 90 days
    were labelled every 13th (08-11, 08-24, 09-06: each another weekday), now every 14th."""
    from brandpulse.report.charts import all_charts

    month = Period(T("2026-10-09", tz="UTC"), T("2026-11-09", tz="UTC"))
    quarter = Period(T("2026-08-11", tz="UTC"), T("2026-11-09", tz="UTC"))
    expected = {
        month: ["10-09", "10-16", "10-23", "10-30", "11-06"],  # (without their year since stop 56: one year)
        quarter: ["08-11", "08-25", "09-08", "09-22", "10-06", "10-20", "11-03"],
    }
    for period, days in expected.items():
        for _, svg in all_charts(build_report(ten_posts(), config(), period, None))[:2]:
            assert re.findall(r'<g id="xtick_\d+">.*?<text[^>]*>([^<]*)</text>', svg, re.S) == days


def test_report_changes_round_half_away_from_zero_as_a_spreadsheet_does():
    from brandpulse.report.metrics import brand_table

    def posts(n_pos: int, n_neg: int) -> pd.DataFrame:
        n = n_pos + n_neg
        return pd.DataFrame(
            {
                "post_id": [str(i) for i in range(n)],
                "author": ["u"] * n,
                "text": ["a"] * n,
                "brands": ["A"] * n,
                "topics": [""] * n,
                "sentiment": [0.5] * n_pos + [-0.5] * n_neg,
                "sentiment_label": ["positive"] * n_pos + ["negative"] * n_neg,
            }
        )

    # by hand: 16 posts then 17 is +1/16 = +6.25% -> +6.3 (pandas' round: 6.2); negative 1/16 = 6.25 -> 6.3,
    # 0/17 now: change -6.25 -> -6.3; NSS 14/16 = 87.5 -> 100.0: +12.5
    t = brand_table(posts(17, 0), posts(15, 1), config()).set_index("brand")
    row = t.loc["A"]
    assert [row.volume_change_pct, row.negative_pct_prev, row.negative_pct_change, row.nss_change] == [
        6.3,
        6.3,
        -6.3,
        12.5,
    ]


@pytest.mark.parametrize(("old", "new", "csv", "shown"), [(8, 9, 12.5, "+13%"), (11, 16, 45.5, "+45%")])
def test_whole_percents_of_changes_round_half_away_from_zero_from_the_exact_change(old, new, csv, shown):
    """8 posts, then 9: +12.5 % in the CSV showed "+12%" (Python's format takes the even digit). 11 posts, then 16:
    +5 / 11 = +45.45 %, 45.5 in the CSV and JSON, showed "+46%", rounded from the 0.1 figure; by hand it is 45 %."""
    before = [post(i, "2026-10-27T09:00Z", "A", "positive", topics="delays") for i in range(old)]
    now = [post(20 + i, "2026-11-03T09:00Z", "A", "positive", topics="delays") for i in range(new)]
    rep = build_report(enriched(before + now), config(), WEEK, comparison_period(WEEK))
    assert rep.tables["brands"].set_index("brand").loc["A", "volume_change_pct"] == csv
    md = render_markdown(rep)
    assert f"| A | {new} | +{new - old} ({shown}) |" in md
    assert f"| delays | {new} | {old} | +{new - old} | {shown} |" in md  # (topics that grew most)


def test_whole_percents_of_the_terminal_brand_table_round_half_away_from_zero():
    """The brand table's 1 negative of 8 (12.5 %) showed "(12%)" on the terminal."""
    from rich.console import Console

    from brandpulse.output.terminal import brand_table as terminal_brands
    from brandpulse.report.summary import brand_summary

    eight = enriched([post(i, "2026-11-03T09:00Z", "A", "negative" if i == 0 else "positive") for i in range(8)])
    console = Console(width=120, record=True)
    console.print(terminal_brands(brand_summary(eight, config())))
    row = [line for line in console.export_text().splitlines() if "(0%)" in line][0]  # the percents under A's counts
    assert [c.strip() for c in row.split("│")[4:7]] == ["(88%)", "(0%)", "(13%)"]


def test_a_report_with_history_and_no_emerging_term_says_so():
    """A week whose words were those of the weeks before had no "Emerging terms" section at all, in the terminal,
    Markdown and HTML alike: a reader could not tell a quiet week from a report without the feature. It now says
    none stood out, and against what; a first week (no baseline, which its note says) still has no section."""
    from rich.console import Console

    from brandpulse.report.console import print_report

    rows = [post(i, f"2026-10-{26 + i}T09:00Z", "A", "positive") for i in range(6)]  # the week before
    rows += [post(10 + i, f"2026-11-0{2 + i}T09:00Z", "A", "negative") for i in range(6)]  # the same words
    rep = build_report(enriched(rows), config(), WEEK, comparison_period(WEEK), min_term_count=3)
    assert rep.tables["emerging"].empty and rep.posts == 6 and rep.notes == []
    said = (
        "None: no word or bigram in 3 or more posts was unusually frequent against the baseline, "
        "2026-10-05 .. 2026-11-01 (z ≥ 1.96)"
    )
    assert f"## Emerging terms\n\n{said}\n" in render_markdown(rep)
    dated = said.replace(
        "2026-10-05 .. 2026-11-01", '<span class="when">2026-10-05</span> .. <span class="when">2026-11-01</span>'
    )
    assert f"<h2>Emerging terms</h2>\n<p>{dated}</p>" in render_html(rep)  # (a date kept on one line, stop 55)
    console = Console(file=io.StringIO(), width=200)
    print_report(console, rep)
    assert f"\nEmerging terms\n{said}\n" in console.file.getvalue()
    # the first week: no baseline, said once in the notes
    first = build_report(enriched(rows[6:]), config(), WEEK, comparison_period(WEEK), min_term_count=3)
    assert "no baseline posts before the period: emerging terms need history" in first.notes
    assert "Emerging terms" not in render_markdown(first) and "Emerging terms" not in render_html(first)


def test_emerging_terms_leave_out_the_function_words_of_each_posts_language(tmp_path):
    """Spanish, German and French posts listed "del", "por", "und", "der", "les" and "de" among a week's emerging terms
    (the stopwords were English only). A post detected in one of the languages the detector has by default loses
    its function words as English ones lose "the"; an English post keeps "door" and "con", which are Dutch and
    Spanish function words."""
    said = {
        "es": "el retraso del vuelo por la huelga",
        "de": "die Verspätung und der Streik",
        "fr": "les bagages de l'avion sont perdus",
        "en": "the cabin door was broken, what a con",
    }
    # the 4 weeks before (the baseline): 5 posts a day
    times = pd.date_range("2026-10-05T09:00Z", periods=140, freq="288min")
    rows = [{**post(i, at, "A", "neutral", lang="en"), "text": "flight was fine today"} for i, at in enumerate(times)]
    rows += [
        {**post(1000 + 10 * n + i, f"2026-11-0{2 + i % 5}T10:00Z", "A", "negative", lang=lang), "text": text}
        for n, (lang, text) in enumerate(said.items())
        for i in range(10)
    ]
    db = tmp_path / "h.duckdb"
    store.ingest(db, enriched(rows))
    run = CliRunner().invoke(
        main, ["report", "--store", str(db), "--brand", "A", "--until", "2026-11-09", "-f", "json"]
    )
    assert run.exit_code == 0, run.stderr
    found = json.loads(run.stdout)["tables"]["emerging"]
    # each sentence is in the same 10 posts: one row each, its other words and bigrams in `also`
    terms = {row["term"]: {row["term"], *filter(None, row["also"].split(", "))} for row in found}
    words = {w for group in terms.values() for w in group}
    assert {"retraso", "huelga", "verspätung", "streik", "bagages", "perdus", "door", "con", "cabin door"} <= words
    assert not {"del", "por", "la", "el", "und", "der", "die", "les", "de", "sont", "vuelo por"} & words
    assert len(terms) == 4 and {w for group in terms.values() for w in group if " " not in w} == {
        "retraso",
        "vuelo",
        "huelga",
        "verspätung",
        "streik",
        "bagages",
        "l'avion",
        "perdus",
        "cabin",
        "door",
        "broken",
        "con",
    }


def test_the_store_s_baseline_is_read_as_texts_alone(tmp_path):
    """A report from the store read its four baseline periods whole (a quarterly report: the year before it, every
    column of every post, gigabytes); it reads each distinct text and language with its number of posts now, the
    brands' own posts left out as before: "outage" in six posts this week, in no customer's post of the four weeks
    before (only in the brand's own ten), is emerging."""
    rows = [post(i, f"2026-11-0{2 + i % 6}T09:00Z", "A", "negative") | {"text": f"outage again {i}"} for i in range(6)]
    rows += [post(20 + i, f"2026-10-{10 + i}T09:00Z", "A", "positive") | {"text": "flight fine"} for i in range(10)]
    own = [post(40 + i, f"2026-10-{10 + i}T10:00Z", "A", "neutral", author="@A_help") for i in range(10)]
    rows += [p | {"text": "outage update"} for p in own]
    posts = enriched(rows)
    db = tmp_path / "h.duckdb"
    store.ingest(db, posts)
    base = baseline_period(WEEK)
    copies = pd.concat(store.text_copies(db, base.start, base.end), ignore_index=True)
    assert list(copies.columns) == ["text", "lang", "posts"]
    assert sorted(zip(copies["text"], copies["posts"], strict=True)) == [("flight fine", 10), ("outage update", 10)]
    own = pd.concat(store.text_copies(db, base.start, base.end, handles={"a_help"}), ignore_index=True)
    assert own[["text", "posts"]].values.tolist() == [["flight fine", 10]]
    # the report from the posts of the week and the one before, and the baseline's texts apart: as from all posts
    week = posts[posts["created_at"] >= comparison_period(WEEK).start]
    texts = store.text_copies(db, base.start, base.end, handles={"a_help"})
    apart = build_report(week, config(), WEEK, comparison_period(WEEK), min_term_count=3, baseline_posts=texts)
    whole = build_report(posts, config(), WEEK, comparison_period(WEEK), min_term_count=3)
    pd.testing.assert_frame_equal(apart.tables["emerging"], whole.tables["emerging"])
    assert apart.tables["emerging"]["term"].tolist() == ["outage"]
    assert apart.tables["emerging"]["baseline_count"].tolist() == [0]  # (the brand's own ten are not counted)
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n[brands.B]\nterms = ["B"]\ncompetitor = true\n')
    args = ["report", "--store", str(db), "-c", str(cfg), "--until", "2026-11-09", "--min-term-count", "3"]
    out = CliRunner().invoke(main, [*args, "-f", "json"])
    assert out.exit_code == 0, out.output
    emerging = json.loads(out.stdout)["tables"]["emerging"]
    assert [(t["term"], t["count"], t["baseline_count"]) for t in emerging] == [("outage", 6, 0)]


def test_the_store_s_baseline_is_counted_in_batches_as_in_one(tmp_path):
    """The baseline was read whole and its texts made Python strings to be counted (a quarter's: a year of posts);
    DuckDB counts the posts of each distinct text and language now, read a batch at a time: the same counts with
    batches of 1 and 2 distinct texts, or chunks of 1, as in one. By hand, of the four weeks before WEEK: "refund
    delayed" in 3 customers' posts (2 of the brand's own, its handle spelt " @A_Help ", and 1 from before the baseline
    left out), "retraso del vuelo" in 2 Spanish posts ("del" is a Spanish function word) and 1 English one. A retweet
    of the brand is its own too, found by its text: "outage", in 6 posts of the week, is in none of the baseline's
    customers' posts."""
    when = [f"2026-10-{d}T09:00Z" for d in range(10, 20)]
    rows = [post(i, when[i], "A", "negative", text="refund delayed") for i in range(3)]
    rows += [post(3 + i, when[3 + i], "A", "neutral", text="refund delayed", author=" @A_Help ") for i in range(2)]
    rows += [post(5, "2026-10-04T23:59Z", "A", "negative", text="refund delayed")]
    rows += [post(6 + i, when[6 + i], "", "neutral", text="retraso del vuelo", lang="es") for i in range(2)]
    rows += [post(8, when[8], "", "neutral", text="retraso del vuelo", lang="en")]
    rows += [post(10, when[0], "", "neutral", text="RT @A_help: outage fixed", author="u10")]
    rows += [post(20 + i, f"2026-11-0{2 + i}T09:00Z", "A", "negative", text=f"outage {i}") for i in range(6)]
    db = tmp_path / "b.duckdb"
    store.ingest(db, enriched(rows))
    base = baseline_period(WEEK)
    expected = {
        "refund": 3,
        "delayed": 3,
        "refund delayed": 3,
        "retraso": 3,
        "vuelo": 3,
        "del": 1,
        "retraso del": 1,
        "del vuelo": 1,
        "outage": 1,
        "fixed": 1,
        "outage fixed": 1,
    }
    for rows_read, chunk in ((1, emerging.CHUNK), (2, 1), (100_000, 1), (100_000, emerging.CHUNK)):
        copies = store.text_copies(db, base.start, base.end, handles={"a_help"}, rows=rows_read)
        if rows_read == 1:
            copies = list(copies)
            assert [len(c) for c in copies] == [1] * 4  # (4 distinct texts and languages)
        counts, posts = emerging.copy_term_counts(copies, chunk)
        assert posts == 7  # (the retweet's text is counted here; the report leaves it out)
        assert counts.to_dict() == expected
        assert counts.index.name == "term" and counts.name == "count"
    # the report leaves the retweet out, and counts as from the posts themselves
    texts = store.text_copies(db, base.start, base.end, handles={"a_help"}, rows=1)
    week = enriched(rows[-6:])
    apart = build_report(week, config(), WEEK, None, min_term_count=3, baseline_posts=texts).tables["emerging"]
    whole = build_report(enriched(rows), config(), WEEK, None, min_term_count=3).tables["emerging"]
    pd.testing.assert_frame_equal(apart, whole)
    assert apart[["term", "count", "baseline_count"]].values.tolist() == [["outage", 6, 0]]
    empty = store.text_copies(db, WEEK.end, WEEK.end + pd.Timedelta(days=7), rows=1)
    assert emerging.copy_term_counts(empty).posts == 0


def test_a_stored_report_reads_the_comparison_periods_own_posts_and_the_periods_listed_posts(tmp_path):
    """The store is read for a report with only the columns it needs, the texts and urls of the period's posts alone:
    the comparison period's posts are only counted. Its brands' own posts are still left out of them, a retweet of
    the brand found by its text; and the period's posts list their texts and urls."""
    db = tmp_path / "s.duckdb"
    own = [
        post(14, "2026-10-29T10:00Z", "A", "negative", author="A_help"),
        post(15, "2026-10-30T10:00Z", "A", "negative", author="u9", text="RT @A_help: sorry about the delays on A"),
    ]
    store.ingest(db, pd.concat([ten_posts(), enriched(own)], ignore_index=True))
    (tmp_path / "b.toml").write_text(
        '[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n[brands.B]\nterms = ["B"]\ncompetitor = true\n'
    )
    args = ["report", "--store", str(db), "-c", str(tmp_path / "b.toml"), "--until", "2026-11-09", "-f", "json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    brands = {r["brand"]: r for r in data["tables"]["brands"]}
    # A: posts 1, 2, 3, 4, 6 this week; the week before post 11 alone (14 is A_help's, 15 its retweet)
    assert (brands["A"]["volume"], brands["A"]["volume_prev"], brands["A"]["nss_prev"]) == (5, 1, 100.0)
    assert (brands["B"]["volume"], brands["B"]["volume_prev"]) == (2, 2)  # 5, 6; 12, 13
    assert (data["posts"], data["own_posts"]) == (7, 0)
    # post 1 alone has engagement (10 likes): its text and url, read for the period's posts
    top = data["tables"]["top_posts"]
    assert [(p["author"], p["text"], p["url"]) for p in top] == [("u1", "post 1 about A", "https://x.com/u/status/1")]
    # of the store, the listed columns are read inside a window alone
    week = (pd.Timestamp("2026-11-02", tz="UTC"), pd.Timestamp("2026-11-09", tz="UTC"), ["text", "url"])
    read = store.load_posts(db, "2026-10-26", "2026-11-09", columns=["created_at", "text", "url"], only_in=week)
    assert list(read.columns) == ["created_at", "text", "url"]
    assert read["text"].isna().tolist() == [True] * 5 + [False] * 7
    assert read["url"].iloc[-1] == "https://x.com/u/status/7"


def test_a_period_not_over_says_so_and_how_to_compare_as_long_a_part(tmp_path):
    """On Friday, `report --since MONDAY` is the week to Sunday: its Monday-to-Friday posts were compared with the
    whole week before, so a week of more complaints a day read as one of about as many, and nothing said so. A note
    now says it, with the options that compare the days so far with the same days of the period before."""
    days = [*pd.date_range("2026-11-23T10:00Z", periods=7), *pd.date_range("2026-11-23T11:00Z", periods=7)]
    days += [*pd.date_range("2026-11-30T10:00Z", periods=5), *pd.date_range("2026-11-30T11:00Z", periods=5)]
    days += pd.date_range("2026-11-30T12:00Z", periods=5).tolist()  # 14 posts last week, 15 to Friday noon
    (tmp_path / "p.csv").write_text(
        "id,created_at,text\n" + "".join(f"{i},{d:%Y-%m-%dT%H:%M:%SZ},Acme was late\n" for i, d in enumerate(days))
    )
    (tmp_path / "c.toml").write_text('[brands.Acme]\nterms = ["Acme"]\n')
    base = ["report", str(tmp_path / "p.csv"), "-c", str(tmp_path / "c.toml"), "-f", "json", "-q"]
    result = CliRunner().invoke(main, [*base, "--since", "2026-11-30", "--now", "2026-12-04T17:00"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    acme = next(r for r in data["tables"]["brands"] if r["brand"] == "Acme")
    assert (acme["volume"], acme["volume_prev"]) == (15, 14)
    note = (
        "2026-11-30 .. 2026-12-06 is not over (it ends 2026-12-07 00:00): its posts until now are compared with all"
        " of 2026-11-23 .. 2026-11-29's; --since 2026-11-30T00:00 --until 2026-12-04T17:00 --compare"
        " 2026-11-23T00:00..2026-11-27T17:00 compares them with as long a part of it"
    )
    assert data["notes"] == [note] and " ".join(result.stderr.split()) == f"note: {note}"
    # as the note says: Monday to Friday 17:00 of each week, 15 posts against 10
    after = CliRunner().invoke(
        main,
        [*base, "--since", "2026-11-30", "--until", "2026-12-04T17:00", "--compare", "2026-11-23..2026-11-27T17:00"],
    )
    acme = next(r for r in json.loads(after.stdout)["tables"]["brands"] if r["brand"] == "Acme")
    assert (acme["volume"], acme["volume_prev"], acme["volume_change"]) == (15, 10, 5)
    assert "not over" not in after.stderr
    # a period over before now (the last complete week, the default) has no such note
    done = CliRunner().invoke(main, [*base, "--now", "2026-12-04T17:00"])
    assert done.exit_code == 0 and "not over" not in done.stdout + done.stderr


def test_a_period_not_over_is_compared_with_as_long_a_part_on_the_zones_clock():
    """Review of stop 40: the part of the period before was as long in hours, not on the zone's clock, so over a change
    of daylight saving its end was an hour off (April 1 to 20 17:00 in New York: March 1 to 20 18:00, as March 8 has
    23 hours), and the options given compared periods of different lengths on the clock, `length_ratio`'s."""
    from brandpulse.report.build import length_ratio
    from brandpulse.report.periods import unfinished

    zone = "America/New_York"
    april = Period("2026-04-01", "2026-05-01", zone, unit="month")
    march = Period("2026-03-01", "2026-04-01", zone, unit="month")
    with on_the_command_line():
        note = unfinished(april, march, pd.Timestamp("2026-04-20T21:00Z"))  # 17:00 in New York (EDT)
    assert "--since 2026-04-01T00:00 --until 2026-04-20T17:00 --compare 2026-03-01T00:00..2026-03-20T17:00" in note
    # the two parts the note gives are as long on the clock: changes are not scaled
    assert (
        length_ratio(Period("2026-04-01", "2026-04-20T17:00", zone), Period("2026-03-01", "2026-03-20T17:00", zone))
        == 1
    )


def test_a_quarter_is_compared_with_the_quarter_before():
    """`report --since 2026-07-01 --until 2026-10-01` (Q3, 92 days) was compared with 2026-03-31 .. 06-30, the 92 days
    before it, and its emerging-terms baseline began 2025-06-30: a quarter's slides compare it with Q2 (04-01 ..
    06-30), and the baseline is the year before it, as the docs say."""
    for period in ("week", "month"):
        q3 = resolve_period(period, since="2026-07-01", until="2026-10-01")
        assert comparison_period(q3) == Period(T("2026-04-01", tz="UTC"), T("2026-07-01", tz="UTC"))
        assert baseline_period(q3).start == T("2025-07-01", tz="UTC")
        assert comparison_period(q3).label() == "2026-04-01 .. 2026-06-30"
    # Q1 after Q4, over the year's end, in a zone; and a half year after the one before
    q1 = resolve_period("week", since="2027-01-01", until="2027-04-01", tz="Europe/Berlin")
    q4 = comparison_period(q1)
    assert (q4.start, q4.end) == (T("2026-09-30T22:00", tz="UTC"), T("2026-12-31T23:00", tz="UTC"))
    h2 = resolve_period("week", since="2026-07-01", until="2027-01-01")
    assert comparison_period(h2).start == T("2026-01-01", tz="UTC")
    # 90 days that are no whole months stay 90 days before
    assert comparison_period(resolve_period("week", since="2026-07-01", until="2026-09-29")).start == T(
        "2026-04-02", tz="UTC"
    )


def test_timeseries_in_months_and_weeks_for_a_quarter():
    """A quarter's slides show each month: `--bucket` had day and hour alone, so Q3 was 92 daily rows per brand to
    sum by hand. Months are the zone's calendar months, weeks its ISO weeks, the first from the period's start."""
    rows = [post(1, "2026-07-01T08:00Z", "A", "positive"), post(2, "2026-07-31T21:30Z", "A;B", "negative")]
    rows += [post(3, "2026-07-31T22:30Z", "B", "negative"), post(4, "2026-09-30T21:00Z", "B", "positive")]
    rows.append(post(5, "2026-09-30T22:30Z", "A", "positive"))  # 10-01 00:30 in Berlin: after the quarter
    q3 = resolve_period("week", since="2026-07-01", until="2026-10-01", tz="Europe/Berlin")
    tables = build_report(enriched(rows), config(), q3, None, bucket="month").tables
    ts = tables["timeseries"]
    berlin = [T(f"2026-{m:02}-01", tz="Europe/Berlin") for m in (7, 8, 9)]
    assert ts[ts["brand"] == "A"]["bucket"].tolist() == berlin
    assert ts[ts["brand"] == "A"]["volume"].tolist() == [2, 0, 0]  # 07-31 21:30Z is July's 23:30 in Berlin
    assert ts[ts["brand"] == "B"]["volume"].tolist() == [1, 1, 1]  # 07-31 22:30Z is August's 00:30
    assert ts[ts["brand"] == "B"]["negative"].tolist() == [1, 1, 0]
    # each month's share of voice, of its brand mentions: July's 2 of A and 1 of B, then B's alone
    assert ts[ts["brand"] == "A"]["share_of_voice"].tolist() == [66.7, 0.0, 0.0]
    assert ts[ts["brand"] == "B"]["share_of_voice"].tolist() == [33.3, 100.0, 100.0]
    assert ts[ts["brand"] == "(all posts)"]["share_of_voice"].isna().all()
    # weeks: Wednesday 07-01 to Sunday 07-05, then Mondays; 14 buckets in all
    weeks = build_report(enriched(rows), config(), q3, None, bucket="week").tables["timeseries"]
    starts = weeks[weeks["brand"] == "B"]["bucket"]
    assert len(starts) == 14 and starts.iloc[0] == berlin[0] and starts.iloc[1] == T("2026-07-06", tz="Europe/Berlin")
    # (07-31 23:30 and 08-01 00:30 in Berlin are both in the week of Monday 07-27)
    assert weeks[weeks["brand"] == "B"]["volume"].tolist() == [0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1]


def test_a_quarters_report_in_months_from_the_command_line(tmp_path):
    """The quarter's slides: `--bucket month` was refused (exit 2), and Q3 was compared with 03-31 .. 06-30, so a
    post of March 31 counted in the quarter before."""
    days = [
        "2026-03-31",
        "2026-04-01",
        "2026-07-02",
        "2026-07-20",
        "2026-07-31",
        "2026-08-15",
        "2026-09-01",
        "2026-09-30",
    ]
    (tmp_path / "p.csv").write_text(
        "id,created_at,text\n" + "".join(f"{i},{d}T10:00Z,Acme\n" for i, d in enumerate(days))
    )
    (tmp_path / "c.toml").write_text('[brands.Acme]\nterms = ["Acme"]\n')
    args = ["report", str(tmp_path / "p.csv"), "-c", str(tmp_path / "c.toml"), "--since", "2026-07-01"]
    result = CliRunner().invoke(main, [*args, "--until", "2026-10-01", "--bucket", "month", "-f", "json", "-q"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["compare"]["label"] == "2026-04-01 .. 2026-06-30"
    acme = next(r for r in data["tables"]["brands"] if r["brand"] == "Acme")
    assert (acme["volume"], acme["volume_prev"]) == (6, 1)
    months = [r for r in data["tables"]["timeseries"] if r["brand"] == "Acme"]
    assert [(r["bucket"], r["volume"]) for r in months] == [
        ("2026-07-01T00:00:00Z", 3),
        ("2026-08-01T00:00:00Z", 1),
        ("2026-09-01T00:00:00Z", 2),
    ]


def test_topics_per_brand_count_each_brand_with_its_own_sentiment():
    """What a competitor is praised and criticised for: the topics table is of posts as a whole, also with
    `--for-brand B`, so "A vs B: A wins on coverage", positive, made B's network talk read as praise. Topics per
    brand counts each brand with its own score, as the Brands table does."""
    rows = [
        post(1, "2026-11-02T09:00Z", "A;B", "positive", "network", brand_sentiments="A=0.5000;B=-0.5000"),
        post(2, "2026-11-03T09:00Z", "A;B", "positive", "network", brand_sentiments="A=0.5000;B=-0.5000"),
        post(3, "2026-11-04T09:00Z", "B", "positive", "network;pricing"),
        post(4, "2026-11-05T09:00Z", "B", "negative", "pricing"),
        post(5, "2026-10-28T09:00Z", "B", "positive", "network"),
        post(6, "2026-11-05T10:00Z", "", "negative", "network"),
    ]
    rep = build_report(enriched(rows), config(), WEEK, comparison_period(WEEK))
    bt = rep.tables["brand_topics"]
    got = [(r.brand, r.competitor, r.topic, r.volume, r.nss, r.volume_prev) for r in bt.itertuples()]
    assert got == [
        ("A", False, "network", 2, 100.0, 0),
        ("B", True, "network", 3, -33.3, 1),  # 1 positive, 2 negative for B
        ("B", True, "pricing", 2, 0.0, 0),
    ]
    assert bt.loc[bt["topic"] == "network", "nss_change"].tolist()[1] == -133.3  # (B's network: +100 the week before)
    # the topics table and B's own report count the posts as a whole: B's network talk read positive
    only_b = build_report(enriched(rows), config(), WEEK, None, brands=["B"])
    assert only_b.tables["topics"].set_index("topic").loc["network", "nss"] == 100.0
    assert only_b.tables["brand_topics"].set_index(["brand", "topic"]).loc[("B", "network"), "nss"] == -33.3
    md = render_markdown(rep)
    assert "## Topics per brand" in md and "| B (competitor) | network | 3 | -33.3 | +2 | -133.3 |" in md


def test_topics_per_brand_as_csv(stored):
    result = run("--store", str(stored), "--until", "2026-11-09", "--table", "brand_topics")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "brand,competitor,topic,volume,complaints,nss,volume_prev,volume_change,volume_change_pct,complaints_prev,"
        "complaints_change,nss_prev,nss_change"
    )


def test_topics_per_brand_count_each_stores_complaints():
    """A chain's stores as brands: which store gets complaints, and about what. The topics table counted complaints
    of all stores together; topics per brand had none, so a store's 3 complaints of queues were out of sight."""
    rows = [
        post(1, "2026-11-02T09:00Z", "A", "neutral", "queues", intent="complaint"),
        post(2, "2026-11-03T09:00Z", "A", "negative", "queues;staff", intent="complaint"),
        post(3, "2026-11-04T09:00Z", "A", "positive", "staff", intent="praise"),
        post(4, "2026-11-05T09:00Z", "A;B", "negative", "queues", intent="complaint"),
        post(5, "2026-10-28T09:00Z", "A", "negative", "queues", intent="complaint"),
    ]
    rep = build_report(enriched(rows), config(), WEEK, comparison_period(WEEK))
    bt = rep.tables["brand_topics"].set_index(["brand", "topic"])
    assert bt.loc[("A", "queues"), ["volume", "complaints", "complaints_prev", "complaints_change"]].tolist() == [
        3,
        3,
        1,
        2,
    ]
    assert bt.loc[("A", "staff"), "complaints"] == 1 and bt.loc[("B", "queues"), "complaints"] == 1
    assert "| A | queues | 3 | -66.7 | +2 | +33.3 | 3 (+2) |" in render_markdown(rep)


def test_months_and_weeks_of_a_period_starting_within_a_day_count_every_post(tmp_path):
    """`--since 2026-07-01T12:00 --bucket month`: the grid's months began at 12:00 (08-01 12:00, 09-01 12:00), which no
    post's month is (08-01 00:00), so August's and September's posts were counted nowhere: 0 each."""
    days = ["2026-07-01T13:00", "2026-07-20T10:00", "2026-08-01T06:00", "2026-08-15T10:00", "2026-09-30T10:00"]
    (tmp_path / "p.csv").write_text("id,created_at,text\n" + "".join(f"{i},{d}Z,Acme\n" for i, d in enumerate(days)))
    (tmp_path / "c.toml").write_text('[brands.Acme]\nterms = ["Acme"]\n')
    args = ["report", str(tmp_path / "p.csv"), "-c", str(tmp_path / "c.toml"), "--since", "2026-07-01T12:00"]
    args += ["--until", "2026-10-01", "-f", "json", "-q", "--compare", "none"]
    months = json.loads(CliRunner().invoke(main, [*args, "--bucket", "month"]).stdout)["tables"]["timeseries"]
    assert [(r["bucket"], r["volume"]) for r in months if r["brand"] == "Acme"] == [
        ("2026-07-01T12:00:00Z", 2),
        ("2026-08-01T00:00:00Z", 2),
        ("2026-09-01T00:00:00Z", 1),
    ]
    weeks = json.loads(CliRunner().invoke(main, [*args, "--bucket", "week"]).stdout)["tables"]["timeseries"]
    acme = [(r["bucket"][:13], r["volume"]) for r in weeks if r["brand"] == "Acme"]
    # Wednesday 07-01 12:00, then the Mondays at 00:00: 07-20, 07-27 (08-01, a Saturday), 08-10 (08-15), 09-28
    assert acme[:2] == [("2026-07-01T12", 1), ("2026-07-06T00", 0)] and len(acme) == 14
    assert [n for _, n in acme] == [1, 0, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1]


def test_months_are_whole_also_where_the_clock_skips_the_first_midnight():
    """Paraguay's clocks went from 2023-10-01 00:00 to 01:00: Q3 ending then was no whole months (it ends at 01:00 on
    the clock) and was compared with the 92 days and an hour before, 2023-03-30 23:00 .. 07-01; Q4, beginning at
    01:00, with 2023-07-01 02:00 .. 10-01 01:00; and `--period month` of September with 08-01 23:00 .. 09-01."""
    where = "America/Asuncion"
    q3 = resolve_period("week", since="2023-07-01", until="2023-10-01", tz=where)
    assert (q3.unit, q3.months) == ("month", 3)
    assert comparison_period(q3).label() == "2023-04-01 .. 2023-06-30"
    q4 = resolve_period("week", since="2023-10-01", until="2024-01-01", tz=where)
    assert q4.start == T("2023-10-01T04:00", tz="UTC")  # (01:00 -03:00, the day's first instant)
    before = comparison_period(q4)
    assert (before.start, before.end) == (T("2023-07-01T04:00", tz="UTC"), q4.start)
    assert baseline_period(q4).start == T("2022-10-01T04:00", tz="UTC")
    september = resolve_period("month", now="2023-10-15", tz=where)
    assert september.label() == "2023-09-01 .. 2023-09-30"
    assert comparison_period(september).label() == "2023-08-01 .. 2023-08-31"


def test_a_brands_topics_of_the_week_before_alone_come_last_the_largest_fall_first():
    """As in the topics table: a topic a brand had posts on the week before alone is at 0 after its others, the largest
    fall first. They were by name: B's `network` (1 post then) before its `pricing` (3)."""
    rows = [post(1, "2026-11-02T09:00Z", "B", "negative", "delays")]
    rows += [post(2, "2026-10-27T09:00Z", "B", "negative", "network")]
    rows += [post(i, f"2026-10-28T0{i}:00Z", "B", "positive", "pricing") for i in (3, 4, 5)]
    bt = build_report(enriched(rows), config(), WEEK, comparison_period(WEEK)).tables["brand_topics"]
    got = [(r.brand, r.topic, r.volume, r.volume_change) for r in bt.itertuples()]
    assert got == [("B", "delays", 1, 1), ("B", "pricing", 0, -3), ("B", "network", 0, -1)]


def test_the_headline_says_of_how_many_posts_its_nss_is_when_some_have_no_sentiment(tmp_path):
    """An agency's week of Spanish and Portuguese posts and one English: the report's headline said "NSS +100.0",
    the one English post's, as if it were the week's. It now says of how many posts with a sentiment, and how many
    have none."""
    src = tmp_path / "posts.csv"
    src.write_text(
        "id,created_at,author,text,lang\n"
        '1,2026-12-07T10:00:00Z,lucia,"No me han devuelto mi dinero, Aeroméxico",es\n'
        "2,2026-12-08T10:00:00Z,bia,Aeroméxico atrasou meu voo. Que absurdo,pt\n"
        "3,2026-12-09T10:00:00Z,memo,Pésimo servicio de Aeroméxico,es\n"
        '4,2026-12-10T10:00:00Z,john,"Great flight with Aeroméxico today, thanks crew!",en\n',
        encoding="utf-8",
    )
    db, cfg = tmp_path / "s.duckdb", tmp_path / "c.toml"
    cfg.write_text('[brands."Aeroméxico"]\nterms = ["Aeroméxico"]\n', encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(src), "--store", str(db), "-c", str(cfg)]).exit_code == 0
    args = ["report", "--store", str(db), "-c", str(cfg), "--since", "2026-12-07", "--until", "2026-12-14"]
    md = runner.invoke(main, [*args, "-f", "md"])
    assert md.exit_code == 0, md.stderr
    assert "4 posts (+4 vs 2026-11-30 .. 2026-12-06), NSS +100.0 (–), of 1 post with a sentiment (3 unscored, not " in (
        md.stdout
    )
    assert "(3 unscored, not in the analyzer's languages)**" in md.stdout
    # every post scored: nothing more said
    english = tmp_path / "en.csv"
    english.write_text("id,created_at,author,text\n9,2026-12-11T10:00:00Z,ann,Aeroméxico was fine\n")
    db2 = tmp_path / "s2.duckdb"
    assert runner.invoke(main, ["ingest", str(english), "--store", str(db2), "-c", str(cfg)]).exit_code == 0
    md2 = runner.invoke(
        main,
        ["report", "--store", str(db2), "-c", str(cfg), "--since", "2026-12-07", "--until", "2026-12-14", "-f", "md"],
    )
    assert md2.exit_code == 0, md2.stderr
    assert "with a sentiment" not in md2.stdout.split("\n")[2]


def test_weeks_the_period_cuts_say_so_in_every_format():
    """`--bucket week` over a quarter from Wednesday 07-01: its first week is 5 days, its last (09-28 .. 09-30) 3,
    and their fewer posts read as a fall in volume, labelled as any other week. The timeseries flags them
    (`partial`, `bucket_end`), a note says how many days each holds, and the figures under the HTML charts and the
    trend's key name them."""
    rows = [post(i, f"2026-{d}T10:00Z", "A", "positive") for i, d in enumerate(["07-01", "07-08", "09-29"])]
    q3 = resolve_period("week", since="2026-07-01", until="2026-10-01", tz="Europe/Berlin")
    rep = build_report(enriched(rows), config(), q3, None, bucket="week")
    ts = rep.tables["timeseries"]
    a = ts[ts["brand"] == "A"]
    assert a["partial"].tolist() == [True] + [False] * 12 + [True]
    assert a["bucket_end"].iloc[0] == T("2026-07-06", tz="Europe/Berlin")  # Wednesday to Monday: 5 days
    assert a["bucket_end"].iloc[-1] == T("2026-10-01", tz="Europe/Berlin")  # Monday 09-28 to the quarter's end
    data = json.loads(json.dumps(rep.to_dict()))["tables"]["timeseries"]
    assert (data[0]["bucket_end"], data[0]["partial"], data[1]["partial"]) == ("2026-07-05T22:00:00Z", True, False)
    note = (
        "the period holds only part of 2 weeks (2026-07-01 .. 2026-07-05: 5 of its 7 days; 2026-09-28 .. 2026-09-30: "
        "3 of its 7 days): their fewer posts are of less time, not a fall in volume"
    )
    assert note in rep.notes
    md = render_markdown(rep)
    assert f"> {note}" in md and "trend: posts per week, each row on its own scale (the first and last only part" in md
    html = render_html(rep)
    assert '<th scope="row" dir="auto">2026-07-01 (part: 5 of its 7 days)</th>' in html
    assert '<th scope="row" dir="auto">2026-07-06</th>' in html
    assert '<th scope="row" dir="auto">2026-09-28 (part: 3 of its 7 days)</th>' in html
    # the charts: the cut weeks' points hollow, their bars pale (2 weeks of 3 bands, those 0 high too)
    assert "Volume per week (hollow: part)" in html and "Sentiment per week (all posts; pale: part)" in html
    assert html.count("opacity: 0.4") == 6
    # whole calendar months, and a week from Monday to Monday, are no part: no note, no flag
    months = build_report(enriched(rows), config(), q3, None, bucket="month")
    assert not months.tables["timeseries"]["partial"].any()
    assert not [n for n in months.notes if n.startswith("the period holds only part")]
    week = build_report(ten_posts(), config(), WEEK, None)
    assert not week.tables["timeseries"]["partial"].any()
    assert not re.search(r"\(part|hollow|pale|opacity: 0\.4", render_html(week))


def test_the_trend_draws_a_cut_bucket_at_its_posts_per_whole_bucket():
    """The sparklines drew the buckets the period cuts (flagged `partial`) like whole ones: a steady 4 posts a day
    over a period ending at 12:00 drew its last half day as a fall, "██▅". A cut bucket is drawn at its posts per
    whole bucket, on the whole ones' scale (at most their top); the counts themselves (the timeseries, the spoken
    trend) stay."""
    from brandpulse.report.present import brands_view, spoken_trend

    times = ["02T01", "02T07", "02T13", "02T20", "03T01", "03T07", "03T13", "03T20", "04T01", "04T07"]
    rows = [post(i, f"2026-11-{t}:00Z", "A", "positive") for i, t in enumerate(times)]
    days = resolve_period("day", since="2026-11-02", until="2026-11-04T12:00")
    rep = build_report(enriched(rows), config(), days, None, bucket="day")
    assert brands_view(rep).set_index("brand")["trend"]["A"] == "███"  # 4, 4, then 2 in half a day: 4 a day
    assert spoken_trend(rep, "A") == "posts per day: 4, 4, 2"
    assert "drawn at its posts per whole day" in render_markdown(rep)
    # 3 posts in the last half day (6 a day) are drawn at most as high as the whole days' top
    more = build_report(enriched([*rows, post(99, "2026-11-04T08:00Z", "A", "positive")]), config(), days, None)
    assert brands_view(more).set_index("brand")["trend"]["A"] == "███"
    few = build_report(enriched(rows[:-1]), config(), days, None)  # 1 post in half a day: 2 a day, half the top
    assert brands_view(few).set_index("brand")["trend"]["A"] == "██▅"
    # periods of whole buckets are drawn as before
    assert (
        brands_view(build_report(ten_posts(), config(), WEEK, None)).set_index("brand")["trend"]["A"] == "█▅▅▁▅▁▁"
    )  # 2, 1, 1, 0, 1, 0, 0


def test_a_day_bucket_the_period_ends_within_is_part_of_a_day_and_an_hour_of_its_minutes():
    """Days count from the period's start: `--since 2026-11-02T12:00` made its last day 12 hours, and a crisis'
    `--since 07:30` its last hour 30 minutes."""
    days = Period(T("2026-11-02 12:00", tz="UTC"), T("2026-11-05", tz="UTC"))
    rep = build_report(ten_posts(), config(), days, None, bucket="day")
    assert rep.tables["timeseries"].drop_duplicates("bucket")["partial"].tolist() == [False, False, True]
    assert "(2026-11-04 12:00 .. 2026-11-05 00:00: 12 of its 24 hours): its fewer posts" in " ".join(rep.notes)
    hours = Period(T("2026-11-02 07:30", tz="UTC"), T("2026-11-02 10:00", tz="UTC"))  # (a post at 09:00)
    rep = build_report(ten_posts(), config(), hours, None, bucket="hour")
    assert "part of an hour (2026-11-02 09:30 .. 10:00: 30 of its 60 minutes)" in " ".join(rep.notes)
    # (a half in the larger unit: a day's last 10.5 hours were "630 of its 1440 minutes"; a week's 5.5 days, 132 hours)
    half = Period(T("2026-11-02 12:00", tz="UTC"), T("2026-11-04 22:30", tz="UTC"))
    rep = build_report(ten_posts(), config(), half, None, bucket="day")
    assert "(2026-11-04 12:00 .. 22:30: 10.5 of its 24 hours)" in " ".join(rep.notes)
    week = Period(T("2026-11-03 12:00", tz="UTC"), T("2026-11-16", tz="UTC"))
    rep = build_report(ten_posts(), config(), week, None, bucket="week")
    assert "(2026-11-03 12:00 .. 2026-11-09 00:00: 5.5 of its 7 days)" in " ".join(rep.notes)


def test_a_day_whose_midnight_daylight_saving_skips_is_a_whole_day():
    """Santiago's clocks go from 2026-09-06 00:00 to 01:00: that day begins at 01:00 and is 23 hours long, all of it
    in the period, but it was flagged `partial` and noted as "23 of its 24 hours"."""
    days = Period(T("2026-09-05 04:00", tz="UTC"), T("2026-09-08 03:00", tz="UTC"), "America/Santiago")
    rep = build_report(ten_posts(), config(), days, None, bucket="day")
    ts = rep.tables["timeseries"].drop_duplicates("bucket")
    assert ts["bucket"].dt.tz_convert("America/Santiago").dt.hour.tolist() == [0, 1, 0]  # (the 6th from 01:00)
    assert ts["partial"].tolist() == [False, False, False]
    assert not any("part of" in note for note in rep.notes)


def test_a_period_without_posts_has_no_note_on_the_fewer_posts_of_its_cut_month():
    """A period of no posts said "the period holds only part of a month (...): its fewer posts are of less time" beside
    "no posts in ...", and the trend's key pointed to it: there are no fewer posts to explain."""
    empty = Period(T("2030-01-01", tz="UTC"), T("2030-02-15", tz="UTC"))
    rep = build_report(ten_posts(), config(), empty, None, bucket="month")
    assert rep.notes[0] == "no posts in 2030-01-01 .. 2030-02-14"
    assert rep.tables["timeseries"].drop_duplicates("bucket")["partial"].tolist() == [False, True]  # (still data)
    assert not any("part of" in note for note in rep.notes)
    assert table_key(rep, "Brands").endswith("trend: posts per month, each row on its own scale")


def test_the_note_on_cut_weeks_is_not_on_stderr_with_quiet(tmp_path):
    """Cron's monthly report by week has cut weeks most months: the note stays in the report, not in cron's mail."""
    (tmp_path / "p.csv").write_text("id,created_at,text\n1,2026-09-02T10:00Z,Acme\n")
    (tmp_path / "c.toml").write_text('[brands.Acme]\nterms = ["Acme"]\n')
    args = ["report", str(tmp_path / "p.csv"), "-c", str(tmp_path / "c.toml"), "--period", "month"]
    args += ["--until", "2026-10-01", "--bucket", "week", "-f", "md"]
    loud, quiet = CliRunner().invoke(main, args), CliRunner().invoke(main, [*args, "-q"])
    assert loud.exit_code == quiet.exit_code == 0, loud.stderr
    said = "note: the period holds only part of 2 weeks (2026-09-01 .. 2026-09-06: 6 of its 7 days; 2026-09-28"
    assert said in loud.stderr and "only part of" not in quiet.stderr
    assert "> the period holds only part of 2 weeks" in quiet.stdout


def test_topics_per_brand_keep_each_brands_top_topics():
    """`--top` cut the topic-growth, author and post tables, but Topics per brand listed every topic of every brand
    (12 brands of 20 topics: 240 rows). Each brand's `--top` largest now, the key says so."""
    rows = [
        post(i, "2026-11-03T09:00Z", "A", "negative", t) for i, t in enumerate(["t1", "t1", "t1", "t2", "t2", "t3"])
    ]
    rows += [post(10, "2026-11-03T09:00Z", "B", "positive", "t3"), post(11, "2026-11-03T10:00Z", "B", "positive", "t4")]
    rep = build_report(enriched(rows), config(), WEEK, comparison_period(WEEK), top=2)
    bt = rep.tables["brand_topics"]
    assert list(zip(bt["brand"], bt["topic"], bt["volume"], strict=True)) == [
        ("A", "t1", 3),
        ("A", "t2", 2),
        ("B", "t3", 1),
        ("B", "t4", 1),
    ]
    assert "each brand's 2 largest topics (--top)" in render_markdown(rep)
    assert len(build_report(enriched(rows), config(), WEEK, None, top=5).tables["brand_topics"]) == 5


def test_a_bucket_too_fine_for_the_period_is_a_usage_error_where_people_read_it(tmp_path):
    """`--bucket hour` over a quarter drew 2,208 bars, a trend 2,208 characters wide in each brand's row and a
    figures table of 2,208 rows. In Markdown, HTML and on the terminal it is a usage error naming a bucket that
    fits; JSON and `--table timeseries` are data and take it. Without --bucket, a period of more than 400 days is
    counted in weeks."""
    (tmp_path / "p.csv").write_text("id,created_at,text\n1,2026-07-02T10:00Z,Acme\n2,2027-06-02T10:00Z,Acme\n")
    (tmp_path / "c.toml").write_text('[brands.Acme]\nterms = ["Acme"]\n')
    args = ["report", str(tmp_path / "p.csv"), "-c", str(tmp_path / "c.toml"), "-q"]
    q3 = [*args, "--since", "2026-07-01", "--until", "2026-10-01", "--bucket", "hour"]
    for fmt in ("md", "html", "table"):
        result = CliRunner().invoke(main, [*q3, "-f", fmt])
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr == (
            "brandpulse: error: --bucket hour: 2026-07-01 .. 2026-09-30 is 2,208 hours, too many to chart or read "
            "(at most 400): give --bucket day, or -f json or --table timeseries -f csv for every hour\n"
        )
    data = json.loads(CliRunner().invoke(main, [*q3, "-f", "json"]).stdout)
    assert len([r for r in data["tables"]["timeseries"] if r["brand"] == "Acme"]) == 2208
    assert CliRunner().invoke(main, [*q3, "--table", "timeseries"]).stdout.count("\n") == 1 + 2 * 2208
    # a year by day is no error (365 days); two years without --bucket are by week
    year = CliRunner().invoke(main, [*args, "--since", "2026-07-01", "--until", "2027-07-01", "--bucket", "day"])
    assert year.exit_code == 0, year.stderr
    two = CliRunner().invoke(main, [*args, "--since", "2026-01-01", "--until", "2028-01-01", "-f", "json"])
    assert json.loads(two.stdout)["bucket"] == "week"
    # a bucket that fits is named only when one does: weeks over 37 years were told "give --bucket month", 441 months
    ages = CliRunner().invoke(main, [*args, "--since", "1990-01-01", "--until", "2026-10-01", "--bucket", "week"])
    assert ages.exit_code == 2
    assert "is 1,918 weeks, too many to chart or read (at most 400): give a shorter period, or -f json" in ages.stderr
    months = CliRunner().invoke(main, [*args, "--since", "1990-01-01", "--until", "2026-10-01", "--bucket", "month"])
    assert months.exit_code == 2 and "is 441 months" in months.stderr


def test_a_comparison_period_before_the_first_post_held_says_so(tmp_path):
    """`--since 2026-09-01 --until 2026-11-09` (69 days) is compared with the 69 days before, 06-24 .. 08-31, as its
    header says; of a store begun on 08-31 that was "+5 posts" against one day's posts, without a word. A note says
    so, of the store and of FILES; a comparison period within the posts held has none."""
    lines = ["id,created_at,text", "1,2026-08-31T10:00Z,Acme"]
    lines += [f"{i},2026-{d}T10:00Z,Acme" for i, d in enumerate(["09-02", "10-01", "10-15", "11-02", "11-05"], 2)]
    (tmp_path / "p.csv").write_text("\n".join(lines) + "\n")
    (tmp_path / "c.toml").write_text('[brands.Acme]\nterms = ["Acme"]\n')
    db = tmp_path / "s.duckdb"
    cfg = ["-c", str(tmp_path / "c.toml")]
    assert CliRunner().invoke(main, ["ingest", str(tmp_path / "p.csv"), *cfg, "--store", str(db)]).exit_code == 0
    note = (
        "the comparison period begins before the first post held (2026-08-31 10:00): 2026-06-24 .. 2026-08-31 has"
        " posts from then on alone, so the changes against it are of less time, not a rise"
    )
    span = ["--since", "2026-09-01", "--until", "2026-11-09", "-f", "json"]
    for source in (["--store", str(db)], [str(tmp_path / "p.csv")]):
        result = CliRunner().invoke(main, ["report", *source, *cfg, *span])
        data = json.loads(result.stdout)
        assert data["compare"]["label"] == "2026-06-24 .. 2026-08-31" and data["posts"] == 5
        assert note in data["notes"] and f"note: {note}" in result.stderr.replace("\n", " ")
    quiet = CliRunner().invoke(main, ["report", "--store", str(db), *cfg, *span, "-q"])  # (cron: a new store's weeks)
    assert note in json.loads(quiet.stdout)["notes"] and "first post held" not in quiet.stderr
    later = CliRunner().invoke(main, ["report", "--store", str(db), *cfg, "--since", "2026-10-15", *span[2:]])
    assert not [n for n in json.loads(later.stdout)["notes"] if "first post held" in n]  # (09-20 .. 10-14: held)


def test_engagement_of_the_week_before_is_read_from_the_store_as_from_files(tmp_path):
    """The store read likes, reposts and replies of the report's period alone (the columns of the posts it lists), so
    the week before's were those of its suggestions only: the example store's Aerolux showed "272 (+178)" where its
    posts of the week before had 6,037 (-5,765, as the same report of the CSV said). Both read them whole now."""
    lines = ["id,created_at,text,likes,reposts,replies"]
    lines += ["1,2026-10-27T10:00Z,Acme is slow,100,5,", "2,2026-10-28T10:00Z,please add a dark mode to Acme,7,,"]
    lines += ["3,2026-11-03T10:00Z,Acme is fine,40,,1", "4,2026-11-04T10:00Z,nothing to see,,,"]
    (tmp_path / "p.csv").write_text("\n".join(lines) + "\n")
    (tmp_path / "c.toml").write_text('[brands.Acme]\nterms = ["Acme"]\n')
    db = tmp_path / "s.duckdb"
    cfg = ["-c", str(tmp_path / "c.toml")]
    assert CliRunner().invoke(main, ["ingest", str(tmp_path / "p.csv"), *cfg, "--store", str(db)]).exit_code == 0
    span = ["--until", "2026-11-09", "--table", "brands", "-f", "json"]
    for source in (["--store", str(db)], [str(tmp_path / "p.csv")]):
        result = CliRunner().invoke(main, ["report", *source, *cfg, *span])
        rows = {r["brand"]: r for r in json.loads(result.stdout)}
        # by hand: Acme 41 now; 105 + 7 = 112 before (the suggestion's 7 alone was read); (no brand): post 4 has no
        # count now, none then (no post): 0 then, change unknown
        acme = [rows["Acme"][c] for c in ("engagement", "engagement_prev", "engagement_change")]
        assert acme == [41, 112, -71], source
        assert [rows["(all posts)"][c] for c in ("engagement_prev", "engagement_change")] == [112, -71], source


def test_the_library_refuses_too_many_buckets_as_the_cli_does():
    """The limit was the CLI's alone: `build_report` with hour buckets over a year built 8,760 rows per brand (and a
    trend 8,760 characters wide). It raises `TooManyBuckets`, a ConfigError naming a bucket that fits, unless
    `max_buckets=None` (data alone); the CLI turns it into exit 2."""
    from brandpulse.report.periods import TooManyBuckets

    year = Period(T("2026-01-01", tz="UTC"), T("2027-01-01", tz="UTC"))
    with pytest.raises(TooManyBuckets) as caught:
        build_report(ten_posts(), config(), year, None, bucket="hour")
    assert isinstance(caught.value, ConfigError) and caught.value.count == 8760 and caught.value.fits == "day"
    assert (
        str(caught.value) == "bucket 'hour': 2026-01-01 .. 2026-12-31 is 8,760 hours, more than 400: give bucket 'day'"
    )
    data = build_report(ten_posts(), config(), year, None, bucket="hour", max_buckets=None)
    assert (data.tables["timeseries"]["brand"] == "A").sum() == 8760
    assert (
        build_report(ten_posts(), config(), year, None, bucket="day").tables["timeseries"]["brand"] == "A"
    ).sum() == 365


def test_the_library_default_bucket_fits_any_period_as_the_clis_does():
    """`build_report`'s bucket was "day" by default: with the bucket limit in the library, a call with the default
    arguments over 500 days (stop 42: 500 daily rows per brand) raised `TooManyBuckets`. Without `bucket` it takes
    the CLI's (`periods.default_bucket`): weeks past 400 days, hours for a day; a bucket given is kept."""
    long = Period(T("2025-07-01", tz="UTC"), T("2026-11-13", tz="UTC"))  # 500 days: 72 ISO weeks, the first cut
    rep = build_report(ten_posts(), config(), long, None)
    assert rep.bucket == "week" and (rep.tables["timeseries"]["brand"] == "A").sum() == 72
    assert build_report(ten_posts(), config(), WEEK, None).bucket == "day"
    day = Period(T("2026-11-02", tz="UTC"), T("2026-11-03", tz="UTC"))
    assert build_report(ten_posts(), config(), day, None).bucket == "hour"
    assert build_report(ten_posts(), config(), day, None, bucket="day").bucket == "day"


@pytest.mark.skipif(not CHROMIUM, reason="needs chromium (Debian package `chromium`) for the headless check")
def test_html_report_of_cut_weeks_with_its_provenance_renders_in_headless_chromium(tmp_path):
    """The cut weeks' labels and the provenance footer are text of a page a browser lays out: the footer is the
    page's last text, the labels in the figures' rows, and nothing is wider than a 375 px phone."""
    rows = [post(i, f"2026-{d}T10:00Z", "A", "positive") for i, d in enumerate(["07-01", "07-08", "09-29"])]
    q3 = resolve_period("week", since="2026-07-01", until="2026-10-01")
    rep = build_report(enriched(rows), config(), q3, None, bucket="week")
    rep.source = "the store h.duckdb"
    measure = (
        "<script>const d = document.documentElement;"
        "document.body.dataset.probe = JSON.stringify({page: d.scrollWidth - d.clientWidth,"
        " last: document.body.innerText.trim().split('\\n').pop(),"
        " cut: [...document.querySelectorAll('tbody th')].map(t => t.textContent).filter(t => t.includes('part'))})"
        "</script></body>"
    )
    page = tmp_path / "r.html"
    page.write_text(render_html(rep).replace("</body>", measure), "utf-8")
    found = re.search(r'data-probe="([^"]*)"', _chromium_dom(page, tmp_path, 375)).group(1)
    probe = json.loads(found.replace("&quot;", '"'))
    assert probe["page"] == 0
    assert probe["last"].startswith("Made by brandpulse ") and "from the store h.duckdb; sentiment:" in probe["last"]
    # in each chart's figures table (volume, sentiment; in a closed <details>: its text, not its layout)
    assert probe["cut"] == ["2026-07-01 (part: 5 of its 7 days)", "2026-09-28 (part: 3 of its 7 days)"] * 2


def test_the_headline_of_a_week_without_a_post_with_a_sentiment_says_so(tmp_path):
    """Review of stop 42: a week of Spanish and Portuguese posts only said "NSS – (–), of 0 posts with a sentiment"."""
    src = tmp_path / "posts.csv"
    src.write_text(
        "id,created_at,author,text,lang\n"
        "1,2026-12-07T10:00:00Z,bia,Aeroméxico atrasou meu voo. Que absurdo,pt\n"
        "2,2026-12-09T10:00:00Z,memo,Pésimo servicio de Aeroméxico,es\n",
        encoding="utf-8",
    )
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands."Aeroméxico"]\nterms = ["Aeroméxico"]\n', encoding="utf-8")
    args = ["report", str(src), "-c", str(cfg), "--since", "2026-12-07", "--until", "2026-12-14", "-f", "md"]
    md = CliRunner().invoke(main, args)
    assert md.exit_code == 0, md.stderr
    assert "NSS – (–), no post with a sentiment (2 unscored, not in the analyzer's languages)**" in md.stdout


def test_a_stored_report_opens_the_store_once_and_lets_go_of_it_while_the_report_is_built(tmp_path, monkeypatch):
    """`report --store` opened the store once per thing it read (6 times: the posts, the baseline's texts, what
    scored them, the first post, the brands named, the rules), each open and close ~0.1 s. The reads share one
    read-only connection, let go before the report is built: an `ingest` of a cron job gets the store then. The
    notes read of the store are still said: brand C, configured, is named by no stored post."""
    rows = [post(i, f"2026-11-0{2 + i % 6}T09:00Z", "A", "negative") for i in range(6)]
    rows += [post(10 + i, f"2026-10-2{6 + i % 6}T09:00Z", "A", "positive") for i in range(4)]
    rows += [post(20 + i, f"2026-10-{10 + i}T09:00Z", "B", "neutral", text="flight fine") for i in range(5)]
    db = tmp_path / "h.duckdb"
    store.ingest(db, enriched(rows))
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.A]\nterms = ["A"]\n[brands.B]\nterms = ["B"]\n[brands.C]\nterms = ["C"]\n')
    real, opened, writer = duckdb.connect, [], []
    monkeypatch.setattr("duckdb.connect", lambda *a, **kw: opened.append(kw.get("read_only")) or real(*a, **kw))
    build = __import__("brandpulse.report.build", fromlist=["x"]).build_report

    def an_ingest_comes_in(*a, **kw):
        writer.append(a_writer_gets(db))
        return build(*a, **kw)

    monkeypatch.setattr("brandpulse.report.build.build_report", an_ingest_comes_in)
    args = ["report", "--store", str(db), "-c", str(cfg), "--until", "2026-11-09", "-f", "json"]
    out = CliRunner().invoke(main, args)
    assert out.exit_code == 0, out.output
    assert (opened, writer) == ([True], ["locked"])
    rep = json.loads(out.stdout)
    assert [(b["brand"], b["volume"], b["volume_prev"]) for b in rep["tables"]["brands"]][0] == ("A", 6, 4)
    assert [n for n in rep["notes"] if n.startswith(NEVER_NAMED)] == [
        f"{NEVER_NAMED} C: posts keep the brands found when they were ingested, so after adding a brand or changing"
        " its terms, ingest the exports again (docs/store.md, Analyzed once)"
    ]


def test_report_from_the_store_has_the_app_versions_table_of_the_files(tmp_path):
    """`ingest` dropped a review's app version, so `report --store` had no versions table (the file's report has one):
    the store keeps it (schema version 13), and a later copy of the review without it (an export of another tool)
    keeps the stored one."""
    from test_report_ratings import play_month

    play = play_month(tmp_path / "reviews_com.zoomride.app_202611.csv")
    db = tmp_path / "h.duckdb"
    brand = ["--brand", "Zoomride"]
    done = CliRunner().invoke(main, ["ingest", str(play), "--store", str(db), *brand, "-q"])
    assert done.exit_code == 0, done.stderr
    week = [*brand, "--until", "2026-11-09", "-f", "json", "-q"]
    of_file = CliRunner().invoke(main, ["report", str(play), *week])
    of_store = CliRunner().invoke(main, ["report", "--store", str(db), *week])
    assert of_store.exit_code == 0, of_store.stderr
    versions = json.loads(of_store.stdout)["tables"]["versions"]
    # (5.10.0: 3 reviews, 2 negative and the French one unscored, stars (1 + 1 + 4) / 3; 5.9.0: 2 positive, 4.5 stars)
    got = [(r["app_version"], r["reviews"], r["negative"], r["unscored"], r["avg_rating"]) for r in versions]
    assert got == [("5.10.0", 3, 2, 1, 2.0), ("5.9.0", 2, 0, 0, 4.5)]
    assert versions == json.loads(of_file.stdout)["tables"]["versions"]
    # the same reviews again without their version: kept (as likes an export leaves out are)
    without = tmp_path / "no_version.csv"
    rows = list(csv.DictReader(io.StringIO(play.read_text(encoding="utf-16"))))
    with without.open("w", newline="", encoding="utf-8") as fh:
        out = csv.DictWriter(fh, [c for c in rows[0] if c not in ("App Version Name", "App Version Code")])
        out.writeheader()
        out.writerows({k: v for k, v in r.items() if k in out.fieldnames} for r in rows)
    again = CliRunner().invoke(main, ["ingest", str(without), "--store", str(db), *brand])
    assert f"{db}: inserted 0, updated 0, unchanged 5" in again.stderr, again.stderr
    md = CliRunner().invoke(main, ["report", "--store", str(db), *brand, "--until", "2026-11-09", "-f", "md", "-q"])
    # (Δ NSS and the stars' change against 5.9.0's: -100 - 100, 2.00 - 4.50)
    row = "| 5.10.0 | 3 | 0 / 0 / 2 | 1 | -100.0 | -200.0 | 2.00 (-2.50) | 3 | 67% |"
    assert "## App versions" in md.stdout and row in md.stdout, md.stdout


def test_a_report_of_1678_compared_before_the_files_first_post(tmp_path):
    """`--since 1678-02-01` (pandas' first year) with FILES of 2026: the note on a comparison period begun before the
    first post subtracted 1678 from 2026, "error: OutOfBoundsDatetime: Result is too large for pandas.Timedelta"."""
    src = tmp_path / "posts.csv"
    src.write_text("id,created_at,text\n1,2026-11-03T10:00:00Z,Skyway lost my bag\n")
    args = ["report", str(src), "--brand", "Skyway", "--since", "1678-02-01", "--until", "1678-02-08", "-f", "json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    rep = json.loads(result.stdout)
    assert rep["posts"] == 0 and rep["period"]["label"] == "1678-02-01 .. 1678-02-07"
    assert not any("first post held" in note for note in rep["notes"])  # (the post is after the comparison period)
    assert "warning: the posts read are from 2026-11-03 to 2026-11-03: use --until or --since" in result.stderr


@pytest.mark.parametrize("title", ["", "  "])
def test_an_empty_title_is_the_default_one(stored, title):
    """`--title "$TITLE"` with the variable unset headed the page "# : 2026-11-02 .. 2026-11-08"."""
    result = run("--store", str(stored), "--until", "2026-11-09", "-f", "md", "--title", title)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "# brandpulse report: 2026-11-02 .. 2026-11-08"
