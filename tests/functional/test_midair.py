"""Issue 14, item 4: a reason prompt opened before another reviewer decided the same
finding does not overwrite that decision without a word: the app says who changed it and
to what, and records only when the reviewer agrees."""

from __future__ import annotations

from pathlib import Path

from test_tui import press, run_app, settle, type_text, wait_until
from textual.pilot import Pilot

from tui.app import NtmReviewApp
from tui.core.paths import review_store_path
from tui.core.review.sqlite import ReviewStore
from tui.screens.confirm import ConfirmPrompt
from tui.screens.findings import FindingsScreen
from tui.screens.two_field_prompt import TwoFieldPrompt


def store_of(db: Path, reviewer: str | None = None) -> ReviewStore:
    return ReviewStore(review_store_path(db), reviewer=reviewer)


def other_decides(db: Path, app: NtmReviewApp, decision: str) -> None:
    finding = app.screen_stack[-2].selected_finding()
    other = store_of(db, "nguyen-van-b")
    other.record_decision(
        finding.finding_key,
        finding.entity_kind,
        finding.finding_key.split("|", 2)[2],
        finding.unit_code,
        finding.year,
        decision,
    )
    other.close()


async def accept_with_reason_while_other_decides(app: NtmReviewApp, pilot: Pilot, db: Path):
    await press(pilot, "f")
    assert isinstance(app.screen, FindingsScreen)
    await press(pilot, "a")
    assert isinstance(app.screen, TwoFieldPrompt)  # the reason, and an optional end date
    other_decides(db, app, "needs_correction")
    await type_text(pilot, "Đã giải trình")
    await press(pilot, "enter")
    await wait_until(pilot, lambda: isinstance(app.screen, ConfirmPrompt))
    text = str(app.screen.query_one("#confirm-question").render())
    assert "nguyen-van-b" in text
    assert "Cần chỉnh sửa" in text
    assert "chưa có quyết định" in text  # what was seen when the prompt opened


def test_midair_change_is_announced_and_no_keeps_the_other_decision(db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await accept_with_reason_while_other_decides(app, pilot, db)
        await press(pilot, "n")
        assert isinstance(app.screen, FindingsScreen)
        await settle(pilot)
        assert any("nguyen-van-b" in n.message for n in app._notifications)

    run_app(db, scenario)
    events = store_of(db).events()
    assert [(e.reviewer, e.decision) for e in events] == [("nguyen-van-b", "needs_correction")]


def test_midair_change_yes_records_over_it(db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await accept_with_reason_while_other_decides(app, pilot, db)
        await press(pilot, "y")
        await wait_until(pilot, lambda: len(store_of(db).events()) == 2)

    run_app(db, scenario)
    first, second = store_of(db).events()
    assert (first.reviewer, first.decision) == ("nguyen-van-b", "needs_correction")
    assert (second.decision, second.previous_decision) == ("accepted", "needs_correction")
    assert second.reason == "Đã giải trình"


def test_no_question_when_nothing_changed(db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f", "a")
        await type_text(pilot, "Đã giải trình")
        await press(pilot, "enter")
        await wait_until(pilot, lambda: len(store_of(db).events()) == 1)
        assert isinstance(app.screen, FindingsScreen)

    run_app(db, scenario)
    (event,) = store_of(db).events()
    assert event.decision == "accepted"
