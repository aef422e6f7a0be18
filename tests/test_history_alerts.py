"""Spike alerts: the rule on generated days, exit codes, de-duplication across runs, webhook retries."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import DrippingServer, closed
from history_fixtures import (
    CONFIG_TOML,
    TRY_LOCK,
    a_writer_gets,
    config,
    copy_store,
    daily_posts,
    enriched,
    post,
    spike_csv_rows,
    write_csv,
)
from werkzeug import Response

from brandpulse import store
from brandpulse.cli import main
from brandpulse.errors import FetchError, StoreError
from brandpulse.output.terminal import counted
from brandpulse.report.notify import destination, post_webhook, sending
from brandpulse.report.spikes import Alert, detect_spikes, detect_spikes_and_ends, slack_payload, wilson_low

T = pd.Timestamp
DAY = T("2026-10-22", tz="UTC")  # the checked day; 14 days of baseline before it


def history(count: int, negative: int) -> pd.DataFrame:
    """A: 10 posts a day, 4 negative, 2026-10-08..21; then `count` posts (`negative` negative) on 10-22."""
    rows = daily_posts("A", "2026-10-08", 14, 10, 4) + daily_posts("A", "2026-10-22", 1, count, negative, 1000)
    return enriched(rows)


def check(df, **kw):
    return detect_spikes(df, DAY, DAY + pd.Timedelta(days=1), config=config(), **kw)


def test_volume_threshold_by_hand():
    # flat baseline of 10: median 10, MAD 0 -> spread max(0, sqrt(10), 1) = 3.162; alert above 10 + 4 * 3.162 = 22.6
    assert check(history(22, 8)) == []
    alerts = check(history(23, 9))
    assert [(a.kind, a.brand, a.volume) for a in alerts] == [("volume", "A", 23)]
    assert alerts[0].baseline == 10 and alerts[0].threshold == pytest.approx(22.65, abs=0.01)
    assert alerts[0].key == "volume:A:day:2026-10-22T00:00Z"


def test_days_before_the_data_are_no_history():
    """The first run on a new store compared each brand's ordinary day with 14 days of "0 posts"
    before the data began: a volume spike, "usual 0", for every brand."""
    first_day = daily_posts("A", "2026-10-22", 1, 23, 9)
    assert check(enriched(first_day)) == []
    # three days of 10 posts before it: the usual volume is their median, 10 (alert above 22.65), not 0
    alerts = check(enriched(daily_posts("A", "2026-10-19", 3, 10, 4, 500) + first_day))
    assert [(a.kind, a.baseline, round(a.threshold, 2)) for a in alerts] == [("volume", 10, 22.65)]


def test_days_without_any_post_are_no_history():
    """Exports missed for 10 days left no post at all: 10 quiet days, so the next ordinary day was a volume
    spike against "usual 0". They are no history, as the days before the data began."""
    before_gap = daily_posts("A", "2026-10-08", 4, 10, 4)  # 10-08..10-11, then nothing until 10-22
    assert check(enriched(before_gap + daily_posts("A", "2026-10-22", 1, 12, 4, 1000))) == []
    alerts = check(enriched(before_gap + daily_posts("A", "2026-10-22", 1, 23, 4, 1000)))
    assert [(a.kind, a.baseline, round(a.threshold, 2), a.volume) for a in alerts] == [("volume", 10, 22.65, 23)]
    # a day with posts of another brand only is a quiet day for A, not a gap: "usual 0"
    other = daily_posts("B", "2026-10-12", 10, 1, 0, 500)
    alerts = check(enriched(before_gap + other + daily_posts("A", "2026-10-22", 1, 12, 4, 1000)))
    assert [(a.kind, a.brand, a.baseline, a.threshold) for a in alerts] == [("volume", "A", 0, 4)]
    # per hour: the hours of the 6 missed days are no history; a quiet hour of a day with posts is history
    hourly = [
        {**daily_posts("A", "2026-10-15", 1, 1, 0, h)[0], "created_at": f"2026-10-15T{h:02d}:30Z"} for h in range(24)
    ]
    for n, fired in ((5, []), (6, [("volume", 1, 5)])):  # 14 hours of 1 and 10 quiet ones before 10:00: usual 1
        burst = enriched(hourly + daily_posts("A", "2026-10-22", 1, n, 0, 1000))  # at 10:00 on 10-22
        hour = T("2026-10-22T10:00Z"), T("2026-10-22T11:00Z")
        alerts = detect_spikes(burst, *hour, bucket="hour", config=config(), min_volume=4)
        assert [(a.kind, a.baseline, a.threshold) for a in alerts] == fired
    every_third = [r for r in hourly if int(r["created_at"][11:13]) % 3 == 0]  # 4 hours of 1 and 20 of 0
    alerts = detect_spikes(
        enriched(every_third + daily_posts("A", "2026-10-22", 1, 5, 0, 1000)),
        *hour,
        bucket="hour",
        config=config(),
        min_volume=4,
    )
    assert [(a.kind, a.baseline, a.threshold) for a in alerts] == [("volume", 0, 4)]


def test_negative_share_needs_evidence():
    # usual share 0.4 -> alert when the Wilson lower bound is above 0.55
    # 48 of 60: p 0.8, centre 0.8 + 1.96^2/120 = 0.8320, spread 0.1062, / 1.0640 -> 0.682
    assert wilson_low(48, 60) == pytest.approx(0.682, abs=0.001)
    kinds = {a.kind for a in check(history(20, 16))}  # 80% of 20: lower bound 0.584
    assert kinds == {"negative_share"}
    assert check(history(12, 8)) == []  # 67% of 12: lower bound 0.39, not enough


def test_negative_share_is_of_the_posts_with_a_sentiment():
    """Unscored posts (non-English, left empty by an English-only analyzer) are not neutral. 11 negative
    and 9 unscored: 11 of 20 (Wilson low 0.342) did not reach the usual 40% + 15; 11 of 11 is 0.741."""
    day = T("2026-10-22T12:00", tz="UTC")
    unscored = [post(2000 + i, day + pd.Timedelta(minutes=i), "A", None) for i in range(9)]
    base = daily_posts("A", "2026-10-08", 14, 10, 4)
    alerts = check(enriched(base + daily_posts("A", "2026-10-22", 1, 11, 11, 1000) + unscored))
    assert [(a.kind, a.volume, a.scored, a.negative) for a in alerts] == [("negative_share", 20, 11, 11)]
    assert wilson_low(11, 11) == pytest.approx(0.741, abs=0.001)
    assert alerts[0].message == (
        "A: negative spike on 2026-10-22: 100% negative (11 of 11 posts with a sentiment; usual 40%, alert above 55%)"
    )
    # 9 negative and 11 unscored: fewer than --min-volume (10) posts with a sentiment, no share alert
    few = [post(3000 + i, day + pd.Timedelta(minutes=i), "A", None) for i in range(11)]
    assert check(enriched(base + daily_posts("A", "2026-10-22", 1, 9, 9, 1000) + few)) == []


def test_small_counts_are_not_a_crisis():
    rows = daily_posts("A", "2026-10-08", 14, 1, 0) + daily_posts("A", "2026-10-22", 1, 6, 6, 1000)
    assert check(enriched(rows)) == []  # 6x the usual volume, all negative, but under min_volume 10
    assert [a.kind for a in check(enriched(rows), min_volume=5)] == ["negative_share", "volume"]


def test_own_handle_posts_do_not_count():
    rows = daily_posts("A", "2026-10-08", 14, 10, 4) + daily_posts("A", "2026-10-22", 1, 30, 0, 1000)
    for r in rows[-25:]:
        r["author"] = "A_help"  # the brand answering: 5 customer posts that day
    assert check(enriched(rows)) == []


def test_negative_share_counts_each_brands_own_sentiment():
    """20 posts that leave A for B, each positive as a whole: a negative spike for A (20 of 20), and B's
    volume (no posts before)."""
    rows = daily_posts("A", "2026-10-08", 14, 10, 4) + daily_posts("A;B", "2026-10-22", 1, 20, 0, 1000)
    for r in rows[-20:]:
        r.update(sentiment_label="positive", brand_sentiments="A=-0.5004;B=0.5004")
    assert [(a.kind, a.brand) for a in check(enriched(rows))] == [("negative_share", "A"), ("volume", "B")]
    as_posts = check(enriched(rows).drop(columns="brand_sentiments"))  # each post's own label: all positive
    assert [(a.kind, a.brand) for a in as_posts] == [("volume", "B")]


def test_hourly_buckets():
    rows = []
    for h in range(24 * 8):
        when = T("2026-10-14", tz="UTC") + pd.Timedelta(hours=h)
        rows.append({**daily_posts("A", "2026-10-14", 1, 1, 0, h)[0], "created_at": when.isoformat()})
    burst = daily_posts("A", "2026-10-22", 1, 15, 10, 5000)  # 15 posts at 10:00-10:14
    alerts = detect_spikes(
        enriched(rows + burst), T("2026-10-22T10:00Z"), T("2026-10-22T11:00Z"), bucket="hour", config=config()
    )
    assert [(a.kind, a.when) for a in alerts] == [
        ("negative_share", "2026-10-22 10:00 UTC"),
        ("volume", "2026-10-22 10:00 UTC"),
    ]


def hours_of_crisis(spikes: list[tuple[str, int]], until: str = "2026-10-24") -> pd.DataFrame:
    """A: 3 posts an hour (1 negative) from 2026-10-10, to `until`; each (start, hours) of `spikes` has 30 posts an
    hour in its hours, 25 negative (a volume and a negative-share alert in each)."""
    rows, n = [], 0
    hour = T("2026-10-10", tz="UTC")
    busy = {T(start) + pd.Timedelta(hours=h) for start, hours in spikes for h in range(hours)}
    while hour < T(until, tz="UTC"):
        count, negative = (30, 25) if hour in busy else (3, 1)
        for i in range(count):
            n += 1
            label = "negative" if i < negative else "neutral"
            rows.append(post(n, hour + pd.Timedelta(minutes=i), "A", label))
        hour += pd.Timedelta(hours=1)
    return enriched(rows)


def test_an_alert_in_the_hour_after_the_same_alert_says_the_spike_goes_on():
    df = hours_of_crisis([("2026-10-20T06:00Z", 3), ("2026-10-20T12:00Z", 1)])
    # checked from 07:00: its alerts go on from 06:00, the hour before the checked ones; the quiet hours' 3 posts are
    # enough to tell with --min-volume 3
    hours = T("2026-10-20T07:00Z"), T("2026-10-20T14:00Z")
    found = detect_spikes(df, *hours, bucket="hour", config=config(), min_volume=3)
    assert [(a.kind, f"{a.start:%H}", a.previous_key) for a in found] == [
        ("negative_share", "07", "negative_share:A:hour:2026-10-20T06:00Z"),
        ("volume", "07", "volume:A:hour:2026-10-20T06:00Z"),
        ("negative_share", "08", "negative_share:A:hour:2026-10-20T07:00Z"),
        ("volume", "08", "volume:A:hour:2026-10-20T07:00Z"),
        ("negative_share", "12", None),  # (09:00 to 11:00 were quiet: another spike)
        ("volume", "12", None),
    ]
    assert "previous" not in found[0].to_dict()
    # with 10 (the default), 3 posts an hour are too few to tell whether the spike ended: it goes on from 08:00
    found = detect_spikes(df, *hours, bucket="hour", config=config())
    assert [(a.kind, f"{a.start:%H}", a.previous_key) for a in found][4:] == [
        ("negative_share", "12", "negative_share:A:hour:2026-10-20T08:00Z"),
        ("volume", "12", "volume:A:hour:2026-10-20T08:00Z"),
    ]


def days_and_nights(outages: list[tuple[str, str]], busy: tuple[int, int] = (30, 25)) -> pd.DataFrame:
    """A: from 2026-10-12, 12 posts an hour from 08:00 to 20:00 (3 negative) and 3 at night (1 negative); in each
    [start, end) of `outages`, `busy` posts (30, 25 negative) in the day's hours and 6 (5 negative) at night: a night
    of too few posts to tell (--min-volume 10)."""
    rows, n = [], 0
    spans = [(T(a), T(b)) for a, b in outages]
    for hour in pd.date_range("2026-10-12", "2026-10-27", freq="h", tz="UTC", inclusive="left"):
        day = 8 <= hour.hour < 20
        out = any(a <= hour < b for a, b in spans)
        count, negative = (busy if day else (6, 5)) if out else ((12, 3) if day else (3, 1))
        for i in range(count):
            n += 1
            rows.append(post(n, hour + pd.Timedelta(minutes=i), "A", "negative" if i < negative else "neutral"))
    return enriched(rows)


def test_an_outage_over_nights_of_few_posts_is_sent_once(tmp_path, httpserver):
    """A three-day outage whose nights have too few posts to tell (6 an hour, 5 negative: under --min-volume 10): the
    hourly job posted it as a new crisis each morning, 3 times; a night that cannot alert ended the spike. It is
    one spike now, sent at its first hour; an outage after a normal day of enough posts (10-25) is new."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\n')
    db = tmp_path / "h.duckdb"
    store.ingest(
        db, days_and_nights([("2026-10-20T08:00Z", "2026-10-22T20:00Z"), ("2026-10-25T08:00Z", "2026-10-25T10:00Z")])
    )
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    hook = ["--store", str(db), "--bucket", "hour", "--webhook", httpserver.url_for("/hook"), "-q"]
    codes = {}
    for run in pd.date_range("2026-10-20T09:00Z", "2026-10-25T21:00Z", freq="12h"):  # (each checks 24 hours)
        result = alerts(tmp_path, *hook, "--until", run.isoformat())
        assert result.stderr == "", result.stderr
        codes[f"{run:%d %H}"] = result.exit_code
    assert codes == {"20 09": 3, "25 09": 3} | {k: 0 for k in codes if k not in ("20 09", "25 09")}
    texts = [json.loads(request.get_data())["text"] for request, _ in httpserver.log]
    # (by hand: the 08:00s of the 7 days before had 12 posts, 3 negative: usual 25 %, alert above 40 %, and a volume
    # above 12 + 4 x sqrt(12) = 25.86; before 10-25, 3 of those 7 were the outage's: the median is still 12 and 25 %)
    # (a negative and a volume spike of one hour: one bullet)
    both = "negative and volume spike on 2026-10-{} 08:00 UTC: 83.3% negative (25 of 30 posts with a sentiment; usual"
    both += " 25%, alert above 40%); 30 posts (usual 12, alert above 25.8)"
    # (and the newest of the hour's negative posts, all of reach 0: posts 1,465..1,494 at 10-20 08:00 after 8 days of
    # 180 and 8 night hours of 3, the first 25 negative; 3,085..3,114 at 10-25 08:00)
    assert [t.splitlines() for t in texts] == [
        [":rotating_light: brandpulse: 2 alerts", f"• A: {both.format(day)}", f'    e.g. "post {n} about A"']
        for day, n in ((20, 1489), (25, 3109))
    ]
    # the morning after a night, by hand: it goes on from the night's last hour that could tell, 10-20 19:00
    found = detect_spikes(store.load_posts(db), T("2026-10-21T08:00Z"), T("2026-10-21T09:00Z"), bucket="hour")
    assert [(a.kind, a.previous_key) for a in found] == [
        ("negative_share", "negative_share:A:hour:2026-10-20T19:00Z"),
        ("volume", "volume:A:hour:2026-10-20T19:00Z"),
    ]


def test_an_hour_is_compared_with_the_same_hour_of_the_days_before(tmp_path, httpserver):
    """A: 3 posts an hour (1 negative), and a morning rush of 25 (5 negative) at 07:00 and 08:00 every day. Against
    the 168 hours before (median 3), each rush hour was a volume spike, "usual 3", and (a spike going on across the
    hours of 3 posts, too few to tell) a real spike at 14:00 was sent as going on from the morning's. An hour is
    compared with the same hour of the 7 days before now: the rush is usual, the 14:00 spike is sent."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\n')
    rows, n = [], 0
    for hour in pd.date_range("2026-10-10", "2026-10-23", freq="h", tz="UTC", inclusive="left"):
        count, negative = (25, 5) if hour.hour in (7, 8) or hour == T("2026-10-22T14:00Z") else (3, 1)
        for i in range(count):
            n += 1
            rows.append(post(n, hour + pd.Timedelta(minutes=i), "A", "negative" if i < negative else "neutral"))
    db = tmp_path / "h.duckdb"
    store.ingest(db, enriched(rows))
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    hook = ["--store", str(db), "--bucket", "hour", "--webhook", httpserver.url_for("/hook"), "-q"]
    codes = [alerts(tmp_path, *hook, "--until", f"2026-10-22T{h:02d}:00Z").exit_code for h in range(1, 17)]
    assert codes == [0] * 14 + [3, 0]  # (the run at 15:00)
    # (by hand: the 14:00s of the 7 days before had 3 posts: median 3, MAD 0, alert above 3 + 4 x 1.732 = 9.93;
    # 7 days of the 08:00 rush: usual 25, no spike)
    assert [json.loads(r.get_data())["text"] for r, _ in httpserver.log] == [
        ":rotating_light: brandpulse: 1 alert\n"
        "• A: volume spike on 2026-10-22 14:00 UTC: 25 posts (usual 3, alert above 9.9); 5 negative\n"
        # (the hour's newest post, all of reach 0: 12 days of 116 posts and 86 on 10-22 before 14:00, then its 25)
        '    e.g. "post 1503 about A"'
    ]
    # with --window 48 (2 days of hours: too few) the hour is compared with the 48 hours before, as until stop 38
    said = alerts(tmp_path, *hook[:4], "--until", "2026-10-22T09:00Z", "--window", "48", "--dry-run")
    assert said.stdout.splitlines()[-2:] == [
        "A: volume spike on 2026-10-22 07:00 UTC: 25 posts (usual 3, alert above 9.9); 5 negative",
        "A: volume spike on 2026-10-22 08:00 UTC: 25 posts (usual 3, alert above 9.9); 5 negative",
    ]


@pytest.mark.parametrize("change", ["2026-03-29", "2026-10-25"])
def test_the_same_hour_is_the_clocks_over_a_change_of_daylight_saving(change):
    """A: 3 posts an hour, and a rush of 25 at 08:00 on Berlin's clock every day. The same hour was 24 hours back: in
    the week after the clocks went forward (or back), 08:00 was compared with the 07:00s (09:00s) of the days before
    the change, 3 posts: a volume spike, "usual 3", each morning until 4 of the 7 days were after it. It is the
    clock's 08:00 now; a 14:00 of 25 posts two days after the change is still one, against the 14:00s (3 posts)."""
    rows, n = [], 0
    day = T(change, tz="Europe/Berlin")
    spike = T(f"{T(change) + pd.Timedelta(days=2):%Y-%m-%d} 14:00", tz="Europe/Berlin")
    for hour in pd.date_range(day - pd.Timedelta(days=9), day + pd.Timedelta(days=8), freq="h", inclusive="left"):
        count = 25 if hour.hour == 8 or hour == spike else 3
        for i in range(count):
            n += 1
            rows.append(post(n, hour.tz_convert("UTC") + pd.Timedelta(minutes=i), "A", "neutral"))
    found = detect_spikes(
        enriched(rows), day, day + pd.Timedelta(days=8), bucket="hour", config=config(), tz="Europe/Berlin"
    )
    # (by hand: the 14:00s of the 7 days before had 3 posts: median 3, MAD 0, alert above 3 + 4 x 1.732 = 9.93)
    assert [(a.when, a.volume, a.baseline) for a in found] == [(f"{spike:%Y-%m-%d} 14:00 Europe/Berlin", 25, 3)]


def test_a_daily_and_an_hourly_job_on_one_webhook_send_a_crisis_once(tmp_path, httpserver):
    """An outage from 08:00 to 20:00 on 10-20. The hourly job posts its negative spike at 08:00; the daily job on one
    webhook posted it again the next night. Now the daily job sends what the hourly one did not (the day's volume
    spike: no hour of it was one), and says the other is already sent per hour. The other way round (a daily job
    first, an hourly job after it on another webhook, as one that missed its runs), the hours are not sent either."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\n')
    db = tmp_path / "h.duckdb"
    # (20 posts an hour, 17 negative: not an hour's volume spike against the 12 of the hour's days before, 25.8)
    store.ingest(db, days_and_nights([("2026-10-20T08:00Z", "2026-10-20T20:00Z")], busy=(20, 17)))
    for path in ("/hook", "/other"):
        httpserver.expect_request(path, method="POST").respond_with_data("ok")
    hourly = ["--store", str(db), "--bucket", "hour", "--webhook"]
    daily = ["--store", str(db), "--until", "2026-10-21", "--webhook"]
    first = alerts(tmp_path, *hourly, httpserver.url_for("/hook"), "--until", "2026-10-20T09:00Z")
    assert first.exit_code == 3 and first.stdout.startswith("A: negative spike on 2026-10-20 08:00 UTC: 85% ")
    day = alerts(tmp_path, *daily, httpserver.url_for("/hook"))
    assert day.exit_code == 3, day.stderr
    # (by hand: 12 hours of 20 posts and 12 of 3, 276; usual 12 x 12 + 12 x 3 = 180, alert above 180 + 4 x 13.4)
    assert day.stdout == "A: volume spike on 2026-10-20: 276 posts (usual 180, alert above 233.6); 216 negative\n"
    assert day.stderr.splitlines()[-1].endswith(": 1 new alert, 1 already sent per hour (in the same day)")
    # (each a header, a bullet and its example post)
    assert [len(json.loads(r.get_data())["text"].splitlines()) for r, _ in httpserver.log] == [3, 3]
    again = alerts(tmp_path, *daily, httpserver.url_for("/hook"))  # (remembered: a rerun sends nothing)
    assert again.exit_code == 0 and again.stderr.splitlines()[-1].endswith(": 0 new alerts, 2 already sent")
    # another webhook: the daily job first gets both; an hourly job after it sends none of the day's 12 hours
    other = alerts(tmp_path, *daily, httpserver.url_for("/other"))
    assert other.exit_code == 3 and [line[:44] for line in other.stdout.splitlines()] == [
        "A: negative and volume spike on 2026-10-20: "
    ]
    late = alerts(tmp_path, *hourly, httpserver.url_for("/other"), "--until", "2026-10-21T06:00Z")
    assert late.exit_code == 0 and late.stdout == ""
    assert late.stderr.splitlines()[-1].endswith(
        ": 0 new alerts, 11 going on from one already sent, 1 already sent per day (for the same day)"
    )
    assert len(httpserver.log) == 3
    # --resend shows them all
    assert (
        alerts(
            tmp_path, *hourly, httpserver.url_for("/other"), "--until", "2026-10-21T06:00Z", "--resend", "--dry-run"
        ).stdout.count("\n")
        == 12
    )


def test_a_spike_goes_on_across_a_day_that_cannot_tell_and_no_longer(tmp_path):
    """Days: a spike on 10-20 and on 10-22. 10-21 without any post (an export missed) ended the spike, and the
    daily job sent 10-22 as a new crisis; so did a day of 5 posts. Such a day tells nothing: the spike goes on.
    A normal day of enough posts between, or two days that cannot tell, end it."""
    spike = daily_posts("A", "2026-10-20", 1, 40, 30, 1000) + daily_posts("A", "2026-10-22", 1, 40, 30, 2000)
    after = daily_posts("A", "2026-10-23", 3, 10, 4, 3000)

    def runs(middle: list[dict], base_days: int = 19) -> list[tuple[int, str]]:
        db = tmp_path / f"{len(middle)}-{base_days}.duckdb"
        store.ingest(db, enriched(daily_posts("A", "2026-10-01", base_days, 10, 4) + spike + middle + after))
        out = []
        for until in ("2026-10-21", "2026-10-22", "2026-10-23"):
            result = CliRunner().invoke(main, ["alerts", "--store", str(db), "--brand", "A", "--until", until])
            out.append((result.exit_code, result.stdout.count("\n")))
        return out

    # (a line a day: its negative and volume spikes)
    assert runs([]) == [(3, 1), (0, 0), (0, 0)]  # (10-21 without any post)
    assert runs(daily_posts("A", "2026-10-21", 1, 5, 1, 5000)) == [(3, 1), (0, 0), (0, 0)]  # (5 posts)
    assert runs(daily_posts("A", "2026-10-21", 1, 10, 4, 5000)) == [(3, 1), (0, 0), (3, 1)]  # (a normal day)
    # 10-19 and 10-21 without any post: 10-20's spike goes on from none (10-19 cannot tell, 10-18 did not fire)
    # and 10-22's is new, two days that cannot tell after 10-20 (10-21, and 10-22 itself is not between)
    db = tmp_path / "gaps.duckdb"
    store.ingest(db, enriched(daily_posts("A", "2026-10-01", 18, 10, 4) + spike + after))
    found = detect_spikes(store.load_posts(db), T("2026-10-20", tz="UTC"), T("2026-10-23", tz="UTC"), config=None)
    assert [(a.kind, f"{a.start:%d}", a.previous_key) for a in found] == [
        ("negative_share", "20", None),
        ("volume", "20", None),
        ("negative_share", "22", "negative_share:A:day:2026-10-20T00:00Z"),
        ("volume", "22", "volume:A:day:2026-10-20T00:00Z"),
    ]
    found = detect_spikes(
        enriched(
            daily_posts("A", "2026-10-01", 18, 10, 4)
            + daily_posts("A", "2026-10-20", 1, 40, 30, 1000)
            + daily_posts("A", "2026-10-23", 1, 40, 30, 2000)
        ),
        T("2026-10-20", tz="UTC"),
        T("2026-10-24", tz="UTC"),
        config=None,
    )
    assert [(f"{a.start:%d}", a.previous_key) for a in found] == [("20", None)] * 2 + [("23", None)] * 2


def test_the_hour_the_clocks_repeat_is_told_apart_in_alerts():
    """Berlin's clocks go back at 03:00 CEST on 2026-10-25: two spikes, one in each 02:00, read "negative spike on
    2026-10-25 02:00 Europe/Berlin" twice, a repeat to the team that got them."""
    df = hours_of_crisis([("2026-10-25T00:00Z", 2), ("2026-10-25T06:00Z", 1)], "2026-10-26")
    found = detect_spikes(
        df, T("2026-10-25", tz="UTC"), T("2026-10-25T08:00Z"), bucket="hour", config=config(), tz="Europe/Berlin"
    )
    assert [a.when for a in found if a.kind == "volume"] == [
        "2026-10-25 02:00 Europe/Berlin (CEST)",  # 00:00 UTC
        "2026-10-25 02:00 Europe/Berlin (CET)",  # 01:00 UTC
        "2026-10-25 07:00 Europe/Berlin",  # (an hour of any other day: as before)
    ]


def test_the_last_hour_of_a_day_of_25_hours_is_in_that_day():
    """New York's clocks go back on 2026-11-01: its day is 25 hours, 04:00 to 05:00 UTC the next day. A daily and an
    hourly job on its clock: the daily job sent the day's outage, and the hourly job sent the outage's 23:00 again
    (since stop 39 an hour's days were those of 24 hours before it, on any zone's clock: that day began 24 hours
    before its 23:00). An hour's own day is one of them, as before stop 39."""
    from brandpulse.cli.alerts import fresh_alerts

    def alert(bucket: str, start: str):
        return Alert("volume", "A", bucket, T(start, tz="America/New_York"), 30, 3, 9.9, 30, 25, 30)

    day, hour = alert("day", "2026-11-01"), alert("hour", "2026-11-01T23:00")
    assert hour.start == T("2026-11-02T04:00Z") and day.key == "volume:A:day:2026-11-01T04:00Z"
    assert day.key in hour.overlapping_keys() and hour.key in day.overlapping_keys()
    assert fresh_alerts([hour], {day.key}, {})[:3] == ([], [], [hour])
    # (a day of 24 hours does not hold the hour that begins when it ends)
    assert "volume:A:day:2026-10-20T04:00Z" not in alert("hour", "2026-10-21T00:00").overlapping_keys()


def test_the_keys_read_for_alerts_in_other_buckets_are_read_once():
    """An hourly job's 24 alerts of one brand and kind (a day of outage) read the keys of the days holding each hour
    on any zone's clock, 96 an hour: 2,328 keys, most of them the same days again; with hundreds of brands a run
    took 15 s of CPU to ask the store (0.4 s before stop 39). Each is asked once: the 24 hours, and the days
    beginning at a quarter hour from 10-19 00:15 to 10-20 23:00 UTC (188)."""
    from brandpulse.cli.alerts import asked

    hours = pd.date_range("2026-10-20", periods=24, freq="h", tz="UTC")
    found = [Alert("volume", "A", "hour", t, 30, 3, 9.9, 30, 25, 30) for t in hours]
    keys = asked(found)
    assert len(keys) == len(set(keys)) == 24 + 188
    assert {k for k in keys if ":day:" in k} >= {"volume:A:day:2026-10-19T00:15Z", "volume:A:day:2026-10-20T23:00Z"}


def test_slack_payload():
    payload = slack_payload(check(history(23, 9)))
    assert set(payload) == {"text"}
    assert (
        payload["text"].splitlines()[1]
        == "• A: volume spike on 2026-10-22: 23 posts (usual 10, alert above 22.6); 9 negative"
    )
    # alerts an earlier run printed and could not send come after this run's own, said to be late
    late = {"volume:A:day:2026-10-15T00:00Z": "A: volume spike on 2026-10-15: 30 posts (usual 10, ...)"}
    assert slack_payload(check(history(23, 9)), late)["text"].splitlines() == [
        ":rotating_light: brandpulse: 1 alert",
        "• A: volume spike on 2026-10-22: 23 posts (usual 10, alert above 22.6); 9 negative",
        ":hourglass: brandpulse: 1 late alert, from an earlier run whose webhook failed",
        "• A: volume spike on 2026-10-15: 30 posts (usual 10, ...)",
    ]


@pytest.fixture(scope="module")
def spike_store(tmp_path_factory) -> Path:
    """The spike posts ingested with CONFIG_TOML, once: a test takes its own copy with `copy_store`."""
    tmp_path = tmp_path_factory.mktemp("spike")
    (tmp_path / "c.toml").write_text(CONFIG_TOML)
    spike = write_csv(tmp_path / "spike.csv", spike_csv_rows(spike=True))
    db = tmp_path / "h.duckdb"
    ingested = CliRunner().invoke(main, ["ingest", spike, "--store", str(db), "-c", str(tmp_path / "c.toml")])
    assert ingested.exit_code == 0, ingested.stderr
    return db


@pytest.fixture
def setup(tmp_path):
    (tmp_path / "c.toml").write_text(CONFIG_TOML)
    spike = write_csv(tmp_path / "spike.csv", spike_csv_rows(spike=True))
    quiet = write_csv(tmp_path / "quiet.csv", spike_csv_rows(spike=False))
    return tmp_path, spike, quiet


def alerts(tmp_path, *args):
    return CliRunner().invoke(main, ["alerts", "-c", str(tmp_path / "c.toml"), *args])


def test_cli_from_store_fires_once(setup, spike_store):
    tmp_path, spike, _ = setup
    db = str(tmp_path / "h.duckdb")
    copy_store(spike_store, Path(db).parent)
    first = alerts(tmp_path, "--store", db, "--until", "2026-10-26")
    assert first.exit_code == 3, first.stderr
    lines = first.stdout.splitlines()
    assert lines == [
        "Skyway: negative and volume spike on 2026-10-20: 80% negative (48 of 60 posts with a sentiment; usual 30%,"
        " alert above 45%); 60 posts (usual 10, alert above 22.6)"
    ]
    second = alerts(tmp_path, "--store", db, "--until", "2026-10-26")
    assert second.exit_code == 0 and second.stdout == ""
    assert "0 new alerts, 2 already sent" in second.stderr
    again = alerts(tmp_path, "--store", db, "--until", "2026-10-26", "--resend", "-f", "jsonl")
    assert again.exit_code == 3 and json.loads(again.stdout.splitlines()[1])["volume"] == 60
    # -f as every other command; --json, the spelling before it, is the same and kept for cron jobs
    old = alerts(tmp_path, "--store", db, "--until", "2026-10-26", "--resend", "--json")
    assert old.exit_code == 3 and old.stdout == again.stdout
    text = alerts(tmp_path, "--store", db, "--until", "2026-10-26", "--resend", "-f", "text")
    assert text.exit_code == 3 and text.stdout.splitlines() == lines
    both = alerts(tmp_path, "--store", db, "--until", "2026-10-26", "--resend", "--json", "-f", "text")
    assert both.exit_code == 2 and both.stdout == ""


