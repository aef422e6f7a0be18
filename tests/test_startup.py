"""What starting brandpulse costs: a command loads only what it uses (`brandpulse --help` loaded pandas, pyarrow,
DuckDB and rich through every command's module, 2.5 s for a page of help)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from brandpulse.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("pandas", "numpy", "pyarrow", "rich", "requests", "duckdb", "lingua", "textblob", "sklearn")

#: runs the command line in a fresh interpreter, then prints the heavy packages it imported on stderr's last line
RUN_AND_LIST = f"""
import sys
from brandpulse.__main__ import main
sys.argv = ["brandpulse", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(",".join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)
"""


def imported(*args: str) -> tuple[str, list[str]]:
    """The output of `brandpulse ARGS` and the heavy packages it imported."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST, *args], env=env, capture_output=True, text=True, timeout=120
    )
    return done.stdout, [m for m in done.stderr.splitlines()[-1].split(",") if m]


@pytest.mark.parametrize(
    ("args", "shown"), [("--help", "  analyze   Analyze posts in FILES"), ("--version", "version")]
)
def test_help_and_version_import_no_heavy_package(args, shown):
    out, heavy = imported(args)
    assert heavy == []
    assert shown in out


def test_a_command_still_imports_what_it_uses(tmp_path):
    """The check above can fail: a command that runs loads pandas."""
    empty = tmp_path / "posts.csv"
    empty.write_text("text\n")
    _, heavy = imported("query", "test", "delta", str(empty))
    assert "pandas" in heavy


#: every command's (and `query test`'s) --help, and a usage error of each, in one fresh interpreter
EVERY_HELP = f"""
import sys
from click.testing import CliRunner
from brandpulse.cli import COMMANDS, main
runs = [[name, "--help"] for name in sorted(COMMANDS)] + [["query", "test", "--help"]]
runs += [[name, "--no-such-option"] for name in sorted(COMMANDS)] + [["alerts", "--bucket", "week"]]
for args in runs:
    result = CliRunner().invoke(main, args, prog_name="brandpulse")
    print(*args, result.exit_code, result.output.count("Usage: brandpulse"), sep=",")
print(",".join(m for m in {HEAVY!r} if m in sys.modules))
"""


def test_each_commands_help_and_usage_errors_import_no_heavy_package():
    """`brandpulse analyze --help` loaded pandas, pyarrow and rich through the command's module (0.7 s CPU); a usage
    error, which click reports before the command runs, did too."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", EVERY_HELP], env=env, capture_output=True, text=True, timeout=120)
    *runs, heavy = done.stdout.splitlines()
    assert heavy == ""
    assert len(runs) == 2 * len(COMMANDS) + 2
    for run in runs:
        *args, code, usage = run.split(",")
        assert (code, usage) == ("0" if "--help" in args else "2", "1"), args


def test_the_names_help_lists_are_the_librarys():
    """`choices` holds what the commands' help shows without loading the library: the same names as the library's."""
    from brandpulse import choices
    from brandpulse.enrich.sentiment import ANALYZERS
    from brandpulse.fetch import SOURCES
    from brandpulse.report.spikes import BUCKETS

    assert (
        sorted(ANALYZERS)
        == sorted(choices.ANALYZER_NAMES)
        == sorted(["cx", "cx-reference", "textblob", "textblob-reference", "vader", "vader-reference"])
    )
    assert list(SOURCES) == list(choices.SOURCE_NAMES)
    assert list(BUCKETS) == list(choices.SPIKE_BUCKETS) == ["day", "hour"]


@pytest.mark.parametrize("width", [40, 80, 200])
def test_the_help_lists_each_command_by_its_own_first_sentence(width):
    """`SUMMARIES`, which `--help` lists, say what click itself takes from each command's docstring."""
    ctx = click.Context(main, terminal_width=width)
    ours, clicks = click.HelpFormatter(width=width), click.HelpFormatter(width=width)
    main.format_commands(ctx, ours)
    click.Group.format_commands(main, ctx, clicks)  # (imports each command's module, as --help did)
    assert ours.getvalue() == clicks.getvalue()
    assert ours.getvalue().count("\n  ") == len(COMMANDS)
