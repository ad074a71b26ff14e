"""What every review screen shares: language, money unit, year, and data loading in workers."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, on
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Input
from textual.worker import get_current_worker

from ..core.fmt import money
from ..core.review.tracking import TRACKING_KINDS, describe
from ..core.rules.findings import severity_label
from ..keys import ACTIONS, bindings, localise
from ..report import SEVERITY_MARKS, emphasis, severity_text, tracking_text
from ..text import tr
from ..widgets.paged_table import PagedTable
from . import requests

# The severity column fits its longest label ("● Thông tin") in either language.
SEVERITY_WIDTH = max(
    len(f"{SEVERITY_MARKS[s]} {severity_label(s, lang)}")
    for s in SEVERITY_MARKS
    for lang in ("vi", "en")
)

if TYPE_CHECKING:
    from ..core.lang.language import Lang
    from ..session import Session


class Loaded(Message):
    """A worker's result, applied on the event loop by the screen that asked for it."""

    def __init__(self, apply: Callable[[Any], None], result: Any) -> None:
        super().__init__()
        self.apply = apply
        self.result = result


class ReviewScreen(Screen):
    """A screen whose data comes from the store and is reloaded when the scope changes."""

    HELP_VI = ""
    HELP_EN = ""
    # The decision events of the findings shown (finding key -> Event) as last loaded; None
    # on a screen that shows no decisions. A one-key decision is checked against it.
    loaded_decisions: dict | None = None

    def __init__(self, session: Session | None = None) -> None:
        super().__init__()
        # Handed over by the app before the screen is shown (bind); never looked up.
        self.session: Session = session  # type: ignore[assignment]
        self._generation = -1
        # Screens that size their columns to the terminal keep what they last showed, so
        # a resize lays the tables out again without a new query.
        self.shown: tuple | None = None
        self.shown_width = 0

    def on_resize(self, event: events.Resize) -> None:
        if self.shown is not None and event.size.width != self.shown_width:
            self._show(*self.shown)

    def bind(self, session: Session) -> None:
        """The app's session, given before the screen is first shown."""
        self.session = session

    @property
    def lang(self) -> Lang:
        return self.session.lang

    # -- the one worker pattern ------------------------------------------------------------
    def load_in_worker(
        self,
        fetch: Callable[[], Any],
        apply: Callable[[Any], None],
        *,
        group: str,
        exclusive: bool = True,
    ) -> None:
        """Run fetch() (the queries) in a thread worker and apply(result) on the event
        loop, unless a newer load of the same group superseded it meanwhile. A failure is
        posted to the app (LoadFailed), which shows it: never a traceback."""

        def run() -> None:
            worker = get_current_worker()
            try:
                result = fetch()
            except Exception as error:  # noqa: BLE001 - the app decides what it means
                if not worker.is_cancelled:
                    self.post_message(requests.LoadFailed(error))
                return
            if not worker.is_cancelled:  # a newer request (keystroke, year, unit)
                self.post_message(Loaded(apply, result))

        self.run_worker(run, thread=True, exclusive=exclusive, group=group, exit_on_error=False)

    @on(Loaded)
    def _apply_loaded(self, message: Loaded) -> None:
        message.stop()
        message.apply(message.result)

    def on_mount(self) -> None:
        from ..widgets.message_bar import MessageBar

        localise(self, self.lang)
        self.mount(MessageBar())
        self.refresh_bindings()

    def money(self, amount: int | None) -> str:
        return money(amount, self.session.money_unit)

    def emphasis(self, role: str) -> str:
        """The style of a role (error, warning, info, ok, zero): colour, or under NO_COLOR
        weight and reverse video (tui/report.py EMPHASIS)."""
        return emphasis(role, self.app.no_color)

    def severity_cell(self, severity: str) -> Text:
        return severity_text(severity, self.lang, self.app.no_color)

    def fill_finding_rows(
        self, table, findings: list, decisions: dict, *, empty: str | None = None
    ) -> None:
        """The findings table of the unit and resolution screens: severity, decision,
        message and, when there is room, the short id (F-…, accepted by `decide`)."""
        lang = self.lang
        session = self.session
        with_id = self.size.width >= 100
        table.add_column(tr("col_severity", lang), width=SEVERITY_WIDTH)
        table.add_column(tr("col_decision", lang), width=22)
        table.add_column(
            tr("col_message", lang),
            width=max(self.size.width - SEVERITY_WIDTH - 22 - 9 - (10 if with_id else 0), 24),
        )
        if with_id:  # last, so the first columns read the same at every width
            table.add_column(tr("col_id", lang), width=8)
        if empty is not None:
            table.empty_text = empty
        for f in findings:
            table.add_row(
                self.severity_cell(f.severity),
                session.decision_cell(decisions.get(f.finding_key)),
                Text(f.message(lang), overflow="ellipsis", no_wrap=True),
                *([Text(f.short_id, style="dim")] if with_id else []),
                key=f"finding:{f.finding_key}",
            )

    def findings_have_focus(self) -> bool:
        """True when the focused table lists findings, so that the decision keys act."""
        return False

    def footer_hidden(self) -> set[str]:
        """Actions left out of the footer because they do not act on what has focus (the
        keys still answer, with a sentence); help lists them all."""
        if self.findings_have_focus():
            return set()
        return {
            action.action
            for action in ACTIONS.values()
            if action.footer_group == "footer_decide" or action.binding_id == "unit.conclude"
        }

    def can_go_back(self) -> bool:
        """Whether Esc does something here (the footer dims it otherwise)."""
        return len(self.app.screen_stack) > 2

    def help_text(self) -> str:
        return self.lang.pick(self.HELP_VI, self.HELP_EN)

    def on_screen_resume(self) -> None:
        if self._generation != self.session.generation:
            self.reload()

    def reload(self) -> None:
        """Fetch this screen's data again (in a worker) and redraw it."""
        if self.session.store is None:
            return
        self._generation = self.session.generation
        self.load_data()

    def load_data(self) -> None:
        raise NotImplementedError

    # -- review actions: the app records; screens say what is selected ---------------
    def selected_finding(self):
        return None

    def selected_entity(self) -> tuple[str, str, str] | None:
        """(entity kind, entity id, a label for the prompt) of the selected row."""
        return None

    def log_scope(self) -> dict:
        """What `l` shows when the selected row has nothing of its own."""
        return {}

    def show_detail(self) -> None:
        """The selected row in full (`i`): a finding's history and follow-up are read in a
        worker, then shown; another row from what the table shows."""
        from .detail import DetailScreen

        finding = self.selected_finding()
        if finding is not None:
            lang = self.lang

            def push(extras: tuple[list, object]) -> None:
                sections = self.finding_sections(finding, *extras)
                self.app.push_screen(DetailScreen(finding.message(lang), sections, lang))

            self.load_in_worker(lambda: self._finding_extras(finding), push, group="detail")
            return
        view = self.detail_view()
        if view is None:
            self.notify(tr("no_row_selected", self.lang), severity="warning")
            return
        self.app.push_screen(view)

    def detail_view(self):
        """The whole record of the selected row (a DetailScreen, not of a finding: see
        show_detail), or None without one."""
        from .detail import DetailScreen

        table = self.focused
        if not isinstance(table, DataTable) or table.row_count == 0:
            return None
        cells = table.get_row_at(table.cursor_row)
        labels = [c.label.plain for c in table.ordered_columns]
        sections = [
            (label, cell.plain if isinstance(cell, Text) else str(cell))
            for label, cell in zip(labels, cells, strict=False)
        ]
        title = " · ".join(value for _, value in sections[:2] if value)
        return DetailScreen(title, sections, self.lang)

    def _finding_extras(self, finding) -> tuple[list, object]:
        """(the finding's events, its tracking or None): read in a worker."""
        session = self.session
        events = []
        if session.reviews is not None:
            try:
                events = session.reviews.events(finding_key=finding.finding_key)
            except Exception:  # noqa: BLE001 - a busy store: the rest still shows
                events = []
        tracking = None
        store = session.store
        if store is not None:
            key = finding.finding_key
            try:
                tracked = session.track(
                    store, [(key, finding.rule_id, finding.unit_code, finding.year, False)]
                )
                tracking = tracked[key]
            except Exception:  # noqa: BLE001 - a busy store or a bad NTM_REVIEW_TODAY
                tracking = None
        return events, tracking

    def finding_sections(self, finding, events: list, tracking) -> list[tuple[str, str | Text]]:
        """A finding in full: rule, legal basis by period, explanation, subject, history."""
        from ..core.fmt import vn_date, vn_datetime
        from ..core.rules.engine import rules_by_id
        from ..core.rules.findings import entity_label

        lang = self.lang
        session = self.session
        rule = rules_by_id().get(finding.rule_id)
        sections: list[tuple[str, str | Text]] = [
            (tr("detail_severity", lang), self.severity_cell(finding.severity)),
            (tr("detail_message", lang), finding.message(lang)),
            (
                tr("detail_rule", lang),
                f"{finding.rule_id} — {rule.title(lang)}" if rule else finding.rule_id,
            ),
        ]
        if rule is not None:
            if rule.regime_from or rule.regime_to:
                period = tr(
                    "detail_period_value",
                    lang,
                    start=vn_date(rule.regime_from) if rule.regime_from else "…",
                    end=vn_date(rule.regime_to) if rule.regime_to else "…",
                )
            else:
                period = tr("detail_period_always", lang)
            sections += [
                # The basis of the rule period the finding falls in.
                (tr("detail_basis", lang), finding.legal_basis(lang) or rule.legal_basis(lang)),
                (tr("detail_period", lang), period),
                (tr("detail_explanation", lang), rule.explanation(lang)),
            ]
        subject = (
            f"{entity_label(finding.entity_kind, lang)} {finding.entity_id} · "
            f"{finding.unit_code} {finding.unit_name} · {finding.year or ''}"
        )
        sections.append((tr("detail_subject", lang), subject))
        from ..core.review.sqlite import undo_effects

        history = Text()
        undone = undo_effects(events)
        for event in events:
            if history:
                history.append("\n")
            history.append(f"{vn_datetime(event.created_at)}  {event.reviewer}: ", style="dim")
            if event.kind == "decision":
                history.append_text(session.decision_label(event.previous_decision, dim_none=True))
                history.append(" → ")
                history.append_text(session.decision_label(event.decision))
                if event.reason:
                    history.append(f" — {event.reason}")
            elif event.kind == "undo":
                history.append_text(session.undo_text(undone.get(event.event_id)))
            elif event.kind in TRACKING_KINDS:
                history.append(f"{tr(f'event_{event.kind}', lang)}: {describe(event, lang)}")
            else:
                history.append(f"{tr(f'event_{event.kind}', lang)}: {event.reason}")
        follow = tracking_text(tracking, lang) if tracking is not None else None
        if follow is not None and follow.plain:
            sections.append((tr("detail_follow", lang), follow))
        sections.append(
            (
                tr("detail_history", lang),
                history or Text(tr("detail_no_history", lang), style="dim"),
            )
        )
        sections.append((tr("detail_key", lang), f"{finding.short_id}  {finding.finding_key}"))
        return sections

    def seen_decision(self, finding):
        """The decision event this screen showed on the finding when it last loaded (None:
        it showed none), or False when it shows no decisions (nothing to check against)."""
        if self.loaded_decisions is None:
            return False
        return self.loaded_decisions.get(finding.finding_key)

    def action_decide(self, decision: str) -> None:
        finding = self.selected_finding()
        seen = self.seen_decision(finding) if finding is not None else False
        self.post_message(requests.DecisionRequested(finding, decision, seen))

    def action_undo(self) -> None:
        self.post_message(requests.UndoRequested())

    def action_note(self) -> None:
        self.post_message(requests.NoteRequested(self.selected_entity(), self.selected_finding()))

    def action_log(self) -> None:
        self.post_message(self.log_request())

    def log_request(self) -> requests.LogRequested:
        """What `l` (or the palette's log) shows for what is selected here."""
        return requests.LogRequested(
            self.selected_finding(), self.selected_entity(), self.log_scope()
        )

    def rerender(self) -> None:
        """Redraw from the data already loaded (money unit changed)."""
        self.reload()


