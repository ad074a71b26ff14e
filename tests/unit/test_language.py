"""One wording per meaning, right English plurals, no English in the Vietnamese UI.

The catalogues: tui/core/lang/i18n.py (with messages_import and messages_faults merged in),
tui/text.py (the TUI), tui/core/review/sqlite.py (the review store's refusals),
tui/core/io/export.py and tui/core/io/notice.py (files), tui/keys.py (footer and help).
"""

from __future__ import annotations

import re
import shutil
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.core.lang.i18n import MESSAGES, render, t


def english_catalogue() -> Iterator[tuple[str, str]]:
    """(where, English template) for every catalogue sentence."""
    from tui.core.io.export import _MESSAGES as EXPORT
    from tui.core.io.notice import TEXT as NOTICE
    from tui.core.review.sqlite import _DETAILS
    from tui.core.review.sqlite import _MESSAGES as REVIEW
    from tui.text import TEXT

    for key, (_, en) in MESSAGES.items():
        yield f"i18n.{key}", en
    for key, (_, en) in TEXT.items():
        yield f"text.{key}", en
    for key, pair in REVIEW.items():
        yield f"review.{key}", pair["en"]
    for key, pair in _DETAILS.items():
        yield f"review.detail.{key}", pair["en"]
    for key, (_, en) in EXPORT.items():
        yield f"export.{key}", en
    for key, (_, en) in NOTICE.items():
        yield f"notice.{key}", en


class _Every(dict):
    """Every placeholder gets the same value."""

    def __init__(self, value: object) -> None:
        super().__init__()
        self.value = value

    def __missing__(self, key: str) -> object:
        return self.value


NOUNS = (
    "finding",
    "error",
    "warning",
    "unit",
    "resolution",
    "event",
    "reviewer",
    "file",
    "problem",
    "amount",
    "cell",
    "row",
    "work",
    "unit-year",
    "total",
    "decision",
    "note",
)
PLURALS = {noun: noun + "s" for noun in NOUNS} | {"entry": "entries"}
ONE_WITH_PLURAL = re.compile(r"(?<![\d.,])1 (?:[a-z]+ )?(" + "|".join(PLURALS.values()) + r")\b")
# "2 unit periods" and "unit-years" use the noun as a modifier; "finding 2 of unit 2" is
# not a count.
TWO_WITH_SINGULAR = re.compile(
    r"(?<![\d.,])2 (?:(?!of )[a-z]+ )?(" + "|".join(PLURALS) + r")(?![\w-])(?! period)"
)


