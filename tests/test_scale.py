"""Chunked, parallel and Dask runs of `analyze` give the in-memory run's rows, summary and rejects."""

from __future__ import annotations

import contextlib
import faulthandler
import io
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brandpulse import sources
from brandpulse.cli import main
from brandpulse.engines.chunked import SeenKeys, chunk_keys
from brandpulse.engines.distributed import first_occurrences
from brandpulse.errors import ConfigError, InputError, on_the_command_line
from brandpulse.pipeline import post_keys
from brandpulse.report.summary import add_counts, brand_counts, brand_summary, brand_summary_from_counts
from brandpulse.schema import byte_counts, non_ascii_matches
from brandpulse.sources import files as csv_files
from brandpulse.sources import iter_read
from brandpulse.sources.files import iter_csv, read_csv

CONFIG = """
[brands.Skyway]
terms = ["Skyway"]
[brands.QuickBite]
terms = ["QuickBite"]
[brands.Aerolux]
terms = ["Aerolux"]
competitor = true
[brands.FeastNow]
terms = ["FeastNow"]
competitor = true
[language]
detect = false
"""

# physical lines: 1 header, 2 r1, 3-4 r2 (newline in quotes), 5 r3, 6 r4 = r1 again, 7 r5 and 8 r6 (no id,
# posted at different times: both kept), 9 r7 (bad date), 10 ragged, 11 r8 (reddit id 1 is not twitter
# id 1), 12-13 r9 = r2 again, 14 r10, 15 r11 (a formula-like text)
POSTS = (
    "post_id,platform,created_at,author,text,likes\n"
    "1,twitter,2026-01-01T00:00:00Z,ann,Skyway lost my bag again,3\n"
    '2,twitter,2026-01-01T01:00:00Z,bob,"Love Skyway\ngreat crew",5\n'
    "3,reddit,2026-01-01T02:00:00Z,cat,QuickBite was late and cold,0\n"
    "1,twitter,2026-01-01T03:00:00Z,ann,Skyway lost my bag again,3\n"
    ",twitter,2026-01-01T04:00:00Z,dan,no id here about FeastNow,1\n"
    ",twitter,2026-01-01T04:30:00Z,dan,no id here about FeastNow,1\n"
    "4,twitter,not a date,eve,Skyway is fine,2\n"
    "5,twitter,2026-01-02T00:00:00Z,fay,too,many,fields,here\n"
    '1,reddit,2026-01-02T01:00:00Z,gus,"Aerolux ""best"" airline, never late",7\n'
    '2,twitter,2026-01-02T02:00:00Z,bob,"Love Skyway\ngreat crew",5\n'
    "6,mastodon,2026-01-02T03:00:00Z,hal,Thanks QuickBite 😍,4\n"
    "7,twitter,2026-01-02T04:00:00Z,ivy,=cmd Skyway,0\n"
)
LAST_LINE = "read 12 rows: analyzed 8, duplicates 2, rejected 2"


@pytest.fixture
def files(tmp_path):
    (tmp_path / "posts.csv").write_text(POSTS, encoding="utf-8")
    (tmp_path / "bp.toml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def analyze(runner, files, *extra, name="whole"):
    out = files / name
    out.mkdir()
    args = ["analyze", str(files / "posts.csv"), "-c", str(files / "bp.toml"), "-o", str(out / "rows.csv")]
    args += ["--summary-csv", str(out / "summary.csv"), "--rejects", str(out / "rejects.csv"), *extra]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.stderr
    return out, result


def test_chunks_give_the_same_rows_summary_and_rejects(runner, files):
    whole, result = analyze(runner, files)
    assert result.stderr.strip().splitlines()[-1] == LAST_LINE + " (in " + str(whole / "rejects.csv") + ")"
    rows = pd.read_csv(whole / "rows.csv", dtype=str, keep_default_na=False)
    # r1, r2, r3, r5, r6 (no id, kept), r8, r10, r11: the copies of twitter 1 and 2 are dropped
    assert rows["author"].tolist() == ["ann", "bob", "cat", "dan", "dan", "gus", "hal", "ivy"]
    assert rows["text"].iloc[7] == "'=cmd Skyway"  # neutralised the same way in every chunk
    summary = pd.read_csv(whole / "summary.csv")
    mentions = summary.set_index("brand")["mentions"].to_dict()
    assert mentions == {"Skyway": 3, "QuickBite": 2, "Aerolux": 1, "FeastNow": 2}
    assert summary.set_index("brand").loc["Skyway", "share_of_voice"] == 37.5  # 3 of 8 mentions
    rejects = pd.read_csv(whole / "rejects.csv", dtype=str)
    # in line order, unparseable or not, as `read` lists them
    assert rejects["position"].tolist() == ["line 9", "line 10"]
    assert rejects["reason"].tolist() == ["bad created_at 'not a date'", "expected 6 fields, saw 8"]

    for extra in (["--chunksize", "3"], ["--chunksize", "1"], ["--chunksize", "2", "--jobs", "2"]):
        name = "-".join(extra).replace("--", "")
        chunked, result = analyze(runner, files, *extra, name=name)
        assert (chunked / "rows.csv").read_bytes() == (whole / "rows.csv").read_bytes(), extra
        assert (chunked / "summary.csv").read_bytes() == (whole / "summary.csv").read_bytes(), extra
        assert (chunked / "rejects.csv").read_bytes() == (whole / "rejects.csv").read_bytes(), extra
        assert result.stderr.strip().splitlines()[-1].startswith(LAST_LINE), extra


def test_cli_chunks_equal_the_library_whole_table_run(runner, files):
    """The CLI streams in chunks by default (flat memory); the library API works on one whole table."""
    import brandpulse
    from brandpulse.output.writers import to_bytes

    cli, _ = analyze(runner, files)
    config = brandpulse.load_config(files / "bp.toml")
    posts = brandpulse.drop_duplicates(brandpulse.read(files / "posts.csv").posts).reset_index(drop=True)
    rows = brandpulse.analyze(posts, config)
    assert to_bytes(rows, "csv") == (cli / "rows.csv").read_bytes()
    assert to_bytes(brandpulse.brand_summary(rows, config), "csv") == (cli / "summary.csv").read_bytes()


def test_chunked_parquet_and_jsonl_equal_the_whole_run(runner, files):
    for ext in ("parquet", "jsonl"):
        whole = files / f"whole.{ext}"
        part = files / f"chunked.{ext}"
        common = ["analyze", str(files / "posts.csv"), "-c", str(files / "bp.toml"), "-q"]
        assert runner.invoke(main, [*common, "-o", str(whole)]).exit_code == 0
        assert runner.invoke(main, [*common, "-o", str(part), "--chunksize", "2"]).exit_code == 0
        if ext == "parquet":
            a, b = pd.read_parquet(whole), pd.read_parquet(part)
            pd.testing.assert_frame_equal(a, b)
            assert a["author"].tolist() == ["ann", "bob", "cat", "dan", "dan", "gus", "hal", "ivy"]
        else:
            assert part.read_bytes() == whole.read_bytes()


def test_chunked_refuses_json_array_output(runner, files):
    args = ["analyze", str(files / "posts.csv"), "-c", str(files / "bp.toml"), "-o", str(files / "o.json")]
    result = runner.invoke(main, [*args, "--chunksize", "5"])
    assert result.exit_code == 2  # options that do not combine: a usage error
    assert "--chunksize/--jobs write csv, tsv, jsonl, parquet, not json" in result.stderr
    assert not (files / "o.json").exists()


@pytest.mark.parametrize("kind", [pa.string(), pa.large_string()])
def test_value_offsets_and_bytes_read_a_string_array_and_its_slices(kind):
    from brandpulse.schema import value_bytes, value_offsets

    arr = pa.array(["ab", None, "", "çd", "e"], kind)
    assert value_offsets(arr).tolist() == [0, 2, 2, 2, 5, 6]
    assert value_bytes(arr) == "abçde".encode()
    assert value_offsets(arr.slice(3)).tolist() == [2, 5, 6] and value_bytes(arr.slice(3)) == "çde".encode()
    assert value_bytes(arr.slice(1, 2)) == b"" and value_bytes(arr.slice(0, 0)) == b""
    assert value_offsets(pa.array([], kind)).tolist() == [0]


@pytest.mark.parametrize("kind", [pa.string(), pa.large_string()])
def test_bytes_are_counted_per_value_from_the_buffers(kind):
    values = ["a\nb", None, "", "\n\n", "no newline", "x\ny\nz\n", "\n"]
    chunked = pa.chunked_array([pa.array(values[:3], kind), pa.array(values[3:], kind).slice(0)], kind)
    column = pd.Series(pd.arrays.ArrowStringArray(chunked))
    expected = [(v or "").count("\n") for v in values]
    assert byte_counts(column, b"\n").tolist() == expected == [1, 0, 0, 2, 0, 3, 1]
    sliced = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([pa.array(values, kind).slice(3, 3)])))
    assert byte_counts(sliced, b"\n").tolist() == [2, 0, 3]  # a slice: bytes outside it do not count
    assert byte_counts(pd.Series(["p\nq", None], dtype=object), b"\n").tolist() == [1, 0]
    several = [sum(map((v or "").count, "\nz#")) for v in values]
    assert byte_counts(column, b"\nz#").tolist() == several == [1, 0, 0, 2, 0, 4, 1]
    assert byte_counts(column, b"#%").tolist() == [0] * 7


_WIDE_PATTERNS = ["[\u00c0-\u024f\u2000-\u200d]", "[^\\x00-\\x7f\\PL]|\\x{85}", "[\U0001d400-\U0001d7ff]+"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.none() | st.text(st.sampled_from("ab ,\n\x85é\u00c0\u2001ж𝐠🙂"), max_size=6), max_size=12),
    st.integers(0, 3),
    st.sampled_from(_WIDE_PATTERNS),
    st.sampled_from([pa.string(), pa.large_string()]),
)
def test_non_ascii_matches_equal_a_scan_of_every_value(values, cut, pattern, kind):
    """A pattern only non-ASCII characters match, scanned over the non-ASCII values only: the same
    answers as over every value (nulls never match), for plain, chunked and sliced arrays."""
    arr = pa.array(values, kind)
    every = pc.fill_null(pc.match_substring_regex(arr, pattern), False).to_numpy(zero_copy_only=False).tolist()
    assert non_ascii_matches(arr, pattern).tolist() == every
    chunked = pa.chunked_array([arr.slice(0, cut), arr.slice(cut)], kind)
    assert non_ascii_matches(chunked, pattern).tolist() == every
    assert non_ascii_matches(arr.slice(cut), pattern).tolist() == every[cut:]


