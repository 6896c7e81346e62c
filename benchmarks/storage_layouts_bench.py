"""Compare session storage layouts side by side in one run: TinyDB + journal (what we use) and SQLite in WAL mode.

Layouts: `tinydb+journal` is `open_store(path, journal=True)`, what a running session uses: each write
is one fsynced line in `<file>.journal`, folded into the JSON file once the journal is as big as the file
(at least 1 MiB). `sqlite-full` and `sqlite-normal` are a SessionStore sketched here on the standard
library's sqlite3: one table (table, key, JSON record), WAL mode, one transaction per write, with
`synchronous=FULL` (the WAL is fsynced at every commit, so an acknowledged write is on disk) or
`synchronous=NORMAL` (fsynced only at checkpoints: survives a crash of the program, not of the power).

Measured: acknowledged-write latency for single writes and bursts of 50 changes in sessions of 100,
1,000 and 10,000 records; opening a 10,000-record session and reading all of it; the files on disk; and
a kill -9 loop per layout (are acknowledged writes lost?). Run: `.venv/bin/python
benchmarks/storage_layouts_bench.py` (add `--dir` to measure another disk; `--quick` for a short run).
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

# Runnable as `python benchmarks/storage_layouts_bench.py` from a checkout without installing the package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workshop.core.model import Change
from workshop.core.ports import SessionStore, Tables
from workshop.store import journal_path, open_store, read_tables
from workshop.store.fileformat import final_records

LAYOUTS = ("tinydb+journal", "sqlite-full", "sqlite-normal")
SIZES = (100, 1_000, 10_000)
BURST = 50
PHRASES = (
    "Bij de overdracht missen we vaak informatie over de medicatie van de cliënt.",
    "Naasten bellen ’s avonds omdat ze niet weten wie de contactpersoon is.",
    "Het zorgplan wordt niet altijd samen met de cliënt besproken en bijgesteld.",
    "In het weekend is er te weinig tijd voor een goed gesprek met de familie.",
)


def record(i: int) -> dict:
    """Return a contribution-sized record: about 200 bytes of JSON with Dutch text (as in store_bench.py)."""
    return {
        "id": f"c{i}",
        "step_id": "verzamelen",
        "text": PHRASES[i % len(PHRASES)],
        "author": f"p{i % 12}",
        "via": "participant",
        "created_at": "2025-03-04T10:15:00",
    }


class SqliteSessionStore:
    """A SessionStore in one SQLite file in WAL mode: the alternative, sketched to measure it (not used by the app)."""

    def __init__(self, path: Path, synchronous: str = "FULL") -> None:
        self.path = path
        # Autocommit mode: each write() opens and commits its own transaction.
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(f"PRAGMA synchronous={synchronous}")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS records ("
            " tbl TEXT NOT NULL, key TEXT NOT NULL, record TEXT NOT NULL, PRIMARY KEY (tbl, key)"
            ") WITHOUT ROWID"
        )

    def read(self) -> Tables:
        tables: Tables = {}
        for table, key, text in self._db.execute("SELECT tbl, key, record FROM records"):
            tables.setdefault(table, {})[key] = json.loads(text)
        return tables

    def write(self, changes: Sequence[Change]) -> None:
        final = final_records(changes)  # the same checks and last-change-wins as the TinyDB store
        puts = [
            (table, key, json.dumps(rec, ensure_ascii=False, separators=(",", ":")))
            for table, records in final.items()
            for key, rec in records.items()
            if rec is not None
        ]
        deletes = [(table, key) for table, records in final.items() for key, rec in records.items() if rec is None]
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.executemany(
                "INSERT INTO records VALUES (?, ?, ?) ON CONFLICT (tbl, key) DO UPDATE SET record = excluded.record",
                puts,
            )
            self._db.executemany("DELETE FROM records WHERE tbl = ? AND key = ?", deletes)
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self._db.close()


def open_layout(layout: str, path: Path, *, create: bool = False, fold_at: int | None = None) -> SessionStore:
    """Open (or make) a session of `layout` at `path`."""
    if layout == "tinydb+journal":
        return open_store(path, create=create, journal=True, fold_at=fold_at)
    return SqliteSessionStore(path, "FULL" if layout == "sqlite-full" else "NORMAL")


def session_path(folder: Path, layout: str, name: str) -> Path:
    return folder / f"{name}.{'json' if layout.startswith('tinydb') else 'sqlite'}"


def make_session(layout: str, path: Path, size: int) -> None:
    """Create a session of `size` records and close it (for TinyDB: folded into the JSON file)."""
    store = open_layout(layout, path, create=True)
    store.write([Change("contributions", f"c{i}", record(i)) for i in range(size)])
    store.close()


def files_of(path: Path) -> dict[str, int]:
    """Return the session's files (the session file, backup, journal, WAL...) and their sizes in bytes."""
    return {p.name: p.stat().st_size for p in sorted(path.parent.glob(path.name + "*")) if p.is_file()}


