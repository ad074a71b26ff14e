"""Province- and national-scale demo data: the real pre-2025 units, invented resolutions.

DEMO DATA. The units are real: the 10,035 wards, communes and towns, with their codes,
that existed before the 2025 reorganisation (data/units_national.csv, taken from the
`vietnamadminunits` package, MIT licence; see data/units_national.NOTICE). Everything
else (resolutions, works, amounts) is invented, and the same for a given seed.

The data have the city demo's gaps (tui/core/data/demo.py), built with the demo's own
builders: most unit-years are clean, and a failing one carries one of the demo's failure
patterns, named after the Móng Cái commune that shows it in the city demo. Patterns are
taken in turn, so every rule fires as soon as there are a dozen failing unit-years; which
unit-years fail is drawn from the seed. Hải Xuân (06745), the demo's model commune, is
clean in every year.

Sizes at national scale (seed 2023): about 105k resolutions, 830k works, 3.2M capital
lines and 190k surplus lines over 2022-2024, like the issue's anchors. Generation is
streamed: one Dataset per unit, staged to CSV and dropped, so memory stays flat.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ..paths import DATA_DIR
from ..progress import BuildProgress
from .build import BuildReport, build
from .dataset import (
    UNIT_COLUMNS,
    Dataset,
    Project,
    Resolution,
    StatedTotal,
    Surplus,
    SurplusLine,
    iter_csv,
)
from .demo import DEMO_NOTICE_EN, DEMO_NOTICE_VI, MODEL_UNIT
from .demo_builders import (
    GROUND_BUDGET_LAW,
    GROUND_DE_AN,
    GROUND_INVESTMENT_LAW,
    GROUND_LOCAL_GOV,
    GROUND_LOCAL_GOV_2019,
    GROUND_QUY_CHE,
    MILLION,
    Commune,
    _Money,
    _ntm_resolution,
    _surplus,
    _surplus_resolution,
    _work,
    ntm_grounds,
)

SCALES = ("province", "national")
UNITS_CSV = DATA_DIR / "units_national.csv"
PROVINCE_CODE = "22"  # Quảng Ninh, the demo city's province
MONG_CAI_DISTRICT = "194"
# The old units' years; the units of 01/07/2025 add 2025 and 2026 (national_2025.py).
OLD_YEARS = (2022, 2023, 2024)
REVIEW_YEARS = (*OLD_YEARS, 2025, 2026)
UNITS_2025_CSV = DATA_DIR / "units_2025.csv"
ND38_IN_FORCE = date(2023, 6, 24)  # cited before this date it is a finding

# Share of unit-years that carry one failure pattern; the rest are clean.
COMMUNE_FAILURE_RATE = 0.15
WARD_FAILURE_RATE = 0.08
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

KINDS = {"xã": "xa", "phường": "phuong", "thị trấn": "thi_tran"}

# Works a commune lists: (name template, NTM criterion). {v}, {w}: villages.
WORK_KINDS: tuple[tuple[str, int], ...] = (
    ("Đường giao thông nông thôn thôn {v}", 2),
    ("Nâng cấp đường trục xã đoạn thôn {v} - thôn {w}", 2),
    ("Đường giao thông nội đồng thôn {v}", 2),
    ("Cầu dân sinh thôn {v}", 2),
    ("Rãnh thoát nước đường liên thôn {v} - thôn {w}", 2),
    ("Kênh mương nội đồng thôn {v}", 3),
    ("Kè chống sạt lở thôn {v}", 3),
    ("Trạm bơm tưới thôn {v}", 3),
    ("Lưới điện hạ thế thôn {v}", 4),
    ("Nhà lớp học trường mầm non điểm thôn {v}", 5),
    ("Nhà lớp học trường tiểu học điểm thôn {v}", 5),
    ("Nhà văn hoá thôn {v}", 6),
    ("Sân thể thao thôn {v}", 6),
    ("Chợ nông thôn thôn {v}", 7),
    ("Điểm truy cập Internet công cộng thôn {v}", 8),
    ("Mô hình sản xuất nông nghiệp thôn {v}", 13),
    ("Cải tạo trạm y tế xã, hạng mục {v}", 15),
    ("Nhà văn hoá đa năng xã, hạng mục {v}", 16),
    ("Hệ thống nước sạch tập trung thôn {v}", 17),
    ("Điểm tập kết rác thải thôn {v}", 17),
    ("Cải tạo nghĩa trang nhân dân thôn {v}", 17),
    ("Hệ thống camera an ninh thôn {v}", 19),
)
# Capital sources and how often a work draws on each (catalogue order kept).
SOURCE_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("NSTW", 4),
    ("NS_TINH", 4),
    ("NS_HUYEN", 4),
    ("NS_XA", 6),
    ("LONG_GHEP", 1),
    ("TIN_DUNG", 1),
    ("DOANH_NGHIEP", 2),
    ("CONG_DONG", 4),
    ("ODA", 1),
    ("KHAC", 1),
)
SOURCE_ORDER = {code: i for i, (code, _) in enumerate(SOURCE_WEIGHTS)}
RECURRENT_ITEMS = (
    ("Sửa chữa trường mầm non", "giao_duc"),
    ("Sửa chữa trạm y tế", "y_te"),
    ("Mua sắm trang thiết bị trụ sở", "quan_ly_nha_nuoc"),
    ("Duy tu đường giao thông", "su_nghiep_kinh_te"),
    ("Hỗ trợ hoạt động văn hoá, thể thao", "van_hoa"),
)


# -- units ---------------------------------------------------------------------------


def _short_name(full: str, kind_label: str) -> str:
    """ "Xã Hải Xuân" -> "Hải Xuân"; numbered wards keep their kind ("Phường 5")."""
    prefix = kind_label + " "
    if full.lower().startswith(prefix.lower()):
        short = full[len(prefix) :].strip()
        if short and not short.isdigit():
            return short
    return full


def units_from_package() -> list[dict]:
    """The pre-2025 units with codes, read from the optional `vietnamadminunits` package.

    Only needed to refresh data/units_national.csv (`write_units_csv`); building the
    province and national demos reads that CSV and does not need the package.
    """
    from vietnamadminunits.database import get_data  # optional: pip install .[national]

    rows = get_data(
        fields=["provinceCode", "province", "districtCode", "district", "wardCode", "ward"]
        + ["wardType"],
        table="admin_units_legacy",
    )
    units = []
    for row in rows:
        if not row["wardCode"]:
            continue  # island districts without wards
        kind_label = row["wardType"] or row["ward"].split(" ")[0]
        units.append(
            {
                "code": row["wardCode"],
                "name": _short_name(row["ward"], kind_label),
                "kind": KINDS[kind_label.lower()],
                "parent_code": row["districtCode"],
                "parent_name": row["district"],
                "province_code": row["provinceCode"],
                "province_name": row["province"],
                "valid_from": "",
                "valid_to": "2025-06-30",
            }
        )
    units.sort(key=lambda u: u["code"])
    return units


def write_units_csv(path: Path = UNITS_CSV) -> int:
    """Refresh data/units_national.csv from the package; return the number of units."""
    import csv

    units = units_from_package()
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=UNIT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(units)
    return len(units)


def national_units(scale: str, province: str = PROVINCE_CODE) -> list[dict]:
    """The pre-2025 units of a scale: all of them (national) or one province's (province)."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}")
    units = list(iter_csv(UNITS_CSV))
    if scale == "province":
        units = [u for u in units if u["province_code"] == province]
    return units


