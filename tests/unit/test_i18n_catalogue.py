"""The one catalogue: one shape (key → (vi, en)), one table, one lookup.

Every part declares its keys once (a key in two parts lets one silently hide the other),
every entry has both languages, and English names every placeholder the Vietnamese uses
(a sentence must not lose a value when the reader switches language).
"""

from __future__ import annotations

import string

import pytest

from tui.core.lang import catalogue, i18n
from tui.core.lang.catalogue import CATALOGUE, PARTS, DuplicateKey, fix_key, merge
from tui.core.lang.i18n import MESSAGES, lookup, resolve_lang, t, tr
from tui.core.lang.language import EN, VI, Lang
from tui.text import TEXT
from tui.text import tr as text_tr


def _fields(template: str) -> set[str]:
    """The parameter names a template fills in ("{count:finding|findings}" → count)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


ENTRIES = sorted(CATALOGUE.items())


def test_every_part_is_merged_into_the_one_table():
    assert MESSAGES is CATALOGUE
    assert sum(len(part) for part in PARTS.values()) == len(CATALOGUE)
    for part in PARTS.values():
        for key, pair in part.items():
            assert CATALOGUE[key] == pair


def test_no_key_is_declared_in_two_parts():
    owners: dict[str, list[str]] = {}
    for name, part in PARTS.items():
        for key in part:
            owners.setdefault(key, []).append(name)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_the_merge_refuses_a_key_declared_twice():
    with pytest.raises(DuplicateKey, match="'same'.*a.*b"):
        merge({"a": {"same": ("x", "x")}, "b": {"same": ("y", "y")}})


@pytest.mark.parametrize("key, pair", ENTRIES, ids=[k for k, _ in ENTRIES])
def test_entry_has_both_languages_and_english_keeps_every_placeholder(key, pair):
    assert isinstance(pair, tuple) and len(pair) == 2, key
    vi, en = pair
    assert isinstance(vi, str) and vi.strip(), f"{key}: no Vietnamese"
    assert isinstance(en, str) and en.strip(), f"{key}: no English"
    missing = _fields(vi) - _fields(en)
    assert not missing, f"{key}: English lacks {sorted(missing)}"


def test_the_checks_can_fail():
    assert _fields("{count} {count:phát hiện|x} ở {unit}") == {"count", "unit"}
    assert _fields("{unit}") - _fields("the unit") == {"unit"}


def test_fixes_are_shown_as_written_so_hold_no_placeholder():
    """Problem.fix returns a fix's text without filling it in: a placeholder would reach
    the reviewer as "{missing}" (it did, for imp_header_unknown_missing)."""
    fixes = {k: v for k, v in CATALOGUE.items() if k.endswith(catalogue.FIX_SUFFIX)}
    assert fixes
    for key, (vi, en) in fixes.items():
        assert not _fields(vi) and not _fields(en), key
    assert fix_key("imp_required") in CATALOGUE


def test_a_renamed_header_is_said_once_without_a_raw_placeholder():
    from tui.core.io.importing.problems import Problem

    problem = Problem(
        file="f.xlsx",
        key="imp_header_unknown_missing",
        sheet="Công trình",
        row=1,
        column="C",
        found="Tên CT",
        params={"headers": "a, b", "missing": "“Tên công trình”"},
    )
    for lang in ("vi", "en"):
        text = problem.message(lang)
        assert "{" not in text and "}" not in text, text
        assert text.count("“Tên công trình”") == 1, text


def test_an_amount_too_large_for_its_unit_is_a_sentence():
    """imp_too_large was both the workbook over a safety limit and the word "too large"
    of imp_unit_implausible; the limit's sentence won, so this message raised KeyError."""
    from tui.core.io.importing.problems import Problem

    def message(too: str, lang: str) -> str:
        params = {"amount": "1.000", "count": 4, "too": (too, {})}
        return Problem(file="f.xlsx", key="imp_unit_implausible", params=params).message(lang)

    assert "4 số tiền quá lớn so với đơn vị đã đọc" in message("imp_amount_too_large", "vi")
    assert "4 amounts are too large for the unit" in message("imp_amount_too_large", "en")
    assert "4 số tiền quá nhỏ" in message("imp_amount_too_small", "vi")
    assert "giới hạn an toàn" in t("imp_too_large", "vi", what="x", found=2, limit=1)


def test_one_lookup_for_messages_and_labels():
    assert t("log_empty", EN) == "No decision or note has been recorded yet."
    assert t("log_empty", "vi") == "Chưa có quyết định hay ghi chú nào."
    assert tr("app_title", EN) == "NTM resolution review"
    assert text_tr is tr and TEXT["app_title"] == CATALOGUE["app_title"]
    assert lookup("log_head", EN) == "Log: {subject} · {shown} of {total} {total:entry|entries}"
    # a label is shown as written when no parameter is given; a message is always filled
    assert tr("followup_no_previous_head", VI) == "chưa có lần dựng dữ liệu trước để so sánh"
    assert t("followup_no_previous", "en").startswith("There is no earlier build")


def test_t_and_tr_take_a_lang_or_its_code():
    assert t("db_missing", EN, path="x") == t("db_missing", "en", path="x")
    assert tr("log_head", Lang("en"), subject="s", shown=1, total=1) == "Log: s · 1 of 1 entry"
    assert t("demo_built", VI, scale="s", path="p", units=1, resolutions=2, findings=3, seconds=1)
    with pytest.raises(ValueError):
        t("log_empty", "fr")


def test_resolve_lang_returns_a_lang(monkeypatch, tmp_path):
    monkeypatch.delenv("NTM_REVIEW_LANG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))  # no config.toml
    assert resolve_lang("EN") is EN
    assert resolve_lang(None) is VI
    monkeypatch.setenv("NTM_REVIEW_LANG", "en")
    assert resolve_lang(None) is EN
    assert isinstance(resolve_lang("xx"), Lang)


def test_one_pick():
    """i18n's pick(lang, vi, en) is gone: a Lang picks (lang.pick(vi, en), lang.pair(pair))."""
    assert not hasattr(i18n, "pick")
    assert EN.pick("Có", "Yes") == "Yes" and VI.pair(("Có", "Yes")) == "Có"
