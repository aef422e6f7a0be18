"""Where the shared public data sets live (never copied into the repo); tests skip when absent."""

import os
from pathlib import Path

import pytest


def shared_data() -> Path:
    env = os.environ.get("BRANDPULSE_SHARED_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared" / "data"


def need(*parts: str) -> Path:
    path = shared_data().joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data {'/'.join(parts)} not found (set BRANDPULSE_SHARED_DATA)")
    return path


def tweeteval(split: str) -> tuple[list[str], list[str]]:
    base = need("tweeteval-sentiment")
    texts = (base / f"{split}_text.txt").read_bytes().decode("utf-8").split("\n")[:-1]
    names = {"0": "negative", "1": "neutral", "2": "positive"}
    return texts, [names[x] for x in (base / f"{split}_labels.txt").read_text().split()]
