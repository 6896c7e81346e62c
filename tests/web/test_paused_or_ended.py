"""What an open phone page is told when the phones' server stops: a session the facilitator only left (`q`, Esc,
`workshop serve` stopped) is paused and resumes later, so the page says so and waits; only a closed session has
ended. Real server on a real port, the stream and the poll alike."""

from __future__ import annotations

import asyncio

from tests.web.conftest import MANTELZORG
from tests.web.test_live import Events
from workshop.web.server import WEB

PAUSED = (
    "De begeleider heeft de sessie gepauzeerd. Wat je al verstuurd hebt, is bewaard. "
    "Deze pagina gaat verder zodra de sessie weer open is."
)
ENDED = "De sessie is afgelopen. Bedankt voor het meedoen!"


async def told_by_stream(served) -> str:
    """Stop the server with one phone's stream open; return the 'ended' event's text."""
    phone = await served.phone()
    stream = await Events.open(served, phone)
    await served.server.stop()
    while await stream.line() != "event: ended":
        pass
    data = await stream.line()
    stream.close()
    return data.removeprefix("data: ")


async def told_by_poll(served, phone=None) -> str:
    """Stop the server with a phone's poll waiting; return what the poll answers after "ended"."""
    phone = phone or await served.phone()
    mark = served.server.app[WEB].hub.mark(served.service.state.version)
    waiting = asyncio.create_task(phone.get(f"/s/{served.token}/version?wait=1&v={mark}"))
    await asyncio.sleep(0.2)
    await served.server.stop()
    answer = await asyncio.wait_for(waiting, 5)
    head, _, text = answer.text.partition("\n")
    assert head == "ended"
    return text


async def test_leaving_an_open_session_tells_a_streaming_phone_it_is_paused(serve):
    served = await serve(MANTELZORG)
    assert await told_by_stream(served) == PAUSED


async def test_leaving_an_open_session_tells_a_polling_phone_it_is_paused(serve):
    served = await serve(MANTELZORG)
    assert await told_by_poll(served) == PAUSED


async def test_a_closed_session_has_ended(serve):
    served = await serve(MANTELZORG)
    phone = await served.phone()
    served.service.close_session()
    assert await told_by_poll(served, phone) == ENDED


async def test_the_pause_is_said_in_english_too(serve):
    served = await serve(MANTELZORG, lang="en")
    text = await told_by_stream(served)
    assert text.startswith("The facilitator has paused the session."), text
