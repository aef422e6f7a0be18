"""`brandpulse rescore`: stored posts analyzed again with today's rules and config, on a real store file."""

from __future__ import annotations

import io
import subprocess
import sys

import duckdb
import pandas as pd
import pytest
from history_fixtures import CONFIG_TOML, enriched, post, write_csv

from brandpulse import pipeline, store
from brandpulse.cli import main
from brandpulse.config import load_config

HOLD = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
print("locked", flush=True)
sys.stdin.read()
"""

OLD_FIRST_SEEN = "2026-01-02 03:04:05"


def rows() -> list[dict]:
    texts = [
        "Skyway flight 12 was late again, terrible service",  # delays, negative, Skyway
        "Skyway refund still missing after three weeks, awful",  # refunds
        "Lovely sunny morning at the park",  # no brand
        "Aerolux seats were great, thank you",  # the competitor
    ]
    return [
        {
            "post_id": str(i),
            "platform": "twitter",
            "created_at": f"2026-11-{2 + i:02d}T10:00:00Z",
            "author": "jane_doe" if i == 1 else f"user{i}",
            "text": text,
        }
        for i, text in enumerate(texts)
    ]


def setup(tmp_path, runner):
    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML)
    db = tmp_path / "h.duckdb"
    run = runner.invoke(main, ["ingest", write_csv(tmp_path / "posts.csv", rows()), "--store", str(db), "-q"])
    assert run.exit_code == 0, run.stderr
    return db


def age(db, where: str = "true") -> None:
    """Scores of an older brandpulse on the posts `where` selects, set by SQL, stored long ago."""
    with duckdb.connect(str(db)) as con:
        con.execute(
            "UPDATE posts SET sentiment = 0.9, sentiment_label = 'positive', intent = 'praise', topics = 'travel',"
            " brands = 'Skyway;Removed',"
            f" first_seen = '{OLD_FIRST_SEEN}', updated_at = '{OLD_FIRST_SEEN}' WHERE {where}"
        )


def stored(db) -> dict[str, tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        got = con.execute(
            "SELECT post_id, brands, sentiment_label, intent, topics, first_seen::VARCHAR, updated_at FROM posts"
        ).fetchall()
    return {r[0]: r[1:] for r in got}


def scored_by(db) -> dict[str, str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return dict(con.execute("SELECT key, value FROM meta WHERE key LIKE 'brandpulse.%'").fetchall())


def test_rescore_puts_todays_scores_on_posts_stored_with_old_ones(tmp_path, runner):
    db = setup(tmp_path, runner)
    fresh = stored(db)
    assert fresh["0"][:4] == ("Skyway", "negative", "complaint", "delays")  # (read by hand: what it should be)
    age(db, "post_id = '0'")
    with duckdb.connect(str(db)) as con:  # (the record of the old ingest: the rescore writes its own)
        con.execute("UPDATE meta SET value = '0.0.1' WHERE key = 'brandpulse.version'")
    run = runner.invoke(main, ["rescore", "--store", str(db)])
    assert run.exit_code == 0, run.stderr
    assert run.stderr.strip() == (f"{db}: rescored 4 posts: 1 changed (sentiment 1, intent 1, topics 1, brands 1)")
    after = stored(db)
    assert after["0"][:4] == ("Skyway", "negative", "complaint", "delays")
    assert after["0"][4] == OLD_FIRST_SEEN  # first_seen kept
    assert after["0"][5] > pd.Timestamp(OLD_FIRST_SEEN)  # the row says it changed
    assert {k: v for k, v in after.items() if k != "0"} == {k: v for k, v in fresh.items() if k != "0"}
    record = scored_by(db)
    assert record["brandpulse.version"] != "0.0.1" and record["brandpulse.sentiment"].startswith("cx (cx lexicon ")
    assert pd.Timestamp(record["brandpulse.ingested_at"]).tz_localize(None) == pd.Timestamp(after["0"][5])
    again = runner.invoke(main, ["rescore", "--store", str(db)])
    assert again.stderr.strip().endswith("rescored 4 posts: 0 changed (sentiment 0, intent 0, topics 0, brands 0)")


def test_rescore_since_until_and_dry_run(tmp_path, runner):
    db = setup(tmp_path, runner)
    age(db)
    dry = runner.invoke(main, ["rescore", "--store", str(db), "--dry-run", "-q"])
    assert dry.exit_code == 0, dry.stderr
    assert dry.stderr.strip().endswith(
        "would rescore 4 posts: 4 would change (sentiment 4, intent 2, topics 4, brands 4)"  # (2 and 3 are praise)
    )
    assert {v[3] for v in stored(db).values()} == {"travel"}  # nothing written
    # posts 1 (Nov 3) and 2 (Nov 4) alone: [since, until)
    run = runner.invoke(main, ["rescore", "--store", str(db), "--since", "2026-11-03", "--until", "2026-11-05"])
    assert run.exit_code == 0, run.stderr
    assert "rescored 2 posts: 2 changed" in run.stderr
    topics = {k: v[3] for k, v in stored(db).items()}
    assert topics == {"0": "travel", "1": "refunds", "2": "", "3": "travel"}


def test_rescore_leaves_forgotten_authors_forgotten(tmp_path, runner, monkeypatch):
    """Forgotten before the rescore, or while it analyzed a batch (the store let go meanwhile): not put back. A post
    ingested again meanwhile keeps that ingest's analysis, not the one of its text as read before."""
    db = setup(tmp_path, runner)
    age(db)
    analyze = pipeline.reanalyze

    def forget_meanwhile(posts, *args, **kwargs):  # (a `forget` run while the batch is analyzed)
        store.forget(db, authors=["user2"])
        store.ingest(db, enriched([post(3, "2026-11-05T10:00:00Z", "Aerolux", "negative", topics="refunds")]))
        return analyze(posts, *args, **kwargs)

    assert runner.invoke(main, ["forget", "--store", str(db), "--author", "jane_doe", "-q"]).exit_code == 0
    monkeypatch.setattr(pipeline, "reanalyze", forget_meanwhile)
    run = runner.invoke(main, ["rescore", "--store", str(db)])
    assert run.exit_code == 0, run.stderr
    assert "rescored 1 post: 1 changed" in run.stderr  # (of the 3 read: 2 deleted, 3 ingested again meanwhile)
    after = stored(db)
    assert sorted(after) == ["0", "3"]
    assert after["0"][3] == "delays" and after["3"][3] == "refunds"


