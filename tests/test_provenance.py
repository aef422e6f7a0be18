"""Which brandpulse, analyzer and lexicon made an output: Parquet metadata, the report's JSON, the store's `meta`.

A warehouse loading each night's output could not tell which nights were scored by which rules (cx lexicon 1.11 and
1.12 score some posts differently): nothing said."""

from __future__ import annotations

import hashlib
import io
import json
import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import brandpulse
from brandpulse import store
from brandpulse.cli import main
from brandpulse.output import writers

ROOT = Path(__file__).resolve().parents[1]
#: the built-in lexicon's version, read from its file (not from the code under test)
LEXICON = tomllib.loads((ROOT / "brandpulse" / "enrich" / "cx_lexicon.toml").read_text())["version"]
RULE_FILES = ("topics.toml", "intent.toml")
#: the package's version, as pyproject.toml's `version = { attr = "brandpulse.__version__" }` reads it
VERSION = next(
    line.split('"')[1]
    for line in (ROOT / "brandpulse" / "__init__.py").read_text().splitlines()
    if line.startswith("__version__")
)
CONFIG = '[brands.Skyway]\nterms = ["Skyway"]\n'
#: the config's SHA-256, as `sha256sum` prints it (e3b0... would be an empty file's)
SUMMED = hashlib.sha256(CONFIG.encode()).hexdigest()
ROWS = [
    {"post_id": "1", "platform": "twitter", "created_at": "2026-11-02T09:00:00Z", "text": "Skyway lost my bag again"},
    {"post_id": "2", "platform": "twitter", "created_at": "2026-11-03T09:00:00Z", "text": "Skyway crew were lovely"},
    {"post_id": "3", "platform": "twitter", "created_at": "2026-11-04T09:00:00Z", "text": "=1+1 Skyway on time"},
]


def _inputs(tmp_path: Path) -> tuple[str, str]:
    posts, config = tmp_path / "posts.csv", tmp_path / "brandpulse.toml"
    pd.DataFrame(ROWS).to_csv(posts, index=False)
    config.write_text(CONFIG)
    return str(posts), str(config)


def _ours(path: Path) -> dict[str, str]:
    """The `brandpulse.*` key-value metadata of a Parquet file, as pyarrow reads it."""
    meta = pq.read_metadata(path).metadata or {}
    return {k.decode(): v.decode() for k, v in meta.items() if k.startswith(b"brandpulse.")}


@pytest.mark.parametrize(
    ("sentiment", "described"),
    [
        (None, f"cx (cx lexicon {LEXICON})"),
        ("vader", f"vader (vaderSentiment {version('vaderSentiment')})"),
        ("textblob", f"textblob (textblob {version('textblob')})"),
    ],
)
def test_analyze_parquet_says_which_brandpulse_and_lexicon_scored_its_rows(runner, tmp_path, sentiment, described):
    posts, config = _inputs(tmp_path)
    out, summary = tmp_path / "rows.parquet", tmp_path / "summary.parquet"
    args = ["analyze", posts, "-c", config, "-q", "-o", str(out), "--summary-csv", str(summary)]
    result = runner.invoke(main, args + (["--sentiment", sentiment] if sentiment else []))
    assert result.exit_code == 0, result.output
    expected = {"brandpulse.version": VERSION, "brandpulse.sentiment": described}
    assert _ours(out) == expected
    assert _ours(summary) == expected
    rows = pd.read_parquet(out)
    assert rows["post_id"].tolist() == ["1", "2", "3"] and rows["brands"].tolist() == ["Skyway"] * 3


def test_chunked_parquet_has_the_metadata_once_and_every_chunk(tmp_path):
    """`ChunkWriter` (analyze's path): a row group per chunk, as before, and the file's metadata."""
    out = tmp_path / "rows.parquet"
    frame = pd.DataFrame({"text": ["a", "b", "c"], "likes": pd.array([1, None, 3], dtype="Int64")})
    with writers.ChunkWriter(out, "parquet", provenance={"sentiment": "cx (cx lexicon 9.9)"}) as sink:
        sink.write(frame.iloc[:2])
        sink.write(frame.iloc[2:])
    assert pq.ParquetFile(out).metadata.num_row_groups == 2
    assert _ours(out) == {"brandpulse.version": VERSION, "brandpulse.sentiment": "cx (cx lexicon 9.9)"}
    back = pd.read_parquet(out)
    assert back["text"].tolist() == ["a", "b", "c"] and back["likes"].tolist() == [1, pd.NA, 3]


