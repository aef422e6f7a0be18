"""Rich tables for a person at a terminal (never for pipes: there the output is data)."""

from __future__ import annotations

import math
import os
import re
import sys
from typing import IO

import pandas as pd
from rich.console import Console, RenderableType, RenderHook
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ..figures import round_pct  # (halves away from zero, as the report's and summary's figures)

#: ESC and the other C0 controls but tab and newline, DEL, the C1 controls (U+0080-U+009F), and the bidi
#: embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): a terminal that reorders text would
#: run a post's U+202E on over the rest of its table row, reversing the columns after it
_CONTROLS = dict.fromkeys(
    [*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)], "\ufffd"
)
_ONE_LINE = {**_CONTROLS, 0x0A: "\\n"}


def terminal_safe(value: object, one_line: bool = False) -> str:
    """`value` as text that cannot drive a terminal: controls become U+FFFD, the sign for a character
    that cannot be shown (a "?" would pass for the post's own); `one_line` shows a newline as \\n."""
    return str(value).translate(_ONE_LINE if one_line else _CONTROLS)


def cell(value: object) -> Text:
    """A table cell of text from posts or files: terminal-safe, and never read as rich markup."""
    return Text(terminal_safe(value))


def link(url: object, shown: object = None) -> Text:
    """A cell (`shown`, else the URL) that a terminal knowing hyperlinks (OSC 8) opens on a click, however the
    table folds it; other terminals show the text alone. Only web links: a post's `file:` URL stays text."""
    url = "" if pd.isna(url) else terminal_safe(url)
    text = cell(url if shown is None else shown)
    if re.fullmatch(r"https?://[^\s\ufffd]+", url, flags=re.IGNORECASE):
        text.stylize(Style(link=url))
    return text


#: the width of tables written to a pipe or file without $COLUMNS: wider than any table, so each is as wide as its
#: cells (rich's default there, 80 columns, folded a post's text down a column of a word a line)
PIPE_WIDTH = 10_000


#: set (and not "0"), every `-f table` prints its tables as lines of text (`linear`): for screen readers
PLAIN_ENV = "BRANDPULSE_PLAIN"

#: U+2580-U+259F: the bars and sparklines drawn of them are charts a screen reader reads as "lower one eighth
#: block" (or not at all); the figures they draw are in cells of their own
_BLOCKS = frozenset(map(chr, range(0x2580, 0x25A0)))


def plain() -> bool:
    """Whether $BRANDPULSE_PLAIN asks for tables as lines of text."""
    return os.environ.get(PLAIN_ENV, "").strip() not in ("", "0")


def _plain_text(value: RenderableType | None) -> str:
    """A title, header or cell as one line of text without its styles (a cell given as a string is rich markup)."""
    if value is None:
        return ""
    text = value if isinstance(value, Text) else Text.from_markup(value) if isinstance(value, str) else Text(str(value))
    return " ".join(text.plain.split())  # (a cell of two lines, "196" over "(25%)", is read as one: "196 (25%)")


def linear(table: Table) -> Text:
    """`table` as a screen reader reads it best, one line at a time: its title and count of rows, then a line a row
    with each cell after its column's header ("brand: Skyway; posts: 864; ..."; cells alone in a table without
    headers), then its caption. No borders, no cell cut in two; an empty cell is left out, but in the first column,
    where it stands for the one above (topics grouped by brand); a cell that is only a chart of block characters
    (a share-of-voice bar) is left out too."""
    headers = [_plain_text(c.header) if table.show_header else "" for c in table.columns]
    rows = list(zip(*([_plain_text(v) for v in c.cells] for c in table.columns), strict=True))
    lines = [f"{_plain_text(table.title) or 'Table'}: {len(rows):,} {'row' if len(rows) == 1 else 'rows'}"]
    above = ""
    for row in rows:
        above = row[0] or above if row else above
        cells = [above, *row[1:]] if row else []
        said = [(h, v) for h, v in zip(headers, cells, strict=True) if v and not set(v) <= _BLOCKS]
        lines.append("; ".join(f"{h}: {v}" if h else v for h, v in said))
    if caption := _plain_text(table.caption):
        lines.append(caption)
    return Text("\n".join(lines) + "\n")


