"""Evidence files, stored by content hash beside the review store and never altered.

A file given as the proof of a correction is copied to ``<store>.evidence/<aa>/<sha256>``
(``aa`` = the hash's first two hex digits), read-only (0444). The name is the content:

- storing the same file again is a no-op (the file already there is checked, not
  rewritten);
- nothing in ntm-review opens a stored file for writing, and a file whose content no
  longer matches its name is reported (``verify``), never "repaired";
- the copy is written to a fresh temporary (O_EXCL) in the same folder and published
  with link(2), which never replaces an existing name, so a planted file or symlink at
  the final name is refused rather than written through, and a full disk or read-only
  folder leaves nothing behind but one sentence (faults.WriteFailed).

Nothing here imports textual.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import tempfile
from pathlib import Path

from ..errors import NtmError, UsageError
from ..faults import ForeignSymlink, WriteFailed, _owner

__all__ = ["evidence_dir", "stored_path", "store_file", "verify"]

_CHUNK = 1 << 20


def evidence_dir(store_location: str, db_path: Path) -> Path:
    """The folder beside the review store (a SQLite file), or beside the database when
    the store is on PostgreSQL."""
    if store_location.startswith(("postgresql://", "postgres://")):
        db_path = Path(db_path)
        return db_path.with_name(db_path.stem + ".reviews.evidence")
    path = Path(store_location)
    return path.with_name(path.name + ".evidence")


def stored_path(folder: Path, sha256: str) -> Path:
    return Path(folder) / sha256[:2] / sha256


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _read_source(source: Path) -> None:
    """One sentence for a proof file that cannot be read."""
    try:
        st = os.stat(source)
    except FileNotFoundError:
        raise UsageError("evidence_file_missing", path=source) from None
    except OSError as exc:
        raise UsageError("evidence_file_unreadable", path=source, detail=exc.strerror) from None
    if not stat.S_ISREG(st.st_mode):
        raise UsageError("evidence_file_not_regular", path=source)
    if not os.access(source, os.R_OK):
        raise UsageError("evidence_file_unreadable", path=source, detail="permission denied")


def _folder(path: Path, out: Path) -> None:
    """Create a folder of the evidence store (group-shared like the review store); a
    symlink planted in its place by someone else is refused."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        try:
            os.mkdir(path, 0o2775)
            with contextlib.suppress(OSError):
                os.chmod(path, 0o2775)  # shared like the review store, whatever the umask
        except FileExistsError:
            pass
        except OSError as exc:
            raise WriteFailed(out, exc) from None
        return
    except OSError as exc:
        raise WriteFailed(out, exc) from None
    if stat.S_ISLNK(st.st_mode) and st.st_uid != os.geteuid():
        raise ForeignSymlink(path, _owner(st.st_uid))
    if not path.is_dir():
        raise WriteFailed(out, OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR)))


def _check_existing(final: Path, sha256: str) -> None:
    st = os.lstat(final)
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISREG(st.st_mode):
        raise NtmError("evidence_planted", path=final)
    if _hash_file(final) != sha256:
        raise NtmError("evidence_changed", path=final)


def store_file(folder: Path, source: Path) -> tuple[str, str, int]:
    """Copy ``source`` into the evidence store; (sha256, file name, size). A second
    store of the same content is a no-op. Raises UsageError (missing or unreadable
    source), WriteFailed (full disk, read-only folder), ForeignSymlink or NtmError
    ('evidence_planted', 'evidence_changed'): one sentence each."""
    source = Path(source).expanduser()
    _read_source(source)
    folder = Path(folder)
    _folder(folder, folder)
    try:
        fd, name = tempfile.mkstemp(prefix=".incoming.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteFailed(folder, exc) from None
    temp = Path(name)
    digest = hashlib.sha256()
    size = 0
    try:
        with source.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
                os.write(fd, chunk)
        os.fsync(fd)
        os.fchmod(fd, 0o444)
    except OSError as exc:
        os.close(fd)
        with contextlib.suppress(OSError):
            temp.unlink()
        raise WriteFailed(folder, exc) from None
    os.close(fd)
    sha256 = digest.hexdigest()
    final = stored_path(folder, sha256)
    try:
        _folder(final.parent, final)
        try:
            os.link(temp, final)
        except FileExistsError:
            _check_existing(final, sha256)  # the same content already stored: a no-op
        except OSError as exc:
            raise WriteFailed(final, exc) from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    return sha256, source.name, size


def verify(folder: Path, sha256: str) -> str:
    """'ok', 'missing' or 'changed' for one stored evidence file."""
    final = stored_path(Path(folder), sha256)
    try:
        st = os.lstat(final)
    except OSError:
        return "missing"
    if not stat.S_ISREG(st.st_mode):
        return "changed"
    try:
        return "ok" if _hash_file(final) == sha256 else "changed"
    except OSError:
        return "missing"
