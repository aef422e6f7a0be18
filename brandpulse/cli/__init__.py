"""The `brandpulse` command: a thin layer over the library. Commands live in their own modules."""

from __future__ import annotations

import signal
import sys

import click

from .. import __version__
from ..errors import BrandpulseError


class Group(click.Group):
    """Turns brandpulse's errors into one line on stderr and their exit code (traceback with --debug)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BrandpulseError as exc:
            if ctx.meta.get("debug"):
                raise
            click.echo(f"brandpulse: error: {exc}", err=True)
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


from .alerts import alerts  # noqa: E402
from .analyze import analyze  # noqa: E402
from .evaluate import evaluate_cmd  # noqa: E402
from .fetch import fetch_command  # noqa: E402
from .ingest import ingest  # noqa: E402
from .query import query  # noqa: E402
from .queue import queue  # noqa: E402
from .report import report  # noqa: E402
from .train import train_cmd  # noqa: E402

main.add_command(analyze)
main.add_command(fetch_command)
main.add_command(query)
main.add_command(ingest)
main.add_command(report)
main.add_command(alerts)
main.add_command(queue)
main.add_command(evaluate_cmd)
main.add_command(train_cmd)


def run() -> None:
    """The process entry point (console script and `python -m brandpulse`)."""
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends quietly, as other Unix tools do
    main(prog_name="brandpulse")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
