"""Load benchmark: N phones against the real participant server, for sessions of 0 to 10,000 records.

(Over ~450 lines: its phases, its check of the session file and its tables are read together.)

Per (records, phones) it starts the real ParticipantServer in a child process (its own core, like the
facilitator's laptop; the phones are this process), on 127.0.0.1, for a session file that already
holds the records. Every phone joins (GET the join link, keeps its cookie and CSRF token), then:

- **spread**: every phone starts at a random moment within `--window` seconds and sends its cards
  (then, after the facilitator opens voting, its 3 dots) one after another, with 0.1-0.5 s between
  taps: a room answering "within seconds". This gives the latency figures.
- **herd**: every phone sends at once, back to back: the server's capacity (acknowledged requests/s).
- **herd, no-op**: the same server and requests, but the handler acknowledges without calling the
  core or the store (same routing, middleware, cookies, CSRF and form checks): the cost of durability
  is the ratio of the two herd throughputs.

A request counts as acknowledged when the server answered 303 with `?ok=` (the card or dot is on
disk). After the run the server stops, the session file is reopened with the store, and every
acknowledged card and dot must be in it and in the Markdown export.

`--join-rush N` measures only joining, with the server's real join limit: N phones scan within 0.2 s,
and a phone told to wait retries after Retry-After seconds, as the wait page does.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from ..core.export import escape, session_summary
from ..core.session import state_from_tables
from ..store.tinydb_store import open_store
from ..workspace import Workspace
from .crowd import CSRF_FIELD, phone_http
from .seed import LIVE_COLLECT, OPTIONS, VOTE_HERD, VOTE_SPREAD, seed_session, split

FULL_RECORDS = (0, 1_000, 10_000)
FULL_PHONES = (50, 300, 1_000)
QUICK_RECORDS = (0, 1_000)
QUICK_PHONES = (50, 300)
CASE_TIMEOUT = 300.0
HERD_REQUESTS = 1_500


# ----- measuring ---------------------------------------------------------------------------------------


@dataclass
class PhaseResult:
    """One phase of one case: what was sent, what was acknowledged and how fast."""

    records: int
    phones: int
    phase: str
    mode: str  # durable or noop
    sent: int = 0
    acked: int = 0
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    server_cpu: float = 0.0  # share of one core
    client_cpu: float = 0.0

    @property
    def per_second(self) -> float:
        return self.acked / self.seconds if self.seconds else 0.0

    @property
    def server_ms(self) -> float:
        """Server CPU milliseconds per request sent: what one request costs the laptop, whoever is the bottleneck."""
        return self.server_cpu * self.seconds * 1000 / self.sent if self.sent else 0.0


def percentile(values: list[float], share: float) -> float:
    """Return the value below which `share` of `values` lie (nearest rank); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(share * len(ordered))) - 1))]


class Phone:
    """One phone: its own cookie jar and CSRF token, sharing the bench's one connection pool."""

    def __init__(self, number: int, base: str, token: str, connector: aiohttp.TCPConnector) -> None:
        self.number = number
        self.base = base
        self.token = token
        self.http = phone_http(connector)
        self.csrf = ""
        self.pid = ""

    async def join(self) -> tuple[bool, str]:
        """GET the join link (and the page it leads to); keep cookie and CSRF token. Returns (ok, error kind)."""
        async with self.http.get(f"{self.base}/j/{self.token}") as response:
            text = await response.text()
            if response.status != 200:
                return False, str(response.status)
        match = CSRF_FIELD.search(text)
        for cookie in self.http.cookie_jar:
            if cookie.key == "deelnemer":
                self.pid = cookie.value.rpartition(".")[0]
        if not match or not self.pid:
            return False, "no-cookie-or-csrf"
        self.csrf = match.group(1)
        return True, ""

    async def post(self, name: str, fields: dict[str, str]) -> tuple[bool, str]:
        """POST a form without following the redirect; returns (acknowledged, error kind)."""
        data = {"csrf": self.csrf, "fid": os.urandom(9).hex(), **fields}
        async with self.http.post(f"{self.base}/s/{self.token}/{name}", data=data, allow_redirects=False) as response:
            await response.read()
            if response.status == 303 and "?ok=" in response.headers.get("Location", ""):
                return True, ""
            return False, str(response.status)

    async def close(self) -> None:
        await self.http.close()


