"""The embedded store's tamper-evident log (hash chain, `log --verify`), its upgrade from
a store without hashes, read-only reviewers, a store replaced under a session, and
`ntm-review backup`."""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pgcluster import REVIEWER_USERS, ensure_os_user, run_cli_as, unavailable_reason

from tui.cli import main
from tui.core import sql
from tui.core.paths import review_store_path
from tui.core.review.chain import GENESIS_HASH, event_hash
from tui.core.review.sqlite import APPLICATION_ID, STORE_VERSION, ReviewError, ReviewStore

TRA_CO = "06721"
ONLY_KEY_OF_TRA_CO = "surplus_before_settlement|2023|06721|kd|2023"


def fill(path: Path, count: int = 4) -> None:
    with ReviewStore(path, reviewer="alice") as alice, ReviewStore(path, reviewer="bob") as bob:
        for i in range(count):
            who = alice if i % 2 == 0 else bob
            who.record_decision(f"k|2023|{i}", "resolution", str(i), TRA_CO, 2023, "corrected")


def tamper(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER IF EXISTS event_no_update")
    conn.execute("DROP TRIGGER IF EXISTS event_no_delete")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def verify(capsys, db: Path) -> tuple[int, str, str]:
    code = main(["log", "--verify", "--db", str(db), "--lang", "en"])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_new_store_is_chained_and_verifies(capsys, db: Path) -> None:
    path = review_store_path(db)
    fill(path)
    with ReviewStore(path) as store:
        report = store.verify_chain()
    assert report.ok and report.checked == 4 and report.chain_since == 1
    code, out, err = verify(capsys, db)
    assert code == 0 and "is whole: 4 events checked" in out and not err


@pytest.mark.parametrize(
    ("statements", "seq", "words"),
    [
        (["UPDATE event SET reason = 'x' WHERE seq = 2"], 2, "this event's content was changed"),
        (["UPDATE event SET reviewer = 'alice' WHERE seq = 2"], 2, "content was changed"),
        (["DELETE FROM event WHERE seq = 3"], 3, "this event was deleted"),
        (
            [
                "DROP TRIGGER event_hash_no_delete",
                "DELETE FROM event WHERE seq = 3",
                "DELETE FROM event_hash WHERE seq = 3",
            ],
            4,
            "an earlier event was deleted or changed",
        ),
        (
            [
                "INSERT INTO event (event_id, kind, finding_key, entity_kind, entity_key, "
                "unit_code, year, decision, reason, reviewer, created_at) VALUES ('x', "
                "'decision', 'k|2023|9', 'resolution', '9', '06721', 2023, 'accepted', 'ok', "
                "'bob', '2023-01-01T00:00:00+07:00')"
            ],
            5,
            "an event was added without ntm-review",
        ),
    ],
)
def test_log_verify_names_the_first_broken_link(capsys, db, statements, seq, words) -> None:
    path = review_store_path(db)
    fill(path)
    tamper(path, *statements)
    code, out, err = verify(capsys, db)
    assert code == 1, out
    assert f"breaks at event number {seq}" in err and words in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_store_from_before_the_chain_is_linked_once_and_says_so(capsys, db: Path) -> None:
    path = review_store_path(db)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.executescript(sql.load("review/sqlite/migration_001"))
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    for i in (1, 2):
        conn.execute(
            "INSERT INTO event (event_id, kind, finding_key, entity_kind, entity_key, unit_code, "
            "year, decision, reviewer, created_at) VALUES (?, 'decision', ?, 'resolution', ?, "
            "'06721', 2023, 'corrected', 'alice', '2025-01-0{}T08:00:00+07:00')".replace(
                "{}", str(i)
            ),
            (f"old-{i}", f"k|2023|old{i}", f"old{i}"),
        )
    conn.close()
    with ReviewStore(path, reviewer="bob") as store:
        store.record_decision("k|2023|new", "resolution", "new", TRA_CO, 2023, "corrected")
        report = store.verify_chain()
    assert report.ok and report.checked == 3 and report.chain_since == 3
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == STORE_VERSION == 2
    (first_hash,) = raw.execute("SELECT hash FROM event_hash WHERE seq = 1").fetchone()
    raw.close()
    with ReviewStore(path) as store:
        assert first_hash == event_hash(GENESIS_HASH, store.events()[0])
    code, out, _ = verify(capsys, db)
    assert code == 0 and "Events 1 to 2 predate the hash chain" in out
    # The upgraded table keeps its guards and leaves event kinds open for later ones.
    raw = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError):
        raw.execute("UPDATE event SET reason = 'x'")
    with pytest.raises(sqlite3.IntegrityError):
        raw.execute("DELETE FROM event")
    with pytest.raises(sqlite3.IntegrityError):
        raw.execute(
            "INSERT INTO event (event_id, kind, reviewer, created_at) "
            "VALUES ('bad', 'Bad Kind', 'x', 'now')"
        )
    raw.execute(
        "INSERT INTO event (event_id, kind, reviewer, created_at) "
        "VALUES ('later', 'reopen', 'x', 'now')"
    )
    assert raw.execute("SELECT max(seq) FROM event").fetchone()[0] == 4
    raw.close()


