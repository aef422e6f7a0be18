"""Options across commands: list options given twice add up, numbers that mean nothing are usage errors,
`-` only where it is a stream."""

from __future__ import annotations

import datetime
import io
import json

import click
import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from brandpulse import store
from brandpulse.cli import main

TWEETS = str(FIXTURES / "airline_tweets.csv")


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


# -- -q means the same in every command ---------------------------------------------------------------------


def test_every_command_takes_quiet():
    """A cron user adds -q to every line; `evaluate`, `train` and `query test` had none ("No such option")."""
    ctx = click.Context(main)
    commands = {name: main.get_command(ctx, name) for name in main.list_commands(ctx)}
    commands["query test"] = commands.pop("query").commands["test"]
    lacking = [name for name, cmd in commands.items() if not any("-q" in p.opts for p in cmd.params)]
    assert lacking == []


@pytest.fixture
def quiet_runs(own_labels, tmp_path):
    """analyze, evaluate, train and query test on the six labelled posts; the model goes to m.bp."""
    pytest.importorskip("sklearn", reason="train needs brandpulse[ml]")
    mood = ["--label-column", "mood", "--label-map", "good=positive,bad=negative,meh=neutral"]
    return [
        ["evaluate", str(own_labels), *mood, "--sentiment", "cx", "-f", "json"],
        ["train", str(own_labels), *mood, "-o", str(tmp_path / "m.bp"), "--cv", "0"],
        ["query", "test", "flight OR airline", str(own_labels), "-f", "csv"],
        ["analyze", str(own_labels), "--brand", "airline", "-f", "csv"],  # (-q kept its count line)
    ]


def test_quiet_says_nothing_when_all_went_well(quiet_runs):
    for args in quiet_runs:
        loud, quiet = invoke(*args), invoke(*args, "-q")
        assert loud.exit_code == quiet.exit_code == 0, quiet.stderr
        assert loud.stderr != "" and quiet.stderr == "", args  # (loud: the count line, "wrote m.bp: ...")
        assert quiet.stdout == loud.stdout  # the scores and the matches, as without -q


def test_quiet_keeps_the_count_of_rejected_rows(quiet_runs, own_labels):
    with own_labels.open("a") as f:
        f.write("a row,meh,with a field too many\n")  # line 8
    for args in quiet_runs:
        result = invoke(*args, "-q")
        assert result.exit_code == 0, result.stderr
        told = result.stderr.splitlines()
        if args[0] == "train":
            assert told == ["training on 6 labelled posts; 1 row rejected on reading"]
        elif args[0] == "evaluate":
            assert told == [f"{own_labels}: 6 labelled posts; 1 row rejected on reading"]
        elif args[0] == "analyze":
            assert told == [
                "read 7 rows: analyzed 6, duplicates 0, rejected 1, 6 without a time (in no report or alert)"
            ]
        else:
            assert told == [f"{own_labels}: 1 row rejected on reading"]


def test_stdin_is_named_as_its_rejects_name_it(own_labels):
    """`cat labels.csv | brandpulse evaluate -` said "-: 6 labelled posts; 1 row rejected on reading" (and
    `query test -`, with -q, "-: 1 row rejected"), below the reject that named it "<stdin>"."""
    data = own_labels.read_text() + "a row,meh,with a field too many\n"  # line 8
    mood = ["--label-column", "mood", "--label-map", "good=positive,bad=negative,meh=neutral"]
    runner = CliRunner()
    evaluated = runner.invoke(main, ["evaluate", "-", *mood, "--sentiment", "cx", "-f", "json"], input=data)
    assert evaluated.exit_code == 0, evaluated.stderr
    assert evaluated.stderr.splitlines()[-1] == "<stdin>: 6 labelled posts; 1 row rejected on reading"
    assert "rejected <stdin> line 8: expected 2 fields, saw 3" in evaluated.stderr
    queried = runner.invoke(main, ["query", "test", "flight", "-", "-f", "csv", "-q"], input=data)
    assert queried.exit_code == 0, queried.stderr
    assert queried.stderr.splitlines() == ["<stdin>: 1 row rejected on reading"]


def test_every_command_tells_the_columns_it_read(quiet_runs, own_labels):
    """evaluate, train and query test said nothing of the columns they read: of `full_text` and
    `content`, which was the text? They name it as analyze does (and say nothing with -q)."""
    own_labels.write_text(own_labels.read_text().replace("text,mood", "full_text,mood", 1))
    for args in quiet_runs:
        result = invoke(*args)
        assert result.exit_code == 0, result.stderr
        untimed = "; no time column, so its posts are in no report or alert" if args[0] == "analyze" else ""
        assert result.stderr.splitlines()[0] == f"{own_labels}: 6 rows; columns text=full_text{untimed}", args
        assert "full_text" not in invoke(*args, "-q").stderr
    rows = own_labels.read_text().splitlines()[1:]
    own_labels.write_text("text,mood,Text\n" + "".join(f"{row},other\n" for row in rows))
    note = "(columns 'text' and 'Text' are one name: text is read from 'text', --map text=Text for the other)"
    for args in quiet_runs:
        untimed = "; no time column, so its posts are in no report or alert" if args[0] == "analyze" else ""
        assert invoke(*args).stderr.splitlines()[0] == f"{own_labels}: 6 rows {note}{untimed}", args


def test_quiet_keeps_the_warning_that_no_brand_is_configured(own_labels, tmp_path, monkeypatch):
    """`report -q`, `alerts -q` and `queue -q` warn; `analyze -q` said nothing (every post is "(no brand)")."""
    monkeypatch.chdir(tmp_path)  # no ./brandpulse.toml
    monkeypatch.delenv("BRANDPULSE_CONFIG", raising=False)
    result = invoke("analyze", str(own_labels), "-f", "csv", "-q")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "no brands configured: use --config or --brand NAME=TERMS; every post counts as '(no brand)'"
    ]


def test_a_config_without_brands_is_named_in_the_warning(own_labels, tmp_path, monkeypatch):
    """A config file with no [brands.NAME] table (one of [sentiment] settings alone) was
    told "use --config", which the user had just done; the warning names the file and what it lacks."""
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "settings.toml"
    config.write_text("[sentiment]\npositive = 0.1\n")
    result = invoke("analyze", str(own_labels), "-c", str(config), "-f", "csv", "-q")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"no brands configured: {config} has no [brands.NAME] table: add one, or use --brand NAME=TERMS; "
        "every post counts as '(no brand)'"
    ]
    report = invoke("report", str(own_labels), "-c", str(config), "-f", "json", "-q")
    assert report.stderr.startswith(f"no brands configured ({config} has no [brands.NAME] table; or --brand")


def test_ingest_without_brands_says_the_posts_are_stored_naming_none(own_labels, tmp_path, monkeypatch):
    """`ingest` without a config was told what `report` loses ("FILES name no brand, and the store's brands lose
    their order, competitor flags and own handles"), not that the posts it stored name no brand for good."""
    monkeypatch.chdir(tmp_path)  # no ./brandpulse.toml
    monkeypatch.delenv("BRANDPULSE_CONFIG", raising=False)
    result = invoke("ingest", str(own_labels), "--store", str(tmp_path / "s.duckdb"), "-q")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "no brands configured (--config, $BRANDPULSE_CONFIG or ./brandpulse.toml; or --brand NAME=TERMS): the posts"
        " are stored naming no brand, and report, alerts and queue count them for none: ingest them again once"
        " brands are configured"
    ]
    assert store.load_posts(tmp_path / "s.duckdb")["brands"].tolist() == [""] * 6


# -- list options given twice add up ------------------------------------------------------------------


@pytest.fixture
def own_labels(tmp_path):
    """Six posts labelled in words of their own: good, bad, meh."""
    path = tmp_path / "own.csv"
    path.write_text(
        "text,mood\n"
        "I love this airline,good\n"
        "great crew and a great flight,good\n"
        "terrible delay and rude staff,bad\n"
        "lost my bag again awful,bad\n"
        "boarding starts at 6pm,meh\n"
        "the flight lands at noon,meh\n"
    )
    return path


