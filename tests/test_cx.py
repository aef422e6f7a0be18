"""The customer-talk analyzer: its rules on hand-made posts, and its measured edge on held-out data."""

import dataclasses
import functools
import re
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import tweeteval
from hypothesis import example, given, settings
from hypothesis import strategies as st

import brandpulse.enrich.cx as cx_module
from brandpulse.config import Config
from brandpulse.enrich.cx import CxAnalyzer, calibrate, load_lexicon
from brandpulse.enrich.sentiment import VaderAnalyzer, get_analyzer, label
from brandpulse.enrich.text import _carried
from brandpulse.errors import ConfigError
from brandpulse.evaluate import score_labels


@pytest.fixture(scope="module")
def cx():
    return CxAnalyzer()


@pytest.fixture(scope="module")
def cx_reference():
    """The reference path (`--sentiment cx-reference`), made once: each took 0.2 s to build, once per example drawn."""
    return CxAnalyzer(reference=True)


def polarity(cx, text):
    return cx.score([text])[0][0]


def assert_sign(cx, reference, text, sign):
    """`text`'s label is `sign` (1 positive, -1 negative, 0 neutral: the ±0.05 band), the reference path agreeing."""
    score = float(polarity(cx, text))
    assert (score > 0.05) - (score < -0.05) == sign, cx.explain([text])
    assert reference.score([text])[0][0] == score


def assert_exact_sign(cx, reference, text, sign):
    """As `assert_sign`, but neutral is exactly 0 (no lean inside the band), on both paths, and the batch path scores
    `text` the same beside another text."""
    for analyzer in (cx, reference):
        score = float(polarity(analyzer, text))
        assert (score == 0.0) if sign == 0 else (score * sign > 0.05), analyzer.explain([text])
    assert cx.score(["ok", text])[0][1] == reference.score([text])[0][0]


def test_lexicon_is_versioned():
    lex = load_lexicon()
    # the built-in file as TOML says it: version = "1.28", "still on hold" = -2.2 under [phrases]
    with open(Path(cx_module.__file__).with_name("cx_lexicon.toml"), "rb") as f:
        data = tomllib.load(f)
    assert lex.version == data["version"] == "1.28"
    assert lex.phrases["still on hold"] == data["phrases"]["still on hold"] == -2.2


def test_events_without_sentiment_words_are_negative(cx):
    vader = VaderAnalyzer()
    for text in ("still on hold with the airline", "my bag never arrived", "the app keeps crashing"):
        assert vader.score([text])[0][0] == 0  # VADER sees nothing here
        assert polarity(cx, text) < -0.05, text


def test_sarcasm_next_to_an_event_is_negative(cx):
    assert VaderAnalyzer().score(["great, another delay"])[0][0] > 0  # VADER reads praise
    assert polarity(cx, "great, another delay") < -0.05
    assert "sarcasm" in cx.explain(["great, another delay"])[0]
    assert polarity(cx, "great flight, thank you") > 0.05  # no event: praise stays praise


@pytest.mark.parametrize("space", [" ", "  ", "\t", "\r", "\x0b", "\x1f", "\xa0"])
def test_an_opener_of_several_words_takes_any_whitespace(cx, space, cx_reference):
    """ "so glad" opens sarcasm with a tab, a carriage return or two spaces between its words too, as in
    the reference, which reads the words, not the spaces (they once made the post plain VADER's). (A line break
    ends a sentence since stop 38: `test_a_line_break_ends_a_sentence`.)"""
    text = f"so{space}glad my flight got delayed again"
    assert polarity(cx, text) == cx_reference.score([text])[0][0] < -0.05
    assert "rules: sarcasm" in cx.explain([text])[0]


@pytest.mark.parametrize("space", ["\x0b", "\x1c", "\x1f", "\xa0", "\u3000"])
def test_every_whitespace_is_whitespace_to_the_batch(cx, space, cx_reference):
    """Python's \\s (and the reference) takes these for whitespace, RE2's does not: the batch's
    prefilters missed the phrase in "still<VT>on<VT>hold" (0 against -0.47) and the sentence end in
    "not bad.<VT>good" (the negation reached "good")."""
    reference = cx_reference
    texts = [f"still{space}on{space}hold", f"not bad.{space}good"]
    assert cx.score(texts)[0].tolist() == reference.score(texts)[0].tolist()
    assert cx.score(texts)[0].tolist() == cx.score(["still on hold", "not bad. good"])[0].tolist()


def test_negated_event_is_not_negative(cx):
    assert polarity(cx, "not delayed at all today") > 0


def test_like_counts_only_as_a_verb(cx):
    assert polarity(cx, "i really like their new app") > 0.05
    assert polarity(cx, "I don't like the new seats") < -0.05  # 1.0 scored this 0: "like" was out of the lexicon
    assert polarity(cx, "looks like the app is down again") < 0  # the comparison "like" adds nothing positive
    assert polarity(cx, "looks like rain") == 0


@pytest.mark.parametrize(
    "text, sign",
    [
        ("i particularly like the new app", 1),  # stop 45: these three were 0, the comparison "like"
        ("You'll like the new app", 1),
        ("she doesn't like the new app", -1),
        ("the food was top notch", 1),  # and "top" (0) in its idiom of quality
        ("the food was top-notch", 1),
    ],
)
def test_like_as_a_verb_and_top_notch_count(cx, text, sign):
    """Sign accuracy on the tuning reviews lost to VADER where cx read "i particularly like the way it aids me" and
    "the reception and sound quality are top-notch" as 0; the request and the position stay 0."""
    assert polarity(cx, text) * sign > 0.3
    for neutral in ("I would like a refund", "I'd like to change my seat", "the button at the top of the screen"):
        assert polarity(cx, neutral) == 0, neutral


def test_customer_events_of_lexicon_1_2(cx):
    vader = VaderAnalyzer()
    for text in (
        "5 hours on the tarmac and thanks for nothing",
        "the driver was 40 minutes late again",
        "the cabin was filthy",
        "day 3 without my luggage, not one update",
        "the noodles were soggy and clearly old",  # "clearly" no longer outweighs "soggy"
        "got someone else's order again #FeastNowFail",  # the hashtag's verdict is split off
        "two hours on the tarmac #AirlineSucks",
    ):
        assert vader.score([text])[0][0] >= 0, text  # VADER reads praise or nothing
        assert polarity(cx, text) < -0.05, text
    sarcastic = "nothing says relaxing holiday like an airline losing your luggage. thanks so much"
    assert "rules: sarcasm" in cx.explain([sarcastic])[0]  # "nothing says" opens, the lost luggage is the event
    assert polarity(cx, sarcastic) < -0.05
    assert vader.score(["my refund came in two days, no fuss"])[0][0] < 0  # VADER counts the "no"
    assert polarity(cx, "my refund came in two days, no fuss") > 0.05


def test_leaving_a_brand_and_plain_travel_news_of_lexicon_1_3(cx):
    vader = VaderAnalyzer()
    for text in ("never flying Skyway again", "never ordering from QuickBite again", "they still can't find my bag"):
        assert vader.score([text])[0][0] == 0, text  # "never again" cannot reach across the name
        assert polarity(cx, text) < -0.05, text
    assert polarity(cx, "the flight was on time") > 0.05
    assert polarity(cx, "the flight was not on time") < -0.05  # VADER's negation applies to the phrase
    assert polarity(cx, "Aerolux was cheaper") > 0.05
    assert vader.score(["which has better legroom, the A321 or the 737?"])[0][0] > 0.05  # "better"
    assert polarity(cx, "which has better legroom, the A321 or the 737?") == 0


def test_a_hashtag_the_lexicon_knows_whole_stays_whole(cx):
    assert cx.explain(["#epicfail"])[0] == "epicfail -2.60 (cx) | score -0.533"  # not "epic" + "fail"
    assert cx.explain(["#failure"])[0] == cx.explain(["failure"])[0]  # no verdict at its end
    # non-ASCII hashtags too. "Fail" -1.8 alone: VADER's compound -1.8 / sqrt(1.8² + 15) rounded, -0.4215,
    # calibrated (dead zone 0.1) to -(0.05 + 0.3215 / 0.9 * 0.95) = -0.38936; "Sucks" -1.5: -0.3612 -> -0.32571
    assert cx.score(["#ÜberFail", "#NaïveSucks"])[0] == pytest.approx([-0.389361, -0.325711], abs=1e-6)


def test_courtesy_and_department_names_carry_no_sentiment(cx):
    for text in (
        "does anyone know if the Dallas lounge is open on Sundays? thanks in advance",
        "which is better for long flights, the A321 or the 737?",
        "opened a support ticket on Monday",
    ):
        assert VaderAnalyzer().score([text])[0][0] > 0.05, text  # "thanks", "better", "support"
        assert polarity(cx, text) == 0, text
    assert polarity(cx, "honestly the seat was broken") < -0.05  # "honestly" no longer outweighs "broken"


def test_cx_reads_the_example_posts_better_than_vader(cx):
    from example_accuracy import labelled_examples

    df = labelled_examples()
    gold = df["sentiment"].to_numpy(object)
    f1 = {}
    for name, analyzer in (("cx", cx), ("vader", VaderAnalyzer())):
        pred = label(pd.Series(analyzer.score(df["text"].tolist())[0])).fillna("neutral").to_numpy(object)
        f1[name] = score_labels(gold, pred).macro_f1
    # measured: cx 0.786 (0.647 with lexicon 1.1), vader 0.532 (benchmarks/example_accuracy.py)
    assert f1["cx"] > 0.75
    assert f1["cx"] > f1["vader"] + 0.2


def test_typographic_apostrophes_read_as_ascii(cx):
    """Phones type "don’t": negations and phrases must know it as "don't" (matching.py folds it too)."""
    texts = [
        "the crew wasn't helpful",
        "I don't like the new seats",
        "the app doesn't work",
        "where's my order?",
        "I can't wait, it's great",
    ]
    assert VaderAnalyzer().score(["the crew wasn’t helpful"])[0][0] > 0.05  # VADER misses the negation
    for apostrophe in "\u2019\u2018\u02bc":
        typed = [t.replace("'", apostrophe) for t in texts]
        assert np.array_equal(cx.score(typed)[0], cx.score(texts)[0]), apostrophe
        assert cx.explain(typed) == cx.explain(texts)
    assert polarity(cx, "the crew wasn’t helpful") < -0.05


def test_contrast_weighs_the_clause_after_but(cx):
    assert polarity(cx, "the seats were nice but the crew was rude") < 0
    assert polarity(cx, "the crew was rude but the seats were really nice") > 0


@pytest.mark.parametrize(
    "text",
    [
        "The staff were helpful, even though the flight was delayed",
        "The staff were really helpful, though the flight was delayed",
        "The gate agents were friendly, even though our flight was cancelled",
    ],
)
def test_though_is_no_contrast(cx, text):
    """A clause after "though" is a concession, not the verdict "but" brings: weighing it 1.5x and the words before
    0.5x made these complaints (-0.30, -0.27, -0.35 in lexicon 1.16; stop 45). VADER's own sum decides."""
    assert polarity(cx, text) > 0
    assert "contrast" not in cx.explain([text])[0]
    assert polarity(cx, text.replace("though", "but").replace("even but", "but")) < 0  # "but" still turns it


def test_pure_question_is_neutral(cx):
    text = "What time does the Chicago store open?"
    assert label(pd.Series([polarity(cx, text)]))[0] == "neutral"


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("does anyone know if Skyway lets you gate-check a stroller?. thanks in advance #delayed", 0),
        ("does anyone know? #delayed #skyway", 0),
        ("is my flight delayed?", -1),  # asked about one's own event: not damped
        ("is my flight delayed? #delayed", -1),
        ("is my flight #delayed?", -1),  # a hashtag inside the question is one of its words
        ("flight delayed 3 hours #delayed", -1),  # no question
        ("#delayed again?! unbelievable", -1),
        ("does anyone know? #delayed #fail", -1),  # a verdict's tag judges: no topic
    ],
)
def test_an_events_hashtag_closing_a_question_is_its_topic(cx, cx_reference, text, sign):
    """The example report's top "most negative" post was a neutral question, -0.35: its closing "#delayed" read as
    the event "delayed" (-1.6), and a question about an event is not damped. Closing tags name a topic (stop 50)."""
    (assert_exact_sign if sign == 0 else assert_sign)(cx, cx_reference, text, sign)


def test_emoji_carry_sentiment(cx):
    assert polarity(cx, "my order 🤬") < -0.05
    assert polarity(cx, "new app update 🙌") > 0.05
    assert VaderAnalyzer().score(["the new app 🤡"])[0][0] == 0  # "clown face": no lexicon word
    assert polarity(cx, "the new app 🤡") < -0.05  # mockery (1.2)


def test_calibration_keeps_sign_and_neutral_band():
    assert calibrate(0.09, 0.1) == pytest.approx(0.09 / 0.1 * 0.049)
    assert calibrate(-0.09, 0.1) < 0
    assert calibrate(1.0, 0.1) == pytest.approx(1.0)
    assert calibrate(0.1, 0.1) == pytest.approx(0.05)


def test_cx_is_the_default():
    assert Config().sentiment == "cx"


def test_cx_beats_vader_on_held_out_tweeteval_test(cx):
    texts, gold = tweeteval("test")
    gold = np.array(gold, dtype=object)
    f1 = {}
    for name, analyzer in (("cx", cx), ("vader", VaderAnalyzer())):
        pred = label(pd.Series(analyzer.score(texts)[0])).to_numpy(dtype=object)
        f1[name] = score_labels(gold, pred).macro_f1
    # measured: cx 0.549, vader 0.529 (docs/sentiment.md)
    assert f1["cx"] > f1["vader"] + 0.01
    assert f1["cx"] > 0.54


# Texts around the phrases: whole phrases, their words, in other cases, with spacing and neighbours that
# make or break a word boundary, and characters re.I folds onto ASCII letters (K, ſ, İ).
_MORE = {"still no reply": -2.0, "on hold for": -1.0, "hold  music": -1.0}
_WORDS = ["still no", "still on hold", "lost bag", "never again", *_MORE, "still", "no", "reply", "hold", "music"]
_WORDS += ["holding", "ſtill", "İ", "K", "x", "'", "!"]
_SEPARATORS = ["", " ", "  ", "\t", "\n", ", ", "'", "s", "-"]
_TEXTS = st.lists(
    st.tuples(st.sampled_from(_WORDS), st.booleans(), st.sampled_from(_SEPARATORS)).map(
        lambda t: (t[0].upper() if t[1] else t[0]) + t[2]
    ),
    max_size=10,
).map("".join)


@pytest.fixture(scope="module")
def cx_more():
    """cx with phrases that start others at a word boundary, and one written with two spaces."""
    lex = load_lexicon()
    return CxAnalyzer(dataclasses.replace(lex, phrases={**lex.phrases, **_MORE}))


@functools.cache
def _plain_alternation(cx):
    """The plain alternation of cx's phrases, longest first (made once, not for each of 400 examples: 3 ms each)."""
    phrases = sorted((p for p in cx.lex.phrases if " " in p), key=len, reverse=True)
    plain = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
    # (no word character beside it, nor one beyond a `'`: a quote is an edge, an apostrophe no edge)
    return re.compile(rf"(?<!\w)(?<!\w')(?:{plain})(?!\w|'\w)", re.I)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_phrase_trie_matches_as_the_plain_alternation(cx_more, text):
    """The trie regex finds what the plain alternation of the phrases (longest first) finds."""
    reference = _plain_alternation(cx_more)
    assert [m.span() for m in cx_more.phrase_rx.finditer(text)] == [m.span() for m in reference.finditer(text)]


# and for the lower-cased search (_join_phrases): more characters lower() changes, or re.I folds
_CASED = st.lists(
    st.tuples(
        st.sampled_from([*_WORDS, "ſtill no", "stıll on hold", "Σ", "ΣA", "É", "\u00a0", "\u2003", "STILL ON HOLD"]),
        st.booleans(),
    ).map(lambda t: t[0].upper() if t[1] else t[0]),
    max_size=12,
).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_TEXTS, _CASED))
def test_phrases_joined_in_lower_case_as_under_ignorecase(cx_more, text):
    """_join_phrases (a case-sensitive search of text.lower()) joins what phrase_rx (re.I) finds."""
    plain = cx_more.phrase_rx.sub(lambda m: cx_module._token(m.group(0).lower()), text)
    assert cx_more._join_phrases(text) == plain


# and for the batch (_join_phrases_all, RE2 over many texts): phrases beside an apostrophe or a character beyond
# ASCII (a letter RE2 takes for no word character, an emoji), spaces only Python's \s knows, the marks the batch
# puts around phrases, and characters whose lower case is ASCII (K, the Kelvin sign)
_BESIDE = ["é", "😀", "\u212a", "\x01", "\x02", "''", "\u2019", "_", "1"]
_BATCH = st.lists(
    st.tuples(
        st.sampled_from([*_WORDS, *_BESIDE, "on hold", "HOLD MUSIC", "no reply"]),
        st.booleans(),
        st.sampled_from([*_SEPARATORS, "\x0b", "\x1c", "\u00a0", "\u3000 ", " \t "]),
    ).map(lambda t: (t[0].upper() if t[1] else t[0]) + t[2]),
    max_size=12,
).map("".join)


# (60 batches of 10 to 40 texts (20 on average), where there were 300 of 0 to 8 (4): as many texts, in a fifth of the
# calls, each of which compiles the RE2 patterns again; the empty batch and one of one text are examples)
@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(_TEXTS, _CASED, _BATCH), min_size=10, max_size=40))
@example([])
@example(["still no reply"])
def test_phrases_joined_in_a_batch_as_one_by_one(cx_more, texts):
    """_join_phrases_all (RE2 over the batch, numpy over its bytes) joins what _join_phrases joins in each text."""
    assert cx_more._phrase_re2 is not None
    assert cx_more._join_phrases_all(texts) == [cx_more._join_phrases(t) for t in texts]


# what `_unglued` rewrites, and what RE2 reads otherwise than Python's re: tags, line breaks, glued sentence ends,
# asides after negations (behind spaces only Python's \s knows), clefts, typographic apostrophes, hashtag verdicts (in
# letters re.I folds onto ASCII ones)
_UNGLUE = st.lists(
    st.sampled_from(
        ["not", "never", "isn't", "isn\u2019t", "than", "what", "it", "is", "was", "good", "bad", "honestly", "great"]
        + ["<br>", "<b>", "<3", "\n", "late.Never", "ok!Fine", "#SkywayFail", "#skywaySUCKS", "#xfaİl", "#xſucks"]
        + ["#epicfail", "#fail", "don\u2018t", "can\u02bct", "K", "İ", "é", "😀", "on hold", "still waiting"]
    ).flatmap(
        lambda w: st.sampled_from([",", ", ", ",\x1f", ",\u00a0", ",\u2003", " ", "  ", ".", "\t", ""]).map(w.__add__)
    ),
    max_size=10,
).map("".join)


# (80 batches of 10 to 40 cases, where there were 400 of 0 to 8: as many cases, in a fifth of the calls)
@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(_UNGLUE, st.booleans(), st.booleans()), min_size=10, max_size=40))
@example([])
@example([("late.Never again", True, False)])
def test_texts_rewritten_in_a_batch_as_one_by_one(cx, cases):
    """`_rewrite_all` passes only the texts its RE2 filter finds to `_unglued` (2,300 of a slice's 45,000 change): the
    same texts as `_rewrite` of each."""
    texts, phrases, emoji = (list(c) for c in zip(*cases, strict=True)) if cases else ([], [], [])
    assert cx._rewrite_all(texts, phrases, emoji) == [cx._rewrite(*case) for case in cases]


def test_texts_rewritten_in_a_batch_beside_what_re2_reads_otherwise(cx):
    """The texts RE2 would not find without their own characters in `_unglue_filter`: a hashtag verdict in letters
    re.I folds onto ASCII ones and RE2 does not, an aside behind a space beyond ASCII, a typographic apostrophe."""
    texts = ["#SkywayFaİl", "#Skywayfaıl now", "not,\u00a0honestly, good", "never,\u2003why, good", "don\u2019t go"]
    texts += ["#SkywayFail", "late.Never again", "fine<br>not", "What it isn't is good", "nothing to do", ""]
    want = ["#Skyway Faİl", "#Skyway faıl now", "honestly, not good", "why, never good", "don't go"]
    want += ["#Skyway Fail", "late. never_again", "fine .\nnot", "What it isn't good", "nothing to do", ""]
    assert cx._rewrite_all(texts, [True] * len(texts), [True] * len(texts)) == want
    assert want == [cx._rewrite(t) for t in texts]


def test_phrases_joined_in_a_batch_beside_what_re2_reads_otherwise(cx):
    texts = [
        "Still on hold, no REPLY\u00a0yet",  # a space beyond ASCII: joined one by one
        "Still\ton hold, no REPLY\x0byet",  # ASCII's spaces, \x0b too: joined by the batch itself
        "still on hold\u212a",  # Kelvin sign: lower() makes it a "k", a word character
        "'still on hold' no reply, o'on hold",  # beside ' : joined one by one, a quote's phrase, no apostrophe's
        "caféon hold on hold😀",  # beside é (a word character for re, not for RE2), beside an emoji
        "on\x0bhold \x01never again\x02",
        "nothing here",
        "",
    ]
    assert cx._join_phrases_all(texts) == [cx._join_phrases(t) for t in texts]
    assert cx._join_phrases_all(texts)[:5] == [
        "still_on_hold, no_reply\u00a0yet",
        "still_on_hold, no_reply\x0byet",
        "still on hold\u212a",
        "'still_on_hold' no_reply, o'on hold",
        "caféon hold on_hold😀",
    ]


def test_phrases_joined_in_a_batch_across_runs_of_space(cx):
    """The batch searches the texts with each run of ASCII space made one blank (`_phrase_spans`), and joins each phrase
    at its place in the text: a run inside a phrase becomes its one `_`, the runs around it stay as they are."""
    texts = ["  still \t on\n\nhold  ", "", "no   reply", " \x1c ", "on hold  on  hold", "a\t\tno reply"]
    want = ["  still_on_hold  ", "", "no_reply", " \x1c ", "on_hold  on_hold", "a\t\tno_reply"]
    assert cx._join_phrases_all(texts) == want
    assert want == [cx._join_phrases(t) for t in texts]


def test_phrases_not_starting_with_a_word_character_are_joined_one_by_one():
    """RE2's word boundary stands in for the look-behind only before a word character: a lexicon with a phrase
    such as "#epic fail" joins text by text."""
    lex = load_lexicon()
    own = CxAnalyzer(dataclasses.replace(lex, phrases={**lex.phrases, "#epic fail": -2.0}))
    assert own._phrase_re2 is None
    texts = ["an #EPIC fail, still on hold", "x#epic fail"]
    # (RE2 would find a word boundary between "x" and "#", where the look-behind finds a word character)
    assert own._join_phrases_all(texts) == ["an #epic_fail, still_on_hold", "x#epic fail"]


def test_characters_lowered_to_ascii_are_joined_one_by_one():
    """Beyond ASCII, only the characters of _NOT_IN_BATCH lower to an ASCII character (which RE2, searching
    the ASCII-lower-cased text, would not see): such texts are joined by _join_phrases."""
    lowered = {c for c in map(chr, range(0x80, 0x110000)) if any(x.isascii() for x in c.lower())}
    assert lowered == {"\u0130", "\u212a"}
    assert all(cx_module._NOT_IN_BATCH.match(c) for c in lowered | {"\x01", "\x02", "\u0131", "\u017f"})


def test_lower_case_stands_in_for_ignorecase():
    """Every code point but the three _NOT_AS_IGNORECASE: str.lower() gives one character, a word character
    or space exactly when the character is one, and an ASCII character exactly when re.I matches it to that
    (lower-case) character."""
    ascii_lower = [c for c in map(chr, range(128)) if not c.isupper()]
    folds = re.compile("[" + re.escape("".join(ascii_lower)) + "]", re.I)
    special = {c for c in "\u0130\u0131\u017f"}
    assert special == {c for c in "\u0130\u0131\u017f" if cx_module._NOT_AS_IGNORECASE.match(c)}
    word, space = re.compile(r"[\w']"), re.compile(r"\s")
    for c in map(chr, range(0x110000)):
        low = c.lower()
        if c in special:
            continue
        if low != c:
            assert len(low) == 1, hex(ord(c))
            assert bool(word.match(c)) == bool(word.match(low)) and bool(space.match(c)) == bool(space.match(low))
        if folds.match(c) or low.isascii():  # re.I takes it for an ASCII character: the one lower() gives
            assert [x for x in ascii_lower if re.fullmatch(re.escape(x), c, re.I)] == [low], hex(ord(c))


def test_phrases_keep_the_longest_match(cx, cx_more):
    assert cx_more._prepare("Still no REPLY") == "still_no_reply"
    assert cx_more._prepare("hold\tmusic, still no") == "hold_music, still_no"
    assert cx._prepare("Still  on HOLD, again") == "still_on_hold, again"
    assert cx._prepare("never again!") == "never_again!"
    assert cx._prepare("neveragain xnever again") == "neveragain xnever again"  # no word boundary before


@pytest.mark.parametrize("extra", [{}, {"👍🏻": 2.0}])  # one code point each, and a cx emoji of two
def test_emoji_become_tokens_and_descriptions(extra):
    """cx's emoji become their tokens, VADER's the words describing them, in one pass or two."""
    lex = load_lexicon()
    lex = dataclasses.replace(lex, emoji={**extra, **lex.emoji})
    cx = CxAnalyzer(lex)
    text = "so late 🤬 but 😺 café 👍🏻"
    expected = text
    for char, token in cx.emoji_tokens.items():  # the definition: cx emoji first, then VADER's
        expected = expected.replace(char, f" {token} ")
    expected = " ".join(expected.translate({ord(k): f" {v} " for k, v in cx.sia.emojis.items() if len(k) == 1}).split())
    assert cx._prepare(text) == expected
    assert "grinning cat face" in expected and "café" in expected
    thumbs = cx.emoji_tokens.get("👍🏻")
    assert (thumbs is not None and thumbs in expected.split()) == bool(extra)


def test_contrast_words_are_found_as_the_reference_finds_them():
    """The batch looks for contrast words with RE2 first; a word only Python's lower() finds ("İ" is
    "i̇" in lower case, which RE2 does not fold) still counts, as in the word-by-word reference."""
    lex = dataclasses.replace(load_lexicon(), contrast=["but", "i̇"])
    texts = ["the food was good İ the service was awful", "good food BUT awful service", "good, butter was awful"]
    fast, reference = CxAnalyzer(lex), CxAnalyzer(lex, reference=True)
    assert fast.score(texts)[0].tolist() == reference.score(texts)[0].tolist()
    plain = CxAnalyzer(dataclasses.replace(lex, contrast=["but"])).score(texts[:1])[0][0]
    assert fast.score(texts[:1])[0][0] != plain  # the contrast rule applied


def test_dotted_and_dotless_i_join_phrases_as_python_does(cx_reference):
    """Python's re, ignoring case, matches "i" to "İ" and "ı"; Arrow's RE2 does not, so the batch sends
    such texts the way that joins phrases: "waste of mıney" is one token there, as in the reference."""
    texts = ["what a waste of mıney", "WASTE OF TİME again"]
    fast, reference = CxAnalyzer(), cx_reference
    assert fast.score(texts)[0].tolist() == reference.score(texts)[0].tolist()
    assert fast.score(["what a waste of money"])[0][0] != fast.score(texts[:1])[0][0]  # the phrase joined


OWN = """version = "2026-12"
[words]
bumped = -2.0
honestly = 2.0  # back to VADER's value
[phrases]
"gate   change" = -0.8
[emoji]
"🛫" = 1.0
"""


def test_own_lexicon_adds_and_replaces_entries(cx, tmp_path):
    (tmp_path / "own.toml").write_text(OWN, encoding="utf-8")
    own = get_analyzer(f"cx:{tmp_path / 'own.toml'}")
    assert own.name == f"cx:{tmp_path / 'own.toml'}"
    assert own.lex.version == f"{cx.lex.version} + own.toml 2026-12"
    texts = ["got bumped from my flight", "honestly the seat", "another GATE change", "off we go 🛫"]
    assert cx.score(texts)[0].tolist() == [0, 0, 0, 0]
    # one word alone: VADER's compound v / sqrt(v² + 15), rounded to 4 places, then calibrated
    # (dead zone 0.1): -2.0 -> -0.4588 -> -(0.05 + 0.3588 / 0.9 * 0.95) = -0.428733
    assert own.score(texts)[0] == pytest.approx([-0.428733, 0.428733, -0.157983, 0.208333], abs=1e-6)
    assert "gate_change -0.80 (cx)" in own.explain(["another gate change"])[0]
    rest = ["great, another delay", "the crew was so helpful", "still on hold 🤬"]
    assert np.array_equal(own.score(rest)[0], cx.score(rest)[0])  # the built-in entries and rules stay


