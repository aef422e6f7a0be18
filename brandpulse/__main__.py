"""The `brandpulse` command's entry point: `python -m brandpulse` and the console script (pyproject.toml)."""

import signal
import sys

from .errors import INTERRUPTED, TERMINATED, Terminated


def main() -> None:
    """Import the command line and run it. Ctrl-C or SIGTERM while Python imports it (click, then pandas, pyarrow,
    DuckDB and rich as the command loads: 0.3 s to seconds on a busy cron host), before `run` sets brandpulse's
    handlers, ends the run as it does later: one line and 130 or 143. Ctrl-C printed a traceback; SIGTERM ended
    the process unannounced, killed by the signal."""
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _terminate)  # (Ctrl-C: Python's own handler raises KeyboardInterrupt)
    try:
        from .cli import run

        run()
    except KeyboardInterrupt:
        _end("brandpulse: interrupted", INTERRUPTED)
    except Terminated:
        _end("brandpulse: terminated", TERMINATED)


def _terminate(signum, frame):
    raise Terminated()


def _end(line: str, code: int) -> None:
    if sys.stderr is not None:  # (started with stderr closed: `2>&-`)
        print(line, file=sys.stderr)
    sys.exit(code)


if __name__ == "__main__":
    main()
