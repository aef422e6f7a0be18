"""The report as an analyst reads it (stop 41): the posts it lists can be opened (their link, else their id), their
texts carry their language in HTML, no author is a "promoter of (no brand)", and the HTML's tables scroll in their
own box on a phone, also in a mail client that drops the page's <style>."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pandas as pd
import pytest
from click.testing import CliRunner
from history_fixtures import config, enriched, post, ten_posts
from rich.console import Console

from brandpulse.cli import main
from brandpulse.report.build import build_report
from brandpulse.report.console import print_report
from brandpulse.report.html import html_lang, render_html
from brandpulse.report.markdown import render_markdown
from brandpulse.report.periods import Period, comparison_period

T = pd.Timestamp
WEEK = Period(T("2026-11-02", tz="UTC"), T("2026-11-09", tz="UTC"))

#: elements without an end tag (HTML's void elements)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class StrictHTML(HTMLParser):
    """Fails on what a validator rejects and browsers repair silently: an end tag that closes no open element or
    skips one, an element left open, an attribute given twice in a tag, an id given twice in the page."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict, list[str]]] = []  # (tag, attributes, the elements it is in)
        self.feed(markup)
        self.close()
        assert not self.open, f"left open: {self.open}"

    def _attrs(self, tag, attrs) -> dict:
        names = [k for k, _ in attrs]
        assert len(names) == len(set(names)), f"<{tag}> repeats an attribute: {names}"
        if (ident := dict(attrs).get("id")) is not None:
            assert ident not in self.ids, f"id {ident!r} twice"
            self.ids.add(ident)
        self.tags.append((tag, dict(attrs), list(self.open)))
        return dict(attrs)

    def handle_starttag(self, tag, attrs):
        self._attrs(tag, attrs)
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):  # (`<path ... />` in the charts' SVG)
        self._attrs(tag, attrs)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()


def _section(md: str, title: str) -> list[str]:
    return md.split(f"## {title}\n\n", 1)[1].split("\n\n", 1)[0].splitlines()


# --- no promoter of no brand -------------------------------------------------------------------------------------


def test_an_author_of_posts_naming_no_brand_is_no_promoter_or_detractor():
    """A post naming no brand ("finally home, what a trip", positive) made its author a "promoter" of "(no brand)",
    the second row of the example data's promoters: the table is of the brands' promoters and detractors, as the
    post tables are of posts naming a brand. Those posts still count in the (no brand) rows."""
    posts = enriched(
        [
            post(1, "2026-11-02T09:00Z", "", "positive", author="home", followers=9000, likes=12),
            post(2, "2026-11-03T09:00Z", "", "negative", author="grump", followers=8000),
            post(3, "2026-11-04T09:00Z", "A", "positive", author="ann", followers=100, likes=2),
            post(4, "2026-11-05T09:00Z", "B", "negative", author="bob", followers=50),
            # an author of both: a promoter of A by their post naming it, not of "(no brand)" by the other
            post(5, "2026-11-05T10:00Z", "A", "positive", author="cy", followers=20),
            post(6, "2026-11-05T11:00Z", "", "negative", author="cy", followers=20),
        ]
    )
    rep = build_report(posts, config(), WEEK, None)
    a = rep.tables["authors"]
    assert a[["role", "author", "brands", "posts", "reach", "positive", "negative"]].values.tolist() == [
        ["promoter", "ann", "A", 1, 102, 1, 0],
        ["promoter", "cy", "A", 1, 20, 1, 0],
        ["detractor", "bob", "B", 1, 50, 0, 1],
    ]
    md = render_markdown(rep)
    assert _section(md, "Top authors by reach")[2:] == [
        "| promoter | ann | A | 1 | 100 | 2 | 102 | 1 / 0 |",
        "| promoter | cy | A | 1 | 20 | 0 | 20 | 1 / 0 |",
        "| detractor | bob | B | 1 | 50 | 0 | 50 | 0 / 1 |",
    ]
    # (the posts naming none are still counted where the report counts them: 3 of the 6)
    brands = rep.tables["brands"].set_index("brand")
    assert brands.loc["(no brand)", ["volume", "positive", "negative"]].tolist() == [3, 1, 2]
    html = render_html(rep)
    assert "(no brand)</td>" not in html.split('aria-label="Top authors by reach"', 1)[1].split("</table>", 1)[0]


def test_without_any_brand_the_authors_are_of_every_post():
    """FILES read without brands: no post names one, and the tables list every post (as the post tables do)."""
    posts = enriched(
        [
            post(1, "2026-11-02T09:00Z", "", "positive", author="home", followers=9000),
            post(2, "2026-11-03T09:00Z", "", "negative", author="grump", followers=8000),
        ]
    )
    a = build_report(posts, None, WEEK, None).tables["authors"]
    assert a[["role", "author", "brands"]].values.tolist() == [
        ["promoter", "home", "(no brand)"],
        ["detractor", "grump", "(no brand)"],
    ]


