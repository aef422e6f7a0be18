"""The `brandpulse` command: a thin layer over the library. Commands live in their own modules."""

from __future__ import annotations

import contextlib
import importlib
import io
import logging
import os
import signal
import sys
import traceback
import warnings

import click

from .. import __version__
from ..errors import (
    ENDING,
    INTERRUPTED,
    BrandpulseError,
    InputError,
    Terminated,
    let_go_of_a_hung_up_terminal,
    on_the_command_line,
    signal_behind,
)

#: command name -> (module, function): a command's module is imported when the command runs (or for
#: --help), so `analyze` does not load the store's database engine, HTTP clients and the like (0.1 s)
COMMANDS = {
    "alerts": ("alerts", "alerts"),
    "analyze": ("analyze", "analyze"),
    "evaluate": ("evaluate", "evaluate_cmd"),
    "fetch": ("fetch", "fetch_command"),
    "forget": ("forget", "forget"),
    "ingest": ("ingest", "ingest"),
    "query": ("query", "query"),
    "queue": ("queue", "queue"),
    "report": ("report", "report"),
    "rescore": ("rescore", "rescore"),
    "runs": ("runs", "runs"),
    "train": ("train", "train_cmd"),
}

#: each command's first sentence, as `brandpulse --help` lists it: click read it from the command's docstring, which
#: imported every command's module, and with them pandas, pyarrow, DuckDB and rich (2.5 s for a page of help, 0.1 s
#: now). tests/test_startup.py checks that each is the command's own
SUMMARIES = {
    "alerts": "Detect spikes in volume and negative share per brand (and in volume per topic, --topics) against a"
    " rolling median/MAD baseline, and single safety posts (an injury, a fire, smoke, a crash, a recall hazard).",
    "analyze": "Analyze posts in FILES (CSV, TSV, JSON, JSONL, Parquet, XLSX, export archives; also gzip, bzip2 or xz;"
    " a folder or quoted glob of them; '-' for stdin).",
    "evaluate": "Score analyzers on FILE's labelled posts: accuracy, macro-F1, per-class precision/recall/F1,"
    " confusion.",
    "fetch": "Fetch posts matching QUERY from SOURCE and write them as canonical rows.",
    "forget": "Delete posts from the history store: by an author who asked to be forgotten, or older than you keep.",
    "ingest": "Analyze FILES and keep the posts in the history store (a DuckDB file).",
    "query": 'Write and test boolean queries for brands and topics (AND OR NOT NEAR/n "phrases" field:).',
    "queue": "Posts about our brands that deserve an answer, most urgent first.",
    "report": "Report on a period compared with the one before: brands, NSS, share of voice, trends, topics, emerging"
    " terms, authors and posts.",
    "rescore": "Analyze the stored posts again, from their stored text, with this brandpulse's rules and the config of"
    " today.",
    "runs": "List the store's recent ingest and fetch --store runs, the newest first: when (UTC), which command, the"
    " posts it stored (inserted or updated), found unchanged and left out as their authors were forgotten, and its"
    " rows rejected (empty: not known), its exit code and `ok` or `failed: ` and its error.",
    "train": "Train a TF-IDF (word + char n-grams) logistic-regression model on LABELLED posts.",
}


class Group(click.Group):
    """Turns brandpulse's errors into one line on stderr and their exit code (traceback with --debug)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, function = COMMANDS[name]
        return _with_debug(getattr(importlib.import_module(f"{__name__}.{module}"), function))

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands as click lists them, from `SUMMARIES`: no command's module is imported."""
        limit = formatter.width - 6 - max(map(len, COMMANDS))
        rows = [
            (name, click.Command(name, help=SUMMARIES[name]).get_short_help_str(limit)) for name in sorted(COMMANDS)
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        """`brandpulse analyse` was "No such command 'analyse'." alone: click suggests from the commands it holds,
        and these are imported when run. The close name is suggested, as click does for options."""
        name = args[0] if args else ""
        if name not in COMMANDS and not name.startswith("-") and not ctx.resilient_parsing:
            import difflib

            if close := difflib.get_close_matches(name, COMMANDS, n=1):
                ctx.fail(f"No such command {name!r}. Did you mean {close[0]!r}?")
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context):
        try:
            with on_the_command_line():  # (its errors name --cv, not the library's cv=)
                result = super().invoke(ctx)
            sys.stdout.flush()  # a full disk fails here, where it is one line, not in Python's flush at exit
            if Terminated.signalled:  # raised where Python ignores exceptions (an at-fork hook): still 143 (129)
                raise Terminated()
            return result
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, BrokenPipeError):
            raise  # usage errors and the like: click prints them and sets their exit code (EPIPE: quietly 1)
        except KeyboardInterrupt:
            _stopped(ctx, "brandpulse: interrupted", INTERRUPTED)
        except Terminated as exc:
            _stopped(ctx, exc.line, exc.exit_code)
        except Exception as exc:
            if isinstance(stop := signal_behind(exc), Terminated):  # (a cleanup the signal's exception set off failed)
                _stopped(ctx, stop.line, stop.exit_code)
            if isinstance(stop, KeyboardInterrupt):
                _stopped(ctx, "brandpulse: interrupted", INTERRUPTED)
            if isinstance(exc, BrandpulseError):  # (also after a signal: a COMMIT it let end failed on a full disk)
                _fail(ctx, f"brandpulse: error: {exc}", exc.exit_code, failed=exc)
            # a bug, or the system refused (disk full, permission denied)
            if isinstance(exc, OSError) and exc.filename is None and _flush_stdout():
                exc.filename = "stdout"  # (rich and click.echo write there without naming it)
            _fail(ctx, f"brandpulse: error: {describe(exc)}", 1, hint=True, failed=exc)


