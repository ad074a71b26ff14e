"""Errors a reviewer can act on: a message key plus parameters, rendered per language."""

from __future__ import annotations

from .lang.i18n import t
from .lang.language import VI, Lang


class NtmError(Exception):
    """An error that is shown as one plain sentence, never as a traceback."""

    exit_code = 2

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: Lang = VI) -> str:
        params = {
            name: (value.message(lang) if isinstance(value, NtmError) else value)
            for name, value in self.params.items()
        }
        return t(self.key, lang, **params)

    def __str__(self) -> str:
        return self.message("en")


class DatabaseError(NtmError):
    """The database file is missing, locked, corrupt or of the wrong version."""


class UsageError(NtmError):
    """An argument names something that does not exist or is malformed."""


class RegistryError(NtmError):
    """A row of the shipped legal-document registry (data/legal_documents.csv) is unusable."""
