"""`analyze [--chunksize N] [--jobs J]`: the pipeline over slices of N posts (default 100,000), read
as a stream, optionally in J worker processes.

Memory stays flat as input grows: only the chunks in flight are held (with J workers, J + 1
chunks, the first and last cut in slices, plus the chunk being read and the one before it), the rows
go to the output as each chunk is done,
and the summaries are kept as additive counts (brand_counts, topic_counts, intent_counts) plus the few candidate
extreme posts. The one thing that grows is the duplicate filter: 8 bytes per post with an id (a
64-bit hash of platform and post_id), so 10 million posts cost about 80 MB; 32 for a post of no platform (`SeenKeys`).

Results equal the in-memory run's: same rows in the same order, same summary tables, same rejects
with the same positions. The one exception: a date such as 02/11/2026 is read in the order the file's
dates show, and a chunk cannot know what the chunks after it show: a chunk that shows no order is held
until one does (`sources.HELD_CHUNKS` chunks at most: those before are rejected), and one before a date
that shows the other order reads it (the note says so of both). Excel day numbers (46115.4166), and a CST beside a
later chunk's CDT, are read as read whole: the dates of the chunks after the first that holds one are looked at first.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import warnings
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import chain, islice

import numpy as np
import pandas as pd

from ..choices import DEFAULT_CHUNKSIZE
from ..config import Config
from ..enrich import language
from ..enrich.brand_names import names_neutral
from ..enrich.brand_sentiment import own_explained
from ..enrich.brand_sentiment import per_brand as brand_rows
from ..enrich.brands import by_own_handle, customer_posts
from ..enrich.explain import add_explanations
from ..enrich.intent import unscored_but
from ..enrich.sentiment import Analyzer, analyzer_languages, get_analyzer, skipped_languages
from ..errors import BrandpulseError, Terminated, option
from ..output.redact import redact
from ..output.writers import to_bytes
from ..pipeline import analyze_posts as run_pipeline
from ..pipeline import post_keys
from ..report.summary import (
    add_counts,
    brand_counts,
    brand_summary_from_counts,
    extreme_candidates,
    extreme_rows,
    intent_counts,
    intent_summary_from_counts,
    not_listed,
    split_posts,
    topic_counts,
    topic_summary_from_counts,
    with_intents,
)
from ..schema import STRING, conform, kept_as_text, kept_columns, kept_last, rows_where
from ..sources import REJECT_COLUMNS, check_columns, in_line_order, iter_read


@dataclass
class Options:
    """What every chunk is analyzed with; picklable, so worker processes get it once per chunk."""

    config: Config
    sentiment: str | Analyzer  # a name travels to workers; an Analyzer object only runs in-process
    explain: bool = False
    per_brand: bool = False
    top: int = 5
    #: (format, writer options): serialise the rows in the worker (header-less CSV/TSV/JSONL bytes),
    #: so the parent process only reads and writes; used with --jobs
    serialize: tuple[str, dict] | None = None
    #: `--redact`: the run's key (`redact.run_key`), which names each author alike in every chunk and worker
    redact: bytes | None = None


@dataclass
class Part:
    """One analyzed chunk: the rows to write and what the summaries need from them."""

    rows: pd.DataFrame
    brands: pd.DataFrame
    topics: pd.DataFrame
    extremes: pd.DataFrame
    skipped: pd.Series
    analyzed: int
    own: int = 0  # posts by the brands' own handles: in `rows`, not in the counts
    untimed: int = 0  # posts without a time: in `rows`, in no report or alert (a store's weeks)
    data: bytes | None = None  # `rows` serialised by the worker (rows then keeps only its columns)
    long: Counter | None = None  # the cells of `data` a spreadsheet cuts, per column (`writers.long_cells`)
    intents: pd.DataFrame | None = None  # `intent_counts` of the customers' posts
    #: the warnings its analysis gave, (message, category, file, line): said once a run by `run`, not once a chunk
    #: (a place of no brand, `--map about=name`: each chunk and worker repeated it)
    warned: list[tuple[str, type, str, int]] = field(default_factory=list)


@lru_cache(maxsize=4)
def _analyzer(name: str) -> Analyzer:
    return get_analyzer(name)


def analyze_part(posts: pd.DataFrame, options: Options) -> Part:
    """The in-memory CLI's steps on one slice of (deduplicated) posts, the warnings they gave kept in the part."""
    with warnings.catch_warnings(record=True) as said:
        part = _analyze_part(posts, options)
    part.warned = [(str(w.message), w.category, w.filename, w.lineno) for w in said]
    return part


