"""`brandpulse forget` run as cron runs it, stdin not a terminal: it asks nothing (a retention line,
`forget --older-than 365 -q`, runs unattended), so it never waits on stdin nor reads an answer from it; what it did
is said first, then the warnings of what it could not do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb

CONFIG = '[brands.Skyway]\nterms = ["Skyway"]\n'
POSTS = (
    "platform,post_id,author,created_at,text\n"
    "twitter,1,ann,2026-12-01T10:00:00Z,Skyway lost my bag\n"
    "twitter,2,bob,2026-12-02T10:00:00Z,Skyway @ann found it\n"
)


def start(tmp_path: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    return subprocess.Popen(
        [sys.executable, "-m", "brandpulse", *args],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.PIPE,  # (a pipe, not a terminal: as under cron)
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def authors(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT author FROM posts ORDER BY author").fetchall()


def stored(tmp_path: Path) -> Path:
    (tmp_path / "c.toml").write_text(CONFIG, "utf-8")
    (tmp_path / "p.csv").write_text(POSTS, "utf-8")
    ingest = start(tmp_path, "ingest", "p.csv", "-c", "c.toml", "--store", "s.duckdb", "-q")
    assert ingest.communicate(timeout=300) == ("", "") and ingest.returncode == 0
    return tmp_path / "s.duckdb"


def test_forget_with_stdin_not_a_terminal_asks_nothing_and_reads_no_answer(tmp_path):
    """An answer on stdin ("n") is not read as one: the posts go, as the command line said."""
    db = stored(tmp_path)
    assert authors(db) == [("ann",), ("bob",)]
    forget = start(tmp_path, "forget", "--author", "@ann", "--author", "zed", "--store", "s.duckdb")
    out, err = forget.communicate("n\n", timeout=300)
    assert (forget.returncode, out) == (0, "")
    assert authors(db) == [("bob",)]
    # what it did first, then the warning (zed had no post), then the note (bob's reply names ann): one line each
    lines = err.splitlines()
    assert lines[0] == "s.duckdb: forgot 1 post by 2 authors (the file written anew without them)"
    assert lines[1].startswith("warning: 1 of the 2 authors named had no post in the store: ")
    assert lines[2] == "note: 1 post by others name them in their text (replies, say), kept"
    assert len(lines) == 3


def test_forget_never_waits_on_an_open_stdin(tmp_path):
    """stdin left open and silent, as a job's pipe can be: a prompt would wait on it for ever (the timeout fails the
    test); the retention line runs and says nothing with -q."""
    db = stored(tmp_path)
    forget = start(tmp_path, "forget", "--before", "2026-12-02", "-q", "--store", "s.duckdb")
    try:
        code = forget.wait(timeout=300)  # (stdin not closed: nothing is written to it)
    finally:
        forget.kill()
        out, err = forget.communicate()
    assert (code, out, err) == (0, "", "")
    assert authors(db) == [("bob",)]
