"""The one boundary every text from data crosses before any output, terminal or file.

Commune spreadsheets, notes and co-reviewers' text are untrusted. A raw ESC starts a
terminal control sequence (OSC 52 writes the clipboard, OSC 0/2 the title, OSC 8 a link),
BEL rings, C1 controls act like ESC on some terminals, bidi overrides reorder what the
reader sees, zero-width characters hide text, and one control character makes openpyxl
and python-docx refuse to write a file at all. So:

- `safe(text)` shows every such character as a visible escape (``\\x1b``, ``\\u202e``)
  and keeps line breaks (as ``\\n``) and tabs: for detail views and files;
- `one_line(text)` does the same and shows each line break as `` ⏎ ``: for table cells
  and one-line-per-record output, where a line break could forge a row.

Store.rows/dicts and the review store's reads apply `safe` to every string they return,
so everything read from data is already safe; text from other sources (import problems,
paths) is passed through here by the code that prints it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from typing import Any

# C0 controls except tab and line feed; DEL; C1 controls.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# Bidi embeddings, overrides and isolates; directional marks; zero-width characters,
# word joiner and invisible operators; the byte-order mark; interlinear annotations;
# line and paragraph separators (a terminal may break the line on them).
_INVISIBLE = "\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
_UNSAFE = re.compile(f"[{_CONTROLS}{_INVISIBLE}]")
_UNSAFE_OR_BREAK = re.compile(f"\r\n|[\n\t{_CONTROLS}{_INVISIBLE}]")
LINE_MARK = " ⏎ "


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _escape_match(match: re.Match[str]) -> str:
    return _escape(match.group())


def _one_line_match(match: re.Match[str]) -> str:
    found = match.group()
    if found in ("\n", "\r\n"):
        return LINE_MARK
    if found == "\t":
        return " "
    return _escape(found)


def safe(text: str) -> str:
    """Text with every control, bidi and zero-width character shown as a visible escape.

    Line feeds and tabs are kept; a CR of a CRLF pair becomes a plain line feed.
    """
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(_escape_match, text.replace("\r\n", "\n"))


def one_line(text: Any) -> str:
    """safe(), on one line: each line break shown as ' ⏎ ', tabs as spaces."""
    if text is None:
        return ""
    text = str(text)
    if not _UNSAFE_OR_BREAK.search(text):
        return text
    return _UNSAFE_OR_BREAK.sub(_one_line_match, text)


def safe_value(value: Any) -> Any:
    """safe() for strings (also inside lists, as DuckDB returns LIST columns)."""
    if type(value) is str:
        return safe(value)
    if type(value) is list:
        return [safe_value(v) for v in value]
    return value


def _needs_care(value: Any) -> bool:
    # str.isprintable() (C speed) is False for every character _UNSAFE matches, and for
    # a few harmless ones (line feed, tab, no-break space): only those need the regex.
    if type(value) is str:
        return not value.isprintable() and _UNSAFE.search(value) is not None
    return type(value) is list and any(_needs_care(v) for v in value)


def safe_row(row: tuple) -> tuple:
    """A database row with every string made safe()."""
    for value in row:
        if _needs_care(value):
            return tuple(safe_value(v) for v in row)
    return row


def safe_rows(rows: list[tuple]) -> list[tuple]:
    """safe_row() for every row. Almost no data needs it: one isprintable() over all the
    text of the result (C speed) usually says so at once (a regex search per value made a
    national `check` seconds slower)."""
    if not rows:
        return rows
    if any(type(v) is list for v in rows[0]):
        return [safe_row(row) for row in rows]
    if " ".join([v for row in rows for v in row if type(v) is str]).isprintable():
        return rows
    return [safe_row(row) for row in rows]


# -- spreadsheets: data is never a formula ---------------------------------------------

# OWASP "CSV injection": a cell starting with one of these is a formula to Excel,
# LibreOffice or Google Sheets (tab and CR too, as they are skipped before the check).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_TEXT_PREFIX = "'"


def csv_cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs as a formula: a text starting with = + - @ tab
    or CR gets a leading apostrophe (OWASP's rule); csv_cell_back() takes it off again.
    A text that already starts with apostrophes before one of those gets one more, so
    that it too comes back as it was."""
    if type(value) is str and value.lstrip(CSV_TEXT_PREFIX).startswith(FORMULA_STARTS):
        return CSV_TEXT_PREFIX + value
    return value


# Every CSV ntm-review writes (export, the --format csv of check, compare, log and
# followup, the import problems file) is UTF-8 with a byte-order mark (it tells Excel
# the file is UTF-8) and CRLF line ends, whatever the locale: write_csv() is the one writer.
CSV_ENCODING = "utf-8-sig"


def write_csv(handle: Any, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Write a CSV table into `handle` (a text stream opened with newline="", and with
    CSV_ENCODING when it is a file): CRLF line ends, None as an empty cell, every cell
    formula-safe (csv_cell). The header is written even with no rows, so that a reader
    can tell "nothing found" from "no output"."""
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([csv_cell("" if v is None else v) for v in row] for row in rows)


def csv_cell_back(text: str) -> str:
    """The value csv_cell() was given: one apostrophe before a formula start is dropped."""
    if text[:1] == CSV_TEXT_PREFIX and text.lstrip(CSV_TEXT_PREFIX).startswith(FORMULA_STARTS):
        return text[1:]
    return text


def xlsx_append(worksheet: Any, row: list[Any]) -> None:
    """Append a row to an openpyxl worksheet with its text held as text: never a formula
    (openpyxl takes any string starting with '=' for one) and never a raw control
    character (one makes openpyxl refuse the whole workbook)."""
    worksheet.append([safe(v).replace("\t", " ") if type(v) is str else v for v in row])
    for cell in worksheet[worksheet.max_row]:
        if type(cell.value) is str:
            cell.data_type = "s"
