"""Emerging terms' baseline counts (`term_document_counts`) on N generated posts, against the way they were counted
before stop 38 (every post's every term in one frame, `_term_documents(texts)["term"].value_counts()`).

    python benchmarks/bench_emerging.py                # 230,000 posts: a weekly report's 4-week baseline
    python benchmarks/bench_emerging.py --n 2000000    # a quarterly report's: the 4 quarters before, a year of posts

The posts are benchmarks/bench_analyze.py's (examples/generate.py's templates, 70 % with a varied ending, so most
texts are distinct while copies remain). Each way runs in a child process of its own, one right after the other so
both see the same load, and its wall time and peak RSS (os.wait4's ru_maxrss) are printed with the ratio: on a shared
machine the seconds are noisy, the ratio is the comparable number. The counts of both ways are checked to be equal.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]


def child(way: str, posts: Path, out: Path) -> None:
    from brandpulse.report.emerging import _term_documents, term_document_counts

    texts = pd.read_parquet(posts)["text"]
    t0 = time.perf_counter()
    counts = term_document_counts(texts) if way == "chunked" else _term_documents(texts)["term"].value_counts()
    print(f"work {time.perf_counter() - t0}", file=sys.stderr)
    counts.rename("count").to_frame().reset_index().to_parquet(out)


def run(way: str, posts: Path, out: Path) -> tuple[float, float]:
    """Seconds of the counting (timed in the child, without reading the posts) and the child's peak RSS (MB)."""
    cmd = [sys.executable, __file__, "--child", way, str(posts), str(out)]
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stderr=err, env={**os.environ, "PYTHONPATH": str(ROOT)})
        _, status, usage = os.wait4(proc.pid, 0)
        err.seek(0)
        text = err.read()
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{way} failed: {text}")
    return float(text.split("work ")[-1].split()[0]), usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=230_000, help="posts in the baseline")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_analyze import make_posts

    with tempfile.TemporaryDirectory() as tmp:
        posts = Path(tmp) / "posts.parquet"
        texts = make_posts(args.n, 20_000, 0.7)[["text"]]
        texts.to_parquet(posts)
        print(f"{args.n:,} posts, {texts['text'].nunique():,} distinct texts")
        new_s, new_mb = run("chunked", posts, Path(tmp) / "new.parquet")
        old_s, old_mb = run("at-once", posts, Path(tmp) / "old.parquet")
        new, old = (pd.read_parquet(Path(tmp) / f"{f}.parquet") for f in ("new", "old"))
        same = new.set_index("term")["count"].sort_index().equals(old.set_index("term")["count"].sort_index())
        print(f"term_document_counts  {new_s:7.2f} s  {new_mb:7.0f} MB peak")
        print(f"all at once (before)  {old_s:7.2f} s  {old_mb:7.0f} MB peak")
        print(f"ratio                 {new_s / old_s:7.2f}x  {new_mb / old_mb:7.2f}x   same counts: {same}")
        if not same:
            raise SystemExit("the counts differ")


if __name__ == "__main__":
    main()
