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
import os
import pwd
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

from .safe import safe_rows

__all__ = [
    "DECISIONS",
    "DECISION_LABELS",
    "REASON_REQUIRED",
    "STORE_VERSION",
    "Event",
    "ReviewError",
    "ReviewStore",
    "ReviewerScope",
    "classify_followup",
    "corrected_but_present",
    "current_login",
]

DECISIONS: tuple[str, ...] = ("needs_correction", "accepted", "corrected", "not_applicable")
REASON_REQUIRED: frozenset[str] = frozenset({"accepted", "not_applicable"})
KINDS: tuple[str, ...] = ("decision", "note", "conclusion")

DECISION_LABELS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "vi": MappingProxyType(
            {
                "needs_correction": "Cần chỉnh sửa",
                "accepted": "Chấp nhận",
                "corrected": "Đã chỉnh sửa",
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
# Keep IN (...) lists well below SQLite's bound-parameter limit.
_CHUNK = 500

# ---------------------------------------------------------------------------
# Messages
# ---------------------------------------------------------------------------

_MESSAGES: dict[str, dict[str, str]] = {
    "invalid_decision": {
        "vi": "“{decision}” không phải là quyết định hợp lệ; hãy chọn Cần chỉnh sửa, "
        "Chấp nhận, Đã chỉnh sửa hoặc Không áp dụng.",
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
        "en": "Unit {unit_code} cannot be concluded for {year} because {count} finding(s) "
        "still have no decision.",
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
    "event_id_reused": {
        "vi": "Mã sự kiện {event_id} đã được dùng cho một nội dung khác.",
        "en": "Event id {event_id} was already used for different content.",
    },
    "invalid_field": {
        "vi": "Trường {field} bị thiếu hoặc không hợp lệ.",
        "en": "The field {field} is missing or invalid.",
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
    "toml_syntax": {"vi": "sai cú pháp TOML: {error}", "en": "invalid TOML: {error}"},
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
            values["detail"] = _DETAILS[detail][lg].format_map(values)
        template = _MESSAGES.get(self.key, {}).get(lg)
        if template is None:
            return f"{self.key}: {self.params}"
        return template.format_map(values)

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


_COLUMNS = tuple(f.name for f in fields(Event))
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM event"
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

# ---------------------------------------------------------------------------
# Schema and migrations
# ---------------------------------------------------------------------------

_DECISION_LIST = ", ".join(f"'{d}'" for d in DECISIONS)
_KIND_LIST = ", ".join(f"'{k}'" for k in KINDS)

# _MIGRATIONS[n] takes the store from version n to n + 1. Append, never edit.
_MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        f"""
        CREATE TABLE event (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            event_id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ({_KIND_LIST})),
            finding_key TEXT,
            entity_kind TEXT,
            entity_key TEXT,
            unit_code TEXT,
            year INTEGER CHECK (year IS NULL OR typeof(year) = 'integer'),
            decision TEXT CHECK (decision IS NULL OR decision IN ({_DECISION_LIST})),
            previous_decision TEXT
                CHECK (previous_decision IS NULL OR previous_decision IN ({_DECISION_LIST})),
            reason TEXT NOT NULL DEFAULT '',
            reviewer TEXT NOT NULL CHECK (reviewer <> ''),
            created_at TEXT NOT NULL,
            CHECK (kind <> 'decision' OR (decision IS NOT NULL AND finding_key IS NOT NULL)),
            CHECK (kind = 'decision' OR (decision IS NULL AND previous_decision IS NULL))
        )
        """,
        "CREATE INDEX event_finding ON event (finding_key, seq) WHERE kind = 'decision'",
        "CREATE INDEX event_unit ON event (unit_code, year)",
        "CREATE INDEX event_entity ON event (entity_key)",
        """
        CREATE TRIGGER event_no_update BEFORE UPDATE ON event
        BEGIN SELECT RAISE(ABORT, 'event is append-only: UPDATE is not allowed'); END
        """,
        """
        CREATE TRIGGER event_no_delete BEFORE DELETE ON event
        BEGIN SELECT RAISE(ABORT, 'event is append-only: DELETE is not allowed'); END
        """,
        # REPLACE conflict resolution deletes without firing DELETE triggers (unless
        # recursive_triggers is on), so skip any insert that would overwrite a row.
        """
        CREATE TRIGGER event_no_replace BEFORE INSERT ON event
        WHEN EXISTS (SELECT 1 FROM event WHERE event_id = NEW.event_id)
          OR EXISTS (SELECT 1 FROM event WHERE seq = NEW.seq)
        BEGIN SELECT RAISE(IGNORE); END
        """,
    ),
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
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ReviewError(
                "scope_invalid", path=str(path), detail="toml_syntax", error=str(exc)
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


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


class ReviewStore:
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
    ) -> None:
        self.path = Path(path)
        # Only this constructor argument can override the OS login (tests, lowest layer).
        self.reviewer = current_login() if reviewer is None else reviewer
        if not isinstance(self.reviewer, str) or not self.reviewer.strip():
            raise ReviewError("invalid_field", field="reviewer")
        self.scope = scope if scope is not None else ReviewerScope()
        self.busy_timeout = float(busy_timeout)
        self._lock = threading.RLock()
        self._closed = False
        self._conn: sqlite3.Connection | None = None
        self._conn = self._open()
        _LIVE_STORES.add(self)

    # -- lifecycle ---------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._conn is not None:
                conn, self._conn = self._conn, None
                with contextlib.suppress(sqlite3.Error):
                    conn.close()

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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
            for step in _MIGRATIONS[version:]:
                for statement in step:
                    conn.execute(statement)
            if version < STORE_VERSION:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {STORE_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise

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
            conn = self._connection()
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._translate(exc) from exc
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise self._translate(exc) from exc
                raise

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return safe_rows(self._connection().execute(sql, tuple(params)).fetchall())
            except sqlite3.Error as exc:
                raise self._translate(exc) from exc

    @staticmethod
    def _get(conn: sqlite3.Connection, event_id: str) -> Event | None:
        row = conn.execute(f"{_SELECT} WHERE event_id = ?", (event_id,)).fetchone()
        return Event(*row) if row else None

    def _check_scope(self, unit_code: str | None) -> None:
        if not self.scope.allows(self.reviewer, unit_code):
            raise ReviewError("out_of_scope", reviewer=self.reviewer, unit_code=unit_code)

    def _insert(self, conn: sqlite3.Connection, values: dict[str, Any]) -> Event:
        """Insert unless the event_id exists; return the stored event either way."""
        names = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        conn.execute(
            f"INSERT INTO event ({names}) VALUES ({marks}) ON CONFLICT (event_id) DO NOTHING",
            tuple(values.values()),
        )
        stored = self._get(conn, values["event_id"])
        assert stored is not None
        return stored

    @staticmethod
    def _same_content(stored: Event, values: Mapping[str, Any]) -> Event:
        for name in _IDENTITY:
            if name in values and getattr(stored, name) != values[name]:
                raise ReviewError("event_id_reused", event_id=stored.event_id)
        return stored

    # -- writes ----------------------------------------------------------------

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
    ) -> Event:
        """Record a decision on a finding; idempotent on event_id."""
        if decision not in DECISIONS:
            raise ReviewError("invalid_decision", decision=str(decision))
        reason = _clean_text(reason)
        if decision in REASON_REQUIRED and not reason:
            raise ReviewError("reason_required", decision=decision)
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
        with self._write() as conn:
            row = conn.execute(
                "SELECT decision FROM event WHERE kind = 'decision' AND finding_key = ? "
                "ORDER BY seq DESC LIMIT 1",
                (values["finding_key"],),
            ).fetchone()
            values["previous_decision"] = row[0] if row else None
            stored = self._insert(conn, values)
        return self._same_content(stored, values)

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
        with self._write() as conn:
            stored = self._insert(conn, values)
        return self._same_content(stored, values)

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
        keys = sorted(set(open_finding_keys))
        with self._write() as conn:
            existing = self._get(conn, values["event_id"])
            if existing is None:
                decided: set[str] = set()
                for chunk in _chunks(keys):
                    marks = ", ".join("?" for _ in chunk)
                    decided.update(
                        r[0]
                        for r in conn.execute(
                            "SELECT DISTINCT finding_key FROM event WHERE kind = 'decision' "
                            f"AND finding_key IN ({marks})",
                            chunk,
                        )
                    )
                missing = [k for k in keys if k not in decided]
                if missing:
                    raise ReviewError(
                        "unit_incomplete",
                        unit_code=unit_code,
                        year=year,
                        count=len(missing),
                        missing=missing,
                    )
            stored = existing or self._insert(conn, values)
        return self._same_content(stored, values)

    # -- reads -----------------------------------------------------------------

    def current_decisions(self, finding_keys: Iterable[str] | None = None) -> dict[str, Event]:
        """The latest decision per finding key (all keys if finding_keys is None)."""
        latest = (
            f"{_SELECT} WHERE seq IN (SELECT max(seq) FROM event WHERE kind = 'decision' "
            "{filter} GROUP BY finding_key)"
        )
        rows: list[tuple[Any, ...]] = []
        if finding_keys is None:
            rows = self._query(latest.format(filter=""))
        else:
            for chunk in _chunks(sorted(set(finding_keys))):
                marks = ", ".join("?" for _ in chunk)
                rows += self._query(latest.format(filter=f"AND finding_key IN ({marks})"), chunk)
        events = [Event(*r) for r in rows]
        return {e.finding_key: e for e in events if e.finding_key is not None}

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
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (
            ("unit_code", unit_code),
            ("entity_key", entity_key),
            ("finding_key", finding_key),
        ):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        result = [Event(*r) for r in self._query(f"{_SELECT}{where} ORDER BY seq", params)]
        if isinstance(since, datetime):
            instant = since if since.tzinfo is not None else since.astimezone()
            result = [e for e in result if e.created >= instant]
        elif isinstance(since, date):
            result = [e for e in result if e.created.date() >= since]
        return result

    def last_seq(self) -> int:
        """The highest seq in the store (0 when empty); cheap enough to poll."""
        return int(self._query("SELECT coalesce(max(seq), 0) FROM event")[0][0])

    def events_after(self, seq: int, limit: int | None = None) -> list[Event]:
        """Events with seq greater than ``seq``, in order (for polling other sessions)."""
        sql = f"{_SELECT} WHERE seq > ? ORDER BY seq"
        params: list[Any] = [int(seq)]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [Event(*r) for r in self._query(sql, params)]

    def concluded_units(self, year: int) -> set[str]:
        rows = self._query(
            "SELECT DISTINCT unit_code FROM event WHERE kind = 'conclusion' AND year = ?",
            (year,),
        )
        return {r[0] for r in rows}

    def integrity_check(self) -> str:
        """``PRAGMA integrity_check``: 'ok' when the file is sound."""
        rows = self._query("PRAGMA integrity_check")
        return "\n".join(str(r[0]) for r in rows)
