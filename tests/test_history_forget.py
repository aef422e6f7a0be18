"""`brandpulse forget`: an author's posts (a request to be forgotten) and old posts deleted from a real store file,
their text gone from the file's bytes, and the author's posts left out of later ingests."""

from __future__ import annotations

import os

import duckdb
import pandas as pd
import pytest
from history_fixtures import CONFIG_TOML, write_csv

from brandpulse import store
from brandpulse.cli import main

#: texts of the author to forget, each found nowhere else: the file's bytes are searched for them
SECRETS = [
    "Skyway lost my bag again, my booking ref is QXZ7781 and my flat is 4B Elm Court",
    "Skyway refund still missing, call me on 0170 5550199 zebra-umbrella-marmalade",
]


def rows() -> list[dict]:
    out = [
        {
            "post_id": str(i),
            "platform": "twitter",
            "created_at": f"2026-11-{1 + i % 20:02d}T10:{i % 60:02d}:00Z",
            "author": f"user{i % 7}",
            "text": f"Skyway flight {i} was fine",
            "url": f"https://x.com/user{i % 7}/status/{i}",
        }
        for i in range(1, 41)
    ]
    for n, text in enumerate(SECRETS):
        out.append(
            {
                "post_id": f"90{n}",
                "platform": "twitter",
                "created_at": f"2026-11-0{n + 3}T12:00:00Z",
                "author": "Jane_Doe" if n == 0 else "@jane_doe",
                "text": text,
                "url": f"https://x.com/Jane_Doe/status/90{n}",
            }
        )
    out.append(  # a reply naming her: another's post, kept
        {
            "post_id": "950",
            "platform": "twitter",
            "created_at": "2026-11-05T13:00:00Z",
            "author": "user3",
            "text": "@Jane_Doe same with Skyway for me",
            "url": "https://x.com/user3/status/950",
        }
    )
    return out


def setup(tmp_path, runner):
    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML)
    src = write_csv(tmp_path / "posts.csv", rows())
    db = tmp_path / "h.duckdb"
    run = runner.invoke(main, ["ingest", src, "--store", str(db), "-q"])
    assert run.exit_code == 0, run.stderr
    return src, db


def file_holds(db, text: str) -> bool:
    """Whether the store's bytes (and its write-ahead log's, if any) hold `text` as written."""
    data = db.read_bytes() + (
        db.with_name(db.name + ".wal").read_bytes() if db.with_name(db.name + ".wal").exists() else b""
    )
    return text.encode() in data


def authors(db) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return sorted({r[0] for r in con.execute("SELECT author FROM posts").fetchall()})


def test_forget_an_author_deletes_their_posts_and_their_text_from_the_file(tmp_path, runner):
    src, db = setup(tmp_path, runner)
    os.chmod(db, 0o600)
    assert all(file_holds(db, t) for t in SECRETS)  # (found before: the check below can fail)
    assert file_holds(db, "x.com/Jane_Doe/status/900")
    dry = runner.invoke(main, ["forget", "--author", "JANE_DOE", "--store", str(db), "--dry-run"])
    assert (dry.exit_code, dry.stdout) == (0, "")
    assert dry.stderr.splitlines()[0] == f"{db}: would forget 2 posts by 1 author"
    assert len(store.load_posts(db)) == 43

    run = runner.invoke(main, ["forget", "--author", "@Jane_Doe", "--author", " jane_doe", "--store", str(db)])
    assert (run.exit_code, run.stdout) == (0, "")
    assert run.stderr.splitlines() == [
        f"{db}: forgot 2 posts by 1 author (the file written anew without them)",
        "note: 1 post by others name the author in their text (replies, say), kept",
    ]
    assert "jane" not in run.stderr.lower()  # (a cron mail or log keeps no handle)
    assert authors(db) == [f"user{i}" for i in range(7)]
    assert len(store.load_posts(db)) == 41
    assert not any(file_holds(db, t) for t in SECRETS)
    assert not file_holds(db, "x.com/Jane_Doe/status/")
    assert file_holds(db, "@Jane_Doe same with Skyway")  # the reply is kept
    assert (db.stat().st_mode & 0o777) == 0o600
    assert not list(tmp_path.glob(".h.duckdb.*"))
    with duckdb.connect(str(db), read_only=True) as con:
        version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
        assert version == [(str(store.SCHEMA_VERSION),)]

    # the next ingest of the same export (or a fetch of her posts) leaves them out, and says so
    again = runner.invoke(main, ["ingest", src, "--store", str(db)])
    assert again.exit_code == 0, again.stderr
    assert "inserted 0, updated 0, unchanged 41, left out 2 by forgotten authors (rejected 0)" in again.stderr
    assert authors(db) == [f"user{i}" for i in range(7)]
    frame = pd.DataFrame(rows()[-3:-1])  # (the library's ingest too)
    assert store.ingest(db, frame) == store.IngestCounts(0, 0, 0, 2)
    assert not any(file_holds(db, t) for t in SECRETS)