def test_rescore_waits_for_a_busy_store_then_exits_7(tmp_path, runner):
    db = setup(tmp_path, runner)
    age(db)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        run = runner.invoke(main, ["rescore", "--store", str(db), "--wait", "0.3"])
        assert run.exit_code == 7
        assert "store is busy" in run.stderr.splitlines()[-1] and "waited 0.3s" in run.stderr
    finally:
        holder.kill()
        holder.wait()
    assert {v[3] for v in stored(db).values()} == {"travel"}  # nothing written


def test_rescore_without_brands_refuses_to_wipe_them(tmp_path, runner):
    db = setup(tmp_path, runner)
    (tmp_path / "brandpulse.toml").write_text("[topics.delays]\nkeywords = ['late']\n")
    run = runner.invoke(main, ["rescore", "--store", str(db)])
    assert run.exit_code == 5
    assert "no brands configured" in run.stderr
    assert stored(db)["0"][0] == "Skyway"


def test_rescore_keeps_a_reviews_brand_given_by_about(tmp_path, runner):
    """An app review naming no brand was the brand's by `ingest --about`, which the store does not keep."""
    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML)
    db = tmp_path / "h.duckdb"
    reviews = [
        {
            "post_id": "r1",
            "platform": "appstore",
            "created_at": "2026-11-02T10:00:00Z",
            "text": "crashes on login",
            "rating": 1,
        },
        {
            "post_id": "r2",
            "platform": "appstore",
            "created_at": "2026-11-02T11:00:00Z",
            "text": "Aerolux is better",
            "rating": 2,
        },
    ]
    src = write_csv(tmp_path / "reviews.csv", reviews)
    assert runner.invoke(main, ["ingest", src, "--store", str(db), "--about", "Skyway", "-q"]).exit_code == 0
    before = stored(db)
    assert (before["r1"][0], before["r2"][0]) == ("Skyway", "Aerolux")
    run = runner.invoke(main, ["rescore", "--store", str(db)])
    assert run.exit_code == 0, run.stderr
    assert "rescored 2 posts: 0 changed" in run.stderr
    assert stored(db) == before


