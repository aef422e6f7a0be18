"""The DuckDB history store: idempotent ingest, updates, no-id dedupe, migration, locking, CLI."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner
from history_fixtures import CONFIG_TOML, a_writer_gets, enriched, post, ten_posts, write_csv

from brandpulse import read, store
from brandpulse.cli import main
from brandpulse.config import Brand, Config, load_config
from brandpulse.errors import InputError, StoreError
from brandpulse.report.present import _ingested_with

REPO = Path(__file__).resolve().parents[1]


def test_ingest_is_idempotent_and_updates_changed_posts(tmp_path):
    db = tmp_path / "h.duckdb"
    posts = ten_posts()
    assert store.ingest(db, posts) == store.IngestCounts(10, 0, 0)
    assert store.ingest(db, posts) == store.IngestCounts(0, 0, 10)
    changed = posts.copy()
    changed.loc[changed["post_id"] == "2", "likes"] = 99
    changed.loc[changed["post_id"] == "3", "text"] = "edited"
    assert store.ingest(db, changed) == store.IngestCounts(0, 2, 8)
    back = store.load_posts(db)
    assert len(back) == 10
    assert back.set_index("post_id").loc["2", "likes"] == 99
    assert back.set_index("post_id").loc["3", "text"] == "edited"
    assert str(back["created_at"].dtype) == "datetime64[ns, UTC]"
    assert back.set_index("post_id").loc["7", "created_at"] == pd.Timestamp("2026-11-08T23:59Z")


def test_posts_ingested_again_without_their_analysis_keep_the_stored_one(tmp_path):
    """`store.ingest(db, raw_posts)` after the analyzed posts wiped their brands and sentiment (updated 10).
    A column the frame lacks is not news: the stored analysis stays; a changed count is still taken."""
    db = tmp_path / "h.duckdb"
    posts = ten_posts()
    store.ingest(db, posts)
    raw = posts.drop(columns=["brands", "sentiment", "subjectivity", "sentiment_label", "topics", "intent"])
    raw = raw.drop(columns=[c for c in ("brand_sentiments",) if c in raw])
    assert store.ingest(db, raw) == store.IngestCounts(0, 0, 10)
    raw.loc[raw["post_id"] == "2", "likes"] = 99
    assert store.ingest(db, raw) == store.IngestCounts(0, 1, 9)
    back = store.load_posts(db).set_index("post_id")
    assert back.loc["2", "likes"] == 99
    before = posts.set_index("post_id")
    for col in ("brands", "sentiment", "sentiment_label", "topics"):
        assert back.loc[before.index, col].tolist() == before[col].tolist(), col


def test_same_id_on_two_platforms_is_two_posts_and_batch_duplicates_collapse(tmp_path):
    db = tmp_path / "h.duckdb"
    rows = [post(1, "2026-11-02T09:00Z", "A", "positive"), post(1, "2026-11-02T09:00Z", "A", "positive")]
    rows[1]["platform"] = "mastodon"
    rows.append(dict(rows[0], likes=5))  # same key again in the batch: the last copy wins
    assert store.ingest(db, enriched(rows)) == store.IngestCounts(2, 0, 0)
    back = store.load_posts(db).set_index("platform")
    assert back.loc["twitter", "likes"] == 5


def test_posts_without_id_dedupe_on_content_hash(tmp_path):
    db = tmp_path / "h.duckdb"
    rows = [post(i, "2026-11-02T09:00Z", "A", "neutral", post_id=None) for i in (1, 2)]
    rows[1]["text"] = rows[0]["text"]  # same platform, time and text, but authors differ (user1, user2)
    df = enriched(rows)
    df["post_id"] = pd.array([None, None], dtype=df["post_id"].dtype)
    assert store.ingest(db, df) == store.IngestCounts(2, 0, 0)
    assert store.ingest(db, df) == store.IngestCounts(0, 0, 2)
    same_author = df.assign(author="user1", url=df["url"].iloc[0])
    # both rows now hash alike and equal user1's stored post
    assert store.ingest(db, same_author) == store.IngestCounts(0, 0, 1)
    assert len(store.load_posts(db)) == 2


def test_bookkeeping_times_are_utc_whatever_the_machines_time_zone(far_east_clock, tmp_path):
    """first_seen, updated_at and sent_at came from DuckDB's now()::TIMESTAMP: the local time, not UTC."""
    db = tmp_path / "h.duckdb"
    before = pd.Timestamp.now(tz="UTC").tz_localize(None)
    store.ingest(db, enriched([post(1, "2026-11-02T10:00", "A", "negative")]))
    store.ingest(db, enriched([post(1, "2026-11-02T10:00", "A", "negative", likes=5)]))
    with store.open_store(db) as con:
        store.mark_alerts_sent(con, {"volume:A:day:2026-11-02T00:00Z": "A: volume spike"}, "@stdout")
        first_seen, updated_at = con.execute("SELECT first_seen, updated_at FROM posts").fetchall()[0]
        sent_at = con.execute("SELECT sent_at FROM alerts_sent").fetchall()[0][0]
    after = pd.Timestamp.now(tz="UTC").tz_localize(None)
    assert before <= pd.Timestamp(first_seen) <= pd.Timestamp(updated_at) <= pd.Timestamp(sent_at) <= after
    assert store.load_posts(db)["likes"].tolist() == [5]


def test_load_posts_filters_half_open_interval(tmp_path):
    db = tmp_path / "h.duckdb"
    store.ingest(db, ten_posts())
    week = store.load_posts(db, pd.Timestamp("2026-11-02", tz="UTC"), pd.Timestamp("2026-11-09", tz="UTC"))
    assert sorted(week["post_id"].astype(int)) == [1, 2, 3, 4, 5, 6, 7]
    before = store.load_posts(db, until=pd.Timestamp("2026-11-02", tz="UTC"))
    assert sorted(before["post_id"].astype(int)) == [11, 12, 13]


@pytest.mark.parametrize("large", [False, True])
def test_load_posts_lists_posts_by_time_then_key_untimed_last(tmp_path, monkeypatch, large):
    """The posts in time order, ties by key (bytes: `twitter:10` before `twitter:2`), posts without a time last, as
    DuckDB's `ORDER BY created_at, key` gave them: now sorted in Arrow (`store._arrow`), strings past `_LARGE` bytes
    as `large_string`, here all of them."""
    if large:
        monkeypatch.setattr(store, "_LARGE", 0)
    rows = [
        post(2, "2026-11-03T10:00Z", "A", "negative"),
        post(3, None, "A", "negative"),
        post(10, "2026-11-03T10:00Z", "A", "positive"),
        post(1, "2026-11-03T10:00Z", "A", "neutral"),
        post(7, "2026-11-02T09:00Z", "", "neutral"),
    ]
    db = tmp_path / "h.duckdb"
    store.ingest(db, enriched(rows))
    back = store.load_posts(db)
    assert back["post_id"].tolist() == ["7", "1", "10", "2", "3"]
    assert back["text"].tolist() == [
        f"post {i} about {b}" for i, b in [(7, "nothing"), (1, "A"), (10, "A"), (2, "A"), (3, "A")]
    ]
    assert back["created_at"].isna().tolist() == [False] * 4 + [True]
    assert list(back.columns) == list(store.load_posts(db, columns=list(back.columns)).columns)  # (no sort columns)
    week = store.load_posts(db, "2026-11-03", "2026-11-04", columns=["created_at", "text"])
    assert list(week.columns) == ["created_at", "text"]
    assert week["text"].tolist() == ["post 1 about A", "post 10 about A", "post 2 about A"]


def test_v1_store_is_migrated(tmp_path):
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute(store.V1_DDL)
    con.execute(
        """INSERT INTO posts (post_id, platform, created_at, author, text, likes, brands, sentiment,
           sentiment_label, topics, ingested_at) VALUES
           ('1', 'twitter', '2026-11-02 09:00', 'u1', 'old text', 1, 'A', 0.5, 'positive', '', '2026-11-03'),
           ('1', 'twitter', '2026-11-02 09:00', 'u1', 'new text', 7, 'A', 0.5, 'positive', '', '2026-11-04'),
           (NULL, 'reddit', '2026-11-02 10:00', 'u2', 'no id', NULL, 'B', -0.5, 'negative', '', '2026-11-03')"""
    )
    con.close()
    with store.open_store(db) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION == 14
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert "alerts_sent" in tables
        keys = [r[0] for r in con.execute("SELECT key FROM posts ORDER BY key").fetchall()]
    assert keys[1] == "twitter:1"
    assert keys[0].startswith("sha256:") and len(keys[0]) == len("sha256:") + 64
    back = store.load_posts(db).set_index("platform")
    assert back.loc["twitter", "text"] == "new text" and back.loc["twitter", "likes"] == 7
    assert pd.isna(back.loc["twitter", "subjectivity"])
    # the migrated no-id post has the key a fresh ingest computes: re-ingesting it changes nothing
    again = store.load_posts(db)
    assert store.ingest(db, again) == store.IngestCounts(0, 0, 2)


def test_v2_store_gains_brand_sentiments(tmp_path):
    """v3 adds brand_sentiments at the end of an old table: new posts land in the right columns, and
    re-ingesting an old post fills it in."""
    db = tmp_path / "v2.duckdb"
    old = enriched([post(1, "2026-11-02T09:00Z", "A;B", "positive")])
    store.ingest(db, old)
    con = duckdb.connect(str(db))
    con.execute(
        """ALTER TABLE posts DROP COLUMN brand_sentiments; ALTER TABLE posts ADD PRIMARY KEY (key);
           CREATE INDEX posts_created ON posts (created_at); UPDATE meta SET value = '2'"""
    ).fetchall()
    con.close()
    with store.open_store(db) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION
        assert con.execute("SELECT brand_sentiments FROM posts").fetchall() == [(None,)]
    again = old.assign(brand_sentiments="A=-0.5000;B=0.5000")
    new = enriched([post(2, "2026-11-03T09:00Z", "B", "negative", topics="delays", intent="complaint")])
    assert store.ingest(db, pd.concat([again, new], ignore_index=True)) == store.IngestCounts(1, 1, 0)
    back = store.load_posts(db).set_index("post_id")
    assert back.loc["1", "brand_sentiments"] == "A=-0.5000;B=0.5000"
    assert back.loc["2", ["text", "topics", "intent"]].tolist() == ["post 2 about B", "delays", "complaint"]
    assert pd.isna(back.loc["2", "brand_sentiments"])


def test_v3_store_merges_x_posts_into_twitter_keeping_the_copy_updated_last(tmp_path):
    """An export saying `x` stored X's posts apart from the same posts as `twitter`: v4 makes them one.
    Post 1: the `x` copy is newer (likes 9) and wins; post 2: only an `x` copy, renamed; post 3: the
    `twitter` copy is newer and stays; post 4: on another platform, untouched."""
    db = tmp_path / "v3.duckdb"
    rows = [post(i, f"2026-11-0{i}T09:00Z", "A", "neutral", likes=i) for i in (1, 2, 3, 4)]
    rows[3]["platform"] = "mastodon"
    store.ingest(db, enriched(rows))
    con = duckdb.connect(str(db))
    con.execute(
        """INSERT INTO posts SELECT * REPLACE ('x:' || post_id AS key, 'x' AS platform, 9 AS likes,
               updated_at + INTERVAL 1 HOUR AS updated_at) FROM posts WHERE post_id = '1';
           INSERT INTO posts SELECT * REPLACE ('x.com:' || post_id AS key, 'x.com' AS platform, 7 AS likes,
               updated_at - INTERVAL 1 HOUR AS updated_at) FROM posts WHERE post_id = '3';
           UPDATE posts SET platform = 'x', key = 'x:2' WHERE post_id = '2';
           UPDATE meta SET value = '3'"""
    ).fetchall()
    assert con.execute("SELECT count(*) FROM posts").fetchall() == [(6,)]
    con.close()
    with store.open_store(db) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION
        got = con.execute("SELECT key, platform, likes FROM posts ORDER BY post_id").fetchall()
    assert got == [
        ("twitter:1", "twitter", 9),
        ("twitter:2", "twitter", 2),
        ("twitter:3", "twitter", 3),
        ("mastodon:4", "mastodon", 4),
    ]
    # and an export saying X is read as twitter: the same post, updated, not a second one
    export = tmp_path / "x.csv"
    export.write_text("post_id,platform,created_at,text,likes\n2, X ,2026-11-02T09:00Z,post 2 about A,5\n")
    result = CliRunner().invoke(main, ["ingest", str(export), "--store", str(db)])
    assert f"{db}: inserted 0, updated 1, unchanged 0 (rejected 0)" in result.stderr
    assert store.load_posts(db).set_index("post_id").loc["2", ["platform", "likes"]].tolist() == ["twitter", 5]


def test_v4_store_keys_posts_whose_id_said_no_value_by_their_content(tmp_path):
    """Before stop 29 an id written `None`, `nan` or `-` was an id: the post was stored as `twitter:None`. The
    readers now leave such ids empty and key the post by its content, so ingesting the same export again added
    a second copy. v5 re-keys the stored ones; where a content-keyed copy was added since, the one updated last
    is kept. Parent ids and platforms saying "no value" are emptied too (`none:8`: platform `None`)."""
    db = tmp_path / "v4.duckdb"
    export = tmp_path / "old.csv"
    export.write_text(
        "post_id,platform,created_at,author,text,parent_id,likes\n"
        "None,twitter,2026-10-20T08:00:00Z,alice,Skyway lost my bag,,5\n"
        "nan,reddit,2026-10-20T10:00:00Z,carol,Skyway is late again,,1\n"
        "-,twitter,2026-10-20T11:00:00Z,dave,Aerolux flight today,,2\n"
        "7,twitter,2026-10-20T12:00:00Z,erin,Skyway was fine,None,0\n"
        "8,None,2026-10-20T13:00:00Z,frank,Skyway again,,0\n"
    )
    ingest = ["ingest", str(export), "--store", str(db), "--brand", "Skyway=Skyway"]
    assert CliRunner().invoke(main, ingest).exit_code == 0
    con = duckdb.connect(str(db))
    content = con.execute("SELECT author, key FROM posts WHERE key LIKE 'sha256:%' ORDER BY author").fetchall()
    # as stop 28 stored them: alice's old copy also stored since by content (older, likes 1: the content copy
    # stays); dave's only as `twitter:-`, updated after a content copy (likes 9: it wins); carol's only old
    con.execute(
        """INSERT INTO posts SELECT * REPLACE ('twitter:None' AS key, 'None' AS post_id, 1 AS likes,
               updated_at - INTERVAL 1 HOUR AS updated_at) FROM posts WHERE author = 'alice';
           INSERT INTO posts SELECT * REPLACE ('twitter:-' AS key, '-' AS post_id, 9 AS likes,
               updated_at + INTERVAL 1 HOUR AS updated_at) FROM posts WHERE author = 'dave';
           UPDATE posts SET key = 'reddit:nan', post_id = 'nan' WHERE author = 'carol';
           UPDATE posts SET parent_id = 'None' WHERE author = 'erin';
           UPDATE posts SET key = 'none:8', platform = 'none' WHERE author = 'frank';
           UPDATE meta SET value = '4'"""
    ).fetchall()
    assert con.execute("SELECT count(*) FROM posts").fetchall() == [(7,)]
    con.close()
    with store.open_store(db) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION
        got = con.execute(
            "SELECT author, key, post_id, platform, parent_id, likes FROM posts ORDER BY author"
        ).fetchall()

    def sha(platform, author, when, text):  # the content key, by hand
        return "sha256:" + hashlib.sha256("\x1f".join([platform, author, when, text]).encode()).hexdigest()

    alice = sha("twitter", "alice", "2026-10-20T08:00:00.000000", "Skyway lost my bag")
    assert content[0] == ("alice", alice)
    assert got == [
        ("alice", alice, None, "twitter", None, 5),
        (
            "carol",
            sha("reddit", "carol", "2026-10-20T10:00:00.000000", "Skyway is late again"),
            None,
            "reddit",
            None,
            1,
        ),
        (
            "dave",
            sha("twitter", "dave", "2026-10-20T11:00:00.000000", "Aerolux flight today"),
            None,
            "twitter",
            None,
            9,
        ),
        ("erin", "twitter:7", "7", "twitter", None, 0),
        ("frank", ":8", "8", None, None, 0),
    ]
    again = CliRunner().invoke(main, ingest)
    assert f"{db}: inserted 0, updated 1, unchanged 4 (rejected 0)" in again.stderr  # dave's likes back to 2


