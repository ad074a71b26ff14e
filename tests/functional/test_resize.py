"""Issue 14, item 7: tables lay themselves out again when the terminal is resized, on
every screen (the overview's and the findings' PagedTables already did)."""

from __future__ import annotations

from pathlib import Path

from test_tui import SMALL, press, run_app, settle
from textual.pilot import Pilot
from textual.widgets import DataTable
from tuiwait import WIDE

from tui.app import NtmReviewApp


def widths(table: DataTable) -> list[int]:
    return [c.get_render_width(table) for c in table.ordered_columns]


def fits(app: NtmReviewApp, table: DataTable) -> bool:
    return sum(widths(table)) <= app.size.width


def test_unit_and_resolution_tables_follow_the_terminal_width(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.open_unit("06730", "tab-findings")
        await settle(pilot)
        findings = app.screen.query_one("#findings", DataTable)
        wide = widths(findings)
        assert sum(wide) > SMALL[0]
        key = findings.cursor_key()
        await pilot.resize_terminal(*SMALL)
        await settle(pilot)
        assert fits(app, findings), widths(findings)
        assert findings.cursor_key() == key
        await pilot.resize_terminal(*WIDE)
        await settle(pilot)
        assert widths(findings) == wide
        await press(pilot, "escape")
        app.open_unit("06730")
        await settle(pilot)
        await press(pilot, "enter")
        basis = app.screen.query_one("#basis", DataTable)
        assert sum(widths(basis)) > SMALL[0]
        await pilot.resize_terminal(*SMALL)
        await settle(pilot)
        assert fits(app, basis), widths(basis)

    run_app(demo_db, scenario, size=WIDE)


def test_log_reason_takes_the_width_left_and_follows_a_resize(db: Path) -> None:
    from tui.core.paths import review_store_path
    from tui.core.review.sqlite import ReviewStore

    store = ReviewStore(review_store_path(db), reviewer="nguoi-khac")
    store.add_note("unit", "06709", "06709", "Ghi chú dài " + "y" * 200)
    store.close()

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "l")
        table = app.screen.query_one("#log", DataTable)
        assert fits(app, table), widths(table)
        assert widths(table)[-1] >= 16
        await pilot.resize_terminal(*WIDE)
        await settle(pilot)
        assert fits(app, table) and widths(table)[-1] >= 40, widths(table)

    run_app(db, scenario, size=SMALL)
