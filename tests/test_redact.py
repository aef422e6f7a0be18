"""`--redact` (report, queue) and `[output] redact`: a report or queue shared with managers names no author and holds
no e-mail address, phone or NHS number or birth date that patients wrote; checked in the files written."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from history_fixtures import write_csv

from brandpulse.cli import main
from brandpulse.config import Brand, Config
from brandpulse.output.redact import PATTERNS, mask_message, mask_text, redact

CONFIG = """
[brands.Northgate]
terms = ["Northgate", "@NorthgateNHS"]
handles = ["@NorthgateNHS"]

[brands.MediPlus]
terms = ["MediPlus"]
competitor = true
"""

#: what a patient put in a post, and what no shared file may hold
PERSONAL = ["jane.doe62@gmail.com", "07700 900362", "485 777 3456", "4857773456", "12/03/1961", "jane_doe", "Jane Doe"]


def posts() -> list[dict]:
    texts = [
        "Northgate gave my mum the wrong medication, NHS number 485 777 3456, awful",
        "Northgate cancelled my operation again, terrible. Ring me on 07700 900362",
        "Northgate discharged me with the wrong medication, DOB 12/03/1961, NHS no 4857773456. Awful",
        "Northgate lost my referral, email me at jane.doe62@gmail.com, useless",
    ]
    out = [
        {
            "post_id": f"{n}",
            "platform": "twitter",
            "created_at": f"2026-11-{24 + n}T10:00:00Z",
            "author": "@jane_doe" if n % 2 else "Jane Doe",
            "text": text,
            "url": f"https://x.com/jane_doe/status/{n}",
            "likes": 10 + n,
            "author_followers": 500,
        }
        for n, text in enumerate(texts)
    ]
    out += [
        {
            "post_id": f"1{n}",
            "platform": "twitter",
            "created_at": f"2026-11-{24 + n}T12:00:00Z",
            "author": f"fan{n}",
            "text": "MediPlus saw me in 20 minutes, brilliant" if n % 2 else "Northgate waited 9 hours in A&E, awful",
            "url": f"https://x.com/fan{n}/status/1{n}",
            "likes": 5,
            "author_followers": 100,
        }
        for n in range(4)
    ]
    return out


@pytest.fixture
def stored(tmp_path, runner):
    (tmp_path / "brandpulse.toml").write_text(CONFIG)
    src = write_csv(tmp_path / "posts.csv", posts())
    db = tmp_path / "h.duckdb"
    run = runner.invoke(main, ["ingest", src, "--store", str(db), "-q"])
    assert run.exit_code == 0, run.stderr
    return db


def test_mask_text_masks_emails_dates_and_long_numbers_only():
    assert mask_text("NHS number 485 777 3456, or 485-777-3456.") == "NHS number [number], or [number]."
    assert mask_text("Call 0161 496 0570 or (0161) 496 0570 or +44 7700 900123") == (
        "Call [number] or [number] or [number]"
    )
    assert mask_text("DOB 12/03/1961, mail jo.b+nhs@nhs.net") == "DOB [date], mail [email]"
    # what a complaint is about stays: hours, wards, prices, times, a day of 8 digits
    kept = "Waited 9 hours on ward 7 from 2026-11-20 10:00, £4 parking, ref 1234"
    assert mask_text(kept) == kept


def test_redact_names_one_author_once_across_tables_and_empties_links():
    a = pd.DataFrame({"author": ["@Jane", "bob", "jane"], "url": ["https://x.com/Jane/1", None, "u"], "text": "x"})
    b = pd.DataFrame({"author": ["bob", "cy"], "post_id": ["9", "8"]})
    names: dict[str, str] = {}
    ra, rb = redact(a, names), redact(b, names)
    assert ra["author"].tolist() == ["author 1", "author 2", "author 1"]  # (@Jane and jane: one handle)
    assert rb["author"].tolist() == ["author 2", "author 3"]
    assert ra["url"].tolist()[0] == "" and pd.isna(ra["url"].tolist()[1])
    assert rb["post_id"].tolist() == ["", ""]
    assert a["author"].tolist() == ["@Jane", "bob", "jane"]  # (the caller's frame is left as it was)


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_report_redact_leaves_no_personal_data_in_the_file(tmp_path, runner, stored, fmt):
    week = ["report", "--store", str(stored), "--period", "week", "--until", "2026-11-30", "-q"]
    plain = tmp_path / f"plain.{fmt}"
    assert runner.invoke(main, [*week, "-o", str(plain)]).exit_code == 0
    held = plain.read_text()
    assert any(p in held for p in PERSONAL)  # (the plain report quotes them: the check below can fail)
    out = tmp_path / f"week.{fmt}"
    run = runner.invoke(main, [*week, "--redact", "-o", str(out)])
    assert run.exit_code == 0, run.stderr
    text = out.read_text()
    assert [p for p in PERSONAL if p in text] == []
    assert "x.com/" not in text
    assert "author 1" in text and "[number]" in text
    if fmt == "json":
        tables = json.loads(text)["tables"]
        top = {r["created_at"]: r["author"] for r in tables["top_posts"]}
        both = [(r["author"], top[r["created_at"]]) for r in tables["negative_posts"] if r["created_at"] in top]
        assert both and all(a == b for a, b in both)  # (a post in two tables: one name in both)


def test_queue_redact_and_the_config_setting(tmp_path, runner, stored):
    cmd = ["queue", "--store", str(stored), "--since", "2026-11-20", "--until", "2026-12-01", "-f", "csv", "-q"]
    run = runner.invoke(main, [*cmd, "--redact"])
    assert run.exit_code == 0, run.stderr
    rows = pd.read_csv(pd.io.common.StringIO(run.stdout), dtype=str, keep_default_na=False)
    assert len(rows) == 6  # the patient's 4 posts and the 2 A&E waits
    assert [p for p in PERSONAL if p in run.stdout] == []
    # (Jane Doe and @jane_doe are two names: a handle is compared without its @ and case alone)
    assert set(rows["author"]) == {"author 1", "author 2", "author 3", "author 4"}
    assert set(rows["url"]) == {""} and set(rows["post_id"]) == {""}
    assert rows["text"].str.contains("wrong medication").sum() == 2  # (what the post is about stays)

    (tmp_path / "brandpulse.toml").write_text(CONFIG + "\n[output]\nredact = true\n")
    assert runner.invoke(main, cmd).stdout == run.stdout  # the config's setting, for every shared file
    plain = runner.invoke(main, [*cmd, "--no-redact"])
    assert "jane.doe62@gmail.com" in plain.stdout and "https://x.com/jane_doe/status/3" in plain.stdout
    (tmp_path / "brandpulse.toml").write_text(CONFIG + "\n[output]\nredact = 'yes'\n")
    bad = runner.invoke(main, cmd)
    assert bad.exit_code == 5 and "[output] redact must be true or false" in bad.stderr


def test_alerts_redact_the_example_posts_in_the_webhook_and_jsonl(tmp_path, runner, httpserver):
    """An alert quotes a post under its bullet, in a Slack channel anyone at the trust may read: with --redact its
    author, link, phone and NHS numbers are not there."""
    from history_fixtures import CONFIG_TOML, spike_csv_rows

    rows = spike_csv_rows(spike=True)
    for r in rows:
        if r["text"].startswith("Skyway lost my bag"):
            r["text"] = "Skyway lost my bag, awful service. NHS 485 777 3456, ring 07700 900362"
            r["author"] = "@jane_doe"
    (tmp_path / "c.toml").write_text(CONFIG_TOML)
    src = write_csv(tmp_path / "spike.csv", rows)
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    args = ["alerts", src, "-c", str(tmp_path / "c.toml"), "--until", "2026-10-26", "-f", "jsonl"]
    plain = runner.invoke(main, [*args, "--dry-run"])
    assert plain.exit_code == 3 and "485 777 3456" in plain.stdout  # (the check below can fail)
    hook = ["--webhook", httpserver.url_for("/hook"), "--state", str(tmp_path / "s.json"), "--redact"]
    run = runner.invoke(main, [*args, *hook])
    assert run.exit_code == 3, run.stderr
    sent = [json.loads(request.get_data())["text"] for request, _ in httpserver.log]
    assert len(sent) == 1 and "e.g. " in sent[0] and "NHS [number], ring [number]" in sent[0]
    examples = [e for line in run.stdout.splitlines() for e in json.loads(line)["examples"]]
    assert examples and all(re.fullmatch(r"author \d+", e["author"]) for e in examples)
    assert {e["url"] for e in examples} == {""}
    for text in (run.stdout, *sent):
        assert [p for p in PERSONAL if p in text] == [] and "x.com/" not in text


def test_alerts_redact_masks_an_example_before_it_is_cut(tmp_path, runner):
    """An example post is cut to 280 characters: cut first, an e-mail address or phone number across the cut was
    no longer one the patterns find, and `jane.doe62@g` and `07700 9` were left in the alert."""
    from history_fixtures import CONFIG_TOML, spike_csv_rows

    from brandpulse.report.spikes import EXAMPLE_CHARS

    rows = spike_csv_rows(spike=True)
    long = ("Skyway lost my bag, awful service. " + "Still waiting. " * 30)[: EXAMPLE_CHARS - len(" jane.doe62@gm")]
    for r in rows:
        if r["text"].startswith("Skyway lost my bag"):
            r["text"] = long + " jane.doe62@gmail.com, 07700 900362"
    (tmp_path / "c.toml").write_text(CONFIG_TOML)
    src = write_csv(tmp_path / "spike.csv", rows)
    args = ["alerts", src, "-c", str(tmp_path / "c.toml"), "--until", "2026-10-26", "-f", "jsonl", "--dry-run"]
    plain = runner.invoke(main, args)
    assert plain.exit_code == 3 and "jane.doe62@g" in plain.stdout  # (the example is there, cut in the address)
    run = runner.invoke(main, [*args, "--redact"])
    assert run.exit_code == 3, run.stderr
    texts = [e["text"] for line in run.stdout.splitlines() for e in json.loads(line)["examples"]]
    lost = [t for t in texts if t.startswith("Skyway lost")]
    assert lost and all(t.endswith(" [email], [num") for t in lost)  # (masked, then cut)
    assert "jane.doe" not in run.stdout


def test_mask_text_masks_mentions_but_the_brands_own():
    ours = {"northgatenhs"}
    said = "@jane_doe @NorthgateNHS still no call back. cc @bob.bsky.social, @Northgatenhs! mail a@b.co"
    kept = "[handle] @NorthgateNHS still no call back. cc [handle], @Northgatenhs! mail [email]"
    assert mask_text(said, ours) == kept
    assert mask_text("ward 7 at 10:30, £5 @ the kiosk") == "ward 7 at 10:30, £5 @ the kiosk"


def test_queue_redact_masks_the_handle_a_reply_starts_with(tmp_path, runner):
    """A reply's text starts with the handle it answers: its author was `author 1` in one row and `@jane_doe` in the
    text of the next."""
    (tmp_path / "brandpulse.toml").write_text(CONFIG)
    rows = posts()[:2]
    rows.append({**rows[1], "post_id": "5", "author": "fan9", "text": "@jane_doe @NorthgateNHS same here, awful"})
    src = write_csv(tmp_path / "posts.csv", rows)
    cmd = ["queue", src, "--since", "2026-11-20", "--until", "2026-12-01", "-f", "csv", "-q", "--redact"]
    run = runner.invoke(main, cmd)
    assert run.exit_code == 0, run.stderr
    assert "jane_doe" not in run.stdout
    assert "[handle] @NorthgateNHS same here, awful" in run.stdout  # (whom it is to stays)


def test_alerts_redact_masks_a_late_bullet_kept_unredacted(tmp_path, runner, httpserver):
    """A bullet a run without --redact could not send (its webhook failed) is kept with its example post as written;
    the next run, with --redact, sent the patient's phone number with it as a late alert."""
    from history_fixtures import CONFIG_TOML, spike_csv_rows

    rows = spike_csv_rows(spike=True)
    for r in rows:
        if r["text"].startswith("Skyway lost my bag"):
            r["text"] = "Skyway lost my bag, awful service. NHS 485 777 3456, ring 07700 900362"
    (tmp_path / "c.toml").write_text(CONFIG_TOML)
    src = write_csv(tmp_path / "spike.csv", rows)
    hook = ["--webhook", httpserver.url_for("/hook"), "--state", str(tmp_path / "s.json"), "--webhook-retries", "0"]
    args = ["alerts", src, "-c", str(tmp_path / "c.toml"), *hook, "-q"]
    httpserver.expect_oneshot_request("/hook", method="POST").respond_with_data("down", status=500)
    failed = runner.invoke(main, [*args, "--until", "2026-10-26"])
    assert failed.exit_code not in (0, 3), failed.stdout
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    run = runner.invoke(main, [*args, "--since", "2026-10-25", "--until", "2026-10-26", "--redact"])
    sent = [json.loads(request.get_data())["text"] for request, _ in httpserver.log[1:]]
    assert sent and "late" in sent[0] and "NHS [number], ring [number]" in sent[0], (run.stderr, sent)
    assert "07700" not in sent[0] and "485 777" not in sent[0]


