"""`brandpulse fetch` against a real HTTP server on 127.0.0.1 (pytest-httpserver) serving our fixtures."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import DrippingServer
from werkzeug.wrappers import Response

from brandpulse import store
from brandpulse.cli import main
from brandpulse.cli import options as opt
from brandpulse.config import modes_kept
from brandpulse.errors import FetchError
from brandpulse.fetch.client import Client, rate_limit_wait, url_secrets

FIX = Path(__file__).parent / "fixtures"
SECRET = "FAKE-SECRET-7f3a9c2e1b"
ENV_VARS = [
    "BRANDPULSE_X_BEARER_TOKEN",
    "BRANDPULSE_MASTODON_TOKEN",
    "BRANDPULSE_BLUESKY_HANDLE",
    "BRANDPULSE_BLUESKY_APP_PASSWORD",
    "BRANDPULSE_REDDIT_CLIENT_ID",
    "BRANDPULSE_REDDIT_CLIENT_SECRET",
    "BRANDPULSE_YOUTUBE_API_KEY",
]


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for var in ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("BRANDPULSE_CACHE_DIR", str(tmp_path / "cache"))


def fixture(name: str) -> object:
    return json.loads((FIX / "platforms" / name).read_text("utf-8"))


def reddit_posts(n: int, start: int = 1717243200) -> list[dict]:
    """`n` Reddit posts p0, p1, ... ten minutes apart, newest first, as a search lists them."""
    post = fixture("reddit_listing.json")["data"]["children"][0]["data"]
    return [dict(post, id=f"p{i}", name=f"t3_p{i}", created_utc=start - 600 * i) for i in range(n)]


def run(*args, env=None, input=None):
    return CliRunner().invoke(main, list(args), env=env, input=input)


def fetch_x(httpserver, *args):
    """`fetch x acme ARGS` from `httpserver`, with a bearer token."""
    return run(
        "fetch", "x", "acme", "--api-base", httpserver.url_for(""), *args, env={"BRANDPULSE_X_BEARER_TOKEN": SECRET}
    )


def wait_logged(httpserver, calls: list) -> None:
    """Wait until every request a handler took is in the server's log: the log is shared by the tests, and a
    slow answer logged after its test ended counted as a request of the next one."""
    deadline = time.monotonic() + 30
    while len(httpserver.log) < len(calls) and time.monotonic() < deadline:
        time.sleep(0.01)


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def x_page(ids: list[str], next_token: str | None) -> dict:
    page = fixture("x_v2_page.json")
    page["data"] = [dict(page["data"][0], id=i) for i in ids]
    if next_token:
        page["meta"]["next_token"] = next_token
    return page


# --- pagination, per source ------------------------------------------------------------------


def test_x_follows_next_token_and_sends_bearer(httpserver):
    seen = []

    def handler(request):
        seen.append((request.headers.get("Authorization"), request.args.get("next_token"), request.args["query"]))
        if request.args.get("next_token") is None:
            return Response(json.dumps(x_page(["101", "102"], "tok2")), content_type="application/json")
        return Response(json.dumps(x_page(["103"], None)), content_type="application/json")

    httpserver.expect_request("/2/tweets/search/recent").respond_with_handler(handler)
    result = fetch_x(httpserver)
    assert result.exit_code == 0, result.stderr
    rows = jsonl(result.stdout)
    assert [r["post_id"] for r in rows] == ["101", "102", "103"]
    assert rows[0]["author"] == "kettlefan" and rows[0]["author_followers"] == 1520
    assert rows[0]["created_at"] == "2024-05-13T09:15:00Z"
    assert seen == [(f"Bearer {SECRET}", None, "acme"), (f"Bearer {SECRET}", "tok2", "acme")]
    assert "x: 3 posts in 2 pages" in result.stderr and "wrote 3" in result.stderr


def two_hashtag_pages(httpserver, first: list, second: list, next_query: str) -> None:
    """Mastodon's #acme timeline: `first`, whose Link header names the page `second` (asked with max_id)."""
    nxt = httpserver.url_for("/api/v1/timelines/tag/acme") + next_query

    def handler(request):
        if request.args.get("max_id"):
            return Response(json.dumps(second), content_type="application/json")
        return Response(json.dumps(first), content_type="application/json", headers={"Link": f'<{nxt}>; rel="next"'})

    httpserver.expect_request("/api/v1/timelines/tag/acme").respond_with_handler(handler)


def test_mastodon_hashtag_follows_link_header(httpserver):
    first = fixture("mastodon_statuses.json")
    second = [dict(first[0], id="112000000000000000", created_at="2024-02-28T00:00:00.000Z")]
    two_hashtag_pages(httpserver, first, second, "?max_id=112000000000000001")
    out = "posts.csv"
    result = run("fetch", "mastodon", "#acme", "--server", httpserver.url_for(""), "-o", out, "--raw-csv")
    assert result.exit_code == 0, result.stderr
    df = pd.read_csv(out, dtype=str)
    # the boost is read as the post it boosts; page 2 repeats alice's post under an older id
    assert list(df["post_id"]) == ["112000000000000001", "112000000000000099", "112000000000000000"]
    assert df["text"].iloc[0].startswith("Trying the #Acme kettle")


def test_mastodon_next_page_comes_from_the_server_asked(httpserver):
    """A server behind a proxy names its own host in `Link` (`http://localhost:3000/...`, as recorded from a
    real one): page 2 went there, past --server/--api-base, and failed (connection refused, exit 6)."""
    first = fixture("mastodon_statuses.json")
    second = [dict(first[0], id="112000000000000000", created_at="2024-02-28T00:00:00.000Z")]
    link = (
        '<http://localhost:1/api/v1/timelines/tag/acme?max_id=112000000000000001>; rel="next", '
        '<http://localhost:1/api/v1/timelines/tag/acme?min_id=112000000000000099>; rel="prev"'
    )

    def handler(request):
        if request.args.get("max_id"):
            return Response(json.dumps(second), content_type="application/json")
        return Response(json.dumps(first), content_type="application/json", headers={"Link": link})

    httpserver.expect_request("/api/v1/timelines/tag/acme").respond_with_handler(handler)
    result = run("fetch", "mastodon", "#acme", "--api-base", httpserver.url_for(""))
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(result.stdout)] == [
        "112000000000000001",
        "112000000000000099",
        "112000000000000000",
    ]
    assert [dict(entry[0].args) for entry in httpserver.log] == [
        {"limit": "40"},
        {"limit": "40", "max_id": "112000000000000001"},
    ]


def test_mastodon_empty_hashtag_timeline_is_a_warning(httpserver):
    """The warning names the server by host and port: a --server with a login in it (`https://user:pw@host`)
    showed the password."""
    httpserver.expect_request("/api/v1/timelines/tag/acme").respond_with_json([])
    server = f"http://user:{SECRET}@127.0.0.1:{httpserver.port}"
    result = run("fetch", "mastodon", "#acme", "--server", server)
    assert result.exit_code == 0
    assert result.stdout == ""
    said = " ".join(result.stderr.split())
    assert f"warning: mastodon: 127.0.0.1:{httpserver.port} returned no posts for #acme: the server may have" in said
    assert "switched off" in said and "does not mean there are no mentions" in said
    assert SECRET not in result.stderr


def test_mastodon_keyword_search_needs_token():
    result = run("fetch", "mastodon", "acme kettle", "--api-base", "http://127.0.0.1:9")
    assert result.exit_code == 6
    assert "BRANDPULSE_MASTODON_TOKEN" in result.stderr


def test_mastodon_search_that_ignores_offset_stops(httpserver, tmp_path):
    """A server that ignores `offset` answers every page with the first 40 statuses: the fetch asked for
    ever (here until the server gave up), writing the same 40 posts again for each page."""
    status = fixture("mastodon_statuses.json")[0]
    page = {"accounts": [], "hashtags": [], "statuses": [dict(status, id=str(500 + i)) for i in range(40)]}

    def handler(request):
        if len(httpserver.log) > 5:
            return Response("enough", status=404)
        return Response(json.dumps(page), content_type="application/json")

    httpserver.expect_request("/api/v2/search").respond_with_handler(handler)
    out = tmp_path / "m.jsonl"
    env = {"BRANDPULSE_MASTODON_TOKEN": SECRET}
    result = run("fetch", "mastodon", "acme kettle", "--server", httpserver.url_for(""), "-o", str(out), env=env)
    assert result.exit_code == 6
    assert result.stderr.splitlines()[-1] == (
        "brandpulse: error: mastodon: the search answered offset 40 with statuses it had already given; stopped"
    )
    assert [r["post_id"] for r in jsonl(out.read_text())] == [str(500 + i) for i in range(40)]
    assert [entry[0].args["offset"] for entry in httpserver.log] == ["0", "40"]


def test_hackernews_pages_and_near_miss_dropped(httpserver):
    page0 = fixture("hackernews_algolia.json")
    page0.update(nbPages=2, page=0)
    near_miss = dict(page0["hits"][1], objectID="39000003", comment_text="This should be applauded, not mocked")
    page1 = dict(page0, hits=[near_miss], page=1)

    def handler(request):
        assert request.args["tags"] == "(story,comment)"
        body = page0 if request.args["page"] == "0" else page1
        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request("/api/v1/search_by_date").respond_with_handler(handler)
    result = run("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""), "--brand", "Acme")
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(result.stdout)] == ["39000001", "39000002"]
    assert "1 mentioning no configured brand dropped" in result.stderr


def test_hackernews_comment_found_by_its_thread_title_is_kept_with_it(httpserver):
    """A comment Algolia matched by its story's title alone (`_highlightResult`) named no brand and was dropped as a
    near-miss: a customer's complaint under "Show HN: Acme 3.0" lost. It is kept, after the title it was found by."""
    page = fixture("hackernews_algolia.json") | {"nbPages": 1, "page": 0}
    comment = dict(page["hits"][1], objectID="39000005", comment_text="Their Slack sync keeps failing for us.")
    comment["story_title"] = "Show HN: Acme 3.0"
    comment["_highlightResult"] = {
        "comment_text": {"value": comment["comment_text"], "matchLevel": "none", "matchedWords": []},
        "story_title": {"value": "Show HN: <em>Acme</em> 3.0", "matchLevel": "full", "matchedWords": ["acme"]},
    }
    # a comment naming the brand itself, under a title naming it too: its text as it is
    own = dict(comment, objectID="39000006", comment_text="Acme support never answered.")
    own["_highlightResult"] = dict(comment["_highlightResult"], comment_text={"matchLevel": "full"})
    # a near-miss under a title that Algolia did not match: still dropped
    miss = dict(comment, objectID="39000007", story_title="Ask HN: kettles?", comment_text="Applauded.")
    miss["_highlightResult"] = {"comment_text": {"matchLevel": "partial"}, "story_title": {"matchLevel": "none"}}
    page["hits"] = [comment, own, miss]
    httpserver.expect_request("/api/v1/search_by_date").respond_with_json(page)
    result = run("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""), "--brand", "Acme")
    assert result.exit_code == 0, result.stderr
    rows = jsonl(result.stdout)
    assert [(r["post_id"], r["text"]) for r in rows] == [
        ("39000005", "Re: Show HN: Acme 3.0\n\nTheir Slack sync keeps failing for us."),
        ("39000006", "Acme support never answered."),
    ]
    assert "1 mentioning no configured brand dropped" in result.stderr


def test_hackernews_replies_found_by_their_thread_title_are_scored_on_their_own_words(httpserver, tmp_path):
    """The thread title a reply is kept after names the brand, but its words are the story's: under "Ask HN: Is Acme
    down for anyone else?" the reply "Works fine here." was a question, under "Acme app keeps crashing on login" the
    answer "Clearing the cache fixed it." a negative complaint: a thread's one complaint once per reply."""
    page = fixture("hackernews_algolia.json") | {"nbPages": 1, "page": 0}
    marks = {"comment_text": {"matchLevel": "none"}, "story_title": {"matchLevel": "full"}}
    threads = [("Ask HN: Is Acme down for anyone else?", "Works fine here."), ("Acme app keeps crashing on login", "")]
    threads[1] = (threads[1][0], "Clearing the cache fixed it for me.")
    page["hits"] = [
        dict(page["hits"][1], objectID=f"3900001{i}", story_title=title, comment_text=text, _highlightResult=marks)
        for i, (title, text) in enumerate(threads)
    ]
    httpserver.expect_request("/api/v1/search_by_date").respond_with_json(page)
    result = run("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""), "--brand", "Acme")
    assert result.exit_code == 0, result.stderr
    (tmp_path / "posts.jsonl").write_text(result.stdout)
    (tmp_path / "c.toml").write_text('[brands.Acme]\nterms = ["Acme"]\n')
    analyzed = run("analyze", str(tmp_path / "posts.jsonl"), "-c", str(tmp_path / "c.toml"), "-f", "jsonl")
    assert analyzed.exit_code == 0, analyzed.stderr
    rows = jsonl(analyzed.stdout)
    assert [r["text"] for r in rows] == [f"Re: {title}\n\n{text}" for title, text in threads]  # (as written)
    assert [r["brands"] for r in rows] == ["Acme", "Acme"]
    assert [(r["intent"], r["sentiment_label"]) for r in rows] == [("", "positive"), ("", "neutral")]


def test_hackernews_says_when_algolia_lists_only_part_of_the_matches(httpserver):
    """Algolia lists 1,000 hits of a search at most (`nbPages` stops at 10 pages of 100, `nbHits` counts them
    all): a busy window ended with exit 0 and 1,000 posts, nothing said of the rest."""
    page0 = fixture("hackernews_algolia.json") | {"nbPages": 2, "page": 0, "hitsPerPage": 100, "nbHits": 4321}
    page1 = page0 | {"page": 1, "hits": [dict(page0["hits"][0], objectID="38999990")]}
    httpserver.expect_ordered_request("/api/v1/search_by_date").respond_with_json(page0)
    httpserver.expect_ordered_request("/api/v1/search_by_date").respond_with_json(page1)
    result = run("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""))
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(result.stdout)] == ["39000001", "39000002", "38999990"]
    assert (
        "warning: hackernews: the search matched 4,321 posts and Algolia lists only the newest 200; fetch the "
        "window in parts (--since/--until) to get the rest"
    ) in " ".join(result.stderr.split())
    httpserver.clear()
    complete = fixture("hackernews_algolia.json") | {"nbPages": 1, "hitsPerPage": 100, "nbHits": 2}
    httpserver.expect_request("/api/v1/search_by_date").respond_with_json(complete)
    result = run("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""))
    assert result.exit_code == 0 and "warning" not in result.stderr


def test_a_post_given_again_on_the_next_page_is_written_once(httpserver):
    """Algolia's (and Bluesky's) pages are offsets into a list that grows at the top: a new comment between
    two requests pushes the last hit of page 0 onto page 1. It was written twice ("wrote 3")."""
    page0 = fixture("hackernews_algolia.json") | {"nbPages": 2, "page": 0}
    newer = dict(page0["hits"][0], objectID="38999990", created_at="2024-01-01T00:00:00.000Z", title="Acme older")
    page1 = page0 | {"page": 1, "hits": [page0["hits"][1], newer]}

    def handler(request):
        body = page0 if request.args["page"] == "0" else page1
        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request("/api/v1/search_by_date").respond_with_handler(handler)
    result = run("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""))
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(result.stdout)] == ["39000001", "39000002", "38999990"]
    assert "hackernews: 4 posts in 2 pages, 1 given again on a later page dropped, wrote 3" in result.stderr
    # --limit counts a post given again once: `--limit 3` stopped at the repeat and wrote 2
    limited = run("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""), "--limit", "3")
    assert limited.exit_code == 0, limited.stderr
    assert [r["post_id"] for r in jsonl(limited.stdout)] == ["39000001", "39000002", "38999990"]


def test_hits_that_are_not_objects_are_rejected_with_page_and_item(httpserver):
    page = fixture("hackernews_algolia.json") | {"nbPages": 1, "page": 0}
    page["hits"][1:1] = [5, None]  # hits: story, 5, null, comment
    httpserver.expect_request("/api/v1/search_by_date").respond_with_json(page)
    result = run("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""))
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(result.stdout)] == ["39000001", "39000002"]
    assert "rejected fetch hackernews page 1 item 2: not an object: 5" in result.stderr
    assert "rejected fetch hackernews page 1 item 3: not an object: null" in result.stderr
    assert "hackernews: 4 posts in 1 page, 2 rejected, wrote 2" in result.stderr


@pytest.mark.parametrize("ext", ["csv", "jsonl"])
def test_a_lone_surrogate_in_the_answer_is_replaced_not_fatal(httpserver, tmp_path, ext):
    """Half an emoji (`"\\ud83d"` without its pair, as APIs that cut texts send) made every fetch fail at
    writing, exit 1 ("surrogates not allowed"), losing all pages; the file readers already replaced it."""
    page = fixture("hackernews_algolia.json") | {"nbPages": 1, "page": 0}
    page["hits"][1]["comment_text"] = "Acme kettle \ud83d"
    body = json.dumps(page)  # (ASCII: the surrogate as the escape \ud83d)
    httpserver.expect_request("/api/v1/search_by_date").respond_with_data(body, content_type="application/json")
    out = tmp_path / f"posts.{ext}"
    result = run("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    rows = pd.read_csv(out, dtype=str) if ext == "csv" else pd.DataFrame(jsonl(out.read_text("utf-8")))
    assert rows["post_id"].tolist() == ["39000001", "39000002"]
    assert rows["text"].tolist()[1] == "Acme kettle \ufffd\ufffd\ufffd"


def test_rejects_file_keeps_every_rejected_record(httpserver, tmp_path):
    """fetch showed the first three rejects on stderr and had no --rejects: the fourth and later were lost."""
    page = fixture("hackernews_algolia.json") | {"nbPages": 1, "page": 0}
    bad = [dict(page["hits"][0], objectID=f"7{i}", created_at=f"never {i}", created_at_i=None) for i in range(4)]
    page["hits"] = bad + page["hits"]
    httpserver.expect_request("/api/v1/search_by_date").respond_with_json(page)
    base = ["fetch", "hackernews", "acme", "--api-base", httpserver.url_for("")]
    shown = run(*base)
    assert shown.exit_code == 0, shown.stderr
    assert "(use --rejects FILE to save all 4 rejected rows)" in shown.stderr
    saved = run(*base, "--rejects", str(tmp_path / "rejects.csv"))
    assert saved.exit_code == 0, saved.stderr
    assert [r["post_id"] for r in jsonl(saved.stdout)] == ["39000001", "39000002"]
    assert f"6 posts in 1 page, 4 rejected (in {tmp_path / 'rejects.csv'}), wrote 2" in saved.stderr
    rejects = pd.read_csv(tmp_path / "rejects.csv")
    assert rejects["position"].tolist() == ["page 1 item 1", "page 1 item 2", "page 1 item 3", "page 1 item 4"]
    assert rejects["reason"].tolist() == [f"bad created_at 'never {i}'" for i in range(4)]
    # each record as it arrived, as JSON: the id as text and the counts as whole numbers (they were 120.0)
    first = json.loads(rejects["record"].iloc[0])
    assert (first["post_id"], first["created_at"]) == ("70", "never 0")
    assert first["likes"] == page["hits"][0]["points"] and isinstance(first["likes"], int)
    # the next run, without rejects, leaves no stale file behind: the header only
    page["hits"] = page["hits"][4:]
    httpserver.clear()
    httpserver.expect_request("/api/v1/search_by_date").respond_with_json(page)
    clean = run(*base, "--rejects", str(tmp_path / "rejects.csv"))
    assert clean.exit_code == 0, clean.stderr
    assert (tmp_path / "rejects.csv").read_text().splitlines() == ["source,position,reason,record"]


def test_reddit_token_user_agent_and_500_then_success(httpserver):
    calls = []

    def token(request):
        calls.append(("token", request.authorization.username, request.form["grant_type"]))
        return Response(
            json.dumps({"access_token": SECRET + "-access", "token_type": "bearer"}), content_type="application/json"
        )

    def search(request):
        calls.append(("search", request.headers["User-Agent"], request.headers["Authorization"]))
        if len([c for c in calls if c[0] == "search"]) == 1:
            return Response("oops", status=500)
        return Response(
            json.dumps(
                fixture("reddit_listing.json") | {"data": {**fixture("reddit_listing.json")["data"], "after": None}}
            ),
            content_type="application/json",
        )

    httpserver.expect_request("/api/v1/access_token", method="POST").respond_with_handler(token)
    httpserver.expect_request("/search").respond_with_handler(search)
    env = {"BRANDPULSE_REDDIT_CLIENT_ID": "cid", "BRANDPULSE_REDDIT_CLIENT_SECRET": SECRET}
    result = run("fetch", "reddit", "acme", "--api-base", httpserver.url_for(""), env=env)
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(result.stdout)] == ["t3_1abc23", "t1_kc0002"]
    assert calls[0] == ("token", "cid", "client_credentials")
    assert calls[1][1].startswith("python:brandpulse:") and calls[1][2] == f"bearer {SECRET}-access"
    assert len(calls) == 3  # the 500 was retried once


def fetch_reddit(httpserver, listing: dict):
    """`brandpulse fetch reddit acme` against a server that gives a token, then `listing`."""
    httpserver.expect_request("/api/v1/access_token", method="POST").respond_with_json({"access_token": "t"})
    httpserver.expect_request("/search").respond_with_json(listing)
    env = {"BRANDPULSE_REDDIT_CLIENT_ID": "cid", "BRANDPULSE_REDDIT_CLIENT_SECRET": SECRET}
    return run("fetch", "reddit", "acme", "--api-base", httpserver.url_for(""), env=env)


def test_reddit_deleted_author_is_empty_and_removed_posts_rejected(httpserver):
    """Reddit leaves `[deleted]` for a deleted author and `[removed]`/`[deleted]` for removed text: they were
    kept as the author's handle and as the post's words ("Acme kettle leaks\n\n[removed]"); then a removed post was
    its title alone, score and comments kept (the first post `queue` listed): it is rejected as removed, and said."""
    listing = fixture("reddit_listing.json")
    post, comment = listing["data"]["children"][0]["data"], listing["data"]["children"][1]["data"]
    post.update(author="[deleted]", selftext="[removed]")
    comment.update(author="[deleted]")
    listing["data"]["after"] = None
    result = fetch_reddit(httpserver, listing)
    assert result.exit_code == 0, result.stderr
    (row,) = jsonl(result.stdout)
    assert (row["post_id"], row["author"], row["text"]) == ("t1_kc0002", None, comment["body"])
    assert "rejected fetch reddit page 1 item 1: text [removed]: deleted or removed" in result.stderr


def test_reddit_crossposts_are_reposts(httpserver):
    """A post's `num_crossposts` (its shares into other subreddits, in every listing) was dropped: Reddit's
    reposts were always empty. A comment has none."""
    listing = fixture("reddit_listing.json")
    listing["data"]["children"][0]["data"]["num_crossposts"] = 4
    listing["data"]["after"] = None
    result = fetch_reddit(httpserver, listing)
    assert result.exit_code == 0, result.stderr
    assert [(r["post_id"], r["reposts"]) for r in jsonl(result.stdout)] == [("t3_1abc23", 4), ("t1_kc0002", None)]


def test_bluesky_session_cached_with_mode_600_and_refreshed(httpserver, tmp_path):
    logins = []

    def login(request):
        logins.append(request.json["identifier"])
        return Response(
            json.dumps({"accessJwt": f"jwt{len(logins)}", "refreshJwt": "r"}), content_type="application/json"
        )

    def search(request):
        if request.headers["Authorization"] == "Bearer jwt1" and len(logins) == 1 and search.expire:
            return Response(
                json.dumps({"error": "ExpiredToken", "message": "Token has expired"}),
                status=400,
                content_type="application/json",
            )
        return Response(json.dumps(fixture("bluesky_search.json") | {"cursor": None}), content_type="application/json")

    search.expire = False
    httpserver.expect_request("/xrpc/com.atproto.server.createSession", method="POST").respond_with_handler(login)
    httpserver.expect_request("/xrpc/app.bsky.feed.searchPosts").respond_with_handler(search)
    env = {"BRANDPULSE_BLUESKY_HANDLE": "me.bsky.social", "BRANDPULSE_BLUESKY_APP_PASSWORD": SECRET}
    args = ("fetch", "bluesky", "acme", "--api-base", httpserver.url_for(""))
    first = run(*args, env=env)
    assert first.exit_code == 0, first.stderr
    assert [r["author"] for r in jsonl(first.stdout)] == ["jo.bsky.social", "sam.example.com"]
    (cache,) = (tmp_path / "cache").iterdir()
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert SECRET not in cache.read_text()  # the app password is never stored, only the session
    second = run(*args, env=env)
    assert second.exit_code == 0 and logins == ["me.bsky.social"]  # cached session reused
    search.expire = True
    httpserver.expect_request("/xrpc/com.atproto.server.refreshSession", method="POST").respond_with_json(
        {"error": "ExpiredToken", "message": "Token has expired"}, status=400
    )
    third = run(*args, env=env)
    assert third.exit_code == 0 and len(logins) == 2  # expired session, its refresh JWT too: one new login
    assert json.loads(cache.read_text())["accessJwt"] == "jwt2"


def test_bluesky_expired_session_is_renewed_with_its_refresh_jwt_not_the_password(httpserver, tmp_path):
    """An access JWT expiring (HTTP 400 ExpiredToken: it lives for hours), at the start of a run or in the middle,
    was a new login with the app password, the refresh JWT cached beside it never used: createSession allows ~30 per
    5 minutes per account, and every cron run of every brand spent one. Now refreshSession renews it; the password
    only when the refresh JWT is refused too. No token appears in any output."""
    calls, live = [], set()

    def login(request):
        calls.append("login")
        live.add("acc-1111aaaa")
        return Response(
            json.dumps({"accessJwt": "acc-1111aaaa", "refreshJwt": "ref-1111aaaa"}),
            200,
            content_type="application/json",
        )

    def refresh(request):
        bearer = request.headers.get("Authorization")
        calls.append(("refresh", bearer))
        if bearer != "Bearer ref-1111aaaa":
            return Response(
                json.dumps({"error": "InvalidToken", "message": f"bad {bearer}"}), 401, content_type="application/json"
            )
        live.add("acc-2222bbbb")
        return Response(
            json.dumps({"accessJwt": "acc-2222bbbb", "refreshJwt": "ref-2222bbbb"}),
            200,
            content_type="application/json",
        )

    page = fixture("bluesky_search.json")
    post = page["posts"][0]
    pages = {None: page | {"posts": [post], "cursor": "c1"}}
    pages["c1"] = {"posts": [dict(post, uri=post["uri"].replace("3kabc111", "3kabc222"))], "cursor": None}

    def search(request):
        bearer = request.headers["Authorization"].removeprefix("Bearer ")
        calls.append(("search", bearer, request.args.get("cursor")))
        if bearer not in live:
            return Response(
                json.dumps({"error": "ExpiredToken", "message": "Token has expired"}),
                400,
                content_type="application/json",
            )
        if request.args.get("cursor") is None:
            live.discard(bearer)  # (it expires while page 1 is read)
        return Response(json.dumps(pages[request.args.get("cursor")]), content_type="application/json")

    httpserver.expect_request("/xrpc/com.atproto.server.createSession", method="POST").respond_with_handler(login)
    httpserver.expect_request("/xrpc/com.atproto.server.refreshSession", method="POST").respond_with_handler(refresh)
    httpserver.expect_request("/xrpc/app.bsky.feed.searchPosts").respond_with_handler(search)
    env = {"BRANDPULSE_BLUESKY_HANDLE": "me.bsky.social", "BRANDPULSE_BLUESKY_APP_PASSWORD": SECRET}
    args = ("fetch", "bluesky", "acme", "--api-base", httpserver.url_for(""))
    first = run(*args, env=env)
    assert first.exit_code == 0, first.stderr
    assert [r["url"].rsplit("/", 1)[-1] for r in jsonl(first.stdout)] == ["3kabc111", "3kabc222"]
    assert calls == [
        "login",
        ("search", "acc-1111aaaa", None),
        ("search", "acc-1111aaaa", "c1"),  # expired in the middle of the run: renewed, not a new login
        ("refresh", "Bearer ref-1111aaaa"),
        ("search", "acc-2222bbbb", "c1"),
    ]
    (cache,) = (tmp_path / "cache").iterdir()
    assert json.loads(cache.read_text()) == {"accessJwt": "acc-2222bbbb", "refreshJwt": "ref-2222bbbb"}
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    # the next run: the renewed session expired, and its refresh JWT is refused (401, the token echoed): a login
    calls.clear()
    live.clear()
    second = run(*args, env=env)
    assert second.exit_code == 0, second.stderr
    assert calls[:4] == [
        ("search", "acc-2222bbbb", None),
        ("refresh", "Bearer ref-2222bbbb"),
        "login",
        ("search", "acc-1111aaaa", None),
    ]
    for result in (first, second):
        for secret in ("acc-1111aaaa", "acc-2222bbbb", "ref-1111aaaa", "ref-2222bbbb", SECRET):
            assert secret not in result.stdout + result.stderr


def test_bluesky_empty_page_with_a_cursor_is_not_the_end(httpserver):
    """Bluesky's search drops spam from a page after the fact: a page can come back empty with a cursor and posts
    after it (bluesky-social/social-app#2359). The fetch stopped at it: the posts after were lost, exit 0. Ten
    empty pages in a row end it, with a warning."""
    page = fixture("bluesky_search.json")
    post = page["posts"][0]
    later = dict(post, uri=post["uri"].replace("3kabc111", "3kabc999"))
    pages = {None: page | {"posts": [post], "cursor": "c1"}, "c1": {"posts": [], "cursor": "c2"}}
    pages["c2"] = {"posts": [later], "cursor": None}
    httpserver.expect_request("/xrpc/com.atproto.server.createSession", method="POST").respond_with_json(
        {"accessJwt": "jwt-123456", "refreshJwt": "ref-123456"}
    )
    httpserver.expect_request("/xrpc/app.bsky.feed.searchPosts").respond_with_handler(
        lambda request: Response(json.dumps(pages[request.args.get("cursor")]), content_type="application/json")
    )
    env = {"BRANDPULSE_BLUESKY_HANDLE": "me.bsky.social", "BRANDPULSE_BLUESKY_APP_PASSWORD": SECRET}
    args = ("fetch", "bluesky", "acme", "--api-base", httpserver.url_for(""))
    result = run(*args, env=env)
    assert result.exit_code == 0, result.stderr
    assert [r["url"].rsplit("/", 1)[-1] for r in jsonl(result.stdout)] == ["3kabc111", "3kabc999"]
    # empty pages without end: stopped after ten, said
    pages.update({f"c{i}": {"posts": [], "cursor": f"c{i + 1}"} for i in range(1, 30)})
    endless = run(*args, env=env)
    assert endless.exit_code == 0, endless.stderr
    assert [r["url"].rsplit("/", 1)[-1] for r in jsonl(endless.stdout)] == ["3kabc111"]
    assert "warning: bluesky: 10 empty pages in a row; stopped there (the search may hold more)" in endless.stderr
    assert [e[0].args.get("cursor") for e in httpserver.log if "searchPosts" in e[0].path][-1] == "c10"


def test_x_empty_pages_with_a_fresh_next_token_stop_after_ten(httpserver):
    """X's pages of no tweets (`result_count: 0`) with a new `next_token` each were followed without end (885 in 8
    seconds, exit only by a kill); ten in a row stop it, with a warning, as Bluesky's do. An empty page with
    tweets after it is no end."""
    asked = []

    def handler(request):
        token = request.args.get("next_token")
        asked.append(token)
        if token is None:
            return Response(json.dumps(x_page(["801"], "t1")), content_type="application/json")
        n = int(token[1:])
        following = f"t{n + 1}" if n < 40 else None  # (an end, so that a fetch without the cap ends too)
        page = x_page(["802"], following) if n == 3 else {"meta": {"result_count": 0, "next_token": following}}
        return Response(json.dumps(page), content_type="application/json")

    httpserver.expect_request("/2/tweets/search/recent").respond_with_handler(handler)
    result = fetch_x(httpserver)
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(result.stdout)] == ["801", "802"]
    # t1, t2 empty; t3 has 802; t4 .. t13 are ten empty pages in a row
    assert asked == [None] + [f"t{n}" for n in range(1, 14)]
    assert "warning: x: 10 empty pages in a row; stopped there (the search may hold more)" in result.stderr
    assert result.stderr.splitlines()[-1] == "x: 2 posts in 14 pages, wrote 2"


def test_reddit_and_youtube_empty_pages_with_a_fresh_cursor_stop_after_ten(httpserver):
    """Reddit's and YouTube's pages of nothing, each with a new `after` / `nextPageToken`, were followed without end
    (a cron job never finished; only X and Bluesky stopped); ten in a row stop them, with a warning, as X's and
    Bluesky's do. An empty page with posts after it is no end; YouTube goes on with its next video."""
    asked = []
    listing = fixture("reddit_listing.json")
    post = listing["data"]["children"][0]

    def reddit(request):
        after = request.args.get("after")
        asked.append(after)
        n = int(after[1:]) if after else 0
        children = [post] if n == 0 else [dict(post, data=dict(post["data"], id="late", name="t3_late"))]
        following = f"a{n + 1}" if n < 40 else None  # (an end, so that a fetch without the cap ends too)
        page = {"kind": "Listing", "data": {"after": following, "children": children if n in (0, 3) else []}}
        return Response(json.dumps(page), content_type="application/json")

    httpserver.expect_request("/api/v1/access_token", method="POST").respond_with_json({"access_token": "t"})
    httpserver.expect_request("/search").respond_with_handler(reddit)
    env = {"BRANDPULSE_REDDIT_CLIENT_ID": "cid", "BRANDPULSE_REDDIT_CLIENT_SECRET": SECRET}
    result = run("fetch", "reddit", "acme", "--api-base", httpserver.url_for(""), env=env)
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(result.stdout)] == ["t3_1abc23", "t3_late"]
    assert asked == [None] + [f"a{n}" for n in range(1, 14)]  # a3 has a post; a4 .. a13 are ten empty pages
    assert "warning: reddit: 10 empty pages in a row; stopped there (the search may hold more)" in result.stderr

    threads, tokens = fixture("youtube_threads.json"), []

    def youtube(request):
        token = request.args.get("pageToken")
        tokens.append((request.args["videoId"], token))
        n = int(token[1:]) if token else 0
        page = threads if n == 0 else {"items": []}
        return Response(
            json.dumps(page | {"nextPageToken": f"t{n + 1}" if n < 40 else None}), content_type="application/json"
        )

    httpserver.expect_request("/youtube/v3/commentThreads").respond_with_handler(youtube)
    args = ("fetch", "youtube", "*", "--video", "vid1", "--video", "vid2", "--api-base", httpserver.url_for(""))
    result = run(*args, env={"BRANDPULSE_YOUTUBE_API_KEY": SECRET})
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(result.stdout)] == ["UgwTOP1", "UgwTOP1.REPLY1", "UgwTOP2"]
    assert tokens == [(v, t) for v in ("vid1", "vid2") for t in [None] + [f"t{n}" for n in range(1, 11)]]
    for video in ("vid1", "vid2"):
        assert (
            f"warning: youtube (video {video}): 10 empty pages in a row; stopped there (the search may hold more)"
        ) in result.stderr
    assert SECRET not in result.stdout + result.stderr


def test_limit_counts_rightly_past_an_empty_page(httpserver):
    """An empty page in the middle of a Bluesky search counted its own items as every item fetched before it
    (`positions[-0:]` is all of them): the count ran ahead of the posts, and `--limit 2` wrote 3."""
    page = fixture("bluesky_search.json")
    post = page["posts"][0]
    posts = [dict(post, uri=post["uri"].replace("3kabc111", f"3kabc{n}")) for n in (101, 102, 103)]
    pages = {None: page | {"posts": posts[:1], "cursor": "c1"}, "c1": {"posts": [], "cursor": "c2"}}
    pages["c2"] = {"posts": posts[1:], "cursor": None}
    httpserver.expect_request("/xrpc/com.atproto.server.createSession", method="POST").respond_with_json(
        {"accessJwt": "jwt-123456", "refreshJwt": "ref-123456"}
    )
    httpserver.expect_request("/xrpc/app.bsky.feed.searchPosts").respond_with_handler(
        lambda request: Response(json.dumps(pages[request.args.get("cursor")]), content_type="application/json")
    )
    env = {"BRANDPULSE_BLUESKY_HANDLE": "me.bsky.social", "BRANDPULSE_BLUESKY_APP_PASSWORD": SECRET}
    result = run("fetch", "bluesky", "acme", "--api-base", httpserver.url_for(""), "--limit", "2", env=env)
    assert result.exit_code == 0, result.stderr
    assert [r["url"].rsplit("/", 1)[-1] for r in jsonl(result.stdout)] == ["3kabc101", "3kabc102"]


def test_bluesky_invalid_handle_is_no_author(httpserver):
    """Bluesky shows `handle.invalid` for an account whose handle no longer resolves: it was the author, and
    the post's URL (https://bsky.app/profile/handle.invalid/post/...) led nowhere."""
    page = fixture("bluesky_search.json") | {"cursor": None}
    page["posts"][0]["author"]["handle"] = "handle.invalid"
    httpserver.expect_request("/xrpc/com.atproto.server.createSession", method="POST").respond_with_json(
        {"accessJwt": "jwt-123456", "refreshJwt": "ref-123456"}
    )
    httpserver.expect_request("/xrpc/app.bsky.feed.searchPosts").respond_with_json(page)
    env = {"BRANDPULSE_BLUESKY_HANDLE": "me.bsky.social", "BRANDPULSE_BLUESKY_APP_PASSWORD": SECRET}
    result = run("fetch", "bluesky", "acme", "--api-base", httpserver.url_for(""), env=env)
    assert result.exit_code == 0, result.stderr
    first = jsonl(result.stdout)[0]
    assert (first["author"], first["url"]) == (None, "https://bsky.app/profile/did:plc:aaaa1111/post/3kabc111")


def test_bluesky_session_that_cannot_be_cached_is_a_warning(httpserver, tmp_path):
    """A cache folder that cannot be written (a cron job's read-only home) stopped the fetch after a good
    login: exit 1, no post."""
    httpserver.expect_request("/xrpc/com.atproto.server.createSession", method="POST").respond_with_json(
        {"accessJwt": "jwt-123456", "refreshJwt": "ref-123456"}
    )
    httpserver.expect_request("/xrpc/app.bsky.feed.searchPosts").respond_with_json(
        fixture("bluesky_search.json") | {"cursor": None}
    )
    (tmp_path / "file").write_text("not a folder")
    env = {
        "BRANDPULSE_BLUESKY_HANDLE": "me.bsky.social",
        "BRANDPULSE_BLUESKY_APP_PASSWORD": SECRET,
        "BRANDPULSE_CACHE_DIR": str(tmp_path / "file" / "cache"),
    }
    result = run("fetch", "bluesky", "acme", "--api-base", httpserver.url_for(""), env=env)
    assert result.exit_code == 0, result.stderr
    assert [r["author"] for r in jsonl(result.stdout)] == ["jo.bsky.social", "sam.example.com"]
    assert (
        f"warning: bluesky: the session could not be cached ({tmp_path / 'file' / 'cache'}: Not a directory); "
        "each run logs in again"
    ) in result.stderr


def test_youtube_pages_and_quota(httpserver):
    page1 = fixture("youtube_threads.json")
    page2 = dict(page1, items=page1["items"][1:], nextPageToken=None)
    page2["items"] = [json.loads(json.dumps(page2["items"][0]).replace("UgwTOP2", "UgwTOP3"))]

    def handler(request):
        assert request.args["videoId"] == "vid12345678" and request.args["key"] == SECRET
        return Response(
            json.dumps(page2 if request.args.get("pageToken") == "PAGE2" else page1), content_type="application/json"
        )

    httpserver.expect_request("/youtube/v3/commentThreads").respond_with_handler(handler)
    env = {"BRANDPULSE_YOUTUBE_API_KEY": SECRET}
    result = run("fetch", "youtube", "*", "--video", "vid12345678", "--api-base", httpserver.url_for(""), env=env)
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(result.stdout)] == ["UgwTOP1", "UgwTOP1.REPLY1", "UgwTOP2", "UgwTOP3"]


