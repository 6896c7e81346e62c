"""Markdown summary of a session: what was said per step, results, and the actions as a PDCA plan."""

from __future__ import annotations

from datetime import datetime

from .mdtext import escape, format_date
from .model import SCALES, Action, Contribution, SessionState, Step
from .privacy import redact
from .redaction import redacted_state
from .results import RatingResults, VoteResults, chosen_items, shown_results
from .review import overdue

__all__ = ["escape", "format_date", "pdca_section", "rating_table", "review_table", "session_summary", "vote_table"]

KIND_NAMES = {
    "explain": "uitleg",
    "round": "rondje",
    "collect": "verzamelen",
    "group": "groeperen",
    "vote": "stemmen",
    "rate": "scoren",
    "actions": "acties",
    "review": "terugblik",
    "close": "afsluiting",
}
PHASE_NAMES = {"P": "Plan", "D": "Do", "C": "Check", "A": "Act"}


def session_summary(state: SessionState) -> str:
    """Return the whole summary of a session as CommonMark with tables.

    Text the privacy guard flagged is redacted unless the facilitator released it.
    """
    state = redacted_state(state)
    meta = state.meta
    joined = len(state.participants)
    people = max(meta.headcount, joined)
    lines = [
        f"# {escape(meta.title)} — {escape(meta.team)}",
        "",
        f"- **Datum:** {format_date(meta.created_at)}",
        f"- **Team:** {escape(meta.team)}" + (f" ({escape(meta.organisation)})" if meta.organisation else ""),
        f"- **Deelnemers:** {people}"
        + (f" ({joined} via telefoon of volmacht)" if joined and joined != people else ""),
        f"- **Script:** {escape(state.script.title)} (`{state.script.id}`)",
        f"- **Status:** {'afgesloten' if meta.status == 'closed' else 'nog open'}",
        "",
    ]
    grouped_by = _theme_lookup(state)
    for number, step in enumerate(state.script.steps, 1):
        lines += _step_section(state, number, step, grouped_by)
    lines += pdca_section(state)
    return "\n".join(lines).rstrip() + "\n"


def _theme_lookup(state: SessionState) -> dict[str, str]:
    """Map each card step to the group step that grouped its cards (the latest one wins)."""
    grouped: dict[str, str] = {}
    for step in state.script.steps:
        if step.kind == "group":
            for source in step.source:
                grouped[source] = step.id
    return grouped


def _step_section(state: SessionState, number: int, step: Step, grouped_by: dict[str, str]) -> list[str]:
    spent = dict(state.meta.spent).get(step.id, 0.0)
    minutes = f"{step.minutes} min" + (f", gebruikt {round(spent / 60)} min" if spent >= 30 else "")
    lines = [f"## {number}. {escape(step.title)}", "", f"*{KIND_NAMES[step.kind]} · {minutes}*", ""]
    lines += [("> " + line).rstrip() for line in step.prompt.splitlines()] + [""]
    cards = state.cards(step.id)
    if cards and not step.export:  # `export: nee`: the cards stay in the session file only
        lines += ["*Wat hier is gezegd, blijft in het sessiebestand en staat niet in deze samenvatting.*", ""]
    elif cards:
        lines += _cards_section(state, step, cards, grouped_by.get(step.id))
    if step.kind == "group":
        lines += _themes_section(state, step)
    results = shown_results(state, step, "record")
    if isinstance(results, VoteResults):
        lines += vote_table(results)
    elif isinstance(results, RatingResults):
        lines += rating_table(results)
    if step.kind == "actions":
        count = sum(1 for a in state.actions if a.step_id == step.id)
        if count:
            lines += [f"{count} actie(s) afgesproken; zie het verbeterplan hieronder.", ""]
    if step.kind == "review" and step.of == "acties" and state.reviews:
        lines += review_table(state)
    return lines


def _cards_section(
    state: SessionState, step: Step, cards: tuple[Contribution, ...], group_step: str | None
) -> list[str]:
    lines: list[str] = []
    themes = state.themes_of(group_step) if group_step else ()
    if themes:
        for theme in themes:
            members = [c for c in cards if c.theme_id == theme.id]
            if members:
                lines += [f"**Thema: {escape(theme.name)}**", ""] + [_card_line(c) for c in members] + [""]
        rest = [c for c in cards if c.theme_id not in {t.id for t in themes}]
        if rest:
            lines += ["**Niet gegroepeerd**", ""] + [_card_line(c) for c in rest] + [""]
        return lines
    categories = state.categories(step.id)
    if categories:
        for category in categories + ("",):
            members = [c for c in cards if (c.category or "") == category]
            if members:
                title = escape(category) if category else "Zonder onderwerp"
                lines += [f"**{title}**", ""] + [_card_line(c) for c in members] + [""]
        return lines
    return [_card_line(c) for c in cards] + [""]


def _card_line(card: Contribution) -> str:
    return f"- {escape(card.text)}"


