"""The audit trail: every decision, note and conclusion, newest first, for a row or the scope."""

from __future__ import annotations

from datetime import datetime

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ..core.data import reads
from ..core.review.sqlite import undo_effects
from ..core.review.tracking import TRACKING_KINDS, describe
from ..text import tr
from ..widgets.footer import Footer
from ..widgets.review_table import ReviewTable
from . import requests
from .base import ReviewScreen

SHOW_AT_MOST = 1000


class LogScreen(ReviewScreen):
    HELP_VI = (
        "Nhật ký thẩm tra: mọi quyết định, ghi chú và kết luận, mới nhất trước, với người rà soát, "
        "thời điểm (kèm múi giờ), trạng thái trước và sau. Nhật ký chỉ được ghi thêm, không sửa, "
        "không xoá."
    )
    HELP_EN = (
        "Audit trail: every decision, note and conclusion, newest first, with the reviewer who recorded it, "
        "when (with time zone), and the state before and after. The log is append-only."
    )

    def __init__(
        self,
        *,
        unit_code: str | None = None,
        entity_key: str | None = None,
        finding_key: str | None = None,
        entity: tuple[str, str] | None = None,
        subject: str = "",
        session=None,
    ) -> None:
        super().__init__(session)
        self.unit_code = unit_code
        self.entity_key = entity_key
        self.finding_key = finding_key
        self.entity = entity  # (kind, id): resolved to its natural key in the worker
        self.subject = subject

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(tr("loading", self.lang), id="status-line", classes="status", markup=False)
            yield Static("", id="log-head", classes="head", markup=False)
            yield ReviewTable(id="log", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.reload()

    def on_data_table_row_selected(self, event) -> None:
        event.stop()
        self.post_message(requests.DetailRequested())  # Enter on an entry: the entry in full

    def load_data(self) -> None:
        session = self.session
        entity, entity_key = self.entity, self.entity_key
        finding_key, unit_code = self.finding_key, self.unit_code

        def fetch() -> tuple[str | None, list]:
            key = entity_key
            store = session.store  # None while a rebuilt file is reopened
            if entity is not None and store is not None:
                found = reads.entity_key(store, entity[0], entity[1])
                # An entity gone from the data has no natural key: show nothing, not all.
                key = found.natural_key if found else f"{entity[0]}:{entity[1]}"
            reviews = session.reviews
            events = []
            if reviews is not None:
                if finding_key:
                    events = reviews.events(finding_key=finding_key)
                elif key:
                    events = reviews.events(entity_key=key)
                else:
                    events = reviews.events(unit_code=unit_code)
            return key, events

        def apply(result: tuple[str | None, list]) -> None:
            key, events = result
            if self.entity is not None and key is not None:
                self.entity_key, self.entity = key, None  # resolved once, on the event loop
            self._show(events)

        self.load_in_worker(fetch, apply, group="log")

    def _show(self, events: list) -> None:
        lang = self.lang
        self.shown = (events,)
        self.shown_width = self.size.width
        status = self.session.status_text(tr("log_title", lang))
        self.query_one("#status-line", Static).update(status)
        newest = list(reversed(events))[:SHOW_AT_MOST]
        head = tr(
            "log_head",
            lang,
            subject=self.subject or tr("log_scope", lang),
            shown=len(newest),
            total=len(events),
        )
        self.query_one("#log-head", Static).update(head)
        with self.query_one("#log", ReviewTable).refill(empty=tr("empty_log", lang)) as table:
            self._fill(table, newest)

    def _fill(self, table: ReviewTable, newest: list) -> None:
        lang = self.lang
        session = self.session
        # The reason (or note) takes the width the other columns leave; `i` shows it whole.
        who_width = min(max([cell_len(e.reviewer) for e in newest] + [8]), 14)
        who_width = max(who_width, cell_len(tr("col_who", lang)))
        fixed = {"col_when": 22, "col_who": who_width, "col_unit": 6}
        left = max(self.size.width - sum(fixed.values()) - 2 * 5 - 2, 26)
        # At 80 columns the reason keeps 16 cells and what was recorded gives way first.
        # 29 cells hold the longest change of decision ("Cần chỉnh sửa → Không áp dụng").
        what_width = min(29, left // 2) if left >= 32 else max(10, left - 16)
        for label, width in fixed.items():
            table.add_column(tr(label, lang), width=width)
        table.add_column(tr("col_what", lang), width=what_width)
        table.add_column(tr("col_reason", lang), width=left - what_width)
        undone = undo_effects(newest)
        for e in newest:
            when = datetime.fromisoformat(e.created_at).strftime("%d/%m/%Y %H:%M %z")
            if e.kind == "decision":
                what = Text()
                what.append_text(session.decision_label(e.previous_decision, dim_none=True))
                what.append(" → ")
                what.append_text(session.decision_cell(e, who=False))
            elif e.kind == "undo":
                what = session.undo_text(undone.get(e.event_id))
            else:
                what = Text(tr(f"event_{e.kind}", lang), style="cyan")
            # An undo's reason holds the id of the decision it withdrew: shown as its number.
            reason = e.reason or ""
            if e.kind == "undo":
                effect = undone.get(e.event_id)
                reason = f"#{effect.withdrawn.seq}" if effect and effect.withdrawn else ""
            if e.kind in TRACKING_KINDS:
                reason = describe(e, lang)  # the payload, readable
            table.add_row(when, e.reviewer, e.unit_code or "", what, reason, key=str(e.seq))
