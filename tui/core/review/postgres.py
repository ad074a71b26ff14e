"""The review store on PostgreSQL: attribution the database enforces.

Selected with a ``postgresql://`` URL (``--store``, ``NTM_REVIEW_STORE`` or
``review_store`` in config.toml). The schema, roles, grants and row-level security
live in queries/review/postgres/migration_001.sql; ``init_postgres()`` (CLI: ``ntm-review
store init-postgres``) runs it as the owner and registers reviewers.

What differs from the SQLite store, on purpose:

* the reviewer is the server's ``session_user`` (peer authentication maps the OS login
  over the Unix socket), never a value the client sends; the time is the server's
  ``now()``; seq and the previous decision are set by a trigger under one lock;
* reviewers may only INSERT (the content columns) and SELECT: the server refuses
  UPDATE, DELETE, TRUNCATE, a forged reviewer and a unit outside their scope (RLS);
* other sessions' events are pushed with LISTEN/NOTIFY rather than polled.

Nothing here imports textual.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import Any

import psycopg
from psycopg import conninfo, errors
from psycopg_pool import ConnectionPool, PoolTimeout

from .. import sql
from ..safe import safe_row
from .chain import ChainReport
from .errors import ReviewError
from .events import INSERT_FIELDS, Event
from .eventstore import EventStore, engine_query
from .scope import ReviewerScope

__all__ = ["SCHEMA_VERSION", "PgReviewStore", "copy_events", "init_postgres", "is_postgres_url"]

SCHEMA_VERSION = 1
_MIGRATIONS = ("review/postgres/migration_001",)
CONNECT_TIMEOUT = 5
_PARAM = re.compile(r"\$([A-Za-z_]\w*)")


def is_postgres_url(location: object) -> bool:
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))


def public_url(url: str) -> str:
    """The URL without a password, for messages."""
    with contextlib.suppress(Exception):
        parts = conninfo.conninfo_to_dict(url)
        if "password" in parts:
            return re.sub(r":[^:@/]*@", ":***@", url)
    return url


def _sql(name: str) -> str:
    """A review query in psycopg's parameter style: $name -> %(name)s (and % doubled)."""
    text = sql.load(engine_query("postgres", name))
    return _PARAM.sub(r"%(\1)s", text.replace("%", "%%"))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    if "FATAL:" in text:  # libpq's "connection to server ... failed: FATAL:  <reason>"
        text = text.split("FATAL:", 1)[1]
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line
    return text


def _connect_error(url: str, exc: BaseException) -> ReviewError:
    text = str(exc).lower()
    if isinstance(exc, PoolTimeout) or any(
        marker in text
        for marker in ("no such file", "connection refused", "could not connect", "timeout")
    ):
        return ReviewError("pg_connect", url=public_url(url), detail="server_down")
    return ReviewError("pg_connect", url=public_url(url), detail="refused", reason=_first_line(exc))


def _translate(url: str, exc: BaseException, unit_code: str | None = None, reviewer: str = "?"):
    if isinstance(exc, ReviewError):
        return exc
    if isinstance(exc, PoolTimeout | psycopg.OperationalError):
        return _connect_error(url, exc)
    if isinstance(exc, errors.UndefinedTable | errors.UndefinedFunction):
        return ReviewError("pg_not_initialised", url=public_url(url))
    if isinstance(exc, errors.InsufficientPrivilege):
        if "row-level security" in str(exc):
            return ReviewError("out_of_scope", reviewer=reviewer, unit_code=unit_code)
        return ReviewError("pg_refused", url=public_url(url), reason=_first_line(exc))
    return ReviewError("store_error", path=public_url(url), detail=_first_line(exc))


def _event(row: tuple[Any, ...]) -> Event:
    values = list(row)
    created = values[12]
    if isinstance(created, datetime):
        # The server's instant, shown in this machine's offset like the SQLite store.
        values[12] = created.astimezone().isoformat(timespec="milliseconds")
    return Event(*values)


def _connect(url: str, **kwargs: Any) -> psycopg.Connection:
    try:
        return psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT, **kwargs)
    except psycopg.Error as exc:
        raise _connect_error(url, exc) from None


