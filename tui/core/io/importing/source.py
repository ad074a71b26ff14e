"""One import unit (a workbook, or the CSV files of one folder) read and checked whole.

Sheets are found by their titles (or CSV files by their names), in Vietnamese or English;
a works or capital sheet may come in several, one per group ("Công trình - Giao thông").
Nothing is written here: `parse_source` returns what was read, every problem, and the
Dataset when there was none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ...data.dataset import Dataset
from ...textfold import fold
from ..layout import (
    BASIS,
    CAPITAL,
    GUIDE_SHEET_NAMES,
    RESOLUTIONS,
    SHEETS,
    SURPLUS_LINES,
    SURPLUSES,
    WORKS,
    Sheet,
)
from ..legacy import fix
from .assemble import assemble
from .check import Checker
from .header import read_sheet
from .problems import FileProblem, Problem
from .read import Grid, Source, read_csv_file, read_workbook
from .reader import FileReader, Progress
from .records import SheetData, blank


@dataclass
class ParsedFile:
    name: str
    problems: list[Problem]
    notices: list[Problem]
    rows: dict[str, int]  # sheet key → data rows read
    data: Dataset | None  # None when the file was rejected
    unit_years: list[tuple[str, int]]
    sheets: dict[str, SheetData] = field(default_factory=dict)  # what was read, for --dry-run
    conversions: dict[tuple[str, str, str], int] = field(default_factory=dict)
    legacy: dict[tuple[str, str | None, str], list[str]] = field(default_factory=dict)

    def unit_notes(self) -> list[Problem]:
        """One sentence per sheet whose amounts were read in đồng for lack of a stated unit."""
        return [
            Problem(
                file=self.name,
                key="imp_unit_assumed",
                params={"sheet": sheet, "count": count},
            )
            for data in self.sheets.values()
            for sheet, how, count in data.units
            if how == "assumed"
        ]

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
    reader = FileReader(source.name, units, progress)
    try:
        if source.kind == "xlsx":
            _read_xlsx_source(reader, source)
        else:
            _read_csv_source(reader, source)
    except FileProblem as problem:
        reader.problems.append(Problem(file=source.name, key=problem.key, params=problem.params))
    # Cross-checks run even when some cells were wrong: every problem is listed at once.
    Checker(reader).run()
    rows = {key: len(data.records) for key, data in reader.sheets.items()}
    if not reader.problems and not (rows.get(RESOLUTIONS.key) or rows.get(SURPLUSES.key)):
        reader.problems.append(Problem(file=source.name, key="imp_no_data"))
    reader.legacy_notices()
    data = None
    unit_years: list[tuple[str, int]] = []
    if not reader.problems:
        data = assemble(reader, f"import:{Path(source.name).name or source.name}")
        unit_years = sorted(
            {(r.unit_code, r.year) for r in data.resolutions}
            | {(s.unit_code, s.year) for s in data.surpluses}
        )
    return ParsedFile(
        source.name,
        reader.problems,
        reader.notices,
        rows,
        data,
        unit_years,
        reader.sheets,
        reader.conversions,
        reader.legacy,
    )


_SHEET_GROUP_SEPARATOR = re.compile(r"^\s*(?:[-–:.,_()]\s*)+")


def _match_group_sheet(name: str) -> tuple[Sheet, str] | None:
    """ "Công trình - Giao thông", "Công trình (chuyển tiếp)": a works sheet per group."""
    key = fold(name)
    for sheet in (WORKS, CAPITAL):
        title = fold(sheet.title_vi)
        if key.startswith(title) and len(key) > len(title):
            rest = name[len(sheet.title_vi) :] if len(name) >= len(sheet.title_vi) else ""
            if not _SHEET_GROUP_SEPARATOR.match(rest):
                continue
            label = _SHEET_GROUP_SEPARATOR.sub("", rest).strip(" )")
            if label:
                return sheet, label
    return None


def _read_xlsx_source(reader: FileReader, source: Source) -> None:
    path = source.paths[0]
    grids = read_workbook(path, source.name)
    found: dict[str, Grid] = {}
    groups: list[tuple[Sheet, Grid, str]] = []
    for grid in grids:
        name = grid.sheet or ""
        fixed = fix(name).text if not name.isascii() else name
        sheet = _match_sheet(fixed)
        grouped = _match_group_sheet(fixed) if sheet is None else None
        if sheet is not None and sheet.key not in found:
            found[sheet.key] = grid
        elif grouped is not None:
            groups.append((grouped[0], grid, grouped[1]))
        elif fold(fixed) in {fold(n) for n in GUIDE_SHEET_NAMES}:
            continue
        elif all(all(blank(v) for v in row) for row in grid.rows):
            continue  # an empty extra sheet ("Sheet1")
        else:
            reader.notices.append(
                Problem(file=source.name, key="imp_sheet_ignored", params={"sheet": name})
            )
    names = ", ".join(f"“{g.sheet}”" for g in grids) or "—"
    grouped_keys = {sheet.key for sheet, _grid, _label in groups}
    for sheet in SHEETS:
        if sheet.key not in found and sheet.key not in grouped_keys:
            reader.problems.append(
                Problem(
                    file=source.name,
                    key="imp_sheet_missing",
                    params={"sheet": sheet.title_vi, "found": names},
                )
            )
    for sheet in SHEETS:
        if sheet.key in found:
            read_sheet(reader, sheet, found[sheet.key])
        for grouped_sheet, grid, label in groups:
            if grouped_sheet.key == sheet.key:
                read_sheet(reader, sheet, grid, group=label)


def _read_csv_source(reader: FileReader, source: Source) -> None:
    if not source.paths:
        raise FileProblem("imp_csv_no_root", names=", ".join(s.csv_name for s in SHEETS))
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
        except FileProblem as problem:
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
            read_sheet(reader, sheet, by_sheet[sheet.key])