def test_mask_text_masks_a_residents_uk_details():
    """A council's residents write their postcode, house and street, car registration, account and case numbers and
    a neighbour's name into posts; before stop 44 each reached the councillors' report as written."""
    said = {
        "Bins missed again, 14 Elm Grove, BF3 7QT": "Bins missed again, [address], [postcode]",
        "Leaking roof at 9a Rose Court, bf37qt": "Leaking roof at [address], [postcode]",
        "Fined outside my house, car reg KX19 LMN": "Fined outside my house, car reg [reg]",
        "My reg is kx19lmn and the permit is valid": "My reg is [reg] and the permit is valid",
        "Council tax account 60012345, charged twice": "Council tax account [number], charged twice",
        "Pothole ref PH-2611873, badge ref BB/2026/08812": "Pothole ref [reference], badge ref [reference]",
        "Mr John Smith of 8 Beech Avenue leaves rubbish out": "[name] of [address] leaves rubbish out",
        "Mrs Patel is disabled": "[name] is disabled",
        "my mum (DOB 1948-03-12) tripped": "my mum (DOB [date]) tripped",
        "born 12 March 1948 and date of birth: 3rd May 1950": "born [date] and date of birth: [date]",
    }
    assert {text: mask_text(text) for text in said} == said
    # what the complaint is about stays: a street without a number, a road and its exit, an amount, a date, a
    # score, a short reference, a registration-like word in small letters with nothing saying it is one
    kept = (
        "Pothole on Station Road by the A61, take the A6 1st exit; £150000 resurfacing from 2026-11-20 10:00, "
        "3-0 at home, ref 1234, closed for 3 weeks on the road, the eu27 and co"
    )
    assert mask_text(kept) == kept


