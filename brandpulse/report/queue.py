"""The response queue: posts about our brands that deserve an answer from the support team.

A post is in the queue when
- it mentions at least one of our brands (not only competitors: `competitor = true`; without brands configured,
  any brand),
- it is negative (for a post naming several brands: negative towards one of ours, by its own
  sentiment in `brand_sentiments`), or a complaint or question: the `intent` column when the data
  has one (a config's own intent on a post the built-in rules call one too, or one with `answer = true`), else the
  intent the config's rules read, or a question mark (not a cp1252 export's lost emoji, "great flight ??"); a
  complaint in a post naming several brands that is positive towards ours, more negative towards another brand and
  asks nothing (no `?`) is that brand's ("SwiftRail seats are terrible, RailNova is better"),
- or it is a review of LOW_RATING stars or fewer (its `rating`; `enrich.intent`, whose rule `analyze` tags it by): a
  complaint whatever its words ("Opened it to order dinner and it showed the menu", 1 star, is neutral, asks nothing),
- it is not written by a brand's own handle (config `handles`), nor a retweet ("RT @handle: ...": a brand's is the
  brand talking, another's is answered where it was written, and counted in `attrs["retweets"]`),
- no handle of one of our brands it mentions has replied to it before `now` (a post on the same platform by that
  handle whose parent_id is the post's id); a competitor's "fly with us instead" is no answer.
- nor, of a review, the brand in the store where it was written (an app's developer, a place's owner: its `reply`,
  `REPLY_FIELDS`, before `now`; a reply of no time: answered), which review exports give beside the review: left
  out and counted in `attrs["answered"]`, or listed with `answered=True` (its `reply` and `replied_at` columns).

Copies are one row: posts naming the same brands whose texts are the same but for case, spaces, links and the
@handles they open with (`copy_key`) are the most urgent of them, its `copies` how many (`attrs["copies"]`: how many
rows fewer). A brand left for another in a switch ("switched from X to Y", "left X for Y", "moved to Y after X ...",
"X → Y") is the one negative in `brand_sentiments`: a complaint is queued for X, not for Y (at most its praise), and
the row's `brand` names X (its `brands`, every brand the post names, both).

Priority, 0..100, higher first:

    100 * (0.35 * reach + 0.30 * negativity + 0.20 * engagement + 0.15 * recency)

    reach       = min(1, log10(1 + author_followers) / 6)      1M followers -> 1
    negativity  = max(0, -brand_sentiment, min(1, (3 - rating) / 2))   polarity -1 -> 1 (ours, lowest); 0 or 1 star -> 1
    engagement  = min(1, log10(1 + max(0, likes + reposts + replies)) / 4)   10k -> 1
    recency     = 0.5 ** (age_hours / 24)                      halves every day before `now`
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..config import Config
from ..enrich.brand_sentiment import brand_scores
from ..enrich.brands import customer_posts, is_retweet, normalize_author
from ..enrich.intent import rated_low, star_ratings
from ..enrich.sentiment import label
from ..schema import LIST_SEPARATOR, QUEUE_COLUMNS, REPLY_FIELDS, every_intent
from ..sources.platforms.hackernews import replies_alone
from .metrics import with_reach
from .summary import SENTIMENT_DECIMALS, urgent_intents

ANSWER_INTENTS = {"complaint", "question"}
#: a run of "?" after a space (or at the start) and before one (or the end), or right before a letter: what a cp1252
#: export leaves of an emoji (one "?" per UTF-16 unit), as the built-in question rule reads it (intent.toml)
LOST_EMOJI = r"(?:^|(?<=\s))\?{2,}(?=\s|$)|\?+(?=[^\W\d_])"
WEIGHTS = {"reach": 0.35, "negativity": 0.30, "engagement": 0.20, "recency": 0.15}
#: what `copies` folds away of a post's text: links (each share of a headline has its own shortened one), the @handles
#: a post opens with (whom a copy was sent to) and a share button's "via @outlet" (where it came from); a handle within
#: the words, hashtags and numbers ("order #52821879") stay: they say what the post says
COPY_NOISE = r"https?://\S+|\bwww\.\S+|^(?:[.\s]*@\w+[:,]?)+|\bvia\s+@\w+|@\w+\s*$"


def answered(posts: pd.DataFrame, history: pd.DataFrame, config: Config | None, ours: list[str]) -> pd.Series:
    """Which of `posts` a handle of one of our brands they mention replied to, on their platform
    (from the reply posts in `history`)."""
    brands = [b for b in (config.brands if config else []) if b.name in ours]
    handle_of = {normalize_author(h): b.name for b in brands for h in b.handles}
    if not handle_of or not len(posts):
        return pd.Series(False, index=posts.index)
    replies = history[history["parent_id"].notna()]
    authors = replies["author"]  # each distinct author normalised once, not every reply
    who = authors.map({a: handle_of.get(normalize_author(a)) for a in authors.dropna().unique()})
    replies, who = replies[who.notna()], who[who.notna()]
    parents = replies["parent_id"].astype(str)
    keys = pd.MultiIndex.from_arrays([replies["platform"].fillna(""), parents, who])
    # only the posts a brand handle replied to (most posts have no reply) are split into (post, brand) pairs, looked
    # up all at once: a loop over every post took 0.55 s of a 100,000-post queue's 0.86
    ids = posts["post_id"].astype(str)
    at = np.flatnonzero(ids.isin(parents).to_numpy())
    named = pd.Series(posts["brands"].fillna("").to_numpy()[at], index=at).str.split(LIST_SEPARATOR).explode()
    pairs = pd.MultiIndex.from_arrays(
        [posts["platform"].fillna("").to_numpy()[named.index], ids.to_numpy()[named.index], named.to_numpy()]
    )
    flags = np.zeros(len(posts), dtype=bool)
    flags[named.index[pairs.isin(keys)]] = True
    return pd.Series(flags, index=posts.index, dtype=bool)


def owner_answered(posts: pd.DataFrame, now: pd.Timestamp) -> pd.Series:
    """Which of `posts` (reviews) the brand answered in the store before `now`, as their export says (`reply`,
    `replied_at`: `REPLY_FIELDS`): a reply of no time is there, as far as is known. A bank app's Play Console export
    had 17 of its 105 queued reviews answered, 4 of its top 10: the queue knew only a handle's reply posts."""
    if "reply" not in posts.columns and "replied_at" not in posts.columns:
        return pd.Series(False, index=posts.index)
    text = posts["reply"] if "reply" in posts.columns else pd.Series(pd.NA, index=posts.index)
    when = posts["replied_at"] if "replied_at" in posts.columns else pd.Series(pd.NaT, index=posts.index)
    when = pd.to_datetime(when, utc=True, errors="coerce")
    given = text.notna() | when.notna()
    return (given & ~(when >= now)).fillna(False).astype(bool)