def test_label_map_given_twice_maps_both(own_labels):
    split = ["--label-map", "good=positive", "--label-map", "bad=negative,meh=neutral"]
    result = invoke("evaluate", str(own_labels), "--label-column", "mood", "--sentiment", "cx", "-f", "json", *split)
    assert result.exit_code == 0, result.stderr  # (it said 'good' (2) was not a label: the first map was dropped)
    scores = json.loads(result.stdout)
    assert scores["n_labelled"] == 6
    confusion = scores["analyzers"][0]["confusion"]
    assert confusion["labels"] == ["negative", "neutral", "positive"]
    assert [sum(row) for row in confusion["matrix"]] == [2, 2, 2]  # two gold posts of each


def test_train_label_map_given_twice_maps_both(own_labels, tmp_path):
    pytest.importorskip("sklearn", reason="train needs brandpulse[ml]")
    model = tmp_path / "m.bp"
    split = ["--label-map", "good=positive", "--label-map", "bad=negative,meh=neutral"]
    result = invoke("train", str(own_labels), "--label-column", "mood", "-o", str(model), "--cv", "0", *split)
    assert result.exit_code == 0, result.stderr
    assert "labels negative 2, neutral 2, positive 2" in result.stderr
    assert model.exists()


@pytest.mark.parametrize("option", ["--topics", "--add-topics"])
def test_topics_files_given_twice_add_up(tmp_path, option):
    (tmp_path / "lounge.toml").write_text('[topics.lounge]\nkeywords = ["lounge"]\n')
    (tmp_path / "wifi.toml").write_text('[topics.wifi]\nkeywords = ["wifi"]\n')
    (tmp_path / "p.csv").write_text("text\nthe lounge was full\nno wifi on board\nthe crew was rude\n")
    args = ["analyze", str(tmp_path / "p.csv"), option, str(tmp_path / "lounge.toml"), option]
    result = invoke(*args, str(tmp_path / "wifi.toml"), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    cells = pd.read_csv(io.StringIO(result.stdout))["topics"]
    topics = [set(cell.split(";")) if isinstance(cell, str) else set() for cell in cells]
    assert "lounge" in topics[0] and "wifi" in topics[1]  # (only the last file's topics were tagged)
    # --topics replaces the built-in taxonomy, whose staff rules tag the rude crew; --add-topics keeps it
    assert topics[2] == (set() if option == "--topics" else {"staff"})


# -- numbers and dates pandas cannot hold ------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["alerts", "--window", "100000000000"], "--window 100000000000: the days before 2026-10-26 would start"),
        (["report", "--baseline", "100000000"], "the comparison and --baseline 100000000 periods before 2026-10-26"),
    ],
)
def test_a_window_reaching_before_the_year_1678_is_a_usage_error(args, message):
    """They ended in `OverflowError: Overflow in int64 multiplication`, exit 1."""
    result = invoke(*args, TWEETS, "--until", "2026-11-02")
    assert result.exit_code == 2, result.stderr
    assert result.stderr.splitlines()[-1].startswith(f"brandpulse: error: {message}")
    assert "Traceback" not in result.stderr and "Overflow" not in result.stderr


def test_a_window_from_now_reaching_before_the_year_1678_is_a_usage_error():
    """Without --until the window's start (now, in microseconds) did not overflow on pandas 3, and reading
    the posts failed with `since Timestamp('1479-...'): expected a date between ...`, exit 5."""
    result = invoke("alerts", TWEETS, "--window", "200000")
    assert result.exit_code == 2, result.stderr
    assert result.stderr.splitlines()[-1].startswith("brandpulse: error: --window 200000: the days before ")
    assert "would start before the year 1678" in result.stderr


def test_a_report_period_of_centuries_is_one_line():
    """A period longer than 292 years overflowed the time series' arithmetic (exit 1); a shorter one whose
    baseline reaches before 1678 was not caught on pandas 3, whose times hold any year."""
    long = invoke("report", TWEETS, "--since", "1680-01-01", "--until", "2027-01-01")
    assert long.exit_code == 5, long.stderr
    assert long.stderr.splitlines()[-1] == (
        "brandpulse: error: --since 1680-01-01 .. --until 2027-01-01: a period is at most 100 years"
    )
    early = invoke("report", TWEETS, "--since", "1680-01-01", "--until", "1690-01-01")  # (compare: 1670)
    assert early.exit_code == 2, early.stderr
    assert "would start before the year 1678" in early.stderr.splitlines()[-1]


def test_a_date_word_not_taken_names_the_words_that_are():
    """`--until tomorrow` said "expected a date like 2026-11-09 or 2026-11-09T12:00": not that `now` and `today`
    are read too (nor, since stop 42, `yesterday` and the times back from now)."""
    result = invoke("report", TWEETS, "--until", "tomorrow")
    assert result.exit_code == 5, result.stderr
    assert result.stderr.splitlines()[-1] == (
        "brandpulse: error: --until 'tomorrow': expected a date like 2026-11-09 or 2026-11-09T12:00,"
        " one of: now, today, yesterday, or a time back from now as 24h, 7d or '2 days ago'"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["report", TWEETS, "--since", "0001-01-01"],
        ["alerts", TWEETS, "--until", "9999-12-31"],
        ["queue", TWEETS, "--now", "3000-01-01"],
        ["fetch", "hackernews", "acme", "--api-base", "http://127.0.0.1:9", "--until", "3000-01-01"],
    ],
    ids=lambda a: a[0],
)
def test_a_date_pandas_cannot_hold_is_one_line(args):
    """Each ended in OutOfBoundsDatetime, OverflowError or NotImplementedError (strftime), exit 1."""
    result = invoke(*args)
    assert result.exit_code == 5, result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"brandpulse: error: {args[-2]} '{args[-1]}': expected a date between the years 1678 and 2261"
    )


@pytest.mark.parametrize("jobs", ["9", "99999999999999999999999"])
def test_more_jobs_than_4_per_core_is_a_usage_error(monkeypatch, jobs):
    """A worker process each: 10**23 was an OverflowError (exit 1); 100,000 forked until the system refused."""
    monkeypatch.setattr("brandpulse.engines.chunked.cores", lambda: 2)
    result = invoke("analyze", TWEETS, "--jobs", jobs, "-f", "csv")
    assert result.exit_code == 2, result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"brandpulse: error: --jobs {jobs}: this process may use 2 CPU cores; give at most 4 per core"
    )
    assert result.stdout == ""
    assert invoke("analyze", TWEETS, "--jobs", "8", "-f", "csv").exit_code == 0


# -- `-` is stdout only where stdout is free ---------------------------------------------------------