def test_rescore_keeps_the_brand_about_gave_posts_that_are_no_reviews(tmp_path, runner):
    """The comments of our product video, `ingest --about Skyway`: those naming no brand were Skyway's until a rescore
    took the brand back (only a review's was kept); the store keeps `about` now, and rescore gives it again, where the
    text still names no brand. A post naming a brand keeps its text's (`about` empty)."""
    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML)
    db = tmp_path / "h.duckdb"
    comments = [
        {"post_id": "c1", "platform": "youtube", "created_at": "2026-11-02T10:00:00Z", "text": "love the new seats"},
        {"post_id": "c2", "platform": "youtube", "created_at": "2026-11-02T11:00:00Z", "text": "Aerolux does it too"},
    ]
    src = write_csv(tmp_path / "comments.csv", comments)
    assert runner.invoke(main, ["ingest", src, "--store", str(db), "--about", "Skyway", "-q"]).exit_code == 0
    with duckdb.connect(str(db), read_only=True) as con:
        about = "SELECT post_id, brands, about FROM posts ORDER BY post_id"
        assert con.execute(about).fetchall() == [("c1", "Skyway", "Skyway"), ("c2", "Aerolux", "")]
    before = stored(db)
    run = runner.invoke(main, ["rescore", "--store", str(db)])
    assert run.exit_code == 0, run.stderr
    assert "rescored 2 posts: 0 changed" in run.stderr  # (was: 1 changed, brands 1: c1 of no brand)
    assert stored(db) == before
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute(about).fetchall() == [("c1", "Skyway", "Skyway"), ("c2", "Aerolux", "")]


CHAIN_TOML = """
[brands.Camden]
terms = ["FreshWay Express Camden"]

[brands.Leeds]
terms = ["FreshWay Express Leeds"]
"""

CHAIN_CSV = (
    "name,author_title,review_id,review_text,review_rating,review_datetime_utc\n"
    "FreshWay Express Camden,Ann,r1,The tills were slow,2,2026-11-02 10:00:00\n"
    "Leeds,Bob,r2,Lovely bakery,5,2026-11-03 10:00:00\n"
    "FreshWay Express Leeds,Cy,r3,Better than FreshWay Express Camden,4,2026-11-04 10:00:00\n"
    "FreshWay Express Hull,Di,r4,Car park is tiny,3,2026-11-05 10:00:00\n"
)


def test_map_about_gives_each_review_its_stores_brand_and_rescore_keeps_it(tmp_path, runner):
    """A chain's reviews in one file (Outscraper's: the store in `name`): `--map about=name` gives a review naming no
    brand its store's, by the brand's name or terms; a store of no brand is said, its review kept brandless. It took
    `--about STORE` once per store, the file split by `name`."""
    (tmp_path / "brandpulse.toml").write_text(CHAIN_TOML)
    (tmp_path / "reviews.csv").write_text(CHAIN_CSV)
    db = tmp_path / "h.duckdb"
    with pytest.warns(UserWarning, match=r"about: 'FreshWay Express Hull' names no configured brand"):
        run = runner.invoke(main, ["ingest", "reviews.csv", "--map", "about=name", "--store", str(db), "-q"])
    assert run.exit_code == 0, run.stderr
    about = "SELECT post_id, brands, about FROM posts ORDER BY post_id"
    want = [("r1", "Camden", "Camden"), ("r2", "Leeds", "Leeds"), ("r3", "Camden", ""), ("r4", "", "")]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute(about).fetchall() == want
    before = stored(db)
    run = runner.invoke(main, ["rescore", "--store", str(db)])
    assert run.exit_code == 0, run.stderr
    assert "rescored 4 posts: 0 changed" in run.stderr
    assert stored(db) == before
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute(about).fetchall() == want


