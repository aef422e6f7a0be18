"""Intent tags: complaint, question, praise, suggestion, purchase-intent (or empty).

Rules are data (intent.toml, added to with the config's [intent.NAME] tables): keywords through
the compiled TermMatcher, regexes, and the post's sentiment label. The first intent in rule order
that matches wins, so one post carries one intent; the config's own intents come before the built-in ones.
Every intent whose rules match is in `intents` too ("suggestion;complaint": a crash report that asks for an offline
mode is both, and its request reaches the report's suggestions).
A review of LOW_RATING stars or fewer is a complaint, whatever its words, unless it asks or is of the config's own.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, partial
from importlib import resources

import numpy as np
import pandas as pd

from ..config import Brand, check_lists, check_regex, table_entries
from ..errors import ConfigError
from ..schema import LIST_SEPARATOR, STRING, strings_at
from .brand_names import names_capitalised, names_capitalised_ascii
from .brand_sentiment import leaves_its_brand
from .cx import verdict_tag
from .matching import Rule, TermMatcher, regex_search, term_matcher
from .text import code_free

LABELS = ("positive", "neutral", "negative", "")
LIST_KEYS = ("keywords", "regex", "exclude", "exclude_regex", "sentiment_exclude_regex")
KEYS = (*LIST_KEYS, "requires_sentiment", "sentiment", "answer", "urgent", "replace")
#: a review of this many stars or fewer is a complaint, whatever its words say: the intent `analyze` tags, which
#: reports count, and the queue's reason ("love the new icon", 1 star, was praise in reports, a complaint in `queue`)
LOW_RATING = 2
#: the intents a low rating leaves as they are (a 1-star "how do I export my data?" still asks)
RATED_AS_READ = ("question",)
#: an intent `intents` leaves out beside these: a request or a choice is asked ("Can Calora please add offline
#: control?" is a suggestion, checked before the question rule, and no question to answer)
ASKED_AS = {"question": ("suggestion", "purchase-intent")}


@dataclass
class IntentRule:
    name: str
    keywords: list[str] = field(default_factory=list)
    regex: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    exclude_regex: list[str] = field(default_factory=list)  # a post one of these matches is not this intent
    sentiment: str = ""  # this label alone marks the intent on posts naming a brand
    # ... but not on a post one of these matches: "how do I cancel my order?" is negative, a question, no complaint
    sentiment_exclude_regex: list[str] = field(default_factory=list)
    requires_sentiment: tuple[str, ...] = ()  # keywords/regex count only with one of these labels (or none: neutral)
    answer: bool = False  # its posts are to answer: `queue` lists them as it lists complaints and questions
    urgent: bool = False  # its posts head the queue, whatever their score (a patient's "fell on the ward"); answer too


def parse_intents(data: dict, where: str, built_in: dict | None = None, check: bool = True) -> list[IntentRule]:
    """The `[intent.NAME]` tables of `data`; a table named as one of `built_in`'s (intent.toml's tables) adds to
    it: its lists after the built-in ones, its other keys in their place. With `replace = true` it replaces it (stop
    48: `[intent.praise]` with the keyword "chef's kiss" left no built-in praise word, and no "positive" needed).
    `check`: compile each regex in Python's re, to name a bad one (not intent.toml's own: tests/test_intent.py)."""
    rules = []
    for name, spec, at in table_entries(data, "intent", where, KEYS):
        replace = spec.get("replace", False)
        if not isinstance(replace, bool):
            raise ConfigError(f"{at}: replace must be true or false")
        if built_in and name in built_in and not replace:
            base = built_in[name]
            added = {k: base[k] + spec[k] for k in LIST_KEYS if k in base and isinstance(spec.get(k), list)}
            spec = {**base, **spec, **added}
        lists = {}
        for key in LIST_KEYS:
            value = spec.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{at}: {key} must be a list of strings")
            lists[key] = list(value)  # (not the list of `data`, which `_built_in` keeps for the process)
        check_lists(at, lists)  # (`regex = [""]` marked every post)
        if check:
            check_regex(lists["regex"] + lists["exclude_regex"] + lists["sentiment_exclude_regex"], at)
        sentiment = spec.get("sentiment", "")
        required = spec.get("requires_sentiment", [])
        required = [required] if isinstance(required, str) else required
        if sentiment not in LABELS or not isinstance(required, list) or not set(required) <= set(LABELS):
            raise ConfigError(f"{at}: sentiment and requires_sentiment take positive, neutral or negative")
        answer, urgent = spec.get("answer", False), spec.get("urgent", False)
        for key, value in (("answer", answer), ("urgent", urgent)):
            if not isinstance(value, bool):  # ("false" in quotes is a true string)
                raise ConfigError(f"{at}: {key} must be true or false")
        if not lists["keywords"] and not lists["regex"] and not spec.get("sentiment"):
            raise ConfigError(f"{at}: needs keywords, regex or sentiment")
        rules.append(
            IntentRule(
                str(name),
                **lists,
                sentiment=sentiment,
                requires_sentiment=tuple(r for r in required if r),
                answer=answer or urgent,
                urgent=urgent,
            )
        )
    return rules


@cache
def _built_in() -> dict:
    """intent.toml, read once a process (read-only: its callers copy what they keep). It was read three times and its
    179 regexes compiled to check them on each `analyze` (0.05 s of CPU a process, 0.01 s of each later chunk)."""
    return tomllib.loads(resources.files("brandpulse.enrich").joinpath("intent.toml").read_text("utf-8"))


def default_intents() -> list[IntentRule]:
    return parse_intents(_built_in(), "built-in intents", check=False)


@cache
def built_in_names() -> frozenset[str]:
    """The built-in intents' names (intent.toml's tables): the others a config's rules hold are its own."""
    return frozenset(_built_in()["intent"])


