"""CSV output opened by a real spreadsheet: LibreOffice converts it headless and we read the cells back."""

from __future__ import annotations

import shutil
import subprocess

import pandas as pd
import pytest
from conftest import FIXTURES

from brandpulse.cli import main

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
openpyxl = pytest.importorskip("openpyxl", reason="openpyxl reads the converted workbook")


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
    proc = subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "out.csv"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert (tmp_path / "out.xlsx").exists(), proc.stderr
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    cells = pd.DataFrame(rows[1:], columns=header)
    ids = cells["post_id"].tolist()
    # every digit survives: the cell is text, not a rounded number
    assert all(isinstance(v, str) for v in ids[:2])
    assert [v.strip('="') for v in ids[:2]] == ["570306133677760513", "1234567890123456789"]
    texts = cells["text"].tolist()
    assert texts == ["'@Delta my bag is lost", '\'=HYPERLINK("http://evil.example";"click")', "'+1 for the crew"]
    # numbers stay numbers
    assert all(isinstance(row[header.index("sentiment")], (int, float)) for row in rows[1:])


def test_excel_flag_writes_bom(runner, tmp_path):
    result = runner.invoke(
        main, ["analyze", str(FIXTURES / "airline_tweets.csv"), "--excel", "-o", str(tmp_path / "x.csv")]
    )
    assert result.exit_code == 0
    data = (tmp_path / "x.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfpost_id,") and b"\r\n" in data
