"""Time the history store and the report on synthetic enriched posts (no sentiment scoring: that is analyze's cost).

    python benchmarks/store_history.py --posts 200000

Prints seconds for: first ingest, re-ingest (all unchanged), loading 5 weeks back, building a weekly
report, rendering HTML, and detecting daily spikes over 10 weeks.

Ingest, re-ingest, load and report are also done the way an analyst would without brandpulse, in the same
run on the same posts, and the ratio (brandpulse / baseline) is printed next to each: timings on a shared
machine are noisy, the ratio is the comparable number. The baseline is pandas on a SQLite file: to_sql,
a re-ingest that reads the stored post ids and appends the rest, read_sql of the 5 weeks, and a groupby per
week and brand (posts, negative share). It has no upsert of changed posts, no schema, no emerging terms.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from brandpulse import store
from brandpulse.config import Brand, Config
from brandpulse.report.build import build_report
from brandpulse.report.html import render_html
from brandpulse.report.periods import comparison_period, resolve_period
from brandpulse.report.spikes import detect_spikes
from brandpulse.schema import conform

WORDS = [
    "flight",
    "bag",
    "delay",
    "refund",
    "crew",
    "seat",
    "app",
    "order",
    "food",
    "late",
    "great",
    "awful",
    "love",
    "lost",
    "gate",
    "wifi",
    "price",
]


def synthetic(n: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2026-08-31", tz="UTC")
    words = rng.choice(WORDS, size=(n, 8))
    texts = pd.Series([" ".join(w) for w in words])
    polarity = rng.uniform(-1, 1, n).round(3)
    df = pd.DataFrame(
        {
            "post_id": np.arange(n).astype(str),
            "platform": rng.choice(["twitter", "reddit", "bluesky"], n),
            "created_at": start + pd.to_timedelta(rng.integers(0, 70 * 86400, n), unit="s"),
            "author": pd.Series(rng.integers(0, n // 5 + 1, n)).map("user{}".format),
            "author_followers": rng.pareto(1.2, n).astype(int) * 50,
            "text": texts,
            "url": "https://example.invalid/p",
            "likes": rng.poisson(3, n),
            "reposts": rng.poisson(1, n),
            "replies": rng.poisson(1, n),
        }
    )
    out = conform(df)
    out["brands"] = rng.choice(["A", "B", "A;B", ""], n, p=[0.5, 0.3, 0.1, 0.1])
    out["sentiment"] = polarity
    out["subjectivity"] = np.nan
    out["sentiment_label"] = np.where(polarity > 0.05, "positive", np.where(polarity < -0.05, "negative", "neutral"))
    out["topics"] = rng.choice(["delays", "refunds", "delays;refunds", ""], n)
    return out


def timed(label: str, fn, baseline=None):
    """Run `fn` (and `baseline` right after it, so both see the same load); print seconds and the ratio."""
    t = time.perf_counter()
    result = fn()
    secs = time.perf_counter() - t
    line = f"{label:<34} {secs:7.2f} s"
    if baseline is not None:
        t = time.perf_counter()
        baseline()
        base = time.perf_counter() - t
        line += f"   baseline {base:6.2f} s   ratio {secs / base:5.2f}x"
    print(line)
    return result


def naive_ingest(db: Path, posts: pd.DataFrame) -> int:
    """Append the posts whose post_id is not stored yet (all of them into a new file)."""
    with sqlite3.connect(db) as con:
        try:
            stored = set(pd.read_sql("SELECT post_id FROM posts", con)["post_id"])
        except pd.errors.DatabaseError:  # no table yet
            stored = set()
        new = posts[~posts["post_id"].isin(stored)]
        new.to_sql("posts", con, if_exists="append", index=False)
    return len(new)


def naive_load(db: Path, since: pd.Timestamp) -> pd.DataFrame:
    with sqlite3.connect(db) as con:
        df = pd.read_sql("SELECT * FROM posts WHERE created_at >= ?", con, params=[str(since)])
    df["created_at"] = pd.to_datetime(df["created_at"], utc=True, format="ISO8601")
    return df


def naive_report(df: pd.DataFrame) -> pd.DataFrame:
    """Posts and negative share per week and brand."""
    df = df.assign(brand=df["brands"].str.split(";")).explode("brand")
    df = df[df["brand"].notna() & (df["brand"] != "")]
    df["week"] = df["created_at"].dt.tz_localize(None).dt.to_period("W-SUN")
    df["negative"] = df["sentiment_label"] == "negative"
    return df.groupby(["week", "brand"]).agg(posts=("post_id", "size"), negative_share=("negative", "mean"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=200_000)
    args = parser.parse_args()
    posts = synthetic(args.posts)
    config = Config(brands=[Brand("A", ["A"]), Brand("B", ["B"], competitor=True)])
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        lite = Path(tmp) / "baseline.sqlite"
        load = os.getloadavg()
        print(f"machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (shared)")
        print(f"{args.posts:,} posts over 10 weeks; baseline: pandas + SQLite (to_sql, read_sql, groupby)")
        print(timed("ingest (all new)", lambda: store.ingest(db, posts), lambda: naive_ingest(lite, posts)))
        print(timed("ingest again (all unchanged)", lambda: store.ingest(db, posts), lambda: naive_ingest(lite, posts)))
        size, lite_size = db.stat().st_size / 1e6, lite.stat().st_size / 1e6
        print(f"store file size                    {size:7.1f} MB   baseline {lite_size:6.1f} MB")
        period = resolve_period("week", until="2026-11-09")
        since = period.start - 4 * period.length
        loaded = timed(
            "load 5 weeks from the store",
            lambda: store.load_posts(db, since),
            lambda: naive_load(lite, since),
        )
        naive = naive_load(lite, since)  # untimed: the frame the baseline report starts from
        print(f"posts loaded                       {len(loaded):7,d}   baseline {len(naive):6,d}")
        rep = timed(
            "build weekly report",
            lambda: build_report(loaded, config, period, comparison_period(period)),
            lambda: naive_report(naive),
        )
        timed("render HTML (3 SVG charts)", lambda: render_html(rep))
        everything = store.load_posts(db)
        alerts = timed(
            "detect daily spikes, 8 weeks",
            lambda: detect_spikes(everything, period.start - 7 * period.length, period.end, config=config),
        )
        print(f"alerts on random data              {len(alerts):7d}")


if __name__ == "__main__":
    main()