def test_forget_older_than_a_retention_period(tmp_path, runner):
    now = pd.Timestamp.now(tz="UTC").floor("s")
    made = [
        {
            "post_id": "1",
            "platform": "twitter",
            "created_at": now - pd.Timedelta(days=400),
            "text": "Skyway old-post-one",
        },
        {
            "post_id": "2",
            "platform": "twitter",
            "created_at": now - pd.Timedelta(days=366),
            "text": "Skyway old-post-two",
        },
        {
            "post_id": "3",
            "platform": "twitter",
            "created_at": now - pd.Timedelta(days=364),
            "text": "Skyway young-post",
        },
        {"post_id": "4", "platform": "twitter", "created_at": pd.NaT, "text": "Skyway post without a time"},
    ]
    df = pd.DataFrame(made)
    df["created_at"] = df["created_at"].map(lambda t: "" if pd.isna(t) else t.strftime("%Y-%m-%dT%H:%M:%SZ"))
    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML)
    db = tmp_path / "h.duckdb"
    assert (
        runner.invoke(
            main, ["ingest", write_csv(tmp_path / "p.csv", df.to_dict("records")), "--store", str(db)]
        ).exit_code
        == 0
    )
    assert file_holds(db, "old-post-one") and file_holds(db, "old-post-two")

    run = runner.invoke(main, ["forget", "--older-than", "365", "--store", str(db), "-q"])
    assert (run.exit_code, run.stdout, run.stderr) == (0, "", "")
    # a post without a time counts from when it was stored (today): kept
    assert sorted(store.load_posts(db)["post_id"]) == ["3", "4"]
    assert not file_holds(db, "old-post-one") and not file_holds(db, "old-post-two")
    assert file_holds(db, "young-post")
    cutoff = (now - pd.Timedelta(days=363)).strftime("%Y-%m-%d")
    later = runner.invoke(main, ["forget", "--before", cutoff, "--store", str(db)])
    assert later.exit_code == 0
    assert later.stderr.startswith(f"{db}: forgot 1 post created before {cutoff} 00:00 UTC")  # (was "1 created")
    assert sorted(store.load_posts(db)["post_id"]) == ["4"]
    # (none left to delete: it said "(the file written anew without them)" of 0 posts)
    none = runner.invoke(main, ["forget", "--before", cutoff, "--store", str(db)])
    assert none.stderr.splitlines()[0] == (
        f"{db}: forgot 0 posts created before {cutoff} 00:00 UTC (nothing to delete; the file written anew all the"
        " same, so no text deleted before is left in it)"
    )
    assert sorted(store.load_posts(db)["post_id"]) == ["4"]


