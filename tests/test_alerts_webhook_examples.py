"""An alert's webhook bullet quotes one example post, on one line, short, and unable to ping a channel."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner
from history_fixtures import CONFIG_TOML, spike_csv_rows, write_csv

from brandpulse.cli import main

# (a newline and spaces to flatten, Mattermost's and Slack's mentions, Slack's `<!here>`, an `&`; 180 characters)
RUDE = (
    "Skyway lost my bag, awful service @channel <!here> @all & co.\n\n  Three hours at the desk and nobody could tell"
    " us anything, the app said on time all evening. @SkywayAir fix it"
)


@pytest.fixture
def hook():
    """A webhook on 127.0.0.1 that answers 200 and keeps each body posted."""
    bodies = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            bodies.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
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
