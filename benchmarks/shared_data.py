"""The shared public data sets, read in place and never copied into the repository.

Found at $BRANDPULSE_SHARED_DATA, else the first `shared/data` beside the repository or beside one
of its parent folders (which covers git worktrees kept one level deeper). Benchmarks and tests use
these readers alike (tests/conftest.py imports this module).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
TWEETEVAL_LABELS = {0: "negative", 1: "neutral", 2: "positive"}


#: what a shared data folder must hold to count as found (an empty folder gave "0 texts" and 0x rates)
SETS = ("tweeteval-sentiment/test_text.txt", "vader-groundtruth/tweets_GroundTruth.txt")


def _complete(folder: Path) -> bool:
    return all((folder / part).is_file() for part in SETS)


def shared_data_dir() -> Path | None:
    env = os.environ.get("BRANDPULSE_SHARED_DATA")
    if env:
        return Path(env) if _complete(Path(env)) else None
    for base in (ROOT.parent, *ROOT.parent.parents):
        if _complete(base / "shared" / "data"):
            return base / "shared" / "data"
    return None


def require_dir() -> Path:
    data = shared_data_dir()
    if data is None:
        raise SystemExit(
            "shared data not found: set BRANDPULSE_SHARED_DATA or put it at ../shared/data"
            f" (a folder holding {' and '.join(SETS)})"
        )
    return data


def parity_texts(data: Path) -> list[str]:
    """Every TweetEval text and every VADER ground-truth text: the sentiment parity corpus."""
    texts: list[str] = []
    for p in sorted((data / "tweeteval-sentiment").glob("*_text.txt")):
        texts += p.read_text(encoding="utf-8").splitlines()
    for p in sorted((data / "vader-groundtruth").glob("*.txt")):
        for line in p.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3:
                texts.append(parts[2])
    return texts


def tweeteval(data: Path, split: str) -> pd.DataFrame:
    """text, label (0/1/2) and gold (negative/neutral/positive) of a TweetEval split."""
    base = data / "tweeteval-sentiment"
    texts = (base / f"{split}_text.txt").read_bytes().decode("utf-8").split("\n")[:-1]
    labels = [int(x) for x in (base / f"{split}_labels.txt").read_text().split()]
    return pd.DataFrame({"text": texts, "label": labels, "gold": [TWEETEVAL_LABELS[x] for x in labels]})


def vader_truth(data: Path, name: str) -> pd.DataFrame:
    """text and mean human score (-4..4) of a VADER ground-truth file."""
    raw = (data / "vader-groundtruth" / f"{name}_GroundTruth.txt").read_bytes().decode("utf-8")
    rows = [line.split("\t", 2) for line in raw.replace("\r\n", "\n").split("\n") if line.strip()]
    return pd.DataFrame({"text": [r[2] for r in rows], "score": [float(r[1]) for r in rows]})
