"""Intent tags: rule order, config overrides, and measured precision/recall on a hand-labelled sample."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from brandpulse.cli import main
from brandpulse.config import Brand, Config, load_config
from brandpulse.enrich.brands import by_own_handle
from brandpulse.enrich.intent import intents_from_config, parse_intents, tag_intent
from brandpulse.errors import ConfigError
from brandpulse.pipeline import analyze
from brandpulse.schema import conform
from brandpulse.sources import read

ROOT = Path(__file__).resolve().parents[1]


def tagged(texts, labels=None, brands=None):
    df = pd.DataFrame({"text": pd.Series(texts, dtype="string")})
    if labels is not None:
        df["sentiment_label"] = labels
    if brands is not None:
        df["brands"] = brands
    return tag_intent(df)["intent"].fillna("").tolist()


def test_each_intent_and_rule_order():
    texts = [
        "Acme you should add dark mode",
        "which is better, Acme or Zenith?",
        "how do I reset my Acme password?",
        "my Acme order never arrived",
        "thank you Acme, great support",
        "Acme opens a store in Leeds",
    ]
    labels = ["neutral", "positive", "neutral", "neutral", "positive", "neutral"]
    assert tagged(texts, labels) == ["suggestion", "purchase-intent", "question", "complaint", "praise", ""]


@pytest.mark.parametrize(
    "text, label, intent",
    [
        # contractions of the suggestion phrases
        ("Hey Acme, I'd love to see more routes to Asia", "positive", "suggestion"),
        ("It'd be great if Acme had wifi", "positive", "suggestion"),
        # "worth the money" and "recommend a" ask only as questions
        ("Acme is not worth the money", "negative", "complaint"),
        ("Is the Acme lounge worth the money?", "neutral", "purchase-intent"),
        ("Would not recommend a single dish from Acme", "negative", "complaint"),
        ("Can you recommend a good laptop? Acme or Zenith", "neutral", "purchase-intent"),
        # a refund or a human looked for is no purchase
        ("I'm still looking for a refund from Acme", "neutral", "complaint"),
        ("looking for a new laptop, Acme?", "neutral", "purchase-intent"),
        # "should be ashamed" and "should have told us" are complaints, not suggestions
        ("Acme you should be ashamed", "negative", "complaint"),
        ("Acme should have told us about the delay", "negative", "complaint"),
        ("Acme should have an option for vegans", "neutral", "suggestion"),
        # a delay said not to have happened is no complaint
        ("Acme is never late", "neutral", ""),
        ("Acme flight on time, no delay", "neutral", ""),
        ("Acme late again", "neutral", "complaint"),
    ],
)
def test_common_phrasing(text, label, intent):
    assert tagged([text], [label], ["Acme"]) == [intent]


def test_a_question_mark_before_many_hashtags_is_read_in_linear_time():
    """The question regex read " #tag" after a "?" two ways ("#" is \\W too): 2^n tries in Python's re, which
    re-checks texts with non-ASCII letters; 21 hashtags before a last word took 10 s, 24 about a minute, 30 hours."""
    import time

    tags = " ".join(f"#tag{i}" for i in range(24))
    texts = [f"Acme lost my bag again?! {tags} merci José", f"is Acme open? {tags} 🙂", f"why Acme? {tags} café"]
    start = time.perf_counter()
    assert tagged(texts, ["negative", "neutral", "neutral"], ["Acme"] * 3) == ["complaint", "question", "question"]
    assert time.perf_counter() - start < 5


def test_question_marks_a_cp1252_export_left_of_emoji_are_no_question():
    """A cp1252 export writes each emoji as "?" ("??" for most: one per UTF-16 unit): "great flight 😍" became
    "great flight ??", a question, and so did 220 of the 630 example and labelled posts with characters cp1252
    lacks. A run of "?" after a space at the end, or right before a letter, is no question's end now; a "?" ending a
    word (also "??" or "???"), a lone one after a space (French "ouvert ?"), or a run after a question word, still
    is."""
    lost = [
        "landed in Denver with Acme ??",
        "day three in Lisbon! ??? #flying",
        "finally home, what a trip ??",
        "Acme pizza tonight ?? ?? @Acme",
        "What a day??Home now",
    ]
    real = [
        "Is Acme open?",
        "is Acme open?? asking for a friend",
        "anyone??? #help",
        "is Acme open? ??",
        "Acme c'est ouvert ?",
        "ouvert ? #Acme",
        "is Acme open today ?",
        "is Acme open today ??",
        # (stop 40's 1,000,000-post run: a French question of "??" after a space, written so, was no question)
        "Quelqu'un sait si Acme rembourse les vols retardés ?? #44484",
        "Weiß jemand, ob Acme heute fliegt ??",
        "alguien sabe si Acme devuelve el dinero ??",
    ]
    assert tagged(lost + real) == [""] * len(lost) + ["question"] * len(real)


def test_praise_needs_positive_sentiment_and_negative_alone_needs_a_brand():
    assert tagged(["thanks for nothing"], ["negative"], ["Acme"]) == ["complaint"]
    # a negative post with no brand is not a complaint when other posts do name brands
    assert tagged(["what a sad day", "Acme is fine"], ["negative", "neutral"], ["", "Acme"]) == ["", ""]


def test_config_tables_replace_and_add():
    raw = {
        "intent": {
            "praise": {"keywords": ["chef's kiss"], "replace": True},
            "churn": {"keywords": ["cancel my subscription"]},
        }
    }
    rules = intents_from_config(raw)
    assert [r.name for r in rules] == ["churn", "suggestion", "purchase-intent", "complaint", "question", "praise"]
    assert next(r for r in rules if r.name == "praise").keywords == ["chef's kiss"]
    df = pd.DataFrame({"text": pd.Series(["I will cancel my subscription", "chef's kiss, Acme"], dtype="string")})
    assert tag_intent(df, rules)["intent"].tolist() == ["churn", "praise"]


def test_a_built_in_intents_table_adds_to_it():
    """Stop 48: `[intent.praise]` with a charity's phrase replaced the built-in praise, its words and its "positive"
    needed: "thanks Acme, great crew" was no praise, and the phrase marked posts of any tone. A table with a built-in
    name adds its lists now (`replace = true` replaces it, as before), its other keys set in their place."""
    raw = {"intent": {"praise": {"keywords": ["the difference you make"], "exclude": ["thanks for nothing"]}}}
    praise = next(r for r in intents_from_config(raw) if r.name == "praise")
    built_in = next(r for r in intents_from_config(None) if r.name == "praise")
    assert praise.keywords == built_in.keywords + ["the difference you make"]
    assert praise.exclude == built_in.exclude + ["thanks for nothing"]
    assert praise.requires_sentiment == ("positive",)
    texts = ["thanks Acme, great crew", "Acme, the difference you make", "thanks for nothing Acme"]
    texts += ["the difference you make"]
    df = pd.DataFrame({"text": pd.Series(texts, dtype="string")})
    df["sentiment_label"] = ["positive", "positive", "positive", "negative"]
    assert tag_intent(df, intents_from_config(raw))["intent"].tolist() == ["praise", "praise", "", "complaint"]
    asked = {"intent": {"praise": {"keywords": ["the difference you make"], "requires_sentiment": []}}}
    df["sentiment_label"] = "neutral"
    # (its keys set for the whole rule: every praise word then marks a post of any tone, "thanks for nothing" too)
    assert tag_intent(df, intents_from_config(asked))["intent"].tolist() == ["praise"] * 4
    with pytest.raises(ConfigError, match="replace must be true or false"):
        intents_from_config({"intent": {"praise": {"keywords": ["x"], "replace": "yes"}}})


def test_the_configs_own_intent_wins_over_a_built_in_one(tmp_path):
    """An intent of the config's own was checked after the built-in ones: "I want a refund" is a built-in complaint
    (its keyword "refund"), so `[intent.refund]` never tagged a post (stop 37). The config's own intents come first, in
    the config's order; a table with a built-in name still replaces that one where it was."""
    (tmp_path / "c.toml").write_text(
        '[brands.Acme]\nterms = ["Acme"]\n'
        '[intent.refund]\nkeywords = ["refund", "money back"]\n'
        '[intent.churn]\nkeywords = ["cancel my subscription"]\n'
        '[intent.question]\nkeywords = ["anyone know"]\nregex = ["\\\\?$"]\n'
    )
    config = load_config(tmp_path / "c.toml")
    texts = ["I want a refund from Acme", "Acme, I want my money back, terrible service", "Acme lost my bag, awful"]
    texts += ["I will cancel my subscription to Acme, refund me", "does Acme fly to Leeds?", "thanks Acme, great crew"]
    out = analyze(conform(pd.DataFrame({"text": texts})), config)
    assert out["intent"].tolist() == ["refund", "refund", "complaint", "refund", "question", "praise"]


def test_regex_rules_with_and_without_re2_syntax():
    """Patterns RE2 takes run in Arrow; a lookbehind (Python re only) still works, case-insensitively."""
    raw = {"intent": {"churn": {"regex": [r"(?<!not )\bswitching to\b"]}, "ask": {"regex": [r"\bETA\b"]}}}
    rules = [r for r in intents_from_config(raw) if r.name in ("churn", "ask")]
    texts = ["Switching to Zenith", "not switching to Zenith", "eta for my order", "beta tester", None]
    df = pd.DataFrame({"text": pd.Series(texts, dtype="string")})
    assert tag_intent(df, rules)["intent"].fillna("").tolist() == ["churn", "", "ask", "", ""]


def test_bad_intent_config_is_a_config_error():
    with pytest.raises(ConfigError, match="bad regex"):
        parse_intents({"intent": {"x": {"regex": ["("]}}}, "t.toml")
    with pytest.raises(ConfigError, match="unknown key 'words'"):
        parse_intents({"intent": {"x": {"words": ["a"]}}}, "t.toml")


def test_an_empty_intent_keyword_or_regex_is_a_config_error(tmp_path):
    """The blank-term check of brands and topics left [intent.NAME] out: `regex = [""]` tagged every post with
    the intent ("hello world" a refund), `keywords = ["*"]` none, without a word."""
    (tmp_path / "c.toml").write_text('[brands.B]\nterms = ["bee"]\n[intent.refund]\nregex = [""]\n')
    config = load_config(tmp_path / "c.toml")
    with pytest.raises(ConfigError, match=r"^.*c.toml: \[intent.refund\] regex: an empty string: remove it$"):
        analyze(conform(pd.DataFrame({"text": ["bee is good", "hello world"]})), config)
    with pytest.raises(ConfigError, match=r"^t.toml: \[intent.x\] keywords: '\*' names nothing: remove it$"):
        parse_intents({"intent": {"x": {"keywords": ["refund", "*"]}}}, "t.toml")


def test_pipeline_adds_intent_column():
    posts = conform(pd.DataFrame({"text": ["@Acme still on hold for an hour, unacceptable"]}))
    out = analyze(posts, Config(brands=[Brand("Acme", ["Acme", "@Acme"])]))
    assert out.loc[0, "intent"] == "complaint"
    assert out.loc[0, "sentiment_label"] == "negative"


def test_brand_own_posts_get_no_intent():
    """A brand's apology or answer is the brand talking: not a complaint or question of its customers."""
    text = "@ana We're very sorry your bag was lost. Can you DM us your file reference?"
    authors = ["ana", " @acme_HELP", "ACME_help", None, "acme_helpdesk"]
    posts = conform(pd.DataFrame({"text": [text] * 5, "author": authors}))
    config = Config(brands=[Brand("Acme", ["Acme"], handles=["@Acme_Help"])])
    # (the text names no configured brand, so its negative sentiment alone is no complaint: its "?" asks)
    assert analyze(posts, config)["intent"].fillna("").tolist() == ["question", "", "", "question", "question"]
    # without handles in the config, nobody is the brand
    assert set(analyze(posts, Config(brands=[Brand("Acme", ["Acme"])]))["intent"]) == {"question"}


def test_retweets_of_a_brand_own_post_get_no_intent():
    """A customer's retweet of the brand's own post ("RT @Delta: We're sorry for the delays") is the brand talking, as
    the brand's post is: it was a Delta complaint, queued. A retweet of a customer is a customer's post."""
    texts = [
        "RT @Delta: We're sorry for the delays at JFK today, Delta is rebooking everyone",
        "rt  @DELTA sorry for the delays, Delta is on it",
        "RT @angryflyer: Delta lost my bag and nobody answers",
        "Delta lost my bag RT @Delta: we're sorry for the delays",
    ]
    posts = conform(pd.DataFrame({"text": texts, "author": ["bob", "ann", "cy", "dee"]}))
    config = Config(brands=[Brand("Delta", ["Delta"], handles=["@Delta"])])
    assert analyze(posts, config)["intent"].fillna("").tolist() == ["", "", "complaint", "complaint"]
    assert by_own_handle(posts, config).tolist() == [True, True, False, False]
    # without handles in the config, nobody is the brand
    assert not by_own_handle(posts, Config(brands=[Brand("Delta", ["Delta"])])).any()


def test_praise_keywords_of_a_testers_posts():
    """Praise a tester found with no intent (stop 38): its keywords lacked "lovely", "can't wait", "actually good",
    "upgraded me ... for free"."""
    texts = [
        "lovely staff at Skyway today",
        "Skyway trip next week, can't wait 😍",
        "the new Skyway app is actually good",
        "Skyway upgraded me to business for free",
    ]
    assert tagged(texts, ["positive"] * 4) == ["praise"] * 4
    assert tagged(texts, ["neutral"] * 4) == [""] * 4  # praise keywords need positive sentiment


@pytest.mark.parametrize(
    "text, intent",
    [
        # a support desk's questions without their "?" (stop 40): no intent, so `queue` never listed them
        ("When does the new RailNova winter timetable start", "question"),
        ("@RailNova what time does the last train to Leeds leave", "question"),
        ("Hi RailNova, is there a strike tomorrow", "question"),
        ("RailNova, does the 18:05 stop at Leeds", "question"),
        ("Is the RailNova 18:05 running today", "question"),
        ("How much is a RailNova return to York", "question"),
        ("Took RailNova to York. Which platform does the Leeds train leave from", "question"),
        ("RailNova travel folks: how early should I get to the station", "question"),
        ("Can you please check my RailNova booking", "question"),
        # a question whose subject is the brand (stop 41: the form knew pronouns and "the", not names)
        ("Does RailNova ever answer their DMs", "question"),
        ("Is RailNova down again", "question"),
        ("Why does RailNova never reply", "question"),
        ("Will RailNova reopen the Leeds line", "question"),
        ("Do RailNova trains have wifi", "question"),
        ("Can @RailNova rebook me", "question"),
        ("Does anyone else love RailNova", "question"),
        ("hmm, does RailNova have a student discount? lol", "question"),
        # a name starting with a capital beyond ASCII (RE2 has no such class: Python's re reads these texts)
        ("Is Łódź RailNova down again", "question"),
        ("Does Škoda ever reply", "question"),
        ("Can Ørsted Rail rebook me", "question"),
        # rhetorical praise, and a sentence in Title Case without its subject
        ("Is RailNova amazing or what", ""),
        ("Was The Best RailNova Trip Ever", ""),
        ("Does The Job, RailNova", ""),
        # not questions: no inversion, an exclamation, sentences without their subject, "can you believe"
        ("RailNova when I got there the train was gone", ""),
        ("how great was that RailNova", ""),
        ("Was the best RailNova trip ever", ""),
        ("Is the best train in Europe, RailNova", ""),
        ("RailNova does the job", ""),
        ("@RailNova does it again", ""),
        ("Did my first trip with RailNova today", ""),
        ("Can you believe RailNova gave me a free coffee", ""),
        ("Which is why I take RailNova", ""),
        ("Why RailNova is adding routes", ""),
        # what happened to a customer, in words with no sentiment (stop 40): no intent, so not queued
        ("Booked wheelchair assistance with RailNova, nobody showed up, I was left on the train", "complaint"),
        ("RailNova bike reservation sold out for my trip, why even sell bike tickets", "complaint"),
        ("Booked RailNova assistance at Leeds and no one came", "complaint"),
        ("Nobody came close to RailNova's prices this summer", ""),
    ],
)
def test_questions_without_a_question_mark_and_complaints_without_a_complaint_word(text, intent):
    assert tagged([text], ["neutral"], ["RailNova"]) == [intent]


def test_openers_that_ask_nothing_are_no_question():
    # praise opening as a question does: stop 40's question form without a "?" made these questions, and `queue`
    # listed them to answer; a question with "thanks" after it, or "do you know what time", still asks
    texts = [
        "Can I just say RailNova is amazing",
        "Can I just say RailNova is amazing?",
        "Have I mentioned how much I love RailNova",
        "Did I mention RailNova upgraded me for free",
        "Do you know what, RailNova was brilliant today",
        "Is RailNova amazing or what!",
        "Hi RailNova, does the 18:05 stop at Leeds, thanks",
        "Hi RailNova, do you know what time the lounge opens",
        "Can I change my RailNova seat. Thank you",
        "Is RailNova great or what? My card was charged twice",
    ]
    labels = ["positive"] * len(texts)
    assert tagged(texts, labels, ["RailNova"] * len(texts)) == ["praise"] * 6 + ["question"] * 4


def test_or_what_and_do_not_exclude_no_question_that_asks():
    """Stop 41's "Is Skyway amazing or what" exclusion took any post with "good or what" and no "?" after it out of
    the questions, however it asked: "does anyone know if the lounge is any good or what" (a question keyword), "Tried
    the lounge? is it great or what" (a "?" before it), "quick question: is the app good or what" were questions
    before it and none after. It takes a post without any "?" and with a word of praise before "or what" now. And the
    name as a question's subject read "DO NOT fly RailNova" as "do" with the subject "NOT": a sentence starting "do
    not" asks nothing."""
    texts = [
        "does anyone know if the RailNova lounge is any good or what",
        "Anyone tried the RailNova lounge? is it great or what",
        "quick question: is the RailNova app good or what",
        "Is RailNova amazing or what",
        "DO NOT fly RailNova lol",
        "Great views. Do Not book RailNova first class though",
        "I do not know. Does RailNova stop at Leeds",
    ]
    labels = ["neutral"] * len(texts)
    assert tagged(texts, labels, ["RailNova"] * len(texts)) == ["question"] * 3 + [""] * 3 + ["question"]