def test_map_about_of_a_store_of_no_brand_is_one_line_on_stderr(tmp_path):
    (tmp_path / "brandpulse.toml").write_text(CHAIN_TOML)
    (tmp_path / "reviews.csv").write_text(CHAIN_CSV)
    cmd = [sys.executable, "-m", "brandpulse", "analyze", "reviews.csv", "--map", "about=name", "-f", "csv", "-q"]
    run = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, check=True)
    assert run.stderr.splitlines() == [
        "warning: about: 'FreshWay Express Hull' names no configured brand: its posts naming none have no brand"
    ]
    out = pd.read_csv(io.StringIO(run.stdout), dtype=str, keep_default_na=False)
    want = [["Camden", "Camden"], ["Leeds", "Leeds"], ["Camden", ""], ["", ""]]
    assert out[["brands", "about"]].values.tolist() == want


@pytest.mark.parametrize("how", [["--chunksize", "1"], ["--chunksize", "1", "--jobs", "2"], ["--engine", "dask"]])
def test_map_about_of_a_store_of_no_brand_is_said_once_a_run_in_chunks_and_workers(tmp_path, how):
    # (each chunk said it again, and each worker on its own stderr: --chunksize 1 --jobs 2 gave 3 lines; dask none)
    (tmp_path / "brandpulse.toml").write_text(CHAIN_TOML)
    hull = "FreshWay Express Hull,Ed,r{},Car park is tiny,3,2026-11-0{} 10:00:00\n"
    (tmp_path / "reviews.csv").write_text(CHAIN_CSV + hull.format(5, 6) + hull.format(6, 7))
    cmd = [sys.executable, "-m", "brandpulse", "analyze", "reviews.csv", "--map", "about=name", "-f", "csv", "-q"]
    run = subprocess.run(cmd + how, cwd=tmp_path, capture_output=True, text=True, check=True)
    assert run.stderr.splitlines() == [
        "warning: about: 'FreshWay Express Hull' names no configured brand: its posts naming none have no brand"
    ]
    out = pd.read_csv(io.StringIO(run.stdout), dtype=str, keep_default_na=False)
    assert out["post_id"].tolist() == ["r1", "r2", "r3", "r4", "r5", "r6"]
    assert out["about"].tolist() == ["Camden", "Leeds", "", "", "", ""]


def test_rescore_commits_batch_by_batch(tmp_path, runner):
    """A big store is rescored `rows` posts at a time, each batch committed and counted as it is."""
    db = setup(tmp_path, runner)
    age(db, "post_id IN ('0', '2')")
    batches = []
    done = store.rescore(db, load_config(), rows=3, committed=lambda counts, left: batches.append((counts, left)))
    assert [(c.posts, c.changed, left) for c, left in batches] == [(3, 2, 1), (1, 0, 0)]  # (in time order: 0, 1, 2 | 3)
    assert (done.posts, done.changed, done.brands) == (4, 2, 2)
    assert stored(db)["2"][:4] == ("", "positive", "praise", "")


