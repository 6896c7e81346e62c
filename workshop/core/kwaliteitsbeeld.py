"""A session's chapter for the yearly kwaliteitsbeeld: fixed headings fed by the steps tagged `kwaliteitsbeeld:`.

Terugblik (the actions looked back on, with results: tellen; and quotes: vertellen), reflectie per bouwsteen (a
heat table and a quote per topic), the indicators compared, vooruitblik and leeragenda (chosen themes, actions
with their indicators), and who took part by role. The chapter leaves the team, so every text in it is redacted,
whatever was released for the team's own summary.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from .export_details import measured_result
from .mdtext import counted, escape, format_date
from .model import Contribution, SessionState, Step
from .plan import action_sessions, normalise_decision, normalise_status, plan_rows
from .plan_terms import PlanRow, id_key
from .privacy import redact
from .results import RatingResults, VoteResults, shown_results

QUOTES = 3  # quotes per heading (vertellen): enough to tell the story, not a list of every card
HEADINGS = {
    "terugblik": "Terugblik: wat deden we en wat leverde het op",
    "reflectie": "Reflectie per bouwsteen",
    "indicatoren": "Onze cijfers naast die van anderen",
    "vooruitblik": "Vooruitblik en leeragenda",
    "deelnemers": "Wie deden er mee",
}
HEAT = {"groen": "🟢", "oranje": "🟠", "rood": "🔴", "onbekend": "❓"}


def tagged(state: SessionState, part: str, kinds: Sequence[str] | None = None) -> list[Step]:
    """Return the script's steps tagged `kwaliteitsbeeld: part` (of `kinds`, when given), in agenda order."""
    return [s for s in state.script.steps if s.kwaliteitsbeeld == part and (kinds is None or s.kind in kinds)]


def kwaliteitsbeeld_chapter(state: SessionState, plan_text: str | None = None) -> str:
    """Return the chapter as Markdown: always the same five headings, each saying so when the session has nothing
    for it (a step not tagged, nothing entered), so chapters of several teams read side by side.

    `plan_text`: the team's plan (with this session merged in), whose actions of the previous cycle the terugblik
    counts (see `looked_back`); without it, the actions this session's review walked. Raises PlanError when the
    plan cannot be read.
    """
    day = datetime.fromisoformat(state.meta.created_at).date()
    who = redact(state.meta.team) + (f" ({redact(state.meta.organisation)})" if state.meta.organisation else "")
    lines = [
        f"# Kwaliteitsbeeld — {escape(who)}",
        "",
        f"*Uit de sessie '{escape(state.meta.title)}' van {day:%d-%m-%Y}. Namen en andere persoonsgegevens "
        "zijn weggelaten.*",
        "",
    ]
    lines += _terugblik(state, plan_text) + _reflectie(state) + _indicators(state)
    lines += _vooruitblik(state) + _participants(state)
    return "\n".join(lines).rstrip() + "\n"


def _quotes(state: SessionState, steps: Sequence[Step], category: str | None = None) -> list[str]:
    """Up to QUOTES cards of `steps` (of `category`, when given) as Markdown quotes, longest first (a card with an
    example says more), redacted."""
    ids = {s.id for s in steps if s.export}  # `export: nee`: the stories stay in the session ("blijven hier")
    cards: list[Contribution] = [
        c
        for c in state.contributions
        if c.step_id in ids and not c.hidden and (category is None or c.category == category)
    ]
    cards.sort(key=lambda c: (-len(c.text), int(re.sub(r"\D", "", c.id) or 0)))
    return [f"> {escape(redact(c.text))}" for c in cards[:QUOTES]]


def _none(text: str) -> list[str]:
    return [f"*{text}*", ""]


@dataclass(frozen=True)
class LookedBack:
    """One action the chapter looks back on, as plain text (not yet redacted)."""

    id: str
    what: str
    status: str  # as written
    status_key: str  # one of ACTION_STATUSES, or ""
    result: str
    baseline: str
    target: str
    decision: str


def session_day(session_id: str) -> date | None:
    """Return the day a session was held, from its id ("2025-11-20-team-de-linde-..."); None when it has none."""
    try:
        return date.fromisoformat(session_id[:10])
    except ValueError:
        return None


