"""Following findings across rebuilds: previous_finding, resolved / still open / new, and
decisions that stay attached through the stable finding key while row ids change.

The dataset is one clean commune (Hải Xuân, 06745) with three works. The first build has
two findings; the rebuild renames every id and reorders the works, fixes one finding and
introduces a new one.
"""

from __future__ import annotations

import json
import shutil
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest
from schema_history import undo_law_by_date

from tui.cli import main
from tui.core.data.build import build
from tui.core.data.dataset import CapitalLine, Dataset, Project, Resolution
from tui.core.data.demo import COMMUNES, ntm_grounds
from tui.core.data.rebuild import build_database
from tui.core.data.reference import mong_cai_units
from tui.core.data.store import Store, current_schema_version, migration_files
from tui.core.errors import DatabaseError
from tui.core.review.service import open_review_store, record_finding_decision, unit_finding_keys
from tui.core.review.sqlite import ReviewStore, classify_followup
from tui.core.rules.followup import FollowupItem, current_states, followup, has_previous_build

M = 1_000_000
HX = COMMUNES["06745"]
UNITS = [u for u in mong_cai_units() if u["code"] == HX.code]
RES_NK = "06745|nq|15/nq-hdnd|2023-07-20"
FIXED = f"work_no_criterion|2023|{RES_NK}|ct|kenh tuoi noi dong thon 2"
PERSISTS = f"work_no_policy_decision|2023|{RES_NK}|ct|nang cap duong truc xa"
NEW = f"work_capital_mismatch|2023|{RES_NK}|ct|nha van hoa thon 1"
RW_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


@pytest.fixture(autouse=True)
def _no_ambient_settings(monkeypatch):
    for name in ("NTM_REVIEW_DB", "NTM_REVIEW_LANG", "NTM_REVIEW_REVIEWERS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")


def work(name: str, criterion: int | None, *, policy: str | None = "QĐ số 215/QĐ-UBND",
         total: int = 1_000 * M, capital: int = 1_000 * M) -> Project:  # fmt: skip
    return Project(
        name=name,
        total_investment=total,
        criterion_code=criterion,
        period="2023",
        policy_decision_ref=policy,
        capital=[CapitalLine("NS_XA", capital)],
    )


def dataset(resolution_id: str, *, corrected: bool) -> Dataset:
    """Before: the road lacks a policy decision and the canal a criterion. After (with
    other ids and another order of works): the canal is fixed, the road is not, and the
    cultural house's capital no longer adds up."""
    road = work("Nâng cấp đường trục xã", 2, policy=None)
    canal = work("Kênh tưới nội đồng thôn 2", 3 if corrected else None)
    house = work("Nhà văn hoá thôn 1", 6, total=(800 if corrected else 500) * M, capital=500 * M)
    works = [house, canal, road] if corrected else [road, canal, house]
    return Dataset(
        resolutions=[
            Resolution(
                resolution_id=resolution_id,
                unit_code=HX.code,
                year=2023,
                number="15/NQ-HĐND",
                issue_date=date(2023, 7, 20),
                title="Nghị quyết về danh mục công trình xây dựng nông thôn mới năm 2023",
                basis=ntm_grounds(HX),
                projects=works,
            )
        ]
    )


def build_at(path: Path, resolution_id: str, *, corrected: bool) -> None:
    build(
        path, UNITS, dataset(resolution_id, corrected=corrected), (2023,), {"dataset_kind": "test"}
    )


def rows(path: Path, query: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True, config=RW_CONFIG)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def meta(path: Path) -> dict[str, str]:
    with Store.open(path) as store:
        return store.meta()


def by_key(items: list[FollowupItem]) -> dict[str, FollowupItem]:
    return {item.finding_key: item for item in items}


# -- the scenario of the issue ----------------------------------------------------------


@pytest.fixture
def rebuilt(tmp_path: Path) -> Path:
    """Built once, two decisions recorded, rebuilt at the same path with new ids."""
    path = tmp_path / "audit.duckdb"
    build_at(path, "NQ-A-2023-01", corrected=False)
    with Store.open(path) as store, open_review_store(path, reviewer="alice") as reviews:
        assert unit_finding_keys(store, HX.code, 2023) == sorted([FIXED, PERSISTS])
        record_finding_decision(reviews, store, FIXED, "needs_correction")
        record_finding_decision(reviews, store, PERSISTS, "corrected")
    build_at(path, "X-99", corrected=True)
    return path


def test_ids_really_change_but_keys_do_not(rebuilt: Path):
    now = dict(rows(rebuilt, "SELECT finding_key, entity_id FROM finding"))
    before = dict(rows(rebuilt, "SELECT finding_key, entity_id FROM previous_finding"))
    assert before[PERSISTS] == "NQ-A-2023-01#ct1"
    assert now[PERSISTS] == "X-99#ct3"
    assert set(now) == {PERSISTS, NEW} and set(before) == {PERSISTS, FIXED}


