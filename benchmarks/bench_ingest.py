"""Ingest one week of analyzed posts into an empty store and into a store of many weeks: batch cost or store cost?

    python benchmarks/bench_ingest.py                       # a store of 1,000,000 posts, weeks of 55,000
    python benchmarks/bench_ingest.py --posts 2900000       # a year of weekly exports, as a tester's store

Why a script and not a test: timings on a shared machine are too noisy to assert on; the ratio (big store / empty
store, measured in the same run on the same week) is the comparable number.

The posts are benchmarks/bench_analyze.py's (the example generator's texts, ids, urls, 2% exported twice), read as
`brandpulse.read` reads a frame, with random analysis columns (no sentiment scoring: that is analyze's cost). The
big store is built with `store.ingest_posts`, one week a call, as a weekly cron job does; each measurement ingests
into a fresh copy of it (or a new store), so every run starts from the same file. Printed: the week ingested new,
and the same week again (all unchanged), each the best of --repeat runs, and their ratio to the empty store's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_analyze  # noqa: E402

from brandpulse import store  # noqa: E402
from brandpulse.sources import read_frame  # noqa: E402

START = pd.Timestamp("2025-01-06", tz="UTC")


def week(n: int, index: int) -> pd.DataFrame:
    """`n` analyzed posts created in week `index` after START, their ids their own."""
    df = bench_analyze.make_posts(n, 5000, 0.8, seed=100 + index, first_id=10**17 + index * 10**8)
    rng = np.random.default_rng(index)
    created = START + pd.Timedelta(weeks=index) + pd.to_timedelta(rng.integers(0, 7 * 86400, n), unit="s")
    df["created_at"] = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    posts = read_frame(df, "ingest").posts
    score = rng.uniform(-1, 1, n).round(4)
    posts["brands"] = rng.choice(["Skyway", "Nimbus", "Skyway;Nimbus", ""], n, p=[0.5, 0.3, 0.1, 0.1])
    posts["sentiment"] = score
    posts["subjectivity"] = rng.uniform(0, 1, n).round(4)
    posts["sentiment_label"] = np.where(score > 0.05, "positive", np.where(score < -0.05, "negative", "neutral"))
    posts["topics"] = rng.choice(["delays", "refunds", "delays;refunds", ""], n)
    posts["intent"] = rng.choice(["complaint", "question", "praise", ""], n)
    posts["brand_sentiments"] = np.where(posts["brands"] == "Skyway;Nimbus", "Skyway=0.2000;Nimbus=-0.4000", "")
    return posts


def remove(path: Path) -> None:
    for f in (path, path.with_name(path.name + ".wal")):
        f.unlink(missing_ok=True)


def timed_ingests(batch: pd.DataFrame, base: Path | None, dest: Path, repeat: int) -> tuple[float, float]:
    """Best seconds of ingesting `batch` into a copy of `base` (None: a new store), then of ingesting it again."""
    new, again = [], []
    for _ in range(repeat):
        remove(dest)
        if base is not None:
            shutil.copyfile(base, dest)
        os.sync()  # (the copy written back to disk before, not while, the ingest is timed)
        t = time.perf_counter()
        store.ingest_posts(dest, batch)
        new.append(time.perf_counter() - t)
        t = time.perf_counter()
        counts = store.ingest_posts(dest, batch)
        again.append(time.perf_counter() - t)
        assert counts.inserted == counts.updated == 0, counts
    return min(new), min(again)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--posts", type=int, default=1_000_000, help="posts in the big store (about)")
    ap.add_argument("--batch", type=int, default=55_000, help="posts a week")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each measurement (the best is printed)")
    ap.add_argument("--dir", type=Path, help="working folder (default: a temporary one, removed after)")
    args = ap.parse_args()
    if args.dir is None:
        with tempfile.TemporaryDirectory(prefix="bp-ingest-") as tmp:
            measure(args, Path(tmp))
    else:
        args.dir.mkdir(parents=True, exist_ok=True)
        measure(args, args.dir)


def measure(args: argparse.Namespace, work: Path) -> None:
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (shared)")
    big, dest = work / "big.duckdb", work / "copy.duckdb"
    weeks = max(1, round(args.posts / args.batch))
    t = time.perf_counter()
    for i in range(weeks):
        store.ingest_posts(big, week(args.batch, i))
    with store.open_store(big, read_only=True) as con:
        stored = con.execute("SELECT count(*) FROM posts").fetchall()[0][0]
    print(
        f"big store: {weeks} weeks, {stored:,} posts, {big.stat().st_size / 1e6:,.0f} MB"
        f" (built in {time.perf_counter() - t:.1f} s)"
    )
    batch = week(args.batch, weeks)  # the next week
    print(f"one week: {len(batch):,} posts; best of {args.repeat}")
    empty = timed_ingests(batch, None, dest, args.repeat)
    full = timed_ingests(batch, big, dest, args.repeat)
    for label, a, b in (
        ("ingest the week (new)", empty[0], full[0]),
        ("ingest it again (unchanged)", empty[1], full[1]),
    ):
        print(f"{label:<30} empty store {a:6.2f} s   big store {b:6.2f} s   ratio {b / a:5.2f}x")
    remove(dest)


if __name__ == "__main__":
    main()
