"""`report --intent NAME`: the report of the posts with one of those intents among their intents, as `queue --intent`
reads them (product's suggestions, support's complaints)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner
from history_fixtures import enriched, post

from brandpulse import store
from brandpulse.cli import main

TOML = """
[brands.Skyway]
terms = ["Skyway"]

[brands.Aerolux]
terms = ["Aerolux"]
competitor = true
"""

WEEK = ["--until", "2026-11-09"]  # the week 2026-11-02 .. 08, compared with 2026-10-26 .. 11-01


def _posts() -> pd.DataFrame:
    """Intents and labels set by hand: the counts below are read off this list."""

    def p(i, when, brands, label, intents, text):
        return {**post(i, when, brands, label, intent=intents.split(";")[0], intents=intents), "text": text}

    return enriched(
        [
            p(1, "2026-11-02T09:00Z", "Skyway", "negative", "complaint", "Skyway lost my bag"),
            p(2, "2026-11-03T09:00Z", "Skyway", "negative", "complaint;suggestion", "Skyway app crashes, add offline"),
            p(3, "2026-11-04T09:00Z", "Skyway", "neutral", "question", "Does Skyway fly to Leeds"),
            p(4, "2026-11-05T09:00Z", "Aerolux", "positive", "praise", "Aerolux crew was lovely"),
            p(5, "2026-11-05T10:00Z", "Aerolux", "neutral", "suggestion", "Aerolux should add wifi"),
            p(6, "2026-11-06T10:00Z", "Skyway", "positive", "", "Skyway flight today"),
            # the week before
            p(7, "2026-10-27T09:00Z", "Skyway", "negative", "complaint", "Skyway delayed again"),
            p(8, "2026-10-28T09:00Z", "Aerolux", "neutral", "question", "Is Aerolux on time"),
            # the emerging terms' baseline (the four weeks before the period)
            p(9, "2026-10-12T09:00Z", "Skyway", "negative", "complaint", "Skyway baggage lost"),
            p(10, "2026-10-13T09:00Z", "Skyway", "positive", "praise", "Skyway lounge lovely"),
        ]
    )


@pytest.fixture
def stored(tmp_path):
    db = tmp_path / "airlines.duckdb"
    store.ingest(db, _posts())
    (tmp_path / "airlines.toml").write_text(TOML)
    return db, ["--store", str(db), "-c", str(tmp_path / "airlines.toml"), *WEEK]


def run(*args):
    return CliRunner().invoke(main, ["report", *args])


def _volumes(data: dict) -> dict:
    return {r["brand"]: (r["volume"], r["volume_prev"]) for r in data["tables"]["brands"]}


def test_the_report_of_one_intent_counts_its_posts_alone(stored):
    _, args = stored
    result = run(*args, "-f", "json", "--intent", "Complaint")  # (in any case, as queue's)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    # posts 1 and 2 this week (2 is a suggestion too), post 7 the week before
    assert (data["posts"], data["for_intents"]) == (2, ["complaint"])
    # (a configured brand is a row with none: Aerolux has no complaint either week)
    assert _volumes(data) == {"Skyway": (2, 1), "Aerolux": (0, 0), "(all posts)": (2, 1)}
    skyway = data["tables"]["brands"][0]
    assert (skyway["negative"], skyway["positive"], skyway["nss"]) == (2, 0, -100.0)
    intents = {r["brand"]: (r["complaint"], r["suggestion"]) for r in data["tables"]["intents"]}
    assert intents["(all posts)"] == (2, 1)
    # the whole report: 6 posts this week, 2 the week before
    whole = json.loads(run(*args, "-f", "json").stdout)
    assert (whole["posts"], whole["for_intents"]) == (6, None)


def test_several_intents_are_any_of_them_and_the_headline_says_so(stored):
    _, args = stored
    result = run(*args, "-f", "json", "--intent", "suggestion", "--intent", "question")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    # posts 2 (a complaint that suggests), 3 and 5; the week before post 8
    assert data["posts"] == 3
    assert _volumes(data) == {"Skyway": (2, 0), "Aerolux": (1, 1), "(all posts)": (3, 1)}
    md = run(*args, "-f", "md", "--intent", "suggestion", "--intent", "question")
    assert md.exit_code == 0, md.stderr
    assert "2026-11-02 .. 2026-11-08: 3 posts with intent suggestion or question (+2 vs" in md.stdout
    assert "--intent suggestion, question" in md.stdout  # (the provenance line)


def test_an_intent_no_rule_has_is_a_usage_error(stored):
    _, args = stored
    result = run(*args, "--intent", "complain")
    assert result.exit_code == 2
    assert "did you mean complaint" in result.stderr


def test_the_stores_baseline_texts_are_of_those_intents(stored):
    """The emerging terms' baseline, read as distinct texts: "baggage" of a complaint, not "lounge" of praise."""
    db, _ = stored
    frames = store.text_copies(db, "2026-10-05", "2026-10-26", intents=["complaint"])
    assert sorted(t for f in frames for t in f["text"]) == ["Skyway baggage lost"]
    frames = store.text_copies(db, "2026-10-05", "2026-10-26")
    assert len([t for f in frames for t in f["text"]]) == 2


def test_make_report_takes_the_intents_the_cli_takes(tmp_path):
    """`make_report(intents=...)`: `report --intent` from Python, its names checked by the same code."""
    import brandpulse
    from brandpulse.config import load_config
    from brandpulse.errors import UsageError

    (tmp_path / "airlines.toml").write_text(TOML)
    config = load_config(tmp_path / "airlines.toml")
    rep = brandpulse.make_report(_posts(), config, until="2026-11-09", intents=["Suggestion", "question"])
    data = rep.to_dict()
    # posts 2 (a complaint that suggests), 3 and 5 this week; post 8 the week before: as the CLI's test above
    assert (data["posts"], data["for_intents"]) == (3, ["suggestion", "question"])
    assert _volumes(data) == {"Skyway": (2, 0), "Aerolux": (1, 1), "(all posts)": (3, 1)}
    one = brandpulse.make_report(_posts(), config, until="2026-11-09", intents="praise").to_dict()
    assert (one["posts"], _volumes(one)["Aerolux"]) == (1, (1, 0))  # post 4 alone (post 10 is the baseline's)
    with pytest.raises(UsageError, match=r"^intents=complain: no such intent, did you mean complaint\?"):
        brandpulse.make_report(_posts(), config, until="2026-11-09", intents=["complain"])
    with pytest.raises(TypeError, match="intents takes intent names, not int"):
        brandpulse.make_report(_posts(), config, until="2026-11-09", intents=[1])
    with pytest.raises(ValueError, match="one or more intent names"):
        brandpulse.make_report(_posts(), config, until="2026-11-09", intents=[])
