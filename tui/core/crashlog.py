"""The crash log: the traceback of an internal error, kept for the developers.

A reviewer sees one sentence naming this file; the details go to
$XDG_STATE_HOME/ntm-review/crash.log (appended, one block per crash, with the time).
"""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path


def crash_log_path() -> Path:
    from platformdirs import user_state_path

    return user_state_path("ntm-review") / "crash.log"


def write_crash_log(error: BaseException) -> Path | None:
    """Append the error's traceback (and those it was raised from) to the crash log.

    A worker's failure arrives wrapped (Textual's WorkerFailed carries the real error in
    .error, without its traceback): the wrapped error is the one written. Returns the
    file, or None if even that could not be written.
    """
    inner = getattr(error, "error", None)
    if isinstance(inner, BaseException):
        error = inner
    try:
        path = crash_log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now().astimezone().isoformat()}\n")
            handle.write("".join(traceback.format_exception(error)))
        return path
    except OSError:
        return None
