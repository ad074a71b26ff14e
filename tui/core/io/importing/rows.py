"""The rows under a sheet's header: data rows into records; group, total and signature rows
into what they state.

A clerk's sheet is not a plain table: group rows ("I. Công trình chuyển tiếp", "A. Giao
thông") head the works under them, total rows ("Cộng", "Tổng cộng") state sums the
import compares with the rows they cover, and the signature block ends the list. Each
data row's cells are read with the reader (reader.py), every cell that cannot be read
reported where it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..clerk import (
    is_column_numbers,
    total_label,
)
from ..layout import Field
from ..vnparse import DONG, ParseError, parse_money_unit, plain_text
from .problems import column_letter, range_ref, shown_value
from .read import Grid
from .reader import FileReader
from .records import (
    CAPITAL_COLUMN,
    STT_COLUMN,
    Column,
    Group,
    Record,
    SheetData,
    TotalCheck,
    blank,
    run_start,
)
from .row_kinds import group_of, holds_amount, special_row

_UNREAD = object()  # no value remembered for this cell


@dataclass
class RowLayout:
    """The mapped columns of a sheet, sorted by what reading a row needs of them."""

    columns: dict[int, Column]
    fields: list[tuple[int, Field]]
    letters: dict[str, str]  # field key → column letter
    capital_columns: list[tuple[int, Column]]
    stt_column: int | None
    joined_columns: list[tuple[int, Column]]
    key_columns: list[int]  # the columns a group, total or signature row never fills
    money_columns: list[int]
    text_columns: list[int]
    units: dict[int, Decimal | None]  # column → the unit its amounts are written in
    blank_columns: list[int]  # no header: data there is reported
    lost: set[int]  # swallowed by a merged header cell: reported already
    sheet_unit: Decimal | None
    # Column → its cells read so far (reader.parsed_cells), filled when the rows are read.
    parsed: dict[int, dict[tuple[type, Any], Any]] = field(default_factory=dict)
    # What the row loop needs of each field, looked up once: (column, field, key, money,
    # its cells read so far, its text cells read without a problem or conversion → value).
    readers: list[tuple[int, Field, str, bool, dict, dict[str, Any]]] = field(default_factory=list)

    @classmethod
    def of(
        cls,
        columns: dict[int, Column],
        blank_columns: list[int],
        lost: set[int],
        sheet_unit: Decimal | None,
    ) -> RowLayout:
        fields = [(c, col.field) for c, col in columns.items() if col.field is not None]
        capital_columns = [(c, col) for c, col in columns.items() if col.kind == CAPITAL_COLUMN]
        return cls(
            columns=columns,
            fields=fields,
            letters={f.key: column_letter(c) for c, f in fields},
            capital_columns=capital_columns,
            stt_column=next((c for c, col in columns.items() if col.kind == STT_COLUMN), None),
            joined_columns=[(c, col) for c, col in columns.items() if col.joined],
            key_columns=[c for c, f in fields if f.kind in ("ref", "unit") or f.key == "year"],
            money_columns=[c for c, f in fields if f.kind == "money"]
            + [c for c, _ in capital_columns],
            text_columns=[c for c, f in fields if f.kind == "text"],
            units={c: col.unit or sheet_unit for c, col in columns.items()},
            blank_columns=blank_columns,
            lost=lost,
            sheet_unit=sheet_unit,
        )


@dataclass
class _RowState:
    """What reading the rows of one grid carries from row to row."""

    first_record: int
    last_total: int  # where the rows the next subtotal covers begin
    groups: list[Group] = field(default_factory=list)
    grand_pending: list[tuple[int, str, dict[int, Any]]] = field(default_factory=list)
    signature_from: int | None = None
    assumed_cells: int = 0
    stray_reported: set[int] = field(default_factory=set)


def read_rows(
    reader: FileReader,
    data: SheetData,
    grid: Grid,
    layout: RowLayout,
    bottom: int,
    across: dict[int, tuple[int, int, int, int]],
    group: str | None,
) -> None:
    """Read every row below the header row `bottom` into `data`."""
    rows = grid.rows
    units = layout.units
    data.unit_stated |= {units[c] for c in layout.columns if units[c] is not None}
    state = _RowState(first_record=len(data.records), last_total=len(data.records))
    layout.parsed = reader.parsed_cells(layout.fields)
    layout.readers = [
        (c, f, f.key, f.kind == "money", layout.parsed[c], {}) for c, f in layout.fields
    ]
    if group:
        state.groups.append(group_of(group, 0, None, state.first_record, 0))
        data.group_labels.append(state.groups[-1].label)
    # Every column up to the header's width is a field, blank, unknown or lost already.
    header_width = max(len(rows[bottom]), max(layout.columns, default=-1) + 1)
    total = len(rows)
    first_data = True
    for r in range(bottom + 1, total):
        row = rows[r]
        # A filled first cell settles it without walking the row.
        if not row or (blank(row[0]) and all(blank(v) for v in row)):
            data.skip("imp_skip_blank", grid, r + 1)
            continue
        if first_data:
            first_data = False
            if is_column_numbers(row):
                data.skip("imp_skip_column_numbers", grid, r + 1)
                continue
        if _not_data(reader, data, grid, layout, state, r, row):
            continue
        _report_misplaced(reader, grid, layout, state, across, header_width, r, row)
        data.records.append(_record(reader, grid, layout, state, r, row))
        if reader.progress and (r - bottom) % 2000 == 0:
            reader.progress(grid.sheet or grid.file, r, total)
    _finish(reader, data, grid, layout, state)
    if reader.progress:
        reader.progress(grid.sheet or grid.file, total, total)


def _not_data(
    reader: FileReader,
    data: SheetData,
    grid: Grid,
    layout: RowLayout,
    state: _RowState,
    r: int,
    row: list[Any],
) -> bool:
    """True for a row that is no data row (a signature, total or group row), handled here."""
    has_key = False
    width = len(row)
    for c in layout.key_columns:
        if c < width and not blank(row[c]):
            has_key = True
            break
    if state.signature_from is not None:
        if holds_amount(row, layout.money_columns):
            reader.problem(
                grid,
                "imp_after_signature",
                row=r + 1,
                params={"signature": state.signature_from},
            )
            state.signature_from = None
        else:
            data.skip("imp_skip_signature", grid, r + 1)
            return True
    if has_key:
        return False
    kind = special_row(row, layout.stt_column, layout.text_columns, layout.money_columns)
    if kind is None:
        return False
    what, text, marker = kind
    stated = {c: row[c] for c in layout.money_columns if c < len(row) and not blank(row[c])}
    if what == "signature":
        state.signature_from = r + 1
        data.skip("imp_skip_signature", grid, r + 1)
    elif what == "total":
        data.skip("imp_skip_total", grid, r + 1)
        _total_row(reader, data, grid, layout, state, r, text, stated)
    else:
        # A group row: it closes the groups at its level and below.
        data.skip("imp_skip_group", grid, r + 1)
        new = group_of(text, r + 1, marker, len(data.records), len(state.groups))
        while state.groups and state.groups[-1].level >= new.level:
            _close_group(reader, data, grid, state.groups.pop(), layout)
        new.stated = stated
        state.groups.append(new)
        data.group_labels.append(new.label)
        state.last_total = len(data.records)
    return True


def _total_row(
    reader: FileReader,
    data: SheetData,
    grid: Grid,
    layout: RowLayout,
    state: _RowState,
    r: int,
    text: str,
    stated: dict[int, Any],
) -> None:
    """A total row: a grand total waits for the end; a subtotal covers the rows above it."""
    label = total_label(text)
    if label.grand:
        state.grand_pending.append((r + 1, text, stated))
        return
    start = state.last_total
    for g in reversed(state.groups):
        if label.scope is None or g.marker == label.scope:
            start = max(start, g.start) if label.scope is None else g.start
            break
    if label.scope is None and "res_ref" in layout.letters:
        # A subtotal never spans two resolutions' works.
        start = max(start, run_start(data.records, start, "res_ref"))
    check_total(reader, data, grid, r + 1, text, stated, data.records[start:], layout)
    state.last_total = len(data.records)


def _report_misplaced(
    reader: FileReader,
    grid: Grid,
    layout: RowLayout,
    state: _RowState,
    across: dict[int, tuple[int, int, int, int]],
    header_width: int,
    r: int,
    row: list[Any],
) -> None:
    """A data row merged across columns, and data under no header (once per column)."""
    if r in across:
        r0, c0, r1, c1 = across[r]
        if r == r0:
            reader.problem(
                grid,
                "imp_merged_data",
                row=r0 + 1,
                column=column_letter(c0),
                params={"range": range_ref(r0, c0, r1, c1)},
            )
    stray = state.stray_reported
    for c in layout.blank_columns:
        if c < len(row) and not blank(row[c]) and c not in stray:
            stray.add(c)
            reader.problem(
                grid,
                "imp_data_no_header",
                row=r + 1,
                column=column_letter(c),
                found=shown_value(row[c]),
            )
    if len(row) > header_width:
        for c in range(header_width, len(row)):
            if not blank(row[c]) and c not in stray and c not in layout.lost:
                stray.add(c)
                reader.problem(
                    grid,
                    "imp_data_no_header",
                    row=r + 1,
                    column=column_letter(c),
                    found=shown_value(row[c]),
                )


def _record(
    reader: FileReader,
    grid: Grid,
    layout: RowLayout,
    state: _RowState,
    r: int,
    row: list[Any],
) -> Record:
    """One data row read: its fields, joined texts, capital columns and group."""
    units = layout.units
    values: dict[str, Any] = {}
    assumed: list[str] = []
    width = len(row)
    plain = reader.plain
    for c, f, key, money, known, clean in layout.readers:
        raw = row[c] if c < width else None
        is_text = raw.__class__ is str
        if is_text and not raw.isascii() and raw not in plain:
            raw = reader.text(grid, r, c, raw)
        if not money:
            # The common case inline: a cell read before, without a problem. A text cell
            # is looked up by itself (no key tuple); any other by its type too, as in
            # reader.parse (1 and True are equal keys).
            if is_text:
                value = clean.get(raw, _UNREAD)
                if value is not _UNREAD:
                    values[key] = value
                    continue
            found = known.get((raw.__class__, raw))
            if found is not None and found[1] is None and found[2] is None:
                values[key] = found[0]
                if is_text:
                    clean[raw] = found[0]
                continue
        try:
            if money:
                unit = units[c]
                amount, explicit = reader.money(raw, unit or DONG)
                if amount is None and f.required:
                    raise ParseError("imp_required")
                if amount is not None and unit is None and not explicit:
                    assumed.append(f.key)
                values[f.key] = amount
            else:
                values[f.key] = reader.parse(f, raw, DONG)
        except ParseError as err:
            values[f.key] = None
            reader.problem(
                grid,
                err.key,
                row=r + 1,
                column=column_letter(c),
                header=f.header_vi,
                found="" if blank(raw) else shown_value(raw),
                params=err.params,
            )
    for _c, col in layout.joined_columns:
        parts = [
            f"{label} {plain_text(reader.text(grid, r, pc, row[pc]))}".strip()
            for label, pc in col.joined
            if pc < len(row) and not blank(row[pc])
        ]
        values[col.field.key] = "; ".join(parts) or None
    record = Record(r + 1, values, layout.letters, grid)
    for c, col in layout.capital_columns:
        raw = row[c] if c < width else None
        try:
            amount, explicit = reader.money(reader.text(grid, r, c, raw), units[c] or DONG)
        except ParseError as err:
            reader.problem(
                grid,
                err.key,
                row=r + 1,
                column=column_letter(c),
                header=col.header,
                found=shown_value(raw),
                params=err.params,
            )
            continue
        if amount is not None:
            record.capital.append((col.source or "", amount, column_letter(c)))
            if units[c] is None and not explicit:
                assumed.append(f"capital:{c}")
    if assumed:
        record.assumed = tuple(assumed)
        state.assumed_cells += len(assumed)
    for g in reversed(state.groups):
        if record.phase is None and g.phase:
            record.phase = g.phase
        if record.sector is None and g.sector:
            record.sector = g.sector
    return record


def _finish(
    reader: FileReader, data: SheetData, grid: Grid, layout: RowLayout, state: _RowState
) -> None:
    """Close the open groups, check the grand totals, say how the amounts were read."""
    while state.groups:
        _close_group(reader, data, grid, state.groups.pop(), layout)
    for row_no, text, stated in state.grand_pending:
        covered = data.records[state.first_record :]
        check_total(reader, data, grid, row_no, text, stated, covered, layout)
    units = layout.units
    if layout.money_columns:
        if (
            layout.sheet_unit is None
            and all(units[c] is None for c in layout.money_columns)
            and state.assumed_cells
        ):
            data.units.append((grid.sheet or grid.file, "assumed", state.assumed_cells))
        elif layout.sheet_unit is not None:
            data.units.append((grid.sheet or grid.file, "stated", 0))


def _close_group(
    reader: FileReader, data: SheetData, grid: Grid, group: Group, layout: RowLayout
) -> None:
    if group.stated:
        covered = data.records[group.start :]
        check_total(reader, data, grid, group.row, group.label, group.stated, covered, layout)


def check_total(
    reader: FileReader,
    data: SheetData,
    grid: Grid,
    row: int,
    label: str,
    stated: dict[int, Any],
    records: list[Record],
    layout: RowLayout,
) -> None:
    """Record a stated total (each amount it states) with the sum of the rows it covers."""
    for c, raw in stated.items():
        col = layout.columns[c]
        try:
            amount, _explicit = parse_money_unit(
                reader.text(grid, row - 1, c, raw), layout.units[c] or DONG
            )
        except ParseError as err:
            reader.problem(
                grid,
                err.key,
                row=row,
                column=column_letter(c),
                header=col.field.header_vi if col.field else col.header,
                found=shown_value(raw),
                params=err.params,
            )
            continue
        if amount is None:
            continue
        if col.field is not None:
            listed = sum(rec.values.get(col.field.key) or 0 for rec in records)
            header = col.field.header_vi
        else:
            letter = column_letter(c)
            listed = sum(a for rec in records for _s, a, lt in rec.capital if lt == letter)
            header = col.header
        data.totals.append(
            TotalCheck(grid, row, label, column_letter(c), header, amount, listed, records)
        )
