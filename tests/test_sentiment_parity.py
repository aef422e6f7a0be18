"""The fast `textblob`/`vader` analyzers must give the reference libraries' numbers exactly.

Hand-checked values and hostile strings always run; the corpus parity test runs when the
shared data sets are present (BRANDPULSE_SHARED_DATA, or ../shared/data next to the repo).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from conftest import parity_texts, shared_data
from hypothesis import given, settings
from hypothesis import strategies as st

from brandpulse.enrich.fast_textblob import FastTextBlob, load_lexicon
from brandpulse.enrich.fast_vader import FastVader
from brandpulse.enrich.sentiment import ANALYZERS, TextBlobReferenceAnalyzer, get_analyzer, score_sentiment
from brandpulse.enrich.text import _LINE_END, line_ends

TOL = 1e-9
REPO = Path(__file__).resolve().parents[1]

HOSTILE = [
    "",
    " ",
    "\t\n\r\n\n  ",
    "😀",
    "😀😀😀",
    "😀great😀 😡 ",
    "👨\u200d👩\u200d👧\u200d👦",  # ZWJ family
    "👍🏽 great",  # skin-tone modifier
    "I ❤️ it",  # variation selector
    "☺️☹️",
    "🏳️\u200d🌈 love",
    "\x00",
    "good\x00bad",
    "not\x00 good \x00",
    "\ud800",  # lone surrogates
    "great \udfff day \udbff",
    "это хорошо",
    "これは素晴らしい",
    "رائع جدا",
    "İstanbul ΣΑΣ good ǅ ß",
    "GREAT!!! but NOT good???",
    "not bad at all",
    "no no good",
    "never so good",
    "without a doubt good",
    "the shit",
    "kind of good",
    "at least good",
    "least good",
    "it's (!) great :o) XD <3 ♥ : ) 18)",
    "I don't like it. :-( ... Really?! \"Yes\" 'no' ‘ok’ “fine”",
    "hello\r\n\r\nworld good END-OF-SENTENCE bad",
    # blank lines end sentences: no regex may match across them, and the marker is dropped
    'good :\n\n) bad\n\n\n:-\r\n\r\n) (\n\n!) great!\n\n"yes" "no\n\n" Mr.\n\nSmith ok.\n\n\'',
    "END-OF-SENTENCE\n\n:) . \n\n END-OF-SENTENCE good\n\nnot\n\nbad",
    "not\n\nbad",
    "very\n\n\ngood!\n\n",
    "great.\n\n\"yes\" 'bad'\n\n' ok",
    "e.g.\n\nMr.\n\ngood",
    ":\n\n)",
    "e.g. Mr. Smith vs. U.S. ... great!!!",
    "\ue000 good \ue000",  # a private-use code point (once an internal separator)
    "good\x01bad \x02 great\x03",  # control bytes the batch tokenizers may join texts with
    "GOOD\x1cbad\x1dNOT\x1egreat\x1fday",  # ASCII whitespace to str.split() only
    "good\u00a0bad\u2003NOT\u3000great\x85day\u2028ok",  # non-ASCII whitespace
    "\u212aind of good",  # KELVIN SIGN lower-cases to ASCII "k"
    "ÉTÉ GREAT but not GOOD",  # non-ASCII upper case counts for the caps rule
    "so good" + "!" * 40 + " and (((((((((((((((((((((great)))))))))))))))))))) " + "." * 30,  # long punctuation runs
    "(" * 7 + "good" + ")" * 8 + " " + '"' * 9 + "bad" + "?" * 9 + " " + "!" * 5000,  # around the byte-at-a-time limit
    "GREAT!? sort of good, kind of bad; the shit, the bomb, yeah right... just enough",
    "no no no good, never so good, without doubt good, at least good, very least bad",
    "it isn't good. it wasn't bad. DON'T love it. 'n't good",
    ". #. (!) ... U.S. Mr. e.g. good.) !!! #great @user: x. A.B.C. Dr great.. ok.!",
    ":-) x-D 8-) o.O > :) : ) ;-] <3 ♥ XD xD :D :d =) good:) bad :( (great) [bad] {ok}",
    "but",
    "good but but bad",
    "x" * 100_000,
    ("lorem ipsum dolor sit amet, consectetur " * 2600)[:100_000] + " great",
    ("I really LOVE this, but the price is not good!!! :) " * 160)[:8_000],
]


def textblob_reference(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    from textblob import TextBlob

    pairs = [TextBlob(t).sentiment for t in texts]
    return np.array([p.polarity for p in pairs]), np.array([p.subjectivity for p in pairs])


def vader_reference(texts: list[str]) -> np.ndarray:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sia = SentimentIntensityAnalyzer()
    return np.array([sia.polarity_scores(t)["compound"] for t in texts])


def assert_parity(texts: list[str]) -> dict[str, float]:
    pol, sub = FastTextBlob().score(texts)
    rpol, rsub = textblob_reference(texts)
    comp, nan = FastVader().score(texts)
    rcomp = vader_reference(texts)
    assert np.isnan(nan).all()
    diffs = {
        "textblob polarity": float(np.max(np.abs(pol - rpol), initial=0.0)),
        "textblob subjectivity": float(np.max(np.abs(sub - rsub), initial=0.0)),
        "vader compound": float(np.max(np.abs(comp - rcomp), initial=0.0)),
    }
    for name, (got, ref) in {
        "textblob polarity": (pol, rpol),
        "textblob subjectivity": (sub, rsub),
        "vader compound": (comp, rcomp),
    }.items():
        bad = np.flatnonzero(~(np.abs(got - ref) <= TOL))
        assert not len(bad), (
            f"{name}: {len(bad)} mismatches, first {texts[bad[0]][:200]!r}: {got[bad[0]]} vs {ref[bad[0]]}"
        )
    return diffs


# -- always-run tests -----------------------------------------------------------------------


def test_registry() -> None:
    assert {"textblob", "vader", "cx", "textblob-reference", "vader-reference", "cx-reference"} <= set(ANALYZERS)
    assert type(get_analyzer("textblob")._impl) is FastTextBlob
    assert type(get_analyzer("vader")._impl) is FastVader


def test_non_ascii_spaces_are_those_str_split_splits_on() -> None:
    from brandpulse.enrich.fast_vader import NON_ASCII_SPACES

    found = "".join(c for c in map(chr, range(0x80, sys.maxunicode + 1)) if c.isspace())
    assert found == NON_ASCII_SPACES
    assert all(f"a{c}b".split() == ["a", "b"] for c in NON_ASCII_SPACES)  # what the tokenizers rely on


def test_lexicon_matches_textblob_loader() -> None:
    from textblob.en import sentiment

    if not dict.__len__(sentiment):
        sentiment.load()
    ref = {w: tuple(pos[None]) for w, pos in dict.items(sentiment)}
    ours = load_lexicon()
    assert {w: v[:3] for w, v in ours.items()} == ref
    assert all(v[3] == ("RB" in dict.__getitem__(sentiment, w)) for w, v in ours.items())


# Values worked out by hand from en-sentiment.xml:
#   love: 3 VB senses, all (0.5, 0.6)
#   great: 4 JJ senses -> p (1+1+.4+.8)/4 = .8, s (1+1+.2+.8)/4 = .75
#   very: RB (0.2, 0.3, intensity 1.3)
#   terrible: 4 JJ senses, all (-1.0, 1.0); ":(" frown = -0.75
TEXTBLOB_CASES = [
    ("I love this", 0.5, 0.6),
    ("This is great", 0.8, 0.75),
    ("not great", 0.8 * -0.5, 0.75),  # negation: polarity * -0.5
    ("very great", 1.0, 0.75 * 1.3),  # intensifier: .8*1.3 clamped to 1
    ("great!", 1.0, 0.75),  # "!" multiplies the previous polarity by 1.25 (clamped)
    ("terrible :(", (-1.0 - 0.75) / 2, 1.0),  # emoticon is its own assessment
    ("nothing to see", 0.0, 0.0),
]


@pytest.mark.parametrize(("text", "polarity", "subjectivity"), TEXTBLOB_CASES)
def test_textblob_hand_checked(text: str, polarity: float, subjectivity: float) -> None:
    pol, sub = get_analyzer("textblob").score([text])
    assert pol[0] == pytest.approx(polarity, abs=TOL)
    assert sub[0] == pytest.approx(subjectivity, abs=TOL)


def _norm(s: float) -> float:
    return round(s / math.sqrt(s * s + 15), 4)


# vader_lexicon.txt: love 3.2, good 1.9, bad -2.5; booster +0.293, caps +0.733, "!" +0.292 each,
# negation * -0.74, "but": * 0.5 before, * 1.5 after.
VADER_CASES = [
    ("I love this", _norm(3.2)),
    ("I love this!", _norm(3.2 + 0.292)),
    ("I do not love this", _norm(3.2 * -0.74)),
    ("very good", _norm(1.9 + 0.293)),
    ("GOOD product", _norm(1.9 + 0.733)),
    ("good but bad", _norm(1.9 * 0.5 + -2.5 * 1.5)),
    ("nothing to see", 0.0),
]


@pytest.mark.parametrize(("text", "compound"), VADER_CASES)
def test_vader_hand_checked(text: str, compound: float) -> None:
    pol, sub = get_analyzer("vader").score([text])
    assert pol[0] == pytest.approx(compound, abs=TOL)
    assert np.isnan(sub[0])


def test_token_bytes_are_those_str_split_keeps() -> None:
    """The batch tokenizers find tokens by comparing bytes and deleting the space bytes (`word_bytes`,
    `token_bytes`, `text_of_tokens`): for every byte and every separator, what `str.split()` and the texts'
    separator give."""
    from brandpulse.enrich.fast_vader import _SEPARATORS, text_of_tokens, token_bytes, word_bytes

    every = bytes(range(128))
    for sep in map(ord, _SEPARATORS):
        b = np.frombuffer(every, np.uint8)
        split = {c for c in range(128) if c != sep and chr(c).split()}
        assert set(np.flatnonzero(word_bytes(b, sep)).tolist()) == split
        assert token_bytes(every, sep).tobytes() == bytes(sorted(split))
    texts = ["", "a bb", "  ", "ccc\x1cd e\tf", "", "g", "h  i"]
    data = "\x00".join(texts).encode()
    b = np.frombuffer(data, np.uint8)
    word = word_bytes(b, 0)
    starts = np.flatnonzero(np.diff(word.view(np.int8), prepend=np.int8(0)) == 1)
    tokens = [k for k, t in enumerate(texts) for _ in t.split()]
    assert text_of_tokens(starts, np.flatnonzero(b == 0), len(texts)).tolist() == tokens == [1, 1, 3, 3, 3, 3, 5, 6, 6]


def test_hostile_strings_match_reference() -> None:
    assert_parity(HOSTILE)


def test_batch_without_free_separator_matches_reference() -> None:
    """The batch tokenizers join texts with a control character no text contains; when every
    candidate occurs, scoring must still be right (per-text path)."""
    texts = [f"{chr(c)} good" for c in range(0x10)] + ["I love this :)", "not bad at all!!"]
    assert_parity(texts)


def test_batch_equals_single_text_path() -> None:
    """Chunked batch scoring must not depend on a text's neighbours."""
    texts = [t for t in HOSTILE if len(t) < 10_000] + [c[0] for c in TEXTBLOB_CASES + VADER_CASES]
    fv, ft = FastVader(), FastTextBlob()
    comp, _ = fv.score(texts)
    assert list(comp) == [fv.compound(t) for t in texts]
    pol, sub = ft.score(texts)
    assert list(zip(pol, sub, strict=True)) == [ft.score_one(t) for t in texts]


