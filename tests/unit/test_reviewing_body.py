"""Issue 10 item 4: who reviews is data keyed by unit and period, and every output names
the body valid on the resolution's date (the year's last day for a unit-year): exports,
`check`, the notice. A deployment's body (meta or config.toml) overrides the data from
the setting two_level_government_from on, never before."""

from __future__ import annotations

import csv
import os
from datetime import date
from pathlib import Path

import duckdb
import openpyxl
import pytest

from tui.cli import main
from tui.core.data.store import Store
from tui.core.rules.bodies import body_for, two_level_from, year_body_label

CITY = "Thường trực HĐND thành phố Móng Cái"
HAI_SON = "Thường trực HĐND xã Hải Sơn"


def export_xlsx(db: Path, out: Path, unit: str, year: int, lang: str = "vi") -> openpyxl.Workbook:
    args = ["export", "--db", str(db), "--lang", lang, "--unit", unit, "--year", str(year)]
    assert main([*args, str(out)]) == 0
    return openpyxl.load_workbook(out)


def sheet_records(ws) -> list[dict]:
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def about(wb, label: str) -> str:
    ws = wb["Thông tin"] if "Thông tin" in wb.sheetnames else wb["About"]
    return next(row[1] for row in ws.iter_rows(values_only=True) if row[0] == label)


@pytest.mark.parametrize(
    ("unit", "year", "body"),
    [("06730", 2023, CITY), ("06724", 2026, HAI_SON)],
    ids=["2023-city-council", "2026-commune-council"],
)
def test_export_names_the_body_of_the_period(db, tmp_path, unit, year, body) -> None:
    wb = export_xlsx(db, tmp_path / f"{year}.xlsx", unit, year)
    assert about(wb, "Cơ quan thẩm tra") == body
    findings = sheet_records(wb["Phát hiện"])
    assert findings and {r["Cơ quan thẩm tra"] for r in findings} == {body}
    summary = sheet_records(wb["Tổng hợp đơn vị"])
    assert [r["Cơ quan thẩm tra"] for r in summary] == [body]
    # The CSV carries the same column.
    out = tmp_path / f"{year}.csv"
    args = ["export", "--db", str(db), "--unit", unit, "--year", str(year), str(out)]
    assert main(args) == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        assert {r["Cơ quan thẩm tra"] for r in csv.DictReader(handle)} == {body}


def test_2026_export_never_names_the_abolished_city_council(db, tmp_path) -> None:
    out = tmp_path / "all-2026.md"
    assert main(["export", "--db", str(db), "--year", "2026", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "thành phố Móng Cái" not in text
    assert "Cơ quan thẩm tra: theo từng đơn vị" in text  # six communes, six councils
    assert HAI_SON in text and "Thường trực HĐND phường Móng Cái 1" in text


def test_export_in_english(db, tmp_path) -> None:
    wb = export_xlsx(db, tmp_path / "en.xlsx", "06724", 2026, lang="en")
    assert about(wb, "Reviewing body") == (
        "Standing Committee of the People's Council of Hải Sơn commune"
    )


def test_check_text_names_the_body_under_each_unit(db, capsys) -> None:
    main(["check", "--db", str(db), "--year", "2023", "--unit", "06730"])
    out = capsys.readouterr().out
    assert f"Thẩm tra: {CITY}" in out
    main(["check", "--db", str(db), "--year", "2026", "--unit", "06724"])
    out = capsys.readouterr().out
    assert f"Thẩm tra: {HAI_SON}" in out and "thành phố" not in out
    # The machine formats keep their documented columns.
    main(["check", "--db", str(db), "--year", "2026", "--format", "csv"])
    assert "Thẩm tra" not in capsys.readouterr().out


def _with(db: Path, *statements: str) -> None:
    con = duckdb.connect(str(db))
    try:
        for statement in statements:
            con.execute(statement)
    finally:
        con.close()


def test_meta_names_the_deployments_body_from_the_reform_on(db, tmp_path) -> None:
    _with(db, "INSERT INTO meta VALUES ('reviewing_body', 'HĐND tỉnh Quảng Ninh')")
    wb = export_xlsx(db, tmp_path / "own.xlsx", "06724", 2026)
    assert about(wb, "Cơ quan thẩm tra") == "Thường trực HĐND tỉnh Quảng Ninh"
    wb = export_xlsx(db, tmp_path / "old.xlsx", "06730", 2023)
    assert about(wb, "Cơ quan thẩm tra") == CITY  # never before 01/07/2025


def test_config_overrides_meta(db, tmp_path) -> None:
    _with(db, "INSERT INTO meta VALUES ('reviewing_body', 'HĐND tỉnh Quảng Ninh')")
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "ntm-review" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('reviewing_body = "Ban Kinh tế - Ngân sách HĐND tỉnh"\n', encoding="utf-8")
    wb = export_xlsx(db, tmp_path / "cfg.xlsx", "06724", 2026)
    assert about(wb, "Cơ quan thẩm tra") == "Thường trực Ban Kinh tế - Ngân sách HĐND tỉnh"


def test_the_two_level_setting_bounds_the_deployments_body(db) -> None:
    """two_level_government_from (data/settings.csv) is read: move it, and the day from
    which a deployment's own body applies moves with it."""
    own = "HĐND tỉnh Quảng Ninh"
    with Store.open(db) as store:
        assert two_level_from(store) == date(2025, 7, 1)
        assert body_for(store, "06712", date(2025, 12, 18), own).vi == own
    _with(db, "UPDATE setting SET value = '2026-01-01' WHERE key = 'two_level_government_from'")
    with Store.open(db) as store:
        # Móng Cái 1's plan of 18/12/2025: before the (moved) boundary, so the data speak.
        assert body_for(store, "06712", date(2025, 12, 18), own).vi == "HĐND phường Móng Cái 1"
        assert body_for(store, "06712", date(2026, 1, 1), own).vi == own


def test_a_unit_abolished_mid_year_keeps_the_body_of_its_last_day(store) -> None:
    # Hải Xuân ended on 30/06/2025: its 2025 unit-year belongs to the city council.
    assert body_for(store, "06745", date(2025, 12, 31)).vi == "HĐND thành phố Móng Cái"
    assert year_body_label(store, 2023, "vi") == CITY
    assert year_body_label(store, 2026, "vi") == "HĐND từng xã, phường tự thẩm tra"


def test_a_province_row_in_the_data_heads_its_units(db) -> None:
    """A province that gives review to a provincial body says so with a data row."""
    _with(
        db,
        "INSERT INTO reviewing_body VALUES ('province:22', DATE '2025-07-01', NULL, "
        "'HĐND tỉnh Quảng Ninh', 'Quảng Ninh Provincial People''s Council', true, NULL)",
    )
    with Store.open(db) as store:
        assert year_body_label(store, 2026, "vi") == "Thường trực HĐND tỉnh Quảng Ninh"
        assert year_body_label(store, 2023, "vi") == CITY


def test_no_notice_for_a_year_the_unit_did_not_exist(db, tmp_path, capsys):
    """Hải Xuân ended on 30/06/2025: a 2026 notice would be headed by the abolished city
    council (its last day's body). It is refused in one sentence, exit 2, nothing written."""
    out = tmp_path / "n.md"
    args = ["notice", "--db", str(db), "--unit", "06745", "--year", "2026", str(out)]
    words = ("06745 Hải Xuân", "2026", "30/06/2025", "06712 Móng Cái 1")
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert all(word in err for word in words), err
    assert not out.exists()
