"""Session commands on PDCA actions and on the review of the plan's open actions, and the rules of an action."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields, replace
from datetime import date, datetime
from typing import Any

from . import events as ev
from .errors import DomainError
from .indicator_figures import baseline_of, newest_of
from .inputs import MAX_CARD_LENGTH, parse_date, without_controls
from .ledger import Ledger
from .model import (
    ACT_DECISIONS,
    ACTION_STATUSES,
    ALL_TEAMS,
    CHECK_METHODS,
    PHASES,
    Action,
    Change,
    Indicator,
    ReviewItem,
)
from .ports import PlanRowLike, TeamPlans
from .records import put
from .redaction import with_action_flags
from .review import answer, items_from_groups, plan_team_of, review_steps, review_teams

# Fields a person fills in; the others the service keeps itself.
EDITABLE = frozenset(f.name for f in fields(Action)) - {
    "id",
    "session_id",
    "cycle",
    "step_id",
    "carried_over",
    "privacy",
    "released",
}
CHOICES: dict[str, tuple[str, ...]] = {
    "status": ACTION_STATUSES,
    "check_method": CHECK_METHODS,
    "act_decision": ACT_DECISIONS,
    "phase": PHASES,
}


def validated_action(
    action: Action,
    changes: dict[str, str | None],
    *,
    themes: set[str],
    session_day: date,
    today: date,
    indicators: Mapping[str, Indicator] | None = None,
) -> Action:
    """Return `action` with `changes` made, checked and its privacy flags renewed.

    `themes` are the theme ids an action may name, `indicators` the indicator rows it may point to
    (`indicator_id`): pointing to one fills an empty indicator with its name and an empty nulmeting with its
    figure (indicators.baseline_of). Raises DomainError for an unknown field, theme or indicator, a
    missing what/owner/due, a date that is not a date or a due date before the session, or a value outside
    its list. A check date before the due date is allowed (an interim check): action_warnings says so.
    """
    for key in changes:
        if key not in EDITABLE:
            raise DomainError("action.unknown_field", field=key)
    values = {k: ("" if v is None else without_controls(str(v)).strip()) for k, v in changes.items()}
    if "theme_id" in values:
        theme_id = values.pop("theme_id") or None
        if theme_id is not None and theme_id not in themes:
            raise DomainError("theme.unknown")
        action = replace(action, theme_id=theme_id)
    if values.get("indicator_id"):
        rows = indicators or {}
        row = rows.get(values["indicator_id"])
        if row is None:
            raise DomainError("action.unknown_indicator", id=values["indicator_id"])
        # The nulmeting is where the action starts: the newest year's figure of that indicator (indicator_figures).
        row = newest_of(rows.values(), row)
        values["indicator_id"] = row.id
        # What the group did not write comes from the row; what came from the row linked before follows the new one.
        before = rows.get(action.indicator_id)
        for key, made in (("indicator", row.name), ("baseline", baseline_of(row))):
            given = values.get(key, getattr(action, key))
            earlier = (before.name if key == "indicator" else baseline_of(before)) if before is not None else None
            if not given or (given == getattr(action, key) and given == earlier):
                values[key] = made
    for key in ("due", "check_date"):
        if values.get(key):
            values[key] = parse_date(values[key]).isoformat()
    for key, allowed in CHOICES.items():
        if values.get(key) and values[key] not in allowed:
            raise DomainError("action.bad_choice", field=key, expected=", ".join(allowed))
    limited: dict[str, Any] = {k: v[:MAX_CARD_LENGTH] for k, v in values.items()}
    action = replace(action, **limited)
    if not action.what:
        raise DomainError("action.what_required")
    if not action.owner:
        raise DomainError("action.owner_required")
    if not action.due:
        raise DomainError("action.due_required")
    # Dates as `date`s in the refusal: the message shows them as the facilitator reads dates (core.dates).
    if action.due < session_day.isoformat():
        raise DomainError("action.due_before_session", due=date.fromisoformat(action.due), session=session_day)
    return with_action_flags(action, today)


def action_warnings(changes: Mapping[str, str | None]) -> dict[str, DomainError]:
    """Return what is allowed in an action's fields but worth a second look, per field (the one to show it at).

    A check date before the due date: domain.md asks for one on or after it, yet an interim check before the
    deadline is normal PDCA (user trial 16), so it is a warning, never a refusal. Dates that are not dates
    are left to validated_action, which refuses them.
    """
    due, check = (str(changes.get(key) or "").strip() for key in ("due", "check_date"))
    if not (due and check):
        return {}
    try:
        due_day, check_day = parse_date(due), parse_date(check)
    except DomainError:
        return {}
    if check_day < due_day:
        return {"check_date": DomainError("action.check_before_due", check=check_day, due=due_day)}
    return {}


class ActionCommands(Ledger):
    """The commands of SessionService on actions, and on the open actions walked through in a review step."""

    _plans: TeamPlans | None  # where the team's plan is read (SessionService sets it)

    # ----- actions -------------------------------------------------------------------------------------

    def add_action(self, what: str, *, owner: str, due: str, **fields_: str | None) -> Action:
        """Add a PDCA action agreed by the group; returns it.

        Extra fields: why, theme_id, check_method, indicator, check_date, status, phase, result,
        act_decision, feedback. Raises DomainError as validated_action says.
        """
        self._require("add_action")
        number = 1 + max((int(a.id[1:]) for a in self._state.actions if a.id[1:].isdigit()), default=0)
        draft = Action(
            id=f"a{number}",
            session_id=self._state.meta.id,
            what="",
            owner="",
            due="",
            cycle=self._state.meta.cycle,
            step_id=self._state.step.id,
        )
        action = self._validated(draft, dict(fields_, what=what, owner=owner, due=due))
        self._put_action(action)
        return action

    def update_action(self, action_id: str, **fields_: str | None) -> Action:
        """Change fields of an action (same rules as add_action); returns it."""
        self._require("update_action")
        action = self._validated(self._action(action_id), fields_)
        self._put_action(action)
        return action

    def remove_action(self, action_id: str) -> None:
        """Remove an action that was added by mistake."""
        self._require("remove_action")
        self._action(action_id)
        state = replace(self._state, actions=tuple(a for a in self._state.actions if a.id != action_id))
        self._commit(state, [Change("actions", action_id, None)], lambda v: ev.ActionRemoved(v, action_id=action_id))

    def release_action(self, action_id: str, released: bool = True) -> Action:
        """Let an action's flagged text into exports and the plan unredacted (or redact it again); returns it."""
        self._require("release_action")
        action = replace(self._action(action_id), released=released)
        self._put_action(action)
        return action

    # ----- review of open actions (domain.md §3) ---------------------------------------------------------

    def load_open_actions(self) -> tuple[ReviewItem, ...]:
        """Read the open actions of the team's plan and put them into this session (load_review_actions).

        Returns () and changes nothing when the script has no review step of acties, or when this session
        has no plans to read from. Raises PlanError (file and line) when the plan cannot be read.
        """
        if self._plans is None or not review_steps(self._state.script):
            return ()
        groups = self._review_groups(self._plans)
        if not any(rows for _team, rows in groups) and not self._state.reviews:
            return ()  # the team has no plan (or nothing open in it): nothing to load, nothing to write
        return self.load_team_reviews(groups)

    def _review_groups(self, plans: TeamPlans) -> list[tuple[str, Sequence[PlanRowLike]]]:
        """The open actions to review, per plan: the own team's, or those of the teams the review step names."""
        own = self._state.meta.team
        wanted = review_teams(self._state.script)
        if not wanted:
            return [("", plans.open_actions(own))]
        names = list(plans.team_names()) if wanted == (ALL_TEAMS,) else list(wanted)
        return [(plan_team_of(name, own), plans.open_actions(name)) for name in names]

    def load_review_actions(self, rows: Sequence[PlanRowLike]) -> tuple[ReviewItem, ...]:
        """Put the open actions of the team's plan (plan.open_actions) into this session; returns them.

        Loading again (the plan changed) refreshes the actions not yet discussed and keeps the answers
        already given. Raises DomainError when the script has no review step of acties.
        """
        return self.load_team_reviews([("", rows)])

    def load_team_reviews(self, groups: Sequence[tuple[str, Sequence[PlanRowLike]]]) -> tuple[ReviewItem, ...]:
        """Put the open actions of several plans into this session, as (team, rows) with "" for the own team.

        For a review across teams (`teams:` on the step): each item keeps its team, so its answers go back into
        that team's plan only. Same rules as load_review_actions.
        """
        self._require("load_review_actions")
        items = items_from_groups(groups, self._state.reviews, today=self._clock().date())
        changes = [Change("reviews", r.key, None) for r in self._state.reviews]
        changes += [put("reviews", item.key, item) for item in items]
        state = replace(self._state, reviews=items)
        self._commit(state, changes, lambda v: ev.ReviewActionsLoaded(v, count=len(items)))
        return items

    def review_action(
        self,
        plan_id: str,  # the item's key (ReviewItem.key); its plan id alone when no other team's plan has it
        *,
        status: str | None = None,
        result: str | None = None,
        act_decision: str | None = None,
        feedback: str | None = None,
        feedback_when: str | None = None,
        feedback_done: bool | str | None = None,
    ) -> ReviewItem:
        """Record the group's answers for one open action: status, result, act decision, terugkoppeling.

        Terugkoppeling has three parts: to whom (`feedback`), when (`feedback_when`, a date or words) and whether it
        was done (`feedback_done`). Answers left None stay as they were. A status of gepland, bezig or
        uitgesteld means the action carries over to the next cycle. Returns the item; raises DomainError
        for an unknown action or a value outside its list.
        """
        self._require("review_action")
        item = self._review(plan_id)
        updated = answer(
            item,
            status=status,
            result=result,
            act_decision=act_decision,
            feedback=feedback,
            feedback_when=feedback_when,
            feedback_done=feedback_done,
            today=self._clock().date(),
        )
        return self._replace_review(updated)

    def release_review(self, plan_id: str, released: bool = True) -> ReviewItem:
        """Show a flagged review item unmasked and export its answers unredacted (or not); returns it."""
        self._require("release_review")
        return self._replace_review(replace(self._review(plan_id), released=released))

    # ----- helpers -------------------------------------------------------------------------------------

    def _validated(self, action: Action, changes: dict[str, str | None]) -> Action:
        return validated_action(
            action,
            changes,
            themes={t.id for t in self._state.themes},
            session_day=datetime.fromisoformat(self._state.meta.created_at).date(),
            today=self._clock().date(),
            indicators={i.id: i for i in self._state.indicators},
        )

    def _action(self, action_id: str) -> Action:
        action = next((a for a in self._state.actions if a.id == action_id), None)
        if action is None:
            raise DomainError("action.unknown")
        return action

    def _put_action(self, action: Action) -> None:
        """Store `action`, new or in the place of the one with its id."""
        actions = self._state.actions
        if any(a.id == action.id for a in actions):
            actions = tuple(action if a.id == action.id else a for a in actions)
        else:
            actions += (action,)
        state = replace(self._state, actions=actions)
        self._commit(state, [put("actions", action.id, action)], lambda v: ev.ActionChanged(v, action=action))

    def _review(self, ref: str) -> ReviewItem:
        """The review item with key `ref` (ReviewItem.key), or with plan id `ref` when only one team's plan has it."""
        item = next((r for r in self._state.reviews if r.key == ref), None)
        if item is not None:
            return item
        found = [r for r in self._state.reviews if r.plan_id == ref]
        if len(found) > 1:
            teams = ", ".join(r.team or self._state.meta.team for r in found)
            raise DomainError("review.ambiguous", ref=ref, teams=teams, example=found[-1].key)
        if not found:
            raise DomainError("review.unknown")
        return found[0]

    def _replace_review(self, item: ReviewItem) -> ReviewItem:
        state = replace(self._state, reviews=tuple(item if r.key == item.key else r for r in self._state.reviews))
        self._commit(state, [put("reviews", item.key, item)], lambda v: ev.ActionReviewed(v, item=item))
        return item