def test_chunk_bounds() -> None:
    from brandpulse.enrich.fast_vader import chunk_bounds

    texts = ["ab", "cde", "f", "ghijklmnop", "q", ""]
    # <= 2 texts and <= 4 characters per chunk, except a longer text alone
    assert chunk_bounds(texts, 2, 4) == [(0, 1), (1, 3), (3, 4), (4, 6)]
    assert chunk_bounds([], 2, 4) == []


def test_chunking_does_not_change_scores(monkeypatch: pytest.MonkeyPatch) -> None:
    """score() cuts big inputs into chunks; the cut points must not matter."""
    from brandpulse.enrich import fast_textblob, fast_vader

    texts = [t for t in HOSTILE if len(t) < 10_000] * 2
    whole = (FastVader().score(texts)[0], *FastTextBlob().score(texts))
    monkeypatch.setattr(fast_vader, "_CHUNK", 7)
    monkeypatch.setattr(fast_textblob, "_CHUNK", 7)
    monkeypatch.setattr(fast_vader, "_CHUNK_CHARS", 50)
    monkeypatch.setattr(fast_textblob, "_CHUNK_CHARS", 90)
    chunked = (FastVader().score(texts)[0], *FastTextBlob().score(texts))
    for a, b in zip(whole, chunked, strict=True):
        assert list(a) == list(b)


