"""Building a new audited database file beside the live one, and migrating one.

Facts from RELIABILITY.md shape this module: nothing opens the live file read-write while
others read it. A build or migration writes a new file in a private temporary folder on
the same file system and rename()s it over the old one, under one flock per database, so
DuckDB's lost-commit hazard (processes taking turns writing one file) can never arise. A
failure leaves the live file as it was and says so in one sentence (DatabaseError).

The schema's migrations themselves are in tui.core.data.store (apply_migrations).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

from .. import sql
from ..errors import DatabaseError
from ..paths import build_lock_path, resolved_db_path
from .store import (
    _CONFIG,
    Store,
    _precheck,
    apply_migrations,
    classify,
    current_schema_version,
)


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
