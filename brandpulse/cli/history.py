"""Options and loading shared by ingest, report, alerts and queue: posts come from FILES or the store."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..choices import ANALYZER_NAMES, DEFAULT_PATH, STORE_ENV
from ..errors import InputError, StoreError, UsageError
from . import options as opt

if TYPE_CHECKING:
    import pandas as pd

    from ..config import Config
    from ..intake import Batch

store_options = [
    click.option(
        "--store",
        "store_option",
        type=opt.FilePath(dir_okay=False),
        callback=opt.a_file("the store is a database"),
        help=f"History store file (default: ${STORE_ENV}, else the config's store, else ./{DEFAULT_PATH}).",
    ),
    opt.wait_option,
]
analysis_options = [
    opt.config_option,
    opt.brand_option,
    opt.about_option,
    click.option(
        "--sentiment",
        metavar="NAME",
        help=f"Sentiment analyzer for FILES: {', '.join(sorted(ANALYZER_NAMES))}, cx:LEXICON.toml, model:FILE"
        " (default: cx, or the config's).",
    ),
    opt.map_option,
    opt.input_format_option,
    opt.date_order_option,
    opt.input_tz_option,
    opt.encoding_option,
    opt.rejects_option,
]


#: what a command without any brand loses (report, alerts, queue), and what `ingest` keeps
LOST_WITHOUT_BRANDS = "FILES name no brand, and the store's brands lose their order, competitor flags and own handles"
STORED_WITHOUT_BRANDS = (
    "the posts are stored naming no brand, and report, alerts and queue count them for none: ingest them again"
    " once brands are configured"
)


def make_config(
    config_path: str | None,
    brand_specs: tuple[str, ...],
    warn: Callable[[str], None],
    lost: str = LOST_WITHOUT_BRANDS,
    *,
    about: str | None = None,
    reads: tuple[tuple[str, ...], str | None] | None = None,
) -> Config:
    """The config with --brand and --about options added; without any brand, `warn` says what is `lost`, unless
    the command `reads` (its FILES, its --store) no FILES and a store that is not there: its error is then the one
    line (a cron job with neither mailed both)."""
    from rich.markup import escape

    from .. import store
    from ..config import add_about_option, add_brand_options, load_config

    config = load_config(config_path)
    add_about_option(add_brand_options(config, brand_specs), about)
    nothing_to_read = reads is not None and not reads[0] and not store.store_path(reads[1], config).exists()
    if not config.brands and not nothing_to_read:
        where = f"{escape(config.path)} has no \\[brands.NAME] table" if config.path else None
        warn(
            f"[yellow]no brands configured[/] ({where or '--config, $BRANDPULSE_CONFIG or ./brandpulse.toml'}; or"
            f" --brand NAME=TERMS): {lost}"
        )
    return config


def read_from(files, store_option: str | None, config: Config) -> list[str]:
    """What report and queue read: FILES, else the store (`-o` naming the store overwrote it)."""
    from .. import store

    return list(files) or [str(store.store_path(store_option, config))]


def opened_store(store_option: str | None, config: Config) -> Path:
    """The store a command reads (`used_store`), with a warning when its last run is dated ahead of this clock
    (`warn_ahead`)."""
    path = used_store(store_option, config)
    warn_ahead(path, writes=False)
    return path


def used_store(store_option: str | None, config: Config) -> Path:
    """The store a command opens, with a warning (also with -q) when $BRANDPULSE_STORE is another file than the
    one the config names: an analyst who set it for one client and ran `-c` with another's config wrote (or
    reported on) the first client's store without a word."""
    from .. import store

    path = store.store_path(store_option, config)
    named = None if store_option else store.config_store(config)
    if named is not None and named.resolve() != path.resolve():
        opt.err_console().print(
            f"[yellow]warning:[/] ${store.STORE_ENV} ({opt.shown_path(str(path))}) is used, not the"
            f" store {opt.shown_path(str(config.path))} names ({opt.shown_path(str(named))}): --store FILE says"
            f" which, or unset {store.STORE_ENV}"
        )
    return path


