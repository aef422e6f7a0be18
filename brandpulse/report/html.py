"""The report as ONE self-contained HTML file: inline CSS and inline SVG charts, nothing fetched."""

from __future__ import annotations

import re
from html import escape

import pandas as pd

from ..schema import NO_LANGUAGE
from .build import DEFAULT_TITLE, Report
from .charts import EMOJI_FONTS, all_charts
from .metrics import ALL
from .present import (
    FIGURES,
    NEGATIVE_POSTS,
    PRAISED_POSTS,
    TOP_POSTS,
    WEB_LINK,
    chart_views,
    empty_note,
    figures,
    headline,
    narrow_trend,
    narrow_trend_key,
    provenance,
    sections,
    sentiment_bands,
    spoken_trend,
    table_key,
)
from .summary import NO_BRAND

#: a table wider than its box has a shadow at its right edge while more of it is off the screen (a box's background
#: that scrolls with its cells, `local`, covers the one that does not): at 400 px the Brands table ended at "unsc."
#: with nothing to say its NSS, share of voice and trend were a swipe away (a phone hides scroll bars).
#: on a screen under 60em (a phone; 800 px) a post's row is stacked, its text first on a line of its own, its other
#: cells named (`data-label`) after it: the text, last of 8 columns, was off the screen at 800 px and 400 px. (Its
#: column is the second too, for a mail client that drops <style>.) A table of figures scrolls, its rows' names stay.
_CSS = """
body { font-family: system-ui, sans-serif, EMOJI_FONTS; margin: 2em auto; max-width: 1100px; color: #222;
  padding: 0 1em; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; font-size: 0.9em; width: 100%; }
th, td { border-bottom: 1px solid #eee; padding: 4px 4px; text-align: start; vertical-align: top; }
td { overflow-wrap: break-word; } td.url, td.text { overflow-wrap: anywhere; } td.url { min-width: 12em; }
.wide { overflow-x: auto; } .when { white-space: nowrap; }
@media screen { .wide { background: linear-gradient(to left, #fff 40%, #fff0) right / 2em 100% no-repeat local,
  radial-gradient(farthest-side at 100% 50%, #0004, #0000) right / 1em 100% no-repeat scroll; } }
@media print { .wide { overflow-x: visible !important; } table { font-size: 0.75em; } .when { white-space: normal; }
  td.text { min-width: 10em !important; } td.url { min-width: 6em; } h2 { break-after: avoid; }
  figure, tr { break-inside: avoid; } details:not([open]) { display: none; } }
th { background: #f6f6f6; } tbody th { background: none; font-weight: normal; }
.note { background: #fff8e1; padding: 0.5em 1em; } .key { font-size: 0.85em; color: #555; }
.n { text-align: right; white-space: nowrap; } th.n { white-space: normal; }
.n:has(> .chg) { white-space: normal; } .chg { white-space: nowrap; }
.shy::after { content: "\\00ad"; }
.spark { white-space: nowrap; font-family: monospace; font-size: 0.8em; }
.long { overflow-wrap: anywhere; white-space: normal; min-width: 8em; }
figure { margin: 1em 0; } figure svg { width: 100%; max-width: 32em; height: auto; display: block; }
@media print { .cut { white-space: normal !important; overflow-wrap: anywhere; max-width: none !important; } }
@media screen { tr > :first-child { position: sticky; left: 0; } tbody th { background: #fff; } }
@media screen and (max-width: 60em) { td.when, th.when { white-space: normal; } td.url { min-width: 6em; }
  th .full, td .full { display: none; } th abbr.short { display: inline !important; white-space: nowrap; }
  td .short, .key .short { display: inline !important; }
  table { font-size: 0.85em; } th, td { padding: 4px 3px; } tr > :first-child { padding-left: 0; }
  tr > :last-child { padding-right: 0; }
  table.posts, table.posts tbody, table.posts tr { display: block; }
  table.posts thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  table.posts tr { display: flex; flex-wrap: wrap; gap: 0 1em; border-bottom: 1px solid #ccc; padding: 0.4em 0; }
  table.posts th, table.posts td { display: block; flex-shrink: 0; max-width: 100%; border: 0; padding: 0;
    min-width: 0; text-align: start; }
  table.posts td.text { order: -1; flex-basis: 100%; margin-bottom: 0.2em; }
  table.posts [data-label]::before { content: attr(data-label) ": "; color: #666; }
  table.posts .cut { display: inline-block !important; vertical-align: bottom; } }
""".replace("EMOJI_FONTS", ", ".join(f'"{font}"' for font in EMOJI_FONTS))  # (a post's emoji was a box)