def test_parquet_reads_as_before_in_pandas_pyarrow_and_duckdb(tmp_path):
    """The metadata is added beside pandas' own: the columns, types and values each reader gets are those of the file
    pandas' `to_parquet` wrote before (brandpulse's writer until stop 40)."""
    frame = pd.DataFrame(
        {
            "post_id": pd.array(["570306133677760513", None], dtype="string[pyarrow]"),
            "created_at": pd.to_datetime(["2026-11-02T09:00:00Z", None], utc=True),
            "likes": pd.array([5, None], dtype="Int64"),
            "sentiment": [0.5, float("nan")],
            "empty": [None, None],
        }
    )
    before, now = tmp_path / "before.parquet", tmp_path / "now.parquet"
    writers.typed_text(frame).to_parquet(before, index=False)
    now.write_bytes(writers.to_bytes(frame, "parquet", provenance={"sentiment": "vader"}))
    assert _ours(before) == {} and _ours(now) == {"brandpulse.version": VERSION, "brandpulse.sentiment": "vader"}
    old, new = pq.read_table(before), pq.read_table(now)
    assert new.schema.remove_metadata() == old.schema.remove_metadata() and new.equals(old)
    assert new.schema.metadata[b"pandas"] == old.schema.metadata[b"pandas"]
    pd.testing.assert_frame_equal(pd.read_parquet(now), pd.read_parquet(before))
    con = duckdb.connect()
    assert (
        con.execute(f"DESCRIBE SELECT * FROM '{now}'").fetchall()
        == con.execute(f"DESCRIBE SELECT * FROM '{before}'").fetchall()
    )
    assert con.execute(f"SELECT * FROM '{now}'").fetchall() == con.execute(f"SELECT * FROM '{before}'").fetchall()
    assert con.execute(
        f"SELECT value::VARCHAR FROM parquet_kv_metadata('{now}') WHERE key::VARCHAR = 'brandpulse.version'"
    ).fetchall() == [(VERSION,)]


def test_csv_is_byte_identical_whatever_the_provenance(tmp_path):
    frame = pd.DataFrame({"text": ["=1+1", "plain"], "sentiment": [0.25, -0.5]})
    assert writers.to_bytes(frame, "csv", provenance={"sentiment": "x"}) == b"text,sentiment\n'=1+1,0.25\nplain,-0.5\n"


def test_other_parquet_outputs_name_the_version(runner, tmp_path):
    """The rejects file, written by `analyze --rejects`, has no scores: the version alone."""
    posts, config = _inputs(tmp_path)
    with open(posts, "a") as fh:
        fh.write("4,twitter,2026-11-05T09:00:00Z,\n")  # (no text: rejected)
    rejects = tmp_path / "rejects.parquet"
    result = runner.invoke(main, ["analyze", posts, "-c", config, "-q", "-o", "-", "--rejects", str(rejects)])
    assert result.exit_code == 0, result.output
    assert len(pd.read_parquet(rejects)) == 1
    assert _ours(rejects) == {"brandpulse.version": VERSION}


