"""Issue 14, item 3: only the default database path, on the first run, gets the demo data
built for the TUI, and the reviewer is told where before the screen opens. A path the
reviewer named (--db or NTM_REVIEW_DB) that does not exist opens the error screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The TUI is replaced by a recorder of the path it would open."""
    seen: list[Path] = []

    def fake_run_app(path: Path, lang: str, config=None) -> int:
        seen.append(path)
        return 0

    monkeypatch.setattr("tui.app.run_app", fake_run_app)
    return seen


def test_explicit_missing_db_builds_nothing(tmp_path: Path, opened: list[Path], capsys) -> None:
    typo = tmp_path / "shared" / "ntm-reveiw.duckdb"
    assert main(["--db", str(typo)]) == 0
    assert opened == [typo]  # the app opens it and shows the error screen (test below)
    assert not typo.exists()
    assert not typo.parent.exists()
    assert "mẫu" not in capsys.readouterr().err


def test_missing_db_from_the_environment_builds_nothing(
    tmp_path: Path, opened: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    typo = tmp_path / "typo.duckdb"
    monkeypatch.setenv("NTM_REVIEW_DB", str(typo))
    assert main([]) == 0
    assert opened == [typo]
    assert not typo.exists()


def test_default_path_on_first_run_builds_the_demo_and_says_where(
    tmp_path: Path, opened: list[Path], monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert main([]) == 0
    (path,) = opened
    assert path.exists()
    assert path.is_relative_to(tmp_path / "share")
    err = capsys.readouterr().err
    assert "dữ liệu mẫu" in err and str(path) in err


def test_the_tui_shows_the_error_screen_for_an_explicit_missing_path(tmp_path: Path) -> None:
    import asyncio

    from tui.app import NtmReviewApp
    from tui.screens.error import ErrorScreen

    typo = tmp_path / "typo.duckdb"
    app = NtmReviewApp(typo, "vi")

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(100):
                await pilot.pause(0.05)
                if isinstance(app.screen, ErrorScreen):
                    break
            assert isinstance(app.screen, ErrorScreen)
            text = "\n".join(s.text for s in app.screen._compositor.render_strips())
            assert "Không tìm thấy tệp dữ liệu" in text

    asyncio.run(scenario())
    assert not typo.exists()