def test_resolved_still_open_and_new_with_decisions_attached(rebuilt: Path):
    with Store.open(rebuilt) as store, open_review_store(rebuilt, reviewer="bob") as reviews:
        assert has_previous_build(store)
        items = followup(store, reviews)
        states = current_states(store)
    found = by_key(items)
    assert {k: i.state for k, i in found.items()} == {
        FIXED: "resolved",
        PERSISTS: "still_open",
        NEW: "new",
    }
    assert (found[FIXED].decision, found[FIXED].decided_by) == ("needs_correction", "alice")
    assert not found[FIXED].corrected_but_present
    assert (found[PERSISTS].decision, found[PERSISTS].decided_by) == ("corrected", "alice")
    assert found[PERSISTS].corrected_but_present
    assert found[PERSISTS].decided_at and "T" in found[PERSISTS].decided_at
    assert (found[NEW].decision, found[NEW].corrected_but_present) == (None, False)
    # The resolved finding keeps the unit name and both messages of the older build.
    assert found[FIXED].unit_name == "Hải Xuân"
    assert found[FIXED].message("en") != found[FIXED].message("vi")
    assert states == {PERSISTS: "still_open", NEW: "new"}
    # Ordered still open, new, resolved within the unit.
    assert [i.state for i in items] == ["still_open", "new", "resolved"]


def test_states_follow_classify_followup(rebuilt: Path):
    """The SQL that computes the states agrees with the reference function in review.py."""
    previous = {k for (k,) in rows(rebuilt, "SELECT finding_key FROM previous_finding")}
    current = {k for (k,) in rows(rebuilt, "SELECT finding_key FROM finding")}
    with Store.open(rebuilt) as store:
        items = followup(store, None)
    assert {i.finding_key: i.state for i in items} == classify_followup(previous, current)
    assert all(i.decision is None for i in items)


def test_followup_filters(rebuilt: Path):
    with Store.open(rebuilt) as store:
        assert len(followup(store, None, unit=HX.code, year=2023)) == 3
        assert followup(store, None, year=2022) == []
        assert followup(store, None, unit="06721") == []


def test_meta_records_the_previous_build(rebuilt: Path, tmp_path: Path):
    info = meta(rebuilt)
    assert info["previous_build"] == "copied"
    assert info["previous_findings"] == "2"
    assert info["previous_built_at"] and info["previous_built_at"] <= info["built_at"]


def test_followup_cli_flags_corrected_but_present(rebuilt: Path, capsys):
    code = main(["followup", "--db", str(rebuilt), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 1 and err == ""
    found = {item["finding_key"]: item for item in json.loads(out)}
    assert found[PERSISTS]["corrected_but_present"] is True
    assert found[PERSISTS]["decision"] == "corrected"
    assert found[FIXED]["state"] == "resolved" and found[FIXED]["decision"] == "needs_correction"

    code = main(["followup", "--db", str(rebuilt), "--lang", "en"])
    out, _ = capsys.readouterr()
    assert code == 1
    assert "1 resolved, 1 still open, 1 new" in out
    assert "Marked “Corrected” but still present" in out


def test_a_new_decision_clears_the_flag(rebuilt: Path, capsys):
    with Store.open(rebuilt) as store, open_review_store(rebuilt, reviewer="alice") as reviews:
        record_finding_decision(reviews, store, PERSISTS, "needs_correction")
    assert main(["followup", "--db", str(rebuilt)]) == 0
    capsys.readouterr()


def test_a_third_build_compares_with_the_second(rebuilt: Path):
    build_at(rebuilt, "Y-1", corrected=True)
    with Store.open(rebuilt) as store:
        assert {i.finding_key: i.state for i in followup(store, None)} == {
            PERSISTS: "still_open",
            NEW: "still_open",
        }


# -- when there is no usable previous build --------------------------------------------


def test_first_build_has_no_previous(tmp_path: Path):
    path = tmp_path / "first.duckdb"
    build_at(path, "NQ-A", corrected=False)
    assert meta(path)["previous_build"] == "none"
    with Store.open(path) as store:
        assert not has_previous_build(store)
        items = followup(store, None)
        assert {i.state for i in items} == {"new"}
        assert current_states(store) == {FIXED: "new", PERSISTS: "new"}
    assert rows(path, "SELECT count(*) FROM previous_finding") == [(0,)]


@pytest.mark.parametrize(
    "damage",
    ["empty", "text", "sqlite", "truncated", "newer", "other-duckdb", "removed"],
)
def test_an_unusable_older_file_is_skipped(tmp_path: Path, damage: str):
    path = tmp_path / "audit.duckdb"
    build_at(path, "NQ-A", corrected=False)
    if damage == "empty":
        path.write_bytes(b"")
    elif damage == "text":
        path.write_text("không phải cơ sở dữ liệu\n" * 100, encoding="utf-8")
    elif damage == "sqlite":
        path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4096)
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:20_000])
    elif damage == "newer":
        con = duckdb.connect(str(path), config=RW_CONFIG)
        con.execute("INSERT INTO schema_version VALUES (999, current_timestamp, 'future')")
        con.close()
    elif damage == "other-duckdb":
        path.unlink()
        con = duckdb.connect(str(path), config=RW_CONFIG)
        con.execute("CREATE TABLE invoices (id INTEGER)")
        con.close()
    else:  # the older file was removed before the rebuild
        path.unlink()
    build_at(path, "X-99", corrected=True)
    info = meta(path)
    assert info["previous_build"] == "none"
    assert "previous_built_at" not in info
    with Store.open(path) as store:
        assert {i.state for i in followup(store, None)} == {"new"}