def _analyze_part(posts: pd.DataFrame, options: Options) -> Part:
    analyzer = _analyzer(options.sentiment) if isinstance(options.sentiment, str) else options.sentiment
    config = options.config
    analyzer = names_neutral(analyzer, config.brands if config else None)  # (the explanations read them so too)
    enriched = run_pipeline(posts, config, sentiment=analyzer)
    if options.explain:
        enriched = add_explanations(enriched, analyzer)
    rows = enriched
    if options.per_brand:
        rows = brand_rows(enriched, config.brands, analyzer, config.positive, config.negative, options.explain)
    rows = kept_last(rows)
    own = by_own_handle(enriched, config)  # the brands' own posts: in the rows, not in the tables
    skip = not_listed(enriched, config, own)  # (the lists are of customers' posts about the brands)
    extremes = extreme_candidates(enriched, options.top, skip, config.positive, config.negative)
    if options.explain:
        extremes["explain"] = enriched["explain"].reset_index(drop=True).loc[extremes.index]
        extremes["brand_explain"] = own_explained(extremes, config.brands, analyzer)
    split = split_posts(enriched, config.positive, config.negative, skip=own)  # for both counts
    if rows is enriched:
        brands = brand_counts(rows, config.positive, config.negative, split)
    else:
        brands = brand_counts(customer_posts(rows, config), config.positive, config.negative)
    topics = topic_counts(enriched, config.positive, config.negative, split)
    untimed = int(enriched["created_at"].isna().sum())
    skipped = skipped_languages(enriched, analyzer_languages(analyzer))
    part = Part(rows, brands, topics, extremes, skipped, len(enriched), int(own.sum()), untimed)
    # (the two columns it reads: filtering the whole frame took 10 ms of a 50,000-post slice)
    part.intents = intent_counts(enriched.loc[~own, ["brands", "intent", "intents"]] if own.any() else enriched)
    if options.redact is not None:  # (after the counts: they tell the brands' own posts by their authors)
        part.rows = redact(rows, config=config, key=options.redact)
    if options.serialize:
        fmt, write_opts = options.serialize
        part.long = Counter()
        part.data = to_bytes(part.rows, fmt, header=False, long=part.long, **write_opts)
        part.rows = rows.iloc[:0]
    return part


@dataclass
class Platformless:
    """A chunk's posts of no platform with an id (at `at`): their id keys, content keys and author and text hashes
    (0: none), for `SeenKeys` to tell them apart from an earlier chunk's post of their id as a whole read does."""

    at: np.ndarray
    ids: np.ndarray
    content: np.ndarray
    who: np.ndarray
    what: np.ndarray


def chunk_keys(df: pd.DataFrame) -> tuple[np.ndarray, Platformless | None]:
    """`post_keys`, and what `SeenKeys` needs of the posts of no platform with an id (None when there are none: the
    common chunk costs one look at its platforms)."""
    keys = post_keys(df)
    if not {"platform", "post_id", "text"} <= set(df.columns):  # (`post_keys` tells none apart then)
        return keys, None
    platform, post_id = df["platform"], df["post_id"]
    held = (platform.isna() | platform.eq("")).to_numpy(dtype=bool, na_value=True)
    if not held.any():
        return keys, None
    held &= ~(post_id.isna() | post_id.astype(STRING).eq("")).to_numpy(dtype=bool, na_value=True)
    if not held.any():
        return keys, None
    at = np.flatnonzero(held)
    posts = df.iloc[at]
    hashes = [_hashes(posts[col] if col in posts else pd.Series(pd.NA, posts.index)) for col in ("author", "text")]
    ids = post_keys(posts[["post_id", "platform"]])  # (without author and text: keyed by id alone)
    content = post_keys(posts.assign(post_id=pd.NA))  # (without an id: keyed by content)
    return keys, Platformless(at, ids, content, *hashes)