def test_predictions_to_stdout_only_when_the_scores_go_to_a_file(own_labels, tmp_path):
    args = ["evaluate", str(own_labels), "--label-column", "mood", "--sentiment", "cx"]
    args += ["--label-map", "good=positive,bad=negative,meh=neutral", "--predictions", "-"]
    mixed = invoke(*args)  # (the predictions CSV, then the score tables, on the same stdout)
    assert mixed.exit_code == 2
    assert mixed.stdout == ""
    assert mixed.stderr.splitlines()[-1] == (
        "brandpulse: error: --predictions -: stdout carries the scores; write the predictions to a file, "
        "or the scores with -o"
    )
    # stdout by another name: the same (`-o /dev/stdout --predictions -` interleaved them)
    for other in (["-o", "/dev/stdout"], ["-o", "/dev/fd/1"]):
        named = invoke(*args, *other)
        assert (named.exit_code, named.stdout) == (2, "")
        assert named.stderr.splitlines()[-1] == (
            f"brandpulse: error: --predictions -: stdout carries the scores (-o {other[1]}); write the predictions "
            "to a file, or the scores with -o"
        )
    apart = invoke(*args, "-o", str(tmp_path / "scores.json"))
    assert apart.exit_code == 0, apart.stderr
    predictions = pd.read_csv(io.StringIO(apart.stdout))
    assert predictions.columns.tolist() == ["text", "gold", "cx_polarity", "cx_label"]
    assert predictions["gold"].tolist() == ["positive", "positive", "negative", "negative", "neutral", "neutral"]
    assert json.loads((tmp_path / "scores.json").read_text())["n_labelled"] == 6


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ingest", TWEETS, "--store", "-"], "--store needs a file, not - (the store is a database)"),
        (["report", "--store", "-"], "--store needs a file, not - (the store is a database)"),
        (["fetch", "hackernews", "acme", "--api-base", "http://127.0.0.1:9", "--store", "-"], "--store needs a file"),
        (
            ["alerts", TWEETS, "--state", "-"],
            "--state needs a file, not - (it is read and written again on the next run)",
        ),
    ],
    ids=lambda a: a[0] if isinstance(a, list) else "",
)
def test_a_store_or_state_file_named_dash_is_a_usage_error(tmp_path, args, message):
    """`ingest --store -` made a DuckDB file named "-" in the current folder."""
    result = invoke(*args)
    assert result.exit_code == 2, result.stderr
    assert result.stderr.splitlines()[-1].startswith(f"brandpulse: error: {message}")
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["analyze", TWEETS, "-f", "csv", "--rejects", ""], "'--rejects'"),  # (kept no rejects, without a word)
        (["analyze", TWEETS, "-f", "csv", "--summary-csv", ""], "'--summary-csv'"),  # (wrote no summary)
        (["analyze", TWEETS, "-o", ""], "'-o' / '--output'"),  # (".: Is a directory", exit 1)
        (["analyze", TWEETS, "-f", "csv", "-c", ""], "'-c' / '--config'"),  # (./brandpulse.toml, or none)
        (["ingest", TWEETS, "--store", ""], "'--store'"),  # (./brandpulse.duckdb)
        (["report", "--store", ""], "'--store'"),
        (["alerts", TWEETS, "--state", ""], "'--state'"),
        (["evaluate", TWEETS, "--label-column", "airline_sentiment", "--predictions", ""], "'--predictions'"),
        (["train", TWEETS, "--label-column", "airline_sentiment", "-o", ""], "'-o' / '--output'"),
        (["query", "test", "delta", TWEETS, "-o", ""], "'-o' / '--output'"),
    ],
    ids=lambda a: "-".join(a[:1] + a[-2:-1]) if isinstance(a, list) else "",
)
def test_a_file_option_left_empty_is_a_usage_error(tmp_path, monkeypatch, args, option):
    """`--rejects "$REJECTS"` (`-o "$OUT"`, `--store "$STORE"`) with the variable not set in cron's environment was
    taken as the option left out, or as a file named "": the rejects were kept nowhere, the default store written."""
    monkeypatch.chdir(tmp_path)
    result = invoke(*args)
    assert result.exit_code == 2, result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for {option}: it is empty (a variable not set?): give a file name, or leave the option"
        " out"
    )
    assert list(tmp_path.iterdir()) == []  # no default store, output or state file made


# -- an output naming the store -----------------------------------------------------------------------


@pytest.fixture
def kept(tmp_path):
    """A store named `hist` (no extension: --rejects and -o take it for CSV or Markdown) with one post."""
    (tmp_path / "p.csv").write_text("text,created_at\nhello delta,2026-11-03\nbad date,notadate\n")
    store = tmp_path / "hist"
    assert invoke("ingest", str(tmp_path / "p.csv"), "--store", str(store)).exit_code == 0
    return store


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ingest", "p.csv", "--rejects", "{store}"], "--store and --rejects are the same file"),
        (["report", "--since", "2026-11-02", "-o", "{store}"], "--output {store} is also an input file"),
        (["queue", "-f", "csv", "-o", "{store}"], "--output {store} is also an input file"),
        (
            ["fetch", "hackernews", "acme", "--api-base", "http://127.0.0.1:9", "-f", "csv", "-o", "{store}"],
            "--output and --store are the same file",
        ),
    ],
    ids=lambda a: a[0] if isinstance(a, list) else "",
)
def test_an_output_naming_the_store_is_a_usage_error(kept, args, message):
    """`ingest --store hist --rejects hist` wrote the rejects CSV over the store: every post lost."""
    before = kept.read_bytes()
    result = invoke(*(a.format(store=kept) for a in args), "--store", str(kept))
    assert result.exit_code == 2, result.stderr
    assert message.format(store=kept) in result.stderr.splitlines()[-1]
    assert kept.read_bytes() == before
    assert invoke("report", "--store", str(kept), "--since", "2026-11-02", "-f", "json").exit_code == 0


def test_alerts_state_and_rejects_naming_one_file_is_a_usage_error(tmp_path):
    """`alerts FILES --state s.json --rejects s.json` wrote the rejects over the sent alerts' record."""
    (tmp_path / "p.csv").write_text("text,created_at\nhello delta,2026-11-03\nbad date,notadate\n")
    state = tmp_path / "s.json"
    state.write_text('{"sent": {}}')
    result = invoke("alerts", str(tmp_path / "p.csv"), "--state", str(state), "--rejects", str(state))
    assert result.exit_code == 2, result.stderr
    assert result.stderr.splitlines()[-1] == f"brandpulse: error: --state and --rejects are the same file {state}"
    assert state.read_text() == '{"sent": {}}'


# -- --raw-csv and --excel apply to every CSV a command writes ------------------------------------------


@pytest.mark.parametrize(
    "command",
    [["query", "test", "delta"], ["report", "--since", "2026-11-02", "-f", "json"], ["queue", "-f", "json"]],
    ids=lambda c: c[0],
)
def test_raw_csv_and_excel_apply_to_the_rejects_csv(tmp_path, command):
    """They applied to the matches, tables and rows, not to the rejects CSV, as they do in analyze and fetch."""
    (tmp_path / "p.csv").write_text("text,created_at\nhello delta,2026-11-03\n=1+1,notadate\n")
    args = [*command, "p.csv"]  # (the current folder: tmp_path)
    records = {}
    for flag in ("--raw-csv", "--excel"):
        result = invoke(*args, "--rejects", str(tmp_path / "r.csv"), flag)
        assert result.exit_code == 0, result.stderr
        records[flag] = (tmp_path / "r.csv").read_bytes()
    assert records["--raw-csv"].splitlines()[1] == b"p.csv,line 3,bad created_at 'notadate',\"=1+1,notadate\""
    assert records["--excel"].startswith(b"\xef\xbb\xbfsource,position,reason,record\r\n")
    assert b"'=1+1,notadate" in records["--excel"]  # (guarded, as every CSV without --raw-csv)


def test_the_help_of_raw_csv_and_excel_says_what_they_change(tmp_path):
    """--excel's help said "UTF-8 with BOM and CRLF" but not that times change (2026-10-13 05:40:00, which Excel
    reads as a date); --raw-csv's said formulas but not the long ids it leaves unwrapped. Each help now names
    what the flag does to the cells, checked here against what it writes."""
    (tmp_path / "p.csv").write_text("post_id,text,created_at\n570306133677760513,=1+1 delta,2026-10-13T05:40:00Z\n")
    cells = {}
    for flag in ("--raw-csv", "--excel"):
        result = invoke("analyze", str(tmp_path / "p.csv"), "-f", "csv", "-q", flag)
        assert result.exit_code == 0, result.stderr
        cells[flag] = pd.read_csv(io.StringIO(result.stdout.lstrip("\ufeff")), dtype=str).iloc[0]
    assert cells["--raw-csv"][["post_id", "text"]].tolist() == ["570306133677760513", "=1+1 delta"]
    assert cells["--excel"][["post_id", "created_at"]].tolist() == ['="570306133677760513"', "2026-10-13 05:40:00"]
    shown = " ".join(invoke("analyze", "--help").stdout.split())
    assert 'no \' before = + - @ (or a tab, CR), no ="..." around ids over 15 digits' in shown
    assert "times as 2026-10-13 05:40:00 (UTC)" in shown


# -- --decimal-comma and the config's [output]: CSV for spreadsheets set to a decimal comma ------------------------

#: two posts of Acme (their scores decimals), one row rejected (its cell a formula)
EU_POSTS = (
    "id,created_at,text\n"
    '1,2026-12-03T10:00:00Z,"Acme lost my bag; awful, really"\n'
    "2,2026-12-03T11:00:00Z,Acme crew was great\n"
    "3,notadate,=1+1 Acme\n"
)