def test_report_redact_leaves_no_uk_address_registration_or_account_number(tmp_path, runner):
    """The councillors' weekly report of a council's posts (its most negative posts quote them whole): no postcode,
    house number and street, car registration, account or case number, nor a neighbour's name."""
    (tmp_path / "brandpulse.toml").write_text(
        '[brands.Brackenford]\nterms = ["Brackenford Council", "@BrackenfordCC"]\n'
    )
    texts = [
        "@BrackenfordCC bin missed again at 14 Elm Grove, BF3 7QT, useless",
        "@BrackenfordCC fined outside my own house, car reg KX19 LMN, ridiculous and awful",
        "Brackenford Council charged me twice, account 60012345, terrible",
        "Brackenford Council ignored pothole ref PH-2611873 for weeks, awful",
        "Brackenford Council do nothing about Mr John Smith dumping rubbish, disgusting",
    ]
    rows = [
        {
            "post_id": str(n),
            "platform": "twitter",
            "created_at": f"2026-11-2{4 + n}T10:00:00Z",
            "author": f"res{n}",
            "text": text,
            "likes": 20 + n,
            "author_followers": 300,
        }
        for n, text in enumerate(texts)
    ]
    src = write_csv(tmp_path / "posts.csv", rows)
    personal = ["14 Elm Grove", "BF3 7QT", "KX19 LMN", "60012345", "PH-2611873", "John Smith"]
    week = ["report", src, "--period", "week", "--until", "2026-11-30", "-f", "md", "-q"]
    plain = runner.invoke(main, week)
    assert plain.exit_code == 0, plain.stderr
    assert [p for p in personal if p in plain.stdout] == personal  # (the plain report quotes them all)
    run = runner.invoke(main, [*week, "--redact"])
    assert run.exit_code == 0, run.stderr
    assert [p for p in personal if p in run.stdout] == []
    for mark in ("[address]", "[postcode]", "[reg]", "[number]", "[reference]", "[name]"):
        assert mark in run.stdout.replace("\\[", "["), mark  # (Markdown escapes the bracket)