def new_units(scale: str, province: str = PROVINCE_CODE) -> list[dict]:
    """The units of 01/07/2025 of a scale (Quảng Ninh keeps its code, 22, in both eras)."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}")
    units = list(iter_csv(UNITS_2025_CSV))
    if scale == "province":
        units = [u for u in units if u["province_code"] == province]
    return units


def scale_units(scale: str) -> list[dict]:
    """Every unit period a scale demo holds: the old units, then the new ones."""
    return national_units(scale) + new_units(scale)


# -- places: the local grounds each province and district cites -----------------------


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _day(rng: random.Random, year: int, start: tuple[int, int], end: tuple[int, int]) -> date:
    first, last = date(year, *start), date(year, *end)
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _vn(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


class _Places:
    """Each province's quy chế and each district's đề án, drawn once from the seed.

    Quảng Ninh cites its real 06/2022/NQ-HĐND and Móng Cái its real đề án (the city
    demo's texts); other places cite invented numbers that the registry does not hold,
    which the recogniser files under the right category by keyword.
    """

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._quy_che: dict[str, str] = {}
        self._de_an: dict[str, str] = {}

    def quy_che(self, unit: dict) -> str:
        code = unit["province_code"]
        if code not in self._quy_che:
            if code == PROVINCE_CODE:
                text = GROUND_QUY_CHE
            else:
                rng = random.Random(f"{self.seed}:province:{code}")
                issued = _day(rng, 2022, (1, 10), (6, 30))
                text = (
                    f"Căn cứ Nghị quyết số {rng.randint(10, 99)}/2022/NQ-HĐND ngày {_vn(issued)} "
                    f"của Hội đồng nhân dân {_lower_first(unit['province_name'])} quy định cơ chế "
                    "lồng ghép nguồn vốn và huy động nguồn lực thực hiện các chương trình mục tiêu "
                    "quốc gia;"
                )
            self._quy_che[code] = text
        return self._quy_che[code]

    def de_an(self, unit: dict) -> str:
        code = unit["parent_code"]
        if code not in self._de_an:
            if code == MONG_CAI_DISTRICT:
                text = GROUND_DE_AN
            else:
                rng = random.Random(f"{self.seed}:district:{code}")
                district = _lower_first(unit["parent_name"])
                issued = _day(rng, 2021, (6, 1), (12, 20))
                text = (
                    f"Căn cứ Quyết định số {rng.randint(1600, 3999)}/QĐ-UBND ngày {_vn(issued)} "
                    f"của Ủy ban nhân dân {district} phê duyệt Đề án xây dựng nông thôn mới nâng "
                    f"cao, nông thôn mới kiểu mẫu {district} giai đoạn 2021 - 2025;"
                )
            self._de_an[code] = text
        return self._de_an[code]

    def grounds(self, unit: dict, commune: Commune) -> dict[str, str] | None:
        """Replacements for ntm_grounds(); None keeps the city demo's (Móng Cái) texts."""
        if unit["parent_code"] == MONG_CAI_DISTRICT:
            return None
        return {
            "quy_che": self.quy_che(unit),
            "de_an": self.de_an(unit),
            "quy_hoach": (
                f"Căn cứ Quyết định số {commune.plan_no}/QĐ-UBND ngày {commune.plan_date} của "
                f"Ủy ban nhân dân {_lower_first(unit['parent_name'])} phê duyệt đồ án Quy hoạch "
                f"chung xây dựng xã {commune.name} đến năm 2030;"
            ),
        }


class _Cycle:
    """Failure patterns taken in turn, so that each appears as soon as there are enough."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = names
        self.taken = 0

    def next(self) -> str:
        name = self.names[self.taken % len(self.names)]
        self.taken += 1
        return name


# -- one unit ------------------------------------------------------------------------


@dataclass
class _Year:
    """A unit's resolutions in one year, before a failure pattern touches them."""

    unit: dict
    year: int
    money: _Money
    numbers: Iterator[int]
    ntm: list[Resolution] = field(default_factory=list)
    other: list[Resolution] = field(default_factory=list)
    surplus_resolution: Resolution | None = None
    surplus: Surplus | None = None
    seq: int = 0

    def next_id(self) -> tuple[int, str]:
        self.seq += 1
        return self.seq, f"NQ-{self.unit['code']}-{self.year}-{self.seq:02d}"

    def number(self) -> str:
        return f"{next(self.numbers):02d}/NQ-HĐND"

    def resolutions(self) -> list[Resolution]:
        found = [*self.ntm]
        if self.surplus_resolution is not None:
            found.append(self.surplus_resolution)
        return found + self.other


def _source_menu(size: int = 256) -> tuple[tuple[str, ...], ...]:
    """Source combinations drawn once (3 to 5 sources, weighted, catalogue order).

    A work picks one of them with a single random call: drawing each source with
    weights took a third of a national build's generation time.
    """
    rng = random.Random("ntm-review source menu")
    menu = []
    for _ in range(size):
        count = rng.choices((3, 4, 5), weights=(35, 45, 20))[0]
        pool = list(SOURCE_WEIGHTS)
        chosen = []
        for _ in range(count):
            code = rng.choices([c for c, _ in pool], weights=[w for _, w in pool])[0]
            chosen.append(code)
            pool = [(c, w) for c, w in pool if c != code]
        menu.append(tuple(sorted(chosen, key=SOURCE_ORDER.__getitem__)))
    return tuple(menu)


SOURCE_MENU = _source_menu()


def _works(money: _Money, count: int, year: int, villages: int) -> list[Project]:
    rng = money.rng
    works, names = [], set()
    for i in range(count):
        template, criterion = rng.choice(WORK_KINDS)
        v = rng.randint(1, villages)
        name = template.format(v=v, w=v % villages + 1)
        if name in names:
            name = f"{name} (hạng mục {i + 1})"
        names.add(name)
        delegated = rng.random() < 0.04
        works.append(
            _work(
                money,
                name,
                criterion,
                low=150,
                high=1800,
                policy=None if delegated else "QĐ số {n}/QĐ-UBND",
                delegated=delegated,
                sources=rng.choice(SOURCE_MENU),
                location=f"Thôn {v}",
                small=rng.random() < 0.3,
                period=str(year),
            )
        )
    return works


def _split(money: _Money, total: int, parts: int) -> list[int]:
    """total (whole millions) split into `parts` whole-million amounts adding up to it."""
    if parts == 1:
        return [total]
    shares = [money.rng.randint(2, 9) for _ in range(parts)]
    amounts = [total * s // sum(shares) // MILLION * MILLION for s in shares]
    amounts[0] += total - sum(amounts)
    return amounts


def _expand_surplus(money: _Money, surplus: Surplus, projects: Sequence[str]) -> None:
    """The demo's three surplus lines, split into a realistic number of lines.

    The first three lines (investment, recurrent, contingency) are split without changing
    their sum; lines a failure pattern added stay after them, unchanged.
    """
    rng = money.rng
    invest, recurrent, reserve, *extra = surplus.lines
    lines: list[SurplusLine] = []
    names = rng.sample(list(projects), rng.randint(1, min(3, len(projects))))
    for name, amount in zip(names, _split(money, invest.amount, len(names)), strict=True):
        lines.append(SurplusLine("chi_dtpt", amount, project_name=name))
    items = rng.sample(RECURRENT_ITEMS, rng.randint(1, 3))
    for (item, field_code), amount in zip(
        items, _split(money, recurrent.amount, len(items)), strict=True
    ):
        lines.append(SurplusLine("chi_thuong_xuyen", amount, item=item, field_code=field_code))
    lines.append(reserve)
    # What the demo leaves unallocated (15 %) partly goes to salary reform and other spending.
    if rng.random() < 0.7:
        amount = surplus.available * 5 // 100 // MILLION * MILLION
        lines.append(SurplusLine("cai_cach_tien_luong", amount, item="Nguồn cải cách tiền lương"))
    if rng.random() < 0.6:
        amount = surplus.available * 3 // 100 // MILLION * MILLION
        lines.append(SurplusLine("khac", amount, item="Chi khác theo quy định"))
    surplus.lines = lines + extra


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


def unit_dataset(
    unit: dict, seed: int, places: _Places, communes: _Cycle, wards: _Cycle
) -> Dataset:
    """Every resolution and surplus of one unit over OLD_YEARS."""
    code = unit["code"]
    money = _Money(f"{seed}:{code}")
    rng = money.rng
    commune = Commune(
        code,
        unit["name"],
        str(rng.randint(100, 1500)),
        _vn(_day(rng, rng.choice((2019, 2020, 2021)), (1, 5), (12, 20))),
    )
    local = places.grounds(unit, commune) if unit["kind"] == "xa" else None
    data = Dataset()
    for year in OLD_YEARS:
        start = rng.randint(3, 20)
        y = _Year(unit, year, money, iter(range(start, start + 100)))
        if unit["kind"] == "xa":
            failing = code != MODEL_UNIT and rng.random() < COMMUNE_FAILURE_RATE
            _commune_year(y, commune, local, communes.next() if failing else None)
        else:
            failing = rng.random() < WARD_FAILURE_RATE
            _ward_year(y, wards.next() if failing else None)
        data.resolutions.extend(y.resolutions())
        data.surpluses.append(y.surplus)
    return data


def generate(units: Sequence[dict], seed: int = 2023) -> Iterator[Dataset]:
    """One Dataset per unit, in the order given; deterministic for (units, seed).

    A unit of 01/07/2025 (valid_from set) gets 2025 and 2026 data, an old one 2022–2024.
    """
    # Imported here: national_2025 reuses this module's surplus expansion.
    from .national_2025 import NewUnitGenerator

    places = _Places(seed)
    communes, wards = _Cycle(COMMUNE_PATTERNS), _Cycle(WARD_PATTERNS)
    later = NewUnitGenerator(seed)
    for unit in units:
        if unit.get("valid_from"):
            yield later.dataset(unit)
        else:
            yield unit_dataset(unit, seed, places, communes, wards)


def build_scale_database(
    db_path: Path,
    scale: str,
    seed: int = 2023,
    progress: BuildProgress | None = None,
) -> BuildReport:
    """Build the province or national demo database at db_path."""
    from .national_2025 import MODEL_UNIT_NEW, NEW_YEARS

    units = scale_units(scale)
    province = units[0]["province_name"] if scale == "province" else None
    return build(
        db_path,
        units,
        generate(units, seed),
        REVIEW_YEARS,
        {
            "dataset_kind": "demo",
            "scale": scale,
            "seed": str(seed),
            "model_unit": MODEL_UNIT,
            # The model commune of each reviewed year (the units change on 01/07/2025).
            **{f"model_unit_{year}": MODEL_UNIT for year in OLD_YEARS},
            **{f"model_unit_{year}": MODEL_UNIT_NEW for year in NEW_YEARS},
            "notice_vi": DEMO_NOTICE_VI,
            "notice_en": DEMO_NOTICE_EN,
            "reviewing_body": f"HĐND {_lower_first(province)}"
            if province
            else "Văn phòng Điều phối nông thôn mới Trung ương",
            # The last year of the old units: the screens open on the fullest year.
            "default_year": str(max(OLD_YEARS)),
        },
        progress=progress,
    )