def test_long_heavy_text_is_linear() -> None:
    """The reference VADER is quadratic (~60 s here on this text); ours must stay fast."""
    text = ("I love this product but hate the price!!! " * 2400)[:100_000]
    comp, _ = FastVader().score([text])
    pol, sub = FastTextBlob().score([text])
    # TextBlob averages its assessments, the same two in every repetition: "love" 0.5 / 0.6 and "hate"
    # -0.8 / 0.9, which the "!" after "price" boosts x1.25 (capped at -1.0, polarity only):
    # polarity (0.5 - 1.0) / 2 = -0.25, subjectivity (0.6 + 0.9) / 2 = 0.75
    assert (pol[0], sub[0]) == pytest.approx((-0.25, 0.75))
    # VADER: "love" 3.2 outweighs "hate" -2.7 in each of ~2400 repetitions, a sum in the thousands,
    # and s / sqrt(s^2 + 15) rounds to 1.0 at VADER's four places
    assert comp[0] == 1.0


def test_score_sentiment_dataframe() -> None:
    df = pd.DataFrame({"text": ["I love this", None, "I love this", "terrible :("]})
    out = score_sentiment(df, "textblob")
    assert out["sentiment"].tolist() == pytest.approx([0.5, np.nan, 0.5, -0.875], nan_ok=True)  # no text: no score
    assert out["sentiment_label"].fillna("").tolist() == ["positive", "", "positive", "negative"]
    assert score_sentiment(df.iloc[:0], "vader")["sentiment"].empty


