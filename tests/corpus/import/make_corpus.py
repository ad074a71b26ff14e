"""Regenerate the import corpus: python tests/corpus/import/make_corpus.py

Every file starts from the same good commune file (tests/unit/importkit.small_dataset:
unit 06745, year 2024) and breaks one thing. The expectations live in
tests/unit/test_import_corpus.py. The password-protected workbook needs msoffcrypto-tool
(not a dependency of the project): when it is not installed the committed file is kept.
"""

from __future__ import annotations

import sys
import zipfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "unit")]

import openpyxl  # noqa: E402
from importkit import dataset_rows, small_dataset, write_csv_dir, write_xlsx  # noqa: E402

from tui.core.io.layout import SHEETS_BY_KEY  # noqa: E402
from tui.core.io.legacy import unicode_to_tcvn3, unicode_to_vni  # noqa: E402
from tui.core.io.template import write_template  # noqa: E402

BAD = HERE / "bad"
GOOD = HERE / "good"


def base() -> dict:
    return dataset_rows(small_dataset())


def changed(sheet: str, index: int, **values) -> dict:
    rows = base()
    rows[sheet][index].update(values)
    return rows


def headers(sheet: str, **renamed: str) -> list[str]:
    return [renamed.get(f.key, f.header_vi) for f in SHEETS_BY_KEY[sheet].fields]


def post(path: Path, edit) -> None:
    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(path)


def bad_files() -> None:
    BAD.mkdir(parents=True, exist_ok=True)
    x = lambda name: BAD / name  # noqa: E731

    write_xlsx(
        x("wrong_header.xlsx"), base(), headers={"capital": headers("capital", amount="Số lượng")}
    )

    # The work sheet without its "Tổng mức đầu tư" column (the 9th).
    write_xlsx(x("missing_header.xlsx"), base())
    post(x("missing_header.xlsx"), lambda wb: wb["Công trình"].delete_cols(9))

    write_xlsx(x("missing_sheet.xlsx"), base(), skip_sheets=("capital",))
    # A 2026 resolution filed under a code that ended on 30/06/2025 (issue 10).
    dead = small_dataset("06745", 2026)
    for res in dead.resolutions:
        res.issue_date = date(2026, 4, 10)
    write_xlsx(x("dead_unit.xlsx"), dataset_rows(dead))
    x("empty.xlsx").write_bytes(b"")
    (BAD / "empty_csv").mkdir(exist_ok=True)
    (BAD / "empty_csv" / "nghi_quyet.csv").write_bytes(b"")
    x("not_a_spreadsheet.xlsx").write_text(
        "Báo cáo kết quả xây dựng nông thôn mới năm 2024\n(văn bản, không phải bảng tính)\n",
        encoding="utf-8",
    )
    x("photo.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with zipfile.ZipFile(x("letter.xlsx"), "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document>Kính gửi</w:document>")
    # An OLE compound file without an encryption stream: an old binary .xls.
    x("old_format.xls").write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00" + b"\x00" * 484
    )

    write_xlsx(x("amount_as_text.xlsx"), changed("capital", 0, amount="một tỷ năm trăm triệu"))
    rows = changed("works", 1, total_investment=-1_200_000_000)
    rows["capital"][3]["amount"] = "(1.200.000.000)"
    write_xlsx(x("negative_amount.xlsx"), rows)
    write_xlsx(x("fraction_of_dong.xlsx"), changed("capital", 0, amount="1.500.000.000,5 đồng"))
    write_xlsx(x("unknown_unit.xlsx"), changed("resolutions", 0, unit_code="99999"))
    write_xlsx(x("unknown_category.xlsx"), changed("surplus_lines", 0, category_code="chi_dau_tu"))
    write_xlsx(x("unknown_source.xlsx"), changed("capital", 1, source_code="NS_TW"))
    rows = base()
    rows["capital"][1] = dict(rows["capital"][0])
    write_xlsx(x("duplicate_rows.xlsx"), rows)
    write_xlsx(x("duplicate_resolution_ref.xlsx"), changed("resolutions", 1, res_ref="NQ1"))

    write_xlsx(x("merged_header.xlsx"), base())
    post(x("merged_header.xlsx"), lambda wb: wb["Công trình"].merge_cells("C1:D1"))

    write_xlsx(x("impossible_date.xlsx"), changed("resolutions", 0, issue_date="31/02/2024"))
    write_xlsx(x("unreadable_date.xlsx"), changed("resolutions", 1, issue_date="tháng 7/2024"))
    write_xlsx(x("capital_unknown_work.xlsx"), changed("capital", 3, work_ref="CT9"))
    write_xlsx(x("basis_unknown_resolution.xlsx"), changed("basis", 3, res_ref="NQ9"))
    write_xlsx(x("missing_required.xlsx"), changed("resolutions", 0, title=None))
    write_xlsx(x("amends_unknown.xlsx"), changed("resolutions", 1, amends_ref="NQ7"))

    write_xlsx(x("no_header_row.xlsx"), base())
    post(x("no_header_row.xlsx"), lambda wb: wb["Căn cứ"].delete_rows(1))

    write_template(x("no_data.xlsx"))

    (BAD / "csv_unknown_name").mkdir(exist_ok=True)
    write_csv_dir(BAD / "csv_unknown_name", base(), sheets=("resolutions",))
    (BAD / "csv_unknown_name" / "nghi_quyet.csv").rename(BAD / "csv_unknown_name" / "danh_sach.csv")
    write_csv_dir(BAD / "csv_missing_parent", base(), sheets=("capital",))

    write_xlsx(x("bad_year.xlsx"), changed("surpluses", 0, fiscal_year="năm ngoái"))
    write_xlsx(x("bad_yes_no.xlsx"), changed("works", 0, policy_delegated="chắc có"))
    rows = base()
    rows["surpluses"].append(dict(rows["surpluses"][0], surplus_ref="KD2"))
    write_xlsx(x("surplus_twice.xlsx"), rows)

    write_xlsx(x("merged_data_across.xlsx"), base())
    post(x("merged_data_across.xlsx"), lambda wb: wb["Công trình"].merge_cells("D2:E2"))

    write_xlsx(x("stray_column.xlsx"), base())
    post(x("stray_column.xlsx"), lambda wb: wb["Nguồn vốn"].cell(3, 6, "xem lại"))

    rows = base()
    rows["resolutions"][0]["issue_date"] = "30/02/2024"
    rows["resolutions"][1]["unit_code"] = "12345"
    rows["works"][0]["criterion_code"] = 25
    rows["capital"][2]["amount"] = "-200.000.000"
    rows["surplus_lines"][1]["line_no"] = 1
    write_xlsx(x("many_problems.xlsx"), rows)


