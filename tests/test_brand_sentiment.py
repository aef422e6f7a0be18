"""Per-brand sentiment: each brand of a multi-brand post gets its own clauses' sentiment."""

import re

import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import fresh_python
from hypothesis import example, given, settings
from hypothesis import strategies as st

from brandpulse.cli import main
from brandpulse.config import Brand, Config, default_topics, load_config
from brandpulse.enrich.brand_sentiment import CLAUSE_RULE, CLAUSE_SPLIT, brand_scores, clauses, per_brand, score_brands
from brandpulse.errors import InputError
from brandpulse.pipeline import analyze
from brandpulse.report.summary import brand_summary, extreme_posts, topic_summary
from brandpulse.schema import conform

BRANDS = [Brand("United", ["United"]), Brand("Delta", ["Delta"]), Brand("Acme", ["Acme"])]


def long_rows(texts):
    config = Config(brands=BRANDS)
    enriched = analyze(conform(pd.DataFrame({"text": texts})), config)
    return per_brand(enriched, BRANDS), config


def by_brand(rows, text):
    sub = rows[rows["text"] == text]
    return dict(zip(sub["brand"], sub["brand_sentiment_label"], strict=True))


def test_clauses_split_on_sentences_commas_and_but():
    parts = clauses("A was late, B was fine. C is ok but D is bad")
    assert parts == ["A was late", "B was fine.", "C is ok", "but D is bad"]


def test_clauses_split_before_on_the_other_hand():
    assert clauses("A was lovely on the other hand B lost my bag") == [
        "A was lovely",
        "on the other hand B lost my bag",
    ]
    assert clauses("B on the other hand was late") == ["B", "on the other hand was late"]
    assert clauses("B on the other handle") == ["B on the other handle"]


def test_clauses_split_at_a_colon():
    assert clauses("A vs B: B lost my bag") == ["A vs B", "B lost my bag"]
    assert clauses("landed 10:30, https://x.example lol") == ["landed 10:30", "https://x.example lol"]


def test_clauses_split_at_an_equals_sign_between_spaces():
    """Stop 49: "A outage = great ad for B" was one clause, A's outage B's too."""
    assert clauses("A outage = great ad for B. Well played B.") == ["A outage", "great ad for B.", "Well played B."]
    assert clauses("A outage == free ad for B") == ["A outage", "free ad for B"]
    assert clauses("A => B") == ["A => B"]  # (an arrow, a switch)
    assert clauses("x=1 and y >= 2") == ["x=1 and y >= 2"]


def test_clauses_split_where_a_sentence_end_has_no_space():
    """ "Loved Delta.But United lost my bag": one clause, so both brands got the same mixed score."""
    assert clauses("Loved Delta.But United lost my bag") == ["Loved Delta.", "But United lost my bag"]
    assert clauses("Delta was great!!United was awful") == ["Delta was great!!", "United was awful"]
    assert clauses("see delta.com and U.S.A") == ["see delta.com and U.S.A"]  # no sentence end there


# spaces of every kind Python's \s knows, the split marks, letters that case-fold ("ſ" is an "s" to re.I)
PIECES = [
    "😉",
    "🙃",
    "🙄",
    "😀",
    " ",
    "  ",
    "\t",
    "\n",
    "\u00a0",
    "\u2003",
    "\x1c",
    "\x85",
    ",",
    ";",
    ".",
    "!",
    "?",
    "a",
    "é",
    "ſ",
    "K",
    "T",
]
PIECES += [
    ":",
    "but",
    "BUT",
    "While",
    "whereas",
    "though",
    "however",
    "butter",
    "x.",
    ", ",
    ". ",
    ": ",
    "10:30",
    " but ",
]
PIECES += ["=", " = ", "==", "=>", ">=", " =\n"]
PIECES += ["on the other hand", "On\tthe  other\nhand", "on the other handle", "on", "the other", "hand"]


# (300 lists of 5 to 20 texts (10 on average), where there were 3,000 examples of one: as many texts, a tenth of
# hypothesis's work per example)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=24).map("".join), min_size=5, max_size=20))
@settings(max_examples=300, deadline=None)
def test_clause_split_is_the_rule(texts):
    # CLAUSE_SPLIT is CLAUSE_RULE rewritten to run faster; they must split every text alike
    rule = re.compile(CLAUSE_RULE, re.I)
    assert [CLAUSE_SPLIT.split(text) for text in texts] == [rule.split(text) for text in texts]


def test_switched_from_one_brand_to_another():
    text = "switched from United to Delta, best decision ever"
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == {"United": "negative", "Delta": "positive"}


def test_contrast_gives_each_brand_its_clause():
    text = "United lost my bag again, Delta found it within an hour. amazing"
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == {"United": "negative", "Delta": "positive"}


