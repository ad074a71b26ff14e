"""What the screens read, as small typed records: one named tuple per query, with the
query's columns as its fields in the query's order (tests/unit/test_reads.py checks each
against its query's "Returns:" header), so no screen indexes a row by position.

Every function here runs a query: call them from a worker thread, never the UI thread
(tests/functional/test_no_ui_queries.py). Nothing here imports textual.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from ..lang.language import Lang, as_lang
from ..rules.findings import Finding

if TYPE_CHECKING:
    from .store import Store

# The unit screen lists at most this many findings; more say "shown / total" on screen.
UNIT_FINDINGS_LIMIT = 10_000


class YearRow(NamedTuple):
    year: int
    reviewed: bool


class OverviewRow(NamedTuple):
    unit_code: str
    name: str
    kind: str
    ntm_resolutions: int
    resolutions: int
    projects: int
    total_investment: int | None
    capital_central: int | None
    capital_local: int | None
    capital_community: int | None
    capital_other: int | None
    surplus_available: int | None
    surplus_allocated: int | None
    findings_error: int
    findings_warning: int
    findings_info: int


class OverviewTotals(NamedTuple):
    units: int
    ntm_resolutions: int
    projects: int
    total_investment: int
    capital_central: int
    capital_local: int
    capital_community: int
    capital_other: int
    surplus_available: int
    surplus_allocated: int
    findings_error: int
    findings_warning: int
    findings_info: int


class MixRow(NamedTuple):
    source_code: str
    name_vi: str
    name_en: str
    source_group: str
    amount: int
    sort_order: int

    def name(self, lang: Lang) -> str:
        return as_lang(lang).pick(self.name_vi, self.name_en)


class UnitResolution(NamedTuple):
    resolution_id: str
    number: str
    issue_date: date | None
    kind: str
    status: str
    title: str
    works: int
    total_investment: int
    findings: int


class UnitWork(NamedTuple):
    project_id: str
    resolution_id: str
    resolution_number: str
    name: str
    criterion_code: int | None
    total_investment: int | None
    capital_central: int
    capital_local: int
    capital_community: int
    capital_other: int
    unstated_lines: int
    findings: int


class SurplusLine(NamedTuple):
    surplus_id: str
    fiscal_year: int
    available: int | None
    settlement_date: date | None
    resolution_id: str | None
    resolution_number: str | None
    allocation_date: date | None
    line_id: str | None
    line_no: int | None
    category_vi: str | None
    category_en: str | None
    field_vi: str | None
    field_en: str | None
    label: str | None
    amount: int | None
    findings: int


class HistoryRow(NamedTuple):
    direction: str
    code: str
    name: str
    kind: str
    valid_from: date | None
    valid_to: date | None
    merge: str
    finding_keys: list | None
    resolution_id: str | None
    number: str | None
    issue_date: date | None
    title: str | None
    findings: int | None


class ResolutionHeader(NamedTuple):
    resolution_id: str
    unit_code: str
    unit_name: str
    year: int
    number: str
    issue_date: date | None
    session: str | None
    title: str
    kind: str
    status: str
    submission_ref: str | None
    amends_number: str | None


class BasisLine(NamedTuple):
    line_id: str
    line_no: int
    text: str
    doc_number: str | None
    doc_title_vi: str | None
    doc_title_en: str | None
    category_vi: str | None
    category_en: str | None
    method: str | None
    in_force: bool | None
    findings: int
    doc_issue_date: date | None
    doc_confirmed: bool | None


class ProvincialLink(NamedTuple):
    line_id: str
    resolution_id: str
    number: str
    issue_date: date | None
    province: str


class RequiredCategory(NamedTuple):
    code: str
    name_vi: str
    name_en: str
    present: bool


class CapitalLine(NamedTuple):
    project_id: str
    seq: int
    name: str
    criterion_code: int | None
    criterion_vi: str | None
    criterion_en: str | None
    total_investment: int | None
    policy_decision_ref: str | None
    policy_delegated: bool | None
    small_mechanism: bool | None
    source_code: str | None
    amount: int | None
    programme_share: object


class ResolutionNote(NamedTuple):
    entity_kind: str
    label: str | None
    source_code: str | None
    note: str


class CapitalSource(NamedTuple):
    code: str
    name_vi: str
    name_en: str
    source_group: str
    sort_order: int


class RuleCount(NamedTuple):
    rule_id: str
    findings: int


class EntityKey(NamedTuple):
    natural_key: str
    unit_code: str
    year: int | None


class UnitFindingKey(NamedTuple):
    unit_code: str
    finding_key: str
    rule_id: str


# record type -> the query it reads (checked against the query's header by a test).
RECORDS: dict[type, str] = {
    YearRow: "views/years",
    OverviewRow: "views/overview_page",
    OverviewTotals: "views/overview_totals",
    MixRow: "views/capital_mix",
    UnitResolution: "views/unit_resolutions",
    UnitWork: "views/unit_works",
    SurplusLine: "views/unit_surplus",
    HistoryRow: "views/unit_history",
    ResolutionHeader: "views/resolution_header",
    BasisLine: "views/resolution_basis",
    ProvincialLink: "views/basis_provincial_links",
    RequiredCategory: "views/resolution_categories",
    CapitalLine: "views/resolution_capital",
    ResolutionNote: "views/resolution_notes",
    CapitalSource: "views/capital_sources",
    RuleCount: "views/rule_counts",
    EntityKey: "views/entity_key",
    UnitFindingKey: "views/finding_keys_for_units",
    Finding: "views/findings_page",
}


def read(store: Store, record: type, **params) -> list:
    """The rows of a record's query, each as that record."""
    return [record(*row) for row in store.rows(RECORDS[record], **params)]


