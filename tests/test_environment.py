"""brandpulse as cron jobs and analysts' shells run it: terminals that cannot show every character,
config files saved by other editors, outputs replaced under other permissions."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner, Result
from history_fixtures import copy_store

from brandpulse import store
from brandpulse.cli import main
from brandpulse.output import writers

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}  # this checkout's brandpulse, not an installed one

POSTS = (
    "id,text,created_at,author\n"
    "1,Delta lost my bag 😡 terrible,2026-11-02T10:00:00Z,zoë\n"
    "2,Delta שלום 飞机 great,2026-11-03T10:00:00Z,李\n"
    "3,Delta on time,2026-10-28T10:00:00Z,ann\n"  # (the week before: a report compares with it)
)


def run(*args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "brandpulse", *args], env={**ENV, **(env or {})}, capture_output=True, **kwargs
    )


def invoke(*args: str, env: dict | None = None) -> Result:
    """A run in this process, where what is tested is a file's bytes or a variable brandpulse reads as it runs (a
    process start is 2 s of CPU): the runs above are for what only a process has (its encoding, locale, umask,
    descriptors, shell redirections)."""
    return CliRunner().invoke(main, list(args), env=env)


@pytest.fixture
def posts(tmp_path) -> Path:
    path = tmp_path / "posts.csv"
    path.write_text(POSTS, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def delta_store(tmp_path_factory) -> Path:
    """POSTS ingested for Delta, once: the terminal and home tests below each take their own copy (`copy_store`)."""
    folder = tmp_path_factory.mktemp("delta")
    (folder / "posts.csv").write_text(POSTS, encoding="utf-8")
    ingest = run("ingest", str(folder / "posts.csv"), "--brand", "Delta", "--store", str(folder / "s.duckdb"))
    assert ingest.returncode == 0, ingest.stderr.decode()
    return folder / "s.duckdb"


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize(
    "command",
    [
        ["analyze", "{posts}", "--brand", "Delta", "-f", "table"],
        ["query", "test", "Delta AND 飞机", "{posts}"],
        ["queue", "--store", "{store}", "--brand", "Delta", "--now", "2026-11-04", "-f", "table"],
        ["report", "--store", "{store}", "--brand", "Delta", "--until", "2026-11-09", "-f", "table"],
    ],
)
def test_a_terminal_that_cannot_show_a_character_gets_an_escape_not_a_crash(
    tmp_path, posts, delta_store, encoding, command
):
    """The tables on an ASCII or Latin-1 terminal (LANG=C on older systems, PYTHONIOENCODING) ended in
    "UnicodeEncodeError: 'ascii' codec can't encode characters", exit 1, after half a table."""
    copy_store(delta_store, tmp_path)
    args = [a.format(posts=posts, store=tmp_path / "s.duckdb") for a in command]
    proc = run(*args, env={"PYTHONIOENCODING": encoding})
    assert proc.returncode == 0, proc.stderr.decode()
    assert b"Error" not in proc.stderr
    out = proc.stdout.decode(encoding)
    assert "\\U0001f621" in out or "\\u0394" in out  # 😡 (the report's table: Δ), as Python writes it on stderr
    if command[-1] == "table":  # (rich draws the borders in ASCII when the encoding is not UTF-8: not `┃`, `━`)
        assert "+--" in out and not any(c in out for c in "┃━┏│─┌")
    if encoding == "latin-1" and command[0] != "report":
        assert "zo\xeb" in out  # what the terminal can show stays as it is


def test_data_on_stdout_stays_utf8_whatever_the_terminal(posts):
    proc = run("analyze", str(posts), "--brand", "Delta", "-f", "csv", env={"PYTHONIOENCODING": "ascii"})
    assert proc.returncode == 0
    assert "Delta lost my bag 😡 terrible" in proc.stdout.decode("utf-8")


def test_a_read_only_home_adds_nothing_to_a_quiet_report(tmp_path, posts, delta_store):
    """A cron user's home that cannot be written (here: a file) made matplotlib say "mkdir -p failed" and
    "Matplotlib created a temporary cache directory" on stderr at every `report -q -o week.html`."""
    store_file = str(copy_store(delta_store, tmp_path))
    env = {k: v for k, v in ENV.items() if k not in ("MPLCONFIGDIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
    env["HOME"] = str(posts)  # (not a folder: no one, not even root, can make ~/.config in it)
    proc = subprocess.run(
        [sys.executable, "-m", "brandpulse", "report", "--store", store_file, "--brand", "Delta"]
        + ["--until", "2026-11-09", "-q", "-o", str(tmp_path / "week.html")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert (proc.returncode, proc.stderr, proc.stdout) == (0, "", "")
    assert "<svg" in (tmp_path / "week.html").read_text(encoding="utf-8")  # (the charts were drawn)


def test_a_config_saved_with_a_bom_and_crlf_is_read(tmp_path, posts):
    """Windows Notepad saves UTF-8 with a BOM: the file was "invalid TOML: Invalid statement (at line 1,
    column 1)", exit 5, with nothing visibly wrong at that place."""
    config = tmp_path / "brandpulse.toml"
    config.write_bytes(b"\xef\xbb\xbf" + b'[brands.Delta]\r\nterms = ["Delta"]\r\n')
    topics = tmp_path / "topics.toml"
    topics.write_bytes(b"\xef\xbb\xbf" + b'[topics.bags]\r\nkeywords = ["bag"]\r\n')
    proc = invoke("analyze", str(posts), "-c", str(config), "--topics", str(topics), "-f", "csv")
    assert proc.exit_code == 0, proc.stderr
    rows = proc.stdout.splitlines()
    assert rows[1].startswith("1,") and ",Delta,-" in rows[1] and ",bags," in rows[1]


