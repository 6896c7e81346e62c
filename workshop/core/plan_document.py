"""Reading a team's PDCA plan: its sections, and the rows of the Do, Check and Act tables the tool keeps."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .errors import PlanError
from .plan_terms import ALIASES, TABLE_SECTIONS, PlanRow, Section, header_key

_PARSER = MarkdownIt("commonmark").enable("table")
_HEADING = re.compile(r"^(plan|do|check|act)\b(?:\s*[-–—:(].*)?$", re.I)


@dataclass
class TableRow:
    """One row of a plan table: where it is, its cells as written, and its values as plain text."""

    id: str
    line: int  # 0-based
    cells: list[str]  # raw Markdown of each cell, as written
    values: dict[str, str]  # field -> plain text


@dataclass
class Table:
    """The table of one section (Do, Check or Act) that holds an ID column."""

    section: Section
    heading: str
    start: int  # 0-based line of the header row
    end: int  # 0-based line just after the last row
    fields: list[str | None]  # per column; None for a column the tool does not know
    rows: dict[str, TableRow] = field(default_factory=dict)


@dataclass
class Span:
    """Where a section runs: from its heading to the next level-1 or level-2 heading."""

    heading: str
    start: int  # line of the heading
    end: int  # line where the next level-1/2 heading starts (or the end of the file)


class PlanDocument:
    """A plan parsed into its sections and the tables the tool maintains; the lines stay as written.

    Raises PlanError (with the line) when it is built from a plan that cannot be understood.
    """

    def __init__(self, text: str, path: str) -> None:
        self.path = path
        # markdown-it counts lines after turning \r\n and \r into \n; so do we.
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.tokens = _PARSER.parse("\n".join(self.lines))
        self.sections: dict[Section, Span] = {}
        self.tables: dict[Section, Table] = {}
        self._find_sections()
        for section in TABLE_SECTIONS:
            if section in self.sections:
                self._read_table(section)

    def error(self, code: str, line: int, **params: object) -> PlanError:
        return PlanError(code, path=self.path, line=line + 1, **params)

    def _find_sections(self) -> None:
        tokens = self.tokens
        headings = [(i, t) for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag in ("h1", "h2")]
        for n, (i, tok) in enumerate(headings):
            assert tok.map is not None
            end = len(self.lines)
            if n + 1 < len(headings):
                next_map = headings[n + 1][1].map
                assert next_map is not None
                end = next_map[0]
            title = tokens[i + 1].content.strip()
            match = _HEADING.match(plain_inline(tokens[i + 1]).strip())
            if tok.tag == "h2" and match and match.group(1).lower() not in self.sections:
                # The first "## Do" counts; a later heading with the same word is a section of its own.
                self.sections[match.group(1).lower()] = Span(heading=title, start=tok.map[0], end=end)

    def _read_table(self, section: Section) -> None:
        span = self.sections[section]
        tokens = self.tokens
        first_without_id: int | None = None
        for i, tok in enumerate(tokens):
            if tok.map is None or not span.start <= tok.map[0] < span.end or tok.level != 0:
                continue
            if tok.type == "paragraph_open" and self.lines[tok.map[0]].lstrip().startswith("|"):
                raise self.error("plan.bad_table", tok.map[0], section=span.heading)
            if tok.type != "table_open" or section in self.tables:
                continue
            table = self._table_at(i, section, span.heading)
            if table is None:
                first_without_id = tok.map[0] if first_without_id is None else first_without_id
                continue
            self.tables[section] = table
        if section not in self.tables and first_without_id is not None:
            raise self.error("plan.missing_id_column", first_without_id, section=span.heading)

    def _table_at(self, index: int, section: Section, heading: str) -> Table | None:
        """Read the table starting at token `index`; None when it has no ID column."""
        tokens = self.tokens
        open_tok = tokens[index]
        assert open_tok.map is not None
        start, end = open_tok.map
        headers: list[str] = []
        rows: list[tuple[int, list[str]]] = []  # line, plain cell texts
        current: list[str] | None = None
        row_line = 0
        i = index + 1
        while tokens[i].type != "table_close":
            tok = tokens[i]
            if tok.type == "tr_open":
                current, row_line = [], (tok.map or [0])[0]
            elif tok.type == "inline" and current is not None:
                current.append(plain_inline(tok).strip())
            elif tok.type == "tr_close" and current is not None:
                if not headers:
                    headers = current
                else:
                    rows.append((row_line, current))
                current = None
            i += 1
        fields = [ALIASES.get(header_key(h)) for h in headers]
        if "id" not in fields:
            return None
        table = Table(section=section, heading=heading, start=start, end=end, fields=fields)
        id_col = fields.index("id")
        for line, plain in rows:
            raw_line = self.lines[line]
            if "|" not in raw_line:
                raise self.error("plan.text_in_table", line, section=heading)
            cells = split_row(raw_line)
            if len(cells) > len(headers):
                raise self.error("plan.row_cells", line, section=heading, got=len(cells), expected=len(headers))
            row_id = plain[id_col].strip() if id_col < len(plain) else ""
            if not row_id:
                raise self.error("plan.missing_id", line, section=heading)
            if row_id in table.rows:
                raise self.error(
                    "plan.duplicate_id", line, section=heading, id=row_id, other=table.rows[row_id].line + 1
                )
            values = {f: plain[c] for c, f in enumerate(fields) if f and c < len(plain)}
            table.rows[row_id] = TableRow(
                id=row_id, line=line, cells=cells + [""] * (len(headers) - len(cells)), values=values
            )
        return table

    # ----- reading out --------------------------------------------------------------------------------

    def rows(self) -> tuple[PlanRow, ...]:
        order: list[str] = []
        for section in TABLE_SECTIONS:
            table = self.tables.get(section)
            for row_id in table.rows if table else ():
                if row_id not in order:
                    order.append(row_id)
        result = []
        for row_id in order:
            values: dict[str, str] = {}
            lines = []
            for section in TABLE_SECTIONS:
                table = self.tables.get(section)
                if table and row_id in table.rows:
                    row = table.rows[row_id]
                    lines.append(row.line)
                    values.update({k: v for k, v in row.values.items() if k != "id"})
            carried = re.search(r"\d+", values.pop("carried_over", "")) if "carried_over" in values else None
            result.append(
                PlanRow(id=row_id, carried_over=int(carried.group()) if carried else 0, line=min(lines) + 1, **values)
            )
        return tuple(result)

    # ----- changing -------------------------------------------------------------------------------------


def split_row(line: str) -> list[str]:
    """Return the raw cells of a table row, split on unescaped '|' (as GFM does), without the outer pipes."""
    text = line.strip()
    cells, current, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if ch == "|":
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
        i += 1
    cells.append("".join(current).strip())
    if text.startswith("|"):
        cells = cells[1:]
    if text.endswith("|") and not text.endswith("\\|") and cells:
        cells = cells[:-1]
    return cells


def plain_inline(token: Token) -> str:
    """Return what a reader sees of an inline token: its text without emphasis, links or escapes."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)