def test_youtube_channels_given_twice_are_both_fetched(httpserver):
    """`--channel A --channel B` fetched B's comments only (the last option won)."""
    asked = []

    def handler(request):
        asked.append(request.args["allThreadsRelatedToChannelId"])
        page = fixture("youtube_threads.json") | {"nextPageToken": None}
        return Response(json.dumps(page).replace("UgwTOP", f"{asked[-1]}-"), content_type="application/json")

    httpserver.expect_request("/youtube/v3/commentThreads").respond_with_handler(handler)
    env = {"BRANDPULSE_YOUTUBE_API_KEY": SECRET}
    args = ["fetch", "youtube", "*", "--channel", "UCa", "--channel", "UCb", "--api-base", httpserver.url_for("")]
    result = run(*args, env=env)
    assert result.exit_code == 0, result.stderr
    assert asked == ["UCa", "UCb"]
    assert [r["post_id"].split("-")[0] for r in jsonl(result.stdout)] == ["UCa"] * 3 + ["UCb"] * 3


def test_youtube_without_video_or_channel_is_a_usage_error(httpserver):
    result = run(
        "fetch", "youtube", "*", "--api-base", httpserver.url_for(""), env={"BRANDPULSE_YOUTUBE_API_KEY": SECRET}
    )
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "brandpulse: error: youtube: name the videos (--video ID, repeatable) or the channel (--channel ID)\n"
    )
    assert len(httpserver.log) == 0


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["x", "acme", "--video", "dQw4w9WgXcQ"], "--video is youtube's option, not x's: drop it, or fetch youtube"),
        (
            ["reddit", "acme", "--channel", "UCa"],
            "--channel is youtube's option, not reddit's: drop it, or fetch youtube",
        ),
        (
            ["x", "acme", "--server", "fosstodon.org"],
            "--server is mastodon's option, not x's: drop it, or fetch mastodon",
        ),
    ],
)
def test_an_option_of_another_source_is_a_usage_error(httpserver, args, said):
    """`fetch x acme --video ID` fetched X's search for acme, the option unread and nothing said: an analyst thought
    the posts were of that video. An option of another source is a usage error (exit 2) before any request."""
    env = {"BRANDPULSE_X_BEARER_TOKEN": SECRET, "BRANDPULSE_REDDIT_CLIENT_ID": "id"}
    env["BRANDPULSE_REDDIT_CLIENT_SECRET"] = SECRET
    result = run("fetch", *args, "--api-base", httpserver.url_for(""), env=env)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"brandpulse: error: {said}\n")
    assert len(httpserver.log) == 0


def test_youtube_quota_exceeded(httpserver):
    body = {
        "error": {
            "code": 403,
            "message": "The request cannot be completed because you have exceeded your quota.",
            "errors": [{"reason": "quotaExceeded"}],
        }
    }
    httpserver.expect_request("/youtube/v3/commentThreads").respond_with_json(body, status=403)
    env = {"BRANDPULSE_YOUTUBE_API_KEY": SECRET}
    result = run("fetch", "youtube", "*", "--video", "v", "--api-base", httpserver.url_for(""), env=env)
    assert result.exit_code == 6
    assert "quota is used up" in result.stderr and "BRANDPULSE_YOUTUBE_API_KEY" not in result.stderr


def test_youtube_key_not_valid_names_the_variable(httpserver):
    """Google answers a wrong key with HTTP 400 (API_KEY_INVALID), not 401: it is a credentials refusal all the same."""
    body = {
        "error": {
            "code": 400,
            "message": "API key not valid. Please pass a valid API key.",
            "errors": [{"message": "API key not valid. Please pass a valid API key.", "reason": "badRequest"}],
            "status": "INVALID_ARGUMENT",
            "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID"}],
        }
    }
    httpserver.expect_request("/youtube/v3/commentThreads").respond_with_json(body, status=400)
    env = {"BRANDPULSE_YOUTUBE_API_KEY": SECRET}
    result = run("fetch", "youtube", "*", "--video", "v", "--api-base", httpserver.url_for(""), env=env)
    assert result.exit_code == 6
    assert result.stderr.strip().splitlines()[-1].endswith("set BRANDPULSE_YOUTUBE_API_KEY")
    assert SECRET not in result.stderr and "Traceback" not in result.stderr


def test_youtube_bad_request_that_is_not_the_key_names_no_variable(httpserver):
    body = {"error": {"code": 400, "message": "Invalid value for parameter videoId", "errors": [{"reason": "invalid"}]}}
    httpserver.expect_request("/youtube/v3/commentThreads").respond_with_json(body, status=400)
    env = {"BRANDPULSE_YOUTUBE_API_KEY": SECRET}
    result = run("fetch", "youtube", "*", "--video", "v", "--api-base", httpserver.url_for(""), env=env)
    assert result.exit_code == 6
    assert "HTTP 400" in result.stderr and "BRANDPULSE_YOUTUBE_API_KEY" not in result.stderr


def test_rss_feed_with_google_redirects(httpserver):
    httpserver.expect_request("/alerts/feeds/1/2").respond_with_data(
        (FIX / "platforms" / "google_alerts.xml").read_bytes(), content_type="application/atom+xml"
    )
    result = run("fetch", "rss", httpserver.url_for("/alerts/feeds/1/2"), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    df = pd.read_csv(pd.io.common.StringIO(result.stdout), dtype=str)
    assert list(df["url"]) == ["https://news.example/acme-recall"]
    assert df["text"].iloc[0] == "Acme recalls kettles\n\nThe Acme company said ..."


def test_a_private_feeds_key_is_not_shown_when_the_feed_fails(httpserver):
    """A private feed's URL holds its key (`?token=...`, a password before the host): a feed answering HTML was
    "rss: http://host/feed?token=... is not an RSS or Atom feed", and a server echoing the address it was asked in
    its error showed the key too. As for the APIs, the host and port are named, and the key is [redacted]."""
    key, password = "FEEDKEY-93b1c7", "pw-8d2e"
    feed = httpserver.url_for("/alerts/feeds/1/2").replace("://", f"://ops:{password}@") + f"?token={key}&lang=en"
    httpserver.expect_request("/alerts/feeds/1/2").respond_with_data("<html>Sign in</html>", content_type="text/html")
    html = run("--debug", "fetch", "rss", feed)
    httpserver.clear()
    httpserver.expect_request("/alerts/feeds/1/2").respond_with_handler(
        lambda request: Response(
            json.dumps({"error": f"no feed at {request.full_path} for {request.authorization.password}"}),
            status=404,
            content_type="application/json",
        )
    )
    echoed = run("--debug", "fetch", "rss", feed)
    where = f"{httpserver.host}:{httpserver.port}"
    assert (html.exit_code, echoed.exit_code) == (6, 6)
    assert html.stderr.splitlines()[-1] == (
        f"brandpulse: error: rss: the answer from {where} is not an RSS or Atom feed (text/html); check the feed's URL"
    )
    assert echoed.stderr.splitlines()[-1] == (
        f"brandpulse: error: rss: HTTP 404 from {where}: no feed at /alerts/feeds/1/2?token=[redacted]&lang=en for"
        " [redacted]"
    )
    for result in (html, echoed):
        assert key not in result.output and password not in result.output


def test_a_feeds_keys_are_told_from_its_other_query_values():
    """Every query value of 4 characters was taken for a key: `?format=json&site=example.com` made an error
    "the answer from [redacted]:443 ... (application/[redacted])". Keys are told by their parameter's name, or by
    looking made to be secret (12 characters or more, letters and digits); a password always is one."""
    url = (
        "https://ops:pw-8d2e@example.com/feed?format=json&site=example.com&token=abcd&apiKey=k-77&id=FEEDKEY93b1c7x&q=a"
    )
    assert url_secrets(url) == ["pw-8d2e", "abcd", "k-77", "FEEDKEY93b1c7x"]
    assert url_secrets("https://example.com/feed?lang=en&since=2026-12-01&sort=newest") == []
    assert url_secrets(None) == [] and url_secrets("http://[::1/feed") == []


def test_a_key_in_a_feeds_path_is_not_shown_when_the_server_echoes_it(httpserver):
    """A key in the feed URL's path (`/feeds/<token>/posts.json`, a Google Alerts feed's ids) was shown when the server
    echoed the path it was asked in its error: only the password and the query's keys were [redacted]. Parts of the
    path that look made to be secret are now too; the words of the path, its dates and its suffix are still shown."""
    token = "9f86d081884c7d659a2feaa0c55ad015"
    httpserver.expect_request(f"/feeds/{token}/posts.json").respond_with_handler(
        lambda request: Response(
            json.dumps({"error": f"no feed at {request.path} (feed {token})"}),
            status=404,
            content_type="application/json",
        )
    )
    result = run("--debug", "fetch", "rss", httpserver.url_for(f"/feeds/{token}/posts.json"))
    assert result.exit_code == 6
    assert result.stderr.splitlines()[-1] == (
        f"brandpulse: error: rss: HTTP 404 from {httpserver.host}:{httpserver.port}: no feed at"
        " /feeds/[redacted]/posts.json (feed [redacted])"
    )
    assert token not in result.output
    assert url_secrets(f"https://example.com/feeds/{token}/posts.json") == [token]
    google = "https://www.google.com/alerts/feeds/01234567890123456789/12345678901234567890"
    assert url_secrets(google) == ["01234567890123456789", "12345678901234567890"]
    assert url_secrets("https://example.com/api/v1/search_by_date/2026-12-05/page_2.json") == []


def test_a_feed_cut_off_keeps_its_first_entries_and_exits_6(httpserver, tmp_path):
    """A feed that stops half-way (a proxy's limit, a dropped connection with the status already sent) was
    read as the entries before the cut, exit 0 and no word."""
    feed = (FIX / "platforms" / "blog.rss").read_bytes()
    item = feed[feed.index(b"<item>") : feed.index(b"</item>") + len(b"</item>")]
    second = item.replace(b"?p=7", b"?p=8").replace(b"acme-vs-rest", b"acme-again")
    whole = feed.replace(item, item + b"\n" + second)
    cut = whole[: whole.index(b"acme-again")]
    httpserver.expect_ordered_request("/feed").respond_with_data(whole, content_type="application/rss+xml")
    httpserver.expect_ordered_request("/feed").respond_with_data(cut, content_type="application/rss+xml")
    out = tmp_path / "feed.jsonl"
    full = run("fetch", "rss", httpserver.url_for("/feed"), "-o", str(out))
    assert full.exit_code == 0, full.stderr
    assert [r["url"] for r in jsonl(out.read_text())] == [
        "https://kettle.example/acme-vs-rest",
        "https://kettle.example/acme-again",
    ]
    result = run("fetch", "rss", httpserver.url_for("/feed"), "-o", str(out))
    assert result.exit_code == 6
    assert result.stderr.splitlines()[-1] == (
        "brandpulse: error: rss: the feed is cut off (it ends before its closing tag); "
        "the entries before the cut were read"
    )
    assert [r["url"] for r in jsonl(out.read_text())] == ["https://kettle.example/acme-vs-rest"]


def test_an_output_format_fetch_cannot_write_is_refused_before_any_request(httpserver, tmp_path):
    """`fetch ... -o posts.md` fetched every page, then failed with "unknown output format 'md'" (exit 5):
    the posts were written nowhere."""
    out = tmp_path / "posts.md"
    result = run("fetch", "rss", httpserver.url_for("/alerts/feeds/1/2"), "-o", str(out))
    assert result.exit_code == 2
    assert f"--output {out}: fetch writes csv, tsv, json, jsonl, parquet, not md" in result.stderr
    assert not out.exists()
    assert len(httpserver.log) == 0  # nothing was asked of the server


def test_fetch_since_drops_posts_without_a_time_and_counts_them(httpserver, tmp_path):
    """`fetch --since` wrote a feed entry without a date (not known to be in the window), which `analyze --since`
    then counted and dropped as "without a time". fetch drops it too, and its last line counts it."""
    items = "".join(
        f"<item><title>Skyway {n}</title><link>https://blog.example.com/{n}</link>{date}</item>"
        for n, date in (
            (1, "<pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate>"),
            (2, "<pubDate>Mon, 20 May 2024 10:00:00 GMT</pubDate>"),  # (before --since)
            (3, ""),  # (no date)
        )
    )
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>b</title>{items}</channel></rss>'
    httpserver.expect_request("/feed").respond_with_data(feed, content_type="application/rss+xml")
    out = tmp_path / "out.jsonl"
    result = run("fetch", "rss", httpserver.url_for("/feed"), "--since", "2024-06-01", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert [p["text"] for p in jsonl(out.read_text())] == ["Skyway 1"]
    assert result.stderr.splitlines()[-1] == (
        "rss: 3 posts in 1 page, 1 outside --since/--until dropped, 1 without a time dropped (not placed in"
        " --since/--until), wrote 1"
    )
    # without a window every post is kept, as analyze keeps it
    whole = run("fetch", "rss", httpserver.url_for("/feed"), "-o", str(out))
    assert whole.exit_code == 0 and len(jsonl(out.read_text())) == 3, whole.stderr
    assert whole.stderr.splitlines()[-1] == "rss: 3 posts in 1 page, wrote 3"


def test_fetch_since_yesterday_or_24h_as_a_cron_line_writes_it(httpserver):
    """`fetch x acme --since yesterday` (or `24h`, `"2 days ago"`) was exit 5 before any request: a cron line
    needed `--since "$(date -u -d yesterday +\\%F)"`. `yesterday` is the day before today's 00:00 in --tz, as
    `today` is; the API is asked in UTC."""
    from datetime import datetime, timedelta
    from datetime import time as clock
    from zoneinfo import ZoneInfo

    asked = []
    httpserver.expect_request("/2/tweets/search/recent").respond_with_handler(
        lambda request: (
            asked.append(request.args["start_time"])
            or Response(json.dumps(x_page(["901"], None)), content_type="application/json")
        )
    )
    env = {"BRANDPULSE_X_BEARER_TOKEN": SECRET}
    zone = ZoneInfo("Pacific/Kiritimati")  # (UTC+14: its yesterday is no UTC day)
    before = datetime.now(zone)
    for since in (["yesterday", "--tz", "Pacific/Kiritimati"], ["24h"]):
        result = run("fetch", "x", "acme", "--since", *since, "--api-base", httpserver.url_for(""), env=env)
        assert result.exit_code == 0, result.stderr
        assert [r["post_id"] for r in jsonl(result.stdout)] == [] and "1 outside --since/--until" in result.stderr
    after = datetime.now(zone)
    sent = [datetime.strptime(a, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=ZoneInfo("UTC")) for a in asked]
    midnights = {datetime.combine(t.date() - timedelta(days=1), clock(0), zone) for t in (before, after)}
    assert sent[0] in midnights and sent[0].hour == 10  # Kiritimati's midnight is 10:00 UTC the day before
    assert (before - timedelta(hours=24)).replace(microsecond=0) <= sent[1] <= after - timedelta(hours=24)
    assert SECRET not in result.stderr + result.stdout


def test_an_output_in_a_missing_folder_is_refused_before_any_request(httpserver, tmp_path):
    """`fetch ... -o missing/posts.jsonl` fetched every page, then failed to write them: the posts were lost."""
    httpserver.expect_request("/feed").respond_with_data(
        (FIX / "platforms" / "google_alerts.xml").read_bytes(), content_type="application/atom+xml"
    )
    out = tmp_path / "missing" / "posts.jsonl"
    result = run("fetch", "rss", httpserver.url_for("/feed"), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        f"brandpulse: error: --output {out}: cannot create files in {out.parent}: No such file or directory\n"
    )
    assert len(httpserver.log) == 0  # nothing was asked of the server


# --- faults: keep what was fetched, warn, exit non-zero ---------------------------------------


def test_429_retry_after_then_success(httpserver):
    httpserver.expect_ordered_request("/2/tweets/search/recent").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "1"}
    )
    httpserver.expect_ordered_request("/2/tweets/search/recent").respond_with_json(x_page(["201"], None))
    started = time.monotonic()
    result = fetch_x(httpserver)
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(result.stdout)] == ["201"]
    assert time.monotonic() - started >= 0.9  # Retry-After was honoured
    # (a rate limit's wait is said however short: it was silent below 10 s, where a reset's wait of 1 s was said)
    assert "x: HTTP 429, waiting 1s as the server asks" in result.stderr and "Traceback" not in result.stderr


def test_repeated_cursor_keeps_pages_and_exits_6(httpserver, tmp_path):
    pages = iter([x_page(["301"], "same"), x_page(["302"], "same")])
    httpserver.expect_request("/2/tweets/search/recent").respond_with_handler(
        lambda r: Response(json.dumps(next(pages)), content_type="application/json")
    )
    out = tmp_path / "out.jsonl"
    result = fetch_x(httpserver, "-o", str(out))
    assert result.exit_code == 6
    assert [r["post_id"] for r in jsonl(out.read_text())] == ["301", "302"]
    assert (
        "cursor it had already given" in result.stderr
        and "2 posts fetched before the fault were written" in result.stderr
    )


def test_html_instead_of_json_on_page_2(httpserver, tmp_path):
    httpserver.expect_ordered_request("/api/v1/search_by_date").respond_with_json(
        fixture("hackernews_algolia.json") | {"nbPages": 3, "page": 0}
    )
    httpserver.expect_ordered_request("/api/v1/search_by_date").respond_with_data(
        "<html><body>Maintenance</body></html>", content_type="text/html"
    )
    out = tmp_path / "hn.parquet"
    result = run("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""), "-o", str(out))
    assert result.exit_code == 6
    assert "not JSON (HTTP 200, text/html)" in result.stderr
    assert list(pd.read_parquet(out)["post_id"]) == ["39000001", "39000002"]


@pytest.mark.parametrize("source, query", [("hackernews", "acme"), ("rss", "FEED")])
def test_a_refusal_of_a_source_without_credentials_does_not_blame_them(httpserver, source, query):
    """Hacker News and RSS take no credentials, yet a 401 from them (a proxy, a private feed) was "the API refused
    the credentials", which had the user look for a token to set."""
    from pytest_httpserver.httpserver import URIPattern

    class Any(URIPattern):
        def match(self, uri):
            return True

    httpserver.expect_request(Any()).respond_with_data("Unauthorized", status=401, content_type="text/plain")
    result = run(
        "fetch", source, query.replace("FEED", httpserver.url_for("/feed.xml")), "--api-base", httpserver.url_for("")
    )
    assert result.exit_code == 6, result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"brandpulse: error: {source}: the server refused the request (HTTP 401); {source} takes no "
        "credentials: check the address asked (--api-base, a feed's URL) and any proxy in the way"
    )


def test_damaged_json_on_page_2_is_told_as_such(httpserver, tmp_path):
    """A page 2 cut off mid-answer but sent as `application/json` was "not JSON ...; a proxy, a login page or a
    wrong --api-base may be in the way", though page 1 had come from the same --api-base."""
    httpserver.expect_ordered_request("/2/tweets/search/recent").respond_with_json(x_page(["301", "302"], "tok2"))
    httpserver.expect_ordered_request("/2/tweets/search/recent").respond_with_data(
        '{"data": [{"id": "303", "text"', content_type="application/json; charset=utf-8"
    )
    out = tmp_path / "x.jsonl"
    result = fetch_x(httpserver, "-o", str(out))
    assert result.exit_code == 6, result.stderr
    assert [r["post_id"] for r in jsonl(out.read_text())] == ["301", "302"]
    assert result.stderr.splitlines()[-1] == (
        f"brandpulse: error: x: the answer from {httpserver.host}:{httpserver.port} was damaged JSON (HTTP 200, "
        "application/json, 30 bytes: Expecting ':' delimiter: line 1 column 31 (char 30)); it may have been cut "
        "short on the way: run again"
    )
    assert "warning: stopped early; the 2 posts fetched before the fault were written" in result.stderr


