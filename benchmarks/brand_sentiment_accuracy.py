"""Sentiment per brand against the hand-labelled sample tests/data/brand_sentiment_labelled.csv.

Each row is a post naming two or more brands, one of them, and the sentiment the post shows towards
that brand. Compares `per_brand` (each brand scored on its own clauses) with the whole post's label
given to every brand it names, on the public posts and the example posts apart.

python benchmarks/brand_sentiment_accuracy.py [--sentiment NAME] [--misses]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from brandpulse.config import load_config
from brandpulse.enrich.brand_sentiment import per_brand
from brandpulse.evaluate import score_labels
from brandpulse.pipeline import analyze
from brandpulse.schema import conform

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


def scored_sample(sentiment: str = "cx") -> pd.DataFrame:
    """The sample with `whole` (the post's label) and `per_brand` (the brand's label) columns."""
    sample = pd.read_csv(DATA / "brand_sentiment_labelled.csv", keep_default_na=False)
    config = load_config(DATA / "brand_sentiment_brands.toml")
    posts = conform(pd.DataFrame({"text": sample["text"].drop_duplicates()}))
    enriched = analyze(posts, config, sentiment=sentiment)
    long = per_brand(enriched, config.brands, sentiment)
    found = long.set_index(["text", "brand"])
    keys = pd.MultiIndex.from_frame(sample[["text", "brand"]])
    missing = ~keys.isin(found.index)
    if missing.any():
        raise SystemExit(f"brands not found: {sample.loc[missing, ['brand', 'text']].to_dict('records')}")
    found = found[~found.index.duplicated()].reindex(keys)
    return sample.assign(
        whole=found["sentiment_label"].to_numpy(object), per_brand=found["brand_sentiment_label"].to_numpy(object)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentiment", default="cx")
    parser.add_argument("--misses", action="store_true", help="print each row per_brand gets wrong")
    args = parser.parse_args()
    sample = scored_sample(args.sentiment)
    public = sample["source"] != "examples/posts.csv"
    print(f"{len(sample)} (post, brand) rows, {sample['text'].nunique()} posts; analyzer {args.sentiment}")
    print("subset            rows   whole post: accuracy  macro-F1   per brand: accuracy  macro-F1")
    for name, rows in (("public posts", public), ("example posts", ~public), ("all", public | ~public)):
        gold = sample.loc[rows, "sentiment"].to_numpy(object)
        whole = score_labels(gold, sample.loc[rows, "whole"].to_numpy(object))
        brand = score_labels(gold, sample.loc[rows, "per_brand"].to_numpy(object))
        print(
            f"{name:16} {int(rows.sum()):5}   {whole.accuracy:20.3f} {whole.macro_f1:9.3f}"
            f"   {brand.accuracy:19.3f} {brand.macro_f1:9.3f}"
        )
    if args.misses:
        for r in sample[sample["per_brand"] != sample["sentiment"]].itertuples():
            print(f"{r.brand:>12} {r.sentiment:>8} -> {r.per_brand or '-':8} {r.text[:110]!r}")


if __name__ == "__main__":
    main()