def _placeholders(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


COUNT_TEMPLATES = [(where, en) for where, en in english_catalogue() if _placeholders(en)]


def test_the_catalogue_scan_sees_the_count_messages() -> None:
    # The test below would pass vacuously if the scan found nothing to look at.
    keys = {where for where, _ in COUNT_TEMPLATES}
    assert {"i18n.demo_built", "i18n.chain_ok", "text.summary_line", "text.log_head"} <= keys


@pytest.mark.parametrize(
    ("where", "template"), COUNT_TEMPLATES, ids=[w for w, _ in COUNT_TEMPLATES]
)
def test_english_count_messages_agree_with_their_number(where: str, template: str) -> None:
    assert "(s)" not in template, f"{where} writes a plural as (s)"
    one = render(template, _Every(1))
    assert not ONE_WITH_PLURAL.search(one), f"{where}: {one}"
    two = render(template, _Every(2))
    assert not TWO_WITH_SINGULAR.search(two), f"{where}: {two}"


def test_plural_forms_render() -> None:
    assert t("chain_ok", "en", path="p", count=1).endswith("1 event checked.")
    assert t("chain_ok", "en", path="p", count=3).endswith("3 events checked.")
    assert t("followup_flagged", "en", count=1) == "1 finding marked “Corrected” still occurs."
    assert t("followup_flagged", "en", count=2) == "2 findings marked “Corrected” still occur."
    # A count passed already formatted ("1.234") still chooses the plural.
    assert "1.234 units" in t(
        "demo_built",
        "en",
        scale="x",
        path="p",
        units="1.234",
        resolutions=1,
        findings=0,
        seconds="1",
    )
    # Vietnamese has no plural: the same noun for every number.
    assert t("chain_ok", "vi", path="p", count=1).endswith("đã kiểm tra 1 sự kiện.")


# -- one wording per decision ----------------------------------------------------------------


def every_catalogue_text() -> Iterator[tuple[str, str, str]]:
    """(where, lang, text) for every sentence a reviewer can read: the catalogues, the
    footer and help of every key, the screens' help, and the CLI's --help of every command."""
    import argparse

    from tui.cli import build_parser
    from tui.core.io.export import _MESSAGES as EXPORT
    from tui.core.io.notice import TEXT as NOTICE
    from tui.core.review.sqlite import _MESSAGES as REVIEW
    from tui.keys import ACTIONS
    from tui.screens.base import ReviewScreen
    from tui.text import TEXT

    for name, table in (("i18n", MESSAGES), ("text", TEXT), ("export", EXPORT), ("notice", NOTICE)):
        for key, (vi, en) in table.items():
            yield f"{name}.{key}", "vi", vi
            yield f"{name}.{key}", "en", en
    for key, pair in REVIEW.items():
        yield f"review.{key}", "vi", pair["vi"]
        yield f"review.{key}", "en", pair["en"]
    for action in ACTIONS.values():
        for lang in ("vi", "en"):
            yield f"keys.{action.binding_id}", lang, action.short(lang)
            yield f"keys.{action.binding_id}", lang, action.help(lang)

    def screens(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from screens(sub)

    import tui.app  # noqa: F401 - imports every screen

    for screen in screens(ReviewScreen):
        yield f"screen.{screen.__name__}", "vi", screen.HELP_VI
        yield f"screen.{screen.__name__}", "en", screen.HELP_EN
    for lang in ("vi", "en"):
        parser = build_parser(lang)
        yield "cli", lang, parser.format_help()
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    yield f"cli.{name}", lang, sub.format_help()


# Wordings that once named a decision or the reviewer and must not come back: each
# decision has the one label of DECISION_LABELS, the reviewer is "người rà soát".
OTHER_WORDINGS = {
    "vi": re.compile(r"(?i)đã chỉnh sửa|cần sửa\b(?! đổi)|người thẩm tra|(?<!mọi )người ghi\b"),
    "en": re.compile(r"Needs fix|\bN/A\b|“corrected”|\bWho\b"),
}


def test_no_other_wording_of_a_decision_or_of_the_reviewer() -> None:
    texts = list(every_catalogue_text())
    assert len(texts) > 500  # the scan reaches every catalogue
    found = [
        (where, lang, OTHER_WORDINGS[lang].search(text).group())
        for where, lang, text in texts
        if OTHER_WORDINGS[lang].search(text)
    ]
    assert found == []


def test_a_quoted_decision_is_its_label() -> None:
    """Where a sentence quotes a decision (“…”), it quotes the label itself."""
    from tui.core.review.sqlite import DECISION_LABELS

    decision_words = re.compile(
        r"(?i)“((?:cần|đã|needs|not)?[^”]{0,12}(?:sửa|khắc phục|chấp nhận|áp dụng|correct"
        r"\w*|accept\w*|applicable))”"
    )
    for where, lang, text in every_catalogue_text():
        labels = set(DECISION_LABELS[lang].values())
        for quoted in decision_words.findall(text):
            assert quoted in labels, f"{where} ({lang}) quotes “{quoted}”"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_surface_takes_the_decision_label_from_one_table(lang, tmp_path) -> None:
    from types import SimpleNamespace

    from tui.app import NtmReviewApp
    from tui.cli import _decision_label as _cli_decision_label
    from tui.core.io.export import _decision_labels
    from tui.core.review.sqlite import DECISION_LABELS, DECISIONS, ReviewError
    from tui.keys import ACTIONS
    from tui.report import _decision_text

    footer = {
        "needs_correction": "review.needs_correction",
        "accepted": "review.accept",
        "corrected": "review.corrected",
        "not_applicable": "review.not_applicable",
    }
    tui = SimpleNamespace(lang=lang, no_color=False)
    tui.decision_style = lambda decision: NtmReviewApp.decision_style(tui, decision)
    for decision in DECISIONS:
        label = DECISION_LABELS[lang][decision]
        surfaces = {
            "footer": ACTIONS[footer[decision]].short(lang),
            "table": NtmReviewApp.decision_label(tui, decision).plain,
            "export": _decision_labels(lang)[decision],
            "cli log": _decision_text(decision, lang),
            "cli decide": _cli_decision_label(decision, lang),
        }
        assert set(surfaces.values()) == {label}, surfaces
        assert f"“{label}”" in ACTIONS[footer[decision]].help(lang)
        if decision in ("accepted", "not_applicable"):
            message = ReviewError("reason_required", decision=decision).message(lang)
            assert f"“{label}”" in message


# -- TOML errors -----------------------------------------------------------------------------

CONFIG_CORPUS = Path(__file__).parents[1] / "corpus" / "config"


@pytest.mark.parametrize(
    ("name", "vi", "en"),
    [
        ("bad-table-header.toml", "sai cú pháp TOML ở dòng 2, cột 6", "invalid TOML at line 2"),
        ("value-missing-at-end.toml", "sai cú pháp TOML ở cuối tệp", "at the end of the file"),
        ("latin1-not-utf8.toml", "không phải văn bản UTF-8", "not UTF-8 text"),
    ],
)
def test_a_bad_reviewers_file_says_where_in_the_ui_language(tmp_path, name, vi, en) -> None:
    from tui.core.review.sqlite import ReviewError, ReviewerScope

    file = tmp_path / "reviewers.toml"
    shutil.copyfile(CONFIG_CORPUS / name, file)
    with pytest.raises(ReviewError) as err:
        ReviewerScope.load(file)
    assert vi in err.value.message("vi") and en in err.value.message("en")
    # tomllib's own English never reaches the reviewer.
    assert not re.search(r"Expected|Invalid|document", err.value.message("vi"))