def test_v5_store_keys_a_reddit_data_request_by_fullnames(tmp_path):
    """Before stop 37 a Reddit data request's posts were stored under the export's bare ids (`reddit:1xyz99`): the
    reader now gives the API's fullnames (`t3_1xyz99`), so ingesting the export again stored every post a second
    time, and a post fetched too stayed two. v6 re-keys the stored ones; where a fullname copy was stored since,
    the one updated last is kept. A bare id whose permalink is not its post's or comment's, or a post with an author
    (a CSV of one's own, which is read with its bare ids still), is left alone."""
    db = tmp_path / "v5.duckdb"
    fix = REPO / "tests" / "fixtures" / "platforms"
    export = [str(fix / "reddit_posts.csv"), str(fix / "reddit_comments.csv")]
    other = tmp_path / "other.csv"
    other.write_text(  # (a bare id without its permalink; and a CSV of one's own, with an author: read bare still)
        "post_id,platform,created_at,author,text,url\nab12,reddit,2026-11-02T09:00Z,,a post,https://x.example/ab12\n"
        "cd34,reddit,2026-11-02T10:00Z,bob,my post,https://www.reddit.com/r/Toasters/comments/cd34/mine/\n"
    )
    ingest = ["ingest", *export, str(other), "--store", str(db)]
    assert CliRunner().invoke(main, ingest).exit_code == 0
    con = duckdb.connect(str(db))
    # as stop 36 stored them: bare ids, a comment on the post without a parent; the post also fetched since
    # (t3_1xyz99, likes 7, updated later: it wins), the comments only stored bare
    con.execute(
        """INSERT INTO posts SELECT * REPLACE ('reddit:1xyz99' AS key, '1xyz99' AS post_id,
               updated_at - INTERVAL 1 HOUR AS updated_at) FROM posts WHERE post_id = 't3_1xyz99';
           UPDATE posts SET likes = 7 WHERE post_id = 't3_1xyz99';
           DELETE FROM posts WHERE post_id LIKE 't1_%';
           INSERT INTO posts SELECT * REPLACE ('reddit:kq11aa' AS key, 'kq11aa' AS post_id, NULL AS parent_id,
               NULL AS likes)
               FROM posts WHERE key = 'reddit:1xyz99';
           INSERT INTO posts SELECT * REPLACE ('reddit:kq11bb' AS key, 'kq11bb' AS post_id, 'kq11aa' AS parent_id,
               NULL AS likes)
               FROM posts WHERE key = 'reddit:1xyz99';
           UPDATE posts SET url = url || 'kq11aa/' WHERE key = 'reddit:kq11aa';
           UPDATE posts SET url = url || 'kq11bb/' WHERE key = 'reddit:kq11bb';
           UPDATE meta SET value = '5'"""
    ).fetchall()
    assert con.execute("SELECT count(*) FROM posts").fetchall() == [(6,)]
    con.close()
    with store.open_store(db) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION
        got = con.execute("SELECT key, parent_id, likes FROM posts ORDER BY key").fetchall()
    assert got == [
        ("reddit:ab12", None, None),
        ("reddit:cd34", None, None),
        ("reddit:t1_kq11aa", "t3_1xyz99", None),
        ("reddit:t1_kq11bb", "t1_kq11aa", None),
        ("reddit:t3_1xyz99", None, 7),
    ]
    # and the export ingested again is the same posts, not three more
    again = CliRunner().invoke(main, ["ingest", *export, "--store", str(db)])
    assert f"{db}: inserted 0," in again.stderr, again.stderr


def test_v6_store_loses_its_indexes_and_keeps_its_posts_unique(tmp_path):
    """v6 kept the key's PRIMARY KEY index and `posts_created`, read and written whole by each ingest (a week into a
    year of posts took 3-4 times as long as into an empty store). v7 copies the posts without them, in their order,
    and ingest keeps the key unique itself."""
    db = tmp_path / "v6.duckdb"
    rows = [post(i, f"2026-11-0{i}T09:00Z", "A", "neutral", likes=i) for i in (3, 1, 2)]
    store.ingest(db, enriched(rows))
    con = duckdb.connect(str(db))
    con.execute(
        """ALTER TABLE posts ADD PRIMARY KEY (key); CREATE INDEX posts_created ON posts (created_at);
           UPDATE meta SET value = '6'"""
    ).fetchall()
    before = con.execute("SELECT * FROM posts ORDER BY rowid").fetchall()
    con.close()
    with store.open_store(db) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION
        assert con.execute("SELECT index_name FROM duckdb_indexes() WHERE table_name = 'posts'").fetchall() == []
        assert con.execute("SELECT * FROM duckdb_constraints() WHERE table_name = 'posts'").fetchall() == []
        assert con.execute("SELECT * FROM posts ORDER BY rowid").fetchall() == before
    assert before != sorted(before)  # (an order the copy could lose)
    # ingested again, twice in one batch, and with a post changed and one new: one row a key still
    again = enriched(
        [
            *rows,
            rows[0],
            post(2, "2026-11-02T09:00Z", "A", "neutral", likes=20),
            post(4, "2026-11-04T09:00Z", "A", "neutral"),
        ]
    )
    assert store.ingest(db, again) == store.IngestCounts(1, 1, 2)
    assert store.ingest(db, again) == store.IngestCounts(0, 0, 4)
    with store.open_store(db) as con:
        got = con.execute("SELECT key, likes FROM posts ORDER BY key").fetchall()
    assert got == [("twitter:1", 1), ("twitter:2", 20), ("twitter:3", 3), ("twitter:4", 0)]


def test_v7_store_gains_the_reviews_star_rating(tmp_path):
    """v8 keeps an app review's stars (`rating`), which no store kept: reviews stored before have none, and the
    export ingested again gives it them (updated, not added)."""
    reviews = str(Path(__file__).parent / "fixtures" / "platforms" / "appstore_reviews.csv")
    db = tmp_path / "v7.duckdb"
    assert CliRunner().invoke(main, ["ingest", reviews, "--store", str(db)]).exit_code == 0
    con = duckdb.connect(str(db))
    con.execute("ALTER TABLE posts DROP COLUMN rating; UPDATE meta SET value = '7'").fetchall()
    con.close()
    with store.open_store(db) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION
        assert con.execute("SELECT rating FROM posts").fetchall() == [(None,), (None,)]
    again = CliRunner().invoke(main, ["ingest", reviews, "--store", str(db)])
    assert f"{db}: inserted 0, updated 2," in again.stderr, again.stderr
    back = store.load_posts(db)
    assert sorted(zip(back["author"], back["rating"], strict=True)) == [("jo_m", 5), ("kettlefan", 1)]


def test_v9_store_keeps_its_ratings_and_takes_half_stars(tmp_path):
    """v10 keeps half stars (`rating` a DOUBLE, was a BIGINT): a review export's 4.5 was rejected as a bad rating. A
    v9 store keeps its reviews and their whole stars, and takes a 4.5."""
    reviews = str(Path(__file__).parent / "fixtures" / "platforms" / "appstore_reviews.csv")
    db = tmp_path / "v9.duckdb"
    assert CliRunner().invoke(main, ["ingest", reviews, "--store", str(db)]).exit_code == 0
    con = duckdb.connect(str(db))  # (as stop 43 stored them: whole stars in a BIGINT column)
    con.execute("ALTER TABLE posts ALTER COLUMN rating SET DATA TYPE BIGINT; UPDATE meta SET value = '9'").fetchall()
    assert con.execute("SELECT typeof(rating) FROM posts").fetchall() == [("BIGINT",), ("BIGINT",)]
    con.close()
    half = tmp_path / "half.csv"
    half.write_text("Date,Rating,Title,Review,Nickname\n2026-11-04 09:00:00,4.5,Nearly,Fast booking now.,ann\n")
    result = CliRunner().invoke(main, ["ingest", str(half), "--store", str(db)])
    assert f"{db}: inserted 1, updated 0, unchanged 0" in result.stderr, result.stderr
    with store.open_store(db, read_only=True) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION
        got = con.execute("SELECT author, rating, typeof(rating) FROM posts ORDER BY author").fetchall()
    assert got == [("ann", 4.5, "DOUBLE"), ("jo_m", 5.0, "DOUBLE"), ("kettlefan", 1.0, "DOUBLE")]
    again = CliRunner().invoke(main, ["ingest", reviews, "--store", str(db)])  # (4 is 4.0: the same value)
    assert f"{db}: inserted 0, updated 0, unchanged 2" in again.stderr, again.stderr
    back = store.load_posts(db)
    assert sorted(zip(back["author"], back["rating"], strict=True)) == [("ann", 4.5), ("jo_m", 5), ("kettlefan", 1)]


def test_newer_store_and_foreign_files_are_refused(tmp_path):
    db = tmp_path / "new.duckdb"
    with store.open_store(db) as con:
        con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'").fetchall()
    with pytest.raises(StoreError, match="schema version 99"), store.open_store(db):
        pass
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="junk.duckdb"), store.open_store(junk):
        pass
    with pytest.raises(StoreError, match="no store here"):
        store.load_posts(tmp_path / "missing.duckdb")
    other = tmp_path / "other.duckdb"  # another program's DuckDB file: the message named no file
    duckdb.connect(str(other)).execute("CREATE TABLE t (x INT)").fetchall()
    for command in (["report"], ["ingest", "-"]):
        result = CliRunner().invoke(main, [*command, "--store", str(other), "--brand", "A=A"], input="text\nA\n")
        assert result.exit_code == 7
        assert result.stderr.splitlines()[-1] == (
            f"brandpulse: error: {other}: not a brandpulse store (tables without a meta table)"
        )


