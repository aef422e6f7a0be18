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