def test_writes_into_a_deleted_or_replaced_store_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite"
    store = ReviewStore(path, reviewer="alice")
    store.record_decision("k|2023|a", "resolution", "a", TRA_CO, 2023, "corrected")
    for sidecar in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        sidecar.unlink(missing_ok=True)
    with pytest.raises(ReviewError) as err:
        store.record_decision("k|2023|b", "resolution", "b", TRA_CO, 2023, "corrected")
    assert err.value.key == "store_replaced" and str(path) in err.value.message("en")
    assert not path.exists()  # nothing was written into a new file either
    store.close()
    # Reopening finds an empty store where one event was recorded: said, not hidden.
    with pytest.raises(ReviewError) as err:
        ReviewStore(path, reviewer="alice")
    assert err.value.key == "store_wal_missing" and err.value.params["missing"] == 1
    path.with_name(path.name + "-last").unlink()  # the loss acknowledged
    path.unlink()
    other = tmp_path / "other.sqlite"
    with ReviewStore(other, reviewer="carol"):
        pass
    store = ReviewStore(path, reviewer="alice")
    other.replace(path)
    with pytest.raises(ReviewError) as err:
        store.add_note("unit", TRA_CO, TRA_CO, "text")
    assert err.value.key == "store_replaced"
    store.close()
    with ReviewStore(path) as fresh:
        assert fresh.last_seq() == 0


