"""A store begun by a live fetch partway through an hour or a day (a festival's cron job, `fetch --store` every 5
minutes then `alerts`): the first, partial bucket is no history, and a store of a day's posts alone says why no day
alerts. Fetched from a real server on 127.0.0.1 into a real DuckDB file."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from brandpulse.cli import main

CONFIG = """
[brands.Harbourlight]
terms = ["Harbourlight", "#harbourlight"]
handles = ["@harbourlightfest"]
"""


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for var in ("BRANDPULSE_STORE", "BRANDPULSE_MASTODON_TOKEN"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("BRANDPULSE_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "festival.toml").write_text(CONFIG)


def statuses(times: list[pd.Timestamp]) -> list[dict]:
    """Mastodon statuses naming #harbourlight at `times`, newest first, as the hashtag timeline lists them."""
    out = []
    for i, t in sorted(enumerate(times), key=lambda p: p[1], reverse=True):
        out.append(
            {
                "id": str(113000000000000000 + i),
                "created_at": t.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                "in_reply_to_id": None,
                "language": "en",
                "url": f"https://social.example/@fan{i}/{i}",
                "content": f"<p>queue at gate {i % 7} of #harbourlight</p>",
                "replies_count": 0,
                "reblogs_count": 0,
                "favourites_count": 0,
                "reblog": None,
                "account": {"id": str(i), "username": f"fan{i}", "acct": f"fan{i}", "followers_count": 10},
            }
        )
    return out


def every(start: str, end: str, per_hour: int) -> list[pd.Timestamp]:
    return list(pd.date_range(start, end, freq=pd.Timedelta(hours=1) / per_hour, inclusive="left", tz="UTC"))


def fetch_into_store(httpserver, times: list[pd.Timestamp]) -> None:
    httpserver.expect_request("/api/v1/timelines/tag/harbourlight").respond_with_json(statuses(times))
    args = ["fetch", "mastodon", "#harbourlight", "--api-base", httpserver.url_for(""), "--store", "f.duckdb", "-q"]
    result = CliRunner().invoke(main, [*args, "-c", "festival.toml"])
    assert result.exit_code == 0, result.output
    httpserver.clear()


def alerts(*args: str):
    return CliRunner().invoke(main, ["alerts", "--store", "f.duckdb", "-c", "festival.toml", *args])


def test_the_hour_a_fetch_began_in_is_no_baseline(httpserver):
    """The first fetch ran at 06:43 with --since 1h: the store holds 05:43..06:43, a steady 20 posts an hour. The
    05:00 hour's 6 posts were the baseline of the first whole hour, 06:00, whose 20 posts fired "volume spike on
    2026-11-06 06:00 UTC: 20 posts (usual 6, alert above 15.7)": the team's first alert of the weekend was false."""
    fetch_into_store(httpserver, every("2026-11-06 05:43", "2026-11-06 07:00", 20))
    steady = alerts("--bucket", "hour", "--until", "2026-11-06T07:00Z", "--dry-run")
    assert steady.exit_code == 0, steady.output
    assert "volume spike" not in steady.output
    assert "checked 2026-11-05 07:00 .. 2026-11-06 07:00 UTC per hour: 0 new alerts" in steady.output
    # a real spike after it still fires, against the whole hours there are (06:00's 20)
    fetch_into_store(
        httpserver,
        every("2026-11-06 05:43", "2026-11-06 07:00", 20) + every("2026-11-06 07:00", "2026-11-06 08:00", 90),
    )
    spike = alerts("--bucket", "hour", "--until", "2026-11-06T08:00Z", "--dry-run")
    assert spike.exit_code == 3, spike.output
    assert "Harbourlight: volume spike on 2026-11-06 07:00 UTC: 90 posts (usual 20" in spike.output


def test_a_store_of_one_day_says_why_no_day_alerts(httpserver):
    """`alerts` per day (the default) on a store begun this morning checked "0 new alerts" every 5 minutes, --partial
    too, all day: nothing said that no day could alert before there was a whole day before it to compare with."""
    fetch_into_store(httpserver, every("2026-11-06 06:43", "2026-11-06 11:00", 20))
    note = (
        "note: the store's posts begin 2026-11-06 06:43: no whole day before the days checked to compare with, so "
        "no spike can alert yet (a safety post can): --bucket hour --partial compares hours"
    )
    first = alerts("--partial", "--until", "2026-11-06T11:00Z", "-q")
    assert first.exit_code == 0 and note in first.output, first.output
    again = alerts("--partial", "--until", "2026-11-06T11:05Z", "-q")  # (a cron job's next run: said once)
    assert again.exit_code == 0 and "note:" not in again.output, again.output
    # without --partial, the complete days checked end before the posts: said with the warning
    daily = alerts("--until", "2026-11-06T11:10Z")
    assert note in daily.output and "warning: no posts to check" in daily.output, daily.output
    # Saturday: Friday began at 06:43, no whole day either; Sunday has Saturday
    fetch_into_store(httpserver, every("2026-11-06 06:43", "2026-11-08 11:00", 20))
    assert note in alerts("--partial", "--until", "2026-11-07T11:00Z").output
    sunday = alerts("--partial", "--until", "2026-11-08T11:00Z")
    assert "note:" not in sunday.output and "per day and the day in progress to 11:00" in sunday.output
    hourly = alerts("--bucket", "hour", "--partial", "--until", "2026-11-06T11:00Z")
    assert "note:" not in hourly.output, hourly.output


