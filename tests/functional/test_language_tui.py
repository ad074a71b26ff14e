"""The TUI under NO_COLOR, on the Linux console, with a bad config.toml, and Ctrl+C: every
word in the UI language, every symbol drawable, errors visible without colour."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable
from tuiwait import press, run_app, settle

from tui.app import NtmReviewApp
from tui.core.glyphs import ASCII_GLYPHS

CORPUS = Path(__file__).parents[1] / "corpus" / "config"
UNIT_WITH_ERRORS = "06730"  # three errors in 2023


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    for name in ("NO_COLOR", "NTM_REVIEW_GLYPHS", "LC_ALL", "LC_CTYPE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("LANG", "C.UTF-8")


def screen_text(app: NtmReviewApp) -> str:
    """What the terminal shows: the screenshot's text, after the app's line filters."""
    svg = app.export_screenshot()
    text = re.sub(r"<[^>]+>", "", svg)
    return text.replace("&#160;", " ")


def overview_findings_cell(app: NtmReviewApp, code: str):
    table = app.screen.query_one(DataTable)
    row = table.get_row_index(code)
    column = next(i for i, c in enumerate(table.ordered_columns) if "Lỗi" in str(c.label))
    return table.get_row_at(row)[column]


# -- the Linux console ----------------------------------------------------------------------


@pytest.mark.parametrize("how", ["TERM=linux", "option"])
def test_linux_console_draws_ascii_stand_ins(demo_db: Path, monkeypatch, how: str) -> None:
    if how == "TERM=linux":
        monkeypatch.setenv("TERM", "linux")
        options = {}
    else:
        options = {"ascii_glyphs": True}

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        assert app.ascii_glyphs
        text = screen_text(app)
        assert "*" in text  # the model commune's ★
        assert "#" in text  # the capital mix chart's blocks
        assert not [g for g in ASCII_GLYPHS if g in text]
        app.open_unit(UNIT_WITH_ERRORS, "tab-findings")
        await settle(pilot)
        text = screen_text(app)
        assert "X Lỗi" in text
        assert not [g for g in ASCII_GLYPHS if g in text]

    run_app(demo_db, scenario, **options)


def test_a_utf8_terminal_keeps_the_symbols(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        assert not app.ascii_glyphs
        text = screen_text(app)
        assert "★" in text and "█" in text

    run_app(demo_db, scenario)


# -- NO_COLOR -------------------------------------------------------------------------------


def test_no_color_errors_stand_out_by_reverse_video(demo_db: Path, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        assert app.no_color
        cell = overview_findings_cell(app, UNIT_WITH_ERRORS)
        styles = {cell.plain[s.start : s.end]: str(s.style) for s in cell.spans}
        errors = cell.plain.split("·")[0]
        assert int(errors) > 0
        assert styles[errors] == "bold reverse"
        # The zeros are dim; nothing relies on a colour.
        assert all("red" not in style and "yellow" not in style for style in styles.values())
        app.open_unit(UNIT_WITH_ERRORS, "tab-findings")
        await settle(pilot)
        table = app.screen.query_one("#findings", DataTable)
        severity = table.get_row_at(0)[0]
        assert severity.plain.startswith("✖") and str(severity.style) == "bold reverse"

    run_app(demo_db, scenario)


def test_with_colour_errors_are_red(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        assert not app.no_color
        cell = overview_findings_cell(app, UNIT_WITH_ERRORS)
        errors = cell.plain.split("·")[0]
        styles = {cell.plain[s.start : s.end]: str(s.style) for s in cell.spans}
        assert styles[errors] == "bold red"

    run_app(demo_db, scenario)


# -- Ctrl+C and the config file --------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "title", "message"),
    [("vi", "Thoát chương trình?", "Nhấn q để thoát."), ("en", "Quit?", "Press q to quit.")],
)
def test_ctrl_c_says_how_to_quit_in_the_ui_language(demo_db: Path, lang, title, message) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        await press(pilot, "ctrl+c")
        toasts = [(n.title, n.message) for n in app._notifications]
        assert (title, message) in toasts
        assert not [m for _, m in toasts if "Press" in m and lang == "vi"]

    app = run_app(demo_db, scenario, lang=lang)
    assert app.return_code is None or app.return_code == 0


@pytest.mark.parametrize(
    ("name", "vi", "en"),
    [
        ("bad-table-header.toml", "sai cú pháp TOML ở dòng 2, cột 6", "not valid TOML at line 2"),
        ("value-missing-at-end.toml", "sai cú pháp TOML ở cuối tệp", "at the end of the file"),
        ("latin1-not-utf8.toml", "không phải văn bản UTF-8", "is not UTF-8 text"),
    ],
)
def test_a_bad_config_file_is_one_sentence_in_the_ui_language(
    demo_db: Path, tmp_path: Path, name: str, vi: str, en: str
) -> None:
    config = tmp_path / "config" / "ntm-review" / "config.toml"
    config.parent.mkdir(parents=True)
    shutil.copyfile(CORPUS / name, config)

    for lang, expected in (("vi", vi), ("en", en)):

        async def scenario(app: NtmReviewApp, pilot: Pilot, expected=expected) -> None:
            messages = [str(n.message) for n in app._notifications]
            assert any(expected in m and str(config) in m for m in messages), messages
            # tomllib's own English never reaches the reviewer.
            assert not [m for m in messages if "Expected" in m or "Invalid" in m]

        run_app(demo_db, scenario, lang=lang)