def _hashes(values: pd.Series) -> np.ndarray:
    out = pd.util.hash_pandas_object(values.astype(STRING), index=False).to_numpy().copy()
    out[values.isna().to_numpy()] = 0
    return out


class SeenKeys:
    """The keys (`post_keys`) of posts kept so far, as sorted blocks of 64-bit hashes:
    8 bytes a post instead of a Python set's ~150. A block holds at most `block` keys, so adding a
    chunk's keys copies one block of at most 16 MB, never the whole set (at 10 million posts, one
    80 MB array copied on each insert would double the filter's share of peak memory).
    Two different keys sharing a hash (odds about n^2 / 2^65: 3 in a million for 10 million posts)
    would drop the later post as a duplicate. Posts of no platform with an id cost 24 bytes more: their id's
    first post's author and text hashes, so that a later chunk's post of that id, of another text and not its author,
    is kept apart as a whole read keeps it (`pipeline._other_posts`)."""

    def __init__(self, block: int = 1 << 21) -> None:
        self._blocks: list[np.ndarray] = []
        self._block = block
        self._firsts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # (ids sorted, authors, texts)

    def drop_seen(self, df: pd.DataFrame) -> pd.DataFrame:
        """What `drop_duplicates` drops (comparing key hashes), within `df` and against the posts
        kept from earlier chunks."""
        keep = self.keep(chunk_keys(df))
        return df if keep.all() else rows_where(df, keep)

    def keep(self, keyed: tuple[np.ndarray, Platformless | None]) -> np.ndarray:
        """Of a chunk's `chunk_keys`, True for the posts not seen before (in it or in an earlier chunk)."""
        hashes, platformless = keyed
        if platformless is not None:
            hashes = self._apart(hashes, platformless)
        seen = pd.Series(hashes).duplicated(keep="first").to_numpy().copy()  # (pandas 3: read-only)
        order = np.argsort(hashes)  # sorted, the searches below take a tenth of the time
        needles = hashes[order]
        for keys in self._blocks:
            at = np.minimum(np.searchsorted(keys, needles), len(keys) - 1)
            seen[order[keys[at] == needles]] = True
        new = np.sort(hashes[~seen])  # distinct: repeats within df are in `seen`
        if self._blocks and len(self._blocks[-1]) + len(new) <= self._block:
            last = self._blocks[-1]
            self._blocks[-1] = np.insert(last, np.searchsorted(last, new), new)
        elif len(new):
            self._blocks.append(new)
        return ~seen

    def _apart(self, hashes: np.ndarray, p: Platformless) -> np.ndarray:
        """`hashes` with the keys of the posts whose id an earlier chunk's post of no platform had: `post_keys` of the
        two chunks read as one (their id's, or their content's when neither author nor text is that post's)."""
        found = np.zeros(len(p.ids), dtype=bool)
        who, what = np.zeros_like(p.who), np.zeros_like(p.what)
        for ids, authors, texts in self._firsts:
            at = np.minimum(np.searchsorted(ids, p.ids), len(ids) - 1)
            hit = ids[at] == p.ids
            found |= hit
            who[hit], what[hit] = authors[at[hit]], texts[at[hit]]
        if found.any():
            # (another text, and not the same author: a missing author tells nothing, as `pipeline._other_posts`)
            other = (p.what != what) & (p.what != 0) & (what != 0) & ~((p.who == who) & (p.who != 0))
            hashes = hashes.copy()
            hashes[p.at[found]] = np.where(other, p.content, p.ids)[found]
        first = ~found & ~pd.Series(p.ids).duplicated().to_numpy()  # (each new id's first post: the one compared)
        if first.any():  # (into the last block while it holds fewer than `block`, as the keys)
            new = [x[first] for x in (p.ids, p.who, p.what)]
            if self._firsts and len(self._firsts[-1][0]) + len(new[0]) <= self._block:
                new = [np.concatenate(pair) for pair in zip(self._firsts.pop(), new, strict=True)]
            order = np.argsort(new[0])
            self._firsts.append((new[0][order], new[1][order], new[2][order]))
        return hashes


