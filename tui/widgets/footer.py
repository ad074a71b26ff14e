"""The footer: the keys that act on what has focus, fitted to the width, with `? Help` and
`esc Back` pinned at the right.

Which keys: every active binding marked show (tui/keys.py) that the screen does not call
irrelevant to the focused table (ReviewScreen.footer_hidden); the application's global keys
(quit, year, money unit, export…) are in help and the command palette instead. Keys of one
footer_group (the four decisions) share one label: "x a d k Quyết định". What does not fit
is left out from the end and an "…" says so; help (`?`) always lists everything.

Textual 8's Footer re-creates every key on every bindings-updated signal, and styles each
new key twice (compact, then not). Opening a screen sends seven to nine such signals
(mount, focus, tab activation, data loaded). Together that cost about 60 ms of the first
paint and 120 ms of each drill-down, plus ~100 ms more for the double styling (measured
with bench/national.py and cProfile). This Footer folds the requests made before the next
refresh into one recompose and gives each key its final compact value before it is
styled.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual.binding import Binding
from textual.containers import HorizontalGroup
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey, FooterLabel

from ..keys import ACTIONS
from ..text import tr

PINNED_ACTIONS = ("help", "back")  # always shown, at the right


@dataclass
class FooterItem:
    """One footer entry: a key with its label, or a group of keys sharing one label."""

    keys: list[tuple[Binding, bool]]  # (binding, enabled)
    label: str
    group: str = ""

    def width(self, displays: list[str]) -> int:
        if self.group:  # "x a d k Quyết định " in the compact group style
            return sum(cell_len(d) + 1 for d in displays) + cell_len(self.label) + 2
        return cell_len(displays[0]) + 2 + cell_len(self.label) + 1  # " x label "


class Footer(TextualFooter):
    DEFAULT_CSS = """
    Footer HorizontalGroup.-pinned { dock: right; width: auto; height: 1; }
    Footer FooterKey.-grouped { margin: 0 0 0 1; }
    Footer FooterLabel { margin: 0 1 0 1; }
    Footer FooterLabel.-more { margin: 0; }
    """
    _recompose_pending = False
    _composed_width = 0

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._recompose_pending:
            self._recompose_pending = True
            self.call_after_refresh(self._recompose_once)

    def on_resize(self) -> None:
        if self._bindings_ready and self.size.width != self._composed_width:
            self.bindings_changed(self.screen)

    async def _recompose_once(self) -> None:
        self._recompose_pending = False
        await self.recompose()

    def items(self) -> tuple[list[FooterItem], list[FooterItem]]:
        """(contextual items in order, pinned items) from the screen's binding chain.

        A widget's hidden binding does not hide the screen's shown one on the same key:
        the table's own Enter (select the row) is what makes the screen's "⏎ Open" work.
        """
        screen = self.screen
        app = self.app
        hidden = getattr(screen, "footer_hidden", lambda: set())()
        contextual: list[tuple[int, int, Binding, bool]] = []
        pinned: dict[str, FooterItem] = {}
        seen_actions: set[str] = set()
        shown_keys: set[str] = set()
        position = 0
        for node, node_bindings in screen._modal_binding_chain:
            for key, binding in node_bindings:
                position += 1
                if not binding.show or key in shown_keys or binding.action in seen_actions:
                    continue
                state = app._check_action_state(binding.action, node)
                if state is False:
                    continue
                shown_keys.add(key)
                seen_actions.add(binding.action)
                if binding.action == "back" and not getattr(screen, "can_go_back", lambda: True)():
                    state = None  # shown dimmed: nothing to go back to on the first screen
                if binding.action in PINNED_ACTIONS:
                    pinned[binding.action] = FooterItem(
                        [(binding, bool(state))], binding.description
                    )
                    continue
                if binding.action in hidden:
                    continue
                # The screen's own keys first, then its widgets', then the application's.
                rank = 2 if node is app else (0 if node is screen else 1)
                contextual.append((rank, position, binding, bool(state)))
        contextual.sort(key=lambda entry: (entry[0], entry[1]))
        lang = getattr(app, "lang", "vi")
        items: list[FooterItem] = []
        for _, _, binding, enabled in contextual:
            action = ACTIONS.get(binding.id or "")
            group = action.footer_group if action else ""
            if group and items and items[-1].group == group:
                items[-1].keys.append((binding, enabled))
                continue
            label = tr(group, lang) if group else binding.description
            items.append(FooterItem([(binding, enabled)], label, group))
        return items, [pinned[a] for a in PINNED_ACTIONS if a in pinned]

    def compose(self):
        if not self._bindings_ready:
            return
        width = self.size.width or self.app.size.width
        self._composed_width = self.size.width
        items, pinned = self.items()
        display = self.app.get_key_display

        def width_of(item: FooterItem) -> int:
            return item.width([display(b) for b, _ in item.keys])

        room = width - sum(width_of(item) for item in pinned) - 1
        shown: list[FooterItem] = []
        for index, item in enumerate(items):
            rest = items[index + 1 :]
            need = width_of(item) + (2 if rest else 0)  # keep room for the "…"
            if need > room:
                break
            shown.append(item)
            room -= width_of(item)
        for item in shown:
            yield from self._keys(item)
        if len(shown) < len(items):
            yield FooterLabel("…", classes="-more")
        with HorizontalGroup(classes="-pinned"):
            for item in pinned:
                yield from self._keys(item)

    def _keys(self, item: FooterItem):
        if item.group:
            for binding, enabled in item.keys:
                yield self._key(binding, enabled, "", "-grouped")
            yield FooterLabel(item.label)
            return
        binding, enabled = item.keys[0]
        yield self._key(binding, enabled, item.label, "")

    def _key(self, binding: Binding, enabled: bool, label: str, classes: str) -> FooterKey:
        key = FooterKey(
            binding.key,
            self.app.get_key_display(binding),
            label,
            binding.action,
            disabled=not enabled,
            tooltip=binding.tooltip or binding.description,
            classes=classes,
        )
        # A new FooterKey starts compact (its reactive's default), is styled so, then is
        # bound to this footer's compact and styled again. Give it the right value first.
        key.set_reactive(FooterKey.compact, self.compact)
        return key
