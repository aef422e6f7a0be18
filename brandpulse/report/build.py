"""Assemble a period-over-period report: named tidy tables plus the periods they cover."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from numbers import Integral

import pandas as pd

from .. import __version__
from ..choices import DEFAULT_TITLE, TABLES  # noqa: F401 (the tables by name, `report.build.TABLES` as it was)
from ..config import Config, check_config
from ..enrich.brands import by_own_handle, is_retweet
from ..errors import ConfigError, InputError
from ..output.terminal import span
from ..output.writers import _records
from ..schema import (
    ABOUT_FIELDS,
    EMPTY_FOR_NONE,
    ENRICHED_FIELDS,
    LIST_SEPARATOR,
    POST_FIELDS,
    STRING,
    conform,
    enriched_values,
    has_intent,
    rows_where,
)
from . import metrics
from .emerging import TermCounts, brand_words, copy_term_counts, emerging_terms, idea_terms, term_document_counts
from .periods import (
    MAX_BUCKETS,
    Period,
    ReportPeriods,
    baseline_period,
    bucket_grid,
    bucket_spans,
    check_buckets,
    default_bucket,
    report_periods,
    unfinished,
)
from .summary import check_enriched, known_intents

#: the columns of the posts `build_report` reads: those of every period's posts (the comparison period's are counted
#: per brand, topic and intent, and their engagement: of the period's alone, a week's was compared with the likes of
#: the week before's suggestions), and those of the period's alone (its emerging terms and the posts and authors it
#: lists), with `OWN_COLUMNS` of every post when the config names handles (`by_own_handle`)
COUNTED_COLUMNS = ["created_at", "brands", "sentiment", "sentiment_label", "brand_sentiments", "topics", "intent"]
COUNTED_COLUMNS += ["intents"]
COUNTED_COLUMNS += ["likes", "reposts", "replies", "rating", "app_version"]
LISTED_COLUMNS = ["post_id", "platform", "author", "author_followers", "text", "url", "lang"]
OWN_COLUMNS = ["author", "text"]
#: the intent whose posts' words the report's suggestions table counts, of the comparison period too (`idea_terms`):
#: the store reads their texts for that period as well
IDEA_INTENT = "suggestion"


#: the note of a new store's first weeks: in the report, but not on stderr with -q (cron mailed it weekly)
NO_BASELINE = "no baseline posts before the period: emerging terms need history"
#: the start of the note on an empty comparison period; with NO_BASELINE, it is a first week's too
EMPTY_COMPARISON = "no posts in the comparison period"
#: in the note on posts stored without an intent: in the report, but not on stderr with -q (the same each week until
#: their exports are ingested again, which cron mailed weekly)
UNTAGGED = "were stored without an intent"
#: in the note on the period's retweets: in the report, but not on stderr with -q (most weeks hold some)
RETWEETS = "are retweets"


@dataclass
class Report:
    """A period's report (`make_report`, `brandpulse report`): its `tables` by name (`TABLES`), the posts it counts,
    its notes, and the periods it covers; `to_dict()` is the `-f json` document."""

    period: Period
    compare: Period | None
    baseline: Period
    bucket: str
    tables: dict[str, pd.DataFrame]
    posts: int
    notes: list[str] = field(default_factory=list)
    title: str = DEFAULT_TITLE
    own_posts: int = 0  # in the period, by the brands' own handles: not in `posts` nor in any table
    others: bool = False  # the config's `[others] handles` (a council's) are among those `own_posts` are by
    about_brands: bool = False  # the post tables list posts naming a brand (`metrics.about_brands`)
    min_term_count: int = 5  # posts a term needs in the period to be emerging (`--min-term-count`)
    top: int = 5  # rows of the topic-growth, author and post tables, and topics of each brand (`--top`)
    #: where its posts came from, as its provenance says it (`the store brandpulse.duckdb`, `posts.csv`): the CLI's
    source: str | None = None
    for_brands: list[str] | None = None  # the report of the posts naming one of these brands alone (`--for-brand`)
    for_intents: list[str] | None = None  # ... with one of these intents among their intents alone (`--intent`)
    #: what made it (JSON `brandpulse`): `sentiment`, the analyzer that scored the posts (`sentiment.produced_by`) or
    #: None (not known), and `store`, the store's record of its last ingest (`store.scored_by`) when read from one
    produced_by: dict = field(default_factory=dict)
    #: the lowest and highest star rating of the posts of both periods (`metrics.star_scale`), for the stars key
    stars: tuple[float, float] | None = None

    def __repr__(self) -> str:
        """A notebook's `report`: its periods, posts, tables' sizes and notes, not every table's frame (the
        dataclass's repr printed all 14, some 200 lines); `report.tables["brands"]` shows one."""
        compare = f" vs {self.compare.label()}" if self.compare else ""
        tables = ", ".join(f"{name} ({len(df):,})" for name, df in self.tables.items())
        notes = "".join(f"\n  note: {note}" for note in self.notes)
        return f"<Report {self.period.label()}{compare}: {self.posts:,} posts; tables (rows): {tables}>{notes}"

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "for_brands": self.for_brands,
            "for_intents": self.for_intents,
            "timezone": self.period.tz,  # of the labels and day buckets; the times themselves are UTC
            "period": self.period.to_dict(),
            "compare": self.compare.to_dict() if self.compare else None,
            "baseline": self.baseline.to_dict(),
            "bucket": self.bucket,
            "posts": self.posts,
            "own_posts": self.own_posts,
            "notes": self.notes,
            "tables": {name: _records(df) for name, df in self.tables.items()},
            "brandpulse": {
                "version": __version__,
                "sentiment": None,
                "store": None,
                "config": None,
                "ingested_with": None,
                **self.produced_by,
                "source": self.source,
            },
        }


