"""Issue 13, item 3: no query runs on the UI thread. A guard on the data store records
the thread of every query while a reviewer goes through every screen (the overview and
its filter, a unit's six tabs, a resolution, the findings and the rule picker, the
follow-up, the log, a finding's detail, a decision, a reason prompt, a note and its
undo), and one on the review store (its polls, reads and writes); any query made on the
event loop's thread fails the test."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from test_tui import wait_until
from textual.pilot import Pilot
from tuiwait import press, run_app, type_text

from tui.app import NtmReviewApp
from tui.core.data.store import Store
from tui.core.review.sqlite import ReviewStore
from tui.screens.detail import DetailScreen
from tui.screens.findings import FindingsScreen
from tui.screens.followup import FollowupScreen
from tui.screens.log import LogScreen
from tui.screens.prompt import TextPrompt
from tui.screens.resolution import ResolutionScreen
from tui.screens.rule_picker import RulePicker
from tui.screens.two_field_prompt import TwoFieldPrompt
from tui.screens.unit import UnitScreen


@pytest.fixture
def guarded(monkeypatch: pytest.MonkeyPatch) -> dict:
    """Every query's thread, and which ran on the UI thread (set by the scenario)."""
    seen: dict = {"ui": None, "on_ui": [], "queries": 0, "review_queries": 0, "paused": False}

    def guard(method, counter="queries"):
        def run(self, *args, **params):
            seen[counter] += 1
            if threading.get_ident() == seen["ui"] and not seen["paused"]:
                name = args[0] if args and isinstance(args[0], str) else method.__name__
                seen["on_ui"].append(name)
            return method(self, *args, **params)

        return run

    monkeypatch.setattr(Store, "raw_rows", guard(Store.raw_rows))
    monkeypatch.setattr(Store, "dicts", guard(Store.dicts))
    # The review store too: its reads (polls included) and its writes.
    monkeypatch.setattr(ReviewStore, "_rows", guard(ReviewStore._rows, "review_queries"))
    monkeypatch.setattr(
        ReviewStore, "_transaction", guard(ReviewStore._transaction, "review_queries")
    )
    return seen


def test_the_guard_sees_a_query_on_the_ui_thread(db: Path, guarded: dict) -> None:
    """The guard itself: a query made from the event loop is recorded."""

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        guarded["ui"] = threading.get_ident()
        await wait_until(pilot, lambda: app.store is not None)
        app.store.rows("views/years")

    run_app(db, scenario)
    assert guarded["on_ui"] == ["views/years"]


def test_no_query_runs_on_the_ui_thread(db: Path, guarded: dict) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        guarded["ui"] = threading.get_ident()
        await wait_until(pilot, lambda: app.store is not None)
        await press(pilot, "slash")
        await type_text(pilot, "quang")
        await press(pilot, "enter", "enter")
        assert isinstance(app.screen, UnitScreen)
        for _ in range(6):  # every tab, each loaded when first shown
            await press(pilot, "tab")
        await press(pilot, "escape")
        await press(pilot, "f")
        assert isinstance(app.screen, FindingsScreen)
        await press(pilot, "r")
        assert isinstance(app.screen, RulePicker)
        await press(pilot, "escape")
        await press(pilot, "i")
        assert isinstance(app.screen, DetailScreen)
        await press(pilot, "escape")
        await press(pilot, "x")  # a one-key decision
        await wait_until(
            pilot, lambda: app.reviews is not None and own_read(app.reviews.last_seq) > 0
        )
        await press(pilot, "u")
        await press(pilot, "a")  # a decision with a reason: what is in force is read first
        await wait_until(pilot, lambda: isinstance(app.screen, TwoFieldPrompt))
        await press(pilot, "escape")
        await press(pilot, "e")
        assert isinstance(app.screen, TextPrompt)
        await type_text(pilot, "ghi chú")
        await press(pilot, "enter")
        await press(pilot, "l")
        assert isinstance(app.screen, LogScreen)
        await press(pilot, "escape", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, (ResolutionScreen, UnitScreen)))
        await press(pilot, "escape", "escape", "o")
        assert isinstance(app.screen, FollowupScreen)
        await press(pilot, "h", "h", "i")

    def own_read(read):
        # The test's own wait, not the app's: not counted.
        guarded["paused"] = True
        try:
            return read()
        finally:
            guarded["paused"] = False

    run_app(db, scenario)
    assert guarded["queries"] > 20  # the scenario did read the data
    assert guarded["review_queries"] > 3  # and the review store
    assert guarded["on_ui"] == [], sorted(set(guarded["on_ui"]))  # the names, once each
