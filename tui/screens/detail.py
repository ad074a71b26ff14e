"""The whole record behind one row, wrapped: what a 30-column cell cannot show.

Every screen's rows cut long texts; `i` (and Enter where Enter has nothing else to do)
opens this view. Each section is a label and its full text; nothing is cut. Modelled on
VisiData's row sheet and k9s's describe.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..core.lang.language import Lang
from ..keys import bindings, localise
from ..text import tr


class DetailScreen(ModalScreen):
    BINDINGS = bindings("detail.close")
    DEFAULT_CSS = """
    DetailScreen { align: center middle; }
    DetailScreen > VerticalScroll { width: 96%; max-width: 110; height: 94%; border: round $accent; background: $surface; padding: 0 1; }
    DetailScreen .detail-label { text-style: bold; color: $accent; margin-top: 1; }
    DetailScreen #detail-title { text-style: bold; }
    """

    def __init__(self, title: str, sections: list[tuple[str, str | Text]], lang: Lang) -> None:
        super().__init__()
        self.title_text = title
        self.sections = sections
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail"):
            yield Static(Text(self.title_text), id="detail-title")
            for label, value in self.sections:
                yield Static(Text(label), classes="detail-label")
                body = value if isinstance(value, Text) else Text(str(value) if value else "—")
                yield Static(body, classes="detail-value")
            yield Static(Text(tr("detail_keys", self.lang), style="dim"), classes="detail-label")

    def on_mount(self) -> None:
        localise(self, self.lang)
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss()
