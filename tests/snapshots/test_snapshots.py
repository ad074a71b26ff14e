"""SVG snapshots of every screen at 80×24 and 120×40 (pytest-textual-snapshot).

Regenerate after an intended change with:  pytest tests/snapshots --snapshot-update
and look at the new SVGs before committing them.

What would make a snapshot differ between machines is pinned here: the reviewer's login
in the status line, the config path shown on the help screen, the database path (never
shown except on the error screen, which uses a fixed path). The demo database is built in
the test session from its fixed seed; nothing on these screens depends on the clock.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from tuiwait import settle

from tui.app import NtmReviewApp
from tui.screens.error import ErrorScreen
from tui.screens.findings import FindingsScreen
from tui.screens.help import HelpScreen
from tui.screens.overview import OverviewScreen
from tui.screens.resolution import ResolutionScreen
from tui.screens.unit import UnitScreen

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
MISSING_DB = Path("/nonexistent/ntm-review/ntm-review.duckdb")


@pytest.fixture(autouse=True)
def _fixed_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The help screen prints the config path; no reviewer's real key config may apply.
    monkeypatch.setenv("XDG_CONFIG_HOME", "/home/reviewer/.config")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Follow-up prints today's date and what is overdue as of it: pinned, so a snapshot
    taken today still matches tomorrow."""
    monkeypatch.setenv("NTM_REVIEW_TODAY", "2026-12-03")


def make_app(db_path: Path, lang: str = "vi", **options) -> NtmReviewApp:
    app = NtmReviewApp(db_path, lang, **options)
    app.reviewer = "reviewer"  # the status line shows the OS login otherwise
    return app


def steps(
    *actions: str | Callable[[NtmReviewApp], None], expect: type
) -> Callable[[Pilot], Awaitable[None]]:
    """A run_before: wait for the data, then press keys or call app methods in order."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        for action in actions:
            if callable(action):
                action(pilot.app)  # type: ignore[arg-type]
            else:
                await pilot.press(action)
            await settle(pilot)
        # A snapshot of a half-loaded screen is worse than no snapshot.
        assert isinstance(pilot.app.screen, expect), pilot.app.screen
        assert pilot.app.store is not None or expect is ErrorScreen

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_overview(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:
    assert snap_compare(
        make_app(demo_db), terminal_size=size, run_before=steps(expect=OverviewScreen)
    )


@pytest.mark.parametrize("size", SIZES)
def test_overview_english(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:
    assert snap_compare(
        make_app(demo_db, "en"), terminal_size=size, run_before=steps(expect=OverviewScreen)
    )


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "tab",
    ["tab-resolutions", "tab-works", "tab-surplus", "tab-findings", "tab-compare", "tab-history"],
)
def test_unit_screen(snap_compare, demo_db: Path, tab: str, size: tuple[int, int]) -> None:
    """Hải Đông (06730): a commune with findings and something missing versus the model."""
    assert snap_compare(
        make_app(demo_db),
        terminal_size=size,
        run_before=steps(lambda app: app.open_unit("06730", tab), expect=UnitScreen),
    )


@pytest.mark.parametrize("size", SIZES)
def test_resolution_screen(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:
    """Its NTM resolution 21/NQ-HĐND: grounds with one required category missing."""
    assert snap_compare(
        make_app(demo_db),
        terminal_size=size,
        run_before=steps(lambda app: app.open_unit("06730"), "enter", expect=ResolutionScreen),
    )


@pytest.mark.parametrize("size", SIZES)
def test_findings_screen(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:
    assert snap_compare(
        make_app(demo_db), terminal_size=size, run_before=steps("f", expect=FindingsScreen)
    )


@pytest.mark.parametrize("size", SIZES)
def test_help_modal(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:
    assert snap_compare(
        make_app(demo_db), terminal_size=size, run_before=steps("question_mark", expect=HelpScreen)
    )


@pytest.mark.parametrize("size", SIZES)
def test_error_screen(snap_compare, size: tuple[int, int]) -> None:
    assert not MISSING_DB.exists()
    assert snap_compare(
        make_app(MISSING_DB), terminal_size=size, run_before=steps(expect=ErrorScreen)
    )


@pytest.mark.parametrize("size", SIZES)
def test_finding_detail(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:
    """`i` on the first finding: the whole record, wrapped (issue 14 item 6)."""
    from tui.screens.detail import DetailScreen

    assert snap_compare(
        make_app(demo_db), terminal_size=size, run_before=steps("f", "i", expect=DetailScreen)
    )


@pytest.mark.parametrize("size", SIZES)
def test_midair_confirmation(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:
    """The question asked when another reviewer decided while the reason was typed."""
    from tui.screens.confirm import ConfirmPrompt
    from tui.text import tr

    def ask(app: NtmReviewApp) -> None:
        question = tr(
            "midair_question",
            "vi",
            who="nguyen-van-b",
            now="Cần chỉnh sửa",
            when="03/12/2026 10:15",
            seen=tr("no_decision_yet", "vi"),
            mine="Chấp nhận",
        )
        app.push_screen(ConfirmPrompt(tr("midair_title", "vi"), question, "vi"))

    assert snap_compare(
        make_app(demo_db), terminal_size=size, run_before=steps("f", ask, expect=ConfirmPrompt)
    )


@pytest.mark.parametrize("size", SIZES)
def test_rule_picker(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:
    """r on the findings screen: the rules with their titles and counts (issue 14 item 9)."""
    from tui.screens.rule_picker import RulePicker

    assert snap_compare(
        make_app(demo_db), terminal_size=size, run_before=steps("f", "r", expect=RulePicker)
    )


@pytest.mark.parametrize("size", SIZES)
def test_command_palette(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:
    """Ctrl+P: the application's own commands, in Vietnamese (issue 14 item 12)."""
    from textual.command import CommandPalette

    assert snap_compare(
        make_app(demo_db),
        terminal_size=size,
        run_before=steps("ctrl+p", "down", expect=CommandPalette),
    )