@pytest.mark.parametrize("damage", ["truncated", "header only", "zero bytes", "random bytes"])
def test_a_damaged_store_says_so(tmp_path, damage):
    """A truncated store said only `IO Error: Could not read enough bytes from file ...`, a zero-byte one
    `... exists, but it is not a valid DuckDB database file!`: nothing said the store was damaged or what to do."""
    good = tmp_path / "good.duckdb"
    store.ingest(good, ten_posts())
    data = good.read_bytes()
    db = tmp_path / "h.duckdb"
    db.write_bytes(
        {
            "truncated": data[: len(data) // 2],
            "header only": data[:4096],
            "zero bytes": b"",
            "random bytes": bytes(range(256)) * 20,
        }[damage]
    )
    for command in (["report", "-f", "json"], ["ingest", "-"]):
        result = CliRunner().invoke(main, [*command, "--store", str(db), "--brand", "A=A"], input="text\nA\n")
        assert (result.exit_code, result.stdout) == (7, "")
        error = result.stderr.splitlines()[-1]
        if damage == "zero bytes":
            assert error == (
                f"brandpulse: error: {db}: an empty file (0 bytes), not a store: restore the store from a backup,"
                " or delete the file to start a new one"
            )
        elif damage == "random bytes":
            assert error == (
                f"brandpulse: error: {db}: not a DuckDB file (damaged, or another kind of file): give the store's"
                " path, or restore the store from a backup"
            )
        else:
            assert error.startswith(f"brandpulse: error: {db}: store damaged (Could not read enough bytes")
            assert error.endswith("): restore it from a backup")
    assert len(db.read_bytes()) < len(data)  # (left as it was)


@pytest.mark.parametrize("kind", ["csv", "jsonl", "parquet"])
def test_a_data_file_given_as_the_store_says_it_is_not_one(tmp_path, kind):
    """`--store posts.csv` (the arguments mixed up): DuckDB 2 opens a CSV, JSON or Parquet file as a database
    of it, and the message was "Catalog Error: Cannot launch in-memory database in read-only mode!" (report) or
    "not a brandpulse store (tables without a meta table)" (ingest, after analyzing every file)."""
    frame = pd.DataFrame({"id": ["1", "2"], "text": ["Skylark lost my bag", "Skylark again"]})
    path = tmp_path / f"posts.{kind}"
    {"csv": lambda: frame.to_csv(path, index=False), "parquet": lambda: frame.to_parquet(path)}.get(
        kind, lambda: frame.to_json(path, orient="records", lines=True)
    )()
    before = path.read_bytes()
    for command in (["report", "-f", "json"], ["ingest", "-"]):
        result = CliRunner().invoke(main, [*command, "--store", str(path), "--brand", "A=A"], input="text\nA\n")
        assert (result.exit_code, result.stdout) == (7, "")
        assert result.stderr.splitlines() == [  # (ingest: before reading stdin)
            f"brandpulse: error: {path}: not a DuckDB file (damaged, or another kind of file): give the store's"
            " path, or restore the store from a backup"
        ]
    assert path.read_bytes() == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_given_as_the_store_is_refused_at_once(tmp_path):
    """`--store` naming a named pipe (a FIFO): the check of a store's first bytes opened it to read and waited for a
    writer for ever; now it says at once it is no store file (exit 7). Run in a process of its own, so that a
    wait fails the test (a timeout) instead of holding the suite."""
    pipe = tmp_path / "store.duckdb"
    os.mkfifo(pipe)
    for command in (["report", "-f", "json"], ["ingest", "-"]):
        done = subprocess.run(
            [sys.executable, "-m", "brandpulse", *command, "--store", str(pipe), "--brand", "A=A"],
            input="text\nA\n",
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert (done.returncode, done.stdout) == (7, "")
        assert done.stderr.splitlines()[-1] == (
            f"brandpulse: error: {pipe}: a pipe or a device, not a store file: give the store's path"
        )


#: holds the store until the test kills it or closes its stdin (it slept 30 s: a loaded CI could outlast that)
HOLD = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
print("locked", flush=True)
sys.stdin.read()
"""


def test_busy_store_waits_then_gives_store_error(tmp_path):
    db = tmp_path / "h.duckdb"
    store.ingest(db, ten_posts())
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with pytest.raises(StoreError, match="store is busy"):
            store.ingest(db, ten_posts(), wait=0.6)
        assert time.monotonic() - started >= 0.6
        result = CliRunner().invoke(main, ["report", "--store", str(db), "--wait", "0.2", "-f", "json"])
        assert result.exit_code == 7
        # (it said "another brandpulse process has it open": which one, when it is a hung cron job or a notebook?)
        program = Path(os.path.realpath(sys.executable)).name
        assert result.stderr.splitlines()[-1] == (
            f"brandpulse: error: {db}: store is busy (process {holder.pid}, {program}, has it open); waited 0.2s,"
            " try again or raise --wait"
        )
    finally:
        holder.kill()
        holder.wait()
    assert len(store.load_posts(db)) == 10  # the file is fine afterwards


def test_readers_share_the_store_but_writers_wait(tmp_path):
    db = tmp_path / "h.duckdb"
    store.ingest(db, ten_posts())
    reader = HOLD.replace("duckdb.connect(sys.argv[1])", "duckdb.connect(sys.argv[1], read_only=True)")
    holder = subprocess.Popen(
        [sys.executable, "-c", reader, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert len(store.load_posts(db, wait=0)) == 10  # a second reader gets in at once
        with pytest.raises(StoreError, match="store is busy"):
            store.ingest(db, ten_posts(), wait=0.3)
    finally:
        holder.kill()
        holder.wait()


def test_a_new_store_is_never_seen_half_made(tmp_path, monkeypatch):
    """Two runs creating one store at once: the second opened the file the first had just created, 0 bytes,
    and stopped with "an empty file (0 bytes), not a store" (exit 7). The store now appears whole."""
    db = tmp_path / "h.duckdb"
    seen = []
    connect = duckdb.connect

    def watching(name, *args, **kwargs):
        if Path(name) == db:
            seen.append(db.stat().st_size if db.exists() else None)
        return connect(name, *args, **kwargs)

    monkeypatch.setattr(store.duckdb, "connect", watching)
    with store.open_store(db) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION
    assert seen and all(size for size in seen)  # (None: DuckDB created it in place, the window of the race)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.duckdb"]  # (nothing left beside it)


def test_a_new_store_through_a_link_to_a_missing_file_is_never_seen_half_made(tmp_path, monkeypatch):
    """`--store link.duckdb`, a link to a store not made yet: DuckDB created the target through the link, so two runs
    at once met a file of 0 bytes (exit 7), as `test_a_new_store_is_never_seen_half_made` before the fix. The target
    is now made whole and linked in; a link into a missing folder is one line naming it."""
    db, target = tmp_path / "link.duckdb", tmp_path / "stores" / "h.duckdb"
    target.parent.mkdir()
    db.symlink_to(target)
    seen = []
    connect = duckdb.connect

    def watching(name, *args, **kwargs):
        if Path(name) in (db, target):
            seen.append(target.stat().st_size if target.exists() else None)
        return connect(name, *args, **kwargs)

    monkeypatch.setattr(store.duckdb, "connect", watching)
    assert store.ingest(db, ten_posts()).inserted == 10
    assert seen and all(size for size in seen)  # (None: DuckDB created it in place, the window of the race)
    assert db.is_symlink() and target.is_file() and len(store.load_posts(target)) == 10
    assert sorted(p.name for p in target.parent.iterdir()) == ["h.duckdb"]  # (nothing left beside it)
    lost = tmp_path / "lost.duckdb"
    lost.symlink_to(tmp_path / "unmounted" / "h.duckdb")
    with pytest.raises(StoreError) as raised:
        store.ingest(lost, ten_posts())
    unmounted = tmp_path / "unmounted"
    assert (
        str(raised.value) == f"{lost}: folder {unmounted} does not exist (the link points to {unmounted / 'h.duckdb'})"
    )
    loop = tmp_path / "loop.duckdb"
    loop.symlink_to(loop)
    with pytest.raises(StoreError, match=r"loop\.duckdb: a symbolic link that leads to itself \(a loop\)"):
        store.ingest(loop, ten_posts())
    out = CliRunner().invoke(main, ["ingest", "-", "--store", str(loop), "--brand", "Skyway"], input="text\nhi\n")
    assert (out.exit_code, out.stderr) == (
        1,
        f"brandpulse: error: --store {loop}: a symbolic link that leads to itself (a loop)\n",
    )


def test_a_store_left_half_made_by_a_killed_run_is_removed_when_one_is_made(tmp_path):
    """A run killed (SIGKILL) while it made a new store left `.NAME.PID.new` (and its WAL) beside it for good. Those of
    a process no longer running are removed when a store is made there; one of a running process is left alone."""
    db = tmp_path / "h.duckdb"
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()  # (a process that ran and is gone: its number names no process now)
    running = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        stale = [tmp_path / f".h.duckdb.{ended.pid}.new", tmp_path / f".h.duckdb.{ended.pid}.new.wal"]
        live = tmp_path / f".h.duckdb.{running.pid}.new"
        other = tmp_path / f".other.duckdb.{ended.pid}.new"  # (another store's: not this one's to remove)
        for p in [*stale, live, other]:
            p.write_bytes(b"half a store")
        assert store.ingest(db, ten_posts()).inserted == 10
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["h.duckdb", live.name, other.name])
    finally:
        running.kill()
        running.wait()


def test_two_concurrent_ingests_both_land(tmp_path):
    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML)
    rows = [
        {"post_id": str(i), "platform": "twitter", "created_at": f"2026-11-0{1 + i % 7}T10:00:00Z", "text": "Skyway ok"}
        for i in range(300)
    ]
    a = write_csv(tmp_path / "a.csv", rows[:150])
    b = write_csv(tmp_path / "b.csv", rows[100:])  # 50 posts in both files
    db = tmp_path / "h.duckdb"
    cmd = [sys.executable, "-m", "brandpulse", "ingest", "--store", str(db), "--wait", "60", "-c", "brandpulse.toml"]
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
    procs = [subprocess.Popen([*cmd, f], cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True) for f in (a, b)]
    outs = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert len(store.load_posts(db)) == 300
    inserted = sum(int(o.split("inserted ")[1].split(",")[0]) for o in outs)
    unchanged = sum(int(o.split("unchanged ")[1].split(" ")[0]) for o in outs)
    assert (inserted, unchanged) == (300, 50)


def test_ingest_cli_counts_and_rejects(tmp_path):
    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML)
    src = tmp_path / "posts.csv"
    src.write_text(
        "post_id,platform,created_at,text,likes\n"
        "1,twitter,2026-11-02T10:00:00Z,Skyway refund please,1\n"
        "2,twitter,not a date,Skyway late again,2\n"
        "3,twitter,2026-11-03T10:00:00Z,I love Skyway,3\n"
    )
    runner = CliRunner()
    db = tmp_path / "h.duckdb"
    args = ["ingest", str(src), "--store", str(db), "-c", str(tmp_path / "brandpulse.toml")]
    first = runner.invoke(main, [*args, "--rejects", str(tmp_path / "rej.csv")])
    assert first.exit_code == 0, first.stderr
    assert "inserted 2, updated 0, unchanged 0 (rejected 1)" in first.stderr
    rej = pd.read_csv(tmp_path / "rej.csv")
    assert rej.loc[0, "position"] == "line 3" and "created_at" in rej.loc[0, "reason"]
    second = runner.invoke(main, [*args, "--rejects", str(tmp_path / "rej.csv")])
    assert "inserted 0, updated 0, unchanged 2" in second.stderr
    assert len(pd.read_csv(tmp_path / "rej.csv")) == 1  # (the same rejected row again)
    back = store.load_posts(db).set_index("post_id")
    assert back.loc["1", "topics"] == "refunds" and back.loc["3", "sentiment_label"] == "positive"
    piped = runner.invoke(main, ["ingest", "-", *args[2:]], input=src.read_text())
    assert piped.stderr.splitlines()[0] == "<stdin>: 3 rows, 2 posts, 1 rejected"  # as its rejects name it
    src.write_text(src.read_text().replace("not a date", "2026-11-02T11:00:00Z"))
    fixed = runner.invoke(main, [*args, "--rejects", str(tmp_path / "rej.csv")])
    assert "inserted 1, updated 0, unchanged 2 (rejected 0)" in fixed.stderr
    assert pd.read_csv(tmp_path / "rej.csv").empty  # the first run's reject was left in it


def test_ingest_of_a_cut_gzip_stores_the_lines_before_the_cut(tmp_path):
    """A `posts.csv.gz` whose download stopped was refused whole (exit 4, nothing stored). Its lines before the
    cut are stored now, the cut counted as a reject (the runs log says `rejected 1`, so the file is not taken for
    whole) with a warning; the whole file ingested later adds the posts the cut left out. Here the second gzip
    member (posts 3 and a cut line of post 4) has lost its 8-byte end."""
    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML)
    head = "post_id,platform,created_at,text\n1,twitter,2026-11-02T10:00:00Z,Skyway one\n"
    rest = "2,twitter,2026-11-02T11:00:00Z,Skyway two\n3,twitter,2026-11-02T12:00:00Z,Skyway three\n"
    src = tmp_path / "posts.csv.gz"
    src.write_bytes(gzip.compress(head.encode()) + gzip.compress(rest.encode() + b"4,twitter,2026-11-0")[:-8])
    db = tmp_path / "h.duckdb"
    args = ["ingest", str(src), "--store", str(db), "-c", str(tmp_path / "brandpulse.toml")]
    runner = CliRunner()
    cut = runner.invoke(main, [*args, "--rejects", str(tmp_path / "rej.csv")])
    assert cut.exit_code == 0, cut.stderr
    assert cut.stderr.splitlines()[0] == f"{src}: 4 rows, 3 posts, 1 rejected"
    assert cut.stderr.splitlines()[1].startswith(
        f"warning: {src}: damaged gzip file, cut short: unreadable from line 5"
    )
    assert cut.stderr.splitlines()[-1] == f"{db}: inserted 3, updated 0, unchanged 0 (rejected 1)"
    rej = pd.read_csv(tmp_path / "rej.csv", dtype=str)
    assert rej[["position", "record"]].values.tolist() == [["line 5", "4,twitter,2026-11-0"]]
    assert sorted(store.load_posts(db)["post_id"]) == ["1", "2", "3"]
    assert [(r["command"], r["rejected"]) for r in store.recent_runs(db)][0] == ("ingest", 1)
    assert runner.invoke(main, [*args, "--fail-on-rejects"]).exit_code == 4  # (posts still stored: unchanged)
    src.write_bytes(gzip.compress((head + rest + "4,twitter,2026-11-02T13:00:00Z,Skyway four\n").encode()))
    whole = runner.invoke(main, args)
    assert (
        whole.exit_code == 0
        and whole.stderr.splitlines()[-1] == f"{db}: inserted 1, updated 0, unchanged 3 (rejected 0)"
    )
    assert read(str(src)).rows_read == 4  # (and `read` of the cut file: `test_a_cut_gzip_reads_the_lines_...`)


def test_ingest_of_files_counts_each_files_rows_and_rejects(tmp_path):
    """The summary line and the rejects file of several files, now that each file's posts are let go once stored."""
    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML)
    head = "post_id,platform,created_at,text,likes\n"
    a = tmp_path / "a.csv"
    a.write_text(head + "1,twitter,2026-11-02T10:00:00Z,Skyway refund please,1\n2,twitter,,,2\n")
    b = tmp_path / "b.csv"
    b.write_text(head + "3,twitter,not a date,Skyway late,3\n4,twitter,2026-11-03T10:00:00Z,I love Skyway,4\n")
    c = tmp_path / "c.csv"  # post 1 again, with more likes: updated by the later file of the same run
    c.write_text(head + "1,twitter,2026-11-02T10:00:00Z,Skyway refund please,9\n5,twitter,2026-11-04T10:00:00Z,hi,5\n")
    db = tmp_path / "h.duckdb"
    config = ["-c", str(tmp_path / "brandpulse.toml"), "--rejects", str(tmp_path / "rej.csv")]
    result = CliRunner().invoke(main, ["ingest", str(a), str(b), str(c), "--store", str(db), *config])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == f"{db}: inserted 3, updated 1, unchanged 0 (rejected 2)"
    assert [line.split(": ", 1)[1] for line in result.stderr.splitlines()[:3]] == [
        "2 rows, 1 post, 1 rejected",
        "2 rows, 1 post, 1 rejected",
        "2 rows, 2 posts",
    ]
    rej = pd.read_csv(tmp_path / "rej.csv")
    assert [Path(s).name for s in rej["source"]] == ["a.csv", "b.csv"]
    assert rej["position"].tolist() == ["line 3", "line 2"]  # (a.csv's post without text, b.csv's bad date)
    assert store.load_posts(db).set_index("post_id")["likes"].to_dict() == {"1": 9, "4": 4, "5": 5}


def test_ingest_holds_one_files_posts_at_a_time(tmp_path):
    """`ingest` of 30 daily exports held every file's analyzed posts until the last was stored (1.36 GB for 24 files
    of 50,000 posts, 0.87 GB now): a file's posts are let go once `then` (ingest's commit) has them."""
    import gc
    import weakref

    from brandpulse.cli.history import analyze_inputs
    from brandpulse.config import load_config

    files = []
    for n in range(3):
        rows = [post(f"{n}{i}", f"2026-11-0{n + 2}T10:00:00Z", "", "neutral") for i in range(20)]
        files.append(write_csv(tmp_path / f"d{n}.csv", rows))
    (tmp_path / "bad.csv").write_text("post_id,platform,created_at,text\n9,twitter,2026-11-02T10:00:00Z,\n")
    files.append(str(tmp_path / "bad.csv"))
    seen, alive = [], []

    def then(batch):
        gc.collect()
        alive.append(sum(ref() is not None for ref in seen))  # earlier files' posts still held
        seen.append(weakref.ref(batch.enriched))

    config = load_config(None)
    batches = analyze_inputs(files, config, None, (), None, str(tmp_path / "rej.csv"), lambda *a: None, then=then)
    assert alive == [0, 0, 0, 0]
    assert [(b.rows_read, len(b.rejects), len(b.enriched)) for b in batches] == [(20, 0, 0)] * 3 + [(1, 1, 0)]
    assert list(batches[0].enriched.columns)[:3] == ["post_id", "platform", "created_at"]
    assert len(pd.read_csv(tmp_path / "rej.csv")) == 1


def test_ingest_q_of_an_input_without_posts_warns_and_stores_the_others(tmp_path):
    """An exporter that failed left an empty file (or piped nothing): `ingest -q` from cron said nothing and exited
    0, while the store got no posts. -q hides progress, not problems: each input without posts is a warning."""
    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML)
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "header.csv").write_text("post_id,platform,created_at,text\n")
    (tmp_path / "posts.csv").write_text(
        "post_id,platform,created_at,text\n1,twitter,2026-11-02T10:00:00Z,I love Skyway\n"
    )
    db = tmp_path / "h.duckdb"
    runner = CliRunner()
    options = ["--store", str(db), "-c", str(tmp_path / "brandpulse.toml"), "-q"]
    files = [str(tmp_path / name) for name in ("empty.csv", "posts.csv", "header.csv")]
    run = runner.invoke(main, ["ingest", *files, *options])
    said = "held no posts, so nothing was stored from it (an export that failed?)"
    assert (run.exit_code, run.stdout) == (0, "")
    assert run.stderr.splitlines() == [f"warning: {files[0]}: {said}"]  # (header.csv: below)
    assert store.load_posts(db)["post_id"].tolist() == ["1"]
    piped = runner.invoke(main, ["ingest", "-", *options], input="")
    assert (piped.exit_code, piped.stderr) == (0, f"warning: <stdin>: {said}\n")
    again = runner.invoke(main, ["ingest", files[1], *options])
    assert (again.exit_code, again.stderr) == (0, "")  # (a quiet run with posts still says nothing)


def test_ingest_q_of_a_quiet_hours_export_says_nothing(tmp_path):
    """An hourly cron export of a quiet hour is its header alone: `ingest -q` warned "held no posts ... (an export
    that failed?)" of it, and cron mailed that every quiet hour. With -q a header alone (or a JSON `[]`) is an export
    of no posts and says nothing; a file of nothing (0 bytes, blanks) is still warned of, and without -q both are."""
    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML)
    header, listed, blank = tmp_path / "header.csv", tmp_path / "none.json", tmp_path / "blank.csv"
    header.write_text("post_id,platform,created_at,text\n")
    listed.write_text("[]\n")
    blank.write_text("\n\n")
    db = tmp_path / "h.duckdb"
    runner = CliRunner()
    options = ["--store", str(db), "-c", str(tmp_path / "brandpulse.toml")]
    said = "held no posts, so nothing was stored from it (an export that failed?)"
    quiet = runner.invoke(main, ["ingest", str(header), str(listed), "-q", *options])
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")
    failed = runner.invoke(main, ["ingest", str(header), str(blank), "-q", *options])
    assert (failed.exit_code, failed.stderr) == (0, f"warning: {blank}: {said}\n")
    told = runner.invoke(main, ["ingest", str(header), *options])
    assert told.exit_code == 0 and f"warning: {header}: {said}" in told.stderr


def test_ingest_fail_on_empty_tells_a_cron_job_of_an_export_that_died_after_its_header(tmp_path):
    """An exporter that dies after writing its CSV header left a file `ingest -q` read as a quiet hour: exit 0, no
    word, and the store got nothing for hours. A job whose exports are never empty asks `--fail-on-empty`: a FILE
    of no posts is an input error (exit 4, naming it, also with -q), the other FILES still stored."""
    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML)
    header, posts = tmp_path / "header.csv", tmp_path / "posts.csv"
    header.write_text("post_id,platform,created_at,text\n")
    posts.write_text("post_id,platform,created_at,text\n1,twitter,2026-12-07T10:00:00Z,Skyway lost my bag\n")
    db = tmp_path / "h.duckdb"
    options = ["--store", str(db), "-c", str(tmp_path / "brandpulse.toml"), "-q"]
    failed = CliRunner().invoke(main, ["ingest", str(header), str(posts), "--fail-on-empty", *options])
    assert failed.exit_code == 4
    assert failed.stderr == (
        f"brandpulse: error: {header}: held no posts, so nothing was stored from it (--fail-on-empty: an export that"
        " failed?)\n"
    )
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT post_id FROM posts").fetchall() == [("1",)]
    # (without it a header alone is still a quiet hour's export; a file with posts passes with it)
    assert CliRunner().invoke(main, ["ingest", str(header), *options]).exit_code == 0
    assert CliRunner().invoke(main, ["ingest", str(posts), "--fail-on-empty", *options]).exit_code == 0


SETPRIV = shutil.which("setpriv")


@pytest.mark.skipif(os.geteuid() == 0 and SETPRIV is None, reason="as root, needs setpriv to drop CAP_DAC_OVERRIDE")
def test_ingest_into_a_store_it_cannot_write_fails_before_reading_any_file(tmp_path):
    """A store in a missing or read-only folder failed (exit 7) only after the first file was analyzed:
    minutes for a big export, and its count line read as if the posts were kept."""
    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML)
    src = tmp_path / "posts.csv"
    src.write_text("post_id,platform,created_at,text\n1,twitter,2026-11-02T10:00:00Z,Skyway refund please\n")
    common = [str(src), "-c", str(tmp_path / "brandpulse.toml"), "--rejects", str(tmp_path / "rej.csv")]
    db = tmp_path / "missing" / "h.duckdb"
    result = CliRunner().invoke(main, ["ingest", *common, "--store", str(db)])
    assert (result.exit_code, result.stdout) == (7, "")
    assert result.stderr == f"brandpulse: error: {db}: folder {db.parent} does not exist\n"
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    drop = [SETPRIV, "--inh-caps=-dac_override", "--bounding-set=-dac_override"] if os.geteuid() == 0 else []
    try:
        ro = subprocess.run(
            [*drop, sys.executable, "-m", "brandpulse", "ingest", *common, "--store", str(folder / "h.duckdb")],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            timeout=120,
        )
    finally:
        folder.chmod(0o755)
    assert (ro.returncode, ro.stdout) == (7, "")
    assert ro.stderr == (
        f"brandpulse: error: cannot write the store {folder / 'h.duckdb'} (cannot create files in {folder}:"
        " Permission denied)\n"
    )
    assert not (tmp_path / "rej.csv").exists() and list(folder.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0 and SETPRIV is None, reason="as root, needs setpriv to drop CAP_DAC_OVERRIDE")
