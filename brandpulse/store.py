"""The history store: enriched posts kept in one embedded DuckDB file, so reports can compare periods.

One file, no server. DuckDB locks the file while a process has it open; a second process
retries until its deadline and then gets "store is busy" (StoreError, exit 7), never a
half-written file. Each `ingest()` call is one transaction: a killed ingest loses only the
batch it was writing.

Posts are identified by `key`: `platform:post_id`, or for posts without an id a SHA-256 of
platform, author, created_at and text. Re-ingesting a post with the same key and the same
values changes nothing; changed text or counts update the row in place.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import __version__
from .choices import DEFAULT_PATH, STORE_ENV
from .config import Config
from .errors import NoStore, StoreBusy, StoreError, Terminated, interrupted_query
from .output.terminal import span
from .output.writers import unwritable
from .schema import (
    ABOUT_FIELDS,
    EMPTY_FOR_NONE,
    ENRICHED_FIELDS,
    LINK_HOST,
    LIST_SEPARATOR,
    PLATFORM_ALIASES,
    PLATFORM_HOSTS,
    POST_FIELDS,
    RATING,
    REPLY_FIELDS,
    STRING,
    TIMESTAMP,
    VERSION_FIELDS,
    enriched_values,
)

SCHEMA_VERSION = 14
#: the meta key of the store's secret for the names `alerts --redact` gives posts (`redaction_key`)
REDACT_KEY = "redact_key"

#: The dedupe key, defined once in SQL so ingest and migrations agree byte for byte.
#: (a post's content key: of a post without an id, and of one whose id is another post's, `_kept_apart`)
CONTENT_KEY_SQL = """'sha256:' || sha256(concat_ws(chr(31), coalesce(platform, ''), coalesce(author, ''),
          coalesce(strftime(created_at, '%Y-%m-%dT%H:%M:%S.%f'), ''), coalesce(text, '')))"""
KEY_SQL = f"""
CASE WHEN post_id IS NOT NULL AND post_id <> ''
     THEN coalesce(platform, '') || ':' || post_id
     ELSE {CONTENT_KEY_SQL}
