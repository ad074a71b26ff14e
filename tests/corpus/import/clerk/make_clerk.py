"""Regenerate the clerks' workbooks: python tests/corpus/import/clerk/make_clerk.py

Each workbook is one way commune clerks really send the template back. All describe the
same commune file as tests/unit/importkit.small_dataset (unit 06745, year 2024: an NTM
resolution with two works, a surplus resolution and its surplus), written differently.
The expectations live in tests/unit/test_import_clerk.py.

The LibreOffice re-save needs `soffice`; when it is not installed the file is not
written (and its test is skipped, saying so).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "unit")]

import openpyxl  # noqa: E402
from importkit import dataset_rows, small_dataset, write_xlsx  # noqa: E402

from tui.core.io.layout import SHEETS, SHEETS_BY_KEY  # noqa: E402
from tui.core.io.legacy import unicode_to_tcvn3  # noqa: E402

M = 1_000_000


def base() -> dict:
    return dataset_rows(small_dataset())


def headers(key: str) -> list[str]:
    return [f.header_vi for f in SHEETS_BY_KEY[key].fields]


def put(ws, r: int, values: list[Any], start: int = 1) -> None:
    for c, value in enumerate(values, start=start):
        if value is not None:
            ws.cell(r, c, value)


def plain_sheet(wb, key: str, rows: list[dict], above: list[list[Any]] = ()) -> Any:
    """A layout sheet as the template has it, with optional rows above the header."""
    sheet = SHEETS_BY_KEY[key]
    ws = wb.create_sheet(sheet.title_vi)
    r = 1
    for line in above:
        put(ws, r, line)
        r += 1
    put(ws, r, headers(key))
    for record in rows:
        r += 1
        put(ws, r, [record.get(f.key) for f in sheet.fields])
    return ws


def messy_works(ws, *, tcvn3: bool = True, total_off: int = 0, signature_data: bool = False):
    """The works sheet the issue describes: titles, ĐVT, a two-row merged header with the
    capital sources as columns, STT, column numbers, Tổng cộng, group rows, Cộng rows,
    amounts typed as text (in triệu), a TCVN3 cell, Ghi chú, a signature block."""
    put(ws, 1, ["UBND XÃ HẢI XUÂN"])
    put(ws, 1, ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], start=8)
    ws.merge_cells("A2:N2")
    put(ws, 2, ["DANH MỤC CÔNG TRÌNH XÂY DỰNG NÔNG THÔN MỚI NĂM 2024"])
    ws.merge_cells("A3:N3")
    put(ws, 3, ["(Kèm theo Nghị quyết số 15/NQ-HĐND ngày 05/7/2024 của HĐND xã Hải Xuân)"])
    put(ws, 4, ["(ĐVT: triệu đồng)"], start=12)
    top = [
        "STT",
        "Mã NQ",
        "Mã CT",
        "Tên công trình",
        "Địa điểm",
        "Thời gian thực hiện",
        "Tiêu chí NTM",
        "QĐ chủ trương đầu tư",
        "Tổng mức đầu tư",
        "Nguồn vốn",
        None,
        None,
        None,
        "Ghi chú",
    ]
    put(ws, 6, top)
    put(ws, 7, ["NSTW", "NS huyện", "Ngân sách xã", "Nhân dân đóng góp"], start=10)
    for col in "ABCDEFGHIN":
        ws.merge_cells(f"{col}6:{col}7")
    ws.merge_cells("J6:M6")
    put(ws, 8, [f"({n})" for n in range(1, 15)])
    name1 = "Đường giao thông thôn 3"
    name2 = "Nhà văn hoá thôn 5"
    if tcvn3:
        name2 = unicode_to_tcvn3(name2)
    rows = [
        [
            "",
            None,
            None,
            "TỔNG CỘNG",
            None,
            None,
            None,
            None,
            str(3700 + total_off),
            "1.500",
            "1.200",
            "800",
            "200",
        ],
        ["I", None, None, "Công trình chuyển tiếp", None, None, None, None, "2.500"],
        ["A", None, None, "Giao thông"],
        [
            "1.",
            "NQ1",
            "CT1",
            name1,
            "Thôn 3",
            "2024",
            None,
            "12/QĐ-UBND",
            "2.500",
            "1.500",
            None,
            "800",
            "200",
            "Chuyển tiếp từ năm 2023",
        ],
        ["", None, None, "Cộng A", None, None, None, None, "2.500", "1.500", None, "800", "200"],
        ["II", None, None, "Công trình khởi công mới", None, None, None, None, "1.200"],
        [
            "1.",
            "NQ1",
            "CT2",
            name2,
            None,
            None,
            "6",
            None,
            "1.200",
            None,
            "1.200",
            None,
            None,
            "Giao UBND xã quyết định",
        ],
    ]
    r = 9
    for row in rows:
        put(ws, r, row)
        r += 1
    ws.merge_cells("D10:H10")  # the group row's label spans the text columns
    r += 1
    put(ws, r, ["Hải Xuân, ngày 05 tháng 7 năm 2024"], start=9)
    r += 1
    put(ws, r, ["NGƯỜI LẬP BIỂU"], start=2)
    put(ws, r, ["TM. UỶ BAN NHÂN DÂN XÃ"], start=9)
    r += 1
    put(ws, r, ["CHỦ TỊCH"], start=9)
    r += 3
    put(ws, r, ["Nguyễn Văn An"], start=2)
    put(ws, r, ["Trần Thị Bình"], start=9)
    if signature_data:
        r += 1
        put(ws, r, ["3", "NQ1", "CT3", "Cống thoát nước thôn 1", None, None, None, None, "900"])
    return ws


def messy(path: Path, **kw) -> None:
    rows = base()
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    res = rows["resolutions"]
    for r in res:
        r["unit_code"] = 6745  # typed as a number: the leading zero is lost
    res[0]["issue_date"] = "ngày 05 tháng 7 năm 2024"
    res[0]["kind"] = "Nông thôn mới"
    res[1]["kind"] = "Phân bổ kết dư"
    res[0]["note"] = "Thông qua tại kỳ họp thứ 14"
    plain_sheet(
        wb,
        "resolutions",
        res,
        above=[["NGHỊ QUYẾT CỦA HĐND XÃ HẢI XUÂN NĂM 2024"], []],
    )
    basis = rows["basis"]
    for b in basis:
        b["line_no"] = f"{b['line_no']}."
    plain_sheet(wb, "basis", basis)
    messy_works(wb.create_sheet("Công trình"), **kw)
    plain_sheet(wb, "capital", [])
    sur = rows["surpluses"]
    sur[0]["available"] = "1.000"
    plain_sheet(wb, "surpluses", sur, above=[["ĐVT: Tr.đồng"]])
    lines = rows["surplus_lines"]
    lines[0].update(category_code="Chi đầu tư phát triển", amount="500")
    lines[1].update(category_code="Chi thường xuyên", field_code="Giáo dục", amount="300")
    plain_sheet(wb, "surplus_lines", lines, above=[["Đơn vị tính: triệu đồng"]])
    wb.save(path)


def in_unit(
    rows: dict,
    factor: int,
    keys=(
        ("works", "total_investment"),
        ("capital", "amount"),
        ("surpluses", "available"),
        ("surplus_lines", "amount"),
    ),
) -> dict:
    for sheet, key in keys:
        for r in rows[sheet]:
            if r.get(key) is not None:
                value = r[key] / factor
                r[key] = int(value) if value == int(value) else value
    return rows


def money_above(line: str) -> dict:
    return {k: [[line]] for k in ("works", "capital", "surpluses", "surplus_lines")}


def reordered(path: Path) -> None:
    rows = base()
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet in SHEETS:
        ws = wb.create_sheet(sheet.title_vi)
        fields = list(reversed(sheet.fields))
        put(ws, 1, [f.header_vi for f in fields])
        for r, record in enumerate(rows[sheet.key], start=2):
            put(ws, r, [record.get(f.key) for f in fields])
    wb.save(path)


def sheet_per_group(path: Path) -> None:
    rows = base()
    works = rows["works"]
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for key in ("resolutions", "basis"):
        plain_sheet(wb, key, rows[key])
    for title, work in (
        ("Công trình - Chuyển tiếp", works[0]),
        ("Công trình - Khởi công mới", works[1]),
    ):
        ws = wb.create_sheet(title)
        put(ws, 1, headers("works"))
        put(ws, 2, [work.get(f.key) for f in SHEETS_BY_KEY["works"].fields])
    for key in ("capital", "surpluses", "surplus_lines"):
        plain_sheet(wb, key, rows[key])
    wb.save(path)


def _add_cached_values(path: Path, values: dict[tuple[str, str], Any]) -> None:
    """Write the results Excel would have saved beside openpyxl's formulas."""
    with zipfile.ZipFile(path) as src:
        names = src.namelist()
        contents = {n: src.read(n) for n in names}
    book = contents["xl/workbook.xml"].decode()
    rels = contents["xl/_rels/workbook.xml.rels"].decode()
    targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="/?(?:xl/)?([^"]+)"', rels))
    targets |= {k: v for v, k in re.findall(r'Target="/?(?:xl/)?([^"]+)"[^>]*Id="(rId\d+)"', rels)}
    for name, rid in re.findall(r'<sheet[^>]*name="([^"]+)"[^>]*r:id="(rId\d+)"', book):
        part = "xl/" + targets[rid]
        xml = contents[part].decode()
        for (sheet, ref), value in values.items():
            if sheet != name:
                continue
            xml = re.sub(
                rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)(<v\s*/>|<v>\s*</v>)?',
                rf"\g<1>\g<2><v>{value}</v>",
                xml,
            )
        contents[part] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for n in names:
            out.writestr(n, contents[n])


