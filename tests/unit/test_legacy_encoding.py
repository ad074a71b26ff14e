"""Text typed in legacy Vietnamese fonts (TCVN3 / ABC, VNI Windows) → Unicode."""

from __future__ import annotations

import unicodedata

import pytest
from importkit import GROUNDS, to_cp1258

from tui.core.data.dataset import iter_csv
from tui.core.io.legacy import (
    TCVN3,
    TCVN3_TO_UNICODE,
    VNI,
    VNI_TO_UNICODE,
    badness,
    decode_text_bytes,
    fix,
    is_syllable,
    tcvn3_to_unicode,
    unicode_to_tcvn3,
    unicode_to_vni,
    vni_to_unicode,
)
from tui.core.paths import DATA_DIR

TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
LOWER = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES] + ["đ"]
UPPER = [ch.upper() for ch in LOWER]


def test_tables_cover_the_alphabet():
    assert len(set(LOWER)) == 73
    tcvn3_letters = set(TCVN3_TO_UNICODE.values())
    # TCVN3 has every small letter except the plain ASCII vowels, and the seven capitals
    # Ă Â Ê Ô Ơ Ư Đ; capital toned vowels were drawn by the ".VnTimeH" fonts instead.
    assert {ch for ch in LOWER if not ch.isascii()} <= tcvn3_letters
    assert set("ĂÂÊÔƠƯĐ") <= tcvn3_letters
    vni_letters = set(VNI_TO_UNICODE.values())
    assert {ch for ch in LOWER + UPPER if not ch.isascii()} <= vni_letters


# Byte values from the published layouts (TCVN 5712:1993 VN3; VNI Windows).
TCVN3_BYTES = {
    0xA1: "Ă",
    0xA2: "Â",
    0xA7: "Đ",
    0xA8: "ă",
    0xA9: "â",
    0xAD: "ư",
    0xAE: "đ",
    0xB5: "à",
    0xB6: "ả",
    0xB7: "ã",
    0xB8: "á",
    0xB9: "ạ",
    0xBC: "ẳ",
    0xC6: "ặ",
    0xCA: "ấ",
    0xD0: "é",
    0xD7: "ì",
    0xDC: "ĩ",
    0xDF: "ò",
    0xE8: "ố",
    0xEE: "ợ",
    0xF3: "ú",
    0xF9: "ự",
    0xFD: "ý",
    0xFE: "ỵ",
}


@pytest.mark.parametrize(("byte", "letter"), sorted(TCVN3_BYTES.items()))
def test_tcvn3_bytes(byte, letter):
    assert tcvn3_to_unicode(bytes([byte]).decode("latin-1")) == letter


VNI_SEQUENCES = {
    "aù": "á",
    "aø": "à",
    "aû": "ả",
    "aõ": "ã",
    "aï": "ạ",
    "aâ": "â",
    "aá": "ấ",
    "aä": "ậ",
    "aê": "ă",
    "aé": "ắ",
    "aú": "ẳ",
    "aü": "ẵ",
    "aë": "ặ",
    "eâ": "ê",
    "eä": "ệ",
    "oâ": "ô",
    "ô": "ơ",
    "ôù": "ớ",
    "ö": "ư",
    "öï": "ự",
    "í": "í",
    "ì": "ì",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "î": "ỵ",
    "yù": "ý",
    "ñ": "đ",
    "Ñ": "Đ",
    "AÙ": "Á",
    "AÚ": "Ẳ",
    "Ô": "Ơ",
    "ÖÙ": "Ứ",
    "Î": "Ỵ",
    "Aùnh": "Ánh",  # a capital base with the small mark, as typed at the start of a word
}


@pytest.mark.parametrize(("seq", "letter"), sorted(VNI_SEQUENCES.items()))
def test_vni_sequences(seq, letter):
    assert vni_to_unicode(seq) == letter


@pytest.mark.parametrize("letter", [ch for ch in LOWER if not ch.isascii()])
def test_tcvn3_round_trip_small_letters(letter):
    assert tcvn3_to_unicode(unicode_to_tcvn3(letter)) == letter


@pytest.mark.parametrize("letter", [ch for ch in LOWER + UPPER if not ch.isascii()])
def test_vni_round_trip_every_letter(letter):
    assert vni_to_unicode(unicode_to_vni(letter)) == letter


def _real_texts() -> list[str]:
    texts = list(GROUNDS)
    texts += [row["name"] for row in iter_csv(DATA_DIR / "units.csv")]
    texts += [row["title_vi"] for row in iter_csv(DATA_DIR / "legal_documents.csv")]
    for name in ("capital_sources", "surplus_categories", "spending_fields", "ntm_criteria"):
        texts += [row["name_vi"] for row in iter_csv(DATA_DIR / f"{name}.csv")]
    texts += [
        "Nghị quyết về danh mục công trình, dự án và cơ chế nguồn vốn thực hiện Chương trình "
        "mục tiêu quốc gia xây dựng nông thôn mới năm 2023 xã Hải Xuân",
        "Đường giao thông thôn 3, dài 1.200 m, rộng 5 m; nhà văn hoá hai tầng",
        "Thẳng, chẳng, hẳn; kỳ họp thứ 12; đã được sửa đổi, thay thế",
        "Căn cứ Tờ trình số 73/TTr-UBND ngày 01/02/2023 của UBND xã",
    ]
    return texts


REAL = _real_texts()


