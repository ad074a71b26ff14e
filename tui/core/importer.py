"""Importing the spreadsheets communes send (.xlsx, .csv) into the audited database.

Reading follows tui/core/layout.py: one sheet (or CSV file) per kind of record, headers
matched without regard to accents or case, in Vietnamese or English. Each file is read
and checked completely before anything is written; every problem is collected with its
file, sheet, row, column, the value found and what was expected. A file with any problem
loads nothing.

Loading is all-or-nothing per file and never touches the live database file: the files
that passed are merged into the data read from the current database (each replaces
every unit-year it contains — resolutions and surpluses of that unit in that year — and
everything else is kept), then `build_database` writes a new file under the build lock
and renames it into place (RELIABILITY.md). Sessions reading the old file keep their
snapshot and notice the new one. Importing the same content again changes nothing, and
resolution ids are derived from unit, year, number and date, so reviewers' decisions
(attached to finding keys made of natural keys) stay attached.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from .dataset import (
    CapitalLine,
    Dataset,
    Project,
    Resolution,
    Surplus,
    SurplusLine,
    iter_csv,
    resolution_key,
)
from .errors import DatabaseError
from .i18n import t
from .layout import (
    BASIS,
    CAPITAL,
    COMMUNE_GROUP_NAMES,
    GUIDE_SHEET_NAMES,
    RESOLUTION_KIND_NAMES,
    RESOLUTION_KINDS,
    RESOLUTION_STATUS_NAMES,
    RESOLUTION_STATUSES,
    RESOLUTIONS,
    REVENUE_KIND_NAMES,
    SHEETS,
    SURPLUS_LINES,
    SURPLUSES,
    WORKS,
    Field,
    Sheet,
)
from .legacy import decode_text_bytes, fix
from .paths import DATA_DIR
from .textfold import fold, nfc
from .vnparse import (
    DONG,
    ParseError,
    dvt_unit,
    parse_bool,
    parse_date,
    parse_money,
    parse_positive_int,
    parse_year,
    plain_text,
    split_header_unit,
)

Progress = Callable[[str, int, int], None]  # (label, done, total)

XLSX_MAGIC = b"PK\x03\x04"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: encrypted OOXML or .xls
HEADER_SEARCH_ROWS = 20
FOUND_MAX = 60
LEGACY_CELLS_SHOWN = 12

# -- choice lists ------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    """fold(), remembered: references and codes repeat on thousands of rows."""
    return fold(text)


@dataclass(frozen=True)
class Choice:
    code: str | int
    name_vi: str
    name_en: str


CHOICE_FILES = {
    "capital_source": "capital_sources.csv",
    "surplus_category": "surplus_categories.csv",
    "spending_field": "spending_fields.csv",
    "ntm_criterion": "ntm_criteria.csv",
}


@cache
def choice_lists() -> dict[str, tuple[Choice, ...]]:
    """Every allowed value of every `choice` field, from data/ and layout constants."""
    lists: dict[str, tuple[Choice, ...]] = {}
    for name, filename in CHOICE_FILES.items():
        rows = list(iter_csv(DATA_DIR / filename))
        if name == "ntm_criterion":
            lists[name] = _criterion_choices(rows)
            continue
        lists[name] = tuple(Choice(r["code"], nfc(r["name_vi"]), nfc(r["name_en"])) for r in rows)
    lists["commune_group"] = tuple(
        Choice(code, *names) for code, names in COMMUNE_GROUP_NAMES.items()
    )
    lists["revenue_kind"] = tuple(
        Choice(code, *names) for code, names in REVENUE_KIND_NAMES.items()
    )
    fields: dict[str, Choice] = {}
    for r in iter_csv(DATA_DIR / "project_groups.csv"):
        fields.setdefault(r["field"], Choice(r["field"], nfc(r["name_vi"]), nfc(r["name_en"])))
    lists["project_field"] = tuple(fields.values())
    lists["resolution_kind"] = tuple(
        Choice(code, *RESOLUTION_KIND_NAMES[code]) for code in RESOLUTION_KINDS
    )
    lists["resolution_status"] = tuple(
        Choice(code, *RESOLUTION_STATUS_NAMES[code]) for code in RESOLUTION_STATUSES
    )
    return lists


def _criterion_choices(rows: list[dict[str, str]]) -> tuple[Choice, ...]:
    """One choice per criterion number, naming it in each set that has it, by date.

    A code is read against the set in force on the resolution's date (QĐ 318 to
    14/02/2026, QĐ 51/2025 from 15/02/2026): the rules judge it, the import accepts both.
    """
    labels = {
        r["code"]: (nfc(r["label_vi"]), nfc(r["label_en"]))
        for r in iter_csv(DATA_DIR / "criteria_sets.csv")
    }
    names: dict[int, list[tuple[str, str]]] = {}
    for r in rows:
        label_vi, label_en = labels[r["criteria_set"]]
        names.setdefault(int(r["code"]), []).append(
            (f"{nfc(r['name_vi'])} ({label_vi})", f"{nfc(r['name_en'])} ({label_en})")
        )
    return tuple(
        Choice(code, " · ".join(vi for vi, _ in pairs), " · ".join(en for _, en in pairs))
        for code, pairs in sorted(names.items())
    )


@cache
def _choice_index(name: str) -> dict[str, str | int]:
    index: dict[str, str | int] = {}
    for choice in choice_lists()[name]:
        for label in (str(choice.code), choice.name_vi, choice.name_en):
            index.setdefault(fold(label), choice.code)
    if name == "ntm_criterion":
        # A criterion written by its name in either set ("Giảm nghèo và an sinh xã hội").
        for r in iter_csv(DATA_DIR / CHOICE_FILES[name]):
            for label in (r["name_vi"], r["name_en"]):
                index.setdefault(fold(nfc(label)), int(r["code"]))
    return index


def _choice_codes(name: str) -> str:
    codes = [str(c.code) for c in choice_lists()[name]]
    if name == "ntm_criterion":
        return f"{codes[0]}–{codes[-1]}"
    return ", ".join(codes)


_CRITERION = re.compile(r"^(?:tieu chi|tc)\s*(?:so\s*)?(\d+)$")


def parse_choice(name: str, value: object) -> str | int | None:
    text = plain_text(value)
    if not text:
        return None
    key = _fold(text)
    found = _choice_index(name).get(key)
    if found is None and name == "ntm_criterion":
        match = _CRITERION.match(key)
        if match:
            found = _choice_index(name).get(match.group(1))
    if found is None:
        raise ParseError("imp_choice", choices=_choice_codes(name))
    return found


# -- problems ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with (or, for notices, worth knowing about) an imported file."""

    file: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)
    sheet: str | None = None
    row: int | None = None
    column: str | None = None  # the letter, as the spreadsheet shows it
    header: str | None = None
    found: str | None = None  # the value found; None when the problem is not about a value

    def expected(self, lang: str) -> str:
        params = {
            k: (t(v[0], lang, **v[1]) if isinstance(v, tuple) else v)
            for k, v in self.params.items()
        }
        return t(self.key, lang, **params)

    def where(self, lang: str) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(t("imp_at_sheet", lang, sheet=self.sheet))
        if self.row is not None:
            parts.append(t("imp_at_row", lang, row=self.row))
        if self.column is not None:
            if self.header:
                parts.append(t("imp_at_column", lang, column=self.column, header=self.header))
            else:
                parts.append(t("imp_at_column_bare", lang, column=self.column))
        return ", ".join(parts)

    def message(self, lang: str = "vi") -> str:
        expected = self.expected(lang)
        if self.found is None:
            what = expected
        elif self.found == "":
            what = t("imp_empty_expected", lang, expected=expected)
        else:
            what = t("imp_found_expected", lang, found=self.found, expected=expected)
        return f"{self.where(lang)}: {what}"

    def as_row(self, lang: str) -> dict[str, str]:
        return {
            "file": self.file,
            "sheet": self.sheet or "",
            "row": "" if self.row is None else str(self.row),
            "column": self.column or "",
            "header": self.header or "",
            "found": self.found or "",
            "expected": self.expected(lang),
        }


