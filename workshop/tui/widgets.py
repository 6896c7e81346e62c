"""Small widgets of the facilitator's screen: the board table that updates in place, and formatting helpers."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

Cell = str | Text
Row = tuple[str, tuple[Cell, ...]]  # (row key, cells)


class Board(DataTable):
    """A table that shows rows given by key, updating only what changed.

    Rebuilding a 1,000-row table on every new card would make the screen lag; here a new card is one
    added row and an edited card one updated cell. Cells that hold text people typed must be `Text`
    objects: a plain `str` cell would be read as Textual markup.
    """

    DEFAULT_CSS = """
    Board { height: 1fr; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self._shown_columns: tuple[str, ...] = ()
        self._column_keys: list = []
        self._shown: dict[str, tuple[Cell, ...]] = {}

    def show(self, columns: Sequence[str], rows: Sequence[Row]) -> None:
        """Make the table show exactly `rows` under `columns`, touching as little as possible."""
        columns = tuple(columns)
        if columns != self._shown_columns:
            self.clear(columns=True)
            self._column_keys = self.add_columns(*columns)
            self._shown_columns = columns
            self._shown = {}
        keys = [key for key, _ in rows]
        shown = list(self._shown)
        if shown != keys[: len(shown)]:
            # Rows were removed or reordered (a new ranking): start over, keep the cursor's place.
            cursor = self.cursor_row
            self.clear()
            self._shown = {}
            self._add_rows(rows)
            if rows:
                self.move_cursor(row=min(cursor, len(rows) - 1), animate=False)
            return
        for key, cells in rows[: len(shown)]:
            old = self._shown[key]
            if old != cells:
                for column, (before, after) in zip(self._column_keys, zip(old, cells, strict=False), strict=False):
                    if before != after:
                        self.update_cell(key, column, after)
                self._shown[key] = cells
        self._add_rows(rows[len(shown) :])

    def _add_rows(self, rows: Sequence[Row]) -> None:
        for key, cells in rows:
            self.add_row(*cells, key=key)
            self._shown[key] = cells

    @property
    def selected_key(self) -> str | None:
        """The key of the row under the cursor, or None for an empty table."""
        if not self._shown or self.cursor_row < 0 or self.cursor_row >= self.row_count:
            return None
        return self.coordinate_to_cell_key((self.cursor_row, 0)).row_key.value


def bar(value: int, maximum: int, width: int = 12) -> Text:
    """Return a horizontal bar of `value` out of `maximum`, in eighths of a character."""
    if maximum <= 0 or value <= 0:
        return Text("")
    eighths = round(value / maximum * width * 8)
    full, part = divmod(eighths, 8)
    return Text("█" * full + ("▏▎▍▌▋▊▉"[part - 1] if part else ""), style="bold")


def shade(count: int, most: int) -> Text:
    """Return a heat-table cell: the count with a block whose darkness follows its share of answers."""
    if count == 0:
        return Text("·", style="dim")
    blocks = "░▒▓█"
    level = min(3, int(count / most * 3.999)) if most else 0
    return Text(f"{blocks[level] * 2} {count}")


def clock_text(seconds: float) -> str:
    """Return seconds as m:ss (or h:mm:ss past an hour)."""
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class JoinPanel(Vertical):
    """How phones join: the QR code in pure black and white, the link as text, and how many joined."""

    DEFAULT_CSS = """
    JoinPanel { width: auto; height: auto; padding: 0 1; }
    JoinPanel #qr { width: auto; height: auto; }
    JoinPanel .join-text { width: 41; height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="join-title", classes="join-text")
        yield Static(id="qr")
        yield Static(id="join-url", classes="join-text")
        yield Static(id="join-count", classes="join-text")

    def show_url(self, title: str, url: str) -> None:
        """Show the QR code and the link for `url`."""
        from ..web.qr import qr_text

        self.query_one("#join-title", Static).update(Text(title, style="bold"))
        # Pure black on white whatever the theme: a camera needs the contrast, and dark-on-light.
        # no_wrap: wrapping would strip the leading quiet zone of every line and skew the code.
        self.query_one("#qr", Static).update(Text(qr_text(url), style="black on white", no_wrap=True))
        self.query_one("#join-url", Static).update(Text(url))

    def show_board(self, text: str) -> None:
        """Show where the room's board page is (added only when the phone server runs)."""
        self.mount(Static(Text(text), id="join-board", classes="join-text"))

    def show_problem(self, title: str, message: str) -> None:
        """Show why phones cannot join (no network, port taken)."""
        self.query_one("#join-title", Static).update(Text(title, style="bold"))
        self.query_one("#qr", Static).update("")
        self.query_one("#join-url", Static).update(Text(message))

    def show_count(self, text: str) -> None:
        self.query_one("#join-count", Static).update(Text(text))