def test_queue_and_evaluate_parquet_say_what_scored_their_rows(runner, tmp_path):
    """`queue -o q.parquet` and `evaluate --predictions p.parquet` hold scores too, but their files named the version
    alone: the queue now names the analyzer of its FILES, or the one the store's last ingest recorded; the predictions
    every analyzer compared, in their columns' order."""
    posts, config = _inputs(tmp_path)
    vader = f"vader (vaderSentiment {version('vaderSentiment')})"
    queue, db = tmp_path / "q.parquet", tmp_path / "h.duckdb"
    args = ["queue", "-c", config, "-q", "--now", "2026-11-05", "-o", str(queue)]
    result = runner.invoke(main, [*args, posts])
    assert result.exit_code == 0, result.output
    assert _ours(queue) == {"brandpulse.version": VERSION, "brandpulse.sentiment": f"cx (cx lexicon {LEXICON})"}
    assert pd.read_parquet(queue)["post_id"].tolist() == ["1"]  # (the lost bag: the one post to answer)
    # from the store: what its ingest scored the posts with, not this run's default
    ingest = ["ingest", posts, "-c", config, "-q", "--store", str(db), "--sentiment", "vader"]
    assert runner.invoke(main, ingest).exit_code == 0
    result = runner.invoke(main, [*args, "--store", str(db)])
    assert result.exit_code == 0, result.output
    assert _ours(queue) == {"brandpulse.version": VERSION, "brandpulse.sentiment": vader}
    labelled = tmp_path / "labelled.csv"
    labelled.write_text("text,label\nlost my bag,negative\nlovely crew,positive\non time,neutral\n")
    predictions = tmp_path / "p.parquet"
    evaluate = ["evaluate", str(labelled), "--label-column", "label", "-q", "-f", "json", "-o", str(tmp_path / "s")]
    result = runner.invoke(main, [*evaluate, "--sentiment", "cx,vader", "--predictions", str(predictions)])
    assert result.exit_code == 0, result.output
    said = f"cx (cx lexicon {LEXICON}); {vader}"
    assert _ours(predictions) == {"brandpulse.version": VERSION, "brandpulse.sentiment": said}
    assert pd.read_parquet(predictions)["gold"].tolist() == ["negative", "positive", "neutral"]


def _meta(db: Path) -> dict[str, str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return dict(con.execute("SELECT key, value FROM meta WHERE key LIKE 'brandpulse.%'").fetchall())
    finally:
        con.close()


def test_the_store_remembers_what_scored_its_last_ingest(runner, tmp_path):
    posts, config = _inputs(tmp_path)
    db = tmp_path / "h.duckdb"
    assert runner.invoke(main, ["ingest", posts, "-c", config, "--store", str(db), "-q"]).exit_code == 0
    first = _meta(db)
    assert first.keys() == {"brandpulse.version", "brandpulse.sentiment", "brandpulse.ingested_at", "brandpulse.rules"}
    rules = {f: tomllib.loads((ROOT / "brandpulse" / "enrich" / f).read_text())["version"] for f in RULE_FILES}
    assert first["brandpulse.rules"] == f"topics {rules['topics.toml']}, intent rules {rules['intent.toml']}"
    assert (first["brandpulse.version"], first["brandpulse.sentiment"]) == (VERSION, f"cx (cx lexicon {LEXICON})")
    con = duckdb.connect(str(db), read_only=True)
    stamps = con.execute("SELECT DISTINCT first_seen, updated_at FROM posts").fetchall()
    con.close()
    at = pd.Timestamp(first["brandpulse.ingested_at"])
    assert first["brandpulse.ingested_at"].endswith("Z") and [(at.tz_localize(None),) * 2] == [
        tuple(pd.Timestamp(t) for t in row) for row in stamps
    ]
    # scored again by another analyzer: the record is of this ingest, and the posts it changed hold its time
    result = runner.invoke(main, ["ingest", posts, "-c", config, "--store", str(db), "--sentiment", "vader"])
    assert result.exit_code == 0, result.output
    second = _meta(db)
    assert second["brandpulse.sentiment"] == f"vader (vaderSentiment {version('vaderSentiment')})"
    # (another analyzer than the last ingest's: the posts stored before were scored another way, which reports say)
    assert second["brandpulse.rules_before"] == f"cx (cx lexicon {LEXICON}), {first['brandpulse.rules']}"
    assert second["brandpulse.rules_changed_at"] == second["brandpulse.ingested_at"]
    con = duckdb.connect(str(db), read_only=True)
    changed = con.execute(
        "SELECT count(*) FROM posts WHERE updated_at = (SELECT value::TIMESTAMP FROM meta"
        " WHERE key = 'brandpulse.ingested_at')"
    ).fetchall()[0][0]
    con.close()
    assert second["brandpulse.ingested_at"] > first["brandpulse.ingested_at"] and changed >= 1
    assert store.scored_by(db) == {
        "version": VERSION,
        "sentiment": second["brandpulse.sentiment"],
        "ingested_at": second["brandpulse.ingested_at"],
    }


def test_a_run_that_wrote_nothing_leaves_the_last_ingest_as_it_was(runner, tmp_path):
    """An ingest or rescore of every post unchanged moved `ingested_at` (report's "last ingest") to a time no post
    and no row of `runs` held: it stays the last run that wrote posts. A rescore still records the rules it found
    every post scored by: the next ingest says no change of rules (`rules_note`) of posts it had checked."""
    posts, config = _inputs(tmp_path)
    db = tmp_path / "h.duckdb"
    ingest = ["ingest", posts, "-c", config, "--store", str(db), "-q"]
    assert runner.invoke(main, ingest).exit_code == 0
    first = _meta(db)
    con = duckdb.connect(str(db))
    sql = "SELECT max(ran_at), count(*), (SELECT max(updated_at) FROM posts) FROM runs"
    ran, runs, updated = con.execute(sql).fetchall()[0]
    # (as a store last written by an older brandpulse: other rules, which an unchanged rescore finds today's too)
    con.execute("UPDATE meta SET value = 'topics 0, intent rules 0' WHERE key = 'brandpulse.rules'")
    con.close()
    result = runner.invoke(main, ingest)
    assert result.exit_code == 0, result.output
    assert _meta(db) == {**first, "brandpulse.rules": "topics 0, intent rules 0"}  # (its rules: the next writer's)
    result = runner.invoke(main, ["rescore", "-c", config, "--store", str(db)])
    assert result.exit_code == 0 and "rescored 3 posts: 0 changed" in result.output, result.output
    assert _meta(db) == first
    assert pd.Timestamp(first["brandpulse.ingested_at"]).tz_localize(None) == ran == updated and runs == 1
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*), max(ran_at) FROM runs").fetchall() == [(1, ran)]
    con.close()
    assert store.rules_note(db, None, None) is None


