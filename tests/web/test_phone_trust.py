"""What the phone shows is what is stored (user trial "phone trust"): real Chromium, a real server on a real port."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.web.browser import assert_accessible, browser, expect, joined, needs_chromium, phone, shoot
from tests.web.conftest import INCIDENT, MANTELZORG
from workshop.web.server import WEB

pytestmark = [needs_chromium, pytest.mark.slow]  # real browsers
__all__ = ["browser"]  # the fixture, used by name

VALUES = ("groen", "oranje", "rood", "onbekend")


async def _visible_answers(page) -> dict[int, tuple[str | None, str]]:
    """Per statement: the radio the phone shows checked, and the words under it ("✓ Opgeslagen", ...)."""
    return await page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll("form.rate fieldset")].map(f => [
            Number(f.id.slice(1)),
            [(f.querySelector("input:checked") || {}).value || null, f.querySelector(".state").textContent.trim()]]))"""
    )


async def test_fast_taps_on_a_long_rating_are_all_stored_and_shown_as_stored(serve, browser):
    """21 statements tapped 60 ms apart (twice: the second round changes some): every choice stored, none lost."""
    served = await serve(MANTELZORG, clock=time.monotonic)  # the real rate limit, in real time
    page = await joined(served, browser, "drempelcheck")
    await expect(page.locator("form.rate fieldset")).to_have_count(21)
    answers = []  # what the server said to each request from here on
    page.on("response", lambda r: answers.append((r.request.method, r.status)))
    chosen: dict[int, str] = {}
    taps = []
    for index in range(21):
        taps.append((index, VALUES[index % 4]))
    for index in range(0, 21, 3):  # changing one's mind, just as fast: the newest choice counts
        taps.append((index, VALUES[(index + 1) % 4]))
    chosen = dict(taps)
    # Taps 60 ms apart, timed in the page (Playwright's own clicks wait for each other and are slower).
    await page.evaluate(
        """async taps => { for (const [i, v] of taps) {
            document.querySelector(`label:has(#s${i}-${v})`).click();
            await new Promise(done => setTimeout(done, 60)); } }""",
        [[i, v] for i, v in taps],
    )
    voter = served.service.state.participants[0].id

    def stored() -> dict[int, str]:
        return served.service.answers_of(voter, "drempelcheck")

    # Every tap is stored in the end, by the page's own saving (no "Antwoorden opslaan" needed) ...
    for _ in range(200):
        if stored() == chosen:
            break
        await asyncio.sleep(0.05)
    assert stored() == chosen
    # ... and every statement shows what is stored, saved.
    await expect(page.locator("form.rate .state", has_text="Opgeslagen")).to_have_count(21)
    shown = await _visible_answers(page)
    assert {int(i): v for i, (v, _) in shown.items()} == chosen
    assert all(words == "✓ Opgeslagen" for _, words in shown.values()), shown
    await expect(page.locator("#ingevuld")).to_contain_text("21 van 21 ingevuld")
    posts = [status for method, status in answers if method == "POST"]
    # Far fewer posts than the 28 taps: they went together (about 6 on a quiet machine; a busy one answers each
    # post later, so more taps wait for the next one, but never one post per tap).
    assert 429 not in [s for _, s in answers] and len(posts) <= 14, str(answers)

    # Nothing left to press (the trial pressed "Antwoorden opslaan" after its last tap): the form says every choice
    # saves by itself; its button is for phones without JavaScript, and for trying again what was not saved.
    await expect(page.get_by_role("button", name="Antwoorden opslaan")).to_have_count(0)
    await expect(page.locator("#meteen")).to_have_text("Elke keuze wordt meteen opgeslagen.")
    assert stored() == chosen
    await assert_accessible(page, "a long rating saved after fast taps")


