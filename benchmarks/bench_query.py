"""Cost of 100 boolean queries against the same terms as plain term lists.

    python benchmarks/bench_query.py            # 200,000 posts
    python benchmarks/bench_query.py --n 1000000

Posts are random words from a 5,000-word vocabulary plus brand and product words, so
every query has real matches. Each query uses its brand's terms with the operators
analysts use: OR groups, AND NOT, NEAR/n, a phrase, a wildcard; every fifth adds a
field and every tenth a `?` wildcard or a case-sensitive `{ACRONYM}`.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from brandpulse.enrich.matching import Rule, TermMatcher
from brandpulse.enrich.query import QueryMatcher

BRANDS = 100


def make_posts(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    vocab = np.array([f"w{i}" for i in range(5000)] + ["the", "a", "is", "my", "not", "great", "late"] * 50)
    special = np.array(
        [f"brand{b}" for b in range(BRANDS)]
        + [f"product{b}" for b in range(BRANDS)]
        + [f"ACR{b}" for b in range(BRANDS)]
        + [f"deliver{s}" for s in ("y", "ed", "ing")]
        + ["colour", "color", "pie"]
    )
    length = 20
    words = vocab[rng.integers(0, len(vocab), size=(n, length))]
    mask = rng.random((n, length)) < 0.04
    words[mask] = special[rng.integers(0, len(special), size=mask.sum())]
    text = pd.Series([" ".join(row) for row in words.tolist()], dtype="string[pyarrow]")
    return pd.DataFrame(
        {
            "text": text,
            "author": pd.Series([f"user{i % 5000}" for i in range(n)], dtype="string[pyarrow]"),
            "platform": pd.Series(rng.choice(["twitter", "reddit", "bluesky"], n), dtype="string[pyarrow]"),
            "lang": pd.Series(rng.choice(["en", "fr", "de"], n), dtype="string[pyarrow]"),
            "url": pd.Series([f"https://site{i % 50}.com/p/{i}" for i in range(n)], dtype="string[pyarrow]"),
        }
    )


def queries_and_terms() -> tuple[list[tuple[str, str]], list[Rule]]:
    queries, rules = [], []
    for b in range(BRANDS):
        terms = [f"brand{b}", f"product{b}", "deliver*", f'"brand{b} product{b}"']
        q = f'(brand{b} OR "brand{b} product{b}") NEAR/5 (product{b} OR deliver*) AND NOT pie'
        if b % 5 == 0:
            q = f"({q}) OR (brand{b} AND platform:reddit)"
        if b % 10 == 0:
            q += f" OR {{ACR{b}}} OR colo?r"
            terms += [f"acr{b}", "colour", "color"]
        queries.append((f"b{b}", q))
        rules.append(Rule(f"b{b}", tuple(t.strip('"') for t in terms), ("pie",)))
    return queries, rules


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=200_000, help="posts to generate (default 200,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is shown")
    args = parser.parse_args()

    df = make_posts(args.n)
    queries, rules = queries_and_terms()
    start = time.perf_counter()
    compiled = QueryMatcher(queries)
    compile_s = time.perf_counter() - start
    plain = TermMatcher(rules)

    plain_s = best_of(lambda: plain.hits(df["text"]), args.repeat)
    query_s = best_of(lambda: compiled.hits(df), args.repeat)
    hits = compiled.hits(df)
    print(f"posts: {args.n:,}; queries: {len(queries)}; distinct automaton keys: {len(compiled.keys)}")
    print(f"compile 100 queries: {compile_s * 1000:.1f} ms")
    print(f"plain term lists (TermMatcher.hits): {plain_s:.2f} s")
    print(f"100 queries (QueryMatcher.hits):     {query_s:.2f} s")
    print(f"ratio queries / plain terms: {query_s / plain_s:.2f}x")
    print(f"posts matched by at least one query: {hits.any(axis=1).sum():,}; query matches in all: {hits.sum():,}")


if __name__ == "__main__":
    main()
