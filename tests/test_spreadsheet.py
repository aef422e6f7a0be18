"""CSV output opened by a real spreadsheet: LibreOffice converts it headless and we read the cells back."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import datetime

import pandas as pd
import pytest
from conftest import FIXTURES

import brandpulse
from brandpulse.cli import main
from brandpulse.output.writers import neutralize_formulas, to_bytes

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
openpyxl = pytest.importorskip("openpyxl", reason="openpyxl reads the converted workbook")


def _libreoffice_cells(
    csv_path, tmp_path, infilter: str | None = None, results: bool = False
) -> tuple[pd.DataFrame, list]:
    """The CSV converted to XLSX by LibreOffice: (cell values, cell objects of the rows below the header);
    with `results`, a formula's value is what LibreOffice computed, not the formula."""
    return _libreoffice_books([csv_path], tmp_path, infilter, results)[0]


def _libreoffice_books(
    csv_paths, tmp_path, infilter: str | None = None, results: bool = False
) -> list[tuple[pd.DataFrame, list]]:
    """`_libreoffice_cells` of several CSVs of `tmp_path` read with the same import options, in one start of
    LibreOffice (each start is seconds of CPU)."""
    proc = subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            *([f"--infilter={infilter}"] if infilter else []),
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path),
            *map(str, csv_paths),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    books = []
    for csv_path in csv_paths:
        book = csv_path.with_suffix(".xlsx")
        assert book.exists(), proc.stderr
        sheet = openpyxl.load_workbook(book, data_only=results).active
        rows = list(sheet.iter_rows())
        header = [c.value for c in rows[0]]
        books.append((pd.DataFrame([[c.value for c in r] for r in rows[1:]], columns=header), rows[1:]))
        book.unlink()  # (a later start converting the same CSV: its book, not this one)
    return books


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (Debian: libreoffice-calc-nogui)")
def test_libreoffice_keeps_ids_and_runs_no_formula(runner, tmp_path):
    posts = tmp_path / "posts.csv"
    posts.write_text(
        "id,text\n"
        "570306133677760513,@Delta my bag is lost\n"
        '1234567890123456789,=HYPERLINK("http://evil.example";"click")\n'
        "42,+1 for the crew\n"
    )
    result = runner.invoke(main, ["analyze", str(posts), "--brand", "Delta", "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 0, result.stderr
    cells, rows = _libreoffice_cells(tmp_path / "out.csv", tmp_path)
    ids = cells["post_id"].tolist()
    # every digit survives: the cell is text, not a rounded number
    assert all(isinstance(v, str) for v in ids[:2])
    assert [v.strip('="') for v in ids[:2]] == ["570306133677760513", "1234567890123456789"]
    texts = cells["text"].tolist()
    assert texts == ["'@Delta my bag is lost", '\'=HYPERLINK("http://evil.example";"click")', "'+1 for the crew"]
    # numbers stay numbers
    assert all(isinstance(v, (int, float)) for v in cells["sentiment"])


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (Debian: libreoffice-calc-nogui)")
def test_libreoffice_trimming_spaces_and_evaluating_formulas_runs_none_of_ours(runner, tmp_path):
    """The import options that run most: "Trim spaces" and "Evaluate formulas" ticked."""
    posts = tmp_path / "posts.csv"
    posts.write_text('id,text\n1,  =1+1 Delta\n2,"\n@SUM(1+1) Delta"\n3, -2+3 Delta\n4,Delta =1+1\n')
    result = runner.invoke(main, ["analyze", str(posts), "--brand", "Delta", "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 0, result.stderr
    cells, rows = _libreoffice_cells(
        tmp_path / "out.csv", tmp_path, "CSV:44,34,76,1,,0,false,true,false,false,true,-1,true"
    )
    text = list(cells.columns).index("text")
    assert [r[text].data_type for r in rows] == ["s"] * 4  # text, not formulas ("f") or their results ("n")
    assert cells["text"].tolist() == ["'  =1+1 Delta", "'\n@SUM(1+1) Delta", "' -2+3 Delta", "Delta =1+1"]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (Debian: libreoffice-calc-nogui)")
def test_libreoffice_shows_guarded_authors_and_texts_with_one_quote_and_runs_none(runner, tmp_path):
    """Authors are guarded as texts are: `@Skyway`, `=cmd`, `+bob`, `-`, a tab or CR first get one `'` and nothing
    else, with "Evaluate formulas", "Trim spaces" and "Detect special numbers" ticked; an `@` inside (an email, a
    mention after a word) is left alone; brandpulse reads its CSV back as the posts were."""
    pairs = [
        ("@Skyway", "@Skyway help"),
        ("=cmd", "=1+1 Skyway"),
        ("+bob", "+1 Skyway"),
        ("-", "- Skyway was late"),
        ("\tbob", "\t=1+1 Skyway"),
        ("\rbob", "\r@SUM(1+1) Skyway"),
        ("bob@mail.example", "thanks @Skyway"),
    ]
    posts = tmp_path / "posts.jsonl"
    posts.write_text(
        "".join(json.dumps({"id": str(i), "author": a, "text": t}) + "\n" for i, (a, t) in enumerate(pairs))
    )
    out = tmp_path / "out.csv"
    result = runner.invoke(main, ["analyze", str(posts), "--brand", "Skyway", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    cells, rows = _libreoffice_cells(out, tmp_path, "CSV:44,34,76,1,,0,false,true,false,false,true,-1,true")
    at = [list(cells.columns).index(c) for c in ("author", "text")]
    assert [(r[at[0]].data_type, r[at[1]].data_type) for r in rows] == [("s", "s")] * len(pairs)
    assert cells[["author", "text"]].values.tolist() == [
        ["'@Skyway", "'@Skyway help"],
        ["'=cmd", "'=1+1 Skyway"],
        ["'+bob", "'+1 Skyway"],
        ["'-", "'- Skyway was late"],
        ["'\tbob", "'\t=1+1 Skyway"],
        ["'\nbob", "'\n@SUM(1+1) Skyway"],  # (LibreOffice reads a CR in a quoted cell as a line break)
        ["bob@mail.example", "thanks @Skyway"],
    ]
    back = brandpulse.read(out).posts
    assert back[["author", "text"]].values.tolist() == [list(p) for p in pairs]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (Debian: libreoffice-calc-nogui)")
def test_libreoffice_runs_no_formula_behind_a_nul(runner, tmp_path):
    """LibreOffice drops NUL characters on import: "\\x00=1+1" became the formula =1+1 (a JSON post keeps NULs).
    Other Unicode spaces before `=` stay text there. Full-width ＝ does too, but is guarded for Apple Numbers and
    Excel in Japanese settings, which read it as `=`."""
    texts = ["\x00=1+1 Delta", " \x00@SUM(1+1) Delta", "＝1+1 Delta", "\u00a0=1+1 Delta"]
    posts = tmp_path / "posts.jsonl"
    posts.write_text("".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts)))
    result = runner.invoke(main, ["analyze", str(posts), "--brand", "Delta", "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 0, result.stderr
    cells, rows = _libreoffice_cells(tmp_path / "out.csv", tmp_path, "CSV:44,34,76,1")  # the defaults, UTF-8
    text = list(cells.columns).index("text")
    assert [r[text].data_type for r in rows] == ["s"] * 4  # text, not formulas ("f")
    assert cells["text"].tolist() == ["'=1+1 Delta", "' @SUM(1+1) Delta", "'＝1+1 Delta", "\u00a0=1+1 Delta"]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (Debian: libreoffice-calc-nogui)")
def test_libreoffice_in_other_languages_shows_their_month_weekday_and_truth_words_as_the_text(tmp_path):
    """German, Spanish, French and Portuguese settings read their own names of months and weekdays and their truth
    values ("Detect special numbers" ticked, as Excel and Google Sheets read a CSV): an author `Dezember 3` was
    2003-12-01 in German settings, `lundi 5 janvier 2026` a date in French ones, `WAHR` TRUE. Written as `="..."`,
    each is the text again; what no setting reads (`lunes`, `3 de dezembro`, `Mo, 5.1.`) is left as it is."""
    us, de, es, fr, pt = 1033, 1031, 3082, 1036, 2070  # English (USA), German, Spanish, French, Portuguese
    converted = {"Dezember 3": {de}, "3. Dezember 2026": {de}, "Mo 5. Jan": {de}, "Montag, 5. Januar 2026": {de}}
    converted |= {"Di 5.1.": {de}, "WAHR": {de}, "diciembre 3": {es}, "3 dic": {es}, "lunes 5/1/2026": {es}}
    converted |= {"VERDADERO": {es}, "3 déc.": {fr}, "mars 2026": {fr}, "lundi 5 janvier 2026": {fr}, "VRAI": {fr}}
    converted |= {"março 3": {pt}, "VERDADEIRO": {pt}, "FALSO": {es, pt}, "dez 3": {de, pt}, "Mai 3": {de, fr, pt}}
    converted |= {"3 Jan.": {de, pt}}
    kept = ["lunes", "lunes 5 de enero", "3 de dezembro", "Mo, 5.1.", "seg, 5 jan", "Dezember"]
    cells = [*converted, *kept]
    safe = neutralize_formulas(pd.DataFrame({"t": cells}))["t"].tolist()
    assert safe == [f'="{c}"' for c in converted] + kept
    (tmp_path / "cells.csv").write_bytes(to_bytes(pd.DataFrame({"raw": cells, "safe": safe}), "csv", safe=False))
    for language in (us, de, es, fr, pt):
        options = f"CSV:44,34,76,1,,{language},false,true,false,false,false,-1,true"
        read, _ = _libreoffice_cells(tmp_path / "cells.csv", tmp_path, options, results=True)
        assert read["safe"].tolist() == cells, language  # the text formula's result, or the text left alone
        raw = read["raw"].tolist()
        # unguarded, each of `converted` is a date or a truth value in the settings given, and text in the others
        assert [v != c for v, c in zip(raw, converted, strict=False)] == [language in converted[c] for c in converted]
        assert raw[len(converted) :] == kept, language


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (Debian: libreoffice-calc-nogui)")
def test_libreoffice_in_italian_and_dutch_shows_their_truth_words_as_the_text(tmp_path):
    """Italian settings read `VERO` and `FALSO`, Dutch ones `WAAR` and `ONWAAR`, as TRUE and FALSE. Written as
    `="..."`, each is the text again."""
    us, it, nl = 1033, 1040, 1043  # English (USA), Italian, Dutch
    converted = {"VERO": {it}, "Falso": {it}, "WAAR": {nl}, "onwaar": {nl}}
    kept = ["Verona", "waarom"]
    cells = [*converted, *kept]
    safe = neutralize_formulas(pd.DataFrame({"t": cells}))["t"].tolist()
    assert safe == [f'="{c}"' for c in converted] + kept
    (tmp_path / "cells.csv").write_bytes(to_bytes(pd.DataFrame({"raw": cells, "safe": safe}), "csv", safe=False))
    for language in (us, it, nl):
        options = f"CSV:44,34,76,1,,{language},false,true,false,false,false,-1,true"
        read, _ = _libreoffice_cells(tmp_path / "cells.csv", tmp_path, options, results=True)
        assert read["safe"].tolist() == cells, language
        raw = read["raw"].tolist()
        assert [v != c for v, c in zip(raw, converted, strict=False)] == [language in converted[c] for c in converted]
        assert raw[len(converted) :] == kept, language


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (Debian: libreoffice-calc-nogui)")
def test_excel_flag_writes_times_a_spreadsheet_reads_as_dates(runner, tmp_path):
    posts = tmp_path / "posts.csv"
    posts.write_text("id,created_at,text\n1,2026-10-13T05:40:09-04:00,Delta again\n")
    for flag, name in (("--excel", "excel.csv"), ("--raw-csv", "iso.csv")):
        result = runner.invoke(main, ["analyze", str(posts), "--brand", "Delta", flag, "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.stderr
    special = "CSV:44,34,76,1,,0,false,true"  # "Detect special numbers" ticked; Excel always reads this form
    (excel, _), (iso, _) = _libreoffice_books([tmp_path / "excel.csv", tmp_path / "iso.csv"], tmp_path, special)
    assert excel["created_at"].tolist() == [datetime(2026, 10, 13, 9, 40, 9)]  # a date and time (UTC), not text
    assert iso["created_at"].tolist() == ["2026-10-13T09:40:09Z"]  # ISO 8601 with its Z stays text


def test_excel_flag_writes_bom(runner, tmp_path):
    result = runner.invoke(
        main, ["analyze", str(FIXTURES / "airline_tweets.csv"), "--excel", "-o", str(tmp_path / "x.csv")]
    )
    assert result.exit_code == 0
    data = (tmp_path / "x.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfpost_id,") and b"\r\n" in data


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (Debian: libreoffice-calc-nogui)")
def test_libreoffice_shows_amounts_month_dates_and_fractions_as_the_text(tmp_path):
    """With "Detect special numbers" ticked (Excel and Google Sheets always read a CSV so), LibreOffice read
    `(5)` as -5, `50%` as 0.5, `$5` as 5 in dollars, `Jan 5` as a date, `1 5/16` as 1.3125, `5-` as -5, and in
    German settings `1.234,5` as 1234.5, `1.234` as 1234 and `12.03.2026` as a date. Written as `="..."`, each is
    the text again, in both settings ("Evaluate formulas" ticked: unticked, the cell shows `="(5)"`)."""
    converted = ["(5)", "($5)", "(1,234)", "50%", "5.5 %", "$5", "$1,234", "5 €", "5-", "5+", "1 1/2", "1 5/16"]
    converted += ["Jan 5", "March 2024", "5-Jan-2026", "Jan 5, 2026", "5. Jan", "5 PM", "2026-01-05 10:00"]
    converted += ["1.234,5", "1.234", "1.234.567", "12.03.2026", "1.2.3", "1,50", "007", "1/2"]
    excel_only = ["SEPT2", "MARCH1", "£5"]  # Excel's gene names, UK settings
    kept = ["(a)", "(5%)", "may", "%50", "Jan 5th", "10-100"]
    numbers = ["1,5", "0,5", "12.5"]  # numbers with decimal commas, or points: shown as written where read
    cells = converted + excel_only + kept + numbers
    frame = pd.DataFrame({"raw": cells, "safe": neutralize_formulas(pd.DataFrame({"t": cells}))["t"]})
    (tmp_path / "cells.csv").write_bytes(to_bytes(frame, "csv", safe=False))
    read = {}
    for language in (1033, 1031):  # English (USA), German (Germany)
        options = f"CSV:44,34,76,1,,{language},false,true,false,false,false,-1,true"
        read[language], _ = _libreoffice_cells(tmp_path / "cells.csv", tmp_path, options, results=True)
        guarded = len(converted + excel_only)
        assert read[language]["safe"].tolist()[:guarded] == cells[:guarded]  # the text formula's result: the text
        assert read[language]["safe"].tolist()[guarded:] == read[language]["raw"].tolist()[guarded:]  # as they were
    # unguarded, every one of `converted` is another value in one of the settings, and `kept` is not
    changed = [read[1033]["raw"][i] != c or read[1031]["raw"][i] != c for i, c in enumerate(cells)]
    assert changed[: -len(numbers)] == [True] * len(converted) + [False] * len(excel_only + kept)
    for language in (1033, 1031):
        said = read[language]["raw"].tolist()[-len(numbers) :]
        assert all(v in (c, float(c.replace(",", "."))) for v, c in zip(said, numbers, strict=True)), said


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (Debian: libreoffice-calc-nogui)")
def test_libreoffice_shows_weekday_dates_and_currencies_in_letters_as_the_text(tmp_path):
    """With "Detect special numbers" ticked, LibreOffice skips a weekday before a date (`Mon Jan 5` a date in
    English settings, `Mon 5 Jan` in British ones) and reads its currency written in letters (`kr 5` in Swedish,
    `CHF 5` in Swiss settings) as an amount. Written as `="..."`, each is the text again. `13/13`, `32/1`,
    `2026-12`, currency codes (`USD 5`) and `Mon, Jan 5` are text in every setting, and are left as they are.
    `12/2026` and `1/0` are text in LibreOffice too, but guarded: Excel reads them as months (KB Q65904)."""
    us, uk, de, se, ch = 1033, 2057, 1031, 1053, 2055  # English (USA, UK), German, Swedish, German (Switzerland)
    converted = {
        "Mon Jan 5": {us, uk},
        "Monday, January 5, 2026": {us},
        "Tue 5/1": {us, uk},
        "Fri 2026-01-05": {us, uk},
    }
    converted |= {"Mon 5 Jan": {uk}, "Mon. 5 Jan": {uk}, "Mon 13/1": {uk}, "13-1": {uk}, "31/12": {uk, se}}
    converted |= {"kr 5": {se}, "5 kr": {se}, "(5 kr)": {se}, "CHF 5": {ch}, "5 CHF": {ch}}
    excel_only = ["12/2026", "1/0", "5/45"]
    kept = ["13/13", "32/1", "1/100", "2026-12", "Mon, Jan 5", "Mon 1/0", "Mon 5", "USD 5", "5 USD", "EUR 12,50"]
    cells = [*converted, *excel_only, *kept]
    safe = neutralize_formulas(pd.DataFrame({"t": cells}))["t"].tolist()
    assert safe == [f'="{c}"' for c in [*converted, *excel_only]] + kept
    (tmp_path / "cells.csv").write_bytes(to_bytes(pd.DataFrame({"raw": cells, "safe": safe}), "csv", safe=False))
    for language in (us, uk, de, se, ch):
        options = f"CSV:44,34,76,1,,{language},false,true,false,false,false,-1,true"
        read, _ = _libreoffice_cells(tmp_path / "cells.csv", tmp_path, options, results=True)
        assert read["safe"].tolist() == cells, language  # the text formula's result, or the text left alone
        raw = read["raw"].tolist()
        # unguarded, each of `converted` is a date or an amount in the settings given, and text in the others
        assert [v != c for v, c in zip(raw, converted, strict=False)] == [language in converted[c] for c in converted]
        assert raw[len(converted) :] == excel_only + kept, language


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (Debian: libreoffice-calc-nogui)")
def test_truth_values_of_reports_and_summaries_are_read_as_truth_values(runner, tmp_path):
    """`competitor` is written `true`/`false` (Python's `True`/`False` before), in the report's tables and analyze's
    summary alike: LibreOffice reads them as the truth values TRUE and FALSE, as pandas and DuckDB read booleans."""
    import duckdb

    (tmp_path / "p.csv").write_text(
        "id,created_at,text\n1,2026-11-03T10:00:00Z,Delta late again\n2,2026-11-03T11:00:00Z,United was fine\n"
    )
    (tmp_path / "b.toml").write_text(
        '[brands.Delta]\nterms = ["Delta"]\n[brands.United]\nterms = ["United"]\ncompetitor = true\n'
    )
    files = [str(tmp_path / "p.csv"), "-c", str(tmp_path / "b.toml")]
    report = [*files, "--until", "2026-11-09", "--table", "brands", "-o", str(tmp_path / "brands.csv")]
    assert runner.invoke(main, ["report", *report]).exit_code == 0
    summary = [*files, "-o", str(tmp_path / "rows.csv"), "--summary-csv", str(tmp_path / "summary.csv")]
    assert runner.invoke(main, ["analyze", *summary]).exit_code == 0
    paths = [tmp_path / "brands.csv", tmp_path / "summary.csv"]
    for path, (cells, rows) in zip(paths, _libreoffice_books(paths, tmp_path, "CSV:44,34,76,1"), strict=True):
        lines = path.read_text().splitlines()
        assert [line.split(",")[:2] for line in lines[:3]] == [
            ["brand", "competitor"],
            ["Delta", "false"],
            ["United", "true"],
        ]
        assert [r[1].data_type for r in rows[:2]] == ["b", "b"]
        assert cells["competitor"].tolist()[:2] == [False, True]
        assert pd.read_csv(path)["competitor"].tolist()[:2] == [False, True]
        assert duckdb.sql(f"select competitor from read_csv('{path}') limit 2").fetchall() == [(False,), (True,)]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (Debian: libreoffice-calc-nogui)")
def test_libreoffice_in_german_spanish_and_italian_reads_no_decimal_as_thousands(tmp_path):
    """German, Spanish and Italian settings read the point as a thousands separator: a sentiment of `0.125` was 125
    and `-0.375` -375 there, a thousand times too large, beside the other decimals shown as text (`0.5`). Written
    `0.1250`, it is text there too, and 0.125 in English settings."""
    us, de, es, it = 1033, 1031, 3082, 1040  # English (USA), German, Spanish, Italian
    nl, br = 1043, 1046  # Dutch, Brazilian Portuguese (their point a thousands separator too)
    numbers = [0.125, -0.375, 12.125, 0.5, 0.1235]
    (tmp_path / "scores.csv").write_bytes(to_bytes(pd.DataFrame({"n": numbers, "id": range(5)}), "csv"))
    (tmp_path / "raw.csv").write_bytes(to_bytes(pd.DataFrame({"raw": numbers, "id": range(5)}), "csv", safe=False))
    for language in (us, de, es, it, nl, br):
        options = f"CSV:44,34,76,1,,{language},false,true"
        (read, _), (unguarded, _) = _libreoffice_books(
            [tmp_path / "scores.csv", tmp_path / "raw.csv"], tmp_path, options
        )
        cells = read["n"].tolist()
        if language == us:
            assert cells == numbers
        else:  # text, as every decimal with a point is there, never another number
            assert cells == ["0.1250", "-0.3750", "12.1250", "0.5", "0.1235"], language
            assert unguarded["raw"].tolist()[:3] == [125, -375, 12125], language  # what the fix is for


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (Debian: libreoffice-calc-nogui)")
def test_decimal_comma_csv_is_read_as_its_columns_and_numbers_in_german_french_spanish_and_italian(runner, tmp_path):
    """Our CSV in those settings was one column a row, its `0.7910` text: they split at `;` and read `0,7910`.
    With --decimal-comma every cell is in its column (texts holding `;`, `,`, quotes and line breaks too), scores
    are numbers, formulas are not run. `true`/`false` stay text there: no word is a truth value in all four settings
    (LibreOffice reads WAHR in German ones, VRAI in French ones, ...), as README says. In English settings the
    decimals are text, never another number (`0,1250`, not 1250)."""
    us, de, fr, es, it = 1033, 1031, 1036, 3082, 1040
    (tmp_path / "p.csv").write_text(
        "id,created_at,text\n"
        '1,2026-11-03T10:00:00Z,"Delta lost my bag; awful, ""really"" awful"\n'
        '2,2026-11-03T11:00:00Z,"=1+1 Delta\nwas fine, great crew"\n'
        "3,2026-11-03T12:00:00Z,United was great\n"
        "4,2026-11-03T13:00:00Z,Delta is a bit late today\n"
    )
    (tmp_path / "b.toml").write_text(
        '[brands.Delta]\nterms = ["Delta"]\n[brands.United]\nterms = ["United"]\ncompetitor = true\n'
    )
    out, summary = tmp_path / "rows.csv", tmp_path / "summary.csv"
    args = ["analyze", str(tmp_path / "p.csv"), "-c", str(tmp_path / "b.toml"), "--decimal-comma", "--excel"]
    result = runner.invoke(main, [*args, "-o", str(out), "--summary-csv", str(summary)])
    assert result.exit_code == 0, result.stderr
    written = pd.read_csv(out, sep=";", decimal=",", encoding="utf-8-sig", dtype={"post_id": str})
    scores = written["sentiment"].tolist()
    assert all(isinstance(s, float) and s == s for s in scores) and len(set(scores)) > 2
    assert written["text"].tolist() == [
        'Delta lost my bag; awful, "really" awful',
        "'=1+1 Delta\nwas fine, great crew",
        "United was great",
        "Delta is a bit late today",
    ]
    for language in (us, de, fr, es, it):
        options = f"CSV:59,34,76,1,,{language},false,true"
        (cells, rows), (table, summary_rows) = _libreoffice_books([out, summary], tmp_path, options)
        assert cells.columns.tolist() == written.columns.tolist(), language
        assert cells["text"].tolist() == written["text"].tolist(), language
        read = cells["sentiment"].tolist()
        if language == us:  # text, or the number itself
            assert all(
                isinstance(v, str) or v == pytest.approx(s, rel=1e-14) for v, s in zip(read, scores, strict=True)
            )
            assert any(isinstance(v, str) for v in read)
        else:
            assert read == pytest.approx(scores, rel=1e-14), language  # (a spreadsheet keeps 15 digits)
        assert table["competitor"].tolist()[:2] == (["false", "true"] if language != us else [False, True]), language
        share = table.columns.get_loc("share_of_voice")
        assert [r[share].data_type for r in summary_rows[:2]] == (["s", "s"] if language == us else ["n", "n"]), (
            language
        )


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (Debian: libreoffice-calc-nogui)")
def test_mexico_reads_the_default_csvs_scores_and_brazil_the_decimal_comma_ones(runner, tmp_path):
    """README: not every Spanish setting writes a decimal comma. An agency in Mexico City and São Paulo: Spanish
    (Mexico) reads the default CSV's `0.6041` as a number, Portuguese (Brazil) as text, and `--decimal-comma`'s
    `0,6041` as the number."""
    mexico, brazil = 2058, 1046
    (tmp_path / "p.csv").write_text("id,text\n1,Aeromexico was great\n2,Aeromexico lost my bag awful\n")
    default, comma = tmp_path / "mx.csv", tmp_path / "br.csv"
    for out, extra in ((default, []), (comma, ["--decimal-comma"])):
        args = ["analyze", str(tmp_path / "p.csv"), "--brand", "Aeromexico", "--excel", "-o", str(out), *extra]
        assert runner.invoke(main, args).exit_code == 0
    scores = pd.read_csv(default, encoding="utf-8-sig")["sentiment"].tolist()
    assert scores[0] > 0 > scores[1]
    for path, separator, language, numbers in (
        (default, 44, mexico, True),
        (default, 44, brazil, False),
        (comma, 59, brazil, True),
    ):
        cells, _ = _libreoffice_cells(path, tmp_path, f"CSV:{separator},34,76,1,,{language},false,true")
        read = cells["sentiment"].tolist()
        if numbers:
            assert read == pytest.approx(scores, rel=1e-14), (path.name, language)
        else:
            assert all(isinstance(v, str) for v in read), (path.name, language)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (Debian: libreoffice-calc-nogui)")
def test_readmes_libreoffice_command_keeps_accents_and_runs_no_formula(runner, tmp_path):
    """README's `soffice --infilter=...` line, as a spreadsheet user converts our CSV: accents and Cyrillic arrive
    as written, a formula post is text (without the filter, LibreOffice read the UTF-8 as Latin-1: `cafÃ©`)."""
    readme = (FIXTURES.parent.parent / "README.md").read_text("utf-8")
    [infilter] = re.findall(r"soffice --headless --infilter=(CSV:[0-9,]+) --convert-to\s+xlsx rows\.csv", readme)
    posts = tmp_path / "posts.csv"
    posts.write_text(
        "id,author,text\n1,ирина,Delta café naïve 日本語 🙂\n"
        '2,=bob,"=HYPERLINK(""http://evil.example"",""x"") Delta"\n',
        encoding="utf-8",
    )
    result = runner.invoke(
        main, ["analyze", str(posts), "--brand", "Delta", "--excel", "-o", str(tmp_path / "rows.csv")]
    )
    assert result.exit_code == 0, result.stderr
    cells, rows = _libreoffice_cells(tmp_path / "rows.csv", tmp_path, infilter)
    assert list(cells.columns[:2]) == ["post_id", "platform"]  # (the BOM is no part of the first name)
    assert cells["author"].tolist() == ["ирина", "'=bob"]
    assert cells["text"].tolist() == ["Delta café naïve 日本語 🙂", '\'=HYPERLINK("http://evil.example","x") Delta']
    assert not [c.coordinate for r in rows for c in r if c.data_type == "f"]
