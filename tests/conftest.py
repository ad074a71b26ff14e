"""Fixtures shared by every test suite (unit, functional, e2e).

- `demo_db`: the Móng Cái demo database, built once per session. Treat it as read-only:
  tests that need to change a database copy it first (`shutil.copyfile`).
- `make_db`: builds a small database from a `Dataset`, through the same path as the demo.
- `db_rows`: runs ad-hoc SQL on a built file through a short read-only connection.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tui.core.data.build import build, build_demo_database
from tui.core.data.dataset import Dataset
from tui.core.data.reference import mong_cai_units

# The same configuration as tui.core.data.store uses for its read-only sessions: DuckDB shares
# one instance per file inside a process and refuses a second one with another config.
READ_ONLY_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of the demo database (seed 2023), built once for the whole session."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    build_demo_database(path)
    return path


@pytest.fixture
def make_db(tmp_path: Path) -> Callable[..., Path]:
    """A function that builds a small database from a Dataset and returns its path.

    make_db(data, units=None, review_years=(2023,), meta=None, name=None)
    `units` defaults to the 17 Móng Cái units (tui.core.data.reference.mong_cai_units()).
    """
    counter = itertools.count(1)

    def _make(
        data: Dataset,
        units: list[dict] | None = None,
        review_years: Iterable[int] = (2023,),
        meta: dict[str, str] | None = None,
        name: str | None = None,
    ) -> Path:
        path = tmp_path / (name or f"test-{next(counter)}.duckdb")
        build(
            path,
            mong_cai_units() if units is None else units,
            data,
            tuple(review_years),
            {"dataset_kind": "test", **(meta or {})},
        )
        return path

    return _make


@pytest.fixture(scope="session")
def db_rows() -> Callable[..., list[tuple]]:
    """A function running one SQL statement on a database file, read-only: db_rows(path, sql)."""

    def _rows(path: Path, query: str, params: dict[str, Any] | None = None) -> list[tuple]:
        con = duckdb.connect(str(path), read_only=True, config=READ_ONLY_CONFIG)
        try:
            return con.execute(query, params).fetchall()
        finally:
            con.close()

    return _rows


@pytest.fixture(autouse=True)
def _no_personal_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A developer's own config.toml, language or database must not change what tests see."""
    home = tmp_path_factory.mktemp("xdg")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    for name in ("NTM_REVIEW_DB", "NTM_REVIEW_LANG", "NTM_REVIEW_REVIEWERS", "NTM_REVIEW_STORE"):
        monkeypatch.delenv(name, raising=False)
    # Nor their terminal: NO_COLOR, the Linux console or a C locale change what is drawn
    # (tests of those set them themselves).
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("NTM_REVIEW_GLYPHS", "unicode")
    from tui.core.review.service import use_store

    use_store(None)  # a --store given to an in-process main() earlier


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database, in its own folder: its decisions file and
    reviewers.toml (both beside it) belong to this test alone."""
    path = tmp_path / "db" / "demo.duckdb"
    path.parent.mkdir()
    shutil.copyfile(demo_db, path)
    return path


@pytest.fixture
def store(db: Path):
    """The private demo copy, opened read-only as a session opens it."""
    from tui.core.data.store import Store

    with Store.open(db) as opened:
        yield opened


# -- PostgreSQL ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL cluster (tests/pgcluster.py), stopped and removed at the end."""
    from pgcluster import Cluster, unavailable_reason

    reason = unavailable_reason()
    if reason is not None:
        pytest.skip(reason)
    cluster = Cluster()
    try:
        cluster.start()
    except Exception as exc:  # noqa: BLE001 - say why, once, rather than fail every test
        cluster.stop()
        pytest.skip(f"the throwaway PostgreSQL cluster did not start: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_db(pg_cluster, request) -> str:
    """A fresh, empty database in the throwaway cluster (its name)."""
    name = "t_" + "".join(c if c.isalnum() else "_" for c in request.node.name.lower())[:50]
    pg_cluster.psql("postgres", f"DROP DATABASE IF EXISTS {name}")
    return pg_cluster.fresh_database(name)