def test_a_library_ingest_says_what_it_was_told(tmp_path):
    """`store.ingest` of a frame analyzed elsewhere: the analyzer is empty unless given; posts not analyzed leave
    the record (and the stored scores) as they were."""
    db = tmp_path / "h.duckdb"
    loaded = brandpulse.read(io.StringIO(pd.DataFrame(ROWS).to_csv(index=False)), format="csv").posts
    analyzed = brandpulse.analyze(loaded, brandpulse.Config(), sentiment="vader")
    store.ingest(db, analyzed)
    assert _meta(db)["brandpulse.sentiment"] == ""
    store.ingest(db, analyzed.assign(likes=pd.array([1, 1, 1], dtype="Int64")), sentiment="vader")  # (a change: stored)
    told = _meta(db)
    assert told["brandpulse.sentiment"] == f"vader (vaderSentiment {version('vaderSentiment')})"
    store.ingest(db, loaded.assign(likes=pd.array([7, 7, 7], dtype="Int64")))  # (not analyzed)
    assert _meta(db) == told


def test_an_old_store_has_no_record(tmp_path):
    db = tmp_path / "h.duckdb"
    with store.open_store(db):
        pass
    assert store.scored_by(db) is None and _meta(db) == {}


def test_the_report_json_names_what_scored_its_posts(runner, tmp_path):
    posts, config = _inputs(tmp_path)
    week = ["--since", "2026-11-02", "--until", "2026-11-09", "-f", "json", "-q"]
    result = runner.invoke(main, ["report", posts, "-c", config, "--sentiment", "vader", *week])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["posts"] == 3
    assert data["brandpulse"] == {
        "version": VERSION,
        "sentiment": f"vader (vaderSentiment {version('vaderSentiment')})",
        "store": None,
        "config": {"file": "brandpulse.toml", "sha256": SUMMED},  # (as `sha256sum brandpulse.toml` says it)
        "ingested_with": None,  # (FILES: analyzed by this run, with its config)
        "source": "posts.csv",  # (the file's name, not its folders)
    }
    db = tmp_path / "h.duckdb"
    assert runner.invoke(main, ["ingest", posts, "-c", config, "--store", str(db), "-q"]).exit_code == 0
    result = runner.invoke(main, ["report", "-c", config, "--store", str(db), *week])
    assert result.exit_code == 0, result.output
    made = json.loads(result.stdout)["brandpulse"]
    recorded = _meta(db)
    assert made == {
        "version": VERSION,
        "sentiment": f"cx (cx lexicon {LEXICON})",
        "store": {
            "version": VERSION,
            "sentiment": f"cx (cx lexicon {LEXICON})",
            "ingested_at": recorded["brandpulse.ingested_at"],
            # (the last run, noted whether it stored posts or not: this one stored the 3)
            "last_run": {"at": recorded["brandpulse.ingested_at"], "command": "ingest", "stored": 3},
        },
        "config": {"file": "brandpulse.toml", "sha256": SUMMED},
        "ingested_with": [
            {"file": "brandpulse.toml", "sha256": SUMMED, "posts": 3, "recorded": True, "analyzed": True}
        ],
        "source": "the store h.duckdb",
    }


