"""The language value every sentence is chosen through."""

import pytest

from tui.core.lang.language import EN, VI, Lang, as_lang


def test_a_lang_is_its_code():
    assert Lang("en") == "en" and VI == "vi"
    assert {"vi": 1}[VI] == 1
    assert f"{EN}" == "en"


def test_pick_chooses_by_language_and_falls_back_to_vietnamese():
    assert VI.pick("Có", "Yes") == "Có"
    assert EN.pick("Có", "Yes") == "Yes"
    assert EN.pick("Có", "") == "Có"
    assert EN.pair(("Không", "No")) == "No"


def test_an_unknown_code_is_refused():
    with pytest.raises(ValueError):
        Lang("fr")


def test_as_lang_defaults_to_vietnamese_and_keeps_a_lang():
    assert as_lang(None) is VI
    assert as_lang(EN) is EN
    assert as_lang("en").is_english
