"""Issue 14, item 11: other reviewers' work is visible. Lists show who decided, and a
change by someone else to the finding under the cursor is announced in one line."""

from __future__ import annotations

from pathlib import Path

from test_tui import press, records, run_app, settle
from textual.pilot import Pilot

from tui.app import NtmReviewApp
from tui.core.paths import review_store_path
from tui.core.review.sqlite import ReviewStore


def other_decides(db: Path, finding, reviewer: str = "nguyen-van-b") -> None:
    other = ReviewStore(review_store_path(db), reviewer=reviewer)
    other.record_decision(
        finding.finding_key,
        finding.entity_kind,
        finding.finding_key.split("|", 2)[2],
        finding.unit_code,
        finding.year,
        "needs_correction",
    )
    other.close()


def test_lists_show_who_decided_and_a_change_under_the_cursor_is_announced(db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f", "down")
        under_cursor = app.screen.selected_finding()
        other_decides(db, under_cursor)
        app._poll_reviews()
        await settle(pilot)
        assert records(app)[1]["decision"] == "Cần chỉnh sửa · nguyen-van-b"
        announced = [n.message for n in app._notifications]
        assert announced == ["nguyen-van-b vừa ghi “Cần chỉnh sửa” cho phát hiện đang chọn."]
        # A change elsewhere refreshes the list without a word.
        elsewhere = app.screen.query_one("PagedTable").rows[5]["_item"]
        other_decides(db, elsewhere, "tran-thi-c")
        app._poll_reviews()
        await settle(pilot)
        assert records(app)[5]["decision"] == "Cần chỉnh sửa · tran-thi-c"
        assert len(app._notifications) == 1

    run_app(db, scenario)
