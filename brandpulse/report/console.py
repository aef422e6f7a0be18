"""The report on a terminal: rich tables with sparklines and bars (never used for pipes)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..output.terminal import cell, terminal_safe
from .build import Report
from .present import bar, brands_key, headline, numeric, sections


def _table(title: str, df) -> Table:
    table = Table(title=title, title_justify="left")
    for col in df.columns:
        table.add_column(cell(col), overflow="fold", justify="right" if numeric(df[col]) else "left")
    for row in df.itertuples(index=False):
        table.add_row(*[cell(v) for v in row])
    return table


def _rows_width(console: Console, df) -> int:
    """The width the table's rows need unfolded (its headers may wrap between words)."""
    table = _table("", df)
    table.show_header = False
    return console.measure(table, options=console.options.update_width(10_000)).maximum


def print_report(console: Console, report: Report) -> None:
    console.print(f"[bold]{escape(terminal_safe(report.title, one_line=True))}[/]: {headline(report)}")
    compared = f"compared with {report.compare.label()}" if report.compare else "no comparison period"
    console.print(f"[dim]{compared}; times in {report.period.tz}[/]")  # (as Markdown and HTML: the zone always)
    for note in report.notes:
        console.print(f"[yellow]{note}[/]")
    for title, df in sections(report):
        if df.empty:
            continue
        df = df.drop(columns=["url"], errors="ignore")  # links are for the file formats
        table = _table(title, df)
        if title == "Brands" and _rows_width(console, df) > console.width:
            # ten columns do not fit 80: rich folded every cell ("volum/e", "(+47%/)"); the figures first,
            # then the sentiment counts and trend, each table narrow enough to keep its cells whole
            counts = [c for c in ("pos / neu / neg", "unscored", "trend") if c in df]
            console.print(_table(title, df.drop(columns=counts)))
            table = _table(f"{title}: sentiment", df[["brand", *counts]])
        if title == "Brands":
            table.caption, table.caption_justify = brands_key(report), "left"
        console.print(table)
    sov = report.tables["brands"].dropna(subset=["share_of_voice"])
    if len(sov):
        table = Table(title="Share of voice", title_justify="left", show_header=False)
        top = sov["share_of_voice"].max()
        for r in sov.itertuples():
            table.add_row(cell(r.brand), f"{r.share_of_voice:.1f}%", bar(r.share_of_voice, top))
        console.print(table)