def test_a_config_in_another_encoding_is_still_an_error(tmp_path, posts):
    config = tmp_path / "brandpulse.toml"
    config.write_bytes('[brands.Café]\nterms = ["Delta"]\n'.encode("cp1252"))
    proc = invoke("analyze", str(posts), "-c", str(config), "-f", "csv")
    assert proc.exit_code == 5
    assert proc.stderr == f"brandpulse: error: {config}: invalid TOML: not UTF-8 text\n"


def test_a_utf16_config_or_a_brand_name_with_accents_unquoted_says_what_to_do(tmp_path, posts, runner):
    """Notepad's "Unicode" config was "not UTF-8 text", and `[brands.Café Sol]` (TOML wants the name quoted)
    "Expected ']' at the end of a table declaration", with nothing said of the fix. (The file's bytes are what
    is tested, not the process's environment: the runs are in this process.)"""

    def run(*args: str):
        return runner.invoke(main, list(args))

    config = tmp_path / "brandpulse.toml"
    config.write_bytes('[brands.Delta]\r\nterms = ["Delta"]\r\n'.encode("utf-16"))
    proc = run("analyze", str(posts), "-c", str(config), "-f", "csv")
    assert (proc.exit_code, proc.stdout) == (5, "")
    assert proc.stderr == f"brandpulse: error: {config}: invalid TOML: UTF-16 text, not UTF-8: save it as UTF-8\n"
    # without its byte-order mark (`iconv -t UTF-16LE`, or BE): "Invalid initial character for a key part"
    for codec in ("utf-16-le", "utf-16-be"):
        config.write_bytes('[brands.Delta]\r\nterms = ["Delta"]\r\n'.encode(codec))
        proc = run("analyze", str(posts), "-c", str(config), "-f", "csv")
        assert proc.stderr == f"brandpulse: error: {config}: invalid TOML: UTF-16 text, not UTF-8: save it as UTF-8\n"
    for name in ("Café", "Café Sol", "Delta Air"):
        config.write_text(f'[sentiment]\nanalyzer = "cx"\n\n[brands.{name}]\nterms = ["Delta"]\n', encoding="utf-8")
        proc = run("analyze", str(posts), "-c", str(config), "-f", "csv")
        assert proc.exit_code == 5
        assert proc.stderr.startswith(f"brandpulse: error: {config}: invalid TOML: ")
        assert proc.stderr.endswith(f': a name with spaces or accents is quoted, [brands."{name}"]\n'), name
    # (the line's own table: a topic's was told to write [brands."Café Sol"])
    topic = '[brands.Delta]\nterms = ["Delta"]\n\n[topics.Café Wifi]\nkeywords = ["wifi"]\n'
    config.write_text(topic, encoding="utf-8")
    proc = run("analyze", str(posts), "-c", str(config), "-f", "csv")
    assert proc.stderr.endswith(': a name with spaces or accents is quoted, [topics."Café Wifi"]\n'), proc.stderr
    config.write_text('[brands."Café Sol"]\nterms = ["Delta"]\n', encoding="utf-8")
    proc = run("analyze", str(posts), "-c", str(config), "-f", "csv")
    assert proc.exit_code == 0 and ",Café Sol," in proc.stdout.splitlines()[1], proc.stderr


