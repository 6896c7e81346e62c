"""The session service: every command validates, persists, then emits an event. Both front ends call it."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields, replace
from datetime import date, datetime

from . import events as ev
from .clock import Clock, utc_now
from .errors import CorruptSessionError, DomainError, StoreWriteError, WorkshopError
from .model import (
    ACT_DECISIONS,
    ACTION_STATUSES,
    CHECK_METHODS,
    FACILITATOR,
    PHASES,
    PROXY_PREFIX,
    Action,
    Change,
    Contribution,
    Meta,
    Participant,
    Rating,
    ReviewItem,
    Script,
    SessionState,
    Step,
    Theme,
    Via,
    Vote,
    from_record,
)
from .ports import SessionStore, Tables
from .redaction import ACTION_TEXT_FIELDS, flags
from .results import RatingResults, VoteItem, VoteResults, tally_ratings, tally_votes, vote_items
from .review import RowLike, answer, items_from_rows, overdue, review_steps
from .script import parse_script
from .state_index import StateIndex, indexed_tuples_unchanged

Listener = Callable[[ev.Event], None]

MAX_CARD_LENGTH = 500
MAX_NAME_LENGTH = 80
META_KEY = "session"
SCRIPT_KEY = "copy"
# Warn when this share of a step's time is left (and always in its last minute).
WARN_SHARE = 0.2


@dataclass(frozen=True)
class Timebox:
    """How a step is doing against its timebox, in seconds."""

    step_id: str
    planned: float
    elapsed: float
    remaining: float  # 0 once over time
    overrun: float  # 0 while in time
    warning: bool  # near the end (last 20% or last minute), or over


@dataclass
class _Batch:
    changes: list[Change]
    events: list[Callable[[int], ev.Event]]
    start_state: SessionState


class SessionService:
    """Runs one session. Holds the current immutable SessionState and replaces it on every command.

    Every public command either raises DomainError and changes nothing, or returns after its change
    is on disk (StoreWriteError if it could not be written: then nothing changed either).
    """

    def __init__(self, state: SessionState, store: SessionStore, clock: Clock = utc_now) -> None:
        self._state = state
        self._store = store
        self._clock = clock
        self._listeners: list[Listener] = []
        self._batch: _Batch | None = None
        self._index: StateIndex | None = None
        # Answers computed from one snapshot (vote items, tallies), kept until the snapshot changes: after
        # each change every phone asks for its page, and each page needs the same ones.
        self._memo: tuple[SessionState, dict[tuple[str, str], object]] = (state, {})
        self._write_failures = 0
        self._write_problem = ""

    # ----- starting and resuming ---------------------------------------------------------------

    @classmethod
    def start(
        cls,
        script: Script,
        *,
        team: str,
        store: SessionStore,
        session_id: str,
        organisation: str = "",
        clock: Clock = utc_now,
    ) -> SessionService:
        """Start a new session of `script` for `team`, keeping a copy of the script as it is now.

        Returns the service. Raises DomainError when the team name is missing or too long.
        """
        team = _clean_name(team, "session.team_required")
        now = clock()
        meta = Meta(
            id=session_id,
            script_id=script.id,
            title=script.title,
            team=team,
            organisation=organisation.strip()[:MAX_NAME_LENGTH],
            created_at=now.isoformat(),
            entered_at=now.isoformat(),
            join_token=new_join_token(),
            web_secret=new_web_secret(),
        )
        state = SessionState(meta=meta, script=script)
        service = cls(state, store, clock)
        store.write(
            [
                Change("script", SCRIPT_KEY, {"text": script.text, "path": script.path}),
                Change("meta", META_KEY, asdict(meta)),
            ]
        )
        return service

    @classmethod
    def resume(cls, store: SessionStore, *, clock: Clock = utc_now) -> SessionService:
        """Resume the session held in `store` exactly where it was.

        Raises ScriptErrors if the stored copy of the script no longer parses (it was edited by hand).
        A session from before join tokens were kept gets its join token and cookie key now (written
        with this resume, or with the next change if the disk refuses now).
        """
        service = cls(state_from_tables(store.read()), store, clock)
        meta = service._state.meta
        paused = meta.status == "open" and not meta.entered_at
        if not meta.join_token or not meta.web_secret or paused:
            meta = replace(
                meta, join_token=meta.join_token or new_join_token(), web_secret=meta.web_secret or new_web_secret()
            )
            if paused:  # released by a program that closed normally: the step's clock runs again from now
                meta = replace(meta, entered_at=clock().isoformat())
            service._state = replace(service._state, meta=meta)
            try:
                store.write([Change("meta", META_KEY, asdict(meta))])
            except StoreWriteError:
                pass  # kept in memory; every later change of the session writes the whole meta record
        return service

    # ----- reading ----------------------------------------------------------------------------

    @property
    def state(self) -> SessionState:
        """The current snapshot. It never changes; a command replaces it."""
        return self._state

    def participant(self, participant_id: str) -> Participant | None:
        """Return the participant with this id, or None when nobody joined with it."""
        return self._indexed().participants.get(participant_id)

    def card(self, card_id: str) -> Contribution | None:
        """Return the card with this id, or None when there is none."""
        return self._card_or_none(card_id)

    @property
    def store_problem(self) -> str:
        """Why the last write failed ("" while writes succeed): show it to the facilitator."""
        return self._write_problem

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` with every event from now on; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def timebox(self, step_id: str | None = None) -> Timebox:
        """Return how the step (default: the current one) is doing against its timebox."""
        step = self._step(step_id)
        meta = self._state.meta
        elapsed = dict(meta.spent).get(step.id, 0.0)
        if step.id == self._state.step.id and meta.entered_at and meta.status == "open":
            elapsed += max(0.0, (self._clock() - datetime.fromisoformat(meta.entered_at)).total_seconds())
        planned = step.minutes * 60.0
        remaining = max(0.0, planned - elapsed)
        return Timebox(
            step_id=step.id,
            planned=planned,
            elapsed=elapsed,
            remaining=remaining,
            overrun=max(0.0, elapsed - planned),
            warning=remaining <= max(60.0, planned * WARN_SHARE),
        )

    def vote_items(self, step_id: str | None = None) -> tuple[VoteItem, ...]:
        """Return what can be voted on in a vote step (default: the current step)."""
        step = self._step_of_kind(step_id, "vote", "vote.not_vote_step")
        return self._memoised("vote_items", step, vote_items)  # type: ignore[return-value]

    def vote_results(self, step_id: str | None = None) -> VoteResults:
        """Return the ranked tally of a vote step, revealed or not (the caller decides who sees it)."""
        step = self._step_of_kind(step_id, "vote", "vote.not_vote_step")
        return self._memoised("vote_results", step, tally_votes)  # type: ignore[return-value]

    def rating_results(self, step_id: str | None = None) -> RatingResults:
        """Return the answer distribution per statement of a step with a scale."""
        step = self._step(step_id)
        if step.scale_spec is None:
            raise DomainError("rate.not_rate_step", step=step.title)
        return self._memoised("rating_results", step, tally_ratings)  # type: ignore[return-value]

    def _memoised(self, what: str, step: Step, compute: Callable[[SessionState, Step], object]) -> object:
        """Return compute(state, step) for the current snapshot, computing it once per snapshot."""
        state, memo = self._memo
        if state is not self._state:
            state, memo = self._state, {}
            self._memo = (state, memo)
        key = (what, step.id)
        if key not in memo:
            memo[key] = compute(state, step)
        return memo[key]

    def room_results(self, step_id: str | None = None) -> VoteResults | RatingResults | None:
        """Return what the room (projector, phones) may see of a step's results: None until revealed."""
        step = self._step(step_id)
        if not self._state.is_revealed(step.id):
            return None
        if step.kind == "vote":
            return self.vote_results(step.id)
        if step.scale_spec is not None:
            return self.rating_results(step.id)
        return None

    def dots_of(self, voter: str, step_id: str | None = None) -> dict[str, int]:
        """Return `voter`'s dots in a vote step: item id -> how many."""
        step = self._step_of_kind(step_id, "vote", "vote.not_vote_step")
        mine: dict[str, int] = {}
        for vote in self._indexed().dots.get((step.id, voter), ()):
            mine[vote.item_id] = mine.get(vote.item_id, 0) + 1
        return mine

    def answers_of(self, voter: str, step_id: str | None = None) -> dict[int, str]:
        """Return `voter`'s answers in a step with a scale: statement number -> value."""
        step = self._step(step_id)
        idx = self._indexed()
        if not idx.ratings_unique:  # a hand-edited file: the last answer per statement, as a scan finds it
            return {r.statement: r.value for r in self._state.ratings if r.step_id == step.id and r.voter == voter}
        found = (idx.ratings.get(f"{step.id}:{n}:{voter}") for n in range(len(step.rated_statements)))
        return {self._state.ratings[i].statement: self._state.ratings[i].value for i in found if i is not None}

    def dots_left(self, voter: str, step_id: str | None = None) -> int:
        """Return how many dots `voter` can still place in a vote step."""
        step = self._step_of_kind(step_id, "vote", "vote.not_vote_step")
        return step.dots - len(self._indexed().dots.get((step.id, voter), ()))

    # ----- group commit ------------------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group the commands inside into one disk write (group commit).

        Nothing inside counts as done until the block ends: then all changes are written at once and
        the events follow. If the write fails, the state goes back to what it was before the block.
        Commands that raise DomainError inside the block change nothing; the others still count.
        """
        if self._batch is not None:
            yield
            return
        self._batch = _Batch(changes=[], events=[], start_state=self._state)
        try:
            yield
        finally:
            # A command that raised changed nothing, so the state holds exactly the valid commands.
            batch, self._batch = self._batch, None
            if batch.changes:
                self._flush(batch)

    def _flush(self, batch: _Batch) -> None:
        try:
            self._store.write(batch.changes)
        except Exception as exc:
            self._state = batch.start_state
            if isinstance(exc, StoreWriteError):
                self._write_failed(exc)
            raise
        self._write_ok()
        for make in batch.events:
            self._emit(make(self._state.version))

    # ----- navigation ----------------------------------------------------------------------------

    def advance(self) -> Step:
        """Go to the next step; returns it. Raises DomainError at the last step."""
        if self._state.meta.current + 1 >= len(self._state.script.steps):
            raise DomainError("session.at_end")
        return self._go(self._state.meta.current + 1)

    def back(self) -> Step:
        """Go to the previous step; returns it. Raises DomainError at the first step."""
        if self._state.meta.current == 0:
            raise DomainError("session.at_start")
        return self._go(self._state.meta.current - 1)

    def go_to(self, step_id: str) -> Step:
        """Jump to the step `step_id`; returns it. Raises DomainError for an unknown step."""
        return self._go(self._state.script.index(self._step(step_id).id))

    def _go(self, index: int) -> Step:
        self._require_open()
        meta = self._state.meta
        now = self._clock()
        spent = dict(meta.spent)
        current = self._state.step.id
        if meta.entered_at:
            spent[current] = spent.get(current, 0.0) + max(
                0.0, (now - datetime.fromisoformat(meta.entered_at)).total_seconds()
            )
        # Leaving a vote step closes its voting, so no phone keeps voting on a step the room left.
        voting = tuple(s for s in meta.voting_open if s != current)
        new_meta = replace(
            meta, current=index, spent=tuple(spent.items()), entered_at=now.isoformat(), voting_open=voting
        )
        step = self._state.script.steps[index]
        with self.batch():
            self._commit_meta(new_meta, lambda v: ev.StepChanged(v, step_id=step.id, index=index))
            if step.kind == "group" and not self._state.themes_of(step.id):
                # The script's own themes (e.g. mens, organisatie, techniek, cliënt) are there at once.
                for name in step.themes:
                    self.create_theme(name, step.id)
        return step

    # ----- people ----------------------------------------------------------------------------------

    def join(self, participant_id: str | None = None, nickname: str | None = None) -> Participant:
        """Register a phone (or a person without one, by proxy); returns the participant.

        Joining again with a known id returns the same participant and writes nothing.
        """
        existing = self._participant(participant_id) if participant_id else None
        if existing:
            return existing
        self._require_open()
        pid = participant_id or secrets.token_urlsafe(12)
        nick = (nickname or "").strip()[:MAX_NAME_LENGTH] or None
        participant = Participant(id=pid, joined_at=self._clock().isoformat(), nickname=nick)
        state = replace(self._state, participants=self._state.participants + (participant,))
        self._commit(
            state,
            [_put("participants", pid, participant)],
            lambda v: ev.ParticipantJoined(v, participant=participant),
            index=lambda idx: idx.participants.setdefault(pid, participant),
        )
        return participant

    def add_proxy(self) -> Participant:
        """Add a person in the room without a phone, for whom the facilitator votes and rates."""
        n = len(self._state.proxies) + 1
        return self.join(f"{PROXY_PREFIX}{n}", nickname=f"Zonder telefoon {n}")

    def set_details(
        self, *, team: str | None = None, organisation: str | None = None, headcount: int | None = None
    ) -> None:
        """Change the team name, organisation or the number of people in the room."""
        meta = self._state.meta
        if team is not None:
            meta = replace(meta, team=_clean_name(team, "session.team_required"))
        if organisation is not None:
            meta = replace(meta, organisation=organisation.strip()[:MAX_NAME_LENGTH])
        if headcount is not None:
            meta = replace(meta, headcount=max(0, int(headcount)))
        self._commit_meta(meta, lambda v: ev.SessionDetailsChanged(v))

    @property
    def participant_count(self) -> int:
        """People who took part: the head count when the facilitator gave one, else those who joined."""
        return max(self._state.meta.headcount, len(self._state.participants))

    # ----- contributions ---------------------------------------------------------------------------

    def add_contribution(
        self,
        text: str,
        *,
        step_id: str | None = None,
        author: str = FACILITATOR,
        via: Via | None = None,
        category: str | None = None,
    ) -> Contribution:
        """Add a card to a step (default: the current one); returns it.

        A participant can only add to the current step; the facilitator (and proxies) to any step that
        collects cards. Raises DomainError for empty or too long text, a step that does not collect,
        or a category the step does not have.
        """
        self._require_open()
        via = via or ("facilitator" if author == FACILITATOR else "participant")
        step = self._step(step_id)
        if via == "participant":
            self._require_participant(author)
            if step.id != self._state.step.id:
                raise DomainError("card.step_closed")
        if not step.collects_text:
            raise DomainError("card.not_collecting", step=step.title)
        text = _clean_text(text)
        category = self._check_category(step, category)
        number = len(self._state.contributions) + 1
        # The card is kept either way; a flagged one is masked for the room and redacted in exports, and
        # the sender reads why from `card.privacy` (privacy.notice).
        card = Contribution(
            id=f"c{number}",
            step_id=step.id,
            text=text,
            author=author,
            via=via,
            created_at=self._clock().isoformat(),
            category=category,
            privacy=flags(text, today=self._clock().date()),
        )
        position = len(self._state.contributions)
        state = replace(self._state, contributions=self._state.contributions + (card,))
        self._commit(
            state,
            [_put("contributions", card.id, card)],
            lambda v: ev.ContributionAdded(v, card=card),
            index=lambda idx: idx.add_card(card.id, position),
        )
        return card

    def edit_contribution(
        self, card_id: str, text: str, *, by: str = FACILITATOR, category: str | None = None
    ) -> Contribution:
        """Change a card's text (the facilitator, or its own author while its step is current)."""
        card = self._card(card_id)
        if by != FACILITATOR:
            if card.author != by:
                raise DomainError("card.not_yours")
            if card.step_id != self._state.step.id:
                raise DomainError("card.step_closed")
        step = self._state.script.step(card.step_id)
        new_category = self._check_category(step, category) if category is not None else card.category
        text = _clean_text(text)
        kinds = flags(text, today=self._clock().date())
        # A release covered the text the facilitator saw; new personal data needs a new look.
        released = card.released and set(kinds) <= set(card.privacy)
        return self._replace_card(
            replace(card, text=text, category=new_category, edited=True, privacy=kinds, released=released)
        )

    def release_card(self, card_id: str, released: bool = True) -> Contribution:
        """Show a flagged card unmasked to the room and unredacted in exports (or mask it again); returns it.

        The facilitator decides this after looking at the card. Raises DomainError for an unknown card.
        """
        return self._replace_card(replace(self._card(card_id), released=released))

    def hide_contribution(self, card_id: str, hidden: bool = True) -> Contribution:
        """Hide a card from the room (moderation) or show it again; returns the card."""
        return self._replace_card(replace(self._card(card_id), hidden=hidden))

    def choose_categories(self, names: list[str] | tuple[str, ...], step_id: str | None = None) -> tuple[str, ...]:
        """Choose which of a collect step's categories this group works on (the script's `pick`)."""
        self._require_open()
        step = self._step(step_id)
        chosen = tuple(dict.fromkeys(n.strip() for n in names if n.strip()))
        limit = step.pick or len(step.categories)
        if not chosen or len(chosen) > limit or any(n not in step.categories for n in chosen):
            raise DomainError("category.bad_choice", pick=limit, expected=", ".join(step.categories))
        others = tuple((k, v) for k, v in self._state.meta.chosen_categories if k != step.id)
        meta = replace(self._state.meta, chosen_categories=others + ((step.id, chosen),))
        self._commit_meta(meta, lambda v: ev.CategoriesChosen(v, step_id=step.id, categories=chosen))
        return chosen

    # ----- themes ----------------------------------------------------------------------------------

    def create_theme(self, name: str, step_id: str | None = None) -> Theme:
        """Create a named theme in a group step (default: the current step); returns it."""
        self._require_open()
        step = self._step_of_kind(step_id, "group", "group.not_group_step")
        name = self._theme_name(step.id, name)
        number = 1 + max((int(t.id[1:]) for t in self._state.themes), default=0)
        theme = Theme(id=f"t{number}", step_id=step.id, name=name)
        state = replace(self._state, themes=self._state.themes + (theme,))
        self._commit(state, [_put("themes", theme.id, theme)], lambda v: ev.ThemeChanged(v, theme=theme))
        return theme

    def start_preset_themes(self, step_id: str | None = None) -> tuple[Theme, ...]:
        """Create the themes the script lists for a group step (once); returns the step's themes."""
        step = self._step_of_kind(step_id, "group", "group.not_group_step")
        existing = {t.name.lower() for t in self._state.themes_of(step.id)}
        with self.batch():
            for name in step.themes:
                if name.lower() not in existing:
                    self.create_theme(name, step.id)
        return self._state.themes_of(step.id)

    def rename_theme(self, theme_id: str, name: str) -> Theme:
        """Give a theme a new name; returns it."""
        self._require_open()
        theme = self._theme(theme_id)
        renamed = replace(theme, name=self._theme_name(theme.step_id, name, ignore=theme.id))
        state = replace(self._state, themes=tuple(renamed if t.id == theme.id else t for t in self._state.themes))
        self._commit(state, [_put("themes", theme.id, renamed)], lambda v: ev.ThemeChanged(v, theme=renamed))
        return renamed

    def remove_theme(self, theme_id: str) -> None:
        """Remove a theme; its cards become ungrouped again."""
        self._require_open()
        theme = self._theme(theme_id)
        cards = [replace(c, theme_id=None) for c in self._state.contributions if c.theme_id == theme.id]
        freed = {c.id: c for c in cards}
        state = replace(
            self._state,
            themes=tuple(t for t in self._state.themes if t.id != theme.id),
            contributions=tuple(freed.get(c.id, c) for c in self._state.contributions),
        )
        changes = [Change("themes", theme.id, None)] + [_put("contributions", c.id, c) for c in cards]
        # Cards keep their places, so the index stays right.
        self._commit(state, changes, lambda v: ev.ThemeRemoved(v, theme_id=theme.id), index=_unchanged)

    def group_card(self, card_id: str, theme_id: str | None) -> Contribution:
        """Put a card into a theme, or take it out with theme_id None; returns the card."""
        self._require_open()
        card = self._card(card_id)
        if theme_id is not None:
            theme = self._theme(theme_id)
            group_step = self._state.script.step(theme.step_id)
            if card.step_id not in group_step.source:
                raise DomainError("group.card_not_in_source")
        return self._replace_card(replace(card, theme_id=theme_id))

    # ----- voting ------------------------------------------------------------------------------

    def open_voting(self, step_id: str | None = None) -> None:
        """Open voting in a vote step (default: the current one)."""
        self._require_open()
        step = self._step_of_kind(step_id, "vote", "vote.not_vote_step")
        if self._state.is_voting_open(step.id):
            return
        meta = replace(self._state.meta, voting_open=self._state.meta.voting_open + (step.id,))
        self._commit_meta(meta, lambda v: ev.VotingOpened(v, step_id=step.id))

    def close_voting(self, step_id: str | None = None) -> None:
        """Close voting in a vote step; casting and withdrawing are refused from then on."""
        step = self._step_of_kind(step_id, "vote", "vote.not_vote_step")
        if not self._state.is_voting_open(step.id):
            return
        meta = replace(self._state.meta, voting_open=tuple(s for s in self._state.meta.voting_open if s != step.id))
        self._commit_meta(meta, lambda v: ev.VotingClosed(v, step_id=step.id))

    def cast_vote(self, item_id: str, *, voter: str, via: Via = "participant", step_id: str | None = None) -> Vote:
        """Place one dot of `voter` on `item_id`; returns the vote.

        Raises DomainError when voting is closed, the item is unknown, the voter's budget is spent,
        or the item already has the most dots one person may give it.
        """
        self._require_open()
        step = self._voting_step(step_id)
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
            [_put("votes", vote.id, vote)],
            lambda v: ev.VoteCast(v, vote=vote),
            index=lambda idx: idx.add_vote(vote),
        )
        return vote

    def withdraw_vote(self, item_id: str, *, voter: str, step_id: str | None = None) -> Vote:
        """Take back one of `voter`'s dots from `item_id`; returns the vote taken back."""
        self._require_open()
        step = self._voting_step(step_id)
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

    # ----- ratings ------------------------------------------------------------------------------

    def rate(
        self, statement: int, value: str, *, voter: str, via: Via = "participant", step_id: str | None = None
    ) -> Rating:
        """Give (or change) `voter`'s answer on one statement; returns the rating.

        One answer per person per statement: a second answer replaces the first. A participant can
        only answer in the current step.
        """
        self._require_open()
        step = self._step(step_id)
        scale = step.scale_spec
        if scale is None:
            raise DomainError("rate.not_rate_step", step=step.title)
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
        update: Callable[[StateIndex], object] | None
        if position is not None and idx.ratings_unique:
            # A second answer always replaced the first, so only this place holds the key.
            ratings = ratings[:position] + (rating,) + ratings[position + 1 :]
            update = _unchanged
        elif position is not None:  # a key held twice (a hand-edited file): replace every one, as always
            ratings = tuple(rating if r.key == key else r for r in ratings)
            update = None
        else:
            position = len(ratings)
            ratings += (rating,)
            update = lambda idx: idx.ratings.setdefault(key, position)
        state = replace(self._state, ratings=ratings)
        self._commit(state, [_put("ratings", key, rating)], lambda v: ev.RatingGiven(v, rating=rating), index=update)
        return rating

    def reveal(self, step_id: str | None = None, revealed: bool = True) -> None:
        """Show a step's results to the room (or hide them again)."""
        self._require_open()
        step = self._step(step_id)
        if (step.id in self._state.meta.revealed) == revealed:
            return
        current = tuple(s for s in self._state.meta.revealed if s != step.id)
        meta = replace(self._state.meta, revealed=current + ((step.id,) if revealed else ()))
        self._commit_meta(meta, lambda v: ev.ResultsRevealed(v, step_id=step.id, revealed=revealed))

    # ----- actions ------------------------------------------------------------------------------

    def add_action(self, what: str, *, owner: str, due: str, **fields_: str | None) -> Action:
        """Add a PDCA action agreed by the group; returns it.

        Extra fields: why, theme_id, check_method, indicator, check_date, status, phase, result,
        act_decision, feedback. Raises DomainError for a missing what/owner/due, a date that is not a
        date or lies before the session (due) or the due date (check_date), or a value outside its list.
        """
        self._require_open()
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
        action = self._validated_action(draft, dict(fields_, what=what, owner=owner, due=due))
        state = replace(self._state, actions=self._state.actions + (action,))
        self._commit(state, [_put("actions", action.id, action)], lambda v: ev.ActionChanged(v, action=action))
        return action

    def update_action(self, action_id: str, **fields_: str | None) -> Action:
        """Change fields of an action (same rules as add_action); returns it."""
        self._require_open()
        current = next((a for a in self._state.actions if a.id == action_id), None)
        if current is None:
            raise DomainError("action.unknown")
        action = self._validated_action(current, fields_)
        state = replace(self._state, actions=tuple(action if a.id == action_id else a for a in self._state.actions))
        self._commit(state, [_put("actions", action.id, action)], lambda v: ev.ActionChanged(v, action=action))
        return action

    def remove_action(self, action_id: str) -> None:
        """Remove an action that was added by mistake."""
        self._require_open()
        if not any(a.id == action_id for a in self._state.actions):
            raise DomainError("action.unknown")
        state = replace(self._state, actions=tuple(a for a in self._state.actions if a.id != action_id))
        self._commit(state, [Change("actions", action_id, None)], lambda v: ev.ActionRemoved(v, action_id=action_id))

    def release_action(self, action_id: str, released: bool = True) -> Action:
        """Let an action's flagged text into exports and the plan unredacted (or redact it again); returns it."""
        self._require_open()
        current = next((a for a in self._state.actions if a.id == action_id), None)
        if current is None:
            raise DomainError("action.unknown")
        action = replace(current, released=released)
        state = replace(self._state, actions=tuple(action if a.id == action_id else a for a in self._state.actions))
        self._commit(state, [_put("actions", action.id, action)], lambda v: ev.ActionChanged(v, action=action))
        return action

    # ----- review of open actions (domain.md §3) ----------------------------------------------------

    def load_review_actions(self, rows: Sequence[RowLike]) -> tuple[ReviewItem, ...]:
        """Put the open actions of the team's plan (plan.open_actions) into this session; returns them.

        Loading again (the plan changed) refreshes the actions not yet discussed and keeps the answers
        already given. Raises DomainError when the script has no review step of acties.
        """
        self._require_open()
        if not review_steps(self._state.script):
            raise DomainError("review.no_step")
        items = items_from_rows(rows, self._state.reviews, today=self._clock().date())
        changes = [Change("reviews", r.plan_id, None) for r in self._state.reviews]
        changes += [_put("reviews", item.plan_id, item) for item in items]
        state = replace(self._state, reviews=items)
        self._commit(state, changes, lambda v: ev.ReviewActionsLoaded(v, count=len(items)))
        return items

    def review_action(
        self,
        plan_id: str,
        *,
        status: str | None = None,
        result: str | None = None,
        act_decision: str | None = None,
        feedback: str | None = None,
    ) -> ReviewItem:
        """Record the group's answers for one open action: status, result, act decision, terugkoppeling.

        Answers left None stay as they were. A status of gepland, bezig or uitgesteld means the action
        carries over to the next cycle. Returns the item; raises DomainError for an unknown action or a
        value outside its list.
        """
        self._require_open()
        item = self._review(plan_id)
        updated = answer(
            item, status=status, result=result, act_decision=act_decision, feedback=feedback, today=self._clock().date()
        )
        return self._replace_review(updated)

    def release_review(self, plan_id: str, released: bool = True) -> ReviewItem:
        """Show a flagged review item unmasked and export its answers unredacted (or not); returns it."""
        self._require_open()
        return self._replace_review(replace(self._review(plan_id), released=released))

    def overdue_reviews(self) -> tuple[ReviewItem, ...]:
        """Return the open actions whose check date lies before this session's date and that are not done."""
        return overdue(self._state.reviews, datetime.fromisoformat(self._state.meta.created_at).date())

    def _review(self, plan_id: str) -> ReviewItem:
        item = next((r for r in self._state.reviews if r.plan_id == plan_id), None)
        if item is None:
            raise DomainError("review.unknown")
        return item

    def _replace_review(self, item: ReviewItem) -> ReviewItem:
        state = replace(
            self._state, reviews=tuple(item if r.plan_id == item.plan_id else r for r in self._state.reviews)
        )
        self._commit(state, [_put("reviews", item.plan_id, item)], lambda v: ev.ActionReviewed(v, item=item))
        return item

    def _validated_action(self, action: Action, changes: dict[str, str | None]) -> Action:
        editable = {f.name for f in fields(Action)} - {
            "id",
            "session_id",
            "cycle",
            "step_id",
            "carried_over",
            "privacy",
            "released",
        }
        for key in changes:
            if key not in editable:
                raise DomainError("action.unknown_field", field=key)
        values = {k: ("" if v is None else str(v).strip()) for k, v in changes.items()}
        if "theme_id" in values:
            theme_id = values["theme_id"] or None
            if theme_id is not None:
                self._theme(theme_id)
            action = replace(action, theme_id=theme_id)
            del values["theme_id"]
        for key in ("due", "check_date"):
            if values.get(key):
                values[key] = parse_date(values[key]).isoformat()
        choices = {
            "status": ACTION_STATUSES,
            "check_method": CHECK_METHODS,
            "act_decision": ACT_DECISIONS,
            "phase": PHASES,
        }
        for key, allowed in choices.items():
            if values.get(key) and values[key] not in allowed:
                raise DomainError("action.bad_choice", field=key, expected=", ".join(allowed))
        action = replace(action, **{k: v[:MAX_CARD_LENGTH] for k, v in values.items()})
        if not action.what:
            raise DomainError("action.what_required")
        if not action.owner:
            raise DomainError("action.owner_required")
        if not action.due:
            raise DomainError("action.due_required")
        session_day = datetime.fromisoformat(self._state.meta.created_at).date().isoformat()
        if action.due < session_day:
            raise DomainError("action.due_before_session", due=action.due, session=session_day)
        if action.check_date and action.check_date < action.due:
            raise DomainError("action.check_before_due", check=action.check_date, due=action.due)
        kinds = flags(*(getattr(action, f) for f in ACTION_TEXT_FIELDS), today=self._clock().date())
        return replace(action, privacy=kinds, released=action.released and set(kinds) <= set(action.privacy))

    # ----- closing --------------------------------------------------------------------------------

    def close_session(self, closed: bool = True) -> None:
        """Mark the session closed (nothing more can be added) or open it again."""
        if (self._state.meta.status == "closed") == closed:
            return
        meta = self._state.meta
        if closed:
            spent = dict(meta.spent)
            current = self._state.step.id
            spent[current] = self.timebox().elapsed
            meta = replace(meta, spent=tuple(spent.items()), voting_open=())
        else:
            meta = replace(meta, entered_at=self._clock().isoformat())
        meta = replace(meta, status="closed" if closed else "open")
        self._commit_meta(meta, lambda v: ev.SessionClosed(v, closed=closed))

    def release(self) -> None:
        """Stop running the session in this program: the store (and its lock) is closed; data stays.

        The current step's clock pauses until the session is resumed (a lunch break or the next day
        does not count as overrun). After a crash there is no release, so that time does count.
        """
        meta = self._state.meta
        if meta.status == "open" and meta.entered_at:
            spent = dict(meta.spent)
            spent[self._state.step.id] = self.timebox().elapsed
            try:
                self._commit_meta(
                    replace(meta, spent=tuple(spent.items()), entered_at=""), lambda v: ev.SessionDetailsChanged(v)
                )
            except WorkshopError:
                pass  # the disk refuses: the clock simply keeps running, nothing else is lost
        self._store.close()

    # ----- internals ------------------------------------------------------------------------------

    def _commit(
        self,
        state: SessionState,
        changes: list[Change],
        event: Callable[[int], ev.Event],
        index: Callable[[StateIndex], object] | None = None,
    ) -> None:
        """Make `state` current once `changes` are stored; `index` updates the lookups to match it.

        Without `index` the lookups are kept only when the indexed tuples did not change, else rebuilt
        on their next use: a command can forget to pass one and still be right, only slower.
        """
        old = self._state
        state = replace(state, version=old.version + 1)
        if self._batch is None:
            try:
                self._store.write(changes)
            except StoreWriteError as err:
                self._write_failed(err)
                raise
            self._write_ok()
        else:
            self._batch.changes.extend(changes)
            self._batch.events.append(event)
        self._state = state
        idx = self._index
        if idx is not None and idx.describes(old):
            if index is not None:
                index(idx)
                idx.state = state
            elif indexed_tuples_unchanged(old, state):
                idx.state = state
        if self._batch is None:
            self._emit(event(state.version))

    def _write_failed(self, err: StoreWriteError) -> None:
        """Tell listeners the disk refused a write (the state is already as before it)."""
        self._write_failures += 1
        self._write_problem = str(err.params.get("reason") or err)
        self._emit(
            ev.StoreHealthChanged(
                self._state.version, ok=False, reason=self._write_problem, failures=self._write_failures
            )
        )

    def _write_ok(self) -> None:
        """After failed writes, tell listeners that writing works again (once)."""
        if self._write_failures:
            self._write_failures = 0
            self._write_problem = ""
            self._emit(ev.StoreHealthChanged(self._state.version, ok=True))

    def _indexed(self) -> StateIndex:
        """The lookups for the current snapshot, rebuilt when they belong to another one."""
        idx = self._index
        if idx is None or not idx.describes(self._state):
            idx = self._index = StateIndex(self._state)
        return idx

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

    def _commit_meta(self, meta: Meta, event: Callable[[int], ev.Event]) -> None:
        self._commit(replace(self._state, meta=meta), [Change("meta", META_KEY, asdict(meta))], event)

    def _emit(self, event: ev.Event) -> None:
        for listener in list(self._listeners):
            listener(event)

    def _require_open(self) -> None:
        if self._state.meta.status != "open":
            raise DomainError("session.closed")

    def _require_participant(self, pid: str) -> None:
        if pid != FACILITATOR and self._participant(pid) is None:
            raise DomainError("participant.unknown")

    def _participant(self, pid: str) -> Participant | None:
        return self._indexed().participants.get(pid)

    def _step(self, step_id: str | None) -> Step:
        if step_id is None:
            return self._state.step
        try:
            return self._state.script.step(step_id)
        except KeyError:
            raise DomainError("session.no_such_step", step=step_id) from None

    def _step_of_kind(self, step_id: str | None, kind: str, code: str) -> Step:
        step = self._step(step_id)
        if step.kind != kind:
            raise DomainError(code, step=step.title)
        return step

    def _voting_step(self, step_id: str | None) -> Step:
        step = self._step_of_kind(step_id, "vote", "vote.not_vote_step")
        if not self._state.is_voting_open(step.id):
            raise DomainError("vote.closed")
        return step

    def _card(self, card_id: str) -> Contribution:
        card = self._card_or_none(card_id)
        if card is None:
            raise DomainError("card.unknown")
        return card

    def _card_or_none(self, card_id: str) -> Contribution | None:
        position = self._indexed().cards.get(card_id)
        return None if position is None else self._state.contributions[position]

    def _replace_card(self, card: Contribution) -> Contribution:
        self._require_open()
        cards = self._state.contributions
        idx = self._indexed()
        position = idx.cards.get(card.id)
        if position is not None and idx.cards_unique:
            contributions = cards[:position] + (card,) + cards[position + 1 :]
            update: Callable[[StateIndex], object] | None = _unchanged
        else:  # a card id held twice (never made by the service): replace every one, as always
            contributions = tuple(card if c.id == card.id else c for c in cards)
            update = None
        state = replace(self._state, contributions=contributions)
        self._commit(
            state, [_put("contributions", card.id, card)], lambda v: ev.ContributionChanged(v, card=card), index=update
        )
        return card

    def _theme(self, theme_id: str) -> Theme:
        theme = next((t for t in self._state.themes if t.id == theme_id), None)
        if theme is None:
            raise DomainError("theme.unknown")
        return theme

    def _theme_name(self, step_id: str, name: str, ignore: str | None = None) -> str:
        name = _clean_name(name, "theme.name_required")
        if any(t.name.lower() == name.lower() and t.id != ignore for t in self._state.themes_of(step_id)):
            raise DomainError("theme.name_taken", name=name)
        return name

    def _check_category(self, step: Step, category: str | None) -> str | None:
        categories = self._state.categories(step.id)
        if not categories:
            return None
        if category is None or not category.strip():
            if len(categories) == 1:
                return categories[0]
            if category is None:
                return None  # the facilitator can sort it later
            raise DomainError("card.category_required", expected=", ".join(categories))
        match = next((c for c in categories if c.lower() == category.strip().lower()), None)
        if match is None:
            raise DomainError("card.unknown_category", expected=", ".join(categories))
        return match


