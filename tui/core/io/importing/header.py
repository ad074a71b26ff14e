"""One sheet's header: where it is, the unit line above it, its merged cells, its columns.

`read_sheet` finds the header rows (one row, or a parent row over a child row), reads
"ĐVT: triệu đồng" above it, sorts the merged cells (a two-row header may merge, a data
row may not), maps each column to a layout field, a capital source, the STT column or
nothing, reports what is missing, unknown or repeated, then hands the rows below to
rows.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from ...textfold import fold
from ..clerk import synonyms
from ..layout import SHEETS, WORKS, Field, Sheet
from ..vnparse import UNIT_LABELS, dvt_stated, dvt_unit, plain_text, split_header_unit
from .choices import choice_index
from .problems import Problem, column_letter, range_ref, shown_value
from .read import Grid
from .reader import FileReader
from .records import (
    CAPITAL_COLUMN,
    CAPITAL_TOTAL_COLUMN,
    STT_COLUMN,
    Column,
    SheetData,
    blank,
)
from .rows import RowLayout, read_rows

HEADER_SEARCH_ROWS = 20
STT_HEADERS = ("stt", "tt", "so tt", "so thu tu", "thu tu", "no", "no.")
CAPITAL_PARENT = re.compile(
    r"^(?:nguon von|trong do|co cau|chia ra|phan theo|ke hoach von|von dau tu|du kien nguon"
    r"|phan khai|bo tri von|capital|sources)"
)
CAPITAL_TOTAL = {"tong so", "tong", "cong", "tong cong", "tong nguon von", "total"}


def header_key(text: str) -> str:
    base, _unit = split_header_unit(text)
    return fold(base).strip(" *:.")


@cache
def header_index(sheet_key: str) -> dict[str, Field]:
    sheet = next(s for s in SHEETS if s.key == sheet_key)
    index: dict[str, Field] = {}
    for f in sheet.fields:
        for label in (f.header_vi, f.header_en, f.key):
            index.setdefault(header_key(label), f)
    for name, key in synonyms().get(f"header:{sheet_key}", {}).items():
        index.setdefault(header_key(name), sheet.field(key))
    return index


@cache
def capital_header_index() -> dict[str, str]:
    """Capital-source column headers of the works sheet ("NSTW", "Ngân sách xã") → code."""
    index = {key: str(code) for key, code in choice_index("capital_source").items()}
    for key, code in synonyms().get("capital_source", {}).items():
        index.setdefault(header_key(key), code)
    return index


def column_of(sheet: Sheet, parent: str, child: str) -> Column | None:
    """Match a header (parent and child of a two-row header) to what the column holds."""
    index = header_index(sheet.key)
    capital = sheet.key == WORKS.key
    parent_key = header_key(parent) if parent else ""
    child_key = header_key(child) if child else ""
    texts = [t for t in (f"{parent} {child}".strip() if parent and child else "",) if t]
    under_capital = capital and bool(parent_key) and bool(CAPITAL_PARENT.match(parent_key))
    if under_capital and child_key:
        if child_key in CAPITAL_TOTAL:
            return Column(CAPITAL_TOTAL_COLUMN, header=child)
        code = capital_header_index().get(child_key)
        if code is not None:
            return Column(CAPITAL_COLUMN, source=code, header=child)
    texts += [t for t in (child, parent) if t]
    for text in texts:
        key = header_key(text)
        f = index.get(key)
        if f is not None:
            return Column("field", f, header=text)
        if key in STT_HEADERS and "line_no" not in {x.key for x in sheet.fields}:
            return Column(STT_COLUMN, header=text)
        if capital and text is child and parent_key and key in capital_header_index():
            return Column(CAPITAL_COLUMN, source=capital_header_index()[key], header=text)
    return None


def matches(sheet: Sheet, row: list[Any]) -> int:
    """How many cells of a row read as headers of the sheet."""
    count = 0
    for v in row:
        if isinstance(v, str) and v.strip():
            key = header_key(FileReader.peek_text(v))
            if (
                key in header_index(sheet.key)
                or key in STT_HEADERS
                or sheet.key == WORKS.key
                and (key in capital_header_index() or CAPITAL_PARENT.match(key))
            ):
                count += 1
    return count


def header_block(sheet: Sheet, grid: Grid) -> tuple[int, int] | None:
    """The header rows (top, bottom): one row, or a parent row over a child row."""
    rows = grid.rows
    best_row, best_count, looked = -1, 0, 0
    for r, row in enumerate(rows):
        if all(blank(v) for v in row):
            continue  # blank rows above the header do not count
        looked += 1
        if looked > HEADER_SEARCH_ROWS:
            break
        count = matches(sheet, row)
        if count > best_count:
            best_row, best_count = r, count
    if best_row < 0:
        return None

    def header_like(r: int, c0: int, c1: int) -> bool:
        if r >= len(rows):
            return False
        row = rows[r]
        cells = [row[c] for c in range(c0, min(c1 + 1, len(row)))]
        return any(isinstance(v, str) and matches(sheet, [v]) for v in cells) and all(
            blank(v) or isinstance(v, str) for v in cells
        )

    below, above = best_row + 1, best_row - 1
    for r0, c0, r1, c1 in grid.merged:
        if r0 == best_row and r1 >= below:
            return best_row, below  # a column merged down over the two rows
        if r0 == r1 == best_row and c0 < c1 and header_like(below, c0, c1):
            return best_row, below
    for r0, c0, r1, c1 in grid.merged:
        if r0 == above and r1 >= best_row and above >= 0:
            return above, best_row
        if r0 == r1 == above and c0 < c1 and above >= 0:
            cells = rows[best_row][c0 : c1 + 1]
            if any(not blank(v) for v in cells):
                return above, best_row
    # Unmerged already: a parent ("Nguồn vốn") with its children in the row below.
    if below < len(rows):
        row = rows[below]
        if matches(sheet, row) >= 2 and all(blank(v) or isinstance(v, str) for v in row):
            return best_row, below
    return best_row, best_row


@dataclass
class Merges:
    """The merged cells of a sheet, sorted by what they mean for reading it."""

    covered: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # → origin
    fill_down: list[tuple[int, int, int]] = field(default_factory=list)  # (column, r0, r1)
    across: dict[int, tuple[int, int, int, int]] = field(default_factory=dict)  # data rows
    lost: set[int] = field(default_factory=set)  # columns a merged header cell swallowed


@dataclass
class HeaderMap:
    """What each column holds, and the headers that could not be placed."""

    columns: dict[int, Column] = field(default_factory=dict)
    blank_columns: list[int] = field(default_factory=list)
    unknown: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column, header)
    joined: dict[int, list[int]] = field(default_factory=dict)  # first part → other parts


def read_sheet(reader: FileReader, sheet: Sheet, grid: Grid, group: str | None = None) -> SheetData:
    """Read one sheet (or CSV file, or one group sheet of works) into the reader."""
    data = reader.sheets.get(sheet.key)
    if data is None:
        data = reader.sheets[sheet.key] = SheetData(sheet, grid)
    data.grids.append(grid)
    block = header_block(sheet, grid)
    if block is None:
        reader.problem(
            grid,
            "imp_no_header",
            params={"headers": ", ".join(f.header_vi for f in sheet.fields)},
        )
        data.usable = False
        return data
    top, bottom = block
    if grid.hidden:
        reader.notices.append(
            Problem(
                file=grid.file,
                sheet=grid.sheet,
                key="imp_hidden_read",
                params={"what": ", ".join(grid.hidden)},
            )
        )
    sheet_unit = _sheet_unit(reader, sheet, grid, top, bottom)
    merges = _merges(reader, grid, top, bottom)
    header = _map_columns(reader, sheet, grid, top, bottom, merges)
    _header_problems(reader, sheet, grid, data, header, top)
    _fill_down(grid.rows, merges.fill_down)
    _join_parts(reader, grid, bottom, header)
    layout = RowLayout.of(header.columns, header.blank_columns, merges.lost, sheet_unit)
    read_rows(reader, data, grid, layout, bottom, merges.across, group)
    return data


def _sheet_unit(
    reader: FileReader, sheet: Sheet, grid: Grid, top: int, bottom: int
) -> Decimal | None:
    """ "ĐVT: triệu đồng" above the header (or beside it): the unit of the sheet's amounts."""
    rows = grid.rows
    sheet_unit: Decimal | None = None
    unit_lines: dict[Decimal, str] = {}
    for r in range(bottom + 1):
        for c, v in enumerate(rows[r]):
            if not (isinstance(v, str) and v.strip()):
                continue
            if r >= top and matches(sheet, [v]):
                continue  # a header that names its own unit: read with the columns
            text = reader.text(grid, r, c, v)
            unit = dvt_unit(text)
            if unit is not None:
                unit_lines.setdefault(unit, f"{column_letter(c)}{r + 1}")
                sheet_unit = unit
            elif dvt_stated(text):
                reader.problem(
                    grid,
                    "imp_dvt_unknown",
                    row=r + 1,
                    column=column_letter(c),
                    found=shown_value(text),
                )
    if len(unit_lines) > 1:
        reader.problem(
            grid,
            "imp_dvt_conflict",
            params={
                "cells": ", ".join(
                    f"{cell} ({UNIT_LABELS[u][0]})" for u, cell in unit_lines.items()
                )
            },
        )
    return sheet_unit


