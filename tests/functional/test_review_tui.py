"""Pilot tests of the review workflow in the TUI: decision keys, the reason and note
prompts, the audit trail, concluding a unit, and other reviewers' decisions showing up."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tui import press, records, rows, run_app, settle, type_text, wait_until
from textual.pilot import Pilot

from tui.app import NtmReviewApp
from tui.core.paths import review_store_path
from tui.core.review.sqlite import ReviewStore
from tui.screens.findings import FindingsScreen
from tui.screens.log import LogScreen
from tui.screens.overview import OverviewScreen
from tui.screens.prompt import TextPrompt
from tui.screens.two_field_prompt import TwoFieldPrompt
from tui.screens.unit import UnitScreen


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("NTM_REVIEW_REVIEWERS", raising=False)


def store_of(db: Path) -> ReviewStore:
    return ReviewStore(review_store_path(db))


def test_decision_keys_record_and_show_decisions(db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f")
        assert isinstance(app.screen, FindingsScreen)
        first = app.screen.selected_finding()
        await press(pilot, "x")
        login = store_of(db).reviewer
        # Lists show who decided (issue 14 item 11).
        await wait_until(pilot, lambda: records(app)[0]["decision"] == f"Cần chỉnh sửa · {login}")
        # a reason is required for "accepted": an empty Enter keeps the prompt open
        await press(pilot, "down", "a")
        assert isinstance(app.screen, TwoFieldPrompt)  # reason, optional end date
        await press(pilot, "enter")
        assert isinstance(app.screen, TwoFieldPrompt)
        await type_text(pilot, "Đã giải trình bằng văn bản")
        await press(pilot, "enter")
        assert isinstance(app.screen, FindingsScreen)
        await wait_until(pilot, lambda: records(app)[1]["decision"] == f"Chấp nhận · {login}")
        # Esc cancels the prompt: nothing recorded for the third finding
        await press(pilot, "down", "k")
        await press(pilot, "escape")
        assert isinstance(app.screen, FindingsScreen)
        # "corrected" asks for its proof (issue 17)
        await press(pilot, "down", "d")
        assert isinstance(app.screen, TwoFieldPrompt)
        await type_text(pilot, "Công văn 12/UBND")
        await press(pilot, "enter")
        await wait_until(pilot, lambda: records(app)[3]["decision"] == f"⚠ Đã khắc phục · {login}")
        assert records(app)[2]["decision"] == "·"
        return first

    run_app(db, scenario)
    events = [e for e in store_of(db).events() if e.kind == "decision"]
    assert [e.decision for e in events] == ["needs_correction", "accepted", "corrected"]
    assert store_of(db).events()[-1].kind == "evidence"
    assert events[1].reason == "Đã giải trình bằng văn bản"
    assert all(e.reviewer == store_of(db).reviewer for e in events)  # the OS login, never chosen


def test_note_on_a_unit_and_the_audit_trail(db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "e")
        assert isinstance(app.screen, TextPrompt)
        await type_text(pilot, "Đã làm việc với UBND phường")
        await press(pilot, "enter")
        await wait_until(pilot, lambda: len(store_of(db).events()) == 1)
        await press(pilot, "l")
        assert isinstance(app.screen, LogScreen)
        (row,) = rows(app)
        assert row[4] == "Đã làm việc với UBND phường"
        assert row[2] == "06709"
        await press(pilot, "escape")
        assert isinstance(app.screen, OverviewScreen)

    run_app(db, scenario)
    (event,) = store_of(db).events()
    assert (event.kind, event.entity_kind, event.entity_key) == ("note", "unit", "06709")


def test_conclude_is_refused_until_every_finding_has_a_decision(db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.open_unit("06757", "tab-findings")
        await settle(pilot)
        assert isinstance(app.screen, UnitScreen)
        await press(pilot, "K", "enter")  # K asks first (Có/Không); Enter says Có
        assert store_of(db).concluded_units(2023) == set()
        assert any("06757" in n.message or "quyết định" in n.message for n in app._notifications)
        table = app.screen.query_one("#findings")
        table.focus()
        for done in range(1, table.row_count + 1):
            # The refill after a decision puts the cursor back on the decided finding, and
            # may land after a quick "down": put the cursor on each row, then decide.
            table.move_cursor(row=done - 1)
            await press(pilot, "x")
            await wait_until(pilot, lambda n=done: len(store_of(db).current_decisions()) == n)
        await press(pilot, "K", "c")
        await wait_until(pilot, lambda: store_of(db).concluded_units(2023) == {"06757"})
        await press(pilot, "escape")
        await wait_until(pilot, lambda: "✔" in records(app)[16]["progress"])

    run_app(db, scenario)


def test_other_reviewers_decisions_show_up_without_restarting(db: Path, demo_db: Path) -> None:
    import duckdb

    con = duckdb.connect(str(demo_db), read_only=True)
    key, kind, entity_key, unit, year = con.execute(
        "SELECT finding_key, entity_kind, entity_key, unit_code, year FROM finding "
        "WHERE unit_code = '06730' ORDER BY finding_key LIMIT 1"
    ).fetchone()
    con.close()

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        assert records(app)[7]["progress"] == "0/5"
        other = ReviewStore(review_store_path(db), reviewer="someone-else")
        other.record_decision(key, kind, entity_key, unit, year, "needs_correction")
        other.close()
        await wait_until(pilot, lambda: records(app)[7]["progress"] == "1/5", timeout=10)

    run_app(db, scenario, watch_interval=0.3)


def test_followup_screen_after_a_rebuild(db: Path) -> None:
    """Fix one problem in the data and rebuild: the follow-up screen shows it resolved, with
    the decision taken before the rebuild, and flags a 'corrected' finding that persists."""
    from tui.core.data.build import build
    from tui.core.data.extract import extract
    from tui.core.data.store import Store
    from tui.screens.followup import FollowupScreen

    with Store.open(db) as store:
        before = extract(store)
        unrecognised = next(
            row[0]
            for row in store.rows("views/unit_finding_keys", unit="06727", year=2023)
            if row[0].startswith("basis_unrecognised")
        )
        other = next(
            row[0]
            for row in store.rows("views/unit_finding_keys", unit="06724", year=2023)
            if row[0].startswith("basis_missing_de_an")
        )
    reviews = store_of(db)
    reviews.record_decision(
        unrecognised, "basis_line", unrecognised.split("|", 2)[2], "06727", 2023, "needs_correction"
    )
    reviews.record_decision(other, "resolution", other.split("|", 2)[2], "06724", 2023, "corrected")
    reviews.close()
    for resolution in before.data.resolutions:
        if resolution.unit_code == "06727":
            resolution.basis = [b for b in resolution.basis if "Kế hoạch số 45" not in b]
    build(
        db,
        before.units,
        before.data,
        before.review_years,
        {k: v for k, v in before.meta.items() if k not in ("built_at", "findings_at")},
    )

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "o")
        assert isinstance(app.screen, FollowupScreen)
        head = str(app.screen.query_one("#followup-head").render())
        assert "1 đã hết" in head and "⚠ 1" in head
        await press(pilot, "t", "t", "t")  # all → still open → new → resolved
        (row,) = records(app)
        assert row["state"] == "đã hết"
        assert row["decision"] == f"Cần chỉnh sửa · {store_of(db).reviewer}"
        assert "chưa nhận dạng" in row["message"]
        await press(pilot, "t")
        flagged = [r for r in records(app) if r["decision"].startswith("⚠")]
        assert len(flagged) == 1 and flagged[0]["unit"].startswith("06724")

    run_app(db, scenario)


def test_followup_from_a_2026_unit_includes_its_predecessors(db: Path) -> None:
    """o on xã Hải Ninh's screen (2026): its own findings, then those of xã Hải Tiến (the
    same code until 30/06/2025) and xã Quảng Nghĩa, which it was formed from, by unit."""
    from tui.screens.followup import FollowupScreen

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.year = 2026
        app.open_unit("06733")
        await settle(pilot)
        await press(pilot, "o")
        assert isinstance(app.screen, FollowupScreen) and app.screen.unit_code == "06733"
        await wait_until(pilot, lambda: bool(records(app)))
        head = str(app.screen.query_one("#followup-head").render())
        assert head.startswith("Đơn vị 06733 và các đơn vị hợp thành nó")
        units = [r["unit"] for r in records(app)]
        order = list(dict.fromkeys(units))
        assert order == ["06733 Hải Ninh", "06733 Hải Tiến", "06739 Quảng Nghĩa"]
        await press(pilot, "escape")
        assert isinstance(app.screen, UnitScreen)
        # From the overview, o still follows every unit of the year.
        await press(pilot, "escape", "o")
        assert isinstance(app.screen, FollowupScreen) and app.screen.unit_code is None

    run_app(db, scenario)


def test_decisions_outside_the_reviewers_scope_are_refused(db: Path) -> None:
    (db.parent / "reviewers.toml").write_text(
        '[reviewers.someone-else]\nunits = ["*"]\n', encoding="utf-8"
    )

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "f", "x")
        await settle(pilot)
        await wait_until(pilot, lambda: any(n.severity == "error" for n in app._notifications))
        assert records(app)[0]["decision"] == "·"

    run_app(db, scenario)
    assert store_of(db).events() == []


def test_export_and_notice_from_the_tui_say_where_the_file_went(db: Path, tmp_path: Path) -> None:
    import docx
    import openpyxl

    out = tmp_path / "exports"
    out.mkdir()
    config = tmp_path / "config" / "ntm-review" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'export_dir = "{out}"\n', encoding="utf-8")

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "w")
        await press(pilot, "enter")  # the first choice: xlsx of the whole scope
        await wait_until(pilot, lambda: any(p.suffix == ".xlsx" for p in out.iterdir()))
        await wait_until(pilot, lambda: any(str(out) in n.message for n in app._notifications))
        app.open_unit("06730")
        await settle(pilot)
        await press(pilot, "w", "down", "down", "down", "down", "enter")  # the notice (.docx)
        await wait_until(pilot, lambda: any(p.suffix == ".docx" for p in out.iterdir()))

    run_app(db, scenario)
    (workbook,) = out.glob("*.xlsx")
    sheet = openpyxl.load_workbook(workbook, read_only=True).worksheets[0]
    assert sheet.max_row >= 28  # a header and the 27 demo findings
    (notice,) = out.glob("*.docx")
    text = "\n".join(p.text for p in docx.Document(notice).paragraphs)
    assert "THÔNG BÁO" in text and "Hải Đông" in text


def test_note_on_a_resolution_row_and_its_own_log(db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.open_unit("06730")
        await settle(pilot)
        await press(pilot, "e")
        assert isinstance(app.screen, TextPrompt)
        await type_text(pilot, "Đề nghị bổ sung căn cứ quy chế")
        await press(pilot, "enter")
        await wait_until(pilot, lambda: len(store_of(db).events()) == 1)
        await press(pilot, "l")
        assert isinstance(app.screen, LogScreen)
        await wait_until(pilot, lambda: len(rows(app)) == 1 and "quy chế" in rows(app)[0][4])
        await press(pilot, "escape", "down", "l")  # the surplus resolution has no note
        await wait_until(
            pilot,
            lambda: not rows(app) and "Chưa có" in app.screen.query_one("#log").empty_text,
        )

    run_app(db, scenario)
    (event,) = store_of(db).events()
    assert event.entity_kind == "resolution"
    assert event.entity_key.startswith("06730|nq|21/nq-hdnd|")
