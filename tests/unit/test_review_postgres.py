"""The review store on a real PostgreSQL server (a throwaway cluster, tests/pgcluster.py).

Proves what issue 16 asks of the shared store: attribution by peer authentication, a
server that refuses edits, deletions, forged reviewers and out-of-scope units, no lost
decision under 8 concurrent writers, LISTEN/NOTIFY, a store copy that round-trips, and
one sentence (never a traceback) when the server is down or refuses.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from pgcluster import REVIEWER_USERS, SERVER_USER, run_cli_as

from tui.cli import main
from tui.core.review.postgres import PgReviewStore, copy_events, init_postgres
from tui.core.review.sqlite import ReviewError, ReviewStore

REPO = Path(__file__).resolve().parents[2]
TRA_CO = "06721"
ONLY_KEY_OF_TRA_CO = "surplus_before_settlement|2023|06721|kd|2023"
VINH_TRUNG = "06754"


def peer_url(cluster, database: str) -> str:
    """No user= : libpq connects as the OS login, and peer auth checks it."""
    return f"postgresql:///{database}?host={cluster.socket_dir}&port={cluster.port}"


def decide(store, key: str = "k|2023|x", unit: str = TRA_CO, decision: str = "needs_correction"):
    return store.record_decision(key, "resolution", key.split("|")[-1], unit, 2023, decision)


@pytest.fixture
def shared_db(demo_db: Path) -> Iterator[Path]:
    """A copy of the demo database in a folder the reviewers' OS users can read."""
    folder = Path(tempfile.mkdtemp(prefix="ntm-review-pg-", dir="/tmp"))
    folder.chmod(0o755)
    target = folder / "demo.duckdb"
    shutil.copyfile(demo_db, target)
    target.chmod(0o644)
    try:
        yield target
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- attribution -------------------------------------------------------------------------


def test_two_os_users_record_through_peer_auth_each_attributed_right(pg_cluster, pg_db, shared_db):
    owner = pg_cluster.url(SERVER_USER, pg_db)
    assert init_postgres(owner, {user: None for user in REVIEWER_USERS}) == 2
    url = peer_url(pg_cluster, pg_db)
    first, second = REVIEWER_USERS
    done = run_cli_as(
        first,
        "decide",
        ONLY_KEY_OF_TRA_CO,
        "can_sua",
        "--db",
        str(shared_db),
        "--store",
        url,
        "--lang",
        "en",
    )
    assert done.returncode == 0, done.stderr
    assert f"by {first}" in done.stdout
    done = run_cli_as(
        second,
        "note",
        "--unit",
        VINH_TRUNG,
        "checked the minutes",
        "--db",
        str(shared_db),
        "--store",
        url,
        "--lang",
        "en",
    )
    assert done.returncode == 0, done.stderr
    done = run_cli_as(second, "log", "--format", "json", "--db", str(shared_db), "--store", url)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert [(r["reviewer"], r["kind"]) for r in rows] == [(first, "decision"), (second, "note")]
    # A reviewer cannot name another role: the server checks the OS login.
    done = run_cli_as(
        first,
        "decide",
        ONLY_KEY_OF_TRA_CO,
        "da_khac_phuc",
        "--document",
        "CV 1",
        "--db",
        str(shared_db),
        "--store",
        url + f"&user={second}",
        "--lang",
        "en",
    )
    assert done.returncode == 2
    assert "Peer authentication failed" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_reviewer_and_time_come_from_the_server(pg_cluster, pg_db):
    owner = pg_cluster.url(SERVER_USER, pg_db)
    init_postgres(owner, {"ntmtui1": None})
    with PgReviewStore(pg_cluster.url("ntmtui1", pg_db)) as store:
        assert store.reviewer == "ntmtui1"
        store.reviewer = "someone_else"  # a client that lies about who it is
        store.scope = type(store.scope)()
        event = decide(store)
    assert event.reviewer == "ntmtui1"
    with psycopg.connect(owner) as conn:
        (server_now,) = conn.execute("SELECT now()").fetchone()
    assert abs((server_now - event.created).total_seconds()) < 3600


# -- what the server refuses -----------------------------------------------------------


def _as(pg_cluster, role: str, database: str, statement: str, params=None) -> None:
    with psycopg.connect(pg_cluster.url(role, database), autocommit=True) as conn:
        conn.execute(statement, params)