def test_a_rescore_stopped_says_what_its_committed_batches_wrote(tmp_path, runner, monkeypatch):
    db = setup(tmp_path, runner)
    age(db)
    monkeypatch.setitem(
        store.rescore.__kwdefaults__, "rows", 3
    )  # (batches of 3: posts 0-2, then 3; 0 and 1 complaints)
    analyze, calls = pipeline.reanalyze, []

    def stopped_at_the_second(posts, *args, **kwargs):
        calls.append(len(posts))
        if len(calls) == 2:
            raise KeyboardInterrupt
        return analyze(posts, *args, **kwargs)

    monkeypatch.setattr(pipeline, "reanalyze", stopped_at_the_second)
    run = runner.invoke(main, ["rescore", "--store", str(db)])
    assert run.exit_code == 130 and calls == [3, 1]
    assert (
        f"{db}: rescored 3 posts: 3 changed (sentiment 3, intent 2, topics 3, brands 3) so far, 1 to go" in run.stderr
    )
    assert f"{db}: rescored 3 posts: 3 changed (sentiment 3, intent 2, topics 3, brands 3) before the interruption" in (
        run.stderr
    )
    assert {k: v[3] for k, v in stored(db).items()} == {"0": "delays", "1": "refunds", "2": "", "3": "travel"}


def as_an_older_brandpulse_left_it(db) -> None:
    """The store as stop 42 left it: its scorer recorded with the cx lexicon 1.13, no rules' versions, posts old."""
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE meta SET value = 'cx (cx lexicon 1.13)' WHERE key = 'brandpulse.sentiment'")
        con.execute("DELETE FROM meta WHERE key = 'brandpulse.rules'")
        con.execute(f"UPDATE posts SET first_seen = '{OLD_FIRST_SEEN}', updated_at = '{OLD_FIRST_SEEN}'")


def upgraded(tmp_path, runner):
    """4 posts (Nov 2-5) stored by an older brandpulse, then a 5th (Nov 6) ingested by this one."""
    db = setup(tmp_path, runner)
    as_an_older_brandpulse_left_it(db)
    new = [{"post_id": "9", "platform": "twitter", "created_at": "2026-11-06T10:00:00Z", "text": "Skyway was late"}]
    run = runner.invoke(main, ["ingest", write_csv(tmp_path / "new.csv", new), "--store", str(db), "-q"])
    assert run.exit_code == 0, run.stderr
    return db


RULES_SAID = "scored by other rules (cx (cx lexicon 1.13); now cx (cx lexicon "


def rules_lines(run) -> list[str]:
    assert run.exit_code in (0, 3), run.stderr
    return [line for line in run.stderr.splitlines() if "scored by other rules" in line]


def test_after_an_upgrade_report_and_alerts_say_which_posts_older_rules_scored(tmp_path, runner):
    db = upgraded(tmp_path, runner)
    record = scored_by(db)
    assert record["brandpulse.rules_before"] == "cx (cx lexicon 1.13)"
    assert record["brandpulse.rules_changed_at"] == record["brandpulse.ingested_at"]
    assert record["brandpulse.rules"].startswith("topics ") and ", intent rules " in record["brandpulse.rules"]
    week = ["--store", str(db), "--since", "2026-11-02", "--until", "2026-11-09"]
    run = runner.invoke(main, ["report", *week, "-q", "-f", "json", "-o", str(tmp_path / "r.json")])
    (line,) = rules_lines(run)  # (with -q: news, as a week without posts is)
    assert line.startswith("note: 4 of the posts read were stored before ") and RULES_SAID in line
    assert line.endswith("`brandpulse rescore` scores them by today's")
    assert line.removeprefix("note: ") in pd.read_json(tmp_path / "r.json", typ="series")["notes"]
    # the new post alone: scored by today's rules
    alone = ["report", "--store", str(db), "--since", "2026-11-06", "--until", "2026-11-07", "--compare", "none"]
    alone = runner.invoke(main, alone)
    assert rules_lines(alone) == [] and alone.exit_code == 0
    alerts = ["alerts", "--store", str(db), "--until", "2026-11-07"]
    (said,) = rules_lines(runner.invoke(main, [*alerts, "-q"]))
    assert said.startswith("note: 4 of the posts read") and RULES_SAID in said  # (the 14 days before: 4 old posts)
    assert rules_lines(runner.invoke(main, [*alerts, "-q"])) == []  # (cron: once for each change of rules)
    assert len(rules_lines(runner.invoke(main, alerts))) == 1  # (by hand: each run)


