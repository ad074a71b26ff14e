"""Tests for the review decision store (tui/core/review/sqlite.py)."""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import pwd
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
import unicodedata
import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
try:
    import tui  # noqa: F401
except ModuleNotFoundError:  # the repo is not installed and pytest has no pythonpath set
    sys.path.insert(0, str(REPO))

from tui.core.lang.reviewing import MESSAGES_REVIEW, REVIEW_DETAILS  # noqa: E402
from tui.core.review import sqlite as review  # noqa: E402
from tui.core.review.sqlite import (  # noqa: E402
    DECISIONS,
    STORE_VERSION,
    Event,
    ReviewError,
    ReviewerScope,
    ReviewStore,
    classify_followup,
    corrected_but_present,
)

IS_ROOT = os.geteuid() == 0
OFFSET_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "review.sqlite"


@pytest.fixture
def store(path: Path) -> Iterator[ReviewStore]:
    with ReviewStore(path, reviewer="alice") as s:
        yield s


def decide(store: ReviewStore, key: str = "R01:06745", decision: str = "needs_correction", **kw):
    kw.setdefault("reason", "" if decision not in review.REASON_REQUIRED else "có lý do")
    return store.record_decision(
        key, "commune", key.split(":")[-1], kw.pop("unit_code", "06745"), 2025, decision, **kw
    )


def raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def count_rows(path: Path) -> int:
    with raw(path) as conn:
        return conn.execute("SELECT count(*) FROM event").fetchone()[0]


# -- opening and schema --------------------------------------------------------------


def test_schema_version_wal_and_pragmas(store: ReviewStore, path: Path) -> None:
    conn = raw(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == STORE_VERSION >= 1
    assert conn.execute("PRAGMA application_id").fetchone()[0] == review.APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert {"event_no_update", "event_no_delete"} <= triggers
    conn.close()
    own = store._connection()  # the store's own connection: its per-connection settings
    assert own.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert own.execute("PRAGMA busy_timeout").fetchone()[0] == 10_000


def test_reopen_keeps_data_and_version(path: Path) -> None:
    with ReviewStore(path, reviewer="alice") as s:
        decide(s)
    with ReviewStore(path, reviewer="bob") as s:
        assert s.last_seq() == 1
        assert raw(path).execute("PRAGMA user_version").fetchone()[0] == STORE_VERSION


def test_files_are_group_writable_and_umask_restored(path: Path) -> None:
    before = os.umask(0o022)
    try:
        with ReviewStore(path, reviewer="alice") as s:
            decide(s)
            assert os.umask(0o022) == 0o022  # restored after creation
            for name in ("review.sqlite", "review.sqlite-wal", "review.sqlite-shm"):
                mode = (path.parent / name).stat().st_mode
                assert mode & stat.S_IRGRP and mode & stat.S_IWGRP, name
    finally:
        os.umask(before)


def test_default_reviewer_is_os_login_not_env(path: Path, monkeypatch) -> None:
    monkeypatch.setenv("USER", "someone_else")
    monkeypatch.setenv("LOGNAME", "someone_else")
    monkeypatch.setenv("NTM_REVIEWER", "someone_else")
    with ReviewStore(path) as s:
        login = pwd.getpwuid(os.geteuid()).pw_name
        assert s.reviewer == login
        assert decide(s).reviewer == login


def test_blank_reviewer_refused(path: Path) -> None:
    with pytest.raises(ReviewError) as err:
        ReviewStore(path, reviewer="  ")
    assert err.value.key == "invalid_field"


# -- decisions -----------------------------------------------------------------------


def test_record_decision_fields_and_timestamp(store: ReviewStore) -> None:
    eid = str(uuid.uuid4())
    ev = store.record_decision(
        "R07:06745:HT-01", "project", "HT-01", "06745", 2025, "needs_correction", "sai số", eid
    )
    assert isinstance(ev, Event)
    assert (ev.seq, ev.event_id, ev.kind) == (1, eid, "decision")
    assert (ev.finding_key, ev.entity_kind, ev.entity_key) == (
        "R07:06745:HT-01",
        "project",
        "HT-01",
    )
    assert (ev.unit_code, ev.year, ev.decision) == ("06745", 2025, "needs_correction")
    assert (ev.previous_decision, ev.reason, ev.reviewer) == (None, "sai số", "alice")
    assert OFFSET_RE.match(ev.created_at), ev.created_at
    assert ev.created.utcoffset() is not None
    assert abs(ev.created - datetime.now().astimezone()) < timedelta(minutes=1)
    with pytest.raises(AttributeError):
        ev.decision = "accepted"  # type: ignore[misc]


def test_invalid_decision_refused(store: ReviewStore, path: Path) -> None:
    with pytest.raises(ReviewError) as err:
        decide(store, decision="approved")
    assert err.value.key == "invalid_decision"
    assert "approved" in err.value.message("vi") and "approved" in err.value.message("en")
    assert count_rows(path) == 0


@pytest.mark.parametrize("decision", ["accepted", "not_applicable"])
@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_reason_required(store: ReviewStore, path: Path, decision: str, reason: str) -> None:
    with pytest.raises(ReviewError) as err:
        decide(store, decision=decision, reason=reason)
    assert err.value.key == "reason_required"
    label_vi = review.DECISION_LABELS["vi"][decision]
    assert label_vi in err.value.message() and label_vi in err.value.message("vi")
    assert review.DECISION_LABELS["en"][decision] in err.value.message("en")
    assert count_rows(path) == 0


@pytest.mark.parametrize("decision", ["needs_correction", "corrected"])
def test_reason_optional(store: ReviewStore, decision: str) -> None:
    assert decide(store, decision=decision, reason="").reason == ""


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("", "commune", "a", "06745", 2025), "finding_key"),
        (("k", "commune", " ", "06745", 2025), "entity_key"),
        (("k", "commune", "a", "", 2025), "unit_code"),
        (("k", "commune", "a", 6745, 2025), "unit_code"),
        (("k", "commune", "a", "06745", "2025"), "year"),
        (("k", "commune", "a", "06745", True), "year"),
    ],
)
def test_invalid_fields_refused(store: ReviewStore, path: Path, args, field) -> None:
    with pytest.raises(ReviewError) as err:
        store.record_decision(*args, "needs_correction")
    assert err.value.key == "invalid_field" and err.value.params["field"] == field
    assert count_rows(path) == 0


