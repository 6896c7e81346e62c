"""Work in a thread that keeps the event loop responsive: the interpreter hands the loop its turn sooner."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# While a thread computes (the export preview renders 700 lines of Markdown), the event loop gets the interpreter
# lock back only when the thread is made to give it up: by default after 5 ms, and the loop needs it again after
# every socket read, write and fsync of a phone's request. A 40-phone room then waited up to ~80 ms a turn
# (benchmarks/tui_load_bench.py --export); at 0.5 ms the loop waits no longer than that for its turn.
SHARED_INTERVAL = 0.0005
_lock = threading.Lock()
_busy = 0
_normal = sys.getswitchinterval()


@contextmanager
def sharing_the_loop() -> Iterator[None]:
    """Run the block (in a worker thread) with the short switch interval; the old one is back when the last ends."""
    global _busy, _normal
    with _lock:
        if _busy == 0:
            _normal = sys.getswitchinterval()
            sys.setswitchinterval(min(_normal, SHARED_INTERVAL))
        _busy += 1
    try:
        yield
    finally:
        with _lock:
            _busy -= 1
            if _busy == 0:
                sys.setswitchinterval(_normal)
