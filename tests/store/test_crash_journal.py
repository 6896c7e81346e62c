"""Kill -9 a journalling writer at random moments (mid-append, mid-fold): every acknowledged write survives."""

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
from workshop.store.journal import journal_path, parse_journal

from .support import CHILD_ENV, card

TRIALS = 30
SEED = 20261123

# Journal mode with a small fold size, so folds (whole-file rewrites through a temp file) happen every
# few dozen writes and some kills land inside one. Each write is acknowledged after write() returned.
WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from workshop.core.model import Change
    from workshop.store.tinydb_store import open_store

    store = open_store(Path(sys.argv[1]), journal=True, fold_at=int(sys.argv[3]))
    trial = sys.argv[2]
    for i in range(10_000):
        key = f"t{trial}-{i}"
        card = {"text": f"Kaartje {i}: de overdracht mist vaak medicatie-info.", "n": i}
        changes = [Change("contributions", key, card)]
        if i % 7 == 3:
            changes.append(Change("contributions", f"t{trial}-{i - 3}", None))  # deletes are journalled too
        store.write(changes)
        sys.stdout.write(key + ("-" if i % 7 == 3 else "") + "\\n")
        sys.stdout.flush()
    """
)


def temp_files(folder: Path) -> list[str]:
    with os.scandir(folder) as entries:
        return [entry.name for entry in entries if entry.name.endswith(".tmp")]


@pytest.mark.slow
def test_kill_9_of_a_journalling_writer_never_loses_an_acknowledged_write(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    mid_fold = 0
    for trial in range(TRIALS):
        folder = tmp_path / str(trial)
        folder.mkdir()
        path = folder / "sessie.json"
        with open_store(path, create=True) as s:
            s.write([Change("contributions", f"oud{i}", card(i)) for i in range(rng.randint(0, 200))])
            before = s.read()["contributions"]
        kill_after = rng.randint(1, 150)
        wait_for_fold = trial % 2 == 1
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(trial), str(rng.choice([2_000, 8_000]))],
            stdout=subprocess.PIPE,
            text=True,
            env=CHILD_ENV,
        )
        assert child.stdout is not None
        acknowledged: list[str] = []
        try:
            while len(acknowledged) < kill_after:
                line = child.stdout.readline()
                assert line, f"trial {trial}: the writer stopped early (exit code {child.poll()})"
                acknowledged.append(line.strip())
            for _ in range(200_000 if wait_for_fold else 0):  # bounded by a count, not a clock
                if temp_files(folder):
                    break
        finally:
            child.kill()  # SIGKILL
            child.wait()
        mid_fold += bool(temp_files(folder))

        assert peek(path) is not None, f"trial {trial}: unreadable after kill"
        if journal_path(path).exists():
            parse_journal(journal_path(path).read_bytes())  # at most a cut-off last line, never damage
        with open_store(path) as s:
            data = s.read()["contributions"]
        assert not temp_files(folder) and not journal_path(path).exists()
        for n, entry in enumerate(acknowledged):
            key = entry.rstrip("-")
            if (n + 3) % 7 != 3:  # never deleted
                assert key in data, f"trial {trial}: lost {key}"
            elif n + 3 < len(acknowledged):  # deleted by an acknowledged write
                assert key not in data, f"trial {trial}: the acknowledged delete of {key} came back"
            # else: deleted by a write the writer may have finished after the last line we read: either is right
        assert all(data[key] == record for key, record in before.items())
    assert mid_fold >= 3, f"only {mid_fold} kills landed during a fold or journal creation"
