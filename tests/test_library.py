"""The library as a notebook uses it: frames built by hand read as the loaders read a file's cells."""

from __future__ import annotations

import datetime as dt
import decimal
import io

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet
import pytest
from conftest import FIXTURES

import brandpulse
from brandpulse import store
from brandpulse.enrich.sentiment import get_analyzer
from brandpulse.errors import ConfigError, InputError
from brandpulse.output.writers import write_table
from brandpulse.sources import iter_read

CONFIG = brandpulse.Config(brands=[brandpulse.Brand("Skyway", ["skyway"])], topics=[])


def analyzed(frame: pd.DataFrame) -> pd.DataFrame:
    return brandpulse.analyze(frame, CONFIG, sentiment="vader")


def loaded(frame: pd.DataFrame) -> pd.DataFrame:
    """The same cells written to a CSV file and read by the loader."""
    return brandpulse.read(io.BytesIO(frame.to_csv(index=False).encode())).posts


def test_a_frames_platforms_are_named_as_the_loaders_name_them():
    """`platform` of a frame stayed as written ("Twitter", " X ", "twitter.com"), where a file's are `twitter`:
    the same post from a notebook and from an export were two posts, and `platform:twitter` missed it."""
    frame = pd.DataFrame(
        {
            "text": ["Skyway a", "Skyway b", "Skyway c", "Skyway d", "Skyway e", "Skyway f"],
            "platform": ["Twitter", " X ", "twitter.com", "Mastodon", "", None],
        }
    )
    expected = ["twitter", "twitter", "twitter", "mastodon", pd.NA, pd.NA]
    assert analyzed(frame)["platform"].tolist() == expected
    assert loaded(frame)["platform"].tolist() == expected
    # one post, exported as `x` and as `twitter`, with its id an int in one and a string in the other
    twice = pd.DataFrame(
        {"text": ["Skyway lost my bag"] * 2 + ["hi"], "post_id": [7, "7", 8], "platform": ["X", "twitter", "x"]}
    )
    twice.index = [3, 3, 1]
    kept = brandpulse.drop_duplicates(twice)
    assert kept.index.tolist() == [3, 1] and kept["platform"].tolist() == ["X", "x"]  # (the caller's rows, as given)


def test_a_frames_counts_and_ids_are_read_as_a_files_are():
    """Likes "1,234" were an InputError from a frame while the CSV loader reads them; ids pandas made floats lost their
    last digits without a word (570306133677760513 became ...512); an id "nan" was an id."""
    frame = pd.DataFrame(
        {
            "text": ["a", "b", "c", "d"],
            "likes": ["1,234", "1.2K", "1 234", ""],
            "reposts": [3.0, np.nan, 0.0, 12.0],
            "post_id": ["nan", "7", "None", 8],
        }
    )
    out = analyzed(frame)
    assert out["likes"].tolist() == [1234, 1200, 1234, pd.NA]
    assert out["reposts"].tolist() == [3, pd.NA, 0, 12]
    assert out["post_id"].tolist() == [pd.NA, "7", pd.NA, "8"]
    file = loaded(frame)
    assert file["likes"].tolist() == out["likes"].tolist() and file["post_id"].tolist() == out["post_id"].tolist()
    lost = pd.DataFrame({"text": ["a", "b"], "post_id": [570306133677760513, None]})  # (floats, for the None)
    with pytest.raises(InputError) as raised:
        analyzed(lost)
    assert str(raised.value) == (
        "column 'post_id' cannot be read as text: post_id '5.703061336777605e+17' is in scientific notation,"
        " its digits are lost (row 0); pandas made the column floats: read it as text, dtype={'post_id': str}"
    )


def test_a_frames_times_are_read_as_a_files_are():
    """Times of a frame: aware and naive mixed in one column (naive ones UTC), dates, day-month text read in the
    order the column shows (02/11/2026 was February 11 beside 13/11/2026), an ambiguous one an error naming the
    row instead of a guess."""
    mixed = pd.Series(
        [
            pd.Timestamp("2026-11-02 10:00", tz="Europe/Berlin"),
            pd.Timestamp("2026-11-02 10:00"),
            dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC),
            dt.date(2026, 11, 3),
            None,
        ],
        dtype=object,
    )
    out = analyzed(pd.DataFrame({"text": ["a", "b", "c", "d", "e"], "created_at": mixed}))
    assert out["created_at"].tolist() == [
        pd.Timestamp("2026-11-02 09:00", tz="UTC"),
        pd.Timestamp("2026-11-02 10:00", tz="UTC"),
        pd.Timestamp("2026-11-02 10:00", tz="UTC"),
        pd.Timestamp("2026-11-03 00:00", tz="UTC"),
        pd.NaT,
    ]
    dmy = analyzed(pd.DataFrame({"text": ["a", "b"], "created_at": ["02/11/2026", "13/11/2026"]}))
    assert dmy["created_at"].dt.strftime("%Y-%m-%d").tolist() == ["2026-11-02", "2026-11-13"]
    frame = pd.DataFrame({"text": ["a", "b"], "created_at": ["2026-11-02", "02/11/2026"]}, index=["p", "q"])
    with pytest.raises(InputError) as raised:
        analyzed(frame)
    assert str(raised.value) == (
        "column 'created_at' cannot be read as times: ambiguous created_at '02/11/2026' (day or month first?"
        " say read(df, date_order='dmy') or 'mdy', or give the column as times (pd.to_datetime)) (row 'q')"
    )
    for order, day in (("dmy", "2026-11-02"), ("mdy", "2026-02-11")):  # (as --date-order reads a file's)
        assert brandpulse.read(frame, date_order=order).posts["created_at"].dt.strftime("%Y-%m-%d").tolist() == [
            "2026-11-02",
            day,
        ]