def test_a_replaced_output_keeps_its_permissions(tmp_path, posts):
    """The atomic rename put a new file in place of the old one: a queue.csv of customers' posts made
    private (chmod 600) was readable by everyone (0644) again after the next cron run."""
    out = tmp_path / "rows.csv"
    out.write_text("old\n")
    out.chmod(0o600)
    proc = run("analyze", str(posts), "--brand", "Delta", "-o", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8").startswith("post_id,")  # (replaced)
    assert out.stat().st_mode & 0o7777 == 0o600
    new = tmp_path / "new.csv"
    proc = run("analyze", str(posts), "--brand", "Delta", "-o", str(new), "-q", preexec_fn=lambda: os.umask(0o027))
    assert new.stat().st_mode & 0o7777 == 0o640  # a new file: as the umask says


def test_rows_go_to_dev_stdout_when_it_is_a_pipe(posts):
    """`-o /dev/stdout` (a pipe's end, also a shell's `-o >(gzip > rows.gz)`) was "File or stream is not
    seekable", exit 1: the check that the output can be written opened it for reading and writing."""
    proc = run("analyze", str(posts), "--brand", "Delta", "-o", "/dev/stdout", "-q", text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0].startswith("post_id,") and len(proc.stdout.splitlines()) == 4


def test_dev_stdout_and_stderr_appended_to_a_log_keep_what_it_held(tmp_path, posts):
    """`--rejects /dev/stderr 2>>run.log` (and `-o /dev/stdout >>rows.csv`) opened the log again, truncating it:
    its earlier lines and this run's messages before the rejects were gone, and `>>` left a hole of NULs."""
    bad = tmp_path / "bad.csv"
    bad.write_text("id,text,likes\n7,Delta again,lots\n8,Delta fine,2\n", encoding="utf-8")
    rows, log = tmp_path / "rows.csv", tmp_path / "run.log"
    rows.write_bytes(b"earlier rows\n")
    log.write_bytes(b"earlier run\n")
    args = ["--brand", "Delta", "--raw-csv", "-o", "/dev/stdout", "--rejects", "/dev/stderr"]
    with open(rows, "ab") as out, open(log, "ab") as err:
        proc = subprocess.run(
            [sys.executable, "-m", "brandpulse", "analyze", str(bad), *args], env=ENV, stdout=out, stderr=err
        )
    assert proc.returncode == 0, log.read_text()
    got = rows.read_text(encoding="utf-8").splitlines()
    assert got[0] == "earlier rows" and got[1].startswith("post_id,") and len(got) == 3
    assert got[2].startswith("8,,,,,Delta fine,,")
    assert log.read_text(encoding="utf-8").splitlines() == [
        "earlier run",
        f"{bad}: 2 rows; columns post_id=id; no time column, so its posts are in no report or alert",
        "source,position,reason,record",
        f"{bad},line 2,bad likes 'lots',\"7,Delta again,lots\"",
        "read 2 rows: analyzed 1, duplicates 0, rejected 1 (in /dev/stderr), 1 without a time (in no report or alert)",
    ]


def test_a_descriptor_open_for_reading_is_refused_before_any_work(tmp_path, posts):
    """`-o /dev/fd/3` with 3 a file open for reading failed on the first write, after reading; before that, the
    file behind it was opened again and overwritten with the rows."""
    other = tmp_path / "other.csv"
    other.write_text("keep me\n", encoding="utf-8")
    fd = os.open(other, os.O_RDONLY)
    try:
        proc = run("analyze", str(posts), "--brand", "Delta", "-o", f"/dev/fd/{fd}", pass_fds=(fd,), text=True)
    finally:
        os.close(fd)
    assert proc.returncode == 1
    assert proc.stderr == f"brandpulse: error: --output /dev/fd/{fd}: descriptor {fd} is open for reading only\n"
    assert other.read_text(encoding="utf-8") == "keep me\n"
    closed = run("analyze", str(posts), "--brand", "Delta", "-o", "/dev/fd/9", text=True)
    assert closed.returncode == 1 and closed.stderr == "brandpulse: error: --output /dev/fd/9: Bad file descriptor\n"


def test_rows_go_to_a_named_fifo(tmp_path, posts):
    fifo = tmp_path / "rows.csv"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE, text=True)
    try:
        proc = run("analyze", str(posts), "--brand", "Delta", "-o", str(fifo), "-q", text=True)
        assert proc.returncode == 0, proc.stderr
        assert len(reader.communicate()[0].splitlines()) == 4  # the header and the three posts
    finally:
        reader.kill()
        reader.wait()


def test_a_device_is_writable_without_creating_files_beside_it(monkeypatch):
    """Anyone but root got "--output /dev/null: cannot create files in /dev: Permission denied" (exit 1):
    the check made a temporary file in the folder, where a device, written in place, needs none."""
    made = []
    monkeypatch.setattr(writers.tempfile, "TemporaryFile", lambda **kwargs: made.append(kwargs["dir"]))
    assert writers.unwritable(Path(os.devnull)) is None
    assert made == []