@dataclass
class Totals:
    """The summaries of a chunked run, added up chunk by chunk."""

    rows_read: int = 0
    analyzed: int = 0
    duplicates: int = 0
    own: int = 0
    #: posts left out by a period (`run`'s `since`/`until`): outside it, and without a time to place them in it;
    #: without a period, `untimed` counts the posts analyzed without a time (in no report or alert)
    outside: int = 0
    untimed: int = 0
    rejects: list[pd.DataFrame] = field(default_factory=list)
    brands: pd.DataFrame | None = None
    topics: pd.DataFrame | None = None
    intents: pd.DataFrame | None = None
    extremes: list[pd.DataFrame] = field(default_factory=list)
    skipped: pd.Series = field(default_factory=lambda: pd.Series(dtype="int64"))
    #: what the user is to be told even with -q: (file, `Loaded.warning`)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    #: the columns of later FILES an output of the first one's columns left out (`writers.ChunkWriter.dropped`)
    dropped: list[str] = field(default_factory=list)
    #: the chunks' warnings said so far (`Part.warned`)
    said: set[tuple] = field(default_factory=set)
    #: the config's (positive, negative) sentiment thresholds: the extreme posts are those the tables count so
    thresholds: tuple[float, float] = (0.05, -0.05)

    def add(self, part: Part, top: int) -> None:
        for warned in part.warned:  # (each once, here: a worker's stderr repeated it each chunk, dask's lost it)
            if warned not in self.said:
                self.said.add(warned)
                warnings.warn_explicit(*warned)
        self.analyzed += part.analyzed
        self.own += part.own
        self.untimed += part.untimed  # (none with a period: those are left out before, and counted there)
        self.brands = add_counts(self.brands, part.brands)
        self.topics = add_counts(self.topics, part.topics)
        self.intents = add_counts(self.intents, part.intents)
        # keep only the candidates that can still win: the extremes of all chunks so far
        extremes = pd.concat([*self.extremes, part.extremes], ignore_index=True)
        self.extremes = [_candidates(extremes, top, self.thresholds)]
        skipped = self.skipped.add(part.skipped, fill_value=0).astype("int64")
        self.skipped = skipped.sort_values(ascending=False, kind="stable")  # as value_counts orders them

    def brand_summary(self, config: Config) -> pd.DataFrame:
        """`brand_summary`'s table, the intents' columns too (`analyze --summary-csv`)."""
        return with_intents(brand_summary_from_counts(self.brands, config), self.intent_summary(config))

    def topic_summary(self, top: int, config: Config | None = None) -> pd.DataFrame:
        return topic_summary_from_counts(self.topics, top, config)

    def intent_summary(self, config: Config | None = None) -> pd.DataFrame:
        counts = self.intents if self.intents is not None else intent_counts(pd.DataFrame(columns=["brands"]))
        return intent_summary_from_counts(counts, config)

    def extreme_posts(self, top: int) -> tuple[pd.DataFrame, pd.DataFrame]:
        neg, pos = extreme_rows(pd.concat(self.extremes, ignore_index=True), top, None, *self.thresholds)
        return neg.reset_index(drop=True), pos.reset_index(drop=True)

    def explained(self) -> pd.DataFrame:
        """The candidate extreme posts with their `explain` column (for the terminal's explain table)."""
        return pd.concat(self.extremes, ignore_index=True)

    def rejected(self) -> pd.DataFrame:
        return pd.concat(self.rejects, ignore_index=True) if self.rejects else pd.DataFrame(columns=REJECT_COLUMNS)


def _candidates(df: pd.DataFrame, top: int, thresholds: tuple[float, float]) -> pd.DataFrame:
    keep = extreme_candidates(df, top, None, *thresholds).index
    return df.loc[keep].reset_index(drop=True)


