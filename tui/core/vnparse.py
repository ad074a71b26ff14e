"""Reading the numbers, dates and yes/no values clerks type into spreadsheets.

Money is returned as integer đồng (Decimal arithmetic, never floats): "1.234.567",
"1.234.567 đồng", "5.972.502.000đ", "1.234,5 triệu", "2,5 tỷ", or a number stored by
Excel. The unit comes from the cell text, else from the column ("Tổng mức đầu tư (triệu
đồng)"), else from a "ĐVT: triệu đồng" line above the header, else đồng.

Vietnamese writes "." between thousands and "," before decimals. A lone "." followed by
exactly three digits is a thousands separator ("1.500 triệu"); otherwise a lone "." is a
decimal point ("2.5 tỷ", as typed on an English keyboard). Several commas are English
thousands separators ("1,234,567").

Every parser raises ParseError(key, **params); the key names the i18n message that says
what was expected.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from .textfold import fold, nfc

DONG = Decimal(1)
UNIT_WORDS: dict[str, Decimal] = {
    # folded spelling → đồng per unit
    "dong": DONG,
    "d": DONG,
    "vnd": DONG,
    "vnđ": DONG,
    "₫": DONG,
    "nghin dong": Decimal(1000),
    "ngan dong": Decimal(1000),
    "nghin": Decimal(1000),
    "ngan": Decimal(1000),
    "trieu dong": Decimal(10**6),
    "trieu": Decimal(10**6),
    "tr": Decimal(10**6),
    "tr.d": Decimal(10**6),
    "trd": Decimal(10**6),
    "ty dong": Decimal(10**9),
    "ti dong": Decimal(10**9),
    "ty": Decimal(10**9),
    "ti": Decimal(10**9),
}
UNIT_LABELS = {
    DONG: ("đồng", "đồng"),
    Decimal(1000): ("nghìn đồng", "thousand đồng"),
    Decimal(10**6): ("triệu đồng", "million đồng"),
    Decimal(10**9): ("tỷ đồng", "billion đồng"),
}


class ParseError(ValueError):
    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def _unit_word(text: str) -> Decimal | None:
    key = fold(text).replace("vnđ", "vnd").strip(" .:()")
    key = re.sub(r"\s+", " ", key)
    return UNIT_WORDS.get(key)


_PAREN_UNIT = re.compile(r"\(([^()]*)\)\s*$")
_DVT = re.compile(r"^\s*(?:dvt|don vi tinh|don vi)\s*[:：]?\s*(?P<unit>.+?)\s*$")


def split_header_unit(header: str) -> tuple[str, Decimal | None]:
    """ "Tổng mức đầu tư (triệu đồng)" → ("Tổng mức đầu tư", 10**6)."""
    match = _PAREN_UNIT.search(header)
    if match:
        unit = _unit_word(match.group(1))
        if unit is None:
            inner = fold(match.group(1))
            found = _DVT.match(inner)
            unit = _unit_word(found.group("unit")) if found else None
        if unit is not None:
            return header[: match.start()].strip(), unit
    return header, None


def dvt_unit(text: str) -> Decimal | None:
    """The unit of a "ĐVT: triệu đồng" (or "Đơn vị tính: đồng") line; None otherwise."""
    found = _DVT.match(fold(text))
    if not found:
        return None
    return _unit_word(found.group("unit"))


_MONEY = re.compile(r"^(?P<sign>[-−–+])?\s*(?P<num>\d[\d.,  \u202f]*)\s*(?P<unit>[^\d]*)$")
_THOUSANDS_DOTS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_THOUSANDS_COMMAS = re.compile(r"^\d{1,3}(,\d{3})+$")


def _number(text: str) -> Decimal:
    """Parse the digits of an amount written the Vietnamese (or the English) way."""
    digits = re.sub(r"[  \u202f]", "", text)
    has_dot, has_comma = "." in digits, "," in digits
    if has_dot and has_comma:
        # Whichever comes last is the decimal separator.
        if digits.rfind(",") > digits.rfind("."):
            whole, _, frac = digits.rpartition(",")
            if not _THOUSANDS_DOTS.match(whole) and "." in whole:
                raise ParseError("imp_money")
            digits = whole.replace(".", "") + "." + frac
        else:
            whole, _, frac = digits.rpartition(".")
            if not _THOUSANDS_COMMAS.match(whole) and "," in whole:
                raise ParseError("imp_money")
            digits = whole.replace(",", "") + "." + frac
    elif has_dot:
        if digits.count(".") > 1 or _THOUSANDS_DOTS.match(digits):
            if not _THOUSANDS_DOTS.match(digits):
                raise ParseError("imp_money")
            digits = digits.replace(".", "")
    elif has_comma:
        if digits.count(",") > 1:
            if not _THOUSANDS_COMMAS.match(digits):
                raise ParseError("imp_money")
            digits = digits.replace(",", "")
        else:
            digits = digits.replace(",", ".")
    try:
        return Decimal(digits)
    except InvalidOperation:
        raise ParseError("imp_money") from None


def parse_money(value: object, unit: Decimal = DONG) -> int | None:
    """An amount in integer đồng; None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ParseError("imp_money")
    if isinstance(value, int | float | Decimal):
        if isinstance(value, float) and value != value:  # NaN
            raise ParseError("imp_money")
        amount = Decimal(str(value)) * unit
    else:
        text = nfc(str(value))
        if not text:
            return None
        negative = False
        if text.startswith("(") and text.endswith(")"):
            negative, text = True, text[1:-1].strip()
        match = _MONEY.match(text)
        if not match:
            raise ParseError("imp_money")
        if match.group("sign") and match.group("sign") in "-−–":
            negative = True
        unit_text = match.group("unit").strip()
        if unit_text:
            found = _unit_word(unit_text)
            if found is None:
                raise ParseError("imp_money")
            unit = found
        amount = _number(match.group("num").strip(" .,")) * unit
        if negative:
            amount = -amount
    if amount < 0:
        raise ParseError("imp_money_negative")
    if amount != amount.to_integral_value():
        raise ParseError("imp_money_fraction")
    return int(amount)


