from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = ROOT / "examples"


def shared_data() -> Path | None:
    """../shared/data beside the repository (or $BRANDPULSE_SHARED_DATA), when present."""
    path = Path(os.environ.get("BRANDPULSE_SHARED_DATA", ROOT.parent / "shared" / "data"))
    return path if path.is_dir() else None


def need(*parts: str) -> Path:
    """A shared data path, or skip the test when the data is not on this machine."""
    base = shared_data()
    path = base.joinpath(*parts) if base else None
    if path is None or not path.exists():
        pytest.skip(f"shared data {'/'.join(parts)} not found (set BRANDPULSE_SHARED_DATA)")
    return path


def tweeteval(split: str) -> tuple[list[str], list[str]]:
    base = need("tweeteval-sentiment")
    texts = (base / f"{split}_text.txt").read_bytes().decode("utf-8").split("\n")[:-1]
    names = {"0": "negative", "1": "neutral", "2": "positive"}
    return texts, [names[x] for x in (base / f"{split}_labels.txt").read_text().split()]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path, monkeypatch):
    """No test picks up a brandpulse.toml or env config of the machine it runs on."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BRANDPULSE_CONFIG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
