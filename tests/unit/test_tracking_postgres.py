"""Issue 17 on PostgreSQL (a throwaway cluster, tests/pgcluster.py): every follow-up event
kind (notice_issued, deadline_set, evidence, decision_until) is recorded through the CLI
as a reviewer role, attributed by the server, with no schema change; the acceptance
expires, the overdue list and the proof read back the same as on SQLite; a reviewer out
of scope cannot record any of them.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import psycopg
import pytest
from pgcluster import SERVER_USER

from tui.cli import main
from tui.core.data.store import Store
from tui.core.review import tracking
from tui.core.review.postgres import SCHEMA_VERSION, PgReviewStore, init_postgres
from tui.core.review.service import issue_notice, set_deadline
from tui.core.review.sqlite import ReviewError

TRA_CO = "06721"
ONLY_KEY_OF_TRA_CO = "surplus_before_settlement|2023|06721|kd|2023"
VINH_TRUNG = "06754"


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    for name in ("NTM_REVIEW_DB", "NTM_REVIEW_LANG", "NTM_REVIEW_REVIEWERS", "NTM_REVIEW_STORE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv(tracking.TODAY_ENV_VAR, "2026-12-03")


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db, target)
    return target


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_every_follow_up_event_on_postgres(pg_cluster, pg_db, db, capsys, monkeypatch, tmp_path):
    assert SCHEMA_VERSION == 1  # new kinds, no PostgreSQL migration
    init_postgres(pg_cluster.url(SERVER_USER, pg_db), {"ntmtui1": None})
    url = pg_cluster.url("ntmtui1", pg_db)
    common = ["--db", db, "--store", url, "--lang", "en"]
    out = tmp_path / "tb.md"
    code, said, err = run(
        capsys, "notice", "--unit", TRA_CO, "--format", "md", "--issue", "--number",
        "12/TB-HĐND", "--date", "05/10/2026", out, *common,
    )  # fmt: skip
    assert code == 0, err
    assert "No.: 12/TB-HĐND" in out.read_text(encoding="utf-8")
    # The settlement rule's deadline comes from Luật 89/2025 Điều 71 k3: 31/03/2027.
    code, said, _ = run(capsys, "followup", "--unit", TRA_CO, "--format", "json", *common)
    (item,) = json.loads(said)
    assert (item["due"], item["owner"], item["overdue_days"]) == ("2027-03-31", "hdnd_xa", 0)
    code, said, _ = run(capsys, "followup", "--overdue", "--today", "2027-04-05", *common)
    assert code == 1 and "5 days overdue (due 31/03/2027)" in said
    code, _, err = run(capsys, "deadline", ONLY_KEY_OF_TRA_CO, "--due", "2027-01-10", *common)
    assert code == 0, err
    proof = tmp_path / "nq.pdf"
    proof.write_bytes(b"nghi quyet 15")
    code, said, err = run(
        capsys, "decide", ONLY_KEY_OF_TRA_CO, "corrected", "--resolution", "15/NQ-HĐND",
        "--resolution-date", "02/10/2023", "--file", proof, *common,
    )  # fmt: skip
    assert code == 0, err
    code, said, _ = run(capsys, "followup", "--overdue", "--today", "2027-04-05", *common)
    assert code == 0 and "No finding is overdue." in said
    # The evidence file lives beside the database when the store is on PostgreSQL.
    folder = db.with_name("demo.reviews.evidence")
    assert len([p for p in folder.rglob("*") if p.is_file()]) == 1
    code, _, err = run(
        capsys, "decide", ONLY_KEY_OF_TRA_CO, "accepted", "--reason", "chờ", "--until",
        "2027-01-31", *common,
    )  # fmt: skip
    assert code == 0, err
    code, said, _ = run(capsys, "log", "--format", "json", *common)
    events = json.loads(said)
    assert [(e["kind"], e["reviewer"]) for e in events] == [
        ("notice_issued", "ntmtui1"),
        ("deadline_set", "ntmtui1"),
        ("decision", "ntmtui1"),
        ("evidence", "ntmtui1"),
        ("decision", "ntmtui1"),
        ("decision_until", "ntmtui1"),
    ]
    # The acceptance holds through its date and ends after it.
    with PgReviewStore(url) as reviews:
        assert ONLY_KEY_OF_TRA_CO in reviews.current_decisions([ONLY_KEY_OF_TRA_CO])
        monkeypatch.setenv(tracking.TODAY_ENV_VAR, "2027-02-01")
        assert reviews.current_decisions([ONLY_KEY_OF_TRA_CO]) == {}
        with pytest.raises(ReviewError) as refused:
            reviews.conclude_unit(TRA_CO, 2023, [ONLY_KEY_OF_TRA_CO])
        assert refused.value.key == "unit_incomplete"
        ledger = reviews.ledger()
        assert ledger.notices[(TRA_CO, 2023)][:2] == ("12/TB-HĐND", date(2026, 10, 5))
        assert ledger.evidence[ONLY_KEY_OF_TRA_CO].resolution_number == "15/NQ-HĐND"
        assert ledger.evidence[ONLY_KEY_OF_TRA_CO].recorded_by == "ntmtui1"
    code, said, _ = run(capsys, "followup", "--unit", TRA_CO, "--format", "json", *common)
    (item,) = json.loads(said)
    assert item["decision"] is None and item["acceptance_expired"] is True
    # Still append-only: the server refuses to change a follow-up event.
    with psycopg.connect(url) as conn, pytest.raises(psycopg.Error):
        conn.execute("UPDATE event SET reason = '{}' WHERE kind = 'evidence'")


def test_out_of_scope_reviewer_records_no_follow_up_event(pg_cluster, pg_db, db):
    init_postgres(pg_cluster.url(SERVER_USER, pg_db), {"ntmtui2": [VINH_TRUNG]})
    with Store.open(db) as store, PgReviewStore(pg_cluster.url("ntmtui2", pg_db)) as reviews:
        with pytest.raises(ReviewError) as err:
            issue_notice(reviews, store, TRA_CO, 2023, "1/TB", date(2026, 10, 5))
        assert err.value.key == "out_of_scope"
        with pytest.raises(ReviewError) as err:
            set_deadline(reviews, store, ONLY_KEY_OF_TRA_CO, date(2027, 1, 1))
        assert err.value.key == "out_of_scope"
        assert reviews.events() == []