def test_a_config_built_in_code_with_an_unknown_analyzer_is_an_error_at_once():
    """`Config(sentiment="bogus")` was accepted and failed only inside analyze(); the file's `analyzer = "bogus"`
    is a config error as it is read, naming the choices."""
    with pytest.raises(ConfigError) as raised:
        brandpulse.Config(sentiment="bogus")
    assert str(raised.value) == (
        "Config: sentiment: unknown sentiment analyzer 'bogus' (known: cx, cx-reference, textblob,"
        " textblob-reference, vader, vader-reference, cx:LEXICON.toml, model:FILE)"
    )
    with pytest.raises(ConfigError, match=r"^Config: sentiment: 'model:' names no file: give model:FILE$"):
        brandpulse.Config(sentiment="model:")
    with pytest.raises(ConfigError, match=r'^Config: sentiment must be a string, such as "cx"$'):
        brandpulse.Config(sentiment=None)
    assert brandpulse.Config(sentiment="vader").sentiment == "vader"
    assert brandpulse.Config(sentiment="cx:words.toml").sentiment == "cx:words.toml"  # (the file opened when used)
    vader = get_analyzer("vader")  # an analyzer itself, as analyze's `sentiment=` takes: used as it is
    config = brandpulse.Config(sentiment=vader, topics=[])
    assert brandpulse.analyze(pd.DataFrame({"text": ["I love it"]}), config)["sentiment"].tolist() == [0.6369]


def test_a_frame_with_two_levels_of_columns_is_one_clear_error():
    """A frame after a groupby or pivot (columns of two levels) was an AttributeError traceback in analyze(); the
    other calls that take a frame refuse it the same way."""
    flat = pd.DataFrame({"text": ["Skyway lost my bag", "I love Skyway"], "likes": [1, 2]})
    two = flat.set_axis(pd.MultiIndex.from_tuples([("text", ""), ("likes", "sum")]), axis=1)
    expected = (
        "(): the columns have 2 levels (('text', ''), ('likes', 'sum')), as after a groupby or pivot; give one level"
        " of names, such as df.columns = df.columns.get_level_values(0)"
    )
    for call, name in (
        (lambda: brandpulse.analyze(two, CONFIG), "analyze"),
        (lambda: brandpulse.drop_duplicates(two), "drop_duplicates"),
    ):
        with pytest.raises(InputError) as raised:
            call()
        assert str(raised.value) == name + expected
    enriched = analyzed(flat)
    wide = enriched.set_axis(pd.MultiIndex.from_tuples([(c, "x") for c in enriched.columns]), axis=1)
    with pytest.raises(InputError, match=r"^brand_summary\(\): the columns have 2 levels \(\('post_id', 'x'\), "):
        brandpulse.brand_summary(wide, CONFIG)
    with pytest.raises(InputError, match=r"^ingest\(\): the columns have 2 levels"):
        store.ingest("never-made.duckdb", wide)
    assert two.columns.nlevels == 2  # (the caller's frame as it was)


def test_odd_but_plausible_frames_from_a_notebook(tmp_path):
    """Categorical columns, a repeated string index, NaN text and an empty frame go through analyze, the summaries
    and the store, with the values a file of the same cells gives (the post without text rejected, as a file's)."""
    frame = pd.DataFrame(
        {
            "text": pd.Categorical(["Skyway lost my bag", "Skyway lost my bag", "I love Skyway", np.nan]),
            "platform": pd.Categorical(["Twitter", "x", "Reddit", "reddit"]),
            "likes": pd.Categorical(["1,234", "2", "3", "4"]),
            "post_id": [1, 2, 3, 4],
        },
        index=["a", "b", "a", "c"],
    )
    with pytest.warns(UserWarning, match=r"^1 of 4 records rejected \(first: <DataFrame> row 'c': empty text\)"):
        out = analyzed(frame)
    assert out.index.tolist() == ["a", "b", "a"]
    assert out["platform"].tolist() == ["twitter", "twitter", "reddit"]
    assert out["likes"].tolist() == [1234, 2, 3]
    assert out["brands"].tolist() == ["Skyway", "Skyway", "Skyway"]
    assert out["sentiment_label"].tolist() == ["negative", "negative", "positive"]
    summary = brandpulse.brand_summary(out, CONFIG).set_index("brand")
    assert summary.loc["Skyway", ["mentions", "positive", "negative"]].tolist() == [3, 1, 2]
    db = tmp_path / "h.duckdb"
    assert store.ingest(db, out).inserted == 3
    kept = store.load_posts(db).set_index("post_id")
    assert kept.loc[["1", "3"], "platform"].tolist() == ["twitter", "reddit"] and kept.loc["1", "likes"] == 1234
    empty = analyzed(pd.DataFrame(columns=["text", "likes", "created_at"]))
    assert len(empty) == 0 and list(empty.columns) == brandpulse.ENRICHED_COLUMNS
    assert brandpulse.brand_summary(empty, CONFIG)["mentions"].tolist() == [0]


def test_pandas_read_of_brandpulses_own_csv_is_the_posts_it_wrote(tmp_path):
    """`pd.read_csv` of brandpulse's CSV, which the README says analyze takes, kept its spreadsheet guards: the id
    `="570306133677760513"`, the handle `'@skyway_help`, the text `'@Skyway ...`, so `store.ingest` of it stored each
    post a second time, and rewrote the texts with the `'`."""
    posts = brandpulse.load(
        io.BytesIO(
            b"post_id,platform,author,text\n"
            b"570306133677760513,twitter,@skyway_help,@Skyway where is my bag\n"
            b"570306133677760514,twitter,ann,=Skyway lost it\n"
        )
    )
    written = tmp_path / "enriched.csv"
    write_table(analyzed(posts), written)
    assert '"=""570306133677760513"""' in written.read_text() and "'@skyway_help" in written.read_text()
    back = analyzed(pd.read_csv(written))
    assert back["post_id"].tolist() == ["570306133677760513", "570306133677760514"]
    assert back["author"].tolist() == ["@skyway_help", "ann"]
    assert back["text"].tolist() == ["@Skyway where is my bag", "=Skyway lost it"]
    db = tmp_path / "s.duckdb"
    assert store.ingest(db, analyzed(posts)).inserted == 2
    assert store.ingest(db, pd.read_csv(written)).inserted == 0
    assert store.load_posts(db)["text"].tolist() == ["@Skyway where is my bag", "=Skyway lost it"]


