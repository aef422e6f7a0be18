"""`brandpulse fetch --about BRAND`: comments of our own video (a subreddit of our product, replies to our account)
rarely name the brand, and the brand filter dropped them all. Against a real HTTP server on 127.0.0.1 serving
YouTube commentThreads pages, as the API answers them."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner
from werkzeug.wrappers import Response

from brandpulse import store
from brandpulse.cli import main

KEY = "FAKE-YT-KEY-4b2d8e1a9c"
#: a product video's comments, newest first: two name no brand, one names the competitor
COMMENTS = [
    ("c1", "2026-11-30T10:00:00Z", "the new timeline view is great"),
    ("c2", "2026-11-29T10:00:00Z", "how do I export to CSV? I can't find it anywhere"),
    ("c3", "2026-11-28T10:00:00Z", "Rival has had this for years"),
]
CONFIG = """
[brands.Acme]
terms = ["Acme", "@acmehq"]

[brands.Rival]
terms = ["Rival"]
competitor = true
"""


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for var in ("BRANDPULSE_YOUTUBE_API_KEY", "BRANDPULSE_STORE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("BRANDPULSE_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "brands.toml").write_text(CONFIG)


def thread(cid: str, published: str, text: str) -> dict:
    """A commentThread as the Data API gives it (the shape of the shared data's api-samples/youtube.json)."""
    snippet = {"videoId": "vid1", "textOriginal": text, "authorDisplayName": f"viewer {cid}", "publishedAt": published}
    top = {"kind": "youtube#comment", "id": cid, "snippet": snippet | {"likeCount": 0}}
    body = {"videoId": "vid1", "topLevelComment": top, "totalReplyCount": 0, "isPublic": True}
    return {"kind": "youtube#commentThread", "id": cid, "snippet": body}


def serve(httpserver, comments=COMMENTS, fail_after: int | None = None) -> list:
    """One comment a page (`pageToken` = the next one's index); page `fail_after` answers 500 while `asked` holds
    no "ok". Returns the page tokens asked for."""
    asked = []

    def handler(request):
        at = int(request.args.get("pageToken") or 0)
        asked.append(at)
        if fail_after is not None and at == fail_after and "ok" not in asked:
            return Response("down", status=404)
        page = {"kind": "youtube#commentThreadListResponse", "items": [thread(*comments[at])]}
        if at + 1 < len(comments):
            page["nextPageToken"] = str(at + 1)
        return Response(json.dumps(page), content_type="application/json")

    httpserver.expect_request("/youtube/v3/commentThreads").respond_with_handler(handler)
    return asked


def fetch(httpserver, *more):
    args = ["fetch", "youtube", "*", "--video", "vid1", "-c", "brands.toml", "--api-base", httpserver.url_for("")]
    return CliRunner().invoke(main, [*args, *more], env={"BRANDPULSE_YOUTUBE_API_KEY": KEY})


def rows(path) -> list[dict]:
    return [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]


def test_about_keeps_the_comments_naming_no_brand_and_marks_them(httpserver, tmp_path):
    """Without --about, 2 of the 3 comments on our own video were dropped (they name no brand); with it all are
    written, the brand in an `about` column on those naming none (c3 names Rival: empty, as `analyze --about` gives
    it; it said Acme on every row), and the count line says no filter applied."""
    serve(httpserver)
    plain = fetch(httpserver, "-o", "plain.jsonl")
    assert plain.exit_code == 0, plain.stderr
    assert [r["post_id"] for r in rows("plain.jsonl")] == ["c3"]
    assert "2 mentioning no configured brand dropped" in plain.stderr
    result = fetch(httpserver, "--about", "acme", "-o", "yt.jsonl")  # (the config's name, whatever its case)
    assert result.exit_code == 0, result.stderr
    written = rows("yt.jsonl")
    assert [(r["post_id"], r["about"]) for r in written] == [("c1", "Acme"), ("c2", "Acme"), ("c3", "")]
    assert "all kept as about Acme (--about: no brand filter)" in result.stderr
    assert "mentioning no configured brand" not in result.stderr
    csv = fetch(httpserver, "--about", "Acme", "-o", "yt.csv")  # (every format: the column is in the rows)
    assert csv.exit_code == 0, csv.stderr
    assert pd.read_csv(tmp_path / "yt.csv", keep_default_na=False)["about"].tolist() == ["Acme", "Acme", ""]


def test_limit_with_about_counts_every_post(httpserver):
    """--limit counts the posts to be written: with --about, those naming no brand too."""
    serve(httpserver)
    result = fetch(httpserver, "--about", "Acme", "--limit", "2", "-o", "yt.jsonl")
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in rows("yt.jsonl")] == ["c1", "c2"]


