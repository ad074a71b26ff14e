"""The reviewer's own settings: $XDG_CONFIG_HOME/ntm-review/config.toml.

lang = "en"            # the interface language (default vi)
money_unit = "trieu"   # dong | trieu | ty, the money unit the TUI starts with
reviewing_body = "HĐND tỉnh Quảng Ninh"  # heads notices of resolutions from 01/07/2025
[keys]                 # remapped key bindings, by binding id
"overview.filter" = "f2"
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from platformdirs import user_config_path


def config_path() -> Path:
    return user_config_path("ntm-review") / "config.toml"


def load_config(path: Path | None = None) -> tuple[dict, str | None]:
    """The user's config and, if it could not be read, one sentence saying why."""
    path = path or config_path()
    if not path.exists():
        return {}, None
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle), None
    except (OSError, tomllib.TOMLDecodeError) as exc:
        return {}, f"{path}: {exc}"


def config_value(key: str) -> str | None:
    config, _ = load_config()
    value = config.get(key)
    return value if isinstance(value, str) else None
