"""The time left as the phone and the board say it: whole minutes as a countdown clock reads them."""

from __future__ import annotations

import pytest

from workshop.core.timebox import minutes_left


@pytest.mark.parametrize(
    ("seconds", "minutes"),
    [(313, 5), (300, 5), (299.5, 5), (299, 4), (960, 16), (959.95, 16), (70, 1), (60, 1), (59, 0), (0.4, 0), (0, 0)],
)
def test_minutes_left_are_rounded_down_as_a_clock_reads(seconds: float, minutes: int) -> None:
    assert minutes_left(seconds) == minutes
