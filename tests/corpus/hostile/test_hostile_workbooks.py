"""Issue 15 items 14 and 15: malicious workbooks and badly encoded CSV files.

The workbooks are built here (zip-bomb style), so the corpus holds recipes, not bombs:
- a 10 kB workbook whose one cell sits at XFD1048576 (the reader built the whole grid:
  512 GiB);
- a part that inflates far beyond its compressed size;
- more cells than the import reads (limit lowered for the test).
Each is refused with one sentence, before python-calamine opens it, in a child process
so that a regression could not take the test run down with it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tui.cli import main
from tui.core.io import filecheck

REPO = Path(__file__).resolve().parents[3]


def import_in_child(db: Path, source: Path) -> subprocess.CompletedProcess:
    """`ntm-review import` in a child with 2 GiB of address space and a timeout."""
    limit = "import resource; resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30));"
    code = f"{limit} import sys; from tui.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, "import", "--db", str(db), "--lang", "en", str(source)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={k: v for k, v in os.environ.items() if not k.startswith("NTM_REVIEW")},
    )


def far_cell_workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Nghị quyết"
    ws["A1"] = "Mã NQ"
    ws["XFD1048576"] = "x"
    wb.save(path)
    return path


def inflating_workbook(path: Path) -> Path:
    far_cell_workbook(path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/sharedStrings.xml", b"<sst>" + b" " * (40 << 20) + b"</sst>")
    return path


@pytest.mark.parametrize(
    ("build", "what"),
    [(far_cell_workbook, "rows × columns of one sheet"), (inflating_workbook, "compression ratio")],
    ids=["far-cell", "inflating"],
)
def test_malicious_workbooks_are_refused_before_reading(tmp_path: Path, build, what: str) -> None:
    source = build(tmp_path / "xa.xlsx")
    assert source.stat().st_size < 200_000
    done = import_in_child(tmp_path / "x.duckdb", source)
    assert done.returncode == 2, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert "exceeds a safety limit" in done.stderr and what in done.stderr
    assert not (tmp_path / "x.duckdb").exists()


def test_too_many_cells_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(filecheck, "MAX_CELLS", 1_000)
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in range(1, 101):
        ws.append([f"ô {row}-{col}" for col in range(20)])
    wb.save(tmp_path / "many.xlsx")
    code = main(
        ["import", "--db", str(tmp_path / "x.duckdb"), "--lang", "en", str(tmp_path / "many.xlsx")]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "cells: 2.000, at most 1.000" in err


def test_an_ordinary_workbook_passes_the_checks(tmp_path: Path) -> None:
    path = tmp_path / "ok.xlsx"
    wb = openpyxl.Workbook()
    for row in range(500):
        wb.active.append([row, "Đường thôn", 1_000_000])
    wb.save(path)
    filecheck.check_workbook(path)  # no TooLarge


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "Mã NQ,Số\r\nNQ1,15/NQ-HĐND\r\n".encode("utf-16"),
            "encoded in UTF-16 LE (seen from row 1)",
        ),
        ("Mã NQ,Số\r\nNQ1,15\r\n".encode("utf-16-le"), "encoded in UTF-16 LE (seen from row 1)"),
        ("Mã NQ,Số\r\nNQ1,15\r\n".encode("utf-16-be"), "encoded in UTF-16 BE (seen from row 1)"),
        ("Mã NQ,Số\nNQ1,15\nNQ2,1\x006\n".encode(), "a NUL byte on row 3 (UTF-8)"),
        (b"M\xe3 NQ,S\xf4\nNQ1,1\x005\n", "a NUL byte on row 2 (8-bit)"),
    ],
    ids=["utf16-bom", "utf16le", "utf16be", "nul-utf8", "nul-8bit"],
)
def test_bad_encodings_name_the_encoding_and_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], raw: bytes, expected: str
) -> None:
    source = tmp_path / "nghi_quyet.csv"
    source.write_bytes(raw)
    code = main(["import", "--db", str(tmp_path / "x.duckdb"), "--lang", "en", str(source)])
    err = capsys.readouterr().err
    assert code == 2
    assert expected in err, err
