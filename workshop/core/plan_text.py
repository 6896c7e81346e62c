"""Writing a team's PDCA plan: a new plan's text, table rows, an action's cells, and the plan's memory comment."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .mdtext import escape, format_date
from .model import Action
from .plan_document import ANSWER_WORDS, MEMORY_MARK
from .plan_terms import COLUMNS, SECTION_TITLES, TABLE_SECTIONS, Section, derive_phase

INTRO = (
    "<!-- Dit plan werkt workshop bij bij elke export van een sessie (`workshop export SESSIE`).\n"
    "Je mag het gewoon bewerken: status, resultaat, besluit en terugkoppeling invullen, rijen toevoegen,\n"
    "weghalen of verplaatsen, kolommen hernoemen of toevoegen, opmerkingen en eigen kopjes toevoegen.\n"
    "Dat blijft allemaal bewaard; een actie die je weghaalt, komt niet terug.\n"
    "Laat de kolom ID staan en geef een rij die je zelf toevoegt een eigen id, bijvoorbeeld eigen-1.\n"
    "Status: gepland, bezig, klaar, uitgesteld of gestopt. Besluit: borgen, bijstellen, stoppen of opschalen.\n"
    "Fase (P, D, C, A) volgt uit status, resultaat en besluit; eigen woorden in Fase blijven staan.\n"
    "De kolom Doorgeschoven telt hoe vaak een review de actie nog open liet (gepland, bezig of uitgesteld),\n"
    "ook als de deadline nog niet voorbij was: ze gaat dan mee naar de volgende review. Vanaf 2 keer:\n"
    "bijstellen, stoppen of opschalen? -->"
)

PLAN_INTRO = "Wat de sessies kozen: thema's, doelen en aandachtspunten."
MEMORY_INTRO = (
    f"<!-- {MEMORY_MARK}: laat dit staan. Per sessie de acties die workshop in dit plan zette,\n"
    "zodat een actie die je uit het plan haalt niet terugkomt, en welke antwoorden van een review\n"
    "het schreef, zodat een cel die je daarna leegmaakt of verandert zo blijft."
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


def action_values(action: Action, themes: Mapping[str, str]) -> dict[str, str]:
    """Return an action's plan fields as plain text: dates as Dutch readers write them, the theme before why."""
    why = " — ".join(p for p in (themes.get(action.theme_id or ""), action.why) if p)
    return {
        "what": action.what,
        "why": why,
        "owner": action.owner,
        "due": format_date(action.due),
        "phase": derive_phase(action.status, action.result, action.act_decision),
        "status": action.status,
        "check_method": action.check_method,
        "indicator": action.indicator,
        "check_date": format_date(action.check_date),
        "result": action.result,
        "act_decision": action.act_decision,
        # What the group agreed about telling people goes to "aan wie" (older plans: "Terugkoppeling").
        "feedback": action.feedback,
        "feedback_to": action.feedback,
        "feedback_when": "",
        "feedback_done": "",
        "carried_over": str(action.carried_over),
        "baseline": action.baseline,
        "target": action.target,
    }


def memory_lines(
    sessions: Mapping[str, tuple[str, tuple[str, ...]]], answers: Mapping[str, Mapping[str, Mapping[str, str]]]
) -> list[str]:
    """Return the plan's memory comment: per session its id prefix and the actions the tool put in the plan, and
    per action the marks of the review answers it wrote ("antwoorden <sessie> <id>: resultaat=1a2b3c4d")."""
    lines = MEMORY_INTRO.split("\n")
    for session_id in list(sessions) + [s for s in answers if s not in sessions]:
        if session_id in sessions:
            prefix, ids = sessions[session_id]
            lines.append(f"sessie {session_id} {prefix}: {' '.join(ids)}".rstrip())
        for row_id, marks in answers.get(session_id, {}).items():
            words = " ".join(f"{ANSWER_WORDS[name]}={mark}" for name, mark in marks.items())
            lines.append(f"antwoorden {session_id} {row_id}: {words}")
    return lines + ["-->"]


UNSEEN = "; uitslag niet getoond)"  # ends an aandachtspunt of a rating the room had not seen (results.chosen_items)


def seen_since(lines: Sequence[str], session_id: str, chosen: Sequence[str]) -> dict[int, str]:
    """Return the lines of the session's block in Plan (after its "(`id`)" line) that mark an aandachtspunt as not
    seen while `chosen` (its items now) has it seen, by index, each with the line as it reads now. Only a line still
    exactly as written is changed; one a person edited stays theirs."""
    marker = f"(`{session_id}`)"
    start = next((n for n, line in enumerate(lines) if line.startswith("- ") and line.rstrip().endswith(marker)), None)
    if start is None:
        return {}
    now = set(chosen)
    changed = {}
    for n in range(start + 1, len(lines)):
        if not lines[n].startswith("  - "):
            break
        item = lines[n][4:]
        if item.endswith(UNSEEN) and item.removesuffix(UNSEEN) + ")" in now:
            changed[n] = f"  - {item.removesuffix(UNSEEN)})"
    return changed
