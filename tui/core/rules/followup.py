"""Following findings across rebuilds of the audited data.

When a build replaces an older ntm-review file, it copies the older file's findings into
``previous_finding`` (rebuild.carry_previous_findings). Comparing the two by the stable
finding key (rule id | year | entity natural key, never a row id) puts every finding in
one of three states:

- ``resolved``: it was in the previous build and no longer occurs;
- ``still_open``: it occurs in both;
- ``new``: it was not in the previous build (all findings, when there is none).

Decisions are keyed by the same finding key, so they stay attached across the rebuild.
A finding whose latest decision is 'corrected' but which still occurs is flagged
(``corrected_but_present``).

Nothing here imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ..lang.language import Lang, as_lang
from ..review.sqlite import Event, ReviewStore, corrected_but_present
from ..review.tracking import Tracking
from .findings import short_id

if TYPE_CHECKING:  # the store (and duckdb) load where a query runs
    from ..data.store import Store

__all__ = [
    "STATES",
    "FollowupItem",
    "current_states",
    "followup",
    "has_previous_build",
    "overdue",
]

STATES: tuple[str, ...] = ("still_open", "new", "resolved")
# Above this many keys, read every latest decision at once instead of in chunks.
_ALL_DECISIONS_THRESHOLD = 5000


@dataclass(frozen=True)
class FollowupItem:
    finding_key: str
    state: str  # 'resolved' | 'still_open' | 'new'
    rule_id: str
    severity: str
    unit_code: str
    unit_name: str
    entity_kind: str
    year: int | None
    message_vi: str
    message_en: str
    decision: str | None
    decided_by: str | None
    decided_at: str | None
    corrected_but_present: bool  # latest decision 'corrected' but the finding still occurs
    # owner, due date, notice, evidence, acceptance end date, days overdue (issue 17)
    tracking: Tracking | None = None

    @property
    def overdue_days(self) -> int:
        return self.tracking.overdue_days if self.tracking else 0

    def message(self, lang: Lang) -> str:
        return as_lang(lang).pick(self.message_vi, self.message_en)

    def as_public_dict(self, lang: Lang) -> dict[str, Any]:
        """The documented JSON/CSV shape of `ntm-review followup`."""
        return {
            "id": short_id(self.finding_key),
            "finding_key": self.finding_key,
            "state": self.state,
            "rule_id": self.rule_id,
            "severity": self.severity,
            "unit_code": self.unit_code,
            "unit_name": self.unit_name,
            "entity_kind": self.entity_kind,
            "year": self.year,
            "message": self.message(lang),
            "decision": self.decision,
            "decided_by": self.decided_by,
            "decided_at": self.decided_at,
            "corrected_but_present": self.corrected_but_present,
            **(self.tracking or Tracking(self.finding_key)).public(lang),
        }


def has_previous_build(store: Store) -> bool:
    """True when this file was built over an older one and holds its findings."""
    return store.meta().get("previous_build") == "copied"


def _latest_decisions(reviews: ReviewStore | None, keys: set[str]) -> dict[str, Event]:
    if reviews is None or not keys:
        return {}
    if len(keys) > _ALL_DECISIONS_THRESHOLD:
        every = reviews.current_decisions()
        return {k: e for k, e in every.items() if k in keys}
    return reviews.current_decisions(keys)


def followup(
    store: Store,
    reviews: ReviewStore | None,
    unit: str | None = None,
    year: int | None = None,
    on: date | None = None,
) -> list[FollowupItem]:
    """Every finding of the previous and the current build in scope, with its state and
    latest decision; ordered by unit, year, state (still open, new, resolved), severity.

    The states are computed in SQL (views/followup) so that a national file of a million
    findings is not compared key by key in Python; they follow review.classify_followup
    exactly (a test holds them to it). The flag uses review.corrected_but_present.
    """
    compare = has_previous_build(store)
    rows = store.rows("views/followup", unit=unit, year=year, compare=compare)
    if unit is not None:
        rows += _predecessor_rows(store, unit, year, {r[0] for r in rows}, compare)
    decisions = _latest_decisions(reviews, {r[0] for r in rows})
    from ..review.service import track_findings

    tracked = track_findings(
        store,
        reviews,
        ((r[0], r[2], r[4], r[7], r[1] == "resolved") for r in rows),
        on,
    )
    current = (r[0] for r in rows if r[1] != "resolved")
    flagged = corrected_but_present(decisions, current) if decisions else set()
    items = []
    for key, state, rule_id, severity, unit_code, unit_name, kind, row_year, vi, en in rows:
        event = decisions.get(key)
        items.append(
            FollowupItem(
                finding_key=key,
                state=state,
                rule_id=rule_id,
                severity=severity,
                unit_code=unit_code,
                unit_name=unit_name,
                entity_kind=kind,
                year=row_year,
                message_vi=vi,
                message_en=en,
                decision=event.decision if event else None,
                decided_by=event.reviewer if event else None,
                decided_at=event.created_at if event else None,
                corrected_but_present=key in flagged,
                tracking=tracked.get(key),
            )
        )
    return items


def _predecessor_rows(
    store: Store, unit: str, year: int | None, seen: set[str], compare: bool
) -> list[tuple]:
    """The follow-up rows of the units `unit` was formed from (01/07/2025), by predecessor:
    a finding of xã Hải Xuân in 2023 is followed up under phường Móng Cái 1 in 2026."""
    found = []
    history = store.rows("views/unit_history", code=unit, year=year or 9999)
    periods = {(row[1], row[4], row[5]) for row in history if row[0] == "from"}
    for code, valid_from, valid_to in sorted(periods, key=lambda p: p[0]):
        first = valid_from.year if valid_from else None
        last = valid_to.year if valid_to else None
        for row in store.rows("views/followup", unit=code, year=None, compare=compare):
            row_year = row[7]
            in_period = row_year is None or (
                (first is None or row_year >= first) and (last is None or row_year <= last)
            )
            if row[0] not in seen and in_period:
                seen.add(row[0])
                found.append(row)
    return found


def current_states(
    store: Store, *, unit: str | None = None, year: int | None = None
) -> dict[str, str]:
    """Current finding_key -> 'new' | 'still_open' (all 'new' when no previous build).

    Computed in SQL, so it stays cheap for a national file.
    """
    rows = store.rows("views/followup_states", unit=unit, year=year)
    if not has_previous_build(store):
        return {key: "new" for key, _ in rows}
    return {key: ("still_open" if seen else "new") for key, seen in rows}


def overdue(items: list[FollowupItem]) -> list[FollowupItem]:
    """The findings past their deadline without proof, by unit, owner, most days first."""
    late = [i for i in items if i.overdue_days > 0]
    return sorted(
        late,
        key=lambda i: (i.unit_code, i.tracking.owner if i.tracking else "", -i.overdue_days),
    )
