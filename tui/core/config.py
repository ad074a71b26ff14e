"""The reviewer's own settings: $XDG_CONFIG_HOME/ntm-review/config.toml.

lang = "en"            # the interface language (default vi)
money_unit = "trieu"   # dong | trieu | ty, the money unit the TUI starts with
reviewing_body = "HĐND tỉnh Quảng Ninh"  # heads notices of resolutions from 01/07/2025
review_store = "postgresql://…"          # the shared review store (see README)
export_dir = "~/bao-cao"                 # where the TUI's `w` writes (default: the current folder)
[keys]                 # remapped key bindings, by binding id
"overview.filter" = "f2"

The file is read into a `Config` (frozen) and checked once, when the program starts
(tui/cli): a value of the wrong kind is one sentence naming the key and the file, and the
program stops. A file that cannot be read at all (not TOML, not UTF-8, unreadable) leaves
the defaults in force and is reported as `Config.problem`, as before. Core modules that
need one setting (the language, the reviewing body, the review store) ask `config_value`,
which parses the file once per version of it (its stat), not once per question.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from platformdirs import user_config_path

from .errors import NtmError
from .fmt import MONEY_UNITS
from .lang.language import LANG_CODES, Lang

# Every key the file may hold; anything else is a typo that would otherwise do nothing.
TEXT_KEYS = ("reviewing_body", "review_store", "export_dir")
KNOWN_KEYS = ("lang", "money_unit", *TEXT_KEYS, "keys")


class ConfigError(NtmError):
    """A value in config.toml is not one the program can use: one sentence, exit 2."""


@dataclass(frozen=True)
class Config:
    """The settings, each None (or empty) when the file does not set it."""

    path: Path
    lang: Lang | None = None
    money_unit: str | None = None
    reviewing_body: str | None = None
    review_store: str | None = None
    export_dir: Path | None = None
    # binding id → key, as written under [keys] (read-only).
    keys: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # Why the file could not be read at all (the defaults are then in force), or None.
    problem: NtmError | None = None

    def check_binding_ids(self, known: set[str] | frozenset[str]) -> None:
        """Every id under [keys] names a binding (the ids live with the TUI: tui/keys.py)."""
        for binding_id in self.keys:
            if binding_id not in known:
                raise ConfigError(
                    "config_unknown_binding", path=self.path, setting=f'keys."{binding_id}"'
                )


def config_path() -> Path:
    return user_config_path("ntm-review") / "config.toml"


# -- reading ---------------------------------------------------------------------------------

_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def toml_position(exc: tomllib.TOMLDecodeError) -> NtmError:
    """Where a TOML error is, in words of the UI language (tomllib says it in English,
    inside its message; from Python 3.14 also as attributes)."""
    found = _TOML_AT.search(str(exc))
    if found:
        return NtmError("toml_at", line=int(found.group(1)), column=int(found.group(2)))
    return NtmError("toml_at_end")


def _read_toml(path: Path) -> tuple[dict, NtmError | None]:
    """The file's table and, if it could not be read, why (one sentence in the UI
    language: `.message(lang)`; tomllib's own message is English)."""
    if not path.exists():
        return {}, None
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle), None
    except tomllib.TOMLDecodeError as exc:
        return {}, NtmError("config_bad_toml", path=path, where=toml_position(exc))
    except UnicodeDecodeError:
        return {}, NtmError("config_not_utf8", path=path)
    except OSError as exc:
        return {}, NtmError("config_unreadable", path=path, detail=exc.strerror or str(exc))


# One parse per version of the file: (path, stat) → (table, problem).
_CACHE: dict[Path, tuple[tuple, tuple[dict, NtmError | None]]] = {}


def _stamp(path: Path) -> tuple:
    try:
        found = path.stat()
    except OSError:
        return ()
    return (found.st_mtime_ns, found.st_size, found.st_ino, found.st_ctime_ns)


def _raw(path: Path) -> tuple[dict, NtmError | None]:
    stamp = _stamp(path)
    cached = _CACHE.get(path)
    if cached is not None and cached[0] == stamp and stamp:
        return cached[1]
    read = _read_toml(path)
    _CACHE[path] = (stamp, read)
    return read


# -- checking ---------------------------------------------------------------------------------


def _shown(value: Any) -> str:
    """A value as the reviewer wrote it, short (it goes into one sentence)."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:59] + "…"


def _bad(path: Path, key: str, value: Any, expected: str) -> ConfigError:
    return ConfigError(
        "config_bad_value",
        path=path,
        setting=key,
        value=_shown(value),
        expected=NtmError(expected),
    )


def _typed(table: dict, path: Path) -> Config:
    for key in table:
        if key not in KNOWN_KEYS:
            raise ConfigError(
                "config_unknown_key", path=path, setting=key, known=", ".join(KNOWN_KEYS)
            )
    lang = table.get("lang")
    if lang is not None:
        if not isinstance(lang, str) or lang.lower() not in LANG_CODES:
            raise _bad(path, "lang", lang, "config_expect_lang")
        lang = Lang(lang.lower())
    money_unit = table.get("money_unit")
    if money_unit is not None and money_unit not in MONEY_UNITS:
        raise _bad(path, "money_unit", money_unit, "config_expect_money_unit")
    texts: dict[str, str | None] = {}
    for key in TEXT_KEYS:
        value = table.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise _bad(path, key, value, "config_expect_text")
        texts[key] = value
    keys = table.get("keys", {})
    if not isinstance(keys, dict):
        raise _bad(path, "keys", keys, "config_expect_keys_table")
    for binding_id, key in keys.items():
        if not isinstance(key, str) or not key.strip():
            raise _bad(path, f'keys."{binding_id}"', key, "config_expect_key_name")
    export_dir = texts["export_dir"]
    return Config(
        path=path,
        lang=lang,
        money_unit=money_unit,
        reviewing_body=texts["reviewing_body"],
        review_store=texts["review_store"],
        export_dir=Path(export_dir).expanduser() if export_dir is not None else None,
        keys=MappingProxyType(dict(keys)),
    )


def read_config(path: Path | None = None) -> Config:
    """The settings, checked. Raises ConfigError for a value the program cannot use; a
    file that cannot be read at all gives the defaults with `problem` set."""
    path = path or config_path()
    table, problem = _raw(path)
    if problem is not None:
        return Config(path=path, problem=problem)
    return _typed(table, path)


def config_value(key: str) -> str | None:
    """One text setting for the core (lang, reviewing_body, review_store), or None. Never
    raises: the CLI has already refused a bad file when it started (read_config)."""
    table, _ = _raw(config_path())
    value = table.get(key)
    return value if isinstance(value, str) else None