@pytest.mark.parametrize("size", SIZES)
def test_overview_linux_console(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:
    """TERM=linux: ✖ ▲ ● ★ ⏎ and the chart's partial blocks drawn as ASCII stand-ins."""
    assert snap_compare(
        make_app(demo_db, ascii_glyphs=True),
        terminal_size=size,
        run_before=steps(expect=OverviewScreen),
    )


@pytest.mark.parametrize("size", SIZES)
def test_sort_picker(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:
    """s on the overview: the sortable columns on screen (issue 14 item 9)."""
    from tui.screens.choice_picker import ChoicePicker

    assert snap_compare(
        make_app(demo_db), terminal_size=size, run_before=steps("s", expect=ChoicePicker)
    )


@pytest.mark.parametrize("size", SIZES)
def test_overview_2026(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:
    """2026, the six units of the two-level map: each reviewed by its own council
    (issue 10 item 4), not by the abolished city council."""
    assert snap_compare(
        make_app(demo_db), terminal_size=size, run_before=steps("y", "y", expect=OverviewScreen)
    )


@pytest.mark.parametrize("size", SIZES)
def test_followup_screen(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:
    """Follow-up keeps the unit column at 80 (issue 14 item 13)."""
    from tui.screens.followup import FollowupScreen

    assert snap_compare(
        make_app(demo_db), terminal_size=size, run_before=steps("o", expect=FollowupScreen)
    )


@pytest.mark.parametrize("size", SIZES)
def test_unit_findings_no_color(
    snap_compare, demo_db: Path, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_COLOR: the errors stand out by bold reverse video, not by a grey."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(demo_db)
    assert snap_compare(
        app,
        terminal_size=size,
        run_before=steps(lambda a: a.open_unit("06730", "tab-findings"), expect=UnitScreen),
    )


@pytest.mark.parametrize("size", SIZES)
def test_empty_log(snap_compare, demo_db: Path, tmp_path: Path, size: tuple[int, int]) -> None:
    """An empty log says why and what to do (issue 14 item 14). A copy of the demo file
    without its review store: other tests of the session record into the shared one."""
    import shutil

    from tui.screens.log import LogScreen

    db = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db, db)
    assert snap_compare(make_app(db), terminal_size=size, run_before=steps("l", expect=LogScreen))


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_overview_filter_without_match(
    snap_compare, demo_db: Path, size: tuple[int, int], lang: str
) -> None:
    """A filter that matches nothing says so and how to clear it (issue 14 item 14)."""
    keys = ["slash", *"zzzz", "enter"]
    assert snap_compare(
        make_app(demo_db, lang), terminal_size=size, run_before=steps(*keys, expect=OverviewScreen)
    )


@pytest.mark.parametrize("size", SIZES)
def test_unit_screen_2026(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:
    """xã Hải Sơn in 2026: the header names its own council as the reviewing body."""
    assert snap_compare(
        make_app(demo_db),
        terminal_size=size,
        run_before=steps("y", "y", lambda app: app.open_unit("06724"), expect=UnitScreen),
    )


@pytest.mark.parametrize("size", SIZES)
def test_resolution_screen_2026(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:
    """Móng Cái 1's plan of 18/12/2025: reviewed by the ward's own council."""
    assert snap_compare(
        make_app(demo_db),
        terminal_size=size,
        run_before=steps(
            "y", "y", lambda app: app.open_resolution("NQ-06712-2026N-01"), expect=ResolutionScreen
        ),
    )


@pytest.mark.parametrize("size", SIZES)
def test_conclude_confirmation(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:
    """`K` on a unit asks Có/Không before recording the conclusion (issue 14 item 10)."""
    from tui.screens.confirm import ConfirmPrompt

    assert snap_compare(
        make_app(demo_db),
        terminal_size=size,
        run_before=steps(
            lambda app: app.open_unit("06730", "tab-findings"), "K", expect=ConfirmPrompt
        ),
    )


@pytest.mark.parametrize("size", SIZES)
def test_message_bar(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:
    """A message above the footer, not over the list (issue 14 item 14)."""

    def exported(app: NtmReviewApp) -> None:
        app.message_history.append(
            ("10:15:00", "information", "Đã xuất: /srv/ntm/ntm-review-phat-hien-tat-ca-2023.xlsx")
        )

    assert snap_compare(
        make_app(demo_db),
        terminal_size=size,
        run_before=steps(exported, "c", expect=OverviewScreen),
    )


@pytest.mark.parametrize("size", SIZES)
def test_decision_confirmation_line(
    snap_compare, demo_db: Path, tmp_path: Path, size: tuple[int, int], monkeypatch
) -> None:
    """After `x` on the first finding: one line says what was recorded on which finding
    and that `u` undoes it (issue 14 item 10). Recorded into a copy of the demo file's
    review store, so the shared demo database stays undecided."""
    import shutil

    db = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db, db)
    # The decision column shows who decided, the OS login: pinned like the status line.
    monkeypatch.setattr("tui.core.review.sqlite.current_login", lambda: "reviewer")
    monkeypatch.setattr("tui.app.FLASH_SECONDS", 3600.0)  # still shown however slow the run
    app = make_app(db)
    assert snap_compare(app, terminal_size=size, run_before=steps("f", "x", expect=FindingsScreen))


@pytest.mark.parametrize("size", SIZES)
def test_findings_screen_english(snap_compare, demo_db: Path, size: tuple[int, int]) -> None:
    """The contextual footer in English: decisions grouped, help and back pinned."""
    assert snap_compare(
        make_app(demo_db, "en"), terminal_size=size, run_before=steps("f", expect=FindingsScreen)
    )