@pytest.mark.parametrize(
    "text, expected",
    [
        # leaving one brand for another: negative and positive however neutral the words
        ("never flying United again. Delta from now on", {"United": "negative", "Delta": "positive"}),
        ("Deleted Acme. Delta from now on", {"Acme": "negative", "Delta": "positive"}),
        ("done with United, switching to Delta", {"United": "negative", "Delta": "positive"}),
        # the brand chosen keeps its own words when they are negative
        ("switched from United to Delta, even worse", {"United": "negative", "Delta": "negative"}),
        # a brand set against the other gets the opposite
        ("Delta is way better than United", {"Delta": "positive", "United": "negative"}),
        ("United lost my bag twice this year, Delta never has", {"United": "negative", "Delta": "positive"}),
        ("unlike United, Delta was helpful", {"United": "negative", "Delta": "positive"}),
        # a role's brand is named in its own clause: "switch to" does not reach "United" after the comma
        ("prior to my switch to Delta, United was my airline", {"Delta": "positive", "United": "neutral"}),
        ("moving to Denver next month, which is better, United or Delta?", {"United": "neutral", "Delta": "neutral"}),
        # "from A to B" chooses B only when A is a brand: a route, a price, a rating is no switch
        ("flew from Boston to Denver on Delta, United was fine", {"Delta": "neutral", "United": "positive"}),
        ("price went from $200 to $400 on Delta, United still $200", {"Delta": "neutral", "United": "neutral"}),
        ("went from 5 stars to 1 star: Delta and United both", {"Delta": "neutral", "United": "neutral"}),
        # leaving A for B: A left, B chosen (both were 0, "left" was no cue); the words of a role stop at the
        # next one's ("for", "from", "over"): "ditched Acme for Delta" left Delta too, "switched to Delta
        # from United" chose both
        ("left United for Delta last month", {"United": "negative", "Delta": "positive"}),
        ("ditched Acme for Delta last month", {"Acme": "negative", "Delta": "positive"}),
        ("switched to Delta from United last week", {"Delta": "positive", "United": "negative"}),
        ("never again United. Delta from now on", {"United": "negative", "Delta": "positive"}),
        # preferring one to the other: "A over B", "A instead of B" (B was chosen, by "B from now on"), "A beats B"
        ("I'd take Delta over United any day", {"Delta": "positive", "United": "negative"}),
        ("using Delta instead of United from now on", {"Delta": "positive", "United": "negative"}),
        ("Delta beats United on every route I fly", {"Delta": "positive", "United": "negative"}),
        ("Delta took over United routes last year", {"Delta": "neutral", "United": "neutral"}),  # a takeover
        # "B would never" sets B against the others, as "B never has"; "no better than" sets nobody against
        ("Thanks Delta for the upgrade! United would never", {"Delta": "positive", "United": "negative"}),
        ("United is no better than Delta, both overbooked my flight", {"United": "negative", "Delta": "negative"}),
        # each role's words must name a brand: "my phone on" is not one, so nothing was left for "an hour"
        ("left my phone on the Delta flight for an hour, United was fine", {"Delta": "neutral", "United": "positive"}),
        # not going back chooses nothing, also with a "be" between: "won't be going back to United" chose United
        ("flying Delta now, I won't be going back to United", {"Delta": "neutral", "United": "neutral"}),
        ("flying Delta now, not going back to United", {"Delta": "neutral", "United": "neutral"}),
        ("Delta is fine, I won't be switching to United", {"Delta": "positive", "United": "neutral"}),
        # "over to B" goes to B, no preference of A over B: "from United over to Delta" left Delta, chose United
        ("switched from United over to Delta last year", {"United": "negative", "Delta": "positive"}),
        ("United sent me over to Delta for a rebooking", {"United": "neutral", "Delta": "neutral"}),
        # "winning over" persuades, as "won over" does
        ("Delta is winning over United customers with cheap fares", {"Delta": "positive", "United": "positive"}),
        # "over" prefers only the brand right before it: "Delta flew over United's hub" chose and left nobody
        ("Delta flew over United's hub on the way in", {"Delta": "neutral", "United": "neutral"}),
        ("Delta rebooked me over United's partner network", {"Delta": "neutral", "United": "neutral"}),
        ("I'd pick Delta over United, every time", {"Delta": "positive", "United": "negative"}),
        # stop 34: the same between the brands' things, "A's X over B's" (both were neutral), but not where B's
        # noun is another's: a flight path, a row over fares
        ("I'll take Delta's service over United's any day", {"Delta": "positive", "United": "negative"}),
        ("choosing Acme's lounge over Delta's every time", {"Acme": "positive", "Delta": "negative"}),
        ("Delta's app beats United's app", {"Delta": "positive", "United": "negative"}),
        ("Delta's jet flew over United's terminal this morning", {"Delta": "neutral", "United": "neutral"}),
        ("Delta's row over United's fares goes on", {"Delta": "neutral", "United": "neutral"}),
        # the reason for a switch in its clause is the brand left's: the delay counted for Delta too (negative),
        # and "to Delta because United" chose United as well
        ("switched to Delta because United kept delaying my flights", {"Delta": "positive", "United": "negative"}),
        ("switched to Delta from United after the third delay", {"Delta": "positive", "United": "negative"}),
        ("left United for Delta because the fees got ridiculous", {"United": "negative", "Delta": "positive"}),
        # (the new brand's own clause still counts: "switched from United to Delta, even worse" above)
        # "on the other hand" splits the clause like "but", and has no sentiment ("hand" was +2.2)
        ("United was lovely on the other hand Delta lost my bag", {"United": "positive", "Delta": "negative"}),
        ("United was on time, Delta on the other hand cancelled twice", {"United": "positive", "Delta": "negative"}),
        # sarcasm aimed at one brand: the clauses, scored apart, lost it ("great job United" was praise)
        (
            "great job United, another 3 hour delay, Delta never does this to me",
            {"United": "negative", "Delta": "positive"},
        ),
        (
            "wow United, lost my bag again, amazing work. Delta has never lost a bag of mine",
            {"United": "negative", "Delta": "positive"},
        ),
        # stop 55: a wink ends what it marks, the irony aimed at the brand before it ("... 😉 Delta works fine" was
        # one clause, Delta's: United +0.60, Delta -0.16)
        ("United is great, crashes every 5 minutes 😉 Delta works fine", {"United": "negative", "Delta": "positive"}),
        # (and 🙃 ends its irony, United's: one clause of both was -0.73 for each, now -0.54 and -0.35)
        ("United is great 🙃 Delta crashes every 5 minutes", {"United": "negative", "Delta": "negative"}),
        # aimed at the brand with the event, not the one named after the opener
        (
            "cool cool. Delta rebooked me while United still can't find my bag",
            {"Delta": "positive", "United": "negative"},
        ),
        # "A > B" in tweets prefers A as "A over B" (both were 0); not an arrow, nor a number after ">"
        ("Delta > United any day", {"Delta": "positive", "United": "negative"}),
        ("Delta >>> United", {"Delta": "positive", "United": "negative"}),
        ("Delta>United", {"Delta": "positive", "United": "negative"}),
        # (an arrow is a switch, since stop 43: the brand left, the brand chosen; not "A > B", which prefers A)
        ("switching this year: United -> Delta", {"United": "negative", "Delta": "positive"}),
        ("Delta has > 200 planes, United about 150", {"Delta": "neutral", "United": "neutral"}),
        # a verdict in a comparison: "A vs B: B wins" gave both the "wins" (+0.55); the other rival lost, or won
        ("United vs Delta: Delta wins on legroom", {"United": "negative", "Delta": "positive"}),
        ("United vs Delta, United loses every time", {"United": "negative", "Delta": "positive"}),
        ("United lost to Delta on price", {"United": "negative", "Delta": "positive"}),
        ("United vs Delta for a Denver trip, who wins?", {"United": "neutral", "Delta": "neutral"}),
        ("the Delta crew wins vs United", {"Delta": "positive", "United": "negative"}),
        # a winner without rivals is positive and the other brand keeps its own words; "lost my" is no verdict
        ("Delta wins a route award, United adds two Denver flights", {"Delta": "positive", "United": "neutral"}),
        ("United vs Delta, United lost my bag", {"United": "negative", "Delta": "neutral"}),
        # stop 35: a colon ends a clause, as a comma does ("A vs B: B lost my bag" gave A B's -0.41)
        ("United vs Delta: Delta lost my bag", {"United": "neutral", "Delta": "negative"}),
        # and so does "and" between two brands' clauses (United had Delta's lost bag; Delta, chosen, +0.5)
        ("United was on time and Delta lost my bag", {"United": "positive", "Delta": "negative"}),
        ("switched from United to Delta and Delta lost my bag", {"United": "negative", "Delta": "negative"}),
        # but not in a list of the brands
        ("I love United and Delta for short hops", {"United": "positive", "Delta": "positive"}),
        ("both United and Delta cancelled my flights this week", {"United": "negative", "Delta": "negative"}),
        ("love the United app and Delta too", {"United": "positive", "Delta": "positive"}),
        # nor before a brand with no words after it (review of stop 35: Delta 0, where both had the post's words)
        ("United lost my bag and Delta", {"United": "negative", "Delta": "negative"}),
        ("hate the new seats of United and Delta", {"United": "negative", "Delta": "negative"}),
        ("United <3 and Delta!", {"United": "positive", "Delta": "positive"}),
        (
            "United was great and Delta and Acme lost my bags",
            {"United": "positive", "Delta": "negative", "Acme": "negative"},
        ),
        # a brand passed over on one thing keeps the praise of its own clauses (United was -0.5)
        ("Delta's legroom over United's, but United's food is better", {"Delta": "positive", "United": "positive"}),
        ("Prefer Delta over United, the app is just easier", {"Delta": "positive", "United": "negative"}),
        # "A < B" prefers B (both were 0), and HTML entities as CSV exports of tweets keep them are read
        ("United < Delta any day", {"United": "negative", "Delta": "positive"}),
        ("United<<<Delta", {"United": "negative", "Delta": "positive"}),
        ("Delta &gt; United", {"Delta": "positive", "United": "negative"}),
        ("United &lt;&lt; Delta", {"United": "negative", "Delta": "positive"}),
        ("United has &lt; 100 planes, Delta about 300", {"United": "neutral", "Delta": "neutral"}),
        ("switching this year: Delta <- United", {"Delta": "neutral", "United": "neutral"}),
        # a verdict on the second brand with no words of its own sets it against the first (it was 0)
        ("United rocks, Delta not so much", {"United": "positive", "Delta": "negative"}),
        ("loved United, Delta not really", {"United": "positive", "Delta": "negative"}),
        ("Delta was great, United less so", {"Delta": "positive", "United": "negative"}),
        # stop 36: after a complaint the hedge is no praise ("not so awful"): Delta was positive; it keeps its words
        ("United was awful, Delta not so much", {"United": "negative", "Delta": "neutral"}),
        ("United was rude, Delta less so", {"United": "negative", "Delta": "neutral"}),
        ("United was a mess, Delta not really", {"United": "negative", "Delta": "neutral"}),
        # a brand with no words of its own but "too" shares the verdict (Delta was 0); its own words still count
        ("United is great, Delta too", {"United": "positive", "Delta": "positive"}),
        ("United lost my bag, Delta as well", {"United": "negative", "Delta": "negative"}),
        ("United was great. Delta also!", {"United": "positive", "Delta": "positive"}),
        ("United is great, Delta too expensive", {"United": "positive", "Delta": "negative"}),
        ("I flew United, Delta too", {"United": "neutral", "Delta": "neutral"}),
        # "A <> B" and HTML tags are no "<" (they chose Delta and left United)
        ("United <> Delta codeshare from May", {"United": "neutral", "Delta": "neutral"}),
        ("I flew United <i>Delta</i> next week", {"United": "neutral", "Delta": "neutral"}),
        ("United<br>Delta", {"United": "neutral", "Delta": "neutral"}),
        ("<b>United</b> &gt; <b>Delta</b>", {"United": "positive", "Delta": "negative"}),
        ("<p>United</p> < <p>Delta</p>", {"United": "negative", "Delta": "positive"}),
        # stop 37: "same for B", "ditto B" share the verdict as "B too" does (Delta was 0)
        ("United lost my bag, same for Delta", {"United": "negative", "Delta": "negative"}),
        ("Delta crew were lovely, same with United", {"Delta": "positive", "United": "positive"}),
        ("United was late again. Ditto Delta.", {"United": "negative", "Delta": "negative"}),
        ("United is great. Same goes for Delta", {"United": "positive", "Delta": "positive"}),
        ("United is great, same price as Delta", {"United": "positive", "Delta": "neutral"}),
        ("United is great, ditto Delta, the food was awful", {"United": "positive", "Delta": "negative"}),
        # but not denied (review of stop 37: Delta had United's lost bag)
        ("United lost my bag, not the same for Delta", {"United": "negative", "Delta": "neutral"}),
        ("United lost my bag, it wasn't the same with Delta", {"United": "negative", "Delta": "neutral"}),
        ("Delta was great. Never the same for United", {"Delta": "positive", "United": "neutral"}),
        # slow service is a complaint (United was 0), and Delta "less so" keeps its own words
        ("United was slow, Delta less so", {"United": "negative", "Delta": "neutral"}),
        ("slow service at United, Delta was fine", {"United": "negative", "Delta": "positive"}),
        # a block tag (a paragraph, a line, an item) ends a clause, as a line break does; an inline tag does not
        ("<p>United lost my bag</p><p>Delta got me home on time</p>", {"United": "negative", "Delta": "positive"}),
        ("United cancelled my flight<br/>Delta was great", {"United": "negative", "Delta": "positive"}),
        (
            "<ul><li>United delayed 3 hours</li><li>Delta right on time</li></ul>",
            {"United": "negative", "Delta": "positive"},
        ),
        ("United lost my bag\nDelta got me home on time", {"United": "negative", "Delta": "positive"}),
        ("<b>United</b> and <b>Delta</b> both lost my bag", {"United": "negative", "Delta": "negative"}),
        # a negation's aside between commas is no clause of its own ("bad" was United's)
        ("United was not, honestly, bad. Delta was awful", {"United": "positive", "Delta": "negative"}),
        ("United forgot nothing, great job, Delta lost my bag", {"United": "positive", "Delta": "negative"}),
    ],
)
def test_leaving_choosing_and_comparing(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a farewell naming no brand is the brand left's, after a comma as after a full stop ("never again" was
        # Delta's too: both -0.53, and the queue's row could name the brand chosen)
        ("switched from United to Delta, never again", {"United": "negative", "Delta": "positive"}),
        ("switched from United to Delta. never again", {"United": "negative", "Delta": "positive"}),
        ("left United for Delta, never again 😡", {"United": "negative", "Delta": "positive"}),
        ("United -> Delta, good riddance", {"United": "negative", "Delta": "positive"}),
        # a farewell to a brand named is that brand's; other words of the switch's sentence are still the chosen's
        ("United was awful, Delta never again", {"United": "negative", "Delta": "negative"}),
        ("switched from United to Delta, even worse", {"United": "negative", "Delta": "negative"}),
        # the time with the brand left: "after 10 years with A" (A was 0, its name the fourth word after "after")
        ("switched to Delta after 10 years with United", {"Delta": "positive", "United": "negative"}),
        ("moved to Delta after 3 months on United", {"Delta": "positive", "United": "negative"}),
        ("switched to Delta after over twenty years with United Airlines", {"Delta": "positive", "United": "negative"}),
        ("switched to Delta after years with United", {"Delta": "positive", "United": "negative"}),
        # stop 45: "good riddance A" is a farewell to A (both had the post's praise), and "left A after 10 years" a
        # switch away from A (A was 0); not "left A a review", "left my bag on A", "left the A lounge after two hours"
        ("switched to Delta, good riddance United", {"Delta": "positive", "United": "negative"}),
        ("switched to Delta. Good riddance to United!", {"Delta": "positive", "United": "negative"}),
        ("left United after 10 years, Delta is fine", {"United": "negative", "Delta": "positive"}),
        ("cancelled my United card after 3 years, Delta is great", {"United": "negative", "Delta": "positive"}),
        ("left United a review, Delta is great", {"United": "neutral", "Delta": "positive"}),
        ("left the United lounge after two hours, Delta is great", {"United": "neutral", "Delta": "positive"}),
        # (review of stop 45: a review or its stars left after the years are no farewell)
        (
            "left United a review after 10 years of flying them, Delta is great",
            {"United": "neutral", "Delta": "positive"},
        ),
        # (stop 56: and "5 stars" is praise now, United's: neutral before, no farewell either way)
        ("left United 5 stars after 10 years of flying, Delta is great", {"United": "positive", "Delta": "positive"}),
        ("I left my United review after 2 weeks, Delta is great", {"United": "neutral", "Delta": "positive"}),
        ("left United Airlines after 10 years, Delta is great", {"United": "negative", "Delta": "positive"}),
        # stop 46: the time first ("after 10 years with A, I left": A was 0); not a thing of A's left once ("quit my A
        # job after 10 years", as "cancelled my A flight after 2 weeks" was a farewell to A), nor a place left
        ("after 10 years with United, I left. Delta is fine", {"United": "negative", "Delta": "positive"}),
        ("after 3 years on United we switched, Delta is fine", {"United": "negative", "Delta": "positive"}),
        ("quit my United job after 10 years, Delta is great", {"United": "neutral", "Delta": "positive"}),
        ("after 2 weeks on United I left the lounge, Delta is great", {"United": "neutral", "Delta": "positive"}),
    ],
)
def test_a_switch_and_its_farewell_are_the_brand_lefts(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


def test_and_in_a_brand_name_splits_no_clause():
    """ "Skyway lost my bag and Marks and Spencer is lovely" was cut at both "and"s, so that no piece named Marks and
    Spencer and the clauses stayed one: both brands had the post's +0.18 (review of stop 35)."""
    brands = [Brand("Skyway", ["Skyway"]), Brand("M&S", ["Marks and Spencer"]), Brand("B&N", ["Barnes and Noble"])]
    texts = [
        "Skyway lost my bag and Marks and Spencer is lovely",
        "Barnes and Noble was great and Skyway lost my bag",
    ]
    rows = per_brand(analyze(conform(pd.DataFrame({"text": texts})), Config(brands=brands)), brands)
    assert [by_brand(rows, t) for t in texts] == [
        {"Skyway": "negative", "M&S": "positive"},
        {"B&N": "positive", "Skyway": "negative"},
    ]


def test_and_in_a_brand_name_splits_no_clause_where_folding_resizes_the_post():
    """The names' places were the folded text's, read only where folding kept the length: a post with `…` (`...`),
    `½` (`1⁄2`) or Korean (folded since stop 40) was cut at Marks and Spencer's "and", and Skyway, its clause now
    "Skyway lost my bag and Marks", given the lovely (`positive`)."""
    brands = [Brand("Skyway", ["Skyway"]), Brand("M&S", ["Marks and Spencer"]), Brand("B&N", ["Barnes and Noble"])]
    texts = [
        "Skyway lost my bag and Marks and Spencer is lovely at ½ price",
        "Barnes and Noble was great and Skyway lost my bag…",
        "Skyway lost my bag and Marks and Spencer is lovely 좋아요",
    ]
    rows = per_brand(analyze(conform(pd.DataFrame({"text": texts})), Config(brands=brands)), brands)
    assert [by_brand(rows, t) for t in texts] == [
        {"Skyway": "negative", "M&S": "positive"},
        {"B&N": "positive", "Skyway": "negative"},
        {"Skyway": "negative", "M&S": "positive"},
    ]


def test_a_brand_of_several_words_before_over_is_preferred():
    """ "I chose Delta Air Lines over United" preferred nobody when Delta's terms were "Delta" and "Delta Air Lines"
    (as README's example gives them): the words before "over" less their last word, "I chose Delta Air", named
    Delta. The brand those words end with is left out, whatever its length (and a prefix term's word too)."""
    brands = [
        Brand("United", ["United"]),
        Brand("Delta", ["Delta", "Delta Air Lines", "@Delta"]),
        Brand("Skyway", ["Skyway*"]),
    ]
    texts = [
        "I chose Delta Air Lines over United",
        "Delta Air Lines flew over United's hub on the way in",
        "going with @Delta over United",
        "Delta Air Lines over United",
        "I chose SkywayAir over United",
    ]
    rows = per_brand(analyze(conform(pd.DataFrame({"text": texts})), Config(brands=brands)), brands)
    assert [by_brand(rows, t) for t in texts] == [
        {"Delta": "positive", "United": "negative"},
        {"Delta": "neutral", "United": "neutral"},
        {"Delta": "positive", "United": "negative"},
        {"Delta": "positive", "United": "negative"},
        {"Skyway": "positive", "United": "negative"},
    ]


def test_a_brand_named_with_a_word_that_ends_a_roles_words():
    """ "After Hours wins" named "Hours": the words before a cue were cut after their last "for", "to", "because",
    "after"..., also inside a brand's name, so After Hours was neither chosen nor a rival (stop 35)."""
    brands = [Brand("Acme", ["Acme"]), Brand("After Hours", ["After Hours"]), Brand("Since", ["Since Then"])]
    texts = [
        "Acme was late again, After Hours from now on",
        "Acme vs After Hours: After Hours wins on price",
        "Acme vs Since Then, Since Then loses every time",
        "switched to After Hours because Acme kept delaying my orders",
    ]
    rows = per_brand(analyze(conform(pd.DataFrame({"text": texts})), Config(brands=brands)), brands)
    assert [by_brand(rows, t) for t in texts] == [
        {"Acme": "negative", "After Hours": "positive"},
        {"Acme": "negative", "After Hours": "positive"},
        {"Acme": "positive", "Since": "negative"},
        {"After Hours": "positive", "Acme": "negative"},
    ]


def test_explain_names_the_rule_behind_each_brands_score():
    texts = [
        "switched from United to Delta, best decision ever",
        "Delta is way better than United",
        "Acme is wonderful",
    ]
    enriched = analyze(conform(pd.DataFrame({"text": texts})), Config(brands=BRANDS))
    rows = per_brand(enriched, BRANDS, explain=True)
    notes = dict(zip(zip(rows["text"], rows["brand"], strict=True), rows["brand_explain"], strict=True))
    # signed either way, as the explain column writes scores (a positive one was "score 0.500")
    assert notes[(texts[0], "United")] == "rule: left for another brand | score -0.500"
    assert notes[(texts[0], "Delta")] == "rule: chosen instead of another brand | score +0.500"
    assert notes[(texts[1], "United")].startswith("rule: set against the other brands | score -")
    assert notes[(texts[1], "Delta")].startswith("rule: its own clauses | score +0.")
    assert notes[(texts[2], "Acme")] == ""  # one brand: the post's own explain column says it all
    assert "brand_explain" not in per_brand(enriched, BRANDS).columns


def test_a_brand_left_and_named_again_later_is_still_left_for_the_other():
    """The reviewer's post: Skyway got 0.000 "its own clauses" ("left" was no cue, nor "never again A"); now
    Aerolux is left (its own -0.490 "terrible" is lowered to minus the 0.5 of leaving) and Skyway chosen."""
    brands = [Brand("Skyway", ["Skyway"]), Brand("Aerolux", ["Aerolux"])]
    text = "left Aerolux for Skyway, never again Aerolux, terrible"
    enriched = analyze(conform(pd.DataFrame({"text": [text]})), Config(brands=brands))
    rows = per_brand(enriched, brands, explain=True)
    assert dict(zip(rows["brand"], rows["brand_explain"], strict=True)) == {
        "Aerolux": "rule: left for another brand | score -0.500",
        "Skyway": "rule: chosen instead of another brand | score +0.500",
    }


def test_posts_left_unscored_get_no_brand_scores():
    """A Spanish post naming two brands: cx (English only) leaves it unscored, and so its brands."""
    text = "cambié de United a Delta, la mejor decisión"
    enriched = analyze(conform(pd.DataFrame({"text": [text], "lang": ["es"]})), Config(brands=BRANDS))
    assert enriched["brands"].tolist() == ["United;Delta"] and enriched["sentiment"].isna().all()
    assert enriched["brand_sentiments"].isna().all()
    rows = per_brand(enriched, BRANDS)
    assert rows["brand"].tolist() == ["United", "Delta"] and rows["brand_sentiment"].isna().all()


def test_brand_names_with_equals_signs_read_back():
    """brand_sentiments pairs are split at their last "=", so a cell written before brand names were
    forbidden to hold one (config and `Brand(...)` now refuse it) still reads back."""
    cells = pd.Series(["A=B=-0.5004;Delta=0.5004"] * 2, dtype="string")
    assert brand_scores(cells, pd.Series(["A=B", "Delta"], dtype="string")).tolist() == [-0.5004, 0.5004]


def test_a_role_names_only_brands_its_post_counts():
    """The words after "deleted" stop at "Skyway", so they look like the brand; the post does not name it
    ("skyway bridge" is excluded)."""
    brands = [*BRANDS, Brand("Skyway", ["Skyway"], exclude=["skyway bridge"])]
    text = "United and Delta were fine. deleted my old Skyway bridge photos"
    enriched = analyze(conform(pd.DataFrame({"text": [text]})), Config(brands=brands))
    assert by_brand(per_brand(enriched, brands), text) == {"United": "positive", "Delta": "positive"}


def test_per_brand_beats_the_whole_post_on_the_labelled_sample():
    """tests/data/brand_sentiment_labelled.csv: 250 (post, brand) rows labelled by hand. Measured
    (benchmarks/brand_sentiment_accuracy.py): example posts 0.849 per brand vs 0.612 whole post; public
    posts 0.429 vs 0.459 (mostly news and product lists, where clauses help little)."""
    from brand_sentiment_accuracy import scored_sample

    sample = scored_sample()
    examples = sample[sample["source"] == "examples/posts.csv"]
    public = sample[sample["source"] != "examples/posts.csv"]
    accuracy = {
        name: (rows["per_brand"] == rows["sentiment"]).mean()
        for name, rows in [("examples", examples), ("public", public)]
    }
    assert accuracy["examples"] >= 0.82
    assert accuracy["examples"] > (examples["whole"] == examples["sentiment"]).mean() + 0.2
    assert accuracy["public"] >= 0.40


def test_per_brand_on_the_written_posts():
    """tests/data/brand_sentiment_written.csv: customer posts naming two brands, labelled by hand before the
    rules of their stop: 40 for stop 33 (80 rows; per brand 0.525 before stop 33, 0.675 after, 0.713 after
    stop 34, whole post 0.475), 20 for stop 34 (40 rows; 0.450 before stop 34, 0.800 after, whole post 0.450) and
    22 later in stop 34 (44 rows: short verdicts, "A > B", "A vs B: B wins"; 0.477 before, 0.909 after, 0.932 after
    stop 35, whole post 0.591) and 23 for stop 35 (46 rows: "A vs B: B lost my bag", "A was fine and B lost my bag",
    "A < B", "A &gt; B", "After Hours wins", "A rocks, B not so much"; 0.500 before, 0.848 after, 0.891 after stop 36,
    whole post 0.522) and 14 for stop 36 (28 rows: "A was awful, B not so much", "A is great, B too", "A <> B", HTML
    tags; 0.571 before, 0.929 after, 1.000 after stop 37, whole post 0.821: a verdict B shares is the whole post's too)
    and 18 for stop 37 (36 rows: "thanks for waiting" after our own lateness, "same for B", "ditto B", "A was slow, B
    less so", block tags, a negation's aside; 0.528 before, 0.944 after, 0.972 after stop 38, whole post 0.583 before,
    0.611 after) and 15 for stop 38 (30 rows: asides of several words, "B too" before a line break, "same thing happened
    with B", "why is A so much slower than B?", block tags; 0.567 before, 0.933 after, whole post 0.533 before, 0.667
    after) and 9 later in stop 38 (18 rows: lexicon 1.10's "rubbish", "shambles", "price jumped", "nothing beats",
    "never had a single problem", "be careful", "with no warning"; 0.278 before, 0.833 after, whole post 0.333) and 16
    for stop 39 (32 rows: lexicon 1.11's "never lets me down", "seriously quick", "faster than", "could be faster",
    "please be careful with my bags", "not flying due to weather", "nothing beats the frustration"; "flying B next
    time"; "A is always late. B never is"; a cleft, "What A isn't is a particularly good airline"; with controls:
    0.531 before, 1.000 after, 0.938 after the review of stop 39, whose comparisons say nothing of either brand: "A is
    faster than B", 1.000 again since stop 40 puts A ahead; whole post 0.500 before, 0.531 after) and 15 for the review
    of stop 39 (30 rows: 1.11's overreach, "a snail is faster than B", "A used to be much faster", "A were quick to
    charge me", "A let down the landing gear", "Don't let me down tomorrow A", "everyone please be careful with A"; with
    controls: 0.700 before, 0.900 after, 0.967 after stop 40, whole post 0.500 before, 0.433 after) and 12 for stop 52
    (24 rows: "A isn't as bad as B claims", "A is less comfy than B but cheaper", "A is way more reliable than B",
    "unlike B, A actually answers the phone", a gloat, "B it is"; with controls: 0.500 before, 0.958 after, whole post
    0.375)."""
    from brand_sentiment_accuracy import WRITTEN, scored_sample

    sample = scored_sample(path=WRITTEN)
    assert len(sample) == 408 and sample["text"].nunique() == 204
    stops = [("written-stop33", 80, 0.70), ("written-stop34", 40, 0.75), ("written-stop34b", 44, 0.85)]
    stops += [("written-stop35", 46, 0.85), ("written-stop36", 28, 0.95), ("written-stop37", 36, 0.90)]
    stops += [("written-stop38", 30, 0.85), ("written-stop38b", 18, 0.80), ("written-stop39", 32, 0.90)]
    stops += [("written-stop39b", 30, 0.85), ("written-stop52", 24, 0.90)]
    for stop, rows, least in stops:
        part = sample[sample["source"] == stop]
        accuracy = (part["per_brand"] == part["sentiment"]).mean()
        assert len(part) == rows and accuracy >= least, stop
        whole = (part["whole"] == part["sentiment"]).mean()
        assert accuracy > whole + (0.1 if stop == "written-stop36" else 0.2), stop


def test_single_and_no_brand_posts_keep_the_post_score():
    rows, _ = long_rows(["Acme is wonderful", "nothing about brands here"])
    assert rows["brand"].tolist() == ["Acme", ""]
    assert (rows["brand_sentiment"] == rows["sentiment"]).all()


def test_brand_summary_uses_per_brand_sentiment():
    text = "switched from United to Delta, best decision ever"
    rows, config = long_rows([text])
    summary = brand_summary(rows, config).set_index("brand")
    assert summary.loc["United", "negative"] == 1 and summary.loc["United", "positive"] == 0
    assert summary.loc["Delta", "positive"] == 1
    # the wide form (one row per post) carries each brand's own score in brand_sentiments. Both clauses'
    # only sentiment is "best decision" (2.4): VADER 2.4 / sqrt(2.4² + 15) = 0.5267, calibrated
    # 0.05 + (0.5267 - 0.1) / 0.9 * 0.95 = 0.5004; Delta is chosen, so United, left, gets the opposite
    wide = analyze(conform(pd.DataFrame({"text": [text]})), config)
    assert wide["brand_sentiments"].tolist() == ["United=-0.5004;Delta=0.5004"]
    assert brand_summary(wide, config).set_index("brand").loc["United", ["positive", "negative"]].tolist() == [0, 1]
    # without it (a post stored before brandpulse kept it), both brands get the post's (positive) score
    older = brand_summary(wide.drop(columns="brand_sentiments"), config).set_index("brand")
    assert older.loc["United", "positive"] == 1


def test_topic_summary_of_the_long_per_brand_form_counts_each_post_once_per_brand():
    # two rows for the post naming United and Delta: each brand's topics counted once, not once per row
    texts = ["United lost my bag again, Delta found it within an hour. amazing", "Acme lost my bag"]
    config = Config(brands=BRANDS, topics=default_topics())
    wide = analyze(conform(pd.DataFrame({"text": texts})), config)
    assert wide["topics"].tolist() == ["baggage", "baggage"]
    rows = per_brand(wide, BRANDS)
    assert rows["brand"].tolist() == ["United", "Delta", "Acme"]
    long = topic_summary(rows, config).set_index(["brand", "topic"])
    assert long.loc[("United", "baggage"), "mentions"] == 1 and long.loc[("Delta", "baggage"), "mentions"] == 1
    assert long.loc[("Acme", "baggage"), "mentions"] == 1
    # each brand with its own sentiment, as in the wide form
    assert long.loc[("United", "baggage"), ["positive", "negative"]].tolist() == [0, 1]
    assert long.loc[("Delta", "baggage"), ["positive", "negative"]].tolist() == [1, 0]
    pd.testing.assert_frame_equal(topic_summary(rows, config), topic_summary(wide, config))


def test_analyze_per_brand_writes_long_rows(tmp_path):
    src = tmp_path / "posts.csv"
    pd.DataFrame({"text": ["switched from United to Delta, best decision ever", "Acme is fine"]}).to_csv(
        src, index=False
    )
    out, summary = tmp_path / "long.csv", tmp_path / "summary.csv"
    args = ["analyze", str(src), "--brand", "United", "--brand", "Delta", "--brand", "Acme", "--per-brand", "-q"]
    result = CliRunner().invoke(main, [*args, "-o", str(out), "--summary-csv", str(summary)])
    assert result.exit_code == 0, result.stderr
    rows = pd.read_csv(out)
    assert len(rows) == 3
    pairs = rows[["brand", "brand_sentiment_label"]].values.tolist()
    assert pairs[:2] == [["United", "negative"], ["Delta", "positive"]]
    s = pd.read_csv(summary).set_index("brand")
    assert s.loc["United", "negative"] == 1


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_per_brand_parquet_in_chunks_whose_first_labels_are_all_missing(tmp_path, jobs):
    """A first chunk of only non-English posts has no brand_sentiment_label at all: that column was
    written as Parquet's null type, and the next chunk failed with "ArrowNotImplementedError:
    Unsupported cast from large_string to null" (exit 1, no output)."""
    src = tmp_path / "posts.csv"
    src.write_text("text,lang\nUnited était très bien,fr\nUnited is great,en\nnothing to see,en\n")
    out = tmp_path / "long.parquet"
    args = ["analyze", str(src), "--brand", "United", "--per-brand", "-q", "--chunksize", "1", "--jobs", jobs]
    result = CliRunner().invoke(main, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    rows = pd.read_parquet(out)
    assert rows["brand"].tolist() == ["United", "United", ""]
    assert rows["brand_sentiment_label"].tolist()[1:] == ["positive", "neutral"]
    assert pd.isna(rows["brand_sentiment_label"].iloc[0])
    assert str(rows["brand_sentiment_label"].dtype) == str(rows["sentiment_label"].dtype)  # a string column


WORDS = st.sampled_from(
    ["switched from United to Delta", "never flying Acme again", "Delta from now on", "better than United",
     "United never has", "United", "Delta", "Acme", "@Delta", "#united", "never flying", "again", "from", "to", "than",
     "unlike", "never has", "from now on", "deleted", "best", "awful", "late", "on time", ",", ".", "!", "?",
     " but ", " while ", "\n", "é", "👍", "🙄", "ſ", "İ", "=", ";", "\u2019"]
)  # fmt: skip


# (20 batches of 8 to 30 posts (16 on average), where there were 80 of 1 to 6 (3.5): more posts, in a quarter of the
# `analyze` calls, each of which compiles cx's RE2 patterns again)
@given(st.lists(st.lists(WORDS, max_size=14).map(" ".join), min_size=8, max_size=30))
@example(["never flying , Delta from now on"])  # (CI, stop 53: a pick, one brand)
@settings(max_examples=20, deadline=None)
@pytest.mark.filterwarnings("ignore:.* records rejected:UserWarning")  # (blank texts drawn are rejected)
def test_every_brand_of_a_post_naming_several_gets_one_score(texts):
    enriched = analyze(conform(pd.DataFrame({"text": texts})), Config(brands=BRANDS))
    for named, cell, post in zip(enriched["brands"], enriched["brand_sentiments"], enriched["sentiment"], strict=True):
        if pd.isna(post):  # (an unscored post, "Acme @Delta é" read as French: none either)
            assert pd.isna(cell)
            continue
        if ";" not in named:  # one brand: the post's score, or its own where it is picked ("never flying , Delta from
            # now on": stop 53, a product left unnamed)
            assert pd.isna(cell) or (cell.rpartition("=")[0] == named and -1 <= float(cell.rpartition("=")[2]) <= 1)
            continue
        pairs = [pair.rpartition("=") for pair in cell.split(";")]
        assert [name for name, _, _ in pairs] == named.split(";")
        assert all(-1 <= float(score) <= 1 for _, _, score in pairs), (cell, post)


# --- brands defined by a boolean query (stop 35: their words located nothing, so each kept the post's score) ---


def own_sentiments(texts, brands, **columns):
    enriched = analyze(conform(pd.DataFrame({"text": texts, **columns})), Config(brands=brands))
    return enriched["brand_sentiments"].tolist(), enriched["sentiment"].tolist()


SNACKO = Brand("Snacko", ["Snacko"])


@pytest.mark.parametrize("g2", [Brand("G2", ["grubdash2", "g two"]), Brand("G2", [], query='(grubdash2 OR "g two")')])
def test_a_query_defined_brand_is_left_and_chosen_as_a_term_list_is(g2, tmp_path):
    """The tester's repro: with G2 a query, "switched from grubdash2 to Snacko" gave both brands 0.0."""
    src = tmp_path / "sw3.csv"
    src.write_text("id,text\n1,switched from grubdash2 to Snacko\n2,switched from Snacko to grubdash2\n")
    value = g2.query or ",".join(g2.terms)
    args = ["analyze", str(src), "--brand", "Snacko=Snacko", "--brand", f"G2={value}", "--per-brand", "--explain"]
    result = CliRunner().invoke(main, [*args, "-f", "csv"])
    assert result.exit_code == 0, result.output
    rows = pd.read_csv(pd.io.common.StringIO(result.stdout))
    got = {(r.post_id, r.brand): r.brand_sentiment for r in rows.itertuples()}
    assert got == {(1, "Snacko"): 0.5, (1, "G2"): -0.5, (2, "Snacko"): -0.5, (2, "G2"): 0.5}
    rules = dict(zip(zip(rows["post_id"], rows["brand"], strict=True), rows["brand_explain"], strict=True))
    assert rules[(1, "G2")] == rules[(2, "Snacko")] == "rule: left for another brand | score -0.500"
    assert rules[(1, "Snacko")] == "rule: chosen instead of another brand | score +0.500"


def test_a_query_brand_is_located_by_its_phrase_and_its_wildcards():
    texts = ["switched from g two to Snacko", "switched from Snacko to g-two", "switched from Snacko to grubdash"]
    assert own_sentiments(texts, [SNACKO, Brand("G2", [], query='"g two" OR gr*dash')])[0] == [
        "Snacko=0.5000;G2=-0.5000",
        "Snacko=-0.5000;G2=0.5000",
        "Snacko=-0.5000;G2=0.5000",
    ]
    texts = ["switched from grubdesh to Snacko", "switched from Snacko to colour pop", "left Snacko for iPhones"]
    brands = [SNACKO, Brand("G2", [], query="grubd?sh OR {iPhone*} OR (colo?r NEAR/1 pop)")]
    assert own_sentiments(texts, brands)[0] == [
        "Snacko=0.5000;G2=-0.5000",
        "Snacko=-0.5000;G2=0.5000",
        "Snacko=-0.5000;G2=0.5000",
    ]


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("grubdash2 OR (gdash AND NOT snackbar)", "switched from snackbar to Snacko, grubdash2 is great"),
        ('grubdash* EXCEPT "grubdash soup"', "switched from grubdash soup to Snacko, grubdash2 is great"),
    ],
)
def test_a_query_brands_not_term_does_not_locate_it(query, text):
    """`snackbar` is a NOT term of G2's: taken for G2 it made "switched from snackbar" G2's switch (nor does an
    occurrence inside an EXCEPT phrase)."""
    brands = [SNACKO, Brand("G2", [], query=query)]
    cells, _ = own_sentiments([text], brands)
    scores = {b: float(s) for b, _, s in (p.partition("=") for p in cells[0].split(";"))}
    assert scores["G2"] > 0.3  # its own clause, "grubdash2 is great"; not a brand left
    assert scores["Snacko"] < 0.3  # "from snackbar to Snacko": snackbar names no brand, nobody switched


