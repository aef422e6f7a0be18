"""The report's "Most praised" posts (stop 52): a support lead passes the week's thanks to the team. The report
listed the most negative high-reach posts alone; it now lists the positive posts (as a whole, or towards one brand of
several) and the posts of the praise intent, widest reach first, in every format. The order is checked by hand."""

from __future__ import annotations

import io
import json

import pandas as pd
from click.testing import CliRunner
from history_fixtures import config, enriched, post
from rich.console import Console
from test_report_posts import StrictHTML

from brandpulse import store
from brandpulse.cli import main
from brandpulse.report.build import build_report
from brandpulse.report.console import print_report
from brandpulse.report.html import render_html
from brandpulse.report.markdown import render_markdown
from brandpulse.report.periods import Period

T = pd.Timestamp
WEEK = Period(T("2026-11-02", tz="UTC"), T("2026-11-09", tz="UTC"))
TITLE = "Most praised high-reach posts naming a brand"


def week() -> pd.DataFrame:
    """Reach is followers here (no likes). Praised, by reach: 3 (3,000: positive for B alone), 8 (2,500: negative
    as a whole, positive for A), 4 (1,200: unscored, its intent praise), 5 and 1 (800 each: +0.9 before +0.6).
    Not: 2 (negative), 6 (names no brand), 7 (neutral, a question), 9 (the week before)."""
    return enriched(
        [
            post(1, "2026-11-02T09:00Z", "A", "positive", followers=800, sentiment=0.6, intent="praise"),
            post(2, "2026-11-02T10:00Z", "A", "negative", followers=5000, sentiment=-0.8, intent="complaint"),
            post(
                3,
                "2026-11-03T09:00Z",
                "A;B",
                "positive",
                followers=3000,
                sentiment=0.5,
                brand_sentiments="A=-0.6000;B=0.5000",
            ),
            post(4, "2026-11-04T09:00Z", "A", "", followers=1200, sentiment=float("nan"), intent="praise"),
            post(5, "2026-11-05T09:00Z", "A", "positive", followers=800, sentiment=0.9),
            post(6, "2026-11-05T10:00Z", "", "positive", followers=10000, sentiment=0.7),
            post(7, "2026-11-06T09:00Z", "B", "neutral", followers=2000, sentiment=0.0, intent="question"),
            post(
                8,
                "2026-11-07T09:00Z",
                "A;B",
                "negative",
                followers=2500,
                sentiment=-0.3,
                brand_sentiments="A=0.4000;B=-0.7000",
            ),
            post(9, "2026-10-30T09:00Z", "A", "positive", followers=9000, sentiment=0.5),
        ]
    )


def test_praised_posts_are_the_positive_and_praise_posts_widest_reach_first():
    rep = build_report(week(), config(), WEEK, None, top=5)
    praised = rep.tables["praised_posts"]
    assert praised[["author", "positive_for", "reach"]].fillna("").values.tolist() == [
        ["user3", "B", 3000],
        ["user8", "A", 2500],
        ["user4", "", 1200],
        ["user5", "A", 800],
        ["user1", "A", 800],
    ]
    assert praised["sentiment"].tolist()[:2] == [0.5, -0.3]  # (the post's own score, as the negative list gives)
    # the negative list is as it was: 2, 3 (negative for A) and 8 (for B) are there, none of the praised alone
    assert rep.tables["negative_posts"]["author"].tolist() == ["user2", "user3", "user8"]
    # --top: the fifth (the lower score of the two at 800) goes first
    assert build_report(week(), config(), WEEK, None, top=4).tables["praised_posts"]["author"].tolist() == [
        "user3",
        "user8",
        "user4",
        "user5",
    ]