#: the style of each table's box, also in its tag: it scrolls sideways, the page keeps the screen's width
WIDE_STYLE = "overflow-x:auto"

_LINK = re.compile(WEB_LINK, re.IGNORECASE)


#: the characters of a link shown in its cell: a booking site's 300-character tracking URL, broken anywhere in its
#: column, made its row a phone's screen tall (and a printed page's third); the link itself is whole
LINK_SHOWN = 60


def _cell(value: object) -> str:
    """A cell's text, escaped; a whole-cell http(s) URL becomes a link (its quotes escaped too, so a
    post's URL cannot add attributes or tags; javascript: and data: URLs stay text), shown to `LINK_SHOWN`
    characters (the whole one in its tooltip)."""
    text = "–" if value is None or value is pd.NA or value != value else str(value)
    if _LINK.fullmatch(text):
        shown = text if len(text) <= LINK_SHOWN else text[: LINK_SHOWN - 1] + "…"
        title = f' title="{escape(text)}"' if shown != text else ""
        return f'<a href="{escape(text)}"{title} target="_blank" rel="noopener noreferrer">{escape(shown)}</a>'
    return escape(text)


#: columns of long text: they wrap (a link anywhere) and keep a readable width on a phone, where the table
#: scrolls sideways in its box; the time stays on one line; an author's name on one line too, cut (`_cut`)
_KINDS = {
    "trend": "spark",
    "text": "text",
    "link": "url",
    "when": "when",
    "day": "when",
    "hour": "when",
    "author": "who",
}

#: a post's text cell's width at least, in its tag too: without the page's <style> its column, squeezed to fit a 375
#: px phone, was 40 px wide, a word a line
TEXT_STYLE = "min-width:16em"

#: the characters of an author's name shown whole: a longer one is cut by the browser, at `CUT_STYLE`'s width, with
#: "…" and the whole name in its tooltip (and its text, for a screen reader, a search or a copy). An 80-character
#: handle without spaces took half the top authors' table at 1,200 px and was 4 lines at 800.
AUTHOR_SHOWN = 20
#: in the cut name's tag too, as `WIDE_STYLE` is: a mail client that drops the page's <style> keeps it
CUT_STYLE = "display:block;max-width:12em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap"


def _cut(value: object) -> str:
    """An author's cell: a name longer than `AUTHOR_SHOWN` on one line cut with "…", whole in its tooltip."""
    text = _cell(value)
    if value is None or value is pd.NA or value != value or len(str(value)) <= AUTHOR_SHOWN:
        return text
    return f'<span class="cut" title="{escape(str(value))}" style="{CUT_STYLE}">{text}</span>'


#: a word too long for a phone ("SuperLongBrandNameWithoutSpacesInternational"): its cell may break it, at
#: 8em or more, or the table scrolled by its width; cells of shorter words break between words only
_LONG_WORD = re.compile(r"\S{17,}")


def _fit(attrs: str, text: object) -> str:
    """`attrs` of a cell or header showing `text`, with class "long" if it holds a long word (a post's text and
    URL break anywhere already)."""
    if not _LONG_WORD.search(str(text)) or any(f'class="{k}"' in attrs for k in ("text", "url", "who", "spark")):
        return attrs
    return attrs.replace(' class="', ' class="long ', 1) if " class=" in attrs else attrs + ' class="long"'


#: a well-formed BCP 47 tag (RFC 5646, 2.1) whose language is an ISO 639 code of 2 or 3 letters: language (and
#: extended language), script, region, variants, extensions, private use. Not checked against the IANA registry.
_BCP47 = re.compile(
    r"[a-z]{2,3}(?:-[a-z]{3}){0,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*"
    r"(?:-[a-wyz\d](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?",
    re.IGNORECASE | re.ASCII,
)
#: ISO 639's codes for local use (`qaa`..`qtz`: X's `qam`, `qct`, ... of posts of mentions or cashtags)
_LOCAL_USE = re.compile(r"q[a-t][a-z]", re.IGNORECASE)