async def test_a_phone_over_its_budget_keeps_what_it_sent_and_has_a_way_back(serve, browser):
    """Over the request budget: the questions again, with the answers and the text still in them, never a dead end."""
    served = await serve(MANTELZORG, rate=10.0, burst=6)  # the ticker stands still: no token comes back
    served.go("drempelcheck")
    phone_ = await served.phone()
    form = await phone_.page()
    while (await phone_.page()).status != 429:
        pass
    over = await phone_.page()  # a page that says why, with a way back
    assert over.status == 429 and "Even rustig aan" in over.text and "Terug naar de vragen" in over.text
    sent = await phone_.post("rate", {"s0": "rood", "s4": "groen"}, form_from=form)
    assert sent.status == 429 and sent.error is not None and "Even rustig aan" in sent.error
    assert 'value="rood" checked id="s0-rood"' in sent.text and 'value="groen" checked id="s4-groen"' in sent.text
    assert sent.text.count('<p class="state bad">Niet opgeslagen</p>') == 2
    assert served.service.state.ratings == ()
    served.go("drempels")
    sent = await phone_.post("card", {"text": "Nog niet bewaard", "step": "drempels"}, form_from=form)
    assert sent.status == 429 and ">Nog niet bewaard</textarea>" in sent.text
    assert served.service.state.cards("drempels") == ()

    # The same pages in Chromium (JavaScript off, like the trial's "Antwoorden opslaan"): WCAG 2.2 AA.
    served.ticker.now += 100
    page, checker = await joined(served, browser, "drempelcheck", js=False), await phone(browser)
    await page.locator("label:has(#s2-oranje)").click()
    served.server.app[WEB].limiter.burst = 0  # from here on every request is over budget
    await page.get_by_role("button", name="Antwoorden opslaan").click()
    await expect(page.locator("#melding")).to_contain_text("Even rustig aan")
    await expect(page.locator("#s2-oranje")).to_be_checked()
    await expect(page.locator("#s2 .state")).to_have_text("Niet opgeslagen")
    await assert_accessible(page, "a rating over the budget, kept", checker)
    await page.get_by_role("link", name="Vernieuwen").click()
    await expect(page.get_by_role("link", name="Terug naar de vragen")).to_be_visible()
    await assert_accessible(page, "a page over the budget", checker)


async def test_the_author_sees_what_the_facilitator_did_to_their_cards(serve, browser):
    """A hidden card stays in "Dit heb jij gestuurd", said to be hidden, no Aanpassen/Intrekken; an edit is noted."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "drempels")
    for text in ("Mijn buurvrouw kijkt mee", "De bus rijdt niet"):
        await page.fill("textarea", text)
        await page.get_by_role("button", name="Versturen").click()
        await expect(page.locator("ul.mine li", has_text=text)).to_be_visible()
    hidden, edited = served.service.state.cards("drempels")
    served.service.hide_contribution(hidden.id)  # live: the page follows without a reload
    served.service.edit_contribution(edited.id, "De bus rijdt niet op zondag")
    mine = page.locator(f"#kaart-{hidden.id}")
    await expect(mine).to_contain_text("Verborgen door de begeleider: de groep ziet dit niet.")
    await expect(mine.get_by_role("button")).to_have_count(0)
    await expect(mine.get_by_role("link")).to_have_count(0)
    changed = page.locator(f"#kaart-{edited.id}")
    await expect(changed).to_contain_text("De bus rijdt niet op zondag")
    await expect(changed).to_contain_text("Aangepast door de begeleider.")
    await assert_accessible(page, "own cards hidden and changed by the facilitator")
    await page.get_by_role("link", name="English").click()
    await expect(mine).to_contain_text("Hidden by the facilitator: the group does not see this.")
    await expect(changed).to_contain_text("Changed by the facilitator.")


async def test_text_typed_when_the_session_closes_is_shown_as_not_sent(serve, browser):
    """The facilitator closes the session (`s`) while someone types: the text is shown, said to be not sent."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page, plain = await joined(served, browser, "drempels"), await joined(served, browser, "drempels", js=False)
    checker = await phone(browser)
    await page.fill("textarea", "Een zin die nog niet af is")
    await plain.fill("textarea", "Ook niet af")
    served.service.close_session()

    # With JavaScript the page follows once the person stops typing (the focus still in the text field).
    await expect(page.locator("textarea")).to_have_count(0)
    box = page.locator("#concept .box.warn")
    await expect(box).to_contain_text("Je tekst is niet verstuurd, de sessie is afgelopen:")
    await expect(box.locator("blockquote")).to_have_text("Een zin die nog niet af is")
    await expect(box.get_by_role("button", name="Weggooien")).to_be_visible()
    await assert_accessible(page, "text kept after the session closed")

    # Without it, sending says so and shows the text.
    await plain.get_by_role("button", name="Versturen").click()
    await expect(plain.locator("#melding")).to_contain_text("Je tekst is niet verstuurd, de sessie is afgelopen:")
    await expect(plain.locator("#melding blockquote")).to_have_text("Ook niet af")
    await assert_accessible(plain, "text not sent to a closed session", checker)
    assert served.service.state.cards("drempels") == ()