# -- corpus parity ----------------------------------------------------------------------------


def test_corpus_parity() -> None:
    data = shared_data()
    if data is None:
        pytest.skip("shared data not found: set BRANDPULSE_SHARED_DATA or put it at ../shared/data")
    texts = parity_texts(data) + HOSTILE[:-3]
    assert len(texts) >= 20_000, f"only {len(texts)} corpus texts under {data}"
    diffs = assert_parity(texts)
    print(f"\nparity over {len(texts)} texts: " + ", ".join(f"{k} max |diff| {v:.3g}" for k, v in diffs.items()))


# -- cx: fast_vader's per-text rules against the vaderSentiment library ---------------------------

CX_HAND = [
    # a negated crying word is no praise for the rave rule (stop 43's CI: the batch path counted it as praise)
    "Is it possible to watch an episode without crying ? Asking for a friend.",
    "without crying",
    "not crying 😭 this palette is gorgeous",
    "I'm crying 😭 this palette is gorgeous",
    "I don't like it 😡 but the CREW was great!!",
    "great, another delay",
    "not delayed at all. nothing. good",
    "kind of great",
    "still on hold 🙄 KIND of bad",
    "My bag NEVER arrived... never so good?! no no refund",
    # stop 44's rules: slang verdicts, problems fixed, laughter at, "X is everything"; punctuation, line breaks, emoji,
    # upper case, contractions and typographic apostrophes
    "THIS IS SICK!!!", "that's sick", "that’s sick 🔥", "it’s killer.", "this isn't sick", "this ain't sick",
    "this is sick\nlove it", "this new drop is sick!!", "this KILLS it 🔥🔥", "that kills it, honestly",
    "is this sick?", "this is sick?", "that's #sick", "that's sick @voltra", "the baby is sick", "this delay is killer",
    "this is sick af",
    "Finally FIXED the lag!!", "they haven’t fixed the lag", "ain't fixed the lag", "fixed the lag? no",
    "they fixed nothing, still broken", "fixed the price and now it's a rip-off", "the fixed menu was awful",
    "the fixed menu wasn’t awful", "fixed.\nthe lag is awful", "they fixed the lag and now it crashes",
    "not laughing at all 😂", "I was laughing at the ad, love it", "everyone's laughing at Voltra", "LAUGHING AT\nthis",
    "laughing at voltra’s recall 😂", "Timing is EVERYTHING!", "timing's everything", "timing  is\teverything",
    "Timing is everything\nand they nailed it", "context is everything... sadly", "Voltra is everything",
    "ATROCIOUS", "not abysmal", "abysmal.\nDisgraceful!",
]  # fmt: skip


