"""The city demo of 2026: Móng Cái's 6 units of the two-level map, under the law of 2026.

DEMO DATA (see demo.py). Since 01/07/2025 Móng Cái's 17 units are 3 wards and 3 communes
(NQ 1679/NQ-UBTVQH15). Here: the grounds a 2026 resolution cites, those units, the
builders of their resolutions and works, and `add_2026`, which adds their data after the
2023 demo's, from the same seeded `_Money`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .dataset import CapitalLine, Dataset, Project, Resolution
from .demo_builders import (
    GROUND_LOCAL_GOV,
    GROUND_ND163,
    GROUND_QD318,
    GROUND_TT344,
    MILLION,
    _Money,
    _surplus,
)

# The grounds of a well-formed 2026 commune NTM resolution (REGIME-2026.md §3), by key.
GROUNDS_2026 = {
    "local_gov": "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "budget_law": "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2025 (số 89/2025/QH15);",
    "luat_dtc": "Căn cứ Luật Đầu tư công ngày 29 tháng 11 năm 2024;",
    "luat_dtc_2025": (
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Đấu thầu, Luật Đầu tư theo phương thức "
        "đối tác công tư, Luật Hải quan, Luật Thuế giá trị gia tăng, Luật Thuế xuất khẩu, thuế "
        "nhập khẩu, Luật Đầu tư, Luật Đầu tư công, Luật Quản lý, sử dụng tài sản công ngày 25 "
        "tháng 6 năm 2025;"
    ),
    "nq257": (
        "Căn cứ Nghị quyết số 257/2025/QH15 ngày 11 tháng 12 năm 2025 của Quốc hội phê duyệt chủ "
        "trương đầu tư Chương trình mục tiêu quốc gia xây dựng nông thôn mới, giảm nghèo bền vững "
        "và phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn "
        "2026 - 2035;"
    ),
    "nd358": (
        "Căn cứ Nghị định số 358/2025/NĐ-CP ngày 31 tháng 12 năm 2025 của Chính phủ quy định cơ chế "
        "quản lý, tổ chức thực hiện các chương trình mục tiêu quốc gia;"
    ),
    "qd51": (
        "Căn cứ Quyết định số 51/2025/QĐ-TTg ngày 29 tháng 12 năm 2025 của Thủ tướng Chính phủ ban "
        "hành Bộ tiêu chí quốc gia về nông thôn mới giai đoạn 2026 - 2030;"
    ),
    "qd417": (
        "Căn cứ Quyết định số 417/QĐ-BNNMT ngày 31 tháng 01 năm 2026 của Bộ trưởng Bộ Nông nghiệp và "
        "Môi trường phê duyệt Chương trình mục tiêu quốc gia giai đoạn 2026 - 2035;"
    ),
    "quy_che": (
        "Căn cứ Nghị quyết số 45/2025/NQ-HĐND ngày 10/12/2025 của Hội đồng nhân dân tỉnh Quảng Ninh "
        "quy định cơ chế lồng ghép nguồn vốn và huy động nguồn lực thực hiện các chương trình mục "
        "tiêu quốc gia giai đoạn 2026 - 2030;"
    ),
    "de_an": (
        "Căn cứ Quyết định số {de_an_no}/QĐ-UBND ngày 15/01/2026 của Ủy ban nhân dân {kind} {commune} "
        "phê duyệt Đề án xây dựng nông thôn mới giai đoạn 2026 - 2030;"
    ),
    "quy_hoach": (
        "Căn cứ Quyết định số {plan_no}/QĐ-UBND ngày 20/11/2025 của Ủy ban nhân dân tỉnh Quảng Ninh "
        "phê duyệt Quy hoạch chung {kind} {commune} đến năm 2035;"
    ),
}
GROUNDS_SURPLUS_2026 = (
    GROUNDS_2026["local_gov"],
    GROUNDS_2026["budget_law"],
    "Căn cứ Nghị định số 73/2026/NĐ-CP ngày 10 tháng 3 năm 2026 của Chính phủ quy định chi tiết một "
    "số điều của Luật Ngân sách nhà nước;",
)


@dataclass(frozen=True)
class Unit2026:
    code: str
    name: str
    kind: str  # xa | phuong
    de_an_no: str
    plan_no: str


UNITS_2026 = {
    "06712": Unit2026("06712", "Móng Cái 1", "phuong", "11", "3101"),
    "06709": Unit2026("06709", "Móng Cái 2", "phuong", "12", "3102"),
    "06736": Unit2026("06736", "Móng Cái 3", "phuong", "13", "3103"),
    "06724": Unit2026("06724", "Hải Sơn", "xa", "14", "3104"),
    "06733": Unit2026("06733", "Hải Ninh", "xa", "15", "3105"),
    "06757": Unit2026("06757", "Vĩnh Thực", "xa", "16", "3106"),
}
_KIND_WORD = {"xa": "xã", "phuong": "phường"}


def ntm_grounds_2026(
    unit: Unit2026, *, omit: tuple[str, ...] = (), extra: tuple[str, ...] = ()
) -> list[str]:
    """The grounds of a complete 2026 NTM resolution, minus the keys in `omit`."""
    words = {"commune": unit.name, "kind": _KIND_WORD[unit.kind]}
    texts = {
        key: text.format(de_an_no=unit.de_an_no, plan_no=unit.plan_no, **words)
        if "{" in text
        else text
        for key, text in GROUNDS_2026.items()
    }
    return [text for key, text in texts.items() if key not in omit] + list(extra)


def _resolution_2026(
    unit: Unit2026,
    seq: int,
    number: str,
    issued: date,
    kind: str,
    grounds: list[str],
    projects: list[Project] | None = None,
    year: int = 2026,
) -> Resolution:
    place = f"{_KIND_WORD[unit.kind]} {unit.name}"
    title = {
        "ntm": f"Nghị quyết về danh mục và mức vốn các công trình thực hiện Chương trình mục "
        f"tiêu quốc gia xây dựng nông thôn mới năm {year} {place}",
        "surplus": f"Nghị quyết phân bổ kết dư ngân sách năm {year - 1} của {place}",
    }.get(kind, f"Nghị quyết về dự toán thu, chi ngân sách năm {year} của {place}")
    return Resolution(
        resolution_id=f"NQ-{unit.code[:5]}-{year}N-{seq:02d}",
        unit_code=unit.code,
        year=year,
        number=number,
        issue_date=issued,
        session=f"Kỳ họp thứ {seq + 2}",
        title=title,
        kind=kind,
        submission_ref=f"{40 + seq}/TTr-UBND",
        basis=grounds,
        projects=projects or [],
        source="demo",
    )


def _work_2026(
    name: str,
    criterion: int | None,
    capital: list[CapitalLine],
    *,
    group: int | None = 2,
    sector: str = "nong_nghiep_ha_tang",
    small: bool = False,
    total: int | None = None,
) -> Project:
    """A 2026 NTM work: no investment-policy reference (CTMTQG works need none)."""
    return Project(
        name=name,
        total_investment=total if total is not None else sum(c.amount or 0 for c in capital),
        criterion_code=criterion,
        period="2026 - 2027",
        group_code="C",
        sector=sector,
        small_mechanism=small,
        capital=capital,
        commune_group=group,
    )


def add_2026(money: _Money, data: Dataset) -> None:
    """Every 2026 (and one late-2025) resolution and surplus of the city demo, in order."""
    add_res = data.resolutions.append
    add_sur = data.surpluses.append
    U = UNITS_2026

    def funded(total_millions: int, *codes: str) -> list[CapitalLine]:
        shares = [money.rng.randint(2, 9) for _ in codes]
        amounts = [total_millions * s // sum(shares) * MILLION for s in shares]
        amounts[0] += total_millions * MILLION - sum(amounts)
        return [CapitalLine(code, amount) for code, amount in zip(codes, amounts, strict=True)]

    # Xã Vĩnh Thực: the 2026 model commune. Grounds of the new law, the QĐ 51/2025
    # criteria with the commune group, kết dư spent after the 2025 settlement was approved.
    vt = U["06757"]
    add_res(
        _resolution_2026(
            vt,
            1,
            "18/NQ-HĐND",
            date(2026, 3, 20),
            "ntm",
            ntm_grounds_2026(vt),
            [
                _work_2026(
                    "Nâng cấp đường liên thôn Vĩnh Thực - Đông Bắc",
                    2,
                    funded(money.rng.randint(2200, 4200), "NSTW", "NS_TINH")
                    + [CapitalLine("NS_XA", 180 * MILLION, revenue_kind="ket_du")],
                    sector="giao_thong_nang_luong",
                ),
                _work_2026(
                    "Nhà văn hoá thôn 3",
                    5,
                    funded(money.rng.randint(900, 1500), "NS_TINH", "NS_XA", "CONG_DONG"),
                ),
            ],
        )
    )
    add_res(
        _resolution_2026(
            vt, 2, "19/NQ-HĐND", date(2026, 3, 20), "surplus", list(GROUNDS_SURPLUS_2026)
        )
    )
    add_sur(_surplus(money, vt.code, "NQ-06757-2026N-02", settlement=date(2026, 3, 16), year=2026))

    # Xã Hải Sơn, January 2026 (QĐ 318 still applies): a district-budget line, which no
    # longer exists; Decree 163/2016 cited in the transition; the 2015 Local Government
    # Law, ended; a small work under a mechanism whose 2026 cap is unverified; a work
    # with community money only; "kết dư 270.983.160 + tăng thu 44.016.840 = 315.000.000".
    hs = U["06724"]
    add_res(
        _resolution_2026(
            hs,
            1,
            "03/NQ-HĐND",
            date(2026, 1, 15),
            "ntm",
            ntm_grounds_2026(hs, omit=("local_gov", "qd51", "qd417"))
            + [GROUND_LOCAL_GOV, GROUND_QD318, GROUND_ND163],
            [
                _work_2026(
                    "Đường giao thông thôn Pò Hèn - Mốc 1350",
                    2,
                    funded(money.rng.randint(1500, 2500), "NS_TINH", "NS_HUYEN"),
                    group=None,
                    sector="giao_thong_nang_luong",
                ),
                _work_2026(
                    "Rãnh thoát nước thôn Phình Hồ",
                    3,
                    [
                        CapitalLine("NS_XA", 270_983_160, revenue_kind="ket_du"),
                        CapitalLine("NS_XA", 44_016_840, revenue_kind="tang_thu"),
                    ],
                    group=None,
                    small=True,
                ),
                _work_2026(
                    "Sân thể thao thôn Pò Hèn",
                    16,
                    [CapitalLine("CONG_DONG", 150 * MILLION)],
                    group=None,
                ),
            ],
        )
    )
    add_res(
        _resolution_2026(
            hs, 2, "04/NQ-HĐND", date(2026, 3, 25), "surplus", list(GROUNDS_SURPLUS_2026)
        )
    )
    add_sur(_surplus(money, hs.code, "NQ-06724-2026N-02", settlement=date(2026, 3, 20), year=2026))

    # Xã Hải Ninh, March 2026 (QĐ 51/2025 in force): a 19-criterion code that the new set
    # does not have; a work without its commune group; QĐ 318 cited after it ended; a
    # group-C school over the 90-billion ceiling of Luật 58/2024; its 2025 settlement
    # approved late, the surplus allocated before that, and the works spending more kết dư
    # than there is.
    hn = U["06733"]
    add_res(
        _resolution_2026(
            hn,
            1,
            "09/NQ-HĐND",
            date(2026, 3, 10),
            "ntm",
            ntm_grounds_2026(hn, extra=(GROUND_QD318,)),
            [
                _work_2026(
                    "Nhà văn hoá thôn Quảng Hải",
                    16,
                    funded(money.rng.randint(900, 1600), "NS_TINH", "NS_XA"),
                ),
                _work_2026(
                    "Trường trung học cơ sở liên xã Hải Ninh",
                    5,
                    [
                        CapitalLine("NSTW", 60_000 * MILLION),
                        CapitalLine("NS_TINH", 34_000 * MILLION),
                        CapitalLine("NS_XA", 1_000 * MILLION),
                    ],
                    group=None,
                    sector="xa_hoi",
                ),
                _work_2026(
                    "Kè bờ kênh Tràng Vĩ",
                    2,
                    funded(money.rng.randint(1200, 1800), "NS_TINH")
                    + [CapitalLine("NS_XA", 5_000 * MILLION, revenue_kind="ket_du")],
                ),
            ],
        )
    )
    add_res(
        _resolution_2026(
            hn, 2, "10/NQ-HĐND", date(2026, 3, 10), "surplus", list(GROUNDS_SURPLUS_2026)
        )
    )
    add_sur(_surplus(money, hn.code, "NQ-06733-2026N-02", settlement=date(2026, 4, 10), year=2026))

    # Phường Móng Cái 1: its 2026 estimate allocated on 18/12/2025 citing Luật NSNN
    # 89/2025, promulgated but in force only from 01/01/2026 (allowed: a warning); the
    # resolution's "Năm" is the budget year 2026, not the year it was dated.
    mc1 = U["06712"]
    add_res(
        _resolution_2026(
            mc1, 1, "25/NQ-HĐND", date(2025, 12, 18), "other", list(GROUNDS_SURPLUS_2026[:2])
        )
    )
    add_res(
        _resolution_2026(
            mc1, 2, "06/NQ-HĐND", date(2026, 3, 28), "surplus", list(GROUNDS_SURPLUS_2026)
        )
    )
    add_sur(_surplus(money, mc1.code, "NQ-06712-2026N-02", settlement=date(2026, 3, 20), year=2026))

    # Phường Móng Cái 2: Circular 344/2016 cited on 02/04/2026, after Circular 26/2026
    # replaced it on 25/03/2026.
    mc2 = U["06709"]
    add_res(
        _resolution_2026(
            mc2,
            1,
            "07/NQ-HĐND",
            date(2026, 4, 2),
            "surplus",
            [*GROUNDS_SURPLUS_2026, GROUND_TT344],
        )
    )
    add_sur(_surplus(money, mc2.code, "NQ-06709-2026N-01", settlement=date(2026, 3, 26), year=2026))

    # Phường Móng Cái 3: in order.
    mc3 = U["06736"]
    add_res(
        _resolution_2026(
            mc3, 1, "05/NQ-HĐND", date(2026, 3, 27), "surplus", list(GROUNDS_SURPLUS_2026)
        )
    )
    add_sur(_surplus(money, mc3.code, "NQ-06736-2026N-01", settlement=date(2026, 3, 24), year=2026))
