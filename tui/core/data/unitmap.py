"""Units across time: the catalogue of administrative units and the old→new mapping.

A unit is one period of one official code: the key is (code, valid_from), because the
units of 01/07/2025 kept the code of one of the units they absorbed (06712 was phường
Trần Phú until 30/06/2025 and is phường Móng Cái 1 since). The catalogue files:

- data/units.csv: the city demo's units (Móng Cái, before and after 01/07/2025);
- data/units_national.csv: the 10,035 wards and communes before 01/07/2025;
- data/units_2025.csv: the 3,321 wards, communes and special zones from 01/07/2025;
- data/provinces.csv: the 63 provinces until 30/06/2025 and the 34 from 01/07/2025;
- data/unit_succession.csv: which unit became which, one row per (old, new) pair, with
  whether the old unit went whole or in part (the official conversion table).

All share the columns of UNIT_COLUMNS, except unit_succession.csv (SUCCESSION_COLUMNS).
The 2025 files are refreshed from the `vietnam-provinces` package (the statistics
office's list and conversion table) by `python -m tui.core.data.unitmap` with the package
installed (`pip install .[catalogue]`); nothing needs the package at runtime.

The package carries the list as it was just before and just after 01/07/2025, not the
2023–2025 merger rounds (NQ of the UBTVQH effective 01/01/2025 and earlier): those come
from data/units_rounds.csv and data/unit_succession_rounds.csv (tui/core/data/rounds.py), as
more rows in the same format: an old period ending on the day before `effective`, and a
mapping row, all unconfirmed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ..paths import DATA_DIR
from .dataset import UNIT_COLUMNS, iter_csv

SUCCESSION_COLUMNS = ("effective", "old_code", "new_code", "merge")
REFORM_2025 = date(2025, 7, 1)
LAST_DAY_BEFORE_REFORM = REFORM_2025 - timedelta(days=1)

UNITS_2025_CSV = DATA_DIR / "units_2025.csv"
PROVINCES_CSV = DATA_DIR / "provinces.csv"
SUCCESSION_CSV = DATA_DIR / "unit_succession.csv"
NATIONAL_CSV = DATA_DIR / "units_national.csv"

# Unit kinds: the communes' and the provinces' (which carry provincial resolutions).
COMMUNE_KINDS = ("xa", "phuong", "thi_tran", "dac_khu")
PROVINCE_KINDS = ("tinh", "thanh_pho")
_KIND_OF = {
    "xã": "xa",
    "phường": "phuong",
    "thị trấn": "thi_tran",
    "đặc khu": "dac_khu",
    "tỉnh": "tinh",
    "thành phố trung ương": "thanh_pho",
}


def _short_name(full: str, label: str) -> str:
    """ "Phường Móng Cái 1" -> "Móng Cái 1"; "Phường 5" keeps its kind (a bare number)."""
    prefix = label + " "
    if full.lower().startswith(prefix.lower()):
        short = full[len(prefix) :].strip()
        if short and not short.isdigit():
            return short
    return full


# -- refresh from the package (only with `pip install .[catalogue]`) -----------------------


def _province_label(kind: str) -> str:
    return "thành phố" if kind == "thanh_pho" else "tỉnh"


def package_catalogue() -> tuple[list[dict], list[dict], list[dict]]:
    """(units from 01/07/2025, provinces of both eras, succession rows) from the package."""
    from vietnam_provinces import Province, Ward  # optional: pip install .[catalogue]
    from vietnam_provinces import _province_conversion_2025 as province_table
    from vietnam_provinces import _ward_conversion_2025 as ward_table
    from vietnam_provinces.legacy import Province as OldProvince

    def code(value: int, width: int) -> str:
        return f"{int(value):0{width}d}"

    provinces = []
    new_provinces = {}
    for era, source in (("old", OldProvince), ("new", Province)):
        for p in sorted(source.iter_all(), key=lambda p: int(p.code)):
            kind = _KIND_OF[str(p.division_type.value)]
            row = {
                "code": code(p.code, 2),
                "name": _short_name(p.name, "Thành phố" if kind == "thanh_pho" else "Tỉnh"),
                "kind": kind,
                "parent_code": "",
                "parent_name": "",
                "province_code": code(p.code, 2),
                "province_name": p.name,
                "valid_from": "" if era == "old" else REFORM_2025.isoformat(),
                "valid_to": LAST_DAY_BEFORE_REFORM.isoformat() if era == "old" else "",
            }
            provinces.append(row)
            if era == "new":
                new_provinces[row["code"]] = p.name
    units = []
    for w in sorted(Ward.iter_all(), key=lambda w: int(w.code)):
        label = str(w.division_type.value)
        province = code(w.province_code, 2)
        units.append(
            {
                "code": code(w.code, 5),
                "name": _short_name(w.name, label.capitalize()),
                "kind": _KIND_OF[label],
                "parent_code": province,
                "parent_name": new_provinces[province],
                "province_code": province,
                "province_name": new_provinces[province],
                "valid_from": REFORM_2025.isoformat(),
                "valid_to": "",
            }
        )
    succession = []
    effective = REFORM_2025.isoformat()
    for entry in sorted(ward_table.NEW_TO_OLD.values(), key=lambda e: int(e.new_ward.code)):
        for old in sorted(entry.old_wards, key=lambda o: int(o.code)):
            succession.append(
                {
                    "effective": effective,
                    "old_code": code(old.code, 5),
                    "new_code": code(entry.new_ward.code, 5),
                    "merge": "partial" if old.is_partly_merged else "whole",
                }
            )
    for entry in sorted(province_table.NEW_TO_OLD.values(), key=lambda e: int(e.new_province.code)):
        for old in sorted(entry.old_provinces, key=lambda o: int(o.code)):
            succession.append(
                {
                    "effective": effective,
                    "old_code": code(old.code, 2),
                    "new_code": code(entry.new_province.code, 2),
                    "merge": "whole",
                }
            )
    return units, provinces, succession


def _write(path: Path, columns: Iterable[str], rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_catalogue_csv(data_dir: Path = DATA_DIR) -> tuple[int, int, int]:
    """Refresh units_2025.csv, provinces.csv and unit_succession.csv from the package."""
    units, provinces, succession = package_catalogue()
    _write(data_dir / UNITS_2025_CSV.name, UNIT_COLUMNS, units)
    _write(data_dir / PROVINCES_CSV.name, UNIT_COLUMNS, provinces)
    _write(data_dir / SUCCESSION_CSV.name, SUCCESSION_COLUMNS, succession)
    return len(units), len(provinces), len(succession)


# -- reading the catalogue -------------------------------------------------------------------


def national_catalogue(province: str | None = None) -> list[dict]:
    """Every unit period of the country (or of one province, by a code of either era).

    A province code names the province of that code in both eras and every unit that was
    or became part of it: `--province 22` gives Quảng Ninh's 171 units before 01/07/2025
    and its 54 after, with both Quảng Ninh rows.
    """
    from .rounds import with_rounds

    units = [
        *iter_csv(PROVINCES_CSV),
        # The list of 30/06/2025 and the earlier periods of the 2023–2025 merger rounds
        # (data/units_rounds.csv: xã Thọ Lộc, 09742 until 31/12/2024).
        *with_rounds(list(iter_csv(NATIONAL_CSV))),
        *iter_csv(UNITS_2025_CSV),
    ]
    # The city's own list (data/units.csv) adds any Móng Cái unit the other lists lack.
    known = {u["code"] for u in units}
    units += [u for u in iter_csv(DATA_DIR / "units.csv") if u["code"] not in known]
    if province is None:
        return units
    if not any(u["code"] == province for u in units if u["kind"] in PROVINCE_KINDS):
        raise KeyError(province)
    old, new = _provinces_linked(province)
    return [
        u
        for u in units
        if (u["valid_to"] and u["province_code"] in old)
        or (not u["valid_to"] and u["province_code"] in new)
    ]


def _provinces_linked(code: str) -> tuple[set[str], set[str]]:
    """The old provinces and the new ones linked to a province code of either era."""
    pairs = [
        (r["old_code"], r["new_code"]) for r in iter_csv(SUCCESSION_CSV) if len(r["old_code"]) == 2
    ]
    new = {n for o, n in pairs if o == code} | {n for _o, n in pairs if n == code}
    old = {o for o, n in pairs if n in new}
    if not old and not new:
        old = new = {code}
    return old, new


def succession_rows() -> list[dict]:
    """The mapping of 01/07/2025, then that of the 2023–2025 rounds (unconfirmed)."""
    from .rounds import round_links

    return [
        *iter_csv(SUCCESSION_CSV),
        *({k: r[k] for k in SUCCESSION_COLUMNS} for r in round_links()),
    ]


@dataclass(frozen=True)
class Period:
    code: str
    name: str
    kind: str
    valid_from: date | None
    valid_to: date | None

    def covers(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def overlaps(self, first: date, last: date) -> bool:
        return (self.valid_from is None or self.valid_from <= last) and (
            self.valid_to is None or first <= self.valid_to
        )

    def label(self) -> str:
        return f"{self.code} {self.name}"


def _day(value: object) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


@dataclass
class UnitCatalogue:
    """The unit periods of one database and who succeeded whom (headless, no SQL).

    `code in catalogue` says whether a code was ever a unit; `valid_on` and `explain`
    say which unit a code was on a day, and which unit(s) a dead code became.
    """

    periods: dict[str, list[Period]] = field(default_factory=dict)
    # (old code, new code, effective day, merge kind)
    links: list[tuple[str, str, date, str]] = field(default_factory=list)

    @classmethod
    def from_rows(cls, units: Iterable[dict], links: Iterable[dict] = ()) -> UnitCatalogue:
        periods: dict[str, list[Period]] = {}
        for u in units:
            periods.setdefault(u["code"], []).append(
                Period(
                    u["code"],
                    u["name"],
                    u["kind"],
                    _day(u.get("valid_from")),
                    _day(u.get("valid_to")),
                )
            )
        for found in periods.values():
            found.sort(key=lambda p: p.valid_from or date.min)
        return cls(
            periods,
            [
                (r["old_code"], r["new_code"], _day(r["effective"]), r["merge"])
                for r in links
                if r["old_code"] in periods and r["new_code"] in periods
            ],
        )

    def __contains__(self, code: object) -> bool:
        return code in self.periods

    def __iter__(self):
        return iter(self.periods)

    def __len__(self) -> int:
        return len(self.periods)

    def valid_on(self, code: str, day: date) -> Period | None:
        return next((p for p in self.periods.get(code, ()) if p.covers(day)), None)

    def successors_on(self, code: str, day: date) -> list[Period]:
        """The unit(s) valid on `day` that the code's earlier unit became (transitively)."""
        found: list[Period] = []
        frontier = [code]
        seen = set()
        while frontier:
            current = frontier.pop()
            for old, new, effective, _merge in self.links:
                if old != current or (new, effective) in seen or effective > day:
                    continue
                seen.add((new, effective))
                later = self.valid_on(new, day)
                if later is not None:
                    if later not in found:
                        found.append(later)
                else:
                    frontier.append(new)
        return sorted(found, key=lambda p: p.code)

    def explain(self, code: str, day: date) -> dict | None:
        """None when `code` is a unit on `day`; otherwise what to tell the user.

        Returns {"unit": "06745 Hải Xuân", "ended": date | None, "began": date | None,
        "now": "06712 Móng Cái 1, …" or ""}.
        """
        if code not in self.periods or self.valid_on(code, day) is not None:
            return None
        periods = self.periods[code]
        before = [p for p in periods if p.valid_to is not None and p.valid_to < day]
        after = [p for p in periods if p.valid_from is not None and p.valid_from > day]
        if before:
            last = before[-1]
            return {
                "unit": last.label(),
                "ended": last.valid_to,
                "began": None,
                "now": ", ".join(p.label() for p in self.successors_on(code, day)),
            }
        first = after[0]
        return {"unit": first.label(), "ended": None, "began": first.valid_from, "now": ""}


