"""The details of a session summary: per step what was said and scored, and the session's PDCA tables."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from .mdtext import counted, escape, format_date
from .messages import render
from .model import SCALES, Action, Contribution, SessionState, Step
from .plan_terms import derive_phase
from .privacy import redact
from .rating_rule import mark_words
from .results import RatingResults, StatementResult, VoteResults, focus_order, focus_withheld, shown_results
from .review import passed_note, reviewed_step
from .shown import held_back, looked_back_at

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
LEGEND_POINTER = "*⚠ oneens, aandacht en veel ❓: zie de leeswijzer onderaan.*"


def step_section(state: SessionState, number: int, step: Step, grouped_by: Mapping[str, str]) -> list[str]:
    """Return one step of the session as Markdown lines: prompt, cards, themes, results."""
    spent = dict(state.meta.spent).get(step.id, 0.0)
    minutes = f"{step.minutes} min" + (f", gebruikt {round(spent / 60)} min" if spent >= 30 else "")
    lines = [f"### {number}. {escape(step.title)}", "", f"*{KIND_NAMES[step.kind]} · {minutes}*", ""]
    lines += [("> " + line).rstrip() for line in step.prompt.splitlines()] + [""]
    cards = state.cards(step.id)
    if cards and not step.export:  # `export: nee`: the cards stay in the session file only
        lines += ["*Wat hier is gezegd, blijft in het sessiebestand en staat niet in deze samenvatting.*", ""]
    elif cards:
        lines += _cards_section(state, step, cards, grouped_by.get(step.id))
    if step.kind == "collect" and step.indicators:
        lines += indicator_table(state, step)
    if step.kind == "group":
        lines += _themes_section(state, step)
    results = shown_results(state, step, "record")
    if results is not None and held_back(state, step):
        lines += [
            "*Dit is de uitslag zoals de groep hem zag. Daarna veranderden te weinig mensen hun antwoord om een nieuwe "
            "uitslag te tonen: dan zou te zien zijn wat zij kozen.*",
            "",
        ]
    if isinstance(results, VoteResults):
        lines += vote_table(results)
    elif isinstance(results, RatingResults):
        lines += rating_table(results) + ([LEGEND_POINTER, ""] if results.statements else [])
    if step.kind == "actions":
        count = sum(1 for a in state.actions if a.step_id == step.id)
        if count:
            lines += [f"{counted(count, 'actie', 'acties')} afgesproken; zie **Besluiten en acties** bovenaan.", ""]
    if step.kind == "review" and (step.of or "acties") == "acties":
        # (Nothing reviewed says so, whether there were no open actions, the plan could not be read, or the step
        # was skipped: a reader of a bare prompt wonders whether the answers went missing.)
        if any(r.reviewed for r in state.reviews):
            lines += ["De antwoorden per actie staan bovenaan, onder **Besluiten en acties**.", ""]
        else:
            lines += ["*Geen acties van vorige keer besproken.*", ""]
    lines += rate_review_section(state, step)
    return lines


def indicator_table(state: SessionState, step: Step) -> list[str]:
    """Return the indicator rows entered in `step` as Markdown (indicator · wij · vergelijking · jaar · bron)."""
    rows = [i for i in state.indicators if i.step_id == step.id]
    if not rows:
        return []
    lines = ["| ID | Indicator | Wij | Vergelijking | Jaar | Bron |", "| --- | --- | --- | --- | --- | --- |"]
    for i in rows:
        name, source = (redact(i.name), redact(i.source)) if i.privacy else (i.name, i.source)
        cells = (i.id, name, i.ours, i.comparison, i.year, source)
        lines.append("| " + " | ".join(escape(c) for c in cells) + " |")
    return lines + [""]


def rate_review_section(state: SessionState, step: Step) -> list[str]:
    """For a review of a rate step: the statements the room went through (aandachtspunten, most red first)."""
    rated = reviewed_step(state.script, step)
    if rated is None:
        return []
    seen = looked_back_at(state, step, rated)
    if seen is None:
        # (The record knows the counts; the room, on this step, did not see them: nothing was discussed.)
        title = escape(rated.title)
        if rated.id in dict(state.meta.shown):  # shown in its own step, hidden again before this one
            return [
                f"*De uitslag van '{title}' was verborgen tijdens deze stap. Er zijn dus geen stellingen besproken.*",
                "",
            ]
        # The title in quotes, the next sentence on its own: a title ending in "?" read "ervoor?; deze stap" (a trial).
        return [f"*De groep zag geen uitslag van '{title}'. Deze stap had dus geen stellingen om te bespreken.*", ""]
    results = shown_results(state, rated, "record")
    if not isinstance(results, RatingResults) or not results.respondents:
        return []
    # A statement whose counts the room did not see here (too few answers then) was not discussed, whatever now.
    results = replace(results, statements=tuple(s if s.index in seen else _unseen(s) for s in results.statements))
    focus = focus_order(results.statements)
    if not focus and focus_withheld(results.statements):
        least = state.script.min_group
        return [
            "*Te weinig antwoorden om te zien welke stellingen rood kleurden of waarover de groep het oneens was: "
            f"per stelling zijn er minstens {least} nodig.*",
            "",
        ]
    if not focus:
        return ["*Geen stelling kleurde rood en niemand was het oneens.*", ""]
    lines = [f"**Besproken: {len(focus)} van {len(results.statements)} stellingen** (uit {escape(rated.title)})", ""]
    return lines + rating_table(replace(results, statements=tuple(focus))) + [LEGEND_POINTER, ""]


def _unseen(statement: StatementResult) -> StatementResult:
    """`statement` as the room saw it on a review step where its counts were withheld: no counts, no marks."""
    counts = tuple((value, 0) for value, _ in statement.counts)
    return replace(statement, counts=counts, too_few=True, focus=False, disputed=False, many_unknown=False)


def _cards_section(
    state: SessionState, step: Step, cards: tuple[Contribution, ...], group_step: str | None
) -> list[str]:
    lines: list[str] = []
    themes = state.themes_of(group_step) if group_step else ()
    if themes:
        # Grouped into themes, each card keeps its category next to it (the vision aspects, an ODB label).
        for theme in themes:
            members = [c for c in cards if c.theme_id == theme.id]
            if members:
                lines += [f"**Thema: {escape(theme.name)}**", ""] + [_card_line(c, True) for c in members] + [""]
        rest = [c for c in cards if c.theme_id not in {t.id for t in themes}]
        if rest:
            lines += ["**Niet gegroepeerd**", ""] + [_card_line(c, True) for c in rest] + [""]
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


def _card_line(card: Contribution, with_category: bool = False) -> str:
    category = f" — *{escape(card.category)}*" if with_category and card.category else ""
    return f"- {escape(card.text)}{category}"


def _themes_section(state: SessionState, step: Step) -> list[str]:
    themes = state.themes_of(step.id)
    if not themes:
        return []
    cards = [c for c in state.contributions if not c.hidden]
    with_categories = any(c.category for c in cards if c.theme_id in {t.id for t in themes})
    lines = ["| Thema | Kaartjes |" + (" Categorieën |" if with_categories else ""), "| --- | ---: |"]
    lines[1] += " --- |" if with_categories else ""
    for theme in themes:
        members = [c for c in cards if c.theme_id == theme.id]
        row = f"| {escape(theme.name)} | {len(members)} |"
        if with_categories:
            counts = Counter(c.category for c in members if c.category)
            row += " " + ", ".join(f"{escape(name)} ({n})" for name, n in counts.items()) + " |"
        lines.append(row)
    return lines + [""]


def vote_table(results: VoteResults) -> list[str]:
    """Return the ranked vote results as a Markdown table (ties marked with "gedeeld")."""
    if not results.items:
        return ["*Er was niets om op te stemmen.*", ""]
    if results.too_few:  # the minimum group size (results.anonymous): nobody's dots can be read off
        return [f"*{render('results.too_few', 'nl', {})}.*", ""]
    if not results.total:  # nobody placed a dot: no ranking to show (every item would be "1" with 0)
        return ["*Er is niet gestemd.*", ""]
    lines = [
        f"**Stemmen:** {counted(results.total, 'stip', 'stippen')} van "
        f"{counted(results.voters, 'persoon', 'personen')}.",
        "",
        "| Plaats | Thema of kaartje | Stippen |",
        "| ---: | --- | ---: |",
    ]
    for result in results.items:
        place = f"{result.rank} (gedeeld)" if result.tied else str(result.rank)
        lines.append(f"| {place} | {escape(result.item.label)} | {result.votes} |")
    return lines + [""]


def rating_table(results: RatingResults) -> list[str]:
    """Return one row per statement with the count per answer and what the rule says (rating_rule.py)."""
    if not results.statements:
        return []
    scale = SCALES[results.scale]
    numeric = scale.key == "1-5"
    head = ["Stelling"] + [escape(label) for label in scale.labels] + ["Antwoorden"]
    head += ["Gemiddeld"] if numeric else []
    head += ["Let op"]
    lines = [
        f"**Scores:** {counted(results.respondents, 'persoon', 'personen')}.",
        "",
        "| " + " | ".join(head) + " |",
        "| --- | " + " | ".join("---:" for _ in head[1:-1]) + " | --- |",
    ]
    for statement in results.statements:
        counts = ["–" if statement.too_few else str(count) for _value, count in statement.counts]
        row = [escape(statement.text)] + counts + [str(statement.answers)]
        if numeric:
            row.append(f"{statement.mean:.1f}".replace(".", ",") if statement.mean is not None else "–")
        notes = [render("results.too_few", "nl", {})] if statement.too_few else []
        if statement.marks:
            notes.append(mark_words(statement.marks))
        row.append(", ".join(notes))
        lines.append("| " + " | ".join(row) + " |")
    return lines + [""]


def pdca_section(state: SessionState, ids: Mapping[str, str]) -> list[str]:
    """Return the session's actions as PDCA tables (Do, Check, Act), with their ids in the team's plan."""
    lines = ["## Verbeterplan (PDCA)", "", "### Plan", "", "De keuzes staan hierboven, onder **Keuzes**.", ""]
    actions = state.actions
    if not actions:
        return lines + ["*Geen acties afgesproken.*", ""]

    def pid(action: Action) -> str:
        return escape(ids.get(action.id, action.id))

    lines += [
        "### Do",
        "",
        "| ID | Wat | Waarom | Eigenaar | Deadline | Fase | Status |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for a in actions:
        phase = derive_phase(a.status, a.result, a.act_decision)
        lines.append(
            f"| {pid(a)} | {escape(a.what)} | {escape(action_why(state, a))} | {escape(a.owner)} "
            f"| {format_date(a.due)} | {phase} | {escape(a.status)} |"
        )
    lines += [
        "",
        "### Check",
        "",
    ]
    # Nulmeting and Doel only when an action has them: a session without indicators keeps its five columns.
    measured = any(a.baseline or a.target for a in actions)
    extra = " Nulmeting | Doel |" if measured else ""
    lines += [
        "| ID | Checkmethode | Indicator | Checkdatum | Resultaat |" + extra,
        "| --- | --- | --- | --- | --- |" + (" --- | --- |" if measured else ""),
    ]
    for a in actions:
        cells = f" {escape(a.baseline)} | {escape(a.target)} |" if measured else ""
        lines.append(
            f"| {pid(a)} | {escape(a.check_method)} | {escape(a.indicator)} | {format_date(a.check_date)} "
            f"| {escape(a.result)} |" + cells
        )
    lines += ["", "### Act", "", "| ID | Besluit | Terugkoppeling aan |", "| --- | --- | --- |"]
    for a in actions:
        lines.append(f"| {pid(a)} | {escape(a.act_decision)} | {escape(a.feedback)} |")
    return lines + [""]


def measured_result(result: str, baseline: str, target: str) -> str:
    """Return a result with its indicator's nulmeting in front (and the doel after): "8,1 → 8,3 (doel 8,4)";
    the result alone when the action has neither."""
    if not (baseline or target):
        return result
    text = f"{baseline or '–'} → {result or '?'}"
    return f"{text} (doel {target})" if target else text


def action_why(state: SessionState, action: Action) -> str:
    """Return why an action was agreed, as plain text: its theme, then its own reason."""
    themes = {t.id: t.name for t in state.themes}
    return " — ".join(p for p in (themes.get(action.theme_id or ""), action.why) if p)


# What the plan's Doorgeschoven counts (domain.md §3: unfinished actions carry over), said where the plan's number
# goes up: a review that leaves an action open counts, also on the day it was agreed and before its deadline.
CARRIED_NOTE = (
    "*Doorgeschoven*: een actie die na deze review nog open is (gepland, bezig of uitgesteld), gaat mee naar de "
    "volgende review; het plan telt dat bij Doorgeschoven op, ook als de deadline nog niet voorbij is. Vanaf 2 "
    "keer staat er ⚠: tijd om bij te stellen, te stoppen of op te schalen."
)


def review_table(state: SessionState) -> list[str]:
    """Return the review of open actions as Markdown lines: per action its id, the answers, carry-overs, dates."""
    items = state.reviews
    if not items:
        return []
    session_day = datetime.fromisoformat(state.meta.created_at).date()
    # A review across teams names each action's team (its id alone, say "eigen-1", does not say whose it is).
    across = any(i.team for i in items)
    head = (["Team"] if across else []) + ["ID", "Actie", "Status", "Resultaat", "Besluit", "Terugkoppeling", "Let op"]
    lines = [
        f"**Open acties besproken:** {sum(1 for i in items if i.reviewed)} van {len(items)}.",
        "",
        "| " + " | ".join(head) + " |",
        "| " + " | ".join("---" for _ in head) + " |",
    ]
    for item in items:
        status = item.current("status") or "–"
        if not item.reviewed:
            status += " (niet besproken)"
        notes = []
        note = passed_note(item, session_day)
        if note:
            notes.append(note.rstrip("."))
        if item.carry_over_warning:
            notes.append(f"⚠ {item.carried_over_now}× doorgeschoven")
        told = " · ".join(
            p
            for p in (
                item.current("feedback"),
                format_date(item.answer_feedback_when) if item.answer_feedback_when else item.feedback_when,
                {"ja": "gedaan", "nee": "nog niet gedaan"}.get(item.current("feedback_done"), ""),
            )
            if p
        )
        texts = [item.what, item.current("result"), told, item.baseline, item.target]
        if item.privacy and not item.released:
            # The plan fields of a review item stay as loaded (the merge compares with them): redact here.
            texts = [redact(c) for c in texts]
        what, result, told, baseline, target = texts
        result = measured_result(result, baseline, target)
        cells = [item.plan_id, what, status, result, item.current("act_decision"), told, ", ".join(notes)]
        if across:
            cells.insert(0, item.team or state.meta.team)
        lines.append("| " + " | ".join(escape(c) for c in cells) + " |")
    if any(item.unfinished for item in items):
        lines += ["", CARRIED_NOTE]
    return lines + [""]
