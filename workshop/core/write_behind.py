"""Writing batches behind the event loop: one thread stores them in order, all that wait with one disk write.

A batch of commands is applied in memory at once (the next commands build on it) and handed to the writer;
the thread writes every batch that is waiting as one `store.write` (one fsync), then marks each done and
calls its `on_done` (in the thread). The ledger settles the batches in order on its own thread: events and
acknowledgements only for stored ones.

The rule on a failed write: that batch and every batch after it that is not stored yet fail (they were
built on it), and the ledger goes back to the last stored state. A batch carries the ledger's `epoch` at
its start; the ledger counts the epoch up when it goes back, so the writer refuses every batch of the
failed epoch and stores the ones made after the rollback.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from . import events as ev
from .model import Change, SessionState

EventMaker = Callable[[int], ev.Event]  # makes the event once the new state version is known


@dataclass(eq=False)
class Staged:
    """One batch of commands: applied in memory from `start_state` to `state`; `changes` stored by the writer."""

    start_state: SessionState
    changes: list[Change] = field(default_factory=list)
    events: list[EventMaker] = field(default_factory=list)
    state: SessionState | None = None  # the state after the batch, set when the batch ends
    epoch: int = 0
    on_done: Callable[[Staged], None] | None = None  # called in the writer's thread once written or refused
    error: Exception | None = None  # why it is not stored (set before `done`)
    done: threading.Event = field(default_factory=threading.Event)
    settled: bool = False  # the ledger has emitted its events or rolled it back


class Writer:
    """One session's writer thread: stores staged batches in the order they came, the waiting ones as one write."""

    def __init__(self, write: Callable[[list[Change]], None]) -> None:
        self._write = write
        self._lock = threading.Lock()
        self._waiting: list[Staged] = []
        self._failed_epoch = -1
        self._failure: Exception | None = None
        self._executor: ThreadPoolExecutor | None = None

    def submit(self, staged: Staged) -> None:
        """Queue `staged` for writing after every batch submitted before it."""
        with self._lock:
            self._waiting.append(staged)
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="workshop-writer")
        self._executor.submit(self._write_waiting)

    def close(self) -> None:
        """Wait for the batches queued so far, then let the thread go (a later submit starts a new one)."""
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True)

    def _write_waiting(self) -> None:
        with self._lock:
            group, self._waiting = self._waiting, []
        # A batch of a failed epoch was built on the failed one: refused without writing.
        live = [staged for staged in group if staged.epoch > self._failed_epoch]
        for staged in group:
            if staged.epoch <= self._failed_epoch:
                staged.error = self._failure
        changes = [change for staged in live for change in staged.changes]
        if changes:
            try:
                self._write(changes)
            except Exception as exc:
                self._failed_epoch = max(staged.epoch for staged in live)
                self._failure = exc
                for staged in live:
                    staged.error = exc
        for staged in group:
            staged.done.set()
        for staged in group:
            if staged.on_done is not None:
                try:
                    staged.on_done(staged)
                except RuntimeError:
                    pass  # its event loop is closed: nobody waits for the answer any more