def test_a_phrase_is_literal_not_a_regular_expression(tmp_path):
    """(stop 56) the lexicon's header said "`regex` entries are regular expressions"; no loader ever read one: a
    phrase's characters are its own."""
    path = tmp_path / "own.toml"
    path.write_text("[phrases]\n'zork.? blip' = -2.0\n'glorp blip' = -2.0\n", encoding="utf-8")
    own = get_analyzer(f"cx:{path}")
    scores = own.score(["zork blip", "zorks blip", "zork.? blip", "glorp blip"])[0].tolist()
    assert scores[:2] == [0, 0]
    assert scores[2] < -0.05 and scores[3] < -0.05  # the characters as written, and a plain phrase, are read


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[words]\nbumped = 'bad'\n", "[words] 'bumped' = 'bad': a valence from -4 to 4"),
        ("[words]\nbumped = true\n", "[words] 'bumped' = True: a valence from -4 to 4"),
        ("[phrases]\n'gate change' = 5\n", "[phrases] 'gate change' = 5: a valence from -4 to 4"),
        (
            "[word]\nbumped = -1\n",
            "unknown entry 'word' (known: version, words, phrases, emoji, rave, play, verdict, fix, mockery, "
            "department, interjection)",
        ),
        ("[words]\n'gate change' = -1\n", "[words] 'gate change': one word here; several go in [phrases]"),
        ("words = 3\n", "[words] must be a table of valences"),
        # (a [mockery] word without a weight did nothing: review of stop 45)
        ("[mockery]\nwords = ['giggling at']\n", "[mockery] words: 'giggling at' needs a weight in [phrases] too"),
    ],
)
def test_own_lexicon_errors_name_the_file_and_entry(tmp_path, text, message):
    path = tmp_path / "own.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        get_analyzer(f"cx:{path}")
    assert str(err.value).startswith(f"cx lexicon {path}: ")
    assert message in str(err.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[words\n", "invalid TOML: "),
        ("[words]\nbumped = -1 # déjà\n".encode("latin-1"), "invalid TOML: not UTF-8 text"),
    ],
)
def test_own_lexicon_that_is_not_toml_is_a_config_error(tmp_path, content, message):
    path = tmp_path / "own.toml"
    path.write_bytes(content)
    with pytest.raises(ConfigError) as err:
        get_analyzer(f"cx:{path}")
    assert str(err.value).startswith(f"{path}: {message}")  # read as the config and topics files are


def test_styled_letters_score_and_explain_as_plain_ones(cx):
    """ "𝐬𝐭𝐢𝐥𝐥 𝐨𝐧 𝐡𝐨𝐥𝐝" (bold), "ⓢⓣⓘⓛⓛ ⓞⓝ ⓗⓞⓛⓓ" (circled): no word of the lexicon, so neutral."""
    texts = ["still on hold", "𝐬𝐭𝐢𝐥𝐥 𝐨𝐧 𝐡𝐨𝐥𝐝", "ⓢⓣⓘⓛⓛ ⓞⓝ ⓗⓞⓛⓓ 😡", "still on hold 😡"]
    pol = cx.score(texts)[0]
    assert pol[0] == pol[1] < -0.05 and pol[2] == pol[3] < pol[0]
    why = cx.explain(texts[1:2])[0]
    assert why.startswith("still_on_hold -2.20 (cx)") and why.endswith(f"score {pol[1]:+.3f}")


def test_styled_letters_are_found_in_one_pass(monkeypatch):
    """RE2 finds the texts with styled letters (each range's ends here) over the batch; Python's regex
    rewrites only those, and every text when Arrow cannot take the batch (a lone surrogate)."""
    import brandpulse.enrich.text as text_module

    styled = ["\uff10\uff19", "\uff21\uff3a", "\uff41\uff5a", "\u24b6\u24e9", "\U0001d400\U0001d7ff"]
    texts = ["plain", "café 😀", "\uff0f\uff1a\u24b5\u24ea\U0001d3ff\U0001d800", *styled]
    rx, calls = text_module._STYLED, []

    class Counted:  # the module's regex, noting each text it is run on
        pattern = rx.pattern

        def search(self, t):
            return calls.append(t) or rx.search(t)

        def sub(self, f, t):
            return calls.append(t) or rx.sub(f, t)

    monkeypatch.setattr(text_module, "_STYLED", Counted())
    assert text_module.plain_letters(texts) == [*texts[:3], "09", "AZ", "az", "Az", "A9"]
    assert calls == styled
    assert text_module.plain_letters(["\ud800 \uff21"]) == ["\ud800 A"]


_SPACES = ["", " ", "  ", "\t", "\n\n", "\x0b", "\x1f", "\xa0", "\u2003", " \u3000 "]
_SPACED = st.lists(
    st.tuples(
        st.sampled_from(["so glad", "great", "still on hold", "lost my bag", "not", "but", "delayed", "😀", "🤬", "!"]),
        st.sampled_from(_SPACES),  # between the words of a phrase or an opener
        st.sampled_from(_SPACES),  # after
    ).map(lambda t: t[0].replace(" ", t[1] or " ") + t[2]),
    max_size=8,
).map("".join)


# (50 batches of 5 to 20 texts (10 on average), where there were 300 of one: more texts, in a sixth of the calls)
@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(_SPACED, st.sampled_from(_SPACES), st.sampled_from(_SPACES)), min_size=5, max_size=20))
@example([("so gladso gladstill on hold !so glad", "", " ")])  # (a sign-off, a space after it: +0.06 in the batch)
def test_the_batch_reads_whitespace_as_the_reference(cx, cx_reference, batch):
    """The batch path takes prepared texts with their whitespace as it comes (`_rewrite`, no split and
    join): its tokens and sentences, the contrast word's place and the sarcasm opener are the same as
    in the reference's texts of single spaces."""
    texts = [before + body + after for body, before, after in batch]
    assert cx.score(texts)[0].tolist() == cx_reference.score(texts)[0].tolist()


def test_rewrite_keeps_the_whitespace(cx):
    assert cx._rewrite(" Still\ton  HOLD,\n😺 so\xa0glad ") == " still_on_hold,\n grinning cat face  so\xa0glad "
    assert cx._prepare(" Still\ton  HOLD,\n😺 so\xa0glad ") == "still_on_hold, grinning cat face so glad"


def test_a_sentence_glued_to_the_next_scores_as_two(cx, cx_reference):
    """ "great!United was awful" read "great!United" as one unknown word, and "late.Never" hid the
    sentence start: the glued texts scored unlike the same texts with a space."""
    glued = ["Delta was great!United was awful", "so late...Never again", "Loved it.But the bag was lost"]
    spaced = ["Delta was great! United was awful", "so late... Never again", "Loved it. But the bag was lost"]
    assert cx.score(glued)[0].tolist() == cx.score(spaced)[0].tolist()
    assert cx.explain(glued[:1]) == cx.explain(spaced[:1]) and "great +3.10" in cx.explain(glued[:1])[0]
    reference = cx_reference
    assert reference.score(glued)[0].tolist() == cx.score(glued)[0].tolist()
    assert cx.score(["visit Delta.com now", "the U.S.Army band"])[0].tolist() == [0.0, 0.0]


def test_negation_idioms(cx, cx_reference):
    """VADER reads "can't believe" as a negation of the words after it, "couldn't be happier" as a negated
    "happier": customers' plainest verdicts came out the wrong way round."""
    texts = [
        "I can't believe they lost my bag again",
        "can't believe how good the new app is",
        "couldn't be happier with the crew",
        "couldn't be worse",
        "nothing but problems with this airline",
        "nothing but praise for the crew",
        "I can't stand this airline",
        "can't recommend them enough",
        "no issues at all with my order",
        "customer service hung up on me",
        "my internet has been down since yesterday",
        "will never order again",
    ]
    labels = label(pd.Series(cx.score(texts)[0])).tolist()
    pos, neg = "positive", "negative"
    assert labels == [neg, pos, pos, neg, neg, pos, neg, pos] + [pos, neg, neg, neg]
    assert cx_reference.score(texts)[0].tolist() == cx.score(texts)[0].tolist()


