"""Bad database files: every one gets one plain sentence, exit code 2, and no traceback.

The corpus: missing path, directory, empty file, text file, SQLite file, truncated file,
flipped bytes, a DuckDB file of another application, newer and older schema versions, a
file locked by another process, an unreadable file. The small static files live in
tests/corpus/databases/; the rest are made here from the demo database.
"""

from __future__ import annotations

import os
import pwd
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from tui.cli import main
from tui.core import sql as sql_module
from tui.core.data import store as store_module
from tui.core.data.rebuild import migrate_database
from tui.core.data.store import LockedDatabase, Store, current_schema_version
from tui.core.errors import DatabaseError
from tui.core.rules.findings import load_findings

CORPUS = Path(__file__).parents[1] / "corpus" / "databases"
FILE_HEADER_BYTES = 3 * 4096  # DuckDB: the file header and two database headers
CHECKSUM_BYTES = 8  # every block starts with its checksum


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("NTM_REVIEW_DB", "NTM_REVIEW_LANG")}


def run(*args: str, timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        env=clean_env(),
    )


def rw(path: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), config={"autoinstall_known_extensions": False})


# -- making bad files --------------------------------------------------------------------


def missing(folder: Path, demo: Path) -> Path:
    return folder / "does-not-exist.duckdb"


def directory(folder: Path, demo: Path) -> Path:
    path = folder / "a-directory.duckdb"
    path.mkdir()
    return path


def from_corpus(name: str) -> Callable[[Path, Path], Path]:
    def make(folder: Path, demo: Path) -> Path:
        return Path(shutil.copyfile(CORPUS / name, folder / name))

    return make


def sqlite_file(folder: Path, demo: Path) -> Path:
    path = folder / "reviews.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE event (id TEXT PRIMARY KEY, body TEXT)")
    con.execute("INSERT INTO event VALUES ('1', 'a decision')")
    con.commit()
    con.close()
    return path


def truncated(folder: Path, demo: Path) -> Path:
    path = folder / "truncated.duckdb"
    data = demo.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def flip(path: Path, offset: int, length: int = 16) -> None:
    with open(path, "r+b") as handle:
        handle.seek(offset)
        original = handle.read(length)
        handle.seek(offset)
        handle.write(bytes(b ^ 0xFF for b in original))


def corrupt_findings_block(folder: Path, demo: Path) -> Path:
    """Flip bytes inside the data block that holds the finding table."""
    path = folder / "corrupt.duckdb"
    shutil.copyfile(demo, path)
    con = duckdb.connect(str(path), read_only=True)
    try:
        block_id, block_offset = con.execute(
            "SELECT block_id, block_offset FROM pragma_storage_info('finding') "
            "WHERE column_name = 'rule_id' AND block_id >= 0 LIMIT 1"
        ).fetchone()
        (block_size,) = con.execute("SELECT block_size FROM pragma_database_size()").fetchone()
    finally:
        con.close()
    offset = FILE_HEADER_BYTES + block_id * block_size + CHECKSUM_BYTES + block_offset
    assert offset + 16 < path.stat().st_size
    flip(path, offset)
    return path


def not_ntm(folder: Path, demo: Path) -> Path:
    path = folder / "other-application.duckdb"
    con = rw(path)
    con.execute("CREATE TABLE invoices (id INTEGER, total BIGINT)")
    con.execute("INSERT INTO invoices VALUES (1, 100)")
    con.close()
    return path


def empty_duckdb(folder: Path, demo: Path) -> Path:
    path = folder / "empty-duckdb.duckdb"
    rw(path).close()
    return path


def no_version_rows(folder: Path, demo: Path) -> Path:
    path = folder / "no-version-rows.duckdb"
    shutil.copyfile(demo, path)
    con = rw(path)
    con.execute("DELETE FROM schema_version")
    con.close()
    return path


def newer(folder: Path, demo: Path) -> Path:
    path = folder / "newer.duckdb"
    shutil.copyfile(demo, path)
    con = rw(path)
    con.execute("INSERT INTO schema_version VALUES (999, current_timestamp, 'from the future')")
    con.close()
    return path


def version_zero(folder: Path, demo: Path) -> Path:
    """An older file: only the version table, at version 0."""
    path = folder / "older.duckdb"
    con = rw(path)
    con.execute(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
        "applied_at TIMESTAMP NOT NULL, note VARCHAR)"
    )
    con.execute("INSERT INTO schema_version VALUES (0, current_timestamp, 'older')")
    con.close()
    return path