def formulas(path: Path, cached: bool = True) -> None:
    """Amounts as formulas (=1500*1000000, =SUM(…)), with the values Excel saves."""
    rows = base()
    write_xlsx(path, rows)
    wb = openpyxl.load_workbook(path)
    cap = wb["Nguồn vốn"]
    works = wb["Công trình"]
    values = {}
    # capital rows 2..5: C is the amount; the work's total is the sum of its lines.
    for r in range(2, 6):
        amount = cap.cell(r, 3).value
        cap.cell(r, 3).value = f"={amount // M}*1000000"
        values[("Nguồn vốn", f"C{r}")] = amount
    works.cell(2, 9).value = "=SUM('Nguồn vốn'!C2:C4)"
    values[("Công trình", "I2")] = 2_500_000_000
    wb.save(path)
    if cached:
        _add_cached_values(path, values)


def dates_as_text(path: Path) -> None:
    rows = base()
    rows["resolutions"][0]["issue_date"] = "05/07/2024"
    rows["resolutions"][1]["issue_date"] = "ngày 20 tháng 7 năm 2024"
    rows["surpluses"][0]["settlement_date"] = "2024-06-28"
    write_xlsx(path, rows)


def hidden_rows_columns(path: Path) -> None:
    """Rows and columns hidden by the clerk still hold the data; they are read."""
    write_xlsx(path, base())
    wb = openpyxl.load_workbook(path)
    ws = wb["Nguồn vốn"]
    ws.row_dimensions[3].hidden = True
    ws.column_dimensions["D"].hidden = True
    works = wb["Công trình"]
    works.column_dimensions["E"].hidden = True
    wb.save(path)