def _merges(reader: FileReader, grid: Grid, top: int, bottom: int) -> Merges:
    """Merged cells: a two-row header may merge; a one-row header may not."""
    merges = Merges()
    bad_header: list[tuple[int, int, int, int]] = []
    for r0, c0, r1, c1 in grid.merged:
        if r1 < top:
            continue
        if r0 <= bottom:
            if (c0 < c1 and (top == bottom or r1 >= bottom)) or r1 > bottom:
                bad_header.append((r0, c0, r1, c1))
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    merges.covered[(r, c)] = (r0, c0)
        elif c0 != c1:
            for r in range(r0, r1 + 1):
                merges.across.setdefault(r, (r0, c0, r1, c1))
        else:
            merges.fill_down.append((c0, r0, r1))
    bad_header.sort()
    if len(bad_header) == 1:
        r0, c0, r1, c1 = bad_header[0]
        reader.problem(
            grid,
            "imp_header_merged",
            row=top + 1,
            column=column_letter(c0),
            params={"range": range_ref(r0, c0, r1, c1)},
        )
    elif bad_header:
        reader.problem(
            grid,
            "imp_header_merged_many",
            params={
                "rows": f"{top + 1}" if top == bottom else f"{top + 1}–{bottom + 1}",
                "count": len(bad_header),
                "ranges": ", ".join(range_ref(*m) for m in bad_header[:6])
                + ("…" if len(bad_header) > 6 else ""),
            },
        )
    for _r0, c0, _r1, c1 in bad_header:
        merges.lost.update(range(c0 + 1, c1 + 1))
    return merges