def _unchanged(index: StateIndex) -> None:
    """An index update for a command that keeps every indexed record in its place."""


def new_join_token() -> str:
    """Return a fresh, unguessable join token for the URL in the QR code (22 URL-safe characters)."""
    return secrets.token_urlsafe(16)


def new_web_secret() -> str:
    """Return a fresh key (64 hex digits) for signing the phones' cookies and form tokens."""
    return secrets.token_hex(32)


# ----- records ---------------------------------------------------------------------------------------


def _put(table: str, key: str, value: object) -> Change:
    return Change(table, key, asdict(value))  # type: ignore[call-overload]


@contextmanager
def _stored_records() -> Iterator[None]:
    """Turn records that do not fit the model (a JSON file that is not a session) into a clear error."""
    try:
        yield
    except KeyError as exc:
        raise CorruptSessionError("store.not_a_session", reason=f"'{exc.args[0]}' ontbreekt") from None
    except (TypeError, ValueError, AttributeError, IndexError):
        raise CorruptSessionError("store.not_a_session", reason="gegevens passen niet") from None


def state_from_tables(tables: Tables) -> SessionState:
    """Rebuild a SessionState from stored records (the inverse of what the service writes).

    Raises ScriptErrors when the stored script copy no longer parses, CorruptSessionError when the
    records are not a session's.
    """
    meta, script = header_from_tables(tables)

    def rows(table: str, cls: type) -> tuple:
        return tuple(from_record(cls, r) for r in tables.get(table, {}).values())

    with _stored_records():
        contributions = sorted(rows("contributions", Contribution), key=lambda c: int(c.id[1:]))
        return SessionState(
            meta=meta,
            script=script,
            participants=rows("participants", Participant),
            contributions=tuple(contributions),
            themes=tuple(sorted(rows("themes", Theme), key=lambda t: int(t.id[1:]))),
            votes=rows("votes", Vote),
            ratings=rows("ratings", Rating),
            actions=tuple(sorted(rows("actions", Action), key=lambda a: int(a.id[1:]))),
            reviews=tuple(sorted(rows("reviews", ReviewItem), key=lambda r: r.order)),
        )