def test_iter_csv_keeps_physical_lines_across_chunks():
    data = POSTS.encode()
    whole = read_csv(data)
    parts = list(iter_csv(io.BytesIO(data), chunksize=2))
    assert [len(p.records) for p in parts] == [2, 2, 2, 2, 2, 1]
    positions = [x for p in parts for x in p.positions]
    assert positions == list(whole.positions)
    assert positions[:3] == ["line 2", "line 3", "line 5"]  # line 4 is inside r2's quotes
    assert positions[-4:] == ["line 11", "line 12", "line 14", "line 15"]  # r9 spans 12-13
    bad = [b for p in parts for b in p.bad]
    assert bad == whole.bad == [("line 10", "expected 6 fields, saw 8", bad[0][2])]
    assert parts[3].bad == bad  # between r7 and r8: the chunk holding both


def test_iter_csv_reads_cp1252_after_the_first_megabyte():
    filler = "".join(f"{i},twitter,x{i}\n" for i in range(60_000))  # > 1 MB of plain ASCII
    data = ("post_id,platform,text\n" + filler).encode() + "9,twitter,déjà vu\n".encode("cp1252")
    parts = list(iter_csv(io.BytesIO(data), chunksize=25_000))
    assert sum(len(p.records) for p in parts) == 60_001
    assert parts[-1].records["text"].iloc[-1] == "déjà vu"
    assert parts[-1].positions.iloc[-1] == "line 60002"
    assert parts[0].note == ""  # the top was plain UTF-8


# UTF-8 characters of 1 to 4 bytes, cp1252 bytes (a lone é, €, holes like 0x81), stray continuation
# and lead bytes, an overlong start, NULs: cut at any block boundary
_BYTES = st.lists(
    st.sampled_from([b"a", b"\n", "é".encode(), "€".encode(), "😀".encode(), b"\xe9", b"\x80", b"\x81", b"\xff"])
    | st.sampled_from([b"\xe0\x80", b"\xf0\x9f", b"\xc3", b"\x00", "déjà".encode("cp1252")]),
    max_size=40,
).map(b"".join)


@settings(max_examples=300, deadline=None)
@given(data=_BYTES, block=st.integers(1, 9))
def test_utf8_with_cp1252_bytes_reads_as_one_decode(data, block):
    """Blocks that are valid UTF-8 pass as they are, the others are decoded: together, what one
    decode of the whole input with the cp1252 fallback gives, wherever the blocks are cut."""
    stream = csv_files.Utf8Stream(io.BytesIO(data), "utf-8+cp1252", block=block)
    want = data.decode("utf-8", "brandpulse-cp1252").encode("utf-8", "surrogatepass").replace(b"\x00", b"")
    assert stream.read() == want


@settings(max_examples=300, deadline=None)
@given(
    data=st.lists(st.sampled_from([b"a", b"\r", b"\n", b"\r\n"]), max_size=30).map(b"".join),
    block=st.integers(1, 9),
    encoding=st.sampled_from(["utf-8", "utf-8+cp1252"]),
    whole=st.booleans(),
)
def test_stream_lines_end_at_lf_crlf_and_cr_alone(data, block, encoding, whole):
    """The lines `line` looks up end where pyarrow ends them: at LF, CRLF (its CR kept with the line, as
    written) and CR alone, also where the blocks cut a CRLF (the CR then took the LF's line for its own);
    `whole`: the blocks kept as views of the file's bytes (`read_csv`)."""
    stream = csv_files.Utf8Stream(io.BytesIO(data), encoding, block=block, whole=data if whole else None)
    assert stream.read() == data
    want = data.replace(b"\r\n", b"\x00").replace(b"\r", b"\n").replace(b"\x00", b"\r\n")
    lines = want.split(b"\n")  # (the line after the last line end: empty)
    assert [stream.line(n) for n in range(1, len(lines) + 1)] == lines


def test_a_whole_file_read_keeps_no_copy_of_the_file_for_the_quote_check(monkeypatch):
    """`read_csv` has the file's bytes: the blocks kept for the mid-field quote check are views of them, not a
    copy of the whole file (Python memory at the check: 21 MB for this 16 MB file, 4 MB now: a block)."""
    import tracemalloc

    rows = "".join(f'{i},"Acme post {i} {"x" * 80}",3\n' for i in range(160_000))
    data = ("id,text,likes\n" + rows).encode()
    seen, check = [], csv_files._closed_mid_field

    def spy(*args):
        seen.append(tracemalloc.get_traced_memory()[0])
        return check(*args)

    monkeypatch.setattr(csv_files, "_closed_mid_field", spy)
    tracemalloc.start()
    try:
        raw = csv_files.read_csv(data)
    finally:
        tracemalloc.stop()
    assert len(raw.records) == 160_000 and len(seen) == 1
    assert seen[0] < len(data) // 2


def test_a_record_longer_than_a_block_loses_no_record_when_the_file_is_read_again(monkeypatch):
    """pyarrow reads ahead in a thread that outlives a reader failing on a record longer than its block:
    that thread moved the file's position under the next read, which lost a record (3,000 of 3,001 here
    in every run, and now and then in the suite's 5 MB-field test)."""

    class SlowFile(io.BytesIO):  # a disk under load: reads take a while, so the old thread is still reading
        def read(self, n=-1):
            time.sleep(0.002)
            return super().read(n)

    monkeypatch.setattr(csv_files, "BLOCK", 1 << 12)
    monkeypatch.setattr(csv_files.Utf8Stream.__init__, "__defaults__", (0, 1 << 12))
    data = ("id,text\n0," + "x" * 200_000 + "\n" + "".join(f"{i},post {i}\n" for i in range(1, 3001))).encode()
    (raw,) = csv_files.iter_csv(SlowFile(data), chunksize=10**6)
    assert len(raw.records) == 3001
    assert raw.records["id"].tolist() == [str(i) for i in range(3001)]


def test_stdin_is_streamed_in_chunks_like_a_file(tmp_path, monkeypatch):
    rows = "post_id,platform,text\n" + "".join(f"{i},twitter,post {i}\n" for i in range(5)) + "bad,row\n9,twitter,x\n"
    (tmp_path / "p.csv").write_text(rows)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(rows.encode())))
    whole_reader = sources._read_data

    def no_whole_read(*args):
        raise AssertionError("CSV from stdin was read whole")

    monkeypatch.setattr(sources, "_read_data", no_whole_read)
    from_stdin, from_file = list(iter_read("-", 2)), list(iter_read(tmp_path / "p.csv", 2))
    monkeypatch.setattr(sources, "_read_data", whole_reader)
    assert len(from_stdin) == len(from_file) > 1
    for a, b in zip(from_stdin, from_file, strict=True):
        pd.testing.assert_frame_equal(a.posts, b.posts)
    rejects = pd.concat([x.rejects for x in from_stdin])
    assert rejects[["source", "position", "record"]].values.tolist() == [["<stdin>", "line 7", "bad,row"]]
    # a JSON array cannot be streamed: read whole, then handed out in chunks
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO(b'[{"id": "1", "text": "a"}, {"id": "2", "text": "b"}]'))
    )
    assert [x.posts["text"].tolist() for x in iter_read("-", 1)] == [["a"], ["b"]]


def test_records_longer_than_a_block_are_read_again_with_larger_blocks(monkeypatch):
    """pyarrow fails on a record longer than about a block; the reader starts again with larger blocks
    and passes over what it passed on before: every record once, in order, at its own line."""
    monkeypatch.setattr(csv_files, "BLOCK", 1 << 12)
    rows = ["post_id,platform,text", *(f"{i},twitter,post {i}" for i in range(200))]
    rows.insert(51, "bad,row")
    long_at = len(rows)
    rows += [f'999,twitter,"{"x" * 50_000}\nsecond line"', "also,bad", *(f"{i},twitter,after {i}" for i in range(5))]
    data = ("\n".join(rows) + "\n").encode()
    parts = list(iter_csv(io.BytesIO(data), chunksize=60))
    assert len(parts) > 3  # chunks were passed on before the long record was met
    records = pd.concat([p.records for p in parts], ignore_index=True)
    good = [r for r in rows[1:] if "bad" not in r]
    assert records["post_id"].tolist() == [r.split(",")[0] for r in good]
    lines = pd.concat([p.positions for p in parts], ignore_index=True).tolist()
    # line of rows[k] is k + 1, plus one after the record with a newline inside
    expected = [f"line {k + 1 + (k > long_at)}" for k, r in enumerate(rows) if k and "bad" not in r]
    assert lines == expected
    rejects = [(pos, rec) for p in parts for pos, _, rec in p.bad]
    assert rejects == [("line 52", "bad,row"), (f"line {long_at + 2 + 1}", "also,bad")]


