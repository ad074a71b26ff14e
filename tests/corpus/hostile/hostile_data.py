"""The hostile corpus (texts.json) planted into the demo data, for the tests of issue 15.

`hostile_dataset()` is the Móng Cái demo with every hostile text in the fields a commune
fills in (session, title, grounds, works, programme shares, surplus items) of two units,
and `hostile_units()` the unit list with one unit's name made hostile too.
"""

from __future__ import annotations

import json
from pathlib import Path

from tui.core.data.dataset import Dataset
from tui.core.data.demo import build_demo
from tui.core.data.reference import mong_cai_units

HERE = Path(__file__).parent
TEXTS: dict[str, str] = {
    k: v for k, v in json.loads((HERE / "texts.json").read_text("utf-8")).items() if k[0] != "_"
}
HOSTILE_UNITS = ("06709", "06712")
# Characters that must never reach a terminal or a file raw.
RAW_FORBIDDEN = (
    "\x1b",
    "\x07",
    "\x9b",
    "\x7f",
    "\u202e",
    "\u202c",
    "\u200b",
    "\u200d",
    "\u2060",
    "\ufeff",
)


def _mix(index: int) -> str:
    names = list(TEXTS)
    return " ".join(TEXTS[names[(index + k) % len(names)]] for k in range(3))


def hostile_dataset() -> Dataset:
    data = build_demo(2023)
    n = 0
    for res in data.resolutions:
        if res.unit_code not in HOSTILE_UNITS:
            continue
        res.session = _mix(n)
        res.title = _mix(n + 1)
        # Shown in the resolution screen's header line ("· TTr …").
        res.submission_ref = _mix(n + 4)
        res.basis.append(_mix(n + 2))
        res.basis.append(TEXTS["markup_close"])
        for project in res.projects:
            project.name = _mix(n + 3)
            project.location = TEXTS["bidi_override"]
            for line in project.capital:
                line.programme_share = TEXTS["formula_dde"]
            n += 1
        n += 4
    for surplus in data.surpluses:
        if surplus.unit_code in HOSTILE_UNITS:
            for line in surplus.lines:
                line.item = _mix(n)
                line.project_name = None
                n += 1
    return data


def hostile_units() -> list[dict]:
    units = mong_cai_units()
    for unit in units:
        if unit["code"] == HOSTILE_UNITS[0]:
            unit["name"] = TEXTS["markup_click"] + " " + TEXTS["osc_title"]
    return units
