"""Checked records into a Dataset: resolutions with their grounds, works, capital lines and
stated totals; surpluses with their lines."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

from ...data.dataset import (
    CapitalLine,
    Dataset,
    Project,
    Resolution,
    StatedTotal,
    Surplus,
    SurplusLine,
    resolution_key,
)
from ...textfold import nfc
from ..layout import BASIS, CAPITAL, RESOLUTIONS, SHEETS, SURPLUS_LINES, SURPLUSES, WORKS
from ..vnparse import ParseError
from .choices import parse_choice
from .reader import FileReader
from .records import Record, ref_key

SHEETS_KEYS = tuple(s.key for s in SHEETS)


def resolution_id(unit_code: str, year: int, number: str, issue_date: date) -> str:
    """A resolution id that depends only on what identifies the resolution."""
    natural = f"{year}|{resolution_key(unit_code, number, issue_date)}"
    digest = hashlib.sha1(natural.encode("utf-8")).hexdigest()[:10]
    return f"NQ-{unit_code}-{year}-{digest}"


def _field_of_sector(sector: str) -> str | None:
    """The project field a sector group names ("A. Giao thông"), or None."""
    try:
        found = parse_choice("project_field", sector)
    except ParseError:
        return None
    return str(found) if found else None


def _criterion_of_sector(sector: str) -> int | None:
    """The NTM criterion a sector group names ("A. Giao thông" → 2), or None."""
    try:
        found = parse_choice("ntm_criterion", sector)
    except ParseError:
        return None
    return found if isinstance(found, int) else None


def _text_or_none(value: Any) -> str | None:
    return nfc(value) or None if value else None


def assemble(reader: FileReader, source_label: str) -> Dataset:
    """The Dataset a file without problems holds; its resolutions are sourced `source_label`."""
    build = _Assembly(reader)
    build.resolutions(source_label)
    build.works()
    build.capital()
    build.surpluses()
    build.stated_totals()
    return Dataset(list(build.by_res_ref.values()), list(build.by_surplus_ref.values()))


class _Assembly:
    """The objects built so far, by the references the sheets use between them."""

    def __init__(self, reader: FileReader) -> None:
        sheets = reader.sheets
        self.sheets = sheets
        self.records = {key: (sheets[key].records if key in sheets else []) for key in SHEETS_KEYS}
        self.by_res_ref: dict[str, Resolution] = {}
        self.by_work_ref: dict[str, Project] = {}
        self.work_of_record: dict[int, tuple[Project, Resolution]] = {}
        self.capital_res: dict[int, Resolution] = {}
        self.by_surplus_ref: dict[str, Surplus] = {}
        self.surplus_res: dict[str, Resolution | None] = {}

    def resolutions(self, source_label: str) -> None:
        resolutions = self.by_res_ref
        for r in self.records[RESOLUTIONS.key]:
            rid = resolution_id(
                r.values.get("unit_code"),
                r.values.get("year"),
                r.values.get("number"),
                r.values.get("issue_date"),
            )
            resolutions[ref_key(r.values.get("res_ref"))] = Resolution(
                resolution_id=rid,
                unit_code=r.values.get("unit_code"),
                year=r.values.get("year"),
                number=nfc(r.values.get("number")),
                issue_date=r.values.get("issue_date"),
                title=nfc(r.values.get("title")),
                kind=r.values.get("kind"),
                status=r.values.get("status") or "in_force",
                session=_text_or_none(r.values.get("session")),
                amends_id=None,
                submission_ref=_text_or_none(r.values.get("submission_ref")),
                source=source_label,
                note=_text_or_none(r.values.get("note")),
            )
        for r in self.records[RESOLUTIONS.key]:
            if r.values.get("amends_ref"):
                resolutions[ref_key(r.values.get("res_ref"))].amends_id = resolutions[
                    ref_key(r.values.get("amends_ref"))
                ].resolution_id
        for r in sorted(self.records[BASIS.key], key=lambda r: r.values.get("line_no")):
            resolutions[ref_key(r.values.get("res_ref"))].basis.append(nfc(r.values.get("text")))

    def works(self) -> None:
        for r in self.records[WORKS.key]:
            criterion = r.values.get("criterion_code")
            if criterion is None and r.sector:
                criterion = _criterion_of_sector(r.sector)
            project = Project(
                name=nfc(r.values.get("name")),
                total_investment=r.values.get("total_investment"),
                criterion_code=criterion,
                location=_text_or_none(r.values.get("location")),
                scale=_text_or_none(r.values.get("scale")),
                period=_text_or_none(r.values.get("period")),
                group_code=_text_or_none(r.values.get("group_code")),
                # The project field: its column, else the sector group the work is under.
                sector=r.values.get("sector") or (_field_of_sector(r.sector) if r.sector else None),
                policy_decision_ref=_text_or_none(r.values.get("policy_decision_ref")),
                policy_delegated=bool(r.values.get("policy_delegated")),
                small_mechanism=bool(r.values.get("small_mechanism")),
                commune_group=r.values.get("commune_group"),
                phase=r.values.get("phase") or r.phase,
                note=_text_or_none(r.values.get("note")),
            )
            for source, amount, _letter in r.capital:
                project.capital.append(CapitalLine(source, amount))
            self.by_work_ref[ref_key(r.values.get("work_ref")) or f"#row{id(r)}"] = project
            resolution = self.by_res_ref[ref_key(r.values.get("res_ref"))]
            resolution.projects.append(project)
            self.work_of_record[id(r)] = (project, resolution)

    def capital(self) -> None:
        by_ref = {
            ref_key(w.values.get("work_ref")): self.work_of_record[id(w)][1]
            for w in self.records[WORKS.key]
            if w.values.get("work_ref")
        }
        for r in self.records[CAPITAL.key]:
            values = r.values
            ref = ref_key(values.get("work_ref"))
            self.by_work_ref[ref].capital.append(
                CapitalLine(
                    values.get("source_code"),
                    values.get("amount"),
                    _text_or_none(values.get("programme_share")),
                    revenue_kind=values.get("revenue_kind"),
                    note=_text_or_none(values.get("note")),
                )
            )
            self.capital_res[id(r)] = by_ref[ref]

    def surpluses(self) -> None:
        surpluses = self.by_surplus_ref
        for r in self.records[SURPLUSES.key]:
            linked = (
                self.by_res_ref.get(ref_key(r.values.get("res_ref")))
                if r.values.get("res_ref")
                else None
            )
            self.surplus_res[ref_key(r.values.get("surplus_ref"))] = linked
            surpluses[ref_key(r.values.get("surplus_ref"))] = Surplus(
                unit_code=r.values.get("unit_code"),
                year=r.values.get("year"),
                fiscal_year=r.values.get("fiscal_year"),
                available=r.values.get("available"),
                settlement_ref=_text_or_none(r.values.get("settlement_ref")),
                settlement_date=r.values.get("settlement_date"),
                resolution_id=linked.resolution_id if linked else None,
                note=_text_or_none(r.values.get("note")),
            )
        for r in sorted(self.records[SURPLUS_LINES.key], key=lambda r: r.values.get("line_no")):
            surpluses[ref_key(r.values.get("surplus_ref"))].lines.append(
                SurplusLine(
                    category_code=r.values.get("category_code"),
                    amount=r.values.get("amount"),
                    item=_text_or_none(r.values.get("item")),
                    project_name=_text_or_none(r.values.get("project_name")),
                    field_code=r.values.get("field_code"),
                    note=_text_or_none(r.values.get("note")),
                )
            )

    def owner(self, key: str, rec: Record) -> Resolution | None:
        """The resolution a record belongs to."""
        if key == WORKS.key:
            return self.work_of_record[id(rec)][1]
        if key == CAPITAL.key:
            return self.capital_res.get(id(rec))
        if key in (SURPLUSES.key, SURPLUS_LINES.key):
            return self.surplus_res.get(ref_key(rec.values.get("surplus_ref")))
        return self.by_res_ref.get(ref_key(rec.values.get("res_ref")))

    def stated_totals(self) -> None:
        """Stated totals go with the resolution of the rows they cover."""
        for key, data in self.sheets.items():
            for check in data.totals:
                if not check.records:
                    continue
                resolution = self.owner(key, check.records[0])
                if resolution is None:
                    continue
                sheet = check.grid.sheet or Path(check.grid.file).name
                resolution.stated_totals.append(
                    StatedTotal(
                        label=check.label,
                        place=f"{sheet}!{check.column}{check.row}",
                        measure=check.header,
                        stated=check.stated,
                        listed=check.listed,
                    )
                )