@pytest.mark.parametrize(
    ("write", "field"),
    [
        (lambda s: s.add_note("commune", " ", "06745", "ghi chú"), "entity_key"),
        (lambda s: s.add_note("", "a", "06745", "ghi chú"), "entity_kind"),
        (lambda s: s.add_note("commune", "a", "06745", "ghi chú", finding_key=""), "finding_key"),
        (lambda s: s.add_note("commune", "a", "06745", "ghi chú", year=1800), "year"),
        (lambda s: s.add_note("commune", "a", "06745", "ghi chú", event_id=""), "event_id"),
        (lambda s: s.record_tracking("deadline_set", "unit", "a", "", 2025, "{}"), "unit_code"),
        (lambda s: s.record_tracking("deadline_set", "unit", "a", "06745", True, "{}"), "year"),
        (lambda s: s.record_tracking("other", "unit", "a", "06745", 2025, "{}"), "kind"),
        (lambda s: s.conclude_unit("", 2025, []), "unit_code"),
        (lambda s: s.conclude_unit("06745", None, []), "year"),
        (lambda s: s.reopen_unit(" ", 2025), "unit_code"),
        (lambda s: s.reopen_unit("06745", "2025"), "year"),
    ],
)
def test_every_writer_refuses_an_invalid_field(store: ReviewStore, path: Path, write, field):
    """Notes, tracking events, conclusions and reopenings check their values like a
    decision does (one helper builds them all), naming the field that is wrong."""
    with pytest.raises(ReviewError) as err:
        write(store)
    assert err.value.key == "invalid_field" and err.value.params["field"] == field
    assert count_rows(path) == 0


def test_idempotent_event_id(store: ReviewStore, path: Path) -> None:
    eid = str(uuid.uuid4())
    first = decide(store, decision="accepted", reason="đúng quy định", event_id=eid)
    again = decide(store, decision="accepted", reason="đúng quy định", event_id=eid)
    assert again == first
    assert count_rows(path) == 1
    assert store.last_seq() == 1
    # A note and a conclusion retried with their ids are also stored once.
    nid = str(uuid.uuid4())
    n1 = store.add_note("commune", "06745", "06745", "ghi chú", event_id=nid)
    assert store.add_note("commune", "06745", "06745", "ghi chú", event_id=nid) == n1
    cid = str(uuid.uuid4())
    c1 = store.conclude_unit("06745", 2025, ["R01:06745"], event_id=cid)
    assert store.conclude_unit("06745", 2025, ["R01:06745"], event_id=cid) == c1
    assert count_rows(path) == 3