def test_no_queues_is_praise(cx, cx_reference):
    """Stop 49: "no queues" was VADER's "no" alone (-0.26), the praise of a gym in "proper equipment, no queues"; a
    queue's absence is praise, as "no issues" is."""
    texts = ["proper equipment, no queues", "there was no queue at all", "no queuing for once"]
    assert (cx.score(texts)[0] > 0.05).all()
    assert cx_reference.score(texts)[0].tolist() == cx.score(texts)[0].tolist()


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 49: a ticket's number missing is no queue's absence ("no queue" +1.2 made it praise, +0.33)
        ("no queue number shown", 0),
        ("no queue numbers on the screen", 0),
        # a queue's absence, a number after it in a sentence of its own, is still praise
        ("no queue, number 5 was called at once", 1),
    ],
)
def test_a_queue_number_missing_is_no_praise(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


def test_on_the_other_hand_is_a_contrast_without_sentiment(cx, cx_reference):
    """VADER's "hand" (+2.2) made "on the other hand" praise: "Skyway on the other hand cancelled my flight twice"
    scored +0.05. Lexicon 1.5: "hand" is 0 and "on the other hand" a contrast like "however"."""
    assert polarity(cx, "on the other hand") == 0 and polarity(cx, "my hand hurts") < -0.05
    assert polarity(cx, "Skyway on the other hand cancelled my flight twice") < -0.05
    # the clause after it weighs 1.5x, the one before 0.5x, as after "however"
    text = "the seats were great, on the other hand, the food was awful"
    assert polarity(cx, text) == polarity(cx, "the seats were great, however, the food was awful") < -0.05
    assert "rules: contrast 'on the other hand'" in cx.explain([text])[0]
    assert cx_reference.score([text])[0][0] == polarity(cx, text)
    # a contrast of several words is a phrase with no sentiment of its own, also in a lexicon that lacks the phrase
    lex = load_lexicon()
    assert lex.phrases["on the other hand"] == 0 and "on_the_other_hand" in lex.contrast


def test_customer_events_of_lexicon_1_5(cx):
    texts = ["Skyway cancels my flight again", "they keep delaying my order", "the app is a nightmare"]
    assert (cx.score(texts)[0] < -0.05).all()


def test_noise_cancelling_is_no_cancellation(cx, cx_reference):
    """ "cancelling" (-1.7, lexicon 1.5) made "noise cancelling headphones from Acme" -0.37 and halved the praise
    of "the noise cancelling headphones on Skyway were great" (+0.30); a flight cancelled stays an event."""
    assert cx.score(["noise cancelling headphones from Acme", "Acme noise canceling buds"])[0].tolist() == [0.0, 0.0]
    assert polarity(cx, "the noise cancelling headphones on Skyway were great") == polarity(
        cx, "the headphones on Skyway were great"
    )
    assert polarity(cx, "Acme noise cancellation is amazing") == polarity(cx, "Acme is amazing")
    assert polarity(cx, "Skyway is cancelling my flight") < -0.05
    texts = ["the noise  cancelling headphones on Skyway were great", "NOISE CANCELLING, but Skyway cancelled"]
    assert cx_reference.score(texts)[0].tolist() == cx.score(texts)[0].tolist()


def test_short_verdicts_of_lexicon_1_5(cx, cx_reference):
    """ "Skyward late again" and "Skyward rocks" scored 0 (VADER has neither "late" nor "rocks"); a comparison's
    "who wins?" was praise. "late" and "rock" alone, and "rocks" as a noun, stay without sentiment."""
    texts = ["Skyward late again", "Skyward running late again", "QuickBite late as usual", "great, late again"]
    assert (cx.score(texts)[0] < -0.05).all()
    assert "rules: sarcasm" in cx.explain(["great, late again"])[0]  # lateness is a customer event
    texts = ["Skyward rocks", "this app rocks!!", "you rock Skyward"]
    assert (cx.score(texts)[0] > 0.05).all()
    controls = [
        "late night flight to Denver",
        "rock concert tonight",
        "rocks on the runway this morning",
        "whiskey on the rocks",
        "JetNova vs Skyward for a Denver trip, who wins?",
    ]
    assert cx.score(controls)[0].tolist() == [0.0] * 5
    assert polarity(cx, "late night flight was great") == polarity(cx, "night flight was great") > 0.05
    every = texts + controls + ["Skyward late again, rocks on the runway"]
    assert cx_reference.score(every)[0].tolist() == cx.score(every)[0].tolist()


def test_lexicon_1_6_lateness_of_the_writer_and_rocks_the_noun(cx, cx_reference):
    """Lexicon 1.5's "running late", "late again" and "rocks" read the writer's lateness as a complaint ("I was
    running late and Skyway held the gate for me" -0.30) and rocks that fell as praise ("rocks fell on the runway
    ..." +0.47). After "I" or "we" and a form of "be" lateness is the writer's; "rocks" with what it does is a noun."""
    texts = [
        "I was running late and Skyway held the gate for me",
        "I'm running late, the Skyway crew waited for me",
        "I’m always late so thank you Skyway for the boarding reminder",  # (a typographic apostrophe)
    ]
    assert (cx.score(texts)[0] > 0.05).all(), cx.explain(texts)
    own = ["I was running late and Skyway checked me in", "we were late again for check-in and Skyway boarded us"]
    assert cx.score(own)[0].tolist() == [0.0, 0.0]
    # the brand's lateness is still a complaint, also when the writer was late too
    late = ["Skyway running late again", "my Skyway flight is running late", "I was on time, Skyway was late again"]
    assert (cx.score(late)[0] < -0.05).all(), cx.explain(late)
    news = ["rocks fell on the runway and Skyway closed the airport", "falling rocks closed the road to Acme"]
    assert cx.score(news)[0].tolist() == [0.0, 0.0]
    assert polarity(cx, "loose rocks on the taxiway delayed our flight") == polarity(cx, "our flight delayed")
    assert (cx.score(["Skyway rocks", "Skyway rocks!! best crew"])[0] > 0.05).all()
    every = texts + own + late + news + ["they never waited for us"]
    assert polarity(cx, "they never waited for us") < -0.05  # negated like any word
    assert cx_reference.score(every)[0].tolist() == cx.score(every)[0].tolist()


def test_rocks_the_verb_before_a_preposition_is_still_praise(cx, cx_reference):
    """Lexicon 1.6 made "rocks on", "rocks in" and "rocks from" phrases of 0 for the noun, and took the praise out of
    "Skyway rocks on every flight" and "Acme rocks from start to finish" (+0.47 with 1.5, 0 with them). After a brand
    "rocks" before a preposition is the verb; the nouns with an article or what they do stay without sentiment."""
    praise = [
        "Skyway rocks on every flight",
        "Skyway rocks in every way",
        "Acme rocks from start to finish",
        "the new Acme app rocks on android",
    ]
    assert cx.score(praise)[0].tolist() == [cx.score(["Skyway rocks"])[0][0]] * len(praise), cx.explain(praise)
    assert polarity(cx, "Skyway rocks") > 0.05
    nouns = ["rocks fell on the runway and Skyway closed the airport", "the rocks on the runway", "some rocks hit it"]
    assert cx.score(nouns)[0].tolist() == [0.0] * len(nouns), cx.explain(nouns)
    every = praise + nouns
    assert cx_reference.score(every)[0].tolist() == cx.score(every)[0].tolist()


def test_a_plane_held_on_the_tarmac_is_no_good_news(cx, cx_reference):
    """Lexicon 1.6 made "held the gate", "held the plane" and "held the flight" +1.6 for the brand waiting for a
    late writer, and a tarmac hold became praise: "Skyway held the plane on the tarmac for 3 hours" +0.35 (0 with
    1.5), "they held the flight for 2 hours with no explanation" +0.05 (-0.26). Held for the writer is good news."""
    holds = ["Skyway held the plane on the tarmac for 3 hours", "they held the flight for 2 hours with no explanation"]
    assert cx.score(holds)[0].tolist() == cx.score([t.replace("held", "kept") for t in holds])[0].tolist()
    assert polarity(cx, holds[1]) < -0.05
    kind = ["I was running late and Skyway held the gate for me", "they held the plane for us, thank you Skyway"]
    assert (cx.score(kind)[0] > 0.05).all(), cx.explain(kind)
    every = holds + kind
    assert cx_reference.score(every)[0].tolist() == cx.score(every)[0].tolist()


def test_lexicon_1_6_nothing_lost_bags_and_problems_back(cx, cx_reference):
    """ "great, they waived nothing after the cancellation" scored +0.70 (VADER's "nothing" turned the cancellation
    positive, and "waived" made it thanks); "thanks Skyway for losing my bag" +0.04 ("losing" was no customer event);
    "great, they fixed the app and now it keeps crashing" +0.43 (thanks for a problem handled)."""
    sarcastic = [
        "great, they waived nothing after the cancellation",
        "great, they refunded nothing for the cancelled flight",
        "thanks Skyway for losing my bag",
        "thank you Acme for losing our package",
        "great, they fixed the app and now it keeps crashing",
        "thanks Acme for fixing the app, still crashing",
    ]
    assert (cx.score(sarcastic)[0] < -0.05).all(), cx.explain(sarcastic)
    # (the first also "problem not fixed", since stop 54: "nothing" after a fix denies it)
    assert all(re.search(r"rules: (.*, )?sarcasm\b", why) for why in cx.explain(sarcastic))
    complaints = ["Skyway did nothing after the cancellation", "Skyway said nothing about the delay, thanks Skyway"]
    assert (cx.score(complaints)[0] < -0.05).all(), cx.explain(complaints)
    # thanks stay thanks: "now" after the event, or away from it; a problem handled after losing the luggage
    sincere = [
        "thank you Skyway for rebooking me after the cancellation, now I'm home",
        "thanks Skyway for fixing the app, it works fine now after the outage",
        "thank you Skyway for getting my bag back after losing my luggage in Denver",
    ]
    assert (cx.score(sincere)[0] > 0.05).all(), cx.explain(sincere)
    assert all("rules: thanks for a problem handled" in why for why in cx.explain(sincere))
    # "nothing" before the word it negates still negates it
    assert (cx.score(["nothing was delayed", "nothing bad happened on my Skyway flight"])[0] > 0.05).all()
    assert cx.sarcastic(sarcastic + sincere).tolist() == [True] * len(sarcastic) + [False] * len(sincere)
    every = sarcastic + sincere + complaints
    assert cx_reference.score(every)[0].tolist() == cx.score(every)[0].tolist()


def test_lexicon_1_6_telecom_bank_shop_and_delivery_talk(cx, cx_reference):
    """A tester playing a telecom analyst found customer talk of networks, bills, payments and parcels read the wrong
    way or not at all: "coverage is spotty at best" +0.62, "Voxa price rise is a joke" +0.26, "Voxa customer care =
    🤡" +0.13, "Voxa keeps dropping my calls", "Telora bill too high", "Voxa and Telora both down", "my card was
    declined again Bankly", "ParcelGo package still not delivered", "another price hike from Telora" 0. Labelled by
    hand before cx read them."""
    negative = [
        "coverage is spotty at best",
        "Voxa price rise is a joke",
        "Voxa what a joke",
        "Voxa customer care = 🤡",
        "Telora bill too high",
        "Voxa and Telora both down",
        "Voxa servers are down, no calls all morning",
        "Voxa keeps dropping my calls",
        "third dropped call today on Voxa",
        "Voxa 📶❌",
        "no signal at home again Voxa",
        "slow internet all week from Telora",
        "Voxa internet is so slow tonight",
        "my wifi is slow again tonight Telora",
        "Bankly charged me twice for the same coffee",
        "my card was declined again Bankly",
        "locked out of my Bankly account for two days",
        "billing error on my Telora account",
        "ParcelGo package still not delivered",
        "Shopmart out of stock again",
        "got the wrong item from Shopmart",
        "my order arrived with a missing item Shopmart",
        "another price hike from Telora",
    ]
    assert (cx.score(negative)[0] < -0.05).all(), cx.explain(negative)
    # idioms whose words say the opposite: praise
    positive = [
        "Voxa is killing it with the new unlimited plan",
        "data speeds are insane, 900mbps",
        "Telora customer care sorted it in five minutes",
        "Voxa is not too expensive for what you get",  # negated like any word
    ]
    assert (cx.score(positive)[0] > 0.05).all(), cx.explain(positive)
    neutral = [
        "Ported my number to Voxa",
        "Telora customer care number",
        "called Voxa customer care about my bill",
        "I got it at Best Buy last week",  # the shop, not "at best"
        "Telora shares are down 2% today",
        "Telora stocks are down 2% today",
        "Telora shares fell today",  # (VADER's "shares" +1.2: a stock's, a post's count)
        "the post got 300 shares",
        "prices are down this week at Shopmart",
        "the Voxa price was down last month",
        "ParcelGo package delivered today",
    ]
    assert (np.abs(cx.score(neutral)[0]) < 0.05).all(), cx.explain(neutral)
    # the killing, the insanity and the joke of other words keep VADER's reading
    assert (cx.score(["the heat is killing me", "Voxa prices are insane"])[0] < -0.05).all()
    # they are customer events: after an opener, sarcasm; thanks for their handling stay thanks
    sarcastic = [
        "great, no signal again Voxa",
        "thanks Telora for another price hike",
        "wow, wrong item again Shopmart",
    ]
    assert cx.sarcastic(sarcastic).tolist() == [True] * 3
    assert (cx.score(sarcastic)[0] < -0.05).all(), cx.explain(sarcastic)
    sincere = ["thank you Voxa for fixing the dropped calls", "thanks Bankly for sorting the billing error so fast"]
    # (since stop 54 a fix thanked for is done: the problem fixed, no event left to handle)
    assert ["rules: problem fixed" in why for why in cx.explain(sincere)] == [True, False]
    assert "rules: thanks for a problem handled" in cx.explain(sincere)[1]
    assert (cx.score(sincere)[0] > 0.05).all(), cx.explain(sincere)
    every = negative + positive + neutral + sarcastic + sincere
    assert cx_reference.score(every)[0].tolist() == cx.score(every)[0].tolist()


def test_lexicon_1_6_no_such_problem_and_no_service_fee_are_no_outage(cx, cx_reference):
    """ "no signal" and "no service" (1.6) are customer events, and they took the words after them: "no signal problems
    since switching to Voxa" scored -0.65, "no connection problems" -0.60 (VADER +0.02), and "great, no service
    charge!" was sarcasm, -0.68; and the hedge "at best" took a shop's "at best price" (review of stop 35). Labelled by
    hand."""
    positive = [
        "no signal problems since switching to Voxa",
        "no connection problems with Telora",
        "no coverage issues anywhere on the trip, Voxa",
        "great, no service charge!",
        "love that Bankly has no service fees",
    ]
    assert (cx.score(positive)[0] > 0.05).all(), cx.explain(positive)
    assert not cx.sarcastic(positive).any()
    neutral = [
        "Bankly has no service fee on this account",
        "No service charge at Shopmart",
        "Get the new phone at best price today",  # a shop's "at best price" is no hedge (it was -0.21)
        "Voxa plans at best prices online",
    ]
    assert (np.abs(cx.score(neutral)[0]) < 0.05).all(), cx.explain(neutral)
    # the outage itself stays one
    assert cx.sarcastic(["great, no service again Voxa"]).tolist() == [True]
    every = positive + neutral
    assert cx_reference.score(every)[0].tolist() == cx.score(every)[0].tolist()


def test_praise_joined_into_a_phrase_opens_sarcasm(cx):
    """ "great job" and "thank you so much" are phrases, one token each, and the opener "great" was not found in
    "great_job": "great job Skyway, another 3 hour delay" scored +0.16. A formula without sentiment that starts
    with an opener ("thanks in advance") opens nothing."""
    texts = ["great job Skyway, another 3 hour delay", "thank you so much, lost my bag again"]
    assert (cx.score(texts)[0] < -0.05).all()
    assert all("rules: sarcasm" in why for why in cx.explain(texts))
    assert "sarcasm" not in cx.explain(["thanks in advance, my flight is delayed"])[0]
    assert polarity(cx, "great job on the new app") > 0.05  # no event, no sarcasm
    sarcastic = ["great job Skyway, another 3 hour delay", "great job on the new app", "thanks in advance, delayed", ""]
    assert cx.sarcastic(sarcastic).tolist() == [True, False, False, False]


SINCERE = [
    "thank you so much Skyway for rebooking me after the cancellation",
    "great job Skyway handling the delay",
    "wow, my flight was cancelled and they rebooked me in minutes",
    "thanks for the quick refund after the delay Skyway, much appreciated",
    "thanks so much to the Skyway team for finding my lost bag and driving it to my hotel",
    "thank you Skyway for rebooking me after the cancellation, nobody else helped",  # one handled, one denied
]
SARCASTIC = [
    "great job Skyway, another 3 hour delay",
    "thanks for the 4 hour delay Skyway",
    "love waiting on hold for an hour",
    "wow, cancelled again. thanks so much",
    "thanks for rebooking me onto another delayed flight Skyway",  # a repetition next to the event
    "great, my flight got cancelled and nobody helped",  # the handling negated
    "great, cancelled and they never rebooked me",
    "great, stuck on hold for an hour after the cancellation",  # an event before "after"
    "thanks Skyway, nobody rebooked me after the cancellation",  # "after" with the handling denied
    "thanks Skyway, still not refunded after the delay",
    "great, they never rebooked me after the cancellation",
    "Great. Another delay.",  # the opener's sentence is the opener alone
    # "after" an event without thanks "for" anything (they scored +0.2 to +0.5)
    "love sleeping at the airport after a cancellation",
    "great, a $200 fee after the cancellation",
    "great, no hotel after the cancellation",
    "thanks, I guess, after a 6 hour delay",
]


def test_thanks_for_a_problem_handled_is_not_sarcasm(cx, cx_reference):
    """Lexicon 1.5 read the praise phrases as openers, and sincere thanks in customer care as sarcasm: "thank you
    so much Skyway for rebooking me after the cancellation" scored -0.56, "great job Skyway handling the delay"
    -0.60. A word of the problem handled, or an event after "after" / "despite", makes it thanks, its events
    weighing half; sarcasm stays sarcasm."""
    assert (cx.score(SINCERE)[0] > 0.05).all(), cx.explain(SINCERE)
    assert all("rules: thanks for a problem handled" in why for why in cx.explain(SINCERE))
    # the events weigh half: "delay" -1.5 is -0.75 here
    assert "delay -0.75 (cx, damped)" in cx.explain(["great job Skyway handling the delay"])[0]
    assert (cx.score(SARCASTIC)[0] < -0.05).all(), cx.explain(SARCASTIC)
    assert all("rules: sarcasm" in why for why in cx.explain(SARCASTIC))
    assert cx.sarcastic(SINCERE + SARCASTIC).tolist() == [False] * len(SINCERE) + [True] * len(SARCASTIC)
    every = SINCERE + SARCASTIC
    assert cx_reference.score(every)[0].tolist() == cx.score(every)[0].tolist()


def test_asking_whether_it_is_safe_is_no_praise(cx):
    """Stop 50: a boil-water notice's most anxious posts ask whether the water is safe: "Is it safe to drink yet?" was
    +0.20 and "Brown water coming out of the taps. is this safe?" +0.25 (VADER's "safe"), so they were queued last.
    Asked, "safe" weighs nothing; said, it is still praise, and the question's other words still count."""
    for text in ("Is it safe to drink yet? Clearbrook Water", "Is the water safe to drink now?", "is this safe??"):
        assert polarity(cx, text) == 0, cx.explain([text])
    assert polarity(cx, "Is it safe to fly Skyway after the engine fire?") < 0
    assert polarity(cx, "Clearbrook says the water is safe to drink again, thank you") > 0.05
    assert polarity(cx, "Skyway is safe and reliable") > 0.05


def test_thanks_to_crews_who_worked_through_the_night_is_not_sarcasm(cx):
    """Stop 50: a water utility's customers thank the crews on a burst main: "Thank you to the crews working through
    the night on the outage" was sarcasm (its "outage" an event beside "thank"), as was "... worked all night on the
    burst main" with the water lexicon's words. Work through the night is the problem handled; sarcasm stays."""
    thanks = [
        "Thank you to the crews working through the night on the outage",
        "Thanks to the engineers who worked all night on the outage",
        "thank you Northgrid, crews working round the clock after the outage",
    ]
    assert all(polarity(cx, text) > 0.05 for text in thanks), cx.explain(thanks)
    assert all("rules: thanks for a problem handled" in why for why in cx.explain(thanks))
    for text in ("great, another outage", "Thanks Skyway. Flight delayed 3 hours"):
        assert polarity(cx, text) < -0.05, text


def test_praise_of_its_own_sentence_is_not_sarcasm_about_another(cx):
    """ "Great job Delta crew today. United kept us waiting 2 hours" scored -0.46: the event of another sentence
    turned the praise. An event counts in the opener's sentence, after an opener's sentence of three words at most,
    or in a sentence with a positive word of its own ("just perfect 🙃 #delayed")."""
    praise = "Great job Delta crew today. United kept us waiting 2 hours"
    assert polarity(cx, praise) > 0.05
    assert "sarcasm" not in cx.explain([praise])[0]
    for text in (
        "Thanks Skyway. Flight delayed 3 hours",
        "Love how Skyway turned a 2 hour flight into a 3 day adventure. just perfect 🙃 #delayed",
    ):
        assert polarity(cx, text) < -0.05, text
        assert "rules: sarcasm" in cx.explain([text])[0], text


@pytest.mark.parametrize(
    "text",
    [
        "Lost my bag at Heathrow. Thanks Skyway.",
        "Flight delayed 3 hours. Just perfect 🙃",
        "My flight was delayed 2 hours. Love it.",
    ],
)
def test_an_openers_sentence_at_the_end_after_an_event_is_sarcasm(cx, cx_reference, text):
    """Stop 49: a smart-home lead's "2FA codes never arrive. Great." was praise, and so were "Lost my bag at Heathrow.
    Thanks Skyway." (0.00) and "My flight was delayed 2 hours. Love it." (+0.35): the opener was looked for in the
    first words alone.
    An opener's sentence of three words at most after an event's sentence is sarcasm, as one before it is ("Great.
    Another delay."), in the batch, the reference and per-brand (`sarcastic`)."""
    for analyzer in (cx, cx_reference):
        assert polarity(analyzer, text) < -0.05, analyzer.explain([text])
        assert "rules: sarcasm" in analyzer.explain([text])[0]
    assert cx.score(["ok", text])[0][1] == cx_reference.score([text])[0][0]
    assert cx.sarcastic(["ok", text]).tolist() == [False, True]


@pytest.mark.parametrize(
    "text",
    [
        "Flight delayed 3 hours. Great crew though.",  # a concession: sincere
        "Great flight today. Thanks Skyway.",  # no event
        "Flight delayed but they rebooked me fast. Thanks!",  # thanks for a problem handled
        "Flight delayed 3 hours. Thanks to the crew for keeping us updated the whole time.",  # a sentence of its own
    ],
)
def test_an_openers_sentence_at_the_end_that_is_meant_stays_praise(cx, text):
    assert polarity(cx, text) > 0, cx.explain([text])
    assert "rules: sarcasm" not in cx.explain([text])[0]


@pytest.mark.parametrize(
    "text",
    [
        "Flight delayed. Great crew though.",
        "Delayed again. Thanks to the crew though!",
        "Bag lost. Love the app though",
    ],
)
def test_a_concession_after_an_event_is_no_sarcasm_where_the_opener_is_in_the_first_words(cx, cx_reference, text):
    """Review of stop 49: "Flight delayed 3 hours. Great crew though." was praise, but "Flight delayed. Great crew
    though." sarcasm (-0.65): its opener is among the first words, where the concession was not looked for."""
    for analyzer in (cx, cx_reference):
        assert polarity(analyzer, text) > 0.05, analyzer.explain([text])
    assert cx.sarcastic(["ok", text]).tolist() == [False, False]


def test_per_brand_sarcasm_finds_sign_offs_and_closing_sentences(cx):
    """`sarcastic` looks for an opener at a post's end with one filter, for the sign-off ("... great job") and the
    opener's closing sentence ("... Thanks Skyway."), and says what the rule says."""
    texts = [
        "app update broke everything... great job",
        "support hasn't replied - good job!!",
        "Lost my bag at Heathrow. Thanks Skyway.",
        "the crew was lovely. great job",
        "Flight delayed. Great crew though.",
        "great flight, thanks",
    ]
    assert cx.sarcastic(texts).tolist() == [True, True, True, False, False, False]
    assert [("rules: sarcasm" in e) or (", sarcasm" in e) for e in cx.explain(texts)] == [True] * 3 + [False] * 3


def test_written_sarcasm_and_thanks():
    """tests/data/sarcasm_written.csv, labelled by hand before cx read it: every post as a reader labels it (missed:
    four with lexicon 1.6: "now" four words before the event, and a negation
    across a comma, read since 1.7; two until stop 54, which reads a fee waived as fixed, and a fix seen done, "great to
    see QuickBite fix the app crashes so fast", as done)."""
    df = pd.read_csv(Path(__file__).parent / "data" / "sarcasm_written.csv")
    got = label(pd.Series(CxAnalyzer().score(df["text"].tolist())[0]))
    missed = set(df["text"][got != df["label"]])
    assert missed == set()


def test_the_writers_own_lateness_with_a_number_between(cx, cx_reference):
    """Lexicon 1.6 read "I was running late" and "we were late again" as the writer's own lateness (0), but a number
    between the subject and "late" made it the brand's: "I was 10 minutes late" -0.35, "we were 2 hours late" -0.43,
    and "I was 10 minutes late and Skyway held the gate for me" 0. A word `#` in a phrase is a number (1.7)."""
    own = ["I was 10 minutes late", "we were 2 hours late", "I'm 5 minutes late", "we arrived 45   minutes late"]
    own += ["I was an hour late", "i was 1 hour late", "We Were 3 Hours Late"]
    assert cx.score(own)[0].tolist() == [0.0] * len(own), cx.explain(own)
    kind = ["I was 10 minutes late and Skyway held the gate for me", "we were 2 hours late but Skyway waited for us"]
    assert (cx.score(kind)[0] > 0.05).all(), cx.explain(kind)
    # the brand's lateness, with or without a number, is still a complaint
    brand = ["Skyway was 10 minutes late", "the flight was 2 hours late", "I was on time, Skyway was 40 minutes late"]
    assert (cx.score(brand)[0] < -0.05).all(), cx.explain(brand)
    # a number is digits: the phrase's token is the same for any of them, and "#" elsewhere is a hashtag's
    assert cx._prepare("I was 10 minutes late") == "i_was_#_minutes_late"
    lex = load_lexicon()
    own_lex = CxAnalyzer(dataclasses.replace(lex, phrases={**lex.phrases, "#epic fail": -2.0}))
    assert own_lex._prepare("#epic fail, 7 fail") == "#epic_fail, 7 fail"
    every = own + kind + brand + ["I was ١٠ minutes late", "I was 10 minutes late 🙄", "I was 10 minutes late. ok"]
    assert cx_reference.score(every)[0].tolist() == cx.score(every)[0].tolist()


def test_phrases_with_numbers_of_their_own_keep_their_weights_beside_phrases_with_a_number_word():
    """1.7 wrote every run of digits of a phrase's token as "#", a number word's: a lexicon's "0 stars" and "5 stars"
    were both "#_stars", and as VADER strips a token's leading "#", neither had a weight ("Skyway: 0 stars" and
    "Skyway: 5 stars" 0, as "3 hours lost" of "# hours lost"); 1.6 read "0 stars" -0.59. A phrase's own digits
    are its own; a word `#` is any number, also first or last in its phrase."""
    lex = load_lexicon()
    own = {"0 stars": -3.0, "5 stars": 3.0, "# hours lost": -2.5, "top 10 in # days": 2.0, "delayed by #": -2.0}
    mine = CxAnalyzer(dataclasses.replace(lex, phrases={**lex.phrases, **own}))
    texts = ["Skyway: 0 stars", "Skyway: 5 stars", "3 hours lost", "top 10 in 3 days", "delayed by 45"]
    texts += ["top 5 in 3 days", "I was 10 minutes late"]
    got = mine.score(texts)[0]
    assert (got[:5] * np.array([-1, 1, -1, 1, -1]) > 0.3).all(), mine.explain(texts)
    assert got[5:].tolist() == [0.0, 0.0], mine.explain(texts)  # ("top 5": no phrase)
    assert [mine._prepare(t) for t in texts[:4]] == [
        "Skyway: 0_stars",
        "Skyway: 5_stars",
        "#_hours_lost",
        "top_#_in_#_days",
    ]
    # one by one, in a batch (RE2's: a number word is word characters), and by the reference alike
    assert mine._phrase_re2 is not None
    assert [mine.score([t])[0][0] for t in texts] == got.tolist()
    assert CxAnalyzer(mine.lex, reference=True).score(texts)[0].tolist() == got.tolist()


def test_the_problem_back_a_few_words_after_now(cx, cx_reference):
    """Lexicon 1.6 read a problem back after its handling as sarcasm only with "now" or "still" up to two words before
    the event: "great, Skyway rebooked me and now that flight is delayed too" was thanks (+0.48). 1.7 reads up to
    [sarcasm] `persists_within` (4) words, not past a negation or an event past."""
    sarcastic = [
        "great, Skyway rebooked me and now that flight is delayed too",
        "wow Skyway rebooked me and now that flight is delayed too",
        "thanks Acme for fixing the app, now the new version keeps crashing",
    ]
    assert (cx.score(sarcastic)[0] < -0.05).all(), cx.explain(sarcastic)
    assert cx.sarcastic(sarcastic).tolist() == [True] * len(sarcastic)
    sincere = [
        "thanks Skyway for fixing the app, it works fine now after the outage",  # the event is past ("after")
        "thank you Skyway for rebooking me, now we are not delayed at all",  # negated
        "thank you Skyway for rebooking me after the cancellation, now I'm home",
    ]
    assert (cx.score(sincere)[0] > 0.05).all(), cx.explain(sincere)
    assert not cx.sarcastic(sincere).any()
    every = sarcastic + sincere
    assert cx_reference.score(every)[0].tolist() == cx.score(every)[0].tolist()


def test_negation_stops_at_a_comma(cx, cx_reference):
    """VADER's negation reaches three words back, over a comma: "nothing was delayed and nothing was lost, great job"
    negated the praise and scored +0.03, "nothing was delayed, great job" -0.14, and "not great, another delay" kept
    the delay negated (-0.25). Since 1.7 a negation negates nothing after a comma that follows it."""
    praise = [
        "nothing was delayed and nothing was lost, great job",
        "Nothing was delayed and nothing was lost, great job Skyway",
        "nothing was delayed, great job",
        "no delays, no lost bags, great job Skyway",
        "not a single delay, great crew",
    ]
    assert (cx.score(praise)[0] > 0.05).all(), cx.explain(praise)
    assert "great_job +2.60 (cx)" in cx.explain([praise[0]])[0]
    # within its clause a negation still negates
    assert polarity(cx, "not great, another delay") < polarity(cx, "not great another delay") < -0.05
    assert polarity(cx, "the crew was not helpful") < -0.05 and polarity(cx, "nothing was delayed") > 0.05
    # a plain text (no phrase or rule of cx's) and a prepared one read it alike, the reference too
    every = praise + ["not great, another delay", "NOT GOOD, GREAT", "never, so good", "no, it was great"]
    every += ["didn't, love", "not, honestly, bad"]
    assert cx_reference.score(every)[0].tolist() == cx.score(every)[0].tolist()
    assert [cx._analyze(t, False)[0] for t in every] == cx.score(every)[0].tolist()
    # VADER itself is VADER's
    assert VaderAnalyzer().score(["nothing was lost, great job"])[0][0] < 0


def test_negation_stops_at_a_colon_a_dash_a_pipe(cx, cx_reference):
    """A negation ended at a comma only (1.7): "cannot log in: awful" scored +0.32, its "cannot" reaching "awful" across
    the colon, and "not working - terrible" the same across a dash. A colon, a semicolon, a pipe and a dash standing
    apart end a negation's clause too."""
    verdicts = [
        "cannot log in: awful",
        "I cannot log in: awful",
        "won't load - terrible",
        "didn't arrive -- horrible",
        "did not arrive | horrible",
        "can't pay—awful app",
        "cannot log in \u2014 awful",
    ]
    assert (cx.score(verdicts)[0] < -0.05).all(), cx.explain(verdicts)
    assert cx.explain([verdicts[0]])[0] == "awful -2.00 | score -0.429"
    # what the colon no longer carries: a screen's fault was VADER's "no" alone (-1.2)
    assert cx.explain(["no picture: hopefully the cable"])[0].startswith("no_picture -1.80 (cx)")
    praise = ["no delays: great crew", "nothing broke - great product"]
    assert (cx.score(praise)[0] > 0.05).all(), cx.explain(praise)
    # within its clause a negation still negates
    assert polarity(cx, "cannot log in, not good: awful") < polarity(cx, "not good") < -0.05
    # the batch path (plain and prepared texts), one text at a time and the reference read it alike
    every = verdicts + praise + ["cannot log in, not good: awful", "not-so-good", "no: great", "-not great-"]
    every += ["nothing works: great", "not | great", "not happy: thanks"]
    assert cx_reference.score(every)[0].tolist() == cx.score(every)[0].tolist()
    assert [cx._analyze(t, False)[0] for t in every] == cx.score(every)[0].tolist()


def test_for_good_is_forever(cx, cx_reference):
    """ "I quit Skyway for good." scored +0.41, VADER's "good": "for good" ending its clause is forever, no praise;
    "for good service" is."""
    forever = ["I quit Skyway for good.", "deleted the app for good", "Skyway is gone for good, never again"]
    assert (cx.score(forever)[0] <= 0).all(), cx.explain(forever)
    assert cx.explain([forever[0]])[0] == "good +0.00 (for good: forever) | rules: for good: forever | score +0.000"
    good = ["thanks for good service", "paid for good seats"]
    assert (cx.score(good)[0] > 0.05).all(), cx.explain(good)
    every = forever + good + ["gone FOR GOOD!", "for good"]
    assert cx_reference.score(every)[0].tolist() == cx.score(every)[0].tolist()
    assert [cx._analyze(t, False)[0] for t in every] == cx.score(every)[0].tolist()


def test_support_stinks_as_support_sucks(cx):
    """ "support stinks" scored +0.13 (VADER's "support" +1.7, "stinks" -1.0) where "support sucks" was -0.59."""
    for text in ["support stinks", "Taskpad customer service stinks"]:
        assert polarity(cx, text) == polarity(cx, "support sucks") < -0.5, cx.explain([text])


def test_and_then_weighs_the_outcome(cx, cx_reference):
    """ "Skyway waited for us to board and then cancelled" scored -0.11, neutral: "waited for us" (+1.2) took most of
    the cancellation. "and then" is a contrast word since 1.7: what comes after it weighs 1.5x, before 0.5x."""
    outcome = ["Skyway waited for us to board and then cancelled", "they waited for us and then cancelled the flight"]
    assert (cx.score(outcome)[0] < -0.3).all(), cx.explain(outcome)
    assert "contrast 'and then'" in cx.explain([outcome[0]])[0]
    assert polarity(cx, "the gate was chaos and then the crew was amazing") > 0.05
    assert polarity(cx, "we boarded and then took off") == 0.0  # no sentiment after it, no contrast
    assert cx_reference.score(outcome)[0].tolist() == cx.score(outcome)[0].tolist()


def test_killing_it_of_the_weather_is_no_praise(cx):
    """Lexicon 1.6 made "killing it" praise (+2.2: "Voxa is killing it with the new plan"), and so "the weather is
    killing it" +0.47. Praise of a brand, a product or a person; the weather's says nothing of a brand (1.7: 0)."""
    weather = ["the weather is killing it", "the weather's killing it today", "this heat is killing it for us"]
    assert cx.score(weather)[0].tolist() == [0.0] * len(weather), cx.explain(weather)
    praise = ["Voxa is killing it with the new plan", "the Skyway crew is killing it", "Acme's new app is killing it"]
    assert (cx.score(praise)[0] > 0.05).all(), cx.explain(praise)
    assert polarity(cx, "the heat is killing me") < -0.05  # VADER's "killing"


def test_thanks_for_waiting_after_our_own_lateness_is_praise(cx, cx_reference):
    """ "We were 45 minutes late, thanks Skyway for waiting" was sarcasm (-0.38): "waiting" (-0.6) was a customer event
    beside the opener "thanks". The brand's waiting, thanked, is none: "for waiting" is 0 (1.8)."""
    kind = ["We were 45 minutes late, thanks Skyway for waiting", "thank you Skyway for waiting, we were so late"]
    kind += ["I was 10 minutes late, thanks Skyway for holding the gate", "thanks Aerolux for waiting for us"]
    assert (cx.score(kind)[0] > 0.05).all(), cx.explain(kind)
    assert not cx.sarcastic(kind).any()
    # keeping us waiting is still the brand's delay, and thanks for it sarcasm
    sarcastic = ["thanks Skyway for keeping us waiting 2 hours", "thanks for waiting 3 hours to tell us it's cancelled"]
    assert (cx.score(sarcastic)[0] < -0.05).all(), cx.explain(sarcastic)
    assert cx.sarcastic(sarcastic).all()
    assert polarity(cx, "still waiting for a refund") < -0.05
    every = kind + sarcastic
    assert cx_reference.score(every)[0].tolist() == cx.score(every)[0].tolist()


def test_slow_service_is_a_complaint(cx):
    """ "Skyway was slow", "slow service at QuickBite" and "the app was slow" scored 0: only "so slow", "too slow", "app
    is slow" and the like were events. 1.8 adds "was / were / is / are slow" and "slow service" (-1.4); "slow" alone
    stays out: "slow down", "slow motion", slow films praised."""
    slow = ["Skyway was slow", "slow service at QuickBite", "the app was slow today", "the Voxa app is slow"]
    slow += ["QuickBite drivers were slow tonight", "the service was slow"]
    assert (cx.score(slow)[0] < -0.05).all(), cx.explain(slow)
    assert cx.score(["please slow down", "a slow motion replay", "slow cooked beef"])[0].tolist() == [0.0] * 3


def test_a_negation_reaches_over_an_aside(cx, cx_reference):
    """A negation ended at a comma (1.7), and so "not, honestly, bad" read "bad" (-0.52). A negation whose comma opens
    an aside of one or two words, between commas, reaches the word after it (1.8): "not bad" (+0.40). Not an answer nor
    a negation that may end a clause ("No, honestly, terrible", "they lost nothing, honestly, great service")."""
    assert polarity(cx, "not, honestly, bad") == polarity(cx, "not bad") > 0.05
    negated = ["not, honestly, bad", "isn't, honestly, bad", "wasn’t, frankly, bad", "never, ever, disappointed"]
    assert (cx.score(negated)[0] > 0.05).all(), cx.explain(negated)
    assert (cx.score(["I'm not, like, happy", "the food was not, sadly, good"])[0] < -0.05).all()
    apart = ["No, honestly, terrible", "nope, honestly, terrible", "nothing, great job"]
    apart += ["they lost nothing, honestly, great service", "not great, another delay", "not, honestly bad"]
    got = cx.score(apart)[0]
    assert (got[:2] < -0.05).all() and (got[2:4] > 0.05).all() and (got[4:] < -0.05).all(), cx.explain(apart)
    # the batch path, the per-text path and the reference read it alike
    every = negated + apart + ["not, so, good", "not, no, good", "didn't, honestly, love it", "NOT, HONESTLY, BAD"]
    every += ["not, really really, good", "not, a, b, good", "it's not , honestly , bad"]
    assert cx_reference.score(every)[0].tolist() == cx.score(every)[0].tolist()
    assert [cx._analyze(t, False)[0] for t in every] == cx.score(every)[0].tolist()


def test_a_negation_reaches_over_an_aside_of_several_words(cx, cx_reference):
    """1.8 carried a negation over an aside of one or two words only (VADER's negation looks three words back): "not,
    to be honest, bad" read "bad" (-0.03, "honest" +), "Skyway is never, ever, late" 0. Since stop 38 the aside (up to
    six words, none a negation) moves before the negation, as the reader hears it: "to be honest, not bad", "ever,
    never late" (and lexicon 1.9's "never late", +1.2). Answers and negations that may end a clause keep their aside
    apart ("No, to be honest with you, terrible")."""
    assert polarity(cx, "not, to be honest, bad") == polarity(cx, "to be honest, not bad") > 0.05
    negated = ["Skyway is not, to be honest with you, bad", "isn't, to be fair to them, bad", "never, ever, late"]
    negated += ["Skyway is never late", "the crew didn’t, as far as I could tell, disappoint"]
    assert (cx.score(negated)[0] > 0.05).all(), cx.explain(negated)
    assert (cx.score(["the food was not, I have to say, good", "No, to be honest with you, terrible"])[0] < -0.05).all()
    # an aside holding a negation, or longer than six words, is no aside
    assert polarity(cx, "not, I don't think, bad") == polarity(cx, "not, i dont think, bad") < -0.05
    assert polarity(cx, "not, one two three four five six seven, bad") < -0.05
    # a "not" after no verb ends its clause: the clause after it is no aside ("Why not, the fares are low, great deal"
    # read "not great deal", -0.64)
    ended = ["Why not, the fares are low, great deal", "Believe it or not, the crew was amazing, great job"]
    ended += ["If not, the refund arrives in a week, good enough", "Certainly not, the worst airline, amazing crew"]
    assert (cx.score(ended)[0] > 0.05).all(), cx.explain(ended)
    assert polarity(cx, "the crew was really not, to be fair to them, bad") > 0.05
    # the batch path, the per-text path and the reference read it alike
    every = negated + ["not, to be honest, bad", "Not, to be honest, BAD", "it's not , to be honest , bad"] + ended
    # every negation an aside carries over, found by the batch's RE2 filter (`aside_re2`) as by `unglued`
    every += [f"it {w}, to be fair to them, bad" for w in _carried() + ["than", "wasn’t", "isn't"]]
    assert cx_reference.score(every)[0].tolist() == cx.score(every)[0].tolist()
    assert [cx._analyze(t, False)[0] for t in every] == cx.score(every)[0].tolist()


def test_a_line_break_or_a_block_tag_ends_a_sentence(cx, cx_reference):
    """Per-brand sentiment ended a clause at a line break and at a block tag (`<p>`, `<br>`, `<li>`; stop 37), but the
    post's own score read on over them: "not great<br>another delay" was +0.24 (its "not" negated the delay, "<br>"
    glued the words), "nothing was lost\\ngreat job" -0.20. Since stop 38 a line break after a word is a sentence end,
    and tags are left out (a block tag a line break), as per-brand sentiment reads them."""
    pairs = [
        ("not great<br>another delay", "not great. another delay"),
        ("nothing was lost\ngreat job", "nothing was lost. great job"),
        ("<p>nothing was lost</p><p>great job</p>", "nothing was lost. great job"),
        ("<ul><li>not great</li><li>another delay</li></ul>", "not great. another delay"),
        ("no refund yet  \r\n  still waiting", "no refund yet. still waiting"),
    ]
    got = cx.score([p for p, _ in pairs])[0]
    assert got.tolist() == cx.score([s for _, s in pairs])[0].tolist()
    assert got[0] < -0.05 and got[1] > 0.05 and got[2] > 0.05 and got[3] < -0.05, cx.explain([p for p, _ in pairs])
    # a line ending with its own sentence end or a comma is as it was; a trailing line break changes nothing
    assert polarity(cx, "great!\nanother delay") == polarity(cx, "great! another delay")
    assert polarity(cx, "not great,\nanother delay") == polarity(cx, "not great, another delay")
    assert polarity(cx, "the crew was lovely\n") == polarity(cx, "the crew was lovely")
    # an emoticon keeps its place in the lexicon: the line's "." stands apart (also after one ending in a letter or a
    # digit: "xD." and "<3." were no emoticons, "love it xD\nbye" +0.62 where "love it xD bye" is +0.83)
    assert polarity(cx, "great flight :)\nsee you soon") == polarity(cx, "great flight :) . see you soon") > 0.7
    for emoticon in ("xD", "<3", ":D", ":P"):
        assert polarity(cx, f"love it {emoticon}\nbye") == polarity(cx, f"love it {emoticon} bye"), emoticon
    every = [p for p, _ in pairs] + ["so\nglad my flight got delayed again", "<b>not</b> bad", "sad :(\nNOT AGAIN"]
    assert cx_reference.score(every)[0].tolist() == cx.score(every)[0].tolist()


def test_slower_is_a_complaint(cx):
    """ "Skyway is so much slower than Aerolux" scored 0 (VADER has no "slower"), so per-brand sentiment had no verdict
    to set Aerolux against; 1.9: "slower" -1.0, "pricier" and "costlier" too ("cheaper" +1.0 since 1.3)."""
    slower = ["Skyway is so much slower than Aerolux", "why is the app slower every update?", "Voxa got pricier again"]
    assert (cx.score(slower)[0] < -0.05).all(), cx.explain(slower)


def test_customer_talk_of_a_testers_posts(cx, cx_reference):
    """1.10: posts a tester found misread in stop 38, each scored by hand before: UK words neither lexicon has ("Three
    UK is rubbish" 0), a change without notice ("with no warning": VADER's "no" negated "warning", read positive), a
    connection that keeps dropping, "not flying Delta again", "price jumped at checkout" (all 0) and "be careful"
    (VADER's "careful" +0.6) are complaints; "nothing beats a ..." (0) is praise."""
    negative = [
        "Three UK is rubbish",
        "the service is a shambles",
        "shambolic service from Voxa",
        "gutted, missed my connection",
        "diabolical customer service",
        "my bill went up by 10 pounds with no warning",
        "Voxa put my price up without warning",
        "Voxa keeps dropping the connection",
        "Not flying Delta again",
        "price jumped at checkout",
        "be careful booking with Skyway",
    ]
    scores = cx.score(negative)[0]
    assert (scores < -0.05).all(), cx.explain(negative)
    praise = ["Nothing beats a QuickBite burger on a Friday"]
    assert cx.score(praise)[0][0] > 0.05, cx.explain(praise)
    every = negative + praise
    assert cx_reference.score(every)[0].tolist() == scores.tolist() + cx.score(praise)[0].tolist()


def test_seriously_is_no_complaint_of_its_own(cx):
    """1.10: "seriously" (VADER -0.7) before a positive word is an intensifier: "seriously quick" was -0.13, a
    complaint in the queue. It is 0 now, as "honestly"; a complaint with it keeps its other words. (1.11: "seriously
    quick" is praise, `test_speed_as_a_verdict`; "seriously" alone still counts for nothing.)"""
    # (stop 57: without "was", which made "was late" a complaint of its own)
    assert cx.score(["Skyway seriously late today"])[0][0] == cx.score(["Skyway late today"])[0][0]
    assert cx.score(["seriously good service from Skyway"])[0][0] > 0.05
    assert cx.score(["seriously? still on hold"])[0][0] < -0.05


def test_a_negation_reaches_past_a_single(cx):
    """1.10: "a single" is one token, so "never" reaches "problem" as in "never had a problem": "I've never had a single
    problem with the app" was negative (-0.37: VADER's negation reaches three words back, "problem" was the fourth)."""
    texts = ["I've never had a single problem with the app", "haven't had a single problem with Voxa"]
    assert (cx.score(texts)[0] > 0.05).all(), cx.explain(texts)
    assert cx.score(["there was a single problem with the app"])[0][0] < -0.05


def test_never_letting_me_down_is_praise(cx):
    """1.11: "FeastNow never lets me down" scored 0 (no word VADER or cx knew); being let down is a complaint, so that a
    negation makes it praise."""
    praise = ["FeastNow never lets me down", "Skyway didn't let us down", "Aerolux never lets you down"]
    complaints = ["Skyway let me down again", "FeastNow keeps letting me down", "what a letdown", "I feel let down"]
    assert (cx.score(praise)[0] > 0.05).all(), cx.explain(praise)
    assert (cx.score(complaints)[0] < -0.05).all(), cx.explain(complaints)


def test_speed_as_a_verdict(cx):
    """1.11: "quick" and "faster" were no sentiment words ("Skyway was seriously quick at boarding" 0). Said of the
    brand or its service they are praise; what "could be faster" or "used to be faster" is not; before a noun they
    stay no verdict ("a quick question", "the Pope's faster annulment plan")."""
    praise = [
        "Skyway was seriously quick at boarding",
        "the delivery was quick",
        "quick delivery from FeastNow",
        "the app is so much faster now",
        "refund was quick and easy",
    ]
    assert (cx.score(praise)[0] > 0.05).all(), cx.explain(praise)
    assert (cx.score(["the Skyway app could be faster", "checkout should be faster"])[0] < -0.05).all()
    neutral = ["really quick question about my booking", "a quick update on my order", "Pope's faster annulment plan"]
    assert (cx.score(neutral)[0] == 0).all(), cx.explain(neutral)


def test_a_comparison_is_no_praise_of_the_brand_it_beats(cx):
    """Review of stop 39: 1.11 read "faster than", "is faster", "much faster" as praise, and the slow thing the brand
    is set against made a complaint praise (+0.21): "a snail is faster than FeastNow delivery". The comparison alone
    says nothing of the brand (0, also "Aerolux is faster than Skyway": per brand it has no verdict to set Skyway
    against); a snail, the brand "used to be faster" and "faster to just drive" are complaints."""
    neutral = [
        "walking is faster than this train",
        "my grandma is faster than this wifi",
        "Aerolux is faster than Skyway",
        "the Skyway app is way faster than the website",
        "QuickBite is quicker than FeastNow",
    ]
    assert (cx.score(neutral)[0] == 0).all(), cx.explain(neutral)
    complaints = [
        "a snail is faster than FeastNow delivery",
        "FeastNow used to be much faster",
        "way faster to just drive",
        "quicker to just walk than wait for the Skyway shuttle",
        "my order moved at a snail's pace",
    ]
    assert (cx.score(complaints)[0] < -0.05).all(), cx.explain(complaints)
    assert cx.score(["sent it by snail mail"])[0][0] == 0


def test_quick_to_is_no_praise_of_its_own(cx):
    """Review of stop 39: "was quick" (praise) read first in "was quick to charge me": "They were quick to charge me but
    slow to refund" +0.28 and "Was quick to blame me" -0.01 (1.10: -0.30). What they were quick to do says which;
    charging is a complaint, cancelling neither (the brand's cancellation or the one asked for)."""
    complaints = [
        "They were quick to charge me but slow to refund",
        "Was quick to blame me",
        "they are so quick to blame customers",
        "QuickBite is quick to charge and slow to deliver",
    ]
    assert (cx.score(complaints)[0] < -0.05).all(), cx.explain(complaints)
    # "quick to" takes nothing from the blame: as 1.10 read it, and as the blame alone
    assert cx.score(complaints[1:3])[0].tolist() == cx.score(["blame me", "blame customers"])[0].tolist()
    assert cx.score(["Skyway was quick to cancel my booking"])[0][0] <= 0
    praise = ["FeastNow were quick to respond", "Skyway was quick to refund me", "support is quick to help"]
    praise += ["they fixed it, quick to reply too"]
    assert (cx.score(praise)[0] > 0.05).all(), cx.explain(praise)


def test_quick_to_after_an_adverb_takes_its_verbs_sense(cx):
    """Review of stop 39's "really quick to" (0, so that "really quick", praise, left "really quick to charge me") was
    found before "quick to respond" where it starts, a word earlier: "they were really quick to respond" and "super
    quick to reply" were praise in 1.10 and 0 after it. Each adverb's "quick to" takes its verb's sense as the bare
    one does."""
    praise = [
        "they were really quick to respond",
        "Skyway was super quick to reply",
        "FeastNow was very quick to refund me",
        "surprisingly quick to fix it, QuickBite",
        "they were so quick to respond",
    ]
    assert (cx.score(praise)[0] > 0.05).all(), cx.explain(praise)
    complaints = ["FeastNow were really quick to charge me", "Aerolux is very quick to charge for bags"]
    assert (cx.score(complaints)[0] < -0.05).all(), cx.explain(complaints)
    assert cx.score(["Skyway was really quick to cancel my booking"])[0][0] <= 0


def test_let_down_literally_is_no_complaint(cx):
    """Review of stop 39: 1.11's "let down" (a complaint) read "let down the seat back", "let down the landing gear",
    "Let down your hair" as complaints (-0.35), and the plea "Don't let me down tomorrow, big interview" as praise
    (+0.29: the negated letdown). Being let down by someone, as a feeling or a noun, stays a complaint."""
    neutral = [
        "let down the seat back",
        "the pilot let down the landing gear early",
        "Let down your hair",
        "Don't let me down tomorrow, big interview",
        "please don’t let us down Skyway",
    ]
    assert (cx.score(neutral)[0] == 0).all(), cx.explain(neutral)
    complaints = ["was really let down by Skyway today", "such a let down", "I felt let down", "Skyway let me down"]
    complaints += ["we've been let down again"]
    assert (cx.score(complaints)[0] < -0.05).all(), cx.explain(complaints)
    praise = ["FeastNow never lets me down", "Skyway didn't let me down"]
    assert (cx.score(praise)[0] > 0.05).all(), cx.explain(praise)


def test_please_be_careful_warns_others(cx):
    """Review of stop 39: 1.11's "please be careful" (0, a request) silenced a warning to other customers: "everyone
    please be careful with this airline" -0.21 to 0. What the writer asks of the brand for their own things stays 0."""
    warnings = ["everyone please be careful with this airline", "please be careful booking with QuickBite"]
    assert (cx.score(warnings)[0] < -0.05).all(), cx.explain(warnings)
    requests = ["please be careful with my bags", "Skyway please be careful with our stroller"]
    assert (cx.score(requests)[0] == 0).all(), cx.explain(requests)


def test_the_edges_of_lexicon_1_10s_phrases(cx):
    """1.11: a request is no warning to others ("please be careful with my bags" was -0.21, "be careful" -1.0 since
    1.10), flights grounded by the weather are no boycott ("not flying due to weather" was -0.39, as "not flying Delta
    again"), and nothing beating a pain is that pain at its worst ("nothing beats the frustration of the Skyway app"
    read as praise)."""
    neutral = ["please be careful with my bags", "Skyway be careful with my bags", "not flying due to weather today"]
    neutral += ["planes not flying due to fog"]
    assert (cx.score(neutral)[0] == 0).all(), cx.explain(neutral)
    assert cx.score(["nothing beats the frustration of the Skyway app"])[0][0] < -0.05
    # and the phrases of 1.10 are still what they were
    assert (cx.score(["be careful booking with Skyway", "Not flying Delta again"])[0] < -0.05).all()
    assert cx.score(["Nothing beats a QuickBite burger"])[0][0] > 0.05


def test_a_clefts_negation_reaches_its_verdict(cx, cx_reference):
    """Stop 39: "What Skyway isn't is a particularly good airline" says "Skyway isn't a particularly good airline", but
    the cleft's second "is" put "good" four words after the negation, past its reach: +0.47, praise. The copula after
    the negation is left out, also after an aside moved before it ("What X isn't, however, is original")."""
    texts = [
        "What Skyway isn't is a particularly good airline",
        "What Skyway isn't, however, is a particularly good airline",
        "what the app is not is very good at syncing",
        "What Antwone Fisher isn't, however, is original.",
    ]
    scores = cx.score(texts)[0]
    assert (scores < -0.05).all(), cx.explain(texts)
    # a question after "what" with a negation is no cleft: its copula stays
    assert cx.score(["What I don't get is why Skyway is so good"])[0][0] > 0.05
    assert cx_reference.score(texts)[0].tolist() == scores.tolist()


def test_lexicon_1_11_agrees_with_the_reference(cx, cx_reference):
    """The batch path and `cx-reference` give the same scores to the posts of 1.11's phrases, with line breaks too."""
    texts = [
        "FeastNow never lets me down",
        "Skyway was seriously quick at boarding",
        "the app could be faster",
        "please be careful with my bags",
        "not flying due to weather",
        "nothing beats the frustration of waiting on hold",
        "FeastNow never\nlets me down",
        "is it quick?\nreally quick question",
        "What it isn't, however,\nis good",
        # and the review of stop 39's
        "a snail is faster than FeastNow delivery",
        "FeastNow used to be\nmuch faster",
        "way faster to just drive",
        "They were quick to charge me but slow to refund",
        "Was quick to blame me",
        "were quick\nto respond",
        "let down the seat back",
        "Don’t let me down tomorrow, big interview",
        "felt let down by Skyway?",
        "everyone please be careful with this airline",
        "at a snail’s pace",
    ]
    assert cx_reference.score(texts)[0].tolist() == cx.score(texts)[0].tolist()


def test_nothing_beats_a_pains_absence(cx):
    """Review of stop 39: 1.11's "nothing beats the hassle" (a complaint) read first in "nothing beats the hassle free
    refund", where "hassle free" is praise: -0.35, and "nothing beats the hassle-free check in" 0 (+0.43 in 1.10). A
    pain's absence or relief is what nothing beats; the pain itself stays a complaint."""
    praise = [
        "Nothing beats the hassle free refund",
        "nothing beats the hassle-free check in at Skyway",
        "nothing beats the stress free booking",
        "nothing beats the frustration-free packaging",
        "nothing beats the pain relief of finally landing",
    ]
    assert (cx.score(praise)[0] > 0.05).all(), cx.explain(praise)
    complaints = ["nothing beats the hassle of rebooking", "nothing beats the stress of a missed connection"]
    assert (cx.score(complaints)[0] < -0.05).all(), cx.explain(complaints)


def test_what_is_lacking_and_a_demand_for_better_are_complaints(cx):
    """1.12 (stop 40): a pseudo-cleft of what is missing criticises without a negation ("What FeastNow lacks is a decent
    menu" scored 0), and a demand for better says this time was bad ("hope B does better next time" read VADER's
    "hope" and "better" as praise, +0.68; "apple could do better" +0.40)."""
    complaints = [
        "What FeastNow lacks is a decent menu",
        "the one thing Skyway lacks is legroom",
        "hope QuickBite does better next time",
        "I hope Aerolux does better next time",
        "Skyway, do better next time",
        "apple could do better as far as storage goes",
    ]
    assert (cx.score(complaints)[0] < -0.05).all(), cx.explain(complaints)
    # what a film lacks in one thing it makes up for in another; a comparison; nobody doing better
    praise = [
        "What it lacks in substance it makes up for in heart.",
        "QuickBite does better than FeastNow on price",
        "nobody could do better than Skyway",
        # (review of stop 40: both were complaints, -0.33 and -0.59)
        "nobody else could do better than Skyway",
        "I doubt anyone could do better",
    ]
    assert (cx.score(praise)[0] > 0.05).all(), cx.explain(praise)


def test_quick_fixes_are_no_praise_of_speed(cx):
    """1.12 (stop 40): "are quick" (praise of speed, 1.11) read "These are quick fixes" as praise, +0.28, and "locks and
    keys are quick fixes for moral decline" (rated -1.0) +0.59. Speed said of the brand stays praise."""
    assert cx.score(["These are quick fixes", "the updates were quick fixes"])[0].tolist() == [0.0, 0.0]
    assert polarity(cx, "locks and keys are quick fixes for moral decline") == 0
    assert (cx.score(["the refunds are quick", "FeastNow were quick to respond"])[0] > 0.05).all()
    # and a brand quick to blame is criticised, as since the review of stop 39
    assert polarity(cx, "Skyway was quick to blame the weather") < -0.05


def test_lexicon_1_12_agrees_with_the_reference(cx, cx_reference):
    """The batch path and `cx-reference` give the same scores to the posts of 1.12's phrases, with line breaks too."""
    texts = [
        "What FeastNow lacks is a decent menu",
        "what it lacks\nis taste",
        "hope QuickBite does better next time",
        "hope QuickBite does better\nnext time",
        "Skyway could do better?",
        "nobody could do better than Skyway",
        "no one else could do better\nthan Skyway",
        "I doubt anyone could do better",
        "These are quick fixes",
        "These are quick\nfixes, honestly",
    ]
    assert cx_reference.score(texts)[0].tolist() == cx.score(texts)[0].tolist()


def test_a_wait_at_check_in_is_an_event_for_sarcasm(cx):
    """1.12 (later in stop 40): a hotel group's tester found "Great, another hour in the check-in queue…" +0.60: a wait
    at check-in was no customer event, so the sarcasm rule left the opener praise. Said with how long, it is one; a
    short wait and a quick check-in stay praise."""
    complaints = [
        "Great, another hour in the check-in queue…",
        "Great, another hour in the check-in queue...",
        "great, another 2 hours in line at check-in",
        "Lovely, 45 minutes at reception.",
        "Perfect, waited an hour to check in.",
        "Another hour in the queue at check-in.",
    ]
    assert (cx.score(complaints)[0] < -0.05).all(), cx.explain(complaints)
    praise = ["Only 5 minutes in the queue, great service!", "Love Skyway's new app, check-in took 30 seconds"]
    assert (cx.score(praise)[0] > 0.05).all(), cx.explain(praise)
    # a deadline is no wait
    assert polarity(cx, "You have 24 hours to check in online") == 0


def test_a_night_without_sleep_is_a_complaint(cx):
    """1.12 (later in stop 40): "Noise all night… could not sleep" scored 0. A sleepless night from excitement is no
    complaint (it was one, -0.41: VADER's "not" negated "excitement"), nor sleeping well despite the noise."""
    complaints = [
        "Noise all night… could not sleep",
        "Couldn't sleep, paper-thin walls.",
        "Kept awake by the party next door",
        "the noise kept us awake",
        "No sleep at the Grand Vista, the walls are paper thin",
    ]
    assert (cx.score(complaints)[0] < -0.05).all(), cx.explain(complaints)
    praise = [
        "I could not sleep from excitement before my trip!",
        "couldn't sleep from excitement",
        "slept like a baby despite the noise all night",
    ]
    assert (cx.score(praise)[0] > 0.05).all(), cx.explain(praise)
    # a book that kept its reader awake is none of the hotel's (0 in 1.11)
    assert polarity(cx, "The book kept me awake all night") == 0


def test_a_typographic_ellipsis_reads_as_three_dots(cx):
    """A "…" glued to a word hid the word from the lexicon ("delay…" is no word): "Great, another delay…" was praise,
    +0.60; it now scores as "Great, another delay...", and ends a sentence as the dots do."""
    texts = [
        "Great, another delay…",
        "Great, another delay...",
        "Terrible… Great seats though",
        "Terrible... Great seats though",
    ]
    got = cx.score(texts)[0].tolist()
    assert got[0] == got[1] < -0.05, cx.explain(texts)
    assert got[2] == got[3]


def test_lexicon_1_12_later_agrees_with_the_reference(cx, cx_reference):
    """The batch path and `cx-reference` give the same scores to the posts of 1.12's later phrases and to "…"."""
    texts = [
        "Great, another hour in the check-in queue…",
        "great, another 2 hours\nin line at check-in",
        "Lovely, 45 minutes at reception.",
        "Noise all night… could not sleep",
        "couldn't sleep from excitement!",
        "slept like a baby despite the noise\nall night",
        "only 5 minutes in the queue",
        "Great, another delay…again",
    ]
    assert cx_reference.score(texts)[0].tolist() == cx.score(texts)[0].tolist()


#: (ASCII, as phones and other keyboards type it): each pair scores the same, and not 0
TYPOGRAPHIC = [
    ('The service was "terrible"', "The service was “terrible”"),
    ('The service was "terrible"', "The service was „terrible“"),
    ('The service was "awful"', "The service was «awful»"),
    ('The service was "awful"', "The service was »awful«"),
    ("The service was 'terrible'", "The service was ‹terrible›"),
    ("I don't like it", "I don’t like it"),
    ("The crew was great - the food awful", "The crew was great—the food awful"),
    ("The crew was great - the food awful", "The crew was great–the food awful"),
    ("love it - not", "love it—not"),
    ("Terrible!!!", "Terrible！！！"),
    ("terrible, never again", "terrible，never again"),
    ("Terrible. Great seats though", "Terrible。Great seats though"),
    ("great service :)", "great service ：）"),
    ("Horrible service!", "¡Horrible service!"),
    ("Great, another delay...", "Great, another delay⋯"),
    ("Great, another delay...", "Great, another delay︙"),
    ("Is it good?", "Is it good？"),
    ("Is it good?", "¿Is it good?"),
]


def test_typographic_punctuation_reads_as_ascii(cx, cx_reference):
    """Quotes, dashes, ellipses, Spanish "¡" "¿" and full-width punctuation glued to a word hid it from the lexicon
    (VADER strips only ASCII punctuation): "“terrible”" and "great—the" were no words, "The service was “terrible”"
    scored 0 (-0.45 with ASCII quotes), "terrible，never again" 0 (-0.76); and "Is it good？" was no question (+0.41
    against +0.20). Each now scores as its ASCII text, in the batch path and in `cx-reference`."""
    ascii = [a for a, _ in TYPOGRAPHIC]
    typographic = [t for _, t in TYPOGRAPHIC]
    want = cx.score(ascii)[0].tolist()
    assert all(abs(w) > 0.05 for w in want), want
    assert cx.score(typographic)[0].tolist() == want, cx.explain(typographic)
    assert cx_reference.score(typographic)[0].tolist() == want
    assert want[0] == pytest.approx(-0.4476, abs=1e-4)  # (checked by hand against VADER's "terrible", -2.1)
    # one by one (`_analyze`) too, with the words and rules --explain names
    assert [cx._analyze(t, False)[0] for t in typographic] == want
    why = cx.explain(["The crew was great—the food awful", "Is it good？"])
    assert why[0].startswith("great +") and "awful -" in why[0], why
    assert "rules: question" in why[1], why


def test_a_hyphen_stays_in_its_word(cx):
    """A typographic hyphen ("check‐in", U+2010) is ASCII's, not a dash set apart: the phrase of the word with an ASCII
    hyphen counts, and the texts score alike."""
    texts = ["Great, another hour in the check-in queue", "Great, another hour in the check‐in queue"]
    got = cx.score(texts)[0].tolist()
    assert got[0] == got[1] < -0.05


def test_a_game_studios_players_verdicts(cx, cx_reference):
    """1.12 (gaming, later in stop 40): a game studio's tester found "Emberfall is pay to win garbage" +0.50 (VADER's
    "win"), "love getting disconnected mid-raid" +0.79 (no event for the sarcasm rule), "Emberfall's battle pass is
    actually worth it this season" -0.13 (its "battle"), queued as a complaint, and "Emberfall is a cash grab",
    "matchmaking is trash", "rubber banding is unplayable tonight" and "pvp is dogwater" 0."""
    complaints = [
        "Emberfall is pay to win garbage",
        "Emberfall is p2w now, $40 for a skin that gives stats",
        "Emberfall is a cash grab",
        "Emberfall matchmaking is trash, put me with level 12s against a full premade",
        "Emberfall rubber banding is unplayable tonight",
        "Riftborn is rubber-banding like crazy tonight",
        "lag spikes every 5 min on Emberfall EU",
        "Emberfall's pvp is dogwater",
        "Emberfall is dogshit now, rip",
        "queue times in Emberfall ranked are like 25 minutes, uninstalling",
        "patch 4.2 was a huge L for Emberfall",
        "Emberfall audio keeps desyncing",
        "love getting disconnected mid-raid in Emberfall. truly a 10/10 experience",  # (sarcasm: +0.79 before)
    ]
    assert (cx.score(complaints)[0] < -0.05).all(), cx.explain(complaints)
    praise = [
        "Emberfall's battle pass is actually worth it this season",
        "Emberfall support is actually goated, they restored my items in an hour",
        "Skyforge's new season is goated",
        "Emberfall hit 1M players, huge W",
    ]
    assert (cx.score(praise)[0] > 0.05).all(), cx.explain(praise)
    # the battle pass alone is a product, no fight; a film or a disc the old player could not play is no verdict
    assert polarity(cx, "the battle pass drops on Tuesday") == 0
    assert polarity(cx, "it did play a dvd-r which was unplayable in my older machine") > 0.05
    # the batch path and `cx-reference` agree on them
    assert cx_reference.score(complaints + praise)[0].tolist() == cx.score(complaints + praise)[0].tolist()


def test_the_players_verdicts_leave_trash_day_the_l_train_and_big_w_alone(cx, cx_reference):
    """1.12's gaming phrases: "Monday is trash day", "Java is garbage collected" scored -0.47 (0 before them) for
    "is trash" and "is garbage"; "take the L train to O'Hare" -0.39 for "take the L"; and Big W, a retailer (a brand
    brandpulse is asked about), +0.43 in every post naming it for "big W" ("Big W is open until 9")."""
    neutral = [
        "Monday is trash day",
        "tomorrow is garbage day so put the bins out",
        "Thursday is trash pickup",
        "Java is garbage collected",
        "is garbage collection slow in java",
        "I took the L train to the Skyway office",
        "take the L train to O'Hare",
        "Big W is open until 9",
        "Big W has the new Emberfall console bundle",
    ]
    assert cx.score(neutral)[0].tolist() == [0.0] * len(neutral), cx.explain(neutral)
    complaints = ["this thing is trash", "matchmaking is garbage", "took the L again in ranked"]
    assert (cx.score(complaints)[0] < -0.05).all() and polarity(cx, "Emberfall, huge W") > 0.05
    assert cx_reference.score(neutral)[0].tolist() == [0.0] * len(neutral)


def test_a_lone_l_is_no_praise(cx, cx_reference):
    """1.13 (stop 41): VADER's "l" (+2.0) read "L devs" and "ratio + L" as praise (+0.55), and so a middle initial or
    the L train; a lone "L" is 0, and the slang's verdict before what lost is negative."""
    assert cx.score(["L devs", "L take tbh", "that patch was an L update"])[0].max() < -0.05
    neutral = ["ratio + L", "Samuel L. Jackson flew Skyway", "I rode the L to work", "l mean the app is open"]
    assert cx.score(neutral)[0].tolist() == [0.0] * len(neutral), cx.explain(neutral)
    # the words around it still count, and "huge L" stays a loss
    assert polarity(cx, "Samuel L. Jackson is great") > 0.05 and polarity(cx, "huge L for the devs") < -0.05
    both = [*neutral, "L devs"]
    assert cx_reference.score(both)[0].tolist() == cx.score(both)[0].tolist()


def test_nobody_imaginable_doing_better_is_praise(cx, cx_reference):
    """1.13 (stop 41): "hard to imagine anyone could do better" was -0.41 (its "could do better" a demand for better),
    and "can't imagine anyone doing better" 0. Anyone at all doing better, without the lead-in, is still a complaint."""
    praise = [
        "hard to imagine anyone could do better",
        "It's difficult to imagine anybody doing better than Skyway",
        "I can't imagine anyone could do better",
        "I cannot imagine anyone doing better, the crew was fantastic",
    ]
    assert cx.score(praise)[0].min() > 0.05, cx.explain(praise)
    complaints = ["anyone could do better than this", "Skyway could do better", "literally anyone could do better"]
    assert cx.score(complaints)[0].max() < -0.05, cx.explain(complaints)
    assert cx_reference.score(praise)[0].tolist() == cx.score(praise)[0].tolist()


def test_beauty_talk(cx, cx_reference):
    """stop 42: a product's faults in beauty talk were no sentiment ("went cakey", "pilling"), "it's giving cakey 💀"
    was positive (VADER's "giving"), "holy grail" 0, and a "dupe" (a cheaper match of a product) -0.33 for both brands
    of "X is a Y dupe"."""
    faults = ["Velvet Matte went cakey after 2 hours", "Glow Serum pilling under my foundation", "it's giving cakey 💀"]
    assert cx.score(faults)[0].max() < -0.05, cx.explain(faults)
    assert polarity(cx, "the Glow Serum is my holy grail") > 0.05
    dupes = ["Dewdrop serum is a Glow Serum dupe", "found a Velvet Matte dupe at the drugstore"]
    assert cx.score(dupes)[0].tolist() == [0.0, 0.0], cx.explain(dupes)
    assert polarity(cx, "I got duped by this seller") < -0.05  # (deceived: still VADER's)
    both = [*faults, *dupes, "the Glow Serum is my holy grail"]
    assert cx_reference.score(both)[0].tolist() == cx.score(both)[0].tolist()


@pytest.mark.parametrize(
    "text",
    [
        "great, another 90th minute winner for them 🙄",
        "love how the ref gives them every decision 🙃",
        "Brilliant 🙄 Ticketmaster crashed and now the tickets are gone",
    ],
)
def test_an_eye_roll_after_an_opener_is_sarcasm(cx, text):
    """ "great, another 90th minute winner for them 🙄" was praise (+0.74; fan-engagement review, stop 42): the sarcasm
    rule needed a customer event, and the eye roll (🙄, 🙃: `[sarcasm] markers`) that says the praise is not meant
    was only a weak negative beside "great" and "winner". It counts as an event now, in the batch and in `explain`."""
    assert polarity(cx, text) < -0.05
    assert "sarcasm" in cx.explain([text])[0]


def test_an_eye_roll_without_an_opener_is_no_sarcasm(cx):
    # no opener in the first words: the eye roll weighs as an emoji, and praise with no eye roll stays praise
    assert "sarcasm" not in cx.explain(["what a goal from Son, world class, shame about the result 🙄"])[0]
    assert polarity(cx, "great, another 90th minute winner for us 😍") > 0.05


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # a fan's complaints of prices and tickets VADER has no word for: they were neutral, or praise ("loyal")
        ("£4.50 booking fee on every ticket @TicketmasterUK, daylight robbery", -1),
        ("season ticket renewal price up 15%, pricing out loyal fans", -1),
        ("priced out of watching my own club", -1),
        ("ballot results out, didn't get tickets again. loyalty points mean nothing", -1),
        ("we were robbed, never a penalty", -1),
        ("the Gunners bottled it again", -1),
        ("Everton fans are deluded", -1),
        # a scheme's name is no praise, and a loyal fan still is
        ("how do I check my loyalty points balance", 0),
        ("20 years a season ticket holder, loyal to the end", 1),
    ],
)
def test_a_fans_words_for_prices_tickets_and_results(cx, text, sign):
    """Fan-engagement review (stop 42): "daylight robbery", "pricing out loyal fans" (+0.45 for "loyal"), "loyalty
    points mean nothing" (+0.52), "we were robbed", "bottled it" and "deluded" were neutral or praise."""
    score = float(polarity(cx, text))
    assert (score > 0.05) - (score < -0.05) == sign, (text, score)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Voltra CEO apologizes for the recall on CNBC. Too little too late", -1),
        ("Voltra CEO apologizes for the recall on CNBC. Too little, too late", -1),
        ("too little too late from Voltra", -1),
        # an apology alone is still read as VADER reads it
        ("Voltra CEO apologizes for the recall", 1),
    ],
)
def test_too_little_too_late_judges_a_response(cx, text, sign):
    """A car maker's recall (stop 43): the CEO's apology "too little too late" was +0.33, for "apologizes", and the
    board report's `ceo` topic read +100 NSS in the week of the recall."""
    score = float(polarity(cx, text))
    assert (score > 0.05) - (score < -0.05) == sign, (text, score)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # stop 43: a company giving is generosity; "it's giving X" stays the slang, X its verdict
        ("Tesco is giving back to the community", 1),
        ("Greggs is giving away free sausage rolls today", 1),
        ("it's giving cakey 💀", -1),
        ("this shade is giving glass skin", 0),
        # the hunt for a holy grail is for something hard to find; one's holy grail is still praise
        ("honestly it's like searching for the holy grail trying to find this in stock", 0),
        ("still chasing the holy grail of a foundation that doesn't oxidise", 0),
        ("the Glow Serum is my holy grail", 1),
        # who deserves better is let down
        ("loyal fans deserve better", -1),
        ("the players deserved better than that ref", -1),
        # laughter is at something, not praise of it; a joke's praise is its words'
        ("Spurs gonna Spurs 😂😂", 0),
        ("Ryanair lost my bag again 🤣", -1),
        ("this ad is hilarious 😂", 1),
        # an insurer's valuation is a figure, its terms facts of the claim
        ("Aviva valued my car at £3k less than what I paid", -1),
        ("they undervalued my car after the write-off", -1),
        ("it was a no fault claim and they still put my premium up", 0),
        ("I feel valued as a customer", 1),
    ],
)
def test_generosity_quests_letdowns_laughter_and_valuations(cx, text, sign, cx_reference):
    """Stop 43: "is giving" (made 0 for the slang in stop 42) took "Tesco is giving back" to 0; "searching for the
    holy grail" was praise (+0.53), "loyal fans deserve better" +0.41, "Spurs gonna Spurs 😂😂" +0.68 (VADER's "tears
    of joy"), "valued my car at £3k less than what I paid" +0.41 and "a no fault claim" +0.27 (the negated "fault")."""
    assert_sign(cx, cx_reference, text, sign)


