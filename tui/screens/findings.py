"""All findings in scope, filtered by severity, rule and unit; Enter jumps to the subject."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from ..core.data import reads
from ..core.data.reads import RuleCount
from ..core.rules.engine import load_rules
from ..core.rules.findings import Finding, entity_label, severity_label
from ..core.textfold import fold
from ..keys import bindings
from ..text import tr
from ..widgets.footer import Footer
from ..widgets.paged_table import PAGE_SIZE, Column, PagedTable
from . import requests
from .base import SEVERITY_WIDTH, FilteredListScreen

SEVERITY_CYCLE = (None, "error", "warning", "info")


class FindingsScreen(FilteredListScreen):
    HELP_VI = (
        "Danh sách phát hiện của toàn phạm vi trong năm đang xem, lỗi trước. v lọc theo mức, "
        "r lọc theo quy tắc, / lọc theo đơn vị. Enter đi tới nghị quyết, công trình hoặc kết dư "
        "mà phát hiện nói đến."
    )
    HELP_EN = (
        "The findings of the whole scope in the year shown, errors first. v filters by severity, "
        "r by rule, / by unit. Enter jumps to the resolution, work or surplus line the finding is about."
    )
    BINDINGS = bindings(  # in the footer's order: what is left out at 80 columns comes last
        "findings.open",
        "review.needs_correction",
        "review.accept",
        "review.corrected",
        "review.not_applicable",
        "review.undo",
        "findings.severity",
        "findings.rule",
        "findings.filter",
        "review.note",
        "review.log",
    )

    def __init__(self, unit_code: str | None = None, session=None) -> None:
        super().__init__(session)
        self.unit_code = unit_code
        self.severity_index = 0
        self.rule_filter: str | None = None
        self.filter_text = ""
        self.row_offset = 0
        self.findings: list[Finding] = []

    def _columns(self) -> list[Column]:
        lang = self.lang
        return [
            Column("id", tr("col_id", lang), 8, 3),
            Column("severity", tr("col_severity", lang), SEVERITY_WIDTH, 0),
            Column("decision", tr("col_decision", lang), 14, 2),
            Column("unit", tr("col_unit", lang), 16, 1),
            Column("kind", tr("col_category", lang), 12, 7),
            Column("message", tr("col_message", lang), 28, 0, flex=True),
            Column("rule", tr("col_rule", lang), 28, 6),
        ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(tr("loading", self.lang), id="status-line", classes="status", markup=False)
            yield Static("", id="findings-filters", markup=False)
            yield Input(placeholder=tr("filter_placeholder", self.lang), id="filter")
            yield PagedTable(self._columns(), self.lang, id="findings-table")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#filter", Input).display = False
        self.query_one(PagedTable).focus_table()
        self.reload()

    def _rule(self) -> str | None:
        return self.rule_filter

    def _severity(self) -> str | None:
        return SEVERITY_CYCLE[self.severity_index % len(SEVERITY_CYCLE)]

    def load_data(self) -> None:
        session, offset = self.session, self.row_offset
        params = dict(
            year=session.year,
            unit=self.unit_code,
            severity=self._severity(),
            rule=self._rule(),
            unit_filter=fold(self.filter_text),
        )

        def fetch() -> tuple | None:
            store = session.store
            if store is None:
                return None
            findings = reads.read(store, Finding, **params, limit=PAGE_SIZE, offset=offset)
            total = store.scalar("views/findings_count", **params)
            decisions = session.decisions_for([f.finding_key for f in findings])
            return findings, total, offset, decisions

        def apply(result: tuple | None) -> None:
            if result is not None:
                self._show(*result)

        self.load_in_worker(fetch, apply, group="findings")

    def _show(self, findings: list[Finding], total: int, offset: int, decisions: dict) -> None:
        lang = self.lang
        session = self.session
        self.findings = findings
        self.loaded_decisions = decisions
        self.row_offset = offset
        rows = [
            {
                "_key": f.finding_key,
                "_item": f,
                "id": f.short_id,
                "severity": self.severity_cell(f.severity),
                "decision": session.decision_cell(decisions.get(f.finding_key)),
                "unit": f"{f.unit_code} {f.unit_name}",
                "kind": entity_label(f.entity_kind, lang),
                "message": f.message(lang),
                "rule": f.rule_title(lang),
            }
            for f in findings
        ]
        if self.filter_text:
            empty = tr("empty_filter_findings", lang, text=self.filter_text)
        elif self._severity() or self._rule():
            empty = tr("empty_filtered_findings", lang)
        else:
            empty = tr("empty_findings", lang, year=session.year)
        self.query_one(PagedTable).show_page(rows, total, offset, empty=empty)
        all_label = tr("filter_all", lang)
        severity = self._severity()
        rule = self._rule()
        rule_title = next((r.title(lang) for r in load_rules() if r.rule_id == rule), all_label)
        self.query_one("#findings-filters", Static).update(
            tr(
                "findings_filters",
                lang,
                severity=severity_label(severity, lang) if severity else all_label,
                rule=rule_title,
                unit=self.unit_code or (f"“{self.filter_text}”" if self.filter_text else all_label),
                year=session.year,
            )
        )
        status = session.status_text(tr("findings_title", lang))
        self.query_one("#status-line", Static).update(status)
        self.refresh_bindings()

    def action_cycle_severity(self) -> None:
        self.severity_index += 1
        self.restart_list()

    def action_pick_rule(self) -> None:
        """A list of the rules with their titles and counts, typed to narrow (the counts
        are read in a worker)."""
        session = self.session
        params = dict(year=session.year, unit=self.unit_code, severity=self._severity())

        def fetch() -> list[RuleCount] | None:
            store = session.store
            return None if store is None else reads.read(store, RuleCount, **params)

        self.load_in_worker(fetch, self._pick_rule, group="rule-counts")

    def _pick_rule(self, counted: list[RuleCount] | None) -> None:
        from .rule_picker import ALL_RULES, RulePicker

        if counted is None:
            return
        counts = {c.rule_id: c.findings for c in counted}
        rules = sorted(
            ((r.rule_id, r.title(self.lang), counts.get(r.rule_id, 0)) for r in load_rules()),
            key=lambda rule: (-rule[2], rule[1]),
        )

        def chosen(rule_id: str | None) -> None:
            if rule_id is None:
                return
            self.rule_filter = None if rule_id == ALL_RULES else rule_id
            self.restart_list()

        self.app.push_screen(RulePicker(rules, sum(counts.values()), self.lang), chosen)

    def findings_have_focus(self) -> bool:
        return True

    def selected_finding(self) -> Finding | None:
        return self.selected_item()

    def action_open_row(self) -> None:
        finding = self.selected_finding()
        if finding:
            self.post_message(requests.JumpToFinding(finding))

    def selected_entity(self) -> tuple[str, str, str] | None:
        finding = self.selected_finding()
        if finding is None:
            return None
        return (finding.entity_kind, finding.entity_id, finding.message(self.lang))

    def copy_text(self) -> str | None:
        finding = self.selected_finding()
        if finding is None:
            return None
        basis = tr("finding_basis", self.lang, text=finding.legal_basis(self.lang))
        return (
            f"{finding.short_id} [{finding.rule_id}] {finding.unit_code} {finding.unit_name}: "
            f"{finding.message(self.lang)} ({basis})"
        )
