"""Sentiment analyzers on the bundled example posts, against the sentiment their generator meant.

    python benchmarks/example_accuracy.py [--analyzers textblob,vader,cx] [--misses]

examples/generate.py writes the posts and, with --labels, the sentiment a reader would give each
template (sarcasm negative). Scored: the English posts whose label is positive, neutral or negative
(comparisons, labelled "mixed", are left out). These are our own synthetic posts, and lexicon 1.2
was written after reading cx's mistakes on them, so this is a check of customer talk, not a blind test:
the blind figures are benchmarks/sentiment_accuracy.py's.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

from brandpulse.enrich.sentiment import get_analyzer, label
from brandpulse.evaluate import score_labels

ROOT = Path(__file__).resolve().parents[1]


def labelled_examples() -> pd.DataFrame:
    """The example posts (generated afresh, as examples/posts.csv) with their generator's sentiment."""
    with tempfile.TemporaryDirectory() as tmp:
        posts, labels = Path(tmp, "posts.csv"), Path(tmp, "labels.csv")
        cmd = [sys.executable, str(ROOT / "examples" / "generate.py"), "-o", str(posts), "--labels", str(labels)]
        subprocess.run(cmd, check=True, capture_output=True)
        df = pd.read_csv(posts, dtype=str).drop_duplicates("post_id")
        df = df.merge(pd.read_csv(labels, dtype=str), on="post_id")
    return df[(df["lang"] == "en") & df["sentiment"].isin(["positive", "neutral", "negative"])].reset_index(drop=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--analyzers", default="textblob,vader,cx")
    ap.add_argument("--misses", action="store_true", help="print the last analyzer's wrong posts")
    args = ap.parse_args()
    df = labelled_examples()
    counts = ", ".join(f"{k} {v}" for k, v in df["sentiment"].value_counts().items())
    print(f"{len(df):,} English example posts: {counts}")
    print("analyzer  macro-F1  accuracy")
    for name in args.analyzers.split(","):
        pred = label(pd.Series(get_analyzer(name).score(df["text"].tolist())[0])).fillna("neutral")
        scores = score_labels(df["sentiment"].to_numpy(object), pred.to_numpy(object))
        print(f"{name:9} {scores.macro_f1:8.4f}  {scores.accuracy:8.4f}")
    if args.misses:
        wrong = df.assign(pred=pred)[pred != df["sentiment"]].drop_duplicates("text")
        for row in wrong.itertuples():
            print(f"{row.sentiment:8} -> {row.pred:8} {row.kind:10} {row.text[:100]!r}")


if __name__ == "__main__":
    main()
