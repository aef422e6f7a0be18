"""`brandpulse analyze`: load posts, enrich them, print tables or write the enriched rows."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from typing import TYPE_CHECKING

import click

from ..choices import ANALYZER_NAMES, DEFAULT_CHUNKSIZE, FORMATS
from ..errors import InputError, UsageError
from . import options as opt

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import Console

    from ..engines import chunked


@click.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@opt.config_option
@opt.brand_option
@opt.about_option
@click.option(
    "--topics",
    "topics_files",
    multiple=True,
    type=opt.FilePath(dir_okay=False),
    help="Topic rules (TOML) that replace the built-in taxonomy (repeatable: the files' topics together).",
)
@click.option(
    "--add-topics",
    "add_topics_files",
    multiple=True,
    type=opt.FilePath(dir_okay=False),
    help="Topic rules (TOML) added to the built-in taxonomy (same names replace; repeatable).",
)
@click.option(
    "--sentiment",
    "sentiment",
    metavar="NAME",
    help=f"Sentiment analyzer: {', '.join(sorted(ANALYZER_NAMES))}; cx:LEXICON.toml, cx with your own words and "
    "phrases; or model:FILE from `brandpulse train` (default: cx, or the config's).",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Add an `explain` column: the words, emoji, negations, intensifiers and rules behind each score.",
)
@click.option(
    "--per-brand",
    is_flag=True,
    help="One output row per post and brand, with brand, brand_sentiment and brand_sentiment_label: "
    "each brand of a multi-brand post gets the sentiment of its own clauses (brand tables use it).",
)
@opt.map_option
@opt.keep_option
@opt.input_format_option
@opt.date_order_option
@opt.input_tz_option
@opt.encoding_option
@click.option(
    "--since",
    metavar="DATE",
    help="Only posts created at or after DATE (in --tz unless it names a zone).",
)
@click.option("--until", metavar="DATE", help="Only posts created before DATE (exclusive).")
@opt.tz_option
@click.option(
    "-f",
    "--format",
    "fmt",
    type=opt.choice(["table", *FORMATS]),
    help="table (default on a terminal) or the enriched rows as csv (default when piped), tsv, json, jsonl, parquet.",
)
@click.option(
    "-o",
    "--output",
    type=opt.FilePath(allow_dash=True),  # (a folder for --engine dask -f parquet: checked below)
    help="Write to FILE instead of stdout ('-' is stdout); --engine dask -f parquet: a new or empty folder.",
)
@click.option(
    "--summary-csv",
    type=opt.FilePath(dir_okay=False, allow_dash=True),
    help="Also write the per-brand summary table as CSV (or TSV, JSON, JSON Lines, Parquet, by the file's extension; "
    "gzipped for .csv.gz, .tsv.gz, .jsonl.gz).",
)
@opt.rejects_option
@opt.analyze_redact_option
@opt.apply(opt.csv_options)
@click.option(
    "--keep-duplicates",
    is_flag=True,
    help="Keep posts exported twice (same platform and post_id; without an id, same platform, author, time and text).",
)
@click.option("--top", type=opt.AT_LEAST_ONE, default=5, show_default=True, help="Topics and posts shown per table.")
@click.option(
    "--fail-on-rejects",
    is_flag=True,
    help="Exit with 4 when any row was rejected, leaving -o FILE and --summary-csv FILE as they were and writing"
    " nothing to stdout (the rows are held until the run is known good).",
)
@click.option(
    "--fail-on-empty",
    is_flag=True,
    help="Exit with 4 when a FILE (or stdin) held no posts (a header alone: an exporter that failed after it), also"
    " with -q; the other files' rows are still written. For exports that are never empty, as ingest's.",
)
@click.option(
    "--chunksize",
    type=opt.IntRange(min=1),
    help=f"Read and analyze N posts at a time (default {DEFAULT_CHUNKSIZE:,}), writing rows as they are done: "
    "memory stays flat as input grows. Rows, summary and rejects do not depend on N, except dates such as "
    "02/11/2026 whose order (day or month first) no date within 10 chunks shows: rejected as ambiguous "
    "(give --date-order). "
    "Only --format json holds the whole table.",
)
@click.option(
    "--jobs",
    type=opt.IntRange(min=0),
    default=1,
    show_default=True,
    help="Analyze chunks (of --chunksize posts) in N worker processes; 0: one per CPU core this process may use "
    "(at most 4 per core).",
)
@click.option(
    "--engine",
    type=opt.choice(["pandas", "dask"]),
    default="pandas",
    show_default=True,
    help="dask: run the pipeline with dask.dataframe over FILES (a folder or glob of CSV/Parquet files); "
    "needs brandpulse[dask].",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    help="Dask scheduler to run on (--engine dask; default: a local cluster).",
)
@opt.quiet_option
def analyze(
    files,
    config_path,
    brand_specs,
    about,
    topics_files,
    add_topics_files,
    sentiment,
    explain,
    per_brand,
    map_specs,
    keep_specs,
    input_format,
    date_order,
    input_tz,
    since,
    until,
    tz,
    fmt,
    output,
    summary_csv,
    rejects,
    redact,
    raw_csv,
    excel,
    decimal_comma,
    keep_duplicates,
    top,
    fail_on_rejects,
    fail_on_empty,
    chunksize,
    jobs,
    engine,
    scheduler,
    quiet,
):
    """Analyze posts in FILES (CSV, TSV, JSON, JSONL, Parquet, XLSX, export archives; also gzip, bzip2 or xz;
    a folder or quoted glob of them; '-' for stdin).

    Prints brand, topic, intent and post tables on a terminal; writes the enriched rows (schema fields plus
    brands, sentiment, subjectivity, sentiment_label, topics, intent, brand_sentiments) with --format,
    to -o FILE (the tables still print on a terminal), or when stdout is not a terminal.
    """
    from rich.markup import escape

    from ..config import (
        add_about_option,
        add_brand_options,
        input_date_order,
        input_timezone,
        load_config,
        merge_topics,
        output_setting,
        read_topics,
        timezone,
    )
    from ..engines import chunked
    from ..enrich.sentiment import analyzer_languages, get_analyzer, produced_by
    from ..output import writers
    from ..output.redact import run_key
    from ..report.periods import check_order, parse_time
    from ..schema import kept_columns
    from ..sources.columns import parse_map_options

    err = opt.err_console()
    say = (lambda *a: None) if quiet else err.print
    implicit_stdin = not files
    if not files:
        if sys.stdin.isatty():
            raise click.UsageError("no input: give FILES or pipe posts into stdin ('-')")
        files = ("-",)
    opt.check_outputs(files, output is None, output=output, summary_csv=summary_csv, rejects=rejects)
    if fmt == "table" and opt.shares_stdout(output):  # (the rows and the tables were both written there, one by one)
        named = " (the file stdout goes to)" if opt.stdout_file(output) else ""  # (`-o out.csv > out.csv`)
        raise UsageError(
            f"-f table -o {output}{named}: the tables go to stdout; write the rows to another file with -o, "
            "or drop -f table"
        )
    summary_fmt = (
        writers.checked_format(summary_csv, None, "analyze", option="--summary-csv", gzip_ok=True)
        if summary_csv
        else None
    )
    opt.second_on_stdout("--summary-csv", summary_csv, output, "the rows or tables", "the summary", "the rows")
    if scheduler and engine != "dask":  # (it was ignored: the run stayed on this machine, without a word)
        raise UsageError("--scheduler is the Dask scheduler: add --engine dask, or drop --scheduler")
    if engine == "dask" and (chunksize or jobs != 1):  # (ignored too)
        raise UsageError("--chunksize and --jobs are for --engine pandas: dask splits FILES into partitions itself")
    if engine == "dask" and (since or until):
        raise UsageError("--since and --until are for --engine pandas: filter the files before a dask run")
    if jobs > 4 * chunked.cores():  # (each is a process: 10**23 was an OverflowError, 100000 forked until refused)
        raise UsageError(f"--jobs {jobs}: this process may use {chunked.cores()} CPU cores; give at most 4 per core")
    if engine != "dask":  # (dask lists folders and globs itself)
        files = tuple(opt.expanded(files))
    keep = kept_columns(opt.kept_names(keep_specs))

    config = load_config(config_path)
    add_about_option(add_brand_options(config, brand_specs), about)
    if topics_files:
        config.topics = []
    for path in (*topics_files, *add_topics_files):  # (a second --add-topics dropped the first file)
        config.topics = merge_topics(config.topics, read_topics(path))
    mapping = parse_map_options(map_specs)
    date_order, input_tz = input_date_order(config, date_order), input_timezone(config, input_tz)
    tz = timezone(config, tz)
    since_ts, until_ts = parse_time(since, "--since", tz), parse_time(until, "--until", tz)
    check_order(since_ts, until_ts)
    analyzer = get_analyzer(sentiment or config.sentiment)  # an unknown name fails before any work
    if getattr(analyzer, "warning", None):
        err.print(f"[yellow]warning[/]: {escape(analyzer.warning)}", highlight=False)

    # (a config found without brands was told "use --config", which the user had just done)
    fix = f"{escape(config.path)} has no \\[brands.NAME] table: add one, or use" if config.path else "use --config or"
    no_brands = f"[yellow]no brands configured[/]: {fix} --brand NAME=TERMS; every post counts as '(no brand)'"
    to_terminal = fmt == "table" or (fmt is None and output is None and sys.stdout.isatty())
    csv_opts = opt.csv_settings(config, raw_csv, excel, decimal_comma)
    out_fmt = None
    if output is not None or not to_terminal:
        # (-f table is the terminal's tables, given already: -o's rows are in its extension's format)
        hint = "-f table prints the tables, -o FILE gets the rows" if fmt == "table" else "or give --format"
        out_fmt = writers.checked_format(output, fmt if fmt != "table" else None, "analyze", hint=hint, gzip_ok=True)
        opt.refuse_binary_on_terminal(out_fmt, output)
    if engine == "dask" and out_fmt == "parquet" and output not in (None, "-"):  # (partitioned: part-N.parquet)
        if os.path.exists(output) and not (os.path.isdir(output) and not any(os.scandir(output))):
            raise UsageError(f"--output {output}: --engine dask writes Parquet into a new or empty folder")
    elif output and os.path.isdir(output):
        raise UsageError(f"--output {output} is a folder: give a file name")
    # (one key for the run: the rows' chunks and workers, the tables and --rejects name each author alike)
    key = run_key() if output_setting(config, "redact", redact) else None
    made = produced_by(analyzer)  # (in the Parquet's metadata: which release and lexicon scored a night's rows)
    write_opts = {**csv_opts, "provenance": made}  # (each format takes its own: CSV's settings, Parquet's metadata)

    empty: list[str] = []  # (the FILES of no post, for --fail-on-empty)

    def on_file(name, rows_read, note, columns):
        # (a time column under a name not read as one, `ts`, left every post without a time, and said nothing)
        untimed = rows_read and "created_at" not in columns
        fix = opt.untimed_fix(name, columns, input_format) if untimed else ""
        untold = "; no time column, so its posts are in no report or alert" if untimed else ""
        say(opt.file_line(name, rows_read, note, columns) + untold + (f": {opt.shown(fix)}" if fix else ""))
        if not rows_read:
            empty.append(name)
        if not rows_read and not implicit_stdin and not fail_on_empty:  # (also with -q, as `ingest` says it; stdin
            opt.warn_of_empty_file(name, note, quiet)  # not named: below; with --fail-on-empty its error says it)

    # always in chunks (default DEFAULT_CHUNKSIZE posts), so memory stays flat however big the input;
    # rows and tables equal the library's whole-table run (test_scale.py). Only -f json, one JSON
    # array, keeps every chunk's rows until the end.
    if engine == "dask":
        from ..engines import distributed

        totals = distributed.run(
            files,
            chunked.Options(config, sentiment or config.sentiment, explain, per_brand, top, redact=key),
            scheduler=scheduler,
            input_format=input_format,
            mapping=mapping,
            keep=keep,
            date_order=date_order,
            input_tz=input_tz,
            keep_duplicates=keep_duplicates,
            output=output if out_fmt else None,
            out_fmt=out_fmt,
            write_opts=write_opts,
            on_file=on_file,
            fail_on_rejects=fail_on_rejects,
        )
    else:
        jobs = jobs or chunked.cores()
        if out_fmt == "json" and (chunksize or jobs > 1):
            raise UsageError(f"--chunksize/--jobs write {', '.join(writers.STREAM_FORMATS)}, not json")
        by_name = sentiment or config.sentiment  # workers build their own analyzer
        options = chunked.Options(config, analyzer if jobs == 1 else by_name, explain, per_brand, top, redact=key)
        if jobs > 1 and out_fmt in ("csv", "tsv", "jsonl"):
            options.serialize = (out_fmt, write_opts)
        chunked.keep_freed_memory()  # this process only runs this: tune its malloc (a library caller's is left alone)
        if out_fmt == "json":
            sink_context = _JsonArray(output)
        elif out_fmt:  # (made right before its `with`: its temporary file exists from here)
            sink_context = writers.ChunkWriter(output, out_fmt, hold=fail_on_rejects, **write_opts)
        else:
            sink_context = nullcontext()
        with sink_context as sink, chunk_progress(err, enabled=not quiet) as progress:
            totals = chunked.run(
                files,
                options,
                chunksize=chunksize,
                jobs=jobs,
                input_format=input_format,
                mapping=mapping,
                date_order=date_order,
                input_tz=input_tz,
                keep_duplicates=keep_duplicates,
                write=sink.write if sink else None,
                on_file=on_file,
                on_chunk=progress,
                since=since_ts,
                until=until_ts,
                keep=keep,
            )
            if sink:  # (a run failed by its rejects writes no rows: -o FILE is left as it was, and stdout (or a
                # pipe) gets none, held until now: it got the rows done, a header alone if all were rejected)
                sink.close(ok=not (fail_on_rejects and totals.rejects))
            totals.dropped = getattr(sink, "dropped", [])
    if totals.dropped:  # (also with -q: columns of the FILES are not in the rows)
        names = escape(", ".join(totals.dropped))
        err.print(
            f"[yellow]warning[/]: {names} not written: the rows' columns are the first file's, which had none"
            " (give the files that have them first, or -f jsonl)",
            markup=True,
            highlight=False,
        )
    for name, warning in totals.warnings:  # (also with -q: a file's times not read as it seems to say)
        opt.warn_of_file(name, warning)
    if not config.brands:
        err.print(no_brands)  # (a warning, also with -q: as the history commands give theirs)
    # (cron: stdin is /dev/null, the FILES forgotten; it said nothing. With --fail-on-empty, its error says it)
    if implicit_stdin and not totals.rows_read and not fail_on_empty:
        err.print("[yellow]warning[/]: no FILES given and stdin held no posts: give FILES, or pipe posts in")
    _finish(
        err, say, totals, config, top, explain, quiet,
        to_terminal=to_terminal, output=output, fmt=fmt, summary_file=(summary_csv, summary_fmt), csv_opts=csv_opts,
        rejects=rejects, fail_on_rejects=fail_on_rejects, period=since_ts is not None or until_ts is not None,
        provenance=made, languages=analyzer_languages(analyzer), redact_key=key,
        empty=[("stdin (no FILES given)" if implicit_stdin else opt.shown_path(n)) for n in empty if fail_on_empty],
    )  # fmt: skip


class _JsonArray:
    """-f json is one JSON array: keep the chunks' rows and write them together, if the run succeeds."""

    def __init__(self, path):
        self.path, self.frames = path, []

    def write(self, rows: pd.DataFrame, data: bytes | None = None) -> None:
        self.frames.append(rows)

    def close(self, ok: bool = True) -> None:
        """Write the array (`ok`), once, or nothing."""
        import pandas as pd

        from ..output import writers

        frames, self.frames = self.frames, None
        if ok and frames is not None:
            rows = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
            writers.write_table(rows, self.path, "json")

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb) -> None:
        self.close(ok=kind is None)


