"""The messages of this session, newest first: an export's path can be found again after
its notice has gone. Enter copies the highlighted one."""

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
from ..widgets.message_bar import SEVERITY_STYLES


class MessagesScreen(ModalScreen):
    BINDINGS = bindings("help.close")
    DEFAULT_CSS = """
    MessagesScreen { align: center middle; }
    MessagesScreen > Vertical { width: 96%; max-width: 110; height: 90%; border: round $accent; background: $surface; padding: 0 1; }
    MessagesScreen OptionList { height: 1fr; }
    """

    def __init__(self, history: list[tuple[str, str, str]], lang: Lang) -> None:
        """history: (time "HH:MM:SS", severity, message), oldest first."""
        super().__init__()
        self.history = history
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(tr("messages_title", self.lang), style="bold"))
            options = []
            for index, (when, severity, message) in enumerate(reversed(self.history)):
                line = Text(f"{when}  ", style="dim")
                line.append(message, style=SEVERITY_STYLES.get(severity, ""))
                options.append(Option(line, id=str(len(self.history) - 1 - index)))
            yield OptionList(*options, id="messages")
            empty = tr("messages_empty", self.lang) if not options else ""
            yield Static(Text(empty or tr("messages_keys", self.lang), style="dim"))

    def on_mount(self) -> None:
        localise(self, self.lang)
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        message = self.history[int(event.option.id)][2]
        self.app.copy_to_clipboard(message)
        self.app.notify(tr("copied", self.lang))

    def action_close(self) -> None:
        self.dismiss()
