"""Issue 14 items 8, 13 and 14 at 80×24: the contextual footer, help's full key list, small
screens (chart, follow-up's unit column, the login, hidden columns), empty states, the
message bar and the message history."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList
from tuiwait import press, run_app, type_text

from tui.app import NtmReviewApp
from tui.screens.followup import FollowupScreen
from tui.screens.help import HelpScreen
from tui.screens.log import LogScreen
from tui.screens.messages import MessagesScreen
from tui.screens.overview import OverviewScreen
from tui.screens.resolution import ResolutionScreen
from tui.screens.unit import UnitScreen
from tui.widgets.bar_chart import BarChart
from tui.widgets.message_bar import MessageBar
from tui.widgets.paged_table import PagedTable

SMALL = (80, 24)


def lines(app: NtmReviewApp) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def text(app: NtmReviewApp) -> str:
    return "\n".join(lines(app))


async def open_screen(app: NtmReviewApp, pilot: Pilot, where: str) -> None:
    if where == "unit":
        app.open_unit("06730")
    elif where == "unit-findings":
        app.open_unit("06730", "tab-findings")
    elif where == "resolution":
        app.open_unit("06730")
        await press(pilot)
        await press(pilot, "enter")
    elif where == "findings":
        await press(pilot, "f")
    elif where == "followup":
        await press(pilot, "o")
    elif where == "log":
        await press(pilot, "l")
    await press(pilot)


SCREENS = ["overview", "unit", "unit-findings", "resolution", "findings", "followup", "log"]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("where", SCREENS)
def test_footer_fits_80_columns_with_help_and_back_pinned(
    demo_db: Path, where: str, lang: str
) -> None:
    pinned = "? Trợ giúp  esc Quay lại" if lang == "vi" else "? Help  esc Back"

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await open_screen(app, pilot, where)
        screen_lines = lines(app)
        assert len(screen_lines) == 24
        footer = screen_lines[-1]
        assert footer.rstrip().endswith(pinned), footer
        # Global keys live in help and the palette, not in the footer.
        for global_key in ("q ", "w ", "o ", "y ", "m "):
            assert f" {global_key}" not in footer.split(pinned)[0], footer
        # The status line keeps the reviewer's login on every screen.
        assert screen_lines[0].rstrip().endswith("reviewer"), screen_lines[0]

    run_app(demo_db, scenario, size=SMALL, lang=lang)


def test_footer_shows_the_decisions_only_where_they_act(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.open_unit("06730")
        await press(pilot)
        footer = lines(app)[-1]
        assert "⏎ Mở" in footer and "Quyết định" not in footer and "K " not in footer
        await press(pilot, "tab", "tab", "tab")  # resolutions → works → surplus → findings
        assert app.screen.query_one("TabbedContent").active == "tab-findings"
        assert " x a d k Quyết định " in lines(app)[-1]

    run_app(demo_db, scenario, size=SMALL)


def test_footer_at_120_columns_shows_every_contextual_key(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f")
        footer = lines(app)[-1]
        for key in ("⏎ Đi tới", "x a d k Quyết định", "v Mức", "r Quy tắc", "/ Lọc đơn vị"):
            assert key in footer

    run_app(demo_db, scenario)


def test_footer_says_when_keys_are_left_out(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f")
        footer = lines(app)[-1]
        assert "…" in footer and "l Nhật ký" not in footer  # help lists it (next test)

    run_app(demo_db, scenario, size=SMALL)


def test_help_lists_enter_ctrl_p_and_every_key_of_the_screen(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        actions = [action.binding_id for _, action in app.screen._actions()]
        for binding_id in (
            "findings.open",  # Enter, though the table's own Enter shadows it
            "app.palette",  # Ctrl+P
            "review.log",
            "app.messages",
            "app.quit",
            "app.help",
            "app.back",
        ):
            assert binding_id in actions
        displays = [app.get_key_display(binding) for binding, _ in app.screen._actions()]
        assert "⏎" in displays and "^p" in displays

    run_app(demo_db, scenario, size=SMALL)


def test_status_line_keeps_a_long_login_at_80_columns(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.reviewer = "nguyen-thi-thanh-huong"
        app.open_unit("06730")
        await press(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, ResolutionScreen)
        status = lines(app)[0].rstrip()
        assert status.endswith("nguyen-thi-thanh-huong"), status
        assert "…" in status  # the place gave way, cut visibly

    run_app(demo_db, scenario, size=SMALL)


@pytest.mark.parametrize("size, shown", [((80, 24), False), ((120, 40), True)])
def test_overview_chart_collapses_on_a_short_terminal(
    demo_db: Path, size: tuple[int, int], shown: bool
) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        assert app.screen.query_one(BarChart).display is shown
        table = app.screen.query_one(DataTable)
        if not shown:  # the unit list comes first: all 17 units on screen at 24 lines
            assert table.size.height >= 18

    run_app(demo_db, scenario, size=size)


def test_followup_keeps_the_unit_column_at_80(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "o")
        assert isinstance(app.screen, FollowupScreen)
        visible = [c.key for c in app.screen.query_one(PagedTable).visible_columns()]
        assert visible == ["state", "decision", "unit", "message"]
        assert "06730 Hải Đông" in text(app)

    run_app(demo_db, scenario, size=SMALL)


def test_hidden_and_off_edge_columns_are_counted(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        # The overview drops 8 of its 14 columns at 80: the caption says so.
        assert "cột ẩn: 8" in text(app)
        # The unit's resolutions run past the right edge: the header says by how many.
        app.open_unit("06730")
        await press(pilot)
        table = app.screen.query_one("#resolutions", DataTable)
        before, after = table.columns_beyond()
        assert before == 0 and after >= 1
        assert any(f"+{after} cột →" in line for line in lines(app)[:8])
        table.scroll_to(x=table.max_scroll_x, animate=False)  # to the end: now on the left
        await press(pilot)
        before, after = table.columns_beyond()
        assert after == 0 and before >= 1
        assert any(f"+{before} cột ←" in line for line in lines(app)[:8])

    run_app(demo_db, scenario, size=SMALL)


def test_overview_filter_without_match_says_why_and_esc_clears_it(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "slash")
        await type_text(pilot, "zzzz")
        await press(pilot, "enter")  # back in the (empty) list, the filter kept
        assert "Không có đơn vị khớp “zzzz” — Esc để xoá lọc" in text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, OverviewScreen)
        assert app.screen.query_one(PagedTable).total == 17
        assert "zzzz" not in text(app)

    run_app(demo_db, scenario, size=SMALL)


def test_findings_filter_escape_clears_it_before_going_back(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f", "slash")
        await type_text(pilot, "zzzz")
        await press(pilot, "enter")
        assert "Không có phát hiện nào của đơn vị khớp “zzzz” — Esc để xoá lọc" in text(app)
        await press(pilot, "escape")
        assert app.screen.query_one(PagedTable).total == 28
        await press(pilot, "escape")
        assert isinstance(app.screen, OverviewScreen)

    run_app(demo_db, scenario, size=SMALL)


def test_empty_states_of_follow_up_unit_and_log(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "o", "t", "t", "t")  # all → still open → new → resolved
        assert "Không có phát hiện nào ở trạng thái “đã hết” — t để đổi trạng thái" in text(app)
        await press(pilot, "escape")
        app.open_unit("06745", "tab-findings")  # the model commune: no findings
        await press(pilot)
        assert isinstance(app.screen, UnitScreen)
        assert "Đơn vị không có phát hiện nào trong năm 2023" in text(app)
        await press(pilot, "escape", "l")
        assert isinstance(app.screen, LogScreen)
        assert "Chưa có quyết định hay ghi chú nào — trên một phát hiện" in text(app)

    run_app(demo_db, scenario, size=SMALL)


def test_empty_state_in_english(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "slash")
        await type_text(pilot, "zzzz")
        assert "No unit matches “zzzz” — Esc clears the filter" in text(app)

    run_app(demo_db, scenario, size=SMALL, lang="en")


def test_messages_sit_above_the_footer_not_over_the_list(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "c")  # copies the selected unit: one message
        bar = app.screen.query_one(MessageBar)
        assert bar.display
        table = app.screen.query_one(DataTable)
        assert table.region.bottom <= bar.region.y  # the list ends where the bar starts
        assert lines(app)[-2].strip() == "Đã sao chép vào bộ nhớ tạm."
        assert lines(app)[-1].rstrip().endswith("esc Quay lại")

    run_app(demo_db, scenario, size=SMALL)


def test_message_history_finds_a_past_message_again(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.notify("Đã xuất: /srv/ntm/ntm-review-phat-hien-tat-ca-2023.xlsx", timeout=0.01)
        await press(pilot, "c")
        await press(pilot, "b")
        assert isinstance(app.screen, MessagesScreen)
        options = app.screen.query_one(OptionList)
        newest_first = [str(options.get_option_at_index(i).prompt) for i in range(2)]
        assert "Đã sao chép" in newest_first[0]
        assert "/srv/ntm/ntm-review-phat-hien-tat-ca-2023.xlsx" in newest_first[1]
        copied = []
        app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
        await press(pilot, "down", "enter")
        assert copied == ["Đã xuất: /srv/ntm/ntm-review-phat-hien-tat-ca-2023.xlsx"]
        await press(pilot, "escape")
        assert isinstance(app.screen, OverviewScreen)

    run_app(demo_db, scenario, size=SMALL)


def back_key_dimmed(app: NtmReviewApp) -> bool:
    from textual.widgets._footer import FooterKey

    (key,) = [k for k in app.screen.query(FooterKey) if k.action == "back"]
    return key.has_class("-disabled")


def test_esc_is_dimmed_only_where_it_does_nothing(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        assert back_key_dimmed(app)  # the first screen, no filter
        await press(pilot, "slash")
        await type_text(pilot, "hai")
        await press(pilot, "enter")
        assert not back_key_dimmed(app)  # Esc clears the filter
        await press(pilot, "escape")
        assert back_key_dimmed(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, UnitScreen)
        assert not back_key_dimmed(app)

    run_app(demo_db, scenario, size=SMALL)


def test_clicking_a_header_sorts_by_that_column(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        table = app.screen.query_one(DataTable)
        name_column = next(i for i, c in enumerate(table.ordered_columns) if c.key.value == "name")
        table.post_message(
            DataTable.HeaderSelected(
                table, table.ordered_columns[name_column].key, name_column, None
            )
        )
        await press(pilot)
        assert app.screen.sort_column == "name" and not app.screen.descending
        assert "Sắp xếp: Đơn vị ↑" in text(app)

    run_app(demo_db, scenario, size=SMALL)