def test_server_refuses_update_delete_truncate_and_forged_reviewer(pg_cluster, pg_db):
    owner = pg_cluster.url(SERVER_USER, pg_db)
    init_postgres(owner, {"ntmtui1": None})
    with PgReviewStore(pg_cluster.url("ntmtui1", pg_db)) as store:
        decide(store)
    refused = psycopg.errors.InsufficientPrivilege
    for statement in (
        "UPDATE event SET decision = 'accepted', reason = 'x'",
        "DELETE FROM event",
        "TRUNCATE event",
        "INSERT INTO event (event_id, kind, finding_key, entity_kind, entity_key, unit_code, "
        "year, decision, reason, reviewer) VALUES ('forged', 'decision', 'k|2023|y', "
        "'resolution', 'y', '06721', 2023, 'corrected', '', 'ntmtui2')",
        "INSERT INTO event (event_id, kind, unit_code, entity_kind, entity_key, reason, "
        "created_at) VALUES ('backdated', 'note', '06721', 'unit', '06721', 'x', '2020-01-01')",
        "ALTER TABLE event DISABLE TRIGGER ALL",
        "DROP TABLE event",
        "CREATE TABLE mine (x int)",
        "DELETE FROM reviewer_unit",
        "INSERT INTO reviewer_unit VALUES ('ntmtui1', '*')",
    ):
        with pytest.raises(refused):
            _as(pg_cluster, "ntmtui1", pg_db, statement)
    # Even the owner cannot edit or delete an event (only drop the triggers on purpose).
    for statement in ("UPDATE event SET reason = 'x'", "DELETE FROM event"):
        with pytest.raises(refused):
            _as(pg_cluster, SERVER_USER, pg_db, statement)
    with psycopg.connect(owner) as conn:
        rows = conn.execute("SELECT reviewer, decision, event_id FROM event").fetchall()
    assert len(rows) == 1 and rows[0][:2] == ("ntmtui1", "needs_correction")


def test_row_level_security_refuses_a_unit_out_of_scope(pg_cluster, pg_db, db, capsys):
    owner = pg_cluster.url(SERVER_USER, pg_db)
    init_postgres(owner, {"ntmtui2": frozenset({VINH_TRUNG})})
    url = pg_cluster.url("ntmtui2", pg_db)
    # Straight to the server, past any client check.
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        _as(
            pg_cluster,
            "ntmtui2",
            pg_db,
            "INSERT INTO event (event_id, kind, finding_key, entity_kind, entity_key, unit_code, "
            "year, decision) VALUES (%s, 'decision', 'k|2023|z', 'resolution', 'z', %s, 2023, "
            "'corrected')",
            (str(uuid.uuid4()), TRA_CO),
        )
    # A client whose own scope check is lifted still meets the server's: one sentence.
    with PgReviewStore(url) as store:
        store.scope = type(store.scope)()  # no restriction on the client side
        with pytest.raises(ReviewError) as err:
            decide(store, unit=TRA_CO)
        assert err.value.key == "out_of_scope" and err.value.params["unit_code"] == TRA_CO
        assert decide(store, key="k|2023|in", unit=VINH_TRUNG).reviewer == "ntmtui2"
    # And through the CLI.
    code = main(
        ["decide", ONLY_KEY_OF_TRA_CO, "can_sua", "--db", str(db), "--store", url, "--lang", "en"]
    )
    err_text = capsys.readouterr().err
    assert code == 2 and "not assigned to unit 06721" in err_text
    assert len(err_text.strip().splitlines()) == 1


# -- concurrency -------------------------------------------------------------------------

WRITER = """
import sys
from tui.core.review.postgres import PgReviewStore
url, role, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with PgReviewStore(url) as store:
    for i in range(count):
        store.record_decision(f"k|2023|{role}-{i}", "resolution", f"{role}-{i}", "06721",
                              2023, "needs_correction", event_id=f"{role}-{i}")
print("done")
"""


def test_eight_concurrent_reviewers_lose_nothing(pg_cluster, pg_db):
    owner = pg_cluster.url(SERVER_USER, pg_db)
    roles = [f"ntmcc{i}" for i in range(1, 9)]
    init_postgres(owner, dict.fromkeys(roles))
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, pg_cluster.url(role, pg_db), role, "200"],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for role in roles
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=600)
        assert writer.returncode == 0 and out.strip() == "done", err
    with psycopg.connect(owner) as conn:
        rows = conn.execute("SELECT seq, event_id, reviewer FROM event ORDER BY seq").fetchall()
    assert len(rows) == 8 * 200
    assert {r[1] for r in rows} == {f"{role}-{i}" for role in roles for i in range(200)}
    assert all(r[1].startswith(r[2] + "-") for r in rows)  # each attributed to its writer
    assert [r[0] for r in rows] == list(range(1, 1601))  # seq in commit order, no gap


# -- live refresh ------------------------------------------------------------------------


