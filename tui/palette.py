"""The command palette (Ctrl+P) holds the application's own commands, in the UI language:
export, follow-up, log, findings, year, money unit, help, quit, and "go to unit …" for
every unit matching what is typed (accents optional). Textual's generic English entries
(theme, screenshot, maximize…) are not offered."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from .core.textfold import fold
from .text import tr

UNIT_HITS = 12  # units offered for one query; typing more narrows them


def app_commands(app) -> list[tuple[str, str, Callable[[], object]]]:
    """(title, help, callback) of the application's commands, in the UI language."""
    lang = app.lang
    commands = [
        ("palette_findings", app.action_open_findings),
        ("palette_followup", app.action_open_followup),
        ("palette_log", lambda: app.show_log(app.screen)),
        ("palette_export", app.action_export),
        ("palette_year", app.action_next_year),
        ("palette_money_unit", app.action_cycle_money_unit),
        ("palette_detail", app.action_detail),
        ("palette_help", app.action_help),
        ("palette_quit", app.exit),
    ]
    return [(tr(key, lang), tr(f"{key}_help", lang), callback) for key, callback in commands]


class ReviewCommands(Provider):
    async def discover(self) -> Hits:
        for title, help_text, callback in app_commands(self.app):
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        app = self.app
        matcher = self.matcher(query)
        for title, help_text, callback in app_commands(app):
            score = max(matcher.match(title), matcher.match(fold(title)))
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, text=title, help=help_text)
        folded = fold(query).strip()
        if app.store is None or not folded:
            return
        units = await self._matching_units(folded)
        for code, name in units:
            title = tr("palette_go_to_unit", app.lang, code=code, name=name)
            yield Hit(0.5, title, partial(app.open_unit, code), text=title)

    async def _matching_units(self, folded: str) -> list[tuple[str, str]]:
        app = self.app
        store = app.store

        from .core.data.reads import OverviewRow, read

        def query() -> list[tuple[str, str]]:
            rows = read(
                store,
                OverviewRow,
                year=app.year,
                filter=folded,
                sort="code",
                descending=False,
                limit=UNIT_HITS,
                offset=0,
            )
            return [(r.unit_code, r.name) for r in rows]

        return await asyncio.to_thread(query)
