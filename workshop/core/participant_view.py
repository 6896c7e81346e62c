"""What one participant sees now, in one frozen value: the step, what they may do, their own input, the results.

The phone page renders it as it is; a read-only board page or the projector can ask for the room's view
(no participant) the same way. It is built from one snapshot with the service's lookups, so a page costs
one question to the core and no scan of the session.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from types import MappingProxyType
from typing import Literal, Protocol

from .availability import allowed, voting_over
from .messages import render
from .model import FACILITATOR, Contribution, Participant, SessionState, Step
from .privacy import is_pending, notice
from .redaction import room_text
from .results import RatingResults, Results, VoteItem, focus_withheld, steps_with_results
from .timebox import Timebox

# What a participant can do now: nothing (closed), send text, answer on a scale, place dots, wait for
# voting to open, look at their dots after voting closed, or only follow the screen.
Mode = Literal["closed", "text", "scale", "vote", "vote_wait", "vote_closed", "wait"]
# What the facilitator did to a participant's own card: nothing, hid it from the room, or changed its text.
Moderated = Literal["", "hidden", "edited"]
# Why a participant waits in a step that takes input otherwise: the facilitator still chooses the categories.
WaitingFor = Literal["", "categories", "revealed"]


class Lookups(Protocol):
    """The questions the view asks of a session (SessionService answers them from its indexes and memo)."""

    @property
    def state(self) -> SessionState: ...
    def participant(self, participant_id: str) -> Participant | None: ...
    def vote_items(self, step_id: str | None = None) -> tuple[VoteItem, ...]: ...
    def dots_of(self, voter: str, step_id: str | None = None) -> dict[str, int]: ...
    def dots_left(self, voter: str, step_id: str | None = None) -> int: ...
    def answers_of(self, voter: str, step_id: str | None = None) -> dict[int, str]: ...
    def room_results(self, step_id: str | None = None) -> Results | None: ...
    def own_cards(self, author: str, step_id: str | None = None) -> tuple[Contribution, ...]: ...
    def can_withdraw(self, card: Contribution) -> bool: ...
    def timebox(self, step_id: str | None = None) -> Timebox: ...
    def progress(self, step_id: str | None = None) -> Progress | None: ...
    def role_open(self, participant_id: str) -> bool: ...


@dataclass(frozen=True)
class OwnCard:
    """A card this participant sent in the current step, as they see it (unmasked: it is their own)."""

    text: str
    category: str | None
    notice: str = ""  # why the room sees it masked (the privacy guard's note to its sender); "" when not flagged
    id: str = ""
    changeable: bool = False  # its author may still edit or withdraw it (not grouped, not voted on)
    pending: bool = False  # the privacy guard has not finished looking at it: the room sees it masked meanwhile
    # What the facilitator did to it, which its author should know: hid it from the room, or changed its text.
    moderated: Moderated = ""


@dataclass(frozen=True)
class EarlierFlag:
    """A card this participant sent in another step that the privacy guard flagged: the room sees it masked, and it
    can no longer be changed (the group went on). Said on the step the room went on to, so it is never silently out of
    reach; not on every step after that (told once, it would only repeat: see `flagged_before`)."""

    step_title: str
    text: str  # as the room sees it (masked): enough to know which card, without the name on their screen again


ProgressWhat = Literal["sent", "answered", "answered_all", "voted"]  # what a step asks of each person


@dataclass(frozen=True)
class Progress:
    """How many of the people in the room have done what the step asks ("9 van 12 hebben stippen gezet")."""

    done: int
    total: int  # those here now and those who did it, or the head count the facilitator gave when that is more
    # "answered": one question answered; "answered_all": every statement of a step with several answered (someone
    # who answered only some of them is not done yet, and is not counted).
    what: ProgressWhat

    @property
    def code(self) -> str:
        """The message that words it ("9 van 12 hebben stippen gezet"): messages.py, filled in with `n` and `total`."""
        return f"progress.{self.what}"

    def text(self, lang: str = "nl") -> str:
        """The progress in words, in `lang`: the one sentence the phones, the board and the console show."""
        return render(self.code, lang, {"n": self.done, "total": self.total})


@dataclass(frozen=True)
class ShownResults:
    """Revealed results that go with the current step: its own, or those of the step it looks back on."""

    step: Step
    results: Results
    looking_back: bool = False  # the results of the step a review looks back on: only what needs discussing
    withheld: int = 0  # of those, statements whose counts were kept back (results.focus_withheld): unknown, not fine


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
    full_items: frozenset[str] = frozenset()  # items that have as many of this participant's dots as one may give
    answers: tuple[tuple[int, str], ...] = ()  # (statement number, own answer), for the statements answered
    results: tuple[ShownResults, ...] = ()
    waiting_for: WaitingFor = ""
    remaining: int | None = None  # whole seconds left in the step's timebox; None when it has none or is paused
    progress: Progress | None = None
    roles: tuple[str, ...] = ()  # the script's role question, while this participant has not answered it (and may)
    role: str | None = None  # their answer ("" : rather not say)
    role_choices: tuple[str, ...] = ()  # the roles they may choose from now, to change it; () once it is settled
    flagged_before: tuple[EarlierFlag, ...] = ()  # their flagged cards of other steps, masked for the room

    def answer(self, statement: int) -> str | None:
        """Return this participant's answer on statement number `statement`, or None."""
        return dict(self.answers).get(statement)


