"""Writing a review's answers into a team's plan: only into a cell that still says what it said, never over an edit.

A cell is written when it still says what the session loaded. Once the plan got an answer from a session, the
plan's memory keeps a mark of it (a short hash of the value written, per session, action and field): exporting
that session again writes a changed answer only where the cell still shows the value written before; a cell a
person emptied or changed since is kept as they left it, and the export says which one. Without that memory
(plans from before it, another team's plan the session never wrote to) the loaded value is all there is to go by.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from .mdtext import escape, format_date
from .model import ReviewItem
from .plan_document import PlanDocument, TableRow, split_row
from .plan_terms import COLUMNS, id_key, yes_no
from .plan_words import normalise_decision, normalise_status

# The header of each field as a new plan writes it (to name a cell that is missing).
HEADERS = {name: header for columns in COLUMNS.values() for name, header in columns} | {"feedback": "Terugkoppeling"}
# Marks by action (its id_key) and field, for one session.
Marks = Mapping[str, Mapping[str, str]]


class CellEdits(Protocol):
    """What write_reviews needs of the merge's edits (plan_merge.Edits): setting one cell of a row."""

    def set_cell(self, row: TableRow, column: int, text: str) -> None: ...


@dataclass
class ReviewWrites:
    """What writing a session's review answers did to a plan."""

    updated: list[str] = field(default_factory=list)  # ids of the actions a cell was written for
    kept: list[str] = field(default_factory=list)  # ids of the actions with a cell kept as a person left it
    kept_cells: list[tuple[str, str]] = field(default_factory=list)  # (id, the column's header) of each such cell
    # (id, header) of each cell not written because the plan cannot tell whether the session wrote it before
    unsure_cells: list[tuple[str, str]] = field(default_factory=list)
    # (id, header) of each answer with no cell to go to: the plan has that column, but not this action's row there
    unplaced: list[tuple[str, str]] = field(default_factory=list)
    answered: dict[str, dict[str, str]] = field(default_factory=dict)  # per id_key the values now in the plan
    marks: dict[str, dict[str, str]] = field(default_factory=dict)  # per id (as written) the marks to remember


def write_reviews(
    doc: PlanDocument,
    reviews: Sequence[ReviewItem],
    edits: CellEdits,
    marks: Marks,
    *,
    remember_same: bool = False,
    unsure: bool = False,
) -> ReviewWrites:
    """Write review answers into the plan's cells, unless a person changed a cell since (their text wins).

    `marks` are what the plan's memory says this session wrote before, by id_key and field. A cell with a mark is
    written only while it still shows that value; one without, while it still says what the session loaded.
    `remember_same`: also mark an answer the cell already showed (a session merged for the first time).
    `unsure`: the session was merged before but the plan's memory of it is gone (merged_unremembered), so a cell
    that says what the session loaded may be one a person emptied after an export wrote the answer: it is not
    written but named (unsure_cells), and marked as written, so later exports keep it as it is too.
    """
    done = ReviewWrites()
    in_plan = {name for table in doc.all_tables() for name in table.fields if name}
    for item in reviews:
        if not item.reviewed:
            continue
        key = id_key(item.plan_id)
        tables = [t for t in doc.all_tables() if key in t.rows]
        structured = any("feedback_to" in t.fields for t in tables)
        answers = _answers(item, structured)
        # An answer the plan has a column for, but no row of this action in that table (a row added by hand to Do
        # only): not written, and named, never left out without a word.
        here = {name for table in tables for name in table.fields if name}
        # (gone from every table: deleted on purpose, nothing wanted; the plan's kind of terugkoppeling columns else)
        wanted = {} if not tables else answers if structured else _answers(item, "feedback_to" in in_plan)
        for kind, (loaded, given) in wanted.items():
            if given and kind in in_plan and kind not in here and not _same(kind, loaded, given):
                done.unplaced.append((item.plan_id, HEADERS.get(kind, kind)))
        for table in tables:
            row = table.rows[key]
            for column, name in enumerate(table.fields):
                if name is None or name not in answers:
                    continue
                before, after = answers[name]
                now = row.values.get(name, "")
                mark = marks.get(key, {}).get(name)
                if not after:
                    continue
                if _same(name, now, after):
                    if mark is None and remember_same and not _same(name, before, after):
                        done.marks.setdefault(row.id, {})[name] = answer_mark(name, after)
                    continue
                person = answer_mark(name, now) != mark if mark is not None else not _unchanged(name, now, before)
                if not person and mark is None and unsure:
                    header = _header(doc, table.start, column)
                    if (item.plan_id, header) not in done.unsure_cells:
                        done.unsure_cells.append((item.plan_id, header))
                    done.marks.setdefault(row.id, {})[name] = answer_mark(name, after)
                    continue
                if person:
                    # A person changed (or emptied) this cell after the session read the plan or wrote it.
                    if item.plan_id not in done.kept:
                        done.kept.append(item.plan_id)
                    header = _header(doc, table.start, column)
                    if (item.plan_id, header) not in done.kept_cells:
                        done.kept_cells.append((item.plan_id, header))
                    continue
                edits.set_cell(row, column, escape(after))
                done.answered.setdefault(key, {})[name] = after
                done.marks.setdefault(row.id, {})[name] = answer_mark(name, after)
                if item.plan_id not in done.updated:
                    done.updated.append(item.plan_id)
    return done


