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
import sqlite3
import threading
import weakref
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .chain import GENESIS_HASH, ChainReport, event_hash, walk_chain
from .errors import ReviewError
from .events import (
    DECISION_LABELS,
    DECISIONS,
    INSERT_FIELDS,
    REASON_REQUIRED,
    Event,
    UndoEffect,
    classify_followup,
    corrected_but_present,
    undo_effects,
)
from .eventstore import EventStore
from .scope import ReviewerScope, current_login
from .sqlite_file import (
    APPLICATION_ID,
    DEFAULT_BUSY_TIMEOUT,
    STORE_VERSION,
    check_last_event,
    disk_stamp,
    open_read_only,
    open_writable,
    run,
    translate,
    write_last_event,
)

# The names the rest of the code imports from here; each lives in the module of its concern
# (events, errors, scope, eventstore, sqlite_file).
__all__ = [
    "APPLICATION_ID",
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

    def _open(self) -> sqlite3.Connection:
        if self.read_only:
            conn, immutable = open_read_only(self.path, self.busy_timeout)
            # An immutable read sees the file as it was; reopened when it changes.
            self._immutable_stamp = disk_stamp(self.path) if immutable else None
        else:
            conn = open_writable(self.path, self.busy_timeout)
        try:
            check_last_event(conn, self.path)
        except BaseException:
            conn.close()
            raise
        return conn

    def _connection(self) -> sqlite3.Connection:
        if self._closed:
            raise ReviewError("store_error", path=str(self.path), detail="closed")
        if self._conn is None:  # first use in a forked child
            self._conn = self._open()
        return self._conn

    def _translate(self, exc: sqlite3.Error) -> ReviewError:
        return translate(exc, self.path, self.busy_timeout)

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
                run(conn, "begin_immediate")
            except sqlite3.Error as exc:
                raise self._translate(exc) from exc
            self._saved_seq: int | None = None
            try:
                yield conn
                run(conn, "commit")
            except BaseException as exc:
                with contextlib.suppress(sqlite3.Error):
                    run(conn, "rollback")
                if isinstance(exc, sqlite3.Error):
                    raise self._translate(exc) from exc
                raise
            if self._saved_seq is not None:
                write_last_event(self.path, self._saved_seq)

    def _refresh_immutable(self) -> None:
        """A read-only session opened while no -wal existed reads the file as immutable;
        once a writer has changed it (or started a -wal), open it again to see that."""
        if getattr(self, "_immutable_stamp", None) is None or self._conn is None:
            return
        if disk_stamp(self.path) != self._immutable_stamp:
            conn, self._conn = self._conn, None
            with contextlib.suppress(sqlite3.Error):
                conn.close()
            self._conn = self._open()

    def _query(self, name: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        with self._lock:
            self._refresh_immutable()
            try:
                return run(self._connection(), name, params).fetchall()
            except sqlite3.Error as exc:
                raise self._translate(exc) from exc

    def _rows(self, name: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        return self._query(name, params)

    def _keys(self, keys: list[str]) -> Any:
        return json.dumps(keys)  # json_each($keys) in the SQLite queries

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Any]:
        with self._write() as conn:
            yield lambda name, params=None: run(conn, name, params).fetchall()

    def _append(self, tx: Any, values: dict[str, Any]) -> Event:
        """Insert one event (its id is known to be new) and its link in the hash chain."""
        if values["kind"] == "decision":
            row = tx("latest_decision", {"finding_key": values["finding_key"]})
            values["previous_decision"] = row[0][0] if row else None
        tx("event_insert", {name: values.get(name) for name in INSERT_FIELDS})
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
