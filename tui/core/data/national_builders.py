"""What the province and national generators build a unit-year from.

DEMO DATA (see national.py). The local grounds each province and district cites
(`_Places`), a unit's resolutions in one year (`_Year`), the works a commune lists and
the lines a surplus is split into, with the date helpers they share. The per-year
patterns (national_patterns.py) build on these and the units of 01/07/2025
(national_2025.py) reuse the surplus expansion; keeping them apart from national.py, which
imports both, leaves no import cycle.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from .dataset import Project, Resolution, Surplus, SurplusLine
from .demo_builders import (
    GROUND_DE_AN,
    GROUND_QUY_CHE,
    MILLION,
    Commune,
    _Money,
    _work,
)
from .national_units import MONG_CAI_DISTRICT, PROVINCE_CODE

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


# -- a unit-year: its resolutions, works and surplus lines ---------------------------


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