def test_findings_of_a_version_one_file_are_carried(tmp_path: Path):
    """An older file built before migration 0002 still counts as the previous build."""
    path = tmp_path / "audit.duckdb"
    build_at(path, "NQ-A", corrected=False)
    make_version_one(path)
    build_at(path, "X-99", corrected=True)
    assert meta(path)["previous_build"] == "copied"
    with Store.open(path) as store:
        assert by_key(followup(store, None))[FIXED].state == "resolved"


def test_a_session_reading_the_older_file_does_not_stop_the_rebuild(tmp_path: Path):
    path = tmp_path / "audit.duckdb"
    build_at(path, "NQ-A", corrected=False)
    with Store.open(path) as session:
        build_at(path, "X-99", corrected=True)
        assert session.is_replaced()
        assert len(unit_finding_keys(session, HX.code, 2023)) == 2
    assert meta(path)["previous_build"] == "copied"


def test_carrying_many_findings_is_bulk(tmp_path: Path):
    """200,000 findings are carried over in well under the time of a build."""
    path = tmp_path / "big.duckdb"

    def populate(con: duckdb.DuckDBPyConnection) -> None:
        con.execute(
            "INSERT INTO finding SELECT 'work_no_criterion', 'warning', "
            "lpad(CAST(range % 10600 AS VARCHAR), 5, '0'), 'project', 'P' || range, 2023, "
            "'Công trình ' || range, 'Work ' || range, 'nk' || range, "
            "'work_no_criterion|2023|nk' || range, 'R' || range, DATE '2023-07-01' "
            "FROM range(200000)"
        )

    build_database(path, populate)
    started = time.perf_counter()
    build_database(path, populate)
    seconds = time.perf_counter() - started
    assert rows(path, "SELECT count(*) FROM previous_finding") == [(200_000,)]
    assert seconds < 15
    with Store.open(path) as store:
        states = current_states(store)
        assert len(states) == 200_000 and set(states.values()) == {"still_open"}


# -- migration 0002 ------------------------------------------------------------------------


def make_version_one(path: Path) -> None:
    """What a file built before migration 0002 (and the later ones) looks like."""
    con = duckdb.connect(str(path), config=RW_CONFIG)
    try:
        undo_law_by_date(con)  # migrations 0006, 0005 and 0004
        con.execute("DROP TABLE previous_finding")
        con.execute("DROP TABLE unit_year_capital")  # migration 0003
        con.execute("DELETE FROM schema_version WHERE version >= 2")
        con.execute("CHECKPOINT")
    finally:
        con.close()


def test_schema_has_two_migrations():
    assert current_schema_version() >= 2


def test_a_version_one_file_needs_migrate_then_works(tmp_path: Path, demo_db: Path, capsys):
    path = tmp_path / "older.duckdb"
    shutil.copyfile(demo_db, path)
    make_version_one(path)

    with pytest.raises(DatabaseError) as caught:
        Store.open(path)
    assert caught.value.key == "db_needs_migrate"
    assert main(["check", "--db", str(path), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert f"ntm-review migrate --db {path}" in err and "Traceback" not in err

    assert main(["migrate", "--db", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    latest = current_schema_version()
    assert f"from schema version 1 to {latest}" in out
    assert main(["check", "--db", str(path), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)
    applied = len(migration_files())  # numbers may skip: branches reserve theirs
    assert rows(path, "SELECT max(version), count(*) FROM schema_version") == [(latest, applied)]
    # A migrated file has no previous build: follow-up counts everything as new.
    assert main(["followup", "--db", str(path), "--format", "json"]) == 0
    assert {i["state"] for i in json.loads(capsys.readouterr().out)} == {"new"}


def test_review_store_survives_the_rebuild(rebuilt: Path):
    """The decisions file beside the database is never touched by a rebuild."""
    with ReviewStore(rebuilt.with_name("audit.reviews.sqlite"), reviewer="carol") as reviews:
        assert len(reviews.events()) == 2