def towards_ours(df: pd.DataFrame, ours: list[str], positive: float, negative: float) -> pd.DataFrame:
    """`df` with `brand_sentiment`, its score towards our brands, and `sentiment_label` of it: for a post naming
    several brands, the lowest own score of ours it names ("great, unlike Aerolux" is not a Skyway complaint;
    "switched from Skyway to Aerolux" is); other posts their `sentiment`. (`sentiment` stays the post's: the
    queue's reader took the score towards the brand for the post's overall one.) And `brand`, the one of ours that
    score is of, which the post is queued for: "switched from Skyway to Aerolux, never again" is Skyway's (its
    `brands` name both); of a post without its own scores, the first of ours it names."""
    out = df.assign(brand_sentiment=df["sentiment"], brand=_first_named(df["brands"], ours))
    cells = df["brand_sentiments"].fillna("") if "brand_sentiments" in df.columns else None
    if cells is None or not (cells != "").any() or not ours:
        return out
    lowest = np.full(len(df), np.nan)
    which = out["brand"].to_numpy(dtype=object).copy()
    for name in ours:  # (np.fmin skips NaN: a brand the post does not name)
        score = brand_scores(cells, pd.Series(name, index=df.index))
        with np.errstate(invalid="ignore"):
            which[(score < lowest) | (np.isnan(lowest) & ~np.isnan(score))] = name
        lowest = np.fmin(lowest, score)
    lowest = pd.Series(lowest, index=df.index)
    has = lowest.notna()
    out.loc[has, "brand_sentiment"] = lowest[has]
    out["brand"] = pd.Series(which, index=df.index, dtype="string")
    out.loc[has, "sentiment_label"] = label(lowest[has], positive, negative).to_numpy()
    return out


