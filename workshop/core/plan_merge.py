"""Merging a session into a team's PDCA plan: actions and choices added once, review answers in, hand edits kept."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .mdtext import escape, format_date
from .model import ReviewItem, SessionState
from .plan_document import PlanDocument
from .plan_terms import SECTION_TITLES, TABLE_SECTIONS, PlanMerge, normalise_decision, normalise_status, plan_id
from .plan_text import PLAN_INTRO, action_values, new_plan_text, row_line, table_head
from .redaction import redacted_state
from .results import chosen_items

# Lets a reader (and a second merge) see which sessions are already in the Plan section.
_SESSION_MARK = re.compile(r"`([a-z0-9][a-z0-9-]*)`")


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
    doc = PlanDocument(with_missing_parts(PlanDocument(text, path)), path)
    edits = Edits()
    added = add_actions(doc, state, edits)
    updated, kept = write_reviews(doc, state.reviews, edits)
    add_plan_items(doc, state, edits)
    lines = edits.apply(doc.lines)
    merged = newline.join(lines)
    if merged.replace("\r\n", "\n") == text.replace("\r\n", "\n").replace("\r", "\n"):
        merged = text  # nothing to do: give back the very same bytes
    return PlanMerge(
        text=merged, changed=merged != existing, added=tuple(added), updated=tuple(updated), kept=tuple(kept)
    )


class Edits:
    """Line edits collected during a merge and applied at once, so line numbers stay valid until then."""

    def __init__(self) -> None:
        self.inserts: dict[int, list[str]] = {}
        self.replacements: dict[int, str] = {}

    def insert(self, before: int, *lines: str) -> None:
        """Insert `lines` before line `before` (the number of lines: at the end)."""
        self.inserts.setdefault(before, []).extend(lines)

    def replace(self, line: int, text: str) -> None:
        """Replace line `line` with `text`."""
        self.replacements[line] = text

    def apply(self, lines: list[str]) -> list[str]:
        """Return `lines` with every edit made."""
        out: list[str] = []
        for n, line in enumerate(lines):
            out += self.inserts.get(n, [])
            out.append(self.replacements.get(n, line))
        out += self.inserts.get(len(lines), [])
        return out


def with_missing_parts(doc: PlanDocument) -> str:
    """Return the plan's text with any missing Plan/Do/Check/Act section, or table in it, added."""
    edits = Edits()
    end = _content_end(doc, 0, len(doc.lines))
    if "plan" not in doc.sections:
        # The Plan section goes before Do when there is one, else at the end.
        where = doc.sections["do"].start if "do" in doc.sections else end
        edits.insert(where, *_block(doc, where, ["## Plan", "", PLAN_INTRO]))
    for section in TABLE_SECTIONS:
        if section in doc.tables:
            continue
        if section in doc.sections:
            span = doc.sections[section]
            at = _content_end(doc, span.start + 1, span.end)
            edits.insert(at, *_block(doc, at, table_head(section)))
        else:
            edits.insert(end, *_block(doc, end, [f"## {SECTION_TITLES[section]}", ""] + table_head(section)))
    return "\n".join(edits.apply(doc.lines))


def add_actions(doc: PlanDocument, state: SessionState, edits: Edits) -> list[str]:
    """Append a row to Do, Check and Act for each action of the session not in the plan yet; returns their ids."""
    themes = {t.id: t.name for t in state.themes}
    added = []
    for action in state.actions:
        pid = plan_id(state.meta.id, action.id)
        if any(pid in table.rows for table in doc.tables.values()):
            continue  # already in the plan: from now on the plan is where it is kept up to date
        added.append(pid)
        values = action_values(action, themes)
        values["id"] = pid
        for section in TABLE_SECTIONS:
            table = doc.tables[section]
            cells = [escape(values.get(f, "")) if f else "" for f in table.fields]
            edits.insert(table.end, row_line(cells))
    return added


def write_reviews(doc: PlanDocument, reviews: Sequence[ReviewItem], edits: Edits) -> tuple[list[str], list[str]]:
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
            table = doc.tables[section]
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
                edits.replace(row.line, row_line(cells))
                if item.plan_id not in updated:
                    updated.append(item.plan_id)
    return updated, kept


def add_plan_items(doc: PlanDocument, state: SessionState, edits: Edits) -> None:
    """Add the session's choices to the Plan section, once: the session id in the line marks it."""
    span = doc.sections["plan"]
    body = doc.lines[span.start : span.end]
    if any(state.meta.id in _SESSION_MARK.findall(line) for line in body):
        return
    chosen = chosen_items(state) or ["*Geen keuzes vastgelegd.*"]
    block = [f"- **{format_date(state.meta.created_at)} · {escape(state.meta.title)}** (`{state.meta.id}`)"]
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
        at = _content_end(doc, span.start + 1, span.end)
        edits.insert(at, *_block(doc, at, block))


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
