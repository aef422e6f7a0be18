"""--explain: the words and rules behind each score, for cx, VADER and TextBlob."""

import re

import pandas as pd
import pytest
from click.testing import CliRunner

from brandpulse.cli import main
from brandpulse.enrich.explain import explain_texts


def test_cx_explains_words_negation_emoji_and_rules():
    (why,) = explain_texts("cx", ["not delayed at all but the crew was rude 🤬"])
    assert "delayed +" in why and "negated" in why  # -1.6 flipped by "not"
    assert "rude -" in why
    assert "🤬 -4.50 (cx, boosted)" in why  # -3.0 times 1.5 after "but"
    assert "contrast 'but'" in why


def test_cx_tells_a_negated_word_from_one_sarcasm_turned():
    (why,) = explain_texts("cx", ["nothing says relaxing holiday like an airline losing your luggage. thanks so much"])
    assert "relaxing -1.63 (negated);" in why  # 2.2 negated by "nothing" (x -0.74): sarcasm leaves it alone
    assert "thanks_so_much -1.44 (cx, sarcasm)" in why  # 2.4 x -0.6
    (why,) = explain_texts("cx", ["great, another delay. not bad"])
    assert "bad -1.11 (negated, sarcasm)" in why  # -2.5 x -0.74 x -0.6


def test_cx_says_which_emoji_it_read_as_words():
    # VADER's emoji table turns 😍 into "smiling face with heart-eyes" ("smiling" is +2.0 in its lexicon);
    # 🤬 is one of cx's own emoji, shown as itself
    (why,) = explain_texts("cx", ["the app is good 😍🤬"])
    assert "smiling +2.00" in why
    assert "| emoji read as words: 😍 as 'smiling face with heart-eyes' | score" in why
    assert "🤬 -" in why and "🤬 as" not in why
    (plain,) = explain_texts("cx", ["the app is good"])
    assert "emoji" not in plain


def test_the_emphasis_of_exclamation_and_question_marks_is_shown():
    """VADER adds 0.292 per "!" (up to 4) and 0.18 per "?" (2 or 3) to the sum: the explanation said only
    "great +3.10" for "great!!!", which gives +0.604, not the +0.701 shown beside it."""
    (why,) = explain_texts("cx", ["Acme is great!!!"])
    assert why == "great +3.10 | rules: emphasis '!' x3 +0.88 | score +0.701"
    (why,) = explain_texts("cx", ["why is Acme so bad??"])
    assert "emphasis '?' x2 -0.36 | score" in why  # away from 0, as the sum is negative
    (why,) = explain_texts("vader", ["Acme is great!!!"])
    assert why == "great +3.1 | rules: emphasis '!' x3 +0.88 | score +0.716"
    (why,) = explain_texts("cx", ["is Acme open today??"])
    assert "emphasis" not in why  # a sum of 0 stays 0


def test_vader_and_textblob_list_the_lexicon_words_that_fired():
    (vader,) = explain_texts("vader", ["not a good delay"])
    assert "not (negation)" in vader and "good +1.9" in vader and "delay -1.3" in vader
    (blob,) = explain_texts("textblob", ["a terrible day"])
    assert "terrible -1.00" in blob


