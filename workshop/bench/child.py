"""The benchmark's server process: the real ParticipantServer for one stored session, steered over stdin.

    python -m workshop.bench.child WORKSPACE SESSION_ID [--real-limits] [--port N]

Prints `ready <port> <token>`, then answers one line per command read from stdin:
`go STEP` (the facilitator moves there and, for a vote step, opens voting), `noop` / `durable` (switch
the phones' commands to a handler that does not call the core or the store, and back: same routing,
middleware, cookies, CSRF and form checks), `cpu` (the CPU seconds of this process and its privacy scanner), `gc`
(the garbage collector's pauses so far: count, p50 and longest in ms, per generation), `parts` (where the durable
cards since the last `parts` waited: the privacy scan and the store, p50 and p99 in ms) and `stop`.
"""

from __future__ import annotations

import asyncio
import gc
import os
import sys
import time
from collections.abc import Awaitable
from pathlib import Path
from typing import Any

from ..web.serve import quiet_gc
from ..web.server import WEB, ParticipantServer
from ..workspace import Workspace
from .load import percentile


class Pauses:
    """The garbage collector's pauses in this process, per generation (a gc.callbacks entry)."""

    def __init__(self) -> None:
        self.seconds: dict[int, list[float]] = {0: [], 1: [], 2: []}
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.seconds.setdefault(info["generation"], []).append(time.perf_counter() - self._started)

    def summary(self) -> str:
        """ "gen0 N p50 max total gen1 ..." (ms) for the generations that were collected."""
        parts = []
        for generation, pauses in sorted(self.seconds.items()):
            if pauses:
                ordered = sorted(pauses)
                p50, longest, total = ordered[len(ordered) // 2], ordered[-1], sum(ordered)
                parts.append(f"gen{generation} {len(ordered)} {1000 * p50:.2f} {1000 * longest:.2f} {1000 * total:.0f}")
        return " ".join(parts)


class NoopQueue:
    """Stands in for the CommandQueue: acknowledges every command without running it (nothing stored)."""

    async def prescan(self, text: str) -> None:
        return None  # a privacy scan is the core's work: the no-op skips it

    async def run(self, command: Any) -> None:
        return None


class TimedQueue:
    """The durable CommandQueue, timed: how long each card waited for its privacy scan and for its store."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.scan: list[float] = []
        self.store: list[float] = []

    async def prescan(self, text: str) -> Any:
        return await self._timed(self.scan, self.inner.prescan(text))

    async def run(self, command: Any) -> Any:
        return await self._timed(self.store, self.inner.run(command))

    @staticmethod
    async def _timed(times: list[float], call: Awaitable[Any]) -> Any:
        started = time.perf_counter()
        try:
            return await call
        finally:
            times.append(time.perf_counter() - started)

    def summary(self) -> str:
        """ "scan p50 p99 store p50 p99" in ms since the last summary."""
        parts = []
        for name, times in (("scan", self.scan), ("store", self.store)):
            parts.append(f"{name} {1000 * percentile(times, 0.5):.2f} {1000 * percentile(times, 0.99):.2f}")
        self.scan, self.store = [], []
        return " ".join(parts)


async def main(workspace: Path, session_id: str, real_limits: bool = False, port: int = 0) -> int:
    service = Workspace(workspace).open_session(session_id)
    # The bench measures the server, not its limits: the room-wide join limit (50/s after the first 300)
    # would spread 1,000 phones' joins over ~14 s, and the herd phases send faster than a person taps
    # (10/s, burst 40). The limiters still run on every request; they just never refuse. The join rush
    # (`--join-rush`) runs with the real limits: that is what it measures.
    limits: dict[str, Any] = {} if real_limits else {"join_rate": 1e9, "join_burst": 10**9, "rate": 1e9, "burst": 10**9}
    # Nor the session's join cap (sized to a care team's room): the bench joins up to 1,000 phones.
    server = ParticipantServer(service, max_participants=10_000, scan_process=True, **limits)
    await server.start("127.0.0.1", port)
    quiet_gc()  # as `workshop serve` does once it listens
    pauses = Pauses()
    gc.callbacks.append(pauses)
    state = server.app[WEB]
    durable_queue = TimedQueue(state.queue)
    state.queue = durable_queue  # type: ignore[assignment]
    print(f"ready {server.port} {server.token}", flush=True)
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    try:
        for _ in range(10_000):  # bounded: a run sends a few dozen commands
            line = (await reader.readline()).decode().strip()
            if not line or line == "stop":
                break
            command, _, arg = line.partition(" ")
            try:
                if command == "go":
                    step = service.go_to(arg)
                    if step.kind == "vote":
                        service.open_voting(step.id)
                    reply = "ok"
                elif command == "noop":
                    state.queue = NoopQueue()  # type: ignore[assignment]
                    reply = "ok"
                elif command == "durable":
                    state.queue = durable_queue  # type: ignore[assignment]
                    reply = "ok"
                elif command == "parts":
                    reply = f"ok {durable_queue.summary()}"
                elif command == "gc":
                    reply = f"ok {pauses.summary()}"
                elif command == "cpu":
                    reply = f"ok {time.process_time() + _cpu_of(state.scanner.pid):.4f}"
                else:
                    reply = f"error unknown command {command}"
            except Exception as exc:
                reply = f"error {type(exc).__name__}: {exc}"
            print(reply, flush=True)
    finally:
        await server.stop()
        service.release()
    print("bye", flush=True)
    return 0


def _cpu_of(pid: int | None) -> float:
    """CPU seconds (user + system) of process `pid` so far, from /proc (0 without one, or off Linux)."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


if __name__ == "__main__":
    options = sys.argv[3:]
    at = int(options[options.index("--port") + 1]) if "--port" in options else 0
    raise SystemExit(asyncio.run(main(Path(sys.argv[1]), sys.argv[2], real_limits="--real-limits" in options, port=at)))