class Child:
    """The server process, steered over its stdin (see child.py)."""

    started = 0  # servers started by this bench run (each profiled to its own file)

    def __init__(self, process: asyncio.subprocess.Process, port: int, token: str) -> None:
        self.process = process
        self.port = port
        self.token = token

    @classmethod
    async def start(cls, workspace: Path, session_id: str, *, real_limits: bool = False, port: int = 0) -> Child:
        # WORKSHOP_BENCH_PROFILE=FILE: run the server under cProfile, its figures written to FILE when it stops
        # (FILE.2, FILE.3, ... for a server started again, e.g. after the room's restart).
        profile = os.environ.get("WORKSHOP_BENCH_PROFILE")
        cls.started += 1
        if profile and cls.started > 1:
            profile = f"{profile}.{cls.started}"
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            *(["-m", "cProfile", "-o", profile] if profile else []),
            "-m",
            "workshop.bench.child",
            str(workspace),
            session_id,
            *(["--real-limits"] if real_limits else []),
            *(["--port", str(port)] if port else []),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), 60)).decode().split()
        if not line or line[0] != "ready":
            process.kill()
            raise RuntimeError(f"the bench server did not start: {line}")
        return cls(process, int(line[1]), line[2])

    async def ask(self, command: str) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(command.encode() + b"\n")
        await self.process.stdin.drain()
        reply = (await asyncio.wait_for(self.process.stdout.readline(), 120)).decode().strip()
        if not reply.startswith(("ok", "bye")):
            raise RuntimeError(f"the bench server refused {command!r}: {reply}")
        return reply

    async def cpu(self) -> float:
        return float((await self.ask("cpu")).split()[1])

    async def stop(self) -> None:
        try:
            await self.ask("stop")
            await asyncio.wait_for(self.process.wait(), 60)
        finally:
            if self.process.returncode is None:
                self.process.kill()
                await self.process.wait()


@dataclass
class Ledger:
    """What the server acknowledged, to check against the session file afterwards."""

    cards: list[str] = field(default_factory=list)  # card texts
    dots: Counter = field(default_factory=Counter)  # (voter, step, option id) -> acknowledged dots


async def run_phase(result: PhaseResult, child: Child, tasks: list[Any]) -> None:
    """Run the phones' coroutines (each returns a list of (latency s, ok, error kind)); fill in `result`."""
    cpu_server, cpu_client = await child.cpu(), time.process_time()
    started = time.perf_counter()
    outcomes = await asyncio.gather(*tasks)
    result.seconds = time.perf_counter() - started
    result.server_cpu = (await child.cpu() - cpu_server) / result.seconds
    result.client_cpu = (time.process_time() - cpu_client) / result.seconds
    latencies = []
    kinds: Counter = Counter()
    for outcome in outcomes:
        for latency, ok, kind in outcome:
            result.sent += 1
            if ok:
                result.acked += 1
                latencies.append(latency * 1000)
            else:
                result.errors += 1
                kinds[kind] += 1
    result.error_kinds = dict(kinds)
    result.p50_ms = percentile(latencies, 0.50)
    result.p99_ms = percentile(latencies, 0.99)
    result.max_ms = max(latencies, default=0.0)


async def timed(coro: Any) -> tuple[float, bool, str]:
    started = time.perf_counter()
    try:
        ok, kind = await coro
    except (TimeoutError, aiohttp.ClientError, OSError) as exc:
        ok, kind = False, type(exc).__name__
    return time.perf_counter() - started, ok, kind


async def once(coro: Any) -> list[tuple[float, bool, str]]:
    return [await timed(coro)]


