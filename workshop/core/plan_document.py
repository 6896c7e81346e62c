"""Reading a team's PDCA plan without guessing: its sections, every table of Do, Check and Act, and its memory.

Whatever it cannot place or read (a table from Word, a row split by Enter, a plan table under a heading of
the person's own, two columns for one field) is refused with its line; the file is then left as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .errors import PlanError
from .mdtext import format_date
from .plan_layout import (
    Heading,
    code_lines,
    foreign_tables,
    front_matter_end,
    headings,
    html_tables,
    mentions_id_column,
    owner,
)
from .plan_terms import (
    ALIASES,
    TABLE_SECTIONS,
    PlanRow,
    PlanWarning,
    Section,
    header_key,
    id_key,
    phase_held,
    status_column,
)
from .plan_words import iso_date, read_decision, read_status, result_unsure

_PARSER = MarkdownIt("commonmark").enable("table")
# The plan's memory: a comment holding, per session merged in, its id prefix and the actions the tool added.
MEMORY_MARK = "workshop-geheugen"
_MEMORY_LINE = re.compile(r"^\s*sessie\s+(\S+)\s+(\S+?):\s*(.*?)\s*$")
# Per session and action, the review answers the plan got from it: "antwoorden <sessie> <id>: resultaat=1a2b3c4d".
# The value is a short hash of what was written (answer_mark), so an emptied or edited cell can be told apart.
_ANSWER_LINE = re.compile(r"^\s*antwoorden\s+(\S+)\s+(.+):([^:]*)$")
_ANSWER_MARK = re.compile(r"^([a-z-]+)=([0-9a-f]{4,64})$")
# The plan field of each answer, by the word the memory writes for it.
ANSWER_WORDS: dict[str, str] = {
    "status": "status",
    "result": "resultaat",
    "act_decision": "besluit",
    "carried_over": "doorgeschoven",
    "feedback": "terugkoppeling",
    "feedback_to": "aan-wie",
    "feedback_when": "wanneer",
    "feedback_done": "gedaan",
}
_ANSWER_FIELDS = {word: name for name, word in ANSWER_WORDS.items()}


@dataclass
class TableRow:
    """One row of a plan table: where it is, its cells as written, and its values as plain text."""

    id: str
    line: int  # 0-based
    cells: list[str]  # raw Markdown of each cell, as written
    values: dict[str, str]  # field -> plain text


@dataclass
class Table:
    """A pipe table with an ID column in the Do, Check or Act section."""

    section: Section
    heading: str
    start: int  # 0-based line of the header row
    end: int  # 0-based line just after the last row
    fields: list[str | None]  # per column; None for a column the tool does not know (never written into)
    rows: dict[str, TableRow] = field(default_factory=dict)  # by id_key: "DL-2612-A2" and "dl-2612-a2" are one


@dataclass(frozen=True)
class Span:
    """Where a section runs: from its heading to the next heading of the same or a higher level."""

    heading: str
    start: int  # line of the heading
    end: int


@dataclass
class Memory:
    """What the plan once held: per session, the prefix of its action ids and the actions the tool added."""

    sessions: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    # Per session, per action id (as written) and field, the mark of the review answer the plan got from it.
    answers: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    start: int | None = None  # 0-based lines of the comment holding it, when there is one
    end: int | None = None

    @property
    def present(self) -> bool:
        return self.start is not None


class PlanDocument:
    """A plan parsed into its sections, the tables the tool maintains and its memory; the lines stay as written.

    Raises PlanError (with the line) when it is built from a plan that cannot be read without guessing.
    """

    def __init__(self, text: str, path: str) -> None:
        self.path = path
        # markdown-it counts lines after turning \r\n and \r into \n; so do we.
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        front = front_matter_end(self.lines)
        # Front matter (`check: ...` in Obsidian's) is not Markdown: blanked for the parser, kept in the file.
        self.front_matter = front
        parse_lines = [""] * front + self.lines[front:]
        self.tokens = _PARSER.parse("\n".join(parse_lines))
        titles = {i: plain_inline(t).strip() for i, t in enumerate(self.tokens) if t.type == "inline"}
        self.headings: list[Heading] = headings(self.tokens, len(self.lines), titles)
        self.sections: dict[Section, Span] = {}
        for head in self.headings:
            if head.section and head.section not in self.sections:
                self.sections[head.section] = Span(heading=head.title, start=head.line, end=head.end)
        self.tables: dict[Section, list[Table]] = {s: [] for s in TABLE_SECTIONS}
        self.warnings: list[PlanWarning] = []
        self.memory = Memory()
        self._refuse_foreign_tables(parse_lines)
        self._read_tables()
        self._read_memory()

    def error(self, code: str, line: int, **params: object) -> PlanError:
        return PlanError(code, path=self.path, line=line + 1, **params)

    # ----- reading ------------------------------------------------------------------------------------

    def _refuse_foreign_tables(self, parse_lines: list[str]) -> None:
        skip = code_lines(self.tokens) | set(range(self.front_matter))
        for table in foreign_tables(parse_lines, skip) + html_tables(self.tokens):
            head = owner(self.headings, table.start)
            in_plan = head is not None and head.section is not None
            if in_plan or mentions_id_column(table.header):
                where = f" in '{head.title}'" if head is not None else ""
                raise self.error("plan.foreign_table", table.start, section_text=where)

    def _read_tables(self) -> None:
        for i, tok in enumerate(self.tokens):
            if tok.type == "table_open" and tok.map is not None:
                self._read_table(i)
            elif tok.type == "paragraph_open" and tok.map is not None and tok.level == 0:
                head = owner(self.headings, tok.map[0])
                in_table_section = head is not None and head.section in TABLE_SECTIONS
                if in_table_section and head is not None and self.lines[tok.map[0]].lstrip().startswith("|"):
                    raise self.error("plan.bad_table", tok.map[0], section=head.title)
        for section in TABLE_SECTIONS:
            seen: dict[str, TableRow] = {}
            for table in self.tables[section]:
                for key, row in table.rows.items():
                    if key in seen:
                        raise self.error(
                            "plan.duplicate_id", row.line, section=table.heading, id=row.id, other=seen[key].line + 1
                        )
                    seen[key] = row

    def _read_table(self, index: int) -> None:
        """Read the pipe table starting at token `index` into its section, or refuse it when it cannot be placed."""
        start, end = self.tokens[index].map or (0, 0)
        headers, rows = _cells(self.tokens, index)
        fields = [ALIASES.get(header_key(h)) for h in headers]
        head = owner(self.headings, start)
        section = head.section if head is not None else None
        title = head.title if head is not None else ""
        if section == "do" and "status" not in fields:
            # "Status / voortgang", "Gedaan?", "Afgerond": one header that names a status word is the status.
            named = [c for c, h in enumerate(headers) if fields[c] is None and status_column(h)]
            if len(named) == 1:
                fields[named[0]] = "status"
        known = [f for f in fields if f and f != "id"]
        if section not in TABLE_SECTIONS:
            if "id" in fields and known:
                # A table of actions under a heading that is not Do, Check or Act: never guess where it belongs.
                raise self.error("plan.table_outside", start, section=title or "—")
            return
        if "id" not in fields:
            if known:
                raise self.error("plan.missing_id_column", start, section=title)
            return  # a small table of the person's own without plan columns (e.g. "Afspraken | Wie")
        for column, name in enumerate(fields):
            if name is not None and fields.index(name) != column:
                raise self.error(
                    "plan.duplicate_column",
                    start,
                    section=title,
                    first=headers[fields.index(name)],
                    second=headers[column],
                )
        assert section is not None
        table = Table(section=section, heading=title, start=start, end=end, fields=fields)
        self._read_rows(table, headers, rows)
        self.tables[section].append(table)
        if section == "do" and table.rows and "status" not in fields:
            self._warn("plan.no_status_column", start, section=title, headers=", ".join(h for h in headers if h))

    def _read_rows(self, table: Table, headers: list[str], rows: list[tuple[int, list[str]]]) -> None:
        header_line = self.lines[table.start].strip()
        leading, trailing = header_line.startswith("|"), _ends_with_pipe(header_line)
        id_col = table.fields.index("id")
        for line, plain in rows:
            raw = self.lines[line]
            if "|" not in raw:
                raise self.error("plan.text_in_table", line, section=table.heading)
            if leading and not raw.lstrip().startswith("|"):
                # What Enter inside a cell leaves: the rest of a row on a line of its own.
                raise self.error("plan.split_row", line, section=table.heading, other=line)
            if trailing and not _ends_with_pipe(raw.strip()):
                raise self.error("plan.split_row", line, section=table.heading, other=line + 2)
            cells = split_row(raw)
            if len(cells) > len(headers):
                raise self.error("plan.row_cells", line, section=table.heading, got=len(cells), expected=len(headers))
            if len(cells) < len(headers) and any(table.fields[len(cells) :]):
                # A cell taken out (an empty one deleted by hand) shifts every cell after it one column to the left:
                # which one is missing cannot be seen, so the row is not read by guessing. Only the cells of columns
                # added by hand at the end (which the plan does not read, "Afgerond op") may be left off.
                raise self.error(
                    "plan.row_cells_short", line, section=table.heading, got=len(cells), expected=len(headers)
                )
            row_id = " ".join(plain[id_col].split()) if id_col < len(plain) else ""
            if not row_id:
                raise self.error("plan.missing_id", line, section=table.heading)
            if id_key(row_id) in table.rows:
                raise self.error(
                    "plan.duplicate_id",
                    line,
                    section=table.heading,
                    id=row_id,
                    other=table.rows[id_key(row_id)].line + 1,
                )
            values = {f: plain[c] for c, f in enumerate(table.fields) if f and c < len(plain)}
            table.rows[id_key(row_id)] = TableRow(
                id=row_id, line=line, cells=cells + [""] * (len(headers) - len(cells)), values=values
            )
            self._check_values(values, line)

    def _check_values(self, values: dict[str, str], line: int) -> None:
        """Note the cells it keeps but cannot read: an unknown status or decision, a date it cannot read."""
        status = read_status(values.get("status", ""))
        if status.doubt:
            self._warn("plan.status_unsure", line, text=values["status"], word=status.doubt)
        elif not status.understood:
            self._warn("plan.status_unknown", line, text=values["status"])
        if "act_decision" in values and not read_decision(values["act_decision"]).understood:
            self._warn("plan.decision_unknown", line, text=values["act_decision"])
        if result_unsure(values.get("result", "")):
            self._warn("plan.result_unsure", line, text=values["result"])
        # Terugkoppeling wanneer may be words ("teamoverleg 12 maart"): the plan computes nothing with it.
        for name in ("due", "check_date"):
            if values.get(name, "").strip() and not iso_date(values[name]):
                self._warn("plan.date_unknown", line, text=values[name])

    def _warn(self, code: str, line: int, **params: str) -> None:
        self.warnings.append(PlanWarning(code=code, line=line + 1, params=tuple(params.items())))

    def _read_memory(self) -> None:
        for tok in self.tokens:
            if tok.type != "html_block" or MEMORY_MARK not in tok.content or tok.map is None:
                continue
            if self.memory.start is None:
                self.memory.start, self.memory.end = tok.map
            for line in tok.content.splitlines():
                match = _MEMORY_LINE.match(line.replace("-->", ""))
                if match:
                    session, prefix, ids = match.groups()
                    before = self.memory.sessions.get(session, (prefix, ()))[1]
                    known = before + tuple(i for i in ids.split() if i not in before)
                    self.memory.sessions[session] = (prefix, known)
                    continue
                self._read_answers(line.replace("-->", ""))

    def _read_answers(self, line: str) -> None:
        """Read one 'antwoorden' line of the memory; what it cannot read (a word it does not know, a mark that is
        no hash) is left out, so those answers are written as a plan without this memory would."""
        match = _ANSWER_LINE.match(line)
        row_id = " ".join(match.group(2).split()) if match else ""
        if match is None or not row_id:
            return
        marks = {}
        for part in match.group(3).split():
            mark = _ANSWER_MARK.match(part)
            if mark and mark.group(1) in _ANSWER_FIELDS:
                marks[_ANSWER_FIELDS[mark.group(1)]] = mark.group(2)
        if marks:
            self.memory.answers.setdefault(match.group(1), {}).setdefault(row_id, {}).update(marks)

    # ----- reading out --------------------------------------------------------------------------------

    def all_tables(self) -> list[Table]:
        """Every plan table, Do first, then Check, then Act; within a section in the order of the file."""
        return [t for s in TABLE_SECTIONS for t in self.tables[s]]

    def row_ids(self) -> set[str]:
        """Return the id_key of every row in the plan's tables (Do, Check and Act)."""
        return {key for table in self.all_tables() for key in table.rows}

    def has_mark(self, session_id: str) -> bool:
        """True when the plan holds the session's mark ("(`id`)", its line in Plan): it was merged into it before."""
        return f"`{session_id}`" in "\n".join(self.lines)

    def written_ids(self) -> list[str]:
        """Return the ids of the plan's rows as written (each once, the first way it is written)."""
        seen: dict[str, str] = {}
        for table in self.all_tables():
            for key, row in table.rows.items():
                seen.setdefault(key, row.id)
        return list(seen.values())

    def rows(self) -> tuple[PlanRow, ...]:
        """Return every action, in the order of the Do tables; ids match whatever their case.

        A Check or Act row whose id is in no Do table is not an action: it is kept, with a warning.
        """
        order = [key for table in self.tables["do"] for key in table.rows]
        agreed = self.agreed_days()
        for table in self.tables["check"] + self.tables["act"]:
            for key, orphan in table.rows.items():
                if key not in order and self.tables["do"]:
                    self._warn("plan.orphan_row", orphan.line, id=orphan.id, section=table.heading)
        result = []
        for key in order:
            values: dict[str, str] = {}
            lines = []
            field_lines: dict[str, int] = {}
            for table in self.all_tables():
                row = table.rows.get(key)
                if row is None:
                    continue
                lines.append(row.line)
                for name, value in row.values.items():
                    if name == "id":
                        continue
                    if values.get(name, "").strip() and value.strip() and value.strip() != values[name].strip():
                        self._warn("plan.two_values", row.line, id=row.id, text=value)
                    if not values.get(name, "").strip():
                        values[name] = value
                        field_lines[name] = row.line
            carried = re.search(r"\d+", values.pop("carried_over", ""))
            row_id = next(t.rows[key].id for t in self.tables["do"] if key in t.rows)
            if phase_held(values.get("phase", ""), values.get("status", ""), values.get("act_decision", "")):
                self._warn("plan.phase_held", field_lines["phase"], id=row_id)
            told = iso_date(values.get("feedback_when", ""))
            if told and agreed.get(key, "") > told:
                self._warn(
                    "plan.told_before_agreed", field_lines["feedback_when"], id=row_id, agreed=format_date(agreed[key])
                )
            result.append(
                PlanRow(
                    id=row_id,
                    carried_over=int(carried.group()) if carried else 0,
                    line=min(lines) + 1,
                    agreed=agreed.get(key, ""),
                    **values,
                )
            )
        return tuple(result)

    def agreed_days(self) -> dict[str, str]:
        """Return, by id key, the ISO date of the session that put each action in the plan, as its memory says
        (a session id starts with its date); actions the memory does not name are left out."""
        days: dict[str, str] = {}
        for session, (prefix, ids) in self.memory.sessions.items():
            day = iso_date(session[:10]) if re.match(r"\d{4}-\d{2}-\d{2}", session) else ""
            for action in ids if day else ():
                days.setdefault(id_key(f"{prefix}-{action}"), day)
                days.setdefault(id_key(f"{session}-{action}"), day)
        return days


def _cells(tokens: list[Token], index: int) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Return a table's header cells and its rows (line, plain cell texts), from token `index` (table_open)."""
    headers: list[str] = []
    rows: list[tuple[int, list[str]]] = []
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
    return headers, rows


def _ends_with_pipe(text: str) -> bool:
    return text.endswith("|") and not text.endswith("\\|")


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
    if _ends_with_pipe(text) and cells:
        cells = cells[:-1]
    return cells


def plain_inline(token: Token) -> str:
    """Return what a reader sees of an inline token: its text without emphasis, links or escapes. An HTML comment
    (`<!-- nog invullen -->`) is a note to whoever edits the file, shown to no reader: it is no cell content."""
    parts = []
    for child in token.children or []:
        if child.type == "html_inline" and child.content.startswith("<!--"):
            continue
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)
