"""Whether a command may run now: the one answer both front ends and the service's own commands use.

The service refuses a command by raising what `refusal` returns, and the facilitator's screen offers a key
only when `allowed` says yes, so a key is never shown for a command the core would refuse. Rules here look
at the session and the step only; checks of a command's arguments (which card, how many dots, which text)
stay with the command.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, get_args

from .errors import DomainError
from .model import SessionState, Step
from .review import review_steps

Command = Literal[
    "advance",
    "back",
    "go_to",
    "join",
    "add_proxy",
    "set_role",
    "close_door",
    "set_details",
    "close_session",
    "add_contribution",
    "edit_contribution",
    "withdraw_contribution",
    "hide_contribution",
    "release_card",
    "choose_categories",
    "create_theme",
    "rename_theme",
    "remove_theme",
    "group_card",
    "open_voting",
    "close_voting",
    "cast_vote",
    "withdraw_vote",
    "rate",
    "reveal",
    "add_action",
    "update_action",
    "remove_action",
    "release_action",
    "load_review_actions",
    "review_action",
    "release_review",
    "add_indicator",
]
COMMANDS: tuple[Command, ...] = get_args(Command)

Rule = Callable[[SessionState, Step], DomainError | None]


def refusal(state: SessionState, command: Command, step: Step | None = None) -> DomainError | None:
    """Return why `command` on `step` (default: the current step) is refused now, or None when it may run."""
    return _RULES[command](state, step or state.step)


def allowed(state: SessionState, command: Command, step: Step | None = None) -> bool:
    """Return True when `command` on `step` (default: the current step) may run now."""
    return refusal(state, command, step) is None


def require(state: SessionState, command: Command, step: Step | None = None) -> None:
    """Raise the DomainError that says why `command` on `step` is refused now; return when it may run."""
    error = refusal(state, command, step)
    if error is not None:
        raise error


# ----- the rules ---------------------------------------------------------------------------------------------


def _closed(state: SessionState) -> DomainError | None:
    return DomainError("session.closed") if state.meta.status != "open" else None


def _open(state: SessionState, step: Step) -> DomainError | None:
    """Anything that changes the session needs it open: a closed session is a finished record."""
    return _closed(state)


def _always(state: SessionState, step: Step) -> DomainError | None:
    """The team's name and the head count belong to the record: they can be corrected after closing too."""
    return None


def _advance(state: SessionState, step: Step) -> DomainError | None:
    if state.meta.current + 1 >= len(state.script.steps):
        return DomainError("session.at_end")
    return _closed(state)


def _back(state: SessionState, step: Step) -> DomainError | None:
    if state.meta.current == 0:
        return DomainError("session.at_start")
    return _closed(state)


def _collecting(state: SessionState, step: Step) -> DomainError | None:
    return _closed(state) or (None if step.collects_text else DomainError("card.not_collecting", step=step.title))


def _categories(state: SessionState, step: Step) -> DomainError | None:
    return _closed(state) or (None if step.categories else DomainError("category.bad_choice", pick=0, expected=""))


def _group_step(state: SessionState, step: Step) -> DomainError | None:
    return _closed(state) or (None if step.kind == "group" else DomainError("group.not_group_step", step=step.title))


def _with_themes(state: SessionState, step: Step) -> DomainError | None:
    return _group_step(state, step) or (None if state.themes_of(step.id) else DomainError("theme.unknown"))


def _vote_step(state: SessionState, step: Step) -> DomainError | None:
    return _closed(state) or (None if step.kind == "vote" else DomainError("vote.not_vote_step", step=step.title))


def _voting(state: SessionState, step: Step) -> DomainError | None:
    if refused := _vote_step(state, step):
        return refused
    if state.is_voting_open(step.id):
        return None
    return DomainError("vote.ended" if voting_over(state, step) else "vote.closed")


def voting_over(state: SessionState, step: Step) -> bool:
    """Return True when voting in `step` was closed, or its results are shown (which closes it): "gesloten" on the
    phones and the board, never "nog niet open" (in a session stored before a reveal was remembered as a close,
    the reveal is all there is to go by)."""
    return step.id in state.meta.voting_closed or step.id in state.meta.revealed


def _scale(state: SessionState, step: Step) -> DomainError | None:
    if step.scale_spec is None:
        return _closed(state) or DomainError("rate.not_rate_step", step=step.title)
    # Once the room sees the counts, a late or changed answer would show whose it was: answering stops (as
    # voting does) until the facilitator hides the results again.
    return _closed(state) or (DomainError("rate.revealed") if step.id in state.meta.revealed else None)


def _results(state: SessionState, step: Step) -> DomainError | None:
    return _closed(state) or (None if step.has_results else DomainError("reveal.no_results", step=step.title))


def _with_actions(state: SessionState, step: Step) -> DomainError | None:
    return _closed(state) or (None if state.actions else DomainError("action.unknown"))


def _review_step(state: SessionState, step: Step) -> DomainError | None:
    return _closed(state) or (None if review_steps(state.script) else DomainError("review.no_step"))


def _indicator_step(state: SessionState, step: Step) -> DomainError | None:
    has_step = any(s.kind == "collect" and s.indicators for s in state.script.steps)
    return _closed(state) or (None if has_step else DomainError("indicator.no_step"))


def _with_reviews(state: SessionState, step: Step) -> DomainError | None:
    return _closed(state) or (None if state.reviews else DomainError("review.unknown"))


_RULES: dict[Command, Rule] = {
    "advance": _advance,
    "back": _back,
    "go_to": _open,
    "join": _open,
    "add_proxy": _open,
    "set_role": _open,
    "close_door": _open,
    "set_details": _always,
    "close_session": _open,
    "add_contribution": _collecting,
    "edit_contribution": _open,
    "withdraw_contribution": _collecting,
    "hide_contribution": _open,
    "release_card": _open,
    "choose_categories": _categories,
    "create_theme": _group_step,
    "rename_theme": _with_themes,
    "remove_theme": _with_themes,
    "group_card": _group_step,
    "open_voting": _vote_step,
    "close_voting": _vote_step,
    "cast_vote": _voting,
    "withdraw_vote": _voting,
    "rate": _scale,
    "reveal": _results,
    "add_action": _open,
    "update_action": _with_actions,
    "remove_action": _with_actions,
    "release_action": _with_actions,
    "load_review_actions": _review_step,
    "review_action": _with_reviews,
    "release_review": _with_reviews,
    "add_indicator": _indicator_step,
}
