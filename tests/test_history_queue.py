"""The response queue: who is in it, who is not, and the priority formula by hand."""

from __future__ import annotations

import csv as csv_module
import io
import json
import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner
from history_fixtures import a_writer_gets, config, copy_store, enriched, post

from brandpulse import store
from brandpulse.cli import main
from brandpulse.config import load_config
from brandpulse.output.terminal import link
from brandpulse.output.writers import own_header
from brandpulse.report.queue import QUEUE_COLUMNS, priority, response_queue

NOW = pd.Timestamp("2026-11-09T12:00Z")


@pytest.fixture(scope="module")
def posts_store(tmp_path_factory):
    """posts() in a store, once: a test takes its own copy with `copy_store`."""
    db = tmp_path_factory.mktemp("posts") / "h.duckdb"
    store.ingest(db, posts())
    return db


def posts(**extra_cols) -> pd.DataFrame:
    rows = [
        post(1, "2026-11-08T12:00Z", "A", "negative", author="angry", followers=999, likes=9),
        post(2, "2026-11-08T13:00Z", "A", "neutral", author="asker"),  # a question, by text
        post(3, "2026-11-08T14:00Z", "A", "positive", author="fan"),  # praise: not in the queue
        post(4, "2026-11-08T15:00Z", "B", "negative", author="rival_fan"),  # competitor only
        post(5, "2026-11-08T16:00Z", "A", "negative", author="@A_help"),  # the brand itself
        post(6, "2026-11-08T17:00Z", "A", "negative", author="answered"),
        post(7, "2026-11-08T18:00Z", "", "neutral", author="A_help", parent_id="6"),  # the brand's reply to 6
        post(8, "2026-11-01T10:00Z", "A", "negative", author="old"),  # before --since
    ]
    rows[1]["text"] = "does A fly to Lisbon?"
    rows[0]["text"] = "A lost my bag"
    for r in rows:
        r.update({k: v[int(r["post_id"]) - 1] for k, v in extra_cols.items()})
    return enriched(rows)


def queue_table(tmp_path, db, df: pd.DataFrame, columns: int, *extra: str):
    """`queue -f table` at `columns` columns on `df` stored in `db`, brand A with its own handle @A_help."""
    store.ingest(db, df)
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n')
    args = ["queue", "--store", str(db), "-c", str(cfg), "--now", "2026-11-09T12:00", "-f", "table", *extra]
    return CliRunner().invoke(main, args, env={"COLUMNS": str(columns)})


def _queue_csv(*args: str) -> pd.DataFrame:
    """`queue ARGS -f csv`'s rows, its post ids as strings, after checking it exited 0."""
    result = CliRunner().invoke(main, ["queue", *args, "-f", "csv"])
    assert result.exit_code == 0, result.output
    return pd.read_csv(io.StringIO(result.stdout), dtype={"post_id": str})


def test_who_is_in_the_queue():
    df = posts()
    df.loc[df["post_id"] == "1", "sentiment"] = -0.5
    q = response_queue(df, config(), now=NOW, since=pd.Timestamp("2026-11-02", tz="UTC"))
    assert q["post_id"].tolist() == ["1", "2"]
    assert q["reason"].tolist() == ["negative+complaint", "question"]
    assert q["url"].tolist() == ["https://x.com/u/status/1", "https://x.com/u/status/2"]


def test_priority_by_hand():
    df = posts()
    df.loc[df["post_id"] == "1", "sentiment"] = -0.5
    one = df[df["post_id"] == "1"]
    # reach log10(1000)/6 = 0.5; negativity 0.5; engagement log10(10)/4 = 0.25; 24 hours old: recency 0.5
    # 100 * (0.35*0.5 + 0.30*0.5 + 0.20*0.25 + 0.15*0.5) = 45.0
    assert priority(one, NOW).iloc[0] == pytest.approx(45.0)
    # post 2: 0 followers, neutral, no engagement, 23 hours old: 100 * 0.15 * 0.5 ** (23 / 24) = 15 * 0.51465 = 7.7198
    assert priority(df[df["post_id"] == "2"], NOW).iloc[0] == pytest.approx(7.7198, abs=1e-4)
    # a downvoted Reddit comment (score -3): no engagement, not a NaN priority; 45.0 - 100 * 0.20 * 0.25 = 40.0
    one = one.assign(likes=pd.array([-3], dtype="Int64"))
    assert priority(one, NOW).iloc[0] == pytest.approx(40.0)


def test_the_queue_is_sorted_on_the_unrounded_priority_and_ties_by_id():
    """Both read 22.7, and the newer post came first though the older one's priority was higher."""
    rows = [post(1, "2026-11-08T12:00Z", "A", "negative"), post(2, "2026-11-08T13:00Z", "A", "negative")]
    rows += [post(4, "2026-11-08T14:00Z", "A", "negative"), post(3, "2026-11-08T14:00Z", "A", "negative")]
    df = enriched(rows)
    # 24 hours old: 30 * 0.508 + 15 * 0.5 = 22.74; 23 hours old: 30 * 0.5 + 15 * 0.5 ** (23 / 24) = 22.72
    df["sentiment"] = [-0.508, -0.5, -0.9, -0.9]
    q = response_queue(df, config(), now=NOW)
    assert q["post_id"].tolist() == ["3", "4", "1", "2"]  # 3 and 4 tie in all: by id, not by input order
    assert q["priority"].tolist() == [q["priority"][0], q["priority"][0], 22.7, 22.7]


def test_intent_column_wins_over_the_text_rule():
    intents = ["", "", "complaint", "", "", "", "", ""]  # the praise post classified as a complaint
    df = posts(intent=intents)
    df["intent"] = df["intent"].replace("", None)
    q = response_queue(df, config(), now=NOW, since=pd.Timestamp("2026-11-02", tz="UTC"))
    assert q["post_id"].tolist() == ["1", "3"]  # 2 has a question mark but no intent: out
    assert q["reason"].tolist() == ["negative", "complaint"]


def test_a_suggestion_that_is_a_complaint_too_is_queued_as_one():
    """Post 3 (positive, not queued by its sentiment) is tagged a suggestion first and a complaint too (`intents`):
    queued, as a complaint; post 2's suggestion alone (its question the request's form) is not; nor is post 3 with its
    `intent` alone (a frame of analyze before `intents`)."""
    tagged = ["", "suggestion", "suggestion", "", "", "", "", ""]
    every = ["", "suggestion", "suggestion;complaint", "", "", "", "", ""]
    df = posts(intent=tagged, intents=every)
    df["intent"], df["intents"] = df["intent"].replace("", None), df["intents"].replace("", None)
    q = response_queue(df, config(), now=NOW, since=pd.Timestamp("2026-11-02", tz="UTC"))
    assert q["post_id"].tolist() == ["1", "3"]
    assert q["reason"].tolist() == ["negative", "complaint"] and q["intent"].tolist()[1] == "suggestion"
    q = response_queue(df.drop(columns="intents"), config(), now=NOW, since=pd.Timestamp("2026-11-02", tz="UTC"))
    assert q["post_id"].tolist() == ["1"]


def test_without_an_intent_column_a_cp1252_exports_lost_emoji_ask_nothing():
    """Without an intent column (a store of schema version 1, a frame of one's own) any "?" was a question: "A, great
    flight ??", what a cp1252 export leaves of "great flight 😍", was queued to answer. A run of "?" after a space or
    right before a letter is lost emoji now, as for the built-in question rule; a "?" ending a word, a lone one after a
    space, and a run after a question word still ask."""
    texts = {
        1: "A, great flight ??",
        2: "A crew was lovely ?? see you soon",
        3: "best day with A??Home now",
        4: "does A fly to Lisbon??",
        5: "A, is it open ??",
        6: "A c'est ouvert ?",
        7: "A lounge open? anyone",
        8: "quick question for A ??",
    }
    rows = [post(i, "2026-11-08T12:00Z", "A", "neutral", text=t) for i, t in texts.items()]
    q = response_queue(enriched(rows), config(), now=NOW)
    assert sorted(q["post_id"].tolist()) == ["4", "5", "6", "7", "8"]
    assert set(q["reason"]) == {"question"}


def test_queue_cli_csv_from_store(tmp_path, posts_store):
    db = tmp_path / "h.duckdb"
    copy_store(posts_store, tmp_path)
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n[brands.B]\nterms = ["B"]\ncompetitor = true\n')
    out = tmp_path / "queue.csv"
    result = CliRunner().invoke(
        main, ["queue", "--store", str(db), "-c", str(cfg), "--now", "2026-11-09T12:00", "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    q = pd.read_csv(out, dtype={"post_id": str})
    assert q["post_id"].tolist() == ["1", "2"]
    assert list(q.columns[:2]) == ["priority", "reason"] and "url" in q.columns
    assert "2 posts to answer since 2026-11-02 12:00 UTC" in result.stderr


def test_a_brands_mastodon_outbox_reply_answers_the_post(tmp_path):
    """A brand's replies from its Mastodon account export (`outbox.json`) named the post replied to by its URI, which no
    post's id is: `queue` listed every post the brand had answered there. Its reply to status 7 answers the API's
    status 7 now; status 8, unanswered (the brand's other reply is to status 9), stays."""

    def status(i, text):
        return {
            "id": str(i),
            "created_at": f"2026-11-08T1{i - 6}:00:00Z",
            "in_reply_to_id": None,
            "url": f"https://social.example/@bob/{i}",
            "content": f"<p>{text}</p>",
            "reblogs_count": 0,
            "favourites_count": 0,
            "replies_count": 1,
            "account": {"acct": "bob", "url": "https://social.example/@bob", "followers_count": 10},
        }

    def reply(i, to):
        note = {
            "id": f"https://social.example/users/SkywayAir/statuses/{i}",
            "type": "Note",
            "published": "2026-11-09T08:00:00Z",
            "attributedTo": "https://social.example/users/SkywayAir",
            "inReplyTo": f"https://social.example/users/bob/statuses/{to}",
            "content": "<p>Sorry to hear that, please DM us</p>",
        }
        return {"id": note["id"] + "/activity", "type": "Create", "actor": note["attributedTo"], "object": note}

    mentions = tmp_path / "mentions.json"
    mentions.write_text(json.dumps([status(7, "Skyway lost my bag"), status(8, "Skyway cancelled my flight")]))
    outbox = tmp_path / "outbox.json"
    outbox.write_text(json.dumps({"type": "OrderedCollection", "orderedItems": [reply(100, 7), reply(101, 9)]}))
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.Skyway]\nterms = ["Skyway"]\nhandles = ["@SkywayAir@social.example"]\n')
    q = _queue_csv(str(mentions), str(outbox), "-c", str(cfg), "--until", "2026-11-09T12:00", "-q")
    assert q[["post_id", "author", "text"]].values.tolist() == [
        ["8", "bob@social.example", "Skyway cancelled my flight"]
    ]


def test_queue_table_shows_hostile_posts_without_their_control_sequences(tmp_path):
    db = tmp_path / "h.duckdb"
    df = posts()
    df.loc[0, "author"] = "evil\x1b[5m"
    df.loc[0, "text"] = "A lost \x1b]0;PWNED\x1b\\ [red]my[/red] \x9b2Jbag"
    store.ingest(db, df)
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n')
    args = ["queue", "--store", str(db), "-c", str(cfg), "--now", "2026-11-09T12:00", "-f", "table"]
    result = CliRunner().invoke(main, args, env={"COLUMNS": "300"})  # (no folding in the cells)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out and not any("\x80" <= c <= "\x9f" for c in out)
    for shown in ("evil\ufffd[5m", "\ufffd]0;PWNED\ufffd\\", "[red]my[/red]", "\ufffd2Jbag"):
        assert shown in out  # the rest of the text is shown, markup as text


def test_queue_table_links_are_clickable_however_folded_and_only_web_links(tmp_path):
    """A folded URL in the queue table could be neither clicked nor copied whole. On a terminal each is an
    OSC 8 hyperlink to the whole URL; a post's `file:` URL (or one holding a control) stays plain text."""
    db = tmp_path / "h.duckdb"
    df = posts()
    df.loc[1, "url"] = "file:///etc/passwd"
    store.ingest(db, df)
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n')
    args = ["queue", "--store", str(db), "-c", str(cfg), "--now", "2026-11-09T12:00", "-f", "table"]
    result = CliRunner().invoke(main, args, env={"COLUMNS": "70", "FORCE_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    targets = re.findall(r"\x1b]8;id=[^;]*;([^\x1b]+)\x1b\\", result.stdout)
    assert set(targets) == {"https://x.com/u/status/1"} and len(targets) > 1  # folded: each piece links to all
    assert "passwd" in result.stdout
    assert link("https://x.com/a\x1b]8;;evil").spans == []  # (a control shows as U+FFFD: no link)


def test_only_the_mentioned_brands_own_handle_answers_and_on_the_same_platform():
    from brandpulse.config import Brand, Config

    cfg = Config(
        brands=[
            Brand("A", ["A"], handles=["@A_help"]),
            Brand("C", ["C"], handles=["@C_help"]),
            Brand("B", ["B"], handles=["@B_team"], competitor=True),
        ]
    )
    rows = [
        post(1, "2026-11-08T12:00Z", "A", "negative", author="u1"),
        post(2, "2026-11-08T12:05Z", "", "neutral", author="B_team", parent_id="1"),  # a competitor: "fly B"
        post(3, "2026-11-08T12:10Z", "A", "negative", author="u3"),
        post(4, "2026-11-08T12:15Z", "", "neutral", author="C_help", parent_id="3"),  # our other brand: "not us"
        post(5, "2026-11-08T12:20Z", "A", "negative", author="u5"),
        post(6, "2026-11-08T12:25Z", "", "neutral", author="A_help", parent_id="5", platform="reddit"),
        post(7, "2026-11-08T12:30Z", "A", "negative", author="u7"),
        post(8, "2026-11-08T12:35Z", "", "neutral", author="@a_help", parent_id="7"),  # answered
    ]
    q = response_queue(enriched(rows), cfg, now=NOW)
    assert q["post_id"].tolist() == ["5", "3", "1"]  # 6 answered post 5 on reddit, not this twitter post 5


def test_a_post_naming_several_brands_is_queued_by_our_brands_own_sentiment():
    """The score towards our brand is `brand_sentiment`; `sentiment` is the post's own. The queue's `sentiment` was
    the score towards our brand, which a reader took for the post's: 0.4 read as -0.5."""
    rows = [
        post(1, "2026-11-08T12:00Z", "A;B", "negative", brand_sentiments="A=0.6000;B=-0.6000"),  # A praised
        post(2, "2026-11-08T12:05Z", "A;B", "positive", brand_sentiments="A=-0.5000;B=0.5000"),  # left A for B
        post(3, "2026-11-08T12:10Z", "A", "negative"),
    ]
    df = enriched(rows)
    df["sentiment"] = [-0.2, 0.4, -0.3]
    q = response_queue(df, config(), now=NOW)
    assert q["post_id"].tolist() == ["2", "3"]
    # (no intents: the intent rules read a post negative towards a brand as a complaint, as `analyze` would)
    assert q["brand_sentiment"].tolist() == [-0.5, -0.3]
    assert q["reason"].tolist() == ["negative+complaint", "negative+complaint"]
    assert q["sentiment"].tolist() == [0.4, -0.3]


def test_queue_scores_are_written_to_four_decimals_as_brand_sentiments_are():
    """A post's score was its analyzer's float (-0.8740722222222223) beside another's 4 decimals from
    `brand_sentiments`; the priority is still of the full score."""
    df = enriched([post(1, "2026-11-08T12:00Z", "A", "negative"), post(2, "2026-11-08T12:05Z", "A", "negative")])
    df["sentiment"] = [-0.8740722222222223, -0.1 - 0.2]
    q = response_queue(df, config(), now=NOW)
    assert q.set_index("post_id")["sentiment"].to_dict() == {"1": -0.8741, "2": -0.3}
    assert q.set_index("post_id")["brand_sentiment"].to_dict() == {"1": -0.8741, "2": -0.3}  # (one brand: its own)
    assert q["priority"].tolist() == priority(df, NOW).round(1).sort_values(ascending=False).tolist()


def test_queue_table_shows_posts_without_followers_author_or_url(tmp_path):
    """A Reddit post has no follower count (and a post may lack author or url): the terminal table
    used to stop with "TypeError: boolean value of NA is ambiguous" on the first such post."""
    db = tmp_path / "h.duckdb"
    df = posts()
    df["author_followers"] = df["author_followers"].astype("Int64")
    df.loc[0, ["author_followers", "url", "author"]] = [pd.NA, None, None]
    result = queue_table(tmp_path, db, df, columns=300)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    at = [k for k, line in enumerate(lines) if "A · 2026-11-08 12:00" in line]  # (the post's brand and time)
    assert len(at) == 1 and "A lost my bag" in lines[at[0] + 1]
    cells = [c.strip() for c in lines[at[0]].split("│")[1:-1]]
    assert cells[2:4] == ["", "–"]  # no author, and no follower count: not "0", a count of no audience
    assert cells[5] == ""  # no url, not "<NA>"
    assert "<NA>" not in result.stdout
    assert "2 posts to answer" in result.stderr


def test_queue_for_brand_names_a_configured_brand(tmp_path, posts_store):
    """`--for-brand` with a typo or in another case used to give "0 posts to answer", exit 0."""
    db = tmp_path / "h.duckdb"
    copy_store(posts_store, tmp_path)
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n[brands.B]\nterms = ["B"]\ncompetitor = true\n')
    args = ["queue", "--store", str(db), "-c", str(cfg), "--now", "2026-11-09T12:00", "-f", "csv"]
    typo = CliRunner().invoke(main, [*args, "--for-brand", "Z"])
    assert typo.exit_code == 2
    assert "--for-brand Z: no such brand (configured: A, B)" in typo.stderr
    other_case = CliRunner().invoke(main, [*args, "--for-brand", "a"])
    assert other_case.exit_code == 0, other_case.stderr
    assert pd.read_csv(io.StringIO(other_case.stdout), dtype={"post_id": str})["post_id"].tolist() == ["1", "2"]
    # given twice: posts mentioning either (the last one alone was kept: B's post 4 only)
    both = CliRunner().invoke(main, [*args, "--for-brand", "A", "--for-brand", "b"])
    assert both.exit_code == 0, both.stderr
    assert set(pd.read_csv(io.StringIO(both.stdout), dtype={"post_id": str})["post_id"]) == {"1", "2", "4"}
    typo_second = CliRunner().invoke(main, [*args, "--for-brand", "A", "--for-brand", "Z"])
    assert typo_second.exit_code == 2
    assert "--for-brand Z: no such brand (configured: A, B)" in typo_second.stderr
    close = CliRunner().invoke(main, [*args, "--for-brand", "AA"])
    assert close.exit_code == 2
    assert close.stderr.splitlines()[-1] == (
        "brandpulse: error: --for-brand AA: no such brand, did you mean A? (configured: A, B)"
    )


def test_queue_for_brand_without_a_config_names_a_brand_of_the_data(tmp_path, monkeypatch):
    """Without a config, `--for-brand` was not checked: a typo gave "0 posts to answer", exit 0, a quiet queue for
    a cron job. It is checked against the brands the stored posts name at any time (a brand quiet this week is no
    typo), in any case, and a name that is none of them is a usage error naming the close one (exit 2)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BRANDPULSE_CONFIG", raising=False)
    df = posts()
    df["brands"] = df["brands"].replace({"A": "Skyway", "B": "Aerolux"})
    df.loc[df["post_id"] == "8", "brands"] = "Nimbus"  # (before --since: the week's posts name no Nimbus)
    db = tmp_path / "h.duckdb"
    store.ingest(db, df)
    args = ["queue", "--store", str(db), "--now", "2026-11-09T12:00", "-f", "csv"]
    typo = CliRunner().invoke(main, [*args, "--for-brand", "Skywya"])
    assert (typo.exit_code, typo.stdout) == (2, "")
    assert typo.stderr.splitlines()[-1] == (
        "brandpulse: error: --for-brand Skywya: no such brand, did you mean Skyway? (named by the stored posts: "
        "Aerolux, Nimbus, Skyway)"
    )
    far = CliRunner().invoke(main, [*args, "--for-brand", "Zephyr"])
    assert far.exit_code == 2
    assert far.stderr.splitlines()[-1] == (
        "brandpulse: error: --for-brand Zephyr: no such brand (named by the stored posts: Aerolux, Nimbus, Skyway)"
    )
    lower = CliRunner().invoke(main, [*args, "--for-brand", "skyway"])
    assert lower.exit_code == 0, lower.stderr
    # (no handles known without a config: the brand's own post 5 and the answered 6 are queued too)
    queued = pd.read_csv(io.StringIO(lower.stdout), dtype={"post_id": str})
    assert queued["post_id"].tolist() == ["1", "6", "5", "2"]
    assert set(queued["brands"]) == {"Skyway"}
    quiet = CliRunner().invoke(main, [*args, "--for-brand", "Nimbus"])
    assert quiet.exit_code == 0, quiet.stderr
    assert quiet.stdout.splitlines()[1:] == [] and "0 posts to answer" in quiet.stderr


def test_brands_that_are_all_competitors_queue_none_of_their_posts(tmp_path, posts_store):
    """A config whose brands were all `competitor = true` queued every post, the competitors' complaints
    among them (it took "none of ours" for "no brands"). The library queues none; the CLI says why, exit 5."""
    from brandpulse.config import Brand, Config

    rivals = Config(brands=[Brand("A", ["A"], competitor=True), Brand("B", ["B"], competitor=True)])
    since = pd.Timestamp("2026-11-02", tz="UTC")
    assert response_queue(posts(), rivals, now=NOW, since=since).empty
    assert response_queue(posts(), rivals, now=NOW, since=since, brand="B")["post_id"].tolist() == ["4"]
    # no brands at all: any post (no handles known: the brand's own post 5 and the answered 6 too)
    assert response_queue(posts(), None, now=NOW, since=since)["post_id"].tolist() == ["1", "6", "5", "4", "2"]
    db = tmp_path / "h.duckdb"
    copy_store(posts_store, tmp_path)
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.A]\nterms = ["A"]\ncompetitor = true\n')
    result = CliRunner().invoke(main, ["queue", "--store", str(db), "-c", str(cfg), "--now", "2026-11-09T12:00"])
    assert result.exit_code == 5 and result.stdout == ""
    assert result.stderr == (
        "brandpulse: error: every configured brand is a competitor: the queue is of posts about our brands; "
        "mark ours (competitor = false) or give --for-brand NAME\n"
    )


def stored_queue(tmp_path, posts_store, config: str = '[brands.A]\nterms = ["A"]\n') -> list[str]:
    """`queue` over a store of posts() with brand A, at 2026-11-09 12:00."""
    db = tmp_path / "h.duckdb"
    copy_store(posts_store, tmp_path)
    cfg = tmp_path / "c.toml"
    cfg.write_text(config)
    return ["queue", "--store", str(db), "-c", str(cfg), "--now", "2026-11-09T12:00"]


def test_queue_output_it_cannot_write_is_a_usage_error(tmp_path, posts_store):
    args = stored_queue(tmp_path, posts_store)
    md = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "q.md")])
    assert md.exit_code == 2  # was 5, "unknown output format 'md'", after the work
    assert "queue writes csv, tsv, json, jsonl, parquet, not md" in md.stderr
    table = CliRunner().invoke(main, [*args, "-f", "table", "-o", str(tmp_path / "q.csv")])
    assert table.exit_code == 2  # was 0: the table on stdout and no file
    assert "--format table prints on the terminal" in table.stderr
    assert table.stdout == "" and not (tmp_path / "q.csv").exists()


def test_queue_format_takes_every_format_its_output_name_does(tmp_path, posts_store):
    """`-o q.tsv` and `-o q.parquet` were written, but `-f tsv` and `-f parquet` were refused (exit 2)."""
    args = stored_queue(tmp_path, posts_store, '[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n')
    tsv = CliRunner().invoke(main, [*args, "-f", "tsv"])
    assert tsv.exit_code == 0, tsv.stderr
    q = pd.read_csv(io.StringIO(tsv.stdout), sep="\t", dtype={"post_id": str})
    assert q["post_id"].tolist() == ["1", "2"] and q.columns[0] == "priority"
    parquet = CliRunner().invoke(main, [*args, "-f", "parquet", "-o", str(tmp_path / "queue.bin")])
    assert parquet.exit_code == 0, parquet.stderr
    assert pd.read_parquet(tmp_path / "queue.bin")["post_id"].tolist() == ["1", "2"]


def test_queue_table_right_aligns_its_figures_and_an_empty_queue_is_no_table(tmp_path):
    """Priority and followers were left-aligned (1,850,000 under 185); an empty queue printed a table of
    headers alone; a long text was cut at 120 characters with no sign of it."""
    db = tmp_path / "h.duckdb"
    df = posts()
    df["author_followers"] = df["author_followers"].astype("Int64")
    df.loc[0, "author_followers"] = 1_850_000
    df.loc[0, "text"] = "A lost my bag " + "and then some " * 10
    result = queue_table(tmp_path, db, df, columns=400)
    assert result.exit_code == 0, result.stderr
    rows = [[c for c in line.split("│")[1:-1]] for line in result.stdout.splitlines() if line.startswith("│")]
    assert len(rows) == 4  # each post's brand and time, then its text
    first = rows[0]
    assert first[3] == " 1,850,000 " and first[0].startswith(" ") and not first[0].endswith("  ")
    second = rows[2][3]
    assert second.rstrip().endswith(f"{df.loc[1, 'author_followers']:,}") and second.startswith("  ")  # right
    assert rows[1][4].strip().endswith("…") and len(rows[1][4].strip()) == 121
    empty = queue_table(tmp_path, db, df, 400, "--since", "2026-11-09T11:00")
    assert empty.exit_code == 0 and empty.stdout == ""
    assert "0 posts to answer since 2026-11-09 11:00 UTC" in empty.stderr


def test_the_queue_has_each_posts_intent_in_a_column_of_its_own(tmp_path):
    """A social care lead filtering the queue in a spreadsheet found the intent only inside `reason`
    (`negative+vulnerable`), and not at all where it did not queue the post (a negative `outage`: `negative`). The
    `intent` column is the post's, as `analyze` tagged it, empty for none; its cells are guarded as every CSV's are.
    (A negative post naming the brand is what the built-in rules call a complaint, so a config's own intent on one
    queues it: `negative+outage`; a built-in intent not to answer, `suggestion`, does not: `negative`.)"""
    rows = [
        post(1, "2026-12-03T08:00Z", "Lumenet", "neutral", intent="vulnerable"),  # urgent: queued for it, first
        post(2, "2026-12-03T09:00Z", "Lumenet", "negative", intent="suggestion"),  # queued as negative alone
        post(3, "2026-12-03T09:10Z", "Lumenet", "negative", intent="complaint"),
        post(4, "2026-12-03T09:20Z", "Lumenet", "neutral", intent="question"),
        post(5, "2026-12-03T09:30Z", "Lumenet", "negative"),  # of no intent
        post(6, "2026-12-03T09:40Z", "Lumenet", "positive", intent="praise"),  # not queued
        post(7, "2026-12-03T09:50Z", "Lumenet", "negative", intent="=cmd"),  # a config's intent read as a formula
        post(8, "2026-12-03T10:00Z", "Lumenet", "negative", intent="outage"),
    ]
    db = tmp_path / "h.duckdb"
    store.ingest(db, enriched(rows))
    cfg = tmp_path / "c.toml"
    cfg.write_text(
        '[brands.Lumenet]\nterms = ["Lumenet"]\n'
        '[intent.vulnerable]\nkeywords = ["my mum is 84"]\nurgent = true\n'
        '[intent.outage]\nkeywords = ["outage"]\n[intent."=cmd"]\nkeywords = ["cmd"]\n'
    )
    args = ["queue", "--store", str(db), "-c", str(cfg), "--until", "2026-12-03T12:00"]
    csv = CliRunner().invoke(main, args)
    assert csv.exit_code == 0, csv.output
    table = list(csv_module.DictReader(io.StringIO(csv.stdout)))
    assert list(table[0])[:3] == ["priority", "reason", "intent"]
    assert table[0]["post_id"] == "1"  # (urgent first)
    assert {r["post_id"]: (r["reason"], r["intent"]) for r in table} == {
        "1": ("vulnerable", "vulnerable"),
        "2": ("negative", "suggestion"),
        "3": ("negative+complaint", "complaint"),
        "4": ("question", "question"),
        "5": ("negative", ""),
        "7": ("negative+=cmd", "'=cmd"),
        "8": ("negative+outage", "outage"),
    }
    as_json = json.loads(CliRunner().invoke(main, [*args, "-f", "json"]).stdout)
    assert {r["post_id"]: r["intent"] for r in as_json} == {
        "1": "vulnerable",
        "2": "suggestion",
        "3": "complaint",
        "4": "question",
        "5": None,
        "7": "=cmd",
        "8": "outage",
    }
    # a queue CSV read back (piped into another run) has its guards undone: the new header's, and a queue written
    # before the column was (tests/test_cli_analyze.py reads the new one back)
    before = "priority,reason,copies,brand,brands,topics,created_at,platform,author,followers,engagement,sentiment"
    before += ",brand_sentiment,rating,lang,text,url,post_id"
    assert own_header(csv.stdout.splitlines()[0].split(",")) and own_header(before.split(","))
    assert not own_header(["priority", "intent", *before.split(",")[1:]])
    # (and one of stop 52 or 53, without its last column `intents`)
    assert own_header(["priority", "reason", "intent", *before.split(",")[2:]])


def test_the_queue_table_says_an_intent_its_reason_does_not(tmp_path):
    """The terminal table had no intent though the CSV has it: a post queued as `negative` whose intent is
    `suggestion` did not say so. A column more left the text 9 characters wide at 80 columns: the intent heads the
    post's text, after its brand and time, where its reason does not already say it (`negative+complaint`)."""
    rows = [
        post(2, "2026-12-03T09:00Z", "Lumenet", "negative", intent="suggestion"),  # queued as negative alone
        post(3, "2026-12-03T09:10Z", "Lumenet", "negative", intent="complaint"),  # its reason says it
        post(5, "2026-12-03T09:30Z", "Lumenet", "negative"),  # of no intent
    ]
    db = tmp_path / "h.duckdb"
    store.ingest(db, enriched(rows))
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.Lumenet]\nterms = ["Lumenet"]\n')
    args = ["queue", "--store", str(db), "-c", str(cfg), "--until", "2026-12-03T12:00", "-f", "table"]
    result = CliRunner().invoke(main, args, env={"COLUMNS": "300"})  # (no folding in the cells)
    assert result.exit_code == 0, result.stderr
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in result.stdout.splitlines() if line.startswith("│")]
    assert sorted((c[1], c[4]) for c in cells[::2]) == [
        ("negative", "Lumenet · 2026-12-03 09:00 · intent suggestion"),
        ("negative", "Lumenet · 2026-12-03 09:30"),
        ("negative+complaint", "Lumenet · 2026-12-03 09:10"),
    ]
    narrow = CliRunner().invoke(main, args, env={"COLUMNS": "80"}).stdout.splitlines()
    assert [c.strip() for c in narrow[2].split("┃")[1:-1]] == [
        "priority",
        "reason",
        "author",
        "followers",
        "post",
        "url",
    ]


