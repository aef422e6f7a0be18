"""The weekly cron recipe (docs/store.md) end to end, on generated data and on examples/posts.csv when present."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from history_fixtures import CONFIG_TOML, spike_csv_rows, write_csv

from brandpulse import store
from brandpulse.cli import main

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


def cron_line(path: Path, section: str) -> str:
    """The weekly crontab line of a section of `path` (README.md, docs/store.md), after its `cd`."""
    text = path.read_text("utf-8").split(f"\n## {section}", 1)[1]
    [line] = [x for x in re.search(r"```cron\n(.*?)```", text, re.S).group(1).splitlines() if x.startswith("0 6 ")]
    return line.removeprefix("0 6 * * 1  cd /srv/brandpulse && ")


def test_readmes_recipe_is_the_docs_one_after_its_fetch():
    """README's weekly line is docs/store.md's (which the tests below run) with a `fetch` before it: a change to one
    (moving the ingested exports away) is made to the other."""
    fetch, rest = cron_line(REPO / "README.md", "History, weekly reports and alerts").split(" ; ", 1)
    assert fetch.startswith("brandpulse fetch ") and rest == cron_line(REPO / "docs" / "store.md", "Cron recipe")


def weekly_line() -> str:
    """docs/store.md's crontab line as written (it was copied here by hand: a recipe changed in the docs went
    untested), with the clock given explicitly (cron runs it at Monday 06:00 UTC) and the reports' names fixed."""
    line = cron_line(REPO / "docs" / "store.md", "Cron recipe")
    for old, new in (
        (
            "report --period week -q -o reports/week-$(date -u +\\%G-W\\%V -d yesterday)",
            "report --period week --now NOW -q -o reports/week",
        ),
        ("alerts --wait", "alerts --until NOW --wait"),
    ):
        assert old in line, (old, line)
        line = line.replace(old, new)
    assert "%" not in line and "$(" not in line, line
    return line.replace("brandpulse ", f"{sys.executable} -m brandpulse ")


def cron(workdir: Path, now: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    line = weekly_line().replace("NOW", now)
    return subprocess.run(["sh", "-c", line], cwd=workdir, env=env, capture_output=True, text=True, timeout=300)


def test_weekly_cron_run_quiet_then_spike_then_no_repeat(tmp_path):
    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML)
    (tmp_path / "exports").mkdir()  # no reports/ folder: the recipe makes it (a fresh server's first run failed)
    rows = spike_csv_rows(spike=True)
    early = [r for r in rows if r["created_at"] < "2026-10-19"]
    write_csv(tmp_path / "exports" / "w1.csv", early)

    quiet = cron(tmp_path, "2026-10-19T06:00")
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stdout == "" and quiet.stderr == ""  # nothing for cron to mail
    week = (tmp_path / "reports" / "week.md").read_text()
    assert week.startswith("# brandpulse report: 2026-10-12 .. 2026-10-18")
    # ingested, the export is moved away: next week's run does not read it again
    assert sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "exports").rglob("*.csv")) == [
        "exports/done/w1.csv"
    ]

    write_csv(tmp_path / "exports" / "w2.csv", rows)  # the new export repeats the old weeks
    spike = cron(tmp_path, "2026-10-26T06:00")
    assert spike.returncode == 3, spike.stderr
    assert spike.stderr == ""  # the mail is the alert line: a negative and a volume spike, one event, one line
    assert spike.stdout.splitlines() == [
        "Skyway: negative and volume spike on 2026-10-20: 80% negative (48 of 60 posts with a sentiment; "
        "usual 30%, alert above 45%); 60 posts (usual 10, alert above 22.6)",
    ]
    # 28 days x 20 posts + 50 extra on the spike day, each stored once
    assert len(store.load_posts(tmp_path / "brandpulse.duckdb")) == 28 * 20 + 50
    md = (tmp_path / "reports" / "week.md").read_text()
    # Skyway: 6 days x 10 + 60 = 120 posts vs 70 the week before
    assert "| Skyway | 120 | +50 (+71%) |" in md
    html = (tmp_path / "reports" / "week.html").read_text()
    assert html.count("<svg") == 3

    assert sorted(p.name for p in (tmp_path / "exports").rglob("*.csv")) == ["w1.csv", "w2.csv"]
    assert not list((tmp_path / "exports").glob("*.csv"))

    # the exports were moved away by the recipe: ingest says so, the report is still written, the alerts sent
    # last time are not sent again
    (tmp_path / "reports" / "week.md").unlink()
    again = cron(tmp_path, "2026-10-26T06:00")
    assert again.returncode == 0 and again.stdout == ""
    assert again.stderr == "brandpulse: error: exports/*.csv: no file matches\n"
    assert "| Skyway | 120 | +50 (+71%) |" in (tmp_path / "reports" / "week.md").read_text()
    assert len(store.load_posts(tmp_path / "brandpulse.duckdb")) == 28 * 20 + 50
    assert sorted(p.name for p in (tmp_path / "exports" / "done").iterdir()) == ["w1.csv", "w2.csv"]


