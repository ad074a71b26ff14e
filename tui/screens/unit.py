"""One unit: its resolutions, works and capital, surplus, findings, and the model comparison."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from ..core.data import reads
from ..core.data.reads import HistoryRow, MixRow, SurplusLine, UnitResolution, UnitWork
from ..core.errors import NtmError
from ..core.fmt import group_thousands
from ..core.rules.bodies import body_for, deployment_body
from ..core.rules.compare import compare_with_model
from ..core.rules.findings import Finding
from ..keys import bindings
from ..text import tr
from ..widgets.bar_chart import BarChart
from ..widgets.footer import Footer
from ..widgets.review_table import ReviewTable
from . import requests
from .base import ReviewScreen
from .unit_tabs import UnitTabs

TABS = (
    "tab-resolutions",
    "tab-works",
    "tab-surplus",
    "tab-findings",
    "tab-compare",
    "tab-history",
)
TAB_TITLES = {pane_id: pane_id.replace("-", "_") for pane_id in TABS}  # i18n keys
TABLE_OF_TAB = {pane_id: pane_id.removeprefix("tab-") for pane_id in TABS}
# The key of the loaded data each tab shows (loaded when the tab is first shown).
TAB_DATA = {
    "tab-resolutions": "resolutions",
    "tab-works": "works",
    "tab-surplus": "surplus",
    "tab-findings": "findings",
    "tab-compare": "compare",
    "tab-history": "history",
}
HEAD_OF_TAB = {
    "tab-findings": "findings-head",  # shown only when the list is cut (UNIT_FINDINGS_LIMIT)
    "tab-surplus": "surplus-head",
    "tab-compare": "compare-head",
    "tab-history": "history-head",
}


def _table(table_id: str) -> DataTable:
    return ReviewTable(id=table_id, cursor_type="row", zebra_stripes=True)


class UnitScreen(UnitTabs, ReviewScreen):
    HELP_VI = (
        "Một đơn vị trong năm đang xem. Các thẻ: nghị quyết; công trình và nguồn vốn (kèm biểu đồ "
        "cơ cấu nguồn vốn); kết dư và các khoản phân bổ; phát hiện; so sánh với xã chuẩn mẫu. "
        "Tab chuyển thẻ, Enter mở nghị quyết hoặc đi tới đối tượng của phát hiện, Esc quay lại."
    )
    HELP_EN = (
        "One unit in the year shown. Tabs: resolutions; works and capital (with the capital-mix "
        "chart); surplus and its allocations; findings; comparison with the model commune. Tab "
        "switches tabs, Enter opens a resolution or jumps to what a finding is about, Esc goes back."
    )
    BINDINGS = bindings(
        "unit.open",
        "unit.next_tab",
        "review.needs_correction",
        "review.accept",
        "review.corrected",
        "review.not_applicable",
        "review.undo",
        "review.note",
        "review.log",
        "unit.conclude",
        "unit.reopen",
    )

    def __init__(self, unit_code: str, tab: str = "tab-resolutions", session=None) -> None:
        super().__init__(session)
        self.unit_code = unit_code
        self.initial_tab = tab
        self.findings: list[Finding] = []
        self.finding_by_key: dict[str, Finding] = {}
        self.resolution_of_row: dict[str, str] = {}
        self.unit_label = unit_code
        self._built: set[str] = set()  # the tabs whose widgets exist
        self._parts_asked: set[str] = set()  # tab data being loaded by _fetch_part

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical():
            yield Static(tr("loading", lang), id="status-line", classes="status", markup=False)
            yield Static("", id="unit-head", classes="head", markup=False)
            with TabbedContent(initial=self.initial_tab, id="unit-tabs"):
                for pane_id in TABS:
                    # Only the tab on screen is built now; the others when first shown.
                    # Composing all six cost most of a drill-down (bench/national.py).
                    content = self._tab_content(pane_id) if pane_id == self.initial_tab else ()
                    if content:
                        self._built.add(pane_id)
                    yield TabPane(tr(TAB_TITLES[pane_id], lang), *content, id=pane_id)
        yield Footer()

    def _tab_content(self, pane_id: str) -> tuple:
        """The widgets of one tab, built when the tab is first shown."""
        lang = self.lang
        table = _table(TABLE_OF_TAB[pane_id])
        if pane_id == "tab-works":
            return (BarChart(tr("unit_mix", lang), id="unit-mix"), table)
        head = HEAD_OF_TAB.get(pane_id)
        if head is None:
            return (table,)
        line = Static("", id=head, markup=False)
        line.display = pane_id != "tab-findings"
        return (line, table)

    def on_mount(self) -> None:
        super().on_mount()
        # Arrow keys should move through rows, not switch tabs: start in the table.
        table = self._active_table()
        if table is not None:
            table.focus()
        self.reload()

    @on(TabbedContent.TabActivated)
    async def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        pane_id = self.query_one(TabbedContent).active
        if pane_id not in self._built:
            self._built.add(pane_id)
            await self.query_one(f"#{pane_id}", TabPane).mount_all(self._tab_content(pane_id))
            if self.shown is not None:
                self._fill_tab(pane_id, *self.shown)
                self._load_missing_parts()
        table = self._active_table()
        if table is not None and not table.has_focus:
            table.focus()

    def show_unit(self, unit_code: str, tab: str) -> None:
        """Make this (already built) screen show another unit, or the same one afresh,
        before it is pushed again: the app reuses one unit screen, since refilling it
        costs less than composing a new one. Nothing of the unit shown before stays on
        screen; the cursor and the scroll start at the top, as on a new screen."""
        self.workers.cancel_group(self, "unit")
        self.workers.cancel_group(self, "unit-part")
        self.workers.cancel_group(self, "detail")
        self.unit_code = unit_code
        self.initial_tab = tab
        self.shown = None
        self.findings = []
        self.finding_by_key = {}
        self.unit_label = unit_code
        self._generation = -1  # reloaded when shown (on_screen_resume)
        self.query_one("#status-line", Static).update(tr("loading", self.lang))
        self.query_one("#unit-head", Static).update("")
        for widget in self.query(Static):
            if widget.id in HEAD_OF_TAB.values():
                widget.update("")
                if widget.id == HEAD_OF_TAB["tab-findings"]:
                    widget.display = False
        for chart in self.query(BarChart):
            chart.set_data([], self.session.money_unit, self.lang)
        for table in self.query(ReviewTable):
            table.clear(columns=True)
            table.scroll_to(0, 0, animate=False, immediate=True)
        self.query_one(TabbedContent).active = tab

    def load_data(self) -> None:
        built = self._built | {self.query_one(TabbedContent).active}
        parts = {TAB_DATA[pane_id] for pane_id in built}
        session, year, code = self.session, self.session.year, self.unit_code

        def fetch() -> tuple[dict, dict] | None:
            """The unit, its findings and what the tabs built so far show. The other
            tabs' data is loaded when the tab is first shown (_fetch_part): at national
            scale the works and the model-commune comparison take most of the query
            time, and loading them for a reviewer who reads the resolutions delayed the
            next screen too."""
            store = session.store
            if store is None:
                return None
            # The unit the code stood for in the year on screen: codes were reused on
            # 01/07/2025 (06709 was Ka Long before Móng Cái 2).
            unit = store.dicts("views/unit_in_year", code=code, year=year) or store.dicts(
                "views/unit", code=code
            )
            listed = reads.unit_findings(store, code, year)
            data = {
                "code": code,
                "unit": unit[0] if unit else None,
                "findings": listed.findings,
                "findings_total": listed.total,
                # Who reviews this unit-year: the body valid on the year's last day the
                # unit existed (core/bodies), never an abolished council.
                "body": body_for(store, code, date(year, 12, 31), deployment_body(session.meta)),
            }
            for part in sorted(parts - {"findings"}):
                data.update(self._load_part(store, part, data["unit"], code, year))
            decisions = session.decisions_for([f.finding_key for f in data["findings"]])
            return data, decisions

        def apply(result: tuple[dict, dict] | None) -> None:
            if result is not None:
                self._show(*result)

        self.load_in_worker(fetch, apply, group="unit")

    def _fetch_part(self, part: str, code: str, unit: dict | None, generation: int) -> None:
        """One tab's data, when the tab is first shown."""
        session, year = self.session, self.session.year

        def fetch() -> dict | None:
            store = session.store
            if store is None:
                return None
            return self._load_part(store, part, unit, code, year)

        def apply(loaded: dict | None) -> None:
            if loaded is not None:
                self._show_part(loaded, code, generation)

        self.load_in_worker(fetch, apply, group="unit-part", exclusive=False)

    def _load_part(self, store, part: str, unit: dict | None, code: str, year: int) -> dict:
        """The rows one tab shows (part is a value of TAB_DATA); runs in a worker."""
        session = self.session
        if part == "resolutions":
            return {"resolutions": reads.read(store, UnitResolution, unit=code, year=year)}
        if part == "works":
            return {
                "works": reads.read(store, UnitWork, unit=code, year=year),
                "mix": reads.read(store, MixRow, unit=code, year=year),
            }
        if part == "surplus":
            return {"surplus": reads.read(store, SurplusLine, unit=code, year=year)}
        if part == "history":
            history = reads.read(store, HistoryRow, code=code, year=year)
            history_keys = {k for row in history for k in row.finding_keys or ()}
            decided = set(session.decisions_for(sorted(history_keys)))
            return {"history": history, "history_decided": decided}
        if part == "compare":
            compare = None
            model = session.model_unit
            if unit and unit["kind"] == "xa" and model and model != code:
                try:
                    compare = compare_with_model(store, model, year, unit_code=code)
                except NtmError as exc:
                    compare = exc
            model_name = (
                (
                    store.dicts("views/unit_in_year", code=model, year=year)
                    or store.dicts("views/unit", code=model)
                    or [{"name": ""}]
                )[0]["name"]
                if model
                else ""
            )
            return {"compare": compare, "model_name": model_name}
        return {}

    def _show_part(self, loaded: dict, code: str, generation: int) -> None:
        """A tab's data arrived: fill the tab, unless the screen moved on meanwhile (another
        unit, or a reload, which brings every built tab's data itself)."""
        if self.shown is None or code != self.unit_code or generation != self._generation:
            return
        data, decisions = self.shown
        data = {**data, **loaded}
        self.shown = (data, decisions)
        for pane_id in TABS:
            if pane_id in self._built and TAB_DATA[pane_id] in loaded:
                self._fill_tab(pane_id, data, decisions)

    def _load_missing_parts(self) -> None:
        """Ask for the data of built tabs that the last load did not bring."""
        if self.shown is None or self.shown[0]["unit"] is None:
            return
        data = self.shown[0]
        for pane_id in TABS:
            part = TAB_DATA[pane_id]
            if pane_id in self._built and part not in data and part not in self._parts_asked:
                self._parts_asked.add(part)
                self._fetch_part(part, self.unit_code, data["unit"], self._generation)

    def _show(self, data: dict, decisions: dict) -> None:
        lang = self.lang
        session = self.session
        if data["code"] != self.unit_code:
            return  # loaded for the unit this screen showed before
        self.shown = (data, decisions)
        self.loaded_decisions = decisions
        self.shown_width = self.size.width
        unit = data["unit"]
        if unit is None:
            self.query_one("#unit-head", Static).update(self.unit_code)
            return
        findings: list[Finding] = data["findings"]
        self.findings = findings
        self.finding_by_key = {f.finding_key: f for f in findings}
        counts = {
            s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")
        }
        self.query_one("#status-line", Static).update(
            session.status_text(f"{unit['code']} {unit['name']}")
        )
        self.unit_label = f"{unit['code']} {unit['name']}"
        self.query_one("#unit-head", Static).update(
            tr(
                "unit_head",
                lang,
                code=unit["code"],
                name=unit["name"],
                kind=tr(f"kind_{unit['kind']}", lang),
                year=session.year,
                errors=counts["error"],
                warnings=counts["warning"],
                infos=counts["info"],
            )
            + (
                " · " + tr("reviewed_by", lang, body=data["body"].label(lang))
                if data["body"]
                else ""
            )
        )
        self._parts_asked = set()
        for pane_id in TABS:
            if pane_id in self._built:
                self._fill_tab(pane_id, data, decisions)
        self._load_missing_parts()
        self.refresh_bindings()

    def _fill_tab(self, pane_id: str, data: dict, decisions: dict) -> None:
        """Fill one built tab from the data loaded (its table keeps its cursor by key)."""
        unit = data["unit"]
        if unit is None or TAB_DATA[pane_id] not in data:
            return  # not loaded yet: the second half of the load fills it
        year = self.session.year
        empty = {
            "tab-resolutions": tr("empty_unit_resolutions", self.lang, year=year),
            "tab-works": tr("empty_unit_works", self.lang, year=year),
        }.get(pane_id)
        with self._table(TABLE_OF_TAB[pane_id]).refill(empty=empty) as table:
            if pane_id == "tab-resolutions":
                self._fill_resolutions(table, data)
            elif pane_id == "tab-works":
                self._fill_works(table, data)
                self.query_one("#unit-mix", BarChart).set_data(
                    [(m.name(self.lang), m.amount) for m in data["mix"]],
                    self.session.money_unit,
                    self.lang,
                    tr("no_capital", self.lang),
                )
            elif pane_id == "tab-surplus":
                self.query_one("#surplus-head", Static).update(self._fill_surplus(table, data))
            elif pane_id == "tab-findings":
                self.fill_finding_rows(
                    table,
                    self.findings,
                    decisions,
                    empty=tr("empty_unit_findings", self.lang, year=year),
                )
                self._show_cut(data)
            elif pane_id == "tab-compare":
                self._show_compare(table, data, unit)
            elif pane_id == "tab-history":
                self._show_history(table, data)

    def _show_cut(self, data: dict) -> None:
        """Says so when the unit has more findings than the list holds."""
        line = self.query_one("#findings-head", Static)
        shown, total = len(data["findings"]), data.get("findings_total", 0)
        cut = total > shown
        line.display = cut
        line.update(
            tr(
                "findings_cut",
                self.lang,
                shown=group_thousands(shown),
                total=group_thousands(total),
            )
            if cut
            else ""
        )

    def _table(self, table_id: str) -> ReviewTable:
        return self.query_one(f"#{table_id}", ReviewTable)

    # -- actions ----------------------------------------------------------------------------
    def _active_table(self) -> DataTable | None:
        """The table of the tab on screen (None while that tab is being built)."""
        pane_id = self.query_one(TabbedContent).active
        if pane_id not in TABLE_OF_TAB:
            return None
        found = self.query(f"#{TABLE_OF_TAB[pane_id]}").results(DataTable)
        return next(found, None)

    def _selected_key(self, table: DataTable) -> str | None:
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value

    def action_next_tab(self) -> None:
        tabs = self.query_one(TabbedContent)
        index = TABS.index(tabs.active) if tabs.active in TABS else 0
        tabs.active = TABS[(index + 1) % len(TABS)]
        table = self._active_table()
        if table is not None:
            table.focus()

    def action_open_row(self) -> None:
        table = self._active_table()
        if table is not None:
            self._open(table, self._selected_key(table))

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._open(event.data_table, event.row_key.value if event.row_key else None)

    def _open(self, table: DataTable, key: str | None) -> None:
        if not key:
            return
        post = self.post_message
        if table.id == "resolutions":
            post(requests.OpenResolution(key))
        elif key.startswith("work:"):
            # project ids are "<resolution id>#ct<n>"
            post(requests.OpenResolution(key.split(":", 1)[1].split("#", 1)[0]))
        elif key.startswith("surplus:"):
            resolution_id = key.split(":")[1]
            if resolution_id:
                post(requests.OpenResolution(resolution_id))
        elif key.startswith("finding:"):
            finding = self.finding_by_key.get(key.split(":", 1)[1])
            if finding is not None:
                post(requests.JumpToFinding(finding))
        elif key.startswith("gap:"):
            post(requests.DetailRequested())
        elif key.startswith("history:"):
            post(requests.OpenResolution(key.split(":", 1)[1]))

    def findings_have_focus(self) -> bool:
        table = self._active_table()
        return table is not None and table.id == "findings"

    def selected_finding(self) -> Finding | None:
        table = self._active_table()
        if table is None or table.id != "findings":
            return None
        key = self._selected_key(table)
        return self.finding_by_key.get(key.split(":", 1)[1]) if key else None

    def selected_entity(self) -> tuple[str, str, str] | None:
        finding = self.selected_finding()
        if finding is not None:
            return (finding.entity_kind, finding.entity_id, finding.message(self.lang))
        table = self._active_table()
        key = self._selected_key(table) if table is not None else None
        label = self.unit_label
        if table is not None and key:
            cells = table.get_row_at(table.cursor_row)
            row_label = " | ".join(c.plain if isinstance(c, Text) else str(c) for c in cells[:3])
            if table.id == "resolutions":
                return ("resolution", key, row_label)
            if key.startswith("work:"):
                return ("project", key.split(":", 1)[1], row_label)
            if key.startswith("surplus:"):
                return ("surplus_line", key.split(":")[2], row_label)
        return ("unit", self.unit_code, label)

    def log_scope(self) -> dict:
        return {"unit_code": self.unit_code}

    def action_conclude(self) -> None:
        self.post_message(requests.ConcludeRequested(self.unit_code))

    def action_reopen(self) -> None:
        self.post_message(requests.ReopenRequested(self.unit_code))

    def copy_text(self) -> str | None:
        finding = self.selected_finding()
        if finding:
            return f"{finding.short_id} [{finding.rule_id}] {finding.message(self.lang)}"
        table = self._active_table()
        if table is None or table.row_count == 0:
            return None
        cells = table.get_row_at(table.cursor_row)
        return " | ".join(c.plain if isinstance(c, Text) else str(c) for c in cells)
