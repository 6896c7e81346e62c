"""The review step of open actions: the plan's rows in a session, the four answers, carry-over and overdue checks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from .errors import DomainError
from .inputs import parse_date, without_controls
from .lateness import late_on
from .mdtext import format_date
from .messages import render
from .model import ACT_DECISIONS, ACTION_STATUSES, ReviewItem, Script, SessionState, Step
from .plan_terms import plan_file_name
from .plan_words import normalise_status
from .ports import PlanRowLike
from .redaction import flags
from .script import REVIEW_ACTIONS

MAX_ANSWER_LENGTH = 500


def review_steps(script: Script) -> tuple[Step, ...]:
    """Return the script's steps that walk through open actions (`review` with of: acties)."""
    return tuple(s for s in script.steps if s.kind == "review" and (s.of or REVIEW_ACTIONS) == REVIEW_ACTIONS)


def reviewed_step(script: Script, step: Step) -> Step | None:
    """Return the rate step a review step looks back on; None for a review of open actions and other steps."""
    if step.kind != "review" or step.of is None or step.of == REVIEW_ACTIONS:
        return None
    return script.step(step.of)


def review_teams(script: Script) -> tuple[str, ...]:
    """Return the teams whose plans the script's reviews of acties walk (`teams:`); () for the team's own plan only.

    (ALL_TEAMS,) stands for every plan there is.
    """
    names: list[str] = []
    for step in review_steps(script):
        names += [name for name in step.teams if name not in names]
    return ("alle",) if "alle" in names else tuple(names)


def plan_team_of(name: str, own: str) -> str:
    """Return the `team` a review item of `name`'s plan gets in a session of team `own`: "" for the own plan."""
    return "" if plan_file_name(name) == plan_file_name(own) else name


def needs_own_plan(state: SessionState, plan_exists: bool) -> bool:
    """Return whether exporting `state` should write its own team's plan.

    False only for a review across teams (`teams:`) that has no actions of its own and no own open actions, while
    its team has no plan yet: its answers go into the teams' plans, and an empty plan for, say, the location
    would make the overview count that location as a team with nothing in it.
    """
    if plan_exists or state.actions or not review_teams(state.script):
        return True
    return any(not item.team for item in state.reviews)


def items_from_groups(
    groups: Sequence[tuple[str, Sequence[PlanRowLike]]],
    existing: Sequence[ReviewItem] = (),
    *,
    today: date | None = None,
) -> tuple[ReviewItem, ...]:
    """Return review items for the open rows of several plans, as (team, rows) with "" for the own team, in order.

    Answers already given are kept (see items_from_rows), also of a team whose plan is not in `groups` now.
    """
    items: list[ReviewItem] = []
    teams = {team for team, _rows in groups}
    for team, rows in groups:
        items += items_from_rows(rows, [i for i in existing if i.team == team], today=today, team=team)
    items += [i for i in existing if i.reviewed and i.team not in teams]
    return tuple(replace(item, order=n) for n, item in enumerate(items))


def items_from_rows(
    rows: Sequence[PlanRowLike], existing: Sequence[ReviewItem] = (), *, today: date | None = None, team: str = ""
) -> tuple[ReviewItem, ...]:
    """Return review items for the plan's open `rows`, in plan order (`team`: whose plan, "" for the own team).

    Items the group already answered in this session are kept as they are (answers and all), so
    loading the plan again never loses what was said; the others take the plan's current values.
    """
    answered = {item.plan_id: item for item in existing if item.reviewed and item.team == team}
    items = []
    for n, row in enumerate(rows):
        if row.id in answered:
            items.append(replace(answered.pop(row.id), order=n))
            continue
        items.append(
            ReviewItem(
                plan_id=row.id,
                what=row.what,
                order=n,
                why=row.why,
                owner=row.owner,
                due=row.due_iso,
                check_method=row.check_method,
                indicator=row.indicator,
                check_date=row.check_date_iso,
                check_date_unread=row.check_date.strip() if not row.check_date_iso else "",
                status=row.status,
                result=row.result,
                act_decision=row.act_decision,
                # "Aan wie" of a plan with the three terugkoppeling columns, else its one free-text cell.
                feedback=row.feedback_to or row.feedback,
                feedback_when=row.feedback_when,
                feedback_done=row.feedback_done,
                carried_over=row.carried_over,
                team=team,
                baseline=row.baseline,
                target=row.target,
                agreed=row.agreed,
                privacy=flags(
                    *(row.what, row.why, row.owner, row.indicator, row.result, row.feedback_to or row.feedback),
                    today=today,
                ),
            )
        )
    # An answered item that left the plan meanwhile (closed by hand) still keeps its answers.
    items += [replace(item, order=len(items) + n) for n, item in enumerate(answered.values())]
    return tuple(items)