def html_lang(code: object) -> str | None:
    """A post's `lang` as an HTML `lang` value (a screen reader's voice and a browser's hyphenation follow it), or
    None: unknown (empty, `und`, `zxx`, X's codes of no language) or no BCP 47 tag (`english`, `en us`, a cell of
    markup). `pt_BR`, a locale's spelling, is `pt-BR`."""
    if code is None or code is pd.NA or code != code:
        return None
    code = str(code).strip().replace("_", "-")
    primary = code.split("-", 1)[0].lower()
    if primary in NO_LANGUAGE or _LOCAL_USE.fullmatch(primary) or not _BCP47.fullmatch(code):
        return None
    return code


def html_table(
    table: pd.DataFrame,
    spoken: dict[str, list[str]] | None = None,
    figures=FIGURES,
    name: str = "",
    langs: list[object] | None = None,
    short: bool = False,
    narrow: dict[str, list[tuple[str, str] | None]] | None = None,
) -> str:
    """`spoken`: per column, what a screen reader says for each row's cell instead of its text (a sparkline,
    read as "lower one eighth block, lower quarter block, ..."); `figures`: the columns of figures; `name`: what
    a screen reader calls the table (its section's title: a list of the page's tables was "table, table, ...");
    `langs`: each row's language (a post's `lang`), given to its `text` cell when it is a BCP 47 tag
    (`html_lang`): a Spanish post in a page of `lang="en"` was read by an English voice; `short`: its headers' short
    names shown on a narrow screen (`SHORT_HEADERS`: the Brands table's, of 13 columns; a table of 5 has room);
    `narrow`: per column, each row's cell for a narrow screen and what a screen reader says of it (None: the same
    cell), shown in its stead under 60em (a month's trend by week)."""
    said = [(spoken or {}).get(str(c)) for c in table.columns]
    small = [(narrow or {}).get(str(c)) for c in table.columns]
    kinds = ["n" if c in figures else _KINDS.get(str(c), "") for c in table.columns]  # figures: right-aligned
    attrs = [f' class="{k}"' if k else "" for k in kinds]
    attrs = [a + (f' style="{TEXT_STYLE}"' if k == "text" else "") for a, k in zip(attrs, kinds, strict=True)]
    head = "".join(
        f'<th scope="col"{_fit(a if k in ("n", "when") else "", c)}>{_header(c, short)}</th>'
        for c, a, k in zip(table.columns, attrs, kinds, strict=True)
    )
    # a cell of words takes its direction from its own text: a Hebrew post reads right to left, its "?" at its end
    attrs = [a + ("" if k in ("n", "when", "url") else ' dir="auto"') for a, k in zip(attrs, kinds, strict=True)]

    def cell(value: object, words: list[str] | None, i: int, kind: str, small: list | None = None) -> str:
        if small and small[i]:  # (hidden by its own style too: a mail client without the page's <style> shows one)
            shown, said = small[i]
            whole = f'<span class="full">{cell(value, words, i, kind)}</span>'
            return whole + f'<span class="short" style="display:none">{cell(shown, [said], 0, kind)}</span>'
        if kind == "n" and words is None:
            return _change_under(_cell(value))
        if kind == "when" and words is None:  # its date on one line, its time under it in a narrow column
            return _whole_dates(_cell(value))
        if words is None:
            return _cut(value) if kind == "who" else _cell(value)
        return f'<span role="img" aria-label="{escape(words[i])}">{_cell(value)}</span>'

    # the first cell names its row (a brand, topic, day): a screen reader says it with each of the row's figures
    tags = ['th scope="row"', *["td"] * (len(kinds) - 1)]
    langs = [html_lang(code) for code in langs] if langs is not None else [None] * len(table)
    spoken_in = [f' lang="{escape(code)}"' if code else "" for code in langs]
    text = [k == "text" for k in kinds]
    if any(text):  # a post's cells stacked under a narrow screen's breakpoint, each but its text and link named
        attrs = [
            a if k in ("text", "url") else f'{a} data-label="{escape(str(c))}"'
            for a, k, c in zip(attrs, kinds, table.columns, strict=True)
        ]
    rows = "\n".join(
        "<tr>"
        + "".join(
            f"<{t}{_fit(a, v)}{spoken_in[i] if x else ''}>{cell(v, s, i, k, m)}</{t[:2]}>"
            for t, a, v, s, x, k, m in zip(tags, attrs, row, said, text, kinds, small, strict=True)
        )
        + "</tr>"
        for i, row in enumerate(table.itertuples(index=False))
    )
    label = (f' aria-label="{escape(name)}"' if name else "") + (' class="posts"' if any(text) else "")
    # (the box scrolls by its own style too: a mail client that drops the page's <style>, as many do with a forwarded
    # report, let a wide table make the page 1,299 px wide on a 375 px phone)
    return (
        f'<div class="wide" style="{WIDE_STYLE}"><table{label}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n'
        "</tbody>\n</table></div>"
    )


