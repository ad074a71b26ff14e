"""The commune's "Ghi chú" from an imported workbook shows on the resolution screen
(issue 11), and the box stays hidden for resolutions without notes."""

from __future__ import annotations

import asyncio
import shutil
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Static
from tuiwait import settle

from tui.app import NtmReviewApp
from tui.cli import main
from tui.core.io.importing.assemble import resolution_id
from tui.screens.resolution import ResolutionScreen

MESSY = Path(__file__).resolve().parents[1] / "corpus" / "import" / "clerk" / "messy_layout.xlsx"
NTM_2024 = resolution_id("06745", 2024, "15/NQ-HĐND", date(2024, 7, 5))


@pytest.fixture
def imported(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    db = tmp_path / "db" / "review.duckdb"
    db.parent.mkdir()
    shutil.copyfile(demo_db, db)
    assert main(["import", "--db", str(db), "--review-year", "2024", str(MESSY)]) == 0
    return db


def notes_on(db: Path, rid: str, lang: str = "vi") -> tuple[bool, str]:
    app = NtmReviewApp(db, lang)
    app.reviewer = "reviewer"
    app.animation_level = "none"
    seen: dict[str, object] = {}

    async def run() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            app.open_resolution(rid)
            await settle(pilot)
            assert isinstance(app.screen, ResolutionScreen)
            box = app.screen.query_one("#res-notes", Static)
            seen["display"] = box.display
            seen["text"] = str(box.render())

    asyncio.run(run())
    return bool(seen["display"]), str(seen["text"])


def test_imported_notes_show_on_the_resolution_screen(imported: Path, capsys) -> None:
    capsys.readouterr()
    shown, text = notes_on(imported, NTM_2024)
    assert shown
    assert text.splitlines() == [
        "Ghi chú của xã: Thông qua tại kỳ họp thứ 14",
        "Ghi chú của xã: Đường giao thông thôn 3: Chuyển tiếp từ năm 2023",
        "Ghi chú của xã: Nhà văn hoá thôn 5: Giao UBND xã quyết định",
    ]
    shown, text = notes_on(imported, NTM_2024, "en")
    assert text.splitlines()[0] == "Commune's note: Thông qua tại kỳ họp thứ 14"


def test_no_notes_no_box(demo_db: Path) -> None:
    shown, _text = notes_on(demo_db, "NQ-06745-2023-01")
    assert not shown
