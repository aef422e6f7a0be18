"""Reference vs fast sentiment analyzers: texts/s and speed-up, all in one process.

For `cx` the reference is `cx-reference`: the same cx rules over vaderSentiment's per-word code.

Why a script and not a test: timings on a shared 2-core machine are too noisy to assert on,
but the lead wants the figures. Each measurement is the best of --repeat runs; the fast
analyzers are rebuilt before every run so their per-token caches start cold (as in a CLI
run, which scores each distinct text once). Per-process tables (parsed lexicons) are built
once, before timing, and their cost is printed separately. Loads the parity corpus from the shared data
directory (BRANDPULSE_SHARED_DATA or ../shared/data next to the repo), else generates texts; in a share of them
(--line-breaks, 15 % by default, as in exports of posts) a space is a line break, a sentence end for cx since stop 38.

    python benchmarks/bench_sentiment.py [--limit N] [--repeat R] [--line-breaks SHARE]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shared_data import parity_texts, shared_data_dir  # noqa: E402

from brandpulse.enrich.cx import CxAnalyzer  # noqa: E402
from brandpulse.enrich.fast_textblob import FastTextBlob  # noqa: E402
from brandpulse.enrich.fast_vader import FastVader  # noqa: E402


def generate_corpus(n: int = 20_000, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    vocab = "the a brand phone battery is not very good bad great terrible love hate really kind of but"
    words = [*vocab.split(), ":)", ":(", "XD", "!!!", "???", "LOL", "never", "so", "😀", "😡"]
    return [" ".join(rng.choice(words) for _ in range(rng.randint(3, 30))) for _ in range(n)]


def with_line_breaks(texts: list[str], share: float, seed: int = 3) -> list[str]:
    """`texts`, a random space of about `share` of them a line break."""
    rng = random.Random(seed)
    out = []
    for text in texts:
        spaces = [i for i, c in enumerate(text) if c == " "]
        if spaces and rng.random() < share:
            at = rng.choice(spaces)
            text = f"{text[:at]}\n{text[at + 1 :]}"
        out.append(text)
    return out


def best_time(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="use only the first N texts")
    ap.add_argument("--repeat", type=int, default=3, help="best of R runs per measurement")
    ap.add_argument("--line-breaks", type=float, default=0.15, help="share of texts with a line break (default 0.15)")
    args = ap.parse_args()

    data = shared_data_dir()
    texts = parity_texts(data) if data else generate_corpus()
    if args.limit:
        texts = texts[: args.limit]
    texts = with_line_breaks(texts, args.line_breaks)
    source = "the shared data sets" if data else "the generator"
    breaks = sum("\n" in t for t in texts)
    print(f"corpus: {len(texts)} texts from {source}, {breaks} with a line break; best of {args.repeat} runs")

    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sia = SentimentIntensityAnalyzer()
    cx_ref = CxAnalyzer(reference=True)  # cx's rules over vaderSentiment's per-word code

    def tb_ref() -> None:
        for t in texts:
            TextBlob(t).sentiment  # noqa: B018

    def vader_ref() -> None:
        for t in texts:
            sia.polarity_scores(t)

    # Lexicons and word tables are parsed once per process (as the reference libraries load
    # theirs once); report that one-time cost apart, since best-of-R runs would hide it.
    for name, cls in (("textblob", FastTextBlob), ("vader", FastVader), ("cx", CxAnalyzer)):
        t0 = time.perf_counter()
        cls().score(["warm-up text, caf\u00e9 \U0001f600 :)"])
        print(f"{name}: one-time per-process setup {time.perf_counter() - t0:.2f} s (not in the rates below)")
    warm_tb, warm_vader, warm_cx = FastTextBlob(), FastVader(), CxAnalyzer()
    rows = [
        ("textblob", tb_ref, lambda: FastTextBlob().score(texts), lambda: warm_tb.score(texts)),
        ("vader", vader_ref, lambda: FastVader().score(texts), lambda: warm_vader.score(texts)),
        ("cx", lambda: cx_ref.score(texts), lambda: CxAnalyzer().score(texts), lambda: warm_cx.score(texts)),
    ]
    n = len(texts)
    head = ("analyzer", "reference/s", "fast cold/s", "speed-up", "fast warm/s", "speed-up")
    print(f"{head[0]:<10} {head[1]:>12} {head[2]:>12} {head[3]:>9} {head[4]:>12} {head[5]:>9}")
    for name, ref, cold, warm in rows:
        t_ref = best_time(ref, args.repeat)
        t_cold = best_time(cold, args.repeat)
        warm()  # fill the caches once
        t_warm = best_time(warm, args.repeat)
        print(
            f"{name:<10} {n / t_ref:>12,.0f} {n / t_cold:>12,.0f} {t_ref / t_cold:>8.1f}x"
            f" {n / t_warm:>12,.0f} {t_ref / t_warm:>8.1f}x"
        )


if __name__ == "__main__":
    main()
