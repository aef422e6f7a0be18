"""Per-class precision / recall of the intent rules on the hand-labelled sample tests/data/intent_labelled.csv, or
another file of `text` and `intent` columns (tests/data/suggestion_labelled.csv: app reviews of a meal-kit app).

python benchmarks/intent_accuracy.py [--misses] [--sample tests/data/suggestion_labelled.csv] [--about FreshCrate]

--about NAME reads the sample as `analyze --about NAME --brand NAME` would: a file of NAME's reviews.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from brandpulse.config import add_about_option, add_brand_options, load_config
from brandpulse.pipeline import analyze
from brandpulse.schema import conform

ROOT = Path(__file__).resolve().parents[1]
INTENTS = ["complaint", "question", "praise", "suggestion", "purchase-intent"]


def main(
    misses: bool = False, path: Path = ROOT / "tests" / "data" / "intent_labelled.csv", about: str | None = None
) -> None:
    sample = pd.read_csv(path, keep_default_na=False)
    authors = sample["author"].replace("", None) if "author" in sample else None
    posts = conform(pd.DataFrame({"text": sample["text"], "author": authors}))
    config = load_config(ROOT / "examples" / "brandpulse.toml")
    if about:
        add_about_option(add_brand_options(config, [about]), about)
    out = analyze(posts, config)
    pred, gold = out["intent"].fillna("").to_numpy(object), sample["intent"].to_numpy(object)
    # (where the posts come from, when the file says: `source` of intent_labelled.csv, `set` of suggestion_labelled.csv)
    column = next((c for c in ("source", "set") if c in sample), None)
    parts = ", ".join(f"{k} {v}" for k, v in sample[column].value_counts().items()) if column else ""
    print(f"{len(sample)} posts" + (f" ({parts})" if parts else ""))
    print("intent           precision        recall")
    for intent in INTENTS:
        tp = int(((pred == intent) & (gold == intent)).sum())
        p, g = int((pred == intent).sum()), int((gold == intent).sum())
        print(f"{intent:16} {tp / max(p, 1):.3f} ({tp}/{p})  {tp / max(g, 1):.3f} ({tp}/{g})")
    print(f"exact match (incl. empty): {(pred == gold).mean():.3f}")
    if misses:
        for text, g, p in zip(sample["text"], gold, pred, strict=True):
            if g != p:
                print(f"{g or '-':>16} -> {p or '-':16} {text[:100]}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", action="store_true", help="also print each post the rules got wrong")
    parser.add_argument("--sample", type=Path, default=ROOT / "tests" / "data" / "intent_labelled.csv")
    parser.add_argument("--about", metavar="NAME", help="the sample is about brand NAME (added to the config)")
    args = parser.parse_args()
    main(args.misses, args.sample, args.about)
