"""Output files: formats, spreadsheet safety, atomic replacement."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from brandpulse.output.writers import atomic_path, neutralize_formulas, to_bytes, write_table

DF = pd.DataFrame(
    {
        "post_id": pd.Series(["1234567890123456789", "2"], dtype="string"),
        "created_at": pd.to_datetime(["2020-01-01T10:00:00Z", None], utc=True),
        "text": pd.Series(['=HYPERLINK("http://x")', "café 😀"], dtype="string"),
        "likes": pd.Series([3, None], dtype="Int64"),
        "sentiment": [-0.5, 0.25],
    }
)


def test_csv_neutralizes_formulas_but_not_numbers():
    cells = pd.DataFrame({"t": ["=1+1", "+1", "-2", "@Delta hi", "\tx", "\rx", "ok", None], "n": [-1.5] * 8})
    out = neutralize_formulas(cells)
    assert out["t"].tolist()[:7] == ["'=1+1", "'+1", "'-2", "'@Delta hi", "'\tx", "'\rx", "ok"]
    assert pd.isna(out["t"].iloc[7])
    assert out["n"].tolist() == [-1.5] * 8


def test_csv_bytes():
    text = to_bytes(DF, "csv").decode("utf-8")
    assert text.splitlines() == [
        "post_id,created_at,text,likes,sentiment",
        '"=""1234567890123456789""",2020-01-01T10:00:00Z,"\'=HYPERLINK(""http://x"")",3,-0.5',
        "2,,café 😀,,0.25",
    ]
    raw = to_bytes(DF, "csv", safe=False).decode("utf-8")
    assert '"=HYPERLINK(""http://x"")"' in raw
    excel = to_bytes(DF, "csv", excel=True)
    assert excel.startswith(b"\xef\xbb\xbf") and b"\r\n" in excel


def test_json_and_jsonl():
    records = json.loads(to_bytes(DF, "json"))
    assert records[0] == {
        "post_id": "1234567890123456789",
        "created_at": "2020-01-01T10:00:00Z",
        "text": '=HYPERLINK("http://x")',
        "likes": 3,
        "sentiment": -0.5,
    }
    assert records[1]["likes"] is None and records[1]["created_at"] is None
    lines = to_bytes(DF, "jsonl").decode().splitlines()
    assert [json.loads(line)["post_id"] for line in lines] == ["1234567890123456789", "2"]


def test_parquet_round_trip(tmp_path):
    write_table(DF, tmp_path / "o.parquet")
    back = pd.read_parquet(tmp_path / "o.parquet")
    assert back["post_id"].tolist() == ["1234567890123456789", "2"]
    assert back["likes"].iloc[0] == 3


def test_atomic_write_keeps_previous_file_on_failure(tmp_path):
    target = tmp_path / "report.csv"
    target.write_text("previous")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half a file")
        raise RuntimeError("killed")
    assert target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]  # no temporary left behind
    write_table(DF, target)
    assert target.read_text().startswith("post_id,")


def test_long_ids_are_written_as_text_formulas():
    cells = pd.DataFrame({"post_id": ["570306133677760513", "123456789012345", "12a"]})
    assert neutralize_formulas(cells)["post_id"].tolist() == ['="570306133677760513"', "123456789012345", "12a"]
