"""The report's suggestions table: the ideas suggestion posts share, one row per idea, with the period before."""

from __future__ import annotations

import json

import pandas as pd
from click.testing import CliRunner
from history_fixtures import enriched, post

from brandpulse import store
from brandpulse.cli import main
from brandpulse.config import Brand, Config, load_config
from brandpulse.report.build import build_report
from brandpulse.report.emerging import brand_words, emerging_terms, idea_terms
from brandpulse.report.markdown import render_markdown
from brandpulse.report.periods import resolve_period

#: (day, text, intent): three posts ask for a dark mode this week (in three phrasings), one the week before; two ask
#: for a breakfast box; praise and a complaint are no idea
POSTS = [
    ("2026-10-28", "Acme dark mode please 🙏", "suggestion"),
    ("2026-10-29", "Acme is late again", "complaint"),
    ("2026-11-02", "Please add a dark mode to the Acme app", "suggestion"),
    ("2026-11-03", "Acme you should add dark mode, my eyes hurt", "suggestion"),
    ("2026-11-04", "wish Acme had a breakfast box", "suggestion"),
    ("2026-11-05", "dark mode pls!!", "suggestion"),
    ("2026-11-06", "bring back the breakfast box", "suggestion"),
    ("2026-11-07", "love the Acme dark chocolate dessert", "praise"),
]


def posts() -> pd.DataFrame:
    rows = [
        post(i, f"{day}T12:00Z", "A" if "Acme" in text else "", "neutral", text=text, intent=intent)
        for i, (day, text, intent) in enumerate(POSTS)
    ]
    return enriched(rows)


CONFIG = Config(brands=[Brand("A", ["Acme"])])


def test_the_same_idea_asked_in_other_words_is_one_row_counted_by_hand():
    df = posts()
    week = df["created_at"] >= pd.Timestamp("2026-11-02", tz="UTC")
    t = idea_terms(df[week], df[~week], skip=["A", "Acme"])
    first = t.iloc[0]
    # "dark mode" in posts 2, 3 and 5 (not the praise's "dark chocolate"), in post 0 the week before; "dark" and
    # "mode" are the same posts: one idea
    assert (first["term"], first["posts"], first["posts_prev"], first["change"]) == ("dark mode", 3, 1, 2)
    assert set(first["also"].split(", ")) == {"dark", "mode"}
    assert first["example"] == "Please add a dark mode to the Acme app"
    box = t.set_index("term").loc["breakfast box"]
    assert (box["posts"], box["posts_prev"], box["example"]) == (2, 0, "wish Acme had a breakfast box")
    # the words of asking and the brand's name are no idea
    assert not {"please", "add", "wish", "bring", "back", "bring back", "acme", "pls"} & set(t["term"])
    assert t["term"].tolist() == ["dark mode", "breakfast box"]


def test_report_lists_the_ideas_in_json_and_markdown():
    week = resolve_period("week", until="2026-11-09")
    rep = build_report(posts(), CONFIG, week, resolve_period("week", until="2026-11-02"))
    rows = json.loads(json.dumps(rep.to_dict()))["tables"]["suggestions"]
    assert [(r["term"], r["posts"], r["posts_prev"]) for r in rows] == [("dark mode", 3, 1), ("breakfast box", 2, 0)]
    md = render_markdown(rep)
    assert "## Suggestions asked most" in md
    assert "| dark mode | 3 | 1 | +2 |" in md


def _store_tables(tmp_path, df):
    """The tables of `report --store ... -f json` for the week to 2026-11-09, brand A = "Acme"."""
    db = tmp_path / "h.duckdb"
    store.ingest(db, df)
    toml = tmp_path / "c.toml"
    toml.write_text('[brands.A]\nterms = ["Acme"]\n')
    result = CliRunner().invoke(
        main, ["report", "--store", str(db), "-c", str(toml), "--until", "2026-11-09", "-f", "json"]
    )
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["tables"]


def test_a_stores_report_counts_the_ideas_of_the_week_before_too(tmp_path):
    """The store reads texts for the report's period alone (its comparison period only counts brands, topics and
    intents): the suggestions of the week before had no text, and every idea was new, 'before' 0."""
    tables = _store_tables(tmp_path, posts())
    rows = tables["suggestions"]
    assert [(r["term"], r["posts"], r["posts_prev"], r["change"]) for r in rows] == [
        ("dark mode", 3, 1, 2),
        ("breakfast box", 2, 0, 2),
    ]
    # the posts the report lists are still of the period alone
    assert all(p["created_at"] >= "2026-11-02" for p in tables["top_posts"])


