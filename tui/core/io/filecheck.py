"""Checks on an imported file before any parser reads it (issue 15, items 14 and 15).

Communes' files are untrusted. A 25 kB workbook declaring a cell at XFD1048576 made the
reader allocate 512 GiB; a 3.3 MB one reached 8.4 GB of memory. So before python-calamine
opens a workbook, `check_workbook` walks the zip package itself:

- the members' declared sizes, their compression ratio and their number;
- each worksheet's declared <dimension>;
- each worksheet's real content, decompressed in chunks (the declared sizes may lie) with
  a byte budget and a time budget: its size, the number of cells and the highest row and
  column a cell names, so that the grid the reader builds (rows × columns) is bounded.

Anything over a limit is refused with one sentence (imp_too_large) naming what and how
much. Everything that is read afterwards has been measured here first.

`csv_encoding_problem` names the encoding of a text file that is not 8-bit text (UTF-16
or UTF-32 by their byte-order mark or their NUL pattern, or a stray NUL byte) and the row
where it shows.
"""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

MAX_MEMBERS = 2_000
MAX_MEMBER_BYTES = 256 * 1024 * 1024  # one uncompressed part of the package
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # the whole package, uncompressed
MAX_RATIO = 200  # uncompressed / compressed, for parts larger than 1 MB
MAX_CELLS = 3_000_000  # cells present in all sheets
MAX_GRID = 10_000_000  # rows × columns of one sheet, as the reader lays it out
SCAN_SECONDS = 30.0
_CHUNK = 1 << 20

_CELL_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s/>]")
# The usual writing of a cell (no namespace prefix, the reference first), read far faster;
# used only when it accounts for every cell tag of the text scanned.
_CELL_LETTERS_PLAIN = re.compile(rb'<c r="([A-Z]{1,3})[0-9]')
_CELL_ROW_PLAIN = re.compile(rb'<c r="[A-Z]{1,3}([0-9]{1,7})"')
_CELL_TAG_PLAIN = re.compile(rb"<c[\s/>]")
_ROW_REF_PLAIN = re.compile(rb'<row r="([0-9]{1,7})"')
_ROW_REF = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="([0-9]{1,7})"')
_DIMENSION = re.compile(
    rb'<(?:\w+:)?dimension\b[^>]*?\bref="([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?"'
)


class TooLarge(Exception):
    """A limit was exceeded: what (a message key part), found and limit."""

    def __init__(self, what: str, found: int, limit: int) -> None:
        super().__init__(what)
        self.what = what
        self.found = found
        self.limit = limit


def _column_number(letters: bytes) -> int:
    number = 0
    for char in letters:
        number = number * 26 + (char - 64)
    return number


