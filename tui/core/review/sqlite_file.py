"""The review store's SQLite file: opening it (read-write or read-only), bringing its
schema up to date, sharing it with the reviewers' group, the ``-last`` marker beside it,
and SQLite's errors as one sentence each. sqlite.py's ReviewStore uses these.

Nothing here imports textual.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .. import sql
from .chain import GENESIS_HASH, event_hash
from .errors import ReviewError
from .events import Event, now_iso
from .eventstore import engine_query

# "NTMR" as a big-endian 32-bit integer; marks the file as an ntm-review store
# (queries/review/sqlite/application_id_set.sql writes it).
APPLICATION_ID = 0x4E544D52
DEFAULT_BUSY_TIMEOUT = 10.0

# queries/review/sqlite/migration_NNN.sql takes the store from version NNN - 1 to NNN.
# Append, never edit (and raise the number in store_version_set.sql with it).
_MIGRATIONS: tuple[str, ...] = (
    "review/sqlite/migration_001",
    # the hash chain; migrate() then links the events already stored, once
    "review/sqlite/migration_002",
)
STORE_VERSION = len(_MIGRATIONS)


def query(name: str) -> str:
    """The SQLite text of a review-store query: queries/review/sqlite/<name>.sql where
    the dialects differ, else the shared queries/review/<name>.sql."""
    return sql.load(engine_query("sqlite", name))


def run(conn: sqlite3.Connection, name: str, params: Mapping[str, Any] | None = None) -> Any:
    """Execute one review-store query on ``conn`` (its cursor, to fetch from)."""
    return conn.execute(query(name), dict(params or {}))


def one(conn: sqlite3.Connection, name: str) -> Any:
    """The single value a one-row, one-column query returns."""
    return run(conn, name).fetchone()[0]


def statements(script: str) -> Iterator[str]:
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


def sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def disk_stamp(path: Path) -> tuple[object, ...]:
    """What changes on disk when a writer commits: inode, size and time of the file and
    its -wal and -shm."""
    stamps: list[object] = []
    for candidate in (path, *sidecars(path)):
        try:
            st = candidate.stat()
            stamps.append((st.st_ino, st.st_size, st.st_mtime_ns))
        except OSError:
            stamps.append(None)
    return tuple(stamps)


# -- errors ---------------------------------------------------------------------------


def is_busy(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def translate(exc: sqlite3.Error, path: Path, busy_timeout: float) -> ReviewError:
    """One sentence (a ReviewError) for what SQLite said."""
    text = str(exc).lower()
    where = str(path)
    if is_busy(exc):
        return ReviewError("store_busy", path=where, seconds=round(busy_timeout))
    if "not a database" in text:
        return ReviewError("store_corrupt", path=where, detail="not_sqlite")
    if "malformed" in text or "corrupt" in text:
        return ReviewError("store_corrupt", path=where, detail="malformed")
    if "readonly" in text or "read-only" in text:
        return ReviewError("store_unwritable", path=where, detail="read_only")
    if "permission" in text or "access" in text:
        return ReviewError("store_unwritable", path=where, detail="file_not_writable")
    if "unable to open" in text:
        return ReviewError("store_unwritable", path=where, detail="cannot_open")
    if "full" in text:
        return ReviewError("store_unwritable", path=where, detail="disk_full")
    return ReviewError("store_error", path=where, detail=str(exc))


# -- the recorded last event ----------------------------------------------------------


def marker_path(path: Path) -> Path:
    """A small file beside the store naming the last event saved: a store restored from
    a copy made without its -wal (or deleted) then shows what it lacks."""
    return path.with_name(path.name + "-last")


def read_last_event_marker(marker: Path) -> int | None:
    """The seq a store's ``-last`` file records, or None (missing, unreadable, garbage)."""
    try:
        text = marker.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None


