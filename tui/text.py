"""Labels of the interface, in Vietnamese (default) and English.

They live in the one catalogue (tui/core/lang/labels.py, merged in
tui/core/lang/catalogue.py); `tr` is the catalogue's label lookup, here under the name the
screens import.
"""

from __future__ import annotations

from .core.lang.i18n import tr
from .core.lang.labels import LABELS as TEXT

__all__ = ["TEXT", "tr"]
