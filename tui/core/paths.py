"""Where ntm-review finds its SQL, its reference data and its database."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _resource_dir(installed_name: str, repo_name: str) -> Path:
    # A wheel carries queries/ and data/ inside the package; a source checkout
    # (including an editable install) keeps them at the repository root.
    installed = _PACKAGE_DIR / installed_name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / repo_name


QUERIES_DIR = _resource_dir("_queries", "queries")
DATA_DIR = _resource_dir("_data", "data")

DB_ENV_VAR = "NTM_REVIEW_DB"
REVIEWERS_ENV_VAR = "NTM_REVIEW_REVIEWERS"
# The review store: a postgresql:// URL or a SQLite file's path (default: beside the db).
STORE_ENV_VAR = "NTM_REVIEW_STORE"


def default_db_path() -> Path:
    """The database used when neither --db nor NTM_REVIEW_DB is given."""
    env = os.environ.get(DB_ENV_VAR)
    if env:
        return Path(env).expanduser()
    # Imported here so that the review store (which loads its SQL through this module)
    # needs nothing but the standard library.
    from platformdirs import user_data_path

    return user_data_path("ntm-review") / "ntm-review.duckdb"


def resolved_db_path(db_path: Path) -> Path:
    """The database file itself when db_path is a symlink to it: one file has one review
    store (named after the real file) and a build renames over the real file, leaving
    the link a link."""
    db_path = Path(db_path)
    if db_path.is_symlink():
        return Path(os.path.realpath(db_path))
    return db_path


def review_store_path(db_path: Path) -> Path:
    """Decisions live beside the audited file, so a rebuild (rename) never touches them."""
    return db_path.with_name(db_path.stem + ".reviews.sqlite")


def reviewers_file_path(db_path: Path) -> Path:
    """The reviewers file (who may record on which units): NTM_REVIEW_REVIEWERS, else
    reviewers.toml in the database's folder. A missing file means no restriction."""
    env = os.environ.get(REVIEWERS_ENV_VAR)
    if env:
        return Path(env).expanduser()
    return Path(db_path).parent / "reviewers.toml"


def build_lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")
