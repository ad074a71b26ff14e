"""Read an ntm-review database back into a Dataset.

Imports replace some unit-years and keep the rest; the round-trip export writes the
data in the import layout. Both start from the data as it is in the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .dataset import (
    UNIT_COLUMNS,
    CapitalLine,
    Dataset,
    Project,
    Resolution,
    StatedTotal,
    Surplus,
    SurplusLine,
)
from .store import Store


@dataclass
class Extract:
    units: list[dict]
    data: Dataset
    review_years: list[int]
    meta: dict[str, str] = field(default_factory=dict)


def extract(store: Store) -> Extract:
    """The data exactly as stored (raw_rows: text not made safe), for a new build or the
    import-layout export, which makes each cell safe itself."""
    units = [
        dict(
            zip(
                UNIT_COLUMNS,
                ((v or "") for v in row),
                strict=True,
            )
        )
        for row in store.raw_rows("extract/units")
    ]
    resolutions: dict[str, Resolution] = {}
    for row in store.raw_rows("extract/resolutions"):
        (
            rid,
            unit,
            year,
            number,
            issued,
            title,
            kind,
            status,
            session,
            amends,
            submission,
            source,
        ) = row
        resolutions[rid] = Resolution(
            resolution_id=rid,
            unit_code=unit,
            year=year,
            number=number,
            issue_date=issued,
            title=title,
            kind=kind,
            status=status,
            session=session,
            amends_id=amends,
            submission_ref=submission,
            source=source,
        )
    for rid, _line_no, text in store.raw_rows("extract/basis_lines"):
        resolutions[rid].basis.append(text)
    projects: dict[str, Project] = {}
    for row in store.raw_rows("extract/projects"):
        (
            pid,
            rid,
            _seq,
            name,
            total,
            criterion,
            location,
            scale,
            period,
            group,
            sector,
            policy,
            delegated,
            small,
            commune_group,
            phase,
        ) = row
        project = Project(
            name=name,
            total_investment=total,
            criterion_code=criterion,
            location=location,
            scale=scale,
            period=period,
            group_code=group,
            sector=sector,
            policy_decision_ref=policy,
            policy_delegated=bool(delegated),
            small_mechanism=bool(small),
            commune_group=commune_group,
            phase=phase,
        )
        projects[pid] = project
        resolutions[rid].projects.append(project)
    notes = {(kind, eid): note for kind, eid, note in store.raw_rows("extract/entity_notes")}
    for rid, res in resolutions.items():
        res.note = notes.get(("resolution", rid))
    for pid, project in projects.items():
        project.note = notes.get(("project", pid))
    for rid, label, place, measure, stated, listed in store.raw_rows("extract/stated_totals"):
        resolutions[rid].stated_totals.append(StatedTotal(label, place, measure, stated, listed))
    for pid, source, amount, share, revenue_kind, aid in store.raw_rows("extract/capital"):
        projects[pid].capital.append(
            CapitalLine(
                source,
                amount,
                share,
                revenue_kind=revenue_kind,
                note=notes.get(("capital_allocation", aid)),
            )
        )
    surpluses: dict[str, Surplus] = {}
    for sid, unit, year, fiscal, available, settle_ref, settle_date, rid in store.raw_rows(
        "extract/surpluses"
    ):
        surpluses[sid] = Surplus(unit, year, fiscal, available, settle_ref, settle_date, rid)
        surpluses[sid].note = notes.get(("budget_surplus", sid))
    for sid, category, amount, item, project_name, field_code, lid in store.raw_rows(
        "extract/surplus_lines"
    ):
        surpluses[sid].lines.append(
            SurplusLine(
                category,
                amount,
                item,
                project_name,
                field_code,
                notes.get(("surplus_allocation", lid)),
            )
        )
    return Extract(
        units=units,
        data=Dataset(list(resolutions.values()), list(surpluses.values())),
        review_years=[r[0] for r in store.raw_rows("extract/review_years")],
        meta=store.meta(),
    )
