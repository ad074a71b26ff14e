"""Opening the audited DuckDB file, and building a new one beside it.

Facts from RELIABILITY.md shape this module:
- reviewer sessions open the file read-only for the whole session;
- nothing opens the live file read-write while others read it: a build or migration
  writes a new file and rename()s it over the old one, under one flock, so DuckDB 2.0.x's
  lost-commit hazard (processes taking turns writing one file) can never arise;
- every failure to open becomes one plain sentence (DatabaseError), never a traceback.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pwd
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from .. import sql
from ..errors import DatabaseError
from ..lang.language import VI, Lang
from ..paths import QUERIES_DIR, build_lock_path, resolved_db_path
from ..safe import safe_row, safe_rows

_LOCK_RE = re.compile(r"Conflicting lock is held in (?P<exe>.*?) \(PID (?P<pid>\d+)\)")

# DuckDB tries to download extensions when it meets an unknown file (e.g. SQLite);
# on an offline server that stalls for seconds.
_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
_SQLITE_MAGIC = b"SQLite format 3\x00"


def migration_files() -> list[tuple[int, str]]:
    """(version, query name) for every file in queries/schema, in order."""
    found = []
    for path in sorted((QUERIES_DIR / "schema").glob("*.sql")):
        version = int(path.name.split("_", 1)[0])
        found.append((version, f"schema/{path.stem}"))
    return found


def current_schema_version() -> int:
    return migration_files()[-1][0]


def lock_holder(message: str, lang: Lang = VI) -> str | None:
    """Who holds a DuckDB lock, from the error text and /proc; None if unknown."""
    from ..lang.i18n import t

    match = _LOCK_RE.search(message)
    if not match:
        return None
    pid = match.group("pid")
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        uid = int(re.search(r"^Uid:\s+(\d+)", status, re.M).group(1))
        user = pwd.getpwuid(uid).pw_name
    except (OSError, AttributeError, KeyError, ValueError):
        return t("lock_holder_pid", lang, pid=pid)
    return t("lock_holder", lang, user=user, pid=pid)


def classify(exc: BaseException, path: Path) -> DatabaseError:
    """Turn a DuckDB or OS error about `path` into a DatabaseError."""
    text = str(exc)
    if isinstance(exc, DatabaseError):
        return exc
    if "Conflicting lock" in text or "Could not set lock" in text:
        from ..lang.i18n import LANGS

        holders = {lang: lock_holder(text, lang) for lang in LANGS}
        if holders["vi"] is None:
            return DatabaseError("db_locked_unknown", path=path)
        return LockedDatabase(path=path, holders=holders)
    if "Is a directory" in text:
        return DatabaseError("db_is_directory", path=path)
    if "does not exist" in text or isinstance(exc, FileNotFoundError):
        return DatabaseError("db_missing", path=path)
    if "Permission denied" in text or isinstance(exc, PermissionError):
        return DatabaseError("db_permission", path=path)
    if "not a valid DuckDB database file" in text:
        return DatabaseError("db_not_duckdb", path=path)
    if "Could not read enough bytes" in text:
        return DatabaseError("db_truncated", path=path)
    if "Corrupt database file" in text or "checksum" in text:
        return DatabaseError("db_corrupt", path=path)
    if "storage version" in text or "version number" in text:
        return DatabaseError("db_old_storage", path=path)
    return DatabaseError("db_unreadable", path=path, detail=text.splitlines()[0][:200])


class LockedDatabase(DatabaseError):
    def __init__(self, path: Path, holders: dict[str, str | None]) -> None:
        super().__init__("db_locked", path=path, holder=holders["vi"])
        self.holders = holders

    def message(self, lang: Lang = VI) -> str:
        from ..lang.i18n import t

        return t("db_locked", lang, path=self.params["path"], holder=self.holders[lang])


@dataclass(frozen=True)
class FileIdentity:
    """Enough to notice that a build renamed a new file over the one we have open."""

    inode: int
    mtime_ns: int
    size: int

    @classmethod
    def of(cls, path: Path) -> FileIdentity | None:
        try:
            st = os.stat(path)
        except OSError:
            return None
        return cls(st.st_ino, st.st_mtime_ns, st.st_size)


def _precheck(path: Path) -> None:
    if path.is_dir():
        raise DatabaseError("db_is_directory", path=path)
    if not path.exists():
        raise DatabaseError("db_missing", path=path)
    if not os.access(path, os.R_OK):
        raise DatabaseError("db_permission", path=path)
    if path.stat().st_size == 0:
        raise DatabaseError("db_empty", path=path)
    # DuckDB answers a SQLite file with a message about a missing extension; say plainly
    # that it is not a DuckDB file (e.g. the reviews .sqlite file passed by mistake).
    try:
        with open(path, "rb") as handle:
            magic = handle.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise classify(exc, path) from None
    if magic == _SQLITE_MAGIC:
        raise DatabaseError("db_not_duckdb", path=path)


class Store:
    """A read-only session on one audited DuckDB file.

    Thread-safe: each call runs on its own cursor, so Textual workers can query
    while the event loop stays free.
    """

    def __init__(self, path: Path, con: duckdb.DuckDBPyConnection, identity: FileIdentity):
        self.path = path
        self._con = con
        self.identity = identity
        self._lock = threading.Lock()

    # -- opening -----------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str) -> Store:
        """Open the file read-only, checked; DatabaseError (one sentence) if it cannot be.

        A build may rename() a new file over this one while DuckDB reads it, and DuckDB
        2.0.x can then call a sound file unreadable: when the file changed under the open
        (another inode, size or mtime), the open is tried once more before reporting.
        """
        path = Path(path)
        identity = FileIdentity.of(path)
        try:
            store = cls._open_once(path, identity)
        except LockedDatabase:
            raise
        except DatabaseError:
            if FileIdentity.of(path) == identity:
                raise
            return cls._open_once(path, FileIdentity.of(path))
        if FileIdentity.of(path) != identity:
            # Opened across a rename: which file we hold is unknown, so open the new one.
            store.close()
            return cls._open_once(path, FileIdentity.of(path))
        return store

    @classmethod
    def _open_once(cls, path: Path, identity: FileIdentity | None) -> Store:
        _precheck(path)
        try:
            con = duckdb.connect(str(path), read_only=True, config=_CONFIG)
        except (duckdb.Error, OSError) as exc:
            raise classify(exc, path) from None
        store = cls(path, con, identity)
        try:
            store._check_version()
        except BaseException:
            con.close()
            raise
        return store

    def _check_version(self) -> None:
        try:
            tables = {r[0] for r in self._con.execute(sql.load("meta/table_names")).fetchall()}
            if "schema_version" not in tables:
                raise DatabaseError("db_not_ntm", path=self.path)
            found = self._con.execute(sql.load("meta/schema_version")).fetchone()[0]
        except duckdb.Error as exc:
            raise classify(exc, self.path) from None
        supported = current_schema_version()
        if found is None:
            raise DatabaseError("db_not_ntm", path=self.path)
        if found > supported:
            raise DatabaseError("db_newer", path=self.path, found=found, supported=supported)
        if found < supported:
            raise DatabaseError(
                "db_needs_migrate", path=self.path, found=found, supported=supported
            )
        # A flipped byte only shows when its block is read: touch every table once.
        try:
            self._con.execute(sql.load("meta/integrity_probe")).fetchall()
        except duckdb.Error as exc:
            raise classify(exc, self.path) from None

    def close(self) -> None:
        with contextlib.suppress(duckdb.Error):
            self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- querying ----------------------------------------------------------------
    def rows(self, name: str, **params: Any) -> list[tuple]:
        """Run queries/<name>.sql with bound parameters and return all rows.

        Every string is made safe (core/safe.py): this is the one boundary data text
        crosses on its way to any output.
        """
        return safe_rows(self.raw_rows(name, **params))

    def raw_rows(self, name: str, **params: Any) -> list[tuple]:
        """rows() with the data's text exactly as stored: only for copying data into a
        new build (extract), never for output."""
        try:
            cur = self._con.cursor()
            try:
                return cur.execute(sql.load(name), params or None).fetchall()
            finally:
                cur.close()
        except duckdb.Error as exc:
            raise classify(exc, self.path) from None

    def dicts(self, name: str, **params: Any) -> list[dict[str, Any]]:
        try:
            cur = self._con.cursor()
            try:
                cur.execute(sql.load(name), params or None)
                columns = [d[0] for d in cur.description]
                return [dict(zip(columns, safe_row(row), strict=True)) for row in cur.fetchall()]
            finally:
                cur.close()
        except duckdb.Error as exc:
            raise classify(exc, self.path) from None

    def scalar(self, name: str, **params: Any) -> Any:
        found = self.rows(name, **params)
        return found[0][0] if found else None

    def meta(self) -> dict[str, str]:
        return dict(self.rows("meta/all"))

    def is_replaced(self) -> bool:
        """True when a build has renamed a newer file over the one this session reads."""
        now = FileIdentity.of(self.path)
        return now is not None and now != self.identity


# -- building ---------------------------------------------------------------------


@contextlib.contextmanager
def build_lock(db_path: Path) -> Iterator[None]:
    """One builder at a time per database: a flock on a sidecar file."""
    lock_path = build_lock_path(db_path)
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    old_umask = os.umask(0o002)
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o664)
    finally:
        os.umask(old_umask)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def apply_migrations(con: duckdb.DuckDBPyConnection, from_version: int = 0) -> int:
    """Apply every migration newer than from_version; return the new version."""
    version = from_version
    for number, name in migration_files():
        if number <= from_version:
            continue
        con.execute("BEGIN TRANSACTION")
        con.execute(sql.load(name))
        con.execute(sql.load("meta/record_version"), {"version": number, "note": name})
        con.execute("COMMIT")
        version = number
    return version


_TEMP_MARK = ".build-"


def _temp_dir(db_path: Path) -> Path:
    """A private folder for a build's new file, beside the target (same file system, so
    the final rename is atomic). mkdtemp: a random name made with O_EXCL semantics, mode
    0700, so no group member can plant a symlink for the file or its .wal inside it.
    The owner's PID is in the name, for remove_stale_temporaries."""
    return Path(
        tempfile.mkdtemp(prefix=f".{db_path.name}{_TEMP_MARK}{os.getpid()}-", dir=db_path.parent)
    )


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's live process
    return True