def length_ratio(period: Period, compare: Period | None) -> float:
    """The period's length / the comparison period's, on the zone's clock (a week over a change of daylight saving
    is 7 days, as the one before it): 1 for none. Changes of volume in % compare posts per day with it (a month with
    the month before: `metrics.change_pct`)."""
    if compare is None or compare.length == period.length or compare.length <= pd.Timedelta(0):
        return 1.0
    return period.length / compare.length


#: the start of the note on buckets the period cuts: in the report, but not on stderr with -q (a quarter's weeks' most
#: quarters)
PART_BUCKETS = "the period holds only part of"


#: the units a cut bucket's length is said in, the largest that counts it whole: `6 of its 7 days`
UNITS = {"days": pd.Timedelta(days=1), "hours": pd.Timedelta(hours=1), "minutes": pd.Timedelta(minutes=1)}


def part_buckets(period: Period, bucket: str) -> dict[pd.Timestamp, tuple[Period, str]]:
    """The buckets the period cuts (`periods.bucket_spans`): each one's start -> its span and its days in words
    (`6 of its 7 days`, `30 of its 60 minutes`)."""
    grid = bucket_grid(period.start, period.end, bucket, period.zone)
    spans = bucket_spans(grid, period.end, bucket, period.zone)
    out = {}
    for start, r in spans[spans["partial"]].iterrows():
        cut, whole = Period(start, r.end, period.tz), Period(r.whole_start, r.whole_end, period.tz)
        # (in halves too, of one or more: a day's last 10.5 hours were "630 of its 1440 minutes")
        fits = {
            u: cut.length >= step and not (cut.length % (step / 2) or whole.length % step) for u, step in UNITS.items()
        }
        unit = next((u for u, fit in fits.items() if fit), "seconds")
        step = UNITS.get(unit, pd.Timedelta(seconds=1))
        out[start] = (cut, f"{cut.length / step:g} of its {whole.length / step:g} {unit}")
    return out


def part_buckets_note(period: Period, bucket: str) -> str | None:
    """The note on the buckets the period cuts: their fewer posts are of fewer days, not a fall in volume."""
    if not (part := part_buckets(period, bucket)):
        return None
    said = "; ".join(f"{cut.label()}: {days}" for cut, days in part.values())
    few = f"{len(part)} {bucket}s" if len(part) > 1 else f"{'an' if bucket == 'hour' else 'a'} {bucket}"
    its = "their" if len(part) > 1 else "its"
    return f"{PART_BUCKETS} {few} ({said}): {its} fewer posts are of less time, not a fall in volume"


#: the start of the note on periods of different lengths: in the report, but not on stderr with -q (a monthly
#: report's most months)
PER_DAY = "volume changes in % are of posts per day"


def per_day_note(period: Period, compare: Period) -> str:
    """The note on a comparison period of another length (`length_ratio`)."""
    return (
        f"{PER_DAY}: {period.label()} is {span(period.length)} long, {compare.label()} {span(compare.length)}"
        " (changes in posts are counts)"
    )


