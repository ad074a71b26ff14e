"""Dates in the text of a legal ground or a registry row: "13/6/2019", "13-06-2019" and
"ngày 13 tháng 6 năm 2019", accents optional, any case, and the folding they are found on
(a legacy-font Đ typed as Ð included).
"""

from __future__ import annotations

import re
from datetime import date

from tui.core.textfold import fold

__all__ = ["first_date", "fold_line", "parse_vn_date"]

# Legacy (TCVN3/VNI) texts often type Đ as the Icelandic eth Ð (U+00D0, lower ð U+00F0),
# which fold() does not map. Treat them as Đ/đ before folding.
_ETH_MAP = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})

# Dates, on folded text. [0-9] rather than \d: \d also matches other scripts' digits.
_NUMERIC_DATE = r"(?<![0-9])([0-9]{1,2}) ?([/-]) ?([0-9]{1,2}) ?\2 ?([0-9]{4})(?![0-9])"
_WORDED_DATE = (
    r"(?<![a-z0-9])(?:ngay ?)?([0-9]{1,2}) ?thang ?([0-9]{1,2}) ?(?:,? ?nam) ?([0-9]{4})(?![0-9])"
)
_DATE_RE = re.compile(f"{_NUMERIC_DATE}|{_WORDED_DATE}")


def first_date(folded: str, start: int = 0, end: int | None = None) -> tuple[bool, date | None]:
    """The first date in folded[start:end]: (found, value); value None if impossible."""
    match = _DATE_RE.search(folded, start, len(folded) if end is None else end)
    if match is None:
        return False, None
    if match.group(1) is not None:
        day, month, year = match.group(1), match.group(3), match.group(4)
    else:
        day, month, year = match.group(5), match.group(6), match.group(7)
    try:
        return True, date(int(year), int(month), int(day))
    except ValueError:
        return True, None


def fold_line(text: str) -> str:
    return fold(text.translate(_ETH_MAP))


def parse_vn_date(text: str) -> date | None:
    """The first date in text, or None if there is none or it is impossible.

    Accepts "dd/mm/yyyy", "d/m/yyyy", "dd-mm-yyyy" and "ngày d tháng m năm yyyy"
    (accents optional, any case).
    """
    if not text:
        return None
    return first_date(fold_line(text))[1]
