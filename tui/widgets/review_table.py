"""A DataTable that repaints once it has measured its auto-sized columns."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widgets import DataTable
from textual.widgets._data_table import RowKey


class ReviewTable(DataTable):
    """DataTable (Textual 8) measures the cells of new rows when it is next idle.

    A frame painted before that, which happens on a loaded machine, is cached with the
    columns as wide as their labels and is not redrawn when the widths grow: a reviewer
    saw "21" for "21/NQ-HĐND" until the cursor moved. Redraw from scratch once measured.
    """

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        super()._update_dimensions(new_rows)
        self._clear_caches()
        self.refresh()
