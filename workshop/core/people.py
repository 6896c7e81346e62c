"""Session commands on people: join (within the cap, unless the door is closed), proxies, roles and the door."""

from __future__ import annotations

import secrets
from dataclasses import replace

from . import events as ev
from .attendance import JoinWatch, WarningReason, join_cap, join_refusal, parse_limit, phones_joined, took_part
from .clock import Clock, utc_now
from .errors import DomainError
from .inputs import clean_nickname
from .ledger import Ledger
from .model import PROXY_PREFIX, Participant, SessionState
from .ports import SessionStore
from .records import put


class PeopleCommands(Ledger):
    """The commands and questions of SessionService about who takes part."""

    def __init__(self, state: SessionState, store: SessionStore, clock: Clock = utc_now) -> None:
        super().__init__(state, store, clock)
        self._join_watch = JoinWatch()

    # ----- reading -----------------------------------------------------------------------------------

    def participant(self, participant_id: str) -> Participant | None:
        """Return the participant with this id, or None when nobody joined with it."""
        return self._participant(participant_id)

    @property
    def participant_count(self) -> int:
        """People who took part: the head count when the facilitator gave one, else those who sent, dotted or answered.

        Phones that only joined do not count, so a flood of the join link does not inflate "Deelnemers".
        """
        took = self._memoised("took_part", self._state.step, lambda state, _: took_part(state))
        return max(self._state.meta.headcount, int(took))  # type: ignore[call-overload]

    @property
    def phones_joined(self) -> int:
        """Phones that joined this session (people without a phone, added by the facilitator, not counted)."""
        return phones_joined(self._state)

    @property
    def join_cap(self) -> int:
        """How many phones may join this session."""
        return join_cap(self._state)

    # ----- joining -----------------------------------------------------------------------------------

    def join(self, participant_id: str | None = None, nickname: str | None = None) -> Participant:
        """Register a phone; returns the participant.

        Joining again with a known id returns the same participant and writes nothing. Raises DomainError
        when the session is closed, the door is closed (session.door_closed) or the session has as many
        phones as it takes (session.full); the facilitator hears of refused and bursts of joins
        (events.JoinWarning).
        """
        existing = self._participant(participant_id) if participant_id else None
        if existing:
            return existing
        self._require("join")
        refusal = join_refusal(self._state)
        if refusal is not None:
            reason: WarningReason = "door" if refusal.code == "session.door_closed" else "full"
            count = self._join_watch.refused(reason, self._clock().timestamp())
            if count is not None:
                cap = self.join_cap
                self._notify(lambda v: ev.JoinWarning(v, reason=reason, count=count, limit=cap))
            raise refusal
        participant = self._add_person(participant_id, nickname)
        burst = self._join_watch.joined(self._clock().timestamp(), max(25, self._state.meta.headcount))
        if burst is not None:
            self._notify(lambda v: ev.JoinWarning(v, reason="spike", count=burst, seconds=10))
        return participant

    def add_proxy(self, name: str | None = None) -> Participant:
        """Add a person in the room without a phone, for whom the facilitator votes and rates (never capped).

        `name` (a first name or initials) tells them apart on the facilitator's screen; without one they are
        "Zonder telefoon <n>". Raises DomainError when another person without a phone has that name.
        """
        self._require("add_proxy")
        n = len(self._state.proxies) + 1
        pid = f"{PROXY_PREFIX}{n}"
        nickname = clean_nickname(name) or f"Zonder telefoon {n}"
        same = next((p for p in self._state.proxies if (p.nickname or "").casefold() == nickname.casefold()), None)
        if same is not None:
            raise DomainError("proxy.name_taken", name=same.nickname)
        return self._participant(pid) or self._add_person(pid, nickname)

    def _add_person(self, participant_id: str | None, nickname: str | None) -> Participant:
        pid = participant_id or secrets.token_urlsafe(12)
        participant = Participant(id=pid, joined_at=self._clock().isoformat(), nickname=clean_nickname(nickname))
        state = replace(self._state, participants=self._state.participants + (participant,))
        self._commit(
            state,
            [put("participants", pid, participant)],
            lambda v: ev.ParticipantJoined(v, participant=participant),
            index=lambda idx: idx.participants.setdefault(pid, participant),
        )
        return participant

    def set_role(self, participant_id: str, role: str) -> Participant:
        """Record a participant's answer to the script's role question ("" : rather not say); returns them.

        Raises DomainError for an unknown participant or a role the script does not offer.
        """
        self._require("set_role")
        person = self._participant(participant_id)
        if person is None:
            raise DomainError("participant.unknown")
        roles = self._state.script.roles
        chosen = next((r for r in roles if r.lower() == role.strip().lower()), None) if role.strip() else ""
        if chosen is None:
            raise DomainError("role.unknown", expected=", ".join(roles))
        if person.role == chosen:
            return person
        changed = replace(person, role=chosen)
        people = tuple(changed if p.id == person.id else p for p in self._state.participants)
        self._commit(
            replace(self._state, participants=people),
            [put("participants", person.id, changed)],
            lambda v: ev.ParticipantChanged(v, participant=changed),
            index=lambda idx: idx.participants.__setitem__(person.id, changed),
        )
        return changed

    # ----- the door ----------------------------------------------------------------------------------

    def close_door(self, closed: bool = True) -> None:
        """Close the door ("deur dicht": no new phones can join; those that joined go on) or open it again."""
        self._require("close_door")
        if self._state.meta.door_closed == closed:
            return
        meta = replace(self._state.meta, door_closed=closed)
        self._commit_meta(meta, lambda v: ev.DoorChanged(v, closed=closed))

    def set_join_limit(self, limit: int | str) -> None:
        """Set how many phones may join (0: the default, sized to the room). Raises DomainError for a bad number."""
        self._require("set_details")
        value = parse_limit(limit)
        if value == self._state.meta.max_participants:
            return
        self._commit_meta(replace(self._state.meta, max_participants=value), lambda v: ev.SessionDetailsChanged(v))
