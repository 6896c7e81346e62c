"""Benchmark: does the facilitator stay in control while a room of phones sends cards?

Runs the real app headless with its real participant server on 127.0.0.1 (same event loop, as in a
session), lets a second process play N phones that join and send cards in bursts, and meanwhile measures
key-press-to-render on the facilitator's board. Reports the latency with and without the load.

    .venv/bin/python benchmarks/tui_load_bench.py [--phones 200] [--seconds 15]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from tui_bench import key_latencies  # benchmarks/ is on the path when run as a script

from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.session import SessionScreen
from workshop.tui.widgets import Board
from workshop.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent

# The phones: join (spread, the server admits 20 joins a second), then send a card about every 0.5 s.
PHONES = textwrap.dedent("""
    import asyncio, random, sys, time
    import aiohttp
    from workshop.bench.load import Phone

    async def main(base, token, count, seconds):
        connector = aiohttp.TCPConnector(limit=0)
        phones = [Phone(n, base, token, connector) for n in range(count)]
        sent = 0
        async def one(phone):
            nonlocal sent
            await asyncio.sleep(phone.number / 18)
            ok, _ = await phone.join()
            if not ok:
                return
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                ok, _ = await phone.post("card", {"step": "wat-moet-leren-opleveren",
                                                  "text": f"Kaartje {phone.number}: meer tijd om te leren",
                                                  "category": "Onszelf"})
                sent += ok
                await asyncio.sleep(random.uniform(0.3, 0.7))
        await asyncio.gather(*(one(p) for p in phones))
        print(sent, flush=True)
        for phone in phones:
            await phone.close()
        await connector.close()

    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])))
""")


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    return f"p50 {statistics.median(values):6.1f} ms   p99 {p99:6.1f} ms   max {max(values):6.1f} ms"


async def run(phones: int, seconds: float) -> None:
    with tempfile.TemporaryDirectory() as folder:
        workspace = Workspace(Path(folder))
        service = workspace.new_session(
            load_script(ROOT / "workshop" / "scripts" / "visie-leren-ontwikkelen.md"), team="Bench"
        )
        service.go_to("wat-moet-leren-opleveren")
        app = WorkshopApp(workspace, session=service, host="127.0.0.1", port=0)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = app.screen
            assert isinstance(screen, SessionScreen)
            while screen.server is None:
                await pilot.pause(0.05)
            board = screen.query_one(Board)
            service.add_contribution("Eerste kaartje", category="Onszelf")
            service.add_contribution("Tweede kaartje", category="Onszelf")
            await pilot.pause()
            quiet = await key_latencies(app, board, 40, 0.02)
            base, _, token = screen.server.url.partition("/j/")
            child = subprocess.Popen(
                [sys.executable, "-c", PHONES, base, token, str(phones), str(seconds)],
                stdout=subprocess.PIPE,
                text=True,
                cwd=ROOT,
            )
            await asyncio.sleep(phones / 18 + 1)  # until every phone joined and sends
            loaded = await key_latencies(app, board, 100, 0.05)
            while child.poll() is None:
                await asyncio.sleep(0.2)
            sent = int(child.stdout.read().strip() or 0)
            await pilot.pause()
            cards = len(service.state.contributions)
            print(f"phones {phones}, cards acknowledged {sent}, cards in the session {cards - 2}")
            print(f"key press, quiet:      {summary(quiet)}")
            print(f"key press, under load: {summary(loaded)}")
            print("slowest:", sorted(((round(v), i) for i, v in enumerate(loaded)), reverse=True)[:5])
            await app.action_quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=15.0)
    args = parser.parse_args()
    asyncio.run(run(args.phones, args.seconds))


if __name__ == "__main__":
    main()