def test_exclude_regex_of_a_configs_intent():
    spec = {"ask": {"regex": ["^can i\\b"], "exclude_regex": ["^can i just say"]}, "thanks": {"keywords": ["thanks"]}}
    df = pd.DataFrame({"text": ["can I just say thanks", "can I pay by card", "hello"]})
    assert tag_intent(df, parse_intents({"intent": spec}, "c"))["intent"].fillna("").tolist() == ["thanks", "ask", ""]
    with pytest.raises(ConfigError, match="exclude_regex must be a list of strings"):
        parse_intents({"intent": {"ask": {"regex": ["x"], "exclude_regex": "y"}}}, "c")


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # a how-to question, and nothing else, is a question whatever negative word it holds ("cancel", "error")
        ("@Acme how do I cancel my order?", "question"),
        ("how can I fix the error when I log in? @Acme", "question"),
        ("hey Acme, is there a way to cancel a bad order? 🙏", "question"),
        # a complaint word, or a sentence more, still makes a complaint
        ("Acme how do I get a refund for my delayed order?", "complaint"),
        ("Acme is garbage. how do I cancel my account?", "complaint"),
        ("how do I cancel my Acme order? nobody answers the phone", "complaint"),
        ("Acme the app is awful, useless", "complaint"),
    ],
)
def test_a_how_to_question_with_a_negative_word_is_a_question(text, intent):
    """ "how do I cancel my order?" was a complaint: the sentiment label alone (negative, for "cancel") marks one
    on a post naming a brand, and the complaint rule comes before the question's. A complaint needs a complaint: the
    rule's `sentiment_exclude_regex` keeps the label alone from marking a how-to question."""
    assert tagged([text], ["negative"], ["Acme"]) == [intent]


def test_sentiment_exclude_regex_of_a_configs_intent():
    """The key works for an intent of the config's own too, and only on what the label alone marks."""
    spec = {"gripe": {"keywords": ["refund"], "sentiment": "negative", "sentiment_exclude_regex": ["^how\\b"]}}
    df = pd.DataFrame({"text": ["how do I log in", "how do I get a refund", "this is bad"], "brands": ["A"] * 3})
    df["sentiment_label"] = "negative"
    assert tag_intent(df, parse_intents({"intent": spec}, "c"))["intent"].fillna("").tolist() == ["", "gripe", "gripe"]
    with pytest.raises(ConfigError, match="bad regex"):
        parse_intents({"intent": {"g": {"sentiment": "negative", "sentiment_exclude_regex": ["("]}}}, "c")


# measured on tests/data/intent_labelled.csv (320 posts: 150 from examples/posts.csv, 170 from TweetEval val),
# labelled by reading each text; floors sit a little under the measured figures in docs/sentiment.md
FLOORS = {
    "complaint": (0.85, 0.75),
    "question": (0.65, 0.75),
    "praise": (0.60, 0.95),
    "suggestion": (0.85, 0.95),
    "purchase-intent": (0.90, 0.95),
}


def test_intent_precision_recall_on_labelled_sample():
    sample = pd.read_csv(ROOT / "tests" / "data" / "intent_labelled.csv", keep_default_na=False)
    assert len(sample) >= 300
    config = load_config(ROOT / "examples" / "brandpulse.toml")
    out = analyze(conform(pd.DataFrame({"text": sample["text"], "author": sample["author"].replace("", None)})), config)
    pred, gold = out["intent"].fillna("").to_numpy(object), sample["intent"].to_numpy(object)
    for intent, (p_floor, r_floor) in FLOORS.items():
        tp = ((pred == intent) & (gold == intent)).sum()
        precision, recall = tp / max((pred == intent).sum(), 1), tp / (gold == intent).sum()
        assert precision >= p_floor, (intent, precision)
        assert recall >= r_floor, (intent, recall)


def test_a_posts_intent_does_not_depend_on_the_other_posts_of_its_batch():
    """With brands configured, a negative post naming none is no complaint, whether or not another
    post of the same chunk names a brand (it was a complaint when none did)."""
    config = Config(brands=[Brand("Skyway", ["skyway"])])
    alone = conform(pd.DataFrame({"text": ["I hate this so much"]}))
    both = conform(pd.DataFrame({"text": ["I hate this so much", "Skyway lost my bag, I hate it"]}))
    assert analyze(alone, config, sentiment="vader")["intent"].tolist() == [""]
    assert analyze(both, config, sentiment="vader")["intent"].tolist() == ["", "complaint"]
    unbranded = analyze(alone, Config(), sentiment="vader")["intent"].tolist()
    assert unbranded == ["complaint"]  # no brand configured: every negative post


def test_a_rules_regexes_still_match_the_posts_no_earlier_rule_took():
    """A rule's regexes search only the posts that no earlier rule, nor its own keywords, matched and that have a
    label it requires (stop 40, for speed: RE2's cost grows with the texts it searches): each post of a mixed batch
    gets the intent it gets alone, through RE2, Python's re (accents) and Python-only patterns alike."""
    raw = {
        "intent": {
            "churn": {"regex": [r"(?<!not )\bswitching to\b"]},  # (a lookbehind: Python's re only)
            "delight": {"regex": [r"\bwhat a ride\b"], "requires_sentiment": ["positive"]},
        }
    }
    rules = intents_from_config(raw)
    posts = [
        ("Switching to Zenith, Acme was awful", "negative", "churn"),
        ("not switching to Zenith. When does the Acme sale start", "neutral", "question"),
        ("Acme you should add dark mode. When does the update come", "neutral", "suggestion"),
        ("Café Acme: when does the bar open", "neutral", "question"),
        ("what a ride with Acme", "positive", "delight"),
        ("what a ride with Acme", "negative", "complaint"),
        ("Acme lost my bag. Is there a desk at Zürich", "negative", "complaint"),
        ("Hi Acme, is there wifi on board", "neutral", "question"),
        ("Where's my Acme parcel", "", "question"),
        ("Acme, does the 9:15 stop at Leeds", "positive", "question"),
        ("Acme, does the 9:15 stop at Leeds", "positive", ""),  # (a brand's own post)
    ]
    df = pd.DataFrame(
        {
            "text": pd.Series([p[0] for p in posts], dtype="string"),
            "sentiment_label": [p[1] for p in posts],
            "brands": "Acme",
        }
    )
    skip = pd.Series([False] * (len(posts) - 1) + [True])
    assert tag_intent(df, rules, skip=skip)["intent"].tolist() == [p[2] for p in posts]
    for k in range(len(posts)):
        assert tag_intent(df.iloc[[k]], rules, skip=skip.iloc[[k]])["intent"].tolist() == [posts[k][2]]


def test_suggestion_precision_recall_on_app_reviews():
    """363 app-store reviews and Reddit comments about a meal-kit app (tests/data/suggestion_labelled.csv, written for
    stop 41 and labelled by reading each: 183 ask for something, in typos, emoji, caps, five languages; the others are
    complaints said as wishes, "would be nice if the app actually worked", "wish I had never subscribed", praise and
    chat). Before stop 41 the rules found a third of the ideas (recall 0.35) and took a sarcastic complaint for one in
    four they found (precision 0.71)."""
    sample = pd.read_csv(ROOT / "tests" / "data" / "suggestion_labelled.csv", keep_default_na=False)
    assert len(sample) >= 300 and (sample["intent"] == "suggestion").sum() >= 150
    config = Config(brands=[Brand("FreshCrate", ["FreshCrate", "Fresh Crate"]), Brand("BoxChef", ["BoxChef"])])
    out = analyze(conform(pd.DataFrame({"text": sample["text"]})), config)
    pred = out["intent"].fillna("").to_numpy(object) == "suggestion"
    gold = sample["intent"].to_numpy(object) == "suggestion"
    precision, recall = (pred & gold).sum() / pred.sum(), (pred & gold).sum() / gold.sum()
    assert precision >= 0.95, precision
    assert recall >= 0.95, recall


@pytest.mark.parametrize(
    "text, intent",
    [
        ("BRING BACK THE SPICY RAMEN 🍜🍜🍜", "suggestion"),
        ("miss the spicy ramen so much, pls bring it back", "suggestion"),
        ("Any plans to add dark mode?", "suggestion"),
        ("Why can't I pay with PayPal??", "suggestion"),
        ("wish there was a way to pause without calling support", "suggestion"),
        ("More vegetarian choices please!! 🥦🥕", "suggestion"),
        ("4 stars, would be 5 with a dark mode", "suggestion"),
        ("Ojalá tuvieran más opciones veganas 🌱", "suggestion"),
        # sarcasm, regret and faults said as wishes are no ideas for the roadmap (stop 57: the sarcastic requests
        # complaints, as suggestion_labelled.csv labels them, and not "" any more)
        ("would be nice if the app actually worked", "complaint"),
        ("I wish I had never subscribed", ""),
        ("Maybe you should hire drivers who can find my house", "complaint"),
        ("Why can't I log in? is the app down?", "question"),
        ("The recipe says you should let the steak rest 5 minutes", ""),
        ("The new leader wants to bring back the old rules", ""),
        ("Best pad thai in ages, ordered through FreshCrate. more of this please", "praise"),
    ],
)
def test_suggestions_of_app_reviews(text, intent):
    label = "positive" if intent == "praise" else "neutral"
    assert tagged([text], [label], ["FreshCrate"]) == [intent]


@pytest.mark.parametrize(
    "text, label, intent",
    [
        # what a traveller or a customer is owed, said as a wish or a request: no idea for the roadmap (the stop 41
        # suggestion rules took these for suggestions, and the two complaints among them out of `complaint`)
        ("would be nice to get a reply Skyway", "positive", ""),
        ("Skyway it would be nice to know why we're delayed", "neutral", "complaint"),
        ("we want our refund back Skyway", "neutral", "complaint"),
        ("I want my bag back Skyway", "neutral", ""),
        ("Skyway I'd love to get my bag back", "neutral", ""),
        ("Skyway would be great to board on time", "neutral", ""),
        ("Skyway give us an update please", "neutral", ""),
        ("Skyway can you please just give us a hotel", "neutral", ""),
        ("Skyway please let me off this plane", "neutral", ""),
        ("Skyway why can't you tell us when we board", "neutral", ""),
        ("Skyway why can't I check in online", "neutral", ""),
        ("we need a way home Skyway", "neutral", ""),
        # and the ideas of travellers still are
        ("Skyway needs to come back to Boston", "neutral", "suggestion"),
        ("Skyway any plans to add Lisbon?", "neutral", "suggestion"),
        ("Skyway give us the option to pick seats please", "neutral", "suggestion"),
        ("Skyway would be great to have wifi on the Toronto route", "positive", "suggestion"),
    ],
)
def test_what_a_traveller_is_owed_is_no_suggestion(text, label, intent):
    assert tagged([text], [label], ["Skyway"]) == [intent]


def test_the_benchmark_reads_any_file_of_text_and_intent(tmp_path, capsys):
    """`benchmarks/intent_accuracy.py --sample FILE` takes "another file of `text` and `intent` columns", as its
    docstring says: one without a `source` or `set` column ended in a KeyError."""
    import intent_accuracy  # (benchmarks/, on the tests' path: conftest.py)

    sample = tmp_path / "mine.csv"
    sample.write_text('text,intent\n"Skyway please add wifi on the Toronto route",suggestion\nhello there,\n')
    intent_accuracy.main(path=sample)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "2 posts"
    assert "suggestion       1.000 (1/1)  1.000 (1/1)  1.000" in out


def test_the_benchmark_gives_each_language_its_own_figures(tmp_path, capsys):
    """A sample with a `language` column (tests/data/intent_written.csv) gets a table per language: the Dutch
    suggestion found and the Italian one missed are not pooled into one 0.5."""
    import intent_accuracy

    sample = tmp_path / "written.csv"
    sample.write_text(
        "language,text,intent\n"
        'nl,"Skyway, voeg alsjeblieft een donkere modus toe",suggestion\n'
        "it,Sono a Roma per il weekend,suggestion\n"
    )
    intent_accuracy.main(path=sample)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "2 posts (nl 1, it 1)"
    nl, it = out.index("-- nl"), out.index("-- it")
    assert out[nl + 5] == "suggestion       1.000 (1/1)  1.000 (1/1)  1.000"
    assert out[it + 5] == "suggestion       0.000 (0/0)  0.000 (0/1)  0.000"
    assert out[it + 7] == "exact match (incl. empty): 0.000 (0/1)"


@pytest.mark.parametrize(
    "text, intent",
    [
        # food gone bad and service faults of meal-kit and food-delivery reviews, which the sentiment often reads
        # neutral: no intent before stop 41, so not queued and not counted among the brand's complaints
        ("The onions in my FreshCrate box were moldy", "complaint"),
        ("FreshCrate mouldy bread again", "complaint"),
        ("the FreshCrate tofu was slimy", "complaint"),
        ("FreshCrate: rotten avocados every time", "complaint"),
        ("FreshCrate box arrived warm, meat smelled off", "complaint"),
        ("the FreshCrate salmon had gone bad", "complaint"),
        ("Would it be too much to ask for the FreshCrate chicken to not be expired", "complaint"),
        ("expired yogurt in my FreshCrate box", "complaint"),
        ("FreshCrate support hung up on me", "complaint"),
        ("FreshCrate charged me twice for one box", "complaint"),
        ("skipped a week on FreshCrate, app said error, still got charged", "complaint"),
        # no fault of the brand: the website, a promo code or a passport that expired, being spoiled for choice
        ("FreshCrate's documentary has 90% on Rotten Tomatoes", ""),
        ("my FreshCrate promo code expired yesterday", ""),
        ("passport expired so no FreshCrate box this month", ""),
        ("spoiled for choice with the new FreshCrate menu", ""),
        ("FreshCrate spoiled us with a free dessert", ""),
    ],
)
def test_complaint_words_of_food_and_delivery_reviews(text, intent):
    assert tagged([text], ["neutral"], ["FreshCrate"]) == [intent]


def test_complaint_precision_recall_on_app_reviews():
    """The 83 complaints of the meal-kit app's reviews (tests/data/suggestion_labelled.csv): before stop 41's food and
    service words the rules found 28 (recall 0.34); most of the others name no brand and are no complaint by their
    sentiment alone when brands are configured (docs/sentiment.md, "Intent")."""
    sample = pd.read_csv(ROOT / "tests" / "data" / "suggestion_labelled.csv", keep_default_na=False)
    config = Config(brands=[Brand("FreshCrate", ["FreshCrate", "Fresh Crate"]), Brand("BoxChef", ["BoxChef"])])
    out = analyze(conform(pd.DataFrame({"text": sample["text"]})), config)
    pred = out["intent"].fillna("").to_numpy(object) == "complaint"
    gold = sample["intent"].to_numpy(object) == "complaint"
    precision, recall = (pred & gold).sum() / pred.sum(), (pred & gold).sum() / gold.sum()
    assert precision >= 0.93, precision
    assert recall >= 0.39, recall


@pytest.mark.parametrize(
    "text, intent",
    [
        # a social-listening agency's posts about a Latin American airline and bank (stop 42), written for it
        ("No me han devuelto mi dinero, Aeroméxico. Ya van 3 semanas", "complaint"),
        ("Cadê meu reembolso, LATAM?", "complaint"),  # a complaint before a question
        ("Ya valió, @Aeromexico me canceló el vuelo otra vez. Pesimo servicio!!", "complaint"),
        ("LATAM tá de sacanagem, voo atrasado de novo. Nunca mais!", "complaint"),
        ("AEROMEXICO nunca más, 5 horas de retraso en MTY", "complaint"),
        ("Meu cartão Nubank foi clonado e ninguém me responde", "complaint"),
        ("Itau bloqueou meu cartão sem aviso, que absurdo", "complaint"),
        ("bbva méxico me cobró una comisión de $1.250,50 que nunca autoricé", "complaint"),
        # an English complaint word in a post of another language
        ("Aeromexico lost my bag in CDMX, qué onda con su servicio??", "complaint"),
        # a delay said not to have happened; a question; praise by its words (stop 43)
        ("Vuelo sin retrasos con Aeroméxico, todo bien", ""),
        ("Voo da LATAM sem atraso nenhum", ""),
        ("¿Alguien sabe si Aeromexico permite mascotas en cabina?", "question"),
        ("Gracias Aeroméxico, great crew", "praise"),  # (stop 43: its words say so)
    ],
)
def test_spanish_and_portuguese_complaints_left_unscored_are_complaints(text, intent):
    """An English-only analyzer leaves these posts unscored (label empty): a complaint's words, which need a
    negative or neutral post, counted for none of them, and the built-in words were English, so `queue` left every
    Spanish and Portuguese complaint out. A post without a sentiment now meets what a neutral one meets."""
    assert tagged([text], [""], ["Acme"]) == [intent]


def test_a_brand_named_in_lower_case_is_a_questions_subject():
    """Stop 41's question form knew a name as a subject by its capital: "does Quickbite deliver after 11" asked,
    "does quickbite deliver after 11" (as customers write it) did not. The brands' names are read with their capital
    now; a word in lower case that is no brand's still is no subject ("does the job")."""
    config = Config(brands=[Brand("QuickBite", ["QuickBite"]), Brand("Skyway Air", ["Skyway Air", "Skyway"])])
    texts = [
        "does quickbite deliver after 11",
        "does Quickbite deliver after 11",
        "can skyway air rebook me on the 18:05",
        "will skyway ever answer their DMs",
        "hmm, does quickbite have a student discount lol",
        "quickbite does the job",
        "does anything deliver after 11 here",
    ]
    out = analyze(pd.DataFrame({"text": texts}), config, sentiment="cx")
    assert out["intent"].fillna("").tolist() == ["question"] * 5 + ["", ""]
    assert out["text"].tolist() == texts  # (the text is read with capitals, not changed)


