"""Privacy scans of phone cards in a process of their own, so the server's loop goes on serving meanwhile.

The scan of a card's text (core/privacy, ~0.2 ms) is the largest part of what a card costs the server. Here
it runs in a child process (scan_child.py), texts that arrive in the same loop turn sent as one batch; the
card command then takes the result (core/prescan.py) instead of scanning on the loop. Whenever the child is
not there (still starting, died, too slow), a scan answers None and the core scans itself: a card is never
refused or held up for want of the child.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections import deque
from datetime import date

from ..core.inputs import tidy_text
from ..core.prescan import Scanned

log = logging.getLogger("workshop.web")

WAIT = 2.0  # seconds a card waits for the child's answer before the core scans it itself
START = 30.0  # seconds the child may take to load its name lists


class PrivacyScanner:
    """One child process scanning card texts for personal data; batches what arrives together."""

    def __init__(self) -> None:
        self._process: asyncio.subprocess.Process | None = None
        self._ready = False
        self._reader: asyncio.Task[None] | None = None
        # Batches sent and not yet answered, oldest first (the child answers in order).
        self._sent: deque[list[asyncio.Future[tuple[str, ...] | None]]] = deque()
        self._batch: list[tuple[str, asyncio.Future[tuple[str, ...] | None]]] = []
        self._day: date | None = None
        self.answered = 0  # texts the child scanned (the others, if any, the core scanned itself)

    @property
    def ready(self) -> bool:
        """True while the child is running and answering."""
        return self._ready

    @property
    def pid(self) -> int | None:
        """The child's process id while it runs (None before start and after stop)."""
        return self._process.pid if self._process is not None else None

    async def start(self) -> None:
        """Start the child; it takes cards once it has loaded its name lists (meanwhile the core scans)."""
        if self._process is not None:
            return
        try:
            self._process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "workshop.web.scan_child",
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                limit=2**22,
            )
        except (OSError, ValueError, NotImplementedError) as exc:  # e.g. a loop without subprocesses
            log.warning("privacy scanner not started (%s); cards are scanned in the server", type(exc).__name__)
            return
        self._reader = asyncio.ensure_future(self._read())

    async def stop(self) -> None:
        """Stop the child; cards still waiting for it are scanned by the core."""
        process, self._process = self._process, None
        self._ready = False
        if process is None:
            return
        if process.stdin is not None:
            process.stdin.close()
        try:
            await asyncio.wait_for(process.wait(), 2.0)
        except TimeoutError:
            process.kill()
            await process.wait()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)
        self._fail_all()

    async def scan(self, text: str, today: date) -> Scanned | None:
        """Return `text`'s privacy scan for `today`, made by the child; None when the core must scan it itself."""
        if not self._ready:
            return None
        loop = asyncio.get_running_loop()
        future: asyncio.Future[tuple[str, ...] | None] = loop.create_future()
        if self._batch and self._day != today:
            self._send()  # a batch holds one day (around midnight two may follow each other)
        if not self._batch:
            self._day = today
            loop.call_soon(self._send)
        cleaned = tidy_text(text)
        self._batch.append((cleaned, future))
        # One timer per batch (_send) answers None when the child is too slow: a wait_for per card cost ~20 µs.
        kinds = await future
        return None if kinds is None else Scanned(cleaned, today, kinds)

    def _send(self) -> None:
        batch, self._batch = self._batch, []
        if not batch:
            return
        process = self._process
        if not self._ready or process is None or process.stdin is None or process.stdin.is_closing():
            for _, future in batch:
                _settle(future, None)
            return
        request = {"day": (self._day or date.today()).isoformat(), "texts": [text for text, _ in batch]}
        futures = [future for _, future in batch]
        self._sent.append(futures)
        process.stdin.write(json.dumps(request).encode() + b"\n")
        asyncio.get_running_loop().call_later(WAIT, _expire, futures)

    async def _read(self) -> None:
        process = self._process
        assert process is not None and process.stdout is not None
        try:
            first = await asyncio.wait_for(process.stdout.readline(), START)
            self._ready = first.strip() == b"ready"
            while self._ready:
                line = await process.stdout.readline()
                if not line:
                    break
                futures = self._sent.popleft() if self._sent else []
                reply = json.loads(line)
                kinds = reply.get("kinds")
                if not isinstance(kinds, list) or len(kinds) != len(futures):
                    log.warning("privacy scanner refused a batch (%s)", reply.get("error", "bad answer"))
                    kinds = [None] * len(futures)
                for future, found in zip(futures, kinds, strict=True):
                    _settle(future, None if found is None else tuple(str(k) for k in found))
                self.answered += sum(found is not None for found in kinds)
        except (TimeoutError, ValueError, OSError) as exc:
            log.warning("privacy scanner stopped answering (%s); cards are scanned in the server", type(exc).__name__)
        finally:
            self._ready = False
            self._fail_all()
            if self._process is process and process.returncode is None:  # alive but of no use: end it
                try:
                    process.kill()
                except ProcessLookupError:
                    pass

    def _fail_all(self) -> None:
        """Answer None to every card still waiting for the child (the core scans them)."""
        while self._sent:
            for future in self._sent.popleft():
                _settle(future, None)
        batch, self._batch = self._batch, []
        for _, future in batch:
            _settle(future, None)


def _expire(futures: list[asyncio.Future[tuple[str, ...] | None]]) -> None:
    """Answer None to the cards of a batch the child has not answered within WAIT (the core scans them)."""
    late = [future for future in futures if not future.done()]
    if late:
        log.warning("privacy scanner did not answer within %.0f s; the server scans %d card(s)", WAIT, len(late))
    for future in late:
        future.set_result(None)


def _settle(future: asyncio.Future[tuple[str, ...] | None], kinds: tuple[str, ...] | None) -> None:
    if not future.done():
        future.set_result(kinds)
