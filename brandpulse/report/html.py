"""The report as ONE self-contained HTML file: inline CSS and inline SVG charts, nothing fetched."""

from __future__ import annotations

import re
from html import escape

import pandas as pd

from .build import Report
from .charts import all_charts
from .present import brands_key, headline, numeric, sections

_CSS = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; padding: 0 1em; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; font-size: 0.9em; width: 100%; }
th, td { border-bottom: 1px solid #eee; padding: 4px 8px; text-align: left; vertical-align: top; }
td { overflow-wrap: break-word; } td.url { overflow-wrap: anywhere; min-width: 12em; } td.text { min-width: 16em; }
.wide { overflow-x: auto; } .when { white-space: nowrap; }
@media print { .wide { overflow-x: visible; } table { font-size: 0.75em; } .when { white-space: normal; }
  td.text { min-width: 10em; } td.url { min-width: 6em; } h2 { break-after: avoid; } }
th { background: #f6f6f6; } .note { background: #fff8e1; padding: 0.5em 1em; } .key { font-size: 0.85em; color: #555; }
.n { text-align: right; white-space: nowrap; }
figure { margin: 1em 0; } figure svg { max-width: 100%; height: auto; }
"""


_LINK = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)


def _cell(value: object) -> str:
    """A cell's text, escaped; a whole-cell http(s) URL becomes a link (its quotes escaped too, so a
    post's URL cannot add attributes or tags; javascript: and data: URLs stay text)."""
    text = "–" if value is None or value is pd.NA or value != value else str(value)
    if _LINK.fullmatch(text):
        return f'<a href="{escape(text)}" target="_blank" rel="noopener noreferrer">{escape(text)}</a>'
    return escape(text)


#: columns of long text: they wrap (a link anywhere) and keep a readable width on a phone, where the table
#: scrolls sideways in its box; the time stays on one line
_KINDS = {"text": "text", "url": "url", "when": "when"}


def html_table(table: pd.DataFrame) -> str:
    kinds = ["n" if numeric(table[c]) else _KINDS.get(str(c), "") for c in table.columns]  # figures: right-aligned
    attrs = [f' class="{k}"' if k else "" for k in kinds]
    head = "".join(
        f'<th scope="col"{a if k in ("n", "when") else ""}>{escape(str(c))}</th>'
        for c, a, k in zip(table.columns, attrs, kinds, strict=True)
    )
    rows = "\n".join(
        "<tr>" + "".join(f"<td{a}>{_cell(v)}</td>" for a, v in zip(attrs, row, strict=True)) + "</tr>"
        for row in table.itertuples(index=False)
    )
    return f'<div class="wide"><table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table></div>'


def _alt(title: str, report: Report) -> str:
    """What a chart shows, for a screen reader (which otherwise reads each of its axis labels in turn)."""
    what = {
        "Volume over time": f"Line chart: posts per {report.bucket}, per brand and for all posts",
        "Sentiment over time": f"Stacked bar chart: negative, neutral and positive posts per {report.bucket}",
        "Share of voice": "Bar chart: each brand's share of voice"
        + (", this period beside the one before" if report.compare else ""),
    }.get(title, title)
    return f"{what}, {report.period.label()}; the figures are in the tables below."


def render_html(report: Report) -> str:
    compared = f"compared with {report.compare.label()}" if report.compare else "no comparison period"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(report.title)}: {escape(report.period.label())}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{escape(report.title)}: {escape(report.period.label())}</h1>",
        f"<p><strong>{escape(headline(report))}</strong> ({escape(compared)}; times in {report.period.tz})</p>",
    ]
    parts += [f'<p class="note">{escape(n)}</p>' for n in report.notes]
    for title, svg in all_charts(report):
        svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(_alt(title, report))}" ', 1)
        parts.append(f'<figure class="chart" aria-label="{escape(title)}">{svg}</figure>')
    for title, table in sections(report):
        if table.empty:
            continue
        parts.append(f"<h2>{escape(title)}</h2>\n{html_table(table)}")
        if title == "Brands":
            parts.append(f'<p class="key">{escape(brands_key(report))}</p>')
    parts.append("</body></html>\n")
    return "\n".join(parts)