@cache
def unscored_but() -> TermMatcher:
    """The words that keep an unscored post's praise words from reading it as positive (intent.toml `unscored_but`)."""
    return TermMatcher([Rule("but", tuple(_built_in()["unscored_but"]), ())])


def read_unscored(texts: pd.Series, labels: np.ndarray, praised: np.ndarray) -> np.ndarray:
    """`labels` with the posts left unscored (label "": a language the analyzer does not read) that the praise rule's
    words mark and no complaint word does (`praised`), nor a word of "but" or "still", read as positive, as their
    words say: "Muchas gracias, excelente servicio" is praise."""
    rows = np.flatnonzero((labels == "") & praised)
    if not len(rows):
        return labels
    but = unscored_but().hits(texts.iloc[rows], keep=False)[:, 0]  # (the chunk's column stays cached)
    out = labels.copy()
    out[rows[~but]] = "positive"
    return out


def intents_from_config(raw: dict | None, where: str = "config") -> list[IntentRule]:
    """The config's own [intent.NAME] tables first, in its order, then the built-in rules, a table with a built-in
    name adding to that one in its place (`replace = true`: replacing it): a config's own intent is more specific
    than the built-in ones ("I want a refund" is `[intent.refund]`'s, not a complaint; stop 37, when it came after
    them and never won)."""
    own, built_in = split_intents(raw, where)
    return own + built_in


def split_intents(raw: dict | None, where: str = "config") -> tuple[list[IntentRule], list[IntentRule]]:
    """`intents_from_config`'s two parts: the config's own intents, and the built-in ones (as it adds to them)."""
    rules = default_intents()
    if not raw or "intent" not in raw:
        return [], rules
    extra = {e.name: e for e in parse_intents(raw, where, _built_in()["intent"])}
    built_in = {r.name for r in rules}
    return [e for name, e in extra.items() if name not in built_in], [extra.get(r.name, r) for r in rules]


