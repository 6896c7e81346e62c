"""The commit engine of a session: the current snapshot with its lookups, group commit, the store and listeners.

Every command of the service ends in `_commit`: the change is written (or, inside a batch, written with the
others at the end of the batch), then the new snapshot becomes current, then listeners hear the event.
A write-behind batch (`write_behind`, for the phones' requests) is written by a thread of its own instead
(write_behind.py): the event loop goes on while the disk syncs, and the batch's events follow its write.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace

from . import events as ev
from .availability import Command, require
from .clock import Clock, utc_now
from .errors import DomainError, StoreWriteError
from .model import FACILITATOR, Change, Contribution, Meta, Participant, SessionState, Step
from .ports import SessionStore
from .records import meta_change
from .state_index import StateIndex, indexed_tuples_unchanged
from .write_behind import Staged, Writer

Listener = Callable[[ev.Event], None]
EventMaker = Callable[[int], ev.Event]  # makes the event once the new state version is known
IndexUpdate = Callable[[StateIndex], object]

log = logging.getLogger("workshop.core")
log.addHandler(logging.NullHandler())  # never Python's last-resort handler: it would write into the TUI


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
        self._batch: Staged | None = None
        self._index: StateIndex | None = None
        # Answers computed from one snapshot (vote items, tallies), kept until the snapshot changes: after
        # each change every phone asks for its page, and each page needs the same ones.
        self._memo: tuple[SessionState, dict[tuple[str, str], object]] = (state, {})
        self._write_failures = 0
        self._write_problem = ""
        # Write-behind batches applied in memory whose write has not been settled yet, oldest first.
        self._inflight: deque[Staged] = deque()
        self._epoch = 0  # counts the rollbacks after a failed write-behind batch (write_behind.py)
        self._version = state.version  # never given twice, not even after a rollback
        self._writer = Writer(lambda changes: self._store.write(changes))

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
        self._batch = Staged(start_state=self._state)
        try:
            yield
        finally:
            # A command that raised changed nothing, so the state holds exactly the valid commands.
            batch, self._batch = self._batch, None
            if batch.changes or batch.events:
                self._flush(batch)

    def _flush(self, batch: Staged) -> None:
        self._write_through()
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

    @contextmanager
    def write_behind(self, on_done: Callable[[Staged], None]) -> Iterator[Staged]:
        """Like `batch()`, but the block's changes are written by the writer's thread, behind the caller.

        The commands count in memory at once (later commands build on them). When the block ends the batch
        goes to the writer, which calls `on_done(staged)` in its thread once it is written or refused; then
        call `settle(staged)` on this thread: it emits the batch's events, or raises why it is not stored.
        Until then nothing of the batch may be reported as stored.
        """
        if self._batch is not None:
            raise RuntimeError("write_behind inside a batch")
        staged = self._batch = Staged(start_state=self._state, epoch=self._epoch, on_done=on_done)
        try:
            yield staged
        finally:
            self._batch = None
            staged.state = self._state
            self._inflight.append(staged)
            self._writer.submit(staged)

    def settle(self, staged: Staged) -> None:
        """Finish a write-behind batch once written (waits for its write if need be), and every one before it.

        A stored batch's events go out now. A batch that was not stored raises why (StoreWriteError, or
        what the store raised): then it and every batch after it that was not stored yet are gone, and
        the state is the last stored one (the rule in write_behind.py). Settling twice is harmless.
        """
        if not staged.settled:
            staged.done.wait()
            while self._inflight:
                first = self._inflight.popleft()
                self._settle_one(first)
                if first is staged:
                    break
        if staged.error is not None:
            raise staged.error

    def _settle_one(self, staged: Staged) -> None:
        staged.done.wait()  # done already when a later batch is: the writer goes in order
        staged.settled = True
        if staged.error is None:
            if staged.changes:
                self._write_ok()
            assert staged.state is not None
            for make in staged.events:
                self._emit(make(staged.state.version))
            return
        # Every batch before this one is stored: its start is the last stored state.
        self._state = staged.start_state
        self._epoch += 1
        for later in self._inflight:
            later.settled = True
            later.error = staged.error
        self._inflight.clear()
        if isinstance(staged.error, StoreWriteError):
            self._write_failed(staged.error)

    def _write_through(self) -> None:
        """Before writing on this thread: settle the write-behind batches on their way first (waiting for them).

        Raises when one of them was not stored: the caller's change was built on it, so it is gone too.
        """
        if self._inflight:
            self.settle(self._inflight[-1])

    def close_writer(self) -> None:
        """Settle the write-behind batches on their way and stop the writer's thread (before closing the store)."""
        try:
            self._write_through()
        except Exception as exc:
            log.warning("a write failed while the session closed: %s", type(exc).__name__)
        self._writer.close()

    # ----- committing --------------------------------------------------------------------------------

    def _commit(
        self, state: SessionState, changes: list[Change], event: EventMaker, index: IndexUpdate | None = None
    ) -> None:
        """Make `state` current once `changes` are stored; `index` updates the lookups to match it.

        Without `index` the lookups are kept only when the indexed tuples did not change, else rebuilt
        on their next use: a command can forget to pass one and still be right, only slower.
        """
        old = self._state
        self._version += 1
        state = replace(state, version=self._version)
        if self._batch is None:
            self._write_through()
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