def _shown(value: object) -> str:
    text = plain_text(value)
    return text if len(text) <= FOUND_MAX else text[: FOUND_MAX - 1] + "…"


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _range_ref(r0: int, c0: int, r1: int, c1: int) -> str:
    return f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"


# -- reading files into grids ------------------------------------------------------------


@dataclass
class Grid:
    """The cells of one sheet or CSV file. Rows and columns are 0-based here."""

    file: str
    sheet: str | None  # the sheet name in a workbook; None for a CSV file
    rows: list[list[Any]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


@dataclass
class Source:
    """What one import unit is: one workbook, or the CSV files of one folder."""

    name: str
    paths: list[Path]
    kind: str  # xlsx | csv | bad


def group_sources(paths: Iterable[Path]) -> list[Source]:
    """Workbooks one by one; CSV files (given one by one or as a folder) folder by folder."""
    sources: list[Source] = []
    csv_groups: dict[Path, Source] = {}
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv")
            sources.append(Source(str(path), files, "csv"))
        elif path.suffix.lower() == ".csv":
            folder = path.parent.resolve()
            if folder not in csv_groups:
                csv_groups[folder] = Source(str(path), [], "csv")
                sources.append(csv_groups[folder])
            group = csv_groups[folder]
            if path not in group.paths:
                group.paths.append(path)
            if len(group.paths) > 1:
                group.name = str(path.parent) + "/"
        else:
            sources.append(Source(str(path), [path], "xlsx"))
    return sources


class _FileProblem(Exception):
    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def _read_head(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(8)
    except FileNotFoundError:
        raise _FileProblem("imp_file_missing") from None
    except OSError as exc:
        raise _FileProblem("imp_file_unreadable", detail=exc.strerror or str(exc)) from None


def _cfb_is_encrypted(path: Path) -> bool:
    """An encrypted OOXML package is a compound file with an "EncryptionInfo" stream."""
    needle = "EncryptionInfo".encode("utf-16-le")
    with open(path, "rb") as handle:
        return needle in handle.read(1 << 20)


def read_workbook(path: Path, display: str) -> list[Grid]:
    if not path.exists():
        raise _FileProblem("imp_file_missing")
    if path.stat().st_size == 0:
        raise _FileProblem("imp_file_empty")
    head = _read_head(path)
    if head.startswith(CFB_MAGIC[:4]):
        raise _FileProblem("imp_encrypted" if _cfb_is_encrypted(path) else "imp_old_xls")
    if not head.startswith(XLSX_MAGIC):
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            raise _FileProblem("imp_not_spreadsheet")
        raise _FileProblem("imp_unsupported")
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        grids = []
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
            grids.append(Grid(display, name, rows, merged))
        workbook.close()
    except python_calamine.PasswordError:
        raise _FileProblem("imp_encrypted") from None
    except (python_calamine.CalamineError, ValueError, OSError):
        raise _FileProblem("imp_not_spreadsheet") from None
    return grids


def _sniff_delimiter(text: str) -> str:
    for line in text.splitlines():
        if line.strip(" ,;\t"):
            counts = {d: line.count(d) for d in (",", ";", "\t")}
            return max(counts, key=lambda d: counts[d])
    return ","


def read_csv_file(path: Path) -> tuple[Grid, str]:
    """The cells of a CSV file and the encoding it was read in."""
    if not path.exists():
        raise _FileProblem("imp_file_missing")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _FileProblem("imp_file_unreadable", detail=exc.strerror or str(exc)) from None
    if not raw:
        raise _FileProblem("imp_file_empty")
    if raw.startswith(XLSX_MAGIC) or raw.startswith(CFB_MAGIC[:4]) or b"\x00" in raw[:4096]:
        raise _FileProblem("imp_unsupported")
    try:
        text, encoding = decode_text_bytes(raw)
    except UnicodeDecodeError:
        raise _FileProblem("imp_csv_encoding") from None
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text)))
    except csv.Error:
        raise _FileProblem("imp_unsupported") from None
    return Grid(str(path), None, rows), encoding


