"""Markdown summary of a session that reads like a decision record: actions and decisions first, then the
group's choices, then per step what was said, the PDCA tables and a legend of how the scores are read."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Literal

from .attendance import took_part, who_took_part
from .export_details import (
    KIND_NAMES,
    action_why,
    pdca_section,
    rating_table,
    review_table,
    step_section,
    vote_table,
)
from .mdtext import escape, format_date
from .model import SessionState
from .plan_terms import plan_id, short_prefix
from .rating_rule import RULE_NL
from .redaction import redacted_state
from .results import chosen_items

__all__ = [
    "KIND_NAMES",
    "PHASE_NAMES",
    "escape",
    "format_date",
    "pdca_section",
    "plan_ids",
    "rating_table",
    "review_table",
    "session_summary",
    "vote_table",
    "written_summary",
]

# How a summary written earlier compares with the session now (written_summary).
WrittenSummary = Literal["missing", "current", "outdated"]

PHASE_NAMES = {"P": "Plan", "D": "Do", "C": "Check", "A": "Act"}
PHASE_RULE = (
    "**Fase** volgt uit wat er over een actie bekend is: P = gepland, D = bezig, C = er is een resultaat "
    "of de actie is klaar (nu meten), A = er is een besluit (borgen, bijstellen, stoppen of opschalen) of de "
    "actie is gestopt."
)


def plan_ids(state: SessionState) -> dict[str, str]:
    """Return the id each action gets in the team's plan when the plan has no other session of that month:
    team initials, year and month, action ("DL-2611-a1"). A merge says the ids it really used (PlanMerge.ids)."""
    prefix = short_prefix(state.meta.team, state.meta.created_at)
    return {a.id: plan_id(prefix, a.id) for a in state.actions}


def session_summary(state: SessionState, ids: Mapping[str, str] | None = None) -> str:
    """Return the whole summary of a session as CommonMark with tables.

    `ids` maps each action to its id in the team's plan (PlanMerge.ids); without it, `plan_ids(state)`.
    Text the privacy guard flagged is redacted unless the facilitator released it.
    """
    state = redacted_state(state)
    ids = dict(ids) if ids is not None else plan_ids(state)
    lines = _head(state)
    lines += _decisions(state, ids)
    lines += _choices(state)
    lines += ["## Verloop van de sessie", ""]
    grouped_by = _theme_lookup(state)
    for number, step in enumerate(state.script.steps, 1):
        lines += step_section(state, number, step, grouped_by)
    lines += pdca_section(state, ids)
    lines += _legend(state, ids)
    return "\n".join(lines).rstrip() + "\n"


def written_summary(written: str | None, now: str) -> WrittenSummary:
    """Return how the summary written earlier (`written`; None when there is none) compares with `now`, the summary
    of the session as it is: "missing", "current", or "outdated" when it says anything else. A summary exported
    before the session was closed is outdated once it closes: it still says "nog open" (trial)."""
    if written is None:
        return "missing"
    return "current" if written == now else "outdated"


def _head(state: SessionState) -> list[str]:
    meta = state.meta
    joined = took_part(state)  # who sent, dotted or answered: a flood of the join link does not count
    people = max(meta.headcount, joined)
    lines = [
        f"# {escape(meta.title)} — {escape(meta.team)}",
        "",
        f"- **Datum:** {format_date(meta.created_at)}",
        f"- **Team:** {escape(meta.team)}" + (f" ({escape(meta.organisation)})" if meta.organisation else ""),
        f"- **Deelnemers:** {people}"
        + (f" ({joined} via telefoon of volmacht)" if joined and joined != people else ""),
    ]
    roles = attendance_by_role(state)
    if roles:
        lines.append("- **Per rol:** " + " · ".join(f"{n} {escape(role)}" for role, n in roles))
    lines += [
        f"- **Script:** {escape(state.script.title)} (`{state.script.id}`)",
        f"- **Status:** {'afgesloten' if meta.status == 'closed' else 'nog open'}",
        "",
    ]
    return lines


def attendance_by_role(state: SessionState) -> list[tuple[str, int]]:
    """Return how many of those who took part gave each of the script's roles (in the script's order, then "zonder
    rol"), counted like "Deelnemers" (joining alone does not count); [] when the script asks no role question or
    nobody gave one."""
    if not state.script.roles:
        return []
    took = who_took_part(state)
    counts = Counter(p.role for p in state.participants if p.id in took)
    if not any(counts[role] for role in state.script.roles):
        return []
    result = [(role, counts[role]) for role in state.script.roles if counts[role]]
    other = sum(n for role, n in counts.items() if role not in state.script.roles)
    return result + ([("zonder rol", other)] if other else [])


def _decisions(state: SessionState, ids: Mapping[str, str]) -> list[str]:
    """The first screen: the actions agreed, and what was decided about earlier actions."""
    lines = ["## Besluiten en acties", ""]
    if state.actions:
        # "Waarom" only when some action has a reason or theme: an empty column says nothing.
        why = any(action_why(state, a) for a in state.actions)
        head = ["ID", "Actie"] + (["Waarom"] if why else []) + ["Eigenaar", "Deadline", "Hoe meten we het"]
        lines += [
            f"**Nieuwe acties ({len(state.actions)})**",
            "",
            "| " + " | ".join(head) + " |",
            "| " + " | ".join("---" for _ in head) + " |",
        ]
        for a in state.actions:
            measure = ": ".join(p for p in (a.check_method, a.indicator) if p)
            if a.check_date:
                measure += f" (check {format_date(a.check_date)})"
            cells = [ids.get(a.id, a.id), a.what] + ([action_why(state, a)] if why else [])
            cells += [a.owner, format_date(a.due), measure.strip()]
            lines.append("| " + " | ".join(escape(c) for c in cells) + " |")
        lines.append("")
    else:
        lines += ["*Geen acties afgesproken.*", ""]
    lines += review_table(state)
    return lines


def _choices(state: SessionState) -> list[str]:
    chosen = chosen_items(state)
    return ["## Keuzes", ""] + ([f"- {item}" for item in chosen] if chosen else ["*Geen keuzes vastgelegd.*"]) + [""]


def _legend(state: SessionState, ids: Mapping[str, str]) -> list[str]:
    lines = ["## Leeswijzer", ""]
    if any(step.scale_spec is not None for step in state.script.steps):
        lines += [f"- {RULE_NL}"]
    lines += [f"- {PHASE_RULE}"]
    if state.actions:
        example = ids.get(state.actions[0].id, state.actions[0].id)
        lines += [
            f"- **ID**: zo heet de actie ook in het verbeterplan van het team ({escape(example)}: de "
            "beginletters van het team, jaar en maand van de sessie, en het nummer van de actie)."
        ]
    return lines + [""]


def _theme_lookup(state: SessionState) -> dict[str, str]:
    """Map each card step to the group step that grouped its cards (the latest one wins)."""
    grouped: dict[str, str] = {}
    for step in state.script.steps:
        if step.kind == "group":
            for source in step.source:
                grouped[source] = step.id
    return grouped