def _report_on_a_read_only_store(db, sql: str, *args: str) -> subprocess.CompletedProcess:
    """`report` on a store made at `db`, set back to an older version by `sql`, that its user may read but not write
    (root gives up the capability that lets it write anything)."""
    db.parent.mkdir()
    store.ingest(db, ten_posts())
    con = duckdb.connect(str(db))
    con.execute(NO_REPLIES + sql).fetchall()
    con.close()
    return _as_a_reader(db, "report", *args)


#: a store of v12 or before kept no app versions and no run of each post (`_migrate_12_to_13` adds them)
V12 = (
    "ALTER TABLE posts DROP COLUMN app_version; ALTER TABLE posts DROP COLUMN run_id;"
    " ALTER TABLE runs DROP COLUMN run_id; "
)
#: a store of v11 or before kept no review replies either (`_migrate_11_to_12` adds them)
NO_REPLIES = V12 + "ALTER TABLE posts DROP COLUMN reply; ALTER TABLE posts DROP COLUMN replied_at; "


def _as_a_reader(db, command: str, *args: str) -> subprocess.CompletedProcess:
    """`command` on the store at `db`, by a user who may read it but not write it."""
    db.chmod(0o444)
    db.parent.chmod(0o555)
    drop = [SETPRIV, "--inh-caps=-dac_override", "--bounding-set=-dac_override"] if os.geteuid() == 0 else []
    try:
        return subprocess.run(
            [*drop, sys.executable, "-m", "brandpulse", command, "--store", str(db), "--brand", "A=A", *args],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            timeout=120,
        )
    finally:
        db.parent.chmod(0o755)


def test_an_older_store_that_cannot_be_written_says_it_needs_migrating(tmp_path):
    """A report on a store of an older brandpulse, readable but not writable (another user's, a copy): the
    store is migrated on open, which writes, and the report said "cannot open store: IO Error: Cannot open
    file ...: Permission denied", as if it could not be read."""
    db = tmp_path / "ro" / "v3.duckdb"
    result = _report_on_a_read_only_store(db, "UPDATE meta SET value = '3'", "-q")
    assert (result.returncode, result.stdout) == (7, "")
    assert result.stderr == (
        f"brandpulse: error: {db}: store of an older brandpulse (schema version 3), migrated to version"
        f" {store.SCHEMA_VERSION} on open, which needs write access ({db}: Permission denied): run a brandpulse"
        " command on it once as a user who can write it\n"
    )
    with store.open_store(db, read_only=True) as con:  # (a user who can: migrated, then read)
        assert store.schema_version(con) == store.SCHEMA_VERSION


def test_ingest_takes_the_date_order(tmp_path):
    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML)
    src = tmp_path / "posts.csv"
    src.write_text("post_id,platform,created_at,text\n1,twitter,02/11/2026 10:00,Skyway refund please\n")
    db = tmp_path / "h.duckdb"
    args = ["ingest", str(src), "--store", str(db), "-c", str(tmp_path / "brandpulse.toml"), "--date-order", "mdy"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    assert store.load_posts(db)["created_at"].tolist() == [pd.Timestamp("2026-02-11 10:00", tz="UTC")]


def test_ingest_and_report_take_a_folder_of_exports_as_analyze_does(tmp_path):
    """A folder (daily exports, an unpacked X archive) was refused by click before it was read:
    "Error: Invalid value for 'FILES...': File 'exports' is a directory." (exit 2)."""
    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML)
    days = tmp_path / "exports"
    days.mkdir()
    header = "post_id,platform,created_at,text\n"
    (days / "2026-11-02.csv").write_text(header + "1,twitter,2026-11-02T10:00:00Z,Skyway late\n")
    (days / "2026-11-03.csv").write_text(header + "2,twitter,2026-11-03T10:00:00Z,Skyway ok\n")
    db = tmp_path / "h.duckdb"
    config = ["-c", str(tmp_path / "brandpulse.toml")]
    result = CliRunner().invoke(main, ["ingest", str(days), "--store", str(db), *config])
    assert result.exit_code == 0, result.stderr
    assert "inserted 2, updated 0, unchanged 0 (rejected 0)" in result.stderr
    assert sorted(store.load_posts(db)["post_id"]) == ["1", "2"]
    week = ["--since", "2026-11-02", "--until", "2026-11-09"]
    report = CliRunner().invoke(main, ["report", str(days), *week, "-f", "csv", "--table", "brands", *config])
    assert report.exit_code == 0, report.stderr
    table = pd.read_csv(io.StringIO(report.stdout)).set_index("brand")
    assert table.loc["Skyway", "volume"] == 2


def test_an_archive_in_a_folder_of_exports_is_told_not_read(tmp_path):
    """`analyze exports/` or `ingest exports/` left a zip or tar in the folder out without a word: it is
    still not read (old exports zipped beside the daily files would be read again), but a warning names it,
    also with -q."""
    import zipfile

    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML)
    days = tmp_path / "exports"
    days.mkdir()
    header = "post_id,platform,created_at,text\n"
    (days / "2026-11-02.csv").write_text(header + "1,twitter,2026-11-02T10:00:00Z,Skyway late\n")
    with zipfile.ZipFile(days / "october.zip", "w") as z:
        z.writestr("2026-10-30.csv", header + "9,twitter,2026-10-30T10:00:00Z,Skyway fine\n")
    (days / "old.tar.gz").write_bytes(b"")
    config = ["-c", str(tmp_path / "brandpulse.toml"), "-q"]
    warned = [
        f"warning: {days / name}: an archive in a folder is not read (give it as FILE)"
        for name in ("october.zip", "old.tar.gz")  # (sorted, as the files are read)
    ]
    analyzed = CliRunner().invoke(main, ["analyze", str(days), "-f", "csv", *config])
    assert analyzed.exit_code == 0, analyzed.stderr
    assert pd.read_csv(io.StringIO(analyzed.stdout), dtype=str)["post_id"].tolist() == ["1"]
    assert analyzed.stderr.splitlines() == warned
    db = tmp_path / "h.duckdb"
    ingested = CliRunner().invoke(main, ["ingest", str(days), "--store", str(db), *config])
    assert ingested.exit_code == 0 and ingested.stderr.splitlines() == warned
    assert store.load_posts(db)["post_id"].tolist() == ["1"]
    given = CliRunner().invoke(main, ["analyze", str(days / "october.zip"), "-f", "csv", *config])
    assert pd.read_csv(io.StringIO(given.stdout), dtype=str)["post_id"].tolist() == ["9"] and given.stderr == ""


def test_store_path_precedence(tmp_path, monkeypatch):
    from brandpulse.config import load_config

    monkeypatch.delenv(store.STORE_ENV, raising=False)
    cfg_file = tmp_path / "c.toml"
    cfg_file.write_text('store = "data/h.duckdb"\n')
    cfg = load_config(cfg_file)
    assert store.store_path(None, cfg) == tmp_path / "data" / "h.duckdb"
    cfg_file.write_text('[store]\npath = "x.duckdb"\n')
    assert store.store_path(None, load_config(cfg_file)) == tmp_path / "x.duckdb"
    monkeypatch.setenv(store.STORE_ENV, "env.duckdb")
    assert store.store_path(None, cfg) == Path("env.duckdb")
    assert store.store_path("flag.duckdb", cfg) == Path("flag.duckdb")
    monkeypatch.delenv(store.STORE_ENV)
    assert store.store_path(None, None) == Path("brandpulse.duckdb")


def test_ingest_rolls_back_a_failed_batch(tmp_path):
    db = tmp_path / "h.duckdb"
    store.ingest(db, ten_posts().head(3))
    bad = ten_posts()
    bad["likes"] = pd.array([1] * 9 + [None], dtype="Int64")
    bad["sentiment"] = ["not a number"] * 10  # DuckDB cannot cast: the whole batch fails
    cast = "Could not convert string 'not a number' to DOUBLE"
    with pytest.raises(StoreError, match=cast), store.open_store(db) as con:
        store.ingest_frame(con, bad)
    assert sorted(store.load_posts(db)["post_id"].astype(int)) == [1, 2, 3]


#: `brandpulse ingest` whose analysis of its second file lasts until the test ends the run (as scoring a big file
#: does), having made the file ANALYZING_SECOND first: the run is stopped at a known point, without 40,000 posts
SLOW_SECOND_FILE = """if True:
    import sys, time
    from pathlib import Path
    from brandpulse import intake
    from brandpulse.cli import run
    analyze_posts, calls = intake.analyze_posts, []

    def slow(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            Path("analyzing-second").touch()
            while True:
                time.sleep(0.1)
        return analyze_posts(*args, **kwargs)

    intake.analyze_posts = slow
    sys.argv[0] = "brandpulse"
    run()
"""


def _ingest_stuck_in_its_second_file(tmp_path: Path, *args: str, **popen) -> tuple[subprocess.Popen, list[str]]:
    """`ingest a.csv b.csv` (20 posts, then 5) started, and waited for until it analyzes b.csv, a.csv committed."""
    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML)
    first = write_csv(
        tmp_path / "a.csv",
        [{"post_id": f"a{i}", "created_at": "2026-11-02T10:00:00Z", "text": f"Skyway ok {i}"} for i in range(20)],
    )
    second = write_csv(
        tmp_path / "b.csv",
        [{"post_id": f"b{i}", "created_at": "2026-11-03T10:00:00Z", "text": f"Skyway {i} late"} for i in range(5)],
    )
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
    cmd = [sys.executable, "-c", SLOW_SECOND_FILE, "ingest", first, second, "-c", "brandpulse.toml", *args]
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, **popen)
    try:
        while not (tmp_path / "analyzing-second").exists() and proc.poll() is None:  # (no time limit)
            time.sleep(0.05)
        assert proc.poll() is None, "ingest ended before it analyzed its second file"
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    return proc, [first, second]


def test_killed_ingest_keeps_the_files_already_committed(tmp_path):
    db = tmp_path / "h.duckdb"
    proc, files = _ingest_stuck_in_its_second_file(tmp_path, "--store", str(db), stderr=subprocess.DEVNULL)
    proc.kill()
    proc.wait()
    back = store.load_posts(db)
    assert len(back) == 20 and back["post_id"].str.startswith("a").all()
    # the same ingest again completes, and the killed run left nothing that duplicates
    again = CliRunner().invoke(main, ["ingest", *files, "--store", str(db), "-c", str(tmp_path / "brandpulse.toml")])
    assert again.exit_code == 0, again.stderr
    assert "inserted 5, updated 0, unchanged 20" in again.stderr
    back = store.load_posts(db)
    assert len(back) == 25 and back["post_id"].is_unique


def test_a_terminated_ingest_says_what_the_files_before_it_kept(tmp_path):
    """`timeout` or `kill` (SIGTERM) said only "terminated": a cron mail did not tell whether any file went in."""
    db = tmp_path / "h.duckdb"
    popen = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
    proc, _ = _ingest_stuck_in_its_second_file(tmp_path, "--store", str(db), "-q", **popen)
    try:
        proc.terminate()
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert (proc.returncode, out) == (143, "")
    assert err.splitlines() == [
        f"{db}: inserted 20, updated 0, unchanged 0 before the interruption, from 1 file",
        "brandpulse: terminated",
    ]
    assert len(store.load_posts(db)) == 20


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX signals")
def test_a_sigterm_just_after_a_files_commit_counts_that_file(tmp_path):
    """A SIGTERM that came once the second file's COMMIT had returned (as the store was closed, which writes
    it out for 0.1-0.6 s) said "inserted 3 ... from 1 file" while the store held both files' 5 posts. Sent here
    by the run itself at that moment, as a real signal to its real handler."""
    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML)
    rows = [
        [{"post_id": f"a{i}", "created_at": "2026-11-02T10:00:00Z", "text": f"Skyway ok {i}"} for i in range(3)],
        [{"post_id": f"b{i}", "created_at": "2026-11-03T10:00:00Z", "text": f"Skyway late {i}"} for i in range(2)],
        [{"post_id": "c0", "created_at": "2026-11-04T10:00:00Z", "text": "Skyway never read"}],
    ]
    files = [write_csv(tmp_path / f"{name}.csv", r) for name, r in zip("abc", rows, strict=True)]
    db = tmp_path / "h.duckdb"
    child = """if True:
        import os, signal, sys
        from brandpulse import store
        from brandpulse.cli import run
        run_sql = store._run

        def after_commit(con, sql, params=None):
            result = run_sql(con, sql, params)
            if sql == "COMMIT" and con.execute("SELECT count(*) FROM posts").fetchone()[0] > 3:  # (the second file)
                os.kill(os.getpid(), signal.SIGTERM)  # (its handler runs as this line ends)
            return result

        store._run = after_commit
        sys.argv[0] = "brandpulse"
        run()
    """
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
    cmd = [sys.executable, "-c", child, "ingest", *files, "--store", str(db), "-c", "brandpulse.toml", "-q"]
    done = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (143, ""), done.stderr
    assert done.stderr.splitlines() == [
        f"{db}: inserted 5, updated 0, unchanged 0 before the interruption, from 2 files",
        "brandpulse: terminated",
    ]
    assert sorted(store.load_posts(db)["post_id"]) == ["a0", "a1", "a2", "b0", "b1"]


@pytest.mark.parametrize("sig, code, said", [("SIGTERM", 143, "terminated"), ("SIGINT", 130, "interrupted")])
def test_a_signal_while_duckdb_runs_python_code_stops_the_ingest(tmp_path, sig, code, said):
    """DuckDB calls Python code as it scans the registered Arrow table of a file's posts (`stream`, in DuckDB's own
    package). A SIGTERM (or Ctrl-C) handled in there was raised in there: DuckDB took it for a failed scan and the
    run ended with "brandpulse: error: ...: Invalid Input Error: exporting a stream from the object registered as
    'incoming' failed: Terminated" (KeyboardInterrupt) and exit 7. The signal is sent here from that very call, as a
    real signal to the run's real handler."""
    sources = pytest.importorskip("duckdb._sources.pyarrow")
    if not hasattr(sources, "PyArrowTableSource"):
        pytest.skip("this DuckDB scans an Arrow table without calling Python")
    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML)
    rows = [
        [{"post_id": f"a{i}", "created_at": "2026-11-02T10:00:00Z", "text": f"Skyway ok {i}"} for i in range(3)],
        [{"post_id": f"b{i}", "created_at": "2026-11-03T10:00:00Z", "text": f"Skyway late {i}"} for i in range(2)],
    ]
    files = [write_csv(tmp_path / f"{name}.csv", r) for name, r in zip("ab", rows, strict=True)]
    db = tmp_path / "h.duckdb"
    child = """if True:
        import os, signal, sys
        signal.signal(signal.SIGINT, signal.default_int_handler)  # (as started from a terminal, not ignoring it)
        from duckdb._sources.pyarrow import PyArrowTableSource
        from brandpulse import store
        from brandpulse.cli import run
        stream, scans = PyArrowTableSource.stream, []

        def signalled(self, *args, **kwargs):
            scans.append(len(self.obj))
            if len(scans) == 2:  # (the second file's)
                os.kill(os.getpid(), getattr(signal, os.environ["SIGNAL"]))  # (its handler runs as this line ends)
            return stream(self, *args, **kwargs)

        PyArrowTableSource.stream = signalled
        # (one thread: DuckDB scans in the run's main thread, where Python runs signal handlers; with more, the
        # scan is often there too, as in the run CI saw, but may be in one of DuckDB's threads)
        store.CONNECT_CONFIG = {**store.CONNECT_CONFIG, "threads": 1}
        sys.argv[0] = "brandpulse"
        run()
    """
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "NO_COLOR": "1", "SIGNAL": sig}
    cmd = [sys.executable, "-c", child, "ingest", *files, "--store", str(db), "-c", "brandpulse.toml", "-q"]
    done = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (code, ""), done.stderr
    assert done.stderr.splitlines() == [
        f"{db}: inserted 3, updated 0, unchanged 0 before the interruption, from 1 file",
        f"brandpulse: {said}",
    ]
    assert sorted(store.load_posts(db)["post_id"]) == ["a0", "a1", "a2"]


