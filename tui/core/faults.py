"""Write paths that survive a full disk, a read-only folder and a planted symlink.

Every file ntm-review writes (exports, notices, the template, the problems file) goes
through `write_atomically`:

- the temporary is made by `tempfile.mkstemp` (O_EXCL, a random name) in the target's
  folder, so nobody can plant it in advance, and it is written through its own open file
  descriptor (/proc/self/fd/N), so swapping the name for a symlink midway changes nothing;
- it is renamed over the target only when complete: a failure leaves the old file intact;
- a symlink at the final path is followed only when it belongs to the user writing
  (they made it, so they named where it goes); one made by anyone else is refused, since
  in a shared group folder that is how another member redirects a write to your files.

`cause_of(exc)` turns an OS or DuckDB error into the cause a reviewer can act on (disk
full, read-only file system, permission), and `WriteFailed` is the one sentence naming
the file and that cause.
"""

from __future__ import annotations

import contextlib
import errno
import os
import pwd
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import NtmError

_CAUSE_BY_ERRNO = {
    errno.ENOSPC: "fault_nospace",
    errno.EDQUOT: "fault_quota",
    errno.EROFS: "fault_readonly",
    errno.EACCES: "fault_permission",
    errno.EPERM: "fault_permission",
    errno.ENOENT: "fault_missing_dir",
    errno.ENOTDIR: "fault_not_dir",
}
# DuckDB reports OS failures as text only.
_CAUSE_BY_TEXT = (
    ("No space left on device", "fault_nospace"),
    ("Disk quota exceeded", "fault_quota"),
    ("Read-only file system", "fault_readonly"),
    ("Permission denied", "fault_permission"),
)


def cause_of(exc: BaseException) -> NtmError:
    """What went wrong, as a short phrase in the UI language (an NtmError used as a param)."""
    if isinstance(exc, OSError) and exc.errno in _CAUSE_BY_ERRNO:
        return NtmError(_CAUSE_BY_ERRNO[exc.errno])
    text = str(exc)
    for needle, key in _CAUSE_BY_TEXT:
        if needle in text:
            return NtmError(key)
    if isinstance(exc, OSError) and exc.strerror:
        return NtmError("fault_other", detail=exc.strerror)
    first = (text.splitlines() or [type(exc).__name__])[0][:200]
    return NtmError("fault_other", detail=first or type(exc).__name__)


class WriteFailed(NtmError):
    """A file could not be written: the file and the cause, old data intact (exit 2)."""

    def __init__(self, path: Path, exc: BaseException) -> None:
        super().__init__("write_failed", path=path, cause=cause_of(exc))
        self.cause = exc


class ForeignSymlink(NtmError):
    def __init__(self, path: Path, owner: str) -> None:
        super().__init__("symlink_foreign", path=path, owner=owner)


def _owner(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def final_target(out: Path) -> Path:
    """The file a write to `out` replaces: `out` itself, or where the user's own symlink
    points. A symlink made by someone else raises ForeignSymlink."""
    try:
        st = os.lstat(out)
    except FileNotFoundError:
        return out
    except OSError:
        return out  # the write itself will say why
    if not os.path.islink(out):
        return out
    if st.st_uid != os.geteuid():
        raise ForeignSymlink(out, _owner(st.st_uid))
    return Path(os.path.realpath(out))


def _umask() -> int:
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    return 0o022


def write_atomically(out: Path, write: Callable[[Path], None]) -> Path:
    """Run write(path) into a fresh temporary beside `out`, then rename it over `out`.

    Raises WriteFailed (disk full, read-only, permission…) or ForeignSymlink; in every
    case the old file is untouched and no temporary is left behind.
    """
    out = Path(out)
    target = final_target(out)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise WriteFailed(out, exc) from None
    temp = Path(name)
    own = os.fstat(fd)
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        through_fd = Path(f"/proc/self/fd/{fd}")
        write(through_fd if through_fd.exists() else temp)
        os.fsync(fd)
        now = os.lstat(temp)
        if (now.st_dev, now.st_ino) != (own.st_dev, own.st_ino):
            raise OSError(errno.EEXIST, "the temporary file was replaced by someone else")
        os.replace(temp, target)
    except OSError as exc:
        _remove_if_ours(temp, own)
        raise WriteFailed(out, exc) from None
    except BaseException:
        _remove_if_ours(temp, own)
        raise
    finally:
        os.close(fd)
    return out


def _remove_if_ours(temp: Path, own: os.stat_result) -> None:
    with contextlib.suppress(OSError):
        now = os.lstat(temp)
        if (now.st_dev, now.st_ino) == (own.st_dev, own.st_ino):
            temp.unlink()