@pytest.mark.parametrize("command", [["analyze", "-o", "{link}"], ["ingest", "--store", "{link}"]])
def test_a_link_to_a_missing_folder_fails_before_any_work(tmp_path, posts, command):
    """A store or output linked to a disk that is not mounted: ingest analyzed every file, then failed on
    opening the store ("IO Error: Cannot open file"); analyze failed as it opened the output."""
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "unmounted" / "target")
    args = [a.format(link=link) for a in command]
    proc = invoke(args[0], str(posts), "--brand", "Delta", *args[1:])
    assert proc.exit_code == (7 if command[0] == "ingest" else 1)
    assert proc.stderr.count("\n") == 1  # (no count line: nothing was read)
    assert f"cannot create files in {tmp_path / 'unmounted'}: No such file or directory" in proc.stderr


def test_a_store_named_in_unicode_opens_in_the_c_locale(tmp_path, posts):
    """With LC_ALL=C and PYTHONUTF8=0 (Python's ASCII file names), `--store stö.duckdb` was
    "RuntimeError: std::bad_cast", exit 1: DuckDB was given the name's undecoded bytes as text."""
    c_locale = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    proc = run("ingest", str(posts), "--brand", "Delta", "--store", str(tmp_path / "stö.duckdb"), env=c_locale)
    assert proc.returncode == 0, proc.stderr
    assert "stö.duckdb" in os.listdir(tmp_path)  # the name as typed, not its bytes read as Latin-1
    assert store.load_posts(tmp_path / "stö.duckdb")["post_id"].sort_values().tolist() == ["1", "2", "3"]


def test_a_store_whose_name_is_not_utf8_is_a_store_error(tmp_path, posts):
    name = os.fsencode(tmp_path) + b"/caf\xe9.duckdb"  # (a Latin-1 name: DuckDB takes UTF-8 names only)
    proc = subprocess.run(
        [sys.executable, "-m", "brandpulse", "ingest", str(posts), "--brand", "Delta", "--store", name],
        env=ENV,
        capture_output=True,
    )
    assert proc.returncode == 7
    assert proc.stderr.endswith(b"the store's file name is not UTF-8 (DuckDB cannot open it)\n")
    assert proc.stderr.count(b"\n") == 1


@pytest.mark.parametrize("where", ["config", "option"])
def test_a_lexicon_in_the_home_folder(tmp_path, where):
    """`analyzer = "cx:~/lexicon.toml"` was looked for in a folder named `~` beside the config ("no such
    lexicon file"), and `--sentiment 'cx:~/lexicon.toml'` (quoted, or from a crontab) in one in the cwd."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "lexicon.toml").write_text("[words]\nbumped = -3\n")  # (cx alone finds "bumped" neutral)
    posts = tmp_path / "posts.csv"
    posts.write_text("id,text\n1,Delta bumped me\n")
    config = tmp_path / "conf" / "brandpulse.toml"
    config.parent.mkdir()
    analyzer = '[sentiment]\nanalyzer = "cx:~/lexicon.toml"\n' if where == "config" else ""
    config.write_text(analyzer + '[brands.Delta]\nterms = ["Delta"]\n')
    option = ["--sentiment", "cx:~/lexicon.toml"] if where == "option" else []
    proc = invoke("analyze", str(posts), "-c", str(config), *option, "-f", "csv", env={"HOME": str(home)})
    assert proc.exit_code == 0, proc.stderr
    assert ",negative," in proc.stdout.splitlines()[1]
    plain = invoke("analyze", str(posts), "--brand", "Delta", "-f", "csv")
    assert ",neutral," in plain.stdout.splitlines()[1]


def test_columns_0_prints_the_tables_and_messages(posts):
    """With COLUMNS=0 rich printed nothing at all: no table on stdout, no count line or warning on stderr."""
    proc = run("analyze", str(posts), "--brand", "Delta", "-f", "table", env={"COLUMNS": "0"}, text=True)
    assert proc.returncode == 0
    assert "Brands" in proc.stdout and "Delta lost my bag" in proc.stdout
    assert proc.stderr.splitlines()[-1].startswith("read 3 rows: analyzed 3,")


@pytest.mark.parametrize("name", ["r" * 246 + ".csv", "😀" * 62 + ".csv"])  # 250 and 252 bytes: allowed (255)
def test_an_output_with_a_long_name_is_written(tmp_path, posts, name):
    """The temporary file beside the output is named after it: 14 characters longer, it was "File name too
    long" (exit 1) for an output name of 242 to 255 bytes, which the system allows."""
    proc = invoke("analyze", str(posts), "--brand", "Delta", "-o", str(tmp_path / name), "-q")
    assert proc.exit_code == 0, proc.stderr
    assert (tmp_path / name).read_text(encoding="utf-8").startswith("post_id,")
    assert sorted(os.listdir(tmp_path)) == sorted([name, "posts.csv"])  # (no temporary file left)


