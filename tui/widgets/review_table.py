"""The DataTable every screen uses: refills keep the cursor on the same entity, and it
repaints once it has measured its auto-sized columns."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from rich.segment import Segment
from rich.text import Text
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets._data_table import CellType, RowKey

from ..core.safe import one_line as safe_one_line
from ..text import tr


def plain_cell(value: object) -> Text:
    """A table cell from data: plain text (never markup), on one line with visible ⏎ for
    line breaks so that a note cannot draw rows of its own. Rich Text passes as is, with
    its line breaks marked the same way."""
    if isinstance(value, Text):
        if "\n" not in value.plain:
            return value.copy()
        return Text(" ⏎ ").join(value.split("\n", allow_blank=True))
    if value is None:
        return Text("")
    return Text(safe_one_line(value))


def one_line(cell: object) -> Text:
    """plain_cell() that, when its column is too narrow, ends in "…": a cut never passes
    for the whole text ("Luật Đầu tư" for "Luật Đầu tư công")."""
    text = plain_cell(cell)
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


class ReviewTable(DataTable):
    """A DataTable whose refills keep the reviewer's place.

    Every screen redraws its tables from scratch when the data changes: after the reviewer's
    own save, after another reviewer's write (the background poll), after a rebuild, a year
    or money-unit switch or a resize. DataTable.clear() puts the cursor back on row 1, so a
    reviewer doing "decide, ↓, decide…" decided the same finding over and over. refill()
    remembers the row key under the cursor and the scroll offset, and puts both back once
    the new rows are in: the cursor follows the entity (by key, not by row number); when
    that entity is gone, it stays at the same row number.
    """

    _pending_scroll: tuple[float, float] | None = None
    # Said under the header when the table has no rows: why, and what to do about it.
    empty_text: str = ""

    @contextmanager
    def refill(
        self, *, columns: bool = True, keep: bool = True, empty: str | None = None
    ) -> Iterator[ReviewTable]:
        """`with table.refill(): table.add_column(…); table.add_row(…, key=…)`.

        keep=False starts at the top (another page, another filter); `empty` is what the
        table says if no row was added.
        """
        if empty is not None:
            self.empty_text = empty
        key = self.cursor_key() if keep else None
        row = self.cursor_row if keep else 0
        scroll = (self.scroll_x, self.scroll_y) if keep else (0.0, 0.0)
        self.clear(columns=columns)
        yield self
        if self.row_count == 0:
            return
        target = min(max(row, 0), self.row_count - 1)
        if key is not None and key in self.rows:  # else the entity is gone: same row number
            target = self.get_row_index(key)
        self._pending_scroll = scroll
        self.move_cursor(row=target, scroll=False)

    def add_row(self, *cells: CellType, height: int | None = 1, key=None, label=None) -> RowKey:
        return super().add_row(*(one_line(c) for c in cells), height=height, key=key, label=label)

    def add_column(self, label, *, width=None, key=None, default=None):
        return super().add_column(one_line(label), width=width, key=key, default=default)

    def cursor_key(self) -> str | None:
        """The key of the row under the cursor (None for an empty table or a keyless row)."""
        if self.row_count == 0:
            return None
        try:
            row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        except Exception:  # noqa: BLE001 - the cursor is outside the rows
            return None
        return row_key.value

    def _scroll_cursor_into_view(self, animate: bool = False) -> None:
        # clear() moved the cursor to row 1 and asked to scroll there; the refill's own
        # offset is put back in _update_dimensions instead.
        if self._pending_scroll is None:
            super()._scroll_cursor_into_view(animate=animate)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """DataTable (Textual 8) measures the cells of new rows when it is next idle.

        A frame painted before that, which happens on a loaded machine, is cached with the
        columns as wide as their labels and is not redrawn when the widths grow: a reviewer
        saw "21" for "21/NQ-HĐND" until the cursor moved. Redraw from scratch once measured.
        The scroll offset of a refill is put back here, once the rows have a height again.
        """
        super()._update_dimensions(new_rows)
        pending, self._pending_scroll = self._pending_scroll, None
        if pending is not None:
            self.scroll_to(x=pending[0], y=pending[1], animate=False, immediate=True)
            self._scroll_cursor_into_view()
        self._clear_caches()
        self.refresh()

    # -- what an empty or too-wide table says -------------------------------------------
    def columns_beyond(self) -> tuple[int, int]:
        """(columns left of the view, columns right of it), counting those cut at an edge."""
        left_edge = int(self.scroll_x)
        right_edge = left_edge + self.scrollable_content_region.width
        before = after = 0
        x = 0
        for column in self.ordered_columns:
            width = column.get_render_width(self)
            if x < left_edge:
                before += 1
            elif x + width > right_edge:
                after += 1
            x += width
        return before, after

    def get_content_height(self, container, viewport, width: int) -> int:
        # An auto-height table with no rows still shows what it says about being empty.
        if self.row_count == 0 and self.empty_text:
            header = self.header_height if self.show_header else 0
            lines = Text(self.empty_text).wrap(self.app.console, max(width - 2, 10))
            return header + len(lines)
        return super().get_content_height(container, viewport, width)

    def render_line(self, y: int) -> Strip:
        header = self.header_height if self.show_header else 0
        if self.row_count == 0 and self.empty_text and y >= header:
            return self._empty_line(y - header)
        strip = super().render_line(y)
        if y == 0 and self.show_header and self.ordered_columns:
            before, after = self.columns_beyond()
            if before or after:
                return self._with_beyond_note(strip, before + after, before, after)
        return strip

    def _with_beyond_note(self, strip: Strip, count: int, before: int, after: int) -> Strip:
        note = tr("columns_beyond", getattr(self.app, "lang", "vi"), count=count)
        if before and not after:
            note = note.replace("→", "←")
        note = f" {note} "
        width = self.scrollable_content_region.width
        style = self.get_component_rich_style("datatable--header") + self.rich_style
        note_width = min(len(note), width)
        kept = strip.crop(0, width - note_width)
        return Strip.join([kept, Strip([Segment(note[:note_width], style)])])

    def _empty_line(self, index: int) -> Strip:
        width = self.scrollable_content_region.width
        text = Text(self.empty_text, style="italic")
        lines = text.wrap(self.app.console, max(width - 2, 10))
        if index >= len(lines):
            return Strip.blank(width, self.rich_style)
        line = Text(" ") + lines[index]
        segments = list(line.render(self.app.console))
        return (
            Strip(segments).apply_style(self.rich_style).adjust_cell_length(width, self.rich_style)
        )
