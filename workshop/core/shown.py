"""What the room saw of a step's answers, so that showing them again cannot single anyone out.

Results hidden after a reveal let people answer (or move a dot) again. Shown a second time, the difference between
the two results is what those people chose: where only one or two people changed the answers on a statement (or
the dots on an item), the room can tell what they chose. So at each reveal the session keeps what each person had
given on every statement or item whose counts the room saw (`Meta.shown`; the session file holds the answers
themselves anyway). A later reveal compares: when on any of those fewer people than the script's `min_group`
changed anything, showing again is refused (results.few_changed) unless the facilitator says to show anyway.

Stored per step: the statements whose counts were shown ("#" and one 1/0 per statement; votes: "#" alone), then one
entry per person: "<id>|<one character per statement: the value's place on the scale, or - for none>" for ratings,
"<id>|<item>=<dots>;..." for dots.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from .model import Meta, Rating, SessionState, Step, Vote

Given = dict[str, dict[str, str]]  # person -> part (statement number or item id) -> what they gave there


def changed_since_shown(state: SessionState, step: Step) -> dict[str, int]:
    """Return, per statement or item whose counts the room saw at the last reveal, how many people changed what
    they gave there since ({} when the results were never shown)."""
    before = dict(state.meta.shown).get(step.id)
    if not before:
        return {}
    mask, then = _decode(before)
    now = _given(state, step)
    parts = mask if mask is not None else {part for given in (*then.values(), *now.values()) for part in given}
    people = then.keys() | now.keys()
    return {
        part: sum(1 for p in people if then.get(p, {}).get(part) != now.get(p, {}).get(part)) for part in sorted(parts)
    }


def singles_out(state: SessionState, step: Step) -> int:
    """Return the fewest people (1 or more) whose changes on one statement or item showing `step`'s results again
    would lay bare, when that is fewer than min_group; 0 when showing again singles nobody out."""
    few = [n for n in changed_since_shown(state, step).values() if 0 < n < state.script.min_group]
    return min(few, default=0)


def held_back(state: SessionState, step: Step) -> bool:
    """True when `step`'s results are hidden again and what changed since the room saw them would single people out
    (singles_out): then the record, too, holds the results as the room saw them (as_seen), not the new ones."""
    return not state.is_revealed(step.id) and singles_out(state, step) > 0


def as_seen(state: SessionState, step: Step) -> SessionState:
    """Return `state` with `step`'s answers (or dots) as they were when the room last saw its results; `state`
    itself when they were never shown."""
    before = dict(state.meta.shown).get(step.id)
    if not before:
        return state
    mask, then = _decode(before)
    if mask is not None:
        scale = step.scale_spec
        if scale is None:
            return state
        via = {r.key: r.via for r in state.ratings if r.step_id == step.id}
        ratings = [r for r in state.ratings if r.step_id != step.id]
        for person, given in sorted(then.items()):
            for statement, code in sorted(given.items(), key=lambda part: int(part[0])):
                key = f"{step.id}:{statement}:{person}"
                value = scale.values[int(code)]
                ratings.append(Rating(step.id, int(statement), person, value, via.get(key, "participant")))
        return replace(state, ratings=tuple(ratings))
    votes = [v for v in state.votes if v.step_id != step.id]
    for person, given in sorted(then.items()):
        for item, count in sorted(given.items()):
            dots = int(count)
            votes += (Vote(f"seen-{person}-{item}-{n}", step.id, person, item, "participant") for n in range(dots))
    return replace(state, votes=tuple(votes))


def with_shown(meta: Meta, state: SessionState, step: Step, seen: list[bool] | None) -> Meta:
    """Return `meta` remembering what the room sees of `step` from now on (at a reveal). `seen`: per statement,
    whether the room sees its counts (votes: [] when it sees the dots), None when it sees none: then nothing is
    kept, since no later showing can be compared with this one."""
    others = tuple((s, f) for s, f in meta.shown if s != step.id)
    if seen is None:
        return replace(meta, shown=others)
    return replace(meta, shown=(*others, (step.id, _encode(state, step, seen))))


def with_looked_back(meta: Meta, review: Step, rated: Step) -> Meta:
    """Return `meta` remembering that the room, on the review step `review`, has `rated`'s results in view, and
    which statements' counts it sees (the mask of their last reveal; "#" when every count was withheld); `meta`
    itself when those results are hidden, or for a session stored before this was kept (its reviews before now are
    not on record: it keeps going by `shown`). A record of an earlier visit stays: the room saw them then."""
    if rated.id not in meta.revealed or meta.looked_back is None:
        return meta
    head = next((seen[0] for step_id, seen in meta.shown if step_id == rated.id), "#")
    before = tuple(entry for entry in meta.looked_back if entry[0] != review.id)
    return replace(meta, looked_back=(*before, (review.id, head)))


def looked_back_at(state: SessionState, review: Step, rated: Step) -> set[int] | None:
    """Return the indexes of `rated`'s statements whose counts the room saw on the review step `review`; None when
    it saw none of its results there. A session stored before this was kept: every statement, when the results
    were shown at all (what the record can tell)."""
    if state.meta.looked_back is None:
        seen = state.is_revealed(rated.id) or rated.id in dict(state.meta.shown)
        return set(range(len(rated.rated_statements))) if seen else None
    head = dict(state.meta.looked_back).get(review.id)
    return None if head is None else {n for n, flag in enumerate(head[1:]) if flag == "1"}


def _given(state: SessionState, step: Step) -> Given:
    given: Given = {}
    for vote in state.votes:
        if vote.step_id == step.id:
            mine = given.setdefault(vote.voter, {})
            mine[vote.item_id] = str(int(mine.get(vote.item_id, "0")) + 1)
    scale = step.scale_spec
    for rating in state.ratings:
        if rating.step_id == step.id and scale is not None and rating.value in scale.values:
            # The value's place on the scale: one character, as stored.
            given.setdefault(rating.voter, {})[str(rating.statement)] = str(scale.values.index(rating.value))
    return given


def _encode(state: SessionState, step: Step, seen: list[bool]) -> tuple[str, ...]:
    scale = step.scale_spec
    head = "#" + "".join("1" if s else "0" for s in seen)
    rows = []
    for person, given in sorted(_given(state, step).items()):
        if scale is not None:  # one character per statement: compact for a plenary of hundreds of phones
            rows.append(f"{person}|{''.join(given.get(str(n), '-') for n in range(len(seen)))}")
        else:
            rows.append(f"{person}|{';'.join(f'{item}={n}' for item, n in sorted(given.items()))}")
    return (head, *rows)


def _decode(stored: Iterable[str]) -> tuple[set[str] | None, Given]:
    """Return the statements whose counts were shown (None for dots: every item) and what each person gave."""
    head, *rows = stored
    mask = {str(n) for n, flag in enumerate(head[1:]) if flag == "1"} if len(head) > 1 else None
    given: Given = {}
    for row in rows:
        person, _, codes = row.partition("|")
        if mask is not None:
            given[person] = {str(n): code for n, code in enumerate(codes) if code != "-"}
        else:
            given[person] = dict(part.split("=", 1) for part in codes.split(";") if part)
    return mask, given
