"""The state of reading one import unit, and reading one cell into its value.

A FileReader collects, for one workbook or folder of CSV files, the sheets read, every
problem and notice, the cells converted from a legacy font and the values written
otherwise than as their code (said in a notice). The header and row steps (header.py,
rows.py) fill it; the checks (check.py) and assembly (assemble.py) read it.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ..layout import Field
from ..legacy import Fixed, fix
from ..vnparse import (
    DONG,
    ParseError,
    parse_bool,
    parse_date,
    parse_money,
    parse_money_unit,
    parse_positive_int,
    parse_year,
    plain_text,
)
from .choices import parse_choice
from .problems import Problem, column_letter
from .read import Grid
from .records import SheetData

Progress = Callable[[str, int, int], None]  # (label, done, total)

LEGACY_CELLS_SHOWN = 12

# A cell's value (or the reason it has none), by what decides it: the same text in the
# same kind of column reads the same on every row, and most cells repeat (units, years,
# choices, amounts), so each distinct cell is parsed once.
_Parsed = tuple[Any, ParseError | None, tuple[str, str, str] | None]


@lru_cache(maxsize=1 << 16)
def _fix(text: str) -> Fixed:
    """fix(), remembered: the same text in a legacy font repeats on many rows."""
    return fix(text)


class FileReader:
    """Reads and checks one import unit (a workbook or a folder of CSV files)."""

    def __init__(self, name: str, units: set[str], progress: Progress | None) -> None:
        self.name = name
        self.units = units
        self.unit_example = min(units) if units else "06745"
        self.progress = progress
        self.problems: list[Problem] = []
        self.notices: list[Problem] = []
        self.sheets: dict[str, SheetData] = {}
        self.legacy: dict[tuple[str, str | None, str], list[str]] = {}
        self.conversions: dict[tuple[str, str, str], int] = {}  # (column, written, code) → cells
        self._parsed: dict[tuple[int, Decimal], dict[tuple[type, Any], _Parsed]] = {}
        self._money: dict[tuple[Any, ...], tuple[Any, ParseError | None]] = {}
        # Texts known to be in no legacy font: a set lookup, not fix()'s cache, on each row.
        self.plain: set[str] = set()

    def problem(self, grid: Grid | None, key: str, **kw: Any) -> None:
        self.problems.append(
            Problem(
                file=grid.file if grid else self.name,
                key=key,
                sheet=grid.sheet if grid else None,
                **kw,
            )
        )

    def text(self, grid: Grid, r: int, c: int, value: Any) -> Any:
        """A string cell with any legacy-font text converted (and remembered for the notice)."""
        if not isinstance(value, str) or value.isascii() or value in self.plain:
            return value
        fixed = _fix(value)
        if fixed.encoding is None:
            self.plain.add(value)
            return value
        cell = f"{column_letter(c)}{r + 1}"
        self.legacy.setdefault((grid.file, grid.sheet, fixed.encoding), []).append(cell)
        return fixed.text

    @staticmethod
    def peek_text(value: str) -> str:
        """A string as it reads once any legacy font is converted, remembering nothing."""
        return value if value.isascii() else _fix(value).text

    def legacy_notices(self) -> None:
        for (file, sheet, encoding), cells in self.legacy.items():
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

    def parse(self, f: Field, raw: Any, unit: Decimal) -> Any:
        """The value of a cell of field `f`; raises ParseError saying what was expected."""
        # Keyed by the field's identity: hashing a frozen Field costs more than the parse.
        cache = self._field_cache(f, unit)
        key = (type(raw), raw)
        found = cache.get(key)
        if found is None:
            try:
                value, conversion = self._parse(f, raw, unit)
                found = (value, None, conversion)
            except ParseError as err:
                found = (None, err, None)
            cache[key] = found
        value, error, conversion = found
        if error is not None:
            raise ParseError(error.key, **error.params)
        if conversion is not None:
            self.conversions[conversion] = self.conversions.get(conversion, 0) + 1
        return value

    def parsed_cells(
        self, fields: list[tuple[int, Field]]
    ) -> dict[int, dict[tuple[type, Any], _Parsed]]:
        """Column → the cells of its field read so far (what `parse` remembers, with DONG)."""
        return {c: self._field_cache(f, DONG) for c, f in fields}

    def _field_cache(self, f: Field, unit: Decimal) -> dict[tuple[type, Any], _Parsed]:
        cache = self._parsed.get((id(f), unit))
        if cache is None:
            cache = self._parsed[(id(f), unit)] = {}
        return cache

    def money(self, raw: Any, unit: Decimal) -> tuple[int | None, bool]:
        """parse_money_unit(raw, unit), each distinct cell once: (amount, unit written)."""
        key = (unit, type(raw), raw)
        found = self._money.get(key)
        if found is None:
            try:
                found = (parse_money_unit(raw, unit), None)
            except ParseError as err:
                found = (None, err)
            self._money[key] = found
        result, error = found
        if error is not None:
            raise ParseError(error.key, **error.params)
        return result

    def _parse(self, f: Field, raw: Any, unit: Decimal) -> tuple[Any, tuple[str, str, str] | None]:
        """The value of a cell, and the conversion to count when it was written otherwise."""
        conversion = None
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
                    conversion = (f.header_vi, text, str(value))
        else:  # pragma: no cover - layout.py names only the kinds above
            raise AssertionError(f.kind)
        if value is None and f.required:
            raise ParseError("imp_required")
        return value, conversion
