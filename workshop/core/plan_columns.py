"""Columns a plan gets only when it needs them: Nulmeting and Doel in Check, once an action has a baseline."""

from __future__ import annotations

from collections.abc import Sequence

from .model import Action
from .plan_document import PlanDocument, split_row
from .plan_terms import INDICATOR_COLUMNS
from .plan_text import row_line


def missing_indicator_columns(doc: PlanDocument, new: Sequence[Action]) -> tuple[tuple[str, str], ...]:
    """Return the (field, header) pairs to add to the plan's first Check table: those one of the `new` actions
    fills (a baseline or target) that the table has no column for. () for a plan that needs none."""
    tables = doc.tables["check"]
    if not tables:
        return ()
    wanted = {name for action in new for name in ("baseline", "target") if getattr(action, name).strip()}
    have = tables[0].fields
    return tuple((name, header) for name, header in INDICATOR_COLUMNS if name in wanted and name not in have)


def with_columns(doc: PlanDocument, columns: tuple[tuple[str, str], ...]) -> str:
    """Return the plan's text with `columns` (field, header) added at the end of its first Check table.

    Its header, delimiter and every row get the new cells (empty in the rows); the rest of the file stays as
    written. The table's lines are written again with one space around each '|'.
    """
    table = doc.tables["check"][0]
    lines = list(doc.lines)
    width = len(table.fields)
    headers = [header for _name, header in columns]
    lines[table.start] = row_line(_cells(lines[table.start], width) + headers)
    lines[table.start + 1] = row_line(_cells(lines[table.start + 1], width) + ["---"] * len(columns))
    for row in table.rows.values():
        lines[row.line] = row_line(_cells(lines[row.line], width) + [""] * len(columns))
    return "\n".join(lines)


def _cells(line: str, width: int) -> list[str]:
    cells = split_row(line)
    return cells + [""] * (width - len(cells))