def warn_ahead(path: Path, *, writes: bool) -> None:
    """Warn (also with -q) when the store's last run is dated ahead of this clock (`store.clock_ahead`: a cron job
    whose machine's clock was put back was told nothing). `writes`: the command dates its posts first stored ahead
    by its own time."""
    from rich.markup import escape

    from .. import store

    ahead = store.clock_ahead(path, writes=writes)
    if ahead:
        opt.err_console().print(
            f"[yellow]warning:[/] {escape(opt.shown_path(str(path)))}: {escape(ahead)}", soft_wrap=True, highlight=False
        )


def writable_store(store_option: str | None, config: Config) -> Path:
    """The store that `ingest` and `fetch --store` write, checked before any work: one in a missing or
    read-only folder failed after every file was analyzed, or (fetch) every post fetched and then lost. The clock's
    warning comes after the checks: it said "this run ... dates the 8 posts ... by it" of a run that then failed."""
    from .. import store
    from ..output import writers

    path = used_store(store_option, config)
    store.duckdb_name(path)
    store.check_kind(path)  # (a CSV given as --store)
    if not path.parent.is_dir():
        raise StoreError(f"{path}: {store.no_folder(path.parent)}")
    why = writers.unwritable(path)
    if why:
        raise StoreError(f"cannot write the store {path} ({why})")
    warn_ahead(path, writes=True)
    return path


def analyze_inputs(
    files,
    config: Config,
    input_format,
    map_specs,
    sentiment,
    rejects,
    say,
    then: Callable[[Batch], None] | None = None,
    date_order: str | None = None,
    csv_opts: dict | None = None,
    input_tz: str | None = None,
) -> list[Batch]:
    """Read and analyze FILES, telling the user about each file (and passing it to `then` as soon as it is
    analyzed), and save rejects like `analyze` does (a CSV as `csv_opts`, the command's `csv_settings`; without
    them, as the config's [output] says). The batches
    passed to `then` are returned without their posts (`enriched` emptied), with their counts and rejects: `ingest`
    of 30 daily exports held all 30 files' posts until the last was stored."""
    import pandas as pd

    from ..config import input_date_order, input_timezone
    from ..intake import analyze_files
    from ..sources import shown_name
    from ..sources.columns import parse_map_options

    def told(batch: Batch) -> None:
        # (a post without created_at falls in no period: it would leave every report unseen)
        untimed = int(batch.enriched["created_at"].isna().sum()) if "created_at" in batch.enriched else 0
        fix = opt.untimed_fix(batch.name, batch.columns, input_format) if untimed else ""
        renamed = ", ".join(f"{f}={c}" for f, c in batch.columns.items() if f != c)  # (as analyze says)
        say(
            opt.shown(
                f"{shown_name(batch.name)}: {opt.counted(batch.rows_read, 'row')}, "
                f"{opt.counted(len(batch.enriched), 'post')}"
                + (f", {opt.counted(batch.duplicates, 'duplicate')}" if batch.duplicates else "")
                + (f", {len(batch.rejects):,} rejected" if len(batch.rejects) else "")
                + (f", {untimed:,} without a time (in no report, alert or queue" if untimed else "")
                + (f"; no time column: {fix})" if fix else ")" if untimed else "")
                + (f" ({batch.note})" if batch.note else "")
                + (f"; columns {renamed}" if renamed else "")
            )
        )
        opt.warn_of_file(batch.name, batch.warning)  # (also with -q)

    opt.check_outputs(files, rejects=rejects)
    batches = []
    for batch in analyze_files(
        opt.expanded(files),
        config,
        format=input_format,
        mapping=parse_map_options(map_specs),
        date_order=input_date_order(config, date_order),
        input_tz=input_timezone(config, input_tz),
        sentiment=sentiment,
    ):
        told(batch)
        if then:
            then(batch)
            # (`then` has them: the file's posts let go; `iloc[:0]`, a view, held on to every column)
            empty = pd.DataFrame(columns=batch.enriched.columns).astype(batch.enriched.dtypes.to_dict())
            batch = replace(batch, enriched=empty)
        batches.append(batch)
    rejected = pd.concat([b.rejects for b in batches], ignore_index=True)
    opt.tell_rejects(rejected, rejects, say, csv_opts=opt.csv_settings(config) if csv_opts is None else csv_opts)
    return batches