def _map_columns(
    reader: FileReader, sheet: Sheet, grid: Grid, top: int, bottom: int, merges: Merges
) -> HeaderMap:
    """What each column holds; a repeated header is reported here, at its column."""
    rows = grid.rows
    covered = merges.covered

    def cell(r: int, c: int) -> Any:
        r0, c0 = covered.get((r, c), (r, c))
        row = rows[r0]
        return row[c0] if c0 < len(row) else None

    header = HeaderMap()
    columns = header.columns
    seen: dict[str, int] = {}
    carry = ""
    width = max((len(r) for r in rows), default=0)
    for c in range(width):
        if c in merges.lost:
            continue
        parent = plain_text(reader.text(grid, top, c, cell(top, c)))
        child = ""
        if bottom > top:
            origin = covered.get((bottom, c))
            if origin is None or origin[0] == bottom:
                child = plain_text(reader.text(grid, bottom, c, cell(bottom, c)))
            if not parent and child:
                parent = carry
            elif parent and child:
                carry = parent
            elif parent:
                carry = ""
        if not parent and not child:
            header.blank_columns.append(c)
            continue
        if dvt_unit(child or parent) is not None and not header_key(child or parent):
            header.blank_columns.append(c)  # a "ĐVT: triệu đồng" cell beside the headers
            continue
        column = column_of(sheet, parent, child)
        shown = f"{parent} › {child}" if parent and child else (child or parent)
        if column is None:
            if dvt_unit(child or parent) is not None:
                header.blank_columns.append(c)
                continue
            header.unknown.append(((bottom if child else top) + 1, c, shown_value(shown)))
            continue
        key = column.field.key if column.field else f"{column.kind}:{column.source}"
        first_part = columns.get(seen.get(key, -1))
        if (
            key in seen
            and column.field is not None
            and column.field.kind == "text"
            and child
            and first_part is not None
            and first_part.part
        ):
            # "QĐ chủ trương đầu tư" over "Số" and "Ngày": one text, in parts.
            column.part = child
            header.joined.setdefault(seen[key], []).append(c)
            columns[c] = column
            continue
        if key in seen and column.kind != CAPITAL_TOTAL_COLUMN:
            first = columns[seen[key]]
            reader.problem(
                grid,
                "imp_header_duplicate",
                row=(bottom if child else top) + 1,
                column=column_letter(c),
                found=shown_value(shown),
                params={
                    "header": first.field.header_vi if first.field else first.header,
                    "first": column_letter(seen[key]),
                },
            )
            continue
        seen[key] = c
        if column.field is not None and child and column.header == parent:
            column.part = child  # matched by its parent: the child names a part
        for text in (child, parent):
            if text:
                _base, unit = split_header_unit(text)
                if unit is not None:
                    column.unit = unit
                    break
        columns[c] = column
        if column.kind == CAPITAL_COLUMN and fold(column.header) != fold(column.source or ""):
            conv = (f"{column_letter(c)}", column.header, column.source or "")
            reader.conversions[conv] = reader.conversions.get(conv, 0) + 1
    return header


