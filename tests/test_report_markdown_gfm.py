"""The Markdown report read as GitHub renders it (stop 56): each table row has its header's cells, figures are
right-aligned, a cell's text comes back whole, and it says what the HTML report says."""

from __future__ import annotations

import html
import re

import pandas as pd
from click.testing import CliRunner
from history_fixtures import config, ten_posts

from brandpulse.cli import main
from brandpulse.report.build import build_report
from brandpulse.report.html import render_html
from brandpulse.report.markdown import md_table, render_markdown
from brandpulse.report.periods import Period

T = pd.Timestamp
WEEK = Period(T("2026-11-02", tz="UTC"), T("2026-11-09", tz="UTC"))

#: a GFM cell ends at a `|` not escaped by a backslash
_SPLIT = re.compile(r"(?<!\\)((?:\\\\)*)\|")


def cells(line: str) -> list[str]:
    """A table row's cells, as GFM splits it (escaped `\\|` stay in their cell)."""
    assert line.startswith("| ") or line.startswith("|-"), line
    parts = _SPLIT.sub(lambda m: m.group(1) + "\0", line.strip()).split("\0")
    return [p.strip() for p in parts[1:-1]]


def tables(markdown: str) -> list[list[list[str]]]:
    """Every table of the Markdown: its lines of cells, header and rule first."""
    found, rows = [], []
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("|"):
            rows.append(cells(line))
        elif rows:
            found, rows = [*found, rows], []
    return found


def text(cell: str) -> str:
    """What a reader sees of a cell: backslash escapes and entities undone."""
    return html.unescape(re.sub(r"\\(.)", r"\1", cell))


POST = "fee was $3.49 on a $12 order | again\n<img src=x onerror=alert(1)> `code` *not bold* ~no~ 🙄 &copy;"


def test_a_cell_of_markup_and_dollars_is_one_cell_of_text_on_github():
    df = pd.DataFrame({"author": ["kim_sam"], "posts": [3], "text": [POST]})
    head, rule, row = tables(md_table(df, numbers=frozenset({"posts"})))[0]
    assert head == ["author", "posts", "text"]
    assert rule == ["---", "---:", "---"]  # (the figure right-aligned)
    assert len(row) == 3  # the post's "|" did not make a fourth cell
    # every dollar escaped: GitHub makes a formula of what stands between two bare ones
    assert "$" not in re.sub(r"\\\$", "", row[2])
    assert "<img" not in row[2] and "`" not in re.sub(r"\\`", "", row[2])
    # its line break a space (a GFM row is one line), the rest as written
    assert text(row[2]) == POST.replace("\n", " ")
    assert text(row[0]) == "kim_sam"


def test_a_link_cell_keeps_its_url_as_written():
    url = "https://example.com/a_b?x=$1"
    row = tables(md_table(pd.DataFrame({"link": [url]}), numbers=frozenset()))[0][2]
    assert row == [url]


def test_every_table_of_the_report_is_whole_and_its_sections_and_notes_are_the_htmls():
    report = build_report(ten_posts(), config(), WEEK, None, top=2)
    markdown, page = render_markdown(report), render_html(report)
    found = tables(markdown)
    assert found
    for head, rule, *rows in found:
        assert all(re.fullmatch(r"---:?", r) for r in rule) and len(rule) == len(head)
        assert all(len(row) == len(head) for row in rows)
    md_titles = re.findall(r"^## (.+)$", markdown, re.M)
    html_titles = [html.unescape(t) for t in re.findall(r"<h2>([^<]*)</h2>", page)]
    assert md_titles == html_titles and md_titles
    md_notes = [text(n) for n in re.findall(r"^> (.+)$", markdown, re.M)]
    html_notes = [html.unescape(re.sub(r"<[^>]+>", "", n)) for n in re.findall(r'<p class="note">(.*?)</p>', page)]
    assert md_notes == html_notes


def test_markdown_is_md_by_its_long_name_as_a_format_and_an_extension(tmp_path):
    """`report -f markdown` was a usage error ("'markdown' is not one of 'table', 'md', ...") and `-o r.markdown` an
    unknown extension: both are `md`'s other name now, writing the same bytes as `-f md`; a name that is no format's
    is still refused."""
    posts = tmp_path / "posts.csv"
    posts.write_text("post_id,text,created_at\n1,Skyway was great,2026-11-03T10:00:00Z\n")
    runner = CliRunner()
    base = ["report", str(posts), "--brand", "Skyway=Skyway", "--until", "2026-11-09"]
    md = runner.invoke(main, [*base, "-f", "md"])
    assert md.exit_code == 0, md.output
    assert md.stdout.startswith("# brandpulse report")
    for extra in (["-f", "markdown"], ["-f", "Markdown"], ["-o", str(tmp_path / "r.markdown")]):
        result = runner.invoke(main, [*base, *extra])
        assert result.exit_code == 0, (extra, result.output)
        written = result.stdout if extra[0] == "-f" else (tmp_path / "r.markdown").read_text()
        assert written == md.stdout, extra
    refused = runner.invoke(main, [*base, "-f", "mark"])
    assert refused.exit_code == 2 and "'mark' is not one of" in refused.stderr


#: a mention as GitHub finds one in a rendered page's text (after no letter, digit or "/"), its code spans skipped
_MENTION = re.compile(r"(?<![\w/])@\w")


def mentions(cell: str) -> list[str]:
    """The @handles GitHub or GitLab would link (and notify) in a cell: those outside its code spans."""
    return _MENTION.findall(re.sub(r"(?<!\\)`[^`]*`", "", cell))


def test_an_at_handle_pings_nobody_on_github_and_copies_as_written():
    """A post's "@kim_sam" pasted into a GitHub issue mentioned (and notified) the user kim_sam; "cc @org/team" a team.
    Each is a code span now (GitHub and GitLab link no mention in one); an e-mail address and a link's path are left as
    they are, as GitHub links neither."""
    post = "RT @kim_sam: mail kim@example.com or see https://mastodon.social/@kim, cc @org/team. @@x"
    row = tables(md_table(pd.DataFrame({"text": [post]}), numbers=frozenset()))[0][2]
    assert row == [
        "RT `@kim_sam`: mail kim@example.com or see https://mastodon.social/@kim, cc `@org/team`. @`@x`",
    ]  # (the sentence's "." after the team is no part of it)
    assert mentions(row[0]) == [] and mentions(post) == ["@k", "@o", "@x"]  # (the check finds them unescaped)
    assert text(row[0].replace("`", "")) == post  # what a reader copies: the post's words
    # the report's notes and headline too: a brand's handle is in no mention
    report = build_report(ten_posts(), config(), WEEK, None, top=2)
    report.notes.append("posts of @A_help are left out")
    markdown = render_markdown(report)
    assert "posts of `@A_help` are left out" in markdown
    assert not [line for line in markdown.splitlines() if mentions(line)]