# (id, maker, the DatabaseError keys Store.open may raise)
CASES = [
    ("missing", missing, {"db_missing"}),
    ("directory", directory, {"db_is_directory"}),
    ("empty-file", from_corpus("empty.db"), {"db_empty"}),
    ("text-file", from_corpus("text.db"), {"db_not_duckdb"}),
    ("sqlite-file", sqlite_file, {"db_not_duckdb"}),
    ("truncated", truncated, {"db_truncated", "db_corrupt"}),
    ("flipped-bytes", corrupt_findings_block, {"db_corrupt"}),
    ("other-duckdb", not_ntm, {"db_not_ntm"}),
    ("empty-duckdb", empty_duckdb, {"db_not_ntm"}),
    ("no-version-rows", no_version_rows, {"db_not_ntm"}),
    ("newer-schema", newer, {"db_newer"}),
    ("older-schema", version_zero, {"db_needs_migrate"}),
]


# Damage in a data block that opening does not read (only a query does): `migrate` sees
# a current, openable file and leaves it alone; `check` reports the damage when it reads it.
FOUND_ONLY_BY_QUERIES = {"flipped-bytes"}


@pytest.fixture(params=CASES, ids=[c[0] for c in CASES])
def bad(request, tmp_path, demo_db) -> tuple[Path, set[str]]:
    case_id, make, keys = request.param
    request.node.case_id = case_id
    return make(tmp_path, demo_db), keys