# -- reading one sheet ---------------------------------------------------------------------


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header_key(text: str) -> str:
    base, _unit = split_header_unit(text)
    return fold(base).strip(" *:.")


@cache
def _header_index(sheet_key: str) -> dict[str, Field]:
    sheet = next(s for s in SHEETS if s.key == sheet_key)
    index: dict[str, Field] = {}
    for f in sheet.fields:
        for label in (f.header_vi, f.header_en, f.key):
            index.setdefault(_header_key(label), f)
    return index


@dataclass
class Record:
    row: int  # 1-based, as the spreadsheet shows it
    values: dict[str, Any]
    columns: dict[str, str]  # field key → column letter

    def __getitem__(self, key: str) -> Any:
        return self.values.get(key)


@dataclass
class SheetData:
    sheet: Sheet
    grid: Grid
    records: list[Record] = field(default_factory=list)
    usable: bool = True  # False when the headers were wrong: its rows were not read


class _FileReader:
    """Reads and checks one import unit (a workbook or a folder of CSV files)."""

    def __init__(self, name: str, units: set[str], progress: Progress | None) -> None:
        self.name = name
        self.units = units
        self.unit_example = min(units) if units else "06745"
        self.progress = progress
        self.problems: list[Problem] = []
        self.notices: list[Problem] = []
        self.sheets: dict[str, SheetData] = {}
        self._legacy: dict[tuple[str, str | None, str], list[str]] = {}

    # -- helpers --
    def problem(self, grid: Grid | None, key: str, **kw: Any) -> None:
        self.problems.append(
            Problem(
                file=grid.file if grid else self.name,
                key=key,
                sheet=grid.sheet if grid else None,
                **kw,
            )
        )

    def _text(self, grid: Grid, r: int, c: int, value: Any) -> Any:
        """A string cell with any legacy-font text converted (and remembered for the notice)."""
        if not isinstance(value, str) or value.isascii():
            return value
        fixed = fix(value)
        if fixed.encoding is None:
            return value
        cell = f"{column_letter(c)}{r + 1}"
        self._legacy.setdefault((grid.file, grid.sheet, fixed.encoding), []).append(cell)
        return fixed.text

    def legacy_notices(self) -> None:
        for (file, sheet, encoding), cells in self._legacy.items():
            more = len(cells) - LEGACY_CELLS_SHOWN
            self.notices.append(
                Problem(
                    file=file,
                    sheet=sheet,
                    key="imp_legacy" if more <= 0 else "imp_legacy_many",
                    params={
                        "count": len(cells),
                        "encoding": encoding,
                        "cells": ", ".join(cells[:LEGACY_CELLS_SHOWN]),
                        "more": more,
                    },
                )
            )

    # -- one sheet --
    def read_sheet(self, sheet: Sheet, grid: Grid) -> SheetData:
        data = SheetData(sheet, grid)
        self.sheets[sheet.key] = data
        rows = grid.rows
        index = _header_index(sheet.key)
        # The header row: the row among the first ones with the most known headers.
        best_row, best_count, looked = -1, 0, 0
        for r, row in enumerate(rows):
            if all(_blank(v) for v in row):
                continue  # blank rows above the header do not count
            looked += 1
            if looked > HEADER_SEARCH_ROWS:
                break
            count = sum(
                1
                for c, v in enumerate(row)
                if isinstance(v, str) and v.strip() and _header_key(self._peek_text(v)) in index
            )
            if count > best_count:
                best_row, best_count = r, count
        if best_row < 0:
            self.problem(
                grid,
                "imp_no_header",
                params={"headers": ", ".join(f.header_vi for f in sheet.fields)},
            )
            data.usable = False
            return data
        header_row = best_row
        # "ĐVT: triệu đồng" above the header sets the unit of the sheet's amounts.
        sheet_unit = DONG
        for r in range(header_row):
            for c, v in enumerate(rows[r]):
                if isinstance(v, str) and v.strip():
                    unit = dvt_unit(self._text(grid, r, c, v))
                    if unit is not None:
                        sheet_unit = unit
        # Merged cells: never in the header; in the data only within one column.
        fill_down: list[tuple[int, int, int]] = []
        for r0, c0, r1, c1 in grid.merged:
            if r1 < header_row:
                continue
            if r0 <= header_row <= r1:
                self.problem(
                    grid,
                    "imp_header_merged",
                    row=header_row + 1,
                    column=column_letter(c0),
                    params={"range": _range_ref(r0, c0, r1, c1)},
                )
                data.usable = False
            elif c0 != c1:
                self.problem(
                    grid,
                    "imp_merged_data",
                    row=r0 + 1,
                    column=column_letter(c0),
                    params={"range": _range_ref(r0, c0, r1, c1)},
                )
                data.usable = False
            else:
                fill_down.append((c0, r0, r1))
        # Map the columns.
        columns: dict[int, Field] = {}
        seen: dict[str, int] = {}
        blank_columns: list[int] = []
        header = rows[header_row]
        units: dict[str, Decimal] = {}
        for c, raw in enumerate(header):
            if _blank(raw):
                blank_columns.append(c)
                continue
            text = plain_text(self._text(grid, header_row, c, raw))
            f = index.get(_header_key(text))
            if f is None:
                self.problem(
                    grid,
                    "imp_header_unknown",
                    row=header_row + 1,
                    column=column_letter(c),
                    found=_shown(text),
                    params={"headers": ", ".join(x.header_vi for x in sheet.fields)},
                )
                data.usable = False
                continue
            if f.key in seen:
                self.problem(
                    grid,
                    "imp_header_duplicate",
                    row=header_row + 1,
                    column=column_letter(c),
                    found=_shown(text),
                    params={"header": f.header_vi, "first": column_letter(seen[f.key])},
                )
                data.usable = False
                continue
            seen[f.key] = c
            columns[c] = f
            _base, unit = split_header_unit(text)
            if unit is not None:
                units[f.key] = unit
        for f in sheet.fields:
            if f.required and f.key not in seen:
                self.problem(
                    grid, "imp_header_missing", row=header_row + 1, params={"header": f.header_vi}
                )
                data.usable = False
        if not data.usable:
            return data
        for c, r0, r1 in fill_down:
            if r0 < len(rows) and c < len(rows[r0]):
                for r in range(r0 + 1, min(r1, len(rows) - 1) + 1):
                    if c < len(rows[r]):
                        rows[r][c] = rows[r0][c]
        # The rows.
        letters = {f.key: column_letter(c) for c, f in columns.items()}
        stray_reported: set[int] = set()
        total = len(rows)
        for r in range(header_row + 1, total):
            row = rows[r]
            if all(_blank(v) for v in row):
                continue
            for c in blank_columns:
                if c < len(row) and not _blank(row[c]) and c not in stray_reported:
                    stray_reported.add(c)
                    self.problem(
                        grid,
                        "imp_data_no_header",
                        row=r + 1,
                        column=column_letter(c),
                        found=_shown(row[c]),
                    )
            if len(row) > len(header):
                for c in range(len(header), len(row)):
                    if not _blank(row[c]) and c not in stray_reported:
                        stray_reported.add(c)
                        self.problem(
                            grid,
                            "imp_data_no_header",
                            row=r + 1,
                            column=column_letter(c),
                            found=_shown(row[c]),
                        )
            values: dict[str, Any] = {}
            for c, f in columns.items():
                raw = row[c] if c < len(row) else None
                raw = self._text(grid, r, c, raw)
                try:
                    values[f.key] = self.parse(f, raw, units.get(f.key, sheet_unit))
                except ParseError as err:
                    values[f.key] = None
                    self.problem(
                        grid,
                        err.key,
                        row=r + 1,
                        column=column_letter(c),
                        header=f.header_vi,
                        found="" if _blank(raw) else _shown(raw),
                        params=err.params,
                    )
            data.records.append(Record(r + 1, values, letters))
            if self.progress and (r - header_row) % 2000 == 0:
                self.progress(grid.sheet or grid.file, r, total)
        if self.progress:
            self.progress(grid.sheet or grid.file, total, total)
        return data

    def _peek_text(self, value: str) -> str:
        return value if value.isascii() else fix(value).text

    def parse(self, f: Field, raw: Any, unit: Decimal) -> Any:
        value: Any
        if f.kind in ("text", "ref"):
            value = plain_text(raw) or None
        elif f.kind == "unit":
            code = plain_text(raw)
            if code.isdigit() and len(code) < 5:
                code = code.zfill(5)
            if code and code not in self.units:
                raise ParseError("imp_unit", example=self.unit_example)
            value = code or None
        elif f.kind == "date":
            value = parse_date(raw)
        elif f.kind == "year":
            value = parse_year(raw)
        elif f.kind == "int":
            value = parse_positive_int(raw)
        elif f.kind == "money":
            value = parse_money(raw, unit)
        elif f.kind == "bool":
            value = parse_bool(raw)
        elif f.kind == "choice":
            value = parse_choice(f.choices or "", raw)
        else:  # pragma: no cover - layout.py names only the kinds above
            raise AssertionError(f.kind)
        if value is None and f.required:
            raise ParseError("imp_required")
        return value