def test_crying_beside_praise_is_a_rave(cx, cx_reference):
    """Stop 43: "I'm crying 😭😭 this palette is everything" was -0.74 ("crying" and 😭) and queued as a complaint:
    crying words with praise their only company weigh nothing (`[rave]`), in the batch (a plain text without emoji
    too), the reference and `explain`; beside a complaint of their own they stay negative."""
    raves = [
        "I'm crying 😭😭 this palette is everything",
        "crying this palette is gorgeous",  # (ASCII, one sentence: the batch's plain path had no rule)
        "sobbing 😭 the new shade range is stunning",
        "I'm dead 💀 this palette is everything",  # ("i'm dead" is laughter: VADER's "dead" -3.3 made it -0.33)
    ]
    assert cx.score(raves)[0].min() > 0.05, cx.explain(raves)
    assert all("crying with praise" in why for why in cx.explain(raves[:3]))
    complaints = [
        "I'm crying 😭 they cancelled my flight",
        "😭😭 my order still hasn't arrived",
        "crying 😭",
        "my phone is dead after the update",
    ]
    assert cx.score(complaints)[0].max() < -0.05, cx.explain(complaints)
    both = raves + complaints
    assert cx_reference.score(both)[0].tolist() == cx.score(both)[0].tolist()
    assert [cx.score([t])[0][0] for t in both] == cx.score(both)[0].tolist()
    assert polarity(cx, "is everything ok with the app today?") == 0  # (a question, not the rave "is everything")


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("that goal was filthy", 1),
        ("that goal was absolutely sick", 1),
        ("absolutely sick finish from Saka", 1),
        ("what a ridiculous save from Raya", 1),
        ("the save was unreal", 1),
        # the words alone stay complaints (or, "unreal", outrage as often as praise), and a play's phrase is negated
        ("unreal. been on hold 55 minutes", -1),
        ("the toilets at the ground were filthy", -1),
        ("I feel absolutely sick after that result", -1),
        ("got sick after the pies at the ground", -1),
        ("that was not a sick goal, it was a deflection", -1),
        ("great free kick routine", 1),
        ("free kick to Arsenal", 0),  # (a free kick is no gift)
    ],
)
def test_a_play_praised_in_slang(cx, text, sign, cx_reference):
    """Stop 43: "that goal was filthy" (-0.50) and "absolutely sick finish" (-0.53) were complaints, "the save was
    unreal" 0: a word of disgust after or before a play (`[play]`) is praise; alone it is still a complaint."""
    assert_sign(cx, cx_reference, text, sign)


def test_play_phrases_are_each_form_of_each_thing_and_word():
    plays = cx_module._plays({"things": ["goal", "free kick"], "words": ["sick"], "forms": ["{word} {thing}"]})
    assert plays == {"sick goal": 0.0, "sick free kick": 0.0}  # (no valence: 0)
    lex = load_lexicon()
    assert lex.phrases["goal was filthy"] == lex.phrases["sick free kick"] == 2.4


@pytest.mark.parametrize(
    "text",
    [
        "Dead simple setup with @stackly/sdk, had auth working in 5 minutes",
        "stackly's mock server is crazy fast, ridiculously good DX",
        "Stackly's error messages are stupid good",
        "Honestly Stackly is a no-brainer for API testing now. Wicked fast.",
        "Typed errors are the killer feature of Stackly 2.4",
    ],
)
def test_developers_praise_in_slang_is_positive(cx, text):
    """Stop 43: VADER read developers' praise by its words' harm ("dead simple" -0.63, "crazy fast, ridiculously good
    DX" -0.85, "stupid good", "wicked fast", "killer feature"), and such posts led the answer queue as complaints."""
    assert label(pd.Series([polarity(cx, text)]))[0] == "positive"


def test_the_words_of_software_say_nothing_but_harm_said_apart_still_does(cx):
    assert polarity(cx, "How to kill the process that stackly dev leaves running?") == 0
    assert polarity(cx, "Where are the error messages of the mock server logged?") == 0
    # the slang is a phrase: the words apart keep VADER's weights
    assert polarity(cx, "He was shot dead, simple as that") < -0.3
    assert polarity(cx, "The error messages are useless and the mock server is broken") < -0.3


def test_is_everything_is_a_rave_only_where_it_ends_its_clause(cx):
    """Review of stop 43: "is everything" (+1.8) read the tuning set's "The sequel is everything the original was not:
    contrived, overblown and tie in ready" (gold -2.1) as praise, +0.75; there "everything" is what follows."""
    assert polarity(cx, "The sequel is everything the original was not: contrived, overblown and tie in ready.") < 0.6
    assert polarity(cx, "this palette is everything") > 0.05


