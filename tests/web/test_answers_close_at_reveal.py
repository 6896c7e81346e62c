"""Once a rating step's results are shown, answering stops until the facilitator hides them again (trial, issue 13:
a late or changed answer moved the revealed counts on the beamer by one, which told the room whose it was, while
phones kept the counts of the moment they loaded). Real server, real session file, phones over HTTP."""

from __future__ import annotations

import html
import re

import pytest

from tests.faulty_store import disk_refused
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


async def test_answers_refused_after_the_reveal_are_listed_on_the_refusal(serve):
    """Issue 13: without JavaScript, answers ticked but not yet saved when the results were shown were refused
    ("antwoorden kan nu niet meer") and gone without a word. The refusal lists each one, as a card's unsent text."""
    served = await serve(MANTELZORG)
    served.go("drempelcheck")
    phone = await served.phone()
    form = await phone.page()  # ticked on this page, "Opslaan" not pressed yet
    served.service.reveal()
    late = await phone.post("rate", {"s2": "groen", "s0": "rood"}, form_from=form)
    assert late.status == 409
    statements = served.service.state.script.step("drempelcheck").rated_statements
    box = late.error or ""
    assert box.startswith("De uitslag is al getoond: antwoorden kan nu niet meer")
    assert "Deze antwoorden zijn niet opgeslagen:" in box
    listed = re.findall(r"<li>(.*?)</li>", box, re.S)
    assert [html.unescape(item) for item in listed] == [
        f"1. {statements[0]}<br>Jouw antwoord: 🔴 ontbreekt",
        f"3. {statements[2]}<br>Jouw antwoord: 🟢 geregeld en werkt",
    ]
    assert "Deze antwoorden tellen niet mee in de uitslag. Niemand anders ziet ze." in box
    assert served.stored().ratings == ()

    # One answer, and the session closed meanwhile: told in the singular.
    served.service.reveal(revealed=False)
    form = await phone.page()
    served.service.close_session()
    closed = await phone.post("rate", {"s1": "oranje"}, form_from=form)
    assert closed.status == 409 and "Dit antwoord is niet opgeslagen:" in (closed.error or "")
    assert f"2. {statements[1]}" in closed.text and "Dit antwoord telt niet mee in de uitslag." in closed.text


async def test_answers_the_disk_refused_stay_chosen_and_marked_unsaved(serve):
    """A rating the disk refused (503) was shown with the old answers, the new choices gone; now they stay chosen
    and each says "Niet opgeslagen", to send again."""
    served = await serve(MANTELZORG, faulty=True)
    served.go("drempelcheck")
    phone = await served.phone()
    with served.store.refusing(disk_refused(28)):
        refused = await phone.post("rate", {"s0": "rood"})
    assert refused.status == 503 and refused.error == "Niet opgeslagen. Probeer het opnieuw."
    assert re.search(r'value="rood" checked id="s0-rood"', refused.text)
    assert re.search(r'id="s0".*?<p class="state bad">Niet opgeslagen</p>', refused.text, re.S)