def intent_hits(
    df: pd.DataFrame,
    rules: list[IntentRule],
    brands_configured: bool | None = None,
    skip: np.ndarray | None = None,
    brands: list[Brand] | None = None,
    every: bool = False,
) -> np.ndarray:
    """Rows x rules booleans for the first intent of each post: a post's column is True for the first rule that
    matches it, and maybe for later ones (a rule's regexes search only the posts that no earlier rule, nor its own
    keywords, matched and that have a label it requires: RE2's cost grows with the texts it searches); with `every`,
    for each rule that matches it (each rule reads every post: the first is the same, as a rule reads a post no
    earlier one matched as it did: 100,000 posts take 0.17 s of CPU more). Rows `skip`
    marks are all False. `brands_configured` (None: whether any of these posts names a brand) says if sentiment
    alone needs a brand in the post. The regexes read `brands`' names with their capital, as the question's subject
    ("does quickbite deliver after 11"; `names_capitalised`): they search the chunk's texts, whose search topics
    reuses, and those few rewritten texts again (`RegexSearch.with_texts`); the keywords, which fold case, the texts
    as they are. A rewritten column missed the folds and scans that brands and topics keep of the chunk's own (stop
    42: 25 % of a chunk's analysis, then 8 %)."""
    named_brands = brands
    matcher = term_matcher(tuple(Rule(r.name, tuple(r.keywords), tuple(r.exclude)) for r in rules))
    texts = code_free(df["text"])  # (not the words of pasted code and traces: "connection refused" in a log)
    hits = matcher.hits(texts)
    if (tagged := _asked_with_tags(texts)).any():  # (the few questions closing on tags: their words alone)
        rows = np.flatnonzero(tagged)
        hits[rows] = matcher.hits(texts.iloc[rows].map(_without_topic_tags), keep=False)
    regexes = any(r.regex or r.exclude_regex or r.sentiment_exclude_regex for r in rules)
    search = None
    if regexes:  # (the names are read on the rows a search needs alone: see `with_texts`)
        rewrite = partial(names_capitalised, texts, brands)
        search = regex_search(texts).with_texts(rewrite, names_capitalised_ascii(brands))
    labels = df["sentiment_label"].fillna("").to_numpy(dtype=object) if "sentiment_label" in df else None
    searched: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # rule -> (rows its regexes read, rows they match)

    def regex_hits(j: int, rows: np.ndarray) -> np.ndarray:
        """Rows among `rows` rule `j`'s regexes match, each row read once (a row's answer is its own)."""
        done, found = searched.get(j, (np.zeros(len(df), dtype=bool), np.zeros(len(df), dtype=bool)))
        new = rows & ~done
        if new.any():
            done, found = done | new, found | search.hits_any(rules[j].regex, new)
            searched[j] = done, found
        return found & rows

    praise = [j for j, r in enumerate(rules) if r.requires_sentiment == ("positive",)]
    if labels is not None and praise:  # (a post left unscored and praised reads as positive)
        # unless a complaint word marks it too: "Gracias Skyway, perdí mi conexión por el retraso" and the sarcastic
        # "Obrigado pelo atraso" were praise, and left out of the queue (review of stop 43)
        complaint = [j for j, r in enumerate(rules) if "negative" in r.requires_sentiment]
        praised = (labels == "") & hits[:, praise].any(axis=1) & ~hits[:, complaint].any(axis=1)
        for j in praise:  # ... or its regexes (stop 55: "Amo QuickBite, pido cada semana", the verb alone)
            if rules[j].regex and (unread := (labels == "") & ~praised & ~hits[:, complaint].any(axis=1)).any():
                praised |= regex_hits(j, unread if skip is None else unread & ~skip)
        for j in complaint:  # ... or a complaint regex (stop 54: "Geweldig, weer vertraging" was praise)
            if rules[j].regex and praised.any():
                # read with the rows the rule's own search below may read (its labels before these posts' change):
                # a second search of the rule's 61 regexes, over the few praised posts, was 0.06 s a 100,000 posts
                later = ~hits[:, j] & _needs(rules[j], labels) & (True if skip is None else ~skip)
                regex_hits(j, praised | later)
                praised &= ~regex_hits(j, praised)
        labels = read_unscored(df["text"], labels, praised)
    # sentiment alone marks an intent only on posts that name a brand (all posts when no brand is configured;
    # from the config, not from these posts: a post's intent must not depend on the others of its chunk)
    brands = df["brands"].fillna("").to_numpy(dtype=object) if "brands" in df else np.array([], dtype=object)
    if brands_configured is None:
        brands_configured = bool((brands != "").any())
    branded = brands != "" if brands_configured and len(brands) else np.ones(len(df), dtype=bool)
    decided = np.zeros(len(df), dtype=bool) if skip is None else skip.copy()  # rows whose intent is known
    for j, rule in enumerate(rules):
        needs = _needs(rule, labels) if labels is not None and rule.requires_sentiment else None
        if rule.sentiment == "negative" and named_brands:
            # a post naming one brand that leaves it: negative towards it, whatever its words' score. Read on the posts
            # it could decide alone (not decided, not the rule's by its keywords, of a label the rule takes): all the
            # posts with a cue ("from", "never", "done") cost 0.3 s of CPU a 100,000
            could = ~decided & ~hits[:, j] & (True if needs is None else needs)
            hits[:, j] |= leaves_its_brand(df, named_brands, could)
        if rule.regex:
            todo = ~decided & ~hits[:, j]
            hits[:, j] |= regex_hits(j, todo if needs is None else todo & needs)
        if needs is not None:
            hits[:, j] &= needs
        if labels is not None and rule.sentiment:
            alone = (labels == rule.sentiment) & branded & ~hits[:, j] & ~decided
            if rule.sentiment_exclude_regex and alone.any():  # (a how-to question with a negative word asks)
                alone &= ~search.hits_any(rule.sentiment_exclude_regex, alone.copy())
            hits[:, j] |= alone
        if rule.exclude_regex and hits[:, j].any():  # ("Can I just say Skyway is amazing" asks nothing)
            hits[:, j] &= ~search.hits_any(rule.exclude_regex, hits[:, j].copy())
        if not every:
            decided |= hits[:, j]
    if skip is not None:
        hits[skip] = False
    return hits