#: a figure and its change in brackets ("16,975 (+16,525)"): the change may go under the figure (`.chg`), so that a
#: column of them is as narrow as its widest part: the Brands table, of 13 columns, was 1,157 px wide, and scrolled
#: sideways at 800 px and at 1,280 px (its box 1,100 px)
_CHANGE = re.compile(r"(\S+) (\([^()]+\))")


def _change_under(markup: str) -> str:
    """A figure's cell, its bracketed change in a `chg` span: the cell wraps before it alone."""
    return _CHANGE.sub(r'\1 <span class="chg">\2</span>', markup) if _CHANGE.fullmatch(markup) else markup


#: a column's short name, shown on a screen under 60em (800 px) in an <abbr> whose tooltip is its whole name (which the
#: key under the table defines): these names' longest words made their columns of 2-digit figures 90-118 px wide
SHORT_HEADERS = {
    "volume": "vol.",
    "Δ volume": "Δ vol.",
    "share of voice": "SoV",
    "share of engagement": "SoE",
    "engagement": "eng.",
    "unscored": "unsc.",
    "co-mentions": "co-m.",
}


#: a soft hyphen (U+00AD) of the style's (`.shy::after`), not the text's: in a header's text a copy of the table took
#: it along, "engage\u00adment" pasted into a spreadsheet a header no formula's "engagement" found (an empty span: a
#: copy, a search and a screen reader pass it by; without the page's <style> the word is whole)
SHY = '<span class="shy"></span>'
#: where a header's long word may break, with a hyphen: "engagement", 10 letters in bold, made its column of 4-digit
#: figures 110 px wide, and the month's Brands table scrolled at 1,280 px
_SOFT_HYPHENS = {w.replace("-", ""): w.replace("-", SHY) for w in ("engage-ment", "un-scored", "men-tions")}


def _header(name: object, short: bool = False) -> str:
    """A column's header: its whole name (its long words may break, `_SOFT_HYPHENS`), and its `SHORT_HEADERS` one,
    hidden by its own style (a mail client that drops the page's <style> shows the whole name alone) and shown in its
    stead on a narrow screen."""
    text = escape(str(name))
    shown = re.sub(r"\w+", lambda word: _SOFT_HYPHENS.get(word.group(), word.group()), text)
    if not short or str(name) not in SHORT_HEADERS:
        return shown
    abbr = f'<abbr class="short" title="{text}" style="display:none">{SHORT_HEADERS[str(name)]}</abbr>'
    return f'<span class="full">{shown}</span>{abbr}'


def _dates(text: str) -> str:
    """Text, escaped, its dates kept on one line: on a phone the title broke as "2026-11-" / "08"."""
    return _whole_dates(escape(text))


def _whole_dates(markup: str) -> str:
    """Markup, its dates kept on one line (a post's time may go under its date in a narrow column)."""
    return re.sub(r"\d{4}-\d\d-\d\d", r'<span class="when">\g<0></span>', markup)


def _alt(title: str, report: Report) -> str:
    """What a chart shows, for a screen reader (which otherwise reads each of its axis labels in turn); its figures are
    in the table under it."""
    bands = sentiment_bands(report.tables["timeseries"])
    what = {
        "Volume over time": f"Line chart: posts per {report.bucket}, per brand and for all posts",
        "Sentiment over time": f"Stacked bar chart: {', '.join(bands[:-1])} and {bands[-1]} posts per {report.bucket}",
        "Share of voice": "Bar chart: each brand's share of voice"
        + (", this period beside the one before" if report.compare else ""),
        "Star rating": "Bar chart: each brand's mean star rating of its rated posts"
        + (", this period beside the one before" if report.compare else ""),
    }.get(title, title)
    return f"{what}, {report.period.label()}; the figures are in the tables below."


