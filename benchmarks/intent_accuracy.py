"""Per-class precision / recall of the intent rules on the hand-labelled sample tests/data/intent_labelled.csv.

python benchmarks/intent_accuracy.py [--misses]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from brandpulse.config import load_config
from brandpulse.pipeline import analyze
from brandpulse.schema import conform

ROOT = Path(__file__).resolve().parents[1]
INTENTS = ["complaint", "question", "praise", "suggestion", "purchase-intent"]


def main(misses: bool = False) -> None:
    sample = pd.read_csv(ROOT / "tests" / "data" / "intent_labelled.csv", keep_default_na=False)
    posts = conform(pd.DataFrame({"text": sample["text"], "author": sample["author"].replace("", None)}))
    out = analyze(posts, load_config(ROOT / "examples" / "brandpulse.toml"))
    pred, gold = out["intent"].fillna("").to_numpy(object), sample["intent"].to_numpy(object)
    print(f"{len(sample)} posts ({', '.join(f'{k} {v}' for k, v in sample['source'].value_counts().items())})")
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
    main(parser.parse_args().misses)