@pytest.mark.parametrize(
    "text",
    [
        "Absolutely disgraceful service from Brackenford council housing. Leaking roof for 3 months",
        "Atrocious service from the council this week",
        "Abysmal response to my repair request",
    ],
)
def test_a_residents_strongest_complaint_words_are_negative(cx, text):
    """Stop 44: VADER has no "disgraceful", "atrocious" or "abysmal", and cx scored such posts 0: neutral, no
    complaint, left out of the council's answer queue."""
    assert label(pd.Series([polarity(cx, text)]))[0] == "negative"


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("this is sick", 1),
        ("that's sick 🔥", 1),
        ("it's sick", 1),
        ("this is so sick!", 1),
        ("this new drop is sick!!", 1),  # (was -0.70: "drop", VADER's -1.1, counted as a negative word beside it)
        ("this kills it", 1),
        ("this new app kills it", 1),
        ("this is killer", 1),
        ("this isn't sick", -1),
        ("this ain't sick", -1),  # (+0.37 on stop 44's rule: VADER's negation, no verdict)
        # more words after it, or another negative word in its clause: no verdict
        ("I feel sick after eating there", -1),
        ("the update killed my battery", -1),
        ("the lack of pace kills it", -1),
        ("this delay is killer", -1),
        # illness: a person, a group of people, a body, a pet, food or water is sick (each +0.48 on stop 44's rule)
        ("the baby is sick", -1),
        ("Mum is sick", -1),
        ("everyone here is sick", -1),
        ("half the crew is sick", -1),
        ("The water is sick", -1),
        ("Colm is sick", -1),
        ("this baby is sick", -1),
        ("that water is sick", -1),
        ("she is sick", -1),
        ("my son is sick", -1),
        ("my cat is sick", -1),
        # stop 45: an animal, young or plural, is as ill as a pet ("this puppy is sick" was praise)
        ("this puppy is sick", -1),
        ("the kittens are sick", -1),
        ("the horse was sick", -1),
        # stop 45: a thing's verdict with "the" or an owner's name, in the past, and with a tail ("the battery life is
        # killer", "the app kills it", "this is sick af", "the gig was sick" were complaints)
        ("the battery life is killer", 1),
        ("the app kills it", 1),
        ("Voltra's new app kills it", 1),
        ("this is sick af", 1),
        ("the gig was sick", 1),
        ("the new update is sick fr", 1),
        ("the gig was sick last night", -1),  # (more words after it: no verdict)
        # a hardship's "killer" or "kills it" is a complaint (`not_of`; each praise on stop 45's rule without it)
        ("the wait is killer", -1),
        ("the heat is killer", -1),
        ("this headache is killer", -1),
        ("the price kills it", -1),
        ("the prices are killer", -1),
        ("the commute was killer", -1),
        ("great phone but the price kills it", -1),
        # "unreal" is no verdict, and 0 alone, as before stop 44 (exasperation as often as praise: +0.33 on its rule)
        ("the queue is unreal", 0),
        ("This is unreal", 0),
        ("the pricing is unreal", 0),
        ("Salah is unreal", 0),
        ("unreal how long this queue is", 0),
        ("unreal. been on hold 55 minutes", -1),
    ],
)
def test_slang_praise_as_a_things_verdict(cx, text, sign, cx_reference):
    """Stop 44: "this is sick" was a complaint: a slang word ending its clause after "is" (`[verdict]`) is praise,
    where its subject is "this", "that" or "it" (perhaps with a noun: "this new drop"), not a person, a group of
    people, a body, a pet, food or water. "the baby is sick", "the wait is killer" keep their weight."""
    assert_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("finally fixed the lag", 1),
        ("thanks for fixing the outage so fast", 1),
        ("they solved our problem in a day", 1),
        ("still lags after the fix", -1),
        ("never fixed the lag", -1),  # (VADER's "never" reached "lag": +0.22, praise)
        ("they have not solved the lag", -1),
        ("fixed the app and now it keeps crashing", -1),
        ("they're fixing the outage", -1),  # (under way: the outage is still there)
        # stop 45: a fix only asked for or denied ("didn't fix the lag" was +0.22: VADER's "didn't" reached "lag")
        ("didn't fix the lag", -1),
        ("the update did not fix the lag", -1),
        ("they won't fix the crash", -1),
        ("please fix the lag", -1),
        ("not fixing the lag", -1),
        # a problem said, with "is" or "was", of the words after a fix: no fix (+0.21 each on stop 44's rule)
        ("the fixed menu was awful", -1),
        ("fixed income is awful right now", -1),
    ],
)
def test_a_problem_after_its_fix_is_no_complaint(cx, text, sign, cx_reference):
    """Stop 44: "finally fixed the lag" was -0.30: a problem word up to three words after a word of its fix
    (`[fix]`) is the fix; a negated fix leaves it a complaint."""
    assert_sign(cx, cx_reference, text, sign)


def test_verdicts_and_fixes_agree_in_a_batch(cx, cx_reference):
    texts = ["this is sick", "ok", "finally fixed the lag. this is killer", "never fixed the lag", "this app kills it"]
    texts += ["the lack of pace kills it", "she is sick", "the baby is sick", "this new drop is sick!!", "it's sick"]
    assert cx.score(texts)[0].tolist() == cx_reference.score(texts)[0].tolist()
    assert cx.score(texts)[0].tolist() == [cx.score([t])[0][0] for t in texts]
    why = cx.explain(["finally fixed the lag"])[0]
    assert "lag +0.70 (problem fixed)" in why and "rules: problem fixed" in why


OWN_RULES = """\
[rave]
words = ["screaming"]
[play]
things = ["dunk"]
valence = 2.0
[verdict]
words = ["wild"]
[words]
wild = -1.0  # (a verdict turns a word's own weight)
"""


def test_own_lexicon_adds_to_rule_sections(cx, tmp_path):
    """Stop 44: a `cx:FILE.toml` could not set `[rave]` or `[play]` ("unknown entry 'rave'"): a rule's lists add to
    the built-in ones, its numbers replace them."""
    (tmp_path / "own.toml").write_text(OWN_RULES, encoding="utf-8")
    own = get_analyzer(f"cx:{tmp_path / 'own.toml'}")
    assert "screaming" in own.lex.rave and "crying" in own.lex.rave
    assert own.lex.phrases["sick dunk"] == 2.0 and own.lex.phrases["goal was filthy"] == 2.0
    assert own.lex.verdict[-1] == "wild" and "sick" in own.lex.verdict
    texts = ["that dunk was filthy", "this is wild"]
    assert cx.score(texts)[0].tolist() == [pytest.approx(-0.50, abs=0.01), 0.0]
    assert own.score(texts)[0].min() > 0.05
    (tmp_path / "bad.toml").write_text("[play]\nwords = 'sick'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[play\] words: a list of words"):
        get_analyzer(f"cx:{tmp_path / 'bad.toml'}")
    # [fix] within is a count of words (2.5, -2 and 0 were taken, "3" was "a valence from -4 to 4")
    for within in ("2.5", "-2", "0", '"3"', "true", "11"):
        (tmp_path / "bad.toml").write_text(f"[fix]\nwithin = {within}\n", encoding="utf-8")
        with pytest.raises(ConfigError, match=r"\[fix\] within = .*: a whole number from 1 to 10$"):
            get_analyzer(f"cx:{tmp_path / 'bad.toml'}")
    (tmp_path / "bad.toml").write_text("[fix]\nwithin = 1\n", encoding="utf-8")
    assert get_analyzer(f"cx:{tmp_path / 'bad.toml'}").lex.fix_within == 1
    (tmp_path / "bad.toml").write_text("[rave]\nvalence = 2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[rave\] unknown entry 'valence' \(known: words\)"):
        get_analyzer(f"cx:{tmp_path / 'bad.toml'}")


def test_an_aphorism_of_everything_is_no_rave(cx):
    """Stop 44: "timing is everything" was +0.39 (the rave "is everything" of stop 43): a maxim, no one raved about."""
    assert cx.score(["timing is everything", "Location is everything."])[0].tolist() == [0.0, 0.0]
    assert polarity(cx, "this palette is everything") > 0.05


def test_laughter_at_something_is_no_praise(cx):
    """Stop 44: "Polestar fans laughing at the Voltra recall" was +0.47 (VADER's "laughing" +2.2), as 😂 was (stop 43):
    laughter at something mocks it; laughter alone keeps VADER's weight. Stop 45: mockery is a complaint
    ("everyone's laughing at Voltra" was 0), but for laughter at what is made for it (an ad, a joke, a meme), denied
    (VADER's negation made it praise) and "Laugh at My Pain", a film ("go see laugh at my pain" was -0.13, for
    "pain")."""
    mocked = ["Polestar fans laughing at the Voltra recall", "everyone's laughing at Voltra", "we laughed at Voltra"]
    made = ["everyone laughed at the new ad", "laughing at this meme", "Laugh at My Pain", "we're not laughing at them"]
    got = cx.score(mocked + made)[0]
    assert (got[:3] < -0.05).all() and got[3:].tolist() == [0.0, 0.0, 0.0, 0.0], got
    assert got.tolist() == CxAnalyzer(reference=True).score(mocked + made)[0].tolist()
    assert polarity(cx, "this ad made me laugh so hard") > 0.05
    assert polarity(cx, "go see laugh at my pain, it is hilarious") > 0.05


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Bella goes mad for PawPal treats. 10/10", 1),  # (-0.47: VADER's "mad")
        ("my cat is obsessed with the salmon one", 1),  # (-0.13: VADER's "obsessed")
        ("the dogs go crazy for these chews", 1),
        ("I'm obsessed with his voice", 1),
        ("tried the new flavour, 10/10 would buy again", 1),
        ("I'm not crazy about the looks of it", -1),
        ("0/10 would not recommend", -1),
        ("the delay is about 1/10 of a second", -1),  # (a fraction, no rating: the delay alone)
        # a date written so, no rating (review of stop 45: +0.18 and +0.52)
        ("flight on 10/10 was delayed", -1),
        ("see you on 10/10", 0),
        ("closed until 11/10 for repairs", 0),
        ("deleted QuickBite. FeastNow from now on 10/10", 1),  # (a rating still)
    ],
)
def test_enthusiasm_and_ratings_out_of_ten(cx, text, sign):
    """Stop 45: enthusiasm for a product, a pet's or one's own, and a rating out of ten, read as complaints or 0."""
    score = float(polarity(cx, text))
    assert (score > 0.05) - (score < -0.05) == sign, cx.explain([text])
    assert CxAnalyzer(reference=True).score([text])[0][0] == score


def test_explain_names_what_weighs_nothing(cx):
    """Stop 45: `--explain` said "no sentiment words" where the lexicon's 0 or a rule took a word's weight away: it
    names the phrase, the word and the rule."""
    got = cx.explain(["Laugh at My Pain", "everyone laughed at the new ad", "rock solid DX", "the sky"])
    assert got[0] == "laugh_at_my_pain +0.00 (cx, no sentiment) | score +0.000"
    assert got[1] == "laughed_at +0.00 (cx, no mockery) | rules: no mockery | score +0.000"
    assert "DX +0.00 (cx, no sentiment)" in got[2]
    assert got[3] == "no sentiment words | score +0.000"


@pytest.mark.parametrize(
    "text, sign",
    [
        # a pet's illness after its food, and a food gone off: 0 before stop 44 (VADER has no such words)
        ("Dog has been vomiting since the new PawPal bag", -1),
        ("Dog had a seizure after PawPal dental sticks", -1),
        ("The PawPal tin was mouldy inside", -1),
        ("Vet thinks the kibble was contaminated", -1),
        # a food's date label is no praise: +0.62 before stop 44, so a 1-star "plastic in the bag" was praise
        ("Found plastic in the bag. Best before 03/2027", 0),
        ("Kibble smelled off, best by 11/2026", 0),
        ("PawPal is the best food we have tried", 1),
    ],
)
def test_a_pets_illness_is_negative_and_a_best_before_date_no_praise(cx, text, sign):
    assert np.sign(round(polarity(cx, text), 2)) == sign, polarity(cx, text)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 46: the department, not support given (VADER's "support" +1.7 made each praise)
        ("Taskpad support took 5 days to answer", -1),  # (stop 47: the wait is a complaint; 0 before)
        ("contacted support about the lost booking", -1),
        ("Taskpad support was useless", -1),
        ("support is great at Taskpad", 1),
        ("Taskpad support never disappoints", 1),  # (a negation keeps its reach)
        # (review of stop 46: the department's silence, +0.37 for VADER's "support", "support never replied to my email"
        # -0.04; "never answered" was 0)
        ("Taskpad support never answered", -1),
        ("support never replied to my email", -1),
        ("support never got back to me", -1),
        ("they never answered the phone", -1),
        # a farewell (+0.41, VADER's "good")
        ("good riddance Skyway", -1),
        ("Good riddance to Skyway!", -1),
        # amazement at how a thing is, no mockery of it (+0.05: the mockery's -1.5 against "good")
        ("laughing at how good this is", 1),
        ("laughing at how bad the app is", -1),
        ("everyone's laughing at Voltra", -1),  # (mockery still)
    ],
)
def test_support_as_a_department_a_farewell_and_laughing_at_how(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    if text.startswith("laughing at how"):  # (the laughter weighs nothing: +0.05 against +0.41 for "good" alone)
        assert polarity(cx, text) == polarity(cx, text.removeprefix("laughing at "))


def test_explain_says_a_brands_name_the_lexicon_zeroes_is_one(cx):
    """Stop 46: a brand's name that cx's lexicon zeroes ("united", VADER's +1.8) was explained as "(cx, no sentiment)",
    which says nothing of why; with the brands named (`names_neutral`) it is "(brand name)"."""
    from brandpulse.config import Brand
    from brandpulse.enrich.brand_names import names_neutral

    text = "United flight was fine"
    named = names_neutral(cx, [Brand("United", ["United", "United Airlines"]), Brand("Delta", ["Delta"])])
    assert named.explain([text]) == ["United +0.00 (brand name); fine +0.80 | score +0.158"]
    assert named.score([text])[0].tolist() == cx.score([text])[0].tolist()  # (nothing masked)
    assert cx.explain([text]) == ["United +0.00 (cx, no sentiment); fine +0.80 | score +0.158"]  # (no brands)
    other = names_neutral(cx, [Brand("Delta", ["Delta"])]).explain(["United flight was fine, Delta too"])
    assert other[0].startswith("United +0.00 (cx, no sentiment)")  # (not a brand of this config)
    # (review of stop 46: only where the text names the brand; its terms' words alone do not, nor does a handle's "@")
    ua = names_neutral(cx, [Brand("UA", ["United Airlines", "@united"])])
    texts = ["the Manchester United game was fine", "United Airlines flight was fine", "@united flight was fine"]
    assert [why.split(";")[0] for why in ua.explain(texts)] == [
        "United +0.00 (cx, no sentiment)",
        "United +0.00 (brand name)",
        "united +0.00 (brand name)",
    ]
    assert ua.score(texts)[0].tolist() == cx.score(texts)[0].tolist()  # (nothing masked)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 47: the department before a negation did nothing (+0.37 each, VADER's "support" +1.7)
        ("Taskpad support never helped", 0),
        ("support didn't reply for a week", 0),
        ("support still never helped", 0),
        # (stop 49: what never came is a complaint, "never came" -2.0, the department still weighing nothing)
        ("help never came", -1),
        ("Taskpad support never disappoints", 1),  # (the negation keeps its reach)
        ("support never let me down", 1),
        ("I support them, never give up", 1),  # (a comma ends its clause: support given)
        ("we don't support this", -1),
        # the wait for an answer in words of no sentiment (0 before), not a deadline
        ("took 5 days to answer", -1),
        ("it took them two weeks to reply", -1),
        ("still waiting, 3 weeks to get back to me", -1),
        ("you have 14 days to respond", 0),
        # support people give, not the department (0: "support has" is the department's phrase)
        ("the community support has been overwhelming", 1),
        ("Taskpad support has been useless", -1),
        # a date's thing ("the 10/10 flight": +0.52, a rating), where a rating stays one
        ("the 10/10 flight", 0),
        ("a 10/10 flight", 1),
        ("the flight was 10/10", 1),
        # an animal `not_of` lacked (+0.48, slang praise)
        ("this hedgehog is sick", -1),
        ("this hedgehog is cute", 1),
    ],
)
def test_support_that_did_nothing_a_wait_for_an_answer_and_support_given(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


def test_the_departments_rule_agrees_in_a_batch_and_is_explained(cx, cx_reference):
    """The batch path finds the department's negation as `_analyze` does (a text with it is not "plain")."""
    texts = ["support never helped", "ok", "Taskpad support never helped :(", "support doesn't care", "support rocks"]
    texts += ["the help wasn't there. support never disappoints", "help!! nobody answers"]
    got = cx.score(texts)[0].tolist()
    assert got == cx_reference.score(texts)[0].tolist()
    assert got == [cx.score([t])[0][0] for t in texts]
    assert got[0] == 0 and got[4] > 0.05
    assert cx.explain(["support never helped"]) == ["support +0.00 (department) | rules: department | score +0.000"]


def test_explain_lists_masked_brand_names_and_only_the_names_own_words(cx):
    """Stop 47: a brand's name masked (`names_neutral`: "Best Western", VADER's "best" +3.2) was left out of the
    explanation, and with a name's word the lexicon zeroes ("Party City"), every "party" was said to be the name."""
    from brandpulse.config import Brand
    from brandpulse.enrich.brand_names import names_neutral

    named = names_neutral(cx, [Brand("Best Western", ["Best Western"]), Brand("Party City", ["Party City"])])
    texts = ["Best Western was awful", "Loved Best Western, best stay ever", "Party City's party aisle was fun"]
    got = named.explain(texts)
    assert got[0] == "Best +0.00 (brand name); Western +0.00 (brand name); awful -2.00 | score -0.429"
    assert got[1].startswith("Loved +2.90; Best +0.00 (brand name); Western +0.00 (brand name); best +3.20")
    assert got[2].startswith("Party +0.00 (brand name); party +0.00 (cx, no sentiment); fun +2.30")
    assert named.score(texts[:1])[0][0] == cx.score(["awful"])[0][0]  # (the name still weighs nothing)


def test_builtin_made_is_the_lexicons_mockery_made():
    """`builtin_made` parses the `[mockery]` table alone (at import, for `MOCKED`): the same words as the whole file."""
    from brandpulse.enrich.cx import _builtin_data, builtin_made

    assert builtin_made() == [w.lower() for w in _builtin_data()["mockery"]["made"]]
    assert {"ad", "skit", "tweet"} <= set(builtin_made())


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 47: a bank's 1-star app reviews scored neutral or positive (+0.13, -0.01, 0)
        ("Payments stuck on pending since Friday, support just sends copy paste replies.", -1),
        ("App freezes after the update on the home screen, have to force close it.", -1),
        ("Since version 5.2 the app just hangs on the loading spinner.", -1),
        ("Great features, shame the card keeps getting declined abroad.", -1),
        ("My transfer is still pending after 3 days", -1),
        ("Refund still pending since Monday", -1),
        # a status still pending, of an exam or a verdict, is not a complaint ("still pending" alone was -0.26, -0.11)
        ("Results still pending, fingers crossed", 0),
        # not a picture that hangs, nor a patent pending
        ("The picture just hangs on the wall.", 0),
        ("Patent pending design, love it", 1),
        # having to force close it, not the advice to (-0.30 with "force close" alone)
        ("I had to force close it three times today", -1),
        ("Pro tip: force close the app and reopen it", 0),
    ],
)
def test_a_banking_apps_stuck_payments_freezes_and_declined_cards_are_negative(cx, cx_reference, text, sign):
    for analyzer in (cx, cx_reference):
        assert np.sign(round(polarity(analyzer, text), 2)) == sign, polarity(analyzer, text)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 47: an energy utility's customers in a storm, read as praise (+0.30, +0.30, +0.28) or neutral (0, -0.04)
        ("said restored but we're still out", -1),
        ("texted 'power restored' but my house is still dark", -1),
        ("Northgrid app says restored but we are still out", -1),
        ("ETR keeps moving… tell us the truth", -1),
        ("ETR moved again. 3rd time", -1),
        ("Power's been out 5 hours now", -1),
        ("been out 12 hours", -1),
        ("internet's been out since noon", -1),
        ("Still no power. Day 2. you are a joke", -1),
        # being without a service, VADER's "no" alone before (-0.26, as "no power bank needed")
        ("No gas since Tuesday", -1),
        ("my mom is on oxygen and we have no power PLEASE help", -1),
        ("no water since this morning", -1),
        ("no heat for two days with a newborn", -1),
        ("still without power", -1),
        # a thing of that name, no trouble, and going out (-0.26, -0.62 before; 0)
        ("no power bank needed", 0),
        ("no gas station for 40 miles", 0),
        ("works without power too", 0),
        ("out for dinner", 0),
        ("still no complaints", 1),
        ("still no issues after a month", 1),
        ("no power cuts since the upgrade", 1),
        ("power's back, thanks!", 1),
        ("no issues since the update", 1),
        ("restored within an hour, amazing crews", 1),
    ],
)
def test_outage_talk_being_without_a_service_a_false_restoration_and_a_moving_estimate(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 47's "no gas", "without power": a thing that needs none, a tool, a car's steering (-0.65, +0.41 before)
        ("great stove, no gas needed", 1),
        ("built this shed without power tools", 0),
        ("no water needed, just add the pods", 0),
        ("no power steering on this car", 0),
        ("no power since 6pm", -1),  # (still an outage)
    ],
)
def test_outage_phrases_leave_what_needs_no_power_gas_or_water(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 48: tweet and customer-talk expressions cx read as no sentiment (0) or, "hell yes", as VADER's "hell"
        ("my exam is at 8am tomorrow fml", -1),
        ("so dissapointed with the delivery", -1),
        ("really disapointed with my new headphones", -1),
        ("the app update was a dissapointment", -1),
        ("you won't be dissapointed", 1),
        ("so pumped for the launch on friday", 1),
        ("parcel came a day early :))", 1),
        ("I look forward to the new menu", 1),
        ("she looks forward to every delivery", 1),
        ("free upgrade to business? hell yes", 1),
        ("hell yeah the new season drops tonight", 1),
        ("heck yes, they restocked the blue one", 1),
        ("extra fries? yes please", 1),
        ("mind blown by the new camera", 1),
        ("the night mode is mind-blowing", 1),
        ("that battery life blew my mind", 1),
        ("a second rate airline with first class prices", -1),
        ("third-rate customer service", -1),
        ("2nd rate phone", -1),
        ("get your act together Skyway", -1),
        ("Northgrid get your stuff together", -1),
        ("the hinge has a design flaw", -1),
        ("why oh why did I order from them", -1),
        # "yes", "please" and "look" alone still weigh nothing
        ("yes, I have the receipt", 0),
        ("please send the invoice", 0),
        ("look at the forward cabin", 0),
    ],
)
def test_slang_misspellings_and_exclamations_cx_read_as_nothing(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 48: the help desk as the department (-0.04: VADER's "help" +1.7 against the silence)
        ("the help desk never answered my ticket", -1),
        ("the help desk was brilliant", 1),
        # and its verdict that the department's phrases took in (+0.26 for "joke", +0.03)
        ("Voxa support is a joke", -1),
        ("Voxa support sucks", -1),
        # the hours and minutes of a wait for an answer (0 before), never of a fix
        ("it took Voxa 3 hours to respond", -1),
        ("45 minutes to get a reply from the bank", -1),
        ("over an hour for a callback", -1),
        ("it took them 3 weeks to get an answer", -1),
        ("took 2 hours to fix my bike, great job", 1),
        ("only 5 minutes to reply, lovely", 1),
        ("you have 48 hours to respond", 0),
    ],
)
def test_the_help_desk_and_waits_of_hours_for_an_answer(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 48: the department rule read a verb's object before a negation ("I support them never give up" 0), a
        # negation that denies a problem ("support no longer crashes" -0.002) as the department's silence
        ("we support them never quit", 1),
        ("I support you no matter what", 1),
        ("Bluetooth support no longer crashes", 1),
        ("Voxa support no longer lags", 1),
        ("support never helped me", 0),  # (still the department's)
        ("Voxa support hasn't answered", -1),  # (and the reply not come, stop 48's "hasn't answered" -1.5)
        # and a verdict's emoji on the department kept VADER's +1.7 ("Taskpad support 👎" -0.08, "support 🤡" +0.03)
        ("Voxa support 🤡", -1),
        ("customer help 🤡", -1),
        ("Voxa support 👍", 1),
    ],
)
def test_the_department_rule_leaves_a_verbs_object_and_a_problem_denied_and_takes_an_emojis_verdict(
    cx, cx_reference, text, sign
):
    assert_sign(cx, cx_reference, text, sign)
    assert cx.score([text, "ok", "support never helped"])[0][0] == cx_reference.score([text])[0][0]  # (a batch too)
    assert polarity(cx, "Voxa support 👎") < -0.3  # (-0.08 before: the emoji's -2.2 against "support")


@pytest.mark.parametrize(
    "quoted, plain",
    [
        # stop 48: a phrase in quotes was no phrase ("Skyway 'never again'" 0.0, "Skyway never again" -0.53): the
        # guard against apostrophes ("o'clock", "don't") took a quote for one
        ("Parcelo 'never again'", "Parcelo never again"),
        ("their 'still on hold' music again", "their still on hold music again"),
        ("Parcelo: ‘never again’, said my neighbour", "Parcelo: never again, said my neighbour"),
        ("'no reply' is all I got", "no reply is all I got"),
    ],
)
def test_a_phrase_in_quotes_is_a_phrase(cx, cx_reference, quoted, plain):
    for analyzer in (cx, cx_reference):
        want = polarity(analyzer, plain)
        assert want < -0.05
        assert polarity(analyzer, quoted) == pytest.approx(want), analyzer.explain([quoted])
    batch = cx.score([quoted, "ok", f"it's 3 o'clock, {quoted}"])[0]
    assert batch[0] == cx_reference.score([quoted])[0][0]
    assert batch[2] == cx_reference.score([f"it's 3 o'clock, {quoted}"])[0][0]


def test_a_phrase_still_ends_at_an_apostrophe_inside_a_word(cx, cx_reference):
    """An apostrophe between letters stays no edge: the phrase "no reply" is not in "no reply's" nor in "the
    uno reply", and "on hold" not in "won't hold" ('t is the word's)."""
    lex = load_lexicon()
    own = CxAnalyzer(dataclasses.replace(lex, phrases=lex.phrases | {"hold tight": -2.0}))
    for analyzer in (cx, cx_reference):
        assert "no_reply" not in analyzer._prepare("the no reply's tone")
        assert "no_reply" in analyzer._prepare("the 'no reply' tone")
    assert "hold_tight" not in own._prepare("they'd won'hold tight")  # (a word's apostrophe before the phrase)
    assert "hold_tight" in own._prepare("they said 'hold tight'")


@pytest.mark.parametrize(
    "text",
    [
        "Super useful. Not.",
        "Would I recommend Parcelo? NOT!",
        "Best courier in town... not",
        "So happy with the service #not",
    ],
)
def test_praise_then_a_lone_not_is_sarcasm(cx, cx_reference, text):
    """Stop 48: "Super useful. Not." was +0.77: the "Not." is a sentence of its own, which VADER's negation never
    reaches; a trailing "not" (or "#not") after praise is sarcasm's marker."""
    for analyzer in (cx, cx_reference):
        assert polarity(analyzer, text) < -0.05, analyzer.explain([text])
        assert "sarcasm" in analyzer.explain([text])[0]
    assert cx.score(["ok", text])[0][1] == cx_reference.score([text])[0][0]


