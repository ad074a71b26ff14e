"""The law by the resolution's date: each boundary of REGIME-2026.md, the day before and the day.

For each boundary one resolution is dated the day before and one on the day; each test
asserts which rules fire and which legal basis their findings cite (the basis of the
rule period the date falls in), as `check`, the export and the notice read it.
Budget matters are keyed by the budget year (NĐ 73/2026/NĐ-CP Điều 50).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from tui.core.data.dataset import CapitalLine, Dataset, Project, Resolution, Surplus, SurplusLine
from tui.core.data.demo import ntm_grounds
from tui.core.data.reference import mong_cai_units
from tui.core.data.store import Store
from tui.core.io.notice import build_notice
from tui.core.rules.engine import rules_by_id
from tui.core.rules.findings import Finding, load_findings

M = 1_000_000
UNIT = "06745"  # Hải Xuân, a commune of the old map (valid to 30/06/2025)
UNITS = [u for u in mong_cai_units() if u["code"] == UNIT]
NEW_UNIT = "06757"  # xã Vĩnh Thực of the two-level map
NEW_UNITS = [u for u in mong_cai_units() if u["code"] == NEW_UNIT]


def work(name: str, capital: list[CapitalLine], **fields: object) -> Project:
    values: dict = {
        "total_investment": sum(c.amount or 0 for c in capital),
        "criterion_code": 2,
        "policy_decision_ref": "QĐ số 215/QĐ-UBND",
        "capital": capital,
    }
    values.update(fields)
    return Project(name=name, **values)


def resolution(
    issued: date,
    projects: list[Project],
    grounds: list[str] | None = None,
    *,
    unit: str = UNIT,
    year: int | None = None,
    kind: str = "ntm",
    number: str = "15/NQ-HĐND",
) -> Resolution:
    return Resolution(
        resolution_id=f"NQ-{unit[:5]}-{issued.isoformat()}-{number[:2]}",
        unit_code=unit,
        year=year or issued.year,
        number=number,
        issue_date=issued,
        title="Nghị quyết về danh mục công trình xây dựng nông thôn mới",
        kind=kind,
        basis=list(grounds if grounds is not None else ntm_grounds_for(unit)),
        projects=projects,
    )


def ntm_grounds_for(unit: str) -> list[str]:
    from tui.core.data.demo import COMMUNES

    return ntm_grounds(COMMUNES[UNIT]) if unit == UNIT else []


def road(**fields: object) -> Project:
    capital = fields.pop(
        "capital", [CapitalLine("NS_TINH", 1_200 * M), CapitalLine("NS_XA", 600 * M)]
    )
    return work("Đường trục xã", capital, **fields)


@pytest.fixture
def found(make_db) -> Callable[..., list[Finding]]:
    """Build a dataset and return its findings, as `check` reads them."""

    def _found(data: Dataset, units: list[dict] | None = None) -> list[Finding]:
        years = sorted({r.year for r in data.resolutions} | {s.year for s in data.surpluses})
        path = make_db(data, units=units or UNITS, review_years=tuple(years))
        with Store.open(path) as store:
            return load_findings(store)

    return _found


def cited(findings: list[Finding], rule_id: str) -> list[str]:
    """The legal bases (Vietnamese) the findings of one rule cite."""
    return [f.legal_basis("vi") for f in findings if f.rule_id == rule_id]


def day_before(day: date) -> date:
    return day - timedelta(days=1)


# -- 01/01/2025: Luật Đầu tư công 58/2024/QH15 ------------------------------------------------

LDTC_2024_DAY = date(2025, 1, 1)


def test_investment_policy_rule_ends_and_the_plan_rule_starts(found):
    def data(on: date) -> Dataset:
        no_policy = road(policy_decision_ref=None)
        community_only = work("Sân thể thao", [CapitalLine("CONG_DONG", 150 * M)])
        return Dataset([resolution(on, [no_policy, community_only])])

    before = found(data(day_before(LDTC_2024_DAY)))
    assert cited(before, "work_no_policy_decision") == [
        rules_by_id()["work_no_policy_decision"].periods[0].legal_basis_vi
    ]
    assert "39/2019/QH14, Điều 17 khoản 7" in cited(before, "work_no_policy_decision")[0]
    assert cited(before, "plan_work_without_amount") == []

    on_the_day = found(data(LDTC_2024_DAY))
    assert cited(on_the_day, "work_no_policy_decision") == []
    [basis] = cited(on_the_day, "plan_work_without_amount")
    assert "58/2024/QH15, Điều 60 khoản 7 điểm b" in basis


def test_group_c_thresholds_change_on_the_day(found):
    def data(on: date) -> Dataset:
        big = road(sector="giao_thong_nang_luong", total_investment=130_000 * M)
        return Dataset([resolution(on, [big])])

    [basis] = cited(found(data(day_before(LDTC_2024_DAY))), "work_group_c_over_threshold")
    assert "39/2019/QH14, Điều 10" in basis
    # 130 billion is group C under Luật 58/2024 (below 240 billion for transport).
    assert cited(found(data(LDTC_2024_DAY)), "work_group_c_over_threshold") == []


def test_capital_mismatch_cites_the_law_of_the_day(found):
    def data(on: date) -> Dataset:
        return Dataset([resolution(on, [road(total_investment=1_900 * M)])])

    [before] = cited(found(data(day_before(LDTC_2024_DAY))), "work_capital_mismatch")
    [on_the_day] = cited(found(data(LDTC_2024_DAY)), "work_capital_mismatch")
    assert "39/2019/QH14, Điều 63" in before
    assert "58/2024/QH15, Điều 28 khoản 2" in on_the_day


# -- 01/07/2025: two-level local government -------------------------------------------------

TWO_LEVEL_DAY = date(2025, 7, 1)


def test_district_budget_line_after_the_district_level_ended(found):
    def data(on: date, unit: str) -> Dataset:
        district = road(
            capital=[CapitalLine("NS_HUYEN", 1_000 * M), CapitalLine("NS_XA", 800 * M)],
            total_investment=1_800 * M,
        )
        return Dataset([resolution(on, [district], unit=unit)])

    assert cited(found(data(day_before(TWO_LEVEL_DAY), UNIT)), "capital_source_not_in_force") == []
    [basis] = cited(found(data(TWO_LEVEL_DAY, NEW_UNIT), NEW_UNITS), "capital_source_not_in_force")
    assert "72/2025/QH15" in basis and "89/2025/QH15, Điều 6" in basis


def test_local_government_law_2015_ends_and_the_instruction_softens(found):
    """Luật TCCQĐP 2015 cited on 01/07/2025 is an error; the four grounds become a warning."""
    grounds = ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"]

    def data(on: date, unit: str) -> Dataset:
        return Dataset([resolution(on, [road()], grounds, unit=unit)])

    before = found(data(day_before(TWO_LEVEL_DAY), UNIT))
    assert cited(before, "basis_document_not_in_force") == []
    assert {f.severity for f in before if f.rule_id == "basis_missing_de_an"} == {"error"}
    assert "không phải quy định của luật" in cited(before, "basis_missing_de_an")[0]

    on_the_day = found(data(TWO_LEVEL_DAY, NEW_UNIT), NEW_UNITS)
    repealed = [f for f in on_the_day if f.rule_id == "basis_document_not_in_force"]
    assert [f.severity for f in repealed] == ["error"]
    assert "77/2015/QH13" in repealed[0].message_vi and "72/2025/QH15" in repealed[0].message_vi
    missing = [f for f in on_the_day if f.rule_id == "basis_missing_de_an"]
    assert [f.severity for f in missing] == ["warning"]
    assert "HĐND cấp huyện" in missing[0].explanation("vi")


# -- budget year 2026: Luật NSNN 89/2025, NĐ 73/2026 ----------------------------------------


def test_revenue_overrun_allocated_by_the_council(found):
    def data(on: date) -> Dataset:
        mixed = road(
            capital=[
                CapitalLine("NS_TINH", 1_000 * M),
                CapitalLine("NS_XA", 270_983_160, revenue_kind="ket_du"),
                CapitalLine("NS_XA", 44_016_840, revenue_kind="tang_thu"),
            ],
            total_investment=1_315 * M,
        )
        return Dataset([resolution(on, [mixed], unit=NEW_UNIT)])

    assert cited(found(data(date(2025, 12, 31)), NEW_UNITS), "revenue_overrun_by_council") == []
    on_the_day = found(data(date(2026, 1, 1)), NEW_UNITS)
    overrun = [f for f in on_the_day if f.rule_id == "revenue_overrun_by_council"]
    assert [f.severity for f in overrun] == ["info"]
    assert "89/2025/QH15, Điều 61 khoản 2" in overrun[0].legal_basis("vi")
    assert "44.016.840" in overrun[0].message_vi
    # Kết dư 270.983.160 + tăng thu 44.016.840 + tỉnh: the lines add up, nothing else fires.
    assert cited(on_the_day, "work_capital_mismatch") == []


def surplus_case(fiscal_year: int, allocated: date, settled: date, unit: str = UNIT) -> Dataset:
    res = resolution(allocated, [], [], unit=unit, kind="surplus", number="16/NQ-HĐND")
    return Dataset(
        [res],
        [
            Surplus(
                unit_code=unit,
                year=allocated.year,
                fiscal_year=fiscal_year,
                available=1_000 * M,
                settlement_ref="Nghị quyết phê chuẩn quyết toán",
                settlement_date=settled,
                resolution_id=res.resolution_id,
                lines=[SurplusLine("chi_dtpt", 450 * M, project_name="Đường trục xã")],
            )
        ],
    )


def test_surplus_rules_follow_the_budget_year(found):
    """The 2024 surplus under Luật 83/2015 and TT 344; the 2025 surplus under Luật 89 and NĐ 73."""
    old = found(surplus_case(2024, date(2025, 3, 1), date(2025, 3, 5)))
    [old_basis] = cited(old, "surplus_before_settlement")
    assert "344/2016/TT-BTC" in old_basis and "83/2015/QH13" in old_basis
    assert cited(old, "settlement_late") == []

    new = found(surplus_case(2025, date(2026, 3, 1), date(2026, 3, 5), NEW_UNIT), NEW_UNITS)
    [new_basis] = cited(new, "surplus_before_settlement")
    assert "89/2025/QH15, Điều 74" in new_basis and "73/2026/NĐ-CP, Điều 33 khoản 2" in new_basis
    assert "344/2016" not in new_basis


@pytest.mark.parametrize(
    ("settled", "late"), [(date(2026, 3, 31), False), (date(2026, 4, 1), True)]
)
def test_settlement_after_31_march(settled, late, found):
    findings = found(surplus_case(2025, date(2026, 5, 5), settled, NEW_UNIT), NEW_UNITS)
    bases = cited(findings, "settlement_late")
    assert bool(bases) is late
    if late:
        assert "89/2025/QH15, Điều 71 khoản 3" in bases[0]


def test_decree_163_in_the_transition_is_a_warning(found):
    grounds = [
        "Căn cứ Nghị định số 163/2016/NĐ-CP ngày 21/12/2016 của Chính phủ quy định chi tiết "
        "thi hành một số điều của Luật Ngân sách nhà nước;"
    ]

    def data(on: date) -> Dataset:
        return Dataset([resolution(on, [road()], grounds, unit=NEW_UNIT)])

    before = found(data(date(2025, 12, 31)), NEW_UNITS)
    assert cited(before, "basis_document_transitional") == []
    on_the_day = found(data(date(2026, 1, 1)), NEW_UNITS)
    transitional = [f for f in on_the_day if f.rule_id == "basis_document_transitional"]
    assert [f.severity for f in transitional] == ["warning"]
    assert "73/2026/NĐ-CP, Điều 50 khoản 1" in transitional[0].legal_basis("vi")
    assert cited(on_the_day, "basis_document_not_in_force") == []


def test_law_promulgated_but_not_yet_in_force_is_a_warning(found):
    grounds = ["Căn cứ Luật Ngân sách nhà nước số 89/2025/QH15 ngày 25/6/2025;"]

    def data(on: date) -> Dataset:
        return Dataset([resolution(on, [road()], grounds, unit=NEW_UNIT, year=2026)])

    december = found(data(date(2025, 12, 18)), NEW_UNITS)
    assert [f.severity for f in december if f.rule_id == "basis_document_not_yet_in_force"] == [
        "warning"
    ]
    assert cited(december, "basis_document_not_in_force") == []
    assert cited(found(data(date(2026, 1, 1)), NEW_UNITS), "basis_document_not_yet_in_force") == []


# -- 15/02/2026: the 10 criteria of QĐ 51/2025 --------------------------------------------

QD51_DAY = date(2026, 2, 15)


def test_criteria_switch_from_19_to_10(found):
    qd318 = (
        "Căn cứ Quyết định số 318/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ ban hành Bộ tiêu "
        "chí quốc gia về xã nông thôn mới;"
    )

    def data(on: date) -> Dataset:
        culture = road(criterion_code=16, commune_group=2)  # 16 Văn hóa: QĐ 318 only
        grouped = road(criterion_code=5, commune_group=None)  # 5 exists in both sets
        return Dataset([resolution(on, [culture, grouped], [qd318], unit=NEW_UNIT)])

    before = found(data(day_before(QD51_DAY)), NEW_UNITS)
    assert cited(before, "work_no_criterion") == []
    assert cited(before, "basis_document_not_in_force") == []

    on_the_day = found(data(QD51_DAY), NEW_UNITS)
    criterion = [f for f in on_the_day if f.rule_id == "work_no_criterion"]
    assert len(criterion) == 2  # code 16 does not exist; code 5 lacks its commune group
    assert all("51/2025/QĐ-TTg" in f.legal_basis("vi") for f in criterion)
    assert any("nhóm xã" in f.message_vi for f in criterion)
    [repealed] = [f for f in on_the_day if f.rule_id == "basis_document_not_in_force"]
    assert "318/QĐ-TTg" in repealed.message_vi and "chưa được xác nhận" in repealed.message_vi


# -- 25/03/2026: TT 26/2026 ends TT 344/2016 ---------------------------------------------------

TT26_DAY = date(2026, 3, 25)


def test_circular_344_ends(found):
    tt344 = (
        "Căn cứ Thông tư số 344/2016/TT-BTC ngày 30/12/2016 của Bộ Tài chính quy định về quản lý "
        "ngân sách xã và các hoạt động tài chính khác của xã, phường, thị trấn;"
    )

    def data(on: date) -> Dataset:
        unstated = road(capital=[CapitalLine("NS_TINH", 1_800 * M), CapitalLine("CONG_DONG", None)])
        return Dataset([resolution(on, [unstated], [tt344], unit=NEW_UNIT)])

    before = found(data(day_before(TT26_DAY)), NEW_UNITS)
    assert cited(before, "basis_document_not_in_force") == []
    [old_basis] = cited(before, "mobilised_amount_missing")
    assert "344/2016/TT-BTC" in old_basis and "không phải quy định của luật" in old_basis

    on_the_day = found(data(TT26_DAY), NEW_UNITS)
    assert len(cited(on_the_day, "basis_document_not_in_force")) == 1
    [new_basis] = cited(on_the_day, "mobilised_amount_missing")
    assert "26/2026/TT-BTC" in new_basis and "chưa được xác nhận" in new_basis


# -- the small-works cap ----------------------------------------------------------------------


def test_small_works_cap_is_an_error_to_2025_and_unverified_after(found):
    def data(on: date) -> Dataset:
        small = road(small_mechanism=True, total_investment=1_800 * M)
        return Dataset([resolution(on, [small], unit=NEW_UNIT if on.year > 2025 else UNIT)])

    assert cited(found(data(date(2025, 6, 30))), "small_mechanism_over_limit") == []
    unverified = [
        f
        for f in found(data(date(2026, 1, 1)), NEW_UNITS)
        if f.rule_id == "small_mechanism_over_limit"
    ]
    assert [f.severity for f in unverified] == ["warning"]
    assert "chưa xác định" in unverified[0].message_vi
    assert "confirmed = false" in unverified[0].explanation("vi")


# -- the notice of a 2026 resolution ----------------------------------------------------------


def test_notice_of_a_2026_resolution_cites_no_repealed_document(demo_db):
    """Every legal basis the 2026 notices cite names only documents in force in 2026."""
    repealed = {
        "39/2019",
        "83/2015",
        "77/2015",
        "163/2016",
        "344/2016",
        "Luật Đầu tư công 2019",
        "Luật Ngân sách nhà nước 2015",
        "318/QĐ-TTg",
        "80/2015",
    }
    with Store.open(demo_db) as store:
        codes = [r[0] for r in store.rows("views/years")]
        assert 2026 in codes
        for unit in ("06724", "06733", "06709"):
            notice = build_notice(store, None, unit, 2026, "vi", today=date(2026, 10, 1))
            bases = [rule.legal_basis for group in notice.groups for rule in group.rules]
            assert bases, unit
            for basis in bases:
                assert not any(old in basis for old in repealed), (unit, basis)
            assert "MÓNG CÁI" not in notice.body_upper.replace("MÓNG CÁI 1", "").replace(
                "MÓNG CÁI 2", ""
            ).replace("MÓNG CÁI 3", "")
            assert "THÀNH PHỐ" not in notice.body_upper


def test_2026_notice_is_headed_by_the_units_own_council(demo_db):
    with Store.open(demo_db) as store:
        new = build_notice(store, None, "06712", 2026, "vi", today=date(2026, 10, 1))
        old = build_notice(store, None, "06712", 2023, "vi", today=date(2026, 10, 1))
    assert new.body_upper == "HĐND PHƯỜNG MÓNG CÁI 1"
    assert old.body_upper == "HĐND THÀNH PHỐ MÓNG CÁI"


def test_check_csv_and_export_cite_the_period_basis(demo_db, tmp_path: Path, capsys):
    """`check --format csv` carries the legal basis of each finding's period."""
    import csv
    import io

    from tui.cli import main

    main(["check", "--db", str(demo_db), "--year", "2026", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    late = [r for r in rows if r["rule_id"] == "surplus_before_settlement"]
    assert late and all("89/2025/QH15" in r["legal_basis"] for r in late)
    assert all(r["legal_basis"] for r in rows)


# -- a file built before the law by date (schema 3) migrates ---------------------------------


def test_migration_0004_brings_a_schema_3_file_up(monkeypatch):
    """Criteria, thresholds and capital sources of an older file get their periods."""
    import duckdb

    from tui.core.data import store as store_module

    # Up to 0004 only: later migrations (0005, issue 11) are not what this test is about.
    real = [m for m in store_module.migration_files() if m[0] <= 4]
    assert real[-1][1] == "schema/0004_law_by_date"
    con = duckdb.connect()
    monkeypatch.setattr(store_module, "migration_files", lambda: real[:3])
    assert store_module.apply_migrations(con) == 3
    con.execute("INSERT INTO ntm_criterion VALUES (2, 'Giao thông', 'Transport')")
    con.execute(
        "INSERT INTO project_group_threshold VALUES "
        "('C', 'giao_thong_nang_luong', 'Nhóm C', 'Group C', 120000000000, true)"
    )
    con.execute(
        "INSERT INTO capital_source VALUES "
        "('NS_HUYEN', 'Vốn ngân sách cấp huyện', 'District budget', 'local', false, false, 3)"
    )
    con.execute(
        "INSERT INTO finding VALUES ('work_no_policy_decision', 'error', '06745', 'project', "
        "'p1', 2023, 'vi', 'en', 'k', 'work_no_policy_decision|2023|k', 'r1')"
    )
    monkeypatch.setattr(store_module, "migration_files", lambda: real)
    assert store_module.apply_migrations(con, 3) == 4
    assert con.execute("SELECT * FROM ntm_criterion").fetchall() == [
        ("QD318", 2, "Giao thông", "Transport")
    ]
    assert con.execute("SELECT code, valid_to FROM criteria_set").fetchall() == [
        ("QD318", date(2026, 2, 14))
    ]
    assert con.execute("SELECT criteria_set_at(DATE '2026-02-14')").fetchone() == ("QD318",)
    assert con.execute("SELECT criteria_set_at(DATE '2026-02-15')").fetchone() == (None,)
    assert con.execute(
        "SELECT valid_from, valid_to, doc_id FROM project_group_threshold"
    ).fetchall() == [(date(2020, 1, 1), date(2024, 12, 31), "LDTC-2019")]
    assert con.execute("SELECT valid_to FROM capital_source").fetchall() == [(date(2025, 6, 30),)]
    assert con.execute("SELECT period_date FROM finding").fetchall() == [(None,)]
    con.close()
    # A finding of an older file has no period date: it cites the rule's current basis.
    old = Finding(
        "work_no_policy_decision",
        "error",
        "06745",
        "",
        "project",
        "p1",
        2023,
        "vi",
        "en",
        "k",
        "r1",
    )
    assert old.legal_basis("vi") == rules_by_id()["work_no_policy_decision"].legal_basis("vi")