def _on_a_terminal(args: list[str], typed: bytes, stdin_is_terminal: bool = True) -> tuple[bytes, bytes, int, bool]:
    """(stdout, what the terminal showed, exit code, whether a second Ctrl-D was needed) of brandpulse with stderr
    (and stdin unless a pipe) on a pty."""
    import pty
    import threading

    master, slave = pty.openpty()
    stdin = slave if stdin_is_terminal else subprocess.PIPE
    proc = subprocess.Popen(
        [sys.executable, "-m", "brandpulse", *args], stdin=stdin, stdout=subprocess.PIPE, stderr=slave, env=ENV
    )
    os.close(slave)
    shown = bytearray()

    def drain() -> None:  # (a terminal nobody reads fills up, and blocks the writer)
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the other end closed
                return
            if not chunk:
                return
            shown.extend(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    if stdin_is_terminal:
        os.write(master, typed + b"\x04")  # (Ctrl-D at the start of a line: end of input)
    else:
        proc.stdin.write(typed)
        proc.stdin.close()
    second = False
    try:  # (the output is small: it waits in the pipe)
        proc.wait(timeout=300)  # not a time limit: a guard against waiting for ever, as for a second Ctrl-D
    except subprocess.TimeoutExpired:
        second = True
        os.write(master, b"\x04")
        proc.wait()
    out, code = proc.stdout.read(), proc.returncode
    reader.join()
    os.close(master)
    return out, bytes(shown), code, second


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_posts_typed_at_a_terminal_get_a_prompt_and_end_with_one_ctrl_d():
    """`brandpulse analyze -` at a terminal waited without a word, and after the posts typed a first Ctrl-D did not
    end them (stdin was read in 1 MiB blocks: a second was needed). A line now says how to end, and one does; with
    posts piped in, nothing is said."""
    typed = b"id,text\n1,Delta rocks\n"
    out, shown, code, second = _on_a_terminal(["analyze", "-", "-f", "csv"], typed)
    assert code == 0 and not second, shown
    assert b"brandpulse: reading posts from stdin (end with Ctrl-D)\r\n" in shown
    assert out.decode().splitlines()[1].startswith("1,,,,,Delta rocks,")
    assert b"read 1 row: analyzed 1" in shown
    out, shown, code, _ = _on_a_terminal(["analyze", "-", "-f", "csv"], typed, stdin_is_terminal=False)
    assert code == 0 and out.decode().splitlines()[1].startswith("1,,,,,Delta rocks,")
    assert b"reading posts" not in shown and b"read 1 row: analyzed 1" in shown


def test_a_descriptor_on_the_same_pipe_as_stdout_is_stdout(tmp_path, posts):
    """`-o /dev/fd/3 3>&1` was not stdout to the checks of two outputs there, which knew it by name (`-`,
    `/dev/stdout`, `/dev/fd/1`): `-f table -o /dev/fd/3 3>&1` wrote the rows and the tables into each other. A
    descriptor open on the same file or pipe as stdout is stdout; a descriptor on another file is not, nor is
    stderr joined to stdout (`--rejects /dev/stderr 2>&1`, as cron joins them), the messages' stream."""

    def shell(line: str) -> subprocess.CompletedProcess:
        brandpulse = f"{sys.executable} -m brandpulse analyze {posts} --brand Delta -q"
        return subprocess.run(["bash", "-c", line.replace("BP", brandpulse)], env=ENV, capture_output=True, text=True)

    errors = {
        "-f table -o /dev/fd/3": "-f table -o /dev/fd/3: the tables go to stdout",
        "-f csv --summary-csv /dev/fd/3": "--summary-csv /dev/fd/3: stdout carries the rows or tables; ",
        "-o /dev/fd/3 --summary-csv -": "--summary-csv -: stdout carries the rows or tables (-o /dev/fd/3); ",
        "-f csv --rejects /proc/self/fd/3": "--rejects needs a file, not /proc/self/fd/3 (stdout is for",
    }
    for args, error in errors.items():
        proc = shell(f'BP {args} 3>&1 | cat; echo "exit ${{PIPESTATUS[0]}}"')
        assert proc.stdout == "exit 2\n", args  # (nothing written)
        assert proc.stderr.startswith(f"brandpulse: error: {error}"), (args, proc.stderr)
    other = shell(f"BP -f table -o /dev/fd/3 3>{tmp_path / 'rows.csv'} | cat")  # another file: the rows there
    assert other.returncode == 0, other.stderr
    assert other.stdout.startswith("Brands") and (tmp_path / "rows.csv").read_text().startswith("post_id,")
    joined = shell("BP -f csv --raw-csv --rejects /dev/stderr 2>&1 | cat")
    assert joined.returncode == 0, joined.stderr
    assert joined.stdout.startswith("post_id,") and "source,position,reason,record\n" in joined.stdout
    # (and a descriptor given as stderr then, the same open pipe as stdout and stderr: `3>&2` was refused as stdout)
    moved = shell("BP -f csv --raw-csv --rejects /dev/fd/3 2>&1 3>&2 | cat")
    assert (moved.returncode, moved.stderr) == (0, "")
    assert moved.stdout == joined.stdout


def test_an_output_naming_the_file_stdout_goes_to_is_stdout(tmp_path, posts):
    """`-o out.csv --summary-csv - > out.csv` lost the summary (written to stdout, then the rows replaced the file),
    exit 0; so did the rows of `--summary-csv out.csv > out.csv` and of `--rejects out.csv > out.csv`, and the tables
    of `-f table -o out.csv > out.csv` (`evaluate --predictions p.csv -o p.csv > p.csv` too): stdout was known by
    its names and descriptors, not as the file it is redirected to. That file is stdout too, by `>` or `>>`; `-o
    out.csv > out.csv` alone writes the rows there as before, and a device (`/dev/null`) is shared as ever."""
    out = tmp_path / "out.csv"

    def shell(line: str) -> subprocess.CompletedProcess:
        brandpulse = f"{sys.executable} -m brandpulse analyze {posts} --brand Delta -q"
        line = line.replace("BP", brandpulse).replace("OUT", str(out))
        return subprocess.run(["bash", "-c", line], env=ENV, capture_output=True, text=True, cwd=tmp_path)

    errors = {
        "BP -o OUT --summary-csv - > OUT": f"--summary-csv - and -o {out} are the same file {out} (stdout goes to it, "
        "with the rows or tables): write the summary to another file",
        "BP -f csv --summary-csv OUT >> OUT": f"--summary-csv {out} and stdout are the same file {out} (stdout goes to "
        "it, with the rows or tables): write the summary to another file",
        "BP -f csv --rejects OUT > OUT": f"--rejects {out} is the file stdout goes to, which is for the rows, tables "
        "and reports: give --rejects another file",
        "BP -f table -o OUT > OUT": f"-f table -o {out} (the file stdout goes to): the tables go to stdout; write the "
        "rows to another file with -o, or drop -f table",
        f"{sys.executable} -m brandpulse evaluate {posts} --label-column text --predictions OUT -o OUT > OUT": (
            f"--predictions {out} and -o {out} are the same file {out} (stdout goes to it, with the scores): write "
            "the predictions to another file"
        ),
    }
    for line, error in errors.items():
        proc = shell(line)
        assert proc.returncode == 2 and out.read_text() == "", line  # (nothing written)
        assert proc.stderr == f"brandpulse: error: {error}\n", (line, proc.stderr)
    alone = shell("BP -o OUT > OUT")
    assert alone.returncode == 0, alone.stderr
    assert out.read_text().startswith("post_id,") and len(out.read_text().splitlines()) == 4  # (3 posts)
    shared = shell("BP -o /dev/null --summary-csv /dev/null > /dev/null")
    assert shared.returncode == 0, shared.stderr


@pytest.mark.skipif(os.name != "posix", reason="needs RLIMIT_FSIZE")
def test_stdin_that_does_not_fit_in_tmpdir_names_stdin_and_the_folder(tmp_path):
    """stdin is copied to a temporary file in TMPDIR; a container's small /tmp full said "brandpulse: error: No space
    left on device", naming neither stdin nor the folder to give room in. A limit on file sizes stands for the full
    disk here (EFBIG: "File too large"); `-o /dev/null`, a device, has none."""
    import resource
    import signal

    def limited():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # (a write past the limit fails instead of ending the process)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))

    posts = "id,text\n" + "".join(f"{i},Delta lost my bag again, the {i}th time this year\n" for i in range(60_000))
    assert len(posts) > 2 << 20
    proc = subprocess.run(
        [sys.executable, "-m", "brandpulse", "analyze", "-", "--brand", "Delta", "-q", "-o", os.devnull],
        input=posts.encode(),
        env={**ENV, "TMPDIR": str(tmp_path)},
        capture_output=True,
        preexec_fn=limited,
    )
    assert (proc.returncode, proc.stdout) == (1, b"")
    assert proc.stderr.decode() == (
        f"brandpulse: error: <stdin>: cannot copy it to a temporary file in {tmp_path} (File too large): set TMPDIR"
        " to a folder with room, or give the file instead of -\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_an_output_stdout_is_redirected_to_is_still_written_as_a_file(tmp_path, posts):
    """Review of stop 39: the file stdout goes to counted as stdout everywhere, also where a command chooses between
    writing its output file and printing: `query test -o r.txt >> r.txt` appended the report to r.txt, which `-o`
    replaces, and `report -f table -o week.txt > week.txt` was accepted where `-o week.txt` alone is refused. The
    file is stdout's for the checks of two outputs alone (`test_an_output_naming_the_file_stdout_goes_to_is_stdout`)."""
    out = tmp_path / "r.txt"

    def shell(line: str) -> subprocess.CompletedProcess:
        line = line.replace("BP", f"{sys.executable} -m brandpulse").replace("OUT", str(out))
        return subprocess.run(["bash", "-c", line], env=ENV, capture_output=True, text=True, cwd=tmp_path)

    out.write_text("earlier run\n")
    appended = shell(f"BP query test delta {posts} -o OUT >> OUT")
    assert appended.returncode == 0, appended.stderr
    assert out.read_text().startswith("query: delta\n"), out.read_text()[:80]  # (replaced, as without >>)
    refused = shell(f"BP report {posts} --brand Delta -f table -o OUT > OUT")
    assert refused.returncode == 2
    assert "--format table prints on the terminal, not to --output" in refused.stderr


@pytest.mark.skipif(os.name != "posix", reason="needs RLIMIT_FSIZE")
def test_a_gzipped_parquet_that_does_not_fit_in_tmpdir_names_the_file_and_the_folder(tmp_path):
    """A Parquet file inside gzip is unpacked to a temporary file in TMPDIR; a full one (here a limit on file sizes,
    EFBIG) said "damaged gzip file: [Errno 27] File too large", exit 4, of a file that was not damaged."""
    import gzip
    import resource
    import signal

    def limited():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))

    posts = pd.DataFrame({"created_at": ["2026-11-02T10:00:00Z"] * 60_000})
    posts["text"] = [f"Delta lost my bag again, the {i}th time this year" for i in range(60_000)]
    posts.to_parquet(tmp_path / "posts.parquet", compression=None)
    assert (tmp_path / "posts.parquet").stat().st_size > 2 << 20
    packed = tmp_path / "posts.parquet.gz"
    packed.write_bytes(gzip.compress((tmp_path / "posts.parquet").read_bytes()))
    assert packed.stat().st_size < 1 << 20
    (tmp_path / "tmp").mkdir()
    proc = subprocess.run(
        [sys.executable, "-m", "brandpulse", "analyze", str(packed), "--brand", "Delta", "-q", "-o", os.devnull],
        env={**ENV, "TMPDIR": str(tmp_path / "tmp")},
        capture_output=True,
        preexec_fn=limited,
    )
    assert (proc.returncode, proc.stdout) == (1, b"")
    assert proc.stderr.decode() == (
        f"brandpulse: error: {packed}: cannot unpack it to a temporary file in {tmp_path / 'tmp'} (File too large): set"
        " TMPDIR to a folder with room, or unpack it yourself\n"
    )
    assert list((tmp_path / "tmp").iterdir()) == []


