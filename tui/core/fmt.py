"""Vietnamese number and date formats: 1.234.567 đồng, 14.813 triệu, 193.155,6 tỷ, dd/mm/yyyy."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

MONEY_UNITS = ("dong", "trieu", "ty")
_DIVISORS = {"dong": 1, "trieu": 1_000_000, "ty": 1_000_000_000}
_DECIMALS = {"dong": 0, "trieu": 0, "ty": 1}
UNIT_LABELS = {
    "vi": {"dong": "đồng", "trieu": "triệu đồng", "ty": "tỷ đồng"},
    "en": {"dong": "đồng", "trieu": "million đồng", "ty": "billion đồng"},
}


def group_thousands(number: int) -> str:
    sign = "-" if number < 0 else ""
    return sign + f"{abs(number):,}".replace(",", ".")


def money(amount: int | None, unit: str = "dong", *, blank: str = "—") -> str:
    """Format integer đồng in the given display unit, Vietnamese style, without the unit name."""
    if amount is None:
        return blank
    divisor = _DIVISORS[unit]
    decimals = _DECIMALS[unit]
    if divisor == 1:
        return group_thousands(int(amount))
    quantum = Decimal(1).scaleb(-decimals)
    value = (Decimal(int(amount)) / divisor).quantize(quantum, rounding=ROUND_HALF_UP)
    whole, _, frac = f"{value:f}".partition(".")
    text = group_thousands(int(whole)) if whole not in ("-0",) else "-0"
    if value < 0 and not text.startswith("-"):
        text = "-" + text
    return f"{text},{frac}" if frac else text


def next_money_unit(unit: str) -> str:
    return MONEY_UNITS[(MONEY_UNITS.index(unit) + 1) % len(MONEY_UNITS)]


def money_unit_label(unit: str, lang: str = "vi") -> str:
    return UNIT_LABELS["en" if lang == "en" else "vi"][unit]


def vn_date(value: date | datetime | None, *, blank: str = "—") -> str:
    if value is None:
        return blank
    return value.strftime("%d/%m/%Y")


def official_date(value: date) -> str:
    """The date line of an official document: day below 10 and months 1–2 padded."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"