@pytest.mark.parametrize(
    "text, sign",
    [
        ("Great service. Not bad at all.", 1),  # "not" with its word: VADER's negation
        ("Super useful, whether you like it or not", 1),  # (its sentence's own "not")
        ("Not happy. Not.", -1),  # no praise to turn
        ("Super useful\nNot.", -1),  # a line break ends the sentence too
    ],
)
def test_a_not_that_is_no_lone_sentence_is_no_sarcasm(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    assert cx.score(["ok", text])[0][1] == cx_reference.score([text])[0][0]


@pytest.mark.parametrize(
    "text",
    [
        # stop 48 review: the lone "Not." after a colon, a dash or a quote's end was no sarcasm (+0.60 each)
        "Great service: Not.",
        "'Great service': Not.",
        "Would I recommend them: NOT",
        "Best airline ever - Not.",
        '"Best airline in the world." NOT!',
        "'Great service.' Not.",
    ],
)
def test_a_lone_not_after_a_colon_a_dash_or_a_quote_is_sarcasm(cx, cx_reference, text):
    for analyzer in (cx, cx_reference):
        assert polarity(analyzer, text) < -0.05, analyzer.explain([text])
    assert cx.score(["ok", text])[0][1] == cx_reference.score([text])[0][0]


@pytest.mark.parametrize(
    "text",
    [
        "Voxa support still hasn't replied",
        "Voxa support is not responding",
        "Voxa support hasn't responded",
        "support not answering",
        "I haven't heard back from Voxa in a week",
        "great, Voxa still hasn't replied",
    ],
)
def test_a_reply_not_come_is_a_complaint(cx, cx_reference, text):
    """Stop 48: "support still hasn't replied" and "support is not responding" were 0 (the phrases "support still"
    and "support is" took the department's word in, "replied" has no sentiment); "support hasn't replied" too."""
    for analyzer in (cx, cx_reference):
        assert polarity(analyzer, text) < -0.05, analyzer.explain([text])
    assert cx.score(["ok", text])[0][1] == cx_reference.score([text])[0][0]


@pytest.mark.parametrize(
    "text",
    [
        # stop 48 review: the department's negation in quotes or brackets, or after "Support:", was not read (+0.03)
        "Voxa support 'hasn't replied'",
        'support "not responding" again',
        "Voxa support (not responding)",
        "Voxa support: not responding",
    ],
)
def test_a_reply_not_come_in_quotes_or_after_a_colon_is_a_complaint(cx, cx_reference, text):
    for analyzer in (cx, cx_reference):
        assert polarity(analyzer, text) < -0.05, analyzer.explain([text])
        assert "department" in analyzer.explain([text])[0]
    assert cx.score(["ok", text])[0][1] == cx_reference.score([text])[0][0]
    assert polarity(cx, "support: never disappoints") > 0.05  # (the negation that denies a problem still)


def test_a_word_two_fixes_reach_is_turned_by_the_nearer_in_a_batch_too(cx, cx_reference):
    """Stop 48 review: "fixed never fixed awful" was +0.32 in a batch, -0.32 one text at a time: both fixes turn
    "awful", and the batch took the first turn where `_analyze` takes the last, the nearer fix's ("never fixed")."""
    texts = ["fixed never fixed awful", "fixed never fixed support stinks"]
    want = cx_reference.score(texts)[0]
    assert (want < -0.05).all(), cx_reference.explain(texts)
    assert cx.score(["ok", *texts])[0][1:].tolist() == want.tolist()


@pytest.mark.parametrize(
    "text, want",
    [
        # stop 48 review: "second rate" and "third rate" took the second rate hike, cut or rise in (-0.43 each, was 0)
        ("third rate hike this year", 0.0),
        ("my second rate card from them", 0.0),
        ("2nd rate hikes for savers", 0.0),
        # a cut keeps VADER's "cut" (-0.23), not -0.60
        ("the fed announced a second rate cut", None),
    ],
)
def test_a_second_rate_hike_is_a_rate_not_a_verdict(cx, cx_reference, text, want):
    for analyzer in (cx, cx_reference):
        score = float(polarity(analyzer, text))
        if want is None:  # as VADER reads it, within the calibration
            assert -0.35 < score < -0.05 < -float(polarity(VaderAnalyzer(), text)), analyzer.explain([text])
        else:
            assert score == want, analyzer.explain([text])


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 48 review: an interjection with more words in its clause is a demand or a complaint affirmed
        ("yes please refund my order", 0),
        ("yes please sort out the login page Voxa", 0),
        ("heck yeah the sync is broken", -1),
        ("hell yes it's broken again", -1),
        # eager where it ends its clause
        ("Voxa dark mode? yes please", 1),
        ("yes please!! 🙌", 1),
        ("hell yeah, Voxa finally shipped it", 1),
        # an affirmation is no complaint without a negative word in its clause, nor with a problem fixed
        ("hell yeah Voxa finally shipped it", 1),
        ("heck yes the update fixed the lag", 1),
    ],
)
def test_an_interjection_inside_its_clause_is_no_praise(cx, cx_reference, text, sign):
    assert_exact_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 48 review: a joke denied after the department's word was -0.18 (VADER's "joke" negated)
        ("Voxa support wasn't a joke", 0),
        ("their support is not a joke", 0),
        # the writer's own silence ("not responding" is the app's or the department's)
        ("im not replying to trolls", 0),
        ("I am not answering that", 0),
        ("the Voxa app is not responding", -1),
        # the department that never answers, in the present or doubled (were 0)
        ("Voxa support never answers", -1),
        ("they never ever replied to my ticket", -1),
    ],
)
def test_a_denied_joke_the_writers_own_silence_and_never_answers(cx, cx_reference, text, sign):
    assert_exact_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 48 (last): a plea is no praise (VADER's "help" +1.7 made these +0.43 and +0.37)
        ("Taskpad won't sync, help pls", 0),
        ("which charger fits the Voxa X2? help plz", 0),
        ("help please, where do I find the invoice", 0),
        # a problem passed on is a brush-off, not the negation's praise (were +0.27)
        ("Skyway desk told me not their problem", -1),
        ("the manager shrugged: not my problem", -1),
        ("it is not our problem, the agent said", -1),
        # the crowd complained of (were 0)
        ("the 8:15 train was overcrowded again", -1),
        ("gym is rammed every evening", -1),
        ("the store was packed out and nobody at the tills", -1),
    ],
)
def test_a_plea_a_brush_off_and_a_crowd(cx, cx_reference, text, sign):
    assert_exact_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # a negation doubled with a comma, or hyphenated to its word (stop 49: 0, 0, +0.47 before)
        ("support never, ever answered", -1),
        ("not-so-good", -1),
        ("the service was not-so-great", -1),
        ("never, ever good", -1),
        ("not-bad", 1),
        ("the Not-Ready-for-Prime-Time Players", 0),  # (a name's hyphens stay: up to two words after "not-")
        # a not-for-profit is a charity, no negation ("not for profit helps" read "helps" negated: -0.53)
        ("our not-for-profit helps kids", 1),
        # an interjection with a comma after it: a demand, a complaint affirmed (+0.35, +0.04), eagerness still
        ("yes please, fix the app", 0),
        ("hell yes, it's broken again", -1),
        ("yes please, this app is broken", -1),
        ("yes please, that would be lovely", 1),
        ("hell yeah, the new season drops tonight", 1),
        # a department's heading after a dash (+0.03), as after a colon
        ("support - not responding", -1),
        ("Support - never helped", 0),
        # "Not." with an emoticon after it, "not really" (+0.55, +0.18)
        ("Great service. Not. :|", -1),
        ("Is it worth it: not really", -1),
        ("Super useful. Not at all.", -1),
        # emoticons: a face, which ends no clause and no negation reaches (+0.47, +0.00: "D:" was VADER's +1.2)
        ("not :| good", -1),
        ("D: they lost my bag", -1),
        # "D:" no event: mostly a label's letter, whose praise was sarcasm (-0.72, -0.63) or a fault (-0.16)
        ("Vitamin D: great product", 1),
        ("Terminal D: amazing staff", 1),
        ("Section D: seats were fine", 1),
        ("not bad :)", 1),
        # a smile beside a complaint and no praise weighs nothing (+0.08); beside praise it stays
        ("support is not responding :)", -1),
        ("flight delayed :)", -1),
        ("delayed, but the crew were lovely :)", 1),
        # nor where the complaint is all before a contrast word (-0.20: "lost" beside the smile)
        ("Lost my bag but they found it :)", 1),
        # sarcasm: "broken" and "broke" are events (+0.21), an opener alone at the end a sign-off (+0.16, +0.05)
        ("great it's broken", -1),
        ("app update broke everything... great job", -1),
        ("support hasn't replied - good job", -1),
        ("the crew was lovely. great job", 1),
        ("they rebooked me after the cancellation. great job", 1),
        # a sign-off after praise is meant (-0.77, -0.65: "broke the record" an event, "amazing" its sign-off)
        ("Flight was delayed 3 hours. Crew were lovely though. Great job", 1),
        ("she broke the record again, amazing", 1),
        ("app keeps crashing. not happy. great job", -1),
        # or after a contrast word and no event after it, the problem resolved (-0.50, -0.63)
        ("the package was delayed but it arrived in one piece, nice", 1),
        ("we got delayed but made it. Amazing", 1),
        ("nice seats but delayed again. great job", -1),
    ],
)
def test_negations_interjections_emoticons_and_sign_offs(cx, cx_reference, text, sign):
    """Stop 49: customer posts cx misread in lexicon 1.20 (the scores they had in the comments), and their controls."""
    assert_sign(cx, cx_reference, text, sign)


def test_emoticons_are_faces_not_punctuation(cx):
    """An emoticon keeps its value, in the batch and one text at a time: ":|" was negated ("not :| good": +0.30) and
    ended the negation's clause, so "good" stayed praise; "D:" (VADER's +1.2) was boosted as a word in capitals."""
    assert cx.explain(["not :| good"])[0] == ":| -0.40; good -1.41 (negated) | score -0.391"
    assert "D: +0.00 (cx, no sentiment);" in cx.explain(["D: they lost my bag"])[0]
    texts = ["not :| good", "not bad :)", "NOT BAD :D", "cannot log in: awful", "not D: bad"]
    assert cx.score(texts)[0].tolist() == [cx._analyze(t, False)[0] for t in texts]


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 49: 🙏 is read as "please" before the phrases are joined: "help 🙏" was +0.37 ("help" +1.7 beside
        # "folded hands"), now the plea "help please" (0)
        ("help 🙏", 0),
        ("🙏 help", 0),
        ("Skyway help 🙏 my bag never arrived", -1),
        ("thank you so much 🙏", 1),
        # a promise never kept ("look forward" +1.6 against "never comes" -2.2), and a wish ("hopefully" was +1.7)
        ("look forward to a refund that never comes", -1),
        ("hopefully it arrives this week", 0),
        # a request asked of the brand: VADER's "help" / "share" / "recommend", halved by the question rule, were
        # +0.17, +0.11 and +0.15
        ("can you help me?", 0),
        ("could someone help me with my order?", 0),
        ("can you share the link?", 0),
        ("can you recommend a size?", 0),
        # a wait in minutes as one in hours ("45 minute wait for a table" was 0); a short one is none
        ("45 minute wait for a table", -1),
        ("2 hour wait for a table", -1),
        ("45 minutes queuing for a coffee", -1),
        ("a 5 minute wait for a table", 0),
        ("only a 10 minute wait for a table", 0),
        # an outage still going, its subject left out (was 0); an undecided matter is none
        ("it's still out", -1),
        ("the jury is still out", 0),
        ("your parcel is still out for delivery", 0),  # (review of stop 49: -0.30 by "still out")
        # a body's power is no outage (was -0.35); the house's is
        ("lost power to the legs", 0),
        ("we lost power at 6pm", -1),
        # a crowd on a train (was 0); a parcel well packed stays praise
        ("the train was packed", -1),
        ("well packed parcel", 1),
    ],
)
def test_a_plea_emoji_a_request_a_wait_in_minutes_and_an_outage_still_out(cx, cx_reference, text, sign):
    assert_exact_sign(cx, cx_reference, text, sign)


def test_the_plea_emoji_is_explained_as_its_word(cx):
    assert cx.explain(["help 🙏"])[0] == (
        "help_please +0.00 (cx, no sentiment) | emoji read as words: 🙏 as 'please' | score +0.000"
    )


def test_own_lexicon_adds_departments_and_interjections(cx, tmp_path):
    """Stop 49: a `cx:FILE.toml` could not set `[department]` or `[interjection]` ("unknown entry 'department'")."""
    own_file = tmp_path / "own.toml"
    own_file.write_text(
        '[department]\nwords = ["care"]\nwithin = 3\n[interjection]\nwords = ["bring it on"]\n'
        '[phrases]\n"bring it on" = 2.0\n',
        encoding="utf-8",
    )
    own = get_analyzer(f"cx:{own_file}")
    assert own.lex.departments == ["support", "help", "care"] and own.lex.department_within == 3
    assert own.lex.interjections == ["yes_please", "bring_it_on"]
    # "care" (VADER +2.2) is the department that never called back; "bring it on" is eager only ending its clause
    texts = ["Skyway care never called me back", "bring it on", "bring it on the refund please"]
    assert cx.score(texts)[0][0] > 0.05
    scores = own.score(texts)[0]
    assert scores[0] == 0.0 and scores[1] > 0.05 and scores[2] == 0.0
    own_file.write_text('[interjection]\nwords = ["bring it on"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[interjection\] words: 'bring it on' needs an entry in \[phrases\] too"):
        get_analyzer(f"cx:{own_file}")
    own_file.write_text("[department]\nwithin = 0\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[department\] within = 0: a whole number from 1 to 10$"):
        get_analyzer(f"cx:{own_file}")


@pytest.mark.parametrize(
    "text, sign",
    [
        # a word of the problem handled after the event, before the sign-off: the fix is thanked (both were sarcasm)
        ("lost my luggage, found and delivered next day, perfect", 1),
        ("Ordered the wrong size, exchanged in 2 days. Thanks", 1),
        # controls: no handling, or its word negated or before the event, stay sarcasm
        ("lost my luggage again. perfect", -1),
        ("app crashed, great job", -1),
        ("lost my luggage, still not found. perfect", -1),
        ("lost my luggage, nobody found it. perfect", -1),
        ("app update broke everything... great job", -1),
    ],
)
def test_a_signoff_after_the_problem_handled_is_meant(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        ("parcel lost again :) great job", -1),  # a sign-off after an emoticon (was praise, +0.63)
        ("Flight delayed 2 hours, got a voucher though :)", 1),  # amends received: the smile is meant (was -0.35)
        ("paid $469 for a @SkywayAir seat that doesn't recline and a sticky tray table", -1),  # was 0
        ("delayed again :)", -1),  # control: a smile at a complaint alone
    ],
)
def test_review_of_signoffs_stop_49(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


def test_a_gloat_after_an_event_is_sarcasm_and_fed_up_a_complaint(cx, cx_reference):
    """Stop 50: "Calora outage again. Insurers are going to love this" was +0.30 (its "love": a third party's gain
    gloated over), and "fed up with Skyway" 0 ("fed up" is no word of VADER's)."""
    sarcastic = [
        "Calora outage again. Insurers are going to love this",
        "Calora down again. Lawyers are gonna love this!",
        "Skyway lost my bag again. Delta must be loving this",
    ]
    assert (cx.score(sarcastic)[0] < -0.05).all(), cx.explain(sarcastic)
    assert all("rules: sarcasm" in why for why in cx.explain(sarcastic))
    # no event, or the problem handled before it: the gloat is meant
    sincere = [
        "New Skyway lounge opened. Kids are going to love this",
        "Skyway cancelled my flight but rebooked me in first class. My kids are going to love this",
        "Insurers are going to love this",
    ]
    assert (cx.score(sincere)[0] > 0.05).all(), cx.explain(sincere)
    assert cx.sarcastic(sarcastic + sincere).tolist() == [True] * len(sarcastic) + [False] * len(sincere)
    complaints = ["fed up with Skyway", "so fed up with the app"]
    assert (cx.score(complaints)[0] < -0.05).all(), cx.explain(complaints)
    every = sarcastic + sincere + complaints
    assert cx_reference.score(every)[0].tolist() == cx.score(every)[0].tolist()


@pytest.mark.parametrize(
    "text, sign",
    [
        # review of stop 50: "incredible service" (+2.4, the longest phrase from "incredible") took the noun of a fault
        # after it, and the booster no longer reached the fault: these were praise or all but 0
        ("incredible service outage today", -1),  # was +0.11
        ("incredible staff shortage again", -1),  # was +0.30
        ("an incredible food poisoning", -1),  # was -0.05 ("food poisoning" never reached)
        ("incredible service charge", 0),  # was +0.50; a charge is no praise, and "service charge" weighs nothing
        # ... or praise then a fault: sarcasm, as "great work, another outage" is
        ("incredible work, another outage", -1),  # was +0.11
        ("incredible job losing my bag", -1),  # was +0.08
        # controls: praise of a service stays praise
        ("incredible service", 1),
        ("incredible staff, thank you", 1),
        ("the crew was incredible", 1),
        ("incredible customer service, they fixed the outage in an hour", 1),
        # a gloat after a room given in the place of the cancelled flight is meant (was -0.68); again, sarcasm
        ("flight got cancelled and Delta put us in a suite. The kids are gonna love this", 1),
        ("flight got cancelled and they gave us an upgrade. The kids are gonna love this", 1),
        ("flight got cancelled again. The kids are gonna love this", -1),
    ],
)
def test_incredible_before_a_fault_and_a_gloat_after_a_room_given(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 50: a venue's full house is praise (was sarcasm, -0.57); the crowd again, or a shop's, a complaint
        ("packed out, amazing", 1),
        ("the gig was packed out", 0),
        ("packed out again, amazing", -1),
        ("the store was packed out and nobody at the tills", -1),
        # a commute's crowd is one too (review: "packed out train again" went to 0 with the full house)
        ("packed out train again", -1),
        ("the bus was packed out", -1),
    ],
)
def test_a_full_house_is_no_crowd_complained_of(cx, cx_reference, text, sign):
    assert_exact_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 50: a refund never received is an event, so a smile at it no praise (was +0.24)
        ("never got a refund :)", -1),
        ("got a refund :)", 1),  # control: amends received
        # review: a refund never so fast is praise (was -0.71, "never got a refund" -2.2 beside "amazing" +2.8)
        ("I've never got a refund so fast, amazing", 1),
        ("never got my refund so quickly, thanks", 1),
        # food complaints: events, so the sign-off after them sarcasm (was +0.60)
        ("found a hair in my burger, cold fries. great", -1),
        ("there was a hair in my soup", -1),
        ("cold fries again", -1),
    ],
)
def test_a_refund_never_received_and_food_complaints(cx, cx_reference, text, sign):
    assert_exact_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 50: a number hyphenated to its unit as its words (was 0, "45-minute" one word); a short wait is none
        ("a 45-minute wait", -1),
        ("a 2-hour wait for a table", -1),
        ("a 5-minute wait for a table", 0),
        ("only a 10-minute wait", 0),
        # typographic hyphens and an en dash between letters as "-": the negation glued to its words (were 0, 0, +0.46)
        ("not\u2010so\u2010good", -1),
        ("not\u2011so\u2011good", -1),
        ("not\u2013so\u2013good", -1),
        ("the service was not\u2010so\u2010great", -1),
    ],
)
def test_a_number_hyphenated_to_its_unit_and_typographic_hyphens(cx, cx_reference, text, sign):
    assert_exact_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 50: praise of people the event was none of, after it, is meant (was sarcasm, -0.65)
        ("Flight delayed 3 hours. Great crew.", 1),
        ("Flight delayed. Great crew.", 1),
        # controls: the opener alone, the people in the event's sentence, another thing praised stay sarcasm
        ("Flight delayed 3 hours. Great.", -1),
        ("great, the staff lost my bag", -1),
        ("Flight delayed 3 hours. Great service.", -1),
        ("Flight delayed 3 hours. Great crew 🙄", -1),  # an emoji saying it is not meant
        # review: not people the events named, theirs ("The driver lost my parcel. Great driver." was +0.26)
        ("The driver lost my parcel. Great driver.", -1),
        ("Staff lost my booking. Great staff.", -1),
        ("wow, shoutout to the crew, they were amazing with my kids. 10/10 never again", -1),  # an event after it
        # stop 55: `handlers`, thanked for an act, are no `others` here: their praise alone is the handling's
        ("On hold for 2 hours. Great support.", -1),
        ("App crashed again. Great support.", -1),
        ("Lost my bag. Great team.", -1),
        ("Flight delayed 3 hours. Great agent.", -1),
    ],
)
def test_praise_of_people_after_an_event_is_meant(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    assert cx.sarcastic(["ok", text]).tolist() == [False, sign < 0]


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 50: a smile after a complaint does not cancel it (was -0.01, "terrible" -2.1 against ":)" +2.0)
        ("this is terrible :)", -1),
        ("the food was awful 👍", -1),  # (was -0.03)
        # controls: a smile beside praise, or with the complaint before a contrast word, stays praise
        ("terrible queue but the crew were lovely :)", 1),
        ("good :)", 1),
    ],
)
def test_a_smile_after_a_complaint_does_not_cancel_it(cx, cx_reference, text, sign):
    assert_exact_sign(cx, cx_reference, text, sign)


def test_a_gloat_said_to_the_reader_is_meant(cx, cx_reference):
    """Review of stop 50: "You're going to love this" closing an announcement or a fix after an event's words is a
    recommendation, no third party's gloat (each was -0.68, sarcasm); a third party's still is."""
    meant = [
        "New feature: offline mode for when the wifi is down. You're going to love this",
        "Update: the bug that crashed the app is gone. You are going to love this",
        "Offline maps for when the signal is down. You will love this",
    ]
    gloated = ["Skyway lost my bag again. I'm sure the lawyers will love this"]
    assert cx.sarcastic(meant + gloated).tolist() == [False] * len(meant) + [True]
    assert (cx.score(meant)[0] > 0.05).all(), cx.explain(meant)
    assert cx_reference.score(meant + gloated)[0].tolist() == cx.score(meant + gloated)[0].tolist()


def test_a_closing_so_thats_great_or_a_marked_thanks_after_an_event_is_sarcasm(cx, cx_reference):
    """Stop 52, a broadband provider's tester: "broadband down again. Working from home today so that's great." was
    praise (+0.30 with its lexicon: the closing sentence, 7 words, was no sign-off), and "0.5 Mbps. ZERO POINT FIVE.
    Thanks Lumenet, great service 🙃" praise (+0.72: its opener was not in the first words). A fix before the
    closing words is still thanked, and "so that's great" after good news is good news."""
    sarcasm = [
        "Flight delayed 3 hours. Meeting in Leeds at 9 so that's great.",
        "Flight cancelled. Which is just great.",
        "0.5 Mbps. ZERO POINT FIVE. Thanks Lumenet, great service 🙃",
    ]
    meant = [
        "Broadband was down all morning. It's back now so that's great.",
        "Internet was down all morning but it's back now so that's great.",
        "The engineer fixed it in an hour. So that's great.",
        "My new router arrived today, so that's great.",
        "Thanks Lumenet, great service",
    ]
    assert cx.sarcastic(sarcasm + meant).tolist() == [True] * len(sarcasm) + [False] * len(meant)
    scores = cx.score(sarcasm + meant)[0]
    assert (scores[: len(sarcasm)] < -0.05).all() and (scores[len(sarcasm) :] > 0.05).all(), cx.explain(sarcasm + meant)
    assert cx_reference.score(sarcasm + meant)[0].tolist() == scores.tolist()


@pytest.mark.parametrize(
    "text, sign",
    [
        # an apology's smile: what it apologises for is no complaint, so the smile keeps its weight (the brand's reply
        # was -0.43, a complaint: "sorry" -0.3 and "trouble" -1.7 against "👍" +1.8, the smile dropped; now near 0)
        ("Sorry for the trouble. Our baggage team is on it 👍", 0),
        ("sorry :)", 1),  # (was neutral: -0.3 alone)
        ("Sorry to hear that, our team is on it :)", 1),
        ("so sorry, the app is terrible :)", -1),  # (its smile weighed: "so sorry" -0.59 + "terrible" -2.1 > +2.0)
        ("this is terrible :)", -1),  # control: no apology, the smile weighs nothing
    ],
)
def test_a_smile_in_an_apology_keeps_its_weight(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


_TURNING = st.lists(
    st.sampled_from(["support", "SUPPORT", "never", "helped", "fixed", "FİXED", "the", "lag", "app", "kills", "it"])
    | st.sampled_from(["\u212aills", "sick", "killer", "for", "good", "yes_please", "hell_yes", "😀", "é", "İ", "x"]),
    max_size=8,
).flatmap(lambda words: st.sampled_from([" ", "\u00a0", "\u2003", "\x1f", ". ", ", "]).map(lambda gap: gap.join(words)))


@settings(max_examples=300, deadline=None)
@given(_TURNING)
@example("SUPPORT\u00a0never helped 😀")
@example("I quit Skyway for\u2003good.")
def test_texts_whose_valences_a_rule_turns_are_found_by_the_batch_filter(cx, text):
    """`_Rules` sends only the texts `_turn_filter` finds (RE2, every text, ASCII or not) to `_turns`: each text in
    which `_turns` finds a word to turn, its words beside spaces beyond ASCII, "İ" or the Kelvin sign too."""
    if cx._turns(text):
        assert cx_module._matching([text], cx._turn_filter).tolist() == [True]


def test_turn_filter_passes_a_department_beyond_ascii_and_not_a_text_without_its_words(cx):
    texts = ["SUPPORT\u00a0never helped 😀", "I quit Skyway for good 😀", "nothing to see 😀", "all good here"]
    assert cx_module._matching(texts, cx._turn_filter).tolist() == [True, True, False, False]
    assert cx._turns(texts[0]) == [(0, 4)]  # "support", a department that did not help


def test_literal_trie_matches_its_words_and_no_other_string():
    trie = re.compile(cx_module._literal_trie(["fix", "fixed", "fi", "a.b", "yes_please"]))
    assert trie.pattern == r"(?:fi(?:x(?:ed|)|)|a\.b|yes_please)"  # (written by hand: the words' shared prefixes once)
    found = [s for s in ["fi", "fix", "fixed", "fixe", "f", "a.b", "axb", "yes_please", "yes"] if trie.fullmatch(s)]
    assert found == ["fi", "fix", "fixed", "a.b", "yes_please"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text("abé._ ", min_size=1, max_size=4), min_size=1, max_size=6), st.text("abé._ x", max_size=12))
def test_literal_trie_finds_a_word_where_the_plain_alternation_does(words, text):
    """`_turns` asks only whether its words occur: the trie answers as the alternation of the words did."""
    plain = re.compile("|".join(map(re.escape, words)))
    assert bool(re.search(cx_module._literal_trie(words), text)) == bool(plain.search(text))


_SARCASTIC = st.lists(
    st.sampled_from(["great", "GREAT", "Great,", "than\u212as", "yay", "so", "glad", "going", "to", "love", "this"])
    | st.sampled_from(["delayed", "again", "another", "delay", "lost", "my", "bag", "flight", "😀", "İ", "İnsurers"]),
    max_size=9,
).flatmap(lambda words: st.sampled_from([" ", "\u00a0", ". ", ", ", "! "]).map(lambda gap: gap.join(words)))


@settings(max_examples=300, deadline=None)
@given(_SARCASTIC)
@example("than\u212as for another delay")
@example("Flight delayed again. İnsurers are going to love this")
def test_texts_the_sarcasm_rule_reads_are_found_by_the_batch_filter(cx, text):
    """`_Rules` asks `_sarcasm` only about the texts `_sarcasm_filter` finds (RE2, every text): each it reads as
    sarcasm or thanks, its opener in letters lower() folds onto ASCII ones (the Kelvin sign) too."""
    if cx._sarcasm(text) is not None:
        assert cx_module._matching([text], cx._sarcasm_filter).tolist() == [True]


def test_sarcasm_filter_passes_an_opener_and_not_a_complaint_alone(cx):
    texts = ["than\u212as for another delay", "great, another delay", "another delay, lost my bag 😀", "late again"]
    assert cx_module._matching(texts, cx._sarcasm_filter).tolist() == [True, True, False, False]
    assert [cx._sarcasm(t) for t in texts] == ["sarcasm", "sarcasm", None, None]


