"""The Textual application: thin; it wires screens to the headless core.

The audited DuckDB file is opened read-only in a worker, so the first frame never waits
for the database. If the file cannot be opened, an error screen says why; a lock held by
another process is retried quietly. A build that renames a new file into place is noticed
and the screens reload.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import threading
import time
from pathlib import Path

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.text import Text
from textual import events, on
from textual.app import App
from textual.color import Color
from textual.filter import LineFilter
from textual.widgets import Input
from textual.worker import WorkerFailed

from .app_store import StoreLifecycle
from .core.config import Config, read_config
from .core.crashlog import write_crash_log
from .core.errors import NtmError
from .core.fmt import MONEY_UNITS, next_money_unit
from .core.glyphs import ascii_glyphs_wanted, to_ascii
from .core.lang.i18n import t
from .core.lang.language import Lang, as_lang
from .core.rules.findings import Finding
from .export_actions import ExportActions
from .keys import bindings, keymap_from_config, localise
from .palette import ReviewCommands
from .review_actions import ReviewActions
from .screens import requests
from .screens.base import ReviewScreen
from .screens.error import ErrorScreen
from .screens.findings import FindingsScreen
from .screens.followup import FollowupScreen
from .screens.help import HelpScreen
from .screens.overview import OverviewScreen
from .screens.resolution import ResolutionScreen
from .screens.unit import UnitScreen
from .session import Session
from .text import tr
from .widgets.status_line import StatusText

STYLES = Path(__file__).parent / "styles" / "app.tcss"


class AsciiGlyphFilter(LineFilter):
    """Every symbol on screen drawn as its ASCII stand-in (one mapping table:
    tui/core/glyphs.py). A stand-in is as wide as its symbol, so no layout moves."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            Segment(to_ascii(text), style, control)
            if not control
            else Segment(text, style, control)
            for text, style, control in segments
        ]


def current_login() -> str:
    return pwd.getpwuid(os.geteuid()).pw_name


def _in_session(name: str) -> property:
    """An app attribute that is the session's (tui/session.py): the app changes it, the
    screens read it from the session they were given."""
    return property(
        lambda app: getattr(app.session, name),
        lambda app, value: setattr(app.session, name, value),
    )