def test_a_frames_arrow_dates_are_read_as_dates(tmp_path):
    """`pd.read_parquet(..., dtype_backend="pyarrow")` of a file with a DATE column gave `date32[day][pyarrow]`, and
    analyze stopped with "NotImplementedError: dt.tz is not supported for date32[day][pyarrow]"."""
    dates = [dt.date(2026, 11, 2), None, dt.date(1985, 1, 1)]
    for kind in (pa.date32(), pa.date64()):
        frame = pd.DataFrame(
            {"text": ["a", "b", "c"], "created_at": pd.Series(pa.array(dates, kind), dtype=pd.ArrowDtype(kind))}
        )
        assert str(frame["created_at"].dtype).startswith("date")
        with pytest.raises(InputError, match=r": created_at '1985-01-01.* is before 1990 .*\(row 2\)$"):
            analyzed(frame)
        out = analyzed(frame.iloc[:2])
        assert out["created_at"].tolist() == [pd.Timestamp("2026-11-02", tz="UTC"), pd.NaT]


def test_a_frames_arrow_decimal_counts_are_read_as_counts(tmp_path):
    """A Parquet file of a warehouse's NUMERIC counts (Snowflake's NUMBER is decimal(38, 0)) read with
    `pd.read_parquet(..., dtype_backend="pyarrow")`: a count missing among them stopped analyze with "ValueError: Length
    of values (2) does not match length of index (3)"; a count with a fraction is rejected, as a file's `12.5` is."""
    path = tmp_path / "posts.parquet"
    counts = pa.array([decimal.Decimal("12"), None, decimal.Decimal("1234")], pa.decimal128(38, 0))
    pa.parquet.write_table(pa.table({"text": ["a", "b", "c"], "likes": counts}), path)
    frame = pd.read_parquet(path, dtype_backend="pyarrow")
    assert str(frame["likes"].dtype) == "decimal128(38, 0)[pyarrow]"
    assert analyzed(frame)["likes"].tolist() == [12, pd.NA, 1234]
    assert brandpulse.load(path)["likes"].tolist() == [12, pd.NA, 1234]  # (the loader's, the same)
    half = pd.Series(
        pa.array([decimal.Decimal("12.50"), None], pa.decimal128(10, 2)), dtype=pd.ArrowDtype(pa.decimal128(10, 2))
    )
    with pytest.raises(
        InputError, match=r"^column 'likes' cannot be read as whole numbers: bad likes '12\.50*' \(row 0\)$"
    ):
        analyzed(pd.DataFrame({"text": ["a", "b"], "likes": half}))


def schema_typed(**columns: list) -> pd.DataFrame:
    """A frame built by hand with every column already in the schema's dtype (as `POST_FIELDS` gives them)."""
    n = len(next(iter(columns.values())))
    return pd.DataFrame(
        {c: pd.Series(columns.get(c, [None] * n), dtype=t) for c, (t, _) in brandpulse.POST_FIELDS.items()}
    )


def test_a_frame_in_the_schemas_dtypes_is_read_as_a_files_cells_too(tmp_path):
    """A frame whose columns were all in the schema's dtypes skipped the reading: its platform `X`, language `EN`,
    id ` 7 ` and `nan`, blank author and `None` parent stayed, where the loaders give `twitter`, `en`, `7`, none:
    the same posts from a file and from a notebook were other posts (two copies in the store, `platform:twitter`
    missing one)."""
    frame = schema_typed(
        text=["Skyway lost my bag", "I love Skyway"],
        platform=[" X ", "Twitter"],
        lang=["EN", "FR"],
        post_id=[" 7 ", "nan"],
        author=["  ", "bob"],
        parent_id=["None", "6"],
        likes=[3, 4],
    )
    expected = {
        "platform": ["twitter", "twitter"],
        "lang": ["en", "fr"],
        "post_id": ["7", pd.NA],
        "author": [pd.NA, "bob"],
        "parent_id": [pd.NA, "6"],
        "likes": [3, 4],
    }
    out = analyzed(frame)
    assert {c: out[c].tolist() for c in expected} == expected
    file = loaded(frame)
    assert {c: file[c].tolist() for c in expected} == expected
    # one post, from the frame (`X`, ` 7 `) and the file (`twitter`, `7`): one post to drop_duplicates and the store
    both = pd.concat([frame.iloc[:1], file.iloc[:1]], ignore_index=True)
    assert both["platform"].tolist() == [" X ", "twitter"] and len(brandpulse.drop_duplicates(both)) == 1
    assert store.ingest(tmp_path / "s.duckdb", both).inserted == 1


def test_a_csv_read_with_pandas_and_ingested_again_is_unchanged(tmp_path):
    """`pd.read_csv` of brandpulse's CSV gives NaN for its empty cells, where analyze gives "" to a post without
    brands, topics or intent: ingested again, every such post was counted updated (and rewritten)."""
    posts = brandpulse.load(
        io.BytesIO(
            b"post_id,platform,author,text,created_at\n"
            b"1,twitter,ann,hello world,2026-11-02T10:00:00Z\n"
            b"2,twitter,,Skyway lost my bag,2026-11-02T11:00:00.250Z\n"
        )
    )
    enriched = analyzed(posts)
    assert enriched["brands"].tolist() == ["", "Skyway"] and enriched["intent"].tolist() == ["", "complaint"]
    written = tmp_path / "enriched.csv"
    write_table(enriched, written)
    back = pd.read_csv(written)
    assert back["brands"].isna().tolist() == [True, False] and back["topics"].isna().all()
    db = tmp_path / "s.duckdb"
    assert store.ingest(db, enriched) == store.IngestCounts(inserted=2)
    assert store.ingest(db, back) == store.IngestCounts(unchanged=2)
    assert store.load_posts(db)[["brands", "topics", "intent"]].values.tolist() == [
        ["", "", ""],
        ["Skyway", "", "complaint"],
    ]
    back.loc[0, "likes"] = 5  # (a real change is still one)
    assert store.ingest(db, back) == store.IngestCounts(updated=1, unchanged=1)
    assert store.load_posts(db)[["likes", "brands", "intent"]].values.tolist() == [
        [5, "", ""],
        [pd.NA, "Skyway", "complaint"],
    ]