def test_mask_text_keeps_a_products_lot_code_and_best_before_date():
    """A pet-food maker's quality team traces a "sick after eating it" post by the lot code and best-before date it
    quotes, which are no personal data; before stop 44 `--redact` made `lot L2409-77` a `[reference]`, `batch
    2024113` a `[number]` and `best before 12/03/2027` a `[date]`, in the very posts it needs them from."""
    kept = [
        "Mould in the tin, lot L2409-77, best before 12/03/2027",
        "Vomiting all night, Batch no. 2024113 BBE 31.03.27",
        "plastic in the bag LOT: PAW24113, use by 2027-03-12",
    ]
    assert [mask_text(text) for text in kept] == kept
    # what is personal around them is still masked, and "a lot" is no lot
    said = {
        "lot number 24113B, ring me on 07700 900362": "lot number 24113B, ring me on [number]",
        "thanks a lot 07700 900362, DOB 12/03/1961": "thanks a lot [number], DOB [date]",
        "badge ref BB/2026/08812, sorted 12/03/2026": "badge ref [reference], sorted [date]",
    }
    assert {text: mask_text(text) for text in said} == said


def test_the_email_pattern_is_tried_only_at_the_start_of_a_run_of_its_letters():
    """Review of stop 44: tried at each letter of a long run with no "@" after it ('a1' * 20000 + '_', a pasted blob),
    the e-mail pattern took quadratic time, 20 s for one text (`benchmarks/bench_redact.py` times it): it now starts
    only where a run starts, and masks the same addresses."""
    email = next(pattern for pattern, mark in PATTERNS if mark == "[email]")
    assert email.search("xjane@mail.com", 1) is None  # (it was "jane@mail.com", a match inside the run)
    said = "mail jane.doe+nhs@mail.co.uk or (x_y-z@a-b.org), not a@b"
    assert mask_text(said) == "mail [email] or ([email]), not a@b"