def run(
    files: Iterable[str],
    options: Options,
    *,
    chunksize: int | None = None,
    jobs: int = 1,
    input_format: str | None = None,
    mapping: dict[str, str] | None = None,
    date_order: str | None = None,
    input_tz: str | None = None,
    keep_duplicates: bool = False,
    write: Callable[[pd.DataFrame, bytes | None], None] | None = None,
    on_file: Callable[[str, int, str, dict[str, str]], None] | None = None,
    on_chunk: Callable[[Totals], None] | None = None,
    since: pd.Timestamp | None = None,
    until: pd.Timestamp | None = None,
    keep: tuple[str, ...] = (),
) -> Totals:
    """Analyze `files` chunk by chunk, passing each chunk's rows (and their bytes, with
    `options.serialize`) to `write` in input order, then the totals so far to `on_chunk`. With `since`
    and/or `until`, only the posts created from `since` and before `until` (a post without a time is left
    out too, as the store's periods leave it out; both counted in the totals). `keep`: the files' columns written
    as text after the rows' own (`--keep`), each file holding them."""
    chunksize = chunksize or DEFAULT_CHUNKSIZE
    files, keep = list(files), kept_columns(keep)
    # before any row is written
    check_columns(files, format=input_format, mapping=mapping, keep=keep, date_order=date_order)
    totals = Totals(thresholds=(options.config.positive, options.config.negative))
    seen = SeenKeys()

    def chunks() -> Iterator[pd.DataFrame]:
        for name in files:
            rows, note, columns, warning = 0, "", {}, ""
            rejects = []
            for loaded in iter_read(
                name,
                chunksize,
                format=input_format,
                mapping=mapping,
                keep=keep,
                date_order=date_order,
                input_tz=input_tz,
            ):
                rows += loaded.rows_read
                note, columns, warning = loaded.note, loaded.columns or columns, loaded.warning or warning
                totals.rows_read += loaded.rows_read
                if len(loaded.rejects):
                    rejects.append(loaded.rejects)
                posts = kept_as_text(loaded.posts, keep)
                del loaded  # hold no chunk here while the next one is read and analyzed
                if since is not None or until is not None:
                    posts = _in_period(posts, since, until, totals)
                if not keep_duplicates:
                    before = len(posts)
                    posts = seen.drop_seen(posts)
                    totals.duplicates += before - len(posts)
                posts = posts.reset_index(drop=True)
                yield posts
                del posts
            if rejects:  # in the file's line order, as `read` lists a whole file's (each chunk's are in order)
                totals.rejects.append(in_line_order(pd.concat(rejects, ignore_index=True)))
            if warning:
                totals.warnings.append((name, warning))
            if on_file:
                on_file(name, rows, note, columns)

    if jobs > 1 and not isinstance(options.sentiment, str):
        named, where = option(f"jobs={jobs}", "--jobs"), option(" (Options.sentiment)", "")
        raise TypeError(f"{named} needs the analyzer by name{where}, to build it in each worker")
    work = partial(analyze_part, options=options)
    start, warm = partial(start_worker, options), partial(warm_up, options, workers=jobs > 1)
    items = spread(chunks(), jobs) if jobs > 1 else chunks()
    for part in map_ordered(work, items, jobs, initializer=start, preload=warm):
        if write is not None:
            write(part.rows, part.data, *([part.long] if part.long else []))
        totals.add(part, options.top)
        del part  # or it stays alive while the next chunk is read and analyzed
        if on_chunk is not None:
            on_chunk(totals)
    return totals


def _in_period(posts: pd.DataFrame, since: pd.Timestamp | None, until: pd.Timestamp | None, totals: Totals):
    """The posts created in [since, until); those left out counted in `totals`."""
    times = posts["created_at"]
    untimed = times.isna().to_numpy(bool)
    keep = ~untimed
    if since is not None:
        keep &= (times >= since).to_numpy(bool)
    if until is not None:
        keep &= (times < until).to_numpy(bool)
    totals.untimed += int(untimed.sum())
    totals.outside += int((~keep & ~untimed).sum())
    return posts[keep] if not keep.all() else posts


