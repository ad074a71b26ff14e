"""A prompt with a required first line and an optional second one (issue 17):

- the proof of a correction: the amending resolution ("15/NQ-HĐND 02/10/2023") or a
  document reference, then optionally a file to store as evidence;
- the reason of an acceptance, then optionally the date it ends.

Enter in either field saves, Tab moves between them, Esc cancels. ``check(first,
second)`` returns a sentence to show (the prompt stays open) or None.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..core.lang.language import Lang
from ..keys import bindings, localise
from ..text import tr


class TwoFieldPrompt(ModalScreen[tuple[str, str] | None]):
    BINDINGS = bindings("prompt.cancel")
    DEFAULT_CSS = """
    TwoFieldPrompt { align: center middle; }
    TwoFieldPrompt > Vertical { width: 90%; max-width: 100; height: auto; border: round $accent; background: $surface; padding: 0 1; }
    TwoFieldPrompt #prompt-error { color: $error; height: auto; }
    """

    def __init__(
        self,
        title: str,
        subject: str,
        second_label: str,
        lang: Lang,
        *,
        first_placeholder: str = "",
        second_placeholder: str = "",
        check: Callable[[str, str], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.subject = subject
        self.second_label = second_label
        self.lang = lang
        self.first_placeholder = first_placeholder
        self.second_placeholder = second_placeholder
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text, style="bold"))
            yield Static(Text(self.subject, style="dim"))
            yield Input(placeholder=self.first_placeholder, id="prompt-input")
            yield Static(Text(self.second_label))
            yield Input(placeholder=self.second_placeholder, id="prompt-second")
            yield Static("", id="prompt-error", markup=False)
            yield Static(Text(tr("prompt_keys_two", self.lang), style="dim"))

    def on_mount(self) -> None:
        localise(self, self.lang)
        self.query_one("#prompt-input", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        first = self.query_one("#prompt-input", Input).value.strip()
        second = self.query_one("#prompt-second", Input).value.strip()
        error = self.query_one("#prompt-error", Static)
        if not first:
            error.update(tr("prompt_required", self.lang))
            self.query_one("#prompt-input", Input).focus()
            return
        problem = self.check(first, second) if self.check is not None else None
        if problem:
            error.update(problem)
            return
        self.dismiss((first, second))

    def action_cancel(self) -> None:
        self.dismiss(None)