# --- measuring ------------------------------------------------------------------------------------


def side_file(layout: str, path: Path) -> Path:
    """Return the file that takes each write before it reaches the session file: the journal, or SQLite's WAL."""
    return journal_path(path) if layout.startswith("tinydb") else path.with_name(path.name + "-wal")


def timed_writes(layout: str, folder: Path, size: int, batch: int, writes: int) -> tuple[list[float], int, int]:
    """Return the ms of each write of `batch` changes in a session of `size` records, the folds, the largest
    journal/WAL seen (bytes). The changes replace existing records, so the session stays at `size` records."""
    path = session_path(folder, layout, f"w-{size}-{batch}-{layout}")
    make_session(layout, path, size)
    store = open_layout(layout, path)
    journal = side_file(layout, path)
    durations, folds, journal_size, peak = [], 0, 0, 0
    for n in range(writes):
        changes = [
            Change("contributions", f"c{(n * batch + j) % size}", record(n * batch + j + 1)) for j in range(batch)
        ]
        start = time.perf_counter()
        store.write(changes)
        durations.append((time.perf_counter() - start) * 1000)
        now = journal.stat().st_size if journal.exists() else 0
        folds += layout.startswith("tinydb") and now < journal_size  # (a WAL is reused in place, not shrunk)
        journal_size, peak = now, max(peak, now)
    store.close()
    return durations, folds, peak


def percentile(values: Sequence[float], p: int) -> float:
    """Return the p-th percentile of `values` (inclusive method, fine for a few hundred samples)."""
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def timed_open(layout: str, path: Path, repeats: int) -> float:
    """Return the median ms to open the session at `path` and read every record (then close it, untimed)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        store = open_layout(layout, path)
        tables = store.read()
        times.append((time.perf_counter() - start) * 1000)
        assert len(tables["contributions"]) == 10_000
        store.close()
    return statistics.median(times)


def timed_read_unlocked(layout: str, path: Path, repeats: int) -> float:
    """Return the median ms to read every record without opening the session for writing (session lists, export)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        if layout.startswith("tinydb"):
            tables = read_tables(path)
        else:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            tables = {}
            for table_name, key, text in db.execute("SELECT tbl, key, record FROM records"):
                tables.setdefault(table_name, {})[key] = json.loads(text)
            db.close()
        times.append((time.perf_counter() - start) * 1000)
        assert len(tables["contributions"]) == 10_000
    return statistics.median(times)


def timed_import(module: str, repeats: int = 5) -> float:
    """Return the median ms a fresh interpreter spends importing `module` (what a program start pays once)."""
    code = f"import time; t = time.perf_counter(); import {module}; print((time.perf_counter() - t) * 1000)"
    root = str(Path(__file__).resolve().parents[1])
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root).stdout)
        for _ in range(repeats)
    ]
    return statistics.median(runs)


# --- crash safety ---------------------------------------------------------------------------------


def child(layout: str, path: Path, trial: str) -> None:
    """Write one card per write() and print its key only after write() returned (an acknowledgement)."""
    store = open_layout(layout, path, fold_at=8_000)  # TinyDB: fold often, so kills also land in folds
    for i in range(100_000):
        key = f"t{trial}-{i}"
        store.write([Change("contributions", key, record(i))])
        sys.stdout.write(key + "\n")
        sys.stdout.flush()