#: the start of the note on a comparison period begun before the first post held
BEFORE_FIRST = "the comparison period begins before the first post held"


def before_first_note(compare: Period | None, first: pd.Timestamp | None) -> str | None:
    """The note on a comparison period of which a day or more is before the first post the store (or the files) holds:
    `--since 2026-09-01 --until 2026-11-09`, 69 days, was compared with 06-24 .. 08-31 of a store begun on 08-31,
    "+2,364 posts" against its last day, without a word. Its changes are from the posts there are, not a rise."""
    # (none after it: the note on an empty comparison period says so)
    # (first < start + a day, not first - start < a day: a 1678 period's start 348 years before a post overflowed
    # pandas' Timedelta, a report's OutOfBoundsDatetime)
    if compare is None or first is None or first < compare.start + pd.Timedelta(days=1) or first >= compare.end:
        return None
    first = first.tz_convert(compare.zone)
    return (
        f"{BEFORE_FIRST} ({first:%Y-%m-%d %H:%M}): {compare.label()} has posts from then on alone, so the changes"
        " against it are of less time, not a rise"
    )


#: the columns of posts' own words that the report quotes (a post's text, its author, an idea's example)
QUOTED = ("text", "author", "example")


def without_soft_hyphens(table: pd.DataFrame) -> pd.DataFrame:
    """`table` with no soft hyphen (U+00AD, pasted from a web page: "re\\u00adfund") in its `QUOTED` columns: it
    shows as nothing, but came along in what a reader copied from the HTML report and in the CSV's cells, where a
    search or a formula for "refund" missed it."""
    cols = [c for c in QUOTED if c in table and table[c].astype(str).str.contains("\u00ad", regex=False).any()]
    return table.assign(**{c: table[c].str.replace("\u00ad", "", regex=False) for c in cols}) if cols else table


def _within(posts: pd.DataFrame, period: Period) -> pd.DataFrame:
    """The posts created in `period`: of posts in time order (the store's), a slice of them, not a copy (a quarter's
    posts and the quarter's before were copied whole, 160 MB more)."""
    times = posts["created_at"]
    if times.is_monotonic_increasing:  # (no post without a time: NaT is not in order)
        start, end = times.searchsorted([period.start.tz_convert("UTC"), period.end.tz_convert("UTC")])
        return posts.iloc[start:end]
    return posts[period.contains(times)]


def naming_brands(posts: pd.DataFrame, brands: Iterable[str]) -> pd.DataFrame:
    """The posts naming one of `brands` (in any case), each one's `brands` naming those alone: a client's report
    from posts of twenty clients. The other brands a post names (a competitor beside the client) are left out of
    it, as a brand named by some of its posts alone would show a volume and share of voice of those co-mentions."""
    folded = {b.casefold() for b in brands}
    cells = posts["brands"].fillna("").reset_index(drop=True)
    names = cells.str.split(LIST_SEPARATOR).explode()
    names = names[names.str.casefold().isin(folded).fillna(False).to_numpy(dtype=bool)]
    kept = names.groupby(level=0, sort=True).agg(LIST_SEPARATOR.join)
    out = posts.iloc[kept.index.to_numpy()].reset_index(drop=True)
    return out.assign(brands=pd.Series(kept.to_numpy(), dtype=out["brands"].dtype))