def remove_stale_temporaries(db_path: Path) -> list[Path]:
    """Remove what killed builds left beside db_path (their owner process is gone).

    Called under the build lock, so no other build of this file is running. Also removes
    the fixed-name temporaries of older versions (.NAME.build-PID). Returns what it removed;
    what cannot be removed (another user's private folder) is left quietly.
    """
    removed: list[Path] = []
    prefix = f".{db_path.name}{_TEMP_MARK}"
    try:
        candidates = [p for p in db_path.parent.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return removed
    for candidate in candidates:
        pid_text = candidate.name[len(prefix) :].split("-", 1)[0].split(".", 1)[0]
        if not pid_text.isdigit():
            continue
        pid = int(pid_text)
        if pid != os.getpid() and _pid_alive(pid):
            continue
        try:
            if candidate.is_dir() and not candidate.is_symlink():
                shutil.rmtree(candidate)
            else:
                candidate.unlink()
            removed.append(candidate)
        except OSError:
            continue
    return removed


def _discard(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def _build_failed(db_path: Path, exc: BaseException) -> DatabaseError:
    """A build that could not write: one sentence naming the file and the cause."""
    from ..faults import cause_of

    return DatabaseError("build_failed", path=db_path, detail=cause_of(exc))


def build_database(db_path: Path, populate: Callable[[duckdb.DuckDBPyConnection], None]) -> None:
    """Create a fresh database with `populate`, then rename it over db_path atomically.

    Readers of the old file keep their snapshot and notice the new one via is_replaced().
    Either the whole new file appears or nothing changes.
    """
    db_path = resolved_db_path(Path(db_path))
    if db_path.is_dir():
        raise DatabaseError("db_is_directory", path=db_path)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        lock = build_lock(db_path)
        lock.__enter__()
    except OSError as exc:
        raise _build_failed(db_path, exc) from None
    try:
        remove_stale_temporaries(db_path)
        try:
            folder = _temp_dir(db_path)
        except OSError as exc:
            raise _build_failed(db_path, exc) from None
        temp = folder / db_path.name
        try:
            con = duckdb.connect(str(temp), config=_CONFIG)
            try:
                apply_migrations(con)
                populate(con)
                carry_previous_findings(con, db_path)
                con.execute("CHECKPOINT")
            finally:
                con.close()
            _publish(temp, db_path)
        except (duckdb.Error, OSError) as exc:
            # The live file is untouched: only the new file failed.
            if isinstance(exc, duckdb.Error) and not _is_os_fault(exc):
                raise
            raise _build_failed(db_path, exc) from None
        finally:
            _discard(folder)
    finally:
        lock.__exit__(None, None, None)


def _is_os_fault(exc: BaseException) -> bool:
    text = str(exc)
    return isinstance(exc, duckdb.IOException) or any(
        needle in text
        for needle in (
            "No space left",
            "Read-only file system",
            "Permission denied",
            "Disk quota",
            "Could not write",
        )
    )


def carry_previous_findings(con: duckdb.DuckDBPyConnection, db_path: Path) -> int | None:
    """Copy the findings of the file a build is about to replace into previous_finding.

    Called by build_database under the build lock, so the file at db_path is exactly the
    one the new build will be renamed over. The older file is attached read-only (other
    sessions may be reading it; nobody writes it) and copied in one bulk INSERT ... SELECT.
    Records meta previous_build ('copied' or 'none'), previous_built_at (the older file's
    built_at) and previous_findings (how many rows were copied).

    Anything that makes the older file unusable (missing, empty, not DuckDB, corrupt,
    locked, another schema version) is skipped silently: the new build then has no
    previous build (previous_build = none) and every finding counts as new.
    Returns the number of rows copied, or None when there was no usable older file.
    """
    con.execute(sql.load("derive/previous_finding_clear"))
    note = _previous_unusable(db_path)
    if note is None:
        attached = False
        try:
            con.execute(sql.load("derive/previous_attach"), {"path": str(db_path)})
            attached = True
            version = con.execute(sql.load("derive/previous_version")).fetchone()[0]
            if version is None or not 1 <= version <= current_schema_version():
                note = f"schema version {version}"
            else:
                con.execute("BEGIN TRANSACTION")
                try:
                    con.execute(sql.load("derive/previous_finding_fill"))
                    built_at = con.execute(sql.load("derive/previous_built_at")).fetchone()
                    copied = con.execute(sql.load("derive/previous_finding_count")).fetchone()[0]
                    _set_meta(con, "previous_build", "copied")
                    _set_meta(con, "previous_findings", str(copied))
                    _set_meta(con, "previous_built_at", built_at[0] if built_at else "")
                    con.execute("COMMIT")
                except BaseException:
                    with contextlib.suppress(duckdb.Error):
                        con.execute("ROLLBACK")
                    raise
                return copied
        except (duckdb.Error, OSError) as exc:
            note = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
        finally:
            if attached:
                with contextlib.suppress(duckdb.Error):
                    con.execute(sql.load("derive/previous_detach"))
    _set_meta(con, "previous_build", "none")
    _set_meta(con, "previous_build_note", note)
    return None


def _previous_unusable(db_path: Path) -> str | None:
    """Why the file at db_path cannot hold an earlier build's findings (None if it may)."""
    if not db_path.exists():
        return "no earlier file"
    try:
        _precheck(db_path)
    except DatabaseError as err:
        return err.key
    return None


def _set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute(sql.load("meta/set"), {"key": key, "value": value})


def _publish(temp: Path, db_path: Path) -> None:
    # Group-writable so that another reviewer in the group can rebuild it later.
    with contextlib.suppress(OSError):
        os.chmod(temp, 0o664)
    os.replace(temp, db_path)


def stored_version(db_path: Path) -> int:
    """Schema version of a file, opened read-only; raises DatabaseError like Store.open."""
    _precheck(db_path)
    try:
        con = duckdb.connect(str(db_path), read_only=True, config=_CONFIG)
    except (duckdb.Error, OSError) as exc:
        raise classify(exc, db_path) from None
    try:
        tables = {r[0] for r in con.execute(sql.load("meta/table_names")).fetchall()}
        if "schema_version" not in tables:
            raise DatabaseError("db_not_ntm", path=db_path)
        return con.execute(sql.load("meta/schema_version")).fetchone()[0] or 0
    except duckdb.Error as exc:
        raise classify(exc, db_path) from None
    finally:
        con.close()


def migrate_database(db_path: Path) -> tuple[int, int]:
    """Bring an older file up to date: copy, migrate the copy, rename it into place."""
    db_path = resolved_db_path(Path(db_path))
    old = stored_version(db_path)
    latest = current_schema_version()
    if old > latest:
        raise DatabaseError("db_newer", path=db_path, found=old, supported=latest)
    if old == latest:
        # Nothing to migrate, but do not call a truncated or corrupt file "current":
        # open it the way a session would (version check and integrity probe).
        Store.open(db_path).close()
        return old, old
    with build_lock(db_path):
        remove_stale_temporaries(db_path)
        folder = None
        try:
            folder = _temp_dir(db_path)
            temp = folder / db_path.name
            shutil.copyfile(db_path, temp)
            con = duckdb.connect(str(temp), config=_CONFIG)
            try:
                new = apply_migrations(con, old)
                con.execute("CHECKPOINT")
            finally:
                con.close()
            _publish(temp, db_path)
        except (duckdb.Error, OSError) as exc:
            # The live file is untouched: only the copy was migrated.
            from ..faults import cause_of

            raise DatabaseError("db_migrate_failed", path=db_path, detail=cause_of(exc)) from None
        finally:
            if folder is not None:
                _discard(folder)
    return old, new
