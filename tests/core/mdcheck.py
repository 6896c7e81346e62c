"""Reading exported Markdown back with markdown-it-py, to test what a reader will actually see."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

PARSER = MarkdownIt("commonmark").enable("table")
MARKUP = {"html_inline", "html_block", "link_open", "image", "em_open", "strong_open", "s_open", "code_inline"}


def plain(token: Token) -> str:
    """Return the text a reader sees in an inline token."""
    parts = []
    for child in token.children or []:
        if child.type == "text":
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "code_inline":
            parts.append(child.content)
    return "".join(parts)


def markup_in(token: Token) -> set[str]:
    """Return the kinds of Markdown markup an inline token produced."""
    return {child.type for child in token.children or [] if child.type in MARKUP}


def tables(text: str) -> list[list[list[str]]]:
    """Return every table as rows of cell texts (header row first)."""
    found: list[list[list[str]]] = []
    row: list[str] | None = None
    tokens = PARSER.parse(text)
    for i, tok in enumerate(tokens):
        if tok.type == "table_open":
            found.append([])
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "inline" and row is not None and tokens[i - 1].type in ("th_open", "td_open"):
            row.append(plain(tok))
        elif tok.type == "tr_close" and row is not None:
            found[-1].append(row)
            row = None
    return found


def headings(text: str, level: int) -> list[str]:
    """Return the text of every heading of `level`."""
    tokens = PARSER.parse(text)
    return [plain(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == f"h{level}"]


def list_items(text: str) -> list[str]:
    """Return the text of every bullet list item's first paragraph."""
    tokens = PARSER.parse(text)
    items = []
    for i, tok in enumerate(tokens):
        if tok.type == "list_item_open" and tokens[i + 2].type == "inline":
            items.append(plain(tokens[i + 2]))
    return items


def block_types(text: str) -> list[str]:
    """Return the block token types at the top level, to see the document's shape."""
    return [t.type for t in PARSER.parse(text) if t.level == 0 and t.nesting >= 0]
