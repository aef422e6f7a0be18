"""`brandpulse.make_report`: the report of analyzed rows from Python, the same from `analyze`'s frame and from
`pd.read_csv` of brandpulse's own CSV (times as text, lists as `a;b` text, NaN cells, guarded ids and versions)."""

from __future__ import annotations

import io

import pandas as pd
import pytest

import brandpulse
from brandpulse.errors import ConfigError, InputError, on_the_command_line
from brandpulse.output.writers import write_table

CONFIG = brandpulse.Config(brands=[brandpulse.Brand("Nova", ["Nova"]), brandpulse.Brand("Orbit", ["Orbit"])])
#: the week before 2026-11-02 (2 Nova reviews) and the week 2026-11-02 .. 08: 3 of Nova (versions 5.10, 5.10, 5.9),
#: 1 of Orbit, 1 naming no brand; ids of 19 digits, which a float would round
REVIEWS = b"""review_id,Title,Review,Rating,Nickname,Date,Version
1000000000000000001,a,Nova app works great,5,a1,2026-10-27T10:00:00Z,5.9
1000000000000000002,b,Nova app is fine,4,a2,2026-10-28T10:00:00Z,5.9
1000000000000000003,c,Nova app crashes constantly and I hate it,1,b1,2026-11-02T10:00:00Z,5.10
1000000000000000004,d,Nova app lost my data,2,b2,2026-11-03T10:00:00Z,5.10
1000000000000000005,e,Nova app is good now,5,b3,2026-11-04T10:00:00Z,5.9
1000000000000000006,f,Orbit app is okay,3,b4,2026-11-05T10:00:00Z,
1000000000000000007,g,my cat likes the sofa,4,b5,2026-11-06T10:00:00Z,
"""


@pytest.fixture(scope="module")
def rows():
    return brandpulse.analyze(brandpulse.load(io.BytesIO(REVIEWS)), CONFIG)


@pytest.fixture(scope="module")
def read_back(rows, tmp_path_factory):
    """`analyze -o enriched.csv`'s file, as pandas reads it: the writer's own CSV, spreadsheet guards and all."""
    path = tmp_path_factory.mktemp("csv") / "enriched.csv"
    write_table(rows, path)
    assert '="5.10"' in path.read_text() or '"=""5.10"""' in path.read_text()  # (guarded: a spreadsheet's 5.1)
    back = pd.read_csv(path)
    assert back["created_at"].dtype == object or str(back["created_at"].dtype) in ("str", "string")  # (text times)
    assert back["brands"].isna().any()  # (the post naming no brand: NaN, not "")
    return back


def test_a_report_of_rows_read_back_from_brandpulses_csv_is_the_report_of_the_rows(rows, read_back):
    """`build_report` of `pd.read_csv` of its own CSV was a TypeError (text times compared with the period's)."""
    direct = brandpulse.make_report(rows, CONFIG, until="2026-11-09")
    back = brandpulse.make_report(read_back, CONFIG, until="2026-11-09")
    assert back.posts == direct.posts == 5  # (the week's: 3 Nova, 1 Orbit, 1 of no brand)
    assert back.notes == direct.notes
    assert set(back.tables) == set(brandpulse.report.build.TABLES)
    for name in back.tables:
        pd.testing.assert_frame_equal(back.tables[name], direct.tables[name], check_dtype=False, obj=name)
    brands = back.tables["brands"].set_index("brand")
    assert brands.loc["Nova", ["volume", "volume_prev"]].tolist() == [3, 2]
    assert brands.loc["Orbit", ["volume", "volume_prev"]].tolist() == [1, 0]
    versions = back.tables["versions"]
    assert versions["app_version"].tolist() == ["5.10", "5.9"]  # (newest first; 5.1 and 5.9 as numbers)
    assert versions["reviews"].tolist() == [2, 1]
    assert back.to_dict()["period"] == direct.to_dict()["period"]