def _themes_section(state: SessionState, step: Step) -> list[str]:
    themes = state.themes_of(step.id)
    if not themes:
        return []
    lines = ["| Thema | Kaartjes |", "| --- | ---: |"]
    for theme in themes:
        count = sum(1 for c in state.contributions if c.theme_id == theme.id and not c.hidden)
        lines.append(f"| {escape(theme.name)} | {count} |")
    return lines + [""]


def vote_table(results: VoteResults) -> list[str]:
    """Return the ranked vote results as a Markdown table (ties marked with "gedeeld")."""
    if not results.items:
        return ["*Er was niets om op te stemmen.*", ""]
    lines = [
        f"**Stemmen:** {results.total} stip(pen) van {results.voters} persoon/personen.",
        "",
        "| Plaats | Thema of kaartje | Stippen |",
        "| ---: | --- | ---: |",
    ]
    for result in results.items:
        place = f"{result.rank} (gedeeld)" if result.tied else str(result.rank)
        lines.append(f"| {place} | {escape(result.item.label)} | {result.votes} |")
    return lines + [""]


def rating_table(results: RatingResults) -> list[str]:
    """Return one row per statement with the count per answer; disputed statements marked ⚠."""
    if not results.statements:
        return []
    scale = SCALES[results.scale]
    numeric = scale.key == "1-5"
    head = ["Stelling"] + [escape(label) for label in scale.labels] + ["Antwoorden"]
    head += ["Gemiddeld"] if numeric else []
    head += ["Let op"]
    lines = [
        f"**Scores:** {results.respondents} persoon/personen.",
        "",
        "| " + " | ".join(head) + " |",
        "| --- | " + " | ".join("---:" for _ in head[1:-1]) + " | --- |",
    ]
    for statement in results.statements:
        row = [escape(statement.text)] + [str(count) for _value, count in statement.counts] + [str(statement.answers)]
        if numeric:
            row.append(f"{statement.mean:.1f}".replace(".", ",") if statement.mean is not None else "–")
        notes = []
        if statement.disputed:
            notes.append("⚠ oneens")
        if statement.focus and not statement.disputed:
            notes.append("aandacht")
        row.append(", ".join(notes))
        lines.append("| " + " | ".join(row) + " |")
    return lines + [""]


def pdca_section(state: SessionState) -> list[str]:
    """Return the session's actions as a PDCA plan: Plan (what was chosen), Do, Check and Act tables."""
    lines = ["## Verbeterplan (PDCA)", "", "### Plan", ""]
    chosen = chosen_items(state)
    lines += [f"- {item}" for item in chosen] if chosen else ["*Geen keuzes vastgelegd.*"]
    lines.append("")
    actions = state.actions
    if not actions:
        return lines + ["*Geen acties afgesproken.*", ""]
    themes = {t.id: t.name for t in state.themes}

    def why(action: Action) -> str:
        parts = [escape(themes[action.theme_id])] if action.theme_id in themes else []
        if action.why:
            parts.append(escape(action.why))
        return " — ".join(parts)

    lines += [
        "### Do",
        "",
        "| ID | Wat | Waarom | Eigenaar | Deadline | Status |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for a in actions:
        lines.append(
            f"| {a.id} | {escape(a.what)} | {why(a)} | {escape(a.owner)} | {format_date(a.due)} | {escape(a.status)} |"
        )
    lines += [
        "",
        "### Check",
        "",
        "| ID | Checkmethode | Indicator | Checkdatum | Resultaat |",
        "| --- | --- | --- | --- | --- |",
    ]
    for a in actions:
        lines.append(
            f"| {a.id} | {escape(a.check_method)} | {escape(a.indicator)} | {format_date(a.check_date)} "
            f"| {escape(a.result)} |"
        )
    lines += ["", "### Act", "", "| ID | Besluit | Terugkoppeling |", "| --- | --- | --- |"]
    for a in actions:
        lines.append(f"| {a.id} | {escape(a.act_decision)} | {escape(a.feedback)} |")
    return lines + [""]


def review_table(state: SessionState) -> list[str]:
    """Return the session's review of open actions as Markdown lines: answers, carry-overs, overdue checks."""
    items = state.reviews
    if not items:
        return []
    session_day = datetime.fromisoformat(state.meta.created_at).date()
    late = {item.plan_id for item in overdue(items, session_day)}
    lines = [
        f"**Open acties besproken:** {sum(1 for i in items if i.reviewed)} van {len(items)}.",
        "",
        "| Actie | Status | Resultaat | Besluit | Terugkoppeling | Let op |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for item in items:
        status = item.current("status") or "–"
        if not item.reviewed:
            status += " (niet besproken)"
        notes = []
        if item.plan_id in late:
            notes.append(f"checkdatum {format_date(item.check_date or item.due)} voorbij")
        if item.carry_over_warning:
            notes.append(f"⚠ {item.carried_over_now}× doorgeschoven")
        cells = [
            item.what,
            status,
            item.current("result"),
            item.current("act_decision"),
            item.current("feedback"),
            ", ".join(notes),
        ]
        if item.privacy and not item.released:
            # The plan fields of a review item stay as loaded (the merge compares with them): redact here.
            cells = [redact(c) for c in cells]
        lines.append("| " + " | ".join(escape(c) for c in cells) + " |")
    return lines + [""]
