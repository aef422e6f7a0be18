"""Sentiment per brand against the hand-labelled samples tests/data/brand_sentiment_labelled.csv and
tests/data/brand_sentiment_written.csv.

Each row is a post naming two or more brands, one of them, and the sentiment the post shows towards
that brand. Compares `per_brand` (each brand scored on its own clauses) with the whole post's label
given to every brand it names: on the first sample's public posts and example posts apart, and on the
second (customer posts written for stop 33, 40: switching, comparisons, questions, sarcasm; and for stop 34,
20: "A's X over B's", "on the other hand", the reason for a switch, sarcasm aimed at one brand; and later in
stop 34, 22 as `written-stop34b`: "A late again", "A rocks", "A > B", "A vs B: B wins", with controls; and for
stop 35, 23: "A vs B: B lost my bag", "A was fine and B lost my bag", "A < B", "A &gt; B", a brand "After Hours",
"A rocks, B not so much", with controls; and for stop 36, 14: "A was awful, B not so much", "A is great, B too",
"A <> B", HTML tags, with controls; and for stop 37, 18: "thanks for waiting" after our own lateness, "same for B",
"ditto B", "A was slow, B less so", block tags, a negation's aside, with controls; and for stop 38, 15: asides of
several words, "B too" before a line break, "same thing happened with B", "why is A so much slower than B?", with
controls; and for stop 39, 16: "B never lets me down", "flying B next time", "A is always late. B never is", a cleft,
lexicon 1.11's speed and its 1.10 edges, with controls; and for the review of stop 39, 15 as `written-stop39b`:
"a snail is faster than B", "A were quick to charge me", "A let down the landing gear", "everyone please be careful
with A", with controls; and for stop 52, 12: "A isn't as bad as B claims", "A is less comfy than B but cheaper", "A is
way more reliable than B", "unlike B, A actually answers the phone", a gloat over B's outage, "B it is", with controls),
by stop.

python benchmarks/brand_sentiment_accuracy.py [--sentiment NAME] [--misses]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from brandpulse.config import load_config
from brandpulse.enrich.sentiment import get_analyzer, label
from brandpulse.evaluate import brand_polarity, score_labels

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
LABELLED = DATA / "brand_sentiment_labelled.csv"
WRITTEN = DATA / "brand_sentiment_written.csv"


def scored_sample(sentiment: str = "cx", path: Path = LABELLED) -> pd.DataFrame:
    """The sample with `whole` (the post's label) and `per_brand` (the label towards the row's brand).
    The same as `brandpulse evaluate tests/data/brand_sentiment_labelled.csv --label-column sentiment
    --brand-column brand -c tests/data/brand_sentiment_brands.toml`, plus the whole-post baseline."""
    sample = pd.read_csv(path, keep_default_na=False)
    brands = load_config(DATA / "brand_sentiment_brands.toml").brands
    analyzer = get_analyzer(sentiment)
    towards = brand_polarity(sample["text"], sample["brand"].tolist(), brands, analyzer)
    if pd.isna(towards).any():
        raise SystemExit(f"brands not found: {sample.loc[pd.isna(towards), ['brand', 'text']].to_dict('records')}")
    whole = analyzer.score(sample["text"].tolist())[0]
    return sample.assign(
        whole=label(pd.Series(whole)).to_numpy(object), per_brand=label(pd.Series(towards)).to_numpy(object)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentiment", default="cx")
    parser.add_argument("--misses", action="store_true", help="print each row per_brand gets wrong")
    args = parser.parse_args()
    sample = scored_sample(args.sentiment)
    written = scored_sample(args.sentiment, WRITTEN)
    public = sample["source"] != "examples/posts.csv"
    posts = f"{sample['text'].nunique()} + {written['text'].nunique()}"
    print(f"{len(sample)} + {len(written)} (post, brand) rows, {posts} posts; analyzer {args.sentiment}")
    print("subset            rows   whole post: accuracy  macro-F1   per brand: accuracy  macro-F1")
    subsets = [("public posts", public), ("example posts", ~public), ("all", public | ~public)]
    everything = pd.Series(True, index=written.index)
    by_stop = [(source.removeprefix("written-"), written["source"] == source) for source in written["source"].unique()]
    subsets = [(n, r, sample) for n, r in subsets] + [(f"written {n}", r, written) for n, r in by_stop]
    for name, rows, frame in subsets + [("written", everything, written)]:
        gold = frame.loc[rows, "sentiment"].to_numpy(object)
        whole = score_labels(gold, frame.loc[rows, "whole"].to_numpy(object))
        brand = score_labels(gold, frame.loc[rows, "per_brand"].to_numpy(object))
        print(
            f"{name:16} {int(rows.sum()):5}   {whole.accuracy:20.3f} {whole.macro_f1:9.3f}"
            f"   {brand.accuracy:19.3f} {brand.macro_f1:9.3f}"
        )
    if args.misses:
        both = pd.concat([sample, written])
        for r in both[both["per_brand"] != both["sentiment"]].itertuples():
            print(f"{r.brand:>12} {r.sentiment:>8} -> {r.per_brand or '-':8} {r.text[:110]!r}")


if __name__ == "__main__":
    main()
