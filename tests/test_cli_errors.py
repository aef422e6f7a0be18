"""Errors end in one line on stderr and the documented exit code: unexpected exceptions, a full disk,
--debug, SIGTERM, a store whose COMMIT fails, a file that is not a store, and bad option values."""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from conftest import FIXTURES, closed
from history_fixtures import ten_posts
from numpy.lib import NumpyVersion

from brandpulse import store
from brandpulse.cli import main
from brandpulse.errors import StoreError, Terminated

ROOT = Path(__file__).resolve().parents[1]
TWEETS = str(FIXTURES / "airline_tweets.csv")
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}  # this checkout's brandpulse, not an installed one


def brandpulse(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "brandpulse", *args], env=ENV, **kwargs)


def big_csv(path: Path, n: int = 60_000) -> Path:
    """Posts enough for analyze to take seconds (distinct texts: no cache shortens it)."""
    texts = [f"Delta lost my bag {i}, terrible service" for i in range(n)]
    pd.DataFrame({"id": range(n), "text": texts}).to_csv(path, index=False)
    return path


# -- unexpected errors and --debug ------------------------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("to_stdout", [False, True])
def test_a_full_disk_is_one_line_and_exit_1(tmp_path, to_stdout):
    args = ["analyze", TWEETS, "--brand", "Delta", "-q", "-f", "csv"]
    with open("/dev/full", "wb") as full:
        proc = brandpulse(
            *args, *([] if to_stdout else ["-o", "/dev/full"]), stdout=full, stderr=subprocess.PIPE, text=True
        )
        err = proc.communicate()[1]
    assert proc.returncode == 1
    name = "stdout" if to_stdout else "/dev/full"
    assert err.splitlines()[-1] == (
        f"brandpulse: error: {name}: No space left on device (run with --debug for the traceback)"
    )
    assert "Traceback" not in err and "Exception ignored" not in err
    assert len(err.splitlines()) == 1  # (-q: no count lines)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["analyze", TWEETS, "--brand", "Delta", "-q", "-f", "table"],
        ["query", "test", "delta", TWEETS, "-q"],
        ["--version"],
    ],
    ids=["analyze tables", "query test", "--version"],
)
def test_tables_on_a_full_disk_are_one_line_and_exit_1(args):
    """The tables (rich, click.echo) failed on a full disk with one line, then Python's flush at exit failed
    again: "Exception ignored ... OSError" and exit 120; --version had a traceback."""
    with open("/dev/full", "wb") as full:
        env = {k: v for k, v in ENV.items() if k != "PYTHONUNBUFFERED"}  # (buffered, as under cron)
        proc = subprocess.run(
            [sys.executable, "-m", "brandpulse", *args],
            env=env,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert proc.returncode == 1
    hint = " (run with --debug for the traceback)" if len(args) > 1 else ""
    assert proc.stderr.splitlines() == [f"brandpulse: error: stdout: No space left on device{hint}"]


def test_an_unexpected_exception_is_one_line_and_exit_1(runner, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("something broke\nsecond line")

    monkeypatch.setattr("brandpulse.config.load_config", boom)
    result = runner.invoke(main, ["analyze", TWEETS])
    assert result.exit_code == 1
    assert result.stderr == "brandpulse: error: RuntimeError: something broke (run with --debug for the traceback)\n"

    # as the hint says, before the command or after it ("No such option: --debug" after `query test` and others)
    for args in (
        ["--debug", "analyze", TWEETS],
        ["analyze", TWEETS, "--debug"],
        ["query", "test", "x", TWEETS, "--debug"],
    ):
        if args[0] == "query":
            monkeypatch.setattr("brandpulse.report.query_check.check_query", boom)
        result = runner.invoke(main, args)
        assert result.exit_code == 1, args
        assert "Traceback" in result.stderr and "raise RuntimeError" in result.stderr
        assert result.stderr.splitlines()[-1] == "brandpulse: error: RuntimeError: something broke"


def test_debug_shows_the_traceback_and_keeps_the_exit_code(runner, tmp_path):
    result = runner.invoke(main, ["--debug", "analyze", TWEETS, "-c", str(tmp_path / "missing.toml")])
    assert result.exit_code == 5  # a config error, as without --debug
    assert "Traceback" in result.stderr and "ConfigError" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("brandpulse: error: ")
    assert result.stderr.splitlines()[-1].endswith("missing.toml: no such config file")


# -- SIGTERM ---------------------------------------------------------------------------------------


def _tmp_files(folder: Path) -> list[str]:
    return glob.glob(str(folder / ".out.csv.*"))


def _signal_analyze(
    tmp_path: Path, sig: int, jobs: int, whole_group: bool, engine: str = "pandas", rows: int = 60_000, **popen
) -> tuple[subprocess.Popen, str]:
    """Start `analyze -o out.csv` of `rows` posts (the previous out.csv: "previous report"), send `sig` once it
    writes its temporary file (and its --jobs workers run), and return the process, ended, and its stderr."""
    src = big_csv(tmp_path / "big.csv", rows)
    out = tmp_path / "out.csv"
    out.write_text("previous report\n")
    args = ["analyze", str(src), "--brand", "Delta", "-o", str(out), "--jobs", str(jobs), "--engine", engine]
    proc = brandpulse(*args, stderr=subprocess.PIPE, text=True, start_new_session=True, **popen)
    try:
        while not _tmp_files(tmp_path) and proc.poll() is None:  # the run has started writing
            time.sleep(0.01)
        while jobs > 1 and len(_processes_reading(src)) < 1 + jobs and proc.poll() is None:  # and its workers
            time.sleep(0.01)
        assert proc.poll() is None, "analyze ended before it could be signalled: make the input bigger"
        if whole_group:
            os.killpg(proc.pid, sig)
        else:
            proc.send_signal(sig)
        err = proc.communicate()[1]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc, err


def _assert_ended_by(sig: int, proc: subprocess.Popen, err: str, tmp_path: Path) -> None:
    """The run ended as the signal says (its line, 128 + its number), without a traceback, its temporary file or
    a change to the previous output."""
    code, said = {
        signal.SIGTERM: (143, "terminated"),
        signal.SIGHUP: (129, "hung up"),
        signal.SIGINT: (130, "interrupted"),
    }[sig]
    assert proc.returncode == code, err
    assert err.splitlines()[-1] == f"brandpulse: {said}"
    assert "Traceback" not in err
    assert _tmp_files(tmp_path) == []
    assert (tmp_path / "out.csv").read_text() == "previous report\n"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals, /proc")
@pytest.mark.parametrize(
    "sig, jobs, whole_group",
    [
        (signal.SIGTERM, 1, False),
        (signal.SIGTERM, 2, False),
        (signal.SIGTERM, 2, True),
        (signal.SIGHUP, 1, False),
        (signal.SIGHUP, 2, True),
    ],
)
def test_sigterm_or_sighup_removes_the_temporary_file_and_exits_128_plus_its_number(tmp_path, sig, jobs, whole_group):
    """`timeout` signals the whole process group (the --jobs workers too); `kill` only the parent. A terminal or
    ssh session that closes sends SIGHUP to the process group in it: the run died of it, silently, with its
    temporary file left behind."""
    proc, err = _signal_analyze(tmp_path, sig, jobs, whole_group)
    _assert_ended_by(sig, proc, err, tmp_path)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_to_the_process_group_of_a_dask_run_ends_it_with_its_line(tmp_path, sig):
    """`--engine dask` on its own local cluster, whose worker processes are in the run's process group, as a closed
    terminal's SIGHUP finds them: the workers died of it, and the run, stopping its cluster, died of SIGPIPE (-13)
    writing to them, without its line; the resource tracker Python starts for them died too, and the one started
    again printed a traceback for each of their semaphores. Ctrl-C at a terminal reaches the whole group too: each
    worker printed "Process Dask Worker process (from Nanny):" and a KeyboardInterrupt traceback, and the run's client
    "Task exception was never retrieved" with another, above "brandpulse: interrupted"."""
    pytest.importorskip("dask.distributed")
    ctrl_c = {"preexec_fn": lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)}  # (a background job ignores it)
    proc, err = _signal_analyze(tmp_path, sig, 1, True, engine="dask", **ctrl_c)
    _assert_ended_by(sig, proc, err, tmp_path)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals, /proc")
def test_under_nohup_a_sighup_lets_the_run_end_with_its_output(tmp_path):
    """`nohup` ignores SIGHUP so that the run outlives the terminal: brandpulse leaves it ignored."""

    def nohup() -> None:
        signal.signal(signal.SIGHUP, signal.SIG_IGN)

    # (the run goes on to its end after the signal: 15,000 posts still take it seconds after its temporary file)
    proc, err = _signal_analyze(tmp_path, signal.SIGHUP, 1, False, rows=15_000, preexec_fn=nohup)
    assert proc.returncode == 0, err
    assert "hung up" not in err
    lines = (tmp_path / "out.csv").read_text().splitlines()
    assert lines[0].startswith("post_id,") and len(lines) == 15_001


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX terminals")
def test_a_terminal_that_hangs_up_ends_the_run_with_129_and_no_temporary_file(tmp_path):
    """An ssh session that drops: brandpulse runs on a terminal (its progress on stderr) whose other end closes.
    The run died of SIGHUP, silently, its temporary file left (here, with the handler, the cleanup's writes to the
    terminal fail with EIO: the next test makes sure of that case)."""
    import fcntl
    import pty
    import termios

    src = big_csv(tmp_path / "big.csv")
    out = tmp_path / "out.csv"
    out.write_text("previous report\n")
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "brandpulse", "analyze", str(src), "--brand", "Delta", "-o", str(out)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=ENV,
        start_new_session=True,
        preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),  # (the terminal is its session's, as ssh's is)
    )
    os.close(slave)
    os.set_blocking(master, False)
    try:
        while not _tmp_files(tmp_path) and proc.poll() is None:  # the run has started writing
            with contextlib.suppress(BlockingIOError):
                os.read(master, 65536)  # (the progress it shows)
            time.sleep(0.01)
        assert proc.poll() is None, "analyze ended before the terminal closed: make the input bigger"
        os.close(master)  # the terminal hangs up
        code = proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert code == 129
    assert _tmp_files(tmp_path) == []
    assert out.read_text() == "previous report\n"