def _csv_outputs(tmp_path) -> dict[str, tuple[list[str], list[str]]]:
    """Each command that writes CSV: (its arguments, the CSV files it writes)."""
    p, r = str(tmp_path / "p.csv"), str(tmp_path / "r.csv")
    rows, summary, table = (str(tmp_path / n) for n in ("rows.csv", "summary.csv", "table.csv"))
    return {
        "analyze": (["analyze", p, "-o", rows, "--summary-csv", summary, "--rejects", r], [rows, summary, r]),
        "report": (
            ["report", p, "--since", "2026-12-01", "--table", "brands", "-o", table, "--rejects", r],
            [table, r],
        ),
        "queue": (["queue", p, "--now", "2026-12-04", "-o", table, "--rejects", r], [table, r]),
        "query test": (["query", "test", "Acme", p, "-f", "csv", "-o", table, "--rejects", r], [table, r]),
    }


@pytest.mark.parametrize("command", ["analyze", "report", "queue", "query test"])
def test_decimal_comma_or_the_configs_output_setting_writes_every_csv_for_decimal_comma_spreadsheets(tmp_path, command):
    """A German or French analyst opening our CSV saw every row in one column, `0.7910` as text: their spreadsheet
    splits at `;` and reads `0,7910`. --decimal-comma writes every CSV of the command so (rows, summary, tables,
    rejects), and so does the config's `[output] decimal_comma = true`; --no-decimal-comma, or no setting, the file
    as before."""
    (tmp_path / "p.csv").write_text(EU_POSTS)
    (tmp_path / "plain.toml").write_text(ACME)
    (tmp_path / "eu.toml").write_text(ACME + "\n[output]\ndecimal_comma = true\n")
    args, files = _csv_outputs(tmp_path)[command]

    def written(*more: str) -> list[bytes]:
        result = invoke(*args, *more)
        assert result.exit_code == 0, result.stderr
        return [open(f, "rb").read() for f in files]

    plain = written("-c", str(tmp_path / "plain.toml"))
    eu = written("-c", str(tmp_path / "plain.toml"), "--decimal-comma")
    assert written("-c", str(tmp_path / "eu.toml")) == eu
    assert written("-c", str(tmp_path / "eu.toml"), "--no-decimal-comma") == plain
    for before, after in zip(plain, eu, strict=True):
        frame = pd.read_csv(io.BytesIO(before), dtype=str, keep_default_na=False)
        assert b";" not in before.splitlines()[0] and len(frame.columns) > 2
        # the same cells, now split at `;`, each decimal with a comma (read by pandas as such spreadsheets read it)
        again = pd.read_csv(io.BytesIO(after), sep=";", dtype=str, keep_default_na=False)
        assert again.columns.tolist() == frame.columns.tolist()
        assert again.to_numpy().tolist() == frame.replace(r"^(-?\d+)\.(\d+)$", r"\1,\2", regex=True).to_numpy().tolist()
    decimals = pd.read_csv(io.BytesIO(eu[0]), sep=";", dtype=str).stack().str.fullmatch(r"-?\d+,\d+")
    assert decimals.sum() >= (0 if command == "query test" else 2)  # (scores, shares; the matches have none)
    rejects = pd.read_csv(io.BytesIO(eu[-1]), sep=";", dtype=str)  # (its record as the line of its file)
    assert rejects.iloc[0].tolist() == [
        str(tmp_path / "p.csv"),
        "line 4",
        "bad created_at 'notadate'",
        "3,notadate,=1+1 Acme",
    ]


def test_decimal_comma_rows_read_back_as_the_same_posts(tmp_path):
    """brandpulse's reader finds the `;` (and the BOM of --excel) itself: a file written with --decimal-comma, read
    again, gives the rows of the original file; in worker processes (--jobs 2) it is written the same."""
    args = [TWEETS, "-c", str(FIXTURES / "airlines.toml"), "-q"]
    result = invoke("analyze", *args, "-o", str(tmp_path / "plain.csv"))
    assert result.exit_code == 0, result.stderr
    for extra in (["--decimal-comma"], ["--decimal-comma", "--excel"]):
        eu = tmp_path / "eu.csv"
        assert invoke("analyze", *args, "-o", str(eu), *extra).exit_code == 0
        assert eu.read_bytes().split(b"\n", 1)[0].rstrip(b"\r").lstrip("\ufeff".encode()) == (
            b"post_id;platform;created_at;author;author_followers;text;url;lang;likes;reposts;replies;parent_id;rating;brands;"
            b"sentiment;subjectivity;sentiment_label;topics;intent;brand_sentiments;intents"
        )
        back = invoke("analyze", str(eu), "-c", str(FIXTURES / "airlines.toml"), "-o", str(tmp_path / "back.csv"))
        assert back.exit_code == 0, back.stderr
        assert "delimiter ';'" in back.stderr
        assert (tmp_path / "back.csv").read_bytes() == (tmp_path / "plain.csv").read_bytes()
        jobs = invoke("analyze", *args, "-o", str(tmp_path / "jobs.csv"), "--jobs", "2", "--chunksize", "4", *extra)
        assert jobs.exit_code == 0, jobs.stderr
        assert (tmp_path / "jobs.csv").read_bytes() == eu.read_bytes()


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ('[output]\ndecimal_comma = "yes"\n', "[output] decimal_comma must be true or false"),
        ("[output]\nexcel = 1\n", "[output] excel must be true or false"),
        ('[output]\ndelimiter = ";"\n', "[output]: unknown key 'delimiter' (known: excel, decimal_comma, redact)"),
    ],
)
def test_a_bad_output_section_is_a_config_error_naming_the_file(tmp_path, section, message):
    (tmp_path / "p.csv").write_text(EU_POSTS)
    cfg = tmp_path / "eu.toml"
    cfg.write_text(section + ACME)
    result = invoke("analyze", str(tmp_path / "p.csv"), "-c", str(cfg), "-f", "csv")
    assert result.exit_code == 5, result.stderr
    assert result.stderr.splitlines()[-1] == f"brandpulse: error: {cfg}: {message}"


def test_the_configs_excel_setting_writes_what_excel_writes(tmp_path):
    """A team whose analysts open the files in Excel sets `[output] excel = true` once; --no-excel turns it off."""
    (tmp_path / "p.csv").write_text(EU_POSTS)
    (tmp_path / "plain.toml").write_text(ACME)
    (tmp_path / "x.toml").write_text(ACME + "\n[output]\nexcel = true\n")
    out = {}
    for name, more in (
        ("flag", ["-c", str(tmp_path / "plain.toml"), "--excel"]),
        ("config", ["-c", str(tmp_path / "x.toml")]),
    ):
        result = invoke("analyze", str(tmp_path / "p.csv"), "-q", "-o", str(tmp_path / f"{name}.csv"), *more)
        assert result.exit_code == 0, result.stderr
        out[name] = (tmp_path / f"{name}.csv").read_bytes()
    assert out["config"] == out["flag"] and out["flag"].startswith("\ufeffpost_id,".encode())
    result = invoke("analyze", str(tmp_path / "p.csv"), "-c", str(tmp_path / "x.toml"), "--no-excel", "-f", "csv")
    assert result.stdout.startswith("post_id,") and "\r\n" not in result.stdout


#: labelled posts, the third without a text (rejected by every command); its record holds commas, no `;`
LABELLED = (
    "id,created_at,text,label\n"
    "1,2026-12-03T10:00:00Z,Acme lost my bag,negative\n"
    "2,2026-12-03T11:00:00Z,Acme crew was great,positive\n"
    "3,2026-12-03T12:00:00Z,,positive\n"
    "4,2026-12-03T13:00:00Z,Acme flight was fine,neutral\n"
)


