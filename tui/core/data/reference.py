"""Loads the reference catalogues in data/*.csv into a database being built.

Adding a unit, a legal document or a category is an edit to a CSV file, never to code.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path

import duckdb

from .. import sql
from ..paths import DATA_DIR
from ..rules.basis import check_issue_date
from ..textfold import fold, nfc
from .dataset import NULL, iter_csv


def _bool(value: str) -> bool:
    return value.strip().lower() in ("true", "1", "yes", "có")


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value.strip() else None


def _text(value: str) -> str | None:
    return nfc(value) or None


def _int(value: str) -> int:
    return int(value)


# table -> (csv file, {column: converter}); columns absent here pass through as text.
CATALOGUES: dict[str, tuple[str, dict[str, Callable[[str], object]]]] = {
    "basis_category": (
        "basis_categories.csv",
        {"required_for_ntm": _bool, "sort_order": _int},
    ),
    "source_group": ("source_groups.csv", {"sort_order": _int}),
    "capital_source": (
        "capital_sources.csv",
        {
            "requires_share": _bool,
            "community_or_enterprise": _bool,
            "sort_order": _int,
            "valid_from": _date,
            "valid_to": _date,
        },
    ),
    "surplus_category": (
        "surplus_categories.csv",
        {"requires_project": _bool, "sort_order": _int},
    ),
    "spending_field": ("spending_fields.csv", {"sort_order": _int}),
    "criteria_set": (
        "criteria_sets.csv",
        {"criteria": _int, "valid_from": _date, "valid_to": _date, "confirmed": _bool},
    ),
    "ntm_criterion": ("ntm_criteria.csv", {"code": _int}),
    "project_group_threshold": (
        "project_groups.csv",
        {"max_total_dong": _int, "confirmed": _bool, "valid_from": _date, "valid_to": _date},
    ),
    "small_mechanism_cap": (
        "small_mechanism_caps.csv",
        {
            "valid_from": _date,
            "valid_to": _date,
            "max_dong": lambda v: int(v) if v.strip() else None,
            "confirmed": _bool,
        },
    ),
    "setting": ("settings.csv", {"confirmed": _bool}),
    "document_kind": ("document_kinds.csv", {}),
    "reviewing_body": (
        "reviewing_bodies.csv",
        {"valid_from": _date, "valid_to": _date, "confirmed": _bool, "note": _text},
    ),
    "legal_document": (
        "legal_documents.csv",
        {
            "issue_date": _date,
            "effective_date": _date,
            "repealed_date": _date,
            "short_name_vi": _text,
            "replaced_by": _text,
            "basis_category": _text,
            "confirmed": _bool,
            "grace_until": _date,
            "demo_only": _bool,
        },
    ),
}


def _rows(path: Path, converters: dict[str, Callable[[str], object]]) -> list[dict]:
    rows = []
    for raw in iter_csv(path):
        row = {}
        for column, value in raw.items():
            convert = converters.get(column)
            row[column] = convert(value) if convert else nfc(value)
        rows.append(row)
    return rows


def unit_rows(units: Iterable[dict]) -> list[dict]:
    # Every build loads the 14,000 national unit periods, whose district and province
    # names, names and dates repeat: each distinct text is normalised once.
    norm = lru_cache(maxsize=None)(nfc)
    folded = lru_cache(maxsize=None)(fold)
    day = lru_cache(maxsize=None)(_date)
    return [
        {
            "code": u["code"],
            "name": norm(u["name"]),
            "name_key": folded(u["name"]),
            "kind": u["kind"],
            "parent_code": u.get("parent_code") or None,
            "parent_name": norm(u.get("parent_name")) or None,
            "province_code": u.get("province_code") or None,
            "province_name": norm(u.get("province_name")) or None,
            "valid_from": day(u.get("valid_from") or ""),
            "valid_to": day(u.get("valid_to") or ""),
        }
        for u in units
    ]


def load_catalogues(con: duckdb.DuckDBPyConnection, data_dir: Path = DATA_DIR) -> None:
    """Every catalogue except units, which each dataset brings (demo, national, import).

    Raises RegistryError for a confirmed legal document without an issue date (the column
    allows NULL only for unconfirmed rows, a rule DuckDB cannot add to an existing table).
    """
    for table, (filename, converters) in CATALOGUES.items():
        rows = _rows(data_dir / filename, converters)
        if table == "legal_document":
            for line_no, row in enumerate(rows, start=2):
                check_issue_date(
                    data_dir / filename,
                    line_no,
                    row["doc_id"],
                    row["issue_date"],
                    row["confirmed"],
                )
        if rows:
            # One statement a catalogue, the rows as a list of structs: executemany took
            # about 1.5 ms a row (0.11 s for the catalogues, now 0.03 s).
            con.execute(sql.load(f"load/ref_{table}"), {"rows": rows})


def load_units(con: duckdb.DuckDBPyConnection, units: Iterable[dict]) -> None:
    rows = unit_rows(units)
    if not rows:
        return
    # One statement reading a CSV file: executemany takes ~1 ms per row, and binding one
    # list per column twice as long as writing and reading the file (0.24 s against 0.11 s
    # for the national catalogue).
    with tempfile.TemporaryDirectory(prefix="ntm-units-") as tmp:
        path = Path(tmp) / "unit_period.csv"
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            for row in rows:
                writer.writerow([NULL if v is None else v for v in row.values()])
        con.execute(sql.load("load/ref_unit"), {"path": str(path)})


def load_unit_links(con: duckdb.DuckDBPyConnection, data_dir: Path = DATA_DIR) -> None:
    """The old→new mapping between the units just loaded (load/unit_link keeps those)."""
    # The mapping of 01/07/2025, then that of the 2023–2025 rounds (tui/core/data/rounds.py).
    rows = [
        *iter_csv(data_dir / "unit_succession.csv"),
        *iter_csv(data_dir / "unit_succession_rounds.csv"),
    ]
    if rows:
        columns = {k: [r[k] for r in rows] for k in ("old_code", "new_code", "merge")}
        columns["effective"] = [date.fromisoformat(r["effective"]) for r in rows]
        con.execute(sql.load("load/unit_link"), columns)


def mong_cai_units(data_dir: Path = DATA_DIR) -> list[dict]:
    return list(iter_csv(data_dir / "units.csv"))


def load_review_years(con: duckdb.DuckDBPyConnection, years: Iterable[int]) -> None:
    rows = [{"year": y} for y in years]
    if rows:  # an empty database (`init`) reviews no year until data come in
        con.executemany(sql.load("load/ref_review_year"), rows)