def test_a_count_and_a_place_in_title_case_are_no_address():
    """Review of stop 44: a post in Title Case lost a count and a place as "[address]" ("Waited [address]", "Got
    [address]"): a word of time or a linking word is in no street's name between a house number and its street."""
    kept = [
        "Waited 45 Minutes At Gate Park",
        "3 Minutes Walk From The Park",
        "Got 2 Tickets To Hyde Park",
        "5 Hours In St",
    ]
    assert [mask_text(text) for text in kept] == kept
    assert mask_text("Bins at 14 The Green, 3 Minute Walk") == "Bins at [address], 3 Minute Walk"
    assert mask_text("Flooded at 2 Long Lane again") == "Flooded at [address] again"


def test_a_brand_named_after_a_title_is_no_persons_name():
    """Review of stop 44: a brand written as a title and a name ("Dr Martens", "Mr Kipling") was "[name]" in every
    redacted post about it; a person's name after a title is still masked."""
    config = Config(brands=[Brand("Dr Martens", ["Dr Martens", "Docs"]), Brand("Kipling", ["Mr Kipling*"])])
    table = pd.DataFrame({"text": ["Dr Martens soles split, Mr Kipling Cakes stale, Dr Jones said so", "Mrs Patel"]})
    assert redact(table, config=config)["text"].tolist() == [
        "Dr Martens soles split, Mr Kipling Cakes stale, [name] said so",
        "[name]",
    ]
    assert mask_text("Dr Martens soles split") == "[name] soles split"  # (no config: no brand to know)


@pytest.mark.parametrize(
    "how",
    [
        ["--chunksize", "1"],
        ["--jobs", "2", "--chunksize", "1"],
        ["--jobs", "2", "--chunksize", "3", "-f", "jsonl"],
        ["-f", "json"],
        ["--engine", "dask"],
    ],
    ids=["chunks", "jobs 2", "jobs 2 jsonl", "json", "dask"],
)
def test_analyze_redact_names_an_author_alike_in_every_chunk_and_worker(tmp_path, runner, how):
    if "dask" in how:
        pytest.importorskip("dask")
    (tmp_path / "brandpulse.toml").write_text(CONFIG)
    src = write_csv(tmp_path / "posts.csv", posts())
    out = tmp_path / ("out.jsonl" if "jsonl" in how else "out.json" if "json" in how else "out.csv")
    run = runner.invoke(main, ["analyze", src, "--redact", "-q", "-o", str(out), *how])
    assert run.exit_code == 0, run.stderr
    text = out.read_text()
    assert [p for p in PERSONAL if p in text] == [] and "x.com/" not in text
    if "-f" in how:
        rows = pd.DataFrame(json.loads(text) if "json" in how else [json.loads(line) for line in text.splitlines()])
    else:
        rows = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert len(rows) == 8 and set(rows["post_id"]) == {""} and set(rows["url"]) == {""}
    rows = rows.sort_values("created_at")  # (the posts' order: Jane Doe, @jane_doe, Jane Doe, @jane_doe, fan0..fan3)
    authors = list(rows["author"])
    assert all(re.fullmatch(r"author \w+", a) for a in authors)
    # one author one name though each of her posts was in another chunk (or worker); two authors two names
    assert authors[0] == authors[4] and authors[2] == authors[6]
    assert len({authors[0], authors[2], authors[1], authors[3], authors[5], authors[7]}) == 6
    assert rows["text"].str.contains("wrong medication").sum() == 2  # (what the post is about stays)


