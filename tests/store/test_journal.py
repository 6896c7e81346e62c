"""The journal layout: appended, fsynced writes next to the TinyDB file, folded into it now and then."""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path

import pytest

from workshop.core.errors import CorruptSessionError
from workshop.core.model import Change
from workshop.store import backup_path, open_store, peek, read_tables
from workshop.store.journal import journal_path
from workshop.store.tinydb_store import FOLD_LATE

from .support import card, run_scenario


def put(i: int, text: str = "") -> Change:
    return Change("contributions", f"c{i}", card(i, text))


def journal_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in journal_path(path).read_bytes().splitlines()]


def test_writes_append_to_the_journal_and_leave_the_file_alone(session_file: Path) -> None:
    with open_store(session_file, create=True, journal=True) as store:
        store.write([put(0)])
        before = session_file.read_bytes()
        store.write([put(1), put(2)])
        store.write([Change("contributions", "c0", None)])
        assert session_file.read_bytes() == before  # no rewrite of the whole file
        lines = journal_lines(session_file)
        assert lines[0] == {"journal": 1, "base": 0}
        assert [line["seq"] for line in lines[1:]] == [1, 2, 3]
        assert lines[3]["changes"] == [["contributions", "c0", None]]
        expected = {"contributions": {"c1": card(1), "c2": card(2)}}
        assert store.read() == expected
        # A reader without the lock (export, session list) sees the journalled writes too.
        assert read_tables(session_file) == expected
    # Closing folds the journal into the file and removes it; the file alone holds everything.
    assert not journal_path(session_file).exists()
    assert json.loads(session_file.read_bytes())["_store"] == {"1": {"_key": "journal", "seq": 3}}
    assert peek(session_file) == expected


def killed_after_writes(session_file: Path, count: int) -> None:
    """Let a program append `count` cards (c0, c1, ...) to a new session's journal and die by kill -9.

    The OS releases its lock; nothing is folded."""
    open_store(session_file, create=True).close()
    run_scenario("write_and_die", session_file, str(count), expect_kill=True)


def test_opening_replays_and_folds_a_journal_left_by_a_killed_program(session_file: Path) -> None:
    killed_after_writes(session_file, 2)
    assert journal_path(session_file).exists()
    with open_store(session_file) as again:  # whole-file mode reads the journal as well
        assert again.read() == {"contributions": {"c0": card(0), "c1": card(1)}}
        assert not journal_path(session_file).exists()
        assert backup_path(session_file).read_bytes() == session_file.read_bytes()  # the backup has it all


def test_a_cut_off_last_line_was_never_acknowledged_and_is_dropped(session_file: Path) -> None:
    killed_after_writes(session_file, 1)
    with open(journal_path(session_file), "ab") as handle:
        handle.write(b'{"seq":2,"changes":[["contributions","c9",{"te')  # killed mid-append
    assert read_tables(session_file) == {"contributions": {"c0": card(0)}}
    with open_store(session_file, journal=True) as again:
        assert again.read() == {"contributions": {"c0": card(0)}}
        again.write([put(1)])
        assert again.read() == {"contributions": {"c0": card(0), "c1": card(1)}}


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_cut_off_tail_is_removed_before_the_next_append(session_file: Path) -> None:
    """When the fold at open fails (the file may not grow), the store goes on with the old journal.

    Its torn tail goes first."""
    with open_store(session_file, create=True) as store:  # a file much bigger than its journal will be
        store.write([put(100 + i) for i in range(20)])
        expected = store.read()["contributions"]
    run_scenario("write_and_die", session_file, "1", expect_kill=True)  # c0 in the journal only
    with open(journal_path(session_file), "ab") as handle:
        handle.write(b'{"seq":2,"chan')
    seen = run_scenario("fold_fails_at_open", session_file)
    assert seen["journal_kept"] and seen["write"] is None
    assert seen["seqs"] == [None, 1, 2]
    assert not journal_path(session_file).exists()  # folded on closing, once the file could grow again
    assert peek(session_file) == {"contributions": {**expected, "c0": card(0), "c1": card(1)}}


