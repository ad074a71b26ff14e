"""The reader's language as a value: Vietnamese (the default) or English.

A `Lang` is a `str` ("vi" or "en"), so it keys catalogues and formats as before; callers
choose text through it (`lang.pick(vi, en)`) rather than testing its code inline.
"""

from __future__ import annotations

LANG_CODES = ("vi", "en")


class Lang(str):
    __slots__ = ()

    def __new__(cls, code: str = "vi") -> Lang:
        if isinstance(code, Lang):
            return code
        if code not in LANG_CODES:
            raise ValueError(f"unknown language code {code!r}")
        return super().__new__(cls, code)

    @property
    def code(self) -> str:
        return str.__str__(self)

    @property
    def is_english(self) -> bool:
        return self.code == "en"

    def pick(self, vi: str, en: str) -> str:
        """One of a pair already translated; a missing English text falls back to Vietnamese."""
        return en if self.is_english and en else vi

    def pair(self, texts: tuple[str, str]) -> str:
        """One of a catalogue entry (vi, en)."""
        return self.pick(texts[0], texts[1])


VI = Lang("vi")
EN = Lang("en")


_BY_CODE = {VI.code: VI, EN.code: EN}


def as_lang(value: str | None) -> Lang:
    """A Lang from a code read at a boundary (argument, environment, config); None is Vietnamese.

    Always one of VI and EN, so that wrapping a code on every call costs a dict lookup."""
    if value is None:
        return VI
    return _BY_CODE.get(value) or Lang(value)
