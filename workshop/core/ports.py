"""The small interface the core needs from a session store, and an in-memory one for tests and previews."""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from typing import Protocol

from .errors import StoreError
from .model import Change

# table name -> record key -> record (plain JSON-able dicts)
Tables = dict[str, dict[str, dict]]


class SessionStore(Protocol):
    """Where one session's records live. The core owns this interface; `workshop.store` implements it."""

    def read(self) -> Tables:
        """Return every record, by table and key. Raises StoreError when the data cannot be read."""
        ...

    def write(self, changes: Sequence[Change]) -> None:
        """Apply `changes` as one unit. When this returns, they are on disk; raises StoreWriteError if not."""
        ...

    def close(self) -> None:
        """Release the session (its lock); further writes are an error."""
        ...


class MemoryStore:
    """A SessionStore kept in memory: for tests of the rules and for previews that must not touch disk.

    Records pass through JSON like on disk, so a record that would not survive a real file fails here too.
    """

    def __init__(self, tables: Tables | None = None) -> None:
        self._tables: Tables = copy.deepcopy(tables) if tables else {}
        self.writes = 0
        self.closed = False

    def read(self) -> Tables:
        self._check_open()
        return json.loads(json.dumps(self._tables))

    def write(self, changes: Sequence[Change]) -> None:
        self._check_open()
        for change in changes:
            table = self._tables.setdefault(change.table, {})
            if change.record is None:
                table.pop(change.key, None)
            else:
                table[change.key] = json.loads(json.dumps(change.record))
        self.writes += 1

    def close(self) -> None:
        self.closed = True

    def _check_open(self) -> None:
        if self.closed:
            raise StoreError("store.closed")
