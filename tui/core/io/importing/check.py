"""Checks across rows and sheets: repeated keys, references to nothing, units that did not
exist on the day, and amounts that cannot be right in the unit they were read in.

They run after every sheet is read, even when some cells were wrong: every problem of a
file is listed at once. Each reports at the row and column of the record concerned.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from ...data.dataset import resolution_key
from ...data.unitmap import UnitCatalogue
from ...fmt import group_thousands, vn_date
from ...textfold import fold
from ..clerk import (
    LINE_MIN_ASSUMED,
    LINE_MIN_STATED,
    SURPLUS_MIN_ASSUMED,
    SURPLUS_MIN_STATED,
    UNIT_RATIO_SLACK,
    WORK_MAX,
    WORK_MIN_ASSUMED,
    WORK_MIN_STATED,
)
from ..layout import BASIS, CAPITAL, RESOLUTIONS, SHEETS, SURPLUS_LINES, SURPLUSES, WORKS
from .choices import fold_cached
from .problems import shown_value
from .reader import FileReader
from .records import Record, SheetData, ref_key


class Checker:
    def __init__(self, reader: FileReader) -> None:
        self.reader = reader

    def sheet(self, key: str) -> SheetData | None:
        data = self.reader.sheets.get(key)
        return data if data is not None and data.usable else None

    def report(self, data: SheetData, rec: Record, field_key: str, key: str, **params: Any) -> None:
        f = data.sheet.field(field_key)
        self.reader.problem(
            rec.grid or data.grid,
            key,
            row=rec.row,
            column=rec.columns.get(field_key),
            header=f.header_vi,
            found=shown_value(rec.values.get(field_key)),
            params=params,
        )

    def unit_dates(self, res: SheetData | None) -> None:
        """A resolution dated on a day its unit did not exist names the unit(s) of that day."""
        catalogue = self.reader.units
        if res is None or not isinstance(catalogue, UnitCatalogue):
            return
        for rec in res.records:
            code, day = rec.values.get("unit_code"), rec.values.get("issue_date")
            if not (code and isinstance(day, date)):
                continue
            gone = catalogue.explain(code, day)
            if gone is None:
                continue
            shown = {"unit": gone["unit"], "day": vn_date(day)}
            if gone["began"] is not None:
                self.report(
                    res,
                    rec,
                    "issue_date",
                    "imp_unit_not_yet",
                    began=vn_date(gone["began"]),
                    **shown,
                )
            elif gone["now"]:
                self.report(
                    res,
                    rec,
                    "issue_date",
                    "imp_unit_ended",
                    ended=vn_date(gone["ended"]),
                    now=gone["now"],
                    **shown,
                )
            else:
                self.report(
                    res,
                    rec,
                    "issue_date",
                    "imp_unit_ended_alone",
                    ended=vn_date(gone["ended"]),
                    **shown,
                )

    def unit_years(self, surpluses: SheetData | None) -> None:
        """A surplus allocated in a year its unit did not exist at all names the units."""
        catalogue = self.reader.units
        if surpluses is None or not isinstance(catalogue, UnitCatalogue):
            return
        for rec in surpluses.records:
            code, year = rec.values.get("unit_code"), rec.values.get("year")
            if not (code and isinstance(year, int)) or code not in catalogue:
                continue
            first, last = date(year, 1, 1), date(year, 12, 31)
            if any(p.overlaps(first, last) for p in catalogue.periods[code]):
                continue
            gone = catalogue.explain(code, first) or catalogue.explain(code, last)
            shown = {"unit": gone["unit"], "day": str(year)}
            if gone["began"] is not None:
                self.report(
                    surpluses,
                    rec,
                    "year",
                    "imp_unit_not_yet",
                    began=vn_date(gone["began"]),
                    **shown,
                )
            elif gone["now"]:
                self.report(
                    surpluses,
                    rec,
                    "year",
                    "imp_unit_ended_year",
                    ended=vn_date(gone["ended"]),
                    now=gone["now"],
                    **shown,
                )
            else:
                self.report(
                    surpluses,
                    rec,
                    "year",
                    "imp_unit_ended_alone",
                    ended=vn_date(gone["ended"]),
                    **shown,
                )

    def unique(
        self,
        data: SheetData | None,
        key_of: Callable[[Record], Any],
        field_key: str,
        what: str | None = None,
    ) -> None:
        """Report every record whose key repeats an earlier record's."""
        if data is None:
            return
        first: dict[Any, int] = {}
        for rec in data.records:
            k = key_of(rec)
            if k is None:
                continue
            if k in first:
                if what is None:
                    self.report(data, rec, field_key, "imp_dup_ref", row=first[k])
                else:
                    self.report(data, rec, field_key, "imp_dup_row", row=first[k], what=(what, {}))
            else:
                first[k] = rec.row

    def exists(
        self,
        child: SheetData | None,
        field_key: str,
        parent_key: str,
        parent_field: str,
        refs: set[str],
    ) -> None:
        if child is None:
            return
        parent = self.reader.sheets.get(parent_key)
        if parent is not None and (not parent.usable or parent_field not in parent.present):
            return  # the parent's own problems are reported; do not repeat them per row
        for rec in child.records:
            value = rec.values.get(field_key)
            if value and ref_key(value) not in refs:
                sheet = next(s for s in SHEETS if s.key == parent_key)
                self.report(
                    child,
                    rec,
                    field_key,
                    "imp_ref_missing",
                    what=sheet.field(parent_field).header_vi,
                    sheet=sheet.title_vi,
                )

    def default_resolution(self, res: SheetData | None, works: SheetData | None) -> None:
        """A work row without Mã NQ belongs to the file's only resolution; else it is missing."""
        if works is None:
            return
        only = (
            [r.values.get("res_ref") for r in res.records if r.values.get("res_ref")]
            if res is not None
            else []
        )
        for rec in works.records:
            if rec.values.get("res_ref"):
                continue
            if len(only) == 1:
                rec.values["res_ref"] = only[0]
            elif res is not None and "res_ref" in res.present:
                self.reader.problem(
                    rec.grid or works.grid,
                    "imp_res_ref_needed",
                    row=rec.row,
                    column=rec.columns.get("res_ref"),
                    header=WORKS.field("res_ref").header_vi,
                    found="",
                    params={"count": len(only)},
                )

    def amounts(self) -> None:
        """Amounts that cannot be right in the unit they were read in: one sentence a sheet."""
        works = self.sheet(WORKS.key)
        capital = self.sheet(CAPITAL.key)
        surpluses = self.sheet(SURPLUSES.key)
        lines = self.sheet(SURPLUS_LINES.key)
        checks = (
            (works, "total_investment", WORK_MIN_STATED, WORK_MIN_ASSUMED, WORK_MAX),
            (capital, "amount", LINE_MIN_STATED, LINE_MIN_ASSUMED, WORK_MAX),
            (surpluses, "available", SURPLUS_MIN_STATED, SURPLUS_MIN_ASSUMED, WORK_MAX),
            (lines, "amount", LINE_MIN_STATED, LINE_MIN_ASSUMED, WORK_MAX),
        )
        for data, key, low_stated, low_assumed, high in checks:
            if data is None:
                continue
            bad: dict[str, list[Record]] = {}
            for rec in data.records:
                if not rec.capital:
                    # The common row: one amount, checked without building the list below.
                    amount = rec.values.get(key)
                    if amount:
                        low = low_assumed if key in rec.assumed else low_stated
                        if amount < low or amount > high:
                            bad.setdefault(rec.grid.sheet if rec.grid else "", []).append(rec)
                    continue
                amounts = [(key, rec.values.get(key), key in rec.assumed)]
                amounts += [
                    (
                        f"capital:{letter}",
                        amount,
                        any(a.startswith("capital:") for a in rec.assumed),
                    )
                    for _src, amount, letter in rec.capital
                ]
                for _what, amount, assumed in amounts:
                    if not amount:
                        continue
                    low = low_assumed if assumed else low_stated
                    if amount < low or amount > high:
                        bad.setdefault(rec.grid.sheet if rec.grid else "", []).append(rec)
                        break
            for _sheet, recs in bad.items():
                rec = recs[0]
                amount = rec.values.get(key) or (rec.capital[0][1] if rec.capital else 0)
                self.reader.problem(
                    rec.grid or data.grid,
                    "imp_unit_implausible",
                    row=rec.row,
                    column=rec.columns.get(key),
                    header=data.sheet.field(key).header_vi,
                    params={
                        "amount": group_thousands(amount),
                        "count": len(recs),
                        "too": ("imp_amount_too_small", {})
                        if amount < WORK_MAX
                        else ("imp_amount_too_large", {}),
                    },
                )
        self.unit_mismatch(works, capital)

    def unit_mismatch(self, works: SheetData | None, capital: SheetData | None) -> None:
        """A work whose capital lines sum to its total times 1,000 or 1,000,000 (or a
        thousandth or millionth of it): the two sheets were written in different units."""
        if works is None or capital is None:
            return
        totals = {
            ref_key(r.values.get("work_ref")): r for r in works.records if r.values.get("work_ref")
        }
        sums: dict[str, int] = {}
        for rec in capital.records:
            values = rec.values
            work_ref, amount = values.get("work_ref"), values.get("amount")
            if work_ref and amount:
                ref = ref_key(work_ref)
                sums[ref] = sums.get(ref, 0) + amount
        for ref, listed in sums.items():
            work = totals.get(ref)
            if work is None or not work.values.get("total_investment"):
                continue
            total = Decimal(work.values.get("total_investment"))
            for factor in (Decimal(1000), Decimal(10**6)):
                for a, b in ((total, listed * factor), (listed, total * factor)):
                    if abs(a - b) <= a * UNIT_RATIO_SLACK:
                        self.reader.problem(
                            capital.grid,
                            "imp_unit_mismatch",
                            params={
                                "work": work.values.get("work_ref"),
                                "row": work.row,
                                "factor": group_thousands(int(factor)),
                            },
                        )
                        return

    def run(self) -> None:
        res = self.sheet(RESOLUTIONS.key)
        works = self.sheet(WORKS.key)
        surpluses = self.sheet(SURPLUSES.key)
        res_refs = _refs(res, "res_ref")
        self.resolutions(res)
        self.unit_dates(res)
        self.unit_years(surpluses)
        self.exists(res, "amends_ref", RESOLUTIONS.key, "res_ref", res_refs)
        self.default_resolution(res, works)
        self.basis(self.sheet(BASIS.key), res_refs)
        self.works(works, res_refs)
        self.capital(self.sheet(CAPITAL.key), works)
        self.surpluses(surpluses, res, res_refs)
        self.surplus_lines(self.sheet(SURPLUS_LINES.key), surpluses)
        self.amounts()

    def resolutions(self, res: SheetData | None) -> None:
        self.unique(res, lambda r: ref_key(r.values.get("res_ref")) or None, "res_ref")

        def res_nk(r: Record) -> Any:
            if not (
                r.values.get("unit_code") and r.values.get("number") and r.values.get("issue_date")
            ):
                return None
            return resolution_key(
                r.values.get("unit_code"), r.values.get("number"), r.values.get("issue_date")
            )

        self.unique(res, res_nk, "number", "imp_what_resolution")

    def basis(self, basis: SheetData | None, res_refs: set[str]) -> None:
        self.exists(basis, "res_ref", RESOLUTIONS.key, "res_ref", res_refs)
        self.unique(
            basis,
            lambda r: (
                (ref_key(r.values.get("res_ref")), r.values.get("line_no"))
                if r.values.get("line_no")
                else None
            ),
            "line_no",
            "imp_what_basis_no",
        )
        self.unique(
            basis,
            lambda r: (
                (ref_key(r.values.get("res_ref")), fold(r.values.get("text"))[:160])
                if r.values.get("text")
                else None
            ),
            "text",
            "imp_what_basis_text",
        )

    def works(self, works: SheetData | None, res_refs: set[str]) -> None:
        self.exists(works, "res_ref", RESOLUTIONS.key, "res_ref", res_refs)
        self.unique(works, lambda r: ref_key(r.values.get("work_ref")) or None, "work_ref")
        self.unique(
            works,
            lambda r: (
                (ref_key(r.values.get("res_ref")), fold_cached(r.values.get("name")))
                if r.values.get("name")
                else None
            ),
            "name",
            "imp_what_work",
        )

    def capital(self, capital: SheetData | None, works: SheetData | None) -> None:
        self.exists(capital, "work_ref", WORKS.key, "work_ref", _refs(works, "work_ref"))
        self.unique(
            capital,
            # Two commune-budget lines of one work differ by their revenue kind.
            lambda r: (
                (
                    ref_key(r.values.get("work_ref")),
                    r.values.get("source_code"),
                    r.values.get("revenue_kind"),
                )
                if r.values.get("source_code")
                else None
            ),
            "source_code",
            "imp_what_capital",
        )

    def surpluses(
        self, surpluses: SheetData | None, res: SheetData | None, res_refs: set[str]
    ) -> None:
        self.unique(
            surpluses, lambda r: ref_key(r.values.get("surplus_ref")) or None, "surplus_ref"
        )
        self.unique(
            surpluses,
            lambda r: (
                (r.values.get("unit_code"), r.values.get("year"))
                if r.values.get("unit_code") and r.values.get("year")
                else None
            ),
            "year",
            "imp_what_surplus",
        )
        self.exists(surpluses, "res_ref", RESOLUTIONS.key, "res_ref", res_refs)
        if surpluses is None or res is None:
            return
        unit_of = {
            ref_key(r.values.get("res_ref")): r.values.get("unit_code")
            for r in res.records
            if r.values.get("res_ref")
        }
        for rec in surpluses.records:
            other = unit_of.get(ref_key(rec.values.get("res_ref")))
            if (
                rec.values.get("res_ref")
                and other
                and rec.values.get("unit_code")
                and other != rec.values.get("unit_code")
            ):
                self.report(
                    surpluses,
                    rec,
                    "res_ref",
                    "imp_ref_other_unit",
                    unit=rec.values.get("unit_code"),
                    other=other,
                )

    def surplus_lines(self, lines: SheetData | None, surpluses: SheetData | None) -> None:
        self.exists(
            lines, "surplus_ref", SURPLUSES.key, "surplus_ref", _refs(surpluses, "surplus_ref")
        )
        self.unique(
            lines,
            lambda r: (
                (ref_key(r.values.get("surplus_ref")), r.values.get("line_no"))
                if r.values.get("line_no")
                else None
            ),
            "line_no",
            "imp_what_surplus_line_no",
        )
        self.unique(
            lines,
            lambda r: (
                (
                    ref_key(r.values.get("surplus_ref")),
                    r.values.get("category_code"),
                    fold(
                        r.values.get("project_name")
                        or r.values.get("item")
                        or r.values.get("field_code")
                    ),
                )
                if r.values.get("category_code")
                else None
            ),
            "category_code",
            "imp_what_surplus_line",
        )


def _refs(data: SheetData | None, key: str) -> set[str]:
    return (
        {ref_key(r.values.get(key)) for r in data.records if r.values.get(key)} if data else set()
    )
