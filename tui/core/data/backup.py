"""`ntm-review backup OUT`: a consistent copy of the audited data file and the review
store, taken while reviewers keep working.

- The review store is copied with SQLite's online backup API: what is still in its
  -wal file is included (copying the .sqlite file alone loses it, silently).
- The DuckDB file is only ever replaced whole (a build writes aside and renames), so
  the file opened here stays one consistent version while it is copied.
- Nothing in OUT is overwritten: each file is written under a temporary name made with
  O_EXCL in OUT and linked to its final name, which fails if that name exists.

Nothing here imports textual.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from ..review.sqlite import ReviewError

__all__ = ["BackupError", "backup"]


class BackupError(Exception):
    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def _fail(path: Path, exc: BaseException) -> BackupError:
    if isinstance(exc, ReviewError):
        return BackupError("backup_failed", path=path, detail=exc.message("en"))
    detail = getattr(exc, "strerror", None) or str(exc)
    return BackupError("backup_failed", path=path, detail=detail)


def _publish(tmp: Path, final: Path) -> None:
    """Give the finished temporary file its final name, never over an existing file."""
    try:
        os.link(tmp, final)
    except FileExistsError:
        raise BackupError("backup_exists", path=final) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _temporary(folder: Path, name: str) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    return Path(tmp)


def backup(db_path: Path, out: Path) -> tuple[list[Path], str | None]:
    """Copy the data file and the review store into the folder ``out`` (created if
    missing). Returns the files written and, when the store is on PostgreSQL, its URL
    (back that up with pg_dump)."""
    from ..review.postgres import public_url
    from ..review.service import is_postgres_url, open_for_reading, store_location

    db_path = Path(db_path)
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _fail(out, exc) from None
    location = store_location(db_path)
    targets = [out / db_path.name]
    if not is_postgres_url(location):
        targets.append(out / Path(location).name)
    for target in targets:
        if target.exists() or target.is_symlink():
            raise BackupError("backup_exists", path=target)
    written: list[Path] = []
    try:
        with open(db_path, "rb") as source:
            tmp = _temporary(out, db_path.name)
            with open(tmp, "wb") as sink:
                shutil.copyfileobj(source, sink, 1 << 20)
                sink.flush()
                os.fsync(sink.fileno())
        _publish(tmp, targets[0])
        written.append(targets[0])
        if is_postgres_url(location):
            return written, public_url(location)
        store_path = Path(location)
        if store_path.exists():
            tmp = _temporary(out, store_path.name)
            tmp.unlink()  # sqlite3 creates it afresh
            with open_for_reading(store_path) as reviews:
                reviews.backup(tmp)
            _publish(tmp, targets[1])
            written.append(targets[1])
    except BackupError:
        raise
    except (OSError, ReviewError) as exc:
        raise _fail(out, exc) from None
    return written, None
