"""`analyze --keep COLUMN`: a file's own columns (an app version, a campaign) carried into the rows, after analyze's."""

from __future__ import annotations

import io
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import FIXTURES

import brandpulse
from brandpulse.cli import main
from brandpulse.errors import InputError

PLAY = str(FIXTURES / "platforms" / "google_play_reviews.csv")  # (Play Console's UTF-16 CSV, two reviews)
VERSIONS = ["4.1.2", "4.1.3"]
DEVICES = ["a52q", "OnePlus7"]
#: a social team's export: its columns beside the post's; one cell a spreadsheet would run as a formula
SOCIAL = (
    "text,author,created_at,campaign,region,assigned_to\n"
    'Acme support is slow,ann,2026-11-02,black-friday,EMEA,"=HYPERLINK(""http://x"",""open"")"\n'
    "love Acme,bob,2026-11-03,bf-2,US,+bob\n"
)


def rows_of(result, fmt: str, path=None) -> pd.DataFrame:
    """The rows `analyze` wrote, every cell as text."""
    if fmt == "parquet":
        return pq.read_table(path).to_pandas()
    data = path.read_text("utf-8") if path is not None else result.stdout
    if fmt == "json":
        return pd.DataFrame(json.loads(data), dtype=object)
    if fmt == "jsonl":
        return pd.DataFrame([json.loads(line) for line in data.splitlines()], dtype=object)
    return pd.read_csv(io.StringIO(data), sep="\t" if fmt == "tsv" else ",", dtype=str, keep_default_na=False)


@pytest.mark.parametrize(
    "how",
    [[], ["--jobs", "2", "--chunksize", "1"], ["stdin"], ["--engine", "dask"]],
    ids=["one process", "jobs 2", "stdin", "dask"],
)
def test_an_app_version_and_device_go_through_analyze_after_its_columns(runner, how):
    """`analyze reviews.csv -o out.csv` dropped `App Version Name` and `Device`: the rows could not be pivoted by
    release nor joined back. `--keep` writes them after analyze's own columns, in every engine and from stdin."""
    if "dask" in how:
        pytest.importorskip("dask")
    stdin = None
    args = ["analyze", PLAY, "--brand", "Acme", "--keep", "App Version Name", "--keep", "Device", "-f", "jsonl"]
    if how == ["stdin"]:
        with open(PLAY, "rb") as fh:
            stdin = fh.read()
        args[1], how = "-", []
    result = runner.invoke(main, [*args, *how], input=stdin)
    assert result.exit_code == 0, result.stderr
    rows = rows_of(result, "jsonl")
    # (after the reviews' reply columns and app version too, analyze's own: they came after `Device`)
    assert rows.columns.tolist()[-5:] == ["reply", "replied_at", "app_version", "App Version Name", "Device"]
    assert rows["App Version Name"].tolist() == VERSIONS and rows["Device"].tolist() == DEVICES
    assert rows["app_version"].tolist() == VERSIONS  # (read without --keep too)
    assert rows["rating"].tolist() == [1.0, 5.0]  # (the fields read as before)


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl", "parquet"])
def test_kept_columns_in_every_output_format(runner, tmp_path, fmt):
    (tmp_path / "social.csv").write_text(SOCIAL, "utf-8")
    out = tmp_path / f"rows.{fmt}"
    args = ["analyze", str(tmp_path / "social.csv"), "--brand", "Acme", "--keep", "campaign, region", "-o", str(out)]
    result = runner.invoke(main, [*args, *(["--raw-csv"] if fmt in ("csv", "tsv") else [])])
    assert result.exit_code == 0, result.stderr
    rows = rows_of(result, fmt, out)
    assert rows.columns.tolist()[-2:] == ["campaign", "region"]
    assert rows[["campaign", "region"]].values.tolist() == [["black-friday", "EMEA"], ["bf-2", "US"]]