def test_topics_count_their_complaints_with_the_change():
    """What to fix first: of each topic's posts, those whose intent is complaint, and the change (counted by hand:
    delivery 2 complaints this week of 3 posts, 1 the week before; app 0 of 1, 1 the week before)."""
    rows = [
        ("2026-10-28", "delivery", "complaint"),
        ("2026-10-29", "app", "complaint"),
        ("2026-11-02", "delivery", "complaint"),
        ("2026-11-03", "delivery;app", "complaint"),  # (a post on two topics counts in each)
        ("2026-11-04", "delivery", "suggestion"),
        ("2026-11-05", "food", "praise"),
    ]
    df = enriched(
        [
            post(i, f"{day}T12:00Z", "A", "neutral", topics=topics, intent=intent)
            for i, (day, topics, intent) in enumerate(rows)
        ]
    )
    week = resolve_period("week", until="2026-11-09")
    rep = build_report(df, CONFIG, week, resolve_period("week", until="2026-11-02"))
    t = rep.tables["topics"].set_index("topic")
    got = {k: tuple(t.loc[k, ["volume", "complaints", "complaints_prev", "complaints_change"]]) for k in t.index}
    assert got == {"delivery": (3, 2, 1, 1), "app": (1, 1, 1, 0), "food": (1, 0, 0, 0)}
    md = render_markdown(rep)
    assert "| topic | volume | NSS | Δ volume | Δ NSS | complaints |" in md
    assert "| delivery | 3 | +0.0 | +2 | " in md and "| 2 (+1) |" in md


def test_topics_count_the_configs_own_intents_to_answer_as_complaints():
    """A charity's "safeguarding | 25 | complaints 0" (stop 48): the topics tables counted the built-in complaint
    alone, not the config's own intents to answer (`answer`, `urgent = true`). Counted by hand: safeguarding 2 of 3
    (a praise, no complaint), donations 1 (a `payment`), events 0 (a `thanks` of the config's, not to answer)."""
    raw = {
        "intent": {
            "safeguarding": {"keywords": ["messaging her"], "urgent": True},
            "payment": {"keywords": ["taken twice"], "answer": True},
            "thanks": {"keywords": ["thank you"]},
        }
    }
    config = Config(brands=[Brand("A", ["A"])], raw=raw)
    rows = [
        ("safeguarding", "safeguarding"),
        ("safeguarding", "safeguarding"),
        ("safeguarding", "praise"),
        ("donations", "payment"),
        ("events", "thanks"),
    ]
    df = enriched([post(i, "2026-11-03T12:00Z", "A", "neutral", topics=t, intent=n) for i, (t, n) in enumerate(rows)])
    rep = build_report(df, config, resolve_period("week", until="2026-11-09"), None)
    for table in ("topics", "brand_topics"):
        got = dict(zip(rep.tables[table]["topic"], rep.tables[table]["complaints"], strict=True))
        assert got == {"safeguarding": 2, "donations": 1, "events": 0}, table


#: a gym's own intent to answer, which holds questions and faults alike
GYM_INTENT = '[intent.cancel]\nanswer = true\nkeywords = ["cancel my membership", "trying to cancel"]\n'
#: (day, text): this week a question and a fault of `cancel`, the week before a question and two faults
GYM_POSTS = [
    ("2026-10-27", "Acme how do I cancel my membership?"),
    ("2026-10-28", "Acme been trying to cancel my membership for 3 months"),
    ("2026-10-29", "Acme still trying to cancel, nobody calls back"),
    ("2026-11-03", "Acme how do I cancel my membership?"),
    ("2026-11-04", "Acme been trying to cancel my membership for 3 months"),
]


def gym_posts() -> pd.DataFrame:
    rows = [(day, text, "cancellation", "cancel") for day, text in GYM_POSTS]
    return enriched(
        [post(i, f"{d}T12:00Z", "A", "neutral", topics=t, text=x, intent=n) for i, (d, x, t, n) in enumerate(rows)]
    )


