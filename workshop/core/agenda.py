"""The check-date agenda: what comes up in the teams' plans (deadlines, check dates, borgchecks), and what is late.

PDCA dies at "Check" when nobody is reminded: this lists, per day, what a team or the kwaliteitsfunctionaris should
look at, from the plans alone. Pure; calendar.py writes the same entries as an .ics file.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from .lateness import Late, late_on
from .plan_terms import PlanRow
from .plan_words import normalise_decision, read_date

Kind = Literal["te laat", "geen besluit", "deadline", "checkmoment", "borgcheck", "doorgeschoven"]
KIND_ORDER: tuple[str, ...] = ("te laat", "geen besluit", "checkmoment", "borgcheck", "deadline", "doorgeschoven")
LATE: tuple[str, ...] = ("te laat", "geen besluit")  # listed first, under "Te laat"
BORGCHECK_MONTHS = 3  # after "borgen": look again this many months after the check date (or the deadline)
CARRIED_WARNING = 2


@dataclass(frozen=True)
class Entry:
    """One line of the agenda: a day (None for a carried-over action without a date ahead), what, whose action."""

    day: date | None
    kind: Kind
    team: str
    row: PlanRow
    plan: str = ""  # the plan's file, for "where do I change this"


def late(row: PlanRow, today: date) -> Late | None:
    """Return why an open action is late on `today`, or None: lateness.late_on on the plan's row (overview and
    agenda), never for a row whose status the plan does not make clear (it is not open)."""
    if not row.is_open:
        return None
    return late_on(row.status_key, read_date(row.due), read_date(row.check_date), today)


def date_passed(row: PlanRow, today: date) -> date | None:
    """Return the date of an open action that made it late on `today` (see `late`), or None."""
    found = late(row, today)
    return found.day if found is not None else None


def decision_due(row: PlanRow, today: date) -> date | None:
    """Return the check date, before `today`, of an action marked klaar that still has no Act decision: its result
    waits for the group to decide (borgen, bijstellen, stoppen), and PDCA stalls there. None otherwise."""
    if row.is_open or not row.awaits_review:
        return None
    check = read_date(row.check_date)
    return check if check is not None and check < today else None


def borgcheck(row: PlanRow) -> date | None:
    """Return when to look again at an action the group decided to keep (borgen): BORGCHECK_MONTHS after its
    check date, or after its deadline when it has none; None for any other decision."""
    if normalise_decision(row.act_decision) != "borgen":
        return None
    start = read_date(row.check_date) or read_date(row.due)
    return add_months(start, BORGCHECK_MONTHS) if start is not None else None


def add_months(day: date, months: int) -> date:
    """Return `day` moved on by whole months (31 januari + 1 month = 28 or 29 februari)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def entries(plans: Sequence[tuple[str, str, Sequence[PlanRow]]], *, today: date, days: int | None) -> tuple[Entry, ...]:
    """Return the agenda of the (team, plan file, rows) `plans` for `today` up to and including `days` days ahead
    (`days=None`: every date from today on, as a calendar file needs: it is imported once).

    Late actions (see `late`) come first, oldest first; then per day the check
    dates (of actions still to check: open, or klaar without an Act decision), borgchecks and deadlines; actions carried
    over twice or more come last when no date of theirs falls in the window.
    """
    end = date.max if days is None else today + timedelta(days=days)
    found: list[Entry] = []
    for team, plan, rows in plans:
        for row in rows:
            mine = [e for e in _entries_of(row, team, plan, today, end)]
            found += mine
            if row.is_open and row.carried_over >= CARRIED_WARNING and not any(e.kind != "te laat" for e in mine):
                found.append(Entry(None, "doorgeschoven", team, row, plan))

    def order(entry: Entry) -> tuple:
        late = entry.kind in LATE
        return (not late, entry.day is None, entry.day or end, KIND_ORDER.index(entry.kind), entry.team, entry.row.id)

    return tuple(sorted(found, key=order))


