"""Vietnamese typed in legacy fonts (TCVN3 / ABC, VNI Windows) → Unicode.

Commune clerks still type in the old 8-bit fonts: ".VnTime" (TCVN3, the ABC keyboard) or
"VNI-Times". The spreadsheet stores the font's byte values as ordinary Latin-1 letters, so
"Hải Xuân" typed in .VnTime reaches us as "H¶i Xu©n" and typed in VNI-Times as
"Haûi Xuaân". This module recognises such text cell by cell and converts it.

Library decision: PyPI was searched (tcvn, vni, vietnamese encoding). `vniencoder`
handles the VNI *typing method* ("a1" → "á"), not the VNI font encoding. `viparse` (MIT)
has TCVN3 and VNI tables, but it is a whole RAG document loader, its VNI table leaves out
ẳ/Ẳ and ỵ/Ỵ (deliberately: its corpus never showed them) and its content detection works
on whole documents, not on short cells. So the tables are written here from the published
layouts, and the tests cross-check them against viparse where it is installed.

- TCVN3 is TCVN 5712:1993 "VN3": one byte per letter; lower-case toned vowels in
  0xB5–0xFE, the seven base letters ă â ê ô ơ ư đ in 0xA8–0xAE and their capitals
  Ă Â Ê Ô Ơ Ư Đ in 0xA1–0xA7. It has no capital toned vowels: headings were set in the
  ".VnTimeH" font, which draws the lower-case bytes as capitals; a word typed in ASCII
  capitals gets its converted letters in capitals too ("NGHÞ" → "NGHỊ").
- VNI Windows writes a toned vowel as the base letter followed by one mark byte (tone
  marks ù ø û õ ï; â á à å ã ä for the circumflex series; ê é è ú ü ë for the breve
  series), with ô = ơ, ö = ư, ñ = đ, and i's and ỵ as single bytes (í ì æ ó ò, î).
  Capitals use the capital marks (Ù Ø Û Õ Ï …).

Detection is by what the conversion produces: a cell is converted only when the
converted text is clearly better Vietnamese (fewer words that are not Vietnamese
syllables, no stray symbols such as ¶ © µ) than the text as it was. Text that is
already Unicode is never touched. A cell that mixes Unicode words with legacy words is
converted word by word.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

TCVN3 = "TCVN3"
VNI = "VNI"
ENCODINGS = (TCVN3, VNI)

# -- TCVN3 (VN3) ---------------------------------------------------------------------------
# Each row: the Unicode letter, then its byte (shown as the Latin-1 character it surfaces as).
_TCVN3_ROWS = """
Ă A1 Â A2 Ê A3 Ô A4 Ơ A5 Ư A6 Đ A7
ă A8 â A9 ê AA ô AB ơ AC ư AD đ AE
à B5 ả B6 ã B7 á B8 ạ B9
ằ BB ẳ BC ẵ BD ắ BE ặ C6
ầ C7 ẩ C8 ẫ C9 ấ CA ậ CB
è CC ẻ CE ẽ CF é D0 ẹ D1
ề D2 ể D3 ễ D4 ế D5 ệ D6
ì D7 ỉ D8 ĩ DC í DD ị DE
ò DF ỏ E1 õ E2 ó E3 ọ E4
ồ E5 ổ E6 ỗ E7 ố E8 ộ E9
ờ EA ở EB ỡ EC ớ ED ợ EE
ù EF ủ F1 ũ F2 ú F3 ụ F4
ừ F5 ử F6 ữ F7 ứ F8 ự F9
ỳ FA ỷ FB ỹ FC ý FD ỵ FE
"""


def _tcvn3_table() -> dict[str, str]:
    parts = _TCVN3_ROWS.split()
    return {
        chr(int(code, 16)): letter for letter, code in zip(parts[::2], parts[1::2], strict=True)
    }


TCVN3_TO_UNICODE: dict[str, str] = _tcvn3_table()
_TCVN3_TRANSLATE = str.maketrans(TCVN3_TO_UNICODE)

# -- VNI Windows -----------------------------------------------------------------------------
# Tones in the order: none, sắc, huyền, hỏi, ngã, nặng.
_TONE_MARKS = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
_VNI_TONE = ("", "ù", "ø", "û", "õ", "ï")
_VNI_CIRCUMFLEX = ("â", "á", "à", "å", "ã", "ä")
_VNI_BREVE = ("ê", "é", "è", "ú", "ü", "ë")
# Single-byte letters: the i series, ỵ, and the horn / stroke letters.
_VNI_SINGLE = {
    "í": "í",
    "ì": "ì",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "î": "ỵ",
    "ô": "ơ",
    "ö": "ư",
    "ñ": "đ",
}


def _with_tone(base: str, tone: int) -> str:
    return unicodedata.normalize("NFC", base + _TONE_MARKS[tone])


def _vni_table() -> dict[str, str]:
    lower: dict[str, str] = {}
    for vowel in "aeouy":
        for tone in range(1, 6):
            lower[vowel + _VNI_TONE[tone]] = _with_tone(vowel, tone)
    for vowel, marks in (("a", _VNI_CIRCUMFLEX), ("e", _VNI_CIRCUMFLEX), ("o", _VNI_CIRCUMFLEX)):
        hatted = unicodedata.normalize("NFC", vowel + "\u0302")
        for tone in range(6):
            lower[vowel + marks[tone]] = _with_tone(hatted, tone)
    for tone in range(6):
        lower["a" + _VNI_BREVE[tone]] = _with_tone("ă", tone)
    for horned_vni, horned in (("ô", "ơ"), ("ö", "ư")):
        for tone in range(1, 6):
            lower[horned_vni + _VNI_TONE[tone]] = _with_tone(horned, tone)
    # ỳ ý … are written y + tone mark, except ỵ, which is the single byte î.
    del lower["yï"]
    table = dict(lower)
    table.update(_VNI_SINGLE)
    # Capitals: capital base letter with the capital mark ("AÙ" → Á). Clerks also typed a
    # capital base with the small mark at the start of a word ("Aùnh"): accept both.
    for seq, letter in lower.items():
        upper_seq = seq.upper()
        table[upper_seq] = letter.upper()
        table.setdefault(seq[0].upper() + seq[1:], letter.upper())
    for seq, letter in _VNI_SINGLE.items():
        table[seq.upper()] = letter.upper()
    # Spellings met in real files besides the single bytes: i or y followed by a tone mark.
    for seq, letter in {"iø": "ì", "iù": "í", "yï": "ỵ"}.items():
        table[seq] = letter
        table[seq.upper()] = letter.upper()
    return table


VNI_TO_UNICODE: dict[str, str] = _vni_table()
_VNI_PATTERN = re.compile(
    "|".join(re.escape(s) for s in sorted(VNI_TO_UNICODE, key=len, reverse=True))
)


def tcvn3_to_unicode(text: str) -> str:
    """Convert a whole string typed in TCVN3 (no detection)."""
    converted = text.translate(_TCVN3_TRANSLATE)
    return unicodedata.normalize("NFC", _restore_capitals(text, converted))


def vni_to_unicode(text: str) -> str:
    """Convert a whole string typed in VNI Windows (no detection)."""
    return unicodedata.normalize(
        "NFC", _VNI_PATTERN.sub(lambda m: VNI_TO_UNICODE[m.group(0)], text)
    )


_CONVERTERS = {TCVN3: tcvn3_to_unicode, VNI: vni_to_unicode}

_WORD_SPLIT = re.compile(r"(\s+)")


def _restore_capitals(original: str, converted: str) -> str:
    """A TCVN3 word typed in ASCII capitals gets its converted letters in capitals too."""
    if len(original) != len(converted):  # translate maps one character to one
        return converted
    letters = [c for c in original if c.isascii() and c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return converted.upper()  # a heading: every word in capitals
    out = []
    for orig_word, conv_word in zip(
        _WORD_SPLIT.split(original), _WORD_SPLIT.split(converted), strict=True
    ):
        ascii_letters = [c for c in orig_word if c.isascii() and c.isalpha()]
        if len(ascii_letters) >= 2 and all(c.isupper() for c in ascii_letters):
            conv_word = conv_word.upper()
        out.append(conv_word)
    return "".join(out)


# -- Unicode → legacy (for tests and sample files) --------------------------------------------


def unicode_to_tcvn3(text: str) -> str:
    """Encode as TCVN3; capital toned vowels (absent from TCVN3) become the small ones."""
    reverse = {v: k for k, v in TCVN3_TO_UNICODE.items()}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in reverse:
            out.append(reverse[ch])
        elif ch.lower() in reverse and ch.lower() != ch:
            out.append(reverse[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


def unicode_to_vni(text: str) -> str:
    """Encode as VNI Windows (capitals with the capital marks)."""
    reverse: dict[str, str] = {}
    for seq, letter in VNI_TO_UNICODE.items():
        # Prefer the canonical form: capital base with capital mark, or all small.
        if seq.isupper() or seq.islower() or len(seq) == 1:
            reverse.setdefault(letter, seq)
    return "".join(reverse.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


# -- Vietnamese syllables ------------------------------------------------------------------

_INITIALS = (
    *re.findall(r"\S+", "ngh ng nh ch gh gi kh ph qu th tr b c d đ g h k l m n p q r s t v x"),
    "",
)
# Every rhyme (vần) of the standard orthography, without its tone mark.
_RHYMES = frozenset(
    re.findall(
        r"\S+",
        """
    a ac ach ai am an ang anh ao ap at au ay
    ăc ăm ăn ăng ăp ăt
    âc âm ân âng âp ât âu ây
    e ec em en eng eo ep et
    ê êch êm ên ênh êp êt êu
    i ia ich im in inh ip it iu
    iêc iêm iên iêng iêp iêt iêu
    o oc oi om on ong op ot ooc oong
    oa oac oach oai oam oan oang oanh oao oap oat oay
    oăc oăm oăn oăng oăt
    oe oem oen oeo oet
    ô ôc ôi ôm ôn ông ôp ôt
    ơ ơi ơm ơn ơp ơt
    u ua uc ui um un ung up ut
    uân uâng uât uây
    uê uêch uên uênh uêu
    uy uya uych uyn uynh uyp uyt uyu uyên uyêt
    uôc uôi uôm uôn uông uôp uôt
    uơ
    ư ưa ưc ưi ưm ưn ưng ưt ưu
    ươc ươi ươm ươn ương ươp ươt ươu
    y yêm yên yêng yêt yêu
    """,
    )
)
_TONE_CODEPOINTS = frozenset(_TONE_MARKS[1:])


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """True for a well-formed Vietnamese syllable (any case, at most one tone mark)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for ch in decomposed if ch in _TONE_CODEPOINTS)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_CODEPOINTS))
    return any(bare.startswith(i) and bare[len(i) :] in _RHYMES for i in _INITIALS)


