"""Every rule fires on a dataset made to break it, and stays quiet on a near miss.

Each rule has two fixtures in CASES: a dataset where it must fire and one where it must
not. Both start from one clean commune (Hải Xuân, 06745: an NTM resolution with two
works and a budget-surplus allocation) and change exactly one thing. Where the rule has
a boundary (the 5-billion limit, the settlement date, a document's effective date), the
clean fixture sits on the allowed side of it, so an off-by-one in the SQL shows.

Adding a rule without adding its fixtures fails test_every_rule_has_fixtures.
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pytest

from tui.core.data.dataset import (
    CapitalLine,
    Dataset,
    Project,
    Resolution,
    StatedTotal,
    Surplus,
    SurplusLine,
)
from tui.core.data.demo import (
    COMMUNES,
    GROUND_BUDGET_LAW,
    GROUND_INVESTMENT_LAW,
    GROUND_LOCAL_GOV,
    GROUND_LOCAL_GOV_2019,
    GROUND_ND163,
    GROUND_TT344,
    ntm_grounds,
)
from tui.core.data.reference import mong_cai_units
from tui.core.paths import QUERIES_DIR
from tui.core.rules.engine import (
    FINDING_COLUMNS,
    GROUPS,
    SEVERITIES,
    load_rules,
    rule_relation,
    run_rule,
)

M = 1_000_000
HX = COMMUNES["06745"]  # Hải Xuân, a commune (xã)
WARD = "06742"  # Hải Hoà, a ward (phường): no NTM resolution is expected of it
UNITS = [u for u in mong_cai_units() if u["code"] in (HX.code, WARD)]
NTM_ID = "NQ-06745-2023-01"
SURPLUS_RES_ID = "NQ-06745-2023-02"
INTEGRATED_SHARE = "Chương trình MTQG giảm nghèo bền vững: 100%"
GROUND_LDTC_2024 = "Căn cứ Luật Đầu tư công số 58/2024/QH15 ngày 29/11/2024;"


# -- the clean commune ------------------------------------------------------------------


def work(
    name: str,
    criterion: int | None,
    capital: list[tuple[str, int | None]],
    *,
    policy: str | None = "QĐ số 215/QĐ-UBND",
    delegated: bool = False,
    small: bool = False,
) -> Project:
    lines = [
        CapitalLine(code, amount, INTEGRATED_SHARE if code == "LONG_GHEP" else None)
        for code, amount in capital
    ]
    return Project(
        name=name,
        total_investment=sum(amount or 0 for _, amount in capital),
        criterion_code=criterion,
        period="2023",
        policy_decision_ref=policy,
        policy_delegated=delegated,
        small_mechanism=small,
        capital=lines,
    )


def clean() -> Dataset:
    """One commune with nothing wrong, and a ward with a surplus allocation only."""
    road = work(
        "Nâng cấp đường trục xã Hải Xuân",
        2,
        [("NS_TINH", 1_200 * M), ("NS_XA", 600 * M), ("CONG_DONG", 200 * M)],
    )
    canal = work(
        "Kênh tưới nội đồng thôn 2",
        3,
        [("NS_HUYEN", 900 * M), ("LONG_GHEP", 300 * M), ("DOANH_NGHIEP", 100 * M)],
        small=True,
    )
    ntm = Resolution(
        resolution_id=NTM_ID,
        unit_code=HX.code,
        year=2023,
        number="15/NQ-HĐND",
        issue_date=date(2023, 7, 20),
        title="Nghị quyết về danh mục công trình xây dựng nông thôn mới năm 2023 xã Hải Xuân",
        kind="ntm",
        basis=ntm_grounds(HX),
        projects=[road, canal],
    )
    surplus_grounds = [
        GROUND_LOCAL_GOV,
        GROUND_LOCAL_GOV_2019,
        GROUND_BUDGET_LAW,
        GROUND_ND163,
        GROUND_TT344,
    ]
    allocation = Resolution(
        resolution_id=SURPLUS_RES_ID,
        unit_code=HX.code,
        year=2023,
        number="16/NQ-HĐND",
        issue_date=date(2023, 7, 20),
        title="Nghị quyết phân bổ kết dư ngân sách năm 2022 của xã Hải Xuân",
        kind="surplus",
        basis=list(surplus_grounds),
    )
    ward_allocation = Resolution(
        resolution_id="NQ-06742-2023-01",
        unit_code=WARD,
        year=2023,
        number="05/NQ-HĐND",
        issue_date=date(2023, 7, 21),
        title="Nghị quyết phân bổ kết dư ngân sách năm 2022 của phường Hải Hoà",
        kind="surplus",
        basis=list(surplus_grounds),
    )

    def surplus(unit_code: str, resolution_id: str) -> Surplus:
        return Surplus(
            unit_code=unit_code,
            year=2023,
            fiscal_year=2022,
            available=1_000 * M,
            settlement_ref="Nghị quyết phê chuẩn quyết toán ngân sách năm 2022",
            settlement_date=date(2023, 6, 28),
            resolution_id=resolution_id,
            lines=[
                SurplusLine("chi_dtpt", 450 * M, project_name="Nâng cấp đường trục xã"),
                SurplusLine(
                    "chi_thuong_xuyen",
                    300 * M,
                    item="Sửa chữa trường mầm non",
                    field_code="giao_duc",
                ),
                SurplusLine("du_phong", 100 * M, item="Dự phòng phòng, chống thiên tai"),
            ],
        )

    return Dataset(
        resolutions=[ntm, allocation, ward_allocation],
        surpluses=[surplus(HX.code, SURPLUS_RES_ID), surplus(WARD, "NQ-06742-2023-01")],
    )


# Accessors into a clean() dataset.
def ntm(data: Dataset) -> Resolution:
    return data.resolutions[0]


def allocation_resolution(data: Dataset) -> Resolution:
    return data.resolutions[1]


def ward_resolution(data: Dataset) -> Resolution:
    return data.resolutions[2]


def road(data: Dataset) -> Project:
    return ntm(data).projects[0]


def canal(data: Dataset) -> Project:
    return ntm(data).projects[1]


def hx_surplus(data: Dataset) -> Surplus:
    return data.surpluses[0]


def line(project: Project, source: str) -> CapitalLine:
    return next(c for c in project.capital if c.source_code == source)


def variant(*changes: Callable[[Dataset], object]) -> Callable[[], Dataset]:
    """A builder: the clean dataset with `changes` applied in order."""

    def build() -> Dataset:
        data = clean()
        for change in changes:
            change(data)
        return data

    return build


def set_grounds(grounds: list[str]) -> Callable[[Dataset], None]:
    def change(data: Dataset) -> None:
        ntm(data).basis = list(grounds)

    return change


def replace_ground(old: str, new: str) -> Callable[[Dataset], None]:
    def change(data: Dataset) -> None:
        basis = ntm(data).basis
        assert old in basis, "fixture error: the ground to replace is not there"
        basis[basis.index(old)] = new

    return change


def reissue(resolution: Callable[[Dataset], Resolution], on: date) -> Callable[[Dataset], None]:
    def change(data: Dataset) -> None:
        res = resolution(data)
        res.issue_date = on
        res.year = on.year

    return change


def set_attr(target: Callable[[Dataset], object], **values: object) -> Callable[[Dataset], None]:
    def change(data: Dataset) -> None:
        obj = target(data)
        for name, value in values.items():
            setattr(obj, name, value)

    return change


def small_work_of_total(total: int) -> Callable[[Dataset], None]:
    """The canal claims the small-project mechanism with exactly `total` đồng, fully funded."""

    def change(data: Dataset) -> None:
        project = canal(data)
        project.total_investment = total
        project.small_mechanism = True
        project.capital = [
            CapitalLine("NS_HUYEN", total - 300 * M),
            CapitalLine("LONG_GHEP", 200 * M, INTEGRATED_SHARE),
            CapitalLine("DOANH_NGHIEP", 100 * M),
        ]

    return change


def surplus_allocated(total: int) -> Callable[[Dataset], None]:
    """Hải Xuân's surplus lines add up to `total` (available is 1.000 million)."""

    def change(data: Dataset) -> None:
        lines = hx_surplus(data).lines
        lines[-1].amount = total - sum(item.amount for item in lines[:-1])

    return change


