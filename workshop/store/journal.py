"""The append-only journal next to a session file: each acknowledged write is one fsynced line.

Rewriting a whole TinyDB file per write costs ~40 ms at 10,000 records (serialising it is most of that);
appending one line and fsyncing it costs well under a millisecond. So a session opened for running
keeps its TinyDB file as the folded state and appends every write to `<file>.journal`; now and then
(and when the session is opened or closed) the journal is folded into the TinyDB file with the usual
atomic rewrite and removed.

Layout (ASCII JSON, one object per line, each line ends in a newline)::

    {"journal":1,"base":41}                           header: continues the session file at write 41
    {"seq":42,"changes":[["votes","a1b2",{...}]]}     one acknowledged write (a null record deletes)
    {"seq":43,"changes":[...]}

The session file records the last write folded into it (table `_store`, key `journal`, field `seq`), so
replaying skips lines it already holds (replaying them again would give the same result anyway: each
change puts a whole record or deletes one). A last line without its newline is a write that was cut
off before its fsync returned, so it was never acknowledged: it is ignored (and cut off before the next
append). Any other unreadable line means damage.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from .files import sync, sync_folder, write_all, write_atomic

VERSION = 1
SUFFIX = ".journal"

Changes = Mapping[str, Mapping[str, "dict | None"]]


class JournalDamaged(ValueError):
    """The journal's bytes are not a journal; the message says which line and why, for a person."""


def journal_path(path: Path) -> Path:
    """Return the journal of the session file at `path` (`<file>.journal`)."""
    return path.with_name(path.name + SUFFIX)


def encode_entry(seq: int, changes: Changes) -> bytes:
    """Return the journal line for write number `seq`. Raises TypeError/ValueError for non-JSON records."""
    rows = [[table, key, record] for table, records in changes.items() for key, record in records.items()]
    # ASCII escapes keep every line free of raw newlines and the file plain ASCII.
    text = json.dumps({"seq": seq, "changes": rows}, separators=(",", ":"), ensure_ascii=True, allow_nan=False)
    return text.encode("ascii") + b"\n"


@dataclass
class JournalContents:
    """What a journal file holds: where it starts, its complete entries, and whether a cut-off line follows."""

    base: int
    entries: list[tuple[int, list[tuple[str, str, dict | None]]]] = field(default_factory=list)
    size: int = 0  # bytes up to and including the last complete line
    torn: bool = False

    @property
    def last_seq(self) -> int:
        return self.entries[-1][0] if self.entries else self.base


def parse_journal(raw: bytes) -> JournalContents:
    """Return the contents of a journal's bytes. Raises JournalDamaged saying which line is wrong."""
    lines = raw.split(b"\n")
    complete, tail = lines[:-1], lines[-1]
    if not complete:
        # The header is written with the file (temp file + rename), so a journal without one is damage.
        raise JournalDamaged("journaal zonder kopregel")
    header = _json_line(complete[0], 1)
    base = header.get("base") if header.get("journal") == VERSION else None
    if not isinstance(base, int) or isinstance(base, bool) or base < 0:
        raise JournalDamaged("journaal regel 1: geen kopregel van een journaal")
    contents = JournalContents(base=base, size=len(complete[0]) + 1, torn=bool(tail))
    expected = base + 1
    for number, line in enumerate(complete[1:], start=2):
        entry = _json_line(line, number)
        seq, rows = entry.get("seq"), entry.get("changes")
        if seq != expected or isinstance(seq, bool):
            raise JournalDamaged(f"journaal regel {number}: schrijfnummer {seq!r}, verwacht {expected}")
        if not isinstance(rows, list):
            raise JournalDamaged(f"journaal regel {number}: geen lijst met wijzigingen")
        changes = []
        for row in rows:
            if (
                not isinstance(row, list)
                or len(row) != 3
                or not isinstance(row[0], str)
                or not row[0]
                or not isinstance(row[1], str)
                or not (row[2] is None or isinstance(row[2], dict))
            ):
                raise JournalDamaged(f"journaal regel {number}: een wijziging is geen [tabel, sleutel, record]")
            changes.append((row[0], row[1], row[2]))
        contents.entries.append((seq, changes))
        contents.size += len(line) + 1
        expected += 1
    return contents


def _json_line(line: bytes, number: int) -> dict:
    try:
        value = json.loads(line.decode("ascii"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise JournalDamaged(f"journaal regel {number}: afgebroken of geen JSON") from None
    if not isinstance(value, dict):
        raise JournalDamaged(f"journaal regel {number}: geen object")
    return value


def read_journal(path: Path) -> JournalContents | None:
    """Return the contents of the journal at `path`, or None when there is none.

    Raises JournalDamaged when it is damaged, OSError when it cannot be read.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    return parse_journal(raw)


class JournalWriter:
    """Appends entries to one session's journal (only the holder of the session's lock uses it).

    An append returns once its line is fsynced; when it raises, the file is cut back to the entries
    before it (or, if even that fails, the next append first tries again), so no entry that was not
    acknowledged ever sits between two that were.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.size = 0  # bytes of complete, acknowledged lines (header included)
        self._fd: int | None = None
        self._exists = False
        self._cut = False  # bytes after `size` must go before the next append

    @property
    def exists(self) -> bool:
        """True while a journal file is in use (since the first append, or one found at open)."""
        return self._exists

    def adopt(self, contents: JournalContents) -> None:
        """Continue the journal found at open: append after its last complete line."""
        self._exists = True
        self.size = contents.size
        self._cut = contents.torn

    def append(self, line: bytes, *, base: int) -> None:
        """Append one encoded entry and fsync it; a new journal starts after write `base`. Raises OSError."""
        if not self._exists:
            self._create(base)
        fd = self._open()
        if self._cut:
            os.ftruncate(fd, self.size)
            sync(fd)
            self._cut = False
        try:
            write_all(fd, line)
            sync(fd)
        except BaseException:
            try:
                os.ftruncate(fd, self.size)
            except OSError:
                self._cut = True
            raise
        self.size += len(line)

    def discard(self) -> None:
        """Remove the journal after it was folded into the session file. Errors are ignored: its entries
        are in the session file now, and replaying them again changes nothing."""
        self.close()
        if not self._exists:
            return
        try:
            os.unlink(self.path)
            sync_folder(self.path.parent)
        except FileNotFoundError:
            pass
        except OSError:
            return  # still there: the next append continues it, which is just as valid
        self._exists = False
        self.size = 0
        self._cut = False

    def close(self) -> None:
        """Close the file handle (the journal stays)."""
        fd, self._fd = self._fd, None
        if fd is not None:
            with suppress(OSError):
                os.close(fd)

    def _open(self) -> int:
        if self._fd is None:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0))
        return self._fd

    def _create(self, base: int) -> None:
        """Put a journal holding only its header in place, all at once (temp file, fsync, rename)."""
        header = json.dumps({"journal": VERSION, "base": base}, separators=(",", ":")).encode("ascii") + b"\n"
        write_atomic(self.path, header)
        self._exists = True
        self.size = len(header)
        self._cut = False
