from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = ROOT / "examples"


sys.path.insert(0, str(ROOT / "benchmarks"))
from shared_data import parity_texts  # noqa: E402,F401  (re-exported for the tests)
from shared_data import shared_data_dir as shared_data  # noqa: E402
from shared_data import tweeteval as shared_tweeteval  # noqa: E402


def need(*parts: str) -> Path:
    """A shared data path, or skip the test when the data is not on this machine."""
    base = shared_data()
    path = base.joinpath(*parts) if base else None
    if path is None or not path.exists():
        pytest.skip(f"shared data {'/'.join(parts)} not found (set BRANDPULSE_SHARED_DATA)")
    return path


def tweeteval(split: str) -> tuple[list[str], list[str]]:
    frame = shared_tweeteval(need("tweeteval-sentiment").parent, split)
    return frame["text"].tolist(), frame["gold"].tolist()


@pytest.fixture
def far_east_clock(monkeypatch):
    """The machine's local time 14 hours ahead of UTC (cron jobs run under the machine's TZ)."""
    monkeypatch.setenv("TZ", "Etc/GMT-14")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path, monkeypatch):
    """No test picks up a brandpulse.toml or env config of the machine it runs on."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BRANDPULSE_CONFIG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