def _first_named(brands: pd.Series, ours: list[str]) -> pd.Series:
    """The first of `ours` each post's `brands` names (any brand it names when `ours` is empty); missing: none."""
    named = brands.fillna("").astype(str).reset_index(drop=True).str.split(LIST_SEPARATOR).explode()
    named = named[named.isin(ours)] if ours else named[named != ""]
    first = named.groupby(level=0).first().reindex(range(len(brands)))
    return pd.Series(first.to_numpy(dtype=object), index=brands.index, dtype="string")


def _aimed_elsewhere(df: pd.DataFrame, ours: list[str]) -> pd.Series:
    """The posts naming several brands that are positive towards ours, more negative towards another brand and ask
    nothing (no `?`): their complaint is that brand's ("SwiftRail seats are terrible, RailNova is better"). A post
    neutral towards ours, or asking, is often a request to us ("Aerolux cancelled my flight, Skyway please help me get
    to Denver", "@Skyway can you rebook me? Aerolux cancelled": review of stop 40, both were left out)."""
    out = pd.Series(False, index=df.index)
    if "brand_sentiments" not in df.columns or not ours:
        return out
    cells = pd.Series(df["brand_sentiments"].fillna("").astype(str).to_numpy())
    pairs = cells[cells != ""].str.split(LIST_SEPARATOR).explode().str.rpartition("=")
    if pairs.empty:
        return out
    others = pd.to_numeric(pairs[2], errors="coerce")[~pairs[0].isin(ours)]
    lowest_other = others.groupby(level=0).min().reindex(range(len(df))).to_numpy()
    ours_score = df["brand_sentiment"].astype(float).to_numpy()
    with np.errstate(invalid="ignore"):
        above = ours_score > lowest_other  # (NaN on either side: False)
    favour = (df["sentiment_label"] == "positive").fillna(False).to_numpy(dtype=bool)
    asks = df["text"].fillna("").astype(str).str.contains("?", regex=False).to_numpy(dtype=bool)
    out[:] = above & favour & ~asks
    return out