def test_will_as_a_first_name_asks_nothing():
    """ "Will Smith flew Skyway" was a question: "Will" and a capitalised name made the question form. A name after
    "will" followed by a word that "will" takes no verb as (a past, "was", "says", "-ed") asks nothing; "Will Skyway
    reopen", "Will Skyway need my passport" still ask, as does a later sentence."""
    texts = [
        "Will Smith flew RailNova",
        "Will Smith was on my RailNova train",
        "Will Ferrell says RailNova is fine",
        "Will Smith starred in the RailNova ad",
        "Will RailNova reopen the Leeds line",
        "Will RailNova ever answer their DMs",
        "Will RailNova need my passport",
        "Will RailNova process my booking",
        "Will Smith took RailNova. Does RailNova ever answer their DMs",
    ]
    labels = ["neutral"] * len(texts)
    assert tagged(texts, labels, ["RailNova"] * len(texts)) == [""] * 4 + ["question"] * 5


@pytest.mark.parametrize(
    "text, intent",
    [
        # praise: a delay or a charge said not to have happened, another brand never again, a refund that came
        ("Llegamos con Aeroméxico sin ni un minuto de retraso, excelente", "praise"),
        ("Cero retrasos con LATAM este mes, impresionante", ""),
        ("A LATAM nunca atrasou comigo", ""),
        ("Gracias BBVA, nunca me cobraron comisión", "praise"),
        ("Nunca más volaré con otra aerolínea que no sea Aeroméxico. ¡Gracias!", "praise"),
        ("Depois que mudei pro Nubank nunca mais tive dor de cabeça com banco", ""),
        ("El reembolso de Aeroméxico llegó en 24 horas, súper rápido", ""),
        ("Que absurdo de bom o atendimento da Nubank, resolveram em 2 minutos", ""),
        ("Pensé que iba a ser pésimo pero Aeroméxico me sorprendió, 10/10", ""),
        # a question whether; a belated birthday; idioms; news of fraud fought
        ("¿Alguien sabe si hay retraso en el vuelo de Aeroméxico a Lima?", "question"),
        ("Alguém sabe se tem atraso no voo da LATAM pra Recife?", "question"),
        ("Parabéns atrasado à LATAM pelos 50 anos!", ""),
        ("Me tocó un golpe de suerte con Aeroméxico: upgrade gratis a business", ""),
        ("BBVA lanza nueva herramienta contra el fraude en pagos digitales", ""),
        # English words as loanwords of another language's post, which count in it now
        ("Der neue Late-Night-Flug von Lufthansa nach Berlin ist super", ""),
        ("Rude concurrence entre Air France et Transavia sur Paris-Nice", ""),
        # still complaints
        ("Sigo esperando mi reembolso, Aeroméxico", "complaint"),
        ("Cinco horas de retraso y nadie responde, LATAM", "complaint"),
        ("Nubank, isso é golpe? Cobraram duas vezes e ninguém responde", "complaint"),
    ],
)
def test_spanish_and_portuguese_praise_questions_and_news_left_unscored_are_no_complaints(text, intent):
    """Review of stop 42: these posts have no sentiment, so a complaint word in praise, a question or news made it a
    complaint (`queue` listed "nunca más volaré con otra aerolínea", "el reembolso llegó en 24 horas")."""
    assert tagged([text], [""], ["Acme"]) == [intent]


def test_reading_lower_case_names_with_capitals_keeps_the_chunks_folded_texts(monkeypatch):
    """The texts with the brands' names capitalised were a new column: intent folded its texts again, and topics (and
    per-brand sentiment) once more, the original's fold gone from the one-column cache; a quarter of a chunk's
    analysis. Only the regexes, which know case, read the capitalised texts now: the chunk is folded once.
    Intent searches the chunk's texts, and the rewritten ones alone again, so topics reuses its search too."""
    from brandpulse.enrich import matching

    folded, built = [], []
    fold, search = matching.fold_series.build, matching.regex_search.build
    monkeypatch.setattr(matching.fold_series, "build", lambda texts: folded.append(len(texts)) or fold(texts))
    monkeypatch.setattr(matching.regex_search, "build", lambda texts: built.append(len(texts)) or search(texts))
    config = Config(brands=[Brand("QuickBite", ["QuickBite"])])
    texts = ["does quickbite deliver after 11", "quickbite app keeps crashing", "does anything deliver here"]
    out = analyze(pd.DataFrame({"text": texts}), config, sentiment="vader")
    assert out["intent"].fillna("").tolist() == ["question", "complaint", ""]
    assert (folded, built) == ([3], [3])


@pytest.mark.parametrize("rows", [None, [True, False, True, True, True]])
def test_a_search_with_some_texts_rewritten_answers_as_the_rewritten_column(rows):
    """`with_texts` searches the column and only the rewritten texts again, skipping them for patterns that ignore
    case when only ASCII letters changed case: its answers are those of a search of the rewritten column, for
    patterns reading case, ignoring it, and a rewrite beyond ASCII ("ß" capitalised is "SS", which `sstudio` finds)."""
    from brandpulse.enrich.matching import RegexSearch

    texts = ["does quickbite deliver", "does quickbite deliver", "ßtudio open?", "QUICKBITE down", "nothing"]
    at, rewritten = [0, 2], ["does Quickbite deliver", "SStudio open?"]
    column = texts.copy()
    column[0], column[2] = rewritten
    rows = None if rows is None else np.array(rows)
    asked = []  # (the rows the rewrite is asked to read: each once)

    def rewrite(mask):
        asked.extend(np.flatnonzero(mask).tolist())
        kept = [k for k, i in enumerate(at) if mask[i]]
        return np.array([at[k] for k in kept], dtype=np.int64), [rewritten[k] for k in kept]

    search = RegexSearch(pd.Series(texts, dtype="string")).with_texts(rewrite, ascii_case=False)
    whole = RegexSearch(pd.Series(column, dtype="string"))
    for patterns in (["does (?-i:[A-Z])"], ["quickbite"], [r"\bsstudio", "nothing"], ["(?-i:Q)", "open"]):
        assert search.hits_any(patterns, rows).tolist() == whole.hits_any(patterns, rows).tolist(), patterns
    assert sorted(asked) == sorted(set(asked))
    assert search.hits_any(["does (?-i:[A-Z])"]).tolist() == [True, False, False, False, False]
    assert search.hits_any([r"\bsstudio"]).tolist() == [False, False, True, False, False]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # an insurer's customers, in words without sentiment: no intent was found, so `queue` left them out
        ("@HarbourIns they wrote off my car and offered peanuts", "complaint"),
        ("@HarbourIns done that twice already. still nothing", "complaint"),
        ("@HarbourIns my boiler claim was declined because of 'wear and tear'", "complaint"),
        ("Harbour rejected our claim after the storm", "complaint"),
        ("Switched to Admiral after Harbour hiked my premium by £400", "complaint"),
        ("Harbour renewal price doubled this year", "complaint"),
        ("Harbour renewal quote up 60%. Shopping around", "complaint"),
        ("Harbour cancelled my policy without telling me", "complaint"),
        ("Harbour took my no claims bonus for a claim that wasn't my fault", "complaint"),
        ("@HarbourIns 3 weeks and no courtesy car", "complaint"),
        ("@HarbourIns nobody calls back when they say they will", "complaint"),
        ("@HarbourIns have chased you four times about the payout", "complaint"),
        ("@HarbourIns you renewed my policy automatically and took £900 without asking", "complaint"),
        ("@HarbourIns the garage you sent me to has had my car for a month", "complaint"),
        ("@HarbourIns my car has been at your approved repairer for 5 weeks", "complaint"),
        ("Harbour's garage had my car back to me in two days", ""),
        ("@HarbourIns my van has been at the repairer for 5 weeks and no one will tell me when", "complaint"),
        # and what is none: a claim paid, a price down, a walk
        ("Harbour paid my claim in four days", ""),
        ("Harbour renewal price went down this year", ""),
        ("We hiked up Snowdon with the Harbour team", ""),
        ("Harbour claim approved, no fuss", ""),
    ],
)
def test_an_insurers_complaints_without_a_sentiment_word(text, intent):
    assert tagged([text], ["neutral"], ["Harbour"]) == [intent]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # a car maker's owners during a recall, in words without sentiment: no intent was found, so `queue` left out
        # the posts the service team is there for
        ("Can't get a service appointment at any Voltra dealer for the recall, earliest is January", "complaint"),
        ("Voltra says the over-the-air update fixes it, but my car still won't take the OTA update", "complaint"),
        ("@VoltraCare no appointments available until February at my dealer", "complaint"),
        ("Voltra earliest appointment is in 6 weeks for a recall repair", "complaint"),
        ("Voltra update failed twice overnight", "complaint"),
        ("Voltra software update 4.2 bricked my infotainment", "complaint"),
        ("my Voltra won't charge since the recall update", "complaint"),
        # (review of stop 43) a phone's apostrophe, and a car that won't charge at all
        ("Voltra says the OTA update fixes it, but my car still won’t take the update", "complaint"),
        ("Can’t get a service appointment at any Voltra dealer", "complaint"),
        ("my Voltra won’t charge at all", "complaint"),
        # and what is none: a schedule, an appointment made, an update that worked
        ("Voltra won't start charging until 1am, as I scheduled it", ""),
        ("Booked a Voltra service appointment for Tuesday", ""),
        ("Voltra: the earliest flight is at 6am", ""),
        ("Voltra OTA update installed overnight, took 20 minutes", ""),
        ("Voltra's update starts at 2am", ""),
        # (review of stop 43) a charge as a price: no fault
        ("The Voltra dealer won't charge me a cent for the recall", ""),
        ("Voltra will not charge owners for the software fix", ""),
        ("Voltra does not charge extra for the heat pump", ""),
        ("Voltra won't charge you for the recall repair", ""),
    ],
)
def test_a_car_makers_complaints_without_a_sentiment_word(text, intent):
    assert tagged([text], ["neutral"], ["Voltra"]) == [intent]


@pytest.mark.parametrize(
    "text, intent",
    [
        # a refund that came, with thanks: praise, no complaint ("mi reembolso", "reembolso")
        ("Mi reembolso llegó, gracias @Aeromexico", "praise"),
        ("Obrigado LATAM, meu reembolso chegou!", "praise"),
        ("Merci Air France, vol annulé et remboursé en 2 jours", "praise"),
        # French "terrible" is a complaint word (mostly "service terrible", and "pas terrible": not good); a post
        # that thanks reads it as the slang's praise, one that asks to be answered or says "still" does not
        ("Air France, service terrible à CDG", "complaint"),
        # (review of stop 43) a complaint word in the post keeps it a complaint, thanks or not: the slang's praise and
        # a fault set right are queued, so that no "Gracias por el retraso" is left out of the queue
        ("Merci Air France, il est terrible ce nouveau salon", "complaint"),
        ("Aeroméxico canceló mi vuelo y me reubicaron en una hora, excelente servicio", "complaint"),
        ("Gracias Aeroméxico, perdí mi conexión por el retraso", "complaint"),
        ("Gracias Aeroméxico por el retraso de 5 horas", "complaint"),
        ("Obrigado pelo atraso, LATAM", "complaint"),
        ("Obrigado LATAM, meu voo atrasou 5 horas", "complaint"),
        ("Parabéns Nubank, atendimento impecável", "praise"),
        # thanks for nothing, in advance, please (French "merci de"), or with a "but" / "still": complaints
        ("Gracias por nada Aeroméxico, mi reembolso nunca llegó", "complaint"),
        ("Gracias de antemano, Aeroméxico: ¿dónde está mi reembolso? 3 semanas", "complaint"),
        ("Obrigado pela atenção, LATAM. Meu voo foi cancelado", "complaint"),
        ("Merci de me répondre, Air France, votre service client est terrible", "complaint"),
        ("Gracias Aeroméxico, pero sigo esperando mi reembolso", "complaint"),
        ("Obrigado LATAM, ainda esperando o reembolso", "complaint"),
        ("Merci Air France, toujours rien, c'est terrible", "complaint"),
        ("Excelente, otra vez cancelado. Gracias por nada", "complaint"),
    ],
)
def test_thanks_and_praise_words_guard_a_post_left_unscored_from_its_complaint_words(text, intent):
    """Stop 42 made an unscored post's complaint words count ("no me han devuelto"), and no praise word guarded them:
    "Mi reembolso llegó, gracias" was a complaint, queued. A post without a sentiment that the praise rule's words
    (thanks and praise in Spanish, Portuguese and French too) mark, and no word of "but" or "still", reads as
    positive: praise. A scored post is as its sentiment says ("Thanks for nothing" negative: a complaint)."""
    assert tagged([text], [""], ["Acme"]) == [intent]
    assert tagged(["Thanks for nothing, my refund never came"], ["negative"], ["Acme"]) == ["complaint"]


def test_will_before_a_brand_and_a_plural_asks_and_a_names_possessive_does_not():
    """Stop 42's "Will Smith flew Skyway" rule read any word in -s after the name as a verb: "Will Skyway buses run on
    Sunday" (a plural, the subject's noun) asked nothing, so `queue` left it out. A word in -s is a verb now only
    before a name, a determiner or a pronoun, or at the sentence's end; and "Will Smith's slap on a Skyway flight", a
    name's possessive and one word (a headline), was a question and asks nothing now."""
    asks = [
        "Will Skyway buses run on Sunday",
        "Will Skyway refunds be paid this week",
        "Will Skyway stops at Leeds be closed",
        "Will Skyway stops at Leeds?",
        "Will Skyway's app work offline",
        "Will Skyway process my booking",
    ]
    says = [
        "Will Smith's slap on a Skyway flight",
        "Will Smith's slap",
        "Will Smith loves Skyway",
        "Will Smith flies the A380 with Skyway",
        "Will Smith laughs.",
    ]
    texts = asks + says
    labels = ["neutral"] * len(texts)
    assert tagged(texts, labels, ["Skyway"] * len(texts)) == ["question"] * len(asks) + [""] * len(says)


@pytest.mark.parametrize(
    "text, intent",
    [
        # a Gulf airline's customers (stop 43), written for it: Arabic (standard, Gulf, Egyptian), Urdu and Hindi
        ("طيران الصحراء أخرت رحلتي خمس ساعات بدون أي اعتذار", "complaint"),
        ("للأسف رحلتي مع طيران الصحراء ألغيت وما في أحد يرد", "complaint"),
        ("وطيران الصحراء ضيعوا شنطتي في مطار دبي", "complaint"),
        ("طيـــران الصحـــراء أسوأ شركة طيران", "complaint"),  # tatweel, and "أسوأ" folded as "اسوا"
        ("الرحلة اتأخرت ساعتين ومحد يرد على التلفون", "complaint"),
        ("@SaharaAir وين استرداد فلوسي؟ صار لي ٣ أسابيع", "complaint"),  # a complaint before a question
        ("الصحراء للطيران ما ترد على الإيميل", "complaint"),
        ("سہارا ایئر نے میرا سامان گم کر دیا", "complaint"),
        ("Sahara Air کی پرواز پانچ گھنٹے لیٹ تھی", "complaint"),
        ("सहारा एयर ने मेरी फ्लाइट कैंसिल कर दी", "complaint"),
        # a question with the Arabic question mark; no delay; not bad; praise needs a sentiment, which these lack
        ("هل طيران الصحراء تسمح بحقيبتين؟", "question"),
        ("هل الرحلة متأخرة اليوم؟", "question"),
        ("وصلنا بدون أي تأخير، شكراً طيران الصحراء", ""),
        ("الرحلة ما تأخرت أبداً", ""),
        ("الأكل مو سيء صراحة", ""),
        ("پرواز بغیر تاخیر کے پہنچی", ""),
        ("फ्लाइट बिना देरी के पहुंची", ""),
        ("شكراً لطيران الصحراء على الرحلة الرائعة", ""),
        # "ما" (not) with "ل" or "ك" joined is "when" and "as"; "بعد ما" is "after": no complaint (stop 43, review)
        ("لما وصلني الطلب كان ممتاز", ""),
        ("كما يرد في الموقع الرسمي", ""),
        ("بعد ما وصلني الطلب شكرا", ""),
        ("وما وصلني الطلب لليوم", "complaint"),
    ],
)
def test_arabic_urdu_and_hindi_complaints_left_unscored_are_complaints(text, intent):
    """An English analyzer leaves these posts unscored, and no complaint word was Arabic, Urdu or Hindi: `queue`
    listed none of a Gulf airline's Arabic complaints, and "؟" (Arabic's question mark) asked nothing."""
    assert tagged([text], [""], ["Acme"]) == [intent]


def test_developers_bug_reports_in_words_without_sentiment_are_complaints():
    """Stop 43: a bug report says what broke, often in words no lexicon scores, so it had no intent and `queue` left
    it out; a release note and a praise of the same words are none."""
    texts = [
        "@stackly your API has been returning 500s for the last hour, status page says all green",
        "Bug: stackly deploy hangs forever when the project path has a space in it (v2.3.1)",
        "Stackly's breaking change in 2.3.1 wasn't in the changelog and it took down our prod deploys",
        "Stackly login loop on Firefox, can't get into the console at all",
        "Regression in @stackly/sdk 2.4.0: retries are no longer applied to 429 responses",
        "Stackly 2.4.0 released: init() is now async",
        "Stackly fixed the memory leak, great work",
    ]
    labels = ["neutral"] * 6 + ["positive"]
    assert tagged(texts, labels) == ["complaint"] * 5 + ["", "praise"]


