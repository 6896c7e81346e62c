"""Who is in the room: phones here now, the join cap and the door, bursts of joins worth a warning, who took part,
and until when a role may change."""

from __future__ import annotations

from collections import deque
from typing import Literal

from .errors import DomainError
from .model import FACILITATOR, PROXY_PREFIX, SessionState

# A care team's session has 6-20 people; a plenary sets its own cap (`--max-participants`). Until the facilitator
# gives the number of people present (`d`), a session takes this many phones; from then on that number and a small
# margin (room_margin: someone whose browser lost its cookie, a second device), or the session's own cap if larger.
DEFAULT_MAX_PARTICIPANTS = 60
ROOM_MARGIN_LEAST = 3
MAX_PARTICIPANTS = 10_000
# A burst: more than this many new phones (or more than the head count) within SPIKE_SECONDS.
SPIKE_JOINS = 25
SPIKE_SECONDS = 10
JOIN_WARNING_EVERY = 30.0  # seconds between two warnings for the same reason
# A phone is here while its page holds a live stream open, or for this long after it last asked anything (a page
# without JavaScript asks only when it sends or reloads; a phone whose screen locked drops its stream until it
# wakes). Long enough for someone typing a card on such a page, short enough that the counts follow the room.
PRESENT_SECONDS = 300.0
# A phone without a live stream that asked nothing for this long no longer holds a place under the join cap (it still
# counts as here for PRESENT_SECONDS): a person whose browser lost its cookie joins again as someone new, and in a
# full session would otherwise wait out PRESENT_SECONDS. The phone itself always gets back in with its cookie.
PLACE_SECONDS = 120.0
# However the room comes and goes, a session never takes more than this many times its cap of phones in all (its own
# cap, or the default, when the number present gives a smaller one): a script that joins, leaves and joins again
# cannot fill the session file with made-up participants.
JOINED_CEILING = 4
# A phone that joined is here only once it asks something again with the cookie it was given (its browser follows
# the join's redirect within a second). A join never heard from again (a `curl` of the link, a link preview, a
# browser that keeps no cookies) is nobody in the room; it still holds a place under the cap for this long, so a
# flood of such joins is capped like any other.
UNCONFIRMED_SECONDS = 60.0
# A phone follows its join's redirect within a second or two: a join not followed for this long is told to the
# facilitator as held by something that is not a person in the room (a script, a link preview).
STRAY_SECONDS = 5.0

WarningReason = Literal["spike", "full", "door"]


