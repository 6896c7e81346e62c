"""Group commit for phone requests: commands that arrive together share one disk write, made behind the loop.

The commands of one loop tick run as one write-behind batch (core/write_behind.py): applied at once, written
by the session's writer thread, which writes every batch waiting for it with one fsync. A batch runs for at most
SLICE seconds; what is left goes in the next one, so a loop that was held up (and finds hundreds of cards at
once) still answers the facilitator's keys in between. Meanwhile the loop
goes on serving requests; each request is answered once its batch is settled (stored, or why not).
"""

from __future__ import annotations

import asyncio
import contextvars
import time
from collections.abc import Callable
from typing import Any, TypeVar

from ..core.prescan import Scanned
from ..core.session import SessionService
from ..core.write_behind import Staged
from .scanner import PrivacyScanner

T = TypeVar("T")
SLICE = 0.008  # seconds of commands one batch may run before the loop gets a turn (keys, redraws, replies)


class CommandQueue:
    """Runs service commands from web handlers, batching those that arrive together (group commit).

    `await queue.run(fn)` resolves only after the batch holding `fn` was written to disk, so a phone
    is acknowledged only for input that is stored. A command that raises (DomainError or anything else)
    changes nothing and gets its own exception; the others in the batch still count. If the write
    fails, every command in the batch, and in every later batch not yet stored, gets the StoreWriteError
    and nothing of them counts: the session is back at its last stored state.
    """

    def __init__(
        self, service: SessionService, scanner: PrivacyScanner | None = None, *, slice_s: float = SLICE
    ) -> None:
        """`slice_s`: seconds of commands one batch may run (SLICE)."""
        self._service = service
        self._scanner = scanner
        self._slice = slice_s
        self._pending: list[tuple[Callable[[], Any], asyncio.Future[Any]]] = []
        self._scheduled = False

    async def prescan(self, text: str) -> Scanned | None:
        """Scan a card's `text` for personal data off the loop, for the command that stores it (its `scanned`).

        None when there is no scanner process (or it did not answer): the core then scans it itself.
        """
        if self._scanner is None:
            return None
        return await self._scanner.scan(text, self._service.today())

    async def run(self, command: Callable[[], T]) -> T:
        """Queue `command` (a call on the service) and return its result once it is on disk.

        Raises whatever the command raised, or StoreWriteError when the batch could not be written.
        """
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._pending.append((command, future))
        if not self._scheduled:
            self._scheduled = True
            # Everything queued before this callback runs (other requests handled in the same loop
            # iteration) lands in the same batch.
            loop.call_soon(self._drain)
        return await future

    def _drain(self) -> None:
        self._scheduled = False
        pending, self._pending = self._pending, []
        deadline = time.perf_counter() + self._slice
        results: list[tuple[asyncio.Future[Any], bool, Any]] = []
        loop = asyncio.get_running_loop()
        # The batch settles (events, listeners, answers) in the context of the loop that made it, not the
        # writer thread's: a listener may need what that context holds (the facilitator's app: its timers).
        context = contextvars.copy_context()

        def written(staged: Staged) -> None:  # in the writer's thread
            loop.call_soon_threadsafe(self._settle, staged, results, context=context)

        with self._service.write_behind(written):
            for n, (command, future) in enumerate(pending):
                if n and time.perf_counter() > deadline:
                    # A loop that was held up finds many requests at once (a card ~0.5 ms when the core scans
                    # it); the rest go in the next batch, after whatever else waits for the loop.
                    self._pending[:0] = pending[n:]
                    if not self._scheduled:
                        self._scheduled = True
                        loop.call_soon(self._drain)
                    break
                try:
                    results.append((future, True, command()))
                except Exception as exc:
                    results.append((future, False, exc))

    def _settle(self, staged: Staged, results: list[tuple[asyncio.Future[Any], bool, Any]]) -> None:
        try:
            self._service.settle(staged)
        except Exception as exc:
            for future, _, _ in results:
                if not future.done():
                    future.set_exception(exc)
            return
        for future, ok, value in results:
            if future.done():  # the request was cancelled (phone went away); its change stays stored
                continue
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)