class NtmReviewApp(StoreLifecycle, ReviewActions, ExportActions, App):
    CSS_PATH = STYLES
    TITLE = "ntm-review"
    BINDINGS = [
        *bindings(
            "app.followup",
            "app.export",
            "app.quit",
            "app.help",
            "app.back",
            "app.findings",
            "app.next_year",
            "app.money_unit",
            "app.copy",
            "app.detail",
            "app.messages",
            "app.palette",
        ),
    ]

    COMMANDS = App.COMMANDS | {ReviewCommands}

    store = _in_session("store")
    reviews = _in_session("reviews")
    meta = _in_session("meta")
    years = _in_session("years")
    year = _in_session("year")
    reviewer = _in_session("reviewer")
    generation = _in_session("generation")
    money_unit = _in_session("money_unit")

    def get_system_commands(self, screen):
        """Textual's generic English commands (theme, screenshot…) are not offered; the
        palette holds the application's own (tui/palette.py)."""
        return iter(())

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(
                    id="--command-palette", placeholder=tr("palette_placeholder", self.lang)
                )
            )

    def __init__(
        self,
        db_path: Path,
        lang: Lang | str = "vi",
        *,
        watch_interval: float = 2.0,
        ascii_glyphs: bool | None = None,
        config: Config | None = None,
    ) -> None:
        super().__init__()
        # The Linux console and non-UTF-8 locales get ASCII stand-ins for the symbols
        # (tui/core/glyphs.py); None: decided from the environment.
        self.ascii_glyphs = ascii_glyphs_wanted() if ascii_glyphs is None else ascii_glyphs
        self._glyph_filter = AsciiGlyphFilter(enabled=self.ascii_glyphs)
        self.db_path = Path(db_path)
        self.lang: Lang = as_lang(lang)
        # What the screens work in (store handles, year, money unit…): handed to each.
        self.session = Session(lang, reviewer=current_login(), no_color=bool(self.no_color))
        self.watch_interval = watch_interval
        self.crash_log: Path | None = None
        self.review_seq: int | None = None  # None until the first poll
        self._polling = False  # a poll of the review store is under way (one at a time)
        # This session's last one-key-or-prompt decision (its event and finding): what `u`
        # undoes. Cleared once undone or when it can no longer be undone.
        self.last_decision: tuple | None = None
        # A confirmation is shown in the status line (session.flash_note): one line that
        # covers nothing of the list, unlike a toast.
        self._flash_timer = None
        # Every notification of the session, oldest first: (time, severity, message).
        self.message_history: list[tuple[str, str, str]] = []
        # The typed config.toml the CLI checked at start-up (read here only when the app is
        # made without it, as tests do).
        self.config = config if config is not None else read_config()
        self.config_problem = self.config.problem
        # While a rebuilt file is being reopened there is no store: screen keys are
        # refused with a message (on_event), saves wait for the new store.
        self.reopening = False
        self._told_reopening = False
        self._store_open = threading.Event()
        self._unit_screen: UnitScreen | None = None  # reused: see open_unit
        self._resolution_screen: ResolutionScreen | None = None
        localise(self, lang)

    def get_line_filters(self):
        return [*super().get_line_filters(), *([self._glyph_filter] if self.ascii_glyphs else [])]

    def notify(self, message: str, *, markup: bool = False, **kwargs) -> None:  # type: ignore[override]
        """Notifications quote data and paths (a unit name, a note, a file): never markup,
        never raw control characters."""
        from datetime import datetime

        from .core.safe import safe

        message = safe(str(message))
        severity = kwargs.get("severity", "information")
        self.message_history.append((datetime.now().strftime("%H:%M:%S"), severity, message))
        super().notify(message, markup=markup, **kwargs)

    def _refresh_notifications(self) -> None:
        """A screen with a message bar shows notifications there, above the footer, not as
        toasts over its list; other screens (dialogs) keep Textual's toasts."""
        from textual.css.query import NoMatches
        from textual.notifications import Notifications
        from textual.widgets._toast import ToastRack

        from .widgets.message_bar import MessageBar

        try:
            screen = self.screen
            bar = screen.query_one(MessageBar)
        except Exception:  # noqa: BLE001 - no screen yet, or one without a bar
            super()._refresh_notifications()
            return
        self.call_later(bar.show, list(self._notifications))
        with contextlib.suppress(NoMatches):
            self.call_later(screen.get_child_by_type(ToastRack).show, Notifications())

    def action_messages(self) -> None:
        from .screens.messages import MessagesScreen

        if not isinstance(self.screen, MessagesScreen):
            self.push_screen(MessagesScreen(list(self.message_history), self.lang))

    @property
    def model_unit(self) -> str | None:
        """The model commune of the year on screen."""
        return self.session.model_unit

    def push_screen(self, screen, *args, **kwargs):  # type: ignore[override]
        """A review screen is given the session before it is shown."""
        if isinstance(screen, ReviewScreen) and screen.session is None:
            screen.bind(self.session)
        return super().push_screen(screen, *args, **kwargs)

    def install_screen(self, screen, name: str):  # type: ignore[override]
        if isinstance(screen, ReviewScreen) and screen.session is None:
            screen.bind(self.session)
        return super().install_screen(screen, name)

    # -- start-up -----------------------------------------------------------------------
    def on_mount(self) -> None:
        self.set_keymap(keymap_from_config({"keys": dict(self.config.keys)}))
        if self.config.money_unit in MONEY_UNITS:
            self.money_unit = self.config.money_unit
        self.push_screen(OverviewScreen())
        self.open_store()
        self.set_interval(self.watch_interval, self._watch_file)
        # Polls the SQLite store; a PostgreSQL store pushes events (LISTEN/NOTIFY), and
        # the poll then only runs when told.
        self.set_interval(self.watch_interval, self._poll_reviews_if_needed)
        if self.config_problem:
            self.notify(self.config_problem.message(self.lang), severity="warning")

    async def on_event(self, event: events.Event) -> None:
        """While a rebuilt file is reopened (a second or so) there is no data to act on:
        keys for the screens are refused with one message instead of reaching code that
        needs the data. Typing into a field (a note, a reason, a filter) goes on: nothing
        there needs the data, and saving waits for it (when_open)."""
        if (
            self.reopening
            and isinstance(event, events.Key)
            and not event.is_forwarded
            and event.key != "ctrl+c"
            and not isinstance(self.focused, Input)
        ):
            if not self._told_reopening:
                self._told_reopening = True
                self.notify(t("key_during_reopen", self.lang), severity="warning", timeout=4)
            return
        await super().on_event(event)

    def _reload_screen(self) -> None:
        screen = self.screen
        if hasattr(screen, "reload"):
            screen.reload()

    # -- shared state for screens -------------------------------------------------------
    def flash(self, message: str) -> None:
        """Say in the status line, for FLASH_SECONDS, what was just recorded (the reload
        that follows a save redraws the status line through status_text)."""
        from .core.safe import safe

        self.session.flash_note = (safe(message), time.monotonic() + FLASH_SECONDS)
        if self._flash_timer is not None:
            self._flash_timer.stop()
        self._flash_timer = self.set_timer(FLASH_SECONDS, self._flash_over)

    def _flash_over(self) -> None:
        self.session.flash_note = None
        self._flash_timer = None
        self.generation += 1  # screens underneath redraw their status line on return
        self._reload_screen()

    def one_line(self, template: str, title: str, **params) -> str:
        """A status-line message with a finding's title cut (ending in "…") so the whole
        line fits the terminal's width."""
        width = self.size.width - 2  # the status line's padding
        room = width - cell_len(tr(template, self.lang, title="", **params))
        return tr(template, self.lang, title=_short(title, max(room, 12)), **params)

    def status_text(self, where: str) -> StatusText | Text:
        return self.session.status_text(where)

    def decision_label(self, decision: str | None, *, dim_none: bool = False) -> Text:
        return self.session.decision_label(decision, dim_none=dim_none)

    # -- navigation ---------------------------------------------------------------------
    def open_unit(self, unit_code: str, tab: str = "tab-resolutions") -> None:
        # One unit screen is kept (installed) and refilled for each unit opened: cheaper
        # than composing a new one (bench/national.py). A unit opened from that screen
        # itself (a finding's subject) gets a screen of its own.
        screen = self._unit_screen
        if screen is not None and screen not in self.screen_stack:
            screen.show_unit(unit_code, tab)
        else:
            screen = UnitScreen(unit_code, tab)
            if self._unit_screen is None:
                self._unit_screen = screen
                self.install_screen(screen, "unit")
        self.push_screen(screen)

    def open_resolution(self, resolution_id: str) -> None:
        # Reused like the unit screen (see open_unit); a resolution opened from that
        # screen itself (the provincial resolution a ground cites) gets its own.
        screen = self._resolution_screen
        if screen is not None and screen not in self.screen_stack:
            screen.show_resolution(resolution_id)
        else:
            screen = ResolutionScreen(resolution_id)
            if self._resolution_screen is None:
                self._resolution_screen = screen
                self.install_screen(screen, "resolution")
        self.push_screen(screen)

    def jump_to_finding(self, finding: Finding) -> None:
        if finding.resolution_id:
            self.open_resolution(finding.resolution_id)
        elif finding.entity_kind in ("surplus", "surplus_line"):
            self.open_unit(finding.unit_code, "tab-surplus")
        else:
            self.open_unit(finding.unit_code, "tab-findings")

    # -- actions ------------------------------------------------------------------------
    def action_help_quit(self) -> None:
        """Ctrl+C does not quit (it copies in a text field); say which key does, in the UI
        language (Textual's own toast is English)."""
        quitting = [
            active.binding
            for active in self.active_bindings.values()
            if active.binding.action in ("quit", "app.quit")
        ]
        if not quitting:
            return
        # The reviewer's own quit key (q, or its remapping) before Textual's ctrl+q.
        binding = next((b for b in quitting if not b.key.startswith("ctrl+")), quitting[0])
        self.notify(
            tr("quit_hint", self.lang, quit_key=self.get_key_display(binding)),
            title=tr("quit_hint_title", self.lang),
        )

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen, self.lang))

    def action_back(self) -> None:
        if len(self.screen_stack) > 2 and not isinstance(self.screen, ErrorScreen):
            self.pop_screen()

    def action_open_findings(self) -> None:
        if self.store is not None and not isinstance(self.screen, FindingsScreen):
            self.push_screen(FindingsScreen())

    def action_open_followup(self) -> None:
        if self.store is not None and not isinstance(self.screen, FollowupScreen):
            unit = self.screen.unit_code if isinstance(self.screen, UnitScreen) else None
            self.push_screen(FollowupScreen(unit))

    def action_next_year(self) -> None:
        if len(self.years) > 1:
            index = self.years.index(self.year) if self.year in self.years else 0
            self.year = self.years[(index + 1) % len(self.years)]
            self.generation += 1
            self._reload_screen()

    def action_cycle_money_unit(self) -> None:
        self.money_unit = next_money_unit(self.money_unit)
        self.generation += 1
        self._reload_screen()

    def action_detail(self) -> None:
        from .screens.detail import DetailScreen

        if isinstance(self.screen, DetailScreen):
            return
        show = getattr(self.screen, "show_detail", None)
        if show is None:
            self.notify(tr("no_row_selected", self.lang), severity="warning")
            return
        show()

    def action_copy(self) -> None:
        text = getattr(self.screen, "copy_text", lambda: None)()
        if text:
            self.copy_to_clipboard(text)
            self.notify(tr("copied", self.lang))
        else:
            self.notify(tr("nothing_to_copy", self.lang), severity="warning")

    # -- what screens ask (tui/screens/requests.py) ----------------------------------------
    @on(requests.DecisionRequested)
    def _decision_requested(self, request: requests.DecisionRequested) -> None:
        self.decide(request.finding, request.decision, request.seen)

    @on(requests.UndoRequested)
    def _undo_requested(self, _: requests.UndoRequested) -> None:
        self.undo()

    @on(requests.NoteRequested)
    def _note_requested(self, request: requests.NoteRequested) -> None:
        self.note(request.entity, request.finding)

    @on(requests.LogRequested)
    def _log_requested(self, request: requests.LogRequested) -> None:
        self.open_log(request)

    @on(requests.ConcludeRequested)
    def _conclude_requested(self, request: requests.ConcludeRequested) -> None:
        self.conclude(request.unit_code)

    @on(requests.ReopenRequested)
    def _reopen_requested(self, request: requests.ReopenRequested) -> None:
        self.reopen(request.unit_code)

    @on(requests.OpenUnit)
    def _open_unit_requested(self, request: requests.OpenUnit) -> None:
        self.open_unit(request.unit_code, request.tab)

    @on(requests.OpenResolution)
    def _open_resolution_requested(self, request: requests.OpenResolution) -> None:
        self.open_resolution(request.resolution_id)

    @on(requests.JumpToFinding)
    def _jump_requested(self, request: requests.JumpToFinding) -> None:
        self.jump_to_finding(request.finding)

    @on(requests.DetailRequested)
    def _detail_requested(self, _: requests.DetailRequested) -> None:
        self.action_detail()

    @on(requests.RetryOpen)
    def _retry_requested(self, _: requests.RetryOpen) -> None:
        self.retry_open()

    @on(requests.LoadFailed)
    def _load_failed(self, failure: requests.LoadFailed) -> None:
        self.report_error(failure.error)

    def report_error(self, error: BaseException) -> None:
        """The one path of an unexpected error: a data error (a corrupt block met in the
        middle of a query) is said on the error screen; anything else is written to the
        crash log and the app ends (tests see the real exception)."""
        inner = error.error if isinstance(error, WorkerFailed) else error
        if isinstance(inner, NtmError):
            self._open_failed(inner)
            return
        # A worker's error comes wrapped in WorkerFailed: the log keeps the real traceback.
        self.crash_log = write_crash_log(error)
        if self.is_headless:
            super()._handle_exception(error)  # tests must see the real exception
            return
        self._return_code = 1
        self.exit(return_code=1)

    def _handle_exception(self, error: Exception) -> None:
        """Textual's hook for an error outside the screens' workers (the app's own
        workers, a handler): the same path as theirs."""
        self.report_error(error)

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()
        if self.reviews is not None:
            self.reviews.close()


FLASH_SECONDS = 8.0


def _short(text: str, width: int) -> str:
    """A finding's title cut to fit the one confirmation line, ending in "…" when cut."""
    text = " ".join(text.split())
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1).rstrip() + "…"


def run_app(db_path: Path, lang: Lang | str, config: Config | None = None) -> int:
    import sys

    app = NtmReviewApp(db_path, lang, config=config)
    app.run()
    if app.crash_log is not None:
        sys.stderr.write(f"ntm-review: {tr('internal_error', lang, path=app.crash_log)}\n")
    return app.return_code or 0
