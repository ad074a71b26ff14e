"""The status line's text, fitted to the width it is drawn at.

It names the data (a demo badge), where the reviewer is, the year, the money unit and the
reviewer's login. At 80 columns all of it does not fit: the login is what a reviewer on a
shared server must always see, so the place name gives way first (ending in "…"), after
the separators and labels have shortened.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text


@dataclass
class StatusText:
    badge: str  # "" without one
    where: str
    year: str  # "Năm 2023"
    money: str  # "ĐVT: đồng"
    money_short: str  # "đồng"
    reviewer: str  # "Người thẩm tra: reviewer"
    reviewer_short: str  # "reviewer"

    def fitted(self, width: int) -> Text:
        for separator, money, reviewer in (
            ("  ·  ", self.money, self.reviewer),
            (" · ", self.money, self.reviewer),
            (" · ", self.money_short, self.reviewer),
            (" · ", self.money_short, self.reviewer_short),
        ):
            text = self._compose(separator, money, reviewer, self.where)
            if cell_len(text.plain) <= width:
                return text
        fixed = cell_len(self._compose(separator, money, reviewer, "").plain)
        room = max(width - fixed, 1)
        where = Text(self.where)
        where.truncate(room, overflow="ellipsis")
        return self._compose(separator, money, reviewer, where.plain)

    def _compose(self, separator: str, money: str, reviewer: str, where: str) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        if self.badge:
            text.append(f" {self.badge} ", style="bold black on yellow")
            text.append(" ")
        text.append(where, style="bold")
        text.append(f"{separator}{self.year}{separator}{money}")
        text.append(f"{separator}{reviewer}", style="dim")
        return text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.fitted(options.max_width)

    def __str__(self) -> str:
        return self.fitted(10_000).plain
