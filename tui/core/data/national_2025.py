"""The province and national demos after 01/07/2025: the new units in 2025 and 2026.

DEMO DATA, like tui/core/data/national.py: the units are the statistics office's 3,321 wards,
communes and special zones of 01/07/2025 (data/units_2025.csv); their resolutions are
invented and the same for a given seed. Their predecessors' 2022–2024 data are the
national demo's old units, reached through the official mapping (unit_link).

A new unit reviews its own resolutions (two-level government), so its 2025 resolutions
are dated from 01/07/2025 and cite the 2025 Local Government Law; its 2026 ones follow
the law of 2026 as the city demo's six Móng Cái units do (tui/core/data/demo_2026.py,
add_2026).
Failing unit-years carry one failure pattern, named after the city-demo unit of 2026
that shows it, so the rules that start in 2025 and 2026 fire and pass somewhere. Xã
Vĩnh Thực (06757), the city demo's 2026 model commune, stays clean.
"""

from __future__ import annotations

import random

from .dataset import CapitalLine, Dataset, Project, Resolution, Surplus
from .demo_2026 import GROUNDS_2026, GROUNDS_SURPLUS_2026
from .demo_builders import (
    GROUND_BUDGET_LAW,
    GROUND_LOCAL_GOV,
    GROUND_ND27,
    GROUND_ND38,
    GROUND_ND163,
    GROUND_NQ25,
    GROUND_QD263,
    GROUND_QD318,
    GROUND_QUY_CHE,
    GROUND_TT344,
    MILLION,
    _Money,
    _surplus,
)
from .national_builders import _day, _expand_surplus, _lower_first, _vn
from .national_patterns import _Cycle

NEW_YEARS = (2025, 2026)
MODEL_UNIT_NEW = "06757"  # xã Vĩnh Thực from 01/07/2025, the city demo's 2026 model
QUANG_NINH = "22"

# Share of new-unit-years that carry one failure pattern. Higher than the old units'
# (15 %, 8 %): Quảng Ninh has only 54 new units, and each pattern must show there.
COMMUNE_FAILURE_RATE = 0.3
WARD_FAILURE_RATE = 0.15
# The failure patterns of the new units, by year.
COMMUNE_PATTERNS_2025 = (
    "ns_huyen",  # a district-budget line after the districts were abolished
    "old_local_gov",  # cites the 2015 Local Government Law after it ended (30/06/2025)
    "vinh_trung",  # no NTM resolution in the year
)
COMMUNE_PATTERNS_2026 = (
    "hai_son",  # 06724 in 2026: district budget, Decree 163 in transition, revenue overrun,
    #             a work with community money only, the 2015 Local Government Law
    "hai_ninh",  # 06733 in 2026: QĐ 318 after it ended, a criterion of the old set, no
    #              commune group, group C over 90 bn, a late settlement, kết dư overspent
    "vinh_trung",
)
WARD_PATTERNS_2026 = (
    "mong_cai_2",  # 06709 in 2026: Circular 344/2016 cited after Circular 26/2026 replaced it
    "late_settlement",  # the 2025 settlement approved after 31/03/2026
)

GROUND_LOCAL_GOV_2025 = GROUNDS_2026["local_gov"]
GROUND_INVESTMENT_LAW_2024 = GROUNDS_2026["luat_dtc"]

# Works of a new commune: (name template, criterion of QĐ 318 (2025), of QĐ 51 (2026)).
WORK_KINDS_NEW: tuple[tuple[str, int, int], ...] = (
    ("Đường giao thông thôn {v}", 2, 2),
    ("Nâng cấp đường liên thôn {v} - thôn {w}", 2, 2),
    ("Kênh mương nội đồng thôn {v}", 3, 2),
    ("Nhà lớp học trường mầm non điểm thôn {v}", 5, 5),
    ("Nhà văn hoá thôn {v}", 6, 5),
    ("Chợ nông thôn thôn {v}", 7, 3),
    ("Mô hình sản xuất nông nghiệp thôn {v}", 13, 3),
    ("Cải tạo trạm y tế xã, hạng mục {v}", 15, 5),
    ("Điểm tập kết rác thải thôn {v}", 17, 8),
    ("Hệ thống camera an ninh thôn {v}", 19, 10),
)
# Source combinations of a new unit: no district budget (there is no district any more).
SOURCES_NEW: tuple[tuple[str, ...], ...] = (
    ("NSTW", "NS_TINH", "NS_XA"),
    ("NS_TINH", "NS_XA", "CONG_DONG"),
    ("NSTW", "NS_TINH", "NS_XA", "CONG_DONG"),
    ("NS_TINH", "NS_XA"),
    ("NSTW", "NS_XA", "DOANH_NGHIEP"),
)
_KIND_WORD = {"xa": "xã", "phuong": "phường", "dac_khu": "đặc khu", "thi_tran": "thị trấn"}


