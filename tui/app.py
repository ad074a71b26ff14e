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
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.text import Text
from textual import events, work
from textual.app import App
from textual.color import Color
from textual.filter import LineFilter
from textual.widgets import Input
from textual.worker import WorkerFailed

from .core.config import Config, read_config
from .core.crashlog import write_crash_log
from .core.errors import NtmError
from .core.fmt import MONEY_UNITS, money_unit_label, next_money_unit
from .core.glyphs import ascii_glyphs_wanted, to_ascii
from .core.lang.i18n import t
from .core.rules.compare import model_unit_for
from .core.rules.findings import Finding
from .keys import bindings, keymap_from_config, localise
from .palette import ReviewCommands
from .report import emphasis
from .screens.error import RETRY_SECONDS, ErrorScreen
from .screens.export import ExportChoice
from .screens.findings import FindingsScreen
from .screens.followup import FollowupScreen
from .screens.help import HelpScreen
from .screens.log import LogScreen
from .screens.overview import OverviewScreen
from .screens.prompt import TextPrompt
from .screens.resolution import ResolutionScreen
from .screens.unit import UnitScreen
from .text import tr
from .widgets.status_line import StatusText

if TYPE_CHECKING:
    from .core.data.store import Store

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


DECISION_STYLES = {
    "needs_correction": "bold red",
    "accepted": "yellow",
    "corrected": "green",
    "not_applicable": "dim",
}


def current_login() -> str:
    return pwd.getpwuid(os.geteuid()).pw_name


