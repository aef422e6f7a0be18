"""Output files: formats, spreadsheet safety, atomic replacement."""

from __future__ import annotations

import csv
import io
import json
import re
import warnings

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brandpulse.output import writers
from brandpulse.output.writers import (
    DATE_FORMAT,
    ChunkWriter,
    _as_labels,
    _float_cells,
    atomic_open,
    atomic_path,
    csv_bytes,
    neutralize_formulas,
    restore_formulas,
    to_bytes,
    write_table,
)

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
    assert b",2020-01-01 10:00:00," in excel  # a time Excel and LibreOffice read as one (not ...T...Z)


@pytest.mark.parametrize(
    "frame",
    [
        pd.DataFrame({"brand": ["A", "B", "C"], "competitor": [False, True, False]}),
        pd.DataFrame({"competitor": [False, True, False]}),  # (one column: written by pandas)
        pd.DataFrame({"brand": pd.Series(["A", "B", "C"], dtype=object), "competitor": [False, True, False]}),
        pd.DataFrame({"brand": ["A", "B", "C"], "competitor": pd.array([False, True, None], dtype="boolean")}),
    ],
    ids=["column-wise", "one column", "object column", "nullable"],
)
def test_truth_values_are_written_true_and_false_as_json_writes_them(frame):
    """`competitor` was `False`/`True`, Python's spelling: written `false`/`true`, as in JSON, which spreadsheets
    show as FALSE and TRUE and pandas, DuckDB and csvkit read as booleans; the same in every way a CSV is written."""
    last = "" if frame["competitor"].isna().any() else "false"
    for fmt, sep in (("csv", ","), ("tsv", "\t")):
        for options in ({}, {"safe": False}, {"excel": True}):
            data = to_bytes(frame, fmt, **options).decode("utf-8-sig")
            lines = data.splitlines()[1:]
            assert [line.split(sep)[-1] for line in lines] == ["false", "true", last]
    back = pd.read_csv(io.BytesIO(to_bytes(frame, "csv")))
    assert back["competitor"].tolist()[:2] == [False, True]


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


def test_jsonl_rows_of_every_kind_of_column_are_plain_json():
    """The rows are made column by column: numpy's scalars in an object column are JSON's numbers and truth values,
    a column's missing cells null, a whole star rating a whole number, keys in the frame's order."""
    df = pd.DataFrame(
        {
            "text": pd.Series(["a", None], dtype="string"),
            "likes": pd.Series([None, 7], dtype="Int64"),
            "rating": pd.Series([4.0, 4.5], dtype="Float64"),
            "mixed": pd.Series([np.int64(2), np.bool_(True)], dtype=object),
            "score": [np.nan, 0.25],
            "flag": [True, False],
        }
    )
    assert to_bytes(df, "jsonl").decode() == (
        '{"text": "a", "likes": null, "rating": 4, "mixed": 2, "score": null, "flag": true}\n'
        '{"text": null, "likes": 7, "rating": 4.5, "mixed": true, "score": 0.25, "flag": false}\n'
    )


def test_parquet_round_trip(tmp_path):
    write_table(DF, tmp_path / "o.parquet")
    back = pd.read_parquet(tmp_path / "o.parquet")
    assert back["post_id"].tolist() == ["1234567890123456789", "2"]
    assert back["likes"].iloc[0] == 3


def test_parquet_text_columns_without_values_are_text(tmp_path):
    # a column of Python strings with no value yet (a table without rows, a first chunk whose posts have none) was
    # Arrow's `null`: no warehouse table made from it takes text, and a later chunk's text could not be cast to it
    empty = pd.DataFrame({"reason": pd.Series([None, None], dtype=object), "n": [1, 2]})
    later = pd.DataFrame({"reason": pd.Series(["bad likes 'lots'", None], dtype=object), "n": [3, 4]})
    with ChunkWriter(tmp_path / "c.parquet", "parquet") as sink:
        sink.write(empty)
        sink.write(later)
    back = pq.read_table(tmp_path / "c.parquet")
    assert back.schema.field("reason").type == pa.large_string()
    assert back.column("reason").to_pylist() == [None, None, "bad likes 'lots'", None]
    write_table(empty.iloc[:0], tmp_path / "e.parquet")
    assert pq.read_schema(tmp_path / "e.parquet").types == [pa.large_string(), pa.int64()]


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


def test_the_temporary_file_is_written_as_created_not_truncated_again(tmp_path):
    target = tmp_path / "report.csv"
    target.write_text("previous, and longer than what replaces it")
    with atomic_open(target) as fh:
        assert fh.mode == "rb+"  # no O_TRUNC: on ext4, closing a truncated file writes it all to disk
        fh.write(b"new")
        assert target.read_text().startswith("previous")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]


@pytest.mark.skipif(not hasattr(writers, "fcntl") or writers.fcntl is None, reason="needs flock")
def test_a_temporary_file_taken_for_a_leftover_before_it_is_locked_is_made_again(tmp_path, monkeypatch):
    """A run's temporary file is locked just after it is made: another run writing the same output, looking for the
    leftovers of killed runs in that instant, found it unlocked and removed it, and this run then failed ("No such
    file or directory") as it opened it to write. It makes another."""
    target = tmp_path / "out.csv"
    target.write_text("previous")
    lock, raced = writers._lock, []

    def lock_late(fd):  # (the other run looks in the instant between the file made and its lock)
        if not raced:
            raced.append(sorted(p.name for p in tmp_path.iterdir()))
            monkeypatch.setattr(writers, "_lock", lock)
            writers._remove_abandoned(tmp_path, "out.csv")
        return lock(fd)

    monkeypatch.setattr(writers, "_lock", lock_late)
    with atomic_open(target) as fh:
        fh.write(b"new")
    assert raced[0][0].startswith(".out.csv.") and raced[0][1:] == ["out.csv"]  # (there, unlocked, when looked at)
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_full_width_formula_characters_are_guarded():
    """＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20) went out as they were: Apple Numbers folds them to = + - @ and
    runs `＝2+2` (node-csv #387), and Excel in Japanese settings does so too, by reports (OWASP www-community
    #1088). Other characters of the same first UTF-8 byte (！, a BOM) are left alone."""
    cells = [
        '＝HYPERLINK("http://evil.example")',
        "＋1 Acme",
        "－2",
        "＠acme 最高",
        " ＝1",
        "！Acme",
        "\ufeffAcme",
        "a＝1",
    ]
    out = neutralize_formulas(pd.DataFrame({"t": cells}))
    assert out["t"].tolist() == [
        '\'＝HYPERLINK("http://evil.example")',
        "'＋1 Acme",
        "'－2",
        "'＠acme 最高",
        "' ＝1",
        "！Acme",
        "\ufeffAcme",
        "a＝1",
    ]
    assert restore_formulas(out)["t"].tolist() == cells


