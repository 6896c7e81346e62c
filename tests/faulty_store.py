"""A real SessionStore that refuses or holds writes on purpose, around a real session file: what the app does then."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime

from workshop.core.errors import StoreWriteError
from workshop.core.model import Change
from workshop.core.ports import SessionStore, Tables
from workshop.core.session import SessionService
from workshop.store import open_store
from workshop.store.files import write_reason
from workshop.workspace import Workspace

HOLD_LIMIT = 5.0  # seconds a held write waits at most, so a test of code that blocks on it fails, not hangs


class FaultyStore:
    """A SessionStore passing everything to a real one, except that inside `refusing(...)` every write raises,
    and inside `holding()` every write first waits until the test lets it go (a slow disk, stuck in its fsync).

    A refused write stores nothing, like a real refused write; reads and close always go through.
    """

    def __init__(self, inner: SessionStore) -> None:
        self.inner = inner
        self.refused = 0  # writes refused so far
        self._failure: Callable[[], Exception] | None = None
        self._gate: threading.Event | None = None
        self.waiting = threading.Event()  # set once a held write waits
        self.let_go_at = 0.0  # time.monotonic() when the last held write went on

    def read(self) -> Tables:
        return self.inner.read()

    def write(self, changes: Sequence[Change]) -> None:
        gate = self._gate
        if gate is not None:
            self.waiting.set()
            gate.wait(HOLD_LIMIT)  # sleeping, as a thread in fsync does (other threads run meanwhile)
            self.let_go_at = time.monotonic()
        if self._failure is not None:
            self.refused += 1
            raise self._failure()
        self.inner.write(changes)

    def close(self) -> None:
        self.inner.close()

    @contextmanager
    def refusing(self, failure: Callable[[], Exception]) -> Iterator[None]:
        """Refuse every write in the block with a fresh `failure()`; writes work again after it."""
        self._failure = failure
        try:
            yield
        finally:
            self._failure = None

    @contextmanager
    def holding(self) -> Iterator[threading.Event]:
        """Hold every write in the block until the event it yields is set (or the block ends, or HOLD_LIMIT).

        `waiting` tells when a write is held. What happens to a held write once let go (stored, or refused
        inside `refusing`) is decided then.
        """
        gate = self._gate = threading.Event()
        self.waiting.clear()
        try:
            yield gate
        finally:
            self._gate = None
            gate.set()


def disk_refused(code: int) -> Callable[[], StoreWriteError]:
    """Return what makes the error the session file's store raises when the OS refuses a write with `code`."""

    def failure() -> StoreWriteError:
        cause = OSError(code, os.strerror(code))
        error = StoreWriteError("store.write_failed", reason=write_reason(cause))
        error.__cause__ = cause
        return error

    return failure


def resume_on_faulty_store(
    workspace: Workspace, ref: str, *, clock: Callable[[], datetime]
) -> tuple[SessionService, FaultyStore]:
    """Open a stored session for running, as `Workspace.open_session` does, with a FaultyStore around its file.

    Returns the service and the store (to make it refuse). Releasing the service closes the real store.
    """
    store = FaultyStore(open_store(workspace.find_session(ref), journal=True))
    try:
        return SessionService.resume(store, clock=clock), store
    except BaseException:
        store.close()
        raise
