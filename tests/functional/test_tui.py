"""Pilot tests of the review TUI: every screen and flow, asserted on what a reviewer sees.

pytest-asyncio is not installed: each test is a plain function that runs its scenario with
asyncio.run(). The demo database (`demo_db`, tests/conftest.py) is shared read-only; a
test that rebuilds a database works on its own copy.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from rich.text import Text
from textual import events
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static, TabbedContent
from tuiwait import press, run_app, settle, type_text

from tui.app import NtmReviewApp
from tui.core.data.build import build_demo_database
from tui.core.data.store import current_schema_version
from tui.core.lang.i18n import t
from tui.core.rules.findings import looks_like_short_id
from tui.screens.error import ErrorScreen
from tui.screens.findings import FindingsScreen
from tui.screens.help import HelpScreen
from tui.screens.overview import OverviewScreen
from tui.screens.resolution import ResolutionScreen
from tui.screens.rule_picker import RulePicker
from tui.screens.unit import UnitScreen
from tui.widgets.paged_table import PagedTable

SMALL = (80, 24)
MODEL = "06745"
ALL_UNITS = [f"{code:05d}" for code in range(6709, 6758, 3)]


# -- helpers ----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No reviewer's key config or crash log leaks into (or out of) a test."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


async def wait_until(pilot: Pilot, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.05)
        await settle(pilot)


def screen_text(app: NtmReviewApp) -> str:
    """The characters of the active screen, one line per terminal row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def plain(cell: object) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


