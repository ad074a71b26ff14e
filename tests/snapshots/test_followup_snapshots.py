"""SVG snapshots (80×24 and 120×40) of the issue 17 screens: the follow-up screen with
overdue findings and its overdue-only view, the overview counting them, and the prompts
that ask for the proof of a correction and for an acceptance's end date.

Each runs on a private copy of the demo database, whose review store holds the notices
of two communes issued on 05/10/2026; "today" is pinned to 05/04/2027 by NTM_REVIEW_TODAY,
and the events are recorded as "reviewer", so nothing depends on the clock or the login.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from test_snapshots import SIZES, make_app, steps

from tui.core.data.store import Store
from tui.core.paths import review_store_path
from tui.core.review.service import issue_notice
from tui.core.review.sqlite import ReviewStore
from tui.core.review.tracking import TODAY_ENV_VAR
from tui.screens.followup import FollowupScreen
from tui.screens.overview import OverviewScreen
from tui.screens.two_field_prompt import TwoFieldPrompt


@pytest.fixture(autouse=True)
def _fixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", "/home/reviewer/.config")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("NTM_REVIEW_STORE", raising=False)
    monkeypatch.setenv(TODAY_ENV_VAR, "2027-04-05")


@pytest.fixture
def followed_db(demo_db: Path, tmp_path: Path) -> Path:
    db = tmp_path / "snap" / "demo.duckdb"
    db.parent.mkdir()
    shutil.copyfile(demo_db, db)
    with Store.open(db) as store, ReviewStore(review_store_path(db), reviewer="reviewer") as rs:
        for unit in ("06754", "06721"):
            issue_notice(rs, store, unit, 2023, f"{unit[-2:]}/TB-HĐND", date(2026, 10, 5))
    return db


@pytest.mark.parametrize("size", SIZES)
def test_followup_with_overdue(snap_compare, followed_db: Path, size) -> None:
    assert snap_compare(
        make_app(followed_db), terminal_size=size, run_before=steps("o", expect=FollowupScreen)
    )


@pytest.mark.parametrize("size", SIZES)
def test_followup_overdue_only(snap_compare, followed_db: Path, size) -> None:
    assert snap_compare(
        make_app(followed_db), terminal_size=size, run_before=steps("o", "h", expect=FollowupScreen)
    )


@pytest.mark.parametrize("size", SIZES)
def test_overview_counts_overdue(snap_compare, followed_db: Path, size) -> None:
    assert snap_compare(
        make_app(followed_db), terminal_size=size, run_before=steps(expect=OverviewScreen)
    )


@pytest.mark.parametrize("size", SIZES)
def test_proof_prompt(snap_compare, followed_db: Path, size) -> None:
    assert snap_compare(
        make_app(followed_db), terminal_size=size, run_before=steps("f", "d", expect=TwoFieldPrompt)
    )


@pytest.mark.parametrize("size", SIZES)
def test_acceptance_end_date_prompt(snap_compare, followed_db: Path, size) -> None:
    assert snap_compare(
        make_app(followed_db), terminal_size=size, run_before=steps("f", "a", expect=TwoFieldPrompt)
    )