def test_stdin_that_cannot_be_read_is_not_said_to_want_room_in_tmpdir(tmp_path):
    """stdin's read failing (open for writing only, `0>file`; a terminal gone, EIO) was said to be a TMPDIR without
    room: "<stdin>: cannot copy it to a temporary file in /tmp (Bad file descriptor): set TMPDIR to a folder with
    room". It is stdin that cannot be read, an input error (exit 4)."""
    with open(tmp_path / "written", "wb") as stdin:
        proc = subprocess.run(
            [sys.executable, "-m", "brandpulse", "analyze", "-", "--brand", "Delta", "-q", "-o", os.devnull],
            stdin=stdin,
            env={**ENV, "TMPDIR": str(tmp_path)},
            capture_output=True,
            text=True,
        )
    assert (proc.returncode, proc.stdout) == (4, "")
    assert proc.stderr == "brandpulse: error: <stdin>: cannot read it (Bad file descriptor)\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["written"]


#: the box-drawing characters (U+2500-U+257F) and block elements (U+2580-U+259F) of rich's borders, bars and
#: sparklines: a screen reader reads each aloud ("box drawings heavy horizontal") or skips it
_DRAWN = {chr(c) for c in range(0x2500, 0x25A0)}


def test_brandpulse_plain_prints_the_tables_as_lines_of_text(posts):
    """A screen reader read the tables' borders aloud, and a cell folded over two lines ("2" over "(67%)") as two
    cells of different rows. With BRANDPULSE_PLAIN, a table is its title, a line a row of header: value, then its
    caption; without it, the tables are drawn as before."""
    proc = invoke("analyze", str(posts), "--brand", "Delta", "-f", "table", env={"BRANDPULSE_PLAIN": "1"})
    assert proc.exit_code == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert not _DRAWN & set(proc.stdout)
    # (by hand: 3 posts, all Delta; 😡 "lost my bag" negative, "great" and "on time" positive)
    assert lines[:2] == [
        "Brands: 1 row",
        "brand: Delta; posts: 3; SoV: 100.0%; pos: 2 (67%); neu: 0 (0%); neg: 1 (33%); NSS: +33.3; avg: +0.00",
    ]
    assert lines[2].startswith("posts: naming the brand, ")  # (the caption, after the rows)
    topic = lines[lines.index("Top topics per brand: 1 row") + 1]
    assert topic == "brand: Delta; topic: baggage; mentions: 1; NSS: -100.0"
    at = lines.index("Most positive posts naming a brand (positive as a whole or towards one): 2 rows")
    assert lines[at + 1 : at + 3] == [
        "post sentiment: +0.60; brands: Delta; author: 李; text: Delta שלום 飞机 great",
        "post sentiment: +0.26; brands: Delta; author: ann; text: Delta on time",
    ]
    drawn = invoke("analyze", str(posts), "--brand", "Delta", "-f", "table", env={"BRANDPULSE_PLAIN": "0"})
    assert "┃ brand " in drawn.stdout and "brand: Delta" not in drawn.stdout


