"""Review events: the kinds and decisions, the ``Event`` row, the checks every value of a
new event passes, and pure folds over a list of events (undo effects, follow-up).

Nothing here touches a database or imports textual.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from types import MappingProxyType
from typing import Any

from ..lang.catalogue import CATALOGUE
from ..lang.language import LANG_CODES
from .errors import ReviewError

__all__ = [
    "DECISIONS",
    "DECISION_LABELS",
    "KINDS",
    "REASON_REQUIRED",
    "Event",
    "UndoEffect",
    "classify_followup",
    "corrected_but_present",
    "undo_effects",
]

DECISIONS: tuple[str, ...] = ("needs_correction", "accepted", "corrected", "not_applicable")
REASON_REQUIRED: frozenset[str] = frozenset({"accepted", "not_applicable"})
# An "undo" withdraws one decision event (its reason holds that event's id): the
# decision in force is then the latest one no undo withdrew. A "reopen" ends a unit's
# conclusion for a year. Both are new kinds only: the event table has taken any
# lower-case kind since store version 2 (PostgreSQL: from the start).
KINDS: tuple[str, ...] = ("decision", "note", "conclusion", "undo", "reopen")

# What each decision is called, by language code (the words live in the catalogue,
# tui/core/lang/reviewing.py, under "decision.<decision>").
DECISION_LABELS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        code: MappingProxyType({d: CATALOGUE["decision." + d][i] for d in DECISIONS})
        for i, code in enumerate(LANG_CODES)
    }
)


# ---------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Event:
    """One row of the append-only ``event`` table."""

    seq: int
    event_id: str
    kind: str
    finding_key: str | None
    entity_kind: str | None
    entity_key: str | None
    unit_code: str | None
    year: int | None
    decision: str | None
    previous_decision: str | None
    reason: str
    reviewer: str
    created_at: str

    @property
    def created(self) -> datetime:
        """created_at as an aware datetime."""
        return datetime.fromisoformat(self.created_at)

    @property
    def text(self) -> str:
        """The text of a note (stored in ``reason``)."""
        return self.reason


# Fields that must match when an event_id is sent again.
IDENTITY_FIELDS = (
    "kind",
    "finding_key",
    "entity_kind",
    "entity_key",
    "unit_code",
    "year",
    "decision",
    "reason",
    "reviewer",
)
# Every column an insert binds (all of Event's but seq).
INSERT_FIELDS = tuple(f.name for f in fields(Event) if f.name != "seq")

# ---------------------------------------------------------------------------
# The values of a new event
# ---------------------------------------------------------------------------


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="milliseconds")


def clean_text(text: str | None) -> str:
    """NFC (SSH clients may send NFD Vietnamese), trimmed; line breaks are kept."""
    if text is None:
        return ""
    if not isinstance(text, str):
        raise ReviewError("invalid_field", field="text")
    return unicodedata.normalize("NFC", text).strip()


def required_key(value: object, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ReviewError("invalid_field", field=name)
    return value


def optional_key(value: object, name: str) -> str | None:
    return None if value is None else required_key(value, name)


def checked_year(value: object, *, required: bool = False) -> int | None:
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
        raise ReviewError("invalid_field", field="year")
    return value


def new_event_id(value: str | None) -> str:
    if value is None:
        return str(uuid.uuid4())
    return required_key(value, "event_id")


def new_event(
    kind: str,
    *,
    unit_code: str,
    year: int | None,
    reason: str,
    reviewer: str,
    entity: tuple[str, str] | None = None,
    finding_key: str | None = None,
    finding_required: bool = False,
    year_required: bool = False,
    event_id: str | None = None,
) -> dict[str, Any]:
    """The values of a new event, each checked in column order (a ReviewError
    'invalid_field' names the first that is not valid). ``entity`` is (kind, key) of
    what it is about; None: the unit itself."""
    values: dict[str, Any] = {"event_id": new_event_id(event_id), "kind": kind}
    if finding_required:
        values["finding_key"] = required_key(finding_key, "finding_key")
    else:
        values["finding_key"] = optional_key(finding_key, "finding_key")
    if entity is None:
        values["entity_kind"] = "unit"
        values["entity_key"] = required_key(unit_code, "unit_code")
        values["unit_code"] = unit_code
    else:
        values["entity_kind"] = required_key(entity[0], "entity_kind")
        values["entity_key"] = required_key(entity[1], "entity_key")
        values["unit_code"] = required_key(unit_code, "unit_code")
    values.update(
        year=checked_year(year, required=year_required),
        reason=reason,
        reviewer=reviewer,
        created_at=now_iso(),
    )
    return values


# ---------------------------------------------------------------------------
# Follow-up helpers (pure)
# ---------------------------------------------------------------------------


def classify_followup(previous_keys: set[str], current_keys: set[str]) -> dict[str, str]:
    """Compare the finding keys of two audit runs.

    'resolved' = only in the previous run, 'still_open' = in both, 'new' = only now.
    """
    result: dict[str, str] = {}
    for key in previous_keys:
        result[key] = "still_open" if key in current_keys else "resolved"
    for key in current_keys:
        if key not in previous_keys:
            result[key] = "new"
    return result


@dataclass(frozen=True)
class UndoEffect:
    """What one undo event did, as far as the events read with it tell: the decision it
    withdrew (None when that event is not among them) and the decision in force after
    it (None: no decision)."""

    withdrawn: Event | None
    restored: str | None


def undo_effects(events: Iterable[Event]) -> dict[str, UndoEffect]:
    """For each undo event among ``events`` (by its event_id), the decision it withdrew
    and the one in force after it, found by replaying the events in seq order."""
    standing: dict[str, list[Event]] = {}  # finding key -> its decisions not withdrawn
    effects: dict[str, UndoEffect] = {}
    for event in sorted(events, key=lambda e: e.seq):
        if event.finding_key is None:
            continue
        stack = standing.setdefault(event.finding_key, [])
        if event.kind == "decision":
            stack.append(event)
        elif event.kind == "undo":
            withdrawn = next((d for d in stack if d.event_id == event.reason), None)
            if withdrawn is not None:
                stack.remove(withdrawn)
            effects[event.event_id] = UndoEffect(
                withdrawn, stack[-1].decision if stack and withdrawn is not None else None
            )
    return effects


def corrected_but_present(decisions: Mapping[str, Event], current_keys: Iterable[str]) -> set[str]:
    """Keys whose latest decision is 'corrected' although the finding still occurs."""
    current = set(current_keys)
    return {
        key for key, event in decisions.items() if event.decision == "corrected" and key in current
    }