def test_forget_says_what_it_needs(tmp_path, runner):
    bare = runner.invoke(main, ["forget", "--store", str(tmp_path / "h.duckdb")])
    assert (bare.exit_code, bare.stderr) == (
        2,
        "brandpulse: error: say what to forget: --author HANDLE, --older-than DAYS or --before DATE\n",
    )
    empty = runner.invoke(main, ["forget", "--author", "@", "--store", str(tmp_path / "h.duckdb")])
    assert empty.exit_code == 2
    # (a cutoff before pandas' year 1678 was "before Timestamp('1479-05-08 ...')", exit 5, or a traceback's last line)
    for days in ("200000", "99999999999"):
        huge = runner.invoke(main, ["forget", "--older-than", days, "--store", str(tmp_path / "h.duckdb")])
        assert huge.exit_code == 2
        assert f"Invalid value for '--older-than': {days} is not in the range 1<=x<=36500." in huge.stderr
    missing = runner.invoke(main, ["forget", "--author", "x", "--store", str(tmp_path / "h.duckdb")])
    assert missing.exit_code == 4 and "no store here" in missing.stderr
    assert not (tmp_path / "h.duckdb").exists()


def test_a_store_that_cannot_be_written_anew_says_so_and_forget_again_finishes(tmp_path, runner):
    """The copy fails (here: a folder where it goes; on a full disk: no room): the posts are deleted, the texts are
    still in the file, the line says so (exit 7), and `forget` run again writes the store anew."""
    _, db = setup(tmp_path, runner)
    blocker = tmp_path / f".h.duckdb.{os.getpid()}.new"  # (CliRunner runs in this process)
    blocker.mkdir()
    run = runner.invoke(main, ["forget", "--author", "jane_doe", "--store", str(db)])
    assert run.exit_code == 7
    assert run.stderr.startswith(f"brandpulse: error: {db}: the posts are deleted, but writing the store anew failed")
    assert run.stderr.rstrip().endswith("run `brandpulse forget` again once there is room for a copy of the store")
    assert authors(db) == [f"user{i}" for i in range(7)]
    assert file_holds(db, SECRETS[0])
    blocker.rmdir()
    again = runner.invoke(main, ["forget", "--author", "jane_doe", "--store", str(db)])
    assert again.exit_code == 0
    assert again.stderr.startswith(
        f"{db}: forgot 0 posts by 1 author (nothing to delete; the file written anew all the same, so no text deleted"
        " before is left in it)"
    )
    assert not any(file_holds(db, t) for t in SECRETS)


def test_forget_a_bluesky_account_by_its_did_whatever_its_handle_was(tmp_path, runner):
    """A handle changes; the DID in the post's id does not: both handles' posts go, and stay out of later ingests."""
    did = "did:plc:4mcn2cdzsrauv2basftfpxal"
    made = [
        {
            "post_id": f"at://{did}/app.bsky.feed.post/3k{n}",
            "platform": "bluesky",
            "created_at": f"2026-11-0{n + 2}T10:00:00Z",
            "author": handle,
            "text": f"Skyway lost my bag, {secret}",
            "url": f"https://bsky.app/profile/{handle}/post/3k{n}",
        }
        for n, (handle, secret) in enumerate(
            [("old.bsky.social", "plover-lantern"), ("new.bsky.social", "quince-ferry")]
        )
    ]
    made.append(
        {
            "post_id": "at://did:plc:someoneelse/app.bsky.feed.post/3k9",
            "platform": "bluesky",
            "created_at": "2026-11-05T10:00:00Z",
            "author": "other.bsky.social",
            "text": "Skyway was fine",
        }
    )
    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML)
    src = write_csv(tmp_path / "bsky.csv", made)
    db = tmp_path / "h.duckdb"
    assert runner.invoke(main, ["ingest", src, "--store", str(db)]).exit_code == 0
    assert file_holds(db, "plover-lantern") and file_holds(db, "quince-ferry")
    run = runner.invoke(main, ["forget", "--author", did.upper(), "--store", str(db)])
    assert run.exit_code == 0
    assert run.stderr.splitlines()[0] == f"{db}: forgot 2 posts by 1 author (the file written anew without them)"
    assert authors(db) == ["other.bsky.social"]
    assert not file_holds(db, "plover-lantern") and not file_holds(db, "quince-ferry")
    again = runner.invoke(main, ["ingest", src, "--store", str(db)])
    assert "inserted 0, updated 0, unchanged 1, left out 2 by forgotten authors" in again.stderr
    assert authors(db) == ["other.bsky.social"]


