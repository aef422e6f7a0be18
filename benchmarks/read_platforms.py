"""Time brandpulse.read() on generated platform files: `python benchmarks/read_platforms.py [N]`.

Mastodon statuses (HTML bodies: BeautifulSoup per post) and X API v2 pages (twarc2 JSONL, 100 per line).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from brandpulse.sources import read


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
    for name in ("mastodon.json", "x.jsonl"):
        start = time.perf_counter()
        loaded = read(tmp / name)
        elapsed = time.perf_counter() - start
        print(f"{name}: {len(loaded.posts):,} posts in {elapsed:.2f}s ({len(loaded.posts) / elapsed:,.0f} posts/s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
