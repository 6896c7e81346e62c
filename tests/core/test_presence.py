"""Who is here now (attendance.Presence): its kept answer always equals working it out afresh from every phone's
last request and open streams, whatever order joins, requests, streams and time come in; a join not followed up
is not here but holds a place under the cap for a while."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hypo import scaled
from workshop.core.attendance import Presence

WINDOW = 10.0
UNCONFIRMED = 4.0
HOLD = 6.0
PHONES = ("a", "b", "c", "d")
STEPS = st.lists(
    st.tuples(
        st.sampled_from(("joined", "seen", "connected", "disconnected", "wait")),
        st.sampled_from(PHONES),
        st.integers(0, 15),
    ),
    max_size=60,
)


@settings(max_examples=scaled(300), deadline=None)
@given(STEPS)
def test_presence_always_equals_a_fresh_count(steps) -> None:
    presence = Presence(WINDOW, UNCONFIRMED)
    last: dict[str, float] = {}
    streams: dict[str, int] = {}
    pending: dict[str, float] = {}  # joined, not heard from since
    now = 0.0
    for what, phone, n in steps:
        if what == "wait":
            now += n
        elif what == "joined":
            if phone in last or phone in pending:
                continue  # a phone joins once; after that it is known (people.join)
            pending[phone] = now
            presence.joined(phone, now)
        elif what == "disconnected":
            if not streams.get(phone):
                continue  # a stream closes only after it opened
            streams[phone] -= 1
            last[phone] = now
            presence.disconnected(phone, now)
        else:
            if what == "connected":
                streams[phone] = streams.get(phone, 0) + 1
            last[phone] = now
            pending.pop(phone, None)
            getattr(presence, what)(phone, now)
        expected = {p for p, at in last.items() if streams.get(p) or at > now - WINDOW}
        assert presence.here(now) == expected
        assert presence.count(now) == len(expected)
        holding = len(expected) + sum(1 for at in pending.values() if at > now - UNCONFIRMED)
        assert presence.holding(now) == holding
        # A phone without a stream holds its place under the cap only for HOLD seconds (attendance.PLACE_SECONDS).
        held = {p for p in expected if streams.get(p) or last[p] > now - HOLD}
        assert presence.holding(now, HOLD) == len(held) + holding - len(expected)


def test_a_phone_whose_only_stream_closed_leaves_after_the_window() -> None:
    """Found while building it: with every phone on a stream nothing was due to expire, and a closed one stayed."""
    presence = Presence(WINDOW)
    presence.connected("a", 0.0)
    assert presence.here(100.0) == {"a"}
    presence.disconnected("a", 100.0)
    assert presence.here(100.0 + WINDOW - 1) == {"a"}
    assert presence.here(100.0 + WINDOW) == frozenset()
