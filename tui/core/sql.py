"""Loads the SQL files under queries/ by name.

Every file there is one statement (or one migration script) with a header comment
saying what it returns. Parameters are always bound, never formatted into the text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .paths import QUERIES_DIR


class QueryNotFound(LookupError):
    pass


def query_path(name: str) -> Path:
    return QUERIES_DIR / f"{name}.sql"


@cache
def load(name: str) -> str:
    """Return the text of queries/<name>.sql, e.g. load("views/overview")."""
    path = query_path(name)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise QueryNotFound(f"queries/{name}.sql does not exist") from exc


def all_query_names() -> list[str]:
    return sorted(
        str(p.relative_to(QUERIES_DIR).with_suffix("")) for p in QUERIES_DIR.rglob("*.sql")
    )


def header(name: str) -> str:
    """The leading comment block of a query file, without the comment markers."""
    lines = []
    for line in load(name).splitlines():
        if not line.startswith("--"):
            break
        lines.append(line[2:].strip())
    return "\n".join(lines)
