"""Issue 12: drill-down costs what it shows. The unit screen builds a tab when it is first
shown, and one unit screen is reused (refilled) for every unit opened: these tests hold
that the content still appears, keys still work, the cursor and scroll survive a refill,
and nothing of the previously opened unit is ever on the reused screen."""

from __future__ import annotations

from pathlib import Path

from test_cursor_keeping import background_refresh
from test_tui import rows, static_text
from textual.pilot import Pilot
from textual.widgets import DataTable, TabbedContent
from tuiwait import press, run_app, settle

from tui.app import NtmReviewApp
from tui.screens.resolution import ResolutionScreen
from tui.screens.unit import UnitScreen


def built_tables(app: NtmReviewApp) -> set[str]:
    return {table.id for table in app.screen.query(DataTable)}


def test_a_tab_is_built_when_first_shown_and_its_keys_work(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.open_unit("06733")
        await settle(pilot)
        assert built_tables(app) == {"resolutions"}  # only the tab on screen exists
        loaded = app.screen.shown[0]
        assert "resolutions" in loaded and "works" not in loaded  # nor is its data loaded

        await press(pilot, "tab")
        assert app.screen.query_one(TabbedContent).active == "tab-works"
        assert built_tables(app) == {"resolutions", "works"}
        works = app.screen.query_one("#works", DataTable)
        assert works.has_focus
        assert len(rows(app, "#works")) == 3  # filled from the data loaded at open
        await press(pilot, "down")
        assert works.cursor_row == 1
        resolution_of_second_work = works.coordinate_to_cell_key(works.cursor_coordinate)[0]
        await press(pilot, "enter")  # opens the work's resolution
        assert isinstance(app.screen, ResolutionScreen)
        assert (
            app.screen.resolution_id
            == str(resolution_of_second_work.value).split(":")[1].split("#")[0]
        )
        await press(pilot, "escape")
        assert app.screen.query_one(TabbedContent).active == "tab-works"
        assert works.cursor_row == 1  # coming back keeps the place

    run_app(demo_db, scenario)


def test_a_unit_opened_at_a_later_tab_builds_that_tab_only(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.open_unit("06730", "tab-surplus")
        await settle(pilot)
        assert built_tables(app) == {"surplus"}
        assert static_text(app, "#surplus-head").startswith("Kết dư năm 2022: 2.206.000.000")
        assert len(rows(app, "#surplus")) == 3

    run_app(demo_db, scenario)


def test_the_unit_screen_is_reused_without_the_previous_units_rows(db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.open_unit("06733", "tab-works")
        await settle(pilot)
        first = app.screen
        works_of_06733 = rows(app, "#works")
        await press(pilot, "down", "down")
        works = first.query_one("#works", DataTable)
        assert works.cursor_row == 2
        key = works.coordinate_to_cell_key(works.cursor_coordinate)[0]
        await background_refresh(app, pilot, db)  # a refill of the same unit
        assert works.coordinate_to_cell_key(works.cursor_coordinate)[0] == key
        await press(pilot, "escape")

        app.open_unit("06730", "tab-works")
        # Before the new unit's data has arrived, nothing of 06733 is on the screen.
        assert app.screen is first
        assert isinstance(first, UnitScreen) and first.unit_code == "06730"
        assert all(t.row_count == 0 for t in first.query(DataTable))
        assert "06733" not in static_text(app, "#status-line")
        await settle(pilot)
        assert "06730" in static_text(app, "#status-line")
        works_of_06730 = rows(app, "#works")
        assert works_of_06730 and works_of_06730 != works_of_06733
        assert works.cursor_row == 0  # another unit starts at the top
        assert works.scroll_y == 0

        await press(pilot, "escape")
        app.open_unit("06733", "tab-findings")  # another tab, built on the reused screen
        await settle(pilot)
        assert app.screen is first
        assert app.screen.query_one(TabbedContent).active == "tab-findings"
        assert rows(app, "#findings")
        assert all("06730" not in static_text(app, sel) for sel in ("#status-line", "#unit-head"))

    run_app(db, scenario)


def test_a_unit_opened_from_the_unit_screen_gets_its_own_screen(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.open_unit("06730")
        await settle(pilot)
        below = app.screen
        app.open_unit("06733", "tab-findings")
        await settle(pilot)
        assert app.screen is not below and isinstance(app.screen, UnitScreen)
        await press(pilot, "escape")
        assert app.screen is below
        assert "06730" in static_text(app, "#status-line")
        assert rows(app, "#resolutions")

    run_app(demo_db, scenario)


def test_the_resolution_screen_is_reused_without_the_previous_resolution(db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.open_unit("06733")
        await settle(pilot)
        resolutions = app.screen.query_one("#resolutions", DataTable)
        await press(pilot, "enter")
        first = app.screen
        assert isinstance(first, ResolutionScreen)
        first_id = first.resolution_id
        first_title = static_text(app, "#res-title")
        findings = first.query_one("#res-findings", DataTable)
        findings.focus()
        await settle(pilot)
        await press(pilot, "down")
        kept = findings.cursor_row
        await background_refresh(app, pilot, db)  # a refill of the same resolution
        assert findings.cursor_row == kept
        await press(pilot, "escape")

        await press(pilot, "down")
        assert resolutions.cursor_row == 1
        await press(pilot, "enter")
        assert app.screen is first and first.resolution_id != first_id
        await settle(pilot)
        assert static_text(app, "#res-title") != first_title
        assert first.query_one("#basis", DataTable).has_focus  # as on a new screen
        assert findings.cursor_row == 0
        assert first.query_one("#resolution").scroll_y == 0

        app.open_resolution(first_id)
        await settle(pilot)
        # Pushed over the reused screen, a new one; back on it, it shows its own.
        await press(pilot, "escape")
        assert app.screen is first and static_text(app, "#res-title") != first_title

    run_app(db, scenario)
