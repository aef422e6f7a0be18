"""Safety posts: one post that names an injury, a fire, smoke, a crash or a recall hazard is an alert by itself.

A spike needs `--min-volume` posts; a passenger's "the engine caught fire, smoke in the cabin" is one post, and the
on-call person must hear of it at once. The words are physical harm alone: an app that "crashes" or a deal that is
"fire" is no hazard. Posts of an intent the config marks `urgent = true` (a hospital's "fell on the ward") count too.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..config import Config
from ..enrich.brands import customer_posts, is_retweet
from ..schema import LIST_SEPARATOR
from .periods import floor_time, zone
from .queue import SHARED, copy_key, is_urgent
from .spikes import Alert, example_post

#: words of physical harm (English): injury, fire, smoke, a crash of a vehicle, a recall for a hazard
HAZARD = re.compile(
    r"\b(injur(y|ies|ed|ing)(?![- ]time)|hospitali[sz]ed|(taken|rushed|sent) to (the )?(hospital|er|a&e)"
    r"|burn(ed|t|s) (my|his|her|their|our)|got burn(ed|t)|caught (on )?fire|burst into flames|in flames"
    r"|fire (broke out|on board)"
    r"|(smoke|smoking|smoked) (from|in|out|pouring|coming)|(filled with|full of|smell of|smelled) smoke"
    r"|(plane|car|bus|train|bike|scooter|vehicle|truck) (crash(ed)?|accident)|crash(ed)? into|crash[- ]land\w*"
    r"|emergency landing|(?<!\bi )(?<!\byou )(?<!\bwe )(?<!\bthey )recall\w*\W+(\w+\W+){0,6}"  # (not "I recall")
    r"(hazard|fire|burn|injur\w*|danger\w*|chok\w*))",
    re.IGNORECASE,
)
#: a word every phrase of `HAZARD` holds: the texts without any are passed over (`hazards`), as `HAZARD` alone took
#: ~100 µs a text, 21 s of the 200,000 posts of a store, and doubled a 55-day `alerts` run
STEMS = re.compile("injur|hospital| er|a&e|burn|fire|flame|smok|crash|accident|landing|recall", re.IGNORECASE)


def hazards(text: pd.Series) -> pd.Series:
    """Whether each of `text` names a hazard (`HAZARD`), looked for in the texts holding one of its `STEMS` alone."""
    some = text.str.contains(STEMS).to_numpy(dtype=bool)
    out = np.zeros(len(text), dtype=bool)
    out[some] = [HAZARD.search(t) is not None for t in text[some]]  # (none: an empty list, and an empty selection)
    return pd.Series(out, index=text.index)


def repeated(posts: pd.DataFrame) -> np.ndarray:
    """Which of `posts` (oldest first) repeat an earlier one's report: a retweet ("RT @mum: ...") or a share (a link,
    "via @outlet": the queue's `SHARED`) whose words (`copy_key`) and brands an earlier post of them has. A parent's
    "covered in hives" post retweeted 5 times was 6 alerts; the queue, one row. Customers writing the same words
    without a link each report their own case, and stay."""
    text = posts["text"].fillna("").astype(str)
    copying = is_retweet(posts) | text.str.contains(SHARED, regex=True).to_numpy(dtype=bool)
    said = copy_key(text.str.replace(r"^\s*(?i:rt)\s+", "", regex=True))
    key = posts["brands"].fillna("").astype(str) + "\x00" + said
    return copying & key.duplicated().to_numpy(dtype=bool) & (said != "").to_numpy(dtype=bool)


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
) -> list[Alert]:
    """An alert (`kind` "safety") for each customer post created in [start, end) naming a brand (one of `brands`,
    when given; else one not marked `competitor`: another airline's crash is news, not this team's to answer) whose
    text names a hazard (`HAZARD`) or whose intent the config marks urgent: keyed by the post, not its bucket, so it
    is sent once whatever the job's bucket; its one example the post, its text `mask`ed."""
    posts = df[(df["created_at"] >= start) & (df["created_at"] < end)]
    if posts.empty:
        return []
    posts = customer_posts(posts, config)
    text = posts["text"].fillna("").astype(str)
    hit = hazards(text) | is_urgent(posts, config)
    rivals = {b.name for b in (config.brands if config else []) if b.competitor}
    wanted = {b.casefold() for b in brands or []}
    where = zone(tz)
    out = []
    flagged = posts[hit.to_numpy(dtype=bool)].sort_values("created_at", kind="stable")
    for r in flagged[~repeated(flagged)].itertuples(index=False):
        cell = "" if pd.isna(r.brands) else str(r.brands)
        named = [b for b in cell.split(LIST_SEPARATOR) if b and (b.casefold() in wanted if wanted else b not in rivals)]
        if not named:
            continue
        platform = getattr(r, "platform", None)
        ident = "_".join(f"{'' if pd.isna(platform) else platform}/{r.post_id}".split())
        out.append(
            Alert(
                "safety",
                named[0],
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
            )
        )
    return out
