"""`brandpulse rescore`: analyze the stored posts again with this brandpulse's rules and the config of today."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..errors import ConfigError, Terminated
from . import options as opt
from .history import make_config, opened_store, store_options, writable_store

if TYPE_CHECKING:
    from .. import store


@click.command()
@click.option(
    "--since",
    metavar="DATE",
    help="Only the posts created from DATE (in the config's [report] timezone, as report reads it, unless it"
    " names a zone; else UTC).",
)
@click.option("--until", metavar="DATE", help="Only the posts created before DATE.")
@click.option("--dry-run", is_flag=True, help="Count the posts whose analysis would change; change nothing.")
@opt.config_option
@opt.brand_option
@click.option("--sentiment", metavar="NAME", help="Sentiment analyzer (default: cx, or the config's).")
@opt.apply(store_options)
@opt.quiet_option
def rescore(since, until, dry_run, config_path, brand_specs, sentiment, store_option, wait, quiet):
    """Analyze the stored posts again, from their stored text, with this brandpulse's rules and the config of today.

    After an upgrade (`brandpulse --version` names the rules) or a change of brands or topics, a report compared
    posts scored by two sets of rules; the exports may be gone. Brands, sentiment, intent and topics are written
    anew where they changed (a post keeps its first_seen), in batches that each commit; posts without a time are
    rescored only without --since and --until.
    """
    from .. import store
    from ..config import timezone
    from ..enrich.sentiment import get_analyzer
    from ..report.periods import check_order, parse_time

    err = opt.err_console()
    config = make_config(config_path, brand_specs, lambda _: None)
    if not config.brands:  # (every stored post's brands would be wiped)
        raise ConfigError(
            "no brands configured, and every post would be stored naming none: give the config the store's posts"
            " were ingested with (--config, $BRANDPULSE_CONFIG or ./brandpulse.toml) or --brand NAME=TERMS"
        )
    path = writable_store(store_option, config) if not dry_run else opened_store(store_option, config)
    tz = timezone(config)  # (as `report` reads the same dates: a New York week's Sunday evening is Monday in UTC)
    start, end = parse_time(since, "--since", tz), parse_time(until, "--until", tz)
    check_order(start, end)
    analyzer = get_analyzer(sentiment or config.sentiment)
    total = store.Rescored()

    def committed(counts: store.Rescored, left: int) -> None:  # (each batch, as its COMMIT returns)
        nonlocal total
        total += counts
        if left and not quiet and not dry_run:  # (a big store: what is in already, should it be stopped)
            err.print(f"{opt.shown(path)}: {total.told()} so far, {left:,} to go", soft_wrap=True)

    try:
        done = store.rescore(
            path, config, start, end, sentiment=analyzer, wait=wait, dry_run=dry_run, committed=committed
        )
    except (Terminated, KeyboardInterrupt):  # (say what the batches before it wrote: each is committed)
        if not dry_run:
            err.print(f"{opt.shown(path)}: {total.told()} before the interruption", soft_wrap=True)
        raise
    if not quiet or dry_run:
        err.print(f"{opt.shown(path)}: {done.told(dry_run)}", soft_wrap=True)