def merged_unremembered(doc: PlanDocument, session_id: str, rebuilt: bool) -> bool:
    """True when the plan shows the session was merged into it before (its ids found without the memory, `rebuilt`;
    its mark in Plan; its short ids) but the plan's memory does not know it (a Word round trip drops the comment):
    which review answers that export wrote can then no longer be told."""
    if session_id in doc.memory.sessions:
        return False
    own = id_key(f"{session_id}-a")
    return rebuilt or doc.has_mark(session_id) or any(id_key(row_id).startswith(own) for row_id in doc.written_ids())


def session_marks(doc: PlanDocument, session_id: str) -> dict[str, dict[str, str]]:
    """Return the marks the plan's memory holds for a session's answers, by id_key and field."""
    result: dict[str, dict[str, str]] = {}
    for row_id, marks in doc.memory.answers.get(session_id, {}).items():
        result.setdefault(id_key(row_id), {}).update(marks)
    return result


def with_marks(
    doc: PlanDocument, session_id: str, new: Mapping[str, Mapping[str, str]]
) -> dict[str, dict[str, dict[str, str]]]:
    """Return the memory's answers with the marks `new` (by id as written) of a session added or updated."""
    answers = {s: {i: dict(m) for i, m in rows.items()} for s, rows in doc.memory.answers.items()}
    if not new:
        return answers
    rows = answers.setdefault(session_id, {})
    for row_id, marks in new.items():
        known = next((i for i in rows if id_key(i) == id_key(row_id)), row_id)
        rows.setdefault(known, {}).update(marks)
    return answers


def answer_mark(name: str, text: str) -> str:
    """Return the mark of a cell's value: a short hash of what it means (a status, a decision, ja/nee and a number
    by their meaning, other text by its words), so the memory keeps no text of the plan twice."""
    plain = " ".join(text.split())
    if name == "status":
        plain = normalise_status(plain) or plain
    elif name == "act_decision":
        plain = normalise_decision(plain) or plain
    elif name == "feedback_done" and yes_no(plain) is not None:
        plain = "ja" if yes_no(plain) else "nee"
    elif name == "carried_over":
        digits = re.sub(r"\s|[*_`×]|keer|x", "", plain.lower())
        plain = str(int(digits)) if digits.isdigit() else plain
    return hashlib.sha256(f"{name}:{plain}".encode()).hexdigest()[:8]


def _header(doc: PlanDocument, start: int, column: int) -> str:
    """Return a column's header as the plan writes it (without Markdown marks)."""
    headers = split_row(doc.lines[start])
    return re.sub(r"[*_`]", "", headers[column]).strip() if column < len(headers) else ""


def _answers(item: ReviewItem, structured: bool) -> dict[str, tuple[str, str]]:
    """Per plan field: (the value the session loaded, the group's answer)."""
    done = {"": "", "ja": "ja", "nee": "nee"}.get(item.answer_feedback_done, item.answer_feedback_done)
    answers = {
        "status": (item.status, item.answer_status),
        "result": (item.result, item.answer_result),
        "act_decision": (item.act_decision, item.answer_act_decision),
        "carried_over": (str(item.carried_over), str(item.carried_over_now)),
    }
    if structured:
        answers["feedback_to"] = (item.feedback, item.answer_feedback)
        answers["feedback_when"] = (item.feedback_when, format_date(item.answer_feedback_when))
        answers["feedback_done"] = (item.feedback_done, done)
    else:  # an older plan with one Terugkoppeling column: the three answers on one line
        parts = [item.answer_feedback, format_date(item.answer_feedback_when)]
        parts.append({"ja": "gedaan", "nee": "nog niet gedaan"}.get(done, ""))
        answers["feedback"] = (item.feedback, " · ".join(p for p in parts if p))
    return answers


def _unchanged(name: str, now: str, loaded: str) -> bool:
    """True when a cell still says what the session loaded: word for word (a person who added "(wacht op MT)"
    to a status changed it), a number of carry-overs by its number."""
    if name == "carried_over":
        return _same(name, now, loaded)
    return " ".join(now.split()) == " ".join(loaded.split())


def _same(name: str, now: str, value: str) -> bool:
    """True when a cell already says `value` (statuses, decisions and ja/nee compared by their meaning)."""
    if now.strip() == value.strip():
        return True
    if name == "status":
        return bool(normalise_status(now)) and normalise_status(now) == normalise_status(value)
    if name == "act_decision":
        return bool(normalise_decision(now)) and normalise_decision(now) == normalise_decision(value)
    if name == "feedback_done":
        return yes_no(now) is not None and yes_no(now) == yes_no(value)
    if name == "carried_over":
        # "1", "1x", "1 keer" or empty (0); words of a person's own ("zie notulen") are never "the same".
        plain = re.sub(r"\s|[*_`×]|keer|x", "", now.lower())
        return plain.isdigit() and int(plain) == int(value or 0) or (not plain and int(value or 0) == 0)
    return " ".join(now.split()) == " ".join(value.split())