@pytest.mark.parametrize(
    "text, intent",
    [
        # complaints, with the words' mutated forms (canslo: ganslo after "wedi'i", nghanslo, chanslo)
        ("Mae'r trên T1 wedi'i ganslo eto. Siomedig iawn gyda Thrafnidiaeth Cymru", "complaint"),
        ("Trên hwyr o Fangor i Gaerdydd eto, awr yn hwyr. Gwarthus @TrafnidiaethC", "complaint"),
        ("Dim lifft yng ngorsaf Rhyl, amhosib gyda chadair olwyn. Cywilydd ar Drafnidiaeth Cymru", "complaint"),
        ("Prisiau tocynnau Trafnidiaeth Cymru yn ofnadwy o ddrud", "complaint"),
        ("Pob trên wedi'i ganslo a dim gwybodaeth gan TrC. Anobeithiol", "complaint"),
        # a question in a sentence of its own before another, and one at the post's end
        ("Pryd fydd y X43 yn rhedeg heno? Mae'r arhosfan yn llawn", "question"),
        ("Oes streic yfory ar Drafnidiaeth Cymru?", "question"),
        ("Pam fod y T1 yn mynd trwy Fangor heddiw? Mae’r map yn wahanol", "question"),
        ("Beth sy'n digwydd gyda'r T1? Mae'r arhosfan yn llawn", "question"),
        ("Faint o'r gloch fydd y bws nesa? Diolch", "question"),
        # thanks and praise; thanks for nothing, "ond" (but) and "ofnadwy o dda" (awfully good)
        ("Staff hyfryd ar y T2 heddiw, diolch TrC", "praise"),
        ("Diolch i Drafnidiaeth Cymru am y wybodaeth, gwasanaeth gwych heddiw", "praise"),
        ("Staff TrC yn ofnadwy o dda heddiw, diolch", "praise"),
        ("Diolch am ddim TrC, trên wedi'i ganslo", "complaint"),
        ("Diolch TrC, ond dal i aros am fy ad-daliad", "complaint"),
        ("Dim oedi heddiw ar y T1, diolch TrC", "praise"),
    ],
)
def test_welsh_complaints_questions_and_praise_left_unscored(text, intent):
    """A Welsh post has no sentiment from an English analyzer (with "cy" among the `[language] candidates`), and no
    built-in rule read a Welsh word: "wedi'i ganslo eto ... Siomedig iawn" had no intent, so `queue` left every Welsh
    complaint out, when the Welsh Language Standards oblige a Welsh operator to answer Welsh in Welsh."""
    assert tagged([text], [""], ["TrC"]) == [intent]


@pytest.mark.parametrize(
    "text, intent",
    [
        # complaints, glued to the words around them (no spaces), simplified and traditional Chinese
        ("カイロのイヤホンが壊れた。左側から音が出ない", "complaint"),
        ("カイロ公式さん、アプデ後に充電できなくなりました", "complaint"),
        ("カイロのサポートに電話したけど、全然つながらない。最悪", "complaint"),
        ("카이로폰 배터리가 너무 빨리 닳아요", "complaint"),
        ("카이로 충전기 불량입니다. 교환해주세요", "complaint"),
        ("카이로 고객센터 연결이 안 돼요. 너무 불편해요", "complaint"),
        ("凯罗手机又死机了", "complaint"),
        ("凯罗耳机坏了，怎么退款？", "complaint"),  # a complaint before a question
        ("凱羅客服都不回訊息，超爛", "complaint"),
        ("凯罗耳机不好用", "complaint"),  # (not praise for its "好用")
        # questions: the full-width "？", and the question's ending without one
        ("ネクソの新しいスマホとカイロ、どっちがいい？", "question"),
        ("Kairo Pro のケースはどこで買えますか", "question"),
        ("카이로 서비스센터 어디에 있나요", "question"),
        ("耐克索和凯罗哪个好？", "question"),
        ("凯罗手机在哪里买比较便宜", "question"),
        # praise (the post has no sentiment: its words tell), a refund that came; "but" and "still" keep a complaint
        ("カイロ最高！ありがとう", "praise"),
        ("카이로에서 환불 받았어요 감사합니다", "praise"),
        ("凯罗已经退款了，谢谢", "praise"),
        ("凱羅耳機很好用，推薦！", "praise"),
        ("カイロのサポートありがとう、でもまだ返金されてない", "complaint"),
        ("カイロ最高！ありがとう、また買います", "praise"),  # "また" (again) is no "まだ" (still)
        ("カイロのイヤホンはとても良い、ありがとう", "praise"),  # "とても" (very) holds no "でも" (but)
        ("カイロの最低限の機能で十分", ""),
        # none: "すてきな" (lovely) folds to "てきな", not "できない"; "灿烂" (brilliant) holds no "烂" word of ours
        ("カイロのすてきなデザイン", ""),
        ("カイロのフリースを買った", ""),  # (fleece: "フリーズ", freeze, without its voicing mark)
        ("凯罗新品发布会，阳光灿烂", ""),
        ("카이로 이어폰 샀어요", ""),
    ],
)
def test_japanese_korean_and_chinese_complaints_questions_and_praise_left_unscored(text, intent):
    """An English analyzer leaves Japanese, Korean and Chinese posts unscored, and no built-in rule read their words,
    nor the full-width "？": of an electronics brand's 53 such posts, 6 Korean ones with an ASCII "?" were questions and
    none was a complaint, so `queue` left "カイロのイヤホンが壊れた" and "凯罗手机又死机了" out."""
    assert tagged([text], [""], ["Kairo"]) == [intent]


@pytest.mark.parametrize(
    "text, intent",
    [
        ("카이로 서비스 불만족입니다", "complaint"),  # dissatisfied: was praise, for the "만족" (satisfied) inside
        ("카이로 폰 불만족스러워요", "complaint"),
        ("今日の最低気温は5度、カイロが必要", ""),  # the day's lowest temperature: was a complaint
        ("今日の最高気温は30度、カイロの新製品", ""),  # its highest: was praise
        ("ひといきついてカイロ", ""),  # a breather: "ひどい" (awful) without its voicing mark
        ("カイロの最高経営責任者が来日", ""),  # the chief executive: was praise
        ("凯罗垃圾分类宣传", ""),  # waste sorting: was a complaint ("垃圾", rubbish)
        ("最低気温5度の朝にカイロが壊れた", "complaint"),  # the words around one still count
        ("카이로 최고!", "praise"),
    ],
)
def test_japanese_korean_and_chinese_words_inside_other_words(text, intent):
    """Review of stop 44: a complaint or praise word written glued to others counts inside longer words, which said
    the opposite or nothing of the brand."""
    assert tagged([text], [""], ["Kairo"]) == [intent]


def test_developers_complaint_words_are_not_complaints_of_other_posts():
    """Review of stop 43: bare "took down", "500s", "regression" and "can't get into" made these neutral posts
    complaints; a bug report's words stay (the test above)."""
    texts = [
        "Skyway took down the tree that fell on runway 2, flights resume at 3pm",
        "Arsenal took down City 3-1, watched it on Voxa TV",
        "Snacko giveaway: two Fiat 500s up for grabs, entries close Friday",
        "Voxa data team is hiring: regression modelling, Python, SQL",
        "I can't get into this show everyone keeps recommending on Voxa TV",
        "Voxa took down our checkout for an hour",
        "can't get into my Voxa account since the update",
    ]
    assert tagged(texts, ["neutral"] * 7) == [""] * 5 + ["complaint"] * 2


def test_reading_the_unscored_posts_keeps_the_chunks_folded_column_for_topics():
    """Intent reads the "but" words of the few unscored, praised posts; it folded them through the cache of the last
    column, which then held those few texts: topics, after, folded and scanned the chunk's whole column again (0.25 s
    of 100,000 posts). The answers stay the same; the chunk's folded column stays cached."""
    from brandpulse.enrich.intent import read_unscored
    from brandpulse.enrich.matching import fold_series

    texts = pd.Series(
        ["Mi reembolso llegó, gracias", "Gracias, pero sigo esperando", "Thanks!", "late again"], dtype="string"
    )
    folded = fold_series(texts)
    labels = np.array(["", "", "positive", ""], dtype=object)
    out = read_unscored(texts, labels, np.array([True, True, True, False]))
    assert out.tolist() == ["positive", "", "positive", ""]
    assert fold_series(texts) is folded


def test_english_names_are_no_welsh_question_words():
    """The Welsh question rule read "Beth" and "Pam" (names) and "Faint" (an English word) at a sentence's start as
    Welsh "what", "why" and "how much": English posts with a "?" mid-post were questions to answer, not praise."""
    texts = [
        "Beth from support rang me back? Amazing, thanks Acme",
        "Pam at the desk sorted it? Yes she did. Great job Acme",
        "Faint smell of smoke on the 8:15? Reported it, all fine now",
    ]
    assert tagged(texts, ["positive", "positive", "neutral"]) == ["praise", "praise", ""]


@pytest.mark.parametrize(
    "text, intent",
    [
        ("the Acme app is crashing again", "complaint"),
        ("Acme website crashing at checkout", "complaint"),
        ("Acme crashes every time I open the menu", "complaint"),
        ("Crashes constantly\n\nOpened Acme three times today", "complaint"),
        ("Acme app crashes on login", "complaint"),
        # not a market's or a car's crash, nor a crash course
        ("Acme crashing prices for the summer sale", ""),
        ("Acme stocks crashing today", ""),
        ("crash course in Acme", ""),
        # (review of stop 45: the slang of a bed for the night, and of a party, opening a post)
        ("Crashing at my sister's tonight, Acme flight tomorrow", ""),
        # (stop 46: in one's room)
        ("crashing in my room tonight after the Acme flight", ""),
        ("crashing in the Acme app every time I open it", "complaint"),
        ("crashing with friends in Lisbon thanks to Acme's fares", ""),
        ("Crashing the party with an Acme upgrade", ""),
        ("Crashing on startup since the Acme update", "complaint"),
    ],
)
def test_an_app_that_crashes_is_a_complaint_in_neutral_words(text, intent):
    """Stop 45: "keeps crashing" and "crashed" were complaint words, "crashing" and "crashes" not: VADER and TextBlob
    read "the app is crashing again" as neutral, and it was no complaint, nor in `queue`."""
    assert tagged([text], ["neutral"], ["Acme"]) == [intent]


def test_a_software_customers_missing_integration_and_leaving_are_complaints():
    """Stop 45: a project-management app's customers say what is missing, that they are leaving and that no one
    answers in words no lexicon scores ("doesn't integrate with Slack", "we're migrating off Taskpad", "took them 5
    days to answer"): neutral and no intent, so `queue` left out its likeliest churn. Asking whether there is an API
    stays a question; news of an integration is none."""
    texts = [
        "Taskpad doesn't integrate with Slack, so we're moving to Planwise next quarter.",
        "Taskpad doesn’t integrate with our SSO",
        "We’re migrating off Taskpad this month",
        "our team is moving away from Taskpad, too many gaps",
        "We won't be renewing Taskpad next year",
        "Taskpad has no API, which rules it out for us",
        "It took them 5 days to answer my ticket, Taskpad",
        "Is there an API for Taskpad?",
        "Taskpad now integrates with Slack",
        "We should be moving away from Taskpad-style boards, says the author",
    ]
    config = Config(brands=[Brand("Taskpad", ["Taskpad"]), Brand("Planwise", ["Planwise"], competitor=True)])
    out = analyze(conform(pd.DataFrame({"text": texts})), config)
    assert out["sentiment_label"].tolist()[:5] == ["neutral"] * 5  # (no sentiment made them complaints)
    assert out["intent"].fillna("").tolist() == ["complaint"] * 7 + ["question", "", ""]


@pytest.mark.parametrize(
    "text, intent",
    [
        ("I'm switching off from Acme emails for the weekend, see you Monday", ""),
        ("We're switching off the old Acme servers tonight", ""),
        ("It took a few days to get back to normal after the Acme trip", ""),
        ("Acme took 3 days to get back to me", "complaint"),
        ("We're switching away from Acme", "complaint"),
        ("We're moving off Acme next month", "complaint"),
    ],
)
def test_switching_off_and_getting_back_to_normal_are_no_complaints(text, intent):
    """Stop 45's leaving and slow-answer rules read "I'm switching off" (resting, powering down) as leaving and "took a
    few days to get back to normal" as support slow to answer: neutral posts made complaints, and queued."""
    assert tagged([text], ["neutral"], ["Acme"]) == [intent]


def test_a_low_star_review_no_rule_reads_is_a_complaint(tmp_path):
    # (a store's Google review, 1 star, in neutral words: no intent, so the report's complaints left it out while
    # `queue` listed it as one; a 2-star question stays a question, a 3-star none, the brand's own reply none)
    path = tmp_path / "reviews.csv"
    path.write_text(
        "post_id,author,text,rating\n"
        '1,Jo,"Queue was 20 minutes long, only one till open",1\n'
        "2,Al,Self-checkouts keep saying unexpected item in bagging area,2\n"
        "3,Bo,Do you open on Sundays?,2\n"
        '4,Cy,"Queue was 20 minutes long, only one till open",3\n'
        "5,@AcmeHelp,Sorry to hear that: the store manager will be in touch,1\n"
        "6,Di,Self-checkouts keep saying unexpected item in bagging area,\n"
    )
    config = Config(brands=[Brand("Acme", ["Acme"], handles=["@AcmeHelp"])])
    config.raw = {"input": {"about": "Acme"}}
    out = analyze(read(path).posts, config)
    assert out["sentiment_label"].tolist()[:2] == ["neutral", "neutral"]  # (its words: no complaint by them)
    assert out["intent"].tolist() == ["complaint", "complaint", "question", "", "", ""]


def test_a_low_rated_review_is_a_complaint_in_analyze_its_store_and_report_as_in_queue(tmp_path):
    """A 1-star "love the new icon" was praise in `analyze`'s intent, the store's and the report's counts, and a
    complaint in `queue` alone, which read the stars. A review of 2 stars or fewer is a complaint in every one now,
    but a question (a 1-star "how do I ...?" still asks) and a config's own intent (more specific: a refund)."""
    src = tmp_path / "reviews.csv"
    rows = [
        ("1", 1, "Skyway love the new icon", "complaint"),
        ("2", 2, "Skyway is great when it works", "complaint"),
        ("3", 1, "how do I export my Skyway trips?", "question"),
        ("4", 1, "Skyway I want a refund", "refund"),
        ("5", 3, "Skyway love the new icon", "praise"),
        ("6", 5, "Skyway love the new icon", "praise"),
        ("7", "", "Skyway love the new icon", "praise"),
    ]
    src.write_text(
        "post_id,platform,created_at,text,rating\n"
        + "".join(f"{i},app_store,2026-11-05T10:00:00Z,{text},{stars}\n" for i, stars, text, _ in rows)
    )
    cfg = tmp_path / "c.toml"
    cfg.write_text('[brands.Skyway]\nterms = ["Skyway"]\n\n[intent.refund]\nkeywords = ["refund"]\n')
    out = CliRunner().invoke(main, ["analyze", str(src), "-c", str(cfg), "-f", "json", "-q"])
    assert out.exit_code == 0, out.output
    got = {r["post_id"]: r["intent"] for r in json.loads(out.stdout)}
    assert got == {i: want for i, _, _, want in rows}
    db = tmp_path / "s.duckdb"
    done = CliRunner().invoke(main, ["ingest", str(src), "-c", str(cfg), "--store", str(db), "-q"])
    assert done.exit_code == 0, done.output
    stored = ["--store", str(db), "-c", str(cfg), "--until", "2026-11-08"]
    report = CliRunner().invoke(main, ["report", *stored, "-f", "md"])
    assert report.exit_code == 0, report.output
    table = report.stdout.split("Intents per brand", 1)[1]
    skyway = next(line for line in table.splitlines() if line.startswith("| Skyway"))
    # volume, complaint, question, praise: the two low-rated reviews complaints (and no praise, whatever their words),
    # the refund a complaint too (its `intents` "refund;complaint", each counted since stop 54), the three others praise
    assert [c.split(" (")[0].strip() for c in skyway.split("|")[2:6]] == ["7", "3", "1", "3"]
    assert {r["post_id"]: r["intents"] for r in json.loads(out.stdout)}["1"] == "complaint"
    queued = CliRunner().invoke(main, ["queue", *stored, "-f", "json"])
    assert queued.exit_code == 0, queued.output
    reasons = {r["post_id"]: r["reason"] for r in json.loads(queued.stdout)}
    # (the refund: as the config's own intent, which the built-in rules call a complaint)
    # (2: "great when it works" is praise undone, negative since stop 57, so queued for both)
    assert reasons == {"1": "complaint", "2": "negative+complaint", "3": "question", "4": "negative+refund"}


def test_leaving_the_one_brand_a_post_names_is_a_complaint():
    """Stop 46: "I left Skyway after 10 years" and "after 10 years with Skyway, I left" alone were neutral with no
    intent, so `queue` left them out; beside another brand, Skyway's own score read the leaving. Each is a complaint
    now, as `LEFT` reads it; not a thing left on a flight, nor a review left, nor a job quit."""
    texts = [
        "I left Skyway after 10 years",
        "after 10 years with Skyway, I left",
        "We finally quit Skyway after 3 years",
        "I left my phone on the Skyway flight",
        "I left Skyway a review after 10 years",
        "quit my Skyway job after 10 years",
        "Skyway after 10 years, still my favourite",
    ]
    config = Config(brands=[Brand("Skyway", ["Skyway"]), Brand("Aerolux", ["Aerolux"], competitor=True)])
    out = analyze(conform(pd.DataFrame({"text": texts})), config)
    assert out["sentiment_label"].tolist()[:6] == ["neutral"] * 6  # (no sentiment made them complaints)
    assert out["intent"].fillna("").tolist() == ["complaint"] * 3 + [""] * 4


