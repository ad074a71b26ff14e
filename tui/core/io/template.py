"""`ntm-review template`: a blank import workbook made from tui/core/io/layout.py.

The first sheet ("Hướng dẫn") explains every column of every sheet in Vietnamese and
English and lists the codes of every list; then one sheet per layout sheet with the
Vietnamese headers (bold, frozen, sized), drop-down lists for the coded columns and
có/không columns, and number formats for amounts and dates.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import NtmError
from ..faults import WriteFailed, write_atomically
from .importing.choices import choice_lists
from .layout import README_SHEET_VI, SHEETS, Field

KIND_LABELS = {
    "text": ("văn bản", "text"),
    "ref": ("mã tự đặt", "your own reference"),
    "unit": ("mã đơn vị", "unit code"),
    "date": ("ngày", "date"),
    "year": ("năm", "year"),
    "int": ("số nguyên", "whole number"),
    "money": ("số tiền", "amount"),
    "bool": ("có / không", "yes / no"),
    "choice": ("mã trong danh mục", "code from a list"),
}
LIST_LABELS = {
    "resolution_kind": ("Loại nghị quyết", "Kind of resolution"),
    "resolution_status": ("Tình trạng nghị quyết", "Status of resolution"),
    "ntm_criterion": ("Tiêu chí nông thôn mới", "NTM criteria"),
    "capital_source": ("Nguồn vốn", "Capital sources"),
    "surplus_category": ("Nội dung chi (kết dư)", "Surplus categories"),
    "spending_field": ("Lĩnh vực chi thường xuyên", "Recurrent-spending fields"),
    "commune_group": ("Nhóm xã (QĐ 51/2025)", "Commune groups (QĐ 51/2025)"),
    "project_field": ("Lĩnh vực dự án", "Project fields"),
    "revenue_kind": ("Nguồn thu ngân sách xã", "Commune revenue"),
    "work_phase": ("Giai đoạn công trình", "Phase of a work"),
}
BOOL_VALUES = ("có", "không")

INTRO = (
    (
        "MẪU NHẬP LIỆU: NGHỊ QUYẾT CỦA HĐND XÃ VỀ XÂY DỰNG NÔNG THÔN MỚI VÀ PHÂN BỔ KẾT DƯ",
        "IMPORT TEMPLATE: COMMUNE COUNCIL RESOLUTIONS ON NEW RURAL DEVELOPMENT AND SURPLUS",
    ),
    (
        "Mỗi trang chứa một loại dữ liệu. Giữ nguyên tên trang và dòng tiêu đề; mỗi dòng bên dưới là "
        "một bản ghi. Có thể thêm dòng trống, cột trống, hoặc dòng “ĐVT: triệu đồng” phía trên tiêu đề.",
        "Each sheet holds one kind of record. Keep the sheet names and the header rows; every row "
        "below is one record. Blank rows and columns, and a “ĐVT: triệu đồng” line above the "
        "headers, are fine.",
    ),
    (
        "Các trang tham chiếu nhau bằng mã tự đặt trong tệp: Mã NQ (nghị quyết), Mã CT (công trình), "
        "Mã KD (kết dư). Ví dụ: trang Công trình ghi Mã NQ của nghị quyết có công trình đó.",
        "Sheets refer to each other through references of your own, local to the file: Mã NQ "
        "(resolution), Mã CT (work), Mã KD (surplus). E.g. each work names the Mã NQ of its resolution.",
    ),
    (
        "Số tiền: 1.234.567 hoặc 1.234.567 đồng, 5.972.502.000đ, 1.234,5 triệu, 2,5 tỷ, hoặc số của "
        "Excel. Đơn vị lấy từ ô, rồi tiêu đề cột (“Số tiền (triệu đồng)”), rồi dòng “ĐVT”, mặc định đồng.",
        "Amounts: 1.234.567 or 1.234.567 đồng, 5.972.502.000đ, 1.234,5 triệu, 2,5 tỷ, or an Excel "
        "number. The unit comes from the cell, then the header (“Số tiền (triệu đồng)”), then a "
        "“ĐVT” line, else đồng.",
    ),
    (
        "Ngày: dd/mm/yyyy, “ngày 05 tháng 7 năm 2023”, hoặc ô ngày của Excel. Văn bản gõ bằng phông "
        "TCVN3 (.VnTime) hoặc VNI được tự động chuyển sang Unicode.",
        "Dates: dd/mm/yyyy, “ngày 05 tháng 7 năm 2023”, or an Excel date cell. Text typed in TCVN3 "
        "(.VnTime) or VNI fonts is converted to Unicode automatically.",
    ),
    (
        "Khi nhập, mỗi cặp (đơn vị, năm) có trong tệp thay thế toàn bộ nghị quyết và kết dư của "
        "đơn vị đó trong năm đó; dữ liệu khác giữ nguyên. Tệp có lỗi thì không nạp gì.",
        "On import, every (unit, year) in the file replaces all resolutions and surpluses of that "
        "unit in that year; all other data is kept. A file with any problem loads nothing.",
    ),
)
GUIDE_COLUMNS = (
    ("Trang", "Sheet", 16),
    ("Cột (tiêu đề)", "Column (English header)", 30),
    ("Kiểu", "Type", 16),
    ("Bắt buộc", "Required", 10),
    ("Giải thích", "Explanation (Vietnamese)", 60),
    ("Explanation", "Explanation (English)", 60),
)
CHOICE_LIMIT = 255  # Excel's limit on an inline list


def _width(f: Field) -> int:
    by_kind = {"date": 14, "year": 8, "int": 7, "money": 18, "bool": 12, "unit": 11, "ref": 10}
    default = 40 if f.key in ("title", "text", "name") else 22
    return max(len(f.header_vi) + 4, by_kind.get(f.kind, default))


def _validation_values(f: Field) -> list[str] | None:
    if f.kind == "bool":
        return list(BOOL_VALUES)
    if f.kind == "choice" and f.choices:
        return [str(c.code) for c in choice_lists()[f.choices]]
    return None


def build_workbook():
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")

    wb = Workbook()
    guide = wb.active
    guide.title = README_SHEET_VI
    row = 1
    for i, (vi, en) in enumerate(INTRO):
        guide.cell(row, 1, vi).font = Font(bold=i == 0, size=13 if i == 0 else 11)
        guide.cell(row + 1, 1, en).font = Font(bold=i == 0, italic=True, color="555555")
        row += 2
    row += 1
    for c, (vi, en, width) in enumerate(GUIDE_COLUMNS, start=1):
        cell = guide.cell(row, c, f"{vi} / {en}" if vi != en else vi)
        cell.font, cell.fill = bold, head_fill
        guide.column_dimensions[get_column_letter(c)].width = width
    header_row = row
    for sheet in SHEETS:
        for f in sheet.fields:
            row += 1
            kind_vi, kind_en = KIND_LABELS[f.kind]
            values = (
                f"{sheet.title_vi} ({sheet.title_en})",
                f"{f.header_vi} ({f.header_en})",
                f"{kind_vi} / {kind_en}",
                "có / yes" if f.required else "không / no",
                f.help_vi,
                f.help_en,
            )
            for c, value in enumerate(values, start=1):
                guide.cell(row, c, value).alignment = wrap
    row += 2
    guide.cell(row, 1, "Danh mục mã / Code lists").font = Font(bold=True, size=12)
    row += 1
    for c, label in enumerate(("Danh mục / List", "Mã / Code", "Tên / Name (vi)", "Name (en)"), 1):
        cell = guide.cell(row, c, label)
        cell.font, cell.fill = bold, head_fill
    for name, (label_vi, label_en) in LIST_LABELS.items():
        for choice in choice_lists()[name]:
            row += 1
            guide.cell(row, 1, f"{label_vi} / {label_en}")
            guide.cell(row, 2, choice.code)
            guide.cell(row, 3, choice.name_vi)
            guide.cell(row, 4, choice.name_en)
    guide.freeze_panes = guide.cell(header_row + 1, 1)

    for sheet in SHEETS:
        ws = wb.create_sheet(sheet.title_vi)
        for c, f in enumerate(sheet.fields, start=1):
            letter = get_column_letter(c)
            cell = ws.cell(1, c, f.header_vi)
            cell.font, cell.fill = bold, head_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            cell.comment = Comment(f"{f.help_vi}\n—\n{f.help_en}", "ntm-review", 120, 320)
            ws.column_dimensions[letter].width = _width(f)
            if f.kind == "money":
                ws.column_dimensions[letter].number_format = "#,##0"
            elif f.kind == "date":
                ws.column_dimensions[letter].number_format = "dd/mm/yyyy"
            elif f.kind in ("text", "ref", "unit"):
                ws.column_dimensions[letter].number_format = "@"
            values = _validation_values(f)
            if values:
                formula = '"' + ",".join(values) + '"'
                if len(formula) > CHOICE_LIMIT:  # pragma: no cover - no list is that long yet
                    raise AssertionError(f"list of {f.key} too long for Excel")
                dv = DataValidation(
                    type="list",
                    formula1=formula,
                    allow_blank=not f.required,
                    showDropDown=False,  # False shows the arrow (OOXML's inverted flag)
                    showErrorMessage=True,
                    errorStyle="warning",
                    errorTitle=f.header_vi,
                    error=f"{f.help_vi}\n{f.help_en}",
                    promptTitle=f.header_vi,
                    prompt=f.help_vi[:255],
                    showInputMessage=True,
                )
                dv.add(f"{letter}2:{letter}1048576")
                ws.add_data_validation(dv)
        ws.freeze_panes = "A2"
        ws.row_dimensions[1].height = 32
    return wb


def write_template(path: Path) -> int:
    """Write the template to `path` (atomically); returns the number of data sheets."""
    path = Path(path)
    if path.is_dir():
        raise NtmError("template_is_dir", path=path)
    if path.suffix.lower() != ".xlsx":
        raise NtmError("template_suffix", path=path)
    wb = build_workbook()
    try:
        write_atomically(path, wb.save)
    except WriteFailed as err:
        raise NtmError("template_write_failed", path=path, detail=err.params["cause"]) from None
    return len(SHEETS)
