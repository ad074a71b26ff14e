"""Reading one workbook or CSV file into grids of cells, refusing what cannot be read safely.

A workbook is checked before python-calamine opens it (filecheck.py: sizes an attacker or
a broken writer can inflate), and its XML is looked at for formulas saved without their
value and for hidden rows and columns. A CSV file is decoded in whatever encoding a
Vietnamese office machine wrote it (legacy.py) and split on the delimiter it uses.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...safe import csv_cell_back
from ..legacy import decode_text_bytes
from .problems import FileProblem, column_letter

XLSX_MAGIC = b"PK\x03\x04"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: encrypted OOXML or .xls


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


def _read_head(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(8)
    except FileNotFoundError:
        raise FileProblem("imp_file_missing") from None
    except OSError as exc:
        raise FileProblem("imp_file_unreadable", detail=exc.strerror or str(exc)) from None


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
        raise FileProblem("imp_file_missing")
    if path.stat().st_size == 0:
        raise FileProblem("imp_file_empty")
    head = _read_head(path)
    if head.startswith(CFB_MAGIC[:4]):
        raise FileProblem("imp_encrypted" if _cfb_is_encrypted(path) else "imp_old_xls")
    if not head.startswith(XLSX_MAGIC):
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            raise FileProblem("imp_not_spreadsheet")
        raise FileProblem("imp_unsupported")
    _check_package(path)
    import python_calamine

    unsaved, hidden = _workbook_xml_facts(path)
    if unsaved:
        shown = "; ".join(
            f"“{sheet}” {', '.join(cells[:6])}{' …' if len(cells) > 6 else ''}"
            for sheet, cells in unsaved.items()
        )
        raise FileProblem("imp_formula_unsaved", cells=shown)
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
        raise FileProblem("imp_encrypted") from None
    except (python_calamine.CalamineError, ValueError, OSError):
        raise FileProblem("imp_not_spreadsheet") from None
    return grids


def _check_package(path: Path) -> None:
    """Refuse a workbook bigger than any reader should build (filecheck.py), before
    python-calamine allocates anything for it."""
    import zipfile

    from ...fmt import group_thousands
    from ..filecheck import TooLarge, check_workbook

    try:
        check_workbook(path)
    except TooLarge as exc:
        raise FileProblem(
            "imp_too_large",
            what=(f"imp_limit_{exc.what}", {}),
            found=group_thousands(exc.found),
            limit=group_thousands(exc.limit),
        ) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError):
        raise FileProblem("imp_not_spreadsheet") from None
    except OSError as exc:
        raise FileProblem("imp_file_unreadable", detail=exc.strerror or str(exc)) from None


def _sniff_delimiter(text: str) -> str:
    for line in text.splitlines():
        if line.strip(" ,;\t"):
            counts = {d: line.count(d) for d in (",", ";", "\t")}
            return max(counts, key=lambda d: counts[d])
    return ","


def read_csv_file(path: Path) -> tuple[Grid, str]:
    """The cells of a CSV file and the encoding it was read in."""
    if not path.exists():
        raise FileProblem("imp_file_missing")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FileProblem("imp_file_unreadable", detail=exc.strerror or str(exc)) from None
    if not raw:
        raise FileProblem("imp_file_empty")
    if raw.startswith(XLSX_MAGIC) or raw.startswith(CFB_MAGIC[:4]):
        raise FileProblem("imp_unsupported")
    from ..filecheck import csv_encoding_problem

    if found := csv_encoding_problem(raw):  # UTF-16/32 or NUL bytes: say which, and where
        raise FileProblem(found[0], **found[1])
    try:
        text, encoding = decode_text_bytes(raw)
    except UnicodeDecodeError:
        raise FileProblem("imp_csv_encoding") from None
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text)))
        # Our CSV exports guard formula-like text with an apostrophe: read it back as written.
        rows = [[csv_cell_back(cell) for cell in row] for row in rows]
    except csv.Error:
        raise FileProblem("imp_unsupported") from None
    return Grid(str(path), None, rows), encoding