def test_an_average_of_scores_read_back_differs_by_one_in_the_4th_decimal_at_most(tmp_path):
    """The CSV holds each score to 4 decimals, so an average of the scores read back is not the average of the
    scores: each is within 0.00005 of its score, so their mean is within 0.00005 of the mean, and the two means, each
    rounded to 4 decimals, differ by 0.0001 at most. Here by that much: an author's three posts of 0.12344, 0.12344
    and 0.12354 average 0.1234733 (0.1235); read back, 0.1234, 0.1234 and 0.1235 average 0.1234333 (0.1234). The
    labels are the CSV's, the counts the same."""
    src = b"text,created_at,author\n" + b"".join(b"Nova good,2026-11-0%dT10:00Z,a\n" % day for day in (2, 3, 4))
    rows = brandpulse.analyze(brandpulse.load(io.BytesIO(src)), CONFIG)
    rows["sentiment"], rows["sentiment_label"] = [0.12344, 0.12344, 0.12354], "positive"
    write_table(rows, tmp_path / "rows.csv")
    back = pd.read_csv(tmp_path / "rows.csv")
    assert back["sentiment"].tolist() == [0.1234, 0.1234, 0.1235]
    direct = brandpulse.make_report(rows, CONFIG, until="2026-11-09").tables
    again = brandpulse.make_report(back, CONFIG, until="2026-11-09").tables
    assert (direct["authors"]["avg_sentiment"].tolist(), again["authors"]["avg_sentiment"].tolist()) == (
        [0.1235],
        [0.1234],
    )
    pd.testing.assert_frame_equal(again["brands"], direct["brands"])  # (of the labels: the same)
    # the bound, over many scores: the unrounded means within 0.00005, the shown ones within 0.0001
    scores = pd.Series(range(-100_000, 100_001, 7)) / 100_003
    for n in (2, 3, 7, 50):
        means, of_rounded = scores.groupby(scores.index % n).mean(), scores.round(4).groupby(scores.index % n).mean()
        assert (means - of_rounded).abs().max() <= 0.00005 + 1e-12
        assert (means.round(4) - of_rounded.round(4)).abs().max() <= 0.0001 + 1e-12


def test_make_report_takes_the_clis_period_options():
    """A period of `since`/`until`, compared with `compare`; the report of one brand's posts (`--for-brand`)."""
    rows = brandpulse.analyze(brandpulse.load(io.BytesIO(REVIEWS)), CONFIG)
    rep = brandpulse.make_report(rows, CONFIG, since="2026-11-02", until="2026-11-04", compare="none")
    assert rep.posts == 2 and rep.compare is None  # (11-02 and 11-03)
    nova = brandpulse.make_report(rows, CONFIG, until="2026-11-09", brands=["nova"])
    assert nova.tables["brands"]["brand"].tolist()[:1] == ["Nova"] and nova.posts == 3


def test_make_report_of_a_period_of_no_rows_says_where_the_rows_are(rows):
    """`report` says on stderr where the posts are when its period has none (`2025-11-09` for `2026-11-09`);
    `make_report` gave an empty report and not a word: its notes say it."""
    empty = brandpulse.make_report(rows, CONFIG, until="2025-11-09")
    assert empty.posts == 0
    assert "the rows are from 2026-10-27 to 2026-11-06: give until= or since=" in empty.notes
    week = brandpulse.make_report(rows, CONFIG, until="2026-11-09")
    assert not [n for n in week.notes if n.startswith("the rows are from")]


def test_make_reports_errors_name_its_keywords_not_the_clis_flags(rows):
    with pytest.raises(ConfigError, match=r"^period='fortnight': expected one of"):
        brandpulse.make_report(rows, CONFIG, period="fortnight")
    with pytest.raises(ConfigError, match=r"^compare='last': expected previous"):
        brandpulse.make_report(rows, CONFIG, until="2026-11-09", compare="last")
    with on_the_command_line(), pytest.raises(ConfigError, match=r"^--compare 'last'"):
        brandpulse.make_report(rows, CONFIG, until="2026-11-09", compare="last")
    with pytest.raises(ConfigError, match=r"since 2026-11-09 00:00 is not before until 2026-11-02 00:00"):
        brandpulse.make_report(rows, CONFIG, since="2026-11-09", until="2026-11-02")


def test_the_note_on_a_period_not_over_names_make_reports_keywords(rows):
    """The note on a week not over at `now` told a notebook's `make_report` to use `--since ... --compare ...`:
    from the library it names the keywords that compare as long a part of the week before (11-02 .. 11-04 12:00, 2 days
    12 hours: 10-26 .. 10-28 12:00), and the report they give has no such note."""
    rep = brandpulse.make_report(rows, CONFIG, until="2026-11-09", now="2026-11-04T12:00Z")
    assert rep.notes[-1] == (
        "2026-11-02 .. 2026-11-08 is not over (it ends 2026-11-09 00:00): its posts until now are compared with all of"
        " 2026-10-26 .. 2026-11-01's; since='2026-11-02T00:00', until='2026-11-04T12:00',"
        " compare='2026-10-26T00:00..2026-10-28T12:00' compares them with as long a part of it"
    )
    assert "--" not in " ".join(rep.notes)
    part = brandpulse.make_report(
        rows, CONFIG, since="2026-11-02T00:00", until="2026-11-04T12:00", compare="2026-10-26T00:00..2026-10-28T12:00",
        now="2026-11-04T12:00Z",
    )  # fmt: skip
    assert not any("is not over" in n for n in part.notes)
    assert part.posts == 3  # (11-02, 11-03 and 11-04 10:00, of Nova; the 2 before, 10-27 and 10-28 10:00)
    assert part.tables["brands"].set_index("brand").loc["Nova", ["volume", "volume_prev"]].tolist() == [3, 2]
    with on_the_command_line():
        cli = brandpulse.make_report(rows, CONFIG, until="2026-11-09", now="2026-11-04T12:00Z")
    assert (
        "--since 2026-11-02T00:00 --until 2026-11-04T12:00 --compare 2026-10-26T00:00..2026-10-28T12:00"
        in (cli.notes[-1])
    )