def test_a_negative_and_volume_spike_of_one_day_page_once(setup, spike_store, httpserver):
    """Skyway's 10-20: 60 posts (usual 10), 48 negative (80 %, usual 30 %): a negative and a volume spike of one event.
    They were two lines and two webhook bullets, and the on-call person was paged twice; now one of each, and still two
    alerts: two JSON Lines objects, two keys remembered, counted as two. A pair kept for a failed webhook is posted late
    as its one line."""
    tmp_path, spike, _ = setup
    db = str(tmp_path / "h.duckdb")
    copy_store(spike_store, Path(db).parent)
    line = (
        "Skyway: negative and volume spike on 2026-10-20: 80% negative (48 of 60 posts with a sentiment; usual 30%,"
        " alert above 45%); 60 posts (usual 10, alert above 22.6)"
    )
    example = '    e.g. "Skyway lost my bag, awful service"'  # (the negative spike's: all its negative posts say it)
    broken = ["--webhook", httpserver.url_for("/down"), "--webhook-retries", "0"]
    httpserver.expect_request("/down", method="POST").respond_with_data("busy", status=500)
    failed = alerts(tmp_path, "--store", db, "--until", "2026-10-26", *broken)
    assert (failed.exit_code, failed.stdout) == (6, line + "\n"), failed.stderr
    assert failed.stderr.splitlines()[-1].endswith(
        "(2 alerts kept: the next run with this webhook sends them, marked late)"
    )
    assert httpserver.log[0][0].get_json()["text"] == f":rotating_light: brandpulse: 2 alerts\n• {line}\n{example}"
    late = alerts(tmp_path, "--store", db, "--until", "2026-10-26", "--webhook", httpserver.url_for("/down"))
    assert late.exit_code == 6 and late.stdout == ""  # (pending: not printed again)
    httpserver.clear()
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    hook = ["--webhook", httpserver.url_for("/hook"), "--webhook-name", "ops"]
    first = alerts(tmp_path, "--store", db, "--until", "2026-10-26", *hook, "-f", "jsonl")
    assert first.exit_code == 3, first.stderr
    got = [json.loads(x) for x in first.stdout.splitlines()]  # (an object per alert, with its own message)
    assert [(a["kind"], a["message"].split(":")[1]) for a in got] == [
        ("negative_share", " negative spike on 2026-10-20"),
        ("volume", " volume spike on 2026-10-20"),
    ]
    assert got[1]["message"].endswith("60 posts (usual 10, alert above 22.6); 48 negative")
    assert first.stderr.splitlines()[-1].endswith(": 2 new alerts")
    assert httpserver.log[0][0].get_json()["text"] == f":rotating_light: brandpulse: 2 alerts\n• {line}\n{example}"
    again = alerts(tmp_path, "--store", db, "--until", "2026-10-26", *hook)
    assert again.exit_code == 0 and again.stderr.splitlines()[-1].endswith(": 0 new alerts, 2 already sent")
    # the webhook that failed gets the pair late, once, as the line it was printed as, with its example post
    httpserver.clear()
    httpserver.expect_request("/down", method="POST").respond_with_data("ok")
    sent = alerts(tmp_path, "--store", db, "--until", "2026-10-26", "--webhook", httpserver.url_for("/down"))
    assert sent.exit_code == 0 and sent.stdout == "", sent.stderr
    assert httpserver.log[0][0].get_json()["text"].splitlines() == [
        ":hourglass: brandpulse: 2 late alerts, from an earlier run whose webhook failed",
        f"• {line}",
        example,
    ]


def test_an_escalation_and_a_new_alert_of_the_other_kind_of_one_hour_are_two_lines(tmp_path, httpserver):
    """One line is for a brand's negative and volume alerts of a bucket that are both new (or both escalations), as
    docs/store.md says: a volume spike sent at 06:00 (30 posts, 3 negative) that doubles at 07:00 (60 posts) as its
    negative share spikes (50 of them) is an escalation and a new alert, each said as itself, two bullets."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\n')
    outage = {"06": (30, 3), "07": (60, 50)}
    rows = [
        post(900000 + 100 * int(h) + i, f"2026-10-20T{h}:{i // 2:02d}:{30 * (i % 2):02d}Z", "A", label)
        for h, (count, negative) in outage.items()
        for i, label in enumerate(["negative"] * negative + ["neutral"] * (count - negative))
    ]
    quiet = hours_of_crisis([])
    quiet = quiet[(quiet["created_at"] < T("2026-10-20T06:00Z")) | (quiet["created_at"] >= T("2026-10-20T08:00Z"))]
    db = tmp_path / "h.duckdb"
    store.ingest(db, pd.concat([quiet, enriched(rows)], ignore_index=True))
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    job = ["--store", str(db), "--bucket", "hour", "--min-volume", "3", "--webhook", httpserver.url_for("/hook")]
    assert alerts(tmp_path, *job, "--until", "2026-10-20T07:00Z").exit_code == 3
    both = alerts(tmp_path, *job, "--until", "2026-10-20T08:00Z")
    # (by hand: 3 posts an hour before, 1 negative: usual 3, alert above 9.9, and 33.3 %, alert above 48.3 %; 50 of 60
    # is 83.3 %; 60 posts are twice the 30 sent)
    lines = [
        "A: negative spike on 2026-10-20 07:00 UTC: 83.3% negative (50 of 60 posts with a sentiment; usual 33.3%, alert"
        " above 48.3%)",
        "A: escalation: volume spike on 2026-10-20 07:00 UTC: 60 posts (usual 3, alert above 9.9); 50 negative; 2 times"
        " the 30 posts of the alert already sent",
    ]
    assert (both.exit_code, both.stdout.splitlines()) == (3, lines), both.stderr
    assert both.stderr.splitlines()[-1].endswith(": 2 new alerts (1 an escalation), 1 already sent")
    # (each bullet quotes its alert's newest post, all of reach 0: the 50th negative, 900749 at 07:24:30, and the 60th
    # post of the hour, 900759 at 07:29:30, neutral)
    examples = ['    e.g. "post 900749 about A"', '    e.g. "post 900759 about A"']
    bullets = [f"• {lines[0]}", examples[0], f"• {lines[1]}", examples[1]]
    assert texts(httpserver, "/hook")[-1] == [":rotating_light: brandpulse: 2 alerts", *bullets]


def test_an_hourly_job_sends_a_spike_once_and_the_next_spike_again(tmp_path, httpserver):
    """An IT outage: 30 hours of complaints, checked every hour. The hourly cron job posted the same outage to the
    team's chat every hour (30 messages, 60 alerts); now its first hour alone, and a later spike after a quiet
    hour again. The spike goes on past the 24 hours a run checks (the run at 13:00 the next day finds 06:00 to
    12:00 of the outage new to it): still not sent again."""
    (tmp_path / "c.toml").write_text(
        '[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n[brands.B]\nterms = ["B"]\ncompetitor = true\n'
    )
    db = tmp_path / "h.duckdb"
    store.ingest(db, hours_of_crisis([("2026-10-20T06:00Z", 30), ("2026-10-22T15:00Z", 2)]))
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    hook = ["--store", str(db), "--bucket", "hour", "--webhook", httpserver.url_for("/hook")]
    codes = {}
    for hour in [*pd.date_range("2026-10-20T05:00Z", "2026-10-21T14:00Z", freq="h"), T("2026-10-22T17:00Z")]:
        run = alerts(tmp_path, *hook, "-q", "--until", hour.isoformat())
        assert run.stderr == "", run.stderr
        codes[f"{hour:%d %H}"] = run.exit_code, run.stdout.count("\n")
        if f"{hour:%d %H}" == "20 07":  # (a run by hand that looks at the morning says so)
            said = alerts(tmp_path, *hook, "--until", "2026-10-20T12:00Z", "--dry-run")
            assert said.exit_code == 0 and said.stdout == ""
            assert said.stderr.endswith(
                "0 new alerts, 2 already sent, 10 going on from one already sent; dry run: none sent or remembered\n"
            )
    assert codes.pop("20 07") == (3, 1)  # the 06:00 hour (its negative and volume spikes: one line)
    assert codes.pop("22 17") == (3, 2)  # 15:00 and 16:00: both new to the run that finds them
    assert set(codes.values()) == {(0, 0)}
    texts = [json.loads(request.get_data())["text"] for request, _ in httpserver.log]
    # (by hand: 3 posts an hour, 1 negative: median 3, spread max(0, sqrt(3), 1), alert above 3 + 4 x 1.732 = 9.93;
    # share 33.3 %, alert above 48.3 %; 25 of 30 is 83.3 %)
    # (each hour's negative and volume spikes: a bullet)
    both = "negative and volume spike on 2026-10-{} UTC: 83.3% negative (25 of 30 posts with a sentiment; usual 33.3%,"
    both += " alert above 48.3%); 30 posts (usual 3, alert above 9.9)"
    # (under each, the hour's newest negative post, all of reach 0: 10 days of 72 posts and 6 hours of 3, then 739..768,
    # the first 25 negative; 30 hours of 30 and 27 of 3 later, 1,720..1,749 at 10-22 15:00 and 1,750..1,779 at 16:00)
    example = '    e.g. "post {} about A"'
    assert texts == [
        f":rotating_light: brandpulse: 2 alerts\n• A: {both.format('20 06:00')}\n{example.format(763)}",
        ":rotating_light: brandpulse: 4 alerts\n"
        + "\n".join(f"• A: {both.format(f'22 {h}:00')}\n{example.format(n)}" for h, n in ((15, 1744), (16, 1774))),
    ]


def test_a_job_every_15_minutes_alerts_in_the_hour_in_progress_once(tmp_path):
    """An outage at 06:00, a cron job every 15 minutes: with --partial the run at 06:15 pages, on the hour's posts so
    far (complete hours alone waited for the 07:00 run, an hour late). The runs after it, with the hour's posts
    doubled by 06:30 and the next hour going on, send nothing (not an escalation of 15 posts to 30)."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n')
    db = tmp_path / "h.duckdb"
    # (30 posts an hour from 06:00 to 09:00, at minutes 0 to 29, the first 25 negative; else 3 an hour, 1 negative)
    store.ingest(db, hours_of_crisis([("2026-10-20T06:00Z", 3)]))
    job = ["--store", str(db), "--bucket", "hour"]
    late = alerts(tmp_path, *job, "--until", "2026-10-20T06:15Z")
    assert (late.exit_code, late.stdout) == (0, ""), late.stderr
    first = alerts(tmp_path, *job, "--partial", "--until", "2026-10-20T06:15Z")
    assert first.exit_code == 3, first.stderr
    # (by hand: the posts of 06:00 to 06:14, 15, all negative; usual 3 posts, 1 negative, as in the test above)
    assert first.stdout.splitlines() == [
        "A: negative and volume spike on 2026-10-20 06:00 UTC (so far, to 06:15): 100% negative (15 of 15 posts with"
        " a sentiment; usual 33.3%, alert above 48.3%); 15 posts (usual 3, alert above 9.9)",
    ]
    assert "per hour and the hour in progress to 06:15: 2 new alerts" in first.stderr
    runs = {}
    for at in ["06:30", "06:45", "07:00", "07:15", "08:00", "08:20"]:
        run = alerts(tmp_path, *job, "--partial", "--until", f"2026-10-20T{at}Z", "-f", "jsonl")
        runs[at] = run.exit_code, run.stdout
    assert set(runs.values()) == {(0, "")}
    again = alerts(tmp_path, *job, "--partial", "--until", "2026-10-20T06:15Z", "--resend", "-f", "jsonl")
    sent = [json.loads(line) for line in again.stdout.splitlines()]
    assert [(a["kind"], a["volume"], a["counted_until"]) for a in sent] == [
        ("negative_share", 15, "2026-10-20T06:15:00Z"),
        ("volume", 15, "2026-10-20T06:15:00Z"),
    ]
    # an --until on the hour has no hour in progress: the complete hours alone, as without --partial
    whole = alerts(tmp_path, *job, "--partial", "--until", "2026-10-20T07:00Z", "--resend", "-f", "jsonl")
    assert [json.loads(line)["counted_until"] for line in whole.stdout.splitlines()] == [None, None]


def test_a_spike_growing_in_the_hour_in_progress_escalates_once_when_the_hour_is_complete(tmp_path):
    """An outage at 06:00 (30 posts, sent at 06:15) grows to 120 posts at 07:00, 2 a minute, paged every 15 minutes
    with --partial. The hour 07:00 so far doubled the 30 posts sent by 07:30: it was sent as an escalation at 07:30,
    again at 07:45 (90 posts, its posts so far never remembered) and at 08:05 (the hour complete). Now a bucket in
    progress is no escalation: the hour complete is, once, and the level to double after it is its 120 posts."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\n')
    db = tmp_path / "h.duckdb"
    at = T("2026-10-20T07:00Z")
    growing = [post(50000 + i, at + pd.Timedelta(seconds=30 * i), "A", "negative") for i in range(120)]
    base = hours_of_crisis([("2026-10-20T06:00Z", 1)], until="2026-10-20T07:00")
    store.ingest(db, pd.concat([base, enriched(growing)], ignore_index=True))
    job = ["--store", str(db), "--bucket", "hour", "--partial", "-f", "jsonl"]
    runs = {}
    for at in ["06:15", "06:30", "07:05", "07:15", "07:30", "07:45", "08:05", "08:20", "09:05"]:
        run = alerts(tmp_path, *job, "--until", f"2026-10-20T{at}Z")
        sent = [json.loads(line) for line in run.stdout.splitlines()]
        runs[at] = [(a["kind"], a["start"][11:16], a["volume"], a["escalated_from"]) for a in sent]
    assert {at: got for at, got in runs.items() if got} == {
        "06:15": [("negative_share", "06:00", 15, None), ("volume", "06:00", 15, None)],
        # (by hand: 120 posts, all negative, against the 30 posts (25 negative) of 06:00)
        "08:05": [("negative_share", "07:00", 120, 25), ("volume", "07:00", 120, 30)],
    }


def test_a_spike_sent_is_said_over_once_when_it_ends(tmp_path, httpserver):
    """The on-call person paged for an outage was never told it had ended. With --over, the first complete hour after
    it with enough posts and without the alert says so, once: on stdout, in -f jsonl and to the webhook, exit 0."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\n')
    db = tmp_path / "h.duckdb"
    # (30 posts an hour from 06:00 to 09:00, 25 negative; else 3 an hour, 1 negative: enough with --min-volume 3)
    store.ingest(db, hours_of_crisis([("2026-10-20T06:00Z", 3)]))
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    job = ["--store", str(db), "--bucket", "hour", "--min-volume", "3", "--webhook", httpserver.url_for("/hook")]
    runs = {}
    for at, *more in [("07:00", "--over"), ("09:00", "--over"), ("10:00",), ("10:00", "--over", "--dry-run")]:
        run = alerts(tmp_path, *job, *more, "--until", f"2026-10-20T{at}Z")
        runs[at, *more] = run.exit_code, run.stdout.splitlines()
    # (by hand: 09:00 has 3 posts, 1 negative, as the 09:00s of the 5 weekdays before: usual 3 and 33.3 %)
    over = [  # (the hour's two spikes, paged as one bullet: one line)
        "A: negative and volume spike of 2026-10-20 06:00 UTC over: 33.3% negative at 09:00 (1 of 3 posts with a"
        " sentiment; usual 33.3%); 3 posts (usual 3)",
    ]
    assert runs.pop(("07:00", "--over"))[0] == 3
    assert runs == {
        ("09:00", "--over"): (0, []),  # (07:00 and 08:00 go on)
        ("10:00",): (0, []),  # without --over, a job's output is as it was
        ("10:00", "--over", "--dry-run"): (0, over),  # (remembered by no one)
    }
    said = alerts(tmp_path, *job, "--over", "--until", "2026-10-20T10:00Z")
    assert (said.exit_code, said.stdout.splitlines()) == (0, over), said.stderr
    assert said.stderr.splitlines()[-2:] == [
        "sent 2 spikes over to the webhook",
        "checked 2026-10-19 10:00 .. 2026-10-20 10:00 UTC per hour: 0 new alerts, 6 already sent, 2 spikes over",
    ]
    for at in ("10:00", "11:00", "12:00"):  # (once)
        again = alerts(tmp_path, *job, "--over", "--until", f"2026-10-20T{at}Z", "-q")
        assert (again.exit_code, again.stdout, again.stderr) == (0, "", "")
    texts = [json.loads(request.get_data())["text"] for request, _ in httpserver.log]
    assert len(texts) == 2 and texts[0].startswith(":rotating_light: brandpulse: 2 alerts\n")
    assert texts[1].splitlines() == [":white_check_mark: brandpulse: 2 spikes over", *(f"• {line}" for line in over)]
    lines = alerts(tmp_path, *job, "--over", "--until", "2026-10-20T10:00Z", "--resend", "--dry-run", "-f", "jsonl")
    told = [json.loads(line) for line in lines.stdout.splitlines()]
    assert [(o["status"], o["kind"], o.get("start")) for o in told][-3:] == [
        ("alert", "volume", "2026-10-20T08:00:00Z"),
        ("over", "negative_share", "2026-10-20T06:00:00Z"),
        ("over", "volume", "2026-10-20T06:00:00Z"),
    ]
    assert told[-2] == {
        "key": "negative_share:A:hour:2026-10-20T08:00Z^over",
        "status": "over",
        "alert_key": "negative_share:A:hour:2026-10-20T06:00Z",
        "kind": "negative_share",
        "brand": "A",
        "bucket": "hour",
        "start": "2026-10-20T06:00:00Z",
        "last": "2026-10-20T08:00:00Z",
        "over_at": "2026-10-20T09:00:00Z",
        "value": 1 / 3,
        "baseline": 1 / 3,
        "threshold": pytest.approx(1 / 3 + 0.15),
        "volume": 3,
        "negative": 1,
        "scored": 3,
        "quiet": 0,  # (ended by a bucket that could tell)
        "most": 0,
        "topic": None,  # (a brand's, not a topic's: --topics)
        # (its own line: the object is the negative spike's alone)
        "message": "A: negative spike of 2026-10-20 06:00 UTC over: 33.3% negative at 09:00 (1 of 3 posts with a"
        " sentiment; usual 33.3%)",
    }


def test_a_spike_over_whose_webhook_failed_is_sent_late_by_the_next_run(tmp_path, httpserver):
    """The webhook failed on the run that saw an outage end: the notice was not kept, and the next run with the webhook
    working, a day later, no longer checked the hour that ended it: the on-call person paged never heard it was over.
    Now it is kept as a late alert is, and sent once by the next run, marked late."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\n')
    db = tmp_path / "h.duckdb"
    store.ingest(db, hours_of_crisis([("2026-10-20T06:00Z", 3)]))
    httpserver.expect_oneshot_request("/hook", method="POST").respond_with_data("ok")
    httpserver.expect_oneshot_request("/hook", method="POST").respond_with_data("down", status=500)
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    job = ["--store", str(db), "--bucket", "hour", "--min-volume", "3", "--over", "--webhook-retries", "0"]
    job += ["--webhook", httpserver.url_for("/hook")]
    assert alerts(tmp_path, *job, "--until", "2026-10-20T07:00Z").exit_code == 3
    failed = alerts(tmp_path, *job, "--until", "2026-10-20T10:00Z")
    assert failed.exit_code == 6
    assert failed.stderr.endswith("(2 spikes over kept: the next run with this webhook sends them, marked late)\n")
    shutil.copy(db, tmp_path / "copy.duckdb")
    # (the next day's run checks from 2026-10-20 12:00: the hour 09:00 that ended the spike is before it)
    runs = [alerts(tmp_path, *job, "--until", f"2026-10-21T{at}Z") for at in ("12:00", "13:00")]
    assert [(run.exit_code, run.stdout) for run in runs] == [(0, ""), (0, "")]
    assert "sent 2 spikes over to the webhook (2 late, from an earlier run whose webhook failed)" in runs[0].stderr
    texts = [json.loads(request.get_data())["text"] for request, _ in httpserver.log]
    assert len(texts) == 3 and texts[1] == texts[2].replace(" (2 late, from an earlier run whose webhook failed)", "")
    assert texts[2].splitlines() == [
        ":white_check_mark: brandpulse: 2 spikes over (2 late, from an earlier run whose webhook failed)",
        "• A: negative and volume spike of 2026-10-20 06:00 UTC over: 33.3% negative at 09:00 (1 of 3 posts with a"
        " sentiment; usual 33.3%); 3 posts (usual 3)",
    ]
    # --resend sends them as its own, once, not also as late
    resend = ["--store", str(tmp_path / "copy.duckdb"), *job[2:], "--until", "2026-10-20T10:00Z", "--resend"]
    assert alerts(tmp_path, *resend).exit_code == 3
    text = json.loads(httpserver.log[-1][0].get_data())["text"]
    assert text.count("; 3 posts (usual 3)") == 1 and "late" not in text


def test_a_spike_no_run_sent_is_not_said_over(tmp_path):
    """Over is said of spikes sent (or printed) to the same destination: not of one a --dry-run saw, nor of one before
    the window of every run; a run that finds a spike and its end says both."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\n')
    db = tmp_path / "h.duckdb"
    store.ingest(db, hours_of_crisis([("2026-10-20T06:00Z", 3)]))
    job = ["--store", str(db), "--bucket", "hour", "--min-volume", "3", "--over"]
    looked = alerts(tmp_path, *job, "--until", "2026-10-20T07:00Z", "--dry-run")
    assert looked.exit_code == 3 and looked.stdout.startswith("A: negative and volume spike on 2026-10-20 06:00 UTC")
    # (08:00, the spike's last hour, is the hour before the window: it decides that 09:00 ends a spike, unsent)
    after = alerts(tmp_path, *job, "--since", "2026-10-20T09:00Z", "--until", "2026-10-20T10:00Z")
    assert (after.exit_code, after.stdout) == (0, ""), after.stderr
    assert after.stderr.endswith(": 0 new alerts\n")
    both = alerts(tmp_path, *job, "--until", "2026-10-20T10:00Z", "-q")
    assert both.exit_code == 3
    # (a job's first run sends the spike's 3 hours, new to it: with its end)
    lines = both.stdout.splitlines()
    assert [line.split(": ")[1] for line in lines[:3]] == [  # (an hour's two spikes: a line)
        f"negative and volume spike on 2026-10-20 {hour}:00 UTC" for hour in ("06", "07", "08")
    ]
    assert lines[3:] == [
        "A: negative and volume spike of 2026-10-20 06:00 UTC over: 33.3% negative at 09:00 (1 of 3 posts with a"
        " sentiment; usual 33.3%); 3 posts (usual 3)",
    ]
    # with another destination (a webhook's): not sent to it
    other = alerts(tmp_path, *job[:-1], "--until", "2026-10-20T10:00Z", "--since", "2026-10-20T09:00Z", "--over")
    assert (other.exit_code, other.stdout) == (0, "")


def test_a_spike_ended_by_more_than_a_day_of_too_few_posts_is_said_over(tmp_path):
    """A spike followed by two days of 3 posts (too few to tell, --min-volume 10) was never said over: no bucket with
    enough posts came within the day a spike goes on across, and the next normal day was no end of it. The run that
    checks the second of them says so, once, with why it cannot be sure; and a fetch that stopped says it had none."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\n')
    db = tmp_path / "d.duckdb"
    rows = daily_posts("A", "2026-10-01", 19, 10, 4) + daily_posts("A", "2026-10-20", 1, 40, 30, 1000)
    store.ingest(
        db,
        enriched(rows + daily_posts("A", "2026-10-21", 2, 3, 0, 2000) + daily_posts("A", "2026-10-23", 2, 10, 4, 3000)),
    )
    job = ["--store", str(db), "--over"]
    runs = [
        alerts(tmp_path, *job, "--until", until) for until in ("2026-10-21", "2026-10-22", "2026-10-23", "2026-10-24")
    ]
    assert [(r.exit_code, len(r.stdout.splitlines())) for r in runs] == [(3, 1), (0, 0), (0, 1), (0, 0)]
    assert runs[2].stdout == (
        "A: negative and volume spike of 2026-10-20 over, as far as can tell: the 2 days after it had too few posts to"
        " tell (at most 3 posts a day, 3 with a sentiment)\n"
    )
    assert runs[2].stderr.endswith("0 new alerts, 2 already sent, 2 spikes over\n")
    told = alerts(tmp_path, *job, "--until", "2026-10-23", "--resend", "--dry-run", "-f", "jsonl")
    over = [json.loads(line) for line in told.stdout.splitlines()][-1]
    assert (over["status"], over["kind"], over["last"], over["over_at"], over["quiet"], over["most"]) == (
        "over",
        "volume",
        "2026-10-20T00:00:00Z",
        "2026-10-22T00:00:00Z",
        2,
        3,
    )
    # hours: a fetch that stopped at 09:00, after a spike from 06:00 to 09:00 (3 posts an hour, --min-volume 3)
    hours = tmp_path / "h.duckdb"
    store.ingest(hours, hours_of_crisis([("2026-10-20T06:00Z", 3)], until="2026-10-20T09:00Z"))
    job = ["--store", str(hours), "--bucket", "hour", "--min-volume", "3", "--over"]
    assert alerts(tmp_path, *job, "--until", "2026-10-20T09:00Z").exit_code == 3
    quiet = [alerts(tmp_path, *job, "--until", f"2026-10-21T{at}Z") for at in ("09:00", "10:00")]
    assert [(r.exit_code, r.stdout) for r in quiet] == [
        (0, ""),  # (24 hours without posts: the spike may go on)
        (
            0,
            "A: negative and volume spike of 2026-10-20 06:00 UTC over, as far as can tell: the 25 hours after it had"
            " no post (a fetch or ingest that stopped? --stale-after)\n",
        ),
    ]


def test_the_hour_in_progress_does_not_end_a_spike(tmp_path):
    """With --partial, the hour in progress is checked on its posts so far: 3 quiet posts by 07:10 do not say a spike
    of 06:00 is over (the hour may yet be one); the run after 08:00, the hour complete, does."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\n')
    db = tmp_path / "h.duckdb"
    # (06:00: 30 posts at minutes 0 to 29, 25 negative; 07:00: 3 posts at minutes 0 to 2, 1 negative)
    store.ingest(db, hours_of_crisis([("2026-10-20T06:00Z", 1)]))
    job = ["--store", str(db), "--bucket", "hour", "--min-volume", "3", "--partial", "--over"]
    runs = {}
    for at in ["06:15", "07:10", "07:45", "08:05", "08:30"]:
        run = alerts(tmp_path, *job, "--until", f"2026-10-20T{at}Z")
        runs[at] = run.exit_code, [line.split(" over: ")[-1] for line in run.stdout.splitlines()]
    assert runs.pop("06:15")[0] == 3
    assert runs == {
        "07:10": (0, []),
        "07:45": (0, []),
        "08:05": (
            0,
            ["33.3% negative at 07:00 (1 of 3 posts with a sentiment; usual 33.3%); 3 posts (usual 3)"],
        ),
        "08:30": (0, []),
    }


def test_an_alert_of_the_hour_in_progress_the_whole_hour_does_not_give_is_over(tmp_path):
    """15 negative posts in 06:00's first quarter hour page at 06:15 (--partial); the whole hour's 78 posts, 16
    negative, are no negative spike: the run after it says that spike is over, in that hour (its volume spike goes
    on, and is over with 07:00)."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\n')
    db = tmp_path / "h.duckdb"
    six = T("2026-10-20T06:03Z")
    rows = [post(10**6 + i, six + pd.Timedelta(seconds=40 * i), "A", "negative") for i in range(15)]
    rows += [post(2 * 10**6 + i, six + pd.Timedelta(minutes=12, seconds=40 * i), "A", "neutral") for i in range(60)]
    store.ingest(db, pd.concat([hours_of_crisis([]), enriched(rows)], ignore_index=True))
    job = ["--store", str(db), "--bucket", "hour", "--min-volume", "3", "--partial", "--over"]
    first = alerts(tmp_path, *job, "--until", "2026-10-20T06:15Z")
    assert first.exit_code == 3 and first.stdout.startswith("A: negative and volume spike on 2026-10-20 06:00 UTC (so")
    assert first.stdout.count("\n") == 1
    runs = {at: alerts(tmp_path, *job, "--until", f"2026-10-20T{at}Z") for at in ["07:05", "08:05"]}
    assert {at: (run.exit_code, run.stdout.splitlines()) for at, run in runs.items()} == {
        # (by hand: 16 of 78 is 20.5 %, its Wilson lower bound 13 %: under 48.3 %)
        "07:05": (
            0,
            [
                "A: negative spike of 2026-10-20 06:00 UTC over: 20.5% negative at 06:00 (16 of 78 posts with a"
                " sentiment; usual 33.3%)"
            ],
        ),
        "08:05": (0, ["A: volume spike of 2026-10-20 06:00 UTC over: 3 posts at 07:00 (usual 3)"]),
    }


def test_a_spike_over_in_the_hour_the_clocks_repeat_says_which(tmp_path):
    """Clocks go back in Berlin at 03:00 CEST on 2026-10-25: a spike of 02:00 (CEST) over the next hour, 02:00 CET,
    was said over "at 02:00", the hour it began; the hour that ends it is named with its abbreviation too."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\n')
    db = tmp_path / "h.duckdb"
    # (3 posts an hour, 1 negative; 30, 25 negative, from 00:00 UTC, 02:00 CEST, for an hour)
    store.ingest(db, hours_of_crisis([("2026-10-25T00:00Z", 1)], until="2026-10-26"))
    job = ["--store", str(db), "--bucket", "hour", "--min-volume", "3", "--over", "--tz", "Europe/Berlin"]
    first = alerts(tmp_path, *job, "--until", "2026-10-25T01:00Z")
    assert first.exit_code == 3
    assert first.stdout.startswith("A: negative and volume spike on 2026-10-25 02:00 Europe/Berlin (CEST)")
    over = alerts(tmp_path, *job, "--until", "2026-10-25T02:00Z")
    # (by hand: every other hour holds 3 posts, 1 negative: usual 3 and 33.3 %)
    assert (over.exit_code, over.stdout.splitlines()) == (
        0,
        [
            "A: negative and volume spike of 2026-10-25 02:00 Europe/Berlin (CEST) over: 33.3% negative at 02:00 CET"
            " (1 of 3 posts with a sentiment; usual 33.3%); 3 posts (usual 3)",
        ],
    ), over.stderr