def test_a_query_brand_matched_by_a_field_alone_keeps_the_posts_score():
    brands = [SNACKO, Brand("Foodly", ["Foodly"]), Brand("G2", [], query="author:gdash OR grubdash2")]
    cells, post = own_sentiments(["switched from gdash to Snacko, love Foodly"], brands, author=["gdash"])
    scores = {b: float(s) for b, _, s in (p.partition("=") for p in cells[0].split(";"))}
    assert post[0] > 0.3 and scores["G2"] == round(post[0], 4)  # no word of G2's in the text: the post's score
    assert scores["Snacko"] == 0.0 and scores["Foodly"] > 0.3  # "from gdash to Snacko": gdash names no brand


def test_a_query_word_names_its_brand_only_in_the_posts_the_query_matched():
    """`delta NEAR/1 flight`'s "flight" took "the flight crew was rude" from United in a post not naming Delta."""
    texts = ["Acme was great. United was late. the flight crew was rude"]
    alone, _ = own_sentiments(texts, [Brand("United", ["United"]), Brand("Acme", ["Acme"])])
    with_query, _ = own_sentiments(
        texts, [Brand("United", ["United"]), Brand("Acme", ["Acme"]), Brand("Delta", [], query="delta NEAR/1 flight")]
    )
    assert with_query == alone and float(alone[0].split(";")[0].partition("=")[2]) < -0.3


def test_per_brand_scores_have_the_precision_of_the_sentiment_column():
    """`--per-brand` wrote 0.4167 (brand_sentiments' 4 decimals) for a brand of a post naming several, and
    0.4166666666666667 for the same words naming one. TextBlob scores "fine" 5/12 (its lexicon)."""
    brands = [Brand("Skyway", ["Skyway"]), Brand("Aerolux", ["Aerolux"])]
    texts = ["Skyway is fine, Aerolux lost my bag", "Skyway is fine"]
    enriched = analyze(conform(pd.DataFrame({"text": texts})), Config(brands=brands, sentiment="textblob"))
    assert enriched["brand_sentiments"].iloc[0] == "Skyway=0.4167;Aerolux=0.0000"
    rows = per_brand(enriched, brands, "textblob")
    assert rows["brand"].tolist() == ["Skyway", "Aerolux", "Skyway"]
    assert rows["brand_sentiment"].tolist() == [5 / 12, 0.0, 5 / 12]
    assert rows["brand_sentiment_label"].tolist() == ["positive", "neutral", "positive"]
    # brand_sentiments another analyzer (or an older lexicon) wrote are kept as they are
    other = enriched.assign(brand_sentiments=["Skyway=0.9000;Aerolux=-0.2500", pd.NA])
    assert per_brand(other, brands, "textblob")["brand_sentiment"].tolist() == [0.9, -0.25, 5 / 12]


def test_a_query_pattern_of_several_words_is_located_however_they_are_joined():
    # its literal was "grub da": the post "grub-dash", which the query matches, named G2 nowhere (the post's score)
    texts = ["switched from Snacko to grub-dash", "switched from grub-dash to Snacko"]
    assert own_sentiments(texts, [SNACKO, Brand("G2", [], query='"grub da?h"')])[0] == [
        "Snacko=-0.5000;G2=0.5000",
        "Snacko=0.5000;G2=-0.5000",
    ]


