"""Text normalisation and accent folding for Vietnamese.

Search ignores accents, case and đ/d: "hai xuan" finds "Hải Xuân", "dong" finds "Đông".
Stored text is NFC so that NFD input lines up with NFC input.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# đ/Đ do not decompose under NFD, so they need an explicit mapping.
_D_MAP = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(text: str | None) -> str:
    """Return text in NFC with runs of white space collapsed and ends trimmed."""
    if text is None:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str | None) -> str:
    """Fold text for matching: no accents, lower case, đ→d, single spaces.

    "Hoà" and "Hòa" (the two accent placements) fold to the same key.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip()


def matches(query: str, key: str) -> bool:
    """True when every folded word of query occurs in the folded key."""
    return all(word in key for word in fold(query).split())