def _with_debug(command: click.Command) -> click.Command:
    """`--debug` after the command name too: "run with --debug" sent users to `brandpulse analyze ... --debug`,
    which was "No such option: --debug"."""
    for sub in getattr(command, "commands", {}).values():  # (`query test`)
        _with_debug(sub)
    if not any(p.name == "debug" for p in command.params):
        command.params.append(
            click.Option(["--debug"], is_flag=True, expose_value=False, callback=_set_debug, help=_DEBUG_HELP)
        )
    return command


def _set_debug(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta["debug"] = True  # (meta is shared by the group's context and the command's)


_DEBUG_HELP = "Show tracebacks for errors."


def _fail(ctx: click.Context, line: str, code: int, hint: bool = False, failed: BaseException | None = None) -> None:
    """An error's line, the names and text it quotes made safe for the terminal, on stderr: `_end`. The run of a
    store that `failed` (`STORE_RUN`) is logged in it with that line."""
    from ..output.terminal import terminal_safe  # (only on this path: it loads rich and pandas)
    from ..sources import shown_name

    line = terminal_safe(shown_name(line), one_line=True)
    if failed is not None:
        _log_failure(ctx, line.removeprefix("brandpulse: error: "), code, failed)
    if hint and not ctx.meta.get("debug"):
        line += " (run with --debug for the traceback)"
    _end(ctx, line, code)


#: `ctx.meta`'s key of the store an `ingest` or `fetch --store` writes, once it is checked (`note_store_run`): a run
#: that fails from then on is logged in it (`store.run_failed`), as `brandpulse runs` lists
STORE_RUN = "brandpulse.store_run"


def note_store_run(path, command: str, wait: float) -> dict:
    """Have a failure of this run logged in the store at `path`; the dict returned takes the `noted_at` of an
    entry the run wrote before it failed (`store.run_failed`)."""
    run = {"path": path, "command": command, "wait": wait, "noted_at": None}
    click.get_current_context().meta[STORE_RUN] = run
    return run


def _log_failure(ctx: click.Context, error: str, code: int, exc: BaseException) -> None:
    """Log the failed run in its store (`note_store_run`), but for a busy store (trying would wait as long again) and
    after a signal (the run is ending: a COMMIT that a SIGTERM let end and that then failed is its error, exit 7, and
    a signal as it is logged leaves it unlogged, not that error unsaid)."""
    from ..errors import StoreBusy

    run = ctx.meta.get(STORE_RUN)
    if run is None or Terminated.signalled:
        return
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, StoreBusy):
            return
        cause = cause.__cause__ or cause.__context__
    from .. import store

    with contextlib.suppress(Terminated, KeyboardInterrupt):
        store.run_failed(run["path"], run["command"], error, code, wait=run["wait"], noted_at=run["noted_at"])