def stated_total(stated: int, listed: int) -> Callable[[Dataset], None]:
    """The commune's file wrote a "Tổng cộng" of `stated` over rows adding up to `listed`."""

    def change(data: Dataset) -> None:
        ntm(data).stated_totals = [
            StatedTotal("Tổng cộng", "Công trình!I9", "Tổng mức đầu tư", stated, listed)
        ]

    return change


def surplus_of_2025(settled: date) -> Callable[[Dataset], None]:
    """Hải Xuân's surplus becomes the 2025 surplus, settled on `settled`, allocated after."""

    def change(data: Dataset) -> None:
        sur = hx_surplus(data)
        sur.year, sur.fiscal_year, sur.settlement_date = 2026, 2025, settled
        res = allocation_resolution(data)
        res.issue_date, res.year = date(2026, 5, 5), 2026

    return change


def surplus_spent_on_road(amount: int, kind: str = "ket_du") -> Callable[[Dataset], None]:
    """The road's commune-budget line spends `amount` of one revenue kind."""

    def change(data: Dataset) -> None:
        project = road(data)
        commune = line(project, "NS_XA")
        project.total_investment += amount - commune.amount
        commune.amount, commune.revenue_kind = amount, kind

    return change


@dataclass(frozen=True)
class Case:
    entity_kind: str  # what the finding points at
    fires: Callable[[], Dataset]  # dataset where the rule must fire ...
    passes: Callable[[], Dataset]  # ... and one where it must not
    count: int = 1  # findings of this rule in the firing dataset


