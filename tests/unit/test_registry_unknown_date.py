"""Issue 9 item 5: registry documents whose issue date is unknown (QĐ 16/2026/QĐ-TTg and
TT 60/2026/TT-BTC, named by number alone in REGIME-2026.md) are registered unconfirmed with
no issue date. They are recognised, no rule compares a date with the missing one, and a
confirmed row without a date is refused with one sentence."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest
from schema_history import undo_unknown_issue_date

from tui.core.data.dataset import CapitalLine, Dataset, Project, Resolution
from tui.core.data.rebuild import migrate_database
from tui.core.data.reference import load_catalogues, mong_cai_units
from tui.core.data.store import Store, apply_migrations
from tui.core.errors import RegistryError
from tui.core.paths import DATA_DIR
from tui.core.rules.basis import BasisRecogniser, load_documents
from tui.core.rules.findings import load_findings

UNIT = "06757"  # xã Vĩnh Thực of the two-level map
QD16 = (
    "Căn cứ Quyết định số 16/2026/QĐ-TTg ngày 20 tháng 3 năm 2026 của Thủ tướng Chính phủ quy "
    "định nguyên tắc, tiêu chí, định mức phân bổ vốn ngân sách trung ương;"
)
TT60 = (
    "Căn cứ Thông tư số 60/2026/TT-BTC ngày 15/4/2026 của Bộ Tài chính quy định quản lý, sử "
    "dụng và quyết toán kinh phí sự nghiệp thực hiện các chương trình mục tiêu quốc gia;"
)
DATE_RULES = {
    "basis_date_mismatch",
    "basis_document_not_in_force",
    "basis_document_not_yet_in_force",
}


def resolution_citing(*grounds: str, issued: date = date(2026, 5, 5)) -> Resolution:
    return Resolution(
        resolution_id="NQ-06757-2026",
        unit_code=UNIT,
        year=issued.year,
        number="15/NQ-HĐND",
        issue_date=issued,
        title="Nghị quyết về kế hoạch đầu tư công năm 2026",
        kind="ntm",
        basis=list(grounds),
        projects=[
            Project(
                name="Đường trục xã",
                total_investment=1_000_000_000,
                criterion_code=2,
                capital=[CapitalLine("NS_TINH", 1_000_000_000)],
            )
        ],
    )


def test_the_registry_has_both_rows_unconfirmed_without_a_date() -> None:
    docs = {d.doc_id: d for d in load_documents(DATA_DIR / "legal_documents.csv")}
    for doc_id, number in (("QD16-2026", "16/2026/QĐ-TTg"), ("TT60-2026", "60/2026/TT-BTC")):
        assert docs[doc_id].number == number
        assert docs[doc_id].issue_date is None
        assert docs[doc_id].effective_date is None
        assert docs[doc_id].confirmed is False


@pytest.mark.parametrize(("line", "doc_id"), [(QD16, "QD16-2026"), (TT60, "TT60-2026")])
def test_a_citation_is_recognised_by_its_number(line: str, doc_id: str) -> None:
    recognition = BasisRecogniser.from_csv(DATA_DIR).recognise(line)
    assert recognition.doc_id == doc_id
    assert recognition.method == "number"
    assert recognition.cited_date is not None  # kept as written; nothing compares it


def test_a_2026_resolution_citing_each_gets_no_date_finding(make_db, db_rows) -> None:
    units = [u for u in mong_cai_units() if u["code"] == UNIT]
    path = make_db(Dataset([resolution_citing(QD16, TT60)]), units=units, review_years=(2026,))
    cited = db_rows(path, "SELECT text, doc_id FROM basis_line ORDER BY line_no")
    assert [doc for _, doc in cited] == ["QD16-2026", "TT60-2026"]
    with Store.open(path) as store:
        findings = load_findings(store)
    on_lines = {f.rule_id for f in findings if f.entity_kind == "basis_line"}
    assert not on_lines & (DATE_RULES | {"basis_unrecognised"}), on_lines


def test_the_date_rules_still_fire_on_a_dated_document(make_db) -> None:
    """The control: a wrong date for a document whose date is known is still a warning."""
    wrong = "Căn cứ Quyết định số 51/2025/QĐ-TTg ngày 01/12/2025 của Thủ tướng Chính phủ;"
    units = [u for u in mong_cai_units() if u["code"] == UNIT]
    path = make_db(Dataset([resolution_citing(wrong)]), units=units, review_years=(2026,))
    with Store.open(path) as store:
        assert "basis_date_mismatch" in {f.rule_id for f in load_findings(store)}


def _registry_with(tmp_path: Path, doc_id: str, **changes: str) -> Path:
    """A copy of data/ whose legal_documents.csv row `doc_id` has `changes`."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "legal_documents.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["doc_id"] == doc_id:
            row.update(changes)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return data


CORPUS = Path(__file__).parent.parent / "corpus" / "registry"


def test_a_confirmed_row_without_a_date_is_refused_in_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(RegistryError) as caught:
        load_documents(CORPUS / "confirmed_without_issue_date.csv")
    for lang in ("vi", "en"):
        message = caught.value.message(lang)
        assert "\n" not in message and message.endswith(".")
        assert "QD16-2026" in message and "confirmed_without_issue_date.csv" in message
    assert "confirmed" in caught.value.message("en")

    data = _registry_with(tmp_path, "QD16-2026", confirmed="true")
    con = duckdb.connect()
    apply_migrations(con)
    with pytest.raises(RegistryError):  # the database loader refuses it too
        load_catalogues(con, data)
    con.close()


def test_an_unconfirmed_row_without_a_date_loads(tmp_path: Path) -> None:
    con = duckdb.connect()
    apply_migrations(con)
    load_catalogues(con)
    rows = con.execute(
        "SELECT doc_id, confirmed FROM legal_document WHERE issue_date IS NULL ORDER BY 1"
    ).fetchall()
    assert rows == [("QD16-2026", False), ("TT60-2026", False)]
    con.close()


def test_a_file_from_before_the_migration_accepts_unknown_dates_after_it(
    demo_db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "older.duckdb"
    shutil.copyfile(demo_db, path)
    con = duckdb.connect(str(path))
    undo_unknown_issue_date(con)
    con.close()
    old, new = migrate_database(path)
    assert (old, new) == (6, 7)
    con = duckdb.connect(str(path))
    con.execute(
        "INSERT INTO legal_document (doc_id, number, kind, title_vi, title_en, confirmed) "
        "VALUES ('X', '1/2026/TT-BTC', 'thong_tu', 'x', 'x', false)"
    )
    con.close()
