"""Where an export goes: refusing an OUT that cannot be a file, writing atomically."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

from ...faults import WriteFailed, write_atomically
from .messages import ExportError

# -- output paths ---------------------------------------------------------------------


def check_output_file(out: Path, example_name: str) -> None:
    """Refuse, in one sentence, an OUT that cannot be a file we write."""
    if out.is_dir():
        raise ExportError("out_is_directory", path=out, example=out / example_name)
    parent = out.parent
    if parent.exists() and not parent.is_dir():
        raise ExportError("out_unwritable", path=out, detail=OSError(errno.ENOTDIR, "not a dir"))
    if not parent.exists():
        # A file somewhere up the path makes it unwritable, not missing.
        for ancestor in parent.parents:
            if ancestor.exists():
                if not ancestor.is_dir():
                    raise ExportError(
                        "out_unwritable", path=out, detail=OSError(errno.ENOTDIR, "not a dir")
                    )
                break
        raise ExportError("out_dir_missing", path=parent)


def atomic_write(out: Path, write: Callable[[Path], None]) -> Path:
    """Run write(temp) on a fresh temporary beside `out`, then rename it over `out`
    (core/faults.py: O_EXCL random temporaries, no planted symlink followed)."""
    try:
        return write_atomically(out, write)
    except WriteFailed as err:
        cause = err.cause if isinstance(err.cause, OSError) else OSError(str(err.cause))
        raise ExportError("out_unwritable", path=out, detail=cause) from None
