"""Live updates for phones: which session events concern whom, and the open Server-Sent Events streams."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field

from ..core import events as ev
from ..core.model import SessionState

Audience = str | None  # "all", one participant id, or None: nobody

# Events after which every phone may show something else.
_EVERYONE = (
    ev.StepChanged,
    ev.VotingOpened,
    ev.VotingClosed,
    ev.ResultsRevealed,
    ev.CategoriesChosen,
    ev.SessionClosed,
    ev.SessionDetailsChanged,
)
# Events no phone shows anything of.
_NOBODY = (
    ev.ParticipantJoined,
    ev.ActionChanged,
    ev.ActionRemoved,
    ev.StoreHealthChanged,
    ev.ReviewActionsNotLoaded,
)
# Cards and themes feed the items of a vote step; while one runs, a change there concerns everyone.
_VOTE_ITEMS = (ev.ContributionAdded, ev.ContributionChanged, ev.ThemeChanged, ev.ThemeRemoved)


def audience(event: ev.Event, state: SessionState) -> Audience:
    """Return who should refresh after `event`: "all", one participant id, or None.

    A phone only ever learns *that* something changed (the payload is the state version), never what
    someone else sent; its own page then shows only what it may see.
    """
    if isinstance(event, _EVERYONE):
        return "all"
    if isinstance(event, _NOBODY):
        return None
    if isinstance(event, _VOTE_ITEMS) and state.step.kind == "vote":
        return "all"
    if isinstance(event, (ev.ContributionAdded, ev.ContributionChanged)):
        return event.card.author  # their own list of sent cards (other tabs of the same phone)
    if isinstance(event, (ev.VoteCast, ev.VoteWithdrawn)):
        return event.vote.voter
    if isinstance(event, ev.RatingGiven):
        return event.rating.voter
    if isinstance(event, (ev.ThemeChanged, ev.ThemeRemoved)):
        return None
    return "all"  # an event this module does not know yet: refreshing is always safe


@dataclass(eq=False)
class Stream:
    """One open event stream (one browser tab). The queue holds at most one pending 'changed'."""

    participant_id: str
    queue: asyncio.Queue[int | None] = field(default_factory=lambda: asyncio.Queue(maxsize=1))

    def notify(self, version: int | None) -> None:
        """Tell the tab to refresh (None: close the stream). Bursts coalesce into one refresh."""
        if version is None:
            while not self.queue.empty():
                self.queue.get_nowait()
        elif self.queue.full():
            return  # a refresh is already pending; it will fetch the newest state anyway
        self.queue.put_nowait(version)


class LiveHub:
    """Keeps the open streams and fans session events out to them.

    Bounded: a participant keeps at most `per_participant` streams (the oldest is closed), the whole
    server at most `max_streams` (new ones are refused).
    """

    def __init__(self, state: Callable[[], SessionState], *, per_participant: int = 4, max_streams: int = 500) -> None:
        self._state = state
        self._per = per_participant
        self._max = max_streams
        self._streams: list[Stream] = []

    def __len__(self) -> int:
        return len(self._streams)

    def open(self, participant_id: str) -> Stream | None:
        """Register a new stream for `participant_id`; returns None when the server has too many."""
        own = [s for s in self._streams if s.participant_id == participant_id]
        for old in own[: max(0, len(own) - self._per + 1)]:
            self.close(old)
            old.notify(None)
        if len(self._streams) >= self._max:
            return None
        stream = Stream(participant_id)
        self._streams.append(stream)
        return stream

    def close(self, stream: Stream) -> None:
        """Forget `stream` (its tab went away or was replaced)."""
        if stream in self._streams:
            self._streams.remove(stream)

    def publish(self, event: ev.Event) -> None:
        """Session listener: notify the streams `event` concerns."""
        who = audience(event, self._state())
        if who is None:
            return
        for stream in self._streams:
            if who == "all" or stream.participant_id == who:
                stream.notify(event.version)

    def shutdown(self) -> None:
        """Close every stream (the server is stopping)."""
        for stream in list(self._streams):
            stream.notify(None)
        self._streams.clear()
