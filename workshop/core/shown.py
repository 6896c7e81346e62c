"""What the room saw of a step's answers, so that showing them again cannot single anyone out.

Results hidden after a reveal let people answer (or move a dot) again. Shown a second time, the difference between
the two results is exactly what those people chose: with one or two of them, the room can tell. At each reveal the
session keeps a fingerprint of every person's answers in the step (a short hash per person, never the answers);
a later reveal compares. When fewer people than the script's `min_group` changed anything since, showing again
is refused (results.few_changed) unless the facilitator says to show anyway.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from .model import Meta, SessionState, Step
from .results import VoteResults, anonymous, tally

Fingerprints = tuple[str, ...]  # "participant id:hash" per person who answered, sorted


def fingerprints(state: SessionState, step: Step) -> Fingerprints:
    """Return one fingerprint per person with answers (dots or ratings) in `step`: their id and a hash of them."""
    answers: dict[str, list[str]] = {}
    for vote in state.votes:
        if vote.step_id == step.id:
            answers.setdefault(vote.voter, []).append(f"d{vote.item_id}")
    for rating in state.ratings:
        if rating.step_id == step.id:
            answers.setdefault(rating.voter, []).append(f"r{rating.statement}={rating.value}")
    return tuple(
        sorted(
            f"{voter}:{hashlib.blake2b(chr(31).join(sorted(given)).encode(), digest_size=6).hexdigest()}"
            for voter, given in answers.items()
        )
    )


def changed_since_shown(state: SessionState, step: Step) -> int:
    """Return how many people answered, changed or took back anything in `step` since its results were last
    shown (0 when they never were)."""
    before = dict(state.meta.shown)
    if step.id not in before:
        return 0
    then = dict(part.rpartition(":")[::2] for part in before[step.id])
    now = dict(part.rpartition(":")[::2] for part in fingerprints(state, step))
    return sum(1 for voter in then.keys() | now.keys() if then.get(voter) != now.get(voter))


def singles_out(state: SessionState, step: Step) -> int:
    """Return how many people showing `step`'s results again would single out (0: none, or enough of them)."""
    changed = changed_since_shown(state, step)
    return changed if 0 < changed < state.script.min_group else 0


def with_shown(meta: Meta, state: SessionState, step: Step) -> Meta:
    """Return `meta` remembering what the room sees of `step` from now on (at a reveal): nothing when every count
    is withheld (too few answers), since then no later showing can be compared with this one."""
    others = tuple((s, f) for s, f in meta.shown if s != step.id)
    if not _counts_shown(state, step):
        return replace(meta, shown=others)
    return replace(meta, shown=(*others, (step.id, fingerprints(state, step))))


def _counts_shown(state: SessionState, step: Step) -> bool:
    """Return whether the room sees any count of `step`'s answers (results.anonymous withholds small ones)."""
    results = tally(state, step)
    if results is None:
        return False
    shown = anonymous(state, results)
    if isinstance(shown, VoteResults):
        return not shown.too_few and shown.total > 0
    return any(s.answers and not s.too_few for s in shown.statements)