def test_an_export_of_whole_days_whose_first_post_is_after_midnight_has_a_first_day(tmp_path):
    """Review of stop 44: an export of whole days (10 posts a day, the first at 00:03) was taken for a store begun
    partway through its first day: "no whole day before the days checked", and day 2's 60 posts did not alert. A first
    post within 3 of the data's usual gaps of the day's start begins a whole day; a fetch begun at 06:43 does not."""
    rows = [
        {"post_id": f"{day}-{k}", "platform": "twitter", "author": f"a{k}", "text": "Harbourlight queue again",
         "created_at": (pd.Timestamp(f"2026-11-0{day}T00:03Z") + pd.Timedelta(minutes=23 * k)).isoformat()}
        for day, n in ((1, 10), (2, 60))
        for k in range(n)
    ]  # fmt: skip
    pd.DataFrame(rows).to_csv(tmp_path / "days.csv", index=False)
    runner = CliRunner()
    ingest = runner.invoke(main, ["ingest", "days.csv", "--store", "d.duckdb", "-c", "festival.toml", "-q"])
    assert ingest.exit_code == 0, ingest.output
    args = ["alerts", "--store", "d.duckdb", "-c", "festival.toml", "--since", "2026-11-02", "--until", "2026-11-03"]
    run = runner.invoke(main, [*args, "--dry-run"])
    assert "volume spike on 2026-11-02: 60 posts (usual 10" in run.stdout + run.stderr, run.output
    assert "no whole day before" not in run.stderr


def test_a_brand_of_a_few_posts_a_day_is_told_no_day_could_alert(tmp_path):
    """A fashion retailer's weekly `alerts` on a brand of 3 to 6 posts a day said "0 new alerts" every week, a week of
    refund complaints too: no day held --min-volume's 10 posts, so no spike of it could ever alert, and nothing said
    so. It is said now (not with -q), naming the fullest day; a day of 10 posts says nothing."""
    rows = [
        {"post_id": f"{day}-{k}", "platform": "twitter", "author": f"a{k}", "text": "Harbourlight refund still missing",
         "created_at": f"2026-11-{day:02d}T{8 + k:02d}:00Z"}
        for day in range(1, 15)
        for k in range(3 + day % 4)
    ]  # fmt: skip
    pd.DataFrame(rows).to_csv(tmp_path / "days.csv", index=False)
    runner = CliRunner()
    ingest = runner.invoke(main, ["ingest", "days.csv", "--store", "d.duckdb", "-c", "festival.toml", "-q"])
    assert ingest.exit_code == 0, ingest.output
    args = ["alerts", "--store", "d.duckdb", "-c", "festival.toml", "--until", "2026-11-15"]
    note = (
        "note: no day checked held 10 posts of one brand (--min-volume), the most 6 of Harbourlight on 2026-11-11: no"
        " brand's spike could alert (a safety post can)"
    )
    run = runner.invoke(main, args)
    assert run.exit_code == 0 and note in run.stderr, run.output
    assert runner.invoke(main, [*args, "-q"]).stderr == ""  # (an hourly job's quiet night: nothing to mail)
    assert note in runner.invoke(main, [*args, "--dry-run"]).stderr  # (trying --min-volume)
    assert "note:" not in runner.invoke(main, [*args, "--min-volume", "6"]).stderr
    # a day of 10 posts could alert: nothing said
    more = [{**rows[0], "post_id": f"x{k}", "created_at": f"2026-11-14T{k + 10:02d}:30Z"} for k in range(5)]
    pd.DataFrame(more).to_csv(tmp_path / "more.csv", index=False)
    assert (
        runner.invoke(main, ["ingest", "more.csv", "--store", "d.duckdb", "-c", "festival.toml", "-q"]).exit_code == 0
    )
    assert "note:" not in runner.invoke(main, args).stderr


def test_with_topics_the_note_counts_a_topics_posts_of_all_the_brands(tmp_path):
    """Review of stop 49: two brands of 3 refund posts a day each, then 9 each, and `alerts --topics`: the topic's day
    of 18 posts alerted, under a note that no spike could alert. A topic's buckets hold every brand's posts: the note
    is said when none of them held --min-volume's posts either, and says so."""
    (tmp_path / "two.toml").write_text(CONFIG + '\n[brands.Nova]\nterms = ["Nova"]\n')
    rows = [
        {"post_id": f"{brand}{day}-{k}", "platform": "twitter", "author": f"a{k}", "text": f"{brand} refund missing",
         "created_at": f"2026-11-{day:02d}T{8 + k:02d}:00Z"}
        for day in range(1, 15)
        for brand in ("Harbourlight", "Nova")
        for k in range(3 if day < 14 else 9)
    ]  # fmt: skip
    pd.DataFrame(rows).to_csv(tmp_path / "days.csv", index=False)
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "days.csv", "--store", "d.duckdb", "-c", "two.toml", "-q"]).exit_code == 0
    args = ["alerts", "--store", "d.duckdb", "-c", "two.toml", "--topics", "--dry-run"]
    run = runner.invoke(main, [*args, "--until", "2026-11-15"])
    assert "topic refunds: volume spike on 2026-11-14: 18 posts" in run.stdout, run.output
    assert "note:" not in run.stderr
    # a brand's 9 posts and a topic's 6 a day: no spike of either could alert
    run = runner.invoke(main, [*args, "--until", "2026-11-14"])
    assert run.exit_code == 0, run.output
    assert "the most 3 of Harbourlight on 2026-11-07: no brand's or topic's spike could alert" in run.stderr
    assert runner.invoke(main, [*args, "--until", "2026-11-14", "-q"]).stderr == ""
