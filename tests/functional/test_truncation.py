"""Issue 14, item 5: truncation never changes meaning. A cell cut to its column's width
ends in "…", and document numbers ("06/2022/NQ-HĐND") are never cut."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.style import Style
from rich.text import Text
from test_tui import SMALL, press, run_app, screen_text, settle
from textual.pilot import Pilot
from textual.widgets import DataTable
from tuiwait import WIDE

from tui.app import NtmReviewApp
from tui.screens.resolution import ResolutionScreen


def shown_and_full(table: DataTable):
    """(what the cell shows, the cell's whole text) for every cell of a table."""
    for row_index in range(table.row_count):
        for column_index, column in enumerate(table.ordered_columns):
            cell = table.get_cell_at((row_index, column_index))
            full = cell.plain if isinstance(cell, Text) else str(cell)
            lines = table._render_cell(
                row_index, column_index, Style(), column.get_render_width(table)
            )
            shown = "".join(segment.text for segment in lines[0]).strip()
            yield shown, full.strip()


def assert_cut_cells_end_in_ellipsis(app: NtmReviewApp) -> int:
    checked = 0
    for table in app.screen.query(DataTable):
        for shown, full in shown_and_full(table):
            if full and shown != full:
                assert shown.endswith("…"), (table.id, shown, full)
                assert full.startswith(shown[:-1].rstrip()), (shown, full)
                checked += 1
    return checked


@pytest.mark.parametrize("size", [SMALL, WIDE], ids=["80x24", "120x40"])
def test_resolution_screen_cuts_with_an_ellipsis_and_never_cuts_document_numbers(
    demo_db: Path, size: tuple[int, int]
) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.open_unit("06730")
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, ResolutionScreen)
        basis = app.screen.query_one("#basis", DataTable)
        documents = [c for c in basis.get_column_at(2) if isinstance(c, Text) and "/" in c.plain]
        assert documents, "the demo resolution cites numbered documents"
        for shown, full in shown_and_full(basis):
            if full in {d.plain for d in documents}:
                assert shown == full
        assert_cut_cells_end_in_ellipsis(app)

    run_app(demo_db, scenario, size=size)


@pytest.mark.parametrize("size", [SMALL, WIDE], ids=["80x24", "120x40"])
def test_every_table_cuts_with_an_ellipsis(demo_db: Path, size: tuple[int, int]) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        cut = assert_cut_cells_end_in_ellipsis(app)  # overview
        await press(pilot, "f")
        cut += assert_cut_cells_end_in_ellipsis(app)
        await press(pilot, "v", "v", "v")  # info only
        assert "● Thông tin" in screen_text(app)
        await press(pilot, "escape")
        for tab in ("tab-resolutions", "tab-works", "tab-surplus", "tab-findings"):
            app.open_unit("06730", tab)
            await settle(pilot)
            cut += assert_cut_cells_end_in_ellipsis(app)
            await press(pilot, "escape")
        if size == SMALL:
            assert cut > 0  # 80 columns do cut long texts: the check above was exercised

    run_app(demo_db, scenario, size=size)
