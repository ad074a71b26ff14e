"""Issue 14, item 6: `i` (or Enter where Enter has nothing else to do) opens the whole
record behind a row, wrapped: a finding with its rule, legal basis by period,
explanation, subject, decision history and notes; a ground; a log entry."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from test_tui import SMALL, press, run_app, settle, type_text, wait_until
from textual.pilot import Pilot
from textual.widgets import DataTable, Static
from tuiwait import WIDE

from tui.app import NtmReviewApp
from tui.core.data.dataset import Dataset, Resolution
from tui.core.paths import review_store_path
from tui.core.review.sqlite import ReviewStore
from tui.core.rules.engine import rules_by_id
from tui.screens.detail import DetailScreen
from tui.screens.findings import FindingsScreen
from tui.screens.log import LogScreen
from tui.screens.resolution import ResolutionScreen


def detail_text(app: NtmReviewApp) -> str:
    assert isinstance(app.screen, DetailScreen)
    return "\n".join(str(s.render()) for s in app.screen.query(Static))


@pytest.mark.parametrize("size", [SMALL, WIDE], ids=["80x24", "120x40"])
def test_finding_detail_shows_everything_uncut(db: Path, size: tuple[int, int]) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f")
        assert isinstance(app.screen, FindingsScreen)
        finding = app.screen.selected_finding()
        await press(pilot, "a")
        await type_text(pilot, "Đã có văn bản giải trình")
        await press(pilot, "enter")
        await wait_until(pilot, lambda: len(ReviewStore(review_store_path(db)).events()) == 1)
        await press(pilot, "i")
        text = detail_text(app)
        rule = rules_by_id()[finding.rule_id]
        assert finding.message_vi in text  # whole, not cut to the column
        assert rule.title_vi in text
        assert finding.legal_basis("vi") in text  # the basis of its period
        assert rule.explanation_vi in text
        assert "Chấp nhận" in text and "Đã có văn bản giải trình" in text
        assert finding.unit_code in text
        await press(pilot, "escape")
        assert isinstance(app.screen, FindingsScreen)

    run_app(db, scenario, size=size)


def test_ground_detail_from_the_resolution_screen(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.open_unit("06730")
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, ResolutionScreen)
        basis = app.screen.query_one("#basis", DataTable)
        basis.focus()
        await press(pilot, "enter")  # Enter on a ground: the ground in full
        text = detail_text(app)
        assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;" in text
        assert "77/2015/QH13" in text

    run_app(demo_db, scenario, size=SMALL)


def test_log_entry_detail_shows_the_whole_reason(db: Path) -> None:
    reason = "Lý do rất dài " + "x" * 150 + " hết."
    store = ReviewStore(review_store_path(db), reviewer="nguoi-khac")
    store.add_note("unit", "06709", "06709", reason)
    store.close()

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "l")
        assert isinstance(app.screen, LogScreen)
        await press(pilot, "enter")
        text = detail_text(app)
        assert reason in text.replace("\n", "")
        assert "nguoi-khac" in text

    run_app(db, scenario, size=SMALL)


def test_detail_without_a_row_says_so(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f", "slash")
        await type_text(pilot, "zzzz")
        await press(pilot, "enter", "i")
        assert not isinstance(app.screen, DetailScreen)
        assert any("chọn một dòng" in n.message for n in app._notifications)

    run_app(demo_db, scenario)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_ground_detail_says_when_the_cited_document_has_no_known_issue_date(
    make_db, lang: str
) -> None:
    """Issue 9 item 5: a registry document registered without an issue date (unconfirmed)
    is shown with "ngày ban hành chưa xác định"; one with a date shows the date."""
    from tui.core.data.reference import mong_cai_units

    grounds = [
        "Căn cứ Quyết định số 16/2026/QĐ-TTg ngày 20/3/2026 của Thủ tướng Chính phủ;",
        "Căn cứ Nghị định số 73/2026/NĐ-CP ngày 10/3/2026 của Chính phủ;",
    ]
    res = Resolution(
        resolution_id="NQ-06757-2026",
        unit_code="06757",
        year=2026,
        number="15/NQ-HĐND",
        issue_date=date(2026, 5, 5),
        title="Nghị quyết về kế hoạch đầu tư công năm 2026",
        kind="ntm",
        basis=grounds,
    )
    units = [u for u in mong_cai_units() if u["code"] == "06757"]
    path = make_db(Dataset([res]), units=units, review_years=(2026,))

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.open_resolution("NQ-06757-2026")
        await settle(pilot)
        assert isinstance(app.screen, ResolutionScreen)
        basis = app.screen.query_one("#basis", DataTable)
        basis.focus()
        await press(pilot, "i")
        text = detail_text(app)
        assert "16/2026/QĐ-TTg" in text
        if lang == "vi":
            assert "Ngày ban hành chưa xác định (dữ liệu chưa xác nhận)" in text
        else:
            assert "Issue date unknown (unconfirmed data)" in text
        await press(pilot, "escape")
        await press(pilot, "down")
        await press(pilot, "i")
        text = detail_text(app)
        assert ("Ban hành ngày 10/03/2026" if lang == "vi" else "Issued on 10/03/2026") in text
        assert "chưa xác định" not in text and "unknown" not in text

    run_app(path, scenario, lang=lang, size=SMALL)
