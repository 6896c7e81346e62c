"""The session service: the one facade both front ends call. Every command validates, persists, then emits an event.

The commands live with their concern (cards.py, voting.py, actions.py) on top of the commit engine
(ledger.py); this module starts and resumes sessions, moves between steps, lets people join, and closes.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial

from . import events as ev
from .actions import ActionCommands
from .cards import CardCommands
from .clock import Clock, utc_now
from .errors import PlanError, StoreWriteError, WorkshopError
from .indicators import IndicatorCommands
from .inputs import (
    MAX_CARD_LENGTH,
    MAX_NAME_LENGTH,
    clean_name,
    clean_organisation,
    new_join_token,
    new_web_secret,
    parse_date,
    parse_headcount,
)
from .model import FACILITATOR, Contribution, Meta, Script, SessionState, Step
from .participant_view import ParticipantView, Progress, ProgressWhat, counted, participant_view, step_done
from .people import PeopleCommands
from .plan_words import status_unsure
from .ports import SessionStore, TeamPlans
from .records import header_from_tables, meta_change, script_change, state_from_tables
from .results import RatingResults, tally
from .review import review_steps, reviewed_step
from .shown import with_looked_back
from .timebox import Timebox, spent_now, time_to_keep, timebox
from .voting import VotingCommands, voting_ended

# The names callers have always imported from here.
__all__ = [
    "MAX_CARD_LENGTH",
    "MAX_NAME_LENGTH",
    "SessionService",
    "Timebox",
    "header_from_tables",
    "new_join_token",
    "new_web_secret",
    "parse_date",
    "state_from_tables",
]


class SessionService(PeopleCommands, CardCommands, VotingCommands, ActionCommands, IndicatorCommands):
    """Runs one session. Holds the current immutable SessionState and replaces it on every command.

    Every public command either raises DomainError and changes nothing, or returns after its change
    is on disk (StoreWriteError if it could not be written: then nothing changed either). `plans` is
    where the team's PDCA plan is read when a review step of acties is entered (None: never).
    """

    def __init__(
        self, state: SessionState, store: SessionStore, clock: Clock = utc_now, plans: TeamPlans | None = None
    ) -> None:
        super().__init__(state, store, clock)
        self._plans = plans
        # Why the open actions could not be read from the plan at the last try (None: read, or not tried): the
        # review step's list says so instead of "no open actions".
        self.actions_not_loaded: WorkshopError | None = None
        # step id -> (who did it, who is here, head count, the progress counted from them): see progress().
        self._progress_memo: dict[str, tuple[object, frozenset[str], int, Progress]] = {}

    # ----- starting and resuming ---------------------------------------------------------------------

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
        plans: TeamPlans | None = None,
    ) -> SessionService:
        """Start a new session of `script` for `team`, keeping a copy of the script as it is now.

        Returns the service. Raises DomainError when the team name is missing or too long. When the
        first step is a review of acties, its open actions are loaded as when that step is entered.
        """
        team = clean_name(team, "session.team_required")
        now = clock()
        meta = Meta(
            id=session_id,
            script_id=script.id,
            title=script.title,
            team=team,
            organisation=clean_organisation(organisation),
            created_at=now.isoformat(),
            entered_at=now.isoformat(),
            join_token=new_join_token(),
            web_secret=new_web_secret(),
            looked_back=(),
        )
        service = cls(SessionState(meta=meta, script=script), store, clock, plans)
        store.write([script_change(script), meta_change(meta)])
        service._entered(script.steps[0])
        return service

    @classmethod
    def resume(cls, store: SessionStore, *, clock: Clock = utc_now, plans: TeamPlans | None = None) -> SessionService:
        """Resume the session held in `store` exactly where it was.

        Raises ScriptErrors if the stored copy of the script no longer parses (it was edited by hand).
        A session from before join tokens were kept gets its join token and cookie key now (written
        with this resume, or with the next change if the disk refuses now).
        """
        service = cls(state_from_tables(store.read()), store, clock, plans)
        meta = service._state.meta
        running = meta.status == "open"
        if not meta.join_token or not meta.web_secret or running:
            meta = replace(
                meta, join_token=meta.join_token or new_join_token(), web_secret=meta.web_secret or new_web_secret()
            )
            if running:
                # The step's clock runs again from now. Released by a program that closed normally, its time was
                # stored then; a program that stopped without closing (a crash, a closed terminal) stored it at most
                # KEEP_SECONDS before (keep_time). The time no program ran the session never counts.
                meta = replace(meta, entered_at=clock().isoformat())
            service._state = replace(service._state, meta=meta)
            try:
                store.write([meta_change(meta)])
            except StoreWriteError:
                pass  # kept in memory; every later change of the session writes the whole meta record
        return service

    # ----- reading -----------------------------------------------------------------------------------

    def today(self) -> date:
        """Return the session's today (its clock's date): what a privacy scan made ahead must scan for."""
        return self._clock().date()

    def timebox(self, step_id: str | None = None) -> Timebox:
        """Return how the step (default: the current one) is doing against its timebox."""
        return timebox(self._state, self._step(step_id), self._clock())

    def participant_view(self, participant_id: str | None, lang: str = "nl") -> ParticipantView:
        """Return everything `participant_id` sees now (None: what the whole room sees), from this snapshot."""
        return participant_view(self, participant_id, lang)

    def progress(self, step_id: str | None = None) -> Progress | None:
        """Return how many people did what a step (default: the current one) asks, out of those here now and those
        who did it (participant_view.progress); None when it asks nothing."""
        step = self._step(step_id)
        done: tuple[ProgressWhat, frozenset[str]] | None = self._memoised(  # type: ignore[assignment]
            "step_done", step, self._step_done
        )
        if done is None:
            return None
        # Every phone's page asks this: counted once per (who did it, who is here), not per page (~80 µs at 1,000).
        here, headcount = self.present(), self._state.meta.headcount
        memo = self._progress_memo.get(step.id)
        if memo is None or memo[0] is not done or memo[1] is not here or memo[2] != headcount:
            memo = (done, here, headcount, counted(done, here, headcount))
            self._progress_memo[step.id] = memo
        return memo[3]

    def _step_done(self, state: SessionState, step: Step) -> tuple[ProgressWhat, frozenset[str]] | None:
        # From the lookups: the step's own cards and voters, not a scan of every card and dot of the session.
        idx = self._indexed()
        cards = state.contributions
        # Who sent a card the room may see: per sender, their cards until one is not hidden (usually the first).
        senders = {
            author
            for author in idx.senders.get(step.id, ())
            if author != FACILITATOR and any(not cards[i].hidden for i in idx.authored[(step.id, author)])
        }
        voters = {voter for (s, voter), dots in idx.dots.items() if s == step.id and dots}
        return step_done(state, step, senders=senders, voters=voters)

    def own_cards(self, author: str, step_id: str | None = None) -> tuple[Contribution, ...]:
        """Return the cards `author` sent in a step (default: the current one), hidden ones too, oldest first."""
        return self._own_cards(author, self._step(step_id).id)

    # ----- navigation --------------------------------------------------------------------------------

    def advance(self) -> Step:
        """Go to the next step; returns it. Raises DomainError at the last step.

        A review step with nothing to go through (`skip_when_empty`: no open actions, or nothing red or
        disputed) is passed over to the step after it, and listeners hear StepSkipped.
        """
        self._require("advance")
        return self._go(self._state.meta.current + 1, direction=1)

    def back(self) -> Step:
        """Go to the previous step; returns it. Raises DomainError at the first step.

        Going back passes over an empty review step too (to the step before it), unless it is the first step.
        """
        self._require("back")
        return self._go(self._state.meta.current - 1, direction=-1)

    def go_to(self, step_id: str) -> Step:
        """Jump to the step `step_id`; returns it.

        The facilitator chose this very step, so an empty review step is entered, not skipped. Choosing the step the
        session is on keeps it there (its clock and its voting go on); a review of acties then reads the team's plan
        again (one repaired after it could not be read). Raises DomainError for an unknown step.
        """
        step = self._step(step_id)
        self._require("go_to", step)
        if step.id == self._state.step.id:
            with self.batch():
                self._read_review_plan(step)
            return step
        return self._go(self._state.script.index(step.id))

    def _go(self, index: int, direction: int = 0) -> Step:
        steps = self._state.script.steps
        skipped: list[tuple[Step, str]] = []
        while direction:
            reason = self._nothing_to_review(steps[index])
            after = index + direction
            if not reason or not 0 <= after < len(steps):
                break
            skipped.append((steps[index], reason))
            index = after
        meta = self._state.meta
        now = self._clock()
        # Leaving a vote step closes its voting, so no phone keeps voting on a step the room left.
        ended = voting_ended(meta, (self._state.step.id,))
        new_meta = replace(ended, current=index, spent=spent_now(self._state, now), entered_at=now.isoformat())
        step = steps[index]
        rated = reviewed_step(self._state.script, step)
        if rated is not None:  # the summary says "Besproken" only of what the room had in view here
            new_meta = with_looked_back(new_meta, step, rated)
        with self.batch():
            for passed, reason in skipped:
                self._notify(partial(_skipped, step=passed, reason=reason))
            self._commit_meta(new_meta, lambda v: ev.StepChanged(v, step_id=step.id, index=index))
            self._entered(step)
        return step

    def _nothing_to_review(self, step: Step) -> str:
        """Why `step` may be skipped ("no_open_actions", "nothing_red"), or "" when it is not to be skipped.

        Only a review step with skip_when_empty, in an open session. For a review of acties the team's plan
        is read first (as entering the step would); a plan that cannot be read is not "empty": the step is
        entered, and the facilitator hears why its actions are missing.
        """
        if step.kind != "review" or not step.skip_when_empty or self._state.meta.status != "open":
            return ""
        rated = reviewed_step(self._state.script, step)
        if rated is not None:
            results = tally(self._state, rated)
            focus = isinstance(results, RatingResults) and any(s.focus for s in results.statements)
            return "" if focus else "nothing_red"
        if step not in review_steps(self._state.script):
            return ""
        try:
            self.load_open_actions()
        except (WorkshopError, OSError):
            return ""
        return "" if self._state.reviews else "no_open_actions"

    def _entered(self, step: Step) -> None:
        """Do what entering `step` brings with it: a group step's own themes, a review step's open actions; an
        actions step the themes of the group steps before it, also when the facilitator jumped past them."""
        steps = self._state.script.steps
        groups = [step] if step.kind == "group" else []
        if step.kind == "actions":  # an action can belong to a theme (Thema): the script's themes are on offer
            groups = [s for s in steps[: steps.index(step)] if s.kind == "group"]
        for group in groups:
            if not self._state.themes_of(group.id):
                # The script's own themes (e.g. mens, organisatie, techniek, cliënt) are there at once.
                with self.batch():
                    for name in group.themes:
                        self.create_theme(name, group.id)
        self._read_review_plan(step)

    def _read_review_plan(self, step: Step) -> None:
        """For a review step of acties in an open session: load the team plan's open actions, or say why not."""
        if step in review_steps(self._state.script) and self._state.meta.status == "open":
            try:
                self.load_open_actions()
            except (WorkshopError, OSError) as err:
                # The step changes all the same; the facilitator hears why the actions are missing.
                problem = err if isinstance(err, WorkshopError) else PlanError("plan.unreadable", reason=err.strerror)
                self.actions_not_loaded = problem
                self._notify(lambda v: ev.ReviewActionsNotLoaded(v, problem=problem))
                return
            self.actions_not_loaded = None
            # A status the plan did not surely say ("klaar? nog navragen") kept the action open: said at once, as
            # `workshop new` and `export` say it, not only in the action's dialog.
            reviews = self._state.reviews
            unsure = tuple((r.plan_id, r.what, r.status) for r in reviews if not r.reviewed and status_unsure(r.status))
            if unsure:
                self._notify(lambda v: ev.ReviewStatusesUnsure(v, items=unsure))

    # ----- details ----------------------------------------------------------------------------------

    def set_details(
        self, *, team: str | None = None, organisation: str | None = None, headcount: int | str | None = None
    ) -> None:
        """Change the team name, organisation or the number of people in the room (0: not counted).

        Raises DomainError for an empty team name or a head count that is not a whole number.
        """
        self._require("set_details")
        meta = self._state.meta
        if team is not None:
            meta = replace(meta, team=clean_name(team, "session.team_required"))
        if organisation is not None:
            meta = replace(meta, organisation=clean_organisation(organisation))
        if headcount is not None:
            meta = replace(meta, headcount=parse_headcount(headcount))
        self._commit_meta(meta, lambda v: ev.SessionDetailsChanged(v))

    # ----- closing -----------------------------------------------------------------------------------

    def close_session(self, closed: bool = True) -> None:
        """Mark the session closed (nothing more can be added) or open it again."""
        if (self._state.meta.status == "closed") == closed:
            return
        meta = self._state.meta
        if closed:
            self._require("close_session")
            meta = replace(voting_ended(meta, meta.voting_open), spent=spent_now(self._state, self._clock()))
        else:
            meta = replace(meta, entered_at=self._clock().isoformat())
        meta = replace(meta, status="closed" if closed else "open")
        self._commit_meta(meta, lambda v: ev.SessionClosed(v, closed=closed))

    def keep_time(self) -> bool:
        """Store the current step's time so far once its running visit is KEEP_SECONDS old (timebox.time_to_keep),
        so that a program that stops without closing loses at most that much and never counts the time it was
        not running (see resume). A front end may call this every second; returns whether it stored anything.
        A disk that refuses is no error here: the time is kept at the next change or release.
        """
        now = self._clock()
        if not time_to_keep(self._state, now):
            return False
        meta = replace(self._state.meta, spent=spent_now(self._state, now), entered_at=now.isoformat())
        try:
            self._commit_meta(meta, lambda v: ev.TimeKept(v))
        except WorkshopError:
            return False
        return True

    def release(self) -> None:
        """Stop running the session in this program: the store (and its lock) is closed; data stays.

        The current step's clock pauses until the session is resumed (a lunch break or the next day
        does not count as overrun). After a crash there is no release: the time stored last by keep_time stands.
        """
        meta = self._state.meta
        if meta.status == "open" and meta.entered_at:
            try:
                self._commit_meta(
                    replace(meta, spent=spent_now(self._state, self._clock()), entered_at=""),
                    lambda v: ev.SessionDetailsChanged(v),
                )
            except WorkshopError:
                pass  # the disk refuses: the clock simply keeps running, nothing else is lost
        self.close_writer()
        self._store.close()


def _skipped(version: int, *, step: Step, reason: str) -> ev.StepSkipped:
    """The event for a review step passed over on the way (see SessionService._go)."""
    return ev.StepSkipped(version, step_id=step.id, title=step.title, reason=reason)