def test_a_question_of_the_configs_own_intent_to_answer_is_no_complaint(tmp_path):
    """Stop 49: a gym's `[intent.cancel]` (`answer = true`) holds "how do I cancel my membership?" and "been trying to
    cancel ... for 3 months": the topics tables counted both as complaints, when the first asks (the built-in rules read
    it as a question). Counted by hand: this week 1 complaint of 2 posts, the week before 2 of 3; a post of the intent
    without its text counts by its intent alone. A store's report reads the comparison period's texts of these posts
    too, so its figures are the file's."""
    toml = tmp_path / "c.toml"
    toml.write_text('[brands.A]\nterms = ["Acme"]\n' + GYM_INTENT)
    config = load_config(toml)
    week, before = resolve_period("week", until="2026-11-09"), resolve_period("week", until="2026-11-02")
    rep = build_report(gym_posts(), config, week, before)
    for table in ("topics", "brand_topics"):
        row = rep.tables[table].set_index("topic").loc["cancellation"]
        assert (row["volume"], row["complaints"], row["complaints_prev"]) == (2, 1, 2), table
    untexted = gym_posts().assign(text=pd.Series([pd.NA] * 5, dtype="string"))
    row = build_report(untexted, config, week, before).tables["topics"].set_index("topic").loc["cancellation"]
    assert (row["complaints"], row["complaints_prev"]) == (2, 3)
    db = tmp_path / "h.duckdb"
    store.ingest(db, gym_posts())
    result = CliRunner().invoke(
        main, ["report", "--store", str(db), "-c", str(toml), "--until", "2026-11-09", "-f", "json"]
    )
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)["tables"]["topics"]
    assert [(r["topic"], r["complaints"], r["complaints_prev"]) for r in rows] == [("cancellation", 1, 2)]


def test_a_brands_hashtag_is_no_idea():
    """The brands' names are left out as hashtags too: "#acme" of "#Acme dark mode pls" was listed as an idea."""
    rows = [
        ("2026-11-02", "#Acme dark mode pls", "suggestion"),
        ("2026-11-03", "#Acme please add dark mode", "suggestion"),
        ("2026-11-04", "#acme wish you had a breakfast box", "suggestion"),
    ]
    df = enriched([post(i, f"{day}T12:00Z", "A", "neutral", text=t, intent=n) for i, (day, t, n) in enumerate(rows)])
    t = idea_terms(df, skip=["A", "Acme", "#Acme"])
    assert t["term"].tolist() == ["dark mode"]
    assert t["posts"].tolist() == [2]


def test_the_example_is_the_earliest_post_whatever_the_order_of_the_rows():
    """A store's posts come in time order, FILES' as the file has them: the example of an idea was the first row
    holding it, another post for the same report of the store and of the file it was ingested from."""
    df = posts()
    week = df["created_at"] >= pd.Timestamp("2026-11-02", tz="UTC")
    as_written = df[week].iloc[::-1]  # (an export newest first)
    t = idea_terms(as_written, skip=["A", "Acme"]).set_index("term")
    assert t.loc["dark mode", "example"] == "Please add a dark mode to the Acme app"  # (2 Nov, before 3 and 5 Nov)
    assert t.loc["breakfast box", "example"] == "wish Acme had a breakfast box"


def test_a_period_without_ideas_says_so():
    """A period with posts but no suggestion, or none sharing a word, left the section out: a report without the
    section read as a report without the feature (as emerging terms say "None: ...")."""
    week = resolve_period("week", until="2026-11-09")
    plain = enriched([post(0, "2026-11-03T12:00Z", "A", "neutral", text="Acme is late again", intent="complaint")])
    md = render_markdown(build_report(plain, CONFIG, week, None))
    assert "## Suggestions asked most\n\nNone: no post of the period is a suggestion\n" in md
    rows = [("2026-11-03", "Acme please add a dark mode"), ("2026-11-04", "wish Acme had a breakfast box")]
    apart = enriched(
        [post(i, f"{d}T12:00Z", "A", "neutral", text=t, intent="suggestion") for i, (d, t) in enumerate(rows)]
    )
    md = render_markdown(build_report(apart, CONFIG, week, None))
    assert "None: no word or bigram is shared by 2 or more suggestions (of 2 suggestions in the period)" in md
    assert "Suggestions asked most" not in render_markdown(build_report(plain.iloc[:0], CONFIG, week, None))