def test_a_frames_deleted_and_removed_posts_are_rejected_as_a_files_are(tmp_path):
    """A file's "[deleted]" and "[removed]" (Reddit's text of a post gone) are rejected as deleted or removed; a
    frame's were read as posts, neutral and of no brand, counted in the totals and stored (stop 47)."""
    frame = pd.DataFrame({"text": ["[deleted]", "Skyway lost my bag", " [removed] ", ""]}, index=[5, 6, 7, 8])
    path = tmp_path / "gone.csv"
    frame.to_csv(path, index=False)
    from_file = brandpulse.read(path)
    assert from_file.posts["text"].tolist() == ["Skyway lost my bag"]
    loaded_frame = brandpulse.read(frame)
    assert loaded_frame.posts.index.tolist() == [6] and loaded_frame.rows_read == 4
    assert loaded_frame.rejects.values.tolist() == [
        ["<DataFrame>", "row 5", "text [deleted]: deleted or removed", '{"text": "[deleted]"}'],
        ["<DataFrame>", "row 7", "text [removed]: deleted or removed", '{"text": " [removed] "}'],
        ["<DataFrame>", "row 8", "empty text", '{"text": ""}'],
    ]
    # (pandas writes the empty text of a one-column frame as `""`: since stop 48 the file's reject too, not skipped)
    assert from_file.rejects["reason"].tolist() == loaded_frame.rejects["reason"].tolist()
    assert from_file.rejects["position"].tolist() == ["line 2", "line 4", "line 5"]


def test_a_frames_posts_without_text_are_rejected_as_a_files_are(tmp_path):
    """Posts of a frame whose text was NaN, None or blank were analyzed as empty posts (neutral, counted in no
    brand but in the totals) and stored, where a file's are rejected: now they are left out with a warning, and
    `brandpulse.read(df)` gives them as rejects, with their row and cells."""
    frame = pd.DataFrame(
        {"text": ["Skyway lost my bag", np.nan, None, "  \n", "I love Skyway"], "likes": [1, 2, 3, 4, 5]},
        index=[10, 11, 12, 13, 14],
    )
    loaded_frame = brandpulse.read(frame)
    assert loaded_frame.rows_read == 5 and loaded_frame.posts.index.tolist() == [10, 14]
    assert loaded_frame.rejects.values.tolist() == [
        ["<DataFrame>", "row 11", "empty text", '{"likes": 2}'],
        ["<DataFrame>", "row 12", "empty text", '{"likes": 3}'],
        ["<DataFrame>", "row 13", "empty text", '{"text": "  \\n", "likes": 4}'],
    ]
    warned = (
        r"^3 of 5 records rejected \(first: <DataFrame> row 11: empty text\); use brandpulse\.read\(\) to get them$"
    )
    with pytest.warns(UserWarning, match=warned):
        out = analyzed(frame)
    assert out.index.tolist() == [10, 14] and out["sentiment_label"].tolist() == ["negative", "positive"]
    with pytest.warns(UserWarning, match=warned):
        assert brandpulse.load(frame)["likes"].tolist() == [1, 5]
    with pytest.warns(UserWarning, match=warned):
        assert store.ingest(tmp_path / "s.duckdb", frame).inserted == 2
    assert store.load_posts(tmp_path / "s.duckdb")["text"].tolist() == ["Skyway lost my bag", "I love Skyway"]
    with pytest.raises(
        InputError, match=r"^read\(\): mapping \{'text': 'body'\}: no column 'body' \(columns: text, likes\)$"
    ):
        brandpulse.read(frame, mapping={"text": "body"})
    with pytest.raises(TypeError, match=r"^load\(\) of a DataFrame takes no format \(it is no file\)$"):
        brandpulse.load(frame, format="csv")


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_times_before_1990_are_refused_whatever_pandas_time_unit(tmp_path, unit):
    """A frame's times in pandas' default `datetime64[ns, UTC]` (the schema's dtype) were taken as they were, so a
    post of 1970-01-01 (epoch 0, a placeholder) or 1969 was analyzed and stored; the same times in
    `datetime64[s, UTC]` (pandas 2's unit for datetime objects) were refused as a file's are. Both are now refused;
    times in range read back the same through the store, CSV and Parquet, whatever the unit."""
    times = pd.Series(
        pd.to_datetime(
            ["1990-01-01T00:00:00Z", "2026-11-02T10:00:00.250Z", "1969-12-31T23:59:59Z", "1970-01-01"],
            utc=True,
            format="ISO8601",
        )
    ).astype(f"datetime64[{unit}, UTC]")
    frame = pd.DataFrame(
        {"text": ["Skyway a", "Skyway b", "c", "d"], "created_at": times, "post_id": ["1", "2", "3", "4"]}
    )
    refused = (
        r"^column 'created_at' cannot be read as times: created_at '1969-12-31 23:59:59\+00:00' is before 1990 "
        r"\(refused as no post's time: a placeholder such as Unix time 0, or a time in a wrong unit\) \(row 2, and 1 "
    )
    with pytest.raises(InputError, match=refused):
        analyzed(frame)
    with pytest.raises(InputError, match=refused):
        store.ingest(tmp_path / "s.duckdb", frame)
    expected = [pd.Timestamp("1990-01-01", tz="UTC"), pd.Timestamp("2026-11-02 10:00:00.250", tz="UTC")]
    if unit == "s":
        expected[1] = pd.Timestamp("2026-11-02 10:00", tz="UTC")  # (seconds hold no fraction)
    out = analyzed(frame.iloc[:2])
    assert out["created_at"].tolist() == expected and str(out["created_at"].dtype) == "datetime64[ns, UTC]"
    assert store.ingest(tmp_path / "s.duckdb", out).inserted == 2
    assert store.load_posts(tmp_path / "s.duckdb")["created_at"].tolist() == expected
    for name in ("out.csv", "out.parquet"):
        write_table(out, tmp_path / name)
        assert brandpulse.load(tmp_path / name)["created_at"].tolist() == expected


