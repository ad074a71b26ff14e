"""A DataTable that shows one page of a SQL result, with columns that collapse by priority.

The widget never holds more than one page; the screen fetches pages in a worker and
calls show_page(). The caption always says which rows are shown out of how many.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from ..core.fmt import group_thousands
from ..core.lang.language import Lang
from ..core.safe import one_line
from ..keys import bindings
from ..text import tr
from .review_table import ReviewTable, plain_cell

# A page is what one query fetches and the table holds. 100 rows fill three screens at
# 40 lines; 200 made each filter keystroke at national scale ~20 ms slower (bench/national.py).
PAGE_SIZE = 100


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int
    priority: int = 0  # 0 is always shown; higher numbers collapse first
    numeric: bool = False
    sortable: bool = True
    flex: bool = False  # takes the width left over by the other visible columns


class PagedTable(Vertical):
    DEFAULT_CSS = """
    PagedTable { height: 1fr; }
    PagedTable > DataTable { height: 1fr; }
    PagedTable > .caption { height: 1; color: $text-muted; padding: 0 1; }
    """
    BINDINGS = bindings("table.next_page", "table.prev_page")

    class PageRequested(Message):
        def __init__(self, table: PagedTable, offset: int) -> None:
            super().__init__()
            self.table = table
            self.row_offset = offset

    class RowChosen(Message):
        def __init__(self, table: PagedTable, row_key: str) -> None:
            super().__init__()
            self.table = table
            self.row_key = row_key

    def __init__(self, columns: Sequence[Column], lang: Lang, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self.lang = lang
        self.rows: list[dict] = []
        self.total = 0
        self.row_offset = 0
        self.page_size = PAGE_SIZE
        self.note = ""
        self._visible: list[Column] = []
        self._signature: tuple = ()
        self._flex_width = 0

    def compose(self) -> ComposeResult:
        yield ReviewTable(cursor_type="row", zebra_stripes=True)
        yield Static("", classes="caption", markup=False)

    @property
    def table(self) -> ReviewTable:
        return self.query_one(ReviewTable)

    def on_resize(self) -> None:
        if self._choose_columns():
            self._render_rows()

    def _choose_columns(self) -> bool:
        available = max(self.size.width - 2, 20)
        chosen: list[Column] = []
        used = 0
        for column in sorted(self.columns, key=lambda c: c.priority):
            need = column.width + 2
            if column.priority == 0 or used + need <= available:
                chosen.append(column)
                used += need
        order = {c.key: i for i, c in enumerate(self.columns)}
        chosen.sort(key=lambda c: order[c.key])
        self._flex_width = max(available - used, 0)
        signature = ([c.key for c in chosen], self._flex_width)
        if signature == self._signature:
            return False
        self._visible = chosen
        self._signature = signature
        return True

    def visible_columns(self) -> list[Column]:
        return list(self._visible)

    def show_page(
        self, rows: list[dict], total: int, offset: int, note: str = "", empty: str = ""
    ) -> None:
        """Rows are dicts from column key to a str or Text; "_key" identifies the row's
        entity (the cursor stays on it across refills), "_item" may carry what it shows.
        `empty` is what the table says when there is no row: why, and what to do."""
        if not self.is_attached:  # the screen was closed while its page was fetched
            return
        self.table.empty_text = empty
        same_page = offset == self.row_offset
        self.rows = rows
        self.total = total
        self.row_offset = offset
        self.note = note
        self._choose_columns()
        self._render_rows(keep=same_page)

    def _render_rows(self, keep: bool = True) -> None:
        with self.table.refill(keep=keep) as table:
            self._add_rows(table)
        self._update_caption()

    def _add_rows(self, table: ReviewTable) -> None:
        for column in self._visible:
            label = Text(column.label, justify="right" if column.numeric else "left")
            width = column.width + (self._flex_width if column.flex else 0)
            table.add_column(label, key=column.key, width=width)
        for row in self.rows:
            cells = []
            for column in self._visible:
                value = row.get(column.key, "")
                if isinstance(value, Text):
                    value = plain_cell(value)
                else:
                    value = Text(
                        one_line(value),
                        justify="right" if column.numeric else "left",
                        overflow="ellipsis",
                        no_wrap=True,
                    )
                cells.append(value)
            key = str(row.get("_key", len(table.rows)))
            if key in table.rows:  # a key must name one row; keep the rest reachable
                key = f"{key}#{len(table.rows)}"
            table.add_row(*cells, key=key)

    def _update_caption(self) -> None:
        if self.rows:
            text = tr(
                "rows_of",
                self.lang,
                first=group_thousands(self.row_offset + 1),
                last=group_thousands(self.row_offset + len(self.rows)),
                total=group_thousands(self.total),
            )
        else:
            text = tr("rows_none", self.lang, total=group_thousands(self.total))
        if self.note:
            text = f"{text} · {self.note}"
        hidden = len(self.columns) - len(self._visible)
        if hidden:
            text += " · " + tr("columns_hidden", self.lang, count=hidden)
        if self.total > self.page_size:
            text += "  [ ] ←→"
        self.query_one(".caption", Static).update(Text(one_line(text)))

    def selected_key(self) -> str | None:
        table = self.table
        if not self.rows or table.cursor_row < 0 or table.cursor_row >= len(self.rows):
            return None
        return str(self.rows[table.cursor_row].get("_key"))

    def selected_row(self) -> dict | None:
        table = self.table
        if not self.rows or table.cursor_row < 0 or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key is not None and event.row_key.value is not None:
            self.post_message(self.RowChosen(self, event.row_key.value))

    def action_next_page(self) -> None:
        if self.row_offset + self.page_size < self.total:
            self.post_message(self.PageRequested(self, self.row_offset + self.page_size))

    def action_prev_page(self) -> None:
        if self.row_offset > 0:
            self.post_message(self.PageRequested(self, max(self.row_offset - self.page_size, 0)))

    def focus_table(self) -> None:
        self.table.focus()