def looked_back(state: SessionState, rows: Sequence[PlanRow], sessions: Mapping[str, str]) -> tuple[PlanRow, ...]:
    """Return the plan's actions of the previous cycle, which the chapter looks back on, in plan order.

    Those are the actions a session held before this session's day put in the plan (`sessions`: id_key -> session
    id, the plan's memory), whatever their status now: klaar and gestopt ones are what the cycle brought. Actions of
    this day's sessions (this one, or another the same day) start now and are not looked back on. A row added by
    hand, whose session nobody knows, counts when this session's review discussed it (answered it: not merely
    loaded it as an open action).
    """
    today = datetime.fromisoformat(state.meta.created_at).date()
    walked = {id_key(i.plan_id) for i in state.reviews if not i.team and i.reviewed}
    found = []
    for row in rows:
        key = id_key(row.id)
        origin = session_day(sessions[key]) if key in sessions else None
        if (origin is not None and origin < today) or (origin is None and key in walked):
            found.append(row)
    return tuple(found)


def _from_plan(state: SessionState, plan_text: str) -> tuple[LookedBack, ...]:
    rows = looked_back(state, plan_rows(plan_text), action_sessions(plan_text))
    return tuple(
        LookedBack(
            r.id, r.what, r.status, r.status_key, r.result, r.baseline, r.target, normalise_decision(r.act_decision)
        )
        for r in rows
    )


def _from_reviews(state: SessionState) -> tuple[LookedBack, ...]:
    """Without the plan: the actions this session's review walked (open ones only: the plan's klaar ones are not)."""
    return tuple(
        LookedBack(
            i.plan_id,
            i.what,
            i.current("status"),
            normalise_status(i.current("status")),
            i.current("result"),
            i.baseline,
            i.target,
            i.current("act_decision"),
        )
        for i in state.reviews
        if not i.team
    )


def count_sentence(actions: Sequence[LookedBack]) -> str:
    """Return tellen in words: "1 van de 4 acties uit de vorige cyclus is klaar, 1 is gestopt en 2 lopen nog"."""
    done = sum(1 for a in actions if a.status_key == "klaar")
    stopped = sum(1 for a in actions if a.status_key == "gestopt")
    running = len(actions) - done - stopped
    parts = [f"{done} van de {len(actions)} acties uit de vorige cyclus {'is' if done == 1 else 'zijn'} klaar"]
    if stopped:
        parts.append(f"{stopped} {'is' if stopped == 1 else 'zijn'} gestopt")
    if running:
        parts.append(f"{running} {'loopt' if running == 1 else 'lopen'} nog")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


def _terugblik(state: SessionState, plan_text: str | None) -> list[str]:
    lines = [f"## {HEADINGS['terugblik']}", ""]
    reviews = tagged(state, "terugblik", ("review",))
    if not reviews:
        items: tuple[LookedBack, ...] = ()
    elif plan_text is not None:
        items = _from_plan(state, plan_text)
    else:
        items = _from_reviews(state)
    if items:
        day = datetime.fromisoformat(state.meta.created_at).date()
        lines += [f"**Tellen:** {count_sentence(items)}.", ""]
        if plan_text is not None:
            lines += [
                f"*De vorige cyclus: de acties die sessies van vóór {day:%d-%m-%Y} in het plan zetten, en eigen "
                "rijen uit het plan die deze sessie besprak.*",
                "",
            ]
        lines += ["| Actie | Status | Resultaat (nulmeting → nu) | Besluit |", "| --- | --- | --- | --- |"]
        # What the cycle brought first: klaar (with results), then gestopt, then what still runs.
        order = {"klaar": 0, "gestopt": 1}
        for i in sorted(items, key=lambda a: order.get(a.status_key, 2)):
            result = measured_result(redact(i.result), redact(i.baseline), redact(i.target))
            cells = (f"{i.id} {redact(i.what)}", redact(i.status) or "–", result or "–", redact(i.decision))
            lines.append("| " + " | ".join(escape(c) for c in cells) + " |")
        lines.append("")
    else:
        lines += _none("Geen acties uit de vorige cyclus besproken in deze sessie.")
    quotes = _quotes(state, tagged(state, "terugblik", ("collect", "round", "close")))
    if quotes:
        lines += ["**Vertellen:**", ""] + [q + "\n" for q in quotes]
    return lines