def _reasons(
    df: pd.DataFrame, config: Config | None = None, ours: list[str] | None = None
) -> tuple[pd.Series, pd.Series]:
    """Why each post is queued ("" for none), and its `intent` and `intents` (the data's, else what the config's rules
    read; `intents` its `intent` where it has none: a store before v14)."""
    negative = df["sentiment_label"] == "negative"
    stored = "intent" in df.columns and df["intent"].notna().any()
    # (a Hacker News reply's intent is read on its own words, as `analyze` reads it: the thread's title is the story's)
    df = replies_alone(df)
    # (without intents, the config's rules read them, as `analyze` would: a list of complaint words here called "how
    # do I cancel my order?" and "how can I fix the login error?" complaints, and "the app keeps crashing" nothing)
    read = df if stored else _read_intents(df, config)
    tagged = read["intent"].astype("string")
    intent = tagged.str.lower()
    own, reading = _asked_under_own_intent(df, intent, config)
    asks = intent.isin(ANSWER_INTENTS).fillna(False).astype(bool) | own
    # (a post whose first intent is none to answer, but another of its `intents` is: "the app crashes every time,
    # please add an offline mode", a suggestion first, is a complaint too)
    also = every_intent(read).map(lambda tags: next((t for t in tags[1:] if t in ANSWER_INTENTS), "")).where(~asks, "")
    asks |= also != ""
    ask_reason = intent.where(also == "", also)
    kind = intent.where(~own, reading)  # (a post of the config's own intent: what the built-in rules call it)
    kind = kind.where(also == "", also)
    if not stored:  # (and any "?" that asks: "A lounge open? anyone", which the question rule reads as none)
        question = _questions(df, config) & ~asks
        asks |= question
        ask_reason, kind = ask_reason.where(~question, "question"), kind.where(~question, "question")
    # (a complaint about a competitor in a post that spares ours is no complaint of ours to answer; nor is one of the
    # config's own intent, which its post was queued as: "B refused my refund, A never would" under `[intent.refund]`)
    asks &= ~((kind != "question").fillna(False).astype(bool) & _aimed_elsewhere(df, ours or []))
    # (a 1-star review is a complaint, however its words read: "Opened it and it showed the menu" asked nothing)
    # (`analyze` tags it so since stop 46, `enrich.intent.rated_low`; read again here for the intents stored before it,
    # and the config's own: a 1-star `[intent.refund]` is still a complaint to answer)
    low = rated_low(df)
    ask_reason = ask_reason.where(asks | ~low, "complaint")
    asks |= low
    reason = pd.Series(np.where(negative.fillna(False), "negative", ""), index=df.index)
    both = reason.where(~asks, np.where(reason != "", reason + "+" + ask_reason.fillna(""), ask_reason.fillna("")))
    listed = read["intents"].astype("string") if "intents" in read else tagged
    listed = listed.where(listed.fillna("") != "", tagged)
    return both, pd.DataFrame({"intent": tagged, "intents": listed})


def _read_intents(df: pd.DataFrame, config: Config | None) -> pd.DataFrame:
    """The `intent` and `intents` the config's rules (its own `[intent.NAME]` first, then the built-in ones) give
    posts read without an `intent` column (a store of schema version 1, a frame of one's own)."""
    from ..enrich.intent import intents_from_config, tag_intent  # (here: the queue loads without the intent rules)

    raw, where = (config.raw, str(config.path or "config")) if config else (None, "config")
    brands = config.brands if config else None
    rules = intents_from_config(raw, where)
    return tag_intent(df, rules, brands_configured=bool(brands), brands=brands)[["intent", "intents"]]


def _questions(df: pd.DataFrame, config: Config | None) -> pd.Series:
    """The posts with a "?" that asks, for data without an `intent` column: not a run of them after a space ("great
    flight ??") or right before a letter ("day??Home"), what a cp1252 export leaves of emoji, unless the question rule
    (the config's `[intent.question]`, else the built-in one) reads the post as a question ("is it open ??")."""
    text = df["text"].fillna("").astype(str)
    marked = text.str.contains("?", regex=False)
    asks = marked.copy()
    asks[marked] = text[marked].str.replace(LOST_EMOJI, "", regex=True).str.contains("?", regex=False)
    if (lost := marked & ~asks).any():
        from ..enrich.intent import intent_hits, split_intents  # (here: the queue loads without the intent rules)

        raw, where = (config.raw, str(config.path or "config")) if config else (None, "config")
        rules = [r for r in split_intents(raw, where)[1] if r.name == "question"]
        if rules:
            asks[lost] = intent_hits(df[lost], rules, bool(config and config.brands))[:, 0]
    return asks