def test_event_id_reused_for_other_content_refused(store: ReviewStore, path: Path) -> None:
    eid = str(uuid.uuid4())
    decide(store, key="R01:a", event_id=eid)
    with pytest.raises(ReviewError) as err:
        decide(store, key="R02:b", event_id=eid)
    assert err.value.key == "event_id_reused"
    assert count_rows(path) == 1


def test_previous_decision_chain(path: Path) -> None:
    alice = ReviewStore(path, reviewer="alice")
    bob = ReviewStore(path, reviewer="bob")
    e1 = decide(alice, decision="needs_correction")
    e2 = decide(bob, decision="corrected")
    e3 = decide(alice, decision="accepted", reason="đã đối chiếu")
    other = decide(bob, key="R02:06745", decision="not_applicable", reason="không thuộc diện")
    assert [e1.previous_decision, e2.previous_decision, e3.previous_decision] == [
        None,
        "needs_correction",
        "corrected",
    ]
    assert other.previous_decision is None
    assert [e.reviewer for e in (e1, e2, e3)] == ["alice", "bob", "alice"]
    assert alice.current_decisions()["R01:06745"] == e3
    alice.close()
    bob.close()


def test_append_only_update_delete_replace_refused(store: ReviewStore, path: Path) -> None:
    ev = decide(store, decision="accepted", reason="gốc")
    conn = raw(path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE event SET reason = 'sửa lén' WHERE seq = ?", (ev.seq,))
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM event WHERE seq = ?", (ev.seq,))
    # An upsert or REPLACE on an existing event_id or seq is skipped by the BEFORE
    # INSERT trigger (REPLACE would otherwise delete without firing DELETE triggers).
    conn.execute(
        "INSERT INTO event (event_id, kind, reviewer, created_at) VALUES (?, 'note', 'x', 't') "
        "ON CONFLICT (event_id) DO UPDATE SET reason = 'x'",
        (ev.event_id,),
    )
    conn.execute(
        "INSERT OR REPLACE INTO event (seq, event_id, kind, reviewer, created_at) "
        "VALUES (?, 'forged', 'note', 'mallory', 't')",
        (ev.seq,),
    )
    conn.execute(
        "INSERT OR REPLACE INTO event (event_id, kind, reviewer, created_at) "
        "VALUES (?, 'note', 'mallory', 't')",
        (ev.event_id,),
    )
    conn.close()
    assert store.events() == [ev]


# -- notes and conclusions -----------------------------------------------------------


def test_add_note(store: ReviewStore) -> None:
    nfd = unicodedata.normalize("NFD", "  Đã trao đổi với xã Hải Xuân\nvề hạ tầng  ")
    note = store.add_note("commune", "06745", "06745", nfd)
    assert note.kind == "note" and note.decision is None and note.finding_key is None
    assert note.text == note.reason == "Đã trao đổi với xã Hải Xuân\nvề hạ tầng"
    on_finding = store.add_note(
        "project", "HT-01", "06745", "xem lại", finding_key="R07:HT-01", year=2025
    )
    assert (on_finding.finding_key, on_finding.year) == ("R07:HT-01", 2025)
    # Notes are not decisions.
    assert store.current_decisions() == {}


@pytest.mark.parametrize("text", ["", "   ", "\n", None])
def test_blank_note_refused(store: ReviewStore, path: Path, text) -> None:
    with pytest.raises(ReviewError) as err:
        store.add_note("commune", "06745", "06745", text)
    assert err.value.key == "note_blank"
    assert err.value.message("vi") != err.value.message("en")
    assert count_rows(path) == 0


def test_conclude_unit_refused_then_allowed(store: ReviewStore, path: Path) -> None:
    open_keys = ["R01:06745:a", "R02:06745:b", "R03:06745:c"]
    decide(store, key=open_keys[0])
    with pytest.raises(ReviewError) as err:
        store.conclude_unit("06745", 2025, open_keys)
    assert err.value.key == "unit_incomplete"
    assert err.value.params["count"] == 2
    assert "2" in err.value.message("vi") and "2" in err.value.message("en")
    assert store.concluded_units(2025) == set()
    assert count_rows(path) == 1

    decide(store, key=open_keys[1], decision="corrected")
    decide(store, key=open_keys[2], decision="not_applicable", reason="không áp dụng cho xã")
    ev = store.conclude_unit("06745", 2025, open_keys, reason="đã rà soát xong")
    assert (ev.kind, ev.unit_code, ev.year, ev.entity_kind) == ("conclusion", "06745", 2025, "unit")
    assert ev.decision is None and ev.reason == "đã rà soát xong"
    assert store.concluded_units(2025) == {"06745"}
    assert store.concluded_units(2024) == set()


def test_conclude_unit_without_findings(store: ReviewStore) -> None:
    store.conclude_unit("06748", 2025, [])
    assert store.concluded_units(2025) == {"06748"}


# -- reads ---------------------------------------------------------------------------


def test_current_decisions_all_and_filtered(store: ReviewStore) -> None:
    decide(store, key="A", decision="needs_correction")
    decide(store, key="B", decision="corrected")
    latest_a = decide(store, key="A", decision="accepted", reason="ổn")
    store.add_note("commune", "A", "06745", "ghi chú", finding_key="A")
    everything = store.current_decisions()
    assert set(everything) == {"A", "B"}
    assert everything["A"] == latest_a
    assert set(store.current_decisions(["A", "missing"])) == {"A"}
    assert store.current_decisions([]) == {}
    # More keys than one IN (...) chunk.
    many = [f"K{i}" for i in range(1_300)] + ["B"]
    assert set(store.current_decisions(iter(many))) == {"B"}


def test_events_filters_and_order(store: ReviewStore) -> None:
    a = decide(store, key="R01:06745", unit_code="06745")
    b = decide(store, key="R01:06748", unit_code="06748")
    n = store.add_note("commune", "06745", "06745", "ghi chú", finding_key="R01:06745")
    assert store.events() == [a, b, n]
    assert store.events(unit_code="06745") == [a, n]
    assert store.events(entity_key="06748") == [b]
    assert store.events(finding_key="R01:06745") == [a, n]
    assert store.events(unit_code="99999") == []
    today = date.today()
    assert store.events(since=today) == [a, b, n]
    assert store.events(since=today + timedelta(days=1)) == []
    assert store.events(since=datetime.now() - timedelta(minutes=5)) == [a, b, n]  # naive
    assert store.events(since=datetime.now().astimezone() + timedelta(minutes=5)) == []
    since_b = store.events(since=b.created)  # created_at has millisecond resolution
    assert b in since_b and n in since_b and all(e.created >= b.created for e in since_b)


def test_polling_sees_other_sessions(path: Path) -> None:
    mine = ReviewStore(path, reviewer="alice")
    theirs = ReviewStore(path, reviewer="bob")
    assert mine.last_seq() == 0 and mine.events_after(0) == []
    seen = mine.last_seq()
    e1 = decide(theirs, key="X")
    e2 = theirs.add_note("commune", "06745", "06745", "chú ý")
    assert mine.last_seq() == e2.seq
    assert mine.events_after(seen) == [e1, e2]
    assert mine.events_after(seen, limit=1) == [e1]
    assert mine.events_after(e2.seq) == []
    assert mine.current_decisions()["X"].reviewer == "bob"
    mine.close()
    theirs.close()


# -- scope ---------------------------------------------------------------------------

REVIEWERS_TOML = """
[reviewers.nguyenvana]
units = ["06745", "06748"]

[reviewers.tranthib]
units = ["*"]
"""


@pytest.fixture
def scope(tmp_path: Path) -> ReviewerScope:
    file = tmp_path / "reviewers.toml"
    file.write_text(REVIEWERS_TOML, encoding="utf-8")
    return ReviewerScope.load(file)


def test_scope_allows_assigned_units(path: Path, scope: ReviewerScope) -> None:
    assert scope.restricted
    with ReviewStore(path, reviewer="nguyenvana", scope=scope) as a:
        decide(a, key="R01:06745", unit_code="06745")
        a.add_note("commune", "06748", "06748", "ghi chú")
        a.conclude_unit("06748", 2025, [])
        for call in (
            lambda: decide(a, key="R01:06749", unit_code="06749"),
            lambda: a.add_note("commune", "06749", "06749", "ghi chú"),
            lambda: a.conclude_unit("06749", 2025, []),
        ):
            with pytest.raises(ReviewError) as err:
                call()
            assert err.value.key == "out_of_scope"
            assert "nguyenvana" in err.value.message() and "06749" in err.value.message("en")
    with ReviewStore(path, reviewer="tranthib", scope=scope) as b:
        decide(b, key="R01:99999", unit_code="99999")
    assert count_rows(path) == 4


def test_scope_denies_unlisted_reviewer_but_allows_reading(
    path: Path, scope: ReviewerScope
) -> None:
    with ReviewStore(path, reviewer="tranthib", scope=scope) as b:
        decide(b, key="R01:06745")
    with ReviewStore(path, reviewer="lethic", scope=scope) as c:
        for call in (
            lambda: decide(c, key="R01:06745"),
            lambda: c.add_note("commune", "06745", "06745", "ghi chú"),
            lambda: c.conclude_unit("06745", 2025, []),
        ):
            with pytest.raises(ReviewError) as err:
                call()
            assert err.value.key == "out_of_scope"
        assert len(c.events()) == 1
        assert set(c.current_decisions()) == {"R01:06745"}
        assert c.events_after(0) and c.last_seq() == 1
    assert count_rows(path) == 1


def test_no_reviewers_file_allows_everyone(path: Path, tmp_path: Path) -> None:
    for scope in (ReviewerScope.load(None), ReviewerScope.load(tmp_path / "absent.toml")):
        assert not scope.restricted
        assert scope.allows("anyone", "12345")
        with ReviewStore(path, reviewer="anyone", scope=scope) as s:
            decide(s, key=f"R01:{uuid.uuid4()}", unit_code="12345")
    with ReviewStore(path, reviewer="anyone") as s:  # no scope argument at all
        decide(s, key="R09:x", unit_code="54321")


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        ("[reviewers.a\nunits = 1", "toml_syntax"),
        ('[reviewers.a]\nunits = [6745, "06748"]', "units_not_strings"),
        ('reviewers = "all"', "reviewers_not_table"),
    ],
)
def test_bad_reviewers_file_refused(tmp_path: Path, content: str, detail: str) -> None:
    file = tmp_path / "reviewers.toml"
    file.write_text(content, encoding="utf-8")
    with pytest.raises(ReviewError) as err:
        ReviewerScope.load(file)
    assert err.value.key == "scope_invalid" and err.value.params["detail"] == detail
    assert str(file) in err.value.message("vi")