# -- checks across rows and sheets ---------------------------------------------------------


def _ref(value: Any) -> str:
    return _fold(value) if value else ""


class _Checker:
    def __init__(self, reader: _FileReader) -> None:
        self.reader = reader

    def sheet(self, key: str) -> SheetData | None:
        data = self.reader.sheets.get(key)
        return data if data is not None and data.usable else None

    def report(self, data: SheetData, rec: Record, field_key: str, key: str, **params: Any) -> None:
        f = data.sheet.field(field_key)
        self.reader.problem(
            data.grid,
            key,
            row=rec.row,
            column=rec.columns.get(field_key),
            header=f.header_vi,
            found=_shown(rec[field_key]),
            params=params,
        )

    def unique(
        self,
        data: SheetData | None,
        key_of: Callable[[Record], Any],
        field_key: str,
        what: str | None = None,
    ) -> None:
        """Report every record whose key repeats an earlier record's."""
        if data is None:
            return
        first: dict[Any, int] = {}
        for rec in data.records:
            k = key_of(rec)
            if k is None:
                continue
            if k in first:
                if what is None:
                    self.report(data, rec, field_key, "imp_dup_ref", row=first[k])
                else:
                    self.report(data, rec, field_key, "imp_dup_row", row=first[k], what=(what, {}))
            else:
                first[k] = rec.row

    def exists(
        self,
        child: SheetData | None,
        field_key: str,
        parent_key: str,
        parent_field: str,
        refs: set[str],
    ) -> None:
        if child is None:
            return
        parent = self.reader.sheets.get(parent_key)
        if parent is not None and not parent.usable:
            return  # the parent's own problems are reported; do not repeat them per row
        for rec in child.records:
            value = rec[field_key]
            if value and _ref(value) not in refs:
                sheet = next(s for s in SHEETS if s.key == parent_key)
                self.report(
                    child,
                    rec,
                    field_key,
                    "imp_ref_missing",
                    what=sheet.field(parent_field).header_vi,
                    sheet=sheet.title_vi,
                )

    def run(self) -> None:
        res = self.sheet(RESOLUTIONS.key)
        basis = self.sheet(BASIS.key)
        works = self.sheet(WORKS.key)
        capital = self.sheet(CAPITAL.key)
        surpluses = self.sheet(SURPLUSES.key)
        lines = self.sheet(SURPLUS_LINES.key)

        def refs(data: SheetData | None, key: str) -> set[str]:
            return {_ref(r[key]) for r in data.records if r[key]} if data else set()

        self.unique(res, lambda r: _ref(r["res_ref"]) or None, "res_ref")

        def res_nk(r: Record) -> Any:
            if not (r["unit_code"] and r["number"] and r["issue_date"]):
                return None
            return resolution_key(r["unit_code"], r["number"], r["issue_date"])

        self.unique(res, res_nk, "number", "imp_what_resolution")
        res_refs = refs(res, "res_ref")
        self.exists(res, "amends_ref", RESOLUTIONS.key, "res_ref", res_refs)

        self.exists(basis, "res_ref", RESOLUTIONS.key, "res_ref", res_refs)
        self.unique(
            basis,
            lambda r: (_ref(r["res_ref"]), r["line_no"]) if r["line_no"] else None,
            "line_no",
            "imp_what_basis_no",
        )
        self.unique(
            basis,
            lambda r: (_ref(r["res_ref"]), fold(r["text"])[:160]) if r["text"] else None,
            "text",
            "imp_what_basis_text",
        )

        self.exists(works, "res_ref", RESOLUTIONS.key, "res_ref", res_refs)
        self.unique(works, lambda r: _ref(r["work_ref"]) or None, "work_ref")
        self.unique(
            works,
            lambda r: (_ref(r["res_ref"]), _fold(r["name"])) if r["name"] else None,
            "name",
            "imp_what_work",
        )

        self.exists(capital, "work_ref", WORKS.key, "work_ref", refs(works, "work_ref"))
        self.unique(
            capital,
            # Two commune-budget lines of one work differ by their revenue kind.
            lambda r: (
                (_ref(r["work_ref"]), r["source_code"], r["revenue_kind"])
                if r["source_code"]
                else None
            ),
            "source_code",
            "imp_what_capital",
        )

        self.unique(surpluses, lambda r: _ref(r["surplus_ref"]) or None, "surplus_ref")
        self.unique(
            surpluses,
            lambda r: (r["unit_code"], r["year"]) if r["unit_code"] and r["year"] else None,
            "year",
            "imp_what_surplus",
        )
        self.exists(surpluses, "res_ref", RESOLUTIONS.key, "res_ref", res_refs)
        if surpluses is not None and res is not None:
            unit_of = {_ref(r["res_ref"]): r["unit_code"] for r in res.records if r["res_ref"]}
            for rec in surpluses.records:
                other = unit_of.get(_ref(rec["res_ref"]))
                if rec["res_ref"] and other and rec["unit_code"] and other != rec["unit_code"]:
                    self.report(
                        surpluses,
                        rec,
                        "res_ref",
                        "imp_ref_other_unit",
                        unit=rec["unit_code"],
                        other=other,
                    )

        self.exists(
            lines, "surplus_ref", SURPLUSES.key, "surplus_ref", refs(surpluses, "surplus_ref")
        )
        self.unique(
            lines,
            lambda r: (_ref(r["surplus_ref"]), r["line_no"]) if r["line_no"] else None,
            "line_no",
            "imp_what_surplus_line_no",
        )
        self.unique(
            lines,
            lambda r: (
                (
                    _ref(r["surplus_ref"]),
                    r["category_code"],
                    fold(r["project_name"] or r["item"] or r["field_code"]),
                )
                if r["category_code"]
                else None
            ),
            "category_code",
            "imp_what_surplus_line",
        )