@pytest.mark.parametrize("count", ["abc", None, 2.5, "missing"])
def test_a_hackernews_page_without_a_page_count_keeps_the_pages_before(httpserver, tmp_path, count):
    """Algolia's `nbPages` as a string stopped the fetch with a ValueError (exit 1) and lost page 1; a missing
    or null one ended the fetch after that page as if it were the last (exit 0)."""
    page0 = fixture("hackernews_algolia.json") | {"nbPages": 3, "page": 0}
    page1 = dict(page0, page=1, hits=[dict(page0["hits"][0], objectID="38999990")], nbPages=count)
    if count == "missing":
        del page1["nbPages"]
    httpserver.expect_ordered_request("/api/v1/search_by_date").respond_with_json(page0)
    httpserver.expect_ordered_request("/api/v1/search_by_date").respond_with_json(page1)
    out = tmp_path / "hn.jsonl"
    result = run("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""), "-o", str(out))
    assert result.exit_code == 6, result.stderr
    shown = {"abc": "'abc'", None: "None", 2.5: "2.5", "missing": "None"}[count]
    assert result.stderr.splitlines()[-1] == (
        f"brandpulse: error: hackernews: the search answered page 2 without a page count (nbPages: {shown})"
    )
    assert [r["post_id"] for r in jsonl(out.read_text())] == ["39000001", "39000002"]
    assert "warning: stopped early; the 2 posts fetched before the fault were written" in result.stderr


def test_a_page_2_of_the_wrong_shape_keeps_page_1(httpserver, tmp_path):
    """X's page 2 with `"meta": null`, Reddit's with `"data": null`: an AttributeError (exit 1) in place of the
    fetch error, and page 1 was not written."""
    listing = fixture("reddit_listing.json")
    pages = {"x": [x_page(["101"], "tok2"), x_page(["102"], None) | {"meta": None}], "reddit": [listing, listing]}
    pages["reddit"][1] = {"kind": "Listing", "data": None}
    httpserver.expect_request("/api/v1/access_token", method="POST").respond_with_json({"access_token": "access-4e1"})
    for path, source in (("/2/tweets/search/recent", "x"), ("/search", "reddit")):
        httpserver.expect_oneshot_request(path).respond_with_json(pages[source][0])
        httpserver.expect_oneshot_request(path).respond_with_json(pages[source][1])
    env = {
        "BRANDPULSE_X_BEARER_TOKEN": SECRET,
        "BRANDPULSE_REDDIT_CLIENT_ID": "cid-9a8",
        "BRANDPULSE_REDDIT_CLIENT_SECRET": SECRET,
    }
    said = {"x": "recent search did not answer with a page of tweets", "reddit": "search did not answer with a Listing"}
    for source, ids in (("x", ["101"]), ("reddit", ["t3_1abc23", "t1_kc0002"])):
        out = tmp_path / f"{source}.jsonl"
        result = run("fetch", source, "acme", "--api-base", httpserver.url_for(""), "-o", str(out), env=env)
        assert result.exit_code == 6, result.stderr
        assert result.stderr.splitlines()[-1] == f"brandpulse: error: {source}: {said[source]}"
        assert [r["post_id"] for r in jsonl(out.read_text())] == ids
        written = "the 1 post fetched before the fault was written" if len(ids) == 1 else "the 2 posts fetched"
        assert f"warning: stopped early; {written}" in result.stderr


def test_stalled_server_keeps_first_page(httpserver, tmp_path):
    calls, stalled = [], threading.Event()

    def handler(request):
        calls.append(request.args["page"])
        if request.args["page"] == "0":
            return Response(
                json.dumps(fixture("hackernews_algolia.json") | {"nbPages": 2, "page": 0}),
                content_type="application/json",
            )
        # (stalled until the run has given up: it slept 0.6 s, against a --timeout of 0.2 s, which the first page
        # could miss too on a loaded CI)
        stalled.wait()
        return Response("{}", content_type="application/json")

    httpserver.expect_request("/api/v1/search_by_date").respond_with_handler(handler)
    out = tmp_path / "hn.jsonl"
    args = ("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""), "--timeout", "1", "-o", str(out))
    try:
        result = run(*args)
    finally:
        stalled.set()
    wait_logged(httpserver, calls)
    assert result.exit_code == 6
    assert "stalled" in result.stderr
    assert len(jsonl(out.read_text())) == 2


def test_dropped_connection_keeps_first_page(tmp_path):
    """A server that closes the connection without answering (page 2): bounded retries, then a clear
    error, and page 1 is written out."""
    import socketserver
    import threading

    page = json.dumps(fixture("hackernews_algolia.json") | {"nbPages": 2, "page": 0}).encode()
    attempts = []

    class Handler(socketserver.BaseRequestHandler):
        def handle(self):
            request = self.request.recv(65536)
            attempts.append(request.split(b" ")[1])
            if b"page=0" in request:
                head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(page)}\r\n"
                self.request.sendall(head.encode() + b"Connection: close\r\n\r\n" + page)
            # any other page: hang up without a word

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        out = tmp_path / "hn.jsonl"
        base = f"http://127.0.0.1:{server.server_address[1]}"
        result = run("fetch", "hackernews", "acme", "--api-base", base, "-o", str(out))
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == 6
    assert result.stderr.strip().splitlines()[-1].startswith("brandpulse: error:")
    assert len(jsonl(out.read_text())) == 2  # the first page, kept
    retried = [a for a in attempts if b"page=0" not in a]
    assert 2 <= len(retried) <= 6  # retried, but not forever


def test_an_answer_sent_a_byte_at_a_time_is_stalled_after_the_timeout(tmp_path):
    """requests' timeout is per read of the socket: a server (or a proxy) sending its answer one byte every half
    second held `fetch --timeout 1` for as long as it went on, a cron job for ever. The whole answer must now arrive
    within --timeout: the client hangs up before the server is done; the pages before it are kept."""
    page = json.dumps(fixture("hackernews_algolia.json") | {"nbPages": 2, "page": 0}).encode()

    def respond(request: bytes):
        if b"page=0" in request:
            head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(page)}\r\n"
            return head.encode() + b"Connection: close\r\n\r\n" + page, None
        return b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 999\r\n\r\n", b" "

    server = DrippingServer(respond)
    out = tmp_path / "hn.jsonl"
    try:
        result = run("fetch", "hackernews", "acme", "--api-base", server.base, "--timeout", "1", "-o", str(out))
        assert server.client_hung_up()
    finally:
        server.close()
    assert result.exit_code == 6
    assert result.stderr.splitlines()[-1] == (
        f"brandpulse: error: hackernews: the answer from 127.0.0.1:{server.server_address[1]} did not all arrive within"
        " 1s (the server sent it a little at a time); try again later, or give a longer --timeout"
    )
    assert [r["post_id"] for r in jsonl(out.read_text())] == ["39000001", "39000002"]  # page 1, kept


@pytest.mark.parametrize(
    "sent, drip",
    [
        (b"", b"H"),  # the status line
        (b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nX-Slow: ", b"a"),  # a header
        (b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 999\r\n\r\n", b" "),  # a 5xx's body, before a retry
    ],
    ids=["status-line", "header", "5xx-body"],
)
def test_an_answer_whose_head_or_5xx_body_comes_a_byte_at_a_time_is_stopped(sent, drip):
    """Only the body of an answer had to arrive within --timeout: a server (or a proxy) sending its status line or
    its headers a byte every half second, or the body of a 503 that urllib3 reads before it retries, held the fetch
    for as long as it went on (here 20 s an attempt, four attempts). Now the whole answer must arrive within
    --timeout: the client hangs up before the server is done, and says so naming the host, not the feed's key."""
    server = DrippingServer(lambda request: (sent, drip))
    feed = f"{server.base}/alerts/feeds/7?token={SECRET}"
    try:
        result = run("--debug", "fetch", "rss", feed, "--timeout", "1")
        assert server.client_hung_up()
    finally:
        server.close()
    assert (result.exit_code, result.stdout) == (6, "")
    assert result.stderr.splitlines()[-1] == (
        f"brandpulse: error: rss: the answer from 127.0.0.1:{server.server_address[1]} did not all arrive within 1s"
        " (the server sent it a little at a time); try again later, or give a longer --timeout"
    )
    assert SECRET not in result.stderr and "/alerts/feeds" not in result.stderr


def test_a_large_answer_coming_steadily_past_the_timeout_says_how_much_came():
    """A large answer (here 40 MB, within the 64 MB any answer may hold) coming steadily over a slow link (1 MB each
    half second), which a longer --timeout lets through, was blamed on the server: "the server sent it a little at a
    time". The message says how much of it came within --timeout."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 41943040\r\n\r\n"
    server = DrippingServer(lambda request: (head, b" " * (1 << 20)))
    try:
        result = run("fetch", "rss", f"{server.base}/feed.xml", "--timeout", "1")
        assert server.client_hung_up()
    finally:
        server.close()
    assert (result.exit_code, result.stdout) == (6, "")
    last = result.stderr.splitlines()[-1]
    came = re.fullmatch(
        rf"brandpulse: error: rss: the answer from 127\.0\.0\.1:{server.server_address[1]} did not all arrive within"
        r" 1s \((\d+\.\d) MB of it came: a slow link\); try again later, or give a longer --timeout",
        last,
    )
    assert came, last
    assert 1 <= float(came[1]) <= 4  # (one each half second, the first at once)


def test_an_answer_larger_than_any_page_is_refused_unpacked_too(httpserver, monkeypatch):
    """An answer was read whole into memory, however large: a server sending gigabytes, or a gzip bomb of a few
    kilobytes (`Content-Encoding: gzip`, unpacked by requests), filled the machine's memory (a 600 MB answer took
    2 GB). One larger than MAX_ANSWER unpacked is refused (here 1 MB, so the test sends 4 MB, 4 KB packed)."""
    import gzip

    monkeypatch.setattr("brandpulse.fetch.client.MAX_ANSWER", 1 << 20)
    body = json.dumps(fixture("hackernews_algolia.json") | {"nbPages": 1, "page": 0, "pad": " " * (4 << 20)})
    packed = gzip.compress(body.encode())
    assert len(packed) < 10_000
    httpserver.expect_request("/api/v1/search_by_date").respond_with_data(
        packed, content_type="application/json", headers={"Content-Encoding": "gzip"}
    )
    result = run("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""))
    assert (result.exit_code, result.stdout) == (6, "")
    assert result.stderr.splitlines()[-1] == (
        f"brandpulse: error: hackernews: the answer from {httpserver.host}:{httpserver.port} is larger than 1 MB, more"
        " than any page of posts; check the address (--api-base, a feed's URL)"
    )
    httpserver.clear()  # (one under the limit is read as before)
    small = json.dumps(fixture("hackernews_algolia.json") | {"nbPages": 1, "page": 0, "pad": " " * 1000})
    httpserver.expect_request("/api/v1/search_by_date").respond_with_data(
        gzip.compress(small.encode()), content_type="application/json", headers={"Content-Encoding": "gzip"}
    )
    result = run("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""))
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(result.stdout)] == ["39000001", "39000002"]


def test_connection_dropped_in_the_middle_of_an_answer_is_retried(tmp_path):
    """A connection that broke off in the middle of the body (`IncompleteRead`) was not retried, as a dropped
    connection is: one hiccup stopped the fetch (exit 6, no post). Now it is retried; one that keeps
    breaking off ends in a clear error."""
    import socketserver
    import threading

    page = json.dumps(fixture("hackernews_algolia.json") | {"nbPages": 1, "page": 0}).encode()
    attempts = []

    class Handler(socketserver.BaseRequestHandler):
        def handle(self):
            self.request.recv(65536)
            attempts.append(1)
            head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(page)}\r\n"
            body = page[:100] if len(attempts) == 1 or Handler.always else page  # then hang up
            self.request.sendall(head.encode() + b"Connection: close\r\n\r\n" + body)

    Handler.always = False
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        result = run("fetch", "hackernews", "acme", "--api-base", base)
        assert result.exit_code == 0, result.stderr
        assert [r["post_id"] for r in jsonl(result.stdout)] == ["39000001", "39000002"]
        assert len(attempts) == 2
        Handler.always = True
        attempts.clear()
        broken = run("fetch", "hackernews", "acme", "--api-base", base)
    finally:
        server.shutdown()
        server.server_close()
    assert broken.exit_code == 6
    assert broken.stderr.splitlines()[-1] == (
        f"brandpulse: error: hackernews: the connection to 127.0.0.1:{server.server_address[1]} dropped in the "
        "middle of an answer (IncompleteRead(100 bytes read, "
        f"{len(page) - 100} more expected)), retries used up; try again later"
    )
    assert len(attempts) == 4


def _nothing_listening() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("case", ["refused", "dns", "tls"])
def test_a_connection_that_fails_says_where_and_what_to_do(httpserver, monkeypatch, case):
    """It read `connection failed or dropped: HTTPConnection(host='127.0.0.1', port=1): Failed to establish a new
    connection: [Errno 111] Connection refused`, and for DNS and TLS lost its closing bracket: what to do was
    nowhere. Host and port are named; the path and query (YouTube's key is in it) never, also with --debug."""
    import socket

    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):  # (no DNS query leaves the machine)
        if host == "api.example.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    port = _nothing_listening()
    base, said = {
        "refused": (
            f"http://127.0.0.1:{port}",
            f"cannot connect to 127.0.0.1:{port} (Connection refused); check the address if you gave one "
            "(--api-base, --server), and that the network lets it through",
        ),
        "dns": (
            "https://api.example.invalid",
            "cannot connect to api.example.invalid:443: its name does not resolve (Name or service not known); "
            "check the network, and the address if you gave one (--api-base, --server)",
        ),
        "tls": (  # https:// to a plain-HTTP port (OpenSSL's words for it differ between versions)
            f"https://{httpserver.host}:{httpserver.port}",
            f"cannot connect to {httpserver.host}:{httpserver.port}: TLS failed (",
        ),
    }[case]
    env = {"BRANDPULSE_YOUTUBE_API_KEY": SECRET}
    for debug in ([], ["--debug"]):
        result = run(*debug, "fetch", "youtube", "*", "--video", "v1", "--api-base", base, env=env)
        assert result.exit_code == 6, result.stderr
        last = result.stderr.splitlines()[-1]
        if case == "tls":
            assert last.startswith("brandpulse: error: youtube: " + said), last
            assert last.endswith(
                "; check the address (https:// to a plain-HTTP port fails so), the system clock, "
                "and any proxy that intercepts TLS (REQUESTS_CA_BUNDLE names its certificate)"
            )
        else:
            assert last == "brandpulse: error: youtube: " + said
        for hidden in (SECRET, "commentThreads", "key="):
            assert hidden not in result.stderr, (hidden, result.stderr)


def test_an_address_without_http_does_not_show_its_query():
    """A feed URL without `https://` was echoed in requests' words, query (a feed's token) and all."""
    result = run("fetch", "rss", "alerts.example.com/feeds/7?token=" + SECRET)
    assert result.exit_code == 6
    assert result.stderr.splitlines()[-1] == (
        "brandpulse: error: rss: the address is not an http:// or https:// URL; check --api-base (rss: the feed URL)"
    )
    assert SECRET not in result.stderr


@pytest.mark.parametrize("status", [502, 407])
def test_an_error_page_from_a_proxy_says_where_and_what_to_do(httpserver, status):
    """A proxy's HTML error page read "youtube: HTTP 502": neither which server nor what to do."""
    httpserver.expect_request("/youtube/v3/commentThreads").respond_with_data(
        "<html><body><h1>Bad Gateway</h1></body></html>", status=status, content_type="text/html"
    )
    client = Client("youtube", retries=0, secrets=[SECRET])
    with pytest.raises(FetchError) as caught:
        client.get_json(httpserver.url_for("/youtube/v3/commentThreads") + f"?key={SECRET}")
    where = f"{httpserver.host}:{httpserver.port}"
    assert (
        str(caught.value)
        == {
            502: f"youtube: HTTP 502 from {where}; try again later",
            407: f"youtube: the proxy refused the request to {where} (HTTP 407: it asks for a login); give it in "
            "HTTPS_PROXY (http://user:password@proxy:port)",
        }[status]
    )


def test_401_names_the_variable(httpserver):
    httpserver.expect_request("/2/tweets/search/recent").respond_with_json(
        {"title": "Unauthorized", "status": 401}, status=401
    )
    result = fetch_x(httpserver)
    assert result.exit_code == 6
    lines = result.stderr.strip().splitlines()
    expected = "x: the API refused the credentials (HTTP 401: Unauthorized); set BRANDPULSE_X_BEARER_TOKEN"
    assert lines[-1] == "brandpulse: error: " + expected
    assert result.stdout == ""


def test_401_names_the_config_key_when_the_token_came_from_the_config(httpserver, tmp_path):
    """A token from the config's `[credentials]` refused: the line said "set BRANDPULSE_X_BEARER_TOKEN", a variable
    that was not set, and not the config key holding the wrong token. Reddit's id and secret, one from each place,
    are named each by where it came from."""
    httpserver.expect_request("/2/tweets/search/recent").respond_with_json(
        {"title": "Unauthorized", "status": 401}, status=401
    )
    httpserver.expect_request("/api/v1/access_token").respond_with_json({"message": "Unauthorized"}, status=401)
    (tmp_path / "brandpulse.toml").write_text(
        f'[credentials]\nx_bearer_token = "{SECRET}"\nreddit_client_secret = "{SECRET}"\n'
    )
    base = httpserver.url_for("")
    result = run("fetch", "x", "acme", "--api-base", base)
    assert result.exit_code == 6, result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        "brandpulse: error: x: the API refused the credentials (HTTP 401: Unauthorized); set x_bearer_token in "
        "the config's [credentials] (or BRANDPULSE_X_BEARER_TOKEN)"
    )
    # the variable wins over the config (README): it is the one named when it is set
    result = run("fetch", "x", "acme", "--api-base", base, env={"BRANDPULSE_X_BEARER_TOKEN": SECRET + "E"})
    assert result.stderr.strip().splitlines()[-1].endswith("(HTTP 401: Unauthorized); set BRANDPULSE_X_BEARER_TOKEN")
    result = run("fetch", "reddit", "acme", "--api-base", base, env={"BRANDPULSE_REDDIT_CLIENT_ID": "id"})
    assert result.exit_code == 6, result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        "brandpulse: error: reddit: the API refused the credentials (HTTP 401: Unauthorized); set "
        "BRANDPULSE_REDDIT_CLIENT_ID and reddit_client_secret in the config's [credentials] (or "
        "BRANDPULSE_REDDIT_CLIENT_SECRET)"
    )


def x_400(message: str, parameters: dict) -> dict:
    """X's answer to a request with a bad parameter (HTTP 400)."""
    return {
        "errors": [{"parameters": parameters, "message": message}],
        "title": "Invalid Request",
        "detail": "One or more parameters to your request was invalid.",
        "type": "https://api.twitter.com/2/problems/invalid-request",
    }


def test_x_400_says_which_parameter_was_wrong(httpserver):
    """X's 400 names the fault in `errors[].message`; only its general `detail` was shown."""
    message = "There were errors processing your request: Ambiguous use of and as a keyword. (at position 6)"
    httpserver.expect_request("/2/tweets/search/recent").respond_with_json(
        x_400(message, {"query": ["acme and"]}), status=400
    )
    args = ("fetch", "x", "acme and", "--api-base", httpserver.url_for(""))
    result = run(*args, env={"BRANDPULSE_X_BEARER_TOKEN": SECRET})
    assert result.exit_code == 6
    assert result.stderr.splitlines()[-1] == (
        f"brandpulse: error: x: HTTP 400 from {httpserver.host}:{httpserver.port}: One or more parameters to your "
        f"request was invalid. ({message})"
    )


def test_x_window_older_than_7_days_says_so(httpserver, tmp_path):
    """`--since` more than 7 days back: X refuses recent search's start_time, and the error read "HTTP 400: One
    or more parameters to your request was invalid." with X's message in brackets. Now it names the option;
    an end_time too old (`--until`, or `--resume` past posts of the last 7 days) is said too."""
    start = "Invalid 'start_time':'2024-05-01T00:00Z'. 'start_time' must be on or after 2024-05-06T09:00Z"
    end = "Invalid 'end_time':'2024-05-02T00:00Z'. 'end_time' must be on or after 2024-05-06T09:00Z"
    httpserver.expect_oneshot_request("/2/tweets/search/recent").respond_with_json(
        x_400(start, {"start_time": ["2024-05-01T00:00Z"]}), status=400
    )
    httpserver.expect_oneshot_request("/2/tweets/search/recent").respond_with_json(
        x_400(end, {"end_time": ["2024-05-02T00:00Z"]}), status=400
    )
    out = tmp_path / "x.jsonl"
    out.write_text("last week's posts\n")
    base = ("fetch", "x", "acme", "--api-base", httpserver.url_for(""), "-o", str(out))
    result = run(*base, "--since", "2024-05-01", env={"BRANDPULSE_X_BEARER_TOKEN": SECRET})
    assert result.exit_code == 6
    assert result.stderr.splitlines()[-1] == (
        "brandpulse: error: x: recent search reaches back 7 days only, and --since is earlier than that "
        f"(X: {start}); give a later --since, or none"
    )
    result = run(*base, "--until", "2024-05-02", env={"BRANDPULSE_X_BEARER_TOKEN": SECRET})
    assert result.exit_code == 6
    assert result.stderr.splitlines()[-1] == (
        "brandpulse: error: x: recent search reaches back 7 days only, and the window ends before that (--until, "
        f"or with --resume the oldest post already written): there is nothing it can fetch (X: {end})"
    )
    assert out.read_text() == "last week's posts\n"
    assert httpserver.log[0][0].args["start_time"] == "2024-05-01T00:00:00Z"


def test_missing_credential_names_variable_and_config_key():
    result = run("fetch", "reddit", "acme", "--api-base", "http://127.0.0.1:9")
    assert result.exit_code == 6
    assert "BRANDPULSE_REDDIT_CLIENT_ID and BRANDPULSE_REDDIT_CLIENT_SECRET" in result.stderr
    assert "reddit_client_id" in result.stderr


def test_credentials_from_config_file(httpserver, tmp_path):
    (tmp_path / "brandpulse.toml").write_text(f'[credentials]\nx_bearer_token = "{SECRET}"\n')
    httpserver.expect_request(
        "/2/tweets/search/recent", headers={"Authorization": f"Bearer {SECRET}"}
    ).respond_with_json(x_page(["401"], None))
    result = run("fetch", "x", "acme", "--api-base", httpserver.url_for(""))
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(result.stdout)] == ["401"]


@pytest.mark.parametrize(("mode", "who"), [(0o640, "its group"), (0o604, "other users"), (0o644, "other users")])
def test_a_config_with_credentials_others_can_read_is_warned_of_once(httpserver, tmp_path, mode, who):
    """A config file holding `[credentials]` that other users (or its group) could read gave no word: the tokens in it
    were anyone's on a shared machine. A warning on stderr names the file and `chmod 600`, as ssh does for a key,
    once a run (also with -q), never the secret; a file of mode 600 gets none."""
    config = tmp_path / "brandpulse.toml"
    config.write_text(f'[credentials]\nx_bearer_token = "{SECRET}"\n')
    config.chmod(mode)
    httpserver.expect_request(
        "/2/tweets/search/recent", headers={"Authorization": f"Bearer {SECRET}"}
    ).respond_with_json(x_page(["401"], None))
    result = run("fetch", "x", "acme", "--api-base", httpserver.url_for(""), "-c", str(config), "-q")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"warning: {config} holds [credentials] and {who} can read it (mode {mode:o}): chmod 600 {config}\n"
    )
    assert [r["post_id"] for r in jsonl(result.stdout)] == ["401"]
    private = tmp_path / "private.toml"
    private.write_text(config.read_text())
    private.chmod(0o600)
    result = run("fetch", "x", "acme", "--api-base", httpserver.url_for(""), "-c", str(private), "-q")
    assert (result.exit_code, result.stderr) == (0, "")


def test_a_config_on_a_filesystem_without_modes_is_not_warned_of(tmp_path):
    """A FAT, NTFS or SMB mount (or WSL's view of a Windows drive) shows every file as readable by all, and chmod
    changes nothing there: no warning. The filesystem is that of the longest mount point above the file."""
    config = tmp_path / "share" / "brandpulse.toml"
    config.parent.mkdir()
    config.write_text("")
    mounts = tmp_path / "mounts"
    for fstype, kept in (("vfat", False), ("cifs", False), ("9p", False), ("ext4", True), ("fuse.sshfs", True)):
        mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\n//srv/x {config.parent} {fstype} rw 0 0\n")
        assert modes_kept(config, str(mounts)) is kept, fstype
    # (a mount point is written with its spaces as \040; one beside the file's folder is not above it)
    spaced = tmp_path / "a share" / "brandpulse.toml"
    spaced.parent.mkdir()
    escaped = str(spaced.parent).replace(" ", "\\040")
    mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\nx {escaped} ntfs3 rw 0 0\nx {config.parent}2 vfat rw 0 0\n")
    assert (modes_kept(spaced, str(mounts)), modes_kept(config, str(mounts))) == (False, True)


@pytest.mark.parametrize("where", ["env", "config"])
@pytest.mark.parametrize("slip", ["\n", "\u200b"])
def test_a_token_with_a_line_break_or_an_odd_character_is_refused_unshown(httpserver, tmp_path, where, slip):
    """A token pasted with a line break inside was shown by requests' error ("...header value: 'Bearer FAKE-...
    \\n...'": the escaped form slipped past redaction); one with a zero-width space was "UnicodeEncodeError",
    exit 1. Both are refused before any request, naming where the token came from, never its value."""
    token = SECRET[:8] + slip + SECRET[8:]
    env = {}
    if where == "env":
        env["BRANDPULSE_X_BEARER_TOKEN"] = token
    else:
        (tmp_path / "brandpulse.toml").write_text(f"[credentials]\nx_bearer_token = {json.dumps(token)}\n")
    for debug in ([], ["--debug"]):
        result = run(*debug, "fetch", "x", "acme", "--api-base", httpserver.url_for(""), env=env)
        assert result.exit_code == 6, result.stderr
        named = "BRANDPULSE_X_BEARER_TOKEN" if where == "env" else "x_bearer_token in the config's [credentials]"
        what = {
            "\n": "a line break or another control character",
            "\u200b": "a character outside ASCII (a zero-width space, a typographic quote?)",
        }[slip]
        assert (
            result.stderr.splitlines()[-1]
            == f"brandpulse: error: x: {named} holds {what}: a copy-paste slip? set it again"
        )
        assert SECRET[:8] not in result.stderr and SECRET[8:] not in result.stderr
    assert len(httpserver.log) == 0


@pytest.mark.parametrize(
    ("table", "said"),
    [
        (f'x_bearer_tokn = "{SECRET}"', "[credentials]: unknown key 'x_bearer_tokn' (known: x_bearer_token, "),
        (f'x_bearer_token = ["{SECRET}"]', "[credentials] x_bearer_token must be a string"),
    ],
)
def test_a_credentials_key_the_config_does_not_know_is_a_config_error(httpserver, tmp_path, table, said):
    """A misspelt `[credentials]` key was ignored (README: an unknown key is a config error, exit 5), and the
    fetch then said the token was missing; a value that is not a string was ignored too. The value is a secret:
    the message names the key only."""
    (tmp_path / "brandpulse.toml").write_text(f"[credentials]\n{table}\n")
    for debug in ([], ["--debug"]):
        result = run(*debug, "fetch", "x", "acme", "--api-base", httpserver.url_for(""))
        assert result.exit_code == 5, result.stderr
        assert result.stderr.splitlines()[-1].startswith(f"brandpulse: error: {tmp_path / 'brandpulse.toml'}: {said}")
        assert SECRET not in result.stderr
    assert len(httpserver.log) == 0


def test_the_config_knows_every_credential_of_fetch():
    from brandpulse.config import CREDENTIAL_KEYS
    from brandpulse.fetch.credentials import VARIABLES, config_key

    assert sorted(CREDENTIAL_KEYS) == sorted(config_key(v) for vs in VARIABLES.values() for v in vs)


def test_since_until_and_limit(httpserver):
    httpserver.expect_request("/2/tweets/search/recent").respond_with_json(fixture("x_v2_page.json"))
    env = {"BRANDPULSE_X_BEARER_TOKEN": SECRET}
    base = httpserver.url_for("")
    result = run("fetch", "x", "acme", "--api-base", base, "--since", "2024-05-13T09:30:00Z", env=env)
    assert [r["post_id"] for r in jsonl(result.stdout)] == ["1790000000000000002"]
    assert "1 outside --since/--until dropped" in result.stderr
    assert httpserver.log[0][0].args["start_time"] == "2024-05-13T09:30:00Z"
    limited = run("fetch", "x", "acme", "--api-base", base, "--limit", "1", env=env)
    assert [r["post_id"] for r in jsonl(limited.stdout)] == ["1790000000000000001"]


@pytest.mark.parametrize(("limit", "asked"), [(None, "100"), ("1", "10"), ("25", "25"), ("250", "100")])
def test_x_asks_for_no_more_posts_than_the_limit(httpserver, limit, asked):
    """Every post X sends counts against the access tier's monthly cap: `--limit 5` asked for pages of 100."""
    httpserver.expect_request("/2/tweets/search/recent").respond_with_json(fixture("x_v2_page.json"))
    args = ("fetch", "x", "acme", "--api-base", httpserver.url_for("")) + (("--limit", limit) if limit else ())
    result = run(*args, env={"BRANDPULSE_X_BEARER_TOKEN": SECRET})
    assert result.exit_code == 0, result.stderr
    assert [entry[0].args["max_results"] for entry in httpserver.log] == [asked]


