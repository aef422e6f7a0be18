"""`brandpulse analyze` end to end through the CLI: streams, formats, errors and exit codes."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
import re
import subprocess
import sys
import zipfile
from functools import partial

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import EXAMPLES, FIXTURES, ROOT

from brandpulse.cli import main
from brandpulse.report.summary import SUMMARY_COLUMNS

AIRLINES = [str(FIXTURES / "airline_tweets.csv"), "--config", str(FIXTURES / "airlines.toml")]


#: the file line's note on a file without a time column
UNTIMED = "; no time column, so its posts are in no report or alert"


def last_line(text: str) -> str:
    return text.strip().splitlines()[-1]


def test_airline_tweets_without_map(runner):
    result = runner.invoke(main, ["analyze", *AIRLINES, "--format", "csv", "--raw-csv"])
    assert result.exit_code == 0, result.stderr
    out = pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False)
    src = pd.read_csv(FIXTURES / "airline_tweets.csv", dtype=str, keep_default_na=False)
    assert out["post_id"].tolist() == src["tweet_id"].tolist()  # every 18-digit id exact
    expected = src["airline"].tolist()
    expected[9] = "United;Delta"  # "Switched from @united to @Delta"
    expected[10] = ""  # "The United States ..." is not the airline
    assert out["brands"].tolist() == expected
    enriched = ["brands", "sentiment", "subjectivity", "sentiment_label", "topics", "intent", "brand_sentiments"]
    assert out.columns.tolist()[-8:] == [*enriched, "intents"]
    # the one post naming two brands: United left (negative), Delta chosen (positive); the others empty
    own = dict(pair.split("=") for pair in out.loc[9, "brand_sentiments"].split(";"))
    assert list(own) == ["United", "Delta"] and float(own["United"]) < -0.05 < 0.05 < float(own["Delta"])
    assert (out["brand_sentiments"].drop(index=9) == "").all()
    assert out.loc[2, "topics"] == "delays"  # "flight delayed 3 hours"
    assert set(out.loc[4, "topics"].split(";")) == {"delays", "customer-service"}  # on hold for 2 hours
    assert last_line(result.stderr) == "read 11 rows: analyzed 11, duplicates 0, rejected 0"


def test_csv_output_is_spreadsheet_safe_by_default(runner):
    result = runner.invoke(main, ["analyze", *AIRLINES, "-f", "csv"])
    out = pd.read_csv(io.StringIO(result.stdout), dtype=str)
    assert out.loc[0, "text"].startswith("'@VirginAmerica")
    assert out.loc[0, "post_id"] == '="570306133677760513"'  # text in a spreadsheet, no rounding to 5.70306E+17


def test_spreadsheet_safe_csv_read_back_is_the_same_posts(runner, tmp_path):
    """`brandpulse ... | brandpulse analyze -`: the guards of the first run's CSV are undone on reading."""
    first = runner.invoke(main, ["analyze", *AIRLINES, "-f", "csv"])
    again = runner.invoke(main, ["analyze", "-", "--config", AIRLINES[2], "-f", "csv", "--raw-csv"], input=first.stdout)
    assert again.exit_code == 0, again.stderr
    back = pd.read_csv(io.StringIO(again.stdout), dtype=str, keep_default_na=False)
    src = pd.read_csv(FIXTURES / "airline_tweets.csv", dtype=str, keep_default_na=False)
    assert back["post_id"].tolist() == src["tweet_id"].tolist()  # not '="570306133677760513"'
    assert back["text"].tolist() == src["text"].tolist()  # "@VirginAmerica ...", not "'@VirginAmerica ..."
    both = runner.invoke(main, ["analyze", AIRLINES[0], "-", "--config", AIRLINES[2]], input=first.stdout)
    assert last_line(both.stderr) == "read 22 rows: analyzed 11, duplicates 11, rejected 0"


def test_ids_a_spreadsheet_would_read_as_numbers_are_text_and_read_back(runner, tmp_path):
    """Only 16+ digit ids were wrapped: a spreadsheet showed post_id `007` as 7, parent_id `1e5` (a Reddit id)
    as 100000, author `0123` as 123 and `true` as TRUE. Counts stay numbers; brandpulse reads its CSV back."""
    posts = tmp_path / "p.csv"
    posts.write_text("id,parent_id,author,text,likes\n007,1e5,0123,Delta lost my bag,007\n1e5,,true,Delta late,3\n")
    first = runner.invoke(main, ["analyze", str(posts), "--brand", "Delta", "-f", "csv"])
    assert first.exit_code == 0, first.stderr
    out = pd.read_csv(io.StringIO(first.stdout), dtype=str, keep_default_na=False)
    assert out["post_id"].tolist() == ['="007"', '="1e5"']
    assert out["parent_id"].tolist() == ['="1e5"', ""]
    assert out["author"].tolist() == ['="0123"', '="true"']
    assert out["likes"].tolist() == ["7", "3"]  # a count: a number
    again = runner.invoke(main, ["analyze", "-", "--brand", "Delta", "-f", "jsonl"], input=first.stdout)
    assert again.exit_code == 0, again.stderr
    back = [json.loads(line) for line in again.stdout.splitlines()]
    ids = [(r["post_id"], r["parent_id"], r["author"]) for r in back]
    assert ids == [("007", "1e5", "0123"), ("1e5", None, "true")]


def test_amounts_and_month_dates_are_text_in_a_spreadsheet_and_read_back(runner, tmp_path):
    """An author `(5)` showed as -5 in a spreadsheet, `Jan22` as a date, `$5` as $5.00, a text `50%` as 0.5 and a
    parent_id `1.234` as 1234 with decimal commas. They are written as `="..."` and read back as they were."""
    posts = tmp_path / "p.csv"
    posts.write_text("id,parent_id,author,text\n1,,(5),Delta lost my bag\n2,1.234,Jan22,Delta late\n3,,$5,50%\n")
    first = runner.invoke(main, ["analyze", str(posts), "--brand", "Delta", "-f", "csv"])
    assert first.exit_code == 0, first.stderr
    out = pd.read_csv(io.StringIO(first.stdout), dtype=str, keep_default_na=False)
    assert out["author"].tolist() == ['="(5)"', '="Jan22"', '="$5"']
    assert out["parent_id"].tolist() == ["", '="1.234"', ""]
    assert out["text"].tolist() == ["Delta lost my bag", "Delta late", '="50%"']
    again = runner.invoke(main, ["analyze", "-", "--brand", "Delta", "-f", "jsonl"], input=first.stdout)
    assert again.exit_code == 0, again.stderr
    back = [json.loads(line) for line in again.stdout.splitlines()]
    assert [(r["parent_id"], r["author"], r["text"]) for r in back] == [
        (None, "(5)", "Delta lost my bag"),
        ("1.234", "Jan22", "Delta late"),
        (None, "$5", "50%"),
    ]


def test_spreadsheet_safe_csv_read_back_keeps_texts_that_look_guarded(runner, tmp_path):
    """A post quoting a tweet ("'@Delta ...'") lost its ' when brandpulse read its own CSV back; one
    with a NUL before `=` (JSON keeps NULs) went out unguarded, and LibreOffice, which drops NULs, ran it."""
    posts = ["'@Delta lost my bag' was my tweet", "'=1+1 Delta", "\x00=1+1 Delta", "''@Delta", "@Delta ok"]
    lines = [json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(posts)]
    (tmp_path / "p.jsonl").write_text("".join(lines))
    first = runner.invoke(main, ["analyze", str(tmp_path / "p.jsonl"), "--brand", "Delta", "-f", "csv"])
    assert first.exit_code == 0, first.stderr
    # (pandas 2.3's CSV parser cuts a cell at a NUL: it stands aside while the cells are split)
    cells = pd.read_csv(io.StringIO(first.stdout.replace("\x00", "\ufffe")), dtype=str)["text"]
    cells = cells.str.replace("\ufffe", "\x00").tolist()
    assert cells == ["''@Delta lost my bag' was my tweet", "''=1+1 Delta", "'\x00=1+1 Delta", "'''@Delta", "'@Delta ok"]
    again = runner.invoke(main, ["analyze", "-", "--brand", "Delta", "-f", "jsonl"], input=first.stdout)
    assert again.exit_code == 0, again.stderr
    back = [json.loads(line)["text"] for line in again.stdout.splitlines()]
    # as read back: exact, but the NUL, which brandpulse's CSV reader drops as other tools do
    assert back == ["'@Delta lost my bag' was my tweet", "'=1+1 Delta", "=1+1 Delta", "''@Delta", "@Delta ok"]


def test_a_csv_another_tool_wrote_keeps_its_quote_before_a_formula_character(runner, tmp_path):
    """A CSV of unknown shape (not brandpulse's header) whose text is "'=hello" was read as "=hello": brandpulse's
    guard was undone in any file. A spreadsheet shows that cell as "'=hello"; brandpulse reads it so now, and undoes
    its `'` in its own CSV alone. `="007"` is `007` in either, as a spreadsheet shows it."""
    posts = tmp_path / "p.csv"
    posts.write_text(
        "id,text\n" + "=\"007\",'=hello Delta\n2,\"'@Delta lost my bag' was my tweet\"\n3,''@Delta twice\n"
    )
    texts = ["'=hello Delta", "'@Delta lost my bag' was my tweet", "''@Delta twice"]
    first = runner.invoke(main, ["analyze", str(posts), "--brand", "Delta", "-f", "jsonl"])
    assert first.exit_code == 0, first.stderr
    rows = [json.loads(line) for line in first.stdout.splitlines()]
    assert [(r["post_id"], r["text"]) for r in rows] == [("007", texts[0]), ("2", texts[1]), ("3", texts[2])]
    # its own CSV, guarded ("''=hello Delta"), is read back as the posts were
    own = runner.invoke(main, ["analyze", str(posts), "--brand", "Delta", "-f", "csv"])
    again = runner.invoke(main, ["analyze", "-", "--brand", "Delta", "-f", "jsonl"], input=own.stdout)
    assert again.exit_code == 0, again.stderr
    assert [json.loads(line)["text"] for line in again.stdout.splitlines()] == texts
    # and a frame: pd.read_csv of its own CSV undone, a frame of other columns kept
    import brandpulse

    assert brandpulse.analyze(pd.DataFrame({"text": texts}))["text"].tolist() == texts
    read = pd.read_csv(io.StringIO(own.stdout), dtype=str, keep_default_na=False)
    assert brandpulse.analyze(read)["text"].tolist() == texts


@pytest.mark.parametrize(
    "command",
    [
        ["analyze"],
        ["analyze", "--per-brand"],
        ["analyze", "--keep", "channel"],
        ["query", "test", "Delta"],
        ["queue", "--until", "2026-11-09"],
        ["report", "--until", "2026-11-09", "--table", "negative_posts"],
    ],
)
def test_every_csv_of_posts_brandpulse_writes_has_its_quote_guards_undone_when_read_back(runner, tmp_path, command):
    """Only a header of the post schema's columns was known as brandpulse's: a queue CSV (or a report's table of
    posts) read back kept the `'` of its guards, `'=1+2 Delta is late` and `'@bob`."""
    posts = tmp_path / "p.csv"
    posts.write_text(
        "post_id,created_at,author,text,channel\n1,2026-11-02T10:00:00Z,@bob,=1+2 Delta is late and awful,=c\n"
    )
    if command[0] == "query":
        args = [*command, str(posts), "-f", "csv"]
    else:
        args = [*command, str(posts), "--brand", "Delta", "-f", "csv", "-q"]
    written = runner.invoke(main, args)
    assert written.exit_code == 0, written.stderr
    assert "'=1+2 Delta is late and awful" in written.stdout and "'@bob" in written.stdout  # (guarded)
    back = runner.invoke(main, ["analyze", "-", "--brand", "Delta", "-f", "jsonl", "-q"], input=written.stdout)
    assert back.exit_code == 0, back.stderr
    rows = [json.loads(line) for line in back.stdout.splitlines()]
    assert [(r["author"], r["text"]) for r in rows] == [("@bob", "=1+2 Delta is late and awful")]
    read = pd.read_csv(io.StringIO(written.stdout), dtype=str, keep_default_na=False)
    import brandpulse

    assert brandpulse.analyze(read)[["author", "text"]].values.tolist() == [["@bob", "=1+2 Delta is late and awful"]]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_read_back_a_post_without_an_id_is_the_same_post(runner, tmp_path, fmt):
    """Times were written in whole seconds: read back with the export it came from, a post without an
    id and with a fraction of a second (Bluesky's, Reddit's) was another post, counted twice."""
    (tmp_path / "p.jsonl").write_text(
        json.dumps({"author": "ann", "created_at": "2026-11-02T10:00:00.75Z", "text": "Delta"})
    )
    first = runner.invoke(main, ["analyze", str(tmp_path / "p.jsonl"), "--brand", "Delta", "-f", fmt])
    assert first.exit_code == 0, first.stderr
    assert "2026-11-02T10:00:00.750Z" in first.stdout
    (tmp_path / f"out.{fmt}").write_text(first.stdout)
    both = runner.invoke(main, ["analyze", str(tmp_path / "p.jsonl"), str(tmp_path / f"out.{fmt}"), "-f", "csv"])
    assert last_line(both.stderr) == "read 2 rows: analyzed 1, duplicates 1, rejected 0"


@pytest.mark.parametrize(
    "name, content", [("e.jsonl", ""), ("b.jsonl", "\n \n"), ("a.json", "[]"), ("h.csv", "id,text\n")]
)
def test_an_empty_export_is_zero_rows_not_an_error(runner, tmp_path, name, content):
    """What `fetch -o x.jsonl` writes when the API found nothing; it crashed the JSON Lines reader."""
    (tmp_path / name).write_text(content)
    for args in ([str(tmp_path / name)], ["-", "--input-format", name.split(".")[1]]):
        result = runner.invoke(main, ["analyze", *args, "--brand", "Acme", "-f", "csv"], input=content)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.startswith("post_id,") and len(result.stdout.splitlines()) == 1  # the header alone
        assert last_line(result.stderr) == "read 0 rows: analyzed 0, duplicates 0, rejected 0"


@pytest.mark.parametrize("engine", ["pandas", "dask"])
def test_analyze_fail_on_empty_tells_a_cron_job_of_an_export_that_died_after_its_header(
    runner, tmp_path, engine, request
):
    """`ingest --fail-on-empty` exits 4 on a FILE of no posts; `analyze` had no such flag: a cron job's export that
    died after its header gave a warning and exit 0. Now exit 4 naming the file (and stdin), after the other FILES'
    rows are written; without the flag, a header alone is still a quiet hour's export. The same with either engine
    (dask's had no test)."""
    on = ["--engine", engine]
    if engine == "dask":
        on += ["--scheduler", request.getfixturevalue("dask_scheduler")]
    header, posts, out = tmp_path / "h.csv", tmp_path / "p.csv", tmp_path / "out.csv"
    header.write_text("id,created_at,text\n")
    posts.write_text("id,created_at,text\n1,2026-11-02,Acme app crashes\n")
    args = ["analyze", str(header), str(posts), "--brand", "Acme", "-o", str(out), "-q", *on]
    failed = runner.invoke(main, [*args, "--fail-on-empty"])
    assert (failed.exit_code, failed.stderr) == (
        4,
        f"brandpulse: error: {header}: held no posts (--fail-on-empty: an export that failed?)\n",
    )
    assert pd.read_csv(out, dtype=str)["post_id"].tolist() == ["1"]  # (the other file's row)
    assert runner.invoke(main, args).exit_code == 0
    fine = runner.invoke(main, ["analyze", str(posts), "--brand", "Acme", "-f", "csv", "--fail-on-empty", *on])
    assert fine.exit_code == 0, fine.stderr
    alone = runner.invoke(main, ["analyze", str(header), "--brand", "Acme", "-o", str(out), *on, "--fail-on-empty"])
    assert alone.exit_code == 4 and pd.read_csv(out, dtype=str).empty  # (nothing analyzed: the header alone written)
    if engine == "dask":  # (dask reads FILES, not stdin)
        return
    stdin = runner.invoke(main, ["analyze", "--brand", "Acme", "-f", "csv", "-q", "--fail-on-empty"], input="")
    assert stdin.exit_code == 4 and "stdin (no FILES given): held no posts" in stdin.stderr


