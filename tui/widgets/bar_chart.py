"""A horizontal bar chart of amounts, drawn with block characters (works in any terminal)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ..core.fmt import money, money_unit_label
from ..core.lang.language import VI, Lang, as_lang

BAR_STYLES = [
    "red",
    "yellow",
    "green",
    "cyan",
    "magenta",
    "blue",
    "bright_red",
    "bright_green",
    "bright_cyan",
    "white",
]
_EIGHTHS = " ▏▎▍▌▋▊▉█"


def bar(fraction: float, width: int) -> str:
    fraction = max(0.0, min(1.0, fraction))
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full + (_EIGHTHS[part] if part else "")
    return text.ljust(width)


class BarChart(Static):
    DEFAULT_CSS = "BarChart { height: auto; padding: 0 1; }"

    def __init__(
        self, title: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__("", id=id, classes=classes)
        self.title = title
        self.items: list[tuple[str, int]] = []
        self.money_unit = "dong"
        self.lang: Lang = VI
        self.empty_text = ""

    def set_data(
        self, items: list[tuple[str, int]], money_unit: str, lang: Lang, empty_text: str = ""
    ) -> None:
        self.items = [(label, amount) for label, amount in items if amount]
        self.money_unit = money_unit
        self.lang = as_lang(lang)
        self.empty_text = empty_text
        self.update(self._render_chart())

    def on_resize(self) -> None:
        if self.items:
            self.update(self._render_chart())

    def _render_chart(self):
        if not self.items:
            return Text(self.empty_text, style="dim")
        total = sum(amount for _, amount in self.items) or 1
        width = max(self.size.width - 2, 40)
        label_width = min(max(len(label) for label, _ in self.items), max(width // 3, 12))
        amount_width = max(len(money(a, self.money_unit)) for _, a in self.items)
        bar_width = max(width - label_width - amount_width - 12, 8)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=label_width, no_wrap=True, overflow="ellipsis")
        grid.add_column(width=bar_width, no_wrap=True)
        grid.add_column(justify="right", no_wrap=True)
        grid.add_column(justify="right", no_wrap=True, width=6)
        for i, (label, amount) in enumerate(self.items):
            share = amount / total
            grid.add_row(
                label,
                Text(bar(share, bar_width), style=BAR_STYLES[i % len(BAR_STYLES)]),
                money(amount, self.money_unit),
                f"{share * 100:.1f}%".replace(".", self.lang.pick(",", ".")),
            )
        head = Text(f"{self.title} ({money_unit_label(self.money_unit, self.lang)})", style="bold")
        outer = Table.grid()
        outer.add_row(head)
        outer.add_row(grid)
        return outer
