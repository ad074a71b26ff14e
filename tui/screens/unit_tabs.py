"""How the unit screen fills its tabs from the typed records it loaded: resolutions,
works, surplus, the model-commune comparison and the history across mergers. A mixin
of UnitScreen (tui/screens/unit.py), which loads the data and owns the tabs.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..core.data.reads import HistoryRow
from ..core.errors import NtmError
from ..core.fmt import vn_date
from ..core.rules.compare import dimension_label
from ..text import tr
from ..widgets.review_table import ReviewTable


class UnitTabs:
    def _fill_resolutions(self, table: ReviewTable, data: dict) -> None:
        lang = self.lang
        table.add_columns(
            tr("col_number", lang),
            tr("col_date", lang),
            tr("col_res_kind", lang),
            tr("col_works", lang),
            Text(tr("col_total", lang), justify="right"),
            tr("col_count_findings", lang),
            tr("col_title", lang),
        )
        for r in data["resolutions"]:
            table.add_row(
                r.number,
                vn_date(r.issue_date),
                tr(f"res_kind_{r.kind}", lang),
                str(r.works),
                Text(self.money(r.total_investment), justify="right"),
                Text(str(r.findings), style=self.emphasis("error") if r.findings else "dim"),
                r.title,
                key=r.resolution_id,
            )

    def _fill_works(self, table: ReviewTable, data: dict) -> None:
        lang = self.lang
        table.add_columns(
            tr("col_work", lang),
            tr("col_resolution", lang),
            tr("col_criterion", lang),
            *(
                Text(tr(k, lang), justify="right")
                for k in ("col_total", "col_central", "col_local", "col_community", "col_other")
            ),
            tr("col_count_findings", lang),
        )
        for w in data["works"]:
            amounts = (
                w.total_investment,
                w.capital_central,
                w.capital_local,
                w.capital_community,
                w.capital_other,
            )
            table.add_row(
                w.name,
                w.resolution_number,
                str(w.criterion_code)
                if w.criterion_code is not None
                else Text("—", style=self.emphasis("error")),
                *(Text(self.money(v), justify="right") for v in amounts),
                Text(str(w.findings), style=self.emphasis("error") if w.findings else "dim"),
                key=f"work:{w.project_id}",
            )

    def _fill_surplus(self, table: ReviewTable, data: dict) -> str:
        lang = self.lang
        table.add_columns(
            "#",
            tr("col_category", lang),
            tr("col_item", lang),
            Text(tr("col_amount", lang), justify="right"),
            tr("col_count_findings", lang),
        )
        head = tr("no_surplus", lang)
        seen_surplus = set()
        for s in data["surplus"]:
            if s.surplus_id not in seen_surplus:
                seen_surplus.add(s.surplus_id)
                allocated = sum(
                    x.amount or 0 for x in data["surplus"] if x.surplus_id == s.surplus_id
                )
                head = tr(
                    "surplus_head",
                    lang,
                    fiscal=s.fiscal_year,
                    available=self.money(s.available),
                    settled=vn_date(s.settlement_date),
                    allocated=self.money(allocated),
                    number=s.resolution_number or "—",
                    date=vn_date(s.allocation_date),
                )
            if s.line_id is None:
                continue
            category = lang.pick(s.category_vi, s.category_en)
            field_name = lang.pick(s.field_vi, s.field_en)
            if field_name:
                category = f"{category} · {field_name}"
            table.add_row(
                str(s.line_no),
                category,
                s.label or Text("—", style=self.emphasis("error")),
                Text(
                    self.money(s.amount),
                    justify="right",
                    style="" if s.amount is not None else self.emphasis("error"),
                ),
                Text(str(s.findings), style=self.emphasis("error") if s.findings else "dim"),
                key=f"surplus:{s.resolution_id or ''}:{s.line_id}",
            )
        return head

    def _show_compare(self, table: ReviewTable, data: dict, unit: dict) -> None:
        lang = self.lang
        model_unit = self.session.model_unit
        head = self.query_one("#compare-head", Static)
        comparison = data["compare"]
        if unit["kind"] != "xa":
            head.update(tr("compare_not_commune", lang))
            return
        if unit["code"] == model_unit:
            head.update(tr("compare_is_model", lang))
            return
        if isinstance(comparison, NtmError):
            head.update(comparison.message(lang))
            return
        head.update(tr("compare_head", lang, model=model_unit, name=data["model_name"]))
        table.add_columns(tr("col_dimension", lang), tr("col_missing", lang))
        gaps = comparison[0].gaps if comparison else ()
        if not gaps:
            head.update(tr("compare_nothing", lang, model=model_unit))
        for gap in gaps:
            table.add_row(
                dimension_label(gap.dimension, lang),
                Text(gap.name(lang), style="yellow"),
                key=f"gap:{gap.dimension}:{gap.code}",
            )

    def _show_history(self, table: ReviewTable, data: dict) -> None:
        """Predecessors (or successors) and their resolutions, one group per unit."""
        lang = self.lang
        rows = data["history"]
        self.query_one("#history-head", Static).update("" if rows else tr("history_none", lang))
        if not rows:
            return
        table.add_columns(tr("col_number", lang), tr("col_date", lang), tr("col_title", lang))
        # One group per period: a code may have two (09742 Thọ Lộc, then Tích Lộc).
        groups: dict[tuple, list[HistoryRow]] = {}
        for row in rows:
            groups.setdefault((row.direction, row.code, row.valid_from), []).append(row)
        decided = data["history_decided"]
        for (direction, code, start), members in groups.items():
            first = members[0]
            keys = first.finding_keys or []
            period = tr(
                "history_period",
                lang,
                start=vn_date(first.valid_from, blank="…"),
                end=vn_date(first.valid_to, blank="…"),
            )
            head = tr(
                "history_group",
                lang,
                direction=tr(f"history_{direction}", lang),
                code=code,
                name=first.name,
                kind=tr(f"kind_{first.kind}", lang),
                period=period,
                merge=tr(f"history_{first.merge}", lang),
                resolutions=sum(1 for m in members if m.resolution_id is not None),
                findings=len(keys),
                decided=sum(1 for k in keys if k in decided),
            )
            # The group's line goes in the title column: in the number column it widened
            # that column and pushed the dates off a 120-column screen.
            table.add_row(
                Text(code, style="bold"),
                "",
                Text(head, style="bold"),
                key=f"unit:{direction}:{code}:{start}",
            )
            for m in members:
                if m.resolution_id is None:
                    continue
                table.add_row(
                    f"  {m.number}",
                    vn_date(m.issue_date),
                    Text(
                        f"{m.title} ({m.findings})" if m.findings else m.title,
                        overflow="ellipsis",
                        no_wrap=True,
                    ),
                    key=f"history:{m.resolution_id}",
                )