def _entries_of(row: PlanRow, team: str, plan: str, today: date, end: date) -> list[Entry]:
    stopped = row.status_key == "gestopt"
    found = []
    late = date_passed(row, today)
    if late is not None:
        found.append(Entry(late, "te laat", team, row, plan))
    undecided = decision_due(row, today)
    if undecided is not None:
        found.append(Entry(undecided, "geen besluit", team, row, plan))
    check = read_date(row.check_date)
    # Still to check: its PDCA cycle is not through (open, or klaar without a decision; never gestopt).
    if check is not None and today <= check <= end and row.awaits_review:
        found.append(Entry(check, "checkmoment", team, row, plan))
    due = read_date(row.due)
    if due is not None and today <= due <= end and row.is_open:
        found.append(Entry(due, "deadline", team, row, plan))
    again = borgcheck(row)
    if again is not None and today <= again <= end and not stopped:
        found.append(Entry(again, "borgcheck", team, row, plan))
    return found


def checks_this_week(plans: Sequence[tuple[str, str, Sequence[PlanRow]]], today: date) -> int:
    """Return how many check moments (check dates and borgchecks) fall in the week of `today` (Monday to Sunday)
    from today on: what the home screen says ("3 checkmomenten deze week")."""
    sunday = today + timedelta(days=6 - today.weekday())
    week = entries(plans, today=today, days=(sunday - today).days)
    return sum(1 for e in week if e.kind in ("checkmoment", "borgcheck"))


WEEKDAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
KIND_WORDS = {
    "te laat": "te laat",
    "geen besluit": "klaar, nog geen besluit",
    "deadline": "deadline",
    "checkmoment": "checkmoment",
    "borgcheck": "borgcheck",
    "doorgeschoven": "2× of vaker doorgeschoven",
}


def agenda_text(found: Sequence[Entry], *, today: date, days: int, teams: int) -> str:
    """Return the agenda as plain text for the terminal: late actions, then per day, then carried-over ones.

    Every action's text is redacted (the agenda is shown and shared outside the session).
    """
    from .privacy import redact

    end = today + timedelta(days=days)
    lines = [f"Agenda {today:%d-%m-%Y} t/m {end:%d-%m-%Y} ({days} dagen) · {teams} team(s)", ""]
    if not found:
        return "\n".join(lines + ["Niets te doen in deze periode: geen deadlines, checkmomenten of late acties.", ""])

    def line(entry: Entry) -> str:
        row = entry.row
        kind = "te laat" if entry.kind == "geen besluit" else entry.kind
        text = f"  {KIND_WORDS[kind]:<12} {entry.team} · {row.id} {redact(row.what)}"
        if entry.kind in ("checkmoment", "borgcheck") and row.indicator.strip():
            text += f" · indicator: {redact(row.indicator)}"
        why = late(row, today) if entry.kind == "te laat" else None
        if why is not None:
            text += f" · sinds {why.day:%d-%m-%Y}"
            if why.which == "deadline" and row.check_date.strip() and read_date(row.check_date) is None:
                text += " (deadline: de checkdatum is niet te lezen)"
            else:
                text += f" ({why.which})"
        if entry.kind == "geen besluit" and entry.day is not None:
            text += f" · klaar, nog geen besluit (checkdatum {entry.day:%d-%m-%Y})"
        if row.carried_over >= CARRIED_WARNING and entry.kind != "doorgeschoven":
            text += f" · {row.carried_over}× doorgeschoven"
        return text

    overdue = [e for e in found if e.kind in LATE]
    if overdue:
        lines += [f"Te laat ({len(overdue)})"] + [line(e) for e in overdue] + [""]
    day: date | None = None
    for entry in found:
        if entry.kind in LATE or entry.day is None:
            continue
        if entry.day != day:
            day = entry.day
            lines.append(f"{WEEKDAYS[day.weekday()]} {day:%d-%m-%Y}")
        lines.append(line(entry))
    carried = [e for e in found if e.kind == "doorgeschoven"]
    if carried:
        lines += ["", f"Doorgeschoven, zonder datum in deze periode ({len(carried)})"] + [line(e) for e in carried]
    return "\n".join(lines).rstrip() + "\n"