def _stopped(ctx: click.Context, line: str, code: int) -> None:
    """A run ended by a signal (cron's `timeout`: SIGTERM; Ctrl-C), logged in its store as failed with its line and
    code (`failed: terminated`, 143), as an error is: it left no trace in `brandpulse runs`. Only when the store can
    be written at once (the run's own transaction is rolled back by now): the run is ending, and a busy store would
    keep it waiting past the signal. A second signal meanwhile leaves it unlogged."""
    run = ctx.meta.get(STORE_RUN)
    if run is not None:
        from .. import store

        # (the store's statements raise a signal noted: this one is said, a second one stops the logging)
        noted, Terminated.signalled, Terminated.ctrl_c = Terminated.signalled, False, False
        try:
            with contextlib.suppress(Terminated, KeyboardInterrupt):
                error = line.removeprefix("brandpulse: ")
                store.run_failed(run["path"], run["command"], error, code, wait=0, noted_at=run["noted_at"])
        finally:
            Terminated.signalled = Terminated.signalled or noted
    _end(ctx, line, code)


def _end(ctx: click.Context, line: str, code: int) -> None:
    """One line on stderr (with --debug, the traceback first) and the documented exit code. A signal's line
    imports nothing: Ctrl-C or SIGTERM while a command's module was imported leaves numpy half-loaded, and
    loading rich and pandas for `_fail` then failed (AttributeError: module 'numpy' has no attribute ...).
    A stderr that cannot take it (the terminal that hung up: EIO) is let go, and the code still says what happened:
    the failed write was "brandpulse: error: Input/output error" and exit 1 after a SIGHUP."""
    try:
        if ctx.meta.get("debug"):
            traceback.print_exc()
        click.echo(_as_stderr_takes(line), err=True)
    except OSError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stderr.fileno())  # (Python's flush at exit would fail too)
    ctx.exit(code)


def _as_stderr_takes(line: str) -> str:
    """`line` with what stderr's encoding lacks as `\\xe9`, as the count lines show it: click wrote `?` for it
    (a file `café.csv` named under `LC_ALL=C PYTHONUTF8=0` was `caf??.csv` in errors, `caf\\xe9.csv` above)."""
    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    return line.encode(encoding, "backslashreplace").decode(encoding)


def _flush_stdout() -> OSError | None:
    """Write out what stdout holds; when it cannot take it (a full disk), drop it and return the error.
    Python would try again at exit, print "Exception ignored ... OSError" and exit with 120."""
    try:
        sys.stdout.flush()
    except OSError as exc:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        exc.filename = "stdout"
        return exc
    return None


def describe(exc: BaseException) -> str:
    """An unexpected exception as one line: an OSError as the system's words and the path they concern
    ("out.csv: No space left on device"), anything else as its type and the first line of its message."""
    if isinstance(exc, OSError) and exc.strerror:
        paths = [str(p) for p in (exc.filename, exc.filename2) if p is not None]
        return f"{' -> '.join(paths)}: {exc.strerror}" if paths else exc.strerror
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


def version_line() -> str:
    """`--version`: this brandpulse's, and the versions of the built-in rules its figures depend on, each changed when
    it scores or tags posts differently: `brandpulse, version 0.1.0 (cx lexicon 1.28, topics 9, intent rules 1.15)`."""
    from ..enrich import rules_versions

    return f"brandpulse, version {__version__} ({rules_versions()})"