def _lumenet_intents(tmp_path, last: str) -> tuple[Path, Path]:
    """A store of four negative Lumenet posts of 2026-12-03 (1 a complaint, 2 a complaint and a suggestion, 3 a
    suggestion and a purchase-intent, 4 of intent `last`) and its config."""
    rows = [
        post(1, "2026-12-03T09:00Z", "Lumenet", "negative", intent="complaint", intents="complaint"),
        post(2, "2026-12-03T09:10Z", "Lumenet", "negative", intent="complaint", intents="complaint;suggestion"),
        post(3, "2026-12-03T09:20Z", "Lumenet", "negative", intent="suggestion", intents="suggestion;purchase-intent"),
        post(4, "2026-12-03T09:30Z", "Lumenet", "negative", intent=last, intents=last),
    ]
    db = tmp_path / "h.duckdb"
    store.ingest(db, enriched(rows))
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.Lumenet]\nterms = ["Lumenet"]\n')
    return db, cfg


def test_the_queue_has_every_intent_of_a_post_in_its_intents_column(tmp_path):
    """Stop 54: the queue's CSV and JSON had `intent` alone, so a spreadsheet filtering suggestions missed post 2, a
    suggestion and a complaint (queued as `negative+complaint`). `intents` is the post's own, as `analyze` tagged it,
    `intent` first, `;`-separated, last of the columns; empty for none. The table heads a post's text with the intents
    its reason does not say (post 2: its suggestion; post 3: the question beside its suggestion)."""
    db, cfg = _lumenet_intents(tmp_path, "")
    args = ["queue", "--store", str(db), "-c", str(cfg), "--until", "2026-12-03T12:00"]
    csv = CliRunner().invoke(main, args)
    assert csv.exit_code == 0, csv.output
    table = list(csv_module.DictReader(io.StringIO(csv.stdout)))
    assert list(table[0])[-2:] == ["post_id", "intents"]
    assert {r["post_id"]: r["intents"] for r in table} == {
        "1": "complaint",
        "2": "complaint;suggestion",
        "3": "suggestion;purchase-intent",
        "4": "",
    }
    as_json = json.loads(CliRunner().invoke(main, [*args, "-f", "json"]).stdout)
    assert {r["post_id"]: r["intents"] for r in as_json}["2"] == "complaint;suggestion"
    result = CliRunner().invoke(main, [*args, "-f", "table"], env={"COLUMNS": "300"})
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in result.stdout.splitlines() if line.startswith("│")]
    assert sorted((c[1], c[4]) for c in cells[::2]) == [
        ("negative", "Lumenet · 2026-12-03 09:20 · intents suggestion;purchase-intent"),
        ("negative", "Lumenet · 2026-12-03 09:30"),
        ("negative+complaint", "Lumenet · 2026-12-03 09:00"),
        ("negative+complaint", "Lumenet · 2026-12-03 09:10 · intent suggestion"),
    ]


def test_intent_queues_the_posts_with_that_intent_among_theirs(tmp_path):
    """Stop 54: `queue --intent suggestion` (repeatable, any case) keeps the posts with it among their intents: post 2
    (a complaint first) and 3 (a suggestion first); `--intent question` none of these, an empty queue. A name no rule
    has nor any post read is a usage error, one line, exit 2, naming the close one; a stored intent of an older
    config (`outage`) is known."""
    db, cfg = _lumenet_intents(tmp_path, "outage")
    args = ["queue", "--store", str(db), "-c", str(cfg), "--until", "2026-12-03T12:00", "-f", "csv"]

    def queued(*extra):
        result = CliRunner().invoke(main, [*args, *extra])
        assert result.exit_code == 0, result.stderr
        return sorted(r["post_id"] for r in csv_module.DictReader(io.StringIO(result.stdout)))

    assert queued() == ["1", "2", "3", "4"]
    assert queued("--intent", "suggestion") == ["2", "3"]
    assert queued("--intent", "Purchase-Intent", "--intent", "outage") == ["3", "4"]
    assert queued("--intent", "question") == []
    bad = CliRunner().invoke(main, [*args, "--intent", "sugestion"])
    assert bad.exit_code == 2 and bad.stdout == ""
    assert bad.stderr.splitlines()[-1].startswith(
        "brandpulse: error: --intent sugestion: no such intent, did you mean suggestion? (the rules' and the posts':"
        " complaint, question, praise, suggestion, purchase-intent, outage)"
    )


def test_a_frame_without_intents_has_its_intent_as_its_intents():
    """A frame of analyze before `intents` (and a store before v14): `intents` is its `intent`, as `every_intent`
    reads it; a post of none, empty."""
    df = posts(intent=["complaint", "question", "", "", "", "", "", ""])
    df["intent"] = df["intent"].replace("", None)
    q = response_queue(df, config(), now=NOW, since=pd.Timestamp("2026-11-02", tz="UTC"))
    assert dict(zip(q["post_id"], q["intents"].fillna("<NA>"), strict=True)) == {"1": "complaint", "2": "question"}


def test_posts_without_stored_intents_are_put_first_by_an_urgent_intent_the_rules_read(tmp_path):
    """Posts without intents (a store of schema version 1, a frame of one's own): the config's rules read
    "my mum is 84" as the urgent `vulnerable`, its `reason` said so, yet it was queued after a larger account's
    complaint; the `intent` column, read so, puts it first."""
    rows = [
        post(1, "2026-12-03T08:00Z", "L", "negative", followers=100000, likes=500),
        post(2, "2026-12-03T09:00Z", "L", "neutral"),
    ]
    rows[1]["text"] = "L my mum is 84 and her line is dead"
    (tmp_path / "c.toml").write_text(
        '[brands.L]\nterms = ["L"]\n[intent.vulnerable]\nkeywords = ["my mum is 84"]\nurgent = true\n'
    )
    df = enriched(rows)
    assert df["intent"].isna().all()  # (as a store of schema version 1 reads)
    out = response_queue(df, load_config(tmp_path / "c.toml"), now=pd.Timestamp("2026-12-03T12:00Z"))
    assert out[["post_id", "reason", "intent"]].values.tolist() == [
        ["2", "vulnerable", "vulnerable"],
        ["1", "negative+complaint", "complaint"],
    ]


