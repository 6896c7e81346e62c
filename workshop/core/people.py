"""Session commands on people: join (within the cap, unless the door is closed), who is here, proxies, roles."""

from __future__ import annotations

import secrets
from dataclasses import replace

from . import events as ev
from .attendance import (
    PLACE_SECONDS,
    STRAY_SECONDS,
    JoinWatch,
    Presence,
    WarningReason,
    join_cap,
    join_refusal,
    parse_limit,
    phones_joined,
    roles_settled,
    took_part,
)
from .availability import allowed
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
        self._presence = Presence()
        self._here_known: tuple[SessionState | None, frozenset[str], frozenset[str]] = (None, frozenset(), frozenset())
        self._present_known: tuple[SessionState | None, frozenset[str], frozenset[str]] = (
            None,
            frozenset(),
            frozenset(),
        )

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
        """Phones that ever joined this session, those that left too (people without a phone not counted)."""
        return phones_joined(self._state)

    @property
    def phones_present(self) -> int:
        """Phones here now: a live stream open, or a request within PRESENT_SECONDS (attendance.Presence)."""
        return len(self._phones_here())

    def present(self) -> frozenset[str]:
        """Return the ids of the people here now: the phones here and the people without a phone the facilitator
        added (they are in the room by definition). The same object while nothing changed (progress memoises on it)."""
        phones = self._phones_here()
        state, here, known = self._present_known
        if state is not self._state or here is not phones:
            proxies = self._state.proxies  # a scan of the participants: once per state, not per page
            known = phones | {p.id for p in proxies} if proxies else phones
            self._present_known = (self._state, phones, known)
        return known

    def _phones_here(self) -> frozenset[str]:
        # Only phones the session holds: a join whose write failed (rolled back) was seen all the same.
        here = self._presence.here(self._clock().timestamp())
        state, seen, known = self._here_known
        if state is not self._state or seen is not here:
            people = self._indexed().participants
            known = here if all(p in people for p in here) else frozenset(p for p in here if p in people)
            self._here_known = (self._state, here, known)
        return known

    # ----- presence: what the phones' server tells of them ----------------------------------------------------

    def phone_seen(self, participant_id: str) -> None:
        """Note that this phone asked something just now (a page, a form, a poll): it is here (after a join: it
        kept its cookie)."""
        self._presence.seen(participant_id, self._clock().timestamp())

    def phone_connected(self, participant_id: str) -> None:
        """Note that this phone opened a live stream: it is here for as long as the stream is open."""
        self._presence.connected(participant_id, self._clock().timestamp())

    def phone_left(self, participant_id: str) -> None:
        """Note that this phone's page said it was closed: it is no longer here (once its live streams close)."""
        self._presence.left(participant_id)

    def phone_disconnected(self, participant_id: str) -> None:
        """Note that one of this phone's live streams closed (it counts as here for PRESENT_SECONDS more)."""
        self._presence.disconnected(participant_id, self._clock().timestamp())

    def role_open(self, participant_id: str) -> bool:
        """Return True while this participant may choose or change their role: the script asks one, the session is
        open, and they gave no answer yet (attendance.roles_settled)."""
        state = self._state
        return bool(state.script.roles) and allowed(state, "set_role") and not self._role_settled(participant_id)

    def _role_settled(self, participant_id: str) -> bool:
        settled = self._memoised("roles_settled", self._state.step, lambda state, _: roles_settled(state))
        return participant_id in settled  # type: ignore[operator]

    @property
    def join_cap(self) -> int:
        """How many phones may join this session."""
        return join_cap(self._state)

    # ----- joining -----------------------------------------------------------------------------------

    def join(self, participant_id: str | None = None, nickname: str | None = None) -> Participant:
        """Register a phone; returns the participant. It counts as here once it asks something again (phone_seen):
        until then it only holds a place under the cap (attendance.Presence).

        Joining again with a known id returns the same participant and writes nothing: a phone that comes back
        is never refused. Raises DomainError when the session is closed, the door is closed (session.door_closed),
        the phones here now (and joins not yet confirmed) fill the cap (session.full) or the session took
        JOINED_CEILING times its cap in all (session.no_more_phones); the facilitator hears of refused and bursts of
        joins (events.JoinWarning).
        """
        existing = self._participant(participant_id) if participant_id else None
        if existing:
            self.phone_seen(existing.id)
            return existing
        self._require("join")
        # (The plain count, not phones_present: a rush of joins changes the state each time, and would filter
        # the phones here against it each time. Joins not confirmed yet hold a place: a flood of them is capped.)
        now = self._clock().timestamp()
        holding = self._presence.holding(now)
        if holding >= self.join_cap:  # full: phones gone for PLACE_SECONDS (a lost cookie) give their place up
            holding = self._presence.holding(now, PLACE_SECONDS)
        refusal = join_refusal(self._state, holding)
        if refusal is not None:
            reason: WarningReason = "door" if refusal.code == "session.door_closed" else "full"
            count = self._join_watch.refused(reason, self._clock().timestamp())
            if count is not None:
                limit = int(refusal.params.get("limit", self.join_cap))  # type: ignore[call-overload]
                # Places held by joins no page followed: said when they are most of the cap (a flood of the link), or
                # when they are older than a phone needs to open its page.
                held = 0
                if reason == "full":
                    held = self._presence.unconfirmed(now)
                    if 2 * held < limit:
                        held = self._presence.unconfirmed(now, STRAY_SECONDS)
                self._notify(lambda v: ev.JoinWarning(v, reason=reason, count=count, limit=limit, held=held))
            raise refusal
        participant = self._add_person(participant_id, nickname)
        # Not here yet: only once the phone asks something again with its cookie (phone_seen), so a join never
        # followed up (a `curl` of the link, a link preview) is not counted as a phone in the room.
        self._presence.joined(participant.id, self._clock().timestamp())
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

    def set_role(self, participant_id: str, role: str | None) -> Participant:
        """Record a participant's answer to the script's role question ("" : rather not say); returns them.

        Raises DomainError for an unknown participant, no answer at all (None: "Verder" without a role chosen,
        role.not_chosen; never taken for "rather not say"), a role the script does not offer, or a change once they
        gave an answer (role.settled, see role_open).
        """
        self._require("set_role")
        person = self._participant(participant_id)
        if person is None:
            raise DomainError("participant.unknown")
        if role is None:
            raise DomainError("role.not_chosen")
        roles = self._state.script.roles
        chosen = next((r for r in roles if r.lower() == role.strip().lower()), None) if role.strip() else ""
        if chosen is None:
            raise DomainError("role.unknown", expected=", ".join(roles))
        if person.role == chosen:
            return person
        if self._role_settled(person.id):
            raise DomainError("role.settled")
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
