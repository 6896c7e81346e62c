"""Live updates for phones: which session events concern whom, the open streams, and resuming after a reconnect."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from ..core import events as ev
from ..core.model import SessionState

Audience = str | None  # "all", one participant id, or None: nobody

# Events after which every phone may show something else.
_EVERYONE = (
    ev.StepChanged,
    ev.DoorChanged,
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
    ev.JoinWarning,
    ev.ActionChanged,
    ev.ActionRemoved,
    ev.StoreHealthChanged,
    ev.TimeKept,
    ev.ReviewActionsNotLoaded,
    ev.ReviewStatusesUnsure,
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
    if isinstance(event, ev.ContributionWithdrawn):
        return "all" if state.step.kind == "vote" else event.author
    if isinstance(event, (ev.ContributionAdded, ev.ContributionChanged)):
        return event.card.author  # their own list of sent cards (other tabs of the same phone)
    if isinstance(event, ev.ParticipantChanged):
        return event.participant.id
    if isinstance(event, (ev.VoteCast, ev.VoteWithdrawn)):
        return event.vote.voter
    if isinstance(event, ev.RatingGiven):
        return event.rating.voter
    if isinstance(event, (ev.ThemeChanged, ev.ThemeRemoved)):
        return None
    return "all"  # an event this module does not know yet: refreshing is always safe


# Events after which the step's progress ("9 van 12 hebben stippen gezet") may have changed for every phone.
_PROGRESS = (ev.VoteCast, ev.VoteWithdrawn, ev.RatingGiven, ev.ContributionAdded, ev.ContributionWithdrawn)
PROGRESS_EVERY = 2.0  # seconds: at most one progress message per stream in this time, whatever the room does
PROGRESS_CHUNK = 5  # streams woken at a time with a progress line (phones' requests are read in between) ...
PROGRESS_SPACING = 0.005  # ... and seconds between two such chunks: 1,000 streams in 1 s, never in one burst
PROGRESS_WITHIN = 1.0  # seconds a progress line takes to reach every stream at most (more streams: larger chunks)
ENDED = -1  # in a stream's queue: the server is stopping; the tab is told the session has ended, then closed
# A tab hears of a change to its own participant's input (their cards, dots, answers) at once, then at most once in
# this many seconds: each 'changed' makes the tab fetch its page, and a phone that sends a card every few tenths of
# a second would otherwise have the server render its page (with all its cards) every time. The tab that sent it
# already has the new page (the form's answer); its other tabs are at most this late. Changes that concern everyone
# (a step change, results revealed) are never held back.
OWN_EVERY = 1.0


@dataclass(eq=False)
class Stream:
    """One open event stream (one browser tab). The queue holds at most one pending 'changed'.

    `progress` holds the newest progress line to send ("9 12": done and total, never any text).
    """

    participant_id: str
    queue: asyncio.Queue[int | None] = field(default_factory=lambda: asyncio.Queue(maxsize=1))
    progress: str = ""
    own_sent: float = float("-inf")  # loop time the tab was last told of its own change
    own_due: asyncio.TimerHandle | None = None  # a held-back notice of its own change, sent when the time is up
    own_version: int = 0  # the newest version that held-back notice carries

    def notify(self, version: int | None) -> None:
        """Tell the tab to refresh (None: close the stream). Bursts coalesce into one refresh."""
        if version is None:
            while not self.queue.empty():
                self.queue.get_nowait()
        elif self.queue.full():
            # A refresh is already pending (it will fetch the newest state anyway): keep the newest version
            # for the resume mark, and never let a progress-only wake-up (0) swallow a refresh.
            pending = self.queue.get_nowait()
            version = None if pending is None else max(pending, version)
        self.queue.put_nowait(version)

    def end(self) -> None:
        """Tell the tab the session has ended here (the server is stopping), then close the stream."""
        while not self.queue.empty():
            self.queue.get_nowait()
        self.queue.put_nowait(ENDED)

    def tell_progress(self, line: str) -> None:
        """Send the step's progress with the next wake-up (0 stands for 'progress only', not a refresh)."""
        self.progress = line
        if not self.queue.full():
            self.queue.put_nowait(0)


