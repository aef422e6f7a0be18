"""`mask_text` (`--redact`) on long hostile texts: each pattern must take time linear in the text, whatever it holds.

Why a script and not a test: timings on a shared machine are too noisy to assert on.

A post is at most a few thousand characters, but a text column of an export may hold anything (a pasted log, a
base64 blob): before stop 44's review the e-mail pattern, tried at each letter of a run with no "@" after it, took
quadratic time (20 s on 'a1' * 20000 + '_'). Prints the slowest text's seconds and each pattern's, best of --runs:

    PYTHONPATH=. python benchmarks/bench_redact.py
"""

from __future__ import annotations

import argparse
import time

from brandpulse.output.redact import PATTERNS, mask_text


def hostile(n: int) -> dict[str, str]:
    """Texts of about 2n characters that make a backtracking pattern try every start and every length."""
    return {
        "'a1' * n + '_'": "a1" * n + "_",
        "'a-1' * n": "a-1" * n,
        "'1.' * n + 'x'": "1." * n + "x",
        "'a' * 2n + '@'": "a" * 2 * n + "@",
        "'1 ' * n": "1 " * n,
        "'Mr ' * n": "Mr " * n,
        "'12 Aa ' * n": "12 Aa " * (n // 2),
        "'born ' * n": "born " * n,
        "'a/1' * n + '_'": "a/1" * n + "_",
        "'@a.' * n": "@a." * n,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20_000, help="repeats of each hostile piece (default 20,000)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for name, text in hostile(args.n).items():
        best = min(_timed(mask_text, text) for _ in range(args.runs))
        seconds, pattern = max((min(_timed(p.sub, m, text) for _ in range(args.runs)), p.pattern) for p, m in PATTERNS)
        print(
            f"{name:16} {len(text):>7,} chars  mask_text {best:.3f} s, slowest pattern {seconds:.3f} s {pattern[:30]}"
        )


def _timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