def test_a_time_out_of_range_says_what_was_refused_and_why_in_files_and_frames():
    """A post of 1970-01-01 (Unix time 0, a placeholder) was rejected as "bad created_at '1970-01-01'", a time any
    reader can read: nothing said that times before 1990 are refused, nor why. A file's reject and a frame's error
    now say so in the same words; a cell that is no time at all is still "bad created_at"."""
    why = "(refused as no post's time: a placeholder such as Unix time 0, or a time in a wrong unit)"
    file = brandpulse.read(
        io.BytesIO(b"text,created_at\na,1970-01-01\nb,2026-11-02\nc,123456789\nd,2150-01-01T00:00:00Z\ne,lots\n")
    )
    assert file.posts["text"].tolist() == ["b"]
    assert file.rejects[["position", "reason"]].values.tolist() == [
        ["line 2", f"created_at '1970-01-01' is before 1990 {why}"],
        ["line 4", f"created_at '123456789' is before 1990 {why}"],  # (epoch seconds: 1973-11-29)
        [
            "line 5",
            "created_at '2150-01-01T00:00:00Z' is after 2099 (refused as no post's time: a placeholder, or a time in"
            " a wrong unit)",
        ],
        ["line 6", "bad created_at 'lots'"],
    ]
    for created, shown in (("1970-01-01", "1970-01-01"), (pd.Timestamp(0, tz="UTC"), "1970-01-01 00:00:00+00:00")):
        frame = pd.DataFrame({"text": ["a", "b"], "created_at": ["2026-11-02", created]}, index=["p", "q"])
        with pytest.raises(InputError) as raised:
            brandpulse.read(frame)
        assert str(raised.value) == (
            f"column 'created_at' cannot be read as times: created_at '{shown}' is before 1990 {why} (row 'q')"
        )


def test_a_frame_is_read_with_the_options_and_the_time_of_day_column_of_its_csv():
    """`read(df)` took no options (`mapping={"text": "Body"}` was a TypeError, so a frame of an export had to be renamed
    by hand) and read `created_at` dates alone beside a `time` column: every post at midnight, where the same table
    as CSV is read with its time of day. A frame now takes `mapping`, `date_order` and `fields` as `read(path)` does,
    and gives the posts of its CSV."""
    frame = pd.DataFrame(
        {
            "Body": ["Skyway lost my bag", "I love Skyway", "ok", "late again"],
            "Date": ["02/11/2026", "13/11/2026", "2026-11-03", "04.11.2026"],
            "Time": ["14:35", "2:35 PM", "", "09:05:30"],
            "likes": ["1,234", "", "3", "1.2K"],
        },
        index=[7, 8, 9, 10],
    )
    # by hand: 13/11 and 04.11 say day first; 2:35 PM is 14:35; a blank time leaves its date at midnight
    expected = pd.to_datetime(
        ["2026-11-02 14:35:00", "2026-11-13 14:35:00", "2026-11-03 00:00:00", "2026-11-04 09:05:30"], utc=True
    ).tolist()
    # columns named as the schema's: read without a mapping
    named = frame.rename(columns={"Body": "text", "Date": "created_at", "Time": "time"})
    assert brandpulse.read(named).posts["created_at"].tolist() == expected
    assert brandpulse.load(named).columns.tolist() == brandpulse.POST_COLUMNS  # (`time` read into created_at)
    # a time of day that cannot be read: a frame's cell is an error naming it, as its CSV rejects the row
    bad = named.assign(time=["14:35", "25:10", "", ""])
    with pytest.raises(InputError) as raised:
        brandpulse.read(bad)
    assert str(raised.value) == (
        "column 'time' cannot be read as times: bad time of day '25:10' in column 'time' (row 8)"
    )
    assert brandpulse.read(io.BytesIO(bad.to_csv(index=False).encode())).rejects["reason"].tolist() == [
        "bad time of day '25:10' in column 'time'"
    ]
    # times of day already: the time column is the caller's, kept
    timed = named.assign(created_at=["2026-11-02T10:00Z"] * 4)
    assert brandpulse.read(timed).posts["time"].tolist() == ["14:35", "2:35 PM", "", "09:05:30"]
    # `fields`: only these are read, so a bad count rejects nothing
    assert brandpulse.read(named.assign(likes="lots"), fields=["created_at"]).posts["likes"].isna().all()
    # a file's names are not guessed for a frame's columns: the note says how to read them
    unnamed = brandpulse.read(frame.rename(columns={"Body": "text"}))
    assert unnamed.posts["created_at"].isna().all() and unnamed.posts["Date"].tolist() == frame["Date"].tolist()
    assert unnamed.note == (
        "columns not read as fields, as a file's would be: name them with mapping={'created_at': 'Date'}"
    )
    # the frame's own names, mapped: the posts of its CSV read with the same mapping
    mapping = {"text": "Body", "created_at": "Date"}
    from_frame = brandpulse.read(frame, mapping=mapping)
    from_csv = brandpulse.read(io.BytesIO(frame.to_csv(index=False).encode()), mapping=mapping)
    assert from_frame.posts["created_at"].tolist() == expected
    assert from_frame.posts.index.tolist() == [7, 8, 9, 10] and from_frame.posts["likes"].tolist() == [
        1234,
        pd.NA,
        3,
        1200,
    ]
    pd.testing.assert_frame_equal(from_frame.posts.reset_index(drop=True), from_csv.posts)
    assert from_frame.columns == from_csv.columns == {"text": "Body", "created_at": "Date+Time", "likes": "likes"}