def test_a_cleanup_that_fails_as_a_sighup_ends_the_run_keeps_the_hangups_line_and_code(runner, tmp_path, monkeypatch):
    """On a terminal that hung up, rich's progress display, stopped by the SIGHUP's Terminated, wrote its last
    frame there and got EIO: that error replaced the Terminated, and the run ended "brandpulse: error: Input/output
    error", exit 1, not as the hangup it was. Here the progress display stops the same way."""
    from brandpulse.cli import analyze

    def chunk_progress(*args, **kwargs):
        monkeypatch.setattr(Terminated, "signalled", True)  # (as the handler does)
        monkeypatch.setattr(Terminated, "signum", signal.SIGHUP)
        try:
            raise Terminated()
        finally:
            raise OSError(errno.EIO, os.strerror(errno.EIO))  # noqa: B012 (what rich's cleanup did)

    monkeypatch.setattr(analyze, "chunk_progress", chunk_progress)
    (tmp_path / "p.csv").write_text("text\nDelta is late\n")
    out = tmp_path / "out.csv"
    out.write_text("previous report\n")
    result = runner.invoke(main, ["analyze", "p.csv", "--brand", "Delta", "-o", str(out)])
    assert (result.exit_code, result.stderr) == (129, "brandpulse: hung up\n")
    assert _tmp_files(tmp_path) == [] and out.read_text() == "previous report\n"


