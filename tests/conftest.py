"""Shared test helpers: a clock the test moves by hand, and the repository's paths."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import settings

from tests.hypo import profile_for

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "workshop" / "scripts"  # the built-in scripts (package data)
FIXTURES = Path(__file__).resolve().parent / "core" / "fixtures"


class FakeClock:
    """A clock that only moves when the test says so."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(autouse=True, scope="session")
def script_cache_folder(tmp_path_factory) -> Path:
    """Keep the parsed-script cache of every test run (and the programs it starts) out of the user's own."""
    import os

    folder = tmp_path_factory.mktemp("script-cache")
    os.environ["WORKSHOP_CACHE"] = str(folder)
    return folder


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: two workers per core. A Textual test spends much of its time waiting for the app to go idle
    (Pilot sleeps 20 ms at a time), so two cores keep four workers busy: the fast tier (1,637 tests) took 62.8 and
    63.5 s with three workers and 55.6 and 56.4 s with four on this 2-core machine, alternated (2026-12-05)."""
    import os

    return max(2, (os.cpu_count() or 1) * 2)


def pytest_configure(config: pytest.Config) -> None:
    """The fast tier (`-m "not slow"`) tries fewer hypothesis examples per test; see tests/hypo.py."""
    if not config.getoption("--hypothesis-profile", None):
        settings.load_profile(profile_for(config.getoption("markexpr") or ""))