GROUNDS_2024_LAW = ntm_grounds(HX, omit=("luat_dtc",), extra=(GROUND_LDTC_2024,))

CASES: dict[str, Case] = {
    "basis_date_mismatch": Case(
        "basis_line",
        fires=variant(
            replace_ground(
                GROUND_INVESTMENT_LAW, "Căn cứ Luật Đầu tư công ngày 13 tháng 6 năm 2020;"
            )
        ),
        # The same date written differently is not a mismatch.
        passes=variant(
            replace_ground(
                GROUND_INVESTMENT_LAW, "Căn cứ Luật Đầu tư công số 39/2019/QH14 ngày 13/6/2019;"
            )
        ),
    ),
    "basis_document_not_in_force": Case(
        "basis_line",
        # The 2024 Public Investment Law was issued on 29/11/2024: cited the day before ...
        fires=variant(set_grounds(GROUNDS_2024_LAW), reissue(ntm, date(2024, 11, 28))),
        # ... and on the day itself (then it is only not yet in force: another rule).
        passes=variant(set_grounds(GROUNDS_2024_LAW), reissue(ntm, date(2024, 11, 29))),
    ),
    "basis_document_not_yet_in_force": Case(
        "basis_line",
        # The 2024 Public Investment Law takes effect on 01/01/2025: cited the day before ...
        fires=variant(set_grounds(GROUNDS_2024_LAW), reissue(ntm, date(2024, 12, 31))),
        # ... and on the day itself.
        passes=variant(set_grounds(GROUNDS_2024_LAW), reissue(ntm, date(2025, 1, 1))),
    ),
    "basis_document_transitional": Case(
        "basis_line",
        # Luật ĐTC 2019 ended on 31/12/2024; its dossiers may run on through 2025 ...
        fires=variant(reissue(ntm, date(2025, 3, 1))),
        # ... but not before its end, when it is simply in force.
        passes=variant(reissue(ntm, date(2024, 12, 31))),
    ),
    "basis_missing_de_an": Case(
        "resolution",
        fires=variant(set_grounds(ntm_grounds(HX, omit=("de_an",)))),
        passes=variant(),
    ),
    "basis_missing_quy_hoach": Case(
        "resolution",
        fires=variant(set_grounds(ntm_grounds(HX, omit=("quy_hoach",)))),
        passes=variant(),
    ),
    "basis_missing_quy_che": Case(
        "resolution",
        fires=variant(set_grounds(ntm_grounds(HX, omit=("quy_che",)))),
        passes=variant(),
    ),
    "basis_missing_luat_dtc": Case(
        "resolution",
        fires=variant(set_grounds(ntm_grounds(HX, omit=("luat_dtc",)))),
        # The 2024 law is a Public Investment Law ground as well.
        passes=variant(set_grounds(GROUNDS_2024_LAW), reissue(ntm, date(2025, 3, 1))),
    ),
    "basis_unrecognised": Case(
        "basis_line",
        fires=variant(
            set_grounds(
                ntm_grounds(
                    HX,
                    extra=(
                        "Căn cứ Kế hoạch số 45/KH-UBND ngày 10/02/2023 của Ủy ban nhân dân xã Hải Xuân;",
                    ),
                )
            )
        ),
        # Written carelessly (no accents, upper case, odd spaces) but still recognisable.
        passes=variant(
            replace_ground(GROUND_BUDGET_LAW, "CAN CU  LUAT NGAN SACH NHA NUOC NGAY 25/6/2015 ;")
        ),
    ),
    "commune_no_ntm_resolution": Case(
        "unit",
        # Its NTM resolution belongs to another year than the one under review.
        fires=variant(reissue(ntm, date(2022, 7, 20))),
        # The ward has no NTM resolution either, and none is expected of a ward.
        passes=variant(),
    ),
    "integrated_share_missing": Case(
        "capital_allocation",
        fires=variant(set_attr(lambda d: line(canal(d), "LONG_GHEP"), programme_share=None)),
        passes=variant(),
    ),
    "mobilised_amount_missing": Case(
        "capital_allocation",
        fires=variant(set_attr(lambda d: line(road(d), "CONG_DONG"), amount=None)),
        passes=variant(set_attr(lambda d: line(road(d), "CONG_DONG"), amount=0)),
    ),
    "ntm_no_works": Case(
        "resolution",
        fires=variant(set_attr(ntm, projects=[])),
        # A surplus resolution lists no works, and need not.
        passes=variant(),
    ),
    "resolution_number_duplicate": Case(
        "resolution",
        fires=variant(set_attr(allocation_resolution, number="15/NQ-HĐND")),
        # The same number used by another council is not a duplicate.
        passes=variant(set_attr(ward_resolution, number="15/NQ-HĐND")),
        count=2,
    ),
    "resolution_number_malformed": Case(
        "resolution",
        fires=variant(set_attr(ntm, number="15/NQ-HĐ")),
        # The normative form, with the year, is well formed.
        passes=variant(set_attr(ntm, number="07/2023/NQ-HĐND")),
    ),
    "small_mechanism_over_limit": Case(
        "project",
        fires=variant(small_work_of_total(5_000 * M + 1)),
        # "Không quá 5 tỷ đồng": exactly 5 billion is allowed.
        passes=variant(small_work_of_total(5_000 * M)),
    ),
    "surplus_before_settlement": Case(
        "surplus",
        fires=variant(reissue(allocation_resolution, date(2023, 6, 27))),
        # Allocated on the very day the settlement was approved.
        passes=variant(reissue(allocation_resolution, date(2023, 6, 28))),
    ),
    "surplus_investment_line_incomplete": Case(
        "surplus_line",
        fires=variant(
            set_attr(lambda d: hx_surplus(d).lines[0], project_name=None, item="Các công trình")
        ),
        # A recurrent-spending line names an item, not a project, and that is fine.
        passes=variant(),
    ),
    "surplus_over_allocated": Case(
        "surplus",
        fires=variant(surplus_allocated(1_000 * M + 1)),
        passes=variant(surplus_allocated(1_000 * M)),
    ),
    "stated_total_mismatch": Case(
        "resolution",
        fires=variant(stated_total(3_700 * M + 1_000_001, 3_700 * M)),
        passes=variant(stated_total(3_700 * M, 3_700 * M)),
    ),
    "work_capital_mismatch": Case(
        "project",
        fires=variant(set_attr(lambda d: line(road(d), "NS_XA"), amount=600 * M + 1)),
        passes=variant(),
    ),
    "work_no_capital": Case(
        "project",
        fires=variant(set_attr(road, capital=[])),
        passes=variant(),
    ),
    "work_no_criterion": Case(
        "project",
        fires=variant(set_attr(road, criterion_code=None)),
        # 19 is the last of the 19 criteria.
        passes=variant(set_attr(road, criterion_code=19)),
    ),
    "work_no_policy_decision": Case(
        "project",
        fires=variant(set_attr(road, policy_decision_ref=None)),
        # No decision of its own, but the HĐND delegated it to the People's Committee.
        passes=variant(set_attr(road, policy_decision_ref=None, policy_delegated=True)),
    ),
    "capital_source_not_in_force": Case(
        "capital_allocation",
        # The canal has a district-budget line: the district level ended on 30/06/2025.
        fires=variant(reissue(ntm, date(2025, 7, 1))),
        passes=variant(reissue(ntm, date(2025, 6, 30))),
    ),
    "plan_work_without_amount": Case(
        "project",
        # From 2025 the HĐND xã decides each work's amount: the road has community money only.
        fires=variant(
            set_attr(road, capital=[CapitalLine("CONG_DONG", 200 * M)], total_investment=200 * M),
            reissue(ntm, date(2025, 1, 1)),
        ),
        # The same work under the 2019 law, the day before.
        passes=variant(
            set_attr(road, capital=[CapitalLine("CONG_DONG", 200 * M)], total_investment=200 * M),
            reissue(ntm, date(2024, 12, 31)),
        ),
    ),
    "revenue_overrun_by_council": Case(
        "capital_allocation",
        # Budget year 2026: the UBND decides the use of tăng thu (Luật 89/2025 Điều 61 k2) ...
        fires=variant(surplus_spent_on_road(44 * M, "tang_thu"), reissue(ntm, date(2026, 1, 20))),
        # ... budget year 2025 still followed Luật 83/2015.
        passes=variant(surplus_spent_on_road(44 * M, "tang_thu"), reissue(ntm, date(2025, 12, 31))),
    ),
    "settlement_late": Case(
        "surplus",
        # "Trước ngày 31 tháng 3 năm sau": the 2025 settlement approved on 01/04/2026 ...
        fires=variant(surplus_of_2025(date(2026, 4, 1))),
        # ... and on 31/03/2026.
        passes=variant(surplus_of_2025(date(2026, 3, 31))),
    ),
    "surplus_works_over_available": Case(
        "surplus",
        # Works spend more kết dư than the 1.000 million available ...
        fires=variant(surplus_spent_on_road(1_000 * M + 1)),
        # ... exactly all of it, or any amount of tăng thu, is not over.
        passes=variant(
            surplus_spent_on_road(1_000 * M),
            set_attr(lambda d: line(canal(d), "NS_HUYEN"), revenue_kind="tang_thu"),
        ),
    ),
    "work_group_c_over_threshold": Case(
        "project",
        # Group C in transport was below 120 billion under Luật 39/2019 ...
        fires=variant(set_attr(road, sector="giao_thong_nang_luong", total_investment=120_000 * M)),
        passes=variant(
            set_attr(road, sector="giao_thong_nang_luong", total_investment=120_000 * M - 1)
        ),
    ),
}

