"""`brandpulse report`: what changed this period, from the store or from FILES."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path

import click

from ..choices import DEFAULT_TITLE, MAX_BUCKETS, PERIODS, TABLES
from ..errors import UsageError
from . import options as opt
from .history import (
    NEVER_NAMED,
    analysis_options,
    check_sources,
    load_posts,
    make_config,
    never_named,
    read_from,
    store_options,
    untimed_said,
)

REPORT_FORMATS = ("table", "md", "html", "json", "csv")
_TABLE_HELP = "; ".join(f"{name}: {what}" for name, what in TABLES.items())


@click.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@opt.apply(store_options)
@opt.apply(analysis_options)
@click.option(
    "--period",
    type=opt.choice(PERIODS),
    default="week",
    show_default=True,
    help="Length of the period: a day, an ISO week or a calendar month, compared with the one before.",
)
@click.option("--since", metavar="DATE", help="Period start (inclusive; in --tz unless it names a zone).")
@click.option("--until", metavar="DATE", help="Period end (exclusive): --until 2026-11-09 ends on Sunday 11-08.")
@opt.tz_option
@click.option(
    "--now", metavar="DATE", help="Pretend it is DATE: the default period is the last complete one before it."
)
@click.option(
    "--compare",
    default="previous",
    show_default=True,
    metavar="previous|week-before|none|SINCE..UNTIL",
    help="Comparison period: the period just before, the same hours a week before (week-before: a storm night's "
    "against last week's same night; a period of a week at most), none, or an explicit range.",
)
@click.option(
    "--for-brand",
    "for_brands",
    multiple=True,
    metavar="NAME",
    help="Only posts naming this brand, and its rows alone (repeatable: any of them, each with its rows; "
    "default: every brand).",
)
@opt.intent_option
@click.option(
    "--bucket",
    type=opt.choice(["day", "hour", "week", "month"]),
    help="Time-series bucket: week and month are ISO weeks and calendar months, as a quarter's slides show them "
    f"(default: hour for a day, else the finest of day, week and month giving at most {MAX_BUCKETS}).",
)
@click.option(
    "--baseline",
    "baseline_periods",
    type=opt.AT_LEAST_ONE,
    default=4,
    show_default=True,
    help="Periods before used as the emerging-terms baseline.",
)
@click.option(
    "--min-term-count",
    type=opt.AT_LEAST_ONE,
    default=5,
    show_default=True,
    help="Posts a term needs in the period to be emerging.",
)
@click.option(
    "--top",
    type=opt.IntRange(min=1),
    default=5,
    show_default=True,
    help="Rows in the topic-growth, author and post tables, and topics of each brand in Topics per brand.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=opt.choice(REPORT_FORMATS),
    help="Output format (default: table on a terminal, else md; or from --output's extension).",
)
@click.option(
    "--table",
    "table_name",
    type=opt.choice(TABLES),
    help=f"Write only this table, as CSV (the default) or JSON (-f json, -o FILE.json). {_TABLE_HELP}.",
)
@opt.output_option
@opt.apply(opt.csv_options)
@opt.redact_option
@opt.quiet_option
@click.option(
    "--title",
    default=DEFAULT_TITLE,
    show_default=True,
    help="Report title (by default the HTML page's title names the brands too).",
)
def report(
    files,
    store_option,
    wait,
    config_path,
    brand_specs,
    about,
    sentiment,
    map_specs,
    input_format,
    date_order,
    input_tz,
    rejects,
    period,
    since,
    until,
    tz,
    now,
    compare,
    for_brands,
    intents,
    bucket,
    baseline_periods,
    min_term_count,
    top,
    fmt,
    table_name,
    output,
    raw_csv,
    excel,
    decimal_comma,
    redact,
    quiet,
    title,
):
    """Report on a period compared with the one before: brands, NSS, share of voice, trends,
    topics, emerging terms, authors and posts.

    Reads the history store (see `brandpulse ingest`), or FILES analyzed on the fly.
    Default period: the last complete ISO week (Monday to Sunday, UTC or --tz) before now.
    Example for the example data: --period week --until 2026-11-09.
    One client's report from a shared store or file: --for-brand NAME (with its competitors, for a share of voice).
    One intent's report (product's suggestions, support's complaints): --intent NAME.
    """
    from .. import store
    from ..config import config_record, output_setting, timezone
    from ..enrich.brands import own_handles
    from ..enrich.sentiment import get_analyzer, produced_by
    from ..output import writers
    from ..output.redact import redact_tables
    from ..output.terminal import table_console
    from ..report.build import (
        BEFORE_FIRST,
        COUNTED_COLUMNS,
        EMPTY_COMPARISON,
        IDEA_INTENT,
        LISTED_COLUMNS,
        NO_BASELINE,
        OWN_COLUMNS,
        PART_BUCKETS,
        PER_DAY,
        RETWEETS,
        UNTAGGED,
        build_report,
        period_notes,
    )
    from ..report.console import print_report
    from ..report.periods import TooManyBuckets, default_bucket, report_periods
    from ..report.summary import complaint_intents, known_intents

    given = f"--format {fmt}" if fmt else None
    if fmt is None:  # before any work: a format report does not write is a usage error, not Markdown in out.parquet
        ext = writers.format_for(output, None, default="", allowed=REPORT_FORMATS)
        given = f"--output {output}" if ext else None
        if ext and ext not in REPORT_FORMATS:
            raise UsageError(f"--output {output}: report writes {', '.join(REPORT_FORMATS[1:])}, not {ext}")
        # (--table NAME is one table: CSV, also on a terminal and in `> brands.csv`)
        fmt = ext or ("csv" if table_name else "table" if output is None and sys.stdout.isatty() else "md")
    elif fmt == "table" and output is not None and not opt.on_stdout(output):  # (`-o /dev/stdout` is stdout)
        raise UsageError(f"--format table prints on the terminal, not to --output {output}: give -f md, html or json")
    else:
        writers.agreeing_format(output, fmt)  # (`-f json -o brands.csv` wrote JSON into brands.csv)
    if fmt == "csv" and not table_name:
        raise UsageError(f"{given or '--format csv'}: a CSV holds one table: add --table NAME ({', '.join(TABLES)})")
    if table_name and fmt not in ("csv", "json"):  # (it was ignored: the whole report, in its format)
        raise UsageError(f"--table {table_name} is written as CSV or JSON: add -f csv or -f json, or -o FILE.csv")
    check_sources(files, store_option)
    err = opt.err_console()
    config = make_config(config_path, brand_specs, err.print, about=about, reads=(files, store_option))
    csv_opts = opt.csv_settings(config, raw_csv, excel, decimal_comma)
    opt.check_outputs(read_from(files, store_option, config), output is None, output=output, rejects=rejects)
    # (the store's reads share one connection, let go before the report is built: an `ingest` of a cron job waits for
    # it; they opened it 6 times, each open and close ~0.1 s)
    reads = ExitStack()
    click.get_current_context().call_on_close(reads.close)
    reads.enter_context(store.reading(None if files else store.store_path(store_option, config)))
    for_brands = _for_brands(for_brands, files, store_option, config, wait) if for_brands else None
    # (a --bucket too fine for the formats people read: said before the posts are read)
    max_buckets = MAX_BUCKETS if fmt in ("table", "md", "html") and not table_name else None
    try:  # (as `make_report` finds them)
        when = report_periods(
            period, since, until, now, tz=timezone(config, tz), compare=compare, baseline=baseline_periods,
            bucket=bucket, max_buckets=max_buckets,
        )  # fmt: skip
    except TooManyBuckets as error:
        raise _too_many(error) from None
    current, previous, baseline = when.current, when.previous, when.baseline
    # (a --compare range may lie after the period: load it too, or its posts count as none. The store's baseline,
    # four periods, is read apart, its texts alone: a quarterly report read a year of posts whole, gigabytes)
    earliest = min(current.start, previous.start if previous else current.start)
    latest = max(current.end, previous.end if previous else current.end)
    # (of the store, the columns the report reads; those of the posts it lists, of the period's posts alone)
    listed = [c for c in LISTED_COLUMNS if not (own_handles(config) and c in OWN_COLUMNS)]
    analyzer = get_analyzer(sentiment or config.sentiment) if files else None  # (the JSON names it, and its lexicon)
    posts, path = load_posts(
        files,
        config,
        store_option=store_option,
        wait=wait,
        since=None if files else earliest,  # (FILES are read whole: their dates are named if the period has none)
        until=None if files else latest,
        input_format=input_format,
        map_specs=map_specs,
        date_order=date_order,
        input_tz=input_tz,
        sentiment=analyzer,
        rejects=rejects,
        say=err.print,
        quiet=quiet,
        csv_opts=csv_opts,  # (the rejects CSV too)
        columns=COUNTED_COLUMNS + LISTED_COLUMNS,
        # (the suggestions then: counted; and the config's own intents to answer: `complaints` reads their words)
        only_in=(current.start, current.end, listed, IDEA_INTENT, *complaint_intents(config)[1:]),
        naming=for_brands,  # (in the store's SQL: a client's posts alone are read)
    )
    # (FILES are read whole: their posts hold the baseline's)
    baseline_posts, record, held, ruled, untimed, configs = None, None, None, None, 0, None
    intents = known_intents(intents, config, posts) if intents else None  # (as `queue --intent` reads them)
    if path is not None:  # (each distinct text and how many posts hold it, in Arrow batches: `store.text_copies`)
        handles = own_handles(config)
        baseline_posts = store.text_copies(
            path, baseline.start, baseline.end, handles=handles, wait=wait, naming=for_brands, intents=intents
        )
        # (what the notes read of the store, read now: the scores' analyzer, the first and last posts, the rules)
        record, held = store.scored_by(path, wait=wait), store.post_range(path, wait=wait)
        if ran := store.last_run(path, wait=wait):  # (a cron ingest that ran and found nothing new is said too)
            record = {**(record or {}), "last_run": ran}
        if failed := store.last_failure(path, wait=wait):  # (and a job failing since: cron's `timeout`, a bad export)
            record = {**(record or {}), "last_failed": failed}
        ruled = store.rules_note(path, earliest, latest, wait=wait)
        configs = store.run_configs(path, earliest, latest, naming=for_brands, wait=wait)  # (what scored them)
        untimed = store.untimed_posts(path, wait=wait) if held is None else 0  # (no post has a time)
    never = never_named(path, config, for_brands or [b.name for b in config.brands], wait=wait)
    reads.close()
    bucket = bucket or default_bucket(current)
    rep = build_report(
        posts,
        config,
        current,
        previous,
        bucket=bucket,
        top=top,
        baseline_periods=baseline_periods,
        min_term_count=min_term_count,
        baseline_posts=baseline_posts,
        brands=for_brands,
        max_buckets=max_buckets,
        intents=intents,
    )
    rep.title = title.strip() or DEFAULT_TITLE  # (`--title "$CLIENT"` with it unset made "# : 2026-11-23 .."
    if output_setting(config, "redact", redact):  # (after the report is built: it leaves the brands' handles out)
        rep.tables = redact_tables(rep.tables, config)
    rep.source = _source(files, path)
    if path is None:
        rep.produced_by = produced_by(analyzer)
    else:  # (the scores are the store's: what its last ingest recorded scoring them with, if it did)
        rep.produced_by = {"sentiment": (record or {}).get("sentiment") or None, "store": record}
        rep.produced_by["ingested_with"] = [
            {k: c[k] for k in ("file", "sha256", "posts", "recorded", "analyzed")} for c in configs
        ]
    rep.produced_by["config"] = config_record(config)
    first = None
    if previous is not None:  # (the first post held, of the store or of the posts read)
        times = posts["created_at"].dropna() if path is None else None
        first = (held or (None,))[0] if path is not None else times.min() if len(times) else None
    rep.notes += period_notes(when, first)  # (as `make_report`'s)
    if never:
        rep.notes.append(never)
    if ruled:  # (said with -q too)
        rep.notes.append(ruled[0])
    if rep.posts == 0:  # where the posts are (the oldest too: a period asked for in the wrong year saw the newest)
        if path is not None:
            where = "the store's posts"
        else:  # (posts without a time: the loader said so)
            times = posts["created_at"].dropna()
            held, where = ((times.min(), times.max()) if len(times) else None), "the posts read"
        if held is not None:
            first, last = (t.tz_convert(current.zone) for t in held)
            err.print(
                f"[yellow]warning:[/] {where} are from {first:%Y-%m-%d} to {last:%Y-%m-%d}: use --until or --since"
            )
        elif untimed:  # (it said nothing of them)
            err.print(f"[yellow]warning:[/] the store's {untimed_said(untimed, 'report')}")
    if fmt == "table":
        print_report(table_console(), rep)
        return
    if table_name:  # (its rows as the whole report's JSON holds them under "tables")
        opts = csv_opts if fmt == "csv" else {}
        writers.write_table(rep.tables[table_name], output, fmt, **opts)
    elif fmt == "json":
        writers.write_bytes((writers.json_text(rep.to_dict(), indent=1) + "\n").encode(), output)
    elif fmt == "md":
        from ..report.markdown import render_markdown

        writers.write_bytes(render_markdown(rep).encode(), output)
    else:
        from ..report.html import render_html

        writers.write_bytes(render_html(rep).encode(), output)
    shown = f" -> {opt.shown(output)}" if output not in (None, "-") else ""
    if not quiet:
        err.print(f"report {current.label()}: {opt.counted(rep.posts, 'post')}{shown}")
    # with -q, the notes of a report without history (a new store's first week, FILES of this period only)
    # are not news for cron, which mailed them each week; they stay in the report. An empty week after
    # some history is. Nor are the notes on posts stored without an intent, the same each week until they are
    # ingested again, and on periods of different lengths (a monthly report's most months).
    first = NO_BASELINE in rep.notes
    for note in rep.notes:
        old = note == NO_BASELINE or first and note.startswith(EMPTY_COMPARISON) or UNTAGGED in note
        old |= note.startswith((NEVER_NAMED, BEFORE_FIRST))  # (a new store's first weeks, as NO_BASELINE)
        old |= RETWEETS in note  # (most weeks hold some: no news for cron)
        if not (quiet and (old or note.startswith((PER_DAY, PART_BUCKETS)))):
            err.print(f"[yellow]note:[/] {opt.shown(note)}")  # (a note names brands: "Nova[/]" was markup)


def _too_many(error) -> UsageError:
    """`periods.TooManyBuckets` as the CLI says it (exit 2): `--bucket hour` over a quarter, in the formats people
    read; the data formats (`-f json`, `--table timeseries`) take any number."""
    instead = f"give --bucket {error.fits}" if error.fits else "give a shorter period"
    return UsageError(
        f"--bucket {error.bucket}: {error.period.label()} is {error.count:,} {error.bucket}s, too many to chart or "
        f"read (at most {error.limit:,}): {instead}, or -f json or --table timeseries -f csv for every {error.bucket}"
    )


def _source(files, path) -> str:
    """Where the report's posts came from, by file name (the folders are the user's: reports are shared)."""
    if path is not None:
        return f"the store {path.name}"
    names = ["stdin" if str(f) == "-" else Path(f).name for f in files]
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def _for_brands(names, files, store_option, config, wait: float) -> list[str]:
    """The `--for-brand` names as the run's brands spell them, or a usage error naming the close one (as `queue`'s):
    the configured brands, and with none from a config file (`--brand` alone, or none) those the stored posts name,
    which are the run's brands too (`load_posts`). A typo gave an empty report, exit 0."""
    from .. import store
    from ..config import named_brands

    known, where = [b.name for b in config.brands], "configured"
    path = None if files or config.raw.get("brands") else store.store_path(store_option, config)
    if path is not None and path.exists():  # (a missing store: load_posts says so)
        spelt = {k.casefold() for k in known}
        known += sorted(n for n in store.brand_names(path, wait=wait) if n.casefold() not in spelt)
        where = "given by --brand or named by the stored posts" if config.brands else "named by the stored posts"
    elif path is not None:
        return list(names)
    # (each once, as first spelt: the store and `build_report` read every spelling of a name in any case)
    return list({n.casefold(): n for n in reversed(named_brands(names, known, where))}.values())[::-1]
