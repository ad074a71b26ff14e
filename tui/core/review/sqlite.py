"""Review decision store: an append-only SQLite file in WAL mode.

The audited data is a read-only DuckDB file. Reviewers' decisions, notes and unit
conclusions go to a separate SQLite file next to it (see RELIABILITY.md: DuckDB loses
commits when processes take turns writing one file; SQLite in WAL mode does not).

Design rules:

* One table, ``event``, append-only. Triggers refuse UPDATE and DELETE, and an
  ``INSERT OR REPLACE`` that would overwrite a row is turned into a no-op.
* Every event carries an id made by the client (uuid4). Saving is idempotent: a retry
  with the same id returns the stored event and never adds a second row, so a save whose
  commit was not acknowledged (killed session, dropped SSH) can simply be sent again.
* Every write runs in ``BEGIN IMMEDIATE``, so ``previous_decision`` is read and the row
  inserted under the same write lock, and ``seq`` grows in commit order. A poller that
  remembers the last ``seq`` it saw therefore never misses another session's event.
* Several Unix users share the file through one group: it is created group-writable.
* The reviewer name is the OS login. Nothing but the constructor argument (meant for
  tests and this lowest layer only) can change it.

Nothing here imports textual.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import re
import sqlite3
import threading
import time
import tomllib
import unicodedata
import uuid
import weakref
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .. import sql
from ..lang.i18n import render
from ..safe import safe_row
from .chain import GENESIS_HASH, ChainReport, event_hash, walk_chain

__all__ = [
    "DECISIONS",
    "DECISION_LABELS",
    "REASON_REQUIRED",
    "STORE_VERSION",
    "ChainReport",
    "Event",
    "EventStore",
    "ReviewError",
    "ReviewStore",
    "ReviewerScope",
    "UndoEffect",
    "classify_followup",
    "corrected_but_present",
    "current_login",
    "undo_effects",
]

DECISIONS: tuple[str, ...] = ("needs_correction", "accepted", "corrected", "not_applicable")
REASON_REQUIRED: frozenset[str] = frozenset({"accepted", "not_applicable"})
# An "undo" withdraws one decision event (its reason holds that event's id): the
# decision in force is then the latest one no undo withdrew. A "reopen" ends a unit's
# conclusion for a year. Both are new kinds only: the event table has taken any
# lower-case kind since store version 2 (PostgreSQL: from the start).
KINDS: tuple[str, ...] = ("decision", "note", "conclusion", "undo", "reopen")

DECISION_LABELS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "vi": MappingProxyType(
            {
                "needs_correction": "Cần chỉnh sửa",
                "accepted": "Chấp nhận",
                "corrected": "Đã khắc phục",
                "not_applicable": "Không áp dụng",
            }
        ),
        "en": MappingProxyType(
            {
                "needs_correction": "Needs correction",
                "accepted": "Accepted",
                "corrected": "Corrected",
                "not_applicable": "Not applicable",
            }
        ),
    }
)

# "NTMR" as a big-endian 32-bit integer; marks the file as an ntm-review store.
APPLICATION_ID = 0x4E544D52
DEFAULT_BUSY_TIMEOUT = 10.0
# events_after() without a limit: larger than any seq, valid in SQLite and PostgreSQL.
_NO_LIMIT = 2**62

# ---------------------------------------------------------------------------
# Messages
# ---------------------------------------------------------------------------

_MESSAGES: dict[str, dict[str, str]] = {
    "invalid_decision": {
        "vi": "“{decision}” không phải là quyết định hợp lệ; hãy chọn Cần chỉnh sửa, "
        "Chấp nhận, Đã khắc phục hoặc Không áp dụng.",
        "en": "“{decision}” is not a valid decision; choose Needs correction, Accepted, "
        "Corrected or Not applicable.",
    },
    "reason_required": {
        "vi": "Quyết định “{label}” phải ghi rõ lý do.",
        "en": "The decision “{label}” needs a reason.",
    },
    "note_blank": {
        "vi": "Ghi chú đang để trống; hãy nhập nội dung trước khi lưu.",
        "en": "The note is empty; type some text before saving.",
    },
    "out_of_scope": {
        "vi": "Người rà soát {reviewer} không được phân công đơn vị {unit_code} nên chỉ "
        "được xem, không được ghi.",
        "en": "Reviewer {reviewer} is not assigned to unit {unit_code}, so they may read "
        "but not record.",
    },
    "unit_incomplete": {
        "vi": "Chưa thể kết luận đơn vị {unit_code} năm {year} vì còn {count} phát hiện "
        "chưa có quyết định.",
        "en": "Unit {unit_code} cannot be concluded for {year} because {count} {count:finding|findings} "
        "still {count:has|have} no decision.",
    },
    "store_unwritable": {
        "vi": "Không ghi được vào {path} ({detail}); các người rà soát cần chung một nhóm "
        "Unix, thư mục phải cho nhóm ghi và có setgid (chmod 2775), và umask phải là 002.",
        "en": "Cannot write to {path} ({detail}); reviewers need one shared Unix group, "
        "the folder must be group-writable with setgid (chmod 2775), and umask must be 002.",
    },
    "store_corrupt": {
        "vi": "{path} không phải là tệp SQLite lưu quyết định rà soát hoặc đã bị hỏng ({detail}).",
        "en": "{path} is not a SQLite review-decision file or is damaged ({detail}).",
    },
    "store_busy": {
        "vi": "Tệp {path} bận quá {seconds} giây nên thao tác chưa được thực hiện; hãy thử lại.",
        "en": "{path} stayed busy for more than {seconds} seconds, so nothing was done; try again.",
    },
    "store_too_new": {
        "vi": "Tệp {path} do phiên bản ntm-review mới hơn tạo ra (phiên bản dữ liệu "
        "{found}, bản này đọc được đến {supported}); hãy cập nhật ntm-review.",
        "en": "{path} was written by a newer ntm-review (store version {found}, this one "
        "reads up to {supported}); update ntm-review.",
    },
    "store_error": {
        "vi": "Lỗi khi truy cập tệp {path} ({detail}).",
        "en": "Error while accessing {path} ({detail}).",
    },
    "scope_invalid": {
        "vi": "Không dùng được tệp phân công người rà soát {path} ({detail}).",
        "en": "The reviewers file {path} cannot be used ({detail}).",
    },
    "until_not_allowed": {
        "vi": "Chỉ quyết định Chấp nhận hoặc Không áp dụng mới có ngày hết hiệu lực.",
        "en": "Only an Accepted or Not applicable decision can have an end date.",
    },
    "until_in_past": {
        "vi": "Ngày hết hiệu lực {until} đã qua (hôm nay là {today}); hãy chọn một ngày sau hôm nay.",
        "en": "The end date {until} has passed (today is {today}); choose a later date.",
    },
    "event_id_reused": {
        "vi": "Mã sự kiện {event_id} đã được dùng cho một nội dung khác.",
        "en": "Event id {event_id} was already used for different content.",
    },
    "invalid_field": {
        "vi": "Trường {field} bị thiếu hoặc không hợp lệ.",
        "en": "The field {field} is missing or invalid.",
    },
    "store_replaced": {
        "vi": "Tệp {path} đã bị xoá hoặc thay thế trong khi phiên này đang mở nên chưa lưu "
        "gì; hãy đóng rồi mở lại ntm-review.",
        "en": "{path} was deleted or replaced while this session was open, so nothing was "
        "saved; close and reopen ntm-review.",
    },
    "store_read_only": {
        "vi": "Bạn chỉ có quyền đọc {path}: xem được các quyết định nhưng không ghi được.",
        "en": "You may only read {path}: decisions can be seen but not recorded.",
    },
    "store_wal_missing": {
        "vi": "Tệp {path} thiếu {missing} sự kiện đã ghi (đã ghi đến số {recorded}, tệp chỉ có "
        "đến số {found}): có lẽ tệp được chép mà không kèm tệp -wal; hãy khôi phục từ bản "
        "ntm-review backup, hoặc xoá {marker} nếu các sự kiện đó được bỏ có chủ ý.",
        "en": "{path} lacks {missing} recorded {missing:event|events} (recorded up to number {recorded}, "
        "the file holds up to {found}): it was probably copied without its -wal file; "
        "restore it from an ntm-review backup, or delete {marker} if those events were "
        "removed on purpose.",
    },
    "pg_connect": {
        "vi": "Không kết nối được kho quyết định PostgreSQL {url} ({detail}).",
        "en": "Cannot connect to the PostgreSQL review store {url} ({detail}).",
    },
    "pg_not_initialised": {
        "vi": "Cơ sở dữ liệu {url} chưa có kho quyết định; người quản trị cần chạy "
        "ntm-review store init-postgres.",
        "en": "The database {url} holds no review store yet; the administrator needs to "
        "run ntm-review store init-postgres.",
    },
    "pg_refused": {
        "vi": "Máy chủ PostgreSQL {url} từ chối thao tác ({reason}).",
        "en": "The PostgreSQL server {url} refused ({reason}).",
    },
    "pg_copy_owner": {
        "vi": "Chỉ chủ sở hữu kho {url} mới chép được sự kiện kèm người rà soát gốc; {reviewer} "
        "không phải chủ sở hữu.",
        "en": "Only the owner of the store {url} may copy events with their original "
        "reviewers; {reviewer} is not the owner.",
    },
    "pg_copy_conflict": {
        "vi": "Kho {url} đã có sự kiện khác mang cùng số thứ tự nên không chép; hãy chép "
        "vào một kho mới.",
        "en": "The store {url} already holds other events with the same numbers, so "
        "nothing was copied; copy into a new store.",
    },
    "decision_changed": {
        "vi": "Phát hiện {finding} đã có quyết định khác với quyết định bạn đã xem: {who} ghi "
        "“{label}” lúc {when} (sự kiện số {seq}); không ghi đè. Xem lại, rồi ghi với "
        "--expect-seq {seq}, hoặc --force để ghi đè.",
        "en": "Finding {finding} now has another decision than the one you saw: {who} "
        "recorded “{label}” at {when} (event number {seq}); nothing was overwritten. Look "
        "again, then record with --expect-seq {seq}, or --force to overwrite.",
    },
    "decided_by_other": {
        "vi": "Phát hiện {finding} đang có quyết định “{label}” của {who} (lúc {when}, sự kiện "
        "số {seq}); không ghi đè. Ghi với --expect-seq {seq} hoặc --force nếu vẫn muốn ghi.",
        "en": "Finding {finding} holds “{label}” by {who} (at {when}, event number {seq}); "
        "nothing was overwritten. Record with --expect-seq {seq} or --force to overwrite it.",
    },
    "undo_nothing": {
        "vi": "Chưa có quyết định nào của bạn trong phiên này để hoàn tác.",
        "en": "You have recorded no decision in this session to undo.",
    },
    "undo_not_own": {
        "vi": "Chỉ hoàn tác được quyết định của chính mình; sự kiện số {seq} do {who} ghi.",
        "en": "Only your own decision can be undone; event number {seq} was recorded by {who}.",
    },
    "undo_superseded": {
        "vi": "Không hoàn tác: sau quyết định của bạn, {who} đã ghi “{label}” cho phát hiện "
        "{finding} lúc {when}.",
        "en": "Not undone: after your decision, {who} recorded “{label}” on finding {finding} "
        "at {when}.",
    },
    "undo_done_already": {
        "vi": "Quyết định này đã được hoàn tác hoặc thay bằng quyết định khác của bạn.",
        "en": "This decision was already undone or replaced by another of yours.",
    },
    "undo_concluded": {
        "vi": "Không hoàn tác: đơn vị {unit_code} năm {year} đã kết luận; hãy mở lại kết luận "
        "trước.",
        "en": "Not undone: unit {unit_code} is concluded for {year}; reopen the conclusion first.",
    },
    "unit_not_concluded": {
        "vi": "Đơn vị {unit_code} năm {year} chưa kết luận nên không có gì để mở lại.",
        "en": "Unit {unit_code} is not concluded for {year}, so there is nothing to reopen.",
    },
    "chain_broken": {
        "vi": "Nhật ký {path} đã bị sửa ngoài ntm-review: chuỗi băm đứt tại sự kiện số "
        "{seq} ({detail}).",
        "en": "The log {path} was changed outside ntm-review: the hash chain breaks at "
        "event number {seq} ({detail}).",
    },
}

# Localised text for the ``detail`` parameter of the store_* and scope_* messages.
_DETAILS: dict[str, dict[str, str]] = {
    "is_directory": {"vi": "đây là một thư mục", "en": "it is a directory"},
    "not_sqlite": {"vi": "không phải tệp SQLite", "en": "not a SQLite file"},
    "malformed": {"vi": "tệp SQLite bị hỏng", "en": "the SQLite file is malformed"},
    "foreign_db": {
        "vi": "đây là cơ sở dữ liệu của ứng dụng khác",
        "en": "it belongs to another application",
    },
    "dir_missing": {"vi": "thư mục không tồn tại", "en": "the folder does not exist"},
    "dir_not_writable": {
        "vi": "thư mục không cho phép tạo tệp",
        "en": "the folder does not allow creating files",
    },
    "file_not_writable": {"vi": "tệp không cho phép ghi", "en": "the file is not writable"},
    "read_only": {
        "vi": "tệp hoặc ổ đĩa chỉ cho đọc",
        "en": "the file or file system is read-only",
    },
    "cannot_open": {"vi": "không mở được tệp", "en": "the file cannot be opened"},
    "disk_full": {"vi": "ổ đĩa đã đầy", "en": "the disk is full"},
    "wal_unavailable": {
        "vi": "không bật được chế độ WAL, có thể do ổ mạng",
        "en": "WAL mode is unavailable, possibly a network file system",
    },
    "unreadable": {"vi": "không đọc được tệp", "en": "the file cannot be read"},
    "closed": {"vi": "kho đã được đóng", "en": "the store is closed"},
    "server_down": {
        "vi": "máy chủ không chạy hoặc không nghe ở địa chỉ này",
        "en": "the server is not running or not listening there",
    },
    "refused": {"vi": "máy chủ từ chối: {reason}", "en": "the server refused: {reason}"},
    "missing_link": {
        "vi": "sự kiện được thêm không qua ntm-review",
        "en": "an event was added without ntm-review",
    },
    "previous_mismatch": {
        "vi": "một sự kiện trước đó đã bị xoá hoặc sửa",
        "en": "an earlier event was deleted or changed",
    },
    "content_mismatch": {
        "vi": "nội dung sự kiện này đã bị sửa",
        "en": "this event's content was changed",
    },
    "event_deleted": {"vi": "sự kiện này đã bị xoá", "en": "this event was deleted"},
    "toml_syntax": {
        "vi": "sai cú pháp TOML ở dòng {line}, cột {column}",
        "en": "invalid TOML at line {line}, column {column}",
    },
    "toml_end": {"vi": "sai cú pháp TOML ở cuối tệp", "en": "invalid TOML at the end of the file"},
    "not_utf8": {"vi": "không phải văn bản UTF-8", "en": "not UTF-8 text"},
    "reviewers_not_table": {
        "vi": "mục [reviewers] phải là một bảng",
        "en": "[reviewers] must be a table",
    },
    "units_not_strings": {
        "vi": 'units của {name} phải là danh sách chuỗi trong ngoặc kép, ví dụ ["06745"]',
        "en": 'units of {name} must be a list of quoted strings, e.g. ["06745"]',
    },
}


def _lang(lang: str | None) -> str:
    return "en" if (lang or "").lower().startswith("en") else "vi"


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "?"


class ReviewError(Exception):
    """A refusal or failure with a message key, parameters and a localised sentence."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "vi") -> str:
        """One sentence in Vietnamese (default) or English ('en')."""
        lg = _lang(lang)
        values = _Missing({k: ("—" if v is None else v) for k, v in self.params.items()})
        decision = self.params.get("decision")
        if isinstance(decision, str):
            values.setdefault("label", DECISION_LABELS[lg].get(decision, decision))
        detail = self.params.get("detail")
        if isinstance(detail, str) and detail in _DETAILS:
            values["detail"] = render(_DETAILS[detail][lg], values)
        template = _MESSAGES.get(self.key, {}).get(lg)
        if template is None:
            return f"{self.key}: {self.params}"
        return render(template, values)

    def __reduce__(self) -> tuple[Any, ...]:
        # Survives pickling (multiprocessing) with key and params intact.
        return (_rebuild_error, (self.key, self.params))


