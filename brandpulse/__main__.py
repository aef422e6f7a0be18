"""The `brandpulse` command's entry point: `python -m brandpulse` and the console script (pyproject.toml)."""

import signal
import sys

from .errors import ENDING, INTERRUPTED, Terminated, let_go_of_a_hung_up_terminal


def main() -> None:
    """Import the command line and run it. Ctrl-C, SIGTERM or SIGHUP while Python imports it (click, then pandas,
    pyarrow, DuckDB and rich as the command loads: 0.3 s to seconds on a busy cron host), before `run` sets
    brandpulse's handlers, ends the run as it does later: one line and 130, 143 or 129. Ctrl-C printed a traceback;
    SIGTERM ended the process unannounced, killed by the signal."""
    for signum in ENDING:  # (Ctrl-C: Python's own handler raises KeyboardInterrupt; SIGHUP ignored by `nohup` stays so)
        if signum == signal.SIGTERM or signal.getsignal(signum) is not signal.SIG_IGN:
            signal.signal(signum, _terminate)
    try:
        from .cli import run

        run()
    except KeyboardInterrupt:
        _end("brandpulse: interrupted", INTERRUPTED)
    except Terminated as exc:
        _end(exc.line, exc.exit_code)


def _terminate(signum, frame):
    let_go_of_a_hung_up_terminal()
    raise Terminated(signum)


def _end(line: str, code: int) -> None:
    if sys.stderr is not None:  # (started with stderr closed: `2>&-`)
        print(line, file=sys.stderr)
    sys.exit(code)


if __name__ == "__main__":
    main()
