"""Every sentence a reviewer reads, in Vietnamese (default) and English: the lookup.

The text lives in one catalogue (tui.core.lang.catalogue, key → (vi, en)); `t` fills in a
message, `tr` an interface label. Both take the reader's `Lang` (a bare "vi"/"en" works
too, since a Lang is that string).
"""

from __future__ import annotations

import os
import string

from .catalogue import CATALOGUE
from .language import LANG_CODES, VI, Lang, as_lang

LANGS = LANG_CODES
DEFAULT_LANG: Lang = VI
LANG_ENV_VAR = "NTM_REVIEW_LANG"

# The one table, under the name callers have always read it by.
MESSAGES = CATALOGUE


def resolve_lang(lang: str | None = None) -> Lang:
    """The UI language: explicit choice, then NTM_REVIEW_LANG, then the user's config, then Vietnamese."""
    from ..config import config_value

    for candidate in (lang, os.environ.get(LANG_ENV_VAR), config_value("lang")):
        if candidate and candidate.lower() in LANGS:
            return as_lang(candidate.lower())
    return DEFAULT_LANG


class _CatalogueFormatter(string.Formatter):
    """str.format, plus English plurals: "{count} {count:finding|findings}" writes the
    first word for 1 and the second for any other number. No numeric format spec holds
    "|", so the two cannot be confused; Vietnamese nouns have no plural and never use it."""

    def format_field(self, value: object, format_spec: str) -> str:
        if "|" in format_spec:
            singular, plural = format_spec.split("|", 1)
            return singular if _count_of(value) == 1 else plural
        return super().format_field(value, format_spec)


def _count_of(value: object) -> int | None:
    """The number a count parameter holds, also when a caller passed it formatted
    ("1.234" in Vietnamese, "1,234" in English)."""
    if isinstance(value, int):
        return value
    digits = "".join(ch for ch in str(value) if ch.isdigit())
    return int(digits) if digits else None


_FORMATTER = _CatalogueFormatter()


def render(template: str, params: dict) -> str:
    """A catalogue template filled in (every catalogue formats through here)."""
    return _FORMATTER.vformat(template, (), params)


def lookup(key: str, lang: Lang | str) -> str:
    """The one lookup: catalogue entry `key` in the reader's language, not filled in."""
    return as_lang(lang).pair(CATALOGUE[key])


def t(key: str, lang: Lang | str = DEFAULT_LANG, **params: object) -> str:
    """The catalogue's message `key` in the reader's language, filled in with `params`."""
    return render(lookup(key, lang), params)


def tr(key: str, lang: Lang | str, **params: object) -> str:
    """An interface label: as `t`, but a label asked for without parameters comes as written."""
    text = lookup(key, lang)
    return render(text, params) if params else text