class _Linear(RenderHook):
    """Prints each rich Table given to the console as `linear` text; the rest as it is."""

    def process_renderables(self, renderables: list[RenderableType]) -> list[RenderableType]:
        return [linear(r) if isinstance(r, Table) else r for r in renderables]


def table_console(file: IO[str] | None = None) -> Console:
    """A console on stdout for `-f table` (analyze, report, queue, evaluate, query test): the terminal's width; on a
    pipe or file, $COLUMNS when set (`COLUMNS=120 brandpulse report -f table | less`), else each table as wide as its
    cells (`PIPE_WIDTH`). With `file` (the tables of `-o FILE.txt`), a console on it, laid out as on a pipe. With
    $BRANDPULSE_PLAIN (`plain`), its tables print as lines of text (`linear`), wrapped between words."""
    if file is None and sys.stdout.isatty() or os.environ.get("COLUMNS"):
        console = Console(file=file)
    else:
        console = Console(file=file, width=PIPE_WIDTH)
    if plain():
        console.push_render_hook(_Linear())
    return console


def _num(value: object, fmt: str = "{:,}") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "-"
    return fmt.format(value)


def brand_table(summary: pd.DataFrame, unscored_why: str = "not English") -> Table:
    table = Table(title="Brands", title_justify="left")
    unscored = bool(summary["unscored"].gt(0).any())  # (percentages are of the posts with a sentiment)
    for col, justify in (
        ("brand", "left"),
        ("posts", "right"),
        ("SoV", "right"),
        ("pos", "right"),
        ("neu", "right"),
        ("neg", "right"),
        *((("n/a", "right"),) if unscored else ()),
        ("NSS", "right"),
        ("avg", "right"),
    ):
        # (a name too long for the column folds: cut to "SuperLongBrandName…", no brand could be told)
        table.add_column(col, justify=justify, overflow="fold" if col == "brand" else "ellipsis")
    # whole percents from the counts, not from the 0.1 figures: 12.45 % (12.5 in --summary-csv) is 12 %, not 13 %
    counts = summary[["positive", "neutral", "negative"]]
    pct = round_pct(100 * counts.div(counts.sum(axis=1).replace(0, float("nan")), axis=0), 0)
    for r, p in zip(summary.itertuples(), pct.itertuples(), strict=True):
        name = cell(r.brand) + Text(" (competitor)", style="dim") if r.competitor else cell(r.brand)
        table.add_row(
            name,
            _num(r.mentions),
            _num(r.share_of_voice, "{:.1f}%"),
            f"{r.positive:,}\n({_num(p.positive, '{:.0f}%')})",
            f"{r.neutral:,}\n({_num(p.neutral, '{:.0f}%')})",
            f"{r.negative:,}\n({_num(p.negative, '{:.0f}%')})",
            *((_num(r.unscored),) if unscored else ()),
            _num(r.nss, "{:+.1f}"),  # (its sign says it, as in the report: red and green are one colour to many)
            _num(round_pct(r.avg_sentiment, 2), "{:+.2f}"),  # (0.125 is +0.13, as a spreadsheet shows it)
        )
    table.caption_justify = "left"  # (centred, its last line stood alone mid-table)
    table.caption = (
        "posts: naming the brand, a post naming several in each of their rows; SoV: share of voice, % of all brand "
        "mentions; pos / neu / neg: posts (% of those with a sentiment)"
        + (f"; n/a: posts without one ({unscored_why})" if unscored else "")
        + "; NSS: net sentiment score, % pos - % neg (-100..100); avg: mean score"
    )
    return table


