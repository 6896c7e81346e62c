"""The commit engine of a session: the current snapshot with its lookups, group commit, the store and listeners.

Every command of the service ends in `_commit`: the change is written (or, inside a batch, written with the
others at the end of the batch), then the new snapshot becomes current, then listeners hear the event.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from . import events as ev
from .availability import Command, require
from .clock import Clock, utc_now
from .errors import DomainError, StoreWriteError
from .model import FACILITATOR, Change, Contribution, Meta, Participant, SessionState, Step
from .ports import SessionStore
from .records import meta_change
from .state_index import StateIndex, indexed_tuples_unchanged

Listener = Callable[[ev.Event], None]
EventMaker = Callable[[int], ev.Event]  # makes the event once the new state version is known
IndexUpdate = Callable[[StateIndex], object]

log = logging.getLogger("workshop.core")
log.addHandler(logging.NullHandler())  # never Python's last-resort handler: it would write into the TUI


@dataclass
class _Batch:
    changes: list[Change]
    events: list[EventMaker]
    start_state: SessionState


def unchanged(index: StateIndex) -> None:
    """An index update for a command that keeps every indexed record in its place."""


class Ledger:
    """Holds one session's current immutable SessionState and replaces it on every command.

    Every command either raises DomainError and changes nothing, or returns after its change is on disk
    (StoreWriteError if it could not be written: then nothing changed either).
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

    @property
    def state(self) -> SessionState:
        """The current snapshot. It never changes; a command replaces it."""
        return self._state

    @property
    def store_problem(self) -> str:
        """Why the last write failed ("" while writes succeed): show it to the facilitator."""
        return self._write_problem

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` with every event from now on; returns a function that unsubscribes.

        A listener that raises is logged (its exception's type only) and skipped: the change it heard
        of is stored, so the command that made it still succeeds.
        """
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    # ----- group commit ------------------------------------------------------------------------------

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
            if batch.changes or batch.events:
                self._flush(batch)

    def _flush(self, batch: _Batch) -> None:
        if batch.changes:
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

    # ----- committing --------------------------------------------------------------------------------

    def _commit(
        self, state: SessionState, changes: list[Change], event: EventMaker, index: IndexUpdate | None = None
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

    def _commit_meta(self, meta: Meta, event: EventMaker) -> None:
        self._commit(replace(self._state, meta=meta), [meta_change(meta)], event)

    def _notify(self, event: EventMaker) -> None:
        """Tell listeners something that changed nothing stored: now, or after the batch this runs in."""
        if self._batch is None:
            self._emit(event(self._state.version))
        else:
            self._batch.events.append(event)

    def _emit(self, event: ev.Event) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception as exc:
                # The change is on disk: a failing listener (a screen, the phones' live updates) must not
                # turn it into an error for whoever gave the command. The type only: a message could
                # quote what a participant typed.
                log.error("a listener failed on %s: %s", type(event).__name__, type(exc).__name__)

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

    # ----- lookups -----------------------------------------------------------------------------------

    def _indexed(self) -> StateIndex:
        """The lookups for the current snapshot, rebuilt when they belong to another one."""
        idx = self._index
        if idx is None or not idx.describes(self._state):
            idx = self._index = StateIndex(self._state)
        return idx

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

    def _participant(self, pid: str) -> Participant | None:
        return self._indexed().participants.get(pid)

    def _card_or_none(self, card_id: str) -> Contribution | None:
        position = self._indexed().cards.get(card_id)
        return None if position is None else self._state.contributions[position]

    def _own_cards(self, author: str, step_id: str) -> tuple[Contribution, ...]:
        """Return the cards `author` sent in a step, hidden ones too (their author is told), oldest first, no scan."""
        cards = self._state.contributions
        return tuple(cards[i] for i in self._indexed().authored.get((step_id, author), ()))

    # ----- rules -------------------------------------------------------------------------------------

    def _require(self, command: Command, step: Step | None = None) -> None:
        """Raise when `command` on `step` (default: the current one) may not run now (availability.py)."""
        require(self._state, command, step)

    def _require_participant(self, pid: str) -> None:
        if pid != FACILITATOR and self._participant(pid) is None:
            raise DomainError("participant.unknown")

    def _step(self, step_id: str | None) -> Step:
        if step_id is None:
            return self._state.step
        try:
            return self._state.script.step(step_id)
        except KeyError:
            raise DomainError("session.no_such_step", step=step_id) from None
