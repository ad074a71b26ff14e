"""Issue 15 item 4: a key that arrives while the TUI reopens a rebuilt file is refused
with a message (it used to crash the follow-up screen); a note being typed meanwhile goes
on being typed and is saved once the new file is open (it used to be dropped silently).

The reopen is made to last until the test lets it finish (Store.open waits on an event),
so the keys surely arrive inside it.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from pathlib import Path

import pytest
from textual import events
from textual.keys import _character_to_key

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tuiwait import settle  # noqa: E402

from tui.app import NtmReviewApp  # noqa: E402
from tui.core.data.build import build_demo_database  # noqa: E402
from tui.core.data.store import Store  # noqa: E402
from tui.core.lang.i18n import t  # noqa: E402
from tui.core.paths import review_store_path  # noqa: E402
from tui.core.review.sqlite import ReviewStore  # noqa: E402
from tui.screens.followup import FollowupScreen  # noqa: E402

NOTE = "Ghi chú gõ lúc dữ liệu đang mở lại"


async def wait_for(pilot, predicate, timeout: float = 30.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        assert loop.time() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


def test_keys_during_a_reopen_are_held_and_the_note_is_saved(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real_open = Store.open.__func__
    opened = []

    def held_open(cls, path):
        if opened:  # the first open (start-up) is not held
            release.wait(60)
        opened.append(path)
        return real_open(cls, path)

    monkeypatch.setattr(Store, "open", classmethod(held_open))
    app = NtmReviewApp(db, "vi", watch_interval=0.1)
    app.animation_level = "none"

    async def main() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("o")
            await settle(pilot)
            assert isinstance(app.screen, FollowupScreen) and app.screen.items
            await asyncio.to_thread(build_demo_database, db)
            await wait_for(pilot, lambda: app.store is None)
            # Inside the reopen: decide on the selected finding (this crashed), twice.
            await pilot.press("x", "x")
            assert app.is_running
            told = [n.message for n in app._notifications]
            assert told.count(t("key_during_reopen", "vi")) == 1  # once, however many keys
            release.set()
            await wait_for(
                pilot, lambda: app.store is not None and not getattr(app, "reopening", False)
            )
            await asyncio.sleep(0.2)
            await quiet(pilot)
            assert isinstance(app.screen, FollowupScreen)
            await pilot.press("escape", "e")  # a note on the selected unit
            await quiet(pilot)
            half = len(NOTE) // 2
            await type_text(app, NOTE[:half])
            # A second rebuild while the note is being typed: typing goes on.
            release.clear()
            await asyncio.to_thread(build_demo_database, db)
            await wait_for(pilot, lambda: app.store is None)
            await type_text(app, NOTE[half:])
            await pilot.press("enter")  # saved once the file is open again
            await asyncio.sleep(0.3)
            assert _notes(db) == [] and app.store is None
            release.set()
            await wait_for(pilot, lambda: _notes(db) == [NOTE])
            await quiet(pilot)
            assert app.is_running

    try:
        asyncio.run(main())
    finally:
        release.set()
    with ReviewStore(review_store_path(db)) as reviews:
        assert [e.kind for e in reviews.events()] == ["note"]  # the refused keys did nothing


async def type_text(app: NtmReviewApp, text: str) -> None:
    for char in text:
        app.post_message(events.Key(_character_to_key(char), char))
    await asyncio.sleep(0.2)


async def quiet(pilot) -> None:
    """Every worker done (settle() would raise on the reloads a reopen cancels)."""
    await wait_for(pilot, lambda: all(w.is_finished for w in pilot.app.workers))
    await pilot.pause()


def _notes(db: Path) -> list[str]:
    if not review_store_path(db).exists():
        return []
    with ReviewStore(review_store_path(db)) as reviews:
        return [e.text for e in reviews.events() if e.kind == "note"]
