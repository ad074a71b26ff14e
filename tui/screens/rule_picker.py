"""Pick the findings screen's rule filter from a list: each rule with its title and how
many findings it has; typing narrows the list (accents optional); Enter chooses."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..core.fmt import group_thousands
from ..core.lang.language import Lang
from ..core.textfold import fold
from ..keys import bindings, localise
from ..text import tr

ALL_RULES = "*"  # the option id of "every rule"


class RulePicker(ModalScreen[str | None]):
    """Dismisses with a rule id, ALL_RULES for no rule filter, or None (cancelled)."""

    BINDINGS = bindings("prompt.cancel")
    DEFAULT_CSS = """
    RulePicker { align: center middle; }
    RulePicker > Vertical { width: 96%; max-width: 110; height: 90%; border: round $accent; background: $surface; padding: 0 1; }
    RulePicker OptionList { height: 1fr; }
    """

    def __init__(self, rules: list[tuple[str, str, int]], total: int, lang: Lang) -> None:
        """rules: (rule id, title in the UI language, findings in scope)."""
        super().__init__()
        self.rules = rules
        self.total = total
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(tr("rule_picker_title", self.lang), style="bold"))
            yield Input(placeholder=tr("rule_picker_placeholder", self.lang), id="rule-filter")
            yield OptionList(id="rule-options")
            yield Static(Text(tr("rule_picker_keys", self.lang), style="dim"))

    def on_mount(self) -> None:
        localise(self, self.lang)
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, typed: str) -> None:
        wanted = fold(typed).strip()
        options = self.query_one(OptionList)
        options.clear_options()
        if not wanted:
            label = f"{tr('filter_all', self.lang)} ({group_thousands(self.total)})"
            options.add_option(Option(Text(label, style="bold"), id=ALL_RULES))
        for rule_id, title, count in self.rules:
            if wanted and wanted not in fold(f"{title} {rule_id}"):
                continue
            line = Text(title)
            line.append(f"  ({group_thousands(count)})", style="bold" if count else "dim")
            line.append(f"  {rule_id}", style="dim")
            options.add_option(Option(line, id=rule_id))
        if options.option_count:
            options.highlighted = 0

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_key(self, event) -> None:
        # Up and down move through the list while the typing stays in the field.
        options = self.query_one(OptionList)
        if event.key in ("down", "up") and options.option_count:
            event.stop()
            if event.key == "down":
                options.action_cursor_down()
            else:
                options.action_cursor_up()

    @on(Input.Submitted)
    def _submitted(self, _: Input.Submitted) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