# -- from records to a Dataset -------------------------------------------------------------


def resolution_id(unit_code: str, year: int, number: str, issue_date: date) -> str:
    """A resolution id that depends only on what identifies the resolution."""
    natural = f"{year}|{resolution_key(unit_code, number, issue_date)}"
    digest = hashlib.sha1(natural.encode("utf-8")).hexdigest()[:10]
    return f"NQ-{unit_code}-{year}-{digest}"


def _text_or_none(value: Any) -> str | None:
    return nfc(value) or None if value else None


def _assemble(reader: _FileReader, source_label: str) -> Dataset:
    sheets = reader.sheets
    records = {key: (sheets[key].records if key in sheets else []) for key in SHEETS_KEYS}
    resolutions: dict[str, Resolution] = {}
    for r in records[RESOLUTIONS.key]:
        rid = resolution_id(r["unit_code"], r["year"], r["number"], r["issue_date"])
        resolutions[_ref(r["res_ref"])] = Resolution(
            resolution_id=rid,
            unit_code=r["unit_code"],
            year=r["year"],
            number=nfc(r["number"]),
            issue_date=r["issue_date"],
            title=nfc(r["title"]),
            kind=r["kind"],
            status=r["status"] or "in_force",
            session=_text_or_none(r["session"]),
            amends_id=None,
            submission_ref=_text_or_none(r["submission_ref"]),
            source=source_label,
        )
    for r in records[RESOLUTIONS.key]:
        if r["amends_ref"]:
            resolutions[_ref(r["res_ref"])].amends_id = resolutions[
                _ref(r["amends_ref"])
            ].resolution_id
    for r in sorted(records[BASIS.key], key=lambda r: r["line_no"]):
        resolutions[_ref(r["res_ref"])].basis.append(nfc(r["text"]))
    works: dict[str, Project] = {}
    for r in records[WORKS.key]:
        project = Project(
            name=nfc(r["name"]),
            total_investment=r["total_investment"],
            criterion_code=r["criterion_code"],
            location=_text_or_none(r["location"]),
            scale=_text_or_none(r["scale"]),
            period=_text_or_none(r["period"]),
            group_code=_text_or_none(r["group_code"]),
            sector=r["sector"],
            policy_decision_ref=_text_or_none(r["policy_decision_ref"]),
            policy_delegated=bool(r["policy_delegated"]),
            small_mechanism=bool(r["small_mechanism"]),
            commune_group=r["commune_group"],
        )
        works[_ref(r["work_ref"])] = project
        resolutions[_ref(r["res_ref"])].projects.append(project)
    for r in records[CAPITAL.key]:
        works[_ref(r["work_ref"])].capital.append(
            CapitalLine(
                r["source_code"],
                r["amount"],
                _text_or_none(r["programme_share"]),
                r["revenue_kind"],
            )
        )
    surpluses: dict[str, Surplus] = {}
    for r in records[SURPLUSES.key]:
        linked = resolutions.get(_ref(r["res_ref"])) if r["res_ref"] else None
        surpluses[_ref(r["surplus_ref"])] = Surplus(
            unit_code=r["unit_code"],
            year=r["year"],
            fiscal_year=r["fiscal_year"],
            available=r["available"],
            settlement_ref=_text_or_none(r["settlement_ref"]),
            settlement_date=r["settlement_date"],
            resolution_id=linked.resolution_id if linked else None,
        )
    for r in sorted(records[SURPLUS_LINES.key], key=lambda r: r["line_no"]):
        surpluses[_ref(r["surplus_ref"])].lines.append(
            SurplusLine(
                category_code=r["category_code"],
                amount=r["amount"],
                item=_text_or_none(r["item"]),
                project_name=_text_or_none(r["project_name"]),
                field_code=r["field_code"],
            )
        )
    return Dataset(list(resolutions.values()), list(surpluses.values()))