class NewUnitGenerator:
    """Datasets of the units of 01/07/2025, one per unit; deterministic for the seed."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.communes_2025 = _Cycle(COMMUNE_PATTERNS_2025)
        self.communes_2026 = _Cycle(COMMUNE_PATTERNS_2026)
        self.wards_2026 = _Cycle(WARD_PATTERNS_2026)
        self._quy_che: dict[str, tuple[str, str]] = {}

    # -- the province's own grounds ------------------------------------------------

    def quy_che(self, unit: dict) -> tuple[str, str]:
        """The province's integration mechanism: (2022 text cited in 2025, 2025 text)."""
        code = unit["province_code"]
        if code not in self._quy_che:
            rng = random.Random(f"{self.seed}:province-2025:{code}")
            if code == QUANG_NINH:
                self._quy_che[code] = (GROUND_QUY_CHE, GROUNDS_2026["quy_che"])
            else:
                province = _lower_first(unit["province_name"])
                old = _day(rng, 2022, (1, 10), (6, 30))
                new = _day(rng, 2025, (11, 20), (12, 20))
                self._quy_che[code] = (
                    f"Căn cứ Nghị quyết số {rng.randint(10, 99)}/2022/NQ-HĐND ngày {_vn(old)} "
                    f"của Hội đồng nhân dân {province} quy định cơ chế lồng ghép nguồn vốn và huy "
                    "động nguồn lực thực hiện các chương trình mục tiêu quốc gia;",
                    f"Căn cứ Nghị quyết số {rng.randint(10, 99)}/2025/NQ-HĐND ngày {_vn(new)} "
                    f"của Hội đồng nhân dân {province} quy định cơ chế lồng ghép nguồn vốn và huy "
                    "động nguồn lực thực hiện các chương trình mục tiêu quốc gia giai đoạn 2026 - "
                    "2030;",
                )
        return self._quy_che[code]

    def grounds_2025(self, unit: dict, place: str, de_an_no: int) -> list[str]:
        """A complete NTM resolution of the second half of 2025 (QĐ 318 still applies)."""
        province = _lower_first(unit["province_name"])
        return [
            GROUND_LOCAL_GOV_2025,
            GROUND_BUDGET_LAW,
            GROUND_INVESTMENT_LAW_2024,
            GROUND_NQ25,
            GROUND_QD263,
            GROUND_QD318,
            GROUND_ND27,
            GROUND_ND38,
            self.quy_che(unit)[0],
            f"Căn cứ Quyết định số {de_an_no}/QĐ-UBND ngày 15/07/2025 của Ủy ban nhân dân "
            f"{place} phê duyệt Đề án xây dựng nông thôn mới {place} giai đoạn 2025 - 2030;",
            f"Căn cứ Quyết định số {de_an_no + 1000}/QĐ-UBND ngày 20/06/2025 của Ủy ban nhân dân "
            f"{province} phê duyệt đồ án Quy hoạch chung xây dựng {place} đến năm 2035;",
        ]

    def grounds_2026(
        self, unit: dict, de_an_no: int, omit: tuple[str, ...] = (), extra: tuple[str, ...] = ()
    ) -> list[str]:
        """A complete 2026 NTM resolution (REGIME-2026.md §3), minus the keys in `omit`."""
        kind = _KIND_WORD[unit["kind"]]
        province = _lower_first(unit["province_name"])
        if unit["province_code"] == QUANG_NINH:
            province = "tỉnh Quảng Ninh"  # the name the city demo's 2026 grounds use
        texts = dict(GROUNDS_2026)
        texts["quy_che"] = self.quy_che(unit)[1]
        texts["de_an"] = texts["de_an"].format(de_an_no=de_an_no, kind=kind, commune=unit["name"])
        texts["quy_hoach"] = (
            f"Căn cứ Quyết định số {de_an_no + 1000}/QĐ-UBND ngày 20/11/2025 của Ủy ban nhân dân "
            f"{province} phê duyệt Quy hoạch chung {kind} {unit['name']} đến năm 2035;"
        )
        return [text for key, text in texts.items() if key not in omit] + list(extra)

    # -- one unit --------------------------------------------------------------------

    def dataset(self, unit: dict) -> Dataset:
        """Every resolution and surplus of one new unit over NEW_YEARS."""
        code = unit["code"]
        money = _Money(f"{self.seed}:{code}:2025")
        rng = money.rng
        place = f"{_KIND_WORD[unit['kind']]} {unit['name']}"
        de_an_no = rng.randint(100, 899)
        villages = 10 + int(code) % 12
        data = Dataset()
        commune = unit["kind"] == "xa"
        for year in NEW_YEARS:
            numbers = iter(range(rng.randint(3, 20), 200))
            seq = iter(range(1, 100))

            def new_id(year: int = year, seq=seq) -> str:
                return f"NQ-{code}-{year}N-{next(seq):02d}"

            def number(numbers=numbers) -> str:
                return f"{next(numbers):02d}/NQ-HĐND"

            if commune:
                failing = code != MODEL_UNIT_NEW and rng.random() < COMMUNE_FAILURE_RATE
                cycle = self.communes_2025 if year == 2025 else self.communes_2026
                pattern = cycle.next() if failing else None
            else:
                failing = rng.random() < WARD_FAILURE_RATE
                pattern = self.wards_2026.next() if failing and year == 2026 else None
            if year == 2025:
                if commune and pattern != "vinh_trung":
                    data.resolutions.append(
                        self._ntm_2025(unit, money, place, de_an_no, villages, new_id(), number())
                    )
                    if pattern is not None:
                        _apply_2025(data.resolutions[-1], money, pattern)
                data.resolutions.append(self._plan_2025(unit, money, place, new_id(), number()))
            else:
                if commune and pattern != "vinh_trung":
                    data.resolutions.append(
                        self._ntm_2026(unit, money, place, de_an_no, villages, new_id(), number())
                    )
                surplus_resolution, surplus = self._surplus_2026(
                    unit, money, place, new_id(), number()
                )
                data.resolutions.append(surplus_resolution)
                data.surpluses.append(surplus)
                if pattern in ("hai_son", "hai_ninh"):
                    ntm = data.resolutions[-2]
                    self._apply_2026(
                        unit, money, de_an_no, ntm, surplus_resolution, surplus, pattern
                    )
                elif pattern == "mong_cai_2":
                    surplus_resolution.issue_date = _day(rng, 2026, (4, 2), (4, 20))
                    surplus_resolution.basis = [*GROUNDS_SURPLUS_2026, GROUND_TT344]
                elif pattern == "late_settlement":
                    surplus.settlement_date = _day(rng, 2026, (4, 2), (4, 15))
                    surplus_resolution.issue_date = _day(rng, 2026, (4, 20), (4, 30))
        return data

    def _works(
        self, money: _Money, count: int, year: int, villages: int, period: str
    ) -> list[Project]:
        rng = money.rng
        works, names = [], set()
        for i in range(count):
            template, old_criterion, new_criterion = rng.choice(WORK_KINDS_NEW)
            v = rng.randint(1, villages)
            name = template.format(v=v, w=v % villages + 1)
            if name in names:
                name = f"{name} (hạng mục {i + 1})"
            names.add(name)
            sources = rng.choice(SOURCES_NEW)
            total = money.millions(300, 3500)
            shares = [rng.randint(2, 9) for _ in sources]
            amounts = [total * s // sum(shares) // MILLION * MILLION for s in shares]
            amounts[0] += total - sum(amounts)
            works.append(
                Project(
                    name=name,
                    total_investment=total,
                    criterion_code=old_criterion if year == 2025 else new_criterion,
                    location=f"Thôn {v}",
                    period=period,
                    group_code="C",
                    sector="giao_thong_nang_luong" if old_criterion == 2 else "nong_nghiep_ha_tang",
                    capital=[CapitalLine(c, a) for c, a in zip(sources, amounts, strict=True)],
                    commune_group=rng.randint(1, 3) if year >= 2026 else None,
                )
            )
        return works

    def _ntm_2025(
        self,
        unit: dict,
        money: _Money,
        place: str,
        de_an_no: int,
        villages: int,
        resolution_id: str,
        number: str,
    ) -> Resolution:
        rng = money.rng
        return Resolution(
            resolution_id=resolution_id,
            unit_code=unit["code"],
            year=2025,
            number=number,
            issue_date=_day(rng, 2025, (8, 1), (10, 31)),
            session="Kỳ họp thứ 2",
            title="Nghị quyết về danh mục và mức vốn các công trình thực hiện Chương trình mục tiêu "
            f"quốc gia xây dựng nông thôn mới năm 2025 {place}",
            kind="ntm",
            submission_ref=f"{rng.randint(10, 60)}/TTr-UBND",
            basis=self.grounds_2025(unit, place, de_an_no),
            projects=self._works(money, rng.randint(8, 16), 2025, villages, "2025"),
            source="demo",
        )

    def _plan_2025(
        self, unit: dict, money: _Money, place: str, resolution_id: str, number: str
    ) -> Resolution:
        rng = money.rng
        return Resolution(
            resolution_id=resolution_id,
            unit_code=unit["code"],
            year=2025,
            number=number,
            issue_date=_day(rng, 2025, (12, 16), (12, 28)),
            session="Kỳ họp thứ 4",
            title=f"Nghị quyết về kế hoạch đầu tư công năm 2026 của {place}",
            kind="plan",
            submission_ref=f"{rng.randint(61, 99)}/TTr-UBND",
            basis=[GROUND_LOCAL_GOV_2025, GROUND_BUDGET_LAW, GROUND_INVESTMENT_LAW_2024],
            source="demo",
        )

    def _ntm_2026(
        self,
        unit: dict,
        money: _Money,
        place: str,
        de_an_no: int,
        villages: int,
        resolution_id: str,
        number: str,
    ) -> Resolution:
        rng = money.rng
        return Resolution(
            resolution_id=resolution_id,
            unit_code=unit["code"],
            year=2026,
            number=number,
            issue_date=_day(rng, 2026, (3, 10), (4, 30)),
            session="Kỳ họp thứ 5",
            title="Nghị quyết về danh mục và mức vốn các công trình thực hiện Chương trình mục tiêu "
            f"quốc gia xây dựng nông thôn mới năm 2026 {place}",
            kind="ntm",
            submission_ref=f"{rng.randint(10, 60)}/TTr-UBND",
            basis=self.grounds_2026(unit, de_an_no),
            projects=self._works(money, rng.randint(8, 16), 2026, villages, "2026 - 2027"),
            source="demo",
        )

    def _surplus_2026(
        self, unit: dict, money: _Money, place: str, resolution_id: str, number: str
    ) -> tuple[Resolution, Surplus]:
        """The 2025 surplus allocated in 2026, after the settlement approved before 31/03."""
        rng = money.rng
        settlement = _day(rng, 2026, (3, 1), (3, 25))
        resolution = Resolution(
            resolution_id=resolution_id,
            unit_code=unit["code"],
            year=2026,
            number=number,
            issue_date=_day(rng, 2026, (3, 26), (4, 20)),
            session="Kỳ họp thứ 5",
            title=f"Nghị quyết phân bổ kết dư ngân sách năm 2025 của {place}",
            kind="surplus",
            submission_ref=f"{rng.randint(61, 99)}/TTr-UBND",
            basis=list(GROUNDS_SURPLUS_2026),
            source="demo",
        )
        surplus = _surplus(
            money,
            unit["code"],
            resolution_id,
            settlement=settlement,
            investment_project="Nâng cấp đường liên thôn",
            year=2026,
        )
        _expand_surplus(money, surplus, [f"Nâng cấp đường liên thôn {k}" for k in range(1, 9)])
        return resolution, surplus

    def _apply_2026(
        self,
        unit: dict,
        money: _Money,
        de_an_no: int,
        ntm: Resolution,
        surplus_resolution: Resolution,
        surplus: Surplus,
        pattern: str,
    ) -> None:
        """The city demo's 2026 gaps of xã Hải Sơn or xã Hải Ninh on one unit-year."""
        rng = money.rng
        if pattern == "hai_son":
            # January 2026, QĐ 318 still applies: its criteria, no commune group.
            ntm.issue_date = _day(rng, 2026, (1, 10), (1, 31))
            ntm.basis = self.grounds_2026(unit, de_an_no, omit=("local_gov", "qd51", "qd417")) + [
                GROUND_LOCAL_GOV,
                GROUND_QD318,
                GROUND_ND163,
            ]
            for work in ntm.projects:
                work.commune_group = None
                work.criterion_code = 2
            ntm.projects[0].capital.append(CapitalLine("NS_HUYEN", money.millions(200, 600)))
            ntm.projects[0].total_investment += ntm.projects[0].capital[-1].amount
            ntm.projects.append(
                Project(
                    name="Rãnh thoát nước thôn 1",
                    total_investment=315 * MILLION,
                    criterion_code=3,
                    period="2026 - 2027",
                    small_mechanism=True,
                    capital=[
                        CapitalLine("NS_XA", 270 * MILLION, revenue_kind="ket_du"),
                        CapitalLine("NS_XA", 45 * MILLION, revenue_kind="tang_thu"),
                    ],
                )
            )
            ntm.projects.append(
                Project(
                    name="Sân thể thao thôn 2",
                    total_investment=150 * MILLION,
                    criterion_code=16,
                    period="2026 - 2027",
                    capital=[CapitalLine("CONG_DONG", 150 * MILLION)],
                )
            )
        else:  # hai_ninh
            ntm.basis = [*ntm.basis, GROUND_QD318]
            ntm.projects[0].criterion_code = 16  # a criterion QĐ 51/2025 does not have
            ntm.projects.append(
                Project(
                    name=f"Trường trung học cơ sở liên xã {unit['name']}",
                    total_investment=95_000 * MILLION,
                    criterion_code=5,
                    period="2026 - 2027",
                    sector="xa_hoi",
                    capital=[
                        CapitalLine("NSTW", 60_000 * MILLION),
                        CapitalLine("NS_TINH", 34_000 * MILLION),
                        CapitalLine("NS_XA", 1_000 * MILLION),
                    ],
                )
            )
            ntm.projects.append(
                Project(
                    name="Kè bờ kênh nội đồng",
                    total_investment=surplus.available + 1_600 * MILLION,
                    criterion_code=2,
                    commune_group=2,
                    period="2026 - 2027",
                    capital=[
                        CapitalLine("NS_TINH", 600 * MILLION),
                        # More kết dư than the 2025 surplus holds.
                        CapitalLine(
                            "NS_XA", surplus.available + 1_000 * MILLION, revenue_kind="ket_du"
                        ),
                    ],
                )
            )
            # The surplus allocated before the late settlement that produced it.
            surplus.settlement_date = _day(rng, 2026, (4, 6), (4, 15))
            surplus_resolution.issue_date = ntm.issue_date = _day(rng, 2026, (3, 10), (3, 31))


def _apply_2025(ntm: Resolution, money: _Money, pattern: str) -> None:
    if pattern == "ns_huyen":
        work = ntm.projects[0]
        line = CapitalLine("NS_HUYEN", money.millions(100, 400))
        work.capital.append(line)
        work.total_investment += line.amount
    elif pattern == "old_local_gov":
        ntm.basis = [GROUND_LOCAL_GOV, *ntm.basis[1:]]
    else:
        raise ValueError(f"unknown pattern {pattern!r}")