async def phone_cards(
    phone: Phone,
    ledger: Ledger | None,
    tag: str,
    count: int,
    delay: float,
    pause: tuple[float, float],
    rng: random.Random,
) -> list[tuple[float, bool, str]]:
    await asyncio.sleep(delay)
    out = []
    for j in range(count):
        text = f"Idee {tag}{phone.number}x{j}: meer tijd voor overleg in het team"
        outcome = await timed(phone.post("card", {"step": LIVE_COLLECT, "text": text}))
        out.append(outcome)
        if outcome[1] and ledger is not None:
            ledger.cards.append(text)
        if pause[1]:
            await asyncio.sleep(rng.uniform(*pause))
    return out


async def phone_votes(
    phone: Phone,
    ledger: Ledger | None,
    step: str,
    delay: float,
    pause: tuple[float, float],
    rng: random.Random,
    taps: int = 3,
) -> list[tuple[float, bool, str]]:
    """Place the 3 dots; with more `taps`, go on taking one back and placing one (a phone changing its mind)."""
    await asyncio.sleep(delay)
    out = []
    mine: list[str] = []
    for n in range(max(3, taps)):
        if n >= 3 and n % 2 == 1:
            do, item = "remove", mine[-1] if mine else "o1"
        else:
            do, item = "add", f"o{rng.randint(1, len(OPTIONS))}"
        outcome = await timed(phone.post("vote", {"step": step, "item": item, "do": do}))
        out.append(outcome)
        if outcome[1]:
            if do == "add":
                mine.append(item)
            elif mine:
                mine.pop()
            if ledger is not None:
                ledger.dots[(phone.pid, step, item)] += 1 if do == "add" else -1
        if pause[1]:
            await asyncio.sleep(rng.uniform(*pause))
    return out


# ----- one case ----------------------------------------------------------------------------------------


@dataclass
class CaseResult:
    records: int
    phones: int
    seed_seconds: float = 0.0
    phases: list[PhaseResult] = field(default_factory=list)
    cards_acked: int = 0
    dots_acked: int = 0
    lost_in_file: int = 0
    lost_in_export: int = 0
    ratio: float = 0.0  # durable herd throughput / no-op herd throughput
    cpu_ratio: float = 0.0  # no-op server CPU per request / durable server CPU per request (herd)
    file_bytes: int = 0


