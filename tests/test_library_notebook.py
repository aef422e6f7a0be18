"""The library as a data analyst's notebook calls it: messages name the keywords a notebook passes, not the CLI's
flags, and a frame built by hand is left as it was."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import brandpulse
from brandpulse.enrich.brands import match_brands
from brandpulse.enrich.topics import tag_topics
from brandpulse.errors import InputError


def test_a_files_mapping_to_a_missing_column_names_the_keyword_not_the_flag(tmp_path):
    """`read(FILE, mapping={"text": "Body"})` said `--map text=Body`, a flag no notebook passes (a frame's said
    `mapping {...}` already)."""
    path = tmp_path / "posts.csv"
    path.write_text("id,Text,text,content\n1,a,b,c\n")
    with pytest.raises(InputError) as missing:
        brandpulse.read(path, mapping={"text": "Body"})
    assert str(missing.value) == (
        f"{path}: mapping {{'text': 'Body'}}: no column 'Body' (columns: id, Text, text, content)"
    )
    with pytest.raises(InputError) as both:
        brandpulse.read(path, mapping={"text": "TEXT"})
    assert "--map" not in str(both.value) and "e.g. mapping={'text': 'Text'}" in str(both.value)
    assert brandpulse.read(path, mapping={"text": "content"}).posts["text"].tolist() == ["c"]


class _Scores:
    """An analyzer of one's own, as a notebook writes it: `score` gives what `make` makes of the texts."""

    def __init__(self, make):
        self.make = make

    def score(self, texts):
        return self.make(texts)


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda t: ([0.5] * len(t), [0.0] * len(t)), r"gave \(list \(3,\), list \(3,\)\) for 3 texts"),
        (lambda t: (np.zeros(1), np.zeros(1)), r"gave \(ndarray \(1,\), ndarray \(1,\)\) for 3 texts"),
        (lambda t: np.zeros(len(t)), r"gave one ndarray for 3 texts"),
    ],
)
def test_an_analyzer_of_ones_own_that_scores_wrongly_is_named_as_such(make, said):
    """A `score` giving lists, too few scores or one array failed in numpy ("only integer scalar arrays can be
    converted to a scalar index", "zip() argument 2 is shorter than argument 1", "too many indices for array")."""
    posts = pd.DataFrame({"text": ["Delta is great", "Delta is awful", "meh"], "label": ["pos", "neg", "neu"]})
    config = brandpulse.Config(brands=[brandpulse.Brand("Delta", ["Delta"])])
    calls = [
        lambda a: brandpulse.analyze(posts, config, sentiment=a),  # (its brands' names tried first: 3 texts)
        lambda a: brandpulse.analyze(posts, brandpulse.Config(), sentiment=a),  # (the 3 posts)
        lambda a: brandpulse.explain_scores(brandpulse.analyze(posts, config), config, sentiment=a),
        lambda a: brandpulse.evaluate_sentiment(posts, "label", ["vader", a]),
    ]
    for call in calls:
        with pytest.raises(TypeError, match=f"^_Scores.score\\(texts\\) {said}: it must return \\(polarity, "):
            call(_Scores(make))


def test_an_analyzer_of_ones_own_needs_no_name():
    """One without a `name` was "AttributeError: '_Scores' object has no attribute 'name'"; it is named by its class,
    as the rows' provenance names it, and reads every language."""
    posts = pd.DataFrame({"text": ["Delta is great", "Delta est nul"], "lang": ["en", "fr"], "label": ["pos", "neg"]})
    fixed = _Scores(lambda t: (np.full(len(t), -0.5), np.full(len(t), np.nan)))
    rows = brandpulse.analyze(posts, brandpulse.Config(), sentiment=fixed)
    assert rows["sentiment"].tolist() == [-0.5, -0.5] and rows["sentiment_label"].tolist() == ["negative"] * 2
    table = brandpulse.evaluate_sentiment(posts, "label", fixed).table()
    assert table["analyzer"].tolist() == ["_Scores"] and table["accuracy"].tolist() == [0.5]


def _by_word(scores: dict[str, object], subjectivity: object = np.nan, dtype: object = None):
    """An analyzer scoring a text by the first of `scores`' words it holds (0.1 for none)."""

    def make(texts):
        pol = np.array([next((v for w, v in scores.items() if w in t), 0.1) for t in texts], dtype=dtype)
        return pol, np.full(len(texts), subjectivity)

    return _Scores(make)


