"""Errors a user can act on, each with its documented exit code (README, "Exit codes")."""

from __future__ import annotations

import errno
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

#: exit codes of the signals brandpulse ends on itself (128 + the signal's number, as shells report them)
INTERRUPTED, TERMINATED = 130, 143
#: the signals that end a run as `Terminated` (SIGHUP: an ssh session dropped, systemd's `SendSIGHUP=yes`), with
#: the word its line says; their exit code is 128 + the signal's number (SIGHUP: 129)
ENDING = {
    getattr(signal, name): said
    for name, said in (("SIGTERM", "terminated"), ("SIGHUP", "hung up"))
    if hasattr(signal, name)
}


#: set while a `brandpulse` command runs (`on_the_command_line`): its errors name an option by its flag
_COMMAND_LINE: ContextVar[bool] = ContextVar("brandpulse_command_line", default=False)


def option(keyword: str, flag: str) -> str:
    """How an error names an option the library and the CLI both take: the `brandpulse` command's `flag` (`--cv 5`)
    while one runs, else the library's `keyword` (`cv=5`): `brandpulse.train(...)` in a notebook said "use --cv 60"."""
    return flag if _COMMAND_LINE.get() else keyword


@contextmanager
def on_the_command_line() -> Iterator[None]:
    """Errors raised in the block name options by their flags (`option`): the CLI runs its commands in it."""
    token = _COMMAND_LINE.set(True)
    try:
        yield
    finally:
        _COMMAND_LINE.reset(token)


class BrandpulseError(Exception):
    """Base class: the message is one line that names the fix."""

    exit_code = 1


class UsageError(BrandpulseError):
    """An option value the command cannot work with (an output name whose format it does not write)."""

    exit_code = 2


class InputError(BrandpulseError):
    """A missing, unreadable or unrecognisable input file."""

    exit_code = 4


class ConfigError(BrandpulseError):
    """A bad config file, brand, topic or option value."""

    exit_code = 5


class FetchError(BrandpulseError):
    """An API that refused, failed or could not be reached."""

    exit_code = 6
    #: the HTTP status of an API's refusal (None: no answer, or one that could not be read)
    status: int | None = None
    #: the API refused the cursor a --resume went on from (a stale page token, a removed post's `after`), not the
    #: request: the fetch reads from the newest again
    refused_place: bool = False


class StoreError(BrandpulseError):
    """The history store is busy, damaged or from a newer brandpulse."""

    exit_code = 7


class NoStore(StoreError):
    """No store at the path a command reads: a missing input (exit 4, as `report` or `queue` with no store and no
    FILES), which handlers of StoreError still catch."""

    exit_code = 4


class StoreBusy(StoreError):
    """Another process held the store past `--wait`: a failed run is then not logged in it (`store.run_failed`),
    which would wait as long again."""