def test_about_with_store_stores_the_posts_as_the_brands(httpserver, tmp_path):
    """--store analyzes the posts as `ingest --about` would: those naming no brand are stored as Acme's."""
    serve(httpserver)
    db = tmp_path / "h.duckdb"
    result = fetch(httpserver, "--about", "Acme", "--store", str(db))
    assert result.exit_code == 0, result.stderr
    stored = store.load_posts(db).sort_values("post_id")
    assert stored["brands"].tolist() == ["Acme", "Acme", "Rival"]
    # (rescore gives the brand again: it took it back from c1 and c2, the store keeping no `about`)
    again = CliRunner().invoke(main, ["rescore", "--store", str(db), "-c", "brands.toml"])
    assert again.exit_code == 0, again.stderr
    assert "rescored 3 posts: 0 changed" in again.stderr, again.stderr
    assert store.load_posts(db).sort_values("post_id")["brands"].tolist() == ["Acme", "Acme", "Rival"]


@pytest.mark.parametrize("brand", ["Nobody", "Rivals"])
def test_about_a_brand_not_configured_is_refused_before_any_request(httpserver, brand):
    """As `analyze --about`: a config error (exit 5) naming the brands there are, before the API's quota is spent."""
    asked = serve(httpserver)
    result = fetch(httpserver, "--about", brand, "-o", "yt.jsonl")
    assert result.exit_code == 5
    assert result.stderr.splitlines()[-1] == (
        f"brandpulse: error: --about '{brand}' is no configured brand (brands: Acme, Rival)"
    )
    assert asked == []


def test_about_takes_a_brand_given_by_brand_option(httpserver, tmp_path):
    """--brand defines the brand --about names, with no config file."""
    serve(httpserver)
    (tmp_path / "brands.toml").write_text("")
    result = fetch(httpserver, "--brand", "Acme", "--about", "Acme", "-o", "yt.jsonl")
    assert result.exit_code == 0, result.stderr
    assert len(rows("yt.jsonl")) == 3


def test_a_configs_input_about_does_not_lift_the_brand_filter(httpserver, tmp_path):
    """`[input] about` is for the files read (an app's reviews): a keyword fetch would keep every near-miss."""
    serve(httpserver)
    (tmp_path / "brands.toml").write_text(CONFIG + '\n[input]\nabout = "Acme"\n')
    result = fetch(httpserver, "-o", "yt.jsonl")
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in rows("yt.jsonl")] == ["c3"]


def test_about_with_a_query_brand_keeps_what_its_query_would_drop(httpserver, tmp_path):
    """A brand defined by a query (`acme AND app`) is not the filter either: --about keeps every comment."""
    serve(httpserver)
    (tmp_path / "brands.toml").write_text('[brands.Acme]\nquery = "acme AND app"\n')
    result = fetch(httpserver, "--about", "Acme", "-o", "yt.jsonl")
    assert result.exit_code == 0, result.stderr
    assert [r["about"] for r in rows("yt.jsonl")] == ["Acme"] * 3


@pytest.mark.parametrize("keeping_all", [["--about", "Acme"], ["-c", "none.toml"]], ids=["about", "no brands"])
def test_resume_of_all_posts_after_a_run_for_brands_fetches_all_again(httpserver, tmp_path, keeping_all):
    """The run without --about dropped the comments naming no brand: going on from where it stopped (page 3), the
    --resume with --about (or with every brand removed from the config) lost c2 for good. The posts newer than the
    place are not all there: all are fetched again."""
    (tmp_path / "none.toml").write_text("")
    comments = [("c1", "2026-11-30T10:00:00Z", "Acme rocks"), *COMMENTS[1:]]
    asked = serve(httpserver, comments, fail_after=2)
    first = fetch(httpserver, "-o", "yt.jsonl")
    assert first.exit_code == 6  # (page 3 failed)
    assert [r["post_id"] for r in rows("yt.jsonl")] == ["c1"]  # (c2 named no brand)
    asked.clear()
    asked.append("ok")
    again = fetch(httpserver, *keeping_all, "-o", "yt.jsonl", "--resume")
    assert again.exit_code == 0, again.stderr
    assert asked == ["ok", 0, 1, 2]
    assert "the last run kept only the posts naming a brand: all are fetched again" in again.stderr
    assert [r["post_id"] for r in rows("yt.jsonl")] == ["c1", "c2", "c3"]


