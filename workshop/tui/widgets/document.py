"""A long read-only document (the export preview), drawn line by line from lines rendered off the event loop."""

from __future__ import annotations

import io

from rich.console import Console
from rich.markdown import Markdown
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


def markdown_lines(text: str, width: int) -> list[Strip]:
    """Render Markdown to lines of `width` cells. Pure Rich, so it may run in a thread: a 300-card summary
    takes a while, and the app and the phones must not wait for it."""
    console = Console(
        width=width, file=io.StringIO(), color_system="truecolor", force_terminal=True, legacy_windows=False
    )
    lines = console.render_lines(Markdown(text, hyperlinks=False), console.options.update_width(width), pad=False)
    return [Strip(line) for line in lines]


class Document(ScrollView):
    """Shows lines rendered elsewhere; drawing a screenful costs the same for 10 lines or 10,000."""

    DEFAULT_CSS = """
    Document { height: 1fr; overflow-x: hidden; scrollbar-size-vertical: 1; scrollbar-gutter: stable; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.can_focus = True
        self._lines: list[Strip] = []
        self.rendered_width = 0

    def show_lines(self, lines: list[Strip], width: int) -> None:
        """Show `lines` (rendered for `width` cells)."""
        self._lines = lines
        self.rendered_width = width
        self.virtual_size = Size(width, len(lines))
        self.refresh()

    @property
    def line_count(self) -> int:
        return len(self._lines)

    @property
    def text(self) -> str:
        """The document as plain text, line by line."""
        return "\n".join(strip.text for strip in self._lines)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = y + scroll_y
        width = self.size.width
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        return self._lines[index].crop_extend(scroll_x, scroll_x + width, self.rich_style)
