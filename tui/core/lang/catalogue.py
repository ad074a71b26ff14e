"""The one catalogue: every sentence and label a reviewer reads, key → (Vietnamese, English).

The entries are declared by subject in the modules of this package (general messages,
import, faults, follow-up tracking, the interface's labels, the rules' terms, the review
store) and merged
here into CATALOGUE, which `t` and `tr` (tui.core.lang.i18n) read. A key may be declared
once only: two parts declaring it would let one silently hide the other, so the merge
refuses that at import time.

The import fixes (what to do about a problem, FIXES) are entries like any other, under
"<problem key>.fix".
"""

from __future__ import annotations

from collections.abc import Mapping

from .faults import MESSAGES_FAULTS
from .general import MESSAGES_GENERAL
from .importing import FIXES, MESSAGES_IMPORT
from .labels import LABELS
from .reviewing import DECISION_WORDS, MESSAGES_REVIEW, REVIEW_DETAILS
from .terms import MESSAGES_TERMS
from .tracking import MESSAGES_TRACKING

FIX_SUFFIX = ".fix"

# Each part by name, in the order it is merged (the name appears in a duplicate's error).
PARTS: dict[str, Mapping[str, tuple[str, str]]] = {
    "general": MESSAGES_GENERAL,
    "importing": MESSAGES_IMPORT,
    "fixes": {key + FIX_SUFFIX: pair for key, pair in FIXES.items()},
    "faults": MESSAGES_FAULTS,
    "tracking": MESSAGES_TRACKING,
    "labels": LABELS,
    "terms": MESSAGES_TERMS,
    "review": MESSAGES_REVIEW,
    "review details": REVIEW_DETAILS,
    "decisions": DECISION_WORDS,
}


class DuplicateKey(ValueError):
    pass


def merge(parts: Mapping[str, Mapping[str, tuple[str, str]]]) -> dict[str, tuple[str, str]]:
    """All parts in one table; a key declared by two parts is refused."""
    table: dict[str, tuple[str, str]] = {}
    owner: dict[str, str] = {}
    for name, part in parts.items():
        for key, pair in part.items():
            if key in table:
                raise DuplicateKey(
                    f"catalogue key {key!r} is declared in both {owner[key]} and {name}"
                )
            table[key] = pair
            owner[key] = name
    return table


CATALOGUE: dict[str, tuple[str, str]] = merge(PARTS)


def fix_key(key: str) -> str:
    """The catalogue key of what to do about an import problem keyed `key`."""
    return key + FIX_SUFFIX