def test_analyze_redact_the_tables_and_the_rejects_keep_their_file_and_line(tmp_path, runner):
    (tmp_path / "brandpulse.toml").write_text(CONFIG + "\n[output]\nredact = true\n")
    src = write_csv(tmp_path / "posts.csv", posts())
    with open(src, "a") as f:  # line 10: a post whose time is a phone number
        f.write(
            '99,twitter,07700 900362,@jane_doe,"Northgate, ring me, jane.doe62@gmail.com",https://x.com/jane_doe,1,500\n'
        )
    rejects = tmp_path / "rejects.csv"
    cmd = ["analyze", src, "-f", "table", "--rejects", str(rejects), "--chunksize", "1", "--jobs", "2"]
    run = runner.invoke(main, cmd, env={"COLUMNS": "200"})  # (the config's [output] redact)
    assert run.exit_code == 0, run.stderr
    assert "Most negative posts" in run.stdout and "author " in run.stdout
    assert [p for p in PERSONAL if p in run.stdout + run.stderr] == []
    rejected = pd.read_csv(rejects, dtype=str, keep_default_na=False)
    assert list(rejected[["source", "position"]].itertuples(index=False, name=None)) == [(src, "line 10")]
    assert "[number]" in rejected["reason"][0] and rejected["record"][0] == ""
    assert [p for p in PERSONAL if p in rejects.read_text()] == []

    plain = runner.invoke(main, [*cmd, "--no-redact"], env={"COLUMNS": "200"})
    assert plain.exit_code == 0, plain.stderr
    assert "jane.doe62@gmail.com" in rejects.read_text()  # (the check above can fail)
    assert "jane_doe" in plain.stdout or "Jane Doe" in plain.stdout


def test_a_rejected_cells_personal_data_is_masked_on_stderr_without_redact(tmp_path, runner):
    # a pharmacovigilance tester's cron mail: a row shifted by a comma put a parent's name, phone and e-mail in the
    # time field, and `ingest` (which has no --redact) printed them; the rejects file keeps the record as written
    (tmp_path / "brandpulse.toml").write_text(CONFIG)
    src = write_csv(tmp_path / "posts.csv", posts())
    with open(src, "a") as f:  # lines 10 and 11
        f.write('99,twitter,Jane Doe 07700 900362 jane.doe62@gmail.com,x,"Northgate overdose",,1,500\n')
        f.write('98,twitter,31/02/2026,fan,"Northgate wrong dose",,1,500\n')
    run = runner.invoke(main, ["ingest", src, "--store", str(tmp_path / "h.duckdb")])
    assert run.exit_code == 0, run.stderr
    assert "line 10: bad created_at 'Jane Doe [number] [email]'" in run.stderr
    assert "line 11: bad created_at '31/02/2026'" in run.stderr  # (a bad time is still shown as written)
    assert [p for p in PERSONAL if p in run.stderr and p != "Jane Doe"] == []
    rejects = tmp_path / "rejects.csv"
    kept = runner.invoke(main, ["ingest", src, "--store", str(tmp_path / "h.duckdb"), "--rejects", str(rejects)])
    assert kept.exit_code == 0, kept.stderr
    assert "jane.doe62@gmail.com" in rejects.read_text()


