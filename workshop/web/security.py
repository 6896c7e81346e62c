"""Participant identity, CSRF tokens, per-participant rate limits and double-submit guards for the phone pages."""

from __future__ import annotations

import hashlib
import hmac
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

# A participant id as the core makes them (token_urlsafe) — anything else in a cookie is forged.
_ID_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
MAX_ID_LENGTH = 64


class Signer:
    """Signs participant cookies and derives per-participant CSRF tokens with one server secret.

    The cookie carries the participant id the core made plus an HMAC, so a phone can neither invent
    an id nor borrow someone else's: an unsigned or altered cookie is simply not a participant.
    """

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def _mac(self, purpose: str, value: str) -> str:
        return hmac.new(self._secret, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()[:32]

    def board_token(self) -> str:
        """The board page's secret token: derived from the key, so it stays the same after a restart of the
        same session (an open beamer reconnects by itself) and cannot be worked out from the join token."""
        return self._mac("board", "room")[:22]

    def cookie_for(self, participant_id: str) -> str:
        """Return the cookie value for `participant_id`."""
        return f"{participant_id}.{self._mac('pid', participant_id)}"

    def participant_in(self, cookie: str | None) -> str | None:
        """Return the participant id a cookie carries, or None when it is missing, malformed or forged."""
        if not cookie or len(cookie) > MAX_ID_LENGTH + 40:
            return None
        pid, _, mac = cookie.rpartition(".")
        if not pid or len(pid) > MAX_ID_LENGTH or not set(pid) <= _ID_CHARS:
            return None
        return pid if hmac.compare_digest(mac, self._mac("pid", pid)) else None

    def csrf_for(self, participant_id: str) -> str:
        """Return the CSRF token every form of this participant carries."""
        return self._mac("csrf", participant_id)

    def csrf_ok(self, participant_id: str, token: str | None) -> bool:
        """Return True when `token` is this participant's CSRF token (constant-time comparison)."""
        return bool(token) and hmac.compare_digest(str(token), self.csrf_for(participant_id))


@dataclass
class _Bucket:
    tokens: float
    at: float


class RateLimiter:
    """Token buckets keyed by participant id (never by IP address: a whole room shares one Wi-Fi address)."""

    def __init__(
        self, rate: float, burst: int, *, clock: Callable[[], float] = time.monotonic, max_keys: int = 5000
    ) -> None:
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._max_keys = max_keys
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()

    def ready(self, key: str) -> bool:
        """Return True when `key`'s bucket holds a token now, without taking it."""
        bucket = self._buckets.get(key)
        if bucket is None:
            return self.burst >= 1
        return min(float(self.burst), bucket.tokens + (self._clock() - bucket.at) * self.rate) >= 1.0

    def allow(self, key: str, cost: int = 1) -> bool:
        """Take `cost` tokens from `key`'s bucket; returns False when it holds fewer (the request is refused)."""
        now = self._clock()
        bucket = self._buckets.pop(key, None) or _Bucket(tokens=float(self.burst), at=now)
        bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.at) * self.rate)
        bucket.at = now
        allowed = bucket.tokens >= cost
        if allowed:
            bucket.tokens -= cost
        self._buckets[key] = bucket  # most recently used last
        # Bounded memory whatever arrives: forget the least recently seen keys (they refill anyway).
        while len(self._buckets) > self._max_keys:
            self._buckets.popitem(last=False)
        return allowed


class RecentForms:
    """Remembers the last forms each participant got stored, so a double tap does not add a card twice.

    Each rendered form carries a fresh random id; a second request with an id already stored is
    answered as the first was (the same page to go to) without calling the core again.
    """

    def __init__(self, per_participant: int = 32, max_participants: int = 5000) -> None:
        self._per = per_participant
        self._max = max_participants
        self._seen: OrderedDict[str, OrderedDict[str, str]] = OrderedDict()

    def seen(self, participant_id: str, form_id: str) -> str | None:
        """Return where the stored form `form_id` of this participant led (its answer), or None."""
        recent = self._seen.get(participant_id)
        return recent.get(form_id) if recent is not None else None

    def remember(self, participant_id: str, form_id: str, answer: str = "") -> None:
        """Record that `form_id` was stored for this participant, and where its answer led."""
        recent = self._seen.pop(participant_id, None) or OrderedDict()
        recent[form_id] = answer
        while len(recent) > self._per:
            recent.popitem(last=False)
        self._seen[participant_id] = recent
        while len(self._seen) > self._max:
            self._seen.popitem(last=False)


class FollowUps:
    """The pages stored forms redirected to, paid for by their post: each is shown once without asking the budget.

    A form's post takes two tokens (its own and its answer's), so the page after a stored card always says
    "Verstuurd", even when another tab spent the rest of the budget in between; a refused post takes none of
    this and says itself that nothing was stored. Bounded like RecentForms.
    """

    def __init__(self, per_participant: int = 4, max_participants: int = 5000) -> None:
        self._per = per_participant
        self._max = max_participants
        self._owed: OrderedDict[str, list[str]] = OrderedDict()

    def grant(self, participant_id: str, target: str) -> None:
        """Record that `participant_id` has paid for one visit to `target` (a path and query; no fragment)."""
        owed = self._owed.pop(participant_id, None) or []
        owed.append(target.partition("#")[0])
        del owed[: -self._per]
        self._owed[participant_id] = owed
        while len(self._owed) > self._max:
            self._owed.popitem(last=False)

    def take(self, participant_id: str, target: str) -> bool:
        """Return True (once) when `participant_id` paid for a visit to `target` with the post that led there."""
        owed = self._owed.get(participant_id)
        if not owed or target not in owed:
            return False
        owed.remove(target)
        if not owed:
            del self._owed[participant_id]
        return True
