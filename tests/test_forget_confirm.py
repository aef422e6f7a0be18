"""`brandpulse forget` asks first at a terminal (stop 52): it deleted at once, a mistyped `--older-than 3` a
store's history. With stdin and stderr a terminal it asks `forget N posts ...? [y/N]` (`--yes` does not); from
cron or a pipe (stdin not a terminal) it never asks. Run as a real process, on a pipe and on a pseudo-terminal."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

from test_history_forget import authors, setup

from brandpulse import store

REPO = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
FORGET = [sys.executable, "-m", "brandpulse", "forget", "--author", "@jane_doe", "--store"]


def test_from_a_pipe_it_never_asks_and_deletes(tmp_path, runner):
    _, db = setup(tmp_path, runner)
    run = subprocess.run(
        [*FORGET, str(db)], input="", cwd=tmp_path, env=ENV, capture_output=True, text=True, timeout=300
    )
    assert (run.returncode, run.stdout) == (0, "")
    assert "[y/N]" not in run.stderr and "forgot 2 posts by 1 author" in run.stderr
    assert len(store.load_posts(db)) == 41
    # the documented cron line: quiet, no prompt, the old posts gone (every post here is of 2026-11: none older)
    cron = subprocess.run(
        [sys.executable, "-m", "brandpulse", "forget", "--older-than", "365", "-q", "--store", str(db)],
        stdin=subprocess.DEVNULL,
        cwd=tmp_path,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert (cron.returncode, cron.stdout, cron.stderr) == (0, "", "")


def on_a_terminal(args: list[str], answer: str | None, cwd: Path) -> tuple[int, str]:
    """Runs `args` with stdin and stderr on a pseudo-terminal, answers `answer` once it asks (None: expects no
    question), and returns its exit code and what the terminal showed."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(args, stdin=follower, stderr=follower, stdout=subprocess.PIPE, cwd=cwd, env=ENV)
    os.close(follower)
    shown = b""
    answered = False
    while True:
        ready, _, _ = select.select([leader], [], [], 300)
        assert ready, f"no output from the command: {shown!r}"
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # (EIO: the command ended, the terminal closed)
            break
        if not chunk:
            break
        shown += chunk
        if b"[y/N]" in shown and not answered:
            assert answer is not None, shown
            os.write(leader, answer.encode() + b"\n")
            answered = True
    os.close(leader)
    assert proc.wait(timeout=300) is not None and proc.stdout.read() == b""
    return proc.returncode, shown.decode().replace("\r\n", "\n")


def test_on_a_terminal_it_asks_and_no_keeps_the_posts(tmp_path, runner):
    _, db = setup(tmp_path, runner)
    code, shown = on_a_terminal([*FORGET, str(db)], "n", tmp_path)
    assert code == 0
    assert f"{db}: forget 2 posts by 1 author? [y/N]: n\n" in shown
    assert shown.endswith("nothing forgotten\n") and "forgot 2" not in shown
    assert len(store.load_posts(db)) == 43 and "Jane_Doe" in authors(db)


def test_on_a_terminal_yes_deletes_and_dash_y_does_not_ask(tmp_path, runner):
    _, db = setup(tmp_path, runner)
    code, shown = on_a_terminal([*FORGET, str(db)], "y", tmp_path)
    assert code == 0
    assert f"{db}: forget 2 posts by 1 author? [y/N]: y\n" in shown
    assert f"{db}: forgot 2 posts by 1 author (the file written anew without them)" in shown
    assert len(store.load_posts(db)) == 41 and authors(db) == [f"user{i}" for i in range(7)]
    # -y: no question (the assertion in on_a_terminal fails if it asks)
    args = [sys.executable, "-m", "brandpulse", "forget", "--author", "user1", "-y", "--store", str(db)]
    code, shown = on_a_terminal(args, None, tmp_path)
    assert code == 0 and "[y/N]" not in shown and "forgot 6 posts by 1 author" in shown
    assert "user1" not in authors(db)