# --- each listed post's link or id -------------------------------------------------------------------------------


def _linked_posts() -> pd.DataFrame:
    """Four posts with likes, naming A: a web link, none, a `javascript:` one, and neither a link nor an id."""
    posts = enriched(
        [
            post(1, "2026-11-02T09:00Z", "A", "negative", likes=40),
            post(2, "2026-11-02T10:00Z", "A", "negative", likes=30, url=None, platform="reddit"),
            post(3, "2026-11-02T11:00Z", "A", "negative", likes=20, url="javascript:alert(1)", platform="reddit"),
            post(4, "2026-11-02T12:00Z", "A", "negative", likes=10, url=None),
        ]
    )
    posts.loc[3, "post_id"] = pd.NA
    return posts


def test_listed_posts_give_their_link_else_their_id_in_json_markdown_and_html():
    """The top and negative posts of a CSV without URLs had an empty `url` cell and no id in any format: an analyst
    reading the report could not open the post. JSON has `post_id` beside `url`; Markdown and HTML show the link,
    else `platform:post_id` (the store's key), else "–"; only an http(s) link is a link."""
    rep = build_report(_linked_posts(), config(), WEEK, None, top=4)
    data = json.loads(json.dumps(rep.to_dict()))["tables"]
    for name in ("top_posts", "negative_posts"):
        assert [(p["post_id"], p["url"]) for p in data[name]] == [
            ("1", "https://x.com/u/status/1"),
            ("2", None),
            ("3", "javascript:alert(1)"),
            (None, None),
        ]
    md = render_markdown(rep)
    top = _section(md, "Top posts by engagement naming a brand")
    assert top[0] == "| when | author | brands | reach | engagement | post sentiment | text | link |"
    assert [row.rsplit(" | ", 1)[1] for row in top[2:]] == [
        "https://x.com/u/status/1 |",
        "reddit:2 |",
        "reddit:3 |",
        "– |",
    ]
    assert "link: the post's web address, else its platform:id" in md
    tags = StrictHTML(render_html(rep)).tags
    links = [a["href"] for t, a, _ in tags if t == "a"]
    assert links == ["https://x.com/u/status/1"] * 2  # (top posts and negative posts)
    html = render_html(rep)
    assert html.count('<td class="url">reddit:2</td>') == 2 and html.count('<td class="url">–</td>') == 2
    assert "javascript:" not in html


def test_a_hostile_url_is_no_link_and_its_post_shows_its_id():
    posts = ten_posts()
    posts.loc[0, "url"] = 'https://x.com/" onmouseover="alert(1)" x=""><svg onload=alert(2)>'
    rep = build_report(posts, config(), WEEK, None, top=1)
    page = StrictHTML(render_html(rep))
    assert all(not k.startswith("on") for _, a, _ in page.tags for k in a)
    assert '<td class="url">twitter:1</td>' in render_html(rep)  # post 1, the top post by likes


