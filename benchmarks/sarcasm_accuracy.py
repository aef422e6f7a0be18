"""cx's sarcasm rule on hand-labelled posts: sincere thanks after a problem, and sarcasm.

    python benchmarks/sarcasm_accuracy.py [--analyzers cx,vader] [--misses]

tests/data/sarcasm_written.csv: posts written and labelled by hand (stop 34; 14 more in stop 35) before any analyzer
read them, thanks or praise for a problem handled ("thank you so much Skyway for rebooking me after the cancellation",
positive) and sarcasm ("great job Skyway, another 3 hour delay", negative). Written for the rule, so a check,
not a blind test: the blind figures are benchmarks/sentiment_accuracy.py's.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from brandpulse.enrich.sentiment import get_analyzer, label

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "sarcasm_written.csv"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--analyzers", default="cx")
    ap.add_argument("--misses", action="store_true", help="print the last analyzer's wrong posts")
    args = ap.parse_args()
    df = pd.read_csv(DATA, dtype=str)
    counts = ", ".join(f"{k} {v}" for k, v in df["label"].value_counts().items())
    print(f"{len(df)} written posts: {counts}")
    print("analyzer  positive right  negative right  accuracy")
    for name in args.analyzers.split(","):
        scores = pd.Series(get_analyzer(name).score(df["text"].tolist())[0])
        pred = label(scores).fillna("neutral")
        right = pred == df["label"]
        pos, neg = df["label"] == "positive", df["label"] == "negative"
        print(
            f"{name:9} {right[pos].sum():>7} of {pos.sum():<4} {right[neg].sum():>7} of {neg.sum():<4}"
            f"  {right.mean():8.4f}"
        )
    if args.misses:
        for text, gold, score in zip(df["text"][~right], df["label"][~right], scores[~right], strict=True):
            print(f"{gold:8} {score:+.3f} {text!r}")


if __name__ == "__main__":
    main()
