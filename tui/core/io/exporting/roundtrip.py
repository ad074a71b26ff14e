"""The data themselves in the import layout (export --format import-xlsx), to be imported
into another database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...data.extract import extract
from ...data.store import Store
from ...safe import xlsx_append
from .. import layout
from .write import DATE_FORMAT, INT_FORMAT, MONEY_FORMAT

# -- import layout --------------------------------------------------------------------


def import_rows(
    store: Store, unit: str | None = None, year: int | None = None
) -> dict[str, list[list[Any]]]:
    """The data in scope as rows of each layout sheet (values typed, refs generated).

    References are numbered in the order extract() returns the data: NQ1, NQ2, … for
    resolutions, CT1, … for works, KD1, … for surpluses, so the same database always
    gives the same file. A reference to a resolution outside the scope is left empty.
    """
    data = extract(store).data
    resolutions = [
        r
        for r in data.resolutions
        if (unit is None or r.unit_code == unit) and (year is None or r.year == year)
    ]
    surpluses = [
        s
        for s in data.surpluses
        if (unit is None or s.unit_code == unit) and (year is None or s.year == year)
    ]
    res_ref = {r.resolution_id: f"NQ{i}" for i, r in enumerate(resolutions, start=1)}
    out: dict[str, list[list[Any]]] = {sheet.key: [] for sheet in layout.SHEETS}
    work_no = 0
    for r in resolutions:
        ref = res_ref[r.resolution_id]
        values = {
            "res_ref": ref,
            "unit_code": r.unit_code,
            "number": r.number,
            "issue_date": r.issue_date,
            "year": r.year,
            "session": r.session,
            "title": r.title,
            "kind": r.kind,
            "status": r.status,
            "submission_ref": r.submission_ref,
            "amends_ref": res_ref.get(r.amends_id) if r.amends_id else None,
            "note": r.note,
        }
        out["resolutions"].append(_layout_row(layout.RESOLUTIONS, values))
        for line_no, text in enumerate(r.basis, start=1):
            out["basis"].append(
                _layout_row(layout.BASIS, {"res_ref": ref, "line_no": line_no, "text": text})
            )
        for p in r.projects:
            work_no += 1
            work_ref = f"CT{work_no}"
            values = {
                "res_ref": ref,
                "work_ref": work_ref,
                "name": p.name,
                "location": p.location,
                "scale": p.scale,
                "period": p.period,
                "criterion_code": p.criterion_code,
                "group_code": p.group_code,
                "total_investment": p.total_investment,
                "policy_decision_ref": p.policy_decision_ref,
                "policy_delegated": p.policy_delegated,
                "small_mechanism": p.small_mechanism,
                "commune_group": p.commune_group,
                "sector": p.sector,
                "phase": p.phase,
                "note": p.note,
            }
            out["works"].append(_layout_row(layout.WORKS, values))
            for c in p.capital:
                values = {
                    "work_ref": work_ref,
                    "source_code": c.source_code,
                    "amount": c.amount,
                    "programme_share": c.programme_share,
                    "revenue_kind": c.revenue_kind,
                    "note": c.note,
                }
                out["capital"].append(_layout_row(layout.CAPITAL, values))
        # The commune's stated total of the list, as a "Cộng" row under its works (the
        # importer checks it again); totals of parts of the list are not carried over.
        listed = sum(p.total_investment or 0 for p in r.projects)
        whole = [
            t
            for t in r.stated_totals
            if t.measure == layout.WORKS.field("total_investment").header_vi
            and t.listed == listed
            and r.projects
        ]
        if whole:
            out["works"].append(
                _layout_row(
                    layout.WORKS, {"name": "Cộng", "total_investment": whole[0].stated}, total=True
                )
            )
    for k, s in enumerate(surpluses, start=1):
        ref = f"KD{k}"
        values = {
            "surplus_ref": ref,
            "unit_code": s.unit_code,
            "year": s.year,
            "fiscal_year": s.fiscal_year,
            "available": s.available,
            "settlement_ref": s.settlement_ref,
            "settlement_date": s.settlement_date,
            "res_ref": res_ref.get(s.resolution_id) if s.resolution_id else None,
            "note": s.note,
        }
        out["surpluses"].append(_layout_row(layout.SURPLUSES, values))
        for line_no, line in enumerate(s.lines, start=1):
            values = {
                "surplus_ref": ref,
                "line_no": line_no,
                "category_code": line.category_code,
                "field_code": line.field_code,
                "project_name": line.project_name,
                "item": line.item,
                "amount": line.amount,
                "note": line.note,
            }
            out["surplus_lines"].append(_layout_row(layout.SURPLUS_LINES, values))
    return out


def _layout_row(sheet: layout.Sheet, values: dict[str, Any], total: bool = False) -> list[Any]:
    row = []
    for f in sheet.fields:
        value = values.get(f.key)
        if f.kind == "bool" and not total:
            value = "có" if value else "không"
        elif isinstance(value, str):
            value = value or None
        row.append(value)
    return row


_LAYOUT_FORMATS = {"money": MONEY_FORMAT, "date": DATE_FORMAT, "year": INT_FORMAT, "int": "0"}


def write_import_xlsx(store: Store, out: Path, unit: str | None, year: int | None) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    rows = import_rows(store, unit, year)
    wb = Workbook()
    guide = wb.active
    guide.title = layout.README_SHEET_VI
    guide.append(["Trang", "Cột", "Bắt buộc", "Giải thích", "Sheet", "Column", "Explanation"])
    for sheet in layout.SHEETS:
        for f in sheet.fields:
            guide.append(
                [
                    sheet.title_vi,
                    f.header_vi,
                    "có" if f.required else "không",
                    f.help_vi,
                    sheet.title_en,
                    f.header_en,
                    f.help_en,
                ]
            )
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFG", (16, 26, 9, 60, 16, 26, 60), strict=True):
        guide.column_dimensions[letter].width = width
    header_fill = PatternFill("solid", fgColor="DDE5F0")
    for sheet in layout.SHEETS:
        ws = wb.create_sheet(sheet.title_vi)
        # The amounts are exact đồng: say so, or the importer would have to assume it.
        ws.append([f.header_vi + (" (đồng)" if f.kind == "money" else "") for f in sheet.fields])
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in rows[sheet.key]:
            xlsx_append(ws, row)
        for index, f in enumerate(sheet.fields, start=1):
            letter = get_column_letter(index)
            fmt = _LAYOUT_FORMATS.get(f.kind, "@")
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = fmt
            width = {"money": 18, "date": 12, "year": 8, "int": 6, "bool": 10}.get(f.kind)
            if width is None:
                longest = max((len(str(r[index - 1] or "")) for r in rows[sheet.key]), default=0)
                width = max(10, min(60, max(longest, len(f.header_vi)) + 2))
            ws.column_dimensions[letter].width = width
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = (
            f"A1:{get_column_letter(len(sheet.fields))}{max(1, len(rows[sheet.key]) + 1)}"
        )
    wb.properties.creator = "ntm-review"
    wb.save(out)
