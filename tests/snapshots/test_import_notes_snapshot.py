"""SVG snapshots of the resolution screen showing a commune's imported notes (issue 11),
at 80×24 and 120×40. Regenerate with --snapshot-update after looking at the SVGs."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from test_snapshots import SIZES, make_app, steps

from tui.cli import main
from tui.core.io.importing.assemble import resolution_id
from tui.screens.resolution import ResolutionScreen

MESSY = Path(__file__).resolve().parents[1] / "corpus" / "import" / "clerk" / "messy_layout.xlsx"


@pytest.fixture(autouse=True)
def _fixed_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", "/home/reviewer/.config")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


@pytest.fixture
def imported(demo_db: Path, tmp_path: Path, capsys) -> Path:
    db = tmp_path / "review.duckdb"
    shutil.copyfile(demo_db, db)
    assert main(["import", "--db", str(db), "--review-year", "2024", str(MESSY)]) == 0
    capsys.readouterr()
    return db


@pytest.mark.parametrize("size", SIZES)
def test_resolution_screen_with_notes(snap_compare, imported: Path, size) -> None:
    rid = resolution_id("06745", 2024, "15/NQ-HĐND", date(2024, 7, 5))
    assert snap_compare(
        make_app(imported),
        terminal_size=size,
        run_before=steps(lambda app: app.open_resolution(rid), expect=ResolutionScreen),
    )