def test_a_reject_reasons_own_line_numbers_are_not_masked_its_cell_is():
    # a file past line 100,000: "unclosed quote on line [number]", "lines [number] read as one" told the analyst
    # neither where the record began nor where it ended, as a 6-digit line number is masked as an account number is
    said = "quote closed mid-field on line 150234 (a quote left open?): lines 150234-150240 read as one"
    assert mask_message(said) == said
    assert mask_message("unclosed quote on line 123456: no quote closes it (line 123457 read again)") == (
        "unclosed quote on line 123456: no quote closes it (line 123457 read again)"
    )
    assert (
        mask_message("bad created_at 'Jane 07700 900362 line 150234'") == "bad created_at 'Jane [number] line [number]'"
    )
    assert mask_message('not an object: ["jane.doe62@gmail.com"]') == 'not an object: ["[email]"]'


def test_a_json_line_that_is_a_phone_number_and_a_cell_that_is_a_name_are_masked_on_stderr(tmp_path, runner):
    # a JSON Lines export with a bare number on a line (a phone number) was `not an object: 4155550123` on stderr
    # (nothing quoted: nothing masked); a row shifted by a comma, its author in the time field, showed 'Jane Smith'
    # where 'Mrs Jane Smith' was masked, and the masked one lost its closing quote (`'[name]`)
    src = tmp_path / "p.jsonl"
    src.write_text(
        '{"id": "1", "text": "Acme ok"}\n4155550123\n{"id": "3", "text": "Acme", "created_at": "Jane Smith"}\n'
    )
    run = runner.invoke(main, ["analyze", str(src), "-f", "csv"])
    assert run.exit_code == 0, run.stderr
    assert "line 2: not an object: [number]" in run.stderr and "4155550123" not in run.stderr
    assert "line 3: bad created_at '[name]'" in run.stderr and "Jane" not in run.stderr
    assert mask_message("bad created_at 'Mrs Jane Smith'") == "bad created_at '[name]'"
    assert mask_message("bad created_at 'Mary-Jane O'Neil'") == "bad created_at '[name]'"
    assert mask_message("not an object: 5") == "not an object: 5"
    assert mask_message("bad likes 'Delta'") == "bad likes 'Delta'"  # (one word: a brand, a product)
    assert mask_message("bad created_at 'yesterday at Noon'") == "bad created_at 'yesterday at Noon'"


def test_a_frames_bad_cell_is_masked_in_the_library_error():
    # `brandpulse.read(df)` of a frame whose time column held a parent's phone and e-mail quoted them in the
    # InputError (logged by a notebook's or a job's traceback), where the CLI masks a file's rejected cells
    import brandpulse
    from brandpulse.errors import InputError

    df = pd.DataFrame(
        {"text": ["Acme ok", "Acme"], "created_at": ["2026-01-02", "Jane 07700 900362 jane.doe62@gmail.com"]}
    )
    with pytest.raises(InputError) as caught:
        brandpulse.read(df)
    assert str(caught.value) == (
        "column 'created_at' cannot be read as times: bad created_at 'Jane [number] [email]' (row 1)"
    )
    with pytest.raises(InputError, match=r"bad likes '\[name\]' \(row 0\)"):
        brandpulse.read(pd.DataFrame({"text": ["Acme"], "likes": ["Jane Smith"]}))


def test_a_rejected_unix_time_is_shown_as_written_a_phone_number_is_not(tmp_path, runner):
    # a Unix time in microseconds was `bad created_at '[number]'`: nothing said it was a time in a wrong unit
    src = tmp_path / "t.csv"
    src.write_text("id,created_at,author,text\n1,1700000000000000,a,Acme\n2,14155550123,b,Acme\n3,1700000000,c,Acme\n")
    run = runner.invoke(main, ["analyze", str(src), "-f", "csv"])
    assert run.exit_code == 0, run.stderr
    assert "line 2: bad created_at '1700000000000000'" in run.stderr
    assert "line 3: bad created_at '[number]'" in run.stderr and "14155550123" not in run.stderr


