"""Room benchmark: 1,000 phones each holding a live stream, in several processes, against the real server.

    python -m workshop.bench --room [--phones 1000] [--records 10000] [--workers 3]

The server runs in a child process (child.py, as `workshop serve` runs: GC frozen after start); the
phones run in `--workers` processes of their own (crowd.py), so the phones' side does not limit what is
measured. Every phone joins and opens one event stream, then:

- **cards, spread / herd**: each phone sends cards (spread: a random start within `--window` s, 0.1-0.5 s
  between; herd: back to back), once stored for real (durable) and once through the no-op handler (same
  routing, middleware, cookies, CSRF and form checks; nothing stored), alternated, twice each way.
  Herd throughput durable / no-op is the cost of durability; spread p99 is what a phone waits.
- **the disk alone** (disk.py): at the spread rate, what appending and fsyncing a journal line takes with no
  server at all, the floor under every durable card.
- **step change**: the facilitator moves on; when did each phone's stream tell it, and when did its
  refreshed page (phone.js fetches it on 'changed') arrive?
- **restart**: the server stops and starts again on the same port and session, and the facilitator at
  once moves on again. Every phone must reconnect and end up on a page of the new step.

Afterwards every acknowledged card must be in the session file and its export (load.verify).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..web.limits import raise_open_files
from ..workspace import Workspace
from .disk import disk_floor
from .load import CaseResult, Child, Ledger, PhaseResult, percentile, verify
from .seed import VOTE_HERD, VOTE_SPREAD, seed_session

SETTLE = 60.0  # seconds to wait for every phone after a step change or a restart
SERVER_BOUND = 0.9  # share of a core the no-op server must be busy in its herd for the baseline to be its own


class Workers:
    """The phone processes, each steered over its stdin with one JSON object a line."""

    def __init__(self, processes: list[asyncio.subprocess.Process]) -> None:
        self.processes = processes
        self.cpu = [0.0] * len(processes)

    @classmethod
    async def start(cls, base: str, token: str, phones: int, workers: int, seed: int) -> Workers:
        share = [phones // workers + (1 if i < phones % workers else 0) for i in range(workers)]
        processes = []
        first = 0
        for count in share:
            processes.append(
                await asyncio.create_subprocess_exec(
                    sys.executable,
                    "-m",
                    "workshop.bench.crowd",
                    base,
                    token,
                    str(first),
                    str(count),
                    str(seed),
                    stdin=asyncio.subprocess.PIPE,
                    stdout=asyncio.subprocess.PIPE,
                    limit=2**26,  # a reply lists every acknowledged card's text
                )
            )
            first += count
        self = cls(processes)
        for process in processes:
            assert process.stdout is not None
            await asyncio.wait_for(process.stdout.readline(), 60)
        return self

    async def ask(self, command: dict[str, Any], within: float = 600.0) -> list[dict[str, Any]]:
        """Send `command` to every worker at once; return their replies (in worker order)."""
        line = json.dumps(command).encode() + b"\n"
        for process in self.processes:
            assert process.stdin is not None
            process.stdin.write(line)
            await process.stdin.drain()

        async def reply(process: asyncio.subprocess.Process) -> dict[str, Any]:
            assert process.stdout is not None
            answer: dict[str, Any] = json.loads(await asyncio.wait_for(process.stdout.readline(), within))
            if "error" in answer:
                raise RuntimeError(f"a phone process refused {command['do']}: {answer['error']}")
            return answer

        return list(await asyncio.gather(*(reply(p) for p in self.processes)))

    async def state(self) -> dict[str, Any]:
        """Every phone's arrivals since the last `since`, flattened over the workers."""
        merged: dict[str, Any] = {"changed": [], "pages": [], "reconnected": [], "connected": 0, "steps": {}}
        for part in await self.ask({"do": "state"}):
            for key in ("changed", "pages", "reconnected"):
                merged[key] += part[key]
            merged["connected"] += part["connected"]
            for step, n in part["steps"].items():
                merged["steps"][step] = merged["steps"].get(step, 0) + n
        return merged

    async def stop(self) -> None:
        for process in self.processes:
            if process.stdin is not None and process.returncode is None:
                process.stdin.write(b'{"do": "stop"}\n')
        for process in self.processes:
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:
                process.kill()
                await process.wait()


@dataclass
class Arrivals:
    """How fast something reached the phones: shares and percentiles in seconds from the moment it happened."""

    phones: int = 0
    reached: int = 0
    within_1s: float = 0.0  # share of all phones
    p50_s: float = 0.0
    p99_s: float = 0.0
    max_s: float = 0.0

    @classmethod
    def of(cls, times: list[float | None], since: float, phones: int) -> Arrivals:
        delays = [t - since for t in times if t is not None]
        return cls(
            phones,
            len(delays),
            sum(1 for d in delays if d <= 1.0) / phones if phones else 0.0,
            percentile(delays, 0.5),
            percentile(delays, 0.99),
            max(delays, default=0.0),
        )


