"""Per-class precision / recall of the intent rules on the hand-labelled sample tests/data/intent_labelled.csv (English
posts), then on tests/data/intent_written.csv (Italian and Dutch posts written by the developers, not sampled: figures
per language), or on another file of `text` and `intent` columns (tests/data/suggestion_labelled.csv: app reviews of a
meal-kit app); a file with a `language` column gets figures per language.

python benchmarks/intent_accuracy.py [--misses] [--sample tests/data/suggestion_labelled.csv] [--about FreshCrate]

--about NAME reads the sample as `analyze --about NAME --brand NAME` would: a file of NAME's reviews.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from brandpulse.config import add_about_option, add_brand_options, load_config
from brandpulse.pipeline import analyze
from brandpulse.schema import conform

ROOT = Path(__file__).resolve().parents[1]
INTENTS = ["complaint", "question", "praise", "suggestion", "purchase-intent"]
SAMPLES = [ROOT / "tests" / "data" / "intent_labelled.csv", ROOT / "tests" / "data" / "intent_written.csv"]


def table(pred: np.ndarray, gold: np.ndarray) -> None:
    print("intent           precision        recall          F1")
    for intent in INTENTS:
        tp = int(((pred == intent) & (gold == intent)).sum())
        p, g = int((pred == intent).sum()), int((gold == intent).sum())
        # (F1 last, so each line starts as before: 2 tp / (predicted + gold), 0 with neither)
        f1 = 2 * tp / max(p + g, 1)
        print(f"{intent:16} {tp / max(p, 1):.3f} ({tp}/{p})  {tp / max(g, 1):.3f} ({tp}/{g})  {f1:.3f}")
    print(f"exact match (incl. empty): {(pred == gold).mean():.3f} ({int((pred == gold).sum())}/{len(gold)})")


def main(misses: bool = False, path: Path = SAMPLES[0], about: str | None = None) -> None:
    sample = pd.read_csv(path, keep_default_na=False)
    authors = sample["author"].replace("", None) if "author" in sample else None
    posts = conform(pd.DataFrame({"text": sample["text"], "author": authors}))
    config = load_config(ROOT / "examples" / "brandpulse.toml")
    if about:
        add_about_option(add_brand_options(config, [about]), about)
    out = analyze(posts, config)
    pred, gold = out["intent"].fillna("").to_numpy(object), sample["intent"].to_numpy(object)
    # (where the posts come from, when the file says: `source` of intent_labelled.csv, `set` of suggestion_labelled.csv)
    column = next((c for c in ("language", "source", "set") if c in sample), None)
    parts = ", ".join(f"{k} {v}" for k, v in sample[column].value_counts().items()) if column else ""
    print(f"{len(sample)} posts" + (f" ({parts})" if parts else ""))
    if "language" in sample:  # (each language's figures alone: a language's misses hide in a pooled figure)
        for language in sample["language"].unique():
            print(f"-- {language}")
            rows = (sample["language"] == language).to_numpy()
            table(pred[rows], gold[rows])
    else:
        table(pred, gold)
    if misses:
        for text, g, p in zip(sample["text"], gold, pred, strict=True):
            if g != p:
                print(f"{g or '-':>16} -> {p or '-':16} {text[:100]}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", action="store_true", help="also print each post the rules got wrong")
    parser.add_argument("--sample", type=Path, help="this file alone (default: both samples)")
    parser.add_argument("--about", metavar="NAME", help="the sample is about brand NAME (added to the config)")
    args = parser.parse_args()
    for i, sample in enumerate([args.sample] if args.sample else SAMPLES):
        if not args.sample:  # (both: each under its name)
            print(("\n" if i else "") + f"== {sample.name}")
        main(args.misses, sample, args.about)