@pytest.mark.parametrize("text", REAL)
def test_unicode_text_is_never_touched(text):
    text = unicodedata.normalize("NFC", text)
    assert fix(text).encoding is None
    assert fix(text).text == text


@pytest.mark.parametrize("text", REAL)
def test_vni_text_is_detected_and_converted(text):
    text = unicodedata.normalize("NFC", text)
    legacy = unicode_to_vni(text)
    if legacy == text:
        pytest.skip("nothing to encode")
    assert fix(legacy) == (text, VNI)


def _tcvn3_equal(a: str, b: str) -> bool:
    """TCVN3 cannot tell Ủ from ủ: compare capitals of toned vowels as small letters."""
    return unicodedata.normalize("NFC", a).lower() == unicodedata.normalize("NFC", b).lower()


@pytest.mark.parametrize("text", REAL)
def test_tcvn3_text_is_detected_and_converted(text):
    text = unicodedata.normalize("NFC", text)
    legacy = unicode_to_tcvn3(text)
    if legacy == text:
        pytest.skip("nothing to encode")
    fixed = fix(legacy)
    assert fixed.encoding == TCVN3
    assert _tcvn3_equal(fixed.text, text)
    # Words typed in ASCII capitals (the .VnTimeH heading fonts) come back in capitals.
    # (A two-word heading such as "Y TÕ" also reads as Unicode: too short to tell.)
    if len(text.split()) > 2:
        assert fix(unicode_to_tcvn3(text.upper())).text == text.upper()


@pytest.mark.parametrize(
    ("cell", "expected", "encoding"),
    [
        ("H¶i Xu©n", "Hải Xuân", TCVN3),
        ("Haûi Xuaân", "Hải Xuân", VNI),
        ("NGHÞ QUYÕT", "NGHỊ QUYẾT", TCVN3),
        ("ÑÖÔØNG GIAO THOÂNG", "ĐƯỜNG GIAO THÔNG", VNI),
        ("x·", "xã", TCVN3),
        ("Nhµ v¨n ho¸ th«n 5", "Nhà văn hoá thôn 5", TCVN3),
        # a cell that is part Unicode, part TCVN3 (pasted from an old document)
        ("Căn cứ Luật Tæ chøc chÝnh quyÒn", "Căn cứ Luật Tổ chức chính quyền", TCVN3),
        ("Hải Xuân, Qu¶ng Ninh", "Hải Xuân, Quảng Ninh", TCVN3),
        # left alone: plain ASCII, Unicode, non-Vietnamese words
        ("UBND xa Hai Xuan", "UBND xa Hai Xuan", None),
        ("Café Hà Nội", "Café Hà Nội", None),
        ("12×8 m", "12×8 m", None),
        ("HĐND", "HĐND", None),
    ],
)
def test_fix_cells(cell, expected, encoding):
    assert fix(cell) == (expected, encoding)


def test_syllables():
    for word in ("nghiêng", "khuya", "quyết", "giữ", "người", "thuở", "oong", "Ủy", "gì"):
        assert is_syllable(word), word
    for word in ("xuõn", "ngh", "cafe", "tæ", "hảỉ", "quyÕt"):
        assert not is_syllable(word), word


def test_badness():
    assert badness("Hải Xuân") == 0
    assert badness("UBND, HĐND, NĐ-CP") == 0
    assert badness("H¶i Xu©n") == 2


def test_decode_utf8_and_bom():
    text = "Mã NQ,Số nghị quyết\nNQ1,15/NQ-HĐND\n"
    assert decode_text_bytes(text.encode("utf-8")) == (text, "UTF-8")
    assert decode_text_bytes(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "UTF-8 BOM")


def test_decode_windows_1258():
    text = "Mã NQ,Trích yếu\nNQ1,Nghị quyết về đường giao thông thôn Vạn Ninh\n"
    raw = to_cp1258(text)
    assert raw != text.encode("utf-8")
    assert decode_text_bytes(raw) == (unicodedata.normalize("NFC", text), "Windows-1258")


def test_decode_ansi_file_typed_in_tcvn3():
    """Saved as "ANSI" on a TCVN3 machine: the bytes are the font's, read one to one."""
    text = "Mã NQ,Trích yếu\nNQ1,Nghị quyết về đường giao thông\n"
    raw = unicode_to_tcvn3(text).encode("latin-1")
    decoded, encoding = decode_text_bytes(raw)
    assert encoding == "8-bit"
    assert [fix(line).text for line in decoded.splitlines()] == text.splitlines()


def test_decode_rejects_binary():
    with pytest.raises(UnicodeDecodeError):
        decode_text_bytes(bytes(range(0x80, 0xA0)) * 3)


def test_tables_agree_with_viparse():
    """An independent table, derived from a corpus of real documents (viparse, MIT)."""
    tcvn3 = pytest.importorskip("viparse.normalize.tcvn3")
    vni = pytest.importorskip("viparse.normalize.vni")
    assert {seq: TCVN3_TO_UNICODE.get(seq) for seq, _ in tcvn3.TCVN3.pairs} == dict(
        tcvn3.TCVN3.pairs
    )
    assert {seq: VNI_TO_UNICODE.get(seq) for seq, _ in vni.VNI.pairs} == dict(vni.VNI.pairs)
    # What viparse leaves out (never seen in its corpus) and the published layout has.
    missing = {s for s in VNI_TO_UNICODE} - {s for s, _ in vni.VNI.pairs}
    assert {"aú", "AÚ", "î", "Î"} <= missing
