"""Charts for the HTML report, drawn with matplotlib and returned as inline SVG (no network, any browser)."""

from __future__ import annotations

import io
import math
import re
import warnings

import pandas as pd
from matplotlib import cycler, rc_context, rcParamsDefault
from matplotlib.dates import DateFormatter, date2num
from matplotlib.figure import Figure
from matplotlib.ticker import Locator, MaxNLocator, StrMethodFormatter

from .build import Report
from .metrics import ALL
from .present import brand_series, bucket_format, sentiment_bands

#: the color emoji fonts of macOS and iOS, Windows, and Linux and Android: a brand's emoji in a chart's legend, or in a
#: post, was a box where the browser's sans-serif font had no glyph for it (each after the page's fonts, for its emoji)
EMOJI_FONTS = ("Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji")

#: set while the charts are drawn only, so a notebook's own matplotlib settings stay as they were
STYLE = {
    "svg.fonttype": "none",  # text stays text: smaller, searchable
    "svg.hashsalt": "brandpulse",  # stable ids: the same report gives the same file
    "text.parse_math": False,  # a brand named "Ke$ha $5" is text, not TeX between two $
    # the SVG is as wide as a phone's screen there (360 px): figures about 5 inches wide and 13 pt text
    # still show it at 10 px or more (8 pt text in 8 inches was 5 px)
    "font.size": 13,
    # (the SVG's text names these fonts after matplotlib's own: the browser draws it, and a glyph none of them has,
    # an emoji, from the first of these that has it)
    "font.sans-serif": [*rcParamsDefault["font.sans-serif"], *EMOJI_FONTS],
    "legend.fontsize": "medium",
    # each brand's line its own marker too, told apart without colour; colours at least 3:1 against white
    # (matplotlib's orange, pink, olive and cyan were 2-2.7:1) and no grey, the all-posts line's
    # (from the tenth brand on, dotted: the tenth was drawn as the first, same colour and marker)
    "axes.prop_cycle": cycler(linestyle=["-", ":"])
    * cycler(
        color=["#1f77b4", "#d95f02", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#c2469e", "#8a8a00", "#0e8a96"],
        marker=["o", "s", "^", "D", "v", "P", "X", "<", ">"],
    ),
}
#: neutral posts and the period before: grey, 3.4:1 against white (#bbbbbb was 1.9:1)
GREY = "#8c8c8c"
#: negative and positive posts: Okabe-Ito vermillion and blue, told apart with any colour vision (the red
#: and green before were two like olives to a deuteranope), each at least 3:1 against white
SENTIMENT_COLOURS = {"negative": "#d55e00", "neutral": GREY, "positive": "#0072b2"}
#: posts without a sentiment: white, hatched and edged in grey, told apart from neutral without colour
UNSCORED = {"color": "white", "edgecolor": GREY, "hatch": "///", "linewidth": 0.5}


#: the longest brand name drawn in a legend or on an axis (the figures tables have them whole): a long one
#: widened its chart, which then shrank to fit a phone, its text with it
NAME_CHARS = 16


def _short(name: str) -> str:
    """Its start and end (brands named alike often differ at the end: "Skyway Airlines North", "... South")."""
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 7] + "…" + name[-6:]


#: every chart's width in inches, with its legend and labels: on a phone it is shown 360 px wide, where
#: its 13 pt text is 13 px (charts were 8 inches and more, their text 5 px); long names narrow the plot
WIDTH = 5


