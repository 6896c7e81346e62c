"""Reading generated HTML back with the standard library's parser, to test what a reader will see."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

BLOCKS = {"p", "li", "td", "th", "h1", "h2", "h3", "tr", "table", "section", "div", "blockquote", "br"}


@dataclass
class Table:
    """A table as rows of cell texts (header row first), with its class and aria-label."""

    classes: str
    label: str
    rows: list[list[str]] = field(default_factory=list)
    svgs: int = 0  # SVG pictures inside it


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tables: list[Table] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[str, str]] = []
        self._heading: tuple[str, list[str]] | None = None
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._skip = 0  # inside <style> or <title>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag in ("style", "title"):
            self._skip += 1
        if tag in BLOCKS:
            self.text.append("\n")
        if tag == "table":
            self.tables.append(Table(a.get("class") or "", a.get("aria-label") or ""))
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "svg" and self.tables and self._row is not None:
            self.tables[-1].svgs += 1
        elif tag in ("h1", "h2", "h3"):
            self._heading = (tag, [])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title"):
            self._skip -= 1
        if tag in BLOCKS:
            self.text.append("\n")
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None and self.tables:
            self.tables[-1].rows.append(self._row)
            self._row = None
        elif tag in ("h1", "h2", "h3") and self._heading is not None:
            self.headings.append((self._heading[0], " ".join("".join(self._heading[1]).split())))
            self._heading = None

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br",):
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._heading is not None:
            self._heading[1].append(data)


@dataclass
class Page:
    """What a reader finds in an HTML document."""

    text: str  # all visible text, one block per line, whitespace collapsed
    tables: list[Table]
    tags: list[tuple[str, dict[str, str | None]]]
    headings: list[tuple[str, str]]

    def lines(self) -> list[str]:
        return [line for line in self.text.split("\n") if line]

    def charts(self, kind: str) -> list[Table]:
        """The chart tables of one kind ("votes" or "heat")."""
        return [t for t in self.tables if "chart" in t.classes.split() and kind in t.classes.split()]


def read(html: str) -> Page:
    """Parse `html` into what a reader sees."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    lines = [" ".join(line.split()) for line in "".join(reader.text).split("\n")]
    return Page("\n".join(line for line in lines if line), reader.tables, reader.tags, reader.headings)