def participant_view(session: Lookups, participant_id: str | None, lang: str = "nl") -> ParticipantView:
    """Return what `participant_id` sees now; with None, what the whole room sees (nobody's own input)."""
    state = session.state
    step = state.step
    person = session.participant(participant_id) if participant_id else None
    view = ParticipantView(
        version=state.version,
        session_title=state.meta.title,
        team=state.meta.team,
        step=step,
        step_number=state.meta.current + 1,
        step_count=len(state.script.steps),
        mode=mode(state),
        role=person.role if person else None,
    )
    if person is not None and session.role_open(person.id):
        view = replace(view, role_choices=state.script.roles, roles=state.script.roles if person.role is None else ())
    if view.mode == "closed":
        return view
    pid = participant_id
    if pid:
        view = replace(view, flagged_before=flagged_before(session, pid))
    timebox = session.timebox(step.id)
    running = step.minutes > 0 and bool(state.meta.entered_at)
    view = replace(
        view,
        results=_results(session, state, step),
        remaining=round(timebox.remaining) if running else None,
        progress=session.progress(step.id),
        waiting_for=waiting_for(state),
    )
    if view.mode in ("vote", "vote_closed"):
        dots = session.dots_of(pid, step.id) if pid else {}
        most = step.max_per_item
        return replace(
            view,
            items=session.vote_items(step.id),
            own_dots=MappingProxyType(dots),
            dots_left=session.dots_left(pid, step.id) if pid else step.dots,
            full_items=frozenset(i for i, n in dots.items() if most is not None and n >= most),
        )
    if view.mode == "scale":
        answers = tuple(sorted(session.answers_of(pid, step.id).items())) if pid else ()
        return replace(view, answers=answers)
    if view.mode == "text":
        own = session.own_cards(pid, step.id) if pid else ()
        categories = state.categories(step.id)
        return replace(
            view,
            own_cards=tuple(own_card(c, session.can_withdraw(c), lang) for c in own),
            # With one category the core files every card under it: nobody has to choose.
            categories=categories if len(categories) > 1 else (),
        )
    return view


def flagged_before(session: Lookups, participant_id: str) -> tuple[EarlierFlag, ...]:
    """Return the cards `participant_id` sent in earlier steps that the room sees masked (flagged, not released or
    hidden by the facilitator, the guard done), in script order: on the first step the room went on to after the
    card's step (no step between them visited), where it is news; on the steps after that it was said already.

    Where it can still be changed (its own step) the page shows it with Aanpassen and Intrekken instead.
    """
    state = session.state
    steps = state.script.steps[: state.meta.current]
    been = {step_id for step_id, seconds in state.meta.spent if seconds > 0}
    found = []
    for at, step in enumerate(steps):
        if any(later.id in been for later in steps[at + 1 :]):
            continue  # the room was at a step after it already: told there
        for card in session.own_cards(participant_id, step.id):
            if card.privacy and not card.released and not card.hidden and not is_pending(card.privacy):
                found.append(EarlierFlag(step.title, _masked(card)))
    return tuple(found)


@lru_cache(maxsize=512)
def _masked(card: Contribution) -> str:
    """A flagged card's text as the room sees it (a scan: kept, a participant's page is drawn again and again)."""
    return room_text(card)


def own_card(card: Contribution, changeable: bool, lang: str = "nl") -> OwnCard:
    """Return how `card` looks to its author: their text as stored, and what the facilitator did to it.

    A card the facilitator hid stays in its author's list, said to be hidden (never silently gone, never
    offered to change: the room no longer sees it, so the privacy guard has nothing to warn about either).
    """
    if card.hidden:
        return OwnCard(card.text, card.category, id=card.id, moderated="hidden")
    return OwnCard(
        card.text,
        card.category,
        notice(card.privacy, lang),
        id=card.id,
        changeable=changeable,
        pending=is_pending(card.privacy),
        moderated="edited" if card.facilitator_edited else "",
    )


