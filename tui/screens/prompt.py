"""A one-line prompt for a decision's reason or a free note: Enter saves, Esc cancels."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..core.lang.language import Lang
from ..keys import bindings, localise
from ..text import tr


class TextPrompt(ModalScreen[str | None]):
    BINDINGS = bindings("prompt.cancel")
    DEFAULT_CSS = """
    TextPrompt { align: center middle; }
    TextPrompt > Vertical { width: 90%; max-width: 100; height: auto; border: round $accent; background: $surface; padding: 0 1; }
    TextPrompt #prompt-error { color: $error; height: auto; }
    """

    def __init__(self, title: str, subject: str, lang: Lang, *, required: bool = True) -> None:
        super().__init__()
        self.title_text = title
        self.subject = subject
        self.lang = lang
        self.required = required

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text, style="bold"))
            yield Static(Text(self.subject, style="dim"))
            yield Input(id="prompt-input")
            yield Static("", id="prompt-error", markup=False)
            yield Static(Text(tr("prompt_keys", self.lang), style="dim"))

    def on_mount(self) -> None:
        localise(self, self.lang)
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if self.required and not value:
            self.query_one("#prompt-error", Static).update(tr("prompt_required", self.lang))
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