def test_an_until_within_a_second_is_sent_rounded_up(httpserver):
    """`--until 09:30:00.5` was sent cut down to 09:30:00 (X's end_time, Algolia's created_at_i<): the posts of
    09:30:00, inside the window, were never asked for."""
    httpserver.expect_request("/2/tweets/search/recent").respond_with_json(fixture("x_v2_page.json"))
    httpserver.expect_request("/api/v1/search_by_date").respond_with_json(
        fixture("hackernews_algolia.json") | {"nbPages": 1, "page": 0}
    )
    base, until = httpserver.url_for(""), "2024-05-13T09:30:00.5Z"
    assert (
        run(
            "fetch", "x", "acme", "--api-base", base, "--until", until, env={"BRANDPULSE_X_BEARER_TOKEN": SECRET}
        ).exit_code
        == 0
    )
    assert run("fetch", "hackernews", "acme", "--api-base", base, "--until", until).exit_code == 0
    x, hn = (entry[0].args for entry in httpserver.log)
    assert x["end_time"] == "2024-05-13T09:30:01Z"
    assert hn["numericFilters"] == "created_at_i<1715592601"  # 2024-05-13T09:30:00Z is 1715592600


def x_recent_search(request):
    """Recent search as X checks its window: an end_time less than 10 s ago is refused."""
    end = request.args.get("end_time")
    if end and pd.Timestamp(end) > pd.Timestamp.now("UTC") - pd.Timedelta(seconds=10):
        message = f"Invalid 'end_time':'{end}'. 'end_time' must be a minimum of 10 seconds prior to the request time."
        body = {
            "errors": [{"parameters": {"end_time": [end]}, "message": message}],
            "title": "Invalid Request",
            "detail": "One or more parameters to your request was invalid.",
            "type": "https://api.twitter.com/2/problems/invalid-request",
        }
        return Response(json.dumps(body), status=400, content_type="application/json")
    return Response(json.dumps(fixture("x_v2_page.json")), content_type="application/json")


def test_x_until_later_than_now_is_not_sent(httpserver):
    """`fetch x ... --until tomorrow` (today's posts) sent end_time=tomorrow, which X refuses (HTTP 400):
    no post, exit 6. A window ending in the past is still sent."""
    httpserver.expect_request("/2/tweets/search/recent").respond_with_handler(x_recent_search)
    env = {"BRANDPULSE_X_BEARER_TOKEN": SECRET}
    tomorrow = (pd.Timestamp.now("UTC") + pd.Timedelta(days=1)).strftime("%Y-%m-%d")
    base = ["fetch", "x", "acme", "--api-base", httpserver.url_for(""), "--since", "2024-05-13"]
    result = run(*base, "--until", tomorrow, env=env)
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(result.stdout)] == ["1790000000000000001", "1790000000000000002"]
    assert "end_time" not in httpserver.log[-1][0].args
    assert httpserver.log[-1][0].args["start_time"] == "2024-05-13T00:00:00Z"
    past = run(*base, "--until", "2024-05-13T09:30:00", env=env)
    assert past.exit_code == 0, past.stderr
    assert httpserver.log[-1][0].args["end_time"] == "2024-05-13T09:30:00Z"
    assert [r["post_id"] for r in jsonl(past.stdout)] == ["1790000000000000001"]  # (the window applied again)


def test_limit_counts_the_posts_inside_the_window(httpserver):
    """Mastodon's hashtag timeline takes no end date: `--until 2024-03-01 --limit 2` stopped after the first two
    statuses, both newer, dropped them and wrote nothing (exit 0) though page 2 held older ones."""
    status = fixture("mastodon_statuses.json")[0]
    newer = [dict(status, id=str(900 - i), created_at="2024-03-02T10:00:00.000Z") for i in range(3)]
    older = [dict(status, id=str(800 - i), created_at="2024-02-28T10:00:00.000Z") for i in range(3)]
    two_hashtag_pages(httpserver, newer, older, "?max_id=898")
    base = ("fetch", "mastodon", "#acme", "--server", httpserver.url_for(""), "--limit", "2")
    result = run(*base, "--until", "2024-03-01")
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(result.stdout)] == ["800", "799"]
    assert "mastodon: 5 posts in 2 pages, 3 outside --since/--until dropped, wrote 2" in result.stderr
    plain = run(*base)
    assert [r["post_id"] for r in jsonl(plain.stdout)] == ["900", "899"]
    assert len(httpserver.log) == 3  # (without a window, page 1 was enough)


