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