RULES = {rule.rule_id: rule for rule in load_rules()}
# As tui.core.data.store opens files: DuckDB refuses two configs for one file in one process.
READ_ONLY_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), read_only=True, config=READ_ONLY_CONFIG)


@pytest.fixture(scope="module")
def build_once(tmp_path_factory):
    """make_db for this module, building each distinct dataset only once."""
    from tui.core.data.build import build

    built: dict[tuple, Path] = {}
    folder = tmp_path_factory.mktemp("rules")

    def _build(data: Dataset, review_years: tuple[int, ...] = (2023,)) -> Path:
        key = (repr(data), review_years)
        if key not in built:
            path = folder / f"case-{len(built)}.duckdb"
            build(path, UNITS, data, review_years, {"dataset_kind": "test"})
            built[key] = path
        return built[key]

    return _build


def findings(db_rows, path: Path) -> list[tuple]:
    return db_rows(
        path,
        "SELECT rule_id, severity, unit_code, entity_kind, entity_id, year, message_vi, "
        "message_en, period_date FROM finding ORDER BY ALL",
    )


# -- fixtures cover the rules -------------------------------------------------------------


def test_every_rule_has_fixtures():
    """A new rule needs a firing and a passing fixture here; a removed rule, its fixtures gone."""
    assert set(CASES) == set(RULES), (
        f"rules without fixtures: {sorted(set(RULES) - set(CASES))}; "
        f"fixtures without a rule: {sorted(set(CASES) - set(RULES))}"
    )