def test_a_spike_an_hourly_job_said_over_is_not_said_over_again_by_the_daily_one(tmp_path):
    """A daily and an hourly job posting to one destination: the hourly one sent an outage and said it over at 09:00;
    the daily one, which remembered that day's alert as sent per hour, said the same outage over again the next day.
    The first to see the end says it; a daily job alone still does."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\n')
    db, alone = tmp_path / "h.duckdb", tmp_path / "alone.duckdb"
    store.ingest(db, hours_of_crisis([("2026-10-20T06:00Z", 3)]))
    shutil.copy(db, alone)
    job = ["--min-volume", "3", "--over"]
    runs = [
        ("hour", "2026-10-20T07:00Z"),
        ("hour", "2026-10-20T10:00Z"),
        ("day", "2026-10-21"),  # (its day alert: already sent per hour)
        ("day", "2026-10-22"),  # (10-21 ends it: said over at 09:00 already)
    ]
    said = []
    for bucket, at in runs:
        run = alerts(tmp_path, "--store", str(db), "--bucket", bucket, *job, "--until", at)
        said.append((run.exit_code, [line.split(" over: ")[-1] for line in run.stdout.splitlines()]))
    assert said[1:] == [
        (0, ["33.3% negative at 09:00 (1 of 3 posts with a sentiment; usual 33.3%); 3 posts (usual 3)"]),
        (0, []),
        (0, []),
    ]
    assert alerts(tmp_path, "--store", str(alone), "--bucket", "day", *job, "--until", "2026-10-21").exit_code == 3
    daily = alerts(tmp_path, "--store", str(alone), "--bucket", "day", *job, "--until", "2026-10-22")
    # (by hand: 10-21 holds 24 hours of 3 posts, 1 negative, as each day but 10-20)
    assert (daily.exit_code, daily.stdout.splitlines()) == (
        0,
        [
            "A: negative and volume spike of 2026-10-20 over: 33.3% negative on 2026-10-21 (24 of 72 posts with a"
            " sentiment; usual 33.3%); 72 posts (usual 72)",
        ],
    )


def test_a_store_without_recent_posts_is_an_error_with_stale_after_not_a_quiet_night(tmp_path):
    """A fetch that fails at night leaves the store without new posts: alerts exited 0, as on a quiet night, and the
    pager heard nothing (the warning came only once the whole 24 hours checked were empty). --stale-after fails."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n')
    db = tmp_path / "h.duckdb"
    # (3 posts an hour at minutes 0 to 2 until 2026-10-24: the newest at 2026-10-23 23:02; 30 an hour at 20:00)
    store.ingest(db, hours_of_crisis([("2026-10-23T20:00Z", 1)]))
    job = ["--store", str(db), "--bucket", "hour", "-q"]
    assert alerts(tmp_path, *job, "--until", "2026-10-24T03:00Z").exit_code == 3  # (20:00's alerts sent)
    quiet = alerts(tmp_path, *job, "--until", "2026-10-24T03:00Z")
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")  # (as a quiet night)
    broken = alerts(tmp_path, *job, "--until", "2026-10-24T03:00Z", "--stale-after", "2")
    assert (broken.exit_code, broken.stdout) == (4, "")
    assert broken.stderr == (
        "brandpulse: error: no post in the 2 hours before 2026-10-24 03:00 UTC (--stale-after): the newest post is"
        " from 2026-10-23 23:02; is the fetch or ingest failing?\n"
    )
    fresh = alerts(tmp_path, *job, "--until", "2026-10-24T00:30Z", "--stale-after", "2")
    assert (fresh.exit_code, fresh.stderr) == (0, "")
    # new alerts page all the same (exit 3), with the line as a warning
    db.unlink()
    store.ingest(db, hours_of_crisis([("2026-10-23T20:00Z", 1)]))
    both = alerts(tmp_path, *job, "--until", "2026-10-24T03:00Z", "--stale-after", "2")
    assert both.exit_code == 3 and len(both.stdout.splitlines()) == 1  # (a negative and a volume spike: a line)
    assert both.stderr.startswith("warning: no post in the 2 hours before 2026-10-24 03:00 UTC (--stale-after)")


def test_stale_after_for_a_brand_counts_the_posts_naming_it(tmp_path, httpserver):
    """A team watching B (`--for-brand B`) whose fetch of B's posts stopped on 10-22: --stale-after counted the newest
    post of the whole store, A's of the hour before, and B's team heard nothing for days. With brands chosen, each
    one's newest post counts; without, the store's, as before."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\n[brands.B]\nterms = ["B"]\n')
    db = tmp_path / "h.duckdb"
    b_posts = enriched([post(90000 + i, f"2026-10-{d}T1{i}:00Z", "B", "neutral") for d in (21, 22) for i in range(3)])
    store.ingest(db, pd.concat([hours_of_crisis([]), b_posts], ignore_index=True))  # (A's newest: 10-23 23:02)
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    job = ["--store", str(db), "--bucket", "hour", "--stale-after", "2", "--until", "2026-10-24T01:00Z", "-q"]
    assert [alerts(tmp_path, *job, *more).exit_code for more in ([], ["--for-brand", "A"])] == [0, 0]
    line = (
        "no post naming B in the 2 hours before 2026-10-24 01:00 UTC (--stale-after): the newest post naming B is from"
        " 2026-10-22 12:00; is the fetch or ingest failing?"
    )
    for more in (["--for-brand", "b"], ["--for-brand", "A", "--for-brand", "B"]):
        run = alerts(tmp_path, *job, *more, "--webhook", httpserver.url_for("/hook"))
        assert (run.exit_code, run.stdout, run.stderr) == (4, "", f"brandpulse: error: {line}\n"), more
    # (told once: the same newest post of B; in the store under B's)
    assert [json.loads(request.get_data())["text"] for request, _ in httpserver.log] == [
        f":warning: brandpulse: {line}"
    ]
    # the same from FILES: the brand's newest post read
    csv = tmp_path / "posts.csv"
    csv.write_text(
        "post_id,platform,created_at,author,text\n1,x,2026-10-22T12:00:00Z,u1,B is ok\n2,x,2026-10-24T00:30:00Z,u2,A"
        " is ok\n"
    )
    read = [str(csv), "--state", str(tmp_path / "s.json"), "--stale-after", "2", "--until", "2026-10-24T01:00Z", "-q"]
    assert alerts(tmp_path, *read).exit_code == 0
    files = alerts(tmp_path, *read, "--for-brand", "B")
    assert (files.exit_code, files.stderr) == (4, f"brandpulse: error: {line}\n")


def test_stale_after_for_brands_tells_a_brand_still_stale_once_when_another_recovers(tmp_path, httpserver):
    """`--for-brand B --for-brand C --webhook`, both stale: the line was remembered under both brands' newest posts
    together, so when C's posts came in again B's unchanged line was posted again, as if its fetch had stopped anew."""
    (tmp_path / "c.toml").write_text("".join(f'[brands.{b}]\nterms = ["{b}"]\n' for b in "ABC"))
    db = tmp_path / "h.duckdb"
    named = [post(90000 + i, f"2026-10-22T1{i}:00Z", brand, "neutral") for i, brand in enumerate("BC")]
    store.ingest(db, pd.concat([hours_of_crisis([]), enriched(named)], ignore_index=True))
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    job = ["--store", str(db), "--bucket", "hour", "--stale-after", "2", "-q", "--webhook", httpserver.url_for("/hook")]
    job += ["--for-brand", "B", "--for-brand", "C"]
    assert alerts(tmp_path, *job, "--until", "2026-10-24T01:00Z").exit_code == 4  # (both stale: told)
    store.ingest(db, enriched([post(90009, "2026-10-24T01:30Z", "C", "neutral")]))
    again = alerts(tmp_path, *job, "--until", "2026-10-24T02:00Z")
    assert (again.exit_code, again.stderr) == (
        4,
        "brandpulse: error: no post naming B in the 2 hours before 2026-10-24 02:00 UTC (--stale-after): the newest"
        " post naming B is from 2026-10-22 10:00; is the fetch or ingest failing?\n",
    )
    texts = [json.loads(request.get_data())["text"] for request, _ in httpserver.log]
    assert len(texts) == 1 and texts[0].startswith(":warning: brandpulse: no post naming B or C in the 2 hours")


def test_stale_after_with_files_counts_their_newest_post_not_the_newest_before_the_checked_days_end(tmp_path):
    """FILES with a post at 09:05: a daily job at 09:10 (its checked days end at midnight, the posts read ended there)
    failed with --stale-after 2, "no post has a time"; an hourly one with --stale-after 0.1 took 08:50 for newest."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\n')
    posts = tmp_path / "posts.csv"
    posts.write_text(
        "post_id,platform,created_at,author,text\n"
        "1,twitter,2026-12-05T08:50:00Z,u1,I love A\n"
        "2,twitter,2026-12-05T09:05:00Z,u2,A is fine\n"
    )
    job = [str(posts), "--state", str(tmp_path / "s.json"), "--dry-run", "-q", "--until", "2026-12-05T09:10Z"]
    for bucket, hours in [("day", "2"), ("hour", "0.1")]:
        run = alerts(tmp_path, *job, "--bucket", bucket, "--stale-after", hours)
        assert (run.exit_code, run.stderr) == (0, ""), (bucket, run.stderr)
    # (by hand: 09:05 is 3.08 hours before 12:10)
    late = alerts(tmp_path, *job[:-1], "2026-12-05T12:10Z", "--bucket", "day", "--stale-after", "3")
    assert (late.exit_code, late.stderr) == (
        4,
        "brandpulse: error: no post in the 3 hours before 2026-12-05 12:10 UTC (--stale-after): the newest post is"
        " from 2026-12-05 09:05; is the fetch or ingest failing?\n",
    )


def test_stale_after_tells_the_webhook_once_per_stale_episode(tmp_path, httpserver):
    """A team paged by its Slack webhook alone: --stale-after failed (exit 4, a line on stderr) and posted nothing,
    so nobody heard that the fetch had stopped. Now the webhook gets the line once while the same post stays the
    newest, again when posts came in and stopped again; a dry run sends and remembers nothing."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n')
    db = tmp_path / "h.duckdb"
    # (3 posts an hour at minutes 0 to 2 until 2026-10-24: the newest at 2026-10-23 23:02; 30 an hour at 20:00)
    store.ingest(db, hours_of_crisis([("2026-10-23T20:00Z", 1)]))
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    job = ["--store", str(db), "--bucket", "hour", "--stale-after", "2", "--webhook", httpserver.url_for("/hook")]
    line = (
        "no post in the 2 hours before 2026-10-24 {} UTC (--stale-after): the newest post is from 2026-10-{}; is"
        " the fetch or ingest failing?"
    )

    def sent():
        return [json.loads(request.get_data())["text"] for request, _ in httpserver.log]

    dry = alerts(tmp_path, *job, "-q", "--until", "2026-10-24T02:00Z", "--dry-run")
    assert (dry.exit_code, dry.stderr) == (3, f"warning: {line.format('02:00', '23 23:02')}\n")
    assert sent() == []
    # new alerts fire (exit 3), the line a warning; the webhook gets the alerts, then the line
    first = alerts(tmp_path, *job, "--until", "2026-10-24T02:00Z")
    assert first.exit_code == 3 and len(first.stdout.splitlines()) == 1
    assert first.stderr.endswith(
        f"sent the --stale-after warning to the webhook\nwarning: {line.format('02:00', '23 23:02')}\n"
    )
    assert len(sent()) == 2 and sent()[0].startswith(":rotating_light: brandpulse: 2 alerts\n")
    assert sent()[1] == f":warning: brandpulse: {line.format('02:00', '23 23:02')}"
    # the same newest post: told already (the line on stderr and exit 4 each run, as before; stdout empty)
    for until in ("03:00", "04:00"):
        again = alerts(tmp_path, *job, "-q", "--until", f"2026-10-24T{until}Z")
        assert (again.exit_code, again.stdout) == (4, "")
        assert again.stderr == f"brandpulse: error: {line.format(until, '23 23:02')}\n"
    assert len(sent()) == 2
    # the fetch comes back at 04:30 (no alert: 3 posts), then stops again: a new episode, told again
    store.ingest(db, enriched([post(9001 + i, f"2026-10-24T04:3{i}Z", "A", "neutral") for i in range(3)]))
    back = alerts(tmp_path, *job, "-q", "--until", "2026-10-24T05:00Z")
    assert (back.exit_code, back.stderr, len(sent())) == (0, "", 2)
    stopped = alerts(tmp_path, *job, "-q", "--until", "2026-10-24T07:00Z")
    assert (stopped.exit_code, stopped.stdout) == (4, "")
    assert sent()[2:] == [":warning: brandpulse: " + line.format("07:00", "24 04:32")]
    with store.open_store(db, read_only=True) as con:
        keys = [
            k for (k,) in con.execute("SELECT alert_key FROM alerts_sent WHERE alert_key LIKE '%stale:%'").fetchall()
        ]
    assert sorted(k.split(" ", 1)[1] for k in keys) == ["stale:2026-10-23T23:02:00Z", "stale:2026-10-24T04:32:00Z"]


def test_a_webhook_failing_to_take_the_stale_warning_is_exit_6_and_the_next_run_sends_it(tmp_path, httpserver):
    """The --stale-after line the webhook did not take: exit 6 (the webhook is what fails, as for alerts), the line
    said as a warning before the error, nothing remembered; the next run sends it. With FILES, in the --state file."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\n')
    posts = tmp_path / "posts.csv"
    posts.write_text("post_id,platform,created_at,author,text\n1,twitter,2026-12-05T01:52:30Z,u1,I love A\n")
    state = tmp_path / "s.json"
    httpserver.expect_oneshot_request("/hook", method="POST").respond_with_data("down", status=500)
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    job = [str(posts), "--state", str(state), "--stale-after", "2", "--until", "2026-12-05T09:10Z", "-q"]
    job += ["--webhook", httpserver.url_for("/hook"), "--webhook-retries", "0"]
    line = (
        "no post in the 2 hours before 2026-12-05 09:10 UTC (--stale-after): the newest post is from 2026-12-05 01:52;"
        " is the fetch or ingest failing?"
    )
    failed = alerts(tmp_path, *job)
    assert (failed.exit_code, failed.stdout) == (6, "")
    assert failed.stderr == (
        f"warning: {line}\nbrandpulse: error: webhook: HTTP 500, not retried (--webhook-retries 0) (the --stale-after"
        " warning not sent: the next run still stale sends it)\n"
    )
    assert not state.exists()
    for _ in range(2):
        run = alerts(tmp_path, *job)
        assert (run.exit_code, run.stderr) == (4, f"brandpulse: error: {line}\n")
    assert [json.loads(request.get_data())["text"] for request, _ in httpserver.log] == [
        f":warning: brandpulse: {line}"
    ] * 2
    hook = hashlib.sha256(httpserver.url_for("/hook").encode()).hexdigest()[:16]
    assert json.loads(state.read_text()) == {"sent": [f"@webhook:{hook} stale:2026-12-05T01:52:30Z"]}


def test_an_alert_in_json_lines_carries_example_posts_of_its_bucket(tmp_path):
    """The person paged at 02:15 sees what the spike is about: a few of its posts, the widest reach first, negative
    ones for a negative spike; not the brand's own reply, another brand's post, or a post of the hour before."""
    (tmp_path / "c.toml").write_text(
        '[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n[brands.B]\nterms = ["B"]\ncompetitor = true\n'
    )
    db = tmp_path / "h.duckdb"
    crisis = hours_of_crisis([("2026-10-20T06:00Z", 1)], until="2026-10-20T07:00")  # (posts 1..: user1 ...)
    extra = enriched(
        [
            post(90001, "2026-10-20T06:40Z", "A", "neutral", author="big", followers=90000),
            post(90002, "2026-10-20T06:41Z", "A", "negative", author="mid", followers=5000),
            post(90003, "2026-10-20T06:42Z", "A", "negative", author="@A_help", followers=99999),
            post(90004, "2026-10-20T06:43Z", "B", "negative", author="other", followers=99999),
            post(90005, "2026-10-20T05:10Z", "A", "negative", author="before", followers=99999),
            post(90006, "2026-10-20T06:44Z", "A", "negative", author="small", followers=10),
        ]
    )
    store.ingest(db, pd.concat([crisis, extra], ignore_index=True))
    run = alerts(tmp_path, "--store", str(db), "--bucket", "hour", "--until", "2026-10-20T07:00Z", "-f", "jsonl")
    assert run.exit_code == 3, run.stderr
    got = {a["kind"]: a["examples"] for a in map(json.loads, run.stdout.splitlines())}
    assert [e["author"] for e in got["volume"]] == ["big", "mid", "small"]
    # (then the newest of the hour's 25 negative posts, at 06:24: after 246 quiet hours of 3 posts, the 25th of 06:00)
    assert [e["author"] for e in got["negative_share"]] == ["mid", "small", f"user{246 * 3 + 25}"]
    assert got["volume"][0] == {
        "created_at": "2026-10-20T06:40:00Z",
        "author": "big",
        "text": "post 90001 about A",
        "url": "https://x.com/u/status/90001",
    }


def test_an_alerts_figures_are_the_reports_for_its_hour(tmp_path):
    """The figures a social-media lead checks an alert by: the report of the same hour says the same volume, negative
    posts and negative share, with posts naming two brands, posts without a sentiment and the brand's own replies in
    the hour (by hand: 30 + 6 + 4 posts naming A, 25 + 6 negative for A, 4 unscored: 40 posts, 31 of 36 negative,
    86.1 %; the 3 by @A_help left out)."""
    (tmp_path / "c.toml").write_text(
        '[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n[brands.B]\nterms = ["B"]\ncompetitor = true\n'
    )
    hour = T("2026-10-20T06:00Z")
    extra = [post(90000 + i, hour + pd.Timedelta(minutes=40 + i), "A;B", "positive") for i in range(6)]
    for r in extra:  # ("left A for B, so happy": positive as a whole, negative for A)
        r["brand_sentiments"] = "A=-0.5;B=0.5"
    extra += [post(90100 + i, hour + pd.Timedelta(minutes=50 + i), "A", None, lang="de") for i in range(4)]
    extra += [post(90200 + i, hour + pd.Timedelta(minutes=55), "A", "negative", author="A_help") for i in range(3)]
    db = tmp_path / "h.duckdb"
    store.ingest(db, pd.concat([hours_of_crisis([("2026-10-20T06:00Z", 1)]), enriched(extra)], ignore_index=True))
    where = ["--store", str(db), "-q"]
    fired = alerts(tmp_path, *where, "--bucket", "hour", "--until", "2026-10-20T07:00Z", "-f", "jsonl", "--dry-run")
    got = {a["kind"]: a for a in map(json.loads, fired.stdout.splitlines())}
    assert set(got) == {"volume", "negative_share"}, fired.stderr
    shown = CliRunner().invoke(
        main,
        ["report", "-c", str(tmp_path / "c.toml"), *where, "--since", "2026-10-20T06:00Z"]
        + ["--until", "2026-10-20T07:00Z", "-f", "json"],
    )
    brand = next(b for b in json.loads(shown.stdout)["tables"]["brands"] if b["brand"] == "A")
    assert (brand["volume"], brand["negative"], brand["unscored"], brand["negative_pct"]) == (40, 31, 4, 86.1)
    share = got["negative_share"]
    assert (share["volume"], share["negative"], share["scored"], round(100 * share["value"], 1)) == (40, 31, 36, 86.1)
    assert got["volume"]["volume"] == 40 and "40 posts" in got["volume"]["message"]


def test_late_alerts_are_sent_oldest_first_as_new_ones_are():
    """Late alerts came in the order of their keys, every negative spike before the first volume spike: 17:00, 18:00,
    then 17:00 again."""
    late = {
        f"{kind}:{brand}:hour:2026-10-25T{hour}:00Z": f"{brand} {kind} {hour}"
        for kind in ("negative_share", "volume")
        for brand in ("B", "A")
        for hour in ("18", "17")
    }
    assert slack_payload([], late)["text"].splitlines()[1:] == [
        "• A negative_share 17",
        "• A volume 17",
        "• B negative_share 17",
        "• B volume 17",
        "• A negative_share 18",
        "• A volume 18",
        "• B negative_share 18",
        "• B volume 18",
    ]


def test_a_dry_run_prints_what_would_fire_and_sends_and_remembers_nothing(setup, spike_store, httpserver):
    """Trying `--k` or `--share-margin` on the real store marked the alerts as sent: the cron job's run after
    it sent nothing. `--dry-run` prints them (exit 3, as a real run) and leaves the store and webhook alone."""
    tmp_path, spike, _ = setup
    db = str(tmp_path / "h.duckdb")
    copy_store(spike_store, Path(db).parent)
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    hook = ["--webhook", httpserver.url_for("/hook")]
    tried = alerts(tmp_path, "--store", db, "--until", "2026-10-26", "--dry-run", *hook)
    assert tried.exit_code == 3, tried.stderr
    assert [line.split(":")[1] for line in tried.stdout.splitlines()] == [" negative and volume spike on 2026-10-20"]
    assert tried.stderr.endswith("2 new alerts; dry run: none sent or remembered\n")
    assert len(httpserver.log) == 0
    real = alerts(tmp_path, "--store", db, "--until", "2026-10-26", *hook)  # the cron job after it: all still new
    assert real.exit_code == 3 and real.stdout == tried.stdout and len(httpserver.log) == 1
    # with FILES, no state file is written
    state = tmp_path / "state.json"
    from_files = alerts(tmp_path, spike, "--until", "2026-10-26", "--state", str(state), "--dry-run")
    assert from_files.exit_code == 3 and from_files.stdout == tried.stdout and not state.exists()


def test_cli_quiet_week_exits_0(setup):
    tmp_path, spike, quiet = setup
    first = alerts(tmp_path, quiet, "--until", "2026-10-26", "--state", str(tmp_path / "s.json"))
    assert first.exit_code == 0 and first.stdout == ""  # (an alert: exit 3, and it is printed)
    # the spike data, checked in its last quiet days only (10-21..25), is quiet too
    later = alerts(
        tmp_path, spike, "--since", "2026-10-21", "--until", "2026-10-26", "--state", str(tmp_path / "s.json")
    )
    assert later.exit_code == 0 and later.stdout == ""


def test_cli_from_files_remembers_in_state_file(setup):
    tmp_path, spike, _ = setup
    state = tmp_path / "state.json"
    first = alerts(tmp_path, spike, "--until", "2026-10-26", "--state", str(state))
    assert first.exit_code == 3
    # printed by a run without a webhook, with the level an escalation must double (48 negative posts, 60 posts)
    assert json.loads(state.read_text())["sent"] == [
        "@stdout negative_share:Skyway:day:2026-10-20T00:00Z",
        "@stdout negative_share:Skyway:day:2026-10-20T00:00Z^48",
        "@stdout volume:Skyway:day:2026-10-20T00:00Z",
        "@stdout volume:Skyway:day:2026-10-20T00:00Z^60",
    ]
    assert alerts(tmp_path, spike, "--until", "2026-10-26", "--state", str(state)).exit_code == 0


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("{bad", "cannot read alert state: Expecting property name"),
        ('["volume:Skyway:day:2026-10-20T00:00Z"]', 'not an alert state file (expected {"sent": [alert keys]})'),
        ('{"sent": 5}', 'not an alert state file (expected {"sent": [alert keys]})'),
        ('{"sent": [], "pending": ["volume:Skyway:day:2026-10-20T00:00Z"]}', "not an alert state file"),
    ],
)
def test_a_damaged_state_file_is_an_input_error(setup, content, why):
    """A state file that is not JSON exited 6, the code that says the webhook failed; one holding a
    list crashed ("AttributeError: 'list' object has no attribute 'get'", exit 1)."""
    tmp_path, spike, _ = setup
    state = tmp_path / "state.json"
    state.write_text(content)
    result = alerts(tmp_path, spike, "--until", "2026-10-26", "--state", str(state))
    assert result.exit_code == 4
    assert result.stdout == ""  # nothing printed as new that may have been sent before
    assert result.stderr.splitlines()[-1].startswith(f"brandpulse: error: {state}: {why}")
    # (every later run stopped here, and the message did not say what to do)
    assert result.stderr.splitlines()[-1].endswith(
        "; delete it to start afresh (the alerts of the window the next run checks are then sent again)"
    )
    assert state.read_text() == content


def test_an_empty_state_file_is_one_with_nothing_sent_yet(setup):
    """A state file made with `touch` (to give it the group's mode before the first cron run) was "cannot read
    alert state: Expecting value", exit 4, on every run: no alert was ever printed. It remembers nothing yet."""
    tmp_path, spike, _ = setup
    state = tmp_path / "state.json"
    state.touch()
    first = alerts(tmp_path, spike, "--until", "2026-10-26", "--state", str(state))
    assert first.exit_code == 3 and len(first.stdout.splitlines()) == 1, first.stderr
    assert json.loads(state.read_text()) == {
        "sent": [
            "@stdout negative_share:Skyway:day:2026-10-20T00:00Z",
            "@stdout negative_share:Skyway:day:2026-10-20T00:00Z^48",  # (the level an escalation doubles)
            "@stdout volume:Skyway:day:2026-10-20T00:00Z",
            "@stdout volume:Skyway:day:2026-10-20T00:00Z^60",
        ]
    }


def test_a_state_file_behind_a_link_is_replaced_whole(setup):
    """A --state link was written in place (truncated, then written): a run reading it meanwhile, or a run
    killed while writing, found it empty or cut short. The file behind the link is replaced as a whole, as a
    state file named directly is; the link stays."""
    tmp_path, spike, _ = setup
    (tmp_path / "real").mkdir()
    state = tmp_path / "real" / "state.json"
    state.write_text('{"sent": []}\n')
    (tmp_path / "link.json").symlink_to(state)
    before = state.stat().st_ino
    with state.open() as reader:  # (a run that opened it before this one wrote)
        result = alerts(tmp_path, spike, "--until", "2026-10-26", "--state", str(tmp_path / "link.json"))
        assert result.exit_code == 3, result.stderr
        assert reader.read() == '{"sent": []}\n'
    assert (tmp_path / "link.json").is_symlink() and state.stat().st_ino != before
    assert len(json.loads(state.read_text())["sent"]) == 4  # (2 alerts, and their levels)


def test_alerts_with_stdout_closed_are_not_marked_as_sent(setup, spike_store, httpserver):
    """`brandpulse alerts >&-`: click.echo drops lines when there is no stdout, so the alerts were shown
    nowhere, marked as sent all the same, and the next run had nothing to say. With a webhook they go there."""
    tmp_path, spike, _ = setup
    db = str(tmp_path / "h.duckdb")
    copy_store(spike_store, Path(db).parent)
    command = ["alerts", "-c", str(tmp_path / "c.toml"), "--store", db, "--until", "2026-10-26"]
    first = closed(*command, stderr=subprocess.PIPE)
    assert first.returncode == 1
    assert (
        first.stderr.splitlines()[-1]
        == "brandpulse: error: stdout is closed: leave it open, or write to a file with -o"
    )
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    hooked = closed(*command, "--webhook", httpserver.url_for("/hook"), stderr=subprocess.PIPE)
    assert hooked.returncode == 3, hooked.stderr  # both still new: the first run marked none as sent
    assert len(httpserver.log) == 1 and "2 alerts" in httpserver.log[0][0].get_json()["text"]
    again = alerts(tmp_path, "--store", db, "--until", "2026-10-26", "--webhook", httpserver.url_for("/hook"))
    assert again.exit_code == 0 and "2 already sent" in again.stderr


def test_alerts_with_stdout_closed_and_no_webhook_fail_before_any_work(setup, spike_store):
    """`alerts >&-` without a webhook read the store and checked every bucket, then failed at the first alert; a run
    of no alert said its warnings and exited 0, though no alert could ever be shown. Now exit 1 before the work: the
    one line, not the warning of a store with no posts after 2026-10-25 (which the same run with stdout open says)."""
    tmp_path, _, _ = setup
    db = str(tmp_path / "h.duckdb")
    copy_store(spike_store, Path(db).parent)
    command = ["alerts", "-c", str(tmp_path / "c.toml"), "--store", db]
    for args in (["--until", "2026-12-01"], ["--until", "2026-10-26", "--dry-run"]):
        proc = closed(*command, *args, stderr=subprocess.PIPE)
        assert proc.returncode == 1
        assert proc.stderr == "brandpulse: error: stdout is closed: leave it open, or write to a file with -o\n"
    opened = alerts(tmp_path, "--store", db, "--until", "2026-12-01")
    assert opened.exit_code == 0 and "warning: no posts to check from 2026-11-24 00:00" in opened.stderr


def test_alerts_into_a_pipe_already_closed_end_quietly_and_are_not_marked_as_sent(setup, spike_store):
    """`alerts | head -0`, the reader gone before the first alert is written: SIGPIPE ends the run (141 in a shell,
    as other Unix tools), saying nothing, and neither alert is marked as sent: the next run prints both."""
    tmp_path, _, _ = setup
    db = str(tmp_path / "h.duckdb")
    copy_store(spike_store, Path(db).parent)
    root = Path(__file__).resolve().parents[1]
    command = [sys.executable, "-m", "brandpulse", "alerts", "-c", str(tmp_path / "c.toml"), "--store", db]
    read_end, write_end = os.pipe()
    os.close(read_end)  # (closed before the run starts: its first write fails, whatever the timing)
    try:
        proc = subprocess.run(
            [*command, "--until", "2026-10-26"],
            env={**os.environ, "PYTHONPATH": str(root)},
            stdout=write_end,
            stderr=subprocess.PIPE,
        )
    finally:
        os.close(write_end)
    assert (proc.returncode, proc.stderr) == (-signal.SIGPIPE, b"")
    again = alerts(tmp_path, "--store", db, "--until", "2026-10-26")
    assert again.exit_code == 3 and "2 new alerts" in again.stderr and "already sent" not in again.stderr
    assert again.stdout.startswith("Skyway: negative and volume spike on 2026-10-20: 80% negative")


def test_webhook_retries_then_delivers(setup, httpserver):
    tmp_path, spike, _ = setup
    calls = []

    def handler(request):
        calls.append(request.get_json())
        return Response("busy", status=503) if len(calls) < 3 else Response("ok", status=200)

    httpserver.expect_request("/hook", method="POST").respond_with_handler(handler)
    state = tmp_path / "state.json"
    result = alerts(
        tmp_path, spike, "--until", "2026-10-26", "--state", str(state), "--webhook", httpserver.url_for("/hook")
    )
    assert result.exit_code == 3, result.stderr
    assert len(calls) == 3  # two 503s retried
    assert calls[-1]["text"].startswith(":rotating_light: brandpulse: 2 alerts\n• Skyway: negative and volume spike on")
    assert "sent 2 alerts to the webhook" in result.stderr
    assert (
        alerts(
            tmp_path, spike, "--until", "2026-10-26", "--state", str(state), "--webhook", httpserver.url_for("/hook")
        ).exit_code
        == 0
    )
    assert len(calls) == 3  # nothing re-sent


def test_a_webhook_answer_that_is_not_retried_is_not_said_to_be(setup, httpserver):
    """A revoked Slack URL answers 404, which is final: the run posted once and said "HTTP 404 after 3 retries"."""
    tmp_path, spike, _ = setup
    httpserver.expect_request("/hook", method="POST").respond_with_data("no_service", status=404)
    state = ["--state", str(tmp_path / "state.json")]
    failed = alerts(tmp_path, spike, "--until", "2026-10-26", *state, "--webhook", httpserver.url_for("/hook"))
    assert (failed.exit_code, len(failed.stdout.splitlines()), len(httpserver.log)) == (6, 1, 1)
    assert failed.stderr.splitlines()[-1] == (
        "brandpulse: error: webhook: HTTP 404 (no_service), not retried: check the webhook's URL (2 alerts kept: the"
        " next run"
        " with this webhook sends them, marked late)"
    )


TOKEN_PATH = "/services/T0AB12CD/B0EF34GH/zq8hookpathsecret"