def test_a_rescore_silences_the_note_for_the_posts_it_scored(tmp_path, runner):
    db = upgraded(tmp_path, runner)
    week = ["report", "--store", str(db), "--since", "2026-11-02", "--until", "2026-11-09"]
    assert runner.invoke(main, ["rescore", "--store", str(db), "--since", "2026-11-04", "-q"]).exit_code == 0
    (line,) = rules_lines(runner.invoke(main, week))
    assert line.startswith("note: 2 of the posts read")  # (Nov 2 and 3: created before the rescore's --since)
    assert runner.invoke(main, ["rescore", "--store", str(db), "--until", "2026-11-03", "-q"]).exit_code == 0
    assert len(rules_lines(runner.invoke(main, week))) == 1  # (a rescore --until leaves the record: a gap after it)
    assert runner.invoke(main, ["rescore", "--store", str(db), "-q"]).exit_code == 0
    assert rules_lines(runner.invoke(main, week)) == []
    assert not {k for k in scored_by(db) if k.startswith("brandpulse.r") and k != "brandpulse.rules"}


def test_ingests_by_the_same_rules_or_not_saying_theirs_record_no_change(tmp_path, runner):
    db = setup(tmp_path, runner)
    again = runner.invoke(main, ["ingest", str(tmp_path / "posts.csv"), "--store", str(db), "-q"])
    assert again.exit_code == 0, again.stderr
    assert "brandpulse.rules_changed_at" not in scored_by(db)
    week = ["report", "--store", str(db), "--since", "2026-11-02", "--until", "2026-11-09"]
    assert rules_lines(runner.invoke(main, week)) == []
    # another analyzer than the last ingest's is another set of rules
    vader = ["ingest", str(tmp_path / "posts.csv"), "--store", str(db), "--sentiment", "vader", "-q"]
    assert runner.invoke(main, vader).exit_code == 0
    record = scored_by(db)
    assert record["brandpulse.rules_before"] == f"{fresh_sentiment(db, record)}, {record['brandpulse.rules']}"
    store.ingest(db, enriched([post(7, "2026-11-05T10:00:00Z", "Skyway", "negative")]))  # (sentiment not told)
    assert scored_by(db)["brandpulse.rules_changed_at"] == record["brandpulse.rules_changed_at"]


def clocked(monkeypatch, *times: str) -> None:
    """The store's clock reads `times` in turn, one for each run, then stays at the last (`rules_note` reads it)."""
    clock = [pd.Timestamp(t).to_pydatetime() for t in times]
    monkeypatch.setattr(store, "_utc_now", lambda: clock.pop(0) if len(clock) > 1 else clock[0])


