"""The demo dataset: Móng Cái's 17 units in 2023 and its 6 units of 2026, invented but realistic.

DEMO DATA. None of these resolutions, works or amounts are real. The scenario is
written so that every rule fires somewhere and passes somewhere, and one commune per
reviewed year is clean so that it can serve as the model commune: Hải Xuân (06745) in
2023, xã Vĩnh Thực of the two-level map in 2026. The amounts vary with the seed; which
rule fires where does not.

Since 01/07/2025 Móng Cái's 17 units are 3 wards and 3 communes (NQ 1679/NQ-UBTVQH15),
each keeping the statistics code of one old unit. A code alone therefore does not say
which unit is meant: the catalogue (data/units.csv) holds one period per (code,
valid_from), and a resolution's unit is the code's period in force on its date.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from .dataset import (
    CapitalLine,
    Dataset,
    Project,
    Resolution,
    StatedTotal,
    Surplus,
    SurplusLine,
)

MODEL_UNIT = "06745"
# The clean model commune of the 2026 review year (xã Vĩnh Thực, from 01/07/2025).
MODEL_UNIT_2026 = "06757"
MODEL_UNITS = {2023: MODEL_UNIT, 2026: MODEL_UNIT_2026}
REVIEW_YEARS = (2023, 2026)
# The year the demo opens on.
DEFAULT_YEAR = 2023
DEMO_NOTICE_VI = (
    "DỮ LIỆU MẪU: các nghị quyết, công trình và số tiền đều là giả định, không phải số liệu thật."
)
DEMO_NOTICE_EN = "DEMO DATA: the resolutions, works and amounts are invented, not real figures."

MILLION = 1_000_000

# The grounds of a well-formed 2023 NTM resolution, by category. Placeholders:
# {commune} (name), {plan_no}, {plan_date}.
GROUND_LOCAL_GOV = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
GROUND_LOCAL_GOV_2019 = (
    "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền "
    "địa phương ngày 22 tháng 11 năm 2019;"
)
GROUND_BUDGET_LAW = "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;"
GROUND_INVESTMENT_LAW = "Căn cứ Luật Đầu tư công ngày 13 tháng 6 năm 2019;"
GROUND_NQ25 = (
    "Căn cứ Nghị quyết số 25/2021/QH15 ngày 28/7/2021 của Quốc hội về việc phê duyệt chủ trương đầu tư "
    "Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021 - 2025;"
)
GROUND_QD263 = (
    "Căn cứ Quyết định số 263/QĐ-TTg ngày 22/02/2022 của Thủ tướng Chính phủ phê duyệt Chương trình "
    "mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021 - 2025;"
)
GROUND_QD318 = (
    "Căn cứ Quyết định số 318/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ ban hành Bộ tiêu chí quốc gia "
    "về xã nông thôn mới và Bộ tiêu chí quốc gia về xã nông thôn mới nâng cao giai đoạn 2021 - 2025;"
)
GROUND_ND27 = (
    "Căn cứ Nghị định số 27/2022/NĐ-CP ngày 19/4/2022 của Chính phủ quy định cơ chế quản lý, tổ chức "
    "thực hiện các chương trình mục tiêu quốc gia;"
)
GROUND_ND38 = (
    "Căn cứ Nghị định số 38/2023/NĐ-CP ngày 24/6/2023 của Chính phủ sửa đổi, bổ sung một số điều của "
    "Nghị định số 27/2022/NĐ-CP;"
)
GROUND_QUY_CHE = (
    "Căn cứ Nghị quyết số 06/2022/NQ-HĐND ngày 15/7/2022 của Hội đồng nhân dân tỉnh Quảng Ninh quy định "
    "cơ chế lồng ghép nguồn vốn và huy động nguồn lực thực hiện các chương trình mục tiêu quốc gia;"
)
GROUND_DE_AN = (
    "Căn cứ Quyết định số 1568/QĐ-UBND ngày 20/9/2021 của Ủy ban nhân dân thành phố Móng Cái phê duyệt "
    "Đề án xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu thành phố Móng Cái giai đoạn 2021 - 2025;"
)
GROUND_QUY_HOACH = (
    "Căn cứ Quyết định số {plan_no}/QĐ-UBND ngày {plan_date} của Ủy ban nhân dân thành phố Móng Cái phê duyệt "
    "đồ án Quy hoạch chung xây dựng xã {commune} đến năm 2030;"
)
GROUND_TT344 = (
    "Căn cứ Thông tư số 344/2016/TT-BTC ngày 30/12/2016 của Bộ Tài chính quy định về quản lý ngân sách xã "
    "và các hoạt động tài chính khác của xã, phường, thị trấn;"
)
GROUND_ND163 = (
    "Căn cứ Nghị định số 163/2016/NĐ-CP ngày 21/12/2016 của Chính phủ quy định chi tiết thi hành một số "
    "điều của Luật Ngân sách nhà nước;"
)


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    plan_no: str
    plan_date: str


COMMUNES = {
    "06724": Commune("06724", "Hải Sơn", "2141", "12/8/2020"),
    "06727": Commune("06727", "Bắc Sơn", "2142", "12/8/2020"),
    "06730": Commune("06730", "Hải Đông", "2143", "12/8/2020"),
    "06733": Commune("06733", "Hải Tiến", "2144", "14/8/2020"),
    "06739": Commune("06739", "Quảng Nghĩa", "2146", "14/8/2020"),
    "06745": Commune("06745", "Hải Xuân", "2148", "18/8/2020"),
    "06748": Commune("06748", "Vạn Ninh", "2149", "18/8/2020"),
    "06754": Commune("06754", "Vĩnh Trung", "2151", "20/8/2020"),
    "06757": Commune("06757", "Vĩnh Thực", "2152", "20/8/2020"),
}

WARDS = {
    "06709": "Ka Long",
    "06712": "Trần Phú",
    "06715": "Ninh Dương",
    "06718": "Hoà Lạc",
    "06721": "Trà Cổ",
    "06736": "Hải Yên",
    "06742": "Hải Hoà",
    "06751": "Bình Ngọc",
}


def ntm_grounds(
    commune: Commune,
    *,
    omit: tuple[str, ...] = (),
    extra: tuple[str, ...] = (),
    local: Mapping[str, str] | None = None,
) -> list[str]:
    """The grounds of a complete NTM resolution, minus the categories in `omit`.

    `local` replaces grounds by key with another place's text (the national demo gives
    each province its own quy chế and each district its own đề án and quy hoạch).
    """
    by_key = {
        "local_gov": GROUND_LOCAL_GOV,
        "local_gov_2019": GROUND_LOCAL_GOV_2019,
        "budget_law": GROUND_BUDGET_LAW,
        "luat_dtc": GROUND_INVESTMENT_LAW,
        "nq25": GROUND_NQ25,
        "qd263": GROUND_QD263,
        "qd318": GROUND_QD318,
        "nd27": GROUND_ND27,
        "nd38": GROUND_ND38,
        "quy_che": GROUND_QUY_CHE,
        "de_an": GROUND_DE_AN,
        "quy_hoach": GROUND_QUY_HOACH.format(
            plan_no=commune.plan_no, plan_date=commune.plan_date, commune=commune.name
        ),
    }
    if local:
        by_key.update(local)
    return [text for key, text in by_key.items() if key not in omit] + list(extra)


class _Money:
    """Seeded amounts in whole millions of đồng; integers only."""

    def __init__(self, seed: int | str) -> None:
        self.rng = random.Random(seed)

    def millions(self, low: int, high: int) -> int:
        return self.rng.randint(low, high) * MILLION


def _work(
    money: _Money,
    name: str,
    criterion: int | None,
    *,
    low: int = 800,
    high: int = 4500,
    policy: str | None = "QĐ số {n}/QĐ-UBND",
    sources: tuple[str, ...] = ("NS_TINH", "NS_HUYEN", "NS_XA", "CONG_DONG"),
    location: str = "",
    small: bool = False,
    delegated: bool = False,
    period: str = "2023",
) -> Project:
    total = money.millions(low, high)
    shares = [money.rng.randint(2, 9) for _ in sources]
    amounts = [total * s // sum(shares) // MILLION * MILLION for s in shares]
    amounts[0] += total - sum(amounts)  # keep the sum exact
    capital = []
    for code, amount in zip(sources, amounts, strict=True):
        share = None
        if code == "LONG_GHEP":
            share = "Chương trình MTQG giảm nghèo bền vững: 100%"
        capital.append(CapitalLine(code, amount, share))
    return Project(
        name=name,
        total_investment=total,
        criterion_code=criterion,
        location=location or None,
        scale=None,
        period=period,
        group_code="C",
        sector="giao_thong_nang_luong" if criterion == 2 else "nong_nghiep_ha_tang",
        policy_decision_ref=policy.format(n=money.rng.randint(100, 999)) if policy else None,
        policy_delegated=delegated,
        small_mechanism=small,
        capital=capital,
    )


def _ntm_resolution(
    commune: Commune,
    seq: int,
    number: str,
    issued: date,
    grounds: list[str],
    projects: list[Project],
    year: int = 2023,
) -> Resolution:
    return Resolution(
        resolution_id=f"NQ-{commune.code}-{year}-{seq:02d}",
        unit_code=commune.code,
        year=year,
        number=number,
        issue_date=issued,
        session=f"Kỳ họp thứ {10 + seq}",
        title=(
            f"Nghị quyết về danh mục công trình, dự án và cơ chế nguồn vốn thực hiện Chương trình "
            f"mục tiêu quốc gia xây dựng nông thôn mới năm {year} xã {commune.name}"
        ),
        kind="ntm",
        submission_ref=f"{20 + seq}/TTr-UBND",
        basis=grounds,
        projects=projects,
        source="demo",
    )


def _surplus_resolution(
    code: str, name: str, seq: int, number: str, issued: date, year: int = 2023
) -> Resolution:
    return Resolution(
        resolution_id=f"NQ-{code}-{year}-{seq:02d}",
        unit_code=code,
        year=year,
        number=number,
        issue_date=issued,
        session=f"Kỳ họp thứ {10 + seq}",
        title=f"Nghị quyết phân bổ kết dư ngân sách năm {year - 1} của {name}",
        kind="surplus",
        submission_ref=f"{30 + seq}/TTr-UBND",
        basis=[
            GROUND_LOCAL_GOV,
            GROUND_LOCAL_GOV_2019,
            GROUND_BUDGET_LAW,
            GROUND_ND163,
            GROUND_TT344,
        ],
        source="demo",
    )


def _surplus(
    money: _Money,
    code: str,
    resolution_id: str | None,
    *,
    settlement: date | None = date(2023, 6, 28),
    over: bool = False,
    bad_investment_line: str | None = None,
    investment_project: str = "Nâng cấp đường trục xã",
    year: int = 2023,
) -> Surplus:
    available = money.millions(900, 3200)
    invest = available * 45 // 100 // MILLION * MILLION
    recurrent = available * 30 // 100 // MILLION * MILLION
    reserve = available * 10 // 100 // MILLION * MILLION
    lines = [
        SurplusLine("chi_dtpt", invest, project_name=investment_project),
        SurplusLine(
            "chi_thuong_xuyen", recurrent, item="Sửa chữa trường mầm non", field_code="giao_duc"
        ),
        SurplusLine("du_phong", reserve, item="Dự phòng phòng, chống thiên tai"),
    ]
    if over:
        lines.append(
            SurplusLine(
                "chi_thuong_xuyen",
                available // 2 // MILLION * MILLION,
                item="Chỉnh trang cảnh quan trụ sở",
                field_code="quan_ly_nha_nuoc",
            )
        )
    if bad_investment_line == "no_project":
        lines.append(
            SurplusLine("chi_dtpt", 150 * MILLION, project_name=None, item="Các công trình khác")
        )
    elif bad_investment_line == "no_amount":
        lines.append(SurplusLine("chi_dtpt", None, project_name="Nhà văn hoá khu phố"))
    return Surplus(
        unit_code=code,
        year=year,
        fiscal_year=year - 1,
        available=available,
        settlement_ref=f"Nghị quyết phê chuẩn quyết toán ngân sách năm {year - 1}"
        if settlement
        else None,
        settlement_date=settlement,
        resolution_id=resolution_id,
        lines=lines,
    )


def build_demo(seed: int = 2023) -> Dataset:
    money = _Money(seed)
    data = Dataset()
    add_res = data.resolutions.append
    add_sur = data.surpluses.append
    C = COMMUNES

    # 06745 Hải Xuân: the model commune. Complete, consistent, no findings at all.
    hx = C["06745"]
    add_res(
        _ntm_resolution(
            hx,
            1,
            "15/NQ-HĐND",
            date(2023, 7, 20),
            ntm_grounds(hx),
            [
                _work(
                    money,
                    "Nâng cấp đường trục xã Hải Xuân đoạn thôn 1 - thôn 3",
                    2,
                    location="Thôn 1, thôn 3",
                ),
                _work(
                    money,
                    "Cải tạo nhà văn hoá thôn 5",
                    6,
                    sources=("NS_HUYEN", "NS_XA", "CONG_DONG", "DOANH_NGHIEP"),
                ),
                _work(
                    money, "Kênh tưới nội đồng thôn 2", 3, sources=("NS_TINH", "LONG_GHEP", "NS_XA")
                ),
            ],
        )
    )
    add_res(_surplus_resolution("06745", "xã Hải Xuân", 2, "16/NQ-HĐND", date(2023, 7, 20)))
    add_sur(_surplus(money, "06745", "NQ-06745-2023-02"))
    # A 2022 resolution, clean as well, so that the year selector has something to show.
    add_res(
        _ntm_resolution(
            hx,
            1,
            "09/NQ-HĐND",
            date(2022, 8, 15),
            ntm_grounds(hx, omit=("nd38",)),
            [_work(money, "Đường bê tông thôn 4", 2)],
            year=2022,
        )
    )

    # 06724 Hải Sơn: no scheme (đề án) ground; the Public Investment Law cited with a wrong
    # date; one work serves no NTM criterion.
    hs = C["06724"]
    add_res(
        _ntm_resolution(
            hs,
            1,
            "12/NQ-HĐND",
            date(2023, 6, 30),
            [
                g.replace("ngày 13 tháng 6 năm 2019", "ngày 13/6/2020")
                for g in ntm_grounds(hs, omit=("de_an", "nd38"))
            ],
            [
                _work(money, "Đường giao thông nông thôn thôn Pò Hèn", 2),
                _work(
                    money, "Điểm tập kết rác thải sinh hoạt", None, sources=("NS_HUYEN", "NS_XA")
                ),
            ],
        )
    )
    add_res(_surplus_resolution("06724", "xã Hải Sơn", 2, "13/NQ-HĐND", date(2023, 7, 5)))
    add_sur(_surplus(money, "06724", "NQ-06724-2023-02"))

    # 06727 Bắc Sơn: no plan (quy hoạch) ground; an unrecognised ground; a work without
    # any capital source.
    bs = C["06727"]
    no_capital = _work(money, "Sân thể thao thôn Tài Chi", 16)
    no_capital.capital = []
    add_res(
        _ntm_resolution(
            bs,
            1,
            "08/NQ-HĐND",
            date(2023, 7, 12),
            ntm_grounds(
                bs,
                omit=("quy_hoach", "nd38"),
                extra=(
                    "Căn cứ Kế hoạch số 45/KH-UBND ngày 10/02/2023 của Ủy ban nhân dân xã Bắc Sơn;",
                ),
            ),
            [_work(money, "Đường liên thôn Khe Lạn - Tài Chi", 2), no_capital],
        )
    )
    add_res(_surplus_resolution("06727", "xã Bắc Sơn", 2, "09/NQ-HĐND", date(2023, 7, 12)))
    add_sur(_surplus(money, "06727", "NQ-06727-2023-02"))

    # 06730 Hải Đông: the real 2019 mistake repeated: State Budget Law "16/12/2003" and
    # Decree 73/2003, both repealed; no regulation (quy chế) ground; an integrated source
    # without its programme share.
    hd = C["06730"]
    integrated = _work(
        money, "Hệ thống nước sạch tập trung thôn 7", 17, sources=("NS_TINH", "LONG_GHEP", "NS_XA")
    )
    for line in integrated.capital:
        if line.source_code == "LONG_GHEP":
            line.programme_share = None
    add_res(
        _ntm_resolution(
            hd,
            1,
            "21/NQ-HĐND",
            date(2023, 7, 18),
            [g for g in ntm_grounds(hd, omit=("quy_che", "budget_law"))]
            + [
                "Căn cứ Luật Ngân sách nhà nước ngày 16/12/2003;",
                "Căn cứ Nghị định số 73/2003/NĐ-CP ngày 23/6/2003 của Chính phủ ban hành Quy chế xem xét, "
                "quyết định dự toán và phân bổ ngân sách địa phương;",
            ],
            [_work(money, "Đường trục thôn 9 - thôn 11", 2), integrated],
        )
    )
    add_res(_surplus_resolution("06730", "xã Hải Đông", 2, "22/NQ-HĐND", date(2023, 7, 18)))
    add_sur(_surplus(money, "06730", "NQ-06730-2023-02"))

    # 06733 Hải Tiến: no Public Investment Law ground; a work whose sources do not add up;
    # the small-project mechanism claimed for a 6-billion work.
    ht = C["06733"]
    mismatch = _work(money, "Kè chống sạt lở bờ sông thôn 3", 3)
    mismatch.capital[-1].amount += 120 * MILLION
    add_res(
        _ntm_resolution(
            ht,
            1,
            "10/NQ-HĐND",
            date(2023, 7, 25),
            ntm_grounds(ht, omit=("luat_dtc",)),
            [
                mismatch,
                _work(
                    money,
                    "Nhà lớp học trường tiểu học Hải Tiến",
                    5,
                    low=6100,
                    high=6900,
                    small=True,
                ),
                _work(money, "Đường nội đồng khu Đồng Mương", 2, low=900, high=1800, small=True),
            ],
        )
    )
    add_res(_surplus_resolution("06733", "xã Hải Tiến", 2, "11/NQ-HĐND", date(2023, 7, 25)))
    add_sur(_surplus(money, "06733", "NQ-06733-2023-02"))

    # 06739 Quảng Nghĩa: an NTM resolution with no list of works, a malformed number, and the
    # 2024 Public Investment Law cited before it existed.
    qn = C["06739"]
    add_res(
        _ntm_resolution(
            qn,
            1,
            "14/NQ-HĐ",
            date(2023, 8, 2),
            ntm_grounds(qn, extra=("Căn cứ Luật Đầu tư công số 58/2024/QH15 ngày 29/11/2024;",)),
            [],
        )
    )
    add_res(_surplus_resolution("06739", "xã Quảng Nghĩa", 2, "15/NQ-HĐND", date(2023, 8, 2)))
    add_sur(_surplus(money, "06739", "NQ-06739-2023-02"))

    # 06748 Vạn Ninh: a work without an investment-policy decision; community money without
    # an amount; the same number used for two resolutions.
    vn = C["06748"]
    unstated = _work(
        money, "Nhà văn hoá thôn Vạn Xuân", 6, sources=("NS_HUYEN", "NS_XA", "CONG_DONG")
    )
    unstated.capital[-1].amount = None
    add_res(
        _ntm_resolution(
            vn,
            1,
            "21/NQ-HĐND",
            date(2023, 7, 10),
            ntm_grounds(vn, omit=("nd38",)),
            [_work(money, "Đường thôn Tràng Vĩ", 2, policy=None), unstated],
        )
    )
    add_res(_surplus_resolution("06748", "xã Vạn Ninh", 2, "21/NQ-HĐND", date(2023, 7, 28)))
    add_sur(_surplus(money, "06748", "NQ-06748-2023-02"))

    # 06754 Vĩnh Trung: no NTM resolution in 2023 at all; its surplus was allocated before
    # the 2022 settlement was approved.
    add_res(_surplus_resolution("06754", "xã Vĩnh Trung", 1, "05/NQ-HĐND", date(2023, 3, 10)))
    add_sur(_surplus(money, "06754", "NQ-06754-2023-01", settlement=date(2023, 6, 28)))

    # 06757 Vĩnh Thực: a delegated investment policy (allowed); surplus over-allocated and an
    # investment line that names no project.
    vt = C["06757"]
    add_res(
        _ntm_resolution(
            vt,
            1,
            "11/NQ-HĐND",
            date(2023, 7, 14),
            ntm_grounds(vt),
            [
                _work(money, "Cầu dân sinh thôn 2", 2, policy=None, delegated=True),
                _work(money, "Trạm y tế xã (cải tạo)", 15, sources=("NSTW", "NS_TINH", "NS_XA")),
            ],
        )
    )
    add_res(_surplus_resolution("06757", "xã Vĩnh Thực", 2, "12/NQ-HĐND", date(2023, 7, 14)))
    add_sur(
        _surplus(money, "06757", "NQ-06757-2023-02", over=True, bad_investment_line="no_project")
    )
    # Its list of works came with a "Cộng" row 100 million above the works it sums
    # (rule stated_total_mismatch).
    vt_works = data.resolutions[-2]
    listed = sum(p.total_investment or 0 for p in vt_works.projects)
    vt_works.stated_totals.append(
        StatedTotal("Cộng", "Công trình!I9", "Tổng mức đầu tư", listed + 100_000_000, listed)
    )

    # Wards: surplus rules only. Most are in order; Trà Cổ has no settlement approval and
    # Hải Hoà an investment line without an amount.
    for seq, (code, name) in enumerate(WARDS.items(), start=1):
        res = _surplus_resolution(
            code, f"phường {name}", 1, f"{seq + 3:02d}/NQ-HĐND", date(2023, 7, 20)
        )
        add_res(res)
        add_sur(
            _surplus(
                money,
                code,
                res.resolution_id,
                settlement=None if code == "06721" else date(2023, 6, 30),
                bad_investment_line="no_amount" if code == "06742" else None,
                investment_project="Chỉnh trang vỉa hè khu phố",
            )
        )
    _add_2026(money, data)
    return data


# -- 2026: the two-level map, Luật ĐTC 58/2024, Luật NSNN 89/2025, QĐ 51/2025 -------------

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


def _add_2026(money: _Money, data: Dataset) -> None:
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
