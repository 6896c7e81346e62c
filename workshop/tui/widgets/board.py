"""The board: a table that shows a BoardView, wraps long text to its width, and draws each row only once.

A line-by-line widget (Textual's Line API) with a cache of drawn rows: a new card draws one row, and a redraw
of the screen copies rows already drawn. (A DataTable draws every visible cell again after each added row,
~25 ms a time on the board of a room that sends cards; benchmarks/tui_terminal_bench.py.)
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..boards import BoardView, Row
from ..table_layout import Column, Layout, layout, measure, row_height, table_width, text_width, word_width

HEADER = 1  # lines of the header, which stays in view


class Board(ScrollView, can_focus=True):
    """A table of rows given by key, laid out for its width: short columns fit their content, long text wraps.

    The columns are laid out again whenever a change (or a new width) makes a cell wider than its column, so
    nothing is ever cut off: a revealed count, a long statement or an action's text is always whole, wrapped
    over more lines where needed. The cursor is on a row; Enter (or a click on it) posts RowSelected.
    """

    COMPONENT_CLASSES = {"board--header", "board--cursor", "board--even-row"}
    DEFAULT_CSS = """
    Board {
        height: 1fr;
        background: $surface;
        color: $foreground;
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;
        & > .board--header { text-style: bold; background: $panel; color: $foreground; }
        & > .board--even-row { background: $surface-lighten-1 50%; }
        &:dark > .board--even-row { background: $surface-darken-1 40%; }
        & > .board--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .board--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """
    BINDINGS = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "first_row", show=False),
        Binding("end", "last_row", show=False),
        Binding("enter", "select", show=False),
    ]
    PADDING = 1  # cells on either side of every column

    class RowSelected(Message):
        """Enter on a row, or a click on the row under the cursor."""

        def __init__(self, board: Board, row_key: str) -> None:
            super().__init__()
            self.board, self.row_key = board, row_key

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._view: BoardView | None = None
        self._columns: tuple[Column, ...] = ()
        self._layout: Layout | None = None
        self._content: list[int] = []  # the widest cell of each column
        self._words: list[int] = []  # the longest word of each column
        self._rows: list[Row] = []  # the rows shown, as given
        self._keys: list[str] = []
        self._index: dict[str, int] = {}
        self._cells: dict[str, tuple[Text, ...]] = {}
        self._heights: list[int] = []
        self._starts: list[int] = []  # the first line of each row
        self._lines = 0
        self._drawn: dict[str, list[Strip]] = {}  # each row's lines, drawn for the current layout
        self._styled: dict[tuple[str, Style], list[Strip]] = {}
        self._cursor = 0
        self._keep_cursor = True
        # How often the facilitator moved the cursor (keys, a click); a move by the program does not count. A
        # command that moved on by itself can tell whether the facilitator has chosen a row since.
        self.user_moves = 0

    # ----- showing ---------------------------------------------------------------------------------------

    def show(self, view: BoardView) -> None:
        """Make the table show exactly `view` (or its narrow form when the window is too narrow for it)."""
        self._view = view
        if view.narrow is not None:
            content, longest = measure(view.columns, view.rows)
            width = self._width()
            wide = layout(view.columns, content, width, padding=self.PADDING, longest_words=longest)
            if table_width(wide, self.PADDING) > width or not wide.whole_words:
                view = view.narrow
        rows = view.rows
        if view.columns != self._columns:
            # Other columns: nothing drawn or measured before applies.
            self._columns = view.columns
            self._rows, self._keys, self._index, self._cells = [], [], {}, {}
            self._heights, self._starts, self._lines = [], [], 0
            self._layout = None
            self._drawn.clear()
            self._styled.clear()
            self._content = [0] * len(view.columns)
            self._words = [0] * len(view.columns)
        shown = len(self._rows)
        if len(rows) >= shown and self._rows == list(rows[:shown]):
            # The rows shown, the very same (a board of cards that only grew): no need to look at each of them.
            appended, changed = True, []
        else:
            keys = [key for key, _ in rows]
            appended = self._keys == keys[: len(self._keys)]
            old = self._cells
            changed = [key for key, cells in rows if key in old and old[key] is not cells and old[key] != cells]
        self._rows = list(rows)
        lines_before, cursor_before, kept = self._lines, self._cursor, self._keep_cursor
        if appended and not changed:
            self._widen(rows[len(self._keys) :])
        else:
            self._content = [0] * len(self._columns)
            self._words = [0] * len(self._columns)
            self._widen(rows)
        selected = self.selected_key if self._keep_cursor else None
        new_layout = layout(
            self._columns, self._content, self._width(), padding=self.PADDING, longest_words=self._words
        )
        only_added = False
        if new_layout != self._layout:
            self._layout = new_layout
            self._drawn.clear()
            self._styled.clear()
            self._set_rows(rows)
        elif appended and not changed:
            self._append_rows(rows[len(self._keys) :])
            only_added = True
        else:
            for key in changed:
                self._forget(key)
            self._set_rows(rows)
        if not self._keep_cursor:
            self._cursor = 0
            self._keep_cursor = True
            self.scroll_to(0, 0, animate=False, immediate=True)
        elif selected is not None and selected in self._cells:
            self._cursor = self._index[selected]
        self._cursor = max(0, min(self._cursor, len(self._keys) - 1))
        if only_added and kept and self._cursor == cursor_before and self._update_height():
            # Rows added below the others, nothing else changed: only lines from the old end on can look
            # different, and only where they are in view.
            top = lines_before + HEADER - int(self.scroll_offset.y)
            if top < self.size.height:
                self.refresh(Region(0, max(top, HEADER), self.size.width, self.size.height - max(top, HEADER)))
            return
        self._update_size()
        self.refresh()

    def start_over(self) -> None:
        """Show the next view from its first row (another step: the cursor's place means nothing there)."""
        self._keep_cursor = False
        self._columns = ()

    def _widen(self, rows: Sequence[Row]) -> None:
        """Take rows' cells into the widest-cell and longest-word figures."""
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

    def _forget(self, key: str) -> None:
        self._drawn.pop(key, None)
        for cached in [k for k in self._styled if k[0] == key]:
            del self._styled[cached]

    def _set_rows(self, rows: Sequence[Row]) -> None:
        gone = set(self._cells) - {key for key, _ in rows}
        for key in gone:
            self._forget(key)
        self._keys, self._index, self._cells, self._heights, self._starts, self._lines = [], {}, {}, [], [], 0
        self._append_rows(rows)

    def _append_rows(self, rows: Sequence[Row]) -> None:
        assert self._layout is not None
        widths = self._layout.widths
        for key, cells in rows:
            height = row_height(cells, self._columns, widths)
            self._index[key] = len(self._keys)
            self._keys.append(key)
            self._cells[key] = cells
            self._heights.append(height)
            self._starts.append(self._lines)
            self._lines += height

    def _width(self) -> int:
        """The width the table has now, its scrollbar's room left out."""
        return self.scrollable_content_region.width or self.size.width or 80

    def _update_size(self) -> None:
        width = table_width(self._layout, self.PADDING) if self._layout else 0
        self.virtual_size = Size(width, self._lines + HEADER)

    def _update_height(self) -> bool:
        """Grow the table's height to its rows without laying out the screen again, where that changes nothing
        but the vertical scrollbar's thumb: the table was already taller than its window (the scrollbar is
        there and stays). Setting `virtual_size` lays out and repaints the whole screen (~10 ms during a
        storm of cards). Returns False where it could not: call _update_size."""
        size = Size(self.virtual_size.width, self._lines + HEADER)
        if size == self.virtual_size:
            return True
        if size.height < self.virtual_size.height or not self.show_vertical_scrollbar:
            return False
        if self.virtual_size.height <= self.scrollable_content_region.height:
            return False
        self.set_reactive(Board.virtual_size, size)
        scrollbar = self.vertical_scrollbar
        scrollbar.window_virtual_size = size.height
        scrollbar.refresh()
        return True

    def on_resize(self, event: events.Resize) -> None:
        if self._view is not None:
            self.show(self._view)

    # ----- drawing -----------------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        if y < HEADER:
            return self._header().crop_extend(scroll_x, scroll_x + width, self.rich_style)
        line = y - HEADER + scroll_y
        if line >= self._lines or not self._keys:
            return Strip.blank(width, self.rich_style)
        index = bisect_right(self._starts, line) - 1
        key = self._keys[index]
        strips = self._styled_row(key, self._row_style(index))
        strip = strips[line - self._starts[index]]
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style)

    def _row_style(self, index: int) -> Style:
        base = self.rich_style
        if index == self._cursor and self._keys:
            return base + self.get_component_rich_style("board--cursor")
        if index % 2 == 0:
            return base + self.get_component_rich_style("board--even-row")
        return base

    def _styled_row(self, key: str, style: Style) -> list[Strip]:
        cached = self._styled.get((key, style))
        if cached is None:
            cached = [strip.apply_style(style) for strip in self._draw(key)]
            self._styled[(key, style)] = cached
        return cached

    def _draw(self, key: str) -> list[Strip]:
        """Draw a row's lines: every cell wrapped to its column, padded; cached until the layout changes."""
        drawn = self._drawn.get(key)
        if drawn is not None:
            return drawn
        assert self._layout is not None
        console = self.app.console
        options = console.options
        pad = [Segment(" " * self.PADDING)]
        height = self._heights[self._index[key]]
        columns: list[list[list[Segment]]] = []
        for n, (cell, width) in enumerate(zip(self._cells[key], self._layout.widths, strict=False)):
            lines = console.render_lines(cell, options.update(width=width, height=None), pad=True)
            blank = [Segment(" " * width)]
            cells = [*lines[:height], *[blank] * (height - len(lines))]
            columns.append([list(Segment.apply_style(line, post_style=_column(n))) for line in cells])
        total = table_width(self._layout, self.PADDING)
        drawn = []
        for n in range(height):
            segments: list[Segment] = []
            for lines in columns:
                segments += pad + lines[n] + pad
            drawn.append(Strip(segments, total))
        self._drawn[key] = drawn
        return drawn

    def _header(self) -> Strip:
        style = self.rich_style + self.get_component_rich_style("board--header")
        if self._layout is None:
            return Strip.blank(self.size.width, style)
        segments: list[Segment] = []
        for n, (label, width) in enumerate(zip(self._layout.labels, self._layout.widths, strict=False)):
            text = Text(label, no_wrap=True, overflow="ellipsis")
            text.truncate(width, pad=True)
            cell = [Segment(" " * self.PADDING), *text.render(self.app.console), Segment(" " * self.PADDING)]
            segments += Segment.apply_style(cell, post_style=_column(n))
        return Strip(segments).apply_style(style)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styled.clear()

    # ----- the cursor --------------------------------------------------------------------------------------

    @property
    def cursor_row(self) -> int:
        """The index of the row under the cursor (0 on an empty table)."""
        return self._cursor

    @property
    def row_count(self) -> int:
        return len(self._keys)

    def move_cursor(self, *, row: int, animate: bool = False, scroll: bool = True) -> None:
        """Put the cursor on row `row` (kept within the table) and scroll it into view."""
        if not self._keys:
            return
        self._cursor = max(0, min(row, len(self._keys) - 1))
        if scroll:
            self._scroll_to_cursor()
        self.refresh()

    def _scroll_to_cursor(self) -> None:
        top = self._starts[self._cursor]
        bottom = top + self._heights[self._cursor]
        room = max(1, self.size.height - HEADER)
        scroll_y = int(self.scroll_offset.y)
        if top < scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif bottom > scroll_y + room:
            self.scroll_to(y=min(top, bottom - room), animate=False, immediate=True)

    def action_cursor(self, step: int) -> None:
        self.user_moves += 1
        self.move_cursor(row=self._cursor + step)

    def action_page(self, direction: int) -> None:
        if not self._keys:
            return
        self.user_moves += 1
        room = max(1, self.size.height - HEADER)
        line = self._starts[self._cursor] + direction * room
        line = max(0, min(line, self._lines - 1))
        self.move_cursor(row=bisect_right(self._starts, line) - 1)

    def action_first_row(self) -> None:
        self.user_moves += 1
        self.move_cursor(row=0)

    def action_last_row(self) -> None:
        self.user_moves += 1
        self.move_cursor(row=len(self._keys) - 1)

    def action_select(self) -> None:
        key = self.selected_key
        if key is not None:
            self.post_message(self.RowSelected(self, key))

    def on_click(self, event: events.Click) -> None:
        if event.y < HEADER or not self._keys:
            return
        line = event.y - HEADER + int(self.scroll_offset.y)
        if line >= self._lines:
            return
        index = bisect_right(self._starts, line) - 1
        if index == self._cursor:
            self.action_select()
        else:
            self.user_moves += 1
            self.move_cursor(row=index)

    # ----- reading -----------------------------------------------------------------------------------------

    @property
    def selected_key(self) -> str | None:
        """The key of the row under the cursor, or None for an empty table."""
        return self._keys[self._cursor] if self._keys else None

    def select_key(self, key: str) -> None:
        """Put the cursor on the row with `key` (and scroll it into view); nothing happens for an unknown key."""
        if key in self._index:
            self.move_cursor(row=self._index[key])

    def key_at(self, index: int) -> str:
        """The key of the row at `index`."""
        return self._keys[index]

    def get_row_at(self, index: int) -> list[Text]:
        """The cells of the row at `index`, as given."""
        return list(self._cells[self._keys[index]])

    @property
    def layout_widths(self) -> tuple[int, ...]:
        """The columns' widths as laid out now (without padding)."""
        return self._layout.widths if self._layout else ()

    @property
    def row_keys_shown(self) -> list[str]:
        """The keys of the rows shown, top to bottom."""
        return list(self._keys)

    def column_span(self, key: str, label: str = "") -> tuple[int, int]:
        """Where the column with `key` (or `label`) is: its first cell from the table's left edge and its width,
        padding included."""
        x = 0
        assert self._layout is not None
        for column, shown, width in zip(self._columns, self._layout.labels, self._layout.widths, strict=False):
            if column.key == key or (label and shown == label):
                return x, width + 2 * self.PADDING
            x += width + 2 * self.PADDING
        raise KeyError(key)

    def row_region(self, index: int) -> Region:
        """The row's lines in the table (virtual coordinates, header included)."""
        return Region(0, HEADER + self._starts[index], self.virtual_size.width, self._heights[index])


def _column(n: int) -> Style:
    """A style that only says which column a cell is in: keeps each cell's segments apart, so a wide character
    (an emoji) in one cell never shifts the next when the screen is exported (SVG snapshots)."""
    return _COLUMN_STYLES[n] if n < len(_COLUMN_STYLES) else Style.from_meta({"column": n})


_COLUMN_STYLES = [Style.from_meta({"column": n}) for n in range(16)]