def _finish(
    err, say, totals, config, top, explain, quiet,
    *, to_terminal, output, fmt, summary_file, csv_opts, rejects, fail_on_rejects, period=False, provenance=None,
    languages=("en",), redact_key=None, empty=(),
):  # fmt: skip
    """Summary file (path, format), terminal tables, rejects and the count line: the same for every engine.
    `provenance`: what made the rows (`produced_by`), in a Parquet summary's metadata; `languages`: those the analyzer
    reads (`analyzer_languages`), which the lines on the posts it left unscored name; `redact_key`: the run's key
    (`--redact`), which the posts in the tables are `redact`ed with, as the rows were, and the rejects too; `empty`: the
    FILES of no post of a run with --fail-on-empty, an error (exit 4) after the count line, as `ingest`'s."""
    import pandas as pd

    from ..enrich.sentiment import languages_said
    from ..output import writers
    from ..output.redact import redact as redact_posts
    from ..output.redact import redact_rejects
    from ..output.terminal import explain_table, print_analysis, table_console

    summary = totals.brand_summary(config)
    negative, positive = totals.extreme_posts(top)
    rejected, skipped = totals.rejected(), totals.skipped
    if redact_key is not None:
        negative, positive = (redact_posts(posts, config=config, key=redact_key) for posts in (negative, positive))
        rejected = redact_rejects(rejected, config)
    path, summary_fmt = summary_file
    failed = fail_on_rejects and len(rejected)
    if path and not failed:  # (as the rows: a failed run leaves the file as it was, and writes none to stdout)
        writers.write_table(summary, path, summary_fmt, **csv_opts, provenance=provenance)
    if to_terminal or (output is not None and not opt.on_stdout(output) and sys.stdout.isatty() and fmt != "table"):
        topics, intents = totals.topic_summary(top, config), totals.intent_summary(config)
        print_analysis(
            table_console(),
            summary,
            topics,
            negative,
            positive,
            intents,
            about_brands=bool(config.brands),
            unscored_why=languages_said(languages),
        )
        if explain:
            shown = pd.concat([negative, positive])  # (a post naming several brands may be in both: explained once)
            shown = shown.drop_duplicates([c for c in ("post_id", "platform", "author", "text") if c in shown])
            explained = totals.explained()
            if redact_key is not None:
                explained = redact_posts(explained, config=config, key=redact_key)
            table_console().print(explain_table(shown, explained))

    opt.tell_rejects(rejected, rejects, say, csv_opts=csv_opts, written_note=False)  # (the count line names the file)
    opt.tell_unscored(skipped, languages, say)
    if not quiet or len(rejected):  # (cron mails any output: -q says nothing when every row was read)
        err.print(
            f"read {opt.counted(totals.rows_read, 'row')}: analyzed {totals.analyzed:,}, "
            f"duplicates {totals.duplicates:,}, rejected {len(rejected):,}"
            + (f" (in {opt.shown_path(rejects)})" if rejects and len(rejected) else "")
            + (f", outside --since/--until {totals.outside:,}, without a time {totals.untimed:,}" if period else "")
            + (f", {totals.untimed:,} without a time (in no report or alert)" if totals.untimed and not period else "")
            + opt.unscored_count(skipped, languages)
            + (f", by brand handles {totals.own:,} (not in the tables)" if totals.own else ""),
            soft_wrap=True,
        )
    said = [f"{opt.counted(len(rejected), 'row')} rejected (--fail-on-rejects)"] if failed else []
    if empty:  # (a cron job's export that died after its header: analyze said a warning, exit 0)
        said.append(f"{', '.join(empty)}: held no posts (--fail-on-empty: an export that failed?)")
    if said:
        raise InputError("; ".join(said))