def test_a_second_signal_as_the_run_ends_keeps_the_first_ones_line_and_code(monkeypatch):
    """systemd's `SendSIGHUP=yes` sends SIGHUP right after SIGTERM: raised again as the first one's cleanup ran,
    it cut that short, and the run said "hung up" and 129 for a stop that was a SIGTERM."""
    from brandpulse.cli import _terminate_handler

    monkeypatch.setattr(Terminated, "signalled", False)
    monkeypatch.setattr(Terminated, "signum", signal.SIGTERM)
    handler = _terminate_handler(os.getpid())
    with pytest.raises(Terminated) as first:
        handler(signal.SIGTERM, None)
    handler(signal.SIGHUP, None)  # (returns: nothing raised inside the cleanup)
    assert (first.value.line, first.value.exit_code) == ("brandpulse: terminated", 143)
    assert (Terminated().line, Terminated().exit_code) == ("brandpulse: terminated", 143)


def test_sigterm_and_sighup_at_once_end_the_run_as_sigterm(monkeypatch):
    """systemd's `SendSIGHUP=yes` sends SIGTERM and SIGHUP at once; Python runs their handlers by number, SIGHUP's
    first: a stop by systemd said "hung up", 129. SIGTERM's line and code win, whichever is handled first."""
    from brandpulse.cli import _terminate_handler

    monkeypatch.setattr(Terminated, "signalled", False)
    monkeypatch.setattr(Terminated, "signum", signal.SIGTERM)
    handler = _terminate_handler(os.getpid())
    with pytest.raises(Terminated) as first:
        handler(signal.SIGHUP, None)
    assert (first.value.line, first.value.exit_code) == ("brandpulse: hung up", 129)  # (alone: a hangup)
    handler(signal.SIGTERM, None)  # (returns: nothing raised inside the cleanup)
    assert (first.value.line, first.value.exit_code) == ("brandpulse: terminated", 143)


@pytest.mark.parametrize("signal", ["at_chmod", "swallowed"])
def test_a_sigterm_ends_the_run_without_its_output_or_a_temporary_file(runner, tmp_path, monkeypatch, signal):
    """at_chmod: CI saw `.out.csv.*.tmp` left behind once; the signal came as the writer was setting up the
    temporary file it had just made (its mode), before the `try` that removes it.
    swallowed: SIGTERM arriving while --jobs forks its workers raised Terminated inside logging's at-fork
    hook, where Python only prints "Exception ignored": the run went on, put its output in place and
    exited 0. The handler's flag (set here as the handler sets it) now stops both."""
    if signal == "at_chmod":
        chmod = os.chmod

        def signalled(path, mode, *args, **kwargs):
            monkeypatch.setattr(os, "chmod", chmod)
            raise Terminated()

        monkeypatch.setattr(os, "chmod", signalled)
    else:
        monkeypatch.setattr(Terminated, "signalled", True)
    (tmp_path / "p.csv").write_text("text\nDelta is late\n")
    out = tmp_path / "out.csv"
    out.write_text("previous report\n")
    result = runner.invoke(main, ["analyze", "p.csv", "--brand", "Delta", "-o", str(out)])
    assert result.exit_code == 143
    assert result.stderr.splitlines()[-1] == "brandpulse: terminated"
    assert _tmp_files(tmp_path) == [] and out.read_text() == "previous report\n"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="--jobs forks its workers on Linux")
def test_a_sigterm_while_the_workers_are_forked_ends_the_run_without_a_traceback(tmp_path):
    """The signal arriving in an at-fork hook (sent here from one, so it always does) was raised there:
    Python printed "Exception ignored in ..." with a traceback. It now waits for the forks, then ends the run."""
    (tmp_path / "p.csv").write_text("text\n" + "".join(f"Delta is late {i}\n" for i in range(50)))
    out = tmp_path / "out.csv"
    out.write_text("previous report\n")
    hook = "import os, signal; os.register_at_fork(after_in_parent=lambda: os.kill(os.getpid(), signal.SIGTERM))"
    run = "from brandpulse.cli import run; run()"
    args = ["analyze", "p.csv", "--brand", "Delta", "-o", str(out), "--jobs", "2", "--chunksize", "10"]
    done = subprocess.run(
        [sys.executable, "-c", f"{hook}\n{run}", *args], cwd=tmp_path, env=ENV, capture_output=True, text=True
    )
    assert done.returncode == 143, done.stderr
    assert done.stderr == "brandpulse: terminated\n"
    assert out.read_text() == "previous report\n"
    assert _tmp_files(tmp_path) == []


