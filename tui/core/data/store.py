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
import os
import pwd
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from .. import sql
from ..errors import DatabaseError
from ..lang.language import VI, Lang
from ..paths import QUERIES_DIR
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


# -- the schema ---------------------------------------------------------------------


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
