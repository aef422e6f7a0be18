"""`brandpulse query test` and queries given with --brand on the command line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from brandpulse.cli import main

FIXTURE = str(Path(__file__).parent / "fixtures" / "query_posts.csv")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_report_counts_samples_near_misses_and_terms():
    result = run(
        "query", "test", "apple NEAR/3 (iphone OR mac) AND NOT samsung", FIXTURE, "--sample", "5", "--seed", "1"
    )
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    # matches: 1 (apple iphone); near-misses: posts with apple/iphone/mac that fail: 2, 3, 10, 11
    assert "query: (apple NEAR/3 (iphone OR mac)) AND NOT samsung" in out
    assert "1 of 12 posts match (8.3%); near-misses 4" in out
    assert "Sample of matches (1 of 1)" in out and "battery died" in out
    assert "Sample of near-misses (4 of 4)" in out
    for text in ("apple pie recipe", "shiny new Mac", "Samsung Galaxy"):
        assert text in out
    # term table rows: term, in matches, in near-misses, in all posts
    rows = {
        line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:5]]
        for line in out.splitlines()
        if line.count("│") == 5
    }
    assert rows["apple"] == ["1", "4", "5"]
    assert rows["iphone"] == ["1", "2", "3"]
    assert rows["mac"] == ["0", "1", "1"]
    assert "samsung" not in rows  # negated terms are not positive terms


def test_sample_is_limited_and_reproducible_with_seed():
    first = run("query", "test", "apple OR delta", FIXTURE, "--sample", "2", "--seed", "7")
    again = run("query", "test", "apple OR delta", FIXTURE, "--sample", "2", "--seed", "7")
    assert "Sample of matches (2 of 8)" in first.stdout
    assert first.stdout == again.stdout


def test_csv_writes_the_matching_posts_and_counts_on_stderr(tmp_path):
    result = run("query", "test", "{AA} OR author:delta", FIXTURE, "--format", "csv")
    assert result.exit_code == 0
    rows = pd.read_csv(io.StringIO(result.stdout))
    assert rows["post_id"].tolist() == [4, 9]
    assert rows["terms"].tolist() == ["{AA}", "author:delta"]
    assert result.stderr.strip() == "2 of 12 posts match (16.7%); near-misses 0"
    out = tmp_path / "m.csv"
    assert run("query", "test", "delta", FIXTURE, "-f", "csv", "-o", str(out)).exit_code == 0
    assert pd.read_csv(out)["post_id"].tolist() == [7, 8, 9]


def test_output_to_a_csv_file_writes_the_matching_posts(tmp_path):
    """`query test Q FILE -o matches.csv` wrote the text report (tables) into matches.csv: -f defaulted to
    table, where every other command takes the format from -o's extension."""
    out = tmp_path / "matches.csv"
    result = run("query", "test", "delta", FIXTURE, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert pd.read_csv(out)["post_id"].tolist() == [7, 8, 9]
    assert "3 of 12 posts match" in result.stderr
    report = tmp_path / "report.txt"  # any other name still gets the report
    assert run("query", "test", "delta", FIXTURE, "-o", str(report)).exit_code == 0
    assert report.read_text().startswith("query: delta\n3 of 12 posts match")
    forced = run("query", "test", "delta", FIXTURE, "-f", "table", "-o", str(out))  # (wrote the report in it)
    assert forced.exit_code == 2 and "--format table and --output" in forced.stderr
    assert pd.read_csv(out)["post_id"].tolist() == [7, 8, 9]


@pytest.mark.parametrize("name", ["matches.tsv", "matches.jsonl", "matches.parquet"])
def test_output_in_a_format_query_test_does_not_write_is_a_usage_error(tmp_path, name):
    """`-o matches.tsv` (or .jsonl, .parquet) got the text report with its box-drawn tables, exit 0."""
    out = tmp_path / name
    result = run("query", "test", "delta", FIXTURE, "-o", str(out))
    assert result.exit_code == 2
    fmt = name.split(".")[1]
    assert result.stderr.splitlines()[-1] == (
        f"brandpulse: error: --output {out}: query test writes csv (the matching posts), json or the text "
        f"report, not {fmt}; give -f table for the report"
    )
    assert not out.exists()


def test_json_is_the_report_as_one_object(tmp_path):
    """A pipeline had no way to read the report: -f json was refused, and piped it was box-drawn tables."""
    query = "apple NEAR/3 (iphone OR mac) AND NOT samsung"
    result = run("query", "test", query, FIXTURE, "-f", "json", "--seed", "1")
    assert result.exit_code == 0, result.stderr
    got = json.loads(result.stdout)
    assert got["query"] == "(apple NEAR/3 (iphone OR mac)) AND NOT samsung"
    assert (got["posts"], got["matches"], got["near_misses"]) == (12, 1, 4)
    # as the table above: term, in matches, in near-misses, in all posts (samsung is under NOT: not a term)
    assert [[t["term"], t["matched"], t["near_misses"], t["posts"]] for t in got["terms"]] == [
        ["apple", 1, 4, 5],
        ["iphone", 1, 2, 3],
        ["mac", 0, 1, 1],
    ]
    (match,) = got["sample"]
    assert match["post_id"] == "1" and match["created_at"] == "2026-01-05T10:00:00Z"
    assert match["terms"] == "apple; iphone" and match["author"] == "@maria"
    assert [p["post_id"] for p in got["near_miss_sample"]] == ["2", "3", "10", "11"]
    assert result.stderr.strip() == "1 of 12 posts match (8.3%); near-misses 4"
    out = tmp_path / "report.json"  # from -o's extension, as the other commands take it
    assert run("query", "test", query, FIXTURE, "-o", str(out), "--seed", "1").exit_code == 0
    assert json.loads(out.read_text()) == got


def test_table_piped_is_not_folded_at_80_columns(tmp_path):
    """Piped (`| less`, `> report.txt`), rich laid the tables out at 80 columns and folded each post's text over
    several lines, as `-o report.txt` did not."""
    text = "Apple support replaced the battery of my iPhone in twenty minutes, friendly staff"  # (81 characters)
    path = tmp_path / "posts.csv"
    path.write_text(f'author,text\n@maria,"{text}"\n', encoding="utf-8")
    result = run("query", "test", "apple", str(path))
    assert result.exit_code == 0, result.stderr
    assert text in result.stdout
    report = tmp_path / "report.txt"
    assert run("query", "test", "apple", str(path), "-o", str(report)).exit_code == 0
    assert report.read_text() == result.stdout  # as -o FILE writes it


def test_bad_query_is_one_line_exit_5():
    result = run("query", "test", "apple AND (iphone", FIXTURE)
    assert result.exit_code == 5
    assert result.stderr == "brandpulse: error: query 'apple AND (iphone' at 18: expected ')' to close '(' at 11\n"
    assert result.stdout == ""


def test_bad_query_is_reported_before_the_file_is_read(tmp_path):
    """A typo in the query failed only after a large file had been read (here: a file that is not there)."""
    result = run("query", "test", "apple AND (iphone", str(tmp_path / "missing.csv"))
    assert result.exit_code == 5
    assert result.stderr.startswith("brandpulse: error: query 'apple AND (iphone' at 18:")


def test_analyze_with_brand_query_option():
    result = run(
        "analyze",
        FIXTURE,
        "--brand",
        "Apple=apple NEAR/3 (iphone OR mac)",
        "--brand",
        "Delta=delta air lines,@delta",
        "-f",
        "csv",
        "--sentiment",
        "vader",
    )
    assert result.exit_code == 0, result.stderr
    rows = pd.read_csv(io.StringIO(result.stdout), keep_default_na=False)
    got = dict(zip(rows["post_id"], rows["brands"], strict=True))
    # 3 and 10 have 4 words between apple and mac/iphone
    assert [k for k, v in got.items() if "Apple" in v] == [1, 11]
    assert [k for k, v in got.items() if "Delta" in v] == [9]


def test_report_shows_hostile_posts_without_their_control_sequences(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")  # (no folding in the cells)
    src = tmp_path / "p.csv"
    src.write_text(
        "author,text\nevil\x1b[5m,apple \x1b]0;PWNED\x1b\\ [red]loud[/red] \x9b2Jend\nfan,apple pie\n", "utf-8"
    )
    result = run("query", "test", "apple", str(src))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out and not any("\x80" <= c <= "\x9f" for c in out)
    for shown in ("evil\ufffd[5m", "\ufffd]0;PWNED\ufffd\\", "[red]loud[/red]", "\ufffd2Jend", "apple pie"):
        assert shown in out  # the rest of the text is shown, markup as text


def test_rows_rejected_on_reading_are_told_with_their_line(tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text(
        "text,created_at\n"
        "Skyway one,2024-01-01\n"
        "Skyway two,2024-01-02,extra\n"  # line 3: a field too many
        "Skyway three,not a date\n"  # line 4
        "Skyway four,2024-01-04\n"
    )
    result = run("query", "test", "Skyway", str(path), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert pd.read_csv(io.StringIO(result.stdout))["text"].tolist() == ["Skyway one", "Skyway four"]
    assert result.stderr.splitlines() == [
        f"rejected {path} line 3: expected 2 fields, saw 3",
        f"rejected {path} line 4: bad created_at 'not a date'",
        "(use --rejects FILE to save all 2 rejected rows)",
        "2 of 2 posts match (100.0%); near-misses 0",
    ]
    saved = tmp_path / "rejects.csv"
    result = run("query", "test", "Skyway", str(path), "--rejects", str(saved))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [f"2 rejected rows written to {saved}"]
    rejects = pd.read_csv(saved)
    assert rejects["position"].tolist() == ["line 3", "line 4"]
    assert rejects["record"].tolist() == ["Skyway two,2024-01-02,extra", "Skyway three,not a date"]


def test_duplicates_count_once_as_in_analyze(tmp_path):
    src = tmp_path / "p.csv"
    src.write_text("id,platform,text\n1,x,Delta late\n1,x,Delta late\n2,x,United fine\n3,x,Delta again\n")
    result = run("query", "test", "delta", str(src), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{src}: 4 rows; columns post_id=id",
        "1 duplicate dropped (same platform and post_id)",
        "2 of 3 posts match (66.7%); near-misses 0",
    ]


def test_intent_field_matches_the_intents_analyze_tags(tmp_path):
    """Stop 54: no query could pick posts by intent. `intent:` matches any of the intents `analyze` tags with the
    config (a file is read without them): post 1 is a suggestion first and a complaint too (read by hand: "please add",
    "lost my"), 2 a question, 3 none. An intent no rule has is a usage error, one line, exit 2, naming the close one."""
    (tmp_path / "c.toml").write_text('[brands.Skyway]\nterms = ["Skyway"]\n')
    (tmp_path / "p.csv").write_text(
        "id,author,text\n"
        '1,ann,"Skyway lost my bag, please add a bag tracker"\n'
        "2,bob,Does Skyway allow pets in the cabin?\n"
        "3,cat,Nothing to report today\n"
    )
    args = ["query", "test", "-c", str(tmp_path / "c.toml"), "-f", "csv"]
    result = run(*args, "intent:complaint", str(tmp_path / "p.csv"))
    assert result.exit_code == 0, result.stderr
    rows = pd.read_csv(io.StringIO(result.stdout), keep_default_na=False)
    assert rows[["post_id", "intent", "intents"]].values.tolist() == [[1, "suggestion", "suggestion;complaint"]]
    assert result.stderr.strip().endswith("1 of 3 posts match (33.3%); near-misses 0")
    both = run(*args, "intent:question OR (bag AND intent:suggestion)", str(tmp_path / "p.csv"))
    assert pd.read_csv(io.StringIO(both.stdout))["post_id"].tolist() == [1, 2]
    bad = run(*args, "intent:sugestion", str(tmp_path / "p.csv"))
    assert bad.exit_code == 2 and bad.stdout == ""
    assert bad.stderr.splitlines()[-1] == (
        "brandpulse: error: intent:sugestion: no such intent, did you mean suggestion? "
        "(the rules': complaint, question, praise, suggestion, purchase-intent)"
    )


def test_readmes_example_is_what_the_command_prints():
    """README's `query test` example (its fixture's 12 posts) is the command's output down to its `...` (it showed a
    borderless table the command has not printed for many stops)."""
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    block = readme.split("$ brandpulse query test 'apple NEAR/3 (iphone OR mac) AND NOT samsung' posts.csv --seed 1\n")
    shown = block[1].split("\n...\n", 1)[0].splitlines()
    result = run("query", "test", "apple NEAR/3 (iphone OR mac) AND NOT samsung", FIXTURE, "--seed", "1")
    assert result.exit_code == 0, result.stderr
    printed = [line.rstrip() for line in result.stdout.splitlines()]
    assert len(shown) == 10 and shown[3].startswith("┏")
    assert printed[: len(shown)] == shown
