"""Issue 14, item 10 (confirmation and undo) and mid-air for one-key decisions, in the TUI.

- After a one-key decision one line says what was recorded on which finding; `u` appends
  an undo event that restores what was in force before, and only for this session's own
  last decision, refused in one sentence when someone else has decided since.
- A one-key decision on a finding another reviewer decided since the screen loaded asks
  first (who, what), and records only on "yes".
- `K` asks Có/Không before concluding; `R` reopens a conclusion with an event.
- Another process's decision on the finding under the cursor is announced by the app's own
  SQLite polling.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from test_tui import press, records, rows, run_app, screen_text, settle, wait_until
from textual.pilot import Pilot

from tui.app import NtmReviewApp
from tui.core.paths import review_store_path
from tui.core.review.sqlite import ReviewStore, current_login
from tui.screens.confirm import ConfirmPrompt
from tui.screens.findings import FindingsScreen
from tui.screens.log import LogScreen
from tui.screens.overview import OverviewScreen
from tui.screens.unit import UnitScreen

REPO = Path(__file__).resolve().parents[2]
# Other reviewers' events arrive when a test polls (app._poll_reviews()), not on a timer:
# a refill between "another reviewer decides" and the key pressed would change the case.
NO_TIMED_POLL = 3600.0


def store_of(db: Path, reviewer: str | None = None) -> ReviewStore:
    return ReviewStore(review_store_path(db), reviewer=reviewer)


def decide_as(db: Path, finding, reviewer: str, decision: str = "needs_correction"):
    store = store_of(db, reviewer)
    try:
        return store.record_decision(
            finding.finding_key,
            finding.entity_kind,
            finding.finding_key.split("|", 2)[2],
            finding.unit_code,
            finding.year,
            decision,
            "có giải trình" if decision in ("accepted", "not_applicable") else "",
        )
    finally:
        store.close()


def kinds(db: Path) -> list[tuple[str, str, str | None]]:
    with store_of(db, "checker") as store:
        return [(e.kind, e.reviewer, e.decision) for e in store.events()]


def messages(app: NtmReviewApp) -> list[str]:
    return [n.message for n in app._notifications]


def status_line(app: NtmReviewApp) -> str:
    return str(app.screen.query_one("#status-line").render())


def test_one_key_decision_says_what_on_which_finding_and_u_undoes_it(db: Path) -> None:
    me = current_login()

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f", "down")
        finding = app.screen.selected_finding()
        await press(pilot, "x")
        await wait_until(pilot, lambda: len(kinds(db)) == 1)
        # One line in the status line (not a toast over the list), fitted to the width.
        line = status_line(app)
        assert line.startswith(f"Đã lưu: Cần chỉnh sửa — {finding.short_id} ")
        assert finding.message("vi")[:20] in line and line.endswith("· u: hoàn tác")
        assert "\n" not in line and len(line) <= app.size.width - 2
        assert messages(app) == []
        assert records(app)[1]["decision"] == f"Cần chỉnh sửa · {me}"
        await press(pilot, "u")
        await wait_until(pilot, lambda: len(kinds(db)) == 2)
        line = status_line(app)
        assert line.startswith(f"Đã hoàn tác “Cần chỉnh sửa” trên {finding.short_id} ")
        assert line.endswith("; nay là: chưa có quyết định.")
        assert records(app)[1]["decision"] == "·"
        assert app.screen.selected_finding() == finding  # the cursor stayed on it
        await press(pilot, "u")  # nothing left of this session's to undo
        assert messages(app)[-1] == "Chưa có quyết định nào của bạn trong phiên này để hoàn tác."

    run_app(db, scenario, watch_interval=NO_TIMED_POLL)
    assert kinds(db) == [("decision", me, "needs_correction"), ("undo", me, None)]


def test_the_confirmation_fits_80_columns_and_gives_the_status_line_back(db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f", "x")
        await wait_until(pilot, lambda: len(kinds(db)) == 1)
        line = status_line(app)
        assert line.startswith("Đã lưu: Cần chỉnh sửa — F-") and line.endswith("… · u: hoàn tác")
        assert len(line) <= 78
        app._flash_over()  # what the timer does when the message has been shown long enough
        await settle(pilot)
        assert "Danh sách phát hiện" in status_line(app)

    run_app(db, scenario, size=(80, 24), watch_interval=NO_TIMED_POLL)


def test_undo_restores_the_decision_before_it(db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f")
        finding = app.screen.selected_finding()
        decide_as(db, finding, "nguyen-van-b", "corrected")
        app._poll_reviews()
        await settle(pilot)
        await press(pilot, "x")
        await wait_until(pilot, lambda: len(kinds(db)) == 2)
        await press(pilot, "u")
        await wait_until(pilot, lambda: len(kinds(db)) == 3)
        assert status_line(app).endswith("nay là: Đã khắc phục.")
        assert records(app)[0]["decision"] == "⚠ Đã khắc phục · nguyen-van-b"

    run_app(db, scenario, watch_interval=NO_TIMED_POLL)


def test_undo_refused_in_one_sentence_when_someone_else_decided_since(db: Path) -> None:
    me = current_login()

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f", "x")
        await wait_until(pilot, lambda: len(kinds(db)) == 1)
        decide_as(db, app.screen.selected_finding(), "nguyen-van-b", "corrected")
        await press(pilot, "u")
        await settle(pilot)
        refusal = messages(app)[-1]
        assert refusal.startswith("Không hoàn tác: sau quyết định của bạn, nguyen-van-b đã ghi")
        assert "“Đã khắc phục”" in refusal and refusal.count(".") == 1
        await press(pilot, "u")  # that decision can no longer be undone: not offered again
        assert messages(app)[-1].startswith("Chưa có quyết định nào của bạn")

    run_app(db, scenario, watch_interval=NO_TIMED_POLL)
    assert kinds(db) == [
        ("decision", me, "needs_correction"),
        ("decision", "nguyen-van-b", "corrected"),
    ]


def test_one_key_decision_asks_when_another_reviewer_decided_since_the_screen_loaded(
    db: Path,
) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f", "down")
        finding = app.screen.selected_finding()
        decide_as(db, finding, "nguyen-van-b", "accepted")  # the screen still shows none
        await press(pilot, "x")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmPrompt))
        title = str(app.screen.query_one("#confirm-title").render())
        question = str(app.screen.query_one("#confirm-question").render())
        assert title == "Quyết định đã bị thay đổi từ lúc màn hình hiển thị"
        assert "nguyen-van-b đã ghi “Chấp nhận”" in question
        assert "màn hình đang hiện: chưa có quyết định" in question
        assert "Vẫn ghi “Cần chỉnh sửa” đè lên?" in question
        await press(pilot, "k")  # Không
        assert isinstance(app.screen, FindingsScreen)
        assert messages(app)[-1] == "Không ghi; giữ quyết định “Chấp nhận” của nguyen-van-b."
        assert len(kinds(db)) == 1
        # Asked again (the screen has not refreshed yet), and this time Có.
        await press(pilot, "x")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmPrompt))
        await press(pilot, "y")
        await wait_until(pilot, lambda: len(kinds(db)) == 2)

    run_app(db, scenario, watch_interval=NO_TIMED_POLL)
    assert [k[2] for k in kinds(db)] == ["accepted", "needs_correction"]


def test_no_question_over_the_reviewers_own_decision_from_another_session(db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f")
        decide_as(db, app.screen.selected_finding(), current_login(), "accepted")
        await press(pilot, "x")
        await wait_until(pilot, lambda: len(kinds(db)) == 2)
        assert not isinstance(app.screen, ConfirmPrompt)

    run_app(db, scenario, watch_interval=NO_TIMED_POLL)
    assert [k[2] for k in kinds(db)] == ["accepted", "needs_correction"]


def test_conclude_asks_first_and_reopen_is_an_event(db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.open_unit("06745", "tab-findings")  # a unit without findings: may be concluded
        await settle(pilot)
        assert isinstance(app.screen, UnitScreen)
        await press(pilot, "K")
        assert isinstance(app.screen, ConfirmPrompt)
        assert str(app.screen.query_one("#confirm-title").render()) == (
            "Kết luận thẩm tra 06745 năm 2023?"
        )
        assert "c/y/Enter: Có · k/n/Esc: Không" in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, UnitScreen)
        assert messages(app)[-1] == "Chưa ghi kết luận."
        assert kinds(db) == []
        await press(pilot, "K", "c")
        await wait_until(pilot, lambda: store_of(db, "x").concluded_units(2023) == {"06745"})
        await press(pilot, "R")
        assert str(app.screen.query_one("#confirm-title").render()) == (
            "Mở lại kết luận 06745 năm 2023?"
        )
        await press(pilot, "n")
        assert store_of(db, "x").concluded_units(2023) == {"06745"}
        await press(pilot, "R", "y")
        await wait_until(pilot, lambda: store_of(db, "x").concluded_units(2023) == set())
        # The message follows the commit (a worker): wait for it, not for the store.
        reopened = "Đã mở lại thẩm tra 06745, năm 2023: chưa kết luận."
        await wait_until(pilot, lambda: reopened in messages(app))
        await press(pilot, "R", "y")  # not concluded now: one sentence, nothing recorded
        refused = "Đơn vị 06745 năm 2023 chưa kết luận nên không có gì để mở lại."
        await wait_until(pilot, lambda: refused in messages(app))
        # The log says it in Vietnamese.
        await press(pilot, "l")
        assert isinstance(app.screen, LogScreen)
        assert [row[3] for row in rows(app, "#log")] == ["Mở lại kết luận", "Kết luận"]
        await press(pilot, "escape", "escape")
        assert isinstance(app.screen, OverviewScreen)
        row = next(r for r in records(app) if r["code"] == "06745")
        assert "✔" not in row["progress"]

    run_app(db, scenario, watch_interval=NO_TIMED_POLL)
    assert [k[0] for k in kinds(db)] == ["conclusion", "reopen"]


def test_the_confirmation_speaks_english_with_lang_en(db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.open_unit("06745", "tab-findings")
        await settle(pilot)
        await press(pilot, "K")
        assert str(app.screen.query_one("#confirm-title").render()) == (
            "Conclude the review of 06745 for 2023?"
        )
        assert "y/Enter: Yes · n/Esc: No" in screen_text(app)
        await press(pilot, "y")
        await wait_until(pilot, lambda: len(kinds(db)) == 1)

    run_app(db, scenario, lang="en", watch_interval=NO_TIMED_POLL)


def test_log_shows_an_undo_as_what_was_withdrawn_and_what_is_in_force(db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f")
        decide_as(db, app.screen.selected_finding(), "nguyen-van-b", "corrected")
        app._poll_reviews()
        await settle(pilot)
        await press(pilot, "x")
        await wait_until(pilot, lambda: len(kinds(db)) == 2)
        await press(pilot, "u")
        await wait_until(pilot, lambda: len(kinds(db)) == 3)
        await press(pilot, "l")
        assert isinstance(app.screen, LogScreen)
        first = rows(app, "#log")[0]
        assert first[3] == "Hoàn tác: Cần chỉnh sửa → Đã khắc phục"
        assert first[4] == "#2"

    run_app(db, scenario, watch_interval=NO_TIMED_POLL)


SECOND_PROCESS = """
import sys
from pathlib import Path
from tui.core.paths import review_store_path
from tui.core.review.sqlite import ReviewStore