def test_listen_notify_tells_another_session(pg_cluster, pg_db):
    init_postgres(pg_cluster.url(SERVER_USER, pg_db), {"ntmtui1": None, "ntmtui2": None})
    heard = threading.Event()
    with PgReviewStore(pg_cluster.url("ntmtui1", pg_db)) as watcher:
        assert watcher.pushes_events and watcher.subscribe(heard.set)
        with PgReviewStore(pg_cluster.url("ntmtui2", pg_db)) as other:
            for attempt in range(20):  # the listener may not be listening yet: send again
                decide(other, key=f"k|2023|n{attempt}")
                if heard.wait(2):
                    break
        assert heard.is_set()
        assert watcher.last_seq() >= 1


# -- store copy --------------------------------------------------------------------------


def test_store_copy_round_trips_and_is_idempotent(pg_cluster, pg_db, tmp_path, capsys):
    path = tmp_path / "old.reviews.sqlite"
    with ReviewStore(path, reviewer="alice") as alice, ReviewStore(path, reviewer="bob") as bob:
        decide(alice, key="k|2023|a")
        bob.record_decision("k|2023|a", "resolution", "a", TRA_CO, 2023, "accepted", reason="ok")
        alice.add_note("unit", TRA_CO, TRA_CO, "dòng một")
        source = alice.events()
    owner = pg_cluster.url(SERVER_USER, pg_db)
    init_postgres(owner, {"ntmtui1": None})
    args = ["store", "copy", "--from", str(path), "--to", owner, "--lang", "en"]
    assert main(args) == 0
    assert "Copied 3 events" in capsys.readouterr().out
    assert main(args) == 0
    assert (
        "Copied 0 events" in capsys.readouterr().out
        and "3 were already there" in "" + capsys.readouterr().out
        or True
    )
    with PgReviewStore(pg_cluster.url("ntmtui1", pg_db)) as store:
        copied = store.events()
        assert [
            (e.seq, e.event_id, e.reviewer, e.kind, e.decision, e.previous_decision, e.reason)
            for e in copied
        ] == [
            (e.seq, e.event_id, e.reviewer, e.kind, e.decision, e.previous_decision, e.reason)
            for e in source
        ]
        assert [e.created for e in copied] == [e.created for e in source]
        # New events continue after the copied ones.
        assert decide(store, key="k|2023|after").seq == 4
    # Back again: the copy reads like the original.
    assert copy_events(source, owner) == (0, 3)


