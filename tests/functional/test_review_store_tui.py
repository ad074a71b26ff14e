"""The review store as the TUI meets it: another TUI's decisions pushed by PostgreSQL's
LISTEN/NOTIFY, a broken hash chain, a read-only reviewer, and a store file replaced
while the TUI is open."""

from __future__ import annotations

import asyncio
import os
import sqlite3
from pathlib import Path

import pytest
from pgcluster import SERVER_USER
from test_tui import press, records, settle, wait_until
from tuiwait import WIDE

from tui.app import NtmReviewApp
from tui.core.paths import review_store_path
from tui.core.review import service as reviewing
from tui.core.review.postgres import PgReviewStore, init_postgres
from tui.core.review.sqlite import ReviewError, ReviewStore
from tui.screens.findings import FindingsScreen

HAI_HOA = "06730"  # row 7 of the overview, five findings in the demo


def notes(app: NtmReviewApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


def test_a_second_tui_refreshes_through_listen_notify(db: Path, pg_cluster, pg_db, monkeypatch):
    init_postgres(pg_cluster.url(SERVER_USER, pg_db), {"ntmtui1": None, "ntmtui2": None})
    monkeypatch.setenv("NTM_REVIEW_STORE", pg_cluster.url("ntmtui1", pg_db))
    # Polling every hour: only a pushed notification can refresh the watcher in time.
    watcher = NtmReviewApp(db, "vi", watch_interval=3600)
    worker = NtmReviewApp(db, "vi", watch_interval=3600)
    for app in (watcher, worker):
        app.animation_level = "none"

    async def scenario() -> None:
        async with watcher.run_test(size=WIDE) as seen, worker.run_test(size=WIDE) as acting:
            await settle(seen)
            await settle(acting)
            assert watcher.reviews.engine == "postgresql" and watcher.reviewer == "ntmtui1"
            assert records(watcher)[7]["progress"] == "0/5"
            acting.app.open_unit(HAI_HOA, "tab-findings")
            await settle(acting)
            table = acting.app.screen.query_one("#findings")
            table.focus()
            await press(acting, "x")
            await wait_until(acting, lambda: len(worker.reviews.current_decisions()) == 1)
            await wait_until(seen, lambda: records(watcher)[7]["progress"] == "1/5", timeout=20)

    asyncio.run(scenario())
    with PgReviewStore(pg_cluster.url("ntmtui2", pg_db)) as store:
        (event,) = store.events()
    assert (event.reviewer, event.unit_code) == ("ntmtui1", HAI_HOA)


def run(db: Path, scenario, **kwargs) -> NtmReviewApp:
    app = NtmReviewApp(db, "vi", **kwargs)
    app.animation_level = "none"

    async def main() -> None:
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await scenario(app, pilot)

    asyncio.run(main())
    return app


def _two_events(db: Path) -> Path:
    path = review_store_path(db)
    with ReviewStore(path, reviewer="alice") as store:
        for key in ("k|2023|a", "k|2023|b"):
            store.record_decision(key, "resolution", key[-1], "06721", 2023, "needs_correction")
    return path


def test_the_tui_warns_when_the_hash_chain_is_broken(db: Path) -> None:
    path = _two_events(db)
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER event_no_update")
    conn.execute("UPDATE event SET reviewer = 'bob' WHERE seq = 2")
    conn.commit()
    conn.close()

    async def scenario(app: NtmReviewApp, pilot) -> None:
        await wait_until(pilot, lambda: "đứt tại sự kiện số 2" in notes(app))

    run(db, scenario)


def test_no_warning_when_the_chain_is_whole(db: Path) -> None:
    _two_events(db)

    async def scenario(app: NtmReviewApp, pilot) -> None:
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert "đứt tại" not in notes(app)

    run(db, scenario)


def test_a_read_only_reviewer_sees_decisions_and_is_told_why_saving_fails(db, monkeypatch):
    path = _two_events(db)
    with ReviewStore(path, reviewer="alice") as store:
        store.record_decision(
            "surplus_before_settlement|2023|06721|kd|2023",
            "surplus",
            "06721|kd|2023",
            "06721",
            2023,
            "needs_correction",
        )

    def refuse(db_path, reviewer=None):
        raise ReviewError("store_unwritable", path=str(path), detail="file_not_writable")

    monkeypatch.setattr(reviewing, "open_review_store", refuse)
    monkeypatch.setattr(
        reviewing, "existing_review_store", lambda db_path: ReviewStore(path, read_only=True)
    )

    async def scenario(app: NtmReviewApp, pilot) -> None:
        assert app.reviews is not None and app.reviews.read_only
        assert "chỉ có quyền đọc" in notes(app)
        assert records(app)[4]["progress"] == "1/1"  # Trà Cổ's one finding, decided
        await press(pilot, "f")
        assert isinstance(app.screen, FindingsScreen)
        await press(pilot, "x")
        await app.workers.wait_for_complete()
        await settle(pilot)

    app = run(db, scenario)
    assert notes(app).count("chỉ có quyền đọc") >= 2
    with ReviewStore(path) as store:
        assert store.last_seq() == 3


def test_saving_into_a_replaced_store_is_refused_and_the_new_file_untouched(db: Path) -> None:
    path = _two_events(db)

    async def scenario(app: NtmReviewApp, pilot) -> None:
        replacement = path.with_name("restored.sqlite")
        with ReviewStore(replacement, reviewer="carol"):
            pass
        os.replace(replacement, path)  # a restore copied over the live file
        await press(pilot, "f", "x")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert "đã bị xoá hoặc thay thế" in notes(app)

    run(db, scenario)
    raw = sqlite3.connect(path)
    assert raw.execute("SELECT count(*) FROM event").fetchone()[0] == 0  # nothing written
    raw.close()
    # And the next session is told that the replacement lacks the recorded events.
    with pytest.raises(ReviewError) as err:
        ReviewStore(path)
    assert err.value.key == "store_wal_missing"


@pytest.fixture(autouse=True)
def _no_store_override():
    reviewing.use_store(None)


def test_a_postgresql_server_that_is_down_is_one_sentence_in_the_tui(db, tmp_path, monkeypatch):
    monkeypatch.setenv("NTM_REVIEW_STORE", f"postgresql:///ntm?host={tmp_path}&port=1")

    async def scenario(app: NtmReviewApp, pilot) -> None:
        assert app.reviews is None
        assert "Không kết nối được kho quyết định PostgreSQL" in notes(app)
        await press(pilot, "f", "x")  # saving says the store is not open; nothing crashes
        await settle(pilot)
        assert isinstance(app.screen, FindingsScreen)

    app = run(db, scenario)
    assert "Chưa mở được kho quyết định" in notes(app)
