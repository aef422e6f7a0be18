"""A cron job's `ingest` that found nothing (an empty export, every row rejected, posts stored already) is noted in the
store (`meta`'s `last_run`), so `report` and `alerts` tell a job that ran and found nothing from one that stopped."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from conftest import closed
from werkzeug import Response

from brandpulse.cli import main

CONFIG = '[brands.Skyway]\nterms = ["Skyway"]\n'
HEADER = "platform,post_id,author,created_at,text\n"
ONE = HEADER + "twitter,1,ann,2026-12-01T10:00:00Z,Skyway lost my bag\n"


@pytest.fixture
def job(tmp_path):
    """A store of one post (2026-12-01), its config, and a runner of brandpulse commands in `tmp_path`."""
    (tmp_path / "c.toml").write_text(CONFIG, "utf-8")
    (tmp_path / "one.csv").write_text(ONE, "utf-8")
    db = tmp_path / "s.duckdb"

    def run(*args: str):
        return CliRunner().invoke(main, [*args, "-c", str(tmp_path / "c.toml"), "--store", str(db)])

    assert run("ingest", str(tmp_path / "one.csv"), "-q").exit_code == 0
    return tmp_path, db, run


def stored(db) -> tuple[dict | None, int]:
    """The `last_run` noted in the store, read with DuckDB itself, and the rows of `runs`."""
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT value FROM meta WHERE key = 'last_run'").fetchall()
        runs = con.execute("SELECT count(*) FROM runs").fetchall()[0][0]
    return (json.loads(rows[0][0]) if rows else None), runs


@pytest.mark.parametrize(
    "content",
    [
        "",  # 0 bytes: an exporter that failed
        HEADER,  # a header alone: a quiet hour
        HEADER + "twitter,2,bob,not a date,Skyway hi\ntwitter,3,cy,2026-12-01T11:00:00Z,\n",  # every row rejected
        ONE,  # the post stored already
    ],
    ids=["empty", "header", "rejected", "stored-already"],
)
def test_an_ingest_that_stored_nothing_is_noted_as_a_run(job, content):
    tmp_path, db, run = job
    first, runs = stored(db)
    assert (first["command"], first["stored"], runs) == ("ingest", 1, 1)
    (tmp_path / "new.csv").write_text(content, "utf-8")
    before = datetime.now(UTC).replace(tzinfo=None)
    result = run("ingest", str(tmp_path / "new.csv"), "-q")
    after = datetime.now(UTC).replace(tzinfo=None)
    assert result.exit_code == 0, result.output
    noted, runs = stored(db)
    at = datetime.fromisoformat(noted["at"].removesuffix("Z"))
    assert (noted["command"], noted["stored"]) == ("ingest", 0) and before <= at <= after
    assert runs == 1  # (`runs` keeps the runs that wrote posts, which the posts name: no row of nothing)

    # report's last line says it, as its JSON does; the last ingest that wrote posts is still the one named
    md = run("report", "--since", "2026-11-30", "--until", "2026-12-07", "-f", "md")
    assert md.exit_code == 0, md.output
    assert f"; last run {at:%Y-%m-%d %H:%M} UTC (ingest) stored nothing new;" in md.stdout.splitlines()[-1]
    made = run("report", "--since", "2026-11-30", "--until", "2026-12-07", "-f", "json")
    record = json.loads(made.stdout)["brandpulse"]["store"]
    assert record["last_run"] == noted and record["ingested_at"] < noted["at"]


def test_a_report_after_an_ingest_that_stored_posts_says_no_run_of_nothing(job):
    tmp_path, db, run = job
    md = run("report", "--since", "2026-11-30", "--until", "2026-12-07", "-f", "md")
    assert "last ingest " in md.stdout.splitlines()[-1] and "last run" not in md.stdout
    assert stored(db)[0]["stored"] == 1


def test_alerts_with_no_posts_to_check_say_the_last_ingest_found_nothing(job):
    """No alert on no data, but a warning, which now tells an ingest that ran and stored nothing (a quiet source, an
    exporter writing headers alone) from one that stopped (no such clause: the last run stored posts)."""
    tmp_path, db, run = job
    result = run("alerts", "--until", "2026-12-20")
    assert result.exit_code == 0, result.output
    said = "warning: no posts to check from 2026-12-13 00:00 UTC: the store's newest post is from 2026-12-01 10:00\n"
    assert said in result.stderr
    (tmp_path / "head.csv").write_text(HEADER, "utf-8")
    assert run("ingest", str(tmp_path / "head.csv"), "-q").exit_code == 0
    at = datetime.fromisoformat(stored(db)[0]["at"].removesuffix("Z"))
    result = run("alerts", "--until", "2026-12-20")
    assert result.exit_code == 0, result.output  # (not 3: nothing fired)
    assert said.replace("\n", f"; its last ingest, at {at:%Y-%m-%d %H:%M}, stored nothing new\n") in result.stderr


def test_a_stale_store_whose_last_ingest_found_nothing_says_the_job_ran(job):
    """`--stale-after` asked "is the fetch or ingest failing?" of a job that ran each hour and found an empty export:
    it now says the last ingest ran and stored nothing (exit 4 still: the posts are too old either way)."""
    tmp_path, db, run = job
    ask = "brandpulse: error: no post in the 24 hours before 2026-12-20 00:00 UTC (--stale-after): the newest post is"
    ask += " from 2026-12-01 10:00; "
    result = run("alerts", "--until", "2026-12-20", "--stale-after", "24", "-q")
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (4, ask + "is the fetch or ingest failing?")
    (tmp_path / "head.csv").write_text(HEADER, "utf-8")
    assert run("ingest", str(tmp_path / "head.csv"), "-q").exit_code == 0
    at = datetime.fromisoformat(stored(db)[0]["at"].removesuffix("Z"))
    result = run("alerts", "--until", "2026-12-20", "--stale-after", "24", "-q")
    assert result.exit_code == 4
    assert result.stderr.splitlines()[-1] == (
        ask + f"its last ingest, at {at:%Y-%m-%d %H:%M}, stored nothing new: is the export or the source empty?"
    )


def test_a_store_fetch_of_a_quiet_source_is_noted_as_a_run(job, httpserver):
    """`fetch --store` of no post (Hacker News answering no hit, a real server on 127.0.0.1) is a run too."""
    tmp_path, db, run = job
    quiet = {"hits": [], "nbHits": 0, "page": 0, "nbPages": 1, "hitsPerPage": 20, "query": "skyway"}
    httpserver.expect_request("/api/v1/search_by_date").respond_with_json(quiet)
    result = run("fetch", "hackernews", "skyway", "--api-base", httpserver.url_for(""), "-q")
    assert result.exit_code == 0, result.output
    noted, runs = stored(db)
    assert (noted["command"], noted["stored"], runs) == ("fetch", 0, 1)


def test_runs_lists_the_recent_runs_with_what_each_found(job, httpserver):
    """`meta`'s `last_run` kept the last run alone: a cron user could not see whether the runs before it ran, nor what
    each stored, found stored already or rejected. Each run is kept in `meta`'s `runs_log` too (no schema change),
    and `brandpulse runs` lists them, the newest first."""
    tmp_path, db, run = job  # (run 1: one.csv, its post inserted)
    (tmp_path / "two.csv").write_text(
        ONE + "twitter,2,bob,2026-12-01T11:00:00Z,Skyway again\ntwitter,3,cy,not a date,Skyway hi\n", "utf-8"
    )
    assert run("ingest", str(tmp_path / "two.csv"), "-q").exit_code == 0  # run 2: 1 new, 1 stored already, 1 rejected
    (tmp_path / "head.csv").write_text(HEADER, "utf-8")
    assert run("ingest", str(tmp_path / "head.csv"), "-q").exit_code == 0  # run 3: nothing
    quiet = {"hits": [], "nbHits": 0, "page": 0, "nbPages": 1, "hitsPerPage": 20, "query": "skyway"}
    httpserver.expect_request("/api/v1/search_by_date").respond_with_json(quiet)
    assert run("fetch", "hackernews", "skyway", "--api-base", httpserver.url_for(""), "-q").exit_code == 0  # run 4
    result = run("runs", "-f", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "at,command,stored,inserted,updated,unchanged,forgotten,rejected,exit,status"
    assert [line.split(",", 1)[1] for line in lines[1:]] == [
        "fetch,0,0,0,0,0,0,0,ok",
        "ingest,0,0,0,0,0,0,0,ok",
        "ingest,1,1,0,1,0,1,0,ok",
        "ingest,1,1,0,0,0,0,0,ok",
    ]
    times = [line.split(",")[0] for line in lines[1:]]
    assert times == sorted(times, reverse=True) and times[0] == stored(db)[0]["at"]
    assert result.stderr.endswith("s.duckdb: 4 runs listed\n")
    assert [r["command"] for r in json.loads(run("runs", "-f", "json", "-n", "2", "-q").stdout)] == ["fetch", "ingest"]


def test_runs_keeps_the_last_hundred_and_reads_a_store_of_before(job, monkeypatch):
    tmp_path, db, run = job
    from brandpulse import store

    monkeypatch.setattr(store, "RUNS_KEPT", 3)
    for _ in range(4):
        store.note_run(db, "fetch")
    assert [r["command"] for r in store.recent_runs(db)] == ["fetch", "fetch", "fetch"]  # (the ingest dropped)
    # a store whose runs were noted before the log was kept (stop 52): its last run alone, its other counts unknown
    with duckdb.connect(str(db)) as con:
        con.execute("DELETE FROM meta WHERE key = 'runs_log'")
    result = run("runs", "-f", "csv", "-q")
    assert result.exit_code == 0, result.output
    assert [line.split(",", 1)[1] for line in result.stdout.splitlines()[1:]] == ["fetch,0,,,,,,,"]
    # its next run is listed above that last run, which the log begins with (the first run of stop 53 lost it)
    assert run("ingest", str(tmp_path / "one.csv"), "-q").exit_code == 0  # (its post stored already)
    listed = run("runs", "-f", "csv", "-q").stdout.splitlines()[1:]
    assert [line.split(",", 1)[1] for line in listed] == ["ingest,0,0,0,1,0,0,0,ok", "fetch,0,,,,,,,"]


def test_the_store_records_which_analyzer_scored_each_post_as_docs_store_says(tmp_path):
    """docs/store.md said "the store does not record which analyzer scored a post": each post keeps the run that
    scored it (`run_id`), whose `runs` row names the analyzer, and a report of posts another analyzer scored says so."""
    (tmp_path / "c.toml").write_text(CONFIG, "utf-8")
    (tmp_path / "w1.csv").write_text(HEADER + "twitter,31,ann,2026-11-25T10:00:00Z,Skyway lost my bag\n", "utf-8")
    (tmp_path / "w2.csv").write_text(HEADER + "twitter,32,bob,2026-12-02T10:00:00Z,Skyway was fine\n", "utf-8")
    db = tmp_path / "s.duckdb"

    def run(*args: str):
        return CliRunner().invoke(main, [*args, "-c", str(tmp_path / "c.toml"), "--store", str(db)])

    assert run("ingest", str(tmp_path / "w1.csv"), "--sentiment", "vader", "-q").exit_code == 0
    assert run("ingest", str(tmp_path / "w2.csv"), "--sentiment", "cx", "-q").exit_code == 0
    with duckdb.connect(str(db), read_only=True) as con:
        scored = con.execute("SELECT post_id, r.sentiment FROM posts JOIN runs r USING (run_id) ORDER BY 1").fetchall()
    assert [(p, s.split(" ")[0]) for p, s in scored] == [("31", "vader"), ("32", "cx")]
    made = run("report", "--since", "2026-11-30", "--until", "2026-12-07", "-f", "md")
    assert made.exit_code == 0, made.output
    note = next(line for line in made.stderr.splitlines() if "scored by other rules" in line)
    assert note.startswith("note: 1 of the posts read was stored before ") and "(vader (vaderSentiment" in note


def test_runs_takes_the_csv_options_of_every_command_writing_csv(job):
    """`runs` wrote CSV but took neither --excel nor --decimal-comma ("No such option"), nor the config's [output]:
    in a decimal-comma spreadsheet its rows were one column each. By hand: one run (the fixture's ingest, 1 post)."""
    tmp_path, db, run = job
    result = run("runs", "-f", "csv", "--excel", "--decimal-comma", "-q")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith("\ufeff".encode())
    lines = result.stdout_bytes.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "at;command;stored;inserted;updated;unchanged;forgotten;rejected;exit;status"
    assert lines[1].split(";", 1)[1] == "ingest;1;1;0;0;0;0;0;ok"
    (tmp_path / "c.toml").write_text(CONFIG + "[output]\ndecimal_comma = true\n", "utf-8")
    assert run("runs", "-f", "csv", "-q").stdout.splitlines()[0].count(";") == 9


def log(db) -> list[dict]:
    """`meta`'s `runs_log`, read with DuckDB itself, the newest first."""
    with duckdb.connect(str(db), read_only=True) as con:
        return json.loads(con.execute("SELECT value FROM meta WHERE key = 'runs_log'").fetchall()[0][0])[::-1]


def test_a_failed_ingest_is_listed_with_its_error_and_writes_nothing_else(job):
    """An hourly ingest whose export could not be read rolled back and left no trace in `brandpulse runs`: it is
    listed with the error stderr showed and its exit code, logged after the rollback; the files before it stay."""
    tmp_path, db, run = job
    (tmp_path / "two.csv").write_text(HEADER + "twitter,2,bob,2026-12-01T11:00:00Z,Skyway again\n", "utf-8")
    # (a comma missing: read after two.csv is stored; a file cut short keeps its whole posts since stop 54)
    (tmp_path / "bad.json").write_text('[{"text": "Skyway"} {"text": "x"}]', "utf-8")
    result = run("ingest", str(tmp_path / "two.csv"), str(tmp_path / "bad.json"), "-q")
    assert result.exit_code == 4
    error = result.stderr.splitlines()[-1]
    said = "not valid JSON: Expecting ',' delimiter: line 1 column 21 (char 20)"
    assert error == f"brandpulse: error: {tmp_path / 'bad.json'}: {said}"
    listed = run("runs", "-f", "csv", "-q")
    assert (
        listed.stdout.splitlines()[0] == "at,command,stored,inserted,updated,unchanged,forgotten,rejected,exit,status"
    )
    rows = [line.split(",", 1)[1] for line in listed.stdout.splitlines()[1:]]
    failed = "failed: " + error.removeprefix("brandpulse: error: ")
    assert rows == [f'ingest,0,0,0,,,,4,"{failed}"', "ingest,1,1,0,0,0,0,0,ok", "ingest,1,1,0,0,0,0,0,ok"]
    assert failed == f"failed: {tmp_path / 'bad.json'}: {said}"
    assert [r["status"] for r in json.loads(run("runs", "-f", "json", "-q").stdout)] == [failed, "ok", "ok"]
    # nothing else: two.csv's post and run are kept, bad.json wrote none, and `last_run` is still two.csv's
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT post_id FROM posts ORDER BY 1").fetchall() == [("1",), ("2",)]
        assert con.execute("SELECT count(*) FROM runs").fetchall()[0][0] == 2
    noted, _ = stored(db)
    assert (noted["stored"], noted["at"]) == (1, log(db)[1]["at"])
    assert log(db)[0]["at"] > noted["at"]


def test_a_failed_ingest_into_no_store_makes_none(tmp_path):
    """Only a store that is there logs a failure: a first run that failed does not make one for it."""
    (tmp_path / "c.toml").write_text(CONFIG, "utf-8")
    (tmp_path / "bad.csv").write_text("platform,post_id\ntwitter,9\n", "utf-8")
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(
        main, ["ingest", str(tmp_path / "bad.csv"), "-c", str(tmp_path / "c.toml"), "--store", str(db)]
    )
    assert result.exit_code == 4 and not db.exists()


def x_page(post_id: str, next_token: str | None) -> dict:
    """One X recent-search page of a post naming Skyway, with the token of the next page."""
    page = {
        "data": [
            {"id": post_id, "author_id": "11", "created_at": "2026-12-01T09:00:00.000Z", "text": "Skyway lost it"}
        ],
        "includes": {"users": [{"id": "11", "username": "ann"}]},
        "meta": {"result_count": 1},
    }
    if next_token:
        page["meta"]["next_token"] = next_token
    return page


def test_a_fetch_whose_page_2_fails_is_listed_failed_without_its_token(job, httpserver):
    """`fetch --store` whose second page was an HTTP 500 (a real server on 127.0.0.1) kept page 1's post, listed as
    a run like any other (`ok`); it is now that run's entry, failed, with the error stderr showed: the API's echo of
    the bearer token redacted there as in the store."""
    tmp_path, db, run = job
    secret = "FAKE-SECRET-31d9e0"
    answers = [
        Response(json.dumps(x_page("401", "tok2")), content_type="application/json"),
        *[Response(json.dumps({"detail": f"upstream rejected {secret}"}), status=500, content_type="application/json")]
        * 5,  # (the client's retries of a 500 too)
    ]
    httpserver.expect_request("/2/tweets/search/recent").respond_with_handler(lambda request: answers.pop(0))
    result = CliRunner().invoke(
        main,
        ["fetch", "x", "skyway", "--api-base", httpserver.url_for(""), "-q"]
        + ["-c", str(tmp_path / "c.toml"), "--store", str(db)],
        env={"BRANDPULSE_X_BEARER_TOKEN": secret},
    )
    assert result.exit_code == 6, result.output
    said = f"x: HTTP 500 from {httpserver.host}:{httpserver.port}: upstream rejected [redacted]; try again later"
    assert result.stderr.splitlines()[-1] == f"brandpulse: error: {said}"
    listed = run("runs", "-f", "csv", "-q")
    assert listed.exit_code == 0, listed.output
    rows = [line.split(",", 1)[1] for line in listed.stdout.splitlines()[1:]]
    assert rows == [f"fetch,1,1,0,0,0,0,6,failed: {said}", "ingest,1,1,0,0,0,0,0,ok"]
    assert secret not in listed.stdout and secret not in json.dumps(log(db))
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT post_id FROM posts ORDER BY 1").fetchall() == [("1",), ("401",)]


def test_a_fetch_that_failed_before_any_post_is_listed(job, httpserver):
    """Its first page an HTTP 500: nothing stored, and a run of nothing, failed, is listed."""
    tmp_path, db, run = job
    httpserver.expect_request("/api/v1/search_by_date").respond_with_data("down", status=500)
    result = run("fetch", "hackernews", "skyway", "--api-base", httpserver.url_for(""), "-q")
    assert result.exit_code == 6
    said = f"hackernews: HTTP 500 from {httpserver.host}:{httpserver.port}; try again later"
    assert result.stderr.splitlines()[-1] == f"brandpulse: error: {said}"
    assert [(r["command"], r["stored"], r["exit"], r["status"]) for r in log(db)] == [
        ("fetch", 0, 6, f"failed: {said}"),
        ("ingest", 1, 0, "ok"),
    ]
    assert stored(db) == ({k: log(db)[1][k] for k in ("at", "command", "stored")}, 1)  # (the ingest's, as it was)


def _poll_log(db, proc, entries: int) -> list[dict]:
    """The store's runs log once it holds `entries` runs (read-only, again while the running ingest holds the file),
    or the process's end: a readiness check on the store itself, not a sleep."""
    for _ in range(60_000):  # (a bound for a test gone wrong, not a time the run must keep to)
        if proc.poll() is not None:
            return []
        try:
            if len(found := log(db)) >= entries:
                return found
        except duckdb.IOException:  # (the ingest holds the file: its lock)
            pass
        time.sleep(0.01)
    return []


@pytest.mark.parametrize(
    ("signum", "code", "said"), [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")]
)
def test_an_ingest_stopped_by_a_signal_is_listed_failed_with_its_exit_code(job, signum, code, said):
    """`timeout 50m brandpulse ingest exports.csv -` in a crontab, stopped by SIGTERM while it read stdin (or Ctrl-C),
    left no trace in `brandpulse runs`: its files before were listed `ok`, and nothing said the run had been cut
    short. It is listed now as failed with the signal's line and exit code, after the file it stored."""
    tmp_path, db, _ = job
    (tmp_path / "two.csv").write_text(HEADER + "twitter,2,bob,2026-12-01T11:00:00Z,Skyway again\n", "utf-8")
    command = [sys.executable, "-m", "brandpulse", "ingest", str(tmp_path / "two.csv"), "-"]
    command += ["-c", str(tmp_path / "c.toml"), "--store", str(db)]
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,  # (held open, nothing written: the run waits there after two.csv)
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(root)},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # (a test runner may ignore it)
    )
    try:
        ready = _poll_log(db, proc, 2)  # two.csv stored: the run has gone on to stdin
        assert [r["status"] for r in ready] == ["ok", "ok"]
        proc.send_signal(signum)
        _, stderr = proc.communicate()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == code
    assert stderr.decode().splitlines()[-1] == f"brandpulse: {said}"
    newest, before = log(db)[:2]
    assert (newest["status"], newest["exit"], newest["stored"], newest["command"]) == (
        f"failed: {said}",
        code,
        0,
        "ingest",
    )
    assert (before["status"], before["inserted"]) == ("ok", 1)
    assert newest["at"] > before["at"]
    listed = CliRunner().invoke(main, ["runs", "--store", str(db), "-f", "csv", "-q"])
    assert listed.stdout.splitlines()[1].split(",", 1)[1] == f"ingest,0,0,0,,,,{code},failed: {said}"


