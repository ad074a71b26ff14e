"""The city demo of 2023: Móng Cái's 17 units before the 2025 reorganisation.

DEMO DATA (see demo.py). The communes and wards of 2023 and the resolutions and surpluses
each of them gets, one step per unit, so that each unit's scenario reads on its own. The
steps share one seeded `_Money` and append to one Dataset: `add_2023` runs them in a fixed
order, and that order is the demo's data (amounts, row order), so keep it.
"""

from __future__ import annotations

from datetime import date

from .dataset import Dataset, StatedTotal
from .demo_builders import (
    MILLION,
    Commune,
    _Money,
    _ntm_resolution,
    _surplus,
    _surplus_resolution,
    _work,
    ntm_grounds,
)

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


def add_2023(money: _Money, data: Dataset) -> None:
    """Every 2023 (and one 2022) resolution and surplus of the city demo, in order."""
    _hai_xuan(money, data)
    _hai_son(money, data)
    _bac_son(money, data)
    _hai_dong(money, data)
    _hai_tien(money, data)
    _quang_nghia(money, data)
    _van_ninh(money, data)
    _vinh_trung(money, data)
    _vinh_thuc(money, data)
    _wards(money, data)


def _hai_xuan(money: _Money, data: Dataset) -> None:
    """06745 Hải Xuân: the model commune. Complete, consistent, no findings at all."""
    add_res = data.resolutions.append
    add_sur = data.surpluses.append
    hx = COMMUNES["06745"]
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


def _hai_son(money: _Money, data: Dataset) -> None:
    """06724 Hải Sơn: no scheme (đề án) ground; the Public Investment Law cited with a wrong
    date; one work serves no NTM criterion.
    """
    add_res = data.resolutions.append
    add_sur = data.surpluses.append
    hs = COMMUNES["06724"]
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


def _bac_son(money: _Money, data: Dataset) -> None:
    """06727 Bắc Sơn: no plan (quy hoạch) ground; an unrecognised ground; a work without
    any capital source.
    """
    add_res = data.resolutions.append
    add_sur = data.surpluses.append
    bs = COMMUNES["06727"]
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


def _hai_dong(money: _Money, data: Dataset) -> None:
    """06730 Hải Đông: the real 2019 mistake repeated: State Budget Law "16/12/2003" and
    Decree 73/2003, both repealed; no regulation (quy chế) ground; an integrated source
    without its programme share.
    """
    add_res = data.resolutions.append
    add_sur = data.surpluses.append
    hd = COMMUNES["06730"]
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


def _hai_tien(money: _Money, data: Dataset) -> None:
    """06733 Hải Tiến: no Public Investment Law ground; a work whose sources do not add up;
    the small-project mechanism claimed for a 6-billion work.
    """
    add_res = data.resolutions.append
    add_sur = data.surpluses.append
    ht = COMMUNES["06733"]
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


def _quang_nghia(money: _Money, data: Dataset) -> None:
    """06739 Quảng Nghĩa: an NTM resolution with no list of works, a malformed number, and the
    2024 Public Investment Law cited before it existed.
    """
    add_res = data.resolutions.append
    add_sur = data.surpluses.append
    qn = COMMUNES["06739"]
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


def _van_ninh(money: _Money, data: Dataset) -> None:
    """06748 Vạn Ninh: a work without an investment-policy decision; community money without
    an amount; the same number used for two resolutions.
    """
    add_res = data.resolutions.append
    add_sur = data.surpluses.append
    vn = COMMUNES["06748"]
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


def _vinh_trung(money: _Money, data: Dataset) -> None:
    """06754 Vĩnh Trung: no NTM resolution in 2023 at all; its surplus was allocated before
    the 2022 settlement was approved.
    """
    add_res = data.resolutions.append
    add_sur = data.surpluses.append
    add_res(_surplus_resolution("06754", "xã Vĩnh Trung", 1, "05/NQ-HĐND", date(2023, 3, 10)))
    add_sur(_surplus(money, "06754", "NQ-06754-2023-01", settlement=date(2023, 6, 28)))


def _vinh_thuc(money: _Money, data: Dataset) -> None:
    """06757 Vĩnh Thực: a delegated investment policy (allowed); surplus over-allocated and an
    investment line that names no project.
    """
    add_res = data.resolutions.append
    add_sur = data.surpluses.append
    vt = COMMUNES["06757"]
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


def _wards(money: _Money, data: Dataset) -> None:
    """Wards: surplus rules only. Most are in order; Trà Cổ has no settlement approval and
    Hải Hoà an investment line without an amount.
    """
    add_res = data.resolutions.append
    add_sur = data.surpluses.append
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
