"""Phones that left do not count (user trial): the join cap and the counts are about the phones here now, an open
live stream or a request within PRESENT_SECONDS; a phone that comes back with its cookie is the same participant and
never refused; a flood of the join link is still stopped. Real server on a real port, phones over HTTP."""

from __future__ import annotations

import re

import aiohttp

from tests.web.conftest import MANTELZORG
from tests.web.test_live import Events
from tests.web.test_write_behind import until
from workshop.core.attendance import PRESENT_SECONDS, UNCONFIRMED_SECONDS
from workshop.web.server import WEB


async def test_the_cap_counts_phones_here_now_and_a_phone_that_left_comes_back_as_itself(serve):
    served = await serve(MANTELZORG, max_participants=2, heartbeat=0.05)  # a closed page is noticed at once
    service = served.service
    streaming, left = await served.phone(), await served.phone()
    full = await (await served.phone(join=False)).join()
    assert full.status == 409 and "er kunnen hooguit 2 telefoons tegelijk meedoen" in full.text
    stream = await Events.open(served, streaming)  # this page stays open: here however quiet it is

    served.clock.advance(seconds=PRESENT_SECONDS + 1)  # `left` asked nothing since: gone
    assert service.phones_present == 1 and service.phones_joined == 2
    newcomer = await served.phone()  # joins: there is room for someone who is here
    assert service.phones_present == 2 and service.phones_joined == 3
    flood = [await (await served.phone(join=False)).join() for _ in range(30)]
    assert {page.status for page in flood} == {409}, "the cap still stops a flood of the join link"
    assert service.phones_joined == 3

    back = await left.page()  # the phone that left comes back with its cookie: the same participant, never refused
    assert back.status == 200 and left.pid in service.present()
    rejoined = await left.join()  # (its QR code scanned again: the same)
    assert rejoined.status == 200 and service.phones_present == 3 and service.phones_joined == 3

    stream.close()  # the streaming phone's page closes (or its screen locks): here a while more, then gone
    await until(lambda: len(served.server.app[WEB].hub) == 0, "the server noticed the page closed")
    served.clock.advance(seconds=PRESENT_SECONDS - 1)
    await newcomer.page()
    await left.page()
    assert service.phones_present == 3
    served.clock.advance(seconds=2)
    assert service.phones_present == 2
    assert streaming.pid not in service.present()


async def test_a_join_without_a_kept_cookie_is_no_phone_in_the_room(serve):
    """Issue 13: with two real phones the facilitator read '3 telefoons doen mee', and it stayed so: a `curl` of
    the join link made a participant who never came back. A phone counts from its first request with the cookie the
    join gave it; a join without one only holds a place under the cap for UNCONFIRMED_SECONDS (a flood stays capped).
    """
    served = await serve(MANTELZORG, max_participants=4)
    service = served.service
    phones = [await served.phone(), await served.phone()]  # real browsers follow the join's redirect with the cookie
    assert service.phones_present == 2
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as curl:  # keeps no cookie
        async with curl.get(f"{served.base}/j/{served.token}", allow_redirects=False) as joined:
            assert joined.status == 303  # `curl <link>`: a participant is made, and never heard from again
        async with curl.get(f"{served.base}/j/{served.token}") as followed:
            assert followed.status == 403  # `curl -L <link>`: the page says cookies are needed
            assert "Je browser bewaart geen cookies" in await followed.text()
        assert service.phones_joined == 4
        assert service.phones_present == 2, "a join never followed up with its cookie is no phone in the room"
        assert service.present() == {p.pid for p in phones}
        async with curl.get(f"{served.base}/j/{served.token}", allow_redirects=False) as flood:
            assert flood.status == 409, "joins without a cookie still fill the cap for a while: a flood is capped"
        served.clock.advance(seconds=UNCONFIRMED_SECONDS)
        assert service.phones_present == 2
        third = await served.phone()  # their places are free again: a real phone gets in, and counts at once
        assert service.phones_present == 3 and third.pid in service.present()
        served.clock.advance(seconds=PRESENT_SECONDS + 1)
        await phones[0].page()
        assert service.present() == {phones[0].pid}


def _csrf(page) -> str:
    """The page's own CSRF token, as its script sends it when the page is closed (data-csrf)."""
    match = re.search(r'data-csrf="([^"]+)"', page.text)
    assert match, "the page carries its token for the beacon"
    return match.group(1)


async def test_a_page_that_says_it_was_closed_stops_counting_at_once(serve):
    """A trial: '3 telefoons doen mee' stayed for five minutes after a phone closed its page. The page now says so
    when it is closed (pagehide, navigator.sendBeacon); a locked screen says nothing and still counts."""
    served = await serve(MANTELZORG, heartbeat=0.05)  # a closed stream is noticed at once
    service = served.service
    closing, streaming, locked = await served.phone(), await served.phone(), await served.phone()
    assert service.phones_present == 3
    page = await closing.page()
    assert 'data-left="/s/' in page.text
    bye = await closing.raw_post("left", f"csrf={_csrf(page)}")
    assert bye.status == 204 and service.phones_present == 2 and closing.pid not in service.present()

    streams = await Events.open(served, streaming), await Events.open(served, locked)
    page = await streaming.page()
    assert (await streaming.raw_post("left", f"csrf={_csrf(page)}")).status == 204
    assert streaming.pid in service.present(), "its live stream is still open: here until that closes"
    for stream in streams:  # the closed page's stream, and the stream of a phone whose screen locked
        stream.close()
    await until(lambda: len(served.server.app[WEB].hub) == 0, "the server noticed both streams closed")
    assert service.present() == {locked.pid}, "the locked phone comes back by itself: it still counts"

    again = await closing.page()  # the closed page opened again: here again, as itself
    assert again.status == 200 and closing.pid in service.present()


async def test_a_closed_page_needs_its_own_token_and_cookie(serve):
    served = await serve(MANTELZORG)
    service = served.service
    phone, other = await served.phone(), await served.phone()
    forged = await phone.raw_post("left", f"csrf={_csrf(await other.page())}")  # another phone's token
    assert forged.status == 403 and phone.pid in service.present()
    stranger = await (await served.phone(join=False)).raw_post("left", f"csrf={_csrf(await phone.page())}")
    assert stranger.status == 403 and service.phones_present == 2