def test_clean_dataset_has_no_findings(build_once, db_rows):
    path = build_once(clean())
    assert findings(db_rows, path) == []


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires(rule_id, build_once, db_rows):
    case, rule = CASES[rule_id], RULES[rule_id]
    rows = [r for r in findings(db_rows, build_once(case.fires())) if r[0] == rule_id]
    assert len(rows) == case.count, rows
    for _, severity, unit_code, kind, entity_id, _year, vi, en, period_date in rows:
        # The severity is that of the rule period the finding's date falls in.
        assert severity == rule.period_at(period_date).severity
        assert kind == case.entity_kind
        assert unit_code == HX.code
        assert entity_id
        assert vi.strip() and en.strip() and vi != en


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_passes(rule_id, build_once, db_rows):
    rows = findings(db_rows, build_once(CASES[rule_id].passes()))
    assert [r for r in rows if r[0] == rule_id] == []


def test_fixture_builders_do_not_share_state():
    """Each builder call starts from a fresh clean dataset (mutations must not leak)."""
    before = copy.deepcopy(clean())
    for case in CASES.values():
        case.fires()
        case.passes()
    assert clean() == before


# -- variants a single fixture cannot show -----------------------------------------------


@pytest.mark.parametrize(
    ("rule_id", "builder"),
    [
        pytest.param(
            "surplus_before_settlement",
            variant(set_attr(hx_surplus, settlement_date=None, settlement_ref=None)),
            id="surplus-without-any-settlement",
        ),
        pytest.param(
            "surplus_investment_line_incomplete",
            variant(set_attr(lambda d: hx_surplus(d).lines[0], amount=None)),
            id="investment-line-without-amount",
        ),
        pytest.param(
            "work_no_criterion",
            variant(set_attr(road, criterion_code=20)),
            id="criterion-that-does-not-exist",
        ),
        pytest.param(
            "basis_document_not_in_force",
            variant(
                set_grounds(
                    ntm_grounds(
                        HX,
                        extra=("Căn cứ Luật Ngân sách nhà nước số 01/2002/QH11 ngày 16/12/2002;",),
                    )
                )
            ),
            id="repealed-law",
        ),
        pytest.param(
            "commune_no_ntm_resolution",
            variant(set_attr(ntm, kind="other")),
            id="only-non-ntm-resolutions",
        ),
    ],
)
def test_rule_fires_on_variant(rule_id, builder, make_db, db_rows):
    rows = findings(db_rows, make_db(builder(), units=UNITS))
    assert [r[0] for r in rows].count(rule_id) == 1, rows


