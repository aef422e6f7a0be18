"""What the summary and the weekly report show (stop 36): intents per brand, topics that fell to 0, the top posts
by engagement, and the charts' dates. One small data set, every figure counted by hand below."""

from __future__ import annotations

import io
import json
import re

import pandas as pd
import pytest
from click.testing import CliRunner
from rich.console import Console

import brandpulse
from brandpulse.cli import main
from brandpulse.report.build import build_report
from brandpulse.report.charts import all_charts
from brandpulse.report.console import print_report
from brandpulse.report.html import render_html
from brandpulse.report.markdown import render_markdown
from brandpulse.report.periods import comparison_period, resolve_period

CONFIG = """
[brands.Skyway]
terms = ["Skyway"]
handles = ["@SkywayAir"]

[brands.Jetly]
terms = ["Jetly"]

[brands.Aerolux]
terms = ["Aerolux"]
competitor = true
"""

# two weeks: 2026-10-26..11-01 (posts 1-5) and 2026-11-02..08 (posts 6-14); the intent each post gets on the right
POSTS = """id,created_at,author,text,likes,reposts,replies
1,2026-10-27T10:00:00Z,a1,Skyway lost my bag again and nobody answers. Terrible service,3,0,0
2,2026-10-28T10:00:00Z,a2,Does Skyway allow pets in the cabin?,0,0,0
3,2026-10-29T10:00:00Z,a3,Food on Skyway was great today,0,0,0
4,2026-10-30T10:00:00Z,a4,Jetly flight was delayed three hours. Awful,1,1,0
5,2026-10-31T10:00:00Z,a5,Nothing to report today,0,0,0
6,2026-11-02T10:00:00Z,b1,Skyway cancelled my flight. Worst airline ever,5,2,1
7,2026-11-03T10:00:00Z,b2,Skyway and Aerolux both lost my luggage. Terrible,2,0,0
8,2026-11-03T12:00:00Z,b3,Is Jetly wifi free on long flights?,0,0,0
9,2026-11-04T10:00:00Z,b4,Skyway you should add more legroom,0,0,0
10,2026-11-05T10:00:00Z,b5,Thinking of booking Jetly for my trip to Rome,0,0,0
11,2026-11-06T10:00:00Z,b6,Love the Aerolux crew. Amazing service,0,0,0
12,2026-11-07T10:00:00Z,@SkywayAir,Sorry to hear that. Skyway will fix this,0,0,0
13,2026-11-08T10:00:00Z,b7,Nothing to report today,0,0,0
14,2026-11-08T11:00:00Z,b8,Skyway flight today,0,0,0
"""
INTENTS = {
    "1": "complaint",
    "2": "question",
    "3": "praise",
    "4": "complaint",
    "6": "complaint",
    "7": "complaint",
    "8": "question",
    "9": "suggestion",
    "10": "purchase-intent",
    "11": "praise",
}
COLUMNS = ["complaint", "question", "praise", "suggestion", "purchase-intent", "none"]
# the last week, by hand (post 12 is Skyway's own: left out): Skyway 6, 7, 9, 14; Jetly 8, 10; Aerolux 7, 11;
# no brand 13; all posts 6-11, 13, 14 (post 7, naming two brands, once)
WEEK = {
    #             volume, complaint, question, praise, suggestion, purchase-intent, none
    "Skyway": [4, 2, 0, 0, 1, 0, 1],
    "Jetly": [2, 0, 1, 0, 0, 1, 0],
    "Aerolux": [2, 1, 0, 1, 0, 0, 0],
    "(no brand)": [1, 0, 0, 0, 0, 0, 1],
    "(all posts)": [8, 2, 1, 1, 1, 1, 2],
}
# the week before: Skyway 1, 2, 3; Jetly 4; no brand 5; all posts 1-5
BEFORE = {
    "Skyway": [3, 1, 1, 1, 0, 0, 0],
    "Jetly": [1, 1, 0, 0, 0, 0, 0],
    "Aerolux": [0, 0, 0, 0, 0, 0, 0],
    "(no brand)": [1, 0, 0, 0, 0, 0, 1],
    "(all posts)": [5, 2, 1, 1, 0, 0, 1],
}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("content")
    (folder / "c.toml").write_text(CONFIG)
    (folder / "p.csv").write_text(POSTS)
    return folder


