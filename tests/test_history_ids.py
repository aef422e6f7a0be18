"""Posts of several sites that share an id: a review tool's `source` column is their platform, and posts of no
platform whose id is another post's, of another text and not its author, are kept apart, in a real DuckDB store."""

from __future__ import annotations

import io
import json

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner

from brandpulse import drop_duplicates, read
from brandpulse.cli import main

SITES = {
    "trustpilot": [("alice", "Acme pills gave me a rash"), ("bob", "Acme is great"), ("carol", "Acme ships slowly")],
    "amazon": [("dave", "Acme made me dizzy"), ("erin", "Acme works fine"), ("frank", "Acme headache after a dose")],
}


def _jsonl(path, site, column="source"):
    rows = [
        {"id": str(i), column: site, "author": a, "text": t, "date": f"2026-01-0{i}"}
        for i, (a, t) in enumerate(SITES[site], 1)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def _ingest(db, *files):
    result = CliRunner().invoke(main, ["ingest", *map(str, files), "--store", str(db), "--brand", "Acme=acme"])
    assert result.exit_code == 0, result.output
    return result.output


def _stored(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.sql("SELECT key, platform, author FROM posts ORDER BY author").df()


def test_a_source_column_of_site_names_is_the_platform(tmp_path):
    a, b = _jsonl(tmp_path / "a.jsonl", "trustpilot"), _jsonl(tmp_path / "b.jsonl", "amazon")
    db = tmp_path / "s.duckdb"
    out = _ingest(db, a, b)
    assert "inserted 6, updated 0" in out  # (was inserted 3, updated 3: amazon's reviews replaced trustpilot's)
    stored = _stored(db)
    assert stored["author"].tolist() == ["alice", "bob", "carol", "dave", "erin", "frank"]
    assert stored["key"].tolist() == [*(f"trustpilot:{i}" for i in (1, 2, 3)), *(f"amazon:{i}" for i in (1, 2, 3))]
    # one CSV of both sites: 4 posts, not 2 and 2 duplicates
    both = tmp_path / "both.csv"
    both.write_text(
        "id,source,author,text,date\n1,trustpilot,alice,Acme rash,2026-01-01\n1,Amazon,dave,Acme dizzy,2026-01-01\n"
        "2,trustpilot,bob,Acme great,2026-01-02\n2,Google Play,erin,Acme fine,2026-01-02\n",
        encoding="utf-8",
    )
    # (`Google Play` as the Google Play reader names the site, since stop 46: was `google play`, a second site)
    assert read(str(both)).posts["platform"].tolist() == ["trustpilot", "amazon", "trustpilot", "google_play"]
    result = CliRunner().invoke(main, ["analyze", str(both), "--brand", "Acme=acme", "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert "analyzed 4, duplicates 0" in result.output


def test_a_tweets_source_is_its_client_not_a_platform(tmp_path):
    clients = tmp_path / "tweets.csv"
    clients.write_text(
        "id,text,source\n1,Acme rocks,Twitter for iPhone\n2,Acme meh,Twitter Web App\n"
        '3,Acme ok,"<a href=""http://twitter.com"">Twitter Web Client</a>"\n',
        encoding="utf-8",
    )
    assert read(str(clients)).posts["platform"].isna().all()
    # one client's name alone (a brand's own tweets, all from one tool), beside a tweet's columns
    tool = tmp_path / "own.csv"
    tool.write_text("id_str,text,source,retweet_count\n1,Acme news,TweetDeck,3\n2,Acme sale,TweetDeck,1\n")
    assert read(str(tool)).posts["platform"].isna().all()


def test_posts_of_no_platform_sharing_an_id_are_kept_apart(tmp_path):
    a = _jsonl(tmp_path / "a.jsonl", "trustpilot", column="site_label")
    b = _jsonl(tmp_path / "b.jsonl", "amazon", column="site_label")
    db = tmp_path / "s.duckdb"
    out = _ingest(db, a, b)
    assert "inserted 6, updated 0" in out and "3 kept apart" in out  # (was inserted 3, updated 3)
    assert "inserted 0, updated 0, unchanged 6" in _ingest(db, a, b)  # ingested again: the same posts
    assert len(_stored(db)) == 6
    # a real copy (a re-fetch: the same author and text) and an edit (the same author) are the post, as before
    copies = tmp_path / "copies.csv"
    copies.write_text(
        "id,author,text\n7,gina,Acme is fine\n7,gina,Acme is fine\n7,gina,Acme is fine (edited)\n8,hal,Acme x\n"
        "8,ivy,Acme y\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["analyze", str(copies), "--brand", "Acme=acme", "-f", "csv"])
    assert "analyzed 3, duplicates 2" in result.output  # 7 once (its last copy stored), 8 of hal and 8 of ivy
    db2 = tmp_path / "c.duckdb"
    assert "inserted 3, updated 0" in _ingest(db2, copies)
    assert sorted(_stored(db2)["author"]) == ["gina", "hal", "ivy"]


@pytest.mark.parametrize("chunksize", [None, 1])
def test_posts_of_no_platform_nor_author_sharing_an_id_are_told_apart_by_their_text(tmp_path, chunksize):
    """Two files of numbered rows (a survey tool's, a form's: no platform, no author) both holding id `1`: the second
    was dropped as a duplicate (`analyzed 1, duplicates 1`), and `ingest` replaced the first with it (`inserted 1,
    updated 1`): a missing author was taken for the same one. An id alone names no post across files: of another text
    they are two posts; of the same text, one (a file read twice)."""
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("id,text\n1,Acme is great\n2,Acme ok\n", encoding="utf-8")
    b.write_text("id,text\n1,Acme broke my phone\n2,Acme ok\n", encoding="utf-8")
    size = [] if chunksize is None else ["--chunksize", str(chunksize)]
    result = CliRunner().invoke(main, ["analyze", str(a), str(b), "--brand", "Acme=acme", "-f", "csv", *size])
    assert result.exit_code == 0, result.output
    assert "read 4 rows: analyzed 3, duplicates 1" in result.output  # (2 of `Acme ok` is one post)
    assert pd.read_csv(io.StringIO(result.stdout))["text"].tolist() == [
        "Acme is great",
        "Acme ok",
        "Acme broke my phone",
    ]
    both = pd.concat([read(str(a)).posts, read(str(b)).posts], ignore_index=True)
    assert drop_duplicates(both)["text"].tolist() == ["Acme is great", "Acme ok", "Acme broke my phone"]
    db = tmp_path / "s.duckdb"
    assert "inserted 3, updated 0, unchanged 1, 1 kept apart" in _ingest(db, a, b)  # (b's `2,Acme ok`: a copy)
    assert sorted(duckdb.connect(str(db), read_only=True).sql("SELECT text FROM posts").df()["text"]) == [
        "Acme broke my phone",
        "Acme is great",
        "Acme ok",
    ]
    # the same author is the post edited, as before; one author missing tells nothing of it
    edits = tmp_path / "e.csv"
    edits.write_text("id,author,text\n7,gina,Acme fine\n7,gina,Acme fine (edited)\n7,,Acme other\n")
    result = CliRunner().invoke(main, ["analyze", str(edits), "--brand", "Acme=acme", "-f", "csv", *size])
    assert "analyzed 2, duplicates 1" in result.output, result.output


def test_a_post_kept_apart_stays_one_post_when_edited_and_is_told_once(tmp_path):
    """Two sites' review `1` of no platform, the second kept apart by its content: ingested again it said `1 kept
    apart` every week; its edit (the same author, another text) was stored as a second post; and in one file, a third
    post of the id, an edit of the second, was compared with the first alone: a second post too."""
    week = tmp_path / "w1.csv"
    week.write_text("id,site_label,author,text\n1,trustpilot,alice,Acme rash\n1,amazon,dave,Acme dizzy\n")
    edited = tmp_path / "w2.csv"
    edited.write_text('id,site_label,author,text\n1,trustpilot,alice,Acme rash\n1,amazon,dave,"Acme dizzy, sick"\n')
    db = tmp_path / "s.duckdb"
    first = _ingest(db, week)
    assert "inserted 2, updated 0, unchanged 0, 1 kept apart" in first
    assert f"{week}: 1 kept apart (id 1)\n" in first  # (the count alone named no file and no post)
    again = _ingest(db, week)
    assert "inserted 0, updated 0, unchanged 2 (" in again and "kept apart" not in again, again
    assert "inserted 0, updated 1, unchanged 1 (" in _ingest(db, edited)  # (was inserted 1: a second post of dave)
    stored = _stored(db)
    assert stored["author"].tolist() == ["alice", "dave"] and stored["key"][0] == ":1"
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT text FROM posts WHERE author = 'dave'").fetchall() == [("Acme dizzy, sick",)]
    both = tmp_path / "both.csv"  # (the week and the edit in one file: the third row is the second's edit)
    both.write_text(week.read_text() + '1,amazon,dave,"Acme dizzy, sick"\n')
    db2 = tmp_path / "t.duckdb"
    assert "inserted 2, updated 0, unchanged 0, 1 kept apart" in _ingest(db2, both)  # (was inserted 3, 2 kept apart)
    assert _stored(db2)["author"].tolist() == ["alice", "dave"]


def test_a_store_from_before_keeps_its_posts_once(tmp_path):
    """A store where a site's reviews were stored without a platform (`:1`, before stop 45): the export ingested
    again, now with its platform, is those posts, not second copies."""
    db = tmp_path / "s.duckdb"
    old = _jsonl(tmp_path / "old.jsonl", "amazon", column="site_label")  # (as `source` was read then: not at all)
    _ingest(db, old)
    assert _stored(db)["key"].tolist() == [":1", ":2", ":3"]
    out = _ingest(db, _jsonl(tmp_path / "a.jsonl", "trustpilot"), _jsonl(tmp_path / "b.jsonl", "amazon"))
    assert "inserted 3, updated 0, unchanged 3" in out
    stored = _stored(db)
    assert len(stored) == 6
    assert stored.set_index("author")["key"].to_dict()["dave"] == "amazon:1"
    assert pd.Series(stored["platform"]).notna().all()


def test_a_source_beside_a_platform_column_is_not_read(tmp_path):
    # Meltwater's `Source` is the outlet; its `Source Type` the platform, read as before
    export = tmp_path / "meltwater.csv"
    export.write_text(
        "Document ID,Source,Source Type,Hit Sentence,Date\n1,The Guardian,News,Acme news,2026-01-01\n"
        "2,Twitter,Twitter,Acme tweet,2026-01-02\n",
        encoding="utf-8",
    )
    loaded = read(str(export))
    assert loaded.columns["platform"] == "Source Type"
    assert loaded.posts["platform"].tolist() == ["news", "twitter"]


def test_posts_kept_apart_take_their_platform_once_it_is_named(tmp_path):
    """The count line's advice followed (`--map platform=COLUMN`): the posts kept apart by their content (no
    platform, their id another post's) are those of the site named now, not second copies (`amazon:1` beside the
    `sha256:` post of dave's review, counted twice)."""
    a = _jsonl(tmp_path / "a.jsonl", "trustpilot", column="site_label")
    b = _jsonl(tmp_path / "b.jsonl", "amazon", column="site_label")
    db = tmp_path / "s.duckdb"
    assert "3 kept apart" in _ingest(db, a, b)
    result = CliRunner().invoke(
        main, ["ingest", a, b, "--store", str(db), "--brand", "Acme=acme", "--map", "platform=site_label"]
    )
    assert result.exit_code == 0, result.output
    assert "inserted 0, updated 0, unchanged 6" in result.output
    stored = _stored(db)
    assert stored["key"].tolist() == [*(f"trustpilot:{i}" for i in (1, 2, 3)), *(f"amazon:{i}" for i in (1, 2, 3))]


def test_a_safety_post_that_takes_its_platform_is_not_alerted_again(tmp_path):
    """A store's `:1` post alerted (`/1@...`), then given its platform by its export ingested again (`amazon/1@...`):
    the next `alerts` run sent it a second time."""
    rows = [("1", "dave", "My Acme charger caught fire overnight"), ("2", "erin", "Acme works fine")]
    for name, column in (("old", "site_label"), ("new", "source")):
        (tmp_path / f"{name}.jsonl").write_text(
            "".join(
                json.dumps({"id": i, column: "amazon", "author": a, "text": t, "date": "2026-01-02"}) + "\n"
                for i, a, t in rows
            ),
            encoding="utf-8",
        )
    db = tmp_path / "s.duckdb"
    run = ["alerts", "--store", str(db), "--brand", "Acme=acme", "--until", "2026-01-03"]
    _ingest(db, tmp_path / "old.jsonl")
    first = CliRunner().invoke(main, run)
    assert (first.exit_code, first.stdout) == (
        3,
        'Acme: safety post on 2026-01-02: "My Acme charger caught fire overnight"\n',
    )
    assert "unchanged 2" in _ingest(db, tmp_path / "new.jsonl")
    assert _stored(db).set_index("author")["key"].to_dict()["dave"] == "amazon:1"
    again = CliRunner().invoke(main, run)
    assert (again.exit_code, again.stdout) == (0, ""), again.output


def test_posts_kept_apart_match_their_copies_by_author_or_text_alone(tmp_path):
    """A copy of a post kept apart is the stored post of its id and author, or of its id and text, each alone (matched
    by equality since `_kept_apart` joined every pair of posts of one id, quadratic in them): an edit is its author's
    post, another author's post of its text is that post, and a post of another author and text is a post of its own."""
    week = tmp_path / "w1.csv"
    week.write_text("id,author,text\n7,eve,Acme late\n7,fay,Acme refund\n7,gus,Acme crew\n")
    db = tmp_path / "s.duckdb"
    assert "inserted 3, updated 0, unchanged 0, 2 kept apart" in _ingest(db, week)
    for row, told in [
        ("7,fay,Acme refund please", "inserted 0, updated 1, unchanged 0 ("),  # (fay's edit)
        ("7,ivy,Acme crew", "inserted 0, updated 1, unchanged 0 ("),  # (gus's post, its author's name changed)
        ("7,hal,Acme lost bag", "inserted 1, updated 0, unchanged 0, 1 kept apart"),
    ]:
        (tmp_path / "w.csv").write_text(f"id,author,text\n{row}\n")
        assert told in _ingest(db, tmp_path / "w.csv"), row
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.sql("SELECT author, text FROM posts ORDER BY text").fetchall()
    assert rows == [("ivy", "Acme crew"), ("eve", "Acme late"), ("hal", "Acme lost bag"), ("fay", "Acme refund please")]


def test_a_post_kept_apart_stays_one_post_when_edited_after_the_first_of_its_id_is_forgotten(tmp_path):
    """Review `1` of alice stored as `:1`, dave's kept apart by its content; alice forgotten (`forget`): dave's edit,
    staged as `:1` and alone of its id now, was stored as `:1`, a second copy of dave's review."""
    week = tmp_path / "w1.csv"
    week.write_text("id,site_label,author,text\n1,trustpilot,alice,Acme rash\n1,amazon,dave,Acme dizzy\n")
    edited = tmp_path / "w2.csv"
    edited.write_text('id,site_label,author,text\n1,amazon,dave,"Acme dizzy, sick"\n')
    db = tmp_path / "s.duckdb"
    assert "inserted 2, updated 0, unchanged 0, 1 kept apart" in _ingest(db, week)
    forgot = CliRunner().invoke(main, ["forget", "--author", "alice", "--store", str(db)])
    assert forgot.exit_code == 0, forgot.output
    assert "inserted 0, updated 1, unchanged 0 (" in _ingest(db, edited)  # (was inserted 1)
    stored = _stored(db)
    assert stored["author"].tolist() == ["dave"] and stored["key"][0].startswith("sha256:")
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT text FROM posts").fetchall() == [("Acme dizzy, sick",)]
    # a new post of the id, of another author and text, is the id's own again (`:1`), as it was
    other = tmp_path / "w3.csv"
    other.write_text("id,site_label,author,text\n1,trustpilot,zoe,Acme fine\n")
    assert "inserted 1, updated 0, unchanged 0 (" in _ingest(db, other)
    assert sorted(_stored(db)["key"].str[:2]) == [":1", "sh"]


def test_a_forgotten_authors_post_is_not_told_as_kept_apart(tmp_path):
    """Review `1` of alice forgotten, another post of id `1` stored since: the old export ingested again said
    `1 kept apart (id 1)` of alice's review, which the store left out (`left out 1 by forgotten authors`)."""
    week = tmp_path / "w1.csv"
    week.write_text("id,site_label,author,text\n1,trustpilot,alice,Acme rash\n")
    db = tmp_path / "s.duckdb"
    assert "inserted 1, updated 0, unchanged 0 (" in _ingest(db, week)
    forgot = CliRunner().invoke(main, ["forget", "--author", "alice", "--store", str(db)])
    assert forgot.exit_code == 0, forgot.output
    other = tmp_path / "w2.csv"
    other.write_text("id,site_label,author,text\n1,amazon,zoe,Acme fine\n")
    assert "inserted 1, updated 0, unchanged 0 (" in _ingest(db, other)
    again = _ingest(db, week)
    assert "inserted 0, updated 0, unchanged 0, left out 1 by forgotten authors (" in again, again
    assert "kept apart" not in again, again
    assert _stored(db)["author"].tolist() == ["zoe"]
