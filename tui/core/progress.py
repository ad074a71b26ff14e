"""How a long build reports its progress (the CLI draws it as a Rich progress bar).

The core only calls these two methods; it never draws anything itself.
"""

from __future__ import annotations

from typing import Protocol


class BuildProgress(Protocol):
    """Stages, in order: "units" (catalogues and units), "data" (total: the number of units
    when the data are streamed one unit per chunk, else None), "load" (total: the staged
    tables), "rules" (total: the number of rules), "summary", "finish" (copying the
    earlier build's findings and writing the file)."""

    def stage(self, name: str, total: int | None = None) -> None: ...

    def advance(self, amount: int = 1) -> None: ...


class Silent:
    """A BuildProgress that reports nothing."""

    def stage(self, name: str, total: int | None = None) -> None:
        pass

    def advance(self, amount: int = 1) -> None:
        pass