@pytest.fixture(scope="module")
def analyzed(files):
    config = brandpulse.load_config(str(files / "c.toml"))
    return brandpulse.analyze(brandpulse.load(str(files / "p.csv")), config), config


@pytest.fixture(scope="module")
def rep(analyzed):
    posts, config = analyzed
    week = resolve_period("week", None, "2026-11-09", None)
    return build_report(posts, config, week, comparison_period(week, "previous"))


def report(files, *args):
    result = CliRunner().invoke(main, ["report", str(files / "p.csv"), "-c", str(files / "c.toml"), *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_the_data_set_gets_the_intents_counted_by_hand(analyzed):
    posts, _ = analyzed
    got = dict(zip(posts["post_id"].astype(str), posts["intent"].fillna(""), strict=True))
    assert {k: v for k, v in got.items() if v} == INTENTS


def test_intent_summary_per_brand_of_both_weeks(analyzed):
    """No table counted intents per brand: "Skyway: 3 complaints" needed a pivot of the enriched rows."""
    posts, config = analyzed
    t = brandpulse.intent_summary(posts, config)
    assert t.columns.tolist() == ["brand", "competitor", "mentions", *COLUMNS]
    # both weeks: Skyway 1, 2, 3, 6, 7, 9, 14 (12 is its own); Jetly 4, 8, 10; Aerolux 7, 11; no brand 5, 13
    assert t.values.tolist() == [
        ["Skyway", False, 7, 3, 1, 1, 1, 0, 1],
        ["Jetly", False, 3, 1, 1, 0, 0, 1, 0],
        ["Aerolux", True, 2, 1, 0, 1, 0, 0, 0],
        ["(no brand)", False, 2, 0, 0, 0, 0, 0, 2],
    ]


@pytest.mark.parametrize("extra", [[], ["--chunksize", "3"], ["--jobs", "2", "--chunksize", "4"]])
def test_analyze_prints_intents_per_brand(files, extra):
    """The same counts added up over chunks and worker processes."""
    args = ["analyze", str(files / "p.csv"), "-c", str(files / "c.toml"), "-f", "table", *extra]
    result = CliRunner().invoke(main, args, env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.stderr
    table = result.stdout.split("Intents per brand", 1)[1].split("Most negative posts", 1)[0]
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in table.splitlines() if line.startswith("│")]
    assert rows == [
        ["Skyway", "7", "3", "1", "1", "1", "0", "1"],
        ["Jetly", "3", "1", "1", "0", "0", "1", "0"],
        ["Aerolux (competitor)", "2", "1", "0", "1", "0", "0", "0"],
        ["(no brand)", "2", "0", "0", "0", "0", "0", "2"],
    ]
    assert "purchase-intent" in table


def test_analyze_intents_per_brand_on_80_columns_keeps_every_cell_whole(files):
    """At 80 columns rich folded the table's headers and brands ("complain" over "t", "(competi" over "tor)"): the
    columns that do not fit go to a second table, as in `report`."""
    args = ["analyze", str(files / "p.csv"), "-c", str(files / "c.toml"), "-f", "table"]
    result = CliRunner().invoke(main, args, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    table = result.stdout.split("Intents per brand", 1)[1].split("Most negative posts", 1)[0]
    assert max(len(line) for line in table.splitlines()) <= 80 and "Intents per brand (continued)" in table
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in table.splitlines() if line.startswith("│")]
    heads = [[c.strip() for c in line.split("┃")[1:-1]] for line in table.splitlines() if line.startswith("┃")]
    assert [h for head in heads for h in head if h != "brand"] == ["posts", *COLUMNS]
    assert [rows[k] + rows[k + 4][1:] for k in range(4)] == [
        ["Skyway", "7", "3", "1", "1", "1", "0", "1"],
        ["Jetly", "3", "1", "1", "0", "0", "1", "0"],
        ["Aerolux (competitor)", "2", "1", "0", "1", "0", "0", "0"],
        ["(no brand)", "2", "0", "0", "0", "0", "0", "2"],
    ]


def test_report_intents_csv_with_changes(files):
    t = pd.read_csv(io.StringIO(report(files, "--until", "2026-11-09", "--table", "intents", "-f", "csv")))
    figures = ["volume", *COLUMNS]
    assert t.columns.tolist() == [
        "brand",
        "competitor",
        *figures,
        *[f"{c}_{s}" for c in figures for s in ("prev", "change")],
    ]
    assert t["brand"].tolist() == list(WEEK)
    assert t["competitor"].tolist() == [False, False, True, False, False]
    assert t[figures].values.tolist() == list(WEEK.values())
    assert t[[f"{c}_prev" for c in figures]].values.tolist() == list(BEFORE.values())
    change = [[a - b for a, b in zip(WEEK[k], BEFORE[k], strict=True)] for k in WEEK]
    assert t[[f"{c}_change" for c in figures]].values.tolist() == change
    assert change[0] == [1, 1, -1, -1, 1, 0, 1]  # Skyway: one more complaint, no question or praise this week


def test_report_intents_in_json_markdown_html_and_terminal(files, rep):
    data = json.loads(report(files, "--until", "2026-11-09", "-f", "json"))["tables"]["intents"]
    assert {r["brand"]: [r["volume"], *(r[c] for c in COLUMNS)] for r in data} == WEEK
    assert data[0]["complaint_prev"] == 1 and data[0]["complaint_change"] == 1

    md = render_markdown(rep).split("## Intents per brand\n\n", 1)[1].split("\n\n", 2)
    assert md[0].splitlines() == [
        "| brand | volume | complaint | question | praise | suggestion | purchase-intent | none |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        "| Skyway | 4 (+1) | 2 (+1) | 0 (-1) | 0 (-1) | 1 (+1) | 0 (+0) | 1 (+1) |",
        "| Jetly | 2 (+1) | 0 (-1) | 1 (+1) | 0 (+0) | 0 (+0) | 1 (+1) | 0 (+0) |",
        "| Aerolux (competitor) | 2 (+2) | 1 (+1) | 0 (+0) | 1 (+1) | 0 (+0) | 0 (+0) | 0 (+0) |",
        "| (no brand) | 1 (+0) | 0 (+0) | 0 (+0) | 0 (+0) | 0 (+0) | 0 (+0) | 1 (+0) |",
        "| (all posts) | 8 (+3) | 2 (+0) | 1 (+0) | 1 (+0) | 1 (+1) | 1 (+1) | 2 (+1) |",
    ]
    assert md[1].endswith("in brackets: change since 2026-10-26 .. 2026-11-01")

    html = render_html(rep).split("<h2>Intents per brand</h2>", 1)[1].split("</table>", 1)[0]
    row = (
        '<th scope="row" dir="auto">Skyway</th><td class="n">4 <span class="chg">(+1)</span></td><td class="n">2 <span'
    )
    assert row + ' class="chg">(+1)</span></td>' in html

    console = Console(width=80, record=True)
    print_report(console, rep)
    whole = console.export_text()
    assert max(len(line) for line in whole.splitlines()) <= 80
    text = whole.split("Intents per brand", 1)[1].split("Emerging terms", 1)[0]
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in text.splitlines() if line.startswith("│")]
    # 80 columns hold 5 of the 7: two tables, each cell and brand whole
    assert rows[:5] == [
        ["Skyway", "4 (+1)", "2 (+1)", "0 (-1)", "0 (-1)", "1 (+1)"],
        ["Jetly", "2 (+1)", "0 (-1)", "1 (+1)", "0 (+0)", "0 (+0)"],
        ["Aerolux (competitor)", "2 (+2)", "1 (+1)", "0 (+0)", "1 (+1)", "0 (+0)"],
        ["(no brand)", "1 (+0)", "0 (+0)", "0 (+0)", "0 (+0)", "0 (+0)"],
        ["(all posts)", "8 (+3)", "2 (+0)", "1 (+0)", "1 (+0)", "1 (+1)"],
    ]
    assert "Intents per brand (continued)" in text and "purchase-intent" in text
    assert rows[5:] == [
        ["Skyway", "0 (+0)", "1 (+1)"],
        ["Jetly", "1 (+1)", "0 (+0)"],
        ["Aerolux (competitor)", "0 (+0)", "0 (+0)"],
        ["(no brand)", "0 (+0)", "1 (+0)"],
        ["(all posts)", "1 (+1)", "2 (+1)"],
    ]


def test_a_configs_own_intent_is_a_column_of_figures_in_every_renderer(files):
    """An intent of the config's own (`refund`) was aligned as text, left, beside the built-in ones' figures."""
    config = files / "own-intent.toml"
    config.write_text(CONFIG + '\n[intent.refund]\nkeywords = ["refund"]\n')
    posts = files / "refund.csv"
    posts.write_text("id,created_at,author,text\n1,2026-11-03T10:00:00Z,a,Skyway give me a refund\n")
    week = resolve_period("week", None, "2026-11-09", None)
    loaded = brandpulse.load_config(str(config))
    rep = build_report(brandpulse.analyze(brandpulse.load(str(posts)), loaded), loaded, week, None)
    assert rep.tables["intents"].columns[-2:].tolist() == ["refund", "none"]
    md = render_markdown(rep).split("## Intents per brand\n\n", 1)[1].splitlines()
    assert md[0].endswith("| purchase-intent | refund | none |")
    assert md[1] == "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    html = render_html(rep).split("<h2>Intents per brand</h2>", 1)[1].split("</thead>", 1)[0]
    assert '<th scope="col" class="n">refund</th>' in html
    console = Console(width=200, record=True)
    print_report(console, rep)
    lines = console.export_text().splitlines()
    at = next(k for k, line in enumerate(lines) if line.startswith("┃ brand") and "┃ refund ┃" in line)
    header, row = lines[at], lines[at + 2]  # (the rule between them)
    end = header.index("┃", header.index("┃ refund") + 1)  # the refund column's right edge
    # right-aligned, as the others; the post is a refund first (the config's own intent comes first), and a complaint
    # too ("refund" is a complaint word): since stop 54 the table counts every intent a post has, as `intents` lists
    assert row.startswith("│ Skyway") and row[end - 2 : end + 1] == "1 │"
    assert rep.tables["intents"].set_index("brand").loc["Skyway", ["volume", "complaint", "refund"]].tolist() == [
        1,
        1,
        1,
    ]


def test_report_intents_without_a_comparison_has_no_changes(files):
    t = pd.read_csv(io.StringIO(report(files, "--until", "2026-11-09", "--compare", "none", "--table", "intents")))
    assert t.columns.tolist() == ["brand", "competitor", "volume", *COLUMNS]
    assert t.set_index("brand").loc["Jetly", "purchase-intent"] == 1


def test_topics_that_fell_to_none_are_listed_with_their_fall(files, rep):
    """A topic of the week before with no post this week was in no table: customer-service, delays and food."""
    t = rep.tables["topics"]
    # this week: baggage (7), booking (10), cancellations (6), network (8), staff (11); before: baggage and
    # customer-service (1), delays (4), food (3)
    assert t["topic"].tolist() == [
        "baggage",
        "booking",
        "cancellations",
        "network",
        "staff",
        "customer-service",
        "delays",
        "food",
    ]
    assert t["volume"].tolist() == [1, 1, 1, 1, 1, 0, 0, 0]
    assert t["volume_prev"].tolist() == [1, 0, 0, 0, 0, 1, 1, 1]
    assert t["volume_change"].tolist() == [0, 1, 1, 1, 1, -1, -1, -1]
    md = render_markdown(rep)
    assert "| delays | 0 | – | -1 | – |" in md
    csv = pd.read_csv(io.StringIO(report(files, "--until", "2026-11-09", "--table", "topics")))
    assert csv.set_index("topic").loc["food", ["volume", "volume_prev", "volume_change"]].tolist() == [0, 1, -1]


def test_topics_at_zero_come_after_the_others_the_largest_fall_first():
    from brandpulse.report.metrics import topic_table

    cur = pd.DataFrame({"topics": ["x"], "sentiment": [0.5], "sentiment_label": ["positive"]})
    prev = pd.DataFrame({"topics": ["a", "b", "b", "x"], "sentiment": [0.0] * 4, "sentiment_label": ["neutral"] * 4})
    t = topic_table(cur, prev)
    assert t["topic"].tolist() == ["x", "b", "a"] and t["volume_change"].tolist() == [0, -2, -1]


def test_top_posts_are_those_with_engagement(files, rep):
    """Posts with 0 likes, reposts and replies ("Nothing to report today") were listed as the most engaging."""
    top = rep.tables["top_posts"]
    assert top["text"].tolist() == [
        "Skyway cancelled my flight. Worst airline ever",  # 5 + 2 + 1
        "Skyway and Aerolux both lost my luggage. Terrible",  # 2
    ]
    assert top["engagement"].tolist() == [8, 2]
    csv = pd.read_csv(io.StringIO(report(files, "--until", "2026-11-09", "--table", "top_posts")))
    assert csv["engagement"].tolist() == [8, 2]


def test_a_period_without_engagement_says_so(files):
    """The week before the first: post 2 and 3 have none; a period of posts 2 and 3 alone (10-28..10-29)."""
    md = report(files, "--since", "2026-10-28", "--until", "2026-10-30", "-f", "md")
    assert (
        "## Top posts by engagement naming a brand\n\nNone: no post of the period naming a brand has any likes, " in md
    )
    data = json.loads(report(files, "--since", "2026-10-28", "--until", "2026-10-30", "-f", "json"))
    assert data["posts"] == 2 and data["tables"]["top_posts"] == []


def test_the_sentiment_chart_labels_the_days_the_volume_chart_labels(rep):
    """A week's sentiment chart was labelled every other day (10-03, 10-05, 10-07), its volume chart every day."""
    days = [f"11-0{d}" for d in range(2, 9)]  # (without their year since stop 56)
    charts = dict(all_charts(rep))
    for title in ("Volume over time", "Sentiment over time"):
        assert re.findall(r">(\d\d-\d\d)<", charts[title]) == days, title


RETWEETS = """id,created_at,author,text
1,2026-11-02T10:00:00Z,c1,Skyway refused my refund. Awful
2,2026-11-02T11:00:00Z,c2,RT @c1: Skyway refused my refund. Awful
3,2026-11-03T10:00:00Z,c3,rt @c1: Skyway refused my refund. Awful
4,2026-11-03T11:00:00Z,c4,"Skyway says RT @c1 is wrong, refund on its way"
5,2026-11-04T10:00:00Z,@SkywayAir,We are sorry. Skyway will refund
6,2026-11-04T11:00:00Z,c5,RT @SkywayAir: We are sorry. Skyway will refund
7,2026-10-28T10:00:00Z,c6,RT @c1: Skyway lost my bag
"""


def test_the_report_says_how_many_of_its_posts_are_retweets_from_files_and_store(tmp_path):
    """A journalist's "refund complaints tripled" read of volumes that counted each retweet as a post, and no report
    said how many there were. Of the week's 4 customers' posts (5 and 6 are the brand's own and its retweet), 2 are
    retweets (2 and 3; 4 names "RT @c1" mid-text, no retweet); 7 is a retweet of the week before, not counted."""
    (tmp_path / "c.toml").write_text(CONFIG)
    (tmp_path / "p.csv").write_text(RETWEETS)
    store = str(tmp_path / "s.duckdb")
    args = ["-c", str(tmp_path / "c.toml"), "--until", "2026-11-09", "-f", "md"]
    ingest = CliRunner().invoke(main, ["ingest", str(tmp_path / "p.csv"), *args[:2], "--store", store, "-q"])
    assert ingest.exit_code == 0, ingest.stderr
    note = "2 of the period's 4 posts are retweets"
    for source in ([str(tmp_path / "p.csv")], ["--store", store]):
        result = CliRunner().invoke(main, ["report", *source, *args])
        assert result.exit_code == 0, result.stderr
        assert f"> {note}" in result.stdout
        assert note in result.stderr
        quiet = CliRunner().invoke(main, ["report", *source, *args, "-q"])
        assert note in quiet.stdout and "retweets" not in quiet.stderr  # (a weekly cron's mail: not news)
    as_json = json.loads(CliRunner().invoke(main, ["report", str(tmp_path / "p.csv"), *args[:4], "-f", "json"]).stdout)
    assert any(n.startswith(note) for n in as_json["notes"])


def test_a_report_counts_the_urgent_intents_posts_from_files_and_a_store_alike(tmp_path):
    """A charity's trustees read "safeguarding | 25 | NSS +12.0 | complaints 0" (the topics table) and no count of the
    safeguarding concerns (examples/charity.toml's urgent intent). The report has an "Urgent posts" table now: posts
    of each urgent intent, this week and the week before, in every renderer and the JSON, from files and a store; none
    for a week without such a post, nor for a config without urgent intents."""
    import shutil
    from pathlib import Path

    examples = Path(__file__).parent.parent / "examples"
    config = tmp_path / "charity.toml"
    shutil.copy(examples / "charity.toml", config)
    shutil.copy(examples / "charity-words.toml", tmp_path / "charity-words.toml")
    posts = tmp_path / "posts.csv"  # (by hand: 2 concerns the week before, 1 this week, 3 more posts of other kinds)
    posts.write_text(
        "id,created_at,author,text\n"
        "1,2026-11-10T10:00:00Z,u1,Brightpath volunteer made inappropriate comments to the kids. A safeguarding issue\n"
        "2,2026-11-11T10:00:00Z,u2,Brightpath volunteer shared photos of the children on his account without consent\n"
        "3,2026-11-16T10:00:00Z,u3,A Brightpath volunteer was messaging her privately on Instagram\n"
        '4,2026-11-17T10:00:00Z,u4,"Brightpath took £20 twice from my account, I\'m a pensioner"\n'
        '5,2026-11-18T10:00:00Z,u5,"Ran the half marathon for Brightpath, amazing day"\n'
        "6,2026-11-25T10:00:00Z,u6,I donate monthly to Brightpath and love what you do\n"
    )
    db = tmp_path / "s.duckdb"
    ingested = CliRunner().invoke(main, ["ingest", str(posts), "-c", str(config), "--store", str(db), "-q"])
    assert ingested.exit_code == 0, ingested.output
    week = ["-c", str(config), "--since", "2026-11-16", "--until", "2026-11-23", "-q"]
    for source in ([str(posts)], ["--store", str(db)]):

        def run(*args, source=source):
            done = CliRunner().invoke(main, ["report", *source, *week, *args])
            assert done.exit_code == 0, done.output
            return done.stdout

        data = json.loads(run("-f", "json"))["tables"]["urgent"]
        assert data == [
            {"intent": "safeguarding", "brand": "Brightpath", "competitor": False, "posts": 1, "posts_prev": 2,
             "posts_change": -1},
            {"intent": "safeguarding", "brand": "(all posts)", "competitor": False, "posts": 1, "posts_prev": 2,
             "posts_change": -1},
        ], source  # fmt: skip
        md = run("-f", "md").split("## Urgent posts\n\n", 1)[1].splitlines()
        assert md[:3] == [
            "| intent | brand | posts | before | change |",
            "|---|---|---:|---:|---:|",
            "| safeguarding | Brightpath | 1 | 2 | -1 |",
        ]
        assert "before: 2026-11-09 .. 2026-11-15" in md[4]
        html = run("-f", "html").split("<h2>Urgent posts</h2>", 1)[1].split("</tbody>", 1)[0]
        assert re.search(
            r">safeguarding</th>\s*<td dir=\"auto\">Brightpath</td>"
            r"<td class=\"n\">1</td><td class=\"n\">2</td><td class=\"n\">-1</td>",
            html,
        )
        table = run("-f", "table").split("Urgent posts", 1)[1]
        assert re.search(r"┃ intent +┃ brand +┃ posts ┃ before ┃ change ┃", table) and re.search(
            r"│ safeguarding │ Brightpath +│ +1 │ +2 │ +-1 │", table
        )
        # (a week of no concern: no table, nothing said)
        later = ["report", *source, *week[:2], "--since", "2026-11-23", "--until", "2026-11-30", "-q"]
        assert "Urgent" not in CliRunner().invoke(main, [*later, "-f", "md"]).stdout
        assert json.loads(CliRunner().invoke(main, [*later, "-f", "json"]).stdout)["tables"]["urgent"] == []
    # (a config of no urgent intent: none either)
    plain = CliRunner().invoke(
        main, ["report", str(posts), "--since", "2026-11-16", "--until", "2026-11-23", "-f", "md"]
    )
    assert plain.exit_code == 0 and "## Brands" in plain.stdout and "Urgent" not in plain.stdout


def test_the_urgent_table_counts_each_brands_posts_of_a_portfolio(tmp_path):
    """A courier of two brands read `hazard | 4 | 1 | +3` in the report's urgent table: all posts, its brands' and a
    competitor's together, with no word of which brand's vans were on fire. It has a row per brand now (a competitor
    marked), and the `(all posts)` row under them when two brands have such posts."""
    (tmp_path / "c.toml").write_text(
        '[brands.Parceline]\nterms = ["Parceline"]\n[brands.Swiftbox]\nterms = ["Swiftbox"]\n'
        '[brands.ShipFast]\nterms = ["ShipFast"]\ncompetitor = true\n'
        '[intent.hazard]\nurgent = true\nkeywords = ["parcel smoking", "van on fire"]\n'
    )
    (tmp_path / "p.csv").write_text(  # (by hand: Parceline 1 each week, Swiftbox 2 this week, ShipFast 1)
        "id,created_at,author,text\n"
        "1,2026-12-01T10:00:00Z,u1,Parceline parcel smoking in the hallway\n"
        "2,2026-12-08T10:00:00Z,u2,Parceline parcel smoking on my porch\n"
        "3,2026-12-08T11:00:00Z,u3,Swiftbox van on fire outside my house\n"
        "4,2026-12-08T12:00:00Z,u4,Swiftbox van on fire on the A1 again\n"
        "5,2026-12-08T13:00:00Z,u5,ShipFast van on fire lol\n"
        "6,2026-12-09T13:00:00Z,u6,Parceline delivered on time\n"
    )
    db = str(tmp_path / "s.duckdb")
    cfg = ["-c", str(tmp_path / "c.toml")]
    assert CliRunner().invoke(main, ["ingest", str(tmp_path / "p.csv"), *cfg, "--store", db, "-q"]).exit_code == 0
    week = ["report", "--store", db, *cfg, "--since", "2026-12-07", "--until", "2026-12-14", "-q"]
    data = json.loads(CliRunner().invoke(main, [*week, "-f", "json"]).stdout)["tables"]["urgent"]
    assert [(r["brand"], r["competitor"], r["posts"], r["posts_prev"], r["posts_change"]) for r in data] == [
        ("Parceline", False, 1, 1, 0),
        ("Swiftbox", False, 2, 0, 2),
        ("ShipFast", True, 1, 0, 1),
        ("(all posts)", False, 4, 1, 3),
    ]
    assert {r["intent"] for r in data} == {"hazard"}
    md = CliRunner().invoke(main, [*week, "-f", "md"]).stdout.split("## Urgent posts\n\n", 1)[1].splitlines()
    assert md[3:5] == ["| hazard | Swiftbox | 2 | 0 | +2 |", "| hazard | ShipFast (competitor) | 1 | 0 | +1 |"]
    # one brand's posts alone (the week before: Parceline's): the JSON keeps the `(all posts)` row, a consumer's
    # total of the intent every week (it was there only when two brands had some); the md table says it once
    before = ["report", "--store", db, *cfg, "--since", "2026-11-30", "--until", "2026-12-07", "-q"]
    data = json.loads(CliRunner().invoke(main, [*before, "-f", "json"]).stdout)["tables"]["urgent"]
    assert [(r["brand"], r["posts"]) for r in data] == [("Parceline", 1), ("(all posts)", 1)]
    md = CliRunner().invoke(main, [*before, "-f", "md"]).stdout.split("## Urgent posts\n\n", 1)[1].splitlines()
    assert md[2:4] == ["| hazard | Parceline | 1 | 0 | +1 |", ""]


def test_an_authors_at_sign_is_shown_as_the_other_authors_are_shown_and_kept_in_the_data():
    """YouTube's exports write a handle "@mparker5", others "kim_sam": the examples' authors table showed
    "@mparker5" among authors without one. The report shows it as the others; the JSON keeps what the export wrote."""
    from history_fixtures import enriched, post

    rows = [
        post(1, "2026-11-03T10:00Z", "A", "positive", author="@yt_fan", followers=900, likes=5, sentiment=0.6),
        post(2, "2026-11-04T10:00Z", "A", "negative", author="x_user", followers=100, likes=7, sentiment=-0.6),
    ]
    cfg = brandpulse.Config(brands=[brandpulse.Brand("A", ["A"])])
    rep = build_report(enriched(rows), cfg, resolve_period("week", until="2026-11-09"), None)
    assert rep.tables["authors"]["author"].tolist() == ["@yt_fan", "x_user"]  # (the data as written)
    md = render_markdown(rep)
    # the promoter (900 followers + 5 likes) and the detractor; the top posts by engagement (7 likes, then 5)
    assert "| promoter | yt\\_fan | A |" in md and "| detractor | x\\_user | A |" in md
    assert "| 2026-11-03 10:00 | yt\\_fan |" in md and "@yt" not in md


SEVERAL = """id,created_at,author,text
1,2026-11-03T10:00:00Z,c1,"Skyway lost my bag, please add a bag tracker"
2,2026-11-04T10:00:00Z,c2,Does Skyway allow pets in the cabin?
3,2026-11-05T10:00:00Z,c3,Nothing to report today
4,2026-10-28T10:00:00Z,c4,Skyway lost my bag again. Terrible
"""


def test_the_intents_table_counts_every_intent_of_a_post_from_a_file_and_a_store(tmp_path):
    """Stop 54: post 1 is a suggestion and a complaint (`intents` "suggestion;complaint"), and the table counted it as
    a suggestion alone: Skyway's complaints this week were 0, down 1 from post 4's. By hand, the week 2026-11-02..08:
    Skyway 1 and 2 (volume 2: complaint 1, question 1, suggestion 1, adding up to 3), no brand 3 (none), all posts 3;
    the week before Skyway 4 (complaint). The same from a store (its `intents`), and the key under the table says a
    post of several intents is in each of their columns."""
    (tmp_path / "c.toml").write_text(CONFIG)
    (tmp_path / "p.csv").write_text(SEVERAL)
    #                     volume, complaint, question, praise, suggestion, purchase-intent, none
    expected = {
        "Skyway": [2, 1, 1, 0, 1, 0, 0],
        "Jetly": [0, 0, 0, 0, 0, 0, 0],
        "Aerolux": [0, 0, 0, 0, 0, 0, 0],
        "(no brand)": [1, 0, 0, 0, 0, 0, 1],
        "(all posts)": [3, 1, 1, 0, 1, 0, 1],
    }
    config = ["-c", str(tmp_path / "c.toml")]
    db = tmp_path / "h.duckdb"
    ingest = CliRunner().invoke(main, ["ingest", str(tmp_path / "p.csv"), "--store", str(db), *config, "-q"])
    assert ingest.exit_code == 0, ingest.stderr
    for source in ([str(tmp_path / "p.csv")], ["--store", str(db)]):
        args = ["report", *source, *config, "--until", "2026-11-09"]
        result = CliRunner().invoke(main, [*args, "-f", "json"])
        assert result.exit_code == 0, result.stderr
        data = json.loads(result.stdout)["tables"]["intents"]
        assert {r["brand"]: [r["volume"], *(r[c] for c in COLUMNS)] for r in data} == expected, source
        assert data[0]["complaint_prev"] == 1 and data[0]["complaint_change"] == 0
        md = CliRunner().invoke(main, [*args, "-f", "md"]).stdout.split("## Intents per brand\n\n", 1)[1]
        assert "| Skyway | 2 (+1) | 1 (+0) | 1 (+1) | 0 (+0) | 1 (+1) | 0 (+0) | 0 (+0) |" in md
        assert "a post of several (complaint;suggestion) in each of their columns" in md.split("\n\n")[1]
        html = CliRunner().invoke(main, [*args, "-f", "html"]).stdout.split("<h2>Intents per brand</h2>", 1)[1]
        assert "so they may add up to more than the volume" in html.split("</table>", 1)[1][:1000]