def test_a_bad_second_header_stores_nothing_a_damaged_second_file_keeps_the_first(tmp_path):
    (tmp_path / "c.toml").write_text(CONFIG_TOML)
    good = write_csv(tmp_path / "a.csv", [{"post_id": "1", "created_at": "2026-11-02T10:00:00Z", "text": "Skyway"}])
    bad = tmp_path / "b.csv"
    bad.write_text("id,remark\n2,no text column here\n")
    db = tmp_path / "h.duckdb"
    args = ["--store", str(db), "-c", str(tmp_path / "c.toml")]
    # a missing file is found before any work: nothing is stored
    missing = CliRunner().invoke(main, ["ingest", good, str(tmp_path / "missing.csv"), *args])
    assert missing.exit_code == 4 and "missing.csv: no such file" in missing.stderr
    assert not db.exists()
    # so is a CSV without a text column, or one a --map does not fit: nothing is stored
    result = CliRunner().invoke(main, ["ingest", good, str(bad), *args])
    assert result.exit_code == 4, result.stderr
    assert result.stderr.endswith(
        f"brandpulse: error: {bad}: no text column (columns: id, remark); name it with --map text=COLUMN\n"
    )
    mapped = CliRunner().invoke(main, ["ingest", good, str(bad), *args, "--map", "text=text"])
    assert mapped.exit_code == 4 and f"{bad}: --map text=text: no column 'text'" in mapped.stderr
    assert not db.exists()
    # a file that fails only as it is read keeps the files before it
    damaged = tmp_path / "c.json"
    damaged.write_text('[{"id": "3", "text": "Skyway"} {"id": "4", "text": "Skyway"}]')  # (a missing comma)
    result = CliRunner().invoke(main, ["ingest", good, str(damaged), *args])
    assert result.exit_code == 4 and "c.json: not valid JSON" in result.stderr
    assert store.load_posts(db)["post_id"].tolist() == ["1"]


def test_analyze_and_the_store_count_posts_without_an_id_alike(tmp_path):
    """Three copies of a post without an id (one time written with an offset): one post in both."""
    src = tmp_path / "noid.csv"
    src.write_text(
        "created_at,author,text\n"
        "2026-11-02T10:00:00Z,ann,Skyway late again\n"
        "2026-11-02T10:00:00Z,ann,Skyway late again\n"
        "2026-11-02T12:00:00+02:00,ann,Skyway late again\n"
    )
    analyzed = CliRunner().invoke(main, ["analyze", str(src), "--brand", "Skyway", "-o", str(tmp_path / "o.csv")])
    assert analyzed.stderr.strip().splitlines()[-1] == "read 3 rows: analyzed 1, duplicates 2, rejected 0"
    db = tmp_path / "h.duckdb"
    ingested = CliRunner().invoke(main, ["ingest", str(src), "--brand", "Skyway", "--store", str(db)])
    assert ingested.exit_code == 0, ingested.stderr
    assert "inserted 1, updated 0, unchanged 0" in ingested.stderr and len(store.load_posts(db)) == 1


def test_posts_without_a_time_are_told_on_ingest_and_report(tmp_path):
    """A post without created_at is stored (or read) but falls in no period: it used to vanish from
    every report, alert and queue without a word."""
    src = tmp_path / "p.csv"
    src.write_text("id,created_at,text\n1,2026-11-02,Skyway late\n2,,Skyway awful\n3,,Skyway bad\n")
    db = tmp_path / "h.duckdb"
    ingest = CliRunner().invoke(main, ["ingest", str(src), "--brand", "Skyway", "--store", str(db)])
    assert ingest.exit_code == 0, ingest.stderr
    assert f"{src}: 3 rows, 3 posts, 2 without a time (in no report, alert or queue)" in ingest.stderr
    args = ["report", str(src), "--brand", "Skyway", "--until", "2026-11-09", "-f", "json"]
    report = CliRunner().invoke(main, args)
    assert report.exit_code == 0, report.stderr
    assert "2 without a time (in no report, alert or queue)" in report.stderr
    (tmp_path / "q.csv").write_text("id,created_at,text\n4,2026-11-02,Skyway late\n")
    timed = CliRunner().invoke(main, ["ingest", str(tmp_path / "q.csv"), "--brand", "Skyway", "--store", str(db)])
    assert timed.exit_code == 0 and "1 row, 1 post" in timed.stderr
    assert "without a time" not in timed.stderr


def test_ingest_tells_what_the_reader_noticed_as_analyze_does(tmp_path):
    """ingest said only "1 row, 1 post": not which column it read the text from, nor that another was left unread."""
    src = tmp_path / "p.csv"
    src.write_text("id,created_at,Text,text\n1,2026-11-02,Skyway lost my bag,x\n")
    args = ["ingest", str(src), "--brand", "Skyway", "--store", str(tmp_path / "h.duckdb")]
    ingest = CliRunner().invoke(main, args)
    assert ingest.exit_code == 0, ingest.stderr
    assert ingest.stderr.splitlines()[0] == (
        f"{src}: 1 row, 1 post (columns 'Text' and 'text' are one name: text is read from 'Text', "
        "--map text=text for the other); columns post_id=id, text=Text"
    )


def test_ingest_takes_a_frame_read_back_with_pandas_or_built_by_hand(tmp_path):
    """`pd.read_csv` of analyze's CSV (times as text, every column object), an older CSV without
    `brand_sentiments`, or naive `pd.to_datetime` times: ingest raised TypeError or AttributeError."""
    import brandpulse

    config = brandpulse.Config(brands=[brandpulse.Brand("Skyway", ["skyway"])])
    frame = pd.DataFrame(
        {
            "post_id": ["1", "2"],
            "platform": ["x", "x"],
            "text": ["Skyway lost my bag", "Skyway was great"],
            "created_at": pd.to_datetime(["2026-11-02 10:00", "2026-11-03 09:30"]),
            "likes": [3, None],
        }
    )
    enriched = brandpulse.analyze(frame, config)
    enriched.to_csv(tmp_path / "out.csv", index=False)
    back = pd.read_csv(tmp_path / "out.csv", dtype=str).drop(columns=["brand_sentiments"])
    assert store.ingest(tmp_path / "a.duckdb", back) == store.IngestCounts(2, 0, 0)
    stored = store.load_posts(tmp_path / "a.duckdb")
    assert stored["created_at"].tolist() == [
        pd.Timestamp("2026-11-02 10:00", tz="UTC"),
        pd.Timestamp("2026-11-03 09:30", tz="UTC"),
    ]
    assert stored["likes"].tolist() == [3, pd.NA] and stored["brands"].tolist() == ["Skyway", "Skyway"]
    assert stored["sentiment"].tolist() == enriched["sentiment"].tolist()
    # posts only (no analysis), times naive (UTC) or in another zone
    paris = frame.assign(created_at=frame["created_at"].dt.tz_localize("Europe/Paris"))
    assert store.ingest(tmp_path / "b.duckdb", paris) == store.IngestCounts(2, 0, 0)
    stored = store.load_posts(tmp_path / "b.duckdb")
    assert stored["created_at"].tolist() == [
        pd.Timestamp("2026-11-02 09:00", tz="UTC"),
        pd.Timestamp("2026-11-03 08:30", tz="UTC"),
    ]
    assert stored["sentiment"].isna().all() and stored["brands"].isna().all()
    assert store.ingest(tmp_path / "b.duckdb", frame) == store.IngestCounts(0, 2, 0)  # naive: UTC, an hour on
    assert frame["created_at"].dt.tz is None  # the caller's frame is left as it was


def test_ingest_keys_a_frame_from_pandas_as_the_cli_does(tmp_path):
    """`pd.read_csv` of analyze's CSV with an id missing makes the ids floats: they were stored as
    `twitter:1001.0`, and the CLI's ingest of the same export added each post a second time. A platform
    written `Twitter` or `X` was a post of its own too, and a frame without `text` was stored as empty posts."""
    db = tmp_path / "h.duckdb"
    frame = pd.DataFrame(
        {
            "post_id": [1001.0, None, 1003.0],
            "platform": ["Twitter", "twitter", " X "],
            "text": ["Skyway lost my bag", "Skyway no id", "Skyway great"],
            "created_at": ["2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "2026-11-03T10:00:00Z"],
        }
    )
    assert store.ingest(db, frame) == store.IngestCounts(3, 0, 0)
    stored = store.load_posts(db)
    assert stored["post_id"].tolist() == ["1001", pd.NA, "1003"]
    assert stored["platform"].tolist() == ["twitter"] * 3
    again = frame.assign(post_id=["1001", None, "1003"], platform="twitter")  # as the CLI reads the export
    assert store.ingest(db, again) == store.IngestCounts(0, 0, 3)
    with pytest.raises(InputError, match=r"^ingest\(\): no 'text' column \(columns: body\)"):
        store.ingest(db, pd.DataFrame({"body": ["Skyway"]}))
    with pytest.raises(InputError, match="column 'created_at' cannot be read as times"):
        store.ingest(db, frame.assign(created_at="garbage"))
    assert len(store.load_posts(db)) == 3


def test_the_store_and_the_config_from_the_home_folder(tmp_path, monkeypatch):
    """`ingest("~/brandpulse.duckdb", ...)` from Python made a folder named `~` in the working folder (or
    "folder ~ does not exist"); `load_config("~/brandpulse.toml")`: "no such config file"."""
    import brandpulse

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "home" / "brandpulse.toml").write_text(CONFIG_TOML, encoding="utf-8")
    config = brandpulse.load_config("~/brandpulse.toml")
    assert [b.name for b in config.brands] == ["Skyway", "Aerolux"]
    assert store.ingest("~/h.duckdb", ten_posts()) == store.IngestCounts(10, 0, 0)
    assert (tmp_path / "home" / "h.duckdb").is_file() and not (tmp_path / "~").exists()
    assert len(store.load_posts("~/h.duckdb")) == 10


def test_load_posts_reads_since_and_until_as_the_commands_do(tmp_path):
    """`load_posts(db, since="yesterdayx")` was pandas' DateParseError, `"03/11/2026"` silently March 11;
    now as `--since` reads them: a ConfigError, and day-month dates only when their order is known."""
    from brandpulse.errors import ConfigError

    db = tmp_path / "h.duckdb"
    times = ["2026-11-02 10:00", "2026-11-03 09:00", "2026-11-04 08:00"]
    frame = pd.DataFrame({"post_id": ["1", "2", "3"], "text": ["a", "b", "c"], "created_at": pd.to_datetime(times)})
    store.ingest(db, frame)
    assert store.load_posts(db, since="2026-11-03")["post_id"].tolist() == ["2", "3"]
    assert store.load_posts(db, since="03.11.2026", until="2026-11-04T08:00")["post_id"].tolist() == ["2"]
    with pytest.raises(ConfigError, match=r"since 'yesterdayx': expected a date like"):
        store.load_posts(db, since="yesterdayx")
    with pytest.raises(ConfigError, match=r"until '03/11/2026': day or month first\?"):
        store.load_posts(db, until="03/11/2026")


def test_a_store_in_a_missing_folder_is_not_taken_for_no_store_yet(tmp_path):
    """`--store /mnt/backup/h.duckdb` with the disk not mounted: report, alerts and queue said "run `brandpulse
    ingest FILE`", as for a new store, and the ingest would have started one elsewhere. They name the folder."""
    db = tmp_path / "unmounted" / "h.duckdb"
    for command in ("report", "alerts", "queue"):
        result = CliRunner().invoke(main, [command, "--store", str(db), "--brand", "A=A"])
        assert (result.exit_code, result.stdout) == (4, "")
        assert result.stderr.splitlines()[-1] == (
            f"brandpulse: error: no FILES given and no store at {db}: folder {db.parent} does not exist"
        )
    export = tmp_path / "posts.csv"  # (a file where the store's folder should be: no folder missing)
    export.write_text("text\nSkyway\n")
    result = CliRunner().invoke(main, ["report", "--store", str(export / "h.duckdb"), "--brand", "A=A"])
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        4,
        f"brandpulse: error: no FILES given and no store at {export / 'h.duckdb'}: {export} is a file, not a folder",
    )
    result = CliRunner().invoke(main, ["ingest", str(export), "--store", str(export / "h.duckdb"), "--brand", "A=A"])
    assert (result.exit_code, result.stderr) == (
        7,
        f"brandpulse: error: {export / 'h.duckdb'}: {export} is a file, not a folder\n",
    )
    with pytest.raises(StoreError, match=r"posts\.csv is a file, not a folder$"), store.open_store(export / "h.duckdb"):
        pass
    new = CliRunner().invoke(main, ["report", "--store", str(tmp_path / "h.duckdb"), "--brand", "A=A"])
    assert new.exit_code == 4 and new.stderr.splitlines()[-1] == (
        f"brandpulse: error: no FILES given and no store at {tmp_path / 'h.duckdb'}: run `brandpulse ingest FILE`"
        " or give --store/FILES"
    )


def test_no_config_and_no_store_is_the_error_line_alone(tmp_path, monkeypatch):
    """A cron line of report, alerts or queue in a folder of neither a config nor a store mailed a warning that
    the store's brands would lose their order before the error that there is no store: the error alone now. With a
    store to read, the warning stays."""
    monkeypatch.chdir(tmp_path)
    for name in ("BRANDPULSE_CONFIG", "BRANDPULSE_STORE"):
        monkeypatch.delenv(name, raising=False)
    for command in ("report", "alerts", "queue"):
        result = CliRunner().invoke(main, [command, "-q"])
        assert (result.exit_code, result.stdout) == (4, "")
        assert result.stderr == (
            "brandpulse: error: no FILES given and no store at brandpulse.duckdb: run `brandpulse ingest FILE` or"
            " give --store/FILES\n"
        )
    (tmp_path / "posts.csv").write_text("text,created_at\nSkyway is late,2026-10-13T10:00:00Z\n")
    assert CliRunner().invoke(main, ["ingest", "posts.csv", "--brand", "Skyway", "-q"]).exit_code == 0
    result = CliRunner().invoke(main, ["report", "--until", "2026-10-19", "-f", "md", "-q"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("no brands configured (")


def test_fetch_into_a_busy_store_says_the_fetched_posts_were_not_kept(tmp_path, httpserver):
    """`fetch --store` that found the store busy after fetching said only "store is busy", and the posts it had
    fetched were thrown away (the API's quota spent). Without -o they are written beside the store now."""
    page = json.loads((REPO / "tests" / "fixtures" / "platforms" / "hackernews_algolia.json").read_text("utf-8"))
    httpserver.expect_request("/api/v1/search_by_date").respond_with_json(page | {"nbPages": 1, "page": 0})
    db = tmp_path / "h.duckdb"
    store.ingest(db, ten_posts())
    args = ["fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""), "--brand", "Acme"]
    args += ["--store", str(db), "--wait", "0.2", "-q"]
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        lost = CliRunner().invoke(main, args)
        kept = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "got.jsonl")])
    finally:
        holder.kill()
        holder.wait()
    assert (lost.exit_code, lost.stdout) == (7, "")
    (spare,) = tmp_path.glob("h-unstored-*.jsonl")
    assert lost.stderr.splitlines()[-1].endswith(
        f"try again or raise --wait; 2 fetched posts not stored (written to {spare}: `brandpulse ingest` it later)"
    )
    assert kept.exit_code == 7
    assert kept.stderr.splitlines()[-1].endswith(
        f"try again or raise --wait; 2 fetched posts not stored (written to {tmp_path / 'got.jsonl'}: "
        "`brandpulse ingest` it later)"
    )
    assert len(list(tmp_path.glob("h-unstored-*.jsonl"))) == 1  # (-o kept them: no second file)
    texts = [sorted(pd.read_json(p, lines=True, dtype=False)["text"]) for p in (spare, tmp_path / "got.jsonl")]
    assert len(texts[0]) == 2 and texts[0] == texts[1]
    assert store.ingest(db, read(spare).posts).inserted == 2  # and the store takes them later


def test_ingest_reads_its_files_posts_once(tmp_path, monkeypatch):
    """`brandpulse ingest` handed the posts it had read and analyzed to `store.ingest`, which read the frame's columns
    again as a notebook's (0.36 s of 200,000 posts): the CLI's posts are stored as read; a frame from Python is
    still read (its `X` is `twitter`, its float id `7.0` the id `7`)."""
    import brandpulse.sources

    reads = []
    read_frame = brandpulse.sources.read_frame
    monkeypatch.setattr(brandpulse.sources, "read_frame", lambda *a, **k: reads.append(a[1:]) or read_frame(*a, **k))
    export = tmp_path / "x.csv"
    export.write_text("post_id,platform,created_at,text,likes\n7, X ,2026-11-02T09:00Z,post about A,5\n")
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(export), "--store", str(db), "--brand", "A=A"])
    assert f"{db}: inserted 1, updated 0, unchanged 0 (rejected 0)" in result.stderr and reads == []
    frame = pd.DataFrame({"post_id": [7.0], "platform": ["X"], "text": ["post about A"], "likes": [6]})
    assert store.ingest(db, frame) == store.IngestCounts(updated=1) and reads == [("ingest",)]
    stored = store.load_posts(db)
    assert stored[["post_id", "platform", "likes", "brands"]].values.tolist() == [["7", "twitter", 6, "A"]]
    with pytest.raises(InputError, match=r"^column 'likes' cannot be read as whole numbers: bad likes 'lots'"):
        store.ingest(tmp_path / "new.duckdb", frame.assign(likes=["lots"]))
    assert not (tmp_path / "new.duckdb").exists()  # (read before the store is made: no empty store left behind)