def test_resume_keeps_the_about_runs_place(httpserver):
    """--about then --resume --about: the place kept is gone on from, and the rows keep their `about`."""
    asked = serve(httpserver, fail_after=2)
    first = fetch(httpserver, "--about", "Acme", "-o", "yt.jsonl")
    assert first.exit_code == 6
    assert [r["post_id"] for r in rows("yt.jsonl")] == ["c1", "c2"]
    asked.clear()
    asked.append("ok")
    again = fetch(httpserver, "--about", "Acme", "-o", "yt.jsonl", "--resume")
    assert again.exit_code == 0, again.stderr
    assert "from where the last run stopped" in again.stderr
    assert asked == ["ok", 2]
    assert [(r["post_id"], r["about"]) for r in rows("yt.jsonl")] == [("c1", "Acme"), ("c2", "Acme"), ("c3", "")]


@pytest.mark.parametrize("other", [[], ["--about", "Rival"]], ids=["without", "another brand"])
def test_resume_of_an_about_run_without_its_about_is_refused(httpserver, tmp_path, other):
    """--about Acme stopped early, then `--resume` without --about went on and rewrote yt.jsonl with the comments
    naming no brand but no `about` column (with --about Rival, all of them Rival's): the rows lost what said they were
    Acme's. A usage error (exit 2) before any request, the file as it was."""
    asked = serve(httpserver, fail_after=2)
    first = fetch(httpserver, "--about", "Acme", "-o", "yt.jsonl")
    assert first.exit_code == 6
    written = (tmp_path / "yt.jsonl").read_text("utf-8")
    asked.clear()
    asked.append("ok")
    again = fetch(httpserver, *other, "-o", "yt.jsonl", "--resume")
    assert again.exit_code == 2, again.stderr
    assert again.stderr.splitlines()[-1] == (
        "brandpulse: error: yt.jsonl was fetched with --about Acme: --resume it with --about Acme too (or write "
        "another -o FILE)"
    )
    assert asked == ["ok"]
    assert (tmp_path / "yt.jsonl").read_text("utf-8") == written
    same = fetch(httpserver, "--about", "acme", "-o", "yt.jsonl", "--resume")  # (the config's name, whatever its case)
    assert same.exit_code == 0, same.stderr
    assert [(r["post_id"], r["about"]) for r in rows("yt.jsonl")] == [("c1", "Acme"), ("c2", "Acme"), ("c3", "")]


def test_the_about_column_read_back_is_said_not_read(httpserver, tmp_path):
    """`fetch --about Acme | analyze -`: the comments naming no brand had no brand, and nothing said the rows'
    `about` column was not read; the input's note says so now, and --about gives the brand again."""
    serve(httpserver)
    assert fetch(httpserver, "--about", "Acme", "-o", "yt.jsonl").exit_code == 0
    piped = (tmp_path / "yt.jsonl").read_text("utf-8")
    plain = CliRunner().invoke(main, ["analyze", "-", "-c", "brands.toml", "-f", "jsonl"], input=piped)
    assert plain.exit_code == 0, plain.stderr
    assert "'about' not read: --about BRAND gives it" in plain.stderr
    assert [r["brands"] for r in map(json.loads, plain.stdout.splitlines())] == ["", "", "Rival"]
    given = CliRunner().invoke(main, ["analyze", "yt.jsonl", "-c", "brands.toml", "--about", "Acme", "-f", "jsonl"])
    assert given.exit_code == 0, given.stderr
    assert [r["brands"] for r in map(json.loads, given.stdout.splitlines())] == ["Acme", "Acme", "Rival"]
