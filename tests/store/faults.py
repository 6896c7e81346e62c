"""Store scenarios run in a child process under real faults; each prints what it saw as one JSON object.

Run as `python -m tests.store.faults SCENARIO PATH [ARG]` (the tests do, through `support.run_scenario`).
The faults are the operating system's own: a file-size limit (RLIMIT_FSIZE: the kernel refuses, or cuts
short, a write past it, as on a full disk), no free file descriptors (RLIMIT_NOFILE), folder permissions,
and a kill -9. They are set in a child so the test run itself is never limited. Where no real fault can
be made on an ordinary machine (a refused ftruncate), an audit hook refuses the OS call itself: nothing
of ours is replaced either way.
"""

from __future__ import annotations

import errno
import json
import os
import resource
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import partial
from pathlib import Path

from workshop.core.errors import WorkshopError
from workshop.core.model import Change
from workshop.store import journal_path, open_store, peek, read_tables
from workshop.store.journal import parse_journal

from .support import card

SCENARIOS: dict[str, Callable[[Path, str], dict]] = {}


def scenario(fn: Callable[[Path, str], dict]) -> Callable[[Path, str], dict]:
    SCENARIOS[fn.__name__] = fn
    return fn


def put(i: int, text: str = "") -> Change:
    return Change("contributions", f"c{i}", card(i, text))


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def attempt(action: Callable[[], object]) -> dict | None:
    """Run `action`; return the WorkshopError it raised as {code, text}, or None when it succeeded."""
    try:
        action()
    except WorkshopError as error:
        return {"code": error.code, "text": str(error)}
    return None


# --- the faults ------------------------------------------------------------------------------------


