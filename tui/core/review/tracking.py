"""Following every finding to the end: who must act, by when, with what proof, and what
is overdue (issue 17).

Everything here is derived from events of the review store (append-only, attributed, on
SQLite and PostgreSQL alike) and from data files; nothing is kept anywhere else:

- ``notice_issued`` (entity: the unit, a year): the conclusion notice's number and date;
- ``deadline_set`` (a finding): a reviewer's due date and/or owner for one finding,
  overriding the defaults;
- ``evidence`` (a finding): the proof of a correction, recorded in the same transaction
  as the 'corrected' decision: the amending resolution (number, date), a document
  reference, and optionally a file stored by content hash (core/evidence.py);
- ``decision_until`` (a finding): the end date of an 'accepted' / 'not applicable'
  decision, recorded with it; after that date the decision no longer counts and the
  finding is back in the reviewer's queue (the history stays in the log).

Their payload is JSON in the event's ``reason`` column. These kinds need no migration:
both stores accept any lower-case kind (SQLite migration 2, PostgreSQL migration 1).

Defaults come from data, never from code: data/rule_owners.csv (the body that must act
per rule, and the legal calendar entry when the law sets a date), data/legal_calendar.csv
(the dates, each with its source and ``confirmed`` flag), data/correction_owners.csv
(the bodies' names), and the ``correction_days`` setting of data/settings.csv for
everything else ("30 ngày kể từ ngày thông báo").

"Today" is NTM_REVIEW_TODAY when set (tests, or a lead who wants to see a date ahead),
else the machine's date.

Nothing here imports textual.
"""

from __future__ import annotations

import csv
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from ..errors import UsageError
from ..lang.language import Lang, as_lang
from ..paths import DATA_DIR

__all__ = [
    "TODAY_ENV_VAR",
    "TRACKING_KINDS",
    "Evidence",
    "Ledger",
    "Tracking",
    "default_due",
    "owner_label",
    "owners",
    "parse_day",
    "today",
]

TODAY_ENV_VAR = "NTM_REVIEW_TODAY"
TRACKING_KINDS: tuple[str, ...] = ("notice_issued", "deadline_set", "evidence", "decision_until")
# Decisions that end the need to correct, and so may carry an end date.
EXPIRING_DECISIONS = frozenset({"accepted", "not_applicable"})


# -- dates ----------------------------------------------------------------------------


def parse_day(text: object) -> date | None:
    """A date written 2023-10-02 or 02/10/2023 (None when it is neither)."""
    if isinstance(text, date) and not isinstance(text, datetime):
        return text
    if not isinstance(text, str):
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def today() -> date:
    """NTM_REVIEW_TODAY (2026-12-03 or 03/12/2026) when set, else the machine's date."""
    value = os.environ.get(TODAY_ENV_VAR, "").strip()
    if not value:
        return date.today()
    found = parse_day(value)
    if found is None:
        raise UsageError("bad_today", value=value, variable=TODAY_ENV_VAR)
    return found