class NtmReviewApp(App):
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
        lang: str = "vi",
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
        self.lang = lang
        self.money_unit = "dong"
        self.store: Store | None = None
        self.reviews = None
        self.meta: dict[str, str] = {}
        self.years: list[int] = []
        self.year = 0
        self.reviewer = current_login()
        self.generation = 0
        self.watch_interval = watch_interval
        self.crash_log: Path | None = None
        self.review_seq: int | None = None  # None until the first poll
        # This session's last one-key-or-prompt decision (its event and finding): what `u`
        # undoes. Cleared once undone or when it can no longer be undone.
        self.last_decision: tuple | None = None
        # A confirmation shown in the status line (message, monotonic deadline): one line
        # that covers nothing of the list, unlike a toast.
        self._flash: tuple[str, float] | None = None
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
        return model_unit_for(self.meta, self.year)

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

    @work(thread=True, exclusive=True, group="open")
    def open_store(self) -> None:
        # The store and duckdb are imported here, in the worker, so that loading them
        # (a fifth of the start-up imports) runs while Textual draws its first frame.
        from .core.data.store import Store

        try:
            store = Store.open(self.db_path)
            meta = store.meta()
            years = [row[0] for row in store.rows("views/years")]
        except NtmError as err:
            self.call_from_thread(self._open_failed, err)
            return
        self.call_from_thread(self._store_ready, store, meta, years)

    async def on_event(self, event: events.Event) -> None:
        """While a rebuilt file is reopened (a second or so) there is no data to act on:
        keys for the screens are refused with one message instead of reaching code that
        needs the data. Typing into a field (a note, a reason, a filter) goes on: nothing
        there needs the data, and saving waits for it (rows_when_open)."""
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

    def rows_when_open(self, name: str, **params) -> list[tuple] | None:
        """store.rows() for a worker thread, waiting while a rebuilt file is reopened (and
        trying again if the reopen closed the store under it); None if it never opens."""
        for _ in range(3):
            if not self._store_open.wait(60.0):
                return None
            store = self.store
            if store is None:
                continue
            try:
                return store.rows(name, **params)
            except NtmError:
                if self.store is store:
                    raise
        return None

    def _store_ready(self, store: Store, meta: dict, years: list[int]) -> None:
        old = self.store
        self.store = store
        self._store_open.set()
        self.meta = meta
        self.years = years or [2023]
        default = (
            int(meta["default_year"]) if meta.get("default_year", "").isdigit() else self.years[0]
        )
        if self.year not in self.years:
            self.year = default if default in self.years else self.years[0]
        self._open_reviews()
        if old is not None:
            old.close()
        if isinstance(self.screen, ErrorScreen):
            self.pop_screen()
        self.generation += 1
        self._reload_screen()
        self.reopening = False

    def _open_reviews(self) -> None:
        if self.reviews is not None:
            return
        from .core.review.service import open_review_store
        from .core.review.sqlite import ReviewError

        try:
            # The reviewers file (if any) limits which units this login may decide on.
            self.reviews = open_review_store(self.db_path)
        except ReviewError as err:
            if err.key != "store_unwritable":
                self.notify(err.message(self.lang), severity="error", timeout=10)
                return
            # Group read but no write: every decision is still shown; saving says why not.
            from .core.review.service import existing_review_store

            try:
                self.reviews = existing_review_store(self.db_path)
            except ReviewError:
                self.reviews = None
            if self.reviews is None:
                self.notify(err.message(self.lang), severity="error", timeout=10)
                return
            self.notify(
                ReviewError("store_read_only", path=self.reviews.location).message(self.lang),
                severity="warning",
                timeout=10,
            )
        try:
            self.review_seq = self.reviews.last_seq()
        except ReviewError as err:
            self.notify(err.message(self.lang), severity="error", timeout=10)
        if self.reviews.engine == "postgresql":
            # The server says who the reviewer is (peer authentication), not this login.
            self.reviewer = self.reviews.reviewer
        if self.reviews.pushes_events:
            self.reviews.subscribe(self._review_event_pushed)
        self._check_chain()

    def _review_event_pushed(self) -> None:
        """From the store's listener thread: another session committed an event."""
        with contextlib.suppress(Exception):  # the app may be closing
            self.call_from_thread(self._poll_reviews)

    @work(thread=True, group="chain")
    def _check_chain(self) -> None:
        """Walk the log's hash chain once per session; warn when it is broken."""
        reviews = self.reviews
        if reviews is None:
            return
        from .core.review.sqlite import ReviewError

        try:
            report = reviews.verify_chain()
        except ReviewError:
            return
        if report.chained and report.broken_seq is not None:
            message = tr("chain_broken_banner", self.lang, seq=report.broken_seq)
            self.call_from_thread(self.notify, message, severity="error", timeout=3600)

    def _open_failed(self, err: NtmError) -> None:
        self.reopening = False
        from .core.data.store import LockedDatabase

        retrying = isinstance(err, LockedDatabase) or err.key == "db_locked_unknown"
        if isinstance(self.screen, ErrorScreen):
            self.screen.error = err
            self.screen.refresh(recompose=True)
        else:
            self.push_screen(ErrorScreen(err, self.lang, retrying))
        if retrying:
            self.set_timer(RETRY_SECONDS, self.open_store)

    def retry_open(self) -> None:
        self.open_store()

    async def _watch_file(self) -> None:
        store = self.store
        if store is None or not store.is_replaced():
            return
        # DuckDB keeps one database instance per path in a process: while the old
        # connection is open, connecting to the same path again returns the *old* file.
        # Detach the old store so no new query starts on it, let the queries already
        # running finish, close it, and only then open the new file.
        self.reopening = True
        self._told_reopening = False
        self._store_open.clear()
        self.store = None
        for worker in [w for w in self.workers if w.is_running and w.group not in ("open", "save")]:
            with contextlib.suppress(Exception):
                await worker.wait()
        store.close()
        self.notify(tr("data_reloaded", self.lang))
        self.open_store()

    def _reload_screen(self) -> None:
        screen = self.screen
        if hasattr(screen, "reload"):
            screen.reload()

    # -- shared state for screens -------------------------------------------------------
    def flash(self, message: str) -> None:
        """Say in the status line, for FLASH_SECONDS, what was just recorded (the reload
        that follows a save redraws the status line through status_text)."""
        from .core.safe import safe

        self._flash = (safe(message), time.monotonic() + FLASH_SECONDS)
        if self._flash_timer is not None:
            self._flash_timer.stop()
        self._flash_timer = self.set_timer(FLASH_SECONDS, self._flash_over)

    def _flash_over(self) -> None:
        self._flash = None
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
        """The status line: fitted when drawn, so the reviewer's login always shows; for
        FLASH_SECONDS after a decision, what was recorded on which finding instead."""
        if self._flash is not None and time.monotonic() < self._flash[1]:
            return Text(self._flash[0], style="bold", no_wrap=True, overflow="ellipsis")
        demo = (
            self.meta.get("dataset_kind") == "demo"
            or self.meta.get("demo_data_remaining") == "true"
        )
        unit = money_unit_label(self.money_unit, self.lang)
        return StatusText(
            badge=tr("demo_badge", self.lang) if demo else "",
            where=where,
            year=f"{tr('year', self.lang)} {self.year}",
            money=f"{tr('money_unit', self.lang)}: {unit}",
            money_short=unit,
            reviewer=f"{tr('reviewer', self.lang)}: {self.reviewer}",
            reviewer_short=self.reviewer,
        )

    def decisions_for(self, finding_keys: list[str]) -> dict:
        if self.reviews is None or not finding_keys:
            return {}
        try:
            return self.reviews.current_decisions(finding_keys)
        except Exception:  # noqa: BLE001 - a review-store hiccup must not blank the screen
            return {}

    def decision_label(self, decision: str | None, *, dim_none: bool = False) -> Text:
        if decision is None:
            return Text("·" if dim_none else "", style="dim")
        from .core.review.sqlite import DECISION_LABELS

        label = DECISION_LABELS["en" if self.lang == "en" else "vi"][decision]
        return Text(label, style=self.decision_style(decision))

    def decision_style(self, decision: str) -> str:
        if decision == "needs_correction":
            return emphasis("error", self.no_color)  # bold reverse under NO_COLOR
        return DECISION_STYLES.get(decision, "")

    def decision_cell(self, event, *, who: bool = True) -> Text:
        """A finding's decision as a list shows it, with who decided (other reviewers'
        work is visible at a glance)."""
        if event is None:
            return Text("·", style="dim")
        from .core.review.sqlite import DECISION_LABELS

        label = DECISION_LABELS["en" if self.lang == "en" else "vi"][event.decision]
        if event.decision == "corrected":
            # Shown only for findings that still occur: marked corrected, yet still there.
            cell = Text(f"⚠ {label}", style=emphasis("error", self.no_color))
        else:
            cell = Text(label, style=self.decision_style(event.decision))
        if who and event.reviewer:
            cell.append(f" · {event.reviewer}", style="dim")
        return cell

    def progress_for(
        self, unit_codes: list[str], year: int
    ) -> dict[str, tuple[int, int, bool, int]]:
        """unit → (decided, all findings, review concluded, overdue without proof)."""
        store = self.store  # a reopen may set self.store to None meanwhile
        if store is None or not unit_codes:
            return {}
        keys_by_unit: dict[str, list[str]] = {}
        for unit_code, key in store.rows(
            "views/finding_keys_for_units", units=unit_codes, year=year
        ):
            keys_by_unit.setdefault(unit_code, []).append(key)
        all_keys = [k for keys in keys_by_unit.values() for k in keys]
        decided = self.decisions_for(all_keys)
        concluded: set[str] = set()
        if self.reviews is not None:
            try:
                concluded = self.reviews.concluded_units(year)
            except Exception:  # noqa: BLE001
                concluded = set()
        late: set[str] = set()
        if self.reviews is not None and all_keys:
            from .core.review.service import track_findings

            try:
                tracked = track_findings(
                    store,
                    self.reviews,
                    (
                        (k, k.split("|", 1)[0], code, year, False)
                        for code, keys in keys_by_unit.items()
                        for k in keys
                    ),
                )
                late = {k for k, item in tracked.items() if item.overdue}
            except Exception:  # noqa: BLE001 - a review-store hiccup must not blank the screen
                late = set()
        result = {}
        for code in unit_codes:
            keys = keys_by_unit.get(code, [])
            result[code] = (
                sum(1 for k in keys if k in decided),
                len(keys),
                code in concluded,
                sum(1 for k in keys if k in late),
            )
        return result

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

    def export_dir(self) -> Path:
        return self.config.export_dir or Path.cwd()

    def action_export(self) -> None:
        if self.store is None:
            return
        unit_code = getattr(self.screen, "unit_code", None)
        if unit_code:
            scope = tr("export_scope_unit", self.lang, unit=unit_code, year=self.year)
        else:
            scope = tr("export_scope_all", self.lang, year=self.year)

        def chosen(choice: str | None) -> None:
            if choice:
                self._export(choice, unit_code, self.year)

        self.push_screen(ExportChoice(scope, self.lang, unit_code), chosen)

    @work(thread=True, group="export")
    def _export(self, choice: str, unit_code: str | None, year: int) -> None:
        from datetime import datetime

        from .core.io.export import export_findings
        from .core.io.notice import write_notice

        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        scope = unit_code or "tat-ca"
        folder = self.export_dir()
        try:
            if choice.startswith("notice"):
                fmt = choice.split("-", 1)[1]
                out = folder / f"thong-bao-ket-luan-{scope}-{year}-{stamp}.{fmt}"
                written = write_notice(
                    self.store, self.reviews, unit_code, year, out, fmt=fmt, lang=self.lang
                )
            else:
                suffix = {"xlsx": ".xlsx", "csv": "/", "md": ".md", "import-xlsx": ".xlsx"}[choice]
                name = "du-lieu" if choice == "import-xlsx" else "phat-hien"
                out = folder / f"ntm-review-{name}-{scope}-{year}-{stamp}"
                target = Path(f"{out}{suffix}") if suffix != "/" else out
                if suffix == "/":
                    target.mkdir(parents=True, exist_ok=True)
                written = export_findings(
                    self.store,
                    self.reviews,
                    choice,
                    target,
                    unit=unit_code,
                    year=year if choice != "import-xlsx" else None,
                    lang=self.lang,
                )
        except NtmError as err:
            self.call_from_thread(self.notify, err.message(self.lang), severity="error", timeout=10)
            return
        self.call_from_thread(self.notify, tr("export_done", self.lang, path=written), timeout=15)

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
        build = getattr(self.screen, "detail_view", None)
        view = build() if build is not None else None
        if view is None:
            self.notify(tr("no_row_selected", self.lang), severity="warning")
            return
        self.push_screen(view)

    def action_copy(self) -> None:
        text = getattr(self.screen, "copy_text", lambda: None)()
        if text:
            self.copy_to_clipboard(text)
            self.notify(tr("copied", self.lang))
        else:
            self.notify(tr("nothing_to_copy", self.lang), severity="warning")

    # -- review: decisions, notes, log, conclusion ------------------------------------
    def _poll_reviews_if_needed(self) -> None:
        if self.reviews is not None and not self.reviews.pushes_events:
            self._poll_reviews()

    def _poll_reviews(self) -> None:
        """Other reviewers' decisions show up within a couple of seconds, without restarting."""
        if self.reviews is None:
            return
        try:
            seq = self.reviews.last_seq()
        except Exception:  # noqa: BLE001 - a busy store is retried at the next tick
            return
        if seq != self.review_seq:
            first = self.review_seq is None
            previous, self.review_seq = self.review_seq, seq
            if not first:
                self._announce_change_under_cursor(previous)
                self.generation += 1
                self._reload_screen()

    def _announce_change_under_cursor(self, after_seq: int) -> None:
        """One line when someone else decided (or noted) the finding under the cursor."""
        if not self.screen_stack:  # shutting down
            return
        selected = getattr(self.screen, "selected_finding", lambda: None)()
        if selected is None:
            return
        try:
            events = self.reviews.events_after(after_seq)
        except Exception:  # noqa: BLE001 - a busy store: the refill still shows it
            return
        mine = self.reviews.reviewer
        for event in events:
            if event.finding_key != selected.finding_key or event.reviewer == mine:
                continue
            if event.kind == "decision":
                what = self.decision_label(event.decision).plain
            else:
                what = tr(f"event_{event.kind}", self.lang)
            self.notify(tr("changed_under_cursor", self.lang, who=event.reviewer, what=what))

    def _need_reviews(self) -> bool:
        if self.reviews is None:
            self.notify(tr("review_unavailable", self.lang), severity="error")
            return False
        return True

    def decide(self, screen, decision: str) -> None:
        from .core.review.sqlite import REASON_REQUIRED

        finding = screen.selected_finding()
        if finding is None:
            self.notify(tr("no_finding_selected", self.lang), severity="warning")
            return
        if not self._need_reviews():
            return
        if decision in REASON_REQUIRED or decision == "corrected":
            from .core.review.service import current_decision
            from .screens.two_field_prompt import TwoFieldPrompt

            # What the reviewer sees now; checked again when the reason is submitted.
            try:
                seen = current_decision(self.reviews, finding.finding_key)
            except Exception:  # noqa: BLE001 - a busy store: treated as "no decision seen"
                seen = None
            lang = self.lang
            if decision == "corrected":
                # Marking corrected asks for the proof (issue 17); a file is optional.
                def save_proof(answer: tuple[str, str] | None) -> None:
                    if answer is not None:
                        self._save_decision(finding, decision, "", seen, proof=answer)

                prompt = TwoFieldPrompt(
                    tr("proof_for", lang),
                    finding.message(lang),
                    tr("proof_file_label", lang),
                    lang,
                    first_placeholder=tr("proof_placeholder", lang),
                )
                self.push_screen(prompt, save_proof)
                return
            title = tr("reason_for", lang, decision=self.decision_label(decision).plain)

            def check(_: str, until: str) -> str | None:
                return self._until_problem(until)

            def save(answer: tuple[str, str] | None) -> None:
                if answer is not None:
                    reason, until = answer
                    self._save_decision(finding, decision, reason, seen, until=until)

            prompt = TwoFieldPrompt(
                title, finding.message(lang), tr("until_label", lang), lang, check=check
            )
            self.push_screen(prompt, save)
        else:
            # One key records at once: against what the screen showed when it last loaded,
            # so another reviewer's decision since is never overwritten without a word.
            self._save_decision(finding, decision, "", screen.seen_decision(finding), by_key=True)

    def _until_problem(self, text: str) -> str | None:
        """One sentence when an acceptance's end date is not a date after today."""
        from .core.review.sqlite import ReviewError
        from .core.review.tracking import parse_day, today, vn_day

        if not text:
            return None
        until = parse_day(text)
        if until is None:
            return t("bad_day", self.lang, value=text)
        try:
            now = today()
        except NtmError as err:
            return err.message(self.lang)
        if until <= now:
            return ReviewError("until_in_past", until=vn_day(until), today=vn_day(now)).message(
                self.lang
            )
        return None

    @work(thread=True, group="save")
    def _save_decision(
        self,
        finding: Finding,
        decision: str,
        reason: str,
        seen=False,
        *,
        by_key: bool = False,
        until: str = "",
        proof: tuple[str, str] | None = None,
    ) -> None:
        """Record through the one write path (core.reviewing). seen: the decision event the
        reviewer saw (None: no decision), or False for no check; checked under the store's
        write lock, so a decision recorded meanwhile by someone else is asked about.
        until: an acceptance's end date as typed; proof: (resolution or document, file)."""
        from .core.review.service import (
            build_proof,
            current_decision,
            record_correction,
            record_finding_decision,
        )
        from .core.review.sqlite import ReviewError
        from .core.review.tracking import parse_day, parse_proof

        store = self.store
        if store is None:  # the data is being reopened after a rebuild
            self.call_from_thread(
                self.notify, tr("review_unavailable", self.lang), severity="error"
            )
            return
        expect = None if seen is False else (seen.seq if seen is not None else 0)
        refused: ReviewError | None = None
        try:
            evidence = None
            if proof is not None:
                number, day, document = parse_proof(proof[0])
                evidence = build_proof(
                    self.db_path,
                    store,
                    finding.unit_code,
                    resolution_number=number,
                    resolution_date=day,
                    document=document,
                    file=proof[1] or None,
                )
            for _ in range(3):
                try:
                    if evidence is not None:
                        event = record_correction(
                            self.reviews, store, finding.finding_key, evidence, expect_seq=expect
                        )
                    else:
                        event = record_finding_decision(
                            self.reviews,
                            store,
                            finding.finding_key,
                            decision,
                            reason=reason,
                            expect_seq=expect,
                            until=parse_day(until) if until else None,
                        )
                    break
                except ReviewError as err:
                    if err.key != "decision_changed":
                        raise
                    refused = err
                    changed = current_decision(self.reviews, finding.finding_key)
                    if changed is None or changed.reviewer == self.reviews.reviewer:
                        # This reviewer's own save landed after the screen loaded (or the
                        # decision seen was withdrawn): nobody else's work is at stake.
                        expect = changed.seq if changed is not None else 0
                        continue
                    self.call_from_thread(
                        self._confirm_overwrite,
                        finding,
                        decision,
                        reason,
                        seen,
                        changed,
                        {"by_key": by_key, "until": until, "proof": proof},
                    )
                    return
            else:  # this reviewer's other sessions kept deciding it: say what is there now
                assert refused is not None
                raise refused
        except (ReviewError, NtmError) as err:
            self.call_from_thread(self.notify, err.message(self.lang), severity="error", timeout=8)
            return
        self.call_from_thread(self._decision_recorded, event, finding)

    def _decision_recorded(self, event, finding: Finding) -> None:
        """One line: what was recorded on which finding, and that `u` undoes it."""
        self.last_decision = (event, finding)
        message = self.one_line(
            "decision_saved_on",
            finding.message(self.lang),
            decision=self.decision_label(event.decision).plain,
            id=finding.short_id,
        )
        self._saved(message, flash=True)

    def _confirm_overwrite(
        self, finding: Finding, decision: str, reason: str, seen, changed, extra=None
    ):
        """Another reviewer decided this finding since the reviewer saw it (while the reason
        prompt was open, or since the screen loaded): say who and what, and record only if
        the reviewer says so. extra: the save's keyword arguments (by_key, until, proof)."""
        extra = extra or {}
        by_key = extra.get("by_key", False)
        from .core.fmt import vn_datetime
        from .screens.confirm import ConfirmPrompt

        lang = self.lang
        now = self.decision_label(changed.decision).plain
        question = tr(
            "midair_question_key" if by_key else "midair_question",
            lang,
            who=changed.reviewer,
            now=now,
            when=vn_datetime(changed.created_at),
            seen=self.decision_label(seen.decision).plain if seen else tr("no_decision_yet", lang),
            mine=self.decision_label(decision).plain,
        )

        def answered(yes: bool | None) -> None:
            if yes:
                # Checked again against what the reviewer has now seen.
                self._save_decision(finding, decision, reason, changed, **extra)
            else:
                self.notify(tr("midair_kept", lang, now=now, who=changed.reviewer))

        title = tr("midair_title_key" if by_key else "midair_title", lang)
        self.push_screen(ConfirmPrompt(title, question, lang), answered)

    def undo(self) -> None:
        """`u`: withdraw this session's last decision with an undo event."""
        from .core.review.sqlite import ReviewError

        if not self._need_reviews():
            return
        if self.last_decision is None:
            self.notify(ReviewError("undo_nothing").message(self.lang), severity="warning")
            return
        self._undo(*self.last_decision)

    @work(thread=True, group="save")
    def _undo(self, event, finding: Finding) -> None:
        from .core.review.service import current_decision
        from .core.review.sqlite import ReviewError

        try:
            self.reviews.undo_decision(event.event_id)
            now = current_decision(self.reviews, finding.finding_key)
        except ReviewError as err:
            if err.key in ("undo_superseded", "undo_done_already", "undo_not_own"):
                self.call_from_thread(setattr, self, "last_decision", None)
            self.call_from_thread(self.notify, err.message(self.lang), severity="error", timeout=8)
            return
        now_label = (
            self.decision_label(now.decision).plain if now else tr("no_decision_yet", self.lang)
        )
        self.call_from_thread(self._undone, event, finding, now_label)

    def _undone(self, event, finding: Finding, now_label: str) -> None:
        self.last_decision = None
        message = self.one_line(
            "decision_undone",
            finding.message(self.lang),
            withdrawn=self.decision_label(event.decision).plain,
            id=finding.short_id,
            now=now_label,
        )
        self._saved(message, flash=True)

    def undo_text(self, effect) -> Text:
        """An undo event in the log: the decision withdrawn → the one in force again."""
        text = Text(f"{tr('event_undo', self.lang)}: ", style="cyan")
        if effect is None or effect.withdrawn is None:
            return text
        withdrawn = self.decision_label(effect.withdrawn.decision)
        withdrawn.stylize("strike")
        text.append_text(withdrawn)
        text.append(" → ")
        text.append_text(self.decision_label(effect.restored, dim_none=True))
        return text

    def _saved(self, message: str, *, flash: bool = False) -> None:
        if flash:
            self.flash(message)
        else:
            self.notify(message)
        self.review_seq = self.reviews.last_seq() if self.reviews is not None else None
        self.generation += 1
        self._reload_screen()

    def note(self, screen) -> None:
        entity = screen.selected_entity()
        if entity is None:
            self.notify(tr("no_row_selected", self.lang), severity="warning")
            return
        if not self._need_reviews():
            return
        finding = screen.selected_finding()

        def save(text: str | None) -> None:
            if text is not None:
                self._save_note(entity[0], entity[1], finding, text)

        self.push_screen(TextPrompt(tr("note_for", self.lang), entity[2], self.lang), save)

    @work(thread=True, group="save")
    def _save_note(self, kind: str, entity_id: str, finding: Finding | None, text: str) -> None:
        from .core.review.sqlite import ReviewError

        # A rebuilt file may be reopening: wait for it rather than drop the note.
        found = self.rows_when_open("views/entity_key", kind=kind, id=entity_id)
        if not found:
            self.call_from_thread(
                self.notify, t("note_not_saved", self.lang, text=text), severity="error", timeout=30
            )
            return
        natural_key, unit_code, year = found[0]
        try:
            self.reviews.add_note(
                kind,
                natural_key,
                unit_code,
                text,
                finding_key=finding.finding_key if finding else None,
                year=finding.year if finding else year,
            )
        except ReviewError as err:
            self.call_from_thread(self.notify, err.message(self.lang), severity="error", timeout=8)
            return
        self.call_from_thread(self._saved, tr("note_saved", self.lang))

    def show_log(self, screen) -> None:
        if not self._need_reviews():
            return
        finding = screen.selected_finding()
        if finding is not None:
            self.push_screen(
                LogScreen(finding_key=finding.finding_key, subject=finding.message(self.lang))
            )
            return
        entity = screen.selected_entity()
        if entity is not None and entity[0] != "unit":
            self.push_screen(LogScreen(entity=(entity[0], entity[1]), subject=entity[2]))
            return
        scope = screen.log_scope()
        if scope.get("unit_code"):
            self.push_screen(LogScreen(unit_code=scope["unit_code"], subject=scope["unit_code"]))
        else:
            self.push_screen(LogScreen())

    def conclude(self, unit_code: str) -> None:
        """`K`: asks first (Có/Không), then records the conclusion."""
        if not self._need_reviews():
            return
        from .screens.confirm import ConfirmPrompt

        year, lang = self.year, self.lang

        def answered(yes: bool | None) -> None:
            if yes:
                self._conclude(unit_code, year)
            else:
                self.notify(tr("conclude_kept", lang))

        self.push_screen(
            ConfirmPrompt(
                tr("conclude_title", lang, unit=unit_code, year=year),
                tr("conclude_question", lang, unit=unit_code, year=year),
                lang,
            ),
            answered,
        )

    def reopen(self, unit_code: str) -> None:
        """`R`: asks first, then appends a reopen event (the unit is not concluded)."""
        if not self._need_reviews():
            return
        from .screens.confirm import ConfirmPrompt

        year, lang = self.year, self.lang

        def answered(yes: bool | None) -> None:
            if yes:
                self._reopen(unit_code, year)

        self.push_screen(
            ConfirmPrompt(
                tr("reopen_title", lang, unit=unit_code, year=year),
                tr("reopen_question", lang, unit=unit_code, year=year),
                lang,
            ),
            answered,
        )

    @work(thread=True, group="save")
    def _reopen(self, unit_code: str, year: int) -> None:
        from .core.review.sqlite import ReviewError

        try:
            self.reviews.reopen_unit(unit_code, year)
        except ReviewError as err:
            self.call_from_thread(self.notify, err.message(self.lang), severity="error", timeout=8)
            return
        self.call_from_thread(self._saved, tr("reopened", self.lang, unit=unit_code, year=year))

    @work(thread=True, group="save")
    def _conclude(self, unit_code: str, year: int) -> None:
        from .core.review.sqlite import ReviewError

        found = self.rows_when_open("views/unit_finding_keys", unit=unit_code, year=year)
        if found is None:
            self.call_from_thread(
                self.notify, tr("review_unavailable", self.lang), severity="error", timeout=8
            )
            return
        keys = [row[0] for row in found]
        try:
            self.reviews.conclude_unit(unit_code, year, keys)
        except ReviewError as err:
            self.call_from_thread(self.notify, err.message(self.lang), severity="error", timeout=8)
            return
        self.call_from_thread(self._saved, tr("concluded", self.lang, unit=unit_code, year=year))

    def _handle_exception(self, error: Exception) -> None:
        inner = error.error if isinstance(error, WorkerFailed) else error
        if isinstance(inner, NtmError):
            # e.g. a corrupt block met in the middle of a query: say so, do not crash.
            self._open_failed(inner)
            return
        # A worker's error comes wrapped in WorkerFailed: the log keeps the real traceback.
        self.crash_log = write_crash_log(error)
        if self.is_headless:
            super()._handle_exception(error)  # tests must see the real exception
            return
        self._return_code = 1
        self.exit(return_code=1)

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


def run_app(db_path: Path, lang: str, config: Config | None = None) -> int:
    import sys

    app = NtmReviewApp(db_path, lang, config=config)
    app.run()
    if app.crash_log is not None:
        sys.stderr.write(f"ntm-review: {tr('internal_error', lang, path=app.crash_log)}\n")
    return app.return_code or 0
