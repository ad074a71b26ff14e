"""What every review screen shares: language, money unit, year, and data loading in workers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.screen import Screen
from textual.widgets import Input

from ..core.findings import severity_label
from ..core.fmt import money
from ..keys import localise
from ..report import SEVERITY_MARKS, SEVERITY_STYLES
from ..widgets.paged_table import PagedTable

# The severity column fits its longest label ("● Thông tin") in either language.
SEVERITY_WIDTH = max(
    len(f"{SEVERITY_MARKS[s]} {severity_label(s, lang)}")
    for s in SEVERITY_MARKS
    for lang in ("vi", "en")
)

if TYPE_CHECKING:
    from ..app import NtmReviewApp


class ReviewScreen(Screen):
    """A screen whose data comes from the store and is reloaded when the scope changes."""

    HELP_VI = ""
    HELP_EN = ""

    def __init__(self) -> None:
        super().__init__()
        self._generation = -1

    @property
    def review_app(self) -> NtmReviewApp:
        return self.app  # type: ignore[return-value]

    @property
    def lang(self) -> str:
        return self.review_app.lang

    def on_mount(self) -> None:
        localise(self, self.lang)
        self.refresh_bindings()

    def money(self, amount: int | None) -> str:
        return money(amount, self.review_app.money_unit)

    def severity_cell(self, severity: str) -> Text:
        return Text(
            f"{SEVERITY_MARKS[severity]} {severity_label(severity, self.lang)}",
            style=SEVERITY_STYLES[severity],
        )

    def help_text(self) -> str:
        return self.HELP_EN if self.lang == "en" else self.HELP_VI

    def on_screen_resume(self) -> None:
        if self._generation != self.review_app.generation:
            self.reload()

    def reload(self) -> None:
        """Fetch this screen's data again (in a worker) and redraw it."""
        if self.review_app.store is None:
            return
        self._generation = self.review_app.generation
        self.load_data()

    def load_data(self) -> None:
        raise NotImplementedError

    # -- review actions: the app records; screens say what is selected ---------------
    def selected_finding(self):
        return None

    def selected_entity(self) -> tuple[str, str, str] | None:
        """(entity kind, entity id, a label for the prompt) of the selected row."""
        return None

    def log_scope(self) -> dict:
        """What `l` shows when the selected row has nothing of its own."""
        return {}

    def action_decide(self, decision: str) -> None:
        self.review_app.decide(self, decision)

    def action_note(self) -> None:
        self.review_app.note(self)

    def action_log(self) -> None:
        self.review_app.show_log(self)

    def rerender(self) -> None:
        """Redraw from the data already loaded (money unit changed)."""
        self.reload()


class PagedListScreen(ReviewScreen):
    """A screen around one PagedTable: `[`/`]` fetch another page (load_data reads
    self.row_offset), Enter or a click opens the row (action_open_row)."""

    row_offset = 0

    def restart_list(self) -> None:
        """A filter or sort changed: back to the first page, fetched again."""
        self.row_offset = 0
        self.load_data()

    def selected_item(self):
        """What the selected row shows (its "_item"); rows are keyed by their entity."""
        row = self.query_one(PagedTable).selected_row()
        return row.get("_item") if row else None

    def action_open_row(self) -> None:
        raise NotImplementedError

    @on(PagedTable.RowChosen)
    def _row_chosen(self, _: PagedTable.RowChosen) -> None:
        self.action_open_row()

    @on(PagedTable.PageRequested)
    def _page_requested(self, event: PagedTable.PageRequested) -> None:
        self.row_offset = event.offset
        self.load_data()


class FilteredListScreen(PagedListScreen):
    """A list screen with a hidden #filter Input over a PagedTable: `/` shows it, typing
    narrows the list (the screen's load_data reads self.filter_text), Enter returns to the
    list keeping the filter, Esc clears it."""

    filter_text = ""

    def action_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.display = True
        field.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        self.restart_list()

    @on(Input.Submitted, "#filter")
    def _filter_done(self, _: Input.Submitted) -> None:
        self.query_one(PagedTable).focus_table()

    def key_escape(self) -> bool | None:
        field = self.query_one("#filter", Input)
        if field.has_focus:
            field.value = ""
            field.display = False
            self.query_one(PagedTable).focus_table()
            return True
        return None
