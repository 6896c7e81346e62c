"""Places under the join cap (attendance.py): the number of people present (`d`) caps new phones at that number plus
a small margin; a phone gone for PLACE_SECONDS (no stream, no request) no longer holds a place, so someone who lost
their cookie gets back in; a refused phone is told what to do. The flood protection stays: the cap, the ceiling."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, FakeClock
from workshop.core.attendance import (
    DEFAULT_MAX_PARTICIPANTS,
    JOINED_CEILING,
    PLACE_SECONDS,
    PRESENT_SECONDS,
    STRAY_SECONDS,
    UNCONFIRMED_SECONDS,
    room_margin,
)
from workshop.core.errors import DomainError
from workshop.core.ports import MemoryStore
from workshop.core.script import load_script
from workshop.core.session import SessionService


def start(clock: FakeClock) -> SessionService:
    script = load_script(FIXTURES / "mini.md")
    return SessionService.start(script, team="T", store=MemoryStore(), session_id="s", clock=clock)


def test_the_people_present_cap_new_phones_at_that_number_and_a_small_margin() -> None:
    service = start(FakeClock())
    assert service.join_cap == DEFAULT_MAX_PARTICIPANTS  # nobody counted yet: sized for a care team and more
    service.set_details(headcount=12)
    assert room_margin(12) == 3 and service.join_cap == 15  # one phone each, and a few to spare (a lost cookie)
    service.set_details(headcount=100)
    assert service.join_cap == 120  # a fifth to spare in a big room
    service.set_join_limit(300)  # --max-participants: a plenary's own cap
    assert service.join_cap == 300
    service.set_join_limit(50)
    assert service.join_cap == 120  # the room the facilitator counted is bigger: it may all join


def test_a_phone_gone_for_a_while_frees_its_place_so_a_lost_cookie_gets_back_in() -> None:
    clock = FakeClock()
    service = start(clock)
    service.set_join_limit(3)
    here, streaming, lost = service.join(), service.join(), service.join()
    service.phone_connected(streaming.id)
    for phone in (here, lost):
        service.phone_seen(phone.id)
    with pytest.raises(DomainError) as err:  # full: someone whose cookie is gone cannot join yet
        service.join()
    assert err.value.code == "session.full"
    assert "vraag de begeleider om je erbij te laten." in err.value.text()
    clock.advance(seconds=PLACE_SECONDS - 1)
    service.phone_seen(here.id)
    with pytest.raises(DomainError):
        service.join()
    clock.advance(seconds=2)  # `lost` asked nothing for PLACE_SECONDS and has no stream: its place is free
    back = service.join()  # the same person, on a new cookie
    service.phone_seen(back.id)
    assert service.phones_present == 4  # `lost` still counts as here for the progress lines, for a while
    clock.advance(seconds=PRESENT_SECONDS)
    service.phone_seen(here.id), service.phone_seen(back.id)
    assert service.phones_present == 3
    assert service.join(lost.id) == lost  # and the old cookie, should it turn up, is the same participant


def test_a_flood_is_still_capped_at_once_and_in_all() -> None:
    clock = FakeClock()
    service = start(clock)
    service.set_join_limit(5)
    joined = 0
    for _ in range(JOINED_CEILING * 2):  # waves that confirm their cookie, then go quiet just long enough
        for _ in range(20):
            try:
                service.phone_seen(service.join().id)
                joined += 1
            except DomainError:
                pass
        clock.advance(seconds=PLACE_SECONDS + 1)
    assert joined == JOINED_CEILING * 5 == service.phones_joined


def test_a_full_session_of_joins_no_page_followed_tells_the_facilitator_so() -> None:
    """Trial: 300 requests of the join link held the places of a session while 4 phones were here; the facilitator
    read only "De sessie is vol". The warning now says how many places such joins hold, and that they come free."""
    from workshop.core import events as ev

    clock = FakeClock()
    service = start(clock)
    heard: list[ev.Event] = []
    service.subscribe(heard.append)
    here = [service.join() for _ in range(4)]
    for phone in here:
        service.phone_seen(phone.id)  # real phones: they open their page
    for _ in range(DEFAULT_MAX_PARTICIPANTS - 4):
        service.join()  # a script: never comes back with its cookie
    clock.advance(seconds=STRAY_SECONDS)  # a phone would have opened its page by now
    with pytest.raises(DomainError, match="vol"):
        service.join()
    warning = next(e for e in heard if isinstance(e, ev.JoinWarning) and e.reason == "full")
    assert warning.held == DEFAULT_MAX_PARTICIPANTS - 4
    said = warning.text("nl")
    assert f"{DEFAULT_MAX_PARTICIPANTS - 4} plekken daarvan houden aanmeldingen vast" in said
    assert "binnen een minuut vrij" in said and "within a minute" in warning.text("en")


def test_a_flood_is_named_in_the_first_full_warning_and_a_smaller_number_present_locks_nobody_out() -> None:
    """Re-trial: 100 requests of the link in a second; the first "vol" came while they were seconds old, so it did not
    say they held the places, and its advice (d) lowered the cap below the joins the flood had made: every new phone
    then heard "geen nieuwe telefoons meer". A flood holding most places is named at once, and the ceiling on joins
    in all never drops below that of the default cap because a number present was typed in."""
    from workshop.core import events as ev

    clock = FakeClock()
    service = start(clock)
    heard: list[ev.Event] = []
    service.subscribe(heard.append)
    for _ in range(DEFAULT_MAX_PARTICIPANTS):
        service.join()  # a script, all within the same second
    with pytest.raises(DomainError, match="vol"):
        service.join()
    warning = next(e for e in heard if isinstance(e, ev.JoinWarning) and e.reason == "full")
    assert warning.held == DEFAULT_MAX_PARTICIPANTS
    service.set_details(headcount=8)  # 11 phones at once now
    clock.advance(seconds=UNCONFIRMED_SECONDS + 1)  # the flood's places come free
    phone = service.join()  # a person: let in, not "no more phones"
    service.phone_seen(phone.id)
    assert service.phones_joined == DEFAULT_MAX_PARTICIPANTS + 1