def test_make_report_refuses_rows_not_analyzed_and_scores_of_no_number(rows):
    with pytest.raises(InputError, match=r"make_report\(\) counts analyze\(\)'s output: no columns 'brands'"):
        brandpulse.make_report(pd.DataFrame({"text": ["a"], "created_at": ["2026-11-03"]}), CONFIG)
    with pytest.raises(InputError, match=r"column 'sentiment' cannot be read as numbers: 'high'"):
        brandpulse.make_report(rows.assign(sentiment="high"), CONFIG, until="2026-11-09")
    with pytest.raises(TypeError, match=r"make_report\(\) takes a Config, not str"):
        brandpulse.make_report(rows, "brandpulse.toml")


def test_a_csv_read_back_with_every_cell_as_text_is_the_report_of_the_rows(rows, tmp_path):
    """`pd.read_csv(dtype=str, keep_default_na=False)`, each cell as its text: an empty score cell was "", then
    "column 'subjectivity' cannot be read as numbers: ''" (a blank cell is a missing score, as NaN is)."""
    path = tmp_path / "enriched.csv"
    write_table(rows, path)
    text = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert (text["subjectivity"] == "").any()  # (the case: cx leaves subjectivity empty)
    direct = brandpulse.make_report(rows, CONFIG, until="2026-11-09")
    back = brandpulse.make_report(text, CONFIG, until="2026-11-09")
    assert back.posts == direct.posts == 5 and back.notes == direct.notes
    for name in back.tables:
        pd.testing.assert_frame_equal(back.tables[name], direct.tables[name], check_dtype=False, obj=name)
    with pytest.raises(InputError, match=r"column 'sentiment' cannot be read as numbers: 'x'"):  # (still refused)
        brandpulse.make_report(text.assign(sentiment=["", "x", *[""] * (len(text) - 2)]), CONFIG)


def test_make_report_of_a_period_in_1678_or_a_baseline_before_it(rows):
    """A period of 1678 (pandas' first year) is one with no posts: its note on the comparison period's start, before
    the first post, subtracted 1678 from 2026, an OutOfBoundsDatetime. A baseline before 1678 is the CLI's error,
    naming the keywords (it was pandas' OutOfBoundsTimedelta)."""
    rep = brandpulse.make_report(rows, CONFIG, since="1678-02-01", until="1678-02-08")
    assert rep.posts == 0 and rep.period.label() == "1678-02-01 .. 1678-02-07"
    assert rep.notes[0] == "no posts in 1678-02-01 .. 1678-02-07"
    with pytest.raises(brandpulse.errors.UsageError, match=r"^the comparison and baseline=100000 periods before "):
        brandpulse.make_report(rows, CONFIG, until="2026-11-09", baseline=100_000)


def test_make_report_refuses_a_bucket_the_cli_does_not_take(rows):
    """`bucket="minute"` (the CLI's --bucket is a choice) was charted: "372 minutes", each "1 of its 30 days"."""
    with pytest.raises(ConfigError, match=r"^bucket='minute': expected one of hour, day, week, month$"):
        brandpulse.make_report(rows, CONFIG, until="2026-11-09", bucket="minute")
    assert brandpulse.make_report(rows, CONFIG, until="2026-11-09", bucket="day").bucket == "day"