@contextmanager
def file_size_limit(size: int) -> Iterator[None]:
    """No file of this process may grow past `size` bytes: a write past it is cut short, the next refused."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG from write() instead of being killed
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


@contextmanager
def no_free_file_descriptors() -> Iterator[None]:
    """Opening any file fails (EMFILE): the limit is set to the lowest free descriptor number."""
    free = os.dup(0)
    os.close(free)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (free, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


@contextmanager
def folder_mode(folder: Path, mode: int) -> Iterator[None]:
    """Give `folder` these permissions for the block (the child runs without root's overrides)."""
    folder.chmod(mode)
    try:
        yield
    finally:
        folder.chmod(0o700)


_refusing_truncate = False


def _refuse_truncate(event: str, args: tuple) -> None:
    if event == "os.truncate" and _refusing_truncate:
        raise OSError(errno.EIO, os.strerror(errno.EIO))


@contextmanager
def refused_truncate() -> Iterator[None]:
    """os.ftruncate fails (EIO) for the block: refused by an audit hook at the OS call, not by a replaced function."""
    global _refusing_truncate
    sys.addaudithook(_refuse_truncate)  # hooks stay for the process; the flag turns this one on and off
    _refusing_truncate = True
    try:
        yield
    finally:
        _refusing_truncate = False


def can_write_in(folder: Path) -> bool:
    probe = folder / "probe"
    try:
        probe.write_text("x")
    except OSError:
        return False
    probe.unlink()
    return True


# --- whole-file writes ------------------------------------------------------------------------------


@scenario
def one_flush(path: Path, _: str) -> dict:
    """Count the renames onto the session file (audit events of os.replace) for one large write and one empty one."""
    store = open_store(path)
    renames: list[str] = []
    sys.addaudithook(lambda event, args: renames.append(str(args[1])) if event == "os.rename" else None)
    store.write([Change("votes", f"v{i}", {"item": "c1"}) for i in range(500)] + [Change("votes", "v7", None)])
    after_one = renames.count(str(path))
    store.write([])
    after_empty = renames.count(str(path))
    store.close()
    return {"after_one": after_one, "after_empty": after_empty}


@scenario
def refused_write(path: Path, fault: str) -> dict:
    """Two writes while the OS refuses (`fault`), then one after: what each did to the file, memory and folder."""
    store = open_store(path)
    before_bytes, before = path.read_bytes(), store.read()
    faults: dict[str, Callable[[], AbstractContextManager[None]]] = {
        "file-size-limit": lambda: file_size_limit(len(before_bytes) + 100),
        "no-file-descriptors": no_free_file_descriptors,
        "read-only-folder": lambda: folder_mode(path.parent, 0o500),
    }
    if fault == "read-only-folder":
        with faults[fault]():
            if can_write_in(path.parent):
                store.close()
                return {"skip": "this process can write into a read-only folder"}
    result: dict = {}
    # Both changes make the file bigger (a longer card, a new card), so the file-size limit refuses them.
    for name, change in (("first", put(3, "langer " * 80)), ("second", put(11))):
        with faults[fault]():
            result[name] = attempt(partial(store.write, [change]))
        result[f"{name}_kept_nothing"] = {  # looked at once the fault is gone: with no descriptors nothing opens
            "file": path.read_bytes() == before_bytes,
            "memory": store.read() == before,
            "no_temp_files": temp_files(path.parent) == [],
        }
    result["after"] = attempt(lambda: store.write([put(12)]))
    result["keys"] = sorted(store.read()["contributions"])
    result["c3_as_before"] = store.read()["contributions"]["c3"] == before["contributions"]["c3"]
    store.close()
    return result


@scenario
def failure_after_rename(path: Path, _: str) -> dict:
    """The folder can be written but not read: the rename works, the folder fsync after it is refused."""
    store = open_store(path)
    result: dict = {}
    with folder_mode(path.parent, 0o300):
        result["error"] = attempt(lambda: store.write([Change("t", "k", {"a": 1})]))
        result["memory"] = store.read()
        result["file"] = peek(path)
    result["after"] = attempt(lambda: store.write([Change("t", "k2", {"b": 2})]))
    store.close()
    return result


# --- the journal ------------------------------------------------------------------------------------


@scenario
def write_and_die(path: Path, count: str) -> dict:
    """Append `count` cards to the session's journal, then kill -9 this program: nothing is folded or released."""
    store = open_store(path, journal=True)
    for i in range(int(count)):
        store.write([put(i)])
    os.kill(os.getpid(), signal.SIGKILL)
    raise AssertionError("not killed")


@scenario
def fold_fails_at_open(path: Path, _: str) -> dict:
    """Open a session whose journal cannot be folded (the file may not grow), and go on writing to the journal."""
    result: dict = {}
    with file_size_limit(path.stat().st_size + 100):  # the journal stays far smaller than that
        store = open_store(path, journal=True)
        result["journal_kept"] = journal_path(path).exists()
        result["write"] = attempt(lambda: store.write([put(1)]))
        result["seqs"] = [json.loads(line).get("seq") for line in journal_path(path).read_bytes().splitlines()]
    store.close()
    return result


@scenario
def journal_refused(path: Path, how: str) -> dict:
    """One append refused by a file-size limit (`how`: nothing of it written, half of it, half and no cut-back)."""
    store = open_store(path, create=True, journal=True)
    store.write([put(0)])
    size = journal_path(path).stat().st_size
    half = len(json.dumps(card(1, "niet opgeslagen"))) // 2
    result: dict = {}
    with file_size_limit(size + (0 if how == "nothing-written" else half)):
        if how == "half-written-and-not-cut-back":
            with refused_truncate():
                result["error"] = attempt(lambda: store.write([put(1, "niet opgeslagen")]))
                result["torn_meanwhile"] = parse_journal(journal_path(path).read_bytes()).torn
        else:
            result["error"] = attempt(lambda: store.write([put(1, "niet opgeslagen")]))
        result["memory_kept"] = store.read() == {"contributions": {"c0": card(0)}}
    result["after"] = attempt(lambda: store.write([put(2)]))
    contents = parse_journal(journal_path(path).read_bytes())
    result["torn"] = contents.torn
    result["seqs"] = [seq for seq, _ in contents.entries]
    result["read_tables"] = read_tables(path)
    store.close()
    return result


@scenario
def close_on_full_disk(path: Path, _: str) -> dict:
    """Close a journalling store while its file may not grow (the fold fails), then open the session again."""
    store = open_store(path, create=True, journal=True)
    store.write([put(0)])
    with file_size_limit(100):  # the empty session file may stay, the folded one (~300 bytes) may not
        store.close()  # the fold fails: logged, the lock is released anyway
    result: dict = {"closed": store.closed, "journal_kept": journal_path(path).exists()}
    with open_store(path) as again:  # in this same program: the lock really was released
        result["reopened"] = again.read()
    return result


def main(argv: list[str]) -> int:
    name, path, arg = argv[0], Path(argv[1]), (argv[2] if len(argv) > 2 else "")
    print(json.dumps(SCENARIOS[name](path, arg)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
