"""One program per session: the session's lock file, and a note naming the program that holds it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from filelock import FileLock, Timeout

from ..core.errors import SessionLockedError


def lock_path(path: Path) -> Path:
    """Return the lock file that guards the session file at `path` (`<file>.lock`)."""
    return path.with_name(path.name + ".lock")


def owner_path(path: Path) -> Path:
    """Return the note holding the pid of the program that has the session at `path` open (`<file>.pid`)."""
    # The lock file itself cannot carry the pid: on Windows a locked byte range cannot be read by others.
    return path.with_name(path.name + ".pid")


def acquire(path: Path) -> FileLock:
    """Take the session's lock without waiting; returns it. Raises SessionLockedError when another holder has it."""
    lock_file = lock_path(path)
    # A new lock object per open, not shared per path (is_singleton=False) and not tied to a thread: then a
    # second open in this same process contends like another process would (flock/msvcrt locks are per open
    # file), instead of silently re-entering the first one's lock.
    lock = FileLock(lock_file, timeout=0, is_singleton=False, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise SessionLockedError(
            "store.locked", session=path.stem, pid=_read_owner(path), lock=str(lock_file)
        ) from None
    with suppress(OSError):
        # Only to name the holder in the message another opener sees; the lock works without it.
        owner_path(path).write_text(str(os.getpid()), encoding="ascii")
    return lock


def release(path: Path, lock: FileLock) -> None:
    """Remove our pid note (if still ours), then release the lock."""
    if _read_owner(path) == str(os.getpid()):
        with suppress(OSError):
            owner_path(path).unlink()
    lock.release()


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the lock of the session file at `path` for the block, e.g. while deleting it.

    Raises SessionLockedError when another program (or store) has the session open.
    """
    lock = acquire(path)
    try:
        yield
    finally:
        release(path, lock)


def _read_owner(path: Path) -> str:
    try:
        pid = owner_path(path).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return "?"
    return pid if pid.isdigit() else "?"
