"""The team's PDCA plan as a living Markdown document: read back, merged with a session, human edits kept."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .errors import DomainError, PlanError
from .export import _chosen, escape, format_date
from .model import ACT_DECISIONS, ACTION_STATUSES, Action, ReviewItem, SessionState
from .redaction import redacted_state
from .script import slugify

_PARSER = MarkdownIt("commonmark").enable("table")

Section = str  # "plan", "do", "check" or "act"
TABLE_SECTIONS: tuple[Section, ...] = ("do", "check", "act")

# The columns the tool writes, per table: (field, header). People may reorder columns, rename them to
# one of the ALIASES, or add their own; a column the tool does not know is kept and left empty in new rows.
COLUMNS: dict[Section, tuple[tuple[str, str], ...]] = {
    "do": (
        ("id", "ID"),
        ("what", "Wat"),
        ("why", "Waarom"),
        ("owner", "Eigenaar"),
        ("due", "Deadline"),
        ("phase", "Fase"),
        ("status", "Status"),
    ),
    "check": (
        ("id", "ID"),
        ("check_method", "Checkmethode"),
        ("indicator", "Indicator"),
        ("check_date", "Checkdatum"),
        ("result", "Resultaat"),
    ),
    "act": (
        ("id", "ID"),
        ("act_decision", "Besluit"),
        ("feedback", "Terugkoppeling"),
        ("carried_over", "Doorgeschoven"),
    ),
}
SECTION_TITLES: dict[Section, str] = {"plan": "Plan", "do": "Do", "check": "Check", "act": "Act"}
ALIASES: dict[str, str] = {
    "id": "id",
    "wat": "what",
    "actie": "what",
    "waarom": "why",
    "signaal": "why",
    "eigenaar": "owner",
    "wie": "owner",
    "deadline": "due",
    "wanneer": "due",
    "fase": "phase",
    "status": "status",
    "checkmethode": "check_method",
    "methode": "check_method",
    "indicator": "indicator",
    "checkdatum": "check_date",
    "resultaat": "result",
    "besluit": "act_decision",
    "actbesluit": "act_decision",
    "terugkoppeling": "feedback",
    "wieweethet": "feedback",
    "doorgeschoven": "carried_over",
    "overgedragen": "carried_over",
}
# Words people write for a status, mapped onto the plan's own five.
STATUS_WORDS: dict[str, str] = {
    **{s: s for s in ACTION_STATUSES},
    "afgerond": "klaar",
    "gereed": "klaar",
    "gedaan": "klaar",
    "loopt": "bezig",
    "gestart": "bezig",
    "vervallen": "gestopt",
    "geschrapt": "gestopt",
}
# Lets a reader (and a second merge) see which sessions are already in the Plan section.
_SESSION_MARK = re.compile(r"`([a-z0-9][a-z0-9-]*)`")
_HEADING = re.compile(r"^(plan|do|check|act)\b(?:\s*[-–—:(].*)?$", re.I)

INTRO = (
    "<!-- Dit plan werkt workshop bij bij elke export van een sessie (`workshop export SESSIE`).\n"
    "Je mag het gewoon bewerken: status, resultaat, besluit en terugkoppeling invullen, rijen toevoegen\n"
    "of verplaatsen, opmerkingen en eigen kopjes toevoegen. Dat blijft allemaal bewaard.\n"
    "Laat de kolom ID staan en geef een rij die je zelf toevoegt een eigen id, bijvoorbeeld eigen-1.\n"
    "Status: gepland, bezig, klaar, uitgesteld of gestopt. Besluit: borgen, bijstellen, stoppen of opschalen. -->"
)


@dataclass(frozen=True)
class PlanRow:
    """One action of the plan, put together from its rows in the Do, Check and Act tables (plain text)."""

    id: str
    what: str = ""
    why: str = ""
    owner: str = ""
    due: str = ""  # as written in the plan, e.g. "15-12-2026"
    phase: str = ""
    status: str = ""  # as written; see `status_key`
    check_method: str = ""
    indicator: str = ""
    check_date: str = ""  # as written
    result: str = ""
    act_decision: str = ""
    feedback: str = ""
    carried_over: int = 0
    line: int = 0  # 1-based line of its first row in the file

    @property
    def status_key(self) -> str:
        """The status as one of ACTION_STATUSES, or "" when the plan says something else (or nothing)."""
        return normalise_status(self.status)

    @property
    def is_open(self) -> bool:
        """True unless the plan marks it klaar or gestopt: an unknown status is reviewed rather than lost."""
        return self.status_key not in ("klaar", "gestopt")

    @property
    def due_iso(self) -> str:
        return _iso(self.due)

    @property
    def check_date_iso(self) -> str:
        return _iso(self.check_date)


@dataclass(frozen=True)
class PlanMerge:
    """What a merge did: the new text, and which rows it added, updated or left alone because of a hand edit."""

    text: str
    changed: bool  # False when the text is exactly what was there
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()  # review answers not written because a person edited the cell since


# ----- public functions ------------------------------------------------------------------------------------


def plan_file_name(team: str) -> str:
    """Return the file name of a team's plan in exports/: `pdca-<team-slug>.md`."""
    return f"pdca-{slugify(team)}.md"