SHEETS_KEYS = tuple(s.key for s in SHEETS)


# -- one import unit -----------------------------------------------------------------------


@dataclass
class ParsedFile:
    name: str
    problems: list[Problem]
    notices: list[Problem]
    rows: dict[str, int]  # sheet key → data rows read
    data: Dataset | None  # None when the file was rejected
    unit_years: list[tuple[str, int]]

    @property
    def accepted(self) -> bool:
        return not self.problems and self.data is not None


def _match_sheet(name: str) -> Sheet | None:
    key = fold(name)
    for sheet in SHEETS:
        if key in (fold(sheet.title_vi), fold(sheet.title_en), fold(sheet.key)):
            return sheet
    return None


def _match_csv(path: Path) -> Sheet | None:
    stem = fold(path.stem).replace(" ", "_").replace("-", "_")
    for sheet in SHEETS:
        if stem == Path(sheet.csv_name).stem:
            return sheet
    return _match_sheet(path.stem)


# A CSV file needs the file its references point into.
CSV_PARENTS = {
    BASIS.key: RESOLUTIONS,
    WORKS.key: RESOLUTIONS,
    CAPITAL.key: WORKS,
    SURPLUS_LINES.key: SURPLUSES,
}


def parse_source(source: Source, units: set[str], progress: Progress | None = None) -> ParsedFile:
    """Read and check one import unit completely. Nothing is written."""
    reader = _FileReader(source.name, units, progress)
    try:
        if source.kind == "xlsx":
            _read_xlsx_source(reader, source)
        else:
            _read_csv_source(reader, source)
    except _FileProblem as problem:
        reader.problems.append(Problem(file=source.name, key=problem.key, params=problem.params))
    # Cross-checks run even when some cells were wrong: every problem is listed at once.
    _Checker(reader).run()
    rows = {key: len(data.records) for key, data in reader.sheets.items()}
    if not reader.problems and not (rows.get(RESOLUTIONS.key) or rows.get(SURPLUSES.key)):
        reader.problems.append(Problem(file=source.name, key="imp_no_data"))
    reader.legacy_notices()
    data = None
    unit_years: list[tuple[str, int]] = []
    if not reader.problems:
        data = _assemble(reader, f"import:{Path(source.name).name or source.name}")
        unit_years = sorted(
            {(r.unit_code, r.year) for r in data.resolutions}
            | {(s.unit_code, s.year) for s in data.surpluses}
        )
    return ParsedFile(source.name, reader.problems, reader.notices, rows, data, unit_years)


