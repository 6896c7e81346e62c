"""Writing a team's PDCA plan: a new plan's text, table rows, and an action's cells as the plan shows them."""

from __future__ import annotations

from collections.abc import Sequence

from .mdtext import escape, format_date
from .model import Action
from .plan_terms import COLUMNS, SECTION_TITLES, TABLE_SECTIONS, Section

INTRO = (
    "<!-- Dit plan werkt workshop bij bij elke export van een sessie (`workshop export SESSIE`).\n"
    "Je mag het gewoon bewerken: status, resultaat, besluit en terugkoppeling invullen, rijen toevoegen\n"
    "of verplaatsen, opmerkingen en eigen kopjes toevoegen. Dat blijft allemaal bewaard.\n"
    "Laat de kolom ID staan en geef een rij die je zelf toevoegt een eigen id, bijvoorbeeld eigen-1.\n"
    "Status: gepland, bezig, klaar, uitgesteld of gestopt. Besluit: borgen, bijstellen, stoppen of opschalen. -->"
)

PLAN_INTRO = "Wat de sessies kozen: thema's, doelen en aandachtspunten."


def new_plan_text(team: str) -> str:
    """Return an empty plan for `team`: a title, how to edit it, and the Plan, Do, Check and Act sections."""
    lines = [
        f"# PDCA-verbeterplan — {escape(team)}",
        "",
        INTRO,
        "",
        "## Plan",
        "",
        PLAN_INTRO,
        "",
    ]
    for section in TABLE_SECTIONS:
        lines += [f"## {SECTION_TITLES[section]}", ""] + table_head(section) + [""]
    return "\n".join(lines)


def row_line(cells: Sequence[str]) -> str:
    """Return one table row of Markdown from its cells (already escaped)."""
    return "| " + " | ".join(cells) + " |"


def table_head(section: Section) -> list[str]:
    """Return the header and delimiter rows of a section's table, with the columns the tool writes."""
    headers = [h for _f, h in COLUMNS[section]]
    return [row_line(headers), row_line(["---"] * len(headers))]


def action_values(action: Action, themes: dict[str, str]) -> dict[str, str]:
    """Return an action's plan fields as plain text: dates as Dutch readers write them, the theme before why."""
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