def _results(session: Lookups, state: SessionState, step: Step) -> tuple[ShownResults, ...]:
    shown = []
    for with_results in steps_with_results(state, step):
        found = session.room_results(with_results.id)
        if found is None:
            continue
        looking_back = with_results is not step
        withheld = 0
        if looking_back and isinstance(found, RatingResults):
            # A review of a rate step goes through what needs discussing: red (or low) and disputed only.
            withheld = focus_withheld(found.statements)
            found = replace(found, statements=tuple(s for s in found.statements if s.focus))
        shown.append(ShownResults(with_results, found, looking_back, withheld))
    return tuple(shown)


def mode(state: SessionState) -> Mode:
    """Return what a participant can do in the current step now (the same rules the commands apply)."""
    step = state.step
    if state.meta.status != "open":
        return "closed"
    if step.kind == "vote":
        if allowed(state, "cast_vote"):
            return "vote"
        return "vote_closed" if voting_over(state, step) else "vote_wait"
    if allowed(state, "rate"):
        return "scale"
    if allowed(state, "add_contribution") and waiting_for(state) != "categories":
        return "text"
    return "wait"


def waiting_for(state: SessionState) -> WaitingFor:
    """Return what a phone waits for in a step that otherwise takes input: "categories" until they are chosen."""
    step = state.step
    if step.pick and step.id not in dict(state.meta.chosen_categories) and step.collects_text:
        return "categories"
    if step.scale_spec is not None and step.id in state.meta.revealed:
        return "revealed"  # answering stopped when the results were shown (availability._scale)
    return ""


def progress(
    state: SessionState,
    step: Step,
    *,
    voters: Collection[str] | None = None,
    senders: Collection[str] | None = None,
    here: Collection[str] | None = None,
) -> Progress | None:
    """Return how many people did what `step` asks (sent, answered, voted); None for a step that asks nothing.

    Out of the people here now (`here`; default: everyone who ever joined) and those who did it already, at least
    the head count the facilitator gave: a phone that left does not count, one that answered and left does.
    `senders` (who sent a card the room may see, the facilitator not counted) and `voters` (who placed dots in it),
    when the caller has them from its lookups, spare a scan of the whole session.
    """
    done = step_done(state, step, voters=voters, senders=senders)
    if done is None:
        return None
    return counted(done, {p.id for p in state.participants} if here is None else here, state.meta.headcount)


def counted(done: tuple[ProgressWhat, frozenset[str]], here: Collection[str], headcount: int) -> Progress:
    """Return the progress of a step from what it asks and who did it (`step_done`), the people `here` now and the
    facilitator's head count."""
    what, people = done
    return Progress(len(people), max(headcount, len(people) + sum(1 for p in here if p not in people)), what)


def step_done(
    state: SessionState,
    step: Step,
    *,
    voters: Collection[str] | None = None,
    senders: Collection[str] | None = None,
) -> tuple[ProgressWhat, frozenset[str]] | None:
    """Return what `step` asks and who did it (see `progress`); None for a step that asks nothing."""
    if step.kind == "vote":
        if voters is None:
            voters = {v.voter for v in state.votes if v.step_id == step.id}
        return "voted", frozenset(voters)
    if step.scale_spec is not None:
        needed = len(step.rated_statements)
        answered: dict[str, set[int]] = {}
        for rating in state.ratings:
            if rating.step_id == step.id:
                answered.setdefault(rating.voter, set()).add(rating.statement)
        done = frozenset(voter for voter, statements in answered.items() if len(statements) >= needed)
        return ("answered_all" if needed > 1 else "answered"), done
    if step.collects_text:
        if senders is None:
            senders = {c.author for c in state.cards(step.id)} - {FACILITATOR}
        return "sent", frozenset(senders)
    return None


def statement_to_go_on(answered: Collection[int], count: int, saved: Collection[int]) -> int:
    """Return the statement a participant goes on at after saving the answers to `saved` (of `count` statements;
    `answered`: all they have answered now): the first one after those not answered yet, else the first one not
    answered, else the last one saved. A page without JavaScript loads at its top; someone who saved 10 of 21
    statements would scroll back down to the 11th."""
    last = max(saved)
    open_ = [n for n in range(count) if n not in answered]
    later = [n for n in open_ if n > last]
    return (later or open_ or [last])[0]
