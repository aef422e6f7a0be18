from __future__ import annotations

import contextlib
import json
import os
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = ROOT / "examples"

# pytest-xdist's workers set COLUMNS=80 and LINES=24, where a one-process run and CI's shell set none: brandpulse
# reads COLUMNS as the terminal's width, so tables folded in workers alone (an analyzer's name cut to "cx:[bol").
# Every test runs as a job without a terminal, whichever process runs it; a test that wants a width sets one.
for _size in ("COLUMNS", "LINES"):
    os.environ.pop(_size, None)


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


def fresh_python(code: str) -> list[str]:
    """The lines `code` prints in a new interpreter importing this checkout's brandpulse: what a module loads by
    itself (`sys.modules`), with no test's imports beside it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return done.stdout.split("\n")


def closed(*args: str, fd: str = ">&-", **kwargs) -> subprocess.CompletedProcess:
    """This checkout's brandpulse run with stdout (or with fd="<&-", stdin) closed, as a shell's `>&-` leaves it."""
    command = [sys.executable, "-m", "brandpulse", *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    return subprocess.run(["sh", "-c", f'exec "$@" {fd}', "sh", *command], env=env, text=True, **kwargs)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path, monkeypatch):
    """No test picks up a brandpulse.toml or env config of the machine it runs on."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BRANDPULSE_CONFIG", raising=False)
    monkeypatch.delenv("BRANDPULSE_PLAIN", raising=False)  # (a screen reader user's shell: tables as lines of text)
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture(autouse=True)
def _no_retry_backoff(monkeypatch):
    """Fetches retry at once: the backoff between retries (0, 1 and 2 s) is urllib3's time.sleep, which a fetch
    through the CLI cannot inject, and it made each test of a failing server wait 3 s. Tests of the backoff pass
    their own."""
    from brandpulse.fetch import client

    monkeypatch.setattr(client, "BACKOFF", 0.0)


@pytest.fixture
def httpserver():
    """pytest-httpserver's server, but one per test: the plugin's lives for the whole session, its thread running
    after the test (and a test's `no_handler_status_code` with it). `--jobs` forks its workers only when no other
    thread runs (`chunked.start_method`): after the first test of a server, every `--jobs` run in that pytest
    process spawned its workers, each importing brandpulse again (a `--jobs 2` test: 3 s -> 20 s)."""
    from pytest_httpserver import HTTPServer

    server = HTTPServer()  # (the plugin's host and port: localhost, any free port)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture(scope="session")
def dask_scheduler(tmp_path_factory):
    """The address of a one-worker Dask cluster, for the tests that run `--engine dask` (`--scheduler` it): each run
    on its own cluster started two worker processes again, about 17 s of CI's time a run, and a cluster a test (six
    tests) was a scheduler and a worker process started six times. The scheduler and its worker are processes of
    their own, started once per pytest process: a LocalCluster's scheduler runs in the process that makes it, and its
    threads would have made every later `--jobs` run of this process spawn its workers (`httpserver` above). The
    worker is a process, as a run's own are, so what a run sends it is pickled; it lives on between runs, as a
    cluster `--scheduler` names does. `--engine dask` on its own cluster stays tested (test_cli_keep, test_redact,
    test_history_rescore, and test_cli_errors' signals to its workers)."""
    pytest.importorskip("distributed")
    folder = tmp_path_factory.mktemp("dask")
    address_file = folder / "scheduler.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # (the worker unpickles this checkout's brandpulse)
    quiet = {"cwd": folder, "env": env, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    cli = [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0"]
    scheduler = subprocess.Popen([*cli, "--no-dashboard", "--scheduler-file", str(address_file)], **quiet)
    worker = None
    try:
        while not address_file.exists() and scheduler.poll() is None:
            time.sleep(0.1)
        time.sleep(0.1)  # (the file is written whole: json.dump of a few lines)
        address = json.loads(address_file.read_text())["address"]
        cli = [sys.executable, "-m", "distributed.cli.dask_worker", "--scheduler-file", str(address_file)]
        worker = subprocess.Popen([*cli, "--nthreads", "1", "--no-nanny", "--no-dashboard"], **quiet)
        yield address  # (a run's tasks wait for the worker to join)
    finally:
        for proc in (worker, scheduler):
            if proc is not None:
                proc.terminate()
                proc.wait(60)


@pytest.fixture(autouse=True)
def _no_thread_left_by_dask():
    """A `--engine dask` run leaves distributed's offload thread running in the test's process (the thread pool it
    keeps for good): every later `--jobs` run in that process spawned its workers rather than forking them, as
    `httpserver` above says. Its pool is swapped for a new one, which starts its thread only when a run uses it."""
    yield
    utils = sys.modules.get("distributed.utils")
    if utils is not None and any(t.name.startswith("Dask-Offload") for t in threading.enumerate()):
        from concurrent.futures import ThreadPoolExecutor

        old, utils._offload_executor = utils._offload_executor, ThreadPoolExecutor(1, "Dask-Offload")
        old.shutdown(wait=True)


class DrippingServer(socketserver.ThreadingTCPServer):
    """A server on 127.0.0.1 (or a proxy) that sends an answer's body a byte every half second, for 20 s: requests'
    timeout is per read of the socket, so a client without a whole-answer limit waits for all of it. `respond(request)`
    gives the bytes sent at once and the byte dripped after them (None: none). `hung_up` is set when the client closed
    the connection before the drip ended, `dripped_all` when it did not (the test waits for one of them)."""

    daemon_threads = True

    def __init__(self, respond):
        self.hung_up, self.dripped_all = threading.Event(), threading.Event()
        server = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                sent, drip = respond(self.request.recv(65536))
                self.request.sendall(sent)
                if drip is None:
                    return
                with contextlib.suppress(OSError):
                    for _ in range(40):
                        self.request.sendall(drip)
                        time.sleep(0.5)
                    server.dripped_all.set()
                    return
                server.hung_up.set()

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def client_hung_up(self) -> bool:
        """Whether the client closed the connection before the body was all sent (waiting for the drip to tell)."""
        while not (self.hung_up.wait(0.5) or self.dripped_all.is_set()):
            pass
        return self.hung_up.is_set()

    def close(self) -> None:
        self.shutdown()
        self.server_close()
