"""`brandpulse queue`'s library work on N generated posts of a week: `answered()` (which posts a brand handle
replied to) and the whole `response_queue()`.

Why a script and not a test: timings on a shared machine are too noisy to assert on.

Posts name Skyway, Aerolux or both; one in ten is a reply, by @SkywayHelp, AeroluxCare or a customer, to a
random post. Best of --runs; the count of answered posts is printed too, to compare two versions' results:

    PYTHONPATH=. python benchmarks/bench_queue.py                 # 100,000 posts
    PYTHONPATH=../other python benchmarks/bench_queue.py          # another checkout, the same posts
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from brandpulse.config import Brand, Config
from brandpulse.report.queue import answered, response_queue
from brandpulse.schema import ENRICHED_FIELDS, conform

START = pd.Timestamp("2026-11-02T00:00Z")


def week_of_posts(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    replies = rng.random(n) < 0.1
    replier = rng.choice(["@SkywayHelp", "AeroluxCare", "someone"], n)
    label = rng.choice(["negative", "neutral", "positive"], n)
    df = pd.DataFrame(
        {
            "post_id": [str(i) for i in range(n)],
            "platform": "twitter",
            "created_at": START + pd.to_timedelta(rng.integers(0, 7 * 86_400, n), unit="s"),
            "author": np.where(replies, replier, [f"u{i}" for i in range(n)]),
            "author_followers": rng.integers(0, 10_000, n),
            "text": "Skyway lost my bag?",
            "url": "https://x.com/u/status/1",
            "likes": 0,
            "reposts": 0,
            "replies": 0,
            "parent_id": np.where(replies, rng.integers(0, n, n).astype(str), None),
            "brands": rng.choice(["Skyway", "Aerolux", "Skyway;Aerolux"], n),
            "sentiment_label": label,
            "sentiment": pd.Series(label).map({"positive": 0.5, "neutral": 0.0, "negative": -0.5}),
            "topics": "",
        }
    )
    return conform(df, extra=[c for c in df.columns if c in ENRICHED_FIELDS])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    df = week_of_posts(args.n)
    config = Config(
        brands=[
            Brand("Skyway", ["Skyway"], handles=["@SkywayHelp"]),
            Brand("Aerolux", ["Aerolux"], handles=["@AeroluxCare"]),
        ]
    )
    ours = ["Skyway", "Aerolux"]
    took = {"answered": [], "response_queue": []}
    for _ in range(args.runs):
        start = time.perf_counter()
        flags = answered(df, df, config, ours)
        took["answered"].append(time.perf_counter() - start)
        start = time.perf_counter()
        queue = response_queue(df, config, now=pd.Timestamp("2026-11-09T12:00Z"), since=START)
        took["response_queue"].append(time.perf_counter() - start)
    print(
        f"{args.n:,} posts: answered() {min(took['answered']):.3f} s ({int(flags.sum()):,} answered), "
        f"response_queue() {min(took['response_queue']):.3f} s ({len(queue):,} queued); best of {args.runs}"
    )


if __name__ == "__main__":
    main()
