"""A long read-only document (the export preview), drawn line by line from lines rendered off the event loop."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from typing import ClassVar

from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import Markdown, MarkdownElement, TableElement
from rich.table import Table
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


class FoldingTable(TableElement):
    """A Markdown table whose cells wrap a word too long for its column onto the next line instead of cutting it off
    with '…' (Rich's default): at 80 columns the plan's seven-column tables would lose the ends of their words."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for table in super().__rich_console__(console, options):
            if isinstance(table, Table):
                for column in table.columns:
                    column.overflow = "fold"
            yield table


class PreviewMarkdown(Markdown):
    """Rich's Markdown, with tables that never cut a cell short."""

    elements: ClassVar[dict[str, type[MarkdownElement]]] = {**Markdown.elements, "table_open": FoldingTable}


def markdown_lines(text: str, width: int) -> Iterator[list[Strip]]:
    """Render Markdown to lines of `width` cells, a section at a time (a heading starts a new one); yields each
    section's lines. Pure Rich, so it may run in a thread: a 300-card summary takes a while, and the app and the
    phones must not wait for it. Between sections the thread lets the event loop have the interpreter first."""
    console = Console(
        width=width, file=io.StringIO(), color_system="truecolor", force_terminal=True, legacy_windows=False
    )
    options = console.options.update_width(width)
    for n, section in enumerate(sections(text)):
        if n:
            time.sleep(0)  # give up the interpreter lock: the loop, waiting for it, goes first
        lines = console.render_lines(PreviewMarkdown(section, hyperlinks=False), options, pad=False)
        # The blank line Rich puts between the blocks of one text, between sections too.
        yield ([Strip.blank(0)] if n else []) + [Strip(line) for line in lines]


def sections(text: str) -> list[str]:
    """Split Markdown before every heading (outside fenced code), so each part is whole Markdown on its own."""
    parts: list[list[str]] = [[]]
    fenced = False
    for line in text.split("\n"):
        if line.startswith(("```", "~~~")):
            fenced = not fenced
        if not fenced and line.startswith("#") and parts[-1]:
            parts.append([])
        parts[-1].append(line)
    return ["\n".join(part) for part in parts if "".join(part).strip()]


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

    def add_lines(self, lines: list[Strip]) -> None:
        """Show `lines` after the ones shown (rendered for the same width)."""
        self._lines = self._lines + lines
        self.virtual_size = Size(self.rendered_width, len(self._lines))
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