def test_a_record_longer_than_the_largest_block_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_files, "BLOCK", 1 << 12)
    monkeypatch.setattr(csv_files, "MAX_BLOCK", 1 << 14)
    (tmp_path / "p.csv").write_text(f'post_id,platform,text\n1,twitter,ok\n2,twitter,"{"x" * 100_000}"\n')
    with pytest.raises(InputError, match=r"p\.csv: cannot parse as CSV: .*straddl") as caught:
        list(iter_read(tmp_path / "p.csv", 10))
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("block", [1 << 21, 2])  # one block, and a new block every two keys
def test_seen_keys_drop_posts_kept_in_earlier_chunks(block):
    seen = SeenKeys(block)

    def chunk(rows):
        df = pd.DataFrame(rows, columns=["platform", "post_id"], dtype="string[pyarrow]")
        # posts without an id are keyed on their text (and author and time): "a" twice is one post
        return df.assign(text=pd.array(["a" if i is None else "" for _, i in rows], dtype="string[pyarrow]"))

    first = seen.drop_seen(chunk([("twitter", "1"), ("twitter", "2"), ("twitter", None), ("twitter", "1")]))
    assert first.values.tolist() == [["twitter", "1", ""], ["twitter", "2", ""], ["twitter", pd.NA, "a"]]
    second = seen.drop_seen(
        chunk([("twitter", "1"), ("reddit", "1"), ("twitter", None), ("twitter", "3"), ("twitter", "3")])
    )
    assert second.values.tolist() == [["reddit", "1", ""], ["twitter", "3", ""]]  # the post without an id: seen
    third = seen.drop_seen(chunk([("reddit", "1"), ("twitter", "2"), ("mastodon", "2")]))
    assert third.values.tolist() == [["mastodon", "2", ""]]
    fourth = seen.drop_seen(chunk([("mastodon", "2"), ("twitter", "3"), ("reddit", "9"), ("twitter", "1")]))
    assert fourth.values.tolist() == [["reddit", "9", ""]]
    fifth = seen.drop_seen(chunk([("reddit", "10"), ("reddit", None)]))  # nothing to drop: reddit's "a" is new
    assert fifth.values.tolist() == [["reddit", "10", ""], ["reddit", pd.NA, "a"]]
    assert seen.drop_seen(chunk([("reddit", "10")])).empty


# two review sites' reviews 1 and 2, the site in no column: the second pair of other authors and texts
CLASHING_IDS = "id,author,text\n1,ann,great phone\n2,bob,bad battery\n1,cat,love the screen\n2,dan,slow delivery\n"


def test_posts_of_no_platform_sharing_an_id_are_kept_apart_across_chunks(runner, tmp_path):
    """`--chunksize 2` dropped the second pair (`duplicates 2`) that a whole read keeps (`duplicates 0`)."""
    (tmp_path / "x.csv").write_text(CLASHING_IDS, encoding="utf-8")
    runs = [
        runner.invoke(main, ["analyze", str(tmp_path / "x.csv"), "-f", "csv", *n]) for n in ([], ["--chunksize", "2"])
    ]
    assert [r.exit_code for r in runs] == [0, 0], runs[1].stderr
    assert runs[1].stdout == runs[0].stdout
    assert pd.read_csv(io.StringIO(runs[1].stdout))["author"].tolist() == ["ann", "bob", "cat", "dan"]
    assert "analyzed 4, duplicates 0" in runs[1].stderr.strip().splitlines()[-1]


@pytest.mark.parametrize("block", [1 << 21, 2])
@pytest.mark.parametrize("seed", range(40))
def test_seen_keys_over_chunks_drop_what_a_whole_read_drops(block, seed):
    """Posts of no platform (or of one) sharing ids, authors and texts, some missing, cut in chunks of any size:
    the chunks drop the posts `post_keys` of the whole frame repeats, and the partitions of the dask engine too."""
    rng = np.random.default_rng(seed)
    n = 12

    def pick(values):
        return pd.array(rng.choice(np.array(values, dtype=object), n), dtype="string[pyarrow]")

    df = pd.DataFrame(
        {
            "post_id": pick(["1", "2", "3", None, ""]),
            "platform": pick([None, None, "", "trustpilot"]),
            "author": pick(["ann", "bob", "cat", None]),
            "created_at": pd.to_datetime(rng.choice(["2026-01-01", "2026-01-02"], n), utc=True),
            "text": pick(["good", "bad", "ok", None]),
        }
    )
    whole = ~pd.Series(post_keys(df)).duplicated().to_numpy()
    for size in range(1, n + 1):
        pieces = [df.iloc[i : i + size].reset_index(drop=True) for i in range(0, n, size)]
        seen = SeenKeys(block)
        kept = np.concatenate([seen.keep(chunk_keys(piece)) for piece in pieces])
        assert kept.tolist() == whole.tolist(), size
        assert np.concatenate(first_occurrences([chunk_keys(p) for p in pieces])).tolist() == whole.tolist(), size


def test_rows_where_is_a_row_filter_keeping_every_column_and_dtype():
    from brandpulse.schema import rows_where

    text = pa.chunked_array([["a", None], ["c", "d", "e"]])  # a column read as a stream: several chunks
    df = pd.DataFrame(
        {
            "text": pd.arrays.ArrowStringArray(text),
            "likes": pd.array([1, None, 3, 4, 5], dtype="Int64"),
            "created_at": pd.to_datetime(["2026-01-01", None, "2026-01-03", "2026-01-04", "2026-01-05"], utc=True),
            "sentiment": [0.5, np.nan, -0.25, 0.0, 1.0],
            "extra": pd.Series(["x", "y", None, "z", "w"], index=range(10, 15), dtype=object),  # stays object
        },
        index=[10, 11, 12, 13, 14],
    )
    df.columns = ["text", "likes", "created_at", "sentiment", "text"]  # a repeated name stays
    keep = np.array([True, False, True, False, True])
    got = rows_where(df, keep)
    pd.testing.assert_frame_equal(got, df[keep].reset_index(drop=True))
    assert got.iloc[:, 0].tolist() == ["a", "c", "e"] and got.iloc[:, 4].tolist() == ["x", None, "w"]
    assert rows_where(df.iloc[:, :0], keep).shape == (3, 0)
    assert rows_where(df, np.zeros(5, dtype=bool)).dtypes.equals(df.dtypes)


def test_brand_counts_of_two_halves_add_up_to_the_whole():
    df = pd.DataFrame(
        {
            "brands": ["A", "A;B", "", "B", "A"],
            "sentiment": [0.5, -0.25, 0.0, np.nan, 0.2],
            "sentiment_label": ["positive", "negative", "neutral", None, "positive"],
        }
    )
    whole = brand_summary(df)
    halves = brand_summary_from_counts(add_counts(brand_counts(df.iloc[:2]), brand_counts(df.iloc[2:])))
    pd.testing.assert_frame_equal(halves, whole)
    a = whole.set_index("brand").loc["A"]
    # A: 0.5, -0.25, 0.2 -> 2 positive, 1 negative, NSS (2-1)/3, average 0.45/3
    assert (a["mentions"], a["positive"], a["negative"], a["nss"], a["avg_sentiment"]) == (3, 2, 1, 33.3, 0.15)
    b = whole.set_index("brand").loc["B"]
    assert (b["mentions"], b["negative"], b["avg_sentiment"]) == (2, 1, -0.25)  # the unscored post counts once


def test_summary_of_no_rows_is_empty_not_an_error():
    df = pd.DataFrame({"brands": [], "sentiment": [], "sentiment_label": []})
    assert brand_summary(df).empty


def test_dask_engine_equals_pandas_engine(runner, files):
    distributed = pytest.importorskip("distributed")
    lines = POSTS.splitlines(keepends=True)
    folder = files / "in"
    folder.mkdir()
    (folder / "a.csv").write_text("".join(lines[:9]), encoding="utf-8")  # header .. r7 (bad date)
    (folder / "b.csv").write_text(lines[0] + "".join(lines[9:]), encoding="utf-8")  # ragged .. r11
    common = ["analyze", "-c", str(files / "bp.toml"), "--summary-csv"]
    pandas_run = runner.invoke(
        main, [*common, str(files / "p-summary.csv"), str(folder / "a.csv"), str(folder / "b.csv"), "-f", "csv"]
    )
    assert pandas_run.exit_code == 0, pandas_run.stderr
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address
        dask_run = runner.invoke(
            main,
            [*common, str(files / "d-summary.csv"), str(folder), "-f", "csv"]
            + ["--engine", "dask", "--scheduler", address],
        )
        assert dask_run.exit_code == 0, dask_run.stderr
        parquet_run = runner.invoke(
            main,
            ["analyze", "-c", str(files / "bp.toml"), f"{folder}/*.csv", "-o", str(files / "out"), "-f", "parquet"]
            + ["--engine", "dask", "--scheduler", address, "-q"],
        )
        assert parquet_run.exit_code == 0, parquet_run.stderr
    assert dask_run.stdout == pandas_run.stdout
    rows = pd.read_csv(io.StringIO(dask_run.stdout), dtype=str, keep_default_na=False)
    # r9 repeats r2 from the other file: dropped across files
    assert rows["author"].tolist() == ["ann", "bob", "cat", "dan", "dan", "gus", "hal", "ivy"]
    assert (files / "d-summary.csv").read_bytes() == (files / "p-summary.csv").read_bytes()
    assert dask_run.stderr.strip().splitlines()[-1] == "read 12 rows: analyzed 8, duplicates 2, rejected 2"
    assert sorted(p.name for p in (files / "out").iterdir()) == ["part-0.parquet", "part-1.parquet"]
    back = pd.read_parquet(files / "out")
    assert back["author"].tolist() == rows["author"].tolist()
    assert back["post_id"].tolist()[:3] == ["1", "2", "3"]


def test_dask_parquet_goes_into_an_empty_folder_and_a_full_one_is_refused_before_any_work(runner, files):
    """`-o out/` naming an existing empty folder (docs/scale.md: "DIR new or empty") was click's usage error
    "File 'out/' is a directory", and so was the README's command run a second time."""
    distributed = pytest.importorskip("distributed")
    (files / "out").mkdir()
    args = ["analyze", str(files / "posts.csv"), "-c", str(files / "bp.toml"), "-q", "-o", f"{files / 'out'}/"]
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address]
        result = runner.invoke(main, [*args, "-f", "parquet", *dask])
        assert result.exit_code == 0, result.stderr
        assert [p.name for p in (files / "out").iterdir()] == ["part-0.parquet"]
        # the 8 posts of POSTS kept, in their order
        assert pd.read_parquet(files / "out")["author"].tolist() == [
            "ann",
            "bob",
            "cat",
            "dan",
            "dan",
            "gus",
            "hal",
            "ivy",
        ]
        again = runner.invoke(main, [*args, "-f", "parquet", *dask])
    assert again.exit_code == 2
    assert again.stderr.endswith("--engine dask writes Parquet into a new or empty folder\n")
    assert [p.name for p in (files / "out").iterdir()] == ["part-0.parquet"]
    (files / "rows.parquet").write_bytes(b"an earlier run's file")
    for output in ("out", "rows.parquet"):  # (found before the files were read, not after)
        result = runner.invoke(main, [*args[:-1], str(files / output), "-f", "parquet", *dask])
        assert result.exit_code == 2
        assert result.stderr.endswith("--engine dask writes Parquet into a new or empty folder\n")
    assert (files / "rows.parquet").read_bytes() == b"an earlier run's file"
    for other in (["-f", "csv", *dask], ["-f", "parquet"]):  # (rows to a folder: only dask's Parquet)
        result = runner.invoke(main, [*args, *other])
        assert result.exit_code == 2
        assert result.stderr.endswith("is a folder: give a file name\n")


