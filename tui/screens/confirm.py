"""A yes/no question before a write that deserves a second look: y or Enter agrees,
n or Esc records nothing."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ..core.lang.language import Lang
from ..keys import bindings, localise
from ..text import tr


class ConfirmPrompt(ModalScreen[bool]):
    BINDINGS = bindings("confirm.yes", "confirm.no")
    DEFAULT_CSS = """
    ConfirmPrompt { align: center middle; }
    ConfirmPrompt > Vertical { width: 90%; max-width: 100; height: auto; border: round $warning; background: $surface; padding: 0 1; }
    """

    def __init__(self, title: str, question: str, lang: Lang) -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text, style="bold"), id="confirm-title")
            yield Static(Text(self.question), id="confirm-question")
            yield Static(Text(tr("confirm_keys", self.lang), style="dim"))

    def on_mount(self) -> None:
        localise(self, self.lang)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
