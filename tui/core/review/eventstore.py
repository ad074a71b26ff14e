"""What every review store does, whatever its engine: validation, idempotent saves under
the write lock, the reviewer's scope, and the reads. sqlite.py and postgres.py supply the
engine.

Nothing here imports textual.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime
from functools import cache
from typing import Any

from .. import sql
from ..safe import safe_row
from .chain import ChainReport
from .errors import ReviewError
from .events import (
    DECISIONS,
    IDENTITY_FIELDS,
    INSERT_FIELDS,
    REASON_REQUIRED,
    Event,
    clean_text,
    new_event,
    new_event_id,
    now_iso,
    required_key,
)
from .scope import ReviewerScope

__all__ = ["EventStore", "engine_query"]

# events_after() without a limit: larger than any seq, valid in SQLite and PostgreSQL.
_NO_LIMIT = 2**62


@cache
def engine_query(engine: str, name: str) -> str:
    """The query name for one engine: its own file if it has one, else the shared one
    (looked up once: every save runs several queries)."""
    own = f"review/{engine}/{name}"
    return own if sql.query_path(own).exists() else f"review/{name}"


class EventStore:
    """What every review store does, whatever its engine: validation, idempotent saves,
    the reviewer's scope and the reads. An engine supplies ``_transaction()`` (a write
    transaction yielding ``tx(query_name, params) -> rows``), ``_rows()`` (one read),
    ``_keys()`` (how a list of keys is bound) and ``_append()`` (insert one new event).
    """

    engine = ""
    #: True when the engine pushes other sessions' events (see subscribe()); False: poll
    #: last_seq().
    pushes_events = False
    reviewer: str
    scope: ReviewerScope

    @property
    def location(self) -> str:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(self, name: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _keys(self, keys: list[str]) -> Any:
        raise NotImplementedError

    def _transaction(self) -> contextlib.AbstractContextManager[Any]:
        raise NotImplementedError

    def _append(self, tx: Any, values: dict[str, Any]) -> Event:
        raise NotImplementedError

    def _event(self, row: tuple[Any, ...]) -> Event:
        return Event(*safe_row(row))  # notes are untrusted text (core/safe.py)

    def subscribe(self, callback: Any) -> bool:
        """Call ``callback()`` (from another thread) when any session records an event.
        False when the engine cannot push, and the caller should poll last_seq()."""
        return False

    def verify_chain(self) -> ChainReport:
        raise NotImplementedError

    # -- writes ----------------------------------------------------------------

    def _check_scope(self, unit_code: str | None) -> None:
        if not self.scope.allows(self.reviewer, unit_code):
            raise ReviewError("out_of_scope", reviewer=self.reviewer, unit_code=unit_code)

    @staticmethod
    def _same_content(stored: Event, values: Mapping[str, Any]) -> Event:
        for name in IDENTITY_FIELDS:
            if name in values and getattr(stored, name) != values[name]:
                raise ReviewError("event_id_reused", event_id=stored.event_id)
        return stored

    def _lock_writes(self, tx: Any) -> None:
        """Hold the store's write lock for the rest of the transaction, so that what a
        check reads still holds when the event is inserted (SQLite: BEGIN IMMEDIATE
        already holds it)."""

    def _save(
        self,
        values: dict[str, Any],
        must_be_decided: list[str] | None = None,
        check: Any = None,
        companions: list[dict[str, Any]] | None = None,
    ) -> Event:
        """Append unless the event_id is stored already; the stored event either way.
        ``check(tx)`` runs under the write lock before the insert and may refuse.

        ``companions`` are appended after it in the same transaction (the proof of a
        correction, the end date of an acceptance): all of them or none. Their ids are
        derived from the first event's, so a retried save stores nothing twice.
        """
        with self._transaction() as tx:
            found = tx("event_by_id", {"event_id": values["event_id"]})
            if found:
                return self._event(found[0])
            if check is not None:
                self._lock_writes(tx)
                check(tx)
            if must_be_decided:
                rows = tx("decided_keys", {"keys": self._keys(must_be_decided)})
                decided = {r[0] for r in rows} - self._expired_in(tx, must_be_decided)
                missing = [k for k in must_be_decided if k not in decided]
                if missing:
                    raise ReviewError(
                        "unit_incomplete",
                        unit_code=values["unit_code"],
                        year=values["year"],
                        count=len(missing),
                        missing=missing,
                    )
            stored = self._append(tx, values)
            for extra in companions or ():
                extra["event_id"] = str(
                    uuid.uuid5(uuid.UUID(int=0), f"{stored.event_id}|{extra['kind']}")
                )
                extra.setdefault("decision", None)
                extra.setdefault("previous_decision", None)
                self._append(tx, extra)
            return stored

    def _expired_in(self, tx: Any, keys: list[str]) -> set[str]:
        """Of these finding keys, those whose decision in force is an acceptance past its
        end date (read inside a write transaction)."""
        from .tracking import Ledger, today

        rows = tx("decision_until_events")
        if not rows:
            return set()
        ledger = Ledger.from_events(self._event(r) for r in rows)
        latest = tx("current_decisions_for", {"keys": self._keys(keys)})
        on = today()
        return {e.finding_key for e in map(self._event, latest) if ledger.expired(e, on)}

    def record_decision(
        self,
        finding_key: str,
        entity_kind: str,
        entity_key: str,
        unit_code: str,
        year: int | None,
        decision: str,
        reason: str = "",
        event_id: str | None = None,
        expect_seq: int | None = None,
        *,
        until: date | None = None,
        evidence: Mapping[str, Any] | None = None,
    ) -> Event:
        """Record a decision on a finding; idempotent on event_id.

        ``expect_seq``: the seq of the decision the reviewer saw in force (0: none); when
        another is in force now, nothing is recorded and ReviewError 'decision_changed'
        carries it (checked under the write lock). None: no check.
        ``until``: the end date of an accepted / not-applicable decision (a
        'decision_until' event in the same transaction). ``evidence``: the proof of a
        correction (an 'evidence' event in the same transaction; core/tracking.py).
        """
        if decision not in DECISIONS:
            raise ReviewError("invalid_decision", decision=str(decision))
        reason = clean_text(reason)
        if decision in REASON_REQUIRED and not reason:
            raise ReviewError("reason_required", decision=decision)
        if until is not None:
            from .tracking import today, vn_day

            if decision not in REASON_REQUIRED:
                raise ReviewError("until_not_allowed")
            if until <= today():
                raise ReviewError("until_in_past", until=vn_day(until), today=vn_day(today()))
        values = self._new_event(
            "decision",
            unit_code,
            year,
            reason,
            entity=(entity_kind, entity_key),
            finding_key=finding_key,
            finding_required=True,
            event_id=event_id,
        )
        values.update(decision=decision, previous_decision=None)
        self._check_scope(values["unit_code"])
        check = None
        if expect_seq is not None:
            key = values["finding_key"]

            def check(tx: Any) -> None:
                now = self._decision_in_force(tx, key)
                if (now.seq if now is not None else 0) != int(expect_seq):
                    if now is None:  # withdrawn since: the reviewer saw a decision
                        return
                    raise self.event_refusal("decision_changed", now)

        from .tracking import payload

        companions = []
        if until is not None:
            extra = {"until": until.isoformat(), "decision": values["event_id"]}
            companions.append(self._companion(values, "decision_until", payload(extra)))
        if evidence is not None:
            companions.append(self._companion(values, "evidence", payload(evidence)))
        saved = self._save(values, check=check, companions=companions)
        return self._same_content(saved, values)

    def _decision_in_force(self, tx: Any, finding_key: str) -> Event | None:
        rows = tx("current_decisions_for", {"keys": self._keys([finding_key])})
        return self._event(rows[0]) if rows else None

    @staticmethod
    def event_refusal(key: str, event: Event, **extra: Any) -> ReviewError:
        """A refusal that names an event: who, what, when, its seq and finding."""
        from ..fmt import vn_datetime
        from ..rules.findings import short_id

        return ReviewError(
            key,
            who=event.reviewer,
            decision=event.decision,
            when=vn_datetime(event.created_at),
            seq=event.seq,
            finding=short_id(event.finding_key) if event.finding_key else "—",
            finding_key=event.finding_key,
            **extra,
        )

    def undo_decision(self, decision_event_id: str, event_id: str | None = None) -> Event:
        """Withdraw one of this reviewer's decisions with an "undo" event: the decision
        in force on that finding is again the one before it. Refused (one sentence) when
        the decision is not this reviewer's, was already withdrawn or replaced, another
        reviewer decided the finding since, or its unit is concluded for that year."""
        undone_id = required_key(decision_event_id, "event_id")
        rows = self._rows("event_by_id", {"event_id": undone_id})
        if not rows or self._event(rows[0]).kind != "decision":
            raise ReviewError("invalid_field", field="event_id")
        undone = self._event(rows[0])
        if undone.reviewer != self.reviewer:
            raise ReviewError("undo_not_own", seq=undone.seq, who=undone.reviewer)
        values: dict[str, Any] = {
            "event_id": new_event_id(event_id),
            "kind": "undo",
            "finding_key": undone.finding_key,
            "entity_kind": undone.entity_kind,
            "entity_key": undone.entity_key,
            "unit_code": undone.unit_code,
            "year": undone.year,
            "reason": undone.event_id,
            "reviewer": self.reviewer,
            "created_at": now_iso(),
        }
        self._check_scope(undone.unit_code)

        def check(tx: Any) -> None:
            now = self._decision_in_force(tx, undone.finding_key or "")
            if now is None or now.event_id != undone.event_id:
                if now is not None and now.reviewer != self.reviewer and now.seq > undone.seq:
                    raise self.event_refusal("undo_superseded", now)
                raise ReviewError("undo_done_already")
            if undone.year is not None:
                concluded = {r[0] for r in tx("concluded_units", {"year": undone.year})}
                if undone.unit_code in concluded:
                    raise ReviewError(
                        "undo_concluded", unit_code=undone.unit_code, year=undone.year
                    )

        return self._same_content(self._save(values, check=check), values)

    def reopen_unit(
        self, unit_code: str, year: int, reason: str = "", event_id: str | None = None
    ) -> Event:
        """End a unit's conclusion for a year with a "reopen" event: the unit counts as
        not concluded again until it is concluded anew. Refused ('unit_not_concluded')
        when it is not concluded."""
        values = self._new_event(
            "reopen", unit_code, year, clean_text(reason), year_required=True, event_id=event_id
        )
        self._check_scope(unit_code)

        def check(tx: Any) -> None:
            if unit_code not in {r[0] for r in tx("concluded_units", {"year": year})}:
                raise ReviewError("unit_not_concluded", unit_code=unit_code, year=year)

        return self._same_content(self._save(values, check=check), values)

    def _new_event(
        self, kind: str, unit_code: str, year: int | None, reason: str, **about: Any
    ) -> dict[str, Any]:
        """The checked values of a new event by this reviewer (events.new_event)."""
        return new_event(
            kind, unit_code=unit_code, year=year, reason=reason, reviewer=self.reviewer, **about
        )

    def _companion(self, values: Mapping[str, Any], kind: str, text: str) -> dict[str, Any]:
        extra = {name: values[name] for name in INSERT_FIELDS if name in values}
        extra.update(kind=kind, decision=None, previous_decision=None, reason=text)
        return extra

    def record_tracking(
        self,
        kind: str,
        entity_kind: str,
        entity_key: str,
        unit_code: str,
        year: int | None,
        text: str,
        finding_key: str | None = None,
        event_id: str | None = None,
    ) -> Event:
        """Append one tracking event (core/tracking.py: notice_issued, deadline_set); its
        payload ``text`` is built and checked there."""
        from .tracking import TRACKING_KINDS

        if kind not in TRACKING_KINDS:
            raise ReviewError("invalid_field", field="kind")
        values = self._new_event(
            kind,
            unit_code,
            year,
            text,
            entity=(entity_kind, entity_key),
            finding_key=finding_key,
            event_id=event_id,
        )
        self._check_scope(values["unit_code"])
        return self._same_content(self._save(values), values)

    def tracking_events(self) -> list[Event]:
        """Every notice_issued, deadline_set, evidence and decision_until event, by seq."""
        return [self._event(r) for r in self._rows("tracking_events")]

    def ledger(self):
        """The tracking events folded (core/tracking.Ledger)."""
        from .tracking import Ledger

        return Ledger.from_events(self.tracking_events())

    def add_note(
        self,
        entity_kind: str,
        entity_key: str,
        unit_code: str,
        text: str,
        finding_key: str | None = None,
        year: int | None = None,
        event_id: str | None = None,
    ) -> Event:
        """Add a free-text note on an entity (optionally on one finding)."""
        text = clean_text(text)
        if not text:
            raise ReviewError("note_blank")
        values = self._new_event(
            "note",
            unit_code,
            year,
            text,
            entity=(entity_kind, entity_key),
            finding_key=finding_key,
            event_id=event_id,
        )
        self._check_scope(values["unit_code"])
        return self._same_content(self._save(values), values)

    def conclude_unit(
        self,
        unit_code: str,
        year: int,
        open_finding_keys: Collection[str],
        event_id: str | None = None,
        reason: str = "",
    ) -> Event:
        """Record that a unit's review for a year is finished.

        Refused with 'unit_incomplete' while any of open_finding_keys has no decision.
        """
        values = self._new_event(
            "conclusion", unit_code, year, clean_text(reason), year_required=True, event_id=event_id
        )
        self._check_scope(unit_code)
        stored = self._save(values, must_be_decided=sorted(set(open_finding_keys)))
        return self._same_content(stored, values)

    # -- reads -----------------------------------------------------------------

    def current_decisions(
        self, finding_keys: Iterable[str] | None = None, *, include_expired: bool = False
    ) -> dict[str, Event]:
        """The decision in force per finding key (all keys if finding_keys is None).

        An accepted / not-applicable decision past its end date is no longer in force:
        left out (the finding is back in the queue) unless ``include_expired``.
        """
        if finding_keys is None:
            rows = self._rows("current_decisions")
        else:
            keys = sorted(set(finding_keys))
            if not keys:
                return {}
            rows = self._rows("current_decisions_for", {"keys": self._keys(keys)})
        events = [self._event(r) for r in rows]
        found = {e.finding_key: e for e in events if e.finding_key is not None}
        if include_expired or not any(e.decision in REASON_REQUIRED for e in found.values()):
            return found
        limits = self._rows("decision_until_events")
        if not limits:
            return found
        from .tracking import Ledger, today

        ledger = Ledger.from_events(self._event(r) for r in limits)
        on = today()
        return {k: e for k, e in found.items() if not ledger.expired(e, on)}

    def events(
        self,
        unit_code: str | None = None,
        since: date | datetime | None = None,
        entity_key: str | None = None,
        finding_key: str | None = None,
    ) -> list[Event]:
        """The audit trail, ordered by seq.

        ``since`` as a datetime keeps events at or after that instant (a naive datetime
        is local time); as a date, events from that calendar day on (in the offset each
        event was recorded with).
        """
        params = {"unit_code": unit_code, "entity_key": entity_key, "finding_key": finding_key}
        result = [self._event(r) for r in self._rows("events", params)]
        if isinstance(since, datetime):
            instant = since if since.tzinfo is not None else since.astimezone()
            result = [e for e in result if e.created >= instant]
        elif isinstance(since, date):
            result = [e for e in result if e.created.date() >= since]
        return result

    def last_seq(self) -> int:
        """The highest seq in the store (0 when empty); cheap enough to poll."""
        return int(self._rows("last_seq")[0][0])

    def events_after(self, seq: int, limit: int | None = None) -> list[Event]:
        """Events with seq greater than ``seq``, in order (for polling other sessions)."""
        params = {"seq": int(seq), "limit": _NO_LIMIT if limit is None else int(limit)}
        return [self._event(r) for r in self._rows("events_after", params)]

    def concluded_units(self, year: int) -> set[str]:
        return {r[0] for r in self._rows("concluded_units", {"year": year})}