def test_long_ids_are_written_as_text_formulas():
    cells = pd.DataFrame({"post_id": ["570306133677760513", "123456789012345", "12a"]})
    assert neutralize_formulas(cells)["post_id"].tolist() == ['="570306133677760513"', "123456789012345", "12a"]


def test_text_a_spreadsheet_reads_as_another_value_is_written_as_text():
    """Only 16+ digit ids were wrapped: a parent_id `007` showed as 7 in a spreadsheet, a Reddit id `1e5` as
    100000, an author `0123` as 123, `1/2` and `3-4` as dates, `true` as TRUE. Text shown as it was (`42`, `0.5`,
    `1e5x`, `may`, `10-100`) is left alone, and number columns are numbers."""
    cells = ["007", "1e5", "0123", "1/2", "3-4", "2026-10-13", "TRUE", "false", "1.50", ".5", "1,234"]
    cells += ["1:30", "10:45", " 007 ", "1E+05", "42", "0.5", "0", "1e5x", "may", "10-100", "truth", "-007", None]
    df = pd.DataFrame({"t": pd.array(cells, dtype="string[pyarrow]"), "n": range(len(cells)), "x": [0.5] * len(cells)})
    out = neutralize_formulas(df)
    wrapped = [f'="{c}"' for c in cells[:15]]
    assert out["t"].tolist()[:-1] == [*wrapped, "42", "0.5", "0", "1e5x", "may", "10-100", "truth", "'-007"]
    assert pd.isna(out["t"].iloc[-1])
    assert out["n"].tolist() == list(range(len(cells))) and out["x"].tolist() == [0.5] * len(cells)
    assert restore_formulas(out)["t"].tolist()[:-1] == cells[:-1]
    assert to_bytes(df, "csv").startswith(b't,n,x\n"=""007""",0,0.5\n"=""1e5""",1,0.5\n')  # (CSV-quoted)
    assert to_bytes(df, "csv", safe=False).startswith(b"t,n,x\n007,0,0.5\n1e5,1,0.5\n")  # --raw-csv


def _written_as_text(guarded: list[str], kept: list[str]) -> None:
    """`guarded` cells are written as `="..."` and `kept` ones as they are; both read back as they were."""
    out = neutralize_formulas(pd.DataFrame({"t": pd.array(guarded + kept, dtype="string[pyarrow]")}))
    assert out["t"].tolist() == [f'="{c}"' for c in guarded] + kept
    assert restore_formulas(out)["t"].tolist() == guarded + kept


def test_amounts_percentages_month_dates_and_fractions_are_written_as_text():
    """`(5)` showed as -5 in a spreadsheet, `50%` as 50.00% (0.5), `$5` as $5.00, `Jan 5` and `SEPT2` as dates,
    `1 5/16` as 1 1/3, `5-` as -5; with decimal commas (German, French settings) `1.234,5` as 1234,5, `1.234` as
    1234 and `12.03.2026` as 12.03.26. What no spreadsheet changes is left alone (`(a)`, `may`, `%50`, `1,5`)."""
    guarded = ["(5)", "(1,234.50)", "($5)", "50%", "0.5 %", "$5", "$1,234", "$-5", "5€", "€ 5,50", "£5", "¥500"]
    guarded += ["Jan 5", "5 Jan", "jan-5", "March 2024", "5-Jan-2026", "Sept 5, 2026", "SEPT2", "may5"]
    guarded += ["1 1/2", "1 5/16", "5-", "5.5+", "5 PM", "5pm", "2026-01-05 10:00", "2026-01-05T10:00:00.5"]
    guarded += ["1.234,5", "1.234", "1.234.567", "1 234", "12.03.2026", "1.2.3", "1,50", ",5", " (5) "]
    kept = ["(a)", "(5%)", "may", "Jan", "%50", "USD 5", "1,5", "0,5", "12.5", "Jan 5th", "Mon", "5k", "10-100"]
    kept += ["2026-01-05T10:00:00Z", "1 2", "marc 5", "£", "$", "()", "5 a", "Skyway $5 fare", "mayday 5"]
    _written_as_text(guarded, kept)