def test_markdown_and_html_reports_say_where_they_came_from_under_them(runner, tmp_path):
    """A Markdown or HTML report, forwarded, said nothing of what made it (the JSON did): which brandpulse, which
    sentiment rules, which store or files, which periods. A line under it says so, of the file by its name."""
    posts, config = _inputs(tmp_path)
    (tmp_path / "clients").mkdir()
    db = tmp_path / "clients" / "acme.duckdb"
    assert runner.invoke(main, ["ingest", posts, "-c", config, "--store", str(db), "-q"]).exit_code == 0
    week = ["--since", "2026-11-02", "--until", "2026-11-09", "-q"]
    md = runner.invoke(main, ["report", "-c", config, "--store", str(db), *week, "-f", "md"])
    assert md.exit_code == 0, md.output
    when = pd.Timestamp(_meta(db)["brandpulse.ingested_at"]).strftime("%Y-%m-%d %H:%M UTC")
    said = (
        f"Made by brandpulse {VERSION} from the store acme.duckdb; config brandpulse.toml (sha256 {SUMMED[:12]}); "
        f"posts analyzed with config brandpulse.toml (sha256 {SUMMED[:12]}): 3 posts; "
        f"last ingest {when} by brandpulse {VERSION}; "
        f"sentiment: cx (cx lexicon {LEXICON}); period 2026-11-02 .. 2026-11-08 (UTC), compared with "
        "2026-10-26 .. 2026-11-01; emerging terms against 2026-10-05 .. 2026-11-01"
    )
    assert md.stdout.endswith(f"\n\n---\n\n{said}\n") and "clients" not in md.stdout
    # (another config, another checksum: a report made with a config edited since tells it; none without a file)
    Path(config).write_text(CONFIG + 'handles = ["@Skyway"]\n')
    edited = runner.invoke(main, ["report", "-c", config, "--store", str(db), *week, "-f", "md"]).stdout
    assert f"config brandpulse.toml (sha256 {hashlib.sha256(Path(config).read_bytes()).hexdigest()[:12]})" in edited
    assert f"posts analyzed with config brandpulse.toml (sha256 {SUMMED[:12]}): 3 posts" in edited  # (the ingest's)
    Path(config).unlink()  # (the folder's ./brandpulse.toml: none now)
    alone = runner.invoke(main, ["report", "--brand", "Skyway", "--store", str(db), *week, "-f", "md"])
    assert alone.exit_code == 0, alone.output
    last = alone.stdout.splitlines()[-1]  # (no config of its own; the posts' still named)
    named = f"store acme.duckdb; posts analyzed with config brandpulse.toml (sha256 {SUMMED[:12]})"
    assert last.startswith("Made by") and named in last
    assert last.count("sha256") == 1
    Path(config).write_text(CONFIG)
    page = tmp_path / "r.html"
    html = runner.invoke(main, ["report", posts, "-c", config, "--sentiment", "vader", *week, "-o", str(page)])
    assert html.exit_code == 0, html.output
    footer = re.search(r"<footer[^>]*><p>(.*?)</p></footer>\s*</body>", page.read_text("utf-8")).group(1)
    assert re.sub(r"<[^>]+>", "", footer) == (
        f"Made by brandpulse {VERSION} from posts.csv; config brandpulse.toml (sha256 {SUMMED[:12]}); "
        f"sentiment: vader (vaderSentiment {version('vaderSentiment')}); "
        "period 2026-11-02 .. 2026-11-08 (UTC), compared with 2026-10-26 .. 2026-11-01; emerging terms against "
        "2026-10-05 .. 2026-11-01"
    )