@pytest.mark.parametrize("command", ["analyze", "ingest", "alerts", "evaluate", "train"])
def test_every_commands_rejects_file_is_written_as_the_configs_output_says(tmp_path, command):
    """`[output] excel = true` and `decimal_comma = true` wrote `analyze`'s rejects for a German Excel, but those of
    `ingest`, `alerts`, `evaluate` and `train` as plain CSV: one column a row there, beside the command's other files.
    Every command's rejects file now follows the config."""
    if command == "train":
        pytest.importorskip("sklearn", reason="train needs brandpulse[ml]")
    posts, rejects = tmp_path / "p.csv", tmp_path / "r.csv"
    posts.write_text(LABELLED)
    (tmp_path / "plain.toml").write_text(ACME)
    (tmp_path / "eu.toml").write_text(ACME + "\n[output]\nexcel = true\ndecimal_comma = true\n")
    label = ["--label-column", "label"]
    args = {
        "analyze": ["analyze", str(posts), "-f", "csv"],
        "ingest": ["ingest", str(posts), "--store", str(tmp_path / "s.duckdb")],
        "alerts": ["alerts", str(posts), "--dry-run"],
        "evaluate": ["evaluate", str(posts), *label, "--sentiment", "cx", "-f", "json"],
        "train": ["train", str(posts), *label, "-o", str(tmp_path / "m.bp"), "--cv", "0"],
    }[command]

    def rejected(config: str) -> bytes:
        (tmp_path / "s.duckdb").unlink(missing_ok=True)
        result = invoke(*args, "-q", "-c", str(tmp_path / config), "--rejects", str(rejects))
        assert result.exit_code in (0, 3), result.stderr  # (alerts: 3 when one fired)
        return rejects.read_bytes()

    record = "3,2026-12-03T12:00:00Z,,positive"
    assert rejected("plain.toml") == f'source,position,reason,record\n{posts},line 4,empty text,"{record}"\n'.encode()
    # (a BOM, `;` between cells and CRLF, as --excel --decimal-comma write them; the record's commas need no quotes)
    eu = f"\ufeffsource;position;reason;record\r\n{posts};line 4;empty text;{record}\r\n"
    assert rejected("eu.toml") == eu.encode()


def test_evaluates_csv_files_are_written_as_the_configs_output_says(tmp_path):
    """`evaluate`'s predictions and scores CSV ignored `[output]` too, while its rejects beside them follow it now."""
    posts = tmp_path / "p.csv"
    posts.write_text(LABELLED)
    (tmp_path / "eu.toml").write_text(ACME + "\n[output]\nexcel = true\ndecimal_comma = true\n")
    predictions, scores = tmp_path / "pred.csv", tmp_path / "scores.csv"
    args = [
        "evaluate",
        str(posts),
        "--label-column",
        "label",
        "--sentiment",
        "cx",
        "-q",
        "-c",
        str(tmp_path / "eu.toml"),
    ]
    result = invoke(*args, "-o", str(scores), "--predictions", str(predictions))
    assert result.exit_code == 0, result.stderr
    pred = predictions.read_bytes().decode("utf-8")
    assert pred.startswith("\ufefftext;gold;cx_polarity;cx_label\r\n") and pred.count("\r\n") == 4
    frame = pd.read_csv(predictions, sep=";", decimal=",", encoding="utf-8-sig")
    assert frame["gold"].tolist() == ["negative", "positive", "neutral"]
    assert frame["cx_polarity"].dtype == float and frame["cx_polarity"].iloc[0] < 0  # ("lost my bag": a comma decimal)
    table = scores.read_bytes().decode("utf-8")
    assert table.startswith("\ufeffanalyzer;n;accuracy;macro_f1;") and pd.read_csv(scores, sep=";").loc[0, "n"] == 3


def test_every_command_writing_csv_takes_the_spreadsheet_options():
    """`ingest`, `alerts`, `evaluate` and `train` write CSV too (their rejects; evaluate's scores and predictions),
    but only `[output]` set it: `--excel`, `--decimal-comma` and `--raw-csv` were "No such option" there."""
    ctx = click.Context(main)
    commands = {name: main.get_command(ctx, name) for name in main.list_commands(ctx)}
    commands["query test"] = commands.pop("query").commands["test"]
    writing = sorted(name for name, cmd in commands.items() if any("--rejects" in p.opts for p in cmd.params))
    assert writing == ["alerts", "analyze", "evaluate", "fetch", "ingest", "query test", "queue", "report", "train"]
    flags = {"--raw-csv", "--excel", "--no-excel", "--decimal-comma", "--no-decimal-comma"}
    lacking = [n for n in writing if not flags <= {o for p in commands[n].params for o in p.opts + p.secondary_opts}]
    assert lacking == []


@pytest.mark.parametrize("command", ["ingest", "alerts", "evaluate", "train"])
def test_the_spreadsheet_options_set_every_commands_rejects_file(tmp_path, command):
    """The options override the config as `analyze`'s do, and the formula guard holds unless --raw-csv: a rejected
    record starting with `=` is written `'=`."""
    if command == "train":
        pytest.importorskip("sklearn", reason="train needs brandpulse[ml]")
    posts, rejects = tmp_path / "p.csv", tmp_path / "r.csv"
    posts.write_text(LABELLED.replace("\n3,", "\n=1+1,"))
    (tmp_path / "plain.toml").write_text(ACME)
    (tmp_path / "eu.toml").write_text(ACME + "\n[output]\nexcel = true\ndecimal_comma = true\n")
    label = ["--label-column", "label"]
    args = {
        "ingest": ["ingest", str(posts), "--store", str(tmp_path / "s.duckdb")],
        "alerts": ["alerts", str(posts), "--dry-run"],
        "evaluate": ["evaluate", str(posts), *label, "--sentiment", "cx", "-f", "json"],
        "train": ["train", str(posts), *label, "-o", str(tmp_path / "m.bp"), "--cv", "0"],
    }[command]

    def rejected(config: str, *more: str) -> str:
        (tmp_path / "s.duckdb").unlink(missing_ok=True)
        result = invoke(*args, "-q", "-c", str(tmp_path / config), "--rejects", str(rejects), *more)
        assert result.exit_code in (0, 3), result.output  # (alerts: 3 when one fired)
        return rejects.read_bytes().decode("utf-8")

    record = "=1+1,2026-12-03T12:00:00Z,,positive"
    head = "source,position,reason,record\n"
    assert rejected("plain.toml") == f'{head}{posts},line 4,empty text,"\'{record}"\n'
    eu = f"\ufeffsource;position;reason;record\r\n{posts};line 4;empty text;'{record}\r\n"
    assert rejected("plain.toml", "--excel", "--decimal-comma") == eu
    assert rejected("eu.toml", "--no-excel", "--no-decimal-comma") == rejected("plain.toml")
    assert rejected("plain.toml", "--raw-csv") == f'{head}{posts},line 4,empty text,"{record}"\n'


# -- environment ------------------------------------------------------------------------------------


def test_a_home_folder_in_brandpulse_config_and_store_is_expanded(tmp_path, monkeypatch):
    """Cron does not expand `~` in `BRANDPULSE_CONFIG=~/brandpulse.toml`: "no such config file", as --config
    from Python and the config's `store = "~/..."` do expand it."""
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "b.toml").write_text('[brands.Delta]\nterms = ["delta"]\n')
    monkeypatch.setenv("BRANDPULSE_CONFIG", "~/b.toml")
    monkeypatch.setenv("BRANDPULSE_STORE", "~/h.duckdb")
    (tmp_path / "p.csv").write_text("text,created_at\nhello delta,2026-11-03\n")
    result = invoke("ingest", str(tmp_path / "p.csv"))
    assert result.exit_code == 0, result.stderr
    assert f"{tmp_path / 'h.duckdb'}: inserted 1" in result.stderr
    assert "no brands configured" not in result.stderr
    assert not (tmp_path / "~").exists()


def test_a_missing_config_named_by_the_environment_says_so(tmp_path, monkeypatch):
    """A $BRANDPULSE_CONFIG set long ago (a shell profile, a crontab) naming a file moved since: "no such config
    file" on a command given no -c left the user looking for the option they had not given."""
    monkeypatch.setenv("BRANDPULSE_CONFIG", str(tmp_path / "old.toml"))
    result = invoke("analyze", TWEETS, "-f", "csv")
    assert result.exit_code == 5
    assert (
        result.stderr
        == f"brandpulse: error: {tmp_path / 'old.toml'}: no such config file ($BRANDPULSE_CONFIG names it)\n"
    )
    result = invoke("analyze", TWEETS, "-f", "csv", "-c", str(tmp_path / "new.toml"))  # (-c wins: not the variable)
    assert result.stderr == f"brandpulse: error: {tmp_path / 'new.toml'}: no such config file\n"