def header_columns(sql_text: str) -> list[str]:
    """The column names a query's header lists after "Returns:" (comments, in order)."""
    header = "\n".join(
        line.removeprefix("--").strip() for line in sql_text.splitlines() if line.startswith("--")
    )
    found = re.search(r"Returns(?: one row)?:\s*(.*?)(?:\.\s*(?:No parameters|$)|\Z)", header, re.S)
    if found is None:
        return []
    text = re.sub(r"\([^)]*\)", "", found.group(1))  # "(integer đồng)" and the like
    text = re.split(r";|\.\s", text)[0]
    return [part.split()[0] for part in text.replace("\n", " ").split(",") if part.split()]


# -- the reads of the screens -------------------------------------------------------------


def years(store: Store) -> list[int]:
    return [row.year for row in read(store, YearRow)]


class UnitFindings(NamedTuple):
    """A unit's findings in a year, at most UNIT_FINDINGS_LIMIT; total says how many there are."""

    findings: list[Finding]
    total: int

    @property
    def cut(self) -> bool:
        return self.total > len(self.findings)


def unit_findings(store: Store, unit: str, year: int) -> UnitFindings:
    params = dict(year=year, unit=unit, severity=None, rule=None, unit_filter="")
    findings = read(store, Finding, **params, limit=UNIT_FINDINGS_LIMIT, offset=0)
    total = len(findings)
    if total >= UNIT_FINDINGS_LIMIT:
        total = int(store.scalar("views/findings_count", **params) or total)
    return UnitFindings(findings, total)


def finding_by_key(store: Store, finding_key: str) -> Finding | None:
    found = store.rows("views/finding_by_key", finding_key=finding_key)
    return Finding(*found[0]) if found else None


def findings_by_keys(store: Store, finding_keys: list[str]) -> dict[str, Finding]:
    """The current findings among these keys (a key gone from the data is left out)."""
    if not finding_keys:
        return {}
    rows = store.rows("views/findings_by_keys", finding_keys=list(finding_keys))
    return {f.finding_key: f for f in (Finding(*row) for row in rows)}


def entity_key(store: Store, kind: str, entity_id: str) -> EntityKey | None:
    found = read(store, EntityKey, kind=kind, id=entity_id)
    return found[0] if found else None


def keys_by_unit(store: Store, units: list[str], year: int) -> dict[str, list[UnitFindingKey]]:
    """The findings (key and rule) of each of some units in a year."""
    result: dict[str, list[UnitFindingKey]] = {}
    for row in read(store, UnitFindingKey, units=units, year=year):
        result.setdefault(row.unit_code, []).append(row)
    return result