def _reflectie(state: SessionState) -> list[str]:
    lines = [f"## {HEADINGS['reflectie']}", ""]
    found = False
    for step in tagged(state, "reflectie", ("rate",)):
        results = shown_results(state, step, "record")
        if not isinstance(results, RatingResults) or not results.respondents:
            continue
        found = True
        scale = step.scale_spec
        values = [v for v, _n in results.statements[0].counts] if results.statements else []
        marks = [HEAT.get(v) or (scale.label(v) if scale else v) for v in values]
        lines += [f"| {escape(step.title)} | " + " | ".join(marks) + " |", "| --- |" + " ---: |" * len(values)]
        for s in results.statements:
            lines.append(f"| {escape(s.text)} | " + " | ".join(str(n) for _v, n in s.counts) + " |")
        lines += ["", f"*{results.respondents} deelnemer(s) gaven een kleur.*", ""]
    if not found:
        lines += _none("Geen scores per bouwsteen in deze sessie.")
    for step in tagged(state, "reflectie", ("collect", "round")):
        for category in step.categories or ("",):
            quotes = _quotes(state, [step], category or None)
            if quotes:
                lines += [f"**{escape(category or step.title)}**", "", quotes[0], ""]
    return lines


def _indicators(state: SessionState) -> list[str]:
    lines = [f"## {HEADINGS['indicatoren']}", ""]
    if not state.indicators:
        return lines + _none("Geen cijfers ingevoerd in deze sessie.")
    lines += ["| Indicator | Wij | Vergelijking | Verschil | Jaar | Bron |", "| --- | ---: | ---: | ---: | --- | --- |"]
    for i in state.indicators:
        cells = (
            redact(i.name),
            i.ours,
            i.comparison or "–",
            difference(i.ours, i.comparison),
            i.year,
            redact(i.source),
        )
        lines.append("| " + " | ".join(escape(c) for c in cells) + " |")
    return lines + [""]


def difference(ours: str, other: str) -> str:
    """Return our figure minus the other as Dutch text ("-0,3"), or "–" when one is not a plain number."""
    a, b = _number(ours), _number(other)
    if a is None or b is None:
        return "–"
    places = max(_places(ours), _places(other))
    return f"{a - b:+.{places}f}".replace(".", ",")


def _number(text: str) -> float | None:
    plain = text.strip().rstrip("%").strip()
    if not re.fullmatch(r"-?\d+([.,]\d+)?", plain):
        return None
    return float(plain.replace(",", "."))


def _places(text: str) -> int:
    match = re.search(r"[.,](\d+)", text)
    return len(match.group(1)) if match else 0


def _vooruitblik(state: SessionState) -> list[str]:
    lines = [f"## {HEADINGS['vooruitblik']}", ""]
    quotes = _quotes(state, tagged(state, "vooruitblik", ("collect", "round")))
    if quotes:
        lines += ["**Waar we over een jaar willen staan:**", ""] + [q + "\n" for q in quotes]
    chosen = []
    for step in tagged(state, "leeragenda", ("vote",)):
        results = shown_results(state, step, "record")
        if isinstance(results, VoteResults):
            chosen += [
                f"{r.rank}. {escape(redact(r.item.label))} ({counted(r.votes, 'stip', 'stippen')})"
                for r in results.items[:3]
                if r.votes
            ]
    if chosen:
        lines += ["**Onze leeragenda:**", ""] + chosen + [""]
    actions = state.actions if tagged(state, "leeragenda", ("actions",)) or tagged(state, "vooruitblik") else ()
    if actions:
        lines += ["| Actie | Wie | Klaar op | Indicator | Nulmeting | Doel |", "| --- | --- | --- | --- | --- | --- |"]
        for a in actions:
            cells = (
                redact(a.what),
                redact(a.owner),
                format_date(a.due),
                redact(a.indicator) or "–",
                a.baseline or "–",
                a.target or "–",
            )
            lines.append("| " + " | ".join(escape(c) for c in cells) + " |")
        lines.append("")
    if not (quotes or chosen or actions):
        lines += _none("Geen vooruitblik of leeragenda in deze sessie.")
    return lines


def _participants(state: SessionState) -> list[str]:
    lines = [f"## {HEADINGS['deelnemers']}", ""]
    people = [p for p in state.participants]
    headcount = state.meta.headcount or len(people)
    if not headcount:
        return lines + _none("Niet bijgehouden.")
    roles = Counter(redact(p.role) for p in people if p.role)
    text = f"{headcount} deelnemer(s)"
    if roles:
        text += ": " + ", ".join(
            f"{escape(role)} {n}" for role, n in sorted(roles.items(), key=lambda r: (-r[1], r[0]))
        )
    unknown = len(people) - sum(roles.values())
    if roles and unknown:
        text += f", rol niet genoemd {unknown}"
    return lines + [text + ".", ""]
