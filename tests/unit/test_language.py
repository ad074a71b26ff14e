"""One wording per meaning, right English plurals, no English in the Vietnamese UI.

The catalogues: tui/core/i18n.py (with messages_import and messages_faults merged in),
tui/text.py (the TUI), tui/core/review.py (the review store's refusals),
tui/core/export.py and tui/core/notice.py (files), tui/keys.py (footer and help).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

import pytest

from tui.core.i18n import MESSAGES, render, t


def english_catalogue() -> Iterator[tuple[str, str]]:
    """(where, English template) for every catalogue sentence."""
    from tui.core.export import _MESSAGES as EXPORT
    from tui.core.notice import TEXT as NOTICE
    from tui.core.review import _DETAILS
    from tui.core.review import _MESSAGES as REVIEW
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
    assert t("followup_flagged", "en", count=1) == "1 finding marked “corrected” still occurs."
    assert t("followup_flagged", "en", count=2) == "2 findings marked “corrected” still occur."
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