def test_a_config_that_is_a_folder_is_a_config_error_however_it_is_named(tmp_path, monkeypatch):
    """A container's config volume mounted as a folder where the file should be: `-c /etc/brandpulse` was a usage
    error (exit 2, click's "File ... is a directory"), the same folder in $BRANDPULSE_CONFIG a config error (exit 5,
    "cannot read: Is a directory"): a monitor keyed on the README's codes saw two kinds of fault. Both are exit 5."""
    folder = tmp_path / "brandpulse"
    folder.mkdir()
    result = invoke("analyze", TWEETS, "-f", "csv", "-c", str(folder))
    assert (result.exit_code, result.stdout) == (5, "")
    assert result.stderr == f"brandpulse: error: {folder}: a folder, not a config file: give the file in it\n"
    monkeypatch.setenv("BRANDPULSE_CONFIG", str(folder))
    result = invoke("report", "--store", str(tmp_path / "h.duckdb"))
    assert (result.exit_code, result.stdout) == (5, "")
    assert result.stderr == (
        f"brandpulse: error: {folder}: a folder, not a config file ($BRANDPULSE_CONFIG names it): give the file in it\n"
    )


def test_brandpulse_store_set_for_another_client_is_told_when_the_config_names_its_own(tmp_path, monkeypatch):
    """An agency analyst with $BRANDPULSE_STORE left set for client A ran `ingest` and `report -c` with client B's
    config, which names B's store: A's store was written and reported on without a word (B's report showed A's
    brand). The environment still wins, as documented, but a warning (also with -q) names both stores."""
    for client, brand in (("a", "Acme"), ("b", "Bolt")):
        (tmp_path / client).mkdir()
        (tmp_path / client / "b.toml").write_text(f'store = "{client}.duckdb"\n[brands.{brand}]\nterms = ["{brand}"]\n')
        (tmp_path / client / "p.csv").write_text(f"text,created_at\n{brand} is great,2026-11-03\n")
    assert invoke("ingest", "a/p.csv", "-c", "a/b.toml", "-q").exit_code == 0
    monkeypatch.setenv("BRANDPULSE_STORE", str(tmp_path / "a" / "a.duckdb"))
    warning = (
        f"warning: $BRANDPULSE_STORE ({tmp_path / 'a' / 'a.duckdb'}) is used, not the store b/b.toml names"
        " (b/b.duckdb): --store FILE says which, or unset BRANDPULSE_STORE"
    )
    result = invoke("report", "-c", "b/b.toml", "--until", "2026-11-09", "--table", "brands", "-q")
    assert result.exit_code == 0, result.stderr
    assert " ".join(result.stderr.split()) == warning
    # the environment's store, as documented (now said): A's post, read with B's brands, is none of B's
    assert "(all posts),false,1," in result.stdout and "(no brand),false,1," in result.stdout
    result = invoke("ingest", "b/p.csv", "-c", "b/b.toml", "-q")
    assert " ".join(result.stderr.split()) == warning
    # the same store named both ways, or --store given: nothing to tell
    monkeypatch.setenv("BRANDPULSE_STORE", "b/b.duckdb")
    result = invoke("ingest", "b/p.csv", "-c", "b/b.toml", "-q")
    assert result.exit_code == 0 and result.stderr == "", result.stderr
    result = invoke("report", "-c", "b/b.toml", "--until", "2026-11-09", "--table", "brands", "-q")
    assert result.exit_code == 0 and result.stderr == "", result.stderr
    assert "Bolt" in result.stdout and "Acme" not in result.stdout
    result = invoke("report", "-c", "a/b.toml", "--store", "a/a.duckdb", "--until", "2026-11-09", "--table", "brands")
    assert "warning" not in result.stderr


# -- options that apply only with another one ---------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["analyze", TWEETS, "--scheduler", "tcp://127.0.0.1:9"],
            "--scheduler is the Dask scheduler: add --engine dask",
        ),
        (["analyze", TWEETS, "--engine", "dask", "--jobs", "2"], "--chunksize and --jobs are for --engine pandas"),
        (["analyze", TWEETS, "--engine", "dask", "--chunksize", "5"], "--chunksize and --jobs are for --engine pandas"),
        (["report", TWEETS, "--table", "brands", "-f", "md"], "--table brands is written as CSV or JSON: add -f csv"),
        (
            ["report", TWEETS, "--table", "brands", "-o", "brands.md"],
            "--table brands is written as CSV or JSON: add -f csv",
        ),
    ],
    ids=lambda a: " ".join(a[2:]) if isinstance(a, list) else "",
)
def test_an_option_its_companion_does_not_accompany_is_a_usage_error(args, message):
    """Each was ignored without a word: the run stayed on this machine, or the whole report was written."""
    result = invoke(*args, "--until", "2015-03-01") if args[0] == "report" else invoke(*args, "-f", "csv")
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1].startswith(f"brandpulse: error: {message}")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["alerts", "--state", "s.json"], "--state is for FILES: alerts from the store are remembered in the store"),
        (
            ["fetch", "hackernews", "acme", "--api-base", "http://127.0.0.1:9", "--sentiment", "vader"],
            "--sentiment analyzes the posts for --store: add --store, or drop --sentiment",
        ),
        (
            ["fetch", "hackernews", "acme", "--api-base", "http://127.0.0.1:9", "--wait", "300"],
            "--wait is for the store's lock: add --store, or drop --wait",
        ),
        *(
            ([command, TWEETS, "--store", "s.duckdb"], "--store is not read with FILES, which are analyzed instead")
            for command in ("report", "alerts", "queue")
        ),
        *(
            ([command, TWEETS, "--wait", "60"], "--wait is for the store's lock, and FILES are read instead")
            for command in ("report", "queue")
        ),
        (["alerts", TWEETS, "--dry-run", "--wait", "60"], "--wait is for the --state file's lock, which --dry-run"),
        *(  # (how FILES are read: with the store's posts, read by ingest, each was ignored, exit 0)
            ([command, "--store", "s.duckdb", "--map", "text=body"], "--map is for FILES, and the store's posts were")
            for command in ("report", "alerts", "queue")
        ),
        (
            ["report", "--input-format", "json", "--date-order", "dmy", "--rejects", "r.csv"],
            "--input-format, --date-order and --rejects are for FILES, and the store's posts were read by `ingest`: "
            "give FILES, or drop them",
        ),
        (["queue", "--input-tz", "Europe/Madrid"], "--input-tz is for FILES"),
        (["alerts", "--sentiment", "vader"], "--sentiment is for FILES"),
    ],
    ids=lambda a: a[0] if isinstance(a, list) else "",
)
def test_an_option_for_another_source_is_a_usage_error(args, message):
    """Ignored before: alerts from the store kept no --state file, fetch wrote its rows unanalyzed (or did not
    wait for a store it had not), report, alerts and queue read FILES and no store. The error comes first and
    alone: "no brands configured" (no config here) came before it."""
    result = invoke(*args)
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"brandpulse: error: {message}")


# -- the config's [input] settings, read by every command that reads files -------------------------------------

#: a day-first export whose one date (5 December) shows no order
DAY_FIRST = "id,date,text\n1,05/12/2026,Acme again\n"
ACME = '[brands.Acme]\nterms = ["Acme"]\n'


def _reading_commands(tmp_path) -> dict[str, list[str]]:
    """Each command that reads FILES, on eu.csv with --rejects r.csv."""
    eu, rejects = str(tmp_path / "eu.csv"), ["--rejects", str(tmp_path / "r.csv")]
    return {
        "analyze": ["analyze", eu, "-f", "csv", *rejects],
        "ingest": ["ingest", eu, "--store", str(tmp_path / "s.duckdb"), *rejects],
        "report": ["report", eu, "--since", "2026-12-01", "--until", "2026-12-08", "-f", "md", *rejects],
        "alerts": ["alerts", eu, *rejects],
        "queue": ["queue", eu, "--now", "2026-12-06", "-f", "csv", *rejects],
        "query test": ["query", "test", "Acme", eu, "-f", "csv", *rejects],
    }


