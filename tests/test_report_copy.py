"""What a reader copies out of a report (stop 57): no soft hyphen (U+00AD) in the HTML's text or a CSV's cells, no
@handle that pings a user when the Markdown is pasted into GitHub or GitLab."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

import pandas as pd
from click.testing import CliRunner
from history_fixtures import config, enriched, post

from brandpulse.cli import main
from brandpulse.report.build import build_report
from brandpulse.report.emerging import idea_terms
from brandpulse.report.html import render_html
from brandpulse.report.periods import Period

T = pd.Timestamp
WEEK = Period(T("2026-11-02", tz="UTC"), T("2026-11-09", tz="UTC"))
SHY = "\u00ad"


class Text(HTMLParser):
    """The text of a page, as a copy of all of it takes it (the <style>'s rules are no text)."""

    def __init__(self, markup: str):
        super().__init__()
        self.parts: list[str] = []
        self.style = False
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.style = tag == "style"

    def handle_endtag(self, tag):
        self.style = False

    def handle_data(self, data):
        if not self.style:
            self.parts.append(data)


def shy_posts() -> pd.DataFrame:
    """A post pasted from a web page, soft hyphens in its words and its author's name, with engagement (so the
    Brands table has its "engagement" header)."""
    return enriched(
        [
            post(1, "2026-11-03T10:00Z", "A", "negative", author=f"kim{SHY}sam", likes=4, text=f"A re{SHY}fund please"),
            post(2, "2026-11-04T10:00Z", "A", "positive", author="lee", likes=9, text="A refund came, thanks"),
        ]
    )


def test_the_html_reports_text_has_no_soft_hyphen_its_headers_break_by_the_style():
    """A header's "engage\\u00adment" and a post's "re\\u00adfund" came along in a copy of the page (pasted into a
    spreadsheet: no formula found "engagement"). The post's words are whole; the header may still break with a hyphen,
    drawn by the style (a pseudo-element's content is no text of the page)."""
    page = render_html(build_report(shy_posts(), config(), WEEK, None, top=2))
    text = "".join(Text(page).parts)
    assert SHY not in page  # (in no attribute either: a tooltip's, an aria-label's)
    assert "A refund please" in text and "kimsam" in text
    brands = page.split("<h2>Brands</h2>", 1)[1].split("</thead>", 1)[0]
    assert 'engage<span class="shy"></span>ment' in brands
    assert re.search(r'\.shy::after \{ content: "\\00ad"; \}', page)  # (CSS's escape of U+00AD)


def test_a_reports_csv_cells_have_no_soft_hyphen(tmp_path):
    """`report --table top_posts` wrote the text and author as pasted, "re\\u00adfund" and "kim\\u00adsam": a
    spreadsheet's search for "refund" missed the post."""
    path = tmp_path / "posts.csv"
    path.write_text(
        "post_id,created_at,author,text,likes\n"
        f"1,2026-11-03T10:00:00Z,kim{SHY}sam,Skyway re{SHY}fund never came. Awful,4\n"
        "2,2026-11-04T10:00:00Z,lee,Skyway refund came,9\n",
        encoding="utf-8",
    )
    args = ["report", str(path), "--brand", "Skyway=Skyway", "--until", "2026-11-09", "-q"]
    for table, column, quoted in (
        ("top_posts", "text", "Skyway refund never came. Awful"),
        ("authors", "author", "kimsam"),
    ):
        result = CliRunner().invoke(main, [*args, "--table", table])
        assert result.exit_code == 0, result.output
        assert SHY not in result.stdout
        assert quoted in [row[column] for row in csv.DictReader(io.StringIO(result.stdout))]


def test_a_soft_hyphen_inside_a_word_is_no_word_break_for_ideas():
    """ "re\\u00adfund" was the idea "re fund" (and the words "re" and "fund"): it is "refund", with the post that
    typed it plainly, 2 posts; its example, the earliest post, quoted without its soft hyphen."""
    rows = enriched(
        [
            post(1, "2026-11-03T10:00Z", "A", "neutral", text=f"please re{SHY}fund me now", intent="suggestion"),
            post(2, "2026-11-04T10:00Z", "A", "neutral", text="please refund me", intent="suggestion"),
        ]
    )
    ideas = idea_terms(rows, None)
    assert ideas["term"].tolist() == ["refund"] and ideas["posts"].tolist() == [2]
    ideas = build_report(rows, config(), WEEK, None).tables["suggestions"]
    assert ideas[["term", "posts", "example"]].values.tolist() == [["refund", 2, "please refund me now"]]