@dataclass
class RoomResult:
    records: int
    phones: int
    workers: int
    joined: int = 0
    streams: int = 0
    phases: list[PhaseResult] = field(default_factory=list)
    ratio: float = 0.0  # durable herd throughput / no-op herd throughput
    # The spread phases' p99 over both rounds of each mode, and durable / no-op.
    spread_p99_durable: float = 0.0
    spread_p99_noop: float = 0.0
    p99_ratio: float = 0.0
    # The disk alone (disk.py): journal lines at the spread phase's rate, group-committed, no server.
    disk_p50_ms: float = 0.0
    disk_p99_ms: float = 0.0
    # Server CPU (its privacy scanner's included) per acknowledged herd card: steadier than throughput on a
    # shared machine, where the phones' processes and others' programs take cores from the server.
    cpu_ms_durable: float = 0.0
    cpu_ms_noop: float = 0.0
    step_event: Arrivals = field(default_factory=Arrivals)
    step_page: Arrivals = field(default_factory=Arrivals)
    restart_s: float = 0.0  # from the old server's stop until the new one listened
    reconnect: Arrivals = field(default_factory=Arrivals)  # from the new server listening
    restart_page: Arrivals = field(default_factory=Arrivals)  # the new step's page, from the facilitator's move
    missed_step: int = 0  # phones whose page did not show the new step after the restart
    gc_pauses: str = ""  # the server's garbage-collection pauses during the card phases (child.py `gc`)
    # Per durable spread round, where a card waited in the server: its privacy scan and its store (child.py `parts`).
    spread_parts: list[str] = field(default_factory=list)
    cards_acked: int = 0
    lost_in_file: int = 0
    lost_in_export: int = 0


async def _settle(workers: Workers, done: Any, within: float = SETTLE) -> dict[str, Any]:
    """Ask for the phones' state every 0.25 s until `done(state)` or `within` seconds; returns the last state."""
    state = await workers.state()
    for _ in range(int(within * 4)):
        if done(state):
            break
        await asyncio.sleep(0.25)
        state = await workers.state()
    return state


