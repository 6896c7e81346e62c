"""TinyDBSessionStore on real files: reopening, locking, damaged files, backups and failed writes."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from filelock import FileLock, Timeout
from tinydb import TinyDB

from workshop.core.errors import CorruptSessionError, SessionLockedError, StoreError
from workshop.core.model import Change
from workshop.store import TinyDBSessionStore, backup_path, lock_path, open_store, peek, read_tables
from workshop.store.files import write_reason

from .support import CHILD_ENV, card, run_scenario


def fill(path: Path, n: int = 20) -> dict:
    """Create a session at `path` with `n` cards, close, open and close it again (making the .bak).

    Returns its records."""
    with open_store(path, create=True) as s:
        s.write([Change("contributions", f"c{i}", card(i)) for i in range(n)])
        s.write([Change("meta", "meta", {"title": "Overdracht verbeteren", "current": 2})])
        expected = s.read()
    with open_store(path):
        pass
    return expected


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- opening, creating, reopening --------------------------------------------------------------------


def test_reopen_gives_the_same_data(session_file: Path) -> None:
    expected = fill(session_file)
    with open_store(session_file) as s:
        assert s.read() == expected
        s.write(
            [Change("contributions", "c3", None), Change("contributions", "nieuw", card(99, "Één cliënt, ’s nachts"))]
        )
        expected = s.read()
    with open_store(session_file) as s:
        assert s.read() == expected
    assert expected["contributions"]["nieuw"]["text"] == "Één cliënt, ’s nachts"


def test_file_is_plain_tinydb_json(session_file: Path) -> None:
    """Any TinyDB (default JSONStorage) can read a session file: tables, documents, our key field."""
    fill(session_file, n=3)
    db = TinyDB(session_file, access_mode="r")
    try:
        docs = db.table("contributions").all()
        assert [d["_key"] for d in docs] == ["c0", "c1", "c2"]
        assert docs[1]["text"] == card(1)["text"]
    finally:
        db.close()


def test_create_refuses_an_existing_file(session_file: Path) -> None:
    fill(session_file)
    before = session_file.read_bytes()
    with pytest.raises(FileExistsError):
        open_store(session_file, create=True)
    assert session_file.read_bytes() == before
    open_store(session_file).close()  # the failed create released the lock


def test_create_refuses_when_only_a_backup_is_left(session_file: Path) -> None:
    """A lone .bak may be the only copy of an earlier session: creating a new one must not overwrite it."""
    fill(session_file)
    session_file.unlink()
    with pytest.raises(FileExistsError):
        open_store(session_file, create=True)


def test_opening_a_missing_file_leaves_no_trace(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        open_store(tmp_path / "bestaat-niet.json")
    assert list(tmp_path.iterdir()) == []


def test_each_open_refreshes_the_backup(session_file: Path) -> None:
    fill(session_file)
    with open_store(session_file) as s:
        s.write([Change("meta", "meta", {"title": "na de eerste keer"})])
    assert json.loads(backup_path(session_file).read_bytes()) != json.loads(session_file.read_bytes())
    with open_store(session_file):
        assert backup_path(session_file).read_bytes() == session_file.read_bytes()


def test_open_removes_temp_files_of_a_crashed_writer(session_file: Path) -> None:
    fill(session_file)
    folder = session_file.parent
    (folder / f".{session_file.name}~abc123_x.tmp").write_text("{half")
    (folder / f".{session_file.name}.bak~zz99.tmp").write_text("{half")
    (folder / ".andere.json~abc123.tmp").write_text("not ours")
    (folder / "notities.tmp").write_text("not ours")
    with open_store(session_file):
        pass
    assert temp_files(folder) == [".andere.json~abc123.tmp", "notities.tmp"]


def test_read_and_write_after_close_raise(real_store: TinyDBSessionStore) -> None:
    real_store.close()
    real_store.close()  # twice is fine
    for action in (real_store.read, lambda: real_store.write([Change("t", "k", {})])):
        with pytest.raises(StoreError) as caught:
            action()
        assert caught.value.code == "store.closed"


def test_bad_changes_are_refused_before_anything_happens(real_store: TinyDBSessionStore, session_file: Path) -> None:
    real_store.write([Change("t", "a", {"x": 1})])
    before = session_file.read_bytes()
    for bad in (Change("t", "b", {"_key": "mine"}), Change("", "b", {}), Change("t", 3, {}), Change("t", "b", [1])):  # type: ignore[arg-type]
        with pytest.raises((TypeError, ValueError)):
            real_store.write([Change("t", "ok", {"y": 2}), bad])
    with pytest.raises(TypeError):
        real_store.write([Change("t", "ok", {"y": 2}), Change("t", "b", {"not json": object()})])
    assert real_store.read() == {"t": {"a": {"x": 1}}}
    assert session_file.read_bytes() == before
    real_store.write([Change("t", "ok", {"y": 2})])
    assert real_store.read() == {"t": {"a": {"x": 1}, "ok": {"y": 2}}}


def test_one_write_is_one_flush(session_file: Path) -> None:
    """Group commit: however many changes, write() replaces the file once (and an empty write not at all).

    Counted from the interpreter's audit events for os.replace, in a child process (audit hooks stay for good)."""
    open_store(session_file, create=True).close()
    seen = run_scenario("one_flush", session_file)
    assert seen == {"after_one": 1, "after_empty": 1}


