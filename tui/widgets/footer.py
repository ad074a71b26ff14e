"""Textual's Footer, recomposed once per refresh however often the bindings change.

Textual 8's Footer re-creates every key (and restyles each one twice) on every
bindings-updated signal. Opening a screen sends seven to nine of them (mount, focus,
tab activation, data loaded), which cost about 60 ms of the first paint and 120 ms of
each drill-down (measured with bench/national.py). This Footer folds the requests made
before the next refresh into one recompose; what it finally shows is the same.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


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
