"""Merging a session into a team's PDCA plan: actions and choices added once, review answers in, hand edits kept.

The plan remembers (in a comment) which actions each session put in it, so an action someone deleted is not
added again; the ids are short (DL-2611-a1) and stay stable, also the long ones of plans written before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .mdtext import escape, format_date
from .model import Action, SessionState
from .plan_columns import missing_indicator_columns, with_columns
from .plan_document import PlanDocument, TableRow
from .plan_reviews import ReviewWrites, merged_unremembered, session_marks, with_marks, write_reviews
from .plan_terms import (
    SECTION_TITLES,
    TABLE_SECTIONS,
    PlanMerge,
    id_key,
    phase_to_write,
    plan_id,
    short_prefix,
)
from .plan_text import PLAN_INTRO, action_values, memory_lines, new_plan_text, row_line, seen_since, table_head
from .redaction import redacted_state
from .results import chosen_items

_LONG_ID = re.compile(r"^(.+)-a\d+$")


def merge(existing: str | None, state: SessionState, path: str = "") -> PlanMerge:
    """Merge a session into the team's plan (a new plan when `existing` is None); returns what happened.

    Keeps every line it does not need to change. Adds the session's choices to Plan once (marked with the
    session id) and each of its actions once (a row in every Do, Check and Act table it keeps); an action
    the plan once held and someone deleted stays deleted. Writes the review answers into the rows of the
    reviewed actions, unless a person changed that cell after the session loaded it, or emptied or changed it
    after an export of this session wrote the answer there (the plan's memory keeps a mark of what it wrote):
    then the person's text wins and the result names the cell (kept_cells). Sets every P/D/C/A Fase to what
    status, result and decision say (move_phases). Merging the same session again changes nothing. Flagged
    text is redacted unless the facilitator released it. Raises PlanError when `existing` cannot be read without
    guessing; nothing is written then.
    """
    state = redacted_state(state)
    text = existing if existing is not None else new_plan_text(state.meta.team)
    newline = "\r\n" if "\r\n" in text else "\n"
    doc = PlanDocument(with_missing_parts(PlanDocument(text, path)), path)
    prefix, rebuilt = session_prefix(doc, state)
    columns = missing_indicator_columns(doc, [a for a, new in actions_to_add(doc, state, prefix) if new])
    if columns:
        doc = PlanDocument(with_columns(doc, columns), path)
    edits = Edits()
    written = {id_key(i): i for i in doc.written_ids()}
    ids = tuple((a.id, written.get(id_key(plan_id(prefix, a.id)), plan_id(prefix, a.id))) for a in state.actions)
    added, deleted = add_actions(doc, state, prefix, edits)
    # Only the own plan's actions: those of other teams (a review across teams) go into their own plans. A session
    # merged for the first time also marks answers the plan already showed (an older plan's re-export does not).
    own = [r for r in state.reviews if not r.team]
    fresh = state.meta.id not in doc.memory.sessions
    unsure = merged_unremembered(doc, state.meta.id, rebuilt)
    reviews = write_reviews(doc, own, edits, session_marks(doc, state.meta.id), remember_same=fresh, unsure=unsure)
    _count(reviews.updated, move_phases(doc, reviews.answered, edits))
    add_plan_items(doc, state, edits)
    remember(doc, state, prefix, added, edits, reviews, deleted)
    return _result(
        doc,
        edits,
        text,
        existing,
        newline,
        path,
        added=added,
        deleted=deleted,
        ids=ids,
        reviews=reviews,
        memory_rebuilt=rebuilt or unsure,
    )


def merge_reviews(existing: str, state: SessionState, team: str, path: str = "") -> PlanMerge:
    """Write the answers a session gave about `team`'s actions (a review across teams) into that team's plan.

    Only the review answers (and the Fase they move on), with the same rules as `merge`: a cell a person changed
    since the session loaded it keeps their text, and so does one they emptied or changed after this session's
    answer was written into it. For that, the plan's memory gets the marks of the answers written ('antwoorden'
    lines, which name no action of the session's own and no prefix); nothing else of the session goes into
    another team's plan: no actions, no choices, no 'sessie' line. Answers the plan already showed are not
    marked (the plan cannot tell whether this session exported them before), so a re-export changes nothing
    there. Raises PlanError when the plan cannot be read without guessing.
    """
    state = redacted_state(state)
    newline = "\r\n" if "\r\n" in existing else "\n"
    doc = PlanDocument(existing, path)
    edits = Edits()
    items = [replace(r, team="") for r in state.reviews if r.team == team]
    reviews = write_reviews(doc, items, edits, session_marks(doc, state.meta.id))
    # Another team's plan: only the rows the answers touched.
    _count(reviews.updated, move_phases(doc, reviews.answered, edits, every=False))
    answers = with_marks(doc, state.meta.id, reviews.marks)
    if answers != doc.memory.answers:
        write_memory(doc, doc.memory.sessions, answers, edits)
    return _result(doc, edits, existing, existing, newline, path, reviews=reviews)


def _result(
    doc: PlanDocument,
    edits: Edits,
    text: str,
    existing: str | None,
    newline: str,
    path: str,
    *,
    reviews: ReviewWrites,
    added: Sequence[str] = (),
    deleted: Sequence[str] = (),
    ids: tuple[tuple[str, str], ...] = (),
    memory_rebuilt: bool = False,
) -> PlanMerge:
    """The PlanMerge of `edits` made to `doc` (read from `text`, which was `existing` on disk)."""
    merged = newline.join(edits.apply(doc.lines))
    if merged.replace("\r\n", "\n") == text.replace("\r\n", "\n").replace("\r", "\n"):
        merged = text  # nothing to do: give back the very same bytes
    # What is left to warn about is read from the plan as it is now (answers may have replaced a cell).
    after = PlanDocument(merged, path)
    after.rows()
    return PlanMerge(
        text=merged,
        changed=merged != existing,
        added=tuple(added),
        updated=tuple(reviews.updated),
        kept=tuple(reviews.kept),
        kept_cells=tuple(reviews.kept_cells),
        unsure_cells=tuple(reviews.unsure_cells),
        unplaced=tuple(reviews.unplaced),
        deleted=tuple(deleted),
        ids=ids,
        warnings=tuple(after.warnings),
        memory_rebuilt=memory_rebuilt,
    )


class Edits:
    """Edits collected during a merge and applied at once, so line numbers stay valid until then."""

    def __init__(self) -> None:
        self.inserts: dict[int, list[str]] = {}
        self.replacements: dict[int, str] = {}
        self.cells: dict[int, list[str]] = {}
        self.removed: set[int] = set()

    def insert(self, before: int, *lines: str) -> None:
        """Insert `lines` before line `before` (the number of lines: at the end)."""
        self.inserts.setdefault(before, []).extend(lines)

    def replace(self, line: int, text: str) -> None:
        """Replace line `line` with `text`."""
        self.replacements[line] = text

    def replace_range(self, start: int, end: int, lines: list[str]) -> None:
        """Replace lines [start, end) with `lines`."""
        self.removed.update(range(start, end))
        self.insert(start, *lines)

    def set_cell(self, row: TableRow, column: int, text: str) -> None:
        """Set one cell of a table row (cells already escaped); several cells of one row can be set."""
        self.cells.setdefault(row.line, list(row.cells))[column] = text

    def apply(self, lines: list[str]) -> list[str]:
        """Return `lines` with every edit made."""
        out: list[str] = []
        for n, line in enumerate(lines):
            out += self.inserts.get(n, [])
            if n in self.removed:
                continue
            if n in self.cells:
                line = row_line(self.cells[n])
            out.append(self.replacements.get(n, line))
        out += self.inserts.get(len(lines), [])
        return out


def with_missing_parts(doc: PlanDocument) -> str:
    """Return the plan's text with any missing Plan/Do/Check/Act section, or table in it, added."""
    edits = Edits()
    end = _end_of_text(doc)
    levels = [h.level for h in doc.headings if h.section]
    mark = "#" * (min(levels) if levels else 2)
    if "plan" not in doc.sections:
        # The Plan section goes before Do when there is one, else at the end.
        where = doc.sections["do"].start if "do" in doc.sections else end
        edits.insert(where, *_block(doc, where, [f"{mark} Plan", "", PLAN_INTRO]))
    for section in TABLE_SECTIONS:
        if doc.tables[section]:
            continue
        if section in doc.sections:
            span = doc.sections[section]
            at = _content_end(doc, span.start + 1, span.end)
            edits.insert(at, *_block(doc, at, table_head(section)))
        else:
            edits.insert(end, *_block(doc, end, [f"{mark} {SECTION_TITLES[section]}", ""] + table_head(section)))
    return "\n".join(edits.apply(doc.lines))


def session_prefix(doc: PlanDocument, state: SessionState) -> tuple[str, bool]:
    """Return the prefix of the session's action ids in this plan, and whether it was found without the memory.

    The prefix is the remembered one, the long one of an older plan, or a new short one (DL-2611; DL-2611b when
    another session of that month has DL-2611). A session merged before (its mark in Plan) whose memory is
    gone (a Word round trip drops comments) gets back the prefix of its ids in the plan: never a new one.
    """
    session_id = state.meta.id
    if session_id in doc.memory.sessions:
        return doc.memory.sessions[session_id][0], False
    ids = doc.written_ids()
    if any(id_key(row_id).startswith(id_key(f"{session_id}-a")) for row_id in ids):
        return session_id, False  # merged before short ids: its ids stay as they are
    used = {id_key(prefix) for prefix, _ids in doc.memory.sessions.values()}
    in_plan: dict[str, list[str]] = {}
    for match in filter(None, map(_LONG_ID.match, ids)):
        in_plan.setdefault(id_key(match.group(1)), []).append(id_key(match.group(0)))
    base = short_prefix(state.meta.team, state.meta.created_at)
    candidates = [base] + [f"{base}{letter}" for letter in "bcdefghijklmnopqrstuvwxyz"]
    found = _prefix_in_plan(doc, state, candidates, used, in_plan)
    if found is not None:
        return found, True
    used |= set(in_plan)
    return next((c for c in candidates if id_key(c) not in used), f"{base}-{session_id}"), False


def _prefix_in_plan(
    doc: PlanDocument, state: SessionState, candidates: list[str], used: set[str], in_plan: dict[str, list[str]]
) -> str | None:
    """Return the prefix the plan's ids show this (merged, unremembered) session had, or None when none fits.

    A prefix fits when no remembered session has it, every id with it is one of this session's actions, and
    the plan shows it is this session's: its mark in Plan, or a Do row saying what one of its actions says.
    Of several that fit, the one its turn among the unremembered sessions of that month gives (prefixes are
    handed out in the order sessions are merged, and so are their marks in Plan).
    """
    own = {a.id.casefold(): " ".join(a.what.split()) for a in state.actions}
    marked = doc.has_mark(state.meta.id)
    what = {id_key(row.id): " ".join(row.what.split()) for row in doc.rows()}

    def says_own(prefix: str) -> bool:
        return any(what.get(i) == own[i[len(id_key(prefix)) + 1 :]] for i in in_plan.get(id_key(prefix), []))

    def fits_here(prefix: str) -> bool:
        ids = in_plan.get(id_key(prefix), [])
        if not ids or id_key(prefix) in used or not all(i[len(id_key(prefix)) + 1 :] in own for i in ids):
            return False
        return marked or says_own(prefix)

    fits = [c for c in candidates if fits_here(c)]
    month = state.meta.id[:7]
    marks = re.findall(r"\(`([^`\s]+)`\)", "\n".join(doc.lines))
    turn = [m for m in dict.fromkeys(marks) if m[:7] == month and m not in doc.memory.sessions]
    free = [c for c in candidates if id_key(c) not in used]
    at = turn.index(state.meta.id) if state.meta.id in turn else len(free)
    expected = free[at] if at < len(free) else None
    if fits and not any(says_own(c) for c in fits):
        # Only the session's mark in Plan speaks for these, and it would for any prefix whose ids have its actions'
        # numbers (another session's, when all of this one's rows were deleted): its turn decides, or none fits.
        return expected if expected in fits else None
    if len(fits) <= 1:
        return fits[0] if fits else None
    return expected if expected in fits else fits[0]


def add_actions(doc: PlanDocument, state: SessionState, prefix: str, edits: Edits) -> tuple[list[str], list[str]]:
    """Add a row to every plan table for each action of the session the plan never held; returns (added, deleted).

    "Deleted" are the session's actions the plan held once (its memory says so) and someone took out.
    """
    themes = {t.id: t.name for t in state.themes}
    added: list[str] = []
    deleted: list[str] = []
    for action, new in actions_to_add(doc, state, prefix):
        pid = plan_id(prefix, action.id)
        if not new:
            deleted.append(pid)
            continue
        added.append(pid)
        values = action_values(action, themes)
        values["id"] = pid
        for section in TABLE_SECTIONS:
            table = doc.tables[section][0]  # the first table of a section takes new rows
            cells = [escape(values.get(f, "")) if f else "" for f in table.fields]
            edits.insert(table.end, row_line(cells))
    return added, deleted


def actions_to_add(doc: PlanDocument, state: SessionState, prefix: str) -> list[tuple[Action, bool]]:
    """Return the session's actions the plan does not hold, each with True to add it, or False when the plan held
    it once and someone deleted it (its memory says so). Actions already in the plan are left out."""
    present = doc.row_ids()
    remembered = doc.memory.sessions.get(state.meta.id)
    # A plan from before the memory that already holds this session (its mark in Plan): what is missing was deleted.
    merged_before = remembered is None and doc.has_mark(state.meta.id)
    result = []
    for action in state.actions:
        if id_key(plan_id(prefix, action.id)) in present or id_key(plan_id(state.meta.id, action.id)) in present:
            continue  # already in the plan: from now on the plan is where it is kept up to date
        deleted = (remembered is not None and action.id in remembered[1]) or merged_before
        result.append((action, not deleted))
    return result


def _count(updated: list[str], more: Sequence[str]) -> None:
    """Add the actions `more` (ids as the plan writes them) to `updated`, each action once whatever its case."""
    known = {id_key(i) for i in updated}
    for written in more:
        if id_key(written) not in known:
            known.add(id_key(written))
            updated.append(written)


def move_phases(
    doc: PlanDocument, answered: dict[str, dict[str, str]], edits: Edits, *, every: bool = True
) -> list[str]:
    """Set the Fase of every action (only the answered ones unless `every`) to what its status, result and
    decision say now, the review's answers included: a P, D, C or A is derived again, an empty Fase filled for
    the actions the review answered, a Fase with the team's own words left alone (plan_terms.phase_to_write).

    Returns the ids of the actions whose Fase changed: they count as updated, like a changed status.
    """
    moved: list[str] = []
    for row in doc.rows():
        key = id_key(row.id)
        if not every and key not in answered:
            continue
        now = {"status": row.status, "result": row.result, "act_decision": row.act_decision}
        now.update({k: v for k, v in answered.get(key, {}).items() if k in now})
        for table in doc.all_tables():
            if key not in table.rows or "phase" not in table.fields:
                continue
            cell = table.rows[key]
            column = table.fields.index("phase")
            phase = phase_to_write(
                cell.values.get("phase", ""), now["status"], now["result"], now["act_decision"], fill=key in answered
            )
            if phase is not None:
                edits.set_cell(cell, column, phase)
                if row.id not in moved:
                    moved.append(row.id)
    return moved


def add_plan_items(doc: PlanDocument, state: SessionState, edits: Edits) -> None:
    """Add the session's choices to the Plan section, once: the session id in the line marks it.

    Not again when the plan remembers the session (someone may have deleted its choices on purpose).
    """
    session_id = state.meta.id
    if session_id in doc.memory.sessions or doc.has_mark(session_id):
        for line, text in seen_since(doc.lines, session_id, chosen_items(state)).items():
            edits.replace(line, text)  # the room has seen those results since the first export
        return
    span = doc.sections["plan"]
    chosen = chosen_items(state) or ["*Geen keuzes vastgelegd.*"]
    block = [f"- **{format_date(state.meta.created_at)} · {escape(state.meta.title)}** (`{session_id}`)"]
    block += [f"  - {item}" for item in chosen]
    lists = [
        t.map
        for t in doc.tokens
        if t.type == "bullet_list_open" and t.level == 0 and t.map and span.start < t.map[0] < span.end
    ]
    if lists:
        # Continue the list of earlier sessions, even when people wrote something below it.
        edits.insert(_content_end(doc, lists[-1][0], lists[-1][1]), *block)
    else:
        at = _content_end(doc, span.start + 1, _first_sub_heading(doc, span.start, span.end))
        edits.insert(at, *_block(doc, at, block))


def remember(
    doc: PlanDocument,
    state: SessionState,
    prefix: str,
    added: Sequence[str],
    edits: Edits,
    reviews: ReviewWrites,
    deleted: Sequence[str] = (),
) -> None:
    """Write the plan's memory: this session's prefix and every action of it the plan holds, held or gets now, or
    held once and someone took out (`deleted`: so it stays out also once the memory was rebuilt), and the marks of
    the review answers it wrote."""
    sessions = dict(doc.memory.sessions)
    before = sessions.get(state.meta.id, (prefix, ()))[1]
    present = doc.row_ids() | {id_key(i) for i in (*added, *deleted)}
    now = [
        a.id
        for a in state.actions
        if id_key(plan_id(prefix, a.id)) in present or id_key(plan_id(state.meta.id, a.id)) in present
    ]
    sessions[state.meta.id] = (prefix, tuple(dict.fromkeys(list(before) + now)))
    answers = with_marks(doc, state.meta.id, reviews.marks)
    if sessions != doc.memory.sessions or answers != doc.memory.answers:
        write_memory(doc, sessions, answers, edits)


def write_memory(
    doc: PlanDocument,
    sessions: dict[str, tuple[str, tuple[str, ...]]],
    answers: dict[str, dict[str, dict[str, str]]],
    edits: Edits,
) -> None:
    """Replace the plan's memory comment with one holding `sessions` and `answers` (or add it at the end)."""
    lines = memory_lines(sessions, answers)
    if doc.memory.start is not None and doc.memory.end is not None:
        edits.replace_range(doc.memory.start, doc.memory.end, lines)
    else:
        end = _content_end(doc, 0, len(doc.lines))
        edits.insert(end, *_block(doc, end, lines))


def _first_sub_heading(doc: PlanDocument, start: int, end: int) -> int:
    return next((h.line for h in doc.headings if start < h.line < end), end)


def _end_of_text(doc: PlanDocument) -> int:
    """Return where new sections go: after the last text, but before the plan's memory when that comes last."""
    end = _content_end(doc, 0, len(doc.lines))
    if doc.memory.end is not None and _content_end(doc, doc.memory.end, len(doc.lines)) == doc.memory.end:
        return _content_end(doc, 0, doc.memory.start or 0)
    return end


def _content_end(doc: PlanDocument, start: int, end: int) -> int:
    """Return the line after the last non-blank line in [start, end) (or `start` when all are blank)."""
    while end > start and not doc.lines[end - 1].strip():
        end -= 1
    return end


def _block(doc: PlanDocument, at: int, block: list[str]) -> list[str]:
    """Return `block` with the blank lines it needs to stand apart from the lines around `at`."""
    before = [""] if at > 0 and doc.lines[at - 1].strip() else []
    after = [""] if at < len(doc.lines) and doc.lines[at].strip() else []
    return before + block + after
