"""Importing the spreadsheets communes send (.xlsx, .csv) into the audited database.

Reading follows tui/core/io/layout.py: one sheet (or CSV file) per kind of record, headers
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
import dataclasses
import hashlib
import html
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from ..data.dataset import (
    CapitalLine,
    Dataset,
    Project,
    Resolution,
    StatedTotal,
    Surplus,
    SurplusLine,
    iter_csv,
    resolution_key,
)
from ..data.unitmap import UnitCatalogue
from ..errors import DatabaseError
from ..fmt import group_thousands, vn_date
from ..lang.i18n import t
from ..lang.importing import FIXES
from ..paths import DATA_DIR
from ..safe import csv_cell_back
from ..textfold import fold, nfc
from .clerk import (
    LINE_MIN_ASSUMED,
    LINE_MIN_STATED,
    SURPLUS_MIN_ASSUMED,
    SURPLUS_MIN_STATED,
    UNIT_RATIO_SLACK,
    WORK_MAX,
    WORK_MIN_ASSUMED,
    WORK_MIN_STATED,
    group_level,
    is_column_numbers,
    is_signature,
    phase_of,
    split_leading_marker,
    stt_marker,
    synonyms,
    total_label,
)
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
    WORK_PHASE_NAMES,
    WORK_PHASES,
    WORKS,
    Field,
    Sheet,
)
from .legacy import decode_text_bytes, fix
from .vnparse import (
    DONG,
    UNIT_LABELS,
    ParseError,
    dvt_stated,
    dvt_unit,
    parse_bool,
    parse_date,
    parse_money,
    parse_money_unit,
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
    lists["work_phase"] = tuple(Choice(code, *WORK_PHASE_NAMES[code]) for code in WORK_PHASES)
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
    codes = {str(c.code): c.code for c in choice_lists()[name]}
    for key, code in synonyms().get(name, {}).items():
        index.setdefault(key, codes[code])
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

    def fix(self, lang: str) -> str:
        """What to do about it, when the message itself does not say ("" then)."""
        pair = FIXES.get(self.key)
        return (pair[1] if lang == "en" else pair[0]) if pair else ""

    def message(self, lang: str = "vi") -> str:
        expected = self.expected(lang)
        if self.found is None:
            what = expected
        elif self.found == "":
            what = t("imp_empty_expected", lang, expected=expected)
        else:
            what = t("imp_found_expected", lang, found=self.found, expected=expected)
        fix = self.fix(lang)
        return f"{self.where(lang)}: {what}" + (f" — {fix}" if fix else "")

    def as_row(self, lang: str) -> dict[str, str]:
        return {
            "file": self.file,
            "sheet": self.sheet or "",
            "row": "" if self.row is None else str(self.row),
            "column": self.column or "",
            "header": self.header or "",
            "found": self.found or "",
            "expected": self.expected(lang),
            "fix": self.fix(lang),
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
    hidden: list[str] = field(default_factory=list)  # hidden rows ("3") and columns ("D")


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


_SHEET_ENTRY = re.compile(r"<sheet\b[^>]*>")
_CELL = re.compile(r"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)


_HIDDEN_ROW = re.compile(r'<row\b[^>]*?\br="(\d+)"[^>]*?\bhidden="(?:1|true)"')
_HIDDEN_ROW_2 = re.compile(r'<row\b[^>]*?\bhidden="(?:1|true)"[^>]*?\br="(\d+)"')
_HIDDEN_COL = re.compile(r"<col\b[^>]*>")


def _workbook_xml_facts(path: Path) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(cells holding a formula with no saved result, hidden rows and columns), by sheet.

    A workbook written by a program rather than saved by Excel or LibreOffice keeps the
    formula without its value; reading it would give an empty cell, and an amount would
    be lost without a word. Hidden rows and columns are read like the others; the import
    says so, since the clerk may not remember what they hold.
    """
    import zipfile

    found: dict[str, list[str]] = {}
    hidden: dict[str, list[str]] = {}
    try:
        with zipfile.ZipFile(path) as package:
            book = package.read("xl/workbook.xml").decode("utf-8", "replace")
            rels = package.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
            targets = {}
            for rel in re.findall(r"<Relationship\b[^>]*>", rels):
                rid = re.search(r'\bId="([^"]+)"', rel)
                target = re.search(r'\bTarget="([^"]+)"', rel)
                if rid and target:
                    name = target.group(1).lstrip("/")
                    targets[rid.group(1)] = name if name.startswith("xl/") else "xl/" + name
            for entry in _SHEET_ENTRY.findall(book):
                name = re.search(r'\bname="([^"]*)"', entry)
                rid = re.search(r'\br:id="([^"]+)"', entry)
                if not (name and rid) or rid.group(1) not in targets:
                    continue
                xml = package.read(targets[rid.group(1)]).decode("utf-8", "replace")
                sheet_name = html.unescape(name.group(1))
                if 'hidden="' in xml:
                    rows = sorted(
                        {int(r) for r in _HIDDEN_ROW.findall(xml)}
                        | {int(r) for r in _HIDDEN_ROW_2.findall(xml)}
                    )
                    cols = []
                    for col in _HIDDEN_COL.findall(xml):
                        if re.search(r'\bhidden="(?:1|true)"', col):
                            low = re.search(r'\bmin="(\d+)"', col)
                            high = re.search(r'\bmax="(\d+)"', col)
                            if low and high and int(high.group(1)) - int(low.group(1)) < 64:
                                cols += [
                                    column_letter(c - 1)
                                    for c in range(int(low.group(1)), int(high.group(1)) + 1)
                                ]
                    if rows or cols:
                        hidden[sheet_name] = [str(r) for r in rows[:20]] + cols[:20]
                if "<f" not in xml:
                    continue
                for attrs, body in _CELL.findall(xml):
                    if body and "<f" in body and not re.search(r"<v>[^<]+</v>", body):
                        ref = re.search(r'\br="([A-Z]+\d+)"', attrs)
                        sheet = html.unescape(name.group(1))
                        found.setdefault(sheet, []).append(ref.group(1) if ref else "?")
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return {}, {}  # not a readable package: the reader below says so
    return found, hidden


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
    _check_package(path)
    import python_calamine

    unsaved, hidden = _workbook_xml_facts(path)
    if unsaved:
        shown = "; ".join(
            f"“{sheet}” {', '.join(cells[:6])}{' …' if len(cells) > 6 else ''}"
            for sheet, cells in unsaved.items()
        )
        raise _FileProblem("imp_formula_unsaved", cells=shown)
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        grids = []
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
            grids.append(Grid(display, name, rows, merged, hidden.get(name, [])))
        workbook.close()
    except python_calamine.PasswordError:
        raise _FileProblem("imp_encrypted") from None
    except (python_calamine.CalamineError, ValueError, OSError):
        raise _FileProblem("imp_not_spreadsheet") from None
    return grids