def header_from_tables(tables: Tables) -> tuple[Meta, Script]:
    """Return a stored session's meta and script: what a list of sessions shows, without building every card.

    Raises ScriptErrors when the stored script copy no longer parses, CorruptSessionError when the
    records are not a session's.
    """
    with _stored_records():
        copy = tables["script"][SCRIPT_KEY]
        text, path = copy["text"], copy.get("path", "")
        if not isinstance(text, str) or not isinstance(path, str):
            raise TypeError("script")
        meta = from_record(Meta, tables["meta"][META_KEY])
        meta = replace(meta, spent=tuple((k, float(v)) for k, v in meta.spent))
        script = parse_script(text, path)
        if not (isinstance(meta.current, int) and 0 <= meta.current < len(script.steps)):
            raise ValueError("current")
        if not all(isinstance(getattr(meta, name), str) for name in ("id", "team", "created_at", "status")):
            raise TypeError("meta")
        datetime.fromisoformat(meta.created_at)
        return meta, script


# ----- values ------------------------------------------------------------------------------------------


def _clean_text(text: str) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    # Control characters have no place on a card; they could also confuse a terminal.
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text)
    if not text:
        raise DomainError("card.empty")
    if len(text) > MAX_CARD_LENGTH:
        raise DomainError("card.too_long", length=len(text), limit=MAX_CARD_LENGTH)
    return text


def _clean_name(name: str, code: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise DomainError(code)
    if len(name) > MAX_NAME_LENGTH:
        raise DomainError("card.too_long", length=len(name), limit=MAX_NAME_LENGTH)
    return name


def parse_date(text: str) -> date:
    """Read a date as people type it: 2026-12-01, 1-12-2026 or 01/12/2026. Raises DomainError otherwise."""
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            pass
    raise DomainError("action.bad_date", value=text)
