"""The disk's own floor under a durable card: journal lines appended and fsynced, nothing else.

A durable card is acknowledged only after its journal line is on disk (store/journal.py), so its latency can
never be below what this machine's disk takes for that. This probe measures it in the same run as the room
benchmark: lines like a card's, arriving at the spread phase's rate (random gaps), appended by one writer
thread that writes every line waiting for it with one fsync (the server's group commit, without the server).
Each line's time runs from its arrival until the fsync holding it returned.
"""

from __future__ import annotations

import os
import queue
import random
import threading
import time
from pathlib import Path

from ..store.files import sync
from .load import percentile

LINE = b'{"seq":1,"changes":[["contributions","0123456789abcdef",{"text":"' + b"x" * 120 + b'"}]]}\n'


def disk_floor(folder: Path, rate: float, count: int, seed: int = 6) -> tuple[float, float]:
    """Append `count` lines arriving at `rate` a second into a file in `folder`, group-committed; return the
    p50 and p99 in ms from a line's arrival until it was fsynced."""
    path = folder / "disk-probe.journal"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_TRUNC | getattr(os, "O_BINARY", 0))
    waiting: queue.SimpleQueue[float | None] = queue.SimpleQueue()
    times: list[float] = []

    def writer() -> None:
        while True:
            batch = [waiting.get()]
            while not waiting.empty():
                batch.append(waiting.get())
            arrived = [t for t in batch if t is not None]
            if arrived:
                os.write(fd, LINE * len(arrived))
                sync(fd)
                done = time.perf_counter()
                times.extend(1000 * (done - t) for t in arrived)
            if len(arrived) < len(batch):
                return

    thread = threading.Thread(target=writer, name="disk-probe")
    thread.start()
    gaps = random.Random(seed)
    due = time.perf_counter()
    try:
        for _ in range(count):
            due += gaps.expovariate(rate)
            wait = due - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            waiting.put(time.perf_counter())
    finally:
        waiting.put(None)
        thread.join()
        os.close(fd)
        path.unlink(missing_ok=True)
    return percentile(times, 0.5), percentile(times, 0.99)