def _read_xlsx_source(reader: _FileReader, source: Source) -> None:
    path = source.paths[0]
    grids = read_workbook(path, source.name)
    found: dict[str, Grid] = {}
    for grid in grids:
        name = grid.sheet or ""
        fixed = fix(name).text if not name.isascii() else name
        sheet = _match_sheet(fixed)
        if sheet is not None and sheet.key not in found:
            found[sheet.key] = grid
        elif fold(fixed) in {fold(n) for n in GUIDE_SHEET_NAMES}:
            continue
        elif all(all(_blank(v) for v in row) for row in grid.rows):
            continue  # an empty extra sheet ("Sheet1")
        else:
            reader.notices.append(
                Problem(file=source.name, key="imp_sheet_ignored", params={"sheet": name})
            )
    names = ", ".join(f"“{g.sheet}”" for g in grids) or "—"
    for sheet in SHEETS:
        if sheet.key not in found:
            reader.problems.append(
                Problem(
                    file=source.name,
                    key="imp_sheet_missing",
                    params={"sheet": sheet.title_vi, "found": names},
                )
            )
    for sheet in SHEETS:
        if sheet.key in found:
            reader.read_sheet(sheet, found[sheet.key])


def _read_csv_source(reader: _FileReader, source: Source) -> None:
    if not source.paths:
        raise _FileProblem("imp_csv_no_root", names=", ".join(s.csv_name for s in SHEETS))
    by_sheet: dict[str, Grid] = {}
    for path in source.paths:
        sheet = _match_csv(path)
        if sheet is None:
            reader.problems.append(
                Problem(
                    file=str(path),
                    key="imp_csv_unknown_name",
                    params={"names": ", ".join(s.csv_name for s in SHEETS)},
                )
            )
            continue
        try:
            grid, encoding = read_csv_file(path)
        except _FileProblem as problem:
            reader.problems.append(Problem(file=str(path), key=problem.key, params=problem.params))
            continue
        if encoding not in ("UTF-8", "UTF-8 BOM"):
            reader.notices.append(
                Problem(file=str(path), key="imp_csv_decoded", params={"encoding": encoding})
            )
        by_sheet[sheet.key] = grid
    if reader.problems:
        return
    for key, parent in CSV_PARENTS.items():
        if key in by_sheet and parent.key not in by_sheet:
            reader.problems.append(
                Problem(
                    file=by_sheet[key].file,
                    key="imp_csv_missing_parent",
                    params={"parent": parent.csv_name, "child": Path(by_sheet[key].file).name},
                )
            )
    for sheet in SHEETS:
        if sheet.key in by_sheet:
            reader.read_sheet(sheet, by_sheet[sheet.key])


# -- merging and building ------------------------------------------------------------------


