"""Code, stack traces and log lines pasted into developers' posts are read by no lexicon, language detector, intent or
topic rule (stop 43): "FATAL ... process killed" in a log is nobody's anger, an English trace makes no post English."""

import csv
import json

from click.testing import CliRunner

from brandpulse.cli import main
from brandpulse.enrich.text import without_code

TRACE_JS = (
    "TypeError: Cannot read properties of undefined (reading 'token')\n"
    "    at Client.auth (node_modules/@stackly/sdk/dist/index.js:120:15)\n"
    "    at async main (/app/src/index.ts:12:3)"
)
LOG = (
    "2026-12-01T10:02:11Z FATAL [worker-3] process killed: OOM (exit 137)\n"
    "2026-12-01T10:02:11Z ERROR failed to flush queue: connection refused"
)
POSTS = {
    # a how-to question with its log pasted (as Mastodon's <pre> leaves it: no fence)
    "log": "Seeing this with Stackly, how do I debug it?\n" + LOG,
    # a Spanish bug report with an English trace in a fence
    "es": "Stackly 2.3.1 rompió la autenticación, todas las peticiones devuelven 401:\n```\n" + TRACE_JS + "\n```",
    # inline code naming a command: "kill" is no sentiment word here
    "inline": "TIL you can run `stackly kill --all` before every deploy",
    # the same words as prose stay words
    "prose": "Stackly killed our deploys today and the support is useless",
}