class PgReviewStore(EventStore):
    """Review events in a PostgreSQL database; one small connection pool per process."""

    engine = "postgresql"
    pushes_events = True

    def __init__(self, url: str, *, pool_size: int = 4) -> None:
        self.url = url
        self._closed = False
        self._listeners: list[threading.Thread] = []
        with _connect(url, autocommit=True) as conn:
            try:
                (present,) = conn.execute(_sql("schema_exists")).fetchone()
                if not present:
                    raise ReviewError("pg_not_initialised", url=public_url(url))
                reviewer, is_owner, version = conn.execute(_sql("whoami")).fetchone()
                units = [r[0] for r in conn.execute(_sql("my_units")).fetchall()]
            except psycopg.Error as exc:
                raise _translate(url, exc) from None
        if int(version or 0) > SCHEMA_VERSION:
            raise ReviewError(
                "store_too_new", path=public_url(url), found=version, supported=SCHEMA_VERSION
            )
        self.reviewer = reviewer
        self.is_owner = bool(is_owner)
        # The client's scope only gives the refusal its sentence early; the server's
        # row-level security is what enforces it.
        self.scope = (
            ReviewerScope()
            if self.is_owner
            else ReviewerScope({reviewer: frozenset(u.strip() for u in units)})
        )
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=pool_size,
            kwargs={"connect_timeout": CONNECT_TIMEOUT},
            timeout=CONNECT_TIMEOUT * 2,
            open=False,
            name="ntm-review",
        )
        try:
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT * 2)
        except (PoolTimeout, psycopg.Error) as exc:
            with contextlib.suppress(Exception):
                self._pool.close()
            raise _connect_error(url, exc) from None

    @property
    def location(self) -> str:
        return public_url(self.url)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(Exception):
            self._pool.close()
        for thread in self._listeners:
            thread.join(timeout=3)

    # -- engine hooks -----------------------------------------------------------------

    def _guard(self) -> None:
        if self._closed:
            raise ReviewError("store_error", path=self.location, detail="closed")

    def _rows(self, name: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        self._guard()
        try:
            with self._pool.connection() as conn:
                return conn.execute(_sql(name), dict(params or {})).fetchall()
        except (psycopg.Error, PoolTimeout) as exc:
            raise _translate(self.url, exc) from None

    def _keys(self, keys: list[str]) -> Any:
        return list(keys)  # = ANY($keys)

    def _event(self, row: tuple[Any, ...]) -> Event:
        return _event(safe_row(row))  # notes are untrusted text (core/safe.py)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Any]:
        self._guard()
        unit: dict[str, Any] = {}

        def tx(name: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
            params = dict(params or {})
            if params.get("unit_code") is not None:
                unit["unit_code"] = params["unit_code"]
            cursor = conn.execute(_sql(name), params)
            return cursor.fetchall() if cursor.description else []

        try:
            with self._pool.connection() as conn, conn.transaction():
                yield tx
        except (psycopg.Error, PoolTimeout) as exc:
            raise _translate(self.url, exc, unit.get("unit_code"), self.reviewer) from None

    def _lock_writes(self, tx: Any) -> None:
        # The lock event_stamp takes (re-entrant within the transaction): no other
        # session's event can be stamped between a check and this insert.
        tx("write_lock")

    def _append(self, tx: Any, values: dict[str, Any]) -> Event:
        tx("event_insert", {name: values.get(name) for name in INSERT_FIELDS})
        (row,) = tx("event_by_id", {"event_id": values["event_id"]})
        stored = _event(row)
        # The server set reviewer and time: compare what the client cannot forge.
        values["reviewer"] = stored.reviewer
        return stored

    def verify_chain(self) -> ChainReport:
        """The server enforces attribution and append-only: there is no chain to walk."""
        return ChainReport(checked=self.last_seq())

    # -- live refresh ------------------------------------------------------------------

    def subscribe(self, callback: Callable[[], None]) -> bool:
        """LISTEN on a connection of its own; call ``callback()`` after each commit by
        any session. Reconnects after a dropped connection while the store is open."""

        def listen() -> None:
            while not self._closed:
                try:
                    with psycopg.connect(
                        self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT
                    ) as conn:
                        conn.execute(_sql("listen"))
                        while not self._closed:
                            heard = False
                            for _ in conn.notifies(timeout=0.5):
                                heard = True
                            if heard and not self._closed:
                                callback()
                except psycopg.Error:
                    if self._closed:
                        return
                    threading.Event().wait(1.0)

        thread = threading.Thread(target=listen, name="ntm-review-listen", daemon=True)
        thread.start()
        self._listeners.append(thread)
        return True


# -- set-up and copy ------------------------------------------------------------------


def init_postgres(
    url: str, reviewers: Mapping[str, frozenset[str] | None], *, only_these: bool = False
) -> int:
    """Create the schema if missing (as the connected owner role) and register reviewers
    with their scope (None: every unit). With ``only_these`` (a reviewers file applied),
    anyone else loses the right to record. Returns the number of reviewers registered."""
    with _connect(url) as conn:
        try:
            with conn.transaction():
                (present,) = conn.execute(_sql("schema_exists")).fetchone()
                if not present:
                    for script in _MIGRATIONS:
                        conn.execute(sql.load(script))
                if only_these:
                    conn.execute(_sql("scope_keep_only"), {"keep": sorted(reviewers)})
                for name, units in reviewers.items():
                    conn.execute(
                        _sql("add_reviewer"),
                        {"reviewer": name, "units": sorted(units) if units is not None else ["*"]},
                    )
        except psycopg.Error as exc:
            raise _translate(url, exc) from None
    return len(reviewers)


def copy_events(events: list[Event], url: str) -> tuple[int, int]:
    """Copy events with their seq, id, reviewer and time into a PostgreSQL store, as its
    owner. Idempotent: an event already there (same id, same content) is skipped.
    Returns (copied, already_there). ReviewError when an id holds other content."""
    with _connect(url) as conn:
        try:
            with conn.transaction():
                (present,) = conn.execute(_sql("schema_exists")).fetchone()
                if not present:
                    raise ReviewError("pg_not_initialised", url=public_url(url))
                (reviewer, is_owner, _version) = conn.execute(_sql("whoami")).fetchone()
                if not is_owner:
                    raise ReviewError("pg_copy_owner", url=public_url(url), reviewer=reviewer)
                copied = 0
                for event in events:
                    params = {f: getattr(event, f) for f in ("seq", *INSERT_FIELDS)}
                    cursor = conn.execute(_sql("event_copy"), params)
                    copied += cursor.rowcount
                    (row,) = conn.execute(
                        _sql("event_by_id"), {"event_id": event.event_id}
                    ).fetchall()
                    there = _event(row)
                    if (
                        there.seq != event.seq
                        or any(
                            getattr(there, f) != getattr(event, f)
                            for f in INSERT_FIELDS
                            if f != "created_at"
                        )
                        or datetime.fromisoformat(there.created_at) != event.created
                    ):
                        raise ReviewError("event_id_reused", event_id=event.event_id)
                conn.execute(_sql("sequence_sync"))
        except psycopg.errors.UniqueViolation:
            raise ReviewError("pg_copy_conflict", url=public_url(url)) from None
        except psycopg.Error as exc:
            raise _translate(url, exc) from None
    return copied, len(events) - copied
