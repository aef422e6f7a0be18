"""`report`'s star ratings: a review's mean stars per brand and per bucket, their change, and the share of 1-2 stars,
from FILES and from a store alike; none where no post has a rating."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from brandpulse.cli import main

#: the week before (5, 4, 3 stars: mean 4.00) and the week 2026-11-02 .. 08 (1, 2, 4.5, and a German 1 the
#: English analyzers do not score: mean 8.5 / 4 = 2.125, 2.13 to 0.01; 3 of 4 rated 2 or fewer: 75%)
REVIEWS = """Title,Review,Rating,Nickname,Date
Great,Nova app works great,5,a1,2026-10-27T10:00:00Z
Fine,Nova app is fine,4,a2,2026-10-28T10:00:00Z
Meh,Nova app is okay,3,a3,2026-10-29T10:00:00Z
Crashes,Nova app crashes constantly,1,b1,2026-11-02T10:00:00Z
Bad,Nova app lost my data,2,b2,2026-11-03T10:00:00Z
Good,Nova app is good now,4.5,b3,2026-11-04T10:00:00Z
Schlecht,Nova App stürzt ständig ab und ist schrecklich,1,b4,2026-11-05T10:00:00Z
"""
#: posts without ratings: a social export
SOCIAL = """text,created_at,author
Nova app is great,2026-11-02T10:00:00Z,u1
Nova app crashed again,2026-11-03T10:00:00Z,u2
"""
WEEK = ["--brand", "Nova", "--until", "2026-11-09"]


def run(*args):
    return CliRunner().invoke(main, ["report", *args])


@pytest.fixture(params=["files", "store"])
def source(request, tmp_path):
    """The reviews as FILES, or ingested into a real store: the same figures from either."""
    csv = tmp_path / "reviews.csv"
    csv.write_text(REVIEWS)
    if request.param == "files":
        return [str(csv)]
    db = tmp_path / "reviews.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(csv), "--brand", "Nova", "--store", str(db), "-q"])
    assert result.exit_code == 0, result.stderr
    return ["--store", str(db)]


def test_brands_table_holds_mean_stars_their_change_and_low_share(source):
    result = run(*source, *WEEK, "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    rows = {r["brand"]: r for r in data["tables"]["brands"]}
    for name in ("Nova", "(all posts)"):
        r = rows[name]
        assert (r["rated"], r["avg_rating"], r["low_rated_pct"]) == (4, 2.13, 75.0)
        assert (r["rated_prev"], r["avg_rating_prev"], r["low_rated_pct_prev"]) == (3, 4.0, 0.0)
        assert (r["avg_rating_change"], r["low_rated_pct_change"]) == (-1.88, 75.0)  # (2.125 - 4 = -1.875)
    # (the German review is unscored, its stars counted all the same)
    assert rows["Nova"]["unscored"] == 1
    ts = [r for r in data["tables"]["timeseries"] if r["brand"] == "Nova"]
    assert [(r["rated"], r["avg_rating"]) for r in ts[:5]] == [(1, 1.0), (1, 2.0), (1, 4.5), (1, 1.0), (0, None)]


def test_every_format_shows_the_stars(source):
    md = run(*source, *WEEK, "-f", "md")
    assert md.exit_code == 0, md.stderr
    assert "stars 4.00 → 2.13 (-1.88) of 4 rated posts" in md.stdout
    assert "| stars | rated | 1-2 stars |" in md.stdout
    assert "| 2.13 (-1.88) | 4 | 75% |" in md.stdout
    html = run(*source, *WEEK, "-f", "html")
    assert html.exit_code == 0, html.stderr
    assert "2.13 (-1.88)" in html.stdout and "1-2 stars" in html.stdout
    csv = run(*source, *WEEK, "--table", "brands")
    head, nova, *_ = csv.stdout.splitlines()
    assert head.endswith(
        "rated,avg_rating,low_rated_pct,rated_prev,avg_rating_prev,avg_rating_change,"
        "low_rated_pct_prev,low_rated_pct_change"
    )
    assert nova.endswith(",4,2.13,75.0,3,4.0,-1.88,0.0,75.0")


def test_terminal_prints_the_stars_as_a_table_of_their_own(source):
    result = CliRunner().invoke(main, ["report", *source, *WEEK, "-f", "table"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    assert "Brands: stars" in result.stdout
    assert "2.13 (-1.88)" in result.stdout and "75%" in result.stdout


def test_without_comparison_the_mean_alone(tmp_path):
    csv = tmp_path / "reviews.csv"
    csv.write_text(REVIEWS)
    result = run(str(csv), *WEEK, "--compare", "none", "-f", "md")
    assert result.exit_code == 0, result.stderr
    assert "stars 2.13 of 4 rated posts" in result.stdout
    assert "| 2.13 | 4 | 75% |" in result.stdout


def test_a_social_only_report_grows_no_star_columns(tmp_path):
    csv = tmp_path / "social.csv"
    csv.write_text(SOCIAL)
    data = json.loads(run(str(csv), *WEEK, "-f", "json").stdout)
    assert "rated" not in data["tables"]["brands"][0]
    assert "rated" not in data["tables"]["timeseries"][0]
    md = run(str(csv), *WEEK, "-f", "md").stdout
    assert "stars" not in md and "rated" not in md


def test_the_key_names_a_0_to_5_files_stars_as_counted(tmp_path):
    """A 0 to 5 file's 0s count in the mean (0 + 3 + 5 + 2.5 = 10.5 / 4 = 2.625, shown 2.63; the 0 alone at 2 stars or
    fewer): the key said "1 to 5", a mean no 1 to 5 reading gives."""
    csv = tmp_path / "zero.csv"
    csv.write_text(
        "text,created_at,rating\nNova app awful,2026-11-02T10:00:00Z,0\nNova app okay,2026-11-03T10:00:00Z,3\n"
        "Nova app great,2026-11-04T10:00:00Z,5\nNova app fine,2026-11-04T11:00:00Z,2.5\n"
    )
    result = run(str(csv), *WEEK, "--compare", "none", "-f", "md")
    assert result.exit_code == 0, result.stderr
    assert "| 2.63 | 4 | 25% |" in result.stdout
    assert "stars: the mean star rating as given (these reviews rate 0 to 5, a 0 counted as 0)" in result.stdout


def test_the_stars_key_names_the_scale_of_the_reviews_read(source):
    """The key said "1 to 5, or 0 to 5 where a file's stars begin at 0" under every report with stars, of 1 to 5
    reviews too: it names the range the reviews of both periods have now (here 1 to 5, the 4.5 a half star)."""
    md = run(*source, *WEEK, "-f", "md")
    assert "stars: the mean star rating as given (these reviews rate 1 to 5) of the posts" in md.stdout
    assert "0 to 5" not in md.stdout
    html = run(*source, *WEEK, "-f", "html").stdout
    assert "these reviews rate 1 to 5)" in html


#: a ride-hailing app's Play Console month (UTF-16, as the Console writes it): 5.9.0 the first week, 5.10.0 after,
#: whose log-in broke (1, 1 and 4 stars; the 4-star French review is not scored by the English analyzers)
PLAY_HEADER = (
    "Package Name,App Version Code,App Version Name,Reviewer Language,Device,Review Submit Date and Time,"
    "Review Submit Millis Since Epoch,Review Last Update Date and Time,Review Last Update Millis Since Epoch,"
    "Star Rating,Review Title,Review Text,Developer Reply Date and Time,Developer Reply Millis Since Epoch,"
    "Developer Reply Text,Review Link"
)
PLAY_ROWS = [
    ("5.9.0", "2026-11-02", 5, "Quick pickup and a friendly driver"),
    ("5.9.0", "2026-11-03", 4, "Good app and rides arrive fast"),
    ("5.10.0", "2026-11-05", 1, "The new version crashes at log in every time"),
    ("5.10.0", "2026-11-06", 1, "Terrible update: log in fails every time"),
    ("5.10.0", "2026-11-07", 4, "Application correcte"),
]


def play_month(path):
    lines = [PLAY_HEADER]
    for n, (version, day, stars, text) in enumerate(PLAY_ROWS):
        lang = "fr" if text.startswith("Application") else "en"
        link = f"http://play.google.com/console/developers/1/app/2/user-feedback/review-details?reviewId=gp:Z{n}"
        code = version.replace(".", "")
        lines.append(f"com.zoomride.app,{code},{version},{lang},a52q,{day}T10:00:00Z,,,,{stars},,{text},,,,{link}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-16")
    return path


def test_versions_table_gives_each_releases_reviews_sentiment_and_stars_newest_first(tmp_path):
    """Which release broke log-in could not be read from `report` (the app version was dropped by every reader): the
    versions table gives each version's reviews, NSS and stars, 5.10.0 before 5.9.0 (as numbers, not as text), from
    the export and from analyze's rows alike; a file of posts of no version has no rows."""
    play = play_month(tmp_path / "reviews_com.zoomride.app_202611.csv")
    analyzed = tmp_path / "rows.csv"
    done = CliRunner().invoke(main, ["analyze", str(play), "--brand", "Zoomride", "-o", str(analyzed), "-q"])
    assert done.exit_code == 0, done.stderr
    for source in (play, analyzed):
        result = run(str(source), "--brand", "Zoomride", "--until", "2026-11-09", "-f", "json")
        assert result.exit_code == 0, result.stderr
        rows = json.loads(result.stdout)["tables"]["versions"]
        got = [(r["app_version"], r["reviews"], r["unscored"], r["nss"], r["rated"], r["avg_rating"]) for r in rows]
        # (5.10.0: 2 negative, the French one unscored: NSS -100; stars (1 + 1 + 4) / 3 = 2.00; 5.9.0: 4.50)
        assert got == [("5.10.0", 3, 1, -100.0, 3, 2.0), ("5.9.0", 2, 0, 100.0, 2, 4.5)], source.name
        assert rows[0]["low_rated_pct"] == 66.7
        # (and each against the version before it, which the table did not say: -100 - 100; 2.00 - 4.50)
        changes = [(r["nss_change"], r["avg_rating_change"]) for r in rows]
        assert changes == [(-200.0, -2.5), (None, None)], source.name
    md = run(str(play), "--brand", "Zoomride", "--until", "2026-11-09", "-f", "md").stdout
    assert "| version | reviews | pos / neu / neg | unscored | NSS | Δ NSS | stars | rated | 1-2 stars |" in md
    assert "| 5.10.0 | 3 | 0 / 0 / 2 | 1 | -100.0 | -200.0 | 2.00 (-2.50) | 3 | 67% |" in md
    assert "| 5.9.0 | 2 | 2 / 0 / 0 | 0 | +100.0 | – | 4.50 | 2 | 0% |" in md  # (the oldest: no change)
    social = tmp_path / "social.csv"
    social.write_text(SOCIAL)
    result = run(str(social), *WEEK, "-f", "json")
    assert (
        json.loads(result.stdout)["tables"]["versions"] == [] and "App versions" not in run(str(social), *WEEK).stdout
    )


