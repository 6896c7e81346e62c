"""When an open action is late: the one rule the overview, the agenda and the review step share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

DONE = ("klaar", "gestopt")


@dataclass(frozen=True)
class Late:
    """Why an open action is late: the date that passed, and which one it is."""

    day: date
    which: Literal["deadline", "checkdatum"]


def late_on(status: str, due: date | None, check: date | None, today: date) -> Late | None:
    """Return why an action with plan status `status` ("klaar", "bezig", "uitgesteld", ...) is late on `today`.

    Its deadline passed while it is not done (also when a later check date exists: the work should have been done by
    then), or its check date passed. An uitgesteld action was moved on purpose: only its check date counts, or its
    deadline when it has no check date. When both passed, the earlier one is named. None when nothing passed, or the
    action is klaar or gestopt.
    """
    if status in DONE:
        return None
    passed: list[Late] = []
    if due is not None and due < today and (status != "uitgesteld" or check is None):
        passed.append(Late(due, "deadline"))
    if check is not None and check < today:
        passed.append(Late(check, "checkdatum"))
    return min(passed, key=lambda p: p.day) if passed else None