def one_sentence(result: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert result.stdout == ""
    return lines[0]


def test_check_refuses_with_one_sentence(bad):
    path, _ = bad
    started = time.monotonic()
    vi = run("check", "--db", str(path))
    en = run("check", "--db", str(path), "--lang", "en")
    assert time.monotonic() - started < 20, "refusing a bad file must not stall"
    assert vi.returncode == 2 and en.returncode == 2
    line_vi, line_en = one_sentence(vi), one_sentence(en)
    assert str(path) in line_vi and str(path) in line_en
    assert line_vi != line_en
    assert "Error:" not in line_en, "a raw DuckDB message leaked into the sentence"


def test_store_open_raises_the_expected_key(bad):
    path, keys = bad
    with pytest.raises(DatabaseError) as caught, Store.open(path) as store:
        load_findings(store)
    assert caught.value.key in keys
    assert str(path) in caught.value.message("vi")
    assert caught.value.message("vi") != caught.value.message("en")


def test_migrate_refuses_with_one_sentence(bad, capsys, request):
    path, _ = bad
    before = path.read_bytes() if path.is_file() else None
    code = main(["migrate", "--db", str(path), "--lang", "en"])
    out, err = capsys.readouterr()
    if request.node.case_id in FOUND_ONLY_BY_QUERIES and code == 0:
        assert "latest" in out and err == ""
    else:
        assert code == 2 and out == ""
        assert len(err.splitlines()) == 1 and str(path) in err
    if before is not None:
        assert path.read_bytes() == before, "a failed migration changed the file"
    leftovers = [p.name for p in path.parent.iterdir() if ".build-" in p.name]
    assert leftovers == []


def test_sqlite_file_does_not_stall(tmp_path, demo_db):
    """DuckDB would try to download its SQLite extension; offline that stalls."""
    path = sqlite_file(tmp_path, demo_db)
    started = time.monotonic()
    with pytest.raises(DatabaseError) as caught:
        Store.open(path)
    assert time.monotonic() - started < 5
    assert caught.value.key == "db_not_duckdb"


def test_older_schema_tells_the_user_to_migrate(tmp_path, demo_db):
    path = version_zero(tmp_path, demo_db)
    for lang in ("vi", "en"):
        result = run("check", "--db", str(path), "--lang", lang)
        assert result.returncode == 2
        assert f"ntm-review migrate --db {path}" in one_sentence(result)


def test_newer_schema_names_both_versions(tmp_path, demo_db):
    path = newer(tmp_path, demo_db)
    with pytest.raises(DatabaseError) as caught:
        Store.open(path)
    message = caught.value.message("en")
    assert "999" in message and str(current_schema_version()) in message


def test_bytes_flipped_in_the_middle_never_go_unnoticed(tmp_path, demo_db):
    """Flip bytes all through the middle third: either the damage is caught with one
    sentence, or it sits in unused space and the output is exactly the intact one."""
    path = tmp_path / "flipped.duckdb"
    shutil.copyfile(demo_db, path)
    size = path.stat().st_size
    for offset in range(size // 3, 2 * size // 3, 64 * 1024):
        flip(path, offset, 64)
    intact = run("check", "--db", str(demo_db), "--format", "json")
    damaged = run("check", "--db", str(path), "--format", "json")
    assert "Traceback" not in damaged.stderr
    if damaged.returncode == 2:
        assert str(path) in one_sentence(damaged)
    else:
        assert (damaged.returncode, damaged.stdout) == (intact.returncode, intact.stdout)


# -- a file locked by another process ----------------------------------------------------

HOLD_LOCK = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("ready", flush=True)
time.sleep(120)
"""


@pytest.fixture
def locked_copy(tmp_path, demo_db):
    path = tmp_path / "locked.duckdb"
    shutil.copyfile(demo_db, path)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready", holder.stderr.read()
        yield path, holder.pid
    finally:
        holder.kill()
        holder.wait(timeout=10)


def test_locked_file_names_its_holder(locked_copy):
    path, pid = locked_copy
    user = pwd.getpwuid(os.getuid()).pw_name
    vi = run("check", "--db", str(path))
    en = run("check", "--db", str(path), "--lang", "en")
    assert vi.returncode == 2 and en.returncode == 2
    line_vi, line_en = one_sentence(vi), one_sentence(en)
    for line in (line_vi, line_en):
        assert str(path) in line and str(pid) in line and user in line
    assert line_vi != line_en


def test_locked_file_raises_locked_database(locked_copy):
    path, pid = locked_copy
    with pytest.raises(DatabaseError) as caught:
        Store.open(path)
    assert isinstance(caught.value, LockedDatabase)
    assert caught.value.key == "db_locked"
    assert str(pid) in caught.value.message("en")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path, demo_db):
    path = tmp_path / "unreadable.duckdb"
    shutil.copyfile(demo_db, path)
    path.chmod(0)
    try:
        with pytest.raises(DatabaseError) as caught:
            Store.open(path)
        assert caught.value.key == "db_permission"
        result = run("check", "--db", str(path), "--lang", "en")
        assert result.returncode == 2 and str(path) in one_sentence(result)
    finally:
        path.chmod(0o644)


# -- an older schema that a migration brings up to date --------------------------------

NEXT_MIGRATION = "schema/9999_test_next"
NEXT_MIGRATION_SQL = "-- A test migration. Returns nothing.\nCREATE TABLE test_marker (x INTEGER);"


@pytest.fixture
def one_more_migration(monkeypatch):
    """Pretend the program knows one more migration than the files on disk were built with."""
    real_files, real_load = store_module.migration_files(), sql_module.load
    next_version = real_files[-1][0] + 1
    monkeypatch.setattr(
        store_module, "migration_files", lambda: [*real_files, (next_version, NEXT_MIGRATION)]
    )
    monkeypatch.setattr(
        sql_module,
        "load",
        lambda name: NEXT_MIGRATION_SQL if name == NEXT_MIGRATION else real_load(name),
    )
    return next_version


def test_migrate_brings_an_older_file_up_to_date(tmp_path, demo_db, one_more_migration, capsys):
    path = tmp_path / "older.duckdb"
    shutil.copyfile(demo_db, path)
    old_version = one_more_migration - 1

    with pytest.raises(DatabaseError) as caught:
        Store.open(path)
    assert caught.value.key == "db_needs_migrate"

    assert main(["check", "--db", str(path), "--lang", "en"]) == 2
    assert "ntm-review migrate" in capsys.readouterr().err

    assert main(["migrate", "--db", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert str(old_version) in out and str(one_more_migration) in out

    with Store.open(path) as store:
        assert len(load_findings(store)) > 0
    con = duckdb.connect(
        str(path),
        read_only=True,
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False},
    )
    try:
        versions = [
            v for (v,) in con.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()
        ]
        assert con.execute("SELECT count(*) FROM test_marker").fetchone() == (0,)
    finally:
        con.close()
    # Every migration the file was built with, then the one the migration added.
    # (Migration numbers are reserved per change, so the files on disk may skip one.)
    built_with = [v for v, _name in store_module.migration_files() if v <= old_version]
    assert versions == [*built_with, one_more_migration]
    assert migrate_database(path) == (one_more_migration, one_more_migration)
