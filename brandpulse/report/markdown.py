"""The report as Markdown (GitHub-flavoured tables), for chat, wikis and e-mail."""

from __future__ import annotations

import re

import pandas as pd

from ..output.terminal import terminal_safe
from .build import Report
from .present import FIGURES, empty_note, figures, headline, provenance, sections, table_key

_ESCAPES = str.maketrans({"\\": "\\\\", "|": "\\|", "<": "&lt;", ">": "&gt;", "[": "\\[", "`": "\\`"})
#: an `&` is text in Markdown unless it begins an entity (`&copy;`, `&#169;`): only that one is escaped, so a brand
#: "H&M" reads "H&M" in a chat or an e-mail that shows the Markdown as written, not "H&amp;M"
_ENTITY = re.compile(r"&(?=#?\w+;)")
#: emphasis: brand "Star*bucks*" showed as "Star" and an italic "bucks"; GitHub's math: two dollars in a
#: post ("a $3.49 fee on a $12 order") could make what is between them a formula, the dollars gone
_EMPHASIS = str.maketrans({c: "\\" + c for c in "*_~$"})
_URL = re.compile(r"https?://\S+", re.IGNORECASE)
#: an @handle as GitHub and GitLab find a mention (`@kim_sam`, a team's `@org/team`; not after a letter, digit or "/":
#: an e-mail address, a link's path): a report pasted into an issue pinged every user a post named, `@delta` to
#: `@united`. It is a code span (`` `@kim_sam` ``), where neither links one, and a copy of it reads "@kim_sam" (a
#: backslash, `\@kim_sam`, is still a mention on GitHub: it finds them in the rendered text)
_HANDLE = re.compile(r"((?<![\w/])@\w(?:[\w.-]*\w)?(?:/\w(?:[\w.-]*\w)?)?)")


def _cell(value: object) -> str:
    """One line of text that stays in its cell and renders as text: Markdown renderers pass raw HTML
    through, so a post's `<script>` or `<img onerror=...>` would become a live tag in a wiki or mail;
    a post's backticks made a code span, which showed `&lt;b&gt;` for its `<b>`. Control characters
    (ESC) show as U+FFFD, as on the terminal, where `report -f md` can go. An @handle is a code span (`_HANDLE`)."""
    text = terminal_safe(" ".join(str(value).splitlines()))
    # (a cell that is a link stays as written: a renderer that links it could take a `\_` into the URL)
    if _URL.fullmatch(text):
        return _escaped(text)
    parts = _HANDLE.split(text)  # (text, handle, text, ...)
    return "".join(f"`{part}`" if i % 2 else _escaped(part).translate(_EMPHASIS) for i, part in enumerate(parts))


def _escaped(text: str) -> str:
    return _ENTITY.sub("&amp;", text).translate(_ESCAPES)


def md_table(df: pd.DataFrame, numbers=FIGURES) -> str:
    """`numbers`: the columns of figures, right-aligned (`present.figures`)."""
    head = "| " + " | ".join(_cell(c) for c in df.columns) + " |"
    rule = "|" + "|".join("---:" if c in numbers else "---" for c in df.columns) + "|"
    rows = ["| " + " | ".join(_cell(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join([head, rule, *rows])


def render_markdown(report: Report) -> str:
    lines = [f"# {_cell(report.title)}: {report.period.label()}", ""]
    compared = f"compared with {report.compare.label()}" if report.compare else "no comparison period"
    lines += [f"**{_cell(headline(report))}** ({compared}; times in {report.period.tz})", ""]
    for note in report.notes:  # each its own quote: lines in a row are one paragraph, the notes run together
        lines += [f"> {_cell(note)}", ""]  # (a note names the config's brands: "<Nova>" was a tag)
    for title, table in sections(report):
        if table.empty:
            if note := empty_note(report, title):
                lines += [f"## {title}", "", _cell(note), ""]
            continue
        lines += [f"## {title}", "", md_table(table, figures(title, table)), ""]
        if key := table_key(report, title):
            lines += [_cell(key), ""]
    lines += ["---", "", _cell(provenance(report)), ""]  # (after a blank line: `---` under text makes it a heading)
    return "\n".join(lines)
