"""Measure sentiment analyzers on the shared public data sets (read from ../shared/data, never copied).

    python benchmarks/sentiment_accuracy.py --split tune   # TweetEval val + VADER amazon/movie/nyt (for tuning)
    python benchmarks/sentiment_accuracy.py --split test   # TweetEval test + VADER tweets (held out)

Prints macro-F1 / accuracy on TweetEval and sign accuracy on its positive and negative tweets, sign
accuracy plus macro-F1 with a neutral band (|gold| <= BAND is neutral) on the VADER ground truth, and
the seconds each analyzer took. Sign accuracy counts a score of exactly 0 as wrong.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd
from shared_data import require_dir, tweeteval, vader_truth

from brandpulse.enrich.sentiment import get_analyzer, label
from brandpulse.evaluate import score_labels, sign_accuracy

VADER_FILES = {
    "tune": ["amazonReviewSnippets", "movieReviewSnippets", "nytEditorialSnippets"],
    "test": ["tweets"],
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=["tune", "test"], required=True)
    ap.add_argument("--analyzers", default="textblob,vader,cx")
    ap.add_argument("--band", type=float, default=0.5, help="VADER gold |score| <= BAND counts as neutral")
    args = ap.parse_args()
    data = require_dir()
    te = tweeteval(data, "val" if args.split == "tune" else "test")
    vt = pd.concat([vader_truth(data, n) for n in VADER_FILES[args.split]], ignore_index=True)
    vgold = np.where(vt.score > args.band, "positive", np.where(vt.score < -args.band, "negative", "neutral"))
    print(f"split={args.split}: TweetEval {len(te):,} tweets; VADER ground truth {len(vt):,} texts, band {args.band}")
    te_sign = te.label.to_numpy() - 1  # negative -1, neutral 0 (left out of sign accuracy), positive 1
    print("analyzer  te_macroF1  te_acc  te_sign_acc  vader_sign_acc  vader_macroF1  seconds")
    for name in args.analyzers.split(","):
        analyzer = get_analyzer(name)
        t0 = time.perf_counter()
        pol_te = analyzer.score(te.text.tolist())[0]
        pol_vt = analyzer.score(vt.text.tolist())[0]
        secs = time.perf_counter() - t0
        s_te = score_labels(te.gold.to_numpy(object), label(pd.Series(pol_te)).fillna("neutral").to_numpy(object))
        s_vt = score_labels(vgold, label(pd.Series(pol_vt)).fillna("neutral").to_numpy(object))
        te_sa, sa = sign_accuracy(te_sign, pol_te), sign_accuracy(vt.score.to_numpy(), pol_vt)
        print(
            f"{name:9} {s_te.macro_f1:10.4f}  {s_te.accuracy:6.4f}  {te_sa:11.4f}  {sa:14.4f}  {s_vt.macro_f1:13.4f}"
            f"  {secs:7.1f}"
        )


if __name__ == "__main__":
    main()