def plan_id(session_id: str, action_id: str) -> str:
    """Return the stable id of a session's action in the plan, e.g. `2026-11-23-team-x-visie-a1`."""
    return f"{session_id}-{action_id}"


def plan_rows(text: str, path: str = "") -> tuple[PlanRow, ...]:
    """Return every action in the plan, in the order of the Do table (rows only in Check/Act come last).

    Raises PlanError (with the line number) when the plan cannot be understood.
    """
    return _Document(text, path).rows()


def open_actions(text: str, path: str = "") -> tuple[PlanRow, ...]:
    """Return the plan's actions that are not klaar or gestopt, for the next session's review step.

    Raises PlanError (with the line number) when the plan cannot be understood.
    """
    return tuple(row for row in plan_rows(text, path) if row.is_open)


def merge_plan(existing: str | None, state: SessionState, path: str = "") -> str:
    """Return the plan with the session merged in (see `merge`). Raises PlanError for a plan it cannot read."""
    return merge(existing, state, path).text


def merge(existing: str | None, state: SessionState, path: str = "") -> PlanMerge:
    """Merge a session into the team's plan (a new plan when `existing` is None); returns what happened.

    Keeps every line it does not need to change. Adds the session's chosen themes to Plan once (marked
    with the session id) and each of its actions once (a row in Do, Check and Act). Writes the review
    answers into the rows of the reviewed actions, unless a person changed that cell after the session
    loaded it (then the person's text wins). Merging the same session again changes nothing.
    Flagged text is redacted unless the facilitator released it. Raises PlanError when `existing`
    cannot be understood; nothing is written then.
    """
    state = redacted_state(state)
    text = existing if existing is not None else new_plan_text(state.meta.team)
    newline = "\r\n" if "\r\n" in text else "\n"
    doc = _Document(text, path)
    doc = _Document(doc.with_missing_parts(), path)
    edits = _Edits()
    added = doc.add_actions(state, edits)
    updated, kept = doc.write_reviews(state.reviews, edits)
    doc.add_plan_items(state, edits)
    lines = edits.apply(doc.lines)
    merged = newline.join(lines)
    if merged.replace("\r\n", "\n") == text.replace("\r\n", "\n").replace("\r", "\n"):
        merged = text  # nothing to do: give back the very same bytes
    return PlanMerge(
        text=merged, changed=merged != existing, added=tuple(added), updated=tuple(updated), kept=tuple(kept)
    )


def new_plan_text(team: str) -> str:
    """Return an empty plan for `team`: a title, how to edit it, and the Plan, Do, Check and Act sections."""
    lines = [
        f"# PDCA-verbeterplan — {escape(team)}",
        "",
        INTRO,
        "",
        "## Plan",
        "",
        "Wat de sessies kozen: thema's, doelen en aandachtspunten.",
        "",
    ]
    for section in TABLE_SECTIONS:
        lines += [f"## {SECTION_TITLES[section]}", ""] + _table_head(section) + [""]
    return "\n".join(lines)


def normalise_status(text: str) -> str:
    """Return the plan status in `text` ("**Klaar** ✅" -> "klaar"), or "" when there is none."""
    for word in re.findall(r"[a-zà-ÿ]+", text.lower()):
        if word in STATUS_WORDS:
            return STATUS_WORDS[word]
    return ""


def normalise_decision(text: str) -> str:
    """Return the act decision in `text` ("Borgen!" -> "borgen"), or ""."""
    for word in re.findall(r"[a-zà-ÿ]+", text.lower()):
        if word in ACT_DECISIONS:
            return word
    return ""


# ----- reading ---------------------------------------------------------------------------------------------