# --- locking -----------------------------------------------------------------------------------------


def test_filelock_objects_on_one_path_conflict_within_a_process(tmp_path: Path) -> None:
    """What our lock relies on: filelock is re-entrant per object, but two objects on one path contend."""
    first = FileLock(tmp_path / "x.lock", timeout=0, is_singleton=False, thread_local=False)
    second = FileLock(tmp_path / "x.lock", timeout=0, is_singleton=False, thread_local=False)
    first.acquire()
    try:
        with pytest.raises(Timeout):
            second.acquire()
    finally:
        first.release()
    second.acquire()
    second.release()


def test_second_open_in_the_same_process_is_locked(real_store: TinyDBSessionStore, session_file: Path) -> None:
    with pytest.raises(SessionLockedError) as caught:
        open_store(session_file)
    error = caught.value
    assert error.code == "store.locked"
    assert error.params == {"session": "sessie", "pid": str(os.getpid()), "lock": str(lock_path(session_file))}
    assert str(lock_path(session_file)) in str(error)
    real_store.write([Change("t", "k", {"still": "works"})])  # the failed open did not disturb the holder


def test_lock_is_released_by_close(real_store: TinyDBSessionStore, session_file: Path) -> None:
    real_store.write([Change("t", "k", {"a": 1})])
    real_store.close()
    with open_store(session_file) as again:
        assert again.read() == {"t": {"k": {"a": 1}}}


HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from workshop.store import open_store

    store = open_store(Path(sys.argv[1]))
    print("open", flush=True)
    sys.stdin.readline()  # hold the session until the parent says so
    store.close()
    print("closed", flush=True)
    sys.stdin.readline()
    """
)


def start_holder(session_file: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(session_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=CHILD_ENV,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "open\n"
    return child


def test_lock_conflict_across_processes(session_file: Path) -> None:
    fill(session_file)
    child = start_holder(session_file)
    try:
        with pytest.raises(SessionLockedError) as caught:
            open_store(session_file)
        assert caught.value.params["pid"] == str(child.pid)
        assert caught.value.params["session"] == "sessie"
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write("close\n")
        child.stdin.flush()
        assert child.stdout.readline() == "closed\n"
        with open_store(session_file):  # released while the other process still runs
            pass
    finally:
        child.kill()
        child.wait()


def test_lock_is_released_when_the_holder_dies(session_file: Path) -> None:
    fill(session_file)
    child = start_holder(session_file)
    child.kill()  # SIGKILL on POSIX: no chance to clean up
    child.wait()
    with open_store(session_file) as s:
        assert len(s.read()["contributions"]) == 20


# --- damaged files -----------------------------------------------------------------------------------


def _half(good: bytes) -> bytes:
    return good[: len(good) // 2]


DAMAGE = {
    "empty": lambda good: b"",
    "whitespace": lambda good: b"  \n",
    "truncated": _half,
    "garbage": lambda good: bytes(range(256)) * 4,
    "nul bytes": lambda good: b"\0" * len(good),
    "a list": lambda good: b"[1, 2, 3]",
    "a table that is a list": lambda good: b'{"contributions": []}',
    "a document without key": lambda good: b'{"contributions": {"1": {"text": "x"}}}',
    "a document that is text": lambda good: b'{"contributions": {"1": "x"}}',
    "a bad document id": lambda good: b'{"contributions": {"een": {"_key": "c1"}}}',
    "a key twice": lambda good: b'{"t": {"1": {"_key": "k"}, "2": {"_key": "k"}}}',
    "deep nesting": lambda good: b"[" * 100_000,
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_damaged_file_is_reported_and_left_alone(session_file: Path, damage) -> None:
    fill(session_file)
    backup_before = backup_path(session_file).read_bytes()
    bad = damage(session_file.read_bytes())
    session_file.write_bytes(bad)

    with pytest.raises(CorruptSessionError) as caught:
        open_store(session_file)

    error = caught.value
    assert error.code == "store.corrupt"
    assert error.params["path"] == str(session_file)
    assert error.params["backup"] == str(backup_path(session_file))
    assert str(session_file) in str(error) and str(backup_path(session_file)) in str(error)
    assert error.params["reason"]
    assert session_file.read_bytes() == bad  # byte for byte
    assert backup_path(session_file).read_bytes() == backup_before  # a bad file never becomes the backup
    assert peek(session_file) is None
    # The failed open released its lock, so a restore can be run and the session opened.
    FileLock(lock_path(session_file), timeout=0).acquire()


@pytest.mark.parametrize("backup", ["missing", "damaged too"])
def test_damaged_file_without_a_good_backup(session_file: Path, backup: str) -> None:
    fill(session_file)
    if backup == "missing":
        backup_path(session_file).unlink()
    else:
        backup_path(session_file).write_bytes(b"{")
    session_file.write_bytes(_half(session_file.read_bytes()))
    with pytest.raises(CorruptSessionError) as caught:
        open_store(session_file)
    assert caught.value.code == "store.corrupt_no_backup"
    assert str(session_file) in str(caught.value)


def test_restore_command_from_the_message_works(tmp_path: Path) -> None:
    """Run the command the message gives, in a folder whose name needs quoting."""
    folder = tmp_path / "team Noord's sessies (é)"
    folder.mkdir()
    path = folder / "sessie 1.json"
    expected = fill(path)
    path.write_bytes(b"\0\0\0")
    with pytest.raises(CorruptSessionError) as caught:
        open_store(path)
    subprocess.run(caught.value.params["restore"], shell=True, check=True)
    with open_store(path) as s:
        assert s.read() == expected


def test_peek_and_read_tables_read_without_locking(
    real_store: TinyDBSessionStore, session_file: Path, tmp_path: Path
) -> None:
    real_store.write([Change("contributions", "c1", card(1))])
    assert peek(session_file) == read_tables(session_file) == {"contributions": {"c1": card(1)}}
    assert peek(tmp_path / "missing.json") is None
    with pytest.raises(FileNotFoundError):
        read_tables(tmp_path / "missing.json")


def test_read_tables_reports_a_damaged_file_like_open(session_file: Path) -> None:
    fill(session_file)
    session_file.write_bytes(b"{")
    with pytest.raises(CorruptSessionError) as caught:
        read_tables(session_file)
    assert caught.value.code == "store.corrupt" and caught.value.params["backup"] == str(backup_path(session_file))
    assert session_file.read_bytes() == b"{"


# --- failed writes -----------------------------------------------------------------------------------


def test_failure_texts_name_the_cause_in_dutch() -> None:
    """What the person at the keyboard reads for each refusal of the OS, with the system's own words after it."""
    expected = {
        errno.ENOSPC: "de schijf is vol",
        errno.EFBIG: "het bestand wordt te groot voor de schijf",
        errno.EACCES: "geen toestemming om in de map te schrijven",
        errno.EROFS: "de schijf of map is alleen-lezen",
        errno.EIO: "de schijf gaf een lees- of schrijffout",
    }
    for code, text in expected.items():
        assert write_reason(OSError(code, os.strerror(code))) == f"{text} ({os.strerror(code)})"
    assert write_reason(OSError(errno.EMFILE, "Too many open files")) == "Too many open files"
    assert write_reason(OSError("no code")) == "OSError"