def test_empty_reviewers_file_denies_everyone(tmp_path: Path) -> None:
    file = tmp_path / "reviewers.toml"
    file.write_text("", encoding="utf-8")
    scope = ReviewerScope.load(file)
    assert scope.restricted and not scope.allows("nguyenvana", "06745")


# -- bad files -----------------------------------------------------------------------


def expect_open_error(target: Path, key: str) -> ReviewError:
    with pytest.raises(ReviewError) as err:
        ReviewStore(target, reviewer="alice")
    assert err.value.key == key, err.value.message("en")
    return err.value


def test_directory_refused(tmp_path: Path) -> None:
    err = expect_open_error(tmp_path, "store_corrupt")
    assert err.params["detail"] == "is_directory"
    assert str(tmp_path) in err.message("vi")


def test_text_file_refused(tmp_path: Path) -> None:
    target = tmp_path / "notes.sqlite"
    target.write_text("Biên bản họp HĐND xã\n" * 200, encoding="utf-8")
    err = expect_open_error(target, "store_corrupt")
    assert err.params["detail"] == "not_sqlite"
    assert target.read_text(encoding="utf-8").startswith("Biên bản")  # untouched


def test_foreign_sqlite_file_refused(tmp_path: Path) -> None:
    target = tmp_path / "other.sqlite"
    with raw(target) as conn:
        conn.execute("CREATE TABLE t (x)")
    err = expect_open_error(target, "store_corrupt")
    assert err.params["detail"] == "foreign_db"