@dataclass
class _Row:
    id: str
    line: int  # 0-based
    cells: list[str]  # raw Markdown of each cell, as written
    values: dict[str, str]  # field -> plain text


@dataclass
class _Table:
    section: Section
    heading: str
    start: int  # 0-based line of the header row
    end: int  # 0-based line just after the last row
    fields: list[str | None]  # per column; None for a column the tool does not know
    rows: dict[str, _Row] = field(default_factory=dict)


@dataclass
class _Span:
    heading: str
    start: int  # line of the heading
    end: int  # line where the next level-1/2 heading starts (or the end of the file)


class _Document:
    """A plan parsed into its sections and the tables the tool maintains; the lines stay as written."""

    def __init__(self, text: str, path: str) -> None:
        self.path = path
        # markdown-it counts lines after turning \r\n and \r into \n; so do we.
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.tokens = _PARSER.parse("\n".join(self.lines))
        self.sections: dict[Section, _Span] = {}
        self.tables: dict[Section, _Table] = {}
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
            match = _HEADING.match(_plain_inline(tokens[i + 1]).strip())
            if tok.tag == "h2" and match and match.group(1).lower() not in self.sections:
                # The first "## Do" counts; a later heading with the same word is a section of its own.
                self.sections[match.group(1).lower()] = _Span(heading=title, start=tok.map[0], end=end)

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

    def _table_at(self, index: int, section: Section, heading: str) -> _Table | None:
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
                current.append(_plain_inline(tok).strip())
            elif tok.type == "tr_close" and current is not None:
                if not headers:
                    headers = current
                else:
                    rows.append((row_line, current))
                current = None
            i += 1
        fields = [ALIASES.get(_header_key(h)) for h in headers]
        if "id" not in fields:
            return None
        table = _Table(section=section, heading=heading, start=start, end=end, fields=fields)
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
            table.rows[row_id] = _Row(
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

    def with_missing_parts(self) -> str:
        """Return the text with any missing Plan/Do/Check/Act section, or table in it, added."""
        edits = _Edits()
        end = self._content_end(0, len(self.lines))
        if "plan" not in self.sections:
            # The Plan section goes before Do when there is one, else at the end.
            where = self.sections["do"].start if "do" in self.sections else end
            edits.insert(
                where, *self._block(where, ["## Plan", "", "Wat de sessies kozen: thema's, doelen en aandachtspunten."])
            )
        for section in TABLE_SECTIONS:
            if section in self.tables:
                continue
            if section in self.sections:
                span = self.sections[section]
                at = self._content_end(span.start + 1, span.end)
                edits.insert(at, *self._block(at, _table_head(section)))
            else:
                edits.insert(end, *self._block(end, [f"## {SECTION_TITLES[section]}", ""] + _table_head(section)))
        return "\n".join(edits.apply(self.lines))

    def _content_end(self, start: int, end: int) -> int:
        """Return the line after the last non-blank line in [start, end) (or `start` when all are blank)."""
        while end > start and not self.lines[end - 1].strip():
            end -= 1
        return end

    def _block(self, at: int, block: list[str]) -> list[str]:
        """Return `block` with the blank lines it needs to stand apart from the lines around `at`."""
        before = [""] if at > 0 and self.lines[at - 1].strip() else []
        after = [""] if at < len(self.lines) and self.lines[at].strip() else []
        return before + block + after

    def add_actions(self, state: SessionState, edits: _Edits) -> list[str]:
        """Append a row to Do, Check and Act for each action of the session not in the plan yet."""
        themes = {t.id: t.name for t in state.themes}
        added = []
        for action in state.actions:
            pid = plan_id(state.meta.id, action.id)
            if any(pid in table.rows for table in self.tables.values()):
                continue  # already in the plan: from now on the plan is where it is kept up to date
            added.append(pid)
            values = _action_values(action, themes)
            values["id"] = pid
            for section in TABLE_SECTIONS:
                table = self.tables[section]
                cells = [escape(values.get(f, "")) if f else "" for f in table.fields]
                edits.insert(table.end, _row_line(cells))
        return added

    def write_reviews(self, reviews: Sequence[ReviewItem], edits: _Edits) -> tuple[list[str], list[str]]:
        """Write review answers into the plan's cells; returns (updated ids, ids kept as a person edited them)."""
        updated: list[str] = []
        kept: list[str] = []
        for item in reviews:
            if not item.reviewed:
                continue
            answers = {
                "status": (item.status, item.answer_status),
                "result": (item.result, item.answer_result),
                "act_decision": (item.act_decision, item.answer_act_decision),
                "feedback": (item.feedback, item.answer_feedback),
                "carried_over": (str(item.carried_over), str(item.carried_over_now)),
            }
            for section in TABLE_SECTIONS:
                table = self.tables[section]
                row = table.rows.get(item.plan_id)
                if row is None:
                    continue
                cells = list(row.cells)
                changed = False
                for column, name in enumerate(table.fields):
                    if name not in answers:
                        continue
                    before, after = answers[name]
                    now = row.values.get(name, "")
                    if not after or _same(name, now, after):
                        continue
                    if not _same(name, now, before):
                        # A person changed this cell after the session read the plan: their text wins.
                        if item.plan_id not in kept:
                            kept.append(item.plan_id)
                        continue
                    cells[column] = escape(after)
                    changed = True
                if changed:
                    edits.replace(row.line, _row_line(cells))
                    if item.plan_id not in updated:
                        updated.append(item.plan_id)
        return updated, kept

    def add_plan_items(self, state: SessionState, edits: _Edits) -> None:
        """Add the session's choices to the Plan section, once: the session id in the line marks it."""
        span = self.sections["plan"]
        body = self.lines[span.start : span.end]
        if any(state.meta.id in _SESSION_MARK.findall(line) for line in body):
            return
        chosen = _chosen(state) or ["*Geen keuzes vastgelegd.*"]
        block = [f"- **{format_date(state.meta.created_at)} · {escape(state.meta.title)}** (`{state.meta.id}`)"]
        block += [f"  - {item}" for item in chosen]
        lists = [
            t.map
            for t in self.tokens
            if t.type == "bullet_list_open" and t.level == 0 and t.map and span.start < t.map[0] < span.end
        ]
        if lists:
            # Continue the list of earlier sessions, even when people wrote something below it.
            edits.insert(self._content_end(lists[-1][0], lists[-1][1]), *block)
        else:
            at = self._content_end(span.start + 1, span.end)
            edits.insert(at, *self._block(at, block))


class _Edits:
    """Line edits collected during a merge and applied at once, so line numbers stay valid until then."""

    def __init__(self) -> None:
        self.inserts: dict[int, list[str]] = {}
        self.replacements: dict[int, str] = {}

    def insert(self, before: int, *lines: str) -> None:
        self.inserts.setdefault(before, []).extend(lines)

    def replace(self, line: int, text: str) -> None:
        self.replacements[line] = text

    def apply(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        for n, line in enumerate(lines):
            out += self.inserts.get(n, [])
            out.append(self.replacements.get(n, line))
        out += self.inserts.get(len(lines), [])
        return out


# ----- helpers ---------------------------------------------------------------------------------------------


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


def _row_line(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table_head(section: Section) -> list[str]:
    headers = [h for _f, h in COLUMNS[section]]
    return [_row_line(headers), _row_line(["---"] * len(headers))]


def _header_key(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z]", "", plain)


def _plain_inline(token: Token) -> str:
    """Return what a reader sees of an inline token: its text without emphasis, links or escapes."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _same(name: str, now: str, value: str) -> bool:
    """True when a cell already says `value` (statuses and decisions compared by their keyword)."""
    if now.strip() == value.strip():
        return True
    if name == "status":
        return bool(normalise_status(now)) and normalise_status(now) == normalise_status(value)
    if name == "act_decision":
        return bool(normalise_decision(now)) and normalise_decision(now) == normalise_decision(value)
    if name == "carried_over":
        digits = re.search(r"\d+", now)
        return (int(digits.group()) if digits else 0) == int(value)
    return " ".join(now.split()) == " ".join(value.split())


def _action_values(action: Action, themes: dict[str, str]) -> dict[str, str]:
    why = " — ".join(p for p in (themes.get(action.theme_id or ""), action.why) if p)
    return {
        "what": action.what,
        "why": why,
        "owner": action.owner,
        "due": format_date(action.due),
        "phase": action.phase,
        "status": action.status,
        "check_method": action.check_method,
        "indicator": action.indicator,
        "check_date": format_date(action.check_date),
        "result": action.result,
        "act_decision": action.act_decision,
        "feedback": action.feedback,
        "carried_over": str(action.carried_over),
    }


def _iso(text: str) -> str:
    from .session import parse_date  # the session module reads dates the way people type them

    try:
        return parse_date(text).isoformat() if text.strip() else ""
    except DomainError:
        return ""