def _asked_under_own_intent(df: pd.DataFrame, intent: pd.Series, config: Config | None) -> tuple[pd.Series, pd.Series]:
    """The posts tagged with an intent of the config's own that the built-in rules call a complaint or question:
    the config's own intents are checked first, so "how do I get a refund?" is `[intent.refund]`'s, and it is still
    a customer's question to answer; and those of an intent the config marks `answer = true` (a German complaint's
    `[intent.beschwerde]`, which the built-in English rules call none). Also what the built-in rules call each post of
    such an intent ("" for none): a question is never another brand's complaint (`_aimed_elsewhere`)."""
    out, reading = pd.Series(False, index=df.index), pd.Series("", index=df.index, dtype=object)
    if config is None or "intent" not in config.raw:
        return out, reading
    from ..enrich.intent import split_intents, tag_intent  # (here: the queue loads without the intent rules)

    own, built_in = split_intents(config.raw, str(config.path or "config"))
    # (`answer = true`: the config says its posts are to answer, in a language the built-in rules do not read too)
    answer = intent.isin([r.name.lower() for r in own + built_in if r.answer]).fillna(False).astype(bool)
    hidden = intent.isin([r.name.lower() for r in own if not r.answer]).fillna(False).astype(bool)
    if (read := (answer | hidden).to_numpy(dtype=bool)).any():
        again = tag_intent(df[read], built_in, brands_configured=bool(config.brands), brands=config.brands)["intent"]
        reading[again.index] = again.fillna("").to_numpy(dtype=object)
    return answer | (hidden & reading.isin(ANSWER_INTENTS)), reading


def is_urgent(df: pd.DataFrame, config: Config | None) -> pd.Series:
    """Which posts are of an intent the config marks `urgent = true` (a safety signal), to head the queue."""
    if "intent" not in df:
        return pd.Series(False, index=df.index)
    names = [name.lower() for name in urgent_intents(config)]
    return df["intent"].fillna("").str.lower().isin(names) if names else pd.Series(False, index=df.index)


def priority(df: pd.DataFrame, now: pd.Timestamp) -> pd.Series:
    """The documented priority score (module docstring), 0..100, unrounded (the queue is sorted on it)."""
    df = with_reach(df)
    reach = np.minimum(1, np.log10(1 + df["author_followers"].fillna(0).astype(float)) / 6)
    own = df["brand_sentiment"] if "brand_sentiment" in df.columns else df["sentiment"]  # (`towards_ours`)
    # (a review's stars too: a 1-star review in neutral words sorted below every mildly negative tweet; 0 stars, of a
    # 0 to 5 scale, as 1: its 1.5 made a priority of 115)
    negativity = np.maximum((-own.fillna(0)).clip(lower=0), ((3 - star_ratings(df).fillna(3)) / 2).clip(0, 1))
    engagement = np.minimum(1, np.log10(1 + df["engagement"].astype(float).clip(lower=0)) / 4)  # (a net score < 0)
    age_hours = ((now - df["created_at"]).dt.total_seconds() / 3600).clip(lower=0)
    recency = 0.5 ** (age_hours / 24)
    score = (
        WEIGHTS["reach"] * reach
        + WEIGHTS["negativity"] * negativity
        + WEIGHTS["engagement"] * engagement
        + WEIGHTS["recency"] * recency
    )
    return 100 * score


