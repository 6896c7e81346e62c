"""Time in a session: how a step does against its timebox, and the time spent per step so far."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from .model import SessionState, Step

# Warn when this share of a step's time is left (and always in its last minute).
WARN_SHARE = 0.2
# How often a running step's time so far is stored (SessionService.keep_time): a program that stops without
# closing (a crash, a closed terminal, a battery gone flat) loses at most this much of the step's time, instead
# of counting all the time it was not running.
KEEP_SECONDS = 60.0


@dataclass(frozen=True)
class Timebox:
    """How a step is doing against its timebox, in seconds."""

    step_id: str
    planned: float
    elapsed: float
    remaining: float  # 0 once over time
    overrun: float  # 0 while in time
    warning: bool  # near the end (last 20% or last minute), or over


def minutes_left(seconds: float) -> int:
    """Return the whole minutes a person reads in `seconds` left, as on a countdown clock: its whole seconds (16:00
    until a full second has gone), then the minutes rounded down (5:13 is 5 minutes; 0 under a minute). The phone's
    page and the room's board say it this way, and their scripts count down by the same rule."""
    return max(0, math.ceil(seconds) // 60)


def running_visit(state: SessionState, now: datetime) -> float:
    """Return the seconds of the current step's visit that is running now (0 when the clock is paused or closed)."""
    meta = state.meta
    if not meta.entered_at or meta.status != "open":
        return 0.0
    return max(0.0, (now - datetime.fromisoformat(meta.entered_at)).total_seconds())


def time_to_keep(state: SessionState, now: datetime) -> bool:
    """True when the current step's running visit is KEEP_SECONDS old or more: its time so far is to be stored."""
    return running_visit(state, now) >= KEEP_SECONDS


def spent_now(state: SessionState, now: datetime) -> tuple[tuple[str, float], ...]:
    """Return the seconds spent per step, the current visit until `now` included (to store when it ends)."""
    spent = dict(state.meta.spent)
    if state.meta.entered_at and state.meta.status == "open":
        current = state.step.id
        spent[current] = spent.get(current, 0.0) + running_visit(state, now)
    return tuple(spent.items())


def timebox(state: SessionState, step: Step, now: datetime) -> Timebox:
    """Return how `step` is doing against its timebox at `now`."""
    elapsed = dict(state.meta.spent).get(step.id, 0.0)
    if step.id == state.step.id:
        elapsed += running_visit(state, now)
    planned = step.minutes * 60.0
    remaining = max(0.0, planned - elapsed)
    return Timebox(
        step_id=step.id,
        planned=planned,
        elapsed=elapsed,
        remaining=remaining,
        overrun=max(0.0, elapsed - planned),
        warning=remaining <= max(60.0, planned * WARN_SHARE),
    )
