"""The board: a table that shows a BoardView, wraps long text to the width it has, and changes only what changed."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from ..boards import BoardView, Row
from ..table_layout import Column, Layout, layout, measure, row_height, table_width, text_width, word_width


class Board(DataTable):
    """A table of rows given by key, laid out for its width: short columns fit their content, long text wraps.

    Rebuilding a 1,000-row table on every new card would make the screen lag; here a new card is one added
    row and an edited card one updated cell. The columns are laid out again whenever a change (or a new
    width) makes a cell wider than its column, so nothing is ever cut off: a revealed count, a long
    statement or an action's text is always whole, wrapped over more lines where needed.
    """

    DEFAULT_CSS = """
    Board { height: 1fr; scrollbar-size-vertical: 1; scrollbar-gutter: stable; }
    """
    # Home and End move the cursor (the table's own only scroll): the row under the cursor is what keys act on.
    BINDINGS = [Binding("home", "first_row", show=False), Binding("end", "last_row", show=False)]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self._columns: tuple[Column, ...] = ()
        self._layout: Layout | None = None
        self._content: list[int] = []  # the widest cell of each column
        self._words: list[int] = []  # the longest word of each column
        self._shown: dict[str, tuple[Text, ...]] = {}
        self._heights: dict[str, int] = {}
        self._view: BoardView | None = None
        self._keep_cursor = True

    # ----- showing ---------------------------------------------------------------------------------------

    def show(self, view: BoardView) -> None:
        """Make the table show exactly `view` (or its narrow form when the window is too narrow for it),
        touching as little as possible."""
        self._view = view
        if view.narrow is not None:
            content, longest = measure(view.columns, view.rows)
            width = self._width()
            wide = layout(view.columns, content, width, padding=self.cell_padding, longest_words=longest)
            if table_width(wide, self.cell_padding) > width or not wide.whole_words:
                view = view.narrow
        rows = view.rows
        if view.columns != self._columns:
            self._columns = view.columns
            self._content = [0] * len(view.columns)
            self._words = [0] * len(view.columns)
            self._shown = {}
            self._heights = {}
            self._layout = None
        keys = [key for key, _ in rows]
        shown = list(self._shown)
        appended = shown == keys[: len(shown)]
        changed = [(key, cells) for key, cells in rows[: len(shown)] if self._shown[key] != cells] if appended else []
        if appended and not changed:
            self._widen(rows[len(shown) :])
        else:
            self._measure(rows)
        new_layout = self._fit()
        if new_layout != self._layout or not appended:
            self._rebuild(rows, new_layout, columns=new_layout != self._layout)
            return
        for key, cells in changed:
            height = row_height(cells, self._columns, new_layout.widths)
            if height != self._heights[key]:
                self._rebuild(rows, new_layout, columns=False)
                return
        for key, cells in changed:
            old = self._shown[key]
            for column, before, after in zip(self._columns, old, cells, strict=False):
                if before != after:
                    self.update_cell(key, column.key, after)
            self._shown[key] = cells
        self._add_rows(rows[len(shown) :], new_layout)

    def start_over(self) -> None:
        """Show the next view from its first row (another step: the cursor's place means nothing there)."""
        self._keep_cursor = False
        self._columns = ()

    def _widen(self, rows: Sequence[Row]) -> None:
        """Take new rows' cells into the widest-cell figures (rows were only added)."""
        content, longest = self._content, self._words
        wrapping = [column.wrap for column in self._columns]
        for _, cells in rows:
            for i, cell in enumerate(cells):
                width = text_width(cell)
                if width > content[i]:
                    content[i] = width
                if wrapping[i]:
                    word = word_width(cell)
                    if word > longest[i]:
                        longest[i] = word

    def _measure(self, rows: Sequence[Row]) -> None:
        """Measure every cell again (rows changed, were removed or reordered)."""
        self._content = [0] * len(self._columns)
        self._words = [0] * len(self._columns)
        self._widen(rows)

    def _width(self) -> int:
        """The width the table has now, its scrollbar's room left out."""
        return self.scrollable_content_region.width or self.size.width or 80

    def _fit(self) -> Layout:
        """The layout for the width the table has now."""
        width = self._width()
        return layout(self._columns, self._content, width, padding=self.cell_padding, longest_words=self._words)

    def _rebuild(self, rows: Sequence[Row], new_layout: Layout, columns: bool) -> None:
        """Show `rows` anew (and the columns, when their layout changed); the cursor stays on its row."""
        selected = self.selected_key if self._keep_cursor else None
        cursor = self.cursor_row if self._keep_cursor else 0
        self._keep_cursor = True
        self.clear(columns=columns)
        if columns:
            for column, label, width in zip(self._columns, new_layout.labels, new_layout.widths, strict=True):
                self.add_column(Text(label), width=width, key=column.key)
        self._layout = new_layout
        self._shown = {}
        self._heights = {}
        self._add_rows(rows, new_layout)
        if rows:
            keys = list(self._shown)
            row = keys.index(selected) if selected in self._shown else min(max(cursor, 0), len(rows) - 1)
            self.move_cursor(row=row, animate=False)

    def _add_rows(self, rows: Sequence[Row], current: Layout) -> None:
        for key, cells in rows:
            height = row_height(cells, self._columns, current.widths)
            self.add_row(*cells, key=key, height=height)
            self._shown[key] = cells
            self._heights[key] = height

    def on_resize(self, event: events.Resize) -> None:
        if self._view is None:
            return
        if self._view.narrow is not None:
            self.show(self._view)  # which form fits may have changed
            return
        if self._columns:
            new_layout = self._fit()
            if new_layout != self._layout:
                self._rebuild(self._view.rows, new_layout, columns=True)

    def action_first_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=0)

    def action_last_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)

    # ----- reading -----------------------------------------------------------------------------------------

    @property
    def selected_key(self) -> str | None:
        """The key of the row under the cursor, or None for an empty table."""
        if not self._shown or self.cursor_row < 0 or self.cursor_row >= self.row_count:
            return None
        return self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0)).row_key.value

    def select_key(self, key: str) -> None:
        """Put the cursor on the row with `key` (and scroll it into view); nothing happens for an unknown key."""
        if key in self._shown:
            self.move_cursor(row=self.get_row_index(key), animate=False)

    @property
    def layout_widths(self) -> tuple[int, ...]:
        """The columns' widths as laid out now (without padding)."""
        return self._layout.widths if self._layout else ()

    @property
    def row_keys_shown(self) -> list[str]:
        """The keys of the rows shown, top to bottom."""
        return list(self._shown)
