"""`report --for-brand NAME`: one client's report from a store (or FILES) shared by an agency's clients."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner
from history_fixtures import enriched, post

from brandpulse import store
from brandpulse.cli import main

AGENCY_TOML = """
[brands.Skyway]
terms = ["Skyway"]
handles = ["@SkywayAir"]

[brands.Aerolux]
terms = ["Aerolux"]
competitor = true

[brands.QuickBite]
terms = ["QuickBite"]
"""

WEEK = ["--until", "2026-11-09"]


def _agency_posts() -> pd.DataFrame:
    """Two clients (Skyway, with its competitor Aerolux, and QuickBite) in one store; labels set by hand."""

    def p(i, when, brands, label, text, **kw):
        intent = "complaint" if label == "negative" else ""
        return {**post(i, when, brands, label, intent=intent, **kw), "text": text}

    return enriched(
        [
            p(1, "2026-11-02T09:00Z", "Skyway", "positive", "Skyway lounge was lovely", topics="food", likes=3),
            p(2, "2026-11-03T09:00Z", "Skyway", "negative", "Skyway lost my refund", topics="refunds", followers=5000),
            p(3, "2026-11-04T09:00Z", "Skyway;Aerolux", "negative", "Aerolux beats Skyway", followers=40),
            p(4, "2026-11-05T09:00Z", "Aerolux", "positive", "Aerolux was on time", likes=1),
            p(5, "2026-11-05T10:00Z", "QuickBite", "negative", "QuickBite pizza disaster", topics="food", likes=50),
            p(6, "2026-11-06T10:00Z", "QuickBite", "negative", "QuickBite pizza cold", followers=90000),
            p(7, "2026-11-06T11:00Z", "", "neutral", "nice weather"),
            p(8, "2026-11-07T11:00Z", "Skyway", "neutral", "Skyway here: we are sorry", author="SkywayAir"),
            p(11, "2026-10-27T09:00Z", "Skyway", "positive", "Skyway was fine"),
            p(12, "2026-10-28T09:00Z", "QuickBite", "negative", "QuickBite pizza late"),
        ]
    )


@pytest.fixture
def agency(tmp_path):
    db = tmp_path / "agency.duckdb"
    store.ingest(db, _agency_posts())
    (tmp_path / "agency.toml").write_text(AGENCY_TOML)
    return ["--store", str(db), "-c", str(tmp_path / "agency.toml"), *WEEK]


def run(*args):
    return CliRunner().invoke(main, ["report", *args])


def _brands(data: dict) -> dict:
    return {r["brand"]: r for r in data["tables"]["brands"]}


def test_one_clients_report_from_a_shared_store_holds_its_posts_alone(agency):
    """An agency's store of twenty clients gave one report of them all: `--for-brand Skyway` is Skyway's, its posts
    (1, 2, 3; 8 is Skyway's own) and rows alone; the competitor named beside it in post 3 is not a row, as its
    volume there would be of co-mentions alone."""
    result = run(*agency, "-f", "json", "--for-brand", "skyway")  # (in any case, as queue's)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["posts"], data["own_posts"], data["for_brands"]) == (3, 1, ["Skyway"])
    brands = _brands(data)
    assert list(brands) == ["Skyway", "(all posts)"]
    sky = brands["Skyway"]
    # 1 positive, 2 negative: NSS 100 * (1 - 2) / 3; the week before, post 11 alone
    assert (sky["volume"], sky["positive"], sky["negative"], sky["nss"]) == (3, 1, 2, -33.3)
    assert (sky["share_of_voice"], sky["volume_prev"]) == (100.0, 1)
    assert brands["(all posts)"]["volume"] == 3
    # the same figures as the whole report's Skyway row
    whole = _brands(json.loads(run(*agency, "-f", "json").stdout))["Skyway"]
    assert {k: whole[k] for k in ("volume", "nss", "volume_prev")} == {"volume": 3, "nss": -33.3, "volume_prev": 1}
    tables = data["tables"]
    assert sorted((t["topic"], t["volume"]) for t in tables["topics"]) == [("food", 1), ("refunds", 1)]
    assert [r["brand"] for r in tables["intents"]] == ["Skyway", "(all posts)"]
    assert [(r["brand"], r["complaint"]) for r in tables["intents"]] == [("Skyway", 2), ("(all posts)", 2)]
    assert [p["text"] for p in tables["top_posts"]] == ["Skyway lounge was lovely"]  # (QuickBite's post 5 had 50 likes)
    assert [p["text"] for p in tables["negative_posts"]] == ["Skyway lost my refund", "Aerolux beats Skyway"]
    assert {r["brand"] for r in tables["timeseries"]} == {"Skyway", "(all posts)"}
    assert "QuickBite" not in result.stdout and "pizza" not in result.stdout


def test_a_client_and_its_competitor_share_the_voice_of_the_posts_naming_either(agency):
    result = run(*agency, "-f", "json", "--for-brand", "Skyway", "--for-brand", "Aerolux")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    brands = _brands(data)
    # posts 1-4: 3 Skyway and 2 Aerolux mentions (post 3 names both): 60 % and 40 %
    assert {b: (r["volume"], r["share_of_voice"], r["competitor"]) for b, r in brands.items()} == {
        "Skyway": (3, 60.0, False),
        "Aerolux": (2, 40.0, True),
        "(all posts)": (4, None, False),
    }
    assert data["posts"] == 4 and data["for_brands"] == ["Skyway", "Aerolux"]


def test_markdown_and_html_say_whose_report_it_is_and_hold_no_other_clients_posts(agency, tmp_path):
    md = run(*agency, "-f", "md", "--for-brand", "Skyway")
    assert md.exit_code == 0, md.stderr
    assert "**2026-11-02 .. 2026-11-08: 3 posts naming Skyway (+2 vs 2026-10-26 .. 2026-11-01)" in md.stdout
    assert "| Skyway | 3 |" in md.stdout and "| Aerolux |" not in md.stdout
    html = tmp_path / "week.html"
    result = run(*agency, "-o", str(html), "--for-brand", "Skyway", "--for-brand", "Aerolux")
    assert result.exit_code == 0, result.stderr
    page = html.read_text()
    assert "<title>Skyway, Aerolux: 2026-11-02 .. 2026-11-08 (brandpulse report)</title>" in page
    assert "4 posts naming Skyway or Aerolux" in page
    for text in (md.stdout, page):
        assert "QuickBite" not in text and "pizza" not in text
    assert "QuickBite" in run(*agency, "-f", "md").stdout  # (the whole report has it)


def test_one_brands_headline_gives_its_own_nss_as_its_row_does(tmp_path):
    """A post naming a client and its rival, positive as a whole ("left Skyway for Aerolux, so happy") but negative
    for the client: `--for-brand Skyway`'s headline said "NSS +100.0" (the 2 posts as a whole, both positive) over a
    Skyway row of NSS +0.0 (1 positive, 1 negative for it), which is the client's figure; by hand: (1 - 1) / 2."""
    rows = [
        post(1, "2026-11-02T09:00Z", "Skyway", "positive"),
        post(2, "2026-11-03T09:00Z", "Skyway;Aerolux", "positive", brand_sentiments="Skyway=-0.5;Aerolux=0.5"),
    ]
    db = tmp_path / "s.duckdb"
    store.ingest(db, enriched(rows))
    (tmp_path / "c.toml").write_text(AGENCY_TOML)
    args = ["--store", str(db), "-c", str(tmp_path / "c.toml"), *WEEK, "--compare", "none"]
    md = run(*args, "-f", "md", "--for-brand", "Skyway", "-q")
    assert md.exit_code == 0, md.stderr
    assert "**2026-11-02 .. 2026-11-08: 2 posts naming Skyway, NSS +0.0**" in md.stdout
    assert "| Skyway | 2 | 1 / 0 / 1 | +0.0 |" in md.stdout
    both = run(*args, "-f", "md", "--for-brand", "Skyway", "--for-brand", "Aerolux", "-q")
    assert "2 posts naming Skyway or Aerolux, NSS +100.0" in both.stdout  # (of several brands: the posts' own)


def test_the_store_is_asked_for_the_brands_posts_alone(agency):
    """The filter is in the store's SQL: the posts read (and the baseline's texts) are those naming the brands, in
    any case, not every post of the period filtered after."""
    db = agency[1]
    naming = store.load_posts(db, naming=["SKYWAY"])
    assert sorted(naming["post_id"]) == ["1", "11", "2", "3", "8"]
    assert store.load_posts(db, naming=[]).empty
    both = store.load_posts(db, "2026-11-02", "2026-11-09", naming=["Aerolux", "QuickBite"])
    assert sorted(both["post_id"]) == ["3", "4", "5", "6"]
    texts = pd.concat(store.text_copies(db, "2026-10-26", "2026-11-02", naming=["QuickBite"]))
    assert texts["text"].tolist() == ["QuickBite pizza late"]


def test_files_give_the_stores_report(tmp_path):
    """From FILES analyzed on the fly, the same filter, and the same report as from the store they were ingested to."""
    (tmp_path / "c.toml").write_text(AGENCY_TOML)
    src = tmp_path / "p.csv"
    src.write_text(
        "post_id,created_at,text\n"
        "1,2026-11-02T10:00:00Z,I love Skyway\n"
        "2,2026-11-03T10:00:00Z,Skyway is terrible and late\n"
        "3,2026-11-04T10:00:00Z,Aerolux and Skyway both late\n"
        "4,2026-11-04T11:00:00Z,QuickBite pizza was cold\n"
        "5,2026-11-05T11:00:00Z,QuickBite again\n"
        "6,2026-10-27T10:00:00Z,Skyway flight today\n"
    )
    config = ["-c", str(tmp_path / "c.toml"), *WEEK, "-f", "json", "--for-brand", "Skyway"]
    files = run(str(src), *config)
    assert files.exit_code == 0, files.stderr
    data = json.loads(files.stdout)
    assert data["posts"] == 3 and list(_brands(data)) == ["Skyway", "(all posts)"]
    assert _brands(data)["Skyway"]["volume_prev"] == 1
    db = str(tmp_path / "h.duckdb")
    assert CliRunner().invoke(main, ["ingest", str(src), "--store", db, "-c", str(tmp_path / "c.toml")]).exit_code == 0
    stored = run("--store", db, *config)
    assert stored.exit_code == 0, stored.stderr
    stored_data = json.loads(stored.stdout)  # (but for what made it: the store's, its last ingest's record)
    made = stored_data.pop("brandpulse")
    assert made["sentiment"] == data.pop("brandpulse")["sentiment"] and made["store"]["sentiment"] == made["sentiment"]
    assert stored_data == data
    typo = run(str(src), *config[:-1], "Skyways")
    assert typo.exit_code == 2 and typo.stdout == ""
    assert typo.stderr.splitlines()[-1] == (
        "brandpulse: error: --for-brand Skyways: no such brand, did you mean Skyway? (configured: Skyway, Aerolux,"
        " QuickBite)"
    )


def test_an_unknown_brand_is_a_usage_error_naming_the_close_one(agency, tmp_path):
    """A typo gave an empty report, exit 0: cron mailed a quiet week."""
    out = tmp_path / "week.md"
    result = run(*agency, "--for-brand", "Skywya", "-o", str(out))
    assert result.exit_code == 2 and not out.exists()
    assert result.stderr.splitlines()[-1] == (
        "brandpulse: error: --for-brand Skywya: no such brand, did you mean Skyway? (configured: Skyway, Aerolux,"
        " QuickBite)"
    )
    # without a config, the stored brands are the run's
    bare = run("--store", agency[1], *WEEK, "--for-brand", "Nope", "-f", "json")
    assert bare.exit_code == 2
    assert bare.stderr.splitlines()[-1] == (
        "brandpulse: error: --for-brand Nope: no such brand (named by the stored posts: Aerolux, QuickBite, Skyway)"
    )
    fine = run("--store", agency[1], *WEEK, "--for-brand", "quickbite", "-f", "json")
    assert fine.exit_code == 0, fine.stderr
    assert list(_brands(json.loads(fine.stdout))) == ["QuickBite", "(all posts)"]


def test_emerging_terms_are_against_the_brands_own_baseline(tmp_path):
    """The baseline of emerging terms is of the brands' posts too (`store.text_copies(naming=...)`): against every
    client's, a word the other clients' posts hold often ("lounge", in QuickBite's) is never emerging for Skyway."""

    def p(i, when, brand, text):
        return {**post(i, when, brand, "neutral"), "text": text}

    rows = [p(i, f"2026-11-0{2 + i % 5}T09:00Z", "Skyway", f"Skyway lounge closed {i}") for i in range(6)]
    rows += [p(100 + i, f"2026-10-{5 + i % 25:02d}T09:00Z", "Skyway", f"Skyway flight number {i}") for i in range(12)]
    rows += [p(200 + i, f"2026-10-{5 + i % 25:02d}T10:00Z", "QuickBite", f"QuickBite lounge {i}") for i in range(60)]
    db = tmp_path / "h.duckdb"
    store.ingest(db, enriched(rows))
    (tmp_path / "c.toml").write_text(AGENCY_TOML)
    week = ["--store", str(db), "-c", str(tmp_path / "c.toml"), *WEEK, "-f", "json", "--min-term-count", "3"]

    def emerging(*args) -> dict[str, set[str]]:  # term -> the terms of the same posts listed with it
        rows = json.loads(run(*week, *args).stdout)["tables"]["emerging"]
        return {t["term"]: set(filter(None, t["also"].split(", "))) for t in rows}

    # "closed", in 6 posts and none before, with "lounge" and its bigram as the same posts' terms ("skyway lounge"
    # names the brand: no term)
    assert emerging("--for-brand", "Skyway") == {"closed": {"lounge", "lounge closed"}}
    assert emerging() == {"closed": {"lounge closed"}}  # (QuickBite's baseline says "lounge")
