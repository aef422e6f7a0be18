"""Emerging terms: words and bigrams unusually frequent in the period compared with a baseline.

Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
"Fightin' Words", eq. 22). For term w with count y_w in the period (total n) and x_w in the
baseline (total m), and prior alpha_w = background count of w (period + baseline), alpha_0 = sum:

    delta_w = log((y_w + a_w) / (n + a_0 - y_w - a_w)) - log((x_w + a_w) / (m + a_0 - x_w - a_w))
    z_w     = delta_w / sqrt(1 / (y_w + a_w) + 1 / (x_w + a_w))

A post counts a term once (a copy-paste rant does not outvote a hundred posts); stopwords,
@mentions, URLs and numbers are dropped; bigrams join adjacent non-stopwords. The stopwords are English
(`brandpulse/stopwords/en.txt`), and for a post whose `lang` is one of the other lists there (the language
detector's default candidates but Japanese), that language's function words too: "del", "und" and "les" are not
terms of Spanish, German and French posts, and "door", "war" or "con" stay terms of English ones. Terms need
`min_count` posts in the period and z >= `min_z` (1.96) to be listed. Terms found in exactly the
same posts (the words of one viral post copied 24 times) are one signal: the highest-scoring term
is listed, the others go to its `also` column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

import numpy as np
import pandas as pd

from .. import stopwords
from ..enrich.matching import INVISIBLE
from ..schema import has_intent
from .summary import explode_list

_NOISE = r"https?://\S+|www\.\S+|@\w+|\b[\w-]+(?:\.[\w-]+)+/\S*"  # links, also bare domain/path
#: what every match of `_NOISE` holds: "/" (a link, a domain/path), "www." or "@"
_NOISE_MARK = r"[/@]|www\."
_TOKEN = r"#?[^\W\d_][\w'’]*"
#: characters inside a word that show as nothing (`matching.INVISIBLE`: soft hyphen, zero-width ones, word joiner,
#: BOM), dropped before it is cut into words, as brand matching drops them: a post's "re\u00adfund", pasted from a web
#: page, was the idea "re fund" and the words "re" and "fund"
_HIDDEN = str.maketrans(dict.fromkeys(INVISIBLE))
#: the z-score a term needs to be listed (95 % two-sided)
MIN_Z = 1.96
#: distinct texts split at a time: each is held as its every word and bigram, Python strings (100,000 of them took 250
#: MB more than 20,000, and longer: the chunks' terms are summed, so the size changes no count)
CHUNK = 20_000
EMERGING_COLUMNS = ["term", "count", "baseline_count", "rate_per_1000", "baseline_rate_per_1000", "z", "also"]


#: a post's `lang` code, of a language tag's first part (`pt` of `pt-BR`)
_PRIMARY = r"^([a-z]{2})(?:[-_]|$)"


def term_document_counts(texts: pd.Series, lang: pd.Series | None = None, chunk: int = CHUNK) -> pd.Series:
    """How many posts contain each word and bigram (stopwords out; `lang`: each post's language, for its own), most
    first (`_term_posts`)."""
    counts = _term_posts(texts, lang, chunk)["count"]
    return counts.sort_values(ascending=False, kind="stable").rename("count").rename_axis("term")


class TermCounts(NamedTuple):
    """The posts holding each word and bigram (`term_document_counts`), of `posts` posts."""

    counts: pd.Series
    posts: int


def copy_term_counts(copies: Iterable[pd.DataFrame], chunk: int = CHUNK) -> TermCounts:
    """`TermCounts` of posts given as frames of distinct texts, each with its language (`lang`, a column or none) and
    how many posts hold it (`posts`): as `term_document_counts` of the posts themselves, read a frame at a time (the
    store's record batches, `store.text_copies`: a year's baseline was read whole, its texts made Python strings)."""
    total = 0

    def counted():
        nonlocal total
        for frame in copies:
            total += int(frame["posts"].sum())
            yield frame

    counts = _copy_terms(counted(), chunk, ["count"])["count"]
    return TermCounts(counts.sort_values(ascending=False, kind="stable").rename("count").rename_axis("term"), total)


#: the seed of the distinct texts' random marks (`_term_posts`): the same posts, the same marks, run after run
_MARK_SEED = 2008


def _term_posts(
    texts: pd.Series, lang: pd.Series | None = None, chunk: int = CHUNK, *, marks: bool = False
) -> pd.DataFrame:
    """Per word and bigram (the index, sorted), `count`: how many posts contain it. Each distinct text (and language)
    is split once and counted as often as it was posted (retweets, copied posts), `chunk` distinct texts at a time:
    a quarter's baseline of a year of posts (two million and more) held every post's every term at once, gigabytes,
    and so did a quarter's own posts. `marks`: also `mark1`, `mark2`, the sums (modulo 2**64) of a random 64-bit
    number drawn for each distinct text, over the texts holding the term: terms of the very same posts (of the very same
    distinct texts, as each post is one's) have the same marks, terms of other posts differ (but for a chance of one in
    2**128; the posts' positions themselves, kept for each term, were the period's every term again)."""
    keys = {"text": texts.fillna("").astype(str).to_numpy(object)}
    if lang is not None:
        keys["lang"] = lang.to_numpy(object)
    copies = pd.DataFrame(keys).value_counts(sort=False, dropna=False).rename("posts").reset_index()
    return _copy_terms([copies], chunk, ["count", "mark1", "mark2"] if marks else ["count"])


def _copy_terms(copies: Iterable[pd.DataFrame], chunk: int, names: list[str]) -> pd.DataFrame:
    """`_term_posts` of frames of distinct texts (`text`, `lang` or none, `posts`: `copy_term_counts`), `chunk` rows
    at a time: the chunks' sums per term, summed."""
    draw = np.random.default_rng(_MARK_SEED).bit_generator.random_raw
    parts = []
    for frame in copies:
        for start in range(0, len(frame), chunk):
            part = frame.iloc[start : start + chunk]
            text = part["text"].fillna("").astype(str)
            pairs = _term_documents(text, part["lang"] if "lang" in part.columns else None)
            doc = pairs["doc"].to_numpy()
            values = [part["posts"].to_numpy(np.int64)[doc]] + [draw(len(part))[doc] for _ in names[1:]]
            parts.append(_sums(pairs["term"].to_numpy(), values, names))
    if not parts:
        empty = {name: pd.Series(dtype="int64" if name == "count" else "uint64") for name in names}
        return pd.DataFrame(empty, index=pd.Index([], dtype=object, name="term"))
    if len(parts) == 1:
        return parts[0]
    whole = pd.concat(parts)
    return _sums(whole.index.to_numpy(), [whole[name].to_numpy() for name in names], names)


def _sums(terms: np.ndarray, values: list[np.ndarray], names: list[str]) -> pd.DataFrame:
    """Each of `values` summed per term (the marks' unsigned 64 bits wrap round, as numpy's integers do), the terms
    sorted."""
    codes, uniques = pd.factorize(terms, sort=True)
    out = {}
    for name, v in zip(names, values, strict=True):
        total = np.zeros(len(uniques), dtype=v.dtype)
        np.add.at(total, codes, v)
        out[name] = total
    return pd.DataFrame(out, index=pd.Index(uniques, name="term"))


def _term_documents(texts: pd.Series, lang: pd.Series | None = None) -> pd.DataFrame:
    """One row per (post, term) for words and bigrams (stopwords out, English and those of the post's `lang`);
    `doc` is the post's position."""
    texts = texts.reset_index(drop=True)
    clean = texts.fillna("").astype(str).str.lower().str.translate(_HIDDEN)
    # (only texts with a link's or a mention's mark can hold one: Python's regex on every post took half the time)
    noisy = clean.str.contains(_NOISE_MARK, regex=True)
    if noisy.any():
        clean = clean.mask(noisy, clean[noisy].str.replace(_NOISE, " ", regex=True))
    clean = clean.str.replace("’", "'")
    tokens = clean.str.findall(_TOKEN).explode().dropna()
    if tokens.empty:
        return pd.DataFrame({"doc": pd.Series(dtype="int64"), "term": pd.Series(dtype=object)})
    tokens = tokens.str.strip("'")
    doc = tokens.index.to_numpy()
    keep = (~tokens.isin(stopwords.english())) & (tokens.str.len() > 1)
    if lang is not None:  # ("es del": a language's words in its own posts only, one hashed look-up as the English)
        # (a region or script after the code, `pt-BR`, is the language's; posts without one have English's alone, and
        # so do those of a three-letter code: `est`, Estonian, is not Spanish)
        code = pd.Series(lang.to_numpy(object), dtype=object).str.lower().str.extract(_PRIMARY, expand=False)
        code = code.to_numpy(object)[doc]
        other = pd.Series(code, index=tokens.index, dtype=object).isin(stopwords.LANGUAGES).to_numpy()  # (most: en)
        if other.any():
            keyed = pd.Series(code[other], dtype=object) + " " + tokens[other].reset_index(drop=True)
            keep[other] &= ~keyed.isin(stopwords.by_language()).to_numpy()
    nxt = tokens.shift(-1)
    same_doc = np.append(doc[1:] == doc[:-1], False)
    bigram_ok = keep & keep.shift(-1, fill_value=False) & same_doc
    words = pd.DataFrame({"doc": doc[keep.to_numpy()], "term": tokens[keep].to_numpy()})
    bigrams = pd.DataFrame({"doc": doc[bigram_ok.to_numpy()], "term": (tokens + " " + nxt)[bigram_ok].to_numpy()})
    return pd.concat([words, bigrams], ignore_index=True).drop_duplicates()


def emerging_terms(
    current: pd.Series,
    baseline: pd.Series | TermCounts,
    *,
    min_count: int = 5,
    min_z: float = MIN_Z,
    top: int = 20,
    current_lang: pd.Series | None = None,
    baseline_lang: pd.Series | None = None,
    chunk: int = CHUNK,
    skip: Iterable[str] = (),
) -> pd.DataFrame:
    """Terms of `current` texts over-represented against `baseline` texts, by z-score; `*_lang`: each post's
    language (ISO 639-1), whose function words are left out of its terms. Both are split `chunk` distinct texts
    at a time (`_term_posts`); the baseline's may be counted already (`copy_term_counts`). Terms with a word of
    `skip` (`brand_words`) are left out, as the ideas leave them: "skyway lets" of a week's posts asking whether
    Skyway lets you gate-check a stroller was an emerging term, the brand's name in it."""
    posts = _term_posts(current, current_lang, chunk, marks=True)
    y = posts["count"]
    if not isinstance(baseline, TermCounts):
        baseline = TermCounts(term_document_counts(baseline, baseline_lang, chunk), len(baseline))
    x = baseline.counts
    if y.empty:
        return pd.DataFrame(columns=EMERGING_COLUMNS)
    terms = y.index.union(x.index)
    y, x = y.reindex(terms, fill_value=0).astype(float), x.reindex(terms, fill_value=0).astype(float)
    alpha = y + x
    n, m, a0 = y.sum(), x.sum(), alpha.sum()
    delta = np.log((y + alpha) / (n + a0 - y - alpha)) - np.log((x + alpha) / (m + a0 - x - alpha))
    z = delta / np.sqrt(1 / (y + alpha) + 1 / (x + alpha))
    docs_cur, docs_base = max(len(current), 1), max(baseline.posts, 1)
    out = pd.DataFrame(
        {
            "term": terms,
            "count": y.astype(int).to_numpy(),
            "baseline_count": x.astype(int).to_numpy(),
            "rate_per_1000": (1000 * y / docs_cur).round(1).to_numpy(),
            "baseline_rate_per_1000": (1000 * x / docs_base).round(1).to_numpy(),
            "z": z.round(2).to_numpy(),
        }
    )
    listed = (out["count"] >= min_count) & (z.to_numpy() >= min_z)  # (z 1.955 is not 1.96)
    out = out[listed.to_numpy() & ~_naming(out["term"], brand_words(skip))]
    out = out.assign(_words=out["term"].str.count(" "))  # on ties, a word before a bigram
    out = out.sort_values(["z", "count", "_words", "term"], ascending=[False, False, True, True], ignore_index=True)
    out = out.drop(columns="_words")
    # terms found in the very same posts are one signal (their marks are the same)
    marks = posts.loc[out["term"]].set_axis(out.index)
    group = marks.groupby(["count", "mark1", "mark2"], sort=False).ngroup()
    first = ~group.duplicated()
    also = out["term"].groupby(group).agg(lambda terms: ", ".join(terms.iloc[1:6]))
    out = out[first].assign(also=group[first].map(also))
    return out.reset_index(drop=True).head(top)


def brand_words(terms: Iterable[str], posts: pd.DataFrame | None = None) -> set[str]:
    """The words of the brands' `terms` (names, @handles and #hashtags: the config's) and of the brands `posts` name
    (their `brands`: a store's, read without a config, are the report's brands), lowercased: no term nor idea of their
    own."""
    words = {w.lower() for term in terms for w in str(term).lstrip("@#").split()}
    if posts is not None and "brands" in posts and len(posts):
        named = explode_list(posts[["brands"]], "brands")["brands"].unique()
        words |= {w.lower() for brand in named for w in str(brand).split()}
    return words


def _naming(terms: pd.Index | pd.Series, words: set[str]) -> np.ndarray:
    """Whether each word or bigram of `terms` holds one of `words`, as a hashtag too ("#acme" of "#Acme dark mode")."""
    if not words or not len(terms):
        return np.zeros(len(terms), dtype=bool)
    parts = pd.Series(np.asarray(terms, dtype=object)).str.extract(r"^#?(\S+)(?: #?(\S+))?$")
    return parts.isin(words).any(axis=1).to_numpy(bool)


#: the words a request is made of, not what it asks for: "please add", "would be nice", "bring back", "wish you had"
REQUEST_WORDS = frozenset(
    [
        "please",
        "pls",
        "plz",
        "pleaseee",
        "add",
        "adding",
        "would",
        "nice",
        "great",
        "cool",
        "awesome",
        "amazing",
        "love",
        "like",
        "wish",
        "bring",
        "back",
        "make",
        "let",
        "need",
        "needs",
        "want",
        "really",
        "could",
        "should",
        "hope",
        "hoping",
        "get",
        "see",
        "guys",
        "ya",
        "y'all",
        "option",
        "thanks",
        # a greeting or sign-off of the asking ("hey all, ... please add a vegan filter. cheers"): the examples' report
        # listed "hey" as an idea of 2 posts
        "hey",
        "hi",
        "hello",
        "folks",
        "cheers",
        "thx",
    ]
)
#: the asking's openers and closers ("quick question: ...", "... connecting flights. any tips?", "... thanks in
#: advance"): no idea, where "tips", "quick question" and "advance" of two or three such posts were listed as ideas
SIGN_OFF = (
    r"(?i)\b(?:any (?:tips|advice|ideas|thoughts)|(?:quick|genuine|honest) question|thanks in advance)\b\W*?(?=\s|$)"
)
IDEA_COLUMNS = ["term", "posts", "posts_prev", "change", "also", "example"]
#: the posts an idea needs to be listed (`idea_terms`' `min_count`)
IDEA_MIN_POSTS = 2


def idea_terms(
    current: pd.DataFrame,
    previous: pd.DataFrame | None = None,
    *,
    intent: str = "suggestion",
    skip: Iterable[str] = (),
    min_count: int = IDEA_MIN_POSTS,
    top: int = 10,
) -> pd.DataFrame:
    """The words and bigrams the posts of `intent` (one of their `intents`) in `current` share most (the same idea
    asked 40 times is one row of 40 posts), as emerging terms are counted (a post counts a term once; stopwords,
    links and @handles out) but without the words of the request itself (`REQUEST_WORDS`), `skip` (the brands'
    terms) or the brands the posts name (their `brands`), a brand's hashtag too: `posts`, `posts_prev`
    (of `previous`'s posts of that intent; empty without one), `change`, `also` (terms of the very same posts, one
    idea: "dark mode" with "dark" and "mode") and `example`, the earliest post holding it. Terms of `min_count` posts or
    more, most first (a bigram before its words on a tie), `top` of them."""
    skip = REQUEST_WORDS | brand_words(skip)

    def of_intent(df: pd.DataFrame | None) -> pd.DataFrame:
        if df is None or not {"intent", "intents"} & set(df.columns):
            return pd.DataFrame({"text": pd.Series(dtype=object), "asked": pd.Series(dtype=object)})
        # (of every intent a post has: a complaint that asks for an offline mode asks it, `intents`)
        out = df[has_intent(df, [intent])]
        if "created_at" in out:  # (the example is the earliest post: a store's come in time order, FILES' as written)
            out = out.sort_values("created_at", kind="stable", na_position="last")
        out = out.reset_index(drop=True)
        return out.assign(asked=out["text"].fillna("").astype(str).str.replace(SIGN_OFF, " ", regex=True))

    cur = of_intent(current)
    skip |= brand_words((), cur)
    posts = _term_posts(cur["asked"], cur.get("lang"), marks=True)
    words = pd.Series(posts.index, index=posts.index).str.split(" ")
    asked = ~_naming(posts.index, skip) & (posts["count"] >= min_count).to_numpy()
    posts = posts[asked].assign(_words=words[asked].str.len())
    if posts.empty:
        return pd.DataFrame(columns=IDEA_COLUMNS)
    posts = posts.reset_index().sort_values(["count", "_words", "term"], ascending=[False, False, True])
    group = posts.groupby(["count", "mark1", "mark2"], sort=False).ngroup()  # (terms of the very same posts)
    earliest = _term_documents(cur["asked"], cur.get("lang")).groupby("term")["doc"].min()
    # a group's terms as its earliest post has them, a bigram before a word: the idea is asked first ("wish Skyway had
    # wifi on the Toronto route", "add more vegetarian meals on long haul flights"), where the first by the alphabet
    # named "route", and "haul flights" a phrase cut at the wrong word
    named = {}
    for g, terms in posts["term"].groupby(group):
        tokens = _tokens(cur["asked"].iloc[int(earliest[terms.iloc[0]])])
        named[g] = sorted(terms, key=lambda t: (-t.count(" "), _position(tokens, t)))
        named[g] = named[g][:1] + _joined(named[g][1:], tokens)
    first = ~group.duplicated()
    rows = posts[first].assign(group=group[first]).head(3 * top)
    rows = rows.assign(term=rows["group"].map(lambda g: named[g][0]))
    # a word is its bigram's when the bigram holds half its posts or more ("dark" in 24 posts, "dark mode" in 22: one
    # idea, not two rows); of the few rows listed, not of the posts
    into = {}
    for term, count in zip(rows["term"], rows["count"], strict=True):
        if " " not in term:
            holding = [
                t
                for t, g, c in zip(rows["term"], rows["group"], rows["count"], strict=True)
                if 2 * c >= count and any(term in w.split() for w in named[g] if " " in w)
            ]
            if holding:
                into[term] = holding[0]
    folded = pd.Series(list(into), index=list(into.values()), dtype=object).groupby(level=0).agg(list)
    rows = rows[~rows["term"].isin(list(into))]
    also = [named[g][1:6] + folded.get(t, []) for t, g in zip(rows["term"], rows["group"], strict=True)]
    out = pd.DataFrame({"term": rows["term"], "posts": rows["count"], "also": [", ".join(a) for a in also]})
    out = out.head(top).reset_index(drop=True)
    if previous is not None:
        prev = of_intent(previous)
        before = term_document_counts(prev["asked"], prev.get("lang")) if len(prev) else pd.Series(dtype="int64")
        out["posts_prev"] = out["term"].map(before).fillna(0).astype(int)
        out["change"] = out["posts"] - out["posts_prev"]
    else:
        out["posts_prev"] = pd.Series(pd.NA, index=out.index, dtype="Int64")
        out["change"] = pd.Series(pd.NA, index=out.index, dtype="Int64")
    out["example"] = cur["text"].to_numpy(object)[out["term"].map(earliest).to_numpy(int)]
    return out[IDEA_COLUMNS]


def _tokens(text: str) -> list[str]:
    """A post's words in order, as `_term_documents` finds them (links and @handles out)."""
    clean = re.sub(_NOISE, " ", text.lower().translate(_HIDDEN)).replace("’", "'")
    return [t.strip("'") for t in re.findall(_TOKEN, clean)]


def _position(tokens: list[str], term: str) -> int:
    """Where `term` (a word or a bigram) begins in `tokens`; past their end when it is not there."""
    words = term.split(" ")
    at = (i for i in range(len(tokens)) if tokens[i : i + len(words)] == words)
    return next(at, len(tokens))


def _joined(terms: list[str], tokens: list[str]) -> list[str]:
    """`terms` with bigrams that follow each other in `tokens` joined into their phrase ("long haul", "haul flights":
    "long haul flights")."""
    out = list(terms)
    for a in terms:
        for b in terms:
            if a in out and b in out and a != b and " " in a and " " in b and a.split(" ")[-1] == b.split(" ")[0]:
                phrase = f"{a} {b.split(' ', 1)[1]}"
                if _position(tokens, phrase) < len(tokens):
                    out[out.index(a)] = phrase
                    out.remove(b)
    return out