def test_forget_an_author_whose_handle_python_and_duckdb_lowercase_apart(tmp_path, runner):
    """`İ` (Turkish) and a final `Σ`: Python's `lower` gives `i̇` and `ς`, DuckDB's `i` and `σ`; the handle given
    was lowercased by Python and the stored ones by DuckDB, so `forget` deleted none of their posts and ingest did
    not know them."""
    made = [
        {"post_id": "1", "platform": "twitter", "author": "İlker", "text": "Skyway secret-tulip"},
        {"post_id": "2", "platform": "twitter", "author": "ΟΔΥΣΣΕΥΣ", "text": "Skyway secret-heron"},
        {"post_id": "3", "platform": "twitter", "author": "ilkay", "text": "Skyway was fine"},
    ]
    for post in made:
        post["created_at"] = "2026-11-03T10:00:00Z"
    (tmp_path / "brandpulse.toml").write_text(CONFIG_TOML)
    src = write_csv(tmp_path / "p.csv", made)
    db = tmp_path / "h.duckdb"
    assert runner.invoke(main, ["ingest", src, "--store", str(db)]).exit_code == 0
    run = runner.invoke(main, ["forget", "--author", "@İLKER", "--author", "ΟΔΥΣΣΕΥΣ", "--store", str(db)])
    assert run.exit_code == 0, run.stderr
    assert run.stderr.splitlines()[0] == f"{db}: forgot 2 posts by 2 authors (the file written anew without them)"
    assert authors(db) == ["ilkay"]
    assert not file_holds(db, "secret-tulip") and not file_holds(db, "secret-heron")
    again = runner.invoke(main, ["ingest", src, "--store", str(db)])
    assert "inserted 0, updated 0, unchanged 1, left out 2 by forgotten authors" in again.stderr
    assert authors(db) == ["ilkay"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="gives a file to another user: root only")
def test_the_store_written_anew_keeps_its_owner_and_group(tmp_path, runner):
    """An admin's `sudo brandpulse forget` on the cron user's store: the copy was root's, mode 600, and the cron
    job's next ingest could not open it ("Permission denied", exit 7)."""
    _, db = setup(tmp_path, runner)
    os.chown(db, 65534, 65534)
    os.chmod(db, 0o640)
    run = runner.invoke(main, ["forget", "--author", "jane_doe", "--store", str(db)])
    assert run.exit_code == 0, run.stderr
    assert authors(db) == [f"user{i}" for i in range(7)]
    made = db.stat()
    assert (made.st_uid, made.st_gid, made.st_mode & 0o777) == (65534, 65534, 0o640)


def test_a_store_named_as_the_copy_is_written_anew_too(tmp_path, runner):
    """The copy was attached as `brandpulse_rewrite`: a store of that name (DuckDB names a database by its file) was
    "database with name "brandpulse_rewrite" already exists", exit 7, its texts left in the file."""
    _, db = setup(tmp_path, runner)
    named = db.rename(tmp_path / "brandpulse_rewrite.duckdb")
    run = runner.invoke(main, ["forget", "--author", "jane_doe", "--store", str(named)])
    assert run.exit_code == 0, run.stderr
    assert authors(named) == [f"user{i}" for i in range(7)]
    assert not any(file_holds(named, t) for t in SECRETS)


