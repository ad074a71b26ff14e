"""Money, dates, years and yes/no as commune clerks type them (tui/core/io/vnparse.py)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from tui.core.io.vnparse import (
    DONG,
    ParseError,
    dvt_unit,
    parse_bool,
    parse_date,
    parse_money,
    parse_positive_int,
    parse_year,
    plain_text,
    split_header_unit,
)

MILLION = Decimal(10**6)
BILLION = Decimal(10**9)

MONEY = [
    # (cell, unit of the column, đồng)
    ("1.234.567", DONG, 1_234_567),
    ("1.234.567 đồng", DONG, 1_234_567),
    ("1.234.567 Đồng", DONG, 1_234_567),
    ("5.972.502.000đ", DONG, 5_972_502_000),
    ("5.972.502.000 VNĐ", DONG, 5_972_502_000),
    ("5.972.502.000 vnd", DONG, 5_972_502_000),
    ("1.234,5 triệu", DONG, 1_234_500_000),
    ("1.234,5 triệu đồng", DONG, 1_234_500_000),
    ("2,5 tỷ", DONG, 2_500_000_000),
    ("2,5 tỉ đồng", DONG, 2_500_000_000),
    ("2.5 tỷ", DONG, 2_500_000_000),  # typed on an English keyboard
    ("193.155,6 tỷ đồng", DONG, 193_155_600_000_000),
    ("14.813 triệu đồng", DONG, 14_813_000_000),
    ("350 nghìn đồng", DONG, 350_000),
    ("3 tr", DONG, 3_000_000),
    ("1 234 567", DONG, 1_234_567),
    ("1,234,567", DONG, 1_234_567),
    ("1,234,567.00", DONG, 1_234_567),
    ("1.234.567,00", DONG, 1_234_567),
    ("0", DONG, 0),
    ("+1.000", DONG, 1_000),
    # the column's unit applies to bare numbers, not to a number that names its own unit
    ("1.500", MILLION, 1_500_000_000),
    ("1.234,5", MILLION, 1_234_500_000),
    ("12,75", MILLION, 12_750_000),
    ("800.000.000đ", MILLION, 800_000_000),
    ("0,25", BILLION, 250_000_000),
    # numbers stored by Excel
    (5_972_502_000, DONG, 5_972_502_000),
    (5_972_502_000.0, DONG, 5_972_502_000),
    (1234.5, MILLION, 1_234_500_000),
    (0.1, BILLION, 100_000_000),
    (Decimal("2.5"), BILLION, 2_500_000_000),
    # empty cells
    (None, DONG, None),
    ("", DONG, None),
    ("   ", DONG, None),
]


@pytest.mark.parametrize(("cell", "unit", "expected"), MONEY)
def test_money(cell, unit, expected):
    assert parse_money(cell, unit) == expected


MONEY_ERRORS = [
    ("hai tỷ", "imp_money"),
    ("một tỷ năm trăm triệu", "imp_money"),
    ("chưa xác định", "imp_money"),
    ("x", "imp_money"),
    ("đồng", "imp_money"),
    ("12.34.5", "imp_money"),
    ("1.2.3", "imp_money"),
    ("1,23,4", "imp_money"),
    ("5 đô la", "imp_money"),
    (True, "imp_money"),
    (float("nan"), "imp_money"),
    ("-5.000", "imp_money_negative"),
    ("− 5.000", "imp_money_negative"),
    ("(1.200.000.000)", "imp_money_negative"),
    (-1_200_000_000, "imp_money_negative"),
    (-0.5, "imp_money_negative"),
    ("1.234,5", "imp_money_fraction"),
    ("1.500.000.000,5 đồng", "imp_money_fraction"),
    (1234.5, "imp_money_fraction"),
]


@pytest.mark.parametrize(("cell", "key"), MONEY_ERRORS)
def test_money_errors(cell, key):
    with pytest.raises(ParseError) as err:
        parse_money(cell, DONG)
    assert err.value.key == key


def test_money_is_exact_for_large_amounts():
    # 0,1 tỷ as a float is 0.1000000000000000055…; Decimal(str(.)) keeps it exact.
    assert parse_money(0.1, BILLION) == 100_000_000
    assert parse_money("9.007.199.254.740.993", DONG) == 9_007_199_254_740_993


@pytest.mark.parametrize(
    ("header", "base", "unit"),
    [
        ("Tổng mức đầu tư (triệu đồng)", "Tổng mức đầu tư", MILLION),
        ("Số tiền (đồng)", "Số tiền", DONG),
        ("Số tiền (tỷ đồng)", "Số tiền", BILLION),
        ("Số tiền (ĐVT: triệu đồng)", "Số tiền", MILLION),
        ("Số tiền (Triệu Đồng)", "Số tiền", MILLION),
        ("Số tiền", "Số tiền", None),
        ("Chương trình, tỷ lệ lồng ghép", "Chương trình, tỷ lệ lồng ghép", None),
        ("Tên công trình (ghi rõ)", "Tên công trình (ghi rõ)", None),
    ],
)
def test_unit_in_header(header, base, unit):
    assert split_header_unit(header) == (base, unit)


@pytest.mark.parametrize(
    ("line", "unit"),
    [
        ("ĐVT: triệu đồng", MILLION),
        ("ĐVT : Triệu đồng", MILLION),
        ("Đơn vị tính: đồng", DONG),
        ("đvt: tỷ đồng", BILLION),
        ("Đơn vị: nghìn đồng", Decimal(1000)),
        ("DVT: trieu dong", MILLION),
        ("Danh mục công trình", None),
        ("ĐVT: người", None),
    ],
)
def test_dvt_line(line, unit):
    assert dvt_unit(line) == unit


DATES = [
    ("05/07/2023", date(2023, 7, 5)),
    ("5/7/2023", date(2023, 7, 5)),
    ("05-07-2023", date(2023, 7, 5)),
    ("05.07.2023", date(2023, 7, 5)),
    (" 5 / 7 / 2023 ", date(2023, 7, 5)),
    ("ngày 05 tháng 7 năm 2023", date(2023, 7, 5)),
    ("Ngày 01 tháng 02 năm 2023", date(2023, 2, 1)),
    ("Hải Xuân, ngày 5 tháng 07 năm 2023", date(2023, 7, 5)),
    ("ngay 5 thang 7 nam 2023", date(2023, 7, 5)),
    ("2023-07-05", date(2023, 7, 5)),
    ("2023-07-05 00:00:00", date(2023, 7, 5)),
    ("2023-07-05T10:30", date(2023, 7, 5)),
    (datetime(2023, 7, 5, 0, 0), date(2023, 7, 5)),
    (date(2024, 2, 29), date(2024, 2, 29)),
    ("29/02/2024", date(2024, 2, 29)),
    (None, None),
    ("", None),
]


@pytest.mark.parametrize(("cell", "expected"), DATES)
def test_dates(cell, expected):
    assert parse_date(cell) == expected


@pytest.mark.parametrize(
    ("cell", "key", "params"),
    [
        ("31/02/2023", "imp_date_impossible", {"day": 31, "month": 2, "year": 2023}),
        ("29/02/2023", "imp_date_impossible", {"day": 29, "month": 2, "year": 2023}),
        ("07/13/2023", "imp_date_impossible", {"day": 7, "month": 13, "year": 2023}),
        ("ngày 32 tháng 1 năm 2023", "imp_date_impossible", {"day": 32, "month": 1, "year": 2023}),
        ("2023-04-31", "imp_date_impossible", {"day": 31, "month": 4, "year": 2023}),
        ("05/07/1900", "imp_date_year", {"year": 1900, "low": 1945, "high": 2100}),
        ("hôm qua", "imp_date", {}),
        ("tháng 7/2023", "imp_date", {}),
        ("05/07/23", "imp_date", {}),
        (45112, "imp_date", {}),
    ],
)
def test_date_errors(cell, key, params):
    with pytest.raises(ParseError) as err:
        parse_date(cell)
    assert (err.value.key, err.value.params) == (key, params)


@pytest.mark.parametrize(
    ("cell", "year"), [(2023, 2023), (2023.0, 2023), ("2023", 2023), ("", None)]
)
def test_year(cell, year):
    assert parse_year(cell) == year


@pytest.mark.parametrize("cell", ["năm ngoái", "23", 2023.5, "20233", 1800, True])
def test_year_errors(cell):
    with pytest.raises(ParseError) as err:
        parse_year(cell)
    assert err.value.key == "imp_year"


@pytest.mark.parametrize(("cell", "n"), [(1, 1), (3.0, 3), ("12", 12), (None, None)])
def test_positive_int(cell, n):
    assert parse_positive_int(cell) == n


@pytest.mark.parametrize("cell", [0, -1, 1.5, "một", "1a"])
def test_positive_int_errors(cell):
    with pytest.raises(ParseError):
        parse_positive_int(cell)


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("có", True),
        ("Có", True),
        ("co", True),
        ("x", True),
        ("X", True),
        ("yes", True),
        (1, True),
        (True, True),
        ("không", False),
        ("Không", False),
        ("khong", False),
        ("no", False),
        (0, False),
        (False, False),
        ("", None),
        (None, None),
    ],
)
def test_bool(cell, value):
    assert parse_bool(cell) == value


@pytest.mark.parametrize("cell", ["chắc có", "có lẽ", 2, "maybe"])
def test_bool_errors(cell):
    with pytest.raises(ParseError) as err:
        parse_bool(cell)
    assert err.value.key == "imp_bool"


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (6745.0, "6745"),
        (12, "12"),
        (date(2023, 7, 5), "05/07/2023"),
        ("  Hoa\u0300  Lạc ", "Hoà Lạc"),  # NFD in, NFC out, spaces collapsed
        (None, ""),
        (True, "có"),
    ],
)
def test_plain_text(cell, text):
    assert plain_text(cell) == text
