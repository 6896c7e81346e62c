"""Reading what the facilitator sees: the screen as lines of text, a widget's part of it, a board's column."""

from __future__ import annotations

from textual.strip import Strip
from textual.widget import Widget


def screen_strips(app) -> list[Strip]:
    """Return the screen (the top screen, dialogs included) as it is drawn now, one strip per line."""
    return app.screen._compositor.render_strips()


def screen_lines(app) -> list[str]:
    """Return the screen as it is drawn now, one string per line."""
    return [strip.text for strip in screen_strips(app)]


def widget_lines(app, widget: Widget, x: int = 0, width: int | None = None) -> list[str]:
    """Return the lines of the screen that `widget` covers (its visible part); `x` and `width` (in cells, from
    the widget's left edge) cut out a part of each line."""
    region = widget.region.intersection(widget.screen.region)
    left = region.x + x
    right = region.right if width is None else min(region.right, left + width)
    return [strip.crop(left, right).text for strip in screen_strips(app)[region.y : region.bottom]]


def board_lines(app, board, x: int = 0, width: int | None = None) -> list[str]:
    """Return every body line of a board (or the part from `x`, `width` cells wide), scrolled from the top to the
    bottom, each line once (the last scroll stops short, so the screenfuls overlap)."""
    lines: dict[int, str] = {}
    rows = board.scrollable_content_region.height  # the header and the body lines, no horizontal scrollbar
    step = max(1, rows - 1)  # the header line stays; every body line is seen at least once
    for y in range(0, max(1, board.virtual_size.height), step):
        board.scroll_to(y=y, animate=False, immediate=True)
        top = int(board.scroll_y)
        for n, line in enumerate(widget_lines(app, board, x - int(board.scroll_x), width)[1:rows]):
            lines.setdefault(top + n, line)
    board.scroll_home(animate=False, immediate=True)
    return [lines[n] for n in sorted(lines)]


def board_column(app, board, key: str, label: str = "") -> str:
    """Return all that a board's column (by key, or by its label) shows, scrolled from the top to the bottom."""
    x, width = board.column_span(key, label)
    return "\n".join(board_lines(app, board, x, width))


def words(text: str) -> list[str]:
    """Return the words of `text`: wrapped text reads the same as the text it came from."""
    return text.split()


def joined(text: str) -> str:
    """Return `text` with all its white space (line ends of wrapping included) as single spaces."""
    return " ".join(text.split())