def test_the_html_report_charts_the_star_rating_as_its_other_charts(tmp_path):
    """The terminal and Markdown reports have a stars table; the HTML report no chart of the stars. A bar chart of the
    mean stars per row of the Brands table now, with its alt text, as share of voice's; none where no post is rated."""
    play = play_month(tmp_path / "reviews_com.zoomride.app_202611.csv")
    html = run(str(play), "--brand", "Zoomride", "--until", "2026-11-09", "-f", "html").stdout
    start = html.index('<figure class="chart" aria-label="Star rating">')
    chart = html[start : html.index("</figure>", start)]
    assert chart.startswith(
        '<figure class="chart" aria-label="Star rating"><svg role="img" aria-label="Bar chart: each brand&#x27;s mean'
        " star rating of its rated posts, this period beside the one before, 2026-11-02 .. 2026-11-08; the figures"
        ' are in the tables below."'
    )
    labels = re.findall(r"<text [^>]*>([^<]*)</text>", chart)
    assert labels[:7] == ["0", "1", "2", "3", "4", "5", "mean stars of the rated posts"]
    assert labels[7:] == ["(no brand)", "(all posts)", "Star rating", "this period"]  # (none rated before: no bar)
    # the bars' lengths, of the axis from 0 to 5 stars: (5 + 4 + 1 + 1 + 4) / 5 = 3.0 each (no review names Zoomride)
    frame = re.search(r'<path d="M ([\d.]+) [\d.]+ \nL ([\d.]+) ', chart[chart.index("patch_2") :]).groups()
    left, right = map(float, frame)
    bars = re.findall(r'<path d="M ([\d.]+) [\d.]+ \nL ([\d.]+) ', chart[chart.index("patch_3") :])[:2]
    assert [round(5 * (float(b) - float(a)) / (right - left), 2) for a, b in bars] == [3.0, 3.0]
    social = tmp_path / "social.csv"
    social.write_text(SOCIAL)
    assert 'aria-label="Star rating"' not in run(str(social), *WEEK, "-f", "html").stdout