@pytest.mark.parametrize(
    ("analyzer", "error", "said"),
    [
        # "great" scored 5: the post was "positive" at 5.0, and its brand's score 5 too
        (
            _by_word({"great": 5.0}),
            ValueError,
            "polarity 5.0 at position 0, for 'Delta is great': polarity must be "
            "from -1 to 1, NaN for a text it does not score",
        ),
        (_by_word({"awful": -np.inf}), ValueError, "polarity -inf at position 1, for 'Delta is awful': polarity"),
        (
            _by_word({"great": 1.5, "awful": -2.0}),
            ValueError,
            "polarity 1.5 at position 0, for 'Delta is great' (and 1 more): ",
        ),
        (
            _by_word({}, subjectivity=1.2),
            ValueError,
            "subjectivity 1.2 at position 0, for 'Delta is great' (and 2 more): subjectivity must be from 0 to 1",
        ),
        (
            _by_word({"awful": "negative"}, dtype=object),
            TypeError,
            "polarity 'negative' (str) at position 1, for "
            "'Delta is awful': polarity must be numbers (NaN for a text it does not score)",
        ),
        (_by_word({"awful": None}, dtype=object), TypeError, "polarity None (NoneType) at position 1"),
        (_by_word({}, dtype=str), TypeError, "polarity '0.1' (str) at position 0, for 'Delta is great'"),
        (_by_word({"great": 0.9}, dtype=object), TypeError, "polarity as an array of object: make it floats"),
    ],
)
def test_an_analyzer_of_ones_own_that_gives_no_score_in_range_is_named_with_the_text(analyzer, error, said):
    """A score outside -1..1 (subjectivity 0..1), inf, or a string was taken as it was: `analyze` labelled a post
    "positive" at 5.0 and gave its brand 5.0 (a string failed in numpy, or was read as a number)."""
    posts = pd.DataFrame({"text": ["Delta is great", "Delta is awful", "meh"], "label": ["pos", "neg", "neu"]})
    calls = [
        lambda a: brandpulse.analyze(posts, brandpulse.Config(), sentiment=a),
        lambda a: brandpulse.evaluate_sentiment(posts, "label", ["vader", a]),
    ]
    for call in calls:
        with pytest.raises(error) as raised:
            call(analyzer)
        assert str(raised.value).startswith(f"_Scores.score(texts) gave {said}")


def test_the_neither_nor_clause_is_scored_through_the_same_check():
    """Per-brand's "neither A nor B ..." reading scored its clause with `analyzer.score` unchecked, the one path
    `scored()` did not guard (review of stop 57): a score of 5 was taken as a complaint denied or not."""
    from brandpulse.enrich.brand_sentiment import _denied

    with pytest.raises(ValueError, match=r"polarity 5\.0 at position 0, for '\s*Delta\s+United lost my bag'"):
        _denied({0: "Neither Delta nor United lost my bag"}, _by_word({"lost": 5.0}))
    assert _denied({0: "Neither Delta nor United lost my bag"}, _by_word({"lost": -0.5})) == {0: True}


def test_an_analyzer_of_ones_own_leaves_a_text_unscored_with_nan_as_the_built_in_ones_do():
    """NaN is no score, as a built-in analyzer leaves a post in a language it does not read: no label, and no brand
    score; the others are scored."""
    posts = pd.DataFrame(
        {"text": ["Delta and Acme are great", "Delta meh", "Acme est nul"], "lang": ["en", "en", "fr"]}
    )
    config = brandpulse.Config(brands=[brandpulse.Brand("Delta", ["Delta"]), brandpulse.Brand("Acme", ["Acme"])])
    rows = brandpulse.analyze(posts, config, sentiment=_by_word({"meh": np.nan, "nul": -0.5, "great": 0.5}))
    assert rows["sentiment"].tolist()[0::2] == [0.5, -0.5] and np.isnan(rows["sentiment"].iloc[1])
    assert rows["sentiment_label"].fillna("-").tolist() == ["positive", "-", "negative"]
    assert rows["brand_sentiments"].isna().tolist() == [False, True, True]
    french = brandpulse.analyze(posts, config, sentiment="vader")  # (VADER's unscored post: the same NaN, no label)
    assert np.isnan(french["sentiment"].iloc[2]) and pd.isna(french["sentiment_label"].iloc[2])


