"""Vietnamese number and date formats: 1.234.567 đồng, 14.813 triệu, 193.155,6 tỷ, dd/mm/yyyy."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from .lang.i18n import t
from .lang.language import VI, Lang

MONEY_UNITS = ("dong", "trieu", "ty")
_DIVISORS = {"dong": 1, "trieu": 1_000_000, "ty": 1_000_000_000}
_DECIMALS = {"dong": 0, "trieu": 0, "ty": 1}


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


def money_unit_label(unit: str, lang: Lang = VI) -> str:
    """The display unit's name (catalogue money_unit_<unit>): "triệu đồng", "million đồng"."""
    return t(f"money_unit_{unit}", lang)


def vn_date(value: date | datetime | None, *, blank: str = "—") -> str:
    if value is None:
        return blank
    return value.strftime("%d/%m/%Y")


def vn_datetime(value: datetime | str | None, *, blank: str = "—") -> str:
    """dd/mm/yyyy HH:MM:SS with the UTC offset (+07:00) of an aware datetime or ISO text."""
    if value is None:
        return blank
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    text = value.strftime("%d/%m/%Y %H:%M:%S")
    offset = value.strftime("%z")
    return f"{text} {offset[:3]}:{offset[3:]}" if offset else text


_VN_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_date(text: str) -> date | None:
    """A date typed as dd/mm/yyyy (Vietnamese) or yyyy-mm-dd (ISO); None if neither."""
    text = (text or "").strip()
    if match := _VN_DATE.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def official_date(value: date) -> str:
    """The date line of an official document: day below 10 and months 1–2 padded."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"
