"""What one participant sees now, in one frozen value: the step, what they may do, their own input, the results.

The phone page renders it as it is; a read-only board page or the projector can ask for the room's view
(no participant) the same way. It is built from one snapshot with the service's lookups, so a page costs
one question to the core and no scan of the session.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Literal, Protocol

from .availability import allowed
from .model import Contribution, SessionState, Step
from .privacy import notice
from .results import Results, VoteItem, steps_with_results

# What a participant can do now: nothing (closed), send text, answer on a scale, place dots, wait for
# voting to open, or only follow the screen.
Mode = Literal["closed", "text", "scale", "vote", "vote_wait", "wait"]


class Lookups(Protocol):
    """The questions the view asks of a session (SessionService answers them from its indexes and memo)."""

    @property
    def state(self) -> SessionState: ...
    def vote_items(self, step_id: str | None = None) -> tuple[VoteItem, ...]: ...
    def dots_of(self, voter: str, step_id: str | None = None) -> dict[str, int]: ...
    def dots_left(self, voter: str, step_id: str | None = None) -> int: ...
    def answers_of(self, voter: str, step_id: str | None = None) -> dict[int, str]: ...
    def room_results(self, step_id: str | None = None) -> Results | None: ...
    def own_cards(self, author: str, step_id: str | None = None) -> tuple[Contribution, ...]: ...


@dataclass(frozen=True)
class OwnCard:
    """A card this participant sent in the current step, as they see it (unmasked: it is their own)."""

    text: str
    category: str | None
    notice: str = ""  # why the room sees it masked (the privacy guard's note to its sender); "" when not flagged


@dataclass(frozen=True)
class ShownResults:
    """Revealed results that go with the current step: its own, or those of the step it looks back on."""

    step: Step
    results: Results


@dataclass(frozen=True)
class ParticipantView:
    """Everything one participant sees now; made from one snapshot (`version`), never changed."""

    version: int
    session_title: str
    team: str
    step: Step
    step_number: int  # 1-based
    step_count: int
    mode: Mode
    categories: tuple[str, ...] = ()  # to choose from for a card; () when the core needs no choice
    own_cards: tuple[OwnCard, ...] = ()
    # What there is to put dots on (shared by every phone's view of this snapshot: labels for the room are
    # `room_label`), and this participant's dots: item id -> how many.
    items: tuple[VoteItem, ...] = ()
    own_dots: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    dots_left: int = 0
    answers: tuple[tuple[int, str], ...] = ()  # (statement number, own answer), for the statements answered
    results: tuple[ShownResults, ...] = ()

    def answer(self, statement: int) -> str | None:
        """Return this participant's answer on statement number `statement`, or None."""
        return dict(self.answers).get(statement)


def participant_view(session: Lookups, participant_id: str | None, lang: str = "nl") -> ParticipantView:
    """Return what `participant_id` sees now; with None, what the whole room sees (nobody's own input)."""
    state = session.state
    step = state.step
    view = ParticipantView(
        version=state.version,
        session_title=state.meta.title,
        team=state.meta.team,
        step=step,
        step_number=state.meta.current + 1,
        step_count=len(state.script.steps),
        mode=mode(state),
    )
    if view.mode == "closed":
        return view
    pid = participant_id
    results = tuple(
        ShownResults(shown, found)
        for shown in steps_with_results(state, step)
        if (found := session.room_results(shown.id)) is not None
    )
    if view.mode == "vote":
        return replace(
            view,
            items=session.vote_items(step.id),
            own_dots=MappingProxyType(session.dots_of(pid, step.id) if pid else {}),
            dots_left=session.dots_left(pid, step.id) if pid else step.dots,
            results=results,
        )
    if view.mode == "scale":
        answers = tuple(sorted(session.answers_of(pid, step.id).items())) if pid else ()
        return replace(view, answers=answers, results=results)
    if view.mode == "text":
        own = session.own_cards(pid, step.id) if pid else ()
        categories = state.categories(step.id)
        return replace(
            view,
            own_cards=tuple(OwnCard(c.text, c.category, notice(c.privacy, lang)) for c in own),
            # With one category the core files every card under it: nobody has to choose.
            categories=categories if len(categories) > 1 else (),
            results=results,
        )
    return replace(view, results=results)


def mode(state: SessionState) -> Mode:
    """Return what a participant can do in the current step now (the same rules the commands apply)."""
    step = state.step
    if state.meta.status != "open":
        return "closed"
    if step.kind == "vote":
        return "vote" if allowed(state, "cast_vote") else "vote_wait"
    if allowed(state, "rate"):
        return "scale"
    if allowed(state, "add_contribution"):
        return "text"
    return "wait"