class PagedListScreen(ReviewScreen):
    """A screen around one PagedTable: `[`/`]` fetch another page (load_data reads
    self.row_offset), Enter or a click opens the row (action_open_row)."""

    row_offset = 0

    def restart_list(self) -> None:
        """A filter or sort changed: back to the first page, fetched again."""
        self.row_offset = 0
        self.load_data()

    def selected_item(self):
        """What the selected row shows (its "_item"); rows are keyed by their entity."""
        row = self.query_one(PagedTable).selected_row()
        return row.get("_item") if row else None

    def action_open_row(self) -> None:
        raise NotImplementedError

    @on(PagedTable.RowChosen)
    def _row_chosen(self, _: PagedTable.RowChosen) -> None:
        self.action_open_row()

    @on(PagedTable.PageRequested)
    def _page_requested(self, event: PagedTable.PageRequested) -> None:
        self.row_offset = event.offset
        self.load_data()


class FilteredListScreen(PagedListScreen):
    """A list screen with a hidden #filter Input over a PagedTable: `/` shows it, typing
    narrows the list (the screen's load_data reads self.filter_text), Enter returns to the
    list keeping the filter, Esc clears it (from the field or the list) before going back."""

    BINDINGS = bindings("list.clear_filter")

    filter_text = ""

    def action_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.display = True
        field.focus()

    _filter_seq = 0

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        # Debounced by frame, not by a delay: keys that arrive before the next frame is
        # drawn (a fast typist, a paste, keys queued over SSH) make one query, for the
        # text as it then stands; a single key is queried right after it is echoed.
        self.filter_text = event.value
        self._filter_seq += 1
        self.call_after_refresh(self._filter_settled, self._filter_seq)

    def _filter_settled(self, seq: int) -> None:
        if seq == self._filter_seq:  # else a later key's callback follows
            self.restart_list()

    @on(Input.Submitted, "#filter")
    def _filter_done(self, _: Input.Submitted) -> None:
        self.query_one(PagedTable).focus_table()
        self.refresh_bindings()

    def can_go_back(self) -> bool:
        field = self.query_one("#filter", Input)
        return super().can_go_back() or bool(self.filter_text) or field.has_focus

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "clear_filter":
            # Only with a filter to clear: otherwise Esc falls through to "back".
            field = self.query_one("#filter", Input)
            return field.has_focus or bool(self.filter_text)
        return super().check_action(action, parameters)

    def action_clear_filter(self) -> None:
        """Esc clears the filter, from the field or from the list; without one it goes back."""
        field = self.query_one("#filter", Input)
        field.value = ""
        field.display = False
        self.query_one(PagedTable).focus_table()
        if self.filter_text:  # the field was shown but empty: nothing to fetch again
            self.filter_text = ""
            self.restart_list()
        self.refresh_bindings()  # the footer dims esc again on the first screen