def test_reading_who_leaves_their_brand_keeps_the_chunks_scans_and_reads_the_rows_asked():
    """Stop 46's leaving rule folded and scanned its posts' words in the caches that keep the chunk's (one column
    each): topics, next, folded and scanned the whole chunk again (1,000,000 posts: 3 s of CPU more). It reads the
    rows intent could still decide alone, and leaves the chunk's scans as they were."""
    from brandpulse.enrich import matching
    from brandpulse.enrich.brand_sentiment import leaves_its_brand

    brands = [Brand("Skyway", ["Skyway"])]
    texts = ["I left Skyway after 10 years", "We finally quit Skyway after 3 years", "Skyway rocks"]
    df = conform(pd.DataFrame({"text": texts}))
    df["brands"] = pd.Series(["Skyway"] * 3, dtype="string")
    matching.fold_series(df["text"])  # (the chunk's folded texts, as brands and intent leave them for topics)
    chunk = matching.fold_series.key[0]
    assert leaves_its_brand(df, brands).tolist() == [True, True, False]
    assert matching.fold_series.key[0] is chunk
    assert leaves_its_brand(df, brands, np.array([False, True, True])).tolist() == [False, True, False]
    assert not leaves_its_brand(df, brands, np.zeros(3, dtype=bool)).any()


def test_a_post_leaving_one_brand_for_another_is_a_complaint():
    """A post naming two brands that leaves one for the other, in neutral words, had no intent ("I left Skyway for
    Aerolux"): the queue listed it as negative by its score towards Skyway alone, and reports counted no complaint
    (stop 47). It is a complaint now, as a post leaving its only brand is; one praising the switch stays praise, and
    a flight from one to the other leaves nobody."""
    config = load_config(Path(__file__).resolve().parents[1] / "examples" / "brandpulse.toml")
    texts = [
        "I left Skyway for Aerolux",
        "switched from Skyway to Aerolux",
        "switched to Aerolux from Skyway",
        "after 2 years with Skyway, I switched to Aerolux",
        "Skyway → Aerolux",
        "switched from Skyway to Aerolux, best decision ever, love them",
        "flew Skyway to Denver then Aerolux to Boston",
    ]
    out = analyze(conform(pd.DataFrame({"text": texts})), config)
    assert out["brands"].tolist() == ["Skyway;Aerolux"] * 7
    assert out["intent"].fillna("").tolist() == ["complaint"] * 5 + ["praise", ""]


def test_switching_to_a_plan_of_the_same_brand_leaves_nobody():
    """ "after 2 years with United, I switched to their premium plan" read as leaving United: the words after
    "switched" were read as a farewell's unless they were "the", "my", ... (stop 47)."""
    config = load_config(Path(__file__).resolve().parents[1] / "examples" / "brandpulse.toml")
    texts = [
        "after 2 years with Skyway, I switched to their premium plan",
        "after 2 years with Skyway, I switched over to the annual membership",
        "after 2 years with Skyway, I switched to their rivals",
        "after 2 years with Skyway, I switched",
    ]
    out = analyze(conform(pd.DataFrame({"text": texts})), config)
    assert out["sentiment_label"].tolist() == ["neutral"] * 4
    assert out["intent"].fillna("").tolist() == ["", "", "complaint", "complaint"]


def test_a_competitor_left_for_one_of_our_brands_is_no_complaint():
    """ "I left Aerolux for Skyway" (Aerolux a competitor) became a complaint in stop 47, and the report's intents table
    counted it in Skyway's row: a customer won read as a complaint about Skyway, listed by `queue --for-brand Skyway`.
    It is no complaint now; leaving ours for a competitor, or one brand for another of the same side, still is."""
    from brandpulse.report.summary import intent_counts

    config = load_config(Path(__file__).resolve().parents[1] / "examples" / "brandpulse.toml")
    texts = [
        "I left Aerolux for Skyway",
        "switched from Aerolux to Skyway",
        "Aerolux → Skyway",
        "I left Skyway for Aerolux",
        "I left QuickBite for Skyway",
        "I left Aerolux for FeastNow",
    ]
    out = analyze(conform(pd.DataFrame({"text": texts})), config)
    assert out["intent"].fillna("").tolist() == [""] * 3 + ["complaint"] * 3
    counts = intent_counts(out)["posts"]
    assert counts[("Skyway", "complaint")] == 2 and counts[("Aerolux", "complaint")] == 2


def test_a_farewell_said_alone_is_a_complaint():
    """Stop 48: "I'm out, Skyway", a bare "I left Skyway." and "closed my Skyway account" were neutral, of no intent,
    and not queued; "cancelled my Skyway subscription" was a complaint only as cx scores "cancelled" negative. Each is
    a complaint now by its words (`ALONE`, `OUT_BEFORE`), whatever the analyzer; not a thing left on Skyway, a review
    left, a lounge or a time, nor "I'm out of town", nor Skyway cancelling."""
    leaving = [
        "I'm out, Skyway",
        "Skyway, I'm out",
        "I left Skyway.",
        "I'm leaving Skyway",
        "closed my Skyway account today",
        "cancelled my Skyway subscription",
        "cancelled my membership with Skyway",
    ]
    staying = [
        "Skyway, I'm out of town this week",
        "left it on Skyway.",
        "just left the Skyway lounge.",
        "I left Skyway a review",
        "I left Skyway at the gate",
        "left Skyway at 9, landed 11.",
        "Just left Skyway Stadium.",  # (a place named for the brand, not a customer leaving it)
        "I left Skyway Airport.",
        "I've left Skyway Towers",
        "I left Skyway alone.",
    ]
    config = Config(brands=[Brand("Skyway", ["Skyway"])])
    df = conform(pd.DataFrame({"text": leaving + staying}))
    df["brands"] = pd.Series(["Skyway"] * len(df), dtype="string")
    df["sentiment_label"] = "neutral"  # (as an analyzer reading no word of them would)
    out = tag_intent(df, intents_from_config(None), brands_configured=True, brands=config.brands)
    assert out["intent"].tolist() == ["complaint"] * len(leaving) + [""] * len(staying)


def test_a_switch_over_a_line_break_is_read():
    """The switches' cues (`LEFT_FOR`, `TO_FROM`, `SWITCH_REASON`) took `.` for any character, which stops at a line
    break: "I left Skyway\\nfor Aerolux" had no intent and both brands 0 (stop 48)."""
    config = load_config(Path(__file__).resolve().parents[1] / "examples" / "brandpulse.toml")
    texts = ["I left Skyway\nfor Aerolux", "moved to Aerolux\nfrom Skyway"]
    texts += ["switched to Aerolux\nwhen Skyway lost my bag"]
    out = analyze(conform(pd.DataFrame({"text": texts})), config)
    assert out["intent"].tolist() == ["complaint"] * 3
    assert out["brand_sentiments"].str.startswith("Skyway=-").tolist() == [True] * 3


@pytest.mark.parametrize(
    "text, label, intent",
    [
        # stop 48, a courier's tester: a question asked before a sentence more ("?" mid-post), opening "any idea"
        ("Any idea when Parcelo will deliver to Shetland? Been a fortnight", "neutral", "question"),
        ("Parcelo, any news on my parcel? Need it by Friday", "neutral", "question"),
        # "where is my ...?" asked alone is a question; with a complaint beside it, or said, a complaint
        ("@Parcelo Where is my parcel? Ordered Monday", "neutral", "question"),
        ("@Parcelo Where is my parcel? Tracking says delivered but nothing here", "neutral", "complaint"),
        ("@QuickBite where is my food, 2 hours now", "neutral", "complaint"),
        ("@Parcelo tracking says delivered but nothing here", "neutral", "complaint"),
        ("the apology is nice but where is my refund?", "neutral", "complaint"),
        # a tracking status stuck for days is a complaint, a status alone none
        ("Parcelo, my parcel has been 'arriving today' for three days", "neutral", "complaint"),
        ("been out for delivery since 2 days, Parcelo", "neutral", "complaint"),
        ("Parcelo says arriving today", "neutral", ""),
    ],
)
def test_a_couriers_questions_and_complaints(text, label, intent):
    assert tagged([text], [label], ["Parcelo"]) == [intent]


@pytest.mark.parametrize(
    "text, label, intent",
    [
        # stop 49: "any chance you ..." asked what is (the keyword "any chance you" made it a suggestion)
        ("Any chance you deliver on Sundays?", "positive", "question"),
        ("any chance you could deliver on Sundays?", "neutral", "question"),
        # ... and still asks for something new with a verb of adding
        ("any chance you could add a vegan box?", "neutral", "suggestion"),
        ("Any chance you guys will bring back the spicy ramen?", "neutral", "suggestion"),
        ("any chance you'll stock oat milk?", "neutral", "suggestion"),
        ("any chance you could start offering vegan boxes?", "positive", "suggestion"),
        # ... but not for what the brand should already do, no idea for the roadmap (stop 49: all three were
        # suggestions): a sarcastic request about something broken is a complaint (stop 50: cx read "any chance" as
        # positive, +0.08, and they were questions; it is neutral now), a plain request a question
        ("any chance you could make the app work?", "neutral", "complaint"),
        ("any chance you could start answering emails?", "neutral", "complaint"),
        ("@QuickBite any chance you'll make the app load today?", "neutral", "complaint"),
        ("any chance u could reply to my email?", "neutral", "question"),
        ("any chance you could fix the app?", "neutral", "question"),
        # (review: a request or a favour is no complaint; both were complaints, "start delivering", "make it work")
        ("any chance you'll start delivering to Cork?", "neutral", "question"),
        ("any chance you could start working on dark mode?", "neutral", "question"),
        ("any chance you could make it work for my mum's birthday?", "neutral", "question"),
        # stop 49: the author's own broken bone, as a question's reason, was a complaint ("broke my", and the
        # negative label alone)
        ("can I freeze my membership? broke my ankle", "negative", "question"),
        ("broke my wrist skiing, can I pause my FlexFit membership?", "negative", "question"),
        # a bone broken on the brand's equipment, or a question beside a complaint, is still a complaint
        ("broke my ankle on your treadmill, what now?", "negative", "complaint"),
        # and a question of the brand's fault is no question of the author's own
        ("why did your treadmill collapse? broke my ankle", "negative", "complaint"),
        ("is it normal that your bar snapped? broke my wrist", "negative", "complaint"),
        ("is there a way to pause my membership? sprained my ankle", "negative", "question"),
        ("FlexFit is rubbish. can I freeze my membership? broke my ankle", "negative", "complaint"),
        # stop 50: a name before the question, without its comma, was no question (the question rule's forms read the
        # post's start, "@FlexFit" or "FlexFit," before them, and cx's negative label was no complaint's: none)
        ("FlexFit can I freeze my membership? broke my ankle", "negative", "question"),
        ("FlexFit can I freeze my membership? moving abroad for 3 months", "neutral", "question"),
        ("Kova Home what time does support open? my hub is offline", "neutral", "question"),
        ("@FlexFit can I freeze my membership? broke my ankle", "negative", "question"),
        # ... but a capitalised word before a verb with no subject asks nothing
        ("Gate changed again? typical", "neutral", ""),
        # ... nor an exclamation after a name (review: each was a question, no praise)
        ("Delta what a flight? amazing crew", "positive", "praise"),
        ("Delta how cool is that? free upgrade", "positive", "praise"),
        ("Delta who knew? best flight ever", "positive", "praise"),
        ("Delta could you be any better? love it", "positive", "praise"),
        ("Delta how long is this layover? landing at 6", "neutral", "question"),
        ("the update broke my app, how do I roll back?", "negative", "complaint"),
    ],
)
def test_what_is_asked_and_the_authors_own_injury(text, label, intent):
    assert tagged([text], [label], ["FlexFit"]) == [intent]
    assert tagged([text], [label]) == [intent]  # (no brand configured: the label alone marks every post)


def test_a_brand_written_small_before_a_question_is_its_name():
    """Stop 50: "flexfit can i ...?" asks as "FlexFit can I ...?" does where FlexFit is a brand (the question rule
    knows a name by its capital, which `names_capitalised` gives the brand's terms); an unknown small word does not."""
    texts = ["flexfit can i freeze my membership? broke my ankle", "gate can i freeze my membership? broke my ankle"]
    out = analyze(conform(pd.DataFrame({"text": texts})), Config(brands=[Brand("FlexFit", ["FlexFit"])]))
    assert out["sentiment_label"].tolist() == ["negative", "negative"]
    assert out["intent"].fillna("").tolist() == ["question", ""]


def test_any_chance_asks_and_a_sarcastic_one_complains():
    """Stop 50: cx read "any chance" as VADER's positive "chance" (+0.08), so "any chance you could make the app
    work?" could be no complaint (which needs a negative or neutral post); it weighs nothing now, and a request that
    the brand do what it should already do is a complaint, a question of what it does still a question."""
    texts = ["any chance you could make the app work?", "any chance you deliver on Sundays?"]
    out = analyze(conform(pd.DataFrame({"text": texts})), Config())
    assert out["sentiment"].tolist() == [0.0, 0.0]
    assert out["intent"].fillna("").tolist() == ["complaint", "question"]


def test_incredible_before_a_service_is_praise():
    """Stop 50: "incredible service" was 0 (VADER's booster before a word of no valence) and no praise; before a
    service, staff or an experience it is praise now (cx_lexicon.toml's phrases), before a fault still a fault's
    booster, and "not incredible service" negative."""
    texts = ["incredible service", "Incredible customer service today!", "incredible delays", "not incredible service"]
    out = analyze(conform(pd.DataFrame({"text": texts})), Config())
    assert out["sentiment_label"].tolist() == ["positive", "positive", "negative", "negative"]
    assert out["intent"].fillna("").tolist() == ["praise", "praise", "complaint", "complaint"]


def test_the_readmes_churn_intent_counts_customers_leaving(tmp_path):
    """Stop 50: no built-in intent marks a customer leaving ("switching to Kova" had none; "cancelling my
    subscription", "I'm done with Skyway, going to Delta" are complaints); README's `[intent.churn]`, as written, takes
    them, and leaves a switch of no competitor's and the praise of a brand chosen as they were."""
    readme = (ROOT / "README.md").read_text("utf-8")
    [block] = [b for b in readme.split("```toml\n")[1:] if b.startswith("[intent.churn]")]
    path = tmp_path / "churn.toml"
    path.write_text('[brands.Skyway]\nterms = ["Skyway"]\n\n' + block.split("```")[0], "utf-8")
    texts = [
        "switching to Kova",
        "cancelling my subscription",
        "I'm done with Skyway, going to Delta",
        "leaving Skyway for Delta after 10 years",
        "switching to dark mode",
        "switched from Aerolux to Skyway, best decision ever",
    ]
    expected = ["churn", "churn", "churn", "churn", "", "praise"]
    out = analyze(conform(pd.DataFrame({"text": texts})), load_config(path))
    assert out["intent"].fillna("").tolist() == expected
    built_in = analyze(conform(pd.DataFrame({"text": texts})), Config(brands=[Brand("Skyway", ["Skyway"])]))
    assert built_in["intent"].fillna("").tolist() == ["", "", "complaint", "", "", "praise"]


def test_incredible_said_of_someone_is_praise():
    """Stop 49: "incredible" is one of VADER's boosters, of no valence of its own, so cx scored "the difference you make
    is incredible" 0 and praise, which needs a positive post, was none. Said of someone or something it is positive
    now (cx_lexicon.toml's phrases); "incredible that nobody has replied" says nothing by that word."""
    texts = ["the difference you make is incredible", "the staff were incredible", "incredible that nobody has replied"]
    out = analyze(conform(pd.DataFrame({"text": texts})), Config())
    assert out["sentiment_label"].tolist() == ["positive", "positive", "neutral"]
    assert out["intent"].fillna("").tolist() == ["praise", "praise", ""]


@pytest.mark.parametrize(
    ("text", "label", "intent"),
    [
        # stop 49: a refund said to have come fast is no complaint (a fashion retailer's neutral "Maison Nord refund
        # was fast" was one, for the keyword "refund"); one that took weeks, or a refund word besides, still is
        ("Maison Nord refund was fast", "neutral", ""),
        ("Acme refund came through quickly, no fuss", "neutral", ""),
        ("Acme refund took 6 weeks, finally got it", "neutral", "complaint"),
        ("Acme's refund was fast but the second refund never came", "neutral", "complaint"),
    ],
)
def test_a_refund_that_came_fast_is_no_complaint(text, label, intent):
    assert tagged([text], [label], ["Acme"]) == [intent]


@pytest.mark.parametrize(
    ("text", "label", "intent"),
    [
        # stop 50: a review's body starts a sentence after its title, as a question's does: "Good\n\nNeeds a ranked
        # mode" was praise (the body's first words were read as the title's), as on one line it was a suggestion
        ("Good\n\nNeeds a ranked mode. Would love a replay system too", "positive", "suggestion"),
        ("W game\n\nWould love a replay system", "positive", "suggestion"),
        ("Shardfall\n\nSuggestion: a rollback branch until saves are fixed", "neutral", "suggestion"),
        ("Good\n\nplease add cloud saves", "positive", "suggestion"),
        # a line alone that is no request stays what it was
        ("Great game\n\nNeeds no introduction, love it", "positive", "praise"),
    ],
)
def test_a_request_after_a_line_break_is_a_suggestion(text, label, intent):
    assert tagged([text], [label], ["Shardfall"]) == [intent]