# A real refusal at each step of a write: the temp file cannot grow (the kernel's file-size limit, as on
# a full disk), cannot be made (no file descriptors left), or the folder is read-only. In a child process,
# without root's permission overrides (support.run_scenario).
REFUSALS = {
    "file-size-limit": "het bestand wordt te groot voor de schijf",
    "no-file-descriptors": os.strerror(errno.EMFILE),
    "read-only-folder": "geen toestemming om in de map te schrijven",
}


@pytest.mark.skipif(sys.platform == "win32", reason="resource limits and folder modes are POSIX")
@pytest.mark.parametrize("fault", REFUSALS)
def test_a_refused_write_rolls_back_and_recovers(session_file: Path, fault: str) -> None:
    with open_store(session_file, create=True) as store:
        store.write([Change("contributions", f"c{i}", card(i)) for i in range(10)])
    seen = run_scenario("refused_write", session_file, fault)
    if "skip" in seen:
        pytest.skip(seen["skip"])
    for attempt in ("first", "second"):  # still refused: a second attempt fails the same way
        assert seen[attempt]["code"] == "store.write_failed"
        assert REFUSALS[fault] in seen[attempt]["text"]
        assert seen[f"{attempt}_kept_nothing"] == {"file": True, "memory": True, "no_temp_files": True}
    # The fault is gone: the next write succeeds, and the refused ones were never applied.
    assert seen["after"] is None
    keys = seen["keys"]
    assert seen["c3_as_before"] and "c11" not in keys and "c12" in keys
    assert temp_files(session_file.parent) == []
    with open_store(session_file) as again:
        assert sorted(again.read()["contributions"]) == keys


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a folder without read permission: Linux semantics")
def test_failure_after_the_rename_keeps_memory_equal_to_the_file(session_file: Path) -> None:
    """If only the folder fsync fails (the folder can be written but not opened), the file already holds the change.

    Memory follows the file, and the caller hears of it."""
    open_store(session_file, create=True).close()
    seen = run_scenario("failure_after_rename", session_file)
    assert seen["error"]["code"] == "store.write_failed"
    assert "geen toestemming" in seen["error"]["text"]
    assert seen["memory"] == {"t": {"k": {"a": 1}}} == seen["file"]
    assert seen["after"] is None
    assert peek(session_file) == {"t": {"k": {"a": 1}, "k2": {"b": 2}}}


FILE_SIZE_LIMIT = textwrap.dedent(
    """
    import json, resource, signal, sys
    from pathlib import Path
    from workshop.core.errors import StoreWriteError
    from workshop.core.model import Change
    from workshop.store import open_store

    path = Path(sys.argv[1])
    store = open_store(path)
    before = store.read()
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG from write() instead of being killed
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (path.stat().st_size + 500, hard))
    result = {}
    try:
        store.write([Change("contributions", "groot", {"text": "x" * 5000})])
    except StoreWriteError as error:
        result["error"] = str(error)
    result["unchanged"] = store.read() == before
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    store.write([Change("contributions", "groot", {"text": "x" * 5000})])
    store.close()
    print(json.dumps(result))
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_real_refusal_by_the_os(session_file: Path) -> None:
    """No mocks: the kernel refuses the temp file past a size limit (EFBIG), like a full disk would."""
    expected = fill(session_file)
    before = session_file.read_bytes()
    done = subprocess.run(
        [sys.executable, "-c", FILE_SIZE_LIMIT, str(session_file)],
        capture_output=True,
        text=True,
        env=CHILD_ENV,
        check=True,
    )
    result = json.loads(done.stdout)
    assert "te groot" in result["error"] and result["unchanged"]
    assert temp_files(session_file.parent) == []
    assert before != session_file.read_bytes()
    with open_store(session_file) as s:
        assert s.read()["contributions"]["groot"] == {"text": "x" * 5000}
        assert s.read()["meta"] == expected["meta"]


def test_core_does_not_import_tinydb() -> None:
    code = "import sys, workshop.core.ports, workshop.core.model, workshop.core.errors; print('tinydb' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=CHILD_ENV, check=True)
    assert done.stdout.strip() == "False"
