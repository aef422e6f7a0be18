"""The report as an analyst reads it on a laptop's narrow window (stop 56): the HTML Brands table fits 800 px (its
13 columns were 1,157 px wide), emoji have a font, and the Markdown and terminal tables say what they show."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd
from history_fixtures import config, daily_posts, enriched, ten_posts

from brandpulse.report.build import build_report
from brandpulse.report.charts import all_charts
from brandpulse.report.html import html_table, render_html
from brandpulse.report.periods import Period, comparison_period
from brandpulse.report.present import grouped_rates, narrow_trend, sections, table_key

T = pd.Timestamp
WEEK = Period(T("2026-11-02", tz="UTC"), T("2026-11-09", tz="UTC"))


class Headers(HTMLParser):
    """Each <th scope="col">: the text a wide screen shows (`full`), the narrow one's (`short`) and its abbr's title."""

    def __init__(self, markup: str):
        super().__init__()
        self.cols: list[dict] = []
        self.where: str | None = None
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "th" and attrs.get("scope") == "col":
            self.cols.append({"full": "", "short": "", "title": None, "style": None})
            self.where = "full"
        elif tag == "abbr" and self.where:
            self.where = "short"
            self.cols[-1] |= {"title": attrs.get("title"), "style": attrs.get("style")}

    def handle_endtag(self, tag):
        if tag == "th":
            self.where = None
        elif tag == "abbr" and self.where:
            self.where = "after"

    def handle_data(self, data):
        if self.where in ("full", "short"):
            self.cols[-1][self.where] += data


def _css(html: str) -> str:
    return html.split("<style>", 1)[1].split("</style>", 1)[0]


def test_brands_headers_have_a_short_name_for_a_narrow_screen_the_whole_one_in_its_title():
    html = render_html(build_report(ten_posts(), config(), WEEK, comparison_period(WEEK), top=2))
    brands = html.split("<h2>Brands</h2>", 1)[1].split("</thead>", 1)[0]
    cols = {c["full"]: c for c in Headers(brands).cols}
    assert cols["share of voice"]["short"] == "SoV" and cols["share of voice"]["title"] == "share of voice"
    assert cols["share of engagement"]["short"] == "SoE"
    assert cols["share of engagement"]["title"] == "share of engagement"
    assert cols["engagement"]["short"] == "eng." and cols["volume"]["short"] == "vol."
    assert cols["Δ volume"]["short"] == "Δ vol." and cols["co-mentions"]["short"] == "co-m."
    # hidden by its own style (a mail client that drops <style> shows the whole name alone)
    assert all(c["style"] == "display:none" for c in cols.values() if c["short"])
    assert cols["NSS"]["short"] == "" and cols["brand"]["short"] == ""  # (short already: no abbr)
    # a long word may break with a hyphen on a wide screen: "engage-ment", not a 110 px column of "2,422"
    assert 'engage<span class="shy"></span>ment' in brands and "engagement</span>" not in brands
    topics = html.split("<h2>Topics</h2>", 1)[1].split("</table>", 1)[0]
    assert '<th scope="col" class="n">volume</th>' in topics and "<abbr" not in topics  # (5 columns: room)
    css = _css(html)
    narrow = css.split("@media screen and (max-width: 60em) {", 1)[1]
    assert (
        re.search(r"th \.full[^{]*\{ display: none; \}", narrow)
        and "th abbr.short { display: inline !important;" in narrow
    )


def test_a_figures_change_in_brackets_may_go_under_it():
    table = pd.DataFrame(
        {
            "brand": ["Skyway", "Aerolux"],
            "volume": ["81", "42"],
            "engagement": ["16,975 (+16,525)", "272"],
            "pos / neu / neg": ["21 / 16 / 35", "13 / 9 / 16"],
        }
    )
    html = html_table(table, figures={"volume", "engagement", "pos / neu / neg"})
    assert '<td class="n">16,975 <span class="chg">(+16,525)</span></td>' in html
    assert '<td class="n">272</td>' in html  # no change: as it was
    assert '<td class="n">21 / 16 / 35</td>' in html  # its spaces stay unbreakable: no bracket
    css = _css(render_html(build_report(ten_posts(), config(), WEEK, None, top=2)))
    # the figure column wraps before its bracket alone; without the style rules, it wraps like any text
    assert ".n { text-align: right; white-space: nowrap; }" in css
    assert ".n:has(> .chg) { white-space: normal; } .chg { white-space: nowrap; }" in css


def test_a_months_trend_stays_on_one_line():
    """A month's 31 days of sparkline, a "long word", got class "long" and broke anywhere: 5 lines of bars in each
    row at 800 px, 3 at 1,280 px."""
    spark = "▂▂▂▂▂▂▂▂▂▁▂▂█▇▄▄▂▂▂▂▂▂▂▂▂▂▁▂▂▂▁"
    table = pd.DataFrame({"brand": ["Skyway"], "trend": [spark]})
    html = html_table(table, spoken={"trend": ["posts per day: ..."]}, figures=())
    cell = re.search(r"<td([^>]*)><span role=\"img\"", html).group(1)
    assert 'class="spark"' in cell and "long" not in cell
    css = _css(render_html(build_report(ten_posts(), config(), WEEK, None, top=2)))
    assert re.search(r"\.spark \{ white-space: nowrap;", css)


def test_the_page_and_its_charts_name_each_platforms_emoji_font_after_their_own():
    """A post's or a brand's emoji was a box where the page's fonts (system-ui, sans-serif; matplotlib's DejaVu Sans
    ... sans-serif in the charts) had no glyph for it: the browser looks further down the list, to an emoji font."""
    rows = ten_posts()
    rows.loc[0, "text"] = "Skyway lost my bag again 😡✈️"
    html = render_html(build_report(rows, config(), WEEK, None, top=2))
    emoji = ["Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji"]
    body = re.search(r"body \{ font-family: ([^;]+);", _css(html)).group(1)
    assert [f.strip().strip('"') for f in body.split(",")] == ["system-ui", "sans-serif", *emoji]
    stacks = set(re.findall(r"font-family: ([^;\"]+)", html.split("</style>", 1)[1]))
    assert stacks, "the charts' text names its fonts"
    for stack in stacks:  # (each chart's text: matplotlib's fonts, then the emoji ones)
        fonts = [f.strip().strip("'") for f in stack.split(",")]
        assert fonts[0] == "DejaVu Sans" and fonts[-3:] == emoji


def test_grouped_rates_are_each_weeks_posts_per_day_its_last_days_too():
    days = [7] * 7 + [14] * 7 + [0] * 7 + [7] * 7 + [14] * 3  # a month of 31 days
    assert grouped_rates(days, [1.0] * 31, 7) == [7, 14, 0, 7, 14]  # (its last 3 days' mean, not their 42 posts)
    # a day the period cuts to half holds half a day's posts: 3 posts in half a day are 6 a day
    assert grouped_rates([3, 6], [0.5, 1.0], 7) == [6]


def test_a_months_trend_on_a_narrow_screen_is_its_weeks():
    """A month's 31-character trend made the Brands table 885 px wide at 800 px: it scrolled. Under 60em a cell shows
    5 characters, the mean posts per day of each week; the days' own trend above it."""
    rows = daily_posts("A", "2026-10-01", 7, 1, 0) + daily_posts("A", "2026-10-08", 24, 4, 0, first_id=100)
    month = Period(T("2026-10-01", tz="UTC"), T("2026-11-01", tz="UTC"))
    report = build_report(enriched(rows), config(), month, None, top=2)
    assert narrow_trend(report, "A") == (
        "▃████",  # 1 a day, then 4: 1/4 of the top, int(7 * 0.25 + 0.5) = 2: the 3rd of the 8 blocks
        "posts per day, the mean of each week from the first: 1.0, 4.0, 4.0, 4.0, 4.0",
    )
    html = render_html(report)
    cell = re.search(r'<td class="spark"[^>]*>(.*?)</td>', html).group(1)
    assert re.fullmatch(
        r'<span class="full"><span role="img" aria-label="posts per day: 1, 1, [^"]*">[▁-█]{31}</span></span>'
        r'<span class="short" style="display:none"><span role="img" aria-label="posts per day, the mean of each '
        r'week from the first: 1.0, 4.0, 4.0, 4.0, 4.0">▃████</span></span>',
        cell,
    )
    narrow = _css(html).split("@media screen and (max-width: 60em)", 1)[1]
    assert "td .full" in narrow and re.search(r"td \.short[^{]*\{ display: inline !important", narrow)
    assert "on this screen, trend: posts per day, the mean of each week from the first" in html
    # a week's 7 days are drawn as they are
    week = build_report(ten_posts(), config(), WEEK, None, top=2)
    assert narrow_trend(week, "A") is None and 'class="full"><span role' not in render_html(week)


