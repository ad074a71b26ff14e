"""What a review event is about, looked up in the audited data: the current finding a
key (or short id) names, a unit's resolution by id or number, a unit's finding keys,
and the decision in force on a finding. Re-exported by service.py. Nothing here
imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..lang.language import Lang, as_lang
from .sqlite import Event, ReviewStore

if TYPE_CHECKING:  # the store (and duckdb) load where a query runs
    from ..data.store import Store


@dataclass(frozen=True)
class FindingTarget:
    """A current finding, with what a decision on it records."""

    finding_key: str
    rule_id: str
    severity: str
    unit_code: str
    entity_kind: str
    entity_id: str
    entity_key: str
    year: int | None
    resolution_id: str | None
    message_vi: str
    message_en: str

    def message(self, lang: Lang) -> str:
        return as_lang(lang).pick(self.message_vi, self.message_en)


@dataclass(frozen=True)
class ResolutionTarget:
    resolution_id: str
    number: str
    year: int
    natural_key: str


def resolve_finding_key(store: Store, key_or_id: str) -> str:
    """The finding key named by a short id ("F-7K2QXM", any case) or by the key itself."""
    from ..rules.findings import load_findings, looks_like_short_id, short_id

    if not looks_like_short_id(key_or_id):
        return key_or_id
    wanted = key_or_id.strip().upper()
    keys = sorted(
        {f.finding_key for f in load_findings(store) if short_id(f.finding_key) == wanted}
    )
    if len(keys) > 1:
        raise UsageError("ambiguous_finding", finding=wanted, keys=", ".join(keys))
    return keys[0] if keys else key_or_id


def finding_target(store: Store, finding_key: str) -> FindingTarget:
    """The current finding with this key (or short id); UsageError 'unknown_finding' if
    there is none."""
    finding_key = resolve_finding_key(store, finding_key)
    rows = store.rows("views/finding_target", finding_key=finding_key)
    if not rows:
        raise UsageError("unknown_finding", finding=finding_key)
    return FindingTarget(*rows[0])


def resolution_target(store: Store, unit_code: str, resolution: str) -> ResolutionTarget:
    """A unit's resolution named by id or by number; UsageError if none or ambiguous."""
    rows = [
        ResolutionTarget(*r)
        for r in store.rows("views/resolution_target", unit=unit_code, resolution=resolution)
    ]
    exact = [r for r in rows if r.resolution_id == resolution]
    if exact:
        return exact[0]
    if not rows:
        raise UsageError("unknown_resolution", unit=unit_code, resolution=resolution)
    if len(rows) > 1:
        ids = ", ".join(r.resolution_id for r in rows)
        raise UsageError("ambiguous_resolution", unit=unit_code, resolution=resolution, ids=ids)
    return rows[0]


def _require_unit(store: Store, unit_code: str) -> None:
    if not store.dicts("views/unit", code=unit_code):
        raise UsageError("unknown_unit", code=unit_code)


def unit_finding_keys(store: Store, unit_code: str, year: int) -> list[str]:
    """The current finding keys of one unit in one year (what a conclusion needs decided)."""
    from ..data.reads import UnitFindingKey, read

    found = read(store, UnitFindingKey, units=[unit_code], year=year)
    return sorted({f.finding_key for f in found if f.finding_key is not None})


def current_decision(reviews: ReviewStore, finding_key: str) -> Event | None:
    """The decision now in force on a finding (None when it has none)."""
    return reviews.current_decisions([finding_key]).get(finding_key)


def decision_changed_since(
    reviews: ReviewStore, finding_key: str, seen_seq: int | None
) -> Event | None:
    """The decision recorded on a finding after the one a reviewer saw (seen_seq: that
    event's seq, None when the finding had no decision); None while it is unchanged.

    A reason prompt stays open while the reviewer types; another reviewer may decide the
    same finding meanwhile. The TUI asks before recording over that decision.
    """
    now = current_decision(reviews, finding_key)
    if now is None or now.seq == seen_seq:
        return None
    return now
