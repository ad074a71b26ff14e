"""Issue 15 items 1–3 in the TUI: every screen walked with hostile, markup-laden data.

Unit names, sessions, titles, grounds, works and notes carry `[@click=app.quit]`,
`[/oops]`, `[b]`, OSC/CSI sequences, bidi overrides and multi-line notes. Nothing may
crash, quit, or reach the screen raw; typing markup into the filters is just text.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hostile_data import HOSTILE_UNITS, RAW_FORBIDDEN, TEXTS
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tuiwait import press, run_app, settle, type_text  # noqa: E402

from tui.app import NtmReviewApp  # noqa: E402
from tui.core.review.service import open_review_store  # noqa: E402
from tui.screens.findings import FindingsScreen  # noqa: E402
from tui.screens.log import LogScreen  # noqa: E402
from tui.screens.overview import OverviewScreen  # noqa: E402
from tui.screens.resolution import ResolutionScreen  # noqa: E402
from tui.screens.unit import UnitScreen  # noqa: E402


def screen_text(app: NtmReviewApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def check_screen(app: NtmReviewApp) -> str:
    """The screen's text, after asserting nothing raw or parsed-as-markup is in it."""
    text = screen_text(app)
    raw = sorted({f"U+{ord(c):04X}" for c in text if c in RAW_FORBIDDEN})
    assert not raw, f"{type(app.screen).__name__}: raw characters on screen: {raw}"
    for table in app.screen.query(DataTable):
        for index in range(table.row_count):
            for cell in table.get_row_at(index):
                assert isinstance(cell, Text), f"a {type(cell).__name__} cell may be markup"
                assert "\n" not in cell.plain, "a cell holds a line break"
                assert not any("@click" in str(s.style) for s in cell.spans)
    return text


def _plant_notes(db: Path) -> None:
    with open_review_store(db, reviewer="alice[/x]") as reviews:
        reviews.add_note("unit", HOSTILE_UNITS[0], HOSTILE_UNITS[0], TEXTS["forged_log_note"])
        reviews.add_note("unit", HOSTILE_UNITS[0], HOSTILE_UNITS[0], TEXTS["markup_close"])
        reviews.add_note("unit", HOSTILE_UNITS[0], HOSTILE_UNITS[0], TEXTS["osc52_clipboard"])


def test_every_screen_shows_hostile_data_as_plain_text(hostile_db: Path) -> None:
    _plant_notes(hostile_db)
    seen: dict[str, str] = {}

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        seen["overview"] = check_screen(app)
        # Clicking the unit whose name is "[@click=app.quit]…" only selects it.
        line_no, line = next(
            (i, line) for i, line in enumerate(seen["overview"].splitlines()) if "[@click" in line
        )
        await pilot.click(offset=(line.index("[@click") + 2, line_no))
        await settle(pilot)
        assert app.is_running
        await press(pilot, "slash")
        await type_text(pilot, HOSTILE_UNITS[0])
        await press(pilot, "enter", "enter")
        assert isinstance(app.screen, UnitScreen)
        seen["unit"] = check_screen(app)
        for tab in range(4):
            await press(pilot, "tab")
            seen[f"unit tab {tab}"] = check_screen(app)
        await press(pilot, "l")
        assert isinstance(app.screen, LogScreen)
        seen["log"] = check_screen(app)
        await press(pilot, "escape")
        # Back to the resolutions tab, then into the first resolution.
        await press(pilot, "tab")
        app.screen.query_one("#resolutions").focus()
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, ResolutionScreen), type(app.screen)
        seen["resolution"] = check_screen(app)
        await press(pilot, "escape", "escape")
        assert isinstance(app.screen, OverviewScreen)
        await press(pilot, "f")
        assert isinstance(app.screen, FindingsScreen)
        seen["findings"] = check_screen(app)
        await press(pilot, "o")
        seen["followup"] = check_screen(app)
        await press(pilot, "escape")
        await press(pilot, "question_mark")
        seen["help"] = check_screen(app)
        assert app.is_running

    run_app(hostile_db, scenario)
    assert "[@click=app.quit]" in seen["overview"]  # shown as written
    assert "[/oops]" in seen["resolution"] or "[/oops]" in seen["unit"]
    assert "\\x1b]" in seen["resolution"]  # escapes are visible, nothing dropped
    assert "· TTr " in seen["resolution"]  # the hostile submission reference, in the header
    log = seen["log"]
    assert "đồng ý ⏎ #999" in log  # the note is one row with a visible marker
    assert not any(line.lstrip("│ ").startswith("#999") for line in log.splitlines())


def test_typing_markup_in_the_filters_is_plain_text(hostile_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "slash")
        await type_text(pilot, "[/x]")
        assert app.is_running
        check_screen(app)
        await press(pilot, "escape")
        await press(pilot, "f")
        await press(pilot, "slash")
        await type_text(pilot, "[/x] [b] [@click=app.quit]")
        assert isinstance(app.screen, FindingsScreen)
        assert "[/x] [b] [@click=app.quit]" in check_screen(app)
        assert app.is_running

    run_app(hostile_db, scenario)
