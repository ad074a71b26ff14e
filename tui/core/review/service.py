"""Recording reviewers' work against the audited data: the glue between the read-only
DuckDB Store (what the findings, units and resolutions are) and the append-only
ReviewStore (what reviewers decided). The CLI and the TUI both go through here, so a
decision records the same unit, year and entity key whichever way it was made.

- The review store is, in this order: the CLI's ``--store``, ``NTM_REVIEW_STORE``,
  ``review_store`` in config.toml, else a SQLite file beside the database
  (paths.review_store_path). A ``postgresql://`` URL selects the PostgreSQL store
  (review_pg), anything else is a SQLite file's path. The reviewers file (SQLite store
  only: PostgreSQL keeps the scope in the server) comes from paths.reviewers_file_path.
- The reviewer is always the OS login; ``reviewer=`` exists for tests only.
- Reads never create the review store: before the first decision there is nothing to show.

Nothing here imports textual.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..textfold import fold
from .follow_through import (  # re-exported: the CLI and the TUI find them here
    build_proof,
    issue_notice,
    link_evidence,
    set_deadline,
    track_findings,
)
from .location import (  # re-exported: the CLI and the TUI open review stores here
    ReviewersFileRefused,
    existing_review_store,
    is_postgres_url,
    load_scope,
    open_for_reading,
    open_review_store,
    store_location,
    use_store,
)
from .sqlite import DECISIONS, Event, EventStore, ReviewError
from .targets import (  # re-exported: the CLI finds them here
    FindingTarget,
    ResolutionTarget,
    _require_unit,
    current_decision,
    decision_changed_since,
    finding_target,
    resolution_target,
    resolve_finding_key,
    unit_finding_keys,
)

if TYPE_CHECKING:  # the store (and duckdb) load where a query runs
    from ..data.store import Store

__all__ = [
    "DECISION_ALIASES",
    "NOT_CHECKED",
    "ChangedMeanwhile",
    "EntityGone",
    "Recorded",
    "decide",
    "note_on_entity",
    "proof_from_typed",
    "undo",
    "FindingTarget",
    "ReviewersFileRefused",
    "ResolutionTarget",
    "conclude_unit",
    "current_decision",
    "decision_changed_since",
    "existing_review_store",
    "finding_target",
    "is_postgres_url",
    "open_for_reading",
    "load_scope",
    "note_on_finding",
    "note_on_resolution",
    "note_on_unit",
    "open_review_store",
    "parse_decision",
    "store_location",
    "use_store",
    "record_finding_decision",
    "record_correction",
    "reopen_unit",
    "resolution_target",
    "resolve_finding_key",
    "unit_finding_keys",
    "build_proof",
    "issue_notice",
    "link_evidence",
    "set_deadline",
    "track_findings",
]

# Short forms a reviewer may type for each decision (the CLI's DECISION argument).
DECISION_ALIASES: dict[str, str] = {
    **{d: d for d in DECISIONS},
    "can_sua": "needs_correction",
    "chap_nhan": "accepted",
    "da_khac_phuc": "corrected",
    "khong_ap_dung": "not_applicable",
    # the Vietnamese labels the TUI shows (review.DECISION_LABELS), typed out
    "can_chinh_sua": "needs_correction",
    "da_chinh_sua": "corrected",
}


def parse_decision(text: str) -> str | None:
    """The decision code for a code or Vietnamese short form; None if it is neither.

    Case, accents, spaces and hyphens are forgiven: "Chấp nhận", "chap-nhan" and
    "CHAP_NHAN" all mean 'accepted'.
    """
    if not isinstance(text, str):
        return None
    key = fold(unicodedata.normalize("NFC", text)).strip().replace("-", "_").replace(" ", "_")
    return DECISION_ALIASES.get(key)


# -- writes ------------------------------------------------------------------------------


def record_finding_decision(
    reviews: EventStore,
    store: Store,
    finding_key: str,
    decision: str,
    reason: str = "",
    event_id: str | None = None,
    expect_seq: int | None = None,
    until=None,
    evidence: dict | None = None,
) -> Event:
    """Record a decision on a current finding (UsageError if the key is unknown).

    ReviewError for an invalid decision, a missing reason, a unit outside the reviewer's
    scope, or ('decision_changed') another decision in force than the one whose seq is
    ``expect_seq`` (0: none; None: no check). ``until``: the end date of an accepted /
    not-applicable decision. ``evidence``: a correction's proof (build_proof), recorded
    with the decision in one transaction.
    """
    target = finding_target(store, finding_key)
    return reviews.record_decision(
        target.finding_key,
        target.entity_kind,
        target.entity_key,
        target.unit_code,
        target.year,
        decision,
        reason=reason,
        event_id=event_id,
        expect_seq=expect_seq,
        until=until,
        evidence=evidence,
    )


def note_on_unit(
    reviews: EventStore,
    store: Store,
    unit_code: str,
    text: str,
    year: int | None = None,
    event_id: str | None = None,
) -> Event:
    _require_unit(store, unit_code)
    return reviews.add_note("unit", unit_code, unit_code, text, year=year, event_id=event_id)


def note_on_resolution(
    reviews: EventStore,
    store: Store,
    unit_code: str,
    resolution: str,
    text: str,
    event_id: str | None = None,
) -> Event:
    """A note on a resolution, keyed by its natural key (stable across rebuilds)."""
    _require_unit(store, unit_code)
    target = resolution_target(store, unit_code, resolution)
    return reviews.add_note(
        "resolution", target.natural_key, unit_code, text, year=target.year, event_id=event_id
    )


def note_on_finding(
    reviews: EventStore,
    store: Store,
    finding_key: str,
    text: str,
    unit_code: str | None = None,
    event_id: str | None = None,
) -> Event:
    """A note on a current finding; when unit_code is given the finding must belong to it."""
    target = finding_target(store, finding_key)
    if unit_code is not None and target.unit_code != unit_code:
        raise UsageError(
            "finding_other_unit", finding=finding_key, unit=unit_code, actual=target.unit_code
        )
    return reviews.add_note(
        target.entity_kind,
        target.entity_key,
        target.unit_code,
        text,
        finding_key=target.finding_key,
        year=target.year,
        event_id=event_id,
    )


def conclude_unit(
    reviews: EventStore,
    store: Store,
    unit_code: str,
    year: int,
    reason: str = "",
    event_id: str | None = None,
) -> tuple[Event, int]:
    """Mark a unit's review for a year complete; returns the event and how many findings
    it covers. ReviewError 'unit_incomplete' (with the count) while any lacks a decision."""
    _require_unit(store, unit_code)
    keys: Collection[str] = unit_finding_keys(store, unit_code, year)
    event = reviews.conclude_unit(unit_code, year, keys, event_id=event_id, reason=reason)
    return event, len(keys)


def reopen_unit(
    reviews: EventStore,
    store: Store,
    unit_code: str,
    year: int,
    reason: str = "",
    event_id: str | None = None,
) -> Event:
    """Reopen a unit's concluded review for a year (ReviewError 'unit_not_concluded'
    when it is not concluded)."""
    _require_unit(store, unit_code)
    return reviews.reopen_unit(unit_code, year, reason=reason, event_id=event_id)


def record_correction(
    reviews: EventStore,
    store: Store,
    finding_key: str,
    proof: dict,
    reason: str = "",
    event_id: str | None = None,
    expect_seq: int | None = None,
) -> Event:
    """Mark a current finding corrected with its proof (build_proof): the decision and its
    'evidence' event in one transaction."""
    return record_finding_decision(
        reviews,
        store,
        finding_key,
        "corrected",
        reason=reason,
        event_id=event_id,
        expect_seq=expect_seq,
        evidence=proof,
    )


# -- one write path for a decision, the TUI's and the command line's ---------------------


@dataclass(frozen=True)
class Recorded:
    """The decision was recorded: its event."""

    event: Event


@dataclass(frozen=True)
class ChangedMeanwhile:
    """Nothing was recorded: another reviewer decided the finding after the reviewer saw
    it (``changed``: the decision in force now). The reviewer is asked before a save over it."""

    changed: Event


@dataclass(frozen=True)
class EntityGone:
    """Nothing was recorded: the entity is no longer in the data (a rebuild removed it)."""


# A decision checked against nothing: the finding is recorded whatever is in force.
NOT_CHECKED = False


def decide(
    reviews: EventStore,
    store: Store,
    finding_key: str,
    decision: str,
    *,
    reason: str = "",
    seen: Event | int | None | bool = NOT_CHECKED,
    until=None,
    proof: dict | None = None,
) -> Recorded | ChangedMeanwhile:
    """Record a decision on a current finding (a correction when ``proof``: build_proof).

    ``seen``: the decision event the reviewer saw (None: none), its seq (0: none; the
    command line's --expect-seq), or NOT_CHECKED. When another decision is in force now
    (checked under the store's write lock), nothing is recorded: ChangedMeanwhile says
    which, unless it is this reviewer's own (a save of theirs that landed after the screen
    loaded, or a decision withdrawn): then it is recorded over that. ReviewError for a
    refusal (scope, reason, a concluded unit…). The TUI and the command line both decide
    through here."""
    expect = _expected_seq(seen)
    refused: ReviewError | None = None
    for _ in range(3):
        try:
            if proof is not None:
                event = record_correction(
                    reviews, store, finding_key, proof, reason=reason, expect_seq=expect
                )
            else:
                event = record_finding_decision(
                    reviews,
                    store,
                    finding_key,
                    decision,
                    reason=reason,
                    expect_seq=expect,
                    until=until,
                )
            return Recorded(event)
        except ReviewError as err:
            if err.key != "decision_changed":
                raise
            refused = err
            changed = current_decision(reviews, finding_key)
            if changed is not None and changed.reviewer != reviews.reviewer:
                return ChangedMeanwhile(changed)
            expect = changed.seq if changed is not None else 0
    assert refused is not None  # this reviewer's other sessions kept deciding it
    raise refused


def _expected_seq(seen: Event | int | None | bool) -> int | None:
    """The seq the store checks against (0: no decision; None: no check)."""
    if seen is NOT_CHECKED:
        return None
    if seen is None:
        return 0
    if isinstance(seen, Event):
        return seen.seq
    return int(seen)


def proof_from_typed(db_path: Path | str, store: Store, unit_code: str, typed: str, file: str):
    """The proof of a correction from what a reviewer typed (the resolution number and
    date, or a document) and an optional file path: build_proof's payload."""
    from .tracking import parse_proof

    number, day, document = parse_proof(typed)
    return build_proof(
        db_path,
        store,
        unit_code,
        resolution_number=number,
        resolution_date=day,
        document=document,
        file=file or None,
    )


def note_on_entity(
    reviews: EventStore,
    store: Store,
    kind: str,
    entity_id: str,
    text: str,
    *,
    finding_key: str | None = None,
    year: int | None = None,
) -> Event | EntityGone:
    """A note on any entity of the data (kind and id as a screen shows them), keyed by its
    natural key so that it survives a rebuild; on a finding when ``finding_key`` is given
    (``year``: the finding's; else the entity's)."""
    found = store.rows("views/entity_key", kind=kind, id=entity_id)
    if not found:
        return EntityGone()
    natural_key, unit_code, entity_year = found[0]
    return reviews.add_note(
        kind,
        natural_key,
        unit_code,
        text,
        finding_key=finding_key,
        year=year if finding_key is not None else entity_year,
    )


def undo(reviews: EventStore, event_id: str, finding_key: str) -> Event | None:
    """Withdraw one of this reviewer's decisions; returns the decision in force again on
    its finding (None: none). ReviewError when it cannot be withdrawn."""
    reviews.undo_decision(event_id)
    return current_decision(reviews, finding_key)