def test_forget_says_when_an_author_named_has_no_post(tmp_path, runner):
    """A patient's erasure request with the name written as it is not stored (`Jane Doe` for `@jane_doe`, a typo)
    said "forgot 0 posts by 1 author", exit 0, like a request done; and "by 2 authors" when one of two had posts.
    A warning now counts them (naming none: a cron mail keeps no handle), also with -q."""
    _, db = setup(tmp_path, runner)
    run = runner.invoke(main, ["forget", "--author", "jane_doe", "--author", "Jayne Doh", "--store", str(db), "-q"])
    assert run.exit_code == 0
    assert run.stderr.splitlines()[0] == (
        "warning: 1 of the 2 authors named had no post in the store: forgotten already, or written otherwise than the"
        " exports write them (a handle, `@jane_doe`, or a display name, `Jane Doe`); they are still left out of later"
        " ingests"
    )
    assert "jayne" not in run.stderr.lower()
    assert len(store.load_posts(db)) == 41  # (jane_doe's 2 posts went all the same)
    dry = runner.invoke(main, ["forget", "--author", "user1", "--store", str(db), "--dry-run"])
    assert "warning" not in dry.stderr and dry.stderr.startswith(f"{db}: would forget 6 posts by 1 author")
    again = runner.invoke(main, ["forget", "--author", "@JANE_DOE", "--store", str(db), "--dry-run"])
    assert "warning: the author named had no post in the store: forgotten already" in again.stderr


def test_forget_leaves_no_quoted_post_in_the_alerts_sent(tmp_path, runner, httpserver):
    """An alert's webhook bullet quotes an example post, and the store keeps the bullet as sent: after `forget
    --author`, said "written anew without them", the author's text and phone number were still in the file."""
    from history_fixtures import spike_csv_rows

    rows = spike_csv_rows(spike=True)
    for r in rows:
        if r["text"].startswith("Skyway lost my bag"):
            r["text"], r["author"] = "Skyway lost my bag, awful. I am Zelda Quixote, ring 07700 900362", "@zelda_q"
    (tmp_path / "c.toml").write_text(CONFIG_TOML)
    db, cfg = tmp_path / "h.duckdb", ["-c", str(tmp_path / "c.toml")]
    assert runner.invoke(main, ["ingest", write_csv(tmp_path / "s.csv", rows), *cfg, "--store", str(db)]).exit_code == 0
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    hook = ["--webhook", httpserver.url_for("/hook"), "--until", "2026-10-26", "-q"]
    assert runner.invoke(main, ["alerts", *cfg, "--store", str(db), *hook]).exit_code == 3
    with duckdb.connect(str(db), read_only=True) as con:
        kept = con.execute("SELECT message FROM alerts_sent").fetchall()
    assert any("Zelda Quixote" in m for (m,) in kept)  # (the check below can fail)
    run = runner.invoke(main, ["forget", *cfg, "--store", str(db), "--author", "@zelda_q"])
    assert run.exit_code == 0, run.stderr
    assert b"Zelda" not in db.read_bytes() and b"07700" not in db.read_bytes()
    with duckdb.connect(str(db), read_only=True) as con:
        after = [m for (m,) in con.execute("SELECT message FROM alerts_sent").fetchall()]
    assert any(m.startswith("Skyway: ") for m in after)  # (the bullet's line is kept)
    assert not any("\n" in m for m in after)


@pytest.mark.parametrize(
    "command",
    [["runs"], ["rescore"], ["forget", "--author", "x"], ["report"], ["queue"], ["alerts"]],
)
def test_a_store_that_is_not_there_is_a_missing_input_for_every_command(tmp_path, runner, command):
    """`runs`, `forget` and `rescore` said exit 7 (a busy or damaged store) where `report`, `queue` and `alerts` said 4
    (a missing input) for the same missing file; all say 4 now, and none makes the file."""
    (tmp_path / "c.toml").write_text(CONFIG_TOML)
    missing = tmp_path / "m.duckdb"
    result = runner.invoke(main, [*command, "--store", str(missing), "-c", str(tmp_path / "c.toml")])
    assert result.exit_code == 4
    assert "store" in result.stderr and str(missing) in result.stderr
    assert not missing.exists()
