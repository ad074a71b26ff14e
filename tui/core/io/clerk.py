"""What clerks add around the template's table, recognised so the table imports as sent.

A filled-in sheet often has: an STT column ("1.", "2.", "I", "A"), group rows
("I. Công trình chuyển tiếp", "A. Giao thông"), subtotal and total rows ("Cộng",
"Tổng cộng"), a row of column numbers under the header ("(1) (2) (3)"), a signature
block ("Người lập biểu … Chủ tịch") and the names people write in coded columns
("Ngân sách xã" for NS_XA). This module only classifies text; the importer decides
what to do with each kind of row.

The names accepted in coded columns and headers come from data/import_synonyms.csv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from ..data.dataset import iter_csv
from ..paths import DATA_DIR
from ..textfold import fold

# -- synonyms ------------------------------------------------------------------------------


@cache
def synonyms() -> dict[str, dict[str, str]]:
    """list name → {folded name → code}, from data/import_synonyms.csv."""
    table: dict[str, dict[str, str]] = {}
    for row in iter_csv(DATA_DIR / "import_synonyms.csv"):
        table.setdefault(row["list"], {})[fold(row["name"])] = row["code"]
    return table


# -- STT and group markers -----------------------------------------------------------------

_ROMAN = re.compile(r"^(?=[ivxlc])(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_MARKER = re.compile(r"^\s*(?P<marker>[ivxlc]+|[a-z]|\d{1,3})\s*[.)/:\-–]?\s*$")
_LEADING_MARKER = re.compile(r"^\s*(?P<marker>[ivxlc]+|[a-z]|\d{1,3}(?:\.\d{1,3})*)\s*[.)/:\-–]\s+")
_STT = re.compile(r"^\s*(\d{1,5})\s*[.)]?\s*$")


def stt_number(value: object) -> int | None:
    """1, "1", "1." and "1)" are STT 1; anything else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value > 0 else None
    if isinstance(value, str):
        match = _STT.match(value)
        return int(match.group(1)) if match and int(match.group(1)) > 0 else None
    return None


def group_level(marker: str) -> int | None:
    """How deep a group marker is: I, II … → 1; A, B … → 2; None for a work's number."""
    key = fold(marker)
    if _ROMAN.match(key) and key:
        return 1
    if len(key) == 1 and key.isalpha():
        return 2
    return None


def stt_marker(value: object) -> str | None:
    """The group marker of an STT cell ("I", "II.", "A", "b)"); None for numbers and text."""
    if not isinstance(value, str):
        return None
    match = _MARKER.match(fold(value))
    if not match or match.group("marker").isdigit():
        return None
    return match.group("marker")


def split_leading_marker(text: str) -> tuple[str | None, str]:
    """ "I. Công trình chuyển tiếp" → ("i", "Công trình chuyển tiếp")."""
    match = _LEADING_MARKER.match(text)
    if not match:
        return None, text
    marker = fold(match.group("marker"))
    if marker[0].isdigit():
        return None, text
    if len(marker) > 1 and not _ROMAN.match(marker):
        return None, text
    return marker, text[match.end() :].strip()


# -- kinds of rows -------------------------------------------------------------------------

_TOTAL = re.compile(
    r"^(?P<word>tong cong|tong so|tong|cong)"
    r"(?:\s*[:.]?\s*(?P<scope>\(?[ivxlc]+(?:\s*\+\s*[ivxlc]+)*\)?|\(?[a-h]\)?"
    r"|(?:nhom|phan|muc|toan bo|cac)\b.*))?\s*[:.]?$"
)
_SIGNATURE = re.compile(
    r"^(?:nguoi lap(?: bieu)?|lap bieu|thu truong|chu tich|pho chu tich|tm\.?\s|t/m\b|ke toan"
    r"|ky ten|xac nhan|noi nhan|truong ban|uy ban nhan dan xa|(?:[a-z ]+,\s*)?ngay\s*\.*\s*\d*"
    r"\s*thang\s*\.*\s*\d*\s*nam\b)"
)
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?(?:\s*[=+\-x*]\s*\(?\d{1,2}\)?)*$")


@dataclass(frozen=True)
class TotalLabel:
    grand: bool  # "Tổng cộng": every row of the sheet; "Cộng": the current group
    scope: str | None  # "i", "a" when the label names its group ("Cộng I")


def total_label(text: str) -> TotalLabel | None:
    match = _TOTAL.match(fold(text).strip())
    if not match:
        return None
    scope = match.group("scope")
    marker = None
    if scope:
        inner = scope.strip("() ")
        if re.fullmatch(r"[ivxlc]+|[a-h]", inner):
            marker = inner
    return TotalLabel(grand=match.group("word") != "cong", scope=marker)


def is_signature(text: str) -> bool:
    return bool(_SIGNATURE.match(fold(text).strip()))


def is_column_numbers(values: list[object]) -> bool:
    """A row such as "(1) (2) (3) (4)=(5)+(6)" or 1 2 3 4 under the header."""
    cells = [v for v in values if v is not None and not (isinstance(v, str) and not v.strip())]
    if len(cells) < 3:
        return False
    numbers = []
    for value in cells:
        if isinstance(value, int | float) and not isinstance(value, bool):
            if not float(value).is_integer():
                return False
            numbers.append(int(value))
        elif isinstance(value, str) and _COLUMN_NUMBER.match(value.strip()):
            found = re.match(r"\(?(\d+)", value.strip())
            numbers.append(int(found.group(1)) if found else 0)
        else:
            return False
    # 1, 2, 3 … in order: the clerk numbered the columns.
    return numbers[0] in (0, 1) and all(b > a for a, b in zip(numbers, numbers[1:], strict=False))


# -- what a group row says about its works ---------------------------------------------------

_ONGOING = re.compile(r"\bchuyen tiep\b|\bdang thuc hien\b|\bdo dang\b")
_NEW = re.compile(
    r"\bkhoi cong moi\b|\b(?:du an|cong trinh|dau tu|xay dung) moi\b|\bmo moi\b|\bkhoi cong\b"
)


def phase_of(label: str) -> str | None:
    """'ongoing' (chuyển tiếp) or 'new' (khởi công mới) from a group row's words."""
    key = fold(label)
    if _ONGOING.search(key):
        return "ongoing"
    if _NEW.search(key):
        return "new"
    return None


# -- units --------------------------------------------------------------------------------

# Plausible amounts, in đồng. They are not law: they only catch an amount read in the
# wrong unit (1.250 meaning 1.250 triệu read as 1.250 đồng). With no stated unit the
# bounds are tighter, because a guess must never pass silently: a work written in nghìn
# đồng (2.500.000 for 2,5 tỷ) would otherwise look like a 2,5-million-đồng work.
WORK_MIN_STATED = Decimal(1_000_000)
WORK_MIN_ASSUMED = Decimal(100_000_000)
WORK_MAX = Decimal(1_000_000_000_000)
LINE_MIN_STATED = Decimal(10_000)
LINE_MIN_ASSUMED = Decimal(1_000_000)
SURPLUS_MIN_STATED = Decimal(100_000)
SURPLUS_MIN_ASSUMED = Decimal(10_000_000)
# Capital lines that add up to the work's total divided by 1.000 or 1.000.000 (within
# this share) are the same amounts written in two units.
UNIT_RATIO_SLACK = Decimal("0.02")