def test_brandpulse_plain_report_says_the_trend_in_figures(tmp_path, posts):
    """The report's trend column is a sparkline (block characters a screen reader calls "lower one eighth block")
    and its share-of-voice bars the same: plain, the trend is the posts per day and the bar is left out (its
    figure is beside it)."""
    store_file = str(tmp_path / "s.duckdb")
    assert invoke("ingest", str(posts), "--brand", "Delta", "--store", store_file, "-q").exit_code == 0
    period = ["--since", "2026-11-02", "--until", "2026-11-05", "--brand", "Delta", "--store", store_file]
    proc = invoke("report", *period, "-f", "table", env={"BRANDPULSE_PLAIN": "1", "COLUMNS": "500"})
    assert proc.exit_code == 0, proc.stderr
    assert not _DRAWN & set(proc.stdout)
    lines = proc.stdout.splitlines()
    delta = lines[lines.index("Brands: 2 rows") + 1]
    # (posts on 11-02 and 11-03, none on 11-04)
    assert delta.startswith("brand: Delta; volume: 2; ") and delta.endswith("; trend: posts per day: 1, 1, 0")
    assert lines[lines.index("Share of voice: 1 row") + 1] == "Delta; 100.0%"
    drawn = invoke("report", *period, "-f", "table", env={"COLUMNS": "500"})
    assert "▁" in drawn.stdout and "█" in drawn.stdout  # (the default: sparkline and bar, as before)