def test_a_failed_last_run_is_said_by_stale_after_and_the_report(job):
    """`last_run` is the last run that did its work: after an ingest that failed, `--stale-after` still asked "is the
    fetch or ingest failing?" and a report's last line said nothing of it. Both say the newest run failed, and how;
    a run that works again after it leaves them as before."""
    tmp_path, db, run = job
    (tmp_path / "bad.json").write_text('[{"text": "Skyway"} {"text": "x"}]', "utf-8")
    assert run("ingest", str(tmp_path / "bad.json"), "-q").exit_code == 4
    failed = log(db)[0]
    at = datetime.fromisoformat(failed["at"].removesuffix("Z"))
    result = run("alerts", "--until", "2026-12-20", "--stale-after", "24", "-q")
    assert result.exit_code == 4
    said = "not valid JSON: Expecting ',' delimiter: line 1 column 21 (char 20)"
    assert result.stderr.splitlines()[-1] == (
        "brandpulse: error: no post in the 24 hours before 2026-12-20 00:00 UTC (--stale-after): the newest post is"
        f" from 2026-12-01 10:00; its last ingest, at {at:%Y-%m-%d %H:%M}, failed (exit 4: {tmp_path / 'bad.json'}:"
        f" {said})"
    )
    report = run("report", "--since", "2026-12-01", "--until", "2026-12-02", "-f", "md")
    assert report.exit_code == 0, report.stderr
    assert f"; last run {at:%Y-%m-%d %H:%M} UTC (ingest) failed, exit 4;" in report.stdout
    assert run("ingest", str(tmp_path / "one.csv"), "-q").exit_code == 0  # (works again: stored nothing new)
    report = run("report", "--since", "2026-12-01", "--until", "2026-12-02", "-f", "md")
    assert "failed" not in report.stdout and "stored nothing new" in report.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["runs"],
        ["runs", "-f", "json"],
        ["report", "--since", "2026-12-01", "--until", "2026-12-02"],
        ["queue", "--now", "2026-12-02"],
        ["alerts", "--until", "2026-12-02"],
    ],
    ids=["runs", "runs-json", "report", "queue", "alerts"],
)
def test_store_commands_with_stdout_closed_say_one_line_exit_1_and_log_nothing(job, args):
    """A cron line's `>&-` (stdout closed) on the commands reading the store: the one line, exit 1, no traceback nor
    other note (`alerts` checked its buckets first, and with no alert exited 0: its alerts went nowhere); no run is
    logged by it (they read the store)."""
    tmp_path, db, _ = job
    before = log(db)
    proc = closed(*args, "-c", str(tmp_path / "c.toml"), "--store", str(db), stderr=subprocess.PIPE)
    assert (proc.returncode, proc.stderr) == (
        1,
        "brandpulse: error: stdout is closed: leave it open, or write to a file with -o\n",
    )
    assert log(db) == before