def test_a_weeks_hourly_trend_on_a_narrow_screen_is_its_days():
    """A week's 168 hours, drawn by 6 hours under 60em, were 28 characters: the Brands table 820 px wide in 753 at
    800 px. It is 7 now, each day's mean posts per hour; a day's 24 hours are still 4 of 6 hours."""
    # 2 posts a day on Monday, 4 on Tuesday, 6 on Wednesday, none after; each day's mean per hour is its posts / 24
    rows = daily_posts("A", "2026-11-02", 1, 2, 0) + daily_posts("A", "2026-11-03", 1, 4, 0, first_id=10)
    rows += daily_posts("A", "2026-11-04", 1, 6, 0, first_id=20)
    report = build_report(enriched(rows), config(), WEEK, None, bucket="hour", top=2)
    assert len(report.tables["timeseries"]["bucket"].unique()) == 168
    key = "posts per hour, the mean of each day from the first"
    # 6 / 24 the top, of 8 blocks (0..7): 2 / 24 is 1/3 of it, int(7 / 3 + 0.5) = 2 (▃); 4 / 24 int(14 / 3 + 0.5) = 5
    assert narrow_trend(report, "A") == ("▃▆█▁▁▁▁", f"{key}: 0.1, 0.2, 0.2, 0.0, 0.0, 0.0, 0.0")
    assert f"on this screen, trend: {key}" in render_html(report)
    # on a wide screen too, 168 characters were 953 px, the table 1,744 px in 1,100 at 1,280 px: 28 now, by 6 hours,
    # 10:00 the 2nd of each day's 4: 2 / 6, 4 / 6 and 6 / 6 posts an hour, of 1 the top (int(7 / 3 + 0.5) = 2: ▃)
    brands = dict(sections(report))["Brands"].set_index("brand")
    assert brands.loc["A", "trend"] == "▁▃▁▁" + "▁▆▁▁" + "▁█▁▁" + "▁" * 16
    assert "trend: posts per hour, the mean of each 6 hours from the first, each row on its own scale" in table_key(
        report, "Brands"
    )
    day = Period(T("2026-11-03", tz="UTC"), T("2026-11-04", tz="UTC"))  # 4 posts at 10:00: the 2nd quarter's hours
    report = build_report(enriched(rows), config(), day, None, bucket="hour", top=2)
    assert narrow_trend(report, "A")[1] == "posts per hour, the mean of each 6 hours from the first: 0.0, 0.7, 0.0, 0.0"


