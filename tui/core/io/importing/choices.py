"""The allowed values of every `choice` field, and reading a cell against them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ...data.dataset import iter_csv
from ...paths import DATA_DIR
from ...textfold import fold, nfc
from ..clerk import synonyms
from ..layout import (
    COMMUNE_GROUP_NAMES,
    RESOLUTION_KIND_NAMES,
    RESOLUTION_KINDS,
    RESOLUTION_STATUS_NAMES,
    RESOLUTION_STATUSES,
    REVENUE_KIND_NAMES,
    WORK_PHASE_NAMES,
    WORK_PHASES,
)
from ..vnparse import ParseError, plain_text


@lru_cache(maxsize=1 << 16)
def fold_cached(text: str) -> str:
    """fold(), remembered: references and codes repeat on thousands of rows."""
    if text.isascii():
        # What fold() gives for ASCII (nothing to decompose), at a fraction of the cost.
        return _SPACES.sub(" ", text.lower()).strip()
    return fold(text)


_SPACES = re.compile(r"\s+")


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
def choice_index(name: str) -> dict[str, str | int]:
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
    key = fold_cached(text)
    found = choice_index(name).get(key)
    if found is None and name == "ntm_criterion":
        match = _CRITERION.match(key)
        if match:
            found = choice_index(name).get(match.group(1))
    if found is None:
        raise ParseError("imp_choice", choices=_choice_codes(name))
    return found
