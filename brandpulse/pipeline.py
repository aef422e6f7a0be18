"""The analysis pipeline: plain functions from DataFrame to DataFrame.

    load -> drop_duplicates -> fill_languages -> match_brands -> score_sentiment -> tag_intent -> tag_topics
         -> score_brands

Each step works on any slice of rows, so a chunked or distributed engine runs the
same functions per partition.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from .config import Config, check_config, input_about, input_date_order, input_timezone, load_config
from .enrich.brand_names import names_neutral
from .enrich.brand_sentiment import score_brands
from .enrich.brands import assign_brand, by_own_handle, match_brands, unread_names
from .enrich.intent import intents_from_config, tag_intent
from .enrich.language import candidates_from_config, fill_languages
from .enrich.matching import forget as forget_scans
from .enrich.sentiment import Analyzer, check_analyzer, get_analyzer, score_sentiment
from .enrich.topics import tag_topics
from .errors import ConfigError
from .schema import ENRICHED_COLUMNS, LIST_SEPARATOR, STRING, check_enriched, check_frame, conform
from .sources.platforms.hackernews import replies_alone


def post_keys(df: pd.DataFrame) -> np.ndarray:
    """One 64-bit hash per post, equal for the copies of a post: of its platform and post_id, or for a
    post without an id of its platform, author, time and text (the store's key, `store.KEY_SQL`)."""
    # a frame built by hand may lack either column: its posts have no id (or platform)
    post_id = df["post_id"] if "post_id" in df.columns else pd.Series(pd.NA, index=df.index, dtype="string")
    platform = df["platform"] if "platform" in df.columns else pd.Series(pd.NA, index=df.index, dtype="string")
    # ids are nearly all distinct: hashed as they are (hashing their distinct values costs twice as
    # much); a chunk's few platforms: each hashed once
    ids = pd.util.hash_pandas_object(post_id, index=False, categorize=False).to_numpy()
    platforms = pd.util.hash_pandas_object(platform, index=False).to_numpy()
    keys = ids + platforms * np.uint64(0x9E3779B97F4A7C15)  # (wraps around: arithmetic mod 2**64)
    no_id = post_id.isna().to_numpy()
    if pd.api.types.is_string_dtype(post_id.dtype):  # an empty id is none, as the store's key has it
        no_id = no_id | post_id.eq("").fillna(False).to_numpy(dtype=bool)
    by_content = no_id | _other_posts(df, keys, no_id, platform)
    if by_content.any():
        content = df.loc[by_content, [c for c in ("platform", "author", "created_at", "text") if c in df.columns]]
        keys = keys.copy()
        keys[by_content] = pd.util.hash_pandas_object(content, index=False).to_numpy() ^ np.uint64(0x5BD1E9955BD1E995)
    return keys


def _other_posts(df: pd.DataFrame, keys: np.ndarray, no_id: np.ndarray, platform: pd.Series) -> np.ndarray:
    """The posts of no platform whose id is an earlier post's of another text and not of the same author: not copies
    of it but another site's post of the same id (keyed by content, as the store's `_kept_apart` keys them). An id
    alone names no post across sites: without authors (two files of numbered rows, `1,Acme is great` and
    `1,Acme broke my phone`) the text tells them apart; the same author's is the post edited."""
    out = np.zeros(len(keys), dtype=bool)
    if "text" not in df.columns:
        return out
    held = ~no_id & (platform.isna() | platform.eq("")).to_numpy(dtype=bool, na_value=True)
    if not held.any():  # (a file of platforms: no hashing of its keys' copies)
        return out
    held[held] = pd.Series(keys[held]).duplicated(keep=False).to_numpy()  # (no-platform keys meet only each other)
    if not held.any():
        return out
    at = np.flatnonzero(held)
    first = pd.Series(at).groupby(keys[at]).transform("min").to_numpy()  # (each one's first copy, by position)

    def values(col: str) -> tuple[np.ndarray, np.ndarray]:
        column = df[col]  # (only these rows made numpy objects: a whole 1M-row column took 3 times the keys' time)
        mine = column.iloc[at].astype(STRING).to_numpy(dtype=object, na_value=None)
        return mine, column.iloc[first].astype(STRING).to_numpy(dtype=object, na_value=None)

    mine, its = values("text")  # (a missing text tells nothing: the same post, as before)
    other = pd.notna(mine) & pd.notna(its) & (mine != its)
    if "author" in df.columns:
        mine, its = values("author")
        other &= ~(pd.notna(mine) & pd.notna(its) & (mine == its))
    out[at] = other
    return out


def drop_duplicates(df: pd.DataFrame, keep: str = "first") -> pd.DataFrame:
    """Drop posts exported more than once: same platform and post_id, or for posts without an id the
    same platform, author, time and text (as the store counts them). `keep="last"` keeps the latest
    copy, as the store does for a post ingested again from a later export."""
    check_frame(df, "drop_duplicates", text=False)
    if keep not in ("first", "last"):  # (pandas' "keep must be either "first", "last" or False", of no function)
        raise ValueError(f"drop_duplicates() takes keep='first' or keep='last', not {keep!r}")
    # its key read as a file's is (post 7 and '7', of `X` and `twitter`, are one post), in the schema's dtypes too
    keyed = conform(df[[c for c in ("post_id", "platform", "author", "created_at", "text") if c in df.columns]])
    return df[~pd.Series(post_keys(keyed)).duplicated(keep=keep).to_numpy()]


def analyze(
    df: pd.DataFrame, config: Config | None = None, *, sentiment: str | Analyzer | None = None, explain: bool = False
) -> pd.DataFrame:
    """Enrich canonical posts (`load`'s; a frame with only some schema columns, such as `text`, gets
    the others empty) with brands, language, sentiment, intent, topics and per-brand sentiment.
    Without `config`, the CLI's: `$BRANDPULSE_CONFIG`, else ./brandpulse.toml, else none (no brands).
    `sentiment`: an analyzer's name (`"vader"`, `"model:m.bp"`) or an analyzer (`train`'s model), for the config's.
    `explain`: also an `explain` column, the words and rules behind each score, as `analyze --explain` adds.
    The frame is read as `brandpulse.read(df)` reads it, with the config's `[input]` date order and time zone: its
    columns as a file's cells, whatever their dtypes, and
    its rows without text left out with a warning, as a file's are rejected (`read(df).rejects` gives them). The
    rows keep `df`'s index and order; `df` itself is not changed. A frame without a `text` column is an InputError
    (its posts would all be empty), as is one with two columns of one name."""
    from .sources import read_frame, warn_rejects

    check_frame(df, "analyze")
    check_config(config, "analyze")
    check_analyzer(sentiment, "analyze")
    config = config if config is not None else load_config()
    # (the config's [input] settings, as the CLI reads a file with them: a frame's 05/12/2026 was rejected)
    loaded = read_frame(df, "analyze", date_order=input_date_order(config), input_tz=input_timezone(config))
    warn_rejects(loaded)
    if not explain:
        return analyze_posts(loaded.posts, config, sentiment=sentiment)
    from .enrich.explain import add_explanations

    analyzer = _scoring(config, sentiment)
    return add_explanations(analyze_posts(loaded.posts, config, sentiment=analyzer), analyzer)


def explain_scores(
    enriched: pd.DataFrame, config: Config | None = None, *, sentiment: str | Analyzer | None = None
) -> pd.DataFrame:
    """Why `analyze`'s rows (`extreme_posts`' lists, say) got their scores, as `analyze --explain` shows them under
    "Why these scores": the rows with `explain`, the words and rules behind each post's score, and `brand_explain`,
    for a post naming several brands whose own scores are not the post's, a line per brand with the rule behind it
    and its score ("United: ... | score -0.563"; else empty). `config` and `sentiment`: those `analyze` was given."""
    from .enrich.brand_sentiment import own_explained
    from .enrich.explain import add_explanations

    check_enriched(enriched, ("text", "brands", "sentiment"), "explain_scores")
    check_config(config, "explain_scores")
    check_analyzer(sentiment, "explain_scores")
    config = config if config is not None else load_config()
    # (rows naming brands another config gave them failed in numpy: "attempt to get argmax of an empty sequence")
    named = enriched["brands"].astype("string").fillna("").str.split(LIST_SEPARATOR).explode()
    unknown = named[(named != "") & ~named.isin([b.name for b in config.brands])].value_counts()
    if len(unknown):
        from .evaluate import counted_values

        raise ConfigError(
            f"the rows name brands the config does not know: {counted_values(unknown)}; "
            "pass explain_scores the config analyze was given"
        )
    analyzer = _scoring(config, sentiment)
    out = add_explanations(enriched, analyzer)
    out["brand_explain"] = own_explained(out, config.brands, analyzer)
    return out


def _scoring(config: Config, sentiment: str | Analyzer | None) -> Analyzer:
    """The analyzer that scored `analyze`'s posts, which explains them: the brands' names read as no sentiment words,
    as the CLI's."""
    analyzer = sentiment or config.sentiment
    return names_neutral(get_analyzer(analyzer) if isinstance(analyzer, str) else analyzer, config.brands)


def analyze_posts(df: pd.DataFrame, config: Config | None, *, sentiment: str | Analyzer | None = None) -> pd.DataFrame:
    """`analyze` of posts the loaders read (`read`'s, `iter_read`'s): in the schema's dtypes and values, each with its
    text. The CLI's path, which does not read them again."""
    config = config if config is not None else load_config()
    df = text_in_one_piece(df)
    # languages first: a brand query's `lang:` reads them as a topic's does (it saw an export's only)
    out = fill_languages(df, candidates_from_config(config.raw, config.path), unread_names(config))
    out = match_brands(out, config.brands)
    # (before intent: a negative review of the app is its complaint)
    out = assign_brand(out, input_about(config), config.brands)
    analyzer = sentiment or config.sentiment
    analyzer = get_analyzer(analyzer) if isinstance(analyzer, str) else analyzer
    # the brands' names are no sentiment words ("Best Western", "Good Eats"; stop 41), in posts' scores and brands'
    analyzer = names_neutral(analyzer, config.brands)
    text, out = out["text"], replies_alone(out)  # (the brands found in a reply's thread title, the rest its own)
    out = score_sentiment(out, analyzer, config.positive, config.negative)
    rules = intents_from_config(config.raw, config.path or "config")
    own = by_own_handle(out, config)
    out = tag_intent(out, rules, skip=own, brands_configured=bool(config.brands), brands=config.brands)
    out = tag_topics(out, config.topics, config.brands, skip=own)
    # last: its scans of clauses would evict the chunk's text scans that intent and topics reuse
    out["brand_sentiments"] = score_brands(out, config.brands, analyzer)
    forget_scans()
    out["text"] = text
    extra = [c for c in out.columns if c not in ENRICHED_COLUMNS]
    return out[ENRICHED_COLUMNS + extra]


def text_in_one_piece(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with its text column as one Arrow array, not the pieces a file was read in (a 100,000-post chunk of a CSV
    file: 22). Arrow compiles a regex again for each piece it searches: intent's suggestion patterns, 28 in one
    alternation, took 0.19 s of CPU a chunk in pieces, 0.03 s in one."""
    arrow = getattr(df["text"].array, "_pa_array", None)
    if not isinstance(arrow, pa.ChunkedArray) or arrow.num_chunks < 2 or df["text"].dtype != STRING:
        return df
    out = df.copy(deep=False)
    out["text"] = pd.arrays.ArrowStringArray(arrow.combine_chunks())
    return out


def reanalyze(stored: pd.DataFrame, config: Config, *, sentiment: str | Analyzer | None = None) -> pd.DataFrame:
    """`analyze_posts` of posts read back from the store (`store.rescore`), with today's rules and `config`. A post
    `--about` gave a brand (its stored `about`: `ingest --about`, `fetch --about --store`) is analyzed with it again:
    where its text still names no brand, it is that brand's (rescore took it back). A post stored before the store kept
    `about` (schema version 11) that is an app review (a `rating`) stored as one configured brand's keeps it where its
    text names none: it was most likely given it by `--about`, and a review is some app's. The `about` of a post
    analyzed without one is as stored."""
    from dataclasses import replace

    from .config import add_about_option, input_about

    if stored.empty or input_about(config) is not None:  # (the config's `[input] about`: every post's, as ingest)
        return analyze_posts(stored, config, sentiment=sentiment)
    names = [b.name for b in config.brands]
    about = stored["about"] if "about" in stored.columns else pd.Series(pd.NA, index=stored.index, dtype=STRING)
    held = stored["brands"].fillna("").astype(str)
    review = stored["rating"].notna().to_numpy(dtype=bool) & held.isin(names).to_numpy() & about.isna().to_numpy()
    given = about.fillna("").astype(str)
    given = given.where(given.isin(names), held.where(review, "")).to_numpy()  # (a brand no longer configured: none)
    parts = [
        analyze_posts(group, add_about_option(replace(config), name or None), sentiment=sentiment)
        for name, group in stored.groupby(given, sort=False)
    ]
    out = pd.concat(parts).loc[stored.index] if len(parts) > 1 else parts[0]
    out["about"] = (out["about"] if "about" in out.columns else about).fillna(about).astype(STRING)
    return out