def kill_loop(layout: str, folder: Path, trials: int, rng: random.Random) -> dict[str, int]:
    """Kill -9 a writer `trials` times at random moments; return acknowledged writes lost and unreadable files."""
    path = session_path(folder, layout, f"crash-{layout}")
    make_session(layout, path, 1_000)
    acknowledged: list[str] = []
    lost: set[str] = set()
    unreadable = 0
    for trial in range(trials):
        process = subprocess.Popen(
            [sys.executable, __file__, "--child", layout, str(path), str(trial)], stdout=subprocess.PIPE, text=True
        )
        assert process.stdout is not None
        try:
            for _ in range(rng.randint(1, 300)):
                line = process.stdout.readline()
                if not line:
                    raise RuntimeError(f"the {layout} writer stopped early")
                acknowledged.append(line.strip())
            for _ in range(rng.randint(0, 20_000)):  # a little longer: kill mid-write, not only between
                pass
        finally:
            process.kill()
            process.wait()
        try:
            store = open_layout(layout, path)
            stored = store.read()["contributions"]
            store.close()
        except Exception:
            unreadable += 1
            break
        lost.update(key for key in acknowledged if key not in stored)
    return {"trials": trials, "acknowledged": len(acknowledged), "lost": len(lost), "unreadable": unreadable}


# --- the report -----------------------------------------------------------------------------------


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Return a Markdown table (numbers right-aligned)."""
    align = ["---:" if isinstance(cell, (int, float)) else "---" for cell in rows[0]]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    for row in rows:
        cells = [f"{c:,.2f}" if isinstance(c, float) else f"{c:,}" if isinstance(c, int) else str(c) for c in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def run(folder: Path, writes: int, trials: int, layouts: Sequence[str], say: Callable[[str], None]) -> None:
    """Measure every layout in `folder` and print the tables."""
    say(f"python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, folder {folder}\n")
    rows: list[tuple[object, ...]] = []
    for size in SIZES:
        for layout in layouts:
            for batch in (1, BURST):
                ms, folds, peak = timed_writes(layout, folder, size, batch, writes)
                per_second = len(ms) / (sum(ms) / 1000)
                label = "single" if batch == 1 else f"burst of {batch}"
                p50, p99 = percentile(ms, 50), percentile(ms, 99)
                rows.append((size, layout, label, p50, p99, max(ms), round(per_second), folds, round(peak / 1024)))
    header = ("records", "layout", "write", "p50 ms", "p99 ms", "max ms", "writes/s", "folds", "journal/WAL max KiB")
    say(table(header, rows))

    rows = []
    for layout in layouts:
        path = session_path(folder, layout, f"open-{layout}")
        make_session(layout, path, 10_000)
        opened, read = timed_open(layout, path, 5), timed_read_unlocked(layout, path, 5)
        at_rest = files_of(path)  # after an open, as in use: TinyDB's .bak then holds a full copy
        files = ", ".join(f"{name.removeprefix(path.stem)} {size:,}" for name, size in at_rest.items())
        rows.append((layout, opened, read, files))
    say("\n" + table(("10,000 records", "open + read all ms", "read without lock ms", "files at rest: bytes"), rows))
    say(
        f"\nimport in a fresh interpreter (median of 5): tinydb + filelock {timed_import('tinydb, filelock'):.1f} ms,"
        f" sqlite3 {timed_import('sqlite3'):.1f} ms, workshop.store {timed_import('workshop.store'):.1f} ms"
    )

    rng = random.Random(20261123)
    rows = []
    for layout in layouts:
        seen = kill_loop(layout, folder, trials, rng)
        rows.append((layout, seen["trials"], seen["acknowledged"], seen["lost"], seen["unreadable"]))
    say("\n" + table(("kill -9", "trials", "acknowledged writes", "lost", "unreadable after kill"), rows))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the comparison and print Markdown tables; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, help="folder to write in (default: a temp folder)")
    parser.add_argument("--writes", type=int, default=200, help="timed writes per row")
    parser.add_argument("--trials", type=int, default=10, help="kill -9 trials per layout")
    parser.add_argument("--quick", action="store_true", help="a short run: 50 writes per row, 3 trials")
    parser.add_argument("--layout", action="append", choices=LAYOUTS, help="only this layout (repeatable)")
    parser.add_argument("--child", nargs=3, metavar=("LAYOUT", "PATH", "TRIAL"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], Path(args.child[1]), args.child[2])
        return 0
    writes, trials = (50, 3) if args.quick else (args.writes, args.trials)
    with tempfile.TemporaryDirectory(dir=args.dir) as name:
        run(Path(name), writes, trials, args.layout or LAYOUTS, print)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
