"""Every review-store query in queries/review/ compiles on the engine that runs it: the
SQLite ones against a real SQLite store, the PostgreSQL ones against a store on the
throwaway cluster (tests/pgcluster.py). test_core_hygiene.py checks their headers; this
checks that what each header describes is SQL its engine accepts, with every parameter
bound by name.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.core import sql
from tui.core.review import postgres
from tui.core.review.eventstore import engine_query
from tui.core.review.sqlite import APPLICATION_ID, STORE_VERSION, ReviewStore
from tui.core.review.sqlite_file import query as sqlite_query

PARAMETER = re.compile(r"\$([A-Za-z_]\w*)")
ENGINES = ("sqlite", "postgres")
# One pass, left to right, so that "--" inside a string literal stays in it.
COMMENT_OR_LITERAL = re.compile(r"--[^\n]*|'(?:[^']|'')*'")


def without_comments(text: str) -> str:
    return COMMENT_OR_LITERAL.sub(lambda m: "" if m[0].startswith("--") else m[0], text)


def review_query_names(engine: str) -> list[str]:
    """The names an engine's store may ask for: the shared queries/review/*.sql and its own
    queries/review/<engine>/*.sql (migration scripts aside: opening a store runs them)."""
    names = set()
    for name in sql.all_query_names():
        parts = name.split("/")
        if parts[0] != "review":
            continue
        if len(parts) == 2 or (len(parts) == 3 and parts[1] == engine):
            names.add(parts[-1])
    return sorted(n for n in names if not n.startswith("migration_"))


def test_every_review_file_belongs_to_an_engine():
    """A file in another folder under queries/review/ would be loaded by no store."""
    for name in sql.all_query_names():
        parts = name.split("/")
        if parts[0] == "review":
            assert len(parts) == 2 or (len(parts) == 3 and parts[1] in ENGINES), name
    assert "begin_immediate" in review_query_names("sqlite")
    assert "listen" in review_query_names("postgres")
    assert "listen" not in review_query_names("sqlite")


def test_the_stamps_match_the_code():
    """A PRAGMA takes no bound parameter, so the two numbers are written in their files."""
    version = re.search(r"user_version = (\d+)", sql.load("review/sqlite/store_version_set"))
    app_id = re.search(r"application_id = (\d+)", sql.load("review/sqlite/application_id_set"))
    assert version is not None and int(version[1]) == STORE_VERSION
    assert app_id is not None and int(app_id[1]) == APPLICATION_ID
    assert sorted(n for n in sql.all_query_names() if n.startswith("review/sqlite/migration_")) == [
        f"review/sqlite/migration_{i:03d}" for i in range(1, STORE_VERSION + 1)
    ]


@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory: pytest.TempPathFactory):
    path: Path = tmp_path_factory.mktemp("review-queries") / "review.sqlite"
    with ReviewStore(path, reviewer="alice") as store:
        yield store


@pytest.mark.parametrize("name", review_query_names("sqlite"))
def test_sqlite_query_compiles(sqlite_store: ReviewStore, name: str):
    text = sqlite_query(name)
    params = dict.fromkeys(PARAMETER.findall(text))
    conn = sqlite_store._connection()
    # EXPLAIN compiles the statement (names bound) and lists its program without running it.
    program = conn.execute("EXPLAIN " + text, params).fetchall()
    assert program, f"{engine_query('sqlite', name)}: SQLite compiled nothing"


@pytest.fixture(scope="module")
def pg_owner(pg_cluster):
    from pgcluster import SERVER_USER

    database = "t_review_queries"
    pg_cluster.psql("postgres", f"DROP DATABASE IF EXISTS {database}")
    pg_cluster.fresh_database(database)
    url = pg_cluster.url(SERVER_USER, database)
    postgres.init_postgres(url, {"ntmtui1": None})
    return url


@pytest.mark.parametrize("name", review_query_names("postgres"))
def test_postgres_query_compiles(pg_owner: str, name: str):
    import psycopg

    text = without_comments(sql.load(engine_query("postgres", name)))
    order: list[str] = []
    for param in PARAMETER.findall(text):
        if param not in order:
            order.append(param)
    # The server's own parse and analysis (libpq's PQprepare), the parameters numbered in
    # the order they first appear; nothing is executed.
    positional = PARAMETER.sub(lambda m: f"${order.index(m[1]) + 1}", text)
    with psycopg.connect(pg_owner, autocommit=True) as conn:
        result = conn.pgconn.prepare(b"", positional.encode("utf-8"))
        ok = result.status == psycopg.pq.ExecStatus.COMMAND_OK
        detail = (result.error_message or b"").decode("utf-8", "replace")
    assert ok, f"{engine_query('postgres', name)}: {detail}"
    # What psycopg is handed names the same parameters: a $-name in a header comment
    # becomes a placeholder too, and one that is not a parameter would fail every call.
    handed = set(re.findall(r"(?<!%)%\((\w+)\)s", postgres._sql(name)))
    assert handed == set(order), f"{engine_query('postgres', name)}: {sorted(handed ^ set(order))}"