def test_newer_store_version_refused(path: Path) -> None:
    ReviewStore(path, reviewer="alice").close()
    with raw(path) as conn:
        conn.execute(f"PRAGMA user_version = {STORE_VERSION + 1}")
    err = expect_open_error(path, "store_too_new")
    assert err.params["found"] == STORE_VERSION + 1


def test_missing_directory_refused(tmp_path: Path) -> None:
    err = expect_open_error(tmp_path / "nope" / "review.sqlite", "store_unwritable")
    assert err.params["detail"] == "dir_missing"


def test_empty_file_becomes_a_store(tmp_path: Path) -> None:
    target = tmp_path / "empty.sqlite"
    target.touch()
    with ReviewStore(target, reviewer="alice") as s:
        assert decide(s).seq == 1


# Permission tests. As root, permission bits do not apply, so the same check runs in a
# child process that has dropped to an unprivileged user.

OPEN_SNIPPET = """
import json, sys
from pathlib import Path
from tui.core.review.sqlite import ReviewError, ReviewStore
try:
    s = ReviewStore(Path(sys.argv[1]))
    if len(sys.argv) > 2:
        ev = s.record_decision("R01:x", "commune", "x", "06745", 2025, sys.argv[2], "lý do")
        prev = ev.previous_decision
    else:
        prev = None
    print(json.dumps({"ok": True, "reviewer": s.reviewer, "previous": prev}))
except ReviewError as exc:
    print(json.dumps({"ok": False, "key": exc.key, "detail": exc.params.get("detail"),
                      "path": exc.params.get("path"), "message": exc.message("vi")}))
"""


