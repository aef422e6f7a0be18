"""Spike alerts: a brand's volume or negative share far above its own recent history.

For each brand and each complete bucket (hour or day) in the checked window, the baseline is the
`window` buckets just before it (default 14 days, or 7 days of hours). A bucket fires when

    volume:          volume >= min_volume and volume > median + k * max(1.4826 * MAD, sqrt(median), 1)
    negative share:  scored >= min_volume and wilson_low(negative, scored) > median share + margin (0.15)

where `scored` counts the posts with a sentiment: posts an English-only analyzer leaves unscored
are not neutral, so they are not in the share (as in the report's negative %).

Median and MAD (median absolute deviation, scaled to a standard deviation for normal data) are
robust: last week's spike does not raise this week's bar much. The floors stop a flat baseline
(MAD 0) from turning one extra post into a crisis; sqrt(median) is the Poisson noise of a count;
k defaults to 4. The share test uses the lower end of the 95% Wilson interval of the bucket's
negative share, so 2 of 10 negative (20%, plausibly 6%) needs far more evidence than 150 of 200;
the baseline is the median share of the window's buckets that had scored posts. Buckets before the
first post of the data, and days without any post (a missed export), are not counted as quiet:
without history there is no alert.

An hour is compared with the same hour of the window's days (10:00 with the 10:00s of the 7 days before), when at
least 3 of them are history: a brand's morning rush, or its quiet nights, are its usual hours, not a spike, nor what
a spike is measured against. With fewer (a new store, a missed export, `--window` under 72 hours) it is compared with
the hours just before, as a day is with the days before. The same hour is the clock's, also over a change of
daylight saving (08:00 with the 08:00s before it, not with the 07:00s 24 hours before); the hour the clock skips
when it goes forward is none of that day's. Of those days, an hour is compared with the days of its kind alone
(weekdays, or Saturday and Sunday) when at least 2 of them are history: a Saturday 10:00 with the weekend before,
not with the 5 weekday 10:00s of the week. For the negative share those hours must hold `min_volume` posts with a
sentiment too (two Saturday 08:00s of a post each are no usual share).

A spike goes on (`Alert.previous`) while the same alert (brand and kind) fired in the last bucket before that could
tell: a bucket with fewer than `min_volume` posts (posts with a sentiment, for the share), or of a day without any
post, can neither alert nor say the spike ended, so a night of few posts between two mornings of an outage does not
end it. Only a bucket with enough posts and no alert ends a spike; at most a day of buckets that cannot tell
(`BRIDGE`: 24 hours, or 1 day) is bridged, so a small brand's spike a week after another is a new one. That bucket,
the first with enough posts and no alert, is where the spike is over (`Over`, `detect_spikes_and_ends`); with none
within the bridge, the last bucket of the bridge is, as far as can tell (`Over.quiet`).
A brand's own handles (config `handles`) are left out: their replies are not customer talk.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace

import numpy as np
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view

from ..config import Config
from ..enrich.brands import customer_posts
from ..figures import round_pct, wilson_low
from ..output.terminal import counted
from ..schema import LIST_SEPARATOR
from .periods import bucket_grid, bucket_starts, floor_time, step_buckets, utc_text, zone
from .summary import explode_brands

BUCKETS = {"day": pd.Timedelta(days=1), "hour": pd.Timedelta(hours=1)}
DEFAULT_WINDOW = {"day": 14, "hour": 168}
#: an hour's baseline is the same hour of the window's days when this many of them are history (else the hours before)
SAME_HOUR_DAYS = 3
#: ... and of the window's days of its kind (weekdays, or Saturday and Sunday) when this many of those are history: with
#: the default window, a weekend hour's is the weekend before
SAME_KIND_DAYS = 2
#: buckets that cannot tell (too few posts, or a day without any) a spike goes on across: a day's worth
BRIDGE = {"day": 1, "hour": 24}
MAD_SCALE = 1.4826
#: a spike going on (or an alert's bucket counted again) is sent once more, as an escalation, when its level (posts, or
#: negative posts for a negative spike) is at least this many times that of the last alert sent for it
ESCALATION = 2


@dataclass
class Alert:
    kind: str  # "volume" or "negative_share"
    brand: str
    bucket: str  # "day" or "hour"
    start: pd.Timestamp
    value: float
    baseline: float
    threshold: float
    volume: int
    negative: int
    scored: int  # posts with a sentiment: the negative share is of these (unscored ones are not neutral)
    #: the last bucket before that could tell (enough posts), when the same alert (brand and kind) fired there too,
    #: with at most a day of buckets that could not between: the spike goes on
    previous: pd.Timestamp | None = None
    #: an escalation (`ESCALATION`): the level (`level`) of the last alert sent for the same spike, else None
    escalated_from: int | None = None
    #: the bucket is still in progress (`detect_spikes(partial=True)`): its posts were counted up to this time
    counted_until: pd.Timestamp | None = None
    #: a few of the bucket's posts, widest reach first (negative ones for a negative spike): `with_examples`
    examples: tuple[dict, ...] = ()
    #: a topic's alert (`by_topic`): `brand` is the topic's name
    topic: bool = False
    #: a brand's alert: the topics of the same bucket whose spikes are mostly its posts (`fold_topics`), each with its
    #: posts that name the brand; its line says them (`mostly about delays`)
    about: tuple[tuple[str, int], ...] = ()
    #: a topic's alert: the brand whose alert's line says it (`fold_topics`), when that alert is shown too
    within: str | None = None
    #: a safety post's alert (`safety.safety_alerts`): the post, `PLATFORM/ID@TIMEZ`; its key is the post's, not its
    #: bucket's (sent once, by a daily or an hourly job)
    post: str | None = None
    #: a safety post's urgent intent (the config's `[intent.NAME] urgent = true`, as the post's `intent` says it), its
    #: line's name for it ("safeguarding post"); None for hazard words alone ("safety post"). Not in its key
    intent: str | None = None

    @property
    def level(self) -> int:
        """How bad the alert is, as an escalation compares it: its posts, or for a negative spike its negative posts
        (a share is capped at 100 %: an outage at 83 % cannot double)."""
        return self.volume if self.kind == "volume" else self.negative

    @property
    def key(self) -> str:
        """Identifies the alert across runs: the same bucket of the same brand is one alert."""
        return self.key_at(self.start)

    @property
    def previous_key(self) -> str | None:
        """The key of the same alert in the last bucket before that could tell, when it fired there too (a spike going
        on), else None."""
        return None if self.previous is None else self.key_at(self.previous)

    def key_at(self, start: pd.Timestamp, bucket: str | None = None) -> str:
        if self.post is not None:  # (ends with its time, as `key_start` reads it)
            return f"{self.kind}:{subject(self)}:{self.post}"
        return f"{self.kind}:{subject(self)}:{bucket or self.bucket}:{start.tz_convert('UTC'):%Y-%m-%dT%H:%M}Z"

    def overlapping_keys(self) -> list[str]:
        """The keys of the same alert (brand and kind) per the other bucket, counted in any zone (zones' hours and days
        begin at a quarter hour): of every hour in a day, or of every day (of 24 hours) that holds an hour. An alert
        sent under one of them tells of the same spike (a daily and an hourly job posting to one webhook, each on the
        clock of its own --tz: matched on one zone's alone, a crisis was sent twice)."""
        if self.post is not None:  # (a safety post's key is of no bucket; and of no platform, before its post had one)
            # (a post stored without one takes its platform from its export ingested again, `store._adopt_platformless`:
            # `/1@...` is `amazon/1@...`, which was sent again)
            site, _, rest = self.post.partition("/")
            return [f"{self.kind}:{subject(self)}:/{rest}"] if site and rest else []
        quarter = np.timedelta64(15, "m")
        utc = np.datetime64(self.start.tz_convert("UTC").tz_localize(None), "m")
        if self.bucket == "day":
            end = step_buckets(self.start, 1, "day", self.start.tz)
            times = utc + np.arange((end - self.start) // pd.Timedelta(minutes=15)) * quarter
        else:
            # (and its own zone's day: one of 25 hours began 24 hours before its last hour)
            own = np.datetime64(floor_time(self.start, "day", self.start.tz).tz_convert("UTC").tz_localize(None), "m")
            times = utc - np.arange(24 * 4) * quarter
            times = np.append(times[times != own], own)
        # (formatted as `key_at` does, all at once: 96 keys an alert, for thousands of alerts, took seconds)
        prefix = f"{self.kind}:{subject(self)}:{'hour' if self.bucket == 'day' else 'day'}:"
        return [f"{prefix}{t}Z" for t in np.datetime_as_string(times, unit="m")]

    @property
    def when(self) -> str:
        """The bucket as the zone it was counted in shows it (`bucket_name`)."""
        return bucket_name(self.start, self.bucket)

    @property
    def message(self) -> str:
        return said_together([self])

    def to_dict(self) -> dict:
        d = asdict(self)
        del d["previous"]
        d["start"] = utc_text(self.start)
        d["counted_until"] = None if self.counted_until is None else utc_text(self.counted_until)
        d["examples"] = list(self.examples)
        d["about"] = dict(self.about)
        return {"key": self.key, "status": "alert", **named(d), "message": self.message}


@dataclass
class Over:
    """A bucket that could tell (enough posts, as for `Alert.previous`) without the alert (brand and kind) of the last
    bucket before it that could, with at most a day of buckets that could not between: the spike of that bucket
    (`last`) is over. Or one whose own alert was sent while it was in progress (`detect_spikes(partial=True)`) and
    which, complete, alerts no more (`last` is `over_at`). Its figures are those of `over_at`, the bucket that ends it.
    Whether its spike was sent (the alert of `last` remembered) is for the caller to know."""

    kind: str  # "volume" or "negative_share"
    brand: str
    bucket: str
    start: pd.Timestamp  # the spike's first bucket (as far back as the posts read reach: `detect_spikes`' `df`)
    last: pd.Timestamp  # the spike's last bucket with the alert
    over_at: pd.Timestamp  # the first bucket after it that could tell, without the alert
    value: float
    baseline: float
    threshold: float
    volume: int
    negative: int
    scored: int
    topic: bool = False  # (as `Alert.topic`)
    #: ended by silence: the buckets after `last` that could not tell (too few posts, or none), more than `BRIDGE`
    #: of them, `over_at` the last; 0 for a spike ended by a bucket that could tell. Until stop 44 such a spike was
    #: never said over, and the on-call person paged for it kept watching
    quiet: int = 0
    #: of those buckets, the most posts one had (posts with a sentiment, for a negative spike)
    most: int = 0

    def _key(self, start: pd.Timestamp) -> str:
        return Alert(self.kind, self.brand, self.bucket, start, 0, 0, 0, 0, 0, 0, topic=self.topic).key

    @property
    def alert_key(self) -> str:
        """The key of the spike's first alert (`Alert.key`): the one that paged."""
        return self._key(self.start)

    @property
    def last_key(self) -> str:
        """The key of the alert of the spike's last bucket: remembered as sent (or going on) when the spike was sent."""
        return self._key(self.last)

    def overlapping_keys(self) -> list[str]:
        """The keys of the same notice per the other bucket (`Alert.overlapping_keys` of its last alert's): a spike a
        daily and an hourly job posting to one webhook both sent (or one sent, the other remembered as sent per its
        bucket) is said over by the first of them to see its end."""
        last = Alert(self.kind, self.brand, self.bucket, self.last, 0, 0, 0, 0, 0, 0, topic=self.topic)
        return [f"{key}{OVER}" for key in last.overlapping_keys()]

    @property
    def key(self) -> str:
        """Identifies the notice across runs, remembered beside the sent alerts: `LAST_KEY^over`."""
        return f"{self.last_key}{OVER}"

    @property
    def message(self) -> str:
        """`Dashly: negative spike of 2026-12-05 02:00 UTC over: 18% negative at 05:00 (36 of 200 posts with a
        sentiment; usual 20%)`: the spike as its first alert named it, then the bucket that ends it (an hour of the same
        day: its time, and its zone's abbreviation when the clocks repeat it) and its figures."""
        return said_over([self])

    def _at(self) -> str:
        """The bucket that ends the spike, as its line says it (`message`)."""
        spike = bucket_name(self.start, self.bucket)
        at = "on " + bucket_name(self.over_at, self.bucket)
        if self.bucket == "hour" and at[3:13] == spike[:10]:
            # (a spike of 02:00 (CEST) was "over ... at 02:00", the hour it began: it was 02:00 CET)
            at = f"at {self.over_at:%H:%M}" + (f" {self.over_at:%Z}" if at.endswith(")") else "")
        return at

    def _figures(self, at: str) -> str:
        if self.kind == "volume":
            return f"{counted(self.volume, 'post')}{at} (usual {_short(self.baseline)})"
        of = f"{self.negative:,} of {counted(self.scored, 'post')} with a sentiment"
        return f"{_short(100 * self.value)}% negative{at} ({of}; usual {_short(100 * self.baseline)}%)"

    def to_dict(self) -> dict:
        d = asdict(self)
        for name in ("start", "last", "over_at"):
            d[name] = utc_text(d[name])
        for name in ("value", "baseline", "threshold"):  # (a bucket of no post has no share: null, not NaN)
            d[name] = None if np.isnan(d[name]) else d[name]
        return {"key": self.key, "status": "over", "alert_key": self.alert_key, **named(d), "message": self.message}


def subject(a: Alert | Over) -> str:
    """Whose alert `a` is, in its keys: its brand's name, or a topic's as `topic;NAME` (no brand has a `;`, the
    separator of a post's brands): a topic and a brand of one name ("Recall") are two alerts, remembered apart."""
    return f"topic;{a.brand}" if a.topic else a.brand


def who(a: Alert | Over) -> str:
    """Whose alert `a` is, as its line begins: `Skyway`, or `topic recall`."""
    return f"topic {a.brand}" if a.topic else a.brand


def named(d: dict) -> dict:
    """An alert's (spike over's) fields as -f jsonl gives them: `brand` and `topic`, one of them null."""
    topic = d.pop("topic")
    return d | {"brand": None if topic else d["brand"], "topic": d["brand"] if topic else None}


def said_safety(alerts: list[Alert]) -> str:
    """A safety post's line: its brands (an alert each: `Skyway and QuickBite`), what it is (its urgent intent's name,
    `safeguarding post`: a charity's on-call read "safety post" for a safeguarding concern), its bucket and the post
    quoted (`example`), without its author."""
    *names, last = [who(a) for a in alerts]
    whose = f"{', '.join(names)} and {last}" if names else last
    return f'{whose}: {alerts[0].intent or "safety"} post on {alerts[0].when}: "{example(alerts[:1])}"'


def said_together(alerts: list[Alert]) -> str:
    """The line of one alert, or of a brand's negative and volume alerts of one bucket (negative first): `Skyway:
    negative and volume spike on 2026-10-13: 88.4% negative (...); 72 posts (...)`. Two lines for one event paged the
    on-call person twice."""
    first = alerts[0]
    if first.kind == "safety":
        return said_safety(alerts)
    when = first.when
    if first.counted_until is not None:  # (the bucket in progress: its posts so far)
        when += f" (so far, to {first.counted_until.tz_convert(first.start.tz):%H:%M})"
    parts = []
    for a in alerts:
        if a.kind == "volume":
            above = _short(a.threshold, down=True)
            part = f"{counted(a.volume, 'post')} (usual {_short(a.baseline)}, alert above {above})"
            part += f"; {a.negative:,} negative" if len(alerts) == 1 else ""  # (else the negative part says them)
        else:
            part = (
                f"{_short(100 * a.value)}% negative ({a.negative:,} of {counted(a.scored, 'post')} with a sentiment; "
                f"usual {_short(100 * a.baseline)}%, alert above {_short(100 * a.threshold, down=True)}%)"
            )
        if a.escalated_from:
            what = "posts" if a.kind == "volume" else "negative posts"
            times = _short(a.level / a.escalated_from, down=True)
            part += f"; {times} times the {a.escalated_from:,} {what} of the alert already sent"
        parts.append(part)
    kinds = " and ".join("volume" if a.kind == "volume" else "negative" for a in alerts)
    about = dict(x for a in alerts for x in a.about)  # (a topic's spike of the same posts: a line, not two)
    volume = max(a.volume for a in alerts)
    parts += [f"mostly about {topic} ({n:,} of the {volume:,} posts)" for topic, n in about.items()]
    return f"{who(first)}: {'escalation: ' * bool(first.escalated_from)}{kinds} spike on {when}: {'; '.join(parts)}"


def said_over(overs: list[Over]) -> str:
    """The line of one spike over, or of a brand's negative and volume spikes of one first bucket over at the same
    bucket (negative first), as `said_together` joins their alerts: `Skyway: negative and volume spike of 2026-10-13
    over: 48% negative on 2026-10-17 (...); 10 posts (usual 10)`. With --over, the pair paged once was said over in
    two lines."""
    first = overs[0]
    kinds = " and ".join("volume" if o.kind == "volume" else "negative" for o in overs)
    spike = f"{who(first)}: {kinds} spike of {bucket_name(first.start, first.bucket)} over"
    if first.quiet:  # (no bucket with enough posts says so: how far it can tell, and why)
        since = f"the {counted(first.quiet, first.bucket)} after it"
        most = {o.kind: o.most for o in overs}
        if not any(most.values()):  # (none at all)
            return f"{spike}, as far as can tell: {since} had no post (a fetch or ingest that stopped? --stale-after)"
        figures = [f"{counted(most['volume'], 'post')} a {first.bucket}"] if "volume" in most else []
        if "negative_share" in most:  # (of a pair: the volume's posts, then how many of them had a sentiment)
            scored = most["negative_share"]
            figures.append(f"{scored:,} with a sentiment" if figures else f"{counted(scored, 'post')} with a sentiment")
        return f"{spike}, as far as can tell: {since} had too few posts to tell (at most {', '.join(figures)})"
    at = first._at()
    figures = "; ".join(o._figures(f" {at}" if i == 0 else "") for i, o in enumerate(overs))
    return f"{spike}: {figures}"


def shown(alerts: list) -> dict[str, str]:
    """Each alert's (or spike over's, `Over`) key -> the line it is shown in (printed, posted, kept pending for a
    webhook): a brand's negative and volume alerts of one bucket, both in `alerts` (both escalations, or neither),
    share one (`said_together`), where the first of them was, and so do a brand's two spikes of one bucket over at
    the same bucket (`said_over`); the others are their own `message`. JSON keeps an object per alert."""
    pairs: dict[tuple, list] = {}

    def pair(a) -> tuple:
        if isinstance(a, Over):
            return (Over, subject(a), a.bucket, a.start, a.over_at, bool(a.quiet))
        if a.post is not None:  # (a safety post naming two brands: an alert each, one line)
            return (Alert, a.post)
        return (Alert, subject(a), a.bucket, a.start, a.counted_until, bool(a.escalated_from), a.post)

    for a in alerts:
        pairs.setdefault(pair(a), []).append(a)
    lines = {}
    for a in alerts:
        group = pairs[pair(a)]
        safety = getattr(a, "post", None) is not None  # (a safety post's brands: all in its line)
        both = sorted(group, key=lambda x: x.kind != "negative_share") if len(group) == 2 else [a]
        both = group if safety else both
        lines[a.key] = said_over(both) if isinstance(a, Over) else said_together(both)
    for a in alerts:  # (a topic's spike folded into its brand's line, when that line is shown: `fold_topics`)
        if isinstance(a, Alert) and a.within is not None:
            brand = a.key_at(a.start).replace(f":{subject(a)}:", f":{a.within}:", 1)
            brand_keys = [brand, brand.replace("volume:", "negative_share:", 1)]
            lines[a.key] = next((lines[k] for k in brand_keys if k in lines), lines[a.key])
    return lines


def bucket_name(start: pd.Timestamp, bucket: str) -> str:
    """A bucket as the zone it was counted in shows it (a day: its date); the hour the clocks repeat when they go back
    is each time named with its zone's abbreviation (`02:00 Europe/Berlin (CEST)`, then `(CET)`)."""
    if bucket == "day":
        return f"{start:%Y-%m-%d}"
    hour = pd.Timedelta(hours=1)
    twice = any(f"{t.tz_convert(start.tz):%H}" == f"{start:%H}" for t in (start - hour, start + hour))
    return f"{start:%Y-%m-%d %H:00} {start.tz}" + (f" ({start:%Z})" if twice else "")


#: how the key of a spike's over notice ends (`Over.key`: its last alert's key, then this)
OVER = "^over"


def key_start(key: str | pd.Series) -> pd.Timestamp | pd.Series:
    """When the bucket of an alert's `key` (or of each of several) began (its last 17 characters, before `OVER`: an
    over notice's is its spike's last alert's); NaT for a key of another form."""
    key = key.str.removesuffix(OVER) if isinstance(key, pd.Series) else key.removesuffix(OVER)
    tail = key.str[-17:] if isinstance(key, pd.Series) else key[-17:]
    return pd.to_datetime(tail, format="%Y-%m-%dT%H:%MZ", utc=True, errors="coerce")


def bucket_counts(
    df: pd.DataFrame,
    bucket: str,
    start: pd.Timestamp,
    end: pd.Timestamp,
    config: Config | None = None,
    tz: str | None = None,
) -> pd.DataFrame:
    """Posts, posts with a sentiment and negative posts per brand per bucket in [start, end) (a bucket
    start; days are the zone `tz`'s, default UTC), every bucket present (0 when empty)."""
    where = zone(tz)
    grid = bucket_grid(start, end, bucket, where)
    df = customer_posts(df, config)
    needed = ["created_at", "brands", "sentiment", "sentiment_label", "brand_sentiments"]
    thresholds = (config.positive, config.negative) if config else ()
    long = explode_brands(df[[c for c in needed if c in df.columns]], None, *thresholds)
    brands = [b.name for b in config.brands] if config and config.brands else sorted(set(long["brands"]))
    label = long["sentiment_label"]
    long = long.assign(
        bucket=bucket_starts(long["created_at"], grid[0] if len(grid) else start, bucket, where),
        neg=label == "negative",
        scored=label.notna() & (label != ""),
    )
    counts = long.groupby(["brands", "bucket"]).agg(
        volume=("neg", "size"), scored=("scored", "sum"), negative=("neg", "sum")
    )
    full = pd.MultiIndex.from_product([brands, grid], names=["brand", "bucket"])
    return counts.reindex(full, fill_value=0).astype(int).reset_index()


def _rolling(values: np.ndarray, window: int) -> tuple[np.ndarray, np.ndarray]:
    """Median and MAD of the `window` values before each position (NaN without enough history)."""
    med = np.full(len(values), np.nan)
    mad = np.full(len(values), np.nan)
    if len(values) > window:
        win = sliding_window_view(values[:-1], window)  # win[i] = values[i : i + window], before i + window
        with warnings.catch_warnings():  # all-NaN windows (no posts at all) simply have no baseline
            warnings.simplefilter("ignore", RuntimeWarning)
            m = np.nanmedian(win, axis=1)
            med[window:] = m
            mad[window:] = np.nanmedian(np.abs(win - m[:, None]), axis=1)
    return med, mad


def detect_spikes(df: pd.DataFrame, check_start: pd.Timestamp, check_end: pd.Timestamp, **kw) -> list[Alert]:
    """Alerts for complete buckets starting in [check_start, check_end), oldest first; days are the zone
    `tz`'s (default UTC), 23 or 25 hours long when daylight saving begins or ends. An alert whose brand had the
    same alert in the last bucket before that could tell (also before check_start; module docstring) says so in
    its `previous`: the spike goes on.

    With `partial`, the bucket in progress at `check_end` is checked too, with its posts before `check_end`, against
    the whole bucket's threshold (its posts can only grow): its alerts say so in `counted_until`. Nothing of it is
    any other bucket's baseline, and a bucket in progress without an alert ends no spike (it is the last one).

    `df` must hold the `window + 1 + BRIDGE` buckets before check_start too. Keywords: as `detect_spikes_and_ends`."""
    return detect_spikes_and_ends(df, check_start, check_end, ends=False, **kw)[0]


def detect_spikes_and_ends(
    df: pd.DataFrame,
    check_start: pd.Timestamp,
    check_end: pd.Timestamp,
    *,
    bucket: str = "day",
    config: Config | None = None,
    window: int | None = None,
    k: float = 4.0,
    min_volume: int = 10,
    share_margin: float = 0.15,
    tz: str | None = None,
    partial: bool = False,
    ends: bool = True,
) -> tuple[list[Alert], list[Over]]:
    """`detect_spikes`, and the ends of spikes (`Over`) in the same buckets, oldest first: each bucket that could tell
    without the alert after a spike (the bucket before it that could tell alerted, with at most `BRIDGE` buckets that
    could not between: the rule by which a spike goes on), and each that alerts no more, complete, but may have alerted
    while in progress. A bucket in progress (`partial`) ends no spike. Whose spike was sent is for the caller to
    know: most of the second kind are of no spike at all. `ends` False: none (the alerts alone)."""
    window = window or DEFAULT_WINDOW[bucket]
    where = zone(tz)
    check_start = floor_time(check_start, bucket, where)
    cut = check_end
    check_end = floor_time(check_end, bucket, where)
    partial = partial and cut > check_end
    if partial:  # (a bucket of its posts so far; none after the cut)
        check_end = step_buckets(check_end, 1, bucket, where)
        df = df[df["created_at"] < cut]
    bridge = BRIDGE[bucket]
    lead = step_buckets(check_start, -1 - bridge, bucket, where)  # (checked too, to know whether a spike goes on)
    begin = step_buckets(lead, -window, bucket, where)
    counts = bucket_counts(df, bucket, begin, check_end, config, tz)
    same = same_hours(bucket_grid(begin, check_end, bucket, where), window, bucket, where)
    # buckets before the first post, and days without any post, of any brand or none, are no history,
    # not quiet ones: the first run on a new store called every brand's ordinary day a volume spike
    # ("usual 0"), and so did the week after a missed export ("usual 1.5"). (A quiet hour is an hour.)
    times = df["created_at"].dropna()
    first = floor_time(times.min(), bucket, where) if len(times) else check_end
    if len(times) and begin < first:  # (the data began inside the grid, not before it: `first_whole`)
        first = first_whole(times.min(), bucket, where, usual_gap(times.min(), times.max(), len(times)))
    midnight = floor_time(check_start, "day", where)
    days = bucket_starts(times, midnight, "day", where).unique()
    alerts: list[Alert] = []
    over: list[Over] = []
    for brand, g in counts.groupby("brand", sort=False):
        vol = g["volume"].to_numpy(float)
        neg = g["negative"].to_numpy(float)
        scored = g["scored"].to_numpy(float)
        share = np.divide(neg, scored, out=np.full(len(vol), np.nan), where=scored > 0)
        history = (g["bucket"] >= first) & bucket_starts(g["bucket"], midnight, "day", where).isin(days)
        vmed, vmad = _baseline(np.where(history.to_numpy(), vol, np.nan), window, same)
        smed, _ = _baseline(share, window, same, scored, max(min_volume, 1))
        v_thr = vmed + k * np.maximum.reduce([MAD_SCALE * vmad, np.sqrt(vmed), np.ones_like(vmed)])
        s_thr = smed + share_margin
        checked = (g["bucket"] >= check_start).to_numpy()
        told = history.to_numpy()  # (a day without any post tells nothing: a missed export ends no spike)
        with np.errstate(invalid="ignore"):
            vol_fire = (vol >= min_volume) & (vol > v_thr)
            share_fire = (scored >= min_volume) & (wilson_low(neg, scored) > s_thr)
        # a share above the alert line whose posts are too few for its Wilson bound to clear it (8 of 10 negative, 80 %,
        # alert above 61 %) cannot tell, as a bucket under --min-volume cannot: it neither alerts nor ends a spike, and
        # a spike goes on across a day's worth of them (`BRIDGE`; it was said over at "80% negative", usual 46 %; and
        # across any number of them, a week of such days made a real spike after them no new alert)
        with np.errstate(invalid="ignore"):
            unsure = ~share_fire & (share > s_thr)
        vol_told, share_told = told & (vol >= max(min_volume, 1)), told & (scored >= max(min_volume, 1)) & ~unsure
        vol_before = _told_before(vol_fire, vol_told, bridge)
        share_before = _told_before(share_fire, share_told, bridge)
        for i in np.flatnonzero(checked & (vol_fire | share_fire)):
            common = {
                "brand": str(brand),
                "bucket": bucket,
                "start": g["bucket"].iloc[i],
                "volume": int(vol[i]),
                "negative": int(neg[i]),
                "scored": int(scored[i]),
                "counted_until": cut if partial and i == len(vol) - 1 else None,
            }
            if vol_fire[i]:
                common["previous"] = g["bucket"].iloc[vol_before[i]] if vol_before[i] >= 0 else None
                alerts.append(Alert("volume", value=vol[i], baseline=vmed[i], threshold=v_thr[i], **common))
            if share_fire[i]:
                common["previous"] = g["bucket"].iloc[share_before[i]] if share_before[i] >= 0 else None
                alerts.append(Alert("negative_share", value=share[i], baseline=smed[i], threshold=s_thr[i], **common))
        if ends:
            done = checked.copy()
            done[-1] &= not partial  # (the bucket in progress: its posts so far end nothing)
            over += _ends(
                "volume",
                str(brand),
                bucket,
                g["bucket"],
                done & vol_told & ~vol_fire,
                vol_fire,
                vol_before,
                (vol, vmed, v_thr, vol, neg, scored),
                quiet=_quiet_ends(done, vol_fire, vol_told, bridge, vol),
            )
            over += _ends(
                "negative_share",
                str(brand),
                bucket,
                g["bucket"],
                done & share_told & ~share_fire & ~unsure,
                share_fire,
                share_before,
                (share, smed, s_thr, vol, neg, scored),
                quiet=_quiet_ends(done, share_fire, share_told, bridge, scored),
            )
    order = sorted(alerts, key=lambda a: (a.start, a.brand, a.kind))
    return order, sorted(over, key=lambda o: (o.over_at, o.brand, o.kind))


def first_whole(first_post: pd.Timestamp, bucket: str, where, gap: pd.Timedelta | None = None) -> pd.Timestamp:
    """The first bucket that is history when the data begins with `first_post`: the one after the bucket it is in,
    unless it is at that bucket's start, or within 3 of the data's `gap`s between posts (`usual_gap`) of it. The data
    began partway through that bucket (a first `fetch --since 1h` at 06:43 holds 05:43..06:00 of the 05:00 hour), and
    its few posts made the first whole hour a volume spike ("20 posts, usual 5"); but an export of whole days whose
    first post is at 00:03, or at 02:10 for a brand of 10 posts a day, is no part of a day (review of stop 44)."""
    start = floor_time(first_post, bucket, where)
    if start == first_post or (gap is not None and first_post - start <= 3 * gap):
        return start
    return step_buckets(start, 1, bucket, where)


def usual_gap(first: pd.Timestamp, last: pd.Timestamp, posts: int) -> pd.Timedelta | None:
    """The mean time between `posts` posts from `first` to `last` (None for fewer than 2)."""
    return (last - first) / (posts - 1) if posts > 1 else None


def _ends(
    kind: str,
    brand: str,
    bucket: str,
    starts: pd.Series,
    ending: np.ndarray,
    fire: np.ndarray,
    before: np.ndarray,
    figures: tuple[np.ndarray, ...],
    quiet: dict[int, tuple[int, int, int]] | None = None,
) -> list[Over]:
    """The `Over`s of one brand's alerts of one kind: at the buckets `ending` (could tell, no alert) with a threshold,
    of the spike of the bucket before (`before`, `_told_before`'s), else of their own alert (sent in progress); and at
    the buckets of `quiet` (`_quiet_ends`), of the spike its silence ended."""
    value, baseline, threshold, volume, negative, scored = figures
    at = np.arange(len(fire))
    # (a spike's first bucket: the last one before that alerted without going on from another)
    first = np.maximum.accumulate(np.where(fire & (before < 0), at, -1))

    def over(i: int, start: int, last: int, **quiet_end) -> Over:
        return Over(
            kind,
            brand,
            bucket,
            start=starts.iloc[start],
            last=starts.iloc[last],
            over_at=starts.iloc[i],
            value=float(value[i]),
            baseline=float(baseline[i]),
            threshold=float(threshold[i]),
            volume=int(volume[i]),
            negative=int(negative[i]),
            scored=int(scored[i]),
            **quiet_end,
        )

    out = [over(i, first[last], last, quiet=n, most=most) for i, (last, n, most) in (quiet or {}).items()]
    for i in np.flatnonzero(ending & ~np.isnan(threshold)):
        last = before[i] if before[i] >= 0 else i
        out.append(over(i, first[last] if before[i] >= 0 else i, last))
    return out


def _quiet_ends(
    done: np.ndarray, fire: np.ndarray, told: np.ndarray, bridge: int, counts: np.ndarray
) -> dict[int, tuple[int, int, int]]:
    """The buckets of `done` (checked, complete) where a spike ends by silence: the last of the `bridge` + 1 buckets
    after its last alert that could not tell (`told`), past which no spike goes on; each -> the spike's last bucket
    with the alert, those buckets' number and the most `counts` (posts, or posts with a sentiment) one had."""
    at = np.arange(len(fire))
    last = np.maximum.accumulate(np.where(told | fire, at, -1))
    ends = done & (last >= 0) & (at - last == bridge + 1) & fire[np.maximum(last, 0)]
    return {int(i): (int(last[i]), bridge + 1, int(counts[last[i] + 1 : i + 1].max())) for i in np.flatnonzero(ends)}


#: example posts an alert carries (`with_examples`), and the characters of each text kept
EXAMPLES, EXAMPLE_CHARS = 3, 280


def with_examples(
    df: pd.DataFrame,
    alerts: list[Alert],
    *,
    config: Config | None = None,
    tz: str | None = None,
    mask: Callable[[str], str] = str,
) -> list[Alert]:
    """`alerts` with `EXAMPLES` of their bucket's posts naming their brand each (customers' posts, as counted): the
    widest reach first (followers, then likes, then the newest), negative ones (the brand's own sentiment) for a
    negative spike. An alert said how many posts, not which: the person paged at night opened the store to see
    what the spike was about. `mask` is applied to each text before it is cut (`--redact`: an e-mail address or
    phone number cut at the end is no longer one its pattern finds, and was left as `jane.doe62@g`)."""
    if not alerts or df.empty:
        return alerts
    where = zone(tz)
    bucket = alerts[0].bucket
    wanted = pd.MultiIndex.from_tuples({(a.brand, a.start) for a in alerts}, names=["brands", "bucket"])
    origin = min(wanted.get_level_values(1))
    # (the alerts' buckets' posts alone, and their texts, authors and links read for the posts picked alone: carried
    # through the brands exploded and the sorting, a day of 200,000 posts took 40 % of the run)
    times = df["created_at"]
    keep = (times >= origin).to_numpy(dtype=bool, na_value=False, copy=True)
    keep[keep] = bucket_starts(times[keep], origin, bucket, where).isin(wanted.get_level_values(1)).to_numpy()
    cols = ["created_at", "brands", "sentiment", "sentiment_label", "brand_sentiments", "author_followers", "likes"]
    light = df[[c for c in [*cols, "author", "text"] if c in df.columns]].iloc[np.flatnonzero(keep)]
    light = customer_posts(light.assign(_row=np.flatnonzero(keep)), config)
    light = light[[c for c in [*cols, "_row"] if c in light.columns]]
    thresholds = (config.positive, config.negative) if config else ()
    long = explode_brands(light, None, *thresholds)
    long = long.assign(bucket=bucket_starts(long["created_at"], origin, bucket, where))
    long = long[pd.MultiIndex.from_frame(long[["brands", "bucket"]]).isin(wanted)]
    rank = [c for c in ("author_followers", "likes") if c in long.columns]
    long = long.sort_values([*rank, "created_at"], ascending=False, na_position="last", kind="stable")
    neg = long[long["sentiment_label"] == "negative"] if "sentiment_label" in long.columns else long.iloc[:0]
    said = [c for c in ("author", "text", "url") if c in df.columns]
    picks = {}
    for kind, rows in (("volume", long), ("negative_share", neg)):
        top = rows.groupby(["brands", "bucket"], sort=False).head(EXAMPLES)
        top = top.assign(**{c: df[c].iloc[top["_row"].to_numpy()].to_numpy() for c in said})  # (the few picked)
        for (brand, start), g in top.groupby(["brands", "bucket"], sort=False):
            picks[kind, brand, start] = tuple(example_post(r, mask) for r in g.itertuples(index=False))
    return [replace(a, examples=picks.get((a.kind, a.brand, a.start), ())) for a in alerts]


#: a topic's spike is a brand's (`fold_topics`) when this share of its posts name the brand, and they are this share
#: of the brand's posts
MOSTLY = 0.8, 0.5


def fold_topics(
    df: pd.DataFrame,
    alerts: list[Alert],
    *,
    config: Config | None = None,
    tz: str | None = None,
    mask: Callable[[str], str] = str,
):
    """`alerts` with each topic's alert whose posts are mostly a brand's alert's of the same bucket (`MOSTLY`: 80 % of
    the topic's posts name the brand, and they are half its posts at least) marked `within` that brand, and the
    brand's alerts `about` it: one line, `Skyway: negative and volume spike on ...; mostly about delays (30 of the
    40 posts)`, where a brand's line and up to four topic lines each paged for one event. The posts are `df`'s
    customer posts (as counted). Such a line's examples are its largest topic's posts (`with_examples`' choice of
    them): a gym's "mostly about billing (41 of the 50 posts)" quoted a large account's "FlexFit is rammed"."""
    topics = [a for a in alerts if a.topic]
    brands = [a for a in alerts if not a.topic and a.post is None]  # (a safety post's is no spike)
    if not topics or not brands or df.empty:
        return alerts
    where = zone(tz)
    origin = min(a.start for a in topics)
    posts = df[df["created_at"] >= origin]
    posts = customer_posts(
        posts.assign(bucket=bucket_starts(posts["created_at"], origin, topics[0].bucket, where)), config
    )
    posts = posts[posts["bucket"].isin({a.start for a in topics})]  # (the topics' buckets' posts alone)
    names = {c: posts[c].fillna("").str.split(LIST_SEPARATOR).map(set) for c in ("brands", "topics")}
    about: dict[tuple, list] = {}
    within: dict[str, str] = {}
    for t in topics:
        best = None
        tagged = (posts["bucket"] == t.start) & names["topics"].map(lambda x, n=t.brand: n in x)
        for b in brands:
            if (b.start, b.counted_until, bool(b.escalated_from)) != (t.start, t.counted_until, bool(t.escalated_from)):
                continue
            both = int((tagged & names["brands"].map(lambda x, n=b.brand: n in x)).sum())
            if both >= MOSTLY[0] * t.volume and both >= MOSTLY[1] * b.volume and (best is None or both > best[1]):
                best = (b.brand, both)
        if best is not None:
            within[t.key] = best[0]
            about.setdefault((best[0], t.start), []).append((t.brand, best[1]))
    folded = [
        replace(a, within=within[a.key])
        if a.key in within
        else replace(a, about=tuple(about.get((a.brand, a.start), ())))
        if not a.topic and a.post is None
        else a
        for a in alerts
    ]
    recent = df[(df["created_at"] >= origin).to_numpy(dtype=bool, na_value=False)]
    tagged_with = recent["topics"].fillna("").str.split(LIST_SEPARATOR)
    for i, a in enumerate(folded):
        if a.about and a.examples:
            topic = max(a.about, key=lambda tn: tn[1])[0]
            on = recent[tagged_with.map(lambda x, n=topic: n in x).to_numpy(dtype=bool)]
            (got,) = with_examples(on, [a], config=config, tz=tz, mask=mask)
            folded[i] = got if got.examples else a
    return folded


def example_post(r, mask: Callable[[str], str] = str) -> dict:
    """A post (a row of `itertuples`) as an alert carries it (`Alert.examples`): its text `mask`ed, then cut."""
    return {
        "created_at": utc_text(r.created_at),
        "author": None if pd.isna(getattr(r, "author", None)) else str(r.author),
        "text": mask(str(r.text))[:EXAMPLE_CHARS],
        "url": None if pd.isna(getattr(r, "url", None)) else str(r.url),
    }


def by_topic(df: pd.DataFrame, config: Config | None) -> tuple[pd.DataFrame, Config | None]:
    """The posts and config with which `detect_spikes` and `with_examples` check each topic instead of each brand
    (alerts --topics): a post's topics in place of its brands, of customers' posts alone (as a brand's are counted),
    across all the brands (a competitor's recall is news too), with the post's own sentiment, and a config without
    brands (each topic found in the posts read is checked). A recall went from 0 to 247 posts a day, and only the
    weekly report's "Topics that grew most" said so."""
    posts = customer_posts(df, config)
    posts = posts.drop(columns="brand_sentiments", errors="ignore").assign(brands=posts["topics"])
    return posts, None if config is None else replace(config, brands=[])


def same_hours(grid: pd.DatetimeIndex, window: int, bucket: str, where) -> list[tuple[np.ndarray, int]]:
    """For each hour of `grid`, the positions in it of the same clock hour on each of the window's days before (a
    column a day; -1: before the grid, or the hour the clock skipped that day), with the `SAME_HOUR_DAYS` of them a
    baseline needs; then those of the days of its kind alone (weekdays, or Saturday and Sunday, on the zone's clock),
    with the `SAME_KIND_DAYS` it needs. None ([]) for days, or a window under `SAME_HOUR_DAYS` days. On the clock,
    not 24 hours back: in the week after the clocks went forward, the 08:00 rush was compared with the 07:00s before
    the change (the rows of a day are 23 or 25 then), and was a spike. A Saturday's 10:00 was compared with the 10:00s
    of the 5 weekdays before (a brand quiet at weekends called its weekday mornings usual, not its Saturday's)."""
    days = window // 24 if bucket == "hour" else 0
    if days < SAME_HOUR_DAYS:
        return []
    local = grid.tz_convert(where)
    clock = local.tz_localize(None)
    once = ~clock.duplicated()  # (the hour repeated when the clocks go back: its first)
    targets = clock.to_numpy()[:, None] - np.arange(1, days + 1) * np.timedelta64(1, "D")
    at = clock[once].get_indexer(targets.ravel()).reshape(targets.shape)
    at = np.where(at >= 0, np.flatnonzero(once)[at], -1)
    weekend = local.day_of_week.to_numpy() >= 5
    alike = np.where((at >= 0) & (weekend[np.maximum(at, 0)] == weekend[:, None]), at, -1)
    return [(at, SAME_HOUR_DAYS), (alike, SAME_KIND_DAYS)]


def _baseline(
    values: np.ndarray, window: int, same: list[tuple[np.ndarray, int]], posts: np.ndarray | None = None, least_posts=0
) -> tuple[np.ndarray, np.ndarray]:
    """Median and MAD of the `window` buckets before each one; for an hour, of the same hour of the window's days
    (`same`: `same_hours`, each positions and the days of them that must be history; the last with enough wins).
    With `posts` (a share's posts with a sentiment), those hours must hold `least_posts` of them too: the shares of
    two Saturday 08:00s of one post each (1 of 1 and 0 of 1 negative) made "usual 50%", and a storm's 08:00 at 56.5%
    negative was said over."""
    med, mad = _rolling(values, window)
    if posts is not None and len(values) > window:
        wins = (sliding_window_view(a[:-1], window) for a in (values, posts))
        med[window:] = _usual_share(*wins, least_posts)
    for positions, least in same:
        hours = np.where(positions >= 0, values[np.maximum(positions, 0)], np.nan)
        enough = np.count_nonzero(~np.isnan(hours), axis=1) >= least
        if posts is not None:
            held = np.where(positions >= 0, posts[np.maximum(positions, 0)], 0)
            enough &= held.sum(axis=1) >= least_posts
        if enough.any():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                m = np.nanmedian(hours[enough], axis=1)
                mad[enough] = np.nanmedian(np.abs(hours[enough] - m[:, None]), axis=1)
                med[enough] = m if posts is None else _usual_share(hours[enough], held[enough], least_posts)
    return med, mad


#: posts a bucket needs for its share to be more than 0 %, 50 % or 100 % (the median of such shares is one of them)
FEW_POSTS = 3


def _usual_share(shares: np.ndarray, posts: np.ndarray, least: int) -> np.ndarray:
    """Per row of buckets' shares (NaN: none) and their posts with a sentiment: the median share when at least half of
    those buckets hold `FEW_POSTS` (or `least`, if fewer), else their mean, a bucket weighing its posts up to
    `FEW_POSTS` (weighed whole, a spike's own hours of 40 posts made it their share). The median of buckets of a post
    or two is 0 % or 100 %: a utility's hours of a post each, a third of them negative, had "usual 0%"; 60 %
    negative, "usual 100%" (no negative spike could alert); half, and two storm hours in the 168 made it "usual 90%",
    and the storm was said over at 90 % negative."""
    has = ~np.isnan(shares)
    weight = np.where(has, np.minimum(posts, FEW_POSTS), 0)
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        median = np.nanmedian(shares, axis=1)
        mean = (np.where(has, shares, 0) * weight).sum(axis=1) / weight.sum(axis=1)
    mostly = 2 * np.count_nonzero(has & (posts >= min(least, FEW_POSTS)), axis=1) >= np.count_nonzero(has, axis=1)
    return np.where(mostly, median, mean)


def _told_before(fire: np.ndarray, told: np.ndarray, bridge: int) -> np.ndarray:
    """For each bucket, the position of the last bucket before it that could tell (`told`: enough posts), when
    that one fired (`fire`) and at most `bridge` buckets that could not lie between: the spike goes on; else -1."""
    at = np.arange(len(fire))
    last = np.maximum.accumulate(np.where(told | fire, at, -1))
    before = np.concatenate(([-1], last[:-1]))
    going = (before >= 0) & fire[np.maximum(before, 0)] & (at - before - 1 <= bridge)
    return np.where(going, before, -1)


#: the characters of the example post a webhook bullet quotes (`example`), "…" included
QUOTE_CHARS = 140
#: the bytes of a webhook message's text in UTF-8, at most (`slack_payload`): Slack cuts a text after 40,000 characters
#: (api.slack.com, "Truncating really long messages", 2018), Mattermost splits one past 16,383 into several posts,
#: a Teams workflow refuses a message over 28 KB (counted in characters, 15,000 of Arabic were 30 KB, of Chinese 45)
TEXT_BYTES = 15_000


def example(alerts: list) -> str | None:
    """The first example post of a bullet's alerts (a pair's: the negative spike's, listed first), on one line, cut to
    `QUOTE_CHARS`, as written: what its bullet quotes (`plain`), kept with its line for a late one (`bullets`). The
    on-call person read "negative spike" and opened a terminal to learn what people said. The author is left out:
    the chat is no place `forget` reaches."""
    post = next((e for a in alerts for e in getattr(a, "examples", ())), None)
    if post is None:
        return None
    text = " ".join(post["text"].split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"


def escaped(text: str) -> str:
    """`text` as Slack's mrkdwn shows it as written: `&`, `<`, `>` escaped as Slack asks. A brand named "AT&T" or
    "<Acme>" in a bullet's line broke it (`<Acme>` vanished as a link)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain(text: str) -> str:
    """A post's `text` as plain text in a chat message: `escaped` (`<!channel>` is then no mention), a word joiner
    (U+2060) after each `@` (`@channel`, `@here`, `@all` or a user's name ping no one in Mattermost or Slack), and one
    between `]` and `(`, so that Markdown's `[x](http://...)` and `![](http://...)` are no link or image in
    Mattermost (a post quoted as written could page a whole channel at night, or show it any picture)."""
    return escaped(text).replace("@", "@\u2060").replace("](", "]\u2060(")


def bullets(alerts: list) -> dict[str, str]:
    """Each alert's (or spike over's) key -> its bullet as kept pending for a webhook and posted: its line (`shown`)
    and, after a line break, its example post (`example`). A late bullet carried its line alone."""
    said = shown(alerts)
    groups: dict[str, list] = {}
    for a in alerts:
        groups.setdefault(said[a.key], []).append(a)
    out = {}
    for line, group in groups.items():
        # (a safety post's line quotes it already)
        quote = None if group[0].kind == "safety" else example(sorted(group, key=lambda a: a.kind != "negative_share"))
        out |= dict.fromkeys((a.key for a in group), line + (f"\n{quote}" if quote else ""))
    return out


def _bullet(kept: str) -> str:
    """A bullet as kept (`bullets`; before stop 43, its line alone) as the webhook shows it."""
    line, _, quote = kept.partition("\n")
    return f"• {plain(line)}" + (f'\n    e.g. "{plain(quote)}"' if quote else "")


def slack_payload(alerts: list[Alert], late: dict[str, str] | None = None, over: list[Over] = ()) -> dict:
    """A Slack-compatible incoming-webhook body (also understood by Mattermost, Rocket.Chat, Teams workflows).
    Each bullet has its example post under it (`bullets`). `late`: bullets of alerts (and spikes over, `OVER` keys)
    an earlier run printed but could not send (its webhook failed), said so, as kept; `over`: spikes over (`Over`),
    last. A text past `TEXT_BYTES` ends with `… and N more` instead of its last bullets: a run over many brands was
    cut short by Slack, split by Mattermost, refused by Teams."""
    why = "from an earlier run whose webhook failed"
    # (oldest first, as this run's own: by the key's start, brand, kind; not all of a kind before the next kind)
    order = sorted(late or {}, key=lambda key: (key.removesuffix(OVER)[-17:], key.split(":", 1)[-1], key))
    late_over = [late[key] for key in order if key.endswith(OVER)]
    late_alerts = [late[key] for key in order if not key.endswith(OVER)]
    sections = []
    if alerts:  # (counted per kind, as printed with -f jsonl; a brand's two of a bucket are one bullet: `shown`)
        sections += [(f":rotating_light: brandpulse: {counted(len(alerts), 'alert')}", bullets(alerts).values())]
    if late_alerts:  # (a pair kept pending under its line, each: once)
        sections += [(f":hourglass: brandpulse: {counted(len(late_alerts), 'late alert')}, {why}", late_alerts)]
    if over or late_over:  # (an on-call person paged for a spike waited, with the webhook down, to hear it ended)
        head = f":white_check_mark: brandpulse: {counted(len(over) + len(late_over), 'spike')} over"
        head += f" ({len(late_over)} late, {why})" if late_over else ""
        sections += [(head, [*late_over, *bullets(list(over)).values()])]
    said = [head for head, _ in sections]
    # (each bullet with the alerts or spikes it stands for: a pair's is two, as the headers count them)
    texts = [Counter(_bullet(kept) for kept in kept).items() for _, kept in sections]
    room = TEXT_BYTES - 200 - sum(len(head.encode()) + 1 for head in said)  # (and the "… and N more" line)
    lines, left = [], 0
    for head, some in zip(said, texts, strict=True):
        lines.append(head)
        for text, n in some:
            if left or len(text.encode()) + 1 > room:
                left += n
                continue
            room -= len(text.encode()) + 1
            lines.append(text)
    if left:  # (each section's header still counts all of its own)
        lines.append(f"… and {left:,} more, left out to keep the message within {TEXT_BYTES:,} bytes")
    return {"text": "\n".join(lines)}


def _short(x: float, down: bool = False) -> str:
    """A number as an alert says it: one decimal at most, none when whole (10, 22.6, 10.5). A threshold
    is rounded down, so that 28.97 does not read "29 posts, alert above 29"."""
    # (else a half away from zero, as the report's tables round: 6.25 % negative is 6.3 there and here)
    x = np.floor(x * 10 + 1e-9) / 10 if down else round_pct(x)
    return f"{x:,.1f}".removesuffix(".0")