def names_for_codes(path: Path) -> None:
    rows = base()
    names = {
        "NSTW": "Ngân sách trung ương",
        "NS_XA": "Ngân sách xã",
        "CONG_DONG": "Nhân dân đóng góp",
        "NS_HUYEN": "Ngân sách thành phố",
    }
    for line in rows["capital"]:
        line["source_code"] = names[line["source_code"]]
    rows["resolutions"][0]["kind"] = "Nông thôn mới"
    rows["surplus_lines"][0]["category_code"] = "Chi ĐTPT"
    rows["surplus_lines"][1]["category_code"] = "Thường xuyên"
    write_xlsx(path, rows)


def integrated(path: Path) -> None:
    """ "Vốn lồng ghép" written by name, with its programme and share."""
    rows = base()
    rows["capital"][2].update(
        source_code="Vốn lồng ghép", programme_share="Chương trình MTQG giảm nghèo: 100%"
    )
    write_xlsx(path, rows)


def decision_in_two_columns(path: Path) -> None:
    """The investment-policy decision as "Số" and "Ngày" under one merged header."""
    rows = base()
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for key in ("resolutions", "basis"):
        plain_sheet(wb, key, rows[key])
    ws = wb.create_sheet("Công trình")
    fields = SHEETS_BY_KEY["works"].fields
    top, child = [], []
    for f in fields:
        if f.key == "policy_decision_ref":
            top += [f.header_vi, None]
            child += ["Số", "Ngày"]
        else:
            top.append(f.header_vi)
            child.append(None)
    put(ws, 1, top)
    put(ws, 2, child)
    split = [f.key for f in fields].index("policy_decision_ref") + 1
    for c in range(1, len(top) + 1):
        if c == split:
            ws.merge_cells(start_row=1, start_column=c, end_row=1, end_column=c + 1)
        elif c != split + 1:
            ws.merge_cells(start_row=1, start_column=c, end_row=2, end_column=c)
    for r, work in enumerate(rows["works"], start=3):
        values = []
        for f in fields:
            if f.key == "policy_decision_ref":
                values += [work.get(f.key), date(2024, 3, 5) if work.get(f.key) else None]
            else:
                values.append(work.get(f.key))
        put(ws, r, values)
    for key in ("capital", "surpluses", "surplus_lines"):
        plain_sheet(wb, key, rows[key])
    wb.save(path)