def spread(chunks: Iterator[pd.DataFrame], parts: int) -> Iterator[pd.DataFrame]:
    """`chunks` for `parts` workers: the first cut into `parts` slices, so that all of them start at once (an input
    of one chunk, the common ad-hoc file, gets every worker, not one); the last into `2 * parts`, so that it keeps
    them all busy too and they end within a small piece of each other, not one while the others wait for the end
    (1M posts, `--jobs 2`: 12.5-12.8 s against 13.1-13.8 s, and 0.14 s less for the finer cut). The chunks between go
    whole, one a worker: a slice costs about 0.1-0.2 s of CPU whatever its size (each Arrow regex builds its DFA
    afresh on each call), and cutting every chunk in `parts` made 22 slices of 1M posts where 14 do (stop 53:
    user + sys of the 1M posts, `--jobs 2`, see docs/scale.md). Each chunk is sent once the next one is read, so the
    very last is known."""
    chunks = iter(chunks)
    chunk = next(chunks, None)
    if chunk is None:
        return
    *head, last = _slices(chunk, parts)
    yield from head
    while (after := next(chunks, None)) is not None:
        yield last
        last = after
    yield from (_slices(last, 2 * parts) if len(last) > 1 else [last])


def _slices(df: pd.DataFrame, parts: int) -> Iterator[pd.DataFrame]:
    size = max(-(-len(df) // parts), 1)
    for start in range(0, max(len(df), 1), size):
        yield df.iloc[start : start + size].reset_index(drop=True)


def keep_freed_memory() -> None:
    """Have glibc's malloc keep the memory a chunk frees for the next chunk (blocks up to 32 MB from
    its heap, and 256 MB of free heap before giving any back) rather than unmapping it and faulting
    it in again page by page: about half the page faults of a run, and 20-50% of its time in the
    kernel. One arena for all threads (lingua's), so that freed memory is not scattered over
    several heaps and memory stays flatter over a long stream. Process-wide: called by the CLI and
    in `--jobs` workers, not by `run` for library callers. No-op without glibc."""
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):
        return
    m_trim_threshold, m_mmap_threshold, m_arena_max = -1, -3, -8
    mallopt(m_mmap_threshold, 32 << 20)  # the largest glibc takes; setting it also stops its adjusting
    mallopt(m_trim_threshold, 256 << 20)
    mallopt(m_arena_max, 1)


def warm_up(options: Options, workers: bool = False) -> None:
    """Build the analyzer and load the language models (0.6 s, which each worker would otherwise
    spend on its first chunk): with `workers` (before they are forked), the full detector too, which one process
    builds only when a text needs it. lingua loads its models in a Rust thread pool that a forked worker
    does not inherit; workers detect single-threaded (`language.parallel` off), never in that pool.
    The French post comes with its `lang`, and the English one is one the quick English pass decides: "un post
    pour chauffer" detected, and "warm-up post" too short for the quick pass to be sure, built the full detector
    (1.7 s of CPU) in every one-process run, also of posts the quick pass decides all."""
    parallel, language.parallel = language.parallel, False
    try:
        if workers:
            language.preload(language.candidates_from_config(options.config.raw, options.config.path))
        texts = pd.array(
            ["I have been waiting for my refund for three weeks now", "un post pour chauffer"], dtype="string"
        )
        posts = conform(pd.DataFrame({"text": texts, "lang": pd.array([None, "fr"], dtype="string")}))
        # (not `analyze_part`, which records warnings: `catch_warnings` is the process's, and this runs in a thread
        # while the main one reads the first chunk, whose warnings it would take and drop)
        _analyze_part(posts, options)
        # (built when a chunk first holds a praised post left unscored: its keys then came after the chunk's scan for
        # all matchers, which each worker's first chunk made twice, 0.2 s of CPU)
        unscored_but()
    finally:
        language.parallel = parallel


def start_worker(options: Options) -> None:
    """A `--jobs` worker's start. Forked workers find the warm-up done, in what they inherited."""
    language.parallel = False  # the workers are the parallelism
    keep_freed_memory()
    warm_up(options)
    # what it built (the analyzer, its lexicons and rules, the matchers) lives as long as the worker: out of the
    # garbage collector's full passes, which walked it twice a 200,000-post run (0.08 s of CPU, now 0.001 s)
    gc.freeze()


def cores() -> int:
    """CPU cores this process may run on (a container's or `taskset`'s limit, not the machine's)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def start_method() -> str:
    """fork on Linux when no other Python thread runs (a fork copies only the calling thread, and
    a lock another thread held would stay locked in the child): the workers then inherit the
    parent's imports, analyzer and language models instead of each loading them again, about
    2 s of CPU a worker. spawn otherwise: workers start clean, with the parent's sys.path."""
    return "fork" if sys.platform == "linux" and threading.active_count() == 1 else "spawn"


def map_ordered(
    fn: Callable,
    items: Iterable,
    jobs: int,
    initializer: Callable | None = None,
    preload: Callable | None = None,
) -> Iterator:
    """`map(fn, items)` in `jobs` processes, results in input order, at most `jobs + 1` items in flight.
    The workers start at once, before the second item is taken. `initializer` runs once in each
    worker; `preload` runs here, before the workers are forked, so that they inherit what it
    loads (not at all when they are spawned). It runs in a thread while the first item is taken:
    the language models load in Rust, without the GIL, while the first chunk is read (1M posts,
    `--jobs 2`: the first slice goes out 0.1 s sooner). The thread ends before the fork. With one job it runs so
    too: every matcher's keys are then in the one scan of a text (`matching.AllKeys`) before the first chunk's, which
    brands, intent and topics otherwise each made again as they built theirs (100,000 posts: 0.25 s of CPU)."""
    if jobs <= 1:
        yield from map(fn, _preloaded(items, preload))
        return
    ctx = multiprocessing.get_context(start_method())
    if preload is not None and ctx.get_start_method() == "fork":
        items = _preloaded(items, preload)
    pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=partial(_worker_start, initializer, os.getpid()))
    try:
        wide_pipes(pool)
        with signals_blocked(), Terminated.deferred():  # in the threads and workers these submissions start
            for _ in range(jobs):  # the pool starts one worker per submission: start them all now
                pool.submit(int)
        pending: deque = deque()
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) > jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BrokenProcessPool as broken:  # a worker died (out of memory, `kill -9`): the pool's own words name no cause
        exitcodes = stop_workers(pool)
        if Terminated.signalled:  # SIGTERM to the whole process group: a worker ended first
            raise Terminated() from None
        raise BrandpulseError(broken_pool(exitcodes, broken.__cause__)) from None
    except BaseException:  # an error, Ctrl-C, SIGTERM, or the caller stopped: the chunks in flight are not wanted
        stop_workers(pool)
        raise
    pool.shutdown()


