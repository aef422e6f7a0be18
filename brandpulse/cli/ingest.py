"""`brandpulse ingest`: analyze FILES and add the posts to the history store."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..errors import InputError, StoreError, Terminated
from . import note_store_run
from . import options as opt
from .history import STORED_WITHOUT_BRANDS, analysis_options, analyze_inputs, make_config, store_options, writable_store

if TYPE_CHECKING:
    from .. import store


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, allow_dash=True))
@opt.apply(store_options)
@opt.apply(analysis_options)
@opt.apply(opt.csv_options)
@click.option("--fail-on-rejects", is_flag=True, help="Exit with 4 when any row was rejected (posts are still kept).")
@click.option(
    "--fail-on-empty",
    is_flag=True,
    help="Exit with 4 when a FILE held no posts (a header alone: an exporter that failed after it), also with -q (the"
    " other files are still kept). For exports that are never empty; a source quiet at times: alerts --stale-after.",
)
@opt.quiet_option
def ingest(
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
    raw_csv,
    excel,
    decimal_comma,
    fail_on_rejects,
    fail_on_empty,
    quiet,
):
    """Analyze FILES and keep the posts in the history store (a DuckDB file).

    Re-ingesting the same posts changes nothing (same platform and post_id, or for posts
    without an id the same platform, author, time and text); a post whose text or counts
    changed is updated. Each file is written in one transaction.
    """
    import pandas as pd

    from .. import store
    from ..enrich.sentiment import analyzer_languages, get_analyzer, skipped_languages
    from ..sources import shown_name

    err = opt.err_console()
    say = (lambda *a: None) if quiet else err.print
    config = make_config(config_path, brand_specs, err.print, STORED_WITHOUT_BRANDS, about=about)
    path = writable_store(store_option, config)
    opt.check_outputs(files, store=str(path), rejects=rejects)  # (--rejects naming the store replaced it)
    note_store_run(path, "ingest", wait)  # (a run that fails from here is logged in the store: `brandpulse runs`)
    # (built once, for every file; the store's `meta` remembers which one, and its lexicon, scored them)
    analyzer = get_analyzer(sentiment or config.sentiment)
    total = store.IngestCounts()
    languages = analyzer_languages(analyzer)
    skipped = pd.Series(dtype="int64")  # posts per language the analyzer left unscored (analyze says them too)
    kept = 0
    empty: list[str] = []  # (the FILES of no post, for --fail-on-empty)

    def keep(batch) -> None:  # each file is committed as soon as it is analyzed (read already: not again)
        if not batch.rows_read:  # (with -q too, of a file of nothing; --fail-on-empty's error says them all)
            empty.append(batch.name)
            if not fail_on_empty:
                opt.warn_of_empty_file(batch.name, batch.note, quiet, ", so nothing was stored from it")
        nonlocal skipped
        skipped = skipped.add(skipped_languages(batch.enriched, languages), fill_value=0).astype("int64")
        try:
            done = store.ingest_posts(
                path,
                batch.enriched,
                wait=wait,
                committed=counted,
                sentiment=analyzer,
                config=config,
                rejected=len(batch.rejects),
            )
        except StoreError as exc:  # (a full disk at the third of 24 FILES: which one, the files before it are kept)
            if not kept and len(files) < 2:
                raise
            raise StoreError(f"{exc} ({shown_name(batch.name)} and any FILES after it were not stored)") from exc
        if done.apart:  # (the count line's total named no file, nor which posts)
            ids = ", ".join(done.apart_ids) + (", ..." if done.apart > len(done.apart_ids) else "")
            say(opt.shown(f"{shown_name(batch.name)}: {done.apart:,} kept apart (id {ids})"))

    def counted(counts: store.IngestCounts) -> None:  # (as its COMMIT returns: a SIGTERM just after it counts it)
        nonlocal total, kept
        total += counts
        kept += 1

    def counts() -> str:
        return f"{opt.shown(path)}: {total.told()}"

    try:
        batches = analyze_inputs(
            files,
            config,
            input_format,
            map_specs,
            analyzer,
            rejects,
            say,
            then=keep,
            date_order=date_order,
            csv_opts=opt.csv_settings(config, raw_csv, excel, decimal_comma),
            input_tz=input_tz,
        )
    except (Terminated, KeyboardInterrupt):  # (`timeout` in a crontab: say what the files before it kept)
        err.print(f"{counts()} before the interruption, from {opt.counted(kept, 'file')}", soft_wrap=True)
        raise
    except StoreError:  # (and a full disk: said nothing of them)
        if kept:
            err.print(f"{counts()} before the error, from {opt.counted(kept, 'file')}", soft_wrap=True)
        raise
    rejected = sum(len(b.rejects) for b in batches)
    skipped = skipped.sort_values(ascending=False, kind="stable")
    opt.tell_unscored(skipped, languages, say)
    if rejected or not quiet:  # (cron mails any output: quiet says nothing when all went in)
        err.print(f"{counts()} (rejected {rejected:,}){opt.unscored_count(skipped, languages)}", soft_wrap=True)
    failed = [f"{opt.counted(rejected, 'row')} rejected (--fail-on-rejects)"] if fail_on_rejects and rejected else []
    if fail_on_empty and empty:  # (a header alone is a quiet hour's export too: only a job that asks is failed)
        names = ", ".join(opt.shown_path(name) for name in empty)
        failed.append(
            f"{names}: held no posts, so nothing was stored from {'it' if len(empty) == 1 else 'them'}"
            " (--fail-on-empty: an export that failed?)"
        )
    if failed:
        raise InputError("; ".join(failed))
