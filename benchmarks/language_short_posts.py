"""How language detection does on short posts, where it is weakest.

    python benchmarks/language_short_posts.py

- tests/data/short_posts_language.csv: 110 English and 100 es/fr/de/pt/it/nl posts of two to six words, written
  and labelled by hand (40 of the English ones customer talk in words French shares: "Voxa outage, no signal,
  terrible"), read as `analyze` reads them with the brands of tests/data/short_posts_brands.toml: how many English
  posts get another language (their sentiment skipped) or none (scored as English, rightly), how many non-English
  ones get theirs, another, none (scored as English) or English, and the share right per language (English:
  en or none);
- the English texts of the tuning split (TweetEval val's tweets; VADER's Amazon, movie and NYT texts: ../shared/data,
  when present; the held-out sets are not read, as language rules are tuned here), by length in words (links,
  handles and emoticons aside): how many get another language than English.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from shared_data import shared_data_dir, tweeteval, vader_truth  # noqa: E402

from brandpulse.config import load_config  # noqa: E402
from brandpulse.enrich import language  # noqa: E402
from brandpulse.enrich.brands import brand_terms  # noqa: E402

DATA = ROOT / "tests" / "data"


def codes(texts: list[str], names: tuple[str, ...] = ()) -> pd.Series:
    language._known.clear()
    return pd.Series([code or "" for code in language.detect(texts, names=names)])


def per_language(got: pd.Series, gold: pd.Series) -> str:
    """The share of each language's posts that get it (English: en or none, both scored as English)."""
    right = (got == gold) | ((gold == "en") & (got == ""))
    shares = right.groupby(gold, sort=False).agg(["sum", "size"])
    return ", ".join(f"{lang} {n}/{size} ({n / size:.0%})" for lang, (n, size) in shares.iterrows())


def main() -> None:
    posts = pd.read_csv(DATA / "short_posts_language.csv", dtype=str, keep_default_na=False)
    names = brand_terms(load_config(DATA / "short_posts_brands.toml").brands)
    got, gold = codes(posts["text"].tolist(), names), posts["lang"]
    english, other = got[gold == "en"], got[gold != "en"]
    print(
        f"hand-made short posts: English {len(english)}: en {(english == 'en').sum()}, "
        f"unsure {(english == '').sum()}, another language {(~english.isin(['en', ''])).sum()}"
    )
    right = other == gold[gold != "en"]
    print(
        f"  non-English {len(other)}: right {right.sum()}, another {(~right & ~other.isin(['en', ''])).sum()}, "
        f"unsure {(other == '').sum()}, en {(other == 'en').sum()}"
    )
    print(f"  right per language: {per_language(got, gold)}")
    data = shared_data_dir()
    if data is None:
        print("(no ../shared/data: the English texts are left out)")
        return
    tweets = tweeteval(data, "val")["text"].tolist()
    tweets += [
        t
        for name in ("amazonReviewSnippets", "movieReviewSnippets", "nytEditorialSnippets")
        for t in vader_truth(data, name)["text"].tolist()
    ]
    tweets = list(dict.fromkeys(tweets))
    got = codes(tweets)
    words = pd.Series([len(language._words(t)) for t in tweets])
    for low, high in ((2, 3), (4, 6), (7, None)):
        part = got[(words >= low) & (words <= (high or words.max()))]
        shown = f"{low}-{high}" if high else f"{low}+"
        print(
            f"English texts of {shown} words: {len(part):,}: en {(part == 'en').sum():,}, unsure "
            f"{(part == '').sum():,}, another language {(~part.isin(['en', ''])).sum():,}"
        )
    wrong, unsure = (~got.isin(["en", ""])).sum(), (got == "").sum()
    print(f"all {len(got):,} English texts: another language {wrong:,}, unsure {unsure:,}")


if __name__ == "__main__":
    main()
