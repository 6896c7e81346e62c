"""A trial: the step timer counted the time the app was not running. Closed normally the clock already paused;
killed (a crash, a closed terminal window, a flat battery) the step came back hours over time. The running step's
time is now stored once a minute, and a session opened again never counts the time no program ran it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import datetime

from tests.conftest import FIXTURES, ROOT, FakeClock
from workshop.core import events as ev
from workshop.core.ports import MemoryStore
from workshop.core.script import load_script
from workshop.core.session import SessionService
from workshop.core.timebox import KEEP_SECONDS
from workshop.workspace import Workspace


def test_the_time_no_program_ran_the_session_never_counts(clock):
    store = MemoryStore()
    service = SessionService.start(
        load_script(FIXTURES / "mini.md"), team="T", store=store, session_id="s", clock=clock
    )
    service.advance()
    clock.advance(seconds=30)
    assert not service.keep_time()  # not a minute yet: nothing written
    clock.advance(seconds=50)
    seen: list[ev.Event] = []
    service.subscribe(seen.append)
    assert service.keep_time() and [type(e) for e in seen] == [ev.TimeKept]
    clock.advance(seconds=20)  # the last 20 seconds before the program is killed are not stored
    clock.advance(hours=3)  # the laptop is off
    resumed = SessionService.resume(MemoryStore(store.read()), clock=clock)  # no release: killed
    assert resumed.timebox().elapsed == 80
    clock.advance(minutes=1)
    assert resumed.timebox().elapsed == 140


def test_keeping_time_changes_nothing_else_and_a_closed_session_keeps_none(clock):
    service = SessionService.start(
        load_script(FIXTURES / "mini.md"), team="T", store=MemoryStore(), session_id="s", clock=clock
    )
    service.advance()
    clock.advance(seconds=KEEP_SECONDS)
    before = service.state
    assert service.keep_time()
    after = service.state
    assert dict(after.meta.spent)[before.step.id] == KEEP_SECONDS and after.meta.entered_at == clock().isoformat()
    assert service.timebox().elapsed == KEEP_SECONDS and after.step == before.step
    service.close_session()
    clock.advance(minutes=5)
    assert not service.keep_time()


CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from datetime import datetime
    from pathlib import Path
    from tests.conftest import FIXTURES, ROOT, FakeClock
    from workshop.core.script import load_script
    from workshop.workspace import Workspace

    clock = FakeClock(datetime.fromisoformat(sys.argv[2]))
    service = Workspace(Path(sys.argv[1])).new_session(load_script(FIXTURES / "mini.md"), team="T", clock=clock)
    service.advance()
    clock.advance(seconds=90)
    assert service.keep_time()
    clock.advance(seconds=30)
    print(service.state.meta.id, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_a_killed_program_loses_at_most_a_minute_and_never_counts_the_hours_it_was_off(tmp_path):
    """A real process on a real session file, killed with SIGKILL after the time was kept once."""
    start = datetime(2026, 11, 23, 9, 0).astimezone()
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path), start.isoformat()],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    clock = FakeClock(start)
    clock.advance(hours=5)  # opened again five hours later
    resumed = Workspace(tmp_path).open_session(child.stdout.strip(), clock=clock)
    try:
        assert resumed.timebox().elapsed == 90  # what was kept; the 30 s after it and the 5 hours are not
    finally:
        resumed.release()
