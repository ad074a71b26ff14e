"""Issue 13, item 2: a limit that cuts a list says so on screen. The unit screen lists at
most UNIT_FINDINGS_LIMIT findings; with more, a line above the list says how many of
how many it shows ("Hiện 2 / 5 phát hiện"), and without more there is no such line."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static
from tuiwait import run_app, settle

from tui.app import NtmReviewApp
from tui.core.data import reads
from tui.core.data.store import Store


def findings_of(db: Path, unit: str, year: int) -> int:
    store = Store.open(db)
    try:
        return reads.unit_findings(store, unit, year).total
    finally:
        store.close()


@pytest.mark.parametrize("limit", [2, 10_000])
def test_a_cut_findings_list_says_how_many_it_shows(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    monkeypatch.setattr(reads, "UNIT_FINDINGS_LIMIT", limit)
    state: dict = {}

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await settle(pilot)
        state["year"] = app.year
        app.open_unit("06733", "tab-findings")
        await settle(pilot)
        line = app.screen.query_one("#findings-head", Static)
        state["display"] = line.display
        state["text"] = str(line.render())
        state["rows"] = app.screen.query_one("#findings", DataTable).row_count

    run_app(demo_db, scenario)
    total = findings_of(demo_db, "06733", state["year"])
    assert total > 2  # the unit has enough findings to be cut at 2
    if limit == 2:
        assert state["rows"] == 2
        assert state["display"] is True
        assert state["text"].startswith(f"Hiện 2 / {total} phát hiện")
    else:
        assert state["rows"] == total
        assert state["display"] is False
