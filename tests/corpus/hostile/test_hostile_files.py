"""Issue 15 items 12 and 13: exports never carry a live formula or a raw control character.

- xlsx and import-xlsx write every text cell as text: `=HYPERLINK(…)` and `=cmd|…` from a
  commune's file or a reviewer's reason stay words, never formulas;
- CSV cells starting with = + - @ tab or CR get OWASP's apostrophe, which the importer
  takes off again, so the text re-imports unchanged;
- one control character in the data no longer breaks any xlsx or docx output.
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hostile_data import HOSTILE_UNITS, RAW_FORBIDDEN, TEXTS

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "unit"))
from importkit import csv_value, dataset_rows, small_dataset  # noqa: E402

from tui.cli import main  # noqa: E402
from tui.core.data.extract import extract  # noqa: E402
from tui.core.data.store import Store  # noqa: E402
from tui.core.io.layout import SHEETS  # noqa: E402
from tui.core.review.service import open_review_store  # noqa: E402
from tui.core.safe import csv_cell, csv_cell_back  # noqa: E402

FORMULAS = [TEXTS[k] for k in TEXTS if k.startswith("formula_")]


def _plant_review_text(db: Path) -> None:
    """A note and an accepting reason that look like formulas and carry controls."""
    with Store.open(db) as store:
        finding = store.rows("views/unit_finding_keys", unit=HOSTILE_UNITS[0], year=2023)[0][0]
    with open_review_store(db, reviewer="alice") as reviews:
        reviews.add_note(
            "unit",
            HOSTILE_UNITS[0],
            HOSTILE_UNITS[0],
            TEXTS["formula_hyperlink"],
            finding_key=finding,
        )
        entity_key = finding.split("|", 2)[2]
        reviews.record_decision(
            finding,
            "resolution",
            entity_key,
            HOSTILE_UNITS[0],
            2023,
            "accepted",
            reason=TEXTS["formula_dde"] + " " + TEXTS["osc52_clipboard"],
        )


def _xlsx_cells(path: Path):
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            yield from row


def _assert_text_only(path: Path) -> list[str]:
    texts = []
    for cell in _xlsx_cells(path):
        assert cell.data_type != "f", f"{cell.coordinate} is a formula: {cell.value!r}"
        if isinstance(cell.value, str):
            assert not any(c in RAW_FORBIDDEN for c in cell.value), cell.coordinate
            texts.append(cell.value)
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            assert b"<f>" not in package.read(name), f"a formula element in {name}"
    return texts


@pytest.mark.parametrize("fmt", ["xlsx", "import-xlsx"])
def test_xlsx_exports_write_text_never_formulas(
    hostile_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    _plant_review_text(hostile_db)
    out = tmp_path / "out.xlsx"
    assert main(["export", "--db", str(hostile_db), "--format", fmt, str(out)]) == 0, (
        capsys.readouterr().err
    )
    texts = _assert_text_only(out)
    joined = "\n".join(texts)
    assert "=cmd|' /C calc'!A0" in joined  # kept, as words
    if fmt == "xlsx":
        assert TEXTS["formula_hyperlink"] in joined


def test_notice_docx_and_md_survive_control_characters(
    hostile_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _plant_review_text(hostile_db)
    for fmt in ("docx", "md"):
        out = tmp_path / f"notice.{fmt}"
        args = ["notice", "--db", str(hostile_db), "--unit", HOSTILE_UNITS[0], "--format", fmt]
        assert main([*args, str(out)]) == 0, capsys.readouterr().err
        if fmt == "docx":
            with zipfile.ZipFile(out) as package:
                body = package.read("word/document.xml").decode("utf-8")
        else:
            body = out.read_text("utf-8")
        assert not any(c in RAW_FORBIDDEN for c in body)
        assert "x1b]" in body  # the control sequence is shown, not dropped


def test_csv_export_prefixes_formula_starts(
    hostile_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _plant_review_text(hostile_db)
    out = tmp_path / "csv"
    assert main(["export", "--db", str(hostile_db), "--format", "csv", f"{out}/"]) == 0
    cells = []
    for path in out.glob("*.csv"):
        cells += [c for row in csv.reader(io.StringIO(path.read_text("utf-8-sig"))) for c in row]
    assert cells
    risky = [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert not risky, risky[:5]
    assert any(c.startswith("'=cmd|") for c in cells)
    assert not any(ch in RAW_FORBIDDEN for c in cells for ch in c)


@pytest.mark.parametrize("text", FORMULAS + ["'quoted", "-", "plain", "'=already", "''+twice"])
def test_csv_prefix_round_trips(text: str) -> None:
    assert csv_cell_back(csv_cell(text)) == text


def test_prefixed_csv_reimports_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = small_dataset()
    data.resolutions[0].session = TEXTS["formula_hyperlink"]
    data.resolutions[0].basis.append("- Căn cứ Luật Ngân sách nhà nước ngày 25/6/2015;")
    data.resolutions[0].projects[0].name = "+Đường thôn 3 @ nhánh 2"
    rows = dataset_rows(data)
    folder = tmp_path / "csv"
    folder.mkdir()
    for sheet in SHEETS:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([f.header_vi for f in sheet.fields])
        for record in rows[sheet.key]:
            writer.writerow([csv_cell(csv_value(record.get(f.key))) for f in sheet.fields])
        (folder / sheet.csv_name).write_text(buffer.getvalue(), "utf-8-sig")
    db = tmp_path / "re.duckdb"
    assert main(["import", "--db", str(db), str(folder)]) == 0, capsys.readouterr().err
    with Store.open(db) as store:
        back = extract(store).data
    res = next(r for r in back.resolutions if r.number == data.resolutions[0].number)
    assert res.session == TEXTS["formula_hyperlink"]
    assert res.basis[-1] == "- Căn cứ Luật Ngân sách nhà nước ngày 25/6/2015;"
    assert res.projects[0].name == "+Đường thôn 3 @ nhánh 2"