@pytest.mark.parametrize("ext", ["json", "jsonl", "parquet", "csv", "tsv"])
def test_output_file_formats_round_trip(runner, tmp_path, ext):
    target = tmp_path / f"out.{ext}"
    result = runner.invoke(main, ["analyze", *AIRLINES, "-o", str(target), "--raw-csv"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""  # data went to the file
    back = pd.DataFrame(
        pd.read_parquet(target)
        if ext == "parquet"
        else pd.read_json(target, lines=ext == "jsonl", dtype={"post_id": str})
        if ext.startswith("json")
        else pd.read_csv(target, sep="," if ext == "csv" else "\t", dtype=str)
    )
    assert back["post_id"].astype(str).tolist()[0] == "570306133677760513"
    assert back["brands"].tolist()[2] == "United"
    assert len(back) == 11


def test_empty_values_are_empty_strings_for_none_found_and_null_for_no_value_as_readme_says(runner, tmp_path):
    """`-f json` wrote `"brands": ""`, `"topics": ""`, `"intent": ""` but `"brand_sentiments": null` and
    `"sentiment_label": null`, which README called "empty" alike. The rule, now in README with an example line:
    `""` is a finding (analyzed, none), `null` no value; JSON, JSON Lines and Parquet alike, CSV an empty cell."""
    (tmp_path / "p.csv").write_text(
        "post_id,text,lang\n1,Skyway lost my bag,en\n2,la comida es buena hoy,es\n"
        '3,"switched from Skyway to Aerolux, best decision ever",en\n'
    )
    cols = ["brands", "sentiment", "subjectivity", "sentiment_label", "topics", "intent", "brand_sentiments", "intents"]
    run = ["analyze", str(tmp_path / "p.csv"), "--brand", "Skyway", "--brand", "Aerolux", "--sentiment", "cx"]
    lines = runner.invoke(main, [*run, "-f", "jsonl"])
    assert lines.exit_code == 0, lines.stderr
    rows = [{c: json.loads(line)[c] for c in cols} for line in lines.stdout.splitlines()]
    spanish = {c: None for c in cols} | {"brands": "", "topics": "", "intent": "", "intents": ""}
    assert rows[1] == spanish
    assert (rows[0]["brands"], rows[0]["sentiment_label"], rows[0]["brand_sentiments"]) == ("Skyway", "negative", None)
    assert rows[2]["brand_sentiments"] == "Skyway=-0.5004;Aerolux=0.5004"
    # README's example line is that post's, as written
    readme = (ROOT / "README.md").read_text("utf-8")
    shown = re.search(r'```json\n(\{"brands": "".*\})\n```', readme)
    assert shown and json.loads(shown[1]) == spanish and shown[1] == json.dumps(spanish)
    array = runner.invoke(main, [*run, "-f", "json"])
    assert [{c: r[c] for c in cols} for r in json.loads(array.stdout)] == rows
    assert runner.invoke(main, [*run, "-o", str(tmp_path / "p.parquet")]).exit_code == 0
    parquet = pq.read_table(tmp_path / "p.parquet").select(cols).to_pylist()
    assert [{c: v if c != "sentiment" or v is None else round(v, 4) for c, v in r.items()} for r in parquet] == [
        {c: v if c != "sentiment" or v is None else round(v, 4) for c, v in r.items()} for r in rows
    ]
    csv = runner.invoke(main, [*run, "-f", "csv"]).stdout.splitlines()
    assert csv[2].endswith(",la comida es buena hoy,,es,,,,,," + "," * (len(cols) - 1))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_brands_own_posts_are_rows_but_not_in_the_tables(runner, tmp_path, jobs):
    """@SkywayAir's apology names Skyway and reads negative: it is written out, but Skyway's volume and
    NSS are its customers' (1 positive, 1 negative: NSS 0, not -33.3), and the count line says why."""
    (tmp_path / "c.toml").write_text('[brands.Skyway]\nterms = ["Skyway"]\nhandles = ["@SkywayAir"]\n')
    (tmp_path / "p.csv").write_text(
        "post_id,author,text\n"
        "1,ann,I love Skyway\n"
        "2,bob,Skyway lost my bag. Awful\n"
        "3,SkywayAir,So sorry about your bag. Skyway support is on it: terrible news\n"
    )
    out = ["-o", str(tmp_path / "o.csv"), "--summary-csv", str(tmp_path / "s.csv"), "--jobs", jobs]
    result = runner.invoke(main, ["analyze", str(tmp_path / "p.csv"), "-c", str(tmp_path / "c.toml"), *out])
    assert result.exit_code == 0, result.stderr
    rows = pd.read_csv(tmp_path / "o.csv", dtype=str)
    assert rows["post_id"].tolist() == ["1", "2", "3"] and rows["sentiment_label"].tolist()[1:] == ["negative"] * 2
    skyway = pd.read_csv(tmp_path / "s.csv").set_index("brand").loc["Skyway"]
    assert (skyway["mentions"], skyway["positive"], skyway["negative"], skyway["nss"]) == (2, 1, 1, 0.0)
    assert last_line(result.stderr).endswith(
        "rejected 0, 3 without a time (in no report or alert), by brand handles 1 (not in the tables)"
    )


def test_summary_csv(runner, tmp_path):
    result = runner.invoke(
        main, ["analyze", *AIRLINES, "-o", str(tmp_path / "o.csv"), "--summary-csv", str(tmp_path / "s.csv")]
    )
    assert result.exit_code == 0, result.stderr
    s = pd.read_csv(tmp_path / "s.csv").set_index("brand")
    # brand mentions: Virgin America 2, United 3 (rows 3, 4, 10), Southwest 1, Delta 2, US Airways 1, American 2
    assert s["mentions"].tolist() == [2, 3, 1, 2, 1, 2, 1]
    # 3 / 11 = 27.27 is 27.3, each share rounded on its own as in a spreadsheet (together 100.1)
    assert s["share_of_voice"].dropna().tolist() == [18.2, 27.3, 9.1, 18.2, 9.1, 18.2]
    assert s.loc["(no brand)", "mentions"] == 1
    # the file's extension picks the format (it was CSV under a .parquet name); one not written: exit 2
    out = ["analyze", *AIRLINES, "-o", str(tmp_path / "o.csv"), "--summary-csv"]
    assert runner.invoke(main, [*out, str(tmp_path / "s.parquet")]).exit_code == 0
    assert pd.read_parquet(tmp_path / "s.parquet").set_index("brand")["mentions"].tolist() == s["mentions"].tolist()
    md = runner.invoke(main, [*out, str(tmp_path / "s.md")])
    assert md.exit_code == 2 and not (tmp_path / "s.md").exists()
    assert f"--summary-csv {tmp_path / 's.md'}: analyze writes csv, tsv, json, jsonl, parquet, not md" in (md.stderr)


@pytest.mark.parametrize("extra", [[], ["--chunksize", "1"], ["--jobs", "2", "--chunksize", "2"]])
def test_the_summary_csv_has_the_intents_per_brand(runner, tmp_path, extra):
    """The terminal and `report` have an intents-per-brand table; `--summary-csv` had none. Its rows are brands, so
    each intent is a column, `intent_complaint` ... `intent_none`, adding up to `mentions`; the brand's own post
    (SkywayAir's apology) is in none, as in every table."""
    (tmp_path / "c.toml").write_text(
        '[brands.Skyway]\nterms = ["Skyway"]\nhandles = ["@SkywayAir"]\n'
        '[brands.Aerolux]\nterms = ["Aerolux"]\ncompetitor = true\n'
    )
    (tmp_path / "p.csv").write_text(
        "post_id,author,text\n"
        "1,ann,Skyway lost my bag. Awful\n"  # a complaint
        "2,bob,does Skyway fly to Paris?\n"  # a question
        "3,cat,thanks Skyway and Aerolux for a great crew\n"  # praise, of both
        "4,dan,Aerolux flight 22 boards at gate 5\n"  # none
        "5,eve,where is the nearest airport?\n"  # a question naming no brand
        "6,SkywayAir,So sorry about your bag. Skyway support is on it\n"  # the brand's own: in no table
    )
    args = ["analyze", str(tmp_path / "p.csv"), "-c", str(tmp_path / "c.toml"), "-o", str(tmp_path / "o.csv")]
    result = runner.invoke(main, [*args, "--summary-csv", str(tmp_path / "s.csv"), *extra])
    assert result.exit_code == 0, result.stderr
    s = pd.read_csv(tmp_path / "s.csv").set_index("brand")
    intents = [c for c in s.columns if c.startswith("intent_")]
    assert intents == [
        "intent_complaint",
        "intent_question",
        "intent_praise",
        "intent_suggestion",
        "intent_purchase-intent",
        "intent_none",
    ]
    assert s.columns[: -len(intents)].tolist() == SUMMARY_COLUMNS[1:]  # (the columns before, as they were)
    assert s[intents].to_dict("index") == {
        "Skyway": dict(zip(intents, [1, 1, 1, 0, 0, 0], strict=True)),
        "Aerolux": dict(zip(intents, [0, 0, 1, 0, 0, 1], strict=True)),
        "(no brand)": dict(zip(intents, [0, 1, 0, 0, 0, 0], strict=True)),
    }
    assert (s[intents].sum(axis=1) == s["mentions"]).all()


@pytest.mark.parametrize("extra", [[], ["--chunksize", "1"], ["--jobs", "2", "--chunksize", "2"]])
def test_the_intents_per_brand_count_every_intent_of_a_post(runner, tmp_path, extra):
    """Stop 54: a post both a complaint and a suggestion (its `intents` "suggestion;complaint") counted as a
    suggestion alone in `--summary-csv` and the terminal's "Intents per brand". By hand: Skyway's posts 1 (suggestion,
    complaint) and 2 (question): mentions 2, complaint 1, question 1, suggestion 1 (3 intents of 2 posts); post 3
    names no brand, none. In every engine (the chunks' counts added up)."""
    (tmp_path / "c.toml").write_text('[brands.Skyway]\nterms = ["Skyway"]\n')
    (tmp_path / "p.csv").write_text(
        "post_id,author,text\n"
        '1,ann,"Skyway lost my bag, please add a bag tracker"\n'
        "2,bob,Does Skyway allow pets in the cabin?\n"
        "3,cat,Nothing to report today\n"
    )
    args = ["analyze", str(tmp_path / "p.csv"), "-c", str(tmp_path / "c.toml"), "-o", str(tmp_path / "o.csv")]
    result = runner.invoke(main, [*args, "--summary-csv", str(tmp_path / "s.csv"), *extra])
    assert result.exit_code == 0, result.stderr
    assert pd.read_csv(tmp_path / "o.csv", keep_default_na=False)["intents"].tolist() == [
        "suggestion;complaint",
        "question",
        "",
    ]
    s = pd.read_csv(tmp_path / "s.csv").set_index("brand")
    intents = [c for c in s.columns if c.startswith("intent_")]
    assert s.loc["Skyway", ["mentions", *intents]].tolist() == [2, 1, 1, 0, 1, 0, 0]
    assert s.loc["(no brand)", ["mentions", *intents]].tolist() == [1, 0, 0, 0, 0, 0, 1]
    table = runner.invoke(main, [*args[:-2], "-f", "table", *extra], env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.stderr
    rows = [
        [c.strip() for c in line.split("│")[1:-1]] for line in table.stdout.split("Intents per brand")[1].splitlines()
    ]
    assert ["Skyway", "2", "1", "1", "0", "1", "0", "0"] in rows
    assert "in each of their columns, so they may add up to more than posts" in " ".join(table.stdout.split())


def test_on_a_terminal_the_post_tables_link_each_text_to_its_post(runner, tmp_path):
    """Most negative/positive posts could not be opened from the terminal: their texts are now OSC 8
    hyperlinks to the post's `url` (http(s) only), on terminals that know them."""
    src = tmp_path / "p.csv"
    src.write_text(
        "id,text,url\n"
        "1,Delta lost my bag. terrible,https://x.com/a/status/1\n"
        "2,Delta crew were wonderful,https://x.com/b/status/2\n"
        "3,Delta delayed again. awful,javascript:alert(1)\n"
    )
    result = runner.invoke(main, ["analyze", str(src), "--brand", "Delta", "-f", "table"], env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    linked = dict(re.findall(r"\x1b]8;id=[^;]*;([^\x1b]+)\x1b\\([^\x1b]*)", result.stdout))
    assert linked == {
        "https://x.com/a/status/1": "Delta lost my bag. terrible",
        "https://x.com/b/status/2": "Delta crew were wonderful",
    }
    assert "Delta delayed again. awful" in result.stdout  # shown, not linked


def test_table_output(runner):
    result = runner.invoke(main, ["analyze", *AIRLINES, "-f", "table"])
    assert result.exit_code == 0
    assert "Brands" in result.stdout and "Virgin America" in result.stdout
    assert "Most negative posts" in result.stdout
    # United: rows 3, 4 and 10 of 11 (27.3%), all negative ("delayed 3 hours ... Terrible", "lost my bag
    # again", and "Switched from @united", left for Delta): pos 0, neu 0, neg 3, NSS (0 - 3) / 3 = -100.0
    united = next(line for line in result.stdout.splitlines() if line.startswith("│ United "))
    assert [cell.strip() for cell in united.strip("│").split("│")][:7] == [
        "United", "3", "27.3%", "0", "0", "3", "-100.0"
    ]  # fmt: skip
    assert "\x1b[" not in result.stdout  # no colour when not a terminal
    caption = " ".join(result.stdout.split("└", 1)[1].split("Top topics", 1)[0].split())  # (below the Brands table)
    assert "NSS: net sentiment score, % pos - % neg (-100..100)" in caption  # (the caption named every column but it)
    # the brands' posts add up to 12 for 11 posts (row 10 names United and Delta): the caption says why
    assert (
        "┘ posts: naming the brand, a post naming several in each of their rows; SoV: share of voice, % of" in caption
    )


@pytest.mark.parametrize("chunksize", ["1", "100"])
def test_the_post_tables_list_only_posts_the_brand_table_counts_negative_or_positive(runner, tmp_path, chunksize):
    """With few posts, "Skyway meh" (-0.04, neutral in the Brands table) was listed among the most negative
    posts. The lists follow the config's thresholds, also added up chunk by chunk: with `negative = -0.5`,
    "Skyway was awful" (-0.43, neutral there too) is in neither list."""
    (tmp_path / "p.csv").write_text(
        "post_id,text\n1,Skyway meh\n2,Skyway was great\n3,Skyway flight 22 boards at gate 5\n4,Skyway was awful\n"
    )

    def listed(config: str) -> tuple[list[str], list[str]]:
        (tmp_path / "c.toml").write_text('[brands.Skyway]\nterms = ["Skyway"]\n' + config)
        args = ["analyze", str(tmp_path / "p.csv"), "-c", str(tmp_path / "c.toml"), "-f", "table"]
        result = runner.invoke(main, [*args, "--chunksize", chunksize], env={"COLUMNS": "120"})
        assert result.exit_code == 0, result.stderr
        # (a list with no post is not printed)
        rest, positive = (result.stdout.split("Most positive posts") + [""])[:2]
        negative = rest.split("Most negative posts")[1] if "Most negative posts" in rest else ""
        return tuple(re.findall(r"│ (Skyway[^│]*?) +│\n", t) for t in (negative, positive))

    assert listed("") == (["Skyway was awful"], ["Skyway was great"])
    assert listed("[sentiment]\nnegative = -0.5\n") == ([], ["Skyway was great"])


@pytest.mark.parametrize("chunksize", ["1", "100"])
def test_the_post_tables_list_posts_naming_a_brand(runner, tmp_path, chunksize):
    """ "Most positive posts" started with "the best sushi in Miami is at the tiny place ..." (no brand) in the
    example data's analysis. With brands configured the lists are of posts naming one, and their titles say so;
    without brands, where no post names one, they list every post, under the plain titles."""
    (tmp_path / "p.csv").write_text(
        "post_id,text\n1,wow the best sushi in Miami is amazing!!\n2,Skyway was great\n"
        "3,this traffic is the worst ever!!\n4,Skyway was awful\n"
    )
    (tmp_path / "c.toml").write_text('[brands.Skyway]\nterms = ["Skyway"]\n')

    def listed(*config: str) -> tuple[list[str], list[str], list[str]]:
        args = ["analyze", str(tmp_path / "p.csv"), *config, "-f", "table", "--chunksize", chunksize]
        result = runner.invoke(main, args, env={"COLUMNS": "120"})
        assert result.exit_code == 0, result.stderr
        rest, positive = result.stdout.split("Most positive posts")
        titles = re.findall(r"^Most (?:negative|positive) posts.*?$", result.stdout, flags=re.MULTILINE)
        negative = rest.split("Most negative posts")[1]
        return titles, *(re.findall(r"│ ([a-zA-Z][^│]*?) +│\n", t) for t in (negative, positive))

    titles, negative, positive = listed("-c", str(tmp_path / "c.toml"))
    assert (negative, positive) == (["Skyway was awful"], ["Skyway was great"])
    assert [t.strip()[:34] for t in titles] == [
        "Most negative posts naming a brand",
        "Most positive posts naming a brand",
    ]
    titles, negative, positive = listed()  # (no config: the runner's folder holds no brandpulse.toml)
    assert sorted(negative) == ["Skyway was awful", "this traffic is the worst ever!!"]
    assert sorted(positive) == ["Skyway was great", "wow the best sushi in Miami is amazing!!"]
    assert [t.strip() for t in titles] == ["Most negative posts", "Most positive posts"]


def test_stdin_and_rejects_file(runner, tmp_path):
    data = "id,text\n1,Delta rocks\n2,bad,row\n3,delta variant news\n"
    result = runner.invoke(
        main, ["analyze", "-", "--brand", "Delta", "--rejects", str(tmp_path / "r.csv"), "-f", "jsonl"], input=data
    )
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["post_id"] for r in rows] == ["1", "3"]
    assert [r["brands"] for r in rows] == ["Delta", "Delta"]  # no exclusion given on the command line
    rejects = pd.read_csv(tmp_path / "r.csv", dtype=str)
    assert rejects.to_dict("records") == [
        {"source": "<stdin>", "position": "line 3", "reason": "expected 2 fields, saw 3", "record": "2,bad,row"}
    ]
    assert last_line(result.stderr) == (
        f"read 3 rows: analyzed 2, duplicates 0, rejected 1 (in {tmp_path / 'r.csv'}), "
        "2 without a time (in no report or alert)"
    )
    # the rejects' name, not "-"; posts without a time are in no report
    assert result.stderr.splitlines()[0] == f"<stdin>: 3 rows; columns post_id=id{UNTIMED}"
    # the rejects file's format from its extension (it was CSV under any name); one not written: exit 2
    as_parquet = runner.invoke(
        main, ["analyze", "-", "-f", "jsonl", "--rejects", str(tmp_path / "r.parquet")], input=data
    )
    assert as_parquet.exit_code == 0
    assert pd.read_parquet(tmp_path / "r.parquet").to_dict("records") == rejects.to_dict("records")
    as_md = runner.invoke(main, ["analyze", "-", "-f", "jsonl", "--rejects", str(tmp_path / "r.md")], input=data)
    assert as_md.exit_code == 2 and as_md.stdout == "" and not (tmp_path / "r.md").exists()
    assert f"--rejects {tmp_path / 'r.md'}: brandpulse writes csv, tsv, json, jsonl, parquet, not md" in as_md.stderr
    # a run without rejects empties the file: the last run's rejects were left there, as if today's
    clean = runner.invoke(
        main, ["analyze", "-", "-f", "jsonl", "--rejects", str(tmp_path / "r.csv")], input="id,text\n1,ok\n"
    )
    assert clean.exit_code == 0 and (tmp_path / "r.csv").read_text() == "source,position,reason,record\n"
    twice = runner.invoke(main, ["analyze", "-", "-", "-f", "jsonl"], input=data)  # stdin is read once
    assert twice.exit_code == 2 and "`-` (stdin) given more than once" in twice.stderr and twice.stdout == ""


def test_parquet_tables_without_rows_keep_their_text_columns_typed(runner, tmp_path):
    # A nightly load creates its table from the first file: a rejects file of a run without rejects, or the
    # summary of a run without posts, had columns of Arrow's type `null`, which DuckDB then could not append
    # the next night's text to ("Unimplemented type for cast (VARCHAR -> "NULL")")
    import duckdb

    rejects, summary = tmp_path / "r.parquet", tmp_path / "s.parquet"
    args = ["analyze", "-", "-f", "jsonl", "--rejects", str(rejects), "--summary-csv", str(summary)]
    result = runner.invoke(main, args, input="id,text\n")
    assert result.exit_code == 0, result.stderr
    assert pq.read_schema(rejects).types == [pa.large_string()] * 4
    assert pq.read_table(rejects).num_rows == 0
    assert pq.read_schema(summary).field("brand").type == pa.large_string()
    con = duckdb.connect()
    con.execute(f"CREATE TABLE r AS SELECT * FROM '{rejects}'")
    assert runner.invoke(main, args, input="id,text\n1,\n2,ok\n").exit_code == 0
    con.execute(f"INSERT INTO r SELECT * FROM '{rejects}'")
    assert con.execute("SELECT position, reason FROM r").fetchall() == [("line 2", "empty text")]
    # a file with rejects: its four columns of one type, as the posts' text columns are
    assert pq.read_schema(rejects).types == [pa.large_string()] * 4


def test_counts_of_one_are_singular(runner, tmp_path):
    (tmp_path / "one.csv").write_text("id,text\n1,flight delayed again\n")
    result = runner.invoke(main, ["analyze", str(tmp_path / "one.csv"), "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == f"{tmp_path / 'one.csv'}: 1 row; columns post_id=id{UNTIMED}"
    assert (
        last_line(result.stderr)
        == "read 1 row: analyzed 1, duplicates 0, rejected 0, 1 without a time (in no report or alert)"
    )


def test_duplicates_are_dropped_and_counted(runner, tmp_path):
    # (x, 1) twice; (y, 1) is another post; without an id the same platform, author, time and text twice
    # is one post (as the store counts it), another text is another post
    (tmp_path / "d.csv").write_text("id,platform,text\n1,x,a\n1,x,a\n1,y,a\n,x,b\n,x,b\n,x,c\n")
    result = runner.invoke(main, ["analyze", str(tmp_path / "d.csv"), "-f", "csv"])
    assert pd.read_csv(io.StringIO(result.stdout))["text"].tolist() == ["a", "a", "b", "c"]
    assert last_line(result.stderr) == (
        "read 6 rows: analyzed 4, duplicates 2, rejected 0, 4 without a time (in no report or alert)"
    )
    result = runner.invoke(main, ["analyze", str(tmp_path / "d.csv"), "-f", "csv", "--keep-duplicates"])
    assert len(pd.read_csv(io.StringIO(result.stdout))) == 6


@pytest.mark.parametrize("command", [["analyze"], ["ingest", "--store", "s.duckdb"], ["query", "test", "Delta"]])
def test_a_path_the_system_refuses_is_one_input_error(runner, tmp_path, monkeypatch, command):
    """A name too long (ENAMETOOLONG) was an internal error (exit 1); a symbolic link loop was "no such file";
    a file where a folder should be the same. Each is now one line naming the path and the system's reason, exit 4."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "loop").symlink_to("loop")
    (tmp_path / "posts.csv").write_text("id,text\n1,Delta rocks\n")
    cases = [
        ("a" * 300 + ".csv", "File name too long"),
        ("loop", "Too many levels of symbolic links"),
        ("posts.csv/x.csv", "Not a directory"),
    ]
    for path, reason in cases:
        result = runner.invoke(main, [*command, path])
        assert result.exit_code == 4, (path, result.stderr)
        assert last_line(result.stderr) == f"brandpulse: error: {path}: cannot read: {reason}"


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["analyze", "missing.csv"], 4, "brandpulse: error: missing.csv: no such file"),
        (
            ["analyze", "nocol.csv"],
            4,
            "brandpulse: error: nocol.csv: no text column (columns: a, b); name it with --map text=COLUMN",
        ),
        (["analyze", "ok.csv", "--config", "bad.toml"], 5, "brandpulse: error: bad.toml: invalid TOML"),
        (["analyze", "ok.csv", "--config", "nope.toml"], 5, "brandpulse: error: nope.toml: no such config file"),
        (["analyze", "ok.csv", "--topics", "nope.toml"], 5, "brandpulse: error: nope.toml: no such topics file"),
        # (a missing file of --sentiment is an input error, as a missing model: file is; it was 5)
        (["analyze", "ok.csv", "--sentiment", "cx:nope.toml"], 4, "brandpulse: error: nope.toml: no such lexicon file"),
        (["analyze", "ok.csv", "--sentiment", "nope"], 5, "brandpulse: error: unknown sentiment analyzer 'nope'"),
        (["analyze", "ok.csv", "--map", "txt=a"], 5, "brandpulse: error: --map 'txt=a': unknown field 'txt'"),
        (["analyze", "ok.csv", "--map", "text=zzz"], 4, "brandpulse: error: ok.csv: --map text=zzz: no column 'zzz'"),
        (
            ["analyze", "ok.csv", "--map", "text=txt"],
            4,
            "brandpulse: error: ok.csv: --map text=txt: no column 'txt', did you mean 'text'? (columns: a, text)",
        ),
        (
            ["analyze", "ok.csv", "--map", "text=a", "--map", "text=text"],
            5,
            "brandpulse: error: --map: 'text' is mapped twice, to 'a' and to 'text'",
        ),
        (["analyze", "bad.json"], 4, "brandpulse: error: bad.json: not valid JSON"),
        (["analyze", "ok.csv", "-f", "xml"], 2, "Invalid value for '-f' / '--format'"),
    ],
)
def test_errors_are_one_line_with_exit_code(runner, tmp_path, args, code, message):
    (tmp_path / "nocol.csv").write_text("a,b\n1,2\n")
    (tmp_path / "ok.csv").write_text("a,text\n1,hello\n")
    (tmp_path / "bad.toml").write_text("[brands\n")
    (tmp_path / "bad.json").write_text('[{"text": "a"} {"text": "b"}]')  # (a missing comma)
    result = runner.invoke(main, args)
    assert result.exit_code == code
    assert message in result.stderr
    if code != 2:
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    "second",
    ["b.csv", "b.csv.gz", "b.tsv", "b.parquet", "b.xlsx", "long.csv", "titled.csv", "b.json", "b.jsonl", "b.jsonl.gz"],
)
def test_a_map_the_second_file_does_not_fit_stops_before_the_first_files_rows(runner, tmp_path, second):
    """`analyze a.csv b.csv --map text=body`: a.csv's rows went to stdout, then b.csv stopped the run (exit 4)
    with half an output. Each file's header is checked before any row is written; a JSON or JSON Lines file's
    columns (its records' keys) too, when it is of a megabyte at most (they were checked as it was read)."""
    (tmp_path / "a.csv").write_text("id,body\n1,hello\n")
    b = pd.DataFrame({"id": ["2"], "content": ["second"]})
    b.to_json(tmp_path / "b.json", orient="records")
    b.to_json(tmp_path / "b.jsonl", orient="records", lines=True)
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress((tmp_path / "b.jsonl").read_bytes()))
    b.to_csv(tmp_path / "b.csv", index=False)
    (tmp_path / "b.csv.gz").write_bytes(gzip.compress((tmp_path / "b.csv").read_bytes()))
    b.to_csv(tmp_path / "b.tsv", sep="\t", index=False)
    b.to_parquet(tmp_path / "b.parquet")
    b.to_excel(tmp_path / "b.xlsx", index=False)
    (tmp_path / "long.csv").write_text("id,content\n2," + "x" * 100_000 + "\n")  # past the first 64 KiB
    (tmp_path / "titled.csv").write_text("Mentions report " + "." * 70_000 + "\n\nid,content\n2,second\n")
    result = runner.invoke(main, ["analyze", str(tmp_path / "a.csv"), str(tmp_path / second), "--map", "text=body"])
    assert (result.exit_code, result.stdout) == (4, "")
    assert (
        result.stderr
        == f"brandpulse: error: {tmp_path / second}: --map text=body: no column 'body' (columns: id, content)\n"
    )
    fits = runner.invoke(main, ["analyze", str(tmp_path / "a.csv"), str(tmp_path / second), "--map", "text=id"])
    assert fits.exit_code == 0, fits.stderr  # (a map both fit: no error from the check)


def test_fail_on_rejects(runner, tmp_path):
    (tmp_path / "r.csv").write_text("id,text\n1,a\n2,b,c\n")
    result = runner.invoke(main, ["analyze", str(tmp_path / "r.csv"), "-f", "csv", "--fail-on-rejects"])
    assert result.exit_code == 4
    assert last_line(result.stderr) == "brandpulse: error: 1 row rejected (--fail-on-rejects)"


@pytest.mark.parametrize(
    "how",
    [[], ["--jobs", "2", "--chunksize", "1"], ["-f", "json"], ["--engine", "dask"]],
    ids=["one process", "jobs 2", "json", "dask"],
)
def test_a_run_failed_by_its_rejects_leaves_its_output_files_as_they_were(runner, tmp_path, how, request):
    """`--fail-on-rejects -o FILE` replaced FILE with this run's rows, then exited 4: a cron job's last good file
    was gone. The rows and the summary are put in place only by a run that succeeds; the rejects file, which says
    why it failed, is written."""
    if "dask" in how:
        how = [*how, "--scheduler", request.getfixturevalue("dask_scheduler")]
    (tmp_path / "r.csv").write_text("id,text\n1,Acme late\n2,b,c\n3,Acme fine\n")
    out, summary = tmp_path / ("rows.json" if "json" in how else "rows.csv"), tmp_path / "brands.csv"
    out.write_text("yesterday's rows\n")
    summary.write_text("yesterday's summary\n")
    args = ["analyze", str(tmp_path / "r.csv"), "--brand", "Acme", "-o", str(out), "--summary-csv", str(summary)]
    args += ["--rejects", str(tmp_path / "rejects.csv"), *how]
    result = runner.invoke(main, [*args, "--fail-on-rejects"])
    assert (result.exit_code, result.stdout) == (4, "")
    assert last_line(result.stderr) == "brandpulse: error: 1 row rejected (--fail-on-rejects)"
    assert (out.read_text(), summary.read_text()) == ("yesterday's rows\n", "yesterday's summary\n")
    assert pd.read_csv(tmp_path / "rejects.csv")["position"].tolist() == ["line 3"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brands.csv", "r.csv", "rejects.csv", out.name]
    ok = runner.invoke(main, args)  # (without the flag the same run succeeds and replaces both)
    assert ok.exit_code == 0, ok.stderr
    rows = pd.read_json(out, dtype=str) if "json" in how else pd.read_csv(out, dtype=str)
    assert sorted(rows["post_id"]) == ["1", "3"]
    assert pd.read_csv(summary)[["brand", "mentions"]].values.tolist() == [["Acme", 2]]


@pytest.mark.parametrize(
    "how", [["-f", "csv"], ["-f", "jsonl"], ["-f", "json"], ["-f", "csv", "--jobs", "2", "--chunksize", "1"]]
)
def test_a_run_failed_by_its_rejects_writes_nothing_to_stdout(runner, tmp_path, how):
    """`--fail-on-rejects` with the rows on stdout wrote the rows done (CSV and JSON Lines as they were done, a JSON
    array too) and `--summary-csv -`, then exited 4: a pipe's reader took them for a run's whole output, and a file of
    only rejected rows for a CSV of a header alone. Since stop 55 the rows are held until the run is known good."""
    (tmp_path / "r.csv").write_text("id,text\n1,Acme late\n2,b,c\n3,Acme fine\n")
    args = ["analyze", str(tmp_path / "r.csv"), "--brand", "Acme", "--fail-on-rejects", *how]
    rows = runner.invoke(main, args)
    assert (rows.exit_code, rows.stdout) == (4, "")
    assert last_line(rows.stderr) == "brandpulse: error: 1 row rejected (--fail-on-rejects)"
    out = tmp_path / f"rows.{how[1]}"
    summary = runner.invoke(main, [*args, "-o", str(out), "--summary-csv", "-"])
    assert (summary.exit_code, summary.stdout) == (4, "")
    assert not out.exists()  # (a file: not made)
    (tmp_path / "r.csv").write_text("id,text\n1,Acme late\n3,Acme fine\n")  # (no reject: all written, at the end)
    good = runner.invoke(main, args)
    assert good.exit_code == 0, good.stderr
    if "json" in how:
        assert [r["post_id"] for r in json.loads(good.stdout)] == ["1", "3"]
    else:
        read = partial(pd.read_json, lines=True) if "jsonl" in how else pd.read_csv
        assert read(io.StringIO(good.stdout), dtype=str)["post_id"].tolist() == ["1", "3"]


def test_a_run_failed_by_its_rejects_writes_nothing_into_a_pipe_or_through_a_link(tmp_path):
    """A pipe (a real one: the rows are copied to descriptor 1 at the end) gets nothing from a failed run, and a
    link's file is left as it was: written in place, it was emptied and got the rows done."""
    (tmp_path / "r.csv").write_text("id,text\n1,Acme late\n2,b,c\n")
    (tmp_path / "last.csv").write_text("yesterday's rows\n")
    (tmp_path / "link.csv").symlink_to(tmp_path / "last.csv")
    args = [sys.executable, "-m", "brandpulse", "analyze", str(tmp_path / "r.csv"), "--brand", "Acme", "-q"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for more in ([], ["--jobs", "2", "--chunksize", "1"], ["-o", str(tmp_path / "link.csv")]):
        failed = subprocess.run([*args, *more, "--fail-on-rejects"], capture_output=True, env=env, timeout=120)
        assert (failed.returncode, failed.stdout) == (4, b""), failed.stderr
        assert (tmp_path / "last.csv").read_text() == "yesterday's rows\n"
    done = subprocess.run([*args, "-o", str(tmp_path / "link.csv")], capture_output=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "link.csv").is_symlink()
    assert pd.read_csv(tmp_path / "last.csv", dtype=str)["post_id"].tolist() == ["1"]


@pytest.mark.parametrize("ext", ["csv", "tsv", "jsonl"])
@pytest.mark.parametrize("how", [[], ["--jobs", "2", "--chunksize", "1"]], ids=["one process", "jobs 2"])
def test_rows_written_gzipped_to_a_gz_name(runner, tmp_path, ext, how):
    """`-o rows.csv.gz` was refused (exit 2: unknown extension .gz), though gzipped input is read: it is written
    gzipped now, the same rows as `-o rows.csv`, atomically (a failed run leaves the last file as it was)."""
    (tmp_path / "p.csv").write_text("id,text\n1,Acme late again\n2,love Acme\n3,hello\n")
    out = tmp_path / f"rows.{ext}.gz"
    args = ["analyze", str(tmp_path / "p.csv"), "--brand", "Acme", "-q", *how]
    done = runner.invoke(main, [*args, "-o", str(out)])
    assert (done.exit_code, done.stdout) == (0, ""), done.stderr
    with gzip.open(out, "rt", encoding="utf-8") as fh:
        text = fh.read()
    plain = runner.invoke(main, [*args, "-o", str(tmp_path / f"rows.{ext}")])
    assert plain.exit_code == 0, plain.stderr
    assert text == (tmp_path / f"rows.{ext}").read_text(encoding="utf-8")
    if ext == "jsonl":
        rows = pd.read_json(io.StringIO(text), lines=True, dtype=str)
    else:
        rows = pd.read_csv(io.StringIO(text), sep="\t" if ext == "tsv" else ",", dtype=str)
    assert rows["post_id"].tolist() == ["1", "2", "3"]
    assert rows["brands"].fillna("").tolist() == ["Acme", "Acme", ""]
    with gzip.open(out, "rb") as fh:  # (gunzip -N names it rows.csv, not its temporary file)
        fh.read()
    assert out.read_bytes()[3] & 0x08 and out.read_bytes()[10:].startswith(f"rows.{ext}\0".encode())
    (tmp_path / "p.csv").write_text("id,text\n1,Acme late\n2,b,c\n")
    before = out.read_bytes()
    failed = runner.invoke(main, [*args, "-o", str(out), "--fail-on-rejects"])
    assert failed.exit_code == 4
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["p.csv", out.name, f"rows.{ext}"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "rows.parquet.gz"], "--output rows.parquet.gz: gzip is written for csv, tsv, jsonl, not parquet"),
        (["-o", "rows.json.gz"], "--output rows.json.gz: gzip is written for csv, tsv, jsonl, not json"),
        (["-f", "jsonl", "-o", "rows.csv.gz"], "--format jsonl and --output rows.csv (csv, by its extension) disagree"),
        (
            ["-o", "rows.csv", "--summary-csv", "brands.parquet.gz"],
            "--summary-csv brands.parquet.gz: gzip is written for csv, tsv, jsonl, not parquet",
        ),
        (["-o", "rows.csv", "--rejects", "r.json.gz"], "--rejects r.json.gz: gzip is written for csv, tsv, jsonl"),
    ],
)
def test_gz_names_that_are_not_written_gzipped_are_refused(runner, tmp_path, args, message):
    (tmp_path / "p.csv").write_text("id,text\n1,hello\n")
    result = runner.invoke(main, ["analyze", "p.csv", *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.csv"]


@pytest.mark.parametrize("ext", ["csv", "tsv", "jsonl"])
def test_summary_and_rejects_written_gzipped_to_a_gz_name(runner, tmp_path, ext):
    """`--summary-csv brands.csv.gz` and `--rejects rejects.csv.gz` were refused (exit 2: "does not write gzip")
    where `-o rows.csv.gz` is written gzipped: they are written gzipped now, through the same writer, and read back
    with gzip they are the rows `--summary-csv brands.csv` and `--rejects rejects.csv` hold. A run of no rejects
    writes the rejects file's header alone, gzipped too (the last run's rejects are not left there)."""
    (tmp_path / "p.csv").write_text("id,text,created_at\n1,Acme late,2026-11-02\n2,,2026-11-02\n3,Acme ok,nope\n")
    args = ["analyze", "p.csv", "--brand", "Acme", "-q", "-o", "rows.csv"]
    names = {"--summary-csv": f"brands.{ext}", "--rejects": f"rejects.{ext}"}
    zipped = runner.invoke(main, [*args, *[x for k, v in names.items() for x in (k, v + ".gz")]])
    assert zipped.exit_code == 0, zipped.stderr
    plain = runner.invoke(main, [*args, *[x for k, v in names.items() for x in (k, v)]])
    assert plain.exit_code == 0, plain.stderr
    for name in names.values():
        with gzip.open(tmp_path / f"{name}.gz", "rt", encoding="utf-8") as fh:
            assert fh.read() == (tmp_path / name).read_text(encoding="utf-8")

    def table(name: str) -> pd.DataFrame:  # (pandas reads the .gz by its name)
        if ext == "jsonl":
            return pd.read_json(tmp_path / name, lines=True, dtype=False)
        return pd.read_csv(tmp_path / name, sep="\t" if ext == "tsv" else ",")

    rejects = table(f"rejects.{ext}.gz")
    assert rejects["position"].tolist() == ["line 3", "line 4"]
    assert rejects["reason"].tolist() == ["empty text", "bad created_at 'nope'"]
    assert table(f"brands.{ext}.gz")[["brand", "mentions"]].values.tolist() == [["Acme", 1]]
    (tmp_path / "p.csv").write_text("id,text\n1,Acme late\n")
    clean = runner.invoke(main, [*args, "--rejects", f"rejects.{ext}.gz"])
    assert clean.exit_code == 0, clean.stderr
    header = {"csv": "source,position,reason,record\n", "tsv": "source\tposition\treason\trecord\n", "jsonl": ""}
    with gzip.open(tmp_path / f"rejects.{ext}.gz", "rt", encoding="utf-8") as fh:
        assert fh.read() == header[ext]


def test_queue_does_not_write_plain_csv_under_a_gz_name(runner, tmp_path):
    """`-f csv -o q.csv.gz` wrote plain CSV under the .gz name (the format given, the name not looked at)."""
    result = runner.invoke(main, ["queue", "x.csv", "-f", "csv", "-o", str(tmp_path / "q.csv.gz")])
    assert result.exit_code == 2
    assert "queue --output does not write gzip: drop .gz, or pipe the output through gzip" in result.stderr
    assert not (tmp_path / "q.csv.gz").exists()


def test_config_found_in_current_directory(runner, tmp_path):
    (tmp_path / "brandpulse.toml").write_text('[brands.Acme]\nterms = ["acme"]\n')
    (tmp_path / "p.csv").write_text("text\nI like ACME\n")
    result = runner.invoke(main, ["analyze", "p.csv", "-f", "csv"])
    assert pd.read_csv(io.StringIO(result.stdout))["brands"].tolist() == ["Acme"]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[brand.Acme]\nterms = ["acme"]\n', "c.toml: unknown key 'brand' (known: brands, "),
        (
            "[sentiment]\npositve = 0.3\n",
            "c.toml: [sentiment]: unknown key 'positve' (known: analyzer, positive, negative)",
        ),
        ('[sentiment]\nanalyser = "textblob"\n', "c.toml: [sentiment]: unknown key 'analyser'"),
        ('[store]\nfile = "h.duckdb"\n', "c.toml: [store]: unknown key 'file' (known: path)"),
        ("[language]\ndetetc = false\n", "c.toml: [language]: unknown key 'detetc' (known: detect, candidates, names)"),
        # stop 48: a gym's member-services lead put the alerts webhook in [alerts] and read only "(known: topics,
        # safety)", with no word of where a webhook goes (nor was its URL shown: it is a secret)
        (
            '[alerts]\nwebhook = "http://127.0.0.1:9/hook?token=s3cret"\n',
            "c.toml: [alerts]: unknown key 'webhook' (known: topics, safety, min_volume): an alerts webhook is given"
            " by `alerts --webhook URL` or $BRANDPULSE_WEBHOOK, not the config",
        ),
        # stop 49: a smart-home maker's lead added `store = "calora.duckdb"` at the end of the file, below [report],
        # and read "(known: timezone)", with no word that TOML made it [report]'s
        (
            '[report]\ntimezone = "Europe/London"\nstore = "calora.duckdb"\n',
            "c.toml: [report]: unknown key 'store' (known: timezone): store is a top-level key: move it above the "
            "first [table] (TOML reads a key below [report] as its)",
        ),
        (
            '[topics.x]\nkeywords = ["a"]\nextend_default_topics = true\n',
            "c.toml: [topics.x]: unknown key 'extend_default_topics' (known: keywords, phrases, regex, exclude, "
            "query): extend_default_topics is a top-level key: move it above the first [table] (TOML reads a key "
            "below [topics.x] as its)",
        ),
    ],
)
def test_a_misspelt_config_key_is_a_config_error(runner, tmp_path, toml, message):
    """A typo outside the brand and topic tables was ignored: `[brand.Acme]` counted no brand,
    `positve = 0.3` kept the 0.05 threshold, `analyser` kept cx, `[store] file` kept ./brandpulse.duckdb,
    each with exit 0 and no word."""
    (tmp_path / "c.toml").write_text(toml)
    (tmp_path / "p.csv").write_text("text\nI like ACME\n")
    result = runner.invoke(main, ["analyze", "p.csv", "-c", "c.toml", "-f", "csv"])
    assert result.exit_code == 5
    assert result.stdout == ""
    assert last_line(result.stderr).startswith(f"brandpulse: error: {message}")
    assert "s3cret" not in result.stderr


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        # true was 1.0 (no post positive), nan labelled every post neutral, 5 and -inf left a label no
        # polarity (-1..1) reaches: each with exit 0 and no word
        ("[sentiment]\npositive = true\n", "c.toml: [sentiment] positive must be a number"),
        ("[sentiment]\npositive = nan\n", "c.toml: [sentiment] positive (nan) must be a number from -1 to 1"),
        ("[sentiment]\nnegative = -inf\n", "c.toml: [sentiment] negative (-inf) must be a number from -1 to 1"),
        ("[sentiment]\npositive = 5\n", "c.toml: [sentiment] positive (5.0) must be a number from -1 to 1"),
        # the analyzer and [language] were checked when used, without the file's name
        ("[sentiment]\nanalyzer = 5\n", 'c.toml: [sentiment] analyzer must be a string, such as "cx"'),
        ('[sentiment]\nanalyzer = "vadr"\n', "c.toml: [sentiment] analyzer: unknown sentiment analyzer 'vadr'"),
        ('[sentiment]\nanalyzer = "model:"\n', "c.toml: [sentiment] analyzer: 'model:' names no file"),
        ("language = 5\n", "c.toml: [language] must be a table: write [language] on a line of its own"),
        # a newcomer's shorthand for brands and topics was "must be a table", without how to write one
        (
            '[brands]\nDelta = ["Delta"]\n',
            "c.toml: [brands.Delta] must be a table: write [brands.Delta] on a line of its own, then terms = [...]",
        ),
        (
            'brands = ["Delta"]\n',
            "c.toml: [brands] must be a table: write a [brands.NAME] table for each, with terms = [...] below it",
        ),
        (
            '[topics]\n"lounge access" = ["lounge"]\n',
            'c.toml: [topics.lounge access] must be a table: write [topics."lounge access"] on a line of its own,'
            " then keywords = [...]",
        ),
        ('[language]\ncandidates = ["en"]\n', "c.toml: [language] candidates: give at least two language codes"),
        # (a wrong store was an error of `ingest` only, naming no file)
        ("store = 5\n", 'c.toml: store must be a path (store = "..." or [store] path = "...")'),
        ("[store]\npath = [1]\n", "c.toml: store must be a path"),
    ],
)
def test_a_setting_of_the_wrong_kind_is_a_config_error_naming_the_file(runner, tmp_path, toml, message):
    (tmp_path / "c.toml").write_text(toml)
    (tmp_path / "p.csv").write_text("text\nI like ACME\n")
    for command in (["analyze", "p.csv", "-f", "csv"], ["evaluate", "p.csv", "--label-column", "text"]):
        result = runner.invoke(main, [*command, "-c", "c.toml"])
        assert result.exit_code == 5, result.stderr
        assert last_line(result.stderr).startswith(f"brandpulse: error: {message}")


def test_an_unknown_language_code_in_the_config_names_the_file(runner, tmp_path):
    pytest.importorskip("lingua")
    (tmp_path / "c.toml").write_text('[language]\ncandidates = ["en", "xx"]\n')
    (tmp_path / "p.csv").write_text("text\nI like ACME\n")
    result = runner.invoke(main, ["analyze", "p.csv", "-c", "c.toml", "-f", "csv"])
    assert result.exit_code == 5
    assert last_line(result.stderr) == "brandpulse: error: c.toml: [language] candidates: unknown language code 'xx'"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('extend_default_topics = "false"\n[topics.lounge]\nkeywords = ["lounge"]\n', "c.toml: extend_default_topics"),
        ('[language]\ndetect = "false"\n', "c.toml: [language] detect"),
    ],
)
def test_a_quoted_boolean_setting_is_a_config_error(runner, tmp_path, toml, message):
    """`"false"` in quotes is a string, and a non-empty string is true: `extend_default_topics = "false"`
    kept the built-in topics, `detect = "false"` kept detecting languages."""
    (tmp_path / "c.toml").write_text(toml)
    (tmp_path / "p.csv").write_text("text\nmy flight was delayed\n")
    result = runner.invoke(main, ["analyze", "p.csv", "-c", "c.toml", "-f", "csv"])
    assert result.exit_code == 5
    assert last_line(result.stderr) == f"brandpulse: error: {message} must be true or false"