needs_examples = pytest.mark.skipif(
    not (EXAMPLES / "posts.csv").exists(), reason="examples/posts.csv not in this checkout (examples branch)"
)


@needs_examples
def test_example_data_spike_in_week_7_and_quiet_last_week(tmp_path):
    db = str(tmp_path / "h.duckdb")
    cfg = str(EXAMPLES / "brandpulse.toml")
    runner = CliRunner()
    ingest = runner.invoke(main, ["ingest", str(EXAMPLES / "posts.csv"), "--store", db, "-c", cfg])
    assert ingest.exit_code == 0, ingest.stderr
    assert "unchanged 0" in ingest.stderr
    quiet = runner.invoke(main, ["alerts", "--store", db, "-c", cfg, "--until", "2026-11-09"])
    assert quiet.exit_code == 0 and quiet.stdout == ""
    spike = runner.invoke(main, ["alerts", "--store", db, "-c", cfg, "--until", "2026-10-19"])
    assert spike.exit_code == 3
    assert {line.split(":")[0] for line in spike.stdout.splitlines()} == {"Skyway"}
    # (a line a day, 10-13..10-16, each the day's negative and volume spikes: docs/store.md)
    assert [line[:49] for line in spike.stdout.splitlines()] == [
        f"Skyway: negative and volume spike on 2026-10-{day}: " for day in (13, 14, 15, 16)
    ]
    # (63 of 69: stop 54 read "slept on the floor at Madrid airport thanks to Skyway. kids too" and its Minneapolis
    # twin as negative, "thanks to" after a complaint its cause; 61 before)
    assert spike.stdout.startswith(
        "Skyway: negative and volume spike on 2026-10-13: 91.3% negative (63 of 69 posts with a sentiment; usual"
        " 40.2%, alert above 55.1%); 72 posts (usual 9.5, alert above 21.8)\n"
    )
    # README says the four days' negative shares (it said 88 %, 87 % after stop 54's rules gave 91.3 %, 88.5 %)
    shares = [re.search(r": ([0-9.]+)% negative", line).group(1) for line in spike.stdout.splitlines()]
    assert shares == ["91.3", "88.5", "77.8", "83.3"]
    readme = " ".join((REPO / "README.md").read_text("utf-8").split())
    assert "fires eight Skyway alerts for week 7, negative shares of 91.3 %, 88.5 %, 77.8 % and 83.3 %" in readme
    rep = runner.invoke(
        main, ["report", "--store", db, "-c", cfg, "--period", "week", "--until", "2026-10-19", "-f", "json"]
    )
    data = json.loads(rep.stdout)
    brands = {r["brand"]: r for r in data["tables"]["brands"]}
    # the README of the example data: Skyway ~3.3x a normal week
    assert brands["Skyway"]["volume"] > 2.5 * brands["Skyway"]["volume_prev"]
    assert "outage" in {t["term"] for t in data["tables"]["emerging"][:5]}
    last = runner.invoke(main, ["report", "--store", db, "-c", cfg, "--until", "2026-11-09", "-f", "json"])
    last_week = json.loads(last.stdout)
    assert last_week["period"]["label"] == "2026-11-02 .. 2026-11-08"
    assert 0 < last_week["posts"] < data["posts"]