def response_queue(
    df: pd.DataFrame,
    config: Config | None,
    *,
    now: pd.Timestamp,
    since: pd.Timestamp | None = None,
    history: pd.DataFrame | None = None,
    brand: str | Iterable[str] | None = None,
    look_back: pd.Timestamp | None = None,
    answered: bool = False,
) -> pd.DataFrame:
    """The posts to answer, highest priority first (columns QUEUE_COLUMNS); only those mentioning `brand`
    (a name or several) when given, else one of our brands (when `config` has no brands, any brand: posts naming
    none are not about a brand).

    `history` (default `df`) is where brand replies are looked for: replies can come after the window, but not
    after `now` (a queue as of a past time counts only the replies posted before it).

    Its `attrs["unscored"]`: how many posts it weighed and left out that have no sentiment: in another language,
    an English-only analyzer's, they are queued for their intent alone (built-in: English words, and a question
    mark), so a Spanish complaint was not queued and nothing said so.

    Its `attrs["retweets"]`: how many retweets ("RT @user: ...") it left out that it would have queued.

    Its `attrs["earlier"]`, with `look_back` (a time before `since`): how many posts from `look_back` to `since` it
    would have queued (one of 8 days ago, still unanswered, dropped out of the default week with no word), and
    `attrs["earliest"]` the time of the oldest of them, ISO 8601 ("": none; attrs are written to Parquet as JSON).

    Its `attrs["answered"]`: how many reviews it would have queued that the brand answered in the store where they
    were written (`owner_answered`), left out; with `answered`, listed (and counted), their `reply` and `replied_at`
    in two columns more."""
    start = since if look_back is None or since is None else min(look_back, since)
    candidates, reasons = _weighed(df, config, now=now, since=start, history=history, brand=brand)
    early = (
        np.zeros(len(candidates), dtype=bool) if since is None else (candidates["created_at"] < since).to_numpy(bool)
    )
    # (a news outlet's "RT @electrek: Voltra recalls ..." shared by 22 people was 22 posts to answer, none answerable)
    shared = is_retweet(candidates) & (reasons != "").to_numpy(dtype=bool)
    retweets = int((shared & ~early).sum())
    candidates, reasons, early = candidates[~shared], reasons[~shared], early[~shared]
    left = candidates["created_at"][early & (reasons != "").to_numpy(dtype=bool)]
    candidates, reasons = candidates[~early], reasons[~early]
    # (a review the app's developer already answered in the store: 17 of a bank app's 105 were queued)
    replied = owner_answered(candidates, now).to_numpy(dtype=bool) & (reasons != "").to_numpy(dtype=bool)
    if not answered:
        candidates, reasons = candidates[~replied], reasons[~replied]
    unscored = int((candidates["brand_sentiment"].isna() & (reasons == "")).sum())
    candidates = candidates[reasons != ""].assign(reason=reasons[reasons != ""])
    out = with_reach(candidates).assign(priority=priority(candidates, now))
    out = out.rename(columns={"author_followers": "followers"})
    for col, dtype in (("topics", "string"), ("lang", "string"), ("rating", "Float64")):  # (a frame of one's own)
        if col not in out.columns:
            out[col] = pd.Series(pd.NA, index=out.index, dtype=dtype)
    # an `urgent = true` intent's posts first (a neutral "my dad fell on the ward" was queued 150th, after parking
    # complaints of more followers); the platform and id last: files and the store list ties alike
    out = out.assign(urgent=is_urgent(out, config))
    out = out.sort_values(
        ["urgent", "priority", "created_at", "platform", "post_id"], ascending=[False, False, False, True, True]
    )
    out = folded_copies(out)
    shown = QUEUE_COLUMNS + (list(REPLY_FIELDS) if answered else [])
    if answered:  # (a file without replies: none; a reply after `now` is none yet)
        later = ~owner_answered(out, now)
        for col, (dtype, _) in REPLY_FIELDS.items():
            out[col] = (out[col] if col in out.columns else pd.Series(pd.NA, index=out.index)).astype(dtype)
            out.loc[later, col] = pd.NA
    # (scores to 4 decimals, as a post naming several brands has its own from `brand_sentiments`)
    out = out[shown].assign(
        priority=out["priority"].round(1),
        sentiment=out["sentiment"].round(SENTIMENT_DECIMALS),
        brand_sentiment=out["brand_sentiment"].round(SENTIMENT_DECIMALS),
    )
    out.attrs["unscored"] = unscored
    out.attrs["retweets"] = retweets
    out.attrs["copies"] = int(out["copies"].sum() - len(out))
    out.attrs["answered"] = int(replied.sum())
    out.attrs["earlier"] = len(left)
    out.attrs["earliest"] = left.min().isoformat() if len(left) else ""
    return out


#: a share of another's words: a link (a share button's) or "via @outlet" (`folded_copies`)
SHARED = r"(?i)https?://|\bwww\.|\bvia\s+@\w"