def topic_table(topics: pd.DataFrame) -> Table:
    table = Table(title="Top topics per brand", title_justify="left")
    for col, justify in (("brand", "left"), ("topic", "left"), ("mentions", "right"), ("NSS", "right")):
        table.add_column(col, justify=justify, overflow="fold" if justify == "left" else "ellipsis")
    last = None
    for r in topics.itertuples():
        brand = "" if r.brand == last else cell(r.brand)
        table.add_row(brand, cell(r.topic), _num(r.mentions), _num(r.nss, "{:+.1f}"))
        last = r.brand
    return table


def whole_widths(df, width: int) -> list[int] | None:
    """Column widths that fold no cell in `width` columns, headers wrapping between words where room is
    short; None when there are none. (Left to rich, a column of short cells could be narrowed below its
    widest one while a header kept its length: "Aerolux (competitor" over ")" at 110 columns.)"""
    cells = [max((cell(v).cell_len for v in df[col]), default=0) for col in df.columns]
    words = [max((cell(w).cell_len for w in str(col).split()), default=0) for col in df.columns]
    least = [max(c, w) for c, w in zip(cells, words, strict=True)]
    most = [max(c, cell(col).cell_len) for c, col in zip(cells, df.columns, strict=True)]
    room = width - (3 * len(least) + 1) - sum(least)  # (rich's borders and padding)
    if room < 0:
        return None
    for k in sorted(range(len(least)), key=lambda k: most[k] - least[k]):  # unwrap the shortest headers first
        if most[k] - least[k] <= room:
            room -= most[k] - least[k]
            least[k] = most[k]
    return least


def fitting(df, width: int) -> list:
    """`df` as tables of its first column and as many of the next ones as fit `width` with no cell folded
    (one column each where even that does not fit)."""
    first, groups = df.columns[0], [[]]
    for col in df.columns[1:]:
        if groups[-1] and whole_widths(df[[first, *groups[-1], col]], width) is None:
            groups.append([])
        groups[-1].append(col)
    return [df[[first, *group]] for group in groups]


def intent_tables(intents: pd.DataFrame, width: int) -> list[Table]:
    """Per brand, its posts of each intent (`intent_summary`'s columns after `mentions`), as tables of as many
    columns as fit `width` whole (`fitting`; at 80 columns rich folded "complain" / "t" and "(competi" / "tor)")."""
    shown = pd.DataFrame({"brand": intents["brand"] + intents["competitor"].map({True: " (competitor)", False: ""})})
    for col, values in intents.iloc[:, 2:].rename(columns={"mentions": "posts"}).items():
        shown[col] = values.map(_num)
    parts = fitting(shown, width)
    tables = []
    for k, part in enumerate(parts):
        widths = whole_widths(part, width)
        title = "Intents per brand" + (" (continued)" if k else "")
        table = Table(title=title, title_justify="left")
        for j, col in enumerate(part.columns):
            table.add_column(cell(col), justify="right" if j else "left", overflow="fold", width=widths and widths[j])
        for r, competitor in zip(part.itertuples(index=False), intents["competitor"], strict=True):
            name = cell(r[0].removesuffix(" (competitor)"))
            table.add_row(name + Text(" (competitor)", style="dim") if competitor else name, *(cell(v) for v in r[1:]))
        tables.append(table)
    tables[-1].caption_justify = "left"
    tables[-1].caption = (
        "posts: naming the brand (a post naming several in each of their rows), by intent: a post of several"
        " (complaint;suggestion) in each of their columns, so they may add up to more than posts; none: no intent"
    )
    return tables


def _text(value) -> str:
    """A cell's text; missing (None, NA, NaN) or empty shows as '-'."""
    return "-" if pd.isna(value) or value == "" else str(value)


def with_own_scores(brands: object, brand_sentiments: object, only: object = None) -> str:
    """A post's brands (those in `only`, when given), ", "-separated, each with its own score when the post
    names several ("A (-0.60), B (+0.50)"): the post's own sentiment may be neither."""
    names = [] if pd.isna(brands) else [b for b in str(brands).split(";") if b]
    if only is not None:
        names = [] if pd.isna(only) else [b for b in str(only).split(";") if b]
    from ..enrich.brand_sentiment import own_scores  # (here: an error's path loads this module, not enrich)

    own = own_scores(brand_sentiments)
    return ", ".join(f"{b} ({own[b]:+.2f})" if b in own else b for b in names)