def test_a_damaged_line_is_reported_and_nothing_is_touched(session_file: Path) -> None:
    killed_after_writes(session_file, 2)
    raw = journal_path(session_file).read_bytes()
    damaged = raw.replace(b'"seq":1', b'"seq":7')
    journal_path(session_file).write_bytes(damaged)
    before = session_file.read_bytes()
    for attempt in (lambda: open_store(session_file), lambda: read_tables(session_file)):
        with pytest.raises(CorruptSessionError) as caught:
            attempt()
        assert "journaal regel 2" in str(caught.value) and str(journal_path(session_file)) in str(caught.value)
    assert journal_path(session_file).read_bytes() == damaged and session_file.read_bytes() == before
    assert peek(session_file) is None


def test_a_journal_that_starts_after_the_file_is_damage(session_file: Path) -> None:
    """E.g. an old copy of the session file put back next to a newer journal: writes in between are missing."""
    open_store(session_file, create=True).close()
    journal_path(session_file).write_bytes(b'{"journal":1,"base":5}\n{"seq":6,"changes":[]}\n')
    with pytest.raises(CorruptSessionError, match="schrijfnummer 5"):
        open_store(session_file)


def test_a_stale_journal_whose_writes_are_all_folded_is_replaced(session_file: Path) -> None:
    """The fold wrote the file but could not remove the journal: its lines are skipped, and a new one starts."""
    with open_store(session_file, create=True, journal=True) as store:
        store.write([put(0)])
        store.write([put(1)])
        stale = journal_path(session_file).read_bytes()
    journal_path(session_file).write_bytes(stale)  # as if the unlink after the fold had failed
    assert read_tables(session_file) == {"contributions": {"c0": card(0), "c1": card(1)}}
    with open_store(session_file, journal=True) as again:
        again.write([put(2, "nieuw")])
        assert journal_lines(session_file)[0] == {"journal": 1, "base": 2}
    assert peek(session_file)["contributions"]["c2"]["text"] == "nieuw"


def journal_size(path: Path) -> int:
    return journal_path(path).stat().st_size if journal_path(path).exists() else 0


def test_while_writes_keep_coming_a_due_fold_waits_for_a_quiet_moment(session_file: Path) -> None:
    """A fold rewrites the whole file and every write waits for it: while a room sends cards it waits until no write
    came for `fold_quiet` seconds, then runs on its own; only a journal FOLD_LATE times its fold size folds at once."""
    with open_store(session_file, create=True, journal=True, fold_at=2000, fold_quiet=0.3) as store:
        first = session_file.read_bytes()
        written = 0
        while journal_size(session_file) < 3000:
            store.write([put(written)])
            written += 1
        assert session_file.read_bytes() == first  # due, and not folded while the writes came
        deadline = time.monotonic() + 5
        while journal_path(session_file).exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not journal_path(session_file).exists()  # folded once it was quiet
        assert len(json.loads(session_file.read_bytes())["contributions"]) == written
        # Far past its fold size the journal folds at once, quiet or not.
        sizes = []
        for i in range(written, written + 200):
            store.write([put(i)])
            sizes.append(journal_size(session_file))
        assert max(sizes) < FOLD_LATE * max(2000, session_file.stat().st_size) + 400
        assert any(later < earlier for earlier, later in zip(sizes, sizes[1:], strict=False))  # it folded
        assert len(store.read()["contributions"]) == written + 200
    assert len(peek(session_file)["contributions"]) == written + 200


def _timers() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.is_alive() and isinstance(t, threading.Timer)}


def test_closing_while_a_quiet_fold_waits_folds_once_and_leaves_no_timer(session_file: Path) -> None:
    earlier = _timers()  # (another test's store in this worker may still have its quiet fold to come)
    store = open_store(session_file, create=True, journal=True, fold_at=500, fold_quiet=60)
    for i in range(10):
        store.write([put(i)])
    assert journal_path(session_file).exists()
    store.close()  # does not wait a minute: the fold is done on closing, the timer cancelled
    assert not journal_path(session_file).exists()
    assert len(peek(session_file)["contributions"]) == 10
    assert not _timers() - earlier


