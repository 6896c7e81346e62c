"""A long read-only document (the export preview), drawn line by line from lines rendered off the event loop."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from typing import ClassVar

from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import Markdown, MarkdownElement, TableElement
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

# A column narrower than this (or than its longest word, or than its whole text if that is shorter) makes a
# text column of one or two words a line: then each row is drawn as a short paragraph instead (RowsTable).
COMFORTABLE_COLUMN = 16


class RowsTable(TableElement):
    """A Markdown table that never breaks a word: drawn as a table when every column gets room for its longest
    word (and a comfortable width, COMFORTABLE_COLUMN), otherwise each row as a paragraph: its first cell in bold,
    then 'Kop: waarde' for the other cells, wrapped at spaces (trial at 80 columns: the rating table's seven
    columns broke words like "ontbreek/t" over two lines)."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        heads = [cell.content for cell in self.header.row.cells] if self.header and self.header.row else []
        rows = [[cell.content for cell in row.cells] for row in self.body.rows] if self.body else []
        columns = [[head, *(row[n] for row in rows if n < len(row))] for n, head in enumerate(heads)]
        widths = self._widths(console, options, columns)
        if widths is None:
            yield from self._paragraphs(heads, rows)
            return
        for table in super().__rich_console__(console, options):
            if isinstance(table, Table):
                for column, width in zip(table.columns, widths, strict=True):
                    column.width = width
            yield table

    def _widths(self, console: Console, options: ConsoleOptions, columns: list[list[Text]]) -> list[int] | None:
        """The width of each column when the table fits `options` without breaking a word; None when it does not."""
        if not columns:
            return None
        measured = [[Measurement.get(console, options, cell) for cell in cells] for cells in columns]
        fewest = [max(m.minimum for m in column) for column in measured]  # the longest word
        most = [max(m.maximum for m in column) for column in measured]  # the longest cell on one line
        # What the table's borders and padding take: its width with every column at a known width, less those.
        probe = next(iter(super().__rich_console__(console, options)))
        assert isinstance(probe, Table)
        for column, width in zip(probe.columns, fewest, strict=True):
            column.width = width
        overhead = Measurement.get(console, options.update_width(10_000), probe).maximum - sum(fewest)
        room = options.max_width - overhead
        widths = [min(m, max(f, COMFORTABLE_COLUMN)) for f, m in zip(fewest, most, strict=True)]
        if sum(widths) > room:
            return None
        spare = room - sum(widths)
        while spare > 0:  # to the column that misses most of its whole text, a cell at a time
            wants = [m - w for w, m in zip(widths, most, strict=True)]
            if max(wants) <= 0:
                break
            widths[wants.index(max(wants))] += 1
            spare -= 1
        return widths

    @staticmethod
    def _paragraphs(heads: list[Text], rows: list[list[Text]]) -> RenderResult:
        for n, row in enumerate(rows):
            if n:
                yield Text()
            title = row[0].copy() if row else Text()
            title.stylize("bold")
            yield title
            details = [
                Text.assemble((f"{head.plain}: ", "dim"), cell)
                for head, cell in zip(heads[1:], row[1:], strict=False)
                if cell.plain.strip()
            ]
            if details:
                yield Padding(Text(" · ").join(details), (0, 0, 0, 2))


class PreviewMarkdown(Markdown):
    """Rich's Markdown, with tables that never cut a cell short nor break a word."""

    elements: ClassVar[dict[str, type[MarkdownElement]]] = {**Markdown.elements, "table_open": RowsTable}


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
