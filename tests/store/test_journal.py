"""The journal layout: appended, fsynced writes next to the TinyDB file, folded into it now and then."""

from __future__ import annotations

import errno
import json
import os
import types
from pathlib import Path

import pytest

from workshop.core.errors import CorruptSessionError, StoreWriteError
from workshop.core.model import Change
from workshop.store import journal as journal_module
from workshop.store.journal import journal_path, parse_journal
from workshop.store.tinydb_store import backup_path, open_store, peek, read_tables

from .support import card


def put(i: int, text: str = "") -> Change:
    return Change("contributions", f"c{i}", card(i, text))


def journal_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in journal_path(path).read_bytes().splitlines()]


class FailingOs(types.SimpleNamespace):
    """Stands in for `os` inside the journal module: the real one, but write/fsync/ftruncate can fail (ENOSPC)."""

    def __init__(self, *, write: int = 0, fsync: int = 0, ftruncate: int = 0, partial: bool = False) -> None:
        super().__init__()
        self.fail = {"write": write, "fsync": fsync, "ftruncate": ftruncate}
        self.partial = partial

    def __getattr__(self, name: str):
        return getattr(os, name)

    def _maybe_fail(self, name: str) -> None:
        if self.fail[name]:
            self.fail[name] -= 1
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def write(self, fd: int, data) -> int:
        if self.fail["write"] and self.partial:
            self.partial = False  # half a line reaches the file; the next write() finds the disk full
            return os.write(fd, bytes(data[: len(data) // 2]))
        self._maybe_fail("write")
        return os.write(fd, data)

    def fsync(self, fd: int) -> None:
        self._maybe_fail("fsync")
        os.fsync(fd)

    def ftruncate(self, fd: int, size: int) -> None:
        self._maybe_fail("ftruncate")
        os.ftruncate(fd, size)


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


def test_opening_replays_and_folds_a_journal_left_by_a_killed_program(session_file: Path) -> None:
    store = open_store(session_file, create=True, journal=True)
    store.write([put(0)])
    store.write([put(1)])
    # Simulate a kill: the lock is released by the OS, nothing is folded.
    store._writer.close()
    store._lock.release()
    assert journal_path(session_file).exists()
    with open_store(session_file) as again:  # whole-file mode reads the journal as well
        assert again.read() == {"contributions": {"c0": card(0), "c1": card(1)}}
        assert not journal_path(session_file).exists()
        assert backup_path(session_file).read_bytes() == session_file.read_bytes()  # the backup has it all


def test_a_cut_off_last_line_was_never_acknowledged_and_is_dropped(session_file: Path) -> None:
    store = open_store(session_file, create=True, journal=True)
    store.write([put(0)])
    store._writer.close()
    store._lock.release()
    with open(journal_path(session_file), "ab") as handle:
        handle.write(b'{"seq":2,"changes":[["contributions","c9",{"te')  # killed mid-append
    assert read_tables(session_file) == {"contributions": {"c0": card(0)}}
    with open_store(session_file, journal=True) as again:
        assert again.read() == {"contributions": {"c0": card(0)}}
        again.write([put(1)])
        assert again.read() == {"contributions": {"c0": card(0), "c1": card(1)}}


def test_a_cut_off_tail_is_removed_before_the_next_append(session_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the fold at open fails (disk full), the store goes on with the old journal: its torn tail goes first."""
    store = open_store(session_file, create=True, journal=True)
    store.write([put(0)])
    store._writer.close()
    store._lock.release()
    with open(journal_path(session_file), "ab") as handle:
        handle.write(b'{"seq":2,"chan')
    import workshop.store.tinydb_store as tinydb_store

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tinydb_store, "_sync", no_space)  # the fold (a whole-file rewrite) fails
    again = open_store(session_file, journal=True)
    monkeypatch.undo()
    assert journal_path(session_file).exists()
    again.write([put(1)])
    assert [line.get("seq") for line in journal_lines(session_file)] == [None, 1, 2]
    again.close()
    assert peek(session_file) == {"contributions": {"c0": card(0), "c1": card(1)}}


def test_a_damaged_line_is_reported_and_nothing_is_touched(session_file: Path) -> None:
    store = open_store(session_file, create=True, journal=True)
    store.write([put(0)])
    store.write([put(1)])
    store._writer.close()
    store._lock.release()
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


@pytest.mark.parametrize(
    "failure",
    [
        {"write": 1},
        {"write": 1, "partial": True},
        {"fsync": 1},
        {"write": 1, "partial": True, "ftruncate": 1},
    ],
)
def test_a_full_disk_refuses_the_write_and_keeps_every_acknowledged_one(
    session_file: Path, monkeypatch: pytest.MonkeyPatch, failure: dict
) -> None:
    with open_store(session_file, create=True, journal=True) as store:
        store.write([put(0)])
        monkeypatch.setattr(journal_module, "os", FailingOs(**failure))
        with pytest.raises(StoreWriteError) as caught:
            store.write([put(1, "niet opgeslagen")])
        assert "de schijf is vol" in str(caught.value)
        assert store.read() == {"contributions": {"c0": card(0)}}
        # Disk space is back: the next write works and nothing half-written sits between the entries.
        store.write([put(2)])
        monkeypatch.setattr(journal_module, "os", os)
        contents = parse_journal(journal_path(session_file).read_bytes())
        assert not contents.torn and [seq for seq, _ in contents.entries] == [1, 2]
        assert read_tables(session_file) == {"contributions": {"c0": card(0), "c2": card(2)}}
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


def test_closing_on_a_full_disk_keeps_the_journal_for_the_next_open(
    session_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import workshop.store.tinydb_store as tinydb_store

    store = open_store(session_file, create=True, journal=True)
    store.write([put(0)])

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tinydb_store, "_sync", no_space)
    store.close()  # the fold fails: logged, the lock is released anyway
    monkeypatch.undo()
    assert journal_path(session_file).exists()
    with open_store(session_file) as again:
        assert again.read() == {"contributions": {"c0": card(0)}}


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