def _header_problems(
    reader: FileReader, sheet: Sheet, grid: Grid, data: SheetData, header: HeaderMap, top: int
) -> None:
    """Unknown and missing headers. A required header written otherwise is one mistake,
    not an unknown column and a missing one: both are said in one message at the column."""
    present = {col.field.key for col in header.columns.values() if col.field}
    data.present |= present
    missing = [f.header_vi for f in sheet.fields if f.required and f.key not in present]
    for row_no, c, shown in header.unknown:
        reader.problem(
            grid,
            "imp_header_unknown_missing" if missing else "imp_header_unknown",
            row=row_no,
            column=column_letter(c),
            found=shown,
            params={
                "headers": ", ".join(x.header_vi for x in sheet.fields),
                "missing": ", ".join(f"“{m}”" for m in missing),
            },
        )
    if not header.unknown:
        for name in missing:
            reader.problem(grid, "imp_header_missing", row=top + 1, params={"header": name})


def _fill_down(rows: list[list[Any]], fill_down: list[tuple[int, int, int]]) -> None:
    """A cell merged down over data rows holds its value on every row it covers."""
    for c, r0, r1 in fill_down:
        if r0 < len(rows) and c < len(rows[r0]):
            for r in range(r0 + 1, min(r1, len(rows) - 1) + 1):
                if c < len(rows[r]):
                    rows[r][c] = rows[r0][c]


def _join_parts(reader: FileReader, grid: Grid, bottom: int, header: HeaderMap) -> None:
    """A text field written over several columns ("Số", "Ngày") is read as one text."""
    columns = header.columns
    for first, parts in header.joined.items():
        for c in parts:
            del columns[c]
        columns[first].joined = [(columns[first].part or "", first)] + [
            (_part_label(reader, grid, bottom, c), c) for c in parts
        ]


def _part_label(reader: FileReader, grid: Grid, bottom: int, c: int) -> str:
    row = grid.rows[bottom]
    return plain_text(reader.text(grid, bottom, c, row[c] if c < len(row) else None))
