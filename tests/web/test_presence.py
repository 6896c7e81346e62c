"""Phones that left do not count (user trial): the join cap and the counts are about the phones here now, an open
live stream or a request within PRESENT_SECONDS; a phone that comes back with its cookie is the same participant and
never refused; a flood of the join link is still stopped. Real server on a real port, phones over HTTP."""

from __future__ import annotations

from tests.web.conftest import MANTELZORG
from tests.web.test_live import Events
from tests.web.test_write_behind import until
from workshop.core.attendance import PRESENT_SECONDS
from workshop.web.server import WEB


async def test_the_cap_counts_phones_here_now_and_a_phone_that_left_comes_back_as_itself(serve):
    served = await serve(MANTELZORG, max_participants=2, heartbeat=0.05)  # a closed page is noticed at once
    service = served.service
    streaming, left = await served.phone(), await served.phone()
    full = await (await served.phone(join=False)).join()
    assert full.status == 409 and "Er doen al 2 telefoons mee" in full.text
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