def test_per_brand_of_a_frame_not_analyzed_names_what_is_missing():
    """`per_brand` of posts not yet analyzed was a KeyError 'brands' from inside pandas."""
    brands = [Brand("Skyway", ["skyway"])]
    with pytest.raises(InputError, match=r"^per_brand\(\) counts analyze\(\)'s output: no columns 'brands', 'sent"):
        per_brand(pd.DataFrame({"text": ["Skyway was great"]}), brands)
    with pytest.raises(TypeError, match=r"^per_brand\(\) takes analyze\(\)'s DataFrame, not list$"):
        per_brand([{"text": "Skyway was great"}], brands)


def test_per_brand_rows_keep_the_posts_index_as_analyze_does():
    """`per_brand` numbered its rows 0, 1, 2 ... whatever the posts' index, so a row could not be joined back
    to its post (a notebook's `posts.join(rows)` paired the wrong ones). Its rows now keep the index, as
    `analyze`'s do: a post naming two brands has its label twice, one naming none once."""
    posts = pd.DataFrame(
        {"text": ["I love Delta", "switched from United to Delta", "nice weather", "Acme lost my bag"]},
        index=pd.Index(["p7", "p3", "p9", "p1"], name="post"),
    )
    enriched = analyze(conform(posts), Config(brands=BRANDS))
    assert enriched.index.tolist() == ["p7", "p3", "p9", "p1"]
    rows = per_brand(enriched, BRANDS)
    assert rows.index.tolist() == ["p7", "p3", "p3", "p9", "p1"] and rows.index.name == "post"
    assert rows["brand"].tolist() == ["Delta", "United", "Delta", "", "Acme"]
    # each row's post, by its label
    assert (posts.loc[rows.index, "text"].to_numpy() == rows["text"].to_numpy()).all()
    assert rows.loc["p3"].set_index("brand")["brand_sentiment_label"].to_dict() == {
        "United": "negative",
        "Delta": "positive",
    }


def test_extreme_posts_of_the_per_brand_rows_list_a_post_naming_several_once():
    """`extreme_posts` takes `per_brand`'s rows, as `brand_summary` does, but listed a post naming two brands
    twice, once per row: "switched from United to Delta" filled two of the three places."""
    texts = ["switched from United to Delta", "Acme lost my bag, awful", "I love Delta", "nothing to report"]
    rows, config = long_rows(texts)
    assert rows["text"].tolist().count(texts[0]) == 2
    negative, positive = extreme_posts(rows, 3, config=config)
    assert negative["text"].tolist() == [texts[1], texts[0]]  # Acme -0.69, then United -0.5 (a post naming none: 0)
    assert positive["text"].tolist() == [texts[2], texts[0]]
    wide = analyze(conform(pd.DataFrame({"text": texts})), config)
    assert [f["text"].tolist() for f in extreme_posts(wide, 3, config=config)] == [
        negative["text"].tolist(),
        positive["text"].tolist(),
    ]


@pytest.mark.parametrize(
    "negation, word",
    [("isnt", "bad"), ("wasnt", "bad"), ("aint", "bad"), ("dont", "disappoint"), ("cant", "complain"), ("NOT", "bad")],
)
def test_a_negation_cx_reads_over_an_aside_is_one_clause_per_brand(negation, word):
    """cx carries any negation of VADER's (`isnt`, `dont`, `cant` written without the apostrophe too) over an aside
    between commas, but the clause split kept only not, never, cannot and n't together: "Delta isnt, honestly, bad"
    scored +0.40, and in a post naming United too Delta's own score was "bad"'s -0.52 (review of stop 37). Delta's
    own score is now that of its clause alone, as with "not". (Since stop 38 the aside moves before the negation, as
    cx reads it: "Delta, honestly, isnt bad", whose last clause "isnt bad" is Delta's.)"""
    alone = f"Delta {negation}, honestly, {word}"
    text = f"United was awful. {alone}"
    config = Config(brands=BRANDS)
    scored = analyze(pd.DataFrame({"text": [alone, text]}), config)
    assert scored["sentiment"].iloc[0] > 0.05
    assert clauses(text)[-1].strip() == f"{negation} {word}"
    own = dict(pair.split("=") for pair in scored["brand_sentiments"].iloc[1].split(";"))
    assert float(own["Delta"]) == pytest.approx(scored["sentiment"].iloc[0], abs=1e-4)
    assert float(own["United"]) < -0.05


@pytest.mark.parametrize(
    "text, expected",
    [
        # "=" between two clauses: the outage is United's, the ad Delta's (Delta was -0.49, its praise read as sarcasm
        # against the outage in its clause)
        ("United outage = great ad for Delta. Well played Delta.", {"United": "negative", "Delta": "positive"}),
        # a clause of reason or time naming a brand of its own is that brand's (all three were -0.33)
        # (stop 50: and the brands thought about are chosen, as "switching to" chooses them; they were neutral)
        (
            "Thinking about Delta or Acme after this United mess",
            {"United": "negative", "Delta": "positive", "Acme": "positive"},
        ),
        ("Delta was great after United cancelled my flight", {"United": "negative", "Delta": "positive"}),
        # and the clauses after it are still the main clause's brands'
        ("using Delta since United went down, loving it", {"United": "negative", "Delta": "positive"}),
        # a brand tried instead because of the other's trouble is chosen (Delta was -0.33)
        (
            "Tried Delta because United was down. Never going back to United",
            {"United": "negative", "Delta": "positive"},
        ),
        ("tried to call Delta because United rebooked me", {"United": "neutral", "Delta": "neutral"}),
        # a brand named before and after "because", or with no words of its own after "after", keeps the clause whole
        ("switched from United to Delta because Delta is cheaper", {"United": "negative", "Delta": "positive"}),
        ("Delta is way better after United", {"United": "positive", "Delta": "positive"}),
        # the praise after a switch is the brand chosen's ("no queues" was "no" alone: Delta -0.26)
        ("left United for Delta. proper equipment, no queues", {"United": "negative", "Delta": "positive"}),
    ],
)
def test_equals_reasons_and_praise_after_a_switch_per_brand(text, expected):
    """Stop 49: a social lead's posts on a smart-home brand and its competitors, each read the wrong way for one."""
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a negation or a comparison over an aside of several words (stop 37 carried one or two)
        ("United was awful. Delta is not, to be honest with you, bad", {"United": "negative", "Delta": "positive"}),
        ("Delta is better than, to be fair to them, United", {"Delta": "positive", "United": "negative"}),
        ("United is never, ever, late. Delta lost my bag", {"United": "positive", "Delta": "negative"}),
        # a verdict shared at a line's end
        ("United was awful\nDelta too\n#travel", {"United": "negative", "Delta": "negative"}),
        ("United is great, Delta as well\nsee you in May", {"United": "positive", "Delta": "positive"}),
        ("United is great\nDelta not so much\nsee you in May", {"United": "positive", "Delta": "negative"}),
        # the same thing happened with B
        ("United lost my bag. Same thing happened with Delta", {"United": "negative", "Delta": "negative"}),
        ("United cancelled my flight, same issue with Delta", {"United": "negative", "Delta": "negative"}),
        ("United lost my bag. Same thing happened to me at Delta", {"United": "negative", "Delta": "negative"}),
        ("United lost my bag. Not the same thing with Delta", {"United": "negative", "Delta": "neutral"}),
        # slower than B
        ("Why is United so much slower than Delta?", {"United": "negative", "Delta": "positive"}),
    ],
)
def test_asides_line_ends_same_thing_and_slower_per_brand(text, expected):
    """Stop 38: each of these left the second brand 0 or read the first one wrong (lexicon 1.8): an aside of three or
    more words kept the negation from its word ("not, to be honest with you, bad": Delta -0.02) and "than" from its
    brand, a line break after "too" or "not so much" was read as more of B's words, "same thing happened with B" was
    no cue, and cx had no "slower"."""
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the brand chosen for next time, as "switching to B" (a plan, no verdict of its own: it was 0)
        ("United cancelled on me twice. flying Delta next time", {"United": "negative", "Delta": "positive"}),
        ("United was late again, booking with Delta next time", {"United": "negative", "Delta": "positive"}),
        ("United lost my bag, not flying Delta next time either", {"United": "negative", "Delta": "negative"}),
        ("United lost my bag, won't be flying Delta next time", {"United": "negative", "Delta": "neutral"}),
        # the other brand's predicate left out: with "always" B shares it, with "never" denies it, and the other way
        # round after a negation (B was 0)
        ("United is never, ever, late. Delta always is", {"United": "positive", "Delta": "negative"}),
        ("United is always late. Delta never is", {"United": "negative", "Delta": "positive"}),
        ("United is never on time. Delta always is", {"United": "negative", "Delta": "positive"}),
        ("United is late again. Delta always is", {"United": "negative", "Delta": "negative"}),
        ("United is on time. Delta never is", {"United": "positive", "Delta": "negative"}),
        ("United is always late. Delta always is, too", {"United": "negative", "Delta": "negative"}),
        # a negation before the other brand's clause is not in its predicate (B was set against it: positive)
        ("No joke. United is late again. Delta always is", {"United": "negative", "Delta": "negative"}),
        ("I can't believe it. United lost my bag. Delta always does", {"United": "negative", "Delta": "negative"}),
        ("Never again: United is late. Delta always is", {"United": "negative", "Delta": "negative"}),
        ("I don't know why but United is always late. Delta never is", {"United": "negative", "Delta": "positive"}),
        # a cleft: its negation reaches the verdict past its second "is"
        (
            "What United isn't is a particularly good airline. Delta is great",
            {"United": "negative", "Delta": "positive"},
        ),
    ],
)
def test_next_time_ellipsis_and_clefts_per_brand(text, expected):
    """Stop 39: "flying B next time" left B 0 (the brand chosen is positive, as in "switching to B"; the brand left
    keeps its own words), "A is never late. B always is" left B 0 (its predicate is A's, said the other way), and the
    cleft "What A isn't is a particularly good airline" was praise of A."""
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a brand ahead of the other on speed, said of it (both were 0)
        ("United is faster than Delta", {"United": "positive", "Delta": "negative"}),
        ("Delta got here way quicker than United", {"Delta": "positive", "United": "negative"}),
        ("United is so much faster than Delta", {"United": "positive", "Delta": "negative"}),
        # not denied, nor asked, nor said of a thing that is no brand (the snail is the brand's foil)
        ("United isn't much faster than Delta", {"United": "neutral", "Delta": "neutral"}),
        ("United is not faster than Delta", {"United": "neutral", "Delta": "neutral"}),
        ("Is United faster than Delta?", {"United": "neutral", "Delta": "neutral"}),
        # review of stop 40: denied without the apostrophe, or before an adverb (all were United ahead)
        ("United isnt faster than Delta", {"United": "neutral", "Delta": "neutral"}),
        ("United isn't really faster than Delta", {"United": "neutral", "Delta": "neutral"}),
        ("United isn't that much faster than Delta", {"United": "neutral", "Delta": "neutral"}),
        ("United is hardly faster than Delta", {"United": "neutral", "Delta": "neutral"}),
        ("United is really faster than Delta", {"United": "positive", "Delta": "negative"}),
        ("United is actually way faster than Delta", {"United": "positive", "Delta": "negative"}),
        ("walking is faster than United, Delta is great", {"United": "negative", "Delta": "positive"}),
        # stop 41: nor expected, nor foreseen, nor a thing of the past (all were United ahead)
        ("I thought United would be faster than Delta", {"United": "neutral", "Delta": "neutral"}),
        ("I expected United would be way faster than Delta", {"United": "neutral", "Delta": "neutral"}),
        ("United will be faster than Delta", {"United": "neutral", "Delta": "neutral"}),
        ("United can be quicker than Delta", {"United": "neutral", "Delta": "neutral"}),
        ("United has been faster than Delta all year", {"United": "positive", "Delta": "negative"}),
        ("United was faster than Delta", {"United": "positive", "Delta": "negative"}),
        # review of stop 41: nor what was not (United was ahead)
        ("I thought United would've been faster than Delta", {"United": "neutral", "Delta": "neutral"}),
        ("United could’ve been way faster than Delta", {"United": "neutral", "Delta": "neutral"}),
        ("United might have been faster than Delta", {"United": "neutral", "Delta": "neutral"}),
        ("United should've been quicker than Delta", {"United": "neutral", "Delta": "neutral"}),
        # a demand for better: the brand did badly (hope and better were praise)
        ("United was great, hope Delta does better next time", {"United": "positive", "Delta": "negative"}),
    ],
)
def test_a_brand_faster_than_another_and_hope_for_better_per_brand(text, expected):
    """Stop 40: "A is faster than B" left both brands 0 (cx reads no comparison of speed: the brand may be the slow
    thing's foil, "a snail is faster than B"). With a brand before it, that brand is ahead, a little positive, and the
    brand after "than" set against it; "hope B does better next time" was praise of B."""
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


def test_a_brand_ahead_is_a_little_positive_and_explained():
    """The comparison is a mild verdict, as cx's "cheaper than" (+0.21): not a brand chosen instead (0.5)."""
    text = "United is faster than Delta"
    enriched = analyze(conform(pd.DataFrame({"text": [text]})), Config(brands=BRANDS))
    rows = per_brand(enriched, BRANDS, explain=True)
    own = dict(zip(rows["brand"], rows["brand_sentiment"], strict=True))
    assert own == {"United": 0.2, "Delta": -0.2}
    notes = dict(zip(rows["brand"], rows["brand_explain"], strict=True))
    assert notes == {
        "United": "rule: ahead of another brand | score +0.200",
        "Delta": "rule: set against the other brands | score -0.200",
    }
    assert enriched["sentiment"].iloc[0] == 0  # the post itself says nothing of either


def test_posts_naming_two_of_300_brands_are_scored_without_a_matrix_of_every_clause_and_brand():
    """A group tracking 300 brands saw `analyze` take twice the CPU and 1.4 GB for 100,000 posts naming two or three of
    them: each brand's score was summed over a clauses x brands matrix of floats (600 MB a chunk), nearly all
    zeros. Only the (clause, brand) pairs are summed now: the same scores, in a fraction of the memory."""
    import tracemalloc

    brands = [Brand(f"Brand{i}", [f"brand{i}"]) for i in range(300)]
    pairs = [(i % 300, (i * 7 + 1) % 300) for i in range(3000)]
    df = pd.DataFrame(
        {
            "text": [f"brand{a} is great, but brand{b} lost my order" for a, b in pairs],
            "brands": [f"Brand{min(a, b)};Brand{max(a, b)}" for a, b in pairs],
            "sentiment": 0.1,
        }
    )
    score_brands(df.head(2), brands)  # (the analyzer loaded before measuring)
    tracemalloc.start()
    try:
        cells = score_brands(df, brands)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 40e6  # (was 83 MB: clauses x brands floats)
    a, b = pairs[5]
    scores = dict(pair.split("=") for pair in cells.iat[5].split(";"))
    assert float(scores[f"Brand{a}"]) > 0.3 and float(scores[f"Brand{b}"]) < -0.3


HOTELS = [
    Brand("BestWestern", ["Best Western"]),
    Brand("GrandVista", ["Grand Vista"]),
    Brand("GoodEats", ["Good Eats", "@GoodEats"]),
    Brand("HappyHarbour", ["Happy Harbour"]),
    Brand("Skyway", ["Skyway"]),
]


