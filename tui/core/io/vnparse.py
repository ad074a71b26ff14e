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
from functools import lru_cache

from ..textfold import fold, nfc

DONG = Decimal(1)
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


# Every way clerks write the unit, reduced to letters and digits (accents, case, spaces,
# dots, brackets and colons removed): "Tr.đồng", "tr. đ", "TRĐ" all become "trd…".
_UNIT_KEYS: dict[str, Decimal] = {
    "dong": DONG,
    "d": DONG,
    "vnd": DONG,
    "₫": DONG,
    "dongvn": DONG,
    "dongvietnam": DONG,
    "nghin": Decimal(1000),
    "ngan": Decimal(1000),
    "nghindong": Decimal(1000),
    "ngandong": Decimal(1000),
    "nghind": Decimal(1000),
    "ngand": Decimal(1000),
    "nghinvnd": Decimal(1000),
    "1000dong": Decimal(1000),
    "1000d": Decimal(1000),
    "1000vnd": Decimal(1000),
    "trieu": Decimal(10**6),
    "trieudong": Decimal(10**6),
    "trieud": Decimal(10**6),
    "trieuvnd": Decimal(10**6),
    "tr": Decimal(10**6),
    "trd": Decimal(10**6),
    "trdong": Decimal(10**6),
    "trvnd": Decimal(10**6),
    "1000000dong": Decimal(10**6),
    "1000000d": Decimal(10**6),
    "ty": Decimal(10**9),
    "ti": Decimal(10**9),
    "tydong": Decimal(10**9),
    "tidong": Decimal(10**9),
    "tyd": Decimal(10**9),
    "tid": Decimal(10**9),
    "tyvnd": Decimal(10**9),
}
_UNIT_NOISE = re.compile(r"[\s.:()\[\]{}/,;\-–*]+")


@lru_cache(maxsize=4096)
def _unit_word(text: str) -> Decimal | None:
    key = _UNIT_NOISE.sub("", fold(text).replace("vnđ", "vnd"))
    return _UNIT_KEYS.get(key)


# "ĐVT: triệu đồng", "(ĐVT: Tr.đồng)", "Đơn vị tính : 1.000 đồng", "Đơn vị: trđ": the
# words, then what follows up to a closing bracket or the end (on folded text).
_DVT = re.compile(
    r"(?:^|[\s(\[,;-])(?:d\.?\s?v\.?\s?t|don vi tinh|don vi)\b\s*[:：.]?\s*(?P<unit>[^()\[\];]*)"
)
_BRACKETS = re.compile(r"[(\[](?P<inner>[^()\[\]]*)[)\]]")


def split_header_unit(header: str) -> tuple[str, Decimal | None]:
    """ "Tổng mức đầu tư (triệu đồng)" → ("Tổng mức đầu tư", 10**6).

    Also "(ĐVT: Tr.đồng)", "[trđ]", "Tổng mức đầu tư, triệu đồng" and "Tổng mức đầu tư
    ĐVT: trđ". A header without a unit comes back unchanged with None.
    """
    for match in _BRACKETS.finditer(header):
        unit = _unit_word(match.group("inner")) or dvt_unit(match.group("inner"))
        if unit is not None:
            rest = (header[: match.start()] + " " + header[match.end() :]).strip(" ,")
            return re.sub(r"\s+", " ", rest), unit
    head, sep, tail = header.rpartition(",")
    if sep and _unit_word(tail) is not None:
        return head.strip(), _unit_word(tail)
    found = _DVT.search(fold(header))
    if found is not None:
        unit = _unit_word(found.group("unit"))
        if unit is not None:
            # fold() keeps the length of NFC text, so the offset cuts the original too.
            cut = found.start() if len(fold(header)) == len(header) else None
            base = header[:cut].strip(" ,-") if cut is not None else header
            return base, unit
    return header, None


def dvt_unit(text: str) -> Decimal | None:
    """The unit of a "ĐVT: triệu đồng" (or "(Đơn vị tính: đồng)") line; None otherwise."""
    found = _DVT.search(fold(text))
    if not found:
        return None
    return _unit_word(found.group("unit"))


_DVT_WORDS = re.compile(r"(?:^|[\s(\[,;-])(?:d\.?\s?v\.?\s?t|don vi tinh)\b")


def dvt_stated(text: str) -> bool:
    """True when the text is a unit line ("ĐVT: …", "Đơn vị tính: …"), known unit or not.

    A bare "Đơn vị: …" is not one: title rows say "Đơn vị: UBND xã Hải Xuân".
    """
    folded = fold(text)
    found = _DVT.search(folded)
    return bool(found and found.group("unit").strip() and _DVT_WORDS.search(folded))


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
    return parse_money_unit(value, unit)[0]


def parse_money_unit(value: object, unit: Decimal = DONG) -> tuple[int | None, bool]:
    """(amount in integer đồng or None, True when the cell itself named its unit)."""
    explicit = False
    if value is None:
        return None, False
    if isinstance(value, bool):
        raise ParseError("imp_money")
    if isinstance(value, int | float | Decimal):
        if isinstance(value, float) and value != value:  # NaN
            raise ParseError("imp_money")
        amount = Decimal(str(value)) * unit
    else:
        text = nfc(str(value))
        if not text:
            return None, False
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
            unit, explicit = found, True
        amount = _number(match.group("num").strip(" .,")) * unit
        if negative:
            amount = -amount
    if amount < 0:
        raise ParseError("imp_money_negative")
    if amount != amount.to_integral_value():
        raise ParseError("imp_money_fraction")
    return int(amount), explicit


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
    if re.fullmatch(r"\d{1,5}\s*[.)]", text):  # "1." and "1)" are STT 1
        return int(text.rstrip(" .)"))
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
