"""A cron `ingest` while another process holds the store for writing, in a transaction it has not committed: it waits
`--wait` seconds, then stops with one line naming the store and its holder, exit 7 (README "Exit codes"), no
traceback, and the store as it was."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb

CONFIG = '[brands.Skyway]\nterms = ["Skyway"]\n'
HEADER = "platform,post_id,author,created_at,text\n"

#: a second writer, as a notebook or a hung job: the store opened for writing and a transaction left open
HOLD = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("BEGIN TRANSACTION")
con.execute("INSERT INTO meta VALUES ('held by the test', 'uncommitted')")
print("locked", flush=True)
sys.stdin.read()
"""


def brandpulse(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    return subprocess.run(
        [sys.executable, "-m", "brandpulse", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,  # (a guard: a run that hung fails instead of holding the suite)
    )


def posts(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT key FROM posts ORDER BY key").fetchall()


def test_an_ingest_into_a_store_held_for_writing_waits_then_says_busy_in_one_line(tmp_path):
    (tmp_path / "c.toml").write_text(CONFIG, "utf-8")
    (tmp_path / "a.csv").write_text(HEADER + "twitter,1,ann,2026-12-01T10:00:00Z,Skyway lost my bag\n", "utf-8")
    (tmp_path / "b.csv").write_text(HEADER + "twitter,2,bob,2026-12-02T10:00:00Z,Skyway found it\n", "utf-8")
    db = tmp_path / "s.duckdb"
    assert brandpulse("ingest", "a.csv", "-c", "c.toml", "--store", "s.duckdb", "-q", cwd=tmp_path).returncode == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        busy = brandpulse("ingest", "b.csv", "-c", "c.toml", "--store", "s.duckdb", "--wait", "1", "-q", cwd=tmp_path)
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    program = Path(os.path.realpath(sys.executable)).name
    assert (busy.returncode, busy.stdout) == (7, "")
    assert busy.stderr == (
        f"brandpulse: error: s.duckdb: store is busy (process {holder.pid}, {program}, has it open); waited 1s,"
        " try again or raise --wait\n"
    )
    assert waited >= 1  # (it waited for the lock as long as --wait said, not failing at once)
    # the store as it was: the holder's uncommitted row rolled back with it, b.csv's post not stored
    assert posts(db) == [("twitter:1",)]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM meta WHERE key = 'held by the test'").fetchall() == [(0,)]
        # and no failed run logged: the store could not be written (trying would have waited --wait again)
        log = con.execute("SELECT value FROM meta WHERE key = 'runs_log'").fetchall()[0][0]
    assert [(r["stored"], r["status"]) for r in json.loads(log)] == [(1, "ok")]
    # once let go, the same command stores it
    again = brandpulse("ingest", "b.csv", "-c", "c.toml", "--store", "s.duckdb", "--wait", "1", "-q", cwd=tmp_path)
    assert (again.returncode, again.stderr) == (0, "")
    assert posts(db) == [("twitter:1",), ("twitter:2",)]


def test_the_exit_code_of_a_busy_store_is_the_documented_one():
    """README's "Exit codes" table gives 7 to a busy store, as the test above gets."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    [row] = [line for line in readme.splitlines() if line.startswith("| 7 |")]
    assert "the store is busy" in row