def test_a_brand_name_of_sentiment_words_is_no_sentiment():
    """Stop 41: "Best Western", "Grand Vista", "Good Eats", "Happy Harbour" read as praise just by being named
    (cx +0.62, +0.17, +0.05, ...): the brand's terms are no sentiment words, in the post's score and in each brand's."""
    texts = [
        "Stayed at the Best Western last night",  # 0: no verdict
        "GRAND VISTA lost my booking",  # 1: +0.17 before, a complaint
        "Good Eats delivered cold food again",  # 2
        "Happy Harbour: order arrived",  # 3
        "Best Western was great, Grand Vista was dirty",  # 4: per brand
        "Happy Harbour is open today, Grand Vista lost my booking",  # 5: Happy Harbour was positive
        "the best western movie I have seen",  # 6: the name matched, so masked too (it counts as a mention)
        "best meal ever at Good Eats",  # 7: the words beside the name still count
        "Skyway was great",  # 8: a name without sentiment words, unchanged
    ]
    config = Config(brands=HOTELS)
    enriched = analyze(conform(pd.DataFrame({"text": texts})), config)
    score = enriched["sentiment"].tolist()
    assert score[0] == 0 and score[3] == 0
    assert score[1] < -0.05 and score[2] < -0.05
    assert score[7] > 0.05 and score[8] > 0.05
    assert enriched["brands"].tolist()[:2] == ["BestWestern", "GrandVista"]  # the names still name their brands
    rows = per_brand(enriched, HOTELS)
    assert by_brand(rows, texts[4]) == {"BestWestern": "positive", "GrandVista": "negative"}
    assert by_brand(rows, texts[5]) == {"GrandVista": "negative", "HappyHarbour": "neutral"}
    own = dict(pair.split("=") for pair in enriched["brand_sentiments"][4].split(";"))
    # "Best Western was great" scored as "Xxxx Xxxxxxx was great" (+0.60), not with "best" (+0.85)
    cx_alone = analyze(conform(pd.DataFrame({"text": ["Skyway was great"]})), Config(brands=HOTELS))["sentiment"][0]
    assert float(own["BestWestern"]) == pytest.approx(cx_alone, abs=1e-4)


def test_names_are_masked_with_their_length_words_and_case():
    from brandpulse.enrich.brand_names import names_neutral
    from brandpulse.enrich.sentiment import get_analyzer

    masked = names_neutral(get_analyzer("cx"), HOTELS)
    assert masked.matcher.labels == ["BestWestern", "GrandVista", "GoodEats", "HappyHarbour"]  # not Skyway, @GoodEats
    texts = ["GRAND VISTA lost it", "Straße zum Best-Western … ok", "best", "@GoodEats #GoodEats Good Eats"]
    assert masked.masked(texts) == [
        "XXXXX XXXXX lost it",
        "Straße zum Xxxx-Xxxxxxx … ok",  # ("ß" folds to "ss": the span mapped back)
        "best",
        "@GoodEats #GoodEats Xxxx Xxxx",
    ]
    assert names_neutral(get_analyzer("cx"), [Brand("Skyway", ["Skyway"])]).name == "cx"  # nothing to mask: itself


def test_names_are_masked_beside_texts_arrow_cannot_hold():
    """A lone surrogate (which the library's callers may pass; cx reads such a text on its own) left the batch
    unencodable: the other texts are still masked, that one scored as it is."""
    from brandpulse.enrich.brand_names import names_neutral
    from brandpulse.enrich.sentiment import get_analyzer

    masked = names_neutral(get_analyzer("cx"), HOTELS)
    texts = ["Best Western \ud800 ok", "Best Western great", "nothing"]
    assert masked.masked(texts) == ["Best Western \ud800 ok", "Xxxx Xxxxxxx great", "nothing"]
    assert masked.score(texts)[0][1] == get_analyzer("cx").score(["Skyway great"])[0][0]


WESTERN_TOML = '[brands.BestWestern]\nterms = ["Best Western"]\n\n[brands.Skyway]\nterms = ["Skyway"]\n'
WESTERN_POSTS = [
    "Stayed at the Best Western last night",  # cx +0.62 unmasked ("best"), 0 masked
    "Best Western was great",  # +0.84 unmasked, +0.60 masked ("great" alone)
    "Best Western lost my booking, Skyway was fine",  # +0.45 unmasked, -0.23 masked
]


def test_every_path_scores_a_post_naming_best_western_alike(tmp_path):
    """Review of stop 41: `analyze` masked the brands' names, but `evaluate` (with or without --brand-column, and its
    --explain) scored the posts with "Best" as praise: +0.62 for "Stayed at the Best Western last night", where
    `analyze` said 0. Every path now gives a post the same score: the library, `analyze` (one process, two, a chunk a
    post), `ingest`, `evaluate`."""
    from brandpulse import store
    from brandpulse.enrich.sentiment import get_analyzer

    config, src = tmp_path / "c.toml", tmp_path / "posts.csv"
    config.write_text(WESTERN_TOML)
    labels = ["neutral", "positive", "negative"]
    pd.DataFrame({"text": WESTERN_POSTS, "label": labels, "brand": "BestWestern"}).to_csv(src, index=False)
    # by hand: the masked texts as cx reads them ("Skyway" is no sentiment word, the hotel's name is no sentiment)
    expected = get_analyzer("cx").score(
        [
            "Stayed at the Xxxx Xxxxxxx last night",
            "Xxxx Xxxxxxx was great",
            "Xxxx Xxxxxxx lost my booking, Skyway was fine",
        ]
    )[0]
    assert expected[0] == 0 and expected[1] > 0.5 and expected[2] < -0.05  # (unmasked: +0.62, +0.84, +0.45)
    paths = {"library": analyze(pd.DataFrame({"text": WESTERN_POSTS}), load_config(config))["sentiment"]}
    runner = CliRunner()
    for name, extra in {"jobs 1": [], "jobs 2": ["--jobs", "2", "--chunksize", "1"]}.items():
        out = tmp_path / f"{name}.csv"
        result = runner.invoke(
            main, ["analyze", str(src), "-c", str(config), "--explain", "-o", str(out), "-q", *extra]
        )
        assert result.exit_code == 0, result.output
        rows = pd.read_csv(out)
        paths[name] = rows["sentiment"]
        # (no "Best +3.20": the name weighs nothing, and since stop 47 its words are listed as the name's)
        assert rows["explain"].str.contains("Best +0.00 (brand name)", regex=False).all(), rows["explain"].tolist()
        assert not rows["explain"].str.contains(r"Best [+-](?!0\.00)", regex=True).any(), rows["explain"].tolist()
    db = tmp_path / "h.duckdb"
    result = runner.invoke(main, ["ingest", str(src), "-c", str(config), "--store", str(db), "-q"])
    assert result.exit_code == 0, result.output
    paths["ingest"] = store.load_posts(db).set_index("text").loc[WESTERN_POSTS, "sentiment"]
    for name, extra in {"evaluate": [], "evaluate --brand-column": ["--brand-column", "brand"]}.items():
        predictions = tmp_path / "p.csv"
        args = ["evaluate", str(src), "-c", str(config), "--label-column", "label", "--sentiment", "cx", "--explain"]
        result = runner.invoke(main, [*args, "--predictions", str(predictions), *extra, "-f", "json"])
        assert result.exit_code == 0, result.output
        rows = pd.read_csv(predictions)
        assert rows["cx_explain"].str.contains("Best +0.00 (brand name)", regex=False).all(), rows["cx_explain"]
        assert not rows["cx_explain"].str.contains(r"Best [+-](?!0\.00)", regex=True).any(), rows["cx_explain"]
        paths[name] = rows["cx_polarity"]
    for name, scores in paths.items():
        want = expected if name != "evaluate --brand-column" else [*expected[:2], -0.4093]  # (its own clauses)
        assert list(scores) == pytest.approx(list(want), abs=1e-4), name


def test_per_brand_scores_with_an_analyzer_without_sarcasm_read_masked_names():
    """Review of stop 41: with `--sentiment vader` (which has no sarcasm rule) and a brand name VADER reads ("Best
    Western"), a post naming two brands, one praised and one not, failed the whole run: "AttributeError: 'VaderAnalyzer'
    object has no attribute 'sarcastic'"."""
    config = Config(brands=[Brand("BestWestern", ["Best Western"]), Brand("Skyway", ["Skyway"])])
    enriched = analyze(conform(pd.DataFrame({"text": WESTERN_POSTS[2:]})), config, sentiment="vader")
    own = dict(pair.split("=") for pair in enriched["brand_sentiments"][0].split(";"))
    # by hand: VADER's "lost" (-1.3) alone in the hotel's clause, "fine" (+0.8) in Skyway's
    assert float(own["BestWestern"]) < -0.05 and float(own["Skyway"]) > 0.05


CLUBS = [
    Brand("City", [], query='city EXCEPT "leicester city"'),
    Brand("United", ["United"]),
    Brand("Forest", ["Forest"]),
    Brand("Arsenal", ["Arsenal"]),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a result is a verdict on both clubs, as "City beat United" is: both were 0 (or both the post's words)
        ("City 3 United 0, what a game", {"City": "positive", "United": "negative"}),
        ("City 0 United 2", {"City": "negative", "United": "positive"}),
        ("FT: Forest 2-1 Arsenal. Get in!!!", {"Forest": "positive", "Arsenal": "negative"}),
        ("Arsenal 4 – 0 Forest", {"Arsenal": "positive", "Forest": "negative"}),
        ("Forest 1:3 Arsenal", {"Forest": "negative", "Arsenal": "positive"}),
        # a draw, a count, a time or a date is no result
        ("Leicester City 1 Forest 1, decent point", {"Forest": "neutral"}),
        ("City 1-1 United", {"City": "neutral", "United": "neutral"}),
        ("Forest v Arsenal 15:00 kick off, then City", {"Forest": "neutral", "Arsenal": "neutral", "City": "neutral"}),
        ("bought 2 Arsenal shirts and 1 Forest scarf", {"Arsenal": "neutral", "Forest": "neutral"}),
        # (review of stop 42) nor numbers after other words than a club's name: a loss, read as "lost to", took any
        # words before it ("Forest shop lost to Arsenal"), a win ("beats") only a club's name
        ("Forest shop open 8-10 Arsenal shop open 9-5", {"Forest": "neutral", "Arsenal": "neutral"}),
        ("Forest shop open 10-8 Arsenal shop open 9-5", {"Forest": "neutral", "Arsenal": "neutral"}),
        ("the Forest ticket office 1 Arsenal 3", {"Forest": "neutral", "Arsenal": "neutral"}),
        # and a score after the verb is no result of its own ("lost < to Arsenal" was no "lost to")
        ("Forest lost 0-2 to Arsenal", {"Forest": "negative", "Arsenal": "positive"}),
    ],
)
def test_a_scoreline_is_a_win_for_one_club_and_a_loss_for_the_other(text, expected):
    """ "City 3 United 0, what a game" gave City and United 0 each (fan-engagement review, stop 42): the score said
    who won. The winner is read as chosen, the loser as left, as "A beat B" and "A lost to B" are."""
    config = Config(brands=CLUBS)
    enriched = analyze(conform(pd.DataFrame({"text": [text]})), config)
    assert by_brand(per_brand(enriched, CLUBS), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Delta fans laughing at the United recall", {"United": "negative", "Delta": "neutral"}),
        ("Delta laughed at United today", {"United": "negative", "Delta": "neutral"}),
        ("Delta crew were great, everyone laughing at United's delays", {"United": "negative", "Delta": "positive"}),
        # not laughed at: no role
        ("Delta fans are not laughing at the United recall", {"United": "neutral", "Delta": "neutral"}),
        # a brand's ad, joke or meme is made to be laughed at: no mockery ("United": "negative" on stop 44's rule)
        ("I was laughing at the United ad, Delta's ads are so boring", {"United": "neutral", "Delta": "negative"}),
        ("Delta crew were great, laughing at United's new commercial 😂", {"United": "neutral", "Delta": "positive"}),
        ("Delta crew were great, laughing at United's new recall 😂", {"United": "negative", "Delta": "positive"}),
        # stop 46: every word of cx's `[mockery] made` (a skit, a sketch, a pun, a tweet: United's complaint here, no
        # mockery for cx's score of the post)
        ("Delta fans laughing at the United skit", {"United": "neutral", "Delta": "neutral"}),
        ("Delta crew were great, laughing at United's latest tweet", {"United": "neutral", "Delta": "positive"}),
        # stop 45: a post naming one brand keeps its score, and cx reads the laughter as a complaint (it was 0)
        ("everyone's laughing at United", {"United": "negative"}),
        ("everyone laughed at the United ad", {"United": "neutral"}),
        # the others are read without the laughter alone: a complaint in the mocking clause, or after it, stays theirs
        # (the clause naming both, or a sentence naming neither, was dropped: Delta 0)
        ("Delta fans laughing at United because Delta lost my bag", {"United": "negative", "Delta": "negative"}),
        ("Delta fans laughing at United. Both lost my bag", {"United": "negative", "Delta": "negative"}),
        ("Delta and United both lost my bag, everyone laughing at United", {"United": "negative", "Delta": "negative"}),
    ],
)
def test_a_brand_laughed_at_is_mocked(text, expected):
    """Stop 44: "Polestar fans laughing at the Voltra recall" was +0.47 for both brands (VADER's "laughing"): gloating
    at a rival's trouble is a complaint of the rival, and the laughter no praise."""
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


def test_laughing_at_how_good_a_brand_is_mocks_nothing():
    """Review of stop 45: "laughing at how good Delta is" set Delta's -0.5 as laughed at (the role took "how good
    Delta" for what was laughed at); laughter at how or what something is is no mockery of it, by role."""
    text = "laughing at how good Delta is, United is awful"
    got = by_brand(long_rows([text])[0], text)
    assert got["United"] == "negative" and got["Delta"] != "negative", got


def test_explain_names_a_brand_laughed_at():
    text = "Delta fans laughing at the United recall"
    enriched = analyze(conform(pd.DataFrame({"text": [text]})), Config(brands=BRANDS))
    rows = per_brand(enriched, BRANDS, explain=True)
    notes = dict(zip(rows["brand"], rows["brand_explain"], strict=True))
    assert notes["United"] == "rule: laughed at | score -0.500"


def test_a_lexicons_own_made_words_are_no_mockery_of_a_brand(tmp_path):
    """Stop 47: `MOCKED` read the built-in `[mockery] made` only: with a `cx:FILE` adding "parody", cx read the post
    as no mockery (0) and per-brand sentiment still gave United -0.5 as laughed at."""
    from brandpulse.enrich.cx import CxAnalyzer, extend_lexicon

    own = tmp_path / "mine.toml"
    own.write_text('[mockery]\nmade = ["parody"]\n', encoding="utf-8")
    analyzer = CxAnalyzer(extend_lexicon(own))
    texts = ["Delta fans laughing at the United parody", "Delta fans laughing at the United recall"]
    df = conform(pd.DataFrame({"text": texts}))
    got = score_brands(analyze(df, Config(brands=BRANDS), sentiment=analyzer), BRANDS, analyzer).tolist()
    assert got == ["United=0.0000;Delta=0.0000", "United=-0.5000;Delta=0.0000"]
    # (the built-in lexicon has no "parody": laughter at United there)
    assert score_brands(analyze(df.iloc[:1], Config(brands=BRANDS)), BRANDS).tolist()[0].startswith("United=-0.5000")