def _preloaded(items: Iterable, preload: Callable | None) -> Iterator:
    """`items`, `preload()` run in a thread while the first is taken (a reading error waits for it, then propagates)."""
    items = iter(items)
    if preload is None:
        return items
    # (the warnings' filters as they were after: `catch_warnings` is the process's, pandas enters it in both threads,
    # and their exits out of order leave one's "ignore" for the rest of the run; review of stop 47)
    with warnings.catch_warnings(), ThreadPoolExecutor(1) as thread:
        loading = thread.submit(preload)
        first = list(islice(items, 1))
    loading.result()
    return chain(first, items)


@contextmanager
def signals_blocked(signals: set[int] | None = None) -> Iterator[None]:
    """SIGPIPE and SIGINT (or `signals`) blocked in this thread for the block, so in the threads and processes it
    starts.
    SIGPIPE: the CLI lets it end the process (`| head` ends quietly); without this, a pool thread writing
    to a worker that died (`timeout` sends SIGTERM to workers and parent alike) would end the parent with
    SIGPIPE before it could remove its temporary output file. Blocked there, the write fails with EPIPE
    and the pool reports the broken worker. SIGINT: Ctrl-C reaches the workers too; they ignore it
    (`_worker_start`), and it stays blocked until then, so that none is raised in a worker just forked."""
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None:
        yield
        return
    signals = _BLOCKED if signals is None else signals
    mask(signal.SIG_BLOCK, signals)
    try:
        yield
    finally:
        mask(signal.SIG_UNBLOCK, signals)