def test_queue_table_shows_each_posts_brand_and_time_on_the_zones_clock(tmp_path):
    """The CSV has each post's brands and time, the terminal table had neither: a support agent could not tell which
    brand's desk a post was for, nor how long it had waited. They head the post's text (two more columns left it a
    word a line at 80 columns), its time on the queue's zone's clock; the CSV is unchanged."""
    db = tmp_path / "h.duckdb"
    df = posts()
    df.loc[1, "brands"] = "A;B"  # (the post names the competitor too)
    store.ingest(db, df)
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n[brands.B]\nterms = ["B"]\ncompetitor = true\n')
    args = ["queue", "--store", str(db), "-c", str(cfg), "--now", "2026-11-09T12:00"]
    result = CliRunner().invoke(main, [*args, "-f", "table", "--tz", "America/New_York"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in lines if line.startswith("│")]
    # 12:00 and 13:00 UTC on 2026-11-08 are 07:00 and 08:00 in New York (EST, UTC-5)
    assert [(c[1], c[4]) for c in cells[::2]] == [
        ("negative+complaint", "A · 2026-11-08 07:00"),
        ("question", "A · 2026-11-08 08:00"),  # (the brand it is queued for: B is a competitor)
    ]
    assert [c[4] for c in cells[1::2]] == ["A lost my bag", "does A fly to Lisbon?"]
    assert [c.strip() for c in lines[2].split("┃")[1:-1]] == [
        "priority",
        "reason",
        "author",
        "followers",
        "post",
        "url",
    ]
    # at 80 columns the text keeps the width it had (12 characters, padded): the brand and time take no column
    narrow = CliRunner().invoke(main, [*args, "-f", "table"], env={"COLUMNS": "80"}).stdout.splitlines()
    assert max(len(line) for line in narrow) <= 80
    header = [c for c in narrow[2].split("┃")[1:-1]]
    assert header[4].strip() == "post" and len(header[4]) >= 14
    csv = CliRunner().invoke(main, args)
    assert csv.stdout.splitlines()[0] == ",".join(QUEUE_COLUMNS)
    assert "2026-11-08T12:00:00Z" in csv.stdout and ",A;B," in csv.stdout


def test_the_default_week_says_how_many_posts_to_answer_the_week_before_left_out(tmp_path):
    """A post of 8 days ago, unanswered, dropped out of the default week's queue with no word. The queue counts those
    of the 7 days before its window and says how many it left out, and the --since that includes them; not with -q,
    nor with a --since given (the user's own window)."""
    since = pd.Timestamp("2026-11-02T12:00Z")
    rows = [
        post(8, "2026-11-01T10:00Z", "A", "negative", author="old"),  # to answer, left out
        post(9, "2026-10-30T09:00Z", "A", "negative", author="older"),  # to answer, left out: the oldest
        post(10, "2026-10-31T09:00Z", "A", "positive", author="fan"),  # praise: not to answer
        post(11, "2026-10-31T10:00Z", "A", "negative", author="answered_old"),
        post(12, "2026-10-31T11:00Z", "", "neutral", author="A_help", parent_id="11"),  # the brand's reply to 11
        post(13, "2026-10-20T09:00Z", "A", "negative", author="ancient"),  # before the 7 days: not counted
    ]
    df = pd.concat([posts().iloc[:7], enriched(rows)], ignore_index=True)
    q = response_queue(df, config(), now=NOW, since=since, look_back=pd.Timestamp("2026-10-26T12:00Z"))
    assert q["post_id"].tolist() == ["1", "2"]  # the queue itself is the week's
    assert (q.attrs["earlier"], q.attrs["earliest"]) == (2, "2026-10-30T09:00:00+00:00")
    assert response_queue(df, config(), now=NOW, since=since).attrs["earlier"] == 0  # no look back: none counted
    db = tmp_path / "h.duckdb"
    store.ingest(db, df)
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n')
    args = ["queue", "--store", str(db), "-c", str(cfg), "--until", "2026-11-09T12:00", "-f", "csv"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    assert pd.read_csv(io.StringIO(result.stdout), dtype={"post_id": str})["post_id"].tolist() == ["1", "2"]
    assert result.stderr.splitlines() == [
        "2 posts to answer since 2026-11-02 12:00 UTC",
        "2 posts to answer in the 7 days before left out, the oldest from 2026-10-30 09:00: --since 2026-10-30"
        " includes them",
    ]
    wider = CliRunner().invoke(main, [*args, "--since", "2026-10-30"])  # (as the line says)
    assert pd.read_csv(io.StringIO(wider.stdout), dtype={"post_id": str})["post_id"].tolist() == ["1", "8", "9", "2"]
    assert wider.stderr == "4 posts to answer since 2026-10-30 00:00 UTC\n"
    quiet = CliRunner().invoke(main, [*args, "-q"])
    assert (quiet.exit_code, quiet.stderr) == (0, "")


def test_a_queue_as_of_a_past_now_counts_only_the_replies_posted_before_it(tmp_path, posts_store):
    """`queue --now` in the past took a brand reply posted after it for an answer: post 6 (17:00), answered at 18:00,
    was missing from the queue as of 17:30, when it still waited for an answer."""
    since = pd.Timestamp("2026-11-02", tz="UTC")
    then = pd.Timestamp("2026-11-08T17:30Z")
    assert response_queue(posts(), config(), now=then, since=since)["post_id"].tolist() == ["1", "6", "2"]
    assert response_queue(posts(), config(), now=NOW, since=since)["post_id"].tolist() == ["1", "2"]  # answered then
    # a reply without a time is there as far as is known: still an answer
    untimed = posts()
    untimed.loc[untimed["post_id"] == "7", "created_at"] = pd.NaT
    assert response_queue(untimed, config(), now=then, since=since)["post_id"].tolist() == ["1", "2"]
    # the CLI reads the store up to the newest post (replies come after the window): the same
    db = tmp_path / "h.duckdb"
    copy_store(posts_store, tmp_path)
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n')
    args = ["queue", "--store", str(db), "-c", str(cfg), "-f", "csv", "--since", "2026-11-02"]
    for now, expected in (("2026-11-08T17:30", ["1", "6", "2"]), ("2026-11-09T12:00", ["1", "2"])):
        result = CliRunner().invoke(main, [*args, "--now", now])
        assert result.exit_code == 0, result.stderr
        assert pd.read_csv(io.StringIO(result.stdout), dtype={"post_id": str})["post_id"].tolist() == expected


def test_the_queue_ends_at_until_as_report_and_alerts_do_and_now_still_works(tmp_path, posts_store):
    """`queue --since .. --until` was "No such option: --until" (exit 2): its end was `--now`, where report's and
    alerts' windows end at --until. --until is its name; --now, in cron lines, still works (hidden)."""
    db = tmp_path / "h.duckdb"
    copy_store(posts_store, tmp_path)
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n')
    args = ["queue", "--store", str(db), "-c", str(cfg), "-f", "csv", "--since", "2026-11-02"]
    for option in ("--until", "--now"):
        result = CliRunner().invoke(main, [*args, option, "2026-11-08T17:30"])  # (post 6 answered at 18:00)
        assert result.exit_code == 0, result.stderr
        assert pd.read_csv(io.StringIO(result.stdout), dtype={"post_id": str})["post_id"].tolist() == ["1", "6", "2"]
        assert result.stderr == "3 posts to answer since 2026-11-02 00:00 UTC\n"
        early = CliRunner().invoke(main, [*args, option, "2026-11-01"])  # (the error names the option given)
        assert (early.exit_code, early.stdout) == (5, "")
        assert early.stderr == f"brandpulse: error: --since 2026-11-02 00:00 is not before {option} 2026-11-01 00:00\n"
    both = CliRunner().invoke(main, [*args, "--until", "2026-11-09", "--now", "2026-11-09"])
    assert (both.exit_code, both.stdout, both.stderr) == (
        2,
        "",
        "brandpulse: error: --now is --until: give one of them\n",
    )
    help_text = CliRunner().invoke(main, ["queue", "--help"]).stdout
    assert "--until DATE" in help_text and "--now" not in help_text


def test_without_brands_the_queue_is_of_posts_naming_a_brand(tmp_path, monkeypatch):
    """With no brands configured, the queue listed every negative post or question, those naming no brand too (a
    question about the weather); and from FILES, where no post names a brand without brands, every post at all."""
    df = posts()
    df.loc[df["post_id"] == "7", "text"] = "is it raining in Lisbon?"  # (neutral, naming no brand)
    since = pd.Timestamp("2026-11-02", tz="UTC")
    assert response_queue(df, None, now=NOW, since=since)["post_id"].tolist() == ["1", "6", "5", "4", "2"]
    monkeypatch.chdir(tmp_path)  # no ./brandpulse.toml
    monkeypatch.delenv("BRANDPULSE_CONFIG", raising=False)
    db = tmp_path / "h.duckdb"
    store.ingest(db, df)  # (the store keeps the brands the posts were ingested with)
    args = ["queue", "--now", "2026-11-09T12:00", "--since", "2026-11-02", "-f", "csv"]
    stored = CliRunner().invoke(main, [*args, "--store", str(db)])
    assert stored.exit_code == 0, stored.stderr
    queued = pd.read_csv(io.StringIO(stored.stdout), dtype={"post_id": str})
    assert queued["post_id"].tolist() == ["1", "6", "5", "4", "2"]
    src = tmp_path / "posts.csv"
    src.write_text("id,created_at,text\n1,2026-11-08T10:00Z,is it raining?\n2,2026-11-08T11:00Z,A lost my bag\n")
    files = CliRunner().invoke(main, [*args, str(src)])
    assert (files.exit_code, files.stdout) == (5, ""), files.stderr
    assert files.stderr.splitlines()[-1] == (
        "brandpulse: error: no brands configured, and no post read names one: the queue is of posts about your"
        " brands; give --config FILE (or $BRANDPULSE_CONFIG) or --brand NAME=TERMS"
    )
    branded = CliRunner().invoke(main, [*args, str(src), "--brand", "A"])
    assert branded.exit_code == 0, branded.stderr
    assert pd.read_csv(io.StringIO(branded.stdout))["text"].tolist() == ["A lost my bag"]
    # (--for-brand: FILES read without brands still name none, "--for-brand A: no such brand (named by the posts
    # read: none)", exit 2, sent the user looking for a typo in A)
    for_brand = CliRunner().invoke(main, [*args, str(src), "--for-brand", "A"])
    assert (for_brand.exit_code, for_brand.stdout) == (5, ""), for_brand.stderr
    assert for_brand.stderr.splitlines()[-1] == files.stderr.splitlines()[-1]


def test_a_question_or_complaint_tagged_with_the_configs_own_intent_is_still_answered():
    """The config's own intents are checked first (stop 37): with `[intent.refund]`, "how do I get a refund?" was
    a question, queued, and became `refund`, which left the queue: a customer's question nobody answered."""
    cfg = config()
    cfg.raw = {"intent": {"refund": {"keywords": ["refund"]}, "fleet": {"keywords": ["new planes"]}}}
    rows = [
        post(1, "2026-11-08T12:00Z", "A", "neutral", author="asker", intent="refund"),
        post(2, "2026-11-08T13:00Z", "A", "positive", author="fan", intent="fleet"),
        post(3, "2026-11-08T14:00Z", "A", "neutral", author="plain", intent="refund"),
        post(4, "2026-11-08T15:00Z", "A", "neutral", author="curious", intent="question"),
    ]
    rows[0]["text"] = "A, how do I get a refund for my flight?"  # a question to the built-in rules
    rows[1]["text"] = "love the new planes A, when do they fly to Lisbon?"  # a question too: asked
    rows[2]["text"] = "A sent the money today, thanks"  # no question, no complaint: not in the queue
    rows[3]["text"] = "does A fly to Porto?"
    q = response_queue(enriched(rows), cfg, now=NOW)
    assert q["post_id"].tolist() == ["4", "2", "1"]
    assert q["reason"].tolist() == ["question", "fleet", "refund"]  # (the post's own intent, as it is stored)


def test_the_count_line_says_how_many_posts_without_a_sentiment_were_left_out(tmp_path):
    """A Spanish complaint has no sentiment (English-only analyzers) and no intent of the built-in English rules: the
    queue left three of four Renfe posts out and said "1 post to answer", as if the week was quiet. The count line
    says how many were left out so; a question (`?`) is still queued, and a brand's own post is not counted. Since
    stop 42 the built-in complaint words are Spanish and Portuguese too ("retraso"), and a post without a sentiment
    meets what a neutral one does: the first post is queued, a complaint of no such word still left out."""
    src = tmp_path / "posts.csv"
    src.write_text(
        "id,created_at,author,text,lang\n"
        "1,2026-11-05T10:00:00Z,ana,El tren de Renfe llegó con dos horas de retraso,es\n"
        "2,2026-11-05T11:00:00Z,luis,¿Renfe me devuelve el dinero del billete?,es\n"
        "3,2026-11-06T09:00:00Z,eva,Renfe otra vez lo mismo con el tren de las ocho,es\n"
        "4,2026-11-06T10:00:00Z,Renfe,Lamentamos las molestias con Renfe,es\n"
        "5,2026-11-06T11:00:00Z,tom,Renfe was on time today,en\n"
    )
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.Renfe]\nterms = ["Renfe"]\nhandles = ["@Renfe"]\n')
    args = ["queue", str(src), "-c", str(cfg), "-f", "csv", "--since", "2026-11-02", "--until", "2026-11-09"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    assert pd.read_csv(io.StringIO(result.stdout), dtype={"post_id": str})["post_id"].tolist() == ["2", "1"]
    assert result.stderr.splitlines()[-1] == (
        "2 posts to answer since 2026-11-02 00:00 UTC; 1 without a sentiment (not in the analyzer's languages) "
        "left out: only an intent "
        "queues them (an [intent.NAME] of their words with answer = true)"
    )


def test_queue_says_which_of_its_brands_no_stored_post_names(tmp_path, posts_store):
    """A brand added to the config after its posts were ingested: `report` said "no stored post names Nova", and
    `queue` said only "0 posts to answer", as if nobody complained of it. It gives report's note on stderr (not with
    -q), for the brands it queues: ours (not the competitor Zed), or those of --for-brand."""
    db = tmp_path / "h.duckdb"
    copy_store(posts_store, tmp_path)
    cfg = tmp_path / "c.toml"
    cfg.write_text(
        '[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n[brands.Nova]\nterms = ["Nova"]\n'
        '[brands.B]\nterms = ["B"]\ncompetitor = true\n[brands.Zed]\nterms = ["Zed"]\ncompetitor = true\n'
    )
    args = ["queue", "--store", str(db), "-c", str(cfg), "--until", "2026-11-09T12:00", "-f", "csv"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    note = (
        "note: no stored post names Nova: posts keep the brands found when they were ingested, so after adding a brand"
        " or changing its terms, ingest the exports again (docs/store.md, Analyzed once)"
    )
    assert " ".join(result.stderr.split()).startswith(note)  # (rich wraps lines on stderr)
    assert pd.read_csv(io.StringIO(result.stdout), dtype={"post_id": str})["post_id"].tolist() == ["1", "2"]
    quiet = CliRunner().invoke(main, [*args, "-q"])
    assert (quiet.exit_code, quiet.stderr) == (0, "")
    only_a = CliRunner().invoke(main, [*args, "--for-brand", "A"])
    assert only_a.exit_code == 0 and "no stored post" not in only_a.stderr


def test_a_complaint_about_a_competitor_that_spares_our_brand_is_not_queued():
    """ "SwiftRail seats are terrible, RailNova is better" is a complaint (about SwiftRail) and positive towards
    RailNova: it was queued for RailNova's support desk as a `complaint`. A complaint still negative towards ours,
    or as negative towards ours as towards the other brand, stays."""
    rows = [
        post(1, "2026-11-08T12:00Z", "A;B", "negative", brand_sentiments="A=0.4093;B=-0.4476", intent="complaint"),
        post(2, "2026-11-08T12:05Z", "A;B", "negative", brand_sentiments="A=0.0000;B=-0.4808", intent="complaint"),
        post(3, "2026-11-08T12:10Z", "A;B", "negative", brand_sentiments="A=-0.1157;B=-0.1157", intent="complaint"),
        post(4, "2026-11-08T12:15Z", "A;B", "neutral", brand_sentiments="A=0.0000;B=0.0000", intent="complaint"),
        post(5, "2026-11-08T12:20Z", "A;B", "neutral", brand_sentiments="A=0.3000;B=-0.3000", intent="question"),
        post(6, "2026-11-08T12:25Z", "A", "positive", intent="complaint"),  # one brand: its complaint is ours
    ]
    q = response_queue(enriched(rows), config(), now=NOW)
    assert q.set_index("post_id")["reason"].to_dict() == {
        "2": "complaint",  # (neutral towards ours: often a request to us, review of stop 40)
        "3": "negative+complaint",
        "4": "complaint",
        "5": "question",
        "6": "complaint",
    }


def test_a_complaint_about_a_competitor_under_the_configs_own_intent_is_not_queued():
    """The competitor's complaint was left out only under the built-in `complaint`: with `[intent.refund]` "B refused
    my refund, A never would" (positive towards A) was queued as `refund`, and an `answer = true` intent's alike. A
    question under an own intent, a complaint of ours, and a post naming A alone stay."""
    cfg = config()
    cfg.raw = {"intent": {"refund": {"keywords": ["refund"]}, "access": {"keywords": ["ramp"], "answer": True}}}
    rows = [
        post(1, "2026-11-08T12:00Z", "A;B", "positive", brand_sentiments="A=0.4000;B=-0.5000", intent="refund"),
        post(2, "2026-11-08T12:05Z", "A;B", "positive", brand_sentiments="A=0.3000;B=-0.4000", intent="access"),
        post(3, "2026-11-08T12:10Z", "A;B", "positive", brand_sentiments="A=0.4000;B=-0.5000", intent="refund"),
        post(4, "2026-11-08T12:15Z", "A;B", "negative", brand_sentiments="A=-0.5000;B=0.4000", intent="refund"),
        post(5, "2026-11-08T12:20Z", "A", "positive", intent="access"),
    ]
    rows[0]["text"] = "B refused my refund, A never would"
    rows[1]["text"] = "the B ramp never came, A always has one ready"
    rows[2]["text"] = "How do I get a refund from A, B never gave me one"  # a question to the built-in rules
    rows[3]["text"] = "A refused my refund, B never would"
    rows[4]["text"] = "A, the ramp never came"
    q = response_queue(enriched(rows), cfg, now=NOW)
    assert q.set_index("post_id")["reason"].to_dict() == {"3": "refund", "4": "negative+refund", "5": "access"}


def test_queue_cli_leaves_out_a_complaint_about_a_competitor(tmp_path):
    """The same through the analyzer, from a file: the post praising A over B is not A's to answer."""
    src = tmp_path / "posts.csv"
    src.write_text(
        "id,created_at,author,text\n"
        '1,2026-11-08T10:00Z,u1,"SwiftRail seats are terrible, RailNova is better"\n'
        "2,2026-11-08T11:00Z,u2,RailNova seats are terrible\n"
    )
    cfg = tmp_path / "c.toml"
    cfg.write_text(
        '[brands.RailNova]\nterms = ["RailNova"]\n[brands.SwiftRail]\nterms = ["SwiftRail"]\ncompetitor = true\n'
    )
    q = _queue_csv(str(src), "-c", str(cfg), "--until", "2026-11-09", "-q")
    assert q["post_id"].tolist() == ["2"]
    assert q["reason"].tolist() == ["negative+complaint"]


def test_an_intent_the_config_marks_answer_is_queued(tmp_path):
    """A German complaint has no sentiment (English-only analyzer) and no built-in intent; the README said to add
    intents of its words, and the count line that "only an intent queues them", but an intent of the config's own
    was queued only when the built-in English rules called its post a complaint: none was. `answer = true` queues it;
    an intent without it is still not queued (praise is not to answer). (Post 4 is neutral by its words: "the ramp
    never came" was too until stop 49 read "never came" as a complaint. Post 2 was "Die RailNova App funktioniert
    nicht" until stop 52 made "funktioniert nicht" a built-in complaint word; posts 1 and 2 were "schon wieder 50
    Minuten Verspätung" and "stürzt ständig ab" until stop 54 made a delay again and an app crashing built-in German
    complaints.)"""
    src = tmp_path / "posts.csv"
    src.write_text(
        "id,created_at,author,lang,text\n"
        "1,2026-11-08T10:00Z,u1,de,Der RailNova Zug war brechend voll\n"
        "2,2026-11-08T11:00Z,u2,de,Die RailNova App zeigt nur Unsinn an\n"
        "3,2026-11-08T12:00Z,u3,de,Danke RailNova für die nette Zugbegleiterin\n"
        "4,2026-11-08T13:00Z,u4,en,Booked assistance with RailNova and nobody met me at the platform\n"
    )
    cfg = tmp_path / "c.toml"
    base = '[brands.RailNova]\nterms = ["RailNova"]\n[intent.lob]\nkeywords = ["danke"]\n'
    rules = '[intent.beschwerde]\nkeywords = ["brechend voll", "nur unsinn", "nobody met me"]\n'
    args = ["queue", str(src), "-c", str(cfg), "--until", "2026-11-09", "-f", "csv"]
    cfg.write_text(base + rules)
    before = CliRunner().invoke(main, args)
    assert before.exit_code == 0, before.output
    assert pd.read_csv(io.StringIO(before.stdout)).empty
    assert "3 without a sentiment (not in the analyzer's languages) left out" in before.stderr
    assert "(an [intent.NAME] of their words with answer = true)" in " ".join(before.stderr.split())
    cfg.write_text(base + rules + "answer = true\n")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    q = pd.read_csv(io.StringIO(result.stdout), dtype={"post_id": str})
    assert sorted(q["post_id"]) == ["1", "2", "4"]
    assert set(q["reason"]) == {"beschwerde"}
    cfg.write_text(base + rules + 'answer = "yes"\n')
    bad = CliRunner().invoke(main, args)
    assert bad.exit_code == 5
    assert "intent.beschwerde" in bad.stderr and "answer must be true or false" in bad.stderr


def test_a_request_to_our_brand_in_a_complaint_about_a_competitor_is_queued(tmp_path):
    """Review of stop 40: a complaint about a competitor was left out whenever the post was not negative towards ours,
    so a stranded competitor's customer asking us for help was never queued: "Skyway please help me get to Denver
    tonight" (Skyway 0.0) or "@Skyway can you help me rebook?" (+0.17, but a question). Only a post in our favour
    that asks nothing ("Aerolux lost my bag, Skyway never would", Skyway +0.41) is the competitor's complaint."""
    src = tmp_path / "posts.csv"
    src.write_text(
        "id,created_at,author,text\n"
        '1,2026-11-08T10:00Z,u1,"Aerolux lost my bag, Skyway never would"\n'
        '2,2026-11-08T10:05Z,u2,"@Skyway can you help me rebook? Aerolux cancelled my connecting flight"\n'
        '3,2026-11-08T10:10Z,u3,"Aerolux lost my bag. Skyway please help me get to Denver tonight"\n'
        '4,2026-11-08T10:15Z,u4,"Aerolux lost my bag, Skyway refund my ticket now"\n'
    )
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.Skyway]\nterms = ["Skyway"]\n[brands.Aerolux]\nterms = ["Aerolux"]\ncompetitor = true\n')
    q = _queue_csv(str(src), "-c", str(cfg), "--until", "2026-11-09", "-q")
    assert sorted(q["post_id"]) == ["2", "3", "4"]
    assert set(q["reason"]) == {"complaint"}


def test_spanish_and_portuguese_complaints_in_the_store_are_queued(tmp_path):
    """An agency's airline and bank posts, ingested into a store and queued: before stop 42 the queue held the one
    question alone ("2 posts ... left out"), as the complaints, unscored, had no intent."""
    src = tmp_path / "posts.csv"
    src.write_text(
        "id,created_at,author,text\n"
        '1,05/12/2026 10:00,lucia,"No me han devuelto mi dinero, Aeroméxico. Ya van 3 semanas"\n'
        '2,06/12/2026 11:30,carlos,"Cadê meu reembolso, Aeromexico?"\n'
        "3,07/12/2026 09:00,bia,Voo da Aeromexico foi tranquilo e sem atraso nenhum\n"
        '4,13/12/2026 09:00,rafa,"Aeroméxico, ¿tienen vuelos a Lima?"\n',
        encoding="utf-8",
    )
    db, cfg = tmp_path / "s.duckdb", tmp_path / "c.toml"
    cfg.write_text('[brands."Aeroméxico"]\nterms = ["Aeroméxico"]\n[input]\ndate_order = "dmy"\n', encoding="utf-8")
    runner = CliRunner()
    ingested = runner.invoke(main, ["ingest", str(src), "--store", str(db), "-c", str(cfg)])
    assert ingested.exit_code == 0, ingested.stderr
    args = ["queue", "--store", str(db), "-c", str(cfg), "-f", "csv", "--since", "2026-12-01", "--until", "2026-12-14"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.stderr
    queued = pd.read_csv(io.StringIO(result.stdout), dtype={"post_id": str})
    assert sorted(zip(queued["post_id"], queued["reason"], strict=True)) == [
        ("1", "complaint"),
        ("2", "complaint"),
        ("4", "question"),
    ]
    assert result.stderr.splitlines()[-1] == (
        "3 posts to answer since 2026-12-01 00:00 UTC; 1 without a sentiment (not in the analyzer's languages) "
        "left out: only an intent "
        "queues them (an [intent.NAME] of their words with answer = true)"
    )


def test_about_makes_an_app_review_exports_rows_its_brands(tmp_path):
    """An app store's export of one brand's reviews rarely names it: "The app crashes every time I open it" got no
    brand, no complaint and no place in the queue while brands were configured. `--about QuickBite` (or the config's
    `[input] about`) gives the rows naming no brand that brand, marked in an `about` column; a row naming a brand keeps
    its own, and a name that is no configured brand is a config error. The store keeps the brand, for queue later."""
    reviews = tmp_path / "reviews.csv"
    reviews.write_text(
        "text,created_at,author\n"
        "The app crashes every time I open it,2026-12-01T10:00:00Z,ana\n"
        "does the app deliver after 11?,2026-12-01T11:00:00Z,bo\n"
        "FeastNow is way better,2026-12-01T12:00:00Z,cy\n",
        encoding="utf-8",
    )
    cfg = tmp_path / "bp.toml"
    cfg.write_text(
        '[brands.QuickBite]\nterms = ["QuickBite"]\n[brands.FeastNow]\nterms = ["FeastNow"]\ncompetitor = true\n',
        encoding="utf-8",
    )
    args = ["analyze", str(reviews), "-c", str(cfg), "-f", "csv"]
    without = pd.read_csv(io.StringIO(CliRunner().invoke(main, args).stdout), keep_default_na=False)
    assert without["brands"].tolist() == ["", "", "FeastNow"] and "about" not in without.columns
    # (its words are a complaint since stop 45, "crashes every time", but of no brand: no brand's, in no queue)
    assert without["intent"].tolist() == ["complaint", "question", ""]
    result = CliRunner().invoke(main, [*args, "--about", "quickbite"])
    out = pd.read_csv(io.StringIO(result.stdout), keep_default_na=False)
    assert out["brands"].tolist() == ["QuickBite", "QuickBite", "FeastNow"]
    assert out["about"].tolist() == ["QuickBite", "QuickBite", ""]
    assert out["intent"].tolist() == ["complaint", "question", ""]

    per_brand = CliRunner().invoke(main, [*args, "--about", "QuickBite", "--per-brand"])
    assert pd.read_csv(io.StringIO(per_brand.stdout))["brand"].tolist() == ["QuickBite", "QuickBite", "FeastNow"]

    wrong = CliRunner().invoke(main, [*args, "--about", "Deliveroo"])
    assert wrong.exit_code == 5 and "'Deliveroo' is no configured brand (brands: QuickBite, FeastNow)" in wrong.stderr

    cfg.write_text(cfg.read_text(encoding="utf-8") + '[input]\nabout = "QuickBite"\n', encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert CliRunner().invoke(main, ["ingest", str(reviews), "-c", str(cfg), "--store", str(db)]).exit_code == 0
    queued = CliRunner().invoke(main, ["queue", "--store", str(db), "-c", str(cfg), "--now", "2026-12-02T00:00"])
    rows = pd.read_csv(io.StringIO(queued.stdout))
    assert rows["text"].tolist() == ["The app crashes every time I open it", "does the app deliver after 11?"]
    assert rows["reason"].tolist() == ["negative+complaint", "question"] and set(rows["brands"]) == {"QuickBite"}


@pytest.mark.parametrize("command", ["report", "alerts", "queue"])
def test_about_without_files_is_a_usage_error(tmp_path, command):
    """`--about` is for FILES (README "Configuration"): `report --store s.duckdb --about QuickBite` gave every
    brand's report, exit 0, as if it were not given. The stored posts keep the brands their ingest gave them; the
    config's `[input] about` is read with the store as before (the queue of the test above)."""
    reviews = tmp_path / "reviews.csv"
    reviews.write_text("text,created_at\nQuickBite app crashes,2026-12-01T10:00:00Z\n", encoding="utf-8")
    cfg = tmp_path / "bp.toml"
    cfg.write_text('[brands.QuickBite]\nterms = ["QuickBite"]\n', encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert CliRunner().invoke(main, ["ingest", str(reviews), "-c", str(cfg), "--store", str(db)]).exit_code == 0
    args = [command, "--store", str(db), "-c", str(cfg), "--until", "2026-12-02"]
    result = CliRunner().invoke(main, [*args, "--about", "QuickBite"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "--about QuickBite is for FILES: the stored posts keep the brands their ingest gave them" in result.stderr
    assert CliRunner().invoke(main, args).exit_code in (0, 3)  # (the same run without it)


def test_the_queue_says_what_each_post_is_about_for_a_case_system(tmp_path):
    """An insurer's complaints-handling lead imports the morning queue into a case system, one case a post, filed by
    what it is about: the queue had no topic, so "loss adjuster never turned up" and "renewal price doubled" were
    filed alike. Its `topics` column holds the post's topics, as `analyze` tags them."""
    data = tmp_path / "posts.csv"
    pd.DataFrame(
        {
            "post_id": ["1", "2", "3"],
            "platform": "twitter",
            "created_at": ["2026-11-09T08:00:00Z", "2026-11-09T09:00:00Z", "2026-11-09T10:00:00Z"],
            "author": ["tom_h", "jen_t", "pete_j"],
            "text": [
                "@HarbourIns loss adjuster never turned up",
                "@HarbourIns renewal price doubled for no reason",
                "@HarbourIns is flood cover included as standard?",
            ],
        }
    ).to_csv(data, index=False)
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.Harbour]\nterms = ["Harbour"]\nhandles = ["@HarbourIns"]\n')
    args = ["queue", str(data), "-c", str(cfg), "--until", "2026-11-10", "-q", "--raw-csv"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    out = pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False).set_index("post_id")
    assert out["topics"].to_dict() == {"1": "claims", "2": "pricing", "3": ""}
    assert [("complaint" in r, "question" in r) for r in out["reason"]] == [(True, False), (True, False), (False, True)]


def test_retweets_are_left_out_of_the_queue_and_counted(tmp_path):
    """A recall's news retweeted by many ("RT @electrek: A recalls ...") was as many posts to answer; a reply to a
    retweet goes to the post retweeted, so each is left out and the count line says how many."""
    df = posts()
    df.loc[df["post_id"] == "1", "text"] = "RT @electrek: A recalls 80k cars over fire risk"
    df.loc[df["post_id"] == "2", "text"] = "rt @newsdesk: does A fly to Lisbon?"
    df.loc[df["post_id"] == "6", "text"] = "A's recall is a joke, RT @electrek was right"  # (no retweet: it opens so)
    df = df[df["post_id"] != "7"]  # (the brand's reply to 6: unanswered now)
    q = response_queue(df, config(), now=NOW, since=pd.Timestamp("2026-11-02", tz="UTC"))
    assert q["post_id"].tolist() == ["6"]
    assert q.attrs["retweets"] == 2
    db = tmp_path / "h.duckdb"
    store.ingest(db, df)
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n')
    out = tmp_path / "queue.csv"
    args = ["queue", "--store", str(db), "-c", str(cfg), "--now", "2026-11-09T12:00", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    assert pd.read_csv(out, dtype={"post_id": str})["post_id"].tolist() == ["6"]
    assert "1 post to answer since 2026-11-02 12:00 UTC; 2 retweets left out (answer the post" in result.stderr


def test_stored_since_queues_only_the_posts_first_stored_since_then(tmp_path):
    """A support desk running `queue` every morning saw the same unanswered posts again (17 posts as 43 rows over 4
    mornings). `--stored-since DATE` queues the posts the store first stored from DATE: yesterday's export, ingested
    again with today's, keeps its posts' first_seen, so they are not listed twice; every post of the window is still
    read for the brand's replies (a new post answered by a reply stored before is answered)."""
    db = tmp_path / "h.duckdb"
    store.ingest(db, posts())  # yesterday's export: posts 1-8, 1 and 2 queued
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE posts SET first_seen = TIMESTAMP '2026-11-08 20:00'")
        stored_before = con.execute("SELECT count(*) FROM posts").fetchall()[0][0]
    assert stored_before == 8
    today = posts()
    rows = [
        post(9, "2026-11-09T09:00Z", "A", "negative", author="new_angry"),
        post(10, "2026-11-09T09:30Z", "A", "negative", author="new_answered"),
    ]
    replies = [post(11, "2026-11-09T09:45Z", "", "neutral", author="A_help", parent_id="10")]
    store.ingest(db, pd.concat([today, enriched(rows)], ignore_index=True))  # today's: yesterday's posts and 9, 10
    store.ingest(db, enriched(replies))  # (the reply stored before the post it answers: an export of replies)
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE posts SET first_seen = TIMESTAMP '2026-11-08 21:00' WHERE post_id = '11'")
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n')
    args = ["queue", "--store", str(db), "-c", str(cfg), "--now", "2026-11-09T12:00", "-f", "csv"]
    every = CliRunner().invoke(main, args)
    assert pd.read_csv(io.StringIO(every.stdout), dtype={"post_id": str})["post_id"].tolist() == ["1", "9", "2"]
    for since in ("2026-11-09", "2026-11-09T00:00Z"):
        result = CliRunner().invoke(main, [*args, "--stored-since", since])
        assert result.exit_code == 0, result.stderr
        assert pd.read_csv(io.StringIO(result.stdout), dtype={"post_id": str})["post_id"].tolist() == ["9"]
        assert "1 post to answer since 2026-11-02 12:00 UTC, stored since 2026-11-09 00:00 UTC" in result.stderr
        # (posts 1 and 2, stored the day before and unanswered: in no later --stored-since queue, so it says so)
        assert (
            "2 posts to answer stored before 2026-11-09 00:00 UTC left out, still unanswered: `queue` without "
            "--stored-since lists them"
        ) in result.stderr
    # a time back from now: today's ingest, on this machine's clock, is in the last 24 hours; yesterday's posts
    # ingested again with it kept their first_seen
    relative = CliRunner().invoke(main, [*args, "--stored-since", "24h"])
    assert pd.read_csv(io.StringIO(relative.stdout), dtype={"post_id": str})["post_id"].tolist() == ["9"]
    # FILES were stored at no time: a usage error, not the FILES' whole queue
    data = tmp_path / "p.csv"
    data.write_text("text,created_at\nA lost my bag,2026-11-09T09:00:00Z\n")
    with_files = CliRunner().invoke(main, ["queue", str(data), "-c", str(cfg), "--stored-since", "24h"])
    assert with_files.exit_code == 2 and with_files.stdout == ""
    assert "--stored-since reads when the store first stored each post" in with_files.stderr


def test_stored_since_after_a_run_of_a_clock_that_was_ahead(tmp_path, monkeypatch):
    """A run on a machine whose clock was 57 days ahead stored posts 1-8 as first seen 2027-01-05: every morning's
    `queue --stored-since` listed 1 and 2 as new until then, and nothing said why. Now each command says it (one
    warning line, the store unchanged), and the next ingest dates them by its own time: the queue after it lists them
    once more, the next morning's no more."""
    db, cfg = tmp_path / "h.duckdb", tmp_path / "c.toml"
    cfg.write_text('[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n')
    clock = {"now": pd.Timestamp("2027-01-05T07:00").to_pydatetime()}
    monkeypatch.setattr(store, "_utc_now", lambda: clock["now"])
    store.ingest(db, posts())
    clock["now"] = pd.Timestamp("2026-11-09T11:00").to_pydatetime()  # (put right)

    def queued(now: str, stored_since: str):
        args = ["queue", "--store", str(db), "-c", str(cfg), "--now", now, "--stored-since", stored_since, "-f", "csv"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.stderr
        ids = (
            pd.read_csv(io.StringIO(result.stdout), dtype={"post_id": str})["post_id"].tolist() if result.stdout else []
        )
        return ids, [line for line in result.stderr.splitlines() if line.startswith("warning:")]

    ids, warned = queued("2026-11-09T12:00", "2026-11-09")
    assert ids == ["1", "2"]  # (first stored "2027-01-05": since 2026-11-09, as since any day before it)
    assert warned == [
        f"warning: {db}: its last run is dated 2027-01-05 07:00 UTC, 56 days 20 hours ahead of this clock (2026-11-09"
        " 11:00 UTC): that clock was ahead, or this one is behind; the 8 posts first stored ahead count as first stored"
        " now until an ingest or rescore dates them by its clock (first_seen)"
    ]
    with duckdb.connect(str(db), read_only=True) as con:  # (a reader changed nothing)
        assert con.execute("SELECT DISTINCT first_seen::VARCHAR FROM posts").fetchall() == [("2027-01-05 07:00:00",)]
    clock["now"] = pd.Timestamp("2026-11-09T11:30").to_pydatetime()
    store.ingest(db, enriched([post(9, "2026-11-09T09:00Z", "A", "negative", author="new_angry")]))
    with duckdb.connect(str(db), read_only=True) as con:  # (dated by the ingest that found them ahead)
        assert con.execute("SELECT DISTINCT first_seen::VARCHAR FROM posts").fetchall() == [("2026-11-09 11:30:00",)]
    assert queued("2026-11-09T12:00", "2026-11-09") == (["1", "9", "2"], [])
    assert queued("2026-11-10T12:00", "2026-11-10") == ([], [])  # (the next morning: 1 and 2 were listed, till 2027)


def test_the_queue_says_each_posts_language(tmp_path):
    """A desk bound to answer Welsh posts in Welsh (the Welsh Language Standards) could not tell them apart: the queue
    had no `lang` column, and its table no language. The CSV has it (empty where unknown), the table's head says it."""
    df = posts(lang=["cy", "en", None, None, None, None, None, None])
    df.loc[df["post_id"] == "1", "text"] = "Trên hwyr eto, A yn anobeithiol"
    q = response_queue(df, config(), now=NOW, since=pd.Timestamp("2026-11-02", tz="UTC"))
    assert q["post_id"].tolist() == ["1", "2"] and q["lang"].tolist() == ["cy", "en"]
    result = queue_table(tmp_path, tmp_path / "s.duckdb", df, 120)
    assert result.exit_code == 0, result.stderr
    heads = [line.split("│")[5].strip() for line in result.stdout.splitlines() if "· 2026-11-08" in line]
    assert heads == ["A · 2026-11-08 12:00 · cy", "A · 2026-11-08 13:00 · en"]
    args = ["queue", "--store", str(tmp_path / "s.duckdb"), "-c", str(tmp_path / "c.toml"), "--now", "2026-11-09T12:00"]
    rows = list(csv_module.DictReader(io.StringIO(CliRunner().invoke(main, args).stdout)))
    assert [(r["post_id"], r["lang"]) for r in rows] == [("1", "cy"), ("2", "en")]
    unknown = response_queue(posts(), config(), now=NOW, since=pd.Timestamp("2026-11-02", tz="UTC"))
    assert unknown["lang"].isna().all() and len(unknown) == 2


def test_a_desk_takes_the_posts_of_its_language(tmp_path):
    """`--lang cy` queues the Welsh posts alone, for the desk that answers them in Welsh; `--lang en` the English ones
    and those of no known language (read as English); the count line says which. A brand's reply in any language
    still answers a post."""
    df = posts(lang=["cy", None, None, None, None, "cy", None, None])
    db, cfg = tmp_path / "s.duckdb", tmp_path / "c.toml"
    store.ingest(db, df)
    cfg.write_text('[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n')
    args = ["queue", "--store", str(db), "-c", str(cfg), "--now", "2026-11-09T12:00"]

    def queued(*extra):
        result = CliRunner().invoke(main, [*args, *extra])
        assert result.exit_code == 0, result.stderr
        rows = list(csv_module.DictReader(io.StringIO(result.stdout)))
        return [(r["post_id"], r["lang"]) for r in rows], result.stderr.splitlines()[0]

    assert queued() == ([("1", "cy"), ("2", "")], "2 posts to answer since 2026-11-02 12:00 UTC")
    assert queued("--lang", "cy") == ([("1", "cy")], "1 post to answer in cy since 2026-11-02 12:00 UTC")
    assert queued("--lang", "EN") == ([("2", "")], "1 post to answer in en since 2026-11-02 12:00 UTC")
    assert queued("--lang", "fr")[0] == []


def test_a_desks_language_on_a_day_of_no_posts_is_an_empty_queue(tmp_path):
    """A desk's daily cron job, `queue --lang cy`, on a day the store holds no post of the window (of any language)
    stopped with `error: KeyError: 2`, exit 1: an empty column of languages has no part after `-t-` to look at."""
    db, cfg = tmp_path / "s.duckdb", tmp_path / "c.toml"
    store.ingest(db, posts(lang=["cy", None, None, None, None, "cy", None, None]))
    cfg.write_text('[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n')
    args = ["queue", "--store", str(db), "-c", str(cfg), "--now", "2026-12-20T12:00", "-f", "csv", "--lang", "cy"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    assert list(csv_module.DictReader(io.StringIO(result.stdout))) == []
    assert result.stderr.splitlines()[0] == "0 posts to answer in cy since 2026-12-13 12:00 UTC"


def test_a_desks_language_takes_its_regions_and_its_three_letter_codes(tmp_path):
    """`--lang en` left out an export's "en-GB" posts, and `--lang cym` (Welsh's ISO 639-2 code) or a file's "cym"
    queued nothing: a code takes its regions' posts, and three-letter codes are read as the `lang` column is."""
    df = posts(lang=["en-GB", "cym", None, None, None, None, None, None])
    db, cfg = tmp_path / "s.duckdb", tmp_path / "c.toml"
    store.ingest(db, df)
    cfg.write_text('[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n')
    args = ["queue", "--store", str(db), "-c", str(cfg), "--now", "2026-11-09T12:00", "-f", "json"]

    def queued(*extra):
        result = CliRunner().invoke(main, [*args, *extra])
        assert result.exit_code == 0, result.stderr
        return [(r["post_id"], r["lang"]) for r in json.loads(result.stdout)]

    assert queued("--lang", "en") == [("1", "en-gb")]
    assert queued("--lang", "cy") == queued("--lang", "cym") == queued("--lang", "wel") == [("2", "cy")]
    assert queued("--lang", "en-gb") == [("1", "en-gb")] and queued("--lang", "en-us") == []
    # a review Google translated from Spanish (`en-t-es`) is the Spanish desk's too: `--lang es` left it out
    translated = posts(lang=["en-t-es", "cy", None, None, None, None, None, None])
    store.ingest(db, translated)
    assert queued("--lang", "es") == [("1", "en-t-es")] and queued("--lang", "en") == [("1", "en-t-es")]
    assert queued("--lang", "fr") == []
    # the count line names the language as read, not as typed: "in wel" named no lang column's code
    said = CliRunner().invoke(main, [*args, "--lang", "wel", "--lang", "CY"]).stderr
    assert "1 post to answer in cy since " in said, said


def test_an_urgent_intent_heads_the_queue(tmp_path):
    """A hospital's safety signal: "my dad fell on the ward" is neutral and by a small account, so with `answer =
    true` it was queued last, after parking and app complaints of larger accounts (a tester's: 150th of 229).
    `urgent = true` puts the intent's posts first (by their own priority among them), queued as `answer` does."""
    src = tmp_path / "posts.csv"
    src.write_text(
        "id,created_at,author,author_followers,likes,text\n"
        "1,2026-11-08T10:00Z,u1,90000,40,Northgate parking is a rip off and the app is terrible\n"
        "2,2026-11-08T11:00Z,u2,5000,10,Waited 9 hours in Northgate A&E. Awful\n"
        "3,2026-11-08T09:00Z,u3,12,0,My dad fell on the ward at Northgate and nobody noticed for an hour\n"
        "4,2026-11-08T08:00Z,u4,40,0,Northgate gave my mum the wrong medication. Awful\n"
    )
    db, cfg = tmp_path / "s.duckdb", tmp_path / "c.toml"
    base = '[brands.Northgate]\nterms = ["Northgate"]\n'
    base += '[intent.safety]\nkeywords = ["fell on the ward", "wrong medication"]\n'
    cfg.write_text(base + "urgent = true\n")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(src), "--store", str(db), "-c", str(cfg), "-q"]).exit_code == 0
    args = ["queue", "--store", str(db), "-c", str(cfg), "--since", "2026-11-01", "--until", "2026-11-09", "-f", "csv"]

    def order() -> list[str]:
        result = runner.invoke(main, [*args, "-q"])
        assert result.exit_code == 0, result.output
        q = pd.read_csv(io.StringIO(result.stdout), dtype={"post_id": str})
        return [f"{p}:{r}" for p, r in zip(q["post_id"], q["reason"], strict=True)]

    # (the medication error, negative, before the fall, neutral: each one's priority among the urgent)
    assert order() == ["4:negative+safety", "3:safety", "1:negative+complaint", "2:negative+complaint"]
    cfg.write_text(base + "answer = true\n")
    assert order()[2:] == ["4:negative+safety", "3:safety"]  # (queued, but by priority alone: last)
    cfg.write_text(base + 'urgent = "yes"\n')
    bad = runner.invoke(main, args)
    assert bad.exit_code == 5 and "urgent must be true or false" in bad.stderr


def test_the_example_food_safety_intent_heads_the_queue(tmp_path):
    """examples/food-safety.toml, a pet-food maker's ready `[intent.safety]`: a tester's neutral "seizure after the
    dental sticks" and a 1-star review of plastic in the bag (positive before stop 44, for its "best before") were
    not queued at all, and a pet "sick after eating it" came after larger accounts' delivery complaints. With it they
    come first; a customer "sick of waiting" or who "can't recall ordering" is no safety signal."""
    example = Path(__file__).parent.parent / "examples" / "food-safety.toml"
    src = tmp_path / "posts.csv"
    rows = [
        ("1", 90000, "PawPal charged me twice for my box and no reply, awful service"),
        ("2", 40, "Dog had a seizure after PawPal dental sticks. Reported to the FSA."),
        ("3", 0, "Found plastic in the bag of PawPal lamb. Lot 24113B, best before 03/2027"),
        ("4", 25, "Both cats are sick since we opened the new bag of PawPal"),
        ("5", 300, "Is there a PawPal recall? My spaniel won't stop vomiting"),
        ("6", 5000, "Sick of waiting for my PawPal delivery, terrible"),
        ("7", 4000, "PawPal charged me and I can't recall ordering it, useless"),
    ]
    with src.open("w", newline="") as f:
        out = csv_module.writer(f)
        out.writerow(["id", "created_at", "author", "author_followers", "text"])
        out.writerows([(i, "2026-11-08T10:00Z", f"u{i}", n, text) for i, n, text in rows])
    q = _queue_csv(str(src), "-c", str(example), "--until", "2026-11-09", "-q")
    safety = [p for p, r in zip(q["post_id"], q["reason"], strict=True) if r.endswith("safety")]
    assert sorted(safety) == ["2", "3", "4", "5"]
    assert q["post_id"].tolist()[:4] == safety and sorted(q["post_id"].tolist()[4:]) == ["1", "6", "7"]


def _example_analyzed(tmp_path, name: str, rows: list, created: str) -> tuple[Path, Path, pd.DataFrame]:
    """A shipped example config (`examples/NAME`), a CSV of `rows` (id, followers, text, and the author where a row
    gives one: else `u` and the id) posted at `created`, and `analyze`'s rows of it with that config, by post id."""
    example = Path(__file__).parent.parent / "examples" / name
    src = tmp_path / "posts.csv"
    with src.open("w", newline="") as f:
        out = csv_module.writer(f)
        out.writerow(["id", "created_at", "author", "author_followers", "text"])
        out.writerows([(i, created, by[0] if by else f"u{i}", n, text) for i, n, text, *by in rows])
    analyzed = CliRunner().invoke(main, ["analyze", str(src), "-c", str(example), "-f", "csv", "-q"])
    assert analyzed.exit_code == 0, analyzed.output
    return example, src, pd.read_csv(io.StringIO(analyzed.stdout), dtype={"post_id": str}).set_index("post_id")


def test_the_example_energy_utility_config_queues_vulnerable_customers_first(tmp_path):
    """examples/energy-utility.toml, a utility's storm night: with the built-in rules "my mom is on oxygen and the power
    is out" was neutral, of no intent and not queued, "Power's been out 5 hours now" and "Still no power. Day 2" in no
    topic and not queued, a lost freezer of food `food`, and an outage a telecom's `network`. With it the vulnerable
    customer and the downed line head the queue, before a large account's hold-time complaint; a thank-you for a gas
    leak fixed is no hazard, and power back on is no outage."""
    rows = [
        ("1", 90000, "On hold with Northgrid for 2 hours, this is ridiculous"),
        ("2", 12, "@NorthgridHelp my mom is on oxygen and the power is out, her concentrator has 3 hours left"),
        ("3", 40, "Downed line on Oak St sparking, called Northgrid 2 hours ago"),
        ("4", 300, "Power's been out 5 hours now. @Northgrid any update?"),
        ("5", 200, "Still no power. Day 2. Northgrid you are a joke"),
        ("6", 5000, "Lost a whole freezer of food thanks to Northgrid. Will there be compensation?"),
        ("7", 100, "Great service from Northgrid, fixed my gas leak report within the hour"),
        ("8", 100, "Power is back on in Elm Park! Thank you Northgrid crews"),
        ("9", 100, "Blackout Friday deals on smart thermostats from Northgrid"),
    ]
    example, src, a = _example_analyzed(tmp_path, "energy-utility.toml", rows, "2026-12-05T10:00Z")
    assert a.loc["4", "topics"].split(";")[0] == "outage" and a.loc["5", "topics"] == "outage"
    assert a.loc["6", "topics"] == "compensation" and a.loc["7", "topics"] != "hazard"
    assert "outage" not in str(a.loc["9", "topics"])  # (a sale, not a blackout)
    assert a.loc["2", "intent"] == "vulnerable" and a.loc["3", "intent"] == "hazard"
    assert a.loc["4", "intent"] == a.loc["5", "intent"] == "outage" and a.loc["8", "intent"] == "praise"
    q = _queue_csv(str(src), "-c", str(example), "--until", "2026-12-06", "-q")
    assert sorted(q["post_id"].tolist()[:2]) == ["2", "3"]
    assert {"1", "4", "5"} <= set(q["post_id"]) and not {"7", "8"} & set(q["post_id"])


def test_the_example_courier_config_queues_missed_lost_and_mishandled_parcels(tmp_path):
    """examples/courier.toml, a parcel courier's December: with the built-in rules "great, another 'attempted
    delivery'" and "thanks ... for leaving my parcel in a puddle, love that for me" were praise, "I WAS IN.", a parcel
    "left ... in the pouring rain", "threw my parcel over the fence", "marked as delivered but there's nothing here",
    "at the hub for 5 days" and "über den Zaun geworfen" of no intent, none of them queued, and a "we missed you" card
    in no topic. With it each of ours is queued by what went wrong; a driver who "delivered in the rain but bagged
    it", a driver's praise and a parcel "a day early" are not."""
    rows = [
        ("1", 100, "Parcelo said 'we missed you' but I was home ALL DAY. No knock, nothing. @ParceloHelp"),
        ("2", 100, "great, another 'attempted delivery' from Parcelo. I was sitting by the door."),
        ("3", 100, "Parcelo card through the door saying I wasn't in. I WAS IN."),
        ("4", 100, "@Parcelo left my parcel on the doorstep in the pouring rain, box soaked through"),
        ("5", 100, "Parcelo driver literally threw my parcel over the fence. Screen cracked."),
        ("6", 100, "Wow thanks Parcelo for leaving my parcel in a puddle, love that for me"),
        ("7", 100, "Parcelo marked my parcel as delivered but there's nothing here. Photo shows someone else's door"),
        ("8", 100, "@DPXExpress my parcel has been at the hub for 5 days"),
        ("9", 100, "Had to pay £18 customs fee to Parcelo for a £20 jumper. Absolute joke"),
        ("10", 100, "Parcelo hat mein Paket einfach über den Zaun geworfen"),
        ("11", 100, "ShipQuick delivered in the rain but bagged it, proper job"),
        ("12", 100, "Shoutout to the Parcelo driver on our street, always friendly and careful with parcels"),
        ("13", 100, "Thanks Parcelo, arrived a day early!"),
        ("14", 100, "DPX Express driver threw my parcel over the gate. Thanks DPX."),
    ]
    example, src, a = _example_analyzed(tmp_path, "courier.toml", rows, "2026-12-05T10:00Z")
    intents = a["intent"].fillna("").to_dict()
    assert [intents[i] for i in ["1", "2", "3"]] == ["missed-delivery"] * 3
    assert [intents[i] for i in ["4", "5", "6", "10"]] == ["mishandled"] * 4
    assert intents["7"] == intents["8"] == "not-delivered" and intents["9"] == "customs"
    assert intents["11"] == "" and intents["12"] == intents["13"] == "praise"
    topics = a["topics"].fillna("").str.split(";").to_dict()
    assert topics["1"] == ["missed-delivery"] and topics["4"] == ["left-outside"] and topics["9"] == ["customs"]
    assert set(topics["5"]) == {"left-outside", "damaged", "driver"} and topics["8"] == ["tracking"]
    assert topics["11"] == [""] and topics["12"] == ["driver"] and topics["13"] == ["delivery-time"]
    assert a.loc["8", "brands"] == "DPX Express" and a.loc["4", "brands"] == "Parcelo"
    # examples/courier-words.toml: a parcel thrown over a gate or left in a puddle is an event, so the thanks after it
    # is sarcasm (+0.41 and +0.89 without it, praise); rain alone is no fault, and a day early is still praise
    labels = a["sentiment_label"].to_dict()
    assert labels["14"] == labels["6"] == labels["5"] == "negative" and intents["14"] == "mishandled"
    assert labels["11"] == "neutral" and labels["13"] == labels["12"] == "positive"
    queued = set(_queue_csv(str(src), "-c", str(example), "--until", "2026-12-06", "-q")["post_id"])
    assert queued == {str(i) for i in range(1, 11)} - {"8"}  # (8 is a competitor's parcel: not ours to answer)


def test_the_example_gym_config_queues_injuries_money_after_cancelling_and_crowding(tmp_path):
    """examples/gym.toml, a gym chain's January: with the built-in rules "can't get a squat rack at 6pm" and "ok so
    FlexFit app won't let me check in again" were neutral, of no intent and not queued, "40 min wait for a bench" a
    flight's `delays`, "spin class killed me. 10/10 would die again" a complaint (-0.69), "Staff said not their
    problem" positive (+0.27), and an injury nearly had and a dead father's account still charged ordinary complaints
    behind a large account's. With it those two head the queue, each of the others by what went wrong; a new
    member's "Just joined", a cancellation done in the app and a competitor's billing are not queued."""
    rows = [
        ("1", 90000, "FlexFit at 6pm in January is a zoo. 40 min wait for a bench"),
        ("2", 20, "Cable machine snapped mid set at FlexFit. could've been hurt. nobody from staff cared"),
        ("3", 30, "Why is FlexFit still taking money from my dead father's account? We've sent the death certificate"),
        ("4", 300, "still charged after cancelling my FlexFit membership. £34.99 again this month"),
        ("5", 100, "Been trying to cancel my FlexFit membership for 3 months"),
        ("6", 100, "ok so FlexFit app won't let me check in again"),
        ("7", 100, "can't get a squat rack at 6pm at FlexFit. every. single. day."),
        ("8", 100, "love the new spin classes at FlexFit 🔥🚴"),
        ("9", 100, "FlexFit's spin class killed me. 10/10 would die again"),
        ("10", 100, "what time does FlexFit open on New Year's Day?"),
        ("11", 100, "Switching from FlexFit to PulseGym. cheaper and the app works"),
        ("12", 100, "booked a yoga class at FlexFit and the instructor didn't show up"),
        ("13", 100, "Someone stole my phone from a FlexFit locker. Staff said not their problem"),
        ("14", 100, "Just joined FlexFit! New year new me 💪"),
        ("15", 100, "Cancelled my FlexFit membership today. Easiest thing ever, done in the app in 2 minutes 👍"),
        ("16", 100, "PulseGym still charged me after cancelling too"),
    ]
    example, src, a = _example_analyzed(tmp_path, "gym.toml", rows, "2027-01-12T10:00Z")
    intents = a["intent"].fillna("").to_dict()
    assert intents["2"] == "injury" and intents["3"] == "hardship"
    assert intents["4"] == intents["16"] == "charged-after-cancel" and intents["5"] == "cancel"
    assert intents["6"] == "check-in" and intents["1"] == intents["7"] == "crowding"
    assert intents["8"] == intents["9"] == "praise" and intents["10"] == "question"
    assert intents["11"] == "switching" and intents["12"] == "class-booking"
    assert intents["14"] == intents["15"] == ""
    topics = a["topics"].fillna("").str.split(";").to_dict()
    assert topics["1"] == topics["7"] == ["crowding"] and topics["4"] == ["cancellation", "billing"]
    assert topics["6"] == ["check-in", "app"] and topics["10"] == ["opening-hours"] and topics["14"] == ["joining"]
    assert topics["9"] == topics["12"] == ["classes"] and topics["13"] == ["facilities", "staff"]
    assert "switching" in topics["11"] and topics["15"] == ["cancellation", "app"]
    # examples/gym-words.toml: a workout's pain is praise, a full gym and a shrug from the staff complaints
    labels = a["sentiment_label"].to_dict()
    assert labels["9"] == labels["8"] == labels["15"] == "positive"
    assert labels["6"] == labels["7"] == labels["13"] == "negative"
    q = _queue_csv(str(src), "-c", str(example), "--until", "2027-01-13", "-q")["post_id"].tolist()
    assert sorted(q[:2]) == ["2", "3"]
    assert set(q) == {"1", "2", "3", "4", "5", "6", "7", "10", "11", "12", "13"}  # (16 is a competitor's)


def test_the_example_smarthome_config_queues_the_cold_and_burst_pipes_first(tmp_path):
    """examples/smarthome.toml, a smart-home maker's morning after a cloud outage: with the built-in rules "doorbell
    still offline. Any ETA?" was a courier's `shipping-delivery`, an 84-year-old mother without heat and burst pipes
    ordinary complaints behind a large account's, "Switching to Kova" a complaint, "Calora is going in the bin" praise
    (+0.53) and "Mine is still offline" neutral. With it the vulnerable customer and the burst pipes head the queue,
    each of the others by what went wrong; a feature request stays a suggestion (report's "Suggestions asked most"),
    and it, a competitor's "works offline" and a customer's praise are not queued."""
    rows = [
        ("1", 90000, "The Calora app says 'Something went wrong (error 503)'. Yes. Yes it did."),
        ("2", 20, "My 84 year old mother's heating is run by Calora and it's been off all night. This is dangerous."),
        ("3", 30, "@Calora my pipes burst overnight. Thermostat was offline from 3am. I need to speak to someone NOW"),
        ("4", 100, "Calora doorbell still offline. Any ETA @CaloraSupport ?"),
        ("5", 100, "Great job @Calora, 2.5 hours of no heating. Really loving the smart in smart home 🙃"),
        ("6", 100, "Switching to Kova. Done with Calora after this."),
        ("7", 100, "Thank god we kept our old Honeywell in the garage. Calora is going in the bin"),
        ("8", 100, "Schedule wiped by the 4.12.4 update. @CaloraSupport how do I restore it?"),
        ("9", 100, "Will Calora compensate subscribers for today? Paying £5/month for Calora Protect"),
        ("10", 100, "Can Calora please add offline local control? Like every other thermostat on the planet"),
        ("11", 100, "Calora thermostat working perfectly this morning, schedule intact. Love it."),
        ("12", 100, "Vantio app is clunky but at least it works offline lol"),
        ("13", 100, "Is Calora working again for anyone? Mine is still offline in Leeds"),
    ]
    example, src, a = _example_analyzed(tmp_path, "smarthome.toml", rows, "2026-12-06T10:00Z")
    intents = a["intent"].fillna("").to_dict()
    assert intents["2"] == "vulnerable" and intents["3"] == "damage" and intents["5"] == "no-heat"
    assert intents["4"] == intents["13"] == "offline" and intents["6"] == intents["7"] == "switching"
    assert intents["8"] == "firmware" and intents["9"] == "compensation" and intents["10"] == "suggestion"
    assert intents["1"] == "complaint" and intents["11"] == "praise" and intents["12"] == ""
    topics = a["topics"].fillna("").str.split(";").to_dict()
    assert topics["4"] == ["offline", "cameras-doorbell", "support"] and topics["1"] == ["app-login"]
    assert "damage" in topics["3"] and topics["9"] == ["subscription"] and "firmware-update" in topics["8"]
    assert topics["10"] == ["heating", "local-control"] and topics["6"] == topics["7"] == ["switching"]
    # examples/smarthome-words.toml: a device offline and a thermostat in the bin are negative, "works offline" nothing
    labels = a["sentiment_label"].to_dict()
    assert labels["3"] == labels["13"] == "negative" and labels["7"] != "positive"
    assert labels["11"] == labels["12"] == "positive"
    q = _queue_csv(str(src), "-c", str(example), "--until", "2026-12-07", "-q")["post_id"].tolist()
    assert sorted(q[:2]) == ["2", "3"]
    assert set(q) == {"1", "2", "3", "4", "5", "6", "7", "8", "9", "13"}  # (12 is a competitor's)


def test_the_example_water_config_queues_the_sick_and_is_it_safe_first(tmp_path):
    """examples/water.toml, a water utility's boil-water notice after a main burst: with the built-in rules "Brown
    water coming out of the taps ... is this safe?" was praise (+0.25), "No pressure at all on Station Road" praise
    (+0.18), "main burst flooded our street. Brilliant." praise (+0.56), "Water tastes of chlorine" a restaurant's
    `food`, and "My 87 year old neighbour ... can't get to the bottled water station" a question behind a large
    account's. With it the sick child, the brown water, "is it safe to drink" and the vulnerable head the queue
    before the large account's complaint; the towns are topics; the council's own post is left out, and the thanks
    to the crews and the notice lifted are positive, not queued."""
    rows = [
        ("1", 90000, "@ClearbrookWater no pressure at all on Station Road since 6am"),
        ("2", 20, "Brown water coming out of the taps in Millfield. @ClearbrookWater is this safe?"),
        ("3", 30, "@ClearbrookWater my 2 year old drank the tap water and has been sick twice. What do I do??"),
        ("4", 40, "Is it safe to drink yet in Ashby? @ClearbrookWater"),
        ("5", 50, "My 87 year old neighbour in Hollins can't get to the bottled water station. @ClearbrookWater"),
        ("6", 100, "Water tastes of chlorine in Ashby now. Clearbrook is that normal"),
        ("7", 100, "Clearbrook water main burst flooded our street. Brilliant."),
        ("8", 100, "Thank you to the crews from Clearbrook Water working through the night on the burst main"),
        ("9", 100, "Clearbrook boil notice lifted in Ashby! Finally a proper cuppa"),
        ("10", 100, "Clearbrook I'm sick of boiling kettles"),
        # (the council's own: no customer's post, whatever its words, as [others] names its handle)
        ("11", 5000, "No bottles left at Ashby Leisure Centre: Clearbrook Water's delivery is late", "AshbyCouncil"),
        ("12", 10, "@ClearbrookWater my son was taken to hospital after drinking the water in Ashby"),
    ]
    example, src, a = _example_analyzed(tmp_path, "water.toml", rows, "2026-12-06T10:00Z")
    intents = a["intent"].fillna("").to_dict()
    assert intents["2"] == intents["3"] == intents["4"] == intents["5"] == "safety"
    assert intents["1"] == intents["6"] == "supply" and intents["10"] == "complaint"  # (not "sick")
    assert intents["8"] == "praise" and intents["7"] == "complaint"
    topics = a["topics"].fillna("").str.split(";").to_dict()
    assert topics["1"] == ["station-road", "supply"] and topics["2"] == ["millfield", "safety"]
    assert topics["5"] == ["hollins", "bottled-water"] and topics["6"] == ["ashby", "safety"]
    assert "safety" not in topics["10"]
    # examples/water-words.toml: no pressure, brown water and a burst main are negative; "is it safe?" no praise
    labels = a["sentiment_label"].to_dict()
    assert labels["1"] == labels["2"] == labels["7"] == "negative" and labels["4"] == "neutral"
    assert labels["8"] == labels["9"] == "positive"
    args = ["queue", str(src), "-c", str(example), "--until", "2026-12-07", "-f", "csv", "-q"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    q = pd.read_csv(io.StringIO(result.stdout), dtype={"post_id": str})["post_id"].tolist()
    assert sorted(q[:5]) == ["12", "2", "3", "4", "5"]
    assert set(q) == {"1", "2", "3", "4", "5", "6", "7", "10", "12"}  # (11 is the council's own)
    # each safety post heads the queue, but pages no one by itself (a notice's hundreds would page hundreds of times);
    # a child taken to hospital does, once
    alerts = ["alerts", str(src), "-c", str(example), "--until", "2026-12-07", "--dry-run", "-q"]
    result = CliRunner().invoke(main, alerts)
    assert result.exit_code == 3, result.output
    assert result.stdout.count("safety post") == 1 and "taken to hospital" in result.stdout, result.stdout


def test_the_example_gamestudio_config_reads_a_broken_patchs_slang(tmp_path):
    """examples/gamestudio.toml, a game studio's morning after a patch that wiped saves: with the built-in rules and
    lexicon "my save is gone. 200 hours. rollback pls" was praise (+0.52, a save being a rescue to VADER), "rip my
    200h save ... rollback pls" a `suggestion`, "lmao the new bundle is straight pay2win, L" praise (+0.68), a lost
    save, matchmaking and pay-to-win of no topic. With it each is queued by what broke; a request stays a suggestion,
    and praise and a competitor's pay-to-win are not queued."""
    rows = [
        ("1", 100, "rip my 200h save 💀💀 patch 2.3.0 wiped my character. rollback pls"),
        ("2", 100, "my save is gone. 200 hours. rollback pls"),
        ("3", 5000, "GG devs, you broke matchmaking. stuck in queue forever, lagging af"),
        ("4", 100, "L patch. unplayable. crashes on launch since 2.3.0"),
        ("5", 100, "10/10 would crash again 🙃"),
        ("6", 100, "lmao the new bundle is straight pay2win, L"),
        ("7", 100, "uninstalled. Crownfire it is. GG"),
        ("8", 100, "pls add an option to export saves locally so this never happens again"),
        ("9", 100, "W update, the new map slaps 🔥🔥 Shardfall is peak"),
        ("10", 100, "can you guys nerf the sniper already, its so broken"),
        ("11", 100, "Matchmaking is cooked. 20 min in queue"),
        ("12", 100, "Voidrunners battle pass is pay2win too lol"),
    ]
    example, src, a = _example_analyzed(tmp_path, "gamestudio.toml", rows, "2026-12-02T10:00Z")
    intents = a["intent"].fillna("").to_dict()
    assert intents["1"] == intents["2"] == "save-loss" and intents["3"] == intents["11"] == "matchmaking"
    assert intents["4"] == intents["5"] == "crash" and intents["6"] == intents["12"] == "pay-to-win"
    assert intents["7"] == "switching" and intents["8"] == "suggestion" and intents["10"] == "complaint"
    topics = a["topics"].fillna("").str.split(";").to_dict()
    assert topics["1"] == ["saves", "patch"] and topics["3"] == ["matchmaking"] and topics["4"] == ["crashes", "patch"]
    assert topics["6"] == topics["12"] == ["pay-to-win"] and topics["10"] == ["balance"] and topics["9"] == ["patch"]
    # `about`: a post naming no game is ours, one naming a competitor is the competitor's alone
    assert a.loc["2", "brands"] == "Shardfall" and a.loc["7", "brands"] == "Crownfire"
    # examples/gamestudio-words.toml: a lost save, pay2win, "GG devs" and "would crash again" are negative, "W" praise
    labels = a["sentiment_label"].to_dict()
    assert labels["1"] == labels["2"] == labels["3"] == labels["5"] == labels["6"] == labels["11"] == "negative"
    assert labels["9"] == "positive" and labels["8"] == "neutral"
    queued = _queue_csv(str(src), "-c", str(example), "--until", "2026-12-03", "-q")["post_id"].tolist()
    assert queued[0] == "3" and set(queued) == {"1", "2", "3", "4", "5", "6", "10", "11"}  # (7, 12: competitors')


def test_the_example_fashion_config_queues_faults_unpaid_refunds_and_sale_prices(tmp_path):
    """examples/fashion.toml, an online fashion retailer's January sales: with the built-in rules "jeans run small" and
    "dress fell apart after one wash" were neutral, of no topic nor intent and not queued, "returns label won't
    generate" of no topic nor intent, a sale price "not applied at checkout" a flight's `booking`, "a stained jumper"
    `cleanliness` and a skirt worn "to dinner" `food`. With it each of ours is queued by what went wrong; a haul's
    praise and a competitor's fast refund (0 without it, praise with it) are not."""
    rows = [
        ("1", 100, "@VelvetRow jeans run small. Ordered my usual 12 and can't get them over my hips. Size up!!"),
        ("2", 100, "Velvet Row dress fell apart after one wash. Seams just gave up."),
        ("3", 100, "Velvet Row returns label won't generate. Tried 5 times"),
        ("4", 100, "Still waiting for my refund from Velvet Row, it's been 3 weeks since they got my return"),
        ("5", 100, "Sale price wasn't applied at checkout on VelvetRow, got charged full price for the boots"),
        ("6", 100, "Velvet Row sent a stained jumper. Disappointed"),
        ("7", 100, "Velvet Row jumper bobbled after one wear. Cheap fabric"),
        ("8", 100, "Velvet Row sale code SAVE20 not working at checkout"),
        ("9", 100, "Sigo esperando el reembolso de Velvet Row, ya van tres semanas"),
        ("10", 100, "Haul time! Velvet Row x January sale, everything fits true to size, love love love"),
        ("11", 100, "obsessed with the Velvet Row satin skirt, wore it to dinner and got 5 compliments"),
        ("12", 100, "Maison Nord refund was fast"),
        ("13", 100, "Kitsch&Co top shrank in the wash"),
        ("14", 100, "Velvet Row refund? what refund. 4 weeks"),
    ]
    example, src, a = _example_analyzed(tmp_path, "fashion.toml", rows, "2026-01-14T10:00Z")
    intents = a["intent"].fillna("").to_dict()
    assert intents["1"] == "sizing" and intents["3"] == "returns-label"
    assert intents["2"] == intents["6"] == intents["7"] == intents["13"] == "quality-fault"
    assert intents["4"] == intents["9"] == intents["14"] == "refund-delay"
    assert intents["5"] == intents["8"] == "sale-price"
    assert intents["10"] == "praise" and intents["11"] == intents["12"] == ""
    topics = a["topics"].fillna("").str.split(";").to_dict()
    assert topics["1"] == ["sizing-fit"] and topics["2"] == topics["6"] == ["quality"] and topics["3"] == ["returns"]
    assert topics["5"] == ["sale-pricing", "checkout-website"] and topics["9"] == ["refunds"]
    assert topics["10"] == ["sizing-fit", "sale-pricing", "hauls-influencers"] and topics["11"] == [""]
    assert a.loc["13", "brands"] == "Kitsch&Co" and a.loc["8", "brands"] == "Velvet Row"
    # examples/fashion-words.toml: a garment that runs small, fell apart, bobbled or shrank is a complaint (each 0
    # without it), a refund that was fast praise (0 too), and "true to size" still praise
    labels = a["sentiment_label"].to_dict()
    assert labels["1"] == labels["2"] == labels["3"] == labels["7"] == labels["13"] == "negative"
    assert labels["10"] == labels["12"] == "positive" and pd.isna(a.loc["9", "sentiment"])
    queued = set(_queue_csv(str(src), "-c", str(example), "--until", "2026-01-15", "-q")["post_id"])
    assert queued == {"1", "2", "3", "4", "5", "6", "7", "8", "9", "14"}  # (12, 13 are competitors')


def test_the_example_ticketing_config_reads_an_on_sale_meltdown(tmp_path):
    """examples/ticketing.toml, a ticketing app's on-sale day: with the built-in rules and lexicon "sold out in 2
    minutes on @Gigstub lol. love that for me" was praise (+0.78), "Great job @Gigstub, the bots got every ticket"
    praise (+0.53), "the barcode won't scan. Security won't let us in" positive (+0.30, `safety`), a transfer "'pending'
    for 4 days" neutral and of no intent, and "tickets not showing ... the gig is TONIGHT" not queued. With it each is
    read by what went wrong, the fans at the door head the queue, a feature request stays a suggestion, and a day of
    on-sale posts alerts as the brand's spike "mostly about onsale"."""
    rows = [
        ("1", 100, "Gigstub queue crashed at 10:00 on the dot. Was 2,000th in line, refreshed, now 48,000th. Amazing."),
        ("2", 100, "sold out in 2 minutes on @Gigstub lol. love that for me"),
        ("3", 9000, "Great job @Gigstub, the bots got every ticket and now they're on resale for £400. Fans come last"),
        ("4", 70, "@GigstubHelp tickets not showing in my app and the gig is TONIGHT. Please help"),
        ("5", 300, "At the door and the Gigstub barcode won't scan. Security won't let us in. Show starts in 10 min"),
        ("6", 100, "Gigstub ticket transfer has been 'pending' for 4 days. Concert is Saturday."),
        ("7", 100, "Show got cancelled 6 weeks ago and Gigstub still hasn't refunded me. £180."),
        (
            "8",
            100,
            "Would be nice if Gigstub showed the full price including fees from the start instead of at checkout",
        ),
        ("9", 100, "Gigstub you absolute heroes, refund for the cancelled festival landed in 3 days"),
        ("10", 100, "Sold my spare on Gigstub resale in 10 minutes at face value. Easy and fair, fair play."),
        ("11", 100, "TixNow queue was smooth as butter for the same tour, Gigstub melted down. Switching."),
        ("12", 100, "Queue for the bar at the gig was longer than the Gigstub queue lol. Great night though"),
        ("13", 100, "Gigstub took my money twice and no tickets. Bank shows two charges of £120."),
        (
            "14",
            100,
            "the Gigstub waiting room is a lottery. 3 devices, all 50k+ in line. Sold out before I got through",
        ),
        ("15", 100, "Gigstub wants a £3.50 fee to transfer a ticket to my own brother lmao"),
        ("16", 100, "Gigstub refund for the postponed show came through, cheers"),
    ]
    example, src, a = _example_analyzed(tmp_path, "ticketing.toml", rows, "2026-11-30T10:00Z")
    intents = a["intent"].fillna("").to_dict()
    assert intents["1"] == intents["2"] == intents["14"] == "onsale" and intents["3"] == "bots-scalpers"
    assert intents["4"] == intents["5"] == "entry" and intents["6"] == "transfer" and intents["7"] == "refund"
    assert intents["8"] == "suggestion" and intents["9"] == intents["10"] == intents["12"] == "praise"
    assert intents["11"] == "switching" and intents["13"] == "payment" and intents["15"] == "fees"
    assert intents["16"] == "praise"  # (a complaint without it: "postponed", -0.16)
    topics = a["topics"].fillna("").str.split(";").to_dict()
    assert topics["1"] == topics["2"] == ["onsale"] and topics["3"] == ["bots-scalpers", "resale"]
    assert topics["5"] == ["tickets-in-app", "entry"] and topics["6"] == ["transfers"]
    assert topics["7"] == topics["9"] == ["refunds-cancellations"] and topics["8"] == ["fees-pricing"]
    assert a.loc["11", "brands"] == "Gigstub;TixNow"
    # examples/ticketing-words.toml: sold out, bots, a pending transfer and a barcode that won't scan are complaints
    labels = a["sentiment_label"].to_dict()
    assert {labels[i] for i in ("1", "2", "3", "4", "5", "6", "7", "13", "14")} == {"negative"}
    assert labels["9"] == labels["10"] == labels["12"] == labels["16"] == "positive"
    assert labels["15"] == "neutral"  # (a laugh at a fee: "lmao" was +0.58)
    queued = _queue_csv(str(src), "-c", str(example), "--until", "2026-12-01", "-q")["post_id"].tolist()
    assert sorted(queued[:2]) == ["4", "5"] and not {"9", "10", "12", "16"} & set(queued)
    # a fortnight of two quiet posts a day, then the on-sale hour (its 5 posts above and 6 more; a bucket needs 10 to
    # alert): the onsale topic's spike, 11 of the day's 22 posts, all naming Gigstub, is said in the brand's line
    columns = ["id", "created_at", "author", "author_followers", "text"]
    days = pd.date_range("2026-11-16T12:00Z", periods=14, freq="D").strftime("%Y-%m-%dT%H:%MZ")
    texts = ["Got my Gigstub tickets for Saturday, can't wait!", "Does Gigstub do student discounts?"]
    quiet = [(f"q{k}{j}", day, f"fan{k}{j}", 50, t) for k, day in enumerate(days) for j, t in enumerate(texts)]
    pd.DataFrame(quiet, columns=columns).to_csv(tmp_path / "quiet.csv", index=False)
    more = [f"is Gigstub down? queue page won't load #{k}" for k in range(6)]
    meltdown = [(f"m{k}", "2026-11-30T10:05Z", f"m{k}", 10, t) for k, t in enumerate(more)]
    pd.DataFrame(meltdown, columns=columns).to_csv(tmp_path / "meltdown.csv", index=False)
    files = [str(tmp_path / "quiet.csv"), str(src), str(tmp_path / "meltdown.csv")]
    alerts = ["alerts", *files, "-c", str(example), "--until", "2026-12-01", "--dry-run", "-q"]
    fired = CliRunner().invoke(main, alerts)
    assert fired.exit_code == 3, fired.output
    assert fired.stdout.startswith("Gigstub: negative and volume spike on 2026-11-30: "), fired.stdout
    assert fired.stdout.count("\n") == 1 and "; mostly about onsale (11 of the 22 posts)" in fired.stdout
    assert "safety" not in fired.stdout  # (the fans at the door head the queue, and page only as a spike)


def test_the_example_telecom_config_puts_the_vulnerable_and_those_who_cannot_work_first(tmp_path):
    """examples/telecom.toml, a broadband and mobile provider's outage week: with the built-in rules "my mum is 84 and
    relies on her landline ... Her care alarm runs on it" was an ordinary complaint queued after larger accounts',
    "can't work, can't teach my online classes" and "I'm deaf and can't phone Lumenet" were not queued, "Paying Lumenet
    for 500 Mbps and getting 20" was of no intent, "broadband down again. Working from home today so that's great."
    praise (+0.38), "an engineer fixed the line by lunch" `food`. With it the vulnerable and those who cannot work
    head the queue, a credit for an outage is praise, not an outage, and an area's outage alerts as the area."""
    rows = [
        ("1", 90000, "On hold with Lumenet for 2 hours then the call dropped"),
        (
            "2",
            45,
            "@Lumenet my mum is 84 and relies on her landline, it's been dead since Monday. Her care alarm runs on it",
        ),
        ("3", 300, "Lumenet down in Eastfield, can't work, can't teach my online classes. This is my income"),
        ("4", 180, "Lumenet broadband down again. Working from home today so that's great."),
        ("5", 150, "I'm deaf and can't phone Lumenet, and the webchat has been 'unavailable' all week"),
        ("6", 120, "Paying Lumenet for 500 Mbps and getting 20. Speedtest attached. Every evening the same"),
        ("7", 300, "0.5 Mbps. ZERO POINT FIVE. Thanks Lumenet, great service 🙃"),
        (
            "8",
            60,
            "Waited in all day for a Lumenet engineer. Nobody came, no call, no text. Took a day off work for this",
        ),
        ("9", 200, "Lumenet put my bill up 14% mid-contract. Fixed price my foot"),
        (
            "10",
            150,
            "Trying to leave Lumenet and they won't give me my PAC code. 45 minutes going round in circles",
        ),
        ("11", 75, "Moved my number from Lumenet to Volta Mobile, PAC code came by text in 2 mins"),
        ("12", 30, "Shoutout to Lumenet, reported the fault at 9am and an engineer fixed the line by lunch. Brilliant"),
        ("13", 80, "Fair play @LumenetHelp, sorted my speeds out remotely in 10 min"),
        ("14", 100, "Got a £40 credit from Lumenet for the outage without asking. Didn't expect that, thanks"),
        ("15", 40, "Eastfield Lumenet customers, is yours off too? Nothing since 6"),
        ("16", 100, "Lumenet please add a way to see my PAC code in the app"),
        ("17", 50, "Working from home on Lumenet fibre has been flawless all year"),
        ("18", 60, "I disabled 5G on my Lumenet phone to save battery"),
    ]
    example, src, a = _example_analyzed(tmp_path, "telecom.toml", rows, "2026-12-03T08:00Z")
    intents = a["intent"].fillna("").to_dict()
    assert intents["2"] == intents["5"] == "vulnerable" and intents["3"] == intents["4"] == "working-from-home"
    assert intents["1"] == "call-centre" and intents["10"] == "leaving"
    assert (
        intents["6"] == intents["7"] == "speed" and intents["8"] == "engineer-no-show" and intents["9"] == "bill-shock"
    )
    assert intents["11"] == "switching" and intents["15"] == "outage" and intents["16"] == "suggestion"
    assert intents["12"] == intents["13"] == intents["14"] == "praise"  # (14 is no outage: a credit for one)
    assert intents["17"] == intents["18"] == ""  # (working from home with no outage; a setting disabled)
    topics = a["topics"].fillna("").str.split(";").to_dict()
    assert topics["2"] == ["outage", "landline"] and topics["3"] == topics["15"] == ["eastfield", "outage"]
    assert topics["6"] == topics["7"] == ["speed"] and topics["8"] == topics["12"] == ["engineer"]
    assert topics["9"] == ["billing-prices"] and "leaving-porting" in topics["10"] and "switching" in topics["11"]
    assert a.loc["11", "brands"] == "Lumenet;Volta Mobile"
    # examples/telecom-words.toml and cx's sarcasm: an outage and a slow line are events, "great" beside them sarcasm
    labels = a["sentiment_label"].to_dict()
    assert {labels[i] for i in ("1", "2", "3", "4", "7", "8", "9", "10")} == {"negative"}
    assert {labels[i] for i in ("12", "13", "14", "17")} == {"positive"}
    queued = _queue_csv(str(src), "-c", str(example), "--until", "2026-12-04", "-q")["post_id"].tolist()
    assert sorted(queued[:4]) == ["2", "3", "4", "5"] and queued[4] == "1"  # (then the 90,000 followers' complaint)
    assert not {"12", "13", "14", "17", "18"} & set(queued) and {"6", "7", "8", "9", "10", "11", "15"} <= set(queued)
    # a fortnight of two quiet posts a day, then the outage day: 8 more from Eastfield make its 10 (a day needs 10 to
    # alert), 10 of the day's 26 posts: less than half the brand's, so the area has its own line
    columns = ["id", "created_at", "author", "author_followers", "text"]
    days = pd.date_range("2026-11-19T12:00Z", periods=14, freq="D").strftime("%Y-%m-%dT%H:%MZ")
    texts = ["Lumenet broadband has been solid this month", "Does Lumenet do student discounts?"]
    quiet = [(f"q{k}{j}", day, f"c{k}{j}", 50, t) for k, day in enumerate(days) for j, t in enumerate(texts)]
    pd.DataFrame(quiet, columns=columns).to_csv(tmp_path / "quiet.csv", index=False)
    more = [(f"e{k}", "2026-12-03T07:30Z", f"e{k}", 20, f"no broadband in Eastfield, Lumenet? #{k}") for k in range(8)]
    pd.DataFrame(more, columns=columns).to_csv(tmp_path / "eastfield.csv", index=False)
    files = [str(tmp_path / "quiet.csv"), str(src), str(tmp_path / "eastfield.csv")]
    fired = CliRunner().invoke(main, ["alerts", *files, "-c", str(example), "--until", "2026-12-04", "--dry-run", "-q"])
    assert fired.exit_code == 3, fired.output
    lines = fired.stdout.splitlines()
    assert lines[0].startswith("Lumenet: negative and volume spike on 2026-12-03: "), fired.stdout
    assert any(line.startswith("topic eastfield: volume spike on 2026-12-03: 10 posts") for line in lines), lines
    assert not any("vulnerable" in line for line in lines)  # (safety = false: they head the queue, no page each)


def test_the_example_fintech_config_reads_a_digital_banks_posts(tmp_path):
    """examples/fintech.toml, a digital bank's social care: a tester's 44 posts about Paywise, Tallybank and Kitepurse
    (tests/data/fintech_posts.csv, each post's intent, sentiment, topics and per-brand signs as a reader sees them).
    With the built-in rules "my account has been frozen for 9 days ... My rent is due Friday" was neutral and an
    ordinary complaint, "support finally replied after 11 days. Copy-paste answer. Brilliant." praise (+0.74), a fraud
    caught "before I even noticed" a complaint (-0.21), "'Instant' my foot" neutral and of no intent, a fraud alert
    `safety` and cashback `food`. With it money frozen and fraud head the queue, a scam in the bank's name is no
    complaint, and praise is not queued."""
    posts = pd.read_csv(Path(__file__).parent / "data" / "fintech_posts.csv", dtype=str, keep_default_na=False)
    assert len(posts) == 44
    rows = [(r.id, int(r.followers), r.text) for r in posts.itertuples()]
    example, src, a = _example_analyzed(tmp_path, "fintech.toml", rows, "2026-12-07T09:00Z")
    read = posts[posts["left"] == ""].set_index("id")
    intents, topics = a["intent"].fillna(""), a["topics"].fillna("")
    labels = a["sentiment_label"].fillna("unscored")
    assert intents[read.index].tolist() == read["intent"].tolist()
    assert topics[read.index].tolist() == read["topics"].tolist()
    said = read[read["sentiment"] != ""]
    assert labels[said.index].tolist() == said["sentiment"].tolist()
    # the comparisons, per brand: "+" positive, "-" negative, "=" neutral
    compared = CliRunner().invoke(main, ["analyze", str(src), "-c", str(example), "--per-brand", "-f", "csv", "-q"])
    assert compared.exit_code == 0, compared.output
    per = pd.read_csv(io.StringIO(compared.stdout), dtype={"post_id": str})
    sign = {"positive": "+", "negative": "-", "neutral": "="}
    signs = {(r.post_id, r.brand): sign.get(r.brand_sentiment_label, "") for r in per.itertuples()}
    for r in read[read["per_brand"] != ""].itertuples():
        wanted = {want[:-1]: want[-1] for want in r.per_brand.split(";")}
        assert {brand: signs[(r.Index, brand)] for brand in wanted} == wanted, r.Index
    # (stop 53, leftovers: Paywise's "still 'reviewing' it after 2 days" beside Tallybank's praise was neutral for
    # Paywise, a quoted word joining no phrase; row 27 checks it above)
    queued = _queue_csv(str(src), "-c", str(example), "--until", "2026-12-08", "-q")["post_id"].tolist()
    urgent = set(posts.loc[posts["intent"].isin(["frozen-funds", "fraud"]), "id"])
    assert urgent == {"1", "2", "5", "6", "29", "33"} and set(queued[: len(urgent)]) == urgent
    assert not set(posts.loc[posts["intent"] == "praise", "id"]) & set(queued)


def test_the_example_charity_config_puts_safeguarding_concerns_first(tmp_path):
    """examples/charity.toml, a children's charity's supporter care: with the built-in rules "a volunteer was messaging
    her privately on Instagram" and "shared photos of the children ... without consent" were positive, of no intent and
    not queued, other safeguarding concerns came after a large account's chugger complaint, and money taken twice or
    Gift Aid claimed for a non-taxpayer was no complaint. With it the concerns head the queue and each one alerts by
    itself; a campaign against child abuse and a praise of monthly giving are neither, and news of its research into
    child poverty (-0.48, a complaint queued before the concerns) is neutral."""
    rows = [
        ("1", 90000, "Those Brightpath street fundraisers are so aggressive, blocking the station exit every morning"),
        ("2", 15, "I'm worried about a child at a Brightpath holiday club, a volunteer was messaging her privately"),
        ("3", 30, "Brightpath volunteer shared photos of the children on his personal account without consent"),
        ("4", 200, "Brightpath took £20 twice from my account, I'm a pensioner and can't afford that"),
        ("5", 300, "@BrightpathUK claimed Gift Aid on my donations even though I told them I'm not a taxpayer"),
        ("6", 400, "Please stop calling me Brightpath. I've asked three times to be taken off your list"),
        ("7", 500, "Brightpath's campaign against child abuse is so powerful, well done"),
        ("8", 100, "I donate monthly to Brightpath and love what you do"),
        ("9", 20000, "Reading about the Brightpath research into child poverty"),
        ("10", 50, "Brightpath took my money twice, struggling to pay rent now"),
        # (stop 48: of no topic nor intent, not queued)
        ("11", 25, "A Brightpath volunteer keeps messaging my daughter privately"),
    ]
    example, src, a = _example_analyzed(tmp_path, "charity.toml", rows, "2026-11-27T10:00Z")
    runner = CliRunner()
    assert a.loc["2", "intent"] == a.loc["3", "intent"] == a.loc["11", "intent"] == "safeguarding"
    assert "safeguarding" in a.loc["11", "topics"]
    assert a.loc["4", "intent"] == a.loc["5", "intent"] == "payment" and a.loc["5", "topics"] == "donations;gift-aid"
    assert a.loc["6", "intent"] == "contact-preferences" and a.loc["1", "topics"] == "street-fundraising"
    assert a.loc["7", "intent"] == a.loc["8", "intent"] == "praise" and "safeguarding" not in str(a.loc["7", "topics"])
    # (the charity's cause is no complaint: its words weigh nothing in examples/charity-words.toml; was -0.48)
    assert a.loc["9", "sentiment"] == 0 and pd.isna(a.loc["9", "intent"]) and a.loc["10", "intent"] == "payment"
    q = _queue_csv(str(src), "-c", str(example), "--until", "2026-11-30", "-q")
    assert sorted(q["post_id"].tolist()[:3]) == ["11", "2", "3"]
    assert set(q["post_id"].tolist()[3:]) == {"1", "4", "5", "6", "10"}
    store = tmp_path / "s.duckdb"
    ingest = runner.invoke(main, ["ingest", str(src), "-c", str(example), "--store", str(store), "-q"])
    assert ingest.exit_code == 0, ingest.output
    alerts = ["alerts", "-c", str(example), "--store", str(store), "--until", "2026-11-30", "--dry-run"]
    fired = runner.invoke(main, alerts)
    assert fired.exit_code == 3, fired.output
    # (each line names the intent, stop 47: "safety post" before)
    assert sorted(line.count("safeguarding post") for line in fired.stdout.splitlines() if line) == [1, 1, 1]


#: a pharmacovigilance tester's posts: id, lang, text; the ids of an adverse event (a side effect, a wrong dose or an
#: overdose, a pack defect, an exposure in pregnancy) start with "ae", the others with "no"
PHARMA_POSTS = [
    ("ae1", "en", "Gave my 2yo KiddiMol last night, this morning she's covered in hives. Is that normal?? Calling 111"),
    ("ae2", "en", "Accidentally gave my son a double dose of KiddiMol, he's 4. Poisons line said monitor him"),
    ("ae3", "en", "The seal on my new bottle of Tussivo was broken when I opened it. Call me 07700 900123 @Tussivo"),
    ("ae4", "en", "Opened a box of Allerzen and there were round white tablets in it. Wrong tablets in the pack?!"),
    ("ae5", "en", "Took Allerzen at 8 weeks pregnant before I knew. Midwife says probably fine but anyone else?"),
    ("ae6", "en", "Day 3 on Breathe patches and the nightmares are unreal. Vivid dreams every night"),
    ("ae7", "en", "Breathe patch left a red blistered burn on my arm, peeled it off after 2 hours"),
    ("ae8", "en", "Allerzen makes me so drowsy I nearly fell asleep driving home"),
    ("ae9", "en", "My toddler drank half a bottle of Tussivo, we're in A&E now. Mrs Lisa Morgan, DOB 03/04/1990"),
    ("ae10", "en", "Heart racing, palpitations an hour after taking Allerzen. Never had this before"),
    ("ae11", "en", "KiddiMol syringe markings rubbed off, can't tell if I gave 5ml or 2.5ml to my baby"),
    ("ae12", "es", "Mi hijo tomó KiddiMol y vomitó toda la noche, tiene fiebre y sarpullido"),
    ("ae13", "fr", "Après Allerzen j'ai eu des vertiges et des nausées, effet secondaire ?"),
    ("ae14", "de", "Nach dem Breathe Pflaster hatte ich starken Hautausschlag. Nebenwirkung?"),
    ("ae15", "en", "My husband collapsed after taking three Allerzen tablets at once. Contact nina.patel@example.com"),
    ("ae16", "en", "Is it safe to use Breathe nicotine patches while breastfeeding?"),
    ("ae17", "en", "Gave my 8 month old KiddiMol Six Plus by mistake, is that dangerous?"),
    ("ae18", "en", "Tussivo made my mouth and tongue swell up. Never again. My number is 0161 496 0570"),
    ("ae19", "en", "Blister pack of Allerzen had two empty pockets and one crushed tablet."),
    ("ae20", "en", "KiddiMol bottle came with the child-proof cap not clicking, my 3 year old opened it herself"),
    ("ae21", "en", "Breathe patches fine but made me feel sick for the first few days and dizzy."),
    ("ae22", "en", "Gave my son KiddiMol 4 times in 4 hours because the leaflet was confusing"),
    ("no1", "en", "Just breathe. Yoga this morning was amazing"),
    ("no2", "en", "Allerzen works great, no side effects at all, hay fever gone!"),
    ("no3", "en", "I'm sick of this cough, Tussivo does nothing"),
    ("no4", "en", "Tussivo tastes like cherry, kids love it"),
    ("no5", "en", "Reminder: Tussivo is not for under 6s. Check labels."),
    ("no6", "en", "This Allerzen deal is too much, 50% off!"),
    ("no7", "en", "Breathe patches helped me quit after 20 years. 6 months smoke free"),
    ("no8", "en", "Allerzen is the only tablet that works for me."),
]


def test_the_example_pharmacovigilance_intent_alerts_each_adverse_event_and_no_other_post(tmp_path):
    """examples/pharmacovigilance.toml, an OTC medicines maker's ready `[intent.safety]`: each of a tester's 22 posts
    of an adverse event (also in Spanish, French and German, a dosing error, a broken seal, a pregnancy) is an alert
    of its own and heads the queue, and none of the 8 others is one ("no side effects", "just breathe", "sick of
    this cough", "too much" of a price); `--redact` leaves the patients' phone numbers, e-mail and birth date out."""
    example = Path(__file__).parent.parent / "examples" / "pharmacovigilance.toml"
    src = tmp_path / "posts.csv"
    with src.open("w", newline="") as f:
        out = csv_module.writer(f)
        out.writerow(["id", "created_at", "author", "author_followers", "lang", "text"])
        out.writerows([(i, "2026-12-01T10:00Z", f"u{i}", 10, lang, text) for i, lang, text in PHARMA_POSTS])
    events = sorted(i for i, _, _ in PHARMA_POSTS if i.startswith("ae"))
    args = ["alerts", str(src), "-c", str(example), "--until", "2026-12-02", "-f", "jsonl", "--redact", "--dry-run"]
    run = CliRunner().invoke(main, args)
    assert run.exit_code == 3, run.output
    alerts = [json.loads(line) for line in run.stdout.splitlines()]
    assert {a["kind"] for a in alerts} == {"safety"}
    said = {a["examples"][0]["text"] for a in alerts}
    assert sorted(i for i, _, text in PHARMA_POSTS if any(text[:30] in s for s in said)) == events
    for personal in ("07700 900123", "0161 496 0570", "nina.patel@example.com", "03/04/1990", "Lisa Morgan"):
        assert personal not in run.stdout
    queue = CliRunner().invoke(main, ["queue", str(src), "-c", str(example), "--until", "2026-12-02", "-f", "csv"])
    assert queue.exit_code == 0, queue.output
    q = pd.read_csv(io.StringIO(queue.stdout), dtype={"post_id": str})
    urgent = q[q["reason"].str.endswith("safety")]["post_id"].tolist()
    assert sorted(urgent) == events and q["post_id"].tolist()[: len(events)] == urgent


RECALL = "A recall: 80,000 Arc cars recalled over battery fire risk"


def copied_posts() -> pd.DataFrame:
    """A headline posted without "RT" by 5 accounts, in the ways copies differ (links, case, spaces, the @handles a
    reply opens with, "via @outlet", quotes), and the posts that are no copies of it."""
    rows = [post(i, f"2026-11-08T1{i}:00Z", "A", "negative", author=f"u{i}", followers=10**i) for i in range(1, 10)]
    texts = [
        RECALL + " https://t.co/aaa",
        RECALL.upper() + "  https://t.co/bbb",
        "@bob @carol " + RECALL + " https://t.co/ddd",
        f'"{RECALL}." via @electrek',
        f"  {RECALL} www.electrek.co/recall\n",
        RECALL + " - is mine one of them?",  # (a question of its own: no copy)
        "@A my order #52821879 never arrived",
        "@A my order #52821880 never arrived",  # (another order: no copy)
        "https://t.co/ccc",  # (a link alone: its own)
    ]
    for r, text in zip(rows, texts, strict=True):
        r["text"] = text
    return enriched(rows)


def test_copies_of_a_headline_are_one_row_that_counts_them(tmp_path):
    """A recall headline posted by 5 accounts without "RT" was 5 rows to answer; now it is one, the widest-reach
    copy's, whose `copies` says 5; the count line says how many were folded in, and csv and json carry `copies`."""
    df = copied_posts()
    q = response_queue(df, config(), now=NOW, since=pd.Timestamp("2026-11-02", tz="UTC"))
    assert len(q) == 5
    row = q[q["copies"] > 1]
    assert row["post_id"].tolist() == ["5"]  # (100,000 followers: the most urgent of the copies)
    assert row["copies"].tolist() == [5]
    assert sorted(q.loc[q["copies"] == 1, "post_id"]) == ["6", "7", "8", "9"]
    assert q.attrs["copies"] == 4
    db = tmp_path / "h.duckdb"
    store.ingest(db, df)
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.A]\nterms = ["A"]\n')
    base = ["queue", "--store", str(db), "-c", str(cfg), "--since", "2026-11-02", "--until", "2026-11-09T12:00"]
    result = CliRunner().invoke(main, [*base, "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    q = pd.read_csv(io.StringIO(result.stdout), dtype={"post_id": str})
    assert dict(zip(q["post_id"], q["copies"], strict=True)) == {"5": 5, "6": 1, "7": 1, "8": 1, "9": 1}
    assert "5 posts to answer since 2026-11-02 00:00 UTC; 4 more posts folded in as their copies" in result.stderr
    result = CliRunner().invoke(main, [*base, "-f", "json", "-q"])
    assert {r["post_id"]: r["copies"] for r in json.loads(result.stdout)}["5"] == 5


def test_customers_writing_the_same_words_are_each_queued():
    """Copies were folded whoever wrote them: 4 customers' "QuickBite support chatbot keeps closing my ticket" of the
    example data were one row, 3 of them never answered. Only shares (a link, "via @outlet") are copies."""
    rows = [post(i, f"2026-11-08T1{i}:00Z", "A", "negative", author=f"u{i}") for i in range(1, 4)]
    for r in rows:
        r["text"] = "A support chatbot keeps closing my ticket without an answer"
    q = response_queue(enriched(rows), config(), now=NOW, since=pd.Timestamp("2026-11-02", tz="UTC"))
    assert q["copies"].tolist() == [1, 1, 1] and q.attrs["copies"] == 0


def test_copies_are_folded_per_brand_and_from_files(tmp_path):
    """The same words about another brand are another brand's post to answer: no copy."""
    src = tmp_path / "posts.csv"
    src.write_text(
        "id,created_at,author,followers,text\n"
        "1,2026-11-08T10:00Z,u1,10,Voltra recall: Arc cars recalled over battery fire risk https://t.co/a\n"
        "2,2026-11-08T11:00Z,u2,5000,voltra recall: Arc cars recalled over battery fire risk https://t.co/b\n"
        "3,2026-11-08T12:00Z,u3,10,Zephyr recall: Arc cars recalled over battery fire risk\n"
    )
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.Voltra]\nterms = ["Voltra"]\n[brands.Zephyr]\nterms = ["Zephyr"]\n')
    args = ["queue", str(src), "-c", str(cfg), "--until", "2026-11-09", "-f", "csv"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    q = pd.read_csv(io.StringIO(result.stdout), dtype={"post_id": str})
    assert dict(zip(q["post_id"], q["copies"], strict=True)) == {"2": 2, "3": 1}
    assert "2 posts to answer since 2026-11-02 00:00 UTC; 1 more post folded in as their copies" in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        "switched to Admiral after Harbour hiked my premium",
        "moved to Admiral after Harbour doubled my renewal price",
        "Harbour → Admiral. never again",
        "Harbour -> Admiral after the worst renewal ever",
        "switched from Harbour to Admiral. terrible claims service",
    ],
)
def test_a_switching_post_is_a_complaint_of_the_brand_left_not_the_brand_chosen(tmp_path, text):
    """ "switched to Admiral after Harbour hiked my premium" was a complaint queued for Admiral, the brand chosen:
    the brand left is the one queued, the one chosen not at all."""
    src = tmp_path / "posts.csv"
    src.write_text(f'id,created_at,author,text\n1,2026-11-08T10:00Z,u1,"{text}"\n')
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.Admiral]\nterms = ["Admiral"]\n[brands.Harbour]\nterms = ["Harbour"]\n')
    queued = {}
    for name in ("Admiral", "Harbour"):
        args = ["queue", str(src), "-c", str(cfg), "--until", "2026-11-09", "-f", "csv", "-q", "--for-brand", name]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        queued[name] = pd.read_csv(io.StringIO(result.stdout))["brand_sentiment"].tolist()
    assert queued["Admiral"] == []
    assert len(queued["Harbour"]) == 1 and queued["Harbour"][0] < 0


def test_limit_says_how_many_posts_are_waiting_beside_how_many_it_shows(tmp_path, posts_store):
    """`queue --limit 3` said "3 posts to answer" when 229 were waiting: a desk read a quiet day. It says both."""
    args = stored_queue(tmp_path, posts_store, '[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n')
    result = CliRunner().invoke(main, [*args, "--limit", "1"])
    assert result.exit_code == 0, result.stderr
    assert [r["post_id"] for r in csv_module.DictReader(io.StringIO(result.stdout))] == ["1"]
    assert result.stderr.startswith("showing 1 of 2 posts to answer since 2026-11-02 12:00 UTC"), result.stderr
    # a limit the queue does not reach shows them all, and says the count alone
    result = CliRunner().invoke(main, [*args, "--limit", "2"])
    assert result.stderr.startswith("2 posts to answer since 2026-11-02 12:00 UTC"), result.stderr


@pytest.mark.parametrize("code", ["xx", "english", "Welsh"])
def test_a_language_code_nobody_knows_is_a_usage_error(tmp_path, code):
    """`queue --lang xx` and `--lang english` said "0 posts to answer", exit 0: a cron job's desk never knew its
    option was wrong. It is a usage error naming the codes to give; a known code without posts is still an empty
    queue, and a code of the posts read that the detector does not know (an export's own) still queues them."""
    df = posts(lang=["tlh", "en", None, None, None, None, None, None])
    db, cfg = tmp_path / "s.duckdb", tmp_path / "c.toml"
    store.ingest(db, df)
    cfg.write_text('[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n')
    args = ["queue", "--store", str(db), "-c", str(cfg), "--now", "2026-11-09T12:00"]
    result = CliRunner().invoke(main, [*args, "--lang", "cy", "--lang", code])
    assert result.exit_code == 2 and result.stdout == "", result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"brandpulse: error: --lang {code}: no language code")
    assert "the posts read are in en, tlh)" in line
    assert ("did you mean en?" in line) == (code == "english")
    for known, queued in (("cy", []), ("de", []), ("tlh", ["1"]), ("EN", ["2"])):
        result = CliRunner().invoke(main, [*args, "--lang", known])
        assert result.exit_code == 0, result.stderr
        assert [r["post_id"] for r in csv_module.DictReader(io.StringIO(result.stdout))] == queued


@pytest.mark.parametrize("code", ["gl", "fil", "yue", "pt-BR", "zh-Hant", "cym"])
def test_a_language_code_without_posts_is_an_empty_queue_not_a_usage_error(tmp_path, code):
    """`queue --lang fil` (Filipino, a three-letter code without a two-letter one) and `--lang gl` (Galician, not one
    of the detector's) were usage errors, exit 2, where `--lang` took every ISO 639 code before: a desk's cron job
    of a language with no posts that day failed. Their queue is empty; `xx` is still refused."""
    db, cfg = tmp_path / "s.duckdb", tmp_path / "c.toml"
    store.ingest(db, posts(lang=["en", "en", None, None, None, None, None, None]))
    cfg.write_text('[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n')
    args = ["queue", "--store", str(db), "-c", str(cfg), "--now", "2026-11-09T12:00", "-f", "csv"]
    result = CliRunner().invoke(main, [*args, "--lang", code])
    assert result.exit_code == 0, result.stderr
    assert list(csv_module.DictReader(io.StringIO(result.stdout))) == []
    assert CliRunner().invoke(main, [*args, "--lang", "xx"]).exit_code == 2


@pytest.mark.parametrize(
    ("text", "ours", "brand"),
    [
        ("switched from Skyway to Jetstar, never again", ["Skyway"], "Skyway"),
        ("switched from Skyway to Jetstar, never again", ["Skyway", "Jetstar"], "Skyway"),
        ("Jetstar -> Skyway after the worst delay ever", ["Skyway", "Jetstar"], "Jetstar"),
        ("switched to Admiral after Harbour hiked my premium", ["Admiral", "Harbour"], "Harbour"),
    ],
)
def test_a_switching_posts_row_names_the_brand_its_complaint_is_about(tmp_path, text, ours, brand):
    """ "switched from Skyway to Jetstar, never again" was a row whose only brand column said `Skyway;Jetstar`: the
    desk could not tell whose complaint it was. `brand` names the one of ours it is queued for (the brand left, whose
    score is its `brand_sentiment`); `brands` still names every brand the post does; the table heads the text with
    `brand`."""
    src = tmp_path / "posts.csv"
    src.write_text(f'id,created_at,author,text\n1,2026-11-08T10:00Z,u1,"{text}"\n')
    names = sorted({"Skyway", "Jetstar"} if "Skyway" in ours else {"Admiral", "Harbour"})
    cfg = tmp_path / "c.toml"
    cfg.write_text(
        "".join(f'[brands.{n}]\nterms = ["{n}"]\ncompetitor = {str(n not in ours).lower()}\n' for n in names)
    )
    args = ["queue", str(src), "-c", str(cfg), "--until", "2026-11-09", "-q"]
    result = CliRunner().invoke(main, [*args, "-f", "json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["brand"] == brand and set(row["brands"].split(";")) == set(names)
    scores = dict(pair.split("=") for pair in row["brand_sentiments"].split(";")) if "brand_sentiments" in row else None
    assert scores is None  # (not a queue column: the score of `brand` is `brand_sentiment`, its lowest of ours)
    assert row["brand_sentiment"] < 0
    table = CliRunner().invoke(main, [*args, "-f", "table"], env={"COLUMNS": "160"}).stdout
    assert f"{brand} · 2026-11-08 10:00" in table and ", ".join(names) not in table


def review(i: int, stars, label: str, text: str, likes: int = 0) -> dict:
    return post(i, "2026-11-08T12:00Z", "A", label, likes=likes, text=text, platform="app_store", rating=stars)


def test_a_low_rated_review_is_a_complaint_whatever_its_words():
    """A 1-star review in neutral words ("Opened it and it showed the menu") asks nothing and had no complaint word:
    it was not queued, and a 1-star review that was (a "?") sorted by its text's sentiment alone, below any mildly
    negative tweet. A review of 2 stars or fewer is a complaint now, its stars weigh as negativity, and the queue
    shows them."""
    rows = [
        review(1, 1.0, "neutral", "A: opened it to order dinner and it showed the menu"),
        review(2, 2.0, "positive", "A is great when it works"),
        review(3, 3.0, "neutral", "A: opened it and it showed the menu"),
        review(4, 5.0, "positive", "A is great"),
        post(5, "2026-11-08T12:00Z", "A", "negative", text="A is a bit slow"),
        review(6, 1.5, "neutral", "does A deliver to Leeds?"),
    ]
    df = enriched(rows)
    df.loc[df["post_id"] == "5", "sentiment"] = -0.2
    q = response_queue(df, config(), now=NOW)
    assert q["post_id"].tolist() == ["1", "6", "2", "5"]
    assert q["reason"].tolist() == ["complaint", "question", "complaint", "negative+complaint"]
    assert q["rating"].tolist() == [1.0, 1.5, 2.0, pd.NA]
    # 24 hours old, no reach nor engagement: 100 * (0.30 * negativity + 0.15 * 0.5); 1 star: negativity 1,
    # 1.5 stars 0.75, 2 stars 0.5 (over its text's +0.5), the tweet's -0.2: 0.2
    assert q["priority"].tolist() == [37.5, 30.0, 22.5, 13.5]


def test_a_zero_star_review_weighs_as_one_star_and_stays_within_100():
    """A 0 to 5 scale's 0 stars gave a negativity of (3 - 0) / 2 = 1.5: a reviewer of 1M followers and 10k likes, just
    posted, had a priority of 115, past the documented 0..100. The stars' negativity is at most 1, as a polarity's."""
    rows = [
        post(i, "2026-11-08T12:00Z", "A", "neutral", followers=1_000_000, likes=10_000, text="A: it showed the menu",
             platform="app_store", rating=stars)
        for i, stars in ((1, 0.0), (2, 1.0))
    ]  # fmt: skip
    q = response_queue(enriched(rows), config(), now=NOW)
    assert q["reason"].tolist() == ["complaint", "complaint"]
    # (a day old: 100 * (0.35 + 0.30 + 0.20 + 0.15 * 0.5), reach, negativity and engagement at their most; was 107.5)
    assert q["priority"].tolist() == [92.5, 92.5]


def test_queue_table_shows_a_reviews_stars(tmp_path):
    db = tmp_path / "h.duckdb"
    df = enriched([review(1, 1.0, "neutral", "A: opened it and it showed the menu"), *posts().to_dict("records")[1:2]])
    result = queue_table(tmp_path, db, df, columns=300)
    assert result.exit_code == 0, result.stderr
    heads = [line for line in result.stdout.splitlines() if "A · 2026-11-08" in line]
    assert len(heads) == 2 and "· 1★" in heads[0] and "★" not in heads[1]


def test_without_an_intent_column_the_intent_rules_read_complaints_and_questions():
    """Without an intent column the queue read a list of complaint words of its own: "how do I cancel my A order?" and
    "how can I fix the A login error?" were complaints (`analyze`'s rules call them questions since stop 44), and "the
    A app keeps crashing" (neutral) was not queued. The config's intent rules read them now, its own intents too."""
    texts = {
        1: "How do I cancel my A order?",
        2: "how can I fix the A login error?",
        3: "the A app keeps crashing",
        4: "A lost my bag",
        5: "A, great flight ??",
        6: "A gave me a voucher for the delay",
    }
    labels = {1: "negative", 2: "negative", 3: "neutral", 4: "neutral", 5: "neutral", 6: "neutral"}
    rows = [post(i, "2026-11-08T12:00Z", "A", labels[i], text=t) for i, t in texts.items()]
    df = enriched(rows).drop(columns=["intent"])
    q = response_queue(df, config(), now=NOW).sort_values("post_id")
    assert q["post_id"].tolist() == ["1", "2", "3", "4", "6"]
    assert q["reason"].tolist() == ["negative+question", "negative+question", "complaint", "complaint", "complaint"]
    cfg = config()
    cfg.raw = {"intent": {"voucher": {"keywords": ["voucher"], "answer": True}}}
    q = response_queue(df, cfg, now=NOW)
    assert dict(zip(q["post_id"], q["reason"], strict=True))["6"] == "voucher"


def test_without_an_intent_column_a_hacker_news_reply_is_read_on_its_own_words():
    """A Hacker News comment found by its thread's title is kept as "Re: <title>\n\n<comment>" (`hit_record`), and
    `analyze` reads its intent on the comment alone (`replies_alone`); the queue read a frame without an intent column
    on the whole text: every reply under "Ask HN: Is A down?" was a question to answer, every one under "A keeps
    crashing on login" a complaint, the title's words once per reply. A config's own intent was read again by the
    built-in rules on the title too ("login" under that title: a complaint)."""
    texts = {
        1: "Re: Ask HN: Is A down?\n\nWorks fine here",
        2: "Re: A keeps crashing on login\n\nclearing the cache fixed it",
        3: "Re: Show HN: A 3.0\n\nthe app keeps crashing",
        4: "Re: A keeps crashing on login\n\nhow do I clear the cache?",
        5: "Re: A keeps crashing on login\n\nthe login page works now",
        6: "A keeps crashing on login",  # (a story: its title is its own words)
    }
    rows = [post(i, "2026-11-08T12:00Z", "A", "neutral", text=t, platform="hackernews") for i, t in texts.items()]
    df = enriched(rows).drop(columns=["intent"])
    cfg = config()
    cfg.raw = {"intent": {"login": {"keywords": ["login"]}}}
    q = response_queue(df, cfg, now=NOW).sort_values("post_id")
    assert dict(zip(q["post_id"], q["reason"], strict=True)) == {"3": "complaint", "4": "question", "6": "login"}


def test_queue_leaves_out_a_removed_reddit_post_and_says_so_and_queues_a_farewell(tmp_path):
    """Stop 46: a Reddit post a moderator removed (selftext `[removed]`) was its title alone, its score 900 and 300
    comments kept: the first post `queue` listed, though nothing of it is left to answer. It is rejected as removed,
    counted and said. And "I left RailNova after 10 years", neutral words naming one brand, was no complaint, when
    "crashing in my room tonight" (a bed for the night, cx's -1.7 of an app's crash) was one."""
    base = {"subreddit": "trains", "created_utc": 1762596000, "author": "u1"}
    children = [
        {
            **base,
            "name": "t3_a1",
            "title": "RailNova lost my bike",
            "selftext": "[removed]",
            "score": 900,
            "num_comments": 300,
            "removed_by_category": "moderator",
        },
        {**base, "name": "t3_a2", "title": "RailNova refund?", "selftext": "RailNova cancelled my train", "score": 3},
        {**base, "name": "t3_a3", "title": "Farewell", "selftext": "I left RailNova after 10 years", "score": 1},
        {**base, "name": "t3_a4", "title": "crashing in my room tonight after the RailNova trip", "score": 50},
    ]
    src = tmp_path / "r.json"
    src.write_text(json.dumps({"kind": "Listing", "data": {"children": [{"kind": "t3", "data": c} for c in children]}}))
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.RailNova]\nterms = ["RailNova"]\n')
    args = ["queue", str(src), "-c", str(cfg), "--since", "2025-11-01", "--until", "2025-11-09", "-f", "csv"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    q = pd.read_csv(io.StringIO(result.stdout), dtype={"post_id": str})
    assert q[["post_id", "reason"]].values.tolist() == [["t3_a2", "negative+complaint"], ["t3_a3", "complaint"]]
    assert "4 rows, 3 posts, 1 rejected" in result.stderr
    assert "rejected" in result.stderr and "item 1: text [removed]: deleted or removed" in result.stderr


def test_a_stored_queue_opens_the_store_once_and_lets_go_of_it_while_the_queue_is_made(
    tmp_path, posts_store, monkeypatch
):
    """`queue --store` opened the store once per thing it read (4 times for Parquet: the posts, the brands named, the
    rules, what scored them), each open and close ~0.1 s. The reads share one read-only connection, let go before
    the queue is made: an `ingest` of a cron job gets the store then. Brand C, configured and named by no stored
    post, is still said."""
    db = copy_store(posts_store, tmp_path)
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.A]\nterms = ["A"]\nhandles = ["@A_help"]\n[brands.C]\nterms = ["C"]\n')
    real, opened, writer = duckdb.connect, [], []
    monkeypatch.setattr("duckdb.connect", lambda *a, **kw: opened.append(kw.get("read_only")) or real(*a, **kw))
    make = __import__("brandpulse.report.queue", fromlist=["x"]).response_queue

    def an_ingest_comes_in(*a, **kw):
        writer.append(a_writer_gets(db))
        return make(*a, **kw)

    monkeypatch.setattr("brandpulse.report.queue.response_queue", an_ingest_comes_in)
    out = tmp_path / "queue.parquet"
    args = ["queue", "--store", str(db), "-c", str(cfg), "--now", "2026-11-09T12:00", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    assert (opened, writer) == ([True], ["locked"])
    assert pd.read_parquet(out)["post_id"].tolist() == ["1", "2"]
    assert "note: no stored post names C:" in result.stderr


PENNYLINE = Path(__file__).parent / "fixtures" / "platforms" / "pennyline_play_reviews.csv"


def test_reviews_the_developer_answered_in_the_store_are_left_out_and_counted(tmp_path):
    """A bank app's Play Console export: 17 of the 105 reviews queued had a `Developer Reply Text`, 4 of the top 10;
    the queue knew only a brand handle's reply posts. Answered before --until: left out, counted on stderr, listed
    with --answered (their reply and when); a reply after --until was not there yet: still to answer."""
    args = ["queue", str(PENNYLINE), "--brand", "Pennyline=pennyline", "--about", "Pennyline"]
    args += ["--since", "2026-11-01", "--until", "2026-12-07", "-f", "csv"]
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 0, done.stderr
    rows = list(csv_module.DictReader(io.StringIO(done.stdout)))
    # (Penny0 answered 11-21, Penny2 on 12-03; Penny4's reply of 12-08 came after --until; Penny3 is praise)
    assert [r["post_id"] for r in rows] == ["gp:AOqpTPenny4", "gp:AOqpTPenny1"]
    assert "reply" not in rows[0]
    assert "2 reviews already answered left out (--answered lists them)" in done.stderr
    shown = CliRunner().invoke(main, [*args, "--answered"])
    assert shown.exit_code == 0, shown.stderr
    listed = {r["post_id"]: (r["reply"], r["replied_at"]) for r in csv_module.DictReader(io.StringIO(shown.stdout))}
    assert listed == {
        "gp:AOqpTPenny4": ("", ""),  # (its reply is of 12-08: none as of --until)
        "gp:AOqpTPenny1": ("", ""),
        "gp:AOqpTPenny0": (
            "Sorry to hear that. Please contact us in the app chat so we can trace the payment.",
            "2026-11-21T10:00:00Z",
        ),
        "gp:AOqpTPenny2": ("Hi, this is fixed in version 8.2, please update.", "2026-12-03T12:00:00Z"),
    }
    assert "2 reviews already answered listed (the reply column)" in shown.stderr
    later = CliRunner().invoke(main, [*args[:-4], "--until", "2026-12-09", "-f", "csv"])
    assert "3 reviews already answered left out" in later.stderr, later.stderr


def test_a_reply_of_no_time_answers_and_the_library_counts_the_answered():
    df = posts().assign(reply=pd.array(["Sorry, fixed in 2.1", *[None] * 7], dtype="string"))  # (no replied_at)
    before = response_queue(posts(), config(), now=NOW)
    out = response_queue(df, config(), now=NOW)
    assert "1" in set(before["post_id"]) and "1" not in set(out["post_id"])
    assert out.attrs["answered"] == 1 and len(out) == len(before) - 1
    listed = response_queue(df, config(), now=NOW, answered=True)
    assert listed.attrs["answered"] == 1 and len(listed) == len(before)
    assert listed.set_index("post_id").loc["1", "reply"] == "Sorry, fixed in 2.1"
    assert list(listed.columns) == [*QUEUE_COLUMNS, "reply", "replied_at"]


def test_redact_masks_a_reviews_reply_as_its_text():
    """`queue --answered --redact` wrote the developer's reply as it was: "Hi Dana, write to dana.k@mail.example"."""
    from brandpulse.output.redact import redact

    said = "Hi, write to dana.k@mail.example or call 07700900123"
    out = redact(pd.DataFrame({"text": ["A crashed"], "reply": [said]}))
    assert "dana.k@mail.example" not in out.loc[0, "reply"] and "07700900123" not in out.loc[0, "reply"]
    assert out.loc[0, "reply"].startswith("Hi, write to ")


def test_the_stores_queue_leaves_out_the_reviews_answered_as_the_files_queue_does(tmp_path):
    """`ingest` dropped a review's reply: `queue --store` listed again the reviews the developer had answered, which
    `queue FILES` left out. The store keeps them (`reply`, `replied_at`); an export ingested again without replies
    keeps them, a newer reply replaces the older (a reply and its time as one)."""
    db = tmp_path / "s.duckdb"
    brand = ["--brand", "Pennyline=pennyline"]
    ingested = CliRunner().invoke(main, ["ingest", str(PENNYLINE), "--store", str(db), *brand, "--about", "Pennyline"])
    assert ingested.exit_code == 0, ingested.stderr
    window = ["--since", "2026-11-01", "--until", "2026-12-07", "-f", "csv"]

    def queue(*args):
        done = CliRunner().invoke(main, ["queue", *args, *brand, *window])
        assert done.exit_code == 0, done.stderr
        return done

    files = queue(str(PENNYLINE), "--about", "Pennyline")
    stored = queue("--store", str(db))
    assert [r["post_id"] for r in csv_module.DictReader(io.StringIO(stored.stdout))] == [
        "gp:AOqpTPenny4",
        "gp:AOqpTPenny1",
    ]
    assert stored.stdout == files.stdout
    assert "2 reviews already answered left out (--answered lists them)" in stored.stderr
    assert (
        queue("--store", str(db), "--answered").stdout
        == queue(str(PENNYLINE), "--about", "Pennyline", "--answered").stdout
    )
    # the same reviews ingested again from a file without replies (analyze's CSV, its reply columns taken out)
    analyzed = tmp_path / "out.csv"
    made = CliRunner().invoke(main, ["analyze", str(PENNYLINE), *brand, "--about", "Pennyline", "-o", str(analyzed)])
    assert made.exit_code == 0, made.stderr
    out = pd.read_csv(analyzed, dtype=str, keep_default_na=False)
    bare = tmp_path / "bare.csv"
    out.drop(columns=["reply", "replied_at"]).to_csv(bare, index=False)
    again = CliRunner().invoke(main, ["ingest", str(bare), "--store", str(db), *brand])
    assert "inserted 0, updated 0, unchanged 5" in again.stderr, again.stderr
    assert queue("--store", str(db)).stdout == files.stdout
    # Penny1 answered since, Penny0's reply rewritten with no time given: the newer replies
    out.loc[out["post_id"] == "gp:AOqpTPenny1", ["reply", "replied_at"]] = ["Fixed now, sorry", "2026-12-06T08:00Z"]
    out.loc[out["post_id"] == "gp:AOqpTPenny0", ["reply", "replied_at"]] = ["Refunded", ""]
    newer = tmp_path / "newer.csv"
    out.to_csv(newer, index=False)
    again = CliRunner().invoke(main, ["ingest", str(newer), "--store", str(db), *brand])
    assert "inserted 0, updated 2, unchanged 3" in again.stderr, again.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        replies = con.execute("SELECT post_id, reply, replied_at::VARCHAR FROM posts ORDER BY post_id").fetchall()
    assert replies == [
        ("gp:AOqpTPenny0", "Refunded", None),
        ("gp:AOqpTPenny1", "Fixed now, sorry", "2026-12-06 08:00:00"),
        ("gp:AOqpTPenny2", "Hi, this is fixed in version 8.2, please update.", "2026-12-03 12:00:00"),
        ("gp:AOqpTPenny3", None, None),
        ("gp:AOqpTPenny4", "We are on it, a fix ships this week.", "2026-12-08 09:00:00"),
    ]
    left = queue("--store", str(db))
    assert [r["post_id"] for r in csv_module.DictReader(io.StringIO(left.stdout))] == ["gp:AOqpTPenny4"]
    assert "3 reviews already answered left out" in left.stderr
    # an older export ingested after (a backlog filled in): its replies, older than those stored, were put back
    out.loc[out["post_id"] == "gp:AOqpTPenny1", ["reply", "replied_at"]] = ["Looking into it", "2026-12-05T08:00Z"]
    out.loc[out["post_id"] == "gp:AOqpTPenny2", ["reply", "replied_at"]] = ["Thanks, we check", "2026-12-02T12:00Z"]
    older = tmp_path / "older.csv"
    out.to_csv(older, index=False)
    again = CliRunner().invoke(main, ["ingest", str(older), "--store", str(db), *brand])
    assert "inserted 0, updated 0, unchanged 5" in again.stderr, again.stderr  # (was updated 2)
    with duckdb.connect(str(db), read_only=True) as con:
        kept = con.execute("SELECT post_id, reply, replied_at::VARCHAR FROM posts ORDER BY post_id").fetchall()
    assert kept == replies
