"""A short list to choose one entry from (the overview's sort column): ↑↓ and Enter, or Esc."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..core.lang.language import Lang
from ..keys import bindings, localise
from ..text import tr


class ChoicePicker(ModalScreen[str | None]):
    """Dismisses with the chosen entry's id, or None (cancelled)."""

    BINDINGS = bindings("prompt.cancel")
    DEFAULT_CSS = """
    ChoicePicker { align: center middle; }
    ChoicePicker > Vertical { width: auto; min-width: 40; max-width: 90%; height: auto; max-height: 90%; border: round $accent; background: $surface; padding: 0 1; }
    ChoicePicker OptionList { height: auto; max-height: 20; width: auto; }
    """

    def __init__(
        self, title: str, choices: list[tuple[str, Text | str]], current: str | None, lang: Lang
    ) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.current = current
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text, style="bold"))
            yield OptionList(
                *(Option(label, id=choice_id) for choice_id, label in self.choices),
                id="choices",
            )
            yield Static(Text(tr("choice_keys", self.lang), style="dim"))

    def on_mount(self) -> None:
        localise(self, self.lang)
        options = self.query_one(OptionList)
        ids = [choice_id for choice_id, _ in self.choices]
        options.highlighted = ids.index(self.current) if self.current in ids else 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