db, key, kind, entity, unit, year = sys.argv[1:]
with ReviewStore(review_store_path(Path(db)), reviewer="tran-thi-c") as store:
    store.record_decision(key, kind, entity, unit, int(year), "needs_correction")
"""


def test_another_process_deciding_the_finding_under_the_cursor_is_announced(db: Path) -> None:
    """Item 11 with a real second process: the app's own polling (no manual poll) refills
    the list with who decided and announces the change in one line."""

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f", "down", "down")
        finding = app.screen.selected_finding()
        subprocess.run(
            [
                sys.executable,
                "-c",
                SECOND_PROCESS,
                str(db),
                finding.finding_key,
                finding.entity_kind,
                finding.finding_key.split("|", 2)[2],
                finding.unit_code,
                str(finding.year),
            ],
            cwd=REPO,
            check=True,
            timeout=60,
        )
        await wait_until(pilot, lambda: records(app)[2]["decision"] != "·", timeout=20)
        assert records(app)[2]["decision"] == "Cần chỉnh sửa · tran-thi-c"
        assert app.screen.selected_finding() == finding
        assert messages(app) == ["tran-thi-c vừa ghi “Cần chỉnh sửa” cho phát hiện đang chọn."]

    run_app(db, scenario, watch_interval=0.2)


def test_help_lists_undo_and_reopen(db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.open_unit("06730", "tab-findings")
        await settle(pilot)
        await press(pilot, "question_mark")
        text = screen_text(app)
        assert "Hoàn tác quyết định một phím vừa ghi" in text
        assert "Mở lại kết luận của đơn vị" in text
        assert "hỏi lại trước" in text  # K asks first

    run_app(db, scenario, watch_interval=NO_TIMED_POLL)