def total_differs(path: Path) -> None:
    messy(path, total_off=100)


def main() -> None:
    HERE.mkdir(parents=True, exist_ok=True)
    x = lambda name: HERE / name  # noqa: E731
    messy(x("messy_layout.xlsx"))
    total_differs(x("total_differs.xlsx"))
    messy(x("data_below_signature.xlsx"), signature_data=True)
    reordered(x("columns_reordered.xlsx"))
    sheet_per_group(x("sheet_per_group.xlsx"))
    formulas(x("amounts_as_formulas.xlsx"))
    dates_as_text(x("dates_as_text.xlsx"))
    hidden_rows_columns(x("hidden_rows_columns.xlsx"))
    names_for_codes(x("names_for_codes.xlsx"))
    integrated(x("integrated_by_name.xlsx"))
    decision_in_two_columns(x("decision_in_two_columns.xlsx"))
    write_xlsx(
        x("dvt_in_brackets.xlsx"), in_unit(base(), M), above=money_above("(ĐVT: triệu đồng)")
    )
    write_xlsx(x("dvt_tr_dong.xlsx"), in_unit(base(), M), above=money_above("ĐVT: Tr.đồng"))
    write_xlsx(
        x("dvt_thousand.xlsx"), in_unit(base(), 1000), above=money_above("Đơn vị tính: 1.000 đồng")
    )
    rows = in_unit(base(), M)
    heads = {
        "works": [h + " (trđ)" if h == "Tổng mức đầu tư" else h for h in headers("works")],
        "capital": [h + " (Tr.đ)" if h == "Số tiền" else h for h in headers("capital")],
        "surpluses": [h + " [triệu đồng]" if h == "Số kết dư" else h for h in headers("surpluses")],
        "surplus_lines": [
            h + ", tr.đồng" if h == "Số tiền" else h for h in headers("surplus_lines")
        ],
    }
    write_xlsx(x("unit_in_headers.xlsx"), rows, headers=heads)
    write_xlsx(x("no_unit_in_millions.xlsx"), in_unit(base(), M))
    rows = base()
    for line in rows["capital"]:
        line["amount"] = f"{line['amount'] // M:,} tr.đ".replace(",", ".")
    rows["works"][0]["total_investment"] = "2,5 tỷ"
    rows["works"][1]["total_investment"] = "1.200.000.000đ"
    write_xlsx(x("units_in_cells.xlsx"), rows)
    # Two sheets in two units without saying so: the capital lines are in triệu.
    rows = base()
    for line in rows["capital"]:
        line["amount"] = line["amount"] // 1000
    write_xlsx(x("capital_in_other_unit.xlsx"), rows)
    # A bad header and bad cells on the same sheet: all in one run.
    rows = base()
    rows["works"][1]["criterion_code"] = 25
    heads = {"works": [("Tên CT" if h == "Tên công trình" else h) for h in headers("works")]}
    write_xlsx(x("bad_header_and_cells.xlsx"), rows, headers=heads)
    # A one-row header with three merged ranges: one message.
    write_xlsx(x("header_merged_thrice.xlsx"), base())
    wb = openpyxl.load_workbook(x("header_merged_thrice.xlsx"))
    ws = wb["Công trình"]
    for cells in ("D1:E1", "F1:G1", "J1:K1"):
        ws.merge_cells(cells)
    wb.save(x("header_merged_thrice.xlsx"))
    libreoffice(x("libreoffice_resaved.xlsx"))


def libreoffice(path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print(f"soffice not found: {path.name} not written", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "export.xlsx"
        write_xlsx(src, base())
        ods = Path(tmp) / "ods"
        subprocess.run(
            [soffice, "--headless", "--convert-to", "ods", "--outdir", str(ods), str(src)],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                soffice,
                "--headless",
                "--convert-to",
                "xlsx",
                "--outdir",
                tmp,
                str(ods / "export.ods"),
            ],
            check=True,
            capture_output=True,
        )
        shutil.copyfile(Path(tmp) / "export.xlsx", path)


if __name__ == "__main__":
    main()