def unprivileged_users() -> list[tuple[int, int, str]]:
    users = [(p.pw_uid, p.pw_gid, p.pw_name) for p in pwd.getpwall() if p.pw_uid != 0]
    users.sort(key=lambda u: (u[2] != "nobody", u[0]))
    return users


def _demoted(uid: int, gid: int, groups: list[int], argv: list[str]):
    def demote() -> None:
        os.setgroups(groups)
        os.setgid(gid)
        os.setuid(uid)

    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(REPO),
        "PYTHONDONTWRITEBYTECODE": "1",
        "LANG": "C.UTF-8",
    }
    return subprocess.run(
        argv, preexec_fn=demote, env=env, cwd="/", capture_output=True, text=True, timeout=60
    )


def interpreter_for(uid: int, gid: int) -> str:
    """A Python >= 3.11 the unprivileged user can run (the venv may live under /root).

    The store only needs the standard library, so a system interpreter will do.
    """
    candidates = [
        sys.executable,
        shutil.which("python3"),
        "/usr/local/bin/python3",
        "/usr/bin/python3",
    ]
    for exe in dict.fromkeys(c for c in candidates if c):
        try:
            probe = _demoted(uid, gid, [gid], [exe, "-c", "import sqlite3, tomllib, tui.core"])
        except OSError:
            continue
        if probe.returncode == 0:
            return exe
    pytest.skip("no Python interpreter the unprivileged user can run")