class Terminated(BaseException):
    """SIGTERM (`kill`, `timeout`) or SIGHUP (a dropped ssh session) arrived: raised in the main thread so that
    `finally` blocks and context managers clean up (the atomic writer's temporary file, an open store
    transaction) before the CLI exits with 128 + the signal's number (`exit_code`: 143, 129). A BaseException, so
    that no `except Exception` swallows it."""

    #: set once the signal came: DuckDB drops the exception a signal handler raises during a query and
    #: reports RuntimeError("Query interrupted") instead, which then stands for this, not Ctrl-C
    signalled = False
    #: the signal that came (one of `ENDING`): the exception raised for it, wherever it is raised, takes it
    signum: int = signal.SIGTERM
    #: set while `deferred` runs: the handler only notes the signal
    waiting = False
    #: set while `interrupting` runs: the handler calls it (a DuckDB connection's `interrupt`) instead of raising
    interrupt: Callable[[], None] | None = None
    #: a Ctrl-C the CLI's SIGINT handler noted while DuckDB worked (`interrupting`): raised as KeyboardInterrupt
    ctrl_c = False

    def __init__(self, signum: int | None = None):
        super().__init__()
        self._signum = signum or Terminated.signum

    @property
    def ending(self) -> int:
        """Its signal; SIGTERM when the CLI's handler saw one too, also after (`cli._terminate_handler`)."""
        return signal.SIGTERM if Terminated.signalled and Terminated.signum == signal.SIGTERM else self._signum

    @property
    def exit_code(self) -> int:
        return 128 + self.ending

    @property
    def line(self) -> str:
        """The one line on stderr: "brandpulse: terminated", "brandpulse: hung up"."""
        return f"brandpulse: {ENDING.get(self.ending, 'terminated')}"

    @classmethod
    @contextmanager
    def deferred(cls) -> Iterator[None]:
        """SIGTERM is raised at the end of the block, not inside it: while workers are forked, the handler
        may run inside an at-fork hook, where Python prints the exception as "Exception ignored in ..."
        with its traceback, and goes on."""
        outer, cls.waiting = cls.waiting, True
        try:
            yield
        finally:
            cls.waiting = outer  # (inside another deferred block, that block raises it at its end)
        if not outer:
            cls._raise_noted()

    @classmethod
    @contextmanager
    def interrupting(cls, interrupt: Callable[[], None]) -> Iterator[None]:
        """While a DuckDB connection works, SIGTERM (and the CLI's Ctrl-C) stops its statement with `interrupt`
        (DuckDB then raises its InterruptException from `execute`: `stopping` says what it stands for), and is
        raised before the next statement (`check`) or at the end of the block. Raised by the handler, it came out
        inside the Python code DuckDB runs as it scans a registered Arrow table: DuckDB reported it as "Invalid
        Input Error: exporting a stream ... failed: Terminated" (exit 7, not 143; with Ctrl-C, not 130). DuckDB's
        own way to stop a statement puts no exception into its C++ code."""
        outer, cls.interrupt = cls.interrupt, interrupt
        try:
            yield
        finally:
            cls.interrupt = outer
        if outer is None and not cls.waiting:
            cls._raise_noted()

    @classmethod
    def check(cls) -> None:
        """Raise the signal `interrupting` noted between two statements (DuckDB drops an interrupt that comes
        while no statement runs)."""
        if cls.interrupt is not None and not cls.waiting:
            cls._raise_noted()

    @classmethod
    def stopping(cls) -> BaseException:
        """What a DuckDB statement cut short by a signal stands for: this after a SIGTERM, else Ctrl-C's
        KeyboardInterrupt (raised once: `fetch` catches it and still stores the posts it fetched)."""
        cls.ctrl_c = False
        return cls() if cls.signalled else KeyboardInterrupt()

    @classmethod
    def _raise_noted(cls) -> None:
        if cls.signalled or cls.ctrl_c:
            raise cls.stopping()


def let_go_of_a_hung_up_terminal() -> None:
    """Point stdout and stderr at /dev/null where they are a terminal that hung up (the ssh session or terminal
    window closed: the kernel then sends SIGHUP, and every write there fails with EIO), as `nohup` would have. Called
    by the signal handlers: a run that goes on after the signal (`fetch` writes the posts fetched before it, any run
    cleans up) failed on its first word to the terminal, rich's progress display closing, "brandpulse: error:
    Input/output error", exit 1, and `fetch` lost its posts."""
    try:
        import termios
    except ImportError:  # (Windows: no such hangup)
        return
    for fd in (1, 2):
        try:
            termios.tcgetattr(fd)
        except termios.error as exc:  # (not a terminal: ENOTTY; one that hung up: EIO)
            if exc.args[0] == errno.EIO:
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, fd)
                os.close(null)


def interrupted_query(exc: BaseException) -> bool:
    """Whether `exc` is DuckDB's report of a query cut short by a signal (Ctrl-C or SIGTERM)."""
    return type(exc) is RuntimeError and str(exc).startswith("Query interrupted")


def signal_behind(exc: BaseException) -> BaseException | None:
    """The signal's exception (`Terminated`, or Ctrl-C's KeyboardInterrupt) when `exc` is the signal's doing, else
    None: `exc` was raised while that exception was on its way (a cleanup that failed: on a terminal that hung up,
    rich's progress display wrote its last frame as Terminated went by, and its EIO replaced it), or is DuckDB's word
    for a statement the signal cut short. An error that only came after the signal is not: a COMMIT let end after a
    SIGTERM that failed on a full disk said "terminated", exit 143, and not that the store took nothing."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, Terminated | KeyboardInterrupt):
            return exc
        if interrupted_query(exc):
            return Terminated() if Terminated.signalled else KeyboardInterrupt()
        exc = exc.__cause__ or exc.__context__
    return None
