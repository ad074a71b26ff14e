"""The review store's refusals and failures: one ``ReviewError`` with a message key, its
parameters and a sentence in Vietnamese (default) or English.

Nothing here imports textual.
"""

from __future__ import annotations

from typing import Any

from ..lang.catalogue import CATALOGUE
from ..lang.i18n import lookup, render
from ..lang.language import VI, Lang, as_lang

__all__ = ["ReviewError"]


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "?"


class ReviewError(Exception):
    """A refusal or failure with a message key, parameters and a localised sentence."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: Lang = VI) -> str:
        """One sentence in Vietnamese (default) or English ('en')."""
        from .events import DECISION_LABELS  # events.py raises ReviewError

        lg = as_lang(lang)
        values = _Missing({k: ("—" if v is None else v) for k, v in self.params.items()})
        decision = self.params.get("decision")
        if isinstance(decision, str):
            values.setdefault("label", DECISION_LABELS[lg].get(decision, decision))
        detail = self.params.get("detail")
        if isinstance(detail, str) and "detail." + detail in CATALOGUE:
            values["detail"] = render(lookup("detail." + detail, lg), values)
        if self.key not in CATALOGUE:
            return f"{self.key}: {self.params}"
        return render(lookup(self.key, lg), values)

    def __reduce__(self) -> tuple[Any, ...]:
        # Survives pickling (multiprocessing) with key and params intact.
        return (_rebuild_error, (self.key, self.params))


def _rebuild_error(key: str, params: dict[str, Any]) -> ReviewError:
    return ReviewError(key, **params)
