"""Sentiment scoring: labels, thresholds, analyzers by name, identical texts scored once."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brandpulse.enrich import sentiment
from brandpulse.enrich.sentiment import get_analyzer, label, score_sentiment
from brandpulse.errors import ConfigError
from brandpulse.schema import STRING, strings_at


def frame(*texts):
    return pd.DataFrame({"text": pd.Series(texts, dtype="string")})


def test_label_thresholds():
    pol = pd.Series([0.5, 0.05, 0.0, -0.05, -0.06, np.nan])
    assert label(pol).tolist()[:5] == ["positive", "neutral", "neutral", "neutral", "negative"]
    assert pd.isna(label(pol).iloc[5])
    assert label(pol, positive=0.4, negative=-0.01).tolist()[:5] == [
        "positive",
        "neutral",
        "neutral",
        "negative",
        "negative",
    ]


def test_labels_keep_their_index_and_dtype():
    pol = pd.Series([0.9, np.nan, -0.9], index=[7, 3, 5])
    got = label(pol)
    assert got.index.tolist() == [7, 3, 5]
    assert got.dtype == STRING
    assert got.isna().tolist() == [False, True, False]
    assert strings_at(["a", "b"], np.array([1, -1, 0])).tolist()[::2] == ["b", "a"]
    assert strings_at([], np.array([], dtype=np.int64)).empty


def test_textblob_values():
    # TextBlob lexicon: "love" 0.5 polarity / 0.6 subjectivity; "terrible" -1.0 / 1.0
    out = score_sentiment(frame("I love it", "terrible service", "the flight leaves at 6"), "textblob")
    assert out["sentiment"].tolist() == pytest.approx([0.5, -1.0, 0.0])
    assert out["subjectivity"].tolist() == pytest.approx([0.6, 1.0, 0.0])
    assert out["sentiment_label"].tolist() == ["positive", "negative", "neutral"]


def test_vader_values():
    # VADER: "good" has valence 1.9; compound = 1.9 / sqrt(1.9^2 + 15) = 0.4404
    out = score_sentiment(frame("good", "flight at 6"), "vader")
    assert out["sentiment"].tolist() == pytest.approx([0.4404, 0.0], abs=1e-4)
    assert out["subjectivity"].isna().all()


def test_identical_texts_are_scored_once(monkeypatch):
    seen = []

    class Counting:
        name = "counting"

        def score(self, texts):
            seen.extend(texts)
            return np.arange(len(texts), dtype=float) / 10, np.zeros(len(texts))

    monkeypatch.setitem(sentiment.ANALYZERS, "counting", Counting)
    out = score_sentiment(frame("a", "b", "a", "a", "b", "c"), "counting")
    assert sorted(seen) == ["a", "b", "c"]
    assert out["sentiment"].tolist() == [0.0, 0.1, 0.0, 0.0, 0.1, 0.2]


@pytest.mark.parametrize("name", ["cx", "vader", "textblob"])
def test_an_empty_text_has_no_sentiment_rather_than_neutral(name):
    """A hand-built frame may hold empty texts (files reject them): nothing was said, so no score."""
    out = score_sentiment(pd.DataFrame({"text": ["", " \n", None, "I love it"]}), name)
    assert out["sentiment"].isna().tolist() == [True, True, True, False]
    assert out["sentiment_label"].isna().tolist() == [True, True, True, False]
    assert out["sentiment_label"].iloc[3] == "positive"


@pytest.mark.parametrize("name", ["model:", "cx:", "model: "])
def test_an_analyzer_naming_no_file_says_so(name):
    # `model:` said ".: no such model file", `cx:` ": no such config file"
    with pytest.raises(ConfigError, match=f"names no file: give {name.split(':')[0]}:FILE"):
        get_analyzer(name)


def test_a_model_that_is_a_folder_says_so(tmp_path):
    from brandpulse.errors import InputError

    with pytest.raises(InputError, match="is a folder, not a model file"):
        get_analyzer(f"model:{tmp_path}")


@pytest.mark.parametrize(("kind", "what"), [("model", "model file"), ("cx", "lexicon file")])
def test_a_missing_analyzer_file_is_an_input_error_whichever_its_kind(tmp_path, kind, what):
    """A missing `model:` file exited 4, a missing `cx:` lexicon 5 ("no such lexicon file" as a config error): both
    are a missing file, an input error (exit 4); what a lexicon holds stays a config error (exit 5)."""
    from click.testing import CliRunner

    from brandpulse.cli import main

    (tmp_path / "p.csv").write_text("id,text\n1,Acme is great\n")
    for missing, message in ((tmp_path / "gone", f"no such {what}"), (tmp_path, f"is a folder, not a {what}")):
        args = ["analyze", str(tmp_path / "p.csv"), "--brand", "Acme", "-f", "csv", "--sentiment", f"{kind}:{missing}"]
        result = CliRunner().invoke(main, args)
        assert (result.exit_code, result.stdout) == (4, "")
        assert result.stderr == f"brandpulse: error: {missing}: {message}\n"
    (tmp_path / "bad.toml").write_text("[words]\nbumped = 9\n")
    if kind == "cx":
        args = ["analyze", str(tmp_path / "p.csv"), "--brand", "Acme", "--sentiment", f"cx:{tmp_path / 'bad.toml'}"]
        assert CliRunner().invoke(main, args).exit_code == 5


def test_unknown_analyzer():
    with pytest.raises(ConfigError, match="unknown sentiment analyzer 'nope' \\(known: .*textblob.*vader"):
        get_analyzer("nope")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"a .!\n\r\t", "\n\n", "é", "😀", "\u00a0", "\u0085", "\u2028", "\u3000", "\u200b"]))
       .map("".join))  # fmt: skip
def test_re2_substitutions_equal_pythons(text):
    """fast_textblob runs find_tokens' non-ASCII whitespace substitution in RE2 over UTF-8 bytes."""
    import re

    from brandpulse.enrich.fast_textblob import _NON_ASCII_SPACE, _re2_sub

    data = text.encode()
    spaces = b"|".join(re.escape(c.encode()) for c in map(chr, range(0x80, 0x3001)) if c.isspace())
    assert _re2_sub(data, _NON_ASCII_SPACE, " ") == re.sub(spaces, b" ", data)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"a '\"", *"“”‘’", "é", "😀", "\u201a", "\u2018\u2019"])).map("".join))