def test_weekday_dates_month_years_and_currencies_in_letters_are_written_as_text():
    """`Mon Jan 5` and `Monday, January 5, 2026` showed as dates in a spreadsheet (LibreOffice skips a weekday
    before a date), `12/2026` and `1/0` as months (Excel reads a month before a year, Microsoft KB Q65904), `kr 5`,
    `CHF 5`, `5 zł`, `R$ 5` as amounts in Swedish, Swiss, Polish, Brazilian settings. `13/13`, `32/1` and `1/100`,
    which no spreadsheet reads as a date, were written as `="13/13"`: now as they are, like currency codes (`USD 5`)
    and weekdays before what is no date (`Mon, Jan 5`: LibreOffice takes no comma after `Mon`)."""
    guarded = ["Mon Jan 5", "Monday, January 5, 2026", "Mon 5 Jan", "Mon. 5 Jan", "WED JAN 5", "Tue 5/1", "Mon 13/1"]
    guarded += ["Fri 2026-01-05", "Mon 1/5/2026 10:00", "Wednesday, September 30, 2026", "Sunday Dec 7", " Mon Jan 5 "]
    guarded += ["12/2026", "1/2026", "01/2026", "1/0", "5/45", "12-2026", "13-1", "31/12", "1/13"]
    guarded += ["kr 5", "5 kr", "KR 5", "5 kr.", "CHF 5", "5CHF", "5 zł", "5 ZŁ", "5 Kč", "R$ 5", "₹5", "5 ₽", "(5 kr)"]
    kept = ["13/13", "32/1", "1/100", "13/2026", "0/5", "2026/12", "2026-12", "99/99", "10-100"]
    kept += ["Mon, Jan 5", "MonJan 5", "Monday. Jan 5", "Mon 1/0", "Mon 12/2026", "Mon 5", "Mon 10:00", "Mon Jan 5th"]
    kept += ["Mon", "Monday", "Sunny", "Thursday", "USD 5", "5 USD", "EUR 12,50", "5 GBP", "kr", "krona", "Chf", "R$"]
    _written_as_text(guarded, kept)
    # what an earlier brandpulse wrote around them reads back as the text too
    older = pd.DataFrame({"t": pd.array(['="13/13"', '="2026-12"', '="99/99"', '="USD 5"'], dtype="string[pyarrow]")})
    assert restore_formulas(older)["t"].tolist() == ["13/13", "2026-12", "99/99", '="USD 5"']


def test_month_and_weekday_names_and_truth_values_of_other_languages_are_written_as_text():
    """German, Spanish, French and Portuguese settings read their own month and weekday names and truth values:
    an author `Dezember 3` showed as 2003-12-01 there, `Mo 5. Jan` and `lundi 5 janvier 2026` as dates, `WAHR` and
    `VRAI` as TRUE. Forms no setting reads (`lunes`, `3 de dezembro`, `Mo, 5.1.`) are left as they are."""
    guarded = ["Dezember 3", "3. Dezember 2026", "3. Dez.", "Mär 5", "Okt 2026", "Mo 5. Jan", "Montag, 5. Januar 2026"]
    guarded += ["Di 5.1.", "So 5.1.2026", "7 dic", "diciembre 7", "ene 5", "ago-26", "lun 5 ene", "lunes 5/1/2026"]
    guarded += ["mié 5/1", "3 déc.", "DÉCEMBRE 3", "mars 2026", "févr. 3", "lun. 5 janv.", "lundi 5 janvier 2026"]
    guarded += ["março 3", "3 dez", "out 2026", "seg 5/1", "Mai 5", "3 Jan.", "3. Jan."]
    guarded += ["WAHR", "falsch", "VERDADERO", "FALSO", "vrai", "FAUX", "Verdadeiro"]
    kept = ["lunes", "lunes 5 de enero", "3 de dezembro", "Mo, 5.1.", "seg, 5 jan", "Dezember", "Montag", "mai"]
    kept += ["segunda-feira, 5 de janeiro de 2026", "SI", "oui", "ja", "Wahrheit", "vraiment", "Faust", "out of 5"]
    _written_as_text(guarded, kept)


def test_truth_values_of_italian_and_dutch_settings_are_written_as_text():
    """Italian and Dutch settings read `VERO`/`FALSO` and `WAAR`/`ONWAAR` as TRUE and FALSE: an author or a reply
    `Waar` showed as TRUE there. Written as `="..."` in any case; words that only start so are left as they are."""
    guarded = ["VERO", "vero", "Falso", "WAAR", "waar", "ONWAAR", "OnWaar"]
    kept = ["Verona", "veró", "waarom", "onwaarheid", "Onwa", "on waar", "ONWAARD", "oui"]
    _written_as_text(guarded, kept)


