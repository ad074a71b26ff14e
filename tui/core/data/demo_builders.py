"""The pieces every demo is built from: the 2023-era grounds, seeded money, and builders.

DEMO DATA. The city demo (demo_2023.py, demo_2026.py) and the province and national
generators (national*.py) all build their works, NTM resolutions and surpluses with these
functions and draw their amounts from a `_Money`, so the random draws happen here in the
order the callers make them. Móng Cái's own units and scenario do not belong here.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from .dataset import CapitalLine, Project, Resolution, Surplus, SurplusLine

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
