"""The last good copy of a session file (`.bak`), and the errors that say how to put it back."""

from __future__ import annotations

import logging
import os
import shlex
from pathlib import Path

from ..core.errors import CorruptSessionError
from .fileformat import Damaged, parse
from .files import write_atomic

log = logging.getLogger(__name__)


def backup_path(path: Path) -> Path:
    """Return where the last good copy of the session file at `path` is kept (`<file>.bak`)."""
    return path.with_name(path.name + ".bak")


def restore_command(backup: Path, path: Path) -> str:
    """Return a command that puts `backup` back over `path`, for the shell of this operating system."""
    if os.name == "nt":
        # `copy` works in both cmd.exe and PowerShell (where it is Copy-Item); double quotes suit both.
        return f'copy "{backup}" "{path}"'
    return f"cp {shlex.quote(str(backup))} {shlex.quote(str(path))}"


def save_backup(path: Path, raw: bytes) -> None:
    """Save `raw` (the file just read and found good) as the last good copy; a failure is logged, not raised."""
    try:
        write_atomic(backup_path(path), raw)
    except OSError as exc:
        # Not fatal: the session itself is fine, and a write that fails for the same reason will say so.
        log.warning("could not save the backup %s: %s", backup_path(path), exc)


def good_backup(path: Path) -> Path | None:
    """Return the backup of `path` when it exists and is itself a readable session, else None."""
    backup = backup_path(path)
    try:
        parse(backup.read_bytes())
    except (OSError, Damaged):
        return None
    return backup


def corrupt(path: Path, reason: str) -> CorruptSessionError:
    """Return the error for a damaged session file: with the backup and how to restore it, when there is one."""
    backup = good_backup(path)
    if backup is None:
        return CorruptSessionError("store.corrupt_no_backup", path=str(path), reason=reason)
    return CorruptSessionError(
        "store.corrupt", path=str(path), reason=reason, backup=str(backup), restore=restore_command(backup, path)
    )


def corrupt_journal(journal: Path, reason: str) -> CorruptSessionError:
    """Return the error for a damaged journal: no backup helps, since its writes are only there, so keep it."""
    return CorruptSessionError("store.corrupt_no_backup", path=str(journal), reason=reason)