def check_last_event(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse ('store_wal_missing') a file that holds fewer events than were saved."""
    marker = marker_path(path)
    recorded = read_last_event_marker(marker)
    if recorded is None:
        return
    try:
        found = one(conn, "last_seq")
    except sqlite3.Error:
        return  # an empty file from before the schema: nothing to compare
    if recorded > found:
        raise ReviewError(
            "store_wal_missing",
            path=str(path),
            recorded=recorded,
            found=found,
            missing=recorded - found,
            marker=str(marker),
        )


def write_last_event(path: Path, seq: int) -> None:
    """Best effort, after the commit: the decision is saved whatever happens here.
    One fixed-width record written in place (cheap enough for every save); O_NOFOLLOW
    so that a symlink planted at that name is never written through."""
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(marker_path(path), flags, 0o664)
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


# -- opening --------------------------------------------------------------------------


def precheck(path: Path) -> None:
    """Turn the common setup mistakes into clear errors before SQLite sees them."""
    if path.is_dir():
        raise ReviewError("store_corrupt", path=str(path), detail="is_directory")
    folder = path.parent
    if not folder.is_dir():
        raise ReviewError("store_unwritable", path=str(folder), detail="dir_missing")
    # WAL mode creates (and the last closer removes) -wal and -shm next to the file.
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ReviewError("store_unwritable", path=str(folder), detail="dir_not_writable")
    for candidate in (path, *sidecars(path)):
        if candidate.exists() and not os.access(candidate, os.R_OK | os.W_OK):
            raise ReviewError("store_unwritable", path=str(candidate), detail="file_not_writable")


def share_with_group(path: Path) -> None:
    """chmod g+rw on the files we own (the others are their owners' business)."""
    euid = os.geteuid()
    for candidate in (path, *sidecars(path)):
        with contextlib.suppress(OSError):
            st = candidate.stat()
            if st.st_uid == euid and st.st_mode & 0o060 != 0o060:
                candidate.chmod((st.st_mode & 0o7777) | 0o060)


def open_writable(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """A connection in WAL mode to a store brought up to date, its files group-writable."""
    precheck(path)
    # Group-writable files: clear the group bits of the umask (as 0o002 does) but
    # keep whatever the user's umask says about "others".
    old_umask = os.umask(0o002)
    os.umask((old_umask & 0o007) | 0o002)
    try:
        conn = connect(path, busy_timeout)
    finally:
        os.umask(old_umask)
    share_with_group(path)
    return conn


def open_read_only(path: Path, busy_timeout: float) -> tuple[sqlite3.Connection, bool]:
    """Open without ever writing: no migration, no -wal or -shm created if the folder
    refuses them (then the file is read as it is on disk, which is all there is when no
    -wal exists). The connection, and True when it reads the file as immutable."""
    if path.is_dir():
        raise ReviewError("store_corrupt", path=str(path), detail="is_directory")
    uri = path.resolve().as_uri()
    wal, _shm = sidecars(path)
    modes = ["?mode=ro"]
    if not wal.exists() and not os.access(path.parent, os.W_OK):
        modes.append("?mode=ro&immutable=1")
    failure: sqlite3.Error | None = None
    for mode in modes:
        try:
            conn = sqlite3.connect(
                uri + mode,
                uri=True,
                timeout=busy_timeout,
                isolation_level=None,
                check_same_thread=False,
            )
            app_id = one(conn, "application_id")
            version = one(conn, "store_version")
        except sqlite3.Error as exc:
            failure = exc
            continue
        if app_id not in (0, APPLICATION_ID) or (version == 0 and app_id == 0):
            conn.close()
            raise ReviewError("store_corrupt", path=str(path), detail="foreign_db")
        if version > STORE_VERSION:
            conn.close()
            raise ReviewError(
                "store_too_new", path=str(path), found=version, supported=STORE_VERSION
            )
        return conn, "immutable" in mode
    assert failure is not None
    raise translate(failure, path, busy_timeout) from failure


def connect(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """Connect, switch to WAL and full sync, and migrate; a busy file is retried until
    ``busy_timeout``."""
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            # timeout= is SQLite's busy timeout (PRAGMA busy_timeout) for this connection.
            conn = sqlite3.connect(
                str(path),
                timeout=busy_timeout,
                isolation_level=None,  # we issue BEGIN IMMEDIATE / COMMIT ourselves
                check_same_thread=False,  # guarded by the store's lock
            )
        except sqlite3.Error as exc:
            raise translate(exc, path, busy_timeout) from exc
        try:
            mode = one(conn, "journal_mode_wal")
            if str(mode).lower() != "wal":
                raise ReviewError("store_unwritable", path=str(path), detail="wal_unavailable")
            run(conn, "synchronous_full")
            migrate(conn, path)
            return conn
        except ReviewError:
            conn.close()
            raise
        except sqlite3.Error as exc:
            conn.close()
            if is_busy(exc) and time.monotonic() < deadline:
                time.sleep(0.05)
                continue
            raise translate(exc, path, busy_timeout) from exc


def migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the schema up to STORE_VERSION in one transaction. BEGIN IMMEDIATE also
    proves at open time that we can write, rather than at the reviewer's first save."""
    run(conn, "begin_immediate")
    try:
        app_id = one(conn, "application_id")
        version = one(conn, "store_version")
        if app_id not in (0, APPLICATION_ID):
            raise ReviewError("store_corrupt", path=str(path), detail="foreign_db")
        if version > STORE_VERSION:
            raise ReviewError(
                "store_too_new", path=str(path), found=version, supported=STORE_VERSION
            )
        if version == 0 and one(conn, "schema_object_count"):
            # some other application's SQLite file: do not touch it
            raise ReviewError("store_corrupt", path=str(path), detail="foreign_db")
        for script in _MIGRATIONS[version:]:
            for statement in statements(sql.load(script)):
                conn.execute(statement)
        if version < 2:
            link_existing_events(conn)
        if version < STORE_VERSION:
            run(conn, "application_id_set")
            run(conn, "store_version_set")
        run(conn, "commit")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            run(conn, "rollback")
        raise


def link_existing_events(conn: sqlite3.Connection) -> None:
    """Chain the events of a store that predates the chain, once, and record from which
    seq on links were written at save time (README: what this can prove)."""
    previous = GENESIS_HASH
    last = 0
    for row in run(conn, "events", dict.fromkeys(("unit_code", "entity_key", "finding_key"))):
        event = Event(*row)
        link = event_hash(previous, event)
        run(conn, "chain_insert", {"seq": event.seq, "prev_hash": previous, "hash": link})
        previous, last = link, event.seq
    run(conn, "meta_set", {"key": "chain_since", "value": str(last + 1)})
    run(conn, "meta_set", {"key": "chain_linked_at", "value": now_iso()})
