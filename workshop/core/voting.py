"""Session commands on dots and answers: open and close voting, cast and withdraw dots, rate, reveal, and tallies."""

from __future__ import annotations

import secrets
from dataclasses import replace

from . import events as ev
from .errors import DomainError
from .ledger import IndexUpdate, Ledger, unchanged
from .model import Change, Meta, Rating, Step, Via, Vote
from .records import put
from .results import (
    RatingResults,
    Results,
    VoteItem,
    VoteResults,
    answers_given,
    results_visible,
    seen_parts,
    shown_results,
    tally_ratings,
    tally_votes,
)
from .results import vote_items as offered_items
from .review import reviewed_step
from .shown import singles_out, with_looked_back, with_shown


class VotingCommands(Ledger):
    """The commands and questions of SessionService about dot voting, ratings and their results."""

    # ----- what there is to vote on, and who placed what ---------------------------------------------

    def vote_items(self, step_id: str | None = None) -> tuple[VoteItem, ...]:
        """Return what can be voted on in a vote step (default: the current step)."""
        step = self._vote_step(step_id)
        return self._memoised("vote_items", step, offered_items)  # type: ignore[return-value]

    def dots_of(self, voter: str, step_id: str | None = None) -> dict[str, int]:
        """Return `voter`'s dots in a vote step: item id -> how many."""
        step = self._vote_step(step_id)
        mine: dict[str, int] = {}
        for vote in self._indexed().dots.get((step.id, voter), ()):
            mine[vote.item_id] = mine.get(vote.item_id, 0) + 1
        return mine

    def dots_left(self, voter: str, step_id: str | None = None) -> int:
        """Return how many dots `voter` can still place in a vote step."""
        step = self._vote_step(step_id)
        return step.dots - len(self._indexed().dots.get((step.id, voter), ()))

    def answers_of(self, voter: str, step_id: str | None = None) -> dict[int, str]:
        """Return `voter`'s answers in a step with a scale: statement number -> value."""
        step = self._step(step_id)
        idx = self._indexed()
        if not idx.ratings_unique:  # a hand-edited file: the last answer per statement, as a scan finds it
            return {r.statement: r.value for r in self._state.ratings if r.step_id == step.id and r.voter == voter}
        found = (idx.ratings.get(f"{step.id}:{n}:{voter}") for n in range(len(step.rated_statements)))
        return {self._state.ratings[i].statement: self._state.ratings[i].value for i in found if i is not None}

    def answer_counts(self, step_id: str | None = None) -> tuple[int, ...]:
        """Return how many answered each statement of a step with a scale: progress, shown before the reveal too."""
        step = self._step(step_id)
        if step.scale_spec is None:
            raise DomainError("rate.not_rate_step", step=step.title)
        return self._memoised("answer_counts", step, answers_given)  # type: ignore[return-value]

    # ----- results -------------------------------------------------------------------------------------

    def vote_results(self, step_id: str | None = None) -> VoteResults:
        """Return the ranked tally of a vote step, revealed or not: for the record, not the room (room_results)."""
        step = self._vote_step(step_id)
        return self._memoised("vote_results", step, tally_votes)  # type: ignore[return-value]

    def rating_results(self, step_id: str | None = None) -> RatingResults:
        """Return the answer distribution per statement of a step with a scale, revealed or not (see vote_results)."""
        step = self._step(step_id)
        if step.scale_spec is None:
            raise DomainError("rate.not_rate_step", step=step.title)
        return self._memoised("rating_results", step, tally_ratings)  # type: ignore[return-value]

    def room_results(self, step_id: str | None = None) -> Results | None:
        """Return what the room (projector, phones, the facilitator's screen) may see of a step's results.

        None until the facilitator revealed them, and for a step without results (results.results_visible).
        """
        step = self._step(step_id)
        if not results_visible(self._state, step, "room"):
            return None
        return self._memoised("room_results", step, shown_results)  # type: ignore[return-value]

    # ----- voting --------------------------------------------------------------------------------------

    def open_voting(self, step_id: str | None = None) -> None:
        """Open voting in a vote step (default: the current one); results shown for it are hidden again."""
        step = self._step(step_id)
        self._require("open_voting", step)
        if self._state.is_voting_open(step.id):
            return
        meta = self._state.meta
        # Open voting and shown results never go together: what the room sees would steer the dots still to come.
        revealed = step.id in meta.revealed
        meta = replace(
            meta,
            voting_open=meta.voting_open + (step.id,),
            voting_closed=tuple(s for s in meta.voting_closed if s != step.id),
            revealed=tuple(s for s in meta.revealed if s != step.id),
        )
        with self.batch():
            self._commit_meta(meta, lambda v: ev.VotingOpened(v, step_id=step.id))
            if revealed:
                self._notify(lambda v: ev.ResultsRevealed(v, step_id=step.id, revealed=False))

    def close_voting(self, step_id: str | None = None) -> None:
        """Close voting in a vote step; casting and withdrawing are refused from then on."""
        step = self._step(step_id)
        if step.kind == "vote" and not self._state.is_voting_open(step.id):
            return  # nothing to close (a closed session closed its voting too)
        self._require("close_voting", step)
        meta = voting_ended(self._state.meta, (step.id,))
        self._commit_meta(meta, lambda v: ev.VotingClosed(v, step_id=step.id))

    def cast_vote(self, item_id: str, *, voter: str, via: Via = "participant", step_id: str | None = None) -> Vote:
        """Place one dot of `voter` on `item_id`; returns the vote.

        Raises DomainError when voting is closed, the item is unknown, the voter's budget is spent,
        or the item already has the most dots one person may give it.
        """
        step = self._step(step_id)
        self._require("cast_vote", step)
        self._require_participant(voter)
        if not self._is_vote_item(step, item_id):
            raise DomainError("vote.unknown_item")
        mine = self._indexed().dots.get((step.id, voter), ())
        if len(mine) >= step.dots:
            raise DomainError("vote.budget", dots=step.dots)
        if step.max_per_item is not None and sum(1 for v in mine if v.item_id == item_id) >= step.max_per_item:
            raise DomainError("vote.max_per_item", max=step.max_per_item)
        vote = Vote(id=secrets.token_hex(6), step_id=step.id, voter=voter, item_id=item_id, via=via)
        state = replace(self._state, votes=self._state.votes + (vote,))
        self._commit(
            state,
            [put("votes", vote.id, vote)],
            lambda v: ev.VoteCast(v, vote=vote),
            index=lambda idx: idx.add_vote(vote),
        )
        return vote

    def withdraw_vote(self, item_id: str, *, voter: str, step_id: str | None = None) -> Vote:
        """Take back one of `voter`'s dots from `item_id`; returns the vote taken back."""
        step = self._step(step_id)
        self._require("withdraw_vote", step)
        idx = self._indexed()
        mine = [v for v in idx.dots.get((step.id, voter), ()) if v.item_id == item_id]
        if not mine:
            raise DomainError("vote.none_to_withdraw")
        vote = mine[-1]
        state = replace(self._state, votes=tuple(v for v in self._state.votes if v.id != vote.id))
        self._commit(
            state,
            [Change("votes", vote.id, None)],
            lambda v: ev.VoteWithdrawn(v, vote=vote),
            index=(lambda i: i.remove_vote(vote)) if idx.votes_unique else None,
        )
        return vote

    # ----- ratings -------------------------------------------------------------------------------------

    def rate(
        self, statement: int, value: str, *, voter: str, via: Via = "participant", step_id: str | None = None
    ) -> Rating:
        """Give (or change) `voter`'s answer on one statement; returns the rating.

        One answer per person per statement: a second answer replaces the first. A participant can
        only answer in the current step.
        """
        step = self._step(step_id)
        self._require("rate", step)
        scale = step.scale_spec
        assert scale is not None  # the rule above refuses a step without one
        self._require_participant(voter)
        if via == "participant" and step.id != self._state.step.id:
            raise DomainError("card.step_closed")
        if not 0 <= statement < len(step.rated_statements):
            raise DomainError("rate.unknown_statement")
        if value not in scale.values:
            raise DomainError("rate.bad_value", expected=", ".join(scale.values))
        rating = Rating(step_id=step.id, statement=statement, voter=voter, value=value, via=via)
        ratings = self._state.ratings
        key = rating.key
        idx = self._indexed()
        position = idx.ratings.get(key)
        update: IndexUpdate | None
        if position is not None and idx.ratings_unique:
            # A second answer always replaced the first, so only this place holds the key.
            ratings = ratings[:position] + (rating,) + ratings[position + 1 :]
            update = unchanged
        elif position is not None:  # a key held twice (a hand-edited file): replace every one, as always
            ratings = tuple(rating if r.key == key else r for r in ratings)
            update = None
        else:
            position = len(ratings)
            ratings += (rating,)
            update = lambda idx: idx.ratings.setdefault(key, position)
        state = replace(self._state, ratings=ratings)
        self._commit(state, [put("ratings", key, rating)], lambda v: ev.RatingGiven(v, rating=rating), index=update)
        return rating

    def reveal(self, step_id: str | None = None, revealed: bool = True, *, anyway: bool = False) -> None:
        """Show a step's results to the room (or hide them again); showing them closes the step's voting.

        Raises DomainError for a step without results, and results.few_changed when the results were shown before
        and since then fewer people than min_group changed their answers: comparing the two would show what they
        chose (shown.py). `anyway`: show them all the same (the facilitator was told and decided).
        """
        step = self._step(step_id)
        self._require("reveal", step)
        if (step.id in self._state.meta.revealed) == revealed:
            return
        if revealed and not anyway:
            few = singles_out(self._state, step)
            if few:
                raise DomainError("results.few_changed", count=few, least=self._state.script.min_group)
        current = tuple(s for s in self._state.meta.revealed if s != step.id)
        meta = replace(self._state.meta, revealed=current + ((step.id,) if revealed else ()))
        if revealed:
            meta = with_shown(meta, self._state, step, seen_parts(self._state, step))
            here = self._state.step
            if reviewed_step(self._state.script, here) == step:  # shown while the room is on its review step
                meta = with_looked_back(meta, here, step)
        # Revealing closes the step's voting (in the same write): nobody votes on a count they can see. It is
        # remembered as closed, as `close_voting` does: phones and the board say "gesloten", not "nog niet open".
        closing = revealed and self._state.is_voting_open(step.id)
        if closing:
            meta = voting_ended(meta, (step.id,))
        with self.batch():
            self._commit_meta(meta, lambda v: ev.ResultsRevealed(v, step_id=step.id, revealed=revealed))
            if closing:
                self._notify(lambda v: ev.VotingClosed(v, step_id=step.id))

    # ----- helpers -------------------------------------------------------------------------------------

    def _vote_step(self, step_id: str | None) -> Step:
        step = self._step(step_id)
        if step.kind != "vote":
            raise DomainError("vote.not_vote_step", step=step.title)
        return step

    def _is_vote_item(self, step: Step, item_id: str) -> bool:
        """Return whether `item_id` is among vote_items(state, step), without building the whole list."""
        if step.options:
            return item_id in {f"o{n}" for n in range(1, len(step.options) + 1)}
        if step.on is None:
            return False
        target = self._state.script.step(step.on)
        card = self._card_or_none(item_id)
        if target.kind == "group":
            themes = self._state.themes_of(target.id)
            if any(t.id == item_id for t in themes):
                return True
            return (
                card is not None
                and card.step_id in target.source
                and not card.hidden
                and card.theme_id not in {t.id for t in themes}
            )
        return card is not None and card.step_id == target.id and not card.hidden


def voting_ended(meta: Meta, step_ids: tuple[str, ...]) -> Meta:
    """Return `meta` after voting in `step_ids` ends: no longer open, and remembered as closed."""
    ended = tuple(s for s in step_ids if s in meta.voting_open)
    return replace(
        meta,
        voting_open=tuple(s for s in meta.voting_open if s not in step_ids),
        voting_closed=tuple(s for s in meta.voting_closed if s not in ended) + ended,
    )
