"""Domain events: what just changed in a session, emitted after the change is on disk."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .errors import WorkshopError
from .messages import render
from .model import Action, Contribution, Participant, Rating, ReviewItem, Theme, Vote


@dataclass(frozen=True)
class Event:
    """Base of all session events; `version` is the state version the change produced."""

    version: int


@dataclass(frozen=True)
class StepChanged(Event):
    step_id: str
    index: int


@dataclass(frozen=True)
class ParticipantJoined(Event):
    participant: Participant


@dataclass(frozen=True)
class ParticipantChanged(Event):
    """A participant answered the role question."""

    participant: Participant


@dataclass(frozen=True)
class DoorChanged(Event):
    """The facilitator closed the door (no new phones can join) or opened it again."""

    closed: bool


@dataclass(frozen=True)
class JoinWarning(Event):
    """Joins the facilitator should know of: a burst of new phones ("spike"), or phones refused because the
    session is full ("full") or the door is closed ("door"). Changes nothing stored; at most one per reason
    per JOIN_WARNING_EVERY seconds (people.py)."""

    reason: Literal["spike", "full", "door"]
    count: int  # phones joined within `seconds` (spike), or refused since the last warning
    seconds: int = 0
    limit: int = 0  # the join cap (full)
    held: int = 0  # places held by joins no page followed (full): a script or a link preview, not a person

    def text(self, lang: str = "nl") -> str:
        """What to tell the facilitator."""
        params = {"count": self.count, "seconds": self.seconds, "limit": self.limit, "held": self.held}
        code = "join.full_held" if self.reason == "full" and self.held else f"join.{self.reason}"
        return render(code, lang, params)


@dataclass(frozen=True)
class ContributionAdded(Event):
    card: Contribution


@dataclass(frozen=True)
class ContributionWithdrawn(Event):
    """A participant withdrew their own card (its record is gone)."""

    card_id: str
    step_id: str
    author: str


@dataclass(frozen=True)
class ContributionChanged(Event):
    """A card was edited, hidden, shown again or moved into or out of a theme."""

    card: Contribution


@dataclass(frozen=True)
class CategoriesChosen(Event):
    step_id: str
    categories: tuple[str, ...]


@dataclass(frozen=True)
class ThemeChanged(Event):
    """A theme was created or renamed."""

    theme: Theme


@dataclass(frozen=True)
class ThemeRemoved(Event):
    theme_id: str


@dataclass(frozen=True)
class VotingOpened(Event):
    step_id: str


@dataclass(frozen=True)
class VotingClosed(Event):
    step_id: str


@dataclass(frozen=True)
class VoteCast(Event):
    vote: Vote


@dataclass(frozen=True)
class VoteWithdrawn(Event):
    vote: Vote


@dataclass(frozen=True)
class RatingGiven(Event):
    rating: Rating


@dataclass(frozen=True)
class ResultsRevealed(Event):
    step_id: str
    revealed: bool


@dataclass(frozen=True)
class ActionChanged(Event):
    """An action was added or one of its fields changed."""

    action: Action


@dataclass(frozen=True)
class ActionRemoved(Event):
    action_id: str


@dataclass(frozen=True)
class IndicatorsChanged(Event):
    """Indicator rows were entered, imported or removed (`count` new or changed rows)."""

    count: int


@dataclass(frozen=True)
class SessionDetailsChanged(Event):
    """Team, organisation or head count changed."""


@dataclass(frozen=True)
class TimeKept(Event):
    """The current step's time so far was stored (SessionService.keep_time): nothing anyone sees changed."""


@dataclass(frozen=True)
class SessionClosed(Event):
    closed: bool


@dataclass(frozen=True)
class ReviewActionsLoaded(Event):
    """The open actions of the team's plan were put into the session for its review step."""

    count: int


@dataclass(frozen=True)
class ActionReviewed(Event):
    """The group answered the review questions for one open action (or the facilitator released it)."""

    item: ReviewItem


@dataclass(frozen=True)
class StoreHealthChanged(Event):
    """Writing the session file failed (ok False, once per failed write) or works again (ok True, once).

    Nothing of a failed write counts, so phones were told "niet opgeslagen"; the facilitator should see
    `reason` (e.g. "de schijf is vol (No space left on device)") until an event with ok True follows.
    `failures` counts the failed writes in a row.
    """

    ok: bool
    reason: str = ""
    failures: int = 0


@dataclass(frozen=True)
class ReviewStatusesUnsure(Event):
    """The open actions were loaded for a review step, among them actions whose status in the plan is not surely
    read ("klaar? nog navragen", "half af"): they stay open, and the facilitator hears it at once, so the group is
    asked. `items` in plan order."""

    items: tuple[tuple[str, str, str], ...]  # (id in the plan, what, the status as written)

    def text(self, lang: str = "nl") -> str:
        """What to tell the facilitator: which actions (id and what), with their status as written, and what to do."""
        listed = "; ".join(f"{plan_id} '{what}' ('{status}')" for plan_id, what, status in self.items)
        code = "review.status_unsure_one" if len(self.items) == 1 else "review.status_unsure"
        return render(code, lang, {"actions": listed, "n": len(self.items)})


@dataclass(frozen=True)
class ReviewActionsNotLoaded(Event):
    """A review step of acties was entered, but the team's plan could not be read: the step changed all the
    same, its open actions did not load. `problem` says why (a PlanError names the file and line)."""

    problem: WorkshopError

    def text(self, lang: str = "nl") -> str:
        """What to tell the facilitator: the problem, and how to load the actions once the plan is repaired."""
        return render("review.not_loaded", lang, {"problem": self.problem.text(lang)})


@dataclass(frozen=True)
class StepSkipped(Event):
    """Moving on (or back) passed a review step with nothing to go through (`skip_when_empty`): no open
    actions, or no red or disputed statement. The facilitator should hear it; `j` still opens the step."""

    step_id: str
    title: str
    reason: str  # "no_open_actions" or "nothing_red"

    def text(self, lang: str = "nl") -> str:
        """What to tell the facilitator: which step was skipped, why, and how to open it anyway."""
        code = "session.step_skipped" if self.reason == "no_open_actions" else "session.step_skipped_rate"
        return render(code, lang, {"step": self.title})