def _svg(fig: Figure) -> str:
    for _ in range(3):  # (the legend and labels keep their size as the plot narrows: a few steps)
        fig.set_figwidth(max(2.5, fig.get_figwidth() - (fig.get_tightbbox().width - WIDTH)))
    for ax in fig.axes:  # a plot narrowed by long names' legend: its 7 dates overlapped
        if isinstance(locator := ax.xaxis.get_major_locator(), BucketLocator):
            room = ax.get_position().width * fig.get_figwidth() * 72
            locator.most = min(7, max(2, int(room // DATE_SPACING) + 1))
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buf.getvalue()
    text = text[text.index("<svg") :]  # drop the XML prolog and doctype: the SVG is inline in HTML
    # as wide as the page, up to the width the CSS allows; the viewBox keeps its proportions
    return re.sub(r'<svg ([^>]*?)width="[\d.]+pt" height="[\d.]+pt"', r'<svg \1width="100%"', text, count=1)


def _legend_outside(ax, handles: list | None = None) -> None:
    """The legend right of the plot: inside, it hid the top of a bar or a line's points. `handles` are
    named by their own labels, also one starting with `_`, which matplotlib's default leaves out."""
    # (matplotlib 3.8 drops such a handle even when it is given, with a deprecation warning: it is given
    # under a label behind a zero-width space, which the legend's text then loses)
    labels = [f"\u200b{_short(h.get_label())}" for h in handles] if handles else []
    names = {"handles": handles, "labels": labels} if handles else {}
    legend = ax.legend(**names, loc="upper left", bbox_to_anchor=(1.01, 1), borderaxespad=0)
    for text in legend.get_texts():
        text.set_text(text.get_text().removeprefix("\u200b"))


def _part(report: Report, buckets: pd.Index) -> pd.Series:
    """Whether each of the chart's `buckets` is one the period cuts (`partial`)."""
    ts = report.tables["timeseries"].drop_duplicates("bucket").set_index("bucket")["partial"]
    return pd.Series(ts.reindex(buckets).fillna(False).astype(bool).to_numpy(), index=buckets)


def _counts_axis(ax) -> None:
    """A y axis of post counts: from 0, whole numbers (a week without posts drew -0.04 to 0.04 posts), with
    thousands separators as in the tables (12,000, not 12000)."""
    ax.set_ylim(bottom=0, top=max(ax.get_ylim()[1], 1))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))


#: the steps between two labelled buckets, by bucket: the fewest that keep `most` labels or fewer. Past 3 days,
#: whole weeks (a quarter's days were labelled every 13th, 08-11, 08-24, 09-06: each a new weekday); hours by a
#: day's divisors
STEPS = {"day": (1, 2, 3, 7, 14, 28), "hour": (1, 2, 3, 4, 6, 12, 24, 48, 72, 168)}


class BucketLocator(Locator):
    """Ticks at the buckets, every one when `most` fit, else every second, third, ... (`STEPS`): the same buckets in
    the volume and sentiment charts. (matplotlib's AutoDateLocator chose by the axis's span, which the bars widen
    by a bar: a week's sentiment chart was labelled every other day, its volume chart every day.)"""

    def __init__(self, buckets: pd.Index, most: int = 7, steps: tuple[int, ...] = ()) -> None:
        self.buckets, self.most, self.steps = buckets, most, steps

    def __call__(self):
        step = max(1, -(-len(self.buckets) // self.most))
        step = next((s for s in self.steps if s >= step), step)
        return date2num(self.buckets[::step].to_pydatetime())


def _dates_axis(fig: Figure, ax, report: Report, buckets: pd.Index) -> None:
    """At most 7 dates (fewer in a narrow plot: `_svg`), slanted (`DATE_ANGLE`): in a 5-inch chart a month's 10
    dates ran into each other. Days as dates; hours as times, with their date when the period is longer than a day. The
    buckets are drawn at their instants and labelled on the zone's clock: on the clock, the day daylight saving ends has
    02:00 twice, drawn as one (`bucket_format`)."""
    ax.xaxis.set_major_locator(BucketLocator(pd.DatetimeIndex(buckets), steps=STEPS.get(report.bucket, ())))
    when = bucket_format(report, with_date=report.period.length > pd.Timedelta(days=1))
    # without the year, in the page's title, when the buckets are of one: "2026-10-01" at 45° took 1.3 inches under
    # the plot, as much as half its height, at any width (the SVG scales with its text)
    one_year = pd.DatetimeIndex(buckets).tz_convert(report.period.zone).year.nunique() <= 1
    when = when.replace("%Y-%m-%d", "%m-%d") if one_year or report.bucket == "hour" else when
    ax.xaxis.set_major_formatter(DateFormatter(when, tz=report.period.zone))
    fig.autofmt_xdate(rotation=DATE_ANGLE)


#: the dates' slant: at 30° a week's 7 dates, 27 pt apart in the 5-inch chart, were 13.5 pt apart across their
#: lines of 13 pt text, each touching the next (in a browser at any width: the SVG scales with its text)
DATE_ANGLE = 45
#: points between two slanted dates whose lines clear each other: 1.3 lines of text apart across them (24 pt)
DATE_SPACING = math.ceil(1.3 * STYLE["font.size"] / math.sin(math.radians(DATE_ANGLE)))


def volume_chart(report: Report) -> str:
    """Posts per bucket, one line per brand, the total dashed."""
    wide = brand_series(report.tables["timeseries"], "volume")
    fig = Figure(figsize=(WIDTH, 3))
    ax = fig.subplots()
    lines = []
    part = _part(report, wide.index)
    for brand in wide.columns:
        style = {"linestyle": "--", "color": "grey"} if brand == ALL else {}
        lines += ax.plot(wide.index, wide[brand], label=brand, markersize=4, **style)
        if part.any():  # (a bucket the period cuts: its point hollow, its fall of fewer days told from a real one)
            line = lines[-1]
            ax.plot(wide.index[part], wide[brand][part], linestyle="none", marker=line.get_marker(), markersize=4)
            ax.lines[-1].set(color=line.get_color(), markerfacecolor="white", label="_part")
    ax.set_title(f"Volume per {report.bucket}" + (" (hollow: part)" if part.any() else ""))
    ax.set_ylabel("posts")
    _counts_axis(ax)
    _legend_outside(ax, lines)  # (a brand named "_Hidden" was missing from the legend)
    ax.grid(alpha=0.3)
    _dates_axis(fig, ax, report, wide.index)
    return _svg(fig)


def sentiment_chart(report: Report) -> str:
    """Positive, neutral, negative and unscored posts per bucket (all posts), stacked: the bars are the posts."""
    ts = report.tables["timeseries"]
    ts = ts[ts["brand"] == ALL].set_index("bucket")
    fig = Figure(figsize=(WIDTH, 3))
    ax = fig.subplots()
    if len(ts):
        width = (ts.index[1] - ts.index[0]) * 0.8 if len(ts) > 1 else pd.Timedelta(hours=20)
        bottom = 0
        for band in sentiment_bands(ts):
            style = UNSCORED if band == "unscored" else {"color": SENTIMENT_COLOURS[band]}
            bars = ax.bar(ts.index, ts[band], width=width, bottom=bottom, label=band, **style)
            for bar, cut in zip(bars, _part(report, ts.index), strict=True):
                bar.set_alpha(0.4 if cut else None)  # (as the volume chart's hollow points)
            bottom = bottom + ts[band]
    part = "; pale: part" if _part(report, ts.index).any() else ""
    ax.set_title(f"Sentiment per {report.bucket} (all posts{part})")
    ax.set_ylabel("posts")
    _counts_axis(ax)
    _legend_outside(ax, ax.containers[::-1])  # in the stack's order: positive on top
    for handle in ax.get_legend().legend_handles:  # (a first bar's paleness is its legend's: not the band's colour)
        handle.set_alpha(None)
    ax.grid(alpha=0.3, axis="y")
    _dates_axis(fig, ax, report, ts.index)
    return _svg(fig)


def share_of_voice_chart(report: Report) -> str:
    """Share of voice per brand, this period next to the comparison period; a competitor's name says so."""
    b = report.tables["brands"]
    b = b[b["share_of_voice"].notna()]
    fig = Figure(figsize=(WIDTH, 0.6 + 0.5 * max(len(b), 1)))
    ax = fig.subplots()
    y = range(len(b))
    if "share_of_voice_prev" in b:
        ax.barh([i + 0.2 for i in y], b["share_of_voice_prev"].fillna(0), height=0.4, color=GREY, label="before")
    ax.barh([i - 0.2 for i in y], b["share_of_voice"], height=0.4, color="#1f77b4", label="this period")
    # competitors marked as in the tables and the terminal's bars, under the name (cut to NAME_CHARS, it would go)
    marks = b["competitor"].map({True: "\n(competitor)", False: ""})
    names = [_short(name) + mark for name, mark in zip(b["brand"], marks, strict=True)]
    ax.set_yticks(list(y), names)
    ax.invert_yaxis()
    ax.set_xlabel("% of brand mentions")
    ax.set_title("Share of voice")
    _legend_outside(ax, ax.containers[::-1])  # in the bars' order: this period above the one before
    return _svg(fig)


def stars_chart(report: Report) -> str:
    """Each brand's mean star rating (of its rated posts), this period next to the comparison period, as the share of
    voice chart draws its bars: the terminal and Markdown reports had a stars table, the HTML report no chart."""
    b = report.tables["brands"]
    before = b["avg_rating_prev"] if "avg_rating_prev" in b else pd.Series(float("nan"), index=b.index)
    b, before = b[b["avg_rating"].notna() | before.notna()], before[b["avg_rating"].notna() | before.notna()]
    fig = Figure(figsize=(WIDTH, 0.6 + 0.5 * max(len(b), 1)))
    ax = fig.subplots()
    y = pd.Series(range(len(b)), index=b.index)
    # (a brand none rated in a period has no bar there: a bar of 0 would read as 0 stars)
    if before.notna().any():
        ax.barh(y[before.notna()] + 0.2, before.dropna(), height=0.4, color=GREY, label="before")
    now = b["avg_rating"].notna()
    ax.barh(y[now] - 0.2, b["avg_rating"][now], height=0.4, color="#1f77b4", label="this period")
    marks = b["competitor"].map({True: "\n(competitor)", False: ""})
    names = [_short(name) + mark for name, mark in zip(b["brand"], marks, strict=True)]
    ax.set_yticks(list(y), names)
    ax.invert_yaxis()
    top = int(max(5, (report.stars or (1, 5))[1]))
    ax.set_xlim(0, top)  # (from 0: a bar's length is its stars)
    ax.set_xticks(range(top + 1))
    ax.set_xlabel("mean stars of the rated posts")
    ax.set_title("Star rating")
    ax.grid(alpha=0.3, axis="x")
    _legend_outside(ax, ax.containers[::-1])
    return _svg(fig)


def all_charts(report: Report) -> list[tuple[str, str]]:
    """The charts; share of voice only when a brand has one (without brand mentions it was an empty frame
    whose legend showed "before" in this period's blue), star rating only when a post has one."""
    with rc_context(STYLE), warnings.catch_warnings():
        # a brand's emoji is not in matplotlib's font: it only measures it, as the SVG's text stays text that
        # the browser draws with its own fonts; the warning went to stderr, which cron mails
        warnings.filterwarnings("ignore", r"Glyph \d+.* missing from", UserWarning)
        charts = [("Volume over time", volume_chart(report)), ("Sentiment over time", sentiment_chart(report))]
        if report.tables["brands"]["share_of_voice"].notna().any():
            charts.append(("Share of voice", share_of_voice_chart(report)))
        if "avg_rating" in report.tables["brands"] and report.tables["brands"]["avg_rating"].notna().any():
            charts.append(("Star rating", stars_chart(report)))  # (reviews: none of a social-only report)
        return charts