#: a laugh or an emoji between a question's "?" and its closing tags ("any experiences? lol #delayed" was a complaint
#: too, for "delayed"), as their filler
_LAUGH = r"lol|lmf?ao|rofl|xd|mdr|ptdr|(?:ha|ah|he|ja|je|hi|rs){2,}h?|k{3,}"
#: a "?" then a run of hashtags closing the post: the RE2 pass that finds the few posts `_without_topic_tags` reads
_TAGS_AFTER_QUESTION = rf"[?؟？](?:[^\w#]|(?i:\b(?:{_LAUGH})\b))*(?:[^\w#]*#[^\s#]+)+[^\w#]*$"
_CLOSING_TAGS = re.compile(rf"(?<=[?؟？])(?P<filler>(?:[^\w#]|\b(?:{_LAUGH})\b)*?)(?:\s*#\w+)+\s*$", re.I)
_TAG = re.compile(r"#(\w+)")


def _asked_with_tags(texts: pd.Series) -> np.ndarray:
    """Which posts may close on hashtags right after a "?" (`_without_topic_tags` reads those, in Python's re): RE2
    over the column, whose ASCII `\\w` and `\\s` find more filler and tags than Python's, never fewer. pandas ran the
    pattern in Python's re for its `\\b`, row by row: 0.8 s of CPU per 1M posts."""
    import pyarrow as pa
    import pyarrow.compute as pc

    found = pc.match_substring_regex(pa.array(texts, type=pa.large_string(), from_pandas=True), _TAGS_AFTER_QUESTION)
    return pc.fill_null(found, False).to_numpy(zero_copy_only=False)


def _without_topic_tags(text: str) -> str:
    """`text` without the hashtags closing it after its "?", but for a verdict's ("#fail", "#disgraceful") and
    those before it: they name the question's topic, as cx reads them, and say no complaint ("does anyone know if my
    flight is still on? #delayed" was a complaint, for the keyword "delayed", and `queue` drops a complaint aimed at
    another brand, never a question: stop 56)."""
    if not (closing := _CLOSING_TAGS.search(text)):
        return text
    tags = _TAG.findall(closing.group(0)[len(closing["filler"]) :])
    keep = max((k + 1 for k, tag in enumerate(tags) if verdict_tag(tag)), default=0)
    return text[: closing.start()] + closing["filler"] + "".join(f" #{tag}" for tag in tags[:keep])


def _needs(rule: IntentRule, labels: np.ndarray) -> np.ndarray:
    """The rows whose sentiment label `rule` takes: a post left unscored (not English) meets what neutral meets, its
    words alone tell, so "no me han devuelto mi dinero" is a complaint, but "gracias" no praise."""
    required = rule.requires_sentiment
    return np.isin(labels, (*required, "") if "neutral" in required else required)