def catalogue_from_store(store) -> UnitCatalogue:
    """The catalogue of an open database (tui.core.data.store.Store)."""
    names = ("code", "name", "kind", "valid_from", "valid_to")
    units = [dict(zip(names, row, strict=False)) for row in store.rows("views/unit_periods")]
    links = [
        dict(zip(SUCCESSION_COLUMNS, row, strict=True))
        for row in store.rows("views/unit_links_all")
    ]
    return UnitCatalogue.from_rows(units, links)


# -- who reviews ---------------------------------------------------------------------------


def notice_day(unit: dict, year: int) -> date:
    """The day whose reviewing body heads a unit-year's notice: the last day of the year
    on which the unit existed (30/06/2025 for a unit abolished on 01/07/2025)."""
    end = date(year, 12, 31)
    valid_to = _day(unit.get("valid_to"))
    return min(end, valid_to) if valid_to is not None else end


def reviewing_body(store, code: str, day: date, own: str | None = None) -> str | None:
    """Who reviews unit `code`'s resolutions dated `day` (Vietnamese, e.g. "HĐND xã Hải Sơn").

    `own` is the body a deployment names (meta reviewing_body, or reviewing_body in the
    reviewer's config.toml). It heads resolutions dated from the day two-level government
    began (setting two_level_government_from, 01/07/2025) only: before, the district
    council reviewed, and the data (reviewing_body, data/reviewing_bodies.csv) name it, so
    a notice never names a council that did not exist on the day.
    """
    from ..lang.catalogue import CATALOGUE
    from ..rules.bodies import two_level_from

    start = two_level_from(store) if own else None
    if own and start is not None and day >= start:
        return own
    rows = store.rows("views/reviewing_body", code=code, day=day)
    if not rows:
        return None
    name_vi, _name_en, _confirmed, kind, name, parent_name = rows[0]
    kind_vi = CATALOGUE.get(f"kind_{kind}", (kind,))[0]  # tui/core/lang/labels.py
    unit = f"{kind_vi} {name}"
    district = parent_name[:1].lower() + parent_name[1:] if parent_name else unit
    return name_vi.replace("{unit}", unit).replace("{district}", district)


if __name__ == "__main__":  # the refresh command
    counts = write_catalogue_csv()
    print("units_2025.csv: {}, provinces.csv: {}, unit_succession.csv: {}".format(*counts))