@pytest.mark.parametrize("how", [[], ["--jobs", "2", "--chunksize", "1"]], ids=["one process", "jobs 2"])
def test_a_kept_cell_a_spreadsheet_would_run_is_guarded_in_csv(runner, tmp_path, how):
    """A kept column is text from the file: `=HYPERLINK(...)` and `+bob` get the CSV's guard as `text` does (the
    workers of --jobs write their own CSV); JSON Lines has them as they are, and a guarded CSV read back gives them."""
    (tmp_path / "social.csv").write_text(SOCIAL, "utf-8")
    args = ["analyze", str(tmp_path / "social.csv"), "--brand", "Acme", "--keep", "assigned_to", *how]
    csv = runner.invoke(main, [*args, "-f", "csv", "-o", str(tmp_path / "rows.csv")])
    assert csv.exit_code == 0, csv.stderr
    written = pd.read_csv(tmp_path / "rows.csv", dtype=str)["assigned_to"].tolist()
    assert written == ['\'=HYPERLINK("http://x","open")', "'+bob"]
    plain = rows_of(runner.invoke(main, [*args, "-f", "jsonl"]), "jsonl")
    assert plain["assigned_to"].tolist() == ['=HYPERLINK("http://x","open")', "+bob"]
    back = brandpulse.read(tmp_path / "rows.csv", keep=["assigned_to"]).posts
    assert back["assigned_to"].tolist() == plain["assigned_to"].tolist()


def test_kept_columns_are_text_whatever_the_file_held(runner, tmp_path):
    """A Parquet file's build number and date were written as a number and a time, one file's `412` and another's
    `"412"` two values in a join: kept columns are text, as a CSV's are."""
    src = pd.DataFrame({"text": ["Acme rocks", "Acme is down"], "build": [412, 413], "store": ["eu", None]})
    src.to_parquet(tmp_path / "in.parquet")
    out = tmp_path / "rows.parquet"
    args = ["analyze", str(tmp_path / "in.parquet"), "--brand", "Acme", "--keep", "build,store", "-o", str(out)]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.stderr
    table = pq.read_table(out)
    assert [table.schema.field(c).type for c in ("build", "store")] == [table.schema.field("text").type] * 2
    assert table.column("build").to_pylist() == ["412", "413"] and table.column("store").to_pylist() == ["eu", None]


def test_kept_columns_come_after_explain_and_per_brand_columns(runner, tmp_path):
    (tmp_path / "social.csv").write_text(SOCIAL, "utf-8")
    args = ["analyze", str(tmp_path / "social.csv"), "--brand", "Acme", "--keep", "region", "-f", "jsonl"]
    rows = rows_of(runner.invoke(main, [*args, "--explain", "--per-brand", "--about", "Acme"]), "jsonl")
    assert rows.columns.tolist()[-3:] == ["brand_sentiment_label", "brand_explain", "region"]
    assert rows["region"].tolist() == ["EMEA", "US"]


def test_a_file_lacking_a_kept_column_stops_the_run_before_any_row(runner, tmp_path):
    """Several files, the second without `campaign`: one line naming that file and its own columns, exit 4 (an
    input error, as a missing text column), no rows written (the first file's were not written alone)."""
    (tmp_path / "social.csv").write_text(SOCIAL, "utf-8")
    (tmp_path / "other.csv").write_text("text,region\nAcme again,EMEA\n", "utf-8")
    files = [str(tmp_path / "social.csv"), str(tmp_path / "other.csv")]
    for order in (files, files[::-1]):
        result = runner.invoke(main, ["analyze", *order, "--keep", "campaign", "-f", "csv"])
        assert (result.exit_code, result.stdout) == (4, "")
        assert result.stderr.strip() == (
            f"brandpulse: error: {tmp_path / 'other.csv'}: no column 'campaign' (columns: text, region)"
        )


def test_a_known_exports_missing_kept_column_names_the_files_columns():
    """Play Console's CSV is converted before its columns are mapped: `--keep Campaign` listed the converted ones
    (`post_id, platform, created_at, ...`), none of which the file has, and not `App Version Name`."""
    with pytest.raises(InputError) as raised:
        brandpulse.read(PLAY, keep=["App version name"])
    said = str(raised.value)
    assert "no column 'App version name', did you mean 'App Version Name'?" in said
    assert "(columns: Package Name, App Version Code, App Version Name, Reviewer Language, Device," in said


