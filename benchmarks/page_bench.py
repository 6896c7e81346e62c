"""Measure what one phone page costs the core: page_view for a phone after each new card, at session sizes.

After every change each phone in the room asks for its page, so this is the cost a room pays per change
and phone. The session lives in a MemoryStore (no disk): only the page's questions to the core and its
view are timed. Steps: a collect step (the phone's own cards among all cards of the session) and an
open vote step over the cards (items, own dots, dots left). Each figure is the lowest of `--repeat`
medians, so other programs on the machine disturb it less.

`--spread` measures what a plenary does instead: a session that already holds N records (the load
benchmark's seed: cards, dots and answers of earlier steps), 200 phones in a live collect step, and after
each new card the page of the phone that sent it (its first page of a new snapshot: the one that pays
for every per-snapshot lookup). That page must not grow with the session.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

# Runnable as `python benchmarks/page_bench.py` from a checkout without installing the package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workshop.core.ports import MemoryStore
from workshop.core.script import load_script
from workshop.core.session import SessionService
from workshop.web.views import page_view

ROOT = Path(__file__).resolve().parents[1]
SIZES = (1_000, 10_000)
PHONES = 30
ROUNDS = 20


def seeded(cards: int) -> tuple[SessionService, list[str]]:
    """A session of the mantelzorg script with `cards` cards from PHONES phones in its collect step."""
    script = load_script(ROOT / "workshop" / "scripts" / "mantelzorg-drempelcheck.md")
    service = SessionService.start(script, team="Bench", store=MemoryStore(), session_id="bench")
    phones = [service.join().id for _ in range(PHONES)]
    service.go_to("drempels")
    with service.batch():
        for n in range(cards):
            service.add_contribution(f"Drempel nummer {n}", author=phones[n % PHONES])
    return service, phones


def per_page(service: SessionService, phones: list[str], change) -> float:
    """Median microseconds of one phone's page, each round after one change (a new snapshot)."""
    times = []
    for n in range(ROUNDS):
        change(n)
        for pid in phones:
            started = time.perf_counter()
            page_view(service, pid)
            times.append(time.perf_counter() - started)
    return statistics.median(times) * 1e6


def one_run(size: int) -> tuple[float, float]:
    """Return the median µs of a phone's page in the collect step and in the open vote step."""
    service, phones = seeded(size)
    collect = per_page(service, phones, lambda n: service.add_contribution(f"Nog een {n}", author=phones[0]))
    service.go_to("wat-pakken-we-eerst-aan")
    service.open_voting()
    items = service.vote_items()
    vote = per_page(service, phones, lambda n: service.cast_vote(items[n % len(items)].id, voter=phones[n % PHONES]))
    return collect, vote


def spread_page(records: int, rounds: int = 300) -> float:
    """Median µs of the sender's page after each new card, in a session already holding `records` records."""
    from workshop.bench.seed import LIVE_COLLECT, OPTIONS, PHRASES, SCRIPT, split
    from workshop.core.script import parse_script

    service = SessionService.start(parse_script(SCRIPT, "bench.md"), team="Bench", store=MemoryStore(), session_id="b")
    service.set_join_limit(10_000)
    parts = split(records)
    with service.batch():
        people = [service.join().id for _ in range(max(1, parts["participants"]))]
        service.go_to("eerder-verzameld")
        for i in range(parts["cards"]):
            text = f"{PHRASES[i % len(PHRASES)]} (eerder {i})"
            service.add_contribution(text, author=people[i % len(people)], category="Tijd")
        service.go_to("eerder-gestemd")
        service.open_voting()
        for i in range(parts["votes"]):
            service.cast_vote(f"o{1 + (i * 7) % len(OPTIONS)}", voter=people[(i // 3) % len(people)])
        service.go_to(LIVE_COLLECT)
        phones = [service.join().id for _ in range(200)]
    times = []
    for n in range(rounds):
        phone = phones[n % len(phones)]
        service.add_contribution(f"Idee {n}: meer overleg", author=phone)
        started = time.perf_counter()
        page_view(service, phone)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--spread", action="store_true", help="the plenary's page after a new card (see above)")
    args = parser.parse_args(argv)
    if args.spread:
        print(f"{'records':>7} {'page after a new card (µs)':>27}")
        for size in args.sizes:
            print(f"{size:>7,} {min(spread_page(size) for _ in range(args.repeat)):>27,.0f}")
        return 0
    print(f"{'cards':>7} {'collect page (µs)':>18} {'vote page (µs)':>15}")
    for size in args.sizes:
        runs = [one_run(size) for _ in range(args.repeat)]
        print(f"{size:>7,} {min(c for c, _ in runs):>18,.0f} {min(v for _, v in runs):>15,.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
