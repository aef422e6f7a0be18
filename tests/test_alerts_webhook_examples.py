"""An alert's webhook bullet quotes one example post, on one line, short, as plain text and unable to ping a channel;
its line is escaped, a late bullet quotes it too, a pair over is one bullet, and a message too long is trimmed."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pandas as pd
import pytest
from click.testing import CliRunner
from history_fixtures import CONFIG_TOML, daily_posts, enriched, spike_csv_rows, write_csv

from brandpulse.cli import main
from brandpulse.report.notify import post_webhook
from brandpulse.report.spikes import TEXT_BYTES, Alert, detect_spikes_and_ends, slack_payload

# (a newline and spaces to flatten, Mattermost's and Slack's mentions, Slack's `<!here>`, an `&`; 180 characters)
RUDE = (
    "Skyway lost my bag, awful service @channel <!here> @all & co.\n\n  Three hours at the desk and nobody could tell"
    " us anything, the app said on time all evening. @SkywayAir fix it"
)


class Bodies(list):
    """The bodies a `hook` was posted, parsed; `raw`: each as it came, with its Content-Type."""

    def __init__(self):
        super().__init__()
        self.raw = []


@pytest.fixture
def hook():
    """A webhook on 127.0.0.1 that answers 200 (500 while `bodies` holds "fail" first) and keeps each body posted."""
    bodies = Bodies()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            raw = self.rfile.read(int(self.headers["Content-Length"]))
            bodies.raw.append((self.headers["Content-Type"], raw))
            body = json.loads(raw)
            failing = bodies[:1] == ["fail"]
            bodies.append(body)
            self.send_response(500 if failing else 200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", bodies
    server.shutdown()
    server.server_close()


def test_a_bullet_quotes_an_example_post_that_pings_no_one(tmp_path, hook):
    """On-call read "Skyway: negative and volume spike ..." in the chat and opened a terminal to learn what people
    said. Each bullet now quotes the first example (of a pair, the negative spike's) on a line of its own, flattened
    and cut to 140 characters, with `&`, `<`, `>` escaped and a word joiner after each `@`: quoted as written, the post
    would have paged the whole channel at night."""
    url, bodies = hook
    rows = spike_csv_rows(spike=True)
    for row in rows:  # (the spike day's negative posts: the examples of its negative spike)
        if row["created_at"].startswith("2026-10-20") and row["text"] == "Skyway lost my bag, awful service":
            row["text"] = RUDE
    (tmp_path / "c.toml").write_text(CONFIG_TOML)
    db = str(tmp_path / "h.duckdb")
    runner = CliRunner()
    ingest = runner.invoke(
        main, ["ingest", write_csv(tmp_path / "p.csv", rows), "--store", db, "-c", f"{tmp_path}/c.toml"]
    )
    assert ingest.exit_code == 0, ingest.stderr
    run = runner.invoke(
        main, ["alerts", "-c", f"{tmp_path}/c.toml", "--store", db, "--until", "2026-10-26", "--webhook", url]
    )
    assert run.exit_code == 3, run.stderr
    assert len(bodies) == 1 and set(bodies[0]) == {"text"}
    # (by hand: RUDE on one line is 172 characters; its first 139 end "on ti", then "…"; then escaped)
    example = (
        "Skyway lost my bag, awful service @\u2060channel &lt;!here&gt; @\u2060all &amp; co. Three hours at the desk"
        " and nobody could tell us anything, the app said on ti…"
    )
    assert bodies[0]["text"].splitlines() == [
        ":rotating_light: brandpulse: 2 alerts",
        "• Skyway: negative and volume spike on 2026-10-20: 80% negative (48 of 60 posts with a sentiment; usual 30%,"
        " alert above 45%); 60 posts (usual 10, alert above 22.6)",
        f'    e.g. "{example}"',
    ]
    quote = bodies[0]["text"].splitlines()[2]
    assert "<" not in quote and ">" not in quote and "& " not in quote
    assert quote.count("@") == 2 and quote.count("@\u2060") == 2
    assert len(example.replace("\u2060", "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")) == 140
    # the terminal and -f jsonl keep the post as written (an example in full, its first 280 characters)
    assert run.stdout.splitlines()[0] == bodies[0]["text"].splitlines()[1][2:]


def store_of(tmp_path, rows, config=CONFIG_TOML) -> tuple[CliRunner, list[str]]:
    """A store of `rows` ingested with `config`, and the options of an alerts run on it."""
    (tmp_path / "c.toml").write_text(config)
    db = str(tmp_path / "h.duckdb")
    runner = CliRunner()
    ingest = runner.invoke(
        main, ["ingest", write_csv(tmp_path / "p.csv", rows), "--store", db, "-c", f"{tmp_path}/c.toml"]
    )
    assert ingest.exit_code == 0, ingest.stderr
    return runner, ["alerts", "-c", f"{tmp_path}/c.toml", "--store", db]


def test_a_brands_negative_and_volume_spikes_over_at_once_are_one_line_and_one_bullet(tmp_path, hook):
    """`--over` printed the pair paged in one line (`negative and volume spike`) over in two lines, two bullets."""
    url, bodies = hook
    runner, job = store_of(tmp_path, spike_csv_rows(spike=True))
    sent = runner.invoke(main, [*job, "--until", "2026-10-21", "--webhook", url])
    assert sent.exit_code == 3, sent.stderr
    over = runner.invoke(main, [*job, "--until", "2026-10-22", "--over", "--webhook", url])
    # (by hand: 2026-10-21 is back to 10 Skyway posts, 3 negative, as the 14 days before it mostly were)
    line = (
        "Skyway: negative and volume spike of 2026-10-20 over: 30% negative on 2026-10-21 (3 of 10 posts with a"
        " sentiment; usual 30%); 10 posts (usual 10)"
    )
    assert (over.exit_code, over.stdout.splitlines()) == (0, [line]), over.stderr
    assert bodies[-1]["text"].splitlines() == [":white_check_mark: brandpulse: 2 spikes over", f"• {line}"]
    assert "2 spikes over" in over.stderr.splitlines()[-1]
    jsonl = runner.invoke(main, [*job, "--until", "2026-10-22", "--over", "--resend", "--dry-run", "-f", "jsonl"])
    told = [json.loads(line) for line in jsonl.stdout.splitlines()]  # (still an object each)
    assert [(o["status"], o["kind"]) for o in told][-2:] == [("over", "negative_share"), ("over", "volume")]


def test_a_late_bullet_quotes_its_example_post_as_a_fresh_one_does(tmp_path, hook):
    """Alerts printed while the webhook failed were posted by the next run as their lines alone, without the example
    post a bullet sent on time has under it."""
    url, bodies = hook
    runner, job = store_of(tmp_path, spike_csv_rows(spike=True))
    bodies.append("fail")
    failed = runner.invoke(main, [*job, "--until", "2026-10-26", "--webhook", url, "--webhook-retries", "0"])
    assert failed.exit_code == 6, failed.stderr
    bodies.remove("fail")
    fresh = bodies[0]["text"].splitlines()
    assert fresh[0] == ":rotating_light: brandpulse: 2 alerts" and fresh[2].startswith('    e.g. "')
    late = runner.invoke(main, [*job, "--until", "2026-10-26", "--webhook", url])
    assert late.exit_code == 0, late.stderr
    assert bodies[1]["text"].splitlines() == [
        ":hourglass: brandpulse: 2 late alerts, from an earlier run whose webhook failed",
        *fresh[1:],
    ]


def test_a_bullets_line_is_escaped_and_its_quoted_post_shows_no_link_or_image(tmp_path, hook):
    """A brand named "AT&T <Air>" broke Slack's mrkdwn in the bullet's line (the quoted post was escaped, the line
    not); a post's Markdown link or image rendered in Mattermost: `[x](http://...)` as a link, `![](...)` a picture."""
    url, bodies = hook
    rows = spike_csv_rows(spike=True)
    for row in rows:
        if row["created_at"].startswith("2026-10-20") and row["text"].startswith("Skyway lost"):
            row["text"] = "Skyway lost my bag [refund here](http://evil.example/x) ![](http://evil.example/p.png)"
    config = CONFIG_TOML.replace("[brands.Skyway]", '[brands."AT&T <Air>"]')
    runner, job = store_of(tmp_path, rows, config)
    run = runner.invoke(main, [*job, "--until", "2026-10-26", "--webhook", url])
    assert run.exit_code == 3, run.stderr
    bullet, quote = bodies[0]["text"].splitlines()[1:]
    assert bullet.startswith("• AT&amp;T &lt;Air&gt;: negative and volume spike on 2026-10-20: 80% negative")
    assert quote == (
        '    e.g. "Skyway lost my bag [refund here]\u2060(http://evil.example/x) ![]\u2060(http://evil.example/p.png)"'
    )
    assert "](" not in quote
    assert run.stdout.startswith("AT&T <Air>: negative and volume spike")  # (the terminal as written)


def test_a_webhook_message_past_its_size_ends_with_and_n_more():
    """A run over many brands posted one text of any length: Slack cuts one past 40,000 characters, Mattermost
    splits one past 16,383 into several posts. It now stops at TEXT_BYTES, with a line saying how many are left out."""
    start = pd.Timestamp("2026-10-20", tz="UTC")
    post = {"created_at": "2026-10-20T08:00:00Z", "author": "a", "text": "x" * 200, "url": None}
    alerts = [
        Alert("volume", f"Brand{i:03d}", "day", start, 60, 10, 22.6, 60, 6, 60, examples=(post,)) for i in range(200)
    ]
    text = slack_payload(alerts)["text"]
    lines = text.splitlines()
    assert len(text.encode()) <= TEXT_BYTES and lines[0] == ":rotating_light: brandpulse: 200 alerts"
    shown = [line for line in lines if line.startswith("• ")]
    assert lines[-1] == f"… and {200 - len(shown)} more, left out to keep the message within 15,000 bytes"
    assert 20 < len(shown) < 200 and shown[-1].startswith(f"• Brand{len(shown) - 1:03d}:")
    assert slack_payload(alerts[:3])["text"].count("\n") == 6  # (a short one whole: 3 bullets and their examples)


def test_a_share_above_the_line_of_too_few_posts_to_tell_does_not_end_a_spike():
    """A day of 10 posts, 5 negative (50 %, alert above 35 %: its Wilson bound, 24 %, too low to alert) ended a
    negative spike, said over at "50% negative", usual 20 %. It can tell no more than a day under --min-volume: the
    spike goes on across it and ends at the next day with enough posts and a usual share."""
    rows = daily_posts("A", "2026-10-01", 14, 20, 4)  # (20 % negative)
    rows += daily_posts("A", "2026-10-15", 1, 20, 18, first_id=1000)  # (90 %: the spike)
    rows += daily_posts("A", "2026-10-16", 1, 10, 5, first_id=2000)  # (50 % of 10: unsure)
    rows += daily_posts("A", "2026-10-17", 1, 20, 4, first_id=3000)  # (20 %: over)
    found, ended = detect_spikes_and_ends(
        enriched(rows), pd.Timestamp("2026-10-15", tz="UTC"), pd.Timestamp("2026-10-18", tz="UTC")
    )
    assert [(a.kind, f"{a.start:%m-%d}") for a in found] == [("negative_share", "10-15")]
    over = [o for o in ended if o.kind == "negative_share"]
    assert [(f"{o.start:%m-%d}", f"{o.last:%m-%d}", f"{o.over_at:%m-%d}") for o in over] == [
        ("10-15", "10-15", "10-17")
    ]
    assert over[0].message == (
        "A: negative spike of 2026-10-15 over: 20% negative on 2026-10-17 (4 of 20 posts with a sentiment; usual 20%)"
    )


def test_days_too_few_to_tell_carry_a_spike_a_day_at_most_so_a_later_spike_is_a_new_alert():
    """Days too few to tell (5 of 10 negative: above the line, too few to alert) carried a spike on without end:
    after three of them, a spike on the fourth day went on from the first one (`previous`, so no new alert to send,
    but an escalation at most). They bridge a day's worth, as days under --min-volume do."""
    rows = daily_posts("A", "2026-10-01", 14, 20, 4)  # (20 % negative)
    rows += daily_posts("A", "2026-10-15", 1, 20, 18, first_id=1000)  # (90 %: the spike)
    for day in (16, 17, 18):  # (50 % of 10: unsure)
        rows += daily_posts("A", f"2026-10-{day}", 1, 10, 5, first_id=day * 100)
    rows += daily_posts("A", "2026-10-19", 1, 20, 18, first_id=5000)  # (90 % again: a new spike)
    found, _ = detect_spikes_and_ends(
        enriched(rows), pd.Timestamp("2026-10-15", tz="UTC"), pd.Timestamp("2026-10-20", tz="UTC")
    )
    negative = [(f"{a.start:%m-%d}", a.previous) for a in found if a.kind == "negative_share"]
    assert negative == [("10-15", None), ("10-19", None)]


def test_a_long_message_of_arabic_pairs_is_trimmed_in_bytes_and_counts_the_alerts_left_out(hook):
    """100 brands' pairs of alerts quoting Arabic posts: the text was trimmed at 15,000 characters, 20 KB in UTF-8 and
    43 KB as posted (`json=` wrote each Arabic letter as "\\u0637", 6 bytes), past the 28 KB a Teams workflow takes;
    and "… and 54 more" under "200 alerts" with 46 bullets counted bullets, not the pairs' alerts (46 + 54 != 200).
    It now keeps to 15,000 bytes of UTF-8, posted as UTF-8, and counts alerts."""
    url, bodies = hook
    start = pd.Timestamp("2026-10-20", tz="UTC")
    post = {"created_at": "2026-10-20T08:00:00Z", "author": "a", "text": "طيران الصحراء أخرت رحلتي " * 10, "url": None}
    alerts = [
        a
        for i in range(100)
        for a in (
            Alert("volume", f"طيران {i:03d}", "day", start, 60, 10, 22.6, 60, 50, 60, examples=(post,)),
            Alert("negative_share", f"طيران {i:03d}", "day", start, 0.8, 0.1, 0.3, 60, 50, 60, examples=(post,)),
        )
    ]
    payload = slack_payload(alerts)
    lines = payload["text"].splitlines()
    shown = [line for line in lines if line.startswith("• ")]
    assert lines[0] == ":rotating_light: brandpulse: 200 alerts" and 10 < len(shown) < 100
    assert all(" negative and volume spike " in line for line in shown)  # (a pair a bullet)
    assert lines[-1] == f"… and {200 - 2 * len(shown)} more, left out to keep the message within 15,000 bytes"
    assert len(payload["text"].encode()) <= TEXT_BYTES
    post_webhook(url, payload, retries=0)
    ((kind, raw),) = bodies.raw
    assert kind == "application/json" and json.loads(raw) == payload
    assert "طيران".encode() in raw and len(raw) < 16_000
