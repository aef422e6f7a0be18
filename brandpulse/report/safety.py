"""Safety posts: one post that names an injury, a fire, smoke, a crash or a recall hazard is an alert by itself.

A spike needs `--min-volume` posts; a passenger's "the engine caught fire, smoke in the cabin" is one post, and the
on-call person must hear of it at once. The words are physical harm alone: an app that "crashes" or a deal that is
"fire" is no hazard. Posts of an intent the config marks `urgent = true` (a hospital's "fell on the ward") count too:
the config's way to add words, in any language (`[intent.safety]` with `keywords = ["incendio"]`).

A post names a hazard of each of our brands it names, unless every hazard it names is nearer a competitor's name
than ours ("Aerolux plane crash on landing, glad I fly Skyway"). News of a crash elsewhere that names our brand still
alerts: "Engine caught fire on takeoff. Never flying Skyway again." names it no nearer, and a missed fire costs more
than a false alarm.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..config import Config
from ..enrich.brands import BrandLocator, customer_posts, is_retweet
from ..enrich.matching import fold_series
from ..errors import ConfigError, UsageError
from ..schema import LIST_SEPARATOR
from .periods import floor_time, zone
from .queue import is_urgent, shared_words
from .spikes import Alert, example_post
from .summary import urgent_intents

#: words of physical harm (English) by kind, the names `[alerts] safety` may list beside the urgent intents':
#: injury, fire (and smoke), a crash of a vehicle, a recall for a hazard
WORDS = {
    "injury": r"injur(y|ies|ed|ing)(?![- ]time)|hospitali[sz]ed|(taken|rushed|sent) to (the )?(hospital|er|a&e)"
    r"|burn(ed|t|s) (my|his|her|their|our)|got burn(ed|t)",
    "fire": r"caught (on )?fire|burst into flames|in flames|fire (broke out|on board)"
    r"|(smoke|smoking|smoked) (from|in|out|pouring|coming)|(filled with|full of|smell of|smelled) smoke",
    "crash": r"(plane|car|bus|train|bike|scooter|vehicle|truck) (crash(ed)?|accident)|crash(ed)? into|crash[- ]land\w*"
    r"|emergency landing",
    "recall": r"(?<!\bi )(?<!\byou )(?<!\bwe )(?<!\bthey )recall\w*\W+(\w+\W+){0,6}"  # (not "I recall")
    r"(hazard|fire|burn|injur\w*|danger\w*|chok\w*)",
}


def hazard_words(kinds) -> re.Pattern:
    """The words of `kinds` (of `WORDS`) as one pattern."""
    return re.compile(r"\b(" + "|".join(f"(?:{WORDS[k]})" for k in kinds) + ")", re.IGNORECASE)


HAZARD = hazard_words(WORDS)
#: a word every phrase of `HAZARD` holds: the texts without any are passed over (`hazards`), as `HAZARD` alone took
#: ~100 µs a text, 21 s of the 200,000 posts of a store, and doubled a 55-day `alerts` run
STEMS = re.compile("injur|hospital| er|a&e|burn|fire|flame|smok|crash|accident|landing|recall", re.IGNORECASE)


def hazards(text: pd.Series, words: re.Pattern = HAZARD) -> pd.Series:
    """Whether each of `text` names a hazard (`HAZARD`, or `words` of some kinds), looked for in the texts holding one
    of its `STEMS` alone."""
    some = text.str.contains(STEMS).to_numpy(dtype=bool)
    out = np.zeros(len(text), dtype=bool)
    out[some] = [words.search(t) is not None for t in text[some]]  # (none: an empty list, and an empty selection)
    return pd.Series(out, index=text.index)


def repeated(posts: pd.DataFrame) -> np.ndarray:
    """Which of `posts` (oldest first) repeat an earlier one's report: a retweet ("RT @mum: ...") or a share (a link,
    "via @outlet": the queue's `SHARED`) whose words (`copy_key`) and brands an earlier post of them has. A parent's
    "covered in hives" post retweeted 5 times was 6 alerts; the queue, one row (a retweet cut short, "RT @mum: my
    son is covered in hiv…", repeats the post its words begin). Customers writing the same words
    without a link each report their own case, and stay."""
    key, copies = shared_words(posts, retweets=True)
    out = copies & key.duplicated().to_numpy(dtype=bool)
    # an old-style retweet cut short by its platform ("RT @pax: smoke in the cabin on flight 2…") repeats the earlier
    # post whose words (and brands) begin with its own: it alerted apart from the post it repeats
    cut = posts["text"].fillna("").astype(str).str.rstrip().str.endswith(("…", "...")).to_numpy(dtype=bool)
    keys = key.tolist()
    for i in np.flatnonzero(cut & is_retweet(posts) & copies & ~out):
        out[i] = any(k.startswith(keys[i]) for k in keys[:i])
    return out


def safety_alerts(
    df: pd.DataFrame,
    start: pd.Timestamp,
    end: pd.Timestamp,
    *,
    bucket: str = "day",
    config: Config | None = None,
    tz: str | None = None,
    brands: list[str] | None = None,
    mask=str,
    kinds: tuple[str, ...] | None = None,
) -> list[Alert]:
    """An alert (`kind` "safety") for each brand (of `brands`, when given; else each not marked `competitor`: another
    airline's crash is news, not this team's to answer) named by a customer post created in [start, end) whose text
    names a hazard (`HAZARD`) not nearer a competitor's name (`rivals_hazard`), or whose intent the config marks
    urgent: keyed by the post, not its bucket, so it is sent once whatever the job's bucket; its one example the post,
    its text `mask`ed. `kinds` (`safety_kinds`): the kinds of `WORDS` and the urgent intents that alert (None: all)."""
    posts = df[(df["created_at"] >= start) & (df["created_at"] < end)]
    if posts.empty:
        return []
    posts = customer_posts(posts, config)
    text = posts["text"].fillna("").astype(str)
    urgent = is_urgent(posts, config)
    words = HAZARD if kinds is None else hazard_words([k for k in WORDS if k in kinds])
    if kinds is not None:  # (a courier's `hazard` intent alone: its drivers' injuries are HR's, not the night's page)
        urgent &= posts["intent"].fillna("").str.lower().isin(kinds) if "intent" in posts else False
        words = words if any(k in WORDS for k in kinds) else None
    urgent = urgent.to_numpy(dtype=bool)
    hit = (hazards(text, words).to_numpy(dtype=bool) if words else np.zeros(len(posts), dtype=bool)) | urgent
    rivals = {b.name for b in (config.brands if config else []) if b.competitor}
    wanted = {b.casefold() for b in brands or []}
    where = zone(tz)
    out = []
    flagged = posts[hit].assign(urgent_=urgent[hit]).sort_values("created_at", kind="stable")
    flagged = flagged[~repeated(flagged)]
    for r, sure in zip(flagged.itertuples(index=False), flagged["urgent_"].to_numpy(dtype=bool), strict=True):
        cell = "" if pd.isna(r.brands) else str(r.brands)
        named = [b for b in cell.split(LIST_SEPARATOR) if b and (b.casefold() in wanted if wanted else b not in rivals)]
        others = [b for b in cell.split(LIST_SEPARATOR) if b in rivals and b not in named]
        # (an urgent intent's post is ours whoever else it names)
        if not named or (others and not sure and rivals_hazard(str(r.text), named, others, config, words)):
            continue
        platform = getattr(r, "platform", None)
        ident = "_".join(f"{'' if pd.isna(platform) else platform}/{r.post_id}".split())
        # (each brand it names: one naming two of ours alerted the first alone; `shown` says them in one line)
        out += [
            Alert(
                "safety",
                brand,
                bucket,
                floor_time(r.created_at, bucket, where),
                1,
                0,
                1,
                1,
                int(str(getattr(r, "sentiment_label", "")) == "negative"),
                1,
                examples=(example_post(r, mask),),
                post=f"{ident}@{r.created_at.tz_convert('UTC'):%Y-%m-%dT%H:%M}Z",
                intent=str(r.intent) if sure else None,
            )
            for brand in named
        ]
    return out


def rivals_hazard(
    text: str, ours: list[str], rivals: list[str], config: Config | None, words: re.Pattern | None = HAZARD
) -> bool:
    """Whether every hazard `text` names (`HAZARD`) is nearer the name of one of `rivals` (competitors it names) than
    any name of `ours` (characters between): "Aerolux plane crash on landing, glad I fly Skyway" is Aerolux's news,
    not Skyway's to answer. False when either is named nowhere the locator finds (a query's field): ours, then."""
    if config is None:
        return False
    folded = str(fold_series.build(pd.Series([text])).iloc[0])
    locator = BrandLocator([b for b in config.brands if b.name in {*ours, *rivals}])
    _, which, starts, ends = locator.spans(pd.Series([folded]))
    near = {True: [], False: []}  # (a rival's: True)
    for j, start, end in zip(which, starts, ends, strict=True):
        near[locator.labels[j] in rivals].append((int(start), int(end)))
    found = list(words.finditer(folded)) if words else []
    if not (near[True] and near[False] and found):
        return False

    def gap(m: re.Match, spans: list[tuple[int, int]]) -> int:
        return min(max(0, start - m.end() + 1, m.start() - end) for start, end in spans)

    return all(gap(m, near[True]) < gap(m, near[False]) for m in found)


def safety_kinds(config: Config | None, option: bool | None, kinds: tuple[str, ...] = ()) -> tuple[str, ...] | None:
    """The safety posts `alerts` alerts on: `--safety-kind`'s `kinds` (those alone), `--safety` (every kind: None) or
    `--no-safety` (none: ()), else the config's `[alerts] safety`: true (None), false, or a list of the kinds of
    `WORDS` and urgent intents to alert on (`["hazard"]`: a utility's downed lines, not its vulnerable customers; a
    courier's fire, not an injury). A run by hand could not choose them as the config does."""
    if kinds:
        if option is False:
            raise UsageError("--no-safety alerts on no safety post: drop it, or drop --safety-kind")
        return _known(config, kinds, "--safety-kind", UsageError)
    value = (config.raw if config else {}).get("alerts", {}).get("safety", True) if option is None else option
    if not isinstance(value, list):
        return None if value else ()
    return _known(config, value, f"{config.path or 'config'}: [alerts] safety", ConfigError)


def _known(config: Config | None, names, where: str, error: type[Exception]) -> tuple[str, ...]:
    """`names` of safety kinds (`WORDS`' and the config's urgent intents', in any case), lower-cased; an `error`
    naming `where` and the known ones for another."""
    urgent = [name.lower() for name in urgent_intents(config)]
    for name in names:
        if not isinstance(name, str) or name.lower() not in {*WORDS, *urgent}:
            raise error(
                f"{where}: no safety kind {name!r} (known: {', '.join(WORDS)}"
                + (f"; the urgent intents: {', '.join(urgent)})" if urgent else "; no intent is marked urgent)")
            )
    return tuple(name.lower() for name in names)