async def run_room(
    records: int, phones: int, *, workers: int, window: float, cards: int, herd: int, seed: int
) -> RoomResult:
    """Run the room for (records, phones) and verify the session file; returns the figures."""
    result = RoomResult(records, phones, workers)
    with tempfile.TemporaryDirectory(prefix="workshop-room-") as folder:
        workspace = Workspace(Path(folder))
        session_id, _ = await asyncio.to_thread(seed_session, workspace, records)
        child = await Child.start(workspace.root, session_id)
        port = child.port
        crowd = await Workers.start(f"http://127.0.0.1:{port}", child.token, phones, workers, seed)
        ledger = Ledger()
        mode = "durable"
        try:
            joined = await crowd.ask({"do": "join"})
            result.joined = sum(r["joined"] for r in joined)
            opened = await crowd.ask({"do": "listen", "timeout": SETTLE})
            result.streams = sum(r["connected"] for r in opened)
            # The phones' CPU per phase counts from here: joining and opening 1,000 streams is no phase's work.
            crowd.cpu = [r["cpu"] for r in await crowd.ask({"do": "cpu"})]

            spread_ms: dict[str, list[float]] = {}  # every spread card's latency, per mode

            async def cards_phase(name: str, wanted: str, count: int, spread: float, tag: str) -> PhaseResult:
                nonlocal mode
                if wanted != mode:
                    await child.ask("noop" if wanted == "noop" else "durable")
                    mode = wanted
                phase = PhaseResult(records, phones, name, wanted)
                cpu = await child.cpu()
                replies = await crowd.ask({"do": "cards", "count": count, "window": spread, "tag": tag})
                phase.seconds = max(r["end"] for r in replies) - min(r["start"] for r in replies)
                phase.server_cpu = (await child.cpu() - cpu) / phase.seconds
                phase.client_cpu = sum(r["cpu"] - c for r, c in zip(replies, crowd.cpu, strict=True)) / phase.seconds
                crowd.cpu = [r["cpu"] for r in replies]
                latencies = [ms for r in replies for ms in r["ms"]]
                if name == "cards, spread":
                    spread_ms.setdefault(wanted, []).extend(latencies)
                phase.sent = sum(r["sent"] for r in replies)
                phase.acked = len(latencies)
                phase.errors = phase.sent - phase.acked
                for r in replies:
                    for kind, n in r["errors"].items():
                        phase.error_kinds[kind] = phase.error_kinds.get(kind, 0) + n
                    if wanted == "durable":
                        ledger.cards.extend(r["texts"])
                phase.p50_ms = percentile(latencies, 0.5)
                phase.p99_ms = percentile(latencies, 0.99)
                phase.max_ms = max(latencies, default=0.0)
                result.phases.append(phase)
                return phase

            herd_cards = max(1, -(-herd // max(1, result.joined)))
            for round_ in range(2):  # alternated, so drift on the machine hits both alike
                await child.ask("parts")  # (from here)
                spread_d = await cards_phase("cards, spread", "durable", cards, window, f"s{round_}")
                result.spread_parts.append((await child.ask("parts")).removeprefix("ok").strip())
                await cards_phase("cards, spread", "noop", cards, window, f"t{round_}")
            # The disk's own floor at the same rate, in the same minutes (the session's folder, the same disk).
            result.disk_p50_ms, result.disk_p99_ms = await asyncio.to_thread(
                disk_floor, workspace.root, spread_d.per_second or 1.0, max(1, spread_d.acked)
            )
            herds = []
            for round_ in range(2):  # alternated, so drift on the machine hits both alike
                herds.append(await cards_phase("cards, herd", "durable", herd_cards, 0.0, f"h{round_}"))
                herds.append(await cards_phase("cards, herd", "noop", herd_cards, 0.0, f"n{round_}"))
            await child.ask("durable")
            mode = "durable"
            result.gc_pauses = (await child.ask("gc")).removeprefix("ok").strip()

            def rate(want: str) -> float:
                chosen = [p for p in herds if p.mode == want]
                return sum(p.acked for p in chosen) / sum(p.seconds for p in chosen)

            result.ratio = rate("durable") / rate("noop") if rate("noop") else 0.0

            def cpu_ms(want: str) -> float:
                chosen = [p for p in herds if p.mode == want]
                return 1000 * sum(p.server_cpu * p.seconds for p in chosen) / max(1, sum(p.acked for p in chosen))

            result.cpu_ms_durable, result.cpu_ms_noop = cpu_ms("durable"), cpu_ms("noop")
            result.spread_p99_durable = percentile(spread_ms.get("durable", []), 0.99)
            result.spread_p99_noop = percentile(spread_ms.get("noop", []), 0.99)
            result.p99_ratio = result.spread_p99_durable / result.spread_p99_noop if result.spread_p99_noop else 0.0

            # A step change with every stream open: phones fetch their page on 'changed', as phone.js does.
            await asyncio.sleep(1.0)  # the card phases' own events have arrived
            await crowd.ask({"do": "follow", "on": True})
            await crowd.ask({"do": "since"})
            moved = time.monotonic()
            await child.ask(f"go {VOTE_SPREAD}")
            state = await _settle(crowd, lambda s: s["steps"].get(VOTE_SPREAD, 0) >= result.joined)
            result.step_event = Arrivals.of(state["changed"], moved, result.joined)
            result.step_page = Arrivals.of(state["pages"], moved, result.joined)

            # A restart: the same session and port; the facilitator moves on as soon as it listens.
            await crowd.ask({"do": "since"})
            stopped = time.monotonic()
            await child.stop()
            child = await Child.start(workspace.root, session_id, port=port)
            listening = time.monotonic()
            result.restart_s = listening - stopped
            await child.ask(f"go {VOTE_HERD}")
            moved = time.monotonic()
            state = await _settle(
                crowd,
                lambda s: s["connected"] >= result.joined and s["steps"].get(VOTE_HERD, 0) >= result.joined,
            )
            result.reconnect = Arrivals.of(state["reconnected"], listening, result.joined)
            result.restart_page = Arrivals.of(state["pages"], moved, result.joined)
            result.missed_step = result.joined - state["steps"].get(VOTE_HERD, 0)
        finally:
            await crowd.stop()
            await child.stop()
        case = CaseResult(records, phones)
        verify(case, workspace.session_path(session_id), ledger)
        result.cards_acked, result.lost_in_file, result.lost_in_export = (
            case.cards_acked,
            case.lost_in_file,
            case.lost_in_export,
        )
    return result


def print_room(r: RoomResult) -> None:
    print(
        f"\n== {r.records:,} records, {r.phones:,} phones in {r.workers} processes: {r.joined:,} joined, "
        f"{r.streams:,} streams open =="
    )
    print(
        f"{'phase':<14} {'mode':<8} {'sent':>6} {'acked':>6} {'errors':>6} {'acked/s':>8} {'p50 ms':>7} "
        f"{'p99 ms':>7} {'max ms':>7} {'srv cpu':>7} {'phones cpu':>10}"
    )
    for p in r.phases:
        print(
            f"{p.phase:<14} {p.mode:<8} {p.sent:>6} {p.acked:>6} {p.errors:>6} {p.per_second:>8.0f} {p.p50_ms:>7.1f} "
            f"{p.p99_ms:>7.1f} {p.max_ms:>7.1f} {p.server_cpu:>6.0%} {p.client_cpu:>9.0%}"
            + (f"  {p.error_kinds}" if p.error_kinds else "")
        )
    print(
        f"durable / no-op herd throughput: {r.ratio:.2f}   spread p99 (both rounds) durable "
        f"{r.spread_p99_durable:.1f} ms / no-op {r.spread_p99_noop:.1f} ms: {r.p99_ratio:.1f}x"
    )
    noop_busy = [p.server_cpu for p in r.phases if p.phase == "cards, herd" and p.mode == "noop"]
    if noop_busy:
        # The ratio compares servers only while the no-op server is what limits its herd (the point).
        print(
            f"no-op herd: its server busy {min(noop_busy):.0%}-{max(noop_busy):.0%} of a core: "
            + (
                "the server set the pace"
                if min(noop_busy) >= SERVER_BOUND
                else "WARNING: the phones or other programs may have set the pace; the ratio is not the server's alone"
            )
        )
    for round_, parts in enumerate(r.spread_parts, 1):
        w = parts.split()
        if len(w) == 6:
            print(
                f"durable spread round {round_}, in the server: privacy scan p50 {w[1]} ms, p99 {w[2]} ms; "
                f"store (batch, write, fsync, settle) p50 {w[4]} ms, p99 {w[5]} ms"
            )
    if r.disk_p99_ms:
        noop = r.spread_p99_noop
        print(
            f"the disk alone at the spread rate (a line appended and fsynced, group commit, no server): "
            f"p50 {r.disk_p50_ms:.1f} ms, p99 {r.disk_p99_ms:.1f} ms"
            + (f" (= {r.disk_p99_ms / noop:.1f}x the no-op's spread p99)" if noop else "")
        )
    if r.cpu_ms_durable:
        print(
            f"server CPU per herd card, its scanner included: durable {r.cpu_ms_durable:.3f} ms, no-op "
            f"{r.cpu_ms_noop:.3f} ms (no-op / durable {r.cpu_ms_noop / r.cpu_ms_durable:.2f})"
        )

    if r.gc_pauses:
        words = r.gc_pauses.split()
        told = [
            f"{words[i]}: {words[i + 1]} pauses, p50 {words[i + 2]} ms, longest {words[i + 3]} ms, "
            f"{words[i + 4]} ms in all"
            for i in range(0, len(words), 5)
        ]
        print("server's garbage collector during the card phases: " + "; ".join(told))

    def line(what: str, a: Arrivals) -> None:
        print(
            f"{what:<40} {a.reached:>5,}/{a.phones:<5,} within 1 s: {a.within_1s:>6.1%}   p50 {a.p50_s:.2f} s   "
            f"p99 {a.p99_s:.2f} s   max {a.max_s:.2f} s"
        )

    line("step change: event on the stream", r.step_event)
    line("step change: new page fetched", r.step_page)
    print(f"restart: the new server listened {r.restart_s:.1f} s after the old one stopped")
    line("restart: stream open again (from listen)", r.reconnect)
    line("restart: new step's page (from the move)", r.restart_page)
    print(
        f"phones not on the new step after the restart: {r.missed_step}   acknowledged cards: {r.cards_acked:,}   "
        f"lost in file: {r.lost_in_file}   lost in export: {r.lost_in_export}"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the room benchmark; returns 1 when a card was lost or a phone missed the step change."""
    parser = argparse.ArgumentParser(
        prog="python -m workshop.bench --room",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--room", action="store_true", help="this benchmark (rather than the load benchmark)")
    parser.add_argument("--phones", type=int, default=1_000, help="phones, each with a stream (default 1,000)")
    parser.add_argument("--records", type=int, default=10_000, help="records already in the session (default 10,000)")
    parser.add_argument("--workers", type=int, default=3, help="processes the phones run in (default 3)")
    parser.add_argument("--window", type=float, default=5.0, help="seconds the spread phase starts within (5)")
    parser.add_argument("--cards", type=int, default=2, help="cards per phone in the spread phase (2)")
    parser.add_argument("--herd", type=int, default=3_000, help="at least this many cards per herd phase (3,000)")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    raise_open_files()
    print(
        f"workshop room benchmark: python {sys.version.split()[0]}, {os.cpu_count()} CPUs; server in a child "
        f"process, phones in {args.workers} more; 127.0.0.1"
    )
    started = time.perf_counter()
    result = asyncio.run(
        run_room(
            args.records,
            args.phones,
            workers=args.workers,
            window=args.window,
            cards=args.cards,
            herd=args.herd,
            seed=args.seed,
        )
    )
    print_room(result)
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(asdict(result), indent=1), encoding="utf-8")
    failed = result.lost_in_file or result.lost_in_export or result.missed_step
    return 1 if failed else 0
