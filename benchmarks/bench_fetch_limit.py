"""`brandpulse fetch hackernews` with and without `--limit`, from a Hacker News search served on 127.0.0.1.

Why a script and not a test: timings on a shared machine are too noisy to assert on.

N comments (100 a page, one in five German) all name Acme; the brand's query is `acme AND lang:en`, so each
post's language is detected before the brands are matched. Each command runs in-process (CliRunner) --runs
times; the best wall and CPU time (process time: lingua's threads included) and the texts lingua was given are
printed. --limit counts the posts to be written as the pages arrive: it used to check every page, then validate
and detect all the posts again at the end.

    python benchmarks/bench_fetch_limit.py              # 5,000 posts
    python benchmarks/bench_fetch_limit.py --n 20000 --runs 3
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from click.testing import CliRunner

from brandpulse.cli import main
from brandpulse.enrich import language

#: the words of the posts: English, and German for one post in five
ENGLISH = [
    "kettle",
    "boils",
    "water",
    "fast",
    "but",
    "the",
    "lid",
    "is",
    "loose",
    "and",
    "the",
    "handle",
    "gets",
    "hot",
    "after",
    "a",
    "minute",
    "of",
    "use",
]
GERMAN = [
    "der",
    "Wasserkocher",
    "ist",
    "leider",
    "kaputt",
    "und",
    "der",
    "Kundendienst",
    "antwortet",
    "seit",
    "Wochen",
    "nicht",
    "mehr",
]


def hits(n: int) -> list[dict]:
    """`n` Algolia comment hits, newest first, a minute apart."""
    rng = random.Random(7)
    out = []
    for i in range(n):
        words = GERMAN if i % 5 == 0 else ENGLISH
        at = 1704164400 - 60 * i
        out.append(
            {
                "objectID": str(1_000_000 - i),
                "created_at_i": at,
                "created_at": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(at)),
                "comment_text": "Acme " + " ".join(rng.choice(words) for _ in range(14)) + f" #{i}",
                "author": f"u{i % 97}",
                "story_id": 1,
                "parent_id": 1,
                "_tags": ["comment"],
            }
        )
    return out


def serve(pool: list[dict]) -> str:
    """Algolia's search_by_date over `pool`, 100 hits a page; its base URL."""

    class Search(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            page = int(parse_qs(urlparse(self.path).query)["page"][0])
            total = -(-len(pool) // 100)
            body = {"hits": pool[page * 100 : (page + 1) * 100], "nbPages": total, "page": page}
            data = json.dumps(body | {"nbHits": len(pool), "hitsPerPage": 100}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Search)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


def main_() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000, help="posts served (default 5,000)")
    parser.add_argument("--runs", type=int, default=7, help="runs of each command (default 7)")
    args = parser.parse_args()
    base = serve(hits(args.n))
    detected: list[int] = []
    real = language.detect

    def counting(texts, *a, **k):
        detected.append(len(texts))
        return real(texts, *a, **k)

    language.detect = counting
    real(["a sentence to load the models with"], language.DEFAULT_CANDIDATES)
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "c.toml"
        config.write_text('[brands.Acme]\nquery = "acme AND lang:en"\n')
        fetch = ["fetch", "hackernews", "acme", "--api-base", base, "-c", str(config), "-o", f"{tmp}/out.jsonl"]
        for extra in ([], ["--limit", str(args.n)], ["--limit", str(args.n // 5)]):
            times = []
            for _ in range(args.runs):
                detected.clear()
                wall, cpu = time.perf_counter(), time.process_time()
                # (the note for --resume of each run into the temporary folder, not the user's cache folder)
                result = CliRunner().invoke(main, [*fetch, *extra], env={"BRANDPULSE_CACHE_DIR": f"{tmp}/cache"})
                times.append((time.perf_counter() - wall, time.process_time() - cpu))
                assert result.exit_code == 0, result.stderr
            print(
                f"{' '.join(extra) or '(no --limit)':>14}: best wall {min(t[0] for t in times):.2f}s, "
                f"best CPU {min(t[1] for t in times):.2f}s, texts detected {sum(detected):,}"
            )


if __name__ == "__main__":
    main_()
