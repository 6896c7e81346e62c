"""How many examples a property test (hypothesis) tries: all of them in the full run, a fifth in the fast tier.

Two profiles: "full" (hypothesis' own default, 100 examples) and "fast" (20). tests/conftest.py loads one
by itself: "fast" when the run leaves the slow tests out (`pytest -m "not slow"`), else "full" (`pytest`,
as CI runs it, and `pytest -m slow`). `--hypothesis-profile full` (or fast) chooses one by hand.

A test that asks for its own number of examples writes `@settings(max_examples=scaled(300))`: 300 in the
full run, 60 in the fast tier. A plain number there would ignore the profile.
"""

from __future__ import annotations

import math

from hypothesis import settings

FULL = 100
settings.register_profile("full", max_examples=FULL)
settings.register_profile("fast", max_examples=FULL // 5)

FEWEST = 10  # below this a property test hardly looks around


def scaled(examples: int) -> int:
    """`examples` in the full run; in a run with fewer examples per test, the same share of them."""
    share = settings.default.max_examples / FULL
    return max(min(examples, FEWEST), math.ceil(examples * share))


def profile_for(markexpr: str) -> str:
    """The profile for a run selected by the mark expression `markexpr` (pytest -m)."""
    return "fast" if "not slow" in " ".join(markexpr.split()) else "full"
