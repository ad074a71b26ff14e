"""The reviewer's own settings: $XDG_CONFIG_HOME/ntm-review/config.toml.

lang = "en"            # the interface language (default vi)
money_unit = "trieu"   # dong | trieu | ty, the money unit the TUI starts with
reviewing_body = "HĐND tỉnh Quảng Ninh"  # heads notices of resolutions from 01/07/2025
[keys]                 # remapped key bindings, by binding id
"overview.filter" = "f2"
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from platformdirs import user_config_path

from .errors import NtmError


def config_path() -> Path:
    return user_config_path("ntm-review") / "config.toml"


def load_config(path: Path | None = None) -> tuple[dict, NtmError | None]:
    """The user's config and, if it could not be read, why (one sentence in the UI
    language: `.message(lang)`; tomllib's own message is English)."""
    path = path or config_path()
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


_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def toml_position(exc: tomllib.TOMLDecodeError) -> NtmError:
    """Where a TOML error is, in words of the UI language (tomllib says it in English,
    inside its message; from Python 3.14 also as attributes)."""
    found = _TOML_AT.search(str(exc))
    if found:
        return NtmError("toml_at", line=int(found.group(1)), column=int(found.group(2)))
    return NtmError("toml_at_end")


def config_value(key: str) -> str | None:
    config, _ = load_config()
    value = config.get(key)
    return value if isinstance(value, str) else None