END"""

#: Columns whose change makes a re-ingested post an update (ids and key never change).
_VALUE_COLUMNS = [c for c in POST_FIELDS if c not in ("post_id", "platform")]
_VALUE_COLUMNS += [*ENRICHED_FIELDS, *ABOUT_FIELDS, *REPLY_FIELDS, *VERSION_FIELDS]
#: The export's own fields: a copy that lacks one (an export without followers or likes, or without replies) keeps the
#: stored value; the enrichment is the new copy's, whatever it is.
_SOURCE_COLUMNS = [c for c in POST_FIELDS if c not in ("post_id", "platform")] + [*REPLY_FIELDS, *VERSION_FIELDS]
#: columns whose "" and NULL are one value (`EMPTY_FOR_NONE`): and `about`'s, empty on a post naming a brand
_EMPTY_FOR_NONE = (*EMPTY_FOR_NONE, *ABOUT_FIELDS)
_SQL_TYPES = {STRING: "VARCHAR", "Int64": "BIGINT", TIMESTAMP: "TIMESTAMP", "float64": "DOUBLE", RATING: "DOUBLE"}
#: a stored post's columns: the schema's, the analysis (`intents` since v14), the brand `--about` gave it
#: (`ABOUT_FIELDS`, since v11) and a review's reply by the brand (`REPLY_FIELDS`, since v12) and the app version it was
#: written of (`VERSION_FIELDS`, v13)
_STORED = {**POST_FIELDS, **ENRICHED_FIELDS, **ABOUT_FIELDS, **REPLY_FIELDS, **VERSION_FIELDS}
_TYPES = {c: t for c, (t, _) in _STORED.items()}

#: The posts table's columns by name: a migrated table has them in another order.
_COLUMNS = ", ".join(["key", *_STORED, "first_seen", "updated_at"])

#: The version-1 layout (brandpulse before the dedupe key): kept to test migrations.
V1_DDL = """
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);
INSERT INTO meta VALUES ('schema_version', '1');
CREATE TABLE posts (
    post_id VARCHAR, platform VARCHAR, created_at TIMESTAMP, author VARCHAR, author_followers BIGINT,
    text VARCHAR, url VARCHAR, lang VARCHAR, likes BIGINT, reposts BIGINT, replies BIGINT, parent_id VARCHAR,
    brands VARCHAR, sentiment DOUBLE, sentiment_label VARCHAR, topics VARCHAR, ingested_at TIMESTAMP
);
"""


#: DuckDB would load, and download, an extension for a file it cannot read itself (a SQLite database
#: given as --store fetches sqlite_scanner from extensions.duckdb.org): the store needs none
CONNECT_CONFIG = {"autoload_known_extensions": False, "autoinstall_known_extensions": False}


def _run(con: duckdb.DuckDBPyConnection, sql: str, params: list | dict | None = None) -> list:
    """Execute and drain the result (DuckDB refuses new work while a result is pending). A SIGTERM that came
    between two statements is raised before this one (`Terminated.interrupting`)."""
    Terminated.check()
    return con.execute(sql, params or []).fetchall()


def _utc_now() -> datetime:
    """The time now, as the store keeps times: UTC without a zone (DuckDB's `now()::TIMESTAMP` is the
    machine's local time: a cron job under TZ=America/Los_Angeles stored first_seen 8 hours off)."""
    return datetime.now(UTC).replace(tzinfo=None)


#: how far after now a run's time is a clock that was ahead, not one run after another in a coarse clock's tick or a
#: clock NTP stepped back by seconds: a run less ahead is followed (`_run_time`) and not warned of (`clock_ahead`)
AHEAD = pd.Timedelta(minutes=1).to_pytimedelta()


def _run_time(con: duckdb.DuckDBPyConnection) -> tuple[datetime, int]:
    """The time a run writing now stamps its posts and its `runs` row with, and its `run_id` (the last run's and 1):
    now, or a microsecond after the last run's where that is no later (a coarse clock gave two runs one time, and a
    post a `rescore` read was then not seen changed). A run stamped a minute or more after now (`AHEAD`: a machine
    whose clock was ahead) is not followed: every run after it was stamped in that future, `first_seen` and "last
    ingest" too, until the clock caught up; the runs' order is their `run_id`'s."""
    now = _utc_now()
    last, run = con.execute(
        "SELECT max(ran_at) FILTER (ran_at < ?), coalesce(max(run_id), 0) + 1 FROM runs", [now + AHEAD]
    ).fetchall()[0]
    return (now if last is None or now > last else last + pd.Timedelta(microseconds=1).to_pytimedelta()), run


def _date_ahead(con: duckdb.DuckDBPyConnection, now: datetime) -> None:
    """The posts first stored after `now`, the time of a run writing now (`_run_time`: a run's time after it was one
    of a clock `AHEAD` of this one), first stored by this run's time at the latest: `queue --stored-since` listed them
    as new every morning and `alerts` took them for late until the clock caught up. `clock_ahead` says it."""
    _run(con, "UPDATE posts SET first_seen = $now WHERE first_seen > $now", {"now": now})


def clock_ahead(path: str | Path, *, writes: bool = False) -> str | None:
    """The warning for a store whose last run (`run_id`) is dated `AHEAD` or more after this clock, or that holds posts
    first stored so: a run on a machine whose clock was ahead (or this clock is behind). What happens to those posts:
    a run that `writes` dates them by its own time (`_date_ahead`); until one does, they are stored "now". None when
    nothing is ahead, and when the store is not there or busy (the command then says so, or waits)."""
    path = Path(path).expanduser()
    if not path.is_file():
        return None
    now = _utc_now()
    try:
        with open_store(path, wait=0, create=False, read_only=True) as con:
            last, posts, newest = con.execute(
                "SELECT (SELECT ran_at FROM runs ORDER BY run_id DESC LIMIT 1), count(*), max(first_seen) FROM posts"
                " WHERE first_seen >= $ahead",
                {"ahead": now + AHEAD},
            ).fetchall()[0]
    except StoreError:
        return None
    run_ahead = last is not None and last >= now + AHEAD
    if not (run_ahead or posts):
        return None
    when = last if run_ahead else newest
    # (the span between the minutes shown: 07:58:10 and 05:01:50 were "2 hours 56 minutes" apart, printed 07:58, 05:01)
    apart = span(when.replace(second=0, microsecond=0) - now.replace(second=0, microsecond=0))
    head = "its last run is dated" if run_ahead else f"{posts:,} of its posts were first stored up to"
    line = (
        f"{head} {when:%Y-%m-%d %H:%M} UTC, {apart} ahead of this clock ({now:%Y-%m-%d %H:%M} UTC):"
        " that clock was ahead, or this one is behind"
    )
    them = f"the {posts:,} posts first stored ahead" if run_ahead else "them"
    if writes:
        return f"{line}; this run is dated by this clock" + (f" and dates {them} by it (first_seen)" if posts else "")
    if not posts:
        return f"{line}; runs from now are dated by this clock"
    they = them if run_ahead else "they"
    return f"{line}; {they} count as first stored now until an ingest or rescore dates them by its clock (first_seen)"


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """The block's statements all or none: committed at its end, rolled back on any error (`_rollback`)."""
    _run(con, "BEGIN TRANSACTION")
    try:
        yield
        _run(con, "COMMIT")
    except BaseException:
        _rollback(con)
        raise


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back the open transaction, if any: a COMMIT that failed (disk full) has already ended it,
    and "cannot rollback - no transaction is active" must not replace the error that matters."""
    with suppress(duckdb.Error, RuntimeError):
        con.execute("ROLLBACK").fetchall()  # (not `_run`: also after a SIGTERM)


def _posts_ddl(name: str = "posts") -> str:
    """The posts table: its `key` unique, as `ingest_frame` and the migrations keep it; no index (`_migrate_6_to_7`)."""
    cols = [f"{c} {_SQL_TYPES[t]}" for c, (t, _) in _STORED.items()]
    return (
        f"CREATE TABLE {name} (key VARCHAR, "
        + ", ".join(cols)
        + ", first_seen TIMESTAMP, updated_at TIMESTAMP, run_id BIGINT)"
    )


#: one row a run that scored posts (`ingest`, `fetch --store`, `rescore`: `_record_scorer`), since v12: `ran_at` is the
#: `first_seen` or `updated_at` of the posts it wrote, and the config it read is named by its path and SHA-256 (both
#: NULL: no config file, the built-in topics), so the config a stored week was scored by is known (`run_configs`).
#: Since v13 each run has a `run_id` (1, 2, ...: the order the runs wrote in), which the posts it analyzed keep
#: (`posts.run_id`): a post an unanalyzed run changed lost, with its `updated_at`, the run that analyzed it
_CONFIG_COLUMNS = ("config_path", "config_sha256")
RUNS_DDL = """CREATE TABLE IF NOT EXISTS runs (ran_at TIMESTAMP, command VARCHAR, version VARCHAR, sentiment VARCHAR,
    config_path VARCHAR, config_sha256 VARCHAR, run_id BIGINT)"""
#: a run's row (`runs`), by name: a v12 store migrated has the columns in this order too
_RUN_INSERT = "INSERT INTO runs (ran_at, command, version, sentiment, config_path, config_sha256, run_id) VALUES"

DDL = f"""
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
{_posts_ddl()};
CREATE TABLE alerts_sent (alert_key VARCHAR PRIMARY KEY, sent_at TIMESTAMP, message VARCHAR);
{RUNS_DDL};
INSERT OR REPLACE INTO meta VALUES ('schema_version', '{SCHEMA_VERSION}');
"""


def _migrate_1_to_2(con: duckdb.DuckDBPyConnection) -> None:
    """v1 had no key (duplicates possible), no subjectivity/intent, no sent-alerts table."""
    _run(con, "ALTER TABLE posts RENAME TO posts_v1")
    _run(con, DDL)
    fields = list(_STORED)
    new = {
        "about": "NULL::VARCHAR AS about",
        "reply": "NULL::VARCHAR AS reply",
        "replied_at": "NULL::TIMESTAMP AS replied_at",
        "app_version": "NULL::VARCHAR AS app_version",
        "subjectivity": "NULL::DOUBLE AS subjectivity",
        "intent": "NULL::VARCHAR AS intent",
        "intents": "NULL::VARCHAR AS intents",
        "brand_sentiments": "NULL::VARCHAR AS brand_sentiments",
        "rating": "NULL::DOUBLE AS rating",
    }
    select = ", ".join(new.get(c, c) for c in fields)
    # the newest copy of each key wins
    _run(
        con,
        f"""INSERT INTO posts ({_COLUMNS}) SELECT key, {", ".join(fields)}, ingested_at, ingested_at FROM (
            SELECT {KEY_SQL} AS key, {select}, ingested_at FROM posts_v1)
            QUALIFY row_number() OVER (PARTITION BY key ORDER BY ingested_at DESC NULLS LAST) = 1""",
    )
    _run(con, "DROP TABLE posts_v1")


def _migrate_2_to_3(con: duckdb.DuckDBPyConnection) -> None:
    """v3 keeps each brand's own sentiment of posts naming several (`brand_sentiments`). Older posts
    have none, so reports count them with the post's sentiment until they are ingested again."""
    _run(con, "ALTER TABLE posts ADD COLUMN IF NOT EXISTS brand_sentiments VARCHAR")


def _rekey(con: duckdb.DuckDBPyConnection, where: str, replace: str) -> None:
    """Give the posts `where` selects their values `replace` (a `SELECT * REPLACE` list) and the key those make;
    where two copies of a post then meet, the one updated last is kept."""
    _run(
        con,
        f"CREATE TEMP TABLE moved AS SELECT * REPLACE ({KEY_SQL} AS key) FROM (SELECT * REPLACE ({replace})"
        f" FROM posts WHERE {where})",
    )
    _run(con, f"DELETE FROM posts WHERE {where}")
    last = "row_number() OVER (PARTITION BY key ORDER BY updated_at DESC NULLS LAST) = 1"
    _run(con, f"CREATE TEMP TABLE newest AS SELECT * FROM moved QUALIFY {last}")
    _run(con, "DELETE FROM posts p USING newest m WHERE p.key = m.key AND m.updated_at >= p.updated_at")
    _run(con, "DELETE FROM newest m USING posts p WHERE m.key = p.key")
    _run(con, "INSERT INTO posts BY NAME SELECT * FROM newest")
    _run(con, "DROP TABLE moved")
    _run(con, "DROP TABLE newest")


def _migrate_3_to_4(con: duckdb.DuckDBPyConnection) -> None:
    """v4 stores X's posts as `twitter`, as the readers now name them (`PLATFORM_ALIASES`): an export
    that said `x` kept its posts apart from the same posts fetched or exported as `twitter`, counted
    twice. Where both copies are stored, the one updated last is kept."""
    _aliased(con)


def _aliased(con: duckdb.DuckDBPyConnection) -> None:
    """Give the posts stored under another name of a platform (`PLATFORM_ALIASES`) its own, re-keyed."""
    aliases = ", ".join(f"'{a}'" for a in PLATFORM_ALIASES)
    cases = " ".join(f"WHEN '{a}' THEN '{n}'" for a, n in PLATFORM_ALIASES.items())
    _rekey(con, f"platform IN ({aliases})", f"CASE platform {cases} END AS platform")


def _migrate_4_to_5(con: duckdb.DuckDBPyConnection) -> None:
    """v5 empties the ids (and platforms, languages) an export wrote as "no value" (`nan`, `None`, `-`, ...:
    `NO_VALUE`), as the readers do since stop 29: a post stored as `twitter:None` is keyed by its content,
    and the same export ingested again no longer adds a second copy. (Before stop 29 the posts sharing such
    an id were one post: the others were never stored.)"""
    from .sources.values import NO_VALUE

    markers = ", ".join(f"'{v}'" for v in NO_VALUE.to_pylist())
    lower = ", ".join(f"'{v}'" for v in sorted({v.lower() for v in NO_VALUE.to_pylist()}))  # (read lower-cased)
    _rekey(
        con,
        f"post_id IN ({markers}) OR platform IN ({lower})",
        f"CASE WHEN post_id IN ({markers}) THEN NULL ELSE post_id END AS post_id,"
        f" CASE WHEN platform IN ({lower}) THEN NULL ELSE platform END AS platform",
    )
    _run(con, f"UPDATE posts SET parent_id = NULL WHERE parent_id IN ({markers})")
    _run(con, f"UPDATE posts SET lang = NULL WHERE lang IN ({lower})")


def _migrate_5_to_6(con: duckdb.DuckDBPyConnection) -> None:
    """v6 keys the posts of a Reddit data request (`posts.csv`, `comments.csv`) by the API's fullnames, as the
    reader does since stop 37: stored before with the export's bare ids (`reddit:1xyz99`), they were a second copy
    of the same posts fetched (`reddit:t3_1xyz99`), and the export ingested again added them all once more. A bare
    id is a post's (`t3_`) where its permalink is the post's (`/comments/1xyz99/slug/`), a comment's (`t1_`) where
    it ends in the id (`/comments/1xyz99/slug/kq11aa/`); its parent is `t1_` + the comment it names, else the post
    (`t3_`) its permalink names, as the reader gives. Where both copies are stored, the one updated last is kept.
    Other posts are left as they are: an id or permalink not so written, and a post with an author or a score, which
    the export has not (a CSV of one's own, read with its bare ids still, that its next ingest would add again)."""
    link = r"regexp_extract(url, '/comments/([0-9a-z]+)(?:/[^/?#]*)?(?:/([0-9a-z]+))?/?$', {})"
    post, comment = link.format(1), link.format(2)
    bare = r"regexp_matches(post_id, '^[0-9a-z]+$')"
    is_post, is_comment = f"({post} = post_id AND {comment} = '')", f"{comment} = post_id"
    _rekey(
        con,
        f"platform = 'reddit' AND author IS NULL AND likes IS NULL AND {bare} AND ({is_post} OR {is_comment})",
        f"CASE WHEN {is_comment} THEN 't1_' ELSE 't3_' END || post_id AS post_id,"
        f" CASE WHEN NOT {is_comment} THEN parent_id"
        r" WHEN regexp_matches(parent_id, '^[0-9a-z]+$') THEN 't1_' || parent_id"
        f" WHEN coalesce(parent_id, '') = '' THEN 't3_' || {post} ELSE parent_id END AS parent_id",
    )


def _migrate_6_to_7(con: duckdb.DuckDBPyConnection) -> None:
    """v7 keeps the posts without an index: the key's (its PRIMARY KEY) and `posts_created` were read whole when an
    ingest first wrote and written whole when it committed, so a week of posts took 3-4 times as long to ingest into a
    year of posts as into an empty store. No query used them (DuckDB scans, skipping the row groups whose times are
    out of range); `ingest_frame` keeps the key unique, as the migrations do. DuckDB cannot drop a primary key: the
    table is copied (in its order: DuckDB keeps the order a table is read in)."""
    _run(con, _posts_ddl("posts_v7"))
    _run(con, "INSERT INTO posts_v7 BY NAME SELECT * FROM posts")
    _run(con, "DROP TABLE posts")  # (and its indexes)
    _run(con, "ALTER TABLE posts_v7 RENAME TO posts")


def _migrate_7_to_8(con: duckdb.DuckDBPyConnection) -> None:
    """v8 keeps an app review's star rating (`rating`); reviews stored before have none until ingested again."""
    _run(con, "ALTER TABLE posts ADD COLUMN IF NOT EXISTS rating BIGINT")


def _migrate_8_to_9(con: duckdb.DuckDBPyConnection) -> None:
    """v9 gives a post stored without a platform the one its link's host names (`PLATFORM_HOSTS`, a domain or its
    subdomain), as the readers do since stop 43: an X CSV export stored as `:1720...` by stop 42 was stored again as
    `twitter:1720...`, each post counted twice. Where both copies are stored, the one updated last is kept."""
    _platforms_of_links(con)


def _platforms_of_links(con: duckdb.DuckDBPyConnection) -> None:
    """Give a post stored without a platform the one its link's host names (`LINK_HOST`, `PLATFORM_HOSTS`), re-keyed."""
    host = f"lower(regexp_extract(trim(url), '{LINK_HOST}', 1))"
    named = " ".join(f"WHEN {host} = '{h}' OR ends_with({host}, '.{h}') THEN '{p}'" for h, p in PLATFORM_HOSTS.items())
    _rekey(con, f"platform IS NULL AND (CASE {named} END) IS NOT NULL", f"CASE {named} END AS platform")


def _migrate_9_to_10(con: duckdb.DuckDBPyConnection) -> None:
    """v10 keeps half stars (`rating` a DOUBLE, was a BIGINT): a review export's 4.5 was rejected as a bad rating.
    The stored ratings keep their values (4 is 4.0). And, as the readers do since stop 44, a post stored without a
    platform gets the one its link names where the link has no scheme (`instagram.com/p/...`) or is a platform's short
    link (`t.co`, `redd.it`, `fb.me`, `lnkd.in`: `PLATFORM_HOSTS`), so the export ingested again adds no second copy."""
    _run(con, "ALTER TABLE posts ALTER COLUMN rating SET DATA TYPE DOUBLE")
    _platforms_of_links(con)


def _migrate_10_to_11(con: duckdb.DuckDBPyConnection) -> None:
    """v11 stores a review site's posts under the name its reader and fetcher give it (`PLATFORM_ALIASES`), as the
    readers do since stop 46: a review tool's `source` of `Google Play` was stored as `google play:ID`, beside the
    same review read from a Google Play export as `google_play:ID`, a site counted twice and each review twice.
    Where both copies are stored, the one updated last is kept (as `_migrate_3_to_4` did X's); every other post is
    kept as it is. And it keeps the brand `--about` gave a post (`about`, `ABOUT_FIELDS`), which `rescore` gives it
    again; the posts stored before have none (a review's is its brand still: `pipeline.reanalyze`)."""
    _run(con, "ALTER TABLE posts ADD COLUMN IF NOT EXISTS about VARCHAR")
    _aliased(con)


def _migrate_11_to_12(con: duckdb.DuckDBPyConnection) -> None:
    """v12 records each run that scored posts, and the config it read (`runs`): a report from the store named its
    own config, and which brands and rules a stored week was scored by was not known. The runs before have no row
    (their posts are counted as not recorded). As the readers do since stop 47, a post stored without a platform
    gets the app store its link names (`play.google.com`, `apps.apple.com`, `itunes.apple.com`: `PLATFORM_HOSTS`; a
    review tool's export stored as `:r1` was stored again as `google_play:r1`, each review counted twice), and a
    review tool's `Trip Advisor` is stored as `tripadvisor` (`PLATFORM_ALIASES`), re-keyed as `_migrate_10_to_11` did
    the others. And it keeps a review's reply by the brand (`reply`, `replied_at`: `REPLY_FIELDS`), so `queue --store`
    leaves the answered reviews out as `queue FILES` does; the reviews stored before have none until ingested again."""
    _run(con, "ALTER TABLE posts ADD COLUMN IF NOT EXISTS reply VARCHAR")
    _run(con, "ALTER TABLE posts ADD COLUMN IF NOT EXISTS replied_at TIMESTAMP")
    _run(con, RUNS_DDL)
    _platforms_of_links(con)
    _aliased(con)


#: each time of a v12 store's runs and the run of its posts: the last numbered of those stamped with it (a store of
#: stop 47, before `_run_time`, gave two runs of a coarse clock one time: `_migrate_12_to_13` failed, "More than one
#: row returned by a subquery", and a read-only v12 store was read with those runs' posts twice)
_RUN_OF_TIME = "SELECT ran_at, max(run_id) AS run_id FROM runs GROUP BY ran_at"


def _migrate_12_to_13(con: duckdb.DuckDBPyConnection) -> None:
    """v13 keeps a review's app version (`app_version`, `VERSION_FIELDS`), so `report` from the store has the versions
    table a report of the files has (the reviews stored before have none until ingested again); and the run that
    analyzed each post (`run_id`, on `runs` too): joined on `updated_at`, a post an unanalyzed run changed (its likes)
    was that run's, and the config that analyzed it was lost. Each run of v12 gets its number in time order (as
    written where two have one time: stop 47's, before `_run_time`), and each post the run that wrote it last, as v12
    knew it (of two runs of its time, the one numbered last: `_RUN_OF_TIME`)."""
    _run(con, "ALTER TABLE posts ADD COLUMN IF NOT EXISTS app_version VARCHAR")
    _run(con, "ALTER TABLE posts ADD COLUMN IF NOT EXISTS run_id BIGINT")
    _run(con, "ALTER TABLE runs ADD COLUMN IF NOT EXISTS run_id BIGINT")
    _run(
        con,
        "UPDATE runs SET run_id = n.id FROM (SELECT rowid AS rid, row_number() OVER (ORDER BY ran_at, rowid) AS id"
        " FROM runs) n WHERE runs.rowid = n.rid",
    )
    _run(con, "UPDATE posts SET run_id = (SELECT max(r.run_id) FROM runs r WHERE r.ran_at = posts.updated_at)")


def _migrate_13_to_14(con: duckdb.DuckDBPyConnection) -> None:
    """v14 keeps every intent a post's words match (`intents`: "complaint;suggestion"), where v13 kept the first alone
    (`intent`), so a complaint's request was no suggestion of `report --store`. The posts stored before get their
    `intent` as their intents (what was known of them), until a `rescore` reads them again."""
    _run(con, "ALTER TABLE posts ADD COLUMN IF NOT EXISTS intents VARCHAR")
    _run(con, "UPDATE posts SET intents = intent")


MIGRATIONS = {
    1: _migrate_1_to_2,
    2: _migrate_2_to_3,
    3: _migrate_3_to_4,
    4: _migrate_4_to_5,
    5: _migrate_5_to_6,
    6: _migrate_6_to_7,
    7: _migrate_7_to_8,
    8: _migrate_8_to_9,
    9: _migrate_9_to_10,
    10: _migrate_10_to_11,
    11: _migrate_11_to_12,
    12: _migrate_12_to_13,
    13: _migrate_13_to_14,
}


def store_path(option: str | None, config: Config | None) -> Path:
    """--store, else $BRANDPULSE_STORE, else config `store = "..."` or `[store] path`, else ./brandpulse.duckdb."""
    if option:  # (`~` as --config and the config's store: cron does not expand it in its variables)
        return Path(option).expanduser()
    if os.environ.get(STORE_ENV):
        return Path(os.environ[STORE_ENV]).expanduser()
    return config_store(config) or Path(DEFAULT_PATH)


def config_store(config: Config | None) -> Path | None:
    """The store the config names (`store = "..."` or `[store] path`, beside the config file), if it names one."""
    raw = config.raw if config else {}
    value = raw.get("store")
    if isinstance(value, dict):
        value = value.get("path")
    if value is not None and not isinstance(value, str):
        raise StoreError('config: store must be a path (store = "..." or [store] path = "...")')
    if value:
        base = Path(config.path).parent if config and config.path else Path.cwd()
        return base / Path(value).expanduser()
    return None


def duckdb_name(path: Path) -> str:
    """The name DuckDB opens `path` by: it takes UTF-8 text, and under LC_ALL=C PYTHONUTF8=0 Python's
    name for `stö.duckdb` holds its undecoded bytes ("RuntimeError: std::bad_cast", exit 1)."""
    try:
        return os.fsencode(path).decode("utf-8")
    except UnicodeDecodeError:
        raise StoreError(f"{path}: the store's file name is not UTF-8 (DuckDB cannot open it)") from None


def _connect(path: Path, wait: float, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the file, retrying while another process holds DuckDB's lock (readers share, a writer excludes)."""
    name = duckdb_name(path)
    check_kind(path)
    deadline = time.monotonic() + max(wait, 0)
    delay = 0.05
    while True:
        try:
            return duckdb.connect(name, read_only=read_only, config=CONNECT_CONFIG)
        except duckdb.IOException as exc:
            msg = str(exc)
            if "lock" not in msg.lower():
                raise _store_error(path, exc, "cannot open store") from None
            if time.monotonic() >= deadline:
                # DuckDB names the holder: a hung cron job or a notebook is then found
                holder = re.search(r"lock is held in (.+) \(PID (\d+)\)", msg)
                who = f"process {holder[2]}, {Path(holder[1]).name}," if holder else "another process"
                raise StoreBusy(
                    f"{path}: store is busy ({who} has it open); waited {wait:g}s, try again or raise --wait"
                ) from None
        except duckdb.Error as exc:
            raise _store_error(path, exc, "not a brandpulse store or damaged") from None
        time.sleep(min(delay, max(deadline - time.monotonic(), 0.01)))
        Terminated.check()  # (a SIGTERM noted as it slept)
        delay = min(delay * 2, 0.5)


def check_kind(path: Path) -> None:
    """A file that is not a DuckDB database (no `DUCK` after the checksum its first 8 bytes hold) refused before
    DuckDB opens it: DuckDB 2 opens a CSV, JSON or Parquet file as a database of it, so `--store posts.csv` said
    "Catalog Error: Cannot launch in-memory database in read-only mode!" or "tables without a meta table"; and
    a SQLite file would need an extension. A missing or empty file is DuckDB's to create or to refuse; a pipe or a
    device is no store (reading one waited for ever)."""
    try:
        kind = path.stat().st_mode
    except OSError:  # (missing, not readable: DuckDB's error names why)
        return
    if not stat.S_ISREG(kind) and not stat.S_ISDIR(kind):
        raise StoreError(f"{path}: a pipe or a device, not a store file: give the store's path")
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError:  # (missing, a folder, not readable: DuckDB's error names why)
        return
    if not head or head[8:12] == b"DUCK":
        return
    if head.startswith(b"SQLite format 3"):
        raise StoreError(f"{path}: not a brandpulse store (a SQLite database, not a DuckDB file)")
    raise _not_duckdb(path)


def _not_duckdb(path: Path) -> StoreError:
    return StoreError(
        f"{path}: not a DuckDB file (damaged, or another kind of file): give the store's path,"
        " or restore the store from a backup"
    )


def _store_error(path: Path, exc: Exception, what: str = "") -> StoreError:
    """DuckDB's error in one line; for a damaged file, what to do ("Could not read enough bytes from file" did
    not say that the store was truncated, nor "not a valid DuckDB database file" that the file was empty)."""
    msg = str(exc).splitlines()[0]
    plain = msg.removeprefix("IO Error: ")
    if "not a valid DuckDB database file" in msg:
        if path.is_file() and path.stat().st_size == 0:
            return StoreError(
                f"{path}: an empty file (0 bytes), not a store: restore the store from a backup,"
                " or delete the file to start a new one"
            )
        return _not_duckdb(path)
    if plain.startswith(("Could not read enough bytes", "Corrupt database file")):
        return StoreError(f"{path}: store damaged ({plain}): restore it from a backup")
    return StoreError(f"{path}: {what}: {msg}" if what else f"{path}: {msg}")


def schema_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The store's version from `meta`; the tables listed only when it has none (a new or foreign file): listing
    them first was ~20 ms of each open of the store, 3 to 7 opens an `alerts` run."""
    try:
        rows = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    except duckdb.CatalogException:
        if con.execute("SELECT table_name FROM information_schema.tables").fetchall():
            raise StoreError("not a brandpulse store (tables without a meta table)") from None
        return None
    return int(rows[0][0]) if rows else None


def _prepare(con: duckdb.DuckDBPyConnection, path: Path, version: int | None) -> None:
    """Create a new store, or migrate an older one (at `version`, `schema_version`), in one transaction."""
    if version == SCHEMA_VERSION:
        return
    if version is not None and version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: store has schema version {version}, this brandpulse knows up to {SCHEMA_VERSION}: upgrade"
        )
    with _transaction(con):
        if version is None:
            _run(con, DDL)
        else:
            while version < SCHEMA_VERSION:
                MIGRATIONS[version](con)
                version += 1
            _run(con, "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])


def _create(path: Path) -> None:
    """A new store made whole beside `path`, then linked in: another run creating the store at the same moment
    opened the file before DuckDB had written or locked it, and read its 0 bytes as a damaged store (exit 7).
    Where that cannot be done (a folder one cannot write, no hard links), DuckDB creates the file, as before.
    A run killed (SIGKILL) while it made one left its `.NAME.PID.new` there for good: those of processes no
    longer running are removed first."""
    _remove_stale(path)
    temp = path.with_name(f".{path.name}.{os.getpid()}.new")
    try:
        con = duckdb.connect(duckdb_name(temp), config=CONNECT_CONFIG)
        try:
            _prepare(con, temp, schema_version(con))
        finally:
            con.close()
        os.link(temp, path)
    except (duckdb.Error, OSError, StoreError):  # (FileExistsError: another run made it first; it is used)
        pass
    finally:
        for leftover in (temp, temp.with_name(temp.name + ".wal")):
            with suppress(OSError):
                leftover.unlink()


def _remove_stale(path: Path) -> None:
    """Remove the stores `_create` was making beside `path` (and their WAL) for a process no longer running."""
    made = re.compile(rf"\.{re.escape(path.name)}\.(\d+)\.new(?:\.wal)?")
    with suppress(OSError):
        for entry in os.scandir(path.parent):
            found = made.fullmatch(entry.name)
            if found and not _running(int(found[1])):
                with suppress(OSError):
                    os.unlink(entry.path)


def _running(pid: int) -> bool:
    """Whether process `pid` runs on this machine (signal 0 checks without sending; one of another user runs)."""
    if os.name != "posix" or pid <= 0:  # (Windows' os.kill ends the process; 0 is our own process group)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OverflowError:  # (no process has such a number)
        return False
    except OSError:  # (EPERM: another user's)
        return True
    return True


def no_folder(folder: Path) -> str:
    """Why a store cannot be in `folder`, which is not a folder: `--store posts.csv/h.duckdb` said "folder posts.csv
    does not exist" beside posts.csv."""
    return f"{folder} is a file, not a folder" if folder.exists() else f"folder {folder} does not exist"


def _target(path: Path) -> Path:
    """Where the store at `path` is made: a symbolic link's target (DuckDB creating it through the link, two runs
    at once met a file of 0 bytes, as `_create` prevents), else `path` itself."""
    if not path.is_symlink():
        return path
    try:
        return path.resolve(strict=False)
    except (OSError, RuntimeError):  # (RuntimeError: a loop of links, before Python 3.13)
        raise StoreError(f"{path}: a symbolic link that leads to itself (a loop): give the store's path") from None


def _check_migratable(path: Path, version: int | None) -> None:
    """A reader of an older store it cannot write: say why it writes (it said "cannot open store: ...
    Permission denied", as if the store could not be read)."""
    why = unwritable(path)
    if why:
        old = f"store of an older brandpulse (schema version {version})" if version else "empty DuckDB file"
        raise StoreError(
            f"{path}: {old}, migrated to version {SCHEMA_VERSION} on open, which needs write access ({why}):"
            " run a brandpulse command on it once as a user who can write it"
        )


def _read_old(con: duckdb.DuckDBPyConnection, version: int) -> None:
    """A v7 to v13 store read where it cannot be migrated (a report user's read-only copy): its posts as v14's, in
    a view of this connection alone: a v7's without ratings (`_migrate_7_to_8` adds only that column), the others'
    whole stars as DOUBLE (`_migrate_9_to_10`), and without the platforms its links give (`_migrate_8_to_9`) or
    their sites' own names or the app stores its links name (`_migrate_10_to_11`, `_migrate_11_to_12`: as stored),
    no replies (`REPLY_FIELDS`) and no runs recorded (`runs` empty) before v12, no app versions (`VERSION_FIELDS`),
    and a v12's runs numbered as `_migrate_12_to_13` numbers them, and `intents` its `intent` (`_migrate_13_to_14`);
    v8 alone said the store needed write access."""
    db = con.execute("SELECT current_database()").fetchall()[0][0].replace('"', '""')
    if version == 13:  # (its intents as `_migrate_13_to_14` gives them: its `intent`)
        _run(con, f'CREATE TEMP VIEW posts AS SELECT *, intent AS intents FROM "{db}".main.posts')
        _run(con, f'CREATE TEMP VIEW runs AS SELECT * FROM "{db}".main.runs')
        return
    version_none = ", ".join(f"NULL::{_SQL_TYPES[t]} AS {c}" for c, (t, _) in VERSION_FIELDS.items())
    version_none += ", intent AS intents"
    if version == 12:
        numbered = f'SELECT *, row_number() OVER (ORDER BY ran_at, rowid) AS run_id FROM "{db}".main.runs'
        _run(con, f"CREATE TEMP VIEW runs AS {numbered}")
        _run(
            con,
            f'CREATE TEMP VIEW posts AS SELECT p.*, {version_none}, r.run_id FROM "{db}".main.posts p'
            f" LEFT JOIN ({_RUN_OF_TIME}) r ON r.ran_at = p.updated_at",
        )
        return
    rating = "*, NULL::DOUBLE AS rating" if version == 7 else "* REPLACE (rating::DOUBLE AS rating)"
    kept = f"{rating}, NULL::VARCHAR AS about" if version < 11 else "*"
    replies = ", ".join(f"NULL::{_SQL_TYPES[t]} AS {c}" for c, (t, _) in REPLY_FIELDS.items())
    _run(
        con,
        f"CREATE TEMP VIEW posts AS SELECT {kept}, {replies}, {version_none}, NULL::BIGINT AS run_id"
        f' FROM "{db}".main.posts',
    )
    columns = ", ".join(f"NULL::VARCHAR AS {c}" for c in ("command", "version", "sentiment", *_CONFIG_COLUMNS))
    _run(
        con, f"CREATE TEMP VIEW runs AS SELECT NULL::TIMESTAMP AS ran_at, {columns}, NULL::BIGINT AS run_id WHERE false"
    )


#: the stores a `reading` block holds a connection to, by `_held_key`: [the connection (None: none open now), whether
#: the block keeps a writer's, whether the one open is a writer's]
_held: dict[Path, list] = {}


def _held_key(path: str | Path) -> Path:
    """The file, as DuckDB knows it: a link to the store and the store are one (a write through the link inside the
    block did not let go of the store's reader: "Can't open a connection to same database file", `said_once` lost)."""
    return Path(os.path.realpath(Path(path).expanduser()))


@contextmanager
def reading(path: str | Path | None, *, writes: bool = False) -> Iterator[None]:
    """Within the block, the reads of the store at `path` (`open_store(read_only=True)`) share one read-only
    connection, opened by the first and closed at the end of the block; a write closes it first, and takes the write
    lock for itself alone, as outside the block (the next read opens it again). An `alerts` run opened the store 12 to
    22 times, each open and close ~0.1 s, most of a quiet run's time. Hold no block across long work (a writer, an
    `ingest`, waits for its end), nor across a webhook's retries. None: nothing held (posts from FILES).
    `writes`: a write's connection is kept for the block's reads and writes after it (an `alerts` run's last
    writes and reads: one open, not three); other readers then wait for the block's end, so keep it short."""
    key = None if path is None else _held_key(path)
    if key is None or key in _held:  # (nested: the outer block's)
        yield
        return
    _held[key] = [None, writes, False]
    try:
        yield
    finally:
        _let_go(_held.pop(key))


def _let_go(held: list) -> None:
    con, held[0], held[2] = held[0], None, False
    if con is not None:
        with suppress(duckdb.Error, RuntimeError):
            con.close()


def cannot_write(path: str | Path) -> str | None:
    """`unwritable` (why this user cannot write the file at `path`, or None), without letting go of the lock of a
    `reading` block: it opens the file, and closing it ends every lock this process holds on it (POSIX locks are
    per process): a run's reader, or its writer, went on unlocked while an `ingest` took the store. A writer held
    is the answer; a reader held is closed first (the write that follows the question closes it anyway)."""
    held = _held.get(_held_key(path))
    if held is not None and held[0] is not None:
        if held[2]:
            return None
        _let_go(held)
    return unwritable(Path(path))


@contextmanager
def open_store(
    path: str | Path, *, wait: float = 10.0, create: bool = True, read_only: bool = False
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the store at `path`, created or migrated to the current schema.

    Waits up to `wait` seconds for another process to let go of the file. `read_only` lets
    several readers (reports, alerts) share the file; an old store is still migrated first (a v7 to v12 one
    that cannot be written is read as it is: `_read_old`). Within `reading(path)`, a read reuses its connection."""
    path = Path(path).expanduser()  # (from Python, no shell expands `~/brandpulse.duckdb`)
    held = _held.get(_held_key(path))
    writer = held is not None and held[2]  # (a writer's kept: it reads too)
    if held is not None and not read_only and not writer:  # (DuckDB opens a file once per process: a writer, after
        _let_go(held)  # the reader)
    reuse = held is not None and held[0] is not None and (read_only or writer)
    if not reuse:
        if not create and not path.exists():
            raise NoStore(f"{path}: no store here (run `brandpulse ingest FILE` first, or give --store)")
        target = _target(path)
        if not target.parent.is_dir():
            via = f" (the link points to {target})" if target != path else ""
            raise StoreError(f"{path}: {no_folder(target.parent)}{via}")
    read_only = read_only and path.exists()
    con = held[0] if reuse else None

    def interrupt() -> None:  # (the connection of the moment: a migration opens it again)
        with suppress(duckdb.Error, RuntimeError, AttributeError):
            con.interrupt()

    try:
        if not reuse:
            if create and not path.exists():
                _create(target)  # (in here: Ctrl-C while it is made is DuckDB's "Query interrupted" too)
            con = _connect(path, wait, read_only)
        with Terminated.interrupting(interrupt):  # SIGTERM stops the statement, not DuckDB's calls into Python
            if not reuse:
                try:
                    version = schema_version(con)
                except StoreError as exc:  # (it named no file)
                    raise StoreError(f"{path}: {exc}") from None
                if read_only and version in (7, 8, 9, 10, 11, 12, 13) and unwritable(path):
                    _read_old(con, version)
                elif not read_only or version != SCHEMA_VERSION:
                    if read_only and (version or 0) < SCHEMA_VERSION:  # migrating needs the write lock
                        con.close()
                        _check_migratable(path, version)
                        con = _connect(path, wait)
                        read_only = False  # (kept by `reading` only if it `writes`: it holds the write lock)
                        version = schema_version(con)  # (another run's migration, meanwhile)
                    _prepare(con, path, version)
                if held is not None and (read_only or held[1]):
                    held[0], held[2] = con, not read_only
                    reuse = True
            yield con
    except duckdb.InterruptException:
        raise Terminated.stopping() from None
    except duckdb.Error as exc:  # disk full, a damaged file: one line, exit 7 (--debug shows DuckDB's error)
        raise _store_error(path, exc) from exc
    except RuntimeError as exc:
        if interrupted_query(exc):  # DuckDB's word for a query cut short by Ctrl-C or SIGTERM
            raise Terminated.stopping() from None
        raise
    finally:
        with suppress(duckdb.Error, RuntimeError):  # (after a fatal error) the error that matters is on its way
            if con is not None and not reuse:
                con.close()


@dataclass
class IngestCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    #: posts left out as their authors were forgotten (`forget`)
    forgotten: int = 0
    #: posts of no platform whose id is another post's, of another text and not its author: kept apart (`_kept_apart`)
    apart: int = 0
    #: the ids of the first of them (`APART_IDS`), to tell where they are: the count alone named no file and no post
    apart_ids: list[str] = field(default_factory=list)
    #: the `at` of the runs' log entry that noted this write (`_note_run`): a run that fails after it marks that entry
    noted_at: str | None = field(default=None, compare=False, repr=False)

    def __iadd__(self, other: IngestCounts) -> IngestCounts:
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.forgotten += other.forgotten
        self.apart += other.apart
        self.apart_ids = (self.apart_ids + other.apart_ids)[:APART_IDS]
        return self

    def told(self) -> str:
        """The counts as `ingest` and `fetch --store` say them."""
        left_out = f", left out {self.forgotten:,} by forgotten authors" if self.forgotten else ""
        apart = (
            f", {self.apart:,} kept apart: their id is another post's, of another text and not its author, and no "
            "platform tells them apart (--map platform=COLUMN names one)"
            if self.apart
            else ""
        )
        return f"inserted {self.inserted:,}, updated {self.updated:,}, unchanged {self.unchanged:,}{left_out}{apart}"


#: how many ids of the posts kept apart `IngestCounts` keeps
APART_IDS = 5


def _staging_frame(posts: pd.DataFrame) -> pd.DataFrame:
    """Enriched posts, their post fields in the schema's dtypes (as `ingest` reads a frame), as the staging table
    takes them: times naive UTC, the analysis values as `analyze` writes them (`enriched_values`)."""
    cols = {}
    for c, (dtype, _) in _STORED.items():
        # (analysis values are DuckDB's to cast, in the transaction; a reply and an app version as read)
        if c in POST_FIELDS or (c in {*REPLY_FIELDS, *VERSION_FIELDS} and c in posts.columns):
            s = posts[c]
        elif c == "intents" and "intent" in posts.columns:  # (a frame of analyze before `intents`: its `intent`)
            one = enriched_values("intent", posts["intent"])
            s = enriched_values(c, posts[c]) if c in posts.columns else one
            s = s.where(s.fillna("") != "", one)
        elif c not in posts.columns:
            s = pd.Series(pd.array([None] * len(posts), dtype=dtype), index=posts.index)
        else:
            s = enriched_values(c, posts[c])
        if dtype == TIMESTAMP:
            s = s.dt.tz_convert("UTC").dt.tz_localize(None)
        cols[c] = s
    frame = pd.DataFrame(cols, index=posts.index).reset_index(drop=True)
    frame["_row"] = range(len(frame))
    return frame


#: the `meta` keys of the last ingest of analyzed posts (`ingest_frame`): named as in the Parquet `analyze` writes
SCORED_BY = ("brandpulse.version", "brandpulse.sentiment", "brandpulse.ingested_at")


def ingest_frame(
    con: duckdb.DuckDBPyConnection,
    enriched: pd.DataFrame,
    committed: Callable[[IngestCounts], None] | None = None,
    scored_by: dict[str, str] | None = None,
    config: Config | None = None,
    command: str = "ingest",
    rejected: int | None = None,
) -> IngestCounts:
    """Add or update enriched posts (their post fields in the schema's dtypes: `ingest` reads a frame first) in one
    transaction; returns inserted/updated/unchanged counts. `committed` gets them as the transaction commits, before
    a SIGTERM that came during the COMMIT or right after it is raised: a caller that counts what went in counts them
    (`ingest` said the files before the one in flight, while the store held that one too).
    Analyzed posts: `meta` remembers in the same transaction what scored them (`SCORED_BY`): this brandpulse's version,
    `scored_by`'s `sentiment` (`sentiment.produced_by`; empty when not told, a frame analyzed elsewhere) and the time
    (UTC, with a `Z`) the posts this ingest added or changed hold as `first_seen` or `updated_at`; and `runs` the
    run (`command`: `ingest`, or `fetch` for `fetch --store`), with `config`, the config that analyzed them
    (`_record_scorer`), where it added or changed a post. `rejected`: the rows of its input rejected, for the runs'
    log (`_note_run`)."""
    if enriched.empty:  # (a quiet hour's export, or every row rejected: the run is noted all the same)
        noted = IngestCounts(noted_at=_note_run(con, _run_time(con)[0], command, rejected=rejected))
        if committed is not None:
            committed(noted)
        return noted
    # as Arrow: DuckDB's pandas scan reads pandas internals (a FutureWarning on stderr with pandas 2.x)
    con.register("incoming", pa.Table.from_pandas(_staging_frame(enriched), preserve_index=False))
    fields = list(_STORED)
    # an enrichment column the frame does not have at all (posts not analyzed) keeps the stored one: posts
    # ingested again unanalyzed wiped their brands and sentiment; and their `about`, which goes with their brands
    kept = [c for c in ENRICHED_FIELDS if c not in enriched.columns and not (c == "intents" and "intent" in enriched)]
    kept += ["about"] * ("brands" not in enriched.columns)
    value = {
        c: f"coalesce(s.{c}, p.{c})" if c in _SOURCE_COLUMNS else f"p.{c}" if c in kept else f"s.{c}"
        for c in _VALUE_COLUMNS
    }
    for c in _EMPTY_FOR_NONE:  # the stored "" of a post without brands kept for pd.read_csv's NaN of its empty cell
        if c not in kept:
            value[c] = f"CASE WHEN coalesce(s.{c}, '') = coalesce(p.{c}, '') THEN p.{c} ELSE s.{c} END"
    # a reply and its time are one: a copy with either gives both (a newer reply of no time keeps no older one's time),
    # unless its time is before the stored reply's (an older export ingested after a newer one put its reply back)
    none = " AND ".join(f"s.{c} IS NULL" for c in REPLY_FIELDS) + " OR s.replied_at < p.replied_at"
    value.update({c: f"CASE WHEN {none} THEN p.{c} ELSE s.{c} END" for c in REPLY_FIELDS})
    changed = " OR ".join(f"p.{c} IS DISTINCT FROM {v}" for c, v in value.items())
    _run(con, "BEGIN TRANSACTION")
    try:
        # within one batch the last copy of a key wins; each column in the table's type (a frame read back
        # with pandas holds counts and scores as text or floats)
        _run(
            con,
            f"""CREATE OR REPLACE TEMP TABLE staging AS SELECT {KEY_SQL} AS key, {", ".join(fields)}, _row
                FROM (SELECT {", ".join(f"CAST({c} AS {_SQL_TYPES[t]}) AS {c}" for c, t in _TYPES.items())}, _row
                      FROM incoming)""",
        )
        keyed = _kept_apart(con)
        _run(con, "DELETE FROM staging WHERE _row NOT IN (SELECT max(_row) FROM staging GROUP BY key)")
        forgotten = 0
        if con.execute("SELECT count(*) FROM meta WHERE starts_with(key, ?)", [FORGOTTEN]).fetchall()[0][0]:
            forgotten = _run(
                con,
                f"DELETE FROM staging WHERE ? || sha256({AUTHOR_SQL}) IN (SELECT key FROM meta)"
                f" OR ({ACCOUNT_SQL} <> '' AND ? || sha256({ACCOUNT_SQL}) IN (SELECT key FROM meta))",
                [FORGOTTEN, FORGOTTEN],
            )[0][0]
        apart, apart_ids = _apart(con) if keyed else (0, [])  # (a forgotten author's post was "kept apart")
        total = con.execute("SELECT count(*) FROM staging").fetchall()[0][0]
        _adopt_platformless(con)
        # the stored copies, found by the key column alone; the rest of their row read and written by row id, whose
        # range lets DuckDB skip the row groups that hold none of them: joined on every column, the posts table was
        # read whole three times (a week into a year of posts took 4 times as long as into an empty store)
        _run(
            con,
            "CREATE TEMP TABLE stored AS SELECT p.rowid AS rid, s.key FROM posts p JOIN staging s USING (key)",
        )
        existing = con.execute("SELECT count(*) FROM stored").fetchall()[0][0]
        _run(
            con,
            f"""CREATE TEMP TABLE changes AS SELECT t.rid, {", ".join(f"{v} AS {c}" for c, v in value.items())}
                FROM stored t JOIN staging s USING (key) JOIN posts p ON p.rowid = t.rid WHERE {changed}""",
        )
        updated = con.execute("SELECT count(*) FROM changes").fetchall()[0][0]
        sets = ", ".join(f"{c} = n.{c}" for c in value)
        now, run = _run_time(con)
        _date_ahead(con, now)
        analyzed = "sentiment" in enriched.columns  # (posts not analyzed keep the stored scores: and what made them)
        _run(
            con,
            f"UPDATE posts SET {sets}, updated_at = ?, run_id = {'?' if analyzed else 'posts.run_id'} FROM changes n"
            " WHERE posts.rowid = n.rid",
            [now, run] if analyzed else [now],
        )
        _run(
            con,
            f"""INSERT INTO posts ({_COLUMNS}, run_id) SELECT s.key, {", ".join("s." + c for c in fields)},
                ?::TIMESTAMP, ?::TIMESTAMP, ? FROM staging s ANTI JOIN stored USING (key)""",
            [now, now, run],
        )
        _run(con, "DROP TABLE changes")
        _run(con, "DROP TABLE stored")
        _run(con, "DROP TABLE staging")
        counts = IngestCounts(total - existing, updated, existing - updated, forgotten, apart, apart_ids)
        # (a run that wrote no post leaves `meta` as it was: its `ingested_at`, report's "last ingest", was a time no
        # post and no row of `runs` held)
        wrote = bool(counts.inserted or counts.updated)
        if wrote and analyzed:
            _record_scorer(con, scored_by, now, run, config, command)
        elif wrote:  # (a run all the same, of no analysis: `sentiment` NULL; the posts it added are its own)
            _run(con, f"{_RUN_INSERT} (?, ?, ?, NULL, NULL, NULL, ?)", [now, command, __version__, run])
        counts.noted_at = _note_run(con, now, command, counts, rejected)
        with Terminated.deferred():  # (a SIGTERM as it commits lets it end: the posts are in, and counted)
            _run(con, "COMMIT")
            if committed is not None:
                committed(counts)
    except BaseException:
        _rollback(con)
        raise
    finally:
        with suppress(duckdb.Error, RuntimeError):  # (after a failed COMMIT) the error that matters is on its way
            con.unregister("incoming")
    return counts


#: the `meta` key of the last `ingest` or `fetch --store` run, whether it stored a post or not (`last_run`): `runs`
#: records only the runs that wrote posts, so a cron job's ingest of a quiet hour's export left no trace of itself
LAST_RUN = "last_run"
#: the `meta` key of the recent runs, each as `last_run` and what it found (`_note_run`), the newest last: a cron user
#: saw only the last one; a list in `meta`, no table, so no schema change
RUNS_LOG = "runs_log"
#: how many runs `RUNS_LOG` keeps: hourly jobs' four days
RUNS_KEPT = 100


def _note_run(
    con: duckdb.DuckDBPyConnection,
    now: datetime,
    command: str,
    counts: IngestCounts | None = None,
    rejected: int | None = None,
) -> str:
    """Remember this run in `meta`: as `LAST_RUN` its time, command and the posts it added or changed, 0 too; and in
    `RUNS_LOG` with the posts it found stored already (`unchanged`), its rows rejected (None: not told) and its
    `status`, `ok` (`run_failed` makes it `failed: ...`). Returns the entry's `at`."""
    counts = counts or IngestCounts()
    value = {"at": now.isoformat(timespec="microseconds") + "Z", "command": command}
    value["stored"] = counts.inserted + counts.updated
    logged = {**value, "inserted": counts.inserted, "updated": counts.updated, "unchanged": counts.unchanged}
    logged |= {"forgotten": counts.forgotten, "rejected": rejected, "status": "ok", "exit": 0}
    log = [*_logged_runs(con), logged][-RUNS_KEPT:]
    pairs = [LAST_RUN, json.dumps(value), RUNS_LOG, json.dumps(log)]
    _run(con, "INSERT OR REPLACE INTO meta VALUES (?, ?), (?, ?)", pairs)  # (one statement: both or neither)
    return value["at"]


def _logged_runs(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """The runs `RUNS_LOG` holds, the oldest first; a store of before the log, its last run (as `recent_runs` listed
    it: the first run of stop 53 lost it)."""
    rows = dict(con.execute("SELECT key, value FROM meta WHERE key IN (?, ?)", [RUNS_LOG, LAST_RUN]).fetchall())
    return _runs_log(rows[RUNS_LOG]) if RUNS_LOG in rows else _runs_log(f"[{rows.get(LAST_RUN, '')}]")


def run_failed(
    path: str | Path, command: str, error: str, exit_code: int, *, wait: float = 10.0, noted_at: str | None = None
) -> bool:
    """Log a run that failed once its store was there (an unreadable export, a fetch whose page 2 failed, a write
    error), after its rollback, in a transaction of its own: `status` `failed: ERROR` (the one line stderr showed, so
    no secret an error hides there) and its `exit` code. It had left no trace in `runs`. `noted_at`: the entry of the
    posts it stored before failing (`fetch --store` keeps the pages before the fault), marked in place of a new one of
    nothing stored. `LAST_RUN` is left as it was: it says the job's last run that did its work. False: not logged (no
    store there, or one that cannot be written now); the error that matters is already on its way."""
    try:
        with open_store(path, wait=wait, create=False) as con, _transaction(con):
            log = _logged_runs(con)
            entry = next((r for r in log if noted_at and r.get("at") == noted_at), None)
            if entry is None:
                at = _run_time(con)[0].isoformat(timespec="microseconds") + "Z"
                entry = {"at": at, "command": command, "stored": 0, "inserted": 0, "updated": 0}
                entry |= {"unchanged": None, "forgotten": None, "rejected": None}
                log = [*log, entry][-RUNS_KEPT:]
            entry |= {"status": f"failed: {error}", "exit": exit_code}
            _run(con, "INSERT OR REPLACE INTO meta VALUES (?, ?)", [RUNS_LOG, json.dumps(log)])
    except (StoreError, duckdb.Error, OSError):
        return False
    return True


def _runs_log(text: str) -> list[dict]:
    """The runs `RUNS_LOG` holds; none of a value edited by hand into something else."""
    try:
        log = json.loads(text)
    except ValueError:
        return []
    return [r for r in log if isinstance(r, dict)] if isinstance(log, list) else []


def note_run(path: str | Path, command: str, *, wait: float = 10.0, rejected: int | None = None) -> None:
    """Note a run that had no post to store (`fetch --store` of a quiet source), as every ingest is noted."""
    with open_store(path, wait=wait) as con:
        _note_run(con, _run_time(con)[0], command, rejected=rejected)


def last_run(path: str | Path, *, wait: float = 10.0) -> dict | None:
    """The store's last `ingest` or `fetch --store` run (`_note_run`): `at` (UTC, with a `Z`), `command` and `stored`,
    the posts it added or changed; None before one was noted (a store of stop 51 or before)."""
    with open_store(path, wait=wait, create=False, read_only=True) as con:
        rows = con.execute("SELECT value FROM meta WHERE key = ?", [LAST_RUN]).fetchall()
    try:
        return json.loads(rows[0][0]) if rows else None
    except ValueError:  # (a value edited by hand: no run to say)
        return None


def last_failure(path: str | Path, *, wait: float = 10.0) -> dict | None:
    """The store's newest logged run when it failed (`run_failed`: `status` `failed: ...`, its `exit`), else None:
    `last_run` is the last run that did its work, so a job failing since (an export that cannot be read, cron's
    `timeout`) was told as one that stopped, or ran and found nothing."""
    runs = recent_runs(path, wait=wait)
    newest = runs[0] if runs else {}
    return newest if str(newest.get("status", "")).startswith("failed") else None


def recent_runs(path: str | Path, *, wait: float = 10.0) -> list[dict]:
    """The store's recent `ingest` and `fetch --store` runs (`RUNS_LOG`, at most `RUNS_KEPT`), the newest first: each
    `last_run`'s fields and `inserted`, `updated`, `unchanged`, `forgotten` and `rejected` (None: not told, as by
    `store.ingest`). A store whose runs were noted before the log was kept has its `last_run` alone."""
    with open_store(path, wait=wait, create=False, read_only=True) as con:
        rows = dict(con.execute("SELECT key, value FROM meta WHERE key IN (?, ?)", [RUNS_LOG, LAST_RUN]).fetchall())
    if RUNS_LOG in rows:
        return _runs_log(rows[RUNS_LOG])[::-1]
    last = _runs_log(f"[{rows[LAST_RUN]}]") if LAST_RUN in rows else []
    return last


#: (the posts kept apart: of no platform, with an id, keyed by their content; `{0}`: the table's alias)
_APART = "coalesce({0}.platform, '') = '' AND {0}.post_id <> '' AND starts_with({0}.key, 'sha256:')"


def _kept_apart(con: duckdb.DuckDBPyConnection) -> bool:
    """Key by its content (`CONTENT_KEY_SQL`) each staged post of no platform whose id is another post's: of the
    stored post of its key, else of the first staged one, with another text and not its author (two review sites'
    review `1`, their `source` unread: the second dropped, or replacing the first, `updated 1`; a missing author
    tells nothing: two files' numbered rows `1` of other texts, since stop 54); `_apart` counts them.
    A copy of the post (the same author or text: a re-fetch, an edit) keeps the key: also of a post kept apart, whose
    copy takes the key of the stored post kept apart, else of the first staged one, of its id and its author or text
    (an edit of it was a second post, and so was a third post of the id, compared with the first alone); so does a
    copy staged as `:ID` whose stored `:ID` is gone (`forget`). `pipeline.post_keys` keys a frame's posts so. False:
    no post was kept apart."""
    if not con.execute("SELECT count(*) FROM staging WHERE starts_with(key, ':')").fetchall()[0][0]:
        return False  # (a week of posts that all have a platform: no join with the posts table)
    rekeyed = _run(
        con,
        f"""UPDATE staging SET key = {CONTENT_KEY_SQL} FROM (
               SELECT s._row FROM (SELECT *, first_value(author) OVER w AS author1, first_value(text) OVER w AS text1
                                   FROM staging WINDOW w AS (PARTITION BY key ORDER BY _row)) s
               LEFT JOIN posts p ON p.key = s.key
               WHERE starts_with(s.key, ':')
                 AND CASE WHEN p.key IS NULL
                          THEN coalesce(s.text <> s.text1, false) AND NOT coalesce(s.author = s.author1, false)
                          ELSE coalesce(s.text <> p.text, false) AND NOT coalesce(s.author = p.author, false) END) o
            WHERE staging._row = o._row""",
    )[0][0]
    # (the posts kept apart: staged of no platform, with an id, keyed by their content; stored so too). Matched by
    # equality alone, on (id, author) and (id, text): an OR of the two was a join of every pair of posts of one id,
    # 10,000 posts sharing an id (a tool numbering each site's reviews from 1) 3 s to ingest and 7 s again
    stored = "(SELECT post_id, {0}, min(key) AS key FROM posts p WHERE " + _APART.format("p") + " GROUP BY ALL)"
    # a staged `:ID` whose stored post is gone (`forget`) is still the copy of a post kept apart, if it is one: its edit
    # was stored as `:ID`, a second copy (only looked for where the store holds a post kept apart)
    orphan = "({0}.key = ':' || {0}.post_id AND {0}.key NOT IN (SELECT key FROM posts WHERE starts_with(key, ':')))"
    any_stored = f"SELECT count(*) FROM (SELECT 1 FROM posts p WHERE {_APART.format('p')} LIMIT 1)"
    if not rekeyed and not con.execute(any_stored).fetchall()[0][0]:
        return False
    staged = f"({_APART.format('s')} OR {orphan.format('s')})"
    # (the first staged post kept apart of its id and author, or text)
    first = "min(if(orphan, NULL, _row)) OVER (PARTITION BY post_id, {0})"
    _run(
        con,
        f"""UPDATE staging SET key = m.key FROM (
               SELECT s._row, coalesce(least(pa.key, pt.key), if(s.orphan, NULL, o.key)) AS key
               FROM (SELECT _row, post_id, author, text, orphan,
                            least(CASE WHEN author IS NOT NULL THEN {first.format("author")} END,
                                  CASE WHEN text IS NOT NULL THEN {first.format("text")} END) AS o_row
                     FROM (SELECT *, {orphan.format("s")} AS orphan FROM staging s WHERE {staged})) s
               LEFT JOIN {stored.format("author")} pa ON pa.post_id = s.post_id AND pa.author = s.author
               LEFT JOIN {stored.format("text")} pt ON pt.post_id = s.post_id AND pt.text = s.text
               LEFT JOIN staging o ON o._row = s.o_row AND s.o_row < s._row) m
            WHERE staging._row = m._row AND m.key IS NOT NULL""",
    )
    return True


def _apart(con: duckdb.DuckDBPyConnection) -> tuple[int, list[str]]:
    """How many staged posts `_kept_apart` kept apart are not stored yet, and the first of their ids (`APART_IDS`):
    counted once a forgotten author's posts are left out (told as kept apart, `(id 1)`, and never stored)."""
    new = con.execute(
        f"SELECT count(DISTINCT key), list(DISTINCT post_id ORDER BY post_id) FROM staging s WHERE {_APART.format('s')}"
        " AND key NOT IN (SELECT key FROM posts WHERE starts_with(key, 'sha256:'))"
    ).fetchall()[0]
    return new[0], (new[1] or [])[:APART_IDS]


def _adopt_platformless(con: duckdb.DuckDBPyConnection) -> None:
    """Give a post stored without a platform (`:1`, a review site's export whose `source` column was not read before
    stop 45; or one kept apart by its content, `_kept_apart`, until `--map platform=COLUMN` named its site) the
    platform and key of the staged post of its id and author (or text; of a post kept apart, its content), where that
    key is not stored yet: ingested again, that export's posts are those stored, not second copies. Existing keys
    change only so."""
    # (only a stored post of no platform takes one: a store of none reads its platform column alone, not its keys
    # joined with the week's three times, 0.36 s to 0.77 s a week of 55,000 into 2,000,000 posts)
    if not con.execute(
        "SELECT count(*) FROM (SELECT 1 FROM posts WHERE coalesce(platform, '') = '' LIMIT 1)"
    ).fetchall()[0][0]:
        return
    # (a post kept apart is found by its key, the staged post's content key without the platform: no scan of posts)
    _run(
        con,
        f"""CREATE TEMP TABLE adopted AS SELECT rid, min(key) AS key, min(platform) AS platform FROM (
               SELECT p.rowid AS rid, s.key, s.platform FROM posts p JOIN staging s ON p.key = ':' || s.post_id
               WHERE coalesce(s.platform, '') <> '' AND (p.author = s.author OR p.text = s.text)
               UNION ALL
               SELECT p.rowid, s.key, s.site FROM posts p JOIN (
                   SELECT key, site, {CONTENT_KEY_SQL} AS apart FROM (
                       SELECT key, platform AS site, NULL AS platform, author, created_at, text FROM staging
                       WHERE coalesce(platform, '') <> '' AND post_id IS NOT NULL AND post_id <> '')) s
               ON p.key = s.apart)
           WHERE key NOT IN (SELECT key FROM posts)
           GROUP BY rid HAVING count(*) = 1
           QUALIFY count(*) OVER (PARTITION BY min(key)) = 1""",
    )
    _run(con, "UPDATE posts SET key = a.key, platform = a.platform FROM adopted a WHERE posts.rowid = a.rid")
    _run(con, "DROP TABLE adopted")


#: the `meta` key of the intent and topic rules' versions that tagged the last ingest's posts (`_record_scorer`)
RULES = "brandpulse.rules"
#: `meta` keys: when an ingest or rescore recorded a scorer other than the one before it, what that one was, from
#: which `created_at` a `rescore --since` since then scored the posts again (`rules_note`), and the run that recorded
#: it (its `run_id`, since stop 49: its time is a clock's, which may have been ahead; no meta key is versioned, and a
#: store whose change was recorded before has none)
RULES_CHANGED = (
    "brandpulse.rules_changed_at",
    "brandpulse.rules_before",
    "brandpulse.rescored_from",
    "brandpulse.rules_changed_run",
)


def _record_scorer(
    con: duckdb.DuckDBPyConnection,
    scored_by: dict[str, str] | None,
    now: datetime,
    run: int,
    config: Config | None = None,
    command: str = "ingest",
    wrote: bool = True,
) -> None:
    """Remember in `meta` what scored the posts written at `now` by the run `run` (`SCORED_BY`, `RULES`), in the
    writer's transaction; and when it differs from what scored the ingest before (an upgrade, or another
    `--sentiment`), since when and since which run (`RULES_CHANGED`): the posts an earlier run analyzed were scored
    another way (`rules_note`). And the run in `runs`, with the config file it read (`config`: its path made
    absolute, and the SHA-256 of its bytes as read). A rescore that `wrote` no post (every post it read already
    scored so) records the scorer alone: not its time nor a run, which no post holds (a row of every unchanged cron
    rescore named no post, and filled `runs`); `_rescored_from` then clears the change it recorded, or narrows it."""
    from .enrich import rules_versions

    stamp = now.isoformat(timespec="microseconds") + "Z"
    scorer = [(scored_by or {}).get("sentiment", ""), rules_versions(["topics", "intent rules"])]
    old = dict(_run(con, "SELECT key, value FROM meta WHERE key IN (?, ?)", [SCORED_BY[1], RULES]))
    before = [old.get(SCORED_BY[1], ""), old.get(RULES, "")]
    if any(was and new and was != new for was, new in zip(before, scorer, strict=True)):  # (unknown: not a change)
        said = ", ".join(v for v in before if v)
        pairs = [RULES_CHANGED[0], stamp, RULES_CHANGED[1], said, RULES_CHANGED[3], str(run)]
        _run(con, "INSERT OR REPLACE INTO meta VALUES (?, ?), (?, ?), (?, ?)", pairs)
        _run(con, "DELETE FROM meta WHERE key = ?", [RULES_CHANGED[2]])
    _run(con, "INSERT OR REPLACE INTO meta VALUES (?, ?), (?, ?)", [SCORED_BY[1], scorer[0], RULES, scorer[1]])
    if not wrote:
        return
    _run(con, "INSERT OR REPLACE INTO meta VALUES (?, ?), (?, ?)", [SCORED_BY[0], __version__, SCORED_BY[2], stamp])
    where = str(Path(config.path).expanduser().absolute()) if config is not None and config.path else None
    named = [where, config.sha256 if where else None]
    _run(con, f"{_RUN_INSERT} (?, ?, ?, ?, ?, ?, ?)", [now, command, __version__, scorer[0], *named, run])


def ingest(
    path: str | Path, enriched: pd.DataFrame, *, wait: float = 10.0, sentiment=None, config: Config | None = None
) -> IngestCounts:
    """Add enriched posts (`analyze`'s, or its CSV read back with pandas) to the store at `path`. The frame is read
    as `brandpulse.read(df)` reads it, before the store is opened: ids pandas made floats keyed as the CLI keys them
    (`twitter:7.0` was a second copy of `twitter:7`), platforms named as the readers name them, times from any zone
    or text; posts without text left out with a warning. `sentiment`: the analyzer (or its name) that scored them,
    which the store's `meta` remembers (`ingest_frame`); `config`, the config that analyzed them, which `runs` names."""
    from .sources import read_frame, warn_rejects

    loaded = read_frame(enriched, "ingest")  # (a list was an AttributeError)
    warn_rejects(loaded)
    return ingest_posts(path, loaded.posts, wait=wait, sentiment=sentiment, config=config)


def ingest_posts(
    path: str | Path,
    enriched: pd.DataFrame,
    *,
    wait: float = 10.0,
    committed: Callable[[IngestCounts], None] | None = None,
    sentiment=None,
    config: Config | None = None,
    command: str = "ingest",
    rejected: int | None = None,
) -> IngestCounts:
    """`ingest` of posts the loaders read and `analyze_posts` enriched (the CLI's path): in the schema's dtypes
    already, so not read again (that took 0.12-0.38 s a 200,000 posts). `committed`: as `ingest_frame`'s;
    `sentiment`: the analyzer, or its name, that scored them, and `config`, the config that analyzed them (`ingest`);
    `command`: the run `runs` records (`fetch` for `fetch --store`); `rejected`: its rows rejected (`_note_run`)."""
    from .enrich.sentiment import get_analyzer, produced_by

    scored_by = None
    if sentiment is not None:
        scored_by = produced_by(get_analyzer(sentiment) if isinstance(sentiment, str) else sentiment)
    with open_store(path, wait=wait) as con:
        return ingest_frame(con, enriched, committed, scored_by, config, command, rejected)


#: the columns `rescore` writes: the analysis, and `lang` (detected again where the store has none)
_RESCORED = ["lang", *ENRICHED_FIELDS, *ABOUT_FIELDS]
#: what `rescore` counts as changed, by the columns of each
_RESCORE_COUNTS = {
    "sentiment": ("sentiment", "subjectivity", "sentiment_label", "brand_sentiments"),
    "intent": ("intent", "intents"),
    "topics": ("topics",),
    "brands": ("brands",),
}


@dataclass
class Rescored:
    """What `rescore` did: posts analyzed again, those whose stored analysis changed, and of those, by what."""

    posts: int = 0
    changed: int = 0
    sentiment: int = 0
    intent: int = 0
    topics: int = 0
    brands: int = 0

    def __iadd__(self, other: Rescored) -> Rescored:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    def told(self, dry_run: bool = False) -> str:
        """The counts as `brandpulse rescore` says them."""
        each = ", ".join(f"{name} {getattr(self, name):,}" for name in _RESCORE_COUNTS)
        did, change = ("would rescore", "would change") if dry_run else ("rescored", "changed")
        return f"{did} {self.posts:,} post{'' if self.posts == 1 else 's'}: {self.changed:,} {change} ({each})"


def rescore(
    path: str | Path,
    config: Config | None = None,
    since: pd.Timestamp | str | None = None,
    until: pd.Timestamp | str | None = None,
    *,
    sentiment=None,
    wait: float = 10.0,
    rows: int = 50_000,
    dry_run: bool = False,
    committed: Callable[[Rescored, int], None] | None = None,
) -> Rescored:
    """Analyze the stored posts created in [since, until) again from their stored post fields, with this brandpulse's
    rules, `config` and `sentiment` (`reanalyze`): an upgrade's reports compared last week's posts scored by the old
    rules with this week's by the new, and the exports to ingest again may be gone. `rows` posts at a time, each batch
    read, analyzed with the store let go (a cron ingest meanwhile waits for a write alone), then written in one
    transaction that updates the posts whose analysis changed (`updated_at`; `first_seen` kept) and `meta`'s record of
    what scored them (`SCORED_BY`). A post changed or deleted (`forget`) since its batch was read is left as it is
    now; none is added. `committed` gets each batch's counts as it commits, and how many posts are left to do.
    `dry_run` counts and changes nothing."""
    from .enrich.sentiment import get_analyzer, produced_by
    from .pipeline import reanalyze

    config = config if config is not None else Config()
    analyzer = sentiment or config.sentiment
    analyzer = get_analyzer(analyzer) if isinstance(analyzer, str) else analyzer
    where, params = _period_where(since, until)
    sql = "SELECT key FROM posts" + (f" WHERE {' AND '.join(where)}" if where else "")
    with open_store(path, wait=wait, create=False, read_only=True) as con:
        keys = [key for (key,) in _run(con, sql + " ORDER BY created_at, key", params)]
    fields = ", ".join(_STORED)
    total = Rescored()
    for start in range(0, len(keys), rows):
        with open_store(path, wait=wait, create=False, read_only=True) as con:
            read = _arrow(
                con,
                f"SELECT key, updated_at, {fields} FROM posts WHERE key IN (SELECT unnest($keys))",
                {"keys": keys[start : start + rows]},
            )
        fresh = _staging_frame(reanalyze(to_canonical(read), config, sentiment=analyzer))[_RESCORED]
        fresh["key"], fresh["seen"] = read["key"].to_numpy(), read["updated_at"].to_numpy()
        with open_store(path, wait=wait, create=False, read_only=dry_run) as con:
            done = partial(committed, left=max(len(keys) - start - rows, 0)) if committed else None
            total += _write_rescored(con, fresh, None if dry_run else produced_by(analyzer), done, config)
    if not dry_run and until is None:  # (the posts created from `since` on are today's: `rules_note` says no more)
        _rescored_from(path, since, wait)
    return total


def _rescored_from(path: str | Path, since, wait: float) -> None:
    """Remember that a rescore that ran to its end scored the posts created from `since` (None: all) by today's rules;
    the record of the rules changing goes with a whole store's."""
    with open_store(path, wait=wait, create=False) as con:
        held = dict(_run(con, "SELECT key, value FROM meta WHERE key IN (?, ?)", [*RULES_CHANGED[::2]]))
        if RULES_CHANGED[0] not in held:
            return
        if since is None:
            _run(con, "DELETE FROM meta WHERE key IN (?, ?, ?, ?)", list(RULES_CHANGED))
            return
        start = _naive(since, "since")
        if RULES_CHANGED[2] in held:  # (an earlier rescore's reached further back)
            start = min(start, pd.Timestamp(held[RULES_CHANGED[2]]).to_pydatetime())
        _run(con, "INSERT OR REPLACE INTO meta VALUES (?, ?)", [RULES_CHANGED[2], start.isoformat()])


def rules_note(path: str | Path, since, until, *, wait: float = 10.0) -> tuple[str, str] | None:
    """The posts created in [since, until) that a run before the one that recorded other rules than theirs analyzed
    (`_record_scorer`; by `run_id`: a run of a clock that was ahead recorded a future time, and the posts of the runs
    after it, put right, were counted as of the rules before until that time; a record without its run, by the time)
    and not rescored since: a report comparing them with newer ones compares two sets of rules. The line to say (the
    change's time named as a run's "ahead of this clock", or "by a clock that was ahead" when a run after it is dated
    before it: no time posts came by), and the time of the change (`alerts -q` says it once); None when every post is
    today's."""
    with open_store(path, wait=wait, create=False, read_only=True) as con:
        held = dict(_run(con, "SELECT key, value FROM meta WHERE starts_with(key, 'brandpulse.')"))
        if RULES_CHANGED[0] not in held:
            return None
        changed = pd.Timestamp(held[RULES_CHANGED[0]]).tz_convert("UTC").tz_localize(None)
        where, params = _period_where(since, until)
        if RULES_CHANGED[3] in held:  # (a post of no run: stored before runs were recorded, older than any)
            where.append("coalesce(run_id, 0) < $run")
            params["run"] = int(held[RULES_CHANGED[3]])
        else:
            where.append("updated_at < $changed")
            params["changed"] = changed.to_pydatetime()
        if RULES_CHANGED[2] in held:
            where.append("created_at < $rescored")
            params["rescored"] = pd.Timestamp(held[RULES_CHANGED[2]]).to_pydatetime()
        (count,) = _run(con, f"SELECT count(*) FROM posts WHERE {' AND '.join(where)}", params)[0]
        ahead = ""  # (a run dated ahead of this clock, or before a run after it: its time is no time posts came by)
        if changed >= _utc_now() + AHEAD:
            ahead = "ahead of this clock"
        elif (
            RULES_CHANGED[3] in held
            and _run(
                con,
                "SELECT count(*) FROM runs WHERE run_id > ? AND ran_at < ?",
                [params["run"], changed.to_pydatetime()],
            )[0][0]
        ):
            ahead = "by a clock that was ahead"
    if not count:
        return None
    now = ", ".join(v for v in (held.get(SCORED_BY[1]), held.get(RULES)) if v)
    when = f"{changed:%Y-%m-%d %H:%M} UTC"
    line = (
        f"{count:,} of the posts read {'was' if count == 1 else 'were'} stored before"
        f" {f'the rules changed at a run dated {when} ({ahead})' if ahead else when} and scored by other rules"
        f" ({held[RULES_CHANGED[1]]}; now {now}): `brandpulse rescore` scores them by today's"
    )
    return line, held[RULES_CHANGED[0]]


def _write_rescored(
    con: duckdb.DuckDBPyConnection,
    fresh: pd.DataFrame,
    scored_by: dict[str, str] | None,
    committed: Callable[[Rescored], None] | None,
    config: Config | None = None,
) -> Rescored:
    """`rescore`'s batch written in one transaction, or with `scored_by` None (a dry run) counted and rolled back."""
    con.register("rescored", pa.Table.from_pandas(fresh, preserve_index=False))
    new = {c: f"CAST(n.{c} AS {_SQL_TYPES[_TYPES[c]]})" for c in _RESCORED}
    differs = {  # (the stored "" and NULL of a post without brands are one value, as `ingest_frame` has them)
        c: f"coalesce(p.{c}, '') <> coalesce({v}, '')" if c in _EMPTY_FOR_NONE else f"p.{c} IS DISTINCT FROM {v}"
        for c, v in new.items()
    }
    flags = [f"({' OR '.join(differs[c] for c in cols)}) AS d_{name}" for name, cols in _RESCORE_COUNTS.items()]
    _run(con, "BEGIN TRANSACTION")
    try:
        _run(
            con,
            f"""CREATE OR REPLACE TEMP TABLE changes AS SELECT p.rowid AS rid,
                {", ".join(f"{v} AS {c}" for c, v in new.items())}, {", ".join(flags)},
                ({" OR ".join(differs.values())}) AS changed
                FROM posts p JOIN rescored n ON p.key = n.key AND p.updated_at IS NOT DISTINCT FROM n.seen""",
        )
        counts = Rescored(
            *_run(
                con,
                "SELECT count(*), count(*) FILTER (changed), "
                + ", ".join(f"count(*) FILTER (d_{name})" for name in _RESCORE_COUNTS)
                + " FROM changes",
            )[0]
        )
        if scored_by is None:
            _rollback(con)
            return counts
        now, run = _run_time(con)
        _date_ahead(con, now)
        sets = ", ".join(f"{c} = n.{c}" for c in _RESCORED)
        _run(
            con,
            f"UPDATE posts SET {sets}, updated_at = ?, run_id = ? FROM changes n"
            " WHERE n.changed AND posts.rowid = n.rid",
            [now, run],
        )
        _run(con, "DROP TABLE changes")
        _record_scorer(con, scored_by, now, run, config, "rescore", wrote=bool(counts.changed))
        with Terminated.deferred():  # (a SIGTERM as it commits lets it end: the batch is in, and counted)
            _run(con, "COMMIT")
            if committed is not None:
                committed(counts)
    except BaseException:
        _rollback(con)
        raise
    finally:
        with suppress(duckdb.Error, RuntimeError):
            con.unregister("rescored")
    return counts


#: an author as `forget` and ingest compare them: without case or a leading `@` (`@YWalsh` is `ywalsh`)
AUTHOR_SQL = "lower(ltrim(trim(author), '@'))"
#: the account id a post's id holds, where it holds one (Bluesky's `at://did:plc:.../app.bsky.feed.post/...`), else
#: '': a handle changes, the account's DID does not
ACCOUNT_SQL = "lower(regexp_extract(post_id, '^at://(did:[^/]+)/', 1))"
#: where the store remembers an author forgotten (`forget`), by the SHA-256 of `AUTHOR_SQL`'s form: ingest leaves
#: their posts out, so a later fetch or export of them does not put them back
FORGOTTEN = "forgotten:"


def author_forms(authors: Iterable[str]) -> list[str]:
    """Authors as `forget` and ingest compare them: by `AUTHOR_SQL` itself, as the stored ones are (Python's
    `lower` made `İlker` `i̇lker` and a final `Σ` `ς`, DuckDB's `ilker` and `σ`: their posts were not forgotten)."""
    with duckdb.connect(config=CONNECT_CONFIG) as con:
        sql = f"SELECT DISTINCT {AUTHOR_SQL} AS form FROM (SELECT unnest(?::VARCHAR[]) AS author) ORDER BY form"
        return [form for (form,) in con.execute(sql, [list(authors)]).fetchall()]


@dataclass
class Forgotten:
    """What `forget` deleted: posts by the authors named, posts older than the cutoff (and not by them), and the
    posts kept that name one of the authors in their text (replies to them, say)."""

    by_author: int = 0
    older: int = 0
    mentions: int = 0
    unknown: int = 0  # authors named who have no post in the store (a name mistyped, or forgotten already)


def forget(
    path: str | Path,
    *,
    authors: Iterable[str] = (),
    before: pd.Timestamp | str | None = None,
    wait: float = 10.0,
    dry_run: bool = False,
) -> Forgotten:
    """Delete from the store at `path` every post by one of `authors` (compared without case or a leading `@`; an
    account id a post's id holds, a Bluesky DID `did:plc:...`, counts as its author too) and every post created
    before `before` (posts without a time: stored before it), in one transaction, then write the store anew so the
    deleted text is not left in the file's free blocks (DuckDB reuses them, never clears them). The authors are
    remembered by a hash (`FORGOTTEN` in `meta`), so ingest leaves their posts out from then on. `dry_run` counts
    and changes nothing."""
    forms = [form for form in author_forms(authors) if form]
    cutoff = None if before is None else _naive(before, "before")
    named = "(SELECT unnest($authors::VARCHAR[]))"
    by_author = f"({AUTHOR_SQL} IN {named} OR {ACCOUNT_SQL} IN {named})"
    older = "coalesce(created_at, first_seen) < $cutoff" if cutoff is not None else "false"
    params = {"authors": forms, **({"cutoff": cutoff} if cutoff is not None else {})}
    path = Path(path).expanduser()
    with open_store(path, wait=wait, create=False, read_only=dry_run) as con:
        count = f"SELECT count(*) FILTER ({by_author}), count(*) FILTER (NOT ({by_author}) AND {older}) FROM posts"
        done = Forgotten(*con.execute(count, params).fetchall()[0])
        if forms:  # (a reply quoting `@ywalsh`: another's post, kept, told)
            named = " OR ".join(f"contains(lower(text), $m{i})" for i in range(len(forms)))
            kept = f"SELECT count(*) FROM posts WHERE NOT ({by_author}) AND NOT ({older}) AND ({named})"
            done.mentions = con.execute(kept, {**params, **{f"m{i}": f for i, f in enumerate(forms)}}).fetchall()[0][0]
            # (a patient's erasure request with the name mistyped said "forgot 0 posts by 1 author", exit 0)
            unknown = (
                f"SELECT count(*) FROM (SELECT DISTINCT unnest($authors::VARCHAR[]) AS f) AS named WHERE NOT EXISTS"
                f" (SELECT 1 FROM posts WHERE {AUTHOR_SQL} = named.f OR {ACCOUNT_SQL} = named.f)"
            )
            done.unknown = con.execute(unknown, {"authors": forms}).fetchall()[0][0]
        if dry_run:
            return done
        _run(con, "BEGIN TRANSACTION")  # (also when nothing is left to delete: a rewrite that failed is done now)
        try:
            _run(con, f"DELETE FROM posts WHERE {by_author} OR {older}", params)
            # an alert's bullet keeps the example post it quoted (no author: whose it is is not known here), so
            # each loses it (a pending one is sent with its line alone): `forget` left the text in alerts_sent
            _run(
                con, "UPDATE alerts_sent SET message = split_part(message, chr(10), 1) WHERE contains(message, chr(10))"
            )
            if forms:
                hashes = [(FORGOTTEN + hashlib.sha256(f.encode()).hexdigest(), "") for f in forms]
                con.executemany("INSERT OR IGNORE INTO meta VALUES (?, ?)", hashes)
            with Terminated.deferred():
                _run(con, "COMMIT")
        except BaseException:
            _rollback(con)
            raise
        _rewrite(con, _target(path))
    return done


def _rewrite(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Write the store open in `con` anew beside `path` and put it in its place, while `con` still holds the lock:
    a DELETE leaves the rows' bytes in the file (grep finds the text after a CHECKPOINT), a copy holds only what is
    left. The copy gets the store's mode, and its owner and group where it may give them (`sudo brandpulse forget`
    made the cron user's store root's); a run killed meanwhile leaves the store as it was, and its `.NAME.PID.new`
    (removed by the next run that makes one, `_remove_stale`). A copy that fails (no room for it) is a StoreError
    saying that the posts are deleted and what to do: `forget` run again writes the store anew whatever it deletes."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.new")
    leftovers = (temp, temp.with_name(temp.name + ".wal"))
    try:
        _run(con, "CHECKPOINT")
        _remove_stale(path)
        for leftover in leftovers:
            with suppress(FileNotFoundError):
                leftover.unlink()
        name = con.execute("SELECT current_database()").fetchall()[0][0].replace('"', '""')
        copy = f'"{name}_anew"'  # (a name of its own: DuckDB names the store's database after its file)
        _run(con, f"ATTACH ? AS {copy}", [duckdb_name(temp)])
        try:
            _run(con, f'COPY FROM DATABASE "{name}" TO {copy}')
        finally:
            with suppress(duckdb.Error, RuntimeError):  # (the copy's error is the one to tell)
                con.execute(f"DETACH {copy}").fetchall()
        was = path.stat()
        with suppress(OSError, AttributeError):  # (another's: not ours to give; no chown on Windows)
            os.chown(temp, was.st_uid, was.st_gid)
        os.chmod(temp, stat.S_IMODE(was.st_mode))
        os.replace(temp, path)
    except BaseException as exc:
        for leftover in leftovers:
            with suppress(OSError):
                leftover.unlink()
        if isinstance(exc, duckdb.InterruptException) or not isinstance(exc, (duckdb.Error, OSError)):
            raise
        why = f"{exc.strerror}: {exc.filename}" if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise StoreError(
            f"{path}: the posts are deleted, but writing the store anew failed ({why.splitlines()[0]}), so their"
            " texts are still in the file: run `brandpulse forget` again once there is room for a copy of the store"
        ) from exc


def scored_by(path: str | Path, *, wait: float = 10.0) -> dict[str, str] | None:
    """What the store's last ingest of analyzed posts recorded (`ingest_frame`): `version`, `sentiment` (empty: not
    told) and `ingested_at`; None for a store none has been recorded in (its posts stored before stop 40)."""
    with open_store(path, wait=wait, create=False, read_only=True) as con:
        rows = dict(con.execute("SELECT key, value FROM meta WHERE key IN (?, ?, ?)", list(SCORED_BY)).fetchall())
    if not rows:
        return None
    return {key.removeprefix("brandpulse."): rows.get(key, "") for key in SCORED_BY}


def run_configs(path: str | Path, since=None, until=None, *, naming=None, wait: float = 10.0) -> list[dict]:
    """The configs that analyzed the posts created in [since, until) (naming one of `naming`), as the runs that last
    analyzed them recorded (`runs`, by the posts' `run_id`), the most posts first: `file`
    (the name), `path`, `sha256` (None both: no config file), `posts`, `recorded` (False: posts stored before v12, of
    no known run), `analyzed` (False: written by a run that analyzed nothing, `store.ingest` of a frame without its
    analysis, which kept the stored one; None: not recorded)."""
    with open_store(path, wait=wait, create=False, read_only=True) as con:
        where, params = _period_where(since, until)
        _naming_where(con, naming, where, params)
        rows = _run(
            con,
            "SELECT r.run_id IS NOT NULL, r.config_path, r.config_sha256, r.sentiment IS NOT NULL, count(*)"
            " FROM posts p LEFT JOIN runs r ON r.run_id = p.run_id"
            + (f" WHERE {' AND '.join(where)}" if where else "")
            + " GROUP BY ALL ORDER BY 5 DESC, 2, 3, 4 DESC",
            params,
        )
    return [
        {
            "file": where and Path(where).name,
            "path": where,
            "sha256": sha,
            "posts": n,
            "recorded": known,
            "analyzed": analyzed if known else None,
        }
        for known, where, sha, analyzed, n in rows
    ]


def query_posts(
    con: duckdb.DuckDBPyConnection,
    since: pd.Timestamp | str | None = None,
    until: pd.Timestamp | str | None = None,
    brands: list[str] | None = None,
    *,
    others: bool = False,
    columns: list[str] | None = None,
    only_in: tuple | None = None,
    naming: list[str] | None = None,
    stored_since: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Enriched posts created in [since, until), in the canonical dtypes (UTC timestamps): the schema's `columns` (by
    default all); of `only_in` = (start, end, names), those named are read for the posts created in [start, end) alone,
    missing for the others (a report's period reads the texts and urls its post tables list, its comparison period
    only counts brands, topics and intents: a quarter and the one before read whole took 1.5 GB); of (start, end,
    names, *intents), for the posts of those intents too (the comparison period's suggestions, whose words are
    counted, and the config's own intents to answer, which the topics tables read again).
    With `brands` (a config's), each post's `brands` names only those: a brand removed from the config since it was
    ingested is none of the post's, as an analysis with that config would find (its posts were counted as one of
    ours, with a share of voice). A stored name is read as the one of `brands` it differs from in case alone
    (`skyway` stored, `Skyway` configured: the config's brand, with its history), in `brands` and `brand_sentiments`
    alike, which keeps the other brands' own scores, so a post naming one of them and a removed brand keeps its
    brand's own score.
    `others`: the stored brands that are none of `brands` are kept too (brands given by `--brand` alone, or none:
    `brands=[]`), those differing in case alone as one brand, spelt as the newest post names it (`skyway` ingested
    with one config, `Skyway` with the next: Skyway, with its history; they were two brands). `naming`: only the posts
    naming one of these brands, in any case (`_naming_where`: a client's report from a shared store).
    `stored_since`: a boolean column `stored_new` more, whether the post was first stored then or later (`queue
    --stored-since`: the posts of a window all read, as their replies are, the new ones alone queued)."""
    where, params = _period_where(since, until)
    _naming_where(con, naming, where, params)
    fields = list(columns) if columns is not None else [*POST_FIELDS, *ENRICHED_FIELDS]
    # (list comprehensions: DuckDB 2 refuses the `x -> ...` lambdas DuckDB 1.2 knows alone)
    if brands is not None and {"brands", "brand_sentiments"} & set(fields):
        # (named parameters: DuckDB 1.2 numbers a comprehension's `?` in another order than 2.0)
        sep = f"'{LIST_SEPARATOR}'"
        named = "list_extract($names, list_position($folded, lower({})))"  # a stored name's configured one, or NULL
        kept = (
            f"array_to_string([coalesce({named.format('b')}, b) for b in string_split(brands, {sep})"
            f" if $others OR list_contains($folded, lower(b))], {sep})"
        )
        kept = f"if(brands IS NULL, NULL, coalesce({kept}, ''))"  # (no brand left: '' as stored; DuckDB 1.2 gave NULL)
        pair = "regexp_replace(p, '=[^=]*$', '')"  # (split at the last `=`: a name may hold one, LV=)
        own = (
            f"array_to_string([coalesce({named.format(pair)} || regexp_extract(p, '=[^=]*$'), p)"
            f" for p in string_split(brand_sentiments, {sep})], {sep})"
        )
        own = f"if(coalesce(brand_sentiments, '') = '', brand_sentiments, {own})"
        fields = [
            {"brands": f"{kept} AS brands", "brand_sentiments": f"{own} AS brand_sentiments"}.get(f, f) for f in fields
        ]
        # (folded by DuckDB, as the stored names are: Python's lower() ends "ΚΩΤΣΟΒΟΛΟΣ" in ς and dots "İ", so a name
        # stored as configured was none; unique, as a config names no brand twice in any case)
        names = list(brands)
        if others:  # (after the configured names, which list_position finds first)
            names += [row[0] for row in con.execute(_NEWEST_SPELLINGS, [LIST_SEPARATOR]).fetchall()]
        folded = con.execute("SELECT [lower(b) for b in $names]", {"names": names}).fetchall()[0][0]
        params.update(names=names, folded=folded or [], others=others)
    if only_in is not None:
        start, end, detail, *intent = only_in
        params.update(only_since=_naive(start, "since"), only_until=_naive(end, "until"))
        inside = "created_at >= $only_since AND created_at < $only_until"
        if intent:  # (and of the posts of these intents: the report's suggestions of the comparison period, counted,
            # and the config's own intents to answer, which the topics tables read again: `metrics._complaints`)
            inside = f"({inside} OR list_has_any($only_intents, {_TAGGED}))"
            params["only_intents"] = [name.lower() for name in intent]
        fields = [
            f"if({inside}, {f.removesuffix(f' AS {c}')}, NULL) AS {c}" if c in detail else f
            for c, f in zip(columns or [*POST_FIELDS, *ENRICHED_FIELDS], fields, strict=True)
        ]
    # (in time order, then by key: sorted in Arrow, `_arrow`)
    if stored_since is not None:  # (a post without a first_seen, of an old store: stored before)
        fields = [*fields, "coalesce(first_seen >= $stored_since, false) AS stored_new"]
        params["stored_since"] = _naive(stored_since, "stored_since")
    sql = f"SELECT {', '.join(fields)}, {_ORDER_SQL} FROM posts" + (f" WHERE {' AND '.join(where)}" if where else "")
    read = _arrow(con, sql, params, order=list(_ORDER))
    out = to_canonical(read)
    if stored_since is not None:
        out["stored_new"] = read["stored_new"].to_numpy(dtype=bool)
    return out


#: each stored post's intents, folded, as a list (`intents`, or a store's before v14 `intent`)
_TAGGED = f"string_split(lower(coalesce(intents, intent, '')), '{LIST_SEPARATOR}')"


def _intents_where(intents: list[str] | None, where: list[str], params: dict) -> None:
    """Adds to `where` and `params` the posts with one of `intents` among their intents, in any case (`has_intent`'s
    reading, in SQL): `report --intent`'s baseline of distinct texts."""
    if intents is None:
        return
    where.append(f"list_has_any($intents, {_TAGGED})")
    params["intents"] = [name.lower() for name in intents] or [""]


def _naming_where(con: duckdb.DuckDBPyConnection, naming: list[str] | None, where: list[str], params: dict) -> None:
    """Adds to `where` and `params` the posts naming one of the brands `naming`, stored in any case (folded by DuckDB,
    as `query_posts` folds them), in SQL: a report of one client's brands from a store of twenty read the posts of
    them alone, not every post of the period to be filtered after."""
    if naming is None:
        return
    folded = con.execute("SELECT [lower(b) for b in $names]", {"names": list(naming)}).fetchall()[0][0]
    where.append(
        f"brands <> '' AND list_has_any([lower(b) for b in string_split(brands, '{LIST_SEPARATOR}')], $naming)"
    )
    params["naming"] = folded or [""]  # (none: no post; '' is no stored brand, as `brands <> ''` says)


#: each stored brand name, folded (DuckDB's lower), as the newest post naming it spells it
_NEWEST_SPELLINGS = """
    SELECT first(b ORDER BY created_at DESC NULLS LAST, key DESC) FROM (
        SELECT unnest(string_split(brands, ?)) AS b, created_at, key FROM posts WHERE brands <> ''
    ) WHERE b <> '' GROUP BY lower(b) ORDER BY lower(b)
"""


#: the columns `query_posts` orders the posts by, as read for that alone: (created_at, key)
_ORDER = {"_order_time": "created_at", "_order_key": "key"}
_ORDER_SQL = ", ".join(f"{c} AS {name}" for name, c in _ORDER.items())
#: the bytes of a string column from which `_arrow` sorts it as `large_string`: a column is taken whole, and past 2 GB
#: `string`'s 32-bit offsets overflow (cast, a quarter's texts took 90 MB more at the peak)
_LARGE = 2**31 - 2**24


def _arrow(con: duckdb.DuckDBPyConnection, sql: str, params: dict, order: list[str] | None = None) -> pd.DataFrame:
    """The rows of a query, their strings as Arrow strings (`STRING`) and counts as `Int64` straight from DuckDB's Arrow
    result: `.df()` made each string a Python object first, five times the memory of the posts read. `order`: columns
    of the result to sort the rows by, ascending, nulls last, as `ORDER BY` does, then left out. Sorted in Arrow:
    DuckDB's `ORDER BY` sorted every column read with them (texts and all), 120 MB more at the peak of reading a
    quarter's 656,548 posts (docs/scale.md, stop 40)."""
    Terminated.check()
    table = con.sql(sql, params=params).to_arrow_table()
    if order:
        indices = pc.sort_indices(table, [(c, "ascending") for c in order])  # (nulls at the end)
        table = table.drop_columns(order)
        for i, column in enumerate(table.columns):  # (taken whole: 2 GB of strings overflow `string`'s offsets)
            if column.type == pa.string() and column.nbytes >= _LARGE:
                table = table.set_column(i, table.field(i).with_type(pa.large_string()), column.cast(pa.large_string()))
        table = table.take(indices)
        Terminated.check()
    kinds = {pa.string(): STRING, pa.large_string(): STRING, pa.int64(): pd.Int64Dtype()}
    return table.to_pandas(types_mapper=kinds.get, self_destruct=True)


def to_canonical(df: pd.DataFrame) -> pd.DataFrame:
    """`df`'s schema columns (those it has) in the canonical dtypes."""
    out = {}
    for c, (dtype, _) in _STORED.items():
        if c not in df.columns:
            continue
        s = df[c]
        if dtype == TIMESTAMP:
            s = pd.to_datetime(s)
            s = s.dt.tz_localize("UTC") if s.dt.tz is None else s.dt.tz_convert("UTC")
            s = s.astype(TIMESTAMP)
        else:
            s = s.astype(dtype)
        out[c] = s
    frame = pd.DataFrame(out)
    return frame


def _period_where(since, until) -> tuple[list[str], dict]:
    """The WHERE terms and named parameters of posts created in [since, until) (either may be None)."""
    where, params = [], {}
    if since is not None:
        where.append("created_at >= $since")
        params["since"] = _naive(since, "since")
    if until is not None:
        where.append("created_at < $until")
        params["until"] = _naive(until, "until")
    return where, params


def _naive(ts: pd.Timestamp | str, what: str) -> pd.Timestamp:
    """`since`/`until` as the store keeps times (UTC, no zone); a string as `--since` reads it (a bad one
    was pandas' DateParseError, `2/11/2026` was read month first, `today` the local midnight)."""
    from .times import parse_time

    return parse_time(ts, what).tz_localize(None).to_pydatetime()


def load_posts(
    path: str | Path,
    since: pd.Timestamp | str | None = None,
    until: pd.Timestamp | str | None = None,
    *,
    wait: float = 10.0,
    brands: list[str] | None = None,
    others: bool = False,
    columns: list[str] | None = None,
    only_in: tuple | None = None,
    naming: list[str] | None = None,
    stored_since: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """The stored posts created in [since, until): times, or dates as `--since` reads them (`2026-11-02`,
    `today`); without a zone, UTC. `brands` (a config's brand names): the only brands the posts name, stored names
    differing from them in case alone read as theirs; `others`: the other stored brands kept too; `columns`, `only_in`:
    the columns read, and those read in a part of the time alone; `naming`: only the posts naming one of these brands
    (`query_posts`); `stored_since`: a column `stored_new` more (`query_posts`)."""
    with open_store(path, wait=wait, create=False, read_only=True) as con:
        return query_posts(
            con,
            since,
            until,
            brands,
            others=others,
            columns=columns,
            only_in=only_in,
            naming=naming,
            stored_since=stored_since,
        )


def text_copies(
    path: str | Path,
    since: pd.Timestamp | str | None = None,
    until: pd.Timestamp | str | None = None,
    *,
    handles: set[str] | frozenset[str] = frozenset(),
    wait: float = 10.0,
    rows: int = 20_000,
    naming: list[str] | None = None,
    intents: list[str] | None = None,
) -> Iterator[pd.DataFrame]:
    """Each distinct (`text`, `lang`) of the posts created in [since, until) (as `load_posts` reads times) and how many
    posts hold it (`posts`), in no order, `rows` at a time: what a report's baseline needs (its emerging terms'
    background in each post's language). The posts of authors who are `handles` (normalized: `own_handles`) are left
    out; retweets of them are not (their texts tell them: `by_own_handle`). A quarterly report's baseline is the four
    quarters before it, a year of posts: read whole, their texts made Python strings to be counted per distinct text,
    it took gigabytes; DuckDB counts them, read as Arrow strings (a few hundred MB for a year), and they are made
    Python strings a batch at a time. `naming`: of the posts naming one of these brands alone (`query_posts`);
    `intents`: of the posts with one of these among their intents alone (`report --intent`)."""
    from .enrich.brands import normalize_author

    where, params = _period_where(since, until)
    with open_store(path, wait=wait, create=False, read_only=True) as con:
        _naming_where(con, naming, where, params)
        _intents_where(intents, where, params)
        if handles:  # (the authors, each once, in Python: `normalize_author`'s casefold is not DuckDB's lower)
            sql = "SELECT DISTINCT author FROM posts WHERE " + " AND ".join([*where, "author IS NOT NULL"])
            own = [a for (a,) in _run(con, sql, params) if normalize_author(a) in handles]
            if own:
                where.append("(author IS NULL OR NOT list_contains($own, author))")
                params["own"] = own
        sql = "SELECT text, lang, count(*) AS posts FROM posts" + (f" WHERE {' AND '.join(where)}" if where else "")
        Terminated.check()
        # (read whole as Arrow strings, and the store let go: counting the terms takes longer than reading, and an
        # `ingest` of a cron job waited for it all, up to its --wait, then failed as busy)
        table = con.sql(sql + " GROUP BY text, lang", params=params).to_arrow_table()
    return _frames(table, rows)


def _frames(table: pa.Table, rows: int) -> Iterator[pd.DataFrame]:
    """`table` as frames of `rows` rows, made as they are asked for (`text_copies`: read when called, not when first
    asked for, so a `reading` block that holds the store for the reads lets go before the terms are counted)."""
    kinds = {pa.string(): STRING, pa.large_string(): STRING}.get
    for batch in table.to_batches(rows):
        yield batch.to_pandas(types_mapper=kinds)
        Terminated.check()


def _scoped(dest: str | tuple[str, ...], keys) -> list[str]:
    """`keys` as remembered for each of the destinations `dest` (`notify.destinations`)."""
    return [f"{d} {k}" for d in ((dest,) if isinstance(dest, str) else dest) for k in keys]


def sent_alerts(con: duckdb.DuckDBPyConnection, keys: list[str], dest: str | tuple[str, ...]) -> set[str]:
    """Of `keys`, the alerts sent to `dest` (`notify.destination`, or several: `notify.destinations`), or printed
    and waiting for it (`pending_alerts`), or remembered before stop 32 (sent to all): none is new."""
    if not keys:
        return set()
    rows = _run(
        con, "SELECT alert_key FROM alerts_sent WHERE alert_key IN (SELECT unnest(?))", [keys + _scoped(dest, keys)]
    )
    return {r[0].split(" ", 1)[1] if r[0].startswith("@") else r[0] for r in rows}


def alert_levels(con: duckdb.DuckDBPyConnection, keys: list[str], dest: str | tuple[str, ...]) -> dict[str, int]:
    """Of `keys`, the levels remembered for `dest` (`alert_keys.level_key`) of the last alert sent for each
    one's spike."""
    from .alert_keys import levels, own

    if not keys:
        return {}
    rows = _run(
        con,
        # (the key before the last ^: a brand's name may hold one)
        "SELECT alert_key FROM alerts_sent WHERE regexp_matches(alert_key, '\\^[0-9]+$')"
        " AND regexp_replace(alert_key, '\\^[0-9]+$', '') IN (SELECT unnest(?))",
        [_scoped(dest, keys)],
    )
    return levels(own([r[0] for r in rows], dest).values(), keys)


def pending_alerts(con: duckdb.DuckDBPyConnection, dest: str | tuple[str, ...] | None) -> dict[str, str]:
    """Alerts printed whose webhook `dest` failed or was cut short (no `sent_at`), key -> message, for its next
    run: the window has often moved past them by then. (Those of stop 31, of no destination, are any webhook's.)
    `dest` None: those of every destination, by their keys as remembered (`@webhook:HASH KEY`)."""
    rows = _run(con, "SELECT alert_key, message FROM alerts_sent WHERE sent_at IS NULL ORDER BY alert_key")
    if dest is None:
        return dict(rows)
    from .alert_keys import own

    mine = own([k for k, _ in rows], dest)
    return {mine[k]: m for k, m in rows if k in mine}


def mark_alerts_sent(
    con: duckdb.DuckDBPyConnection, alerts: dict[str, str], dest: str | tuple[str, ...], *, pending: bool = False
) -> None:
    """Remember `alerts` (key -> message) as sent to `dest` (the first of several), so its next run does not send
    them again; with `pending`, before the webhook is sent: until they are marked sent they are `pending_alerts`."""
    dests = (dest,) if isinstance(dest, str) else dest
    sent_at = None if pending else _utc_now()
    # all or none, a SIGTERM or Ctrl-C let end these few statements: stopped between two, the alerts after it were
    # not remembered, and the next run sent them again while it knew the others sent
    with Terminated.deferred(), _transaction(con):
        for key, message in alerts.items():  # (a pending alert gets its sent_at; a sent one keeps it)
            _run(
                con,
                "INSERT INTO alerts_sent VALUES (?, ?, ?)"
                " ON CONFLICT DO UPDATE SET sent_at = coalesce(alerts_sent.sent_at, excluded.sent_at)",
                [f"{dests[0]} {key}", sent_at, message],
            )
        if not pending:  # (one of stop 31 pending for any webhook is this one's, and so is one of its other names)
            close_alerts(con, list(alerts) + _scoped(dests[1:], alerts), sent_at)


def close_alerts(con: duckdb.DuckDBPyConnection, keys: list[str], sent_at: datetime | None = None) -> None:
    """Alerts pending (by their keys as remembered) that are done with: sent, or dropped as too late to matter."""
    _run(
        con,
        "UPDATE alerts_sent SET sent_at = ? WHERE sent_at IS NULL AND alert_key IN (SELECT unnest(?))",
        [sent_at or _utc_now(), keys],
    )


def to_adopt(con: duckdb.DuckDBPyConnection, old: str, new: str) -> int:
    """How many alerts remembered for destination `old` `adopt_alerts` would change for `new`: not remembered for
    `new` yet, pending for `old`, or sent to `old` and pending for `new`."""
    return _run(
        con,
        """SELECT count(*) FROM alerts_sent o LEFT JOIN alerts_sent n
           ON n.alert_key = $new || substr(o.alert_key, length($old) + 1)
           WHERE starts_with(o.alert_key, $old)
           AND (n.alert_key IS NULL OR o.sent_at IS NULL OR n.sent_at IS NULL)""",
        {"old": f"{old} ", "new": f"{new} "},
    )[0][0]


def adopt_alerts(con: duckdb.DuckDBPyConnection, old: str, new: str) -> None:
    """The alerts remembered for destination `old` are `new`'s too (a webhook given a name takes over its URL's):
    those sent are copied, so a job still posting to that URL without the name does not send them again; those
    pending are moved, so one run sends them. One remembered for both is sent when either was."""
    params = {"old": f"{old} ", "new": f"{new} "}
    with _transaction(con):
        _run(
            con,
            """INSERT INTO alerts_sent SELECT $new || substr(alert_key, length($old) + 1), sent_at, message
               FROM alerts_sent WHERE starts_with(alert_key, $old)
               ON CONFLICT DO UPDATE SET sent_at = coalesce(alerts_sent.sent_at, excluded.sent_at)""",
            params,
        )
        _run(con, "DELETE FROM alerts_sent WHERE starts_with(alert_key, ?) AND sent_at IS NULL", [params["old"]])


def brand_names(path: str | Path, *, wait: float = 10.0) -> set[str]:
    """The brands the stored posts name, at any time (what `queue --for-brand` can name without a config)."""
    sql = "SELECT DISTINCT unnest(string_split(brands, ?)) FROM posts WHERE brands <> ''"
    with open_store(path, wait=wait, create=False, read_only=True) as con:
        return {row[0] for row in con.execute(sql, [LIST_SEPARATOR]).fetchall() if row[0]}


def authors_among(path: str | Path, handles: set[str], *, wait: float = 10.0) -> set[str]:
    """Which of `handles` (normalized: `own_handles`) wrote a stored post, at any time: a brand that posts under its
    own handles alone (a council, a regulator) is named by no stored post, and ingesting again would not change it."""
    from .enrich.brands import normalize_author

    if not handles:
        return set()
    forms = sorted(handles | {h.lower() for h in handles})  # (DuckDB's lower, then `normalize_author`'s casefold)
    sql = f"SELECT DISTINCT author FROM posts WHERE {AUTHOR_SQL} IN (SELECT unnest($forms))"
    with open_store(path, wait=wait, create=False, read_only=True) as con:
        found = {normalize_author(a) for (a,) in _run(con, sql, {"forms": forms})}
    return found & handles


def post_range(path: str | Path, *, wait: float = 10.0) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """When the oldest and the newest stored posts were created (None: no post has a time), to tell a user whose
    period is empty where the data is: the newest alone did not show a period asked for in the wrong year."""
    with open_store(path, wait=wait, create=False, read_only=True) as con:
        oldest, newest = con.execute("SELECT min(created_at), max(created_at) FROM posts").fetchall()[0]
    return (
        None if newest is None else (pd.Timestamp(oldest).tz_localize("UTC"), pd.Timestamp(newest).tz_localize("UTC"))
    )


def post_count(path: str | Path, *, wait: float = 10.0) -> int:
    """How many posts the store holds (with `post_range`, how often they come: `spikes.usual_gap`)."""
    with open_store(path, wait=wait, create=False, read_only=True) as con:
        return con.execute("SELECT count(*) FROM posts").fetchone()[0]


def newest_naming(path: str | Path, names: list[str], *, wait: float = 10.0) -> dict[str, pd.Timestamp | None]:
    """When the newest stored post naming each brand of `names` (in any case, as `_naming_where`) was created (None:
    no post names it): `alerts --for-brand --stale-after`, where the store's newest post of any brand hid a brand
    whose fetch had stopped."""
    sql = (
        "SELECT lower(b), max(created_at) FROM (SELECT unnest(string_split(brands, $sep)) AS b, created_at FROM posts"
        " WHERE brands <> '' AND created_at IS NOT NULL) WHERE lower(b) IN (SELECT lower(unnest($names))) GROUP BY 1"
    )
    with open_store(path, wait=wait, create=False, read_only=True) as con:
        rows = dict(con.execute(sql, {"sep": LIST_SEPARATOR, "names": list(names)}).fetchall())
        folded = con.execute("SELECT [lower(b) for b in $names]", {"names": list(names)}).fetchall()[0][0]
    return {
        name: None if rows.get(low) is None else pd.Timestamp(rows[low]).tz_localize("UTC")
        for name, low in zip(names, folded, strict=True)
    }


def untimed_posts(path: str | Path, *, wait: float = 10.0) -> int:
    """How many stored posts have no time (an export without a time column): in no period, so in no report or
    alert, which said the store "holds no posts" when it held only such."""
    with open_store(path, wait=wait, create=False, read_only=True) as con:
        return con.execute("SELECT count(*) FROM posts WHERE created_at IS NULL").fetchall()[0][0]


def late_posts(
    path: str | Path, key: str, since: pd.Timestamp, before: pd.Timestamp, *, wait: float = 10.0
) -> tuple[pd.Series, str | None]:
    """When the posts created in [since, before) that were stored after the time the store's `meta` remembers under
    `key` (`said_once`) were created (none when it remembers none), and the time the newest post was stored, to
    remember there for the next run: posts an `alerts` job's last run had not seen, created before its checked hours.
    Newest no later than now where it is `AHEAD` of now (stored by a clock that was ahead: the runs after it store
    their posts at their own times, before it, and `alerts` took none of them for late until that time came)."""
    utc = [t.tz_convert("UTC").tz_localize(None) for t in (since, before)]
    now = _utc_now()
    with open_store(path, wait=wait, create=False, read_only=True) as con:
        seen = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchall()
        newest = con.execute(
            "SELECT (CASE WHEN max(first_seen) >= $ahead THEN $now ELSE max(first_seen) END)::VARCHAR FROM posts",
            {"ahead": now + AHEAD, "now": now},
        ).fetchall()[0][0]
        rows = []
        if seen:
            rows = con.execute(
                "SELECT DISTINCT created_at FROM posts WHERE first_seen > ?::TIMESTAMP"
                " AND created_at >= ? AND created_at < ?",
                [seen[0][0], *utc],
            ).fetchall()
    return pd.Series([r[0] for r in rows], dtype="datetime64[us]").dt.tz_localize("UTC"), newest


def move_late_mark(
    path: str | Path, key: str, seen: str, until: pd.Timestamp, now: pd.Timestamp, *, wait: float = 10.0
) -> None:
    """Remember under `key` in the store's `meta` that the posts stored up to `seen` (`late_posts`) were checked by a
    run whose buckets reach `until`, unless a run whose buckets reach later did (under `key` + " until"): a run by hand
    over past days (`alerts --until 2026-10-19`, the cron job's config, bucket and webhook) moved the mark on, and the
    cron job's next run took the posts stored meanwhile for checked. A mark without that time (kept by stop 39) is
    taken for one of a run up to `now` (as a cron job's): the first run by hand over past days after the upgrade moved
    it on. Nothing when the store cannot be written."""

    def reached(known: dict) -> str:
        return known.get(mark, f"{now.tz_convert('UTC'):%Y-%m-%dT%H:%M}Z" if key in known else "")

    reach, mark = f"{until.tz_convert('UTC'):%Y-%m-%dT%H:%M}Z", f"{key} until"  # (fixed width: compared as text)
    sql = "SELECT key, value FROM meta WHERE key IN (?, ?)"
    try:  # (looked up as a reader first, as `said_once`)
        with open_store(path, wait=wait, create=False, read_only=True) as con:
            known = dict(con.execute(sql, [key, mark]).fetchall())
        if reached(known) > reach or known == {key: seen, mark: reach} or cannot_write(path):
            return
        with open_store(path, wait=wait, create=False) as con:
            if reached(dict(_run(con, sql, [key, mark]))) <= reach:  # (a later run's, meanwhile)
                _run(con, "INSERT OR REPLACE INTO meta VALUES (?, ?), (?, ?)", [key, seen, mark, reach])
    except StoreError:
        pass


def redaction_key(path: str | Path, *, wait: float = 10.0, create: bool = True) -> bytes:
    """The store's own secret (`meta`'s `REDACT_KEY`, made by the first run that needs it) by which `alerts -f jsonl
    --redact` names a safety post (`keyed_hash`): one post has one name in every run, dry runs too (named by a key of
    the run, a consumer deduplicating by `key` saw new keys every run), and who has the output alone cannot tell which
    post it is (whoever can read the store reads the ids themselves). A StoreError saying why when the store holds
    none and none is made: `create` False (a dry run writes nothing), the store another user's, or busy (the caller
    then names the posts by a key of its own, and says so: it did without a word)."""
    sql = "SELECT value FROM meta WHERE key = ?"
    with open_store(path, wait=wait, create=False, read_only=True) as con:  # (looked up as a reader first)
        rows = con.execute(sql, [REDACT_KEY]).fetchall()
    if not rows:
        none = f"{path}: the store has no redact key yet"
        if not create:
            raise StoreError(f"{none}, and a dry run makes none")
        if why := cannot_write(path):
            raise StoreError(f"{none}, and this user cannot write it ({why})")
        try:
            with open_store(path, wait=wait, create=False) as con:  # (another run's, made meanwhile, kept)
                _run(con, "INSERT INTO meta VALUES (?, ?) ON CONFLICT DO NOTHING", [REDACT_KEY, secrets.token_hex(32)])
                rows = _run(con, sql, [REDACT_KEY])
        except StoreError as exc:
            raise StoreError(f"{none}, and it could not be made: {exc}") from None
    return bytes.fromhex(rows[0][0])


def said_once(path: str | Path, key: str, value: str, *, wait: float = 10.0) -> bool:
    """Whether `value` is new under `key` in the store's `meta` table, which then remembers it: a message to give
    once (`alerts -q` on a store that stopped getting posts: once a day, not every hour). Looked up as a reader (a
    notebook holding the store made each run wait for the write lock, then say it again); True, to say it again,
    when the store cannot be written (another user's, or busy)."""
    sql = "SELECT value FROM meta WHERE key = ?"
    try:
        with open_store(path, wait=wait, create=False, read_only=True) as con:
            if con.execute(sql, [key]).fetchall() == [(value,)]:
                return False
        if not cannot_write(path):
            with open_store(path, wait=wait, create=False) as con:
                _run(con, "INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])
    except StoreError:
        pass
    return True
