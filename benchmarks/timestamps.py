"""Time parse_timestamps on the date formats exports write: `python benchmarks/timestamps.py [N]`.

For each format, N distinct times (default 100,000) are parsed by brandpulse and, as the baseline in
the same run, value by value by `pd.to_datetime` (dateutil; on a tenth of them, scaled up). Both must
give the same times, and brandpulse's must be the times written.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from brandpulse.sources.values import parse_timestamps

FORMATS = {
    "ISO 8601": "%Y-%m-%dT%H:%M:%S.000Z",
    "Twitter v1.1": "%a %b %d %H:%M:%S +0000 %Y",
    "RFC 2822 (RSS)": "%a, %d %b %Y %H:%M:%S +0000",
    "US, 12-hour": "%b %d, %Y %I:%M:%S %p",
    "named zone": "%Y-%m-%d %H:%M:%S UTC",
    "day/month/year": "%d/%m/%Y %H:%M:%S",
}


def main(n: int) -> None:
    rng = np.random.default_rng(0)
    times = pd.Timestamp("2026-01-01", tz="UTC") + pd.to_timedelta(rng.integers(0, 365 * 86400, n), unit="s")
    print(f"{n:,} distinct times per format")
    print(f"{'format':16} {'brandpulse':>11} {'per value':>10} {'ratio':>6}")
    for name, fmt in FORMATS.items():
        values = pd.Series(times.strftime(fmt), dtype="string")
        order = "dmy" if fmt.startswith("%d/") else None
        t = time.perf_counter()
        got = parse_timestamps(values, order)
        ours = time.perf_counter() - t
        sample = values.iloc[: max(n // 10, 1)]  # the baseline on a tenth, scaled up
        t = time.perf_counter()
        base = [pd.to_datetime(v, dayfirst=order == "dmy", utc=True) for v in sample]
        baseline = (time.perf_counter() - t) * len(values) / len(sample)
        assert got.iloc[: len(sample)].tolist() == base, name
        assert got.tolist() == list(times), name
        print(f"{name:16} {ours:10.2f}s {baseline:9.2f}s {baseline / ours:5.0f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, nargs="?", default=100_000, help="distinct times per format (default 100,000)")
    main(parser.parse_args().n)