def test_posts_of_the_runs_after_a_change_of_rules_recorded_by_a_clock_ahead_are_todays(tmp_path, monkeypatch):
    """The run that recorded a change of rules had a clock a year ahead: the posts the runs after it stored, by the
    clock put right, were before its time, and counted as "scored by other rules" for a year (5 here: the 3 textblob
    scored and the 2 of the last run). Now the posts of a run before it (`run_id`) count: textblob's 3."""
    db = tmp_path / "h.duckdb"
    posts = enriched([post(i, f"2026-11-0{i}T10:00Z", "A", "neutral") for i in range(1, 9)])
    clocked(monkeypatch, "2026-11-08T06:00", "2027-11-09T07:00", "2026-11-09T06:00")
    store.ingest(db, posts.iloc[:3], sentiment="textblob")  # (run 1)
    store.ingest(db, posts.iloc[3:6], sentiment="cx")  # (run 2: the clock a year ahead; other rules)
    store.ingest(db, posts.iloc[6:], sentiment="cx")  # (run 3: put right)
    line, _ = store.rules_note(db, None, None)
    assert line.startswith(  # (was "stored before 2027-11-09 07:00 UTC", a time no post came by)
        "3 of the posts read were stored before the rules changed at a run dated 2027-11-09 07:00 UTC (ahead of this"
        " clock) and scored by other rules (textblob"
    )
    assert store.rules_note(db, "2026-11-04", None) is None  # (the posts of runs 2 and 3 alone)
    clocked(monkeypatch, "2027-12-01T00:00")  # (the clock past that time: run 3, after it, is dated before it)
    line, _ = store.rules_note(db, None, None)
    assert line.startswith(
        "3 of the posts read were stored before the rules changed at a run dated 2027-11-09 07:00 UTC (by a clock that"
        " was ahead) and scored by other rules (textblob"
    )
    record = scored_by(db)
    assert (record["brandpulse.rules_changed_at"], record["brandpulse.rules_changed_run"]) == (
        "2027-11-09T07:00:00.000000Z",
        "2",
    )


def test_a_post_an_unanalyzed_run_changed_after_a_change_of_rules_keeps_its_old_rules(tmp_path, monkeypatch):
    """A post scored by textblob, then, after cx's run recorded the change, updated by `store.ingest` of a frame
    without its analysis (its likes grew): its scores are textblob's still, but its `updated_at` was after the change,
    and it was not counted. Now it is (its `run_id`, the run that analyzed it); a change recorded without its run (by
    a brandpulse before stop 49) is counted by the time, as it was."""
    db = tmp_path / "h.duckdb"
    posts = enriched([post(i, f"2026-11-0{i}T10:00Z", "A", "neutral") for i in range(1, 7)])
    clocked(monkeypatch, "2026-11-08T06:00", "2026-11-09T06:00", "2026-11-09T07:00")
    store.ingest(db, posts.iloc[:3], sentiment="textblob")
    store.ingest(db, posts.iloc[3:], sentiment="cx")
    raw = posts.iloc[:1][["post_id", "platform", "created_at", "author", "text"]].assign(likes=[50])
    assert store.ingest(db, raw).updated == 1  # (no sentiment column)
    line, _ = store.rules_note(db, None, None)
    assert line.startswith("3 of the posts read were stored before 2026-11-09 06:00 UTC")  # (was 2: posts 2 and 3)
    with duckdb.connect(str(db)) as con:
        con.execute("DELETE FROM meta WHERE key = 'brandpulse.rules_changed_run'")
    line, _ = store.rules_note(db, None, None)
    assert line.startswith("2 of the posts read were stored before 2026-11-09 06:00 UTC")  # (post 1 updated 07:00)


def fresh_sentiment(db, record) -> str:
    """The cx analyzer as the first ingest named it (the vader ingest recorded its own since)."""
    assert record["brandpulse.sentiment"].startswith("vader")
    from brandpulse.enrich.sentiment import get_analyzer, produced_by

    return produced_by(get_analyzer("cx"))["sentiment"]


def test_rescore_reads_its_dates_in_the_reports_zone(tmp_path, runner):
    """`report --until 2026-11-05` in New York ends at 05:00 UTC: the post of 01:00 UTC is of its week; rescore
    `--until 2026-11-05` with the same config rescores it (in UTC it was left with the old scores)."""
    db = setup(tmp_path, runner)
    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML + '\n[report]\ntimezone = "America/New_York"\n')
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE posts SET created_at = '2026-11-05 01:00:00' WHERE post_id = '3'")
    age(db)
    run = runner.invoke(main, ["rescore", "--store", str(db), "--since", "2026-11-04", "--until", "2026-11-05"])
    assert run.exit_code == 0, run.stderr
    assert "rescored 2 posts: 2 changed" in run.stderr  # (2, Nov 4 10:00 UTC, and 3, Nov 4 21:00 in New York)
    assert {k: v[3] for k, v in stored(db).items()} == {"0": "travel", "1": "travel", "2": "", "3": ""}