def test_stored_names_fold_as_duckdb_folds_them(tmp_path):
    """The config's names were folded by Python (`"ΚΩΤΣΟΒΟΛΟΣ".lower()` ends in `ς`, "İŞBANK" gains a dot) and the
    stored ones by DuckDB (`σ`, no dot): a brand stored under the config's very name was none of the posts' brands,
    its history gone from report, alerts and queue. Both are folded alike now; the other case still maps."""
    db = tmp_path / "h.duckdb"
    posts = [
        post(1, "2026-11-02T09:00Z", "ΚΩΤΣΟΒΟΛΟΣ;İŞBANK", "positive"),
        post(2, "2026-11-02T10:00Z", "işbank", "neutral"),
    ]
    store.ingest(db, enriched(posts).assign(brand_sentiments=["ΚΩΤΣΟΒΟΛΟΣ=-0.5000;İŞBANK=0.5000", ""]))
    back = store.load_posts(db, brands=["ΚΩΤΣΟΒΟΛΟΣ", "İŞBANK"]).set_index("post_id")
    assert back["brands"].tolist() == ["ΚΩΤΣΟΒΟΛΟΣ;İŞBANK", "İŞBANK"]
    assert back.loc["1", "brand_sentiments"] == "ΚΩΤΣΟΒΟΛΟΣ=-0.5000;İŞBANK=0.5000"
    assert store.load_posts(db, brands=["Acme"])["brands"].tolist() == ["", ""]  # (none of the config's)


def test_the_store_key_is_computed_from_analyze_parquet_as_docs_say(tmp_path):
    # docs/store.md: a warehouse upserting `analyze`'s Parquet rows computes the store's key with KEY_SQL once
    # created_at is AT TIME ZONE 'UTC', whatever its session's zone
    export = tmp_path / "x.csv"
    export.write_text(
        "id,platform,author,created_at,text\n"
        "7,twitter,amy,2026-11-02T10:00:00Z,Skyway lost my bag\n"
        ",mastodon,bob,2026-11-02T10:00:00.250Z,Skyway is late\n"
    )
    db, rows = tmp_path / "s.duckdb", tmp_path / "rows.parquet"
    brand = ["--brand", "Skyway=Skyway"]
    assert CliRunner().invoke(main, ["ingest", str(export), "--store", str(db), *brand]).exit_code == 0
    assert CliRunner().invoke(main, ["analyze", str(export), "-o", str(rows), *brand]).exit_code == 0
    con = duckdb.connect()
    con.execute("SET TimeZone = 'America/Los_Angeles'")
    con.execute(f"ATTACH '{db}' AS st (READ_ONLY)")
    utc = f"SELECT * REPLACE (created_at AT TIME ZONE 'UTC' AS created_at) FROM '{rows}'"
    computed = con.execute(f"SELECT {store.KEY_SQL} AS k FROM ({utc}) ORDER BY k").fetchall()
    content = "\x1f".join(["mastodon", "bob", "2026-11-02T10:00:00.250000", "Skyway is late"])
    by_hand = [("sha256:" + hashlib.sha256(content.encode()).hexdigest(),), ("twitter:7",)]
    assert computed == by_hand
    assert con.execute("SELECT key FROM st.posts ORDER BY key").fetchall() == by_hand


@pytest.mark.parametrize(
    "version, sql",
    [
        ("7", "ALTER TABLE posts DROP COLUMN rating; "),  # (v8 adds only `rating`: no post has one)
        ("8", ""),  # (v9 only gives posts without a platform their link's)
        ("9", "ALTER TABLE posts ALTER COLUMN rating SET DATA TYPE BIGINT; "),  # (v10 only makes `rating` a DOUBLE)
        ("10", "ALTER TABLE posts DROP COLUMN about; "),  # (v11 only renames review sites)
    ],
)
def test_a_v7_to_v10_store_that_cannot_be_written_is_read_as_it_is(tmp_path, version, sql):
    """A store of brandpulse 41 to 45 (v7 to v10), readable but not writable, whose migration changes nothing a report
    needs: a report reads it as it is and leaves its version; it said the store needed write access (exit 7)."""
    db = tmp_path / "ro" / f"v{version}.duckdb"
    result = _report_on_a_read_only_store(db, f"{sql}UPDATE meta SET value = '{version}'", "-f", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["period"], result.stdout
    with duckdb.connect(str(db), read_only=True) as con:  # (not migrated)
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == [(version,)]


def _keys_ingested_again_as_of(tmp_path: Path, posts: str, version: str, sql: str = "") -> list[tuple]:
    """The stored (key, platform) of three `posts` (a CSV's text) ingested into a store set back to `version`, its
    posts keyed without a platform (as the stops before that version stored them) and `sql`, then ingested again:
    migrated, the store must find every post stored already."""
    csv, db = tmp_path / "posts.csv", tmp_path / f"v{version}.duckdb"
    csv.write_text(posts, encoding="utf-8")
    assert CliRunner().invoke(main, ["ingest", str(csv), "--store", str(db), "--brand", "A=A"]).exit_code == 0
    con = duckdb.connect(str(db))
    con.execute(f"UPDATE posts SET platform = NULL; UPDATE posts SET key = {store.KEY_SQL}; {sql}").fetchall()
    con.execute(f"UPDATE meta SET value = '{version}' WHERE key = 'schema_version'").fetchall()
    con.close()
    again = CliRunner().invoke(main, ["ingest", str(csv), "--store", str(db), "--brand", "A=A"])
    assert f"{db}: inserted 0, updated 0, unchanged 3" in again.stderr, again.stderr
    with store.open_store(db, read_only=True) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION
        return con.execute("SELECT key, platform FROM posts ORDER BY post_id").fetchall()


def test_v8_store_gives_posts_without_a_platform_the_one_their_link_names(tmp_path):
    """v9 keys a post stored without a platform by its link's host, as the readers do since stop 43: a tweet
    scraper's CSV stored by stop 42 as `:1720...` was stored again as `twitter:1720...`, each post counted twice."""
    posts = (
        "id,text,created_at,tweet_url\n"
        "1720000000000000001,A is out,2026-11-02T10:00:00Z,https://mobile.twitter.com/a/status/1720000000000000001\n"
        "2,A on the blog,2026-11-02T11:00:00Z,https://a.example/post\n"
        "3,A clip,2026-11-02T12:00:00Z,https://vm.tiktok.com/ZMabc/\n"
    )
    assert _keys_ingested_again_as_of(tmp_path, posts, "8") == [  # (as stop 42 stored them)
        ("twitter:1720000000000000001", "twitter"),
        (":2", None),
        ("tiktok:3", "tiktok"),
    ]


def test_v9_store_gives_posts_the_platform_of_links_without_a_scheme_and_short_links(tmp_path):
    """v10 keys a post stored without a platform by its link where the link has no scheme or is a platform's short
    link, as the readers do since stop 44: stored by stop 43 as `:1`, such a post was stored again as `instagram:1`."""
    posts = (
        "id,text,created_at,url\n1,A pic,2026-11-02T10:00:00Z,instagram.com/p/Cabc/\n"
        "2,A tweet,2026-11-02T11:00:00Z,https://t.co/AbC\n3,A blog,2026-11-02T12:00:00Z,a.example/post\n"
    )
    bigint = "ALTER TABLE posts ALTER COLUMN rating SET DATA TYPE BIGINT"  # (as stop 43 stored them)
    assert _keys_ingested_again_as_of(tmp_path, posts, "9", bigint) == [
        ("instagram:1", "instagram"),
        ("twitter:2", "twitter"),
        (":3", None),
    ]


def test_v11_store_gives_reviews_the_app_store_their_links_name(tmp_path):
    """v12 keys a post stored without a platform by its app store link (`play.google.com`, `apps.apple.com`), as the
    readers do since stop 47: stored by stop 46 as `:r1`, a review tool's export ingested again was stored a second
    time as `google_play:r1`, each review counted twice."""
    reviews = (
        "id,text,created_at,rating,url\nr1,A crashes,2026-11-02T10:00:00Z,1,"
        "https://play.google.com/store/apps/details?id=com.a.app\n"
        "r2,Love A,2026-11-02T11:00:00Z,5,https://apps.apple.com/gb/app/a/id123\n"
        "r3,A blog,2026-11-02T12:00:00Z,,https://a.example/post\n"
    )
    assert _keys_ingested_again_as_of(tmp_path, reviews, "11") == [  # (as stop 46 stored them)
        ("google_play:r1", "google_play"),
        ("app_store:r2", "app_store"),
        (":r3", None),
    ]


def test_v10_store_stores_a_review_tools_site_names_as_the_readers_name_the_sites(tmp_path):
    """v11 keys a review tool's posts by the site's own name (`Google Play` is `google_play`, as the Google Play reader
    names it): stored by stop 45 as `google play:r1`, the same review read from a Google Play export was stored again
    as `google_play:r1`, each review counted twice and the site as two. Every post is kept; where both copies are
    stored, one."""
    tool = tmp_path / "reviews.csv"
    tool.write_text(
        "id,source,date,author,text,rating\nr1,Google Play,2026-11-02,ann,A crashes,1\n"
        "r2,App Store,2026-11-02,bob,Love A,5\nr3,Hacker News,2026-11-02,cy,A is fine,3\n"
        "r4,Trustpilot,2026-11-02,dee,A shipped late,2\n",
        encoding="utf-8",
    )
    export = tmp_path / "gp.csv"
    export.write_text(
        "id,platform,date,author,text,rating\nr1,google_play,2026-11-02,ann,A crashes,1\n"
        "r9,google_play,2026-11-03,dan,A ok,4\n",
        encoding="utf-8",
    )
    db = tmp_path / "v10.duckdb"
    args = ["--store", str(db), "--brand", "A=A"]
    assert CliRunner().invoke(main, ["ingest", str(tool), str(export), *args]).exit_code == 0
    con = duckdb.connect(str(db))  # (as stop 45 stored them: the tool's site names lower-cased, keyed by them)
    con.execute(
        "UPDATE posts SET platform = CASE post_id WHEN 'r2' THEN 'app store' ELSE 'hacker news' END"
        " WHERE post_id IN ('r2', 'r3');"
        "INSERT INTO posts SELECT * REPLACE ('google play' AS platform, updated_at - INTERVAL 1 DAY AS updated_at)"
        " FROM posts WHERE post_id = 'r1';"
        f"UPDATE posts SET key = {store.KEY_SQL}; ALTER TABLE posts DROP COLUMN about; UPDATE meta SET value = '10'"
    ).fetchall()
    before = con.execute("SELECT key FROM posts ORDER BY key").fetchall()
    con.close()
    assert before == [
        ("app store:r2",),
        ("google play:r1",),
        ("google_play:r1",),
        ("google_play:r9",),
        ("hacker news:r3",),
        ("trustpilot:r4",),
    ]
    again = CliRunner().invoke(main, ["ingest", str(tool), *args])
    assert f"{db}: inserted 0, updated 0, unchanged 4" in again.stderr, again.stderr
    with store.open_store(db, read_only=True) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION
        assert con.execute("SELECT count(*) FROM posts WHERE about IS NOT NULL").fetchall() == [(0,)]
        assert con.execute("SELECT key, platform, author FROM posts ORDER BY key").fetchall() == [
            ("app_store:r2", "app_store", "bob"),
            ("google_play:r1", "google_play", "ann"),
            ("google_play:r9", "google_play", "dan"),
            ("hackernews:r3", "hackernews", "cy"),
            ("trustpilot:r4", "trustpilot", "dee"),
        ]


def test_reading_lets_go_of_the_store_for_a_write_through_a_link_to_it(tmp_path):
    """Within `store.reading(path)` a write closes the shared reader first: also a write through a symbolic link to
    the store (DuckDB opens a file once per process: "Can't open a connection to same database file", which
    `said_once` took for a store it cannot write, remembering nothing)."""
    db = tmp_path / "s.duckdb"
    store.ingest_posts(db, ten_posts())
    link = tmp_path / "link.duckdb"
    link.symlink_to(db)
    with store.reading(db):
        assert store.post_count(db) == 10
        assert store.said_once(link, "note", "once")
        assert not store.said_once(db, "note", "once")  # (remembered: said once)
        assert store.post_count(link) == 10
    assert store._held == {}


def test_reading_that_writes_keeps_the_writers_connection_to_the_end_of_the_block(tmp_path, monkeypatch):
    """`store.reading(path, writes=True)`: the first write closes the shared reader and opens the write lock, which
    the block's reads and writes after it use (an `alerts` run's late mark and its reads after: one open, not one per
    read and write); at the block's end another process can write the store again."""
    db = tmp_path / "s.duckdb"
    store.ingest_posts(db, ten_posts())
    real, opened = duckdb.connect, []
    monkeypatch.setattr("duckdb.connect", lambda *a, **kw: opened.append(kw.get("read_only")) or real(*a, **kw))
    with store.reading(db, writes=True):
        assert store.post_count(db) == 10
        assert store.said_once(db, "note", "once")  # (read with the reader, written with a writer)
        assert not store.said_once(db, "note", "once")  # (remembered: read with the writer's connection)
        assert store.said_once(db, "note", "twice")  # (written with it)
        assert store.post_count(db) == 10
        assert a_writer_gets(db) == "busy"
    assert opened == [True, False]
    assert store._held == {}
    assert a_writer_gets(db) == "locked"
    # asking whether the store can be written opens it, and closing it let go of the block's lock (a reader went on
    # reading, unlocked, while another process wrote): the reader is closed first, the next read opens it again
    with store.reading(db):
        assert store.post_count(db) == 10 and a_writer_gets(db) == "busy"
        assert store.cannot_write(db) is None
        assert store.post_count(db) == 10 and a_writer_gets(db) == "busy"
    assert opened == [True, False, True, True]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT value FROM meta WHERE key = 'note'").fetchall() == [("twice",)]


def test_the_version_of_a_store_and_of_a_file_that_is_none(tmp_path):
    """`store.schema_version` reads `meta` first (listing the tables was most of its time): a store's version, None
    for an empty file, and a DuckDB file of other tables refused."""
    db = tmp_path / "s.duckdb"
    store.ingest_posts(db, ten_posts())
    with duckdb.connect(str(db), read_only=True) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION
    with duckdb.connect(str(tmp_path / "empty.duckdb")) as con:
        assert store.schema_version(con) is None
        con.execute("CREATE TABLE posts (id VARCHAR)")
        with pytest.raises(StoreError, match="tables without a meta table"):
            store.schema_version(con)


def test_reading_shares_one_reader_through_a_migration_an_error_and_nested_blocks(tmp_path):
    """`store.reading`: a store migrated by the block's first read (a v10 store: the write lock, not kept) is read by
    the next with one reader; an error in a read leaves the reader usable; a nested block is the outer one's; an
    error out of the block lets go of the store (another process can write it)."""
    db = tmp_path / "s.duckdb"
    store.ingest_posts(db, ten_posts())
    with store.open_store(db) as con:  # (a v10 store: v11's column dropped)
        con.execute("ALTER TABLE posts DROP COLUMN about; UPDATE meta SET value = '10'").fetchall()
    with pytest.raises(KeyError), store.reading(db):
        with store.open_store(db, read_only=True, create=False) as con:
            assert store.schema_version(con) == store.SCHEMA_VERSION
        held = store._held[store._held_key(db)]
        assert held[0] is None  # (the migration's connection writes: not shared)
        with store.open_store(db, read_only=True, create=False) as first:
            assert first.execute("SELECT count(about) FROM posts").fetchall() == [(0,)]
        with store.reading(db), store.open_store(db, read_only=True, create=False) as again:
            assert again is first
        with pytest.raises(StoreError), store.open_store(db, read_only=True, create=False) as con:
            con.execute("SELECT no_such_column FROM posts").fetchall()
        assert store.post_count(db) == 10 and held[0] is first
        raise KeyError("out of the block")
    assert store._held == {}
    code = f"from brandpulse import store; print(store.said_once({str(db)!r}, 'k', 'v', wait=0))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)}
    )
    assert done.stdout.strip() == "True", done.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT value FROM meta WHERE key = 'k'").fetchall() == [("v",)]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_report_from_the_store_names_the_configs_its_posts_were_analyzed_with(tmp_path):
    """A report from the store named its own config alone (`config b.toml`): of the config the posts were ingested
    with, another week's brands and topics, nothing was said. Each run is recorded (`runs`), and the report names the
    configs that analyzed its periods' posts, with their SHA-256 (as `sha256sum` prints it) and how many posts each."""
    old, new = tmp_path / "old.toml", tmp_path / "new.toml"
    old.write_text(CONFIG_TOML, encoding="utf-8")
    new.write_text(CONFIG_TOML + '\n[topics.food]\nkeywords = ["meal"]\n', encoding="utf-8")
    week1, week2 = tmp_path / "w1.csv", tmp_path / "w2.csv"
    week1.write_text(
        "post_id,platform,created_at,text\n1,twitter,2026-10-27T10:00Z,Skyway late again\n"
        "2,twitter,2026-10-28T10:00Z,Skyway refund please\n",
        encoding="utf-8",
    )
    week2.write_text("post_id,platform,created_at,text\n3,twitter,2026-11-03T10:00Z,Skyway meal was cold\n")
    db = tmp_path / "h.duckdb"
    for src, cfg in ((week1, old), (week2, new)):
        done = CliRunner().invoke(main, ["ingest", str(src), "--store", str(db), "-c", str(cfg)])
        assert done.exit_code == 0, done.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        runs = con.execute("SELECT command, config_path, config_sha256 FROM runs ORDER BY ran_at").fetchall()
    assert runs == [("ingest", str(old), _sha256(old)), ("ingest", str(new), _sha256(new))]
    period = ["--store", str(db), "-c", str(new), "--since", "2026-11-02", "--until", "2026-11-09"]
    made = CliRunner().invoke(main, ["report", *period, "-f", "json"])
    assert made.exit_code == 0, made.stderr
    said = json.loads(made.stdout)["brandpulse"]
    assert said["config"] == {"file": "new.toml", "sha256": _sha256(new)}
    assert said["ingested_with"] == [  # (the week and the week before it, compared)
        {"file": "old.toml", "sha256": _sha256(old), "posts": 2, "recorded": True, "analyzed": True},
        {"file": "new.toml", "sha256": _sha256(new), "posts": 1, "recorded": True, "analyzed": True},
    ]
    md = CliRunner().invoke(main, ["report", *period, "-f", "md"])
    assert (
        f"posts analyzed with config old.toml (sha256 {_sha256(old)[:12]}): 2 posts,"
        f" config new.toml (sha256 {_sha256(new)[:12]}): 1 post;"
    ) in md.stdout, md.stdout
    # a rescore by a newer config is a run too: the posts it changed (tagged `waits` now) are its
    newer = tmp_path / "new2.toml"
    newer.write_text(new.read_text() + '\n[topics.waits]\nkeywords = ["late"]\n', encoding="utf-8")
    done = CliRunner().invoke(main, ["rescore", "--store", str(db), "-c", str(newer)])
    assert done.exit_code == 0, done.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT command, config_sha256 FROM runs ORDER BY ran_at DESC LIMIT 1").fetchall() == [
            ("rescore", _sha256(newer))
        ]
    assert store.run_configs(db, naming=["Skyway"]) == [
        {"file": "new.toml", "path": str(new), "sha256": _sha256(new), "posts": 1, "recorded": True, "analyzed": True},
        {
            "file": "new2.toml",
            "path": str(newer),
            "sha256": _sha256(newer),
            "posts": 1,
            "recorded": True,
            "analyzed": True,
        },
        {"file": "old.toml", "path": str(old), "sha256": _sha256(old), "posts": 1, "recorded": True, "analyzed": True},
    ]