@pytest.mark.parametrize("command", ["analyze", "ingest", "report", "alerts", "queue", "query test"])
def test_the_configs_date_order_is_read_by_every_command_reading_files(tmp_path, command):
    """A day-first client's exports needed `--date-order dmy` on every command line: `05/12/2026` was rejected as
    ambiguous without it. The config's `[input] date_order = "dmy"` says it once."""
    (tmp_path / "eu.csv").write_text(DAY_FIRST)
    (tmp_path / "plain.toml").write_text(ACME)
    (tmp_path / "eu.toml").write_text(ACME + '\n[input]\ndate_order = "dmy"\n')
    args = _reading_commands(tmp_path)[command]
    without = invoke(*args, "-c", str(tmp_path / "plain.toml"))
    assert without.exit_code in (0, 3), without.stderr  # (alerts: 3 when one fired)
    assert pd.read_csv(tmp_path / "r.csv")["reason"].tolist() == [
        "ambiguous created_at '05/12/2026' (day or month first? say with --date-order dmy or mdy, or [input] "
        "date_order in the config)"
    ]
    (tmp_path / "s.duckdb").unlink(missing_ok=True)
    with_config = invoke(*args, "-c", str(tmp_path / "eu.toml"))
    assert with_config.exit_code in (0, 3), with_config.stderr
    assert len(pd.read_csv(tmp_path / "r.csv")) == 0
    if command in ("analyze", "query test"):
        assert pd.read_csv(io.StringIO(with_config.stdout))["created_at"].tolist() == ["2026-12-05T00:00:00Z"]
    if command == "report":
        assert "2026-12-01 .. 2026-12-07: 1 post " in with_config.stdout


def test_date_order_on_the_command_line_wins_over_the_configs(tmp_path):
    (tmp_path / "eu.csv").write_text(DAY_FIRST)
    (tmp_path / "eu.toml").write_text(ACME + '\n[input]\ndate_order = "dmy"\n')
    args = ["analyze", str(tmp_path / "eu.csv"), "-c", str(tmp_path / "eu.toml"), "-f", "csv"]
    result = invoke(*args, "--date-order", "mdy")
    assert result.exit_code == 0, result.stderr
    assert pd.read_csv(io.StringIO(result.stdout))["created_at"].tolist() == ["2026-05-12T00:00:00Z"]


def test_choices_are_taken_in_any_case(tmp_path):
    """`--date-order DMY` was refused ("'DMY' is not one of 'dmy', 'mdy'"), and the config's `date_order = "DMY"`
    too: a keyword of a choice is taken in any case, as none differs from another by case."""
    (tmp_path / "eu.csv").write_text(DAY_FIRST)
    (tmp_path / "plain.toml").write_text(ACME)
    (tmp_path / "eu.toml").write_text(ACME + '\n[input]\ndate_order = "DMY"\n')
    args = ["analyze", str(tmp_path / "eu.csv"), "-f", "CSV"]
    for result in (
        invoke(*args, "-c", str(tmp_path / "plain.toml"), "--date-order", "DMY"),
        invoke(*args, "-c", str(tmp_path / "eu.toml")),
    ):
        assert result.exit_code == 0, result.stderr
        assert pd.read_csv(io.StringIO(result.stdout))["created_at"].tolist() == ["2026-12-05T00:00:00Z"]
    us = invoke(*args, "-c", str(tmp_path / "eu.toml"), "--date-order", "Mdy")
    assert pd.read_csv(io.StringIO(us.stdout))["created_at"].tolist() == ["2026-05-12T00:00:00Z"]


@pytest.mark.parametrize(
    "command", ["analyze", "ingest", "report", "alerts", "queue", "query test", "evaluate", "train"]
)
@pytest.mark.parametrize(
    ("section", "message"),
    [
        (
            '[input]\ndate_order = "dym"\n',
            '[input] date_order \'dym\': expected "dmy" (day first) or "mdy" (month first)',
        ),
        ("[input]\ndate_order = 1\n", '[input] date_order 1: expected "dmy" (day first) or "mdy" (month first)'),
        ('[input]\ndate_ordre = "dmy"\n', "[input]: unknown key 'date_ordre' (known: date_order, timezone, about)"),
        ("[input]\nabout = 3\n", '[input] about must be a brand\'s name, such as "QuickBite"'),
        (
            '[input]\ntimezone = "Europe/Madri"\n',
            "[input] timezone 'Europe/Madri': unknown time zone, did you mean Europe/Madrid? (expected an IANA name"
            " such as America/New_York, or UTC)",
        ),
        ("[input]\ntimezone = 1\n", '[input] timezone must be a string, such as "Europe/Madrid"'),
        (
            'input = "dmy"\n',
            "[input] must be a table: write [input] on a line of its own, its settings on the lines below",
        ),
    ],
)
def test_a_bad_input_section_is_a_config_error_naming_the_file_in_every_command(tmp_path, command, section, message):
    """A misspelt order (`"DMY"`) would have left every such date rejected as ambiguous, as without the setting.
    evaluate and train read the config for it too."""
    (tmp_path / "eu.csv").write_text("text,mood\nAcme again,good\nAcme lost my bag,bad\n")
    cfg = tmp_path / "eu.toml"
    cfg.write_text(section + ACME)  # (a top-level key before the first table)
    args = {
        **_reading_commands(tmp_path),
        "evaluate": ["evaluate", str(tmp_path / "eu.csv"), "--label-column", "mood", "--label-map", "good=positive"],
        "train": ["train", str(tmp_path / "eu.csv"), "--label-column", "mood", "-o", str(tmp_path / "m.bp")],
    }[command]
    result = invoke(*args, "-c", str(cfg))
    assert result.exit_code == 5
    assert result.stderr == f"brandpulse: error: {cfg}: {message}\n"


#: a Madrid team's export, its times on Madrid's clock without a zone, and one with its offset
MADRID_CSV = "id,date,text\n1,31/12/2026 23:15,Acme again\n2,2026-12-31T23:15:00+00:00,Acme zoned\n"


@pytest.mark.parametrize(
    "engine",
    [[], ["--jobs", "2", "--chunksize", "1"], ["--engine", "dask"]],
    ids=["one process", "jobs 2", "dask"],
)
def test_the_configs_input_timezone_and_input_tz_read_times_without_a_zone_on_that_clock(tmp_path, engine, request):
    """Times without a zone were always UTC: a Madrid export's `31/12/2026 23:15` was 2027-01-01 00:15 in Madrid.
    `[input] timezone` (or `--input-tz`, which wins) says the export's clock; a time with its offset is as it says."""
    if "dask" in engine:
        engine = [*engine, "--scheduler", request.getfixturevalue("dask_scheduler")]
    (tmp_path / "m.csv").write_text(MADRID_CSV)
    (tmp_path / "m.toml").write_text(ACME + '\n[input]\ntimezone = "Europe/Madrid"\n')
    args = ["analyze", str(tmp_path / "m.csv"), "-f", "csv", *engine]

    def times(*more: str) -> list[str]:
        result = invoke(*args, *more)
        assert result.exit_code == 0, result.stderr
        return sorted(pd.read_csv(io.StringIO(result.stdout))["created_at"])

    assert times("--brand", "Acme") == ["2026-12-31T23:15:00Z", "2026-12-31T23:15:00Z"]  # UTC, the default
    assert times("-c", str(tmp_path / "m.toml")) == ["2026-12-31T22:15:00Z", "2026-12-31T23:15:00Z"]
    assert times("--brand", "Acme", "--input-tz", "Europe/Madrid") == ["2026-12-31T22:15:00Z", "2026-12-31T23:15:00Z"]
    new_york = times("-c", str(tmp_path / "m.toml"), "--input-tz", "America/New_York")  # the option wins
    assert new_york == ["2026-12-31T23:15:00Z", "2027-01-01T04:15:00Z"]