def rows(app: NtmReviewApp, selector: str = "DataTable") -> list[list[str]]:
    table = app.screen.query_one(selector, DataTable)
    return [[plain(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def records(app: NtmReviewApp, selector: str = "DataTable") -> list[dict[str, str]]:
    """Rows of a PagedTable's DataTable as {column key: text} (columns collapse by width)."""
    table = app.screen.query_one(selector, DataTable)
    keys = [str(key.value) for key in table.columns]
    return [dict(zip(keys, row, strict=True)) for row in rows(app, selector)]


def headers(app: NtmReviewApp, selector: str = "DataTable") -> list[str]:
    table = app.screen.query_one(selector, DataTable)
    return [plain(column.label) for column in table.columns.values()]


def overview_cell(app: NtmReviewApp, code: str, header: str) -> str:
    index = headers(app).index(header)
    return next(row[index] for row in rows(app) if row[0] == code)


def static_text(app: NtmReviewApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def stack(app: NtmReviewApp) -> list[type]:
    return [type(screen) for screen in app.screen_stack[1:]]


def names(app: NtmReviewApp) -> list[str]:
    return [row[1] for row in rows(app)]


# -- overview -----------------------------------------------------------------------------


def test_overview_shows_17_units_and_summary(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        assert stack(app) == [OverviewScreen]
        assert [row[0] for row in rows(app)] == ALL_UNITS
        assert "Hải Xuân ★" in names(app)
        assert "Ka Long" in names(app)
        summary = static_text(app, "#summary")
        assert summary.startswith("17 đơn vị · 8 NQ NTM · 16 công trình · tổng mức 42.368.000.000")
        assert "20 lỗi, 7 cảnh báo, 1 thông tin" in summary
        text = screen_text(app)
        assert "DỮ LIỆU MẪU" in text
        assert "Tổng quan các đơn vị  ·  Năm 2023  ·  ĐVT: đồng" in text
        assert "1–17 / 17" in text
        assert "Cơ cấu nguồn vốn toàn phạm vi (đồng)" in text
        assert "Đang mở dữ liệu" not in text

    run_app(demo_db, scenario)


def test_overview_fits_80x24_with_essential_columns(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        assert headers(app) == ["Mã", "Đơn vị", "NQ NTM", "Tổng mức ĐT", "Lỗi·CB·TT", "Tiến độ"]
        lines = screen_text(app).splitlines()
        assert len(lines) == 24
        row = r"06730\s+Hải Đông\s+1\s+5\.576\.000\.000\s+3·2·0\s+0/5"
        assert any(re.search(row, line) for line in lines)
        # The footer: keys that act on the unit list, help and back pinned at the right.
        assert lines[-1].startswith(" ⏎ Mở  / Lọc  s Sắp xếp")
        assert lines[-1].rstrip().endswith("? Trợ giúp  esc Quay lại")
        assert "q Thoát" not in lines[-1]  # global keys are in help and the palette

    run_app(demo_db, scenario, size=SMALL)


@pytest.mark.parametrize(
    "query",
    [
        "hai xuan",
        "HẢI XUÂN",
        "Hải Xuân",
        "hải xuân",
    ],
)
def test_filter_ignores_accents_and_case(demo_db: Path, query: str) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "slash")
        assert app.focused is app.screen.query_one("#filter", Input)
        await type_text(pilot, query)
        assert app.screen.query_one("#filter", Input).value == query
        assert names(app) == ["Hải Xuân ★"]
        assert static_text(app, "#summary").startswith("1 đơn vị · 1 NQ NTM · 3 công trình")
        assert "1–1 / 1" in screen_text(app)

    run_app(demo_db, scenario)


def test_filter_matches_nfd_input(demo_db: Path) -> None:
    """Decomposed Vietnamese (as some keyboards and pastes send it) finds the same unit."""
    nfd = unicodedata.normalize("NFD", "Hải Xuân")
    assert nfd != "Hải Xuân"

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "slash")
        field = app.screen.query_one("#filter", Input)
        field.post_message(events.Paste(nfd))
        await settle(pilot)
        assert unicodedata.normalize("NFC", field.value) == "Hải Xuân"
        assert names(app) == ["Hải Xuân ★"]

    run_app(demo_db, scenario)


def test_filter_folds_d_and_dj_and_matches_codes(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        for query, expected in [("dong", ["Hải Đông"]), ("ĐÔNG", ["Hải Đông"]), ("0675", None)]:
            await press(pilot, "slash")
            await type_text(pilot, query)
            if expected is None:
                assert [row[0] for row in rows(app)] == ["06751", "06754", "06757"]
            else:
                assert names(app) == expected
            await press(pilot, "escape")
            assert len(rows(app)) == 17

    run_app(demo_db, scenario)


def test_filter_never_shows_a_stale_result(demo_db: Path) -> None:
    """A slow query for an earlier keystroke must not overwrite the result of a later one."""

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        store = app.store
        assert store is not None
        original = store.rows

        def rows_slow_for_h(name: str, **params):
            if name == "views/overview_page" and params.get("filter") == "h":
                time.sleep(0.5)
            return original(name, **params)

        store.rows = rows_slow_for_h
        await pilot.press("slash", *"hai x")
        await asyncio.sleep(0.7)
        await settle(pilot)
        assert app.screen.filter_text == "hai x"
        assert names(app) == ["Hải Xuân ★"]

    run_app(demo_db, scenario, size=SMALL)


def test_filter_enter_keeps_filter_escape_clears_it(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "slash")
        await type_text(pilot, "hai")
        await press(pilot, "enter")
        table = app.screen.query_one("#units DataTable", DataTable)
        assert app.focused is table
        narrowed = names(app)
        assert "Hải Xuân ★" in narrowed and "Ka Long" not in narrowed
        assert all(name.startswith("Hải ") for name in narrowed)
        assert "Lọc: “hai”" in screen_text(app)
        await press(pilot, "slash", "escape")
        assert len(names(app)) == 17
        assert app.focused is table
        assert not app.screen.query_one("#filter", Input).display
        assert stack(app) == [OverviewScreen]  # Escape in the filter does not go "back"

    run_app(demo_db, scenario)


def test_sort_picker_offers_the_columns_on_screen_and_reverses(demo_db: Path) -> None:
    """s: a picker of the visible sortable columns (issue 14 item 9); the current column
    chosen again reverses; S reverses too."""
    from tui.screens.choice_picker import ChoicePicker

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        assert rows(app)[0][:2] == ["06709", "Ka Long"]
        await press(pilot, "s")
        assert isinstance(app.screen, ChoicePicker)
        options = app.screen.query_one(OptionList)
        offered = [options.get_option_at_index(i).id for i in range(options.option_count)]
        # At 80 columns: only what is on screen, never the hidden capital columns.
        assert offered == ["code", "name", "ntm", "total", "findings"]
        await press(pilot, "down", "enter")
        by_name = names(app)
        assert by_name[0] == "Bắc Sơn"
        assert "Sắp xếp: Đơn vị ↑" in screen_text(app)
        await press(pilot, "S")
        assert names(app) == list(reversed(by_name))
        assert "Sắp xếp: Đơn vị ↓" in screen_text(app)
        await press(pilot, "s", "enter")  # the current column again: reversed back
        assert names(app) == by_name
        await press(pilot, "s", "escape")
        assert stack(app) == [OverviewScreen] and names(app) == by_name

    run_app(demo_db, scenario, size=SMALL)


def test_year_switch_shows_2022(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        assert overview_cell(app, MODEL, "Tổng mức ĐT") == "5.100.000.000"
        await press(pilot, "y")
        assert app.year == 2022
        assert "Năm 2022" in static_text(app, "#status-line")
        assert static_text(app, "#summary").startswith(
            "17 đơn vị · 1 NQ NTM · 1 công trình · tổng mức 3.687.000.000"
        )
        assert overview_cell(app, MODEL, "Tổng mức ĐT") == "3.687.000.000"
        assert overview_cell(app, "06730", "Tổng mức ĐT") == "0"
        await press(pilot, "y")
        # Then the newest year: 2026, on the six units of the two-level map.
        assert "Năm 2026" in static_text(app, "#status-line")
        assert static_text(app, "#summary").startswith("6 đơn vị · 3 NQ NTM")
        assert overview_cell(app, "06757", "Tổng mức ĐT") != "0"
        await press(pilot, "y")
        assert "Năm 2023" in static_text(app, "#status-line")
        assert overview_cell(app, MODEL, "Tổng mức ĐT") == "5.100.000.000"

    run_app(demo_db, scenario)


def test_money_unit_cycles_dong_trieu_ty(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        expected = [
            ("5.100.000.000", "ĐVT: đồng", "tổng mức 42.368.000.000"),
            ("5.100", "ĐVT: triệu đồng", "tổng mức 42.368 "),
            ("5,1", "ĐVT: tỷ đồng", "tổng mức 42,4 "),
            ("5.100.000.000", "ĐVT: đồng", "tổng mức 42.368.000.000"),
        ]
        for i, (cell, unit, total) in enumerate(expected):
            if i:
                await press(pilot, "m")
            assert overview_cell(app, MODEL, "Tổng mức ĐT") == cell
            assert unit in static_text(app, "#status-line")
            assert total in static_text(app, "#summary")

    run_app(demo_db, scenario)


# -- drill down ---------------------------------------------------------------------------


def test_drill_down_to_resolution_and_back(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "slash")
        await type_text(pilot, "hai dong")
        await press(pilot, "enter")
        await press(pilot, "enter")
        assert stack(app) == [OverviewScreen, UnitScreen]
        assert static_text(app, "#unit-head") == (
            "06730 Hải Đông (xã) · năm 2023 · 3 lỗi, 2 cảnh báo, 0 thông tin"
            " · Thẩm tra: Thường trực HĐND thành phố Móng Cái"
        )
        assert [r[:3] for r in rows(app, "#resolutions")] == [
            ["21/NQ-HĐND", "18/07/2023", "NTM"],
            ["22/NQ-HĐND", "18/07/2023", "Kết dư"],
        ]
        assert "Nghị quyết  Công trình & vốn  Kết dư  Phát hiện  So với xã mẫu" in screen_text(app)

        await press(pilot, "enter")
        assert stack(app) == [OverviewScreen, UnitScreen, ResolutionScreen]
        text = screen_text(app)
        assert "06730 Hải Đông › 21/NQ-HĐND" in text
        assert "Nghị quyết số 21/NQ-HĐND ngày 18/07/2023" in text
        assert re.search(r"Căn cứ bắt buộc: .*✖ Quy chế", text)
        assert "Danh mục công trình và nguồn vốn" in text
        works = [r[0] for r in rows(app, "#capital")]
        assert works == ["Đường trục thôn 9 - thôn 11", "Hệ thống nước sạch tập trung thôn 7"]
        findings = [r[2] for r in rows(app, "#res-findings")]
        assert "Nghị quyết 21/NQ-HĐND (18/07/2023) thiếu căn cứ Quy chế." in findings

        await press(pilot, "escape")
        assert stack(app) == [OverviewScreen, UnitScreen]
        assert "06730 Hải Đông (xã)" in screen_text(app)
        await press(pilot, "escape")
        assert stack(app) == [OverviewScreen]
        assert names(app) == ["Hải Đông"]  # the filter is still there on the way back
        await press(pilot, "escape")
        assert stack(app) == [OverviewScreen]  # nothing below the overview

    run_app(demo_db, scenario)


def test_unit_tabs(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.open_unit("06730")
        await settle(pilot)
        tabs = app.screen.query_one(TabbedContent)
        assert tabs.active == "tab-resolutions"

        await press(pilot, "tab")
        assert tabs.active == "tab-works"
        text = screen_text(app)
        assert "Cơ cấu nguồn vốn của đơn vị (đồng)" in text
        assert "Vốn ngân sách cấp xã" in text and "51,9%" in text
        assert [r[0] for r in rows(app, "#works")] == [
            "Đường trục thôn 9 - thôn 11",
            "Hệ thống nước sạch tập trung thôn 7",
        ]

        await press(pilot, "tab")
        assert tabs.active == "tab-surplus"
        assert static_text(app, "#surplus-head").startswith("Kết dư năm 2022: 2.206.000.000")
        assert [r[2] for r in rows(app, "#surplus")] == [
            "Nâng cấp đường trục xã",
            "Sửa chữa trường mầm non",
            "Dự phòng phòng, chống thiên tai",
        ]

        await press(pilot, "tab")
        assert tabs.active == "tab-findings"
        severities = [r[0] for r in rows(app, "#findings")]
        assert severities == ["✖ Lỗi"] * 3 + ["▲ Cảnh báo"] * 2

        await press(pilot, "tab")
        assert tabs.active == "tab-compare"
        assert static_text(app, "#compare-head") == "So với xã chuẩn mẫu 06745 Hải Xuân"
        assert rows(app, "#compare") == [
            ["Loại căn cứ", "Quy chế"],
            ["Nguồn vốn", "Vốn doanh nghiệp, hợp tác xã, tổ chức"],
        ]
        assert "Vốn doanh nghiệp, hợp tác xã, tổ chức" in screen_text(app)

        await press(pilot, "tab")
        assert tabs.active == "tab-history"
        # Hải Đông went whole into phường Móng Cái 3 on 01/07/2025.
        assert rows(app, "#history")[0][0] == "06736"
        assert rows(app, "#history")[0][2].startswith(
            "Đã nhập vào 06736 Móng Cái 3 (phường, 01/07/2025 – …; toàn bộ)"
        )

        await press(pilot, "tab")
        assert tabs.active == "tab-resolutions"

    run_app(demo_db, scenario)


def test_model_commune_compare_tab_says_so(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.open_unit(MODEL, "tab-compare")
        await settle(pilot)
        assert static_text(app, "#unit-head").startswith("06745 Hải Xuân (xã)")
        assert static_text(app, "#compare-head") == "Đây là xã chuẩn mẫu."

    run_app(demo_db, scenario)


# -- findings -----------------------------------------------------------------------------


def test_findings_severity_and_rule_filters(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f")
        assert stack(app) == [OverviewScreen, FindingsScreen]
        assert len(rows(app)) == 28
        assert "1–28 / 28" in screen_text(app)
        assert static_text(app, "#findings-filters") == (
            "Mức: tất cả · Quy tắc: tất cả · Đơn vị: tất cả · Năm: 2023"
        )

        await press(pilot, "v")
        assert len(rows(app)) == 20
        assert {r["severity"] for r in records(app)} == {"✖ Lỗi"}
        assert static_text(app, "#findings-filters").startswith("Mức: Lỗi ·")

        await press(pilot, "v")
        assert len(rows(app)) == 7
        assert {r["severity"] for r in records(app)} == {"▲ Cảnh báo"}

        await press(pilot, "v")
        assert len(rows(app)) == 1

        await press(pilot, "v", "r")
        picker = app.screen
        assert isinstance(picker, RulePicker)
        await type_text(pilot, "quy che")  # typed to narrow, accents optional
        options = picker.query_one(OptionList)
        assert options.option_count == 1
        assert "(" in str(options.get_option_at_index(0).prompt)  # with its count
        await press(pilot, "enter")
        assert isinstance(app.screen, FindingsScreen)
        assert static_text(app, "#findings-filters").startswith("Mức: tất cả · Quy tắc: ")
        assert "Quy tắc: tất cả" not in static_text(app, "#findings-filters")
        assert 0 < len(rows(app)) < 28
        assert {f.rule_id for f in (r["_item"] for r in app.screen.query_one(PagedTable).rows)} == {
            "basis_missing_quy_che"
        }
        await press(pilot, "r", "enter")  # the first option: every rule
        assert len(rows(app)) == 28

    run_app(demo_db, scenario)


def test_finding_jumps_to_its_resolution(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f")
        await press(pilot, "slash")
        await type_text(pilot, "son")
        await press(pilot, "enter")
        first = records(app)[0]
        assert first["unit"] == "06724 Hải Sơn"
        assert first["message"] == "Nghị quyết 12/NQ-HĐND (30/06/2023) thiếu căn cứ Đề án."
        await press(pilot, "enter")
        assert stack(app) == [OverviewScreen, FindingsScreen, ResolutionScreen]
        assert app.screen.resolution_id  # the resolution the finding is about
        text = screen_text(app)
        assert "06724 Hải Sơn › 12/NQ-HĐND" in text
        assert re.search(r"Căn cứ bắt buộc: ✖ Đề án\s+✔ Quy hoạch", text)
        await press(pilot, "escape")
        assert stack(app) == [OverviewScreen, FindingsScreen]
        assert records(app)[0]["unit"] == "06724 Hải Sơn"

    run_app(demo_db, scenario)


def test_unit_level_finding_jumps_to_the_unit(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f")
        await press(pilot, "slash")
        await type_text(pilot, "06754")
        await press(pilot, "enter")
        first = records(app)[0]["message"]
        assert (
            first
            == "Xã Vĩnh Trung không có nghị quyết nào về xây dựng nông thôn mới trong năm 2023."
        )
        await press(pilot, "enter")
        assert stack(app) == [OverviewScreen, FindingsScreen, UnitScreen]
        assert app.screen.unit_code == "06754"
        assert app.screen.query_one(TabbedContent).active == "tab-findings"
        assert static_text(app, "#unit-head").startswith("06754 Vĩnh Trung (xã)")
        assert rows(app, "#findings")[0][2] == first

    run_app(demo_db, scenario)


def test_copy_sends_the_selected_finding(demo_db: Path) -> None:
    copied: list[str] = []

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.copy_to_clipboard = copied.append  # OSC 52 cannot be read back in a test
        app.push_screen(FindingsScreen("06754"))
        await settle(pilot)
        await press(pilot, "down", "c")
        selected = records(app)[1]
        [text] = copied
        short, text = text.split(" ", 1)  # the finding's short id first (issue 14 item 16)
        assert looks_like_short_id(short)
        assert text.startswith(
            f"[surplus_before_settlement] {selected['unit']}: {selected['message']}"
        )
        assert "Kết dư ngân sách năm 2022 được phân bổ ngày 10/03/2023" in text
        # With the legal basis of the finding's period: the 2022 surplus, under TT 344/2016.
        assert text.endswith(")") and "(Căn cứ: Thông tư 344/2016/TT-BTC, Điều 13 khoản 4" in text
        assert [n.message for n in app._notifications] == ["Đã sao chép vào bộ nhớ tạm."]

    run_app(demo_db, scenario)


def test_copy_of_a_unit_level_finding(demo_db: Path) -> None:
    copied: list[str] = []

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.copy_to_clipboard = copied.append
        await press(pilot, "f")
        await press(pilot, "slash")
        await type_text(pilot, "06754")
        await press(pilot, "enter", "c")

    run_app(demo_db, scenario)
    [text] = copied
    short, text = text.split(" ", 1)
    assert looks_like_short_id(short)
    assert text.startswith(
        "[commune_no_ntm_resolution] 06754 Vĩnh Trung: Xã Vĩnh Trung không có nghị quyết "
        "nào về xây dựng nông thôn mới trong năm 2023. (Căn cứ: Chỉ đạo: rà soát toàn bộ"
    )
    assert "39/2019/QH14, Điều 63" in text


def test_resolution_screen_shows_the_basis_of_the_findings_period(demo_db: Path) -> None:
    """A 2026 finding cites the law of 2026; the same rule's 2023 finding the law of 2023."""

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.push_screen(ResolutionScreen("NQ-06733-2026N-01"))
        await settle(pilot)
        app.screen.query_one("#res-findings", DataTable).focus()
        await press(pilot, "home")
        line = static_text(app, "#res-finding-basis")
        assert line.startswith("Căn cứ: Luật Ban hành văn bản quy phạm pháp luật 64/2025/QH15")
        assert "chưa được xác nhận" in line
        await press(pilot, "escape")
        app.push_screen(ResolutionScreen("NQ-06739-2023-01"))  # Quảng Nghĩa, 2023
        await settle(pilot)
        app.screen.query_one("#res-findings", DataTable).focus()
        await press(pilot, "home")
        assert "80/2015/QH13" in static_text(app, "#res-finding-basis")

    run_app(demo_db, scenario)


# -- help, palette, language ----------------------------------------------------------------


def _help_has(text: str, key: str, description: str) -> bool:
    return re.search(rf"│\s+{re.escape(key)}\s+{re.escape(description)}", text) is not None


def test_help_lists_live_bindings_and_closes(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Trợ giúp" in text
        assert "Tổng quan: mỗi dòng là một đơn vị" in text
        for key, description in [
            ("/", "Lọc danh sách theo tên hoặc mã"),
            ("s", "Sắp xếp: chọn một trong các cột đang hiện"),
            ("S", "Đảo chiều sắp xếp"),
            ("q", "Thoát chương trình"),
            ("esc", "Quay lại màn hình trước"),
            ("f", "Mở danh sách phát hiện của toàn phạm vi"),
            ("m", "Đổi đơn vị tiền: đồng → triệu đồng → tỷ đồng"),
        ]:
            assert _help_has(text, key, description), (key, description)
        assert "Lọc theo mức" not in text  # a findings-screen key, not live here
        await press(pilot, "escape")
        assert stack(app) == [OverviewScreen]

        # F1 too, on another screen: the help follows that screen's bindings.
        await press(pilot, "f")
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Danh sách phát hiện của toàn phạm vi" in text
        assert _help_has(text, "v", "Lọc theo mức: tất cả → lỗi → cảnh báo → thông tin")
        assert _help_has(text, "r", "Lọc theo quy tắc")
        assert "Sắp xếp: chọn một trong các cột" not in text
        await press(pilot, "q")  # q closes the help, it does not quit
        assert stack(app) == [OverviewScreen, FindingsScreen]
        assert app.is_running

    run_app(demo_db, scenario)


def test_command_palette_opens(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await press(pilot, "escape")
        assert isinstance(app.screen, OverviewScreen)

    run_app(demo_db, scenario)


def test_english_labels(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        text = screen_text(app)
        assert "DEMO DATA" in text and "Overview of units  ·  Year 2023  ·  Unit: đồng" in text
        assert headers(app)[:2] == ["Code", "Unit"]
        assert static_text(app, "#summary").startswith("17 units · 8 NTM res. · 16 works")
        assert "Capital mix, whole scope" in text
        assert "/ Filter" in text and "? Help  esc Back" in text
        for vietnamese in ("Tổng quan", "Lọc", "Thoát", "đơn vị", "Năm"):
            assert vietnamese not in text, vietnamese

        await press(pilot, "f")
        assert "Findings  ·  Year 2023" in screen_text(app)
        assert static_text(app, "#findings-filters").startswith("Severity: all · Rule: all")
        assert {r["severity"] for r in records(app)} == {"✖ Error", "▲ Warning", "● Info"}

        await press(pilot, "question_mark")
        text = screen_text(app)
        assert "Help" in text and "Filter by severity: all → error → warning → info" in text
        await press(pilot, "escape", "escape")
        app.open_unit("06730")
        await settle(pilot)
        text = screen_text(app)
        assert "06730 Hải Đông (commune) · 2023 · 3 errors, 2 warnings, 0 info" in text
        assert "Resolutions  Works & capital  Surplus  Findings  Versus model" in text
        await press(pilot, "enter")
        assert "Required grounds:" in screen_text(app)

    run_app(demo_db, scenario, lang="en")


# -- errors and reloading -------------------------------------------------------------------


def _newer_schema_copy(demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "newer.duckdb"
    shutil.copyfile(demo_db, path)
    con = duckdb.connect(str(path))
    try:
        con.execute("INSERT INTO schema_version VALUES (99, now(), 'from the future')")
    finally:
        con.close()
    return path


@pytest.mark.parametrize("case", ["missing", "directory", "text", "newer"])
def test_error_screen(demo_db: Path, tmp_path: Path, case: str) -> None:
    if case == "missing":
        path = tmp_path / "nope.duckdb"
        message = t("db_missing", "vi", path=path)
    elif case == "directory":
        path = tmp_path
        message = t("db_is_directory", "vi", path=path)
    elif case == "text":
        path = tmp_path / "notes.txt"
        path.write_text("Đây không phải cơ sở dữ liệu.\n" * 20, encoding="utf-8")
        message = t("db_not_duckdb", "vi", path=path)
    else:
        path = _newer_schema_copy(demo_db, tmp_path)
        message = t("db_newer", "vi", path=path, found=99, supported=current_schema_version())

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        assert isinstance(app.screen, ErrorScreen)
        assert static_text(app, "#error-title") == "Không mở được dữ liệu"
        assert static_text(app, "#error-message") == message
        text = screen_text(app)
        assert "".join(message.split()) in "".join(text.replace("┃", "").split())  # wrapped
        assert "r: thử lại · q: thoát" in text
        assert "Traceback" not in text
        await press(pilot, "escape", "f", "y")  # nothing to go back to, no data to show
        assert isinstance(app.screen, ErrorScreen)
        assert app.is_running
        await press(pilot, "q")

    app = run_app(path, scenario, size=SMALL)
    assert app.return_code == 0


def test_error_screen_retry_opens_the_data_once_it_exists(demo_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "later.duckdb"

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        assert isinstance(app.screen, ErrorScreen)
        shutil.copyfile(demo_db, path)
        await press(pilot, "r")
        assert stack(app) == [OverviewScreen]
        assert len(rows(app)) == 17

    run_app(path, scenario)


def test_rebuilt_database_is_reopened(demo_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "live.duckdb"
    shutil.copyfile(demo_db, path)

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "slash")
        await type_text(pilot, "06724")
        await press(pilot, "enter")
        await press(pilot, "enter")
        assert stack(app) == [OverviewScreen, UnitScreen]
        assert app.meta["seed"] == "2023"
        before_total = rows(app, "#resolutions")[0][4]
        generation = app.generation

        build_demo_database(path, seed=7)  # rename()s a new file over the open one
        await wait_until(pilot, lambda: app.store is not None and app.generation > generation)

        # The new file's data, not the old instance DuckDB still has cached for the path.
        assert app.meta["seed"] == "7"
        assert "Dữ liệu đã được cập nhật; đã mở lại." in [n.message for n in app._notifications]
        assert stack(app) == [OverviewScreen, UnitScreen]
        assert static_text(app, "#unit-head").startswith("06724 Hải Sơn (xã)")
        assert rows(app, "#resolutions")[0][4] != before_total
        await press(pilot, "escape")
        assert stack(app) == [OverviewScreen]
        assert names(app) == ["Hải Sơn"]

    run_app(path, scenario, watch_interval=0.2)


def test_quit_key_exits_cleanly(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "enter")
        assert stack(app) == [OverviewScreen, UnitScreen]
        await pilot.press("q")

    app = run_app(demo_db, scenario)
    assert app.return_code == 0


def test_keys_remapped_in_the_xdg_config_file(demo_db: Path, tmp_path: Path) -> None:
    """A reviewer's config.toml moves a binding by its id; the old key stops working."""
    config = tmp_path / "config" / "ntm-review" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[keys]\n"app.findings" = "g"\n', encoding="utf-8")

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f")
        assert isinstance(app.screen, OverviewScreen)
        await press(pilot, "g")
        assert isinstance(app.screen, FindingsScreen)

    run_app(demo_db, scenario)


def test_settings_in_the_config_file_choose_language_and_money_unit(
    demo_db: Path, tmp_path: Path
) -> None:
    """`lang` and `money_unit` in config.toml are the reviewer's defaults; --lang still wins."""
    from tui.core.lang.i18n import resolve_lang

    config = tmp_path / "config" / "ntm-review" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('lang = "en"\nmoney_unit = "ty"\n', encoding="utf-8")
    assert resolve_lang(None) == "en"
    assert resolve_lang("vi") == "vi"

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        assert app.money_unit == "ty"
        assert overview_cell(app, MODEL, "Tổng mức ĐT") == "5,1"

    run_app(demo_db, scenario)


def test_unit_screen_names_the_unit_of_the_year_on_screen(demo_db: Path) -> None:
    """Codes were reused on 01/07/2025: 06709 was phường Ka Long before it was Móng Cái 2.
    Opened on 2023, its screen must say Ka Long, not the name of the later unit."""

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        assert app.year == 2023
        app.open_unit("06709")
        await settle(pilot)
        status = static_text(app, "#unit-status") if app.screen.query("#unit-status") else ""
        text = screen_text(app) + status
        assert "06709 Ka Long" in text
        assert "Móng Cái 2" not in text

    run_app(demo_db, scenario)
