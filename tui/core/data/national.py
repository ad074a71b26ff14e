"""Province- and national-scale demo data: the real pre-2025 units, invented resolutions.

DEMO DATA. The units are real: the 10,035 wards, communes and towns, with their codes,
that existed before the 2025 reorganisation (data/units_national.csv, taken from the
`vietnamadminunits` package, MIT licence; see data/units_national.NOTICE). Everything
else (resolutions, works, amounts) is invented, and the same for a given seed.

The data have the city demo's gaps (tui/core/data/demo.py), built with the demo's own
builders: most unit-years are clean, and a failing one carries one of the demo's failure
patterns, named after the Móng Cái commune that shows it in the city demo. Patterns are
taken in turn, so every rule fires as soon as there are a dozen failing unit-years; which
unit-years fail is drawn from the seed. Hải Xuân (06745), the demo's model commune, is
clean in every year.

Sizes at national scale (seed 2023): about 105k resolutions, 830k works, 3.2M capital
lines and 190k surplus lines over 2022-2024, like the issue's anchors. Generation is
streamed: one Dataset per unit, staged to CSV and dropped, so memory stays flat.

The unit list is in national_units.py, what a unit-year is built from in
national_builders.py, the old units' clean and failing years in national_patterns.py and
the units of 01/07/2025 in national_2025.py. This module draws which unit-years fail,
streams one Dataset per unit and builds the database; it re-exports the names tests and
other modules import from it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from ..progress import BuildProgress
from .build import BuildReport, build
from .dataset import Dataset
from .demo import DEMO_NOTICE_EN, DEMO_NOTICE_VI, MODEL_UNIT
from .demo_builders import Commune, _Money
from .national_2025 import MODEL_UNIT_NEW, NEW_YEARS, NewUnitGenerator
from .national_builders import (
    RECURRENT_ITEMS,
    SOURCE_MENU,
    SOURCE_ORDER,
    SOURCE_WEIGHTS,
    WORK_KINDS,
    _day,
    _lower_first,
    _Places,
    _vn,
    _Year,
)
from .national_patterns import (
    COMMUNE_PATTERNS,
    ND38_IN_FORCE,
    WARD_PATTERNS,
    _commune_year,
    _Cycle,
    _ward_year,
)
from .national_units import (
    KINDS,
    MONG_CAI_DISTRICT,
    PROVINCE_CODE,
    SCALES,
    UNITS_2025_CSV,
    UNITS_CSV,
    national_units,
    new_units,
    scale_units,
    units_from_package,
    write_units_csv,
)

__all__ = [
    "COMMUNE_PATTERNS",
    "ND38_IN_FORCE",
    "WARD_PATTERNS",
    "RECURRENT_ITEMS",
    "SOURCE_MENU",
    "SOURCE_ORDER",
    "SOURCE_WEIGHTS",
    "WORK_KINDS",
    "KINDS",
    "MONG_CAI_DISTRICT",
    "PROVINCE_CODE",
    "SCALES",
    "UNITS_2025_CSV",
    "UNITS_CSV",
    "national_units",
    "new_units",
    "scale_units",
    "units_from_package",
    "write_units_csv",
    "OLD_YEARS",
    "REVIEW_YEARS",
    "COMMUNE_FAILURE_RATE",
    "WARD_FAILURE_RATE",
    "unit_dataset",
    "generate",
    "build_scale_database",
]

# The old units' years; the units of 01/07/2025 add 2025 and 2026 (national_2025.py).
OLD_YEARS = (2022, 2023, 2024)
REVIEW_YEARS = (*OLD_YEARS, 2025, 2026)

# Share of unit-years that carry one failure pattern; the rest are clean.
COMMUNE_FAILURE_RATE = 0.15
WARD_FAILURE_RATE = 0.08


def unit_dataset(
    unit: dict, seed: int, places: _Places, communes: _Cycle, wards: _Cycle
) -> Dataset:
    """Every resolution and surplus of one unit over OLD_YEARS."""
    code = unit["code"]
    money = _Money(f"{seed}:{code}")
    rng = money.rng
    commune = Commune(
        code,
        unit["name"],
        str(rng.randint(100, 1500)),
        _vn(_day(rng, rng.choice((2019, 2020, 2021)), (1, 5), (12, 20))),
    )
    local = places.grounds(unit, commune) if unit["kind"] == "xa" else None
    data = Dataset()
    for year in OLD_YEARS:
        start = rng.randint(3, 20)
        y = _Year(unit, year, money, iter(range(start, start + 100)))
        if unit["kind"] == "xa":
            failing = code != MODEL_UNIT and rng.random() < COMMUNE_FAILURE_RATE
            _commune_year(y, commune, local, communes.next() if failing else None)
        else:
            failing = rng.random() < WARD_FAILURE_RATE
            _ward_year(y, wards.next() if failing else None)
        data.resolutions.extend(y.resolutions())
        data.surpluses.append(y.surplus)
    return data


def generate(units: Sequence[dict], seed: int = 2023) -> Iterator[Dataset]:
    """One Dataset per unit, in the order given; deterministic for (units, seed).

    A unit of 01/07/2025 (valid_from set) gets 2025 and 2026 data, an old one 2022–2024.
    """
    places = _Places(seed)
    communes, wards = _Cycle(COMMUNE_PATTERNS), _Cycle(WARD_PATTERNS)
    later = NewUnitGenerator(seed)
    for unit in units:
        if unit.get("valid_from"):
            yield later.dataset(unit)
        else:
            yield unit_dataset(unit, seed, places, communes, wards)


def build_scale_database(
    db_path: Path,
    scale: str,
    seed: int = 2023,
    progress: BuildProgress | None = None,
) -> BuildReport:
    """Build the province or national demo database at db_path."""
    units = scale_units(scale)
    province = units[0]["province_name"] if scale == "province" else None
    return build(
        db_path,
        units,
        generate(units, seed),
        REVIEW_YEARS,
        {
            "dataset_kind": "demo",
            "scale": scale,
            "seed": str(seed),
            "model_unit": MODEL_UNIT,
            # The model commune of each reviewed year (the units change on 01/07/2025).
            **{f"model_unit_{year}": MODEL_UNIT for year in OLD_YEARS},
            **{f"model_unit_{year}": MODEL_UNIT_NEW for year in NEW_YEARS},
            "notice_vi": DEMO_NOTICE_VI,
            "notice_en": DEMO_NOTICE_EN,
            "reviewing_body": f"HĐND {_lower_first(province)}"
            if province
            else "Văn phòng Điều phối nông thôn mới Trung ương",
            # The last year of the old units: the screens open on the fullest year.
            "default_year": str(max(OLD_YEARS)),
        },
        progress=progress,
    )