def test_versions_table_puts_a_pre_release_before_its_release_and_reads_a_leading_v():
    """The versions table's "newest first" put `v2` above 5.10.0 (text after every number) and `5.10.0-beta` above
    5.10.0 (longer, so later), so a release's own reviews were under those of its beta (stop 48's review)."""
    from brandpulse.report.metrics import _version_key

    given = ["5.10.0-beta", "5.9.2", "v2", "5.10.0", "5.10.0-rc1", "5.10.0+build7", "Spring release", "v6.0"]
    assert sorted(given, key=_version_key, reverse=True) == [
        "v6.0",
        "5.10.0+build7",
        "5.10.0",
        "5.10.0-rc1",
        "5.10.0-beta",
        "5.9.2",
        "v2",
        "Spring release",
    ]


def test_versions_table_changes_are_of_the_unrounded_figures():
    """Version 2.0's stars 1, 2, 2 (1.667) against 1.9's 1, 1, 2 (1.333) is +0.33, not 1.67 - 1.33 = +0.34; its NSS
    -33.3 (1 positive, 2 negative) against 33.3 is -66.7, not -66.6: the Brands table's changes are of the
    unrounded figures, the versions table's were of its rounded ones."""
    import pandas as pd

    from brandpulse.report.metrics import version_table

    labels = ["positive", "negative", "negative", "positive", "positive", "negative"]
    df = pd.DataFrame(
        {
            "app_version": ["2.0"] * 3 + ["1.9"] * 3,
            "rating": [1, 2, 2, 1, 1, 2],
            "sentiment": [0.5 if label == "positive" else -0.5 for label in labels],
            "sentiment_label": labels,
            "brands": [""] * 6,
        }
    )
    t = version_table(df).set_index("app_version")
    assert t.loc["2.0", ["nss", "avg_rating"]].tolist() == [-33.3, 1.67]
    assert t.loc["1.9", ["nss", "avg_rating"]].tolist() == [33.3, 1.33]
    assert t.loc["2.0", ["nss_change", "avg_rating_change"]].tolist() == [-66.7, 0.33]
    assert t.loc["1.9", ["nss_change", "avg_rating_change"]].isna().all()  # (the oldest: none before it)