def _show_version(ctx: click.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(version_line())
        ctx.exit()


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda ctx, _, value: _show_version(ctx, value),
    help="Show the version, and of the built-in lexicon, topics and intent rules, and exit.",
)
@click.option("--debug", is_flag=True, help=_DEBUG_HELP)
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Find brand mentions in social posts, score their sentiment, tag their topics and report.

    Exit codes: 0 ok, 1 unexpected error, 2 usage error, 3 alerts fired,
    4 input error, 5 config error, 6 fetch error, 7 store error, 129 hung up (SIGHUP),
    130 interrupted (Ctrl-C), 141 stdout closed early (SIGPIPE: `| head`), 143 terminated (SIGTERM).
    """
    ctx.meta["debug"] = debug


class Closed(io.TextIOBase):
    """sys.stdin or sys.stdout when brandpulse was started with it closed (`<&-`, `>&-`). Python leaves
    None there: its first use was an AttributeError, and click and rich dropped output to it silently."""

    encoding, errors = "utf-8", "strict"

    def __init__(self, name: str, error: type[BrandpulseError], message: str):
        self.name, self.error, self.message = name, error, message
        self.buffer = self  # (bytes are read and written through .buffer)

    def _fail(self, *args):
        raise self.error(self.message)

    read = readline = write = _fail


def hold_closed_slots() -> None:
    """Put /dev/null in the descriptors 0-2 the process was started without: the next file opened would
    take the lowest free one, and a C library or child process writing to "stdout" would write into it."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            os.open(os.devnull, os.O_RDWR)  # (the lowest free descriptor: this one)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """The library's own warnings (`assign_brand`'s place of no brand) as one line on stderr, as the CLI's are, not
    Python's two (file, line and the source line); other packages' as Python shows them."""
    if category is UserWarning and str(filename).startswith(os.path.dirname(os.path.dirname(__file__))):
        click.echo(f"warning: {message}", err=True)
    else:
        _python_warning(message, category, filename, lineno, file, line)


_python_warning = warnings.showwarning


def run() -> None:
    """Run the command line (`brandpulse.__main__.main` calls this once it has imported it)."""
    hold_closed_slots()
    if sys.stdin is None:
        sys.stdin = Closed("<stdin>", InputError, "stdin is closed: give FILES, or pipe posts into it")
    if sys.stdout is None:
        sys.stdout = Closed("<stdout>", BrandpulseError, "stdout is closed: leave it open, or write to a file with -o")
    if isinstance(sys.stdout, io.TextIOWrapper):  # a table's emoji on an ASCII terminal (LANG=C, PYTHONIOENCODING)
        sys.stdout.reconfigure(errors="backslashreplace")  # was a UnicodeEncodeError; stderr already does this
    if os.environ.get("COLUMNS", "x").strip("0") == "":  # rich takes COLUMNS=0 as a width of 0 and prints nothing:
        del os.environ["COLUMNS"]  # every table, count line and warning was gone (the terminal's width is used)
    # a cron user's home may be read-only: matplotlib (report's charts) then uses a temporary folder and says so
    # on stderr in two lines, each run, where a quiet (-q) week must print nothing
    logging.getLogger("matplotlib").setLevel(logging.ERROR)
    warnings.showwarning = _show_warning
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends quietly, as other Unix tools do
    for signum in ENDING:  # SIGTERM, SIGHUP (not when ignored: `nohup` runs on after the terminal hangs up)
        if signum == signal.SIGTERM or signal.getsignal(signum) is not signal.SIG_IGN:
            signal.signal(signum, _terminate_handler(os.getpid()))
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # (not when ignored: `nohup`, a shell's `&`)
        signal.signal(signal.SIGINT, _interrupt_handler)
    try:
        main(prog_name="brandpulse")
    except Terminated as exc:  # the signal came before or after a command ran
        click.echo(exc.line, err=True)
        sys.exit(exc.exit_code)
    except BrandpulseError as exc:  # before a command ran: --help or --version with stdout closed
        click.echo(f"brandpulse: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except OSError as exc:  # before a command ran: --help or --version on a full disk
        click.echo(f"brandpulse: error: {describe(_flush_stdout() or exc)}", err=True)
        sys.exit(1)


def _terminate_handler(pid: int):
    """SIGTERM (`kill`, `timeout`) or SIGHUP raises Terminated in the main thread, so that the atomic writer's
    temporary file and an open store transaction are cleaned up before exiting with 143 or 129 (while DuckDB
    works, it stops DuckDB's statement instead: `Terminated.interrupting`). A process
    forked from this one (a --jobs worker) inherits the handler: there the signal ends it at once,
    as it would have without brandpulse's handler. A second signal while the run ends (systemd's
    `SendSIGHUP=yes` sends SIGHUP right after SIGTERM) is let be: raised again, it would cut short the cleanup
    the first one started; the exit code and line stay the first one's (SIGTERM's when it is one of them)."""

    def handler(signum, frame):
        if os.getpid() != pid:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        let_go_of_a_hung_up_terminal()  # (also for a second signal: SIGTERM, then the terminal hangs up)
        if Terminated.signalled:
            # (SIGTERM and SIGHUP pending at once, as systemd's `SendSIGHUP=yes` sends them, are handled SIGHUP
            # first, by number: the stop is SIGTERM's, its line and code)
            if signum == signal.SIGTERM:
                Terminated.signum = signum
            return
        Terminated.signalled, Terminated.signum = True, signum
        if Terminated.waiting:
            return
        if Terminated.interrupt is not None:  # DuckDB at work: it stops the statement itself (`interrupting`)
            Terminated.interrupt()
            return
        raise Terminated()

    return handler


def _interrupt_handler(signum, frame):
    """Ctrl-C: KeyboardInterrupt, as Python's own handler raises it; while DuckDB works, its statement is stopped
    instead, and KeyboardInterrupt raised once it has (`Terminated.interrupting`)."""
    if Terminated.interrupt is None:
        raise KeyboardInterrupt
    Terminated.ctrl_c = True
    if not Terminated.waiting:  # (a COMMIT is let end: `store.ingest_frame`)
        Terminated.interrupt()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