async def run_case(
    records: int, phones: int, *, window: float, cards: int, seed: int, herd_requests: int = HERD_REQUESTS
) -> CaseResult:
    """Run every phase for one (records, phones) pair and verify the session file; returns the figures."""
    rng = random.Random(seed * 1_000_003 + records * 7 + phones)
    case = CaseResult(records, phones)
    with tempfile.TemporaryDirectory(prefix="workshop-bench-") as folder:
        workspace = Workspace(Path(folder))
        session_id, case.seed_seconds = await asyncio.to_thread(seed_session, workspace, records)
        child = await Child.start(workspace.root, session_id)
        ledger = Ledger()
        connector = aiohttp.TCPConnector(limit=0, keepalive_timeout=10.0)
        crowd = [Phone(n, f"http://127.0.0.1:{child.port}", child.token, connector) for n in range(phones)]
        try:

            def phase(name: str, mode: str = "durable") -> PhaseResult:
                result = PhaseResult(records, phones, name, mode)
                case.phases.append(result)
                return result

            await run_phase(phase("join (herd)"), child, [once(p.join()) for p in crowd])
            crowd = [p for p in crowd if p.csrf]
            spread = (0.1, 0.5)
            herd = (0.0, 0.0)
            # Herd phases send at least HERD_REQUESTS requests, so small rooms give a steady rate too.
            herd_cards = max(cards, -(-herd_requests // len(crowd)))
            herd_taps = max(3, -(-herd_requests // len(crowd)) | 1)
            await run_phase(
                phase("cards, spread"),
                child,
                [phone_cards(p, ledger, "s", cards, rng.uniform(0, window), spread, rng) for p in crowd],
            )
            await run_phase(
                phase("cards, herd"), child, [phone_cards(p, ledger, "h", herd_cards, 0.0, herd, rng) for p in crowd]
            )
            await child.ask(f"go {VOTE_SPREAD}")
            await run_phase(
                phase("dots, spread"),
                child,
                [phone_votes(p, ledger, VOTE_SPREAD, rng.uniform(0, window), spread, rng) for p in crowd],
            )
            await child.ask(f"go {VOTE_HERD}")
            await run_phase(
                phase("dots, herd"),
                child,
                [phone_votes(p, ledger, VOTE_HERD, 0.0, herd, rng, herd_taps) for p in crowd],
            )
            await child.ask("noop")
            await run_phase(
                phase("cards, herd", "noop"),
                child,
                [phone_cards(p, None, "n", herd_cards, 0.0, herd, rng) for p in crowd],
            )
            await run_phase(
                phase("dots, herd", "noop"),
                child,
                [phone_votes(p, None, VOTE_HERD, 0.0, herd, rng, herd_taps) for p in crowd],
            )
        finally:
            for p in crowd:
                await p.close()
            await connector.close()
            await child.stop()
        durable = [r for r in case.phases if r.mode == "durable" and "herd" in r.phase and "join" not in r.phase]
        noop = [r for r in case.phases if r.mode == "noop"]
        rate = lambda rs: sum(r.acked for r in rs) / sum(r.seconds for r in rs)
        case.ratio = rate(durable) / rate(noop) if rate(noop) else 0.0
        cost = lambda rs: sum(r.server_ms * r.sent for r in rs) / sum(r.sent for r in rs)
        case.cpu_ratio = cost(noop) / cost(durable) if cost(durable) else 0.0
        path = workspace.session_path(session_id)
        case.file_bytes = path.stat().st_size
        verify(case, path, ledger)
    return case


def verify(case: CaseResult, path: Path, ledger: Ledger) -> None:
    """Count acknowledged cards and dots missing from the reopened session file and from its export."""
    with open_store(path) as store:
        state = state_from_tables(store.read())
    case.cards_acked = len(ledger.cards)
    case.dots_acked = sum(n for n in ledger.dots.values() if n > 0)
    texts = {c.text for c in state.contributions}
    stored = Counter((v.voter, v.step_id, v.item_id) for v in state.votes)
    lost = sum(1 for text in ledger.cards if text not in texts)
    # Net dots per voter, step and option (placed minus taken back): the file must hold at least those.
    lost += sum(max(0, n - stored[key]) for key, n in ledger.dots.items())
    case.lost_in_file = lost
    summary = session_summary(state)
    missing = sum(1 for text in ledger.cards if escape(text) not in summary)
    # The export's vote table: "| place | option | dots |" per vote step; each option's count must be at
    # least the dots acknowledged for it.
    for step in (VOTE_SPREAD, VOTE_HERD):
        acked: Counter[str] = Counter()
        for (_, s, item), n in ledger.dots.items():
            if s == step:
                acked[item] += n
        section = _section(summary, state.script.step(step).title)
        for number, label in enumerate(OPTIONS, 1):
            match = re.search(r"^\| [^|]+ \| " + re.escape(escape(label)) + r" \| (\d+) \|$", section, re.M)
            shown = int(match.group(1)) if match else 0
            missing += max(0, acked[f"o{number}"] - shown)
    case.lost_in_export = missing


def _section(summary: str, title: str) -> str:
    """The part of the summary under the step heading with `title` (`### n. Title`, under "Verloop van de sessie")."""
    parts = re.split(r"^#{2,3} ", summary, flags=re.M)
    for part in parts:
        if part.split("\n", 1)[0].endswith(escape(title)):
            return part
    return ""


# ----- reporting ---------------------------------------------------------------------------------------


def print_case(case: CaseResult) -> None:
    parts = split(case.records)
    print(
        f"\n== {case.records:,} records ({parts['cards']:,} cards, {parts['votes']:,} dots, {parts['ratings']:,} "
        f"ratings, {parts['participants']:,} people; seeded in {case.seed_seconds:.1f} s), {case.phones:,} phones =="
    )
    print(
        f"{'phase':<14} {'mode':<8} {'sent':>6} {'acked':>6} {'errors':>6} {'acked/s':>8} {'p50 ms':>7} "
        f"{'p99 ms':>7} {'max ms':>7} {'srv cpu':>7} {'cli cpu':>7} {'srv ms/req':>10}"
    )
    for r in case.phases:
        print(
            f"{r.phase:<14} {r.mode:<8} {r.sent:>6} {r.acked:>6} {r.errors:>6} {r.per_second:>8.0f} {r.p50_ms:>7.1f} "
            f"{r.p99_ms:>7.1f} {r.max_ms:>7.1f} {r.server_cpu:>6.0%} {r.client_cpu:>6.0%} {r.server_ms:>10.2f}"
            + (f"  {r.error_kinds}" if r.error_kinds else "")
        )
    print(
        f"durable/no-op throughput (herd): {case.ratio:.2f} (server CPU per request: {case.cpu_ratio:.2f})   "
        f"acknowledged: {case.cards_acked} cards, "
        f"{case.dots_acked} dots   lost in file: {case.lost_in_file}   lost in export: {case.lost_in_export}   "
        f"file: {case.file_bytes / 1e6:.1f} MB"
    )


def print_summary(cases: list[CaseResult]) -> None:
    print("\n== summary (latency: spread phases; throughput: herd phases) ==")
    print(
        f"{'records':>8} {'phones':>6} {'acked/s':>8} {'no-op/s':>8} {'ratio':>6} {'cpu rat':>7} {'p50 ms':>7} "
        f"{'p99 ms':>7} {'errors':>6} {'lost':>5}"
    )
    for case in cases:
        spread = [r for r in case.phases if "spread" in r.phase]
        durable = [r for r in case.phases if r.mode == "durable" and "herd" in r.phase and "join" not in r.phase]
        noop = [r for r in case.phases if r.mode == "noop"]
        d = sum(r.acked for r in durable) / sum(r.seconds for r in durable)
        n = sum(r.acked for r in noop) / sum(r.seconds for r in noop)
        p50 = max(r.p50_ms for r in spread)
        p99 = max(r.p99_ms for r in spread)
        errors = sum(r.errors for r in case.phases)
        print(
            f"{case.records:>8,} {case.phones:>6,} {d:>8.0f} {n:>8.0f} {case.ratio:>6.2f} {case.cpu_ratio:>7.2f} "
            f"{p50:>7.1f} {p99:>7.1f} "
            f"{errors:>6} {case.lost_in_file + case.lost_in_export:>5}"
        )


def _numbers(text: str) -> tuple[int, ...]:
    return tuple(int(part.replace("_", "")) for part in text.split(",") if part.strip())


async def join_rush(phones: int, seed: int) -> dict[str, float]:
    """`phones` phones scan the QR code at the same moment, against the server with its real limits.

    A phone that is told to wait (429) does what the wait page does: it follows the join link again
    after the Retry-After seconds. Returns when every phone is in: how long that took, and per phone.
    """
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="workshop-bench-") as folder:
        workspace = Workspace(Path(folder))
        session_id, _ = await asyncio.to_thread(seed_session, workspace, 0)
        child = await Child.start(workspace.root, session_id, real_limits=True)
        connector = aiohttp.TCPConnector(limit=0, keepalive_timeout=30.0)
        crowd = [Phone(n, f"http://127.0.0.1:{child.port}", child.token, connector) for n in range(phones)]
        waits: list[int] = []
        errors: list[str] = []
        started = time.perf_counter()

        async def scan(phone: Phone) -> float:
            await asyncio.sleep(rng.uniform(0, 0.2))  # "at the same moment": within a fifth of a second
            for _ in range(100):  # bounded
                async with phone.http.get(f"{phone.base}/j/{phone.token}") as response:
                    await response.read()
                    if response.status == 200:
                        return time.perf_counter() - started
                    if response.status != 429:
                        errors.append(str(response.status))
                        return time.perf_counter() - started
                    waits.append(int(response.headers["Retry-After"]))
                    await asyncio.sleep(waits[-1])
            errors.append("gave up")
            return time.perf_counter() - started

        try:
            joined = await asyncio.gather(*(scan(p) for p in crowd))
        finally:
            for phone in crowd:
                await phone.close()
            await connector.close()
            await child.stop()
        return {
            "phones": phones,
            "all_in_s": max(joined),
            "p50_s": percentile(joined, 0.5),
            "p99_s": percentile(joined, 0.99),
            "waits": len(waits),
            "errors": len(errors),
        }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its tables; returns 1 when an acknowledged input was lost."""
    parser = argparse.ArgumentParser(
        prog="python -m workshop.bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--phones", type=_numbers, help="phones per run, e.g. 50,300,1000 (default)")
    parser.add_argument("--records", type=_numbers, help="records already in the session, e.g. 0,1000,10000 (default)")
    parser.add_argument(
        "--quick", action="store_true", help="a short run: 0 and 1,000 records, 50 and 300 phones, 2 s window"
    )
    parser.add_argument(
        "--window", type=float, help="seconds within which the phones start in the spread phases (default 5)"
    )
    parser.add_argument("--cards", type=int, default=2, help="cards each phone sends per card phase (default 2)")
    parser.add_argument("--seed", type=int, default=6, help="random seed (default 6)")
    parser.add_argument(
        "--herd",
        type=int,
        default=HERD_REQUESTS,
        help=f"at least this many requests per herd phase (default {HERD_REQUESTS:,})",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--join-rush",
        type=_numbers,
        metavar="N[,N]",
        help="only this: N phones scan the QR code at once, against the real join limit "
        "(phones told to wait retry as the wait page does); how long until all are in",
    )
    args = parser.parse_args(argv)
    if args.join_rush:
        print(
            "join rush: every phone scans within 0.2 s; the server has its real join limit "
            "(300 at once, then 50/s); a phone told to wait retries after Retry-After seconds"
        )
        print(f"{'phones':>7} {'all in (s)':>11} {'p50 (s)':>8} {'p99 (s)':>8} {'waits':>6} {'errors':>7}")
        failed = False
        for n in args.join_rush:
            r = asyncio.run(asyncio.wait_for(join_rush(n, args.seed), CASE_TIMEOUT))
            print(
                f"{r['phones']:>7,} {r['all_in_s']:>11.1f} {r['p50_s']:>8.2f} {r['p99_s']:>8.1f} "
                f"{r['waits']:>6,} {r['errors']:>7}"
            )
            failed |= bool(r["errors"])
        return 1 if failed else 0
    records = args.records or (QUICK_RECORDS if args.quick else FULL_RECORDS)
    phones = args.phones or (QUICK_PHONES if args.quick else FULL_PHONES)
    window = args.window if args.window is not None else (2.0 if args.quick else 5.0)
    print(
        f"workshop load benchmark: python {sys.version.split()[0]}, aiohttp {aiohttp.__version__}, "
        f"{os.cpu_count()} CPUs; server in a child process on 127.0.0.1; window {window:g} s, "
        f"{args.cards} cards + 3 dots per phone per phase"
    )
    cases = []
    started = time.perf_counter()
    for n_records in records:
        for n_phones in phones:
            case = asyncio.run(
                asyncio.wait_for(
                    run_case(
                        n_records, n_phones, window=window, cards=args.cards, seed=args.seed, herd_requests=args.herd
                    ),
                    CASE_TIMEOUT,
                )
            )
            print_case(case)
            cases.append(case)
    print_summary(cases)
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.write_text(
            json.dumps(
                [
                    {
                        **{k: v for k, v in asdict(c).items() if k != "phases"},
                        "phases": [{**asdict(r), "per_second": r.per_second} for r in c.phases],
                    }
                    for c in cases
                ],
                indent=1,
            ),
            encoding="utf-8",
        )
    return 1 if any(c.lost_in_file or c.lost_in_export for c in cases) else 0
