"""Time brandpulse.read() on generated platform files: `python benchmarks/read_platforms.py [N]`.

Mastodon statuses (HTML bodies: BeautifulSoup per post) and X API v2 pages (twarc2 JSONL, 100 per line).
Each file is also read by the code an analyst would write without brandpulse, in the same run on the same
file, so that the ratio (brandpulse / baseline) is comparable across machines and loads: json.load and
BeautifulSoup(content).get_text() per status; json.loads per page, pd.json_normalize of the tweets and a join
of the usernames. The baseline does no validation, keeps no rejects and converts no types.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import pandas as pd
from bs4 import BeautifulSoup

from brandpulse.sources import read


def naive_mastodon(path: Path) -> pd.DataFrame:
    with open(path, encoding="utf-8") as fh:
        statuses = json.load(fh)
    rows = [
        {
            "post_id": s["id"],
            "created_at": s["created_at"],
            "author": s["account"]["acct"],
            "author_followers": s["account"]["followers_count"],
            "text": BeautifulSoup(s["content"], "html.parser").get_text(),
            "url": s["url"],
            "lang": s["language"],
            "likes": s["favourites_count"],
            "reposts": s["reblogs_count"],
            "replies": s["replies_count"],
            "parent_id": s["in_reply_to_id"],
        }
        for s in statuses
    ]
    return pd.DataFrame(rows)


def naive_x(path: Path) -> pd.DataFrame:
    tweets, users = [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            page = json.loads(line)
            tweets += page.get("data", [])
            users += page.get("includes", {}).get("users", [])
    df = pd.json_normalize(tweets)
    names = pd.json_normalize(users).drop_duplicates("id")
    names = names[["id", "username", "public_metrics.followers_count"]]
    df = df.merge(names.rename(columns={"id": "author_id"}), on="author_id", how="left")
    metrics = {"like_count": "likes", "retweet_count": "reposts", "reply_count": "replies"}
    columns = {"id": "post_id", "username": "author", "public_metrics.followers_count": "author_followers"}
    return df.rename(columns={**columns, **{f"public_metrics.{k}": v for k, v in metrics.items()}})


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def main(n: int) -> None:
    tmp = Path(tempfile.mkdtemp())
    statuses = [
        {
            "id": str(10**17 + i),
            "created_at": "2024-03-01T10:00:00.000Z",
            "in_reply_to_id": None,
            "language": "en",
            "url": f"https://s.example/@u/{i}",
            "replies_count": 1,
            "reblogs_count": 2,
            "favourites_count": 3,
            "reblog": None,
            "content": f'<p>Post {i} about <a href="https://s.example/tags/acme" rel="tag">#<span>acme</span></a></p>',
            "account": {"acct": f"user{i % 500}", "followers_count": i % 1000},
        }
        for i in range(n)
    ]
    (tmp / "mastodon.json").write_text(json.dumps(statuses))
    with open(tmp / "x.jsonl", "w") as fh:
        for start in range(0, n, 100):
            ids = range(start, min(start + 100, n))
            page = {
                "data": [
                    {
                        "id": str(1790000000000000000 + i),
                        "author_id": str(i % 500),
                        "text": f"tweet {i} acme",
                        "created_at": "2024-05-13T09:15:00.000Z",
                        "public_metrics": {"like_count": 1, "retweet_count": 0, "reply_count": 0},
                    }
                    for i in ids
                ],
                "includes": {
                    "users": [
                        {"id": str(u), "username": f"u{u}", "public_metrics": {"followers_count": u}}
                        for u in range(500)
                    ]
                },
                "meta": {"result_count": len(ids)},
            }
            fh.write(json.dumps(page) + "\n")
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (shared)")
    for name, naive in (("mastodon.json", naive_mastodon), ("x.jsonl", naive_x)):
        loaded, elapsed = timed(read, tmp / name)
        base, base_s = timed(naive, tmp / name)
        print(f"{name}: {len(loaded.posts):,} posts in {elapsed:.2f}s ({len(loaded.posts) / elapsed:,.0f} posts/s)")
        same = base["text"].tolist() == loaded.posts["text"].tolist()
        print(f"  baseline: {len(base):,} posts in {base_s:.2f}s ({len(base) / base_s:,.0f} posts/s), "
              f"same texts: {same}; ratio brandpulse / baseline {elapsed / base_s:.2f}x")  # fmt: skip
    print("  (baseline: no validation, no rejects, no schema conversion: dates stay strings)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, nargs="?", default=20_000, help="posts per platform file (default 20,000)")
    main(parser.parse_args().n)