def room_margin(headcount: int) -> int:
    """Return how many phones more than the people present may join: a fifth, at least ROOM_MARGIN_LEAST."""
    return max(ROOM_MARGIN_LEAST, headcount // 5)


def join_cap(state: SessionState) -> int:
    """Return how many phones may be here at once (people without a phone, added by the facilitator, do not count):
    the number of people present and room_margin when the facilitator gave it, or the session's own cap
    (`--max-participants`) if that is larger; with neither, DEFAULT_MAX_PARTICIPANTS."""
    meta = state.meta
    room = meta.headcount + room_margin(meta.headcount) if meta.headcount else 0
    if meta.max_participants:
        return max(meta.max_participants, room)
    return room or DEFAULT_MAX_PARTICIPANTS


def phones_joined(state: SessionState) -> int:
    """Return how many phones joined (the facilitator's proxies for people without one not counted)."""
    return sum(1 for p in state.participants if not p.id.startswith(PROXY_PREFIX))


def join_refusal(state: SessionState, present: int) -> DomainError | None:
    """Return why a new phone may not join now, or None: the door is closed, `present` phones (those here now and
    the joins not yet confirmed, see Presence.holding) fill the cap, or the session took JOINED_CEILING times its
    cap of phones in all.

    A phone that joined before is never asked this: it is the same participant again (people.join).
    """
    if state.meta.door_closed:
        return DomainError("session.door_closed")
    cap = join_cap(state)
    if present >= cap:
        return DomainError("session.full", limit=cap)
    # (Of the session's own cap, else the default, at least: a smaller number present typed in later must not lock out
    # every new phone because a flood joined before it.)
    ceiling = JOINED_CEILING * max(cap, state.meta.max_participants or DEFAULT_MAX_PARTICIPANTS)
    if phones_joined(state) >= ceiling:
        return DomainError("session.no_more_phones", limit=ceiling)
    return None


def parse_limit(value: int | str) -> int:
    """Return a join cap from what was typed or given (0: the default). Raises DomainError otherwise."""
    text = str(value).strip()
    if not text.isdigit() or int(text) > MAX_PARTICIPANTS:
        raise DomainError("session.bad_limit", value=text, limit=MAX_PARTICIPANTS)
    return int(text)


def took_part(state: SessionState) -> int:
    """Return how many people took part: phones and proxies that sent a card, placed a dot or gave an answer.

    Joining alone does not count (a scanned QR code, or a script flooding the join link).
    """
    return len(who_took_part(state))


def who_took_part(state: SessionState) -> set[str]:
    """Return the ids of the people who took part (see `took_part`)."""
    people = {c.author for c in state.contributions if c.author != FACILITATOR and not c.hidden}
    people.update(v.voter for v in state.votes)
    people.update(r.voter for r in state.ratings)
    people.discard(FACILITATOR)
    return people


def roles_settled(state: SessionState) -> frozenset[str]:
    """Return the ids of the people whose role (the script's `roles:` question) can no longer change: they gave an
    answer, which counts for that role. Moving answers to another role would change the counts per role the room
    sees (now, or after the facilitator hides and shows the results again), and the difference would tell the
    answers of a role too small to be shown (`min_group`).
    """
    return frozenset(r.voter for r in state.ratings)


class JoinWatch:
    """Notices bursts of joins and refused joins, and says when the facilitator should hear of them.

    In memory only: a warning is about now, not something to keep. Times are seconds on any clock.
    """

    def __init__(self) -> None:
        self._joins: deque[float] = deque()
        self._warned: dict[WarningReason, float] = {}
        self._refused: dict[WarningReason, int] = {}

    def joined(self, now: float, threshold: int = SPIKE_JOINS) -> int | None:
        """Record a join at `now`; return the joins within SPIKE_SECONDS when that is a burst to warn of."""
        self._joins.append(now)
        while self._joins and self._joins[0] <= now - SPIKE_SECONDS:
            self._joins.popleft()
        if len(self._joins) > threshold and self._due("spike", now):
            return len(self._joins)
        return None

    def refused(self, reason: WarningReason, now: float) -> int | None:
        """Record a join refused for `reason`; return how many were refused since the last warning, when due."""
        self._refused[reason] = self._refused.get(reason, 0) + 1
        if not self._due(reason, now):
            return None
        count, self._refused[reason] = self._refused[reason], 0
        return count

    def _due(self, reason: WarningReason, now: float) -> bool:
        last = self._warned.get(reason)
        if last is not None and now - last < JOIN_WARNING_EVERY:
            return False
        self._warned[reason] = now
        return True


class Presence:
    """Which phones are here now: those with a live stream open, and those that asked anything within `window`
    (a phone whose page said it was closed, `left`, not any more).

    A phone that just joined is not here yet: only once it asks something again (`seen`, `connected`), which shows
    it kept its cookie. Until then, for `unconfirmed` seconds, it only holds a place under the join cap (`holding`).

    In memory only, like JoinWatch: being here is about now, not something to keep (after a restart the phones
    reconnect within seconds). Times are seconds on any clock. Who is here is worked out again only when it can
    have changed by time (the first phone here without a stream reaches the end of its window); a phone that
    arrives is simply added, so a rush of joins costs no rescan each.
    """

    def __init__(self, window: float = PRESENT_SECONDS, unconfirmed: float = UNCONFIRMED_SECONDS) -> None:
        self._window = window
        self._unconfirmed = unconfirmed
        # phone -> when it joined, for joins not heard from since; oldest first (joins come in the clock's order)
        self._pending: dict[str, float] = {}
        self._last: dict[str, float] = {}  # phone -> when it last asked something (or its last stream closed)
        self._streams: dict[str, int] = {}  # phone -> its open live streams
        self._leaving: set[str] = set()  # phones whose page said it was closed, until they ask something again
        self._here: set[str] = set()
        self._frozen: frozenset[str] | None = frozenset()
        self._valid_until = float("-inf")

    def joined(self, participant_id: str, now: float) -> None:
        """Record that a new phone joined at `now`: not here until it asks something again (see the class)."""
        self._pending.pop(participant_id, None)  # (re-inserted: the oldest stays first)
        self._pending[participant_id] = now
        self._forget_unconfirmed(now)

    def holding(self, now: float, hold: float | None = None) -> int:
        """Return how many places under the join cap are taken at `now`: the phones here, and the joins within
        `unconfirmed` seconds that were not heard from since. With `hold` (shorter than the window), a phone here
        without a stream holds its place only if it asked something within `hold` seconds (a scan of the phones
        here: ask it only when the plain count is at the cap)."""
        self._forget_unconfirmed(now)
        here = self.count(now)
        if hold is None or hold >= self._window:
            return here + len(self._pending)
        cutoff = now - hold
        held = sum(1 for p in self._here if p in self._streams or self._last[p] > cutoff)
        return held + len(self._pending)

    def unconfirmed(self, now: float, older: float = 0.0) -> int:
        """Return how many joins within `unconfirmed` seconds were not heard from since (each holds a place); with
        `older`, only those that joined at least that many seconds before `now`."""
        self._forget_unconfirmed(now)
        return sum(1 for at in self._pending.values() if at <= now - older)

    def seen(self, participant_id: str, now: float) -> None:
        """Record that a phone asked something at `now` (a phone that joined: it kept its cookie, so it is here)."""
        self._pending.pop(participant_id, None)
        self._leaving.discard(participant_id)
        self._last[participant_id] = now
        if participant_id not in self._here:
            self._here.add(participant_id)  # no rescan: only this phone's window is new
            self._frozen = None
            self._valid_until = min(self._valid_until, now + self._window)

    def connected(self, participant_id: str, now: float) -> None:
        """Record that a phone opened a live stream: it is here until the stream closes (and `window` after)."""
        self._streams[participant_id] = self._streams.get(participant_id, 0) + 1
        self.seen(participant_id, now)

    def disconnected(self, participant_id: str, now: float) -> None:
        """Record that one of a phone's live streams closed at `now` (a phone that went to sleep comes back)."""
        left = self._streams.get(participant_id, 0) - 1
        if left > 0:
            self._streams[participant_id] = left
        else:
            self._streams.pop(participant_id, None)
        if participant_id in self._leaving and participant_id not in self._streams:
            self._gone(participant_id)  # its page was closed: not here any more, not for `window` more
            return
        self._last[participant_id] = now  # here for `window` more
        self._valid_until = min(self._valid_until, now + self._window)

    def left(self, participant_id: str) -> None:
        """Record that a phone's page said it was closed (not a locked screen: a page that locks says nothing). It
        is gone at once, or as soon as its live streams close (the server hears of that only at its next write)."""
        if participant_id not in self._last:
            return
        self._leaving.add(participant_id)
        if participant_id not in self._streams:
            self._gone(participant_id)

    def _gone(self, participant_id: str) -> None:
        self._leaving.discard(participant_id)
        self._last.pop(participant_id, None)
        if participant_id in self._here:
            self._here.discard(participant_id)
            self._frozen = None

    def count(self, now: float) -> int:
        """Return how many phones are here at `now`."""
        self._rescan(now)
        return len(self._here)

    def here(self, now: float) -> frozenset[str]:
        """Return the phones here at `now`."""
        self._rescan(now)
        if self._frozen is None:
            self._frozen = frozenset(self._here)
        return self._frozen

    def _forget_unconfirmed(self, now: float) -> None:
        cutoff = now - self._unconfirmed
        while self._pending:
            first, at = next(iter(self._pending.items()))
            if at > cutoff:
                break
            del self._pending[first]  # never came back: nobody in the room

    def _rescan(self, now: float) -> None:
        if now < self._valid_until:
            return
        cutoff = now - self._window
        for pid in [p for p, at in self._last.items() if at <= cutoff and p not in self._streams]:
            del self._last[pid]  # gone: forgotten, so memory stays bounded by the phones here
        self._here = set(self._last)
        self._frozen = None
        expiries = [at for p, at in self._last.items() if p not in self._streams]
        self._valid_until = min(expiries) + self._window if expiries else float("inf")
