"""Small hand-made data for the store, report, alerts and queue tests (imported by test_history_*.py)."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

from brandpulse.config import Brand, Config
from brandpulse.schema import ENRICHED_FIELDS, STRING, conform

CONFIG_TOML = """
[brands.Skyway]
terms = ["Skyway", "@SkywayAir"]
handles = ["@SkywayAir"]

[brands.Aerolux]
terms = ["Aerolux"]
competitor = true

[topics.delays]
keywords = ["delay*", "late"]

[topics.refunds]
keywords = ["refund*"]
"""


def config() -> Config:
    return Config(
        brands=[Brand("A", ["A"], handles=["@A_help"]), Brand("B", ["B"], competitor=True)],
    )


def enriched(rows: list[dict]) -> pd.DataFrame:
    """Enriched posts from dicts: sentiment labels set by hand, so tests do not depend on an analyzer."""
    df = pd.DataFrame(rows)
    df["created_at"] = pd.to_datetime(df["created_at"], utc=True)
    for col in ("author_followers", "likes", "reposts", "replies"):
        if col in df:
            df[col] = pd.array(df[col], dtype="Int64")
    label_score = {"positive": 0.5, "neutral": 0.0, "negative": -0.5}
    if "sentiment" not in df:
        df["sentiment"] = df["sentiment_label"].map(label_score)
    out = conform(df, extra=[c for c in df.columns if c in ENRICHED_FIELDS or c == "intent"])
    for col, (dtype, _) in ENRICHED_FIELDS.items():
        if col not in out:
            out[col] = pd.Series([pd.NA] * len(out), dtype=dtype) if dtype is STRING else float("nan")
        out[col] = out[col].astype(dtype)
    out["brands"] = out["brands"].fillna("")
    out["topics"] = out["topics"].fillna("")
    return out


def post(i, when, brands, label, topics="", author=None, followers=0, likes=0, **extra) -> dict:
    return {
        "post_id": str(i),
        "platform": "twitter",
        "created_at": when,
        "author": author or f"user{i}",
        "author_followers": followers,
        "text": f"post {i} about {brands or 'nothing'}",
        "url": f"https://x.com/u/status/{i}",
        "likes": likes,
        "reposts": 0,
        "replies": 0,
        "brands": brands,
        "sentiment_label": label,
        "topics": topics,
        **extra,
    }


def ten_posts() -> pd.DataFrame:
    """7 posts in the week 2026-11-02..08 and 3 in the week before; the expected numbers are in the tests."""
    return enriched(
        [
            post(1, "2026-11-02T09:00Z", "A", "positive", "delays", author="u1", followers=100, likes=10),
            post(2, "2026-11-02T10:00Z", "A", "negative", "delays", author="u2", followers=5000),
            post(3, "2026-11-03T10:00Z", "A", "negative", "delays;refunds", author="u3", followers=50),
            post(4, "2026-11-04T10:00Z", "A", "neutral", "", author="u1", followers=100),
            post(5, "2026-11-05T10:00Z", "B", "positive", "refunds", author="u4", followers=300),
            post(6, "2026-11-06T10:00Z", "A;B", "positive", "", author="u4", followers=300),
            post(7, "2026-11-08T23:59Z", "", "neutral", "", author="u5", followers=10),
            post(11, "2026-10-27T10:00Z", "A", "positive", "delays", author="u6", followers=10),
            post(12, "2026-10-28T10:00Z", "B", "negative", "refunds", author="u7", followers=10),
            post(13, "2026-11-01T23:59Z", "B", "positive", "", author="u8", followers=10),
        ]
    )


def daily_posts(brand: str, start: str, days: int, per_day: int, negative: int, first_id: int = 0) -> list[dict]:
    """`per_day` posts a day (at 10:00 + i minutes), `negative` of them negative, the rest neutral."""
    rows = []
    n = first_id
    for d in range(days):
        day = pd.Timestamp(start, tz="UTC") + pd.Timedelta(days=d)
        for i in range(per_day):
            n += 1
            label = "negative" if i < negative else "neutral"
            rows.append(post(n, day + pd.Timedelta(hours=10, minutes=i), brand, label))
    return rows


def spike_csv_rows(spike: bool) -> list[dict]:
    """Raw posts (text only, analyzed by TextBlob) for 2026-09-28 .. 2026-10-25: Skyway 10 a day, 3 negative;
    Aerolux 10 a day. With `spike`, 2026-10-20 has 60 Skyway posts, 48 of them negative."""
    texts = {"neg": "Skyway lost my bag, awful service", "neu": "Skyway flight today", "comp": "Aerolux flight today"}
    rows = []
    n = 0
    for d in range(28):
        day = pd.Timestamp("2026-09-28", tz="UTC") + pd.Timedelta(days=d)
        heavy = spike and day == pd.Timestamp("2026-10-20", tz="UTC")
        count, neg = (60, 48) if heavy else (10, 3)
        for i in range(count):
            n += 1
            rows.append(
                {
                    "post_id": str(n),
                    "platform": "twitter",
                    "created_at": (day + pd.Timedelta(hours=8, minutes=i * 5)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "author": f"user{n % 37}",
                    "author_followers": 100 + n,
                    "text": texts["neg"] if i < neg else texts["neu"],
                    "url": f"https://x.com/u/status/{n}",
                    "likes": n % 5,
                }
            )
        for i in range(10):
            n += 1
            rows.append(
                {
                    "post_id": str(n),
                    "platform": "twitter",
                    "created_at": (day + pd.Timedelta(hours=9, minutes=i * 5)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "author": f"fan{n % 11}",
                    "author_followers": 50,
                    "text": texts["comp"],
                    "url": f"https://x.com/f/status/{n}",
                    "likes": 0,
                }
            )
    return rows


def write_csv(path, rows: list[dict]) -> str:
    pd.DataFrame(rows).to_csv(path, index=False)
    return str(path)


def copy_store(built, tmp_path):
    """A test's own copy of a store built once for its module (a real DuckDB file, as `ingest` left it): each test
    may write to it, the next one starts from the same store, and the posts are analyzed and stored once."""
    import shutil
    from pathlib import Path

    db = Path(tmp_path) / Path(built).name
    shutil.copy(built, db)
    return db


#: a process that takes the store's write lock, as an `ingest` would, and holds it until its stdin ends
TRY_LOCK = """
import sys, duckdb
try:
    con = duckdb.connect(sys.argv[1])
except duckdb.IOException:
    print("busy", flush=True)
    sys.exit()
print("locked", flush=True)
sys.stdin.read()  # (held until killed: it slept 60 s, which a loaded CI could outlast)
"""


def a_writer_gets(db) -> str:
    """Whether another process, an `ingest` of a cron job, could take the store's write lock now: "locked" or
    "busy" (this process holds the store)."""
    taken = subprocess.run([sys.executable, "-c", TRY_LOCK, str(db)], input="", capture_output=True, text=True)
    return taken.stdout.strip()
