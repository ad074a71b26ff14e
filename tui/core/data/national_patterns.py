"""One old unit's year at province and national scale, clean or with a failure pattern.

DEMO DATA (see national.py). A commune-year (`_commune_year`) or a ward-year
(`_ward_year`) is built clean, then, if drawn to fail, given the gaps of one city-demo
unit: the patterns are named after the Móng Cái unit that shows them (COMMUNE_PATTERNS,
WARD_PATTERNS) and taken in turn (`_Cycle`). Which unit-years fail is drawn in
national.py; what a failing year looks like belongs here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from .dataset import Resolution, StatedTotal
from .demo_builders import (
    GROUND_BUDGET_LAW,
    GROUND_INVESTMENT_LAW,
    GROUND_LOCAL_GOV,
    GROUND_LOCAL_GOV_2019,
    MILLION,
    Commune,
    _ntm_resolution,
    _surplus,
    _surplus_resolution,
    _work,
    ntm_grounds,
)
from .national_builders import _day, _expand_surplus, _vn, _works, _Year

ND38_IN_FORCE = date(2023, 6, 24)  # cited before this date it is a finding
# The demo's failure patterns, by the Móng Cái unit that shows each in the city demo.
COMMUNE_PATTERNS = (
    "hai_son",  # 06724: no đề án; Public Investment Law misdated; a work serving no criterion
    "bac_son",  # 06727: no quy hoạch; an unrecognised ground; a work with no capital source
    "hai_dong",  # 06730: repealed 2003 budget law and decree; no quy chế; integrated share missing
    "hai_tien",  # 06733: no Public Investment Law; sources do not add up; small mechanism > 5 bn
    "quang_nghia",  # 06739: no works; malformed number; cites the 2024 law before it existed
    "van_ninh",  # 06748: no policy decision; community money without amount; duplicate number
    "vinh_trung",  # 06754: no NTM resolution; surplus allocated before the settlement
    "vinh_thuc",  # 06757: surplus over-allocated; an investment line naming no project
)
WARD_PATTERNS = (
    "tra_co",  # 06721: surplus allocated with no approved settlement
    "hai_hoa",  # 06742: an investment line without an amount
)


class _Cycle:
    """Failure patterns taken in turn, so that each appears as soon as there are enough."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = names
        self.taken = 0

    def next(self) -> str:
        name = self.names[self.taken % len(self.names)]
        self.taken += 1
        return name


def _commune_year(y: _Year, commune: Commune, local: dict | None, pattern: str | None) -> None:
    money, rng, year, unit = y.money, y.money.rng, y.year, y.unit
    villages = 6 + int(unit["code"]) % 9
    settlement = _day(rng, year, (6, 20), (7, 10))

    # Surplus first: its resolution is the year's first number.
    issued = _day(rng, year, (7, 15), (7, 31))
    if pattern == "vinh_trung":
        issued = date(year, 3, 10)  # allocated before the settlement was approved
    seq, _ = y.next_id()
    y.surplus_resolution = _surplus_resolution(
        unit["code"], f"xã {commune.name}", seq, y.number(), issued, year
    )
    y.surplus = _surplus(
        money,
        unit["code"],
        y.surplus_resolution.resolution_id,
        settlement=settlement,
        over=pattern == "vinh_thuc",
        bad_investment_line="no_project" if pattern == "vinh_thuc" else None,
        year=year,
    )
    _expand_surplus(
        money,
        y.surplus,
        [f"Nâng cấp đường trục xã đoạn thôn {v}" for v in range(1, villages + 1)],
    )

    def grounds(issued: date, omit: tuple[str, ...] = (), extra: tuple[str, ...] = ()):
        if issued < ND38_IN_FORCE:
            omit += ("nd38",)
        return ntm_grounds(commune, omit=omit, extra=extra, local=local)

    # The year's NTM list, then zero to two amendments adding works.
    issued = _day(rng, year, (8, 1), (9, 15))
    seq, _ = y.next_id()
    main = _ntm_resolution(
        commune,
        seq,
        y.number(),
        issued,
        grounds(issued),
        _works(money, rng.randint(15, 29), year, villages),
        year=year,
    )
    y.ntm.append(main)
    for _ in range(rng.choices((0, 1, 2), weights=(15, 45, 40))[0]):
        issued = _day(rng, year, (10, 1), (12, 15))
        seq, _ = y.next_id()
        extra = _ntm_resolution(
            commune,
            seq,
            y.number(),
            issued,
            grounds(issued),
            _works(money, rng.randint(6, 18), year, villages),
            year=year,
        )
        extra.title = (
            "Nghị quyết điều chỉnh, bổ sung danh mục công trình, dự án thực hiện Chương trình "
            f"mục tiêu quốc gia xây dựng nông thôn mới năm {year} xã {commune.name}"
        )
        y.ntm.append(extra)
    if rng.random() < 0.85:
        _plan_resolution(y, f"xã {commune.name}")

    if pattern is not None:
        _apply_commune_pattern(y, main, commune, pattern, grounds)


def _plan_resolution(y: _Year, name: str) -> None:
    seq, resolution_id = y.next_id()
    y.other.append(
        Resolution(
            resolution_id=resolution_id,
            unit_code=y.unit["code"],
            year=y.year,
            number=y.number(),
            issue_date=_day(y.money.rng, y.year, (12, 16), (12, 28)),
            session=f"Kỳ họp thứ {10 + seq}",
            title=f"Nghị quyết về kế hoạch đầu tư công năm {y.year + 1} của {name}",
            kind="plan",
            submission_ref=f"{40 + seq}/TTr-UBND",
            basis=[GROUND_LOCAL_GOV, GROUND_LOCAL_GOV_2019, GROUND_BUDGET_LAW]
            + [GROUND_INVESTMENT_LAW],
            source="demo",
        )
    )