def test_a_stores_report_without_a_config_leaves_out_the_brands_its_posts_name(tmp_path):
    """Without a config the report's brands are those the stored posts name (its brands table lists them): their
    names were ideas ("acme", 3 posts, after "dark mode")."""
    db = tmp_path / "h.duckdb"
    rows = [
        post(i, f"{day}T12:00Z", "Acme" if "Acme" in text else "", "neutral", text=text, intent=intent)
        for i, (day, text, intent) in enumerate(POSTS)
    ]
    store.ingest(db, enriched(rows))
    result = CliRunner().invoke(main, ["report", "--store", str(db), "--until", "2026-11-09", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    tables = json.loads(result.stdout)["tables"]
    assert "Acme" in [b["brand"] for b in tables["brands"]]
    assert [(r["term"], r["posts"]) for r in tables["suggestions"]] == [("dark mode", 3), ("breakfast box", 2)]


def test_a_greeting_or_sign_off_of_the_asking_is_no_idea():
    """The examples' report listed "hey" (2 posts: "hey all, QuickBite please add a vegan filter", "hey all, wish
    QuickBite had group orders") as an idea, as it would "cheers" and "hi folks": the asking's words, not an idea.
    The ideas the posts share (here none: each asks for its own) are listed alone."""
    texts = [
        "hey all, Acme please add a vegan filter. cheers",
        "hey all, wish Acme had group orders. cheers",
        "hi folks, Acme should add a tip jar. thx",
        "hello folks, Acme could add a tip jar",
    ]
    df = pd.DataFrame({"text": texts, "intent": "suggestion", "brands": "A"})
    t = idea_terms(df, skip=["A", "Acme"])
    assert t["term"].tolist() == ["tip jar"]  # (posts 3 and 4; "tip" and "jar" folded into it)
    assert (t["posts"].tolist(), t["also"].tolist()) == ([2], ["tip, jar"])  # (in the post's order)


def test_a_closing_any_tips_is_no_idea():
    """The examples' report listed "tips" (2 posts: "... boarding passes for connecting flights. any tips?" and another
    ending so) as an idea: a question closing the asking, not what it asks for."""
    texts = [
        "Acme please add Apple Wallet passes. any tips?",
        "wish Acme had a tip jar. any tips? 👀",
        "Acme should add Apple Wallet passes",
    ]
    df = pd.DataFrame({"text": texts, "intent": "suggestion", "brands": "A"})
    t = idea_terms(df, skip=["A", "Acme"])
    # posts 1 and 3 share "apple wallet" (and its words, "wallet passes"); "tips" of posts 1 and 2 is no idea
    assert t["term"].tolist() == ["apple wallet"]
    assert t["example"].tolist() == ["Acme please add Apple Wallet passes. any tips?"]  # (the post as written)


def test_an_idea_is_named_by_what_the_post_asks_first_not_a_phrase_cut_at_the_wrong_word():
    """The examples' report named an idea "haul flights", cut out of "more vegetarian meals on long haul flights" (the
    first of its terms by the alphabet), and another "route" of "wifi on the Toronto route": the idea is the first
    the post asks for, a word pair before a word, and word pairs following each other are one phrase."""
    texts = [
        "please add vegetarian meals on Acme long haul flights",
        "Acme please add vegetarian meals on long haul flights lol",
        "wish Acme had wifi on the Toronto route",
        "wish Acme had wifi on the Paris route",
    ]
    df = pd.DataFrame({"text": texts, "intent": "suggestion", "brands": "A"})
    t = idea_terms(df, skip=["A", "Acme"])
    # posts 1-2: vegetarian meals (3rd word of post 1), long haul (7th) and haul flights (8th) joined, then the words
    # in the post's order (five of them listed); posts 3-4: wifi (4th word), route (8th), not "toronto" nor "paris"
    assert t[["term", "posts"]].values.tolist() == [["vegetarian meals", 2], ["wifi", 2]]
    assert t["also"].tolist() == ["long haul flights, vegetarian, meals, long, haul", "route"]


def test_emerging_terms_leave_out_the_brands_names_as_the_ideas_do():
    """The examples' report listed "skyway lets" (five posts asking whether Skyway lets you gate-check a stroller) as
    the week's only emerging term: a brand's name is no news about it."""
    current = pd.Series(["Acme outage"] * 5 + ["flight fine"] * 5)
    baseline = pd.Series(["flight fine"] * 100)
    # posts 1-5 hold "acme", "outage" and "acme outage", none of them in the baseline: one signal, "acme" first (a word
    # before a bigram, then by the alphabet) without the brand's name left out. By hand: y = 5, x = 0, a = 5; n = 30
    # (3 terms of 10 posts), m = 300, a0 = 3 * 5 + 3 * 105 = 330; delta = ln(10 / 350) - ln(5 / 625) = 1.273,
    # sd = sqrt(1 / 10 + 1 / 5) = 0.548, z = 2.32 >= 1.96
    assert emerging_terms(current, baseline)["term"].tolist() == ["acme"]
    out = emerging_terms(current, baseline, skip=brand_words(["A", "Acme", "#Acme"]))
    assert (out["term"].tolist(), out["also"].tolist(), out["count"].tolist()) == (["outage"], [""], [5])


def test_a_reports_emerging_terms_leave_out_the_configs_brand_names():
    week = resolve_period("week", until="2026-11-09")
    # baseline 100 posts, the week 5 + 1: n = 18, m = 300, a0 = 3 * 5 + 3 * 101;
    # z = (ln(10 / 326) - ln(5 / 613)) / 0.548
    # = 2.42 for "acme", "outage" and "acme outage" alike
    rows = [("2026-10-12", "flight fine")] * 100 + [("2026-11-03", "Acme outage")] * 5 + [("2026-11-04", "flight fine")]
    df = enriched(
        [post(i, f"{d}T12:00Z", "A" if "Acme" in t else "", "neutral", text=t) for i, (d, t) in enumerate(rows)]
    )
    rep = build_report(df, CONFIG, week, None)
    assert rep.tables["emerging"]["term"].tolist() == ["outage"]
    assert "the brands' names left out" in render_markdown(rep)


def test_an_opening_quick_question_or_a_closing_thanks_in_advance_is_no_idea():
    """The examples' week before (`--until 2026-11-02`) listed "quick question" (3 posts) and "advance" (2: "...
    thanks in advance") as ideas: the asking's opener and closer."""
    texts = [
        "quick question: wish Acme had group orders",
        "Quick question - Acme should add a seat map. thanks in advance",
        "genuine question: wish Acme had group orders. Thanks in advance!",
    ]
    df = pd.DataFrame({"text": texts, "intent": "suggestion", "brands": "A"})
    t = idea_terms(df, skip=["A", "Acme"])
    # posts 1 and 3 share "group orders"; "quick question" (1-2), "question" (1-3) and "advance" (2-3) are no ideas
    assert t["term"].tolist() == ["group orders"]
    assert t["also"].tolist() == ["group, orders"]


def test_a_complaints_request_is_an_idea_by_its_intents(tmp_path):
    """A complaint that also asks ("keeps crashing, please add an offline mode") was a complaint alone: its request
    was in no suggestions table. Counted by hand: "offline mode" is asked by the suggestion (post 1) and by the two
    complaints whose `intents` hold suggestion (posts 2, 3), 3 posts; post 4, a complaint alone, asks nothing. The
    same from the store, which keeps `intents` (schema version 14)."""
    rows = [
        ("2026-11-02", "Please add an offline mode", "suggestion", "suggestion"),
        ("2026-11-03", "Acme keeps crashing, please add an offline mode", "complaint", "complaint;suggestion"),
        ("2026-11-04", "1 star. No offline mode, add it", "complaint", "complaint;suggestion"),
        ("2026-11-05", "offline mode is broken on Acme", "complaint", "complaint"),
    ]
    df = enriched(
        [
            post(i, f"{day}T12:00Z", "A", "neutral", text=text, intent=intent, intents=every)
            for i, (day, text, intent, every) in enumerate(rows, 1)
        ]
    )
    t = idea_terms(df, skip=["A", "Acme"])
    assert (t.iloc[0]["term"], t.iloc[0]["posts"]) == ("offline mode", 3)
    # without `intents` (a frame of analyze before it), the suggestion alone: below IDEA_MIN_POSTS, no idea
    assert idea_terms(df.drop(columns="intents"), skip=["A", "Acme"]).empty
    rows = _store_tables(tmp_path, df)["suggestions"]
    assert [(r["term"], r["posts"]) for r in rows][:1] == [("offline mode", 3)]