@pytest.mark.parametrize(
    ("text", "label", "brand", "intent"),
    [
        # stop 52: Title Case and capitals. A Title-Cased teaser after a Title-Cased opener took "Big News" for a name
        # and "Can You Guess?" for its question; "guess what" teases too
        ("Big News Can You Guess? we're engaged", "positive", "", ""),
        ("Happy Friday Are You Ready? Acme sale starts now", "neutral", "Acme", ""),
        ("guess what, Acme just opened in Leeds", "neutral", "Acme", ""),
        # a name and a question in lower case still ask
        ("Acme can you help? need to add a bag to my booking", "neutral", "Acme", "question"),
        # a question without its "?" of "when/where/why/how" and "do/does/did", whatever its subject: "When Does
        # Boarding Start" was none (its subject, "Boarding", neither a pronoun nor a name before a small word)
        ("When Does Boarding Start", "neutral", "", "question"),
        ("when does boarding start", "neutral", "", "question"),
        ("Where Is Check In", "neutral", "", "question"),
        ("Acme When Does Boarding Start? flight at 6", "neutral", "Acme", "question"),
        ("Why Is The Lounge Closed", "neutral", "", "question"),
        # ... but "why" shouted in capitals is a complaint, of a neutral post too ("WHY IS MY ORDER TAKING SO LONG"
        # was a question to answer)
        ("WHY IS MY ACME ORDER TAKING SO LONG", "neutral", "Acme", "complaint"),
        ("WHY DOES THE APP KEEP LOGGING ME OUT?? @Acme", "neutral", "Acme", "complaint"),
        ("WHY IS MY FLIGHT DELAYED AGAIN", "negative", "", "complaint"),
        ("why is my Acme order taking so long", "neutral", "Acme", "question"),
        # a rhetorical question of praise, the post's only one, is praise ("Delta why are you so good? love it" was
        # a question); a second question still asks
        ("Delta why are you so good? love it", "positive", "Delta", "praise"),
        ("why is Acme Air always so fast, love them", "positive", "Acme", "praise"),
        ("WHY ARE YOU SO GOOD ACME", "positive", "Acme", "praise"),
        ("Delta why are you so good? also do you fly to Leeds?", "positive", "Delta", "question"),
        ("why is the Acme app so slow?", "neutral", "Acme", "question"),
        # "quick question" and "genuine question" ask when a "?" or a question's first word follows them
        ("genuine question: flight to Dublin was fine, nothing to report. thanks in advance", "positive", "", ""),
        ("quick question: deleted Acme. Zenith from now on", "neutral", "Acme", ""),
        ("quick question about my Acme booking, can I add a bag later? thanks", "neutral", "Acme", "question"),
        ("quick question: is the Acme app good or what", "neutral", "Acme", "question"),
        # "thanks in advance" closes a request: no praise, as "gracias de antemano" was none
        ("thanks in advance Acme", "positive", "Acme", ""),
        ("thanks Acme, great crew", "positive", "Acme", "praise"),
    ],
)
def test_title_case_capitals_and_rhetorical_questions(text, label, brand, intent):
    assert tagged([text], [label], [brand]) == [intent]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # stop 52: Spanish, left unscored by an English analyzer (label ""): "¿" opens a question, its "?" often
        # left off; "cuándo", "dónde", "cuál" ask with their accent, "cómo" and "qué" before "hago", "puedo"
        ("¿tienen esta falda en talla M?", "question"),
        ("¿tienen esta falda en talla M", "question"),
        ("Acme cuándo llega mi pedido", "question"),
        ("Acme, cómo hago una devolución", "question"),
        ("tienen esta falda en talla M", ""),
        ("¡qué bonito vestido, Acme!", ""),
        ("cuando llegó el pedido lo abrí", ""),
        # a rhetorical question of praise is praise, as in English
        ("¿Por qué Acme es tan bueno? me encanta", "praise"),
        ("Acme me encanta, ¿por qué sois tan buenos?", "praise"),
    ],
)
def test_spanish_questions(text, intent):
    assert tagged([text], [""], ["Acme"]) == [intent]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # stop 52: buying in Spanish and Portuguese was none, or a question
        ("quiero comprar las botas de Acme", "purchase-intent"),
        ("estoy pensando en comprar el vestido de Acme", "purchase-intent"),
        ("¿cuál es mejor, Acme o Zenith?", "purchase-intent"),
        ("me quiero comprar el abrigo de Acme, ¿merece la pena?", "purchase-intent"),
        ("¿vale la pena el abrigo de Acme?", "purchase-intent"),
        ("quero comprar o casaco da Acme", "purchase-intent"),
        ("vale a pena a Acme?", "purchase-intent"),
        # a worth denied is a complaint; a refund asked for no purchase
        ("no vale la pena, Acme es un desastre", "complaint"),
        ("quiero pedir un reembolso a Acme", ""),
        # stop 52: French and German complaints and German praise were none (an English analyzer leaves them unscored)
        ("Vol Acme annulé encore une fois. Aucune explication.", "complaint"),
        ("Commande Acme arrivée froide, très déçu.", "complaint"),
        ("Acme Lieferung nach 70 Minuten, Essen kalt. Ärgerlich.", "complaint"),
        ("Meu pedido do Acme chegou frio de novo.", "complaint"),
        ("Pünktlich und freundlich, danke Acme!", "praise"),
        ("Muy buen servicio de Acme, el vuelo llegó puntual.", "praise"),
        ("Livraison Acme super rapide ce soir !", "praise"),
        # (with a "but" no praise; "sigue perdida" is no complaint word either)
        ("buen servicio de Acme, pero mi maleta sigue perdida", ""),
        ("Danke Acme, aber mein Koffer ist immer noch weg", ""),
        ("Nein danke, Acme", ""),
        # (a delay alone, French, is not a complaint word: its question still asks)
        ("Quelqu'un sait si Acme rembourse les vols retardés ?", "question"),
    ],
)
def test_buying_in_spanish_and_complaints_in_french_and_german(text, intent):
    assert tagged([text], [""], ["Acme"]) == [intent]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # stop 52: Italian and Dutch complaints and praise were none (an English analyzer leaves them unscored)
        ("Acme volo cancellato e nessuna risposta, vergognoso", "complaint"),
        ("pacco Acme mai arrivato", "complaint"),
        ("Acme vlucht geannuleerd en geen antwoord", "complaint"),
        ("pakket van Acme nooit aangekomen", "complaint"),
        ("Acme slechte service, heel teleurgesteld", "complaint"),
        ("grazie mille Acme, servizio ottimo", "praise"),
        ("Acme top service, bedankt", "praise"),
        # (a question stays one, a statement none; a delay alone is no complaint word: its question asks)
        ("Acme a che ora apre il negozio?", "question"),
        ("Acme hoe laat gaat de winkel open?", "question"),
        ("Acme il negozio apre alle 9", ""),
        ("Acme de winkel gaat om 9 uur open", ""),
        ("Acme, il mio pacco è in ritardo?", "question"),
        ("alvast bedankt Acme, hoe laat gaat de winkel open?", "question"),
        # (with a "but" no praise; with "still not" a complaint; "thanks to" and "never again without" neither)
        # (stop 54: a refund not come is a complaint, whatever the thanks before it; it was none)
        ("Acme ottimo, ma il rimborso non è arrivato", "complaint"),
        ("bedankt Acme, maar mijn pakket is nog steeds niet aangekomen", "complaint"),
        ("grazie a Acme ho perso il volo", ""),
        ("Acme mai più senza!", ""),
        # (French "ma" is "my", no "but": its thanks still praise)
        ("Merci Acme, ma commande est arrivée à l'heure", "praise"),
    ],
)
def test_complaints_and_praise_in_italian_and_dutch(text, intent):
    assert tagged([text], [""], ["Acme"]) == [intent]


@pytest.mark.parametrize(
    ("text", "label", "intent"),
    [
        # stop 52: a status that has not moved, a "legend", a status "for the 40th minute in a row"
        ('Ordered @Acme at 7, it\'s 9 and the app still says "preparing"', "neutral", "complaint"),
        ("our Acme driver walked up five flights of stairs in the rain. legend", "positive", "praise"),
        ('wow. great, Acme says "arriving now" for the 40th minute in a row', "positive", ""),
        ("Acme voted best airline for the 3rd year in a row, love it", "positive", "praise"),
        ("where can I buy the Acme boots", "neutral", "purchase-intent"),
    ],
)
def test_a_stuck_status_a_legend_and_sarcasm_in_a_row(text, label, intent):
    assert tagged([text], [label], ["Acme"]) == [intent]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # stop 53: a choice of two banks (or phones) asked with "should I open / get / go with" was a question
        (
            "Should I open a Acme or a Tallybank account for travelling? Mainly need free card use abroad",
            "purchase-intent",
        ),
        ("should I go with Acme or Tallybank for my salary?", "purchase-intent"),
        ("should I get the Acme Pixel or the iPhone?", "purchase-intent"),
        # (a remedy or a way to reach them is no purchase, nor one thing asked of)
        ("Should I get a refund or a voucher from Acme?", "complaint"),
        ("should I wait or cancel my Acme order?", "question"),
        ("Should I open a complaint with Acme?", "question"),
        # stop 53: a bank's German customers: a card or an account blocked by the bank, support silent for days,
        # "Unmöglich!" (each was none); the customer's own blocking is none
        ("Acme hat meine Karte gesperrt und der Support antwortet seit Tagen nicht. Unmöglich!", "complaint"),
        ("Acme hat mein Konto ohne Grund gesperrt", "complaint"),
        ("Acme antwortet seit Wochen nicht", "complaint"),
        ("Ich habe meine Karte gesperrt, Acme hat mir eine neue geschickt", ""),
        # ... and an account or a card blocked, frozen or declined, in Spanish, Portuguese, French and German (none)
        ("Mi cuenta de Acme lleva bloqueada una semana", "complaint"),
        ("Acme me rechazó la tarjeta en el súper con saldo", "complaint"),
        ("Minha conta Acme está bloqueada há dias", "complaint"),
        ("Mon compte Acme est bloqué depuis une semaine", "complaint"),
        ("Ma carte Acme a été refusée au supermarché", "complaint"),
        ("Mein Acme Konto ist seit 3 Tagen gesperrt", "complaint"),
        ("Acme Karte wird ständig abgelehnt", "complaint"),
        # (unblocked is none, and how to block a lost card a question)
        ("Mon compte Acme est débloqué, merci", ""),
        ("Acme: ¿cómo bloqueo mi tarjeta si la pierdo?", "question"),
    ],
)
def test_a_choice_of_two_asked_and_a_banks_german_complaints(text, intent):
    assert tagged([text], ["neutral"], ["Acme"]) == [intent]


def test_intents_lists_every_intent_a_post_matches_with_intent_first():
    """One intent per post hid a complaint's request: `intents` lists every rule that matches, `intent` first and the
    same as before. Read by hand: 0 asks ("please add") and is negative naming a brand (complaint by its sentiment);
    1 is a 1-star review (complaint, whatever its words) asking for a mode; 2 asks alone; 3 is a request put as a
    question (no question to answer); 4 complains and asks how ("how do I" + a negative word: a question, no
    complaint by sentiment, but "lost my" is a complaint word); 5 matches nothing."""
    texts = [
        "Acme app crashes every time, please add an offline mode",
        "Please add a dark mode to Acme",
        "Please add a dark mode to Acme",
        "Can Acme please add offline local control?",
        "Acme lost my bag, how do I file a claim?",
        "Acme opens a store in Leeds",
    ]
    df = pd.DataFrame(
        {
            "text": pd.Series(texts, dtype="string"),
            "sentiment_label": ["negative", "neutral", "neutral", "neutral", "negative", "neutral"],
            "brands": ["Acme"] * 6,
            "rating": [None, 1, None, None, None, None],
        }
    )
    out = tag_intent(df, brands_configured=True)
    assert out["intent"].fillna("").tolist() == ["suggestion", "complaint", "suggestion", "suggestion", "complaint", ""]
    assert out["intents"].fillna("").tolist() == [
        "suggestion;complaint",
        "complaint;suggestion",
        "suggestion",
        "suggestion",
        "complaint;question",
        "",
    ]
    # the first intent is the one `intent` gives, as the rules gave it before (`every` reads every post)
    first = out["intents"].fillna("").str.split(";").str[0].tolist()
    assert first == out["intent"].fillna("").tolist()


def test_intents_of_a_config_with_more_intents_than_an_integer_has_bits():
    """`intents` finds each row's distinct hits by packing them in one integer; 70 intents of a config do not fit, and
    their rows are told apart by their bytes: each post lists its own intents, in rule order."""
    raw = {"intent": {f"i{k}": {"keywords": [f"word{k}"]} for k in range(70)}}
    texts = ["word3 and word65", "word65 and word3", "word69", "word0 word1 word2", "no such word", "word3 and word65"]
    df = pd.DataFrame({"text": pd.Series(texts, dtype="string"), "sentiment_label": "neutral", "brands": ""})
    out = tag_intent(df, intents_from_config(raw))
    assert out["intent"].fillna("").tolist() == ["i3", "i3", "i69", "i0", "", "i3"]
    assert out["intents"].fillna("").tolist() == ["i3;i65", "i3;i65", "i69", "i0;i1;i2", "", "i3;i65"]


def test_analyze_writes_intents_last():
    posts = conform(pd.DataFrame({"text": ["Acme keeps crashing, you should add an offline mode"]}))
    out = analyze(posts, Config(brands=[Brand("Acme", ["Acme"])]))
    assert list(out.columns[-2:]) == ["brand_sentiments", "intents"]
    assert (out.loc[0, "intent"], out.loc[0, "intents"]) == ("suggestion", "suggestion;complaint")


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # stop 53: "not disappointed" is no complaint (litotes); disappointed still is one
        ("Acme non sono rimasto deluso, consegna veloce", ""),
        ("Non sono rimasta delusa da Acme", ""),
        ("Acme non mi ha deluso", ""),
        ("Ik ben niet teleurgesteld in Acme", ""),
        ("Acme sono rimasto deluso, consegna lenta", "complaint"),
        ("Acme heel teleurgesteld", "complaint"),
        # stop 53: Italian and Dutch requests and buying (none, or questions, before)
        ("Acme per favore aggiungete la modalità scura", "suggestion"),
        ("Acme potreste aggiungere i pagamenti con PayPal?", "suggestion"),
        ("Acme sarebbe fantastico avere un'opzione vegana", "suggestion"),
        ("Acme voeg alsjeblieft een donkere modus toe", "suggestion"),
        ("Kunnen jullie bij Acme iDEAL toevoegen?", "suggestion"),
        ("Acme het zou fijn zijn als de app offline werkt", "suggestion"),
        ("Sto pensando di comprare un Acme, consigli?", "purchase-intent"),
        ("Acme o Zenith, quale è meglio?", "purchase-intent"),
        ("Dove posso comprare Acme a Milano?", "purchase-intent"),
        ("Ik twijfel tussen Acme en Zenith, welke is beter?", "purchase-intent"),
        ("Waar kan ik Acme kopen in Utrecht?", "purchase-intent"),
        # (a question that asks for neither stays one; "I want my money back" is no buying, but a complaint since
        # stop 54, as in English)
        ("Acme a che ora apre il negozio?", "question"),
        ("Acme ik wil mijn geld terug", "complaint"),
    ],
)
def test_requests_buying_and_litotes_in_italian_and_dutch(text, intent):
    assert tagged([text], [""], ["Acme"]) == [intent]


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("Acme volo in ritardo di due ore", ["delays"]),
        ("Acme vlucht had twee uur vertraging", ["delays"]),
        ("Acme il mio bagaglio non è arrivato", ["baggage"]),
        ("Acme rimborso non ancora ricevuto", ["refunds"]),
        ("Acme terugbetaling nog niet ontvangen", ["refunds"]),
        ("Acme il servizio clienti non risponde", ["customer-service"]),
        ("Acme klantenservice reageert niet", ["customer-service"]),
        ("Acme il prezzo è aumentato di nuovo", ["pricing"]),
        ("Acme bezorging was te laat", ["delays", "shipping-delivery"]),
        ("Acme la consegna è arrivata tardi", ["shipping-delivery"]),
        ("Acme vlucht geannuleerd", ["cancellations"]),
        # (Dutch "prijs" is a prize too; "bezorgd" is worried)
        ("Acme wint een prijs", []),
        ("Ik ben bezorgd om Acme", []),
    ],
)
def test_topics_in_italian_and_dutch(text, topics):
    posts = conform(pd.DataFrame({"text": [text]}))
    out = analyze(posts, Config(brands=[Brand("Acme", ["Acme"])]))
    assert [t for t in str(out.loc[0, "topics"]).split(";") if t] == topics


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # stop 54: everyday Italian and Dutch complaints were none (the posts are unscored: their words alone tell)
        ("Acme il mio bagaglio non è arrivato", "complaint"),
        ("Acme hanno perso la mia valigia", "complaint"),
        ("Acme heeft mijn koffer kwijtgeraakt", "complaint"),
        ("l'app di Acme si blocca ogni volta che pago", "complaint"),
        ("de app van Acme blijft crashen", "complaint"),
        ("Acme volo in ritardo di tre ore", "complaint"),
        ("Acme vlucht twee uur vertraging", "complaint"),
        ("ik wacht al drie weken op mijn terugbetaling van Acme", "complaint"),
        ("Acme mi ha addebitato due volte", "complaint"),
        ("nessuno risponde al telefono, Acme", "complaint"),
        ("Acme waar blijft mijn pakket? al een week niks", "complaint"),
        ("Acme mai più", "complaint"),
        ("Acme nooit meer", "complaint"),
        ("Waarom geen antwoord, Acme?", "complaint"),
        # ("lo consiglio", I recommend it, is praise; negated it was praise too)
        ("Acme non lo consiglio", "complaint"),
        # a praise word before a delay again is sarcasm: the complaint regex keeps it from praise
        ("Geweldig, weer vertraging bij Acme", "complaint"),
        # a question stays one, a delay asked about too; praise is praise
        ("Acme waar blijft mijn pakket?", "question"),
        ("Acme quando arriva il mio ordine", "question"),
        ("Acme, quanto costa il bagaglio extra", "question"),
        ("Mag ik een fiets meenemen bij Acme", "question"),
        ("Is er vertraging bij Acme vandaag?", "question"),
        ("Acme geweldige service!", "praise"),
        ("Acme sempre puntuale, mai in ritardo", "praise"),
        ("Het eten van Acme is verschrikkelijk lekker", "praise"),
        ("Nooit meer zonder Acme", ""),
        ("Quando sono arrivato da Acme pioveva", ""),
        # (Dutch "prima" is fine, Italian "prima" before: not a word of praise alone)
        ("Prima vlucht met Acme gehad", ""),
        # requests and buying
        ("Acme perché non aggiungete Satispay?", "suggestion"),
        ("Waarom geen donkere modus in de Acme app?", "suggestion"),
        ("Is Acme Plus het geld waard?", "purchase-intent"),
        ("Acme of Zenith? tips?", "purchase-intent"),
        # stop 54: the same in Spanish, Portuguese, French and German ("no lo recomiendo", "não recomendo" and "nicht
        # empfehlenswert" were praise, for the words they negate)
        ("mi maleta no ha llegado, Acme", "complaint"),
        ("Acme no lo recomiendo", "complaint"),
        ("Acme minha mala não chegou", "complaint"),
        ("Acme não recomendo", "complaint"),
        ("ma valise n'est pas arrivée, Acme", "complaint"),
        ("Personne ne répond chez Acme", "complaint"),
        ("Acme nicht empfehlenswert", "complaint"),
        ("Mein Koffer ist nicht angekommen, Acme", "complaint"),
        ("Die Acme App stürzt ständig ab", "complaint"),
        ("Acme sehr empfehlenswert", "praise"),
        ("El vuelo de Acme no llegó tarde, gracias", "praise"),
        ("Lohnt sich Acme Plus?", "purchase-intent"),
    ],
)
def test_everyday_posts_in_italian_dutch_and_the_other_languages(text, intent):
    assert tagged([text], [""], ["Acme"]) == [intent]