#: texts of more than one sentence, or not ASCII, that no cx rule touches: the batch path runs VADER's
#: word rules within each sentence (negation, boosters, caps, idioms must not reach across a sentence
#: end), and cx emoji keep their value
CX_SENTENCES = [
    "Not. good", "not good. GREAT food", "GREAT. the food is bad", "The food was kind. of good", "kind of. great",
    "no. good", "no good. no", "very. good", "very good. VERY bad", "never. so good", "never so. good", "least. good",
    "at least. good", "without. doubt good", "not 😡", "never 😍. great 😍", "lost my bag. never again!",
    "still on hold. ugh", "ok. fine. GOOD. bad!!", "the bomb. yes", "the shit. ok", "Café was great. Très bien",
    "HELLO. WORLD. good", "good.bad. ugly", "good;bad; ugly", "😀😀. 😡", "kinda good. sorta bad",
    "It's not bad. at all",
    "not\u00a0good. fine", "fine.\u2028bad", "no\u3000good. great", "i don't like it. I like it", "awful. 👍👍",
    "bag lost. refund refused. never again.", "great!! delayed!!!", "good 🙄. bad 🙄", "🆒 delayed again",
    "naïve naïve great, lost my bag",
]  # fmt: skip


#: cx's own rules: contrast ("but" weighting), sarcasm next to a negative event, damped questions
CX_RULES = [
    "great, another delay", "Love waiting 3 hours on hold", "thanks for losing my bag", "wow. lost my bag again",
    "The food was good but the service was awful", "I liked it, however the delay. terrible", "not bad though",
    "yet another delay", "good but", "but", "but but good", "BUT the crew was GREAT", "great flight, but. nothing",
    "love it 😍 but delayed 😡", "although nice, never again", "Is the app down?", "Why is my flight delayed?",
    "Is this good? yes!", "can you help? lost my bag", "good?", "Great service?! no", "so glad my bag was lost?",
    "is it good? it is great. really?", "🆒 lost my bag", "perfect... still on hold", "Nice! but lost my bag",
    "thank you so much for nothing but delays", "what a great app?", "not great, but not bad", "😍? 😡?",
    "great job Skyway, another 3 hour delay", "good seats, on the other hand the food. awful", "On  the other\thand",
    "thanks in advance, my flight is delayed", "great job. on the other hand, delayed",
]  # fmt: skip


def test_cx_batch_rules_match_its_reference(monkeypatch) -> None:
    """Texts beyond one plain sentence take fast_vader's batch path with cx's rules applied to the
    valences of all texts at once; none should need the per-text path, and all equal the reference."""
    fast, ref = _cx_pair()
    texts = CX_SENTENCES + CX_RULES
    per_text = []
    analyze = fast._analyze
    fast._analyze = lambda text, *rest: per_text.append(text) or analyze(text, *rest)
    got = fast.score(texts)[0]
    assert per_text == []
    exact = ref._analyze
    ref._analyze = lambda text, *rest: per_text.append(text) or exact(text, *rest)
    want = ref.score(texts)[0]
    assert per_text == texts  # the reference takes every text the exact way
    assert got.tolist() == want.tolist()
    assert np.count_nonzero(want) > len(texts) * 3 // 4
    # in batches of 7 texts: each batch's rules look up their own texts
    import brandpulse.enrich.fast_vader

    monkeypatch.setattr(brandpulse.enrich.fast_vader, "_CHUNK", 7)
    assert fast.score(texts)[0].tolist() == want.tolist()
    # the sentence end stops the negation: "Not. good" is good, "not good" is not
    assert fast.score(["Not. good"])[0][0] > 0.05 > fast.score(["not good"])[0][0]
    assert fast.score(["great, another delay"])[0][0] < -0.05  # sarcasm


#: posts plain but for their line breaks, each a sentence end since stop 38 ("not great\nanother delay"): lines of one
#: character, CRLF, blank lines, ASCII's spaces that Python's `\s` reads and RE2's does not, emoticons and short words
#: at a line end (the " ." stands apart), a line break at the start or the end
CX_LINES = [
    "the seat not good\nbad food", "a\nb\nc", "x\ny\nnot good\nz", "no food here  \r\n  very bad", "bad\n\n\nnot bad",
    "ok\n", "\nnot good", "  \n not bad \n ", "the crew\x0b\nwas bad", "not bad\n\x1cgood", "not\x1f\ngood",
    "no\x0c\ngood", "sad :(\nnot bad", "hate it xD\nbye", "<3\nnot good", "very\ngood", "kind of\nbad",
    "it came late\n2 hours", "not\tgood \t\n\tvery bad\n:)", "lol\rnot\ngood", "bad\r\n\r\nnot really\r\nok",
]  # fmt: skip
#: posts with a line break and a cue of cx's rules, nothing to rewrite but the line break: a sentence end or a comma of
#: the line's own, a question, a contrast word, a sarcasm opener (stop 39: each went through `unglued` alone)
CX_LINES_AND_RULES = [
    "great!\nanother delay", "not great,\nanother delay", "is it good?\nno", "The food was good but\nthe service awful",
    "not great\nanother delay", "love it xD\nbye", "great\nanother delay. but\nno",
]  # fmt: skip
#: posts with a line break and more to rewrite: a tag, an aside (also after a space only Python's `\s` reads, which
#: RE2 missed: "not,\x1fwhy, good" read plain, its aside not moved), a phrase, an emoji
CX_MORE_THAN_LINES = [
    "not great<br>another delay", "not,\nhonestly, bad", "not,\x1f\nwhy, good  so never ", "not,\x1fwhy, good so never",
    "great job\nanother delay", "on hold\nagain", "bad 😡\nnot good", "no refund yet  \r\n  still waiting",
    "it was 2\nhours late", "What it isn't\nis good", "it was late\n2 hours",
]  # fmt: skip


