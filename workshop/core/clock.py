"""The clock every part of workshop reads time from: the real one, or a test's own."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The real clock; tests pass their own."""
    return datetime.now(UTC)
