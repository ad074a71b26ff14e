"""Following every finding to the end (issue 17): who must act and by when, the notice's
issue, the proof of a correction (and the amending resolution linked once imported),
acceptances that expire, and what is overdue — recorded as events on SQLite (here) and on
PostgreSQL (test_tracking_postgres.py).

"Today" is pinned with NTM_REVIEW_TODAY (or followup --today); the real date is never used.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import stat
from datetime import date
from pathlib import Path

import pytest

from tui.cli import main
from tui.core.data.build import build
from tui.core.data.dataset import CapitalLine, Dataset, Project, Resolution
from tui.core.data.demo import COMMUNES, ntm_grounds
from tui.core.data.reference import mong_cai_units
from tui.core.data.store import Store
from tui.core.errors import NtmError, UsageError
from tui.core.faults import ForeignSymlink, WriteFailed
from tui.core.paths import DATA_DIR, review_store_path
from tui.core.review import tracking
from tui.core.review.evidence import evidence_dir, store_file, stored_path, verify
from tui.core.review.service import (
    build_proof,
    issue_notice,
    open_review_store,
    record_correction,
    record_finding_decision,
    set_deadline,
)
from tui.core.review.sqlite import STORE_VERSION, ReviewError, ReviewStore
from tui.core.rules.engine import load_rules
from tui.core.rules.followup import followup, overdue

M = 1_000_000
HX = COMMUNES["06745"]
UNITS = [u for u in mong_cai_units() if u["code"] == HX.code]
RES_NK = "06745|nq|15/nq-hdnd|2023-07-20"
FIXED = f"work_no_criterion|2023|{RES_NK}|ct|kenh tuoi noi dong thon 2"
PERSISTS = f"work_no_policy_decision|2023|{RES_NK}|ct|nang cap duong truc xa"
NEW = f"work_capital_mismatch|2023|{RES_NK}|ct|nha van hoa thon 1"
CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "followup"
TRA_CO = "06721"
ONLY_KEY_OF_TRA_CO = "surplus_before_settlement|2023|06721|kd|2023"


@pytest.fixture(autouse=True)
def _no_ambient_settings(monkeypatch):
    for name in ("NTM_REVIEW_DB", "NTM_REVIEW_LANG", "NTM_REVIEW_REVIEWERS", "NTM_REVIEW_STORE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv(tracking.TODAY_ENV_VAR, "2026-12-03")


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
    """Before: the canal lacks a criterion, the road a policy decision. After: the commune
    adopted 25/NQ-HĐND of 02/10/2023 that fixes the canal (the road is still wrong)."""
    road = work("Nâng cấp đường trục xã", 2, policy=None)
    canal = work("Kênh tưới nội đồng thôn 2", 3 if corrected else None)
    house = work("Nhà văn hoá thôn 1", 6, total=(800 if corrected else 500) * M, capital=500 * M)
    resolutions = [
        Resolution(
            resolution_id=resolution_id,
            unit_code=HX.code,
            year=2023,
            number="15/NQ-HĐND",
            issue_date=date(2023, 7, 20),
            title="Nghị quyết về danh mục công trình xây dựng nông thôn mới năm 2023",
            basis=ntm_grounds(HX),
            projects=[house, canal, road] if corrected else [road, canal, house],
        )
    ]
    if corrected:
        resolutions.append(
            Resolution(
                resolution_id=f"{resolution_id}-amend",
                unit_code=HX.code,
                year=2023,
                number="25/NQ-HĐND",
                issue_date=date(2023, 10, 2),
                title="Nghị quyết sửa đổi danh mục công trình xây dựng nông thôn mới năm 2023",
                basis=ntm_grounds(HX),
                projects=[],
            )
        )
    return Dataset(resolutions=resolutions)


def build_at(path: Path, resolution_id: str, *, corrected: bool) -> None:
    build(
        path, UNITS, dataset(resolution_id, corrected=corrected), (2023,), {"dataset_kind": "test"}
    )


def cli(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def by_key(items) -> dict:
    return {(i["finding_key"] if isinstance(i, dict) else i.finding_key): i for i in items}


# -- the whole life of a finding ----------------------------------------------------------


def test_a_finding_from_notice_to_resolved(tmp_path: Path, capsys, monkeypatch):
    db = tmp_path / "audit.duckdb"
    build_at(db, "NQ-A", corrected=False)
    # 1. The notice is issued: recorded as an event, printed with its number and date,
    #    each correction with who must act and by when.
    out = tmp_path / "tb.md"
    code, said, err = cli(
        capsys, "notice", "--unit", HX.code, "--format", "md", "--issue",
        "--number", "12/TB-HĐND", "--date", "05/10/2026", out, "--db", db,
    )  # fmt: skip
    assert code == 0, err
    assert "Đã ghi việc ban hành thông báo số 12/TB-HĐND ngày 05/10/2026" in said
    text = out.read_text(encoding="utf-8")
    assert "Số: 12/TB-HĐND" in text and "ngày 05 tháng 10 năm 2026" in text
    assert "Thực hiện: UBND xã; hạn: 04/11/2026 (30 ngày kể từ ngày thông báo)" in text
    assert "chậm nhất ngày 04/11/2026" in text
    # 2. The deadline runs: the day after it, both findings are overdue, by unit and owner.
    code, said, _ = cli(capsys, "followup", "--db", db, "--format", "json", "--today", "2026-11-04")
    assert code == 0
    item = by_key(json.loads(said))[FIXED]
    assert (item["owner"], item["due"], item["notice_number"]) == (
        "ubnd_xa",
        "2026-11-04",
        "12/TB-HĐND",
    )
    assert item["overdue_days"] == 0 and item["due_source"] == "correction_days=30"
    code, said, err = cli(capsys, "followup", "--overdue", "--db", db, "--lang", "en")
    assert code == 1 and err == ""  # cron mails this
    assert "2 findings past their deadline without proof (as of 03/12/2026)" in said
    assert "06745 Hải Xuân · Commune People's Committee" in said
    assert "29 days overdue (due 04/11/2026)" in said
    # 3. Corrected, with the amending resolution (not imported yet) as its proof.
    code, said, err = cli(
        capsys, "decide", FIXED, "da_khac_phuc", "--resolution", "25/NQ-HĐND",
        "--resolution-date", "02/10/2023", "--db", db, "--lang", "en",
    )  # fmt: skip
    assert code == 0, err
    assert "Evidence: resolution 25/NQ-HĐND of 02/10/2023 (not yet in the data)." in said
    code, said, _ = cli(capsys, "followup", "--overdue", "--db", db, "--format", "json")
    assert code == 1 and [i["finding_key"] for i in json.loads(said)] == [PERSISTS]
    # 4. The amending resolution is imported (the data rebuilt): linked, and resolved.
    build_at(db, "X-99", corrected=True)
    with Store.open(db) as store, open_review_store(db, reviewer="lead") as reviews:
        items = by_key(followup(store, reviews))
    fixed = items[FIXED]
    assert fixed.state == "resolved" and fixed.overdue_days == 0
    assert fixed.tracking.evidence.linked_resolution_id == "X-99-amend"
    assert fixed.tracking.evidence.text("vi") == "đã sửa bởi 25/NQ-HĐND ngày 02/10/2023"
    assert fixed.tracking.evidence.text("en") == "corrected by 25/NQ-HĐND of 02/10/2023"
    # A finding that appeared after the notice was not asked by it: no deadline.
    assert items[NEW].tracking.due is None and items[NEW].overdue_days == 0
    assert items[PERSISTS].overdue_days == 29
    code, said, _ = cli(capsys, "followup", "--db", db, "--lang", "en")
    assert "✔ corrected by 25/NQ-HĐND of 02/10/2023" in said
    # 5. The road gets its proof too: nothing is overdue, followup exits 0 for cron.
    proof = tmp_path / "cv-18.pdf"
    proof.write_bytes(b"%PDF-1.4 cong van 18/UBND")
    code, _, err = cli(
        capsys, "decide", PERSISTS, "corrected", "--document", "Công văn 18/UBND",
        "--file", proof, "--db", db,
    )  # fmt: skip
    assert code == 0, err
    code, said, _ = cli(capsys, "followup", "--overdue", "--db", db, "--lang", "en")
    assert code == 0 and "No finding is overdue." in said
    # Every step is an event, attributed, in order.
    with ReviewStore(review_store_path(db), read_only=True) as reviews:
        kinds = [e.kind for e in reviews.events()]
        assert reviews.verify_chain().ok
    assert kinds == ["notice_issued", "decision", "evidence", "decision", "evidence"]


def test_the_notice_annex_lists_the_proof(tmp_path: Path, capsys):
    db = tmp_path / "audit.duckdb"
    build_at(db, "NQ-A", corrected=False)
    assert cli(capsys, "decide", FIXED, "corrected", "--document", "CV 7/UBND", "--db", db)[0] == 0
    out = tmp_path / "tb.md"
    assert cli(capsys, "notice", "--unit", HX.code, "--format", "md", out, "--db", db)[0] == 0
    annex = out.read_text(encoding="utf-8").split("PHỤ LỤC: BẰNG CHỨNG KHẮC PHỤC", 1)[1]
    assert "văn bản: CV 7/UBND" in annex
    docx_out = tmp_path / "tb.docx"
    assert cli(capsys, "notice", "--unit", HX.code, docx_out, "--db", db)[0] == 0
    import docx

    text = "\n".join(p.text for p in docx.Document(str(docx_out)).paragraphs)
    assert "PHỤ LỤC: BẰNG CHỨNG KHẮC PHỤC" in text and "văn bản: CV 7/UBND" in text


def test_defaults_come_from_the_legal_calendar(tmp_path: Path):
    # Luật 89/2025 Điều 71 k3: the settlement before 31/3 of the next year.
    due, source = tracking.default_due("surplus_before_settlement", date(2026, 10, 5))
    assert due == date(2027, 3, 31) and "Điều 71 khoản 3" in source
    due, _ = tracking.default_due("surplus_before_settlement", date(2027, 2, 1))
    assert due == date(2027, 3, 31)
    # NĐ 73/2026 Điều 26 k2: the tăng thu plan before 28/02.
    due, source = tracking.default_due("revenue_overrun_by_council", date(2026, 10, 5))
    assert due == date(2027, 2, 28) and "Điều 26 khoản 2" in source
    # Everything else: the setting, 30 days.
    assert tracking.default_due("work_no_criterion", date(2026, 10, 5)) == (
        date(2026, 11, 4),
        "correction_days=30",
    )


def test_owner_and_deadline_data_cover_every_rule_with_sources():
    rules = {r.rule_id for r in load_rules()}
    with (DATA_DIR / "rule_owners.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["rule_id"] for r in rows} == rules
    owners, calendar = tracking.owners(), tracking.calendar()
    for row in rows:
        assert row["owner"] in owners and row["source"] and row["confirmed"] in ("true", "false")
        assert not row["calendar"] or row["calendar"] in calendar
    for entry in calendar.values():
        assert entry.source and entry.owner in owners
    assert calendar["settlement_approval"].confirmed and calendar["tang_thu_plan"].confirmed


def test_a_reviewer_overrides_the_deadline_and_owner(tmp_path: Path, capsys):
    db = tmp_path / "audit.duckdb"
    build_at(db, "NQ-A", corrected=False)
    code, said, err = cli(
        capsys, "deadline", FIXED, "--due", "15/12/2026", "--owner", "tai_chinh_xa",
        "--db", db, "--lang", "en",
    )  # fmt: skip
    assert code == 0, err
    assert "15/12/2026, Commune finance office" in said
    code, said, _ = cli(capsys, "followup", "--db", db, "--format", "json", "--today", "2026-12-20")
    item = by_key(json.loads(said))[FIXED]
    assert (item["due"], item["owner"], item["due_source"], item["overdue_days"]) == (
        "2026-12-15",
        "tai_chinh_xa",
        "reviewer",
        5,
    )
    assert code == 1


# -- acceptance expires -------------------------------------------------------------------


def test_acceptance_expires_on_its_date(tmp_path: Path, monkeypatch, capsys):
    db = tmp_path / "audit.duckdb"
    build_at(db, "NQ-A", corrected=False)
    code, said, err = cli(
        capsys, "decide", FIXED, "chap_nhan", "--reason", "chờ quy hoạch",
        "--until", "31/01/2027", "--db", db, "--lang", "en",
    )  # fmt: skip
    assert code == 0, err
    assert "holds until the end of 31/01/2027" in said
    with Store.open(db) as store, ReviewStore(review_store_path(db), reviewer="lead") as reviews:
        for day, in_force in (("2027-01-31", True), ("2027-02-01", False)):
            monkeypatch.setenv(tracking.TODAY_ENV_VAR, day)
            assert (FIXED in reviews.current_decisions([FIXED])) is in_force
            assert FIXED in reviews.current_decisions([FIXED], include_expired=True)
            item = by_key(followup(store, reviews))[FIXED]
            assert item.decision == ("accepted" if in_force else None)
            assert item.tracking.expired is not in_force
            assert item.tracking.until == date(2027, 1, 31)
        # Back in the queue: the unit cannot be concluded, and the history is kept.
        with pytest.raises(ReviewError) as refused:
            reviews.conclude_unit(HX.code, 2023, [FIXED])
        assert refused.value.key == "unit_incomplete"
        assert [e.kind for e in reviews.events()] == ["decision", "decision_until"]
        # A new decision puts it out of the queue again.
        record_finding_decision(reviews, store, FIXED, "needs_correction")
        assert reviews.current_decisions([FIXED])[FIXED].decision == "needs_correction"
    code, said, _ = cli(capsys, "followup", "--db", db, "--lang", "en")
    assert "in force until" not in said  # the decision in force has no end date now


def test_an_acceptance_without_end_date_holds(tmp_path: Path, monkeypatch):
    db = tmp_path / "audit.duckdb"
    build_at(db, "NQ-A", corrected=False)
    with Store.open(db) as store, ReviewStore(review_store_path(db), reviewer="lead") as reviews:
        record_finding_decision(reviews, store, FIXED, "accepted", reason="đúng quy định")
        monkeypatch.setenv(tracking.TODAY_ENV_VAR, "2099-01-01")
        assert reviews.current_decisions([FIXED])[FIXED].decision == "accepted"


# -- evidence files -----------------------------------------------------------------------


def test_evidence_is_stored_once_by_hash_read_only(tmp_path: Path):
    folder = tmp_path / "store.reviews.sqlite.evidence"
    proof = tmp_path / "proof.pdf"
    proof.write_bytes(b"the amending resolution, signed")
    first = store_file(folder, proof)
    second = store_file(folder, proof)
    assert first == second and first[1:] == ("proof.pdf", 31)
    stored = stored_path(folder, first[0])
    assert stored.read_bytes() == proof.read_bytes()
    assert stat.S_IMODE(stored.stat().st_mode) == 0o444
    # nothing else in the store: no temporary left, one file for one content
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert files == [stored]
    # the same name with other content is another file; the first is untouched
    proof.write_bytes(b"a different file under the same name")
    other = store_file(folder, proof)
    assert other[0] != first[0]
    assert stored.read_bytes() == b"the amending resolution, signed"
    assert verify(folder, first[0]) == "ok"


def test_a_changed_evidence_file_is_reported_never_rewritten(tmp_path: Path):
    folder = tmp_path / "ev"
    proof = tmp_path / "proof.pdf"
    proof.write_bytes(b"original")
    sha, _, _ = store_file(folder, proof)
    stored = stored_path(folder, sha)
    stored.chmod(0o644)
    stored.write_bytes(b"forged")  # outside the tool
    assert verify(folder, sha) == "changed"
    with pytest.raises(NtmError) as err:
        store_file(folder, proof)
    assert err.value.key == "evidence_changed"
    assert stored.read_bytes() == b"forged"  # reported, not "repaired"
    assert "changed outside ntm-review" in err.value.message("en")


def test_a_planted_symlink_is_refused(tmp_path: Path):
    folder = tmp_path / "ev"
    proof = tmp_path / "proof.pdf"
    proof.write_bytes(b"original")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    import hashlib

    sha = hashlib.sha256(b"original").hexdigest()
    stored_path(folder, sha).parent.mkdir(parents=True)
    stored_path(folder, sha).symlink_to(victim)
    with pytest.raises(NtmError) as err:
        store_file(folder, proof)
    assert err.value.key == "evidence_planted"
    assert victim.read_text() == "keep me"
    # a symlink made by someone else in place of the evidence folder is not followed
    other = tmp_path / "ev2"
    other.symlink_to(tmp_path / "elsewhere")
    os.lchown(other, 65534, 65534)
    with pytest.raises(ForeignSymlink):
        store_file(other, proof)
    assert not (tmp_path / "elsewhere").exists()


@pytest.mark.parametrize(
    ("errno_name", "phrase"),
    [("ENOSPC", "the disk is full"), ("EROFS", "the file system is read-only")],
)
def test_a_full_disk_or_read_only_folder_is_one_sentence(tmp_path, monkeypatch, errno_name, phrase):
    import errno as errno_module
    import tempfile

    def refuse(*args, **kwargs):
        code = getattr(errno_module, errno_name)
        raise OSError(code, os.strerror(code))

    proof = tmp_path / "proof.pdf"
    proof.write_bytes(b"x")
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(WriteFailed) as err:
        store_file(tmp_path / "ev", proof)
    assert phrase in err.value.message("en")
    assert not any(p.is_file() for p in (tmp_path / "ev").rglob("*"))


def test_a_full_disk_while_writing_leaves_nothing(tmp_path, monkeypatch):
    import errno as errno_module

    real_write = os.write

    def full(fd, data):
        if len(data) > 0 and data == b"payload":
            raise OSError(errno_module.ENOSPC, "No space left on device")
        return real_write(fd, data)

    proof = tmp_path / "proof.pdf"
    proof.write_bytes(b"payload")
    monkeypatch.setattr(os, "write", full)
    with pytest.raises(WriteFailed) as err:
        store_file(tmp_path / "ev", proof)
    assert "the disk is full" in err.value.message("en")
    assert not any(p.is_file() for p in (tmp_path / "ev").rglob("*"))


def test_the_proof_file_goes_beside_the_review_store(tmp_path: Path, capsys):
    db = tmp_path / "audit.duckdb"
    build_at(db, "NQ-A", corrected=False)
    proof = tmp_path / "scan.pdf"
    proof.write_bytes(b"scan")
    assert cli(capsys, "decide", FIXED, "corrected", "--document", "x", "--file", proof,
               "--db", db)[0] == 0  # fmt: skip
    folder = evidence_dir(str(review_store_path(db)), db)
    assert folder == tmp_path / "audit.reviews.sqlite.evidence"
    import hashlib

    assert stored_path(folder, hashlib.sha256(b"scan").hexdigest()).exists()


# -- the store: no migration, every kind in one transaction ------------------------------


def test_new_event_kinds_need_no_migration(tmp_path: Path, demo_db: Path):
    assert STORE_VERSION == 2  # issue 17 adds kinds, not a schema version
    db = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db, db)
    with Store.open(db) as store, ReviewStore(review_store_path(db), reviewer="a") as reviews:
        issue_notice(reviews, store, TRA_CO, 2023, "12/TB-HĐND", date(2026, 10, 5))
        set_deadline(reviews, store, ONLY_KEY_OF_TRA_CO, date(2027, 1, 15), "hdnd_xa")
        proof = build_proof(db, store, TRA_CO, document="CV 1")
        record_correction(reviews, store, ONLY_KEY_OF_TRA_CO, proof)
        record_finding_decision(
            reviews, store, ONLY_KEY_OF_TRA_CO, "accepted", "ok", until=date(2027, 1, 1)
        )
        kinds = [e.kind for e in reviews.events()]
        assert kinds == [
            "notice_issued",
            "deadline_set",
            "decision",
            "evidence",
            "decision",
            "decision_until",
        ]
        assert reviews.verify_chain().ok


def test_a_retried_correction_stores_its_proof_once(tmp_path: Path, demo_db: Path):
    db = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db, db)
    with Store.open(db) as store, ReviewStore(review_store_path(db), reviewer="a") as reviews:
        proof = build_proof(db, store, TRA_CO, document="CV 1")
        first = record_correction(reviews, store, ONLY_KEY_OF_TRA_CO, proof, event_id="e-1")
        again = record_correction(reviews, store, ONLY_KEY_OF_TRA_CO, proof, event_id="e-1")
        assert first == again
        assert [e.kind for e in reviews.events()] == ["decision", "evidence"]


def test_unknown_finding_id_is_refused_before_anything(tmp_path: Path, demo_db: Path):
    db = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db, db)
    with Store.open(db) as store, ReviewStore(review_store_path(db), reviewer="a") as reviews:
        with pytest.raises(UsageError):
            set_deadline(reviews, store, "F-ZZZZZZ", date(2027, 1, 1))
        assert reviews.events() == []


# -- bad inputs: one sentence, exit 2, nothing recorded ----------------------------------


def _cases():
    data = json.loads((CORPUS / "bad_args.json").read_text(encoding="utf-8"))
    return [pytest.param(c, id=f"{i}-{c['args'][0]}") for i, c in enumerate(data["cases"])]


@pytest.mark.parametrize("case", _cases())
def test_bad_inputs_from_the_corpus(case, tmp_path: Path, demo_db: Path, capsys, monkeypatch):
    db = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db, db)
    (tmp_path / "a-folder").mkdir()
    names = {
        "ONLY": ONLY_KEY_OF_TRA_CO,
        "DIR": str(tmp_path / "a-folder"),
        "MISSING": str(tmp_path / "no-such-file.pdf"),
        "OUT": str(tmp_path / "tb.md"),
    }
    for name, value in case.get("env", {}).items():
        monkeypatch.setenv(name, value)
    args = [names.get(a, a) for a in case["args"]]
    code, _, err = cli(capsys, *args, "--db", db, "--lang", case["lang"])
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert case["says"] in err
    store = review_store_path(db)
    if store.exists():
        with ReviewStore(store, read_only=True) as reviews:
            assert reviews.events() == []
    assert not (tmp_path / "tb.md").exists()


def test_overdue_lists_group_by_unit_and_owner(tmp_path: Path, demo_db: Path):
    db = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db, db)
    with Store.open(db) as store, ReviewStore(review_store_path(db), reviewer="a") as reviews:
        for unit in ("06754", TRA_CO):
            issue_notice(reviews, store, unit, 2023, f"{unit}/TB", date(2026, 10, 5))
        items = followup(store, reviews, on=date(2027, 4, 5))
    late = overdue(items)
    assert [(i.unit_code, i.tracking.owner, i.overdue_days) for i in late] == [
        ("06721", "hdnd_xa", 5),
        ("06754", "hdnd_xa", 152),
        ("06754", "hdnd_xa", 5),
    ]


# -- exports and the log carry all of it ---------------------------------------------------


def test_the_xlsx_carries_owner_deadline_proof_and_overdue(tmp_path: Path, capsys):
    import openpyxl

    db = tmp_path / "audit.duckdb"
    build_at(db, "NQ-A", corrected=False)
    assert cli(capsys, "notice", "--unit", HX.code, "--issue", "--number", "12/TB-HĐND",
               "--date", "05/10/2026", tmp_path / "tb.docx", "--db", db)[0] == 0  # fmt: skip
    assert cli(capsys, "decide", FIXED, "corrected", "--resolution", "25/NQ-HĐND",
               "--resolution-date", "02/10/2023", "--db", db)[0] == 0  # fmt: skip
    out = tmp_path / "x.xlsx"
    assert cli(capsys, "export", out, "--db", db)[0] == 0
    sheet = openpyxl.load_workbook(out)["Phát hiện"]
    header = [c.value for c in sheet[1]]
    rows = {
        r[header.index("Mã phát hiện")]: dict(zip(header, r, strict=True))
        for r in sheet.iter_rows(min_row=2, values_only=True)
    }
    road, canal = rows[PERSISTS], rows[FIXED]
    assert road["Cơ quan thực hiện"] == "UBND xã"
    assert road["Hạn khắc phục"].date() == date(2026, 11, 4)
    assert road["Căn cứ hạn"] == "30 ngày kể từ ngày thông báo"
    assert road["Thông báo"] == "12/TB-HĐND (05/10/2026)"
    assert (road["Quá hạn"], road["Số ngày quá hạn"]) == ("có", 29)
    assert canal["Bằng chứng khắc phục"] == (
        "nghị quyết 25/NQ-HĐND ngày 02/10/2023 (chưa có trong dữ liệu)"
    )
    assert (canal["Quá hạn"], canal["Số ngày quá hạn"]) == ("không", 0)
    # the log names each follow-up event in words, not as its JSON
    code, said, _ = cli(capsys, "log", "--db", db, "--lang", "en")
    assert "Notice issued" in said and "notice 12/TB-HĐND of 05/10/2026" in said
    assert "Proof of correction" in said and '{"' not in said