def test_the_pipeline_steps_given_the_config_say_which_of_its_lists_they_take():
    """`match_brands(df, config)` and `tag_topics(df, config)` were "'Config' object is not iterable"."""
    config = brandpulse.Config(brands=[brandpulse.Brand("Delta", ["Delta"])], topics=[brandpulse.Topic("bags", "bag")])
    posts = pd.DataFrame({"text": ["Delta lost my bag", "hello"]}, index=[7, 3])
    with pytest.raises(TypeError, match=re.escape("takes the config's brands: match_brands(df, config.brands)")):
        match_brands(posts, config)
    with pytest.raises(TypeError, match=re.escape("tag_topics(df, config.topics, config.brands)")):
        tag_topics(posts, config)
    tagged = tag_topics(match_brands(posts, config.brands), config.topics, config.brands)
    assert tagged.index.tolist() == [7, 3] and tagged[["brands", "topics"]].values.tolist() == [
        ["Delta", "bags"],
        ["", ""],
    ]
    assert posts.columns.tolist() == ["text"]  # (each step adds its columns to a copy)


@pytest.mark.parametrize("name", ["cx", "vader", "textblob", "vader-reference"])
def test_an_analyzers_score_takes_a_list_of_texts_not_one_text_nor_missing_ones(name):
    """`score("one text")` gave 8 scores, one per character (a str is iterable); a None or NaN among the texts was
    the analyzer's own error from deep inside ("'NoneType' object has no attribute 'isascii'")."""
    analyzer = brandpulse.enrich.sentiment.get_analyzer(name)
    with pytest.raises(TypeError, match=re.escape("score() takes a list of texts; got a str: wrap it as [text]")):
        analyzer.score("one text")
    with pytest.raises(TypeError, match=r"position 1 is None \(NoneType\), not a str"):
        analyzer.score(["ok", None])
    with pytest.raises(TypeError, match=r"position 2 is nan \(float\), not a str"):
        analyzer.score(["ok", "fine", float("nan")])
    pol, _ = analyzer.score(["one text"])
    assert pol.shape == (1,)


def test_score_sentiment_says_it_takes_a_frame_not_a_list_of_texts():
    """A list was pandas' "Index(...) must be called with a collection of some kind"."""
    from brandpulse.enrich.sentiment import score_sentiment

    with pytest.raises(TypeError, match=r"^score_sentiment\(\) takes a DataFrame with a 'text' column .* not list$"):
        score_sentiment(["great flight", "awful flight"])
    rows = score_sentiment(pd.DataFrame({"text": ["great flight", "awful flight"]}))
    assert rows["sentiment_label"].tolist() == ["positive", "negative"]


def test_a_function_as_the_analyzer_is_told_how_to_wrap_it_and_wrapped_it_scores():
    """`sentiment=f`, a function of texts, was "not function", no word of what to give instead."""
    import types

    posts = pd.DataFrame({"text": ["Delta ok", "meh"]})

    def f(texts):
        return np.full(len(texts), -0.3), np.full(len(texts), np.nan)

    with pytest.raises(TypeError) as raised:
        brandpulse.analyze(posts, brandpulse.Config(), sentiment=f)
    assert str(raised.value).endswith("not function: wrap a function f as types.SimpleNamespace(name='mine', score=f)")
    rows = brandpulse.analyze(posts, brandpulse.Config(), sentiment=types.SimpleNamespace(name="mine", score=f))
    assert rows["sentiment"].tolist() == [-0.3, -0.3] and rows["sentiment_label"].tolist() == ["negative"] * 2


@pytest.mark.parametrize(("name", "close"), [("Vader", "vader"), ("CX", "cx"), ("vadr", "vader"), ("bogus", None)])
def test_an_analyzer_name_in_another_case_or_misspelt_says_the_close_one(name, close):
    """`sentiment="Vader"` listed the known names without saying which one was meant."""
    with pytest.raises(brandpulse.errors.ConfigError) as raised:
        brandpulse.analyze(pd.DataFrame({"text": ["x"]}), brandpulse.Config(), sentiment=name)
    hint = f", did you mean {close!r}?" if close else ""
    assert str(raised.value).startswith(f"unknown sentiment analyzer {name!r}{hint} (known: cx, cx-reference, ")


def test_drop_duplicates_names_its_keep_values():
    """`keep="latest"` was pandas' `keep must be either "first", "last" or False`, of no function of brandpulse's."""
    posts = pd.DataFrame({"post_id": ["1", "1"], "platform": "x", "text": ["a", "a edited"]})
    with pytest.raises(ValueError, match=r"^drop_duplicates\(\) takes keep='first' or keep='last', not 'latest'$"):
        brandpulse.drop_duplicates(posts, keep="latest")
    assert brandpulse.drop_duplicates(posts, keep="last")["text"].tolist() == ["a edited"]
