"""Emerging terms' baseline counts (`term_document_counts`) on N generated posts, against the way they were counted
before stop 38 (every post's every term in one frame, `_term_documents(texts)["term"].value_counts()`).

    python benchmarks/bench_emerging.py                # 230,000 posts: a weekly report's 4-week baseline
    python benchmarks/bench_emerging.py --n 2000000    # a quarterly report's: the 4 quarters before, a year of posts

With --store, a report's emerging terms instead (`emerging_terms`: the period's posts and its baseline's, read from
the store as `brandpulse report` reads them, the baseline counted as it is read since stop 39: the peak "with the posts
read" is then the period's alone), with this tree's brandpulse and, with --against, another tree's (a
checkout of an earlier commit: `git worktree add /tmp/before COMMIT`); every term the report would list is compared,
and so are the period's counts (`term_document_counts`):

    python benchmarks/bench_emerging.py --store year.duckdb --since 2025-02-10 --until 2025-03-31 --against /tmp/before

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


def store_child(tree: str, db: str, since: str, until: str, baseline: int, out: Path) -> None:
    """`emerging_terms` of the period [since, until) against its `baseline` periods, with the brandpulse in `tree`."""
    import resource

    sys.path.insert(0, tree)
    from brandpulse import store
    from brandpulse.report.emerging import emerging_terms, term_document_counts
    from brandpulse.report.periods import baseline_period, resolve_period

    period = resolve_period("week", since, until)
    before = baseline_period(period, baseline)
    if hasattr(store, "text_copies"):  # (since stop 39 the baseline is counted per distinct text by DuckDB, in batches)
        from brandpulse.report.emerging import copy_term_counts

        cur = store.load_posts(db, period.start, period.end, columns=["text", "lang"])
        read = resource.getrusage(resource.RUSAGE_SELF)
        base = copy_term_counts(store.text_copies(db, before.start, before.end))
        terms = emerging_terms(cur["text"], base, current_lang=cur["lang"], top=10**9)
        based = base.posts
    else:
        cur, base = (store.load_texts(db, p.start, p.end) for p in (period, before))
        read = resource.getrusage(resource.RUSAGE_SELF)
        terms = emerging_terms(
            cur["text"], base["text"], current_lang=cur["lang"], baseline_lang=base["lang"], top=10**9
        )
        based = len(base)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - read.ru_utime - read.ru_stime
    print(f"{len(cur)} {based} {cpu} {read.ru_maxrss / 1024} {usage.ru_maxrss / 1024}", file=sys.stderr)
    terms.to_parquet(out.with_suffix(".terms.parquet"))
    counts = term_document_counts(cur["text"], cur["lang"])  # (after the peak is read)
    counts.to_frame().reset_index().to_parquet(out.with_suffix(".counts.parquet"))


def compare_trees(args: argparse.Namespace) -> None:
    """--store: this tree's `emerging_terms` and --against's, one right after the other, and their results."""
    trees = [("this tree", ROOT)] + ([("--against", args.against.resolve())] if args.against else [])
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (shared)")
    with tempfile.TemporaryDirectory() as tmp:
        for i, (label, tree) in enumerate(trees):
            out = Path(tmp) / str(i)
            cmd = [sys.executable, __file__, "--store-child", str(tree), str(args.store), args.since, args.until]
            proc = subprocess.run([*cmd, str(args.baseline), str(out)], stderr=subprocess.PIPE, text=True)
            if proc.returncode:
                raise SystemExit(f"{label} failed: {proc.stderr}")
            posts, base, cpu, read, peak = proc.stderr.split()[-5:]
            print(
                f"{label:<10} {int(posts):,} posts, baseline {int(base):,}: emerging_terms {float(cpu):7.2f} s CPU,"
                f" peak RSS {float(peak):6.0f} MB ({float(read):6.0f} MB with the posts read, before it)"
            )
        if args.against:
            for what in ("terms", "counts"):
                new, old = (pd.read_parquet(Path(tmp) / f"{i}.{what}.parquet") for i in (0, 1))
                print(f"same {what}: {new.equals(old)} ({len(new):,} rows)")


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
    ap.add_argument("--store", type=Path, help="a store: time a report's emerging terms on its posts")
    ap.add_argument("--since", help="with --store: the period's start")
    ap.add_argument("--until", help="with --store: the period's end (exclusive)")
    ap.add_argument("--baseline", type=int, default=4, help="with --store: periods in the baseline")
    ap.add_argument("--against", type=Path, help="with --store: another brandpulse tree to compare with")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    ap.add_argument("--store-child", nargs=6, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return
    if args.store_child:
        tree, db, since, until, baseline, out = args.store_child
        store_child(tree, db, since, until, int(baseline), Path(out))
        return
    if args.store:
        compare_trees(args)
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
