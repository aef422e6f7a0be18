"""`--explain`: which words, emoji, negations, boosters and rules produced each sentiment score.

An analyzer with an `explain(texts) -> list[str]` method explains itself (cx, trained models);
for TextBlob and VADER the lexicon words that fired are listed with their valence.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..schema import strings_at
from .cx import emphasis
from .sentiment import Analyzer, analyzer_languages, get_analyzer, not_read
from .text import without_code


def _textblob(texts: list[str]) -> list[str]:
    from textblob import TextBlob

    out = []
    for text in texts:
        s = TextBlob(text).sentiment_assessments
        parts = [f"{' '.join(words)} {pol:+.2f}" for words, pol, _sub, _ in s.assessments]
        body = "; ".join(parts) if parts else "no sentiment words"
        out.append(f"{body} | score {s.polarity:+.3f} (mean of the phrases)")
    return out


def _vader(texts: list[str]) -> list[str]:
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE, SentimentIntensityAnalyzer, SentiText

    sia = SentimentIntensityAnalyzer()
    out = []
    for text in texts:
        words = SentiText(text).words_and_emoticons
        parts = []
        for w in words:
            low = w.lower()
            if low in sia.lexicon:
                parts.append(f"{w} {sia.lexicon[low]:+.1f}")
            elif low in NEGATE:
                parts.append(f"{w} (negation)")
            elif low in BOOSTER_DICT:
                parts.append(f"{w} (intensifier)")
        emoji = [f"{ch} = {sia.emojis[ch]}" for ch in dict.fromkeys(text) if ch in sia.emojis]
        body = "; ".join(parts + emoji) if parts or emoji else "no lexicon words"
        compound = sia.polarity_scores(text)["compound"]
        rules = emphasis(text, compound > 0) if compound else []
        body += f" | rules: {', '.join(rules)}" if rules else ""
        out.append(f"{body} | score {compound:+.3f}")
    return out


_FALLBACK = {"textblob": _textblob, "vader": _vader}


def explain_texts(analyzer: Analyzer | str, texts: list[str]) -> list[str]:
    """One readable explanation per text."""
    if isinstance(analyzer, str):
        analyzer = get_analyzer(analyzer)
    if hasattr(analyzer, "explain"):
        return analyzer.explain(texts)
    fallback = _FALLBACK.get(getattr(analyzer, "name", ""))
    if fallback is None:
        return ["(this analyzer cannot explain its scores)"] * len(texts)
    return fallback(texts)


def add_explanations(df: pd.DataFrame, analyzer: Analyzer | str) -> pd.DataFrame:
    """Add an `explain` column, explaining each distinct text once; a post the analyzer left unscored
    (not in its languages, or no text) says so instead of explaining a score it does not have."""
    analyzer = get_analyzer(analyzer) if isinstance(analyzer, str) else analyzer
    unscored = df["sentiment"].isna().to_numpy() if "sentiment" in df.columns else np.zeros(len(df), bool)
    codes, uniques = pd.factorize(df["text"].fillna("").where(~unscored, ""))
    notes = explain_texts(analyzer, [without_code(str(t)) for t in uniques])  # (as `score_sentiment` reads them)
    out = df.copy()
    out["explain"] = strings_at(notes, codes, df.index)
    if unscored.any():
        # an empty text is unscored whatever its language: it said "language ?" of a post without a word
        blank = df["text"].fillna("").astype(str).str.strip().eq("").to_numpy() & unscored
        reads = analyzer_languages(analyzer)
        foreign = not_read(df, reads).to_numpy() & unscored & ~blank
        langs = df["lang"].fillna("?").astype(str) if "lang" in df.columns else pd.Series("?", index=df.index)
        out.loc[unscored, "explain"] = "not scored"
        out.loc[blank, "explain"] = "not scored: no text"
        said = "English" if reads == ("en",) else ", ".join(reads or ())
        out.loc[foreign, "explain"] = "not scored: language " + langs[foreign] + f" (the analyzer reads {said})"
    return out
