"""A full screen that says, in one sentence, why the data cannot be opened and what to do."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Static

from ..core.errors import NtmError
from ..core.lang.language import Lang
from ..keys import bindings, localise
from ..text import tr

RETRY_SECONDS = 2


class ErrorScreen(Screen):
    BINDINGS = bindings("error.retry", "app.quit")
    DEFAULT_CSS = """
    ErrorScreen { align: center middle; }
    ErrorScreen Vertical { width: 80%; height: auto; border: heavy $error; padding: 1 2; }
    """

    def __init__(self, error: NtmError, lang: Lang, retrying: bool) -> None:
        super().__init__()
        self.error = error
        self.lang = lang
        self.retrying = retrying

    def compose(self) -> ComposeResult:
        with Center(), Vertical():
            yield Static(Text(tr("error_title", self.lang), style="bold"), id="error-title")
            yield Static(self.error.message(self.lang), id="error-message", markup=False)
            if self.retrying:
                yield Static(
                    Text(tr("error_retrying", self.lang, seconds=RETRY_SECONDS), style="dim")
                )
            yield Static(Text(tr("error_keys", self.lang), style="dim"))

    def on_mount(self) -> None:
        localise(self, self.lang)

    def action_retry(self) -> None:
        from .requests import RetryOpen

        self.post_message(RetryOpen())