def build_report(
    posts: pd.DataFrame,
    config: Config | None,
    period: Period,
    compare: Period | None,
    *,
    bucket: str | None = None,
    top: int = 5,
    baseline_periods: int = 4,
    min_term_count: int = 5,
    baseline_posts: pd.DataFrame | Iterable[pd.DataFrame] | None = None,
    brands: Iterable[str] | None = None,
    max_buckets: int | None = MAX_BUCKETS,
    intents: Iterable[str] | None = None,
) -> Report:
    """The report for `period` from enriched `posts` (which must cover the compare and baseline periods too, unless
    `baseline_posts` is given: the baseline period's posts, of which `created_at`, `author`, `text` and `lang` are
    read; or frames of its distinct texts, `store.text_copies`'s, the posts of the brands' own handles left out).
    Every table is of customers' posts: the brands' own (config `handles`) are left out, and counted.
    `brands`: the report of the posts naming one of them alone (`naming_brands`), its brand rows theirs alone; the
    other brands' handles are still their own (a competitor's account is no customer); frames of `baseline_posts`'s
    distinct texts must be of those posts already (`store.text_copies(naming=...)`).
    `intents`: the report of the posts with one of them among their intents alone (`has_intent`, as `queue --intent`
    reads them), the baseline's too (frames of distinct texts: `store.text_copies(intents=...)`).
    `bucket`: None for the CLI's (`periods.default_bucket`: hours for a day, days, weeks past 400 days; "day" by
    default was `TooManyBuckets` over 500 days). `max_buckets`: `periods.TooManyBuckets` (a `ConfigError`) when
    `bucket` cuts the period into more (hours over a year: 8,760 per brand, and as many bars); None for data alone
    (`to_dict`, the timeseries table), of any number."""
    bucket = bucket or default_bucket(period)
    check_buckets(period, bucket, max_buckets)
    check_enriched(posts, ("created_at", "text", "brands", "topics", "sentiment", "sentiment_label"), "build_report")
    if missing := [c for c in ("likes", "reposts", "replies", "author_followers") if c not in posts.columns]:
        # (a frame without counts, a news export's: their tables read them, and it ended in a KeyError; empty, not 0)
        posts = posts.assign(**{c: pd.Series(pd.NA, index=posts.index, dtype="Int64") for c in missing})
    for_brands = None
    if brands is not None:
        for_brands = list(dict.fromkeys(brands))
        posts = naming_brands(posts, for_brands)
        if isinstance(baseline_posts, pd.DataFrame):
            baseline_posts = naming_brands(baseline_posts, for_brands)
    for_intents = None
    if intents is not None:
        for_intents = list(dict.fromkeys(intents))
        posts = rows_where(posts, has_intent(posts, for_intents))
        if isinstance(baseline_posts, pd.DataFrame):
            baseline_posts = rows_where(baseline_posts, has_intent(baseline_posts, for_intents))
    own = by_own_handle(posts, config)
    own_now = int((own & period.contains(posts["created_at"])).sum())
    posts = posts[~own] if own.any() else posts
    cur = _within(posts, period)
    prev = _within(posts, compare) if compare else None
    baseline = baseline_period(period, baseline_periods)
    if baseline_posts is None:
        base = posts[baseline.contains(posts["created_at"])]
    elif isinstance(baseline_posts, pd.DataFrame):
        base = baseline_posts[baseline.contains(baseline_posts["created_at"])]
        base = base[~by_own_handle(base, config)]
    else:  # (distinct texts, their authors' own posts out: the retweets of a brand's, known by their texts, go here)
        base = copy_term_counts(frame[~by_own_handle(frame, config)] for frame in baseline_posts)
    if isinstance(base, pd.DataFrame):
        base = TermCounts(term_document_counts(base["text"], base.get("lang")), len(base))
    if for_brands is not None and config is not None:  # (after the handles: all brands' are theirs)
        folded = {b.casefold() for b in for_brands}
        config = replace(config, brands=[b for b in config.brands if b.name.casefold() in folded])
    scale = length_ratio(period, compare)
    topics = metrics.topic_table(cur, prev, scale, config)
    intents = metrics.intent_table(cur, prev, config)
    brand_terms = [t for b in config.brands for t in (b.name, *b.terms)] if config is not None else []
    tables = {
        "brands": metrics.brand_table(cur, prev, config, scale),
        "timeseries": metrics.timeseries(cur, period, bucket, config),
        "topics": topics,
        "topic_growth": metrics.topic_growth(topics, top, scale),
        "brand_topics": metrics.brand_topic_table(cur, prev, config, scale, top),
        "intents": intents,
        "urgent": metrics.urgent_table(intents, config),
        "versions": metrics.version_table(cur),
        "emerging": emerging_terms(
            cur["text"],
            base,
            min_count=min_term_count,
            top=max(top * 3, 10),
            current_lang=cur.get("lang"),
            skip=brand_words(brand_terms, cur),
        ),
        "suggestions": idea_terms(
            cur,
            prev,
            intent=IDEA_INTENT,
            skip=brand_terms,
            top=max(top * 2, 10),
        ),
        "authors": metrics.author_table(cur, top, config),
        "top_posts": metrics.top_posts(cur, top, config),
        "negative_posts": metrics.negative_posts(cur, top, config),
        "praised_posts": metrics.praised_posts(cur, top, config),
    }
    tables = {name: without_soft_hyphens(table) for name, table in tables.items()}
    notes = []
    if cur.empty:
        notes.append(f"no posts in {period.label()}")
    if scale != 1:
        notes.append(per_day_note(period, compare))
    if compare is not None and prev is not None and prev.empty:
        notes.append(f"{EMPTY_COMPARISON} {compare.label()}: volume changes are from 0, other changes are empty")
    if not base.posts:
        notes.append(NO_BASELINE)
    # (a retweet is a post of its own in every table, as listening tools count them: "complaints tripled" read of
    # volumes a retweet storm makes. Of the period alone: a store reads the texts of the period's posts only)
    if retweets := int(is_retweet(cur).sum()):
        notes.append(
            f'{retweets:,} of the period\'s {len(cur):,} posts {RETWEETS} ("RT @user: ..."), each counted in every'
            " table as a post of its own"
        )
    if not cur.empty and (note := part_buckets_note(period, bucket)):  # (no posts: no fewer ones to explain)
        notes.append(note)
    # (a store's posts from before intents were tagged, version 1, or stored unanalyzed: their intent is NULL, not
    # the '' of a post without one, and they counted as `none` without a word, their changes too: "complaint +40"
    # against a week of untagged posts. Posts with no tag at all are data without intents, as `queue` reads them.)
    if "intent" in posts.columns and posts["intent"].notna().any():
        untagged = [int(p["intent"].isna().sum()) if p is not None else 0 for p in (cur, prev)]
        if any(untagged):
            where = " and ".join(
                f"{n:,} of the {what} posts"
                for n, what in zip(untagged, ("period's", "comparison period's"), strict=True)
                if n
            )
            notes.append(
                f"{where} {UNTAGGED} (in a store of schema version 1, or unanalyzed): the intents"
                " table counts them as none; ingest their exports again to tag them"
            )
    return Report(
        period,
        compare,
        baseline,
        bucket,
        tables,
        len(cur),
        notes,
        own_posts=own_now,
        others=bool(config is not None and config.others),
        min_term_count=min_term_count,
        top=top,
        about_brands=metrics.about_brands(cur, config),
        for_brands=for_brands,
        for_intents=for_intents,
        stars=metrics.star_scale(cur if prev is None else pd.concat([cur, prev])),
    )


