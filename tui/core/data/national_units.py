"""The units of the province and national demos: which real units a scale holds.

The pre-2025 units come from data/units_national.csv (refreshed from the optional
`vietnamadminunits` package by `write_units_csv`), the units of 01/07/2025 from
data/units_2025.csv. Only the unit list belongs here; what the generator invents for
each unit is in national.py and the modules it imports.
"""

from __future__ import annotations

from pathlib import Path

from ..paths import DATA_DIR
from .dataset import UNIT_COLUMNS, iter_csv

SCALES = ("province", "national")
UNITS_CSV = DATA_DIR / "units_national.csv"
PROVINCE_CODE = "22"  # Quảng Ninh, the demo city's province
MONG_CAI_DISTRICT = "194"
UNITS_2025_CSV = DATA_DIR / "units_2025.csv"

KINDS = {"xã": "xa", "phường": "phuong", "thị trấn": "thi_tran"}


def _short_name(full: str, kind_label: str) -> str:
    """ "Xã Hải Xuân" -> "Hải Xuân"; numbered wards keep their kind ("Phường 5")."""
    prefix = kind_label + " "
    if full.lower().startswith(prefix.lower()):
        short = full[len(prefix) :].strip()
        if short and not short.isdigit():
            return short
    return full


def units_from_package() -> list[dict]:
    """The pre-2025 units with codes, read from the optional `vietnamadminunits` package.

    Only needed to refresh data/units_national.csv (`write_units_csv`); building the
    province and national demos reads that CSV and does not need the package.
    """
    from vietnamadminunits.database import get_data  # optional: pip install .[national]

    rows = get_data(
        fields=["provinceCode", "province", "districtCode", "district", "wardCode", "ward"]
        + ["wardType"],
        table="admin_units_legacy",
    )
    units = []
    for row in rows:
        if not row["wardCode"]:
            continue  # island districts without wards
        kind_label = row["wardType"] or row["ward"].split(" ")[0]
        units.append(
            {
                "code": row["wardCode"],
                "name": _short_name(row["ward"], kind_label),
                "kind": KINDS[kind_label.lower()],
                "parent_code": row["districtCode"],
                "parent_name": row["district"],
                "province_code": row["provinceCode"],
                "province_name": row["province"],
                "valid_from": "",
                "valid_to": "2025-06-30",
            }
        )
    units.sort(key=lambda u: u["code"])
    return units


def write_units_csv(path: Path = UNITS_CSV) -> int:
    """Refresh data/units_national.csv from the package; return the number of units."""
    import csv

    units = units_from_package()
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=UNIT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(units)
    return len(units)


def national_units(scale: str, province: str = PROVINCE_CODE) -> list[dict]:
    """The pre-2025 units of a scale: all of them (national) or one province's (province)."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}")
    units = list(iter_csv(UNITS_CSV))
    if scale == "province":
        units = [u for u in units if u["province_code"] == province]
    return units


def new_units(scale: str, province: str = PROVINCE_CODE) -> list[dict]:
    """The units of 01/07/2025 of a scale (Quảng Ninh keeps its code, 22, in both eras)."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}")
    units = list(iter_csv(UNITS_2025_CSV))
    if scale == "province":
        units = [u for u in units if u["province_code"] == province]
    return units


def scale_units(scale: str) -> list[dict]:
    """Every unit period a scale demo holds: the old units, then the new ones."""
    return national_units(scale) + new_units(scale)
