"""Benchmark: is the facilitator's board responsive with 10 and with 1,000 cards?

Runs the real Textual app headless (as the tests do) on a real session file and reports, per board
size, the time from a key event until it is handled and the screen drawn, and the time from a card
arriving in the session (as a phone would send it, including its durable write) until its row is on
the board and drawn.

    .venv/bin/python benchmarks/tui_bench.py [--trials 40]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from textual import events

from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.widgets import Board
from workshop.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def key_latencies(app, board: Board, count: int, gap: float = 0.0) -> list[float]:
    """Press down/up `count` times, `gap` seconds apart; return ms from each key event until handled and drawn."""
    found = []
    for n in range(count):
        row = board.cursor_row
        start = time.perf_counter()
        # The key goes in as a terminal key event; done = the cursor moved and the screen is drawn.
        app.post_message(events.Key("down" if n % 2 == 0 else "up", None))
        while board.cursor_row == row:
            await asyncio.sleep(0)
        app.screen._on_timer_update()
        found.append((time.perf_counter() - start) * 1000)
        if gap:
            await asyncio.sleep(gap)
    return found


async def measure(cards: int, trials: int) -> dict[str, float]:
    """Return p50/p99 in ms for a key press and for a new card, with `cards` cards on the board."""
    with tempfile.TemporaryDirectory() as folder:
        workspace = Workspace(Path(folder))
        service = workspace.new_session(
            load_script(ROOT / "workshop" / "scripts" / "visie-leren-ontwikkelen.md"), team="Bench"
        )
        service.go_to("wat-moet-leren-opleveren")
        phone = service.join().id
        with service.batch():
            for n in range(cards):
                service.add_contribution(
                    f"Kaartje {n}: meer tijd om samen te leren op de afdeling", author=phone, category="Onszelf"
                )
        app = WorkshopApp(workspace, session=service, serve=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            board = app.screen.query_one(Board)
            assert board.row_count == cards
            keys = await key_latencies(app, board, trials)
            arrivals = []
            for n in range(trials):
                before = board.row_count
                start = time.perf_counter()
                service.add_contribution(f"Nieuw kaartje {n}", author=phone, category="Onszelf")
                while board.row_count == before:
                    await asyncio.sleep(0)
                app.screen._on_timer_update()  # and drawn
                arrivals.append((time.perf_counter() - start) * 1000)
            await pilot.press("ctrl+q")
    return {
        "key_p50": statistics.median(keys),
        "key_p99": percentile(keys, 0.99),
        "card_p50": statistics.median(arrivals),
        "card_p99": percentile(arrivals, 0.99),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=40)
    args = parser.parse_args()
    print(f"{'cards':>6}  {'key p50':>8}  {'key p99':>8}  {'new card p50':>12}  {'new card p99':>12}   (ms)")
    for cards in (10, 1000):
        r = asyncio.run(measure(cards, args.trials))
        print(f"{cards:>6}  {r['key_p50']:8.1f}  {r['key_p99']:8.1f}  {r['card_p50']:12.1f}  {r['card_p99']:12.1f}")


if __name__ == "__main__":
    main()