def tag_intent(
    df: pd.DataFrame,
    rules: list[IntentRule] | None = None,
    skip: pd.Series | None = None,
    brands_configured: bool | None = None,
    brands: list[Brand] | None = None,
) -> pd.DataFrame:
    """Add `intent`: the first intent (in rule order) whose rules match; empty when none does, and
    for the rows `skip` marks (the brands' own posts: "we're sorry, please DM us" is no complaint). And `intents`:
    every intent whose rules match, `intent` first, then in rule order, semicolon-separated ("complaint;suggestion":
    a post tagged by one intent alone hid the request of a complaint from the report's suggestions).
    `brands_configured`, `brands`: see `intent_hits` (`analyze` passes whether the config has brands, and them)."""
    rules = default_intents() if rules is None else rules
    out = df.copy()
    if not rules or df.empty:
        out["intent"] = pd.Series(pd.array([""] * len(df), dtype=STRING), index=df.index)
        out["intents"] = out["intent"].copy()
        return out
    skipped = None if skip is None else skip.to_numpy(dtype=bool)
    hits = intent_hits(df, rules, brands_configured, skipped, brands, every=True)
    names = [r.name for r in rules] + [""]
    first = np.where(hits.any(axis=1), hits.argmax(axis=1), len(rules))
    # a review of LOW_RATING stars or fewer is a complaint, as `queue` reads it: not a question, nor one of the
    # config's own intents (more specific: `[intent.refund]`), nor a post `skip` marks (the brand's own reply)
    kept = [j for j, r in enumerate(rules) if r.name in RATED_AS_READ or r.name not in built_in_names()]
    low = rated_low(df) & ~np.isin(first, kept)
    if skip is not None:
        low &= ~skip.to_numpy(dtype=bool)
    if low.any():
        names.append("complaint")
        first = np.where(low, len(names) - 1, first)
        # (nor praise among its intents: a 1-star "love the new icon" was praise again in the tables, which count them)
        praise = [j for j, r in enumerate(rules) if r.requires_sentiment == ("positive",)]
        hits[np.ix_(low, praise)] = False
    out["intent"] = strings_at(names, first, df.index)
    out["intents"] = _all_intents(names, first, hits, df.index)
    return out


def _all_intents(names: list[str], first: np.ndarray, hits: np.ndarray, index: pd.Index) -> pd.Series:
    """`tag_intent`'s `intents`: each row's first intent (`names[first]`), then the others its `hits` mark, in rule
    order, each once, but a question beside what it asks for (`ASKED_AS`); built for each distinct row of hits once (a
    few dozen in 100,000 posts), found by hashing each row's bits as one integer (numpy's unique of the rows sorted
    them: 0.12 s of CPU a 100,000 posts, a third of tagging)."""
    k = hits.shape[1]
    if k + int(len(names)).bit_length() <= 62:
        keys = hits.astype(np.int64) @ (np.int64(1) << np.arange(k, dtype=np.int64)) | first.astype(np.int64) << k
    else:  # (more rules than an integer's bits: each row's bytes)
        rows = np.column_stack([first.astype(np.int64).view(np.uint8).reshape(-1, 8), np.packbits(hits, axis=1)])
        keys = pd.Series([row.tobytes() for row in rows])
    code = pd.factorize(keys)[0]
    at = np.unique(code, return_index=True)[1] if len(code) else np.array([], dtype=np.int64)
    joined = []
    for i in at:
        tagged = dict.fromkeys(t for t in [names[first[i]]] + [names[j] for j in np.flatnonzero(hits[i])] if t)
        tagged = [t for n, t in enumerate(tagged) if not n or not set(ASKED_AS.get(t, ())) & set(tagged)]
        joined.append(LIST_SEPARATOR.join(tagged))
    return strings_at(joined, code, index)


def star_ratings(df: pd.DataFrame) -> pd.Series:
    """Each post's star rating as floats (NaN: none, or a frame without the column)."""
    if "rating" not in df.columns:
        return pd.Series(np.nan, index=df.index)
    return pd.to_numeric(df["rating"], errors="coerce").astype(float)


def rated_low(df: pd.DataFrame) -> np.ndarray:
    """Which posts are reviews of LOW_RATING stars or fewer: complaints, whatever their words."""
    return (star_ratings(df) <= LOW_RATING).to_numpy(dtype=bool)
