"""Text a phone sent that was not stored (refused, or the disk failed): kept for the field it is sent from.

A phone without JavaScript keeps nothing itself: after a refusal its field would be empty, the text lost. So the
text is kept here, per participant and step, until it is stored; it goes back in that step's field whenever the
phone shows the step and the step asks for text. Kept in memory only, on the laptop: never on disk, in a log or in
an address, and gone when the program stops (as a card never sent should be).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from .participant_view import Mode

KEPT = 20_000  # texts at most (~1 kB each): a room of 1,000 phones, each with a few steps' texts not sent


@dataclass(frozen=True)
class Unsent:
    """A text not stored, and the topic chosen for it ("" when none)."""

    text: str
    category: str = ""


class UnsentTexts:
    """The last text not stored per participant and step; bounded (the oldest goes first)."""

    def __init__(self, limit: int = KEPT) -> None:
        self._limit = limit
        self._kept: OrderedDict[tuple[str, str], Unsent] = OrderedDict()

    def keep(self, participant_id: str, step_id: str, text: str, category: str = "") -> None:
        """Keep `text` (not stored) for `step_id`'s field; a text of only spaces is nothing to keep."""
        key = (participant_id, step_id)
        self._kept.pop(key, None)
        if not text.strip():
            return
        self._kept[key] = Unsent(text, category)
        while len(self._kept) > self._limit:
            self._kept.popitem(last=False)

    def stored(self, participant_id: str, step_id: str) -> None:
        """A card of this participant for `step_id` was stored: the text kept for that field is no longer needed."""
        self._kept.pop((participant_id, step_id), None)

    def for_field(self, participant_id: str, step_id: str, mode: Mode) -> Unsent | None:
        """Return the text to put in the field of this participant's page of `step_id` (the page asks in `mode`), or
        None: only while the step asks for text (not once it asks something else, such as looking at results)."""
        if mode != "text":
            return None
        return self._kept.get((participant_id, step_id))

    def __len__(self) -> int:
        return len(self._kept)
