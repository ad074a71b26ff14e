"""The resolution screen's works (views/resolution_capital) name each work's criterion from
the criteria set in force on the resolution's own date: QĐ 318/QĐ-TTg up to 14/02/2026,
QĐ 51/2025 from 15/02/2026. The set is looked up once per resolution (a per-work lookup
scanned the whole table at national scale); this pins that the right set is still used."""

from __future__ import annotations

import csv
from datetime import date

from tui.core.data import reads
from tui.core.data.reads import CapitalLine
from tui.core.paths import DATA_DIR

SWITCH = date(2026, 2, 15)


def criterion_names() -> dict[tuple[str, str], str]:
    with open(DATA_DIR / "ntm_criteria.csv", encoding="utf-8") as handle:
        return {(r["criteria_set"], r["code"]): r["name_vi"] for r in csv.DictReader(handle)}


def test_each_work_is_named_from_the_criteria_set_of_its_resolution_date(store) -> None:
    names = criterion_names()
    resolutions = [
        (rid, issued)
        for rid, issued in store._con.execute(
            "SELECT resolution_id, issue_date FROM resolution WHERE kind = 'ntm'"
        ).fetchall()
    ]
    seen_sets = set()
    for rid, issued in resolutions:
        expected_set = "QD51" if issued >= SWITCH else "QD318"
        for line in reads.read(store, CapitalLine, resolution_id=rid):
            if line.criterion_code is None:
                continue
            assert line.criterion_vi == names.get((expected_set, str(line.criterion_code))), (
                rid,
                issued,
                line.criterion_code,
            )
            seen_sets.add(expected_set)
    assert seen_sets == {"QD318", "QD51"}  # the demo holds resolutions under both


def test_an_unknown_resolution_has_no_works(store) -> None:
    assert reads.read(store, CapitalLine, resolution_id="NQ-none") == []
