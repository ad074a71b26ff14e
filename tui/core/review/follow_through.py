"""Following a finding to the end (issue 17), the service's side: the proof of a
correction (checked, its file stored), a correction recorded with it, deadlines and
owners, the conclusion notice issued, and every finding's tracking state as of a day.

Re-exported by tui.core.review.service, which the CLI and the TUI call. Nothing here
imports textual.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..paths import resolved_db_path
from .location import store_location
from .sqlite import Event, EventStore
from .targets import _require_unit, finding_target, unit_finding_keys

if TYPE_CHECKING:  # the store (and duckdb) load where a query runs
    from ..data.store import Store

__all__ = [
    "build_proof",
    "issue_notice",
    "link_evidence",
    "set_deadline",
    "track_findings",
]


def _match_resolution(store: Store, unit_code: str, number: str) -> list[tuple[str, str, object]]:
    from .tracking import fold_number

    wanted = fold_number(number)
    return [
        (rid, num, issued)
        for rid, num, issued in store.rows("views/unit_resolution_numbers", unit=unit_code)
        if fold_number(num) == wanted
    ]


def build_proof(
    db_path: Path | str,
    store: Store,
    unit_code: str,
    *,
    resolution_number: str | None = None,
    resolution_date=None,
    document: str | None = None,
    file: Path | str | None = None,
) -> dict:
    """The proof of a correction, checked, as the payload of an 'evidence' event.

    The amending resolution is matched to the data when the data holds it (same number:
    the date must agree). A file is stored by content hash beside the review store
    (core/evidence.py) before anything is recorded: a stored file without its event is
    harmless, an event naming a file that was not stored would not be.
    """
    from .evidence import evidence_dir, store_file
    from .tracking import Evidence, vn_day

    number = unicodedata.normalize("NFC", resolution_number or "").strip()
    document = unicodedata.normalize("NFC", document or "").strip()
    if not number and not document:
        raise UsageError("proof_required")
    if number and resolution_date is None:
        raise UsageError("resolution_date_required", number=number)
    if number:
        for _, found_number, issued in _match_resolution(store, unit_code, number):
            if issued is not None and issued != resolution_date:
                raise UsageError(
                    "resolution_date_mismatch",
                    number=found_number,
                    unit=unit_code,
                    in_data=vn_day(issued),
                    given=vn_day(resolution_date),
                )
    sha256 = name = ""
    if file is not None:
        folder = evidence_dir(store_location(resolved_db_path(Path(db_path))), Path(db_path))
        sha256, name, _ = store_file(folder, Path(file))
    proof = Evidence(
        resolution_number=number,
        resolution_date=resolution_date if number else None,
        document=document,
        file_sha256=sha256,
        file_name=name,
    )
    return proof.as_payload()


def set_deadline(
    reviews: EventStore,
    store: Store,
    finding_key: str,
    due=None,
    owner: str | None = None,
    event_id: str | None = None,
) -> Event:
    """A reviewer's due date and/or owner for one finding (overrides the defaults)."""
    from .tracking import owners, payload

    if due is None and not owner:
        raise UsageError("deadline_empty")
    if owner and owner not in owners():
        raise UsageError("unknown_owner", owner=owner, choices=", ".join(owners()))
    target = finding_target(store, finding_key)
    text = payload({"due": due.isoformat() if due else None, "owner": owner})
    return reviews.record_tracking(
        "deadline_set",
        target.entity_kind,
        target.entity_key,
        target.unit_code,
        target.year,
        text,
        finding_key=target.finding_key,
        event_id=event_id,
    )


def issue_notice(
    reviews: EventStore,
    store: Store,
    unit_code: str,
    year: int,
    number: str,
    issued_on,
    event_id: str | None = None,
) -> Event:
    """Record that the conclusion notice of a unit and year was issued (number, date):
    from then on its corrections have deadlines."""
    from .tracking import payload

    number = unicodedata.normalize("NFC", number or "").strip()
    if not number or issued_on is None:
        raise UsageError("notice_number_blank")
    _require_unit(store, unit_code)
    # The findings the notice asks about: one found later gets no deadline from it.
    asked = unit_finding_keys(store, unit_code, year)
    text = payload({"number": number, "date": issued_on.isoformat(), "findings": asked})
    return reviews.record_tracking(
        "notice_issued", "unit", unit_code, unit_code, year, text, event_id=event_id
    )


def link_evidence(store: Store, unit_code: str, evidence):
    """The evidence, linked to the amending resolution when the data now holds it (same
    unit, number and date)."""
    from dataclasses import replace

    if evidence is None or not evidence.resolution_number:
        return evidence
    for rid, _, issued in _match_resolution(store, unit_code, evidence.resolution_number):
        if issued == evidence.resolution_date:
            return replace(evidence, linked_resolution_id=rid)
    return evidence


def track_findings(
    store: Store,
    reviews: EventStore | None,
    rows,
    on=None,
    *,
    ledger=None,
) -> dict:
    """finding_key → tracking.Tracking for rows of (finding_key, rule_id, unit_code, year,
    resolved), as of ``on`` (default: tracking.today()). ``ledger``: the review store's
    ledger when the caller has it folded already (it only changes with the store's seq)."""
    from .tracking import Ledger, today

    on = on or today()
    rows = list(rows)
    if reviews is None:
        ledger, decisions = Ledger(), {}
    else:
        ledger = ledger if ledger is not None else reviews.ledger()
        keys = [r[0] for r in rows]
        decisions = reviews.current_decisions(keys, include_expired=True) if keys else {}
    result = {}
    for key, rule_id, unit_code, year, resolved in rows:
        item = ledger.track(
            key, rule_id, unit_code, year, decisions.get(key), on, resolved=resolved
        )
        item.evidence = link_evidence(store, unit_code, item.evidence)
        result[key] = item
    return result
