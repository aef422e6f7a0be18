"""What the quick English pass of language detection changes, and what it saves.

    python benchmarks/language_quick_pass.py [--threshold 0.999]

For every text, the full detector's answer (lingua, high accuracy) and the pipeline's (the low-accuracy
English confidence first, the full detector below the threshold), on:
- English tweets: TweetEval test and the VADER tweets (../shared/data, when present), all English;
- examples/posts.csv: each distinct text, with the language its export gives (English and 129 posts
  in es, de, fr, pt, ja).
Prints how many answers differ and how (a gold language to compare with in both sets) and the time per
text of each way.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from shared_data import shared_data_dir, tweeteval, vader_truth  # noqa: E402

from brandpulse.enrich import language  # noqa: E402


def compare(name: str, texts: list[str], gold: list[str], threshold: float) -> None:
    candidates = language.DEFAULT_CANDIDATES
    full = language._detector(candidates, language.MIN_DISTANCE)
    quick, english = language._fast_english(candidates)
    texts = [t[: language.SAMPLE_CHARS] for t in texts]
    t0 = time.perf_counter()
    by_full = [full.detect_language_of(t) for t in texts]
    t1 = time.perf_counter()
    by_pipeline = [english if quick.compute_language_confidence(t, english) >= threshold else None for t in texts]
    by_pipeline = [q if q is not None else full.detect_language_of(t) for q, t in zip(by_pipeline, texts, strict=True)]
    t2 = time.perf_counter()

    def code(lang) -> str:
        return lang.iso_code_639_1.name.lower() if lang else "unsure"

    changes = Counter(
        (g, code(f), code(p)) for g, f, p in zip(gold, by_full, by_pipeline, strict=True) if code(f) != code(p)
    )
    wrong_full = sum(code(f) != g for g, f in zip(gold, by_full, strict=True))
    wrong_pipeline = sum(code(p) != g for g, p in zip(gold, by_pipeline, strict=True))
    print(f"{name}: {len(texts):,} texts; wrong language: full detector {wrong_full:,}, pipeline {wrong_pipeline:,}")
    print(
        f"  time a text: full detector {(t1 - t0) / len(texts) * 1e6:.0f} us, "
        f"pipeline {(t2 - t1) / len(texts) * 1e6:.0f} us"
    )  # fmt: skip
    for (g, f, p), n in changes.most_common():
        print(f"  gold {g}: full detector {f} -> pipeline {p}: {n}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threshold", type=float, default=language.FAST_ENGLISH)
    args = ap.parse_args()
    data = shared_data_dir()
    if data is not None:
        tweets = tweeteval(data, "test")["text"].tolist() + vader_truth(data, "tweets")["text"].tolist()
        compare("English tweets (TweetEval test, VADER tweets)", tweets, ["en"] * len(tweets), args.threshold)
    else:
        print("shared data not found: English tweets skipped")
    ex = pd.read_csv(ROOT / "examples" / "posts.csv", dtype=str).dropna(subset=["text", "lang"])
    ex = ex.drop_duplicates("text")
    compare("examples/posts.csv", ex["text"].tolist(), ex["lang"].tolist(), args.threshold)


if __name__ == "__main__":
    main()