def test_quotes_spaced_in_one_pass_as_one_by_one(text):
    """fast_textblob spaces find_tokens' typographic quotes in one RE2 pass: as a str.replace per quote."""
    from brandpulse.enrich.fast_textblob import _QUOTES, _space_quotes

    expected = text
    for q in _QUOTES:
        expected = expected.replace(q, f" {q} ")
    assert _space_quotes(text.encode()) == expected.encode()


def test_the_built_in_cx_analyzer_is_made_once_and_an_own_lexicon_apart(tmp_path):
    """cx took 0.2 s to build, and an `analyze` of a frame built it twice (its posts, then each brand's clauses): a
    library user's loop over batches paid it each time. One is made per process; `cx:FILE` is still one of its own,
    and naming it leaves the built-in one's name alone."""
    assert get_analyzer("cx") is get_analyzer("cx")
    (tmp_path / "own.toml").write_text('version = "own"\n[words]\nbumped = -2.0\n', encoding="utf-8")
    own = get_analyzer(f"cx:{tmp_path / 'own.toml'}")
    assert own is not get_analyzer("cx") and own.name == f"cx:{tmp_path / 'own.toml'}"
    assert get_analyzer("cx").name == "cx" and get_analyzer("cx").score(["got bumped"])[0][0] == 0
    assert own.score(["got bumped"])[0][0] < 0


def test_a_token_cache_cleared_by_another_thread_loses_no_token():
    """Review of stop 45: `cx` is one analyzer per process, its token cache shared by the threads of a library user
    (or a threaded Dask worker). A token's infos were read back from the cache after it was filled: another thread
    clearing it (at its limit) in between raised a KeyError. The clear is made to fall exactly there."""
    from brandpulse.enrich.fast_vader import FastVader

    class ClearedAfterUpdate(dict):
        def update(self, *args, **kwargs):
            super().update(*args, **kwargs)
            self.clear()  # (what another thread's `cache.clear()` does at that moment)

    texts = ["the service was great", "not good at all, terrible", "meh"]
    fast = FastVader()
    fast._tok_cache = ClearedAfterUpdate()
    assert [fast.compound(t) for t in texts] == [FastVader().compound(t) for t in texts]


def test_a_textblob_token_cache_cleared_by_another_thread_loses_no_token():
    """Review of stop 45: `textblob`'s fast path read a token's entry back from its caches after filling them, as `cx`
    did: another thread clearing them (at their limit) in between raised a KeyError. The clear is made to fall there,
    in its cache of whitespace tokens and in its cache of words."""
    from brandpulse.enrich.fast_textblob import FastTextBlob

    class ClearedAfterUpdate(dict):
        def update(self, *args, **kwargs):
            super().update(*args, **kwargs)
            self.clear()  # (what another thread's `cache.clear()` does at that moment)

    texts = ["The service was great!", '"not good at all," terrible...', "meh :)", "great great"]
    expected = [FastTextBlob().score_one(t) for t in texts]
    for cache in ("_raw_cache", "_word_cache"):
        fast = FastTextBlob()
        setattr(fast, cache, ClearedAfterUpdate())
        assert [fast.score_one(t) for t in texts] == expected, cache
