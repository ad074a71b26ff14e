"""Issue 14, item 12: the command palette holds the application's own commands in the UI
language (export, follow-up, log, year, money unit, go to unit…); Textual's generic
English entries are gone."""

from __future__ import annotations

from pathlib import Path

from test_tui import press, run_app, settle, type_text, wait_until
from textual.command import CommandPalette
from textual.pilot import Pilot

from tui.app import NtmReviewApp
from tui.screens.followup import FollowupScreen
from tui.screens.unit import UnitScreen


def offered(app: NtmReviewApp) -> list[str]:
    from textual.widgets import OptionList

    options = app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def test_palette_lists_the_apps_commands_in_vietnamese(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await press(pilot, "down")  # shows every command before typing
        await wait_until(pilot, lambda: len(offered(app)) >= 9)
        text = "\n".join(offered(app))
        for title in ("Xuất tệp", "Theo dõi đến cùng", "Nhật ký thẩm tra", "Đổi năm"):
            assert title in text
        for english in ("Theme", "Screenshot", "Quit the application", "Keys", "Maximize"):
            assert english not in text

    run_app(demo_db, scenario)


def test_palette_goes_to_a_unit_typed_without_accents(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "ctrl+p")
        await type_text(pilot, "hai dong")
        await wait_until(pilot, lambda: any("06730 Hải Đông" in o for o in offered(app)))
        first = offered(app)[0]
        assert "Đi tới đơn vị 06730 Hải Đông" in first, offered(app)
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, UnitScreen) and app.screen.unit_code == "06730"

    run_app(demo_db, scenario)


def test_palette_runs_a_command(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "ctrl+p")
        await type_text(pilot, "theo doi")
        await wait_until(pilot, lambda: any("Theo dõi đến cùng" in o for o in offered(app)))
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, FollowupScreen)

    run_app(demo_db, scenario)