def analyzed_rows(rows: pd.DataFrame, who: str = "make_report") -> pd.DataFrame:
    """`analyze`'s rows as the report reads them, from any frame of them: `pd.read_csv` of brandpulse's own CSV
    (times as text, counts as floats, `="570306133677760513"` ids, an empty cell NaN) as `analyze`'s own frame. The
    post fields are read as a file's cells (`schema.conform`), a review's reply and app version as the readers read
    them, the analysis columns as `analyze` writes them: scores as numbers, labels as text, no brand, topic or
    intent "" (`EMPTY_FOR_NONE`). Its other columns are kept as they are. (`build_report` compared text times with
    the period's: a TypeError.)"""
    check_enriched(rows, ("created_at", "text", "brands", "topics", "sentiment", "sentiment_label"), who)
    out = conform(rows, [c for c in rows.columns if c not in POST_FIELDS])
    for col, (dtype, _) in {**ENRICHED_FIELDS, **ABOUT_FIELDS}.items():
        if col not in out.columns:
            continue
        if dtype == STRING:
            values = enriched_values(col, out[col].astype(STRING).str.strip())
            out[col] = values.fillna("") if col in EMPTY_FOR_NONE else values.where(values != "")
        else:  # (a score column of text or of None cells: `sentiment.mean()` of objects)
            # (a blank cell is a missing score: `pd.read_csv(dtype=str, keep_default_na=False)` reads it "")
            cells = out[col].astype(object).where(out[col].notna() & out[col].astype(STRING).str.strip().ne(""))
            numbers = pd.to_numeric(cells, errors="coerce")
            if (bad := numbers.isna() & cells.notna()).any():
                row, value = out.index[bad.to_numpy(bool)][0], cells[bad].iloc[0]
                raise InputError(f"{who}(): column {col!r} cannot be read as numbers: {value!r} (row {row!r})")
            out[col] = numbers.astype(dtype)
    return out