def test_a_frames_lists_are_read_as_the_json_or_parquet_files_lists(tmp_path):
    """`pd.read_json(lines=True)` or `pd.read_parquet` of an export whose posts hold lists (Bluesky `langs`) gave
    cells that are lists: `lang` became the text "['en', 'fr']" and `likes` [3] an InputError, where the file read by
    brandpulse gives `en;fr` and 3."""
    jsonl = tmp_path / "posts.jsonl"
    jsonl.write_text(
        '{"text": "Skyway a", "lang": ["en", "fr"], "likes": [3], "author": "ann"}\n'
        '{"text": "Skyway b", "lang": [], "likes": null, "author": ["bob", null]}\n'
    )
    expected = {"lang": ["en;fr", None], "likes": [3, None], "author": ["ann", "bob"]}
    from_file = brandpulse.read(jsonl).posts
    from_frame = brandpulse.read(pd.read_json(jsonl, lines=True)).posts
    for posts in (from_file, from_frame):
        assert posts[["lang", "likes", "author"]].astype(object).where(posts.notna(), None).to_dict("list") == expected
    pd.testing.assert_frame_equal(from_frame, from_file)
    # a Parquet list column: arrays in pandas, Arrow lists with dtype_backend="pyarrow"
    parquet = tmp_path / "posts.parquet"
    pd.DataFrame({"text": ["Skyway a", "Skyway b"], "lang": [["en", "fr"], ["de"]]}).to_parquet(parquet)
    for frame in (pd.read_parquet(parquet), pd.read_parquet(parquet, dtype_backend="pyarrow")):
        assert analyzed(frame)["lang"].tolist() == ["en;fr", "de"]
    assert brandpulse.read(parquet).posts["lang"].tolist() == ["en;fr", "de"]


def test_a_sentiment_that_is_no_analyzer_is_a_type_error():
    """`analyze(df, config, sentiment=5)` was an AttributeError deep in scoring ("'int' object has no attribute
    'name'"); an analyzer's name or object still scores."""
    frame = pd.DataFrame({"text": ["Skyway was great"]})
    with pytest.raises(TypeError, match=r"^analyze\(\) takes sentiment as an analyzer's name .* not int$"):
        brandpulse.analyze(frame, CONFIG, sentiment=5)
    assert brandpulse.analyze(frame, CONFIG, sentiment=get_analyzer("vader"))["sentiment"].tolist() == [0.6249]
    assert analyzed(frame)["sentiment_label"].tolist() == ["positive"]


def test_a_mapping_that_is_no_dict_is_a_type_error(tmp_path):
    """`read(path, mapping=[("text", "Body")])` was "list indices must be integers or slices, not tuple"."""
    path = tmp_path / "posts.csv"
    path.write_text("Body\nSkyway rocks\n")
    for source in (path, pd.read_csv(path)):
        with pytest.raises(TypeError, match=r"^mapping must be a dict \{field: column\}, .* not list$"):
            brandpulse.read(source, mapping=[("text", "Body")])
        assert brandpulse.read(source, mapping={"text": "Body"}).posts["text"].tolist() == ["Skyway rocks"]


def test_analyze_of_a_frame_reads_its_dates_with_the_configs_input_settings(tmp_path):
    """The CLI reads a file with the config's `[input] date_order` and `timezone`, but `brandpulse.analyze(df,
    config)` read the same posts without them: a Madrid team's times were read as UTC (an hour late in December),
    and a day-first 05/12/2026 with no other date to tell the order was an InputError (ambiguous)."""
    path = tmp_path / "brandpulse.toml"
    path.write_text('[input]\ndate_order = "dmy"\ntimezone = "Europe/Madrid"\n[brands.Skyway]\nterms = ["Skyway"]\n')
    config = brandpulse.load_config(path)
    posts = pd.DataFrame(
        {"text": ["Skyway lost my bag", "Skyway on time"], "created_at": ["05/12/2026 10:00", "31/12/2026 23:15"]}
    )
    out = brandpulse.analyze(posts, config)
    # by hand: Madrid is UTC+1 in December
    assert out["created_at"].tolist() == [
        pd.Timestamp("2026-12-05 09:00", tz="UTC"),
        pd.Timestamp("2026-12-31 22:15", tz="UTC"),
    ]
    csv = tmp_path / "posts.csv"
    posts.to_csv(csv, index=False)
    assert (
        out["created_at"].tolist()
        == brandpulse.read(csv, date_order="dmy", input_tz="Europe/Madrid").posts["created_at"].tolist()
    )
    alone = brandpulse.analyze(posts.iloc[:1], config)
    assert alone["created_at"].tolist() == [pd.Timestamp("2026-12-05 09:00", tz="UTC")]


def test_read_takes_a_glob_of_files_as_the_cli_does(tmp_path):
    """`brandpulse.read("dk/*.csv")` was "no such file" where `brandpulse analyze 'dk/*.csv'` read the files it
    matches. It reads each (a lock file `~$x.csv` left out, as the CLI does), their posts and rejects together, the
    rejects naming their files; a glob matching nothing is the CLI's error."""
    (tmp_path / "dk").mkdir()
    (tmp_path / "dk" / "b.csv").write_text("text,created_at\nSkyway b,2026-12-02\n,2026-12-02\n")
    (tmp_path / "dk" / "a.csv").write_text("text,created_at\nSkyway a,2026-12-01\n")
    (tmp_path / "dk" / "~$a.csv").write_text("text\nlock\n")
    (tmp_path / "dk" / "notes.txt").write_text("text\nnot matched\n")
    read = brandpulse.read(str(tmp_path / "dk" / "*.csv"))
    assert read.posts["text"].tolist() == ["Skyway a", "Skyway b"] and read.rows_read == 3
    assert read.rejects[["source", "position", "reason"]].values.tolist() == [
        [str(tmp_path / "dk" / "b.csv"), "line 3", "empty text"]
    ]
    assert brandpulse.load(tmp_path / "dk" / "a*.csv")["text"].tolist() == ["Skyway a"]  # (one file: as itself)
    with pytest.raises(InputError, match=r"\*\.json: no file matches"):
        brandpulse.read(str(tmp_path / "dk" / "*.json"))


