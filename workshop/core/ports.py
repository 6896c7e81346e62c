"""The small interfaces the core needs from outside (a session store, the team's plan), and an in-memory store."""

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


class PlanRowLike(Protocol):
    """What a review step needs of one action in the team's plan (plan.PlanRow fits)."""

    @property
    def id(self) -> str: ...
    @property
    def what(self) -> str: ...
    @property
    def why(self) -> str: ...
    @property
    def owner(self) -> str: ...
    @property
    def check_method(self) -> str: ...
    @property
    def indicator(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def result(self) -> str: ...
    @property
    def act_decision(self) -> str: ...
    @property
    def feedback(self) -> str: ...
    @property
    def feedback_to(self) -> str: ...
    @property
    def feedback_when(self) -> str: ...
    @property
    def feedback_done(self) -> str: ...
    @property
    def carried_over(self) -> int: ...
    @property
    def due_iso(self) -> str: ...
    @property
    def check_date_iso(self) -> str: ...
    @property
    def check_date(self) -> str: ...  # as written, also when it is no date ("eind Q1")
    @property
    def baseline(self) -> str: ...
    @property
    def target(self) -> str: ...
    @property
    def agreed(self) -> str: ...  # ISO date the action was agreed (its session's day), "" when unknown


class TeamPlans(Protocol):
    """Where the teams' living PDCA plans are kept. The core owns this interface; `workshop.workspace` implements it."""

    def open_actions(self, team: str) -> Sequence[PlanRowLike]:
        """Return the actions of `team`'s plan that are still open, in plan order; () when it has no plan yet.

        Raises PlanError (file and line) when the plan cannot be read.
        """
        ...

    def team_names(self) -> Sequence[str]:
        """Return the team of every plan there is, in a stable order (for a review of `teams: alle`)."""
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
