"""Vietnamese money and date formats, and the accent folding behind search."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.fmt import (
    group_thousands,
    money,
    money_unit_label,
    next_money_unit,
    official_date,
    vn_date,
)
from tui.core.textfold import fold, matches, nfc

# -- money --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [
        (0, "dong", "0"),
        (999, "dong", "999"),
        (1_000, "dong", "1.000"),
        (1_234_567, "dong", "1.234.567"),
        (5_000_000_000, "dong", "5.000.000.000"),
        (-1_234_567, "dong", "-1.234.567"),
        (-999, "dong", "-999"),
        (14_813_000_000, "trieu", "14.813"),
        (1_500_000, "trieu", "2"),  # half rounds up, not to even
        (2_500_000, "trieu", "3"),
        (1_499_999, "trieu", "1"),
        (-14_813_000_000, "trieu", "-14.813"),
        (193_155_600_000_000, "ty", "193.155,6"),
        (5_000_000_000, "ty", "5,0"),
        (1_250_000_000, "ty", "1,3"),
        (950_000_000, "ty", "1,0"),
        (40_000_000, "ty", "0,0"),
        (-193_155_600_000_000, "ty", "-193.155,6"),
        (-250_000_000, "ty", "-0,3"),
    ],
)
def test_money(amount, unit, expected):
    assert money(amount, unit) == expected


def test_money_none():
    assert money(None) == "—"
    assert money(None, "ty") == "—"
    assert money(None, blank="") == ""


def test_money_is_exact_for_huge_amounts():
    """No float on the way: a national total of 10^18 đồng keeps every digit."""
    assert money(10**18 + 1) == "1.000.000.000.000.000.001"
    assert money(123_456_789_012_345_678_901, "ty") == "123.456.789.012,3"


def test_money_units_cycle_and_labels():
    assert next_money_unit("dong") == "trieu"
    assert next_money_unit("trieu") == "ty"
    assert next_money_unit("ty") == "dong"
    assert money_unit_label("trieu") == "triệu đồng"
    assert money_unit_label("ty", "en") == "billion đồng"
    assert money_unit_label("dong", "en") == "đồng"


@given(st.integers(min_value=-(10**21), max_value=10**21))
def test_money_round_trips(amount):
    text = money(amount)
    assert int(text.replace(".", "")) == amount
    assert text == group_thousands(amount)
    digits = text.lstrip("-").split(".")
    assert all(len(group) == 3 for group in digits[1:]) and 1 <= len(digits[0]) <= 3


@given(st.integers(min_value=-(10**18), max_value=10**18))
def test_money_in_ty_is_within_half_a_step(amount):
    text = money(amount, "ty")
    whole, frac = text.replace(".", "").split(",")
    shown = int(whole.lstrip("-") + frac) * (-1 if text.startswith("-") else 1)
    # shown is in units of 0.1 tỷ = 100,000,000 đồng
    assert abs(shown * 100_000_000 - amount) <= 50_000_000


# -- dates --------------------------------------------------------------------------------


def test_vn_date():
    assert vn_date(date(2023, 7, 5)) == "05/07/2023"
    assert vn_date(date(2023, 12, 31)) == "31/12/2023"
    assert vn_date(datetime(2024, 2, 29, 13, 45)) == "29/02/2024"
    assert vn_date(None) == "—"
    assert vn_date(None, blank="") == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2023, 7, 5), "ngày 05 tháng 7 năm 2023"),
        (date(2023, 2, 1), "ngày 01 tháng 02 năm 2023"),
        (date(2023, 1, 15), "ngày 15 tháng 01 năm 2023"),
        (date(2023, 3, 1), "ngày 01 tháng 3 năm 2023"),
        (date(2023, 12, 31), "ngày 31 tháng 12 năm 2023"),
    ],
)
def test_official_date(value, expected):
    """Nghị định 30/2020/NĐ-CP: days below 10 and months 1 and 2 take a leading zero."""
    assert official_date(value) == expected


# -- folding and search -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hải Xuân", "hai xuan"),
        ("HẢI XUÂN", "hai xuan"),
        ("Đông", "dong"),
        ("đường Đồng Mương", "duong dong muong"),
        ("  Vĩnh   Thực \t", "vinh thuc"),
        ("Quảng Nghĩa", "quang nghia"),
        ("Nghị quyết 15/NQ-HĐND", "nghi quyet 15/nq-hdnd"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold(text, expected):
    assert fold(text) == expected


def test_fold_nfd_input_matches_nfc():
    for word in ("Hải Xuân", "Vĩnh Thực", "Hoà Lạc", "Đề án", "Luật Đầu tư công"):
        nfd = unicodedata.normalize("NFD", word)
        assert nfd != word
        assert fold(nfd) == fold(word)
        assert nfc(nfd) == word


def test_fold_both_accent_placements():
    """Old style "Hoà" and new style "Hòa" are the same word."""
    assert fold("Hoà") == fold("Hòa") == "hoa"
    assert fold("Thuỷ") == fold("Thủy") == "thuy"


def test_matches():
    key = fold("Hải Xuân")
    assert matches("hai xuan", key)
    assert matches("Hải", key)
    assert matches("XUÂN hai", key)  # word order does not matter
    assert matches("", key)
    assert not matches("hai son", key)
    assert matches("dong", fold("Hải Đông"))
    assert matches("hoa lac", fold("Hòa Lạc"))


def test_nfc():
    assert nfc(None) == ""
    assert nfc("  Hải   Xuân ") == "Hải Xuân"
    assert unicodedata.is_normalized("NFC", nfc(unicodedata.normalize("NFD", "Vĩnh Trung")))


VIETNAMESE = st.text(
    alphabet=st.sampled_from(
        list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ ")
        + list("àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
        + ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\t", "\n"]
    ),
    max_size=40,
)


@given(VIETNAMESE)
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(st.text(max_size=60))
def test_fold_any_text_is_idempotent_and_plain(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert folded == folded.strip() and "  " not in folded
    assert not any(unicodedata.combining(ch) for ch in folded)


@given(VIETNAMESE)
def test_fold_ignores_normal_form_and_case(text):
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))
    assert fold(text.upper()) == fold(text.lower()) == fold(text)


@given(VIETNAMESE)
def test_text_always_matches_itself(text):
    assert matches(text, fold(text))
    assert matches(unicodedata.normalize("NFD", text).upper(), fold(text))
