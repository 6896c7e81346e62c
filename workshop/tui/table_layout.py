"""Column widths and row heights of a board at a given width: long text wraps, short columns fit their content.

Pure (Rich only, no Textual), so a board's layout at 80 or 160 columns can be tested without drawing it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

# One console to measure wrapped text with: the same wrapping rules Rich uses when the table draws a cell.
_CONSOLE = Console(file=io.StringIO(), width=1000, color_system=None, legacy_windows=False)
MIN_WRAP = 12  # a wrapping column never gets narrower than this (or its min_width): below it, words break up
LONG_WORD = 24  # a wrapping column is as wide as its longest word, up to this: longer words may break


@dataclass(frozen=True)
class Column:
    """One column of a board. `wrap` columns share the width the others leave, by `weight`, and wrap their text.

    `short` is the label used when the full label would take the wrapping columns' room (e.g. "Antw.").
    """

    key: str
    label: str
    wrap: bool = False
    weight: int = 1
    min_width: int = 0
    short: str = ""
    keep_whole: int = 0  # where room allows, a cell up to this wide stays on one line (a theme's name)


@dataclass(frozen=True)
class Layout:
    """The labels and widths (in cells, without padding) of a board's columns at one width."""

    labels: tuple[str, ...]
    widths: tuple[int, ...]
    whole_words: bool = True  # False: a wrapping column is narrower than a word it holds, which breaks


def text_width(cell: Text | str) -> int:
    """Return the widest line of `cell` in terminal cells."""
    plain = cell.plain if isinstance(cell, Text) else cell
    if "\n" not in plain:
        return cell_len(plain)
    return max(cell_len(line) for line in plain.split("\n"))


def word_width(cell: Text | str) -> int:
    """Return the widest word of `cell` in terminal cells."""
    plain = cell.plain if isinstance(cell, Text) else cell
    return max((cell_len(word) for word in plain.split()), default=0)


def lines_needed(cell: Text | str, width: int) -> int:
    """Return how many lines `cell` takes when wrapped at `width` cells, as the table will draw it."""
    if width <= 0:
        return 1
    plain = cell.plain if isinstance(cell, Text) else cell
    if "\n" not in plain and cell_len(plain) <= width:
        return 1
    return _wrapped_lines(plain, width)


@lru_cache(maxsize=4096)
def _wrapped_lines(plain: str, width: int) -> int:
    return max(1, len(Text(plain).wrap(_CONSOLE, width)))


def layout(
    columns: Sequence[Column],
    content: Sequence[int],
    total: int,
    padding: int = 1,
    longest_words: Sequence[int] | None = None,
) -> Layout:
    """Return the labels and widths that fit `columns` into `total` cells (each column adds 2 x `padding`).

    `content[i]` is the widest cell of column i, `longest_words[i]` its longest word. Columns that do not wrap
    get their content's width (the label's at least); wrapping columns share what is left by weight, never
    more than their content needs (what one does not need goes to the others) and never less than their
    minimum or their longest word (up to LONG_WORD). When even the minimums do not fit, the table is wider
    than `total` and scrolls sideways: nothing is cut off.
    """
    longest_words = longest_words or [0] * len(columns)
    labels = _labels(columns, content, total, padding)
    widths = [0] * len(columns)
    for i, column in enumerate(columns):
        if not column.wrap:
            widths[i] = max(content[i], cell_len(labels[i]))
    used = sum(widths) + 2 * padding * len(columns)
    left = max(0, total - used)
    wrapping = [i for i, c in enumerate(columns) if c.wrap]
    hard = {i: max(columns[i].min_width or MIN_WRAP, cell_len(labels[i])) for i in wrapping}
    soft = {i: max(hard[i], min(longest_words[i], LONG_WORD), min(content[i], columns[i].keep_whole)) for i in wrapping}
    # Whole words where they fit; where even that does not, long words break rather than the table growing.
    floor = soft if sum(soft.values()) <= left else hard
    need = {i: max(content[i], cell_len(labels[i])) for i in wrapping}
    open_ = list(wrapping)
    while open_:
        weight = sum(columns[i].weight for i in open_)
        share = {i: left * columns[i].weight // weight for i in open_}
        # A column that needs less than its share takes what it needs; one whose minimum is more than its share
        # takes its minimum. What is left is shared again among the others.
        settled = {i: need[i] for i in open_ if need[i] <= share[i]}
        settled.update({i: floor[i] for i in open_ if i not in settled and floor[i] >= share[i]})
        if not settled:
            for n, i in enumerate(open_):
                extra = left - sum(share.values()) if n == len(open_) - 1 else 0  # rounding goes to the last
                widths[i] = min(need[i], share[i] + extra)
            break
        for i, width in settled.items():
            widths[i] = width
            left = max(0, left - width)
            open_.remove(i)
    return Layout(labels=tuple(labels), widths=tuple(widths), whole_words=floor is soft)


def _labels(columns: Sequence[Column], content: Sequence[int], total: int, padding: int) -> list[str]:
    """Full labels when they fit beside the wrapping columns' minimum, else the short ones."""
    full = [c.label for c in columns]
    short = [c.short or c.label for c in columns]
    if full == short:
        return full

    def needed(labels: list[str]) -> int:
        fixed = sum(max(content[i], cell_len(labels[i])) for i, c in enumerate(columns) if not c.wrap)
        wraps = sum(max(c.min_width or MIN_WRAP, cell_len(labels[i])) for i, c in enumerate(columns) if c.wrap)
        return fixed + wraps + 2 * padding * len(columns)

    return full if needed(full) <= total else short


def row_height(cells: Sequence[Text | str], columns: Sequence[Column], widths: Sequence[int]) -> int:
    """Return the lines a row takes: its tallest wrapping cell (other cells have one line each)."""
    height = 1
    for cell, column, width in zip(cells, columns, widths, strict=False):
        if column.wrap:
            height = max(height, lines_needed(cell, width))
    return height


def measure(columns: Sequence[Column], rows: Sequence[tuple[str, Sequence[Text | str]]]) -> tuple[list[int], list[int]]:
    """Return the widest cell and, for wrapping columns, the longest word of each column over `rows`."""
    content = [0] * len(columns)
    longest = [0] * len(columns)
    for _, cells in rows:
        for i, cell in enumerate(cells):
            content[i] = max(content[i], text_width(cell))
            if columns[i].wrap:
                longest[i] = max(longest[i], word_width(cell))
    return content, longest


def table_width(current: Layout, padding: int = 1) -> int:
    """Return the cells a table laid out as `current` takes, padding included."""
    return sum(current.widths) + 2 * padding * len(current.widths)
