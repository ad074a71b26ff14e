"""Help generated from the live key bindings of the screen underneath, plus a blurb."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ..core.config import config_path
from ..core.lang.language import Lang
from ..keys import ACTIONS, bindings, localise
from ..text import tr


class HelpScreen(ModalScreen):
    BINDINGS = bindings("help.close")
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 100; height: 90%; border: round $accent; background: $surface; padding: 0 1; }
    """

    def __init__(self, target: Screen, lang: Lang) -> None:
        super().__init__()
        self.target = target
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self._render_help(), id="help-body")

    def on_mount(self) -> None:
        localise(self, self.lang)

    def _render_help(self) -> Table:
        lang = self.lang
        outer = Table.grid(padding=(0, 0))
        outer.add_row(Text(tr("help_title", lang), style="bold"))
        blurb = getattr(self.target, "help_text", lambda: "")()
        if blurb:
            outer.add_row(Text(blurb))
            outer.add_row("")
        keys = Table(box=None, padding=(0, 2), show_edge=False)
        keys.add_column(tr("help_keys", lang), style="bold cyan", no_wrap=True)
        keys.add_column(tr("help_action", lang))
        for binding, action in self._actions():
            keys.add_row(self.app.get_key_display(binding), action.help(lang))
        outer.add_row(keys)
        outer.add_row("")
        outer.add_row(Text(tr("help_remap", lang, path=config_path()), style="dim"))
        outer.add_row(Text(tr("help_close", lang), style="dim"))
        return outer

    def _actions(self):
        """Every action of the screen underneath, its own first, then its widgets', then the
        application's (Ctrl+P among them). Walked through the whole binding chain: a table's
        own Enter hides the screen's "open" from active_bindings, yet it is what Enter does."""
        target = self.target
        chain = target._modal_binding_chain
        ranked = sorted(
            enumerate(chain),
            key=lambda entry: (
                0 if entry[1][0] is target else 2 if entry[1][0] is self.app else 1,
                entry[0],
            ),
        )
        seen: set[str] = set()
        for _, (node, node_bindings) in ranked:
            for _, binding in node_bindings:
                action = ACTIONS.get(binding.id or "")
                if action is None or action.binding_id in seen:
                    continue
                if self.app._check_action_state(binding.action, node) is False:
                    continue
                seen.add(action.binding_id)
                yield binding, action

    def action_close(self) -> None:
        self.dismiss()
