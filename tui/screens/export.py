"""Choose what to export; the app writes it in a worker and says where the file went."""

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

# (choice id, label key); notices need a unit.
CHOICES = (
    ("xlsx", "export_xlsx"),
    ("csv", "export_csv"),
    ("md", "export_md"),
    ("import-xlsx", "export_import_xlsx"),
    ("notice-docx", "export_notice_docx"),
    ("notice-md", "export_notice_md"),
)


class ExportChoice(ModalScreen[str | None]):
    BINDINGS = bindings("prompt.cancel")
    DEFAULT_CSS = """
    ExportChoice { align: center middle; }
    ExportChoice > Vertical { width: 80%; max-width: 90; height: auto; border: round $accent; background: $surface; padding: 0 1; }
    ExportChoice OptionList { height: auto; max-height: 10; }
    """

    def __init__(self, scope: str, lang: Lang, unit_code: str | None) -> None:
        super().__init__()
        self.scope = scope
        self.lang = lang
        self.unit_code = unit_code

    def compose(self) -> ComposeResult:
        options = [
            Option(tr(label, self.lang), id=choice)
            for choice, label in CHOICES
            if self.unit_code or not choice.startswith("notice")
        ]
        with Vertical():
            yield Static(Text(tr("export_title", self.lang, scope=self.scope), style="bold"))
            yield OptionList(*options, id="export-options")
            yield Static(Text(tr("export_keys", self.lang), style="dim"))

    def on_mount(self) -> None:
        localise(self, self.lang)
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