@pytest.mark.parametrize(
    ("status", "body", "said"),
    [
        (
            401,
            "invalid_token",
            "HTTP 401 (invalid_token), not retried: the webhook refused its token (revoked or "
            "rotated?): set --webhook (or $BRANDPULSE_WEBHOOK) to its current URL",
        ),
        (
            403,
            "denied_zq8hookpathsecret",
            "HTTP 403, not retried: the webhook refused to post (its token revoked, or "
            "not allowed to post to that channel): check its permissions, or set --webhook (or $BRANDPULSE_WEBHOOK) to "
            "its current URL",
        ),
        (
            410,
            "channel_is_archived",
            "HTTP 410 (channel_is_archived), not retried: the webhook is gone (deleted, or "
            "its channel archived): make a new one and set --webhook (or $BRANDPULSE_WEBHOOK) to its URL",
        ),
        (
            400,
            "invalid_payload",
            "HTTP 400 (invalid_payload), not retried: the webhook refused the message sent "
            '(SIZE bytes of JSON, a Slack-style {"text": ...}): is it a Slack-compatible incoming webhook?',
        ),
        (
            422,
            '{"error": "Unprocessable"}',
            "HTTP 422, not retried: the webhook refused the message sent (SIZE bytes "
            'of JSON, a Slack-style {"text": ...}): is it a Slack-compatible incoming webhook?',
        ),
        (
            413,
            "Request Entity Too Large",
            "HTTP 413, not retried: the webhook refused the message sent as too large "
            '(SIZE bytes of JSON, a Slack-style {"text": ...})',
        ),
    ],
)
def test_a_webhook_refusing_says_why_in_its_own_words_never_the_secret(setup, httpserver, status, body, said):
    """Every answer that is not retried but 429 and 5xx said "check the webhook's URL": a revoked token (401/403),
    a message refused (400/413/422) and a webhook deleted (410) were told the same. Each now has its own line; a
    message refused says how large it was; the answer's error code is shown when it is one and holds no part of the
    URL (the secret), which no message holds."""
    tmp_path, spike, _ = setup
    got = []

    def handler(request):
        got.append(request.get_data())
        return Response(body, status=status)

    httpserver.expect_request(TOKEN_PATH, method="POST").respond_with_handler(handler)
    url = httpserver.url_for(TOKEN_PATH)
    for debug in ([], ["--debug"]):
        failed = CliRunner().invoke(
            main,
            [*debug, "alerts", "-c", str(tmp_path / "c.toml"), spike, "--until", "2026-10-26", "--webhook", url],
        )
        assert failed.exit_code == 6, failed.stderr
        assert "zq8hookpathsecret" not in failed.stderr + failed.stdout and "B0EF34GH" not in failed.stderr
    assert len(got) == 2 and len(got[-1]) > 200  # (sent once a run: not retried; the second with the late alerts)
    assert failed.stderr.splitlines()[-1] == (
        f"brandpulse: error: webhook: {said.replace('SIZE', f'{len(got[-1]):,}')} (2 alerts kept: the next run with"
        " this webhook sends them, marked late)"
    )


@pytest.mark.parametrize(
    ("path", "body", "secret"),
    [
        ("/hooks/T0/B0/tq9%5Fsecret42", "tq9_secret42", "secret42"),  # (the server decodes %5F: it echoes `_`)
        ("/hooks/8f3a-91bc-47de", "denied_8f3a_91bc_47de", "91bc"),  # (a GUID's pieces, `-` spelt `_`)
        ("/hooks/Xk7+Qp2Zr", "xk7_qp2zr", "qp2zr"),  # (in another case, `+` spelt `_`)
    ],
)
def test_a_webhook_error_code_spelling_the_url_otherwise_is_not_shown(httpserver, path, body, secret):
    """The webhook's error code was shown when no piece of 6 characters between `/?&=#:.@` of the URL was in it: a
    token it read percent-decoded, one in pieces between `-`, or in another case, echoed back as its code, was
    printed. Any run of 4 letters or digits of the URL, decoded, in any case, keeps the code out."""
    httpserver.expect_request(path.replace("%5F", "_").split("?")[0], method="POST").respond_with_data(body, status=403)
    with pytest.raises(FetchError) as failed:
        post_webhook(httpserver.url_for(path), {"text": "spike"}, retries=0)
    assert secret not in str(failed.value).lower() and len(httpserver.log) == 1
    assert str(failed.value).startswith("webhook: HTTP 403, not retried: the webhook refused to post")


def test_a_webhook_error_code_of_a_short_password_is_not_shown(httpserver):
    """A basic-auth password under 6 characters (`user:pw12@host`) was no "part of the URL": echoed in the code, it
    was printed."""
    httpserver.expect_request("/hook", method="POST").respond_with_data("bad_pw12", status=401)
    url = httpserver.url_for("/hook").replace("://", "://ops:pw12@")
    with pytest.raises(FetchError) as failed:
        post_webhook(url, {"text": "spike"}, retries=0)
    assert "pw12" not in str(failed.value) and str(failed.value).startswith("webhook: HTTP 401, not retried: ")
    httpserver.clear()
    httpserver.expect_request("/hook", method="POST").respond_with_data("invalid_token", status=401)
    with pytest.raises(FetchError) as failed:  # (a code sharing no run of 4 with the URL is still shown)
        post_webhook(url, {"text": "spike"}, retries=0)
    assert str(failed.value).startswith("webhook: HTTP 401 (invalid_token), not retried: ")


@pytest.mark.parametrize("status", [200, 403])
def test_a_webhook_answering_a_byte_at_a_time_does_not_hold_the_run(status):
    """A webhook (or a proxy before it) sending its answer one byte every half second held the alerts run, and the
    lock the next hourly run waits for, for as long as it went on: the timeout is per read of the socket. Its status
    says whether the alerts were delivered; its body is read only for a refusal's code, and only for as long as the
    read timeout: the run hangs up before the webhook is done."""

    def respond(request: bytes):
        return f"HTTP/1.1 {status} X\r\nContent-Type: text/plain\r\nContent-Length: 40\r\n\r\n".encode(), b"x"

    server = DrippingServer(respond)
    url = f"{server.base}/hooks/T0/B0/tok3n"
    try:
        if status == 200:
            post_webhook(url, {"text": "spike"}, retries=0, timeout=(1, 1))  # delivered
        else:
            with pytest.raises(FetchError) as failed:
                post_webhook(url, {"text": "spike"}, retries=0, timeout=(1, 1))
            assert str(failed.value) == (
                "webhook: HTTP 403, not retried: the webhook refused to post (its token revoked, or not allowed to post"
                " to that channel): check its permissions, or set --webhook (or $BRANDPULSE_WEBHOOK) to its current URL"
            )
        assert server.client_hung_up()
    finally:
        server.close()