def test_capital_line_without_amount_is_flagged(make_db, db_rows):
    """A budget line with no amount must not slip between the capital rules."""
    data = variant(set_attr(lambda d: line(road(d), "NS_XA"), amount=None))()
    rows = findings(db_rows, make_db(data, units=UNITS))
    on_the_work = [r for r in rows if r[3] in ("project", "capital_allocation")]
    assert on_the_work, "a work whose budget line has no amount produced no finding at all"


# -- regimes ------------------------------------------------------------------------------


@pytest.mark.parametrize(("issued", "expected"), [(date(2024, 12, 31), 1), (date(2025, 1, 1), 0)])
def test_period_end_stops_a_rule(issued, expected, make_db, db_rows):
    """work_no_policy_decision ends with Luật ĐTC 39/2019 on 31/12/2024, by the resolution's date."""
    rule = RULES["work_no_policy_decision"]
    assert rule.regime_to == date(2024, 12, 31)
    data = variant(set_attr(road, policy_decision_ref=None), reissue(ntm, issued))()
    path = make_db(data, units=UNITS, review_years=(issued.year,))
    stored = [r for r in findings(db_rows, path) if r[0] == rule.rule_id]
    assert len(stored) == expected
    # The SQL itself still finds the work: it is the period that filters it out.
    con = connect(path)
    try:
        raw = run_rule(con, rule)
    finally:
        con.close()
    assert [r[5] for r in raw] == [issued.year]