# Latin-1 characters that never occur in Unicode Vietnamese text but are TCVN3 bytes or
# VNI marks: their presence is the evidence of a legacy font. (× is left out: "12×8 m".)
_SUSPICIOUS = frozenset("¡¢£¤¥¦§¨©ª«¬\u00ad®µ¶·¸¹»¼½¾ÆÇËÎÏÐÑÖØÜÞßäåæçëîïñö÷øûüþ")
_WORD = re.compile(r"[^\W\d_]+")


def _capital_inside(word: str) -> bool:
    """A non-ASCII capital right after a small letter ("quyÕt", "chÝnh"): a TCVN3 byte."""
    return any(a.islower() and b.isupper() and not b.isascii() for a, b in pairwise(word))


_VIETNAMESE_ONLY = re.compile("[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9]")


_SUSPICIOUS_CHAR = re.compile("[" + re.escape("".join(sorted(_SUSPICIOUS))) + "]")


def badness(text: str) -> int:
    """How un-Vietnamese a text looks: stray legacy symbols plus words that are not syllables.

    Plain-ASCII words (abbreviations such as UBND, words typed without accents) and
    capitalised abbreviations with Đ (HĐND, NĐ-CP) count as fine.
    """
    score = len(_SUSPICIOUS_CHAR.findall(text))
    return score + sum(map(_word_badness, _WORD.findall(text)))