def test_backup_copies_what_is_still_in_the_wal(capsys, db: Path, tmp_path: Path) -> None:
    path = review_store_path(db)
    keeper = ReviewStore(path, reviewer="alice")  # an open session: the -wal stays
    conn = keeper._connection()
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    for i in range(47):
        keeper.record_decision(f"k|2023|{i}", "resolution", str(i), TRA_CO, 2023, "corrected")
    assert path.with_name(path.name + "-wal").stat().st_size > 0
    out = tmp_path / "backup"
    assert main(["backup", str(out), "--db", str(db), "--lang", "en"]) == 0
    assert "Backed up into" in capsys.readouterr().out
    copy = out / path.name
    with ReviewStore(copy, read_only=True) as restored:
        assert restored.last_seq() == 47 and restored.verify_chain().ok
    assert (out / db.name).read_bytes() == db.read_bytes()
    # Never over an existing backup.
    assert main(["backup", str(out), "--db", str(db), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and len(err.strip().splitlines()) == 1
    keeper.close()


def test_a_store_copied_without_its_wal_is_reported(capsys, db: Path, tmp_path: Path) -> None:
    path = review_store_path(db)
    keeper = ReviewStore(path, reviewer="alice")
    keeper._connection().execute("PRAGMA wal_autocheckpoint = 0")
    keeper.record_decision("k|2023|first", "resolution", "first", TRA_CO, 2023, "corrected")
    keeper._connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for i in range(46):
        keeper.record_decision(f"k|2023|{i}", "resolution", str(i), TRA_CO, 2023, "corrected")
    naive_copy = tmp_path / "copy.sqlite"
    shutil.copyfile(path, naive_copy)  # the main file only, while the session is open
    keeper.close()
    shutil.copyfile(naive_copy, path)  # "restored" over the live store
    assert not path.with_name(path.name + "-wal").exists()
    with pytest.raises(ReviewError) as err:
        ReviewStore(path)
    assert (err.value.params["recorded"], err.value.params["found"]) == (47, 1)
    for command in (["log"], ["log", "--verify"], ["decide", ONLY_KEY_OF_TRA_CO, "can_sua"]):
        assert main([*command, "--db", str(db), "--lang", "en"]) == 2
        err_text = capsys.readouterr().err
        assert "lacks 46 recorded events" in err_text
        assert len(err_text.strip().splitlines()) == 1


def test_a_symlink_planted_at_the_last_event_file_is_not_written_through(tmp_path: Path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    path = tmp_path / "r.sqlite"
    marker = path.with_name(path.name + "-last")
    marker.symlink_to(victim)
    with ReviewStore(path, reviewer="alice") as store:
        event = store.record_decision("k|2023|a", "resolution", "a", TRA_CO, 2023, "corrected")
    assert event.seq == 1 and victim.read_text(encoding="utf-8") == "precious\n"
    marker.unlink()
    with ReviewStore(path, reviewer="alice") as store:
        store.record_decision("k|2023|b", "resolution", "b", TRA_CO, 2023, "corrected")
    assert marker.read_text(encoding="ascii").strip() == "2" and marker.stat().st_mode & 0o060


# -- reviewers who may read but not write ----------------------------------------------


@pytest.fixture
def readable_only(demo_db: Path) -> Iterator[tuple[Path, str]]:
    """A database and its review store that one OS user may read (group) but not write."""
    reason = unavailable_reason()
    if reason is not None and "not installed" not in reason:
        pytest.skip(reason)
    reader = REVIEWER_USERS[0]
    ensure_os_user(reader)
    folder = Path(tempfile.mkdtemp(prefix="ntm-review-ro-", dir="/tmp"))
    folder.chmod(0o755)
    shared = folder / "shared"
    shared.mkdir()
    db = shared / "demo.duckdb"
    shutil.copyfile(demo_db, db)
    with ReviewStore(review_store_path(db), reviewer="alice") as store:
        store.record_decision(
            ONLY_KEY_OF_TRA_CO, "surplus", "06721|kd|2023", TRA_CO, 2023, "needs_correction"
        )
    for item in (shared, *shared.iterdir()):
        shutil.chown(item, group=reader)
        item.chmod(0o750 if item.is_dir() else 0o640)
    out = folder / "out"
    out.mkdir()
    shutil.chown(out, user=reader)
    try:
        yield db, reader
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_read_only_reviewer_can_log_followup_and_export(readable_only) -> None:
    db, reader = readable_only
    done = run_cli_as(reader, "log", "--format", "json", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert [e["reviewer"] for e in json.loads(done.stdout)] == ["alice"]
    done = run_cli_as(reader, "followup", "--format", "json", "--unit", TRA_CO, "--db", str(db))
    assert done.returncode == 0, done.stderr
    (item,) = json.loads(done.stdout)
    assert (item["decision"], item["decided_by"]) == ("needs_correction", "alice")
    out = db.parent.parent / "out" / "findings.csv"
    done = run_cli_as(reader, "export", str(out), "--format", "csv", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "needs_correction" in out.read_text(encoding="utf-8-sig") or "Cần chỉnh sửa" in (
        out.read_text(encoding="utf-8-sig")
    )
    done = run_cli_as(reader, "log", "--verify", "--db", str(db), "--lang", "en")
    assert done.returncode == 0 and "is whole" in done.stdout, done.stderr
    # Recording is still refused, in one sentence.
    done = run_cli_as(reader, "decide", ONLY_KEY_OF_TRA_CO, "da_khac_phuc", "--db", str(db))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


READER = """
import sys
from pathlib import Path
from tui.core.review.service import open_for_reading
store = open_for_reading(Path(sys.argv[1]))
print(store.read_only, store.last_seq(), flush=True)
sys.stdin.readline()  # the test records a decision meanwhile
print(store.last_seq(), flush=True)
"""


def test_a_read_only_session_sees_decisions_saved_after_it_opened(readable_only) -> None:
    import subprocess

    from pgcluster import cli_unreachable_reason, client_env, system_python

    db, reader = readable_only
    if (reason := cli_unreachable_reason(reader)) is not None:
        pytest.skip(reason)
    path = review_store_path(db)
    session = subprocess.Popen(
        ["runuser", "-u", reader, "--", "env", "-i",
         *(f"{k}={v}" for k, v in client_env().items()),
         system_python(), "-c", READER, str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd="/",
    )  # fmt: skip
    try:
        assert session.stdout.readline().split() == ["True", "1"]
        with ReviewStore(path, reviewer="alice") as store:
            store.record_decision("k|2023|late", "resolution", "late", TRA_CO, 2023, "corrected")
        session.stdin.write("\n")
        session.stdin.flush()
        assert session.stdout.readline().strip() == "2", session.stderr.read()
    finally:
        session.kill()
        session.wait()
