"""What a row under a sheet's header is: a data row, a group row heading the works under
it ("I. Công trình chuyển tiếp", "A. Giao thông"), a total row ("Cộng") or the signature
block, and the group a group row opens. Read by rows.py.
"""

from __future__ import annotations

from typing import Any

from ...textfold import nfc
from ..clerk import (
    group_level,
    is_signature,
    phase_of,
    split_leading_marker,
    stt_marker,
    total_label,
)
from ..vnparse import ParseError, parse_money_unit, plain_text
from .reader import FileReader
from .records import Group, blank


def holds_amount(row: list[Any], money_columns: list[int]) -> bool:
    """True when some money cell of the row reads as an amount (names never do)."""
    for c in money_columns:
        if c < len(row) and not blank(row[c]):
            try:
                if parse_money_unit(row[c])[0] is not None:
                    return True
            except ParseError:
                continue
    return False


def group_of(text: str, row: int, marker: str | None, start: int, depth: int) -> Group:
    lead, label = split_leading_marker(text)
    marker = marker or lead
    phase = phase_of(label)
    level = group_level(marker) if marker else None
    if level is None:
        level = 1 if phase else depth + 1
    sector = None if phase else nfc(label) or None
    return Group(level, marker, nfc(text), phase, sector, start, row)


def special_row(
    row: list[Any],
    stt_column: int | None,
    text_columns: list[int],
    money_columns: list[int],
) -> tuple[str, str, str | None] | None:
    """("total" | "group" | "signature", its text, its STT marker) or None for a data row."""
    texts = [
        plain_text(FileReader.peek_text(v) if isinstance(v, str) else v)
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
    amount = holds_amount(row, money_columns)
    if not amount and any(is_signature(t) for t in texts):
        return "signature", first, None
    marker = None
    if stt_column is not None and stt_column < len(row):
        marker = stt_marker(row[stt_column])
    lead, label = split_leading_marker(first)
    if marker is None and lead is None and (amount or phase_of(first) is None):
        return None
    filled_text = sum(1 for c in text_columns if c < len(row) and not blank(row[c]))
    if filled_text > 1 and marker is None and lead is None:
        return None
    return "group", first, marker