def _when(text: str) -> str:
    """Return when the team was told: a date people type as an ISO date, any other words as written."""
    try:
        return parse_date(text).isoformat()
    except DomainError:
        return text


def _check_told_after_agreed(item: ReviewItem, when: str) -> None:
    """Raise DomainError when `when` is a date before the day the action was agreed: nobody can have been told
    about an action before it existed (a typo in the year, or the date of the signal instead)."""
    try:
        told = date.fromisoformat(when)
    except ValueError:
        return  # words ("teamoverleg 12 maart"): kept as written, nothing to compare
    if item.agreed and told.isoformat() < item.agreed:
        raise DomainError("review.told_before_agreed", told=told, agreed=date.fromisoformat(item.agreed))


def _check_told_by_today(item: ReviewItem, today: date) -> None:
    """Raise DomainError when the answers say the people were told ("gedaan: ja") on a day still to come: either the
    date is when they will be told (then gedaan is "nee"), or it is a typo."""
    done = item.answer_feedback_done or item.feedback_done
    when = item.answer_feedback_when or item.feedback_when
    if done.strip().lower() != "ja":
        return
    try:
        told = date.fromisoformat(when)
    except ValueError:
        # Words: "teamoverleg 12 maart" names a day without its year, which may be still to come: asked, not guessed.
        if _DAY_WITHOUT_YEAR.search(when) and not re.search(r"\b\d{4}\b", when):
            raise DomainError("review.told_no_year", text=when) from None
        return  # other words ("vorige week"): nothing to compare
    if told > today:
        raise DomainError("review.told_in_future", told=told)


# A day and a month, in figures ("12-3", "12/03") or with a month's name ("12 maart", "3 jan."), in what people type.
_DAY_WITHOUT_YEAR = re.compile(
    r"\b\d{1,2}(?:\s*[-/.]\s*\d{1,2}\b|\s+(?:jan|feb|mrt|maa|apr|mei|jun|jul|aug|sep|okt|nov|dec)[a-z]*\b)", re.I
)