# -- dates -----------------------------------------------------------------------------------

_DMY = re.compile(r"^(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})$")
_ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_WORDS = re.compile(
    r"ngay\s*(?P<d>\d{1,2})\s*(?:,\s*)?thang\s*(?P<m>\d{1,2})\s*(?:,\s*)?nam\s*(?P<y>\d{4})"
)
MIN_YEAR, MAX_YEAR = 1945, 2100


def _make_date(day: str, month: str, year: str) -> date:
    d, m, y = int(day), int(month), int(year)
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise ParseError("imp_date_year", year=y, low=MIN_YEAR, high=MAX_YEAR)
    try:
        return date(y, m, d)
    except ValueError:
        raise ParseError("imp_date_impossible", day=d, month=m, year=y) from None


def parse_date(value: object) -> date | None:
    """dd/mm/yyyy, d/m/yyyy, "ngày 05 tháng 7 năm 2023", yyyy-mm-dd, or a real date cell."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return _make_date(str(value.day), str(value.month), str(value.year))
    if isinstance(value, date):
        return _make_date(str(value.day), str(value.month), str(value.year))
    if not isinstance(value, str):
        raise ParseError("imp_date")
    text = nfc(value)
    if not text:
        return None
    for pattern in (_DMY, _ISO):
        match = pattern.match(text)
        if match:
            return _make_date(match["d"], match["m"], match["y"])
    match = _WORDS.search(fold(text))
    if match:
        return _make_date(match["d"], match["m"], match["y"])
    raise ParseError("imp_date")


# -- other kinds -----------------------------------------------------------------------------


def _whole_number(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = nfc(str(value))
    if re.fullmatch(r"\d+(\.0+)?", text):
        return int(text.split(".")[0])
    return None


def parse_year(value: object) -> int | None:
    if value is None or (isinstance(value, str) and not nfc(value)):
        return None
    year = _whole_number(value)
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        raise ParseError("imp_year")
    return year


def parse_positive_int(value: object) -> int | None:
    if value is None or (isinstance(value, str) and not nfc(value)):
        return None
    number = _whole_number(value)
    if number is None or number < 1:
        raise ParseError("imp_int")
    return number


_TRUE = {"co", "c", "x", "yes", "y", "true", "1", "dung", "v"}
_FALSE = {"khong", "k", "ko", "no", "n", "false", "0", "sai", "-"}


def parse_bool(value: object) -> bool | None:
    """có/không (and yes/no, x, 1/0); None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value in (0, 1):
            return bool(value)
        raise ParseError("imp_bool")
    text = fold(str(value)).strip(" .")
    if not text:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ParseError("imp_bool")


def plain_text(value: object) -> str:
    """A cell as text: numbers without a trailing ".0", dates as dd/mm/yyyy; NFC, trimmed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return nfc(str(value))