def run_as(uid: int, gid: int, groups: list[int], *args: str) -> dict:
    exe = interpreter_for(uid, gid)
    done = _demoted(uid, gid, groups, [exe, "-c", OPEN_SNIPPET, *args])
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A directory outside pytest's 0700 tmp root, reachable by other users."""
    folder = Path(tempfile.mkdtemp(prefix="ntm-review-test-", dir="/tmp"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_unwritable_directory_refused(shared_dir: Path) -> None:
    folder = shared_dir / "ro"
    folder.mkdir()
    target = folder / "review.sqlite"
    if not IS_ROOT:
        folder.chmod(0o555)
        try:
            err = expect_open_error(target, "store_unwritable")
        finally:
            folder.chmod(0o755)
        assert err.params["detail"] == "dir_not_writable"
        assert str(folder) in err.message("vi") and "2775" in err.message("en")
        return
    users = unprivileged_users()
    if not users:
        pytest.skip("running as root and no unprivileged user to drop to")
    uid, gid, _ = users[0]
    out = run_as(uid, gid, [gid], str(target))  # root-owned 0755 folder
    assert out["ok"] is False and out["key"] == "store_unwritable", out
    assert out["detail"] == "dir_not_writable" and out["path"] == str(folder)
    assert "2775" in out["message"]
    assert not target.exists()


def test_read_only_file_refused(shared_dir: Path) -> None:
    target = shared_dir / "review.sqlite"
    with ReviewStore(target, reviewer="alice") as s:
        decide(s)
    if not IS_ROOT:
        target.chmod(0o444)
        try:
            err = expect_open_error(target, "store_unwritable")
        finally:
            target.chmod(0o664)
        assert err.params["detail"] == "file_not_writable"
        assert str(target) in err.message("vi")
        return
    users = unprivileged_users()
    if not users:
        pytest.skip("running as root and no unprivileged user to drop to")
    uid, gid, _ = users[0]
    shared_dir.chmod(0o777)  # the folder is fine; only the file is out of reach
    target.chmod(0o644)
    out = run_as(uid, gid, [gid], str(target), "accepted")
    assert out["ok"] is False and out["key"] == "store_unwritable", out
    assert out["detail"] == "file_not_writable" and out["path"] == str(target)
    assert count_rows(target) == 1


@pytest.mark.skipif(not IS_ROOT, reason="needs root to act as two Unix users")
def test_two_unix_users_share_one_store_through_a_group(shared_dir: Path) -> None:
    users = unprivileged_users()
    if len(users) < 2:
        pytest.skip("needs two unprivileged users")
    (uid_a, gid_a, name_a), (uid_b, gid_b, name_b) = users[0], users[1]
    group = 54_321  # a group only these two users share
    folder = shared_dir / "shared"
    folder.mkdir()
    os.chown(folder, 0, group)
    folder.chmod(0o2775)  # group-writable, setgid
    target = folder / "review.sqlite"
    old = os.umask(0o022)  # a typical restrictive umask; the store must cope with it
    try:
        first = run_as(uid_a, gid_a, [gid_a, group], str(target), "needs_correction")
        second = run_as(uid_b, gid_b, [gid_b, group], str(target), "corrected")
        outsider = run_as(uid_b, gid_b, [gid_b], str(target), "accepted")
    finally:
        os.umask(old)
    assert first == {"ok": True, "reviewer": name_a, "previous": None}
    assert second == {"ok": True, "reviewer": name_b, "previous": "needs_correction"}
    assert outsider["ok"] is False and outsider["key"] == "store_unwritable"
    st = target.stat()
    assert st.st_uid == uid_a and st.st_gid == group and st.st_mode & 0o060 == 0o060
    with ReviewStore(target, reviewer="auditor") as s:
        assert [(e.reviewer, e.decision) for e in s.events()] == [
            (name_a, "needs_correction"),
            (name_b, "corrected"),
        ]


# -- processes -----------------------------------------------------------------------


def _child_uses_inherited_store(store: ReviewStore) -> None:
    decide(store, key="from-child")


@pytest.mark.skipif(sys.platform != "linux", reason="fork start method")
def test_store_survives_fork(store: ReviewStore, path: Path) -> None:
    decide(store, key="before")
    child = multiprocessing.get_context("fork").Process(
        target=_child_uses_inherited_store, args=(store,)
    )
    child.start()
    child.join(30)
    assert child.exitcode == 0
    decide(store, key="after")
    assert [e.finding_key for e in store.events()] == ["before", "from-child", "after"]
    assert store.integrity_check() == "ok"


def test_threads_share_one_store(store: ReviewStore, path: Path) -> None:
    def work(n: int) -> None:
        for i in range(25):
            decide(store, key=f"T{n}:{i % 5}", decision="corrected")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert count_rows(path) == 100
    assert [e.seq for e in store.events()] == list(range(1, 101))


# -- errors and helpers --------------------------------------------------------------


SAMPLE_PARAMS = {
    "invalid_decision": {"decision": "approve"},
    "reason_required": {"decision": "accepted"},
    "note_blank": {},
    "out_of_scope": {"reviewer": "lethic", "unit_code": "06745"},
    "unit_incomplete": {"unit_code": "06745", "year": 2025, "count": 3},
    "store_unwritable": {"path": "/srv/x.sqlite", "detail": "dir_not_writable"},
    "store_corrupt": {"path": "/srv/x.sqlite", "detail": "not_sqlite"},
    "store_busy": {"path": "/srv/x.sqlite", "seconds": 10},
    "store_too_new": {"path": "/srv/x.sqlite", "found": 3, "supported": 1},
    "store_error": {"path": "/srv/x.sqlite", "detail": "closed"},
    "scope_invalid": {"path": "/srv/r.toml", "detail": "units_not_strings", "name": "a"},
    "event_id_reused": {"event_id": "abc"},
    "invalid_field": {"field": "year"},
    "until_not_allowed": {},
    "until_in_past": {"until": "01/01/2026", "today": "03/12/2026"},
    "store_replaced": {"path": "/srv/x.sqlite"},
    "store_read_only": {"path": "/srv/x.sqlite"},
    "pg_connect": {"url": "postgresql:///ntm", "detail": "refused", "reason": "no role"},
    "pg_not_initialised": {"url": "postgresql:///ntm"},
    "pg_refused": {"url": "postgresql:///ntm", "reason": "permission denied"},
    "pg_copy_owner": {"url": "postgresql:///ntm", "reviewer": "alice"},
    "pg_copy_conflict": {"url": "postgresql:///ntm"},
    "chain_broken": {"path": "/srv/x.sqlite", "seq": 3, "detail": "content_mismatch"},
    "decision_changed": {
        "finding": "F-7K2QXM",
        "who": "b",
        "decision": "accepted",
        "when": "01/02/2026 10:00:00 +07:00",
        "seq": 12,
    },
    "decided_by_other": {
        "finding": "F-7K2QXM",
        "who": "b",
        "decision": "corrected",
        "when": "01/02/2026 10:00:00 +07:00",
        "seq": 12,
    },
    "undo_nothing": {},
    "undo_not_own": {"seq": 4, "who": "b"},
    "undo_superseded": {
        "finding": "F-7K2QXM",
        "who": "b",
        "decision": "accepted",
        "when": "01/02/2026 10:00:00 +07:00",
    },
    "undo_done_already": {},
    "undo_concluded": {"unit_code": "06745", "year": 2025},
    "unit_not_concluded": {"unit_code": "06745", "year": 2025},
    "store_wal_missing": {
        "path": "/srv/x.sqlite",
        "recorded": 47,
        "found": 1,
        "missing": 46,
        "marker": "/srv/x.sqlite-last",
    },
}


def test_every_message_renders_in_both_languages() -> None:
    assert set(SAMPLE_PARAMS) == set(MESSAGES_REVIEW)
    for key, params in SAMPLE_PARAMS.items():
        err = ReviewError(key, **params)
        vi, en = err.message(), err.message("en")
        assert vi == err.message("vi") and vi != en
        for text in (vi, en):
            assert text and "{" not in text and "?" not in text, text
            assert text.rstrip().endswith("."), text
        assert str(err) == en
    for name in REVIEW_DETAILS:
        detail = name.removeprefix("detail.")
        text = ReviewError("store_error", path="p", detail=detail, error="e", name="n").message()
        assert "{" not in text
        # The detail is said in words, not by its name.
        worded = REVIEW_DETAILS[name][0].split("{")[0]
        assert worded in text and f"({detail})" not in text, text


def test_review_error_pickles() -> None:
    err = pickle.loads(pickle.dumps(ReviewError("unit_incomplete", unit_code="1", year=2, count=3)))
    assert (err.key, err.params["count"]) == ("unit_incomplete", 3)


def test_closed_store_refuses(path: Path) -> None:
    s = ReviewStore(path, reviewer="alice")
    s.close()
    with pytest.raises(ReviewError) as err:
        s.last_seq()
    assert err.value.key == "store_error"


def test_classify_followup() -> None:
    assert classify_followup({"a", "b"}, {"b", "c"}) == {
        "a": "resolved",
        "b": "still_open",
        "c": "new",
    }
    assert classify_followup(set(), set()) == {}
    assert classify_followup({"a"}, set()) == {"a": "resolved"}
    assert classify_followup(set(), {"z"}) == {"z": "new"}


def test_corrected_but_present(store: ReviewStore) -> None:
    decide(store, key="fixed-and-gone", decision="corrected")
    decide(store, key="claimed-fixed", decision="corrected")
    decide(store, key="reopened", decision="corrected")
    decide(store, key="reopened", decision="needs_correction")
    decide(store, key="accepted", decision="accepted", reason="ok")
    decisions = store.current_decisions()
    current = {"claimed-fixed", "reopened", "accepted", "brand-new"}
    assert corrected_but_present(decisions, current) == {"claimed-fixed"}
    assert corrected_but_present({}, current) == set()


def test_decision_constants() -> None:
    assert DECISIONS == ("needs_correction", "accepted", "corrected", "not_applicable")
    for lang in ("vi", "en"):
        assert set(review.DECISION_LABELS[lang]) == set(DECISIONS)
