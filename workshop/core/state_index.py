"""Lookups over one session snapshot (who joined, where a card sits, whose cards, dots and answers), for speed.

SessionState keeps tuples, so "is this phone a participant?" or "how many dots has this voter placed?"
would scan the whole session on every command: at 10,000 records that is most of a command's time.
The service keeps one StateIndex next to its current snapshot and updates it per command; an index that
does not belong to the current snapshot (after a failed write put the old snapshot back) is rebuilt.
"""

from __future__ import annotations

from collections import Counter

from .model import Contribution, Participant, SessionState, Vote


class StateIndex:
    """Dictionaries over the indexed tuples of `state`: participants, contributions, votes and ratings.

    The service only makes unique ids, but a hand-edited file could hold one twice; the `*_unique` flags
    say so, and the service then takes its old, scanning way for that table. Lookups return the first
    record with an id, as a scan would.
    """

    def __init__(self, state: SessionState) -> None:
        self.state = state
        self.participants: dict[str, Participant] = {}
        for p in state.participants:
            self.participants.setdefault(p.id, p)
        # card id -> position in state.contributions
        self.cards: dict[str, int] = {}
        # (step id, author) -> positions of the cards that author sent in that step, oldest first
        self.authored: dict[tuple[str, str], list[int]] = {}
        # step id -> positions of its cards, oldest first (a step's progress without a scan of the session)
        self.by_step: dict[str, list[int]] = {}
        # step id -> who sent cards in it, in the order of their first card (a step's senders without its cards)
        self.senders: dict[str, list[str]] = {}
        for i, c in enumerate(state.contributions):
            self.cards.setdefault(c.id, i)
            self._authored(c, i)
            self.by_step.setdefault(c.step_id, []).append(i)
        self.cards_unique = len(self.cards) == len(state.contributions)
        # (step id, voter) -> that voter's dots in the step, in the order of state.votes
        self.dots: dict[tuple[str, str], list[Vote]] = {}
        # item id -> dots on it, in every step (a card with dots is the room's: its author leaves it be)
        self.voted: Counter[str] = Counter()
        for v in state.votes:
            self.dots.setdefault((v.step_id, v.voter), []).append(v)
            self.voted[v.item_id] += 1
        self.vote_ids = {v.id for v in state.votes}
        self.votes_unique = len(self.vote_ids) == len(state.votes)
        # Rating.key -> position in state.ratings
        self.ratings: dict[str, int] = {}
        for i, r in enumerate(state.ratings):
            self.ratings.setdefault(r.key, i)
        self.ratings_unique = len(self.ratings) == len(state.ratings)

    def describes(self, state: SessionState) -> bool:
        """Return True when this index was built or kept up to date for exactly `state`."""
        return self.state is state

    def add_card(self, card: Contribution, position: int) -> None:
        """Record a card appended at `position`."""
        if card.id in self.cards:
            self.cards_unique = False
        else:
            self.cards[card.id] = position
        self._authored(card, position)
        self.by_step.setdefault(card.step_id, []).append(position)

    def _authored(self, card: Contribution, position: int) -> None:
        own = self.authored.get((card.step_id, card.author))
        if own is None:
            own = self.authored[(card.step_id, card.author)] = []
            self.senders.setdefault(card.step_id, []).append(card.author)
        own.append(position)

    def add_vote(self, vote: Vote) -> None:
        """Record a dot appended to the votes."""
        if vote.id in self.vote_ids:
            self.votes_unique = False
        self.vote_ids.add(vote.id)
        self.dots.setdefault((vote.step_id, vote.voter), []).append(vote)
        self.voted[vote.item_id] += 1

    def remove_vote(self, vote: Vote) -> None:
        """Record that the (only) dot with `vote.id` left the votes."""
        key = (vote.step_id, vote.voter)
        kept = [d for d in self.dots.get(key, ()) if d.id != vote.id]
        if len(kept) < len(self.dots.get(key, ())):
            self.voted[vote.item_id] -= 1
            if self.voted[vote.item_id] <= 0:
                del self.voted[vote.item_id]
        if kept:
            self.dots[key] = kept
        else:  # as a fresh index has it: no entry for someone without dots
            self.dots.pop(key, None)
        self.vote_ids.discard(vote.id)

    def snapshot(self) -> tuple:
        """Everything the index holds, to compare a kept index with a fresh one (tests)."""
        return (
            self.participants,
            self.cards,
            self.authored,
            self.senders,
            self.by_step,
            self.cards_unique,
            self.dots,
            self.voted,
            self.vote_ids,
            self.votes_unique,
            self.ratings,
            self.ratings_unique,
        )


def indexed_tuples_unchanged(old: SessionState, new: SessionState) -> bool:
    """Return True when `new` shares the indexed tuples with `old`, so an index of `old` also fits `new`."""
    return (
        old.participants is new.participants
        and old.contributions is new.contributions
        and old.votes is new.votes
        and old.ratings is new.ratings
    )
