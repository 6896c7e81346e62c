"""Fixtures for the store tests: the same Protocol checks run against MemoryStore and real session files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workshop.core.ports import MemoryStore, SessionStore
from workshop.store.tinydb_store import TinyDBSessionStore, open_store


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: long-running durability checks (deselect with -m 'not slow')")


@pytest.fixture(params=["memory", "tinydb", "tinydb-journal", "tinydb-journal-folding"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SessionStore]:
    """A fresh, empty store of each kind (the journal layouts: appending only, and folding after every write)."""
    if request.param == "memory":
        yield MemoryStore()
        return
    journal = request.param.startswith("tinydb-journal")
    fold_at = 1 if request.param.endswith("folding") else None
    real = open_store(tmp_path / "sessie.json", create=True, journal=journal, fold_at=fold_at)
    yield real
    real.close()


@pytest.fixture
def session_file(tmp_path: Path) -> Path:
    """Where a real session file goes (not yet created)."""
    return tmp_path / "sessie.json"


@pytest.fixture
def real_store(session_file: Path) -> Iterator[TinyDBSessionStore]:
    """A new, empty real session store, closed at the end."""
    s = open_store(session_file, create=True)
    yield s
    s.close()