async def test_the_live_status_line_forgets_the_last_step_when_the_step_changes(serve, browser):
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "drempels")
    await page.fill("textarea", "De bus rijdt niet")
    await page.get_by_role("button", name="Versturen").click()
    await expect(page.locator("#live")).to_have_text("Verstuurd. Je kunt er nog een sturen.")
    served.go("drempelcheck")
    await expect(page.locator("h1")).to_have_text(served.service.state.step.title)
    await expect(page.locator("#live")).to_have_text("")


async def test_a_score_only_close_step_promises_no_written_comment(serve):
    """The incident script's closing score: the phone has no text field, so the prompt says how to comment instead."""
    served = await serve(INCIDENT)
    served.go("hoe-veilig-voelde-dit-gesprek")
    phone_ = await served.phone()
    shown = await phone_.page()
    assert shown.status == 200 and "<textarea" not in shown.text and 'name="s0"' in shown.text
    assert "ook anoniem" not in shown.text
    assert "Dat mag hardop; de begeleider schrijft het op." in shown.text


async def test_answers_still_on_their_way_when_the_room_moves_on_are_listed_not_lost(serve, browser):
    """User trial: answers tapped while the laptop was slow to store them vanished when the facilitator moved on.
    Now the next page lists them ("Deze antwoorden zijn niet opgeslagen, de begeleider is doorgegaan:") until the
    person says they read it; an answer stored in time is not listed."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "drempelcheck")
    await expect(page.locator("form.rate fieldset")).to_have_count(21)
    held: asyncio.Queue = asyncio.Queue()  # a slow network: the rating posts wait until the test lets them go
    await page.route("**/rate", held.put)
    await page.locator("label:has(#s0-rood)").click()  # on its way
    await expect(page.locator("#s0 .state")).to_have_text("Bezig met opslaan…")
    await page.locator("label:has(#s2-groen)").click()  # waits for the first post
    first = await asyncio.wait_for(held.get(), 10)
    served.go("rood-of-oneens")  # the facilitator moves on
    await expect(page.locator("h1")).to_have_text("Rood of oneens")
    lost = page.locator("#onbewaard")
    await expect(lost.locator("li")).to_have_count(1)  # the waiting one at once; the one on its way is not known yet
    await first.continue_()  # it arrives too late: refused, so listed as well
    await page.unroute("**/rate")
    await expect(lost.locator("p").first).to_have_text(
        "Deze antwoorden zijn niet opgeslagen, de begeleider is doorgegaan:"
    )
    statements = served.service.state.script.step("drempelcheck").rated_statements
    await expect(lost.locator("li")).to_have_text(  # in the statements' order, as the page asked them
        [f"1. {statements[0]}Jouw antwoord: 🔴 ontbreekt", f"3. {statements[2]}Jouw antwoord: 🟢 geregeld en werkt"]
    )
    await expect(lost).to_contain_text("Deze antwoorden tellen niet mee in de uitslag. Niemand anders ziet ze.")
    voter = served.service.state.participants[0].id
    assert served.service.answers_of(voter, "drempelcheck") == {}
    await page.evaluate("window.scrollTo(0, 0)")
    await shoot(page, "trust-antwoorden-niet-opgeslagen")
    await assert_accessible(page, "answers the room moved on from")
    await page.reload()  # still there after a reload, until read
    await expect(lost.locator("li")).to_have_count(2)
    await page.get_by_role("button", name="Begrepen").click()
    await expect(lost).to_have_count(0)
    await page.reload()
    await expect(page.locator("h1")).to_have_text("Rood of oneens")
    await expect(lost).to_have_count(0)

    # An answer on its way that is stored before the step changes is stored: nothing to list.
    served.go("drempelcheck")
    await expect(page.locator("h1")).to_have_text("Drempelcheck")
    await page.route("**/rate", held.put)
    await page.locator("label:has(#s5-oranje)").click()
    await (await asyncio.wait_for(held.get(), 10)).continue_()
    await page.unroute("**/rate")
    await expect(page.locator("#s5 .state")).to_have_text("✓ Opgeslagen")
    served.go("rood-of-oneens")
    await expect(page.locator("h1")).to_have_text("Rood of oneens")
    await expect(lost).to_have_count(0)
    assert served.service.answers_of(voter, "drempelcheck") == {5: "oranje"}
