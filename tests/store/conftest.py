"""Fixtures for the store tests: the same Protocol checks run against MemoryStore and real session files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workshop.core.ports import MemoryStore, SessionStore
from workshop.store.tinydb_store import TinyDBSessionStore, open_store


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: long-running durability checks (deselect with -m 'not slow')")


@pytest.fixture(params=["memory", "tinydb"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SessionStore]:
    """A fresh, empty store of each kind."""
    if request.param == "memory":
        yield MemoryStore()
        return
    real = open_store(tmp_path / "sessie.json", create=True)
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