#: the options of reading FILES (`analysis_options`), which a command reading the store has no use for
FILE_OPTIONS = ("map_specs", "input_format", "date_order", "input_tz", "encoding", "sentiment", "rejects")


def check_sources(files, store_option: str | None, waits_with_files: bool = False) -> None:
    """--store or --wait with FILES, or --about or another option of reading FILES (`FILE_OPTIONS`) without them, a
    usage error: checked by the commands before anything else is said (the config's "no brands configured" warning
    came before it)."""
    if files and store_option is not None:  # (they were ignored without a word)
        raise UsageError("--store is not read with FILES, which are analyzed instead: drop --store, or the FILES")
    if files and opt.given("wait") and not waits_with_files:
        raise UsageError("--wait is for the store's lock, and FILES are read instead: drop --wait, or the FILES")
    ctx = click.get_current_context()
    params = ctx.params
    if not files:  # (the store's posts were read by `ingest`: each of these was ignored without a word, exit 0)
        names = {p.name: max(p.opts, key=len) for p in ctx.command.params}
        # (--encoding's value is not passed on: it is in `names`, not in `params`)
        unread = [names[n] for n in FILE_OPTIONS if params.get(n, n in names) and opt.given(n)]
        if unread:
            said = " and ".join([", ".join(unread[:-1]), unread[-1]] if len(unread) > 1 else unread)
            raise UsageError(
                f"{said} {'is' if len(unread) == 1 else 'are'} for FILES, and the store's posts were read by "
                f"`ingest`: give FILES, or drop {'it' if len(unread) == 1 else 'them'}"
            )
    about = params.get("about")
    if about is not None and not files:  # (it was ignored: a report of every brand, as if --about were not given)
        raise UsageError(
            f"--about {about} is for FILES: the stored posts keep the brands their ingest gave them "
            "(ingest --about); give FILES, or --for-brand for one brand's posts"
        )


def load_posts(
    files,
    config: Config,
    *,
    store_option: str | None,
    wait: float,
    since: pd.Timestamp | None,
    until: pd.Timestamp | None,
    input_format=None,
    map_specs=(),
    date_order=None,
    input_tz=None,
    sentiment=None,
    rejects=None,
    say=print,
    quiet: bool = False,
    csv_opts: dict | None = None,
    waits_with_files: bool = False,
    columns: list[str] | None = None,
    only_in: tuple | None = None,
    naming: list[str] | None = None,
    stored_since: pd.Timestamp | None = None,
) -> tuple[pd.DataFrame, Path | None]:
    """Enriched posts in [since, until): FILES analyzed now, else the store. Returns (posts, store path or None).
    With `quiet`, only a line counting the rejected rows is said, when there are some. `waits_with_files`: the
    caller takes a lock with FILES too (alerts' --state file), so --wait is not refused with them. `columns`,
    `only_in`, `naming`: of the store, the columns read, those read in a part of the time alone, and the posts naming
    one of these brands alone, and `stored_since` (`store.query_posts`); FILES are read whole."""
    import pandas as pd

    from .. import store
    from ..config import Brand
    from ..intake import combine
    from ..schema import LIST_SEPARATOR

    check_sources(files, store_option, waits_with_files)
    if files:
        batches = analyze_inputs(
            files,
            config,
            input_format,
            map_specs,
            sentiment,
            rejects,
            (lambda *a: None) if quiet else say,
            date_order=date_order,
            csv_opts=csv_opts,
            input_tz=input_tz,
        )
        rejected = sum(len(b.rejects) for b in batches)
        if quiet and rejected:  # (as ingest -q: cron mails the rows the run left out)
            where = f"(in {opt.shown_path(rejects)})" if rejects else opt.rejects_hint(rejected)
            say(f"{opt.counted(rejected, 'row')} rejected on reading {where}")
        posts, _ = combine(batches)
        keep = pd.Series(True, index=posts.index)
        if since is not None:
            keep &= posts["created_at"] >= since
        if until is not None:
            keep &= posts["created_at"] < until
        return posts[keep].reset_index(drop=True), None
    path = opened_store(store_option, config)
    if not path.exists():  # (a disk not mounted is no new store: "run ingest" would start one)
        why = "run `brandpulse ingest FILE` or give --store/FILES"
        if not path.parent.is_dir():
            why = store.no_folder(path.parent)
        raise InputError(f"no FILES given and no store at {path}: {why}")
    # (the config's brands: a brand removed from it since is none of our posts' brands, in report, alerts and queue;
    # brands given by --brand alone, with no config file's, are added to the stored ones: they were all `(no brand)`)
    # (no brand at all: the stored ones, those differing in case alone as one, as with --brand alone)
    brands = [b.name for b in config.brands]
    others = not config.raw.get("brands")
    posts = store.load_posts(
        path,
        since,
        until,
        wait=wait,
        brands=brands,
        others=others,
        columns=columns,
        only_in=only_in,
        naming=naming,
        stored_since=stored_since,
    )
    if brands and others:  # (--brand alone: the stored brands are brands of the run, after those)
        stored = posts["brands"].dropna().str.split(LIST_SEPARATOR).explode().dropna()
        config.brands += [Brand(name, [name]) for name in sorted(set(stored) - {"", *brands})]
    return posts, path