def _neutralized(cell: str | None) -> str | None:
    """The rule for one cell, written plainly."""
    if cell is None:
        return None
    if cell.lstrip("'").lstrip(" \n\0")[:1] in (
        "=",
        "+",
        "-",
        "@",
        "\t",
        "\r",
        "＝",
        "＋",
        "－",
        "＠",
    ):  # or looks guarded
        return "'" + cell
    number = r"([0-9]+([.,][0-9]+)*[.,]?|[.,][0-9]+)"
    money = r"([$€£¥₹₽]|[kK][rR]\.?|[rR]\$)"
    time = r"[0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?( ?[aApP][mM]?)?|[0-9]{1,2} ?[aApP][mM]"
    value = "|".join(
        [
            r"[0-9]{16,}|0[0-9]+([.,][0-9]*)?|[0-9]*\.?[0-9]+[eE][-+]?[0-9]+|[0-9]*[.,][0-9]*0|[.,][0-9]+|[0-9]+[.,]",
            r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?|[0-9]{1,3}([. ][0-9]{3})+(,[0-9]+)?",  # 1,234 1.234,5 1 234
            r"(0?[1-9]|1[0-2])[-/]([0-9]{1,2}|(19|[2-9][0-9])[0-9]{2})",  # month/day, month/year: 1/2 12/2026 1/0
            r"(0?[1-9]|[12][0-9]|3[01])[-/](0?[1-9]|1[0-2])",  # day/month: 13/1
            rf"[0-9]{{1,4}}[-/][0-9]{{1,2}}[-/][0-9]{{1,4}}([ T]({time}))?|{time}",  # dates, times
            r"[0-9]{1,2}\.[0-9]{1,2}\.([0-9]{1,4})?",  # 12.03.2026
            rf"{number} *%|{money} *-?{number}|{number} *{money}|\( *({money} *)?{number} *({money} *)?\)",
            rf"{number} *[-+]|[0-9]+ +[0-9]+/[0-9]+",  # 5- 1 1/2
        ]
    )
    return f'="{cell}"' if re.fullmatch(f" *({value}) *", cell) else cell


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.none()
        | st.text(
            alphabet=st.sampled_from(list("0123456789=+-@\t\r a\n1é٣😀'\"\0＝＋－＠！\ufeff./,eE()%$€£:Tkr")),
            max_size=20,
        ),
        min_size=1,
        max_size=12,
    )
)
def test_neutralize_formulas_cell_by_cell(cells):
    df = pd.DataFrame(
        {"t": pd.array(cells, dtype="string[pyarrow]"), "sliced": pd.array(["x", *cells], dtype="string")[1:]}
    )
    out = neutralize_formulas(df)
    want = [_neutralized(c) for c in cells]
    assert [None if pd.isna(v) else v for v in out["t"]] == want
    assert [None if pd.isna(v) else v for v in out["sliced"]] == want
    back = restore_formulas(out)  # read back in: every cell as it was
    assert [None if pd.isna(v) else v for v in back["t"]] == cells
    assert [None if pd.isna(v) else v for v in back["sliced"]] == cells


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.none()
        | st.text(alphabet=st.sampled_from(list("0123456789=+-@\t a\n1é😀'\"\0＝./,eE()%$€:Tkr")), max_size=12),
        min_size=1,
        max_size=12,
    )
)
def test_neutralize_formulas_of_a_column_of_few_values_is_cell_by_cell(cells):
    """A column of few distinct values (platforms, labels, brands) is guarded value by value, then spread over its
    cells: the same cells as the cell-by-cell rule (the test above takes the other path, its columns being short)."""
    many = cells * (5000 // len(cells) + 1)
    column = pd.array(["x", *many], dtype="string")[1:]  # (sliced: its Arrow array starts inside its buffers)
    assert _as_labels(pa.array(column, type=pa.large_string(), from_pandas=True)) is not None  # (that path)
    out = neutralize_formulas(pd.DataFrame({"t": column}))
    assert [None if pd.isna(v) else v for v in out["t"]] == [_neutralized(c) for c in many]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.none()
        | st.builds(  # digits, one other character put among them or not
            lambda digits, other, at: digits[:at] + other + digits[at:],
            st.text(alphabet=st.sampled_from("0123456789"), min_size=14, max_size=20),
            st.sampled_from(["", "", " ", ".", ",", "e", "/", "a", '"', "٣", "１", "\u00a0"]),
            st.integers(0, 21),
        ),
        min_size=1,
        max_size=12,
    ),
    st.booleans(),
)
def test_long_numbers_are_values_as_the_regex_reads_them(cells, every):
    """Cells of 16 digits or more (post ids) are known to be values without the regex (an Arrow digit test): the same
    cells as the cell-by-cell rule, digits beyond ASCII (`٣`, `１`) and spaces around them as the regex reads them.
    `every`: a column of ids alone, every cell wrapped (`_wrap` then wraps the whole column), and quoted for CSV as
    the csv module quotes."""
    if every:
        cells = [c for c in cells if c is None or _neutralized(c).startswith('="')] + ["1234567890123456789"]
    column = pd.array(["x", *cells], dtype="string")[1:]  # (sliced: its Arrow array starts inside its buffers)
    out = neutralize_formulas(pd.DataFrame({"post_id": column}))
    want = [None if c is None else _neutralized(c) for c in cells]
    assert [None if pd.isna(v) else v for v in out["post_id"]] == want
    body = io.StringIO()
    csv.writer(body, lineterminator="\n").writerows([["" if c is None else c, 1] for c in want])
    assert csv_bytes(out.assign(n=1), header=False) == body.getvalue().encode("utf-8")


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(width=64) | st.sampled_from([0.0, -0.0, 1e-9, 1e10, 2.0]), min_size=1, max_size=12))
def test_float_cells_of_a_column_of_few_values_are_each_values_repr(values):
    """Scores repeat (2,700 distinct of 46,000 a slice): such a column is formatted value by value, then spread
    over its cells; each cell is still its value's shortest repr (-0.0 apart from 0.0), NaN empty."""
    many = np.array(values * (5000 // len(values) + 1), dtype=float)
    assert _as_labels(pa.array(many, from_pandas=True)) is not None  # (that path)
    assert _float_cells(many).to_pylist() == ["" if np.isnan(x) else repr(float(x)) for x in many]


def test_a_nul_before_a_formula_is_guarded():
    """LibreOffice drops NUL characters on import, then runs `=1+1` (a JSON post or an API's text can hold them)."""
    cells = ["\x00=1+1", " \x00@SUM(1)", "\x00\x00-2", "a\x00=1", "\x00"]
    out = neutralize_formulas(pd.DataFrame({"t": cells}))
    assert out["t"].tolist() == ["'\x00=1+1", "' \x00@SUM(1)", "'\x00\x00-2", "a\x00=1", "\x00"]
    assert restore_formulas(out)["t"].tolist() == cells


def test_a_text_that_looks_guarded_gets_a_quote_too_so_it_reads_back_exactly():
    cells = ["'@Delta lost my bag' was my tweet", "'=1+1", "' \n-2", "''=1", "'tis", "'", "'12345678901234567"]
    out = neutralize_formulas(pd.DataFrame({"t": cells}))
    want = ["''@Delta lost my bag' was my tweet", "''=1+1", "'' \n-2", "'''=1", "'tis", "'", "'12345678901234567"]
    assert out["t"].tolist() == want
    assert restore_formulas(out)["t"].tolist() == cells


def test_restore_formulas_undoes_only_the_guards():
    cells = ["'=1+1", "' \n@x", '="570306133677760513"', "'tis", "'", '="12"', "=1+1", "'12345678901234567", "''=1"]
    out = restore_formulas(pd.DataFrame({"t": pd.array(cells, dtype="string[pyarrow]"), "n": range(9)}))
    want = ["=1+1", " \n@x", "570306133677760513", "'tis", "'", '="12"', "=1+1", "'12345678901234567", "'=1"]
    assert out["t"].tolist() == want
    assert out["n"].tolist() == list(range(9))


# -- the column-wise CSV writer must give pandas' bytes ---------------------------------------

CELL_TEXT = st.text(alphabet=st.sampled_from(list("ab ,;\"'\t\r\n=+-@é😀\u2028\x00")), max_size=8)
FLOATS = (
    st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from([0.0, -0.0, 2.0, -5.0, 1e-05, 1e9, 9999999999.0, 1e10, 1e15, 1e16, 0.1])
    | st.integers(-(10**11), 10**11).map(float)
)


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.none() | CELL_TEXT,
            st.none() | st.integers(-(2**63), 2**63 - 1),
            FLOATS,
            st.none() | st.booleans(),
            st.none() | st.datetimes(min_value=pd.Timestamp("1680-01-01"), max_value=pd.Timestamp("2260-01-01")),
        ),
        min_size=1,
        max_size=6,
    ),
    sep=st.sampled_from([",", "\t", ";"]),
    terminator=st.sampled_from(["\n", "\r\n"]),
    excel_times=st.booleans(),
    decimal=st.sampled_from([".", ","]),
)
def test_csv_bytes_equal_pandas_to_csv(rows, sep, terminator, excel_times, decimal):
    if decimal == sep:
        decimal = "."  # (refused: every decimal would need quotes)
    text, ints, floats, flags, times = zip(*rows, strict=True)
    df = pd.DataFrame(
        {
            "text": pd.array(text, dtype="string[pyarrow]"),
            "n": pd.array(ints, dtype="Int64"),
            "x": np.array(floats, dtype=float),
            "flag": pd.array(flags, dtype="boolean"),
            "when": pd.to_datetime(list(times), utc=True).astype("datetime64[ns, UTC]"),
            "local": pd.to_datetime(list(times), utc=True).tz_convert("America/New_York"),
            "naive": pd.to_datetime(list(times)).astype("datetime64[ns]"),
            "us": pd.to_datetime(list(times), utc=True).astype("datetime64[us, UTC]"),
            "early": np.array([t and t.replace(year=t.year - 800) for t in times], dtype="datetime64[s]"),
        }
    )
    if terminator == "\n":  # Python 3.11's csv module leaves a lone \r unquoted then (a broken file): ours quotes it
        df["text"] = df["text"].str.replace("\r", "\n")
    fmt = "%Y-%m-%d %H:%M:%S" if excel_times else DATE_FORMAT

    def pandas_csv(frame: pd.DataFrame) -> bytes:
        """pandas' CSV, but times with their fractions of a second as `_time_text` writes them."""
        frame = frame.copy()
        frame["local"] = frame["local"].dt.tz_convert("UTC")  # (its clock time with a Z was another instant)
        for col in ("when", "local", "naive", "us"):
            frame[col] = [_time_text(t, excel_times) for t in frame[col]]
        frame["flag"] = frame["flag"].map({True: "true", False: "false"})  # (pandas writes True, False)
        return frame.to_csv(index=False, sep=sep, date_format=fmt, lineterminator=terminator, decimal=decimal).encode()

    want = pandas_csv(df)
    assert csv_bytes(df, sep, terminator, excel_times=excel_times, decimal=decimal) == want
    rows_only = want.split(terminator.encode(), 1)[1]
    assert csv_bytes(df, sep, terminator, header=False, excel_times=excel_times, decimal=decimal) == rows_only
    tail = df.iloc[len(df) // 2 :]  # a slice: its Arrow arrays start inside their buffers
    assert csv_bytes(tail, sep, terminator, excel_times=excel_times, decimal=decimal) == pandas_csv(tail)


def _time_text(t: pd.Timestamp, excel_times: bool = False) -> str | None:
    """The rule for one time, written plainly: wall time, whole seconds, then the fraction if any, in 3, 6
    or 9 digits."""
    if pd.isna(t):
        return None
    ns = t.microsecond * 1000 + t.nanosecond
    fraction = f".{ns:09d}".rstrip("0") if ns else ""
    fraction = fraction.ljust(4 if len(fraction) <= 4 else 7 if len(fraction) <= 7 else 10, "0") if ns else ""
    return (
        t.strftime("%Y-%m-%d %H:%M:%S" if excel_times else "%Y-%m-%dT%H:%M:%S")
        + fraction
        + ("" if excel_times else "Z")
    )


def test_times_keep_their_fractions_of_a_second():
    """They were cut to whole seconds: read back, a post without an id was another post (ingest stored it
    twice, analyze counted it twice)."""
    times = ["2026-11-02T10:00:00.750Z", "2026-11-02T10:00:00Z", None, "2026-11-02T10:00:00.123456Z"]
    df = pd.DataFrame({"t": pd.to_datetime(times, utc=True, format="ISO8601"), "n": [1, 2, 3, 4]})
    assert to_bytes(df, "csv").decode().splitlines()[1:] == [
        "2026-11-02T10:00:00.750Z,1",
        "2026-11-02T10:00:00Z,2",
        ",3",
        "2026-11-02T10:00:00.123456Z,4",
    ]
    assert to_bytes(df, "csv", excel=True).decode("utf-8-sig").splitlines()[1] == "2026-11-02 10:00:00.750,1"
    assert [r["t"] for r in json.loads(to_bytes(df, "json"))] == [*times[:3], times[3]]
    nanos = pd.DataFrame({"t": pd.to_datetime(["1969-12-31T23:59:59.000000001Z"], utc=True)})
    assert to_bytes(nanos, "jsonl") == b'{"t": "1969-12-31T23:59:59.000000001Z"}\n'


@pytest.mark.parametrize("dtype", ["timestamp[us, tz=UTC][pyarrow]", "timestamp[ns, tz=America/New_York][pyarrow]"])
def test_an_arrow_time_column_with_a_null_is_written_with_an_empty_cell(dtype):
    """An Arrow column of times in a zone (`pd.read_parquet(..., dtype_backend="pyarrow")`'s) went to numpy as objects,
    its null as NaN: CSV and JSON stopped with a TypeError. Written in UTC as pandas' own times, the null empty."""
    times = pd.Series([pd.Timestamp("2026-11-02T10:00:00.250Z"), None], dtype=dtype)
    df = pd.DataFrame({"t": times, "n": [1, 2]})
    assert to_bytes(df, "csv").decode().splitlines() == ["t,n", "2026-11-02T10:00:00.250Z,1", ",2"]
    assert json.loads(to_bytes(df, "json")) == [{"t": "2026-11-02T10:00:00.250Z", "n": 1}, {"t": None, "n": 2}]
    assert to_bytes(df, "jsonl") == b'{"t": "2026-11-02T10:00:00.250Z", "n": 1}\n{"t": null, "n": 2}\n'


def test_csv_decimals_of_three_digits_get_a_fourth_so_no_setting_reads_a_thousands_separator():
    """`0.125` is 125 in German, Spanish and Italian settings (their thousands separator is the point): a sentiment
    or an average of three decimals became a number a thousand times too large, among cells shown as text."""
    df = pd.DataFrame({"brand": ["Renfe", "Müller", "x"], "avg": [0.125, -0.375, np.nan], "nss": [16.7, 1234.125, 0.0]})
    df["mixed"] = pd.Series([1, "b", None], dtype=object)  # (an object column: pandas writes the rows)
    for frame in (df, df.drop(columns="mixed")):
        rows = to_bytes(frame, "csv").decode("utf-8").splitlines()[1:]
        assert [r.split(",")[1:3] for r in rows] == [["0.1250", "16.7"], ["-0.3750", "1234.1250"], ["", "0.0"]]
        assert pd.read_csv(io.BytesIO(to_bytes(frame, "csv")))["avg"].tolist()[:2] == [0.125, -0.375]
        # --raw-csv, for machines, writes numbers as pandas does
        assert to_bytes(frame, "csv", safe=False).decode("utf-8").splitlines()[1].split(",")[1] == "0.125"


def test_csv_decimals_of_three_digits_get_a_fourth_in_every_path_and_other_floats_are_as_pandas_writes_them():
    """A column of few distinct scores is formatted value by value (`_as_labels`), also with a fourth decimal; a
    float32 column, which pandas writes itself, was widened to float64 for the check: 0.1 was 0.10000000149011612."""
    scores = pd.DataFrame({"s": np.tile([0.125, -0.375, 0.5, 0.0], 5000), "i": np.arange(20000)})
    rows = to_bytes(scores, "csv").decode("utf-8").splitlines()
    assert [r.split(",")[0] for r in rows[1:5]] == ["0.1250", "-0.3750", "0.5", "0.0"]
    narrow = pd.DataFrame({"f": np.array([0.1, 0.3, 2.5], dtype="float32"), "i": [1, 2, 3]})
    assert to_bytes(narrow, "csv").decode("utf-8") == to_bytes(narrow, "csv", safe=False).decode("utf-8")
    assert to_bytes(narrow, "csv").decode("utf-8").splitlines()[1:] == ["0.1,1", "0.3,2", "2.5,3"]


#: text cells of every kind the quoting and the guard act on, and decimals of each kind `_float_cells` writes
EU = pd.DataFrame(
    {
        "text": pd.Series(["a;b", "x,y", 'say "hi"', "line\nbreak", "=1+1", "@Delta late"], dtype="string"),
        "score": [0.125, 0.5, 2.0, np.nan, -0.791, 1.5e-05],
        "likes": pd.Series([1, None, 3, 4, 1234567, 6], dtype="Int64"),
        "competitor": [True, False, True, False, True, False],
    }
)


def test_decimal_comma_writes_semicolons_and_decimal_commas_and_still_quotes_and_guards():
    """Spreadsheets set to a decimal comma (German, French, Italian, Spanish) split a CSV at `;` and read `0,5` as
    one half: our `,`-separated file was one column there, its `0.7910` text. With `decimal_comma`, cells are
    separated by `;` (a text holding one quoted, one holding a comma not), decimals have a comma (a fourth decimal
    still after three: `0,1250`, which English settings would read as 125), and formulas are guarded as ever."""
    assert to_bytes(EU, "csv", decimal_comma=True).decode("utf-8") == (
        "text;score;likes;competitor\n"
        '"a;b";0,1250;1;true\n'
        "x,y;0,5;;false\n"
        '"say ""hi""";2,0;3;true\n'
        '"line\nbreak";;4;false\n'
        "'=1+1;-0,7910;1234567;true\n"
        "'@Delta late;1,5e-05;6;false\n"
    )
    excel = to_bytes(DF, "csv", excel=True, decimal_comma=True).decode("utf-8")
    assert excel == (
        "\ufeffpost_id;created_at;text;likes;sentiment\r\n"
        '"=""1234567890123456789""";2020-01-01 10:00:00;"\'=HYPERLINK(""http://x"")";3;-0,5\r\n'
        "2;;café 😀;;0,25\r\n"
    )
    tsv = to_bytes(EU, "tsv", decimal_comma=True).decode("utf-8").split("\n")
    assert tsv[:3] == ["text\tscore\tlikes\tcompetitor", "a;b\t0,1250\t1\ttrue", "x,y\t0,5\t\tfalse"]
    raw = to_bytes(EU, "csv", safe=False, decimal_comma=True).decode("utf-8").split("\n")
    assert raw[1] == '"a;b";0,125;1;true'  # (--raw-csv: numbers as pandas writes them, `sep=";", decimal=","`)
    assert raw[-3] == "=1+1;-0,791;1234567;true"
    named = pd.DataFrame({"n;x": [0.5], "m": ["a"]})
    assert to_bytes(named, "csv", decimal_comma=True) == b'"n;x";m\n0,5;a\n'


def test_decimal_comma_csv_reads_back_as_written():
    """pandas (`sep=";", decimal=","`) reads the file's values back, as brandpulse's reader does its texts."""
    for safe in (True, False):
        data = to_bytes(EU, "csv", safe=safe, decimal_comma=True)
        back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", dtype={"text": "string"})
        assert back["score"].tolist()[:3] == [0.125, 0.5, 2.0] and back["score"].tolist()[4:] == [-0.791, 1.5e-05]
        assert back["likes"].tolist()[-2:] == [1234567, 6]
        assert back["competitor"].tolist() == EU["competitor"].tolist()
        texts = restore_formulas(back)["text"] if safe else back["text"]
        assert texts.tolist() == EU["text"].tolist()


def test_decimal_comma_in_every_path_of_the_writer(tmp_path, monkeypatch):
    """A column of few distinct scores (`_as_labels`), pandas' rows (an object column), and a file written in slices
    (`write_table` of more than SLICE_ROWS rows) write the same decimals; a decimal mark that is the separator is
    refused."""
    scores = pd.DataFrame({"s": np.tile([0.125, -0.375, 0.5, 0.0], 5000), "i": np.arange(20000)})
    rows = to_bytes(scores, "csv", decimal_comma=True).decode("utf-8").splitlines()
    assert [r.split(";")[0] for r in rows[1:5]] == ["0,1250", "-0,3750", "0,5", "0,0"]
    mixed = EU.assign(mixed=pd.Series([1, "b", None, 2, 3, 4], dtype=object))  # (pandas writes the rows)
    lines = to_bytes(mixed, "csv", decimal_comma=True).decode("utf-8").split("\n")
    assert lines[:3] == ["text;score;likes;competitor;mixed", '"a;b";0,1250;1;true;1', "x,y;0,5;;false;b"]
    assert lines[-3:] == ["'=1+1;-0,7910;1234567;true;3", "'@Delta late;1,5e-05;6;false;4", ""]
    monkeypatch.setattr(writers, "SLICE_ROWS", 2)
    write_table(EU, tmp_path / "eu.csv", decimal_comma=True, excel=True)
    assert (tmp_path / "eu.csv").read_bytes() == to_bytes(EU, "csv", decimal_comma=True, excel=True)
    with pytest.raises(ValueError, match="cannot be the separator"):
        csv_bytes(EU, ",", decimal=",")


def test_csv_bytes_quote_like_the_csv_module():
    df = pd.DataFrame(
        {"a": pd.array(['say "hi"', "x,y", "line\nbreak", "plain"], dtype="string"), "b": [1.0, 2.5, 0.0, 1e-05]}
    )
    assert csv_bytes(df) == b'a,b\n"say ""hi""",1.0\n"x,y",2.5\n"line\nbreak",0.0\nplain,1e-05\n'
    lone_cr = pd.DataFrame({"a": pd.array(["x\ry"], dtype="string"), "b": [1]})
    assert csv_bytes(lone_cr) == b'a,b\n"x\ry",1\n'  # RFC 4180; Python 3.11's csv module writes it bare


def test_a_fifo_or_a_link_is_written_in_place_not_replaced(tmp_path):
    """`-o /dev/null`, `-o /dev/stdout` or a FIFO: a rename would leave a plain file in its place."""
    import os
    import stat
    import threading

    df = pd.DataFrame({"text": ["a", "b"]})
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_table(df, fifo, "csv")
    reader.join(timeout=10)
    assert got == [b"text\na\nb\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    real, link = tmp_path / "real.csv", tmp_path / "link.csv"
    real.write_text("an older and longer file, which must not show past the new one's end\n")
    link.symlink_to(real)
    with ChunkWriter(link, "csv") as sink:
        sink.write(df)
    assert link.is_symlink() and real.read_bytes() == b"text\na\nb\n"
    real.write_text("an older and longer file, which must not show past the new one's end\n")
    write_table(df, link, "csv")
    assert link.is_symlink() and real.read_bytes() == b"text\na\nb\n"


def test_star_ratings_are_written_whole_as_before_and_halves_with_their_point():
    """`rating` holds half stars (a nullable Float64): a 4-star review is still `4` in every CSV path (a spreadsheet
    of ratings from before does not turn into `4.0`), a half star `4.5` (`4,5` with decimal commas); Parquet a
    double."""
    stars = pd.array([4, 4.5, None, 1], dtype="Float64")
    plain = pd.DataFrame({"rating": stars, "n": [1, 2, 3, 4]})
    odd = plain.assign(o=pd.Series([{}, [], 1, "x"], dtype=object))  # (a column pandas writes: its own path)
    for df in (plain, odd):
        for safe in (True, False):
            rows = to_bytes(df, "csv", safe=safe).decode("utf-8").splitlines()
            assert [r.split(",")[0] for r in rows] == ["rating", "4", "4.5", "", "1"], rows
        rows = to_bytes(df, "csv", decimal_comma=True).decode("utf-8").splitlines()
        assert [r.split(";")[0] for r in rows] == ["rating", "4", "4,5", "", "1"], rows
    table = pq.read_table(io.BytesIO(to_bytes(plain, "parquet")))
    assert table.schema.field("rating").type == pa.float64() and table["rating"].to_pylist() == [4, 4.5, None, 1]
    # JSON and JSON Lines as CSV: `4`, not `4.0` (the number's text, as a jq or JS reader prints it)
    assert re.findall(r'"rating": ([^,}]*)', to_bytes(plain, "json").decode()) == ["4", "4.5", "null", "1"]
    assert [json.loads(r)["rating"] for r in to_bytes(plain, "jsonl").decode().splitlines()] == [4, 4.5, None, 1]
    assert re.findall(r'"rating": ([^,}]*)', to_bytes(plain, "jsonl").decode()) == ["4", "4.5", "null", "1"]
    # (a kept Float64 column too, with numbers past int64's: 1e20 was -9223372036854775808)
    big = pd.DataFrame({"reach": pd.array([1e20, -3e19, 2.0**62, 7], dtype="Float64")})
    assert [json.loads(r)["reach"] for r in to_bytes(big, "jsonl").decode().splitlines()] == [1e20, -3e19, 2**62, 7]


#: scores as analyzers give them, and the 4 decimals every format writes (worked out by hand): binary noise gone,
#: a score just past the -0.05 threshold written -0.05, a tiny negative one 0.0 (never -0.0)
NOISY = pd.DataFrame(
    {
        "sentiment": [-0.7967000000000001, 0.06044999999999999, -0.05000001, -0.00003, np.nan],
        "subjectivity": [0.30000000000000004, 1.0, 0.123456, np.nan, 0.5],
        "brand_sentiment": [0.9999999, -1.0, 0.33335, 0.0, np.nan],
        "priority": [12.345678901, 0.1, 0.2, 0.3, 0.4],  # (not a score: written as it is)
    }
)
ROUNDED = {
    "sentiment": [-0.7967, 0.0604, -0.05, 0.0, None],
    "subjectivity": [0.3, 1.0, 0.1235, None, 0.5],
    "brand_sentiment": [1.0, -1.0, 0.3334, 0.0, None],  # (0.33335 is 0.333349999... in binary: down)
    "priority": [12.345678901, 0.1, 0.2, 0.3, 0.4],
}


def test_scores_are_written_to_four_decimals_in_csv():
    rows = list(csv.reader(io.StringIO(to_bytes(NOISY, "csv").decode())))
    assert rows[0] == ["sentiment", "subjectivity", "brand_sentiment", "priority"]
    assert [r[0] for r in rows[1:]] == ["-0.7967", "0.0604", "-0.05", "0.0", ""]
    assert [r[1] for r in rows[1:]] == ["0.3", "1.0", "0.1235", "", "0.5"]
    assert [r[2] for r in rows[1:]] == ["1.0", "-1.0", "0.3334", "0.0", ""]
    assert [r[3] for r in rows[1:]] == ["12.345678901", "0.1", "0.2", "0.3", "0.4"]


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_scores_are_written_to_four_decimals_in_json(fmt):
    text = to_bytes(NOISY, fmt).decode()
    rows = json.loads(text) if fmt == "json" else [json.loads(line) for line in text.splitlines()]
    assert {c: [r[c] for r in rows] for c in NOISY.columns} == ROUNDED
    assert "-0.7967000000000001" not in text and "-0.0," not in text


def test_scores_are_written_to_four_decimals_in_parquet_whole_and_in_chunks(tmp_path):
    whole = pq.read_table(io.BytesIO(to_bytes(NOISY, "parquet"))).to_pydict()
    with ChunkWriter(tmp_path / "rows.parquet", "parquet") as sink:
        sink.write(NOISY.iloc[:2])
        sink.write(NOISY.iloc[2:])
    chunked = pq.read_table(tmp_path / "rows.parquet").to_pydict()
    assert whole == chunked == ROUNDED
    assert NOISY["sentiment"][0] == -0.7967000000000001  # (the frame given is left as it was)


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_a_workers_rows_of_other_columns_keep_a_cell_of_a_lone_carriage_return_quoted(tmp_path, fmt):
    """A later file's rows serialised by a worker (`--jobs 2`) are put under the first file's columns: a cell holding
    a lone "\\r" (an old Mac line break in a review) was written unquoted, and a reader ended the row there."""
    first = pd.DataFrame({"text": ["fine"], "rating": [None]})
    later = pd.DataFrame({"text": ["crashed\rlost my save", "a, b"], "app_version": ["2.3.0", "2.3.1"]})
    with ChunkWriter(tmp_path / f"rows.{fmt}", fmt) as sink:
        sink.write(first)
        sink.write(later.iloc[:0], to_bytes(later, fmt, header=False))
    back = pd.read_csv(tmp_path / f"rows.{fmt}", sep="\t" if fmt == "tsv" else ",", dtype=str, keep_default_na=False)
    assert back.to_dict("list") == {"text": ["fine", "crashed\rlost my save", "a, b"], "rating": ["", "", ""]}
    assert sink.dropped == ["app_version"]


@pytest.mark.parametrize(("fmt", "expected"), [("jsonl", b"{}\n{}\n"), ("json", b"[\n {},\n {}\n]\n")])
def test_rows_of_no_column_are_written_as_empty_objects(fmt, expected):
    """A library caller's frame of two rows and no column is two `{}`, as before; made column by column, it was none."""
    assert to_bytes(pd.DataFrame(index=range(2)), fmt) == expected


def test_cells_a_spreadsheet_cuts_are_counted_in_utf16_units_and_warned_of_once(tmp_path):
    """Excel cuts a CSV cell past 32,767 characters as it opens the file, LibreOffice 7.4 as it saves the sheet as
    .xlsx (checked: 40,000 "a" kept 32,767; 16,384 emoji, 32,768 UTF-16 units, kept 16,383), without a word. An
    emoji is 2 of them: 16,384 emoji are over, 32,767 "b" are not."""
    from collections import Counter

    from brandpulse.output.writers import SPREADSHEET_CELL_CHARS, long_cells

    text = pd.Series(["a" * 40_000, "😀" * 16_384, "b" * 32_767, None], dtype="string")
    author = pd.Series(["x" * 32_768, "bob", "😀" * 16_383, "cy"], dtype="string")  # (16,383 emoji: 32,766)
    df = pd.DataFrame({"id": [1, 2, 3, 4], "text": text, "author": author, "n": [1.5] * 4})
    assert SPREADSHEET_CELL_CHARS == 32_767 and long_cells(df) == Counter({"text": 2, "author": 1})
    with pytest.warns(UserWarning) as said:
        write_table(df, tmp_path / "o.csv")
    assert [str(w.message) for w in said] == [
        f"{tmp_path / 'o.csv'}: 3 cells over 32,767 characters (columns: text 2, author 1), which Excel cuts there as"
        " it opens the file (LibreOffice as it saves it as .xlsx) without a word; the file holds them whole"
    ]
    back = pd.read_csv(tmp_path / "o.csv", dtype=str)
    assert back["text"].str.len().tolist()[:3] == [40_000, 16_384, 32_767]  # (whole)
    # in chunks, one warning of the file's total; a file of short cells, none
    with pytest.warns(UserWarning) as said, ChunkWriter(tmp_path / "c.tsv", "tsv") as sink:
        sink.write(df.iloc[:2])
        sink.write(df.iloc[2:])
        sink.write(df.iloc[:0], b"", Counter({"text": 4}))  # (a worker's rows: their count comes with them)
    assert [str(w.message).split(" (LibreOffice")[0] for w in said] == [
        f"{tmp_path / 'c.tsv'}: 7 cells over 32,767 characters (columns: text 6, author 1), which Excel cuts there as"
        " it opens the file"
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        write_table(df.assign(text="short", author="a"), tmp_path / "s.csv")
        write_table(df, tmp_path / "o.jsonl")  # (JSON is no spreadsheet's)