def test_an_analyzer_of_a_file_is_named_by_the_file_not_its_folders(runner, tmp_path):
    """`--sentiment model:PATH` or `cx:PATH`: the Parquet, the store's `meta` and the report's JSON, which users share,
    named the analyzer by its full local path ("model:/home/alice/clients/acme/m.bp": a home folder, a client's name).
    They name the file; a model is told apart by its checksum, which its description holds."""
    posts, config = _inputs(tmp_path)
    folder = tmp_path / "clients" / "acme-confidential"
    folder.mkdir(parents=True)
    (folder / "own.toml").write_text("[words]\nbumped = -2.0\n")
    labelled = tmp_path / "labelled.csv"
    texts = {"positive": "loved the crew, great flight", "negative": "lost my bag, awful", "neutral": "the flight"}
    pd.DataFrame(
        [(f"{t} {i}", label) for i in range(8) for label, t in texts.items()], columns=["text", "stance"]
    ).to_csv(labelled, index=False)
    model = folder / "m.bp"
    train = ["train", str(labelled), "--label-column", "stance", "-o", str(model), "--cv", "0"]
    assert runner.invoke(main, train).exit_code == 0
    checksum = brandpulse.enrich.sentiment.get_analyzer(f"model:{model}").meta["checksum"][: len("sha256:") + 12]
    for sentiment, named in ((f"cx:{folder / 'own.toml'}", "cx:own.toml ("), (f"model:{model}", "model:m.bp (")):
        out, db = tmp_path / "rows.parquet", tmp_path / f"{sentiment[:2]}.duckdb"
        result = runner.invoke(main, ["analyze", posts, "-c", config, "-q", "-o", str(out), "--sentiment", sentiment])
        assert result.exit_code == 0, result.output
        said = _ours(out)["brandpulse.sentiment"]
        ingest = ["ingest", posts, "-c", config, "--store", str(db), "-q", "--sentiment", sentiment]
        assert runner.invoke(main, ingest).exit_code == 0
        week = ["--since", "2026-11-02", "--until", "2026-11-09", "-f", "json", "-q"]
        result = runner.invoke(main, ["report", posts, "-c", config, "--sentiment", sentiment, *week])
        assert result.exit_code == 0, result.output
        reported = json.loads(result.stdout)["brandpulse"]["sentiment"]
        for text in (said, _meta(db)["brandpulse.sentiment"], reported):
            assert text.startswith(named) and "acme-confidential" not in text and str(tmp_path) not in text
        assert (checksum in said) == sentiment.startswith("model:")


def test_version_names_the_built_in_rules_the_figures_depend_on():
    # a reviewer's `brandpulse --version` said "brandpulse, version 0.1.0" alone: not which lexicon scored the posts,
    # nor which topic taxonomy and intent rules tagged them, each versioned in its own file
    rules = ROOT / "brandpulse" / "enrich"
    topics = tomllib.loads((rules / "topics.toml").read_text())["version"]
    intents = tomllib.loads((rules / "intent.toml").read_text())["version"]
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == (
        f"brandpulse, version {VERSION} (cx lexicon {LEXICON}, topics {topics}, intent rules {intents})\n"
    )


def test_a_report_sums_the_config_it_read_not_the_file_edited_since(tmp_path):
    """The record summed the config file again as the report ended: one saved during a long report (or made
    unreadable, `chmod 000`) was named for figures it did not make, or named without its sum. The sum is of the bytes
    read now: SUMMED, the CONFIG's by hashlib, as `sha256sum` gives it."""
    from brandpulse.config import config_record, load_config

    path = tmp_path / "brandpulse.toml"
    path.write_text(CONFIG)
    config = load_config(path)
    path.write_text(CONFIG + 'handles = ["@Skyway"]\n')  # (saved while the report ran)
    assert config_record(config) == {"file": "brandpulse.toml", "sha256": SUMMED}
    path.unlink()
    assert config_record(config) == {"file": "brandpulse.toml", "sha256": SUMMED}