def _check_package(path: Path) -> None:
    """Refuse a workbook bigger than any reader should build (filecheck.py), before
    python-calamine allocates anything for it."""
    import zipfile

    from ..fmt import group_thousands
    from .filecheck import TooLarge, check_workbook

    try:
        check_workbook(path)
    except TooLarge as exc:
        raise _FileProblem(
            "imp_too_large",
            what=(f"imp_limit_{exc.what}", {}),
            found=group_thousands(exc.found),
            limit=group_thousands(exc.limit),
        ) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError):
        raise _FileProblem("imp_not_spreadsheet") from None
    except OSError as exc:
        raise _FileProblem("imp_file_unreadable", detail=exc.strerror or str(exc)) from None


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
    if raw.startswith(XLSX_MAGIC) or raw.startswith(CFB_MAGIC[:4]):
        raise _FileProblem("imp_unsupported")
    from .filecheck import csv_encoding_problem

    if found := csv_encoding_problem(raw):  # UTF-16/32 or NUL bytes: say which, and where
        raise _FileProblem(found[0], **found[1])
    try:
        text, encoding = decode_text_bytes(raw)
    except UnicodeDecodeError:
        raise _FileProblem("imp_csv_encoding") from None
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text)))
        # Our CSV exports guard formula-like text with an apostrophe: read it back as written.
        rows = [[csv_cell_back(cell) for cell in row] for row in rows]
    except csv.Error:
        raise _FileProblem("imp_unsupported") from None
    return Grid(str(path), None, rows), encoding


# -- reading one sheet ---------------------------------------------------------------------


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header_key(text: str) -> str:
    base, _unit = split_header_unit(text)
    return fold(base).strip(" *:.")


# What a header cell can be, besides a layout field.
STT_COLUMN = "stt"
CAPITAL_COLUMN = "capital"
CAPITAL_TOTAL_COLUMN = "capital_total"
_STT_HEADERS = ("stt", "tt", "so tt", "so thu tu", "thu tu", "no", "no.")
_CAPITAL_PARENT = re.compile(
    r"^(?:nguon von|trong do|co cau|chia ra|phan theo|ke hoach von|von dau tu|du kien nguon"
    r"|phan khai|bo tri von|capital|sources)"
)
_CAPITAL_TOTAL = {"tong so", "tong", "cong", "tong cong", "tong nguon von", "total"}


@cache
def _header_index(sheet_key: str) -> dict[str, Field]:
    sheet = next(s for s in SHEETS if s.key == sheet_key)
    index: dict[str, Field] = {}
    for f in sheet.fields:
        for label in (f.header_vi, f.header_en, f.key):
            index.setdefault(_header_key(label), f)
    for name, key in synonyms().get(f"header:{sheet_key}", {}).items():
        index.setdefault(_header_key(name), sheet.field(key))
    return index


@cache
def _capital_header_index() -> dict[str, str]:
    """Capital-source column headers of the works sheet ("NSTW", "Ngân sách xã") → code."""
    index = {key: str(code) for key, code in _choice_index("capital_source").items()}
    for key, code in synonyms().get("capital_source", {}).items():
        index.setdefault(_header_key(key), code)
    return index


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
class _Group:
    level: int
    marker: str | None
    label: str
    phase: str | None
    sector: str | None
    start: int  # index in the sheet's records where the group's rows begin
    row: int
    stated: dict[int, Any] = field(default_factory=dict)  # column → raw stated amount