@lru_cache(maxsize=1 << 16)
def _word_badness(word: str) -> int:
    """1 for a word that is no Vietnamese syllable, else 0; remembered, since the words of
    a sheet repeat ("Đường", "giao", "thông") on thousands of rows."""
    if _capital_inside(word):
        return 1  # "quyÕt": a TCVN3 byte that reads as a capital inside a word
    if word.isascii() or is_syllable(word):
        return 0
    if word.isupper() and word.replace("Đ", "D").isascii():
        return 0
    return 1


class Fixed(NamedTuple):
    text: str
    encoding: str | None  # TCVN3, VNI, or None when the text was left as it was


def _best(text: str, current: int) -> tuple[str, str | None, int]:
    """The reading with the least badness; between equals, the shorter one.

    Short cells can read as Vietnamese both ways ("Y teá" is VNI "Y tế" and TCVN3 "Y teỏ"):
    VNI joins a letter and its mark into one, so its reading is the shorter, and a real
    TCVN3 text is never changed by the VNI table in the first place.
    """
    best: tuple[int, int] = (current, len(text))
    best_text, best_encoding = text, None
    for encoding, convert in _CONVERTERS.items():
        candidate = convert(text)
        if candidate == text:
            continue
        rank = (badness(candidate), len(candidate))
        if rank[0] < current and rank < best:
            best, best_text, best_encoding = rank, candidate, encoding
    return best_text, best_encoding, best[0]