@pytest.mark.parametrize(
    "text, sign",
    [
        # review of stop 50: a smile after a word of judgement of a thing still weighs nothing...
        ("this is terrible :)", -1),  # ("terrible" -2.1 alone)
        ("worst service ever :)", -1),  # ("worst" -3.1 alone)
        ("app keeps crashing :)", -1),  # (a customer event, as before stop 50)
        ("the service was bad :)", -1),  # ("bad" -2.5 alone)
        # ... but after a mood, a miss or banter it is meant, weighed again ("miss" -0.6, "damn" -1.7, "sad" -2.1 and
        # "leave" -0.2 against ":)" +2.0): each lost its smile with the rule (+0.30 -> -0.11, +0.04 -> -0.37, -0.04 ->
        # -0.48)
        ("miss you guys :)", 1),
        ("damn, that was fast :)", 0),  # (+0.3 in all: the neutral band)
        ("sad to leave :)", 0),  # (-0.3 in all)
        # "my bad" ending its clause is an apology, no judgement: "bad" weighs nothing (each was -0.16 and -0.52,
        # VADER's "bad" -2.5; now "sorry" -0.3 and ":)" +2.0, or the smile alone)
        ("My bad, sorry :)", 1),
        ("my bad :)", 1),
        # controls: "bad" of a thing after "my" is still one; an apology's other complaint still weighs
        ("my bad back is killing me", -1),
        # stop 52: and the mistake "my bad" owns, right after "I", weighs nothing too (was -0.23, "misread" -1.1)
        ("My bad, I misread the timetable", 0),
        ("my bad, I forgot to reply. The app is awful", -1),  # (only the owned mistake: "awful" -2.0 stays)
    ],
)
def test_a_smile_weighs_nothing_only_after_a_judgement(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 52, a ticketing app's fans: "love that for me" closing a complaint is a gloat, and a laugh before it no
        # praise that makes it meant
        ("my flight got cancelled. love that for me", -1),  # was +0.30
        ("my flight got cancelled lol. love that for me", -1),  # was +0.62
        ("Skyway announced a new route to Lisbon, love that for me", 1),  # control: no event, meant
        ("delayed 3 hours lol but the crew were lovely. great", 1),  # control: praise before the sign-off, meant
        # security is a checkpoint or its staff, not VADER's comfort (+1.4); a face value a price, not esteem
        ("At the door and the barcode won't scan. Security won't let us in.", 0),  # was +0.30
        ("Data security breach at Skyway", 0),  # was +0.30
        ("tickets listed at 5x face value on resale sites", 0),  # was +0.30
        ("the Skyway security staff were lovely", 1),  # control: the praise is its own word's
    ],
)
def test_a_fans_gloat_security_and_face_value_stop_52(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 52: praise before a noun of service whose next word makes it a fault's name weighs nothing; the fault
        # left ("disruption" -1.5, "shortage" -1.0 in VADER; "charge" no valence). Each was praise: +0.18, +0.45, +0.60
        ("incredible service disruption again", -1),
        ("great staff shortage again", -1),
        ("great service charge", 0),
        ("amazing customer service charge", 0),  # (nouns of service in a row)
        # controls: praise of the noun itself, or beside a judgement or before another noun, is still praise
        ("incredible service", 1),
        ("great staff, thank you", 1),
        ("great service today", 1),
        ("great food terrible service", 1),  # ("great" +3.1 against "terrible" -2.1, as before)
        ("great food rude staff", 1),
        # stop 52 (leftovers): and nouns of a trip, an order or an app ("great flight disruption" was +0.35)
        ("great flight disruption", -1),
        ("amazing delivery delay", -1),
        ("great network outage again", -1),
        ("great app crashes", -1),
        # controls: the praise in a clause of its own, the noun's own word, a fault denied (which the rule took for
        # one: "great service no complaints" was +0.27, "no" being VADER's -1.2)
        ("great flight, disruption handled well", 1),
        ("great flight attendants", 1),
        ("great flight no delays", 1),
        ("great service no complaints", 1),
    ],
)
def test_praise_before_a_faults_name_is_none(cx, cx_reference, text, sign):
    (assert_exact_sign if sign == 0 else assert_sign)(cx, cx_reference, text, sign)
    assert ("praise of a fault's name" in cx.explain([text])[0]) == (sign <= 0)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 52's review: a negation, a feeling or a fix after the noun names no fault; the praise is kept (each was
        # read as praise of a fault's name: +0.27, +0.27, -0.08, +0.23)
        ("great service no complaints", 1),
        ("Great food no complaints here", 1),
        ("great staff sorry to see them leave", 1),  # ("great" +3.1 against "sorry" -0.3)
        ("Great support problem solved", 1),
    ],
)
def test_praise_before_no_fault_is_kept(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    assert "praise of a fault's name" not in cx.explain([text])[0]


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 52's review: a fix asked for, or a thing's need, is a complaint: "bad" a judgement (each was 0 as
        # wanting badly; VADER's "bad" -2.5, "badly" -2.5)
        ("they need to fix the app so bad", -1),
        ("the app needs an update so badly", -1),
        ("my phone needs a new battery so badly", -1),
        # and hatred after "my bad" is no mistake owned ("hate" -2.7 kept; it was -0.35, the "hate" weighing nothing)
        ("My bad. I hate this app, it crashes every day", -1),
        # controls: a person's wanting, and a mistake owned, still weigh nothing
        ("we need a holiday so badly", 1),  # ("holiday" +1.7)
        ("my bad, I missed the email, thanks for resending!", 1),  # ("missed" -1.2 weighs nothing, "thanks" +1.9)
    ],
)
def test_so_bad_of_a_fix_or_a_thing_and_hatred_after_my_bad_are_complaints(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    assert ("wanting badly" in cx.explain([text])[0]) == (text.startswith("we need"))


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 52: people's job praised after an event is its handling, sarcasm (was +0.13: the staff were praised as
        # others the lost bag was none of); "great_job" +2.6 turns to -1.56 against "lost my" -1.9
        ("Lost my bag. Great job staff.", -1),
        ("Flight delayed 3 hours. Great work staff.", -1),
        # controls: the people themselves praised, or the job in a sentence longer than `alone_words` of its own praise
        ("Flight delayed 3 hours. Great crew.", 1),
        ("Flight delayed 3 hours. Great job by the crew keeping us calm.", 1),
    ],
)
def test_a_job_praised_after_an_event_is_sarcasm(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    assert ("rules: sarcasm" in cx.explain([text])[0]) == (sign < 0)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 52: "so bad" or "badly" ending a clause of wanting is how much, no judgement: the wink is kept (was
        # -0.71, "bad" boosted -3.49 and the wink dropped as a smile at a complaint)
        ("I have never wanted to see a movie so bad!! ;)", 1),
        ("I need a holiday so badly", 1),  # ("holiday" +1.7; VADER's "badly" -2.5)
        # controls: a copula, a contrast word or another subject after the wanting makes "bad" a judgement again
        ("I wanted to like it but it was so bad", -1),
        ("I wanted a refund because the food was so bad", -1),
        ("I needed help and they treated me so badly", -1),
        ("the food was so bad", -1),
    ],
)
def test_so_bad_after_wanting_is_how_much(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    assert ("wanting badly" in cx.explain([text])[0]) == (sign > 0)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 52: thanks to people out working on the problem are sincere (was sarcasm, -0.58); "outage" -1.8 weighs
        # half against "thanks" +1.9
        ("Thanks to the crews who have been out since 5am on the outage", 1),
        ("Thanks to the crews who've been out since 5am on the outage", 1),
        ("Thanks to the engineers who are working on the outage", 1),
        # controls: the power out is the problem, and "another" beside the event keeps it sarcasm
        ("thanks, the power has been out since 5am", -1),
        ("great, another outage and nobody who is out working on it", -1),
        # review of stop 52: people out or working on it, not thanked, are no handling (each was thanks, +0.47, +0.48)
        ("Great, the engineers who are working on it said another 6 hours without power", -1),
        ("Love how the 2 guys who are working on the outage are on their lunch break. Power out 9 hours.", -1),
        ("Great, the crews who've been out since 5am say another 6 hours without power", -1),
        ("Outage since 5am, the crews who have been out are nowhere to be seen. Brilliant.", -1),  # (was +0.21)
    ],
)
def test_thanks_to_people_out_on_the_problem_are_sincere(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    assert ("thanks for a problem handled" if sign > 0 else "rules: sarcasm") in cx.explain([text])[0]


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 52: a closing hashtag of judgement after a question is a verdict, no topic: it keeps its weight (was
        # +0.11: "#abysmal" -2.5 weighed nothing, "joke" +0.6 damped as a question's)
        ("is this a joke? #abysmal", -1),
        ("any update on the 8:15? #disgraceful", -1),
        ("any update on the 8:15? #delayed #disgraceful", -1),  # (and the tags before it)
        ("any update on the 8:15? #delayed", 0),  # (control: an event's tag is still the question's topic)
    ],
)
def test_a_verdicts_hashtag_closing_a_question_keeps_its_weight(cx, cx_reference, text, sign):
    (assert_exact_sign if sign == 0 else assert_sign)(cx, cx_reference, text, sign)
    assert ("an event's hashtag after a question: its topic" in cx.explain([text])[0]) == (sign == 0)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 52: "incredible" as a sentence of its own is praise ("so incredible" +2.4): it was 0, VADER's booster
        ("Incredible!", 1),
        ("incredible", 1),
        ("The crew were lovely. Incredible!", 1),
        # controls: an opener still, after an event or before one; before a word, the booster it was; asked, nothing
        ("Flight delayed again. Incredible.", -1),
        ("Incredible... another delay", -1),
        ("incredible delays", -1),
        ("Incredible?", 0),
    ],
)
def test_incredible_alone_is_praise(cx, cx_reference, text, sign):
    (assert_exact_sign if sign == 0 else assert_sign)(cx, cx_reference, text, sign)
    why = cx.explain([text])[0]
    assert ("incredible_alone +2.40" in why) == (sign > 0)
    assert ("rules: sarcasm" in why) == (sign < 0 and "delays" not in text)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 52 (leftovers): a Steam review's thumb down was +0.52, VADER's "save" +2.2 (a game's save is a file, no
        # rescue); its loss mourned, wiped, to be rolled back are complaints
        ("rip my 200h save 💀 patch 2.3.0 wiped my character. rollback pls", -1),
        ("this update bricked my save", -1),  # (+0.47)
        ("servers are cooked", -1),  # (0)
        ("devs pls fix", -1),  # (+0.04, VADER's "pls")
        ("my save got corrupted", -1),  # (0)
        ("game is unplayable since the patch", -1),  # (already)
        # controls: a keeper's save and saving money are VADER's; tears wiped, a wall bricked up, a dish cooked are
        # no complaint
        ("what a save by the keeper", 1),
        ("wiped my tears and laughed", 1),
        ("the window was bricked up", 0),
        ("the chicken is cooked", 0),
    ],
)
def test_a_gamers_complaints(cx, cx_reference, text, sign):
    (assert_exact_sign if sign == 0 else assert_sign)(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 52 (leftovers): "less" before a positive word is the quality lacking; VADER's "less" only damped it
        # ("comfortable" +2.3 to +2.01: +0.43, praise)
        ("less comfortable seats this year", -1),
        ("United is less comfortable than Delta", -1),
        ("the staff were less helpful this time", -1),
        ("much less friendly than before", -1),
        ("it's less fun now", -1),
        # controls: a negative word after it is VADER's, damped; "more or less" is no comparison; "no less" and
        # "isn't any less" are not turned by this rule (litotes: lexicon phrases, stop 53 and 54)
        ("less crowded than usual", 0),
        ("more or less happy with it", 1),
        ("Less stress, more fun!", 1),
    ],
)
def test_less_before_a_quality_is_the_quality_lacking(cx, cx_reference, text, sign):
    (assert_exact_sign if sign == 0 else assert_sign)(cx, cx_reference, text, sign)
    assert ("less of a quality" in cx.explain([text])[0]) == (sign < 0)


def test_no_less_is_not_turned_by_the_less_rule(cx):
    for text in ("no less impressive than last year", "the film isn't any less entertaining"):
        assert "less of a quality" not in cx.explain([text])[0], text


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 52: a status stuck for the Nth minute is a customer event, so the opener is sarcasm (was +0.77, praise)
        ('lol great, QuickBite says "arriving now" for the 40th minute in a row', -1),
        ("great, the app crashed for the millionth time", -1),
        ("Scored in the 90th minute", 0),  # (a minute alone is no event)
        # a bag that "is lost" is one too, so "That's just great." after it is sarcasm (was +0.39)
        ("My bag is lost. That's just great.", -1),
        ("my bag is lost", -1),
        ("My bag was lost but they found it in an hour. That's just great.", 1),
    ],
)
def test_a_repeated_status_or_a_bag_is_lost_is_an_event(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 52: paying for one figure and getting another is a complaint (each was 0; "promised" alone +0.33)
        ("paying for 500 getting 20", -1),
        ("Paying Lumenet for 500 Mbps and getting 20", -1),  # a unit lets a brand stand before "for"
        ("pay for 100 and get 5", -1),
        ("promised 500 getting 20", -1),
        ("paying for 500 Mbps and only getting 20 Mbps", -1),
        # a deal's free item stays the deal ("free" +0.05 before and now)
        ("paying for 2 getting 1 free", 1),
        ("paying for 2 and getting 1 free", 1),
        # stop 53: a brand before "for" without a unit, and a unit glued to its number (each was 0)
        ("Paying Lumenet for 500 and getting 20", -1),
        ("paying for 500mbps getting 20mbps", -1),
        ("Paying for 500Mbps and getting 20", -1),
        ("paying Lumenet for 1gbps and only getting 100mbps", -1),
        ("paying them for 2 and getting 1 free", 1),
        # a speed glued to its unit alone is none of it ("900mbps" stays a number)
        ("900mbps down, 40mbps up", 0),
    ],
)
def test_paying_for_one_figure_and_getting_another_is_a_complaint(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 53, a digital bank's customers: an account frozen or blocked, said otherwise than "account frozen" (0 and
        # +0.03 before: VADER's "freeze" +0.2), money not come (0), a fee where there was none (+0.05, "free")
        ("@PaywiseHelp my account has been frozen for 9 days and nobody will tell me why.", -1),
        ("Paywise account freeze, day 3", -1),
        ("Tallybank blocked my account with my salary in it", -1),
        ("Sent £2,000 to my landlord on Monday. Where is my money?", -1),
        ("ATM withdrawals used to be free", -1),
        # a freeze handled or undone stays thanks, and a freeze again thanked sarcasm
        ("my account was frozen for a day but support sorted it in 10 minutes, great", 1),
        ("Account freeze lifted after a day, thank you so much", 1),
        ("Account frozen again. Thanks Paywise", -1),
        ("ATM withdrawals are free, love it", 1),
    ],
)
def test_a_bank_account_frozen_money_not_come_and_a_fee_that_was_none(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 53: a reply come only after days, and pasted, are events, so "Brilliant." after them is sarcasm (was
        # +0.74, VADER's "support" +1.7 and "Brilliant" meant); each was positive (+0.37, +0.37, +0.60)
        ("Paywise support finally replied after 11 days. Copy-paste answer. Brilliant.", -1),
        ("Paywise support finally replied after 11 days", -1),
        ("support sends copy-paste replies", -1),
        ("Finally got a reply after 3 weeks. Great.", -1),
        # a reply that fixed it, a refund after the wait, and a quick reply stay thanks and praise
        ("support finally replied and fixed it in minutes, thank you!", 1),
        ("Finally got a reply after 2 days and they refunded me, thanks", 1),
        ("support finally came through for me, love them", 1),
        ("Support replied in 5 minutes. Brilliant.", 1),
    ],
)
def test_a_reply_after_days_and_a_pasted_answer_are_events(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 53: a failure for the Nth time this week, today or this month is a customer event, in digits as in words
        # (each was +0.62 or +0.41, the opener taken for praise)
        ("Love getting logged out for the 3rd time this week", -1),
        ("Love getting logged out for the third time this week", -1),
        ("thanks Lumenet, down for the 22nd time this month", -1),
        ("great, 2nd time today the app logged me out", -1),
        ("Lumenet dropped for the 11th time this week", -1),
        ("FOR THE 4TH TIME THIS WEEK", -1),
        # the first time is no repeat, nor the Nth time without the period (a fan's, as TweetEval val's)
        ("1st time this week the train was on time, great", 1),
        ("21st time this week I've had to restart the router", -1),
        ("listening to the album for the 20th time, so good", 1),
        ("Won the league for the 3rd time in a row!", 1),
    ],
)
def test_a_failure_for_the_nth_time_this_week_in_digits_or_words_is_an_event(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


def test_an_ordinal_word_of_a_phrase_takes_any_number_in_a_batch_and_one_by_one(cx):
    """A phrase's word `#rd` is a number in digits with that ending: any number, its token the same for each."""
    assert cx._prepare("for the 3rd time this week") == "for the #rd_time_this_week"
    assert cx._prepare("for the 103rd time today") == "for the #rd_time_today"
    assert cx._prepare("for the 3 rd time this week") == "for the 3 rd time this week"  # (no ordinal)
    texts = [
        "Love getting logged out for the 3rd time this week",
        "2nd time today. great",
        "the third rd time this week",
    ]
    assert cx.score(texts)[0].tolist() == [cx.score([t])[0][0] for t in texts]


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 53: a place of a hundred or more in a queue is the wait complained of (each was 0)
        ("I'm 40,000th in the queue. See you in 2027", -1),
        ("you are number 4532 in line", -1),
        ("Position 1,204th in queue for the presale", -1),
        # a near place is good news or none, and "see you in <year>" alone a farewell
        ("I'm 5th in the queue, nearly there!", 0),
        ("we're 12th in line", 0),
        ("Great festival, see you in 2027!", 1),
        ("sold 40,000 tickets in the first hour", 0),
    ],
)
def test_a_place_far_back_in_a_queue_is_a_complaint_of_the_wait(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)  # (a batch's RE2 filters find it too)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 53: a wish is no praise: a feature request was a fan's (+0.60, +0.56), and a thing wished working a
        # complaint (+0.39 each, VADER's "nice")
        ("Would be great if Paywise let you pick your own PIN in the app", 0),
        ("would be amazing if they brought back the old menu", 0),
        ("would be nice if the app actually worked", -1),
        ("the app would be nice if it just worked", -1),
        # praise beside the wish, and praise that is no wish, stay praise
        ("It would be great if you could add dark mode, love the app otherwise", 1),
        ("it would be great to see you again, thanks for a great stay", 1),
        ("the new app is nice, it just works", 1),
    ],
)
def test_a_wish_is_no_praise(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 53: praise a few words before an event's noun is sarcasm or size, no praise (+0.45 each)
        ("great flight attendant shortage", -1),
        ("Skyway with another great flight attendant shortage", -1),
        ("the great chip shortage", -1),
        ("what a great delay", -1),
        # praise of what is not the event stays (its clause ends, or a word of sentiment or a fix is between)
        ("great flight attendant, so kind", 1),
        ("great crew despite the delay", 1),
        ("great support problem solved after the outage", 1),
    ],
)
def test_praise_before_an_events_noun_is_no_praise(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 53, a bank's customers: the fraud team is a department (-0.08 before), no fees and "what's not to love"
        # praise (-0.72), support that does not exist, an account closed "without explanation", a bot's loop and a fee
        # one is "hit with" complaints (each 0 before)
        ("Paywise's fraud team called me within minutes. Impressive", 1),
        ("no overdraft fees, no monthly fee, what's not to love", 1),
        ("the Paywise app is slick but the support is non-existent", -1),
        ("Paywise closed my account without explanation and kept my £300 for 60 days", -1),
        ("Paywise bot keeps sending me the same answer", -1),
        ("Tried to withdraw cash abroad and got hit with a £5 fee. Cheers Paywise", -1),
        # fraud itself stays a complaint, and needing no explanation none
        ("Someone spent £600 on my card. Reported it as fraud to the fraud team 5 days ago, still no refund", -1),
        ("No explanation needed, the app just works", 0),
    ],
)
def test_a_banks_fraud_team_no_fees_and_an_account_closed_without_explanation(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 53: "no less" and a quality is litotes, the quality had in full (was -0.53, "no" and its negation)
        ("no less impressive", 1),
        ("Lumenet's new router is no less impressive than the last", 1),
        ("No less comfortable than business class", 1),
        # and of a complaint, the complaint
        ("no less disappointing than last year", -1),
        ("no less than 3 hours late", -1),
        # surprise after a fact weighs nothing of its own
        ("a new app, no less.", 0),
    ],
)
def test_no_less_and_a_quality_is_litotes(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


def test_a_skull_weighs_nothing(cx):
    """stop 53: 💀 is "I'm dead", laughter as often as disbelief at a bad turn ("this ad 💀💀", "app crashed again 💀");
    TweetEval val and VADER's tuning texts hold none, and the example posts put it only on complaints (their generator's
    choice), so no weight: a post with it scores as without."""
    texts = ["this ad 💀💀", "Skyway lost my bag again 💀", "the new ad is so good 💀"]
    assert cx.score(texts)[0].tolist() == cx.score([t.replace("💀", "") for t in texts])[0].tolist()
    assert polarity(cx, "💀💀💀") == 0.0


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 53: a laugh after a complaint is at it (+0.44, "cheesy" then no word of sentiment; +0.39), where alone it
        # keeps VADER's +1.8 (TweetEval val: 18 of its 40 tweets with a laugh are positive, 6 negative)
        ("Lumenet's Christmas ad is so cheesy lol", -1),
        ("this ad is cringe lmao", -1),
        ("they cancelled my flight lmao", -1),
        # stop 53 (handled): and a laugh opening the post, the event close after it (+0.23 and 0 before: VADER's
        # "lmao" +2.9 against "cancelled" -1.8); not an event far on, its own story's
        ("lmao they cancelled my flight", -1),
        ("lol my flight got delayed", -1),
        ("lol remember when we were kids and the school trip got cancelled", 0),
        # a smile and a laugh are no praise for each other: both at the complaint (+0.43 before)
        ("cancelled my flight :) lol", -1),
        ("cancelled my flight lol :)", -1),
        ("lol :)", 1),
        # a laugh with praise, or alone, stays VADER's
        ("Lumenet's Christmas ad is so good lol", 1),
        ("cancelled my flight but they rebooked me in 10 min lol amazing", 1),
        ("lol", 1),
        # a closing hashtag's event is a topic, no complaint the laugh is at (an example post, neutral)
        ("thinking of booking Aerolux to Boston in december, any experiences? lol #delayed", 0),
    ],
)
def test_a_laugh_beside_a_complaint_is_at_it(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 53 (leftovers): a fraud refunded or reversed is the problem handled (-0.39 before: VADER's "fraud")
        ("Paywise refunded the fraud in 24h, legends", 1),
        ("the fraud was reversed within a day", 1),
        ("Paywise sorted it in an hour, absolute legends", 1),
        # not a refund denied, nor a wrong one
        ("Paywise never refunded the fraud", -1),
        ("still haven't reversed the fraudulent payment", -1),
        ("Paywise refunded the wrong amount", -1),
    ],
)
def test_a_fraud_refunded_is_the_problem_handled(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 53 (leftovers): a block or a freeze undone is its handling, as "refunded" ("unblocked" and "unfrozen"
        # were no words: "card blocked for no reason, unblocked in 5 minutes. thank you" was -0.16)
        ("Account unfrozen after a day", 1),
        ("card unblocked in 5 minutes, thank you", 1),
        ("my card is still not unblocked", -1),
        # stop 53 (handled): thanks for the fix, the block's "no" in a clause of its own (+0.03 before: "no reason,"
        # denied "unblocked", and a closing thanks after a fix left the complaint at full weight)
        ("card blocked for no reason, unblocked in 5 minutes. thank you", 1),
        ("card blocked for no reason, unblocked in 5 minutes, thanks", 1),
        # a fix denied in its own clause, or none, stays sarcasm
        ("card blocked, not unblocked. thanks", -1),
        ("card blocked for no reason. thanks", -1),
        ("no refund, thanks", -1),
        ("lost my card, no refund. thanks", -1),
    ],
)
def test_a_block_undone_is_its_handling(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)


def test_a_closing_thanks_after_a_fix_halves_the_complaint(cx):
    """A closing thanks after the fix weighs the problem as an opener's thanks does ("Ordered the wrong size, exchanged
    in 2 days. Thanks" was +0.08: "wrong size" at its full -1.4)."""
    assert "thanks for a problem handled" in cx.explain(["Ordered the wrong size, exchanged in 2 days. Thanks"])[0]
    assert "thanks for a problem handled" not in cx.explain(["Ordered the wrong size again. Thanks"])[0]


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 53: a game's save with its hours before it is a noun, no rescue (+0.47, +0.04: VADER's "save" +2.2)
        ("my 200h save", 0),
        ("lost my 200h save", -1),
        ("corrupted my 80 hour save", -1),
        ("my 150hrs save is gone", 0),
        # the verb, and a keeper's save, stay praise
        ("this app will save my life", 1),
        ("what a save by the keeper", 1),
        # hours glued to a number are hours still
        ("flight delayed 24h", -1),
    ],
)
def test_a_games_save_after_its_hours_is_a_noun(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 53 (leftovers): a promise is no praise ("promised" was VADER's +1.5: the first post was -0.04)
        ("Where's my money? Refund promised 2 weeks ago", -1),
        # (stop 55: -1, was 0: nobody calling back is a complaint now, as nobody answering is)
        ("they promised a callback and nobody called", -1),
        ("delivered as promised, great service", 1),
    ],
)
def test_a_promise_is_no_praise(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 53 (leftovers): documents asked for again and again are a complaint (each was 0)
        ("KYC again?? I've sent my passport 3 times", -1),
        ("uploaded my documents 4 times and still not verified", -1),
        ("asked to verify my identity again", -1),
        # a passport had, not sent, is none
        ("I've renewed my passport 3 times", 0),
    ],
)
def test_documents_asked_for_again_are_a_complaint(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 53 (leftovers): a word in quotes joins its phrase ("still 'pending' after 3 days" was 0, "stuck on
        # 'pending'" -0.21, "stuck" alone)
        ("transfer still 'pending' after 3 days", -1),
        ("transfer still \u2018pending\u2019 after 3 days", -1),
        ('transfer still "pending" after 3 days', -1),
        # quotes around words that are no phrase change nothing
        ("the 'new' app is great", 1),
        ("'Great service.' Not.", -1),
    ],
)
def test_a_quoted_word_joins_its_phrase(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


def test_a_quoted_word_joins_its_phrase_in_a_batch(cx):
    """The batch's RE2 filters send a text with a quoted word to the phrases (it was plain, so "stuck on 'pending'"
    scored -0.21 in a batch and -0.39 alone)."""
    texts = ["stuck on 'pending'", "stuck on pending", "stuck on it"]
    batch = cx.score(texts)[0]
    assert batch[0] == pytest.approx(batch[1]) and batch[0] < batch[2] < 0
    assert [cx.score([t])[0][0] for t in texts] == pytest.approx(batch.tolist())


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 54: "any less" after a copula's negation is litotes, as "no less" is: the quality had in full (-0.32
        # before: VADER's "isn't" negated "fun")
        ("this isn't any less fun", 1),
        ("it's not any less fun than the old one", 1),
        ("the sequel wasn't any less fun", 1),
        # and of a complaint, the complaint (+0.20 before: "isn't" negated "buggy")
        ("the new update isn't any less buggy", -1),
        # "couldn't be any less" is the quality lacking, all of it (+0.37 and +0.31 before: the negation too far back)
        ("support couldn't be any less helpful", -1),
        ("the staff could not be any less interested", -1),
        # not "will not be any less": litotes too
        ("it will not be any less fun", 1),
    ],
)
def test_any_less_after_a_negation(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 54: a time given free, "free" after its unit, is the deal "for # and getting # free" (-0.23 before: "for
        # 12 and getting 12" read as a shortfall)
        ("signed up for 12 and getting 12 months free", 1),
        ("signed up for 12 and getting 12 free months", 1),
        ("got 3 Months free with my new phone", 1),
        # a shortfall stays one
        ("paying for 500 and getting 20", -1),
        ("Paying Lumenet for 500 and getting 20", -1),
    ],
)
def test_a_time_given_free_is_a_deal(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 54: a place in line to a throne is a joke, no wait (-0.33 before: "nth in line")
        ("I'm 1000th in line for the throne", 0),
        ("about 40,000th in line to the throne lol", 1),  # (the laugh alone is VADER's +1.8)
        # a queue's place stays a wait
        ("I'm 1000th in the queue", -1),
        ("1000th in line for a refund", -1),
    ],
)
def test_a_place_in_line_to_a_throne_is_no_wait(cx, cx_reference, text, sign):
    (assert_exact_sign if sign == 0 else assert_sign)(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 54: a laugh after a word of judgement is at it, as a smile is (-0.04 before, neutral: VADER's "lol" +1.8
        # against "terrible" -2.1; the smile alone was already dropped)
        ("this is terrible :) lol", -1),
        ("this is terrible lol", -1),
        ("lol this is the worst", -1),
        # not in an apology, nor beside praise
        ("sorry for the terrible joke lol", 1),
        ("the worst part is it's over, loved it lol", 1),
    ],
)
def test_a_laugh_after_a_judgement_is_at_it(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 54: "for no reason" is the grievance of an arbitrary act, an event the thanks for its fix halves (+0.08
        # before, "no" -1.2 at full weight): the fix thanked is the verdict
        ("card blocked for no reason, unblocked in 5 minutes. thank you", 1),
        ("account blocked for no reason", -1),
        ("app logs me out for no reason", -1),
    ],
)
def test_for_no_reason_is_a_grievance(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


def test_for_no_reason_weighs_as_much_as_the_block_after_thanks(cx):
    """The thanks halves "for no reason" as it does the block (-1.2 to -0.6), so the post leans to the thanks."""
    why = cx.explain(["card blocked for no reason, unblocked in 5 minutes. thank you"])[0]
    assert "for_no_reason -0.60" in why and "thanks for a problem handled" in why
    assert polarity(cx, "card blocked for no reason, unblocked in 5 minutes. thank you") > 0.2


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 54: a review of one's own claim, or after a time, is a process stalled (0 before)
        ("still reviewing my claim", -1),
        ("Paywise still 'reviewing' it after 2 days", -1),
        ("application still under review after 3 weeks", -1),
        ("still investigating my claim after 3 weeks", -1),
        ("Paywise still processing my refund", -1),
        ("they are still looking into it after 2 weeks", -1),
        # a review alone is news, no complaint
        ("the board is still reviewing the bid", 0),
        ("I'm still processing it, what a game", 0),
        # stop 54: people a copula calls legends are praised (0 before); "legends" alone stays 0
        ("you guys are legends", 1),
        ("the support team were legends today", 1),
        ("FIFA has legends mode", 0),
    ],
)
def test_a_review_stalled_and_legends_praised(cx, cx_reference, text, sign):
    (assert_exact_sign if sign == 0 else assert_sign)(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 54: a fee waived is the fee's fix (+0.03 before, "fees" -0.8 beside the thanks)
        ("thank you JetNova for waiving the fees after the flight was cancelled", 1),
        ("they waived the late fees", 1),
        # a waiver denied or asked for is none
        ("they never waived the fees", -1),
        ("please waive the fees", -1),
        # stop 54: "nothing" right after a fix denies it, as "never" does (+0.70 and +0.67 before: the outage fixed)
        ("great, they fixed nothing after the outage", -1),
        ("great, they waived nothing after the cancellation", -1),
    ],
)
def test_a_fee_waived_is_fixed_and_nothing_fixed_is_none(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 54: "nothing short of" and "nothing less than" are litotes, the quality had in full (-0.44 before:
        # VADER's "nothing" negating "amazing")
        ("this is nothing short of amazing", 1),
        ("Nothing short of wonderful", 1),
        ("the new plan is nothing less than brilliant", 1),
        # and of a complaint, the complaint
        ("nothing less than a disaster", -1),
        ("the rollout was nothing short of a mess", -1),
    ],
)
def test_nothing_short_of_is_litotes(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 54: 🙂 and 😊 are smiles as ":)" is, so a smile at a complaint weighs nothing (-0.01 before: VADER read
        # "slightly smiling face" as words, "smiling" +1.7 against "useless" -1.8)
        ("useless app 🙂", -1),
        ("support is not responding 😊", -1),
        # and beside praise, or alone, they keep a smile's weight
        ("thanks for the quick reply 🙂", 1),
        ("love the new menu 😊", 1),
        ("🙂", 1),
        # stop 54 (leftovers): and 😀, 😃, 😁, 😄, ☺ (-0.04, +0.37, +0.03 before: "grinning" +1.5 and "smiling" +2.0
        # against "crashed" -1.8), with the variation selector too
        ("app crashed again 😀", -1),
        ("app crashed again 😄", -1),
        ("app crashed again ☺\ufe0f", -1),
        ("my order is late again 😁", -1),
        ("the app keeps crashing 😃", -1),
        ("thanks for the quick reply 😀", 1),
        ("love the new app ☺", 1),
        ("😄", 1),
    ],
)
def test_smiles_vader_read_as_words_are_smiles(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 54 (leftovers): "thanks to" right after a complaint is "because of" (+0.18 before: "thanks" +1.9
        # outweighing "stuck" -1.0)
        ("stuck at the airport overnight thanks to Skyway", -1),
        ("stuck at the airport overnight, thanks to Skyway", -1),
        # thanks at a sentence's start, after a contrast word, to something praised, or for something: thanks
        ("flight delayed but made my connection thanks to the crew", 1),
        ("made it home safe thanks to Skyway", 1),
        ("Thanks to the engineers who worked all night on the outage", 1),
    ],
)
def test_thanks_to_after_a_complaint_is_its_cause(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 54 (leftovers): a fix seen done or thanked for is done, not asked (-0.81 and -0.65 before: sarcasm, the
        # crashes a complaint; "thanks for fixing the crash so fast" +0.03)
        ("great to see QuickBite fix the app crashes so fast, works perfectly now", 1),
        ("nice to see them fix the lag", 1),
        ("saw them fix the outage in an hour", 1),
        ("thanks for fixing the crash so fast", 1),
        # a fix wished for or asked for stays a complaint
        ("would love to see them fix the crashes", -1),
        ("I want to see them fix the crashes", -1),
        ("please fix the crashes", -1),
    ],
)
def test_a_fix_seen_done_is_done(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 54 (leftovers): a threat guarded against is the problem handled (-0.21, -0.39, -0.13, -0.16 before:
        # "dodgy", "fraudulent", "fraud", "scam" and "blocking" complaints beside the thanks)
        ("Shoutout to Paywise for spotting a dodgy payment and blocking it before I even noticed", 1),
        ("Paywise blocked a fraudulent payment on my card, thank you", 1),
        ("the fraud was caught within minutes, impressed", 1),
        ("thanks for catching the scam", 1),
        ("suspicious login blocked, thanks Voxa", 1),
        # denied, it is none (+0.44 before: VADER's "never" negating "fraud"); a card blocked, the fraud unguarded stay
        ("they never caught the fraud", -1),
        ("Paywise blocked my card over a suspicious payment that was mine", -1),
        ("fraud on my account again", -1),
        ("Paywise flagged my own rent payment as fraud and blocked my card. Safe", -1),
    ],
)
def test_a_threat_guarded_against_is_handled(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 54 (leftovers): "X my foot" denies X (0 before: no sentiment word)
        ("'Instant' my foot", -1),
        ("Paywise transfer to my German account took 4 days. 'Instant' my foot", -1),
        ("Great service my foot!", -1),
        # a fix word before it is what it denies, no problem fixed ("Fixed price my foot" was +0.15: "my foot" turned)
        ("Fixed price my foot", -1),
        ("Lumenet put my bill up 14% mid-contract. Fixed price my foot", -1),
        # a foot is none: these keep their other words' sentiment
        ("stepped on my foot in the queue", 0),
        ("these shoes fit my foot perfectly", 1),
        ("my foot hurts", -1),
    ],
)
def test_my_foot_denies_what_it_follows(cx, cx_reference, text, sign):
    (assert_exact_sign if sign == 0 else assert_sign)(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 54: "no contest" is a clear win (-0.26 before: VADER's "no" before "contest")
        ("FeastNow's menu over QuickBite's, no contest", 1),
        # a complaint answered, addressed or handled is its fix (-0.26 before, "complaint" read against the brand)
        ("Skyway actually answered my complaint within a day", 1),
        ("they addressed my complaint the same day", 1),
        # controls: one never answered, or not yet, stays a complaint
        ("Skyway never answered my complaint", -1),
        ("Skyway still hasn't addressed my complaint", -1),
    ],
)
def test_no_contest_is_a_win_and_a_complaint_answered_is_fixed(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 55: nobody helping, answering or caring is a complaint ("nobody helps" was +0.35, "nobody cares" +0.43:
        # VADER's "helps" and "cares"; "nobody answers" and "nobody helped" 0)
        ("nobody helps", -1),
        ("no one helped", -1),
        ("noone helped me at the desk", -1),
        ("nobody answers the phone", -1),
        ("nobody cares", -1),
        ("been waiting 2 hours and nobody is helping", -1),
        # (review) and nobody calling back ("nobody has called me back in 3 days" was 0)
        ("nobody has called me back in 3 days", -1),
        ("they said they'd ring me and no one called", -1),
        # controls: nobody doing better stays praise, and help given stays help; a call foreseen is none
        ("nobody could do better than Skyway", 1),
        ("the staff were so helpful", 1),
        ("nobody called it, what a comeback", 0),
    ],
)
def test_nobody_helping_is_a_complaint(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 55: "my arse" scoffs as "my foot" does (0 before: no sentiment word)
        ("'Instant' my arse", -1),
        ("Great service my arse!", -1),
        ("Paywise transfer took 4 days. Fixed price my arse", -1),
        ("kiss my arse", -1),  # (VADER's "kiss" made it +0.39)
        # one's own, something done to it, is none: these keep their other words' sentiment
        ("Support saved my arse, thank you", 1),
        ("worked my arse off for this company", 0),
        ("fell on my arse in the queue", 0),
    ],
)
def test_my_arse_scoffs_as_my_foot_does(cx, cx_reference, text, sign):
    (assert_exact_sign if sign == 0 else assert_sign)(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)