def test_alerts_redact_hides_a_safety_posts_id_in_jsonl_and_still_sends_it_once(tmp_path, runner):
    # a pharmacovigilance tester's `alerts --redact -f jsonl`: each safety post's `post` and `key` held its id
    # (`twitter/5701234567890123@...`), which opens the post and its author, where every row's `post_id` is emptied
    (tmp_path / "c.toml").write_text(CONFIG + '\n[intent.safety]\nurgent = true\nkeywords = ["double dose"]\n')
    rows = [
        {"post_id": "5701234567890123", "platform": "twitter", "created_at": "2026-11-25T10:00:00Z",
         "author": "@jane_doe", "text": "Gave my son a double dose of Northgate syrup", "likes": 1,
         "author_followers": 5},
        {"post_id": "5701234567890124", "platform": "twitter", "created_at": "2026-11-25T10:00:00Z",
         "author": "@dad", "text": "Northgate double dose by mistake, help", "likes": 1, "author_followers": 5},
    ]  # fmt: skip
    src = write_csv(tmp_path / "p.csv", rows)
    args = ["alerts", src, "-c", str(tmp_path / "c.toml"), "--until", "2026-11-26", "-f", "jsonl", "--redact"]
    state = ["--state", str(tmp_path / "s.json")]
    run = runner.invoke(main, [*args, *state])
    assert run.exit_code == 3, run.stderr
    alerts = [json.loads(line) for line in run.stdout.splitlines()]
    assert [a["kind"] for a in alerts] == ["safety", "safety"]
    assert "570123456789012" not in run.stdout
    posts = [a["post"] for a in alerts]
    assert all(re.fullmatch(r"twitter/[0-9a-f]{16}@2026-11-25T10:00Z", p) for p in posts) and len(set(posts)) == 2
    assert [a["key"] for a in alerts] == [f"safety:Northgate:{p}" for p in posts]
    again = runner.invoke(main, [*args, *state])  # (remembered by the post's own key: not sent again)
    assert again.exit_code == 0 and again.stdout == "", again.stderr


def test_alerts_redact_names_a_stored_safety_post_alike_in_every_run(tmp_path, runner):
    """`alerts --redact -f jsonl --dry-run` on a store named a safety post by a keyed hash of the run: a consumer
    deduplicating the JSON lines by `key` saw a new key every run. The key is the store's own secret (in its `meta`),
    so one post is one name in every run of that store, and another store's names are not the same. (The key is made
    by the store's first run that is not a dry run, a quiet hour's here: a dry run makes none, stop 47.)"""
    (tmp_path / "c.toml").write_text(CONFIG + '\n[intent.safety]\nurgent = true\nkeywords = ["double dose"]\n')
    rows = [
        {"post_id": "5701234567890123", "platform": "twitter", "created_at": "2026-11-25T10:00:00Z",
         "author": "@jane_doe", "text": "Gave my son a double dose of Northgate syrup"},
    ]  # fmt: skip
    src = write_csv(tmp_path / "p.csv", rows)
    keys = []
    for db in ["a.duckdb", "a.duckdb", "b.duckdb"]:
        store = ["--store", str(tmp_path / db), "-c", str(tmp_path / "c.toml")]
        assert runner.invoke(main, ["ingest", src, *store]).exit_code == 0
        quiet = runner.invoke(main, ["alerts", *store, "--until", "2026-11-20", "-f", "jsonl", "--redact"])
        assert quiet.exit_code == 0 and quiet.stdout == "", quiet.stderr
        args = ["alerts", *store, "--until", "2026-11-26", "-f", "jsonl", "--redact", "--dry-run"]
        run = runner.invoke(main, args)
        assert run.exit_code == 3 and "own key" not in run.stderr, run.stderr
        [alert] = [json.loads(line) for line in run.stdout.splitlines()]
        assert re.fullmatch(r"safety:Northgate:twitter/[0-9a-f]{16}@2026-11-25T10:00Z", alert["key"]), alert["key"]
        keys.append(alert["key"])
    assert keys[0] == keys[1] != keys[2]


def test_fetch_resume_masks_the_personal_data_of_a_row_it_cannot_read(tmp_path, runner):
    """`fetch --resume` refuses an output holding a row it cannot read, quoting its cell: a text in the time field
    held a phone number and an e-mail, which went to cron's mail (no request is made before)."""
    out = tmp_path / "hn.jsonl"
    note = '{"post_id": "2", "platform": "hackernews", "created_at": "ring 07700 900362 or jane.doe62@gmail.com"}\n'
    out.write_text(note.replace('"}', '", "text": "Acme"}'))
    args = ["fetch", "hackernews", "acme", "--api-base", "http://127.0.0.1:9", "-o", str(out), "--resume"]
    result = runner.invoke(main, args)
    assert result.exit_code == 4
    assert "(line 1: bad created_at 'ring [number] or [email]')" in result.stderr