def test_the_journal_is_folded_once_it_is_big_enough(session_file: Path) -> None:
    with open_store(session_file, create=True, journal=True, fold_at=2000) as store:
        for i in range(30):
            store.write([put(i)])
            size = journal_path(session_file).stat().st_size if journal_path(session_file).exists() else 0
            assert size < max(2000, session_file.stat().st_size) + 400
        assert len(store.read()["contributions"]) == 30
        folded = json.loads(session_file.read_bytes())
        assert folded["_store"]["1"]["seq"] > 0 and len(folded["contributions"]) >= 20
    assert len(peek(session_file)["contributions"]) == 30


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
@pytest.mark.parametrize("how", ["nothing-written", "half-written", "half-written-and-not-cut-back"])
def test_a_full_disk_refuses_the_write_and_keeps_every_acknowledged_one(session_file: Path, how: str) -> None:
    """The kernel's file-size limit refuses an append whole or cuts it short (as a full disk does); when even
    the cut back to the last good line fails, the next append makes it first."""
    seen = run_scenario("journal_refused", session_file, how)
    assert seen["error"]["code"] == "store.write_failed"
    assert "het bestand wordt te groot voor de schijf" in seen["error"]["text"]
    assert seen["memory_kept"]
    if how == "half-written-and-not-cut-back":
        assert seen["torn_meanwhile"]  # half a line really sat in the journal until the next append
    # Space is back: the next write works and nothing half-written sits between the entries.
    assert seen["after"] is None
    assert not seen["torn"] and seen["seqs"] == [1, 2]
    assert seen["read_tables"] == {"contributions": {"c0": card(0), "c2": card(2)}}
    assert peek(session_file) == {"contributions": {"c0": card(0), "c2": card(2)}}


def test_the_store_table_is_reserved(session_file: Path) -> None:
    with open_store(session_file, create=True, journal=True) as store:
        with pytest.raises(ValueError):
            store.write([Change("_store", "journal", {"seq": 99})])
        store.write([put(0)])
        assert set(store.read()) == {"contributions"}


def test_create_refuses_when_a_journal_of_an_earlier_session_is_left(session_file: Path) -> None:
    journal_path(session_file).write_bytes(b'{"journal":1,"base":0}\n')
    with pytest.raises(FileExistsError):
        open_store(session_file, create=True)


def test_open_removes_a_journal_temp_file_of_a_crashed_writer(session_file: Path) -> None:
    open_store(session_file, create=True).close()
    leftover = session_file.parent / f".{session_file.name}.journal~abc_1.tmp"
    leftover.write_bytes(b'{"journal":1,')
    with open_store(session_file):
        pass
    assert not leftover.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_closing_on_a_full_disk_keeps_the_journal_for_the_next_open(session_file: Path) -> None:
    seen = run_scenario("close_on_full_disk", session_file)
    assert seen["closed"] and seen["journal_kept"]  # the fold failed: logged, the lock released anyway
    assert seen["reopened"] == {"contributions": {"c0": card(0)}}


def test_purging_a_session_removes_its_journal(tmp_path: Path) -> None:
    from tests.conftest import FakeClock
    from workshop.bench.seed import SCRIPT
    from workshop.core.script import parse_script
    from workshop.workspace import Workspace

    workspace = Workspace(tmp_path)
    service = workspace.new_session(parse_script(SCRIPT, "bench.md"), team="Weg", clock=FakeClock())
    path = workspace.session_path(service.state.meta.id)
    service.join()
    assert journal_path(path).exists()
    service._store._writer.close()  # a program that died: the journal stays
    service._store._lock.release()
    deleted = workspace.purge_session(path.stem, confirm=lambda _: True)
    assert journal_path(path) in deleted and not journal_path(path).exists()
    assert sorted(p.name for p in tmp_path.joinpath("sessions").iterdir()) == []