def test_keep_app_version_of_a_review_export_is_the_version_analyze_reads(runner, tmp_path):
    """`--keep app_version` of a Play Console file said "no column 'app_version'", though analyze writes its
    `App Version Name` as `app_version`: such a name is the column analyze reads (written once, where it is without
    --keep), and `--keep reply` the Console's `Developer Reply Text`. A file of none still stops, naming the name."""
    args = ["analyze", PLAY, "--brand", "Acme", "--keep", "app_version,reply,Device", "-f", "jsonl"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.stderr
    rows = rows_of(result, "jsonl")
    assert rows.columns.tolist()[-4:] == ["reply", "replied_at", "app_version", "Device"]  # (each once)
    assert rows["app_version"].tolist() == VERSIONS and rows["Device"].tolist() == DEVICES
    assert rows["reply"].tolist()[0].startswith("Sorry about that!")
    (tmp_path / "posts.csv").write_text("text,Star Rating\nAcme crashes,1\n", "utf-8")
    result = runner.invoke(main, ["analyze", str(tmp_path / "posts.csv"), "--keep", "app_version", "-f", "csv"])
    assert (result.exit_code, result.stdout) == (4, "")
    assert result.stderr.strip() == (
        f"brandpulse: error: {tmp_path / 'posts.csv'}: no column 'app_version': it is read from a review export's"
        " `App Version Name` (Play Console), `Version` (an App Store CSV) or `appVersion` (a scraper), and this file"
        " has none (columns: text, Star Rating)"
    )


def test_keep_app_version_of_a_post_files_version_says_it_is_no_app_version(runner, tmp_path):
    """`--keep app_version` of a post file with a `Version` column (no star rating: no review) said "did you mean
    'Version'?", which it is not read as: a post file's version is no app's. It says so, and what keeps the column."""
    posts = tmp_path / "posts.csv"
    posts.write_text("id,created_at,text,Version\n1,2026-11-02,Acme app crashes,2\n", "utf-8")
    result = runner.invoke(main, ["analyze", str(posts), "--keep", "app_version", "-f", "csv"])
    assert (result.exit_code, result.stdout) == (4, "")
    assert result.stderr.strip() == (
        f"brandpulse: error: {posts}: no column 'app_version': 'Version' is read as it in a file of reviews alone"
        " (one with a star rating column); --keep Version keeps that column as it is"
        " (columns: id, created_at, text, Version)"
    )
    kept = runner.invoke(main, ["analyze", str(posts), "--keep", "Version", "-f", "jsonl"])
    assert kept.exit_code == 0 and json.loads(kept.stdout)["Version"] == "2"


@pytest.mark.parametrize("name", ["sentiment", "text", "author", "brand_sentiment_label", "about"])
def test_a_kept_column_named_as_one_analyze_writes_is_a_usage_error(runner, tmp_path, name):
    """A file's own `sentiment` was written over by the score (the same name twice in the header, or one value
    lost), its `author` taken out of the author field: exit 2 before any work, the fix named."""
    (tmp_path / "social.csv").write_text(SOCIAL, "utf-8")
    result = runner.invoke(main, ["analyze", str(tmp_path / "social.csv"), "--keep", f"region,{name}", "-f", "csv"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.strip() == (
        f"brandpulse: error: --keep {name}: analyze writes a {name!r} column of its own; "
        "rename the file's column to keep it"
    )


def test_an_empty_kept_column_name_is_a_usage_error(runner, tmp_path):
    (tmp_path / "social.csv").write_text(SOCIAL, "utf-8")
    for spec in ("", "campaign,,region"):  # (`--keep "$COLUMN"`, the variable unset)
        result = runner.invoke(main, ["analyze", str(tmp_path / "social.csv"), "--keep", spec, "-f", "csv"])
        assert (result.exit_code, result.stdout) == (2, "")
        assert "--keep: an empty column name" in result.stderr


#: a tweet export's likes and a review's stars, under names brandpulse reads as fields (`likes`, `rating`)
COUNTED = (
    "text,author,created_at,favorite_count,stars\n"
    "Nova app crashes again,ann,2026-11-02T10:00:00Z,7,1\n"
    "love Nova,bob,2026-11-03T10:00:00Z,3,5\n"
)


@pytest.mark.parametrize(
    "how",
    [[], ["--jobs", "2", "--chunksize", "1"], ["stdin"], ["--engine", "dask"]],
    ids=["one process", "jobs 2", "stdin", "dask"],
)
def test_a_kept_column_named_as_a_field_is_still_read_as_it(runner, tmp_path, how, request):
    """`analyze f.csv --keep favorite_count,stars` wrote `"likes": null, "rating": null` (without --keep: 7 and 1),
    and said nothing: a kept column was read as no field, as a label column is. It is a copy: read as its field as
    before, and written as text after the rows' columns."""
    if "dask" in how:
        how = [*how, "--scheduler", request.getfixturevalue("dask_scheduler")]
    (tmp_path / "f.csv").write_text(COUNTED, "utf-8")
    args, stdin = ["analyze", str(tmp_path / "f.csv"), "--brand", "Nova", "-f", "jsonl"], None
    if how == ["stdin"]:
        args[1], how, stdin = "-", [], COUNTED
    plain = rows_of(runner.invoke(main, [*args, *how], input=stdin), "jsonl")
    result = runner.invoke(main, [*args, "--keep", "favorite_count,stars", *how], input=stdin)
    assert result.exit_code == 0, result.stderr
    rows = rows_of(result, "jsonl")
    assert rows["likes"].tolist() == plain["likes"].tolist() == [7, 3]
    assert rows["rating"].tolist() == plain["rating"].tolist() == [1, 5]
    assert rows.columns.tolist()[-2:] == ["favorite_count", "stars"]
    assert rows[["favorite_count", "stars"]].values.tolist() == [["7", "1"], ["3", "5"]]


def test_a_label_column_named_as_a_field_is_still_read_as_no_field(tmp_path):
    """`read`'s `keep` from Python (evaluate's and train's label column) stays read as no field: a label `score`
    beside the text is the label, not the likes."""
    (tmp_path / "f.csv").write_text(COUNTED, "utf-8")
    posts = brandpulse.read(tmp_path / "f.csv", keep=["favorite_count", "stars"]).posts
    assert posts["likes"].isna().all() and posts["rating"].isna().all()
    assert posts["stars"].astype(str).tolist() == ["1", "5"]


def test_reply_is_kept_of_a_file_of_posts_and_a_name_holding_a_comma_in_quotes(runner, tmp_path):
    """`--keep reply` was refused for every file ("analyze writes a 'reply' column of its own"), though analyze writes
    one of reviews alone: a tweet file's `reply` (True or False) could not be kept. And `--keep "Version, build"` was
    split at its comma, so such a column could not be kept at all; it is given in double quotes, as a CSV cell."""
    tweets = tmp_path / "tweets.csv"
    tweets.write_text(
        'id,created_at,text,reply,"Version, build"\n'
        "1,2026-12-01T10:00:00Z,@Zoomride cancelled and nobody answers,no,5.10 (5100)\n",
        encoding="utf-8",
    )
    args = ["analyze", str(tweets), "--brand", "Zoomride", "-f", "jsonl", "--keep", "reply", "--keep"]
    result = runner.invoke(main, [*args, '"Version, build"'])
    assert result.exit_code == 0, result.stderr
    rows = rows_of(result, "jsonl")
    assert rows[["reply", "Version, build"]].values.tolist() == [["no", "5.10 (5100)"]]
    assert "replied_at" not in rows.columns  # (a file of posts: no reply of the brand's read)
    # (unquoted, the comma still splits: two columns, the file has neither)
    result = runner.invoke(main, [*args, "Version, build"])
    assert result.exit_code == 4 and "no column 'Version'" in result.stderr


@pytest.mark.parametrize("src", ["prices.csv", "prices.jsonl"])
def test_a_kept_decimal_stays_as_the_file_writes_it(runner, tmp_path, src):
    """A kept `4.50` (a price, a version) is text: JSON writes the string `"4.50"` (not 4.5), raw CSV `4.50`, the
    spreadsheet CSV `="4.50"` (a spreadsheet would show 4.5), which brandpulse reads back as `4.50`; a JSON number
    `4.50` is kept as the file writes it too, as `1.234` (no thousands read in a kept column) and `007`."""
    path = tmp_path / src
    if src.endswith(".csv"):
        path.write_text("text,price,code\nAcme rocks,4.50,007\nAcme is down,1.234,1e3\n", "utf-8")
    else:
        path.write_text(
            '{"text": "Acme rocks", "price": 4.50, "code": "007"}\n'
            '{"text": "Acme is down", "price": 1.234, "code": 1e3}\n',
            "utf-8",
        )
    args = ["analyze", str(path), "--brand", "Acme", "--keep", "price,code"]
    want = [["4.50", "007"], ["1.234", "1e3"]]
    for fmt in ("json", "jsonl"):
        result = runner.invoke(main, [*args, "-f", fmt])
        assert result.exit_code == 0, result.stderr
        assert rows_of(result, fmt)[["price", "code"]].values.tolist() == want
    raw = runner.invoke(main, [*args, "--raw-csv"])
    assert rows_of(raw, "csv")[["price", "code"]].values.tolist() == want
    guarded = runner.invoke(main, [*args, "-o", str(tmp_path / "rows.csv")])
    assert guarded.exit_code == 0, guarded.stderr
    cells = rows_of(None, "csv", tmp_path / "rows.csv")[["price", "code"]].values.tolist()
    assert cells == [['="4.50"', '="007"'], ['="1.234"', '="1e3"']]
    back = brandpulse.read(tmp_path / "rows.csv", keep=["price", "code"]).posts
    assert back[["price", "code"]].values.tolist() == want
