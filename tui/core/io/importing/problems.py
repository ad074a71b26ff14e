"""What an import reports: one Problem per thing wrong (or worth knowing) in a file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...lang.i18n import t
from ...lang.importing import FIXES
from ...lang.language import VI, Lang, as_lang
from ..vnparse import plain_text

FOUND_MAX = 60


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

    def expected(self, lang: Lang) -> str:
        params = {
            k: (t(v[0], lang, **v[1]) if isinstance(v, tuple) else v)
            for k, v in self.params.items()
        }
        return t(self.key, lang, **params)

    def where(self, lang: Lang) -> str:
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

    def fix(self, lang: Lang) -> str:
        """What to do about it, when the message itself does not say ("" then)."""
        pair = FIXES.get(self.key)
        return as_lang(lang).pair(pair) if pair else ""

    def message(self, lang: Lang = VI) -> str:
        expected = self.expected(lang)
        if self.found is None:
            what = expected
        elif self.found == "":
            what = t("imp_empty_expected", lang, expected=expected)
        else:
            what = t("imp_found_expected", lang, found=self.found, expected=expected)
        fix = self.fix(lang)
        return f"{self.where(lang)}: {what}" + (f" — {fix}" if fix else "")

    def as_row(self, lang: Lang) -> dict[str, str]:
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


def shown_value(value: object) -> str:
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


def range_ref(r0: int, c0: int, r1: int, c1: int) -> str:
    return f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"


class FileProblem(Exception):
    """A whole file cannot be read: one key, no row or column."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params
