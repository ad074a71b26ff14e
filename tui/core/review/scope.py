"""Who records: the reviewer is the OS login, and a reviewers file may limit the units each
reviewer records on (everyone may always read).

Nothing here imports textual.
"""

from __future__ import annotations

import os
import pwd
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from .errors import ReviewError

__all__ = ["ReviewerScope", "current_login"]


def current_login() -> str:
    """The OS login of the effective user. Deliberately not taken from the environment."""
    uid = os.geteuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid{uid}"


@dataclass(frozen=True, eq=False)
class ReviewerScope:
    """Which units each reviewer may record on. Everyone may always read.

    ``units_by_reviewer`` is None when there is no reviewers file: then everyone may
    record on everything. In an existing file, an unlisted reviewer may record nothing.
    """

    units_by_reviewer: Mapping[str, frozenset[str]] | None = None
    source: Path | None = field(default=None)

    @classmethod
    def load(cls, path: Path | None) -> ReviewerScope:
        """Read a reviewers TOML file; a missing file (or None) means no restriction."""
        if path is None:
            return cls()
        path = Path(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return cls()
        except IsADirectoryError as exc:
            raise ReviewError("scope_invalid", path=str(path), detail="is_directory") from exc
        except OSError as exc:
            raise ReviewError("scope_invalid", path=str(path), detail="unreadable") from exc
        try:
            doc = tomllib.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise ReviewError("scope_invalid", path=str(path), detail="not_utf8") from exc
        except tomllib.TOMLDecodeError as exc:
            # tomllib's message is English: only where the error is goes into ours.
            found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
            if found is None:
                raise ReviewError("scope_invalid", path=str(path), detail="toml_end") from exc
            raise ReviewError(
                "scope_invalid",
                path=str(path),
                detail="toml_syntax",
                line=int(found.group(1)),
                column=int(found.group(2)),
            ) from exc
        reviewers = doc.get("reviewers", {})
        if not isinstance(reviewers, dict):
            raise ReviewError("scope_invalid", path=str(path), detail="reviewers_not_table")
        table: dict[str, frozenset[str]] = {}
        for name, entry in reviewers.items():
            units = entry.get("units", []) if isinstance(entry, dict) else None
            if isinstance(units, str):
                units = [units]
            if not isinstance(units, list) or not all(isinstance(u, str) for u in units):
                # Unquoted codes would lose their leading zeros (06745 -> 6745): refuse.
                raise ReviewError(
                    "scope_invalid", path=str(path), detail="units_not_strings", name=name
                )
            table[name] = frozenset(u.strip() for u in units if u.strip())
        return cls(MappingProxyType(table), path)

    @property
    def restricted(self) -> bool:
        return self.units_by_reviewer is not None

    def units_for(self, reviewer: str) -> frozenset[str] | None:
        """The units a reviewer may record on; None means all units."""
        if self.units_by_reviewer is None:
            return None
        units = self.units_by_reviewer.get(reviewer, frozenset())
        return None if "*" in units else units

    def allows(self, reviewer: str, unit_code: str | None) -> bool:
        units = self.units_for(reviewer)
        if units is None:
            return True
        return unit_code is not None and unit_code.strip() in units