def copy_key(texts: pd.Series) -> pd.Series:
    """The text of each post as its copies share it: without COPY_NOISE, case folded, spaces collapsed, and the quote
    marks and stops around it ("Voltra recall: ... https://t.co/a" and "voltra recall: ...  https://t.co/b." alike)."""
    key = texts.fillna("").astype(str).str.replace(COPY_NOISE, " ", regex=True, flags=re.IGNORECASE)
    key = key.str.casefold().str.split().str.join(" ")
    return key.str.strip(" \"'\u201c\u201d\u2018\u2019.!…")


def shared_words(posts: pd.DataFrame, *, retweets: bool = False) -> tuple[pd.Series, np.ndarray]:
    """Each of `posts`' brands and words (`copy_key`) as its copies share them, and which are shares with words: a
    link or a "via @outlet" (`SHARED`), with `retweets` a retweet too ("RT @mum: ...", its "RT" none of its words).
    What the queue folds (`folded_copies`) and safety alerts send once (`safety.repeated`)."""
    text = posts["text"].fillna("").astype(str)
    shared = text.str.contains(SHARED, regex=True).to_numpy(dtype=bool)
    if retweets:
        shared = shared | is_retweet(posts)
        text = text.str.replace(r"^\s*(?i:rt)\s+", "", regex=True)
    said = copy_key(text)
    return posts["brands"].fillna("").astype(str) + "\x00" + said, shared & (said != "").to_numpy(dtype=bool)


def folded_copies(out: pd.DataFrame) -> pd.DataFrame:
    """`out` (sorted, most urgent first) with one row for the posts of the same brands whose texts are copies
    (`copy_key`): the first, most urgent (its reach weighs most), its `copies` how many it stands for. A headline
    posted without "RT" by 17 accounts during a recall was queued 17 times. Only shares are copies, posts with a link
    or a "via @outlet" (`SHARED`): customers writing the same words each want an answer (4 of the example data's
    "QuickBite support chatbot keeps closing my ticket" were one row). (A post whose key is empty, links or handles
    alone, is its own.)"""
    key, copies = shared_words(out)
    key = key.where(copies, out.index.astype(str))
    out = out.assign(copies=key.map(key.value_counts()).astype("int64"))
    return out[~key.duplicated().to_numpy(dtype=bool)].reset_index(drop=True)


def _weighed(
    df: pd.DataFrame,
    config: Config | None,
    *,
    now: pd.Timestamp,
    since: pd.Timestamp | None,
    history: pd.DataFrame | None,
    brand: str | Iterable[str] | None,
) -> tuple[pd.DataFrame, pd.Series]:
    """The posts the queue weighs (about our brands, by customers, unanswered before `now`) with their sentiment
    towards ours, and their reasons to be queued ("" for none)."""
    configured = bool(config and config.brands)
    ours = [b.name for b in config.brands if not b.competitor] if configured else []
    if brand:
        ours = [brand] if isinstance(brand, str) else list(brand)
    candidates = df if since is None else df[df["created_at"] >= since]
    candidates = candidates[candidates["created_at"] < now]
    if ours or configured:  # (brands that are all competitors: their posts are not ours to answer)
        names = candidates["brands"].fillna("").str.split(LIST_SEPARATOR).explode()
        candidates = candidates[names.isin(ours).groupby(level=0).any().reindex(candidates.index, fill_value=False)]
    else:  # (no brands configured: the brands the posts name, not every post, with or without a brand)
        candidates = candidates[candidates["brands"].fillna("") != ""]
    candidates = customer_posts(candidates, config)
    # a queue as of a past `now` sees the replies there were then (one posted later answered the post already)
    history = df if history is None else history
    replied = history[~(history["created_at"] >= now)]  # (a reply without a time: there then, as far as is known)
    candidates = candidates[~answered(candidates, replied, config, ours)]
    thresholds = (config.positive, config.negative) if config else (0.05, -0.05)
    candidates = towards_ours(candidates, ours, *thresholds)
    reasons, intents = _reasons(candidates, config, ours)
    return candidates.assign(intent=intents["intent"], intents=intents["intents"]), reasons
