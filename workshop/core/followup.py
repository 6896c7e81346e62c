"""Follow-up exports: the terugkoppeling overview and anonymised lessons for a learning network."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

from .export import rating_table
from .mdtext import escape
from .model import ReviewItem, SessionState
from .plan import PlanRow, normalise_decision, normalise_status
from .plan_terms import yes_no
from .plan_words import iso_date
from .privacy import redact
from .redaction import (
    ACTION_TEXT_FIELDS,
    REVIEW_ANSWER_FIELDS,
    REVIEW_PLAN_FIELDS,
    anonymise,
    redacted_state,
    remove_names,
    texts_changed,
)
from .results import RatingResults, chosen_items, shown_results

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def feedback_overview(rows: Sequence[PlanRow], *, team: str, on: date) -> str:
    """Return the terugkoppelingsoverzicht: per action its signal, what was done, the result and who was told.

    Meant for the people who raised the signals, so every text is redacted (no names, numbers or
    addresses, whatever a facilitator released). `rows` are the plan's actions (plan.plan_rows).
    """
    lines = [
        "# Terugkoppeling: wat deden we met de signalen?",
        "",
        f"*{escape(team)} · bijgewerkt op {on.strftime('%d-%m-%Y')} · zonder namen of gegevens van cliënten.*",
        "",
    ]
    if not rows:
        return "\n".join(lines + ["*Er staan nog geen acties in het plan.*", ""])
    lines += [
        "| Signaal | Wat we deden | Status | Resultaat | Besluit | Wie weet het |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    untold = []
    for row in rows:
        status = normalise_status(row.status) or row.status
        decision = normalise_decision(row.act_decision) or row.act_decision
        cells = [
            row.why or "–",
            row.what,
            status or "–",
            row.result or "–",
            decision or "–",
            row.told or "nog niemand",
        ]
        lines.append("| " + " | ".join(escape(redact(remove_names(c, ((team, "het team"),)))) for c in cells) + " |")
        if needs_feedback(row):
            untold.append(row)
    lines.append("")
    if untold:
        lines += [
            f"**Nog niet teruggekoppeld ({len(untold)}):** er is een resultaat of besluit, maar nog niemand "
            "is het verteld.",
            "",
        ]
        lines += [f"- {escape(redact(row.what))}" for row in untold] + [""]
    return "\n".join(lines)


def needs_feedback(row: PlanRow, today: date | None = None) -> bool:
    """True when an action has a result, a decision or is klaar/gestopt, but the plan says nobody was told yet.

    With `today`, a terugkoppeling planned for a later day (its "wanneer" after `today`, "gedaan" empty) has not
    happened yet either.
    """
    status = normalise_status(row.status)
    decided = row.result or normalise_decision(row.act_decision) or row.act_decision
    return bool(decided or status in ("klaar", "gestopt")) and not _told(row, today)


def _told(row: PlanRow, today: date | None = None) -> bool:
    """True when the plan says the people concerned were told: "gedaan" says ja, or (left empty) someone is named,
    and not for a day after `today`."""
    done = yes_no(row.feedback_done)
    if done is not None:
        return done
    when = iso_date(row.feedback_when)
    if today is not None and when and when > today.isoformat():
        return False
    return bool(row.feedback_to.strip() or row.feedback.strip())


def lessons(state: SessionState) -> str:
    """Return what the team learned in a session, anonymised for a regional learning network.

    No team, organisation, participant or client details: every text is redacted and the team's and
    participants' names are replaced; cards (the stories) stay out, only choices, scores, actions and
    results go out (ground rule: "verhalen blijven hier; alleen lessen en acties gaan naar buiten").
    """
    safe = anonymous_state(state)
    created = datetime.fromisoformat(state.meta.created_at)
    lines = [
        f"# Lessen uit een sessie: {escape(safe.script.title)}",
        "",
        f"*{MONTHS[created.month - 1]} {created.year} · geanonimiseerd voor een lerend netwerk: zonder namen van "
        "mensen, teams of organisaties en zonder gegevens van cliënten.*",
        "",
    ]
    if safe.script.purpose:
        lines += [f"**Doel van de sessie:** {escape(anonymise(safe.script.purpose, state))}", ""]
    chosen = chosen_items(safe)
    lines += ["## Wat we kozen", ""] + ([f"- {c}" for c in chosen] if chosen else ["*Geen keuzes vastgelegd.*"]) + [""]
    scored = [step for step in safe.script.steps if step.kind == "rate"]
    if scored:
        lines += ["## Waar we staan", ""]
        for step in scored:
            results = shown_results(safe, step, "record")
            if isinstance(results, RatingResults):
                lines += [f"**{escape(step.title)}**", ""] + rating_table(results)
    lines += ["## Wat we gaan doen", ""]
    if safe.actions:
        lines += ["| Actie | Waarom | Wie (rol) | Hoe we meten of het werkt |", "| --- | --- | --- | --- |"]
        themes = {t.id: t.name for t in safe.themes}
        for action in safe.actions:
            why = " — ".join(p for p in (themes.get(action.theme_id or ""), action.why) if p)
            measure = ": ".join(p for p in (action.check_method, action.indicator) if p)
            lines.append("| " + " | ".join(escape(c) for c in (action.what, why, action.owner, measure)) + " |")
        lines.append("")
    else:
        lines += ["*Geen acties afgesproken.*", ""]
    reviewed = [item for item in safe.reviews if item.reviewed]
    if reviewed:
        lines += ["## Wat eerdere acties opleverden", "", "| Actie | Resultaat | Besluit |", "| --- | --- | --- |"]
        for item in reviewed:
            cells = (item.what, item.current("result") or "–", item.answer_act_decision or "–")
            lines.append("| " + " | ".join(escape(c) for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def anonymous_state(state: SessionState) -> SessionState:
    """Return `state` with every text redacted and the team's, organisation's and participants' names replaced.

    Participant ids and nicknames are dropped as well, so nothing in it points at a person.
    """
    safe = redacted_state(state, everything=True)

    def clean(text: str) -> str:
        return anonymise(text, state)

    def review(item: ReviewItem) -> ReviewItem:
        return replace(item, **texts_changed(item, REVIEW_PLAN_FIELDS + REVIEW_ANSWER_FIELDS, clean))

    return replace(
        safe,
        meta=replace(safe.meta, team="het team", organisation=""),
        participants=(),
        contributions=tuple(replace(c, text=clean(c.text), author="") for c in safe.contributions),
        themes=tuple(replace(t, name=clean(t.name)) for t in safe.themes),
        actions=tuple(replace(a, **texts_changed(a, ACTION_TEXT_FIELDS, clean)) for a in safe.actions),
        reviews=tuple(review(r) for r in safe.reviews),
    )