@pytest.mark.parametrize(
    "text, expected",
    [
        # "=" ends a role's words as it ends a clause (Delta was left with United, -0.5)
        ("ditched United = Delta from now on", {"United": "negative", "Delta": "positive"}),
        ("United = late again, Delta = on time", {"United": "negative", "Delta": "positive"}),
        # a brand thought about, or considered, is chosen as one switched to (Delta was 0); "fed up" is a complaint
        ("fed up with United, thinking about Delta", {"United": "negative", "Delta": "positive"}),
        ("United lost my bag again, considering Delta", {"United": "negative", "Delta": "positive"}),
        ("not thinking about Delta, United is fine", {"United": "positive", "Delta": "neutral"}),
        # a switch regretted: the brand gone to is the one left (Delta was +0.5), the one left behind missed
        ("moved from United to Delta and regret it", {"United": "positive", "Delta": "negative"}),
        ("moved from United to Delta, big mistake", {"United": "positive", "Delta": "negative"}),
        ("switched from United to Delta, don't regret it one bit", {"United": "negative", "Delta": "positive"}),
        # (review: no regret of the switch: each turned it round, United +0.5 and Delta -0.5)
        (
            "Moved from United to Delta. Biggest mistake was not doing it sooner",
            {"United": "negative", "Delta": "positive"},
        ),
        (
            "Switched from United to Delta. United's biggest mistake was the new seats",
            {"United": "negative", "Delta": "positive"},
        ),
        (
            "switched from United to Delta, storm grounded us, should have stayed home",
            {"United": "negative", "Delta": "positive"},
        ),
        # "not as good as B" sets B against the other (Delta had United's -0.30)
        ("United is nowhere near as good as Delta", {"United": "negative", "Delta": "positive"}),
        ("United is not as bad as Delta", {"United": "positive", "Delta": "negative"}),
        ("United is as good as Delta", {"United": "positive", "Delta": "positive"}),
        # a farewell after a comparison is the worse brand's (United +0.02, Delta -0.02; Delta -0.5 after a switch)
        ("Delta is so much better than United, never flying them again", {"United": "negative", "Delta": "positive"}),
        ("United is worse than Delta, never using them again", {"United": "negative", "Delta": "positive"}),
        ("switched from United to Delta, never flying them again", {"United": "negative", "Delta": "positive"}),
        # a brand picked alone in its clause: "B every time" (both were 0), and the other rival left
        ("United vs Delta: Delta every time", {"United": "negative", "Delta": "positive"}),
        ("United vs Delta: United delays every time", {"United": "negative", "Delta": "neutral"}),
        # (review: "every time" after more than the name is how often, no pick; Delta was +0.5)
        ("United lost my bag. Same thing happens with Delta every time", {"United": "negative", "Delta": "negative"}),
        ("United late again, it's the same with Delta every time", {"United": "negative", "Delta": "negative"}),
        ("United vs Delta? I fly Delta every time", {"United": "negative", "Delta": "positive"}),
        # comparisons that were already right
        ("Delta > United", {"United": "negative", "Delta": "positive"}),
        ("unlike United, Delta was on time", {"United": "negative", "Delta": "positive"}),
    ],
)
def test_two_brand_posts_of_stop_50(text, expected):
    """Stop 50: thinking about a brand, "=" in a role's words, a switch regretted, "not as good as B", a farewell
    after a comparison and "B every time", each read the wrong way for one brand."""
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


def test_a_gloat_after_a_brands_event_counts_against_it():
    """Stop 50: "United outage again. Insurers are going to love this" was +0.30 for United (the gloat's "love")."""
    texts = ["United outage again. Insurers are going to love this", "United outage again. Delta is going to love this"]
    rows, _ = long_rows(texts)
    assert by_brand(rows, texts[0]) == {"United": "negative"}
    assert by_brand(rows, texts[1])["United"] == "negative"


@pytest.mark.parametrize(
    ("text", "weighed"),
    [
        ("Considering United's record, Delta is the safer bet", "United"),
        ("considering Delta lost my bag I'm amazed United didn't", "Delta"),
    ],
)
def test_considering_a_fact_chooses_no_brand(text, weighed):
    """Review of stop 50: "considering" of a fact ("given United's record") is no brand weighed as the next one: the
    brand named was chosen, +0.5."""
    rows, _ = long_rows([text])
    assert by_brand(rows, text)[weighed] != "positive"


@pytest.mark.parametrize(
    "text, expected",
    [
        # a brand that claims is not compared (Delta was -0.40, set against United)
        ("United isn't as bad as Delta claims", {"United": "positive", "Delta": "neutral"}),
        ("United is worse than Delta says", {"United": "negative", "Delta": "neutral"}),
        ("United is not as bad as Delta", {"United": "positive", "Delta": "negative"}),  # (Delta compared)
        # review of stop 52: what says is the comparison, not the brand (Delta was 0, a claimant)
        ("United is cheaper than Delta which says a lot", {"United": "positive", "Delta": "negative"}),
        ("United is more reliable than Delta and that says it all", {"United": "positive", "Delta": "negative"}),
        # the brand set against has the opposite of the part compared only (United was -0.33, "but cheaper" mirrored)
        ("Delta is less comfy than United but cheaper", {"United": "positive", "Delta": "positive"}),
        ("Delta is faster than United but lost my bag", {"United": "negative", "Delta": "negative"}),
        # ahead or behind on a quality cx reads no sentiment in (both were 0)
        ("Delta is way more reliable than United", {"United": "negative", "Delta": "positive"}),
        ("Delta is less reliable than United", {"United": "positive", "Delta": "negative"}),
        ("Delta is more expensive than United", {"United": "positive", "Delta": "negative"}),
        ("is Delta more reliable than United?", {"United": "neutral", "Delta": "neutral"}),
        ("Delta isn't more reliable than United", {"United": "neutral", "Delta": "neutral"}),
        ("United is not as reliable as Delta", {"United": "negative", "Delta": "positive"}),
        ("United isn't nearly as expensive as Delta", {"United": "positive", "Delta": "negative"}),
        ("is United not as reliable as Delta?", {"United": "neutral", "Delta": "neutral"}),
        # "unlike B, A actually ..." (both were 0)
        ("unlike United, Delta actually answers the phone", {"United": "negative", "Delta": "positive"}),
        ("Delta actually answers the phone, unlike United", {"United": "negative", "Delta": "positive"}),
        ("unlike United, Delta actually has a great crew", {"United": "negative", "Delta": "positive"}),
        # a gloat over another brand's trouble is no praise of the gloating brand (Delta was +0.62)
        ("United outage again. Delta is going to love this", {"United": "negative", "Delta": "neutral"}),
        ("United outage again. Delta is gonna love this, they are great", {"United": "negative", "Delta": "positive"}),
    ],
)
def test_two_brand_posts_of_stop_52(text, expected):
    """Stop 52: a brand that claims taken for one compared, a comparison's mirror of a whole brand's words, a quality
    cx reads no sentiment in, "unlike B, A actually ..." and a gloat, each read the wrong way for one brand."""
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 52 (leftovers): "not like B" starting its clause is "unlike B" (Delta was 0)
        ("United was on time, not like Delta", {"United": "positive", "Delta": "negative"}),
        ("not like Delta, United was on time", {"United": "positive", "Delta": "negative"}),
        ("United was on time - not like Delta", {"United": "positive", "Delta": "negative"}),  # (was +0.26, United's)
        # controls: a dislike, and "not like B would care", are no comparison (Delta's own words, as before)
        ("I do not like Delta, United is great", {"United": "positive", "Delta": "negative"}),
        ("United lost my bag, not like Delta would care", {"United": "negative", "Delta": "positive"}),
        # a quality after "less" is lacking, in cx (United was +0.43, its "comfortable" damped: praise)
        ("United is less comfortable than Delta", {"United": "negative", "Delta": "positive"}),
    ],
)
def test_not_like_b_and_less_of_a_quality(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


def test_a_dislike_is_not_set_against_the_other_brand():
    """A dislike, "I do not like Delta", is Delta's own complaint (VADER's "not" before "like"), not set against."""
    text = "I do not like Delta, United is great"
    enriched = analyze(conform(pd.DataFrame({"text": [text]})), Config(brands=BRANDS))
    rows = per_brand(enriched, BRANDS, explain=True)
    assert "set against" not in rows.loc[rows["brand"] == "Delta", "brand_explain"].iloc[0]


def test_a_brand_actually_doing_what_the_other_does_not_is_not_denied():
    text = "Delta actually doesn't answer, unlike United"
    rows, _ = long_rows([text])
    assert by_brand(rows, text)["Delta"] != "positive"


def test_a_claimant_and_a_brand_behind_are_explained():
    texts = ["United isn't as bad as Delta claims", "Delta is less reliable than United"]
    enriched = analyze(conform(pd.DataFrame({"text": texts})), Config(brands=BRANDS))
    rows = per_brand(enriched, BRANDS, explain=True)
    notes = dict(zip(rows["text"] + "/" + rows["brand"], rows["brand_explain"], strict=True))
    assert notes[texts[0] + "/Delta"] == "rule: says what is compared | score +0.000"
    assert notes[texts[1] + "/Delta"] == "rule: behind another brand | score -0.200"
    assert notes[texts[1] + "/United"] == "rule: set against the other brands | score +0.200"


@pytest.mark.parametrize(
    "text, expected",
    [
        # the name alone before "it is" picks the brand (Delta was 0)
        ("deleted the United app. Delta it is", {"United": "negative", "Delta": "positive"}),
        ("United vs Delta? Delta it's", {"United": "negative", "Delta": "positive"}),
        # not how things are, nor a name with other words before it
        ("the problem with Delta it is. United works", {"United": "neutral", "Delta": "negative"}),
        ("Delta it is not. United is fine", {"United": "positive", "Delta": "neutral"}),
        # review of stop 52: an answer to a question of no choice, or a pick trailing off, is none (Delta was +0.50,
        # and United -0.50 against it in the second)
        ("Worst airline of the year? Delta it is. United was fine", {"United": "positive", "Delta": "negative"}),
        ("Who lost my bag this time? Delta it is. United never did", {"United": "positive", "Delta": "negative"}),
        ("Delta it is... another delay. United would have been on time", {"United": "positive", "Delta": "negative"}),
        ("United or Delta for the trip? Delta it is!", {"United": "neutral", "Delta": "positive"}),  # (a choice)
        # stop 52: nor one the next sentence condemns (Delta was +0.50, chosen, and United -0.50 in the second)
        ("uninstalled United. Delta it is! the worst airline I've flown", {"United": "negative", "Delta": "negative"}),
        ("United vs Delta? Delta it is! the worst airline I've flown", {"United": "neutral", "Delta": "negative"}),
        ("United vs Delta? Delta it is. Terrible.", {"United": "neutral", "Delta": "negative"}),
        ("United vs Delta? Delta it is! the best airline I've flown", {"United": "negative", "Delta": "positive"}),
    ],
)
def test_a_brand_named_alone_before_it_is_is_picked(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


#: the brands of examples/ticketing.toml: our app and two competitors
TICKETS = [
    Brand("Gigstub", ["Gigstub"]),
    Brand("TixNow", ["TixNow"], competitor=True),
    Brand("SeatHero", ["SeatHero", "Seat Hero"], competitor=True),
]


def ticket_scores(texts):
    """Each text's `brand_sentiments` cell, read as {brand: score}, with the ticketing brands."""
    enriched = analyze(conform(pd.DataFrame({"text": texts})), Config(brands=TICKETS))
    return [
        {b: float(v) for b, _, v in (p.rpartition("=") for p in c.split(";"))} if c else {}
        for c in score_brands(enriched, TICKETS).fillna("").tolist()
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 53: "not like B" is a dig at B: A's words, neutral to cx ("paid out next day"), are what B lacks (both
        # were 0): A ahead (+AHEAD), B set against it
        ("SeatHero paid out next day, not like Gigstub", {"Gigstub": -0.2, "SeatHero": 0.2}),
        ("not like Gigstub, SeatHero paid out next day", {"Gigstub": -0.2, "SeatHero": 0.2}),
    ],
)
def test_not_like_b_puts_the_other_brand_ahead(text, expected):
    assert ticket_scores([text]) == [expected]


def test_not_like_b_keeps_the_other_brands_own_words():
    """A complaint of A before "not like B" stays A's, and B has its opposite (as before stop 53)."""
    (got,) = ticket_scores(["SeatHero lost my tickets, not like Gigstub"])
    assert got["SeatHero"] < -0.05 and got["Gigstub"] == -got["SeatHero"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 53: as good as each other on a quality cx reads nothing in (both were 0): both a little positive
        ("United is as reliable as Delta", {"United": "positive", "Delta": "positive"}),
        ("United is just as punctual as Delta", {"United": "positive", "Delta": "positive"}),
        # and as bad, on a quality not wanted
        ("United is as expensive as Delta", {"United": "negative", "Delta": "negative"}),
        # controls: denied or hedged is behind (as stop 52), asked is nothing, a claimant is not compared
        ("United isn't as reliable as Delta", {"United": "negative", "Delta": "positive"}),
        ("United is not nearly as reliable as Delta", {"United": "negative", "Delta": "positive"}),
        ("is United as reliable as Delta?", {"United": "neutral", "Delta": "neutral"}),
        ("United is as reliable as Delta claims", {"United": "positive", "Delta": "neutral"}),
        # their own words first
        ("United is as reliable as Delta, both lost my bag", {"United": "negative", "Delta": "negative"}),
    ],
)
def test_two_brands_as_good_as_each_other(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


def test_two_brands_as_good_as_each_other_are_explained():
    text = "United is as reliable as Delta"
    enriched = analyze(conform(pd.DataFrame({"text": [text]})), Config(brands=BRANDS))
    rows = per_brand(enriched, BRANDS, explain=True)
    assert set(rows["brand_explain"]) == {"rule: as good as another brand | score +0.200"}


def test_a_brand_ahead_with_a_complaint_of_its_own_is_mixed():
    """Stop 53: "FeastNow is faster than QuickBite but forgot my drink" was 0 for FeastNow (cx read "forgot my drink"
    as nothing) and would have been the complaint alone: the lead on speed is one more clause of its mean."""
    brands = [Brand("FeastNow", ["FeastNow"]), Brand("QuickBite", ["QuickBite"])]
    texts = ["FeastNow is faster than QuickBite but forgot my drink", "but forgot my drink"]
    enriched = analyze(conform(pd.DataFrame({"text": texts})), Config(brands=brands))
    complaint = enriched["sentiment"].iloc[1]  # (the clause after "but" alone, FeastNow's complaint)
    assert complaint < -0.05
    got = own_scores_of(score_brands(enriched, brands).iloc[0])
    assert got["QuickBite"] == pytest.approx(-0.2, abs=5e-5)  # (the slower side)
    assert got["FeastNow"] == pytest.approx((complaint + 0.2) / 2, abs=5e-5)  # (mixed: the lead and the complaint)


def own_scores_of(cell):
    return {b: float(v) for b, _, v in (p.rpartition("=") for p in cell.split(";"))}


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 53: a sentence after "B it is" that condemns with no brand named is said of B, no pick (Delta was +0.50
        # chosen, and United -0.50 left in the first): what follows a pick is about what was just picked
        ("United vs Delta? Delta it is. Graphics are the worst", {"United": "neutral", "Delta": "negative"}),
        ("uninstalled United. Delta it is. Seats are the worst", {"United": "negative", "Delta": "negative"}),
        # controls: the verdict names the other brand, is of the past (the brand left's, a reason), or is denied
        ("United vs Delta? Delta it is. United was the worst", {"United": "negative", "Delta": "positive"}),
        ("United vs Delta? Delta it is. Seats were the worst", {"United": "negative", "Delta": "positive"}),
        ("United vs Delta? Delta it is. Seats aren't the worst", {"United": "negative", "Delta": "positive"}),
    ],
)
def test_a_pick_condemned_later_in_the_next_sentence_is_no_pick(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 53: a competitor named alone, picked after a product left unnamed, had the post's farewell (SeatHero
        # -0.35, "uninstalled"), then 0: the farewell (or the complaint before the pick) is the product left's, and
        # the brand picked wins as one picked over a product named does (+0.50, as SeatHero in the last control)
        ("uninstalled. SeatHero it is", {"SeatHero": 0.5}),
        ("deleted the app, switching to SeatHero", {"SeatHero": 0.5}),
        ("queue crashed again. SeatHero it is", {"SeatHero": 0.5}),
        # controls: a post naming one brand with no pick keeps the post's score (no cell of its own); one picked and
        # condemned is no pick; a brand left named is the pair of stop 52
        ("SeatHero crashed again", {}),
        ("SeatHero it is. Fees are the worst", {}),
        ("uninstalled Gigstub. SeatHero it is", {"Gigstub": -0.5, "SeatHero": 0.5}),
    ],
)
def test_a_brand_picked_after_a_product_left_unnamed_wins(text, expected):
    assert ticket_scores([text]) == [expected]


def test_a_brand_picked_after_a_product_left_unnamed_keeps_a_complaint_of_its_own():
    texts = ["uninstalled. SeatHero it is, they lost my tickets too", "they lost my tickets too"]
    enriched = analyze(conform(pd.DataFrame({"text": texts})), Config(brands=TICKETS))
    complaint = enriched["sentiment"].iloc[1]
    assert complaint < -0.05 and enriched["sentiment"].iloc[0] < complaint  # (the farewell not SeatHero's)
    assert score_brands(enriched, TICKETS).iloc[0] == f"SeatHero={complaint:.4f}"
    # (no win: the rule --explain names is its own clauses)
    rows = per_brand(enriched.iloc[:1], TICKETS, explain=True)
    assert rows["brand_explain"].tolist() == [f"rule: its own clauses | score {complaint:+.3f}"]