_BLOCKED = {getattr(signal, name) for name in ("SIGPIPE", "SIGINT") if hasattr(signal, name)}


def _worker_start(initializer: Callable | None, parent: int) -> None:
    """A worker ignores Ctrl-C (the parent stops the pool; a worker taking it printed "Process
    ForkProcess-1:" and a traceback), takes SIGPIPE as its parent did before `signals_blocked`, and
    ends when its parent does."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # (a Ctrl-C pending since the fork is dropped)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _BLOCKED)
    _die_with(parent)
    if initializer is not None:
        initializer()


def _die_with(parent: int) -> None:
    """Linux: have the kernel kill this worker when its parent dies. A parent that ends without stopping
    its pool (SIGKILL, or SIGPIPE after `analyze -f csv --jobs 2 | head`) otherwise leaves the workers
    waiting for work forever: each holds the other's end of the pool's pipes, so none sees them close."""
    if not sys.platform.startswith("linux"):
        return
    try:
        prctl = ctypes.CDLL("libc.so.6").prctl
    except (OSError, AttributeError):
        return
    pr_set_pdeathsig = 1
    prctl(pr_set_pdeathsig, int(signal.SIGKILL))
    if os.getppid() != parent:  # the parent died before that took effect
        os.kill(os.getpid(), signal.SIGKILL)


def broken_pool(exitcodes: list[int | None], cause: BaseException | None) -> str:
    """What broke a pool, in one line. The pool terminates the workers left (SIGTERM) when one dies; the one that
    died first is the one whose end is not that. Its signal or exit code is named: "(out of memory?)" fits SIGKILL
    only, and a worker that crashed (SIGSEGV) or exited had been reported as killed for want of memory. A pool whose
    workers all lived broke reading a result back: the error it met is named."""
    died = [code for code in exitcodes if code not in (None, 0, -signal.SIGTERM)]
    if not died and cause is not None:
        return f"the --jobs worker processes could not be read from ({str(cause).strip().splitlines()[-1]})"
    code = next((code for code in died or exitcodes if code), None)
    if code == -signal.SIGKILL:
        return "a --jobs worker process was killed (out of memory?): try a smaller --chunksize or fewer --jobs"
    if code is not None and code < 0:
        return f"a --jobs worker process was killed by {signal.Signals(-code).name}"
    if code:
        return f"a --jobs worker process exited with code {code}"
    return "a --jobs worker process ended before its work was done"


def stop_workers(pool: ProcessPoolExecutor) -> list[int | None]:
    """End the pool at once: drop the queued chunks and terminate the workers instead of waiting for the
    chunks they are on (with 2 workers and a SIGTERM, 17 s sooner). Then wait for the pool's manager
    thread (`shutdown(wait=False)` forgets it, so a second `shutdown` would not): Python 3.11's exit hook
    for process pools writes to that thread's wakeup pipe without a lock, and wrote as the thread closed
    it, a traceback (OSError: Bad file descriptor) after "brandpulse: terminated"."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join()
    if manager is not None:
        manager.join()
    return [process.exitcode for process in processes]


def wide_pipes(pool: ProcessPoolExecutor) -> None:
    """Give the pool's two pipes 1 MiB buffers (Linux's default limit) instead of 64 KiB: a slice
    going out (15 MB pickled) and its CSV coming back (14 MB) cross in 16 times fewer writes and
    wake-ups (1M posts, `--jobs 2`: 10.50 s before, 10.39 s after, means of 8 interleaved runs). The pipes are
    the pool's private queues': nothing changes where they or F_SETPIPE_SZ are missing."""
    try:
        import fcntl

        for queue in (pool._call_queue, pool._result_queue):  # type: ignore[attr-defined]
            fcntl.fcntl(queue._writer.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)
    except (ImportError, AttributeError, OSError):
        pass
