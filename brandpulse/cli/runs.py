"""`brandpulse runs`: the store's recent `ingest` and `fetch --store` runs, for a cron user checking the jobs ran."""

from __future__ import annotations

import sys

import click

from . import options as opt
from .history import opened_store, store_options

COLUMNS = ["at", "command", "stored", "inserted", "updated", "unchanged", "forgotten", "rejected", "exit", "status"]
#: the columns of counts (and the exit code): integers, empty where not known
NUMBERS = COLUMNS[2:9]


@click.command()
@click.option("-n", "--last", "last", type=opt.AT_LEAST_ONE, default=20, show_default=True, help="Runs to list.")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=opt.choice(["table", "csv", "json", "jsonl"]),
    help="Output format (default: table on a terminal, else csv).",
)
@opt.config_option
@opt.apply(store_options)
@opt.apply(opt.csv_options)
@opt.quiet_option
def runs(last, fmt, config_path, store_option, wait, raw_csv, excel, decimal_comma, quiet):
    """List the store's recent ingest and fetch --store runs, the newest first: when (UTC), which command, the posts
    it stored (inserted or updated), found unchanged and left out as their authors were forgotten, and its rows
    rejected (empty: not known), its exit code and `ok` or `failed: ` and its error. A run that stored nothing is
    listed too, and one that failed once the store was there; the store keeps the last 100.
    """
    import pandas as pd
    from rich.table import Table

    from .. import store
    from ..config import load_config
    from ..output import writers
    from ..output.terminal import cell, table_console

    config = load_config(config_path)
    path = opened_store(store_option, config)
    listed = pd.DataFrame(store.recent_runs(path, wait=wait)[:last], columns=COLUMNS)
    for col in NUMBERS:
        listed[col] = listed[col].astype("Int64")  # (a run noted before the log was kept: its `stored` alone)
    fmt = fmt or ("table" if sys.stdout.isatty() else "csv")
    if fmt != "table":
        writers.write_table(listed, None, fmt, **opt.csv_settings(config, raw_csv, excel, decimal_comma))
    elif len(listed):
        table = Table(title=f"Runs of {opt.shown_path(str(path))}", title_justify="left")
        for col in COLUMNS:
            table.add_column(col, justify="right" if col in NUMBERS else "left", no_wrap=col == "at")
        for row in listed.itertuples(index=False):
            at = str(row.at).replace("T", " ")[:19] + " UTC"
            counts = ("" if pd.isna(v) else f"{v:,}" for v in row[2:9])
            table.add_row(at, row.command, *counts, "" if pd.isna(row.status) else cell(row.status))
        table_console().print(table)
    if not quiet:
        opt.err_console().print(
            f"{opt.shown_path(str(path))}: {opt.counted(len(listed), 'run')} listed", highlight=False, markup=False
        )
