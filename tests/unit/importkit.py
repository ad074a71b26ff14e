"""Helpers for the import tests: a Dataset as layout rows, written as .xlsx or .csv.

Independent of the export code on purpose: the import tests must not depend on the
round-trip export, and the export's own test checks that both agree.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl

from tui.core.data.dataset import CapitalLine, Dataset, Project, Resolution, Surplus, SurplusLine
from tui.core.io.layout import SHEETS, SHEETS_BY_KEY

Rows = dict[str, list[dict[str, Any]]]


def dataset_rows(data: Dataset) -> Rows:
    """The layout rows of a Dataset, with file-local refs NQ1…, CT1…, KD1…"""
    rows: Rows = {sheet.key: [] for sheet in SHEETS}
    ref_of: dict[str, str] = {}
    work_no = 0
    for n, res in enumerate(data.resolutions, start=1):
        ref_of[res.resolution_id] = f"NQ{n}"
    for res in data.resolutions:
        ref = ref_of[res.resolution_id]
        rows["resolutions"].append(
            {
                "res_ref": ref,
                "unit_code": res.unit_code,
                "number": res.number,
                "issue_date": res.issue_date,
                "year": res.year,
                "session": res.session,
                "title": res.title,
                "kind": res.kind,
                "status": res.status,
                "submission_ref": res.submission_ref,
                "amends_ref": ref_of.get(res.amends_id or ""),
            }
        )
        for line_no, text in enumerate(res.basis, start=1):
            rows["basis"].append({"res_ref": ref, "line_no": line_no, "text": text})
        for proj in res.projects:
            work_no += 1
            wref = f"CT{work_no}"
            rows["works"].append(
                {
                    "res_ref": ref,
                    "work_ref": wref,
                    "name": proj.name,
                    "location": proj.location,
                    "scale": proj.scale,
                    "period": proj.period,
                    "criterion_code": proj.criterion_code,
                    "group_code": proj.group_code,
                    "total_investment": proj.total_investment,
                    "policy_decision_ref": proj.policy_decision_ref,
                    "policy_delegated": "có" if proj.policy_delegated else "không",
                    "small_mechanism": "có" if proj.small_mechanism else "không",
                }
            )
            for cap in proj.capital:
                rows["capital"].append(
                    {
                        "work_ref": wref,
                        "source_code": cap.source_code,
                        "amount": cap.amount,
                        "programme_share": cap.programme_share,
                    }
                )
    for n, sur in enumerate(data.surpluses, start=1):
        sref = f"KD{n}"
        rows["surpluses"].append(
            {
                "surplus_ref": sref,
                "unit_code": sur.unit_code,
                "year": sur.year,
                "fiscal_year": sur.fiscal_year,
                "available": sur.available,
                "settlement_ref": sur.settlement_ref,
                "settlement_date": sur.settlement_date,
                "res_ref": ref_of.get(sur.resolution_id or ""),
            }
        )
        for line_no, line in enumerate(sur.lines, start=1):
            rows["surplus_lines"].append(
                {
                    "surplus_ref": sref,
                    "line_no": line_no,
                    "category_code": line.category_code,
                    "field_code": line.field_code,
                    "project_name": line.project_name,
                    "item": line.item,
                    "amount": line.amount,
                }
            )
    return rows


def write_xlsx(
    path: Path,
    rows: Rows,
    *,
    headers: dict[str, list[str]] | None = None,
    skip_sheets: tuple[str, ...] = (),
    above: dict[str, list[list[Any]]] | None = None,
    cell: Callable[[str, str, Any], Any] | None = None,
    offset: tuple[int, int] = (0, 0),
) -> Path:
    """Write layout rows as a workbook: one sheet per layout sheet, headers in row 1.

    headers: replace a sheet's header texts; above: rows written before the header;
    cell(sheet_key, field_key, value) → value: change values on the way; offset: blank
    (rows, columns) before the table.
    """
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet in SHEETS:
        if sheet.key in skip_sheets:
            continue
        ws = wb.create_sheet(sheet.title_vi)
        lines: list[list[Any]] = [list(r) for r in (above or {}).get(sheet.key, [])]
        head = (headers or {}).get(sheet.key) or [f.header_vi for f in sheet.fields]
        lines.append(list(head))
        for record in rows.get(sheet.key, []):
            values = []
            for f in sheet.fields:
                value = record.get(f.key)
                if cell is not None:
                    value = cell(sheet.key, f.key, value)
                values.append(value)
            lines.append(values)
        for r, line in enumerate(lines, start=1 + offset[0]):
            for c, value in enumerate(line, start=1 + offset[1]):
                if value is not None:
                    ws.cell(r, c, value)
    wb.save(path)
    return path


def csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Windows-1258 bytes: vowel letters precomposed (â ơ ư ă), tone marks combining."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def write_csv_dir(
    folder: Path, rows: Rows, *, encoding: str = "utf-8", sheets: tuple[str, ...] | None = None
) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for sheet in SHEETS:
        if sheets is not None and sheet.key not in sheets:
            continue
        path = folder / sheet.csv_name
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([f.header_vi for f in sheet.fields])
        for record in rows.get(sheet.key, []):
            writer.writerow([csv_value(record.get(f.key)) for f in sheet.fields])
        text = buffer.getvalue()
        path.write_bytes(to_cp1258(text) if encoding == "cp1258" else text.encode(encoding))
        written.append(path)
    return written


GROUNDS = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Luật Đầu tư công ngày 13 tháng 6 năm 2019;",
    "Căn cứ Nghị định số 27/2022/NĐ-CP ngày 19/4/2022 của Chính phủ;",
]


def small_dataset(unit: str = "06745", year: int = 2024) -> Dataset:
    """Two resolutions and a surplus of one unit in one year: a typical commune file."""
    ntm = Resolution(
        resolution_id="x1",
        unit_code=unit,
        year=year,
        number="15/NQ-HĐND",
        issue_date=date(year, 7, 5),
        title=f"Nghị quyết về danh mục công trình xây dựng nông thôn mới năm {year}",
        kind="ntm",
        session="Kỳ họp thứ 14",
        submission_ref="41/TTr-UBND",
        basis=list(GROUNDS),
        projects=[
            Project(
                name="Đường giao thông thôn 3",
                total_investment=2_500_000_000,
                criterion_code=2,
                location="Thôn 3",
                period=str(year),
                group_code="C",
                policy_decision_ref="12/QĐ-UBND",
                capital=[
                    CapitalLine("NSTW", 1_500_000_000),
                    CapitalLine("NS_XA", 800_000_000),
                    CapitalLine("CONG_DONG", 200_000_000),
                ],
            ),
            Project(
                name="Nhà văn hoá thôn 5",
                total_investment=1_200_000_000,
                criterion_code=6,
                group_code="C",
                policy_delegated=True,
                small_mechanism=True,
                capital=[CapitalLine("NS_HUYEN", 1_200_000_000)],
            ),
        ],
    )
    surplus_res = Resolution(
        resolution_id="x2",
        unit_code=unit,
        year=year,
        number="16/NQ-HĐND",
        issue_date=date(year, 7, 20),
        title=f"Nghị quyết phân bổ kết dư ngân sách năm {year - 1}",
        kind="surplus",
        basis=[GROUNDS[0]],
    )
    surplus = Surplus(
        unit_code=unit,
        year=year,
        fiscal_year=year - 1,
        available=1_000_000_000,
        settlement_ref="Nghị quyết phê chuẩn quyết toán",
        settlement_date=date(year, 6, 28),
        resolution_id="x2",
        lines=[
            SurplusLine("chi_dtpt", 500_000_000, project_name="Nâng cấp đường trục xã"),
            SurplusLine("chi_thuong_xuyen", 300_000_000, item="Sửa trường", field_code="giao_duc"),
        ],
    )
    return Dataset([ntm, surplus_res], [surplus])


def sheet(key: str):
    return SHEETS_BY_KEY[key]


def large_rows(capital_lines: int, year: int = 2024, per_work: int = 4) -> Rows:
    """A big file: the Móng Cái communes, each with one NTM resolution and many works."""
    from tui.core.data.reference import mong_cai_units

    sources = ["NSTW", "NS_TINH", "NS_HUYEN", "NS_XA", "CONG_DONG", "DOANH_NGHIEP"][:per_work]
    units = [u["code"] for u in mong_cai_units() if u["kind"] == "xa"]
    rows: Rows = {sheet.key: [] for sheet in SHEETS}
    works = capital_lines // per_work
    for n, unit in enumerate(units, start=1):
        ref = f"NQ{n}"
        rows["resolutions"].append(
            {
                "res_ref": ref,
                "unit_code": unit,
                "number": f"{n}/NQ-HĐND",
                "issue_date": date(year, 3, n),
                "year": year,
                "title": f"Nghị quyết về danh mục công trình năm {year}",
                "kind": "ntm",
            }
        )
        for line_no, text in enumerate(GROUNDS, start=1):
            rows["basis"].append({"res_ref": ref, "line_no": line_no, "text": text})
    for w in range(works):
        unit_no = w % len(units) + 1
        wref = f"CT{w + 1}"
        rows["works"].append(
            {
                "res_ref": f"NQ{unit_no}",
                "work_ref": wref,
                "name": f"Đường giao thông thôn {w + 1}",
                "criterion_code": 2,
                "total_investment": per_work * 250_000_000,
                "policy_decision_ref": f"{w + 1}/QĐ-UBND",
            }
        )
        for source in sources:
            rows["capital"].append({"work_ref": wref, "source_code": source, "amount": 250_000_000})
    return rows