def fix(text: str) -> Fixed:
    """Convert text typed in a legacy font to Unicode; leave anything else unchanged."""
    if text.isascii():
        return Fixed(text, None)
    current = badness(text)
    if current == 0:
        return Fixed(text, None)
    if not _VIETNAMESE_ONLY.search(text):
        converted, encoding, _ = _best(text, current)
        return Fixed(converted, encoding)
    # Part Unicode already: convert only the words that are legacy on their own.
    pieces = _WORD_SPLIT.split(text)
    found: str | None = None
    for i, piece in enumerate(pieces):
        if piece.isascii() or piece.isspace() or _VIETNAMESE_ONLY.search(piece):
            continue
        score = badness(piece)
        if score == 0:
            continue
        converted, encoding, _ = _best(piece, score)
        if encoding is not None:
            pieces[i] = converted
            found = found or encoding
    return Fixed("".join(pieces), found) if found else Fixed(text, None)


def decode_text_bytes(raw: bytes) -> tuple[str, str]:
    """Decode a text file: UTF-8 (with or without BOM), else Windows-1258; NFC.

    A file saved as "ANSI" from text typed in a legacy font is bytes of that font, not of
    Windows-1258: then the bytes are read one to one (Latin-1) and left to `fix`, which
    converts them cell by cell. Whichever reading gives better Vietnamese wins.

    Returns (text, encoding name). Raises UnicodeDecodeError if nothing fits.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        return unicodedata.normalize("NFC", raw[3:].decode("utf-8")), "UTF-8 BOM"
    try:
        return unicodedata.normalize("NFC", raw.decode("utf-8")), "UTF-8"
    except UnicodeDecodeError:
        pass
    as_bytes = raw.decode("latin-1")
    lines = as_bytes.splitlines()
    legacy_score = sum(badness(fix(line).text) for line in lines)
    try:
        text = unicodedata.normalize("NFC", raw.decode("cp1258"))
    except UnicodeDecodeError:
        if legacy_score < sum(badness(line) for line in lines):
            return as_bytes, "8-bit"
        raise
    if legacy_score < sum(badness(line) for line in text.splitlines()):
        return as_bytes, "8-bit"
    return text, "Windows-1258"