def test_example_data_runs_and_finds_every_brand(runner):
    result = runner.invoke(
        main,
        ["analyze", str(EXAMPLES / "posts.csv"), "-c", str(EXAMPLES / "brandpulse.toml"), "-f", "csv", "--raw-csv"],
    )
    assert result.exit_code == 0, result.stderr
    out = pd.read_csv(io.StringIO(result.stdout), dtype={"post_id": str})
    counts = out["brands"].fillna("").str.split(";").explode().value_counts()
    assert {"Skyway", "Aerolux", "QuickBite", "FeastNow"} <= set(counts.index)
    # the exclusion: `grep -ic "skyway bridge" examples/posts.csv` finds 27 posts about the road; 6 of them
    # ("flew Skyway into Tampa and then sat on the Skyway Bridge ...") name the airline outside the phrase
    bridge = out[out["text"].str.contains("(?i)skyway bridge")]
    elsewhere = bridge["text"].str.replace("(?i)skyway bridge", "", regex=True).str.contains(r"(?i)\bskyway\b")
    assert (len(bridge), int(elsewhere.sum())) == (27, 6)
    named = bridge["brands"].fillna("").str.split(";").map(lambda brands: "Skyway" in brands)
    assert named.tolist() == elsewhere.tolist()


def test_python_dash_m_entry_point(tmp_path):
    (tmp_path / "p.csv").write_text("text\nhello\n")
    proc = subprocess.run(
        [sys.executable, "-m", "brandpulse", "analyze", str(tmp_path / "p.csv"), "-f", "csv"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[1].startswith(",,,,,hello,")


def test_topic_table_follows_the_brand_order_of_the_config(runner, tmp_path):
    posts = tmp_path / "p.csv"
    posts.write_text(
        "text\nZed lost my bag\nAcme lost my bag\nAcme flight delayed\nthe lounge food was cold\n", "utf-8"
    )
    result = runner.invoke(
        main, ["analyze", str(posts), "--brand", "Zed", "--brand", "Acme", "-f", "table", "--sentiment", "vader"]
    )
    assert result.exit_code == 0, result.stderr
    topics = result.stdout.split("Top topics per brand", 1)[1]
    # config order (Zed before Acme, though Acme sorts first and has more posts), (no brand) last
    assert topics.index("Zed") < topics.index("Acme") < topics.index("(no brand)")


def test_date_order_reaches_the_chunked_workers(runner, tmp_path):
    src = tmp_path / "eu.csv"
    src.write_text("id;date;text\n1;02/11/2026;Skyway lost my bag\n2;03/11/2026;Skyway was fine\n3;04/11/2026;ok\n")
    args = ["analyze", str(src), "--chunksize", "1", "--jobs", "2", "-f", "csv"]
    result = runner.invoke(main, [*args, "--date-order", "dmy"])
    assert result.exit_code == 0, result.stderr
    out = pd.read_csv(io.StringIO(result.stdout), dtype=str)
    assert out["created_at"].tolist() == ["2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z", "2026-11-04T00:00:00Z"]
    unsaid = runner.invoke(main, args)
    assert unsaid.exit_code == 0, unsaid.stderr
    assert "rejected 3" in last_line(unsaid.stderr)
    assert (
        "ambiguous created_at '02/11/2026' (day or month first? say with --date-order dmy or mdy, or [input] "
        "date_order in the config)"
    ) in unsaid.stderr


def test_own_cx_lexicon_reaches_the_chunked_workers(runner, tmp_path):
    (tmp_path / "own.toml").write_text("[words]\nbumped = -2.0\n")
    src = tmp_path / "p.csv"
    src.write_text('id,text\n1,got bumped again\n2,bumped to first class\n3,"great, another delay"\n')
    args = ["analyze", str(src), "--sentiment", f"cx:{tmp_path / 'own.toml'}", "-f", "csv"]
    one = runner.invoke(main, args)
    jobs = runner.invoke(main, [*args, "--chunksize", "1", "--jobs", "2"])
    assert one.exit_code == 0 and jobs.exit_code == 0, one.stderr + jobs.stderr
    assert pd.read_csv(io.StringIO(one.stdout))["sentiment_label"].tolist() == ["negative", "negative", "negative"]
    assert jobs.stdout == one.stdout
    missing = runner.invoke(main, ["analyze", str(src), "--sentiment", "cx:nope.toml"])
    assert missing.exit_code == 4
    assert last_line(missing.stderr) == "brandpulse: error: nope.toml: no such lexicon file"


def test_config_finds_its_cx_lexicon_beside_it(runner, tmp_path):
    conf = tmp_path / "etc"
    conf.mkdir()
    (conf / "own.toml").write_text("[words]\nbumped = -2.0\n")
    (conf / "brandpulse.toml").write_text('[sentiment]\nanalyzer = "cx:own.toml"\n')
    (tmp_path / "p.csv").write_text("id,text\n1,got bumped again\n")
    # the run starts in tmp_path, not in etc/
    result = runner.invoke(main, ["analyze", "p.csv", "-c", str(conf / "brandpulse.toml"), "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    assert pd.read_csv(io.StringIO(result.stdout))["sentiment_label"].tolist() == ["negative"]


def test_parquet_times_are_microseconds_in_utc_and_read_back_the_same(runner, tmp_path):
    """Parquet's `created_at` was `timestamp[ns, tz=UTC]` (pandas' nanoseconds), which older Spark, BigQuery's load and
    some Power Query versions refuse or misread: it is microseconds now, its zone kept, in the rows `analyze` writes
    chunk by chunk and in a table written whole (`queue`); brandpulse and DuckDB read the same times back."""
    import duckdb

    import brandpulse

    posts = tmp_path / "p.csv"
    posts.write_text(
        "id,created_at,text\n"
        "1,2026-11-02T09:00:00.750Z,Acme lost my bag\n"
        "2,2026-11-02T10:30:15.123456Z,Acme why is my flight late?\n"
        "3,2026-11-03T08:00:00Z,Acme lost my bag again\n"
    )
    config = tmp_path / "c.toml"
    config.write_text('[brands.Acme]\nterms = ["Acme"]\n')
    rows, queue = tmp_path / "rows.parquet", tmp_path / "queue.parquet"
    for args in (["analyze", "-o", str(rows)], ["queue", "--now", "2026-11-04", "-o", str(queue)]):
        result = runner.invoke(main, [*args, str(posts), "-c", str(config), "-q"])
        assert result.exit_code == 0, result.stderr
    # the times in microseconds since 1970, worked out by hand: 2026-11-02 is day 56 * 365 + 14 leap days + 304 + 1
    day, hour = 20_759 * 86_400 * 10**6, 3_600 * 10**6
    expected = [day + 9 * hour + 750_000, day + 10 * hour + (30 * 60 + 15) * 10**6 + 123_456, day + 32 * hour]
    con = duckdb.connect()
    for path in (rows, queue):
        assert pq.read_schema(path).field("created_at").type == pa.timestamp("us", tz="UTC")
        schema = pq.ParquetFile(path).schema
        at = schema.names.index("created_at")
        assert "timeUnit=microseconds" in str(schema.column(at).logical_type)
        got = con.execute(f"SELECT typeof(created_at), epoch_us(created_at) FROM '{path}' ORDER BY 2").fetchall()
        assert got == [("TIMESTAMP WITH TIME ZONE", us) for us in expected]
    # brandpulse reads its own Parquet back: the times of the CSV it was made from, to the microsecond
    read_back, original = brandpulse.read(str(rows)).posts, brandpulse.read(str(posts)).posts
    assert read_back["created_at"].tolist() == original["created_at"].tolist()
    assert str(read_back["created_at"].iloc[1]) == "2026-11-02 10:30:15.123456+00:00"


def test_parquet_is_not_written_to_a_terminal(runner, tmp_path):
    import os
    import pty

    master, slave = pty.openpty()  # a real terminal as stdout
    src = tmp_path / "p.csv"
    src.write_text("text\nhello Skyway\n")
    args = [sys.executable, "-m", "brandpulse", "analyze", str(src), "-f", "parquet", "-q"]
    done = subprocess.run(args, stdout=slave, stderr=subprocess.PIPE, text=True, timeout=120)
    os.close(slave)
    os.set_blocking(master, False)
    try:
        shown = os.read(master, 1000)
    except (BlockingIOError, OSError):  # nothing was written (Linux raises EIO once the slave is closed)
        shown = b""
    os.close(master)
    assert done.returncode == 2
    assert "Parquet is binary and stdout is a terminal: give -o FILE, or pipe the output" in done.stderr
    assert b"PAR1" not in shown
    piped = runner.invoke(main, args[3:])  # (not a terminal: this process will do)
    assert piped.exit_code == 0 and piped.stdout_bytes[:4] == b"PAR1"


def test_every_command_loads_by_its_name():
    from brandpulse.cli import COMMANDS

    for name in COMMANDS:
        assert main.get_command(None, name).name == name
    assert main.get_command(None, "nope") is None


def test_analyze_loads_no_store_http_or_html_libraries(tmp_path):
    """Commands are imported when run: a CSV analysis starts without the history store's database
    engine, the HTTP client or the HTML and feed parsers."""
    script = (
        "import sys\n"
        "from brandpulse.cli import main\n"
        f"try: main(['analyze', {str(EXAMPLES / 'posts.csv')!r}, '-q', '-o', {str(tmp_path / 'o.csv')!r}])\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in ('duckdb', 'requests', 'bs4', 'feedparser', 'sklearn') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    assert (tmp_path / "o.csv").stat().st_size > 1000


def test_gzipped_exports_folders_and_quoted_globs(runner, tmp_path):
    """A gzipped export reads as its content; a folder of daily exports (not a platform archive) and a
    quoted glob stand for their data files, in name order; a damaged gzip is one input error."""
    src = (FIXTURES / "airline_tweets.csv").read_bytes()
    header, *rows = src.decode().splitlines(keepends=True)
    days = tmp_path / "exports"
    days.mkdir()
    (days / "2026-11-01.csv.gz").write_bytes(gzip.compress((header + "".join(rows[:5])).encode()))
    (days / "2026-11-02.csv").write_text(header + "".join(rows[5:]))
    (days / "notes.txt").write_text("not posts")
    # an Office lock file (Excel has 2026-11-02.csv open) stopped the run as a damaged XLSX, and a
    # Jupyter checkpoint's copy of a day was read as posts of its own
    (days / "~$2026-11-02.xlsx").write_bytes(b"\x08analyst" + b"\x00" * 100)
    (days / ".ipynb_checkpoints").mkdir()
    (days / ".ipynb_checkpoints" / "2026-11-02-checkpoint.csv").write_text(header + "".join(rows[5:]))
    config = ["--config", AIRLINES[2], "-f", "csv", "--raw-csv"]
    want = pd.read_csv(FIXTURES / "airline_tweets.csv", dtype=str)["tweet_id"].tolist()
    globs = [str(days / "*.csv*")], [str(days / "*2026-11-0*")]
    for args in ([str(days)], *globs, [str(days / "2026-11-01.csv.gz"), str(days / "2026-11-02.csv")]):
        result = runner.invoke(main, ["analyze", *args, *config])
        assert result.exit_code == 0, result.stderr
        assert pd.read_csv(io.StringIO(result.stdout), dtype=str)["post_id"].tolist() == want
        assert last_line(result.stderr) == "read 11 rows: analyzed 11, duplicates 0, rejected 0"
    piped = runner.invoke(main, ["analyze", "-", *config], input=gzip.compress(src))
    assert pd.read_csv(io.StringIO(piped.stdout), dtype=str)["post_id"].tolist() == want
    (tmp_path / "cut.csv.gz").write_bytes(gzip.compress(src)[:200])
    cut = runner.invoke(main, ["analyze", str(tmp_path / "cut.csv.gz"), *config])  # (its lines before the cut read)
    assert cut.exit_code == 0 and "cut.csv.gz: damaged gzip file, cut short: unreadable from line" in cut.stderr
    (tmp_path / "empty").mkdir()
    for missing, message in ((tmp_path / "none" / "*.csv", "no file matches"), (tmp_path / "empty", "no data files")):
        result = runner.invoke(main, ["analyze", str(missing), *config])
        assert result.exit_code == 4 and message in result.stderr, result.stderr


def test_a_decompression_bomb_is_refused_before_it_fills_memory(runner, tmp_path, monkeypatch):
    """A zip's member or a gzipped JSON file was unpacked whole into memory, however far it unpacked: a 0.8 MB
    `.json.gz` of 400 MB took 11 GB of memory (and a 1.2 MB zip 3 GB) before any post was read. Beyond 100 times its
    packed size (and UNPACKED_FLOOR, 64 MB: here 0, so the test's files stay small) it is an input error at once; an
    export packing as text does (4 times) is read as before."""
    monkeypatch.setattr("brandpulse.sources.archives.UNPACKED_FLOOR", 0)
    header = "post_id,created_at,text\n"
    rows = "".join(f"{i},2026-11-02T10:00:00Z,Delta lost my bag\n" for i in range(30_000))
    with zipfile.ZipFile(tmp_path / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("day.csv", header + "1,2026-11-02T10:00:00Z," + " " * 3_000_000 + "Delta\n")
    (tmp_path / "bomb.json.gz").write_bytes(gzip.compress(b"[" + b'{"text": "Delta"},' * 200_000 + b"{}]"))
    with zipfile.ZipFile(tmp_path / "export.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("day.csv", header + rows)
    (tmp_path / "export.json.gz").write_bytes(
        gzip.compress(
            json.dumps([{"id": i, "text": f"Delta lost bag {i * 7919 % 100003}"} for i in range(30_000)]).encode()
        )
    )
    for name, member, size, packed in (
        ("bomb.zip", ":day.csv", "3", "0.0"),
        ("bomb.json.gz", "", "1", "0.0"),  # (stopped at its first MB)
    ):
        result = runner.invoke(main, ["analyze", str(tmp_path / name), "--brand", "Delta"])
        assert (result.exit_code, result.stdout) == (4, "")
        assert result.stderr.splitlines()[-1] == (
            f"brandpulse: error: {tmp_path / name}{member}: unpacks to at least {size} MB from {packed} MB, more than"
            " 100 times its size (a decompression bomb?); unpack it yourself if you trust it"
        )
    for name in ("export.zip", "export.json.gz"):
        result = runner.invoke(main, ["analyze", str(tmp_path / name), "--brand", "Delta", "-q"])
        assert result.exit_code == 0, result.stderr
        assert len(result.stdout.splitlines()) == 30_001


def test_a_decompression_bomb_in_a_gzipped_parquet_or_a_workbook_is_refused(runner, tmp_path, monkeypatch):
    """A Parquet file inside gzip was read through the decompressor whatever it unpacked to (each seek back unpacking
    it again from the start), and a workbook's parts (a sheet, its shared strings), zipped, were unpacked by openpyxl
    whatever their size: only JSON and zip members had the 100 times limit. Now they have it too (UNPACKED_FLOOR, 64
    MB, is 0 here, so the test's files stay small); the ones packing as data does are read as before."""
    import openpyxl

    monkeypatch.setattr("brandpulse.sources.archives.UNPACKED_FLOOR", 0)
    bomb = pd.DataFrame({"created_at": ["2026-11-02T10:00:00Z"], "text": ["Delta " + " " * 3_000_000]})
    bomb.to_parquet(tmp_path / "bomb.parquet", compression=None)  # (the spaces as they are: gzip packs them 1000 times)
    (tmp_path / "bomb.parquet.gz").write_bytes(gzip.compress((tmp_path / "bomb.parquet").read_bytes()))
    book = openpyxl.Workbook()
    book.active.append(["created_at", "text"])
    for _ in range(100):  # (a cell holds at most 32,767 characters)
        book.active.append(["2026-11-02T10:00:00Z", "Delta " + " " * 30_000])
    book.save(tmp_path / "bomb.xlsx")
    posts = pd.DataFrame(
        {
            "created_at": ["2026-11-02T10:00:00Z"] * 3000,
            "text": [f"Delta lost bag {i * 7919 % 100003}" for i in range(3000)],
        }
    )
    posts.to_parquet(tmp_path / "export.parquet")
    (tmp_path / "export.parquet.gz").write_bytes(gzip.compress((tmp_path / "export.parquet").read_bytes()))
    book = openpyxl.Workbook()
    for row in [list(posts.columns), *posts.itertuples(index=False)]:
        book.active.append(list(row))
    book.save(tmp_path / "export.xlsx")
    for name, part, size in (
        ("bomb.parquet.gz", "", "1"),  # (stopped at its first MB)
        ("bomb.xlsx", " xl/worksheets/sheet1.xml:", "3"),
    ):
        result = runner.invoke(main, ["analyze", str(tmp_path / name), "--brand", "Delta"])
        assert (result.exit_code, result.stdout) == (4, "")
        assert result.stderr.splitlines()[-1] == (
            f"brandpulse: error: {tmp_path / name}:{part} unpacks to at least {size} MB from 0.0 MB, more than 100"
            " times its size (a decompression bomb?); unpack it yourself if you trust it"
        )
    for name in ("export.parquet.gz", "export.xlsx"):
        result = runner.invoke(main, ["analyze", str(tmp_path / name), "--brand", "Delta", "-q", "-f", "csv"])
        assert result.exit_code == 0, result.stderr
        assert len(result.stdout.splitlines()) == 3001


def _say_packed(path, member: str, size: int) -> None:
    """Make the zip at `path` say, in its central directory, that `member` packs to `size` bytes."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while data[at + 46 : at + 46 + int.from_bytes(data[at + 28 : at + 30], "little")] != member.encode():
        at = data.find(b"PK\x01\x02", at + 4)
    data[at + 20 : at + 24] = size.to_bytes(4, "little")
    path.write_bytes(bytes(data))


def test_a_decompression_bomb_lying_about_its_packed_size_is_refused(runner, tmp_path, monkeypatch):
    """A zip member's (or a workbook part's) unpacked size was weighed against the packed size the zip says, and
    zipfile reads the packed bytes to the archive's end whatever that says: a 70 KB zip saying its 70 MB member packs
    to 1 MB (70 times) was unpacked whole, 100 such files as many GB. A member packs to no more than its archive."""
    import openpyxl

    monkeypatch.setattr("brandpulse.sources.archives.UNPACKED_FLOOR", 0)
    with zipfile.ZipFile(tmp_path / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("day.csv", "post_id,created_at,text\n1,2026-11-02T10:00:00Z," + " " * 3_000_000 + "Delta\n")
    book = openpyxl.Workbook()
    book.active.append(["created_at", "text"])
    for _ in range(100):
        book.active.append(["2026-11-02T10:00:00Z", "Delta " + " " * 30_000])
    book.save(tmp_path / "bomb.xlsx")
    for name, member, shown in (("bomb.zip", "day.csv", ":day.csv"), ("bomb.xlsx", "xl/worksheets/sheet1.xml", ":")):
        assert (tmp_path / name).stat().st_size < 20_000  # (3 MB packed 150 times and more)
        _say_packed(tmp_path / name, member, 100_000)  # (said 30 times: within the limit)
        result = runner.invoke(main, ["analyze", str(tmp_path / name), "--brand", "Delta"])
        assert (result.exit_code, result.stdout) == (4, ""), result.stderr
        assert result.stderr.splitlines()[-1].startswith(f"brandpulse: error: {tmp_path / name}{shown}")
        assert result.stderr.splitlines()[-1].endswith(
            "unpacks to at least 3 MB from 0.0 MB, more than 100 times its size (a decompression bomb?); unpack it"
            " yourself if you trust it"
        )


@pytest.mark.parametrize(
    ("suffix", "compress", "kind"),
    [(".bz2", bz2.compress, "bzip2"), (".xz", lzma.compress, "xz")],
)
def test_bzip2_and_xz_read_as_gzip_is(runner, tmp_path, suffix, compress, kind):
    """`.bz2` and `.xz` read as their content, as `.gz` does: a file, in a folder, in a zip, on stdin (an xz
    CSV was read as a CSV of compressed bytes, 0 posts and no error; a bz2 one had "no text column")."""
    src = (FIXTURES / "airline_tweets.csv").read_bytes()
    want = pd.read_csv(FIXTURES / "airline_tweets.csv", dtype=str)["tweet_id"].tolist()
    (tmp_path / "days").mkdir()
    (tmp_path / "days" / f"posts.csv{suffix}").write_bytes(compress(src))
    with zipfile.ZipFile(tmp_path / "days.zip", "w") as zf:
        zf.writestr(f"2026-11-01.csv{suffix}", compress(src))
    config = ["--config", AIRLINES[2], "-f", "csv", "--raw-csv"]
    for path in (tmp_path / "days" / f"posts.csv{suffix}", tmp_path / "days", tmp_path / "days.zip"):
        result = runner.invoke(main, ["analyze", str(path), *config])
        assert result.exit_code == 0, result.stderr
        assert pd.read_csv(io.StringIO(result.stdout), dtype=str)["post_id"].tolist() == want
    piped = runner.invoke(main, ["analyze", "-", *config], input=compress(src))
    assert pd.read_csv(io.StringIO(piped.stdout), dtype=str)["post_id"].tolist() == want
    (tmp_path / f"cut.csv{suffix}").write_bytes(compress(src)[:200])
    cut = runner.invoke(main, ["analyze", str(tmp_path / f"cut.csv{suffix}"), *config])  # (the lines before it read)
    assert cut.exit_code == 0 and f"cut.csv{suffix}: damaged {kind} file, cut short" in cut.stderr, cut.stderr


@pytest.mark.parametrize("how", ["file", "stdin", "zip"])
def test_compressed_data_brandpulse_does_not_read_is_an_input_error(runner, tmp_path, how):
    """A zstd file, or an xz file compressed again with bzip2, was read as a CSV of its compressed bytes: a
    "post" of garbage, exit 0. Each is now one input error naming the file and what to do."""
    src = b"id,text\n1,Delta rocks\n"
    cases = {
        "posts.csv.zst": (b"\x28\xb5\x2f\xfd\x20\x10\x81\x00" + src, "zstd compressed data"),
        "posts.csv.xz.bz2": (bz2.compress(lzma.compress(src)), "xz inside bzip2 compressed data"),
    }
    for name, (data, kind) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        if how == "zip":  # (a member named as a plain CSV: `.zst` is not a data file there, so not read)
            name = "days.zip:day1.csv"
            with zipfile.ZipFile(tmp_path / "days.zip", "w") as zf:
                zf.writestr("day1.csv", data)
            path = tmp_path / "days.zip"
        result = runner.invoke(
            main, ["analyze", "-" if how == "stdin" else str(path), "-f", "csv"], input=data if how == "stdin" else None
        )
        shown = "<stdin>" if how == "stdin" else str(tmp_path / name)
        assert result.exit_code == 4, result.stderr
        assert last_line(result.stderr) == (
            f"brandpulse: error: {shown}: {kind}: decompress it first (brandpulse reads gzip, bzip2, xz)"
        )


@pytest.mark.parametrize("extra", [[], ["--chunksize", "1000"]])
def test_a_cut_compressed_json_file_is_an_input_error(runner, tmp_path, extra):
    """A JSON document (read whole) cut short inside its compressed stream is of no use cut: still one input error
    naming the file and the line it is unreadable from (the array on one line: line 1), no posts."""
    posts = json.dumps([{"id": str(i), "text": f"post {i} about Delta"} for i in range(3000)]).encode()
    (tmp_path / "cut.json.gz").write_bytes(gzip.compress(posts)[:-500])
    result = runner.invoke(main, ["analyze", str(tmp_path / "cut.json.gz"), "-f", "csv", *extra])
    assert result.exit_code == 4 and result.stdout == ""
    assert last_line(result.stderr) == (
        f"brandpulse: error: {tmp_path / 'cut.json.gz'}: damaged gzip file: unreadable from line 1 on ({GZIP_ENDED}):"
        " copy or fetch it again"
    )


@pytest.mark.parametrize("name", ["out.xlsx", "out.txt"])
def test_an_output_extension_brandpulse_does_not_write_is_an_error(runner, tmp_path, name):
    result = runner.invoke(main, ["analyze", *AIRLINES, "-o", str(tmp_path / name)])
    assert result.exit_code == 2 and f"unknown extension {name[name.rindex('.') :]}" in result.stderr
    assert not (tmp_path / name).exists()
    forced = runner.invoke(main, ["analyze", *AIRLINES, "-o", str(tmp_path / name), "-f", "csv", "-q"])
    assert forced.exit_code == 0 and (tmp_path / name).read_text().startswith("post_id,")


def test_an_unknown_extension_with_format_table_does_not_ask_for_the_format(runner, tmp_path):
    """`-f table -o out.txt` said "or give --format", though --format was given: -f table is the tables on the
    terminal, and -o's rows take their format from its extension."""
    result = runner.invoke(main, ["analyze", *AIRLINES, "-f", "table", "-o", str(tmp_path / "out.txt")])
    assert result.exit_code == 2 and not (tmp_path / "out.txt").exists()
    assert result.stderr.splitlines()[-1].endswith(
        "unknown extension .txt (known: .csv .json .jsonl .ndjson .parquet .pq .tsv);"
        " -f table prints the tables, -o FILE gets the rows"
    )
    alone = runner.invoke(main, ["analyze", *AIRLINES, "-o", str(tmp_path / "out.txt")])
    assert alone.stderr.splitlines()[-1].endswith("; or give --format")


@pytest.mark.parametrize("name", ["out.md", "out.html"])
def test_a_report_extension_is_a_usage_error_for_analyze(runner, tmp_path, name):
    """.md and .html are brandpulse's (report's) but not analyze's: exit 2 like any other extension
    analyze does not write (it was 4, an input error)."""
    result = runner.invoke(main, ["analyze", *AIRLINES, "-o", str(tmp_path / name)])
    assert result.exit_code == 2
    ext = name.split(".")[1]
    assert result.stderr.splitlines()[-1] == (
        f"brandpulse: error: --output {tmp_path / name}: analyze writes csv, tsv, json, jsonl, parquet, not {ext}; "
        f"for {'a Markdown' if ext == 'md' else 'an HTML'} report: brandpulse report FILES -o {tmp_path / name}"
    )
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize(
    ("command", "known"),
    [
        (["analyze"], ".csv .json .jsonl .ndjson .parquet .pq .tsv); or give --format"),
        (["analyze", "--rejects"], ".csv .json .jsonl .ndjson .parquet .pq .tsv)"),
        (["report"], ".csv .htm .html .json .markdown .md); or give --format"),
    ],
)
def test_an_unknown_extension_lists_only_what_the_command_writes(runner, tmp_path, command, known):
    """`analyze -o out.xlsx` listed `.html` and `.md` among the extensions to use, which analyze then refused too
    (report wrote no `.parquet` it listed): the list is of the command's own formats."""
    out = tmp_path / "out.xlsx"
    option = command[1:] or ["-o"]
    result = runner.invoke(main, [command[0], *AIRLINES, *option, str(out)])
    assert result.exit_code == 2 and not out.exists()
    name = "--output" if option == ["-o"] else option[0]
    assert result.stderr.splitlines()[-1] == f"brandpulse: error: {name} {out}: unknown extension .xlsx (known: {known}"


#: a post that would set the window title (OSC), colour the screen and clear it (C1 CSI), and style rich output
HOSTILE = "Delta is awful \x1b]0;PWNED\x1b\\ \x1b[31mredtext\x1b[0m \x9b2J [red]loud[/red] \x7fend"


def assert_terminal_safe(shown: str) -> None:
    assert "\x1b" not in shown and "\x7f" not in shown
    assert not any("\x80" <= c <= "\x9f" for c in shown)


def test_table_shows_hostile_posts_without_their_control_sequences(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")  # (no folding in the cells)
    src = tmp_path / "p.csv"
    src.write_text(f"author,text\nevil\x1b[5mauthor,{HOSTILE}\n", "utf-8")
    result = runner.invoke(main, ["analyze", str(src), "--brand", "Delta", "-f", "table", "--sentiment", "vader"])
    assert result.exit_code == 0, result.stderr
    assert_terminal_safe(result.stdout)
    for shown in ("]0;PWNED", "[31mredtext", "[red]loud[/red]", "end", "evil\ufffd[5mauthor"):
        assert shown in result.stdout  # the rest of the text is shown, markup as text


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_table_shows_bidi_overrides_as_signs_not_as_reordering(runner, tmp_path, monkeypatch):
    """A post's U+202E (right-to-left override) reached the terminal: one that reorders text reversed
    the rest of the row, its columns and figures too ("exe.txt" spoofing)."""
    monkeypatch.setenv("COLUMNS", "300")
    src = tmp_path / "p.jsonl"
    src.write_text(json.dumps({"author": "\u202eevil", "text": "Delta awful \u202etxt.exe\u202c \u2066iso\u2069 x"}))
    result = runner.invoke(main, ["analyze", str(src), "--brand", "Delta\u202e=Delta", "-f", "table"])
    assert result.exit_code == 0, result.stderr
    assert not any(c in BIDI for c in result.stdout)
    for shown in ("Delta\ufffd", "\ufffdevil", "Delta awful \ufffdtxt.exe\ufffd \ufffdiso\ufffd x"):
        assert shown in result.stdout
    error = runner.invoke(main, ["analyze", str(tmp_path / "none\u202e.csv")])
    assert error.exit_code == 4 and f"{tmp_path}/none\ufffd.csv" in error.stderr
    assert not any(c in BIDI for c in error.stderr)


def test_messages_show_a_posts_language_and_file_names_as_text(runner, tmp_path):
    """A post's `lang` went into the "sentiment left empty" line as rich markup with its ESC raw, and
    a file named `rejects[final].csv` was told as `rejects.csv` (rich took `[final]` for a style)."""
    src = tmp_path / "p.csv"
    src.write_text("id,lang,created_at,text\n1,[bold]xx\x1b[31m,2026-11-02,Delta\n2,fr,never,Delta\n", "utf-8")
    rejects = tmp_path / "rejects[final].csv"
    result = runner.invoke(main, ["analyze", str(src), "--brand", "Delta", "-o", "-", "--rejects", str(rejects)])
    assert result.exit_code == 0, result.stderr
    assert_terminal_safe(result.stderr)
    assert "sentiment left empty for non-English posts ([bold]xx\ufffd[31m 1)" in result.stderr
    assert last_line(result.stderr).startswith(f"read 2 rows: analyzed 1, duplicates 0, rejected 1 (in {rejects})")
    week = tmp_path / "week[final].md"
    report = runner.invoke(main, ["report", str(src), "--brand", "Delta", "--until", "2026-11-09", "-o", str(week)])
    assert report.exit_code == 0, report.stderr
    assert "report 2026-11-02 .. 2026-11-08: 1 post -> " + str(week) in report.stderr
    store = tmp_path / "history[final].duckdb"
    ingest = runner.invoke(main, ["ingest", str(src), "--brand", "Delta", "--store", str(store)])
    assert ingest.exit_code == 0, ingest.stderr
    assert f"{store}: inserted 1, updated 0, unchanged 0 (rejected 1)" in ingest.stderr


def test_reject_messages_show_the_cell_without_its_control_sequences(runner, tmp_path):
    src = tmp_path / "p.csv"
    src.write_text("created_at,text\n\x1b]0;PWNED\x1b\\[bold]soon\x9b2J,Delta rocks\n", "utf-8")
    result = runner.invoke(main, ["analyze", str(src), "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    assert_terminal_safe(result.stderr)
    assert "line 2: bad created_at '\ufffd]0;PWNED\ufffd\\[bold]soon\ufffd2J'" in result.stderr


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_escapes_what_a_terminal_would_act_on(runner, tmp_path, fmt):
    """JSON kept a post's C1 CSI (U+009B: "\x9b2J" clears a terminal that takes C1 controls) and bidi
    overrides raw, and U+2028, at which splitlines() breaks a JSON Lines record. Escaped, the same JSON."""
    text = "Delta \x9b2J \u202eevil\u202c \u2028 \x1b[31m ok é ’ 😀"
    (tmp_path / "p.jsonl").write_text(json.dumps({"id": "1", "text": text}))
    result = runner.invoke(main, ["analyze", str(tmp_path / "p.jsonl"), "--brand", "Delta", "-f", fmt])
    assert result.exit_code == 0, result.stderr
    assert not any(c in result.stdout for c in "\x9b\u202e\u202c\u2028\x1b")
    assert "Delta \\u009b2J \\u202eevil\\u202c \\u2028 \\u001b[31m ok é ’ 😀" in result.stdout
    rows = json.loads(result.stdout) if fmt == "json" else [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in rows] == [text]


def test_messages_quote_a_cell_as_it_is_not_as_an_emoji(runner, tmp_path):
    """rich turned emoji codes into emoji: a reject quoted the cell `:fire:` as 🔥, a file name too."""
    src = tmp_path / ":smile:.csv"
    src.write_text("created_at,text\n:fire: soon,Delta rocks\n", "utf-8")
    result = runner.invoke(main, ["analyze", str(src), "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    assert f"rejected {src} line 2: bad created_at ':fire: soon'" in result.stderr.splitlines()
    assert result.stderr.startswith(f"{src}: 1 row")


def test_errors_show_column_names_without_their_control_sequences(runner, tmp_path):
    src = tmp_path / "p.csv"
    src.write_text("body\x1b]0;PWNED\x07,id\nhello,1\n", "utf-8")
    result = runner.invoke(main, ["analyze", str(src), "-f", "csv"])
    assert result.exit_code == 4
    assert_terminal_safe(result.stderr)
    assert "no text column (columns: body\ufffd]0;PWNED\ufffd, id)" in result.stderr


def test_outputs_that_cannot_be_written_fail_before_any_work(runner, tmp_path):
    """A summary or rejects file in a missing folder failed after every row had gone to stdout."""
    missing = tmp_path / "none" / "x.csv"
    for option, shown in (("--summary-csv", "--summary-csv"), ("--rejects", "--rejects"), ("-o", "--output")):
        result = runner.invoke(main, ["analyze", *AIRLINES, "-f", "csv", option, str(missing)])
        assert result.exit_code == 1 and result.stdout == "", option
        assert result.stderr.splitlines() == [
            f"brandpulse: error: {shown} {missing}: cannot create files in {missing.parent}: No such file or directory"
        ]
    # query test, report and queue read and analyzed the whole input first, then failed to write
    tweets, config = str(FIXTURES / "airline_tweets.csv"), str(FIXTURES / "airlines.toml")
    for args, out in (
        (["query", "test", "delta", tweets], missing),
        (["report", tweets, "-c", config, "--until", "2015-02-25"], missing.with_suffix(".md")),
        (["queue", tweets, "-c", config], missing),
    ):
        result = runner.invoke(main, [*args, "-o", str(out)])
        assert result.exit_code == 1 and result.stdout == "", args
        assert result.stderr == (  # and nothing else: no "N rows" line, the input was not read
            f"brandpulse: error: --output {out}: cannot create files in {out.parent}: No such file or directory\n"
        ), args
    both = runner.invoke(main, ["analyze", *AIRLINES, "-f", "csv", "--summary-csv", "-"])
    assert both.exit_code == 2 and both.stdout == "" and "stdout carries the rows" in both.stderr
    alone = runner.invoke(main, ["analyze", *AIRLINES, "--summary-csv", "-", "-o", str(tmp_path / "rows.csv"), "-q"])
    assert alone.exit_code == 0 and alone.stdout.startswith("brand,competitor,mentions,")


@pytest.mark.parametrize("command", ["analyze", "ingest"])
def test_rejects_dash_is_a_usage_error_not_stdout(runner, tmp_path, command):
    """`--rejects -` was taken as stdout: `analyze posts.csv --rejects - > out.csv` appended the rejects
    (another header, other columns) to the enriched rows."""
    src = tmp_path / "p.csv"
    src.write_text("id,created_at,text\n1,not a date,Delta x\n2,2026-11-02,Delta y\n")
    extra = ["--store", str(tmp_path / "h.duckdb")] if command == "ingest" else ["-f", "csv"]
    result = runner.invoke(main, [command, str(src), "--brand", "Delta", "--rejects", "-", "-q", *extra])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "brandpulse: error: --rejects needs a file, not - (stdout is for the rows" in result.stderr
    # a file named - is still possible
    named = runner.invoke(main, ["analyze", str(src), "--brand", "Delta", "--rejects", "./-", "-o", "/dev/null"])
    assert named.exit_code == 0, named.stderr
    saved = (tmp_path / "-").read_text().splitlines()
    assert saved[1] == f"{src},line 2,bad created_at 'not a date',\"1,not a date,Delta x\""


def test_table_format_with_rows_to_stdout_is_a_usage_error(runner):
    """`-f table -o -` wrote the CSV rows and then the tables to stdout, one after the other."""
    result = runner.invoke(main, ["analyze", *AIRLINES, "-f", "table", "-o", "-"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "brandpulse: error: -f table -o -: the tables go to stdout" in result.stderr


def test_two_outputs_on_stdout_by_its_other_names_are_a_usage_error(runner, tmp_path):
    """The checks of two outputs on stdout looked for `-` alone: `-o /dev/stdout --summary-csv -` wrote the rows and
    the summary into each other, as did `--summary-csv /dev/fd/1` with the rows on stdout, `-f table -o /dev/stdout`
    and `--rejects /proc/self/fd/1`. `/dev/stdout`, `/dev/fd/1` and `/proc/self/fd/1` are stdout as `-` is."""
    cases = {
        ("-o", "/dev/stdout", "--summary-csv", "-"): "--summary-csv -: stdout carries the rows or tables (-o "
        "/dev/stdout); write the summary to a file, or the rows with -o",
        ("-f", "csv", "--summary-csv", "/dev/fd/1"): "--summary-csv /dev/fd/1: stdout carries the rows or tables; ",
        ("-o", "-", "--summary-csv", "/dev/stdout"): "--summary-csv /dev/stdout: stdout carries the rows or tables; ",
        ("-f", "table", "-o", "/dev/stdout"): "-f table -o /dev/stdout: the tables go to stdout",
        ("-f", "csv", "--rejects", "/proc/self/fd/1"): "--rejects needs a file, not /proc/self/fd/1 (stdout is for",
    }
    for args, error in cases.items():
        result = runner.invoke(main, ["analyze", *AIRLINES, *args])
        assert (result.exit_code, result.stdout) == (2, ""), args
        assert f"brandpulse: error: {error}" in result.stderr, args
    # the summary on stdout, the rows in a file: fine, as with -
    alone = runner.invoke(main, ["analyze", *AIRLINES, "--summary-csv", "/dev/stdout", "-o", str(tmp_path / "r.csv")])
    assert alone.exit_code == 0, alone.stderr


def test_rows_to_dev_stdout_on_a_terminal_are_not_followed_by_the_tables(tmp_path):
    """`-o FILE` on a terminal prints the tables there too; `-o /dev/stdout` printed them after the rows, on the
    same terminal, where `-o -` prints the rows alone."""
    import os
    import pty

    src = tmp_path / "p.csv"
    src.write_text("text\nhello Skyway\n")
    shown = {}
    for out in ("-", "/dev/stdout", str(tmp_path / "rows.csv")):
        master, slave = pty.openpty()  # a real terminal as stdout
        args = [sys.executable, "-m", "brandpulse", "analyze", str(src), "--brand", "Skyway", "-o", out, "-q"]
        done = subprocess.run(args, stdout=slave, stderr=subprocess.PIPE, text=True, timeout=120)
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # (Linux raises EIO once the slave is closed and all is read)
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(master)
        assert done.returncode == 0, done.stderr
        shown[out] = b"".join(chunks).decode()
    assert "hello Skyway" in shown["-"] and "Brands" not in shown["-"]
    assert shown["/dev/stdout"] == shown["-"]
    assert "Brands" in shown[str(tmp_path / "rows.csv")]  # (a file: the tables on the terminal)
    # and Parquet to /dev/stdout on a terminal is refused as on stdout
    master, slave = pty.openpty()
    args = [sys.executable, "-m", "brandpulse", "analyze", str(src), "-f", "parquet", "-o", "/dev/fd/1", "-q"]
    done = subprocess.run(args, stdout=slave, stderr=subprocess.PIPE, text=True, timeout=120)
    os.close(slave)
    os.close(master)
    assert done.returncode == 2
    assert "Parquet is binary and stdout is a terminal: give -o FILE, or pipe the output" in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["analyze", "-o", "out.csv", "--summary-csv", "./out.csv"],
        ["analyze", "-o", "out.csv", "--rejects", "out.csv"],
        ["report", "--until", "2026-11-09", "-o", "out.csv", "--table", "brands", "--rejects", "out.csv"],
        ["queue", "--now", "2026-11-09", "-o", "out.csv", "--rejects", "out.csv"],
        ["query", "test", "Delta", "-f", "csv", "-o", "out.csv", "--rejects", "out.csv"],
    ],
)
def test_outputs_given_the_same_file_are_a_usage_error(runner, tmp_path, args):
    """`analyze -o out.csv --summary-csv out.csv` (or --rejects) wrote the rows, then overwrote them with
    the summary (or the rejects), exit 0; evaluate and train already refused."""
    src = tmp_path / "p.csv"
    src.write_text("id,created_at,text\n1,not a date,Delta x\n2,2026-11-02,Delta is late\n")
    brand = [] if args[0] == "query" else ["--brand", "Delta"]  # (query test: QUERY FILE)
    result = runner.invoke(main, [*args, str(src), *brand])
    assert result.exit_code == 2, result.stderr
    second = "summary-csv" if "--summary-csv" in args else "rejects"
    assert f"--output and --{second} are the same file" in result.stderr
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize(
    ("args", "clash"),
    [
        (["analyze", "-o", "/dev/null", "--rejects", "p.csv"], "--rejects p.csv"),
        (["analyze", "-o", "p.csv"], "--output p.csv"),
        (["analyze", "-o", "/dev/null", "--summary-csv", "./p.csv"], "--summary-csv ./p.csv"),
        (["ingest", "--store", "h.duckdb", "--rejects", "p.csv"], "--rejects p.csv"),
        (["report", "--until", "2026-11-09", "--table", "brands", "-o", "p.csv"], "--output p.csv"),
        (["queue", "--now", "2026-11-09", "-o", "p.csv"], "--output p.csv"),
        (["evaluate", "--label-column", "label", "--predictions", "p.csv"], "--predictions p.csv"),
    ],
)
def test_an_output_naming_an_input_file_is_a_usage_error(runner, tmp_path, args, clash):
    """`analyze p.csv --rejects p.csv` replaced the posts with their one reject, exit 0: the good rows were gone."""
    posts = "id,created_at,text,label\n1,not a date,Delta x,neutral\n2,2026-11-02,Delta is late,negative\n"
    (tmp_path / "p.csv").write_text(posts)
    result = runner.invoke(main, [*args, "p.csv", "--brand", "Delta"])
    assert result.exit_code == 2, result.stderr
    assert last_line(result.stderr) == f"brandpulse: error: {clash} is also an input file: it would be overwritten"
    assert (tmp_path / "p.csv").read_text() == posts
    assert not (tmp_path / "h.duckdb").exists()


def test_a_brand_defined_twice_or_without_terms_is_a_config_error(runner, tmp_path):
    """`--brand Delta --brand 'Delta=Delta Air'` (or a --brand naming a config brand) made two "Delta" rows
    in the summary, each with half the share of voice; `--brand 'X='` made a brand that matched nothing."""
    src = tmp_path / "p.csv"
    src.write_text("id,text\n1,Delta was late\n")
    twice = runner.invoke(main, ["analyze", str(src), "--brand", "Delta", "--brand", "Delta=Delta Air", "-q"])
    assert twice.exit_code == 5 and twice.stdout == ""
    assert "--brand 'Delta=Delta Air': brand 'Delta' is already defined by another --brand" in twice.stderr
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.Delta]\nterms = ["Delta"]\n')
    again = runner.invoke(main, ["analyze", str(src), "-c", str(cfg), "--brand", "delta=Delta Air", "-q"])
    assert again.exit_code == 5
    assert f"--brand 'delta=Delta Air': brand 'Delta' is already defined in {cfg}" in again.stderr
    cfg.write_text('[brands.Delta]\nterms = ["Delta"]\n[brands.delta]\nterms = ["DL"]\n')
    in_config = runner.invoke(main, ["analyze", str(src), "-c", str(cfg), "-q"])
    assert in_config.exit_code == 5
    assert "[brands.delta]: brand 'delta' is defined twice (also as 'Delta')" in in_config.stderr
    empty = runner.invoke(main, ["analyze", str(src), "--brand", "X=", "-q"])
    assert empty.exit_code == 5
    assert "--brand 'X=': no terms after '=': give NAME=TERM,TERM or just NAME" in empty.stderr
    # distinct brands still work, and the summary has one row each
    summary = tmp_path / "s.csv"
    ok = runner.invoke(
        main,
        [
            "analyze",
            str(src),
            "--brand",
            "Delta",
            "--brand",
            "United",
            "-o",
            "/dev/null",
            "--summary-csv",
            str(summary),
        ],
    )
    assert ok.exit_code == 0, ok.stderr
    assert pd.read_csv(summary)["brand"].tolist()[:2] == ["Delta", "United"]


@pytest.mark.parametrize("chunks", [[], ["--chunksize", "1", "--jobs", "2"]])
def test_a_quote_left_open_mid_file_is_a_reject_in_every_engine(runner, tmp_path, chunks):
    """`1,"Acme rocks,3` closed by the quote opening `3,"Acme great day",5`: "read 2 rows, rejected 0", and
    post 1's text held posts 2 and 3."""
    src = tmp_path / "mid.csv"
    src.write_text('id,text,likes\n1,"Acme rocks,3\n2,Acme ok,4\n3,"Acme great day",5\n4,four,6\n')
    args = ["analyze", str(src), "-f", "csv", "--rejects", str(tmp_path / "r.csv"), *chunks]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.stderr
    out = pd.read_csv(io.StringIO(result.stdout), dtype=str)
    assert out[["post_id", "text", "likes"]].values.tolist() == [
        ["2", "Acme ok", "4"],
        ["3", "Acme great day", "5"],
        ["4", "four", "6"],
    ]
    assert "rejected 1" in last_line(result.stderr)
    rejects = pd.read_csv(tmp_path / "r.csv", dtype=str)
    assert rejects[["source", "position", "record"]].values.tolist() == [[str(src), "line 2", '1,"Acme rocks,3']]


@pytest.mark.parametrize("name", ["posts.jsonl", "posts.json"])
def test_json_rejects_are_objects_that_read_again(runner, tmp_path, name):
    """A rejected JSON record was written as a CSV line of its values without their names (`2,"Acme, broken",
    not a date,4,bob`): neither readable nor to be read again. It is the record as written (its nested `user`
    object too), which `analyze` reads again: fixed, they are posts."""
    posts = [
        {"id": "1", "text": "Acme is great", "created_at": "2026-11-02T10:00:00Z", "likes": 3},
        {"id": "2", "text": "Acme, broken", "created_at": "not a date", "likes": 4, "user": {"screen_name": "bob"}},
        {"id": "3", "text": "", "created_at": "2026-11-02T11:00:00Z"},
    ]
    src = tmp_path / name
    src.write_text("\n".join(map(json.dumps, posts)) if name.endswith("l") else json.dumps(posts))
    result = runner.invoke(main, ["analyze", str(src), "-f", "csv", "--rejects", str(tmp_path / "r.csv")])
    assert result.exit_code == 0, result.stderr
    rejects = pd.read_csv(tmp_path / "r.csv", dtype=str, keep_default_na=False)
    where = ["line 2", "line 3"] if name.endswith("l") else ["item 2", "item 3"]
    assert rejects[["position", "reason"]].values.tolist() == [
        [where[0], "bad created_at 'not a date'"],
        [where[1], "empty text"],
    ]
    records = [json.loads(r) for r in rejects["record"]]
    assert records == posts[1:]  # (with the file's types: the count a number, the id, text in the file, text)
    records[0]["created_at"], records[1]["text"] = "2026-11-02T12:00:00Z", "Acme again"
    again = tmp_path / "fixed.jsonl"
    again.write_text("".join(json.dumps(r) + "\n" for r in records))
    result = runner.invoke(main, ["analyze", str(again), "-f", "jsonl"])
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["post_id"], r["author"], r["likes"], r["text"]) for r in rows] == [
        ("2", "bob", 4, "Acme, broken"),
        ("3", None, None, "Acme again"),
    ]
    assert "rejected 0" in last_line(result.stderr)


def test_a_date_and_a_time_column_are_one_time_and_the_mapping_line_says_so(runner, tmp_path):
    """`Date,Time` (02/11/2026, 2:35 PM): every post was at midnight and the line said `created_at=Date`."""
    path = tmp_path / "p.csv"
    path.write_text("Date,Time,Text\n02/11/2026,2:35 PM,Acme kettle\n03/11/2026,2:35 XM,Acme toaster\n")
    rejects = tmp_path / "r.csv"
    args = ["analyze", str(path), "-f", "csv", "--date-order", "dmy", "--rejects", str(rejects)]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == f"{path}: 2 rows; columns created_at=Date+Time, text=Text"
    assert pd.read_csv(io.StringIO(result.stdout))["created_at"].tolist() == ["2026-11-02T14:35:00Z"]
    assert pd.read_csv(rejects)[["position", "reason"]].values.tolist() == [
        ["line 3", "bad time of day '2:35 XM' in column 'Time'"]
    ]
    assert last_line(result.stderr) == f"read 2 rows: analyzed 1, duplicates 0, rejected 1 (in {rejects})"


@pytest.mark.parametrize("quiet", [[], ["-q"]])
def test_no_files_and_an_empty_stdin_warn(runner, tmp_path, quiet):
    """Run by cron without FILES (stdin /dev/null), analyze read nothing, wrote a header and said nothing with -q
    (without it, only "read 0 rows")."""
    out = tmp_path / "out.csv"
    result = runner.invoke(main, ["analyze", "--brand", "Delta", "-o", str(out), *quiet], input="")
    assert result.exit_code == 0
    warning = "warning: no FILES given and stdin held no posts: give FILES, or pipe posts in\n"
    assert warning in result.stderr
    assert result.stderr.endswith(warning) if quiet else "read 0 rows: analyzed 0" in result.stderr
    assert pd.read_csv(out).empty and "text" in pd.read_csv(out).columns
    given = runner.invoke(main, ["analyze", "-", "--brand", "Delta", "-o", str(out)], input="id,text\n1,Delta ok\n")
    assert given.exit_code == 0 and "warning" not in given.stderr  # (posts read: no warning)


def test_a_named_file_without_posts_is_warned_of_also_with_q(runner, tmp_path):
    """A cron job's export that failed, 0 bytes (without -q, a header alone too): `analyze -q` wrote a report of
    nothing and said nothing, exit 0, while `ingest -q` warned of the same file. The other files' posts are analyzed
    as before."""
    header, empty, posts = tmp_path / "header.csv", tmp_path / "empty.csv", tmp_path / "posts.csv"
    header.write_text("id,text\n")
    empty.write_bytes(b"")
    posts.write_text("id,text\n1,Delta lost my bag\n")
    out = tmp_path / "out.csv"
    result = runner.invoke(main, ["analyze", "-q", str(header), str(empty), str(posts), "--brand", "Delta", "-o", out])
    assert result.exit_code == 0, result.stderr
    # (a header alone is a quiet hour's export with -q: test_ingest_q_of_a_quiet_hours_export_says_nothing)
    assert result.stderr == f"warning: {empty}: held no posts (an export that failed?)\n"
    assert pd.read_csv(out)["text"].tolist() == ["Delta lost my bag"]
    loud = runner.invoke(main, ["analyze", str(header), "--brand", "Delta", "-o", out])
    assert f"warning: {header}: held no posts (an export that failed?)" in loud.stderr


POSTS_IN_NOVEMBER = (
    "id,created_at,text\n"
    "1,2026-10-31T23:00:00Z,Delta late\n"
    "2,2026-11-01T00:00:00Z,Delta first\n"
    "3,2026-11-05 10:00,Delta mid\n"
    "4,,Delta untimed\n"
    "5,2026-11-08,Delta at the end\n"
    "3,2026-11-05 10:00,Delta mid\n"
)


@pytest.mark.parametrize("chunksize", ["100", "2"])
def test_since_and_until_keep_the_posts_of_the_period(runner, tmp_path, chunksize):
    """`analyze --since 2026-11-01` was "No such option '--since'. Did you mean '--engine'?": analysts filtered by
    time in report and queue only. The period is [since, until); a post without a time is left out and counted."""
    (tmp_path / "p.csv").write_text(POSTS_IN_NOVEMBER)
    args = ["analyze", str(tmp_path / "p.csv"), "--brand", "Delta", "-f", "csv", "--chunksize", chunksize]
    result = runner.invoke(main, [*args, "--since", "2026-11-01", "--until", "2026-11-08"])
    assert result.exit_code == 0, result.stderr
    assert pd.read_csv(io.StringIO(result.stdout), dtype=str)["post_id"].tolist() == ["2", "3"]
    assert result.stderr.splitlines()[-1] == (
        "read 6 rows: analyzed 2, duplicates 1, rejected 0, outside --since/--until 2, without a time 1"
    )
    # one end alone; a date in the config's zone (New York's midnight is 04:00 UTC: post 2 is of October 31)
    (tmp_path / "ny.toml").write_text('[brands.Delta]\nterms = ["Delta"]\n[report]\ntimezone = "America/New_York"\n')
    ny = runner.invoke(main, [*args[:2], "-c", str(tmp_path / "ny.toml"), *args[4:], "--since", "2026-11-01"])
    assert pd.read_csv(io.StringIO(ny.stdout), dtype=str)["post_id"].tolist() == ["3", "5"]
    assert ny.stderr.splitlines()[-1].endswith("outside --since/--until 2, without a time 1")
    backwards = runner.invoke(main, [*args, "--since", "2026-11-08", "--until", "2026-11-01"])
    assert (backwards.exit_code, backwards.stdout) == (5, "")


@pytest.mark.parametrize(
    "engine",
    [
        ["--jobs", "1", "--chunksize", "1", "-f", "csv"],
        ["--jobs", "2", "--chunksize", "1", "-f", "csv"],
        ["--jobs", "2", "-f", "jsonl"],
        ["--engine", "dask", "-f", "csv"],
    ],
)
def test_the_count_line_says_how_many_posts_have_no_time(runner, tmp_path, engine, request):
    """Posts whose time cell is empty are in no weekly report or alert, and the count line said so only with
    --since/--until (which leaves them out): a file with a time column where 2 of 5 posts have none said nothing."""
    if "dask" in engine:
        engine = [*engine, "--scheduler", request.getfixturevalue("dask_scheduler")]
    (tmp_path / "p.csv").write_text(
        "id,created_at,text\n1,2026-11-02 10:00,Delta late\n2,,Delta lost my bag\n3,2026-11-03,Delta ok\n"
        "4,,Delta again\n5,2026-11-04T08:00:00Z,Delta fine\n"
    )
    result = runner.invoke(main, ["analyze", str(tmp_path / "p.csv"), "--brand", "Delta", *engine])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == (
        "read 5 rows: analyzed 5, duplicates 0, rejected 0, 2 without a time (in no report or alert)"
    )
    read = partial(pd.read_json, lines=True) if "jsonl" in engine else pd.read_csv
    rows = read(io.StringIO(result.stdout))
    assert rows["created_at"].isna().tolist() == [False, True, False, True, False]  # the two in the rows
    # with a period they are left out, and counted once, as before
    if "dask" not in engine:
        period = runner.invoke(
            main, ["analyze", str(tmp_path / "p.csv"), "--brand", "Delta", *engine, "--since", "2026-11-03"]
        )
        assert period.stderr.splitlines()[-1] == (
            "read 5 rows: analyzed 2, duplicates 0, rejected 0, outside --since/--until 1, without a time 2"
        )
    # every post with a time: no word of it
    (tmp_path / "t.csv").write_text("id,created_at,text\n1,2026-11-02,Delta late\n2,2026-11-03,Delta ok\n")
    timed = runner.invoke(main, ["analyze", str(tmp_path / "t.csv"), "--brand", "Delta", *engine])
    assert timed.stderr.splitlines()[-1] == "read 2 rows: analyzed 2, duplicates 0, rejected 0"


def test_since_takes_the_zone_of_tz_as_report_does(runner, tmp_path):
    """`report --since 2026-11-01 --tz America/New_York` worked; the same in `analyze` was "No such option: --tz",
    so its period could be read in a zone only through a config file."""
    (tmp_path / "p.csv").write_text(POSTS_IN_NOVEMBER)
    args = ["analyze", str(tmp_path / "p.csv"), "--brand", "Delta", "-f", "csv", "--since", "2026-11-01"]
    result = runner.invoke(main, [*args, "--tz", "America/New_York"])
    assert result.exit_code == 0, result.stderr
    # (New York's midnight of November 1 is 04:00 UTC: post 2, at 00:00 UTC, is of October 31 there)
    assert pd.read_csv(io.StringIO(result.stdout), dtype=str)["post_id"].tolist() == ["3", "5"]
    bad = runner.invoke(main, [*args, "--tz", "Europe/Londn"])
    assert bad.exit_code == 5 and "did you mean Europe/London?" in bad.stderr


@pytest.mark.parametrize("chunksize", [[], ["--chunksize", "1"]])
def test_one_typo_in_a_time_column_rejects_its_row_and_durations_warn_also_with_quiet(runner, tmp_path, chunksize):
    """One typo in a `Time` column (25:10) took it for durations: every post at midnight, "rejected 0", exit 0 and,
    with -q, not a word. The typo rejects its row; the others keep their times. A column of durations (31:30 and
    125:00:00) is still not read, and a warning says so, also with -q (ingest's too)."""
    typo = tmp_path / "t.csv"
    typo.write_text("Date,Time,Text\n2026-11-02,09:15,Acme one\n2026-11-03,25:10,Acme two\n2026-11-03,14:35,Acme 3\n")
    rejects = tmp_path / "r.csv"
    args = ["analyze", str(typo), "-f", "csv", "--brand", "Acme", "-q", "--rejects", str(rejects), *chunksize]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.stderr
    out = pd.read_csv(io.StringIO(result.stdout))
    assert out["created_at"].tolist() == ["2026-11-02T09:15:00Z", "2026-11-03T14:35:00Z"]
    assert result.stderr == f"read 3 rows: analyzed 2, duplicates 0, rejected 1 (in {rejects})\n"
    assert pd.read_csv(rejects)[["source", "position", "reason"]].values.tolist() == [
        [str(typo), "line 3", "bad time of day '25:10' in column 'Time'"]
    ]
    videos = tmp_path / "v.csv"
    videos.write_text(
        "Date,Time,Text\n2026-11-02,0:45,Acme one\n2026-11-03,31:30,Acme two\n2026-11-04,125:00:00,Acme 3\n"
    )
    warning = (
        f"warning: {videos}: 'Time' holds durations such as '31:30' (line 3) and '125:00:00' (line 4), not times of "
        "day: the dates are read at midnight\n"
    )
    result = runner.invoke(main, ["analyze", str(videos), "-f", "csv", "--brand", "Acme", "-q", *chunksize])
    assert result.exit_code == 0, result.stderr
    days = pd.read_csv(io.StringIO(result.stdout))["created_at"].tolist()
    assert days == ["2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z", "2026-11-04T00:00:00Z"]
    assert result.stderr == warning
    store = tmp_path / "s.duckdb"
    ingest = runner.invoke(main, ["ingest", str(videos), str(typo), "--store", str(store), "--brand", "Acme", "-q"])
    assert ingest.exit_code == 0, ingest.stderr
    assert ingest.stderr == warning + f"{store}: inserted 5, updated 0, unchanged 0 (rejected 1)\n"


@pytest.mark.parametrize("engine", [[], ["--chunksize", "1"], ["--chunksize", "1", "--jobs", "2"]])
def test_time_columns_of_durations_named_zones_and_full_times_read_the_same_in_chunks_and_jobs(
    runner, tmp_path, engine
):
    """Three `Time` columns beside dates that were read as times of day or rejected: durations written with units
    (45 min, 90m) are durations (the dates at midnight, a warning), times in a named zone (2:35 PM EST) are read at
    its offset (IST, of several zones, rejected with its line), and full times (2026-11-04T09:10:00Z) are the posts'
    times, the note naming one on another day than its date. The same whole, in chunks and with --jobs 2."""
    videos, zones, full = tmp_path / "videos.csv", tmp_path / "zones.csv", tmp_path / "full.csv"
    videos.write_text("Date,Time,Text\n2026-11-02,2h,Acme one\n2026-11-03,45 min,Acme two\n2026-11-03,90m,Acme 3\n")
    zones.write_text(
        "Date,Time,Text\n2026-11-02,2:35 PM EST,Acme four\n2026-11-02,14:35 CET,Acme five\n"
        "2026-11-02,14:35 IST,Acme six\n2026-11-03,09:10 PST,Acme seven\n"
    )
    full.write_text(
        "Post Date,Time,Text\n2026-11-03,2026-11-03 14:35:00,Acme eight\n2026-11-03,2026-11-04T09:10Z,Acme 9\n"
    )
    rejects = tmp_path / "r.csv"
    args = ["analyze", str(videos), str(zones), str(full), "-f", "csv", "--brand", "Acme", "--rejects", str(rejects)]
    result = runner.invoke(main, [*args, *engine])
    assert result.exit_code == 0, result.stderr
    out = pd.read_csv(io.StringIO(result.stdout))
    assert out["created_at"].tolist() == [
        "2026-11-02T00:00:00Z",
        "2026-11-03T00:00:00Z",
        "2026-11-03T00:00:00Z",
        "2026-11-02T19:35:00Z",
        "2026-11-02T13:35:00Z",
        "2026-11-03T17:10:00Z",
        "2026-11-03T14:35:00Z",
        "2026-11-04T09:10:00Z",
    ]
    assert result.stderr.splitlines() == [
        f"{videos}: 3 rows; columns created_at=Date, text=Text",
        f"{zones}: 4 rows; columns created_at=Date+Time, text=Text",
        f"{full}: 2 rows ('Time' holds times with their day, read as the posts' times, and '2026-11-04T09:10Z' "
        "(line 3) is not on its 'Post Date' 2026-11-03: check which is right); columns created_at=Post Date+Time, "
        "text=Text",
        f"warning: {videos}: 'Time' holds durations such as '2h' (line 2) and '45 min' (line 3), not times of day: "
        "the dates are read at midnight",
        f"read 9 rows: analyzed 8, duplicates 0, rejected 1 (in {rejects})",
    ]
    assert pd.read_csv(rejects).values.tolist() == [
        [
            str(zones),
            "line 4",
            "ambiguous time zone 'IST' in '14:35 IST' in column 'Time' (India +05:30, Ireland +01:00 or Israel "
            "+02:00): write its UTC offset instead, as in 14:35+01:00",
            "2026-11-02,14:35 IST,Acme six",
        ]
    ]


@pytest.mark.parametrize("kind", ["xlsx", "zip"])
def test_a_time_column_of_durations_in_a_workbook_or_an_archive_warns_also_with_quiet(runner, tmp_path, kind):
    """A file read whole, then cut into chunks (a workbook), and an archive's member give the durations warning
    too, with -q, the member named."""
    rows = "Date,Time,Text\n2026-11-02,0:45,Acme one\n2026-11-03,31:30,Acme two\n2026-11-04,125:00:00,Acme 3\n"
    path = tmp_path / f"v.{kind}"
    if kind == "xlsx":
        pd.read_csv(io.StringIO(rows), dtype=str).to_excel(path, index=False)
        where, at = "", ("Sheet1 row 3", "Sheet1 row 4")
    else:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("v.csv", rows)
        where, at = "v.csv: ", ("line 3", "line 4")
    result = runner.invoke(main, ["analyze", str(path), "-f", "csv", "--brand", "Acme", "-q"])
    assert result.exit_code == 0, result.stderr
    assert pd.read_csv(io.StringIO(result.stdout))["created_at"].tolist() == [
        "2026-11-02T00:00:00Z",
        "2026-11-03T00:00:00Z",
        "2026-11-04T00:00:00Z",
    ]
    assert result.stderr == (
        f"warning: {path}: {where}'Time' holds durations such as '31:30' ({at[0]}) and '125:00:00' ({at[1]}), not "
        "times of day: the dates are read at midnight\n"
    )


def test_chunksize_help_says_which_dates_depend_on_it(runner, tmp_path):
    """The help said "Rows, summary and rejects do not depend on N", but dates such as 02/11/2026 whose order a
    date more than 10 chunks later shows are rejected as ambiguous: 11 such dates, then 13/11/2026, read in chunks
    of 1 post, are all rejected (10 chunks are held at most, then the held ones and those after them are rejected);
    read whole, none. --date-order reads them whatever N."""
    rows = [f"{i},post {i},0{1 + i % 9}/11/2026" for i in range(11)] + ["11,post 11,13/11/2026"]
    src = tmp_path / "d.csv"
    src.write_text("id,text,date\n" + "\n".join(rows) + "\n")

    def run(*args):
        result = runner.invoke(main, ["analyze", str(src), "-f", "csv", "--raw-csv", *args])
        assert result.exit_code == 0, result.stderr
        return last_line(result.stderr)

    assert run() == "read 12 rows: analyzed 12, duplicates 0, rejected 0"
    assert run("--chunksize", "1") == "read 12 rows: analyzed 1, duplicates 0, rejected 11"
    assert run("--chunksize", "1", "--date-order", "dmy") == "read 12 rows: analyzed 12, duplicates 0, rejected 0"
    help_text = " ".join(runner.invoke(main, ["analyze", "--help"]).stdout.split())
    assert "do not depend on N, except dates such as 02/11/2026 whose order (day or month first) no date" in help_text


def test_a_file_without_a_time_column_says_its_posts_are_in_no_report(runner, tmp_path):
    """A time column under a name not read as one (`ts`) left every post's created_at empty, and nothing said so:
    the posts were then in no weekly report or alert. The file's line says so, naming the column to map when one's
    name looks like times."""
    (tmp_path / "ts.csv").write_text("id,text,ts\n1,hello,2026-11-02 10:00\n")
    (tmp_path / "none.csv").write_text("id,text\n1,hello\n")
    (tmp_path / "timed.csv").write_text("id,text,created_at\n1,hello,2026-11-02 10:00\n")
    result = runner.invoke(main, ["analyze", "ts.csv", "none.csv", "timed.csv", "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    note = "; no time column, so its posts are in no report or alert"
    assert result.stderr.splitlines()[:3] == [
        f"ts.csv: 1 row; columns post_id=id{note}: --map created_at=ts",
        f"none.csv: 1 row; columns post_id=id{note}",
        "timed.csv: 1 row; columns post_id=id",
    ]
    mapped = runner.invoke(main, ["analyze", "ts.csv", "--map", "created_at=ts", "-f", "csv"])
    assert mapped.stderr.splitlines()[0] == "ts.csv: 1 row; columns created_at=ts, post_id=id"
    assert pd.read_csv(io.StringIO(mapped.stdout))["created_at"].tolist() == ["2026-11-02T10:00:00Z"]
    stored = runner.invoke(main, ["ingest", "ts.csv", "--store", "s.duckdb"])
    assert stored.exit_code == 0, stored.stderr
    assert (
        "ts.csv: 1 row, 1 post, 1 without a time (in no report, alert or queue; no time column: --map created_at=ts);"
        " columns post_id=id\n" in stored.stderr
    )


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_sentiment_is_written_to_four_decimals(runner, fmt):
    # cx scores the jet_fan and rainy_day posts 0.8433555555555556 and -0.6736222222222222 (`brandpulse.analyze`):
    # they were written so, digit for digit; now 0.8434 and -0.6736, as `queue` writes scores
    result = runner.invoke(main, ["analyze", *AIRLINES, "-f", fmt])
    assert result.exit_code == 0, result.stderr
    if fmt == "csv":
        rows = pd.read_csv(io.StringIO(result.stdout), dtype=str)
    else:
        rows = pd.DataFrame([json.loads(line) for line in result.stdout.splitlines()]).astype({"sentiment": str})
    score = dict(zip(rows["author"], rows["sentiment"], strict=True))
    assert (score["jet_fan"], score["rainy_day"]) == ("0.8434", "-0.6736")
    assert all(re.fullmatch(r"-?[01]\.\d{1,4}", s) for s in rows["sentiment"]), rows["sentiment"].tolist()


@pytest.mark.parametrize("jobs", ["1", "2", "dask"])
def test_files_of_other_columns_are_written_under_the_first_files_header(runner, tmp_path, jobs, request):
    """A game studio's Reddit posts and App Store reviews to one CSV: the reviews' `app_version` was written beyond
    the header (rows of 22 cells under 21), and the other way round a post's `about` under `app_version`; Parquet
    stopped with pyarrow's "field names are not matching". `--engine dask` left the column out without a word."""
    dask = ["--engine", "dask", "--scheduler", request.getfixturevalue("dask_scheduler")] if jobs == "dask" else []
    posts = tmp_path / "reddit.csv"
    posts.write_text("id,created_at,author,text\nt3_a,2026-12-02T10:00:00Z,ping999,Shardfall matchmaking is cooked\n")
    reviews = tmp_path / "appstore.csv"
    reviews.write_text(
        "Date,Rating,Title,Review,Nickname,Territory,Version\n"
        "2026-12-02 12:00:00,1,Crash city,Crashes every time I open the app,tiltproof,CAN,2.3.0\n"
    )
    opts = ["-c", str(tmp_path / "c.toml"), *(dask or ["--jobs", jobs]), "-q"]
    (tmp_path / "c.toml").write_text('[brands.Shardfall]\nterms = ["Shardfall"]\n[input]\nabout = "Shardfall"\n')
    result = runner.invoke(main, ["analyze", str(posts), str(reviews), "-o", str(tmp_path / "a.csv"), *opts])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "warning: app_version not written: the rows' columns are the first file's, which had none"
        " (give the files that have them first, or -f jsonl)\n"
    )
    a = pd.read_csv(tmp_path / "a.csv", dtype=str, keep_default_na=False)  # (a row longer than its header: an error)
    assert "app_version" not in a and a["rating"].tolist() == ["", "1"] and a["about"].tolist() == ["", "Shardfall"]
    for out in ("b.csv",) if jobs == "dask" else ("b.csv", "b.parquet"):  # the reviews first: every column
        result = runner.invoke(main, ["analyze", str(reviews), str(posts), "-o", str(tmp_path / out), *opts])
        assert result.exit_code == 0 and result.stderr == "", result.output
        b = (pd.read_csv if out.endswith("csv") else pd.read_parquet)(tmp_path / out).astype(object)
        assert b["app_version"].fillna("").tolist() == ["2.3.0" if out.endswith("parquet") else '="2.3.0"', ""]
        assert b["about"].fillna("").tolist() == ["Shardfall", ""] and b["rating"].fillna(0).tolist() == [1, 0]


@pytest.mark.parametrize("how", [[], ["--chunksize", "1"], ["--chunksize", "1", "--jobs", "2"]])
def test_cells_a_spreadsheet_cuts_are_one_warning_a_run(tmp_path, how):
    """A post of 40,000 characters was written whole to the CSV, which Excel then cut at 32,767 as it opened it,
    without a word. The warning counts the cells and names their columns, once a file: in chunks and workers too."""
    src = tmp_path / "posts.csv"
    pd.DataFrame(
        {
            "post_id": ["1", "2", "3"],
            "created_at": ["2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "2026-11-02T12:00:00Z"],
            "author": ["ann", "bob", "cy"],
            # 20 + 40,000 characters; 16,384 emoji, 32,768 UTF-16 units (Excel's characters); 32,767: kept whole
            "text": ["Skyway lost my bag. " + "a" * 40_000, "😀" * 16_384, "b" * 32_767],
        }
    ).to_csv(src, index=False)
    cmd = [sys.executable, "-m", "brandpulse", "analyze", str(src), "--brand", "Skyway", "-o", "out.csv", "-q"]
    run = subprocess.run(cmd + how, cwd=tmp_path, capture_output=True, text=True, check=True)
    assert run.stderr.splitlines() == [
        "warning: out.csv: 2 cells over 32,767 characters (columns: text 2), which Excel cuts there as it opens the"
        " file (LibreOffice as it saves it as .xlsx) without a word; the file holds them whole"
    ]
    out = pd.read_csv(tmp_path / "out.csv", dtype=str)
    assert out["text"].str.len().tolist() == [40_020, 16_384, 32_767]


CUT_WARNING = (
    "warning: {}: damaged {} file, cut short: unreadable from line {} on ({}): the lines before it were read, the rest"
    " is missing (a reject); copy or fetch the file again"
)
GZIP_ENDED = "Compressed file ended before the end-of-stream marker was reached"


@pytest.mark.parametrize("extra", [[], ["--jobs", "2", "--chunksize", "1"], ["--chunksize", "2"]])
@pytest.mark.parametrize("how", ["file", "stdin", "jsonl"])
def test_a_cut_gzip_reads_the_lines_before_the_cut(runner, tmp_path, how, extra):
    """A download that stopped: `posts.csv.gz` was refused whole ("damaged gzip file: unreadable from line 5 on",
    exit 4, no row analyzed). Its lines before the cut are read now, the cut is one reject naming its line and
    a warning says so; exit 0 (4 with --fail-on-rejects). Here the first gzip member holds the header and rows 1-2
    (whole), the second rows 3 and a line cut at `4,Delta fo` (its deflate data whole, its 8-byte end gone): rows
    1-3 are read, line 5 is the reject, its record the 10 bytes before the cut; 4 rows read, 3 analyzed."""
    if how == "jsonl":
        head = b'{"id": "1", "text": "Delta one"}\n{"id": "2", "text": "Delta two"}\n'
        tail, partial = b'{"id": "3", "text": "Delta three"}\n', b'{"id": "4", "te'
    else:
        head, tail, partial = b"id,text\n1,Delta one\n2,Delta two\n", b"3,Delta three\n", b"4,Delta fo"
    cut = gzip.compress(head) + gzip.compress(tail + partial)[:-8]
    name = "posts.jsonl.gz" if how == "jsonl" else "posts.csv.gz"
    (tmp_path / name).write_bytes(cut)
    line = 4 if how == "jsonl" else 5
    args = ["analyze", "-" if how == "stdin" else str(tmp_path / name), "--brand", "Delta", "-f", "csv", *extra]
    result = runner.invoke(main, [*args, "--rejects", str(tmp_path / "rej.csv")], input=cut if how == "stdin" else None)
    assert result.exit_code == 0, result.stderr
    assert pd.read_csv(io.StringIO(result.stdout), dtype=str)["post_id"].tolist() == ["1", "2", "3"]
    shown = "<stdin>" if how == "stdin" else str(tmp_path / name)
    assert CUT_WARNING.format(shown, "gzip", line, GZIP_ENDED) in result.stderr.splitlines(), result.stderr
    assert last_line(result.stderr).startswith("read 4 rows: analyzed 3, duplicates 0, rejected 1 (in ")
    rejects = pd.read_csv(tmp_path / "rej.csv", dtype=str, keep_default_na=False)
    assert rejects.to_dict("records") == [
        {
            "source": shown,
            "position": f"line {line}",
            "reason": f"damaged gzip file: unreadable from here on ({GZIP_ENDED}): copy or fetch it again",
            "record": partial.decode(),
        }
    ]
    failed = runner.invoke(main, [*args, "--fail-on-rejects"], input=cut if how == "stdin" else None)
    assert failed.exit_code == 4 and last_line(failed.stderr) == "brandpulse: error: 1 row rejected (--fail-on-rejects)"
    assert failed.stdout == ""


@pytest.mark.parametrize(
    ("suffix", "compress", "kind"), [(".bz2", bz2.compress, "bzip2"), (".xz", lzma.compress, "xz")]
)
def test_a_cut_bzip2_or_xz_reads_the_lines_before_the_cut(runner, tmp_path, suffix, compress, kind):
    """As gzip's: a first stream of the header and 2 rows, a second cut after its first 10 bytes (nothing of it
    readable): rows 1-2 read, line 4 the reject, of no record."""
    path = tmp_path / f"posts.csv{suffix}"
    path.write_bytes(compress(b"id,text\n1,Delta one\n2,Delta two\n") + compress(b"3,Delta three\n")[:10])
    result = runner.invoke(main, ["analyze", str(path), "--brand", "Delta", "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    assert pd.read_csv(io.StringIO(result.stdout), dtype=str)["post_id"].tolist() == ["1", "2"]
    warning = next(x for x in result.stderr.splitlines() if x.startswith("warning: "))
    assert warning.startswith(f"warning: {path}: damaged {kind} file, cut short: unreadable from line 4 on ("), warning
    assert f"rejected {path} line 4: damaged {kind} file: unreadable from here on (" in result.stderr
    assert last_line(result.stderr).startswith("read 3 rows: analyzed 2, duplicates 0, rejected 1")


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        ("p.csv", b"id,text\n1,Delta one\n\0\0\0\0\n2,Delta two\n", 3),
        ("p.csv", b'id,text\r\n1,"Delta\r\none"\r\n\0\0\0\0\r\n2,Delta two\r\n', 4),  # (CRLF inside quotes)
        ("p.csv", b"id,text\r1,Delta one\r2,Delta two\r\0\0\0\0\r", 4),  # (CR alone ends lines)
        ("p.jsonl", b'{"id": 1, "text": "Delta one"}\n\0\0\0\0\n{"id": 2, "text": "Delta two"}\n', 2),
    ],
)
def test_a_line_of_nul_bytes_is_named_by_its_line(runner, tmp_path, name, content, line):
    """A line of NUL bytes (a disk's padding after a crash, the data after it maybe lost) is dropped, both posts read,
    and the warning said "4 NUL bytes dropped" without where: a file of 100,000 lines left the user to search for
    them. It names the line of the first now, counted as rejects' lines are (CRLF inside quotes is one line end)."""
    (tmp_path / name).write_bytes(content)
    result = runner.invoke(main, ["analyze", name, "--brand", "Delta", "-q", "-f", "csv", "--rejects", "r.csv"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"warning: {name}: 4 NUL bytes dropped, the first on line {line} (a disk's padding after a crash? the file "
        "may be cut)\n"
    )
    assert pd.read_csv(io.StringIO(result.stdout))["post_id"].tolist() == [1, 2]
    assert (tmp_path / "r.csv").read_text() == "source,position,reason,record\n"