def untimed_said(untimed: int, what: str) -> str:
    """What a store of posts without a time holds, for `report`'s and `alerts`' warning on an empty period."""
    have = "has" if untimed == 1 else "have"
    return (
        f"{opt.counted(untimed, 'post')} {have} no time, so they are in no {what}: ingest their exports again"
        " with --map created_at=COLUMN (the column of their times)"
    )


#: how the note on brands no stored post names begins (`never_named`): `report -q` leaves it on stderr out
NEVER_NAMED = "no stored post names"


def scored_with(path: Path | None, analyzer, *, wait: float) -> dict[str, str]:
    """What scored the posts `load_posts` gave, for a Parquet output's `brandpulse.*` metadata (`parquet_table`): of
    FILES analyzed now, `analyzer`'s `produced_by`; of the store (`path`), the analyzer its last ingest recorded
    (`store.scored_by`), nothing when it recorded none (posts stored before stop 40)."""
    from .. import store
    from ..enrich.sentiment import produced_by

    if path is None:
        return produced_by(analyzer)
    said = (store.scored_by(path, wait=wait) or {}).get("sentiment")
    return {"sentiment": said} if said else {}


def never_named(path: Path | None, config: Config, brands: list[str], *, wait: float) -> str | None:
    """The note on the configured `brands` (those a command is for) that no stored post names, at any time, else None:
    a brand added to the config (or whose terms changed) after its posts were ingested showed 0 posts each week in
    `report`, and `alerts` and `queue` said nothing of it, as if nobody talked of it. A brand whose own handles wrote
    stored posts (a council posting about a water utility's notice under its own name) is told apart: its own posts
    name it by their author alone, which counts for no brand, so ingesting again would not name it (the note said to).
    None for FILES (`path` None) or without a config file's brands (`--brand` alone adds the stored ones)."""
    from .. import store
    from ..enrich.brands import normalize_author

    if path is None or not config.raw.get("brands"):
        return None
    named = {name.casefold() for name in store.brand_names(path, wait=wait)}
    never = [b for b in brands if b.casefold() not in named]
    if not never:
        return None
    handles = {b.name: {normalize_author(h) for h in b.handles} for b in config.brands}
    posting = store.authors_among(path, set().union(*(handles.get(b, set()) for b in never)), wait=wait)
    talking = [b for b in never if handles.get(b, set()) & posting]
    unnamed = [b for b in never if b not in talking]
    said = []
    if unnamed:
        said.append(
            f"{NEVER_NAMED} {_shown(unnamed)}: posts keep the brands found when they were ingested, so after adding a"
            " brand or changing its terms, ingest the exports again (docs/store.md, Analyzed once)"
        )
    if talking:
        its, it = ("its", "it") if len(talking) == 1 else ("their", "them")
        said.append(
            f"{NEVER_NAMED} {_shown(talking)}: {its} own posts (by {its} handles) are stored, which count for no"
            f" brand, and no one else's names {it}"
        )
    return "; ".join(said)


def _shown(names: list[str]) -> str:
    return ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