def vn_day(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


# -- data -----------------------------------------------------------------------------


def _csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


@dataclass(frozen=True)
class CalendarEntry:
    key: str
    kind: str  # 'fixed_day' (day/month, next one on or after the notice) | 'after_anchor'
    month: int | None
    day: int | None
    after_days: int | None
    anchor: str
    owner: str
    source: str
    confirmed: bool


def _int(text: str) -> int | None:
    return int(text) if text.strip().isdigit() else None


@cache
def calendar() -> dict[str, CalendarEntry]:
    return {
        row["key"]: CalendarEntry(
            row["key"],
            row["kind"],
            _int(row["month"]),
            _int(row["day"]),
            _int(row["after_days"]),
            row["anchor"],
            row["owner"],
            row["source"],
            row["confirmed"].lower() == "true",
        )
        for row in _csv("legal_calendar.csv")
    }


@cache
def owners() -> dict[str, tuple[str, str]]:
    """Owner code → (Vietnamese name, English name)."""
    return {
        row["code"]: (row["label_vi"], row["label_en"]) for row in _csv("correction_owners.csv")
    }


@cache
def rule_owners() -> dict[str, tuple[str, str]]:
    """Rule id → (owner code, legal calendar key or '')."""
    return {row["rule_id"]: (row["owner"], row["calendar"]) for row in _csv("rule_owners.csv")}


@cache
def _settings() -> dict[str, str]:
    return {row["key"]: row["value"] for row in _csv("settings.csv")}


def correction_days() -> int:
    return int(_settings().get("correction_days") or 30)


def owner_label(code: str | None, lang: Lang | str) -> str:
    if not code:
        return ""
    return as_lang(lang).pair(owners().get(code, (code, code)))


def default_owner(rule_id: str) -> str:
    return rule_owners().get(rule_id, ("ubnd_xa", ""))[0]


def default_due(rule_id: str, notified: date) -> tuple[date, str]:
    """The due date of a correction asked on ``notified`` and where it comes from: the
    legal calendar entry of the rule (its source), else the correction_days setting."""
    key = rule_owners().get(rule_id, ("", ""))[1]
    entry = calendar().get(key) if key else None
    if entry is not None and entry.kind == "fixed_day" and entry.month and entry.day:
        due = date(notified.year, entry.month, entry.day)
        if due < notified:
            due = date(notified.year + 1, entry.month, entry.day)
        return due, entry.source
    if entry is not None and entry.kind == "after_anchor" and entry.after_days:
        anchor = parse_day(_settings().get(f"{entry.anchor}_date", ""))
        if anchor is not None and anchor + timedelta(days=entry.after_days) >= notified:
            return anchor + timedelta(days=entry.after_days), entry.source
    days = correction_days()
    return notified + timedelta(days=days), f"correction_days={days}"


# -- payloads -------------------------------------------------------------------------


def payload(values: Mapping[str, Any]) -> str:
    """The JSON an event's ``reason`` carries: stable (sorted keys), readable (UTF-8)."""
    return json.dumps(
        {k: v for k, v in values.items() if v not in (None, "")},
        ensure_ascii=False,
        sort_keys=True,
    )


def read_payload(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def fold_number(number: str) -> str:
    """A resolution number compared loosely: NFC, case, spaces and the Đ/D of NQ-HĐND."""
    text = unicodedata.normalize("NFC", number or "").strip().lower()
    text = text.replace("đ", "d")
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class Evidence:
    """The proof of one correction, as recorded (and, when the data holds the amending
    resolution, linked to it)."""

    resolution_number: str = ""
    resolution_date: date | None = None
    document: str = ""
    file_sha256: str = ""
    file_name: str = ""
    recorded_by: str = ""
    recorded_at: str = ""
    linked_resolution_id: str = ""  # set when the data holds the amending resolution

    @classmethod
    def from_payload(cls, values: Mapping[str, Any], reviewer: str, at: str) -> Evidence:
        return cls(
            resolution_number=str(values.get("resolution_number") or ""),
            resolution_date=parse_day(values.get("resolution_date")),
            document=str(values.get("document") or ""),
            file_sha256=str(values.get("file_sha256") or ""),
            file_name=str(values.get("file_name") or ""),
            recorded_by=reviewer,
            recorded_at=at,
        )

    def as_payload(self) -> dict[str, Any]:
        return {
            "resolution_number": self.resolution_number,
            "resolution_date": self.resolution_date.isoformat() if self.resolution_date else None,
            "document": self.document,
            "file_sha256": self.file_sha256,
            "file_name": self.file_name,
        }

    def text(self, lang: Lang | str) -> str:
        """'đã sửa bởi 15/NQ-HĐND ngày 02/10/2023' / 'corrected by 15/NQ-HĐND of 02/10/2023'
        once linked; otherwise what was recorded."""
        lang = as_lang(lang)
        parts = []
        if self.resolution_number:
            number, when = self.resolution_number, vn_day(self.resolution_date)
            if self.linked_resolution_id:
                parts.append(
                    lang.pick(
                        f"đã sửa bởi {number} ngày {when}", f"corrected by {number} of {when}"
                    )
                )
            else:
                parts.append(
                    lang.pick(
                        f"nghị quyết {number} ngày {when} (chưa có trong dữ liệu)",
                        f"resolution {number} of {when} (not yet in the data)",
                    )
                )
        if self.document:
            parts.append(lang.pick(f"văn bản: {self.document}", f"document: {self.document}"))
        if self.file_sha256:
            name, digest = self.file_name or "?", self.file_sha256[:12]
            parts.append(
                lang.pick(f"tệp {name} (sha256 {digest}…)", f"file {name} (sha256 {digest}…)")
            )
        return "; ".join(parts)


@dataclass
class Tracking:
    """What follows one finding: owner, due date, notice, proof, expiry, overdue days."""

    finding_key: str
    owner: str = ""
    due: date | None = None
    due_source: str = ""  # the legal source, 'correction_days=30', or 'reviewer'
    notice_number: str = ""
    notice_date: date | None = None
    evidence: Evidence | None = None
    until: date | None = None  # end date of the acceptance in force
    expired: bool = False  # that acceptance ended: the finding is back in the queue
    overdue_days: int = 0

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0

    def public(self, lang: Lang | str) -> dict[str, Any]:
        return {
            "owner": self.owner,
            "owner_name": owner_label(self.owner, lang),
            "due": self.due.isoformat() if self.due else None,
            "due_source": self.due_source,
            "notice_number": self.notice_number or None,
            "notice_date": self.notice_date.isoformat() if self.notice_date else None,
            "evidence": self.evidence.text(lang) if self.evidence else None,
            "acceptance_until": self.until.isoformat() if self.until else None,
            "acceptance_expired": self.expired,
            "overdue_days": self.overdue_days,
        }


@dataclass
class Ledger:
    """The tracking events of a store, folded: the latest notice per (unit, year), the
    latest deadline override and evidence per finding, and each decision's end date."""

    # (unit, year) → (number, date, the finding keys it asked to correct; None: all)
    notices: dict[tuple[str, int], tuple[str, date, frozenset[str] | None]] = field(
        default_factory=dict
    )
    deadlines: dict[str, tuple[date | None, str]] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    until: dict[str, date] = field(default_factory=dict)  # decision event_id → end date

    @classmethod
    def from_events(cls, events: Iterable[Any]) -> Ledger:
        ledger = cls()
        for event in events:
            values = read_payload(event.reason)
            if event.kind == "notice_issued" and event.unit_code and event.year:
                issued = parse_day(values.get("date"))
                asked = values.get("findings")
                if issued is not None:
                    ledger.notices[(event.unit_code, event.year)] = (
                        str(values.get("number") or ""),
                        issued,
                        frozenset(map(str, asked)) if isinstance(asked, list) else None,
                    )
            elif event.kind == "deadline_set" and event.finding_key:
                due = parse_day(values.get("due"))
                old_due, old_owner = ledger.deadlines.get(event.finding_key, (None, ""))
                ledger.deadlines[event.finding_key] = (
                    due or old_due,
                    str(values.get("owner") or "") or old_owner,
                )
            elif event.kind == "evidence" and event.finding_key:
                ledger.evidence[event.finding_key] = Evidence.from_payload(
                    values, event.reviewer, event.created_at
                )
            elif event.kind == "decision_until":
                until = parse_day(values.get("until"))
                if until is not None and values.get("decision"):
                    ledger.until[str(values["decision"])] = until
        return ledger

    def expired(self, decision: Any, on: date) -> bool:
        """True when an accepted / not-applicable decision has passed its end date."""
        if decision is None or decision.decision not in EXPIRING_DECISIONS:
            return False
        until = self.until.get(decision.event_id)
        return until is not None and on > until

    def track(
        self,
        finding_key: str,
        rule_id: str,
        unit_code: str,
        year: int | None,
        decision: Any,
        on: date,
        *,
        resolved: bool = False,
    ) -> Tracking:
        """The tracking of one finding as of ``on``. ``decision`` is the latest decision
        event (expired ones included: this says so); ``resolved`` when the finding no
        longer occurs in the data."""
        item = Tracking(finding_key, owner=default_owner(rule_id))
        notice = self.notices.get((unit_code, year)) if year is not None else None
        # A finding that appeared after the notice was not asked of the commune by it.
        if notice is not None and (notice[2] is None or finding_key in notice[2]):
            item.notice_number, item.notice_date = notice[0], notice[1]
            item.due, item.due_source = default_due(rule_id, item.notice_date)
        due, owner = self.deadlines.get(finding_key, (None, ""))
        if due is not None:
            item.due, item.due_source = due, "reviewer"
        if owner:
            item.owner = owner
        item.evidence = self.evidence.get(finding_key)
        if decision is not None and decision.decision in EXPIRING_DECISIONS:
            item.until = self.until.get(decision.event_id)
            item.expired = self.expired(decision, on)
        in_force = None if decision is None or item.expired else decision.decision
        proven = in_force == "corrected" and item.evidence is not None
        settled = in_force in EXPIRING_DECISIONS or proven or resolved
        if item.due is not None and not settled and on > item.due:
            item.overdue_days = (on - item.due).days
        return item


KIND_LABELS: dict[str, tuple[str, str]] = {
    "notice_issued": ("Ban hành thông báo", "Notice issued"),
    "deadline_set": ("Hạn khắc phục", "Deadline"),
    "evidence": ("Bằng chứng khắc phục", "Proof of correction"),
    "decision_until": ("Hiệu lực quyết định", "Decision end date"),
}


def describe(event: Any, lang: Lang | str) -> str:
    """One line for a tracking event in the log (its payload, readable)."""
    lang = as_lang(lang)
    values = read_payload(event.reason)
    if event.kind == "notice_issued":
        number, when = values.get("number", ""), vn_day(parse_day(values.get("date")))
        return lang.pick(f"thông báo số {number} ngày {when}", f"notice {number} of {when}")
    if event.kind == "deadline_set":
        parts = []
        if values.get("due"):
            due = vn_day(parse_day(values["due"]))
            parts.append(lang.pick(f"hạn {due}", f"due {due}"))
        if values.get("owner"):
            parts.append(owner_label(values["owner"], lang))
        return ", ".join(parts)
    if event.kind == "evidence":
        return Evidence.from_payload(values, event.reviewer, event.created_at).text(lang)
    if event.kind == "decision_until":
        until = vn_day(parse_day(values.get("until")))
        return lang.pick(f"hiệu lực đến hết ngày {until}", f"in force until {until}")
    return event.reason


_PROOF = re.compile(
    r"^(?P<number>\S+)\s+(?:(?:ngày|ngay|of|dated)\s+)?(?P<day>\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})$",
    re.IGNORECASE,
)


def parse_proof(text: str) -> tuple[str, date | None, str]:
    """What a reviewer typed as the proof of a correction: (resolution number, its date,
    '') for "15/NQ-HĐND 02/10/2023" (or "… ngày 02/10/2023"), else ('', None, text) as a
    document reference. A date that does not exist leaves it a document reference."""
    text = unicodedata.normalize("NFC", text or "").strip()
    found = _PROOF.match(text)
    if found and "/" in found["number"]:
        day = parse_day(found["day"])
        if day is not None:
            return found["number"], day, ""
    return "", None, text