def good_files() -> None:
    GOOD.mkdir(parents=True, exist_ok=True)
    g = lambda name: GOOD / name  # noqa: E731

    # Blank rows and columns around and inside the tables; amounts in triệu from "ĐVT".
    def in_millions(sheet_key, field_key, value):
        money = {"total_investment", "amount", "available"}
        return value / 1_000_000 if field_key in money and isinstance(value, int) else value

    rows = base()
    for sheet_rows in rows.values():
        sheet_rows[1:1] = [{}]  # a blank row after the first record
    write_xlsx(
        g("blank_rows_columns.xlsx"),
        rows,
        above={k: [["ĐVT: triệu đồng"], []] for k in rows},
        cell=in_millions,
        offset=(2, 1),
    )
    post(g("blank_rows_columns.xlsx"), lambda wb: [ws.insert_cols(4) for ws in wb.worksheets])

    # Some cells typed in .VnTime (TCVN3), some in VNI-Times, the rest in Unicode.
    rows = base()
    rows["resolutions"][0]["title"] = unicode_to_tcvn3(rows["resolutions"][0]["title"])
    rows["works"][0]["name"] = unicode_to_tcvn3(rows["works"][0]["name"])
    rows["basis"][1]["text"] = unicode_to_tcvn3(rows["basis"][1]["text"])
    rows["works"][1]["name"] = unicode_to_vni(rows["works"][1]["name"])
    write_xlsx(g("mixed_tcvn3_unicode.xlsx"), rows)

    write_csv_dir(GOOD / "csv_windows_1258", base(), encoding="cp1258")
    write_csv_dir(GOOD / "csv_utf8_bom", base(), encoding="utf-8-sig")

    english = {key: [f.header_en for f in SHEETS_BY_KEY[key].fields] for key in base()}
    write_xlsx(g("english_headers.xlsx"), base(), headers=english)

    # The ways clerks write numbers and dates.
    rows = base()
    rows["resolutions"][0].update(issue_date="ngày 05 tháng 7 năm 2024", unit_code=6745)
    rows["resolutions"][1].update(issue_date="20/7/2024")
    rows["works"][0]["total_investment"] = "2,5 tỷ"
    rows["works"][1]["total_investment"] = "1.200 triệu đồng"
    rows["capital"][0]["amount"] = "1.500.000.000 đồng"
    rows["capital"][1]["amount"] = "800.000.000đ"
    rows["capital"][2]["amount"] = "0,2 tỷ"
    rows["capital"][3]["amount"] = 1_200_000_000.0
    rows["surpluses"][0].update(settlement_date=date(2024, 6, 28), unit_code="6745")
    write_xlsx(g("vietnamese_formats.xlsx"), rows)


def encrypt() -> None:
    try:
        import msoffcrypto
        from msoffcrypto.format.ooxml import OOXMLFile
    except ImportError:
        print("msoffcrypto-tool is not installed: keeping the committed password.xlsx")
        return
    plain = BAD / ".plain.xlsx"
    write_xlsx(plain, base())
    with open(plain, "rb") as src, open(BAD / "password.xlsx", "wb") as dst:
        OOXMLFile(src).encrypt("matkhau", dst)
    plain.unlink()
    assert msoffcrypto


if __name__ == "__main__":
    bad_files()
    good_files()
    encrypt()
    print(f"corpus written under {HERE}")
