"""The demo dataset: Móng Cái's 17 units in 2023 and its 6 units of 2026, invented but realistic.

DEMO DATA. None of these resolutions, works or amounts are real. The scenario is
written so that every rule fires somewhere and passes somewhere, and one commune per
reviewed year is clean so that it can serve as the model commune: Hải Xuân (06745) in
2023, xã Vĩnh Thực of the two-level map in 2026. The amounts vary with the seed; which
rule fires where does not.

Since 01/07/2025 Móng Cái's 17 units are 3 wards and 3 communes (NQ 1679/NQ-UBTVQH15),
each keeping the statistics code of one old unit. A code alone therefore does not say
which unit is meant: the catalogue (data/units.csv) holds one period per (code,
valid_from), and a resolution's unit is the code's period in force on its date.

This module holds the demo's facts (model units, years, notice) and `build_demo`; the data
themselves are built in demo_2023.py and demo_2026.py from the pieces in demo_builders.py.
The names tests and other modules import from here are re-exported below.
"""

from __future__ import annotations

from .dataset import Dataset
from .demo_2023 import COMMUNES, WARDS, add_2023
from .demo_2026 import (
    GROUNDS_2026,
    GROUNDS_SURPLUS_2026,
    UNITS_2026,
    Unit2026,
    add_2026,
    ntm_grounds_2026,
)
from .demo_builders import (
    GROUND_BUDGET_LAW,
    GROUND_DE_AN,
    GROUND_INVESTMENT_LAW,
    GROUND_LOCAL_GOV,
    GROUND_LOCAL_GOV_2019,
    GROUND_ND27,
    GROUND_ND38,
    GROUND_ND163,
    GROUND_NQ25,
    GROUND_QD263,
    GROUND_QD318,
    GROUND_QUY_CHE,
    GROUND_QUY_HOACH,
    GROUND_TT344,
    MILLION,
    Commune,
    _Money,
    ntm_grounds,
)

__all__ = [
    "COMMUNES",
    "WARDS",
    "GROUNDS_2026",
    "GROUNDS_SURPLUS_2026",
    "UNITS_2026",
    "Unit2026",
    "ntm_grounds_2026",
    "GROUND_BUDGET_LAW",
    "GROUND_DE_AN",
    "GROUND_INVESTMENT_LAW",
    "GROUND_LOCAL_GOV",
    "GROUND_LOCAL_GOV_2019",
    "GROUND_ND27",
    "GROUND_ND38",
    "GROUND_ND163",
    "GROUND_NQ25",
    "GROUND_QD263",
    "GROUND_QD318",
    "GROUND_QUY_CHE",
    "GROUND_QUY_HOACH",
    "GROUND_TT344",
    "MILLION",
    "Commune",
    "ntm_grounds",
    "MODEL_UNIT",
    "MODEL_UNIT_2026",
    "MODEL_UNITS",
    "REVIEW_YEARS",
    "DEFAULT_YEAR",
    "DEMO_NOTICE_VI",
    "DEMO_NOTICE_EN",
    "build_demo",
]

MODEL_UNIT = "06745"
# The clean model commune of the 2026 review year (xã Vĩnh Thực, from 01/07/2025).
MODEL_UNIT_2026 = "06757"
MODEL_UNITS = {2023: MODEL_UNIT, 2026: MODEL_UNIT_2026}
REVIEW_YEARS = (2023, 2026)
# The year the demo opens on.
DEFAULT_YEAR = 2023
DEMO_NOTICE_VI = (
    "DỮ LIỆU MẪU: các nghị quyết, công trình và số tiền đều là giả định, không phải số liệu thật."
)
DEMO_NOTICE_EN = "DEMO DATA: the resolutions, works and amounts are invented, not real figures."


def build_demo(seed: int = 2023) -> Dataset:
    # One seeded source for both years: 2026's amounts are drawn after all of 2023's.
    money = _Money(seed)
    data = Dataset()
    add_2023(money, data)
    add_2026(money, data)
    return data
