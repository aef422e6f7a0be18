"""The report as ONE self-contained HTML file: inline CSS and inline SVG charts, nothing fetched."""

from __future__ import annotations

import re
from html import escape

import pandas as pd

from .build import Report
from .charts import all_charts
from .present import headline, numeric, sections

_CSS = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; padding: 0 1em; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; font-size: 0.9em; width: 100%; }
th, td { border-bottom: 1px solid #eee; padding: 4px 8px; text-align: left; vertical-align: top; }
td { overflow-wrap: anywhere; }
th { background: #f6f6f6; } .note { background: #fff8e1; padding: 0.5em 1em; }
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


def html_table(table: pd.DataFrame) -> str:
    right = [' class="n"' if numeric(table[c]) else "" for c in table.columns]  # figures: right-aligned
    head = "".join(f"<th{a}>{escape(str(c))}</th>" for c, a in zip(table.columns, right, strict=True))
    rows = "\n".join(
        "<tr>" + "".join(f"<td{a}>{_cell(v)}</td>" for a, v in zip(right, row, strict=True)) + "</tr>"
        for row in table.itertuples(index=False)
    )
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>"


def render_html(report: Report) -> str:
    compared = f"compared with {report.compare.label()}" if report.compare else "no comparison period"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(report.title)}: {escape(report.period.label())}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{escape(report.title)}: {escape(report.period.label())}</h1>",
        f"<p><strong>{escape(headline(report))}</strong> ({escape(compared)}; times in UTC)</p>",
    ]
    parts += [f'<p class="note">{escape(n)}</p>' for n in report.notes]
    for title, svg in all_charts(report):
        parts.append(f'<figure class="chart" aria-label="{escape(title)}">{svg}</figure>')
    for title, table in sections(report):
        if table.empty:
            continue
        parts.append(f"<h2>{escape(title)}</h2>\n{html_table(table)}")
    parts.append("</body></html>\n")
    return "\n".join(parts)