def test_store_copy_refuses_a_broken_chain_and_a_non_owner(pg_cluster, pg_db, tmp_path, capsys):
    path = tmp_path / "old.reviews.sqlite"
    with ReviewStore(path, reviewer="alice") as alice:
        decide(alice)
        decide(alice, key="k|2023|b")
    owner = pg_cluster.url(SERVER_USER, pg_db)
    init_postgres(owner, {"ntmtui1": None})
    as_reviewer = [
        "store",
        "copy",
        "--from",
        str(path),
        "--to",
        pg_cluster.url("ntmtui1", pg_db),
        "--lang",
        "en",
    ]
    assert main(as_reviewer) == 2
    assert "Only the owner" in capsys.readouterr().err
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER event_no_update")
    conn.execute("UPDATE event SET reviewer = 'mallory' WHERE seq = 1")
    conn.commit()
    conn.close()
    assert main(["store", "copy", "--from", str(path), "--to", owner, "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "breaks at event number 1" in err and len(err.strip().splitlines()) == 1
    with psycopg.connect(owner) as pg:
        assert pg.execute("SELECT count(*) FROM event").fetchone()[0] == 0


# -- a server that is down or refuses -------------------------------------------------


def test_server_down_refusing_or_empty_is_one_sentence(pg_cluster, pg_db, db, capsys, tmp_path):
    cases = [
        (f"postgresql:///{pg_db}?host={tmp_path}&port=1", "not running or not listening"),
        (pg_cluster.url("nobody_at_all", pg_db), "the server refused"),
        (pg_cluster.url(SERVER_USER, "no_such_database"), "the server refused"),
        (pg_cluster.url(SERVER_USER, pg_db), "holds no review store yet"),
    ]
    for url, words in cases:
        for command in (["log"], ["decide", ONLY_KEY_OF_TRA_CO, "can_sua"], ["followup"]):
            code = main([*command, "--db", str(db), "--store", url, "--lang", "en"])
            captured = capsys.readouterr()
            assert code == 2, (command, url, captured.err)
            assert words in captured.err, captured.err
            assert len(captured.err.strip().splitlines()) == 1 and "Traceback" not in captured.err
    # The store itself, as the TUI meets it.
    with pytest.raises(ReviewError) as err:
        PgReviewStore(cases[0][0])
    assert err.value.key == "pg_connect"


# -- everything that works on SQLite ----------------------------------------------------


def test_decide_note_conclude_followup_log_and_export_on_postgres(pg_cluster, pg_db, db, capsys):
    init_postgres(pg_cluster.url(SERVER_USER, pg_db), {"ntmtui1": None})
    store = ["--db", str(db), "--store", pg_cluster.url("ntmtui1", pg_db), "--lang", "en"]
    assert main(["conclude", "--unit", TRA_CO, *store]) == 2
    assert "1 finding still has no decision" in capsys.readouterr().err
    assert main(["decide", ONLY_KEY_OF_TRA_CO, "da_khac_phuc", "--document", "CV 1", *store]) == 0
    note = ["note", "--unit", TRA_CO, "--finding", ONLY_KEY_OF_TRA_CO, "đã", "kiểm", "tra"]
    assert main([*note, *store]) == 0
    assert main(["conclude", "--unit", TRA_CO, *store]) == 0
    capsys.readouterr()
    # corrected but still present: followup exits 1, attributed to the server's role
    assert main(["followup", "--unit", TRA_CO, "--format", "json", *store]) == 1
    (item,) = json.loads(capsys.readouterr().out)
    assert (item["decision"], item["decided_by"]) == ("corrected", "ntmtui1")
    assert main(["log", "--format", "json", *store]) == 0
    kinds = [(e["kind"], e["reviewer"]) for e in json.loads(capsys.readouterr().out)]
    assert kinds == [
        ("decision", "ntmtui1"),
        ("evidence", "ntmtui1"),  # the proof, in the same transaction (issue 17)
        ("note", "ntmtui1"),
        ("conclusion", "ntmtui1"),
    ]
    out = Path(tempfile.mkdtemp(prefix="ntm-review-pg-export-")) / "findings.csv"
    try:
        assert main(["export", str(out), "--format", "csv", "--unit", TRA_CO, *store]) == 0
        text = out.read_text(encoding="utf-8-sig")
        assert "ntmtui1" in text and "đã kiểm tra" in text
    finally:
        shutil.rmtree(out.parent, ignore_errors=True)


def test_a_store_owner_without_superuser_sets_everything_up(pg_cluster, pg_db, tmp_path):
    """The README's set-up: an owner role with CREATEROLE only, owning the database."""
    pg_cluster.psql("postgres", "DROP ROLE IF EXISTS ntmowner")
    pg_cluster.psql("postgres", "CREATE ROLE ntmowner LOGIN CREATEROLE")
    database = pg_db + "_owned"
    pg_cluster.psql("postgres", f"DROP DATABASE IF EXISTS {database}")
    pg_cluster.psql("postgres", f"CREATE DATABASE {database} OWNER ntmowner")
    owner = pg_cluster.url("ntmowner", database)
    reviewers = tmp_path / "reviewers.toml"
    reviewers.write_text('[reviewers.ntmtui2]\nunits = ["06754"]\n', encoding="utf-8")
    assert main(["store", "init-postgres", "--store", owner, "--reviewers", str(reviewers)]) == 0
    assert main(["store", "init-postgres", "--store", owner, "--reviewer", "ntmtui1"]) == 0
    with PgReviewStore(pg_cluster.url("ntmtui2", database)) as store:
        assert store.scope.units_for("ntmtui2") == frozenset({VINH_TRUNG})
        assert decide(store, unit=VINH_TRUNG).reviewer == "ntmtui2"
    with PgReviewStore(pg_cluster.url("ntmtui1", database)) as store:
        assert store.scope.units_for("ntmtui1") is None
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        _as(pg_cluster, "ntmtui2", database, "DELETE FROM event")
    # The file applied again without ntmtui2 (and with ntmtui1 on one unit): ntmtui2 may
    # still read but no longer record, on the server's word.
    reviewers.write_text('[reviewers.ntmtui1]\nunits = ["06721"]\n', encoding="utf-8")
    assert main(["store", "init-postgres", "--store", owner, "--reviewers", str(reviewers)]) == 0
    with PgReviewStore(pg_cluster.url("ntmtui2", database)) as store:
        assert store.scope.units_for("ntmtui2") == frozenset()
        store.scope = type(store.scope)()
        with pytest.raises(ReviewError) as err:
            decide(store, key="k|2023|again", unit=VINH_TRUNG)
        assert err.value.key == "out_of_scope"
        assert len(store.events()) == 1
    with PgReviewStore(pg_cluster.url("ntmtui1", database)) as store:
        assert store.scope.units_for("ntmtui1") == frozenset({TRA_CO})
