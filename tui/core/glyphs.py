"""The symbols ntm-review draws, and their ASCII stand-ins for terminals that cannot show them.

The Linux console (TERM=linux) has a 512-glyph font without ✖ ★ ⏎ or the partial blocks
of the bar chart and scrollbars, and a terminal under a non-UTF-8 locale cannot show
them either. There every symbol below is drawn as its ASCII stand-in, in the TUI (a line
filter over everything on screen) and in the CLI's tables (a writer over the console).
Each stand-in is one character, as wide as the symbol, so no layout moves.

ASCII_GLYPHS is the one mapping table; nothing else spells a stand-in out.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping

ASCII_GLYPHS: dict[str, str] = {
    "✖": "X",  # error; a required ground missing
    "▲": "!",  # warning
    "●": "o",  # info; still open
    "★": "*",  # the model commune
    "⏎": "|",  # a line break inside a one-line cell
    "✔": "v",  # present; review concluded; resolved
    "✚": "+",  # new
    "⚠": "!",  # marked corrected but still present
    "‼": "!",
    # The bar chart's partial blocks (eighths of a cell), and the full block.
    "▏": "-",
    "▎": "-",
    "▍": "-",
    "▌": "=",
    "▋": "=",
    "▊": "=",
    "▉": "=",
    "█": "#",
    # Textual's scrollbar ends (lower eighths): the thumb's colour carries the bar.
    "▁": " ",
    "▂": " ",
    "▃": " ",
    "▄": " ",
    "▅": " ",
    "▆": " ",
    "▇": " ",
}
_TABLE = str.maketrans(ASCII_GLYPHS)

GLYPHS_ENV_VAR = "NTM_REVIEW_GLYPHS"


def to_ascii(text: str) -> str:
    """text with every symbol of ASCII_GLYPHS replaced by its stand-in."""
    return text.translate(_TABLE)


def locale_codeset(environ: Mapping[str, str]) -> str | None:
    """The character set of the locale the environment names (LC_ALL, then LC_CTYPE, then
    LANG, as the C library reads them), lower case without dashes; "ascii" for C and
    POSIX; None when no locale is named or it names no character set."""
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = environ.get(name)
        if value:
            break
    else:
        return None
    if value in ("C", "POSIX"):
        return "ascii"
    if "." not in value:
        return None
    return value.split(".", 1)[1].split("@", 1)[0].replace("-", "").lower()


def ascii_glyphs_wanted(environ: Mapping[str, str] | None = None) -> bool:
    """Whether to draw the ASCII stand-ins: NTM_REVIEW_GLYPHS=ascii|unicode decides when
    set; otherwise the Linux console and a locale whose character set is not UTF-8 get
    ASCII. An unset locale says nothing about the terminal: Unicode, as before."""
    environ = os.environ if environ is None else environ
    choice = environ.get(GLYPHS_ENV_VAR, "").strip().lower()
    if choice in ("ascii", "unicode"):
        return choice == "ascii"
    if environ.get("TERM") == "linux":
        return True
    codeset = locale_codeset(environ)
    return codeset is not None and codeset != "utf8"


# Punctuation our sentences use, for a terminal that can show no more than ASCII.
_ASCII_PUNCTUATION = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "…": "...",
        "—": "-",
        "–": "-",
        "·": ".",
        "→": "->",
        "←": "<-",
        "↑": "^",
        "↓": "v",
        "đ": "d",
        "Đ": "D",
    }
)


def transliterate(text: str) -> str:
    """One of ntm-review's own sentences in plain ASCII, for a terminal whose encoding
    cannot show Vietnamese: accents dropped ("Tệp" → "Tep"), symbols as their stand-ins.
    Only for our sentences (an error, a hint): data is never shown this way, since
    Vietnamese without its tone marks can change meaning."""
    text = to_ascii(text).translate(_ASCII_PUNCTUATION)
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.encode("ascii", "replace").decode("ascii")


# A sample of what the CLI writes: Vietnamese letters, curly quotes, the symbols.
_SAMPLE = "Nghị quyết đơn vị “Đã khắc phục” … ✖ ▲ ●"


def stream_shows_vietnamese(stream) -> bool:
    """Whether text written to `stream` (its encoding) can hold Vietnamese."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        _SAMPLE.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True
