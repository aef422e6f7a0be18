"""The `brandpulse` command: a thin layer over the library. Commands live in their own modules."""

from __future__ import annotations

import importlib
import signal
import sys

import click

from .. import __version__
from ..errors import BrandpulseError

#: command name -> (module, function): a command's module is imported when the command runs (or for
#: --help), so `analyze` does not load the store's database engine, HTTP clients and the like (0.1 s)
COMMANDS = {
    "alerts": ("alerts", "alerts"),
    "analyze": ("analyze", "analyze"),
    "evaluate": ("evaluate", "evaluate_cmd"),
    "fetch": ("fetch", "fetch_command"),
    "ingest": ("ingest", "ingest"),
    "query": ("query", "query"),
    "queue": ("queue", "queue"),
    "report": ("report", "report"),
    "train": ("train", "train_cmd"),
}


class Group(click.Group):
    """Turns brandpulse's errors into one line on stderr and their exit code (traceback with --debug)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, function = COMMANDS[name]
        return getattr(importlib.import_module(f"{__name__}.{module}"), function)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BrandpulseError as exc:
            if ctx.meta.get("debug"):
                raise
            from ..output.terminal import terminal_safe  # (only on this path: it loads rich and pandas)

            click.echo(f"brandpulse: error: {terminal_safe(exc, one_line=True)}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("brandpulse: interrupted", err=True)
            ctx.exit(130)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="brandpulse")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Find brand mentions in social posts, score their sentiment, tag their topics and report.

    Exit codes: 0 ok, 1 unexpected error, 2 usage error, 3 alerts fired,
    4 input error, 5 config error, 6 fetch error, 7 store error.
    """
    ctx.meta["debug"] = debug


def run() -> None:
    """The process entry point (console script and `python -m brandpulse`)."""
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends quietly, as other Unix tools do
    main(prog_name="brandpulse")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