def test_complaint_regexes_read_once_for_praised_and_other_posts_alike():
    """The complaint regexes read the unscored praised posts (to keep a sarcastic one from praise) with the posts the
    complaint rule reads after: each post's answer is the one it has alone, a skipped post's none."""
    df = pd.DataFrame(
        {
            "text": pd.Series(
                [
                    "Geweldig, weer vertraging bij Acme",
                    "Acme geweldige service!",
                    "so this is #acmefail",
                    "Acme volo in ritardo di tre ore",
                    "Acme volo in ritardo di tre ore",
                    "Acme opens a store in Leeds",
                ],
                dtype="string",
            ),
            "sentiment_label": ["", "", "negative", "", "", "neutral"],
        }
    )
    out = tag_intent(df, skip=pd.Series([False, False, False, False, True, False]))
    assert out["intent"].fillna("").tolist() == ["complaint", "praise", "complaint", "complaint", "", ""]
    assert tagged(df["text"].tolist()[:4], df["sentiment_label"].tolist()[:4]) == out["intent"].tolist()[:4]


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        # stop 54: topics their English words have ("charged twice", "no reply", "friendly staff", "still waiting")
        ("Acme mi ha addebitato due volte", ["pricing"]),
        ("Acme twee keer afgeschreven", ["pricing"]),
        ("nessuno risponde, Acme", ["customer-service"]),
        ("Acme nog steeds geen antwoord", ["customer-service"]),
        ("Acme personale gentilissimo", ["staff"]),
        ("Acme vriendelijk personeel", ["staff"]),
        ("de Acme website geeft steeds een foutmelding", ["app-website"]),
        ("Acme rivoglio i miei soldi", ["refunds"]),
        ("Acme sto ancora aspettando", ["delays"]),
        ("Acme al 40 minuten in de wacht", ["delays", "customer-service"]),
        ("Acme bestelling niet geleverd", ["shipping-delivery"]),
        ("il cibo di Acme era freddo", ["food"]),
        ("Acme vlucht geschrapt", ["cancellations"]),
        ("Acme prenotazione sparita", ["booking"]),
    ],
)
def test_more_topics_in_italian_and_dutch(text, topics):
    posts = conform(pd.DataFrame({"text": [text]}))
    out = analyze(posts, Config(brands=[Brand("Acme", ["Acme"])]))
    assert [t for t in str(out.loc[0, "topics"]).split(";") if t] == topics


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # stop 53 (leftovers): impossible not to love is praise ("Unmöglich!" made it a complaint), impossible to reach
        # support and "Unmöglich!" itself stay complaints
        ("Es ist unmöglich, Acme nicht zu lieben", "praise"),
        ("Es ist unmöglich, den Acme Support zu erreichen", "complaint"),
        ("Acme antwortet seit Tagen nicht. Unmöglich!", "complaint"),
        ("Unmöglich, Acme hat schon wieder storniert", "complaint"),
    ],
)
def test_impossible_not_to_love_is_no_complaint(text, intent):
    # (German is left unscored: its label is "")
    assert tagged([text], [""], ["Acme"]) == [intent]


def test_two_names_compared_and_asked_about_and_asking_for_a_friend():
    """Stop 54: the example post "Aerolux vs Skyway ... better seats?? asking for a friend" had no intent (its "?"
    had words after it). Read by hand: 0 compares two names and asks (purchase-intent; its question is the choice,
    left out beside it); 1 is the choice asked alone; 2 "versus" and a word of choosing before the "?"; 3 asks only
    with "asking for a friend" (no "?"); 4 compares without a "?" (none, as the labelled sample says); 5 is a fixture
    with "????" and no word of choosing (a question, no purchase); 6 an hour and a half said in minutes (complaint,
    and it asks); 7 a short wait in minutes (none)."""
    texts = [
        "Aerolux vs Skyway to Dublin: Aerolux was cheaper but Skyway had better seats?? asking for a friend 👀👀",
        "Aerolux vs Skyway?",
        "Aerolux versus Skyway for a family trip, which one would you pick?",
        "does Skyway fly to Dublin asking for a friend",
        "Aerolux vs Skyway to Atlanta: Aerolux was cheaper but Skyway had better seats lol",
        "Playing the Vikings vs Redskins over the NFC Championship rematch 49ers vs Giants tomorrow????",
        "FeastNow took 90 minutes, QuickBite took 25. not even close?? asking for a friend",
        "QuickBite took 25 minutes tonight",
    ]
    df = pd.DataFrame({"text": pd.Series(texts, dtype="string"), "sentiment_label": "neutral", "brands": "Acme"})
    out = tag_intent(df, brands_configured=True)
    assert out["intent"].fillna("").tolist() == [
        "purchase-intent",
        "purchase-intent",
        "purchase-intent",
        "question",
        "",
        "question",
        "complaint",
        "",
    ]
    assert out["intents"].fillna("").tolist()[0] == "purchase-intent"
    assert out["intents"].fillna("").tolist()[6] == "complaint;question"


def test_the_example_comparison_asking_for_a_friend_is_a_purchase_intent():
    """The post a user found untagged in examples/posts.csv, analyzed with the examples' config."""
    posts = read(ROOT / "examples" / "posts.csv").posts
    out = analyze(
        posts[posts["text"].str.startswith("Aerolux vs Skyway to Dublin")],
        load_config(ROOT / "examples" / "brandpulse.toml"),
    )
    assert out["intent"].tolist() == ["purchase-intent"]


def test_the_built_in_intents_regexes_compile_and_stay_as_read():
    """intent.toml is read once a process and its regexes are not checked in a run (0.05 s of each `analyze`): a bad
    one fails here, and a caller changing a rule's list changes no later caller's rules."""
    from brandpulse.enrich import intent

    checked = parse_intents(intent._built_in(), "built-in intents")  # (check=True: a ConfigError naming a bad one)
    rules = intent.default_intents()
    assert [(r.name, r.regex) for r in checked] == [(r.name, r.regex) for r in rules]
    complaint = next(r for r in rules if r.name == "complaint")
    assert len(complaint.regex) > 10
    complaint.regex.append("zzz never")
    complaint.keywords.clear()
    again = next(r for r in intent.default_intents() if r.name == "complaint")
    assert "zzz never" not in again.regex and again.keywords


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # stop 55: two names compared and asked with "or" were questions alone ("A or B?" asked a choice only with
        # "which", "thoughts" or "recommend" after it); labels read by hand
        ("Delta or United for a family trip?", "purchase-intent"),
        ("Skyway or Aerolux?", "purchase-intent"),
        ("Skyway or Aerolux to Dublin next month?", "purchase-intent"),
        ("Is Skyway or Aerolux better for legroom?", "purchase-intent"),
        ("Should we fly Skyway or Aerolux this summer?", "purchase-intent"),
        ("Zoom or Teams for a small team?", "purchase-intent"),
        ("British Airways or Virgin Atlantic for Christmas?", "purchase-intent"),
        ("Aerolux vs Skyway for a family trip?", "purchase-intent"),
        ("@Skyway or @Aerolux for Lisbon?", "purchase-intent"),
        # a choice of no names, or of no options to buy, or a name's status asked: a question still
        ("Window or aisle?", "question"),
        ("Is it me or is the Skyway app down?", "question"),
        ("Is Skyway or Aerolux on time today?", "question"),
        ("Does Skyway or Aerolux fly to Leeds?", "question"),
        ("Monday or Tuesday for the delivery?", "question"),
        ("Yes or No?", "question"),
        ("Reid or Pelosi? oh yes, obama", ""),  # (its author answers it)
    ],
)
def test_a_choice_of_two_names_asked_with_or_is_a_purchase_intent(text, intent):
    assert tagged([text], ["neutral"], ["Acme"]) == [intent]


def test_a_choice_asked_is_a_purchase_intent_and_its_question_is_the_choice():
    """`intents` leaves the question out beside a purchase-intent (`ASKED_AS`): the choice is what it asks."""
    df = pd.DataFrame({"text": pd.Series(["Delta or United for a family trip?"], dtype="string")})
    out = tag_intent(df.assign(sentiment_label="neutral", brands="Delta"), brands_configured=True)
    assert (out.loc[0, "intent"], out.loc[0, "intents"]) == ("purchase-intent", "purchase-intent")


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # stop 55: "adoro" (I love) is Spanish, Portuguese and Italian; "we love" and "they love" were none, and "I love
        # waiting" praise; labels read by hand
        ("Adoro la app de Acme, súper fácil", "praise"),
        ("Adoro o app da Acme, muito prático", "praise"),
        ("Adoro il servizio di Acme", "praise"),
        ("Adoramos Acme, pedimos todas las semanas", "praise"),
        ("Adoriamo Acme, sempre puntuali", "praise"),
        ("Mis hijos adoran Acme", "praise"),
        ("On adore Acme !", "praise"),
        ("Adoro esperar dos horas por mi pedido de Acme", ""),
        ("Adoro esperar duas horas pelo meu pedido da Acme", ""),
        ("Adoro aspettare due ore per il volo Acme", ""),
        # a fault after it: a complaint, in each language (Portugal's "perderam a minha mala" was none, so praise)
        ("Adoro Acme pero perdieron mi maleta", "complaint"),
        ("Adoro Acme, mas perderam a minha mala", "complaint"),
        ("Adoro Acme ma hanno perso la mia valigia", "complaint"),
    ],
)
def test_adoro_and_its_persons_are_praise_in_each_romance_language(text, intent):
    # (left unscored by the English analyzers: label "")
    assert tagged([text], [""], ["Acme"]) == [intent]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # stop 55: a Dutch verb before its subject asks, without a "?" too; labels read by hand
        ("Werkt de app van Acme weer", "question"),
        ("Hoi, werkt de app van Acme weer", "question"),
        ("Is de vlucht van Acme naar Amsterdam op tijd", "question"),
        ("Zijn jullie open op zondag", "question"),
        ("Vliegt Acme ook naar Lissabon", "question"),
        ("Klopt het dat Acme niet meer naar Rome vliegt", "question"),
        ("Wordt mijn pakket vandaag nog bezorgd", "question"),
        ("Komt mijn bestelling nog", "question"),
        ("Krijg ik mijn geld terug van Acme", "question"),
        ("Bent u bereikbaar op zondag", "question"),
        ("Werkt de app weer?", "question"),
        # a subject left out ("[ik] kan ...", "[we] hebben ..."), a verb second, a superlative: no question
        ("Kan de app niet openen, Acme", ""),
        ("Hebben de hele avond gewacht op Acme", ""),
        ("Heb mijn geld nog steeds niet terug van Acme", "complaint"),
        ("Nu werkt de app weer", ""),
        ("Vandaag is de vlucht van Acme op tijd", ""),
        ("Is de beste app ooit, Acme", "praise"),
        # openers that ask nothing, as "can I just say"
        ("Kan ik even zeggen dat Acme geweldig is", "praise"),
    ],
)
def test_a_dutch_verb_before_its_subject_asks_without_a_question_mark(text, intent):
    # (left unscored by the English analyzers: label "")
    assert tagged([text], [""], ["Acme"]) == [intent]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # stop 55: "amo", "amamos" (I love, we love) opening a sentence or before an article or a name; labels by hand
        ("Amo Acme, pido todas las semanas", "praise"),
        ("Eu amo a Acme, peço toda semana", "praise"),
        ("Amo la app de Acme, rapidísima", "praise"),
        ("Amamos Acme, siempre puntual", "praise"),
        ("Io amo Acme, consegna sempre puntuale", "praise"),
        ("Amo pedir en Acme los viernes", "praise"),
        ("Acme, te amo. Pedido en 15 minutos", "praise"),
        # the noun: a master, an owner (Spanish, Portuguese), a fish hook (Italian): no praise
        ("El amo de Acme nos ignora", ""),
        ("Ho abboccato all'amo di Acme: sconto finto", ""),
        ("Ho perso l'amo la settimana scorsa, ordinato su Acme", ""),
        ("Un amo Mustad comprato su Acme, arrivato in tempo", ""),
        ("Amo da pesca arrivato rotto, Acme", ""),
        ("Amo de casa y cliente de Acme desde 2020", ""),
        ("Amo y señor del reparto de Acme", ""),
        # stop 56: after an object pronoun (I love it, her, them), as "te amo" is: were none
        ("Acme, lo amo", "praise"),
        ("Il nuovo menu di Acme lo amo", "praise"),
        ("Yo la amo, Acme", "praise"),
        ("Li amo, Acme sempre puntuale", "praise"),
        # a fault after it: a complaint
        ("Amo Acme, pero el pedido llegó frío", "complaint"),
    ],
)
def test_amo_is_praise_as_the_verb_alone(text, intent):
    # (left unscored by the English analyzers: label "")
    assert tagged([text], [""], ["Acme"]) == [intent]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # stop 55: a Dutch verb first, then ", dan": a condition (if ..., then ...), not a question; labels by hand
        ("Werkt de app van Acme niet, dan bel ik de klantenservice", ""),
        ("Is de vlucht van Acme vertraagd, dan neem ik de trein", ""),
        ("Werkt de app van Acme niet? Dan bel ik de klantenservice", "question"),  # (its "?" asks)
        # an adverb before "kan ik": the verb second, a statement ("QuickBite kan ik ..." still asks)
        ("Gelukkig kan ik weer inloggen bij Acme", ""),
        ("Nu mag ik weer vliegen met Acme", ""),
        ("Acme kan ik mijn bestelling nog wijzigen", "question"),
        ("Kan ik mijn bestelling bij Acme nog wijzigen", "question"),
    ],
)
def test_a_dutch_condition_and_a_verb_second_ask_nothing(text, intent):
    assert tagged([text], [""], ["Acme"]) == [intent]


@pytest.mark.parametrize(
    ("text", "label", "intent"),
    [
        # stop 56: hashtags closing a question after its "?" name its topic, as cx reads them: the question waits for an
        # answer (it was a complaint for the keyword "delayed", and `queue` drops a complaint aimed at another brand,
        # never a question); labels by hand
        ("does anyone know if my flight is still on? #delayed", "neutral", "question"),
        ("any update on the 8:15? #delayed #travel", "neutral", "question"),
        # a verdict's tag judges, and so do the tags before it; the word said in the question or in a statement counts
        ("does anyone know if my flight is still on? #delayed #fail", "neutral", "complaint"),
        ("does anyone know if my flight is still on? #ridiculous", "neutral", "complaint"),
        ("why is my flight delayed again? #delayed", "neutral", "complaint"),
        ("stuck at the gate for 3 hours #delayed", "neutral", "complaint"),
        ("is my flight #delayed?", "neutral", "complaint"),
        # and a praise word's tag after a question is no praise
        ("is the new lounge open yet? #amazing", "positive", "question"),
    ],
)
def test_hashtags_closing_a_question_name_its_topic(text, label, intent):
    assert tagged([text], [label]) == [intent]


def test_a_question_closing_on_tags_keeps_its_intents_alone():
    df = pd.DataFrame({"text": pd.Series(["does anyone know if my flight is still on? #delayed"], dtype="string")})
    out = tag_intent(df.assign(sentiment_label="neutral"))
    assert out.loc[0, "intents"] == "question"  # (was "complaint;question")


@pytest.mark.parametrize(
    ("text", "intents"),
    [
        # a laugh or an emoji between the "?" and the tags is no word of the question's own: the tags still name its
        # topic (stop 56: "complaint;question" for the first, by "delayed"); intents by hand
        ("anyone flying Acme tomorrow, any experiences? lol #delayed", "question"),
        ("is my 8:15 still going? hahaha #delayed #travel", "question"),
        ("is my 8:15 still going? 😅 #delayed", "question"),
        # a verdict's tag after the laugh still judges, and a word said in the question still counts
        ("is my 8:15 still going? lol #delayed #fail", "complaint;question"),
        ("why is my flight delayed again? lol #delayed", "complaint;question"),
        # a word that is no laugh keeps the tags as they are
        ("is my 8:15 still going? idk #delayed", "complaint;question"),
    ],
)
def test_a_laugh_between_a_question_and_its_tags(text, intents):
    df = pd.DataFrame({"text": pd.Series([text], dtype="string"), "sentiment_label": ["neutral"]})
    assert tag_intent(df).loc[0, "intents"] == intents