@pytest.mark.parametrize("command", ["ingest", "report", "queue", "query test"])
def test_every_command_reading_files_reads_them_on_the_input_zones_clock(tmp_path, command):
    """`--input-tz` and `[input] timezone` in every command that reads FILES (alerts reads them as report and queue
    do): a report in Madrid's zone put a post written at 23:15 in Madrid on the next day."""
    (tmp_path / "eu.csv").write_text(
        "id,date,text\n1,05/12/2026 23:15,Acme lost my bag and nobody answers?\n2,2026-12-31T23:15:00+00:00,Acme ok\n"
    )
    madrid = '\n[report]\ntimezone = "Europe/Madrid"\n[input]\ntimezone = "Europe/Madrid"\ndate_order = "dmy"\n'
    (tmp_path / "eu.toml").write_text(ACME + madrid)
    args = [*_reading_commands(tmp_path)[command], "-c", str(tmp_path / "eu.toml")]
    if command == "report":  # Saturday 5 December, in Madrid
        args[args.index("--until") + 1] = "2026-12-06"
        args[args.index("--since") + 1] = "2026-12-05"
    if command == "queue":
        args[args.index("--now") + 1] = "2026-12-07"
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    if command == "ingest":
        import duckdb

        def stored() -> list[str]:
            with duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True) as db:
                times = db.execute("select created_at from posts order by post_id").fetchall()
            return [t.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M") for (t,) in times]

        assert stored() == ["2026-12-05 22:15", "2026-12-31 23:15"]
    as_utc = invoke(*args, "--input-tz", "UTC")  # (the option wins: the old reading)
    assert as_utc.exit_code == 0, as_utc.stderr
    if command == "ingest":
        assert stored() == ["2026-12-05 23:15", "2026-12-31 23:15"]  # (the post updated)
    elif command == "report":
        assert "**2026-12-05: 1 post " in result.stdout
        assert "**2026-12-05: 0 posts " in as_utc.stdout  # 23:15 UTC is 00:15 on the 6th in Madrid
    else:
        rows = pd.read_csv(io.StringIO(result.stdout))
        assert rows["created_at"].tolist()[0] == "2026-12-05T22:15:00Z"
        assert pd.read_csv(io.StringIO(as_utc.stdout))["created_at"].tolist()[0] == "2026-12-05T23:15:00Z"
        if command == "query test":
            assert rows["created_at"].tolist()[1] == "2026-12-31T23:15:00Z"  # its own offset


# -- -f table on a pipe ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["analyze", "report", "queue"])
def test_tables_on_a_pipe_are_as_wide_as_their_cells_or_columns_says(tmp_path, command):
    """`report -f table | less` and `queue -f table > q.txt` were laid out at rich's 80 columns: a post's text folded
    down its column a word or two a line, a URL cut in pieces. On a pipe or file the tables are as wide as their
    cells (as `analyze`'s now are too); $COLUMNS, when set, is still the width."""
    text = "A lost my bag in Lisbon and nobody answers the phone so frustrating"
    url = "https://x.com/someone/status/1234567890123456789"
    (tmp_path / "p.csv").write_text(
        f"id,created_at,text,url,followers\n1,2026-11-03T10:00:00Z,{text},{url},5000\n"
        "2,2026-11-03T11:00:00Z,A was fine,,10\n"
    )
    (tmp_path / "c.toml").write_text('[brands.A]\nterms = ["A"]\n')
    args = [command, str(tmp_path / "p.csv"), "-c", str(tmp_path / "c.toml"), "-f", "table"]
    args += [] if command == "analyze" else ["--until", "2026-11-09"]
    piped = CliRunner().invoke(main, args, env={"COLUMNS": None})
    assert piped.exit_code == 0, piped.stderr
    lines = piped.stdout.splitlines()
    assert any(text in line for line in lines)  # on one line, whole
    if command == "queue":
        assert any(url in line for line in lines)
    assert max(len(line) for line in lines) > 80
    narrow = CliRunner().invoke(main, args, env={"COLUMNS": "70"})
    assert narrow.exit_code == 0, narrow.stderr
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 70
    assert not any(text in line for line in narrow.stdout.splitlines())


# -- -f table: stdout by any of its names, and the same width in every command --------------------------------------

LONG_POST = "Acme is awful, I hate it " + " ".join(f"w{i}" for i in range(60))  # (265 characters: over 120)


def _table_commands(tmp_path) -> dict[str, list[str]]:
    """Each command printing tables, on a file whose one post is LONG_POST (labelled wrong for evaluate)."""
    path = tmp_path / "long.csv"
    pd.DataFrame({"id": [1], "date": ["2026-12-03"], "text": [LONG_POST], "gold": ["positive"]}).to_csv(path)
    config = tmp_path / "acme.toml"
    config.write_text(ACME)
    return {
        "report": ["report", str(path), "-c", str(config), "--since", "2026-12-01", "--until", "2026-12-08"],
        "queue": ["queue", str(path), "-c", str(config), "--now", "2026-12-06", "--since", "2026-12-01"],
        "evaluate": ["evaluate", str(path), "--label-column", "gold", "--sentiment", "vader", "--explain"],
        "query test": ["query", "test", "Acme", str(path)],
    }


@pytest.mark.parametrize("command", ["report", "queue", "evaluate", "query test"])
def test_table_output_to_dev_stdout_is_stdout_in_every_command(tmp_path, command):
    """`report -f table -o /dev/stdout` and `queue -f table -o /dev/stdout` were refused ("--format table prints on
    the terminal, not to --output /dev/stdout"), where analyze takes /dev/stdout for stdout: now each command prints
    the same tables for `-o /dev/stdout` as without -o."""
    args = [*_table_commands(tmp_path)[command], "-f", "table"]
    plain = CliRunner().invoke(main, args)
    named = CliRunner().invoke(main, [*args, "-o", "/dev/stdout"])
    assert (plain.exit_code, named.exit_code) == (0, 0), named.stderr
    assert named.stdout == plain.stdout and ("│ Acme " if command == "report" else "Acme is awful") in named.stdout
    refused = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "t.txt")])
    if command in ("report", "queue"):  # (a file still is not the terminal's tables)
        assert refused.exit_code == 2 and "--format table prints on the terminal" in refused.stderr


@pytest.mark.parametrize("command", ["evaluate", "query test"])
def test_evaluate_and_query_test_tables_on_a_pipe_are_as_wide_as_their_cells(tmp_path, command):
    """On a pipe, evaluate's and query test's tables were laid out at 120 columns, folding a post's text over
    lines, where analyze's, report's and queue's are as wide as their cells ($COLUMNS when set): now theirs are too,
    and so are those of `-o FILE.txt`."""
    args = [*_table_commands(tmp_path)[command], "-f", "table"]
    shown = LONG_POST[:80] if command == "evaluate" else LONG_POST  # (evaluate shows a post's first 80 characters)
    piped = CliRunner().invoke(main, args)
    assert piped.exit_code == 0, piped.stderr
    assert any(shown in line for line in piped.stdout.splitlines())
    assert max(map(len, piped.stdout.splitlines())) > 120
    narrow = CliRunner().invoke(main, args, env={"COLUMNS": "100"}).stdout
    assert max(map(len, narrow.splitlines())) <= 100 and not any(shown in line for line in narrow.splitlines())
    assert CliRunner().invoke(main, [*args, "-o", str(tmp_path / "t.txt")]).exit_code == 0
    assert (tmp_path / "t.txt").read_text("utf-8") == piped.stdout


@pytest.mark.parametrize("command", ["analyze", "report", "queue", "evaluate", "query test", "fetch"])
def test_a_format_and_an_output_extension_that_disagree_are_a_usage_error(tmp_path, command):
    """`report --table brands -f json -o x.csv` wrote JSON into x.csv (-f won without a word), and so did every
    command with -o: -f and an extension of another format are a usage error naming both, before any work (fetch:
    before any request), and nothing is written. An extension of no format (`.txt`) says nothing."""
    args = {
        **_table_commands(tmp_path),  # (writes long.csv and acme.toml)
        "analyze": ["analyze", str(tmp_path / "long.csv"), "--brand", "Acme"],
        "fetch": ["fetch", "hackernews", "acme"],
    }[command]
    if command == "report":
        args = [*args, "--table", "brands"]
    out = tmp_path / "x.csv"
    result = CliRunner().invoke(main, [*args, "-f", "json", "-o", str(out)])
    assert result.exit_code == 2, result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"brandpulse: error: --format json and --output {out} (csv, by its extension) disagree: drop -f, or give "
        f"-o {tmp_path / 'x.json'}"
    )
    assert not out.exists()
    if command in ("evaluate", "query test"):  # (the table, by -f, into a file of no format)
        text = tmp_path / "t.txt"
        assert CliRunner().invoke(main, [*args, "-f", "table", "-o", str(text)]).exit_code == 0
        assert text.read_text().strip() != ""
        refused = CliRunner().invoke(main, [*args, "-f", "table", "-o", str(out)])
        assert refused.stderr.splitlines()[-1].endswith(
            f"--format table and --output {out} (csv, by its extension) disagree: drop -f, or give -o FILE.txt"
        )
