"""A DataTable that repaints once it has measured its auto-sized columns."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets._data_table import RowKey

from ..core.safe import one_line


def plain_cell(value: object) -> object:
    """A table cell from data: plain text (never markup), on one line with visible ⏎
    for line breaks so that a note cannot draw rows of its own. Rich Text passes as is,
    with its line breaks marked the same way."""
    if isinstance(value, Text):
        if "\n" not in value.plain:
            return value
        lines = value.split("\n", allow_blank=True)
        return Text(" ⏎ ").join(lines)
    if value is None:
        return Text("")
    return Text(one_line(value))


class ReviewTable(DataTable):
    """DataTable (Textual 8) measures the cells of new rows when it is next idle.

    A frame painted before that, which happens on a loaded machine, is cached with the
    columns as wide as their labels and is not redrawn when the widths grow: a reviewer
    saw "21" for "21/NQ-HĐND" until the cursor moved. Redraw from scratch once measured.
    """

    def add_row(self, *cells: object, **kwargs: object) -> RowKey:
        return super().add_row(*(plain_cell(c) for c in cells), **kwargs)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        super()._update_dimensions(new_rows)
        self._clear_caches()
        self.refresh()