def make_report(
    rows: pd.DataFrame,
    config: Config | None = None,
    *,
    period: str = "week",
    since: str | pd.Timestamp | None = None,
    until: str | pd.Timestamp | None = None,
    now: str | pd.Timestamp | None = None,
    tz: str | None = None,
    compare: str | None = "previous",
    bucket: str | None = None,
    top: int = 5,
    baseline: int = 4,
    min_term_count: int = 5,
    brands: Iterable[str] | None = None,
    intents: Iterable[str] | None = None,
) -> Report:
    """`brandpulse report FILES` from Python: the report of `analyze`'s rows (its frame, or `pd.read_csv` /
    `pd.read_parquet` of its output: `analyzed_rows`) for a period, compared with another. The keywords are the
    CLI's options: `period` ("day", "week", "month"), `since`/`until`/`now` (dates, as `--since` reads them),
    `tz` (of the period; default the config's, else UTC), `compare` ("previous", "week-before", "none" or
    "SINCE..UNTIL"), `bucket`, `top`, `baseline` (periods of the emerging-terms baseline), `min_term_count`,
    `brands` (`--for-brand`) and `intents` (`--intent`: the posts with one of them among their intents, names checked
    as the CLI checks them, `summary.known_intents`). Its `tables` are the CLI's (`TABLES`), `to_dict()` its JSON."""
    from ..config import timezone

    check_config(config, "make_report")
    for name, value in (("top", top), ("baseline", baseline), ("min_term_count", min_term_count)):
        if not isinstance(value, Integral) or isinstance(value, bool):  # (numpy's whole numbers too)
            raise TypeError(f"make_report(): {name} takes a whole number, not {type(value).__name__}")
        if value < 1:  # (`top=-1` dropped the last post of each table, `top=0` emptied them: the CLI's are >= 1)
            raise ValueError(f"make_report(): {name} must be 1 or more, not {value}")
    posts = analyzed_rows(rows)
    if brands is not None:
        brands = _known_brands([brands] if isinstance(brands, str) else list(brands), posts, config)
    if intents is not None:
        intents = [intents] if isinstance(intents, str) else list(intents)
        if bad := [n for n in intents if not isinstance(n, str)]:
            raise TypeError(f"make_report(): intents takes intent names, not {type(bad[0]).__name__}")
        if not intents:  # (none: an empty report, no word; the CLI's --intent is given with a name)
            raise ValueError("make_report(): intents takes one or more intent names, or None for every post")
        intents = known_intents(intents, config, posts)
    when = report_periods(
        period, since, until, now, tz=timezone(config, tz), compare="none" if compare is None else compare,
        baseline=baseline, bucket=bucket,
    )  # fmt: skip
    rep = build_report(
        posts,
        config,
        when.current,
        when.previous,
        bucket=bucket,
        top=top,
        baseline_periods=baseline,
        min_term_count=min_term_count,
        brands=brands,
        max_buckets=None,
        intents=intents,
    )
    times = posts["created_at"].dropna()
    rep.notes += period_notes(when, times.min() if len(times) else None)
    if rep.posts == 0 and len(times):  # (`report`'s warning on stderr: a period in the wrong year was empty, no word)
        first, last = (t.tz_convert(when.current.zone) for t in (times.min(), times.max()))
        rep.notes.append(f"the rows are from {first:%Y-%m-%d} to {last:%Y-%m-%d}: give until= or since=")
    return rep


def _known_brands(names: list[str], posts: pd.DataFrame, config: Config | None) -> list[str]:
    """`make_report(brands=...)` as `report --for-brand` checks it: each a configured brand (with no brands
    configured, one the rows name), in any case; a typo gave an empty report, no word (the CLI's exit 2)."""
    import difflib

    if config is not None and config.brands:
        known, where = [b.name for b in config.brands], "configured"
    else:
        named = posts["brands"].dropna().astype(str).str.split(";").explode().str.strip()
        known, where = list(dict.fromkeys(n for n in named if n)), "named by the rows"
    folded = {k.casefold(): k for k in known}
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"make_report(): brands takes brand names, not {type(name).__name__}")
        if name.casefold() not in folded:
            close = difflib.get_close_matches(name.casefold(), list(folded), n=1, cutoff=0.6)
            hint = f", did you mean {folded[close[0]]}?" if close else ""
            shown = ", ".join(known[:20]) + (f" and {len(known) - 20:,} more" if len(known) > 20 else "")
            raise ConfigError(f"brands {name!r}: no such brand{hint} ({where}: {shown or 'none'})")
    return names


def period_notes(when: ReportPeriods, first: pd.Timestamp | None) -> list[str]:
    """The notes on the periods a report compares (`brandpulse report`'s and `make_report`'s): a comparison period
    begun before `first`, the first post held, and a period not over at `when.now`."""
    notes = (before_first_note(when.previous, first), unfinished(when.current, when.previous, when.now))
    return [note for note in notes if note]
