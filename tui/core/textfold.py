"""Text normalisation and accent folding for Vietnamese.

Search ignores accents, case and đ/d: "hai xuan" finds "Hải Xuân", "dong" finds "Đông".
Stored text is NFC so that NFD input lines up with NFC input.
"""

from __future__ import annotations

import unicodedata

# đ/Đ do not decompose under NFD, so they need an explicit mapping.
_D_MAP = str.maketrans({"đ": "d", "Đ": "d"})


class _CombiningMarks(dict):
    """A str.translate table that drops combining marks, filled as characters are met:
    one C-level pass instead of a Python test per character."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_NO_COMBINING = _CombiningMarks()


def nfc(text: str | None) -> str:
    """Return text in NFC with runs of white space collapsed and ends trimmed."""
    if text is None:
        return ""
    # str.split() splits on exactly the characters a regex \s matches: the same result as
    # re.sub(r"\s+", " ", ...).strip(), several times faster (the importer calls it per cell).
    return " ".join(unicodedata.normalize("NFC", text).split())


def fold(text: str | None) -> str:
    """Fold text for matching: no accents, lower case, đ→d, single spaces.

    "Hoà" and "Hòa" (the two accent placements) fold to the same key.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    if not decomposed.isascii():
        decomposed = decomposed.translate(_NO_COMBINING)
    return " ".join(decomposed.lower().split())


def matches(query: str, key: str) -> bool:
    """True when every folded word of query occurs in the folded key."""
    return all(word in key for word in fold(query).split())