def test_regime_start_stops_a_rule(make_db, db_rows):
    """surplus_over_allocated applies from 2017 (Budget Law 2015); an older year is not judged."""
    rule = RULES["surplus_over_allocated"]
    assert rule.regime_from == date(2017, 1, 1)

    def to_2016(data: Dataset) -> None:
        hx_surplus(data).year = 2016
        hx_surplus(data).fiscal_year = 2015

    data = variant(surplus_allocated(1_000 * M + 1), to_2016)()
    stored = [r for r in findings(db_rows, make_db(data, units=UNITS)) if r[0] == rule.rule_id]
    assert stored == []


def test_applies_to_year_matches_the_stored_regime():
    for rule in RULES.values():
        if rule.regime_from:
            assert not rule.applies_to_year(rule.regime_from.year - 1)
            assert rule.applies_to_year(rule.regime_from.year)
        if rule.regime_to:
            assert rule.applies_to_year(rule.regime_to.year)
            assert not rule.applies_to_year(rule.regime_to.year + 1)
        assert rule.applies_to_year(None)


# -- metadata and the shape of every rule --------------------------------------------------

TOP_FIELDS = ("id", "group", "title_vi", "title_en")
PERIOD_FIELDS = ("severity", "legal_basis_vi", "legal_basis_en", "explanation_vi", "explanation_en")
RULE_FILES = sorted((QUERIES_DIR / "rules").glob("*.toml"))


def test_rule_files_come_in_pairs():
    sql_stems = {p.stem for p in (QUERIES_DIR / "rules").glob("*.sql")}
    toml_stems = {p.stem for p in RULE_FILES}
    assert sql_stems == toml_stems
    assert {r.rule_id for r in load_rules()} == toml_stems
    assert len(toml_stems) >= 18  # the foundation issue lists at least 18 kinds of check


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_rule_metadata(path: Path):
    meta = tomllib.loads(path.read_text(encoding="utf-8"))
    for field in TOP_FIELDS:
        assert isinstance(meta.get(field), str) and meta[field].strip(), f"{path.name}: {field}"
    assert meta["id"] == path.stem
    assert meta["group"] in GROUPS
    assert meta["title_vi"] != meta["title_en"]
    unknown = (
        set(meta)
        - set(TOP_FIELDS)
        - set(PERIOD_FIELDS)
        - {
            "regime_from",
            "regime_to",
            "keyed_by",
            "period",
        }
    )
    assert not unknown, f"{path.name}: unknown keys {unknown}"
    blocks = meta.get("period") or [meta]
    for block in blocks:
        for field in PERIOD_FIELDS:
            value = block.get(field, meta.get(field))
            assert isinstance(value, str) and value.strip(), f"{path.name}: {field}"
        assert block.get("severity", meta.get("severity")) in SEVERITIES
        assert block.get("explanation_vi", meta.get("explanation_vi")) != block.get(
            "explanation_en", meta.get("explanation_en")
        )
        for key in ("from", "to", "regime_from", "regime_to"):
            assert block.get(key) is None or type(block[key]) is date  # a TOML date
        assert isinstance(block.get("confirmed", True), bool)
    rule = RULES[meta["id"]]
    for before, after in zip(rule.periods, rule.periods[1:], strict=False):
        assert before.end is not None and after.start is not None and before.end < after.start