def test_each_quiet_queue_and_alerts_job_on_one_store_is_told_of_a_change_of_rules_once(tmp_path, runner):
    """Two `queue -q` cron jobs on one store (each desk's `--for-brand`, mailed to its own team) shared one record of
    the note said: the first to run was told its intents were stored by other rules, the other never (stop 46). Each
    job (its config, brands and languages, as `alerts -q`'s stale-data warning) is told once now; `alerts -q` too."""
    db = upgraded(tmp_path, runner)
    week = ["--store", str(db), "--since", "2026-11-02", "--until", "2026-11-09", "-q"]
    alerts = ["alerts", "--store", str(db), "--until", "2026-11-07", "-q"]
    jobs = [["queue", *week, "-f", "csv"], ["queue", *week, "-f", "csv", "--for-brand", "Skyway"]]
    jobs += [alerts, [*alerts, "--for-brand", "Aerolux"]]
    # (and each desk's --lang: the Welsh desk's `--lang cy` job beside the English one's shared it; stop 47)
    jobs += [["queue", *week, "-f", "csv", "--lang", "en"], ["queue", *week, "-f", "csv", "--lang", "CY"]]
    for job in jobs:
        assert len(rules_lines(runner.invoke(main, job))) == 1, job  # (the first run of each job: told)
    for job in jobs:
        assert rules_lines(runner.invoke(main, job)) == [], job  # (its next: once for each change of rules)


def test_queue_says_its_posts_intents_were_stored_by_other_intent_rules(tmp_path, runner):
    """`report` and `alerts` said the stored posts were scored by other rules, `queue --store` nothing, though an
    intent stored by the old rules decides whether a post is queued: a complaint the new rules know stayed out until
    `brandpulse rescore`. The same one line; with -q once for each change of rules, as `alerts -q` says it (stop 45:
    a daily `queue -q` cron job mailed it every morning until the rescore)."""
    db = setup(tmp_path, runner)
    with duckdb.connect(str(db)) as con:  # (the posts stored by the intent rules before today's)
        (rules,) = con.execute("SELECT value FROM meta WHERE key = 'brandpulse.rules'").fetchone()
        old = rules.split(", intent rules ")[0] + ", intent rules 0.9"
        con.execute("UPDATE meta SET value = ? WHERE key = 'brandpulse.rules'", [old])
        con.execute(f"UPDATE posts SET first_seen = '{OLD_FIRST_SEEN}', updated_at = '{OLD_FIRST_SEEN}'")
    new = [{"post_id": "9", "platform": "twitter", "created_at": "2026-11-06T10:00:00Z", "text": "Skyway was late"}]
    ingest = ["ingest", write_csv(tmp_path / "new.csv", new), "--store", str(db), "-q"]
    assert runner.invoke(main, ingest).exit_code == 0
    week = ["queue", "--store", str(db), "--since", "2026-11-02", "--until", "2026-11-09", "-f", "csv"]
    before = scored_by(db)
    for extra in ([], ["-q"], []):
        (line,) = rules_lines(runner.invoke(main, [*week, *extra]))
        assert line.startswith("note: 4 of the posts read were stored before ") and f"{old}; now " in line
        assert line.endswith("`brandpulse rescore` scores them by today's")
    assert rules_lines(runner.invoke(main, [*week, "-q"])) == []  # (cron: once for each change of rules)
    assert scored_by(db) == before  # (the record of rules left as it was)
    # the new post's days alone, and after a rescore: today's rules, no note
    assert rules_lines(runner.invoke(main, [*week[:3], "--since", "2026-11-06", "--until", "2026-11-07"])) == []
    assert runner.invoke(main, ["rescore", "--store", str(db), "-q"]).exit_code == 0
    assert rules_lines(runner.invoke(main, week)) == []