def test_weekly_run_in_new_york_on_a_machine_in_india_across_the_dst_change(tmp_path):
    """The recipe with `--tz America/New_York` on a machine whose TZ is Asia/Kolkata: the week in which
    New York's clocks go back (2026-11-01) is 169 hours of posts, compared with the 168 before it."""
    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML)
    hours = pd.date_range("2026-10-12T00:00Z", "2026-11-16T00:00Z", freq="h", inclusive="left")
    rows = [
        {"post_id": str(i), "platform": "twitter", "created_at": f"{t:%Y-%m-%dT%H:%M:%SZ}", "text": "Skyway flight"}
        for i, t in enumerate(hours)
    ]
    write_csv(tmp_path / "posts.csv", rows)
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", "TZ": "Asia/Kolkata"}

    def run(*args):
        command = [sys.executable, "-m", "brandpulse", *args, "-q"]
        return subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)

    assert run("ingest", "posts.csv", "--wait", "300").returncode == 0
    weeks = {}
    for monday in ("2026-11-02", "2026-11-09"):  # the job at 06:00 New York time
        report = run("report", "--period", "week", "--now", f"{monday}T06:00", "--tz", "America/New_York", "-f", "json")
        data = json.loads(report.stdout)
        total = next(r for r in data["tables"]["brands"] if r["brand"] == "(all posts)")
        weeks[monday] = (data["period"]["start"], data["period"]["end"], total["volume"], total["volume_prev"])
        quiet = run("alerts", "--until", f"{monday}T06:00", "--tz", "America/New_York")
        assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    assert weeks == {
        "2026-11-02": ("2026-10-26T04:00:00Z", "2026-11-02T05:00:00Z", 169, 168),  # EDT to EST
        "2026-11-09": ("2026-11-02T05:00:00Z", "2026-11-09T05:00:00Z", 168, 169),
    }


def test_hourly_ingest_recipe_is_quiet_in_an_hour_without_exports(tmp_path):
    """docs/store.md's hourly line: an hour of a CSV export alone is ingested and moved away (its `*.jsonl` matching
    nothing), and the next hour, without any, mails nothing (an ingest of no file was `no file matches`, exit 4)."""
    text = (REPO / "docs" / "store.md").read_text("utf-8").split("\n## Cron recipe", 1)[1]
    [line] = [x for x in re.findall(r"```cron\n(.*?)```", text, re.S)[1].splitlines() if x.startswith("5 * * * *")]
    line = line.removeprefix("5 * * * *  cd /srv/brandpulse && ")
    line = line.replace("alerts --bucket hour --wait", "alerts --bucket hour --until 2026-09-28T09:05Z --wait")
    line = line.replace("brandpulse ", f"{sys.executable} -m brandpulse ")
    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML)
    (tmp_path / "exports").mkdir()
    write_csv(tmp_path / "exports" / "2026-09-28-08.csv", spike_csv_rows(False)[:5])
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    for hour in (1, 2):
        run = subprocess.run(["sh", "-c", line], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
        assert (run.returncode, run.stdout, run.stderr) == (0, "", ""), hour
        assert list((tmp_path / "exports").glob("*.csv")) == []
        assert [p.name for p in (tmp_path / "exports" / "done").iterdir()] == ["2026-09-28-08.csv"]
    assert len(store.load_posts(tmp_path / "brandpulse.duckdb")) == 5