@pytest.mark.parametrize(
    ("text", "label", "intent"),
    [
        # stop 56: English posts written for intents the samples hold few of; labels and intents read by hand
        ("any chance you could add a vegan box, Acme?", "neutral", "suggestion"),
        ("Acme is there any chance you'd add Apple Pay?", "neutral", "suggestion"),  # ("you'd": was a question)
        ("Would you ever consider adding a kids menu, Acme?", "neutral", "suggestion"),
        (
            "any chance you'd make the Acme app work for once?",
            "neutral",
            "complaint",
        ),  # (a complaint asked, as "you'll")
        ("where can I buy an Acme gift card?", "positive", "purchase-intent"),
        ("where do I buy Acme vouchers?", "neutral", "purchase-intent"),  # (was a question)
        ("is Acme premium economy worth it?", "positive", "purchase-intent"),
        ("thinking about trying Acme, is it any good?", "positive", "purchase-intent"),  # (was a question)
        ("thinking about trying to get a refund from Acme", "neutral", "complaint"),
        ("not bad at all Acme, landed early and bags came fast", "positive", "praise"),  # (was none)
        ("honestly not bad at all, Acme. will order again", "positive", "praise"),
        ("Acme never disappoints, 5th order this month", "positive", "praise"),
        ("why is my refund taking 3 weeks, Acme?", "neutral", "complaint"),
        ("why is my Acme order still not here after an hour?", "neutral", "complaint"),  # (was a question)
        ("my Acme parcel still hasn't arrived", "neutral", "complaint"),
    ],
)
def test_english_requests_buying_litotes_and_complaints_asked(text, label, intent):
    assert tagged([text], [label], ["Acme"]) == [intent]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # stop 56: everyday Italian and Dutch posts the rules missed, new ones written to check each rule (not the
        # benchmark's own rows); labels by hand
        ("Acme non sbaglia mai, consegna perfetta", "praise"),
        ("Acme stelt nooit teleur, weer op tijd", "praise"),
        ("Cena Acme arrivata ancora calda in 25 minuti", "praise"),
        ("Soep van Acme kwam nog warm aan", "praise"),
        ("Vorrei regalare un buono Acme, dove lo compro?", "purchase-intent"),
        ("Waar koop ik een Acme cadeaubon", "purchase-intent"),
        ("Valigia danneggiata sul volo Acme, nessuno risponde", "complaint"),
        ("Mijn koffer is beschadigd aangekomen met Acme", "complaint"),
        ("Koffer niet beschadigd, alles prima met Acme", "praise"),  # (its negation)
        ("Panino Acme arrivato freddo e schiacciato", "complaint"),
        ("Pizza di Acme gelida anche stasera", "complaint"),
        ("De friet van Acme was weer lauw", "complaint"),
        ("Acme heeft de saus alweer vergeten", "complaint"),
        ("Ik ben vergeten te bestellen bij Acme", ""),  # (the author's own forgetting)
        ("Acme hanno dimenticato le bibite nell'ordine", "complaint"),
        ("Treno Acme cancellato all'ultimo momento", "complaint"),
        ("Vlucht van Acme op het laatste moment geannuleerd", "complaint"),
        ("Acme, bied meer vegetarische gerechten aan", "suggestion"),
        ("Acme mettete più voli per Bari d'estate", "suggestion"),
        ("Ik zet meer geld in op Acme-aandelen", ""),  # (a statement of the first person)
        ("Insalata di pasta fredda di Acme buonissima", "praise"),  # (a dish served cold)
    ],
)
def test_italian_and_dutch_litotes_buying_damage_cold_food_and_requests(text, intent):
    # (left unscored by the English analyzers: label "")
    assert tagged([text], [""], ["Acme"]) == [intent]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # stop 56: a yes-or-no asked by "o no" / "of niet" closing the post without its "?"; labels by hand
        ("Acme a Pasqua consegna o no", "question"),
        ("Ma il volo Acme delle 8 parte o no", "question"),
        ("Bezorgen jullie op zondag of niet", "question"),
        ("Acme vliegt nog naar Faro of niet", "question"),
        ("Che ti piaccia o no, Acme è la più economica", ""),  # (like it or not: no verb of service)
        ("Acme consegna sempre, che piova o no, grazie", "praise"),  # (not closing the post)
    ],
)
def test_o_no_and_of_niet_closing_a_post_ask(text, intent):
    # (left unscored by the English analyzers: label "")
    assert tagged([text], [""], ["Acme"]) == [intent]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # stop 56: "top" as a verdict of its own closing the post; labels by hand
        ("Pakket van Acme binnen een dag in huis, top!", "praise"),
        ("Volo Acme in orario e bagagli subito. Top", "praise"),
        ("Acme staat weer in de top", ""),
        ("Acme top 10 bestemmingen van 2026", ""),
        ("Acme is weer de helft van mijn bestelling vergeten, top", "complaint"),  # (a fault said with it)
    ],
)
def test_top_closing_a_post_is_praise(text, intent):
    # (left unscored by the English analyzers: label "")
    assert tagged([text], [""], ["Acme"]) == [intent]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # stop 56: thanks after what a stranded traveller is owed and did not get is sarcasm, in each language the
        # thanks words are read in (the Dutch one was praise); thanks after bad things said to be absent is praise
        ("Vlucht geschrapt, geen hotel, geen eten. Bedankt Acme", "complaint"),
        ("Volo cancellato, niente hotel, niente cibo. Grazie Acme", "complaint"),
        ("Vuelo cancelado, sin hotel, sin comida. Gracias Acme", "complaint"),
        ("Voo cancelado, sem hotel, sem comida. Obrigado Acme", "complaint"),
        ("Vol annulé, pas d'hôtel, pas de repas. Merci Acme", "complaint"),
        ("Flug gestrichen, kein Hotel, kein Essen. Danke Acme", "complaint"),
        ("Geen gedoe, geen wachtrij. Bedankt Acme!", "praise"),
        ("Niente code, niente stress. Grazie Acme", "praise"),
        ("Sin colas, sin estrés. Gracias Acme", "praise"),
        ("Kein Stress, keine Warteschlange. Danke Acme!", "praise"),
        # "grazie a te" / "a voi" said alone thanks; before a clause it is "thanks to" ("grazie a" was excluded whole)
        ("Grazie a te, Acme!", "praise"),
        ("grazie a voi", "praise"),
        ("Grazie a tutto lo staff di Acme per la pazienza", "praise"),
        ("grazie a voi ho perso la coincidenza, Acme", ""),
    ],
)
def test_thanks_after_what_was_not_given_and_grazie_a_te(text, intent):
    # (left unscored by the English analyzers: label "")
    assert tagged([text], [""], ["Acme"]) == [intent]


def test_thanks_after_a_cancelled_flight_with_no_hotel_in_english():
    # the English analyzers read it (labels by hand): the words owed and missing make it a complaint, whatever its label
    texts = ["Flight cancelled, no hotel, no food. Thanks Acme", "no fuss, no queue. Thanks Acme!"]
    assert tagged(texts, ["neutral", "positive"], ["Acme", "Acme"]) == ["complaint", "praise"]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # stop 56: Spanish, Portuguese, French and German posts written to check each intent (left unscored: their
        # words alone tell); intents by hand. The ones that were none:
        ("Acme me perdió la maleta en Madrid, qué desastre", "complaint"),
        ("Paguei duas vezes pelo mesmo bilhete da Acme, quero meu dinheiro", "complaint"),
        ("Encore un retard de trois heures avec Acme, c'est n'importe quoi", "complaint"),
        ("Acme hat meinen Flug gestrichen und keiner ruft zurück", "complaint"),
        ("Vuelo con Acme, todo muy bien organizado", "praise"),
        ("Toller Service bei Acme, gerne wieder", "praise"),
        ("A Acme podia oferecer mais opções vegetarianas a bordo", "suggestion"),
        ("Acme devrait proposer des repas végétariens", "suggestion"),
        ("Acme sollte mehr vegetarische Gerichte anbieten", "suggestion"),
        # ... and what they must leave alone: the author's own loss, a delivery that should come, "anything"
        ("Se me perdió el pasaporte en el aeropuerto de Acme", ""),
        ("Le colis Acme devrait arriver demain", ""),
        ("Das Acme Paket sollte morgen ankommen", ""),
        ("Chez Acme je mange n'importe quoi", ""),
        # and ones they read already
        ("¿Alguien sabe si Acme permite llevar bicicleta?", "question"),
        ("Atendimento da Acme foi nota 10, muito obrigado", "praise"),
        ("Ce serait top si Acme ajoutait le wifi à bord", "suggestion"),
        ("Lohnt es sich, das Acme Premium Ticket zu kaufen?", "purchase-intent"),
        ("Acme abriu uma nova rota para Lisboa", ""),
        # a second set written the same way, of which these were wrong
        ("Tres horas esperando en la puerta y Acme sin decir nada", "complaint"),
        ("La app de Acme no me deja hacer el check-in, qué vergüenza", "complaint"),
        ("Acme podría añadir más asientos con espacio para las piernas", "suggestion"),
        ("Minha mala chegou rasgada, obrigado Acme", "complaint"),
        ("Alguém recomenda a Acme ou a Zenair para ir a Roma?", "purchase-intent"),
        ("Impossible de joindre le service client de Acme depuis une semaine", "complaint"),
        ("Acme ou Zenair pour Lisbonne, vous conseillez lequel ?", "purchase-intent"),
        ("Mein Koffer ist beschädigt angekommen, Acme reagiert nicht", "complaint"),
        ("Mein Koffer ist unbeschädigt angekommen, danke Acme", "praise"),
        ("Seit zwei Wochen warte ich auf die Erstattung von Acme", "complaint"),
        ("Acme oder Zenair nach Rom, was würdet ihr empfehlen?", "purchase-intent"),
        # and of a third
        ("Die Acme App stürzt beim Bezahlen immer ab, nervig", "complaint"),
        ("Super Flug mit Acme, sehr freundliches Personal", "praise"),
        ("Ich will Acme Flüge für Dezember buchen, wo ist es am günstigsten?", "purchase-intent"),
        ("Ich will nie wieder bei Acme buchen", "complaint"),
    ],
)
def test_spanish_portuguese_french_and_german_posts_of_each_intent(text, intent):
    assert tagged([text], [""], ["Acme"]) == [intent]


def test_a_few_texts_searched_again_get_python_re_answers_without_re2(monkeypatch):
    """A search of a few texts for a pattern asked before is Python's re alone (RE2 compiled the rules' patterns again
    at every call: 11 ms of CPU of each `analyze` of 2 posts), with re's answers where the engines differ: `$` before a
    final newline, `\\w` beyond ASCII, `İ` for `i` (RE2 finds none of the three)."""
    from brandpulse.enrich import matching

    texts = pd.Series(["so late\n", "café ok", "İade please", "late again"], dtype="string")
    patterns = [r"late$", r"caf\w\b", "iade"]
    expected = [[True, False, False, False], [False, True, False, False], [False, False, True, False]]
    first = [matching.RegexSearch(texts).hits(p).tolist() for p in patterns]
    some = np.array([True, True, False, False])
    first_any = matching.RegexSearch(texts).hits_any(patterns, some).tolist()

    def no_re2(*args, **kwargs):
        raise AssertionError("searched in RE2 again")

    monkeypatch.setattr(matching.pc, "match_substring_regex", no_re2)
    again = [matching.RegexSearch(texts).hits(p).tolist() for p in patterns]
    assert first == again == expected
    assert first_any == matching.RegexSearch(texts).hits_any(patterns, some).tolist() == [True, True, False, False]


def test_the_re2_pass_finds_every_question_python_reads_as_closing_on_tags():
    """`_asked_with_tags` runs in RE2 (ASCII `\\w`, `\\s`) and picks the posts `_without_topic_tags` reads in Python's
    re: it may pick more, never fewer. A non-ASCII space between or after the tags ("#a \\u00a0#b") is Python's `\\s`
    and no RE2 one; a letter beyond ASCII in the filler is no Python filler (labels by hand)."""
    from brandpulse.enrich.intent import _CLOSING_TAGS, _asked_with_tags

    texts = ["still on? #delayed", "ok? lol #a #b", "x? #a \u00a0#b", "x? #tag \u00a0", "x? #a\u2003", "no tags?"]
    texts += ["#a?"]
    python = [bool(_CLOSING_TAGS.search(t)) for t in texts]
    assert python == [True, True, True, True, True, False, False]
    assert _asked_with_tags(pd.Series(texts, dtype="string[pyarrow]")).tolist() == python


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # stop 57: German "nervig" (annoying) and Portuguese "danificado" (damaged) said of nothing, negated, or of
        # what may come (a shop's promise: "if it arrives damaged, we replace it") are no complaint; intents by hand
        ("Die Acme App ist gar nicht nervig, super", ""),
        ("Werbung in der Acme App? Nicht nervig, nur zwei Sekunden", ""),
        ("Acme: Se a encomenda chegar danificada, trocamos sem custo", ""),
        ("Caso o produto chegue danificado, a Acme devolve o dinheiro", ""),
        ("Acme entregou tudo certinho, nada danificado", ""),
        ("Nenhum item danificado, obrigado Acme", "praise"),
        # ... and still complaints when said of what came
        ("Die Acme App stürzt beim Bezahlen immer ab, nervig", "complaint"),
        ("A caixa da Acme veio danificada", "complaint"),
        ("Meu pedido da Acme chegou danificado", "complaint"),
    ],
)
def test_nervig_and_danificado_negated_or_conditional_are_no_complaint(text, intent):
    assert tagged([text], [""], ["Acme"]) == [intent]


def tagged_among_brands(texts, labels):
    """`tagged` as `analyze` reads posts of a config with brands: these name none, so no label alone marks them."""
    df = pd.DataFrame({"text": pd.Series(texts, dtype="string"), "sentiment_label": labels, "brands": ""})
    return tag_intent(df, brands_configured=True)["intent"].fillna("").tolist()


@pytest.mark.parametrize(
    ("text", "label", "intent"),
    [
        # stop 57: misses of the labelled sample's general patterns (intents and labels by hand). A "why" of
        # exasperation is a complaint, or praise, never a question to answer
        ("Why in God's name would CNN have her on tomorrow? There's no one else?", "negative", "complaint"),
        ("why on earth is my parcel in Leeds?", "neutral", "complaint"),
        ("why on earth did I wait so long to try this place?! love it", "positive", "praise"),
        ("why is my parcel in Leeds?", "neutral", "question"),
        # "you make me angry" said to one, "makes me so mad" of one; not "people make me sick", of no one's service
        ("Fox Chicago, you make me angry. Playing the Vikings over the rematch tomorrow????", "negative", "complaint"),
        ("the new app makes me so mad", "neutral", "complaint"),
        ("People today make me sick #londonriots", "negative", ""),
        # questions without their "?" or with words after it
        (
            "@user Your sim is active, may we know the response you are getting, kindly insert the sim",
            "positive",
            "question",
        ),
        (
            "running GNR on Sunday, anyone got suggestions for good running songs. Need to update the iPod.",
            "positive",
            "question",
        ),
        (
            "So .... Who's up for seeing Ant-Man with me on Saturday? 2:30pm showing. Let me know!",
            "neutral",
            "question",
        ),
        ("anyone up for a drink later", "neutral", "question"),
        ("the house is up for sale", "neutral", ""),
        ("I may know someone there", "neutral", ""),
    ],
)
def test_exasperated_whys_anger_and_questions_without_their_mark(text, label, intent):
    assert tagged_among_brands([text], [label]) == [intent]


@pytest.mark.parametrize(
    ("text", "label", "intent"),
    [
        # stop 57: a request of sarcasm (the suggestion rule's exclude_regex leaves it out) is a complaint when its
        # label lets the complaint rule read it; labels and intents by hand. These were none
        ("Would be great if my box showed up for once", "neutral", "complaint"),
        ("it would be great if customer service answered emails", "neutral", "complaint"),
        ("box came late. would have been nice to know before dinner time", "neutral", "complaint"),
        ("Maybe you should hire drivers who can find my house", "neutral", "complaint"),
        ("how about you answer my emails before sending promos", "neutral", "complaint"),
        # ... and ideas stay ideas, advice none
        ("it would be great if the app came in dark mode", "neutral", "suggestion"),
        ("would be nice to have a pause button", "neutral", "suggestion"),
        ("maybe you should try the new risotto", "positive", ""),
    ],
)
def test_a_request_of_sarcasm_is_a_complaint(text, label, intent):
    assert tagged_among_brands([text], [label]) == [intent]


@pytest.mark.parametrize(
    ("text", "label", "intent"),
    [
        # stop 57: dullness and price as a verdict are complaints (labels and intents by hand); these were none
        ("A Thursday night with no Waterloo road on! #boring", "negative", "complaint"),
        ("menu is boring, same stuff every week", "neutral", "complaint"),
        ("The portions are tiny for the price", "neutral", "complaint"),
        ("pricey for what it is", "neutral", "complaint"),
        ("recipes are too complicated for a weeknight", "neutral", "complaint"),
        ("it's way too salty", "neutral", "complaint"),
        # ... not negated, asked, or of the author
        ("the show was not boring at all", "neutral", ""),
        ("is it too expensive for a family?", "neutral", "question"),
        ("you're too sweet, thank you", "positive", "praise"),
        ("I'm too tired to cook tonight", "neutral", ""),
    ],
)
def test_dullness_and_price_as_a_verdict_are_complaints(text, label, intent):
    assert tagged_among_brands([text], [label]) == [intent]


@pytest.mark.parametrize(
    ("text", "label", "intent"),
    [
        # stop 57: "late" of a decade, a season, a meal or a perk is no complaint (labels and intents by hand)
        ("New Star Wars out tomorrow. We're back in the late 70s & early 80s again! #excited", "negative", ""),
        ("got a late checkout for free", "neutral", ""),
        ("we had a late lunch at the lounge", "neutral", ""),
        # ... a delivery or a flight late still is, and a time of day too
        ("late lunch because the flight was late", "neutral", "complaint"),
        ("delivery came late afternoon instead of the morning slot", "neutral", "complaint"),
    ],
)
def test_late_of_a_decade_a_season_or_a_perk_is_no_complaint(text, label, intent):
    assert tagged_among_brands([text], [label]) == [intent]


@pytest.mark.parametrize(
    ("text", "label", "intent"),
    [
        # stop 57: a request of sarcasm read as positive (for its "love", "great") is no praise; labels and intents by
        # hand: the first two were praise
        ("I'd love it if my box wasn't crushed every single week", "positive", ""),
        ("It would be great if the food wasn't rotten", "positive", ""),
        # ... a request and praise as they were
        ("I'd love it if you added a vegan box, love the app", "positive", "suggestion"),
        ("Love the box, it was perfect", "positive", "praise"),
    ],
)
def test_a_request_of_sarcasm_is_no_praise(text, label, intent):
    assert tagged_among_brands([text], [label]) == [intent]