class LiveHub:
    """Keeps the open streams and fans session events out to them.

    Bounded: a participant keeps at most `per_participant` streams (the oldest is closed), the whole
    server at most `max_streams` (new ones are refused).
    """

    def __init__(
        self,
        state: Callable[[], SessionState],
        *,
        per_participant: int = 4,
        max_streams: int = 2_000,
        progress: Callable[[], str] | None = None,
        own_every: float = OWN_EVERY,
    ) -> None:
        """`own_every`: seconds between two notices to one tab of its own participant's changes (OWN_EVERY)."""
        self._state = state
        self._own_every = own_every
        self._per = per_participant
        self._max = max_streams
        self._streams: list[Stream] = []
        # The same streams by participant: a card's 'changed' goes to its sender's tabs without passing 1,000 others.
        self._by_participant: dict[str, list[Stream]] = {}
        self._progress = progress
        self._progress_due: asyncio.Handle | None = None
        # Resuming: the newest version that concerned everyone, and per participant the newest that concerned
        # only them. Versions count from a resume of the session, so a phone's mark names this server's epoch.
        self.epoch = secrets.token_hex(4)
        self._everyone = 0
        self._own: dict[str, int] = {}
        # Polls held open until there is news (`news`): one future for what concerns everyone, one per participant.
        self._news_all: asyncio.Future[bool] | None = None
        self._news_own: dict[str, asyncio.Future[bool]] = {}
        self.ended = False  # shutdown() was called: the session has ended here
        self.polls_waiting = 0  # polls held open for news now (stream.poll)

    def mark(self, version: int) -> str:
        """Return the resume mark of a page made from state `version` ("epoch.version")."""
        return f"{self.epoch}.{version}"

    def missed(self, participant_id: str, mark: str | None) -> bool:
        """Return True when something that concerns `participant_id` happened after `mark` (or since a restart).

        None (no mark given): nothing is known to be missed.
        """
        if not mark:
            return False
        epoch, _, version = mark.partition(".")
        if epoch != self.epoch or not version.isdigit():
            return True  # a page from before this server started: the session may have moved on since
        return max(self._everyone, self._own.get(participant_id, 0)) > int(version)

    def news(self, participant_id: str) -> tuple[asyncio.Future[bool], asyncio.Future[bool]]:
        """Futures a held poll waits on: done at the next change for everyone / for `participant_id`.

        Their result is True when the server is stopping (the session has ended here), else False.
        """
        loop = asyncio.get_running_loop()
        if self._news_all is None or self._news_all.done():
            self._news_all = loop.create_future()
        own = self._news_own.get(participant_id)
        if own is None or own.done():
            own = self._news_own[participant_id] = loop.create_future()
        return self._news_all, own

    def _tell_polls(self, who: str, ended: bool = False) -> None:
        """Answer the polls held for `who` ("all": every one) with news: a change, or the end (`ended`)."""
        if who == "all":
            done = [self._news_all]
            if ended:
                done.extend(self._news_own.values())
                self._news_own.clear()
            self._news_all = None
        else:
            done = [self._news_own.pop(who, None)]
        for future in done:
            if future is not None and not future.done():
                future.set_result(ended)

    def __len__(self) -> int:
        return len(self._streams)

    @property
    def capacity(self) -> int:
        """The most streams this hub holds at once; phones over it poll instead."""
        return self._max

    def open(self, participant_id: str) -> Stream | None:
        """Register a new stream for `participant_id`; returns None when the server has too many."""
        own = list(self._by_participant.get(participant_id, ()))
        # Over its own bound, or the server full while this phone still holds a stream (a page it left, not
        # yet noticed as gone): its oldest streams make room, so a phone never locks itself out.
        excess = max(0, len(own) - self._per + 1, len(self._streams) - self._max + 1 if own else 0)
        for old in own[:excess]:
            self.close(old)
            old.notify(None)
        if len(self._streams) >= self._max:
            return None
        stream = Stream(participant_id)
        self._streams.append(stream)
        self._by_participant.setdefault(participant_id, []).append(stream)
        return stream

    def close(self, stream: Stream) -> None:
        """Forget `stream` (its tab went away or was replaced)."""
        _drop_held(stream)
        own = self._by_participant.get(stream.participant_id, [])
        if stream in own:
            self._streams.remove(stream)
            own.remove(stream)
            if not own:
                del self._by_participant[stream.participant_id]

    def publish(self, event: ev.Event) -> None:
        """Session listener: notify the streams `event` concerns."""
        if isinstance(event, _PROGRESS):
            self._progress_soon()
        who = audience(event, self._state())
        if who is None:
            return
        self._tell_polls(who)
        if who == "all":
            self._everyone = max(self._everyone, event.version)
            for stream in self._streams:
                _drop_held(stream)  # this notice brings the newest page anyway
                stream.notify(event.version)
            return
        self._own[who] = max(self._own.get(who, 0), event.version)
        for stream in self._by_participant.get(who, ()):
            self._notify_own(stream, event.version)

    def _notify_own(self, stream: Stream, version: int) -> None:
        """Tell `stream` of its participant's own change: now, or once OWN_EVERY has passed since the last time."""
        if stream.own_due is not None:  # a notice is held back already: it carries this version too
            stream.own_version = max(stream.own_version, version)
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            stream.notify(version)  # no loop (a test publishing by hand): nothing to hold it back with
            return
        wait = stream.own_sent + self._own_every - loop.time()
        if wait <= 0:
            stream.own_sent = loop.time()
            stream.notify(version)
            return
        stream.own_version = version
        stream.own_due = loop.call_later(wait, self._send_own, stream)

    def _send_own(self, stream: Stream) -> None:
        stream.own_due = None
        if stream in self._by_participant.get(stream.participant_id, ()):
            stream.own_sent = asyncio.get_running_loop().time()
            stream.notify(stream.own_version)

    def _progress_soon(self) -> None:
        """Tell every stream the step's progress, at most once per PROGRESS_EVERY seconds."""
        if self._progress is None or self._progress_due is not None or not self._streams:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # no loop (a test publishing by hand): nobody is listening anyway
        self._progress_due = loop.call_later(PROGRESS_EVERY, self._send_progress)

    def _send_progress(self) -> None:
        self._progress_due = None
        line = self._progress() if self._progress is not None else ""
        if line:
            streams = list(self._streams)
            chunk = max(PROGRESS_CHUNK, -(-len(streams) * PROGRESS_SPACING // PROGRESS_WITHIN))
            self._tell_progress(line, streams, int(chunk))

    def _tell_progress(self, line: str, streams: list[Stream], chunk: int = PROGRESS_CHUNK) -> None:
        """Wake `streams` with the progress line, `chunk` at a time (PROGRESS_CHUNK, more when that would take longer
        than PROGRESS_WITHIN), PROGRESS_SPACING apart.

        Waking 1,000 streams at once would hold every phone's request back behind 1,000 writes (~30 ms,
        every PROGRESS_EVERY seconds); chunks on consecutive loop turns still made a dense 30 ms in which every
        card's answer waited behind them (the room bench's durable spread p99 9.8 ms, 5.8 ms without progress).
        Spread out, a card waits behind a few writes at most; a progress line is no hurry, a card's answer is.
        """
        for stream in streams[:chunk]:
            stream.tell_progress(line)
        if len(streams) > chunk:
            asyncio.get_running_loop().call_later(PROGRESS_SPACING, self._tell_progress, line, streams[chunk:], chunk)

    def shutdown(self) -> None:
        """Tell every stream the session has ended here, and close them (the server is stopping)."""
        if self._progress_due is not None:
            self._progress_due.cancel()
            self._progress_due = None
        self.ended = True
        self._tell_polls("all", ended=True)
        for stream in list(self._streams):
            _drop_held(stream)
            stream.end()
        self._streams.clear()
        self._by_participant.clear()


def _drop_held(stream: Stream) -> None:
    """Cancel `stream`'s held-back notice of its own change, if any."""
    if stream.own_due is not None:
        stream.own_due.cancel()
        stream.own_due = None