def _own_ids(svg: str, prefix: str) -> str:
    """The chart's ids, and its references to them, prefixed: matplotlib names the parts of every SVG alike
    (`figure_1`, `axes_1`, the markers' and clip paths' hashes), and ids in one page must differ."""
    # (in tags only: a brand named `id="x"` is text; `url(#` in a style too: a hatch's `fill: url(#h...)`)
    in_tag = re.compile(r'(\sid="|href="#|url\(#)')
    return re.sub(r"<[^>]+>", lambda tag: in_tag.sub(rf"\g<1>{prefix}", tag.group()), svg)


def page_title(report: Report) -> str:
    """The browser tab's, bookmark's and attachment's name: with the default title it names the brands
    (every brand's weekly report had the same tab, "brandpulse report: 2026-11-02 .. 2026-11-08")."""
    period = report.period.label()
    brands = [b for b in report.tables["brands"]["brand"] if b not in (ALL, NO_BRAND)]
    if report.title != DEFAULT_TITLE or not brands:
        return f"{report.title}: {period}"
    named = ", ".join(brands if len(brands) <= 4 else [*brands[:3], f"{len(brands) - 3} more"])
    return f"{named}: {period} ({DEFAULT_TITLE})"


#: the sections listing posts (their titles' starts) and their tables, whose `lang` their text cells take
_POST_TABLES = {TOP_POSTS: "top_posts", NEGATIVE_POSTS: "negative_posts", PRAISED_POSTS: "praised_posts"}


def render_html(report: Report) -> str:
    compared = f"compared with {report.compare.label()}" if report.compare else "no comparison period"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(page_title(report))}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{_dates(f'{report.title}: {report.period.label()}')}</h1>",
        f"<p><strong>{_dates(headline(report))}</strong> ({_dates(compared)}; times in {escape(report.period.tz)})</p>",
    ]
    parts += [f'<p class="note">{_dates(n)}</p>' for n in report.notes]  # (its dates on one line too)
    views = chart_views(report)
    for n, (title, svg) in enumerate(all_charts(report), 1):
        svg = _own_ids(svg, f"chart{n}-").replace(
            "<svg ", f'<svg role="img" aria-label="{escape(_alt(title, report))}" ', 1
        )
        # the drawn figures as a table, which the alt text points to: they were in no table, for a screen reader or
        # a mail client that drops the SVG (share of voice's and the stars' were in the Brands table, their change
        # alone, their period before in none)
        table = (
            html_table(views[title], figures=views[title].columns[1:], name=f"{title}: the figures")
            if title in views
            else ""
        )
        table = f"<details><summary>The figures</summary>{table}</details>" if table else ""
        parts.append(f'<figure class="chart" aria-label="{escape(title)}">{svg}{table}</figure>')
    for title, table in sections(report):
        if table.empty:
            if note := empty_note(report, title):
                parts.append(f"<h2>{escape(title)}</h2>\n<p>{_dates(note)}</p>")
            continue
        if title == "Brands":
            brands = report.tables["brands"]["brand"]
            spoken = {"trend": [spoken_trend(report, b) for b in brands]}
            small = [narrow_trend(report, b) for b in brands]
            table = html_table(table, spoken, name=title, short=True, narrow={"trend": small})
        else:
            posts = next((t for prefix, t in _POST_TABLES.items() if title.startswith(prefix)), None)
            langs = report.tables[posts]["lang"].tolist() if posts else None
            if posts:  # the text beside the time, not last: it was off the screen of a phone, or at 800 px
                table = table[[table.columns[0], "text", *(c for c in table.columns[1:] if c != "text")]]
            table = html_table(table, figures=figures(title, table), name=title, langs=langs)
        if key := table_key(report, title):
            key = _dates(key)
            if title == "Brands" and any(small):  # (the narrow screen's trend told there alone)
                said = f"; on this screen, trend: {narrow_trend_key(report)}"
                key += f'<span class="short" style="display:none">{said}</span>'
            table += f'\n<p class="key">{key}</p>'
        parts.append(f"<h2>{escape(title)}</h2>\n{table}")
    parts.append(f'<footer class="key"><p>{_dates(provenance(report))}</p></footer>')
    parts.append("</body></html>\n")
    return "\n".join(parts)
