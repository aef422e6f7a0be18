"""End-to-end `brandpulse analyze` vs the naive pandas + TextBlob baseline, on N generated posts.

Why a script and not a test: timings on a shared machine are too noisy to assert on.

The posts come from examples/generate.py (brand complaints and praise, sarcasm, emoji, German,
Spanish and French posts, replies, duplicates): a base of --base distinct posts is generated with
its templates, then expanded to N rows with numpy (each copy gets a fresh id and, for a --distinct
share of rows, a varied ending, so most texts are distinct while retweet-like copies remain, and
2% of rows are the same post exported twice).

    python benchmarks/bench_analyze.py                        # 1,000,000 posts
    python benchmarks/bench_analyze.py --n 200000 --baseline-sample 20000
    python benchmarks/bench_analyze.py --stream               # also 10,000,000 posts with --chunksize

Every run is a subprocess (generating the posts too, so that this process stays small: a child's
ru_maxrss starts at its parent's peak); wall time is measured around it and peak RSS is the child's
ru_maxrss (os.wait4: the largest of that process and the worker processes it waited for, not a sum).
(a) runs the real CLI (read CSV, brands, language, sentiment, intent, topics, write CSV)
without and with --jobs 2; (b) runs the naive baseline (pd.read_csv, TextBlob(text).sentiment in
.apply, to_csv), on --baseline-sample rows; when the sample is smaller than N its work (timed inside
the child) is extrapolated linearly to N and its start-up (interpreter, imports) is counted once.
--stream writes --n-stream posts (generated in blocks, so the benchmark
itself stays small) and runs `analyze --chunksize`, comparing its peak RSS with the (a) run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "examples"))

import generate  # noqa: E402

ENDINGS = [
    "", "!", "!!", "?", " 😡", " 🙄", " 😍", " 👍", " 🔥", " smh", " lol", " ugh", " again", " seriously",
    " #fail", " #travel", " #foodie", " wow", " 10/10", " never again", " thanks", " pls fix", " 😭😭",
]  # fmt: skip


def make_posts(n: int, base: int, distinct: float, seed: int = 7, first_id: int = 10**17) -> pd.DataFrame:
    """`n` rows from `base` template posts; a `distinct` share of them get a unique ending."""
    rows = generate.build(base, seed)
    df = pd.DataFrame(rows)[generate.COLUMNS]
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, len(df), size=n)
    out = df.iloc[pick].reset_index(drop=True)
    ids = np.arange(n) + first_id
    out["post_id"] = ids.astype(str)
    text = out["text"].astype(str).to_numpy(dtype=object)
    vary = rng.random(n) < distinct
    ending = np.array(ENDINGS, dtype=object)[rng.integers(0, len(ENDINGS), size=n)]
    tag = pd.Series(rng.integers(0, 10**6, size=n)).astype(str).to_numpy(dtype=object)
    text = np.where(vary, text + ending + " " + np.where(rng.random(n) < 0.5, "#", "ref ") + tag, text)
    out["text"] = text
    dup = rng.random(n) < 0.02  # exported twice: same id as the row before
    out.loc[dup, "post_id"] = out["post_id"].shift(1)[dup]
    out.loc[0, "post_id"] = str(first_id)
    for col in ("author_followers", "likes", "reposts", "replies"):
        out[col] = out[col].astype("Int64")
    return out


def run(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds and peak RSS (MB) of one subprocess (wait4: this child and what it waited for),
    and its last stderr line. The files written before (the posts, an earlier run's output) are
    flushed to disk first, so that the kernel's writing them back is not timed with this run."""
    if hasattr(os, "sync"):
        os.sync()
    with tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env={**os.environ, "PYTHONPATH": str(ROOT)})
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        code = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().strip()
    if code:
        raise SystemExit(f"{' '.join(cmd[:4])} failed ({code}): {text}")
    return wall, usage.ru_maxrss / 1024, (text.splitlines() or [""])[-1]


def naive(path: Path, sample: int, out: Path) -> None:
    """The baseline as an analyst would write it: pandas read_csv + TextBlob per row in .apply + to_csv.
    Prints (stderr) the seconds of that work alone, without the interpreter's start and imports."""
    from textblob import TextBlob

    t0 = time.perf_counter()
    df = pd.read_csv(path, nrows=sample)
    s = df["text"].astype(str).apply(lambda t: TextBlob(t).sentiment)
    df["sentiment"] = s.map(lambda x: x.polarity)
    df["subjectivity"] = s.map(lambda x: x.subjectivity)
    df.to_csv(out, index=False)
    print(f"work {time.perf_counter() - t0}", file=sys.stderr)


def write_posts(path: Path, n: int, args, block: int = 1_000_000) -> int:
    """Write `n` posts in blocks of `block` (fresh ids and seed per block); return distinct texts of the first."""
    distinct = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for i, start in enumerate(range(0, n, block)):
            posts = make_posts(min(block, n - start), args.base, args.distinct, seed=7 + i, first_id=10**17 + start)
            if i == 0:
                distinct = posts["text"].nunique()
            posts.to_csv(fh, index=False, header=i == 0, lineterminator="\n")
    return distinct


