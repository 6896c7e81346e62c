"""A phone's card is stored and acknowledged even when a session listener fails on it afterwards."""

from __future__ import annotations

from tests.web.conftest import MANTELZORG
from workshop.core import events as ev

SECRET = "Meneer Bakker op kamer 4 wil vaker bellen"


async def test_a_failing_listener_does_not_turn_a_stored_card_into_an_error(serve, caplog):
    served = await serve(MANTELZORG)
    served.go("drempels")

    def broken_screen(event: ev.Event) -> None:  # a real listener with a bug, as a front end could have
        if isinstance(event, ev.ContributionAdded):
            raise KeyError(event.card.text)

    served.service.subscribe(broken_screen)
    phone = await served.phone()
    async with phone.http.post(
        f"{served.base}/s/{served.token}/card",
        data={"csrf": (page := await phone.page()).hidden("csrf"), "step": page.hidden("step"), "text": SECRET},
        allow_redirects=False,
    ) as response:
        assert response.status == 303  # acknowledged: the card is on disk
        assert "?ok=card&c=" in response.headers["Location"]
    assert [c.text for c in served.stored().cards("drempels")] == [SECRET]
    assert (await phone.page()).status == 200 and SECRET in (await phone.page()).text
    assert "KeyError" in caplog.text and "Bakker" not in caplog.text