def test_the_cli_report_of_a_file_is_make_reports_of_its_rows(tmp_path):
    """The CLI is a layer over the library: `report FILE -f json` holds `make_report`'s periods, notes and tables of
    `analyze`'s rows of FILE (each worked out its periods and notes apart)."""
    import json

    from click.testing import CliRunner

    from brandpulse.cli import main

    path = tmp_path / "reviews.csv"
    path.write_bytes(REVIEWS)
    args = ["report", str(path), "--brand", "Nova=Nova", "--brand", "Orbit=Orbit", "-f", "json"]
    args += ["--until", "2026-11-10", "--compare", "2026-10-26..2026-11-02", "--now", "2026-11-09T12:00"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    cli = json.loads(result.stdout)
    rows = brandpulse.analyze(brandpulse.load(path), CONFIG)
    lib = brandpulse.make_report(
        rows, CONFIG, until="2026-11-10", compare="2026-10-26..2026-11-02", now="2026-11-09T12:00"
    ).to_dict()
    assert cli["period"] == lib["period"] and cli["period"]["start"] == "2026-11-03T00:00:00Z"  # (a week to 11-10)
    assert cli["compare"] == lib["compare"]
    # (now is in the week: the note on it names the CLI's flags, make_report's its keywords; the rest are the same)
    over = [n for n in lib["notes"] if n.startswith("2026-11-03 .. 2026-11-09 is not over")]
    assert len(over) == 1
    assert cli["notes"] == [n for n in lib["notes"] if n not in over] + [n for n in cli["notes"] if "--since" in n]
    assert [n for n in cli["notes"] if "--since" in n] == [
        over[0].replace(
            "since='2026-11-03T00:00', until='2026-11-09T12:00', compare='2026-10-26T00:00..2026-11-01T12:00'",
            "--since 2026-11-03T00:00 --until 2026-11-09T12:00 --compare 2026-10-26T00:00..2026-11-01T12:00",
        )
    ]
    assert cli["tables"] == lib["tables"]


def test_a_brand_the_report_does_not_know_is_refused_as_report_for_brand_refuses_it(rows):
    """`brands=["Novva"]` gave an empty report of no brand and no word; `report --for-brand Novva` exits 2."""
    with pytest.raises(
        ConfigError, match=r"^brands 'Novva': no such brand, did you mean Nova\? \(configured: Nova, Orbit\)$"
    ):
        brandpulse.make_report(rows, CONFIG, until="2026-11-09", brands=["Novva"])
    # without a config, the brands the rows name: Nova and Orbit (the post naming none is no brand's)
    with pytest.raises(ConfigError, match=r"\(named by the rows: Nova, Orbit\)$"):
        brandpulse.make_report(rows, until="2026-11-09", brands=["Acme"])
    orbit = brandpulse.make_report(rows, until="2026-11-09", brands="orbit")  # (a name alone, in any case)
    assert orbit.tables["brands"].set_index("brand").loc["Orbit", "volume"] == 1  # (post 6, 2026-11-05)


@pytest.mark.parametrize("keyword", ["top", "baseline", "min_term_count"])
def test_counts_below_one_are_refused_as_the_clis_options_refuse_them(rows, keyword):
    """`top=-1` dropped each post table's last post; `top=0` emptied them (the CLI's `--top` is 1 or more)."""
    with pytest.raises(ValueError, match=rf"^make_report\(\): {keyword} must be 1 or more, not 0$"):
        brandpulse.make_report(rows, CONFIG, until="2026-11-09", **{keyword: 0})
    with pytest.raises(TypeError, match=rf"{keyword} takes a whole number, not str"):
        brandpulse.make_report(rows, CONFIG, until="2026-11-09", **{keyword: "5"})
    import numpy as np

    brandpulse.make_report(rows, CONFIG, until="2026-11-09", **{keyword: np.int64(1)})  # (numpy's: a count too)


def test_an_unknown_time_zone_is_named_by_the_keyword_in_python_and_by_the_flag_on_the_command_line(rows):
    with pytest.raises(ConfigError, match=r"^tz 'Europe/Londn': unknown time zone, did you mean Europe/London\?"):
        brandpulse.make_report(rows, CONFIG, tz="Europe/Londn")
    with on_the_command_line(), pytest.raises(ConfigError, match=r"^--tz 'Europe/Londn'"):
        brandpulse.make_report(rows, CONFIG, tz="Europe/Londn")


def test_a_report_shown_in_a_notebook_is_a_summary_not_every_table(rows):
    """A notebook's `report` printed the dataclass: all 14 tables' frames, 200 lines for a week."""
    shown = repr(brandpulse.make_report(rows, CONFIG, until="2026-11-09"))
    first, *notes = shown.splitlines()
    # by hand: 2026-11-02 .. 08 holds reviews 3 to 7 (5 posts); the week before, 1 and 2; brands: Nova, Orbit,
    # (no brand), (all posts); versions: 5.10 and 5.9
    assert first.startswith("<Report 2026-11-02 .. 2026-11-08 vs 2026-10-26 .. 2026-11-01: 5 posts; tables (rows): ")
    assert "brands (4), " in first and "versions (2), " in first and first.endswith(">")
    assert "DataFrame" not in shown and "Timestamp(" not in shown and len(shown.splitlines()) < 6
    assert all(note.startswith("  note: ") for note in notes)