def _tick_labels(svg: str) -> list[str]:
    return re.findall(r'<text [^>]*rotate\(-45\)">([^<]*)<', svg)


def test_a_charts_slanted_dates_leave_out_the_year_of_one_year():
    """ "2026-10-01" at 45° took as much height under a chart as half its plot: the year is in the page's title."""
    rows = daily_posts("A", "2026-10-01", 31, 1, 0)
    month = Period(T("2026-10-01", tz="UTC"), T("2026-11-01", tz="UTC"))
    labels = _tick_labels(all_charts(build_report(enriched(rows), config(), month, None, top=2))[0][1])
    assert labels[:2] == ["10-01", "10-08"]  # (a week apart: `STEPS`)
    # a period of two years keeps them: "01-02" alone would not say which January
    rows = daily_posts("A", "2025-12-20", 20, 1, 0)
    span = Period(T("2025-12-20", tz="UTC"), T("2026-01-09", tz="UTC"))
    labels = _tick_labels(all_charts(build_report(enriched(rows), config(), span, None, top=2))[0][1])
    assert labels[0] == "2025-12-20" and any(label.startswith("2026-01") for label in labels)


def test_a_table_wider_than_its_box_shows_a_shadow_where_it_goes_on():
    """At 400 px the Brands table ended at "unsc." with no sign of its NSS, share of voice and trend (a phone hides
    scroll bars). Its box has a shadow at its right edge now, under a white that scrolls with the cells (`local`):
    it shows while more of the table is to the right, and not on paper."""
    css = _css(render_html(build_report(ten_posts(), config(), WEEK, None, top=2)))
    rule = re.search(r"@media screen \{ \.wide \{ background: ([^}]*); \} \}", css)
    assert rule, "the boxes' background is the screen's"
    cover, shadow = rule.group(1).split(",\n  ")
    assert cover.startswith("linear-gradient(to left, #fff") and cover.endswith("right / 2em 100% no-repeat local")
    assert shadow.startswith("radial-gradient(") and shadow.endswith("right / 1em 100% no-repeat scroll")
