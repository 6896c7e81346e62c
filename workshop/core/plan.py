"""The team's PDCA plan as a living Markdown document: read back, merged with a session, human edits kept.

The entry point for callers; the work is done in plan_terms and plan_words (the plan's words), plan_layout
and plan_document (reading), plan_text (writing rows), plan_merge (merging a session in) and plan_names
(which plan belongs to which team).
"""

from __future__ import annotations

from .model import SessionState
from .plan_document import PlanDocument
from .plan_merge import merge, merge_reviews
from .plan_names import plan_team, similar_teams
from .plan_terms import PlanMerge, PlanRow, PlanWarning, id_key, plan_file_name, plan_id, short_prefix
from .plan_text import new_plan_text
from .plan_words import normalise_decision, normalise_status, read_date, read_status

__all__ = [
    "PlanMerge",
    "PlanRow",
    "PlanWarning",
    "action_sessions",
    "merge",
    "merge_plan",
    "merge_reviews",
    "new_plan_text",
    "normalise_decision",
    "normalise_status",
    "open_actions",
    "plan_file_name",
    "plan_id",
    "plan_rows",
    "plan_team",
    "plan_warnings",
    "read_date",
    "read_status",
    "short_prefix",
    "similar_teams",
]


def plan_rows(text: str, path: str = "") -> tuple[PlanRow, ...]:
    """Return every action in the plan, in the order of the Do tables (rows only in Check/Act come last).

    Raises PlanError (with the line number) when the plan cannot be read without guessing.
    """
    return PlanDocument(text, path).rows()


def open_actions(text: str, path: str = "") -> tuple[PlanRow, ...]:
    """Return the plan's actions for the next session's review step: those whose PDCA cycle is not through.

    That is every action not klaar or gestopt, and every klaar one without an Act decision (PlanRow.awaits_review).
    An action whose status the plan does not understand counts as open (see plan_warnings).
    Raises PlanError (with the line number) when the plan cannot be read without guessing.
    """
    return tuple(row for row in plan_rows(text, path) if row.awaits_review)


def action_sessions(text: str, path: str = "") -> dict[str, str]:
    """Return, from the plan's memory, the session that put each action in the plan: {id_key: session id}.

    Rows added by hand (and rows of a plan whose memory was removed) are not in it. Raises PlanError when the plan
    cannot be read.
    """
    memory = PlanDocument(text, path).memory
    return {
        id_key(plan_id(prefix, action)): session
        for session, (prefix, actions) in memory.sessions.items()
        for action in actions
    }


def plan_warnings(text: str, path: str = "") -> tuple[PlanWarning, ...]:
    """Return what in the plan is kept but could not be read (an unknown status, a date it cannot read), by line.

    Raises PlanError when the plan cannot be read at all.
    """
    doc = PlanDocument(text, path)
    doc.rows()
    return tuple(doc.warnings)


def merge_plan(existing: str | None, state: SessionState, path: str = "") -> str:
    """Return the plan with the session merged in (see `merge`). Raises PlanError for a plan it cannot read."""
    return merge(existing, state, path).text