def test_praised_posts_in_markdown_html_json_and_on_the_terminal():
    rep = build_report(week(), config(), WEEK, None, top=5)
    md = render_markdown(rep).split(f"## {TITLE}\n\n", 1)[1].split("\n\n", 2)
    assert md[0].splitlines() == [
        "| when | author | positive for | reach | engagement | post sentiment | text | link |",
        "|---|---|---|---:|---:|---:|---|---|",
        "| 2026-11-03 09:00 | user3 | B (+0.50) | 3,000 | 0 | +0.50 | post 3 about A;B | https://x.com/u/status/3 |",
        "| 2026-11-07 09:00 | user8 | A (+0.40) | 2,500 | 0 | -0.30 | post 8 about A;B | https://x.com/u/status/8 |",
        "| 2026-11-04 09:00 | user4 | (the post as a whole) | 1,200 | 0 | – | post 4 about A"
        " | https://x.com/u/status/4 |",
        "| 2026-11-05 09:00 | user5 | A | 800 | 0 | +0.90 | post 5 about A | https://x.com/u/status/5 |",
        "| 2026-11-02 09:00 | user1 | A | 800 | 0 | +0.60 | post 1 about A | https://x.com/u/status/1 |",
    ]
    assert md[1].startswith("reach: the author's followers") and "positive for: the brands" in md[1]
    assert md[2].startswith("---")  # (the last section: the provenance line follows)

    html = render_html(rep)
    page = StrictHTML(html)  # (a valid page: every tag closed, no id twice)
    assert [a.get("aria-label") for t, a, _ in page.tags if t == "table"][-1] == TITLE
    part = html.split(f"<h2>{TITLE}</h2>", 1)[1]
    at = [part.index(f">post {i} about") for i in (3, 8, 4, 5, 1)]
    assert at == sorted(at) and ">post 6 about" not in part and ">post 2 about" not in part

    data = json.loads(json.dumps(rep.to_dict()))["tables"]["praised_posts"]
    assert [(p["author"], p["positive_for"], p["sentiment"]) for p in data] == [
        ("user3", "B", 0.5),
        ("user8", "A", -0.3),
        ("user4", None, None),
        ("user5", "A", 0.9),
        ("user1", "A", 0.6),
    ]
    assert data[0]["url"] == "https://x.com/u/status/3" and data[0]["brand_sentiments"] == "A=-0.6000;B=0.5000"

    out = io.StringIO()
    print_report(Console(file=out, width=200), rep)
    term = out.getvalue().split(TITLE, 1)[1]
    at = [term.index(f"post {i} about") for i in (3, 8, 4, 5, 1)]
    assert at == sorted(at) and "post 6 about" not in term and "positive for" in term


def test_a_week_without_praise_says_so():
    """A section left out read as a report without it: the week's praise was looked for, and there was none."""
    rep = build_report(week().iloc[[1, 6]], config(), WEEK, None, top=5)  # (posts 2 and 7)
    assert rep.tables["praised_posts"].empty
    md = render_markdown(rep)
    assert f"## {TITLE}\n\nNone: no post of the period naming a brand is positive or praise\n" in md
    assert f"<h2>{TITLE}</h2>\n<p>None: no post of the period naming a brand is positive or praise</p>" in (
        render_html(rep)
    )


def test_report_table_praised_posts_csv_from_the_store(tmp_path):
    """`--table praised_posts` writes the table as CSV, as `--table negative_posts` does; the store's posts keep
    their intent, which lists the unscored praise (post 4)."""
    db = tmp_path / "h.duckdb"
    store.ingest(db, week())
    (tmp_path / "b.toml").write_text('[brands.A]\nterms = ["A"]\n\n[brands.B]\nterms = ["B"]\ncompetitor = true\n')
    args = ["--store", str(db), "-c", str(tmp_path / "b.toml"), "--until", "2026-11-09", "-q"]
    result = CliRunner().invoke(main, ["report", *args, "--table", "praised_posts", "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    csv = pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False)
    assert csv[["post_id", "positive_for", "reach", "sentiment"]].values.tolist() == [
        ["3", "B", "3000", "0.5"],
        ["8", "A", "2500", "-0.3"],
        ["4", "", "1200", ""],
        ["5", "A", "800", "0.9"],
        ["1", "A", "800", "0.6"],
    ]