#: a script reading posts from a file whose bytes come through its stdin, a pipe the test writes: pyarrow's reading
#: thread waits in the file's read for the bytes the test has not written yet
PIPED_READ = """if True:
    import io, os, signal, sys
    from brandpulse.errors import TERMINATED
    from brandpulse.errors import Terminated
    from brandpulse.sources.files import iter_csv

    class Piped(io.RawIOBase):
        def __init__(self):
            self.top, self.at = b"", None  # (what was read before `seek(0)`, for the header, is read again)

        def readable(self):
            return True

        def seekable(self):
            return True

        def tell(self):
            return 0

        def seek(self, offset, whence=0):
            self.at = 0
            return 0

        def readinto(self, out):
            if self.at is not None and self.at < len(self.top):
                data = self.top[self.at : self.at + len(out)]
                self.at += len(data)
            else:
                data = os.read(0, len(out))
                self.top += data if self.at is None else b""
            out[: len(data)] = data
            return len(data)

    def terminate(signum, frame):
        raise Terminated()

    signal.signal(signal.SIGTERM, terminate)
    try:
        chunks = iter_csv(Piped(), chunksize=1000)
        print(len(next(chunks).records), flush=True)
        signal.pause()
    except Terminated:
        print("brandpulse: terminated", file=sys.stderr, flush=True)
        sys.exit(TERMINATED)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals")
def test_a_sigterm_while_pyarrow_reads_ahead_exits_143_not_with_an_abort():
    """pyarrow's CSV reader reads the blocks after the one it parses in a thread of its own, which calls the
    reader's Python stream. A run stopped (here: SIGTERM, the reader left open, as a traceback can keep it) while
    that thread was in the stream printed "brandpulse: terminated", then "Fatal Python error: PyGILState_Release
    ... finalizing", and died of SIGABRT (exit 134, a core dump): the thread took the GIL back as Python shut
    down. The bytes the thread waits for come here only once the run says it is ending."""
    rows = "".join(f"{i},Delta flight {i} was late again today\n" for i in range(10_000)).encode()
    proc = subprocess.Popen(
        [sys.executable, "-c", PIPED_READ],
        env=ENV,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    feeding = threading.Event()

    def feed() -> None:
        with contextlib.suppress(BrokenPipeError, ValueError):  # (the run ended)
            proc.stdin.write(b"id,text\n")
            while proc.poll() is None:
                feeding.wait()
                proc.stdin.write(rows)
                proc.stdin.flush()

    feeding.set()
    threading.Thread(target=feed, daemon=True).start()
    try:
        assert proc.stdout.readline() == b"1000\n"
        feeding.clear()  # pyarrow's thread reads on, then waits in the stream's read
        proc.send_signal(signal.SIGTERM)
        assert proc.stderr.readline() == b"brandpulse: terminated\n"
        feeding.set()  # the bytes it waits for come as the run ends
        code = proc.wait(timeout=120)  # (a guard: a run that hung fails instead of holding the suite)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert (code, proc.stderr.read()) == (143, b"")


def _processes_reading(path: Path) -> list[int]:
    """Processes whose command line names `path` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if str(path).encode() in cmdline:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux /proc")
def test_workers_end_with_a_parent_killed_by_sigpipe(tmp_path):
    """`analyze -f csv --jobs 2 | head -1`: SIGPIPE ends the parent; its workers must not live on."""
    src = big_csv(tmp_path / "big.csv")
    # (chunks of 2,000: the first rows come out, and the pipe closes, while the workers still have 28 chunks to do)
    args = ["analyze", str(src), "--brand", "Delta", "-f", "csv", "--jobs", "2", "--chunksize", "2000"]
    proc = brandpulse(*args, stdout=subprocess.PIPE)
    try:
        proc.stdout.readline()
        proc.stdout.close()  # as `head` does
        assert proc.wait() == -signal.SIGPIPE
        left = _processes_reading(src)
        for _ in range(300):  # the kernel kills them as the parent dies; they may take a moment to go
            if not left:
                break
            time.sleep(0.1)
            left = _processes_reading(src)
        assert left == []
    finally:
        for pid in _processes_reading(src):
            os.kill(pid, signal.SIGKILL)


#: a sitecustomize that has the process signal itself (SIGNAL) as Python first looks for the module SIGNAL_AT
SIGNAL_AT_IMPORT = """if True:
    import os, sys

    class SignalAt:
        def find_spec(self, name, path=None, target=None):
            if name == os.environ["SIGNAL_AT"]:
                sys.meta_path.remove(self)
                os.kill(os.getpid(), int(os.environ["SIGNAL"]))
            return None

    sys.meta_path.insert(0, SignalAt())
"""

#: a module numpy imports late in its own import: signalled there, numpy's modules are left half-loaded
NUMPY_INSIDE = "numpy._core._add_newdocs" if NumpyVersion(np.__version__) >= "2.0.0" else "numpy.core._add_newdocs"

#: the console script as pip writes it, for the entry point pyproject.toml names
SCRIPT_MODULE, SCRIPT_FUNCTION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"][
    "brandpulse"
].split(":")
CONSOLE_SCRIPT = f"import sys\nfrom {SCRIPT_MODULE} import {SCRIPT_FUNCTION}\nsys.exit({SCRIPT_FUNCTION}())"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals")
@pytest.mark.parametrize("entry", [["-m", "brandpulse"], ["-c", CONSOLE_SCRIPT]], ids=["python -m", "console script"])
@pytest.mark.parametrize(
    "sig, code, said",
    [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated"), (signal.SIGHUP, 129, "hung up")],
)
@pytest.mark.parametrize("module", ["click", "pandas", NUMPY_INSIDE])
def test_a_signal_while_python_imports_brandpulse_is_one_line(tmp_path, entry, sig, code, said, module):
    """Ctrl-C, SIGTERM or SIGHUP in the first second of a run, while Python imported brandpulse and its libraries
    (pandas, then click), before the CLI set its handlers: Ctrl-C printed a traceback, SIGTERM killed the run
    unannounced (-15), and so did SIGHUP (-1). Here the run signals itself as the module is imported. Inside numpy's
    import, the signal left it half-loaded, and writing the line (it loaded pandas) failed with a traceback, exit 1."""
    (tmp_path / "sitecustomize.py").write_text(SIGNAL_AT_IMPORT)
    (tmp_path / "p.csv").write_text("text\nDelta is late\n")
    env = {**ENV, "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}", "SIGNAL_AT": module, "SIGNAL": str(int(sig))}
    done = subprocess.run(
        [sys.executable, *entry, "analyze", "p.csv", "--brand", "Delta"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # (a background job ignores Ctrl-C)
    )
    assert (done.returncode, done.stderr, done.stdout) == (code, f"brandpulse: {said}\n", "")


def test_importing_brandpulse_sets_no_signal_handler():
    """A notebook's Ctrl-C stays its own: the handlers are set by the command's entry point, not by the package."""
    script = (
        "import signal\n"
        "before = [signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)]\n"
        "import brandpulse, brandpulse.__main__\n"
        "brandpulse.load_config\n"
        "print(before == [signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)])"
    )
    done = subprocess.run([sys.executable, "-c", script], env=ENV, capture_output=True, text=True)
    assert (done.stdout, done.stderr) == ("True\n", "")


# -- stdout closed (`>&-`) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["analyze", TWEETS, "--brand", "Delta"],
        ["analyze", TWEETS, "--brand", "Delta", "-f", "table"],  # (rich dropped the tables and exited 0)
        ["report", TWEETS, "--brand", "Delta", "--since", "2015-02-17", "--until", "2015-02-25", "-f", "md"],
        ["queue", TWEETS, "--brand", "Delta", "--now", "2015-02-25"],
        ["query", "test", "delta", TWEETS],  # (click.echo dropped the report and exited 0)
        ["evaluate", TWEETS, "--label-column", "airline_sentiment", "--sentiment", "vader"],
        ["--version"],
    ],
)
def test_a_closed_stdout_is_one_line_and_exit_1(args):
    """With stdout closed Python sets sys.stdout to None: the first write was an AttributeError
    ("'NoneType' object has no attribute 'isatty'"), or click and rich dropped the output and exited 0."""
    proc = closed(*args, stderr=subprocess.PIPE)
    assert proc.returncode == 1, proc.stderr
    assert (
        proc.stderr.splitlines()[-1] == "brandpulse: error: stdout is closed: leave it open, or write to a file with -o"
    )
    assert "Traceback" not in proc.stderr