def test_brandpulse_plain_wraps_rows_between_words(posts):
    """On a narrow terminal a plain row goes on over lines, cut between words, never inside one."""
    env = {"BRANDPULSE_PLAIN": "yes", "COLUMNS": "40"}
    proc = invoke("analyze", str(posts), "--brand", "Delta", "-f", "table", env=env)
    lines = proc.stdout.splitlines()
    assert max(map(len, lines)) <= 40
    at = lines.index("Brands: 1 row")
    row = " ".join(line.strip() for line in lines[at + 1 : at + 4])
    assert row == "brand: Delta; posts: 3; SoV: 100.0%; pos: 2 (67%); neu: 0 (0%); neg: 1 (33%); NSS: +33.3; avg: +0.00"


def test_a_plain_table_repeats_the_group_and_leaves_out_charts_and_empty_cells():
    from rich.table import Table

    from brandpulse.output.terminal import cell, linear

    table = Table(title="Top topics per brand", caption="NSS: net sentiment score")
    for col in ("brand", "topic", "note", "NSS"):
        table.add_column(col)
    table.add_row("Skyway", "[bold]baggage[/]", "", "-60.7")  # (a string cell is rich markup, as rich draws it)
    table.add_row("", cell("[not markup]"), "lost\nbags", "-74.0")  # (grouped: its brand is the one above)
    table.add_row("Aerolux", "delays", "▁▃█", "+3.5")
    assert linear(table).plain.splitlines() == [
        "Top topics per brand: 3 rows",
        "brand: Skyway; topic: baggage; NSS: -60.7",
        "brand: Skyway; topic: [not markup]; note: lost bags; NSS: -74.0",
        "brand: Aerolux; topic: delays; NSS: +3.5",
        "NSS: net sentiment score",
    ]
    sov = Table(title="Share of voice", show_header=False)
    for _ in range(3):
        sov.add_column()
    sov.add_row("Skyway", "37.2%", "████████▌")
    assert linear(sov).plain.splitlines() == ["Share of voice: 1 row", "Skyway; 37.2%"]