def test_the_brand_tables_count_a_pick_after_a_product_left_unnamed_as_positive():
    """The competitor's row of a report's brand table counts the mention (share of voice unchanged: the post names it
    alone) as positive, a win, not the farewell's negative; the post stays negative as a whole, and a churn signal."""
    text = "uninstalled. SeatHero it is"
    enriched = analyze(conform(pd.DataFrame({"text": [text]})), Config(brands=TICKETS))
    assert enriched["sentiment"].iloc[0] < -0.05
    rows = per_brand(enriched, TICKETS, explain=True)
    assert rows["brand"].tolist() == ["SeatHero"] and rows["brand_sentiment_label"].tolist() == ["positive"]
    assert rows["brand_explain"].iloc[0] == "rule: chosen over a product left unnamed | score +0.500"
    summary = brand_summary(enriched.assign(brand_sentiments=score_brands(enriched, TICKETS)))
    counts = summary.set_index("brand").loc["SeatHero", ["mentions", "positive", "neutral", "negative"]].tolist()
    assert counts == [1, 1, 0, 0]


def test_a_question_s_clauses_are_damped_as_the_post_is():
    """Stop 53: "Should I open a Paywise or a Tallybank account for travelling? Mainly need free card use abroad" gave
    each brand +0.05, positive, while the post was neutral: the clause after the "?" was read as no question."""
    asked = "Should I fly Delta or United? Mainly need free wifi"
    praised = "Should I fly Delta or United? Delta's crew were amazing last time"
    told = "Delta or United. Mainly need free wifi"  # (no question: "free" keeps its weight)
    rows, _ = long_rows([asked, praised, told])
    assert by_brand(rows, asked) == {"Delta": "neutral", "United": "neutral"}
    assert by_brand(rows, told) == {"Delta": "positive", "United": "positive"}
    assert by_brand(rows, praised) == {"Delta": "positive", "United": "neutral"}
    sub = rows[rows["text"] == praised].set_index("brand")
    # Delta's praise weighs as in the whole post, damped as asked (it was about twice the post's score)
    assert sub.at["Delta", "brand_sentiment"] == pytest.approx(sub.at["Delta", "sentiment"], abs=1e-4)


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 54: a complaint in the sentence after a switch, naming no brand, is read by its tense. The past, and no
        # verb after a sentence naming both brands, is why the author left United (as before)
        ("switched from United to Delta. terrible claims service", {"United": "negative", "Delta": "positive"}),
        ("switched from United to Delta. claims service was terrible", {"United": "negative", "Delta": "positive"}),
        # (the whole sentence, not its first clause alone: Delta was -0.35, "they refused to pay" its complaint)
        (
            "switched from United to Delta. claims were slow, they refused to pay",
            {"United": "negative", "Delta": "positive"},
        ),
        # the present is said of the brand the author has now (Delta was +0.50, chosen)
        ("switched from United to Delta. claims service is terrible", {"United": "negative", "Delta": "negative"}),
        ("left United for Delta. the seats are terrible", {"United": "negative", "Delta": "negative"}),
        # no verb after a sentence naming Delta alone is Delta's, as after "Delta it is" (Delta was +0.50)
        ("uninstalled United. switched to Delta. terrible claims service", {"United": "negative", "Delta": "negative"}),
        # a pick condemned by its own words leaves no rival behind (United was -0.50, Delta +0.50), as "... Graphics
        # are the worst" did not
        ("United vs Delta? Delta it is. Seats are uncomfortable", {"United": "neutral", "Delta": "negative"}),
        # controls: before the switch a complaint is the reason, whatever its tense
        ("claims service is terrible. switched from United to Delta", {"United": "negative", "Delta": "positive"}),
        ("United vs Delta? Delta it is. Seats were uncomfortable", {"United": "negative", "Delta": "positive"}),
    ],
)
def test_a_complaint_after_a_switch_is_read_by_its_tense(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


def test_a_complaint_after_a_pick_of_one_brand_is_read_by_its_tense():
    """Stop 54: "deleted the app, switched to SeatHero. terrible fees" gave SeatHero +0.50 (a win, the complaint the
    app's), though "switched to SeatHero. terrible fees" gave it the complaint: with no brand left named, a complaint
    without a verb after the pick is the brand picked's (its own words, the farewell still the app's); in the past it
    is the reason, and the pick a win."""
    texts = ["deleted the app, switched to SeatHero. terrible fees", "terrible fees"]
    enriched = analyze(conform(pd.DataFrame({"text": texts})), Config(brands=TICKETS))
    complaint = enriched["sentiment"].iloc[1]
    assert complaint < -0.05 and enriched["sentiment"].iloc[0] < complaint  # ("deleted the app" not SeatHero's)
    got, past = ticket_scores([texts[0], "deleted the app, switched to SeatHero. fees were terrible"])
    assert got == pytest.approx({"SeatHero": complaint}, abs=5e-5)
    assert past == {"SeatHero": 0.5}


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 54: "unlike B" as "not like B": the other brand's words, neutral to cx, are what B lacks (both were 0)
        ("unlike Gigstub, SeatHero paid out", {"Gigstub": -0.2, "SeatHero": 0.2}),
        ("SeatHero paid out, unlike Gigstub", {"Gigstub": -0.2, "SeatHero": 0.2}),
        ("SeatHero, unlike Gigstub, paid out in a week", {"Gigstub": -0.2, "SeatHero": 0.2}),
        # controls: words denied may be a lack or a virtue ("doesn't answer", "doesn't charge fees"): no lead
        ("SeatHero doesn't answer, unlike Gigstub", {"Gigstub": 0.0, "SeatHero": 0.0}),
        ("SeatHero didn't refund, not like Gigstub", {"Gigstub": 0.0, "SeatHero": 0.0}),
    ],
)
def test_unlike_b_puts_the_other_brand_ahead(text, expected):
    assert ticket_scores([text]) == [expected]


def test_unlike_b_keeps_the_other_brands_own_words():
    """A complaint of A after "unlike B" stays A's, and B has its opposite (as before stop 54)."""
    (got,) = ticket_scores(["unlike Gigstub, SeatHero lost my tickets"])
    assert got["SeatHero"] < -0.05 and got["Gigstub"] == -got["SeatHero"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 54: a pick in a post naming one brand was looked for in negative posts only: a neutral one kept its 0
        ("tried them all. SeatHero it is", {"SeatHero": 0.5}),
        ("goodbye old app, hello SeatHero", {"SeatHero": 0.5}),
        # controls: a question, a greeting and asking for experiences pick nothing (the first was +0.50, negative), and
        # a post more positive than a pick's win keeps its own score (no cell)
        ("fed up. Should I switch to SeatHero?", {}),
        ("Morning all. hello SeatHero, going to a gig today", {}),
        ("hey all, thinking of booking SeatHero for the final, any experiences? 🙏", {}),
        ("Great night. Using SeatHero next time for sure, love it", {}),
    ],
)
def test_a_pick_in_a_neutral_post_naming_one_brand_wins(text, expected):
    assert ticket_scores([text]) == [expected]


def test_hello_after_no_farewell_greets_and_picks_nothing():
    """Stop 54: "hello Delta, United lost my bag" chose Delta (+0.50): a greeting; after a farewell it still picks."""
    rows, _ = long_rows(["hello Delta, United lost my bag", "ditched United, hello Delta"])
    assert by_brand(rows, "hello Delta, United lost my bag") == {"United": "negative", "Delta": "neutral"}
    assert by_brand(rows, "ditched United, hello Delta") == {"United": "negative", "Delta": "positive"}


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 54: a yes/no question comparing two brands says nothing of either (Delta had the damped "better", United
        # its opposite)
        ("Is Delta better than United for long flights?", {"Delta": "neutral", "United": "neutral"}),
        ("is Delta still better than United or has that changed?", {"Delta": "neutral", "United": "neutral"}),
        # controls: "why" complains, and a complaint after the question is still its brand's
        ("Why is United so much slower than Delta?", {"United": "negative", "Delta": "positive"}),
        ("Is Delta better than United? United lost my bag last time", {"Delta": "neutral", "United": "negative"}),
    ],
)
def test_a_yes_no_question_comparing_brands_says_nothing_of_either(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 54: two brands on one axis, their words neutral: the quicker or cheaper ahead (both were 0)
        ("United took 90 minutes, Delta took 25. not even close", {"United": -0.2, "Delta": 0.2}),
        ("United took 2 hours, Delta took 30 minutes", {"United": -0.2, "Delta": 0.2}),
        ("United costs $40, Delta costs $25", {"United": -0.2, "Delta": 0.2}),
        # controls: the same time, money paid to the customer, and one brand measured say nothing
        ("United took 30 minutes, Delta took 30", {"United": 0.0, "Delta": 0.0}),
        ("United paid me $50 back, Delta paid $10", {"United": 0.0, "Delta": 0.0}),
        ("United took 90 minutes, Delta was there", {"United": 0.0, "Delta": 0.0}),
    ],
)
def test_the_quicker_or_cheaper_of_two_brands_measured_is_ahead(text, expected):
    rows, _ = long_rows([text])
    sub = rows[rows["text"] == text]
    assert dict(zip(sub["brand"], sub["brand_sentiment"].round(4), strict=True)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 54: a service done beside another brand's complaint is praise by contrast (Delta was 0)
        ("United late again. Delta boarded right on schedule", {"United": "negative", "Delta": "positive"}),
        (
            "United lost my bag, Delta on the other hand delivered it to my hotel",
            {"United": "negative", "Delta": "positive"},
        ),
        # and "on the other hand" after praise sets neutral words against it
        ("United was quick tonight. Delta on the other hand took an hour", {"United": "positive", "Delta": "negative"}),
        # controls: no service done, one denied, or one beside praise says nothing
        ("United lost my bag. Flying Delta to Boston tomorrow", {"United": "negative", "Delta": "neutral"}),
        ("United lost my bag. Delta never delivered my refund", {"United": "negative", "Delta": "negative"}),
        ("United was great. Delta delivered my bag", {"United": "positive", "Delta": "neutral"}),
    ],
)
def test_a_neutral_brand_set_against_a_complaint_is_praised_by_contrast(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 55: the past was a hand list of verbs; these, missing from it, made the reason for the switch Delta's
        # complaint (Delta was negative)
        ("ditched United. switched to Delta. they overbooked the flight", {"United": "negative", "Delta": "positive"}),
        ("ditched United. switched to Delta. the agent hung up on me", {"United": "negative", "Delta": "positive"}),
        ("ditched United. switched to Delta. they broke my suitcase", {"United": "negative", "Delta": "positive"}),
        ("ditched United. switched to Delta. their app crashed", {"United": "negative", "Delta": "positive"}),
        # controls: words in -ed with no subject are no verb ("overpriced snacks"), and the present is Delta's
        (
            "ditched United. switched to Delta. overpriced snacks and cramped seats",
            {"United": "negative", "Delta": "negative"},
        ),
        ("ditched United. switched to Delta. the food is terrible", {"United": "negative", "Delta": "negative"}),
    ],
)
def test_a_complaint_in_the_past_after_a_switch_is_the_reason(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 55: part of an order forgotten is a failure as the whole is (Delta was neutral: cx read "forgot my order"
        # alone)
        ("United was on time but Delta forgot half my order", {"United": "positive", "Delta": "negative"}),
        ("United delivered in 20 min and Delta forgot part of my order", {"United": "positive", "Delta": "negative"}),
        # control: denied, it is no complaint
        ("United was slow but Delta never forgot half my order", {"United": "negative", "Delta": "positive"}),
    ],
)
def test_part_of_an_order_forgotten_is_a_complaint(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 55: a count a customer wants more of: the brand giving more is ahead (both were 0)
        ("United gives 30 kg baggage, Delta only 20 kg", {"United": 0.2, "Delta": -0.2}),
        ("United has 4 flights a day vs Delta's 2", {"United": 0.2, "Delta": -0.2}),
        ("United has 2 flights a day, Delta has 5", {"United": -0.2, "Delta": 0.2}),
        # controls: a time wanted, money given to the customer and a model's number compare nothing
        ("United battery lasts 10 hours, Delta 5 hours", {"United": 0.0, "Delta": 0.0}),
        ("United gave me a $40 voucher, Delta $25", {"United": 0.0, "Delta": 0.0}),
        ("United flies the 737 and Delta has 2 lounges", {"United": 0.0, "Delta": 0.0}),
    ],
)
def test_the_brand_giving_more_of_a_count_is_ahead(text, expected):
    rows, _ = long_rows([text])
    sub = rows[rows["text"] == text]
    assert dict(zip(sub["brand"], sub["brand_sentiment"].round(4), strict=True)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 55: the cheaper brand's "charged" is no complaint (both were negative, cx's "charged" -0.16 each)
        ("United charged $40 vs $25 at Delta", {"United": "negative", "Delta": "positive"}),
        ("United charged me $40, Delta charged $25", {"United": "negative", "Delta": "positive"}),
        # praise before a figure behind the other brand's is irony (United was positive)
        (
            "Wow United, 90 minutes for a burger, truly impressive. Delta does it in 25",
            {"United": "negative", "Delta": "positive"},
        ),
        (
            "amazing service United, only 2 hours to get my bag. Delta had it in 10 minutes",
            {"United": "negative", "Delta": "positive"},
        ),
        # controls: praise with "but" before the figure is meant, and lateness stays a complaint however short
        ("United is lovely but took 3 hours, Delta took 30 minutes", {"United": "positive", "Delta": "positive"}),
        ("United 3 hours late, Delta 20 minutes late", {"United": "negative", "Delta": "negative"}),
    ],
)
def test_a_price_or_a_time_compared_reads_the_figures(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 55: a heading before a colon and a list of brands with no words of their own is each brand's (it was
        # the first brand's alone: Delta and Acme neutral)
        (
            "Half-life of achieving evil: United 40yrs, Delta 20yrs, Acme 10yrs - who's next?",
            {"United": "negative", "Delta": "negative", "Acme": "negative"},
        ),
        # controls: items with words of their own keep them, and without a colon a sentence is no heading
        ("Terrible day: United lost my bag, Delta was great", {"United": "negative", "Delta": "positive"}),
        ("Terrible day. United to Boston, Delta back home", {"United": "negative", "Delta": "neutral"}),
    ],
)
def test_a_heading_before_a_list_of_brands_is_each_brands(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 55: the words before "and" named no brand, so "only 3 hours late and Delta lost my bag" stayed one
        # clause, Delta's, and United kept "great job" alone (+0.53): the delay is United's, the praise irony
        ("great job United, only 3 hours late and Delta lost my bag", {"United": "negative", "Delta": "negative"}),
        ("thanks United, smooth flight and Delta lost my bag", {"United": "positive", "Delta": "negative"}),
        # controls: a list of brands after "and" stays whole; no brand named before, the clause is the brand's after it
        ("I love United and Delta", {"United": "positive", "Delta": "positive"}),
        ("3 hours late and Delta lost my bag", {"Delta": "negative"}),
    ],
)
def test_words_naming_no_brand_before_and_are_the_brand_named_before_them(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 55: a brand kept ("staying with", "renewed with") was no choice: 0 (the VADER review "i'm staying with
        # sprint, and though ... t-mobile's ..." left Sprint neutral), as "sticking with B" is one
        ("i'm staying with Delta, United is too pricey", {"Delta": "positive", "United": "neutral"}),
        ("renewed with Delta, United wanted twice as much", {"Delta": "positive", "United": "neutral"}),
        # controls: not kept, and kept with its own complaint
        ("not staying with Delta, United it is", {"Delta": "neutral", "United": "positive"}),
        ("staying with Delta, though they lost my bag again, United too", {"Delta": "negative", "United": "negative"}),
    ],
)
def test_a_brand_kept_is_chosen(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 55: a post naming one brand it keeps had its 0 ("i'm staying with SeatHero"): a pick, as "B it is"
        ("i'm staying with SeatHero", {"SeatHero": 0.5}),
        ("sticking with SeatHero", {"SeatHero": 0.5}),
        # controls: asked, denied, and a tenure in the past pick nothing
        ("should I stick with SeatHero?", {}),
        ("not staying with SeatHero", {}),
        ("stayed with SeatHero for 10 years", {}),
    ],
)
def test_a_brand_kept_in_a_post_naming_one_wins(text, expected):
    assert ticket_scores([text]) == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 55: an aside naming another brand took the rest of the sentence ("Yet Burger King, McDonald's chief
        # competitor, manages to keep its burgers warm" gave McDonald's +0.18, Burger King 0): it is the subject's
        ("Delta, United's biggest rival, lost my bag again", {"Delta": "negative", "United": "neutral"}),
        ("Delta, the owner of United, is great", {"Delta": "positive", "United": "neutral"}),
        # controls: a subject that is a clause of its own, a new clause after the aside, and an aside with a verb
        ("I flew United, Delta's app, so annoying", {"United": "neutral", "Delta": "negative"}),
        ("United, Delta's rival, so annoying", {"United": "neutral", "Delta": "negative"}),
        ("United, Delta's plane landed, lost my bag", {"United": "neutral", "Delta": "negative"}),
    ],
)
def test_an_aside_naming_another_brand_leaves_the_sentence_to_its_subject(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 56: a return with its reason ("Went back to Aerolux after a year on Skyway") left the brand gone back
        # from 0: "back to" now reads as "to"
        ("went back to Delta after a year on United", {"Delta": "positive", "United": "negative"}),
        ("moving back to Delta because United kept cancelling", {"Delta": "positive", "United": "negative"}),
        # controls: no brand after "after", and denied
        ("went back to Delta after a year abroad, United is fine", {"Delta": "positive", "United": "positive"}),
        ("never went back to Delta after a year on United", {"Delta": "neutral", "United": "neutral"}),
    ],
)
def test_a_return_with_its_reason_leaves_the_other_brand(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 56: "A is cheaper but B has way more restaurants" left B neutral (cx reads nothing in "more
        # restaurants"): more of something is ahead, more of what nobody wants behind
        ("Delta is cheaper but United has way more routes", {"Delta": "positive", "United": "positive"}),
        ("United has more legroom than Delta", {"United": "positive", "Delta": "negative"}),
        ("United has more ads than Delta", {"United": "negative", "Delta": "positive"}),
        # controls: denied, asked, and words of its own
        ("United doesn't have more routes than Delta", {"United": "neutral", "Delta": "neutral"}),
        ("does United have more routes than Delta?", {"United": "neutral", "Delta": "neutral"}),
        ("Delta is great but United has more routes and awful food", {"Delta": "positive", "United": "negative"}),
    ],
)
def test_a_brand_with_more_of_something_is_ahead(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 56: "A could learn from B" was neutral for both: A is behind B
        ("United could learn from Delta", {"United": "negative", "Delta": "positive"}),
        ("United could learn a thing or two from Delta", {"United": "negative", "Delta": "positive"}),
        ("United has a lot to learn from Delta", {"United": "negative", "Delta": "positive"}),
        # controls: nobody named before, and learning nothing
        ("I could learn from Delta, United was fine", {"United": "positive", "Delta": "neutral"}),
        ("United could learn nothing from Delta", {"United": "neutral", "Delta": "neutral"}),
    ],
)
def test_a_brand_that_could_learn_from_another_is_behind_it(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 56: a list split at its commas ("Skyway, Aerolux and QuickBite all lost my stuff") left its first brand
        # neutral, a clause of its name alone: the list is one clause again
        (
            "United, Delta and Acme all lost my bag this year",
            {"United": "negative", "Delta": "negative", "Acme": "negative"},
        ),
        ("United, Delta, and Acme are all great", {"United": "positive", "Delta": "positive", "Acme": "positive"}),
        (
            "United, Delta or Acme, they all lost my bag",
            {"United": "negative", "Delta": "negative", "Acme": "negative"},
        ),
        # controls: a greeting, and a heading's items
        ("United, Delta was great today", {"United": "neutral", "Delta": "positive"}),
        ("Worst this year: United, Delta and Acme", {"United": "negative", "Delta": "negative", "Acme": "negative"}),
    ],
)
def test_a_list_of_brands_shares_its_words(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 56: "i'm staying with sprint, and though ... their csr isn't nearly as good as t-mobile's" gave T-Mobile
        # the opposite of Sprint's pick (-0.50): a foil compared with a pronoun has the opposite of its own comparison
        (
            "I'm sticking with Delta, though their food is not as good as United's",
            {"Delta": "positive", "United": "positive"},
        ),
        ("loved Delta, but they are slower than United", {"Delta": "positive", "United": "positive"}),
        # controls: the subject named, and an idiom that is the foil's own complaint
        ("Delta was great, better than United", {"Delta": "positive", "United": "negative"}),
        ("a snail is faster than United, Delta was here on time", {"United": "negative", "Delta": "positive"}),
    ],
)
def test_a_foil_compared_with_a_pronoun_has_the_opposite_of_its_comparison(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 56: a service done beside another brand's complaint left the brand neutral when it "landed" or "found it"
        ("United delayed again, meanwhile Delta landed early", {"United": "negative", "Delta": "positive"}),
        ("United lost my bag. Delta found it in an hour", {"United": "negative", "Delta": "positive"}),
        # control: no complaint beside it
        ("United was fine. Delta landed at 6", {"United": "positive", "Delta": "neutral"}),
    ],
)
def test_a_landing_or_a_find_beside_a_complaint_is_praise(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


def rules_of(text):
    config = Config(brands=BRANDS)
    enriched = analyze(conform(pd.DataFrame({"text": [text]})), config)
    rows = per_brand(enriched, BRANDS, explain=True)
    return {
        b: e.split(" | ")[0].removeprefix("rule: ") for b, e in zip(rows["brand"], rows["brand_explain"], strict=True)
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 56, each shape a rule: praise given up ("used to be good") is left, not the old praise (+0.41) or 0
        ("United used to be good, now Delta is my go-to", {"United": "negative"}),
        ("Delta used to be my favourite, now United is better", {"Delta": "negative", "United": "positive"}),
        # "would rather walk than fly A" leaves A (was 0)
        ("Would rather walk than fly United again. Booked Delta", {"United": "negative"}),
        ("I'd rather fly Delta than United", {"United": "negative"}),
        # "this is why people fly B": B chosen, the post's complaint the other's (A was +0.35, B 0 / -0.35)
        (
            "Dear United, this is why people fly Delta. 4 hours on the tarmac with no water",
            {"United": "negative", "Delta": "positive"},
        ),
        # "neither A nor B could find my address": both as bad (were 0)
        ("Neither United nor Delta could find my address", {"United": "negative", "Delta": "negative"}),
        # a wish: "if A were half as fast as B" puts A behind and B ahead (both +0.02)
        ("If United were half as fast as Delta I'd never leave", {"United": "negative", "Delta": "positive"}),
        # a label before a colon is the verdict of the brand whose words share it (A had the rant, -0.30)
        (
            "rant: United rebooked me in 20 minutes while Delta still can't find my bag",
            {"United": "positive", "Delta": "negative"},
        ),
        # controls: a label no brand's words share stays the first brand's
        ("rant: United rebooked me onto Delta", {"United": "negative"}),
    ],
)
def test_given_up_wished_and_labelled_shapes(text, expected):
    rows, _ = long_rows([text])
    got = by_brand(rows, text)
    assert {b: got[b] for b in expected} == expected