class _FigureTables(HTMLParser):
    """Each `<figure>`'s aria-label and the rows of the table in it (its header row first), as a browser reads them."""

    def __init__(self):
        super().__init__()
        self.figures, self.rows, self.cell = {}, None, None

    def handle_starttag(self, tag, attrs):
        if tag == "figure":
            self.rows = self.figures.setdefault(dict(attrs)["aria-label"], [])
        elif tag == "tr" and self.rows is not None:
            self.rows.append([])
        elif tag in ("th", "td") and self.rows is not None:
            self.cell = ""

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None:
            self.rows[-1].append(self.cell)
            self.cell = None
        elif tag == "figure":
            self.rows = None


def test_the_star_rating_chart_has_its_figures_under_it_as_the_other_charts(tmp_path):
    """The star chart's bars (this week's mean stars beside the week before's) were in no table: a screen reader,
    or a mail client dropping the SVG, had the Brands table's "2.13 (-1.88)" alone, far below, and the 4.00 before in
    none. Each chart of the written file has its figures in a table inside its <figure> now."""
    csv = tmp_path / "reviews.csv"
    csv.write_text(REVIEWS)
    out = tmp_path / "week.html"
    result = run(str(csv), *WEEK, "-o", str(out), "-q")
    assert result.exit_code == 0, result.stderr
    page = _FigureTables()
    page.feed(out.read_text(encoding="utf-8"))
    page.close()
    assert list(page.figures) == ["Volume over time", "Sentiment over time", "Share of voice", "Star rating"]
    assert all(page.figures.values())  # (every chart has its table)
    # 1 + 2 + 4.5 + 1 = 8.5 / 4 = 2.125, shown 2.13; the week before 5 + 4 + 3 = 12 / 3 = 4.00
    assert page.figures["Star rating"] == [
        ["brand", "this period", "before"],
        ["Nova", "2.13", "4.00"],
        ["(all posts)", "2.13", "4.00"],
    ]
    # every post names Nova: its share of voice is all, this week and the one before
    assert page.figures["Share of voice"] == [["brand", "this period", "before"], ["Nova", "100.0%", "100.0%"]]
