"""A TinyDB Storage that serves reads from memory and writes the whole session file atomically, once per group."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tinydb.storages import Storage

from .fileformat import serialise
from .files import write_atomic


class DurableMemoryStorage(Storage):
    """A TinyDB Storage that serves reads from memory and writes the whole database atomically.

    TinyDB calls `write()` after every table operation; inside `group()` those calls only mark the data
    dirty and the one flush happens when the group ends (group commit). Unlike CachingMiddleware nothing
    is ever held back after `group()` returns: either the flush reached the disk or the data is rolled
    back to what the file holds.
    """

    def __init__(self, path: Path, data: dict, on_disk: bytes) -> None:
        self.path = path
        self._data = data
        # The exact bytes in the file: the state to roll back to. Kept in memory so a rollback needs no
        # disk (which may be the thing failing) and reads never touch the file.
        self._on_disk = on_disk
        self._grouping = False
        self._dirty = False

    def read(self) -> dict:
        """Return the live data (TinyDB's tables change it in place)."""
        return self._data

    @property
    def on_disk(self) -> bytes:
        """The exact bytes the session file holds now."""
        return self._on_disk

    def write(self, data: dict) -> None:
        """Take `data` as the new state; flush now unless inside `group()`. Raises OSError when a flush fails."""
        self._data = data
        if self._grouping:
            self._dirty = True
        else:
            self._flush_or_roll_back()

    def close(self) -> None:
        """Nothing to release: the file is only open while a flush runs."""

    @contextmanager
    def group(self) -> Iterator[None]:
        """Collect every TinyDB write in the block into one flush at its end.

        Raises what the block or the flush raised (OSError when the disk refused); the data is then back
        to what the file holds.
        """
        if self._grouping:
            raise RuntimeError("group() does not nest")
        self._grouping, self._dirty = True, False
        try:
            yield
        except BaseException:
            self.roll_back()
            raise
        finally:
            self._grouping = False
        if self._dirty:
            self._flush_or_roll_back()

    def roll_back(self) -> None:
        """Put the in-memory data back to what the session file holds."""
        self._data = json.loads(self._on_disk)
        self._dirty = False

    def _flush_or_roll_back(self) -> None:
        try:
            new = serialise(self._data)
            write_atomic(self.path, new, after_replace=lambda: setattr(self, "_on_disk", new))
        except BaseException:
            # If the rename already happened (only the folder fsync failed), `_on_disk` is the new bytes and
            # memory keeps matching the file; otherwise it goes back to the old state.
            self.roll_back()
            raise
        self._dirty = False