def test_runs_records_fetch_as_fetch_and_no_run_that_wrote_nothing(tmp_path, httpserver):
    """`runs` named a `fetch --store` run `ingest`, and every ingest of a file it already held (a cron job's daily
    export, unchanged) added a row naming no post; so did a rescore that changed none."""
    page = json.loads((REPO / "tests" / "fixtures" / "platforms" / "hackernews_algolia.json").read_text("utf-8"))
    httpserver.expect_request("/api/v1/search_by_date").respond_with_json(page | {"nbPages": 1, "page": 0})
    db, week = tmp_path / "h.duckdb", tmp_path / "w.csv"
    week.write_text("post_id,platform,created_at,text\n1,twitter,2026-10-27T10:00Z,Skyway late again\n")
    brands = ["--brand", "Skyway", "--brand", "Acme"]
    fetched = ["fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""), *brands, "-q"]
    for args in (["ingest", str(week), *brands],) * 2 + (fetched,) * 2 + (["rescore", *brands],):
        done = CliRunner().invoke(main, [*args, "--store", str(db)])
        assert done.exit_code == 0, done.output
    with duckdb.connect(str(db), read_only=True) as con:
        runs = con.execute("SELECT command FROM runs ORDER BY ran_at").fetchall()
        assert con.execute("SELECT count(*) FROM posts").fetchall() == [(3,)]
        sql = "SELECT command, count(*) FROM posts JOIN runs ON ran_at = updated_at GROUP BY 1 ORDER BY 1"
        by_run = con.execute(sql)
        assert by_run.fetchall() == [("fetch", 2), ("ingest", 1)]
    assert runs == [("ingest",), ("fetch",)]  # (was ingest, ingest, ingest, ingest, rescore)
    assert store.run_configs(db) == [
        {"file": None, "path": None, "sha256": None, "posts": 3, "recorded": True, "analyzed": True}
    ]


def test_runs_of_posts_ingested_unanalyzed_or_at_one_time_are_told_apart(tmp_path, monkeypatch):
    """`store.ingest(path, df)` of a frame without its analysis recorded no run, and a report said its posts were
    "stored before stop 47"; two runs stamped with one time (a coarse or stepped-back clock) joined each other's
    posts in `run_configs`, every post counted twice."""
    db, a, b = tmp_path / "h.duckdb", tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_text(CONFIG_TOML, encoding="utf-8")
    b.write_text(CONFIG_TOML + '\n[topics.food]\nkeywords = ["meal"]\n', encoding="utf-8")
    posts = ten_posts()
    monkeypatch.setattr(store, "_utc_now", lambda: pd.Timestamp("2026-11-09T06:00:00").to_pydatetime())
    store.ingest(db, posts.iloc[:4], config=load_config(a))
    store.ingest(db, posts.iloc[4:7], config=load_config(b))
    raw = posts.iloc[7:][["post_id", "platform", "created_at", "author", "text"]]
    store.ingest(db, raw)  # (unanalyzed: no sentiment column)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(DISTINCT ran_at), count(*) FROM runs").fetchall() == [(3, 3)]
    got = {(r["file"], r["analyzed"]): r["posts"] for r in store.run_configs(db)}
    assert got == {("a.toml", True): 4, ("b.toml", True): 3, (None, False): 3}  # (was a 7, b 7; None 3 unrecorded)
    assert _ingested_with({**store.run_configs(db)[-1]}) == "no analysis recorded (ingested unanalyzed): 3 posts"


def test_a_v11_store_migrates_to_v12_with_its_posts_of_no_recorded_run_and_trip_advisor_named(tmp_path):
    """A store of stop 46 (v11: no `runs`; a review tool's `Trip Advisor` stored lower-cased, `trip advisor:r1`)
    opened by this brandpulse: `runs` is added, the posts stored before are counted as of no recorded config, and
    `Trip Advisor` is `tripadvisor`, as the readers name it now (the copy updated last kept where both are stored)."""
    tool = tmp_path / "reviews.csv"
    tool.write_text(
        "id,source,date,author,text,rating\nr1,Trip Advisor,2026-11-02,ann,A was dirty,1\n"
        "r2,Trustpilot,2026-11-02,bob,Love A,5\n",
        encoding="utf-8",
    )
    db = tmp_path / "v11.duckdb"
    args = ["--store", str(db), "--brand", "A=A"]
    assert CliRunner().invoke(main, ["ingest", str(tool), *args]).exit_code == 0
    con = duckdb.connect(str(db))  # (as stop 46 stored them: no runs table, the site lower-cased, keyed by it)
    con.execute(
        "INSERT INTO posts SELECT * REPLACE ('trip advisor' AS platform, updated_at - INTERVAL 1 DAY AS updated_at)"
        " FROM posts WHERE post_id = 'r1';"
        f"UPDATE posts SET key = {store.KEY_SQL}; DROP TABLE runs; UPDATE meta SET value = '11'"
    ).fetchall()
    assert con.execute("SELECT key FROM posts ORDER BY key").fetchall() == [
        ("trip advisor:r1",),
        ("tripadvisor:r1",),
        ("trustpilot:r2",),
    ]
    con.close()
    assert store.run_configs(db) == [  # (migrated as it is read: every post stored before, of no recorded run)
        {"file": None, "path": None, "sha256": None, "posts": 2, "recorded": False, "analyzed": None}
    ]
    with store.open_store(db, read_only=True) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION
        assert con.execute("SELECT key, platform, author FROM posts ORDER BY key").fetchall() == [
            ("tripadvisor:r1", "tripadvisor", "ann"),
            ("trustpilot:r2", "trustpilot", "bob"),
        ]
    again = CliRunner().invoke(main, ["ingest", str(tool), *args])
    assert f"{db}: inserted 0, updated 0, unchanged 2" in again.stderr, again.stderr
    new = tmp_path / "new.csv"
    new.write_text("id,source,date,author,text,rating\nr3,Trip Advisor,2026-11-03,cy,A ok,3\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["ingest", str(new), *args]).exit_code == 0
    assert store.run_configs(db) == [  # (--brand alone: no config file)
        {"file": None, "path": None, "sha256": None, "posts": 2, "recorded": False, "analyzed": None},
        {"file": None, "path": None, "sha256": None, "posts": 1, "recorded": True, "analyzed": True},
    ]


def test_a_v11_store_that_cannot_be_written_is_read_as_it_is(tmp_path):
    """A store of stop 46 (v11), readable but not writable: v12 only adds `runs` and names a site, so a report reads
    it as it is, its posts of no recorded config, and leaves it v11."""
    db = tmp_path / "ro" / "v11.duckdb"
    week = ["--since", "2026-11-02", "--until", "2026-11-09"]
    result = _report_on_a_read_only_store(db, "DROP TABLE runs; UPDATE meta SET value = '11'", "-f", "json", *week)
    assert result.returncode == 0, result.stderr
    said = json.loads(result.stdout)["brandpulse"]["ingested_with"]
    assert said == [
        {"file": None, "sha256": None, "posts": 10, "recorded": False, "analyzed": None}
    ]  # (the week and the one before)
    with duckdb.connect(str(db), read_only=True) as con:  # (not migrated)
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == [("11",)]
    # `queue` reads the replies too: none, as of the same posts in a v12 store
    week = ["--since", "2026-11-02", "--until", "2026-11-09", "-f", "csv", "--answered"]
    queued = _as_a_reader(db, "queue", *week)
    assert queued.returncode == 0, queued.stderr
    new = tmp_path / "v12.duckdb"
    store.ingest(new, ten_posts())
    same = CliRunner().invoke(main, ["queue", "--store", str(new), "--brand", "A=A", *week])
    assert same.exit_code == 0, same.stderr
    rows = list(csv.DictReader(io.StringIO(queued.stdout)))
    assert queued.stdout == same.stdout and rows and {(r["reply"], r["replied_at"]) for r in rows} == {("", "")}


def test_a_v11_store_migrates_to_v12_with_empty_reply_columns(tmp_path):
    """A store of stop 46 (v11) kept no review replies: v12 adds `reply` and `replied_at`, empty for the posts stored
    before, which keep every other value."""
    db = tmp_path / "v11.duckdb"
    store.ingest(db, ten_posts())
    with duckdb.connect(str(db)) as con:
        before = con.execute(
            "SELECT * EXCLUDE (reply, replied_at, app_version, run_id) FROM posts ORDER BY key"
        ).fetchall()
        con.execute(NO_REPLIES + "DROP TABLE runs; UPDATE meta SET value = '11'").fetchall()
    with store.open_store(db, read_only=True) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION
        assert (
            con.execute("SELECT * EXCLUDE (reply, replied_at, app_version, run_id) FROM posts ORDER BY key").fetchall()
            == before
        )
        types = con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'posts'").fetchall()
        assert ("reply", "VARCHAR") in types and ("replied_at", "TIMESTAMP") in types
        assert con.execute("SELECT count(*), count(reply), count(replied_at) FROM posts").fetchall() == [(10, 0, 0)]


def test_a_post_an_unanalyzed_run_changed_keeps_the_config_that_analyzed_it(tmp_path):
    """A post analyzed with a.toml, then updated by `store.ingest` of a frame without its analysis (its likes grew:
    the scores kept), was that run's: `run_configs` said "ingested unanalyzed" for it, and a.toml lost it. (The CLI
    always analyzes: an unanalyzed run is the library's.)"""
    db, a = tmp_path / "h.duckdb", tmp_path / "a.toml"
    a.write_text(CONFIG_TOML, encoding="utf-8")
    posts = ten_posts()
    store.ingest(db, posts, config=load_config(a))
    raw = posts.iloc[:2][["post_id", "platform", "created_at", "author", "text"]].assign(likes=[50, 60])
    new = enriched([post(99, "2026-11-07T10:00Z", "A", "neutral", author="u9")])
    counts = store.ingest(db, pd.concat([raw, new[raw.columns]], ignore_index=True))  # (no sentiment column)
    assert (counts.inserted, counts.updated, counts.unchanged) == (1, 2, 0)
    got = {(r["file"], r["analyzed"]): r["posts"] for r in store.run_configs(db)}
    assert got == {("a.toml", True): 10, (None, False): 1}  # (was a.toml 8, unanalyzed 3)
    back = store.load_posts(db).set_index("post_id")
    assert list(back.loc[["1", "2"], "likes"]) == [50, 60] and list(back.loc[["1", "2"], "sentiment"]) == [0.5, -0.5]


#: the layout of a store of stop 47 and 48 (schema version 12), as its `store.DDL` made it
V12_DDL = """
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE posts (key VARCHAR, post_id VARCHAR, platform VARCHAR, created_at TIMESTAMP, author VARCHAR,
    author_followers BIGINT, text VARCHAR, url VARCHAR, lang VARCHAR, likes BIGINT, reposts BIGINT, replies BIGINT,
    parent_id VARCHAR, rating DOUBLE, brands VARCHAR, sentiment DOUBLE, subjectivity DOUBLE, sentiment_label VARCHAR,
    topics VARCHAR, intent VARCHAR, brand_sentiments VARCHAR, about VARCHAR, reply VARCHAR, replied_at TIMESTAMP,
    first_seen TIMESTAMP, updated_at TIMESTAMP);
CREATE TABLE alerts_sent (alert_key VARCHAR PRIMARY KEY, sent_at TIMESTAMP, message VARCHAR);
CREATE TABLE runs (ran_at TIMESTAMP, command VARCHAR, version VARCHAR, sentiment VARCHAR,
    config_path VARCHAR, config_sha256 VARCHAR);
INSERT INTO meta VALUES ('schema_version', '12');
-- (two runs, the later written first; a post of each, and one stored before v12, of no run)
INSERT INTO runs VALUES ('2026-11-09 06:00:00', 'ingest', '0.48.0', 'cx (cx lexicon 1.20)', '/srv/b.toml', 'bb'),
    ('2026-11-02 06:00:00', 'ingest', '0.47.0', 'cx (cx lexicon 1.19)', '/srv/a.toml', 'aa');
INSERT INTO posts (key, post_id, platform, created_at, author, text, brands, sentiment, sentiment_label, topics,
    intent, first_seen, updated_at) VALUES
    ('twitter:1', '1', 'twitter', '2026-11-01 10:00:00', 'u1', 'A was late', 'A', -0.5, 'negative', '', '',
     '2026-11-02 06:00:00', '2026-11-02 06:00:00'),
    ('twitter:2', '2', 'twitter', '2026-11-08 10:00:00', 'u2', 'love A', 'A', 0.5, 'positive', '', '',
     '2026-11-02 06:00:00', '2026-11-09 06:00:00'),
    ('twitter:3', '3', 'twitter', '2026-10-01 10:00:00', 'u3', 'A ok', 'A', 0.0, 'neutral', '', '',
     '2026-10-01 06:00:00', '2026-10-01 06:00:00');
"""


def test_a_v12_store_migrates_to_v13_numbering_its_runs_and_each_posts_run(tmp_path):
    """A store of stop 48 (v12) joined its posts to their runs by time: v13 numbers its runs in time order, gives each
    post the run that wrote it last (none for a post stored before v12), and adds an empty `app_version`; the next
    run is the third, and a review ingested then keeps its app version."""
    db = tmp_path / "v12.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute(V12_DDL).fetchall()
    got = {(r["file"], r["sha256"], r["recorded"]): r["posts"] for r in store.run_configs(db)}
    assert got == {("a.toml", "aa", True): 1, ("b.toml", "bb", True): 1, (None, None, False): 1}
    with store.open_store(db, read_only=True) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION
        assert con.execute("SELECT run_id, ran_at::VARCHAR, config_sha256 FROM runs ORDER BY run_id").fetchall() == [
            (1, "2026-11-02 06:00:00", "aa"),
            (2, "2026-11-09 06:00:00", "bb"),
        ]
        assert con.execute("SELECT key, run_id, app_version FROM posts ORDER BY key").fetchall() == [
            ("twitter:1", 1, None),
            ("twitter:2", 2, None),
            ("twitter:3", None, None),
        ]
    review = enriched([post(4, "2026-11-08T11:00Z", "A", "negative", rating=1.0)]).assign(app_version="5.10.0")
    store.ingest(db, review)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT run_id, app_version FROM posts WHERE key = 'twitter:4'").fetchall() == [
            (3, "5.10.0")
        ]
        assert con.execute("SELECT max(run_id), count(*) FROM runs").fetchall() == [(3, 3)]


@pytest.mark.skipif(os.geteuid() == 0 and SETPRIV is None, reason="as root, needs setpriv to drop CAP_DAC_OVERRIDE")
def test_a_v12_store_that_cannot_be_written_is_read_with_its_runs(tmp_path):
    """A v12 store its reader cannot write (a report user's) is read as it is, its runs numbered as the migration
    numbers them, so the report names the configs that analyzed its posts, and it stays v12."""
    db = tmp_path / "ro" / "v12.duckdb"
    db.parent.mkdir()
    with duckdb.connect(str(db)) as con:
        con.execute(V12_DDL).fetchall()
    result = _as_a_reader(db, "report", "--since", "2026-11-02", "--until", "2026-11-09", "-f", "json")
    assert result.returncode == 0, result.stderr
    said = json.loads(result.stdout)["brandpulse"]["ingested_with"]
    assert {(s["file"], s["posts"], s["recorded"]) for s in said} == {("a.toml", 1, True), ("b.toml", 1, True)}
    with duckdb.connect(str(db), read_only=True) as con:  # (not migrated)
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == [("12",)]


#: a third run stamped with the second's time, as stop 47 stamped two runs of a coarse clock (before `_run_time`)
ONE_TIME = (
    "INSERT INTO runs VALUES ('2026-11-09 06:00:00', 'ingest', '0.47.0', 'cx (cx lexicon 1.19)', '/srv/c.toml', 'cc');"
)


def test_a_v12_store_with_two_runs_of_one_time_migrates_and_is_read_once(tmp_path):
    """A v12 store of stop 47 could hold two runs of one time (a coarse clock): its migration failed ("More than one
    row returned by a subquery", every command on the store exit 7), and read where it cannot be written each post of
    that time was read once per run, a report's volume doubled. The post gets the run numbered last of that time."""
    db = tmp_path / "v12.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute(V12_DDL + ONE_TIME).fetchall()
    with store.open_store(db, read_only=True) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION
        # (by time, then as written: b.toml's row was written before a.toml's and c.toml's)
        assert con.execute("SELECT run_id, config_sha256 FROM runs ORDER BY run_id").fetchall() == [
            (1, "aa"),
            (2, "bb"),
            (3, "cc"),
        ]
        assert con.execute("SELECT key, run_id FROM posts ORDER BY key").fetchall() == [
            ("twitter:1", 1),
            ("twitter:2", 3),
            ("twitter:3", None),
        ]


@pytest.mark.skipif(os.geteuid() == 0 and SETPRIV is None, reason="as root, needs setpriv to drop CAP_DAC_OVERRIDE")
def test_a_v12_store_with_two_runs_of_one_time_that_cannot_be_written_counts_each_post_once(tmp_path):
    """As above, read as it is: the week's one post (twitter:2, of 2026-11-08) was counted twice."""
    db = tmp_path / "ro" / "v12.duckdb"
    db.parent.mkdir()
    with duckdb.connect(str(db)) as con:
        con.execute(V12_DDL + ONE_TIME).fetchall()
    result = _as_a_reader(db, "report", "--since", "2026-11-02", "--until", "2026-11-09", "-f", "json")
    assert result.returncode == 0, result.stderr
    made = json.loads(result.stdout)
    assert [(r["brand"], r["volume"]) for r in made["tables"]["brands"] if r["brand"] == "A"] == [("A", 1)]
    said = made["brandpulse"]["ingested_with"]  # (the week's post and the week before's, twitter:1)
    assert {(s["file"], s["posts"], s["recorded"]) for s in said} == {("a.toml", 1, True), ("c.toml", 1, True)}


def test_a_run_of_a_clock_that_was_ahead_does_not_move_the_runs_after_it(tmp_path, monkeypatch):
    """A run on a machine whose clock was a year ahead stamped its posts in 2027; every run after it was then stamped a
    microsecond after it (2027 too: its new posts' `first_seen`, the report's "last ingest"), for a year. Now a run
    takes its own clock's time, and the runs keep their order by `run_id`."""
    db = tmp_path / "h.duckdb"
    posts = ten_posts()
    clock = iter(pd.Timestamp(t).to_pydatetime() for t in ("2027-11-09T06:00", "2026-11-10T06:00", "2026-11-10T06:00"))
    monkeypatch.setattr(store, "_utc_now", lambda: next(clock))
    store.ingest(db, posts.iloc[:4])  # (the clock a year ahead)
    store.ingest(db, posts.iloc[4:7])  # (put right)
    store.ingest(db, posts.iloc[7:])  # (a coarse clock: the same time again)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT run_id, ran_at::VARCHAR FROM runs ORDER BY run_id").fetchall() == [
            (1, "2027-11-09 06:00:00"),
            (2, "2026-11-10 06:00:00"),  # (was 2027-11-09 06:00:00.000001)
            (3, "2026-11-10 06:00:00.000001"),  # (still a time of its own)
        ]
        assert con.execute(
            "SELECT run_id, count(*), min(first_seen)::VARCHAR FROM posts GROUP BY 1 ORDER BY 1"
        ).fetchall() == [
            (1, 4, "2026-11-10 06:00:00"),  # (first stored "2027-11-09 06:00": dated by run 2, since stop 50)
            (2, 3, "2026-11-10 06:00:00"),
            (3, 3, "2026-11-10 06:00:00.000001"),
        ]
    assert store.scored_by(db)["ingested_at"] == "2026-11-10T06:00:00.000001Z"