def test_analyze_explain_column(tmp_path):
    src = tmp_path / "posts.csv"
    pd.DataFrame({"text": ["great, another delay", "thanks for the upgrade"]}).to_csv(src, index=False)
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(main, ["analyze", str(src), "--explain", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    rows = pd.read_csv(out)
    assert "sarcasm" in rows.loc[0, "explain"]
    assert rows.loc[0, "sentiment_label"] == "negative"
    assert "thanks +" in rows.loc[1, "explain"]


def test_analyze_explain_says_a_post_was_not_scored(tmp_path):
    """A German post gets no score from an English analyzer: its explanation must not show one."""
    src = tmp_path / "posts.csv"
    texts = ["Der Service war schrecklich und langsam, nie wieder", "The service was terrible"]
    pd.DataFrame({"text": texts}).to_csv(src, index=False)
    out = tmp_path / "out.csv"
    assert CliRunner().invoke(main, ["analyze", str(src), "--explain", "-o", str(out), "-q"]).exit_code == 0
    rows = pd.read_csv(out)
    assert pd.isna(rows.loc[0, "sentiment"])
    assert rows.loc[0, "explain"] == "not scored: language de (the analyzer reads English)"
    assert rows.loc[1, "explain"].startswith("terrible -")


def test_explain_says_a_post_without_text_was_not_scored_for_that():
    """An empty text is unscored whatever its language; it was "not scored: language ?". (`analyze` of a frame leaves
    such posts out, as the loaders reject them: the steps after it, on posts as they are.)"""
    from brandpulse.config import Config
    from brandpulse.enrich.explain import add_explanations
    from brandpulse.pipeline import analyze_posts
    from brandpulse.schema import conform

    df = pd.DataFrame({"text": [None, "  ", "The service was terrible"], "lang": [None, "de", None]})
    rows = add_explanations(analyze_posts(conform(df), Config()), "cx")
    assert rows["explain"].tolist()[:2] == ["not scored: no text"] * 2


def test_evaluate_explain_writes_per_analyzer_column(tmp_path):
    src = tmp_path / "labelled.csv"
    pd.DataFrame({"text": ["great, another delay", "lovely crew"], "y": ["negative", "positive"]}).to_csv(
        src, index=False
    )
    preds = tmp_path / "preds.csv"
    args = ["evaluate", str(src), "--label-column", "y", "--sentiment", "vader,cx", "--explain"]
    result = CliRunner().invoke(main, [*args, "--predictions", str(preds), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    p = pd.read_csv(preds)
    assert {"vader_explain", "cx_explain"} <= set(p.columns)
    assert p.loc[0, "vader_label"] == "positive"  # VADER reads the sarcasm as praise
    assert p.loc[0, "cx_label"] == "negative"
    assert "sarcasm" in p.loc[0, "cx_explain"]


def test_the_explain_table_explains_a_post_in_both_lists_once(tmp_path):
    """A post naming several brands, negative for one and positive for the other, is among the most negative
    and the most positive posts: `--explain` listed it twice."""
    src = tmp_path / "posts.csv"
    texts = ["switched from Skyway to Aerolux, best decision ever", "Skyway is great, friendly crew"]
    pd.DataFrame({"text": texts}).to_csv(src, index=False)
    args = ["analyze", str(src), "--brand", "Skyway", "--brand", "Aerolux", "--explain", "-f", "table"]
    result = CliRunner().invoke(main, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    negative, positive, why = re.split("Most positive posts|Why these scores", result.stdout.split("Most negative")[1])
    assert texts[0] in negative and texts[0] in positive and texts[1] in positive
    assert why.count(texts[0]) == 1 and why.count(texts[1]) == 1
    assert "post sentiment" in why


def test_the_explain_table_gives_a_post_naming_several_brands_their_own_rules_and_scores(tmp_path):
    """ "Why these scores" explained the post's overall score alone: "switched from Skyway to Aerolux, best decision
    ever" showed +0.50 and its words beside a Skyway score of -0.50 nothing explained. Each brand's rule and score
    now follow (as `--per-brand --explain` writes them in `brand_explain`); a post naming one brand has none."""
    src = tmp_path / "posts.csv"
    texts = ["switched from Skyway to Aerolux, best decision ever", "Skyway is great, friendly crew"]
    pd.DataFrame({"text": texts}).to_csv(src, index=False)
    args = ["analyze", str(src), "--brand", "Skyway", "--brand", "Aerolux"]
    result = CliRunner().invoke(main, [*args, "--explain", "-f", "table"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.stderr
    why = result.stdout.split("Why these scores")[1]
    assert CliRunner().invoke(main, [*args, "-o", str(tmp_path / "out.csv"), "-q"]).exit_code == 0
    own = pd.read_csv(tmp_path / "out.csv")["brand_sentiments"].tolist()  # (the scores the rows have)
    assert own[0].startswith("Skyway=-") and own[0].split(";")[1].startswith("Aerolux=0.") and pd.isna(own[1])
    skyway, aerolux = (float(pair.split("=")[1]) for pair in own[0].split(";"))
    assert f"Skyway: left for another brand | score {skyway:+.3f}" in why
    assert f"Aerolux: chosen instead of another brand | score {aerolux:+.3f}" in why
    assert why.count("Skyway:") == 1  # (the one-brand post: its own explanation alone)


def test_the_librarys_analyze_explains_the_scores_it_gave():
    """A notebook had no `explain` (the CLI's --explain only): `analyze(..., explain=True)` adds the column, each
    explanation ending with the post's own score, the brand's name "Good Eats" no sentiment word in either."""
    import brandpulse

    config = brandpulse.Config(brands=[brandpulse.Brand("Good Eats", ["Good Eats"])])
    posts = pd.DataFrame({"text": ["Good Eats was awful", "thanks for nothing", "Hola, muy bien"], "lang": "en"})
    posts.loc[2, "lang"] = "es"
    out = brandpulse.analyze(posts, config, explain=True)
    assert "explain" not in brandpulse.analyze(posts, config).columns
    first, second, spanish = out["explain"].tolist()
    # (the name masked, as in the score: listed as the brand's name, +0.00, since cx lists masked names)
    assert first.startswith("Good +0.00 (brand name); Eats +0.00 (brand name); awful -")
    assert first.endswith(f"score {out['sentiment'][0]:+.3f}") and out["sentiment"][0] < -0.05
    assert "thanks_for_nothing" in second and second.endswith(f"score {out['sentiment'][1]:+.3f}")
    assert spanish.startswith("not scored: language es")


def test_the_library_explains_the_posts_the_terminal_lists_with_their_brands_own_scores():
    """`analyze --explain`'s "Why these scores" had no library call: a notebook's `extreme_posts` rows could be
    explained by `analyze(..., explain=True)`, but not a post naming several brands' own scores (`brand_explain`)."""
    import brandpulse

    brands = [brandpulse.Brand("Skyway", ["Skyway"]), brandpulse.Brand("Aerolux", ["Aerolux"])]
    config = brandpulse.Config(brands=brands)
    texts = ["switched from Skyway to Aerolux, best decision ever", "Skyway is great, friendly crew", "a cup of tea"]
    enriched = brandpulse.analyze(pd.DataFrame({"text": texts}), config)
    negative, positive = brandpulse.extreme_posts(enriched, 5, config=config)
    why = brandpulse.explain_scores(positive, config)
    assert list(why.columns) == [*positive.columns, "explain", "brand_explain"]
    why = why.set_index("text").loc[texts[:2]]  # (the two posts naming a brand)
    skyway, aerolux = (float(pair.split("=")[1]) for pair in why["brand_sentiments"].iloc[0].split(";"))
    assert skyway < -0.05 < 0.05 < aerolux  # (the post's own score is positive: the two brands' are not both it)
    assert why["brand_explain"].tolist() == [
        f"Skyway: left for another brand | score {skyway:+.3f}\nAerolux: chosen instead of another brand | "
        f"score {aerolux:+.3f}",
        "",  # a post naming one brand: its explanation is the post's
    ]
    # the post's words, as analyze(explain=True) gives them, and with the analyzer it was scored by
    explained = brandpulse.analyze(pd.DataFrame({"text": texts}), config, explain=True)["explain"]
    assert why["explain"].tolist() == explained[:2].tolist()
    great = why["explain"].iloc[1]
    assert great.startswith("great +") and great.endswith(f"score {why['sentiment'].iloc[1]:+.3f}")
    vader = brandpulse.explain_scores(positive, config, sentiment="vader").set_index("text")["explain"][texts[1]]
    assert vader != great and "great" in vader


def test_explain_scores_without_the_config_analyze_was_given_names_it_not_a_numpy_error():
    """`explain_scores(rows)` of rows naming two brands, with no config (or one without them), failed in numpy
    ("attempt to get argmax of an empty sequence"): the brands its rows name are the config's to explain."""
    import brandpulse
    from brandpulse.errors import ConfigError

    config = brandpulse.Config(
        brands=[brandpulse.Brand("Skyway", ["Skyway"]), brandpulse.Brand("Aerolux", ["Aerolux"])]
    )
    enriched = brandpulse.analyze(
        pd.DataFrame({"text": ["switched from Skyway to Aerolux, best decision ever"]}), config
    )
    for other in (None, brandpulse.Config(brands=[brandpulse.Brand("Skyway", ["Skyway"])])):
        with pytest.raises(ConfigError, match=r"brands the config does not know.*'Aerolux' \(1\).*config analyze"):
            brandpulse.explain_scores(enriched, other)
    # rows without brands need none
    plain = brandpulse.analyze(pd.DataFrame({"text": ["love it", "awful"]}))
    assert brandpulse.explain_scores(plain)["brand_explain"].tolist() == ["", ""]


def test_explain_scores_leaves_an_unscored_posts_brands_unexplained():
    """`explain_scores` filled `brand_explain` ("Skyway: left for another brand | score -0.500") for a row whose
    sentiment is empty (NaN: a post in a language the analyzer does not read), beside its "not scored"."""
    import numpy as np

    import brandpulse

    config = brandpulse.Config(
        brands=[brandpulse.Brand("Skyway", ["Skyway"]), brandpulse.Brand("Aerolux", ["Aerolux"])]
    )
    text = "switched from Skyway to Aerolux, best decision ever"
    enriched = brandpulse.analyze(pd.DataFrame({"text": [text, text]}), config)
    assert enriched["brand_sentiments"].notna().all()  # (both scored, each brand its own score)
    enriched.loc[1, "sentiment"] = np.nan  # the second, as a frame that left a language unscored has it
    why = brandpulse.explain_scores(enriched, config)
    assert why["brand_explain"][0].startswith("Skyway: left for another brand | score -")
    assert why["explain"][1] == "not scored"
    assert why["brand_explain"][1] == ""
