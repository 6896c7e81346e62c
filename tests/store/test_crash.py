"""Kill -9 a writer at random moments: the session file always opens and holds every acknowledged write."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from workshop.core.model import Change
from workshop.store import open_store, peek

from .support import CHILD_ENV, card

TRIALS = 50
SEED = 20250304

# Writes one contribution per write() and acknowledges each only after write() returned, like the web
# handler answering a participant's phone.
WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from workshop.core.model import Change
    from workshop.store.tinydb_store import open_store

    store = open_store(Path(sys.argv[1]))
    trial = sys.argv[2]
    for i in range(10_000):
        key = f"t{trial}-{i}"
        card = {"text": f"Kaartje {i}: de overdracht mist vaak medicatie-info.", "n": i}
        store.write([Change("contributions", key, card)])
        sys.stdout.write(key + "\\n")
        sys.stdout.flush()
    """
)


def has_temp_file(folder: Path) -> bool:
    with os.scandir(folder) as entries:
        return any(entry.name.endswith(".tmp") for entry in entries)


@pytest.mark.slow
def test_kill_9_never_loses_an_acknowledged_write(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    killed_mid_flush = 0
    for trial in range(TRIALS):
        folder = tmp_path / str(trial)
        folder.mkdir()
        path = folder / "sessie.json"
        with open_store(path, create=True) as s:
            # Some earlier content, so each flush rewrites a file of realistic size.
            s.write([Change("contributions", f"oud{i}", card(i)) for i in range(rng.randint(0, 300))])
            before = s.read()["contributions"]

        kill_after = rng.randint(1, 200)
        # Killing right after an ack mostly lands in the writer's in-memory work; every other trial waits
        # for the next flush's temp file to appear, to kill inside the write-fsync-rename window.
        mid_flush = trial % 2 == 1
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(trial)], stdout=subprocess.PIPE, text=True, env=CHILD_ENV
        )
        assert child.stdout is not None
        acknowledged = []
        try:
            while len(acknowledged) < kill_after:
                line = child.stdout.readline()
                assert line, f"trial {trial}: the writer stopped early (exit code {child.poll()})"
                acknowledged.append(line.strip())
            # Bounded by a count, not a clock: the writer starts a new flush every few milliseconds.
            for _ in range(1_000_000 if mid_flush else 0):
                if has_temp_file(folder):
                    break
        finally:
            child.kill()  # SIGKILL: whatever the writer was doing, it stops here
            child.wait()
        killed_mid_flush += has_temp_file(folder)

        assert peek(path) is not None, f"trial {trial}: file unreadable after kill"
        with open_store(path) as s:
            data = s.read()["contributions"]
        assert not has_temp_file(folder), "opening should clear a dead writer's temp file"
        missing = [key for key in acknowledged if key not in data]
        assert not missing, f"trial {trial}: lost {len(missing)} acknowledged writes, first {missing[:3]}"
        assert all(data[key] == record for key, record in before.items())
    # The test only means something if some kills really hit a flush in progress.
    assert killed_mid_flush >= 5, f"only {killed_mid_flush} kills landed mid-flush"


# The same, one level up: a facilitator's session (service + workspace) taking cards from phones.
SESSION_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from workshop.workspace import Workspace

    workspace = Workspace(Path(sys.argv[1]))
    service = workspace.open_session(sys.argv[2])
    phone = service.join().id
    for i in range(10_000):
        card = service.add_contribution(f"Idee {i}: vaste leertijd in het rooster", author=phone)
        sys.stdout.write(card.id + "\\n")
        sys.stdout.flush()
    """
)


@pytest.mark.slow
def test_kill_9_during_a_session_keeps_every_acknowledged_card(tmp_path: Path) -> None:
    from tests.conftest import SCRIPTS
    from workshop.core.script import load_script
    from workshop.workspace import Workspace

    rng = random.Random(SEED + 1)
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "visie-leren-ontwikkelen.md"), team="Team De Linde")
    session_id = service.state.meta.id
    service.go_to("wat-moet-leren-opleveren")
    service.release()
    acknowledged: list[str] = []
    for trial in range(15):
        child = subprocess.Popen(
            [sys.executable, "-c", SESSION_WRITER, str(tmp_path), session_id],
            stdout=subprocess.PIPE,
            text=True,
            env=CHILD_ENV,
        )
        assert child.stdout is not None
        try:
            for _ in range(rng.randint(1, 60)):
                line = child.stdout.readline()
                assert line, f"trial {trial}: the session stopped early (exit code {child.poll()})"
                acknowledged.append(line.strip())
        finally:
            child.kill()
            child.wait()
        # The next program opens the same session: the lock of the killed one is gone, every card is there.
        reopened = workspace.open_session(session_id)
        try:
            cards = {c.id for c in reopened.state.contributions}
            assert set(acknowledged) <= cards, f"trial {trial}: lost {sorted(set(acknowledged) - cards)[:3]}"
            assert reopened.state.step.id == "wat-moet-leren-opleveren"
        finally:
            reopened.release()
