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
            rid = resolution_id(r["unit_code"], r["year"], r["number"], r["issue_date"])
            resolutions[ref_key(r["res_ref"])] = Resolution(
                resolution_id=rid,
                unit_code=r["unit_code"],
                year=r["year"],
                number=nfc(r["number"]),
                issue_date=r["issue_date"],
                title=nfc(r["title"]),
                kind=r["kind"],
                status=r["status"] or "in_force",
                session=_text_or_none(r["session"]),
                amends_id=None,
                submission_ref=_text_or_none(r["submission_ref"]),
                source=source_label,
                note=_text_or_none(r["note"]),
            )
        for r in self.records[RESOLUTIONS.key]:
            if r["amends_ref"]:
                resolutions[ref_key(r["res_ref"])].amends_id = resolutions[
                    ref_key(r["amends_ref"])
                ].resolution_id
        for r in sorted(self.records[BASIS.key], key=lambda r: r["line_no"]):
            resolutions[ref_key(r["res_ref"])].basis.append(nfc(r["text"]))

    def works(self) -> None:
        for r in self.records[WORKS.key]:
            criterion = r["criterion_code"]
            if criterion is None and r.sector:
                criterion = _criterion_of_sector(r.sector)
            project = Project(
                name=nfc(r["name"]),
                total_investment=r["total_investment"],
                criterion_code=criterion,
                location=_text_or_none(r["location"]),
                scale=_text_or_none(r["scale"]),
                period=_text_or_none(r["period"]),
                group_code=_text_or_none(r["group_code"]),
                # The project field: its column, else the sector group the work is under.
                sector=r["sector"] or (_field_of_sector(r.sector) if r.sector else None),
                policy_decision_ref=_text_or_none(r["policy_decision_ref"]),
                policy_delegated=bool(r["policy_delegated"]),
                small_mechanism=bool(r["small_mechanism"]),
                commune_group=r["commune_group"],
                phase=r["phase"] or r.phase,
                note=_text_or_none(r["note"]),
            )
            for source, amount, _letter in r.capital:
                project.capital.append(CapitalLine(source, amount))
            self.by_work_ref[ref_key(r["work_ref"]) or f"#row{id(r)}"] = project
            resolution = self.by_res_ref[ref_key(r["res_ref"])]
            resolution.projects.append(project)
            self.work_of_record[id(r)] = (project, resolution)

    def capital(self) -> None:
        for r in self.records[CAPITAL.key]:
            self.by_work_ref[ref_key(r["work_ref"])].capital.append(
                CapitalLine(
                    r["source_code"],
                    r["amount"],
                    _text_or_none(r["programme_share"]),
                    revenue_kind=r["revenue_kind"],
                    note=_text_or_none(r["note"]),
                )
            )
        by_ref = {
            ref_key(w["work_ref"]): self.work_of_record[id(w)][1]
            for w in self.records[WORKS.key]
            if w["work_ref"]
        }
        for r in self.records[CAPITAL.key]:
            self.capital_res[id(r)] = by_ref[ref_key(r["work_ref"])]

    def surpluses(self) -> None:
        surpluses = self.by_surplus_ref
        for r in self.records[SURPLUSES.key]:
            linked = self.by_res_ref.get(ref_key(r["res_ref"])) if r["res_ref"] else None
            self.surplus_res[ref_key(r["surplus_ref"])] = linked
            surpluses[ref_key(r["surplus_ref"])] = Surplus(
                unit_code=r["unit_code"],
                year=r["year"],
                fiscal_year=r["fiscal_year"],
                available=r["available"],
                settlement_ref=_text_or_none(r["settlement_ref"]),
                settlement_date=r["settlement_date"],
                resolution_id=linked.resolution_id if linked else None,
                note=_text_or_none(r["note"]),
            )
        for r in sorted(self.records[SURPLUS_LINES.key], key=lambda r: r["line_no"]):
            surpluses[ref_key(r["surplus_ref"])].lines.append(
                SurplusLine(
                    category_code=r["category_code"],
                    amount=r["amount"],
                    item=_text_or_none(r["item"]),
                    project_name=_text_or_none(r["project_name"]),
                    field_code=r["field_code"],
                    note=_text_or_none(r["note"]),
                )
            )

    def owner(self, key: str, rec: Record) -> Resolution | None:
        """The resolution a record belongs to."""
        if key == WORKS.key:
            return self.work_of_record[id(rec)][1]
        if key == CAPITAL.key:
            return self.capital_res.get(id(rec))
        if key in (SURPLUSES.key, SURPLUS_LINES.key):
            return self.surplus_res.get(ref_key(rec["surplus_ref"]))
        return self.by_res_ref.get(ref_key(rec["res_ref"]))

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
