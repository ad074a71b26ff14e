"""Recognition of ground lines ("Căn cứ ...") against the real registry in data/."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.basis import (
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
        "Căn cứ Quyết định số 51/2025/QĐ-TTg ngày 01/12/2025 của Thủ tướng Chính phủ;",
        "QD51-2025",
        None,
        "number",
        date(2025, 12, 1),
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
    ("Căn cứ Luật Tổ chức chính quyền địa phương;", "LTCCQDP-2015", None, "name", None),
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
        # A decree detailing a law is not the law itself.
        "Căn cứ Nghị định số 40/2020/NĐ-CP ngày 06/4/2020 của Chính phủ quy định chi tiết "
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
    got = recogniser.recognise(line)
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