def answer(
    item: ReviewItem,
    *,
    status: str | None = None,
    result: str | None = None,
    act_decision: str | None = None,
    feedback: str | None = None,
    feedback_when: str | None = None,
    feedback_done: bool | str | None = None,
    today: date | None = None,
) -> ReviewItem:
    """Return `item` with the group's answers to the four questions of domain.md §3; unanswered ones stay.

    The fourth, terugkoppeling, has three parts: to whom (`feedback`), when (`feedback_when`: a date, or
    words such as "teamoverleg 12 maart", kept as written) and
    whether it was done (`feedback_done`: True/False or "ja"/"nee"; "" clears it).
    Raises DomainError for a status or decision outside its list, a date it cannot read, a terugkoppeling date
    before the action was agreed, or an answer that is too long.
    """
    if isinstance(feedback_done, bool):
        feedback_done = "ja" if feedback_done else "nee"
    values = {
        "answer_status": status,
        "answer_result": result,
        "answer_act_decision": act_decision,
        "answer_feedback": feedback,
        "answer_feedback_when": feedback_when,
        "answer_feedback_done": feedback_done,
    }
    clean: dict[str, Any] = {}
    for name, value in values.items():
        if value is None:
            continue
        text = " ".join(without_controls(str(value)).split())
        if len(text) > MAX_ANSWER_LENGTH:
            raise DomainError("card.too_long", length=len(text), limit=MAX_ANSWER_LENGTH)
        clean[name] = text
    if clean.get("answer_status") and clean["answer_status"] not in ACTION_STATUSES:
        raise DomainError("action.bad_choice", field="status", expected=", ".join(ACTION_STATUSES))
    if clean.get("answer_act_decision") and clean["answer_act_decision"] not in ACT_DECISIONS:
        raise DomainError("action.bad_choice", field="act_decision", expected=", ".join(ACT_DECISIONS))
    if clean.get("answer_feedback_done") and clean["answer_feedback_done"] not in ("ja", "nee"):
        raise DomainError("action.bad_choice", field="feedback_done", expected="ja, nee")
    # The plan's own values given back unchanged (the dialog shows them and sends every field) are not refused:
    # reading the plan names what is wrong in it.
    new_when = False
    if clean.get("answer_feedback_when"):
        clean["answer_feedback_when"] = _when(clean["answer_feedback_when"])
        new_when = clean["answer_feedback_when"] != _when(" ".join(item.feedback_when.split()))
        if new_when:
            _check_told_after_agreed(item, clean["answer_feedback_when"])
    new_done = clean.get("answer_feedback_done", "") not in ("", item.feedback_done.strip().lower())
    updated = replace(item, reviewed=True, **clean)
    if today is not None and (new_when or new_done):
        _check_told_by_today(updated, today)
    kinds = flags(
        updated.what,
        updated.why,
        updated.owner,
        updated.indicator,
        updated.result,
        updated.feedback,
        updated.answer_result,
        updated.answer_feedback,
        today=today,
    )
    # New personal data in an answer needs a new look from the facilitator before it is shown or exported.
    released = updated.released and set(kinds) <= set(item.privacy)
    return replace(updated, privacy=kinds, released=released)


def overdue(items: Sequence[ReviewItem], on: date) -> tuple[ReviewItem, ...]:
    """Return the items whose check date (or, without one, deadline) lies before `on` and that are not done.

    "Done" means klaar or gestopt: in the plan, or as the group answered in this session.
    """
    return tuple(item for item in items if passed(item, on))


def passed(item: ReviewItem, on: date) -> str:
    """Return which date of a late item to name on `on`: "check" (its check date, the review's own moment, named
    first when it passed) or "deadline"; "" when it is not late (lateness.late_on, the rule the overview and the
    agenda use; a klaar or gestopt action, in the plan or as the group answered, is never late: a klaar action in
    the review waits for its decision)."""
    check = date.fromisoformat(item.check_date) if item.check_date else None
    due = date.fromisoformat(item.due) if item.due else None
    if late_on(normalise_status(item.current("status")), due, check, on) is None:
        return ""
    return "check" if check is not None and check < on else "deadline"


def passed_note(item: ReviewItem, on: date, lang: str = "nl", *, on_screen: bool = False) -> str:
    """Return what to say about an item's passed date, naming which one ("De deadline (15-12-2026) is voorbij."),
    or "". `on_screen`: the date as read on screen ("15 dec 2026"), not as the summary writes it."""
    which = passed(item, on)
    if not which:
        return ""
    day = item.due if which == "deadline" else item.check_date
    shown: object = date.fromisoformat(day) if on_screen else format_date(day)  # a date: render shows it in `lang`
    return render("review.deadline_passed" if which == "deadline" else "review.overdue", lang, {"date": shown})


def unread_check_date_note(item: ReviewItem, lang: str = "nl") -> str:
    """Return what to say when the plan's check date cannot be read as a date, with the plan's own words; else ""."""
    if not item.check_date_unread:
        return ""
    return render("review.check_date_unread", lang, {"written": item.check_date_unread})


def warnings(item: ReviewItem, on: date, lang: str = "nl") -> tuple[str, ...]:
    """Return what the facilitator should notice on screen about an item: a passed date, carried over twice or more."""
    notes = [note for note in (passed_note(item, on, lang, on_screen=True),) if note]
    if item.carry_over_warning:
        notes.append(render("review.carried_over", lang, {"count": item.carried_over_now}))
    return tuple(notes)
