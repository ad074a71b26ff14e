"""Follow-up across rebuilds: every finding as resolved, still open or new, with its decision."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ..core.data import reads
from ..core.errors import NtmError
from ..core.rules.findings import Finding, short_id
from ..core.rules.followup import FollowupItem, followup, has_previous_build, overdue
from ..keys import bindings
from ..text import tr
from ..widgets.footer import Footer
from ..widgets.paged_table import PAGE_SIZE, Column, PagedTable
from . import requests
from .base import SEVERITY_WIDTH, PagedListScreen

STATE_CYCLE = (None, "still_open", "new", "resolved")
STATE_STYLES = {"still_open": "yellow", "new": "bold red", "resolved": "green"}


class FollowupScreen(PagedListScreen):
    HELP_VI = (
        "Theo dõi đến cùng: so với lần dựng dữ liệu trước, mỗi phát hiện là đã hết (dữ liệu mới "
        "không còn), còn tồn tại, hoặc mới phát sinh; kèm quyết định của người rà soát. Dòng "
        "⚠ là phát hiện đã được đánh dấu “Đã khắc phục” nhưng vẫn còn trong dữ liệu. t lọc theo "
        "trạng thái, h chỉ hiện phát hiện quá hạn chưa có bằng chứng (⏰, theo đơn vị và cơ quan "
        "thực hiện), Enter đi tới phát hiện còn tồn tại; i xem cơ quan, hạn, bằng chứng. Mở từ "
        "màn hình một đơn vị: đơn vị đó và các đơn vị đã hợp thành nó, theo từng đơn vị."
    )
    HELP_EN = (
        "Follow-up: compared with the previous build of the data, every finding is resolved (gone "
        "from the new data), still open, or new, with the reviewers' decision. ⚠ marks a finding "
        "marked “Corrected” that still occurs. t filters by state, h shows only the findings "
        "past their deadline without proof (⏰, by unit and owner), Enter jumps to a current "
        "finding; i shows owner, deadline and proof. Opened from a unit's screen: that unit "
        "and the units it was formed from, unit by unit."
    )
    BINDINGS = bindings("followup.state", "followup.overdue", "findings.open", "review.log")

    def __init__(self, unit_code: str | None = None, session=None) -> None:
        super().__init__(session)
        # Opened from a unit's screen: that unit's findings and those of the units it was
        # formed from (a 2026 commune's predecessors), grouped by unit; else every unit.
        self.unit_code = unit_code
        self.state_index = 0
        self.overdue_only = False
        self.items: list[FollowupItem] = []
        self.row_offset = 0
        # The current findings of the page shown, by key (a resolved one has none).
        self.page_findings: dict[str, Finding] = {}

    def _columns(self) -> list[Column]:
        lang = self.lang
        late = self.overdue_only
        return [
            # The unit never gives way: a finding without its commune cannot be followed
            # up. Listing everything at 80 columns: state, decision, unit and message; the
            # due date from about 100, owner and severity last (i shows them). Listing the
            # overdue (h), they read by unit and owner: state, id and decision give way.
            Column("id", tr("col_id", lang), 8, 7 if late else 3),
            Column("state", tr("col_state", lang), 11, 6 if late else 0),
            Column("severity", tr("col_severity", lang), SEVERITY_WIDTH, 4),
            Column("decision", tr("col_decision", lang), 16, 3 if late else 0),
            Column("due", tr("col_due", lang), 18, 0 if late else 1),
            Column("owner", tr("col_owner", lang), 10, 2 if late else 5),
            Column("unit", tr("col_unit", lang), 16, 0),
            Column("message", tr("col_message", lang), 24, 0, flex=True),
        ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(tr("loading", self.lang), id="status-line", classes="status", markup=False)
            yield Static("", id="followup-head", markup=False)
            yield PagedTable(self._columns(), self.lang, id="followup-table")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(PagedTable).focus_table()
        self.reload()

    def load_data(self) -> None:
        session, unit_code, lang = self.session, self.unit_code, self.lang
        state, overdue_only, offset = self._state(), self.overdue_only, self.row_offset

        def fetch() -> tuple | None:
            store = session.store
            if store is None:
                return None
            from ..core.review.tracking import today

            problem = None
            try:
                on = today()
            except NtmError as err:  # a bad NTM_REVIEW_TODAY: said once, the real date used
                problem = err.message(lang)
                on = date.today()
            items = followup(store, session.reviews, unit=unit_code, year=session.year, on=on)
            previous = has_previous_build(store)
            late = overdue(items)
            if overdue_only:
                shown = [i for i in late if state is None or i.state == state]
            else:
                shown = [i for i in items if state is None or i.state == state]
            page = shown[offset : offset + PAGE_SIZE]
            current = [i.finding_key for i in page if i.state != "resolved"]
            findings = reads.findings_by_keys(store, current)
            return problem, items, late, shown, findings, previous, on

        def apply(result: tuple | None) -> None:
            if result is None:
                return
            problem, *shown = result
            if problem is not None:
                self.notify(problem, severity="error")
            self._show(*shown)

        self.load_in_worker(fetch, apply, group="followup")

    def _state(self) -> str | None:
        return STATE_CYCLE[self.state_index % len(STATE_CYCLE)]

    def _show(
        self,
        items: list[FollowupItem],
        late: list[FollowupItem],
        shown: list[FollowupItem],
        findings: dict[str, Finding],
        previous: bool,
        on: date,
    ) -> None:
        from ..core.review.tracking import owner_label, vn_day

        lang = self.lang
        session = self.session
        counts = {s: sum(1 for i in items if i.state == s) for s in STATE_STYLES}
        flagged = sum(1 for i in items if i.corrected_but_present)
        state = self._state()
        self.items = shown
        self.page_findings = findings
        head = tr(
            "followup_head",
            lang,
            still_open=counts["still_open"],
            new=counts["new"],
            resolved=counts["resolved"],
            flagged=flagged,
            state=tr(f"state_{state}", lang) if state else tr("filter_all", lang),
        )
        head += " · " + tr("followup_overdue_head", lang, overdue=len(late), today=vn_day(on))
        if self.overdue_only:
            head += " · " + tr("filter_overdue", lang)
        if not previous:
            head += " · " + tr("followup_no_previous_head", lang)
        if self.unit_code is not None:
            head = tr("followup_unit", lang, unit=self.unit_code) + " · " + head
        self.query_one("#followup-head", Static).update(head)
        status = session.status_text(tr("followup_title", lang))
        self.query_one("#status-line", Static).update(status)
        page = shown[self.row_offset : self.row_offset + PAGE_SIZE]
        rows = []
        for item in page:
            decision = session.decision_label(item.decision, dim_none=True)
            if item.corrected_but_present:
                decision = Text("⚠ ", style=self.emphasis("error")) + decision
            if item.decision and item.decided_by:
                decision.append(f" · {item.decided_by}", style="dim")
            rows.append(
                {
                    "_key": item.finding_key,
                    "_item": item,
                    "id": short_id(item.finding_key),
                    "state": Text(tr(f"state_{item.state}", lang), style=STATE_STYLES[item.state]),
                    "severity": self.severity_cell(item.severity),
                    "decision": decision,
                    "due": self._due_cell(item),
                    "owner": owner_label(item.tracking.owner if item.tracking else "", lang),
                    "unit": f"{item.unit_code} {item.unit_name}",
                    "message": item.message(lang),
                }
            )
        if state:
            empty = tr("empty_followup_state", lang, state=tr(f"state_{state}", lang))
        else:
            empty = tr("empty_followup", lang, year=session.year)
        table = self.query_one(PagedTable)
        table.columns = self._columns()  # h changes which columns give way
        table.show_page(rows, len(shown), self.row_offset, empty=empty)
        self.refresh_bindings()

    def _due_cell(self, item: FollowupItem) -> Text:
        """The due date; ⏰ and the days when overdue; ✔ when proven."""
        from ..core.review.tracking import vn_day

        track = item.tracking
        if track is None:
            return Text("")
        if track.expired:
            return Text(tr("acceptance_expired", self.lang), style="bold yellow")
        if track.overdue:
            return Text(f"⏰ +{track.overdue_days} {vn_day(track.due)}", style="bold red")
        if track.evidence is not None and item.decision == "corrected":
            return Text(f"✔ {vn_day(track.due)}".rstrip(), style="green")
        return Text(vn_day(track.due), style="dim" if track.due is None else "")

    def action_toggle_overdue(self) -> None:
        self.overdue_only = not self.overdue_only
        self.restart_list()

    def action_cycle_state(self) -> None:
        self.state_index += 1
        self.restart_list()

    def _selected_item(self) -> FollowupItem | None:
        return self.selected_item()

    def selected_finding(self) -> Finding | None:
        item = self._selected_item()
        if item is None or item.state == "resolved":
            return None
        return self.page_findings.get(item.finding_key)  # loaded with the page

    def action_open_row(self) -> None:
        finding = self.selected_finding()
        if finding is not None:
            self.post_message(requests.JumpToFinding(finding))

    def action_log(self) -> None:
        item = self._selected_item()
        if item is None:
            return
        from .log import LogScreen

        self.app.push_screen(
            LogScreen(
                finding_key=item.finding_key, subject=item.message(self.lang), session=self.session
            )
        )

    def copy_text(self) -> str | None:
        item = self._selected_item()
        return (
            f"[{item.state}] {item.unit_code} {item.unit_name}: {item.message(self.lang)}"
            if item
            else None
        )
