"""Writing the tables as xlsx, CSV or Markdown."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ...fmt import money, vn_date
from ...lang.language import Lang
from ...safe import CSV_ENCODING, write_csv, xlsx_append
from .tables import Column, ExportData, Table

# Excel shows "#,##0" with the separators of the reader's locale; LibreOffice honours the
# locale tag, so [$-42A] (Vietnamese) makes it read 1.234.567 everywhere it can.
MONEY_FORMAT = "[$-42A]#,##0"
INT_FORMAT = "0"
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"

# -- xlsx -----------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return vn_date(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return money(value)
    return str(value)


def _column_width(column: Column, values: Iterable[Any], lang: Lang) -> float:
    if column.width:
        return column.width
    longest = max((len(_cell_text(v)) for v in values), default=0)
    return max(8, min(60, max(longest, len(column.header(lang))) + 2))


def _xlsx_sheet(wb: Any, table: Table, lang: Lang) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(table.title(lang))
    ws.append([c.header(lang) for c in table.columns])
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE5F0")
    for cell in ws[1]:
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table.rows:
        xlsx_append(ws, row)
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        fmt = {
            "money": MONEY_FORMAT,
            "int": INT_FORMAT,
            "date": DATE_FORMAT,
            "datetime": DATETIME_FORMAT,
        }.get(column.kind)
        width = _column_width(column, (r[index - 1] for r in table.rows), lang)
        ws.column_dimensions[letter].width = width
        long_text = column.kind == "text" and width >= 30
        for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
            if fmt:
                cell.number_format = fmt
            elif long_text:
                cell.alignment = wrap
    ws.freeze_panes = "A2"
    last = get_column_letter(len(table.columns))
    ws.auto_filter.ref = f"A1:{last}{max(1, len(table.rows) + 1)}"


def write_xlsx(data: ExportData, out: Path, lang: Lang) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for table in data.tables:
        _xlsx_sheet(wb, table, lang)
    ws = wb.create_sheet(lang.pair(("Thông tin", "About")))
    if data.demo_notice:
        ws.append([data.demo_notice])
        ws["A1"].font = Font(bold=True, color="C00000")
    for label, value in data.info:
        xlsx_append(ws, [label, value])
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 60
    wb.properties.creator = "ntm-review"
    wb.properties.title = lang.pair(("Kết quả thẩm tra", "Review results"))
    wb.save(out)


# -- csv ------------------------------------------------------------------------------


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return vn_date(value)
    return value


def write_csv_table(table: Table, out: Path, lang: Lang) -> None:
    with open(out, "w", newline="", encoding=CSV_ENCODING) as handle:
        write_csv(
            handle,
            [c.header(lang) for c in table.columns],
            ([_csv_value(v) for v in row] for row in table.rows),
        )


# -- markdown -------------------------------------------------------------------------


def _md_cell(value: Any, column: Column) -> str:
    if value is None:
        return ""
    if column.kind == "money":
        text = money(value)
    elif column.kind == "int":
        text = str(value)
    else:
        text = _cell_text(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def markdown_table(table: Table, lang: Lang) -> list[str]:
    right = {"money", "int"}
    lines = [
        "| " + " | ".join(c.header(lang) for c in table.columns) + " |",
        "|" + "|".join("---:" if c.kind in right else "---" for c in table.columns) + "|",
    ]
    for row in table.rows:
        cells = (_md_cell(v, c) for v, c in zip(row, table.columns, strict=True))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def write_md(data: ExportData, out: Path, lang: Lang) -> None:
    lines = [f"# {lang.pair(('Kết quả thẩm tra', 'Review results'))}", ""]
    if data.demo_notice:
        lines += [f"> **{data.demo_notice}**", ""]
    lines += [f"- {label}: {value}" for label, value in data.info]
    for table in data.tables:
        lines += ["", f"## {table.title(lang)}", ""]
        if table.key != "findings":
            lines += [lang.pair(("Số tiền tính bằng đồng.", "Amounts in đồng.")), ""]
        if table.rows:
            lines += markdown_table(table, lang)
        else:
            lines.append(lang.pair(("(không có dòng nào)", "(no rows)")))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
