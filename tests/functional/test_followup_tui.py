"""Pilot tests of issue 17 in the TUI: marking a finding corrected asks for its proof
(optionally a file, stored by hash), an acceptance may carry an end date, the follow-up
screen shows owner, deadline and what is overdue (h: overdue only), and the overview's
progress column counts overdue findings. "Today" is pinned with NTM_REVIEW_TODAY."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from test_tui import SMALL, press, records, run_app, settle, type_text, wait_until
from textual.pilot import Pilot
from textual.widgets import Static
from tuiwait import WIDE

from tui.app import NtmReviewApp
from tui.core.data.store import Store
from tui.core.paths import review_store_path
from tui.core.review.evidence import evidence_dir, stored_path
from tui.core.review.service import issue_notice
from tui.core.review.sqlite import ReviewStore
from tui.core.review.tracking import TODAY_ENV_VAR, read_payload
from tui.core.rules.findings import short_id
from tui.screens.detail import DetailScreen
from tui.screens.findings import FindingsScreen
from tui.screens.followup import FollowupScreen
from tui.screens.two_field_prompt import TwoFieldPrompt


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("NTM_REVIEW_REVIEWERS", raising=False)
    monkeypatch.delenv("NTM_REVIEW_STORE", raising=False)
    monkeypatch.setenv(TODAY_ENV_VAR, "2026-12-03")


def events_of(db: Path) -> list:
    path = review_store_path(db)
    if not path.exists():
        return []
    with ReviewStore(path, read_only=True) as reviews:
        return reviews.events()


def prompt_error(app: NtmReviewApp) -> str:
    return str(app.screen.query_one("#prompt-error", Static).render())


def notices_issued(db: Path) -> None:
    """Vĩnh Trung (2 findings) and Trà Cổ (1) were sent their notices on 05/10/2026."""
    with Store.open(db) as store, ReviewStore(review_store_path(db), reviewer="lead") as reviews:
        for unit in ("06754", "06721"):
            issue_notice(reviews, store, unit, 2023, f"{unit[-2:]}/TB-HĐND", date(2026, 10, 5))


def test_corrected_asks_for_the_proof_and_stores_the_file(db: Path, tmp_path: Path) -> None:
    proof = tmp_path / "nq-25.pdf"
    proof.write_bytes(b"%PDF nghi quyet 25 sua doi")

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f")
        assert isinstance(app.screen, FindingsScreen)
        await press(pilot, "d")
        assert isinstance(app.screen, TwoFieldPrompt)
        await press(pilot, "enter")  # no proof: the prompt stays, nothing recorded
        assert isinstance(app.screen, TwoFieldPrompt)
        assert prompt_error(app) == "Cần nhập nội dung."
        await type_text(pilot, "25/NQ-HĐND 02/10/2023")
        await press(pilot, "tab")
        await type_text(pilot, str(proof))
        await press(pilot, "enter")
        assert isinstance(app.screen, FindingsScreen)
        await wait_until(pilot, lambda: len(events_of(db)) == 2)

    run_app(db, scenario)
    decision, evidence = events_of(db)
    assert (decision.decision, evidence.kind) == ("corrected", "evidence")
    values = read_payload(evidence.reason)
    sha = hashlib.sha256(proof.read_bytes()).hexdigest()
    assert values == {
        "resolution_number": "25/NQ-HĐND",
        "resolution_date": "2023-10-02",
        "file_sha256": sha,
        "file_name": "nq-25.pdf",
    }
    stored = stored_path(evidence_dir(str(review_store_path(db)), db), sha)
    assert stored.read_bytes() == proof.read_bytes()


def test_a_missing_proof_file_is_one_sentence_and_nothing_is_recorded(db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f", "d")
        await type_text(pilot, "Công văn 12/UBND")
        await press(pilot, "tab")
        await type_text(pilot, "/nonexistent/scan.pdf")
        await press(pilot, "enter")
        await wait_until(
            pilot,
            lambda: any("Không tìm thấy tệp bằng chứng" in n.message for n in app._notifications),
        )
        message = next(n.message for n in app._notifications if "bằng chứng" in n.message)
        assert message == "Không tìm thấy tệp bằng chứng /nonexistent/scan.pdf."

    run_app(db, scenario)
    assert events_of(db) == []


def test_an_acceptance_gets_an_end_date_and_bad_dates_are_refused(db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f", "a")
        assert isinstance(app.screen, TwoFieldPrompt)
        await type_text(pilot, "Chờ phê duyệt quy hoạch")
        await press(pilot, "tab")
        await type_text(pilot, "31/02/2027")
        await press(pilot, "enter")
        assert isinstance(app.screen, TwoFieldPrompt)
        assert "“31/02/2027” không phải là ngày hợp lệ" in prompt_error(app)
        await press(pilot, *["backspace"] * 10)
        await type_text(pilot, "01/12/2026")
        await press(pilot, "enter")
        assert "đã qua (hôm nay là 03/12/2026)" in prompt_error(app)
        await press(pilot, *["backspace"] * 10)
        await type_text(pilot, "31/01/2027")
        await press(pilot, "enter")
        assert isinstance(app.screen, FindingsScreen)
        await wait_until(pilot, lambda: len(events_of(db)) == 2)

    run_app(db, scenario)
    decision, until = events_of(db)
    assert decision.decision == "accepted" and decision.reason == "Chờ phê duyệt quy hoạch"
    assert read_payload(until.reason) == {"until": "2027-01-31", "decision": decision.event_id}


def test_an_expired_acceptance_is_back_in_the_queue(db: Path, monkeypatch) -> None:
    with Store.open(db) as store, ReviewStore(review_store_path(db), reviewer="lead") as reviews:
        from tui.core.review.service import record_finding_decision

        key = "surplus_before_settlement|2023|06721|kd|2023"
        record_finding_decision(reviews, store, key, "accepted", "ok", until=date(2027, 1, 31))
    monkeypatch.setenv(TODAY_ENV_VAR, "2027-02-01")

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        row = next(r for r in records(app) if r["code"] == "06721")
        assert row["progress"] == "0/1"  # no longer decided
        await press(pilot, "o")
        assert isinstance(app.screen, FollowupScreen)
        await wait_until(pilot, lambda: bool(records(app)))
        (item,) = [r for r in records(app) if r["id"] == short_id(key)]
        assert item["due"] == "↺ hết hạn chấp nhận" and item["decision"] == "·"

    run_app(db, scenario)


@pytest.mark.parametrize("size", [SMALL, WIDE], ids=["80x24", "120x40"])
def test_followup_screen_shows_what_is_overdue(db: Path, monkeypatch, size) -> None:
    notices_issued(db)
    monkeypatch.setenv(TODAY_ENV_VAR, "2027-04-05")

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        row = next(r for r in records(app) if r["code"] == "06754")
        assert row["progress"] == "⏰2 0/2"  # the overview counts the overdue findings
        await press(pilot, "o")
        assert isinstance(app.screen, FollowupScreen)
        await wait_until(pilot, lambda: bool(records(app)))
        head = str(app.screen.query_one("#followup-head", Static).render())
        assert "⏰ 3 quá hạn chưa có bằng chứng (ngày 05/04/2027)" in head
        await press(pilot, "h")
        await wait_until(pilot, lambda: len(records(app)) == 3)
        dues = sorted(r["due"] for r in records(app))
        assert dues == ["⏰ +152 04/11/2026", "⏰ +5 31/03/2027", "⏰ +5 31/03/2027"]
        await press(pilot, "i")
        assert isinstance(app.screen, DetailScreen)
        text = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "thực hiện: HĐND xã" in text and "Quá hạn" in text
        await press(pilot, "escape", "h")
        await settle(pilot)
        assert len(records(app)) > 3  # every finding again

    run_app(db, scenario, size=size)