def _rebuild_error(key: str, params: dict[str, Any]) -> ReviewError:
    return ReviewError(key, **params)


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
_IDENTITY = (
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
_INSERT_FIELDS = tuple(f.name for f in fields(Event) if f.name != "seq")

# ---------------------------------------------------------------------------
# Schema and migrations
# ---------------------------------------------------------------------------

# queries/review/sqlite/migration_NNN.sql takes the store from version NNN - 1 to NNN.
# Append, never edit.
_MIGRATIONS: tuple[str, ...] = (
    "review/sqlite/migration_001",
    # the hash chain; _migrate() then links the events already stored, once
    "review/sqlite/migration_002",
)
STORE_VERSION = len(_MIGRATIONS)

# ---------------------------------------------------------------------------
# Reviewer identity and scope
# ---------------------------------------------------------------------------


def current_login() -> str:
    """The OS login of the effective user. Deliberately not taken from the environment."""
    uid = os.geteuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid{uid}"


@dataclass(frozen=True, eq=False)
class ReviewerScope:
    """Which units each reviewer may record on. Everyone may always read.

    ``units_by_reviewer`` is None when there is no reviewers file: then everyone may
    record on everything. In an existing file, an unlisted reviewer may record nothing.
    """

    units_by_reviewer: Mapping[str, frozenset[str]] | None = None
    source: Path | None = field(default=None)

    @classmethod
    def load(cls, path: Path | None) -> ReviewerScope:
        """Read a reviewers TOML file; a missing file (or None) means no restriction."""
        if path is None:
            return cls()
        path = Path(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return cls()
        except IsADirectoryError as exc:
            raise ReviewError("scope_invalid", path=str(path), detail="is_directory") from exc
        except OSError as exc:
            raise ReviewError("scope_invalid", path=str(path), detail="unreadable") from exc
        try:
            doc = tomllib.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise ReviewError("scope_invalid", path=str(path), detail="not_utf8") from exc
        except tomllib.TOMLDecodeError as exc:
            # tomllib's message is English: only where the error is goes into ours.
            found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
            if found is None:
                raise ReviewError("scope_invalid", path=str(path), detail="toml_end") from exc
            raise ReviewError(
                "scope_invalid",
                path=str(path),
                detail="toml_syntax",
                line=int(found.group(1)),
                column=int(found.group(2)),
            ) from exc
        reviewers = doc.get("reviewers", {})
        if not isinstance(reviewers, dict):
            raise ReviewError("scope_invalid", path=str(path), detail="reviewers_not_table")
        table: dict[str, frozenset[str]] = {}
        for name, entry in reviewers.items():
            units = entry.get("units", []) if isinstance(entry, dict) else None
            if isinstance(units, str):
                units = [units]
            if not isinstance(units, list) or not all(isinstance(u, str) for u in units):
                # Unquoted codes would lose their leading zeros (06745 -> 6745): refuse.
                raise ReviewError(
                    "scope_invalid", path=str(path), detail="units_not_strings", name=name
                )
            table[name] = frozenset(u.strip() for u in units if u.strip())
        return cls(MappingProxyType(table), path)

    @property
    def restricted(self) -> bool:
        return self.units_by_reviewer is not None

    def units_for(self, reviewer: str) -> frozenset[str] | None:
        """The units a reviewer may record on; None means all units."""
        if self.units_by_reviewer is None:
            return None
        units = self.units_by_reviewer.get(reviewer, frozenset())
        return None if "*" in units else units

    def allows(self, reviewer: str, unit_code: str | None) -> bool:
        units = self.units_for(reviewer)
        if units is None:
            return True
        return unit_code is not None and unit_code.strip() in units


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


# ---------------------------------------------------------------------------
# Store
# ---------------------------------------------------------------------------

# Connections inherited across fork() belong to the parent: the child must never use
# or close them (closing could checkpoint and unlink files the parent still uses).
_FORK_ORPHANS: list[sqlite3.Connection] = []
_LIVE_STORES: weakref.WeakSet[ReviewStore] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    for store in list(_LIVE_STORES):
        store._lock = threading.RLock()
        if store._conn is not None:
            _FORK_ORPHANS.append(store._conn)
            store._conn = None


os.register_at_fork(after_in_child=_after_fork_in_child)


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="milliseconds")


def _clean_text(text: str | None) -> str:
    """NFC (SSH clients may send NFD Vietnamese), trimmed; line breaks are kept."""
    if text is None:
        return ""
    if not isinstance(text, str):
        raise ReviewError("invalid_field", field="text")
    return unicodedata.normalize("NFC", text).strip()


def _required_key(value: object, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ReviewError("invalid_field", field=name)
    return value


def _optional_key(value: object, name: str) -> str | None:
    return None if value is None else _required_key(value, name)


def _year(value: object, *, required: bool = False) -> int | None:
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
        raise ReviewError("invalid_field", field="year")
    return value


def _event_id(value: str | None) -> str:
    if value is None:
        return str(uuid.uuid4())
    return _required_key(value, "event_id")


def _sql(name: str) -> str:
    """The SQLite text of a review-store query: queries/review/sqlite/<name>.sql where
    the dialects differ, else the shared queries/review/<name>.sql."""
    return sql.load(engine_query("sqlite", name))


def engine_query(engine: str, name: str) -> str:
    """The query name for one engine: its own file if it has one, else the shared one."""
    own = f"review/{engine}/{name}"
    return own if sql.query_path(own).exists() else f"review/{name}"


def _statements(script: str) -> Iterator[str]:
    """The statements of a migration script, one by one (executescript() would commit
    the BEGIN IMMEDIATE the migration runs in). complete_statement() knows that a
    trigger's body ends at END;, not at its first semicolon."""
    buffer: list[str] = []
    for line in script.splitlines(keepends=True):
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer.append(line)
        text = "".join(buffer)
        if sqlite3.complete_statement(text):
            yield text
            buffer = []
    if "".join(buffer).strip():
        yield "".join(buffer)


def read_last_event_marker(marker: Path) -> int | None:
    """The seq a store's ``-last`` file records, or None (missing, unreadable, garbage)."""
    try:
        text = marker.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None


def _sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


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
        for name in _IDENTITY:
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
        reason = _clean_text(reason)
        if decision in REASON_REQUIRED and not reason:
            raise ReviewError("reason_required", decision=decision)
        if until is not None:
            from .tracking import today, vn_day

            if decision not in REASON_REQUIRED:
                raise ReviewError("until_not_allowed")
            if until <= today():
                raise ReviewError("until_in_past", until=vn_day(until), today=vn_day(today()))
        values: dict[str, Any] = {
            "event_id": _event_id(event_id),
            "kind": "decision",
            "finding_key": _required_key(finding_key, "finding_key"),
            "entity_kind": _required_key(entity_kind, "entity_kind"),
            "entity_key": _required_key(entity_key, "entity_key"),
            "unit_code": _required_key(unit_code, "unit_code"),
            "year": _year(year),
            "decision": decision,
            "previous_decision": None,
            "reason": reason,
            "reviewer": self.reviewer,
            "created_at": _now(),
        }
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
        undone_id = _required_key(decision_event_id, "event_id")
        rows = self._rows("event_by_id", {"event_id": undone_id})
        if not rows or self._event(rows[0]).kind != "decision":
            raise ReviewError("invalid_field", field="event_id")
        undone = self._event(rows[0])
        if undone.reviewer != self.reviewer:
            raise ReviewError("undo_not_own", seq=undone.seq, who=undone.reviewer)
        values: dict[str, Any] = {
            "event_id": _event_id(event_id),
            "kind": "undo",
            "finding_key": undone.finding_key,
            "entity_kind": undone.entity_kind,
            "entity_key": undone.entity_key,
            "unit_code": undone.unit_code,
            "year": undone.year,
            "reason": undone.event_id,
            "reviewer": self.reviewer,
            "created_at": _now(),
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
        values: dict[str, Any] = {
            "event_id": _event_id(event_id),
            "kind": "reopen",
            "finding_key": None,
            "entity_kind": "unit",
            "entity_key": _required_key(unit_code, "unit_code"),
            "unit_code": unit_code,
            "year": _year(year, required=True),
            "reason": _clean_text(reason),
            "reviewer": self.reviewer,
            "created_at": _now(),
        }
        self._check_scope(unit_code)

        def check(tx: Any) -> None:
            if unit_code not in {r[0] for r in tx("concluded_units", {"year": year})}:
                raise ReviewError("unit_not_concluded", unit_code=unit_code, year=year)

        return self._same_content(self._save(values, check=check), values)

    def _companion(self, values: Mapping[str, Any], kind: str, text: str) -> dict[str, Any]:
        extra = {name: values[name] for name in _INSERT_FIELDS if name in values}
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
        values: dict[str, Any] = {
            "event_id": _event_id(event_id),
            "kind": kind,
            "finding_key": _optional_key(finding_key, "finding_key"),
            "entity_kind": _required_key(entity_kind, "entity_kind"),
            "entity_key": _required_key(entity_key, "entity_key"),
            "unit_code": _required_key(unit_code, "unit_code"),
            "year": _year(year),
            "reason": text,
            "reviewer": self.reviewer,
            "created_at": _now(),
        }
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
        text = _clean_text(text)
        if not text:
            raise ReviewError("note_blank")
        values: dict[str, Any] = {
            "event_id": _event_id(event_id),
            "kind": "note",
            "finding_key": _optional_key(finding_key, "finding_key"),
            "entity_kind": _required_key(entity_kind, "entity_kind"),
            "entity_key": _required_key(entity_key, "entity_key"),
            "unit_code": _required_key(unit_code, "unit_code"),
            "year": _year(year),
            "reason": text,
            "reviewer": self.reviewer,
            "created_at": _now(),
        }
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
        values: dict[str, Any] = {
            "event_id": _event_id(event_id),
            "kind": "conclusion",
            "finding_key": None,
            "entity_kind": "unit",
            "entity_key": _required_key(unit_code, "unit_code"),
            "unit_code": unit_code,
            "year": _year(year, required=True),
            "reason": _clean_text(reason),
            "reviewer": self.reviewer,
            "created_at": _now(),
        }
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


class ReviewStore(EventStore):
    """Append-only store of review events in a shared SQLite file (WAL mode).

    One connection per process (shared by its threads under a lock). Safe to use from
    many processes and many Unix users of one group at once.
    """

    def __init__(
        self,
        path: Path | str,
        reviewer: str | None = None,
        scope: ReviewerScope | None = None,
        *,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
        read_only: bool = False,
    ) -> None:
        self.path = Path(path)
        # A reviewer with group read but no write access still sees every decision.
        self.read_only = bool(read_only)
        # Only this constructor argument can override the OS login (tests, lowest layer).
        self.reviewer = current_login() if reviewer is None else reviewer
        if not isinstance(self.reviewer, str) or not self.reviewer.strip():
            raise ReviewError("invalid_field", field="reviewer")
        self.scope = scope if scope is not None else ReviewerScope()
        self.busy_timeout = float(busy_timeout)
        self._lock = threading.RLock()
        self._closed = False
        self._conn: sqlite3.Connection | None = None
        self._immutable_stamp: tuple[object, ...] | None = None
        self._conn = self._open()
        # The file this session opened: a write first checks it is still the one at
        # self.path (not deleted, not replaced by a restore or a copy).
        self._identity = self._file_identity()
        _LIVE_STORES.add(self)

    def _file_identity(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_dev, st.st_ino)

    # -- lifecycle ---------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._conn is not None:
                conn, self._conn = self._conn, None
                with contextlib.suppress(sqlite3.Error):
                    conn.close()

    engine = "sqlite"

    @property
    def location(self) -> str:
        return str(self.path)

    def _precheck(self) -> None:
        """Turn the common setup mistakes into clear errors before SQLite sees them."""
        path = self.path
        if path.is_dir():
            raise ReviewError("store_corrupt", path=str(path), detail="is_directory")
        folder = path.parent
        if not folder.is_dir():
            raise ReviewError("store_unwritable", path=str(folder), detail="dir_missing")
        # WAL mode creates (and the last closer removes) -wal and -shm next to the file.
        if not os.access(folder, os.W_OK | os.X_OK):
            raise ReviewError("store_unwritable", path=str(folder), detail="dir_not_writable")
        for candidate in (path, *_sidecars(path)):
            if candidate.exists() and not os.access(candidate, os.R_OK | os.W_OK):
                raise ReviewError(
                    "store_unwritable", path=str(candidate), detail="file_not_writable"
                )

    def _open(self) -> sqlite3.Connection:
        conn = self._open_connection()
        try:
            self._check_last_event(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    # -- the recorded last event -------------------------------------------------------

    @property
    def _marker(self) -> Path:
        """A small file beside the store naming the last event saved: a store restored
        from a copy made without its -wal (or deleted) then shows what it lacks."""
        return self.path.with_name(self.path.name + "-last")

    def _check_last_event(self, conn: sqlite3.Connection) -> None:
        recorded = read_last_event_marker(self._marker)
        if recorded is None:
            return
        try:
            (found,) = conn.execute(_sql("last_seq")).fetchone()
        except sqlite3.Error:
            return  # an empty file from before the schema: nothing to compare
        if recorded > found:
            raise ReviewError(
                "store_wal_missing",
                path=str(self.path),
                recorded=recorded,
                found=found,
                missing=recorded - found,
                marker=str(self._marker),
            )

    def _write_last_event(self, seq: int) -> None:
        """Best effort, after the commit: the decision is saved whatever happens here.
        One fixed-width record written in place (cheap enough for every save); O_NOFOLLOW
        so that a symlink planted at that name is never written through."""
        flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(self._marker, flags, 0o664)
        except OSError:
            return
        try:
            os.pwrite(fd, f"{seq:>20}\n".encode("ascii"), 0)
            st = os.fstat(fd)
            if st.st_uid == os.geteuid() and st.st_mode & 0o060 != 0o060:
                os.fchmod(fd, (st.st_mode & 0o7777) | 0o060)  # shared like the store
        except OSError:
            pass
        finally:
            os.close(fd)

    def _open_connection(self) -> sqlite3.Connection:
        if self.read_only:
            return self._connect_read_only()
        self._precheck()
        # Group-writable files: clear the group bits of the umask (as 0o002 does) but
        # keep whatever the user's umask says about "others".
        old_umask = os.umask(0o002)
        os.umask((old_umask & 0o007) | 0o002)
        try:
            conn = self._connect()
        finally:
            os.umask(old_umask)
        self._share_with_group()
        return conn

    def _share_with_group(self) -> None:
        """chmod g+rw on the files we own (the others are their owners' business)."""
        euid = os.geteuid()
        for candidate in (self.path, *_sidecars(self.path)):
            with contextlib.suppress(OSError):
                st = candidate.stat()
                if st.st_uid == euid and st.st_mode & 0o060 != 0o060:
                    candidate.chmod((st.st_mode & 0o7777) | 0o060)

    def _connect_read_only(self) -> sqlite3.Connection:
        """Open without ever writing: no migration, no -wal or -shm created if the
        folder refuses them (then the file is read as it is on disk, which is all there
        is when no -wal exists)."""
        if self.path.is_dir():
            raise ReviewError("store_corrupt", path=str(self.path), detail="is_directory")
        uri = self.path.resolve().as_uri()
        wal, shm = _sidecars(self.path)
        modes = ["?mode=ro"]
        if not wal.exists() and not os.access(self.path.parent, os.W_OK):
            modes.append("?mode=ro&immutable=1")
        failure: sqlite3.Error | None = None
        for mode in modes:
            try:
                conn = sqlite3.connect(
                    uri + mode,
                    uri=True,
                    timeout=self.busy_timeout,
                    isolation_level=None,
                    check_same_thread=False,
                )
                app_id = conn.execute("PRAGMA application_id").fetchone()[0]
                version = conn.execute("PRAGMA user_version").fetchone()[0]
            except sqlite3.Error as exc:
                failure = exc
                continue
            if app_id not in (0, APPLICATION_ID) or (version == 0 and app_id == 0):
                conn.close()
                raise ReviewError("store_corrupt", path=str(self.path), detail="foreign_db")
            if version > STORE_VERSION:
                conn.close()
                raise ReviewError(
                    "store_too_new", path=str(self.path), found=version, supported=STORE_VERSION
                )
            # An immutable read sees the file as it was; reopened when it changes.
            self._immutable_stamp = self._disk_stamp() if "immutable" in mode else None
            return conn
        assert failure is not None
        raise self._translate(failure) from failure

    def _connect(self) -> sqlite3.Connection:
        deadline = time.monotonic() + self.busy_timeout
        while True:
            try:
                conn = sqlite3.connect(
                    str(self.path),
                    timeout=self.busy_timeout,
                    isolation_level=None,  # we issue BEGIN IMMEDIATE / COMMIT ourselves
                    check_same_thread=False,  # guarded by self._lock
                )
            except sqlite3.Error as exc:
                raise self._translate(exc) from exc
            try:
                conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise ReviewError(
                        "store_unwritable", path=str(self.path), detail="wal_unavailable"
                    )
                conn.execute("PRAGMA synchronous = FULL")
                self._migrate(conn)
                return conn
            except ReviewError:
                conn.close()
                raise
            except sqlite3.Error as exc:
                conn.close()
                if self._is_busy(exc) and time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                raise self._translate(exc) from exc

    def _migrate(self, conn: sqlite3.Connection) -> None:
        # BEGIN IMMEDIATE also proves at open time that we can write, rather than at
        # the reviewer's first save.
        conn.execute("BEGIN IMMEDIATE")
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if app_id not in (0, APPLICATION_ID):
                raise ReviewError("store_corrupt", path=str(self.path), detail="foreign_db")
            if version > STORE_VERSION:
                raise ReviewError(
                    "store_too_new", path=str(self.path), found=version, supported=STORE_VERSION
                )
            if version == 0:
                (count,) = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                if count:  # some other application's SQLite file: do not touch it
                    raise ReviewError("store_corrupt", path=str(self.path), detail="foreign_db")
            for script in _MIGRATIONS[version:]:
                for statement in _statements(sql.load(script)):
                    conn.execute(statement)
            if version < 2:
                self._link_existing_events(conn)
            if version < STORE_VERSION:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {STORE_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise

    @staticmethod
    def _link_existing_events(conn: sqlite3.Connection) -> None:
        """Chain the events of a store that predates the chain, once, and record from
        which seq on links were written at save time (README: what this can prove)."""
        previous = GENESIS_HASH
        last = 0
        for row in conn.execute(
            _sql("events"), dict.fromkeys(("unit_code", "entity_key", "finding_key"))
        ):
            event = Event(*row)
            link = event_hash(previous, event)
            conn.execute(
                _sql("chain_insert"), {"seq": event.seq, "prev_hash": previous, "hash": link}
            )
            previous, last = link, event.seq
        conn.execute(_sql("meta_set"), {"key": "chain_since", "value": str(last + 1)})
        conn.execute(_sql("meta_set"), {"key": "chain_linked_at", "value": _now()})

    def _connection(self) -> sqlite3.Connection:
        if self._closed:
            raise ReviewError("store_error", path=str(self.path), detail="closed")
        if self._conn is None:  # first use in a forked child
            self._conn = self._open()
        return self._conn

    # -- error mapping -------------------------------------------------------

    @staticmethod
    def _is_busy(exc: sqlite3.Error) -> bool:
        text = str(exc).lower()
        return "locked" in text or "busy" in text

    def _translate(self, exc: sqlite3.Error) -> ReviewError:
        text = str(exc).lower()
        path = str(self.path)
        if self._is_busy(exc):
            return ReviewError("store_busy", path=path, seconds=round(self.busy_timeout))
        if "not a database" in text:
            return ReviewError("store_corrupt", path=path, detail="not_sqlite")
        if "malformed" in text or "corrupt" in text:
            return ReviewError("store_corrupt", path=path, detail="malformed")
        if "readonly" in text or "read-only" in text:
            return ReviewError("store_unwritable", path=path, detail="read_only")
        if "permission" in text or "access" in text:
            return ReviewError("store_unwritable", path=path, detail="file_not_writable")
        if "unable to open" in text:
            return ReviewError("store_unwritable", path=path, detail="cannot_open")
        if "full" in text:
            return ReviewError("store_unwritable", path=path, detail="disk_full")
        return ReviewError("store_error", path=path, detail=str(exc))

    # -- transactions ----------------------------------------------------------

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT under the process lock; sqlite errors translated."""
        with self._lock:
            if self.read_only:
                raise ReviewError("store_read_only", path=str(self.path))
            conn = self._connection()
            if self._file_identity() != self._identity:
                raise ReviewError("store_replaced", path=str(self.path))
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._translate(exc) from exc
            self._saved_seq: int | None = None
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise self._translate(exc) from exc
                raise
            if self._saved_seq is not None:
                self._write_last_event(self._saved_seq)

    def _disk_stamp(self) -> tuple[object, ...]:
        stamps: list[object] = []
        for candidate in (self.path, *_sidecars(self.path)):
            try:
                st = candidate.stat()
                stamps.append((st.st_ino, st.st_size, st.st_mtime_ns))
            except OSError:
                stamps.append(None)
        return tuple(stamps)

    def _refresh_immutable(self) -> None:
        """A read-only session opened while no -wal existed reads the file as immutable;
        once a writer has changed it (or started a -wal), open it again to see that."""
        if getattr(self, "_immutable_stamp", None) is None or self._conn is None:
            return
        if self._disk_stamp() != self._immutable_stamp:
            conn, self._conn = self._conn, None
            with contextlib.suppress(sqlite3.Error):
                conn.close()
            self._conn = self._open()

    def _query(self, name: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        with self._lock:
            self._refresh_immutable()
            try:
                return self._connection().execute(_sql(name), dict(params or {})).fetchall()
            except sqlite3.Error as exc:
                raise self._translate(exc) from exc

    def _rows(self, name: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        return self._query(name, params)

    def _keys(self, keys: list[str]) -> Any:
        return json.dumps(keys)  # json_each($keys) in the SQLite queries

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Any]:
        with self._write() as conn:
            yield lambda name, params=None: conn.execute(_sql(name), dict(params or {})).fetchall()

    def _append(self, tx: Any, values: dict[str, Any]) -> Event:
        """Insert one event (its id is known to be new) and its link in the hash chain."""
        if values["kind"] == "decision":
            row = tx("latest_decision", {"finding_key": values["finding_key"]})
            values["previous_decision"] = row[0][0] if row else None
        tx("event_insert", {name: values.get(name) for name in _INSERT_FIELDS})
        (row,) = tx("event_by_id", {"event_id": values["event_id"]})
        stored = Event(*row)
        last = tx("chain_last")
        previous = last[0][0] if last else GENESIS_HASH
        tx(
            "chain_insert",
            {"seq": stored.seq, "prev_hash": previous, "hash": event_hash(previous, stored)},
        )
        self._saved_seq = stored.seq
        return stored

    def integrity_check(self) -> str:
        """``PRAGMA integrity_check``: 'ok' when the file is sound."""
        rows = self._query("integrity_check")
        return "\n".join(str(r[0]) for r in rows)

    def verify_chain(self) -> ChainReport:
        """Walk the hash chain from the first event; the first broken link, if any."""
        try:
            walk = self._query("chain_walk")
            orphans = [r[0] for r in self._query("chain_orphans")]
            since = self._query("meta_get", {"key": "chain_since"})
        except ReviewError as err:
            if "no such table" in str(err.params.get("detail", "")):
                return ChainReport(checked=0, chained=False)
            raise
        report = walk_chain([(Event(*r[:13]), r[13], r[14]) for r in walk], orphans)
        report.chain_since = int(since[0][0]) if since else 1
        return report

    def backup(self, target: Path) -> None:
        """A consistent copy of the store (SQLite's online backup API: the -wal's content
        included) written to ``target``, which must not exist."""
        with self._lock:
            conn = self._connection()
            try:
                dest = sqlite3.connect(str(target))
                try:
                    conn.backup(dest)
                finally:
                    dest.close()
            except sqlite3.Error as exc:
                raise self._translate(exc) from exc
