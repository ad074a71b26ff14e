"""Waiting for a Textual app to be quiet, and driving it, shared by the Pilot and snapshot
tests."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import DataTable

from tui.app import NtmReviewApp

WIDE = (120, 40)


async def settle(pilot: Pilot) -> None:
    """Let every worker finish and its result land on screen (workers can start workers)."""
    app = pilot.app
    quiet_rounds = 0
    for _ in range(500):
        await app.workers.wait_for_complete()
        await pilot.pause()
        quiet_rounds = quiet_rounds + 1 if _quiet(app) else 0
        if quiet_rounds == 2:
            return
    raise AssertionError(f"the app never settled: {list(app.workers)}")


def _quiet(app) -> bool:
    """Nothing left to do: no worker, no queued message, no pending table sizing or layout.

    Pilot's pause() guesses idleness from CPU time, which is unreliable on a loaded
    machine: a worker's result or a table's column sizing may still be on its way.
    """
    if any(not worker.is_finished for worker in app.workers):
        return False
    screen = app.screen
    nodes = [app, screen, *screen.walk_children(with_self=False)]
    if any(node._message_queue.qsize() for node in nodes):
        return False
    for table in screen.query(DataTable):
        if table._require_update_dimensions or table._new_rows or table._updated_cells:
            return False
    return not (screen._layout_required or screen._repaint_required or screen._dirty_widgets)


def run_app(
    db_path: Path,
    scenario: Callable[[NtmReviewApp, Pilot], Awaitable[None]],
    *,
    lang: str = "vi",
    size: tuple[int, int] = WIDE,
    **kwargs,
) -> NtmReviewApp:
    """Run `scenario(app, pilot)` against a fresh app and return the app afterwards."""
    app = NtmReviewApp(db_path, lang, **kwargs)
    app.reviewer = "reviewer"
    app.animation_level = "none"  # no tab-underline animation to wait for after each key

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await scenario(app, pilot)

    asyncio.run(main())
    return app


async def press(pilot: Pilot, *keys: str) -> None:
    """Type the keys in one burst (as a reviewer does), then let the results land."""
    await pilot.press(*keys)
    await settle(pilot)


async def type_text(pilot: Pilot, text: str) -> None:
    """Type text as fast as a terminal delivers it: one key event per character, no pauses."""
    for char in text:
        pilot.app.post_message(events.Key(_character_to_key(char), char))
    await settle(pilot)
