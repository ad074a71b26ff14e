"""Importing what the law of 2025-2026 needs: commune-revenue kinds, the commune group and
the project field, and criteria of either set, read against the set in force by date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
from importkit import dataset_rows, write_xlsx

from tui.cli import main
from tui.core.data.dataset import CapitalLine, Dataset, Project, Resolution
from tui.core.data.store import Store
from tui.core.io.importing.choices import choice_lists, parse_choice
from tui.core.io.layout import CAPITAL, WORKS
from tui.core.rules.findings import load_findings

UNIT = "06757"  # xã Vĩnh Thực of the two-level map


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def resolution_2026(issued: date) -> Dataset:
    road = Project(
        name="Rãnh thoát nước thôn 2",
        total_investment=315_000_000,
        criterion_code=2,
        group_code="C",
        capital=[CapitalLine("NS_XA", 270_983_160), CapitalLine("NS_XA", 44_016_840)],
    )
    res = Resolution(
        resolution_id="x1",
        unit_code=UNIT,
        year=2026,
        number="18/NQ-HĐND",
        issue_date=issued,
        title="Nghị quyết về danh mục và mức vốn công trình nông thôn mới năm 2026",
        kind="ntm",
        basis=["Căn cứ Luật Đầu tư công ngày 29 tháng 11 năm 2024;"],
        projects=[road],
    )
    return Dataset([res])


def workbook(tmp_path: Path, issued: date, **work_cells: object) -> Path:
    rows = dataset_rows(resolution_2026(issued))
    # As a clerk writes them: the kind by its name, or by its code.
    rows["capital"][0]["revenue_kind"] = "Kết dư ngân sách năm trước"
    rows["capital"][1]["revenue_kind"] = "tang_thu"
    rows["works"][0].update(work_cells)
    return write_xlsx(tmp_path / "xa.xlsx", rows)


def test_surplus_and_overrun_on_one_work_import_and_read_right(tmp_path, capsys, db_rows):
    path = workbook(tmp_path, date(2026, 3, 20), commune_group="2", sector="giao_thong_nang_luong")
    db = tmp_path / "review.duckdb"
    code, out, err = run(capsys, "import", "--db", str(db), str(path))
    assert code == 0, out + err
    lines = db_rows(
        db,
        "SELECT source_code, revenue_kind, amount FROM capital_allocation ORDER BY amount DESC",
    )
    assert lines == [("NS_XA", "ket_du", 270_983_160), ("NS_XA", "tang_thu", 44_016_840)]
    assert db_rows(db, "SELECT commune_group, sector FROM project") == [
        (2, "giao_thong_nang_luong")
    ]
    with Store.open(db) as store:
        findings = load_findings(store)
    # Budget year 2026: the council allocating tăng thu is worth knowing (info), nothing more.
    assert [(f.rule_id, f.severity) for f in findings if f.rule_id.startswith("revenue")] == [
        ("revenue_overrun_by_council", "info")
    ]
    assert not [f for f in findings if f.rule_id == "work_capital_mismatch"]


def test_a_19_criterion_code_imports_and_is_judged_by_date(tmp_path, capsys):
    """The import accepts both sets; the rule reads the code against the set of the date."""
    for issued, fires in ((date(2026, 2, 14), False), (date(2026, 2, 15), True)):
        folder = tmp_path / issued.isoformat()
        folder.mkdir()
        path = workbook(folder, issued, criterion_code="16", commune_group="2")
        db = folder / "review.duckdb"
        code, out, err = run(capsys, "import", "--db", str(db), str(path))
        assert code == 0, out + err
        with Store.open(db) as store:
            criteria = [f for f in load_findings(store) if f.rule_id == "work_no_criterion"]
        assert bool(criteria) is fires
        if fires:
            assert "51/2025/QĐ-TTg" in criteria[0].legal_basis("vi")


def test_criteria_of_both_sets_by_name():
    assert parse_choice("ntm_criterion", "Giảm nghèo và an sinh xã hội") == 6  # QĐ 51/2025
    assert parse_choice("ntm_criterion", "Văn hóa") == 16  # QĐ 318
    assert parse_choice("ntm_criterion", "Tiêu chí 19") == 19
    assert parse_choice("commune_group", "3") == 3
    assert parse_choice("revenue_kind", "Tăng thu ngân sách") == "tang_thu"
    codes = [c.code for c in choice_lists()["ntm_criterion"]]
    assert codes == list(range(1, 20))
    six = choice_lists()["ntm_criterion"][5]
    assert "Cơ sở vật chất văn hóa (QĐ 318/QĐ-TTg, đến 14/02/2026)" in six.name_vi
    assert "Giảm nghèo và an sinh xã hội (QĐ 51/2025/QĐ-TTg, từ 15/02/2026)" in six.name_vi


def test_template_offers_the_new_columns_and_both_sets(tmp_path, capsys):
    path = tmp_path / "mau.xlsx"
    assert run(capsys, "template", str(path))[0] == 0
    wb = openpyxl.load_workbook(path)
    works = [c.value for c in wb[WORKS.title_vi][1]]
    capital = [c.value for c in wb[CAPITAL.title_vi][1]]
    assert "Nhóm xã (QĐ 51/2025)" in works and "Lĩnh vực dự án" in works
    assert "Nguồn thu ngân sách xã" in capital
    guide = "\n".join(str(c.value) for row in wb.worksheets[0].iter_rows() for c in row if c.value)
    assert "QĐ 51/2025/QĐ-TTg, từ 15/02/2026" in guide and "Kết dư ngân sách năm trước" in guide
