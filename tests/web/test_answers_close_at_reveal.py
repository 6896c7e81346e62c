"""Once a rating step's results are shown, answering stops until the facilitator hides them again (trial, issue 13:
a late or changed answer moved the revealed counts on the beamer by one, which told the room whose it was, while
phones kept the counts of the moment they loaded). Real server, real session file, phones over HTTP."""

from __future__ import annotations

import pytest

from tests.web.conftest import MANTELZORG
from workshop.core.errors import DomainError


async def test_after_the_reveal_a_phone_cannot_answer_and_is_told_why(serve):
    served = await serve(MANTELZORG)
    served.go("drempelcheck")
    phones = [await served.phone() for _ in range(4)]
    for phone, value in zip(phones[:3], ("groen", "groen", "oranje"), strict=True):
        assert (await phone.post("rate", {"s0": value})).status == 200
    # Pages loaded before the reveal: the fourth phone's questions, the first phone's own answers.
    form, own = await phones[3].page(), await phones[0].page()
    served.service.reveal()
    shown = served.service.room_results()
    page = await phones[3].page()
    assert "De uitslag is getoond: antwoorden kan nu niet meer." in page.text
    assert 'action="/s/' + served.token + '/rate"' not in page.text  # no answer form offered
    late = await phones[3].post("rate", {"s0": "rood"}, form_from=form)
    changed = await phones[0].post("rate", {"s0": "rood"}, form_from=own)
    for answer in (late, changed):
        assert answer.status == 409
        assert "De uitslag is al getoond: antwoorden kan nu niet meer, tot de begeleider" in answer.text
    assert served.service.room_results() == shown  # the room's counts did not move
    assert sorted(r.value for r in served.stored().ratings if r.statement == 0) == ["groen", "groen", "oranje"]
    with pytest.raises(DomainError) as refused:  # the facilitator's entry for someone without a phone too
        served.service.rate(0, "rood", voter=phones[3].pid or "", via="proxy")
    assert refused.value.code == "rate.revealed"

    served.service.reveal(revealed=False)  # hidden again: answering reopens
    assert (await phones[3].post("rate", {"s0": "rood"})).status == 200
    assert "rood" in [r.value for r in served.stored().ratings if r.statement == 0]
