"""Reading a session without its lock (session lists, exports): the file and its journal as one version."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import CorruptSessionError
from ..core.ports import Tables
from .backup import corrupt, corrupt_journal
from .fileformat import Damaged, main_seq, overlay, parse, replay, stored_tables, tables_of
from .journal import JournalContents, JournalDamaged, journal_path, parse_journal, read_journal

# How often a lock-free reader tries again when the writer folded the journal while it was reading.
_READ_ATTEMPTS = 20


def load(path: Path) -> tuple[bytes, dict, JournalContents | None]:
    """Read the session file (bytes and data) and its journal (None: none).

    Raises CorruptSessionError when either is damaged, OSError when one cannot be read.
    """
    raw = path.read_bytes()
    try:
        data = parse(raw)
    except Damaged as exc:
        raise corrupt(path, str(exc)) from None
    try:
        return raw, data, read_journal(journal_path(path))
    except JournalDamaged as exc:
        raise corrupt_journal(journal_path(path), str(exc)) from None


@dataclass(frozen=True)
class Version:
    """One version of a stored session as bytes: the session file and its journal (None: none)."""

    file: bytes
    journal: bytes | None


def read_version(path: Path) -> Version:
    """Return the bytes of the session file at `path` and of its journal, as one version, without locking them.

    Safe while another program writes the session: the file is replaced whole and the journal only grows, so
    this reads again when the journal was folded into a new file meanwhile. Raises OSError (FileNotFoundError,
    ...) when the file cannot be read.
    """
    path = Path(path)
    for _ in range(_READ_ATTEMPTS):
        before = _identity(path)
        raw = path.read_bytes()
        try:
            journal: bytes | None = journal_path(path).read_bytes()
        except FileNotFoundError:
            journal = None
        if _identity(path) == before:
            return Version(raw, journal)
    raise OSError(errno.EAGAIN, "het sessiebestand veranderde steeds tijdens het lezen; probeer het opnieuw", str(path))


def tables_of_version(path: Path, version: Version, *, as_stored: bool = False) -> Tables:
    """Return the records in `version` of the session file at `path` (named in errors), journal included.

    `as_stored`: the file's documents as they are, our key field in them (fileformat.stored_tables), for a reader
    that reads only the fields it knows, and faster. Raises CorruptSessionError when the file or journal is damaged
    (both are left as they are).
    """
    try:
        data = parse(version.file)
    except Damaged as exc:
        raise corrupt(path, str(exc)) from None
    tables = stored_tables(data) if as_stored else tables_of(data)
    if version.journal is None:
        return tables
    try:
        return overlay(tables, replay(parse_journal(version.journal), main_seq(data)))
    except (JournalDamaged, Damaged) as exc:
        raise corrupt_journal(journal_path(path), str(exc)) from None


def read_tables(path: Path) -> Tables:
    """Return the records in the session file at `path` without locking it (to list or export a session).

    Includes the writes in the session's journal; reads one consistent version (read_version). Raises
    CorruptSessionError when the file or journal is damaged (both are left as they are) and OSError
    (FileNotFoundError, ...) when it cannot be read.
    """
    return tables_of_version(Path(path), read_version(path))


def peek(path: Path) -> Tables | None:
    """Return the records in the session file at `path` without locking it; None when it cannot be read."""
    try:
        return read_tables(path)
    except (OSError, CorruptSessionError):
        return None


def _identity(path: Path) -> tuple[int, int, int]:
    """Return what changes when the file is replaced or rewritten: inode, modification time, size."""
    st = os.stat(path)
    return st.st_ino, st.st_mtime_ns, st.st_size