def _apply_commune_pattern(
    y: _Year,
    main: Resolution,
    commune: Commune,
    pattern: str,
    grounds: Callable[..., list[str]],
) -> None:
    """Give one commune-year the gaps of one city-demo commune (see COMMUNE_PATTERNS)."""
    money, year, issued = y.money, y.year, main.issue_date
    period = str(year)
    if pattern == "hai_son":
        main.basis = [
            g.replace("ngày 13 tháng 6 năm 2019", "ngày 13/6/2020")
            for g in grounds(issued, omit=("de_an",))
        ]
        main.projects.append(
            _work(
                money,
                "Điểm tập kết rác thải sinh hoạt",
                None,
                sources=("NS_HUYEN", "NS_XA"),
                period=period,
            )
        )
    elif pattern == "bac_son":
        plan = _day(money.rng, year, (1, 10), (3, 31))
        main.basis = grounds(
            issued,
            omit=("quy_hoach",),
            extra=(
                f"Căn cứ Kế hoạch số {money.rng.randint(20, 99)}/KH-UBND ngày {_vn(plan)} của "
                f"Ủy ban nhân dân xã {commune.name};",
            ),
        )
        main.projects[-1].capital = []
    elif pattern == "hai_dong":
        main.basis = grounds(issued, omit=("quy_che", "budget_law")) + [
            "Căn cứ Luật Ngân sách nhà nước ngày 16/12/2003;",
            "Căn cứ Nghị định số 73/2003/NĐ-CP ngày 23/6/2003 của Chính phủ ban hành Quy chế "
            "xem xét, quyết định dự toán và phân bổ ngân sách địa phương;",
        ]
        integrated = _work(
            money,
            "Hệ thống nước sạch tập trung liên thôn",
            17,
            sources=("NS_TINH", "LONG_GHEP", "NS_XA"),
            period=period,
        )
        for line in integrated.capital:
            if line.source_code == "LONG_GHEP":
                line.programme_share = None
        main.projects.append(integrated)
    elif pattern == "hai_tien":
        main.basis = grounds(issued, omit=("luat_dtc",))
        main.projects[0].capital[-1].amount += 120 * MILLION
        main.projects.append(
            _work(
                money,
                f"Nhà lớp học trường tiểu học xã {commune.name}",
                5,
                low=6100,
                high=6900,
                small=True,
                period=period,
            )
        )
        # Listed as group C above the 60-billion ceiling of its field (Luật 39/2019).
        main.projects.append(
            _work(
                money,
                f"Hồ chứa nước liên xã {commune.name}",
                3,
                low=61000,
                high=68000,
                period=period,
            )
        )
    elif pattern == "quang_nghia":
        main.number = main.number.replace("/NQ-HĐND", "/NQ-HĐ")
        main.projects = []
        if year == 2024:
            # Cited after its promulgation, before it took effect: a warning, not an error.
            main.issue_date = date(2024, 12, 10)
        main.basis = grounds(
            issued, extra=("Căn cứ Luật Đầu tư công số 58/2024/QH15 ngày 29/11/2024;",)
        )
    elif pattern == "van_ninh":
        main.projects[0].policy_decision_ref = None
        main.projects[0].policy_delegated = False
        unstated = _work(
            money,
            f"Nhà văn hoá xã {commune.name}",
            6,
            sources=("NS_HUYEN", "NS_XA", "CONG_DONG"),
            period=period,
        )
        unstated.capital[-1].amount = None
        main.projects.append(unstated)
        y.surplus_resolution.number = main.number
    elif pattern == "vinh_trung":
        y.ntm = []
    elif pattern == "vinh_thuc":
        clinic = _work(
            money,
            "Trạm y tế xã (cải tạo)",
            15,
            sources=("NSTW", "NS_TINH", "NS_XA"),
            period=period,
        )
        if y.surplus is not None:
            # Its commune-budget share is the surplus, more of it than there is.
            commune_line = clinic.capital[-1]
            extra = y.surplus.available + MILLION - commune_line.amount
            commune_line.amount += extra
            commune_line.revenue_kind = "ket_du"
            clinic.total_investment += extra
        main.projects.append(clinic)
        # As in the city demo: a "Cộng" row 100 million above the works it sums.
        listed = sum(p.total_investment or 0 for p in main.projects)
        main.stated_totals.append(
            StatedTotal("Cộng", "Công trình!I9", "Tổng mức đầu tư", listed + 100_000_000, listed)
        )
    else:
        raise ValueError(f"unknown pattern {pattern!r}")


def _ward_year(y: _Year, pattern: str | None) -> None:
    money, rng, year, unit = y.money, y.money.rng, y.year, y.unit
    label = "thị trấn" if unit["kind"] == "thi_tran" else "phường"
    issued = _day(rng, year, (7, 15), (8, 20))
    seq, _ = y.next_id()
    y.surplus_resolution = _surplus_resolution(
        unit["code"], f"{label} {unit['name']}", seq, y.number(), issued, year
    )
    y.surplus = _surplus(
        money,
        unit["code"],
        y.surplus_resolution.resolution_id,
        settlement=None if pattern == "tra_co" else _day(rng, year, (6, 20), (7, 10)),
        bad_investment_line="no_amount" if pattern == "hai_hoa" else None,
        investment_project="Chỉnh trang vỉa hè khu phố",
        year=year,
    )
    _expand_surplus(money, y.surplus, [f"Chỉnh trang vỉa hè khu phố {k}" for k in range(1, 9)])
    if rng.random() < 0.65:
        _plan_resolution(y, f"{label} {unit['name']}")