def test_a_closed_stdout_fails_before_any_work(tmp_path):
    """`analyze big.csv >&-` read and analyzed every post, then failed at the first write (here: rows.csv written,
    the count line printed, then the summary for stdout failed): now it fails before reading."""
    posts = tmp_path / "posts.csv"
    posts.write_text("id,text\n1,Delta lost my bag\n2,a,b,c\n")
    rejects = tmp_path / "rejects.csv"
    args = ["analyze", str(posts), "--brand", "Delta", "--rejects", str(rejects)]
    proc = closed(*args, "-o", "rows.csv", "--summary-csv", "-", stderr=subprocess.PIPE, cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr == "brandpulse: error: stdout is closed: leave it open, or write to a file with -o\n"
    assert not rejects.exists() and not (tmp_path / "rows.csv").exists()


def test_a_closed_stdout_is_no_error_when_the_output_goes_to_a_file(tmp_path):
    """`analyze -o FILE >&-` crashed on checking whether stdout is a terminal for the summary tables."""
    out = tmp_path / "out.csv"
    proc = closed("analyze", TWEETS, "--brand", "Delta", "-o", str(out), "--jobs", "2", stderr=subprocess.PIPE)
    assert proc.returncode == 0, proc.stderr
    assert len(pd.read_csv(out)) == 11 and "brands" in pd.read_csv(out).columns


@pytest.mark.parametrize("fd", [">&-", "<&- >&-"])
def test_the_closed_slots_hold_dev_null_so_no_file_opened_later_takes_them(fd):
    """With stdout closed, the next file opened was descriptor 1: whatever wrote to "stdout" below Python
    (a C library, a child process) wrote into that file."""
    code = "from brandpulse.cli import hold_closed_slots as h; import os, sys; h(); fd = os.open(os.devnull, 0); "
    code += "sys.stderr.write(f'{fd} {os.path.realpath(f\"/proc/self/fd/1\")}')"
    command = [sys.executable, "-c", code]
    proc = subprocess.run(["sh", "-c", f'exec "$@" {fd}', "sh", *command], env=ENV, text=True, stderr=subprocess.PIPE)
    assert proc.stderr == "3 /dev/null"


@pytest.mark.parametrize(
    "args", [["analyze"], ["analyze", "-", "-f", "csv", "--jobs", "2"], ["query", "test", "x", "-"]]
)
def test_a_closed_stdin_is_an_input_error(args):
    """`brandpulse analyze <&-` crashed: AttributeError: 'NoneType' object has no attribute 'isatty' (or 'buffer')."""
    proc = closed(*args, fd="<&-", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.returncode == 4, proc.stderr
    assert proc.stderr.splitlines()[-1] == "brandpulse: error: stdin is closed: give FILES, or pipe posts into it"
    assert proc.stdout == ""


# -- the store --------------------------------------------------------------------------------------


def _failing_commit(monkeypatch):
    """COMMIT fails as on a full disk: DuckDB has ended the transaction, so ROLLBACK finds none."""
    run = store._run

    def fake(con, sql, params=None):
        if sql == "COMMIT":
            run(con, "ROLLBACK")
            raise duckdb.TransactionException(
                'TransactionContext Error: Failed to commit: Could not write file "h.duckdb.wal": '
                "No space left on device"
            )
        return run(con, sql, params)

    monkeypatch.setattr(store, "_run", fake)


def test_a_failed_commit_is_a_store_error_and_keeps_the_store(tmp_path, monkeypatch):
    db = tmp_path / "h.duckdb"
    posts = ten_posts()
    store.ingest(db, posts.iloc[:4])
    _failing_commit(monkeypatch)
    with pytest.raises(StoreError, match="No space left on device") as caught:
        store.ingest(db, posts)
    assert "cannot rollback" not in str(caught.value)
    monkeypatch.undo()
    assert len(store.load_posts(db)) == 4  # the batch before is whole, the failed one left nothing


def test_cli_failed_commit_is_one_line_and_exit_7(runner, tmp_path, monkeypatch):
    db = tmp_path / "h.duckdb"
    store.ingest(db, ten_posts().iloc[:4])
    _failing_commit(monkeypatch)
    result = runner.invoke(main, ["ingest", TWEETS, "--store", str(db), "--brand", "Delta"])
    assert result.exit_code == 7
    assert result.stderr.splitlines()[-1].startswith(f"brandpulse: error: {db}: TransactionContext Error")
    assert result.stderr.splitlines()[-1].endswith("No space left on device")


def test_a_failed_commit_of_the_second_file_names_it_and_counts_the_first(runner, tmp_path, monkeypatch):
    """A full disk at an hourly job's second FILE said DuckDB's error alone: not which file the store did not take,
    nor that the one before it was stored. By hand: a.csv's 2 posts inserted, b.csv's none."""
    db = tmp_path / "h.duckdb"
    store.ingest(db, ten_posts().iloc[:4])
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("id,text\na1,Delta was fine\na2,Delta lost my bag\n", "utf-8")
    b.write_text("id,text\nb1,Delta again\nb2,Delta late\n", "utf-8")
    run, commits = store._run, []

    def fake(con, sql, params=None):  # (the first file's COMMIT goes through, the second fails)
        if sql == "COMMIT":
            commits.append(sql)
            if len(commits) == 2:
                run(con, "ROLLBACK")
                raise duckdb.TransactionException("TransactionContext Error: Failed to commit: No space left on device")
        return run(con, sql, params)

    monkeypatch.setattr(store, "_run", fake)
    result = runner.invoke(main, ["ingest", str(a), str(b), "--store", str(db), "--brand", "Delta", "-q"])
    assert result.exit_code == 7
    assert result.stderr.splitlines()[-2:] == [
        f"{db}: inserted 2, updated 0, unchanged 0 before the error, from 1 file",
        f"brandpulse: error: {db}: TransactionContext Error: Failed to commit: No space left on device"
        f" ({b} and any FILES after it were not stored)",
    ]
    monkeypatch.undo()
    assert sorted(store.load_posts(db)["post_id"])[-2:] == ["a1", "a2"]
    assert len(store.load_posts(db)) == 6


def _interrupted_at(monkeypatch, start: str) -> None:
    """Ctrl-C during each store statement that begins with `start`, as DuckDB reports it."""
    run = store._run

    def fake(con, sql, params=None):
        if sql.startswith(start):
            raise RuntimeError("Query interrupted")
        return run(con, sql, params)

    monkeypatch.setattr(store, "_run", fake)


def test_ctrl_c_during_a_store_query_is_interrupted_130(runner, tmp_path, monkeypatch):
    """DuckDB turns Ctrl-C during a query into RuntimeError("Query interrupted"), dropping KeyboardInterrupt."""
    db = tmp_path / "h.duckdb"
    store.ingest(db, ten_posts().iloc[:4])
    _interrupted_at(monkeypatch, "UPDATE posts")
    result = runner.invoke(main, ["ingest", TWEETS, "--store", str(db), "--brand", "Delta"])
    assert result.exit_code == 130
    assert result.stderr.splitlines()[-1] == "brandpulse: interrupted"
    monkeypatch.undo()
    assert len(store.load_posts(db)) == 4


@pytest.mark.parametrize("signalled, code, said", [(False, 130, "interrupted"), (True, 143, "terminated")])
def test_a_signal_while_a_new_store_is_made_stops_the_run(runner, tmp_path, monkeypatch, signalled, code, said):
    """Ctrl-C (or SIGTERM) while a new store was made beside its path: DuckDB's RuntimeError("Query interrupted")
    came out of `open_store` as it was, an unexpected error (exit 1), not an interruption."""
    db = tmp_path / "h.duckdb"
    _interrupted_at(monkeypatch, "\nCREATE TABLE")
    monkeypatch.setattr(Terminated, "signalled", signalled)
    result = runner.invoke(main, ["ingest", TWEETS, "--store", str(db), "--brand", "Delta"])
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (code, f"brandpulse: {said}")
    assert list(tmp_path.iterdir()) == []  # (neither the half-made store nor its WAL left beside it)


def store_that_cannot_grow(tmp_path, rows: int = 12_000):
    """A store of 10 posts, a CSV of `rows` more (8,000 outgrow the limit, 4,000 not: 12,000 with room), and the
    `preexec_fn` that keeps the store's files from growing by more than 4 KB (RLIMIT_FSIZE: EFBIG, "File too large",
    as a full disk; Python ignores SIGXFSZ: writes fail)."""
    import resource

    db = tmp_path / "h.duckdb"
    store.ingest(db, ten_posts())
    limit = db.stat().st_size + 4096

    def cap():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return db, big_csv(tmp_path / "big.csv", rows), cap


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_FSIZE and EFBIG as on Linux")
def test_a_store_that_cannot_grow_fails_in_one_line(tmp_path):
    """A real failed COMMIT: the store's files may not grow (RLIMIT_FSIZE: EFBIG, "File too large")."""
    db, src, cap = store_that_cannot_grow(tmp_path)
    cmd = [sys.executable, "-m", "brandpulse", "ingest", str(src), "--store", str(db), "--brand", "Delta", "-q"]
    proc = subprocess.run(cmd, env=ENV, capture_output=True, text=True, preexec_fn=cap)
    assert proc.returncode == 7, proc.stderr
    assert proc.stderr.splitlines()[-1].startswith(f"brandpulse: error: {db}: ")
    assert "File too large" in proc.stderr and "Traceback" not in proc.stderr
    assert len(store.load_posts(db)) == 10


#: `brandpulse ingest ...`, sending itself SIGTERM as the store's COMMIT begins (the handler notes it: the COMMIT is let
#: end), so that the signal always comes there
SIGTERM_AT_COMMIT = """if True:
    import os, signal
    from brandpulse import store
    from brandpulse.cli import run

    statement = store._run

    def signalled(con, sql, params=None):
        if sql == "COMMIT":
            os.kill(os.getpid(), signal.SIGTERM)
        return statement(con, sql, params)

    store._run = signalled
    run()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_FSIZE and EFBIG as on Linux")
@pytest.mark.parametrize("full", [True, False])
def test_a_commit_that_fails_after_a_sigterm_is_the_store_error_not_the_signal(tmp_path, full):
    """SIGTERM during the COMMIT lets it end. When the COMMIT then failed (the store's files may not grow:
    RLIMIT_FSIZE, as a full disk), the run said "brandpulse: terminated", exit 143: the store error, which says that
    the store took nothing from the file, was lost to the signal it merely came after. A COMMIT that succeeds still
    ends the run as the signal (its posts kept, and counted)."""
    db, src, cap = store_that_cannot_grow(tmp_path, 12_000 if full else 2_000)  # (a COMMIT that succeeds: fewer)
    args = ["ingest", str(src), "--store", str(db), "--brand", "Delta", "-q"]
    proc = subprocess.run(
        [sys.executable, "-c", SIGTERM_AT_COMMIT, *args],
        env=ENV,
        capture_output=True,
        text=True,
        preexec_fn=cap if full else None,
    )
    assert "Traceback" not in proc.stderr
    if full:
        assert proc.returncode == 7, proc.stderr
        last = proc.stderr.splitlines()[-1]
        assert last.startswith(f"brandpulse: error: {db}: ") and last.endswith("File too large"), last
        assert "terminated" not in proc.stderr
        assert len(store.load_posts(db)) == 10
    else:
        assert proc.returncode == 143, proc.stderr
        assert proc.stderr.splitlines() == [
            f"{db}: inserted 2,000, updated 0, unchanged 0 before the interruption, from 1 file",
            "brandpulse: terminated",
        ]
        assert len(store.load_posts(db)) == 2_010


def test_a_sqlite_file_is_refused_without_loading_extensions(runner, tmp_path):
    path = tmp_path / "posts.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE posts (text TEXT)")
    con.commit()
    con.close()
    result = runner.invoke(main, ["ingest", TWEETS, "--store", str(path), "--brand", "Delta"])
    assert result.exit_code == 7
    assert result.stderr.splitlines()[-1] == (
        f"brandpulse: error: {path}: not a brandpulse store (a SQLite database, not a DuckDB file)"
    )
    with store.open_store(tmp_path / "h.duckdb") as db:  # DuckDB neither downloads nor loads extensions
        settings = db.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name IN "
            "('autoload_known_extensions', 'autoinstall_known_extensions')"
        ).fetchall()
    assert dict(settings) == {"autoload_known_extensions": "false", "autoinstall_known_extensions": "false"}


# -- bad option values --------------------------------------------------------------------------------

BAD_OPTIONS = [
    ["alerts", TWEETS, "--window", "-5"],
    ["alerts", TWEETS, "--k", "-1"],
    ["alerts", TWEETS, "--share-margin", "1.5"],
    ["alerts", TWEETS, "--min-volume", "-1"],
    ["alerts", TWEETS, "--webhook-retries", "-1"],
    ["alerts", TWEETS, "--webhook-retries", "100000000000000000000"],
    ["alerts", TWEETS, "--wait", "-1"],
    ["fetch", "mastodon", "#delta", "--api-base", "http://127.0.0.1:9", "--timeout", "0"],
    ["fetch", "mastodon", "#delta", "--api-base", "http://127.0.0.1:9", "--timeout", "-1"],
    ["fetch", "mastodon", "#delta", "--api-base", "http://127.0.0.1:9", "--timeout", "nan"],
    ["fetch", "mastodon", "#delta", "--api-base", "http://127.0.0.1:9", "--timeout", "inf"],
    ["fetch", "mastodon", "#delta", "--api-base", "http://127.0.0.1:9", "--timeout", "1e10"],
    ["alerts", TWEETS, "--k", "inf"],
    ["ingest", TWEETS, "--store", "s.duckdb", "--wait", "inf"],
    ["evaluate", TWEETS, "--label-column", "airline_sentiment_confidence", "--label-threshold", "inf"],
    ["query", "test", "delta", TWEETS, "--sample", "-1"],
    ["query", "test", "delta", TWEETS, "--seed", "-1"],
    ["train", TWEETS, "--label-column", "airline_sentiment", "-o", "m.bp", "--c", "-1"],
    ["train", TWEETS, "--label-column", "airline_sentiment", "-o", "m.bp", "--c", "inf"],
    ["train", TWEETS, "--label-column", "airline_sentiment", "-o", "m.bp", "--cv", "-1"],
    ["evaluate", TWEETS, "--label-column", "airline_sentiment", "--cv", "-2"],
    ["analyze", TWEETS, "--top", "0"],
    ["report", TWEETS, "--baseline", "0"],
    ["report", TWEETS, "--min-term-count", "0"],
]


@pytest.mark.parametrize("args", BAD_OPTIONS, ids=lambda a: f"{a[0]} {a[-2]} {a[-1]}")
def test_bad_option_values_are_usage_errors(runner, args):
    result = runner.invoke(main, args)
    assert result.exit_code == 2, result.stderr
    assert f"Invalid value for '{args[-2]}'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "suggested"), [("analyse", " Did you mean 'analyze'?"), ("alert", " Did you mean 'alerts'?"), ("xyz", "")]
)
def test_a_misspelt_command_is_told_the_close_one(runner, name, suggested):
    """`brandpulse analyse` (British spelling) was "No such command 'analyse'." alone: click suggests from the
    commands a group holds, and brandpulse's are imported when they run."""
    result = runner.invoke(main, [name, TWEETS])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: No such command '{name}'.{suggested}"


RANGE_ERRORS = [
    # a cron job told --wait 1e300 waited for ever on a locked store (nothing else bounded it)
    (["report", TWEETS, "--wait", "1e300"], "1e+300 is not in the range 0<=x<=86400."),
    (["ingest", TWEETS, "--store", "s.duckdb", "--wait", "86401"], "86401.0 is not in the range 0<=x<=86400."),
    # the messages said "not a number" or "not a valid integer range", and not the range
    (["ingest", TWEETS, "--store", "s.duckdb", "--wait", "nan"], "'nan' is not a number in the range 0<=x<=86400."),
    (["alerts", TWEETS, "--k", "inf"], "'inf' is not a finite number in the range x>=0."),
    (["alerts", TWEETS, "--k", "many"], "'many' is not a number in the range x>=0."),
    (["analyze", TWEETS, "--top", "1e300"], "'1e300' is not a whole number in the range x>=1."),
    (["analyze", TWEETS, "--jobs", "inf"], "'inf' is not a whole number in the range x>=0."),
    (["query", "test", "delta", TWEETS, "--seed", "nan"], "'nan' is not a whole number in the range 0<=x<=4294967295."),
    (
        ["train", TWEETS, "--label-column", "x", "-o", "m.bp", "--cv", "2.5"],
        "'2.5' is not a whole number in the range x>=0.",
    ),
]


@pytest.mark.parametrize(("args", "message"), RANGE_ERRORS, ids=[" ".join(a[-2:]) for a, _ in RANGE_ERRORS])
def test_a_number_out_of_range_names_the_range(runner, args, message):
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: Invalid value for '{args[-2]}': {message}"


@pytest.mark.parametrize("command", ["train", "evaluate"])
def test_more_folds_than_posts_is_one_line(runner, command):
    pytest.importorskip("sklearn", reason="--cv trains a model (brandpulse[ml])")
    args = [command, TWEETS, "--label-column", "airline_sentiment", "--cv", "1000"]
    result = runner.invoke(main, args + (["-o", "m.bp"] if command == "train" else []))
    assert result.exit_code == 4
    assert result.stderr.splitlines()[-1] == (
        "brandpulse: error: --cv 1000: more folds than the 11 labelled posts (use --cv 3 or fewer)"
    )
    assert not Path("m.bp").exists()


def test_a_label_too_rare_to_cross_validate_is_one_line(runner, tmp_path):
    pytest.importorskip("sklearn", reason="--cv trains a model (brandpulse[ml])")
    posts = pd.read_csv(TWEETS, dtype=str)
    positive = posts["airline_sentiment"] == "positive"
    posts = pd.concat([posts[~positive], posts[positive].head(1)])
    posts.to_csv(tmp_path / "one.csv", index=False)
    args = ["train", str(tmp_path / "one.csv"), "--label-column", "airline_sentiment", "-o", "m.bp", "--cv", "3"]
    result = runner.invoke(main, args)
    assert result.exit_code == 4
    assert result.stderr.splitlines()[-1] == (
        "brandpulse: error: --cv 3: cross-validation needs at least 2 positive posts, there is 1 "
        "(label more posts, or use --cv 0)"
    )


def test_a_file_named_in_utf8_under_the_c_locale_is_one_name_in_every_message(tmp_path):
    """Under `LC_ALL=C PYTHONUTF8=0` Python holds `posts-é.csv` as `posts-\\udcc3\\udca9.csv`: the file's count
    line (and the rejects file's name, `(in ...)`) showed those escapes above a reject of `posts-\\xe9.csv`. Each
    message and the rejects name it alike."""
    (tmp_path / "posts-é.csv").write_text("id,text\n1,Acme\n2,Acme,extra\n", "utf-8")
    env = {**ENV, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    args = ["analyze", "posts-é.csv", "-o", "out.csv", "--rejects", "rejects-é.csv"]
    done = subprocess.run([sys.executable, "-m", "brandpulse", *args], cwd=tmp_path, env=env, capture_output=True)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.decode("ascii").splitlines()
    assert (
        lines[0]
        == "posts-\\xe9.csv: 2 rows; columns post_id=id; no time column, so its posts are in no report or alert"
    )
    assert lines[-1] == (
        "read 2 rows: analyzed 1, duplicates 0, rejected 1 (in rejects-\\xe9.csv), "
        "1 without a time (in no report or alert)"
    )
    assert (tmp_path / "rejects-é.csv").read_text("utf-8").splitlines()[1].startswith("posts-é.csv,line 3,")
    done = subprocess.run([sys.executable, "-m", "brandpulse", *args[:-2]], cwd=tmp_path, env=env, capture_output=True)
    assert "rejected posts-\\xe9.csv line 3: expected 2 fields, saw 3" in done.stderr.decode("ascii").splitlines()
    # an error names it so too (it was `posts-??.csv`), also a file that does not exist
    (tmp_path / "posts-é.csv").write_text("x,y\n1,2\n", "utf-8")
    errors = {"posts-é.csv": "posts-\\xe9.csv: no text column", "nope-é.csv": "nope-\\xe9.csv: no such file"}
    for name, error in errors.items():
        command = [sys.executable, "-m", "brandpulse", "analyze", name]
        done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True)
        assert done.returncode == 4
        assert done.stderr.decode("ascii").startswith(f"brandpulse: error: {error}")


# -- a wrong --encoding ------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-32", "utf-16-le"])
def test_a_wrong_encoding_names_its_header_briefly_and_says_why(runner, tmp_path, encoding):
    """Read in an encoding not its own, a UTF-8 CSV is one column of its whole text: the error listed it whole."""
    path = tmp_path / "posts.csv"
    path.write_text("id,text\n" + "".join(f"{i},Delta lost my bag again, day {i}\n" for i in range(100)))
    result = runner.invoke(main, ["analyze", str(path), "--encoding", encoding])
    assert result.exit_code == 4
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no text column" in lines[0]
    assert len(lines[0]) < 600  # the file is 3,190 bytes; the line held them all
    assert "is the file in another encoding (--encoding NAME)?" in lines[0]


def test_a_readable_header_without_a_text_column_gets_no_encoding_hint(runner, tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text("id,score\n1,5\n")
    result = runner.invoke(main, ["analyze", str(path)])
    assert result.exit_code == 4
    assert "(columns: id, score)" in result.stderr and "--encoding" not in result.stderr
