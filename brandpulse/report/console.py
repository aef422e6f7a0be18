"""The report on a terminal: rich tables with sparklines and bars (never used for pipes)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..output.terminal import cell, link, plain, terminal_safe
from ..output.terminal import fitting as _fitting
from ..output.terminal import whole_widths as _whole
from .build import Report
from .present import (
    ENGAGEMENT_COLUMNS,
    FIGURES,
    STAR_COLUMNS,
    bar,
    empty_note,
    figures,
    headline,
    sections,
    spoken_trend,
    table_key,
)


def _table(title: str, df, widths: list[int] | None = None, numbers=FIGURES) -> Table:
    """A post's text links to the post (its `link` column is not shown: a terminal folds it; an id there is no
    link); `numbers`: the columns of figures (`present.figures`)."""
    urls = df["link"].tolist() if "link" in df else [None] * len(df)
    df = df.drop(columns=["link"], errors="ignore")
    table = Table(title=title, title_justify="left")
    for k, col in enumerate(df.columns):
        justify = "right" if col in numbers else "left"
        table.add_column(cell(col), overflow="fold", justify=justify, width=widths[k] if widths else None)
    for url, row in zip(urls, df.itertuples(index=False), strict=True):
        table.add_row(*[link(url, v) if col == "text" else cell(v) for col, v in zip(df.columns, row, strict=True)])
    return table


def print_report(console: Console, report: Report) -> None:
    line = escape(terminal_safe(headline(report), one_line=True))  # (brand names: `--for-brand`)
    console.print(f"[bold]{escape(terminal_safe(report.title, one_line=True))}[/]: {line}")
    compared = f"compared with {report.compare.label()}" if report.compare else "no comparison period"
    console.print(f"[dim]{compared}; times in {report.period.tz}[/]")  # (as Markdown and HTML: the zone always)
    for note in report.notes:
        console.print(f"[yellow]{escape(terminal_safe(note, one_line=True))}[/]")  # (as the headline: brand names)
    for title, df in sections(report):
        if df.empty:
            if note := empty_note(report, title):
                console.print(title, note, sep="\n")  # (where the table's title would be, then what it means)
            continue
        if title == "Brands" and "trend" in df and plain():  # (a sparkline, read aloud, is "lower one eighth block")
            df = df.assign(trend=[spoken_trend(report, b) for b in report.tables["brands"]["brand"]])
        widths = _whole(df, console.width) if title == "Brands" else None
        table = _table(title, df, widths)
        if title == "Brands" and widths is None:
            # ten columns do not fit 80: rich folded every cell ("volum/e", "(+47%/)"); the figures first,
            # then the sentiment counts and trend, each table narrow enough to keep its cells whole
            # (engagement too, a table of its own: beside the figures it folded them again at 80)
            counts = [c for c in ("co-mentions", "pos / neu / neg", "unscored", "trend") if c in df]
            engaged = [c for c in ENGAGEMENT_COLUMNS if c in df]
            starred = [c for c in STAR_COLUMNS if c in df]  # (reviews' stars: a table of their own too)
            main, sentiment = df.drop(columns=[*counts, *engaged, *starred]), df[["brand", *counts]]
            console.print(_table(title, main, _whole(main, console.width)))
            table = _table(f"{title}: sentiment", sentiment, _whole(sentiment, console.width))
            for name, cols in (("engagement", engaged), ("stars", starred)):
                if cols:
                    console.print(table)
                    part = df[["brand", *cols]]
                    table = _table(f"{title}: {name}", part, _whole(part, console.width))
        if title == "Intents per brand":  # (8 columns of "12 (+3)" do not fit 80: brands folded "(competitor" / ")")
            *before, last = _fitting(df, console.width)
            for part in before:
                console.print(_table(title, part, _whole(part, console.width), figures(title, part)))
            table = _table(
                title if not before else f"{title} (continued)", last, _whole(last, console.width), figures(title, last)
            )
        if key := table_key(report, title, links=False):  # (a post's text is its link)
            table.caption, table.caption_justify = key, "left"
        console.print(table)
    sov = report.tables["brands"].dropna(subset=["share_of_voice"])
    if len(sov):
        table = Table(title="Share of voice", title_justify="left", show_header=False)
        for justify in ("left", "right", "left"):  # (the figure right-aligned: 0.0% stood under 33.3% by its 0)
            table.add_column(justify=justify)
        top = sov["share_of_voice"].max()
        for r in sov.itertuples():
            name = cell(r.brand) + Text(" (competitor)", style="dim") if r.competitor else cell(r.brand)  # (as above)
            table.add_row(name, f"{r.share_of_voice:.1f}%", bar(r.share_of_voice, top))
        console.print(table)
