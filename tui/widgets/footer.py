"""Textual's Footer, recomposed once per refresh however often the bindings change.

Textual 8's Footer re-creates every key on every bindings-updated signal, and styles each
new key twice (compact, then not). Opening a screen sends seven to nine such signals
(mount, focus, tab activation, data loaded). Together that cost about 60 ms of the first
paint and 120 ms of each drill-down, plus ~100 ms more for the double styling (measured
with bench/national.py and cProfile). This Footer folds the requests made before the next
refresh into one recompose and gives each key its final compact value before it is
styled; what it shows is the same (the SVG snapshots say so).
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey


class Footer(TextualFooter):
    _recompose_pending = False

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._recompose_pending:
            self._recompose_pending = True
            self.call_after_refresh(self._recompose_once)

    async def _recompose_once(self) -> None:
        self._recompose_pending = False
        await self.recompose()

    def compose(self):
        # A new FooterKey starts compact (its reactive's default), is styled so, then is
        # bound to this footer's compact and styled again. Give it the right value first.
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget
