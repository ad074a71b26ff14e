"""Recognition of ground lines ("Căn cứ ...") against the real registry in data/."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.rules.basis import (
    BasisRecogniser,
    Recognition,
    RegistryDocument,
    load_documents,
    parse_vn_date,
)

DATA_DIR = Path(__file__).parents[2] / "data"


@pytest.fixture(scope="module")
def recogniser() -> BasisRecogniser:
    return BasisRecogniser.from_csv(DATA_DIR)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# (line, doc_id, category, method, cited_date)
CASES = [
    # --- by number, one line per registry document -------------------------------
    (
        "Căn cứ Luật Ngân sách nhà nước số 01/2002/QH11 ngày 16/12/2002;",
        "LNSNN-2002",
        None,
        "number",
        date(2002, 12, 16),
    ),
    (
        "Căn cứ Nghị định số 73/2003/NĐ-CP ngày 23/6/2003 của Chính phủ ban hành Quy chế xem "
        "xét, quyết định dự toán và phân bổ ngân sách địa phương;",
        "ND73-2003",
        None,
        "number",
        date(2003, 6, 23),
    ),
    (
        "Căn cứ Luật Ngân sách nhà nước số 83/2015/QH13 ngày 25 tháng 6 năm 2015;",
        "LNSNN-2015",
        None,
        "number",
        date(2015, 6, 25),
    ),
    (
        "Căn cứ Luật Ngân sách nhà nước số 89/2025/QH15 ngày 25/6/2025;",
        "LNSNN-2025",
        None,
        "number",
        date(2025, 6, 25),
    ),
    (
        "Căn cứ Luật Tổ chức chính quyền địa phương số 77/2015/QH13;",
        "LTCCQDP-2015",
        None,
        "number",
        None,
    ),
    (
        "Căn cứ Luật số 47/2019/QH14 sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ "
        "và Luật Tổ chức chính quyền địa phương ngày 22/11/2019;",
        "LTCCQDP-SD-2019",
        None,
        "number",
        date(2019, 11, 22),
    ),
    (
        "Căn cứ Luật Đầu tư công số 39/2019/QH14 ngày 13/6/2019;",
        "LDTC-2019",
        "luat_dtc",
        "number",
        date(2019, 6, 13),
    ),
    (
        "Căn cứ Luật Đầu tư công số 58/2024/QH15 ngày 29 tháng 11 năm 2024;",
        "LDTC-2024",
        "luat_dtc",
        "number",
        date(2024, 11, 29),
    ),
    (
        "Căn cứ Nghị quyết số 25/2021/QH15 ngày 28/7/2021 của Quốc hội về việc phê duyệt chủ "
        "trương đầu tư Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021 - 2025;",
        "NQ25-2021",
        None,
        "number",
        date(2021, 7, 28),
    ),
    (
        "Căn cứ Quyết định số 263/QĐ-TTg ngày 22/02/2022 của Thủ tướng Chính phủ phê duyệt "
        "Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021 - 2025;",
        "QD263-2022",
        None,
        "number",
        date(2022, 2, 22),
    ),
    (
        "Căn cứ Quyết định số 318/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ ban hành Bộ "
        "tiêu chí quốc gia về xã nông thôn mới và Bộ tiêu chí quốc gia về xã nông thôn mới "
        "nâng cao giai đoạn 2021 - 2025;",
        "QD318-2022",
        None,
        "number",
        date(2022, 3, 8),
    ),
    (
        "Căn cứ Quyết định số 319/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ quy định xã "
        "nông thôn mới kiểu mẫu giai đoạn 2021 - 2025;",
        "QD319-2022",
        None,
        "number",
        date(2022, 3, 8),
    ),
    (
        "Căn cứ Quyết định số 51/2025/QĐ-TTg ngày 29/12/2025 của Thủ tướng Chính phủ;",
        "QD51-2025",
        None,
        "number",
        date(2025, 12, 29),
    ),
    (
        "Căn cứ Quyết định số 07/2022/QĐ-TTg ngày 25/3/2022 của Thủ tướng Chính phủ quy định "
        "nguyên tắc, tiêu chí, định mức phân bổ vốn ngân sách trung ương;",
        "QD07-2022",
        None,
        "number",
        date(2022, 3, 25),
    ),
    (
        "Căn cứ Nghị định số 27/2022/NĐ-CP ngày 19/4/2022 của Chính phủ quy định cơ chế quản "
        "lý, tổ chức thực hiện các chương trình mục tiêu quốc gia;",
        "ND27-2022",
        None,
        "number",
        date(2022, 4, 19),
    ),
    (
        # The first number is the cited document; 27/2022 is a reference in its title.
        "Căn cứ Nghị định số 38/2023/NĐ-CP ngày 24/6/2023 của Chính phủ sửa đổi, bổ sung một "
        "số điều của Nghị định số 27/2022/NĐ-CP ngày 19/4/2022;",
        "ND38-2023",
        None,
        "number",
        date(2023, 6, 24),
    ),
    (
        "Căn cứ Nghị định số 163/2016/NĐ-CP ngày 21/12/2016 của Chính phủ quy định chi tiết "
        "thi hành một số điều của Luật Ngân sách nhà nước;",
        "ND163-2016",
        None,
        "number",
        date(2016, 12, 21),
    ),
    (
        "Căn cứ Thông tư số 344/2016/TT-BTC ngày 30/12/2016 của Bộ Tài chính quy định về "
        "quản lý ngân sách xã và các hoạt động tài chính khác của xã;",
        "TT344-2016",
        None,
        "number",
        date(2016, 12, 30),
    ),
    (
        "Căn cứ Nghị quyết số 06/2022/NQ-HĐND ngày 15/7/2022 của HĐND tỉnh Quảng Ninh quy "
        "định cơ chế lồng ghép nguồn vốn và huy động nguồn lực;",
        "QN-NQ-COCHE-2022",
        "quy_che",
        "number",
        date(2022, 7, 15),
    ),
    (
        "Căn cứ Quyết định số 1568/QĐ-UBND ngày 20/9/2021 của UBND thành phố Móng Cái phê "
        "duyệt Đề án xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu;",
        "MC-DEAN-2021",
        "de_an",
        "number",
        date(2021, 9, 20),
    ),
    # --- the documents of 2025-2026 (REGIME-2026.md §1, §5.1) ----------------------
    (
        "Căn cứ Luật Doanh nghiệp số 59/2020/QH14 ngày 17/6/2020;",
        "LDN-2020",
        None,
        "number",
        date(2020, 6, 17),
    ),
    (
        "Căn cứ Luật số 56/2024/QH15 ngày 29/11/2024 sửa đổi, bổ sung một số điều của Luật Ngân sách nhà nước;",
        "LNSNN-SD-2024",
        None,
        "number",
        date(2024, 11, 29),
    ),
    (
        "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16/6/2025;",
        "LTCCQDP-2025",
        None,
        "number",
        date(2025, 6, 16),
    ),
    (
        "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15 ngày 18/02/2025;",
        "LTCCP-2025",
        None,
        "number",
        date(2025, 2, 18),
    ),
    (
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13 ngày 22/6/2015;",
        "LBHVB-2015",
        None,
        "number",
        date(2015, 6, 22),
    ),
    (
        "Căn cứ Luật số 63/2020/QH14 sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật ngày 18/6/2020;",
        "LBHVB-SD-2020",
        None,
        "number",
        date(2020, 6, 18),
    ),
    (
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 ngày 19/02/2025;",
        "LBHVB-2025",
        None,
        "number",
        date(2025, 2, 19),
    ),
    (
        "Căn cứ Luật số 87/2025/QH15 ngày 25/6/2025 sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật;",
        "LBHVB-SD-2025",
        None,
        "number",
        date(2025, 6, 25),
    ),
    (
        "Căn cứ Luật số 90/2025/QH15 ngày 25/6/2025 sửa đổi, bổ sung một số điều của Luật Đấu thầu, Luật Đầu tư công;",
        "LDTC-SD-2025",
        "luat_dtc",
        "number",
        date(2025, 6, 25),
    ),
    (
        "Căn cứ Nghị định số 40/2020/NĐ-CP ngày 06/4/2020 của Chính phủ;",
        "ND40-2020",
        None,
        "number",
        date(2020, 4, 6),
    ),
    (
        "Căn cứ Nghị định số 85/2025/NĐ-CP ngày 08/4/2025 của Chính phủ;",
        "ND85-2025",
        None,
        "number",
        date(2025, 4, 8),
    ),
    (
        "Căn cứ Nghị định số 254/2025/NĐ-CP ngày 26/9/2025 của Chính phủ;",
        "ND254-2025",
        None,
        "number",
        date(2025, 9, 26),
    ),
    (
        "Căn cứ Nghị quyết số 257/2025/QH15 ngày 11/12/2025 của Quốc hội;",
        "NQ257-2025",
        None,
        "number",
        date(2025, 12, 11),
    ),
    (
        "Căn cứ Nghị quyết số 424/NQ-CP ngày 30/12/2025 của Chính phủ;",
        "NQ424-2025",
        None,
        "number",
        date(2025, 12, 30),
    ),
    (
        "Căn cứ Quyết định số 417/QĐ-BNNMT ngày 31/01/2026 của Bộ trưởng Bộ Nông nghiệp và Môi trường;",
        "QD417-2026",
        None,
        "number",
        date(2026, 1, 31),
    ),
    (
        "Căn cứ Nghị định số 358/2025/NĐ-CP ngày 31/12/2025 của Chính phủ;",
        "ND358-2025",
        None,
        "number",
        date(2025, 12, 31),
    ),
    (
        "Căn cứ Nghị định số 125/2025/NĐ-CP ngày 11/6/2025 của Chính phủ;",
        "ND125-2025",
        None,
        "number",
        date(2025, 6, 11),
    ),
    (
        "Căn cứ Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội;",
        "NQ202-2025",
        None,
        "number",
        date(2025, 6, 12),
    ),
    (
        "Căn cứ Nghị quyết số 1679/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội;",
        "NQ1679-2025",
        None,
        "number",
        date(2025, 6, 16),
    ),
    (
        "Căn cứ Nghị định số 73/2026/NĐ-CP ngày 10/3/2026 của Chính phủ;",
        "ND73-2026",
        None,
        "number",
        date(2026, 3, 10),
    ),
    (
        "Căn cứ Thông tư số 26/2026/TT-BTC ngày 25/3/2026 của Bộ Tài chính;",
        "TT26-2026",
        None,
        "number",
        date(2026, 3, 25),
    ),
    (
        "Căn cứ Thông tư số 55/2023/TT-BTC ngày 15/8/2023 của Bộ Tài chính;",
        "TT55-2023",
        None,
        "number",
        date(2023, 8, 15),
    ),
    # Issue dates unknown (unconfirmed rows): the date stays as written.
    (
        "Căn cứ Quyết định số 16/2026/QĐ-TTg ngày 20/3/2026 của Thủ tướng Chính phủ;",
        "QD16-2026",
        None,
        "number",
        date(2026, 3, 20),
    ),
    (
        "Căn cứ Thông tư số 60/2026/TT-BTC của Bộ Tài chính;",
        "TT60-2026",
        None,
        "number",
        None,
    ),
    # --- number variants ----------------------------------------------------------
    (
        "- Căn cứ Nghị định số 27/2022/ND-CP ngày 19/4/2022.",
        "ND27-2022",
        None,
        "number",
        date(2022, 4, 19),
    ),
    (
        "Căn cứ Quyết định 263/qd-ttg ngày 22-02-2022;",
        "QD263-2022",
        None,
        "number",
        date(2022, 2, 22),
    ),
    (
        "Căn cứ Nghị quyết số 6/2022/NQ-HDND ngày 15/7/2022 của HĐND tỉnh;",
        "QN-NQ-COCHE-2022",
        "quy_che",
        "number",
        date(2022, 7, 15),
    ),
    (
        "Căn cứ Nghị quyết số  06 / 2022 / NQ - HĐND   ngày  15 / 7 / 2022 ;",
        "QN-NQ-COCHE-2022",
        "quy_che",
        "number",
        date(2022, 7, 15),
    ),
    (
        # Legacy fonts type Đ as the Icelandic eth Ð.
        "Căn cứ Nghị định số 27/2022/NÐ-CP ngày 19/4/2022;",
        "ND27-2022",
        None,
        "number",
        date(2022, 4, 19),
    ),
    ("Căn cứ Nghị định số 27/2022/NĐCP;", "ND27-2022", None, "number", None),
    (
        # A year written into a yearless number, matching the document's year.
        "Căn cứ Quyết định số 263/2022/QĐ-TTg ngày 22/02/2022;",
        "QD263-2022",
        None,
        "number",
        date(2022, 2, 22),
    ),
    (
        # The same yearless number cited with another year is another decision.
        "Căn cứ Quyết định số 263/QĐ-TTg ngày 15/02/2019 của Thủ tướng Chính phủ;",
        None,
        None,
        None,
        date(2019, 2, 15),
    ),
    (
        "CĂN CỨ THÔNG TƯ SỐ 344/2016/TT-BTC NGÀY 30/12/2016 CỦA BỘ TÀI CHÍNH;",
        "TT344-2016",
        None,
        "number",
        date(2016, 12, 30),
    ),
    (
        nfd("Căn cứ Quyết định số 318/QĐ-TTg ngày 08 tháng 3 năm 2022 của Thủ tướng Chính phủ;"),
        "QD318-2022",
        None,
        "number",
        date(2022, 3, 8),
    ),
    (
        "Căn cứ Nghị định số 38/2023/NĐ-CP ngày 05 tháng 7 năm 2023 của Chính phủ;",
        "ND38-2023",
        None,
        "number",
        date(2023, 7, 5),
    ),
    (
        # A wrong date is kept as cited; a later rule compares it with issue_date.
        "Căn cứ Nghị định số 73/2003/NĐ-CP ngày 23/6/2004 của Chính phủ;",
        "ND73-2003",
        None,
        "number",
        date(2004, 6, 23),
    ),
    # --- by name and date ---------------------------------------------------------
    (
        "Căn cứ Luật Đầu tư công ngày 13 tháng 6 năm 2019;",
        "LDTC-2019",
        "luat_dtc",
        "name_date",
        date(2019, 6, 13),
    ),
    (
        "Can cu Luat Dau tu cong ngay 13/6/2019",
        "LDTC-2019",
        "luat_dtc",
        "name_date",
        date(2019, 6, 13),
    ),
    (
        "CĂN CỨ LUẬT ĐẦU TƯ CÔNG NGÀY 29 THÁNG 11 NĂM 2024;",
        "LDTC-2024",
        "luat_dtc",
        "name_date",
        date(2024, 11, 29),
    ),
    (
        "Căn cứ Luật Ngân sách nhà nước ngày 25/6/2015;",
        "LNSNN-2015",
        None,
        "name_date",
        date(2015, 6, 25),
    ),
    (
        # The real 2019 mistake: the 2002 law cited with the wrong year.
        "Căn cứ Luật Ngân sách nhà nước ngày 16/12/2003;",
        "LNSNN-2002",
        None,
        "name_date",
        date(2003, 12, 16),
    ),
    (
        nfd("Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2025;"),
        "LNSNN-2025",
        None,
        "name_date",
        date(2025, 6, 25),
    ),
    (
        "Căn cứ   Luật Tổ chức   chính quyền địa phương ngày 19 tháng 6 năm 2015 ;",
        "LTCCQDP-2015",
        None,
        "name_date",
        date(2015, 6, 19),
    ),
    (
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức "
        "chính quyền địa phương ngày 22 tháng 11 năm 2019;",
        "LTCCQDP-SD-2019",
        None,
        "name_date",
        date(2019, 11, 22),
    ),
    (
        "can cu luat sua doi bo sung mot so dieu cua luat to chuc chinh phu va luat to chuc "
        "chinh quyen dia phuong ngay 22/11/2019",
        "LTCCQDP-SD-2019",
        None,
        "name_date",
        date(2019, 11, 22),
    ),
    # --- by name, no date ---------------------------------------------------------
    ("Căn cứ Luật Đầu tư công;", None, "luat_dtc", "name", None),
    ("Căn cứ Luật Ngân sách nhà nước;", None, None, "name", None),
    # Two Local Government Laws (2015, 2025): without a number or date, neither is chosen.
    ("Căn cứ Luật Tổ chức chính quyền địa phương;", None, None, "name", None),
    ("Căn cứ Luật Ngân sách nhà nước năm 2015;", "LNSNN-2015", None, "name", None),
    ("Căn cứ Luật Đầu tư công năm 2019.", "LDTC-2019", "luat_dtc", "name", None),
    # --- keyword only -------------------------------------------------------------
    (
        "Căn cứ Quyết định số 2145/QĐ-UBND ngày 12/8/2020 của UBND thành phố Móng Cái phê "
        "duyệt đồ án Quy hoạch chung xây dựng xã Hải Xuân",
        None,
        "quy_hoach",
        "keyword",
        date(2020, 8, 12),
    ),
    (
        "Căn cứ Quyết định số 3021/QĐ-UBND ngày 05/10/2021 của UBND tỉnh phê duyệt Đề án xây "
        "dựng nông thôn mới kiểu mẫu đến năm 2025;",
        None,
        "de_an",
        "keyword",
        date(2021, 10, 5),
    ),
    (
        "Căn cứ Quyết định số 12/2023/QĐ-UBND ngày 01/02/2023 ban hành Quy chế quản lý, sử "
        "dụng vốn ngân sách thực hiện chương trình nông thôn mới;",
        None,
        "quy_che",
        "keyword",
        date(2023, 2, 1),
    ),
    (
        "Căn cứ Nghị quyết số 15/2022/NQ-HDND cua HDND tinh quy dinh co che ho tro xay dung "
        "nong thon moi",
        None,
        "quy_che",
        "keyword",
        None,
    ),
    (
        # A yearless number reused in another year is another document.
        "Căn cứ Quyết định số 1568/QĐ-UBND ngày 10/3/2023 của UBND huyện Tiên Yên phê duyệt "
        "Đề án phát triển sản phẩm OCOP;",
        None,
        "de_an",
        "keyword",
        date(2023, 3, 10),
    ),
    # --- unrecognised ---------------------------------------------------------------
    ("Căn cứ kết quả kỳ họp;", None, None, None, None),
    ("Xét đề nghị của Ủy ban nhân dân xã", None, None, None, None),
    (
        # The cited document is the submission; 263/QĐ-TTg is only referred to.
        "Xét Tờ trình số 73/TTr-UBND ngày 05/7/2023 của UBND xã về thực hiện Quyết định "
        "263/QĐ-TTg;",
        None,
        None,
        None,
        date(2023, 7, 5),
    ),
    (
        # A decree detailing a law is not the law itself (a number not in the registry).
        "Căn cứ Nghị định số 999/2020/NĐ-CP ngày 06/4/2020 của Chính phủ quy định chi tiết "
        "thi hành một số điều của Luật Đầu tư công;",
        None,
        None,
        None,
        date(2020, 4, 6),
    ),
    ("", None, None, None, None),
]


@pytest.mark.parametrize(
    ("line", "doc_id", "category", "method", "cited_date"),
    CASES,
    ids=[f"{i:02d}-{case[0][:40]}" for i, case in enumerate(CASES)],
)
def test_recognise(recogniser, line, doc_id, category, method, cited_date):
    # As in demo data: the invented demo documents are recognised there only.
    got = recogniser.recognise(line, demo=True)
    assert (got.doc_id, got.category, got.method, got.cited_date) == (
        doc_id,
        category,
        method,
        cited_date,
    )


def test_every_registry_document_is_covered():
    covered = {case[1] for case in CASES if case[3] == "number"}
    assert {doc.doc_id for doc in load_documents(DATA_DIR / "legal_documents.csv")} <= covered


@pytest.mark.parametrize(
    ("line", "cited_number"),
    [
        ("Căn cứ Nghị định số 27/2022/NĐ-CP ngày 19/4/2022;", "27/2022/NĐ-CP"),
        ("Căn cứ Nghị định số 27 / 2022 / nd - cp;", "27/2022/NĐ-CP"),
        ("Căn cứ Quyết định số 263/QD-TTG;", "263/QĐ-TTg"),
        ("Căn cứ Luật số 39/2019/qh14;", "39/2019/QH14"),
        ("Căn cứ Nghị quyết số 6/2022/NQ-HDND;", "6/2022/NQ-HĐND"),
        ("Căn cứ Thông tư số 344/2016/TT-BTC;", "344/2016/TT-BTC"),
        ("Căn cứ Quyết định số 2145/QĐ-UBND ngày 12/8/2020", "2145/QĐ-UBND"),
        ("Xét Tờ trình số 73/TTr-UBND ngày 05/7/2023", "73/TTr-UBND"),
        ("Căn cứ Luật Đầu tư công ngày 13/6/2019", None),
        ("Căn cứ kết quả kỳ họp;", None),
    ],
)
def test_cited_number(recogniser, line, cited_number):
    assert recogniser.recognise(line).cited_number == cited_number


def test_unrecognised_line_keeps_number_and_date(recogniser):
    got = recogniser.recognise("Xét Tờ trình số 73/TTr-UBND ngày 05/7/2023;")
    assert got == Recognition(None, None, "73/TTr-UBND", date(2023, 7, 5), None)


def test_date_of_a_later_number_is_not_taken(recogniser):
    got = recogniser.recognise(
        "Căn cứ Nghị định số 38/2023/NĐ-CP sửa đổi Nghị định số 27/2022/NĐ-CP ngày 19/4/2022;"
    )
    assert (got.doc_id, got.cited_date) == ("ND38-2023", None)


def test_recognise_is_cached_and_stable(recogniser):
    line = "Căn cứ Luật Đầu tư công ngày 13/6/2019;"
    assert recogniser.recognise(line) is recogniser.recognise(nfd(line).upper())


def test_load_documents_types():
    docs = {doc.doc_id: doc for doc in load_documents(DATA_DIR / "legal_documents.csv")}
    lnsnn = docs["LNSNN-2002"]
    assert isinstance(lnsnn, RegistryDocument)
    assert lnsnn.issue_date == date(2002, 12, 16)
    assert lnsnn.effective_date == date(2004, 1, 1)
    assert lnsnn.repealed_date == date(2016, 12, 31)
    assert lnsnn.basis_category is None
    assert docs["LDTC-2024"].repealed_date is None
    assert docs["LDTC-2019"].basis_category == "luat_dtc"


def test_empty_registry_never_recognises():
    recogniser = BasisRecogniser([], [])
    got = recogniser.recognise("Căn cứ Luật Đầu tư công ngày 13/6/2019;")
    assert got == Recognition(None, None, None, date(2019, 6, 13), None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("19/4/2022", date(2022, 4, 19)),
        ("ngày 05/07/2023", date(2023, 7, 5)),
        ("ngày 22-02-2022", date(2022, 2, 22)),
        ("ngày 13 / 6 / 2019", date(2019, 6, 13)),
        ("ngày 05 tháng 7 năm 2023", date(2023, 7, 5)),
        ("NGÀY 1 THÁNG 2 NĂM 2023", date(2023, 2, 1)),
        ("ngay 13 thang 6 nam 2019", date(2019, 6, 13)),
        (nfd("ngày 29 tháng 11 năm 2024"), date(2024, 11, 29)),
        ("Luật ... ngày 25/6/2015, sửa đổi ngày 22/11/2019", date(2015, 6, 25)),
        ("số 27/2022/NĐ-CP ngày 19/4/2022", date(2022, 4, 19)),
        ("29/02/2024", date(2024, 2, 29)),
        ("31/02/2023", None),
        ("29/02/2023", None),
        ("ngày 32 tháng 1 năm 2023", None),
        ("00/00/2023", None),
        ("ngày 15/13/2022", None),
        ("19/4-2022", None),
        ("giai đoạn 2021 - 2025", None),
        ("tháng 7 năm 2023", None),
        ("số 27/2022/NĐ-CP", None),
        ("", None),
    ],
)
def test_parse_vn_date(text, expected):
    assert parse_vn_date(text) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.text(alphabet="0123456789/- ngaythámăĐđQĐNDCPHSố.;,()", max_size=80),
        st.lists(
            st.sampled_from(
                [
                    "Căn cứ",
                    "Luật",
                    "Đầu tư công",
                    "ngày",
                    "tháng",
                    "năm",
                    "số",
                    "27",
                    "/",
                    "-",
                    "2022",
                    "NĐ-CP",
                    "QĐ-TTg",
                    "của",
                    "Quy hoạch",
                    "13",
                    "31",
                    "02",
                    " ",
                    ";",
                ]
            ),
            max_size=30,
        ).map("".join),
    )
)
def test_recognise_never_raises(recogniser, text):
    got = recogniser.recognise(text)
    assert isinstance(got, Recognition)
    assert got.method in {None, "number", "name_date", "name", "keyword"}
    parse_vn_date(text)


# -- the law of 2025-2026 -------------------------------------------------------------------

# Every "Căn cứ" line of REGIME-2026.md §3 (a 2026 commune NTM / budget resolution), and
# what it cites: (line, doc_id, category).
REGIME_2026_LINES = [
    (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "LTCCQDP-2025",
        None,
    ),
    (
        "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2025 (số 89/2025/QH15);",
        "LNSNN-2025",
        None,
    ),
    (
        # One line, two laws: the first cited is recognised.
        "Căn cứ Luật Đầu tư công ngày 29 tháng 11 năm 2024; Luật sửa đổi, bổ sung một số điều "
        "của Luật Đấu thầu; … Luật Đầu tư công; Luật Quản lý, sử dụng tài sản công ngày 25 "
        "tháng 6 năm 2025;",
        "LDTC-2024",
        "luat_dtc",
    ),
    (
        "Căn cứ Nghị quyết số 257/2025/QH15 ngày 11 tháng 12 năm 2025 của Quốc hội …;",
        "NQ257-2025",
        None,
    ),
    (
        "Căn cứ Nghị định số 73/2026/NĐ-CP ngày 10 tháng 3 năm 2026 …; Nghị định số "
        "85/2025/NĐ-CP ngày 08 tháng 4 năm 2025 …;",
        "ND73-2026",
        None,
    ),
    (
        "Căn cứ Quyết định số 51/2025/QĐ-TTg ngày 29 tháng 12 năm 2025 …; Quyết định số "
        "417/QĐ-BNNMT ngày 31 tháng 01 năm 2026 …;",
        "QD51-2025",
        None,
    ),
    (
        # A provincial resolution not in the registry stays unrecognised (a gap to fill).
        "Căn cứ Nghị quyết số 15/2025/NQ-HĐND ngày 11/12/2025 của Hội đồng nhân dân thành phố "
        "Đà Nẵng quy định phân cấp nguồn thu, nhiệm vụ chi ngân sách năm 2026;",
        None,
        None,
    ),
    # The amending law of §3, on its own line, by its full title and by its short form.
    (
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Đấu thầu, Luật Đầu tư theo phương "
        "thức đối tác công tư, Luật Hải quan, Luật Thuế giá trị gia tăng, Luật Thuế xuất khẩu, "
        "thuế nhập khẩu, Luật Đầu tư, Luật Đầu tư công, Luật Quản lý, sử dụng tài sản công ngày "
        "25 tháng 6 năm 2025;",
        "LDTC-SD-2025",
        "luat_dtc",
    ),
    ("Căn cứ Luật sửa đổi … Luật Đầu tư công ngày 25/6/2025;", "LDTC-SD-2025", "luat_dtc"),
    # The obsolete grounds of §3's table, still recognised (so the rules can flag them).
    ("Căn cứ Luật Đầu tư công ngày 13 tháng 6 năm 2019;", "LDTC-2019", "luat_dtc"),
    ("Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;", "LNSNN-2015", None),
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", "LTCCQDP-2015", None),
]

# Every line of a 2023 commune NTM resolution (the demo's model, as communes write it).
RESOLUTION_2023_LINES = [
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", "LTCCQDP-2015", None),
    (
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức "
        "chính quyền địa phương ngày 22 tháng 11 năm 2019;",
        "LTCCQDP-SD-2019",
        None,
    ),
    ("Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;", "LNSNN-2015", None),
    ("Căn cứ Luật Đầu tư công ngày 13 tháng 6 năm 2019;", "LDTC-2019", "luat_dtc"),
    (
        "Căn cứ Nghị quyết số 25/2021/QH15 ngày 28/7/2021 của Quốc hội về việc phê duyệt chủ "
        "trương đầu tư Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021 - 2025;",
        "NQ25-2021",
        None,
    ),
    (
        "Căn cứ Quyết định số 263/QĐ-TTg ngày 22/02/2022 của Thủ tướng Chính phủ phê duyệt "
        "Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021 - 2025;",
        "QD263-2022",
        None,
    ),
    (
        "Căn cứ Quyết định số 318/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ ban hành Bộ "
        "tiêu chí quốc gia về xã nông thôn mới và Bộ tiêu chí quốc gia về xã nông thôn mới nâng "
        "cao giai đoạn 2021 - 2025;",
        "QD318-2022",
        None,
    ),
    (
        "Căn cứ Nghị định số 27/2022/NĐ-CP ngày 19/4/2022 của Chính phủ quy định cơ chế quản lý, "
        "tổ chức thực hiện các chương trình mục tiêu quốc gia;",
        "ND27-2022",
        None,
    ),
    (
        "Căn cứ Nghị định số 38/2023/NĐ-CP ngày 24/6/2023 của Chính phủ sửa đổi, bổ sung một số "
        "điều của Nghị định số 27/2022/NĐ-CP;",
        "ND38-2023",
        None,
    ),
    (
        "Căn cứ Quyết định số 2148/QĐ-UBND ngày 18/8/2020 của Ủy ban nhân dân thành phố Móng Cái "
        "phê duyệt đồ án Quy hoạch chung xây dựng xã Hải Xuân đến năm 2030;",
        None,
        "quy_hoach",
    ),
    (
        "Căn cứ Thông tư số 344/2016/TT-BTC ngày 30/12/2016 của Bộ Tài chính quy định về quản lý "
        "ngân sách xã và các hoạt động tài chính khác của xã, phường, thị trấn;",
        "TT344-2016",
        None,
    ),
    (
        "Căn cứ Nghị định số 163/2016/NĐ-CP ngày 21/12/2016 của Chính phủ quy định chi tiết thi "
        "hành một số điều của Luật Ngân sách nhà nước;",
        "ND163-2016",
        None,
    ),
    ("Xét Tờ trình số 21/TTr-UBND ngày 10/7/2023 của Ủy ban nhân dân xã;", None, None),
]


@pytest.mark.parametrize(
    ("line", "doc_id", "category"),
    REGIME_2026_LINES + RESOLUTION_2023_LINES,
    ids=[f"{i:02d}-{c[0][7:47]}" for i, c in enumerate(REGIME_2026_LINES + RESOLUTION_2023_LINES)],
)
def test_regime_and_2023_lines(recogniser, line, doc_id, category):
    got = recogniser.recognise(line)
    assert (got.doc_id, got.category) == (doc_id, category)


@pytest.mark.parametrize(
    ("line", "doc_id"),
    [
        # An explicit number wins over the name before it.
        ("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;", "LTCCQDP-2025"),
        ("Căn cứ Luật Tổ chức chính quyền địa phương số 99/2030/QH16;", None),
        ("Căn cứ Luật Ngân sách nhà nước số 89/2025/QH15;", "LNSNN-2025"),
        # Short forms of the amending law of 22/11/2019 (47/2019/QH14).
        (
            "Căn cứ Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22/11/2019;",
            "LTCCQDP-SD-2019",
        ),
        ("Căn cứ Luật sửa đổi … ngày 22/11/2019;", "LTCCQDP-SD-2019"),
        ("Căn cứ Luật sửa đổi, bổ sung một số điều ngày 22 tháng 11 năm 2019;", "LTCCQDP-SD-2019"),
        # The name with the amending law's exact date is that amending law's short form ...
        ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 22/11/2019;", "LTCCQDP-SD-2019"),
        # ... any other date picks the law named, closest by date.
        ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 20/6/2015;", "LTCCQDP-2015"),
    ],
)
def test_number_wins_and_amending_short_forms(recogniser, line, doc_id):
    assert recogniser.recognise(line).doc_id == doc_id


def test_demo_documents_do_not_recognise_real_data(recogniser):
    """The invented demo rows (scheme, provincial mechanism) match demo resolutions only."""
    demo_only = {d.doc_id for d in load_documents(DATA_DIR / "legal_documents.csv") if d.demo_only}
    assert demo_only == {"QN-NQ-COCHE-2022", "MC-DEAN-2021"}
    line = (
        "Căn cứ Nghị quyết số 06/2022/NQ-HĐND ngày 15/7/2022 của HĐND tỉnh Quảng Ninh quy định "
        "cơ chế lồng ghép nguồn vốn và huy động nguồn lực;"
    )
    real = recogniser.recognise(line)
    assert real.doc_id is None and real.category == "quy_che"  # still a regulation, by keyword
    assert recogniser.recognise(line, demo=True).doc_id == "QN-NQ-COCHE-2022"
    scheme = "Căn cứ Quyết định số 1568/QĐ-UBND ngày 20/9/2021 của UBND thành phố Móng Cái;"
    assert recogniser.recognise(scheme).doc_id is None
    assert recogniser.recognise(scheme, demo=True).doc_id == "MC-DEAN-2021"


def test_registry_confirmed_flags_follow_regime_2026():
    """§5.1 of REGIME-2026.md: corrections, and confirmed = false where the source is not sure."""
    docs = {d.doc_id: d for d in load_documents(DATA_DIR / "legal_documents.csv")}
    import csv

    with (DATA_DIR / "legal_documents.csv").open(encoding="utf-8") as handle:
        confirmed = {r["doc_id"]: r["confirmed"] == "true" for r in csv.DictReader(handle)}
    assert docs["QD51-2025"].issue_date == date(2025, 12, 29)
    assert docs["QD51-2025"].effective_date == date(2026, 2, 15)
    assert docs["QD318-2022"].repealed_date == docs["QD319-2022"].repealed_date == date(2026, 2, 14)
    assert docs["TT344-2016"].repealed_date == date(2026, 3, 24)
    assert docs["ND163-2016"].repealed_date == date(2025, 12, 31)
    assert docs["LTCCQDP-2015"].repealed_date == date(2025, 6, 30)
    for doc_id in ("LNSNN-2025", "LDTC-2024", "QD51-2025", "ND73-2026", "QD417-2026"):
        assert confirmed[doc_id], doc_id
    # MEDIUM or UNCONFIRMED in the sources: data, flagged.
    for doc_id in (
        "TT344-2016",  # repealed by TT 26/2026: MEDIUM
        "QD318-2022",  # repealed by QĐ 51/2025: UNCONFIRMED
        "LTCCQDP-2015",  # replaced by Luật 72/2025 on a date not confirmed
        "LTCCQDP-2025",  # effective date MEDIUM
        "NQ257-2025",  # effective date UNCONFIRMED
        "ND85-2025",
        "ND358-2025",
        "ND254-2025",
    ):
        assert not confirmed[doc_id], doc_id