def test_a_window_that_ends_before_it_starts_is_an_error_before_any_request(httpserver, tmp_path):
    """`--since 2024-02-01 --until 2024-01-01` fetched every page, dropped every post, replaced the -o file
    with an empty one and exited 0."""
    httpserver.expect_request("/api/v1/search_by_date").respond_with_json(fixture("hackernews_algolia.json"))
    out = tmp_path / "hn.jsonl"
    out.write_text("last week's posts\n")
    args = ["--since", "2024-02-01", "--until", "2024-01-01", "-o", str(out)]
    result = run("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""), *args)
    assert result.exit_code == 5
    assert result.stderr.splitlines()[-1] == (
        "brandpulse: error: --since 2024-02-01 00:00 is not before --until 2024-01-01 00:00"
    )
    assert len(httpserver.log) == 0 and out.read_text() == "last week's posts\n"


# --- secrets never shown ----------------------------------------------------------------------


BASIC = base64.b64encode(f"{SECRET}:{SECRET}".encode()).decode()


def _all_sources(httpserver) -> list[tuple[list[str], dict[str, str]]]:
    base = httpserver.url_for("")
    return [
        (["x", "acme"], {"BRANDPULSE_X_BEARER_TOKEN": SECRET}),
        (["mastodon", "acme words", "--server", base], {"BRANDPULSE_MASTODON_TOKEN": SECRET}),
        (
            ["bluesky", "acme"],
            {
                "BRANDPULSE_BLUESKY_HANDLE": "acme.bsky.social",  # (a one-letter handle is redacted everywhere)
                "BRANDPULSE_BLUESKY_APP_PASSWORD": SECRET,
            },
        ),
        (["reddit", "acme"], {"BRANDPULSE_REDDIT_CLIENT_ID": SECRET, "BRANDPULSE_REDDIT_CLIENT_SECRET": SECRET}),
        (["youtube", "acme", "--video", "v1"], {"BRANDPULSE_YOUTUBE_API_KEY": SECRET}),
    ]


@pytest.mark.parametrize("status", [200, 401, 500])
def test_tokens_never_in_output(httpserver, tmp_path, status):
    """Every credentialed source, answering OK, refusing or failing: the token appears in no
    stdout, stderr, output file, cache file listing or --debug traceback."""
    echo = {"access_token": SECRET + "A", "accessJwt": SECRET + "J", "refreshJwt": SECRET + "R"}

    def handler(request):
        if status != 200:  # an error page that echoes the request, as some proxies do
            return Response(
                json.dumps({"message": f"bad {request.url} {request.headers.get('Authorization')}"}),
                status=status,
                content_type="application/json",
            )
        if request.path.endswith(("access_token", "createSession")):
            return Response(json.dumps(echo), content_type="application/json")
        return Response(f"<html>{request.url} {request.headers.get('Authorization')}</html>", content_type="text/html")

    httpserver.expect_request("").respond_with_handler(handler)
    httpserver.no_handler_status_code = 500
    from pytest_httpserver.httpserver import URIPattern

    class Any(URIPattern):
        def match(self, uri):
            return True

    httpserver.clear()
    httpserver.expect_request(Any()).respond_with_handler(handler)
    for args, env in _all_sources(httpserver):
        out = tmp_path / f"{args[0]}.csv"
        for debug in ([], ["--debug"]):
            result = CliRunner().invoke(
                main, [*debug, "fetch", *args, "--api-base", httpserver.url_for(""), "-o", str(out)], env=env
            )
            assert result.exit_code != 0, (args, result.stderr)
            assert SECRET not in result.stdout and SECRET not in result.stderr, (args, result.stderr)
            assert BASIC not in result.stderr, (args, result.stderr)  # Reddit's id:secret as its Basic header
            if debug and result.exception is not None:
                import traceback

                text = "".join(traceback.format_exception(result.exception))
                assert SECRET not in text, args
            # every failure is a fetch error (exit 6) that says what the server did: the handler answers
            # HTML where JSON is due (200), or its status with a JSON body echoing URL and Authorization
            assert result.exit_code == 6, (args, result.stderr)
            last = result.stderr.splitlines()[-1]
            said = f"brandpulse: error: {args[0]}: "
            if status == 200:
                assert last == said + (
                    f"the answer from {httpserver.host}:{httpserver.port} was not JSON (HTTP 200, text/html); "
                    "a proxy, a login page or a wrong --api-base may be in the way"
                )
            elif status == 401:
                assert last.startswith(said + "the API refused the credentials (HTTP 401: bad http://"), last
                assert last.endswith(f"); set {' and '.join(env)}"), last
            else:
                assert last.startswith(said + f"HTTP 500 from {httpserver.host}:{httpserver.port}: bad http://"), last
                assert last.endswith("; try again later"), last
            if status != 200 and args[0] in ("mastodon", "reddit", "youtube"):
                # the echoed token (Bearer header, Basic id:secret header, key= in the URL) is shown redacted
                assert "[redacted]" in last, last
            if out.exists():
                assert SECRET not in out.read_text()


@pytest.mark.parametrize("key", ["detail", "errors"])
def test_a_token_echoed_near_the_end_of_a_long_error_message_is_not_shown_in_part(httpserver, key):
    """The API's error message is cut to 200 (300) characters: it was cut before the token was redacted, so a
    server echoing the token after about 180 characters of text showed its first characters (`Bearer FAKE-SEC`)."""
    token = "LEAKY-bearer-0123456789abcdef"
    padding = "x" * 175

    def handler(request):
        said = f"{padding} got {request.headers.get('Authorization')}"
        body = (
            {"detail": said}
            if key == "detail"
            else {"title": "Unauthorized", "errors": [{"message": "x" * 100 + said}]}
        )
        return Response(json.dumps(body), status=401, content_type="application/json")

    httpserver.expect_request("/2/tweets/search/recent").respond_with_handler(handler)
    for debug in ([], ["--debug"]):
        result = run(
            *debug, "fetch", "x", "acme", "--api-base", httpserver.url_for(""), env={"BRANDPULSE_X_BEARER_TOKEN": token}
        )
        assert result.exit_code == 6, result.stderr
        assert "LEAKY" not in result.stderr and "LEAKY" not in result.stdout, result.stderr
        assert "Bearer [redacted]" in result.stderr, result.stderr


# --- the client on its own ---------------------------------------------------------------------


def test_rate_limit_headers_of_each_api():
    now = 1_700_000_000.0
    assert rate_limit_wait({"x-ratelimit-remaining": "5", "x-ratelimit-reset": "15"}, now) is None
    assert (
        rate_limit_wait({"x-ratelimit-remaining": "0.0", "x-ratelimit-reset": "15"}, now) == 16.0
    )  # Reddit: seconds left
    assert rate_limit_wait({"RateLimit-Remaining": "0", "RateLimit-Reset": str(int(now) + 30)}, now) == 31.0  # Bluesky
    assert rate_limit_wait({"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(int(now) + 60)}, now) == 61.0  # X
    iso = pd.Timestamp(now + 120, unit="s", tz="UTC").isoformat()
    assert rate_limit_wait({"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": iso}, now) == pytest.approx(121.0)


def test_client_waits_for_spent_window(httpserver):
    httpserver.expect_request("/a").respond_with_json(
        {"ok": 1}, headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": "7"}
    )
    slept = []
    client = Client("test", sleep=slept.append)
    data, _ = client.get_json(httpserver.url_for("/a"))
    assert data == {"ok": 1} and slept == []  # the answer comes at once: the next request waits
    client.get_json(httpserver.url_for("/a"))
    assert len(slept) == 1 and 7.5 < slept[0] <= 8.0


def test_a_window_that_resets_in_an_hour_says_when_to_try_again(httpserver):
    """X's 429 with `x-rate-limit-reset` an hour away stopped the fetch with "it resets in 60 minutes": a cron
    job's mail said neither when nor what to do. The span is said as every message says one (`span`): 61 or 62
    minutes away, "1 hour 1 minute" or "1 hour 2 minutes"."""
    reset = (int(time.time()) // 60 + 62) * 60  # (a whole minute: the time said is that minute)
    httpserver.expect_request("/2/tweets/search/recent").respond_with_json(
        {"title": "Too Many Requests", "status": 429},
        status=429,
        headers={"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(reset)},
    )
    slept = []
    client = Client("x", retries=0, sleep=slept.append)
    with pytest.raises(FetchError) as caught:  # (reset 61 to 62 minutes away, and a second: either minute said)
        client.get_json(httpserver.url_for("/2/tweets/search/recent"))
    at = time.strftime("%H:%M", time.gmtime(reset))
    said = {
        f"x: rate limit used up; it resets in 1 hour {m}: try again after {at} UTC" for m in ("1 minute", "2 minutes")
    }
    assert str(caught.value) in said
    assert slept == []


def test_the_last_page_that_spends_the_window_is_written_at_once(httpserver, tmp_path, monkeypatch):
    """X's free tier allows one search per 15 minutes: the only page's answer says the window is spent. The
    fetch waited for the reset after it (or, 15 minutes and more away, stopped with exit 6 and lost the page)
    though no request was left to make."""
    reset = int(time.time()) + 905
    httpserver.expect_request("/2/tweets/search/recent").respond_with_json(
        x_page(["701", "702"], None), headers={"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(reset)}
    )
    out = tmp_path / "x.jsonl"
    slept, init = [], Client.__init__  # (every wait of the fetch's client, not the time it took: CI's load varies)
    monkeypatch.setattr(Client, "__init__", lambda self, *a, **kw: init(self, *a, **{**kw, "sleep": slept.append}))
    args = ("fetch", "x", "acme", "--api-base", httpserver.url_for(""), "-o", str(out))
    result = run(*args, env={"BRANDPULSE_X_BEARER_TOKEN": SECRET})
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(out.read_text())] == ["701", "702"]
    assert slept == [] and "waiting" not in result.stderr


def test_a_429_for_a_spent_window_waits_for_its_reset(httpserver):
    """X answers 429 with `x-rate-limit-remaining: 0` and the reset time when the window is spent: the three
    quick retries came before the reset, and the fetch stopped with exit 6 instead of waiting for it."""
    reset = int(time.time()) + 120
    httpserver.expect_ordered_request("/2/tweets/search/recent").respond_with_json(
        {"title": "Too Many Requests", "status": 429},
        status=429,
        headers={"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(reset)},
    )
    httpserver.expect_ordered_request("/2/tweets/search/recent").respond_with_json(x_page(["501"], None))
    slept, warned = [], []
    client = Client("x", retries=0, sleep=slept.append, warn=warned.append)
    data, response = client.get_json(httpserver.url_for("/2/tweets/search/recent"))
    assert response.status_code == 200 and [t["id"] for t in data["data"]] == ["501"]
    assert len(slept) == 1 and 118 <= slept[0] <= 122
    assert warned[0].startswith("x: rate limit reached, waiting 1")
    assert len(httpserver.log) == 2


def test_a_429_for_a_spent_window_is_not_retried_before_its_reset_is_read(httpserver):
    """A 429 whose `x-rate-limit-reset` is an hour away was retried three times with backoff (~3 s, three more
    requests against the spent window) before the reset was read and the fetch stopped; one a minute away the same,
    before the wait. Now the reset is read at the first answer: one request, then the wait, or the stop."""
    reset = {"at": int(time.time()) + 3600}
    answers = []

    def handler(request):
        if len(answers) and reset["at"] < time.time() + 600:  # (the window waited for has reset)
            answers.append(200)
            return Response(json.dumps(x_page(["601"], None)), content_type="application/json")
        answers.append(429)
        headers = {"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(reset["at"])}
        return Response(json.dumps({"title": "Too Many Requests"}), 429, headers, content_type="application/json")

    httpserver.expect_request("/2/tweets/search/recent").respond_with_handler(handler)
    result = fetch_x(httpserver)
    assert result.exit_code == 6
    assert re.fullmatch(
        r"brandpulse: error: x: rate limit used up; it resets in (1 hour|59 minutes): try again after \d\d:\d\d UTC\n",
        result.stderr,
    )
    assert answers == [429] and SECRET not in result.stderr
    # a reset 2 minutes away: one wait for it, then the page (with the client's default retries)
    answers.clear()
    reset["at"] = int(time.time()) + 120
    slept = []
    client = Client("x", sleep=slept.append)
    data, _ = client.get_json(httpserver.url_for("/2/tweets/search/recent"))
    assert [t["id"] for t in data["data"]] == ["601"] and answers == [429, 200]
    assert len(slept) == 1 and 118 <= slept[0] <= 122


def test_a_429_without_a_reset_is_still_retried_with_backoff(httpserver):
    """Only a reset that can be read stops urllib3's retries: a spent window whose reset is missing (or says
    `soon`) is retried as before."""
    answers = []

    def handler(request):
        answers.append(len(answers))
        if len(answers) < 3:
            headers = {"x-rate-limit-remaining": "0", "x-rate-limit-reset": "soon"}
            return Response("{}", 429, headers, content_type="application/json")
        return Response(json.dumps({"ok": 1}), content_type="application/json")

    httpserver.expect_request("/a").respond_with_handler(handler)
    client = Client("test", backoff=0.01, sleep=lambda s: None)
    data, _ = client.get_json(httpserver.url_for("/a"))
    assert data == {"ok": 1} and len(answers) == 3


def test_a_retry_after_beyond_15_minutes_is_not_slept_through(httpserver):
    """`Retry-After: 3600` on a 503 made urllib3 sleep an hour before each of its three retries."""
    httpserver.expect_request("/feed").respond_with_data("busy", status=503, headers={"Retry-After": "3600"})
    slept = []  # (what the client waits, not the time the test took: CI's load varies)
    client = Client("rss", sleep=slept.append)
    with pytest.raises(FetchError) as caught:
        client.request("GET", httpserver.url_for("/feed"))
    assert slept == []
    assert str(caught.value) == (
        f"rss: HTTP 503 from {httpserver.host}:{httpserver.port}, and the server asks to wait 1 hour before "
        "trying again; try again later"
    )
    assert len(httpserver.log) == 1


@pytest.mark.parametrize("after", ["600", "date", "soon", "far"])
def test_a_retry_after_is_said_and_a_bad_one_is_backoff(httpserver, monkeypatch, after):
    """urllib3 slept a `Retry-After: 600` through in silence (a cron job: up to 45 minutes with not a word); a
    `Retry-After: soon` stopped the fetch ("request failed: Invalid Retry-After header: soon"); a date days
    away was "360 minutes" (urllib3's cap). The client waits now, and says so from 10 seconds on."""
    from email.utils import formatdate

    header = {
        "600": "600",
        "date": formatdate(time.time() + 600.5, usegmt=True),
        "soon": "soon",
        "far": formatdate(time.time() + 2 * 86400 + 30, usegmt=True),
    }[after]
    answers = [Response("busy", status=503, headers={"Retry-After": header}), Response("{}")]
    httpserver.expect_request("/feed").respond_with_handler(lambda request: answers.pop(0))
    slept_silently, slept, warned = [], [], []
    monkeypatch.setattr(time, "sleep", slept_silently.append)  # (urllib3's own sleep)
    client = Client("rss", sleep=slept.append, warn=warned.append)
    if after == "far":
        with pytest.raises(FetchError, match=r"asks to wait 2 days before trying again; try again later"):
            client.request("GET", httpserver.url_for("/feed"))
        return
    assert client.request("GET", httpserver.url_for("/feed")).status_code == 200
    if after == "soon":
        assert slept == [] and warned == []
        return
    assert slept_silently == [] and len(slept) == 1 and 590 <= slept[0] <= 610  # (a date: to the second)
    assert warned == [f"rss: HTTP 503, waiting {slept[0]:.0f}s as the server asks"]
    assert after != "600" or slept == [600]


def test_x_pseudo_languages_are_no_language(httpserver, tmp_path):
    """X tags a post of very short text `qst`, of hashtags only `qht`, of media links `qme`: these were kept
    as languages, so `analyze` left such posts unscored as "not English" (qst 1, qme 1)."""
    page = x_page(["601", "602", "603"], None)
    for tweet, lang, text in zip(
        page["data"],
        ["qst", "qme", "de"],
        ["Acme is great!", "Love my Acme https://t.co/x", "Acme ist gut"],
        strict=True,
    ):
        tweet.update(lang=lang, text=text)
    httpserver.expect_request("/2/tweets/search/recent").respond_with_json(page)
    fetched = fetch_x(httpserver)
    assert fetched.exit_code == 0, fetched.stderr
    assert [r["lang"] for r in jsonl(fetched.stdout)] == [None, None, "de"]
    analyzed = run("analyze", "-", "--brand", "Acme", "-f", "jsonl", input=fetched.stdout)
    assert analyzed.exit_code == 0, analyzed.stderr
    rows = jsonl(analyzed.stdout)
    # detected where the text says enough ("Love my Acme", its link aside, is English)
    assert [r["lang"] for r in rows] == ["en", "en", "de"]
    assert [r["sentiment_label"] for r in rows] == ["positive", "positive", None]
    assert "sentiment left empty for non-English posts (de 1)" in analyzed.stderr
    # `--store` stored it unscored and said nothing of it, where `analyze` and `ingest` say it
    db = tmp_path / "s.duckdb"
    args = ("fetch", "x", "acme", "--api-base", httpserver.url_for(""), "--store", str(db))
    stored = run(*args, env={"BRANDPULSE_X_BEARER_TOKEN": SECRET})
    assert stored.exit_code == 0, stored.stderr
    assert "sentiment left empty for non-English posts (de 1): the analyzer reads English only" in stored.stderr
    assert stored.stderr.rstrip().endswith("unchanged 0, sentiment skipped 1 (not English)")


def test_pipe_into_analyze(httpserver):
    httpserver.expect_request("/api/v1/search_by_date").respond_with_json(fixture("hackernews_algolia.json"))
    fetched = run("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""))
    assert fetched.exit_code == 0
    analyzed = run("analyze", "-", "--brand", "Acme", "-f", "csv", input=fetched.stdout)
    assert analyzed.exit_code == 0, analyzed.stderr
    df = pd.read_csv(pd.io.common.StringIO(analyzed.stdout), dtype=str)
    assert list(df["post_id"]) == ["39000001", "39000002"] and list(df["brands"]) == ["Acme", "Acme"]
    assert list(df["platform"]) == ["hackernews", "hackernews"]


def test_redact_covers_the_decoded_form_of_a_token_that_holds_escapes():
    """X bearer tokens hold `%2B` and `%3D`: a server or proxy echoing the header decoded showed it whole."""
    token = "AAAAAAAAAAAAAAAAAAAAAMLh%2BuSe%2BULvsea4Jt%3DEUifiRBkKG5E2XzM"
    client = Client("x", secrets=[token])
    assert client.redact("Bearer AAAAAAAAAAAAAAAAAAAAAMLh+uSe+ULvsea4Jt=EUifiRBkKG5E2XzM refused") == (
        "Bearer [redacted] refused"
    )


def test_redact_covers_url_encoded_forms():
    client = Client("t", secrets=["a+b/c=="])
    assert client.redact("key=a%2Bb%2Fc%3D%3D and a+b/c== and a%2Bb%2Fc%3D%3D") == (
        "key=[redacted] and [redacted] and [redacted]"
    )


def test_fetch_into_the_store_is_idempotent(httpserver, tmp_path):
    """`fetch --store` analyzes and keeps the posts; the same fetch again adds nothing; stdout stays empty."""
    page = fixture("hackernews_algolia.json") | {"nbPages": 1, "page": 0}
    httpserver.expect_request("/api/v1/search_by_date").respond_with_json(page)
    db = tmp_path / "history.duckdb"
    args = ("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""), "--brand", "Acme")
    first = run(*args, "--store", str(db), "--sentiment", "vader")
    assert first.exit_code == 0, first.stderr
    assert first.stdout == ""  # with --store, rows go to stdout only when -o or -f asks for them
    assert f"{db}: inserted 2, updated 0, unchanged 0" in first.stderr
    again = run(*args, "--store", str(db), "--sentiment", "vader")
    # the 2 posts fetched again are accounted for, as ingest counts them ("inserted 0, updated 0" alone lost them)
    assert again.stderr.rstrip().endswith(f"{db}: inserted 0, updated 0, unchanged 2")
    quiet = run(*args, "--store", str(db), "--sentiment", "vader", "-q")
    assert quiet.exit_code == 0 and quiet.stderr == ""  # cron mails any output: nothing went wrong
    posts = store.load_posts(db)
    assert sorted(posts["post_id"]) == ["39000001", "39000002"]
    assert posts["brands"].tolist() == ["Acme", "Acme"]
    assert posts["text"].str.contains("docs are thin").any()


def test_a_store_fetch_stopped_early_says_the_posts_were_stored(httpserver, tmp_path):
    """The cron mail of `fetch --store -q` whose page 2 failed said "the 2 posts fetched before the fault were
    written", and no file was: they were in the store, which the mail did not say."""
    page1 = fixture("hackernews_algolia.json") | {"nbPages": 2, "page": 0}
    answers = [Response(json.dumps(page1), content_type="application/json"), Response("no", status=403)]
    httpserver.expect_request("/api/v1/search_by_date").respond_with_handler(lambda request: answers.pop(0))
    db = tmp_path / "history.duckdb"
    args = ("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""), "--store", str(db), "-q")
    result = run(*args, "--sentiment", "vader")
    assert result.exit_code == 6
    lines = result.stderr.splitlines()
    assert lines[0] == f"hackernews: 2 posts in 1 page, {db}: inserted 2, updated 0, unchanged 0"
    assert lines[1] == "warning: stopped early; the 2 posts fetched before the fault were stored"
    assert lines[2].startswith("brandpulse: error: hackernews: ")
    assert sorted(store.load_posts(db)["post_id"]) == ["39000001", "39000002"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "cache") == ["history.duckdb"]  # (no file written)


def test_fetch_into_a_store_in_a_missing_folder_fails_before_any_request(httpserver, tmp_path):
    """The store was opened only after every page was fetched and analyzed: the posts were then lost."""
    httpserver.expect_request("/api/v1/search_by_date").respond_with_json(fixture("hackernews_algolia.json"))
    db = tmp_path / "missing" / "history.duckdb"
    args = ("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""), "--brand", "Acme")
    result = run(*args, "--store", str(db), "--sentiment", "vader")
    assert (result.exit_code, result.stdout) == (7, "")
    assert result.stderr == f"brandpulse: error: {db}: folder {db.parent} does not exist\n"
    assert len(httpserver.log) == 0 and not db.parent.exists()


def test_resume_continues_before_the_oldest_post_already_written(httpserver, tmp_path):
    """Page 2 fails: the first run keeps page 1 and exits 6; --resume asks only for older posts
    (Algolia's created_at_i< filter) and writes both pages once."""
    page1 = fixture("hackernews_algolia.json") | {"nbPages": 2, "page": 0}
    older = [
        dict(page1["hits"][0], objectID="38999998", created_at="2024-01-01T10:00:00.000Z", title="Acme old news"),
        dict(page1["hits"][1], objectID="39000001", created_at="2024-01-02T03:04:05.000Z"),  # seen: same second
    ]
    filters = []

    def handler(request):
        filters.append(request.args.get("numericFilters"))
        if len(filters) == 1:
            return Response(json.dumps(page1), content_type="application/json")
        if len(filters) == 2:
            return Response("down", status=404)
        return Response(json.dumps(page1 | {"hits": older, "nbPages": 1}), content_type="application/json")

    httpserver.expect_request("/api/v1/search_by_date").respond_with_handler(handler)
    out = tmp_path / "hn[final].jsonl"  # (rich took `[final]` for a style: "already in hn.jsonl")
    args = ("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""), "-o", str(out))
    first = run(*args)
    assert first.exit_code == 6
    assert [r["post_id"] for r in jsonl(out.read_text())] == ["39000001", "39000002"]

    again = run(*args, "--resume")
    assert again.exit_code == 0, again.stderr
    assert f"resuming: 2 posts already in {out}, " in again.stderr
    # the oldest post written was 2024-01-02T03:04:05Z = 1704164645; asked for posts before the next second
    assert filters[-1] == "created_at_i<1704164646"
    assert [r["post_id"] for r in jsonl(out.read_text())] == ["39000001", "39000002", "38999998"]


def test_resume_of_several_youtube_videos_loses_no_comment(httpserver, tmp_path):
    """Videos are fetched one after another: video 1's comments are older than video 2's. Page 2 of video 2
    failed; --resume asked only for comments before the oldest written (video 1's), so video 2's page 2, newer
    than that, was dropped as outside the window: lost for good. With several videos all are fetched again."""

    def thread(video: str, cid: str, published: str) -> dict:
        comment = {"videoId": video, "textOriginal": f"Acme {cid}", "authorDisplayName": "a", "publishedAt": published}
        top = {"kind": "youtube#comment", "id": cid, "snippet": comment}
        return {"kind": "youtube#commentThread", "id": cid, "snippet": {"videoId": video, "topLevelComment": top}}

    pages = {
        ("v1", None): {"items": [thread("v1", "c1", "2024-01-01T00:00:00Z")]},
        ("v2", None): {"items": [thread("v2", "c2", "2024-06-02T00:00:00Z")], "nextPageToken": "P2"},
        ("v2", "P2"): {"items": [thread("v2", "c3", "2024-06-01T00:00:00Z")]},
    }
    failed = []

    def handler(request):
        key = (request.args["videoId"], request.args.get("pageToken"))
        if key == ("v2", "P2") and not failed:
            failed.append(key)
            return Response("gone", status=404)
        return Response(json.dumps(pages[key]), content_type="application/json")

    httpserver.expect_request("/youtube/v3/commentThreads").respond_with_handler(handler)
    out = tmp_path / "yt.jsonl"
    args = ("fetch", "youtube", "*", "--video", "v1", "--video", "v2", "--api-base", httpserver.url_for(""))
    env = {"BRANDPULSE_YOUTUBE_API_KEY": SECRET}
    first = run(*args, "-o", str(out), env=env)
    assert first.exit_code == 6
    assert [r["post_id"] for r in jsonl(out.read_text())] == ["c1", "c2"]
    httpserver.clear_log()
    again = run(*args, "-o", str(out), "--resume", env=env)
    assert again.exit_code == 0, again.stderr
    assert [r["post_id"] for r in jsonl(out.read_text())] == ["c1", "c2", "c3"]
    # video 1 was done: on from the page of video 2 that failed
    assert [(e[0].args["videoId"], e[0].args.get("pageToken")) for e in httpserver.log] == [("v2", "P2")]
    assert f"resuming: 2 posts already in {out}, from where the last run stopped" in again.stderr
    # with no place kept (another machine, a cleared cache): all are fetched again
    out.write_text("\n".join(out.read_text().splitlines()[:2]) + "\n")
    failed.clear()
    httpserver.clear_log()
    assert run(*args, "-o", str(out), env=env).exit_code == 6
    for kept in (tmp_path / "cache").iterdir():
        kept.unlink()
    httpserver.clear_log()
    again = run(*args, "-o", str(out), "--resume", env=env)
    assert again.exit_code == 0, again.stderr
    assert [r["post_id"] for r in jsonl(out.read_text())] == ["c1", "c2", "c3"]
    assert f"resuming: 2 posts already in {out}; several videos or channels: all are fetched again" in again.stderr
    assert len(httpserver.log) == 3


def _signalled_during_page_2(httpserver, sig, *args: str) -> subprocess.CompletedProcess:
    """`brandpulse fetch hackernews acme ... ARGS` in its own process, given `sig` while page 2 of 3 is slow to come
    (page 1 holds 2 posts): its exit code, stdout and stderr."""
    asked, release, calls = threading.Event(), threading.Event(), []

    def handler(request):
        calls.append(request.args["page"])
        if request.args["page"] == "0":
            return Response(
                json.dumps(fixture("hackernews_algolia.json") | {"nbPages": 3}), content_type="application/json"
            )
        asked.set()
        release.wait(30)  # page 2 takes long: the run is signalled meanwhile
        return Response("{}", content_type="application/json")

    httpserver.expect_request("/api/v1/search_by_date").respond_with_handler(handler)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]), "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "brandpulse",
            "fetch",
            "hackernews",
            "acme",
            "--api-base",
            httpserver.url_for(""),
            *args,
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # (a background job ignores Ctrl-C)
    )
    try:
        assert asked.wait(60), "page 2 was never asked for"
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=60)
    finally:
        release.set()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        wait_logged(httpserver, calls)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals")
@pytest.mark.parametrize("sig, code, said", [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")])
def test_ctrl_c_or_sigterm_writes_the_pages_fetched_before_it(httpserver, tmp_path, sig, code, said):
    """Ctrl-C or `timeout` during page 2 dropped page 1: the previous -o file stayed and --resume had nothing
    to continue from. Now the pages before it are written, as after a fault, and the exit code is 130/143."""
    out = tmp_path / "hn.jsonl"
    out.write_text("last week's posts\n")
    done = _signalled_during_page_2(httpserver, sig, "-o", str(out))
    err = done.stderr
    assert done.returncode == code, err
    assert [r["post_id"] for r in jsonl(out.read_text())] == ["39000001", "39000002"]
    assert err.splitlines()[-3:] == [
        "hackernews: 2 posts in 1 page, wrote 2",
        "warning: interrupted; the 2 posts fetched before it were written",
        f"brandpulse: {said}",
    ]
    assert [p.name for p in tmp_path.iterdir() if p.name != "cache"] == ["hn.jsonl"]  # no temporary file left
    assert [p.suffix for p in (tmp_path / "cache").iterdir()] == [".json"]  # (the note of this fetch for --resume)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals")
@pytest.mark.parametrize("sig, code, said", [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")])
def test_ctrl_c_or_sigterm_stores_the_pages_fetched_before_it_and_lists_the_run_stopped(
    httpserver, tmp_path, sig, code, said
):
    """`timeout 50m brandpulse fetch ... --store h.duckdb` in a crontab, its SIGTERM (or Ctrl-C) while page 2 was
    slow to come: page 1's 2 posts are stored, committed (read back by another connection once the run ended),
    the run is said stopped on stderr with its exit code, and `runs` lists it failed with the signal's line."""
    db = tmp_path / "h.duckdb"
    done = _signalled_during_page_2(httpserver, sig, "--store", str(db), "--sentiment", "vader")
    err = done.stderr
    assert done.returncode == code, err
    assert done.stdout == "" and "Traceback" not in err
    assert err.splitlines()[-3:] == [
        f"hackernews: 2 posts in 1 page, {db}: inserted 2, updated 0, unchanged 0",
        "warning: interrupted; the 2 posts fetched before it were stored",
        f"brandpulse: {said}",
    ]
    assert sorted(store.load_posts(db)["post_id"]) == ["39000001", "39000002"]
    runs = store.recent_runs(db)
    assert [(r["command"], r["stored"], r["inserted"], r["exit"], r["status"]) for r in runs] == [
        ("fetch", 2, 2, code, f"failed: {said}")
    ]
    assert store.last_failure(db) == runs[0]
    assert [p.name for p in tmp_path.iterdir() if p.name != "cache"] == ["h.duckdb"]  # (no spare file, no WAL)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX terminals")
def test_a_terminal_that_hangs_up_during_a_fetch_leaves_the_pages_fetched_before_it_written(httpserver, tmp_path):
    """The ssh session a fetch ran in dropped during page 2: the SIGHUP was caught as SIGTERM is, but the run then
    wrote to the terminal that was gone (its spinner's last frame): "Input/output error", exit 1, page 1 not written
    and no note for --resume. The terminal that hung up is let go, as `nohup` would: the pages are written, 129."""
    import fcntl
    import pty
    import termios

    asked, release, calls = threading.Event(), threading.Event(), []

    def handler(request):
        calls.append(request.args["page"])
        if request.args["page"] == "0":
            return Response(
                json.dumps(fixture("hackernews_algolia.json") | {"nbPages": 3}), content_type="application/json"
            )
        asked.set()
        release.wait()  # page 2 takes long: the terminal hangs up meanwhile
        return Response("{}", content_type="application/json")

    httpserver.expect_request("/api/v1/search_by_date").respond_with_handler(handler)
    out = tmp_path / "hn.jsonl"
    out.write_text("last week's posts\n")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    env.pop("NO_COLOR", None)  # (the spinner on the terminal, as a user sees it)
    args = ["fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""), "-o", str(out)]
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "brandpulse", *args],
        env=env,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        start_new_session=True,
        preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),  # (the terminal is its session's, as ssh's is)
    )
    os.close(slave)
    os.set_blocking(master, False)
    try:
        while not asked.is_set() and proc.poll() is None:
            with contextlib.suppress(BlockingIOError, OSError):
                os.read(master, 65536)  # (what it shows)
            time.sleep(0.01)
        assert proc.poll() is None, "the fetch ended before page 2"
        os.close(master)  # the terminal hangs up
        code = proc.wait()
    finally:
        release.set()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        wait_logged(httpserver, calls)
    assert code == 129
    assert [r["post_id"] for r in jsonl(out.read_text())] == ["39000001", "39000002"]
    assert [p.name for p in tmp_path.iterdir() if p.name != "cache"] == ["hn.jsonl"]  # no temporary file left
    assert [p.suffix for p in (tmp_path / "cache").iterdir()] == [".json"]  # (the note of this fetch for --resume)


def test_resume_needs_an_output_file():
    result = run("fetch", "hackernews", "acme", "--resume")
    assert result.exit_code == 2 and "--resume needs -o FILE" in result.stderr  # (was 5, a config error)


def test_resume_refuses_an_output_with_rows_it_cannot_read(httpserver, tmp_path):
    """--resume rewrites -o with the posts read from it: a line it could not read vanished from the file, exit 0."""
    httpserver.expect_request("/api/v1/search_by_date").respond_with_json(
        fixture("hackernews_algolia.json") | {"nbPages": 1, "page": 0}
    )
    out = tmp_path / "hn.jsonl"
    kept = '{"post_id": "1", "platform": "hackernews", "created_at": "2024-01-01T00:00:00Z", "text": "Acme"}\n'
    note = '{"post_id": "2", "platform": "hackernews", "created_at": "last tuesday", "text": "Acme, by hand"}\n'
    out.write_text(kept + note)
    result = run("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""), "-o", str(out), "--resume")
    assert result.exit_code == 4
    assert result.stderr.splitlines()[-1] == (
        f"brandpulse: error: {out}: 1 row cannot be read (line 2: bad created_at 'last tuesday'); "
        "--resume rewrites the file with the posts it reads: move or mend such rows first"
    )
    assert out.read_text() == kept + note
    assert len(httpserver.log) == 0  # before any request


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("rejects.csv", ()),
        ("rejects.csv", ("--excel", "--decimal-comma")),
        ("rejects.jsonl", ()),
        ("rejects.parquet", ()),
        ("rejects.csv.gz", ("--excel", "--decimal-comma")),  # (gzipped since stop 56: read back through gzip)
        ("rejects.jsonl.gz", ()),
    ],
)
def test_resume_keeps_the_rejects_of_the_run_it_continues(httpserver, tmp_path, name, options):
    """`fetch ... --rejects FILE` stopped by a fault, then the same command with --resume: the resumed run rewrote
    FILE with its own rejects alone, and the first run's, counted on its stderr, were gone."""
    page1 = fixture("hackernews_algolia.json") | {"nbPages": 2, "page": 0}
    bad = dict(page1["hits"][0], objectID="666", created_at="=never", created_at_i=None)  # (a formula, guarded)
    page1["hits"] = [bad, *page1["hits"]]
    older = dict(page1["hits"][1], objectID="38999998", created_at="2024-01-01T10:00:00.000Z", title="Acme old news")
    also_bad = dict(older, objectID="777", created_at="later")
    calls = []

    def handler(request):
        calls.append(request.args.get("numericFilters"))
        if len(calls) == 1:
            return Response(json.dumps(page1), content_type="application/json")
        if len(calls) == 2:
            return Response("down", status=404)
        # the resumed run: the bad item of page 1 comes again (its time unread, the API's end date let it through)
        resumed = page1 | {"hits": [bad, older, also_bad], "nbPages": 1}
        return Response(json.dumps(resumed), content_type="application/json")

    httpserver.expect_request("/api/v1/search_by_date").respond_with_handler(handler)
    out, rejects = tmp_path / "hn.jsonl", tmp_path / name
    args = ("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""), "-o", str(out))
    args += ("--rejects", str(rejects))
    first = run(*args, *options)
    assert first.exit_code == 6, first.stderr
    assert "1 rejected (in " in first.stderr
    again = run(*args, *options, "--resume")
    assert again.exit_code == 0, again.stderr
    assert f"2 rejected (in {rejects}, with the earlier runs' rejects: 2 in all)" in again.stderr
    saved = opt.read_rejects(str(rejects), {"safe": True, "decimal_comma": "--decimal-comma" in options})
    assert saved["position"].tolist() == ["page 1 item 1", "page 1 item 3"]  # (the first run's, then the new one)
    assert saved["reason"].tolist() == ["bad created_at '=never'", "bad created_at 'later'"]
    assert [json.loads(r)["post_id"] for r in saved["record"]] == ["666", "777"]
    assert [r["post_id"] for r in jsonl(out.read_text())] == ["39000001", "39000002", "38999998"]


def test_resume_keeps_a_rejects_csv_written_with_the_other_separator(tmp_path):
    """A rejects CSV written with --decimal-comma (`;` between cells), kept by a --resume without it (the option left
    out, the config's [output] changed): refused, "not a rejects file (columns source;position;reason;record)"."""
    rows = pd.DataFrame({"source": ["fetch x"], "position": ["page 1 item 2"], "reason": ["bad created_at"]})
    rows["record"] = '{"post_id": "7", "text": "=1+1, said; she"}'
    path = str(tmp_path / "rejects.csv")
    for written, read in [(True, False), (False, True)]:
        opt.write_rejects(rows, path, {"safe": True, "excel": written, "decimal_comma": written})
        kept = opt.read_rejects(path, {"safe": True, "decimal_comma": read})
        assert kept.to_dict("records") == rows.to_dict("records"), written


def test_resume_refuses_a_rejects_file_it_would_lose_rows_of(httpserver, tmp_path):
    """--resume keeps the rejects file's rows: one that holds something else is not rewritten, before any request."""
    out, rejects = tmp_path / "hn.jsonl", tmp_path / "notes.csv"
    out.write_text('{"post_id": "1", "platform": "hackernews", "created_at": "2024-01-01T00:00:00Z", "text": "Acme"}\n')
    rejects.write_text("client,todo\nacme,call back\n")
    args = ("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""), "-o", str(out), "--resume")
    result = run(*args, "--rejects", str(rejects))
    assert result.exit_code == 4
    assert result.stderr.splitlines()[-1] == (
        f"brandpulse: error: --rejects {rejects}: not a rejects file (columns client, todo), and --resume keeps the "
        "rows of the one it writes to: move it aside first"
    )
    assert rejects.read_text() == "client,todo\nacme,call back\n"
    assert len(httpserver.log) == 0


def test_a_run_that_fails_before_any_post_leaves_the_rejects_file_as_it_was(httpserver, tmp_path):
    """Yesterday's cron run wrote hn.jsonl and its rejects; this morning's failed at once (exit 6): hn.jsonl was left as
    it was, and the rejects file emptied to its header, the rejects of the posts in hn.jsonl lost (and lost to a
    --resume after it, which keeps the rejects file's rows)."""
    page = fixture("hackernews_algolia.json") | {"nbPages": 1, "page": 0}
    page["hits"] = [dict(page["hits"][0], objectID="666", created_at="never", created_at_i=None), *page["hits"]]
    answers = [Response(json.dumps(page), content_type="application/json"), Response("no", status=403)]
    httpserver.expect_request("/api/v1/search_by_date").respond_with_handler(lambda request: answers.pop(0))
    out, rejects = tmp_path / "hn.jsonl", tmp_path / "rejects.csv"
    args = ("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""), "-o", str(out))
    args += ("--rejects", str(rejects), "-q")
    yesterday = run(*args)
    assert yesterday.exit_code == 0, yesterday.stderr
    written, rejected = out.read_text(), rejects.read_text()
    assert pd.read_csv(rejects)["reason"].tolist() == ["bad created_at 'never'"]
    today = run(*args)
    assert today.exit_code == 6
    assert today.stderr.startswith("brandpulse: error: hackernews: ")  # (the one line: no count line of nothing)
    assert (out.read_text(), rejects.read_text()) == (written, rejected)


def test_resume_after_a_fetch_that_read_to_its_end_fetches_the_newer_posts(httpserver, tmp_path):
    """A cron line with --resume for its retries (`fetch ... -q -o hn.jsonl --resume || sleep 60 && ...`): the morning
    after a fetch that ended, --resume fetched only the posts older than yesterday's oldest, none of today's, exit 0
    (stop 43: and a warning). A fetch that ended has nothing to go on with: --resume fetches all again, from the
    newest, as a fetch without it, the posts already written kept (duplicates dropped)."""
    page1 = fixture("hackernews_algolia.json") | {"nbPages": 2, "page": 0}
    older = dict(page1["hits"][0], objectID="38999998", created_at="2024-01-01T10:00:00.000Z", title="Acme old news")
    newer = dict(page1["hits"][0], objectID="39000009", created_at="2024-06-01T10:00:00.000Z", title="Acme news today")
    answers = [page1, None, page1 | {"hits": [older], "nbPages": 1}, page1 | {"hits": [newer], "nbPages": 1}]
    answers.append(answers[-1])

    def handler(request):
        answer = answers.pop(0)
        if answer is None:
            return Response("down", status=404)
        return Response(json.dumps(answer), content_type="application/json")

    httpserver.expect_request("/api/v1/search_by_date").respond_with_handler(handler)
    out = tmp_path / "hn.jsonl"
    args = ("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""), "-o", str(out), "-q")
    assert run(*args).exit_code == 6  # (page 2 failed)
    resumed = run(*args, "--resume")  # continues the fetch that stopped: nothing to warn of
    assert resumed.exit_code == 0, resumed.stderr
    assert resumed.stderr == ""
    assert [r["post_id"] for r in jsonl(out.read_text())] == ["39000001", "39000002", "38999998"]
    after = run(*args, "--resume")  # the next morning's: the fetch before read to its end
    assert after.exit_code == 0, after.stderr
    assert after.stderr == ""
    assert "numericFilters" not in httpserver.log[-1][0].args  # (from the newest: no end before the oldest written)
    assert [r["post_id"] for r in jsonl(out.read_text())] == ["39000001", "39000002", "38999998", "39000009"]
    said = run(*args[:-1], "--resume")  # (without -q: a note says why all is fetched again)
    assert said.exit_code == 0, said.stderr
    assert (
        f"resuming: 4 posts already in {out}; the last fetch into it read to its end: all are fetched again "
        "(duplicates dropped)"
    ) in " ".join(said.stderr.split())


def test_resume_after_an_ended_fetch_that_stopped_goes_on_fetching_all_again(httpserver, tmp_path):
    """A --resume after a fetch that ended fetches all again; when that stops (a fault on page 2), the posts between
    the newest it got and the oldest written before are missing: the next --resume fetches all again too, not only
    the posts older than the oldest written (which would never bring them)."""
    kettles, fails = hn_kettles(8), []
    pool = kettles[4:]  # (96 .. 93; 100 .. 97 are posted later)
    asked = hn_pool_search(httpserver, pool, fails)
    out = tmp_path / "hn.jsonl"
    args = ("fetch", "hackernews", "kettle", "--api-base", httpserver.url_for(""), "-o", str(out))
    assert run(*args).exit_code == 0
    pool[:0] = kettles[:4]
    fails.append(1)
    assert run(*args, "--resume").exit_code == 6  # (100, 99; page 2, with 98 and 97, failed)
    assert sorted(ids(out)) == ["100", "93", "94", "95", "96", "99"]
    asked.clear()
    again = run(*args, "--resume")
    assert again.exit_code == 0, again.stderr
    assert asked == [None] * 4
    assert "the last run, fetching all again, stopped before its end" in " ".join(again.stderr.split())
    assert sorted(ids(out)) == ["100", "93", "94", "95", "96", "97", "98", "99"]


def test_token_never_reaches_the_store(httpserver, tmp_path):
    """The bearer token goes in the Authorization header only: not in the store file, not in any message."""
    seen = []

    def handler(request):
        seen.append(request.headers.get("Authorization"))
        return Response(json.dumps(x_page(["101", "102"], None)), content_type="application/json")

    httpserver.expect_request("/2/tweets/search/recent").respond_with_handler(handler)
    db = tmp_path / "h.duckdb"
    args = ["fetch", "x", "acme", "--api-base", httpserver.url_for(""), "--store", str(db), "--sentiment", "vader"]
    result = run(*args, env={"BRANDPULSE_X_BEARER_TOKEN": SECRET})
    assert result.exit_code == 0, result.stderr
    assert seen == [f"Bearer {SECRET}"]
    assert sorted(store.load_posts(db)["post_id"]) == ["101", "102"]
    data = db.read_bytes()
    assert b"kettlefan" in data  # strings are findable in the file, so the next line means something
    assert SECRET.encode() not in data
    assert SECRET not in result.stdout + result.stderr


def test_quiet_shows_no_spinner_on_a_terminal(httpserver, tmp_path):
    """`analyze -q` shows no progress on a terminal; `fetch -q` still drew its spinner there."""
    import pty

    page = fixture("hackernews_algolia.json") | {"nbPages": 1}
    httpserver.expect_request("/api/v1/search_by_date").respond_with_json(page)
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["PYTHONPATH"] = str(Path(__file__).parent.parent)

    def shown(*extra: str) -> bytes:
        master, slave = pty.openpty()  # a real terminal as stderr
        args = [sys.executable, "-m", "brandpulse", "fetch", "hackernews", "acme"]
        args += ["--api-base", httpserver.url_for(""), "-o", str(tmp_path / "hn.jsonl"), *extra]
        done = subprocess.run(args, stdout=subprocess.PIPE, stderr=slave, env=env, timeout=120)
        os.close(slave)
        out = b""
        try:
            while chunk := os.read(master, 65536):
                out += chunk
        except OSError:  # (Linux raises EIO once the slave is closed and read)
            pass
        os.close(master)
        assert done.returncode == 0
        return out

    assert b"hackernews: " in shown()  # the spinner and the count line
    assert shown("-q") == b""


def test_mastodon_search_stops_at_since(httpserver):
    """Mastodon lists search results newest first (by id): `--since` paged on to the end of the search (or
    --limit), reading posts that were all dropped as older."""
    status = fixture("mastodon_statuses.json")[0]
    new = [dict(status, id=str(9000 - i), created_at=f"2024-03-02T10:00:{59 - i}.000Z") for i in range(40)]
    old = [dict(status, id=str(8000 - i), created_at=f"2024-02-20T10:00:{59 - i}.000Z") for i in range(40)]
    older = [dict(status, id=str(7000 - i), created_at=f"2024-02-10T10:00:{59 - i}.000Z") for i in range(40)]

    def handler(request):
        page = {"0": new, "40": old, "80": older}.get(request.args["offset"], [])
        return search_answer(page)

    httpserver.expect_request("/api/v2/search").respond_with_handler(handler)
    env = {"BRANDPULSE_MASTODON_TOKEN": SECRET}
    args = ("fetch", "mastodon", "acme kettle", "--server", httpserver.url_for(""), "--since", "2024-03-01")
    result = run(*args, env=env)
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(result.stdout)] == [str(9000 - i) for i in range(40)]
    assert [entry[0].args["offset"] for entry in httpserver.log] == ["0", "40"]
    # a server ranking by relevance (Mastodon 3): an old post on a page says nothing of the next one
    new.reverse(), old.reverse(), older.reverse()
    new[0] = dict(new[0], created_at="2024-02-01T10:00:00.000Z")
    httpserver.clear_log()
    ranked = run(*args, env=env)
    assert [r["post_id"] for r in jsonl(ranked.stdout)] == [str(8962 + i) for i in range(39)]
    assert [entry[0].args["offset"] for entry in httpserver.log] == ["0", "40", "80", "120"]


def snowflake(when: str, seq: int = 0) -> int:
    """A Mastodon status id: the post's time in milliseconds, shifted 16 bits, plus a sequence."""
    return (int(pd.Timestamp(when).timestamp() * 1000) << 16) + seq


def statuses_of(days: list[str]) -> list[dict]:
    """40 Mastodon statuses a day, newest first, 10:59 down to 10:20, their ids made of their times."""
    status = fixture("mastodon_statuses.json")[0]
    return [
        dict(status, id=str(snowflake(f"{day}T10:{59 - i:02d}:00Z", i)), created_at=f"{day}T10:{59 - i:02d}:00.000Z")
        for day in days
        for i in range(40)
    ]


def search_answer(statuses: list[dict]) -> Response:
    """Mastodon's /api/v2/search answer holding `statuses`."""
    return Response(json.dumps({"accounts": [], "hashtags": [], "statuses": statuses}), content_type="application/json")


def search_until(httpserver, handler, until: str):
    """`fetch mastodon "acme kettle" --until UNTIL` from a search server answering by `handler`, which is given
    the request and the page's offset and limit."""

    def answer(request):
        return search_answer(handler(request, int(request.args["offset"]), int(request.args["limit"])))

    httpserver.expect_request("/api/v2/search").respond_with_handler(answer)
    env = {"BRANDPULSE_MASTODON_TOKEN": SECRET}
    return run("fetch", "mastodon", "acme kettle", "--server", httpserver.url_for(""), "--until", until, env=env)


def test_mastodon_hashtag_resume_jumps_to_the_posts_before_the_oldest_written(httpserver, tmp_path):
    """The hashtag timeline takes no end date: `--resume` (and `--until`) paged from the newest post down through
    every page already written before reaching the older posts, the requests a stopped fetch had spent already.
    Mastodon's ids hold the post's time, so after page 1 the fetch asks for `max_id` at that time."""
    pool = statuses_of(["2024-03-05", "2024-03-04", "2024-03-03", "2024-03-02"])
    fail = []

    def handler(request):  # a tag timeline: newest first, below max_id, with its Link to the next page
        if fail and len(httpserver.log) == 2:
            return Response("down", status=404)
        below = [s for s in pool if int(s["id"]) < int(request.args.get("max_id", 10**30))][:40]
        link = {}
        if below:
            nxt = httpserver.url_for("/api/v1/timelines/tag/acme") + f"?max_id={below[-1]['id']}"
            link = {"Link": f'<{nxt}>; rel="next"'}
        return Response(json.dumps(below), content_type="application/json", headers=link)

    httpserver.expect_request("/api/v1/timelines/tag/acme").respond_with_handler(handler)
    out = tmp_path / "m.jsonl"
    args = ("fetch", "mastodon", "#acme", "--server", httpserver.url_for(""), "-o", str(out))
    fail.append(True)
    first = run(*args)
    assert first.exit_code == 6
    assert len(jsonl(out.read_text())) == 80
    fail.clear()
    httpserver.clear_log()
    again = run(*args, "--resume")
    assert again.exit_code == 0, again.stderr
    # the oldest written was 2024-03-04T10:20:00Z: after page 1, the posts before the next second
    asked = [entry[0].args.get("max_id") for entry in httpserver.log]
    assert asked == [None, str(snowflake("2024-03-04T10:20:01Z")), pool[118]["id"], pool[158]["id"], pool[159]["id"]]
    assert [r["post_id"] for r in jsonl(out.read_text())] == [s["id"] for s in pool]
    assert "warning" not in again.stderr


def test_limit_counts_the_posts_written_after_the_brand_filter(httpserver):
    """`--limit 2 --brand Acme` counted the near-miss Algolia's prefix matching found ("applauded"), stopped
    after page 1 and wrote 1 post, though page 2 held another Acme post: --limit counts the posts written."""
    page0 = fixture("hackernews_algolia.json") | {"nbPages": 3, "page": 0}
    near_miss = dict(page0["hits"][1], objectID="39000003", comment_text="This should be applauded, not mocked")
    page0["hits"] = [page0["hits"][0], near_miss]
    page1 = page0 | {"page": 1, "hits": [dict(page0["hits"][0], objectID="38999990", title="Acme again")]}
    page2 = page0 | {"page": 2, "hits": [dict(page0["hits"][0], objectID="38999980", title="Acme, third")]}

    def handler(request):
        body = [page0, page1, page2][int(request.args["page"])]
        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request("/api/v1/search_by_date").respond_with_handler(handler)
    args = ("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""), "--brand", "Acme")
    result = run(*args, "--limit", "2")
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(result.stdout)] == ["39000001", "38999990"]
    assert "hackernews: 3 posts in 2 pages, 1 mentioning no configured brand dropped" in result.stderr
    assert [entry[0].args["page"] for entry in httpserver.log] == ["0", "1"]


def test_youtube_stops_paging_a_video_at_since(httpserver):
    """Comment threads come newest first (`order=time`): `--since` paged through every comment of a video, a
    quota unit a page, all older ones dropped. Paging a video now stops at the page reaching before it."""

    def thread(video: str, cid: str, when: str, reply: str | None = None) -> dict:
        top = {"kind": "youtube#comment", "id": cid, "snippet": {"textOriginal": "Acme", "publishedAt": when}}
        item = {"kind": "youtube#commentThread", "id": cid, "snippet": {"videoId": video, "topLevelComment": top}}
        if reply:  # a reply is newer than its comment: not the thread's time
            snippet = {"textOriginal": "re", "publishedAt": reply, "parentId": cid}
            item["replies"] = {"comments": [{"kind": "youtube#comment", "id": cid + ".r", "snippet": snippet}]}
        return item

    pages = {
        ("v1", None): {"items": [thread("v1", "a", "2024-06-03T00:00:00Z")], "nextPageToken": "P2"},
        ("v1", "P2"): {
            "items": [thread("v1", "b", "2024-06-02T00:00:00Z"), thread("v1", "c", "2024-05-01T00:00:00Z")],
            "nextPageToken": "P3",
        },
        ("v1", "P3"): {"items": [thread("v1", "d", "2024-04-01T00:00:00Z")]},
        ("v2", None): {"items": [thread("v2", "e", "2024-03-01T00:00:00Z", "2024-06-05T00:00:00Z")]},
    }
    orders = []

    def handler(request):
        orders.append(request.args.get("order"))
        page = pages[request.args["videoId"], request.args.get("pageToken")]
        return Response(json.dumps(page), content_type="application/json")

    httpserver.expect_request("/youtube/v3/commentThreads").respond_with_handler(handler)
    args = ("fetch", "youtube", "*", "--video", "v1", "--video", "v2", "--api-base", httpserver.url_for(""))
    result = run(*args, "--since", "2024-06-01", env={"BRANDPULSE_YOUTUBE_API_KEY": SECRET})
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(result.stdout)] == ["a", "b", "e.r"]
    asked = [(e[0].args["videoId"], e[0].args.get("pageToken")) for e in httpserver.log]
    assert asked == [("v1", None), ("v1", "P2"), ("v2", None)]
    assert orders == ["time"] * 3


def test_reddit_says_when_the_search_ends_at_its_1000_post_cap(httpserver):
    """Reddit lists about 1,000 posts of a search at most (fewer when some were removed), then `after` is null
    as at a real end: a busy query ended with exit 0 and nothing said of the older matches."""
    post = fixture("reddit_listing.json")["data"]["children"][0]

    def listing(start: int, count: int, after: str | None) -> dict:
        children = [
            {"kind": "t3", "data": dict(post["data"], id=f"p{i}", name=f"t3_p{i}")} for i in range(start, start + count)
        ]
        return {"kind": "Listing", "data": {"after": after, "dist": count, "before": None, "children": children}}

    def handler(request):
        page = int((request.args.get("after") or "t3_page0")[len("t3_page") :])
        # 10 pages; the last lacks 40 posts (removed ones are left out): 960 in all
        return Response(
            json.dumps(listing(page * 100, 60 if page == 9 else 100, None if page == 9 else f"t3_page{page + 1}")),
            content_type="application/json",
        )

    httpserver.expect_request("/api/v1/access_token", method="POST").respond_with_json({"access_token": "t"})
    httpserver.expect_request("/search").respond_with_handler(handler)
    env = {"BRANDPULSE_REDDIT_CLIENT_ID": "cid", "BRANDPULSE_REDDIT_CLIENT_SECRET": SECRET}
    result = run("fetch", "reddit", "acme", "--api-base", httpserver.url_for(""), env=env)
    assert result.exit_code == 0, result.stderr
    assert len(jsonl(result.stdout)) == 960
    said = " ".join(result.stderr.split())
    assert said.count("warning") == 1
    assert (
        "warning: reddit: the search ended after 960 posts, near the 1,000 Reddit lists of one search at most: "
        "older matches may be missing; narrow the query (subreddit:NAME, a phrase in quotes) to reach them"
    ) in said
    assert "reddit: 960 posts in 10 pages" in said
    # a search that ends well before the cap says nothing
    httpserver.clear()
    small = fetch_reddit(httpserver, listing(0, 2, None))
    assert small.exit_code == 0 and "warning" not in small.stderr


def test_youtube_video_with_comments_turned_off_is_skipped(httpserver):
    """One video of several with its comments turned off (YouTube's 403 `commentsDisabled`) stopped the whole fetch
    with exit 6 and "the API refused the credentials ...; set BRANDPULSE_YOUTUBE_API_KEY": the key was fine, and
    the videos after it were never asked for. It is skipped with a warning now."""
    message = (
        'The video identified by the <code><a href="/youtube/v3/docs/commentThreads/list#videoId">videoId</a></code> '
        "parameter has disabled comments."
    )
    error = {
        "code": 403,
        "message": message,
        "errors": [
            {
                "message": message,
                "domain": "youtube.commentThread",
                "reason": "commentsDisabled",
                "location": "videoId",
                "locationType": "parameter",
            }
        ],
    }

    def handler(request):
        if request.args["videoId"] == "off":
            return Response(json.dumps({"error": error}), status=403, content_type="application/json")
        page = fixture("youtube_threads.json") | {"nextPageToken": None}
        return Response(json.dumps(page).replace("UgwTOP", request.args["videoId"]), content_type="application/json")

    httpserver.expect_request("/youtube/v3/commentThreads").respond_with_handler(handler)
    args = ("fetch", "youtube", "*", "--video", "v1", "--video", "off", "--video", "v3")
    result = run(*args, "--api-base", httpserver.url_for(""), env={"BRANDPULSE_YOUTUBE_API_KEY": SECRET})
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(result.stdout)] == ["v11", "v11.REPLY1", "v12", "v31", "v31.REPLY1", "v32"]
    said = " ".join(result.stderr.split())
    assert "warning: youtube: video off has its comments turned off; skipped" in said
    assert "BRANDPULSE_YOUTUBE_API_KEY" not in said
    # a 403 for the key itself still stops, naming the variable
    httpserver.clear()
    refused = dict(
        error, message="API key not valid.", errors=[{"reason": "forbidden", "message": "API key not valid."}]
    )
    httpserver.expect_request("/youtube/v3/commentThreads").respond_with_json({"error": refused}, status=403)
    denied = run(*args, "--api-base", httpserver.url_for(""), env={"BRANDPULSE_YOUTUBE_API_KEY": SECRET})
    assert denied.exit_code == 6 and "set BRANDPULSE_YOUTUBE_API_KEY" in denied.stderr


def test_an_api_error_message_is_shown_without_its_html(httpserver):
    """YouTube writes its error messages as HTML: a mistyped video id ended in
    `... identified by the <code><a href="/youtube/v3/docs/commentThreads/list#videoId">videoId</a></code> ...`."""
    message = (
        'The video identified by the <code><a href="/youtube/v3/docs/commentThreads/list#videoId">videoId</a></code> '
        "parameter could not be found."
    )
    error = {"code": 404, "message": message, "errors": [{"message": message, "reason": "videoNotFound"}]}
    httpserver.expect_request("/youtube/v3/commentThreads").respond_with_json({"error": error}, status=404)
    env = {"BRANDPULSE_YOUTUBE_API_KEY": SECRET}
    result = run("fetch", "youtube", "*", "--video", "nope", "--api-base", httpserver.url_for(""), env=env)
    assert result.exit_code == 6
    assert result.stderr.splitlines()[-1] == (
        f"brandpulse: error: youtube: HTTP 404 from localhost:{httpserver.port}: The video identified by the videoId "
        "parameter could not be found. [videoNotFound]"
    )


def test_an_api_error_message_with_a_lone_surrogate_is_one_line(httpserver):
    """An API's error message holding half a surrogate pair (`\\ud83d`, the rest cut off) ended the run with a
    UnicodeEncodeError traceback (exit 1), the error line lost: errors are shown as file names are, and it could
    not be. It is shown as the readers show such text (three U+FFFD, one a byte of it)."""
    body = '{"message": "bad query \\ud83d"}'
    httpserver.expect_request("/api/v1/search_by_date").respond_with_data(body, 400, content_type="application/json")
    result = run("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""))
    assert result.exit_code == 6
    assert result.stderr.splitlines()[-1] == (
        f"brandpulse: error: hackernews: HTTP 400 from localhost:{httpserver.port}: bad query \ufffd\ufffd\ufffd"
    )


def test_mastodon_search_with_until_jumps_to_it(httpserver):
    """Keyword search takes no end date: `--until` (and `--resume`) paged by offset from the newest match down
    through every page after it, all dropped. Once page 1 shows Mastodon ids, the search is asked again with
    `max_id` at --until (Mastodon 4 reads it as `before:` that time, to the second; Mastodon 3 as an id bound)."""
    pool = statuses_of(["2024-03-05", "2024-03-04", "2024-03-03", "2024-03-02"])

    def handler(request, offset, limit):  # Mastodon 4: max_id becomes `before:"<its time, to the second>"`
        below = pool
        if "max_id" in request.args:
            before = pd.Timestamp((int(request.args["max_id"]) >> 16) / 1000, unit="s", tz="UTC").floor("s")
            below = [s for s in pool if pd.Timestamp(s["created_at"]) < before]
        return below[offset : offset + limit]

    result = search_until(httpserver, handler, "2024-03-03T10:40:00.5")
    assert result.exit_code == 0, result.stderr
    # the posts before 10:40:00.5 on 2024-03-03 (10:40:00 included), and all of 2024-03-02
    assert [r["post_id"] for r in jsonl(result.stdout)] == [s["id"] for s in pool[99:]]
    end = str(snowflake("2024-03-03T10:40:01Z"))  # (rounded up to the second: Mastodon 4 drops the fraction)
    asked = [(e[0].args.get("max_id"), e[0].args["offset"]) for e in httpserver.log]
    assert asked == [(None, "0"), (end, "0"), (end, "40")]
    assert SECRET not in result.stderr


def test_mastodon_search_on_a_server_that_ignores_max_id_reads_on_by_offset(httpserver):
    """A server that ignores `max_id` on search answered the jump to --until with page 1 again: read twice, its 40
    posts counted as "given again on a later page", then paged on from offset 40 by luck. It is told apart (every
    status already given), not counted, said once, and the search goes on by offset from page 2."""
    pool = statuses_of(["2024-03-05", "2024-03-04", "2024-03-03"])

    def handler(request, offset, limit):  # max_id not read
        return pool[offset : offset + limit]

    result = search_until(httpserver, handler, "2024-03-04T10:40:00.5")
    assert result.exit_code == 0, result.stderr
    # 2024-03-04 from 10:40:00 (pool[59]) down, and all of 2024-03-03
    assert [r["post_id"] for r in jsonl(result.stdout)] == [s["id"] for s in pool[59:]]
    end = str(snowflake("2024-03-04T10:40:01Z"))
    asked = [(e[0].args.get("max_id"), e[0].args["offset"]) for e in httpserver.log]
    assert asked == [(None, "0"), (end, "0"), (None, "40"), (None, "80"), (None, "120")]
    said = " ".join(result.stderr.split())
    assert said.count("warning") == 1
    assert (
        f"warning: mastodon: {httpserver.host}:{httpserver.port} ignored max_id (the search from --until down began "
        "with its newest posts again); paging on through the newer ones"
    ) in said
    assert "mastodon: 120 posts in 4 pages, 59 outside --since/--until dropped, wrote 61" in said
    assert SECRET not in result.stderr


def test_reddit_resume_continues_from_the_saved_after_cursor(httpserver, tmp_path):
    """Reddit's search takes no end date: `--resume` after a failed page 2 read the search again from page 1,
    its posts all dropped as already written. The `after` cursor of the page that failed is kept (in the cache
    folder, not beside the output), and --resume asks for that page first."""
    post = fixture("reddit_listing.json")["data"]["children"][0]["data"]
    start = 1717243200
    pool = [dict(post, id=f"p{i}", name=f"t3_p{i}", created_utc=start - 600 * i) for i in range(250)]
    failed, searched = [], []

    def search(request):
        after = request.args.get("after")
        searched.append(after)
        if after == "t3_p99" and not failed:
            failed.append(after)
            return Response("<html>bad gateway</html>", status=404)
        at = 0 if after is None else next(i for i, p in enumerate(pool) if p["name"] == after) + 1
        page = pool[at : at + 100]
        nxt = page[-1]["name"] if at + 100 < len(pool) else None
        children = [{"kind": "t3", "data": p} for p in page]
        return Response(
            json.dumps({"kind": "Listing", "data": {"after": nxt, "children": children}}),
            content_type="application/json",
        )

    httpserver.expect_request("/api/v1/access_token", method="POST").respond_with_json({"access_token": "t"})
    httpserver.expect_request("/search").respond_with_handler(search)
    env = {"BRANDPULSE_REDDIT_CLIENT_ID": "cid", "BRANDPULSE_REDDIT_CLIENT_SECRET": SECRET}
    out = tmp_path / "r.jsonl"
    args = ("fetch", "reddit", "acme", "--api-base", httpserver.url_for(""), "-o", str(out))
    first = run(*args, env=env)
    assert first.exit_code == 6
    assert [r["post_id"] for r in jsonl(out.read_text())] == [f"t3_p{i}" for i in range(100)]
    assert searched == [None, "t3_p99"]
    searched.clear()
    again = run(*args, "--resume", env=env)
    assert again.exit_code == 0, again.stderr
    assert searched == ["t3_p99", "t3_p199"]  # not page 1 again
    assert [r["post_id"] for r in jsonl(out.read_text())] == [f"t3_p{i}" for i in range(250)]
    assert f"resuming: 100 posts already in {out}, from where the last run stopped" in again.stderr
    assert "reddit: 150 posts in 2 pages, wrote 250" in again.stderr
    assert [p.name for p in tmp_path.iterdir() if p.name != "cache"] == ["r.jsonl"]  # (nothing beside it)
    # a completed run leaves no place to resume from: --resume reads from the newest again, before the oldest
    searched.clear()
    third = run(*args, "--resume", env=env)
    assert third.exit_code == 0, third.stderr
    assert searched == [None, "t3_p99", "t3_p199"]
    assert len(jsonl(out.read_text())) == 250
    for result in (first, again, third):
        assert SECRET not in result.stderr
    assert not any(SECRET in p.read_text() for p in (tmp_path / "cache").iterdir())


def yt_thread(cid: str, when: str, reply: str | None = None) -> dict:
    top = {"kind": "youtube#comment", "id": cid, "snippet": {"textOriginal": f"Acme {cid}", "publishedAt": when}}
    item = {"kind": "youtube#commentThread", "id": cid, "snippet": {"videoId": "v1", "topLevelComment": top}}
    if reply:  # a reply is newer than its comment
        snippet = {"textOriginal": "re Acme", "publishedAt": reply, "parentId": cid}
        item["replies"] = {"comments": [{"kind": "youtube#comment", "id": cid + ".r", "snippet": snippet}]}
    return item


def yt_error(code: int, reason: str) -> dict:
    """YouTube's error body, as the Data API sends it (`youtube.parameter` errors name the parameter at fault)."""
    said = {
        "invalidPageToken": ("The request specifies an invalid page token.", "youtube.parameter", "pageToken"),
        "videoNotFound": (
            'The video identified by the <code><a href="/youtube/v3/docs/commentThreads/list#videoId">videoId</a>'
            "</code> parameter could not be found.",
            "youtube.commentThread",
            "videoId",
        ),
    }
    message, domain, location = said[reason]
    error = {"message": message, "domain": domain, "reason": reason, "location": location, "locationType": "parameter"}
    return {"error": {"code": code, "message": message, "errors": [error]}}


def youtube_video_server(httpserver, threads: list[dict], generation: list[str], fail: list[str]):
    """One video's comment threads, 2 a page; page tokens name the server's `generation` (an older one is refused
    as YouTube refuses a stale token); a token in `fail` fails once."""

    def handler(request):
        token = request.args.get("pageToken")
        if token in fail:
            fail.remove(token)
            return Response("down", status=404)
        at = 0
        if token:
            gen, _, n = token.partition("-P")
            if gen != generation[0]:
                return Response(
                    json.dumps(yt_error(400, "invalidPageToken")), status=400, content_type="application/json"
                )
            at = int(n)
        page = {"items": threads[at : at + 2]}
        if at + 2 < len(threads):
            page["nextPageToken"] = f"{generation[0]}-P{at + 2}"
        return Response(json.dumps(page), content_type="application/json")

    httpserver.expect_request("/youtube/v3/commentThreads").respond_with_handler(handler)


def test_youtube_resume_continues_from_the_saved_page_token(httpserver, tmp_path):
    """One video: `--resume` read its comments again from the newest page, and dropped every comment or reply
    from after the oldest one written, so a newer reply to an older thread on a later page was lost. The page
    token of the page that failed is kept, and --resume asks for that page first, with no end date."""
    threads = [
        yt_thread("a", "2024-06-05T00:00:00Z"),
        yt_thread("b", "2024-06-04T00:00:00Z"),
        yt_thread("c", "2024-06-03T00:00:00Z", reply="2024-06-06T00:00:00Z"),  # newer than all written
        yt_thread("d", "2024-06-02T00:00:00Z"),
        yt_thread("e", "2024-06-01T00:00:00Z"),
    ]
    youtube_video_server(httpserver, threads, ["g1"], ["g1-P2"])
    env = {"BRANDPULSE_YOUTUBE_API_KEY": SECRET}
    out = tmp_path / "yt.jsonl"
    args = ("fetch", "youtube", "*", "--video", "v1", "--api-base", httpserver.url_for(""), "-o", str(out))
    first = run(*args, env=env)
    assert first.exit_code == 6
    assert [r["post_id"] for r in jsonl(out.read_text())] == ["a", "b"]
    (kept,) = (tmp_path / "cache").iterdir()
    assert "g1-P2" in kept.read_text() and SECRET not in kept.read_text()  # (the key is in each request's URL)
    httpserver.clear_log()
    again = run(*args, "--resume", env=env)
    assert again.exit_code == 0, again.stderr
    assert [r["post_id"] for r in jsonl(out.read_text())] == ["a", "b", "c", "c.r", "d", "e"]
    assert [e[0].args.get("pageToken") for e in httpserver.log] == ["g1-P2", "g1-P4"]
    assert SECRET not in first.stderr + again.stderr


def test_youtube_resume_from_a_refused_page_token_reads_from_the_newest(httpserver, tmp_path):
    """A kept page token the API no longer takes (HTTP 400): a warning, then the video from its newest page as
    before, posts already written dropped; none lost, none twice."""
    threads = [yt_thread(c, f"2024-06-0{9 - i}T00:00:00Z") for i, c in enumerate("abcde")]
    generation = ["g1"]
    youtube_video_server(httpserver, threads, generation, ["g1-P2"])
    env = {"BRANDPULSE_YOUTUBE_API_KEY": SECRET}
    out = tmp_path / "yt.jsonl"
    args = ("fetch", "youtube", "*", "--video", "v1", "--api-base", httpserver.url_for(""), "-o", str(out))
    assert run(*args, env=env).exit_code == 6
    generation[0] = "g2"
    httpserver.clear_log()
    again = run(*args, "--resume", env=env)
    assert again.exit_code == 0, again.stderr
    assert [e[0].args.get("pageToken") for e in httpserver.log] == ["g1-P2", None, "g2-P2", "g2-P4"]
    assert [r["post_id"] for r in jsonl(out.read_text())] == list("abcde")
    said = " ".join(again.stderr.split())
    assert (
        f"warning: youtube: the API refused the place the last run stopped at (HTTP 400 from {httpserver.host}:"
        f"{httpserver.port}: The request specifies an invalid page token. [invalidPageToken]); reading again from "
        "the newest posts, before 2024-06-08 00:00:01Z"
    ) in said
    assert (  # (b: a repeat)
        "youtube: 5 posts in 3 pages, 1 not before 2024-06-08 00:00:01Z (--resume: the posts before the oldest already "
        "written) dropped, wrote 5"
    ) in said
    assert SECRET not in again.stderr


def test_youtube_resume_of_a_video_deleted_since_says_only_that(httpserver, tmp_path):
    """With a kept page token, a video deleted since the first run (HTTP 404 `videoNotFound`) first warned "the API
    refused the place the last run stopped at", asked for the video again from its newest page, then failed with
    the real error. Only a refusal of the page token is a refused place: the real error alone now (exit 6), the
    posts written and the place kept as they were."""
    threads = [yt_thread(c, f"2024-06-0{9 - i}T00:00:00Z") for i, c in enumerate("abcde")]
    youtube_video_server(httpserver, threads, ["g1"], ["g1-P2"])
    env = {"BRANDPULSE_YOUTUBE_API_KEY": SECRET}
    out = tmp_path / "yt.jsonl"
    args = ("fetch", "youtube", "*", "--video", "v1", "--api-base", httpserver.url_for(""), "-o", str(out))
    assert run(*args, env=env).exit_code == 6
    (kept,) = (tmp_path / "cache").iterdir()
    place = kept.read_text()
    httpserver.clear()
    gone = json.dumps(yt_error(404, "videoNotFound"))
    httpserver.expect_request("/youtube/v3/commentThreads").respond_with_data(
        gone, 404, content_type="application/json"
    )
    again = run(*args, "--resume", env=env)
    assert again.exit_code == 6
    assert [e[0].args.get("pageToken") for e in httpserver.log] == ["g1-P2"]
    said = " ".join(again.stderr.split())
    assert "refused the place" not in said
    assert (
        f"brandpulse: error: youtube: HTTP 404 from {httpserver.host}:{httpserver.port}: The video identified by the "
        "videoId parameter could not be found. [videoNotFound]"
    ) in said
    assert [r["post_id"] for r in jsonl(out.read_text())] == ["a", "b"]
    assert kept.read_text() == place
    assert SECRET not in again.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals")
def test_ctrl_c_keeps_where_reddit_stopped_for_resume(httpserver, tmp_path):
    """Ctrl-C while page 2 is asked for: page 1 is written and its `after` cursor kept; --resume asks page 2."""
    pool = reddit_posts(150)
    asked, release, calls = threading.Event(), threading.Event(), []

    def search(request):
        after = request.args.get("after")
        calls.append(after)
        if after == "t3_p99" and len(calls) == 2:
            asked.set()
            release.wait(30)  # the run is interrupted meanwhile
        at = 0 if after is None else 100
        children = [{"kind": "t3", "data": p} for p in pool[at : at + 100]]
        nxt = "t3_p99" if after is None else None
        body = {"kind": "Listing", "data": {"after": nxt, "children": children}}
        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request("/api/v1/access_token", method="POST").respond_with_json({"access_token": "t"})
    httpserver.expect_request("/search").respond_with_handler(search)
    secrets = {"BRANDPULSE_REDDIT_CLIENT_ID": "cid", "BRANDPULSE_REDDIT_CLIENT_SECRET": SECRET}
    env = {**os.environ, **secrets, "PYTHONPATH": str(Path(__file__).resolve().parents[1]), "NO_COLOR": "1"}
    out = tmp_path / "r.jsonl"
    args = ["fetch", "reddit", "acme", "--api-base", httpserver.url_for(""), "-o", str(out)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "brandpulse", *args],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert asked.wait(60), "page 2 was never asked for"
        proc.send_signal(signal.SIGINT)
        err = proc.communicate(timeout=60)[1]
    finally:
        release.set()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        wait_logged(httpserver, calls)
    assert proc.returncode == 130, err
    assert len(jsonl(out.read_text())) == 100
    said = "warning: interrupted; the 100 posts fetched before it were written"
    assert err.splitlines()[-2:] == [said, "brandpulse: interrupted"]
    calls.clear()
    again = run(*args, "--resume", env=secrets)
    assert again.exit_code == 0, again.stderr
    assert calls == ["t3_p99"]
    assert [r["post_id"] for r in jsonl(out.read_text())] == [f"t3_p{i}" for i in range(150)]
    assert SECRET not in err + again.stderr


def test_reddit_limit_then_resume_writes_the_next_posts(httpserver, tmp_path):
    """`--limit` stops inside a page: its cursor is kept and --resume reads that page again. Its posts already
    written do not count towards the next --limit: `--resume --limit 100` writes 100 new posts."""
    pool = reddit_posts(400)

    def search(request):
        after = request.args.get("after")
        at = 0 if after is None else int(after[len("t3_p") :]) + 1
        children = [{"kind": "t3", "data": p} for p in pool[at : at + 100]]
        body = {
            "kind": "Listing",
            "data": {"after": f"t3_p{at + 99}" if at + 100 < 400 else None, "children": children},
        }
        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request("/api/v1/access_token", method="POST").respond_with_json({"access_token": "t"})
    httpserver.expect_request("/search").respond_with_handler(search)
    env = {"BRANDPULSE_REDDIT_CLIENT_ID": "cid", "BRANDPULSE_REDDIT_CLIENT_SECRET": SECRET}
    out = tmp_path / "r.jsonl"
    args = ("fetch", "reddit", "acme", "--api-base", httpserver.url_for(""), "-o", str(out))
    assert run(*args, "--limit", "150", env=env).exit_code == 0
    assert [r["post_id"] for r in jsonl(out.read_text())] == [f"t3_p{i}" for i in range(150)]
    httpserver.clear_log()
    again = run(*args, "--resume", "--limit", "100", env=env)
    assert again.exit_code == 0, again.stderr
    assert [e[0].args.get("after") for e in httpserver.log if e[0].path == "/search"] == ["t3_p99", "t3_p199"]
    assert [r["post_id"] for r in jsonl(out.read_text())] == [f"t3_p{i}" for i in range(250)]


def test_resume_limit_of_several_youtube_videos_counts_only_new_comments(httpserver, tmp_path):
    """Several videos, no place kept (another machine, a cleared cache): --resume fetches them all again, and
    `--resume --limit 1` counted the comment already written, so it wrote nothing new, on every run."""
    threads = {v: [yt_thread(f"{v}-{n}", f"2024-06-0{9 - n}T00:00:00Z") for n in range(2)] for v in ("v1", "v2")}

    def handler(request):
        return Response(json.dumps({"items": threads[request.args["videoId"]]}), content_type="application/json")

    httpserver.expect_request("/youtube/v3/commentThreads").respond_with_handler(handler)
    out = tmp_path / "yt.jsonl"
    args = ("fetch", "youtube", "*", "--video", "v1", "--video", "v2", "--api-base", httpserver.url_for(""))
    args += ("-o", str(out), "--limit", "1")
    env = {"BRANDPULSE_YOUTUBE_API_KEY": SECRET}
    assert run(*args, env=env).exit_code == 0
    assert [r["post_id"] for r in jsonl(out.read_text())] == ["v1-0"]
    for n, expected in enumerate((["v1-0", "v1-1"], ["v1-0", "v1-1", "v2-0"], ["v1-0", "v1-1", "v2-0", "v2-1"])):
        for kept in (tmp_path / "cache").iterdir():
            kept.unlink()
        again = run(*args, "--resume", env=env)
        assert again.exit_code == 0, again.stderr
        assert [r["post_id"] for r in jsonl(out.read_text())] == expected, n


def reddit_kettle_search(httpserver, tmp_path, pool: list[dict], fails: list[str]) -> tuple[tuple, dict, Path]:
    """The args, env and output of `fetch reddit kettle -o r.jsonl` against a server listing `pool` 100 a page
    (page 2 after `t3_p99`), which fails once for each `after` cursor in `fails`."""

    def search(request):
        after = request.args.get("after")
        if after in fails:
            fails.remove(after)
            return Response("down", status=404)
        at = 0 if after is None else 100
        children = [{"kind": "t3", "data": p} for p in pool[at : at + 100]]
        nxt = "t3_p99" if after is None else None
        return Response(json.dumps({"kind": "Listing", "data": {"after": nxt, "children": children}}))

    return reddit_searched_by(search, httpserver, tmp_path)


def reddit_searched_by(search, httpserver, tmp_path) -> tuple[tuple, dict, Path]:
    """The args, env and output of `fetch reddit kettle -o r.jsonl` against a server whose search is `search`."""
    httpserver.expect_request("/api/v1/access_token", method="POST").respond_with_json({"access_token": "tk-1"})
    httpserver.expect_request("/search").respond_with_handler(search)
    env = {"BRANDPULSE_REDDIT_CLIENT_ID": "cid", "BRANDPULSE_REDDIT_CLIENT_SECRET": SECRET}
    out = tmp_path / "r.jsonl"
    return ("fetch", "reddit", "kettle", "--api-base", httpserver.url_for(""), "-o", str(out)), env, out


def reddit_fetch_stopped_at_page_2(httpserver, tmp_path) -> tuple[tuple, dict, Path]:
    """`fetch reddit acme -o r.jsonl` against a server whose page 2 fails: exit 6, page 1's 100 posts written
    and the place of page 2 kept. Its args, env and output, the server's log cleared for the --resume after."""
    env = {"BRANDPULSE_REDDIT_CLIENT_ID": "cid", "BRANDPULSE_REDDIT_CLIENT_SECRET": SECRET}
    out = tmp_path / "r.jsonl"
    args = ("fetch", "reddit", "acme", "--api-base", httpserver.url_for(""), "-o", str(out))
    assert run(*args, env=env).exit_code == 6
    assert len(jsonl(out.read_text())) == 100
    httpserver.clear_log()
    return args, env, out


def test_reddit_resume_after_a_post_since_removed_reads_from_the_newest(httpserver, tmp_path):
    """Reddit answers an `after` cursor whose post was removed since with an empty listing, not an error: the
    resumed run ended there as if the search were done (exit 0, the cursor dropped), the older posts never
    fetched. An empty first page from a kept cursor is read as a refused one: from the newest, with a warning."""
    post = fixture("reddit_listing.json")["data"]["children"][0]["data"]
    pool = [dict(post, id=f"p{i}", name=f"t3_p{i}", created_utc=1717243200 - 600 * i) for i in range(150)]
    down = [True]

    def search(request):
        after = request.args.get("after")
        if after == "t3_p99" and down[0]:
            return Response("down", status=404)
        listed = [p for p in pool if p["id"] != "p99" or down[0]]  # p99 removed once the server is back
        at = 0 if after is None else next((i + 1 for i, p in enumerate(listed) if p["name"] == after), len(listed))
        page = listed[at : at + 100]
        nxt = page[-1]["name"] if at + 100 < len(listed) else None
        body = {"kind": "Listing", "data": {"after": nxt, "children": [{"kind": "t3", "data": p} for p in page]}}
        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request("/api/v1/access_token", method="POST").respond_with_json({"access_token": "tok-8d1e"})
    httpserver.expect_request("/search").respond_with_handler(search)
    args, env, out = reddit_fetch_stopped_at_page_2(httpserver, tmp_path)
    down[0] = False
    again = run(*args, "--resume", env=env)
    assert again.exit_code == 0, again.stderr
    assert [r["post_id"] for r in jsonl(out.read_text())] == [f"t3_p{i}" for i in range(150)]
    assert [e[0].args.get("after") for e in httpserver.log if e[0].path == "/search"] == ["t3_p99", None, "t3_p100"]
    said = " ".join(again.stderr.split())
    assert (
        "warning: reddit: the API refused the place the last run stopped at (nothing listed after t3_p99: its post "
        "removed since?); reading again from the newest posts, before 2024-05-31 19:30:01Z"
    ) in said


def test_reddit_resume_with_a_brand_added_since_fetches_all_again(httpserver, tmp_path):
    """The kept place was reused whatever the brands: after adding one, `--resume` went on from the page the last
    run lacked, and the posts naming the new brand on the pages before it, dropped by the last run, were never
    fetched. A place kept for other brands is not reused: a note, and the search is read again from the newest
    (duplicates dropped). The same brands (in another order) go on from the place."""
    pool = reddit_posts(150)
    for i, post in enumerate(pool):  # every third post names Kettleco, the others Acme
        post.update(title=f"{'Kettleco' if i % 3 == 0 else 'Acme'} kettle", selftext="")
    fails = ["t3_p99", "t3_p99"]

    args, env, out = reddit_kettle_search(httpserver, tmp_path, pool, fails)
    assert run(*args, "--brand", "Acme", env=env).exit_code == 6
    assert [r["post_id"] for r in jsonl(out.read_text())] == [f"t3_p{i}" for i in range(100) if i % 3]
    httpserver.clear_log()
    again = run(*args, "--resume", "--brand", "Acme", "--brand", "Kettleco", env=env)
    assert again.exit_code == 6  # (page 2 fails again)
    assert [e[0].args.get("after") for e in httpserver.log if e[0].path == "/search"][0] is None
    said = " ".join(again.stderr.split())
    assert (
        f"resuming: 66 posts already in {out}; the brands changed since the last run: all are fetched again "
        "(duplicates dropped)"
    ) in said
    assert sorted(r["post_id"] for r in jsonl(out.read_text())) == sorted(f"t3_p{i}" for i in range(100))
    httpserver.clear_log()
    third = run(*args, "--resume", "--brand", "Kettleco", "--brand", "Acme", env=env)
    assert third.exit_code == 0, third.stderr
    assert [e[0].args.get("after") for e in httpserver.log if e[0].path == "/search"] == ["t3_p99"]
    assert f"resuming: 100 posts already in {out}, from where the last run stopped" in third.stderr
    assert sorted(r["post_id"] for r in jsonl(out.read_text())) == sorted(f"t3_p{i}" for i in range(150))


def test_reddit_resume_from_a_place_kept_by_the_version_before_goes_on_from_it(httpserver, tmp_path):
    """A place kept by the version before, which noted no brands, was taken for one kept for other brands: "the
    brands changed since the run that stopped" (untrue), and the search was read again from the newest. It is
    gone on from, as that version would have."""
    pool = reddit_posts(150)
    fails = ["t3_p99"]

    args, env, out = reddit_kettle_search(httpserver, tmp_path, pool, fails)
    assert run(*args, env=env).exit_code == 6
    (kept,) = (tmp_path / "cache").iterdir()
    place = json.loads(kept.read_text())
    kept.write_text(json.dumps({k: v for k, v in place.items() if k != "brands"}))  # (as the version before wrote it)
    httpserver.clear_log()
    again = run(*args, "--resume", env=env)
    assert again.exit_code == 0, again.stderr
    assert [e[0].args.get("after") for e in httpserver.log if e[0].path == "/search"] == ["t3_p99"]
    assert f"resuming: 100 posts already in {out}, from where the last run stopped" in again.stderr
    assert [r["post_id"] for r in jsonl(out.read_text())] == [f"t3_p{i}" for i in range(150)]


def test_reddit_resume_whose_token_request_is_refused_says_only_that(httpserver, tmp_path):
    """With a kept cursor, a refused access-token request (HTTP 400: a wrong --api-base, an app removed) first
    warned that "the API refused the place the last run stopped at", then asked for the token again and failed
    with the real error. The place was never asked for: only the real error is said, and the place is kept."""
    pool = reddit_posts(150)
    token_ok = [True]

    def token(request):
        if token_ok[0]:
            return Response(json.dumps({"access_token": "tok-8d1e"}), content_type="application/json")
        return Response(json.dumps({"error": "invalid_grant"}), status=400, content_type="application/json")

    def search(request):
        if request.args.get("after") == "t3_p99":
            return Response("down", status=404)
        page = pool[:100]
        body = {"kind": "Listing", "data": {"after": "t3_p99", "children": [{"kind": "t3", "data": p} for p in page]}}
        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request("/api/v1/access_token", method="POST").respond_with_handler(token)
    httpserver.expect_request("/search").respond_with_handler(search)
    args, env, out = reddit_fetch_stopped_at_page_2(httpserver, tmp_path)
    token_ok[0] = False
    again = run(*args, "--resume", env=env)
    assert again.exit_code == 6
    assert "HTTP 400" in again.stderr
    assert "refused the place" not in again.stderr
    assert [e[0].path for e in httpserver.log] == ["/api/v1/access_token"]  # (asked once, no search)
    token_ok[0] = True
    httpserver.clear_log()
    assert run(*args, "--resume", env=env).exit_code == 6  # (the place is still kept)
    assert [e[0].args.get("after") for e in httpserver.log if e[0].path == "/search"][0] == "t3_p99"


def test_youtube_limit_inside_the_first_page_then_resume_loses_no_newer_reply(httpserver, tmp_path):
    """`--limit` cut the first page of a video: no place was kept for it, so --resume read from the newest with
    the end date of the oldest comment written, and a reply newer than it, to a thread further down that page,
    was dropped as outside the window: lost for good. The place kept is the video's first page, read again with
    no end date."""
    threads = [
        yt_thread("a", "2024-06-05T00:00:00Z"),
        yt_thread("b", "2024-06-04T00:00:00Z", reply="2024-06-06T00:00:00Z"),  # newer than "a", the one written
        yt_thread("c", "2024-06-03T00:00:00Z"),
    ]
    youtube_video_server(httpserver, threads, ["g1"], [])
    env = {"BRANDPULSE_YOUTUBE_API_KEY": SECRET}
    out = tmp_path / "yt.jsonl"
    args = ("fetch", "youtube", "*", "--video", "v1", "--api-base", httpserver.url_for(""), "-o", str(out))
    assert run(*args, "--limit", "1", env=env).exit_code == 0
    assert [r["post_id"] for r in jsonl(out.read_text())] == ["a"]
    httpserver.clear_log()
    again = run(*args, "--resume", env=env)
    assert again.exit_code == 0, again.stderr
    assert [r["post_id"] for r in jsonl(out.read_text())] == ["a", "b", "b.r", "c"]
    assert [e[0].args.get("pageToken") for e in httpserver.log] == [None, "g1-P2"]
    assert f"resuming: 1 post already in {out}, from where the last run stopped" in again.stderr
    (kept,) = (tmp_path / "cache").iterdir()
    assert json.loads(kept.read_text())["cursor"] is None  # (done: no place kept)


def test_the_kept_place_holds_no_part_of_the_api_base(httpserver, tmp_path):
    """An --api-base's path may hold a key (a gateway's `/t/TOKEN/`): messages name only its host and port, but
    the file keeping where a fetch stopped held the whole URL, and the query. It holds a hash of them now, and
    --resume still goes on from the place kept."""
    pool = reddit_posts(150)
    failed = []

    def search(request):
        after = request.args.get("after")
        if after == "t3_p99" and not failed:
            failed.append(after)
            return Response("down", status=404)
        at = 0 if after is None else 100
        nxt = "t3_p99" if after is None else None
        children = [{"kind": "t3", "data": p} for p in pool[at : at + 100]]
        return Response(json.dumps({"kind": "Listing", "data": {"after": nxt, "children": children}}))

    gate = "/t/GATE-7c1d9e"
    httpserver.expect_request(f"{gate}/api/v1/access_token", method="POST").respond_with_json({"access_token": "tk-1"})
    httpserver.expect_request(f"{gate}/search").respond_with_handler(search)
    env = {"BRANDPULSE_REDDIT_CLIENT_ID": "cid", "BRANDPULSE_REDDIT_CLIENT_SECRET": SECRET}
    out = tmp_path / "r.jsonl"
    args = ("fetch", "reddit", "secret project", "--api-base", httpserver.url_for(gate), "-o", str(out))
    assert run(*args, env=env).exit_code == 6
    (kept,) = (tmp_path / "cache").iterdir()
    assert "t3_p99" in kept.read_text()
    assert "GATE-7c1d9e" not in kept.read_text() and "secret project" not in kept.read_text()
    httpserver.clear_log()
    again = run(*args, "--resume", env=env)
    assert again.exit_code == 0, again.stderr
    assert [e[0].args.get("after") for e in httpserver.log if e[0].path.endswith("/search")] == ["t3_p99"]
    assert len(jsonl(out.read_text())) == 150


@pytest.mark.parametrize("limit", [[], ["--limit", "2"]])
def test_a_brand_query_with_lang_reads_the_detected_language(httpserver, tmp_path, limit):
    """Hacker News gives no language: a brand's `acme AND lang:en` matched no fetched post ("3 mentioning no
    configured brand dropped"), where `analyze` of the same posts detects their language first."""
    page = fixture("hackernews_algolia.json") | {"nbPages": 1, "page": 0}
    german = "Der Acme Wasserkocher ist leider kaputt, und der Kundendienst antwortet seit Wochen nicht"
    page["hits"].insert(0, dict(page["hits"][1], objectID="39000003", comment_text=german))  # (--limit: read)
    httpserver.expect_request("/api/v1/search_by_date").respond_with_json(page)
    config = tmp_path / "c.toml"
    config.write_text('[brands.Acme]\nquery = "acme AND lang:en"\n')
    result = run("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""), "-c", str(config), *limit)
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(result.stdout)] == ["39000001", "39000002"]
    assert [r["lang"] for r in jsonl(result.stdout)] == [None, None]  # (written as fetched: analyze detects)
    assert "1 mentioning no configured brand dropped" in result.stderr


def hn_pool_search(httpserver, pool: list[dict], fails: list[int], per_page: int = 2) -> list[str | None]:
    """Algolia's search_by_date over `pool` (newest first), `per_page` hits a page, reading `created_at_i<` and
    `>=` in numericFilters; page N fails once for each N in `fails`. Returns the numericFilters asked, in order."""
    asked: list[str | None] = []

    def handler(request):
        page, filters = int(request.args["page"]), request.args.get("numericFilters")
        asked.append(filters)
        if page in fails:
            fails.remove(page)
            return Response("down", status=404)
        hits = pool
        for bound in (filters or "").split(","):
            if "<" in bound:
                hits = [h for h in hits if h["created_at_i"] < int(bound.split("<")[1])]
            elif ">=" in bound:
                hits = [h for h in hits if h["created_at_i"] >= int(bound.split(">=")[1])]
        total = -(-len(hits) // per_page)
        body = {"hits": hits[page * per_page : (page + 1) * per_page], "nbPages": total, "page": page}
        return Response(json.dumps(body | {"nbHits": len(hits), "hitsPerPage": per_page}))

    httpserver.expect_request("/api/v1/search_by_date").respond_with_handler(handler)
    return asked


def ids(out: Path) -> list[str]:
    """The post_ids written to `out` (JSON Lines or CSV), in order."""
    if out.suffix == ".csv":
        return pd.read_csv(out, dtype=str)["post_id"].tolist()
    return [r["post_id"] for r in jsonl(out.read_text())]


def hn_kettles(n: int) -> list[dict]:
    """`n` Hacker News stories an hour apart, newest first (ids 100, 99, ...): the even ones name Acme, the odd
    ones Kettleco."""
    story = fixture("hackernews_algolia.json")["hits"][0]
    return [
        dict(
            story,
            objectID=str(100 - i),
            title=f"{'Kettleco' if i % 2 else 'Acme'} kettle number {100 - i}",
            story_text="",
            created_at_i=1704164400 - 3600 * i,
            created_at=pd.Timestamp(1704164400 - 3600 * i, unit="s").strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("ext", ["jsonl", "csv"])
def test_resume_after_a_finished_fetch_with_a_brand_added_fetches_all_again(httpserver, tmp_path, ext):
    """Hacker News (as X, Mastodon, Bluesky) keeps no place, and a fetch that ended keeps none: after a brand was
    added, `--resume` fetched only the posts older than the oldest written, and the newer posts naming the new
    brand, dropped by the run before, were never fetched. The brands of the last run are noted even with no place
    kept: a note says why, and all is fetched again (duplicates dropped)."""
    asked = hn_pool_search(httpserver, hn_kettles(6), [])
    out = tmp_path / f"hn.{ext}"
    args = ("fetch", "hackernews", "kettle", "--api-base", httpserver.url_for(""), "-o", str(out), "--brand", "Acme")
    assert run(*args).exit_code == 0
    assert ids(out) == ["100", "98", "96"]
    asked.clear()
    again = run(*args, "--resume", "--brand", "Kettleco")
    assert again.exit_code == 0, again.stderr
    assert asked == [None, None, None]  # (from the newest: no end date)
    said = " ".join(again.stderr.split())
    assert (
        f"resuming: 3 posts already in {out}; the brands changed since the last run: all are fetched again "
        "(duplicates dropped)"
    ) in said
    assert sorted(ids(out)) == ["100", "95", "96", "97", "98", "99"]
    asked.clear()
    third = run(*args, "--resume", "--brand", "Kettleco")  # (the same brands, and the fetch before ended: all again)
    assert third.exit_code == 0, third.stderr
    assert asked == [None, None, None]
    assert "the last fetch into it read to its end: all are fetched again" in " ".join(third.stderr.split())
    assert len(ids(out)) == 6


@pytest.mark.parametrize("how", ["edited", "older version"])
def test_resume_with_a_brand_added_and_no_note_of_the_file_goes_on_as_before(httpserver, tmp_path, how):
    """An output edited since the last run, or written by a version that noted nothing: what brands its posts
    were kept for is not known, so --resume fetches the posts older than its oldest, as it always did."""
    asked = hn_pool_search(httpserver, hn_kettles(6), [])
    out = tmp_path / "hn.jsonl"
    args = ("fetch", "hackernews", "kettle", "--api-base", httpserver.url_for(""), "-o", str(out), "--brand", "Acme")
    assert run(*args).exit_code == 0
    if how == "edited":
        out.write_text("".join(line + "\n" for line in out.read_text().splitlines()[1:]))  # (post 100 removed)
    else:
        for kept in (tmp_path / "cache").glob("resume-*.json"):
            kept.unlink()
    asked.clear()
    again = run(*args, "--resume", "--brand", "Kettleco")
    assert again.exit_code == 0, again.stderr
    assert asked == [f"created_at_i<{1704164400 - 3600 * 4 + 1}"]
    assert "brands changed" not in again.stderr
    assert [r["post_id"] for r in jsonl(out.read_text())][-1] == "95"


def test_resume_with_a_brand_added_that_stops_again_fetches_all_again_next_time(httpserver, tmp_path):
    """The --resume that fetches all again for a brand added stopped half-way (page 2 failed): it noted the new
    brands, so the next --resume fetched only the posts older than the oldest written, by the first run, and the
    posts naming the new brand between them were never fetched. Until a run for the new brands ends, each
    --resume fetches all again."""
    fails = [1]
    asked = hn_pool_search(httpserver, hn_kettles(6), fails)
    out = tmp_path / "hn.jsonl"
    args = ("fetch", "hackernews", "kettle", "--api-base", httpserver.url_for(""), "-o", str(out), "--brand", "Acme")
    assert run(*args).exit_code == 6  # (page 2 failed: posts 100 and 99 read, Acme's 100 written)
    assert run(*args, "--resume").exit_code == 0  # (the posts before 100's second: 99 to 95)
    assert [r["post_id"] for r in jsonl(out.read_text())] == ["100", "98", "96"]
    fails.append(1)
    second = run(*args, "--resume", "--brand", "Kettleco")
    assert second.exit_code == 6
    assert sorted(r["post_id"] for r in jsonl(out.read_text())) == ["100", "96", "98", "99"]
    asked.clear()
    third = run(*args, "--resume", "--brand", "Kettleco")
    assert third.exit_code == 0, third.stderr
    assert asked == [None, None, None]
    assert "all are fetched again" in third.stderr
    assert sorted(r["post_id"] for r in jsonl(out.read_text())) == ["100", "95", "96", "97", "98", "99"]


def test_a_cache_folder_that_cannot_be_written_is_said_only_to_a_user_of_resume(httpserver, tmp_path, monkeypatch):
    """The brands of a fetch that ended are noted in the cache folder too: when it cannot be written, a fetch
    without --resume says nothing (nothing it needs is lost), a --resume says what the next one will miss."""
    hn_pool_search(httpserver, hn_kettles(2), [])
    monkeypatch.setenv("BRANDPULSE_CACHE_DIR", str(tmp_path / "taken"))
    (tmp_path / "taken").write_text("a file, not a folder")
    out = tmp_path / "hn.jsonl"
    args = ("fetch", "hackernews", "kettle", "--api-base", httpserver.url_for(""), "-o", str(out))
    first = run(*args)
    assert first.exit_code == 0, first.stderr
    assert "warning" not in first.stderr
    again = run(*args, "--resume")
    assert again.exit_code == 0, again.stderr
    assert (
        "warning: cannot note the brands of this fetch (File exists); the next --resume will not see a brand added "
        "before it"
    ) in " ".join(again.stderr.split())
    assert [r["post_id"] for r in jsonl(out.read_text())] == ["100", "99"]


def tag_timeline(httpserver, pool: list[dict], link: str) -> None:
    """A #acme timeline that ignores max_id: 40 statuses of `pool` a page, newest first, from `?page=N` (its Link
    names the next page so, `link` "page"), or always the newest 40 (`link` "max_id": its Link asks for max_id)."""

    def handler(request):
        at = int(request.args.get("page", 0)) if link == "page" else 0
        below = pool[at * 40 : at * 40 + 40]
        nxt = f"?page={at + 1}" if link == "page" else f"?max_id={below[-1]['id']}"
        headers = {"Link": f'<{httpserver.url_for("/api/v1/timelines/tag/acme")}{nxt}>; rel="next"'} if below else {}
        return Response(json.dumps(below), content_type="application/json", headers=headers)

    httpserver.expect_request("/api/v1/timelines/tag/acme").respond_with_handler(handler)


def test_mastodon_hashtag_on_a_server_that_ignores_max_id_pages_on_by_its_link(httpserver):
    """The jump to --until (max_id at its time) on a server that ignores max_id was answered with page 1 again,
    whose Link was the one already followed: "the API returned a cursor it had already given", exit 6, though the
    server pages by its Link. Told apart as for search: said once, and the timeline is paged on from page 1's Link,
    each page read once."""
    pool = statuses_of(["2024-03-05", "2024-03-04", "2024-03-03"])
    tag_timeline(httpserver, pool, "page")
    result = run("fetch", "mastodon", "#acme", "--server", httpserver.url_for(""), "--until", "2024-03-04T10:40:00.5")
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(result.stdout)] == [s["id"] for s in pool[59:]]
    end = str(snowflake("2024-03-04T10:40:01Z"))
    asked = [(e[0].args.get("max_id"), e[0].args.get("page")) for e in httpserver.log]
    assert asked == [(None, None), (end, None), (None, "1"), (None, "2"), (None, "3")]
    said = " ".join(result.stderr.split())
    assert said.count("warning") == 1
    assert (
        f"warning: mastodon: {httpserver.host}:{httpserver.port} ignored max_id (the hashtag timeline from --until "
        "down began with its newest posts again); paging on through the newer ones"
    ) in said
    assert "mastodon: 120 posts in 4 pages, 59 outside --since/--until dropped, wrote 61" in said


@pytest.mark.parametrize("until", [[], ["--until", "2024-03-04T10:40:00.5"]])
def test_mastodon_hashtag_on_a_server_that_pages_no_further_stops_with_a_warning(httpserver, tmp_path, until):
    """A server that ignores max_id in its own Link too answers every page with its newest posts: they were read
    again ("given again on a later page dropped"), and the fetch failed with "a cursor it had already given"
    (exit 6), though no other way to page exists and --resume gets no further. It stops with the posts it read and
    one warning."""
    pool = statuses_of(["2024-03-05", "2024-03-04"])
    tag_timeline(httpserver, pool, "max_id")
    out = tmp_path / "m.jsonl"
    result = run("fetch", "mastodon", "#acme", "--server", httpserver.url_for(""), "-o", str(out), *until)
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(out.read_text())] == ([s["id"] for s in pool[:40]] if not until else [])
    said = " ".join(result.stderr.split())
    assert said.count("warning") == 1
    assert (
        f"warning: mastodon: {httpserver.host}:{httpserver.port} answered the next page of #acme with the posts it "
        "had already given (it ignores max_id): only its newest 40 posts could be read"
    ) in said
    assert ("mastodon: 40 posts in 1 page, 40 outside --since/--until dropped" if until else "wrote 40") in said


def test_mastodon_hashtag_that_pages_no_further_after_one_post_says_post(httpserver):
    """A timeline of one status whose Link page is that status again (as a local test server answered) said
    "only its newest 1 posts could be read"."""
    tag_timeline(httpserver, statuses_of(["2024-03-05"])[:1], "max_id")
    result = run("fetch", "mastodon", "#acme", "--server", httpserver.url_for(""))
    assert result.exit_code == 0, result.stderr
    assert "it ignores max_id): only its newest 1 post could be read" in " ".join(result.stderr.split())


def test_limit_with_a_lang_query_detects_each_post_language_once(httpserver, tmp_path, monkeypatch):
    """`--limit` with a brand query reading `lang:` detected every post's language twice: on each page, to count
    the posts to be written, then again for all of them at the end (and validated each page twice). The pages as
    --limit checked them are kept: 3 posts, 3 texts detected."""
    from brandpulse.enrich import language

    detected = []

    def counting(texts, *args, **kwargs):
        detected.extend(texts)
        return real(texts, *args, **kwargs)

    real = language.detect
    monkeypatch.setattr(language, "detect", counting)
    hn_pool_search(httpserver, hn_kettles(6), [], per_page=2)
    config = tmp_path / "c.toml"
    config.write_text('[brands.Acme]\nquery = "acme AND lang:en"\n')
    args = ("fetch", "hackernews", "kettle", "--api-base", httpserver.url_for(""), "-c", str(config))
    result = run(*args, "--limit", "2")
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(result.stdout)] == ["100", "98"]
    # pages 1 and 2 (posts 100 to 97), each once: not again for the 3 posts up to the one that made the count
    assert detected == [
        "Acme kettle number 100",
        "Kettleco kettle number 99",
        "Acme kettle number 98",
        "Kettleco kettle number 97",
    ]
    assert "hackernews: 3 posts in 2 pages, 1 mentioning no configured brand dropped" in result.stderr


def test_limit_writes_the_rejects_up_to_the_post_that_made_the_count(httpserver, tmp_path):
    """--limit keeps each page as it counted it: the rejects of the items before the post that made the count are
    written with their page and item, those after it (not read for the output) are not."""
    pool = hn_kettles(4)
    pages = [[pool[0], "not a hit"], [dict(pool[1], created_at="never", created_at_i=None), pool[2], 7, pool[3]]]

    def handler(request):
        page = int(request.args["page"])
        return Response(json.dumps({"hits": pages[page], "nbPages": 2, "page": page}))

    httpserver.expect_request("/api/v1/search_by_date").respond_with_handler(handler)
    rejects = tmp_path / "rejects.csv"
    args = ("fetch", "hackernews", "kettle", "--api-base", httpserver.url_for(""), "--rejects", str(rejects))
    result = run(*args, "--limit", "2")
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(result.stdout)] == ["100", "98"]
    saved = pd.read_csv(rejects)
    assert saved["position"].tolist() == ["page 1 item 2", "page 2 item 1"]
    assert saved["reason"].tolist() == ['not an object: "not a hit"', "bad created_at 'never'"]
    assert f"hackernews: 4 posts in 2 pages, 2 rejected (in {rejects}), wrote 2" in result.stderr


@pytest.mark.parametrize(
    ("before", "after"), [([], ["Acme"]), (["Acme", "Kettleco"], ["Kettleco"])], ids=["first brand", "one removed"]
)
def test_resume_with_brands_that_miss_no_post_of_the_last_run_goes_on_as_before(httpserver, tmp_path, before, after):
    """A first brand (the last run kept all posts) or a brand removed (it kept more posts than are wanted now):
    the posts written miss none of the brands now, so --resume fetches only the older posts, without fetching all
    again (an API's quota spent on posts already there)."""
    asked = hn_pool_search(httpserver, hn_kettles(6), [2])  # (page 3 fails: the run stops before its end)
    out = tmp_path / "hn.jsonl"
    args = ("fetch", "hackernews", "kettle", "--api-base", httpserver.url_for(""), "-o", str(out))
    assert run(*args, *(a for b in before for a in ("--brand", b))).exit_code == 6
    asked.clear()
    again = run(*args, "--resume", *(a for b in after for a in ("--brand", b)))
    assert again.exit_code == 0, again.stderr
    assert asked == [f"created_at_i<{1704164400 - 3600 * 3 + 1}"] * 2  # (97 again, of that same second, and 96, 95)
    assert f"resuming: 4 posts already in {out}, fetching those before 2024-01-02 00:00:01Z" in again.stderr


def test_resume_with_a_since_after_the_oldest_post_written_asks_for_nothing(httpserver, tmp_path):
    """`--resume --since` later than the oldest post already written (a --since moved on, `--since today` the day
    after): the window before that post ends before it starts. X was sent a start_time after the end_time, which
    it refuses (HTTP 400), and the fetch failed (exit 6) though nothing was wrong. Nothing older is in the window:
    nothing is asked for, a note says so."""

    def search(request):  # (X refuses a start_time that is not before the end_time)
        start, end = request.args.get("start_time"), request.args.get("end_time")
        if start and end and pd.Timestamp(start) >= pd.Timestamp(end):
            body = {
                "errors": [{"parameters": {"start_time": [start]}, "message": "'start_time' must be before 'end_time'"}]
            }
            return Response(
                json.dumps(body | {"title": "Invalid Request"}), status=400, content_type="application/json"
            )
        return Response(json.dumps(fixture("x_v2_page.json")), content_type="application/json")

    httpserver.expect_request("/2/tweets/search/recent").respond_with_handler(search)
    env = {"BRANDPULSE_X_BEARER_TOKEN": SECRET}
    out = tmp_path / "x.jsonl"
    args = ("fetch", "x", "acme", "--api-base", httpserver.url_for(""), "-o", str(out))
    assert run(*args, "--limit", "1", env=env).exit_code == 0  # (stopped by --limit: not at its end)
    written = out.read_text()
    httpserver.clear_log()
    again = run(*args, "--resume", "--since", "2024-05-13T09:30:00", env=env)
    assert again.exit_code == 0, again.stderr
    assert len(httpserver.log) == 0
    assert (
        f"resuming: 1 post already in {out}; --since is after the oldest of them (2024-05-13 09:15:00Z): nothing "
        "older to fetch"
    ) in " ".join(again.stderr.split())
    assert "x: 0 posts in 0 pages, wrote 1" in again.stderr
    assert out.read_text() == written


def test_a_fetch_into_a_file_removes_the_notes_not_written_for_90_days(httpserver, tmp_path):
    """Every fetch into -o FILE notes it in the cache folder, one note per output: a cron job writing a new dated
    file each day added one a day for ever. Writing a note removes those not written for 90 days (their outputs
    fetched into no more), and leaves the newer ones, and the cache folder's other files, as they were."""
    hn_pool_search(httpserver, hn_kettles(2), [])
    cache = tmp_path / "cache"
    cache.mkdir()
    now = time.time()
    ages = {"resume-0123456789abcdef.json": 91, "resume-fedcba9876543210.json": 89}
    ages |= {"resume-00000000000000aa.json.tmp": 91, "bluesky-session-1234.json": 400}
    for name, days in ages.items():
        (cache / name).write_text("{}")
        os.utime(cache / name, (now - days * 86_400, now - days * 86_400))
    out = tmp_path / "hn-2026-12-05.jsonl"
    result = run("fetch", "hackernews", "kettle", "--api-base", httpserver.url_for(""), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    (note,) = (p.name for p in cache.iterdir() if p.name not in ages)
    assert note.startswith("resume-")
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        ["bluesky-session-1234.json", "resume-fedcba9876543210.json", note]
    )


def test_a_notes_temporary_file_left_by_a_killed_run_is_removed_by_the_next(httpserver, tmp_path):
    """A fetch killed (SIGKILL, the OOM killer) while it wrote its --resume note left the note's temporary file in the
    cache folder, kept for 90 days. The next fetch into a file removes those older than an hour (one is written in
    milliseconds: a younger one may be another run's, being written), as left by this version or an earlier one."""
    hn_pool_search(httpserver, hn_kettles(2), [])
    cache = tmp_path / "cache"
    cache.mkdir()
    now = time.time()
    ages = {".resume-0123456789abcdef.json.k3x9q1zp.tmp": 2, "resume-00000000000000aa.json.tmp": 2}
    ages |= {".resume-fedcba9876543210.json.a8b7c6d5.tmp": 0.1}
    for name, hours in ages.items():
        (cache / name).write_text('{"run": ')
        os.utime(cache / name, (now - hours * 3600, now - hours * 3600))
    out = tmp_path / "hn.jsonl"
    result = run("fetch", "hackernews", "kettle", "--api-base", httpserver.url_for(""), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    (note,) = cache.glob("resume-*.json")
    assert sorted(p.name for p in cache.iterdir()) == sorted([".resume-fedcba9876543210.json.a8b7c6d5.tmp", note.name])
    assert json.loads(note.read_text())["cursor"] is None


def test_limit_interrupted_while_a_batch_is_counted_keeps_each_item_once(httpserver, monkeypatch):
    """Ctrl-C (or SIGTERM) while --limit counted a batch, after it was kept and before its items were marked
    counted: the batch was counted again at the end and kept twice, and with brands configured the fetch failed
    with a traceback ("cannot reindex on an axis with duplicate labels"), the posts fetched lost. Each item is
    kept and counted once."""
    from brandpulse import config, pipeline
    from brandpulse.fetch import fetch
    from brandpulse.fetch.paging import Request

    pool = hn_kettles(4)
    pages = [[pool[0], "not a hit"], [pool[1], pool[2]]]

    def handler(request):
        page = int(request.args["page"])
        return Response(json.dumps({"hits": pages[page], "nbPages": 3, "page": page}))

    httpserver.expect_request("/api/v1/search_by_date").respond_with_handler(handler)
    real, calls = pipeline.post_keys, []

    def signalled(df):  # (the signal, at the one moment it did harm: the batch's posts being keyed)
        calls.append(len(df))
        if len(calls) == 1:
            raise KeyboardInterrupt
        return real(df)

    monkeypatch.setattr(pipeline, "post_keys", signalled)
    brands = [config.parse_brand_option(b) for b in ("Acme", "Kettleco")]
    result = fetch("hackernews", Request("kettle", limit=4, api_base=httpserver.url_for("")), brands=brands)
    assert isinstance(result.interrupted, KeyboardInterrupt)
    assert result.posts["post_id"].tolist() == ["100", "99", "98"]
    assert result.repeated == 0
    assert result.rejects["position"].tolist() == ["page 1 item 2"]


def test_reddit_place_refused_after_a_fetch_of_all_again_reads_all_again(httpserver, tmp_path):
    """A brand added, the --resume fetching all again stopped at page 2 and kept its place; the next --resume's
    place was refused (its post removed since): it read from the newest posts before the oldest written, by the
    first run, and the posts naming the new brand on page 2 were never fetched, with no word of it. After such a
    place the search is read again from the newest, to its end (duplicates dropped)."""
    pool = reddit_posts(150)
    for i, post in enumerate(pool):  # every third post names Kettleco, the others Acme
        post.update(title=f"{'Kettleco' if i % 3 == 0 else 'Acme'} kettle", selftext="")
    page_2 = ["listed", "down", "removed"]  # (how page 2, after t3_p99, is answered each time; then listed)

    def search(request):
        after = request.args.get("after")
        how = page_2.pop(0) if after == "t3_p99" and page_2 else "listed"
        if how == "down":
            return Response("down", status=404)
        children = [{"kind": "t3", "data": p} for p in pool[100:]] if after == "t3_p99" else []
        children = children if how == "listed" or after is None else []
        children = [{"kind": "t3", "data": p} for p in pool[:100]] if after is None else children
        nxt = "t3_p99" if after is None else None
        return Response(json.dumps({"kind": "Listing", "data": {"after": nxt, "children": children}}))

    args, env, out = reddit_searched_by(search, httpserver, tmp_path)
    args = (*args, "--brand", "Acme")
    assert run(*args, env=env).exit_code == 0  # (Acme's 100 posts, p1 to p149)
    assert run(*args, "--resume", "--brand", "Kettleco", env=env).exit_code == 6  # (page 2 down: p0 to p99 read)
    assert len(jsonl(out.read_text())) == 134  # (Kettleco's p102 to p147 missing)
    httpserver.clear_log()
    third = run(*args, "--resume", "--brand", "Kettleco", env=env)
    assert third.exit_code == 0, third.stderr
    assert [e[0].args.get("after") for e in httpserver.log if e[0].path == "/search"] == ["t3_p99", None, "t3_p99"]
    said = " ".join(third.stderr.split())
    assert (
        "warning: reddit: the API refused the place the last run stopped at (nothing listed after t3_p99: its post "
        "removed since?); reading again from the newest posts reddit:"  # (not "before" the oldest: it is no bound)
    ) in said
    assert sorted(r["post_id"] for r in jsonl(out.read_text())) == sorted(f"t3_p{i}" for i in range(150))


def test_resume_with_a_brand_added_and_since_moved_on_fetches_all_again(httpserver, tmp_path):
    """The brands of the last run were read only for the same fetch, --since and --until included: a --resume
    with a --since moved on (a cron job's) and a brand added fetched only the posts older than the oldest written,
    and the newer posts naming the new brand were never fetched. The brands are read for the same file whatever
    the options (a place in the API's pages only for the same fetch)."""
    asked = hn_pool_search(httpserver, hn_kettles(6), [])
    out = tmp_path / "hn.jsonl"
    args = ("fetch", "hackernews", "kettle", "--api-base", httpserver.url_for(""), "-o", str(out), "--brand", "Acme")
    assert run(*args).exit_code == 0
    asked.clear()
    again = run(*args, "--resume", "--brand", "Kettleco", "--since", "2024-01-01T20:00:00")
    assert again.exit_code == 0, again.stderr
    assert asked == [f"created_at_i>={1704139200}"] * 3  # (from the newest, inside --since)
    assert "the brands changed since the last run: all are fetched again" in " ".join(again.stderr.split())
    assert sorted(ids(out)) == ["100", "95", "96", "97", "98", "99"]


def test_resume_with_an_exclude_phrase_added_goes_on_and_one_removed_fetches_all_again(httpserver, tmp_path):
    """An exclude phrase added to a brand counted as a brand added: --resume fetched all again (the API's quota
    spent on posts already there), though a phrase only takes posts away. It goes on before the oldest post
    written, the phrase filtering the posts fetched now and a note saying the posts written stay as they were. A
    phrase removed (posts it dropped were never written) still fetches all again."""
    fails = [1]
    asked = hn_pool_search(httpserver, hn_kettles(8), fails)
    out, config = tmp_path / "hn.jsonl", tmp_path / "c.toml"
    config.write_text('[brands.Acme]\nterms = ["Acme"]\n')
    args = ("fetch", "hackernews", "kettle", "--api-base", httpserver.url_for(""), "-o", str(out), "-c", str(config))
    assert run(*args).exit_code == 6  # (page 2 failed: posts 100 and 99 read, Acme's 100 written)
    assert ids(out) == ["100"]
    config.write_text('[brands.Acme]\nterms = ["Acme"]\nexclude = ["acme kettle number 96"]\n')
    asked.clear()
    again = run(*args, "--resume")
    assert again.exit_code == 0, again.stderr
    assert asked == [f"created_at_i<{1704164400 + 1}"] * 4  # (only the posts before 100's second, 99 to 93)
    said = " ".join(again.stderr.split())
    assert "all are fetched again" not in said
    assert (
        "resuming: exclude phrases added since the last run (Acme) filter the posts fetched now; the posts already "
        f"in {out} stay as they were (`brandpulse analyze` applies the phrases to them)"
    ) in said
    assert ids(out) == ["100", "98", "94"]  # (96 excluded)
    config.write_text('[brands.Acme]\nterms = ["Acme"]\n')  # (the phrase removed: 96 was dropped, and is wanted)
    asked.clear()
    third = run(*args, "--resume")
    assert third.exit_code == 0, third.stderr
    assert asked == [None] * 4  # (from the newest)
    assert "the brands changed since the last run: all are fetched again" in " ".join(third.stderr.split())
    assert ids(out) == ["100", "98", "94", "96"]


def test_resume_with_an_exclude_phrase_added_after_a_note_of_stop_33_fetches_all_again(httpserver, tmp_path):
    """A note of stop 33 has each brand's words with its exclude phrases in one hash: which changed is not known,
    so an exclude phrase added fetches all again, as it did."""
    asked = hn_pool_search(httpserver, hn_kettles(4), [])
    out, config = tmp_path / "hn.jsonl", tmp_path / "c.toml"
    config.write_text('[brands.Acme]\nterms = ["Acme"]\n')
    args = ("fetch", "hackernews", "kettle", "--api-base", httpserver.url_for(""), "-o", str(out), "-c", str(config))
    assert run(*args).exit_code == 0
    (note,) = (tmp_path / "cache").glob("resume-*.json")
    note.write_text(json.dumps({k: v for k, v in json.loads(note.read_text()).items() if k != "words"}))
    config.write_text('[brands.Acme]\nterms = ["Acme"]\nexclude = ["acme kettle number 98"]\n')
    asked.clear()
    again = run(*args, "--resume")
    assert again.exit_code == 0, again.stderr
    assert asked == [None, None]
    assert "the brands changed since the last run: all are fetched again" in " ".join(again.stderr.split())


def test_a_missing_token_is_said_also_when_the_window_asks_for_nothing(httpserver, tmp_path):
    """A cron job's `--resume --since` after the oldest post written asks for nothing: the missing credential was
    not checked, exit 0, and the job stayed silent until a window had posts to fetch. It is checked first, before
    any request (exit 6, naming the variable); a Mastodon hashtag timeline, which needs no token, still needs none."""
    httpserver.expect_request("/2/tweets/search/recent").respond_with_json(fixture("x_v2_page.json"))
    out = tmp_path / "x.jsonl"
    args = ("fetch", "x", "acme", "--api-base", httpserver.url_for(""), "-o", str(out))
    assert run(*args, env={"BRANDPULSE_X_BEARER_TOKEN": SECRET}).exit_code == 0
    written = out.read_text()
    httpserver.clear_log()
    again = run(*args, "--resume", "--since", "2024-05-13T09:30:00")
    assert again.exit_code == 6, again.stderr
    assert again.stderr.splitlines()[-1] == (
        "brandpulse: error: x: recent search needs BRANDPULSE_X_BEARER_TOKEN (or x_bearer_token in the config's "
        "[credentials])"
    )
    assert len(httpserver.log) == 0 and out.read_text() == written
    tag = tmp_path / "m.jsonl"
    tag.write_text(json.dumps({"post_id": "1", "platform": "mastodon", "text": "acme", "created_at": "2024-03-01"}))
    margs = ("fetch", "mastodon", "#acme", "--server", httpserver.url_for(""), "-o", str(tag), "--resume")
    tagged = run(*margs, "--since", "2024-03-02")
    assert tagged.exit_code == 0, tagged.stderr
    assert "nothing older to fetch" in " ".join(tagged.stderr.split()) and len(httpserver.log) == 0


def test_resume_with_a_note_edited_by_hand_reads_its_brands_plainly(httpserver, tmp_path):
    """A note whose brand words were edited by hand, the brand's own entry still there beside one that is no entry
    (`5`), crashed --resume with a TypeError (its entries were read as pairs once the brand was found): an entry
    that is none is no brand of the last run, and the fetch goes on before the oldest post written."""
    asked = hn_pool_search(httpserver, hn_kettles(4), [1])  # (page 2 fails: the run stops before its end)
    out, config = tmp_path / "hn.jsonl", tmp_path / "c.toml"
    config.write_text('[brands.Acme]\nterms = ["Acme"]\n')
    args = ("fetch", "hackernews", "kettle", "--api-base", httpserver.url_for(""), "-o", str(out), "-c", str(config))
    assert run(*args).exit_code == 6
    written = ids(out)
    (note,) = (tmp_path / "cache").glob("resume-*.json")
    kept = json.loads(note.read_text())
    note.write_text(json.dumps(kept | {"words": [*kept["words"], 5]}))
    asked.clear()
    again = run(*args, "--resume")
    assert again.exit_code == 0, again.stderr
    assert asked and None not in asked  # (before the oldest post written, not from the newest)
    assert "all are fetched again" not in " ".join(again.stderr.split()) and ids(out) == [*written, "98"]


def test_resume_with_an_exclude_phrase_added_names_the_brand_as_written(httpserver, tmp_path):
    """The note on exclude phrases added named the brands as rich markup: "Acme [eu]" was shown as "Acme " (its
    "[eu]" taken for a style), and a name holding "[/b]" ended the fetch in a MarkupError."""
    hn_pool_search(httpserver, hn_kettles(4), [])
    out, config = tmp_path / "hn.jsonl", tmp_path / "c.toml"
    config.write_text('[brands."Acme [eu]"]\nterms = ["Acme"]\n[brands."[/b]"]\nterms = ["kettle number 9"]\n')
    args = ("fetch", "hackernews", "kettle", "--api-base", httpserver.url_for(""), "-o", str(out), "-c", str(config))
    assert run(*args).exit_code == 0
    config.write_text(
        '[brands."Acme [eu]"]\nterms = ["Acme"]\nexclude = ["acme kettle number 98"]\n'
        '[brands."[/b]"]\nterms = ["kettle number 9"]\nexclude = ["kettle number 99"]\n'
    )
    again = run(*args, "--resume")
    assert again.exit_code == 0, again.stderr
    said = " ".join(again.stderr.split())
    assert "resuming: exclude phrases added since the last run (Acme [eu], [/b]) filter the posts fetched now" in said


def test_a_fetch_refused_before_any_page_says_the_error_alone(httpserver, tmp_path):
    """A first page answered 404 printed "reddit: 0 posts in 0 pages, 0 mentioning no configured brand dropped
    (API near-misses)" before the error: nothing was fetched, so the error is the only line."""
    (tmp_path / "brandpulse.toml").write_text('[brands.Acme]\nterms = ["Acme"]\n')
    httpserver.expect_request("/api/v1/access_token", method="POST").respond_with_json({"access_token": "token-1"})
    httpserver.expect_request("/search").respond_with_data("gone", status=404)
    env = {"BRANDPULSE_REDDIT_CLIENT_ID": "cid", "BRANDPULSE_REDDIT_CLIENT_SECRET": SECRET}
    result = run("fetch", "reddit", "acme", "--api-base", httpserver.url_for(""), env=env)
    assert (result.exit_code, result.stdout) == (6, "")
    assert result.stderr == f"brandpulse: error: reddit: HTTP 404 from localhost:{httpserver.port}\n"


def test_rejects_are_in_the_order_of_their_items(httpserver, tmp_path):
    """Items that are not objects were listed before the records of bad values, whatever their place: the rejects
    file of a fetch jumped about its pages, where a file's rejects are in its line order."""
    page = fixture("hackernews_algolia.json") | {"nbPages": 1, "page": 0}
    late = dict(page["hits"][0], objectID="71", created_at="never", created_at_i=None)
    page["hits"] = [late, page["hits"][0], 5, dict(late, objectID="72"), None, page["hits"][1]]
    httpserver.expect_request("/api/v1/search_by_date").respond_with_json(page)
    out = tmp_path / "rejects.csv"
    result = run("fetch", "hackernews", "acme", "--api-base", httpserver.url_for(""), "--rejects", str(out))
    assert result.exit_code == 0, result.stderr
    rejects = pd.read_csv(out)
    assert rejects[["position", "reason"]].values.tolist() == [
        ["page 1 item 1", "bad created_at 'never'"],
        ["page 1 item 3", "not an object: 5"],
        ["page 1 item 4", "bad created_at 'never'"],
        ["page 1 item 5", "not an object: null"],
    ]


def test_fetch_resume_without_a_window_keeps_posts_without_a_time(httpserver, tmp_path):
    """`fetch --resume` without --since/--until dropped a new feed entry without a date, and said "1 without a time
    dropped (not placed in --since/--until)", options never given: the window was --resume's end alone. Such an
    entry is kept (one written before is dropped as a duplicate), and the posts --resume's end leaves out are
    said to be left out by it."""

    def entry(n: int, date: str) -> str:
        when = f"<pubDate>{date} GMT</pubDate>" if date else ""
        return f"<item><title>Skyway {n}</title><link>https://blog.example.com/{n}</link>{when}</item>"

    first = [(1, "Mon, 03 Jun 2024 10:00:00"), (2, "Mon, 20 May 2024 10:00:00"), (3, "")]
    then = [(4, ""), *first, (5, "Fri, 10 May 2024 10:00:00")]  # (a new entry without a date, and an older one)
    feeds = [first, then]

    def handler(request):
        items = "".join(entry(n, date) for n, date in feeds.pop(0))
        feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>b</title>{items}</channel></rss>'
        return Response(feed, content_type="application/rss+xml")

    httpserver.expect_request("/feed").respond_with_handler(handler)
    out = tmp_path / "out.jsonl"
    args = ("fetch", "rss", httpserver.url_for("/feed"), "-o", str(out))
    assert run(*args, "--limit", "2").exit_code == 0  # (stopped by --limit: not at its end)
    again = run(*args, "--resume")
    assert again.exit_code == 0, again.stderr
    assert [p["text"] for p in jsonl(out.read_text())] == [f"Skyway {n}" for n in (1, 2, 4, 3, 5)]
    assert again.stderr.splitlines()[-1] == (
        "rss: 5 posts in 1 page, 1 not before 2024-05-20 10:00:01Z (--resume: the posts before the oldest already "
        "written) dropped, wrote 5"
    )


def test_since_and_until_are_read_in_the_configs_zone_as_every_other_commands(httpserver, tmp_path):
    """`fetch --since/--until` were read in UTC while `report`, `alerts`, `queue` and `analyze` read dates in the
    config's `[report] timezone`: a New York cron job's `fetch --since 2024-01-01T17:00` asked for the posts from
    17:00 UTC, five hours before its report's. They are read in --tz, else the config's zone, unless they name a zone
    (`Z`); the API is asked in UTC, and --resume goes on before the oldest post written in the same window."""
    asked = hn_pool_search(httpserver, hn_kettles(8), fails=[1])  # (posts 100 .. 93, 03:00Z .. 20:00Z, hourly down)
    config, out = tmp_path / "c.toml", tmp_path / "hn.jsonl"
    config.write_text('[report]\ntimezone = "America/New_York"\n')
    window = ("--since", "2024-01-01T17:00", "--until", "2024-01-01T22:00")  # (New York: 22:00Z .. 03:00Z)
    args = ("fetch", "hackernews", "kettle", "--api-base", httpserver.url_for(""), "-c", str(config), *window)
    first = run(*args, "-o", str(out))
    assert first.exit_code == 6, first.stderr  # (page 2 failed: 99 and 98 written)
    assert asked[0] == f"created_at_i>={1704146400},created_at_i<{1704164400}"
    assert ids(out) == ["99", "98"]
    asked.clear()
    again = run(*args, "-o", str(out), "--resume")
    assert again.exit_code == 0, again.stderr
    # before the oldest written (98, 01:00Z), still from 22:00Z
    assert set(asked) == {f"created_at_i>={1704146400},created_at_i<{1704157200 + 1}"}
    assert "fetching those before 2024-01-02 01:00:01Z" in " ".join(again.stderr.split())
    assert sorted(ids(out)) == ["95", "96", "97", "98", "99"]
    # a date naming its zone is read in it, and --tz overrides the config
    for given in (("--since", "2024-01-01T22:00Z"), ("--tz", "UTC", "--since", "2024-01-01T22:00")):
        asked.clear()
        assert (
            run(
                "fetch", "hackernews", "kettle", "--api-base", httpserver.url_for(""), "-c", str(config), *given
            ).exit_code
            == 0
        )
        assert asked[0] == f"created_at_i>={1704146400}"


def test_steam_reviews_are_fetched_newest_first_each_with_its_page(httpserver):
    """Steam reviews had no url (a saved page names no app); `fetch steam APPID` knows the app: each review links to
    its page, the writer's profile and the app. Paging follows `cursor` and stops at the page reaching --since."""
    page = fixture("steam_reviews.json")
    first = page["reviews"][0]  # (76561198012345678, 1796158800 = 2026-12-01 21:00 UTC)
    newer = dict(first, recommendationid="1", timestamp_created=1796245200, author={"steamid": "765611980000000"})
    older = dict(first, recommendationid="2", timestamp_created=1795000000)  # 2026-11-17, before --since
    oldest = dict(first, recommendationid="3", timestamp_created=1794000000)
    pages = {"*": [newer, first], "AAA=": [older], "BBB=": [oldest]}
    cursors = {"*": "AAA=", "AAA=": "BBB=", "BBB=": "BBB="}
    asked = []

    def handler(request):
        asked.append(request.args["cursor"])
        assert (request.args["filter"], request.args["language"], request.args["json"]) == ("recent", "all", "1")
        at = request.args["cursor"]
        body = {"success": 1, "query_summary": {"num_reviews": 1}, "reviews": pages[at], "cursor": cursors[at]}
        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request("/appreviews/1091500").respond_with_handler(handler)
    result = run("fetch", "steam", "1091500", "--api-base", httpserver.url_for(""), "--since", "2026-11-20")
    assert result.exit_code == 0, result.stderr
    assert asked == ["*", "AAA="]  # (not the third page: the second reached before --since)
    rows = jsonl(result.stdout)
    assert [(r["post_id"], r["platform"]) for r in rows] == [("1", "steam"), ("170554321", "steam")]
    assert [r["url"] for r in rows] == [
        "https://steamcommunity.com/profiles/765611980000000/recommended/1091500/",
        "https://steamcommunity.com/profiles/76561198012345678/recommended/1091500/",
    ]


def test_steam_ends_at_the_page_of_no_reviews_and_says_an_unknown_app(httpserver):
    page = fixture("steam_reviews.json")
    answers = {
        "*": dict(page, reviews=page["reviews"][:1], cursor="AAA="),
        "AAA=": dict(page, reviews=[], cursor="AAA="),
    }
    httpserver.expect_request("/appreviews/10").respond_with_handler(
        lambda request: Response(json.dumps(answers[request.args["cursor"]]), content_type="application/json")
    )
    result = run("fetch", "steam", "10", "--api-base", httpserver.url_for(""))
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(result.stdout)] == ["170554321"]
    # an app id Steam does not know: `{"success": 2}`, a fault, not "no reviews"
    httpserver.expect_request("/appreviews/11").respond_with_json({"success": 2})
    result = run("fetch", "steam", "11", "--api-base", httpserver.url_for(""))
    assert result.exit_code == 6
    assert "steam: Steam has no reviews of app 11 (success: 2)" in result.stderr
    # a game's name is no app id: a usage error before any request
    result = run("fetch", "steam", "Cyberpunk 2077", "--api-base", httpserver.url_for(""))
    assert result.exit_code == 2
    assert "steam: QUERY is the game's app id" in result.stderr


def test_fetched_quotes_are_counted_in_reposts(httpserver):
    """`fetch x` wrote reposts 4 for a tweet of 4 retweets and 3 quotes: the quotes were dropped from engagement."""
    page = x_page(["101"], None)
    page["data"][0]["public_metrics"] = {"retweet_count": 4, "reply_count": 1, "like_count": 27, "quote_count": 3}
    httpserver.expect_request("/2/tweets/search/recent").respond_with_json(page)
    result = fetch_x(httpserver)
    assert result.exit_code == 0, result.stderr
    (row,) = jsonl(result.stdout)
    assert (row["likes"], row["reposts"], row["replies"]) == (27, 7, 1)


def steam_review(rid: str, when: int, text: str, **more) -> dict:
    """A review as Steam's `appreviews` gives it (the keys of a real answer, values made up)."""
    author = {"steamid": f"7656119800000{rid}", "num_games_owned": 12, "num_reviews": 3, "playtime_forever": 900}
    return {
        "recommendationid": rid,
        "author": author | {"playtime_last_two_weeks": 0, "playtime_at_review": 880, "last_played": when},
        "language": "english",
        "review": text,
        "timestamp_created": when,
        "timestamp_updated": when,
        "voted_up": True,
        "votes_up": 3,
        "votes_funny": 0,
        "weighted_vote_score": "0.52",
        "comment_count": 1,
        "steam_purchase": True,
        "received_for_free": False,
        "written_during_early_access": False,
    } | more


def steam_pages(httpserver, app: str, pages: dict[str, tuple[list, str]], fail: dict[str, Response] | None = None):
    """`/appreviews/APP` answering each cursor asked with its reviews and the next cursor (`pages`), or its
    `fail` answer; the cursors asked, as the server read them."""
    asked = []

    def handler(request):
        at = request.args["cursor"]
        asked.append(at)
        if fail and at in fail:
            return fail[at]
        reviews, cursor = pages[at]
        summary = {"num_reviews": len(reviews)} | ({"total_reviews": 4} if at == "*" else {})
        body = {"success": 1, "query_summary": summary, "reviews": reviews, "cursor": cursor}
        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request(f"/appreviews/{app}").respond_with_handler(handler)
    return asked


def test_steam_pages_by_cursor_to_the_page_that_gives_its_cursor_back(httpserver, tmp_path):
    """Steam's cursors hold `+`, `/` and `=`: each is sent back as Steam gave it (a `+` sent unescaped reads as a
    space, and Steam answers page 1 again). The last page has no reviews and gives back the cursor it was asked with.
    A review's developer reply is its `reply` and `replied_at`, as the file readers keep it (fetch dropped it)."""
    answered = {"developer_response": "Fixed in 1.0.4, sorry!", "timestamp_dev_responded": 1796000000}
    pages = {
        "*": ([steam_review("11", 1796245200, "Acme Racer crashes on launch", **answered)], "AoJ4+te/y9=="),
        "AoJ4+te/y9==": ([steam_review("12", 1796158800, "Acme Racer is great fun")], "AoJ5+Zz/Q1=="),
        "AoJ5+Zz/Q1==": ([], "AoJ5+Zz/Q1=="),
    }
    asked = steam_pages(httpserver, "480", pages)
    result = run("fetch", "steam", "480", "--api-base", httpserver.url_for(""), "-o", str(tmp_path / "s.jsonl"))
    assert result.exit_code == 0, result.stderr
    assert asked == ["*", "AoJ4+te/y9==", "AoJ5+Zz/Q1=="]
    rows = jsonl((tmp_path / "s.jsonl").read_text("utf-8"))
    assert [(r["post_id"], r["text"], r["likes"], r["replies"]) for r in rows] == [
        ("11", "Acme Racer crashes on launch", 3, 1),
        ("12", "Acme Racer is great fun", 3, 1),
    ]
    # 1796245200 = 2026-12-02 21:00 UTC; the reply's 1796000000 is 68,116 minutes earlier: 2026-11-30 00:53:20
    assert rows[0]["created_at"] == "2026-12-02T21:00:00Z"
    assert (rows[0]["reply"], rows[0]["replied_at"]) == ("Fixed in 1.0.4, sorry!", "2026-11-30T00:53:20Z")
    assert rows[1]["reply"] is None and rows[1]["replied_at"] is None
    assert "steam: 2 posts in 3 pages" in result.stderr
    # the store keeps the reply, so `queue --store` knows the review was answered
    db = tmp_path / "h.duckdb"
    args = ("fetch", "steam", "480", "--api-base", httpserver.url_for(""), "--brand", "Acme", "--sentiment", "vader")
    stored = run(*args, "--store", str(db))
    assert stored.exit_code == 0, stored.stderr
    kept = store.load_posts(db, columns=["post_id", "reply"]).set_index("post_id")
    assert kept.loc["11", "reply"] == "Fixed in 1.0.4, sorry!" and pd.isna(kept.loc["12", "reply"])


def test_steam_bad_review_is_rejected_with_its_page_and_item_and_the_rest_kept(httpserver, tmp_path):
    pages = {
        "*": ([steam_review("21", 1796245200, "Acme Racer: fine")], "C2"),
        "C2": (
            [steam_review("22", "last tuesday", "Acme Racer lags"), "spam", steam_review("23", 1796000000, "ok")],
            "C3",
        ),
        "C3": ([], "C3"),
    }
    steam_pages(httpserver, "480", pages)
    rejects = tmp_path / "rejects.csv"
    result = run("fetch", "steam", "480", "--api-base", httpserver.url_for(""), "--rejects", str(rejects))
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in jsonl(result.stdout)] == ["21", "23"]
    kept = pd.read_csv(rejects)
    assert kept["position"].tolist() == ["page 2 item 1", "page 2 item 2"]
    assert kept["reason"].tolist() == ["bad created_at 'last tuesday'", 'not an object: "spam"']
    assert json.loads(kept["record"].iloc[0])["post_id"] == "22"
    assert "steam: 4 posts in 3 pages, 2 rejected" in result.stderr


def test_steam_http_error_on_page_2_is_one_line_keeps_page_1_and_shows_no_secret(httpserver, tmp_path):
    """A proxy's login in --api-base (`http://user:SECRET@host`): Steam needs no key, but the address may hold one. An
    error page echoing the request's address and its Basic login shows neither; page 1 is written, exit 6."""
    basic = base64.b64encode(f"user:{SECRET}".encode()).decode()

    def echo(status: int) -> Response:
        return Response(f"<html>denied {SECRET} {basic}</html>", status=status, content_type="text/html")

    asked = steam_pages(
        httpserver, "480", {"*": ([steam_review("31", 1796245200, "Acme Racer")], "C2")}, {"C2": echo(403)}
    )
    base = f"http://user:{SECRET}@127.0.0.1:{httpserver.port}/"
    out = tmp_path / "s.csv"
    result = run("fetch", "steam", "480", "--api-base", base, "-o", str(out), "--raw-csv")
    assert result.exit_code == 6, result.stderr
    assert asked == ["*", "C2"]
    assert pd.read_csv(out, dtype=str)["post_id"].tolist() == ["31"]
    errors = [line for line in result.stderr.splitlines() if line.startswith("brandpulse: error:")]
    assert errors == [
        "brandpulse: error: steam: the server refused the request (HTTP 403); steam takes no credentials: check the "
        "address asked (--api-base, a feed's URL) and any proxy in the way"
    ], result.stderr
    assert "the 1 post fetched before the fault was written" in result.stderr
    for said in (result.stdout, result.stderr, out.read_text("utf-8")):
        assert SECRET not in said and basic not in said


def test_steam_writes_each_reviews_thumb_and_resume_keeps_those_written_before(httpserver, tmp_path):
    """`fetch steam` dropped the thumb (`voted_up`), which a saved page's reader keeps for `analyze --keep voted_up`
    and `evaluate --label-column voted_up`. It is written after the schema's columns, `true` or `false` as `analyze`
    writes it; a --resume rewriting the file keeps those of the rows written before."""
    pages = {
        "*": ([steam_review("41", 1796245200, "Acme Racer crashes", voted_up=False)], "C2"),
        "C2": ([steam_review("42", 1796158800, "Acme Racer is fun")], "C3"),
        "C3": ([], "C3"),
    }
    fail = {"C2": Response("busy", status=403)}
    asked = steam_pages(httpserver, "480", pages, fail)
    out = tmp_path / "s.csv"
    args = ("fetch", "steam", "480", "--api-base", httpserver.url_for(""), "-o", str(out), "--raw-csv")
    first = run(*args)
    assert first.exit_code == 6, first.stderr
    assert pd.read_csv(out, dtype=str)[["post_id", "voted_up"]].values.tolist() == [["41", "false"]]
    fail.clear()
    again = run(*args, "--resume")
    assert again.exit_code == 0, again.stderr
    assert asked == ["*", "C2", "*", "C2", "C3"]
    rows = pd.read_csv(out, dtype=str)
    assert rows[["post_id", "voted_up"]].values.tolist() == [["41", "false"], ["42", "true"]]
    assert list(rows.columns[-3:]) == ["parent_id", "rating", "voted_up"]
    labelled = run("evaluate", str(out), "--label-column", "voted_up", "--label-map", "true=positive,false=negative")
    assert labelled.exit_code == 0, labelled.stderr
    assert "2 labelled posts" in labelled.stdout + labelled.stderr
