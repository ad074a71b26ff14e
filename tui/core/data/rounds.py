"""The 2023–2025 merger rounds: units that ended or changed before 30/06/2025.

Between the list of 10/04/2023 and that of 30/06/2025 about 590 communes and wards were
merged into others and about 350 were renamed or moved to another district by resolutions
of the UBTVQH (the largest round took effect on 01/01/2025: xã Thọ Lộc and xã Tích Giang
became xã Tích Lộc, which kept Thọ Lộc's code 09742). Neither package behind the other
catalogue files carries them (see units_2025.NOTICE). The statistics office's list at each
of those dates is carried, release by release, by the MIT-licensed dataset
`thanglequoc/vietnamese-provinces-database` (one git tag per decree batch); this module
reads those releases from a local clone and writes the differences:

- data/units_rounds.csv: every period of a code that ended before its last period of
  30/06/2025 (UNIT_COLUMNS plus `confirmed`, `source`); the last period is the one in
  data/units_national.csv, which starts the day after (see `with_rounds`);
- data/unit_succession_rounds.csv: who went into whom (SUCCESSION_COLUMNS plus
  `confirmed`, `source`).

Every row is confirmed = false: the day a change took effect is the one the dataset's
release table gives for its batch of resolutions (a resolution of the batch may have
taken effect earlier), and where a code disappeared, the unit that absorbed it is inferred
(the unit of the same district that changed on that day and shares a word of its name);
when no single unit fits, no mapping row is written (`unmapped` in the refresh's report).
The names, codes and districts themselves are the office's lists.

Refresh: `python -m tui.core.data.rounds PATH` with PATH a git clone of
https://github.com/thanglequoc/vietnamese-provinces-database (with its tags).
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

from ..paths import DATA_DIR
from .dataset import UNIT_COLUMNS, iter_csv

UNITS_ROUNDS_CSV = DATA_DIR / "units_rounds.csv"
SUCCESSION_ROUNDS_CSV = DATA_DIR / "unit_succession_rounds.csv"
ROUND_UNIT_COLUMNS = (*UNIT_COLUMNS, "confirmed", "source")
ROUND_LINK_COLUMNS = ("effective", "old_code", "new_code", "merge", "confirmed", "source")

# The dataset's releases and the day its release table says each took effect. v2.4.1
# only corrects spellings ("Thạnh Qưới"): its names are kept for the earlier periods.
RELEASES: tuple[tuple[str, date | None], ...] = (
    ("v1.0.4.1", None),  # the list of 10/04/2023 (NQ 721–730/NQ-UBTVQH15): the start
    ("v2.0.0", date(2024, 2, 1)),  # NQ 939/NQ-UBTVQH15
    ("v2.0.1", date(2024, 5, 1)),  # NQ 1013/NQ-UBTVQH15
    ("v2.1.0", date(2024, 9, 1)),  # NQ 1106/NQ-UBTVQH15
    ("v2.2.0", date(2024, 11, 1)),  # NQ 1203/NQ-UBTVQH15
    ("v2.3.0", date(2025, 1, 1)),  # the 2023–2025 rounds (NQ 1314/NQ-UBTVQH15 and others)
    ("v2.4.0", date(2025, 3, 1)),  # NQ 1365/NQ-UBTVQH15
)
SOURCE = "thanglequoc/vietnamese-provinces-database"
_KINDS = {"phường": "phuong", "xã": "xa", "thị trấn": "thi_tran"}

_Q = r"'((?:[^']|'')*)'"
_WARD = re.compile(r"\('(\d{5})'," + ",".join([_Q] * 5) + r",'(\d{3})',(\d+)\)")
_DISTRICT = re.compile(r"\('(\d{3})'," + ",".join([_Q] * 5) + r",'(\d{2})',(\d+)\)")
_PROVINCE = re.compile(r"\('(\d{2})'," + ",".join([_Q] * 5) + r",(\d+),(\d+)\)")


def _text(value: str) -> str:
    return unicodedata.normalize("NFC", value.replace("''", "'"))


def _kind(full_name: str, short_name: str) -> str:
    label = full_name[: len(full_name) - len(short_name)].strip().lower()
    return _KINDS[label]


def read_release(clone: Path, tag: str) -> dict[str, dict]:
    """{code: unit row} of one release of the dataset (its PostgreSQL import file)."""
    text = subprocess.run(
        ["git", "-C", str(clone), "show", f"{tag}:postgresql/ImportData_vn_units.sql"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    provinces = {m[0]: _text(m[3]) for m in _PROVINCE.findall(text)}
    districts = {m[0]: (_text(m[3]), m[6]) for m in _DISTRICT.findall(text)}
    units = {}
    for code, name, _en, full, _full_en, _slug, district, _unit_kind in _WARD.findall(text):
        district_name, province = districts[district]
        units[code] = {
            "code": code,
            "name": _text(name),
            "kind": _kind(_text(full), _text(name)),
            "parent_code": district,
            "parent_name": district_name,
            "province_code": province,
            "province_name": provinces[province],
        }
    return units


def _words(name: str) -> set[str]:
    return set(name.lower().split())


def diff_releases(
    releases: list[tuple[dict[str, dict], date | None]],
) -> tuple[list[dict], list[dict], list[tuple[date, str]]]:
    """(ended periods, succession rows, codes gone with no single successor)."""
    same = ("name", "kind", "parent_code")
    started: dict[str, date | None] = {code: None for code in releases[0][0]}
    periods: list[dict] = []
    links: list[dict] = []
    unmapped: list[tuple[date, str]] = []
    for (before, _), (after, effective) in zip(releases, releases[1:], strict=False):
        assert effective is not None
        source = f"{SOURCE} ({effective.isoformat()})"
        last_day = (effective - timedelta(days=1)).isoformat()
        changed = {
            code
            for code, unit in after.items()
            if code not in before or any(unit[k] != before[code][k] for k in same)
        }
        for code in sorted(set(before) - set(after) | (changed & set(before))):
            start = started[code]
            periods.append(
                {
                    **before[code],
                    "valid_from": start.isoformat() if start else "",
                    "valid_to": last_day,
                    "confirmed": "false",
                    "source": source,
                }
            )
        for code in sorted(changed):
            started[code] = effective
            if code in before:  # the same unit, renamed, moved or enlarged
                links.append(_link(effective, code, code, source))
        for code in sorted(set(before) - set(after)):
            gone = before[code]
            near = [
                c
                for c in sorted(changed)
                if gone["parent_code"]
                in (after[c]["parent_code"], before.get(c, {}).get("parent_code"))
            ]
            if len(near) > 1:
                near = [
                    c
                    for c in near
                    if _words(gone["name"])
                    & (_words(after[c]["name"]) | _words(before.get(c, {}).get("name", "")))
                ]
            if len(near) == 1:
                links.append(_link(effective, code, near[0], source))
            else:
                unmapped.append((effective, code))
            started.pop(code)
    return periods, links, unmapped


def _link(effective: date, old: str, new: str, source: str) -> dict:
    return {
        "effective": effective.isoformat(),
        "old_code": old,
        "new_code": new,
        "merge": "whole",
        "confirmed": "false",
        "source": source,
    }


def _write(path: Path, columns: Iterable[str], rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore"
        )
        writer.writeheader()
        writer.writerows(rows)


def write_rounds_csv(clone: Path, data_dir: Path = DATA_DIR) -> tuple[int, int, int]:
    """Refresh units_rounds.csv and unit_succession_rounds.csv from a clone of the dataset."""
    releases = [(read_release(clone, tag), effective) for tag, effective in RELEASES]
    periods, links, unmapped = diff_releases(releases)
    _write(data_dir / UNITS_ROUNDS_CSV.name, ROUND_UNIT_COLUMNS, periods)
    _write(data_dir / SUCCESSION_ROUNDS_CSV.name, ROUND_LINK_COLUMNS, links)
    return len(periods), len(links), len(unmapped)


# -- reading ---------------------------------------------------------------------------


def round_periods() -> list[dict]:
    return list(iter_csv(UNITS_ROUNDS_CSV))


def round_links() -> list[dict]:
    return list(iter_csv(SUCCESSION_ROUNDS_CSV))


def with_rounds(units: list[dict]) -> list[dict]:
    """`units` (periods of 30/06/2025 and after) plus the earlier periods of the rounds.

    A code's period of 30/06/2025 in `units` starts the day after its last earlier period
    ended (09742 is xã Tích Lộc from 01/01/2025, xã Thọ Lộc until 31/12/2024). Only the
    rounds periods of codes in `units`' provinces are added.
    """
    earlier = round_periods()
    provinces = {u["province_code"] for u in units if u.get("valid_to")}
    earlier = [p for p in earlier if p["province_code"] in provinces]
    ended: dict[str, str] = {}
    for period in earlier:
        ended[period["code"]] = max(ended.get(period["code"], ""), period["valid_to"])
    adjusted = []
    for unit in units:
        last = ended.get(unit["code"])
        if last and unit.get("valid_to") and not unit.get("valid_from"):
            start = date.fromisoformat(last) + timedelta(days=1)
            unit = {**unit, "valid_from": start.isoformat()}
        adjusted.append(unit)
    return [{k: p[k] for k in UNIT_COLUMNS} for p in earlier] + adjusted


def main(argv: list[str]) -> int:
    """The refresh command; one sentence and exit code 2 on bad input."""
    if len(argv) != 1:
        print(
            "usage: python -m tui.core.data.rounds PATH-TO-A-CLONE-OF-THE-DATASET", file=sys.stderr
        )
        return 2
    clone = Path(argv[0])
    try:
        counts = write_rounds_csv(clone)
    except (subprocess.CalledProcessError, FileNotFoundError, KeyError):
        print(
            f"{clone}: not a git clone of {SOURCE} with its release tags "
            f"({', '.join(tag for tag, _ in RELEASES)}); nothing was written.",
            file=sys.stderr,
        )
        return 2
    print("units_rounds.csv: {}, unit_succession_rounds.csv: {}, unmapped: {}".format(*counts))
    return 0


if __name__ == "__main__":  # the refresh command
    sys.exit(main(sys.argv[1:]))