def posts_table(posts: pd.DataFrame, title: str, width: int = 90) -> Table:
    table = Table(title=title, title_justify="left")
    for col, justify in (("post sentiment", "right"), ("brands", "left"), ("author", "left"), ("text", "left")):
        table.add_column(col, justify=justify, overflow="fold")
    for r in posts.itertuples():
        text = " ".join(str(r.text).split())
        table.add_row(
            _num(r.sentiment, "{:+.2f}"),
            cell(_text(with_own_scores(r.brands, getattr(r, "brand_sentiments", None)))),
            cell(_text(r.author)),
            link(getattr(r, "url", None), text[:width] + ("…" if len(text) > width else "")),
        )
    return table


def print_analysis(
    console: Console,
    summary: pd.DataFrame,
    topics: pd.DataFrame,
    negative: pd.DataFrame,
    positive: pd.DataFrame,
    intents: pd.DataFrame | None = None,
    about_brands: bool = True,
    unscored_why: str = "not English",
) -> None:
    """`about_brands`: brands are configured, and the lists of posts are of posts naming one of them; `unscored_why`:
    why posts have no sentiment (`languages_said`)."""
    console.print(brand_table(summary, unscored_why))
    if len(topics):
        console.print(topic_table(topics))  # (brands in config order, then `(no brand)`: topic_summary's)
    if intents is not None and len(intents):
        for table in intent_tables(intents, console.width):  # (the same rows: intent_summary's)
            console.print(table)
    # (a post naming several brands is listed by its lowest or highest score, its own or a brand's)
    about = " naming a brand (negative as a whole or towards one)" if about_brands else ""
    if len(negative):
        console.print(posts_table(negative, f"Most negative posts{about}"))
    if len(positive):
        console.print(posts_table(positive, f"Most positive posts{about.replace('negative', 'positive')}"))


def explain_table(posts: pd.DataFrame, enriched: pd.DataFrame, width: int = 70) -> Table:
    """Why the shown posts got their scores (`--explain`), and a post naming several brands its brands' own
    (`brand_explain`, where they are not the post's)."""
    own = enriched["brand_explain"].fillna("") if "brand_explain" in enriched else [""] * len(enriched)
    notes = zip(enriched["text"], enriched["explain"].fillna(""), own, strict=True)
    why = {text: "\n".join(x for x in (post, brands) if x) for text, post, brands in notes}
    table = Table(title="Why these scores", title_justify="left")
    for col, justify in (("post sentiment", "right"), ("text", "left"), ("explanation", "left")):
        table.add_column(col, justify=justify, overflow="fold")
    for r in posts.itertuples():
        text = " ".join(str(r.text).split())
        shown = text[:width] + ("…" if len(text) > width else "")
        table.add_row(_num(r.sentiment, "{:+.2f}"), cell(shown), cell(why.get(r.text, "")))
    return table


def span(length) -> str:
    """A length of time (a timedelta, or seconds) in words, to the nearest minute: its largest unit and the next one,
    `29 days 3 hours`, `2 hours 57 minutes`, `1 hour`, `5 minutes`. Every message says a span so (a wait of 2 days
    was "2,880 minutes", a period "14.5 hours")."""
    seconds = length if isinstance(length, int | float) else length.total_seconds()
    minutes = int(seconds / 60 + 0.5)
    units = [(minutes // 1440, "day"), (minutes // 60 % 24, "hour"), (minutes % 60, "minute")]
    first = next((i for i, (n, _) in enumerate(units) if n), None)
    if first is None:
        return "less than a minute"
    return " ".join(f"{n} {unit}{'s' * (n != 1)}" for n, unit in units[first : first + 2] if n)


def counted(n: int, noun: str) -> str:
    """A count with its noun, plural unless it is one: "1 row", "2,583 rows"."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")
