"""Durable file writes for session files: fsync, the one atomic write, a dead writer's temp files, failure texts."""

from __future__ import annotations

import errno
import os
import re
import sys
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

# What an OS error means for the person at the keyboard; anything else shows the system's own words.
# Looked up by name because not every platform defines every code (Windows lacks some).
_WRITE_REASONS: dict[int, str] = {
    getattr(errno, name): text
    for name, text in (
        ("ENOSPC", "de schijf is vol"),
        ("EDQUOT", "de schijfruimte (quotum) is op"),
        ("EFBIG", "het bestand wordt te groot voor de schijf"),
        ("EACCES", "geen toestemming om in de map te schrijven"),
        ("EPERM", "geen toestemming om in de map te schrijven"),
        ("EROFS", "de schijf of map is alleen-lezen"),
        ("EIO", "de schijf gaf een lees- of schrijffout"),
    )
    if hasattr(errno, name)
}


def sync(fd: int) -> None:
    """Push a file's data to the disk itself. Raises OSError."""
    if sys.platform == "darwin":
        import fcntl

        try:
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)  # plain fsync only reaches the drive's cache on macOS
            return
        except OSError:
            pass  # some file systems (network, FAT) refuse it; plain fsync is the best left
    os.fsync(fd)


def sync_folder(folder: Path) -> None:
    """Make a rename or a new file in `folder` durable. Raises OSError."""
    if os.name == "nt":
        return  # Windows cannot open a folder for fsync; NTFS journals the rename itself
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:
        # A few file systems (some network and FUSE mounts) cannot fsync a folder at all; that is not a failed write.
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    """Write all of `data` (a full disk can make one write() take only part). Raises OSError."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError("write() wrote nothing")
        view = view[written:]


def write_atomic(path: Path, data: bytes, *, after_replace: Callable[[], None] | None = None) -> None:
    """Put `data` at `path` all at once: temp file, fsync, os.replace, fsync the folder.

    `after_replace()` runs right after the rename, before the folder fsync, so a caller can record that
    the new bytes are now the file. Raises OSError; the temp file is then gone and the old file untouched
    (unless the failure came after the rename, when the file holds `data`).
    """
    folder = path.parent
    # Same folder as the target: os.replace is only atomic within one file system. mkstemp makes it 0600,
    # which suits care data.
    fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}~", suffix=".tmp")
    try:
        try:
            write_all(fd, data)
            sync(fd)
        finally:
            os.close(fd)
        os.replace(temp_name, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp_name)
        raise
    if after_replace is not None:
        after_replace()
    sync_folder(folder)


def remove_stale_temps(path: Path) -> None:
    """Delete temp files a crashed writer left next to `path` (only call this while holding its lock).

    Those of the session file, its backup and its journal; nothing else in the folder.
    """
    pattern = re.compile(r"\." + re.escape(path.name) + r"(\.bak|\.journal)?~[A-Za-z0-9_]+\.tmp")
    with suppress(OSError):
        for candidate in path.parent.iterdir():
            if pattern.fullmatch(candidate.name):
                with suppress(OSError):
                    candidate.unlink()


def write_reason(exc: OSError) -> str:
    """Return a short Dutch reason for a failed write, with the system's own words after it."""
    system = exc.strerror or type(exc).__name__
    plain = _WRITE_REASONS.get(exc.errno or 0)
    return f"{plain} ({system})" if plain else system