def test_report_table_csv_has_the_post_id(tmp_path):
    (tmp_path / "p.csv").write_text(
        "id,author,created_at,text,likes\n1,ann,2026-11-03T10:00:00Z,Acme is awful,5\n"
        "2,bob,2026-11-03T11:00:00Z,Acme is great,3\n"
    )
    args = [str(tmp_path / "p.csv"), "--brand", "Acme", "--since", "2026-11-02", "--until", "2026-11-09"]
    result = CliRunner().invoke(main, ["report", *args, "--table", "top_posts", "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False)
    assert rows[["post_id", "author", "url"]].values.tolist() == [["1", "ann", ""], ["2", "bob", ""]]
    result = CliRunner().invoke(main, ["report", *args, "-f", "md"])
    assert result.exit_code == 0, result.stderr
    rows = _section(result.stdout, "Top posts by engagement naming a brand")[2:]
    assert [r.rsplit(" | ", 1)[1] for r in rows] == ["1 |", "2 |"]  # (no platform: the id alone)


def test_the_terminal_links_a_posts_text_and_shows_no_link_column():
    """The terminal stays compact: the link is the text's (OSC 8), an id is not shown."""
    rep = build_report(_linked_posts(), config(), WEEK, None, top=4)
    out = io.StringIO()
    print_report(Console(file=out, width=200, force_terminal=True, color_system="truecolor"), rep)
    text = out.getvalue()
    assert "\x1b]8;" in text and "https://x.com/u/status/1" in text  # (the hyperlink's target)
    assert "reddit:2" not in text and "link" not in re.sub(r"\x1b\][^\x1b]*\x1b\\", "", text).split("Top posts")[1]


# --- each post's language ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code, expected",
    [
        ("en", "en"),
        ("es-419", "es-419"),
        ("pt_BR", "pt-BR"),
        ("zh-Hant-TW", "zh-Hant-TW"),
        ("sr-Latn", "sr-Latn"),
        ("de-CH-1996", "de-CH-1996"),
        ("en-US-x-twang", "en-US-x-twang"),
        (" fil ", "fil"),
        ("und", None),
        ("zxx", None),
        ("qme", None),  # X's: a post of media links
        ("art", None),
        ("", None),
        (None, None),
        (pd.NA, None),
        (float("nan"), None),
        ("english", None),
        ("en us", None),
        ("x-klingon", None),
        ("e", None),
        ('en" onmouseover="alert(1)', None),
        ("en-", None),
    ],
)
def test_html_lang_is_a_bcp47_tag_or_none(code, expected):
    assert html_lang(code) == expected


def test_html_post_texts_carry_their_language():
    """Each post has a language (given, or detected), but its text cell had none: a screen reader read a Spanish
    post with the page's English voice, and a browser hyphenated it as English. The text cell has `lang` when the
    post's is a BCP 47 tag; none when it is unknown (`und`, empty) or no tag."""
    posts = ten_posts()
    # the week's top posts by likes: post 1 alone; its negative posts by reach: 2, 3; its praised posts: 5 and 6
    # (300 followers each, +0.5 each: the older first)
    posts.loc[0, "lang"] = "es"
    posts.loc[1, "lang"] = "und"
    posts.loc[2, "lang"] = pd.NA
    posts.loc[5, "lang"] = "fr"
    rep = build_report(posts, config(), WEEK, None, top=2)
    assert rep.tables["negative_posts"]["lang"].isna().tolist() == [False, True]  # ("und" as stored, NA)
    page = StrictHTML(render_html(rep))
    langs = [a.get("lang") for t, a, _ in page.tags if t == "td" and a.get("class") == "text"]
    assert langs == ["es", None, None, None, "fr"]
    # the text cell alone: no other cell, and the page keeps its own
    assert [t for t, a, _ in page.tags if "lang" in a] == ["html", "td", "td"]
    posts.loc[1, "lang"] = "pt_BR"
    page = StrictHTML(render_html(build_report(posts, config(), WEEK, None, top=2)))
    langs = [a.get("lang") for t, a, _ in page.tags if t == "td" and a.get("class") == "text"]
    assert langs == ["es", "pt-BR", None, None, "fr"]
    data = build_report(posts, config(), WEEK, None, top=2).to_dict()["tables"]
    assert [p["lang"] for p in data["top_posts"]] == ["es"]


# --- wide tables on a phone --------------------------------------------------------------------------------------


def test_html_tables_scroll_in_their_box_without_the_pages_style():
    """A mail client that drops <style> (many do, with a forwarded report) left the boxes without their
    `overflow-x: auto`: the widest table made the page 1,299 px wide on a 375 px phone. Each box has the style in
    its tag too; paper still shows the whole table (the print rule wins over it)."""
    html = render_html(build_report(ten_posts(), config(), WEEK, comparison_period(WEEK), top=2))
    page = StrictHTML(html)
    tables = [up for t, _, up in page.tags if t == "table"]
    boxes = [a for t, a, _ in page.tags if t == "div" and a.get("class") == "wide"]
    # (11 since stop 50: the share-of-voice chart's figures table; 12 since stop 52: the praised posts)
    assert len(tables) == len(boxes) == 12 and all(up[-1] == "div" for up in tables)
    assert all(a.get("style") == "overflow-x:auto" for a in boxes)
    css = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "@media print { .wide { overflow-x: visible !important; }" in css


def test_html_post_tables_stack_on_a_narrow_screen_their_text_first():
    """At 800 px and 400 px a post's text, the last of 8 columns, was off the screen in its scrolling box: a post's
    row is stacked under 60em now, its text first, each other cell named; its text is the second column too (for a
    mail client that drops <style>), and a post's date stays whole when its time goes under it."""
    html = render_html(build_report(ten_posts(), config(), WEEK, comparison_period(WEEK), top=2))
    tables = re.findall(
        r'<table aria-label="([^"]+)" class="posts">\n<thead><tr>(.*?)</tr></thead>(.*?)</table>', html, re.S
    )
    assert [name.split(" ")[:2] for name, _, _ in tables] == [
        ["Top", "posts"],
        ["Most", "negative"],
        ["Most", "praised"],
    ]
    assert html.count('class="posts"') == 3  # no other table: a table of figures keeps its columns
    for _, head, body in tables:
        head = head.replace('<span class="shy"></span>', "")  # (a long word's place to break)
        cols = re.findall(r'<th [^>]*>(?:<span class="full">)?([^<]+)', head)
        assert cols[:3] == ["when", "text", "author"] and cols[-1] == "link" and len(cols) == 8
        rows = re.findall(r"<tr>(.*?)</tr>", body)
        assert rows
        for row in rows:
            cells = re.findall(r"<(?:td|th)([^>]*)>", row)
            labels = [re.search(r'data-label="([^"]*)"', c) for c in cells]
            # named in each cell but the text (first, on its own line) and the link (a post's web address)
            assert [m.group(1) if m else None for m in labels] == [cols[0], None, *cols[2:-1], None]
            assert re.match(
                r'<th scope="row" class="when" data-label="when"><span class="when">2026-11-0\d</span> '
                r"\d\d:\d\d</th>",
                row,
            )
    css = html.split("<style>", 1)[1].split("</style>", 1)[0]
    narrow = css.split("@media screen and (max-width: 60em) {", 1)[1]
    assert "table.posts td.text { order: -1; flex-basis: 100%;" in narrow
    assert "table.posts [data-label]::before { content: attr(data-label)" in narrow
    # on screen only: paper keeps the columns (its print rules as they were)
    assert css.count("display: flex") == narrow.count("display: flex") == 1
    assert "@media print { .wide { overflow-x: visible !important; }" in css


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

#: posts to the parent page what the report's layout measures: how much wider than its frame the page is, whether
#: each table's box scrolls, and where each post's text cell is, from the frame's left edge
_PROBE = (
    "<script>addEventListener('load', () => { const d = document.documentElement;"
    " parent.postMessage(JSON.stringify({page: d.scrollWidth - d.clientWidth, width: d.clientWidth,"
    " boxes: [...document.querySelectorAll('div.wide')].map(b => getComputedStyle(b).overflowX),"
    " texts: [...document.querySelectorAll('td.text')].map(c => [c.getBoundingClientRect().left,"
    " c.getBoundingClientRect().right])}), '*') })"
    "</script></body>"
)


@pytest.mark.skipif(not CHROMIUM, reason="needs chromium (Debian package `chromium`) for the headless check")
@pytest.mark.parametrize("style", [True, False], ids=["with-style", "style-dropped"])
def test_html_report_on_a_375_px_phone_is_as_wide_as_the_phone(tmp_path, style):
    """Laid out by headless Chromium in a 375 px frame and an 800 px one (a window is at least 500 px there), with
    and without the page's <style>: the page is no wider than the frame, and the tables scroll in their boxes. A
    post's text, the last of 8 columns, was off the screen in both: it is on it, whole with the page's style."""
    posts = ten_posts()
    posts.loc[0, "text"] = "a long post " * 40
    html = render_html(build_report(posts, config(), WEEK, comparison_period(WEEK), top=2))
    if not style:
        html = re.sub(r"<style>.*?</style>", "", html, flags=re.DOTALL)
    (tmp_path / "r.html").write_text(html.replace("</body>", _PROBE), "utf-8")
    (tmp_path / "phone.html").write_text(
        '<!DOCTYPE html><html><body style="margin:0"><iframe src="r.html" width="375" height="800"></iframe>'
        '<iframe src="r.html" width="800" height="800"></iframe><script>const got = [];'
        " addEventListener('message', e => { got.push(JSON.parse(e.data));"
        " document.body.dataset.probe = JSON.stringify(got) })</script></body></html>",
        "utf-8",
    )
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
    flags += ["--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'chromium'}"]
    dom = subprocess.run(
        [CHROMIUM, *flags, "--virtual-time-budget=5000", "--dump-dom", (tmp_path / "phone.html").as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert dom.returncode == 0, dom.stderr[-500:]
    probes = json.loads(re.search(r'data-probe="([^"]*)"', dom.stdout).group(1).replace("&quot;", '"'))
    phone, laptop = sorted(p["width"] for p in probes)
    assert 355 <= phone <= 375 and 780 <= laptop <= 800  # (less a scroll bar)
    for probe in probes:
        width = probe["width"]
        assert probe["page"] == 0
        # (the share-of-voice figures' table too, since stop 50; the praised posts', since stop 52)
        assert probe["boxes"] == ["auto"] * 12
        # top posts 1, negative posts 2, praised posts 2: each text is on the screen, 16em (256 px) wide at least
        # (it began at 463 px and was 40 px wide in the phone without the page's style); with the page's style it is
        # the whole width of the page's column (16 px margins), stacked over its row's other cells
        texts = probe["texts"]
        assert len(texts) == 5 and all(
            0 <= left < 100 and right <= width and right - left >= 256 for left, right in texts
        )
        if style:
            assert all(left == 16 and right == width - 16 for left, right in probe["texts"]), probe
