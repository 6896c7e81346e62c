"""Measure acknowledged-write latency of TinyDBSessionStore for small and large sessions, single and grouped.

Two layouts: `file` rewrites the whole session file per write; `journal` (what a running session uses)
appends each write as one fsynced line and folds the journal into the file now and then (the p99 of
the journal rows includes those folds).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

# Runnable as `python benchmarks/store_bench.py` from a checkout without installing the package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workshop.core.model import Change
from workshop.store.tinydb_store import open_store

SIZES = (100, 1_000, 10_000)
BURST = 50
PHRASES = (
    "Bij de overdracht missen we vaak informatie over de medicatie van de cliënt.",
    "Naasten bellen ’s avonds omdat ze niet weten wie de contactpersoon is.",
    "Het zorgplan wordt niet altijd samen met de cliënt besproken en bijgesteld.",
    "In het weekend is er te weinig tijd voor een goed gesprek met de familie.",
)


def record(i: int) -> dict:
    """Return a contribution-sized record: about 200 bytes of JSON with Dutch text."""
    return {
        "id": f"c{i}",
        "step_id": "verzamelen",
        "text": PHRASES[i % len(PHRASES)],
        "author": f"p{i % 12}",
        "via": "participant",
        "created_at": "2025-03-04T10:15:00",
    }


def timed_writes(size: int, batch: int, writes: int, folder: Path, journal: bool = False) -> list[float]:
    """Return the duration in ms of each of `writes` writes of `batch` changes, in a session of `size` records.

    The changes replace existing records, so the session stays at `size` records throughout.
    """
    path = folder / f"bench-{size}-{batch}-{'journal' if journal else 'file'}.json"
    with open_store(path, create=True) as store:
        store.write([Change("contributions", f"c{i}", record(i)) for i in range(size)])
    with open_store(path, journal=journal) as store:
        durations = []
        for n in range(writes):
            changes = [
                Change("contributions", f"c{(n * batch + j) % size}", record(n * batch + j + 1)) for j in range(batch)
            ]
            start = time.perf_counter()
            store.write(changes)
            durations.append((time.perf_counter() - start) * 1000)
    return durations


def percentile(values: Sequence[float], p: int) -> float:
    """Return the p-th percentile of `values` (inclusive method, fine for a few hundred samples)."""
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print a table; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--dir", type=Path, help="folder to write in (default: a temp folder; fsync cost depends on the disk)"
    )
    parser.add_argument("--writes", type=int, default=200, help="timed writes per row (fewer for 10,000 records)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(dir=args.dir) as name:
        folder = Path(name)
        size_of_record = len(json.dumps(record(0), ensure_ascii=False).encode())
        print(f"folder: {folder}  record: ~{size_of_record} bytes  burst: {BURST} changes per write")
        print(
            f"{'records':>8} {'layout':>8} {'write':>10} {'writes':>7} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}"
            f" {'writes/s':>9} {'records/s':>10}"
        )
        for size in SIZES:
            for journal in (False, True):
                writes = args.writes if size < 10_000 or journal else max(args.writes // 2, 20)
                for batch in (1, BURST):
                    ms = timed_writes(size, batch, writes, folder, journal)
                    per_second = len(ms) / (sum(ms) / 1000)
                    label = "single" if batch == 1 else f"burst x{batch}"
                    print(
                        f"{size:>8,} {'journal' if journal else 'file':>8} {label:>10} {len(ms):>7}"
                        f" {percentile(ms, 50):>8.2f} {percentile(ms, 99):>8.2f} {max(ms):>8.2f}"
                        f" {per_second:>9.0f} {per_second * batch:>10.0f}"
                    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