def generate_in_child(path: Path, n: int, args) -> str:
    """Write the posts from a child process. This process must stay small: Linux counts a parent's
    peak RSS into the ru_maxrss of every child it starts (fork/vfork, then exec), which would
    inflate every figure below."""
    cmd = [sys.executable, __file__, "--generate", str(path), str(n), "--base", str(args.base)]
    cmd += ["--distinct", str(args.distinct)]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--base", type=int, default=20_000, help="distinct template posts generated")
    ap.add_argument("--distinct", type=float, default=0.8, help="share of rows given a unique ending")
    ap.add_argument("--baseline-sample", type=int, default=50_000, help="rows the naive baseline really runs on")
    ap.add_argument("--sentiment", help="analyzer for brandpulse (default: the CLI's default, cx)")
    ap.add_argument("--jobs", type=int, default=2, help="workers for the parallel run (1: skip it)")
    ap.add_argument("--stream", action="store_true", help="also run analyze --chunksize on --n-stream posts")
    ap.add_argument("--n-stream", type=int, default=10_000_000)
    ap.add_argument("--chunksize", type=int, default=100_000)
    ap.add_argument("--dir", type=Path, help="working folder (default: a temporary one)")
    ap.add_argument("--naive", nargs=3, metavar=("CSV", "ROWS", "OUT"), help=argparse.SUPPRESS)
    ap.add_argument("--generate", nargs=2, metavar=("CSV", "ROWS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.naive:
        naive(Path(args.naive[0]), int(args.naive[1]), Path(args.naive[2]))
        return
    if args.generate:
        print(write_posts(Path(args.generate[0]), int(args.generate[1]), args))
        return

    if args.dir is None:  # a temporary folder, removed at the end: its inputs and outputs are hundreds of MB
        with tempfile.TemporaryDirectory(prefix="bp-bench-") as tmp:
            measure(args, Path(tmp))
    else:
        args.dir.mkdir(parents=True, exist_ok=True)
        measure(args, args.dir)


def measure(args: argparse.Namespace, work: Path) -> None:
    """Generate the posts in `work`, run brandpulse and the naive baseline on them, print the figures."""
    config = ROOT / "examples" / "brandpulse.toml"
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (shared)")

    src = work / "posts.csv"
    t0 = time.perf_counter()
    distinct = int(generate_in_child(src, args.n, args))
    print(f"generated {args.n:,} posts ({src.stat().st_size / 1e6:,.0f} MB, {distinct:,} distinct texts in the first "
          f"million) in {time.perf_counter() - t0:.1f} s")  # fmt: skip

    cli = [sys.executable, "-m", "brandpulse", "analyze", "-c", str(config)]  # (no -q: its count line is printed)
    cli += ["--sentiment", args.sentiment] if args.sentiment else []
    label = f"--sentiment {args.sentiment}" if args.sentiment else "default sentiment (cx)"
    wall, rss, line = run([*cli, str(src), "-o", str(work / "out.csv")])
    print(f"(a) brandpulse analyze, {label}: {wall:.1f} s wall, {args.n / wall:,.0f} posts/s, peak RSS {rss:,.0f} MB")
    print(f"    {line}")
    best = wall
    if args.jobs > 1:
        wall_j, rss_j, line = run([*cli, str(src), "-o", str(work / "out-jobs.csv"), "--jobs", str(args.jobs)])
        print(f"(a) ... --jobs {args.jobs}: {wall_j:.1f} s wall, {args.n / wall_j:,.0f} posts/s, "
              f"peak RSS {rss_j:,.0f} MB (largest single process)")  # fmt: skip
        print(f"    {line}")
        same = (work / "out.csv").read_bytes() == (work / "out-jobs.csv").read_bytes()
        print(f"    output identical to the single-process run: {same}")
        best = min(best, wall_j)

    sample = min(args.n, args.baseline_sample)
    secs, rss_b, line = run([sys.executable, __file__, "--naive", str(src), str(sample), str(work / "naive.csv")])
    busy = float(line.split()[1])
    # start-up and imports happen once; only the work grows with the number of rows
    est = (secs - busy) + busy * args.n / sample
    note = (
        f"measured on {sample:,} rows, its work extrapolated linearly, {secs - busy:.1f} s of start-up once"
        if sample < args.n
        else "measured on all rows"
    )
    print(f"(b) naive pandas + TextBlob.apply: {est:.1f} s for {args.n:,} ({note}), {args.n / est:,.0f} posts/s, "
          f"peak RSS {rss_b:,.0f} MB on the sample")  # fmt: skip
    print(f"    speed-up (b)/(a): {est / wall:.1f}x single process, {est / best:.1f}x best")

    if args.stream:
        big = work / "posts-stream.csv"
        t0 = time.perf_counter()
        generate_in_child(big, args.n_stream, args)
        mb = big.stat().st_size / 1e6
        print(f"generated {args.n_stream:,} posts ({mb:,.0f} MB) in {time.perf_counter() - t0:.1f} s")
        # the same streamed command on N and on --n-stream posts: flat memory means the same peak RSS
        first = None
        for path, n in ((src, args.n), (big, args.n_stream)):
            cmd = [*cli, str(path), "-o", str(work / "out-stream.csv"), "--chunksize", str(args.chunksize)]
            wall_s, rss_s, line = run(cmd)
            first = first or rss_s
            print(f"(c) streamed {n:,} posts, --chunksize {args.chunksize:,}: {wall_s:.1f} s, "
                  f"{n / wall_s:,.0f} posts/s, peak RSS {rss_s:,.0f} MB ({rss_s / first:.2f}x the streamed {args.n:,}, "
                  f"{rss_s / rss:.2f}x the (a) run)")  # fmt: skip
            print(f"    {line}")
        big.unlink()
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
