"""What the room's board shows besides the room's participant view: the cards, masked as the room may see them.

The board page (a beamer) asks here which cards of the current step the room sees and how: only in steps
whose cards are the room's to look at (a collect, a round or a close without a scale, and a group step's
cards by theme), never hidden ones, and a flagged card masked by the privacy guard until the facilitator
releases it (redaction.room_text, the projector's own rule). Answers on a scale and dots are never cards.
"""

from __future__ import annotations

from dataclasses import dataclass

from .dates import screen_date
from .model import Contribution, SessionState, Step
from .participant_view import Lookups, ParticipantView, participant_view
from .redaction import action_room_text, review_room_owner, review_room_text, room_text

# Step kinds whose cards the room works with on the wall. A review's answers are about actions (the
# facilitator's screen shows those), and a scale question's answers are results, shown only once revealed.
_CARD_KINDS = ("collect", "round", "close", "group")


@dataclass(frozen=True)
class RoomCard:
    """One card as the room sees it: masked where the privacy guard flagged it and nobody released it."""

    id: str
    text: str
    category: str | None = None
    theme: str | None = None  # in a group step: the name of the theme it was put in
    author: str | None = None  # only in a step the group agreed to put names to (`anonymous: nee`)
    masked: bool = False  # the text holds masked parts (for the page to say so in words)


@dataclass(frozen=True)
class RoomAction:
    """One agreed action as the room sees it on the board: masked where the privacy guard flagged it."""

    id: str
    what: str
    owner: str
    due: str
    masked: bool = False


@dataclass(frozen=True)
class RoomReview:
    """One open action of an earlier session as the room sees it in a review step: masked where flagged."""

    what: str
    owner: str
    status: str  # what the group said now, else what the plan says (a word from a fixed list)
    reviewed: bool  # the group has answered about it in this session
    masked: bool = False


@dataclass(frozen=True)
class RoomView:
    """The board's whole picture of one snapshot: the room's participant view, and the cards it may see."""

    view: ParticipantView
    cards: tuple[RoomCard, ...] = ()  # the newest ones, oldest first
    card_count: int = 0  # how many cards the room may see in all (more than `cards` when only the newest are asked)
    door_open: bool = True  # new phones may still join (the board shows how)
    actions: tuple[RoomAction, ...] = ()  # in an actions step: what the group agreed so far, in order
    reviews: tuple[RoomReview, ...] = ()  # in a review step of acties: the open actions it walks, in plan order


def shows_cards(step: Step) -> bool:
    """Return True when the room sees the cards of `step` on the board."""
    return step.kind in _CARD_KINDS and step.scale_spec is None


def room_cards(state: SessionState, step: Step, newest: int | None = None) -> tuple[RoomCard, ...]:
    """Return the cards of `step` the room may see, oldest first, flagged ones masked; () for other steps.

    `newest`: only that many of the most recent (masking scans the text: a board asks only for what it shows).
    """
    return _shown(state, step, _visible(state, step), newest)


def _visible(state: SessionState, step: Step) -> list[Contribution]:
    if not shows_cards(step):
        return []
    sources = step.source if step.kind == "group" else (step.id,)
    return [card for source in sources for card in state.cards(source)]


def _shown(state: SessionState, step: Step, cards: list[Contribution], newest: int | None) -> tuple[RoomCard, ...]:
    if newest is not None:
        cards = cards[-newest:] if newest > 0 else []
    themes = {t.id: t.name for t in state.themes}
    shown = []
    for card in cards:
        text = room_text(card)
        shown.append(
            RoomCard(
                id=card.id,
                text=text,
                category=card.category,
                theme=themes.get(card.theme_id or "") if step.kind == "group" else None,
                author=state.author_name(card),
                masked=text != card.text,
            )
        )
    return tuple(shown)


def room_actions(state: SessionState, step: Step, lang: str = "nl") -> tuple[RoomAction, ...]:
    """Return the actions the room sees in `step`: in an actions step every action agreed in this session so
    far, flagged ones masked until released (the projector's rule), their dates as read on screen in `lang`;
    () in other steps."""
    if step.kind != "actions":
        return ()
    shown = []
    for action in state.actions:
        what, owner = action_room_text(action, "what"), action_room_text(action, "owner")
        masked = (what, owner) != (action.what, action.owner)
        shown.append(RoomAction(id=action.id, what=what, owner=owner, due=screen_date(action.due, lang), masked=masked))
    return tuple(shown)


def room_reviews(state: SessionState, step: Step) -> tuple[RoomReview, ...]:
    """Return the open actions the room sees in a review step of acties (flagged ones masked until released, the
    projector's rule); () in other steps. The group's written answers stay on the facilitator's screen."""
    if step.kind != "review" or (step.of or "acties") != "acties":
        return ()
    shown = []
    for item in state.reviews:
        what, owner = review_room_text(item), review_room_owner(item)
        masked = (what, owner) != (item.what, item.owner)
        shown.append(RoomReview(what, owner, item.current("status"), item.reviewed, masked))
    return tuple(shown)


def room_view(session: Lookups, lang: str = "nl", newest: int | None = None) -> RoomView:
    """Return what the board shows now: the room's view (no participant) and its cards, from one snapshot.

    `newest`: only that many of the most recent cards (`card_count` still counts them all).
    """
    state = session.state
    view = participant_view(session, None, lang)
    visible = _visible(state, state.step) if view.mode != "closed" else []
    return RoomView(
        view=view,
        cards=_shown(state, state.step, visible, newest),
        card_count=len(visible),
        door_open=state.meta.status == "open" and not state.meta.door_closed,
        actions=room_actions(state, state.step, lang) if view.mode != "closed" else (),
        reviews=room_reviews(state, state.step) if view.mode != "closed" else (),
    )
