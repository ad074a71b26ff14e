"""The overview: one row per unit in scope, sortable, filterable as you type."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Static

from ..core.data import reads
from ..core.data.reads import MixRow, OverviewRow, OverviewTotals
from ..core.fmt import group_thousands
from ..core.textfold import fold
from ..keys import bindings
from ..text import tr
from ..widgets.bar_chart import BarChart
from ..widgets.footer import Footer
from ..widgets.paged_table import PAGE_SIZE, Column, PagedTable
from . import requests
from .base import FilteredListScreen

CHART_MIN_HEIGHT = 32  # terminal lines below which the overview hides its chart

SORT_KEYS = {
    "code": "code",
    "name": "name",
    "kind": "kind",
    "ntm": "resolutions",
    "works": "projects",
    "total": "total_investment",
    "central": "capital_central",
    "local": "capital_local",
    "community": "capital_community",
    "other": "capital_other",
    "surplus": "surplus_available",
    "allocated": "surplus_allocated",
    "findings": "findings",
}


class OverviewScreen(FilteredListScreen):
    HELP_VI = (
        "Tổng quan: mỗi dòng là một đơn vị (xã, phường) trong năm đang xem, với số nghị quyết "
        "nông thôn mới, công trình, tổng mức đầu tư, vốn theo nhóm nguồn, kết dư và số phát hiện "
        "(lỗi·cảnh báo·thông tin). ★ đánh dấu xã chuẩn mẫu. Gõ / để lọc theo tên không cần dấu, "
        "s để sắp xếp, Enter để mở một đơn vị."
    )
    HELP_EN = (
        "Overview: one row per unit (commune or ward) in the year shown, with its NTM resolutions, "
        "works, total investment, capital by source group, surplus and findings "
        "(errors·warnings·info). ★ marks the model commune. Type / to filter by name (accents "
        "optional), s to sort, Enter to open a unit."
    )
    BINDINGS = bindings(
        "overview.open",
        "overview.filter",
        "table.sort",
        "table.sort_reverse",
        "review.note",
        "review.log",
    )

    def __init__(self, session=None) -> None:
        super().__init__(session)
        self.filter_text = ""
        self.sort_column = "code"  # a Column key
        self.descending = False
        self.row_offset = 0
        # The capital mix of the whole scope does not depend on the filter: fetched once
        # per year and data generation, not on every keystroke (bench/national.py).
        self._mix: tuple[tuple[int, int], list] | None = None
        self._mix_drawn: tuple | None = None
        self._status_drawn: object = None
        self._bodies: dict[tuple, str | None] = {}

    def _columns(self) -> list[Column]:
        lang = self.lang
        return [
            Column("code", tr("col_code", lang), 6, 0),
            Column("name", tr("col_name", lang), 16, 0, flex=True),
            Column("kind", tr("col_kind", lang), 7, 3),
            Column("ntm", tr("col_ntm", lang), 8, 2, numeric=True),
            Column("works", tr("col_works", lang), 10, 3, numeric=True),
            Column("total", tr("col_total", lang), 15, 1, numeric=True),
            Column("central", tr("col_central", lang), 13, 5, numeric=True),
            Column("local", tr("col_local", lang), 13, 5, numeric=True),
            Column("community", tr("col_community", lang), 13, 5, numeric=True),
            Column("other", tr("col_other", lang), 13, 6, numeric=True),
            Column("surplus", tr("col_surplus", lang), 13, 4, numeric=True),
            Column("allocated", tr("col_surplus_alloc", lang), 13, 4, numeric=True),
            Column("findings", tr("col_findings", lang), 11, 0, numeric=True),
            Column("progress", tr("col_progress", lang), 10, 1, numeric=True, sortable=False),
        ]

    def compose(self) -> ComposeResult:
        with Vertical(id="overview"):
            yield Static(tr("loading", self.lang), id="status-line", classes="status", markup=False)
            # Who reviews the units of the year on screen (core/bodies), under the title.
            yield Static("", id="overview-body", classes="summary", markup=False)
            yield Input(placeholder=tr("filter_placeholder", self.lang), id="filter")
            yield PagedTable(self._columns(), self.lang, id="units")
            yield Static("", id="summary", classes="summary", markup=False)
            yield BarChart(tr("scope_mix", self.lang), id="scope-mix")
        yield Footer()

    def on_resize(self, event) -> None:
        super().on_resize(event)
        # On a short terminal the unit list comes first: the capital-mix chart (up to 14
        # lines) would leave it a handful of rows. The summary line keeps the totals.
        self.query_one(BarChart).display = event.size.height >= CHART_MIN_HEIGHT

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#filter", Input).display = False
        self.query_one(PagedTable).focus_table()
        self.reload()

    # -- data -------------------------------------------------------------------------
    def _sort_key(self) -> str:
        return SORT_KEYS[self.sort_column]

    def load_data(self) -> None:
        session = self.session
        scope = (session.year, session.generation)
        mix = self._mix[1] if self._mix is not None and self._mix[0] == scope else None
        filter_text, sort, descending = self.filter_text, self._sort_key(), self.descending
        offset, year = self.row_offset, session.year
        bodies = dict(self._bodies)

        def fetch() -> tuple | None:
            store = session.store
            if store is None:
                return None
            params = {"year": year, "filter": fold(filter_text)}
            rows = reads.read(
                store,
                OverviewRow,
                **params,
                sort=sort,
                descending=descending,
                limit=PAGE_SIZE,
                offset=offset,
            )
            totals = reads.read(store, OverviewTotals, **params)[0]
            scoped_mix = mix
            if scoped_mix is None:
                scoped_mix = reads.read(store, MixRow, unit=None, year=year)
            progress = session.progress_for(store, [r.unit_code for r in rows], year)
            body_key = (id(store), year, self.lang)
            body = bodies[body_key] if body_key in bodies else self._year_body(store, year)
            return rows, totals, (scope, scoped_mix), progress, offset, (body_key, body)

        def apply(result: tuple | None) -> None:
            if result is not None:
                *shown, (body_key, body) = result
                self._bodies[body_key] = body
                self._show(*shown, body)

        self.load_in_worker(fetch, apply, group="overview")

    def _year_body(self, store, year: int) -> str | None:
        """Who reviews the year's units; once per file and year (a filter keystroke
        refetches the page, not this: the worker finds it in self._bodies)."""
        from ..core.rules.bodies import deployment_body, year_body_label

        return year_body_label(store, year, self.lang, deployment_body(store.meta()))

    def _show(
        self,
        rows: list[OverviewRow],
        totals: OverviewTotals,
        scoped_mix: tuple,
        progress: dict,
        offset: int,
        body: str | None = None,
    ) -> None:
        lang = self.lang
        session = self.session
        self._mix = scoped_mix
        mix = scoped_mix[1]
        self.query_one("#overview-body", Static).update(
            tr("reviewed_by", lang, body=body) if body else ""
        )
        table_rows = []
        model_unit = session.model_unit
        for r in rows:
            code, name, kind = r.unit_code, r.name, r.kind
            errors, warnings, infos = r.findings_error, r.findings_warning, r.findings_info
            is_model = code == model_unit
            name_cell = Text(name + (" ★" if is_model else ""), style="bold" if is_model else "")
            findings_cell = Text(justify="right")
            zero = self.emphasis("zero")
            findings_cell.append(str(errors), style=self.emphasis("error") if errors else zero)
            findings_cell.append("·", style="dim")
            findings_cell.append(
                str(warnings), style=self.emphasis("warning") if warnings else zero
            )
            findings_cell.append("·", style="dim")
            findings_cell.append(str(infos), style=self.emphasis("info") if infos else zero)
            decided, all_findings, complete, late = progress.get(
                code, (0, errors + warnings + infos, False, 0)
            )
            progress_cell = Text(
                f"{'✔ ' if complete else ''}{decided}/{all_findings}",
                justify="right",
                style="green" if (complete or all_findings == 0) and not late else "",
            )
            if late:  # findings past their deadline without proof (issue 17)
                progress_cell = (
                    Text(f"⏰{late} ", style="bold red", justify="right") + progress_cell
                )
            table_rows.append(
                {
                    "_key": code,
                    "code": code,
                    "name": name_cell,
                    "kind": tr(f"kind_{kind}", lang),
                    "ntm": str(r.ntm_resolutions),
                    "works": str(r.projects),
                    "total": self.money(r.total_investment),
                    "central": self.money(r.capital_central),
                    "local": self.money(r.capital_local),
                    "community": self.money(r.capital_community),
                    "other": self.money(r.capital_other),
                    "surplus": self.money(r.surplus_available),
                    "allocated": self.money(r.surplus_allocated),
                    "findings": findings_cell,
                    "progress": progress_cell,
                }
            )
        units = totals.units
        sort_label = next(c.label for c in self._columns() if c.key == self.sort_column)
        note = tr("sorted_by", lang, column=sort_label, arrow="↓" if self.descending else "↑")
        if self.filter_text:
            note += " · " + tr("filter_active", lang, text=self.filter_text)
        self.row_offset = offset
        if self.filter_text:
            empty = tr("empty_filter_units", lang, text=self.filter_text)
        else:
            empty = tr("empty_units", lang, year=session.year)
        self.query_one(PagedTable).show_page(table_rows, units, offset, note, empty=empty)
        self.query_one("#summary", Static).update(
            tr(
                "summary_line",
                lang,
                shown=group_thousands(units),
                ntm=group_thousands(totals.ntm_resolutions),
                works=group_thousands(totals.projects),
                total=self.money(totals.total_investment),
                surplus=self.money(totals.surplus_available),
                allocated=self.money(totals.surplus_allocated),
                errors=group_thousands(totals.findings_error),
                warnings=group_thousands(totals.findings_warning),
                infos=group_thousands(totals.findings_info),
            )
        )
        # A keystroke redraws only what it changed: the status line and the chart are
        # left alone when what they show is the same.
        status = session.status_text(tr("overview_title", lang))
        if status != self._status_drawn:  # StatusText and Text compare by content
            self._status_drawn = status
            self.query_one("#status-line", Static).update(status)
        items = [(m.name(lang), m.amount) for m in mix]
        money_unit = session.money_unit
        if (items, money_unit, lang) != self._mix_drawn:
            self._mix_drawn = (items, money_unit, lang)
            self.query_one(BarChart).set_data(items, money_unit, lang, tr("no_capital", lang))

    # -- actions ------------------------------------------------------------------------
    def action_pick_sort(self) -> None:
        """Sort by one of the columns on screen; the current one again reverses the order."""
        from .choice_picker import ChoicePicker

        lang = self.lang
        choices = []
        for column in self.query_one(PagedTable).visible_columns():
            if not column.sortable:
                continue
            label = Text(column.label)
            if column.key == self.sort_column:
                label.append(f"  {'↓' if self.descending else '↑'}", style="bold")
            choices.append((column.key, label))

        def chosen(key: str | None) -> None:
            if key is not None:
                self._sort_by(key)

        self.app.push_screen(
            ChoicePicker(tr("sort_picker_title", lang), choices, self.sort_column, lang), chosen
        )

    def _sort_by(self, key: str) -> None:
        if key == self.sort_column:
            self.descending = not self.descending
        else:
            self.sort_column, self.descending = key, False
        self.restart_list()

    @on(DataTable.HeaderSelected)
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        """A click on a column's header sorts by it (again: reverses)."""
        event.stop()
        if event.column_key.value in SORT_KEYS:
            self._sort_by(event.column_key.value)

    def action_sort_reverse(self) -> None:
        self.descending = not self.descending
        self.restart_list()

    def action_open_row(self) -> None:
        key = self.query_one(PagedTable).selected_key()
        if key:
            self.post_message(requests.OpenUnit(key))

    def selected_entity(self) -> tuple[str, str, str] | None:
        row = self.query_one(PagedTable).selected_row()
        if not row:
            return None
        name = row["name"].plain if isinstance(row["name"], Text) else str(row["name"])
        return ("unit", row["code"], f"{row['code']} {name}")

    def copy_text(self) -> str | None:
        row = self.query_one(PagedTable).selected_row()
        if not row:
            return None
        return (
            f"{row['code']} {row['name'].plain if isinstance(row['name'], Text) else row['name']}"
        )
