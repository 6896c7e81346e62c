"""The team's PDCA plan as a living Markdown document: read back, merged with a session, human edits kept.

The entry point for callers; the work is done in plan_terms (the plan's words), plan_document (reading),
plan_text (writing rows) and plan_merge (merging a session in).
"""

from __future__ import annotations

from .model import SessionState
from .plan_document import PlanDocument
from .plan_merge import merge
from .plan_terms import PlanMerge, PlanRow, normalise_decision, normalise_status, plan_file_name, plan_id
from .plan_text import new_plan_text

__all__ = [
    "PlanMerge",
    "PlanRow",
    "merge",
    "merge_plan",
    "new_plan_text",
    "normalise_decision",
    "normalise_status",
    "open_actions",
    "plan_file_name",
    "plan_id",
    "plan_rows",
]


def plan_rows(text: str, path: str = "") -> tuple[PlanRow, ...]:
    """Return every action in the plan, in the order of the Do table (rows only in Check/Act come last).

    Raises PlanError (with the line number) when the plan cannot be understood.
    """
    return PlanDocument(text, path).rows()


def open_actions(text: str, path: str = "") -> tuple[PlanRow, ...]:
    """Return the plan's actions that are not klaar or gestopt, for the next session's review step.

    Raises PlanError (with the line number) when the plan cannot be understood.
    """
    return tuple(row for row in plan_rows(text, path) if row.is_open)


def merge_plan(existing: str | None, state: SessionState, path: str = "") -> str:
    """Return the plan with the session merged in (see `merge`). Raises PlanError for a plan it cannot read."""
    return merge(existing, state, path).text