def test_the_fintech_lexicon_scoffs_with_the_built_in_my_foot():
    """Stop 55: examples/fintech-words.toml repeated the built-in "my foot" (-1.5); laid over it, the scoff stays."""
    from brandpulse.enrich.cx import extend_lexicon

    path = Path(__file__).parents[1] / "examples" / "fintech-words.toml"
    with open(path, "rb") as f:
        assert "my foot" not in tomllib.load(f)["phrases"]
    fintech = CxAnalyzer(extend_lexicon(path))
    assert fintech.lex.phrases["my foot"] == -1.5
    assert fintech.score(["transfer took 4 days. 'Instant' my foot"])[0][0] < -0.05


def test_the_example_lexicons_repeat_no_built_in_entry():
    """Stop 55: ten entries of the example lexicons repeated built-in ones at the same weight (water's "contaminated",
    gym's "out of order", ticketing's "face value" 0, ...): a copy changes nothing, and would keep the old weight in a
    copied config when the built-in one changes. An override (another weight) is fine."""
    builtin = cx_module._builtin_data()
    paths = sorted((Path(__file__).parents[1] / "examples").glob("*-words.toml"))
    assert len(paths) >= 9
    repeats = []
    for path in paths:
        with open(path, "rb") as f:
            own = tomllib.load(f)
        for table, entries in own.items():
            if not isinstance(entries, dict):
                continue
            if table in ("words", "phrases", "emoji"):
                fold = (lambda k: k) if table == "emoji" else (lambda k: " ".join(k.lower().split()))
                base = {fold(k): v for k, v in builtin.get(table, {}).items()}
                repeats += [f"{path.name} [{table}] {k!r}" for k, v in entries.items() if base.get(fold(k)) == v]
            else:  # (the rules' lists add to the built-in ones)
                for key, value in entries.items():
                    listed = builtin.get(table, {}).get(key)
                    if isinstance(value, list) and isinstance(listed, list):
                        repeats += [f"{path.name} [{table}] {key} {v!r}" for v in value if v in listed]
    assert repeats == []


@pytest.mark.parametrize(
    "text, sign, sarcasm",
    [
        # stop 55: people thanked for an act beside a complaint are thanked (sarcasm before, -0.55): mildly positive
        ("Flight delayed, thanks to the crew for keeping us updated", 1, False),
        ("Flight delayed again, thank you to the staff for the regular updates!", 1, False),
        # true sarcasm stays: thanks for the problem itself, for nothing or for a harm
        ("thanks for the 3 hour delay", -1, True),
        ("great, another delay", -1, True),
        ("Flight delayed, thanks to the crew for the 3 hour delay", -1, True),
        ("Thanks to the crew for another delay", -1, True),
        ("Flight delayed, thanks to the staff for nothing", -1, True),
        ("Flight delayed, thanks to the staff for ignoring us", -1, True),
        # and "thanks to" with no "for" after a complaint is its cause
        ("Flight delayed thanks to the crew", -1, False),
        # `[sarcasm] handlers` are thanked so too (were sarcasm, -0.55, -0.55, -0.61), and sarcasm stays sarcasm
        ("Flight delayed, thanks to the agent for keeping us updated", 1, False),
        ("Flight delayed, thanks to the team for keeping us updated", 1, False),
        ("Parcel lost, thanks to the rep for chasing it up", 1, False),
        ("Flight delayed, thanks to the agent for rebooking us", 1, False),  # (+0.23 before: "rebooking" is a fix)
        ("thanks to the team for losing my bag", -1, True),
        ("Card declined, thanks to the rep for nothing", -1, True),
        ("On hold 2 hours, thanks to the agent for hanging up on me", -1, True),  # ("hanging up on me" -2.0)
    ],
)
def test_people_thanked_for_an_act_beside_a_complaint_are_thanked(cx, cx_reference, text, sign, sarcasm):
    assert_sign(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)
    assert cx.sarcastic([text]).tolist() == [sarcasm]


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 55: a sweat smile after a complaint is wry, no praise (-0.05 and +0.04 before: VADER's "grinning")
        ("Lost my bag again 😅", -1),
        ("Been on hold for 2 hours 😅", -1),
        ("Passed my exam 😅", 1),
        # a squinting laugh is at something, as 😂 is (+0.33 before); a joke's praise is its words'
        ("The app crashed lol 😆", -1),
        ("This ad is hilarious 😆", 1),
        ("😆", 0),
        # a wink after praise of a failure marks it as irony (+0.33 and +0.16 before)
        ("The new update is great, crashes every 5 minutes 😉", -1),
        ("Really impressed that the app crashes every time I open it 😉", -1),
        # not praise alone, praise after the problem, nor a problem handled
        ("Thanks for the tip 😉", 1),
        ("Great job on the new update 😉", 1),
        ("See you at the gig tonight 😉", 0),
        ("Flight delayed, but the crew were great 😉", 1),
        ("great app, never crashes 😉", 1),
    ],
)
def test_sweat_smile_squinting_laugh_and_wink(cx, cx_reference, text, sign):
    (assert_exact_sign if sign == 0 else assert_sign)(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 55: a word of praise in quotes is scare quotes, no praise
        ('their "helpful" agent hung up on me', -1),  # (0 before: "helpful" +2.0 against the hang-up)
        ("the \u201cgreat\u201d new app crashes on launch", -1),
        ('their "support" never answered', -1),
        ('they said it was "great"', 0),  # (+0.60 before)
        # praise unquoted stays, and a quoted word with no praise still joins its phrase (stop 53)
        ('great service, really "helpful" staff', 1),
        ("stuck on 'pending'", -1),
        ("'Instant' my foot", -1),
    ],
)
def test_praise_in_scare_quotes_is_none(cx, cx_reference, text, sign):
    (assert_exact_sign if sign == 0 else assert_sign)(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)


def test_the_guard_rules_words_are_the_lexicons():
    """Stop 55: the threats and guards of `_guarded` moved from cx.py into cx_lexicon.toml's `[guard]`; without them the
    rule finds nothing, and a fraud caught reads as the fraud."""
    lex = load_lexicon()
    assert {"fraud", "scam", "phishing"} <= set(lex.threats) and {"caught", "blocked", "stopped"} <= set(lex.guards)
    texts = ["Paywise caught the fraud within minutes, thanks", "the scam was stopped"]
    assert (CxAnalyzer(lex).score(texts)[0] > 0.05).all()
    for bare in (dataclasses.replace(lex, threats=[]), dataclasses.replace(lex, guards=[])):
        assert (CxAnalyzer(bare).score(texts)[0] < -0.05).all()


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the rewrites `_unglued` looks for by their words first, in the lower-cased text
        ("I am 40,000th in the QUEUE", "I am nth in the QUEUE"),
        ("paying for 500Mbps and 12 months FREE", "paying for 500 Mbps and 12 free months"),
        ("The crew were lovely. INCREDIBLE!", "The crew were lovely. incredible_alone!"),
        ("500 people in the queue, 24 hour wait", "500 people in the queue, 24 hour wait"),
        # letters beyond ASCII that Python's re ignoring case reads as ASCII ones, which lower() does not write so:
        # "İ" and "ı" as "i", the Kelvin sign as "k", "ſ" as "s"
        ("İncredible!", "incredible_alone!"),
        ("I am 40,000th in the lıne", "I am nth in the lıne"),
        ("paying for 500\u212abps", "paying for 500 \u212abps"),
        ("paying for 500mbpſ", "paying for 500 mbpſ"),
    ],
)
def test_unglued_rewrites_found_by_their_words(cx, text, want):
    assert cx._unglued(text, True) == want


@pytest.mark.parametrize(
    "text, sign, sarcasm",
    [
        # stop 56: thanks given "for nothing", said apart, are sarcasm as "thanks for nothing" is (the first was -0.04:
        # the thanks' +1.9 against the event's -2.2, its opener's sentence too long to be read as a sign-off)
        ("Order never arrived. Thanks to the support team for nothing", -1, True),
        ("Thanks Delta for nothing!", -1, True),
        ("thanks to the team for nothing 😡", -1, True),
        # thanks for work done free, "for nothing" said on, or in a clause of its own, are meant
        ("Thank you for doing this for nothing", 1, False),
        ("Thanks to the volunteers who work for nothing", 1, False),
        ("thanks for coming. Nothing else to add", 1, False),
        # a pause after the thanks is the sarcasm's own (each read as thanks, +0.41 / +0.46, before)
        ("thanks, for nothing", -1, True),
        ("thanks... for nothing", -1, True),
        ("Thanks Delta, for nothing!", -1, True),
        # but only where "nothing" ends it
        ("Thanks, for nothing could be better", 1, False),
    ],
)
def test_thanks_for_nothing_said_apart_is_sarcasm(cx, cx_reference, text, sign, sarcasm):
    assert_sign(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)
    assert cx.sarcastic([text]).tolist() == [sarcasm]


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 56: nobody calling, getting back or coming is a complaint, as nobody helping is (the first three and the
        # fifth were 0, "no one turned up" -0.26 for VADER's "no" alone)
        ("nobody rang", -1),
        ("nobody got back to me", -1),
        ("Engineer booked for 9am, nobody showed up", -1),
        ("no one turned up", -1),
        ("nobody ever got back to us about the refund", -1),
        ("no one came to help", -1),  # (+0.08 before: VADER's "help" +1.7 against its "no")
        ("nobody bothered to tell us", -1),  # (-0.28 before, VADER's "bothered": -0.32 now)
        # nobody coming close is praise of whom nobody beats, as "nobody could do better" (0 before)
        ("Nobody comes close to Skyway", 1),
        # where nobody is, or from whom, said between (0 before, but the first: -0.28, VADER's "bothered" alone)
        ("nobody here bothered", -1),
        ("nobody from Skyway called", -1),
        ("nobody at the store called me back", -1),
        # and none of several things working (0 before)
        ("none of my apps are working", -1),
        ("none of them work", -1),
        ("none of my business", 0),
    ],
)
def test_nobody_calling_or_coming_is_a_complaint(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)


@pytest.mark.parametrize(
    ("pattern", "guard", "texts"),
    [
        (
            cx_module._NOBODY_WHERE,
            ("body", "one"),
            ["No one HERE bothered", "NOBODY from Skyway called", "noone at X rang"],
        ),
        (cx_module._NONE_OF, ("none",), ["NONE of my apps work", "none of them are working"]),
    ],
)
def test_the_nobody_rewrites_run_on_every_text_they_can_match(pattern, guard, texts):
    """`_unglued` runs `_NOBODY_WHERE` only on texts holding "body" or "one", `_NONE_OF` on those holding "none" (as
    lower-cased): every match must hold one of those words. Each string of `_needed_words` (one of which every match
    holds) holds one of them."""
    import re._parser as re_parser

    from brandpulse.enrich.matching import _needed_words

    needed = _needed_words(re_parser.parse(pattern.pattern, pattern.flags))
    assert needed and all(any(word in n for word in guard) for n in needed)
    for text in texts:
        assert any(word in pattern.search(text).group().lower() for word in guard)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 56: ratings written as figures (each was 0 but "10/10"): low ones a complaint, high ones praise
        ("-5 stars for Delta", -1),
        ("zero stars", -1),
        ("0 stars", -1),
        ("1/10", -1),
        ("3/10 would not recommend", -1),
        ("1 out of 5 stars", -1),
        ("a two star script", -1),
        ("5 stars", 1),
        ("I'd give Skyway five stars", 1),
        ("8/10", 1),
        ("10/10", 1),
        # a half star is its own rating, no "5 stars" inside it, and "out of 5 stars" none: the number before it is
        ("1.5 stars", -1),
        ("3 out of 5 stars", 0),
        ("a 3 to 5 star review", 0),
        # a low rating is never negated into praise ("why can't it be rated zero stars?", a review rated -3.2);
        # a high one is: short of the top
        ("why can't it be rated zero stars?", -1),
        ("it does not get 5 stars", -1),
        # a date or a time is no rating, nor a fraction ("10/10 at 5pm" was +0.52)
        ("10/10 at 5pm", 0),
        ("Thursday 3/10 at 5pm", 0),
        ("see you on 3/10", 0),
        ("the shutter release takes about 1/10 of a second", 0),
        ("9/10 times", 0),
        # (stop 56, later) out of five as out of ten (both were 0), a low one never negated
        ("5/5", 1),
        ("Rate: 5/5", 1),
        ("1/5", -1),
        ("service 1/5, would not go back", -1),
        ("I would not give it 1/5", -1),
        ("the check-in took 1/5 of the time", 0),
        # a date after a weekday or "on", "by", ... (the first two read as ratings, -0.26 and -0.47)
        ("Thursday 3/10", 0),
        ("Mon 1/10", 0),
        ("Thu, 8/10", 0),
        ("delivered on 5/5", 0),
        ("due 1/5", 0),
    ],
)
def test_ratings_as_figures(cx, cx_reference, text, sign):
    (assert_exact_sign if sign == 0 else assert_sign)(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 56: a thing not working, said otherwise than "doesn't work" / "is not working" (each was 0)
        ("wifi isn't working", -1),
        ("tried the reset, it didn't work", -1),
        ("nothing works since the update", -1),
        ("this remote will not work with my TV", -1),
        ("my cards weren't working at the till", -1),
        ("the app still isn't working", -1),
        # its negation still turns it: a thing working after all
        ("it's not that it isn't working, it's great", 1),
    ],
)
def test_a_thing_not_working_is_a_complaint(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)


def test_a_few_texts_scored_again_as_in_a_batch_without_re2(cx, monkeypatch):
    """From its second batch of at most `_FEW` texts on, cx scores each text in Python (RE2 compiled 30,000 characters
    of phrase patterns again at every call: 25 ms of CPU of each `analyze` of 2 posts): the scores a large batch gives
    (sarcasm, a phrase, a line break, an emoji), and no RE2 scan."""
    texts = [
        "great job Skyway, another 3 hour delay",
        "my order never arrived and the app says delivered 😡",
        "so glad\nthe wait was worth it",
        "not bad at all",
    ]
    batch = cx.score(texts + [f"just a post number {i}" for i in range(cx_module._FEW)])[0][: len(texts)]
    first = cx.score(texts)[0]
    scanned = []

    def spy(name):
        run = getattr(cx_module.pc, name)
        return lambda arr, pattern, *args, **kwargs: scanned.append(pattern) or run(arr, pattern, *args, **kwargs)

    for name in ("match_substring_regex", "replace_substring_regex"):
        monkeypatch.setattr(cx_module.pc, name, spy(name))
    again = cx.score(texts)[0]
    assert first.tolist() == again.tolist() == batch.tolist()
    assert (np.sign(batch) == [-1, -1, 1, 1]).all()
    big = {cx._phrase_re2, cx._special_filter, cx._unglue_filter, *cx._phrase_filters}
    assert None not in big
    assert not big.intersection(scanned)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 57: "sat" or "wed" after its subject is a verb, its figure a rating out of five (the first two were read
        # as dates, 0); "Sat" alone, or after "see you", stays a weekday's date
        ("I sat 5/5", 1),
        ("we just sat 1/5", -1),
        ("Sat 5/5", 0),
        ("see you Sat 5/5", 0),
        ("Wed 5/5", 0),
    ],
)
def test_a_weekday_that_is_a_verb_is_no_date(cx, cx_reference, text, sign):
    (assert_exact_sign if sign == 0 else assert_sign)(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 57: a warning to keep one's money (each +0.47 before: VADER's "save")
        ("save your money.", -1),
        ("save your cash.", -1),
        ("save yourself the hassle and fly with someone else", -1),
        # the best there is, said with a negation (each was negative: VADER's negation of "better"), and none going
        # wrong (+0.34 already for the first; the question was -0.22)
        ("it doesn't get any better than this.", 1),
        ("the service couldn't be any better", 1),
        ("she's never been better", 1),
        ("you can't go wrong with Skyway", 1),
        ("how can you go wrong?", 1),
        # a thing that did not get better stays a complaint
        ("the app didn't get any better after the update", -1),
        # a product sent back (0 before)
        ("had to send it back.", -1),
        ("i am returning it", -1),
        # a bargain, and a thing that kicks ass (-0.47 and -0.52 before); a kick at a person stays a threat
        ("it was a steal.", 1),
        ("this thing kicks ass", 1),
        ("I'll kick your ass", -1),
        # surprise and intensity are no judgement, a title none either (-0.91, -0.66, -0.53 before); the words
        # around them still count
        ("holy shit just found out I'm gonna see Paul McCartney tomorrow", 0),
        ("one hell of a weekend", 0),
        ("Star Wars is back", 0),
        ("holy crap, they lost my bag", -1),
        ("holy crap this is amazing", 1),
        # what has yet to happen is late (0 before), where never disappointed yet is praise (negative before: "yet"
        # a contrast word, "disappointed" after it)
        ("Skyway has yet to refund me", -1),
        ("I have yet to be disappointed", 1),
        ("I've yet to be disappointed by them", 1),
    ],
)
def test_reviewers_idioms(cx, cx_reference, text, sign):
    (assert_exact_sign if sign == 0 else assert_sign)(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 57: "nobody" or "no one" denies the praise after it in its clause (the first +0.55 before: VADER has no
        # "nobody" among its negations, and "here" moved before it by stop 56's rule)
        ("nobody here is happy", -1),
        ("nobody is happy with the new app", -1),
        ("no one was friendly at the desk", -1),
        ("noone likes the update", -1),
        ("nobody at the desk was helpful", -1),
        # not where another is compared (praise of the brand), nor the excuse, nor past its clause
        ("nobody does it better than Skyway", 1),
        ("thanks Skyway for rebooking me, nobody else helped", 1),
        ("nobody is perfect", 1),
        ("nobody. great service", 1),
        # (stop 56 left this reading -0.04 beside praise, a tuning review rated +3.2; alone, the warning that the rating
        # misleads is a complaint, and stays one)
        ("don't let my five star rating fool you", -1),
    ],
)
def test_nobody_denies_praise(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 57: junk and a paperweight are complaints (0 and +0.39 before: VADER has neither word, and "nice"), a
        # junk folder none
        ("a piece of junk.", -1),
        ("nice paperweight.", -1),
        ("you will have a very expensive paperweight.", -1),
        ("check your junk folder", 0),
        # advice not to buy (0, and +0.29 for VADER's negation of "waste"; "recommend" +0.33)
        ("don't buy this player.", -1),
        ("don't waste your money.", -1),
        ("i'd recommend against this unit.", -1),
        # praise said with a negation (-0.15, -0.31 and 0 before), and ten stars (0); the sarcastic "never fails to
        # disappoint" a complaint
        ("Skyway never fails to amaze", 1),
        ("i cannot say enough good things about the people", 1),
        ("i would not give up this phone for the world.", 1),
        ("i give it 10 stars!", 1),
        ("Skyway never fails to disappoint", -1),
    ],
)
def test_reviewers_verdicts(cx, cx_reference, text, sign):
    (assert_exact_sign if sign == 0 else assert_sign)(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)


@pytest.mark.parametrize(
    "text, sign",
    [
        # stop 57: words of a product or a service VADER lacks (each was 0); a negation still turns them
        ("extremely convenient.", 1),
        ("the service from the supplier was exceptional.", 1),
        ("flimsy and unreliable", -1),
        ("the staff were unhelpful", -1),
        ("not intuitive at all", -1),
        # warnings and praise of reviewers (each was 0)
        ("stay away from it.", -1),
        ("buyer beware!", -1),
        ("it's money down the drain.", -1),
        ("it has never worked.", -1),
        ("the second one crapped out only after a week", -1),
        ("within 45 days the video output quit working", -1),  # (+0.23 before)
        ("big minus!!", -1),
        ("this camera has exceeded my expectations.", 1),
        ("most bang for the buck.", 1),
    ],
)
def test_product_words(cx, cx_reference, text, sign):
    assert_sign(cx, cx_reference, text, sign)
    assert cx.score([text, "fine"])[0][0] == polarity(cx, text)


def test_benchmark_errors_lists_the_worst_misreadings_first():
    """`sentiment_accuracy.py --errors N`: only texts whose label differs from the gold one, farthest first."""
    from sentiment_accuracy import misreadings

    found = misreadings(
        ["loved it", "fine", "awful", "meh", "great"],
        ["positive", "neutral", "negative", "neutral", "positive"],
        [1.0, 0.0, -1.0, 0.0, 1.0],
        [-0.8, 0.3, -0.9, 0.0, 0.2],  # right: "awful" (-0.9), "meh" (0.0), "great" (+0.2 is positive)
        5,
    )
    assert found["text"].tolist() == ["loved it", "fine"]  # 1.8 from its gold, then 0.3
    assert len(misreadings(["a", "b"], ["positive", "positive"], [1.0, 1.0], [-0.5, -0.9], 1)) == 1


def test_benchmark_errors_refuses_the_held_out_split():
    """The test split is never browsed for tuning: a clear refusal (exit 2) before any data is read."""
    import subprocess
    import sys

    bench = Path(__file__).resolve().parents[1] / "benchmarks" / "sentiment_accuracy.py"
    run = subprocess.run(
        [sys.executable, str(bench), "--split", "test", "--errors", "5"], capture_output=True, text=True, check=False
    )
    assert run.returncode == 2
    assert "only with --split tune" in run.stderr
    assert run.stdout == ""


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # praise undone by a tail saying it no longer works (+0.64 and +0.58 before: the praise alone counted)
        ("great player... when it worked!", -1),
        ("Loved this phone while it lasted.", -1),
        ("Great product, when it works.", -1),
        ("when it works, it's great", 1),  # praise after the tail stays
        # a wish for something better tells of a lack (+0.78 and +0.66 before: "better", "nice", "wish" as praise)
        ("a better design sure would be nice", -1),
        ("I wish it had a better screen", -1),
        ("A better manual would have been nice.", -1),
        ("I wish you a happy birthday", 1),  # no lack wished: a greeting
        ("It would be nice to see you again", 1),
        ("this is better than I expected, would buy again", 1),  # no wish
        # praise of what a broken product became is sarcasm, not only the fixed phrases ("now it's a nice doorstop"
        # was 0.00)
        ("now it's a nice doorstop", -1),
        ("makes a great doorstop", -1),
        ("Makes a lovely paperweight now that it stopped charging.", -1),
        ("It's a very expensive paper weight.", -1),
        ("Great sound, works perfectly", 1),
    ],
)
def test_praise_undone_wished_or_scorned_counts_against(cx, cx_reference, text, sign):
    assert_exact_sign(cx, cx_reference, text, sign)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # the wish's praise counts against in its own clause only (-0.61 before, its "fine" turned too): "fine" is
        # praise again, "better" still against
        ("a better design sure would be nice", -1),
        ("I wish it had a better screen", -1),
        ("A better screen, though, would be nice", -1),  # (an aside: one clause)
        ("Great phone, though I wish it had a better screen", 1),
        ("I wish it had a better screen, but the camera is great", 1),
        ("Although the story is good, a better ending would have been nice", 0),
    ],
)
def test_a_wish_turns_only_its_own_clause(cx, cx_reference, text, sign):
    (assert_exact_sign if sign else assert_sign)(cx, cx_reference, text, sign)


def test_praise_before_a_contrast_stays_beside_a_wish(cx):
    """The clause before "but" keeps its praise; the wish's "better" after it counts against."""
    [explained] = cx.explain(["A fine film, but it would be a lot better if it stuck to its story"])
    assert "fine +" in explained
    assert "better -" in explained and "(praise turned against)" in explained.split("better", 1)[1]


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # "favourite", British, was no word ("Skyway is my favourite airline!" 0); "favorite" was
        ("Skyway is my favourite airline!", 1),
        ("this is my favourite", 1),
        ("Skyway is my favorite airline!", 1),
        # a thing said to be late ("my flight was late", "the delivery is late", "trains were late" were 0)
        ("my flight was late", -1),
        ("the delivery is late", -1),
        ("trains were late", -1),
        ("our drivers are late again", -1),
        # not the writer, the hour, a decade, a perk or a bedtime; nor a lateness denied
        ("I was late for work", 0),
        ("we were late to the gate", 0),
        ("it was late so we took a cab", 0),
        ("late 70s rock", 0),
        ("stayed up late watching", 0),
        ("my flight was not late", 0),
    ],
)
def test_favourite_and_lateness(cx, cx_reference, text, sign):
    assert_exact_sign(cx, cx_reference, text, sign)


def test_a_tail_undoing_praise_turns_only_its_own_sentences_praise(cx, cx_reference):
    """ "Love the new staff! The old app was great when it worked." was -0.65: the tail turned the first sentence's
    "love" too (review of stop 57). Its own sentence's praise only; an ellipsis is no sentence end."""
    [explained] = cx.explain(["Love the new staff! The old app was great when it worked."])
    love, rest = explained.split(";", 1)
    assert love.startswith("Love +") and "great -" in rest and "(praise turned against)" in rest
    [trailing] = cx.explain(["great player... when it worked!"])
    assert trailing.startswith("great -") and "(praise turned against)" in trailing
    assert_exact_sign(cx, cx_reference, "Love the new staff! The old app was great when it worked.", 1)
