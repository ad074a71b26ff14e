"""Where the review store is and how it is opened: the CLI's ``--store``,
``NTM_REVIEW_STORE``, ``review_store`` in config.toml, else a SQLite file beside the
database; a ``postgresql://`` URL selects the PostgreSQL store. The reviewers file
(SQLite only) limits who may record on which units. Re-exported by service.py, where
the CLI and the TUI find it. Nothing here imports textual.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..config import config_value
from ..lang.language import VI, Lang
from ..paths import (
    REVIEWERS_ENV_VAR,
    STORE_ENV_VAR,
    resolved_db_path,
    review_store_path,
    reviewers_file_path,
)
from .sqlite import EventStore, ReviewError, ReviewerScope, ReviewStore


class ReviewersFileRefused(ReviewError):
    """A reviewers file that cannot be trusted: one sentence (messages_faults.py)."""

    def message(self, lang: Lang = VI) -> str:
        from ..lang.i18n import t
        from ..lang.language import as_lang

        return t(self.key, as_lang(lang), **self.params)

    def __reduce__(self):
        return (_refused, (self.key, self.params))


def _refused(key: str, params: dict) -> ReviewersFileRefused:
    return ReviewersFileRefused(key, **params)


def load_scope(db_path: Path) -> ReviewerScope:
    """The reviewers file for this database (no file beside it: everyone may record
    everywhere).

    The file limits who may record on which units, so it must be the lead's: a file
    named by NTM_REVIEW_REVIEWERS that is missing, or any reviewers file that someone
    other than its owner (and root) may write, is refused rather than read (a missing
    named file used to lift every restriction).
    """
    path = reviewers_file_path(Path(db_path))
    named = bool(os.environ.get(REVIEWERS_ENV_VAR))
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if named:
            raise ReviewersFileRefused(
                "reviewers_missing", path=str(path), variable=REVIEWERS_ENV_VAR
            ) from None
        return ReviewerScope()
    except OSError:
        st = None  # ReviewerScope.load says why it cannot be read
    if st is not None and stat.S_ISREG(st.st_mode) and st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        who = "others" if st.st_mode & stat.S_IWOTH else "group"
        raise ReviewersFileRefused(
            f"reviewers_writable_{who}", path=str(path), mode=f"{stat.S_IMODE(st.st_mode):o}"
        )
    return ReviewerScope.load(path)


_STORE_OVERRIDE: str | None = None


def use_store(location: str | None) -> None:
    """The CLI's --store: overrides NTM_REVIEW_STORE and config.toml for this process."""
    global _STORE_OVERRIDE
    _STORE_OVERRIDE = location or None


def is_postgres_url(location: str) -> bool:
    return location.startswith(("postgresql://", "postgres://"))


def store_location(db_path: Path | str) -> str:
    """Where the review store is: --store, NTM_REVIEW_STORE, config.toml's review_store,
    else the SQLite file beside the database."""
    for candidate in (_STORE_OVERRIDE, os.environ.get(STORE_ENV_VAR), config_value("review_store")):
        if candidate and candidate.strip():
            candidate = candidate.strip()
            return candidate if is_postgres_url(candidate) else str(Path(candidate).expanduser())
    return str(review_store_path(Path(db_path)))


def open_review_store(db_path: Path | str, reviewer: str | None = None) -> EventStore:
    """Open (creating if needed) the review store of a database, with the reviewers' scope.

    ``reviewer`` overrides the OS login and is meant for tests only (SQLite only: on
    PostgreSQL the server says who the reviewer is); the CLI and the TUI never pass it.
    Raises ReviewError (one sentence in vi/en) on a bad store or reviewers file.
    """
    db_path = resolved_db_path(Path(db_path))
    location = store_location(db_path)
    if is_postgres_url(location):
        from .postgres import PgReviewStore

        return PgReviewStore(location)
    return ReviewStore(Path(location), reviewer=reviewer, scope=load_scope(db_path))


def existing_review_store(db_path: Path | str) -> EventStore | None:
    """The review store for reading, or None when no decision has been recorded yet.

    Does not create the file, and does not read the reviewers file (everyone may read).
    A reviewer who may read the file but not write it gets a read-only store.
    """
    location = store_location(resolved_db_path(Path(db_path)))
    if is_postgres_url(location):
        from .postgres import PgReviewStore

        return PgReviewStore(location)
    path = Path(location)
    if not path.exists() and not path.is_symlink():
        return None
    return open_for_reading(path)


def open_for_reading(path: Path) -> ReviewStore:
    """A SQLite store opened read-write when allowed (so it can be upgraded), else
    read-only: reading needs no write access."""
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK | os.X_OK):
        return ReviewStore(path, read_only=True)
    try:
        return ReviewStore(path)
    except ReviewError as err:
        if err.key != "store_unwritable":
            raise
        return ReviewStore(path, read_only=True)