def merge(current: Dataset, incoming: Dataset, unit_years: Iterable[tuple[str, int]]) -> Dataset:
    """`current` with every unit-year in `unit_years` replaced by what `incoming` holds."""
    replaced_years = set(unit_years)

    def replaced(unit: str, year: int) -> bool:
        return (unit, year) in replaced_years

    old_nk = {
        r.resolution_id: resolution_key(r.unit_code, r.number, r.issue_date)
        for r in current.resolutions
        if replaced(r.unit_code, r.year)
    }
    new_id = {
        resolution_key(r.unit_code, r.number, r.issue_date): r.resolution_id
        for r in incoming.resolutions
    }

    def remap(rid: str | None) -> str | None:
        # A kept row pointing at a replaced resolution follows it by natural key.
        if rid is None or rid not in old_nk:
            return rid
        return new_id.get(old_nk[rid])

    # New objects where a reference moves: `current` itself is never changed.
    kept_res = [
        r if remap(r.amends_id) == r.amends_id else replace(r, amends_id=remap(r.amends_id))
        for r in current.resolutions
        if not replaced(r.unit_code, r.year)
    ]
    kept_sur = [
        s
        if remap(s.resolution_id) == s.resolution_id
        else replace(s, resolution_id=remap(s.resolution_id))
        for s in current.surpluses
        if not replaced(s.unit_code, s.year)
    ]
    return canonical(Dataset(kept_res + incoming.resolutions, kept_sur + incoming.surpluses))


def canonical(data: Dataset) -> Dataset:
    """The order extract() reads a database in, so that equal content compares equal."""
    return Dataset(
        sorted(
            data.resolutions,
            key=lambda r: (r.unit_code, r.year, r.issue_date, r.resolution_id),
        ),
        sorted(data.surpluses, key=lambda s: (s.unit_code, s.year)),
    )


@dataclass
class FileOutcome:
    parsed: ParsedFile
    added: list[tuple[str, int]] = field(default_factory=list)
    replaced: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class ImportReport:
    db_path: Path
    files: list[FileOutcome]
    built: bool = False
    unchanged: bool = False
    resolutions: int = 0
    findings: int = 0
    seconds: float = 0.0

    @property
    def rejected(self) -> list[FileOutcome]:
        return [f for f in self.files if not f.parsed.accepted]


class _Unchanged(Exception):
    """Raised inside the build to abandon it: the data would be exactly what it is."""


def _current_units(db_path: Path) -> tuple[set[str], bool]:
    from .reference import mong_cai_units
    from .store import Store

    if not db_path.exists() and not db_path.is_symlink():
        return {u["code"] for u in mong_cai_units()}, False
    with Store.open(db_path) as store:
        return {row[0] for row in store.rows("extract/units")}, True


def _unit_years_of(data: Dataset) -> set[tuple[str, int]]:
    return {(r.unit_code, r.year) for r in data.resolutions} | {
        (s.unit_code, s.year) for s in data.surpluses
    }


def import_files(
    db_path: Path,
    paths: Iterable[Path],
    progress: Progress | None = None,
    on_build: Callable[[], None] | None = None,
    review_years: Iterable[int] = (),
) -> ImportReport:
    """Check every file, then load the ones without problems in one rebuild.

    `review_years` are added to the years under review. A database created by this
    import reviews them, or else the latest year in the files (a file often carries an
    older resolution that a newer one amends; that year is not under review).
    """
    extra_years = sorted(set(review_years))
    import time

    db_path = Path(db_path)
    if db_path.is_dir():
        raise DatabaseError("db_is_directory", path=db_path)
    units, _exists = _current_units(db_path)
    outcomes = [
        FileOutcome(parse_source(source, units, progress)) for source in group_sources(paths)
    ]
    report = ImportReport(db_path, outcomes)
    accepted = [o for o in outcomes if o.parsed.accepted]
    if not accepted:
        return report
    if on_build:
        on_build()
    started = time.perf_counter()
    counts: dict[str, int] = {}

    def fill(con: Any) -> None:
        from .build import populate
        from .extract import extract
        from .reference import mong_cai_units
        from .store import Store

        if db_path.exists():
            with Store.open(db_path) as store:
                current = extract(store)
            before = canonical(current.data)
            units_rows, years = current.units, sorted(set(current.review_years) | set(extra_years))
            meta = {
                k: v
                for k, v in current.meta.items()
                if not k.startswith("previous_") and k not in ("built_at", "findings_at")
            }
            data = canonical(current.data)
        else:
            before = None
            units_rows, years, meta = mong_cai_units(), list(extra_years), {}
            data = Dataset()
        for outcome in accepted:
            parsed = outcome.parsed
            present = _unit_years_of(data)
            outcome.added = [uy for uy in parsed.unit_years if uy not in present]
            outcome.replaced = [uy for uy in parsed.unit_years if uy in present]
            data = merge(data, parsed.data, parsed.unit_years)
        if before is not None and data == before and years == current.review_years:
            raise _Unchanged
        if before is None:
            if not years:
                years = [max(y for o in accepted for _u, y in o.parsed.unit_years)]
            meta["default_year"] = str(years[-1])
        demo_left = any(r.source == "demo" for r in data.resolutions)
        if demo_left:
            meta["demo_data_remaining"] = "true"
        else:
            for key in ("demo_data_remaining", "notice_vi", "notice_en"):
                meta.pop(key, None)
        meta["dataset_kind"] = "imported"
        meta["last_import_at"] = datetime.now().astimezone().isoformat(timespec="seconds")
        counts["findings"] = populate(con, units_rows, data, years, meta)
        counts["resolutions"] = len(data.resolutions)

    from .store import build_database

    try:
        build_database(db_path, fill)
    except _Unchanged:
        report.unchanged = True
        return report
    report.built = True
    report.findings = counts["findings"]
    report.resolutions = counts["resolutions"]
    report.seconds = time.perf_counter() - started
    return report
