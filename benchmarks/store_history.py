"""Time the history store and the report on synthetic enriched posts (no sentiment scoring: that is analyze's cost).

    python benchmarks/store_history.py --posts 200000

Prints seconds for: first ingest, re-ingest (all unchanged), loading 5 weeks back, building a weekly
report, rendering HTML, and detecting daily spikes over 10 weeks.
"""

from __future__ import annotations

import argparse
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


def timed(label: str, fn):
    t = time.perf_counter()
    result = fn()
    print(f"{label:<34} {time.perf_counter() - t:7.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=200_000)
    args = parser.parse_args()
    posts = synthetic(args.posts)
    config = Config(brands=[Brand("A", ["A"]), Brand("B", ["B"], competitor=True)])
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        print(f"{args.posts:,} posts over 10 weeks")
        print(timed("ingest (all new)", lambda: store.ingest(db, posts)))
        print(timed("ingest again (all unchanged)", lambda: store.ingest(db, posts)))
        print(f"store file size                    {db.stat().st_size / 1e6:7.1f} MB")
        period = resolve_period("week", until="2026-11-09")
        loaded = timed("load 5 weeks from the store", lambda: store.load_posts(db, period.start - 4 * period.length))
        rep = timed("build weekly report", lambda: build_report(loaded, config, period, comparison_period(period)))
        timed("render HTML (3 SVG charts)", lambda: render_html(rep))
        everything = store.load_posts(db)
        alerts = timed(
            "detect daily spikes, 8 weeks",
            lambda: detect_spikes(everything, period.start - 7 * period.length, period.end, config=config),
        )
        print(f"alerts on random data              {len(alerts):7d}")


if __name__ == "__main__":
    main()