@contextmanager
def chunk_progress(
    console: Console, enabled: bool = True, clock: Callable[[], float] = time.perf_counter
) -> Iterator[Callable[[chunked.Totals], None] | None]:
    """A one-line count of the posts done so far and their rate (after a second: a chunk done in 0.2 s showed
    "2 posts/s"), updated after each chunk, on a
    terminal only. Refreshed by hand (no refresh thread: `--jobs` forks its workers only while no
    other thread runs) and without taking over stdout, which may carry the rows."""
    from rich.progress import Progress, TextColumn

    if not (enabled and opt.show_progress(console)):
        yield None
        return
    start = clock()
    with Progress(
        TextColumn("{task.description}"),
        console=console,
        transient=True,
        auto_refresh=False,
        redirect_stdout=False,
        redirect_stderr=False,
    ) as bar:
        task = bar.add_task("analyzing", total=None)

        def update(totals: chunked.Totals) -> None:
            took = clock() - start
            done = (
                f"analyzing: {opt.counted(totals.rows_read, 'row')} read, "
                f"{opt.counted(totals.analyzed, 'post')} analyzed"
            )
            if took >= 1:
                done += f", {totals.analyzed / took:,.0f} posts/s"
            bar.update(task, description=done)
            bar.refresh()

        yield update