def test_cx_line_breaks_keep_the_batch_path(monkeypatch) -> None:
    """A post whose only feature beyond a plain one is a line break took cx's preparation one text at a time since
    stop 38 made its line breaks sentence ends (6 us more a post: 1 s more in 1M posts of which 15 % hold one): its
    " ." is now added over the batch with RE2 (`line_ends`), and its sentences scored as the other posts', the same.
    So since stop 39 for a post with a line break and a cue of cx's rules (a question, a contrast word, a sarcasm
    opener), which `unglued` read one text at a time (9 us a post against 1 without the line break)."""
    fast, ref = _cx_pair()
    texts = CX_LINES + CX_LINES_AND_RULES + CX_MORE_THAN_LINES
    prepared = []
    unglued = fast._unglued
    monkeypatch.setattr(
        fast, "_unglued", lambda text, whole, *rest: prepared.append((text, whole)) or unglued(text, whole, *rest)
    )
    got = fast.score(texts)[0]
    assert [text for text, whole in prepared if whole] == CX_MORE_THAN_LINES
    assert got.tolist() == ref.score(texts)[0].tolist()
    assert np.count_nonzero(got) > len(texts) * 3 // 4
    # the line's "." ends the sentence: "not" no longer negates the delay
    assert fast.score(["the seat not good\nbad food"])[0][0] < -0.05 < fast.score(["the seat not good bad food"])[0][0]


@given(st.text(alphabet="ab :)!.,;?\n\r\t\x0b\x0c\x1c\x1f", max_size=30))
@settings(max_examples=3000, deadline=None)
def test_line_ends_are_those_of_the_python_pattern(text: str) -> None:
    """`line_ends` (RE2, over a batch) adds the " ." `unglued` adds at a line end (`_LINE_END`), in any ASCII text."""
    got = line_ends(pa.array([text, f"x{text}"], pa.large_string())).to_pylist()
    assert got == [_LINE_END.sub(" .", text), _LINE_END.sub(" .", f"x{text}")]


def _cx_pair():
    from brandpulse.enrich.cx import CxAnalyzer

    return CxAnalyzer(), CxAnalyzer(reference=True)


def test_cx_matches_its_reference_on_hand_made_and_hostile_strings() -> None:
    fast, ref = _cx_pair()
    texts = CX_HAND + HOSTILE
    assert ref.name == "cx-reference"
    assert fast.score(texts)[0].tolist() == ref.score(texts)[0].tolist()
    assert fast.explain(CX_HAND) == ref.explain(CX_HAND)
    assert fast.score(["great, another delay"])[0][0] < -0.05  # not a trivially equal pair of zeros


def test_cx_corpus_parity() -> None:
    data = shared_data()
    if data is None:
        pytest.skip("shared data not found: set BRANDPULSE_SHARED_DATA or put it at ../shared/data")
    texts = parity_texts(data)
    fast, ref = _cx_pair()
    got, want = fast.score(texts)[0], ref.score(texts)[0]
    assert np.count_nonzero(want) > len(texts) // 2
    assert np.array_equal(got, want), f"{np.count_nonzero(got != want)} of {len(texts)} texts differ"


def test_fast_textblob_does_not_import_nltk() -> None:
    """Importing the textblob package imports nltk (about 1.2 s in every process and worker)."""
    import subprocess
    import sys

    code = (
        "import sys; from brandpulse.enrich.sentiment import get_analyzer;"
        "print(get_analyzer('textblob').score(['not bad at all'])[0][0], 'nltk' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == [str(TextBlobReferenceAnalyzer().score(["not bad at all"])[0][0]), "False"]