def test_read_of_a_closed_file_says_so(tmp_path):
    """`read(fh)` after its `with` block raised Python's "ValueError: read of closed file": it names the file and
    the fix."""
    path = tmp_path / "posts.csv"
    path.write_text("text\nSkyway\n")
    with open(path, "rb") as fh:
        pass
    with pytest.raises(InputError) as raised:
        brandpulse.read(fh)
    assert str(raised.value) == (
        f"{path}: the file is closed: read it while it is open (inside its `with` block), or give its name"
    )


def test_a_text_of_invisible_characters_only_is_an_empty_text():
    """A post whose text is a zero-width space (U+200B), a word joiner, a byte-order mark, direction marks or a
    Hangul filler, alone or with spaces, showed nothing but was kept and analyzed as a post. It is rejected as
    "empty text", as an empty or blank one is, from a file and from a frame; a text with a word among them is kept."""
    texts = ["\u200b", " \u2060\u200d ", "\ufeff", "\u200e\u200f", "\u3164", "\u2800\n\u2800", "\u200bSkyway\u200b"]
    csv = "text\n" + "".join(f'"{t}"\n' for t in texts)
    read = brandpulse.read(io.BytesIO(csv.encode()), format="csv")
    assert read.posts["text"].tolist() == ["\u200bSkyway\u200b"]
    assert read.rejects["reason"].tolist() == ["empty text"] * 6
    framed = brandpulse.read(pd.DataFrame({"text": texts}))
    assert framed.posts["text"].tolist() == ["\u200bSkyway\u200b"] and len(framed.rejects) == 6


def test_a_zips_posts_csv_is_unpacked_once(tmp_path, monkeypatch):
    """A zip's `posts.csv` was unpacked twice: once to look at its header (is it Reddit's export?), then again to be
    read. It is unpacked once."""
    import zipfile

    reddit = (FIXTURES / "platforms" / "reddit_posts.csv").read_bytes()
    with zipfile.ZipFile(tmp_path / "export.zip", "w") as zf:
        zf.writestr("posts.csv", reddit)
        zf.writestr("README.txt", "not read")
    unpacked = []
    real = zipfile.ZipFile.read

    def counted(self, name, pwd=None):
        unpacked.append(name)
        return real(self, name, pwd)

    monkeypatch.setattr(zipfile.ZipFile, "read", counted)
    read = brandpulse.read(tmp_path / "export.zip")
    assert unpacked == ["posts.csv"]
    assert len(read.posts) == len(brandpulse.read(io.BytesIO(reddit), format="csv").posts) > 0


def test_the_readmes_reviews_per_release_keep_an_app_version_through_analyze():
    """README "Reviews per app release": an app version is no schema field, and `read(..., keep=[...])` is the way
    the README gives to compare releases: the Play Console's `App Version Name` goes through `analyze` beside each
    review's stars."""
    config = brandpulse.Config(brands=[brandpulse.Brand("Acme", ["Acme"])])
    loaded = brandpulse.read(FIXTURES / "platforms" / "google_play_reviews.csv", keep=["App Version Name"])
    rows = brandpulse.analyze(loaded.posts, config)
    assert rows[["App Version Name", "rating"]].astype(str).values.tolist() == [["4.1.2", "1.0"], ["4.1.3", "5.0"]]


def test_a_frames_review_replies_and_versions_are_read_as_a_files_are(tmp_path):
    """A frame's `replied_at` stayed as it was (text, or naive times) while its CSV's was read as times, and
    `store.ingest` of the frame, analyzed or not, stopped with pandas' `AttributeError: Can only use .dt accessor`
    (a naive time: `TypeError: Cannot convert tz-naive timestamps`). Its reply, reply time and app version are read
    as a file's now: times in any zone, text or pandas times, NaT empty; a number of a version as text."""
    when = ["2026-12-05T10:00Z", "2026-12-05 11:00", None, "2026-12-04T10:00+01:00"]
    frame = pd.DataFrame(
        {
            "platform": "google_play",
            "post_id": ["1", "2", "3", "4"],
            "text": ["Skyway app crashes", "Skyway login broken", "ok app", "Skyway slow"],
            "created_at": "2026-12-01T09:00Z",
            "rating": ["1", "8/10", 4, None],
            "reply": ["Sorry, fixed in 5.2", "  We are on it ", None, "Thanks"],
            "replied_at": when,
            "app_version": ["5.1.0", "5.10.0", None, "5.9"],
        }
    )
    expected = [
        pd.Timestamp("2026-12-05 10:00", tz="UTC"),
        pd.Timestamp("2026-12-05 11:00", tz="UTC"),
        pd.NaT,
        pd.Timestamp("2026-12-04 09:00", tz="UTC"),
    ]
    as_times = frame.assign(replied_at=pd.to_datetime(pd.Series(when), format="mixed", utc=True))  # (NaT among them)
    naive = frame.assign(replied_at=pd.to_datetime(pd.Series(expected)).dt.tz_localize(None))
    for df in (frame, as_times, naive):
        posts = brandpulse.read(df).posts
        assert posts["replied_at"].dtype == "datetime64[ns, UTC]" and posts["replied_at"].tolist() == expected
        assert posts["reply"].tolist() == ["Sorry, fixed in 5.2", "We are on it", pd.NA, "Thanks"]
        assert posts["rating"].tolist() == [1.0, 4.0, 4.0, pd.NA]
    # the same cells as a CSV file give the same posts (a review file: it has a rating)
    file = loaded(frame)
    assert file["replied_at"].tolist() == expected and file["app_version"].tolist() == ["5.1.0", "5.10.0", pd.NA, "5.9"]
    assert brandpulse.read(frame).posts["app_version"].tolist() == file["app_version"].tolist()
    db = tmp_path / "s.duckdb"
    assert store.ingest(db, naive) == store.IngestCounts(inserted=4)  # (unanalyzed)
    assert store.ingest(db, analyzed(frame)) == store.IngestCounts(updated=4)  # (its analysis now)
    stored = store.load_posts(db, columns=["post_id", "reply", "replied_at"]).sort_values("post_id")
    assert stored["replied_at"].tolist() == expected and stored["reply"].tolist()[:2] == [
        "Sorry, fixed in 5.2",
        "We are on it",
    ]
    # an app version pandas gave as numbers is text, as a JSON file's number is
    numbered = brandpulse.read(frame.assign(app_version=pd.Series([5.1, 510, None, 6], dtype=object))).posts
    assert numbered["app_version"].dtype == "string" and numbered["app_version"].tolist() == ["5.1", "510", pd.NA, "6"]


