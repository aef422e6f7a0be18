"""A run killed half-way (SIGKILL, no chance to clean up) leaves the previous output file intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("delay", [0.5, 1.5, 3.0])
def test_killed_run_keeps_previous_output(tmp_path, delay):
    n = 30_000
    posts = pd.DataFrame({"id": range(n), "text": ["Delta lost my bag, terrible service"] * n})
    posts.to_csv(tmp_path / "posts.csv", index=False)
    out = tmp_path / "out.csv"
    out.write_text("previous report\n")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "brandpulse",
            "analyze",
            str(tmp_path / "posts.csv"),
            "--brand",
            "Delta",
            "--sentiment",
            "textblob-reference" if _has("textblob-reference") else "textblob",
            "-o",
            str(out),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    finished = proc.poll() is not None
    if not finished:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    text = out.read_text()
    if finished:
        assert len(pd.read_csv(out)) == n
    else:  # killed: the old file, whole, or (if the rename just happened) the whole new one
        assert text == "previous report\n" or len(pd.read_csv(out)) == n
    # at most the temporary file of the killed run is left beside it, never a half-written target
    assert {p.name for p in tmp_path.iterdir()} - {"posts.csv", "out.csv"} <= {
        p.name for p in tmp_path.iterdir() if p.name.startswith(".out.csv.")
    }


def _has(name: str) -> bool:
    from brandpulse.enrich.sentiment import ANALYZERS

    return name in ANALYZERS


@pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL and flock")
def test_the_temporary_file_of_a_killed_run_is_removed_by_the_next_run(tmp_path):
    """A run killed by SIGKILL (the OOM killer, a systemd timeout) left its `.out.csv.XXXXXXXX.tmp`, a partial copy of
    customers' posts, for good: a cron job killed each week piled them up. The next run writing the same file removes
    those no running process holds; one a run is writing (in another container too), and another output's, stay."""
    header = "id,text\n1,Delta lost my bag\n"
    (tmp_path / "posts.csv").write_text(header + "".join(f"{i},Delta ok {i}\n" for i in range(2, 50)))
    out = tmp_path / "out.csv"
    cmd = [sys.executable, "-m", "brandpulse", "analyze", "--brand", "Delta", "-q", "-o", str(out)]
    killed = subprocess.Popen([*cmd, "-"], stdin=subprocess.PIPE, stderr=subprocess.DEVNULL)
    killed.stdin.write(header.encode())
    killed.stdin.flush()  # (stdin left open: the run waits for more posts, its temporary file made)
    deadline = time.monotonic() + 60
    while not [p for p in tmp_path.iterdir() if p.name.startswith(".out.csv.")] and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.csv.")]
    assert len(left) == 1 and left[0].endswith(".tmp")
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait()
    killed.stdin.close()
    assert (tmp_path / left[0]).exists() and not out.exists()
    writing = tmp_path / ".out.csv.abcd1234.tmp"  # (a run writing it now: it holds it open, locked)
    other = tmp_path / ".other.csv.abcd1234.tmp"  # (another output's: its own next run removes it)
    for p in (writing, other):
        p.write_text("half")
    hold = (
        "import fcntl, sys; f = open(sys.argv[1]); fcntl.flock(f, fcntl.LOCK_EX); print(flush=True); sys.stdin.read()"
    )
    live = subprocess.Popen(
        [sys.executable, "-c", hold, str(writing)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert live.stdout.readline() == "\n"  # (locked)
        subprocess.run([*cmd, str(tmp_path / "posts.csv")], check=True)
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["posts.csv", "out.csv", writing.name, other.name])
        assert len(pd.read_csv(out)) == 49
    finally:
        live.kill()
        live.wait()
