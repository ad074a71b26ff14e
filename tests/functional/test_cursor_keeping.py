"""Issue 14, item 1: every refill of every table keeps the cursor (and the scroll position)
on the same entity, by key. A reviewer who presses "decide, ↓, decide…" decides each row
once, whether the refill comes from their own save or from another reviewer's write."""

from __future__ import annotations

from pathlib import Path

import duckdb
from test_tui import SMALL, press, run_app, settle, wait_until
from textual.pilot import Pilot
from textual.widgets import DataTable

from tui.app import NtmReviewApp
from tui.core.paths import review_store_path
from tui.core.review.sqlite import ReviewStore
from tui.screens.findings import FindingsScreen
from tui.screens.log import LogScreen
from tui.screens.resolution import ResolutionScreen
from tui.screens.unit import UnitScreen


def store_of(db: Path, reviewer: str | None = None) -> ReviewStore:
    return ReviewStore(review_store_path(db), reviewer=reviewer)


def other_reviewer_writes(db: Path, unit: str = "06709") -> None:
    """Another reviewer leaves a note on another unit: the app's poll sees a new event."""
    other = store_of(db, "someone-else")
    other.add_note("unit", unit, unit, "ghi chú của người khác")
    other.close()


def cursor_key(table: DataTable) -> str | None:
    if table.row_count == 0:
        return None
    row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
    return row_key.value


async def background_refresh(app: NtmReviewApp, pilot: Pilot, db: Path) -> None:
    before = app.generation
    other_reviewer_writes(db)
    app._poll_reviews()
    await settle(pilot)
    assert app.generation > before  # the screen was refilled


def unit_finding_keys(db: Path, unit: str) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [
            r[0]
            for r in con.execute(
                "SELECT finding_key FROM finding WHERE unit_code = ? AND year = 2023", [unit]
            ).fetchall()
        ]
    finally:
        con.close()


def test_decide_down_decide_on_the_unit_screen_decides_five_findings(db: Path) -> None:
    keys = unit_finding_keys(db, "06730")
    assert len(keys) == 5

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.open_unit("06730", "tab-findings")
        await settle(pilot)
        assert isinstance(app.screen, UnitScreen)
        for n in range(5):
            await press(pilot, "x")
            await wait_until(pilot, lambda n=n: len(store_of(db).events()) >= n + 1)
            await settle(pilot)
            await background_refresh(app, pilot, db)
            await press(pilot, "down")

    run_app(db, scenario, size=SMALL)
    decisions = [e for e in store_of(db).events() if e.kind == "decision"]
    assert len(decisions) == 5
    assert sorted(e.finding_key for e in decisions) == sorted(keys)


def test_background_refresh_keeps_the_cursor_on_the_same_finding(db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f")
        assert isinstance(app.screen, FindingsScreen)
        await press(pilot, "down", "down", "down")
        seen = app.screen.selected_finding().finding_key
        await background_refresh(app, pilot, db)
        assert app.screen.selected_finding().finding_key == seen
        await press(pilot, "x")
        await wait_until(pilot, lambda: len(store_of(db).current_decisions()) == 1)
        await settle(pilot)
        assert app.screen.selected_finding().finding_key == seen
        assert list(store_of(db).current_decisions()) == [seen]

    run_app(db, scenario)


def test_resolution_findings_keep_the_cursor_across_a_refresh(db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.open_unit("06730")
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, ResolutionScreen)
        table = app.screen.query_one("#res-findings", DataTable)
        assert table.row_count >= 2
        table.focus()
        await press(pilot, "down")
        seen = app.screen.selected_finding().finding_key
        await press(pilot, "x")
        await wait_until(pilot, lambda: len(store_of(db).current_decisions()) == 1)
        await settle(pilot)
        await background_refresh(app, pilot, db)
        assert app.screen.selected_finding().finding_key == seen
        basis = app.screen.query_one("#basis", DataTable)
        basis.focus()
        await press(pilot, "down", "down")
        basis_key = cursor_key(basis)
        await background_refresh(app, pilot, db)
        assert cursor_key(basis) == basis_key

    run_app(db, scenario)


def test_log_keeps_the_cursor_on_the_same_event_when_a_new_one_arrives(db: Path) -> None:
    for unit in ("06712", "06715", "06718"):
        other_reviewer_writes(db, unit)

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "l")
        assert isinstance(app.screen, LogScreen)
        table = app.screen.query_one("#log", DataTable)
        await press(pilot, "down")
        seen = cursor_key(table)
        await background_refresh(app, pilot, db)  # a newer event goes on top
        assert table.row_count == 4
        assert cursor_key(table) == seen

    run_app(db, scenario)


def test_scroll_position_is_kept_across_a_refill(db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        table = app.screen.query_one(DataTable)
        for _ in range(14):
            await press(pilot, "down")
        seen = cursor_key(table)
        assert table.scroll_y > 0
        await press(pilot, "up", "up")  # the cursor leaves the bottom edge
        seen = cursor_key(table)
        scroll = table.scroll_y
        await background_refresh(app, pilot, db)
        assert cursor_key(table) == seen
        assert table.scroll_y == scroll

    # 16 lines: the 17 units do not fit (at 24 the overview hides its chart and they do).
    run_app(db, scenario, size=(80, 16))
