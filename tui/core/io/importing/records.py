"""The shapes the import steps pass along: records read from rows, stated totals, sheets."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..layout import Field, Sheet
from .choices import fold_cached
from .read import Grid

# What a header cell can be, besides a layout field.
STT_COLUMN = "stt"
CAPITAL_COLUMN = "capital"
CAPITAL_TOTAL_COLUMN = "capital_total"


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def ref_key(value: Any) -> str:
    """A reference ("NQ1", "CT 12") as compared: folded, so case and accents do not count."""
    return fold_cached(value) if value else ""


@dataclass
class Column:
    """What one column of a sheet holds."""

    kind: str  # "field", STT_COLUMN, CAPITAL_COLUMN, CAPITAL_TOTAL_COLUMN
    field: Field | None = None
    source: str | None = None  # the capital source code of a CAPITAL_COLUMN
    unit: Decimal | None = None  # stated in the header; None: the sheet's unit
    header: str = ""
    part: str | None = None  # the child header when the parent named the field
    joined: list[tuple[str, int]] = dataclasses.field(default_factory=list)  # (part, column)


@dataclass
class Record:
    row: int  # 1-based, as the spreadsheet shows it
    values: dict[str, Any]
    columns: dict[str, str]  # field key → column letter
    grid: Grid | None = None
    assumed: tuple[str, ...] = ()  # money fields read in đồng for lack of a stated unit
    capital: list[tuple[str, int, str]] = field(default_factory=list)  # source, amount, letter
    phase: str | None = None  # 'ongoing' | 'new', from the group row above
    sector: str | None = None  # the sector group above ("Giao thông")

    def __getitem__(self, key: str) -> Any:
        return self.values.get(key)


@dataclass
class TotalCheck:
    """A stated total ("Cộng", "Tổng cộng", a group row's amounts) and the rows it covers."""

    grid: Grid
    row: int
    label: str
    column: str  # letter
    header: str
    stated: int
    listed: int
    records: list[Record]


@dataclass
class SheetData:
    sheet: Sheet
    grid: Grid
    records: list[Record] = field(default_factory=list)
    usable: bool = True  # False when the sheet cannot be read at all
    skipped: dict[str, list[str]] = field(default_factory=dict)  # reason → "sheet!row"
    totals: list[TotalCheck] = field(default_factory=list)
    units: list[tuple[str, str, int]] = field(default_factory=list)  # sheet, unit, assumed cells
    grids: list[Grid] = field(default_factory=list)
    present: set[str] = field(default_factory=set)  # the fields some column holds
    unit_stated: set[Decimal] = field(default_factory=set)  # units the sheet or headers state
    group_labels: list[str] = field(default_factory=list)  # group rows, as written

    def skip(self, reason: str, grid: Grid, row: int) -> None:
        self.skipped.setdefault(reason, []).append(f"{grid.sheet or Path(grid.file).name}:{row}")


@dataclass
class Group:
    level: int
    marker: str | None
    label: str
    phase: str | None
    sector: str | None
    start: int  # index in the sheet's records where the group's rows begin
    row: int
    stated: dict[int, Any] = field(default_factory=dict)  # column → raw stated amount


def run_start(records: list[Record], start: int, key: str) -> int:
    """Where the run of records sharing the last record's `key` begins (not before start)."""
    if len(records) <= start:
        return start
    last = ref_key(records[-1][key])
    at = len(records)
    while at > start and ref_key(records[at - 1][key]) == last:
        at -= 1
    return at
