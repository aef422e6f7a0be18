"""The report on a terminal: rich tables with sparklines and bars (never used for pipes)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..output.terminal import cell, terminal_safe
from .build import Report
from .present import bar, brands_key, headline, numeric, sections


def print_report(console: Console, report: Report) -> None:
    console.print(f"[bold]{escape(terminal_safe(report.title, one_line=True))}[/]: {headline(report)}")
    if report.compare:
        console.print(f"[dim]compared with {report.compare.label()}; times in UTC[/]")
    for note in report.notes:
        console.print(f"[yellow]{note}[/]")
    for title, df in sections(report):
        if df.empty:
            continue
        df = df.drop(columns=["url"], errors="ignore")  # links are for the file formats
        table = Table(title=title, title_justify="left")
        if title == "Brands":
            table.caption, table.caption_justify = brands_key(report), "left"
        for col in df.columns:
            table.add_column(cell(col), overflow="fold", justify="right" if numeric(df[col]) else "left")
        for row in df.itertuples(index=False):
            table.add_row(*[cell(v) for v in row])
        console.print(table)
    sov = report.tables["brands"].dropna(subset=["share_of_voice"])
    if len(sov):
        table = Table(title="Share of voice", title_justify="left", show_header=False)
        top = sov["share_of_voice"].max()
        for r in sov.itertuples():
            table.add_row(cell(r.brand), f"{r.share_of_voice:.1f}%", bar(r.share_of_voice, top))
        console.print(table)