def test_unconfirmed_periods_say_so():
    """A period whose basis is not confirmed says it, in both languages, wherever it is cited."""
    unconfirmed = [(r, p) for r in RULES.values() for p in r.periods if not p.confirmed]
    assert unconfirmed, "REGIME-2026.md has unconfirmed facts: some period must carry them"
    for rule, period in unconfirmed:
        assert "chưa được xác nhận" in period.legal_basis("vi"), rule.rule_id
        assert "not confirmed" in period.legal_basis("en"), rule.rule_id
        assert "confirmed = false" in period.explanation("vi"), rule.rule_id
        assert "confirmed = false" in period.explanation("en"), rule.rule_id
    confirmed = next(p for r in RULES.values() for p in r.periods if p.confirmed)
    assert "chưa được xác nhận" not in confirmed.legal_basis("vi")


def test_period_metadata_is_validated(tmp_path, monkeypatch):
    """Overlapping periods, unknown keys and string dates are refused when rules load."""
    from tui.core.rules import engine as rules_module

    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "r.sql").write_text("SELECT 1", encoding="utf-8")
    head = 'id = "r"\ngroup = "works"\ntitle_vi = "a"\ntitle_en = "b"\n'
    body = (
        'severity = "error"\nlegal_basis_vi = "x"\nlegal_basis_en = "y"\n'
        'explanation_vi = "u"\nexplanation_en = "v"\n'
    )
    bad = {
        "overlap": head
        + "[[period]]\nto = 2024-12-31\n"
        + body
        + "[[period]]\nfrom = 2024-12-31\n"
        + body,
        "unknown": head + "[[period]]\nuntil = 2024-12-31\n" + body,
        "string date": head + '[[period]]\nfrom = "2024-01-01"\n' + body,
        "severity": head + "[[period]]\n" + body.replace('"error"', '"fatal"'),
    }
    monkeypatch.setattr(rules_module, "QUERIES_DIR", tmp_path)
    for label, text in bad.items():
        (folder / "r.toml").write_text(text, encoding="utf-8")
        rules_module.load_rules.cache_clear()
        with pytest.raises(rules_module.RuleDefinitionError):
            rules_module.load_rules()
        assert label
    rules_module.load_rules.cache_clear()


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_returns_the_standard_columns(rule_id, demo_db):
    """Column names and order are the contract; rule_id and severity are bound, not written in."""
    rule = RULES[rule_id]
    text = (QUERIES_DIR / "rules" / f"{rule_id}.sql").read_text(encoding="utf-8")
    assert "$rule_id" in text and "$severity" in text
    con = connect(demo_db)
    try:
        cur = con.execute(text, {"rule_id": "SENTINEL-ID", "severity": "SENTINEL-SEV"})
        assert tuple(d[0] for d in cur.description) == FINDING_COLUMNS
        rows = cur.fetchall()
        assert rows, f"{rule_id} finds nothing on the demo database"
        assert {(r[0], r[1]) for r in rows} == {("SENTINEL-ID", "SENTINEL-SEV")}
        raw = run_rule(con, rule)
        assert {(r[0], r[1]) for r in raw} == {(rule.rule_id, rule.severity)}
        other = "info" if rule.severity != "info" else "warning"
        assert {r[1] for r in rule_relation(con, rule, severity=other).fetchall()} == {other}
    finally:
        con.close()