def test_posts_stored_after_a_run_of_a_clock_that_was_ahead_are_late_to_alerts(tmp_path, monkeypatch):
    """An `alerts` job remembers the newest post's `first_seen` (`late_posts`), and takes a post stored after it for
    late. After a run stamped a year ahead the runs store at their own times, before it: a post an export brought a
    day late was none of the job's late posts for that year. Now a newest time ahead of the clock is remembered as
    now."""
    db, key = tmp_path / "h.duckdb", "brandpulse.late test"
    posts = ten_posts()  # (created 2026-11-01 .. 2026-11-08)
    clock = {"now": pd.Timestamp("2027-11-09T06:00").to_pydatetime()}
    monkeypatch.setattr(store, "_utc_now", lambda: clock["now"])
    store.ingest(db, posts.iloc[:9])  # (the clock a year ahead)
    clock["now"] = pd.Timestamp("2026-11-09T06:00").to_pydatetime()  # (put right)
    since, before = pd.Timestamp("2026-11-01", tz="UTC"), pd.Timestamp("2026-11-09", tz="UTC")
    late, seen = store.late_posts(db, key, since, before)
    assert (list(late), seen) == ([], "2026-11-09 06:00:00")  # (was 2027-11-09 06:00:00)
    store.move_late_mark(db, key, seen, before, before)
    clock["now"] = pd.Timestamp("2026-11-09T07:00").to_pydatetime()
    store.ingest(db, posts.iloc[9:])  # (a week late: post 13, created 2026-11-01 23:59)
    late, _ = store.late_posts(db, key, since, before)
    # (post 13 was none; with it those of the week stored a year ahead, 1 to 7, checked again until their time)
    assert sorted(late.dt.strftime("%m-%d %H:%M")) == [
        "11-01 23:59",
        "11-02 09:00",
        "11-02 10:00",
        "11-03 10:00",
        "11-04 10:00",
        "11-05 10:00",
        "11-06 10:00",
        "11-08 23:59",
    ]


def test_a_run_less_than_a_minute_ahead_is_followed_and_not_warned_of(tmp_path, monkeypatch):
    """`AHEAD` is a minute: a run stamped 59 s after the clock (NTP stepping a clock back by seconds) is followed, the
    run after it dated a microsecond later so `ran_at` keeps the runs' order, and no command warns of it; a run 60 s
    ahead is a clock that was ahead: not followed, and warned of (docs/store.md, "Which config analyzed them")."""
    posts = ten_posts()
    clock = {"now": pd.Timestamp("2026-11-09T06:00:59").to_pydatetime()}
    monkeypatch.setattr(store, "_utc_now", lambda: clock["now"])
    for ahead, second in (("59s", "2026-11-09 06:00:59.000001"), ("60s", "2026-11-09 06:00:00")):
        db = tmp_path / f"{ahead}.duckdb"
        clock["now"] = (pd.Timestamp("2026-11-09T06:00") + pd.Timedelta(ahead)).to_pydatetime()
        store.ingest(db, posts.iloc[:5])
        clock["now"] = pd.Timestamp("2026-11-09T06:00").to_pydatetime()  # (put back)
        said = store.clock_ahead(db)
        assert (said is None) == (ahead == "59s"), said
        store.ingest(db, posts.iloc[5:])
        with duckdb.connect(str(db), read_only=True) as con:
            assert con.execute("SELECT ran_at::VARCHAR FROM runs WHERE run_id = 2").fetchall() == [(second,)]
    assert said == (
        "its last run is dated 2026-11-09 06:01 UTC, 1 minute ahead of this clock (2026-11-09 06:00 UTC): that clock"
        " was ahead, or this one is behind; the 5 posts first stored ahead count as first stored now until an ingest"
        " or rescore dates them by its clock (first_seen)"
    )


def test_the_span_a_clock_was_ahead_is_between_the_minutes_the_warning_shows(tmp_path, monkeypatch):
    """A run at 07:58:10 read at 05:01:50 was "2 hours 56 minutes ahead" (the seconds counted) of a warning that
    shows 07:58 and 05:01, 2 hours 57 minutes apart."""
    db = tmp_path / "h.duckdb"
    clock = {"now": pd.Timestamp("2026-12-07T07:58:10").to_pydatetime()}
    monkeypatch.setattr(store, "_utc_now", lambda: clock["now"])
    store.ingest(db, ten_posts().iloc[:3])
    clock["now"] = pd.Timestamp("2026-12-07T05:01:50").to_pydatetime()
    assert store.clock_ahead(db) == (
        "its last run is dated 2026-12-07 07:58 UTC, 2 hours 57 minutes ahead of this clock (2026-12-07 05:01 UTC):"
        " that clock was ahead, or this one is behind; the 3 posts first stored ahead count as first stored now until"
        " an ingest or rescore dates them by its clock (first_seen)"
    )


@pytest.mark.skipif(os.geteuid() == 0 and SETPRIV is None, reason="as root, needs setpriv to drop CAP_DAC_OVERRIDE")
def test_an_ingest_that_cannot_write_a_store_of_a_clock_ahead_does_not_say_it_dates_its_posts(tmp_path, monkeypatch):
    """An ingest into a store it could not write, whose last run was dated ahead, warned "this run is dated by this
    clock and dates the 3 posts first stored ahead by it" and then failed (exit 7), dating nothing: now the error is
    all it says. (The run's own clock, not faked, is centuries behind the store's.)"""
    db, export = tmp_path / "ro" / "h.duckdb", tmp_path / "new.csv"
    db.parent.mkdir()
    monkeypatch.setattr(store, "_utc_now", lambda: pd.Timestamp("2999-01-01T06:00").to_pydatetime())
    store.ingest(db, ten_posts().iloc[:3])
    export.write_text("post_id,platform,created_at,text\n99,twitter,2026-11-08T09:00Z,post 99 about A\n")
    result = _as_a_reader(db, "ingest", str(export), "-q")
    assert (result.returncode, result.stdout) == (7, "")
    assert result.stderr == f"brandpulse: error: cannot write the store {db} ({db}: Permission denied)\n"
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*), min(first_seen)::VARCHAR FROM posts").fetchall() == [
            (3, "2999-01-01 06:00:00")
        ]


def test_an_ingest_after_a_run_of_a_clock_that_was_ahead_says_it_dates_its_posts(tmp_path, monkeypatch):
    """A cron ingest on a machine whose clock was put back a year said nothing of the store's last run, dated a year
    ahead, and the posts that run first stored kept that first_seen for the year. Now `ingest` warns (one line, exit
    0) and dates them as first stored at its own time, as a `rescore` does; the posts it updated keep `updated_at`,
    the runs' times (what the clocks said) are kept, and the next command says nothing."""
    db, export = tmp_path / "h.duckdb", tmp_path / "new.csv"
    posts = ten_posts()
    clock = {"now": pd.Timestamp("2027-11-09T06:00").to_pydatetime()}
    monkeypatch.setattr(store, "_utc_now", lambda: clock["now"])
    store.ingest(db, posts.iloc[:4])
    clock["now"] = pd.Timestamp("2026-11-09T06:00").to_pydatetime()
    export.write_text("post_id,platform,created_at,text\n99,twitter,2026-11-08T09:00Z,post 99 about A\n")
    result = CliRunner().invoke(main, ["ingest", str(export), "--store", str(db), "--brand", "A=A", "-q"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"warning: {db}: its last run is dated 2027-11-09 06:00 UTC, 365 days ahead of this clock (2026-11-09 06:00"
        " UTC): that clock was ahead, or this one is behind; this run is dated by this clock and dates the 4 posts"
        " first stored ahead by it (first_seen)"
    ]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute(
            "SELECT run_id, count(*), min(first_seen)::VARCHAR, min(updated_at)::VARCHAR FROM posts"
            " GROUP BY 1 ORDER BY 1"
        ).fetchall() == [
            (1, 4, "2026-11-09 06:00:00", "2027-11-09 06:00:00"),
            (2, 1, "2026-11-09 06:00:00", "2026-11-09 06:00:00"),
        ]
        assert con.execute("SELECT ran_at::VARCHAR FROM runs ORDER BY run_id").fetchall() == [
            ("2027-11-09 06:00:00",),
            ("2026-11-09 06:00:00",),
        ]
    assert store.clock_ahead(db) is None
    with duckdb.connect(str(db)) as con:  # (as a brandpulse before stop 50 left them: its run dated none)
        con.execute("UPDATE posts SET first_seen = TIMESTAMP '2027-11-09 06:00' WHERE run_id = 1")
    assert store.clock_ahead(db) == (
        "4 of its posts were first stored up to 2027-11-09 06:00 UTC, 365 days ahead of this clock (2026-11-09 06:00"
        " UTC): that clock was ahead, or this one is behind; they count as first stored now until an ingest or rescore"
        " dates them by its clock (first_seen)"
    )
    # a rescore (or a store a rescore last wrote) dates them too
    db2 = tmp_path / "r.duckdb"
    clock["now"] = pd.Timestamp("2027-11-09T06:00").to_pydatetime()
    store.ingest(db2, posts.iloc[:4], sentiment="textblob")
    clock["now"] = pd.Timestamp("2026-11-09T06:00").to_pydatetime()
    store.rescore(db2, Config(brands=[Brand("A", ["A"])]), sentiment="cx")
    with duckdb.connect(str(db2), read_only=True) as con:
        assert con.execute("SELECT DISTINCT first_seen::VARCHAR FROM posts").fetchall() == [("2026-11-09 06:00:00",)]


def test_a_v13_store_made_by_stop_52_migrates_to_v14_with_intents_then_rescored(tmp_path):
    """tests/data/store_v13.duckdb.gz is a store brandpulse of stop 52 wrote (schema version 13, DuckDB's file as it
    left it): `ingest` of three reviews with `--brand Acme=Acme`. v14 adds `intents`: a post stored before gets its
    `intent` (all that was known), every other value kept; `rescore` then reads every intent. By hand: r1, 1 star,
    "Acme keeps crashing, please add an offline mode" is a complaint (its stars) that asks; r2 asks alone; r3
    complains alone."""
    import gzip

    db = tmp_path / "v13.duckdb"
    db.write_bytes(gzip.decompress((Path(__file__).parent / "data" / "store_v13.duckdb.gz").read_bytes()))
    with duckdb.connect(str(db)) as con:
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == [("13",)]
        before = con.execute("SELECT * FROM posts ORDER BY key").fetchall()
    with store.open_store(db) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION == 14
        assert con.execute("SELECT * EXCLUDE (intents) FROM posts ORDER BY key").fetchall() == before
        got = con.execute("SELECT post_id, intent, intents FROM posts ORDER BY post_id").fetchall()
    assert got == [
        ("r1", "complaint", "complaint"),
        ("r2", "suggestion", "suggestion"),
        ("r3", "complaint", "complaint"),
    ]
    done = store.rescore(db, Config(brands=[Brand("Acme", ["Acme"])]))
    assert (done.posts, done.changed, done.intent) == (3, 1, 1)  # (r1's intents: its intent is as it was)
    with store.open_store(db, read_only=True) as con:
        got = con.execute("SELECT post_id, intent, intents FROM posts ORDER BY post_id").fetchall()
    assert got == [
        ("r1", "complaint", "complaint;suggestion"),
        ("r2", "suggestion", "suggestion"),
        ("r3", "complaint", "complaint"),
    ]