def check_workbook(path: Path) -> None:
    """Raise TooLarge when the .xlsx package at path is bigger than any reader should
    build; zipfile.BadZipFile when it is not a zip at all."""
    with zipfile.ZipFile(path) as package:
        members = package.infolist()
        if len(members) > MAX_MEMBERS:
            raise TooLarge("members", len(members), MAX_MEMBERS)
        total = 0
        for info in members:
            if info.file_size > MAX_MEMBER_BYTES:
                raise TooLarge("part_bytes", info.file_size, MAX_MEMBER_BYTES)
            total += info.file_size
            if info.file_size > 1 << 20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise TooLarge("ratio", info.file_size // max(info.compress_size, 1), MAX_RATIO)
        if total > MAX_TOTAL_BYTES:
            raise TooLarge("total_bytes", total, MAX_TOTAL_BYTES)
        deadline = time.monotonic() + SCAN_SECONDS
        cells = 0
        real_total = 0
        for info in members:
            name = info.filename
            is_sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
            if not (is_sheet or name == "xl/sharedStrings.xml"):
                continue
            size, sheet_cells = _scan(package, info, is_sheet, deadline)
            real_total += size
            cells += sheet_cells
            if real_total > MAX_TOTAL_BYTES:
                raise TooLarge("total_bytes", real_total, MAX_TOTAL_BYTES)
            if cells > MAX_CELLS:
                raise TooLarge("cells", cells, MAX_CELLS)


def _cell_tags(text: bytes) -> int:
    """How many cell tags the text holds (as _CELL_TAG counts them), by plain counting
    unless a namespace prefix may be in use."""
    return len((_CELL_TAG if b":c" in text else _CELL_TAG_PLAIN).findall(text))


def _scan(
    package: zipfile.ZipFile, info: zipfile.ZipInfo, is_sheet: bool, deadline: float
) -> tuple[int, int]:
    """The real uncompressed size of one part and, for a sheet, its cell count; raises
    TooLarge as soon as the part, its grid or the time budget is exceeded."""
    size = cells = max_row = max_col = 0
    tail = b""
    first = True
    with package.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > MAX_MEMBER_BYTES:
                raise TooLarge("part_bytes", size, MAX_MEMBER_BYTES)
            if time.monotonic() > deadline:
                raise TooLarge("seconds", int(SCAN_SECONDS), int(SCAN_SECONDS))
            if not is_sheet:
                continue
            # Tags may straddle two chunks: scan the end of the previous one again.
            window = tail + chunk
            if first:
                first = False
                if dim := _DIMENSION.search(window):
                    last_col = dim.group(3) or dim.group(1)
                    last_row = dim.group(4) or dim.group(2)
                    declared = _column_number(last_col) * int(last_row)
                    if declared > MAX_GRID:
                        raise TooLarge("grid", declared, MAX_GRID)
            cells += _cell_tags(chunk)  # a tag cut by a chunk edge: an estimate
            numbers = _CELL_ROW_PLAIN.findall(window)
            if len(numbers) == _cell_tags(window):
                # Every cell written the usual way: its letters sit at the same places.
                letters = _CELL_LETTERS_PLAIN.findall(window)
            else:
                refs = _CELL_REF.findall(window)  # some cell written otherwise: the full pattern
                letters = [ref[0] for ref in refs]
                numbers = [ref[1] for ref in refs]
            # Distinct references only: a sheet repeats its few column letters on every row.
            if numbers:
                max_col = max(max_col, *map(_column_number, set(letters)))
                max_row = max(max_row, *map(int, set(numbers)))
            rows = _ROW_REF_PLAIN.findall(window)
            if len(rows) != window.count(b"<row") or b":row" in window:
                rows = _ROW_REF.findall(window)
            if rows:
                max_row = max(max_row, *map(int, set(rows)))
            if max_row * max(max_col, 1) > MAX_GRID:
                raise TooLarge("grid", max_row * max(max_col, 1), MAX_GRID)
            tail = window[-256:]
    return size, cells


# -- text files -------------------------------------------------------------------------

_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32 LE"),
    (b"\x00\x00\xfe\xff", "UTF-32 BE"),
    (b"\xff\xfe", "UTF-16 LE"),
    (b"\xfe\xff", "UTF-16 BE"),
)


def csv_encoding_problem(raw: bytes) -> tuple[str, dict[str, object]] | None:
    """(message key, params) when a CSV file is not 8-bit text, else None.

    UTF-16/32 is recognised by its byte-order mark or by NUL bytes in every other (or
    every fourth) position; any other NUL byte is reported with the row it is on.
    """
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return "imp_csv_utf16", {"encoding": name, "row": 1}
    head = raw[:4096]
    if len(head) >= 4 and b"\x00" in head:
        even = head[0::2].count(0)
        odd = head[1::2].count(0)
        half = len(head) // 2
        if odd > 0.6 * half and even < 0.1 * half:
            return "imp_csv_utf16", {"encoding": "UTF-16 LE", "row": 1}
        if even > 0.6 * half and odd < 0.1 * half:
            return "imp_csv_utf16", {"encoding": "UTF-16 BE", "row": 1}
    nul = raw.find(b"\x00")
    if nul >= 0:
        row = raw.count(b"\n", 0, nul) + 1
        return "imp_csv_nul", {"row": row, "encoding": "UTF-8" if _is_utf8(raw) else "8-bit"}
    return None


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