def test_a_frames_reply_time_that_is_no_time_names_its_row():
    """A frame's `replied_at` that reads as no time (`yesterday-ish`, which a file's review is rejected for) was kept
    as text, and the store's ingest stopped on it with a traceback; it is an InputError naming the column, the row
    and the value, as a frame's bad `created_at` is."""
    frame = pd.DataFrame(
        {"text": ["a", "b"], "rating": [1, 2], "reply": ["x", "y"], "replied_at": ["2026-12-05", "yesterday-ish"]},
        index=["p", "q"],
    )
    for call in (brandpulse.read, analyzed, lambda df: store.ingest(":memory:", df)):
        with pytest.raises(InputError) as raised:
            call(frame)
        assert str(raised.value) == (
            "column 'replied_at' cannot be read as times: bad replied_at 'yesterday-ish' (row 'q')"
        )


def test_input_tz_reads_a_reviews_reply_time_on_the_same_clock_as_its_post(tmp_path):
    """`read(csv, input_tz="Europe/Berlin")` read `created_at` on Berlin's clock but its `replied_at`, written beside
    it on the same clock, as UTC: a reply two hours after the review came out four. Files, chunks and frames alike;
    a time with its own zone stays as written."""
    path = tmp_path / "reviews.csv"
    path.write_text(
        "review_id,created_at,text,rating,reply,replied_at\n"
        "1,2026-07-01 10:00:00,the app crashes,1,sorry about that,2026-07-01 12:00:00\n"
        "2,2026-07-01 10:00:00,works well,5,thanks,2026-07-01T12:00:00Z\n"
    )
    utc = pd.Timestamp("2026-07-01 08:00", tz="UTC")  # (10:00 in Berlin's summer time)
    expected = [utc + pd.Timedelta(hours=2), pd.Timestamp("2026-07-01 12:00", tz="UTC")]
    frame = pd.read_csv(path, dtype=str)
    chunks = pd.concat([c.posts for c in iter_read(path, chunksize=1, input_tz="Europe/Berlin")])
    for posts in (
        brandpulse.read(path, input_tz="Europe/Berlin").posts,
        chunks,
        brandpulse.read(frame, input_tz="Europe/Berlin").posts,
    ):
        assert posts["created_at"].tolist() == [utc, utc]
        assert posts["replied_at"].tolist() == expected
    assert brandpulse.read(path).posts["replied_at"].tolist()[0] == pd.Timestamp("2026-07-01 12:00", tz="UTC")


def test_a_frames_app_version_of_whole_numbers_pandas_made_floats_is_text():
    """`pd.read_csv` of versions `510` beside an empty cell gives 510.0, which was read as the version "510.0"."""
    frame = pd.DataFrame({"text": ["Great app", "Bad app", "Fine"], "rating": [5, 1, 3], "app_version": [510, None, 7]})
    assert frame["app_version"].dtype == float
    assert brandpulse.read(frame).posts["app_version"].fillna("").tolist() == ["510", "", "7"]
    parquet = io.BytesIO()
    pd.DataFrame({"content": ["Great app"] * 2, "score": [5, 4], "appVersion": [510, None]}).to_parquet(parquet)
    parquet.seek(0)
    assert brandpulse.read(parquet, format="parquet").posts["app_version"].fillna("").tolist() == ["510", ""]


class _Noisy:
    """An analyzer whose scores carry binary noise, one of them just past the -0.05 threshold."""

    name = "noisy"
    scores = {"a": -0.7967000000000001, "b": 0.06044999999999999, "c": -0.05000001}

    def score(self, texts):
        return np.array([self.scores[t] for t in texts]), np.full(len(texts), np.nan)


def test_rows_keep_the_full_score_and_its_label_and_are_written_to_four_decimals(tmp_path):
    posts = pd.DataFrame({"text": ["a", "b", "c"]})
    rows = brandpulse.analyze(posts, brandpulse.Config(), sentiment=_Noisy())
    assert rows["sentiment"].tolist() == [-0.7967000000000001, 0.06044999999999999, -0.05000001]
    # the label of the full score: -0.05000001 is below -0.05, negative, though it is written -0.05
    assert rows["sentiment_label"].tolist() == ["negative", "positive", "negative"]
    write_table(rows, tmp_path / "rows.csv")
    back = pd.read_csv(tmp_path / "rows.csv", dtype=str)
    assert back["sentiment"].tolist() == ["-0.7967", "0.0604", "-0.05"]
    assert back["sentiment_label"].tolist() == ["negative", "positive", "negative"]


def test_a_folders_archive_is_told_of_by_the_library_as_the_cli_tells_of_it(tmp_path):
    """`brandpulse.load("exports")` read the daily CSVs and left `october.zip` beside them out without a word, where
    `brandpulse analyze exports` warns of it: now `read` gives it in `Loaded.warning` (the warning the CLI shows even
    with -q) and `load` raises it as a UserWarning; a folder without one warns of nothing."""
    import zipfile

    days = tmp_path / "exports"
    days.mkdir()
    (days / "2026-11-02.csv").write_text("post_id,text\n1,Skyway late\n")
    (days / "2026-11-03.csv").write_text("post_id,text\n2,Skyway fine\n")
    assert brandpulse.read(days).warning == ""
    with zipfile.ZipFile(days / "october.zip", "w") as z:
        z.writestr("2026-10-30.csv", "post_id,text\n9,Skyway old\n")
    told = f"{days / 'october.zip'}: an archive in a folder is not read (give it as FILE)"
    loaded = brandpulse.read(days)
    assert loaded.posts["post_id"].tolist() == ["1", "2"] and loaded.warning == told
    with pytest.warns(UserWarning) as caught:
        posts = brandpulse.load(days)
    assert len(posts) == 2 and [str(w.message) for w in caught] == [told]