def _analyze(tmp_path):
    src, cfg = tmp_path / "posts.csv", tmp_path / "brandpulse.toml"
    cfg.write_text('[brands.Stackly]\nterms = ["Stackly", "@stackly/sdk"]\n')
    with src.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["post_id", "text"])
        writer.writerows(POSTS.items())
    result = CliRunner().invoke(
        main, ["analyze", str(src), "-c", str(cfg), "-f", "jsonl", "--explain", "-q"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return {row["post_id"]: row for row in rows}


def test_a_pasted_log_leaves_a_question_neutral_and_a_question(tmp_path):
    row = _analyze(tmp_path)["log"]
    # before: FATAL, killed, ERROR, failed, refused: -0.97, negative, and "refused" made it a complaint
    assert row["sentiment_label"] == "neutral", row["explain"]
    assert row["intent"] == "question"
    assert "FATAL" not in row["explain"] and "killed" not in row["explain"]
    assert row["text"].endswith("connection refused")  # the post keeps its text


def test_an_english_trace_does_not_make_a_spanish_post_english(tmp_path):
    row = _analyze(tmp_path)["es"]
    assert row["lang"] == "es"
    assert row["sentiment"] is None  # left unscored, as every Spanish post with the English analyzer


def test_inline_code_is_no_sentiment_but_prose_is(tmp_path):
    rows = _analyze(tmp_path)
    assert rows["inline"]["sentiment_label"] == "neutral", rows["inline"]["explain"]
    assert rows["inline"]["intent"] != "complaint"
    assert rows["prose"]["sentiment_label"] == "negative"
    assert rows["prose"]["intent"] == "complaint"


def test_what_is_left_out_and_what_is_not():
    assert without_code("Broke again:\n```\nfatal error\n```\nAny idea?") == "Broke again:\n\n\nAny idea?"
    assert without_code("open fence\n```\nkilled\nfatal") == "open fence\n\n"
    assert without_code("x\nat /usr/lib/node_modules/stackly/cli.js:42\nat com.acme.Api.call(Api.java:9)") == "x\n\n"
    python = 'Traceback (most recent call last):\n  File "app.py", line 3, in <module>\nAuthError: fatal: killed'
    assert without_code("Help\n" + python).strip() == "Help"
    assert without_code("a\n$ stackly login\nb") == "a\n\nb"
    # prose that looks a little like code stays: a place in parentheses, a bare "Error:", a price
    prose = ("Waited 3 hours\nat Heathrow (terminal 5)\nterrible", "Error: the app will not open\nawful", "$20?\nok")
    for text in prose:
        assert without_code(text) == text


def test_a_log_in_a_post_naming_two_brands_is_neither_brands_sentiment(tmp_path):
    src, cfg = tmp_path / "posts.csv", tmp_path / "brandpulse.toml"
    cfg.write_text('[brands.Stackly]\nterms = ["Stackly"]\n[brands.Postman]\nterms = ["Postman"]\ncompetitor = true\n')
    text = "Postman is fine, but Stackly is great, love it. Our log:\n```\n" + LOG + "\nterrible\n```"
    with src.open("w", newline="") as fh:
        csv.writer(fh).writerows([["post_id", "text"], ["1", text]])
    args = ["analyze", str(src), "-c", str(cfg), "-f", "jsonl", "-q"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    row = json.loads(result.stdout.splitlines()[0])
    scores = dict(pair.split("=") for pair in row["brand_sentiments"].split(";"))
    # before: the fenced log's clauses (FATAL, killed, failed, refused, terrible) were Stackly's: -0.17
    assert float(scores["Stackly"]) > 0.3, row["brand_sentiments"]
    assert row["sentiment_label"] == "positive"


def test_an_indented_list_poem_or_post_is_read_and_an_indented_block_of_code_is_not():
    # before: every line indented with 4 spaces was code, so these lost their words (a post of them read as empty)
    prose = (
        "Things I love about Voxa:\n    - fast support\n    - great prices\n    1. the app is amazing",
        "    Roses are red, the train is late;\n    Skyway lost my bag, I hate this fate",
        "    El servicio de Skyway es horrible, perdieron mi maleta",
        "Huge sale!\n$ 5 off everything at Snacko today",  # a price, no shell prompt
    )
    for text in prose:
        assert without_code(text) == text
    # a block with one line of code is code, its lines without a sign of it too ("pass", "kill")
    assert without_code("Fix:\n\n    def stop(p):\n        kill\n    p.stop()\nthanks") == "Fix:\n\n\n\n\nthanks"


def test_an_indented_post_keeps_its_sentiment_language_and_intent(tmp_path):
    src, cfg = tmp_path / "posts.csv", tmp_path / "brandpulse.toml"
    cfg.write_text('[brands.Skyway]\nterms = ["Skyway"]\n')
    text = "    Roses are red, the train is late,\n    Skyway lost my bag, I hate this fate"
    with src.open("w", newline="") as fh:
        csv.writer(fh).writerows([["post_id", "text"], ["1", text]])
    result = CliRunner().invoke(
        main, ["analyze", str(src), "-c", str(cfg), "-f", "jsonl", "-q"], catch_exceptions=False
    )
    row = json.loads(result.stdout.splitlines()[0])
    # before: neutral, no language, no intent
    assert (row["sentiment_label"], row["lang"], row["intent"]) == ("negative", "en", "complaint"), row


def test_inline_code_names_a_brand_but_is_not_its_sentiment(tmp_path):
    src, cfg = tmp_path / "posts.csv", tmp_path / "brandpulse.toml"
    cfg.write_text('[brands.Stackly]\nterms = ["Stackly"]\n[brands.Postman]\nterms = ["Postman"]\n')
    text = "TIL you can run `stackly kill --all` before every deploy, Postman is fine"
    with src.open("w", newline="") as fh:
        csv.writer(fh).writerows([["post_id", "text"], ["1", text]])
    result = CliRunner().invoke(
        main, ["analyze", str(src), "-c", str(cfg), "-f", "jsonl", "-q"], catch_exceptions=False
    )
    row = json.loads(result.stdout.splitlines()[0])
    scores = dict(pair.split("=") for pair in row["brand_sentiments"].split(";"))
    # before: Stackly=-0.6736 for "kill" in the command, while the post (which reads no inline code) was +0.16
    assert float(scores["Stackly"]) == 0.0, row["brand_sentiments"]
    assert float(scores["Postman"]) > 0, row["brand_sentiments"]


def test_a_backtick_for_an_apostrophe_or_a_quote_is_no_inline_code():
    # before: the words between them were left out ("if u don ll have 2 make a video", two texts of the tuning set)
    for text in (
        "if u don`t come w/Snarky in November, we`ll have 2 make a video begging",
        "combines the features of `Memento' with the drug culture of `Requiem for a Dream.'",
    ):
        assert without_code(text) == text
    assert without_code("run `stackly kill --all`, then `deploy`.") == "run  , then  ."


def test_sentiment_reads_the_chunks_column_without_code_and_no_text_twice(monkeypatch):
    """`score_sentiment` reads the chunk's column without its code (`code_free`, which intent and topics then reuse):
    the same scores as `without_code` of each text, but `without_code` runs only on the texts that may hold code (a
    backtick, a line break, an indent). It ran on every distinct text too (30 ms of a 100,000-post chunk)."""
    import numpy as np
    import pandas as pd

    from brandpulse.enrich import sentiment, text
    from brandpulse.enrich.matching import forget
    from brandpulse.schema import STRING

    posts = [POSTS["log"], "great service, thanks", POSTS["inline"], POSTS["log"], None, POSTS["prose"], POSTS["es"]]
    df = pd.DataFrame({"text": pd.Series(posts, dtype=STRING), "lang": pd.Series(["en"] * 6 + ["es"], dtype=STRING)})
    analyzer = sentiment.get_analyzer("cx")
    expected = analyzer.score([without_code(t) for t in posts[:4]] + [""] + [without_code(posts[5])])[0]
    expected[4] = np.nan  # (an empty text has no score)
    seen = []

    def counted(t, inline=True):
        seen.append(t)
        return without_code(t, inline)

    monkeypatch.setattr(text, "without_code", counted)
    monkeypatch.setattr(sentiment, "without_code", counted)
    forget()
    scored = sentiment.score_sentiment(df, analyzer)["sentiment"].to_numpy()
    assert np.allclose(scored[:6], expected, equal_nan=True)
    assert np.isnan(scored[6])  # (Spanish: not read)
    assert scored[2] == analyzer.score(["TIL you can run   before every deploy"])[0][0]  # ("kill" in code: none)
    assert seen and all("`" in t or "\n" in t for t in seen), seen  # ("great service, thanks" never)