def test_dask_parquet_parts_have_the_first_files_columns(runner, tmp_path):
    """A game's posts and its Play reviews to `-f parquet -o DIR`: each part had its own columns, and
    `pd.read_parquet(DIR)` (part-0's schema) lost the reviews' `reply`, `replied_at` and `app_version` without a word.
    Every part now has the first file's columns and types, as one file would: a later file's own named in a warning."""
    posts = tmp_path / "posts.csv"
    posts.write_text("id,created_at,author,text\nt3_a,2026-12-02T10:00:00Z,ping999,Shardfall is cooked\n")
    reviews = tmp_path / "play.csv"
    reviews.write_text(
        "reviewId,content,score,at,appVersion,repliedAt\n"
        "r1,Shardfall crashes,1,2026-12-02T12:00:00Z,5.10,2026-12-03T09:00:00Z\n"
    )
    brand = ["--brand", "Shardfall=Shardfall"]
    a, b = tmp_path / "a", tmp_path / "b"
    result = _on_local_dask(runner, ["analyze", str(posts), str(reviews), *brand, "-f", "parquet", "-o", str(a), "-q"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "warning: reply, replied_at, app_version not written: the rows' columns are the first file's, which had none "
        "(give the files that have them first, or -f jsonl)\n"
    )
    rows = pd.read_parquet(a)
    assert rows["text"].tolist() == ["Shardfall is cooked", "Shardfall crashes"] and "app_version" not in rows
    assert [pq.read_schema(p).names for p in sorted(a.iterdir())] == [rows.columns.tolist()] * 2
    result = _on_local_dask(runner, ["analyze", str(reviews), str(posts), *brand, "-f", "parquet", "-o", str(b), "-q"])
    assert result.exit_code == 0 and result.stderr == "", result.stderr
    rows = pd.read_parquet(b)  # the post's review columns empty, of the reviews' types
    assert rows["text"].tolist() == ["Shardfall crashes", "Shardfall is cooked"]
    assert rows["app_version"].iloc[0] == "5.10" and pd.isna(rows["app_version"].iloc[1])
    assert rows["replied_at"].iloc[0] == pd.Timestamp("2026-12-03T09:00:00Z") and pd.isna(rows["replied_at"].iloc[1])
    schemas = [pq.read_schema(p) for p in sorted(b.iterdir())]
    assert len(schemas) == 2 and schemas[1].equals(schemas[0])


def test_dask_engine_keeps_posts_of_no_platform_sharing_an_id_apart_across_files(runner, tmp_path):
    """Two files, each a site's reviews 1 and 2 (no platform column): dask dropped the second file's (`duplicates
    2`), which the pandas engine keeps."""
    lines = CLASHING_IDS.splitlines(keepends=True)
    (tmp_path / "a.csv").write_text("".join(lines[:3]), encoding="utf-8")
    (tmp_path / "b.csv").write_text(lines[0] + "".join(lines[3:]), encoding="utf-8")
    result = _on_local_dask(runner, ["analyze", str(tmp_path / "a.csv"), str(tmp_path / "b.csv"), "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    assert pd.read_csv(io.StringIO(result.stdout))["author"].tolist() == ["ann", "bob", "cat", "dan"]
    assert "analyzed 4, duplicates 0" in result.stderr.strip().splitlines()[-1]


def test_dask_engine_reads_a_folders_gzipped_csv(runner, files):
    """A folder of a.csv and b.csv.gz: the pandas engine read both, dask read a.csv alone, without a word."""
    import gzip

    lines = POSTS.splitlines(keepends=True)
    folder = files / "in"
    folder.mkdir()
    (folder / "a.csv").write_text("".join(lines[:9]), encoding="utf-8")
    (folder / "b.csv.gz").write_bytes(gzip.compress((lines[0] + "".join(lines[9:])).encode()))
    args = ["analyze", "-c", str(files / "bp.toml"), str(folder), "-f", "csv"]
    result = _on_local_dask(runner, args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == LAST_LINE  # all 12 rows, as from POSTS in one file
    rows = pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False)
    assert rows["author"].tolist() == ["ann", "bob", "cat", "dan", "dan", "gus", "hal", "ivy"]


def test_dask_engine_reads_files_in_the_encoding_given(runner, files):
    """`--encoding gb18030 --engine dask`: the workers read without it (their context is not the command's), and
    "达美航空" was "´ïÃÀº½¿Õ", as detected, where the pandas engine read it as told."""
    path = files / "zh.csv"
    path.write_bytes("id,text,date\n1,达美航空 great,2024-01-01\n2,Delta ok,2024-01-02\n".encode("gb18030"))
    result = _on_local_dask(runner, ["analyze", str(path), "--encoding", "gb18030", "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False)
    assert rows["text"].tolist() == ["达美航空 great", "Delta ok"]


def test_dask_engine_checks_its_files_before_the_cluster_as_the_pandas_engine(runner, files):
    """A missing file was exit 1 ("No such file or directory (run with --debug ...)") where the pandas
    engine says exit 4; a file without a text column failed on a worker, under a screen of dask's log."""
    pytest.importorskip("distributed")
    (files / "summary.csv").write_text("brand,mentions\nSkyway,3\n")
    nowhere = ["--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"]  # never reached: the files fail first
    for inputs, error in [
        (["nope.csv"], "nope.csv: no such file"),
        (["summary.csv", "posts.csv"], "summary.csv: no text column (columns: brand, mentions); name it with --map"),
        (["posts.csv", "summary.csv"], "summary.csv: no text column (columns: brand, mentions); name it with --map"),
    ]:
        for engine in ([], nowhere):
            args = ["analyze", *(str(files / f) for f in inputs), "-c", str(files / "bp.toml"), "-f", "csv", *engine]
            result = runner.invoke(main, args)
            assert result.exit_code == 4, (engine, result.stderr)
            assert result.stderr.splitlines()[-1].startswith(f"brandpulse: error: {files / error}"), engine


def test_dask_engine_reads_an_unpacked_archive_as_the_pandas_engine(runner):
    """A folder holding a platform archive (data/tweets.js) is one input to the pandas engine; dask listed
    the folder's CSV/Parquet files instead and found none."""
    archive = str(Path(__file__).parent / "fixtures" / "platforms" / "twitter_archive")
    pandas_run = runner.invoke(main, ["analyze", archive, "-f", "csv", "--brand", "Skyway"])
    assert pandas_run.exit_code == 0, pandas_run.stderr
    assert len(pd.read_csv(io.StringIO(pandas_run.stdout))) == 2
    args = ["analyze", archive, "-f", "csv", "--brand", "Skyway"]
    dask_run = _on_local_dask(runner, args)
    assert dask_run.exit_code == 0, dask_run.stderr
    assert dask_run.stdout == pandas_run.stdout


def test_dask_engine_error_on_its_own_cluster_is_one_line(files):
    """A file that fails half-way through (a damaged gzip) failed on a worker of the local cluster, which
    printed dask's "distributed.worker - ERROR - Compute Failed" report with a traceback before the error."""
    import gzip
    import json
    import subprocess

    pytest.importorskip("distributed")
    # (a JSON document, read whole: a cut CSV's lines before the cut are read, `test_a_cut_gzip_reads_the_lines_...`)
    (files / "cut.json.gz").write_bytes(gzip.compress(json.dumps([{"text": "Delta"}] * 5000).encode())[:-20])
    args = [sys.executable, "-m", "brandpulse", "analyze", "posts.csv", "cut.json.gz", "-c", "bp.toml", "-f", "csv"]
    # and a dashboard's port in use (a notebook's cluster, another run at once): dask's "Port 8787 is already in use"
    # warning came before the one line; the local cluster starts no dashboard. One run checks both (each run starts
    # a cluster of two worker processes: a second run for the free port alone was 4 s of CPU, and checked less)
    with socket.socket() as busy:
        with contextlib.suppress(OSError):  # (in use already: the same case)
            busy.bind(("", 8787))
            busy.listen()
        done = subprocess.run([*args, "--engine", "dask"], cwd=files, capture_output=True, text=True)
    assert done.returncode == 4
    assert re.fullmatch(  # (the line it is cut in: `test_a_cut_compressed_json_file_is_an_input_error`)
        r"brandpulse: error: cut\.json\.gz: damaged gzip file: unreadable from line [\d,]+ on \(Compressed file ended "
        r"before the end-of-stream marker was reached\): copy or fetch it again\n",
        done.stderr,
    ), done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize("flag", ["--per-brand", "--explain"])
def test_per_brand_and_explain_rows_are_the_same_in_chunks(runner, files, flag):
    whole, _ = analyze(runner, files, flag)
    chunked, _ = analyze(runner, files, flag, "--chunksize", "2", name="chunked")
    assert (chunked / "rows.csv").read_bytes() == (whole / "rows.csv").read_bytes()
    assert (chunked / "summary.csv").read_bytes() == (whole / "summary.csv").read_bytes()
    rows = pd.read_csv(whole / "rows.csv", dtype=str, keep_default_na=False)
    assert ("brand" if flag == "--per-brand" else "explain") in rows.columns


@pytest.mark.parametrize("fmt, options", [("csv", {}), ("csv", {"excel": True}), ("tsv", {}), ("jsonl", {})])
def test_write_table_in_slices_gives_the_same_bytes(tmp_path, monkeypatch, fmt, options):
    from brandpulse.output import writers

    df = pd.DataFrame(
        {
            "post_id": ["570306133677760513", "2", None, "4", "5"],
            "created_at": pd.to_datetime(["2026-01-01T00:00:00Z"] * 4 + [None], utc=True),
            "text": ["=SUM(A1)", "héllo 😍", "a,b", "line\nbreak", ""],
            "likes": pd.array([1, None, 3, 4, 5], dtype="Int64"),
            "sentiment": [0.1, -0.25, float("nan"), 1 / 3, 0.0],
        }
    )
    monkeypatch.setattr(writers, "SLICE_ROWS", 2)
    target = tmp_path / f"out.{fmt}"
    writers.write_table(df, target, fmt, **options)
    data = target.read_bytes()
    assert data == writers.to_bytes(df, fmt, **options)
    assert data.count(b"\xef\xbb\xbf") == (1 if options else 0)  # one BOM, at the start
    if fmt != "jsonl":
        assert data.count(b"post_id") == 1  # one header
        assert b"'=SUM(A1)" in data


@pytest.mark.parametrize("out, extra", [("rows.csv", ["--excel"]), ("rows.tsv", []), ("rows.jsonl", [])])
def test_rows_serialised_in_workers_equal_the_single_process_file(runner, files, out, extra):
    """With --jobs the workers write the rows' bytes; the parent adds the header (and Excel's BOM) once."""
    common = ["analyze", str(files / "posts.csv"), "-c", str(files / "bp.toml"), "-q", *extra]
    single, workers = files / f"single-{out}", files / f"workers-{out}"
    assert runner.invoke(main, [*common, "-o", str(single), "--chunksize", "3"]).exit_code == 0
    assert runner.invoke(main, [*common, "-o", str(workers), "--chunksize", "3", "--jobs", "2"]).exit_code == 0
    data = workers.read_bytes()
    assert data == single.read_bytes()
    header = b"post_id\tplatform" if out.endswith("tsv") else b"post_id,platform"
    assert data.count(header) == (0 if out.endswith("jsonl") else 1)  # one header, not one per chunk
    if out.endswith("jsonl"):
        assert len(data.splitlines()) == 8  # the 8 posts of all chunks
    else:
        assert len(pd.read_csv(io.BytesIO(data), sep="\t" if out.endswith("tsv") else ",", encoding="utf-8-sig")) == 8
    assert data.startswith(b"\xef\xbb\xbfpost_id") == (extra == ["--excel"])


_inherited = "not preloaded"


def _on_local_dask(runner, args: list[str]):
    """`args` run with `--engine dask` on a one-worker cluster in this process (its HTTP server off)."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        return runner.invoke(main, [*args, "--engine", "dask", "--scheduler", cluster.scheduler_address])


def _preload() -> None:
    global _inherited
    _inherited = "preloaded in the parent"


def _what_the_worker_has(item: int) -> tuple[int, str, int]:
    return item, _inherited, os.getpid()


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_workers_inherit_the_preload_only_when_forked(monkeypatch, method):
    from brandpulse.engines import chunked

    monkeypatch.setattr(chunked, "start_method", lambda: method)
    monkeypatch.setattr(sys.modules[__name__], "_inherited", "not preloaded")
    got = list(chunked.map_ordered(_what_the_worker_has, range(6), 2, preload=_preload))
    assert [item for item, _, _ in got] == list(range(6))  # input order
    assert {have for _, have, _ in got} == {"preloaded in the parent" if method == "fork" else "not preloaded"}
    assert os.getpid() not in {pid for _, _, pid in got}  # done in workers, not here


def _ctrl_c_reaches(item: int) -> int:
    os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C on a terminal signals the whole process group
    return item * 2


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")
@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_workers_leave_ctrl_c_to_the_parent(monkeypatch, method):
    """A worker took Ctrl-C itself: waiting for a chunk, it printed "Process ForkProcess-2:" and a traceback
    under "brandpulse: interrupted". The parent alone handles it (and stops the workers)."""
    from brandpulse.engines import chunked

    monkeypatch.setattr(chunked, "start_method", lambda: method)
    try:
        got = list(chunked.map_ordered(_ctrl_c_reaches, range(4), 2))
    except KeyboardInterrupt:
        pytest.fail("a worker raised KeyboardInterrupt on SIGINT")
    assert got == [0, 2, 4, 6]


def _killed(item: int) -> int:
    if item == 2:
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer ends a worker
    return item


def test_a_killed_worker_is_one_line_that_names_the_cause(monkeypatch):
    """It was "BrokenProcessPool: A process in the process pool was terminated abruptly while the future was
    running or pending." """
    from brandpulse.engines import chunked
    from brandpulse.errors import BrandpulseError

    monkeypatch.setattr(chunked, "start_method", lambda: "fork")
    with pytest.raises(BrandpulseError) as caught:
        list(chunked.map_ordered(_killed, range(4), 2))
    assert str(caught.value) == (
        "a --jobs worker process was killed (out of memory?): try a smaller --chunksize or fewer --jobs"
    )
    assert caught.value.exit_code == 1


def _crashed(item: int) -> int:
    if item == 2:
        faulthandler.disable()  # (pytest's, inherited: it would print the worker's stack)
        os.kill(os.getpid(), signal.SIGSEGV)  # as a crash in compiled code ends a worker
    return item


def _exited(item: int) -> int:
    if item == 2:
        os._exit(3)
    return item


@pytest.mark.parametrize(
    "fn, said",
    [
        (_crashed, "a --jobs worker process was killed by SIGSEGV"),
        (_exited, "a --jobs worker process exited with code 3"),
    ],
)
def test_a_worker_that_crashed_or_exited_is_not_said_to_be_out_of_memory(monkeypatch, fn, said):
    """Every dead worker was "killed (out of memory?)": a crash or an exit too, which sent the user to a smaller
    --chunksize for nothing (CI saw one such flake in stop 56 and its cause could not be told)."""
    from brandpulse.engines import chunked
    from brandpulse.errors import BrandpulseError

    monkeypatch.setattr(chunked, "start_method", lambda: "fork")
    with pytest.raises(BrandpulseError) as caught:
        list(chunked.map_ordered(fn, range(4), 2))
    assert str(caught.value) == said


def test_a_pool_broken_with_its_workers_alive_names_the_error_it_met():
    """The pool breaks too when the parent cannot read a result back (its workers then end by the pool's SIGTERM)."""
    import signal as signals

    from brandpulse.engines.chunked import broken_pool

    cause = RuntimeError("Traceback ...\nEOFError: Ran out of input")
    terminated = [-signals.SIGTERM, -signals.SIGTERM]
    assert (
        broken_pool(terminated, cause)
        == "the --jobs worker processes could not be read from (EOFError: Ran out of input)"
    )
    assert broken_pool([-signals.SIGTERM, -signals.SIGKILL], None).startswith("a --jobs worker process was killed (out")


def test_the_preload_runs_while_the_first_item_is_read_and_ends_before_the_fork(monkeypatch):
    import threading

    from brandpulse.engines import chunked

    monkeypatch.setattr(chunked, "start_method", lambda: "fork")
    monkeypatch.setattr(sys.modules[__name__], "_inherited", "not preloaded")
    first_taken = threading.Event()
    waited = []

    def preload() -> None:
        waited.append(first_taken.wait(timeout=10))  # False if the first item is only read afterwards
        _preload()

    def items():
        first_taken.set()
        yield from range(4)

    threads = threading.active_count()
    got = list(chunked.map_ordered(_what_the_worker_has, items(), 2, preload=preload))
    assert waited == [True]
    assert [item for item, _, _ in got] == [0, 1, 2, 3]
    assert {have for _, have, _ in got} == {"preloaded in the parent"}  # finished before the workers forked
    assert threading.active_count() == threads


@pytest.mark.parametrize("fails", ["preload", "first item"])
def test_an_error_in_the_preload_or_the_first_item_stops_the_run(monkeypatch, fails):
    from brandpulse.engines import chunked

    monkeypatch.setattr(chunked, "start_method", lambda: "fork")

    def preload() -> None:
        if fails == "preload":
            raise ValueError("no models")

    def items():
        if fails == "first item":
            raise InputError("posts.csv: not a CSV file")
        yield 1

    error, message = (ValueError, "no models") if fails == "preload" else (InputError, "not a CSV file")
    with pytest.raises(error, match=message):  # the worker's own exception, not a pool error
        list(chunked.map_ordered(_what_the_worker_has, items(), 2, preload=preload))


def test_a_stopped_pool_leaves_no_manager_thread_for_python_s_exit_hook(monkeypatch):
    """SIGTERM during `analyze --jobs 2`: stop_workers returned while the pool's manager thread was still
    closing its wakeup pipe, and Python 3.11's exit hook, writing there unlocked, now and then printed a
    traceback (OSError: Bad file descriptor) after "brandpulse: terminated". The thread is slowed here
    (as by a feeder thread still writing a big slice) so that the race is there on every run."""
    import threading
    from concurrent.futures import process

    from brandpulse.engines import chunked
    from brandpulse.errors import Terminated

    closing = process._ExecutorManagerThread.join_executor_internals

    def slow_closing(self) -> None:
        time.sleep(0.2)
        closing(self)

    monkeypatch.setattr(process._ExecutorManagerThread, "join_executor_internals", slow_closing)
    monkeypatch.setattr(chunked, "start_method", lambda: "fork")

    def items():
        yield 1
        raise Terminated()

    with pytest.raises(Terminated):
        list(chunked.map_ordered(_what_the_worker_has, items(), 2))
    assert [t for t in threading.enumerate() if isinstance(t, process._ExecutorManagerThread)] == []
    assert all(wakeup._closed for wakeup in process._threads_wakeups.values())


_PIPE_MAX = "/proc/sys/fs/pipe-max-size"


@pytest.mark.skipif(
    not os.path.exists(_PIPE_MAX) or int(Path(_PIPE_MAX).read_text()) < 1 << 20,
    reason="Linux pipes that may grow to 1 MiB",
)
def test_the_pool_pipes_get_a_mebibyte_buffer():
    import fcntl
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from brandpulse.engines import chunked

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        queues = (pool._call_queue, pool._result_queue)
        chunked.wide_pipes(pool)
        assert {fcntl.fcntl(q._writer.fileno(), fcntl.F_GETPIPE_SZ) for q in queues} == {1 << 20}
        assert pool.submit(abs, -3).result() == 3


def test_workers_are_spawned_while_another_thread_runs():
    import subprocess
    import threading

    from brandpulse.engines.chunked import start_method

    fresh = [sys.executable, "-c", "from brandpulse.engines.chunked import start_method; print(start_method())"]
    alone = subprocess.run(fresh, capture_output=True, text=True, check=True).stdout.strip()
    assert alone == ("fork" if sys.platform == "linux" else "spawn")  # a new process has no other thread
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert start_method() == "spawn"
    finally:
        stop.set()
        other.join()


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_forked_and_spawned_workers_give_the_single_process_rows(runner, files, monkeypatch, method):
    from brandpulse.engines import chunked

    monkeypatch.setattr(chunked, "start_method", lambda: method)
    whole, _ = analyze(runner, files, "--chunksize", "3")
    jobs, _ = analyze(runner, files, "--chunksize", "3", "--jobs", "2", name="jobs")
    assert (jobs / "rows.csv").read_bytes() == (whole / "rows.csv").read_bytes()
    assert (jobs / "summary.csv").read_bytes() == (whole / "summary.csv").read_bytes()
    assert len(pd.read_csv(jobs / "rows.csv")) == 8


def test_spread_cuts_the_first_and_last_chunks_for_the_workers():
    from brandpulse.engines.chunked import spread

    def sizes(lengths, parts):
        chunks = [pd.DataFrame({"x": range(sum(lengths[:i]), sum(lengths[: i + 1]))}) for i in range(len(lengths))]
        out = list(spread(iter(chunks), parts))
        assert pd.concat(out)["x"].tolist() == list(range(sum(lengths)))  # every row once, in order
        assert all(o.index.tolist() == list(range(len(o))) for o in out)
        return [len(o) for o in out]

    # the first chunk in `parts` slices (every worker starts at once), the chunks between whole (a slice costs CPU
    # whatever its size), the input's last chunk or slice in 2 * parts pieces, so that the workers finish together
    assert sizes([5, 3, 4], 2) == [3, 2, 3, 1, 1, 1, 1]
    assert sizes([4, 4, 4, 3], 2) == [2, 2, 4, 4, 1, 1, 1]
    assert sizes([8], 2) == [4, 1, 1, 1, 1]
    assert sizes([7], 3) == [3, 3, 1]
    assert sizes([1, 6], 4) == [1, 1, 1, 1, 1, 1, 1]
    assert sizes([0], 2) == [0]  # an empty input still makes one (empty) chunk


def test_jobs_0_runs_one_worker_per_core(runner, files, monkeypatch):
    from brandpulse.engines import chunked

    asked = []
    run = chunked.run
    monkeypatch.setattr(chunked, "cores", lambda: 3)
    monkeypatch.setattr(chunked, "run", lambda *args, **kw: asked.append(kw["jobs"]) or run(*args, **kw))
    one, _ = analyze(runner, files, "--chunksize", "3")
    auto, _ = analyze(runner, files, "--chunksize", "3", "--jobs", "0", name="auto")
    assert asked == [1, 3]
    assert (auto / "rows.csv").read_bytes() == (one / "rows.csv").read_bytes()


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity on this platform")
def test_cores_are_the_ones_this_process_may_use():
    import subprocess

    code = (
        "import os; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))});"
        "from brandpulse.engines.chunked import cores; print(cores())"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "1\n"


def test_progress_counts_each_chunk_on_a_terminal_only(files, monkeypatch):
    import io

    from rich.console import Console

    from brandpulse.cli.analyze import chunk_progress
    from brandpulse.config import load_config
    from brandpulse.engines import chunked

    options = chunked.Options(load_config(files / "bp.toml"), "vader")
    seen = []
    totals = chunked.run([str(files / "posts.csv")], options, chunksize=3, on_chunk=lambda t: seen.append(t.analyzed))
    assert seen == sorted(seen) and len(seen) >= 3 and seen[-1] == totals.analyzed == 8

    def shown(console, took=0.2, **kw):
        clock = iter([100.0, 100.0 + took]).__next__  # (the start, then the chunk's end)
        with chunk_progress(console, clock=clock, **kw) as update:
            if update is not None:
                update(totals)
        return console.file.getvalue()

    monkeypatch.delenv("NO_COLOR", raising=False)
    tty = {"force_terminal": True, "width": 120}
    terminal = shown(Console(file=io.StringIO(), **tty))
    assert "analyzing: 12 rows read, 8 posts analyzed\n" in terminal  # (it said "40 posts/s" after 0.2 s)
    assert "analyzing: 12 rows read, 8 posts analyzed, 2 posts/s\n" in shown(Console(file=io.StringIO(), **tty), took=4)
    assert shown(Console(file=io.StringIO(), force_terminal=False)) == ""  # a pipe, a log, cron
    assert shown(Console(file=io.StringIO(), force_terminal=True), enabled=False) == ""  # --quiet
    monkeypatch.setenv("NO_COLOR", "1")
    assert shown(Console(file=io.StringIO(), force_terminal=True)) == ""
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("BRANDPULSE_PLAIN", "1")  # (a line redrawn in place, a screen reader reads each time)
    assert shown(Console(file=io.StringIO(), force_terminal=True)) == ""


@pytest.mark.parametrize("per_brand", [False, True])
def test_tables_leave_out_the_brands_own_posts(tmp_path, per_brand):
    """The tables are what customers say: the brand's apologies are in the rows, not in its volume, NSS,
    topics or most negative posts, in a chunked run and in the library's whole-table summaries alike."""
    from brandpulse.config import Brand, Config, Topic
    from brandpulse.engines import chunked
    from brandpulse.report.summary import brand_summary, topic_summary

    (tmp_path / "posts.csv").write_text(
        "post_id,platform,author,text\n"
        "1,twitter,SkywayAir,Skyway: we are so sorry your bag was lost. This is terrible and awful news\n"
        "2,twitter,ann,Skyway lost my bag. Awful\n"
        "3,twitter,bob,I love Skyway\n"
        "4,twitter,@skywayair,Skyway wishes you a wonderful amazing day!\n",
        encoding="utf-8",
    )
    config = Config(
        brands=[Brand("Skyway", ["Skyway"], handles=["@SkywayAir"])],
        topics=[Topic("baggage", ["bag"])],
        raw={"language": {"detect": False}},
    )
    written = []
    totals = chunked.run(
        [str(tmp_path / "posts.csv")],
        chunked.Options(config, "vader", per_brand=per_brand),
        chunksize=2,
        write=lambda rows, _: written.append(rows),
    )
    negative, positive = totals.extreme_posts(5)
    assert negative["post_id"].tolist() == ["2"] and positive["post_id"].tolist() == ["3"]
    rows = pd.concat(written)
    assert rows["post_id"].tolist() == ["1", "2", "3", "4"]
    assert (
        rows["sentiment"].iloc[0]
        < rows["sentiment"].iloc[1]
        < 0
        < rows["sentiment"].iloc[2]
        < rows["sentiment"].iloc[3]
    )
    assert totals.own == 2
    for summary in (totals.brand_summary(config), brand_summary(rows, config)):
        skyway = summary.set_index("brand").loc["Skyway"]
        assert (skyway["mentions"], skyway["positive"], skyway["negative"]) == (2, 1, 1)
    for topics in (totals.topic_summary(5, config), topic_summary(rows, config)):
        assert topics[["brand", "topic", "mentions"]].values.tolist() == [["Skyway", "baggage", 1]]


def test_jsonl_is_streamed_with_the_whole_files_line_numbers(tmp_path):
    import json

    from brandpulse.sources import iter_read, read

    lines = [json.dumps({"id": str(i), "text": f"post {i} about Skyway", "lang": "en"}) for i in range(7)]
    lines.insert(3, "{not json")  # line 4
    lines.insert(5, json.dumps({"id": "x", "text": "  "}))  # line 6: empty text
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    parts = list(iter_read(path, 2))
    assert len(parts) == 5  # 9 lines, 2 at a time: read as a stream, not whole
    whole = read(path)
    streamed = pd.concat([p.posts for p in parts], ignore_index=True)
    pd.testing.assert_frame_equal(streamed, whole.posts.reset_index(drop=True))
    assert streamed["post_id"].tolist() == [str(i) for i in range(7)]
    rejects = pd.concat([p.rejects for p in parts], ignore_index=True)
    assert sorted(rejects["position"]) == sorted(whole.rejects["position"]) == ["line 4", "line 6"]
    assert sum(p.rows_read for p in parts) == whole.rows_read == 9


def test_json_array_output_gathers_every_chunk(runner, files, monkeypatch):
    """-f json is one array: the rows of every chunk, in order, as JSONL would write them one per line."""
    import json

    monkeypatch.setattr("brandpulse.engines.chunked.DEFAULT_CHUNKSIZE", 3)
    common = ["analyze", str(files / "posts.csv"), "-c", str(files / "bp.toml"), "-q"]
    assert runner.invoke(main, [*common, "-o", str(files / "rows.json")]).exit_code == 0
    assert runner.invoke(main, [*common, "-o", str(files / "rows.jsonl")]).exit_code == 0
    array = json.loads((files / "rows.json").read_text(encoding="utf-8"))
    lines = [json.loads(line) for line in (files / "rows.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["author"] for r in array] == ["ann", "bob", "cat", "dan", "dan", "gus", "hal", "ivy"]
    assert array == lines


def test_dask_partitions_read_with_the_date_order(tmp_path):
    from brandpulse.engines.distributed import load_piece

    (tmp_path / "a.csv").write_text("id,date,text\n1,02/11/2026,Skyway\n")
    pq_path = tmp_path / "a.parquet"
    pd.DataFrame({"id": ["2"], "date": ["03/11/2026"], "text": ["Skyway"]}).to_parquet(pq_path)
    csv_piece = load_piece((str(tmp_path / "a.csv"), None), None, None, "dmy")
    group_piece = load_piece((str(pq_path), 0), None, None, "mdy")
    assert csv_piece.posts["created_at"].tolist() == [pd.Timestamp("2026-11-02", tz="UTC")]
    assert group_piece.posts["created_at"].tolist() == [pd.Timestamp("2026-03-11", tz="UTC")]


def test_dask_reads_a_files_row_groups_in_the_order_its_dates_show(runner, tmp_path):
    """A Parquet file's row groups are partitions: 03/04/2026 in the first was rejected as ambiguous though
    13/04/2026 in the second shows the file writes day first (read whole, it is April 3)."""
    import pyarrow.parquet as pq

    dates = ["03/04/2026", "05/04/2026", "13/04/2026", "06/04/2026"]
    table = pa.table({"id": ["1", "2", "3", "4"], "date": dates, "text": ["Skyway"] * 4})
    pq.write_table(table, tmp_path / "eu.parquet", row_group_size=1)
    assert pq.ParquetFile(tmp_path / "eu.parquet").num_row_groups == 4
    args = ["analyze", str(tmp_path / "eu.parquet"), "-f", "csv", "--brand", "Skyway"]
    result = _on_local_dask(runner, args)
    assert result.exit_code == 0, result.stderr
    rows = pd.read_csv(io.StringIO(result.stdout), dtype=str)
    assert rows["created_at"].str[:10].tolist() == ["2026-04-03", "2026-04-05", "2026-04-13", "2026-04-06"]
    assert "dates such as 03/04/2026 read day first, as 13/04/2026 shows" in result.stderr


@pytest.mark.parametrize(
    "dates",
    [
        ["2026-04-03T10:00:00Z", " 13/04/2026", "03/04/2026", None],
        [" 04/13/2026 ", "2026-04-03", "N/A"],
        ["", "46115.5", "0", None],
        ["0", None],
        ["46115", "2026-04-03"],
        ["Apr 3, 2026 @ 10:00:00.000", "02.11.26"],
    ],
)
def test_dask_first_pass_finds_what_the_loader_finds(tmp_path, dates):
    """The first pass reads a row group's date column alone, and parses only its dates such as 02/11/2026: what it
    finds of the file's dates (their order, whether they are Excel day numbers) is what reading the group finds."""
    import pyarrow.parquet as pq

    from brandpulse.engines.distributed import load_piece, piece_dates

    table = pa.table({"id": [str(i) for i in range(len(dates))], "text": ["Skyway"] * len(dates), "date": dates})
    pq.write_table(table, tmp_path / "g.parquet")
    read: dict = {}
    load_piece((str(tmp_path / "g.parquet"), 0), None, None, dates=read)
    found = piece_dates((str(tmp_path / "g.parquet"), 0), None, None)
    keys = ("dmy", "mdy", "dated", "excel", "zero")  # (what `file_dates` takes of them)
    assert {k: read[k] for k in keys if k in read} == {k: found[k] for k in keys if k in found}


def test_dask_notes_what_all_the_row_groups_dates_show(runner, tmp_path):
    """The note on how a file's dates were read came from its first row group: 03/04/2026 in the second was read
    day first (as 13/04/2026 in the third shows), and nothing said so. A column of timestamps is read as it is."""
    import pyarrow.parquet as pq

    dates = ["2026-04-01T10:00:00Z", "03/04/2026", "13/04/2026"]
    eu = pa.table({"id": ["1", "2", "3"], "date": dates, "text": ["Skyway"] * 3})
    pq.write_table(eu, tmp_path / "eu.parquet", row_group_size=1)
    stamps = pd.to_datetime(["2026-04-05 10:00", "2026-04-06 11:30"], utc=True)
    typed = pa.table({"id": ["4", "5"], "date": pa.array(stamps), "text": ["Skyway"] * 2})
    pq.write_table(typed, tmp_path / "ts.parquet", row_group_size=1)
    args = ["analyze", str(tmp_path / "eu.parquet"), str(tmp_path / "ts.parquet"), "-f", "csv", "--brand", "Skyway"]
    result = _on_local_dask(runner, args)
    assert result.exit_code == 0, result.stderr
    rows = pd.read_csv(io.StringIO(result.stdout), dtype=str)
    assert rows["created_at"].tolist() == [
        "2026-04-01T10:00:00Z",
        "2026-04-03T00:00:00Z",
        "2026-04-13T00:00:00Z",
        "2026-04-05T10:00:00Z",
        "2026-04-06T11:30:00Z",
    ]
    assert "dates such as 03/04/2026 read day first, as 13/04/2026 shows" in result.stderr
    pandas_engine = runner.invoke(main, args)
    assert pandas_engine.stdout == result.stdout
    assert pandas_engine.stderr.count("dates such as 03/04/2026 read day first") == 1


@pytest.mark.parametrize("order", [[], ["--date-order", "dmy"]])
def test_dask_reads_a_time_column_as_the_whole_files_dates_say(runner, tmp_path, order):
    """A row group of times at midnight by chance (before groups with times of day) took the `Time` column beside
    them (a video's length) for their time of day, and its 31:30 rejected a post, as the pandas engine no longer
    does: whether the dates are dates only is the whole file's to say (with --date-order too, where the groups
    shared only whether the file names CDT)."""
    import pyarrow.parquet as pq

    stamps = pd.to_datetime(["2026-04-05 00:00", "2026-04-06 00:00", "2026-04-06 11:30"], utc=True)
    table = pa.table(
        {"id": ["1", "2", "3"], "date": pa.array(stamps), "Time": ["0:45", "31:30", "0:20"], "text": ["Skyway"] * 3}
    )
    pq.write_table(table, tmp_path / "v.parquet", row_group_size=1)
    args = ["analyze", str(tmp_path / "v.parquet"), "-f", "csv", "--brand", "Skyway", *order]
    result = _on_local_dask(runner, args)
    assert result.exit_code == 0, result.stderr
    rows = pd.read_csv(io.StringIO(result.stdout), dtype=str)
    assert rows["created_at"].tolist() == ["2026-04-05T00:00:00Z", "2026-04-06T00:00:00Z", "2026-04-06T11:30:00Z"]
    assert "rejected 0" in result.stderr.splitlines()[-1]
    assert runner.invoke(main, [*args, "--chunksize", "1"]).stdout == result.stdout


@pytest.mark.parametrize("order", [[], ["--date-order", "dmy"]])
def test_dask_reads_cst_as_us_central_when_a_later_row_group_names_cdt(runner, tmp_path, order):
    """A Parquet file's row groups are partitions: a CST in the first was rejected as ambiguous though the last
    names CDT (read whole, and by the pandas engine, it is US Central time, -06:00), also with --date-order."""
    import pyarrow.parquet as pq

    dates = ["2026-12-03 14:35 CST", "2026-12-04 10:00 EST", "2026-07-03 14:35 CDT"]
    table = pa.table({"id": ["1", "2", "3"], "date": dates, "text": ["Skyway"] * 3})
    pq.write_table(table, tmp_path / "us.parquet", row_group_size=1)
    args = ["analyze", str(tmp_path / "us.parquet"), "-f", "csv", "--brand", "Skyway", *order]
    result = _on_local_dask(runner, args)
    assert result.exit_code == 0, result.stderr
    rows = pd.read_csv(io.StringIO(result.stdout), dtype=str)
    assert rows["created_at"].tolist() == ["2026-12-03T20:35:00Z", "2026-12-04T15:00:00Z", "2026-07-03T19:35:00Z"]
    assert "'2026-12-03 14:35 CST' and the like read as US Central time (-06:00)" in result.stderr
    assert runner.invoke(main, [*args, "--chunksize", "1"]).stdout == result.stdout


@pytest.mark.parametrize("order", [[], ["--date-order", "dmy"]])
def test_dask_reads_a_time_column_of_durations_beside_dates_as_no_time_of_day(runner, tmp_path, order):
    """A `Time` column of durations beside dates only: one row group's 31:30 and another's 125:00:00 say so for
    the whole file, as the pandas engine reads it (the other groups' 0:45 and 0:20 were read as times of day), with
    a warning also under -q; with --date-order too."""
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "id": ["1", "2", "3", "4"],
            "date": ["2026-04-05", "2026-04-06", "2026-04-06", "2026-04-07"],
            "Time": ["0:45", "31:30", "0:20", "125:00:00"],
            "text": ["Skyway"] * 4,
        }
    )
    pq.write_table(table, tmp_path / "v.parquet", row_group_size=1)
    args = ["analyze", str(tmp_path / "v.parquet"), "-f", "csv", "--brand", "Skyway", "-q", *order]
    result = _on_local_dask(runner, args)
    assert result.exit_code == 0, result.stderr
    rows = pd.read_csv(io.StringIO(result.stdout), dtype=str)
    days = ["2026-04-05", "2026-04-06", "2026-04-06", "2026-04-07"]
    assert rows["created_at"].tolist() == [f"{day}T00:00:00Z" for day in days]
    assert result.stderr == (
        f"warning: {tmp_path / 'v.parquet'}: 'Time' holds durations such as '31:30' (row 2) and '125:00:00' (row 4), "
        "not times of day: the dates are read at midnight\n"
    )
    pandas_engine = runner.invoke(main, args)
    assert pandas_engine.stdout == result.stdout and pandas_engine.stderr == result.stderr


def test_dask_reads_durations_with_units_and_full_times_in_a_time_column_as_the_pandas_engine_does(runner, tmp_path):
    """Row groups of a `Time` column beside dates: one group's 2h was read as two in the morning and another's
    45 min rejected; two such values say the whole file's column holds durations, as read by the pandas engine.
    A `Time` column of full times gives the posts' times, the note naming one on another day than its date."""
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "id": ["1", "2", "3"],
            "date": ["2026-04-05", "2026-04-06", "2026-04-07"],
            "Time": ["2h", "45 min", "90m"],
            "text": ["Skyway"] * 3,
        }
    )
    pq.write_table(table, tmp_path / "v.parquet", row_group_size=1)
    table = table.set_column(2, "Time", pa.array(["2026-04-05 09:00", "2026-04-07 10:30", "11:15"]))
    pq.write_table(table.set_column(0, "id", pa.array(["4", "5", "6"])), tmp_path / "f.parquet", row_group_size=1)
    args = ["analyze", str(tmp_path / "v.parquet"), str(tmp_path / "f.parquet"), "-f", "csv", "--brand", "Skyway"]
    result = _on_local_dask(runner, args)
    assert result.exit_code == 0, result.stderr
    rows = pd.read_csv(io.StringIO(result.stdout), dtype=str)
    assert rows["created_at"].tolist() == [
        "2026-04-05T00:00:00Z",
        "2026-04-06T00:00:00Z",
        "2026-04-07T00:00:00Z",
        "2026-04-05T09:00:00Z",
        "2026-04-07T10:30:00Z",
        "2026-04-07T11:15:00Z",
    ]
    assert (
        f"warning: {tmp_path / 'v.parquet'}: 'Time' holds durations such as '2h' (row 1) and '45 min' (row 2), not "
        "times of day: the dates are read at midnight"
    ) in result.stderr
    assert (
        "('Time' holds times with their day, read as the posts' times, and '2026-04-07 10:30' (row 2) is not on its "
        "'date' 2026-04-06: check which is right)"
    ) in result.stderr
    pandas_engine = runner.invoke(main, args)
    assert pandas_engine.stdout == result.stdout and pandas_engine.stderr == result.stderr


def test_dask_rejects_one_time_of_a_day_or_more_as_the_pandas_engine_does(runner, tmp_path):
    """One row group's 25:10 (a typo) beside times of day in the others took the file's `Time` column for
    durations: every post at midnight, nothing rejected. It rejects its row; the others keep their times."""
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "id": ["1", "2", "3"],
            "date": ["2026-04-05", "2026-04-06", "2026-04-06"],
            "Time": ["9:45", "25:10", "14:20"],
            "text": ["Skyway"] * 3,
        }
    )
    pq.write_table(table, tmp_path / "v.parquet", row_group_size=1)
    rejects = tmp_path / "rejects.csv"
    args = ["analyze", str(tmp_path / "v.parquet"), "-f", "csv", "--brand", "Skyway", "-q", "--rejects", str(rejects)]
    result = _on_local_dask(runner, args)
    assert result.exit_code == 0, result.stderr
    rows = pd.read_csv(io.StringIO(result.stdout), dtype=str)
    assert rows["created_at"].tolist() == ["2026-04-05T09:45:00Z", "2026-04-06T14:20:00Z"]
    assert "warning" not in result.stderr and "rejected 1" in result.stderr.splitlines()[-1]
    assert pd.read_csv(rejects, dtype=str)[["position", "reason"]].values.tolist() == [
        ["row 2", "bad time of day '25:10' in column 'Time'"]
    ]
    assert runner.invoke(main, args).stdout == result.stdout


def test_a_text_column_read_in_pieces_is_searched_as_one_array(files, monkeypatch):
    """A chunk of a CSV file comes in pieces (one per block read: 22 in 100,000 posts), and Arrow compiles a
    regex again for each piece it searches (intent's suggestion patterns: 0.19 s of CPU a chunk, 0.03 s whole).
    The pipeline searches the text as one array, with the same results."""
    from brandpulse.config import load_config
    from brandpulse.pipeline import analyze_posts
    from brandpulse.schema import STRING, conform

    texts = ["wish you had dark mode Skyway", "why can't I pay with PayPal on QuickBite?", "Skyway lost my bag"] * 4
    posts = conform(pd.DataFrame({"text": pd.array(texts, dtype=STRING)}))
    pieces = pa.chunked_array([pa.array(texts[k : k + 4], pa.large_string()) for k in range(0, len(texts), 4)])
    in_pieces = posts.copy()
    in_pieces["text"] = pd.arrays.ArrowStringArray(pieces)
    assert in_pieces["text"].array._pa_array.num_chunks == 3
    config = load_config(files / "bp.toml")
    whole = analyze_posts(posts, config)
    searched = []
    search = pc.match_substring_regex

    def counting(strings, *args, **kwargs):
        searched.append(strings.num_chunks if isinstance(strings, pa.ChunkedArray) else 1)
        return search(strings, *args, **kwargs)

    monkeypatch.setattr(pc, "match_substring_regex", counting)
    got = analyze_posts(in_pieces, config)
    assert searched and max(searched) == 1
    pd.testing.assert_frame_equal(got, whole)
    assert in_pieces["text"].array._pa_array.num_chunks == 3  # (the caller's frame is left as it was)
    assert set(got["intent"]) >= {"suggestion"}


def test_a_worker_s_first_chunk_scans_its_texts_once(files):
    """The terms of brands, intent and topics are found in one scan of a chunk's texts, redone when a matcher with
    new terms comes after it. The words that keep an unscored post's praise from reading as positive came so, with
    the first chunk holding such a post: each worker scanned its first chunk twice (0.2 s of CPU). The warm-up a
    worker starts with builds them. (A new process: the terms of the tests before are known in this one.)"""
    script = f"""
import pandas as pd
from brandpulse.config import load_config
from brandpulse.engines.chunked import Options, analyze_part, warm_up
from brandpulse.enrich import matching
from brandpulse.schema import conform
options = Options(config=load_config({str(files / "bp.toml")!r}), sentiment="cx")
warm_up(options)
scans = []
scan = matching._scan
matching._scan = lambda automaton, big: scans.append(big) or scan(automaton, big)
posts = conform(pd.DataFrame({{
    "text": ["Muchas gracias Skyway, excelente servicio", "Skyway lost my bag", "QuickBite was late and cold"],
    "lang": ["es", "en", "en"],
}}))
out = analyze_part(posts, options).rows
assert out["intent"].iloc[0] == "praise", out["intent"].tolist()
print(len(scans), len(set(scans)))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    scans, different = done.stdout.split()
    assert scans == different  # (the praised post is scanned alone too, for its "but")


def test_one_process_scans_its_first_chunk_s_texts_once(files):
    """With one job too, the run warms up (in a thread, while the first chunk is read) before it: brands, intent and
    topics each built their matcher on the first chunk, each with terms the scan before lacked, and each scanned its
    texts again (100,000 posts: 0.25 s of CPU). (A new process: the terms of the tests before are known in this one.)"""
    script = f"""
from brandpulse.config import load_config
from brandpulse.engines import chunked
from brandpulse.enrich import matching
scans = []
scan = matching._scan
matching._scan = lambda automaton, big: scans.append(big) or scan(automaton, big)
options = chunked.Options(config=load_config({str(files / "bp.toml")!r}), sentiment="cx")
rows = []
chunked.run([{str(files / "posts.csv")!r}], options, write=lambda part, data: rows.append(len(part)))
big = [text for text in scans if "lost" in text]  # (the warm-up's own two posts are scanned apart)
print(sum(rows), len(big), len(set(big)))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    rows, scans, different = done.stdout.split()
    assert int(rows) > 0 and int(scans) >= 1
    assert scans == different


def _frozen(item: int) -> int:
    import gc

    return gc.get_freeze_count()


def test_a_worker_keeps_what_its_warm_up_built_out_of_the_collector_s_passes(files):
    """The analyzer, lexicons and matchers a worker builds live as long as it does: the garbage collector's full
    passes walked them all again (0.04 s of CPU a 100,000-post chunk)."""
    from functools import partial

    from brandpulse.config import load_config
    from brandpulse.engines.chunked import Options, map_ordered, start_worker

    options = Options(config=load_config(files / "bp.toml"), sentiment="cx")
    got = list(map_ordered(_frozen, range(2), 2, initializer=partial(start_worker, options)))
    assert min(got) > 1000  # (the analyzer alone is tens of thousands of objects)


def test_a_warm_up_thread_leaves_the_warnings_filters_as_they_were():
    """The one-job warm-up runs in a thread while the first chunk is read; both threads' `catch_warnings` (pandas
    enters it in each) change the process's filters, and exits out of order leave one's "ignore" in place: the run's
    own warnings were then silent. The filters are as they were after the warm-up (review of stop 47)."""
    import warnings

    from brandpulse.engines.chunked import map_ordered

    def leaves_ignore():  # (what two threads' interleaved `catch_warnings` can leave)
        warnings.simplefilter("ignore")

    def warns(x):
        warnings.warn(f"chunk {x}", UserWarning, stacklevel=1)
        return x

    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        assert list(map_ordered(warns, [1, 2], 1, preload=leaves_ignore)) == [1, 2]
    assert [str(w.message) for w in said] == ["chunk 1", "chunk 2"]


def test_engine_errors_name_the_flags_in_a_command_alone(tmp_path):
    """`chunked.run` and `distributed.run` called from Python said `--jobs`, `--engine dask`, `--scheduler` and
    `--output`, flags a notebook has none of: they name their keywords, and the flags while a command runs."""
    from brandpulse.config import load_config
    from brandpulse.engines import chunked, distributed
    from brandpulse.enrich.sentiment import get_analyzer

    (tmp_path / "p.toml").write_text(CONFIG)
    config = load_config(tmp_path / "p.toml")
    (tmp_path / "posts.csv").write_text(POSTS)
    built = chunked.Options(config, get_analyzer("vader"))  # (an analyzer object, not its name)
    with pytest.raises(TypeError, match=r"^jobs=2 needs the analyzer by name \(Options.sentiment\), to build it"):
        chunked.run([str(tmp_path / "posts.csv")], built, jobs=2)
    with pytest.raises(ConfigError, match=r"^distributed.run needs the analyzer by name \(Options.sentiment\), to"):
        distributed.run([str(tmp_path / "posts.csv")], built)
    with pytest.raises(InputError, match=r"^distributed.run reads files, not stdin$"):
        distributed.run(["-"], chunked.Options(config, "vader"))
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "part-0.parquet").write_bytes(b"an earlier run's")
    dask = pytest.importorskip("distributed")
    cluster = dask.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None)
    empty = r"^output='.*out': distributed.run writes Parquet into a new or empty folder$"
    with cluster, dask.Client(cluster) as client, pytest.raises(InputError, match=empty):
        distributed.run(
            [str(tmp_path / "posts.csv")],
            chunked.Options(config, "vader"),
            client=client,
            output=str(tmp_path / "out"),
            out_fmt="parquet",
        )
    with on_the_command_line():
        with pytest.raises(TypeError, match=r"^--jobs needs the analyzer by name, to build it in each worker$"):
            chunked.run([str(tmp_path / "posts.csv")], built, jobs=2)
        with pytest.raises(InputError, match=r"^--engine dask reads files, not stdin$"):
            distributed.run(["-"], chunked.Options(config, "vader"))