def _run_start(records: list[Record], start: int, key: str) -> int:
    """Where the run of records sharing the last record's `key` begins (not before start)."""
    if len(records) <= start:
        return start
    last = _ref(records[-1][key])
    at = len(records)
    while at > start and _ref(records[at - 1][key]) == last:
        at -= 1
    return at


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
        self.conversions: dict[tuple[str, str, str], int] = {}  # (column, written, code) → cells

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
    def _column_of(self, sheet: Sheet, parent: str, child: str) -> Column | None:
        """Match a header (parent and child of a two-row header) to what the column holds."""
        index = _header_index(sheet.key)
        capital = sheet.key == WORKS.key
        parent_key = _header_key(parent) if parent else ""
        child_key = _header_key(child) if child else ""
        texts = [t for t in (f"{parent} {child}".strip() if parent and child else "",) if t]
        under_capital = capital and bool(parent_key) and bool(_CAPITAL_PARENT.match(parent_key))
        if under_capital and child_key:
            if child_key in _CAPITAL_TOTAL:
                return Column(CAPITAL_TOTAL_COLUMN, header=child)
            code = _capital_header_index().get(child_key)
            if code is not None:
                return Column(CAPITAL_COLUMN, source=code, header=child)
        texts += [t for t in (child, parent) if t]
        for text in texts:
            key = _header_key(text)
            f = index.get(key)
            if f is not None:
                return Column("field", f, header=text)
            if key in _STT_HEADERS and "line_no" not in {x.key for x in sheet.fields}:
                return Column(STT_COLUMN, header=text)
            if capital and text is child and parent_key and key in _capital_header_index():
                return Column(CAPITAL_COLUMN, source=_capital_header_index()[key], header=text)
        return None

    def _matches(self, sheet: Sheet, row: list[Any]) -> int:
        count = 0
        for v in row:
            if isinstance(v, str) and v.strip():
                key = _header_key(self._peek_text(v))
                if (
                    key in _header_index(sheet.key)
                    or key in _STT_HEADERS
                    or sheet.key == WORKS.key
                    and (key in _capital_header_index() or _CAPITAL_PARENT.match(key))
                ):
                    count += 1
        return count

    def _header_block(self, sheet: Sheet, grid: Grid) -> tuple[int, int] | None:
        """The header rows (top, bottom): one row, or a parent row over a child row."""
        rows = grid.rows
        best_row, best_count, looked = -1, 0, 0
        for r, row in enumerate(rows):
            if all(_blank(v) for v in row):
                continue  # blank rows above the header do not count
            looked += 1
            if looked > HEADER_SEARCH_ROWS:
                break
            count = self._matches(sheet, row)
            if count > best_count:
                best_row, best_count = r, count
        if best_row < 0:
            return None

        def header_like(r: int, c0: int, c1: int) -> bool:
            if r >= len(rows):
                return False
            row = rows[r]
            cells = [row[c] for c in range(c0, min(c1 + 1, len(row)))]
            return any(isinstance(v, str) and self._matches(sheet, [v]) for v in cells) and all(
                _blank(v) or isinstance(v, str) for v in cells
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
                if any(not _blank(v) for v in cells):
                    return above, best_row
        # Unmerged already: a parent ("Nguồn vốn") with its children in the row below.
        if below < len(rows):
            row = rows[below]
            if self._matches(sheet, row) >= 2 and all(_blank(v) or isinstance(v, str) for v in row):
                return best_row, below
        return best_row, best_row

    def read_sheet(self, sheet: Sheet, grid: Grid, group: str | None = None) -> SheetData:
        data = self.sheets.get(sheet.key)
        if data is None:
            data = self.sheets[sheet.key] = SheetData(sheet, grid)
        data.grids.append(grid)
        rows = grid.rows
        block = self._header_block(sheet, grid)
        if block is None:
            self.problem(
                grid,
                "imp_no_header",
                params={"headers": ", ".join(f.header_vi for f in sheet.fields)},
            )
            data.usable = False
            return data
        top, bottom = block
        width = max((len(r) for r in rows), default=0)
        if grid.hidden:
            self.notices.append(
                Problem(
                    file=grid.file,
                    sheet=grid.sheet,
                    key="imp_hidden_read",
                    params={"what": ", ".join(grid.hidden)},
                )
            )

        # "ĐVT: triệu đồng" above the header (or beside it) sets the unit of the amounts.
        sheet_unit: Decimal | None = None
        unit_lines: dict[Decimal, str] = {}
        for r in range(bottom + 1):
            for c, v in enumerate(rows[r]):
                if not (isinstance(v, str) and v.strip()):
                    continue
                if r >= top and self._matches(sheet, [v]):
                    continue  # a header that names its own unit: read below
                text = self._text(grid, r, c, v)
                unit = dvt_unit(text)
                if unit is not None:
                    unit_lines.setdefault(unit, f"{column_letter(c)}{r + 1}")
                    sheet_unit = unit
                elif dvt_stated(text):
                    self.problem(
                        grid,
                        "imp_dvt_unknown",
                        row=r + 1,
                        column=column_letter(c),
                        found=_shown(text),
                    )
        if len(unit_lines) > 1:
            self.problem(
                grid,
                "imp_dvt_conflict",
                params={
                    "cells": ", ".join(
                        f"{cell} ({UNIT_LABELS[u][0]})" for u, cell in unit_lines.items()
                    )
                },
            )

        # Merged cells: a two-row header may merge; a one-row header may not.
        covered: dict[tuple[int, int], tuple[int, int]] = {}
        bad_header: list[tuple[int, int, int, int]] = []
        fill_down: list[tuple[int, int, int]] = []
        across: dict[int, tuple[int, int, int, int]] = {}
        for r0, c0, r1, c1 in grid.merged:
            if r1 < top:
                continue
            if r0 <= bottom:
                if (c0 < c1 and (top == bottom or r1 >= bottom)) or r1 > bottom:
                    bad_header.append((r0, c0, r1, c1))
                for r in range(r0, r1 + 1):
                    for c in range(c0, c1 + 1):
                        covered[(r, c)] = (r0, c0)
            elif c0 != c1:
                for r in range(r0, r1 + 1):
                    across.setdefault(r, (r0, c0, r1, c1))
            else:
                fill_down.append((c0, r0, r1))
        lost: set[int] = set()
        bad_header.sort()
        if bad_header:
            if len(bad_header) == 1:
                r0, c0, r1, c1 = bad_header[0]
                self.problem(
                    grid,
                    "imp_header_merged",
                    row=top + 1,
                    column=column_letter(c0),
                    params={"range": _range_ref(r0, c0, r1, c1)},
                )
            else:
                self.problem(
                    grid,
                    "imp_header_merged_many",
                    params={
                        "rows": f"{top + 1}" if top == bottom else f"{top + 1}–{bottom + 1}",
                        "count": len(bad_header),
                        "ranges": ", ".join(_range_ref(*m) for m in bad_header[:6])
                        + ("…" if len(bad_header) > 6 else ""),
                    },
                )
            for _r0, c0, _r1, c1 in bad_header:
                lost.update(range(c0 + 1, c1 + 1))

        def cell(r: int, c: int) -> Any:
            r0, c0 = covered.get((r, c), (r, c))
            row = rows[r0]
            return row[c0] if c0 < len(row) else None

        # Map the columns.
        columns: dict[int, Column] = {}
        seen: dict[str, int] = {}
        joined: dict[int, list[int]] = {}  # a text field's first column → its other parts
        unknown: list[tuple[int, int, str]] = []  # (row, column, header) not understood
        blank_columns: list[int] = []
        carry = ""
        for c in range(width):
            if c in lost:
                continue
            parent = plain_text(self._text(grid, top, c, cell(top, c)))
            child = ""
            if bottom > top:
                origin = covered.get((bottom, c))
                if origin is None or origin[0] == bottom:
                    child = plain_text(self._text(grid, bottom, c, cell(bottom, c)))
                if not parent and child:
                    parent = carry
                elif parent and child:
                    carry = parent
                elif parent:
                    carry = ""
            if not parent and not child:
                blank_columns.append(c)
                continue
            if dvt_unit(child or parent) is not None and not _header_key(child or parent):
                blank_columns.append(c)  # a "ĐVT: triệu đồng" cell beside the headers
                continue
            column = self._column_of(sheet, parent, child)
            shown = f"{parent} › {child}" if parent and child else (child or parent)
            if column is None:
                if dvt_unit(child or parent) is not None:
                    blank_columns.append(c)
                    continue
                unknown.append(((bottom if child else top) + 1, c, _shown(shown)))
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
                joined.setdefault(seen[key], []).append(c)
                columns[c] = column
                continue
            if key in seen and column.kind != CAPITAL_TOTAL_COLUMN:
                first = columns[seen[key]]
                self.problem(
                    grid,
                    "imp_header_duplicate",
                    row=(bottom if child else top) + 1,
                    column=column_letter(c),
                    found=_shown(shown),
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
                self.conversions[conv] = self.conversions.get(conv, 0) + 1
        present = {col.field.key for col in columns.values() if col.field}
        data.present |= present
        missing = [f.header_vi for f in sheet.fields if f.required and f.key not in present]
        # A required header written otherwise is one mistake, not an unknown column and a
        # missing one: say both in one message at the column.
        for row_no, c, shown in unknown:
            self.problem(
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
        if not unknown:
            for header in missing:
                self.problem(grid, "imp_header_missing", row=top + 1, params={"header": header})
        for c, r0, r1 in fill_down:
            if r0 < len(rows) and c < len(rows[r0]):
                for r in range(r0 + 1, min(r1, len(rows) - 1) + 1):
                    if c < len(rows[r]):
                        rows[r][c] = rows[r0][c]
        for first, parts in joined.items():
            for c in parts:
                del columns[c]
            columns[first].joined = [(columns[first].part or "", first)] + [
                (self._part_label(grid, bottom, c), c) for c in parts
            ]
        self._read_rows(data, grid, columns, bottom, blank_columns, lost, across, sheet_unit, group)
        return data

    def _part_label(self, grid: Grid, bottom: int, c: int) -> str:
        row = grid.rows[bottom]
        return plain_text(self._text(grid, bottom, c, row[c] if c < len(row) else None))

    def _read_rows(
        self,
        data: SheetData,
        grid: Grid,
        columns: dict[int, Column],
        bottom: int,
        blank_columns: list[int],
        lost: set[int],
        across: dict[int, tuple[int, int, int, int]],
        sheet_unit: Decimal | None,
        group: str | None,
    ) -> None:
        rows = grid.rows
        fields = [(c, col.field) for c, col in columns.items() if col.field is not None]
        letters = {f.key: column_letter(c) for c, f in fields}
        capital_columns = [(c, col) for c, col in columns.items() if col.kind == CAPITAL_COLUMN]
        stt_column = next((c for c, col in columns.items() if col.kind == STT_COLUMN), None)
        joined_columns = [(c, col) for c, col in columns.items() if col.joined]
        # The columns a group, total or signature row never fills.
        key_columns = [c for c, f in fields if f.kind in ("ref", "unit") or f.key == "year"]
        money_columns = [c for c, f in fields if f.kind == "money"] + [
            c for c, _ in capital_columns
        ]
        text_columns = [c for c, f in fields if f.kind == "text"]
        units = {c: col.unit or sheet_unit for c, col in columns.items()}
        data.unit_stated |= {units[c] for c in columns if units[c] is not None}
        stated_unit = sheet_unit is not None
        first_record = len(data.records)
        groups: list[_Group] = []
        if group:
            groups.append(self._group(group, 0, None, first_record, 0))
            data.group_labels.append(groups[-1].label)
        last_total = first_record
        grand_pending: list[tuple[int, str, dict[int, Any]]] = []
        signature_from: int | None = None
        assumed_cells = 0
        stray_reported: set[int] = set()
        # Every column up to the header's width is a field, blank, unknown or lost already.
        header_width = max(len(rows[bottom]), max(columns, default=-1) + 1)
        total = len(rows)
        first_data = True
        for r in range(bottom + 1, total):
            row = rows[r]
            if all(_blank(v) for v in row):
                data.skip("imp_skip_blank", grid, r + 1)
                continue
            if first_data:
                first_data = False
                if is_column_numbers(row):
                    data.skip("imp_skip_column_numbers", grid, r + 1)
                    continue
            has_key = any(c < len(row) and not _blank(row[c]) for c in key_columns)
            if signature_from is not None:
                if self._holds_amount(row, money_columns):
                    self.problem(
                        grid,
                        "imp_after_signature",
                        row=r + 1,
                        params={"signature": signature_from},
                    )
                    signature_from = None
                else:
                    data.skip("imp_skip_signature", grid, r + 1)
                    continue
            if not has_key:
                kind = self._special_row(row, stt_column, text_columns, money_columns)
                if kind is not None:
                    what, text, marker = kind
                    stated = {
                        c: row[c] for c in money_columns if c < len(row) and not _blank(row[c])
                    }
                    if what == "signature":
                        signature_from = r + 1
                        data.skip("imp_skip_signature", grid, r + 1)
                        continue
                    if what == "total":
                        data.skip("imp_skip_total", grid, r + 1)
                        label = total_label(text)
                        if label.grand:
                            grand_pending.append((r + 1, text, stated))
                            continue
                        start = last_total
                        for g in reversed(groups):
                            if label.scope is None or g.marker == label.scope:
                                start = max(start, g.start) if label.scope is None else g.start
                                break
                        if label.scope is None and "res_ref" in letters:
                            # A subtotal never spans two resolutions' works.
                            start = max(start, _run_start(data.records, start, "res_ref"))
                        self._check_total(
                            data, grid, r + 1, text, stated, data.records[start:], columns, units
                        )
                        last_total = len(data.records)
                        continue
                    # A group row: it closes the groups at its level and below.
                    data.skip("imp_skip_group", grid, r + 1)
                    new = self._group(text, r + 1, marker, len(data.records), len(groups))
                    while groups and groups[-1].level >= new.level:
                        self._close_group(data, grid, groups.pop(), columns, units)
                    new.stated = stated
                    groups.append(new)
                    data.group_labels.append(new.label)
                    last_total = len(data.records)
                    continue
            if r in across:
                r0, c0, r1, c1 = across[r]
                if r == r0:
                    self.problem(
                        grid,
                        "imp_merged_data",
                        row=r0 + 1,
                        column=column_letter(c0),
                        params={"range": _range_ref(r0, c0, r1, c1)},
                    )
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
            if len(row) > header_width:
                for c in range(header_width, len(row)):
                    if not _blank(row[c]) and c not in stray_reported and c not in lost:
                        stray_reported.add(c)
                        self.problem(
                            grid,
                            "imp_data_no_header",
                            row=r + 1,
                            column=column_letter(c),
                            found=_shown(row[c]),
                        )
            values: dict[str, Any] = {}
            assumed: list[str] = []
            for c, f in fields:
                raw = row[c] if c < len(row) else None
                raw = self._text(grid, r, c, raw)
                try:
                    if f.kind == "money":
                        unit = units[c]
                        amount, explicit = parse_money_unit(raw, unit or DONG)
                        if amount is None and f.required:
                            raise ParseError("imp_required")
                        if amount is not None and unit is None and not explicit:
                            assumed.append(f.key)
                        values[f.key] = amount
                    else:
                        values[f.key] = self.parse(f, raw, DONG)
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
            for _c, col in joined_columns:
                parts = [
                    f"{label} {plain_text(self._text(grid, r, pc, row[pc]))}".strip()
                    for label, pc in col.joined
                    if pc < len(row) and not _blank(row[pc])
                ]
                values[col.field.key] = "; ".join(parts) or None
            record = Record(r + 1, values, letters, grid)
            for c, col in capital_columns:
                raw = row[c] if c < len(row) else None
                try:
                    amount, explicit = parse_money_unit(
                        self._text(grid, r, c, raw), units[c] or DONG
                    )
                except ParseError as err:
                    self.problem(
                        grid,
                        err.key,
                        row=r + 1,
                        column=column_letter(c),
                        header=col.header,
                        found=_shown(raw),
                        params=err.params,
                    )
                    continue
                if amount is not None:
                    record.capital.append((col.source or "", amount, column_letter(c)))
                    if units[c] is None and not explicit:
                        assumed.append(f"capital:{c}")
            if assumed:
                record.assumed = tuple(assumed)
                assumed_cells += len(assumed)
            for g in reversed(groups):
                if record.phase is None and g.phase:
                    record.phase = g.phase
                if record.sector is None and g.sector:
                    record.sector = g.sector
            data.records.append(record)
            if self.progress and (r - bottom) % 2000 == 0:
                self.progress(grid.sheet or grid.file, r, total)
        while groups:
            self._close_group(data, grid, groups.pop(), columns, units)
        for row_no, text, stated in grand_pending:
            self._check_total(
                data, grid, row_no, text, stated, data.records[first_record:], columns, units
            )
        if money_columns:
            if not stated_unit and all(units[c] is None for c in money_columns) and assumed_cells:
                data.units.append((grid.sheet or grid.file, "assumed", assumed_cells))
            elif sheet_unit is not None:
                data.units.append((grid.sheet or grid.file, "stated", 0))
        if self.progress:
            self.progress(grid.sheet or grid.file, total, total)

    def _holds_amount(self, row: list[Any], money_columns: list[int]) -> bool:
        """True when some money cell of the row reads as an amount (names never do)."""
        for c in money_columns:
            if c < len(row) and not _blank(row[c]):
                try:
                    if parse_money_unit(row[c])[0] is not None:
                        return True
                except ParseError:
                    continue
        return False

    def _group(self, text: str, row: int, marker: str | None, start: int, depth: int) -> _Group:
        lead, label = split_leading_marker(text)
        marker = marker or lead
        phase = phase_of(label)
        level = group_level(marker) if marker else None
        if level is None:
            level = 1 if phase else depth + 1
        sector = None if phase else nfc(label) or None
        return _Group(level, marker, nfc(text), phase, sector, start, row)

    def _special_row(
        self,
        row: list[Any],
        stt_column: int | None,
        text_columns: list[int],
        money_columns: list[int],
    ) -> tuple[str, str, str | None] | None:
        """("total" | "group" | "signature", its text, its STT marker) or None for a data row."""
        texts = [
            plain_text(self._peek_text(v) if isinstance(v, str) else v)
            for c, v in enumerate(row)
            if isinstance(v, str) and v.strip() and c != stt_column
        ]
        if not texts:
            return None
        first = texts[0]
        if total_label(first) is not None:
            return "total", first, None
        # A row with an amount is never a signature, nor an unnumbered group: a note such
        # as "Ngày 5 tháng 7 năm 2024 khởi công" must not hide a work.
        amount = self._holds_amount(row, money_columns)
        if not amount and any(is_signature(t) for t in texts):
            return "signature", first, None
        marker = None
        if stt_column is not None and stt_column < len(row):
            marker = stt_marker(row[stt_column])
        lead, label = split_leading_marker(first)
        if marker is None and lead is None and (amount or phase_of(first) is None):
            return None
        filled_text = sum(1 for c in text_columns if c < len(row) and not _blank(row[c]))
        if filled_text > 1 and marker is None and lead is None:
            return None
        return "group", first, marker

    def _close_group(
        self,
        data: SheetData,
        grid: Grid,
        group: _Group,
        columns: dict[int, Column],
        units: dict[int, Decimal | None],
    ) -> None:
        if group.stated:
            self._check_total(
                data,
                grid,
                group.row,
                group.label,
                group.stated,
                data.records[group.start :],
                columns,
                units,
            )

    def _check_total(
        self,
        data: SheetData,
        grid: Grid,
        row: int,
        label: str,
        stated: dict[int, Any],
        records: list[Record],
        columns: dict[int, Column],
        units: dict[int, Decimal | None],
    ) -> None:
        for c, raw in stated.items():
            col = columns[c]
            try:
                amount, _explicit = parse_money_unit(
                    self._text(grid, row - 1, c, raw), units[c] or DONG
                )
            except ParseError as err:
                self.problem(
                    grid,
                    err.key,
                    row=row,
                    column=column_letter(c),
                    header=col.field.header_vi if col.field else col.header,
                    found=_shown(raw),
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

    def _peek_text(self, value: str) -> str:
        return value if value.isascii() else fix(value).text

    def parse(self, f: Field, raw: Any, unit: Decimal) -> Any:
        value: Any
        if f.kind in ("text", "ref"):
            value = plain_text(raw) or None
        elif f.kind == "unit":
            code = plain_text(raw)
            if code.isdigit() and len(code) < 5 and code not in self.units:
                code = code.zfill(5)  # a commune code whose leading zeros a spreadsheet ate
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
            if value is not None and f.choices in ("capital_source", "surplus_category"):
                text = plain_text(raw)
                if text != str(value):
                    key = (f.header_vi, text, str(value))
                    self.conversions[key] = self.conversions.get(key, 0) + 1
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
            rec.grid or data.grid,
            key,
            row=rec.row,
            column=rec.columns.get(field_key),
            header=f.header_vi,
            found=_shown(rec[field_key]),
            params=params,
        )

    def unit_dates(self, res: SheetData | None) -> None:
        """A resolution dated on a day its unit did not exist names the unit(s) of that day."""
        catalogue = self.reader.units
        if res is None or not isinstance(catalogue, UnitCatalogue):
            return
        for rec in res.records:
            code, day = rec["unit_code"], rec["issue_date"]
            if not (code and isinstance(day, date)):
                continue
            gone = catalogue.explain(code, day)
            if gone is None:
                continue
            shown = {"unit": gone["unit"], "day": vn_date(day)}
            if gone["began"] is not None:
                self.report(
                    res,
                    rec,
                    "issue_date",
                    "imp_unit_not_yet",
                    began=vn_date(gone["began"]),
                    **shown,
                )
            elif gone["now"]:
                self.report(
                    res,
                    rec,
                    "issue_date",
                    "imp_unit_ended",
                    ended=vn_date(gone["ended"]),
                    now=gone["now"],
                    **shown,
                )
            else:
                self.report(
                    res,
                    rec,
                    "issue_date",
                    "imp_unit_ended_alone",
                    ended=vn_date(gone["ended"]),
                    **shown,
                )

    def unit_years(self, surpluses: SheetData | None) -> None:
        """A surplus allocated in a year its unit did not exist at all names the units."""
        catalogue = self.reader.units
        if surpluses is None or not isinstance(catalogue, UnitCatalogue):
            return
        for rec in surpluses.records:
            code, year = rec["unit_code"], rec["year"]
            if not (code and isinstance(year, int)) or code not in catalogue:
                continue
            first, last = date(year, 1, 1), date(year, 12, 31)
            if any(p.overlaps(first, last) for p in catalogue.periods[code]):
                continue
            gone = catalogue.explain(code, first) or catalogue.explain(code, last)
            shown = {"unit": gone["unit"], "day": str(year)}
            if gone["began"] is not None:
                self.report(
                    surpluses,
                    rec,
                    "year",
                    "imp_unit_not_yet",
                    began=vn_date(gone["began"]),
                    **shown,
                )
            elif gone["now"]:
                self.report(
                    surpluses,
                    rec,
                    "year",
                    "imp_unit_ended_year",
                    ended=vn_date(gone["ended"]),
                    now=gone["now"],
                    **shown,
                )
            else:
                self.report(
                    surpluses,
                    rec,
                    "year",
                    "imp_unit_ended_alone",
                    ended=vn_date(gone["ended"]),
                    **shown,
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
        if parent is not None and (not parent.usable or parent_field not in parent.present):
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

    def default_resolution(self, res: SheetData | None, works: SheetData | None) -> None:
        """A work row without Mã NQ belongs to the file's only resolution; else it is missing."""
        if works is None:
            return
        only = [r["res_ref"] for r in res.records if r["res_ref"]] if res is not None else []
        for rec in works.records:
            if rec["res_ref"]:
                continue
            if len(only) == 1:
                rec.values["res_ref"] = only[0]
            elif res is not None and "res_ref" in res.present:
                self.reader.problem(
                    rec.grid or works.grid,
                    "imp_res_ref_needed",
                    row=rec.row,
                    column=rec.columns.get("res_ref"),
                    header=WORKS.field("res_ref").header_vi,
                    found="",
                    params={"count": len(only)},
                )

    def amounts(self) -> None:
        """Amounts that cannot be right in the unit they were read in: one sentence a sheet."""
        works = self.sheet(WORKS.key)
        capital = self.sheet(CAPITAL.key)
        surpluses = self.sheet(SURPLUSES.key)
        lines = self.sheet(SURPLUS_LINES.key)
        checks = (
            (works, "total_investment", WORK_MIN_STATED, WORK_MIN_ASSUMED, WORK_MAX),
            (capital, "amount", LINE_MIN_STATED, LINE_MIN_ASSUMED, WORK_MAX),
            (surpluses, "available", SURPLUS_MIN_STATED, SURPLUS_MIN_ASSUMED, WORK_MAX),
            (lines, "amount", LINE_MIN_STATED, LINE_MIN_ASSUMED, WORK_MAX),
        )
        for data, key, low_stated, low_assumed, high in checks:
            if data is None:
                continue
            bad: dict[str, list[Record]] = {}
            for rec in data.records:
                amounts = [(key, rec[key], key in rec.assumed)]
                amounts += [
                    (
                        f"capital:{letter}",
                        amount,
                        any(a.startswith("capital:") for a in rec.assumed),
                    )
                    for _src, amount, letter in rec.capital
                ]
                for _what, amount, assumed in amounts:
                    if not amount:
                        continue
                    low = low_assumed if assumed else low_stated
                    if amount < low or amount > high:
                        bad.setdefault(rec.grid.sheet if rec.grid else "", []).append(rec)
                        break
            for _sheet, recs in bad.items():
                rec = recs[0]
                amount = rec[key] or (rec.capital[0][1] if rec.capital else 0)
                self.reader.problem(
                    rec.grid or data.grid,
                    "imp_unit_implausible",
                    row=rec.row,
                    column=rec.columns.get(key),
                    header=data.sheet.field(key).header_vi,
                    params={
                        "amount": group_thousands(amount),
                        "count": len(recs),
                        "too": ("imp_amount_too_small", {})
                        if amount < WORK_MAX
                        else ("imp_amount_too_large", {}),
                    },
                )
        if works is None or capital is None:
            return
        totals = {_ref(r["work_ref"]): r for r in works.records if r["work_ref"]}
        sums: dict[str, int] = {}
        for rec in capital.records:
            if rec["work_ref"] and rec["amount"]:
                sums[_ref(rec["work_ref"])] = sums.get(_ref(rec["work_ref"]), 0) + rec["amount"]
        for ref, listed in sums.items():
            work = totals.get(ref)
            if work is None or not work["total_investment"]:
                continue
            total = Decimal(work["total_investment"])
            for factor in (Decimal(1000), Decimal(10**6)):
                for a, b in ((total, listed * factor), (listed, total * factor)):
                    if abs(a - b) <= a * UNIT_RATIO_SLACK:
                        self.reader.problem(
                            capital.grid,
                            "imp_unit_mismatch",
                            params={
                                "work": work["work_ref"],
                                "row": work.row,
                                "factor": group_thousands(int(factor)),
                            },
                        )
                        return

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
        self.unit_dates(res)
        self.unit_years(self.sheet(SURPLUSES.key))
        res_refs = refs(res, "res_ref")
        self.exists(res, "amends_ref", RESOLUTIONS.key, "res_ref", res_refs)

        self.default_resolution(res, works)
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
        self.amounts()


# -- from records to a Dataset -------------------------------------------------------------


def resolution_id(unit_code: str, year: int, number: str, issue_date: date) -> str:
    """A resolution id that depends only on what identifies the resolution."""
    natural = f"{year}|{resolution_key(unit_code, number, issue_date)}"
    digest = hashlib.sha1(natural.encode("utf-8")).hexdigest()[:10]
    return f"NQ-{unit_code}-{year}-{digest}"


def _field_of_sector(sector: str) -> str | None:
    """The project field a sector group names ("A. Giao thông"), or None."""
    try:
        found = parse_choice("project_field", sector)
    except ParseError:
        return None
    return str(found) if found else None


def _criterion_of_sector(sector: str) -> int | None:
    """The NTM criterion a sector group names ("A. Giao thông" → 2), or None."""
    try:
        found = parse_choice("ntm_criterion", sector)
    except ParseError:
        return None
    return found if isinstance(found, int) else None


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
            note=_text_or_none(r["note"]),
        )
    for r in records[RESOLUTIONS.key]:
        if r["amends_ref"]:
            resolutions[_ref(r["res_ref"])].amends_id = resolutions[
                _ref(r["amends_ref"])
            ].resolution_id
    for r in sorted(records[BASIS.key], key=lambda r: r["line_no"]):
        resolutions[_ref(r["res_ref"])].basis.append(nfc(r["text"]))
    works: dict[str, Project] = {}
    work_of_record: dict[int, tuple[Project, Resolution]] = {}
    for r in records[WORKS.key]:
        criterion = r["criterion_code"]
        if criterion is None and r.sector:
            criterion = _criterion_of_sector(r.sector)
        project = Project(
            name=nfc(r["name"]),
            total_investment=r["total_investment"],
            criterion_code=criterion,
            location=_text_or_none(r["location"]),
            scale=_text_or_none(r["scale"]),
            period=_text_or_none(r["period"]),
            group_code=_text_or_none(r["group_code"]),
            # The project field: its column, else the sector group the work is listed under.
            sector=r["sector"] or (_field_of_sector(r.sector) if r.sector else None),
            policy_decision_ref=_text_or_none(r["policy_decision_ref"]),
            policy_delegated=bool(r["policy_delegated"]),
            small_mechanism=bool(r["small_mechanism"]),
            commune_group=r["commune_group"],
            phase=r["phase"] or r.phase,
            note=_text_or_none(r["note"]),
        )
        for source, amount, _letter in r.capital:
            project.capital.append(CapitalLine(source, amount))
        works[_ref(r["work_ref"]) or f"#row{id(r)}"] = project
        resolution = resolutions[_ref(r["res_ref"])]
        resolution.projects.append(project)
        work_of_record[id(r)] = (project, resolution)
    capital_res: dict[int, Resolution] = {}
    for r in records[CAPITAL.key]:
        works[_ref(r["work_ref"])].capital.append(
            CapitalLine(
                r["source_code"],
                r["amount"],
                _text_or_none(r["programme_share"]),
                revenue_kind=r["revenue_kind"],
                note=_text_or_none(r["note"]),
            )
        )
    by_ref = {
        _ref(w["work_ref"]): work_of_record[id(w)][1] for w in records[WORKS.key] if w["work_ref"]
    }
    for r in records[CAPITAL.key]:
        capital_res[id(r)] = by_ref[_ref(r["work_ref"])]
    surpluses: dict[str, Surplus] = {}
    surplus_res: dict[str, Resolution | None] = {}
    for r in records[SURPLUSES.key]:
        linked = resolutions.get(_ref(r["res_ref"])) if r["res_ref"] else None
        surplus_res[_ref(r["surplus_ref"])] = linked
        surpluses[_ref(r["surplus_ref"])] = Surplus(
            unit_code=r["unit_code"],
            year=r["year"],
            fiscal_year=r["fiscal_year"],
            available=r["available"],
            settlement_ref=_text_or_none(r["settlement_ref"]),
            settlement_date=r["settlement_date"],
            resolution_id=linked.resolution_id if linked else None,
            note=_text_or_none(r["note"]),
        )
    for r in sorted(records[SURPLUS_LINES.key], key=lambda r: r["line_no"]):
        surpluses[_ref(r["surplus_ref"])].lines.append(
            SurplusLine(
                category_code=r["category_code"],
                amount=r["amount"],
                item=_text_or_none(r["item"]),
                project_name=_text_or_none(r["project_name"]),
                field_code=r["field_code"],
                note=_text_or_none(r["note"]),
            )
        )

    # Stated totals go with the resolution of the rows they cover.
    def owner(key: str, rec: Record) -> Resolution | None:
        if key in (WORKS.key,):
            return work_of_record[id(rec)][1]
        if key == CAPITAL.key:
            return capital_res.get(id(rec))
        if key in (SURPLUSES.key, SURPLUS_LINES.key):
            return surplus_res.get(_ref(rec["surplus_ref"]))
        return resolutions.get(_ref(rec["res_ref"]))

    for key, data in sheets.items():
        for check in data.totals:
            if not check.records:
                continue
            resolution = owner(key, check.records[0])
            if resolution is None:
                continue
            resolution.stated_totals.append(
                StatedTotal(
                    label=check.label,
                    place=f"{check.grid.sheet or Path(check.grid.file).name}!{check.column}{check.row}",
                    measure=check.header,
                    stated=check.stated,
                    listed=check.listed,
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
    return ParsedFile(
        source.name,
        reader.problems,
        reader.notices,
        rows,
        data,
        unit_years,
        reader.sheets,
        reader.conversions,
        reader._legacy,
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


def _read_xlsx_source(reader: _FileReader, source: Source) -> None:
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
        elif all(all(_blank(v) for v in row) for row in grid.rows):
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
            reader.read_sheet(sheet, found[sheet.key])
        for grouped_sheet, grid, label in groups:
            if grouped_sheet.key == sheet.key:
                reader.read_sheet(sheet, grid, group=label)


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


def _current_units(db_path: Path) -> tuple[UnitCatalogue, bool]:
    """The units an import checks against: the database's, or the national catalogue."""
    from ..data.store import Store
    from ..data.unitmap import catalogue_from_store, national_catalogue, succession_rows

    if not db_path.exists() and not db_path.is_symlink():
        return UnitCatalogue.from_rows(national_catalogue(), succession_rows()), False
    with Store.open(db_path) as store:
        return catalogue_from_store(store), True


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
    dry_run: bool = False,
) -> ImportReport:
    """Check every file, then load the ones without problems in one rebuild.

    `review_years` are added to the years under review. A database created by this
    import (or one `init` made, which reviews no year yet) reviews them, or, when none is
    named, every year its data hold: a reviewer can open, check and conclude each one.
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
    if dry_run:
        # What a real import would add and replace, and nothing written.
        present: set[tuple[str, int]] = set()
        if db_path.exists():
            from ..data.extract import extract
            from ..data.store import Store

            with Store.open(db_path) as store:
                present = _unit_years_of(extract(store).data)
        for outcome in accepted:
            uys = outcome.parsed.unit_years
            outcome.added = [uy for uy in uys if uy not in present]
            outcome.replaced = [uy for uy in uys if uy in present]
            present |= set(uys)
        return report
    if on_build:
        on_build()
    started = time.perf_counter()
    counts: dict[str, int] = {}

    def fill(con: Any) -> None:
        from ..data.build import populate
        from ..data.extract import extract
        from ..data.store import Store
        from ..data.unitmap import national_catalogue

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
            # A new database holds the national catalogue: real units, no invented data.
            units_rows, years, meta = national_catalogue(), list(extra_years), {}
            data = Dataset()
        for outcome in accepted:
            parsed = outcome.parsed
            present = _unit_years_of(data)
            outcome.added = [uy for uy in parsed.unit_years if uy not in present]
            outcome.replaced = [uy for uy in parsed.unit_years if uy in present]
            data = merge(data, parsed.data, parsed.unit_years)
        if before is not None and data == before and years == current.review_years:
            raise _Unchanged
        if not years:
            # A new database, or one made by `init`, told no year: every year the data
            # hold is under review, not the latest alone (then an older year's communes
            # without an NTM resolution went unflagged and the year showed as not
            # reviewed). Years named with --review-year are the reviewer's choice.
            years = sorted({y for _u, y in _unit_years_of(data)})
        if before is None or "default_year" not in meta:
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

    from ..data.store import build_database

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