@pytest.mark.parametrize(
    "text, brand, rule",
    [
        # controls: praise kept, a rather with no brand after "than", a question, no "neither", no "if"
        ("United used to be great and still is, Delta too", "United", "left for another brand"),
        ("United would rather cancel than pay out, Delta paid in a day", "United", "left for another brand"),
        ("the US phone runs a Delta chip rather than an Acme one", "Acme", "left for another brand"),
        ("Why do people fly Delta? United was fine", "Delta", "chosen instead of another brand"),
        ("United and Delta could find my address", "United", "as bad as another brand"),
        ("If United were late, Delta was as fast as ever", "United", "behind another brand"),
    ],
)
def test_shapes_that_are_not_given_up_wished_or_chosen(text, brand, rule):
    rules = rules_of(text)
    assert brand in rules and rules[brand] != rule


def test_a_post_naming_one_brand_keeps_its_score_when_it_used_to_be_good():
    rows, _ = long_rows(["United used to be good"])
    assert rows["brand_sentiment"].tolist() == rows["sentiment"].tolist()


def test_the_pipeline_runs_without_the_report_and_cli_packages():
    """`per_brand` and `explain_scores` read `report.summary`'s explode_brands and check_enriched (the pipeline
    depending on the report); both live under enrich and schema now. In a fresh interpreter, importing the pipeline
    modules and running analyze, per_brand and explain_scores loads no module of `brandpulse.report` or
    `brandpulse.cli`, and a post naming both brands is a row per brand."""
    code = (
        "import sys, pandas as pd\n"
        "import brandpulse.pipeline, brandpulse.intake, brandpulse.sources, brandpulse.fetch, brandpulse.store\n"
        "import brandpulse.enrich.brand_sentiment, brandpulse.enrich.explode, brandpulse.enrich.intent\n"
        "from brandpulse.config import Brand, Config\n"
        "from brandpulse.pipeline import analyze, explain_scores\n"
        "from brandpulse.enrich.brand_sentiment import per_brand\n"
        "c = Config(brands=[Brand('Acme', ['acme']), Brand('Zeta', ['zeta'])])\n"
        "df = analyze(pd.DataFrame({'text': ['acme is great but zeta is awful', 'zeta rocks', 'nothing here']}), c)\n"
        "rows = per_brand(df, c.brands)\n"
        "explain_scores(df, c)\n"
        "print(list(rows['brand']))\n"
        "print(sorted({m for m in sys.modules if m.startswith(('brandpulse.report', 'brandpulse.cli'))}))\n"
    )
    assert fresh_python(code)[:2] == ["['Acme', 'Zeta', 'Zeta', '']", "[]"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 57: a pick in a clause of its own after another brand's complaint chooses it (Delta was 0)
        ("United cancelled again. Booked Delta.", {"United": "negative", "Delta": "positive"}),
        ("United cancelled again. Flew Delta instead.", {"United": "negative", "Delta": "positive"}),
        ("United cancelled again, went with Delta.", {"United": "negative", "Delta": "positive"}),
        ("Acme lost my order again, so ordered from Delta", {"Acme": "negative", "Delta": "positive"}),
        # (not a post's first clause, a pick not alone in its clause, a pick denied, or one after praise)
        ("I flew United, Delta's app, so annoying", {"United": "neutral", "Delta": "negative"}),
        ("Booked Delta to Denver, United lost my bag", {"Delta": "neutral", "United": "negative"}),
        ("United cancelled again. Never booked Delta.", {"United": "negative", "Delta": "neutral"}),
        ("United was fine. Booked Delta.", {"United": "positive", "Delta": "neutral"}),
        # (its own words still count: the pick's next sentence condemns it)
        ("United cancelled again. Booked Delta. Even worse.", {"United": "negative", "Delta": "negative"}),
        # the name alone with "instead", or with "now" after a brand left (Delta was 0); not "now" after a complaint
        ("United cancelled again. Delta instead.", {"United": "negative", "Delta": "positive"}),
        ("United used to be my go-to, Delta now", {"United": "negative", "Delta": "positive"}),
        ("United lost my bag, Delta now", {"United": "negative", "Delta": "neutral"}),
    ],
)
def test_a_brand_booked_after_another_brands_complaint_is_chosen(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


AIRLINES = [Brand("AirNova", ["AirNova"]), Brand("Skyway", ["Skyway"])]


@pytest.mark.parametrize(
    "text, expected",
    [
        # issue 7: "B too" with a when after it shares the other brand's verdict (Skyway was 0)
        ("AirNova lost my bag, Skyway too now", {"AirNova": "negative", "Skyway": "negative"}),
        ("AirNova lost my bag. Skyway also now!", {"AirNova": "negative", "Skyway": "negative"}),
        ("AirNova lost my bag, Skyway as well lately", {"AirNova": "negative", "Skyway": "negative"}),
        ("AirNova was great, Skyway too these days", {"AirNova": "positive", "Skyway": "positive"}),
        # (already shared: "same with A" in a sentence of its own, and "B's as well")
        ("Skyway cancelled my flight. Same with AirNova.", {"Skyway": "negative", "AirNova": "negative"}),
        ("AirNova's app keeps crashing, and Skyway's as well", {"AirNova": "negative", "Skyway": "negative"}),
        ("AirNova was great, Skyway too", {"AirNova": "positive", "Skyway": "positive"}),
        # controls: its own words still count, "never has" sets it against the other, "B now" after a complaint
        # is no pick, and a verdict shared after a neutral clause is none
        ("AirNova lost my bag, Skyway too now and it was fine", {"AirNova": "negative", "Skyway": "positive"}),
        ("AirNova lost my bag, Skyway never has", {"AirNova": "negative", "Skyway": "positive"}),
        ("AirNova lost my bag, Skyway now", {"AirNova": "negative", "Skyway": "neutral"}),
        ("I flew AirNova, Skyway too now", {"AirNova": "neutral", "Skyway": "neutral"}),
        # "B too now" after a brand left is no pick of B ("now" after the name alone chose it: +0.5)
        ("ditched AirNova, Skyway too now", {"AirNova": "negative", "Skyway": "neutral"}),
        ("AirNova used to be my go-to, Skyway now", {"AirNova": "negative", "Skyway": "positive"}),
    ],
)
def test_a_brand_sharing_another_brands_verdict_with_a_when_shares_it(text, expected):
    enriched = analyze(conform(pd.DataFrame({"text": [text]})), Config(brands=AIRLINES))
    rows = per_brand(enriched, AIRLINES)
    assert dict(zip(rows["brand"], rows["brand_sentiment_label"], strict=True)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 57: "B is my go-to" chooses B (Delta was 0: cx reads no "go-to")
        ("Ditched United, now Delta is my go-to", {"United": "negative", "Delta": "positive"}),
        ("United keeps cancelling. Delta is my new favourite", {"United": "negative", "Delta": "positive"}),
        # (not one no longer, one that used to be, or one asked)
        ("Delta is no longer my go-to, United is fine", {"Delta": "negative", "United": "positive"}),
        ("Delta used to be my go-to, now United", {"Delta": "negative", "United": "neutral"}),
        ("is Delta my go-to now that United raised prices?", {"Delta": "neutral", "United": "neutral"}),
    ],
)
def test_a_brand_said_to_be_the_go_to_is_chosen(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 57: a complaint neither brand did is denied for both, a little positive (cx read "has ever lost my
        # bag" as -0.41 for both; "was late" is 0 for cx, and "neither" made both as bad as each other, -0.20)
        ("Neither United nor Delta has ever lost my bag", {"United": "positive", "Delta": "positive"}),
        ("Neither United nor Delta was late", {"United": "positive", "Delta": "positive"}),
        ("Neither United nor Delta lost my bag", {"United": "positive", "Delta": "positive"}),
        # (what a customer wants, neither did: both as bad as each other, as in stop 56)
        ("Neither United nor Delta could find my address", {"United": "negative", "Delta": "negative"}),
        ("Neither United nor Delta answered my emails", {"United": "negative", "Delta": "negative"}),
    ],
)
def test_neither_brand_did_the_complaint(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # stop 57: a brand lacking what the author came for is behind (TweetEval: "but Netflix don't have it. Let me
        # check on Amazon Prime" left Netflix 0)
        ("wanted to watch a film but Delta don't have it. trying United", {"Delta": "negative", "United": "neutral"}),
        ("Delta doesn't carry them, United does", {"Delta": "negative", "United": "neutral"}),
        # (not what it is good to lack, nor asked)
        ("Delta doesn't have any problems, United lost my bag", {"Delta": "positive", "United": "negative"}),
        ("Does Delta not have it? United does", {"Delta": "neutral", "United": "neutral"}),
        # a brand whose thing is wished for is ahead ("Jus need more perks like iPhone does" left Apple 0)
        ("Acme was well done. just need more perks like Delta does", {"Acme": "positive", "Delta": "positive"}),
        ("United needs legroom like Delta has", {"United": "neutral", "Delta": "positive"}),
        # (a likeness that wishes for nothing)
        ("United is like Delta, it has wifi", {"United": "neutral", "Delta": "neutral"}),
    ],
)
def test_a_brand_lacking_it_or_wished_like_is_behind_or_ahead(text, expected):
    rows, _ = long_rows([text])
    assert by_brand(rows, text) == expected
