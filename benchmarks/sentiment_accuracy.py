"""Measure sentiment analyzers on the shared public data sets (read from ../shared/data, never copied).

    python benchmarks/sentiment_accuracy.py --split tune   # TweetEval val + VADER amazon/movie/nyt (for tuning)
    python benchmarks/sentiment_accuracy.py --split test   # TweetEval test + VADER tweets (held out)
    python benchmarks/sentiment_accuracy.py --split tune --analyzers cx --errors 30   # its 30 worst misreadings

Prints macro-F1 / accuracy on TweetEval and sign accuracy on its positive and negative tweets, sign
accuracy plus macro-F1 with a neutral band (|gold| <= BAND is neutral) on the VADER ground truth, and
the seconds each analyzer took. Sign accuracy counts a score of exactly 0 as wrong.

`--errors N` then lists each analyzer's N worst misreadings of the tune split, one a line to stdout (analyzer,
set, gold, score, text, tab-separated): the texts whose label differs from the gold one, farthest from the gold
first. Only for the tune split: the held-out test split is never browsed, or tuning would learn it.
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


def misreadings(text, gold_label, gold_value, score, n: int) -> pd.DataFrame:
    """The `n` texts whose label (from `score`) is not `gold_label`, farthest from `gold_value` (-1..1) first: a
    praise read as a complaint before a neutral read as mild praise."""
    df = pd.DataFrame({"text": text, "gold": gold_label, "value": gold_value, "score": score})
    read = label(df["score"]).fillna("neutral")
    wrong = df[read.to_numpy(object) != df["gold"].to_numpy(object)]
    far = (wrong["score"] - wrong["value"]).abs()
    return wrong.assign(far=far).sort_values("far", ascending=False, kind="stable").head(n)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=["tune", "test"], required=True)
    ap.add_argument("--analyzers", default="textblob,vader,cx")
    ap.add_argument("--band", type=float, default=0.5, help="VADER gold |score| <= BAND counts as neutral")
    ap.add_argument("--errors", type=int, metavar="N", help="list each analyzer's N worst misreadings (tune only)")
    args = ap.parse_args()
    if args.errors is not None and args.split != "tune":
        ap.error("--errors lists misreadings to tune on: only with --split tune (held-out texts are never browsed)")
    if args.errors is not None and args.errors < 1:
        ap.error(f"--errors {args.errors}: a count of 1 or more")
    data = require_dir()
    te = tweeteval(data, "val" if args.split == "tune" else "test")
    vt = pd.concat([vader_truth(data, n) for n in VADER_FILES[args.split]], ignore_index=True)
    vgold = np.where(vt.score > args.band, "positive", np.where(vt.score < -args.band, "negative", "neutral"))
    print(f"split={args.split}: TweetEval {len(te):,} tweets; VADER ground truth {len(vt):,} texts, band {args.band}")
    te_sign = te.label.to_numpy() - 1  # negative -1, neutral 0 (left out of sign accuracy), positive 1
    errors = []
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
        if args.errors:
            found = pd.concat(
                [
                    misreadings(te.text, te.gold, te_sign, pol_te, args.errors).assign(set="tweeteval"),
                    misreadings(vt.text, vgold, vt.score / 4, pol_vt, args.errors).assign(set="vader"),
                ]
            )
            found = found.sort_values("far", ascending=False, kind="stable").head(args.errors)
            errors += [(name, r.set, r.gold, r.score, r.text) for r in found.itertuples()]
    if errors:
        print("\nanalyzer\tset\tgold\tscore\ttext")
    for name, where, gold, score, text in errors:
        print(f"{name}\t{where}\t{gold}\t{score:+.2f}\t{' '.join(str(text).split())}")


if __name__ == "__main__":
    main()