@pytest.mark.parametrize(
    "sent, drip",
    [
        (b"HTTP/1.1 200 O", b"K"),  # the status line
        (b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 40\r\n\r\n", b"x"),  # a 503's body, before a retry
    ],
    ids=["status-line", "5xx-body"],
)
def test_a_webhook_answering_its_head_or_a_5xx_a_byte_at_a_time_does_not_hold_the_run(sent, drip):
    """Only the body of a webhook's answer had a time limit: one sending its status line a byte every half second,
    or the body of a 503 (which urllib3 reads whole before it retries), held the alerts run and its lock for as long
    as it went on. The whole answer must now arrive within the read timeout; the error names the host, never the
    URL (a secret)."""
    server = DrippingServer(lambda request: (sent, drip))
    url = f"{server.base}/hooks/T0/B0/tok3nSECRET77"
    try:
        with pytest.raises(FetchError) as failed:
            post_webhook(url, {"text": "spike"}, retries=1, backoff=0, timeout=(1, 1))
        assert server.client_hung_up()
    finally:
        server.close()
    assert str(failed.value) == (
        f"webhook: the answer from 127.0.0.1:{server.server_address[1]} did not all arrive within 1s (the webhook"
        " sent it a little at a time)"
    )


def test_a_webhook_that_moved_is_not_taken_for_delivered(setup, httpserver):
    """A webhook URL that answers a redirect (a moved or retired endpoint): requests followed a 302 as a GET, which
    the new address answered 200, and the alerts counted as sent though no POST delivered them."""
    tmp_path, spike, _ = setup
    httpserver.expect_request("/hook", method="POST").respond_with_data(
        "", status=302, headers={"Location": httpserver.url_for("/moved")}
    )
    httpserver.expect_request("/moved").respond_with_data("ok")
    state = tmp_path / "state.json"
    failed = alerts(
        tmp_path, spike, "--until", "2026-10-26", "--state", str(state), "--webhook", httpserver.url_for("/hook")
    )
    assert (failed.exit_code, [r.path for r, _ in httpserver.log]) == (6, ["/hook"])
    assert failed.stderr.splitlines()[-1].startswith("brandpulse: error: webhook: HTTP 302, not retried: check the")
    assert len(json.loads(state.read_text())["pending"]) == 2  # (kept for the next run, not remembered as sent)


def test_a_webhook_asking_to_wait_an_hour_is_not_waited_for(setup, httpserver):
    """A 429 with `Retry-After: 3600` was slept through, three times over: the alerts run (and its lock, which
    the next hourly run waits for) sat silent for 3 hours. Beyond 15 minutes, as `fetch`, it stops at once."""
    tmp_path, spike, _ = setup
    httpserver.expect_request("/hook", method="POST").respond_with_data("", status=429, headers={"Retry-After": "3600"})
    state = tmp_path / "state.json"
    run = brandpulse_process(
        "alerts", spike, "-c", str(tmp_path / "c.toml"), "--until", "2026-10-26", "--state", str(state),
        "--webhook", httpserver.url_for("/hook"),
    )  # fmt: skip
    try:
        out, err = run.communicate(timeout=90)
    finally:
        run.kill()
    assert (run.returncode, len(out.splitlines()), len(httpserver.log)) == (6, 1, 1)
    assert err.splitlines()[-1] == (
        "brandpulse: error: webhook: HTTP 429, and it asks to wait 1 hour before trying again (2 alerts kept: the"
        " next run with this webhook sends them, marked late)"
    )
    assert len(json.loads(state.read_text())["pending"]) == 2


def test_alerts_on_a_store_with_no_recent_posts_say_so(setup, spike_store):
    """A cron job whose ingest had stopped got "0 new alerts" every day, exit 0: the store held nothing to check, and
    nothing said so (`report` names the newest post). A warning names it, also with -q."""
    tmp_path, spike, _ = setup
    db = str(tmp_path / "h.duckdb")
    copy_store(spike_store, Path(db).parent)
    run = alerts(tmp_path, "--store", db, "--until", "2026-12-08", "-q")
    assert (run.exit_code, run.stdout) == (0, "")
    assert run.stderr == (
        "warning: no posts to check from 2026-12-01 00:00 UTC: the store's newest post is from 2026-10-25 09:45\n"
    )  # (the fixture's last post: Aerolux's tenth on its last day, 09:00 + 9 x 5 minutes)
    fresh = alerts(tmp_path, "--store", db, "--until", "2026-10-26")
    assert fresh.exit_code == 3 and "warning" not in fresh.stderr
    # days before the store's posts (a back-fill of the wrong month): said with their end, and the store's posts'
    # range (the newest alone did not show where they begin)
    before = alerts(tmp_path, "--store", db, "--until", "2026-09-20", "-q")
    assert (before.exit_code, before.stdout) == (0, "")
    assert before.stderr == (
        "warning: no posts to check from 2026-09-13 00:00 to 2026-09-20 00:00 UTC: the store's posts are from"
        " 2026-09-28 08:00 to 2026-10-25 09:45\n"
    )  # (the fixture's first post: Skyway's on its first day, 08:00)


def test_a_store_without_new_posts_is_warned_about_once_a_day_under_q(setup, spike_store):
    """An hourly cron job (`--bucket hour -q`) on a store whose ingest had stopped mailed the same "no posts to
    check" warning 24 times a day. With -q it is said once a day (the day of --until), again the next day, and again
    when the store's newest post changes; a run without -q (by hand) says it each time."""
    tmp_path, spike, _ = setup
    db = str(tmp_path / "h.duckdb")
    cfg = ["-c", str(tmp_path / "c.toml")]
    copy_store(spike_store, Path(db).parent)

    def hourly(until: str, *extra: str) -> str:
        run = alerts(tmp_path, "--store", db, "--bucket", "hour", "--until", until, "-q", *extra)
        assert (run.exit_code, run.stdout) == (0, ""), run.stderr
        return run.stderr

    said = "warning: no posts to check from {} UTC: the store's newest post is from {}\n"
    assert hourly("2026-12-08T05:00") == said.format("2026-12-07 05:00", "2026-10-25 09:45")
    assert hourly("2026-12-08T06:00") == ""
    assert hourly("2026-12-08T23:00") == ""
    assert hourly("2026-12-08T07:00", "--dry-run") == said.format("2026-12-07 07:00", "2026-10-25 09:45")
    by_hand = alerts(tmp_path, "--store", db, "--bucket", "hour", "--until", "2026-12-08T08:00")
    assert by_hand.stderr.startswith(said.format("2026-12-07 08:00", "2026-10-25 09:45")), by_hand.stderr
    assert hourly("2026-12-09T00:00") == said.format("2026-12-08 00:00", "2026-10-25 09:45")  # (the next day)
    assert hourly("2026-12-09T01:00") == ""
    # a post ingested since, still before the checked hours: the newest post changed, said again that day
    late = write_csv(tmp_path / "late.csv", [{**spike_csv_rows(spike=False)[0], "created_at": "2026-11-30T10:00:00Z"}])
    assert CliRunner().invoke(main, ["ingest", late, "--store", db, *cfg]).exit_code == 0
    assert hourly("2026-12-09T02:00") == said.format("2026-12-08 02:00", "2026-11-30 10:00")
    assert hourly("2026-12-09T03:00") == ""


def test_two_cron_jobs_on_one_store_each_get_the_stale_warning_once_a_day(setup, spike_store):
    """Two hourly `alerts -q` jobs on one store, each with its own config (or brands), shared the once-a-day "no posts
    to check" warning: the first to run said it and the other's user never heard that the store had gone stale. It is
    remembered per config file and brands: each job says it once that day."""
    tmp_path, spike, _ = setup
    db = str(tmp_path / "h.duckdb")
    (tmp_path / "d.toml").write_text(CONFIG_TOML.replace("[brands.Aerolux]", "[brands.Other]"))
    copy_store(spike_store, Path(db).parent)

    def hourly(until: str, *job: str) -> str:
        run = CliRunner().invoke(main, ["alerts", "--store", db, "--bucket", "hour", "--until", until, "-q", *job])
        assert (run.exit_code, run.stdout) == (0, ""), run.stderr
        return run.stderr

    said = "warning: no posts to check from 2026-12-07 {}:00 UTC: the store's newest post is from 2026-10-25 09:45\n"
    one, other = ["-c", str(tmp_path / "c.toml")], ["-c", str(tmp_path / "d.toml")]
    brand = [*one, "--brand", "Extra=extra"]  # (the same file, another brand: another job)
    assert hourly("2026-12-08T05:00", *one) == said.format("05")
    assert hourly("2026-12-08T05:00", *other) == said.format("05")
    assert hourly("2026-12-08T06:00", *brand) == said.format("06")
    for job in (one, other, brand):  # (each said it today)
        assert hourly("2026-12-08T07:00", *job) == ""


def test_a_stale_warning_given_today_stays_unsaid_while_a_reader_holds_the_store(setup, spike_store):
    """`alerts -q` asked for the store's write lock to look up whether it had warned today: while a reader held the
    store (a notebook, a long report), each hourly run waited --wait and then warned again, the warning it had given
    that day. The warning given is looked up as a reader; only a new one waits to be remembered."""
    tmp_path, spike, _ = setup
    db = str(tmp_path / "h.duckdb")
    copy_store(spike_store, Path(db).parent)
    args = ["--store", db, "--bucket", "hour", "-q", "--wait", "0.5", "--until"]
    first = alerts(tmp_path, *args, "2026-12-08T05:00")
    assert first.stderr == (
        "warning: no posts to check from 2026-12-07 05:00 UTC: the store's newest post is from 2026-10-25 09:45\n"
    )
    reader = TRY_LOCK.replace("duckdb.connect(sys.argv[1])", "duckdb.connect(sys.argv[1], read_only=True)")
    holder = subprocess.Popen(
        [sys.executable, "-c", reader, db], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        later = alerts(tmp_path, *args, "2026-12-08T06:00")
    finally:
        holder.kill()
        holder.wait()
    assert (later.exit_code, later.stdout, later.stderr) == (0, "", "")


def test_alerts_too_old_to_be_sent_late_are_not_said_to_be_kept(setup, httpserver):
    """A run checking days over 14 days back (a back-fill with --since) whose webhook failed said "2 alerts kept: the
    next run with this webhook sends them, marked late"; the next run dropped them unsent ("2 late alerts dropped")
    and exited 0. The error says they are not kept, and why."""
    tmp_path, spike, _ = setup
    state = ["--state", str(tmp_path / "state.json")]
    httpserver.expect_request("/hook", method="POST").respond_with_data("down", status=500)
    hook = ["--webhook", httpserver.url_for("/hook"), "--webhook-retries", "1"]
    back = ["--since", "2026-10-19", "--until", "2026-11-20"]
    failed = alerts(tmp_path, spike, *state, *back, *hook)
    assert (failed.exit_code, len(failed.stdout.splitlines())) == (6, 1), failed.stderr
    assert failed.stderr.splitlines()[-1] == (
        "brandpulse: error: webhook: HTTP 500 after 1 retry (2 alerts not kept: their spikes began before 2026-11-06"
        " 00:00 UTC, over 14 days before --until)"
    )
    httpserver.clear()
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    after = alerts(tmp_path, spike, *state, *back, *hook)  # (what "kept" promised: it sends nothing)
    assert (after.exit_code, after.stdout, len(httpserver.log)) == (0, "", 0)
    assert "2 late alerts dropped, not sent" in after.stderr


@pytest.mark.parametrize("mode", ["store", "state"])
def test_alerts_whose_webhook_failed_are_sent_late_by_the_next_run(setup, spike_store, httpserver, mode):
    """A weekly run whose webhook failed (exit 6) printed its alerts to the cron mail only and remembered none:
    the next week's run checked other days, and the webhook never had them. They are kept: the next run with
    a webhook sends them once, marked late, and does not print them again."""
    tmp_path, spike, _ = setup
    state = tmp_path / "state.json"
    if mode == "store":
        db = str(tmp_path / "h.duckdb")
        copy_store(spike_store, Path(db).parent)
        where = ["--store", db]
    else:
        where = [spike, "--state", str(state)]
    httpserver.expect_request("/hook", method="POST").respond_with_data("down", status=500)
    hook = ["--webhook", httpserver.url_for("/hook")]
    failed = alerts(tmp_path, *where, "--until", "2026-10-26", *hook, "--webhook-retries", "1")
    assert failed.exit_code == 6
    printed = failed.stdout.splitlines()
    assert [line.split(":")[1] for line in printed] == [" negative and volume spike on 2026-10-20"]
    assert failed.stderr.splitlines()[-1] == (  # (was "1 retries")
        "brandpulse: error: webhook: HTTP 500 after 1 retry (2 alerts kept: the next run with this webhook sends them,"
        " marked late)"
    )
    assert "127.0.0.1" not in failed.stderr
    assert len(httpserver.log) == 2
    if mode == "state":
        to = destination(httpserver.url_for("/hook"))  # (a hash: the URL is a secret)
        assert to.startswith("@webhook:") and "127.0.0.1" not in state.read_text()
        assert json.loads(state.read_text())["pending"] == {
            # (the day's negative and volume spikes, under the one line printed: posted late once)
            # (with the example post its bullet quotes, after a line break: a late bullet quotes it too)
            f"{to} negative_share:Skyway:day:2026-10-20T00:00Z": f"{printed[0]}\nSkyway lost my bag, awful service",
            f"{to} volume:Skyway:day:2026-10-20T00:00Z": f"{printed[0]}\nSkyway lost my bag, awful service",
        }
    by_hand = alerts(tmp_path, *where, "--until", "2026-11-02")  # without a webhook: left for a run with one
    assert (by_hand.exit_code, by_hand.stdout) == (0, "")
    httpserver.clear()
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    next_week = alerts(tmp_path, *where, "--until", "2026-11-02", *hook)  # checks 10-26..11-01: no alert of its own
    assert (next_week.exit_code, next_week.stdout) == (0, ""), next_week.stderr  # in last week's mail already
    assert "sent 2 alerts to the webhook (2 late, from an earlier run whose webhook failed)" in next_week.stderr
    late = ":hourglass: brandpulse: 2 late alerts, from an earlier run whose webhook failed"
    assert [request.get_json()["text"].splitlines() for request, _ in httpserver.log] == [
        [late, *[f"• {m}" for m in printed], '    e.g. "Skyway lost my bag, awful service"']
    ]
    again = alerts(tmp_path, *where, "--until", "2026-11-02", *hook)
    assert (again.exit_code, again.stdout, len(httpserver.log)) == (0, "", 1)  # sent once
    same_week = alerts(tmp_path, *where, "--until", "2026-10-26", *hook)
    assert (same_week.exit_code, same_week.stdout, len(httpserver.log)) == (0, "", 1)
    assert "0 new alerts, 2 already sent" in same_week.stderr
    if mode == "state":
        assert json.loads(state.read_text()) == {"sent": sorted(json.loads(state.read_text())["sent"])}


def test_a_resend_whose_webhook_fails_keeps_nothing_that_was_sent_before(setup, httpserver):
    """`--resend` posts alerts sent before: when its webhook fails they stay sent, not kept for the next run."""
    tmp_path, spike, _ = setup
    state = tmp_path / "state.json"
    args = ["--until", "2026-10-26", "--state", str(state), "--webhook", httpserver.url_for("/hook")]
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    assert alerts(tmp_path, spike, *args).exit_code == 3
    httpserver.clear()
    httpserver.expect_request("/hook", method="POST").respond_with_data("down", status=500)
    resent = alerts(tmp_path, spike, *args, "--resend", "--webhook-retries", "0")
    assert resent.exit_code == 6 and len(resent.stdout.splitlines()) == 1
    assert resent.stderr.splitlines()[-1] == ("brandpulse: error: webhook: HTTP 500, not retried (--webhook-retries 0)")
    assert "pending" not in json.loads(state.read_text())
    httpserver.clear()
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    assert alerts(tmp_path, spike, *args).exit_code == 0 and len(httpserver.log) == 0


def test_webhook_unreachable_is_bounded_and_named_by_host_and_port(setup):
    """A webhook that could not be reached said "could not deliver (ConnectionError)": not which host, nor why. It
    names the host and port and the system's reason, never the URL's path or query (a token)."""
    tmp_path, spike, _ = setup
    url = "http://127.0.0.1:9/services/T0/B0/s3cretpath?token=s3cretquery"  # (port 9, discard: nothing listens)
    result = alerts(
        tmp_path, spike, "--until", "2026-10-26", "--state", str(tmp_path / "s.json"), "--webhook", url,
        "--webhook-retries", "0", "--debug",
    )  # fmt: skip
    assert result.exit_code == 6
    assert result.stderr.splitlines()[-1] == (
        "brandpulse: error: webhook: could not deliver to 127.0.0.1:9 (Connection refused), not retried"
        " (--webhook-retries 0) (2 alerts kept: the next run with this webhook sends them, marked late)"
    )
    assert "s3cret" not in result.output and store.DEFAULT_PATH not in result.stderr


def test_a_webhook_that_stalls_is_named_by_host_and_port_without_its_secret():
    """A server that takes the connection and never answers (a read timeout) is named too, without the secret."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        url = f"http://127.0.0.1:{port}/hook/s3cretpath?token=s3cretquery"
        with pytest.raises(FetchError) as caught:
            post_webhook(url, {"text": "x"}, retries=0, timeout=(2, 0.5))  # (connected: queued by the kernel)
    assert str(caught.value) == (
        f"webhook: no answer from 127.0.0.1:{port} (timed out), not retried: it may have posted them, and a retry"
        " would post them twice"
    )


def test_a_slow_webhook_is_not_posted_to_twice(httpserver):
    """A webhook that took the alerts and answered after the read timeout was posted the same alerts again on each
    of the 3 retries: 4 copies on the channel, and a 5th, late, from the next run. A post sent and not answered is
    not retried now; the run fails (exit 6) saying it may have arrived, and keeps them for the next run, marked late
    (twice is the side to err on: never lost)."""
    slow, taken = threading.Event(), []

    def handler(request):
        taken.append(request.get_json())
        slow.wait(2)  # (past the read timeout below, until the test is done)
        return Response("ok")

    httpserver.expect_request("/hook", method="POST").respond_with_handler(handler)
    with pytest.raises(FetchError) as caught:
        post_webhook(httpserver.url_for("/hook"), {"text": "x"}, retries=3, backoff=0, timeout=(2, 0.5))
    assert str(caught.value) == (
        f"webhook: no answer from localhost:{httpserver.port} (timed out), not retried: it may have posted them, and a"
        " retry would post them twice"
    )
    slow.set()
    assert taken == [{"text": "x"}]  # (each retry arrived before the error: 4 of them)


def test_a_webhook_that_is_not_a_url_is_a_config_error_before_any_work(setup, monkeypatch):
    tmp_path, spike, _ = setup
    monkeypatch.setenv("BRANDPULSE_WEBHOOK", "hooks.slack.com/services/T0/B0/s3cret")  # the scheme left out
    state = tmp_path / "s.json"
    result = alerts(tmp_path, spike, "--until", "2026-10-26", "--state", str(state))
    assert result.exit_code == 5 and result.stdout == ""
    assert result.stderr == "brandpulse: error: --webhook (or $BRANDPULSE_WEBHOOK): not an http:// or https:// URL\n"
    assert not state.exists()  # nothing remembered as sent
    monkeypatch.setenv("BRANDPULSE_WEBHOOK", "https://127.0.0.1:99999/services/T0/B0/s3cret")  # a port typed wrong
    result = alerts(tmp_path, spike, "--until", "2026-10-26", "--state", str(state))
    assert (result.exit_code, result.stdout) == (5, "")  # (was exit 6 after printing: "after 3 retries (InvalidURL)")
    assert result.stderr == (
        "brandpulse: error: --webhook (or $BRANDPULSE_WEBHOOK): not a URL that can be read (its host or port)\n"
    )
    assert not state.exists()


def test_a_webhook_with_a_line_end_left_in_is_a_config_error_before_any_work(setup, monkeypatch, httpserver):
    """$BRANDPULSE_WEBHOOK read from a secrets file kept its line end: the alerts were printed, then posted to
    `/hook%0A`, which the webhook refused ("check the webhook's URL", where nothing shows), every run again."""
    tmp_path, spike, _ = setup
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    state = tmp_path / "state.json"
    for url in (httpserver.url_for("/hook") + "\n", httpserver.url_for("/hook") + " ", " " + httpserver.url_for("/h")):
        monkeypatch.setenv("BRANDPULSE_WEBHOOK", url)
        result = alerts(tmp_path, spike, "--until", "2026-10-26", "--state", str(state), "--webhook-retries", "0")
        assert (result.exit_code, result.stdout, len(httpserver.log)) == (5, "", 0), result.stderr
        assert result.stderr == (
            "brandpulse: error: --webhook (or $BRANDPULSE_WEBHOOK): holds a space or line break"
            " (a line end kept from the file it was read from?)\n"
        )
        assert not state.exists()


def test_an_empty_webhook_option_is_a_usage_error_before_any_work(setup, monkeypatch):
    """`--webhook "$SLACK_WEBHOOK"` with the variable not set (a crontab that lost it) checked the alerts, printed
    them, exit 3, and posted them nowhere, without a word; README shows such a line."""
    tmp_path, spike, _ = setup
    monkeypatch.delenv("BRANDPULSE_WEBHOOK", raising=False)
    state = tmp_path / "s.json"
    result = alerts(tmp_path, spike, "--until", "2026-10-26", "--state", str(state), "--webhook", "")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "brandpulse: error: --webhook is empty (a variable not set?): give the webhook's URL, or drop --webhook\n"
    )
    assert not state.exists()  # nothing remembered as sent (printed only)
    monkeypatch.setenv("BRANDPULSE_WEBHOOK", "")  # (an empty variable is no webhook: the alerts are printed)
    result = alerts(tmp_path, spike, "--until", "2026-10-26", "--state", str(state))
    assert result.exit_code == 3 and "Skyway" in result.stdout


SETPRIV = shutil.which("setpriv")
NO_WRITE = ["--inh-caps=-dac_override", "--bounding-set=-dac_override"]
NO_READ = ["--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]


def as_a_user(args: list[str], drop: list[str] | None = NO_WRITE) -> subprocess.CompletedProcess:
    """`brandpulse ARGS` in a process of its own; as root, without the capabilities `drop` names (root writes
    and reads any file: the modes a test sets would not count)."""
    prefix = [SETPRIV, *drop] if drop and os.geteuid() == 0 else []
    return subprocess.run(
        [*prefix, sys.executable, "-m", "brandpulse", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
        timeout=120,
    )


@pytest.mark.skipif(os.geteuid() == 0 and SETPRIV is None, reason="as root, needs setpriv to drop CAP_DAC_OVERRIDE")
def test_a_store_that_cannot_remember_sends_nothing(setup, spike_store, httpserver):
    """A read-only store folder: the alerts are neither sent nor printed, so a cron job does not
    send them again every hour; exit 7 says why."""
    tmp_path, spike, _ = setup
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "h.duckdb"
    copy_store(spike_store, Path(db).parent)
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    folder.chmod(0o555)  # DuckDB writes its log beside the file: nothing can be recorded
    args = ["alerts", "--store", str(db), "-c", str(tmp_path / "c.toml"), "--until", "2026-10-26"]
    try:
        result = as_a_user([*args, "--webhook", httpserver.url_for("/hook")])
    finally:
        folder.chmod(0o755)
    assert result.returncode == 7, result.stderr
    assert result.stderr.strip() == (
        f"brandpulse: error: cannot remember sent alerts in {db} (cannot create files in {folder}: Permission denied):"
        " none printed or sent"
    )
    assert result.stdout == "" and len(httpserver.log) == 0


@pytest.mark.skipif(os.geteuid() == 0 and SETPRIV is None, reason="as root, needs setpriv to drop CAP_DAC_OVERRIDE")
def test_late_alerts_a_user_cannot_remember_wait_for_one_who_can(setup, spike_store, httpserver):
    """Late alerts (another run's webhook failed) made every run of a user who cannot write the store, with a
    webhook set, exit 7 "cannot remember sent alerts", though it had no alert of its own. They are left pending,
    with a warning, for a run that can remember them; that run still sends them."""
    tmp_path, spike, _ = setup
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "h.duckdb"
    config = ["-c", str(tmp_path / "c.toml")]
    copy_store(spike_store, Path(db).parent)
    httpserver.expect_request("/hook", method="POST").respond_with_data("down", status=500)
    hook = ["--webhook", httpserver.url_for("/hook"), "--webhook-retries", "0"]
    assert alerts(tmp_path, "--store", str(db), "--until", "2026-10-26", *hook).exit_code == 6
    httpserver.clear()
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    folder.chmod(0o555)  # (DuckDB writes its log beside the file: nothing can be remembered)
    try:
        result = as_a_user(["alerts", "--store", str(db), *config, "--until", "2026-11-02", *hook])
    finally:
        folder.chmod(0o755)
    assert (result.returncode, result.stdout) == (0, ""), result.stderr
    assert f"warning: 2 late alerts not sent: cannot create files in {folder}: Permission denied" in result.stderr
    assert httpserver.log == []
    writer = alerts(tmp_path, "--store", str(db), "--until", "2026-11-02", *hook)
    assert writer.exit_code == 0, writer.stderr
    assert "(2 late, from an earlier run whose webhook failed)" in writer.stderr
    assert len(httpserver.log) == 1


@pytest.mark.skipif(os.geteuid() == 0 and SETPRIV is None, reason="as root, needs setpriv to drop CAP_DAC_OVERRIDE")
def test_the_stale_line_a_user_cannot_remember_waits_for_one_who_can(tmp_path, httpserver):
    """A user who cannot write the store: the --stale-after line posted would be posted again by each of their runs,
    never remembered. It is not posted, with a warning; the exit stays 4. A run that can remember it posts it."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n')
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "h.duckdb"
    store.ingest(db, hours_of_crisis([]))  # (the newest post at 2026-10-23 23:02)
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    args = ["alerts", "-c", str(tmp_path / "c.toml"), "--store", str(db), "--bucket", "hour", "--stale-after", "2"]
    args += ["--until", "2026-10-24T03:00Z", "--webhook", httpserver.url_for("/hook"), "-q"]
    line = (
        "no post in the 2 hours before 2026-10-24 03:00 UTC (--stale-after): the newest post is from 2026-10-23 23:02;"
        " is the fetch or ingest failing?"
    )
    folder.chmod(0o555)  # (DuckDB writes its log beside the file: nothing can be remembered)
    try:
        result = as_a_user(args)
    finally:
        folder.chmod(0o755)
    assert (result.returncode, result.stdout, httpserver.log) == (4, "", [])
    assert result.stderr == (
        f"warning: the --stale-after line not sent to the webhook: cannot create files in {folder}: Permission denied\n"
        f"brandpulse: error: {line}\n"
    )
    writer = CliRunner().invoke(main, args)
    assert (writer.exit_code, writer.stderr) == (4, f"brandpulse: error: {line}\n")
    assert [json.loads(request.get_data())["text"] for request, _ in httpserver.log] == [
        f":warning: brandpulse: {line}"
    ]


def test_since_not_before_until_is_an_error_not_a_quiet_run(setup):
    """`alerts --since` at or after `--until` checked no bucket and said "0 new alerts", exit 0, on every
    run (report refuses the same period); so did `queue --since` after `--now` ("0 posts to answer")."""
    tmp_path, spike, _ = setup
    state = str(tmp_path / "s.json")
    late = alerts(tmp_path, spike, "--since", "2026-10-27", "--until", "2026-10-26", "--state", state)
    assert late.exit_code == 5 and late.stdout == ""
    assert "brandpulse: error: --since 2026-10-27 00:00 is not before --until 2026-10-26 00:00" in late.stderr
    # a day bucket: --until is floored to its day, so the same day's later hour checks nothing either
    same_day = alerts(tmp_path, spike, "--since", "2026-10-20T05:00", "--until", "2026-10-20T10:00", "--state", state)
    assert same_day.exit_code == 5
    assert "--since 2026-10-20 05:00 is not before --until 2026-10-20 00:00" in same_day.stderr
    queue = CliRunner().invoke(
        main, ["queue", spike, "-c", str(tmp_path / "c.toml"), "--since", "2026-10-27", "--now", "2026-10-26"]
    )
    assert queue.exit_code == 5 and queue.stdout == ""
    assert "brandpulse: error: --since 2026-10-27 00:00 is not before --now 2026-10-26 00:00" in queue.stderr


def test_alert_messages_about_one_post_say_post():
    from brandpulse.report.spikes import Alert

    when = pd.Timestamp("2026-11-19", tz="UTC")
    share = Alert(
        "negative_share", "Tiny", "day", when, value=1.0, baseline=0.0, threshold=0.15, volume=1, negative=1, scored=1
    )
    assert (
        share.message
        == "Tiny: negative spike on 2026-11-19: 100% negative (1 of 1 post with a sentiment; usual 0%, alert above 15%)"
    )
    volume = Alert(
        "volume", "Tiny", "day", when, value=1.0, baseline=0.0, threshold=0.0, volume=1, negative=0, scored=1
    )
    assert volume.message == "Tiny: volume spike on 2026-11-19: 1 post (usual 0, alert above 0); 0 negative"


def test_an_alert_threshold_is_rounded_down_so_the_message_never_contradicts_itself():
    """A threshold of 28.97 read "29 posts (usual 14, alert above 29)"."""
    from brandpulse.report.spikes import Alert

    when = pd.Timestamp("2026-10-15", tz="UTC")
    volume = Alert("volume", "A", "day", when, value=29, baseline=14, threshold=28.97, volume=29, negative=0, scored=29)
    assert volume.message == "A: volume spike on 2026-10-15: 29 posts (usual 14, alert above 28.9); 0 negative"
    share = Alert("negative_share", "A", "day", when, 0.9, 0.4, 0.5515, volume=10, negative=9, scored=10)
    assert "usual 40%, alert above 55.1%)" in share.message
    assert share.to_dict()["start"] == "2026-10-15T00:00:00Z"  # (as the report writes times: was "+00:00")


def test_a_store_taken_while_the_webhook_is_sent_says_the_alerts_were_sent_and_not_remembered(
    setup, spike_store, monkeypatch
):
    """The store is free while the webhook is sent (see the test below). A writer that keeps it past --wait
    leaves the sent alerts not remembered: exit 7 says so, and the next run with a webhook sends them again,
    marked late."""
    tmp_path, spike, _ = setup
    db = str(tmp_path / "h.duckdb")
    copy_store(spike_store, Path(db).parent)
    holders = []

    def another_process_comes_in(url, payload, **kw):  # while the webhook is being sent
        holders.append(
            subprocess.Popen(
                [sys.executable, "-c", TRY_LOCK, db], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
            )
        )
        holders[-1].lock = holders[-1].stdout.readline().strip()

    monkeypatch.setattr("brandpulse.report.notify.post_webhook", another_process_comes_in)
    try:
        first = alerts(tmp_path, "--store", db, "--until", "2026-10-26", "--wait", "0.5", "--webhook", "http://h/")
    finally:
        for h in holders:
            h.kill()
            h.wait()
    assert [h.lock for h in holders] == ["locked"]
    assert first.exit_code == 7 and len(first.stdout.splitlines()) == 1
    assert first.stderr.splitlines()[-1].endswith(
        "waited 0.5s, try again or raise --wait (2 alerts sent and not remembered: the next run sends them again)"
    )
    by_hand = alerts(tmp_path, "--store", db, "--until", "2026-10-26")  # (new to it; they wait for the webhook)
    assert (by_hand.exit_code, by_hand.stdout) == (3, first.stdout)
    payloads = []
    monkeypatch.setattr("brandpulse.report.notify.post_webhook", lambda url, payload, **kw: payloads.append(payload))
    again = alerts(tmp_path, "--store", db, "--until", "2026-10-26", "--webhook", "http://h/")
    assert (again.exit_code, again.stdout) == (0, "")
    assert payloads == [
        {
            "text": "\n".join(
                [
                    ":hourglass: brandpulse: 2 late alerts, from an earlier run whose webhook failed",
                    *[f"• {m}" for m in first.stdout.splitlines()],
                    '    e.g. "Skyway lost my bag, awful service"',
                ]
            )
        }
    ]


def brandpulse_process(*args: str, patient: bool = False) -> subprocess.Popen:
    """`brandpulse ARGS` in a process of its own (its own DuckDB and OS locks), this checkout's code; `patient`: its
    webhook posts wait 180 s for an answer, not 15 (a webhook the test holds: under load, the 15 s ran out)."""
    run = "import brandpulse.report.notify as n, brandpulse.__main__ as m; n.TIMEOUT = 5, 180; m.main()"
    return subprocess.Popen(
        [sys.executable, *(["-c", run] if patient else ["-m", "brandpulse"]), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
    )


@pytest.fixture
def held_webhook(httpserver):
    """A webhook that takes each POST and answers it only once the test calls `release()`."""
    arrived, release = threading.Event(), threading.Event()

    def handler(request):
        arrived.set()
        release.wait(120)  # (bounded: a failing test does not hang the server)
        return Response("ok")

    httpserver.expect_request("/hook", method="POST").respond_with_handler(handler)
    yield httpserver.url_for("/hook"), arrived, release
    release.set()


@pytest.fixture
def held_alerts(setup, spike_store, held_webhook):
    """A store of the spike posts, and an alerts run (a process) whose webhook post is held:
    (tmp_path, spike, db, cfg, url, the run's arguments, the run, release)."""
    tmp_path, spike, _ = setup
    db, cfg = str(tmp_path / "h.duckdb"), str(tmp_path / "c.toml")
    copy_store(spike_store, Path(db).parent)
    url, arrived, release = held_webhook
    run = ["alerts", "--store", db, "-c", cfg, "--until", "2026-10-26", "--webhook", url]
    first = brandpulse_process(*run, patient=True)
    assert arrived.wait(120), first.communicate()
    yield tmp_path, spike, db, cfg, url, run, first, release
    if first.poll() is None:  # (a failed test: not left running)
        first.kill()
        first.communicate()


def gives_up(run: list[str], record) -> None:
    """An alerts run `run` with --wait 0.5, while another holds the lock of `record` (the store or --state file):
    it sends and prints nothing, and says which lock it waited for and how long (exit 7). In this process: the lock
    is held by another (flock is per open file, so it holds against this one as against any), and a start is 2 s."""
    impatient = CliRunner().invoke(main, [*run, "--wait", "0.5"])
    assert (impatient.exit_code, impatient.stdout) == (7, "")
    assert impatient.stderr.splitlines()[-1] == (
        f"brandpulse: error: {record}: another alerts run is sending alerts and has not remembered them yet"
        f" ({Path(record).name}.alerts.lock); waited 0.5s, try again or raise --wait"
    )


def test_an_ingest_is_not_kept_waiting_while_alerts_post_the_webhook(httpserver, held_alerts):
    """alerts held the store's write lock while it posted the webhook (a minute with retries, when the webhook
    is slow): an `ingest --wait 2` scheduled meanwhile exited 7, "store is busy". Alerts runs now take turns
    on a lock of their own, and the store is free while the webhook is sent."""
    tmp_path, _, db, cfg, url, run, first, release = held_alerts
    try:
        later = write_csv(tmp_path / "later.csv", [{**spike_csv_rows(False)[-1], "post_id": "later"}])
        ingest = CliRunner().invoke(main, ["ingest", later, "--store", db, "-c", cfg, "--wait", "0"])
        assert ingest.exit_code == 0, ingest.stderr
        assert "inserted 1, updated 0, unchanged 0" in ingest.stderr
        # another alerts run waits for this one, not the store: --wait 0.5 is too short, it sends nothing
        gives_up(run, db)
    finally:
        release.set()
        out, err = first.communicate(timeout=120)
    assert first.returncode == 3, err
    assert len(out.splitlines()) == 1 and "sent 2 alerts to the webhook" in err
    again = alerts(tmp_path, "--store", db, "--until", "2026-10-26", "--webhook", url)
    assert again.exit_code == 0 and "0 new alerts, 2 already sent" in again.stderr
    assert len(httpserver.log) == 1


def test_an_alerts_run_killed_while_sending_sends_again_next_time(httpserver, held_alerts):
    """Killed between sending and remembering, a run leaves its alerts pending: the next run sends them again,
    marked late (twice is the side to err on: never lost), also a week later when its window has moved on
    (they were lost), and the killed run's lock went with it."""
    tmp_path, _, db, _, url, _, first, release = held_alerts
    first.kill()
    first.communicate()
    release.set()
    next_week = alerts(tmp_path, "--store", db, "--until", "2026-11-02", "--webhook", url, "--wait", "0")
    assert (next_week.exit_code, next_week.stdout) == (0, ""), next_week.stderr
    assert "sent 2 alerts to the webhook (2 late, from an earlier run whose webhook failed)" in next_week.stderr
    assert len(httpserver.log) == 2
    sent, late = (request.get_json()["text"].splitlines() for request, _ in httpserver.log)
    assert (
        sent[0] == ":rotating_light: brandpulse: 2 alerts" and sent[2] == '    e.g. "Skyway lost my bag, awful service"'
    )
    # (late: the line kept for the pair, with its example post)
    assert late == [":hourglass: brandpulse: 2 late alerts, from an earlier run whose webhook failed", *sent[1:]]
    again = alerts(tmp_path, "--store", db, "--until", "2026-11-02", "--webhook", url)
    assert (again.exit_code, len(httpserver.log)) == (0, 2)


def test_the_alerts_lock_is_one_per_file_however_it_is_named(tmp_path):
    """Runs naming the store or state file through a symlink or another folder take turns on one lock; one that
    waited past its time says what for."""
    (tmp_path / "real").mkdir()
    state = tmp_path / "real" / "s.json"
    (tmp_path / "link.json").symlink_to(state)
    with sending(state, 0):
        with pytest.raises(StoreError) as busy, sending(tmp_path / "link.json", 0.2):
            pass
        assert str(busy.value) == (
            f"{tmp_path / 'link.json'}: another alerts run is sending alerts and has not remembered them yet"
            " (s.json.alerts.lock); waited 0.2s, try again or raise --wait"
        )
    with sending(tmp_path / "link.json", 0):  # (let go)
        pass
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["s.json.alerts.lock"]


def waiting_for(process: subprocess.Popen, lock: Path) -> bool:
    """Whether `process` has `lock` open (it waits for it) before it ends."""
    fds = Path(f"/proc/{process.pid}/fd")
    while process.poll() is None:
        with contextlib.suppress(OSError):  # (a descriptor closed while listed)
            if any(fd.resolve() == lock for fd in fds.iterdir()):
                return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see what a process waits for")
def test_two_alerts_runs_on_one_state_file_keep_both_runs_alerts(setup, held_webhook):
    """Two alerts runs from FILES with one --state file at once each wrote what it had read plus its own
    alerts: the run that wrote last dropped the other's, which were sent again by the next run."""
    tmp_path, spike, _ = setup
    cfg = str(tmp_path / "c.toml")
    state = tmp_path / "state.json"
    week = pd.Timedelta(days=7)
    shifted = [
        {**r, "post_id": f"w{r['post_id']}", "created_at": (T(r["created_at"]) + week).isoformat()}
        for r in spike_csv_rows(True)
    ]
    later = write_csv(tmp_path / "later.csv", shifted)  # the same spike a week later: other alerts
    url, arrived, release = held_webhook
    first = brandpulse_process(
        "alerts", spike, "-c", cfg, "--until", "2026-10-26", "--state", str(state), "--webhook", url, patient=True
    )
    try:
        assert arrived.wait(120), first.communicate()
        second = brandpulse_process("alerts", later, "-c", cfg, "--until", "2026-11-02", "--state", str(state))
        waited = waiting_for(second, tmp_path / "state.json.alerts.lock")
    finally:
        release.set()
    out, err = first.communicate(timeout=120)
    assert first.returncode == 3, err
    out, err = second.communicate(timeout=120)
    assert second.returncode == 3, err
    to = destination(url)
    assert [k for k in json.loads(state.read_text())["sent"] if "^" not in k] == [  # (beside their levels)
        "@stdout negative_share:Skyway:day:2026-10-27T00:00Z",
        "@stdout volume:Skyway:day:2026-10-27T00:00Z",
        f"{to} negative_share:Skyway:day:2026-10-20T00:00Z",
        f"{to} volume:Skyway:day:2026-10-20T00:00Z",
    ]
    assert waited  # (the second run took its turn after the first)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see what a process waits for")
def test_alerts_from_files_wait_for_another_run_on_their_state_file_as_long_as_wait_says(setup, held_webhook):
    """`alerts FILES --state s.json --wait 300` was a usage error (--wait was for the store only), so a run
    from files gave up on another run still sending after 10 s, whatever it was told. --wait now bounds that
    wait with FILES too: 0.5 s is too short, 300 s waits the first run out and finds its alerts sent."""
    tmp_path, spike, _ = setup
    state = tmp_path / "s.json"
    url, arrived, release = held_webhook
    run = ["alerts", spike, "-c", str(tmp_path / "c.toml"), "--until", "2026-10-26", "--state", str(state)]
    run += ["--webhook", url]  # (without one, a run finds the alerts printed, pending for a webhook: no wait)
    first = brandpulse_process(*run, patient=True)
    try:
        assert arrived.wait(120), first.communicate()
        gives_up(run, state)
        patient = brandpulse_process(*run, "--wait", "300")
        waited = waiting_for(patient, tmp_path / "s.json.alerts.lock")
    finally:
        release.set()
    out, err = first.communicate(timeout=120)
    assert first.returncode == 3, err
    out, err = patient.communicate(timeout=120)
    assert (patient.returncode, out) == (0, ""), err  # sent once, by the first run
    assert "0 new alerts, 2 already sent" in err
    assert waited


def test_an_alerts_run_that_waited_for_another_sends_only_what_that_one_did_not(setup, spike_store, monkeypatch):
    """Two alerts runs at once (an hourly job and a manual run) both found the alerts new and both sent them.
    The second finds them remembered once it has the store, and sends nothing."""
    tmp_path, spike, _ = setup
    db = str(tmp_path / "h.duckdb")
    copy_store(spike_store, Path(db).parent)
    assert alerts(tmp_path, "--store", db, "--until", "2026-10-26").exit_code == 3  # the other run, done first
    checks = []
    real = store.sent_alerts

    def before_the_other_run_remembered(con, keys, dest):  # this run checked before the other one marked them
        checks.append(keys)
        return set() if len(checks) == 1 else real(con, keys, dest)

    monkeypatch.setattr(store, "sent_alerts", before_the_other_run_remembered)
    second = alerts(tmp_path, "--store", db, "--until", "2026-10-26")
    assert len(checks) == 2
    assert (second.exit_code, second.stdout) == (0, "")
    assert "0 new alerts, 2 already sent" in second.stderr


@pytest.mark.parametrize("kind", ["unreadable", "dangling link"])
def test_a_lock_this_user_cannot_open_is_a_one_line_store_error(setup, spike_store, httpserver, kind):
    """Another user's lock file, made with umask 077, could not be opened: "...alerts.lock: Permission denied
    (run with --debug for the traceback)", exit 1, said nothing of what to do. Exit 7 names the lock and
    says it; nothing is printed or sent. (Root reads any file: as root, without setpriv to drop that, only a
    link to a file in a missing folder, which no user can open, is tried.)"""
    if kind == "unreadable" and os.geteuid() == 0 and SETPRIV is None:
        pytest.skip("as root, needs setpriv to drop the capabilities that read any file")
    tmp_path, spike, _ = setup
    db = tmp_path / "h.duckdb"
    copy_store(spike_store, Path(db).parent)
    lock = tmp_path / "h.duckdb.alerts.lock"
    if kind == "dangling link":
        lock.symlink_to(tmp_path / "gone" / "lock")
    else:
        lock.touch(0o000)
        lock.chmod(0o000)
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    args = ["alerts", "--store", str(db), "-c", str(tmp_path / "c.toml"), "--until", "2026-10-26"]
    args += ["--webhook", httpserver.url_for("/hook")]
    if kind == "unreadable":  # (a process: setpriv drops root's reading of any file)
        result = as_a_user(args, NO_READ)
        code = result.returncode
    else:  # (a link no user can open: this process, as any other, cannot)
        result = CliRunner().invoke(main, args)
        code = result.exit_code
    why = "Permission denied" if kind == "unreadable" else "No such file or directory"
    assert (code, result.stdout, len(httpserver.log)) == (7, "", 0), result.stderr
    assert result.stderr == (
        f"brandpulse: error: {lock}: cannot open the lock alerts runs take turns on ({why}): make it readable by"
        " every user who runs alerts (chmod 644), or delete it while no alerts run is running; none printed or sent\n"
    )


def test_the_alerts_lock_is_readable_by_other_users_whatever_the_umask(tmp_path):
    """A cron job under umask 077 made the lock 0600: another user's alerts runs on the same store then could not
    open it. flock needs only a read: the lock is made 0644."""
    state = tmp_path / "s.json"
    umask = os.umask(0o077)
    try:
        with sending(state, 0):
            pass
    finally:
        os.umask(umask)
    assert (tmp_path / "s.json.alerts.lock").stat().st_mode & 0o777 == 0o644


def test_a_lock_on_a_disk_that_refuses_chmod_is_taken(tmp_path, monkeypatch):
    """A folder on a disk whose files take no mode (vfat, some network mounts: chmod is "Operation not permitted")
    made the first run that created the lock stop with exit 7, "cannot open the lock"; the next run, finding the
    lock there, went on. Its mode is set where the disk allows it; the lock is taken all the same."""

    def refused(fd, mode):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "fchmod", refused)
    state = tmp_path / "s.json"
    with sending(state, 0):
        taken = True
    assert taken and (tmp_path / "s.json.alerts.lock").exists()


@pytest.mark.parametrize("mode", ["store", "state"])
def test_a_resend_by_hand_without_a_webhook_leaves_late_alerts_pending(setup, spike_store, httpserver, mode):
    """Alerts whose webhook failed wait for the next run with a webhook. `--resend` by hand, without a webhook,
    printed them again and marked them sent: the webhook never had them."""
    tmp_path, spike, _ = setup
    if mode == "store":
        db = str(tmp_path / "h.duckdb")
        copy_store(spike_store, Path(db).parent)
        where = ["--store", db, "--until", "2026-10-26"]
    else:
        where = [spike, "--state", str(tmp_path / "state.json"), "--until", "2026-10-26"]
    httpserver.expect_request("/hook", method="POST").respond_with_data("down", status=500)
    hook = ["--webhook", httpserver.url_for("/hook")]
    failed = alerts(tmp_path, *where, *hook, "--webhook-retries", "0")
    assert failed.exit_code == 6 and len(failed.stdout.splitlines()) == 1
    by_hand = alerts(tmp_path, *where, "--resend")
    assert (by_hand.exit_code, by_hand.stdout) == (3, failed.stdout)
    httpserver.clear()
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    later = alerts(tmp_path, *where, *hook)
    assert later.exit_code == 0, later.stderr
    assert "sent 2 alerts to the webhook (2 late, from an earlier run whose webhook failed)" in later.stderr
    # (the header, and the day's negative and volume spikes as the one line printed)
    assert [request.get_json()["text"].splitlines()[1:] for request, _ in httpserver.log] == [
        [f"• {failed.stdout.strip()}", '    e.g. "Skyway lost my bag, awful service"']
    ]


def where_remembered(setup, spike_store, mode: str) -> list[str]:
    """The spike in a store (`--store`), or read from its file with a `--state` file."""
    tmp_path, spike, _ = setup
    if mode == "state":
        return [spike, "--state", str(tmp_path / "state.json")]
    db = str(tmp_path / "h.duckdb")
    copy_store(spike_store, Path(db).parent)
    return ["--store", db]


def texts(httpserver, path: str) -> list[list[str]]:
    return [request.get_json()["text"].splitlines() for request, _ in httpserver.log if request.path == path]


@pytest.mark.parametrize("mode", ["store", "state"])
def test_a_webhooks_late_alerts_go_to_it_not_to_another_jobs_webhook(setup, spike_store, httpserver, mode):
    """Two cron jobs with their own webhooks on one store: the late alerts of one whose webhook failed were
    sent by the other job's run, to the other webhook (a team that never had them), and never to their own."""
    tmp_path = setup[0]
    where = where_remembered(setup, spike_store, mode)
    httpserver.expect_request("/a", method="POST").respond_with_data("down", status=500)
    httpserver.expect_request("/b", method="POST").respond_with_data("ok")
    a, b = ["--webhook", httpserver.url_for("/a")], ["--webhook", httpserver.url_for("/b")]
    failed = alerts(tmp_path, *where, "--until", "2026-10-26", *a, "--webhook-retries", "0")
    assert failed.exit_code == 6 and len(failed.stdout.splitlines()) == 1
    # job B's own run the same week: the alerts are new to its webhook, sent as such
    job_b = alerts(tmp_path, *where, "--until", "2026-10-26", *b)
    assert (job_b.exit_code, job_b.stdout) == (3, failed.stdout), job_b.stderr
    assert texts(httpserver, "/b") == [
        [
            ":rotating_light: brandpulse: 2 alerts",
            *[f"• {m}" for m in job_b.stdout.splitlines()],
            '    e.g. "Skyway lost my bag, awful service"',  # (the negative spike's posts all say it)
        ]
    ]
    next_b = alerts(tmp_path, *where, "--until", "2026-11-02", *b)  # a week on: A's late alerts are not B's
    assert (next_b.exit_code, next_b.stdout) == (0, "") and len(texts(httpserver, "/b")) == 1, next_b.stderr
    httpserver.clear()
    httpserver.expect_request("/a", method="POST").respond_with_data("ok")
    next_a = alerts(tmp_path, *where, "--until", "2026-11-02", *a)
    assert next_a.exit_code == 0 and "sent 2 alerts to the webhook (2 late" in next_a.stderr
    assert texts(httpserver, "/a") == [
        [
            ":hourglass: brandpulse: 2 late alerts, from an earlier run whose webhook failed",
            *[f"• {m}" for m in failed.stdout.splitlines()],
            '    e.g. "Skyway lost my bag, awful service"',
        ]
    ]
    if mode == "state":  # (the webhooks' URLs are secrets: only a hash of each is remembered)
        assert "127.0.0.1" not in (tmp_path / "state.json").read_text()
    else:
        with store.open_store(where[1], read_only=True) as con:
            assert "127.0.0.1" not in str(con.execute("SELECT * FROM alerts_sent").fetchall())


@pytest.mark.parametrize("mode", ["store", "state"])
def test_a_run_by_hand_without_a_webhook_leaves_the_alerts_to_the_cron_jobs_webhook(
    setup, spike_store, httpserver, mode
):
    """`brandpulse alerts` by hand, to look, marked the alerts as sent: the cron job's run with a webhook found
    nothing new, and the webhook never had them. A run without a webhook remembers what it printed for runs
    without one (a second run by hand, or a cron job mailing its output, does not print them again)."""
    tmp_path = setup[0]
    where = [*where_remembered(setup, spike_store, mode), "--until", "2026-10-26"]
    by_hand = alerts(tmp_path, *where)
    assert by_hand.exit_code == 3 and len(by_hand.stdout.splitlines()) == 1
    again = alerts(tmp_path, *where)
    assert (again.exit_code, again.stdout) == (0, "") and "0 new alerts, 2 already sent" in again.stderr
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    hook = ["--webhook", httpserver.url_for("/hook")]
    cron = alerts(tmp_path, *where, *hook)
    assert (cron.exit_code, cron.stdout) == (3, by_hand.stdout), cron.stderr
    assert texts(httpserver, "/hook") == [
        [
            ":rotating_light: brandpulse: 2 alerts",
            *[f"• {m}" for m in cron.stdout.splitlines()],
            '    e.g. "Skyway lost my bag, awful service"',  # (the negative spike's posts all say it)
        ]
    ]
    assert alerts(tmp_path, *where, *hook).exit_code == 0 and len(httpserver.log) == 1


@pytest.mark.parametrize("mode", ["store", "state"])
def test_alerts_remembered_before_stop_32_are_not_sent_again(setup, spike_store, httpserver, mode):
    """Alerts remembered before each webhook had its own (stop 31) were sent or printed once for all: after the
    upgrade no webhook gets them as new; one pending then goes to the next run with a webhook, once."""
    tmp_path = setup[0]
    where = [*where_remembered(setup, spike_store, mode), "--until", "2026-10-26"]
    volume, negative = "volume:Skyway:day:2026-10-20T00:00Z", "negative_share:Skyway:day:2026-10-20T00:00Z"
    if mode == "state":
        (tmp_path / "state.json").write_text(json.dumps({"sent": [negative, volume], "pending": {volume: "V!"}}))
    else:
        with store.open_store(where[1]) as con:
            con.execute("INSERT INTO alerts_sent VALUES (?, now(), 'N'), (?, NULL, 'V!')", [negative, volume])
    httpserver.expect_request("/a", method="POST").respond_with_data("ok")
    httpserver.expect_request("/b", method="POST").respond_with_data("ok")
    first = alerts(tmp_path, *where, "--webhook", httpserver.url_for("/a"))
    assert (first.exit_code, first.stdout) == (0, ""), first.stderr
    assert "0 new alerts, 2 already sent" in first.stderr
    assert texts(httpserver, "/a") == [
        [":hourglass: brandpulse: 1 late alert, from an earlier run whose webhook failed", "• V!"]
    ]
    other = alerts(tmp_path, *where, "--webhook", httpserver.url_for("/b"))
    assert (other.exit_code, other.stdout, len(httpserver.log)) == (0, "", 1), other.stderr


def failed_week(setup, spike_store, httpserver, mode: str, *, mended: bool = True) -> tuple[Path, list[str], list[str]]:
    """(tmp_path, where the alerts are remembered, the webhook options) after a run with `--until 2026-10-26` whose
    webhook failed, its 2 alerts of 2026-10-20 left pending; with `mended`, the webhook answers again."""
    tmp_path = setup[0]
    where = where_remembered(setup, spike_store, mode)
    httpserver.expect_request("/hook", method="POST").respond_with_data("down", status=500)
    hook = ["--webhook", httpserver.url_for("/hook"), "--webhook-retries", "0"]
    assert alerts(tmp_path, *where, "--until", "2026-10-26", *hook).exit_code == 6
    if mended:
        httpserver.clear()
        httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    return tmp_path, where, hook


def stale(mode: str, since: str) -> str:
    """The warning of a run from the store whose checked days come after the fixture's last post (no ingest since)."""
    newest = "2026-10-25 09:45"  # (the fixture's last post: Aerolux's tenth on its last day, 09:00 + 9 x 5 minutes)
    return f"warning: no posts to check from {since} 00:00 UTC: the store's newest post is from {newest}\n" * (
        mode == "store"
    )


@pytest.mark.parametrize("mode", ["store", "state"])
def test_late_alerts_over_two_weeks_old_are_dropped(setup, spike_store, httpserver, mode):
    """A webhook broken for weeks: its alerts, printed long ago, were sent "late" whenever it worked again. A late
    alert is sent while its spike began at most 14 days before --until (the next weekly run after the failed one
    sends them); an older one is dropped, with a warning, also under -q."""
    tmp_path, where, hook = failed_week(setup, spike_store, httpserver, mode)
    # the spikes began 2026-10-20 00:00: 15 days before 11-04, so not sent
    dropped = alerts(tmp_path, *where, "--until", "2026-11-04", *hook, "-q")
    assert (dropped.exit_code, dropped.stdout, len(httpserver.log)) == (0, "", 0), dropped.stderr
    assert dropped.stderr == stale(mode, "2026-10-28") + (
        "warning: 2 late alerts dropped, not sent: their spikes began before 2026-10-21 00:00 UTC,"
        " over 14 days before --until\n"
    )
    # dropped for good: a later run within 14 days of them does not send them either
    later = alerts(tmp_path, *where, "--until", "2026-11-03", *hook)
    assert (later.exit_code, later.stdout, len(httpserver.log)) == (0, "", 0), later.stderr
    assert "dropped" not in later.stderr


@pytest.mark.parametrize("mode", ["store", "state"])
def test_late_alerts_dropped_by_a_run_without_until_say_ago(setup, spike_store, httpserver, mode):
    """A cron run (no --until) dropping late alerts said they began "over 14 days before --until", an option it was
    not given. It says "over 14 days ago", counted from today."""
    tmp_path, where, hook = failed_week(setup, spike_store, httpserver, mode)  # the 2 alerts of 2026-10-20 pending
    today = pd.Timestamp.now(tz="UTC").floor("D")
    dropped = alerts(tmp_path, *where, *hook, "-q")
    assert (dropped.exit_code, dropped.stdout, len(httpserver.log)) == (0, "", 0), dropped.stderr
    assert dropped.stderr.splitlines()[-1] == (
        f"warning: 2 late alerts dropped, not sent: their spikes began before {today - pd.Timedelta(days=14):%Y-%m-%d}"
        " 00:00 UTC, over 14 days ago"
    )
    assert "--until" not in dropped.stderr


@pytest.mark.parametrize("mode", ["store", "state"])
def test_late_alerts_dropped_are_dropped_once_though_the_webhook_still_fails(setup, spike_store, httpserver, mode):
    """Dropped late alerts were remembered only after the webhook took the new ones: while it kept failing, every
    run said "12 late alerts dropped" again."""
    tmp_path, where, hook = failed_week(
        setup, spike_store, httpserver, mode, mended=False
    )  # the 2 day alerts of 10-20 pending
    # hour alerts of 10-20 .. 10-25 are new to this run (its webhook fails too); the day alerts are over 14 days old
    # (Skyway's hours of 10-20 are those of its day alerts, printed, in any zone's day: Aerolux's 10:00 is new; each
    # against the 48 hours before: against the same hour of the days before, the daily 08:00 is no spike)
    hours = [*where, "--bucket", "hour", "--since", "2026-10-20", "--until", "2026-11-04", "--tz", "Europe/London"]
    hours += ["--window", "48", *hook]
    first = alerts(tmp_path, *hours)
    assert first.exit_code == 6 and "warning: 2 late alerts dropped" in first.stderr, first.stderr
    of_20th = sum(" on 2026-10-20 " in line for line in first.stdout.splitlines())
    assert 0 < of_20th < len(first.stdout.splitlines())
    second = alerts(tmp_path, *hours)  # the hour alerts of 10-20 pending and as old: dropped; the day ones not again
    assert second.exit_code == 6 and f"warning: {counted(of_20th, 'late alert')} dropped" in second.stderr
    third = alerts(tmp_path, *hours)  # (those of 10-21 .. 10-25 still wait for the webhook)
    assert third.exit_code == 6 and "alerts dropped" not in third.stderr, third.stderr


@pytest.mark.parametrize("mode", ["store", "state"])
def test_late_alerts_of_14_days_before_until_are_still_sent(setup, spike_store, httpserver, mode):
    tmp_path, where, hook = failed_week(setup, spike_store, httpserver, mode)
    sent = alerts(tmp_path, *where, "--until", "2026-11-03", *hook)  # 10-20 00:00 is 14 days before 11-03
    assert sent.exit_code == 0 and "sent 2 alerts to the webhook (2 late" in sent.stderr
    assert "dropped" not in sent.stderr and len(httpserver.log) == 1


@pytest.mark.parametrize("mode", ["store", "state"])
def test_a_dry_run_with_a_webhook_shows_what_that_webhook_would_get(setup, spike_store, httpserver, mode):
    """`--dry-run --webhook URL` looked at what runs without a webhook had printed: after a run by hand it said
    "0 new alerts, 2 already sent", though the cron job's run with that webhook then sent both."""
    tmp_path = setup[0]
    where = [*where_remembered(setup, spike_store, mode), "--until", "2026-10-26"]
    by_hand = alerts(tmp_path, *where)
    assert by_hand.exit_code == 3 and len(by_hand.stdout.splitlines()) == 1
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    hook = ["--webhook", httpserver.url_for("/hook")]
    tried = alerts(tmp_path, *where, *hook, "--dry-run")
    assert (tried.exit_code, tried.stdout) == (3, by_hand.stdout), tried.stderr
    assert tried.stderr.endswith("2 new alerts; dry run: none sent or remembered\n") and len(httpserver.log) == 0
    cron = alerts(tmp_path, *where, *hook)
    assert (cron.exit_code, cron.stdout, len(httpserver.log)) == (3, by_hand.stdout, 1), cron.stderr
    # once the webhook has them, its dry run finds them sent
    again = alerts(tmp_path, *where, *hook, "--dry-run")
    assert (again.exit_code, again.stdout) == (0, "") and "0 new alerts, 2 already sent" in again.stderr


def test_late_alerts_of_the_failed_weeks_first_day_are_sent_across_a_clock_change(setup, httpserver):
    """In Berlin the clocks go back on 2026-10-25: the week after a failed run of 2026-10-26 (its days 10-19..25)
    is 14 days and one hour long back to 10-19 00:00, so the alert of 10-19 was dropped as "over 14 days before
    --until", where the next weekly run after a failed one sends them. The 14 days are days of the zone's clock."""
    tmp_path, _, quiet = setup
    state = tmp_path / "state.json"
    hook = httpserver.url_for("/hook")
    first_day = f"{destination(hook)} volume:Skyway:day:2026-10-18T22:00Z"  # 10-19 00:00 in Berlin (UTC+2)
    before = f"{destination(hook)} volume:Skyway:day:2026-10-17T22:00Z"  # 10-18: over 14 days before, dropped
    state.write_text(json.dumps({"sent": [], "pending": {first_day: "10-19!", before: "10-18!"}}))
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    args = ["--state", str(state), "--until", "2026-11-02", "--tz", "Europe/Berlin", "--webhook", hook]
    later = alerts(tmp_path, quiet, *args)
    assert later.exit_code == 0, later.stderr
    assert "warning: 1 late alert dropped, not sent: their spikes began before 2026-10-19 00:00" in later.stderr
    assert texts(httpserver, "/hook") == [
        [":hourglass: brandpulse: 1 late alert, from an earlier run whose webhook failed", "• 10-19!"]
    ]


def remembered(where: list[str]) -> dict[str, str | None]:
    """The keys remembered in the store or --state file of `where`, each with its message if pending, else None."""
    if where[0] == "--store":
        with store.open_store(where[1], read_only=True) as con:
            rows = con.execute("SELECT alert_key, CASE WHEN sent_at IS NULL THEN message END FROM alerts_sent")
            return dict(rows.fetchall())
    data = json.loads(Path(where[where.index("--state") + 1]).read_text())
    return {k: data.get("pending", {}).get(k) for k in data["sent"]}


@pytest.mark.parametrize("mode", ["store", "state"])
def test_a_named_webhook_whose_url_is_rotated_neither_resends_nor_loses_alerts(setup, spike_store, httpserver, mode):
    """A Slack URL rotated (a leaked token) was a new destination: every alert of the window went to it again, and
    those pending for the old URL were never sent. With `--webhook-name`, the name keys them, not the URL."""
    tmp_path = setup[0]
    where = where_remembered(setup, spike_store, mode)
    httpserver.expect_request("/old", method="POST").respond_with_data("down", status=500)
    httpserver.expect_request("/new", method="POST").respond_with_data("ok")
    old, new = (["--webhook", httpserver.url_for(p), "--webhook-name", "ops"] for p in ("/old", "/new"))
    failed = alerts(tmp_path, *where, "--until", "2026-10-26", *old, "--webhook-retries", "0")
    assert failed.exit_code == 6 and len(failed.stdout.splitlines()) == 1, failed.stderr
    assert set(remembered(where)) == {
        "@webhook=ops negative_share:Skyway:day:2026-10-20T00:00Z",
        "@webhook=ops volume:Skyway:day:2026-10-20T00:00Z",
    }
    same_week = alerts(tmp_path, *where, "--until", "2026-10-26", *new)  # the new URL: nothing new, 2 late
    assert (same_week.exit_code, same_week.stdout) == (0, ""), same_week.stderr
    assert "0 new alerts, 2 already sent" in same_week.stderr
    assert texts(httpserver, "/new") == [
        [
            ":hourglass: brandpulse: 2 late alerts, from an earlier run whose webhook failed",
            *[f"• {m}" for m in failed.stdout.splitlines()],
            '    e.g. "Skyway lost my bag, awful service"',
        ]
    ]
    again = alerts(tmp_path, *where, "--until", "2026-10-26", *new)
    assert (again.exit_code, again.stdout, len(texts(httpserver, "/new"))) == (0, "", 1), again.stderr
    # the name is another destination than the URL alone: its run without the name gets them as new
    unnamed = alerts(tmp_path, *where, "--until", "2026-10-26", "--webhook", httpserver.url_for("/new"))
    assert (unnamed.exit_code, unnamed.stdout) == (3, failed.stdout), unnamed.stderr


@pytest.mark.parametrize("mode", ["store", "state"])
def test_a_webhook_named_takes_over_what_its_url_had(setup, spike_store, httpserver, mode):
    """A cron job of stop 32 whose URL is to be rotated: a run with the old URL and the name takes over the URL's
    sent and pending alerts, so the new URL under the same name then neither resends nor loses them."""
    tmp_path = setup[0]
    where = where_remembered(setup, spike_store, mode)
    httpserver.expect_request("/old", method="POST").respond_with_data("ok")
    httpserver.expect_request("/new", method="POST").respond_with_data("ok")
    url = httpserver.url_for("/old")
    assert alerts(tmp_path, *where, "--until", "2026-10-26", "--webhook", url).exit_code == 3
    pending = f"{destination(url)} volume:Skyway:day:2026-10-25T00:00Z"  # one its webhook did not get
    if mode == "store":
        with store.open_store(where[1]) as con:
            con.execute("INSERT INTO alerts_sent VALUES (?, NULL, 'V!')", [pending])
    else:
        state = tmp_path / "state.json"
        state.write_text(json.dumps({**json.loads(state.read_text()), "pending": {pending: "V!"}}))
    # a dry run changes nothing, but already sees the URL's alerts as the name's
    named = ["--webhook", url, "--webhook-name", "ops"]
    tried = alerts(tmp_path, *where, "--until", "2026-10-26", *named, "--dry-run")
    assert (tried.exit_code, tried.stdout) == (0, "") and "0 new alerts, 2 already sent" in tried.stderr
    assert all(k.startswith(f"{destination(url)} ") for k in remembered(where))
    # a week without alerts of its own: the late one sent to the old URL, the URL's record now the name's
    took_over = alerts(tmp_path, *where, "--until", "2026-11-02", *named, "-q")
    assert (took_over.exit_code, took_over.stdout, took_over.stderr) == (0, "", stale(mode, "2026-10-26"))
    assert texts(httpserver, "/old")[1] == [
        ":hourglass: brandpulse: 1 late alert, from an earlier run whose webhook failed",
        "• V!",
    ]
    assert remembered(where) == {  # (those sent stay the URL's too: a job on it without the name sends none again)
        "@webhook=ops negative_share:Skyway:day:2026-10-20T00:00Z": None,
        "@webhook=ops volume:Skyway:day:2026-10-20T00:00Z": None,
        "@webhook=ops volume:Skyway:day:2026-10-25T00:00Z": None,
        f"{destination(url)} negative_share:Skyway:day:2026-10-20T00:00Z": None,
        f"{destination(url)} volume:Skyway:day:2026-10-20T00:00Z": None,
    } | {  # (and the levels of those sent, which an escalation doubles)
        f"{to} {kind}:Skyway:day:2026-10-20T00:00Z^{level}": None
        for to in ("@webhook=ops", destination(url))
        for kind, level in (("negative_share", 48), ("volume", 60))
    }
    rotated = ["--webhook", httpserver.url_for("/new"), "--webhook-name", "ops"]
    for until in ("2026-10-26", "2026-11-02"):
        later = alerts(tmp_path, *where, "--until", until, *rotated)
        assert (later.exit_code, later.stdout) == (0, ""), later.stderr
    assert texts(httpserver, "/new") == []


def test_a_webhook_name_is_one_word_and_names_a_webhook(setup, monkeypatch):
    tmp_path, spike, _ = setup
    state = ["--state", str(tmp_path / "s.json"), "--until", "2026-10-26"]
    spaced = alerts(tmp_path, spike, *state, "--webhook", "http://127.0.0.1:9/h", "--webhook-name", "ops team")
    assert (spaced.exit_code, spaced.stdout) == (2, "")
    assert spaced.stderr.endswith("--webhook-name 'ops team': letters, digits, '.', '_' and '-' only (up to 64)\n")
    alone = alerts(tmp_path, spike, *state, "--webhook-name", "ops")
    assert (alone.exit_code, alone.stdout) == (2, "")
    assert alone.stderr.endswith("--webhook-name names a webhook: give --webhook URL (or $BRANDPULSE_WEBHOOK)\n")
    assert not (tmp_path / "s.json").exists()
    # set in the environment beside no webhook (a run by hand in the cron job's shell): a run without one
    monkeypatch.setenv("BRANDPULSE_WEBHOOK_NAME", "ops")
    by_hand = alerts(tmp_path, spike, *state)
    assert by_hand.exit_code == 3, by_hand.stderr
    assert all(k.startswith("@stdout ") for k in json.loads((tmp_path / "s.json").read_text())["sent"])


@pytest.mark.parametrize("mode", ["store", "state"])
def test_late_alerts_of_a_webhook_no_run_uses_are_dropped_after_14_days(setup, spike_store, httpserver, mode):
    """The late alerts of a webhook no run uses any more (a job removed, or a URL rotated) stayed pending in the
    store or --state file for ever. Over 14 days after their spikes began, any run drops them, with a warning."""
    tmp_path, where, hook = failed_week(setup, spike_store, httpserver, mode, mended=False)  # 2 alerts of 10-20 pending
    pending = remembered(where)
    assert len(pending) == 2 and all(pending.values())  # (both pending: a message each)
    within = alerts(tmp_path, *where, "--until", "2026-11-03")  # a run without a webhook, 14 days after
    assert (within.exit_code, within.stdout) == (0, ""), within.stderr
    assert "dropped" not in within.stderr and remembered(where) == pending
    after = alerts(tmp_path, *where, "--until", "2026-11-04", "-q")
    assert (after.exit_code, after.stdout) == (0, ""), after.stderr
    assert after.stderr == stale(mode, "2026-10-28") + (
        "warning: 2 late alerts of other webhooks dropped, not sent (no run with their webhook sent them): their"
        " spikes began before 2026-10-21 00:00 UTC, over 14 days before --until\n"
    )
    assert len(remembered(where)) == 2 and not any(remembered(where).values())  # done with: sent to none
    if mode == "state":
        assert "pending" not in json.loads((tmp_path / "state.json").read_text())
    # once: the webhook's own run, mended, neither gets them nor hears of them again
    httpserver.clear()
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    later = alerts(tmp_path, *where, "--until", "2026-11-04", *hook)
    assert (later.exit_code, later.stdout, later.stderr.count("dropped")) == (0, "", 0), later.stderr
    assert len(httpserver.log) == 0


@pytest.mark.parametrize("mode", ["store", "state"])
def test_a_named_webhooks_takeover_leaves_another_job_on_its_url_its_sent_alerts(setup, spike_store, httpserver, mode):
    """Two cron jobs posting to one URL, one of them given `--webhook-name` first: the named one's takeover moved
    the URL's sent alerts to the name, so the other job (no name yet) sent every alert of its window again, on
    every run after each takeover. The name copies what was sent; the URL keeps it."""
    tmp_path = setup[0]
    where = where_remembered(setup, spike_store, mode)
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    url = httpserver.url_for("/hook")
    first = alerts(tmp_path, *where, "--until", "2026-10-26", "--webhook", url)
    assert (first.exit_code, len(first.stdout.splitlines())) == (3, 1), first.stderr
    for _ in range(2):  # the named job, then the other job, twice over
        named = alerts(tmp_path, *where, "--until", "2026-10-26", "--webhook", url, "--webhook-name", "ops")
        assert (named.exit_code, named.stdout) == (0, ""), named.stderr
        other = alerts(tmp_path, *where, "--until", "2026-10-26", "--webhook", url)
        assert (other.exit_code, other.stdout) == (0, ""), other.stderr
    assert len(texts(httpserver, "/hook")) == 1  # the first run's, only
    keys = {k.split(" ", 1)[1] for k in remembered(where)}
    assert set(remembered(where)) == {f"{d} {k}" for d in ("@webhook=ops", destination(url)) for k in keys}
    assert not any(remembered(where).values())  # (none pending)


@pytest.mark.parametrize("mode", ["store", "state"])
def test_a_run_by_hand_until_a_later_date_drops_no_late_alert_a_webhook_still_sends(setup, spike_store, mode):
    """A run by hand checking up to a date to come (`--until` the month's end) dropped the late alerts of every
    webhook whose spikes began over 14 days before that date: yesterday's, which the cron job's next run sends. Late
    alerts are old by today's date then, not by a date to come."""
    tmp_path = setup[0]
    where = where_remembered(setup, spike_store, mode)
    today = pd.Timestamp.now(tz="UTC").normalize()
    pending = f"@webhook:0123456789abcdef volume:Skyway:day:{today - pd.Timedelta(days=1):%Y-%m-%dT%H:%M}Z"
    if mode == "store":
        with store.open_store(where[1]) as con:
            con.execute("INSERT INTO alerts_sent VALUES (?, NULL, 'V!')", [pending])
    else:
        (tmp_path / "state.json").write_text(json.dumps({"sent": [pending], "pending": {pending: "V!"}}))
    since, until = (f"{today + pd.Timedelta(days=d):%Y-%m-%d}" for d in (-7, 30))
    by_hand = alerts(tmp_path, *where, "--since", since, "--until", until)
    assert (by_hand.exit_code, by_hand.stdout) == (0, ""), by_hand.stderr
    assert "dropped" not in by_hand.stderr and remembered(where) == {pending: "V!"}


def test_a_webhook_name_in_the_environment_of_a_run_without_a_webhook_is_ignored_whatever_it_is(setup, monkeypatch):
    """$BRANDPULSE_WEBHOOK_NAME set beside no webhook is not used (docs/store.md), but one the cron job's would refuse
    stopped a run by hand with exit 2 all the same."""
    tmp_path, spike, _ = setup
    monkeypatch.setenv("BRANDPULSE_WEBHOOK_NAME", "ops team")
    by_hand = alerts(tmp_path, spike, "--state", str(tmp_path / "s.json"), "--until", "2026-10-26")
    assert (by_hand.exit_code, len(by_hand.stdout.splitlines())) == (3, 1), by_hand.stderr
    assert all(k.startswith("@stdout ") for k in json.loads((tmp_path / "s.json").read_text())["sent"])
    # beside a webhook it names, it is checked
    hooked = alerts(tmp_path, spike, "--state", str(tmp_path / "s.json"), "--webhook", "http://127.0.0.1:9/h")
    assert (hooked.exit_code, hooked.stdout) == (2, "")
    assert hooked.stderr.endswith("--webhook-name 'ops team': letters, digits, '.', '_' and '-' only (up to 64)\n")


def test_an_alert_rounds_its_figures_as_the_report_does():
    """A negative share of 1 in 16 (6.25 %) said "6.2% negative" (Python's format takes the even digit) where the
    report's tables say 6.3; a threshold is still rounded down."""
    from brandpulse.report.spikes import Alert

    start = pd.Timestamp("2026-11-15", tz="UTC")
    alert = Alert("negative_share", "A", "day", start, 0.0625, 0.0125, 0.0125 + 0.0625, 16, 1, 16)
    # by hand: 6.25 -> 6.3, 1.25 -> 1.3, 7.5 stays 7.5 (down)
    assert alert.message == (
        "A: negative spike on 2026-11-15: 6.3% negative (1 of 16 posts with a sentiment; usual 1.3%, alert above 7.5%)"
    )
    volume = Alert("volume", "A", "day", start, 16, 4.25, 12.96, 16, 1, 16)
    assert volume.message == "A: volume spike on 2026-11-15: 16 posts (usual 4.3, alert above 12.9); 1 negative"


def test_a_sigterm_while_alerts_are_remembered_lets_them_all_be_remembered(tmp_path):
    """`mark_alerts_sent` committed each alert on its own: a SIGTERM between two (sent here by the run itself after
    the first, as a real signal to the CLI's real handler) left the others unremembered, and the next run sent them
    again. They are remembered together, and the signal ends the run after."""
    db = tmp_path / "h.duckdb"
    child = f"""if True:
        import os, signal
        from brandpulse import store
        from brandpulse.cli import _terminate_handler
        from brandpulse.errors import Terminated
        signal.signal(signal.SIGTERM, _terminate_handler(os.getpid()))
        run_sql = store._run

        def after_first(con, sql, params=None):
            result = run_sql(con, sql, params)
            if sql.startswith("INSERT INTO alerts_sent") and params[0].endswith("k1"):
                os.kill(os.getpid(), signal.SIGTERM)  # (its handler runs as this line ends)
            return result

        store._run = after_first
        try:
            with store.open_store({str(db)!r}) as con:
                store.mark_alerts_sent(con, {{"k1": "one", "k2": "two", "k3": "three"}}, "print")
        except Terminated:
            print("terminated")
    """
    env = {"PYTHONPATH": str(Path(__file__).parent.parent), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", child], env=env, capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (0, "terminated\n"), done.stderr
    with store.open_store(db, read_only=True) as con:
        rows = con.execute("SELECT alert_key, message FROM alerts_sent ORDER BY alert_key").fetchall()
    assert rows == [("print k1", "one"), ("print k2", "two"), ("print k3", "three")]


def growing_outage(tmp_path) -> str:
    """Raw posts (analyzed by TextBlob): Skyway 3 an hour (1 negative) from 2026-10-12 to 10-20 14:00, and an outage
    that grows: 30 posts an hour (25 negative) at 06:00 to 08:00, 60 (50) at 09:00 and 10:00, 70 (58) at 11:00, 120
    (100) at 12:00 and 13:00."""
    outage = {6: (30, 25), 7: (30, 25), 8: (30, 25), 9: (60, 50), 10: (60, 50), 11: (70, 58), 12: (120, 100)}
    outage[13] = outage[12]
    rows, n = [], 0
    for hour in pd.date_range("2026-10-12", "2026-10-20T14:00", freq="h", tz="UTC", inclusive="left"):
        count, negative = outage.get(hour.hour, (3, 1)) if hour.day == 20 else (3, 1)
        for i in range(count):
            n += 1
            text = "Skyway lost my bag, awful service" if i < negative else "Skyway flight today"
            when = (hour + pd.Timedelta(seconds=20 * i)).strftime("%Y-%m-%dT%H:%M:%SZ")
            rows.append({"post_id": str(n), "platform": "twitter", "created_at": when, "author": f"u{n}", "text": text})
    return write_csv(tmp_path / "outage.csv", rows)


@pytest.mark.parametrize("mode", ["store", "state"])
def test_a_spike_that_doubles_after_it_was_sent_is_sent_again_as_an_escalation(tmp_path, httpserver, mode):
    """An outage sent at its first hour (30 posts, 25 negative) grew to 60 (50 negative) and to 120 (100), and the
    hourly job said nothing more: a spike going on was never sent again. It is sent again, as an escalation, when its
    posts (its negative posts, for a negative spike) are at least twice those of the alert last sent for it; once for
    each doubling: 70 posts after 60 are not one, 120 are, and a rerun sends nothing."""
    (tmp_path / "c.toml").write_text(CONFIG_TOML)
    raw = growing_outage(tmp_path)
    if mode == "store":
        db = str(tmp_path / "h.duckdb")
        assert CliRunner().invoke(main, ["ingest", raw, "--store", db, "-c", str(tmp_path / "c.toml")]).exit_code == 0
        where = ["--store", db]
    else:
        where = [raw, "--state", str(tmp_path / "state.json")]
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    hook = [*where, "--bucket", "hour", "--webhook", httpserver.url_for("/hook")]
    runs = {}
    for until in ("07", "09", "10", "12", "13", "13", "14"):  # (each checks the 24 hours before)
        run = alerts(tmp_path, *hook, "--until", f"2026-10-20T{until}:00Z")
        runs.setdefault(until, []).append((run.exit_code, run.stderr.splitlines()[-1].split(": ", 1)[1]))
    assert runs == {
        "07": [(3, "2 new alerts")],
        "09": [(0, "0 new alerts, 2 already sent, 4 going on from one already sent")],
        "10": [(3, "2 new alerts (2 an escalation), 6 already sent")],
        "12": [(0, "0 new alerts, 8 already sent, 4 going on from one already sent")],
        "13": [(3, "2 new alerts (2 an escalation), 12 already sent"), (0, "0 new alerts, 14 already sent")],
        "14": [(0, "0 new alerts, 14 already sent, 2 going on from one already sent")],
    }
    # (by hand: the 3 posts of each hour before, 1 negative: usual 3, alert above 3 + 4 x 1.732 = 9.93, and 33.3 %,
    # alert above 48.3 %; 60 posts are twice the 30 sent, 50 negative twice the 25; then 120 twice 60, 100 twice 50)
    neg = "negative spike on 2026-10-20 {}:00 UTC: 83.3% negative ({} of {} posts with a sentiment; usual 33.3%, alert"
    neg += " above 48.3%)"
    vol = "{} posts (usual 3, alert above 9.9)"
    # (each hour's negative and volume spikes, both escalations or neither: a bullet, each part with its own figures)
    bag = '    e.g. "Skyway lost my bag, awful service"'  # (under each: its negative posts all say it)
    assert texts(httpserver, "/hook") == [
        [
            ":rotating_light: brandpulse: 2 alerts",
            f"• Skyway: {neg.format('06', 25, 30).replace('negative', 'negative and volume', 1)}; {vol.format(30)}",
            bag,
        ],
        [
            ":rotating_light: brandpulse: 2 alerts",
            f"• Skyway: escalation: {neg.format('09', 50, 60).replace('negative', 'negative and volume', 1)}; 2 times"
            f" the 25 negative posts of the alert already sent; {vol.format(60)}; 2 times the 30 posts of the alert"
            " already sent",
            bag,
        ],
        [
            ":rotating_light: brandpulse: 2 alerts",
            f"• Skyway: escalation: {neg.format('12', 100, 120).replace('negative', 'negative and volume', 1)}; 2"
            f" times the 50 negative posts of the alert already sent; {vol.format(120)}; 2 times the 60 posts of the"
            " alert already sent",
            bag,
        ],
    ]
    # -f jsonl says which alert is an escalation, and of what level (runs without a webhook: their own record)
    assert alerts(tmp_path, *where, "--bucket", "hour", "--until", "2026-10-20T07:00Z").exit_code == 3
    shown = alerts(tmp_path, *where, "--bucket", "hour", "--until", "2026-10-20T10:00Z", "-f", "jsonl", "--dry-run")
    got = [(a["kind"], a["start"], a["escalated_from"]) for a in map(json.loads, shown.stdout.splitlines())]
    assert got == [("negative_share", "2026-10-20T09:00:00Z", 25), ("volume", "2026-10-20T09:00:00Z", 30)]


def test_an_escalation_printed_by_a_job_without_a_webhook_is_printed_once(tmp_path):
    """An hourly job without a webhook (its alerts printed, mailed by cron) printed an hour's spike at 30 posts (25
    negative); its posts reached 60 (50 negative) with an export stored later, still within the 24 hours a run
    checks. The escalation was printed, and then again by every run after it (exit 3 each hour, for a day): the level
    it was printed at was remembered only beside an alert newly remembered, and an escalation of an alert's own hour
    remembers no alert. It is printed once."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\n')
    db = tmp_path / "h.duckdb"
    store.ingest(db, hours_of_crisis([("2026-10-20T06:00Z", 1)], "2026-10-22"))
    hour = ["--store", str(db), "--bucket", "hour"]
    first = alerts(tmp_path, *hour, "--until", "2026-10-20T12:00Z")
    assert first.exit_code == 3 and first.stdout.count("\n") == 1, first.stderr
    more = [post(f"more{i}", T("2026-10-20T06:40Z"), "A", "negative" if i < 25 else "neutral") for i in range(30)]
    store.ingest(db, enriched(more))
    runs = [alerts(tmp_path, *hour, "--until", f"2026-10-20T{until}:00Z") for until in ("13", "14", "15")]
    # (by hand: 30 posts and 25 negative, twice: 60 and 50, twice the 30 and 25 printed)
    assert [line[:57] for line in runs[0].stdout.splitlines()] == [
        "A: escalation: negative and volume spike on 2026-10-20 06"
    ]
    assert [(r.exit_code, r.stdout, r.stderr.splitlines()[-1].split(": ", 1)[1]) for r in runs[1:]] == [
        (0, "", "0 new alerts, 2 already sent")
    ] * 2


def test_a_weekend_hour_is_compared_with_the_weekend_before():
    """A: 3 posts an hour, and 30 at 10:00 on Saturdays and Sundays (a cinema's matinee), from Saturday 2026-10-10.
    A weekend 10:00 was compared with the 10:00s of all the 7 days before, 5 of them weekdays of 3 posts: a volume
    spike, "usual 3", every Saturday and Sunday. It is compared with the weekend before now (30 and 30: usual);
    a weekday with the weekdays, so a Wednesday 10:00 of 30 posts is still a spike, and so is a Saturday 14:00."""
    spikes = {T("2026-10-21T10:00Z"), T("2026-10-24T14:00Z")}

    def posts(since: str) -> pd.DataFrame:
        rows, n = [], 0
        for hour in pd.date_range(since, "2026-10-26", freq="h", tz="UTC", inclusive="left"):
            count = 30 if (hour.day_of_week >= 5 and hour.hour == 10) or hour in spikes else 3
            for i in range(count):
                n += 1
                rows.append(post(n, hour + pd.Timedelta(minutes=i), "A", "neutral"))
        return enriched(rows)

    def found(df: pd.DataFrame) -> list[tuple[str, float]]:
        alerts = detect_spikes(df, T("2026-10-21T00:00Z"), T("2026-10-26T00:00Z"), bucket="hour", config=config())
        return [(a.when, a.baseline) for a in alerts]

    # (by hand: the 10:00s of the 5 weekdays before Wednesday, and the 14:00s of the weekend before, had 3 posts:
    # median 3, MAD 0, alert above 3 + 4 x 1.732 = 9.93; the 10:00s of the weekend before a weekend day had 30)
    assert found(posts("2026-10-10")) == [("2026-10-21 10:00 UTC", 3), ("2026-10-24 14:00 UTC", 3)]
    # from Sunday 10-18: one weekend day before Saturday 10-24 is history, too few; its 10:00 is compared with the
    # 10:00s of the 6 days there are, as before (3, 3, 30, 3, 3, 30: usual 3), a spike; Sunday's has two (10-24 and
    # 10-18: 30 and 30, usual)
    assert found(posts("2026-10-18")) == [
        ("2026-10-21 10:00 UTC", 3),
        ("2026-10-24 10:00 UTC", 3),
        ("2026-10-24 14:00 UTC", 3),
    ]


def test_a_storms_hour_is_not_said_over_against_the_share_of_two_posts():
    """A utility's storm from Saturday 12-05 01:00: 1 post an hour before it (every third negative), then 40 an hour,
    80 % negative, and 46 at 08:00, 56.5 %. Saturday 08:00 was compared with the weekend's 08:00s before, one post each
    (1 of 1 and 0 of 1 negative): "usual 50%", and `--over` said the negative spike "over: 56.5% negative at 08:00" in
    the storm's eighth hour. An hour's share is compared with the same hours only when they hold `--min-volume` posts
    with a sentiment; the 08:00s of the 7 days before hold 7, so it is compared with the 168 hours before. Those are
    of a post each, so their usual share is the share of their posts (a third), not the median of 0 % and 100 %
    shares ("usual 0%", as of a brand that is never negative); 08:00 is too few posts to tell at 56.5 % (its Wilson
    bound under the alert line, its share over it), and the spike goes on."""
    storm = T("2026-12-05T01:00Z")
    rows, n = [], 0
    for hour in pd.date_range(T("2026-11-26T00:00Z"), storm, freq="h", inclusive="left"):
        n += 1
        negative = hour == T("2026-11-28T08:00Z") or (hour != T("2026-11-29T08:00Z") and n % 3 == 0)
        rows.append(post(n, hour, "A", "negative" if negative else "neutral"))
    for hour, count, negative in [(storm + pd.Timedelta(hours=h), 40, 32) for h in range(7)] + [
        (T("2026-12-05T08:00Z"), 46, 26)
    ]:
        for i in range(count):
            n += 1
            rows.append(post(n, hour + pd.Timedelta(minutes=i), "A", "negative" if i < negative else "neutral"))
    alerts, over = detect_spikes_and_ends(
        enriched(rows), storm, T("2026-12-05T09:00Z"), bucket="hour", config=config(), ends=True
    )
    assert [o for o in over if o.kind == "negative_share"] == []
    share = [a for a in alerts if a.kind == "negative_share"]
    assert [a.start.hour for a in share] == list(range(1, 8))
    before = [r for r in rows if storm - pd.Timedelta(hours=168) <= r["created_at"] < storm]
    third = sum(r["sentiment_label"] == "negative" for r in before) / len(before)  # (56 of 168, by hand)
    assert len(before) == 168 and 0.3 < third < 0.37 and share[0].baseline == pytest.approx(third)
    assert share[-1].start == T("2026-12-05T07:00Z") and share[-1].previous == T("2026-12-05T06:00Z")


def stored_a_day_late(tmp_path, httpserver) -> tuple[Path, list[str]]:
    """A store of a crisis on 10-22, its hourly job's run up to 10-21 12:00 (0 new alerts), then an export stored a
    day late: 27 posts of 10-20 06:30, 24 negative (with the 3 posts stored before, 1 negative: 30, 25 negative).
    Returns the store and the job's options."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\n')
    db = tmp_path / "h.duckdb"
    store.ingest(db, hours_of_crisis([], "2026-10-22"))
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    hook = ["--store", str(db), "--bucket", "hour", "--webhook", httpserver.url_for("/hook")]
    first = alerts(tmp_path, *hook, "--until", "2026-10-21T12:00Z")
    assert (first.exit_code, first.stderr.splitlines()[-1].split(": ", 1)[1]) == (0, "0 new alerts")
    late = enriched(
        [post(f"late{i}", T("2026-10-20T06:30Z"), "A", "negative" if i < 24 else "neutral") for i in range(27)]
    )
    store.ingest(db, late)
    return db, hook


def sends_the_late_spike(tmp_path, hook: list[str]) -> None:
    """The hourly job's next run (up to 10-21 13:00): it checks the hour of the posts stored late and sends its spikes;
    by hand, the 06:00s of the 7 days before had 3 posts, 1 negative (as in the hourly job's test above)."""
    run = alerts(tmp_path, *hook, "--until", "2026-10-21T13:00Z")
    assert run.exit_code == 3, run.stderr
    assert run.stderr.splitlines()[-1] == (
        "checked 2026-10-20 13:00 .. 2026-10-21 13:00 UTC per hour and 1 hour before, of posts stored since the last"
        " run: 2 new alerts"
    )
    assert run.stdout.splitlines() == [  # (the hour's negative and volume spikes: a line)
        "A: negative and volume spike on 2026-10-20 06:00 UTC: 83.3% negative (25 of 30 posts with a sentiment; usual"
        " 33.3%, alert above 48.3%); 30 posts (usual 3, alert above 9.9)"
    ]


def test_posts_stored_a_day_late_are_checked_in_their_own_hour(tmp_path, httpserver):
    """An export that came a day late: 30 posts (25 negative) of 10-20 06:00 stored after the hourly job had checked
    the 24 hours holding that hour for the last time. No run checked that hour again: the spike was never sent. A run
    checks again the hours of the posts stored since the job's last run (at most 14 days back) and sends it; the next
    run, and a first run (nothing stored since a last one), check the 24 hours alone."""
    db, hook = stored_a_day_late(tmp_path, httpserver)
    shown = alerts(tmp_path, *hook, "--until", "2026-10-21T13:00Z", "--dry-run")  # (a dry run changes nothing)
    assert shown.exit_code == 3 and shown.stdout.count("\n") == 1
    sends_the_late_spike(tmp_path, hook)
    assert len(httpserver.log) == 1
    after = alerts(tmp_path, *hook, "--until", "2026-10-21T14:00Z")
    assert after.exit_code == 0 and after.stderr.splitlines()[-1] == (
        "checked 2026-10-20 14:00 .. 2026-10-21 14:00 UTC per hour: 0 new alerts"
    )


def test_posts_stored_while_a_run_reads_the_store_are_checked_by_the_next(tmp_path, httpserver, monkeypatch):
    """The export of the test above stored while the hourly job was reading the store: after it read the posts, before
    it read when the newest post was stored (which it remembers for the next run). The next run took the export for
    seen, and its hour was never checked. When the newest post was stored is read before the posts now: the next run
    checks that hour and sends the spike."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\n')
    db = tmp_path / "h.duckdb"
    store.ingest(db, hours_of_crisis([], "2026-10-22"))
    late = enriched(
        [post(f"late{i}", T("2026-10-20T06:30Z"), "A", "negative" if i < 24 else "neutral") for i in range(27)]
    )
    read = store.load_posts

    def read_then_ingest(*args, **kwargs):  # (the ingest of another cron job, landing just after the posts are read)
        posts = read(*args, **kwargs)
        if not store.load_posts.done:
            store.load_posts.done = True
            store.ingest(db, late)
        return posts

    read_then_ingest.done = False
    monkeypatch.setattr(store, "load_posts", read_then_ingest)
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    hook = ["--store", str(db), "--bucket", "hour", "--webhook", httpserver.url_for("/hook")]
    first = alerts(tmp_path, *hook, "--until", "2026-10-21T12:00Z")
    assert (first.exit_code, first.stderr.splitlines()[-1].split(": ", 1)[1]) == (0, "0 new alerts")
    assert read_then_ingest.done
    run = alerts(tmp_path, *hook, "--until", "2026-10-21T13:00Z")
    assert run.exit_code == 3, run.stderr
    assert run.stdout.splitlines() == [  # (the hour's negative and volume spikes: a line)
        "A: negative and volume spike on 2026-10-20 06:00 UTC: 83.3% negative (25 of 30 posts with a sentiment; usual"
        " 33.3%, alert above 48.3%); 30 posts (usual 3, alert above 9.9)"
    ]


def test_a_daily_and_an_hourly_job_on_other_zones_send_a_crisis_once(tmp_path, httpserver):
    """The outage of the test above, from 08:00 to 20:00 UTC on 10-20, with the jobs on other clocks. A daily job on
    New York's (`--tz America/New_York`: 10-20 is 04:00 to 04:00 UTC) sends the day's alerts, and an hourly job on
    UTC's after it posted the outage's first hour again: an hour was matched with its day on its own zone's clock
    alone. An hourly job on Kolkata's clock (+05:30: its hours begin at half past UTC's) sends its negative spike at
    13:00 (07:30 UTC), and a daily job on UTC's posted it again: a day was matched with its hours on the hour alone.
    An hour is in a day, and a day holds an hour, on any zone's clock: neither is sent again."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\n')
    db = tmp_path / "h.duckdb"
    store.ingest(db, days_and_nights([("2026-10-20T08:00Z", "2026-10-20T20:00Z")], busy=(20, 17)))
    for path in ("/hook", "/other"):
        httpserver.expect_request(path, method="POST").respond_with_data("ok")
    daily = ["--store", str(db), "--until", "2026-10-21", "--webhook"]
    hourly = ["--store", str(db), "--bucket", "hour", "--webhook"]
    new_york = alerts(tmp_path, *daily, httpserver.url_for("/hook"), "--tz", "America/New_York")
    assert new_york.exit_code == 3 and new_york.stdout.count("\n") == 1, new_york.stderr
    utc = alerts(tmp_path, *hourly, httpserver.url_for("/hook"), "--until", "2026-10-21T06:00Z")
    assert (utc.exit_code, utc.stdout) == (0, ""), utc.stdout
    assert utc.stderr.splitlines()[-1].endswith(
        ": 0 new alerts, 11 going on from one already sent, 1 already sent per day (for the same day)"
    )
    kolkata = alerts(
        tmp_path, *hourly, httpserver.url_for("/other"), "--until", "2026-10-20T08:30Z", "--tz", "Asia/Kolkata"
    )
    assert kolkata.exit_code == 3 and kolkata.stdout.startswith("A: negative spike on 2026-10-20 13:00 Asia/Kolkata: ")
    day = alerts(tmp_path, *daily, httpserver.url_for("/other"))
    assert day.exit_code == 3, day.stderr
    assert day.stdout.startswith("A: volume spike on 2026-10-20: ") and day.stdout.count("\n") == 1
    assert day.stderr.splitlines()[-1].endswith(": 1 new alert, 1 already sent per hour (in the same day)")
    # (each a header, a bullet and its example post; New York's bullet a pair)
    assert [len(r.get_json()["text"].splitlines()) for r, _ in httpserver.log] == [3, 3, 3]


def test_the_level_of_an_alert_of_a_brand_with_a_caret_is_found(tmp_path):
    """The level an escalation is measured against is remembered as `KEY^LEVEL`; the store read the key before the
    first ^, so a brand named with one ("R^2 Labs") never found its level: no escalation, ever. The key is what
    comes before the last ^ and its digits; a brand's ^ is its own."""
    from brandpulse.cli.alerts import remember
    from brandpulse.report.notify import destinations

    db = tmp_path / "h.duckdb"
    store.ingest(db, enriched([post("p1", T("2026-10-20T06:30Z"), "A", "negative")]))
    dest = destinations(None)
    keys = ["volume:R^2 Labs:hour:2026-10-20T06:00Z", "volume:A:hour:2026-10-20T06:00Z"]
    remember(db, None, {k: "sent" for k in keys}, dest, 5.0, levels=dict(zip(keys, (30, 12), strict=True)))
    remember(db, None, {}, dest, 5.0, levels={keys[0]: 60})  # (an escalation of its own hour: the higher)
    with store.open_store(db, read_only=True) as con:
        assert store.alert_levels(con, keys, dest) == {keys[0]: 60, keys[1]: 12}


def test_a_run_by_hand_over_past_hours_leaves_the_cron_jobs_late_posts_to_it(tmp_path, httpserver):
    """The export of the test above stored a day late, then a run by hand with the hourly job's config, bucket and
    webhook looking at a past day (`--since 2026-10-15 --until 2026-10-16`) before the job's next run: it moved the
    job's mark of the posts already checked on, and the job's next run took the export for checked, its spike never
    sent. A run whose hours end before those of the job's last run leaves the mark as it was."""
    db, hook = stored_a_day_late(tmp_path, httpserver)

    def marks() -> list[str]:
        with store.open_store(db, read_only=True) as con:
            return [v for (v,) in con.execute("SELECT value FROM meta WHERE key LIKE 'alerts_seen % until'").fetchall()]

    assert marks() == ["2026-10-21T12:00Z"]
    by_hand = alerts(tmp_path, *hook, "--since", "2026-10-15", "--until", "2026-10-16")
    assert by_hand.exit_code == 0 and by_hand.stderr.splitlines()[-1] == (
        "checked 2026-10-15 00:00 .. 2026-10-16 00:00 UTC per hour: 0 new alerts"
    )
    assert marks() == ["2026-10-21T12:00Z"]
    sends_the_late_spike(tmp_path, hook)
    assert marks() == ["2026-10-21T13:00Z"]
    # a run by hand up to a time to come checked up to now: it moves the mark to now, not past it (the job's
    # next runs would check no late post until that time)
    before = pd.Timestamp.now(tz="UTC").floor("h")
    window = f"{before - pd.Timedelta(hours=2):%FT%H:%MZ}", f"{before + pd.Timedelta(days=1):%F}"
    ahead = alerts(tmp_path, *hook, "--since", window[0], "--until", window[1])
    assert ahead.exit_code == 0, ahead.stderr
    assert marks()[0] in {f"{t:%Y-%m-%dT%H:%M}Z" for t in (before, pd.Timestamp.now(tz="UTC").floor("h"))}


def test_a_run_by_hand_over_past_hours_leaves_the_mark_of_a_store_of_stop_39_to_the_cron_job(tmp_path, httpserver):
    """A store whose hourly job last ran under stop 39: its mark of the posts checked was kept without the time its
    run's hours reached. The first run by hand over a past day after the upgrade moved it on, as before the fix, and
    the job's next run took the export stored a day late for checked, its spike never sent. A mark without that time
    is taken for one of a run up to now."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\n')
    db = tmp_path / "h.duckdb"
    store.ingest(db, hours_of_crisis([], "2026-10-22"))
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    hook = ["--store", str(db), "--bucket", "hour", "--webhook", httpserver.url_for("/hook")]
    assert alerts(tmp_path, *hook, "--until", "2026-10-21T12:00Z").exit_code == 0
    with store.open_store(db) as con:  # (as stop 39 left it: the mark alone)
        assert con.execute("DELETE FROM meta WHERE key LIKE 'alerts_seen % until' RETURNING key").fetchall()
    store.ingest(db, enriched([post(f"late{i}", T("2026-10-20T06:30Z"), "A", "negative") for i in range(27)]))
    by_hand = alerts(tmp_path, *hook, "--since", "2026-10-15", "--until", "2026-10-16")
    assert by_hand.stderr.splitlines()[-1].endswith(" UTC per hour: 0 new alerts"), by_hand.stderr
    run = alerts(tmp_path, *hook, "--until", "2026-10-21T13:00Z")
    assert run.exit_code == 3, run.stderr
    assert run.stderr.splitlines()[-1].endswith(" and 1 hour before, of posts stored since the last run: 2 new alerts")
    # the job's runs (up to now) still move it on, and keep the time their hours reached from then on
    with store.open_store(db, read_only=True) as con:
        ((key, _),) = con.execute("SELECT key, value FROM meta WHERE key LIKE 'alerts_seen %'").fetchall()
    now = pd.Timestamp("2026-12-01T10:00Z")
    store.move_late_mark(db, key, "2026-12-01 09:59:00", now, now)
    with store.open_store(db, read_only=True) as con:
        marks = con.execute("SELECT key, value FROM meta WHERE key LIKE 'alerts_seen %' ORDER BY key").fetchall()
    assert marks == [(key, "2026-12-01 09:59:00"), (f"{key} until", "2026-12-01T10:00Z")]


def two_brands_spiking(tmp_path) -> Path:
    """A store of Skyway and Aerolux, 10 posts a day each (4 negative) from 2026-10-08, and 30 each (4 negative) on
    10-22: a volume alert of each that day (usual 10, alert above 10 + 4 x √10 = 22.65)."""
    rows = daily_posts("Skyway", "2026-10-08", 14, 10, 4) + daily_posts("Aerolux", "2026-10-08", 14, 10, 4, 500)
    rows += daily_posts("Skyway", "2026-10-22", 1, 30, 4, 1000) + daily_posts("Aerolux", "2026-10-22", 1, 30, 4, 2000)
    db = tmp_path / "h.duckdb"
    store.ingest(db, enriched(rows))
    return db


def test_alerts_for_brand_checks_a_teams_own_brands(tmp_path, monkeypatch):
    """A team could not watch its own brands: every alert of the store's brands went to its webhook. `--for-brand
    NAME` (repeatable, in any case, as `queue`'s) keeps those of the brands named; an unknown name is a usage error
    naming the close one, before any work. The other brands' alerts stay new to the run that checks them."""
    (tmp_path / "c.toml").write_text('[brands.Skyway]\nterms = ["Skyway"]\n[brands.Aerolux]\nterms = ["Aerolux"]\n')
    db = two_brands_spiking(tmp_path)
    args = ["--store", str(db), "--until", "2026-10-23"]
    skyway = alerts(tmp_path, *args, "--for-brand", "skyway")
    assert skyway.exit_code == 3, skyway.stderr
    assert skyway.stdout == "Skyway: volume spike on 2026-10-22: 30 posts (usual 10, alert above 22.6); 4 negative\n"
    assert skyway.stderr.splitlines()[-1].endswith(": 1 new alert")
    both = alerts(tmp_path, *args, "--for-brand", "Aerolux", "--for-brand", "Skyway")
    assert both.exit_code == 3, both.stderr
    assert both.stdout == "Aerolux: volume spike on 2026-10-22: 30 posts (usual 10, alert above 22.6); 4 negative\n"
    assert both.stderr.splitlines()[-1].endswith(": 1 new alert, 1 already sent")
    typo = alerts(tmp_path, *args, "--for-brand", "Skywya")
    assert (typo.exit_code, typo.stdout) == (2, "")
    assert typo.stderr == (
        "brandpulse: error: --for-brand Skywya: no such brand, did you mean Skyway? (configured: Skyway, Aerolux)\n"
    )
    # no brands configured: a brand the stored posts name, in any case
    (tmp_path / "c.toml").write_text("")
    stored = alerts(tmp_path, *args, "--for-brand", "AEROLUX", "--resend")
    assert stored.exit_code == 3, stored.stderr
    assert stored.stdout.startswith("Aerolux: volume spike on 2026-10-22: ") and stored.stdout.count("\n") == 1
    far = alerts(tmp_path, *args, "--for-brand", "Zephyr")
    assert (far.exit_code, far.stdout) == (2, "")
    assert far.stderr.splitlines()[-1] == (
        "brandpulse: error: --for-brand Zephyr: no such brand (configured or named by the stored posts: Aerolux,"
        " Skyway)"
    )
    given = alerts(tmp_path, *args, "--brand", "Skyway=Skyway", "--for-brand", "Skyways")  # (each brand named once)
    assert (given.exit_code, given.stderr.splitlines()[-1]) == (
        2,
        "brandpulse: error: --for-brand Skyways: no such brand, did you mean Skyway? (configured or named by the stored"
        " posts: Skyway, Aerolux)",
    )
    # FILES read without brands name none: no typo to look for
    export = write_csv(tmp_path / "p.csv", spike_csv_rows(spike=False))
    files = alerts(tmp_path, export, "--state", str(tmp_path / "s.json"), "--for-brand", "Skyway")
    assert (files.exit_code, files.stdout) == (5, "")
    assert files.stderr.splitlines()[-1] == (
        "brandpulse: error: --for-brand: no brands configured, and FILES read without brands name none: give --config"
        " FILE (or $BRANDPULSE_CONFIG) or --brand NAME=TERMS"
    )


def test_alerts_say_which_of_their_brands_no_stored_post_names(tmp_path):
    """A brand added to the config after its posts were ingested: `report` said "no stored post names Nova", and
    `alerts` said "0 new alerts", as if nobody talked of it (and its first busy day is a spike against "usual 0").
    It gives report's note on stderr (not with -q), of the brands it checks: all, or those of --for-brand."""
    (tmp_path / "c.toml").write_text(
        '[brands.Skyway]\nterms = ["Skyway"]\n[brands.Aerolux]\nterms = ["Aerolux"]\n[brands.Nova]\nterms = ["Nova"]\n'
    )
    db = two_brands_spiking(tmp_path)
    args = ["--store", str(db), "--until", "2026-10-23", "--dry-run"]
    result = alerts(tmp_path, *args)
    assert result.exit_code == 3 and result.stdout.count("\n") == 2, result.stderr
    assert " ".join(result.stderr.split()).startswith(  # (rich wraps lines on stderr)
        "note: no stored post names Nova: posts keep the brands found when they were ingested, so after adding a brand"
        " or changing its terms, ingest the exports again (docs/store.md, Analyzed once) checked 2026-10-16 00:00"
    )
    quiet = alerts(tmp_path, *args, "-q")
    assert (quiet.exit_code, quiet.stderr) == (3, "")
    skyway = alerts(tmp_path, *args, "--for-brand", "Skyway")
    assert skyway.exit_code == 3 and "no stored post" not in skyway.stderr


def test_two_teams_jobs_on_one_store_each_check_the_posts_stored_late(tmp_path):
    """Two teams' daily jobs on one store, `--for-brand Skyway` and `--for-brand Aerolux`, printing for cron mail: an
    export of Skyway's 10-21 stored late was checked by the Aerolux job's next run (which keeps Aerolux's alerts
    alone), and the Skyway job's next run then took it for checked, its spike never sent. Each set of brands is a job
    of its own."""
    (tmp_path / "c.toml").write_text('[brands.Skyway]\nterms = ["Skyway"]\n[brands.Aerolux]\nterms = ["Aerolux"]\n')
    rows = daily_posts("Skyway", "2026-10-08", 16, 10, 4) + daily_posts("Aerolux", "2026-10-08", 16, 10, 4, 500)
    db = tmp_path / "h.duckdb"
    store.ingest(db, enriched(rows))
    for team in ("Skyway", "Aerolux"):
        first = alerts(
            tmp_path, "--store", str(db), "--for-brand", team, "--since", "2026-10-22", "--until", "2026-10-23"
        )
        assert (first.exit_code, first.stdout) == (0, ""), first.stderr
    # (by hand: 10 + 20 posts on 10-21, against 10 a day: usual 10, alert above 22.65)
    store.ingest(db, enriched(daily_posts("Skyway", "2026-10-21", 1, 20, 4, 3000)))
    args = ["--store", str(db), "--since", "2026-10-23", "--until", "2026-10-24", "--for-brand"]
    aerolux = alerts(tmp_path, *args, "Aerolux")
    assert (aerolux.exit_code, aerolux.stdout) == (0, ""), aerolux.stderr
    assert aerolux.stderr.splitlines()[-1] == (
        "checked 2026-10-23 00:00 .. 2026-10-24 00:00 UTC per day and 1 day before, of posts stored since the last"
        " run: 0 new alerts"
    )
    skyway = alerts(tmp_path, *args, "Skyway")
    assert skyway.exit_code == 3, skyway.stderr
    assert skyway.stdout == "Skyway: volume spike on 2026-10-21: 30 posts (usual 10, alert above 22.6); 8 negative\n"


def test_a_job_with_brand_options_alone_checks_the_posts_stored_late(tmp_path):
    """A job with `--brand Skyway` and no config file's brands: the stored brands are added to its brands as the
    posts are read, and the job's mark of the posts it had checked was remembered under the key of those brands,
    looked up under the key of Skyway alone: no run found it, and no export stored late was ever checked."""
    (tmp_path / "c.toml").write_text("")
    rows = daily_posts("Skyway", "2026-10-08", 16, 10, 4) + daily_posts("Aerolux", "2026-10-08", 16, 10, 4, 500)
    db = tmp_path / "h.duckdb"
    store.ingest(db, enriched(rows))
    job = ["--store", str(db), "--brand", "Skyway"]
    first = alerts(tmp_path, *job, "--since", "2026-10-22", "--until", "2026-10-23")
    assert (first.exit_code, first.stdout) == (0, ""), first.stderr
    store.ingest(db, enriched(daily_posts("Skyway", "2026-10-21", 1, 20, 4, 3000)))  # (as in the test above)
    run = alerts(tmp_path, *job, "--since", "2026-10-23", "--until", "2026-10-24")
    assert run.exit_code == 3, run.stderr
    assert run.stdout == "Skyway: volume spike on 2026-10-21: 30 posts (usual 10, alert above 22.6); 8 negative\n"


def test_the_hours_next_to_a_day_the_clocks_change_are_matched_as_the_docs_say():
    """The limit docs/store.md states ("A daily and an hourly job on one webhook"): a day's key says when it began,
    not how long it was, so an hour is matched with the days that began up to 24 hours before it. Berlin's 2026-10-25
    (25 hours, from 22:00 UTC) holds 22:00 UTC of 10-25, which an hour on UTC's clock does not find (sent twice);
    Berlin's 2026-03-29 (23 hours, from 23:00 UTC) does not hold 22:00 UTC of 03-29, which an hour finds (not sent).
    A day finds every hour it holds, however long. When a day's alert remembers its length, this test must change."""

    def alert(bucket: str, start: pd.Timestamp) -> Alert:
        return Alert("volume", "A", bucket, start, 30, 10, 22.6, 30, 4, 30)

    long_day = alert("day", T("2026-10-25", tz="Europe/Berlin"))
    short_day = alert("day", T("2026-03-29", tz="Europe/Berlin"))
    assert (long_day.key, short_day.key) == ("volume:A:day:2026-10-24T22:00Z", "volume:A:day:2026-03-28T23:00Z")
    last, after = alert("hour", T("2026-10-25T22:00Z")), alert("hour", T("2026-03-29T22:00Z"))
    assert last.key in long_day.overlapping_keys() and after.key not in short_day.overlapping_keys()
    assert long_day.key not in last.overlapping_keys()  # (sent twice)
    assert short_day.key in after.overlapping_keys()  # (not sent: taken for one of 03-29)
    # on Berlin's own clock the 25th hour is found (its own day); the hour after the short day is still taken for it
    assert long_day.key in alert("hour", last.start.tz_convert("Europe/Berlin")).overlapping_keys()
    assert short_day.key in alert("hour", after.start.tz_convert("Europe/Berlin")).overlapping_keys()


TOPIC_CONFIG = """
[brands.Fordo]
terms = ["Fordo"]
handles = ["@FordoHelp"]

[brands.Kiro]
terms = ["Kiro"]
competitor = true

[brands.recall]
terms = ["recall"]
"""


def recall_store(tmp_path, after: int = 0) -> str:
    """Fordo and Kiro, 10 posts a day each (2026-11-10..24), none about a recall; on 2026-11-25, 30 posts of Kiro's
    (the competitor's) recall (20 of them negative, and one by Fordo's own handle), and 25 posts naming a brand
    called recall (a spike of the brand, on the topic's day); on 2026-11-26, `after` posts of the recall alone."""
    (tmp_path / "c.toml").write_text(TOPIC_CONFIG)
    rows = daily_posts("Fordo", "2026-11-10", 16, 10, 2) + daily_posts("Kiro", "2026-11-10", 16, 10, 2, 1000)
    rows += daily_posts("recall", "2026-11-10", 15, 2, 0, 2000) + daily_posts("recall", "2026-11-25", 1, 25, 0, 3000)
    day = "2026-11-25T{:02d}:{:02d}Z"
    rows += [
        post(5000 + i, day.format(12 + i // 60, i % 60), "Kiro", "negative" if i < 20 else "neutral", "recall")
        for i in range(30)
    ]
    rows += [post(6000 + i, day.format(9, i).replace("25T", "26T"), "Kiro", "neutral", "recall") for i in range(after)]
    rows.append(post(5999, day.format(13, 1), "Fordo", "neutral", "recall", author="@FordoHelp", followers=10**6))
    db = str(tmp_path / "h.duckdb")
    store.ingest(db, enriched(rows))
    return db


def test_a_topic_that_jumps_alerts_with_topics_apart_from_a_brand_of_its_name(tmp_path, httpserver):
    """A recall went from 0 to 247 posts a day, and only the weekly report's "Topics that grew most" said so: with
    --topics each topic's volume is checked as a brand's is, across the brands (the competitor's recall), its line
    named "topic", its key apart from a brand of the same name (both alert, both are remembered, neither hides the
    other), in -f jsonl with "topic", to the webhook once; with --for-brand, in the posts naming those brands."""
    db = recall_store(tmp_path)
    until = ["--store", db, "--until", "2026-11-26"]
    kiro_line = (
        "Kiro: negative and volume spike on 2026-11-25: 55% negative (22 of 40 posts with a sentiment; usual 20%,"
        " alert above 35%); 40 posts (usual 10, alert above 22.6)"
    )
    brand_line = "recall: volume spike on 2026-11-25: 25 posts (usual 2, alert above 7.6); 0 negative"
    # (30 posts of Kiro's: Fordo's own handle is no customer; usual 0: the threshold's floor, 0 + 4 x 1)
    topic_line = "topic recall: volume spike on 2026-11-25: 30 posts (usual 0, alert above 4); 20 negative"
    without = alerts(tmp_path, *until, "--dry-run")
    assert (without.exit_code, without.stdout.splitlines()) == (3, [kiro_line, brand_line]), without.stderr
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    hook = ["--webhook", httpserver.url_for("/hook")]
    first = alerts(tmp_path, *until, "--topics", *hook)
    assert first.exit_code == 3, first.stderr
    # (the topic's spike is Kiro's: all 30 of its posts name Kiro, 30 of Kiro's 40: one line, as a pair is)
    folded = f"{kiro_line}; mostly about recall (30 of the 40 posts)"
    assert first.stdout.splitlines() == [folded, brand_line]
    assert first.stderr.splitlines()[-1].endswith(": 4 new alerts")
    text = httpserver.log[0][0].get_json()["text"].splitlines()
    assert text[0] == ":rotating_light: brandpulse: 4 alerts"
    assert f"• {folded}" in text and f"• {brand_line}" in text and f"• {topic_line}" not in text
    again = alerts(tmp_path, *until, "--topics", *hook, "-f", "jsonl")
    assert again.exit_code == 0 and again.stdout == ""
    assert again.stderr.splitlines()[-1].endswith(": 0 new alerts, 4 already sent")
    assert len(httpserver.log) == 1
    got = [json.loads(x) for x in alerts(tmp_path, *until, "--topics", "--resend", "-f", "jsonl").stdout.splitlines()]
    assert [(a["brand"], a["topic"], a["key"], a["volume"]) for a in got][2:] == [
        ("recall", None, "volume:recall:day:2026-11-25T00:00Z", 25),
        (None, "recall", "volume:topic;recall:day:2026-11-25T00:00Z", 30),
    ]
    assert got[3]["message"] == topic_line  # (each its own object and message, as a pair's)
    assert [(a["about"], a["within"]) for a in got] == [({"recall": 30}, None)] * 2 + [({}, None), ({}, "Kiro")]
    # a team's job: the topics of its brands' posts alone (of no other client's), and of the competitors it names
    team = [*until, "--topics", "--resend", "--dry-run", "--for-brand", "Fordo"]
    alone = alerts(tmp_path, *team)
    assert (alone.exit_code, alone.stdout) == (0, ""), alone.stderr
    rivals = alerts(tmp_path, *team, "--for-brand", "kiro")
    assert (rivals.exit_code, rivals.stdout.splitlines()) == (3, [folded]), rivals.stderr


def test_a_topic_spike_of_several_brands_posts_keeps_its_own_line(tmp_path):
    """A topic's spike is folded into a brand's line only when it is mostly that brand's posts: a recall of Kiro's
    and Fordo's alike (30 posts each) is neither's, and keeps its line; each brand's line says nothing of it."""
    db = recall_store(tmp_path)
    day = "2026-11-25T{:02d}:{:02d}Z"
    store.ingest(db, enriched([post(7000 + i, day.format(15, i), "Fordo", "neutral", "recall") for i in range(30)]))
    run = alerts(tmp_path, "--store", db, "--until", "2026-11-26", "--topics", "--dry-run")
    assert run.exit_code == 3, run.stderr
    lines = run.stdout.splitlines()
    assert "topic recall: volume spike on 2026-11-25: 60 posts (usual 0, alert above 4); 20 negative" in lines
    assert len(lines) == 4 and not [line for line in lines if "mostly about" in line]


def test_a_topic_spike_sent_is_said_over_once_when_it_ends(tmp_path):
    """--over says a topic's spike over as a brand's: the first day after it with enough posts and no alert."""
    db = recall_store(tmp_path, after=3)
    args = ["--store", db, "--topics", "--min-volume", "3", "--over", "-f", "jsonl"]
    first = alerts(tmp_path, *args, "--until", "2026-11-26")
    assert first.exit_code == 3, first.stderr
    assert "volume:topic;recall:day:2026-11-25T00:00Z" in [json.loads(x)["key"] for x in first.stdout.splitlines()]
    run = alerts(tmp_path, *args, "--until", "2026-11-27")
    assert run.exit_code == 0, run.stderr
    [over] = [o for o in map(json.loads, run.stdout.splitlines()) if o["topic"]]
    assert (over["status"], over["brand"], over["topic"], over["volume"]) == ("over", None, "recall", 3)
    assert over["message"] == "topic recall: volume spike of 2026-11-25 over: 3 posts on 2026-11-26 (usual 0)"
    assert over["alert_key"] == "volume:topic;recall:day:2026-11-25T00:00Z"
    again = alerts(tmp_path, *args, "--until", "2026-11-27")
    assert again.exit_code == 0 and again.stdout == ""


def test_topic_alerts_are_a_config_setting_and_a_store_of_no_topic_is_warned_about(tmp_path):
    """A cron job's options are in its config but --topics was not: `[alerts] topics = true` asks for them (and
    `--no-topics` wins over it; a value not true or false is a config error). A store whose posts were ingested with
    no topic matching (or before topics were set) gave no topic alert and no word of why."""
    db = recall_store(tmp_path)
    until = ["--store", db, "--until", "2026-11-26", "--dry-run"]
    topic_line = "topic recall: volume spike on 2026-11-25: 30 posts (usual 0, alert above 4); 20 negative"
    (tmp_path / "c.toml").write_text(TOPIC_CONFIG + "\n[alerts]\ntopics = true\n")
    set_so = alerts(tmp_path, *until, "-f", "jsonl")
    assert set_so.exit_code == 3, set_so.stderr
    assert [a["message"] for a in map(json.loads, set_so.stdout.splitlines()) if a["topic"]] == [topic_line]
    off = alerts(tmp_path, *until, "--no-topics", "-f", "jsonl")
    assert off.exit_code == 3 and not [a for a in map(json.loads, off.stdout.splitlines()) if a["topic"]]
    (tmp_path / "c.toml").write_text(TOPIC_CONFIG + '\n[alerts]\ntopics = "yes"\n')
    wrong = alerts(tmp_path, *until)
    assert wrong.exit_code == 5 and "[alerts] topics must be true or false" in wrong.stderr
    # no stored post has a topic: said, with what to do; with -q once a day (an hourly cron job mails it once)
    (tmp_path / "c.toml").write_text(TOPIC_CONFIG)
    bare = tmp_path / "bare.duckdb"
    store.ingest(bare, enriched(daily_posts("Fordo", "2026-11-10", 16, 10, 2)))
    job = ["--store", str(bare), "--until", "2026-11-26", "--topics"]
    said = alerts(tmp_path, *job)
    assert said.exit_code == 0
    assert [line for line in said.stderr.splitlines() if line.startswith("warning")] == [
        "warning: --topics: none of the 160 posts read has a topic, so no topic can alert: posts are tagged as they"
        " are analyzed (ingest), by the config's [topics.NAME] tables (the built-in topics when it has none); after"
        " changing them, `brandpulse rescore` tags the stored posts again"
    ]
    quiet = [alerts(tmp_path, *job, "-q").stderr for _ in range(2)]
    assert [len(err.splitlines()) for err in quiet] == [1, 0] and quiet[0].startswith("warning: --topics: none")
    assert "warning" not in alerts(tmp_path, *job[:-1]).stderr  # (without --topics: nothing to say)


def test_min_volume_is_a_config_setting_the_option_overrides(tmp_path):
    """An hourly cron job of a small area's outages repeated `--min-volume 5` on its line: `[alerts] min_volume` sets
    it in the config, --min-volume wins over it, and a value not a count of posts is a config error (exit 5)."""
    # Fordo: 1 post a day for 14 days, then 8 on 2026-11-24: usual 1, alert above 1 + 4 * 1 = 5, so 8 alerts when a
    # day needs 8 posts or fewer, and not when it needs 9 (the default 10 too)
    db = tmp_path / "v.duckdb"
    store.ingest(
        db, enriched(daily_posts("Fordo", "2026-11-10", 14, 1, 0) + daily_posts("Fordo", "2026-11-24", 1, 8, 0, 100))
    )
    job = ["--store", str(db), "--until", "2026-11-25", "--dry-run", "-f", "jsonl"]
    brand = '[brands.Fordo]\nterms = ["Fordo"]\n'

    def run(setting: str, *args):
        (tmp_path / "c.toml").write_text(f"{brand}\n[alerts]\n{setting}\n")
        return alerts(tmp_path, *job, *args)

    def fired(result) -> list[tuple]:
        return [(a["brand"], a["kind"], a["volume"]) for a in map(json.loads, result.stdout.splitlines())]

    (tmp_path / "c.toml").write_text(brand)
    default = alerts(tmp_path, *job)
    assert default.exit_code == 0 and default.stdout == "", default.output
    assert "no day checked held 10 posts of one brand (--min-volume), the most 8 of Fordo" in default.stderr
    low = run("min_volume = 8")
    assert low.exit_code == 3, low.output
    assert fired(low) == [("Fordo", "volume", 8)]
    high = run("min_volume = 9")
    assert high.exit_code == 0 and high.stdout == "", high.output
    said = "no day checked held 9 posts of one brand (the config's [alerts] min_volume), the most 8 of Fordo"
    assert said in high.stderr
    # the option wins over the config, either way
    assert fired(run("min_volume = 9", "--min-volume", "5")) == [("Fordo", "volume", 8)]
    over = run("min_volume = 5", "--min-volume", "10")
    assert over.exit_code == 0 and over.stdout == "" and "held 10 posts of one brand (--min-volume)" in over.stderr
    for bad in ('min_volume = "5"', "min_volume = -1", "min_volume = 2.5", "min_volume = true"):
        wrong = run(bad)
        assert wrong.exit_code == 5 and wrong.stdout == "", (bad, wrong.output)
        assert wrong.stderr.splitlines() == [
            f"brandpulse: error: {tmp_path / 'c.toml'}: [alerts] min_volume must be a whole number of posts, 0 or more"
            " (such as 5)"
        ], bad


def test_a_single_safety_post_alerts_by_itself_once(tmp_path, httpserver):
    """One passenger's "the engine caught fire" was one post among 10 a day: under --min-volume, no spike, no alert. A
    post naming an injury, a fire, smoke, a crash or a recall hazard is now an alert by itself, the post quoted
    (--redact masks it), once per post (the hourly job after the daily one sends nothing more); an app that
    "crashes" is no hazard."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n')
    db = tmp_path / "s.duckdb"
    fire = "A flight 212: the engine caught fire and smoke filled the cabin @channel, write jane.doe@example.com"
    rows = daily_posts("A", "2026-10-08", 15, 10, 4)
    rows += [
        post(900, "2026-10-22T14:05Z", "A", "negative", text=fire),
        post(901, "2026-10-22T15:00Z", "A", "negative", text="The A app crashes every time, this deal is fire"),
        post(902, "2026-10-22T16:00Z", "A", "neutral", author="@A_help", text="A recall: fire hazard, see link"),
    ]
    store.ingest(db, enriched(rows))
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    day = ["--store", str(db), "--until", "2026-10-23", "--webhook", httpserver.url_for("/hook")]
    masked = alerts(tmp_path, *day, "--redact", "--dry-run", "-f", "jsonl")
    assert masked.exit_code == 3, masked.stderr
    [safety] = [json.loads(line) for line in masked.stdout.splitlines()]
    assert (safety["kind"], safety["brand"]) == ("safety", "A")  # (its id, which opens the post, hashed: stop 45)
    assert re.fullmatch(r"safety:A:twitter/[0-9a-f]{16}@2026-10-22T14:05Z", safety["key"]), safety["key"]
    assert "jane.doe" not in masked.stdout and safety["examples"][0]["author"] != "user900"
    first = alerts(tmp_path, *day)
    assert (first.exit_code, first.stdout) == (3, f'A: safety post on 2026-10-22: "{fire}"\n'), first.stderr
    [(request, _)] = httpserver.log
    text = request.get_json()["text"]
    assert text.splitlines()[1].startswith('• A: safety post on 2026-10-22: "A flight 212') and "@\u2060channel" in text
    again = alerts(tmp_path, *day)
    assert (again.exit_code, again.stdout) == (0, "")
    hourly = alerts(tmp_path, *day[:-2], "--bucket", "hour", "--until", "2026-10-22T18:00Z", *day[-2:])
    assert (hourly.exit_code, hourly.stdout) == (0, ""), hourly.stderr
    assert hourly.stderr.endswith("0 new alerts, 1 already sent\n") and len(httpserver.log) == 1


def test_a_safety_post_retweeted_or_shared_is_one_alert(tmp_path):
    """A parent's "covered in hives" post, retweeted 3 times and shared with a link twice, was 6 safety alerts (a
    pharmacovigilance tester's on-call paged 6 times for one case); the queue folded them to one row. Now the oldest
    is the alert. Two parents writing the same words without a link each report a case of their own."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\n[intent.safety]\nurgent = true\nkeywords = ["hives"]')
    hives = "Gave my 2yo A syrup last night and she's covered in hives"

    def case(i, when, text, author=None):
        return post(i, f"2026-10-22T{when}Z", "A", "negative", author=author, text=text, intent="safety")

    rows = [case(1, "08:00", hives, "mum")]
    rows += [case(i, f"09:0{i}", f"RT @mum: {hives}") for i in range(2, 5)]
    rows += [case(i, f"10:0{i}", f"{hives} https://t.co/x{i}") for i in (5, 6)]
    rows += [case(7, "11:00", hives, "dad")]  # (another case, in the same words)
    db = tmp_path / "s.duckdb"
    store.ingest(db, enriched(rows))
    run = alerts(tmp_path, "--store", str(db), "--until", "2026-10-23", "--dry-run", "-f", "jsonl")
    assert run.exit_code == 3, run.stderr
    posts = [json.loads(line)["post"] for line in run.stdout.splitlines()]
    assert posts == ["twitter/1@2026-10-22T08:00Z", "twitter/7@2026-10-22T11:00Z"]


def test_a_retweet_cut_short_is_not_an_alert_apart_from_the_post_it_repeats(tmp_path):
    """ "RT @pax: Smoke in the cabin on flight 2…" (an old-style retweet its platform cut at 140 characters) alerted
    apart from pax's post it repeats: its words are not the post's. A retweet cut short repeats the earlier post whose
    words begin with its own; one whose post is not among them (another's words) still alerts."""
    (tmp_path / "c.toml").write_text(CONFIG_TOML)
    smoke = "Smoke in the cabin on flight 22 from Skyway, crew handled it but it was terrifying"

    def said(i, when, text):
        return post(i, f"2026-10-22T{when}Z", "Skyway", "negative", text=text)

    rows = [said(1, "08:00", smoke), said(2, "09:00", "RT @pax: Smoke in the cabin on flight 2…")]
    rows += [
        said(3, "09:30", "RT @pax: Smoke in the cabin on flight 22 from Skyway, crew handled it but it was terri...")
    ]
    rows += [said(4, "10:00", "RT @ann: Skyway flight 9 caught fire on the runway, we were all evacu…")]
    db = tmp_path / "s.duckdb"
    store.ingest(db, enriched(rows))
    run = alerts(tmp_path, "--store", str(db), "--until", "2026-10-23", "--dry-run", "-f", "jsonl")
    assert run.exit_code == 3, run.stderr
    posts = [json.loads(line)["post"] for line in run.stdout.splitlines()]
    assert posts == ["twitter/1@2026-10-22T08:00Z", "twitter/4@2026-10-22T10:00Z"]


def test_safety_alerts_can_be_turned_off_and_leave_competitors_and_football_words_alone(tmp_path):
    """A football club's store pages on every player's injury, an airline's on a competitor's crash: `[alerts]
    safety = false` (or `--no-safety`; `--safety` wins over the config) turns safety posts off. A competitor's post
    is no safety alert of ours, nor "injury time" or "I recall the fire alarm"."""
    brands = '[brands.A]\nterms = ["A"]\n[brands.R]\nterms = ["R"]\ncompetitor = true\n'
    (tmp_path / "c.toml").write_text(brands)
    db = tmp_path / "s.duckdb"
    rows = daily_posts("A", "2026-10-08", 15, 10, 4)
    rows += [
        post(900, "2026-10-22T14:05Z", "A", "negative", text="A flight 212: the engine caught fire"),
        post(901, "2026-10-22T15:00Z", "R", "negative", text="R plane crash in Lima, thoughts with everyone"),
        post(902, "2026-10-22T16:00Z", "A", "positive", text="A sponsors the injury time winner, what a night"),
        post(903, "2026-10-22T17:00Z", "A", "neutral", text="I recall the fire alarm at the A lounge, fun times"),
    ]
    store.ingest(db, enriched(rows))
    day = ["--store", str(db), "--until", "2026-10-23", "--dry-run", "-f", "jsonl"]
    on = alerts(tmp_path, *day)
    assert on.exit_code == 3, on.stderr
    assert [json.loads(line)["post"] for line in on.stdout.splitlines()] == ["twitter/900@2026-10-22T14:05Z"]
    rival = alerts(tmp_path, *day, "--for-brand", "R")  # (asked for by name: its posts are this job's)
    assert [json.loads(line)["post"] for line in rival.stdout.splitlines()] == ["twitter/901@2026-10-22T15:00Z"]
    assert (alerts(tmp_path, *day, "--no-safety").exit_code, alerts(tmp_path, *day, "--no-safety").stdout) == (0, "")
    (tmp_path / "c.toml").write_text(brands + "\n[alerts]\nsafety = false\n")
    off = alerts(tmp_path, *day)
    assert (off.exit_code, off.stdout) == (0, ""), off.stderr
    assert alerts(tmp_path, *day, "--safety").exit_code == 3


SAFETY_BRANDS = """
[brands.Skyway]
terms = ["Skyway"]
[brands.QuickBite]
terms = ["QuickBite"]
[brands.Aerolux]
terms = ["Aerolux"]
competitor = true
"""


def test_a_safety_post_alerts_each_of_our_brands_it_names_and_not_a_competitors_crash(tmp_path, httpserver):
    """A post naming two of our brands alerted the first alone (QuickBite's on-call never heard of its meal on fire):
    now an alert each, said in one line and one bullet. A crash nearer a competitor's name than ours is its news
    ("Aerolux plane crash, glad I fly Skyway" paged Skyway); news naming ours elsewhere still alerts, as does a
    passenger whose brand comes a sentence after the fire."""
    (tmp_path / "c.toml").write_text(SAFETY_BRANDS)
    both = "Skyway and QuickBite both let us down: smoke in the cabin, then my QuickBite meal caught fire"
    said = [
        both,
        "Engine caught fire on takeoff. Never flying Skyway again, Aerolux never did this to me",
        "BREAKING: bus crash on the M4, passengers injured. Skyway offers free rebooking to those affected",
    ]
    rivals = ["Aerolux plane crash on landing in Lima, so glad I fly Skyway", "Aerolux crash-landed, Skyway is safer"]
    rows = [
        {
            "post_id": str(i),
            "platform": "twitter",
            "created_at": f"2026-11-20T1{i}:00:00Z",
            "author": f"u{i}",
            "text": t,
        }
        for i, t in enumerate(said + rivals)
    ]
    db = str(tmp_path / "s.duckdb")
    ingest = CliRunner().invoke(
        main, ["ingest", write_csv(tmp_path / "p.csv", rows), "--store", db, "-c", str(tmp_path / "c.toml")]
    )
    assert ingest.exit_code == 0, ingest.stderr
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    day = ["--store", db, "--until", "2026-11-21"]
    found = alerts(tmp_path, *day, "--dry-run", "-f", "jsonl")
    assert found.exit_code == 3, found.stderr
    assert [(a["brand"], a["post"]) for a in map(json.loads, found.stdout.splitlines())] == [
        ("QuickBite", "twitter/0@2026-11-20T10:00Z"),
        ("Skyway", "twitter/0@2026-11-20T10:00Z"),
        ("Skyway", "twitter/1@2026-11-20T11:00Z"),
        ("Skyway", "twitter/2@2026-11-20T12:00Z"),
    ]
    sent = alerts(tmp_path, *day, "--webhook", httpserver.url_for("/hook"))
    assert sent.exit_code == 3 and "sent 4 alerts to the webhook" in sent.stderr, sent.stderr
    assert sent.stdout.splitlines()[0] == f'QuickBite and Skyway: safety post on 2026-11-20: "{both}"'
    assert len(sent.stdout.splitlines()) == 3
    [(request, _)] = httpserver.log
    assert request.get_json()["text"].count("• QuickBite and Skyway: safety post") == 1
    team = alerts(tmp_path, *day, "--for-brand", "QuickBite", "--dry-run")  # (a team's own job: its own alert)
    assert team.stdout == f'QuickBite: safety post on 2026-11-20: "{both}"\n'


def test_a_safety_word_of_another_language_is_added_by_an_urgent_intent(tmp_path):
    """The hazard words are English: "Incendio a bordo del vuelo de Skyway" was no alert. The config's `[intent.NAME]`
    with `urgent = true` adds words in any language (the store keeps the intents its ingest gave)."""
    (tmp_path / "c.toml").write_text(SAFETY_BRANDS)
    rows = [
        {"post_id": "1", "platform": "twitter", "created_at": "2026-11-20T10:00:00Z", "author": "u1",
         "text": "Incendio a bordo del vuelo de Skyway, humo en la cabina"},
        {"post_id": "2", "platform": "twitter", "created_at": "2026-11-20T11:00:00Z", "author": "u2",
         "text": "Skyway, el vuelo llegó tarde otra vez"},
    ]  # fmt: skip
    csv, db = write_csv(tmp_path / "p.csv", rows), str(tmp_path / "s.duckdb")
    cfg = ["--store", db, "-c", str(tmp_path / "c.toml")]
    day = ["--store", db, "--until", "2026-11-21", "--dry-run"]
    assert CliRunner().invoke(main, ["ingest", csv, *cfg]).exit_code == 0
    assert (alerts(tmp_path, *day).exit_code, alerts(tmp_path, *day).stdout) == (0, "")
    (tmp_path / "c.toml").write_text(
        SAFETY_BRANDS + '[intent.seguridad]\nurgent = true\nkeywords = ["incendio", "humo"]\n'
    )
    assert CliRunner().invoke(main, ["rescore", *cfg]).exit_code == 0
    found = alerts(tmp_path, *day)
    assert found.exit_code == 3, found.stderr
    # (the alert names its intent: stop 47)
    assert found.stdout == f'Skyway: seguridad post on 2026-11-20: "{rows[0]["text"]}"\n'


COURIER = """
[brands.Parceline]
terms = ["Parceline"]
[intent.hazard]
urgent = true
keywords = ["parcel smoking", "van on fire"]
[intent.vulnerable]
urgent = true
keywords = ["oxygen"]
"""


def test_alerts_safety_can_name_the_kinds_of_safety_post_that_page(tmp_path):
    """`[alerts] safety` was all or nothing: a courier paging on a parcel's fire (its urgent `hazard` intent, the
    `fire` words) was paged for a driver's injury and a vulnerable customer too, or for none. It lists the kinds now:
    the hazard words' (injury, fire, crash, recall) and the urgent intents', a name of neither a config error."""
    texts = [
        "Parceline driver injured in the depot, ambulance came",
        "A Parceline parcel smoking on my doorstep, lithium battery?",
        "Parceline van caught fire on the high street",
        "Parceline, my dad is on oxygen and his machine parcel is a week late",
    ]
    rows = [
        {"post_id": str(i), "platform": "twitter", "created_at": f"2026-12-05T1{i}:00Z", "author": f"u{i}", "text": t}
        for i, t in enumerate(texts)
    ]
    (tmp_path / "c.toml").write_text(COURIER)
    csv, db = write_csv(tmp_path / "p.csv", rows), str(tmp_path / "s.duckdb")
    assert CliRunner().invoke(main, ["ingest", csv, "--store", db, "-c", str(tmp_path / "c.toml")]).exit_code == 0
    day = ["--store", db, "--until", "2026-12-06", "--dry-run", "-f", "jsonl"]

    def paged(safety: str, *more: str) -> list[str]:
        (tmp_path / "c.toml").write_text(COURIER + f"[alerts]\nsafety = {safety}\n")
        run = alerts(tmp_path, *day, *more)
        assert run.exit_code in (0, 3), run.stderr
        return [json.loads(line)["post"].split("@")[0] for line in run.stdout.splitlines()]

    every = ["twitter/0", "twitter/1", "twitter/2", "twitter/3"]
    assert paged("true") == every
    assert paged('["hazard", "fire"]') == ["twitter/1", "twitter/2"]
    assert paged('["Hazard"]') == ["twitter/1"]  # (the intent's post alone: the van's fire is no `hazard` keyword)
    assert paged('["injury", "vulnerable"]') == ["twitter/0", "twitter/3"]
    assert paged("[]") == []
    assert paged('["hazard"]', "--safety") == every  # (--safety: every kind, as over `safety = false`)
    assert paged('["hazard"]', "--no-safety") == []
    # (a run by hand could not choose them as the config does: --safety-kind, over the config's, in any case)
    assert paged("false", "--safety-kind", "fire", "--safety-kind", "Vulnerable") == ["twitter/2", "twitter/3"]
    assert paged('["hazard"]', "--safety-kind", "injury") == ["twitter/0"]
    unknown = alerts(tmp_path, *day, "--safety-kind", "injuries")
    assert unknown.exit_code == 2 and "--safety-kind: no safety kind 'injuries' (known: injury, fire" in unknown.stderr
    assert "urgent intents: hazard, vulnerable" in unknown.stderr
    both = alerts(tmp_path, *day, "--safety-kind", "fire", "--no-safety")
    assert both.exit_code == 2 and "--no-safety alerts on no safety post" in both.stderr
    (tmp_path / "c.toml").write_text(COURIER + '[alerts]\nsafety = ["injuries"]\n')
    wrong = alerts(tmp_path, *day)
    assert wrong.exit_code == 5
    assert "[alerts] safety: no safety kind 'injuries' (known: injury, fire, crash, recall" in wrong.stderr
    assert "urgent intents: hazard, vulnerable" in wrong.stderr
    (tmp_path / "c.toml").write_text(COURIER + "[alerts]\nsafety = [1]\n")
    assert alerts(tmp_path, *day).exit_code == 5


def test_an_urgent_intents_alert_names_the_intent_with_its_key_as_before(tmp_path, httpserver):
    """A charity's on-call read "Brightpath: safety post on ..." for a safeguarding concern (examples/charity.toml's
    urgent `safeguarding`), a utility's for a sparking downed line: the line, the webhook's text and -f jsonl (an
    `intent` field) now name the intent; a post of hazard words alone is still a "safety post" (`intent` null). The
    key, how consumers deduplicate, is as before: `safety:BRAND:PLATFORM/ID@TIME`."""
    examples = Path(__file__).parent.parent / "examples"
    shutil.copy(examples / "charity.toml", tmp_path / "c.toml")
    shutil.copy(examples / "charity-words.toml", tmp_path / "charity-words.toml")
    concern = "A Brightpath volunteer was messaging my daughter privately on Instagram, this is a safeguarding issue"
    fire = "My Brightpath charity shop kettle caught fire"
    rows = [
        {"post_id": "1", "platform": "twitter", "created_at": "2026-11-16T10:00:00Z", "author": "u1", "text": concern},
        {"post_id": "2", "platform": "twitter", "created_at": "2026-11-17T10:00:00Z", "author": "u2",
         "text": "Ran the half marathon for Brightpath, amazing day"},
        {"post_id": "3", "platform": "twitter", "created_at": "2026-11-18T12:00:00Z", "author": "u3", "text": fire},
    ]  # fmt: skip
    csv = write_csv(tmp_path / "p.csv", rows)
    day = [csv, "--until", "2026-11-19", "--state", str(tmp_path / "state.json")]
    jsonl = alerts(tmp_path, *day, "--dry-run", "-f", "jsonl")
    assert jsonl.exit_code == 3, jsonl.stderr
    said = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert [(a["kind"], a["intent"], a["key"]) for a in said] == [
        ("safety", "safeguarding", "safety:Brightpath:twitter/1@2026-11-16T10:00Z"),
        ("safety", None, "safety:Brightpath:twitter/3@2026-11-18T12:00Z"),
    ]
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    sent = alerts(tmp_path, *day, "--webhook", httpserver.url_for("/hook"))
    assert sent.stdout.splitlines() == [
        f'Brightpath: safeguarding post on 2026-11-16: "{concern}"',
        f'Brightpath: safety post on 2026-11-18: "{fire}"',
    ], sent.stderr
    [(request, _)] = httpserver.log
    assert '• Brightpath: safeguarding post on 2026-11-16: "A Brightpath volunteer' in request.get_json()["text"]


def test_hazards_finds_each_phrase_of_the_hazard_words():
    """`hazards` looks for `HAZARD` only in texts holding one of its `STEMS` (for speed): a phrase of `HAZARD` with
    no stem would be passed over. One text per alternative, and texts of none."""
    from brandpulse.report.safety import HAZARD, hazards

    said = [
        "my son was injured", "she was hospitalised", "rushed to A&E", "sent to the ER", "burnt my hand",
        "got burned", "caught fire", "burst into flames", "the van was in flames", "a fire broke out",
        "smoke pouring from the vent", "cabin full of smoke", "bus accident", "crashed into a wall",
        "crash-landed", "emergency landing", "recall notice: choking hazard",
    ]  # fmt: skip
    none = ["this game is fire, no wait it's great", "I recall the fire alarm", "injury time winner", "killed it"]
    assert not hazards(pd.Series(["no word of harm"], dtype=object)).any()  # (no text to search: none)
    texts = pd.Series(said + none + [""])
    assert hazards(texts).tolist() == [HAZARD.search(t) is not None for t in texts]
    assert hazards(texts).tolist() == [True] * len(said) + [False] * 5


def test_a_quiet_run_opens_the_store_twice_and_holds_it_only_to_read(setup, spike_store, monkeypatch):
    """An hourly `alerts` run opened the store once per thing it read (12 times with a new alert, 9 on a quiet
    hour; 22 with --for-brand, --topics, notes), each open and close ~0.1 s: most of a run's time. The reads share
    a read-only connection, let go while spikes are looked for (a writer, an `ingest`, gets the store then)."""
    tmp_path = setup[0]
    db = str(tmp_path / "h.duckdb")
    copy_store(spike_store, Path(db).parent)
    args = [
        "--store",
        db,
        "--until",
        "2026-10-26",
        "-q",
        "--stale-after",
        "400",
        "--over",
        "--topics",
        "--for-brand",
        "Skyway",
    ]
    assert alerts(tmp_path, *args).exit_code == 3
    real, opened, writer = duckdb_connect(), [], []
    monkeypatch.setattr("duckdb.connect", lambda *a, **kw: opened.append(kw.get("read_only")) or real(*a, **kw))
    detect = __import__("brandpulse.report.spikes", fromlist=["x"]).detect_spikes_and_ends

    def an_ingest_comes_in(*a, **kw):
        writer.append(a_writer_gets(db))
        return detect(*a, **kw)

    monkeypatch.setattr("brandpulse.report.spikes.detect_spikes_and_ends", an_ingest_comes_in)
    quiet = alerts(tmp_path, *args)
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")
    assert opened == [True, True]  # (the posts and notes; what was sent)
    assert writer == ["locked", "locked"]  # (the brands' spikes, the topics')


def test_a_run_that_sends_an_alert_opens_the_store_five_times(tmp_path, httpserver, monkeypatch):
    """An hourly run that sends an alert opened the store 7 times: now 5. Two reads (let go while spikes are looked
    for), a read of what was sent under the lock runs take turns by, the write of the pending alerts (let go while the
    webhook is sent), and one writer for the alerts sent, the late mark and the reads after them."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n')
    db = tmp_path / "h.duckdb"
    store.ingest(db, hours_of_crisis([("2026-10-20T06:00Z", 2)]))
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    job = ["--store", str(db), "--bucket", "hour", "--webhook", httpserver.url_for("/hook"), "-q"]
    assert alerts(tmp_path, *job, "--until", "2026-10-20T06:00Z").exit_code == 0
    real, opened = duckdb_connect(), []
    monkeypatch.setattr("duckdb.connect", lambda *a, **kw: opened.append(kw.get("read_only")) or real(*a, **kw))
    run = alerts(tmp_path, *job, "--until", "2026-10-20T07:00Z")
    assert (run.exit_code, run.stderr) == (3, ""), run.stderr
    assert len(httpserver.log) == 1
    assert opened == [True, True, True, False, False]
    assert store._held == {} and a_writer_gets(db) == "locked"
    with real(str(db), read_only=True) as con:  # (the late mark moved on to this run's hour)
        marks = [v for (v,) in con.execute("SELECT value FROM meta WHERE key LIKE '% until'").fetchall()]
    assert marks == ["2026-10-20T07:00Z"]
    opened.clear()  # (the next hour: the spike goes on, remembered, not sent; the store's a writer once)
    assert alerts(tmp_path, *job, "--until", "2026-10-20T08:00Z").exit_code == 0
    assert len(httpserver.log) == 1 and opened == [True, True, True, False]


def duckdb_connect():
    import duckdb

    return duckdb.connect


def test_a_dry_run_makes_no_redact_key_and_says_whose_names_it_gave(tmp_path):
    """`alerts --redact --dry-run -f jsonl` on a store without a redact key wrote one (the write lock taken by a dry
    run, which neither sends nor remembers), and where the key could not be made (a busy store, another user's) the
    run named the posts by a key of its own without a word: a consumer deduplicating by `key` saw new keys. A dry run
    now makes none and says so (only when it prints a safety post: stop 47's review, and stop 48's for one already
    sent); once a run has made it, a dry run names the post as the store's other runs do."""
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\n')
    db = tmp_path / "s.duckdb"
    rows = daily_posts("A", "2026-10-08", 15, 10, 4)
    rows.append(post(900, "2026-10-22T14:05Z", "A", "negative", text="A flight 212: the engine caught fire"))
    store.ingest(db, enriched(rows))
    day = ["--store", str(db), "--until", "2026-10-23", "--redact", "-f", "jsonl"]

    def held_key():
        with duckdb.connect(str(db), read_only=True) as con:
            return con.execute("SELECT count(*) FROM meta WHERE key = 'redact_key'").fetchall()[0][0]

    # a dry run with no safety post to name asks for no key, and says nothing of one (a cron's quiet hours did)
    quiet = alerts(tmp_path, "--store", str(db), "--until", "2026-10-20", "--redact", "-f", "jsonl", "--dry-run")
    assert quiet.exit_code == 0 and quiet.stdout == "" and "redact key" not in quiet.stderr, quiet.stderr
    dry = alerts(tmp_path, *day, "--dry-run")
    assert dry.exit_code == 3, dry.stderr
    assert (
        f"warning: {db}: the store has no redact key yet, and a dry run makes none: --redact names the safety posts"
        " by this run's own key, unlike the store's other runs\n"
    ) in dry.stderr
    assert held_key() == 0
    # nor does one whose safety post an earlier run (without --redact: no key made) sent, so it prints none: a cron
    # dry run warned of its own key on every run while the post was in its days
    plain = alerts(tmp_path, "--store", str(db), "--until", "2026-10-23")
    assert plain.exit_code == 3 and held_key() == 0, plain.stderr
    told = alerts(tmp_path, *day, "--dry-run")
    assert told.exit_code == 0 and told.stdout == "" and "redact key" not in told.stderr, told.stderr
    assert "1 already sent" in told.stderr
    sent = alerts(tmp_path, *day, "--resend")
    assert sent.exit_code == 3 and "redact key" not in sent.stderr, sent.stderr
    assert held_key() == 1
    again = alerts(tmp_path, *day, "--dry-run", "--resend")
    assert "redact key" not in again.stderr, again.stderr
    keys = [[json.loads(line)["key"] for line in run.stdout.splitlines()] for run in (sent, again)]
    assert keys[0] == keys[1] and len(keys[0]) == 1 and "/900@" not in keys[0][0], keys


def test_a_brands_line_mostly_about_a_topic_quotes_a_post_on_it(tmp_path):
    """A gym's day of 41 "still charged after cancelling" posts paged `FlexFit: negative and volume spike ...; mostly
    about billing (41 of the 50 posts)` with `e.g. "FlexFit is rammed. January people pls wipe down the benches"`: the
    brand's widest-reach negative post of the day, on another topic. Here Kiro's recall day and a large account's
    negative post of no topic: the line's examples are the recall's posts now, the widest reach first as before."""
    db = recall_store(tmp_path)
    big = post(7000, "2026-11-25T08:00Z", "Kiro", "negative", "", followers=10**6)
    store.ingest(db, enriched([big]))
    got = alerts(tmp_path, "--store", db, "--until", "2026-11-26", "--topics", "--dry-run", "-f", "jsonl")
    assert got.exit_code == 3, got.stderr
    kiro = [json.loads(x) for x in got.stdout.splitlines() if json.loads(x)["brand"] == "Kiro"]
    assert [(a["kind"], a["about"]) for a in kiro] == [("negative_share", {"recall": 30}), ("volume", {"recall": 30})]
    recall = {f"post {i} about Kiro" for i in range(5000, 5030)}
    for a in kiro:
        assert a["examples"] and {e["text"] for e in a["examples"]} <= recall, a["examples"]
