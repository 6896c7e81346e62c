"""Phones never tell a participant something false (issue 13, the leftovers of using them as a participant would):
one real-Chromium test per finding at 360 px, JavaScript on and off where it matters, axe-core on what changed."""

from __future__ import annotations

import time

import pytest

from tests.web.browser import assert_accessible, browser, expect, joined, needs_chromium, phone, shoot
from tests.web.conftest import MANTELZORG

pytestmark = [needs_chromium, pytest.mark.slow]  # real browsers
__all__ = ["browser"]  # the fixture, used by name


async def test_answers_ticked_but_not_saved_when_the_results_are_shown_are_listed(serve, browser):
    """Without JavaScript an answer is only sent by "Antwoorden opslaan". Ticked, not sent, and the facilitator
    showed the results (r): the refusal said "antwoorden kan nu niet meer" and the ticks were gone without a word.
    Now it lists what was not saved, as a card's text the room moved on from ("Je tekst is niet verstuurd…")."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "drempelcheck", js=False)
    await page.locator("label:has(#s0-rood)").click()
    await page.locator("label:has(#s2-groen)").click()
    served.service.reveal()
    await page.get_by_role("button", name="Antwoorden opslaan").click()
    box = page.locator("#melding")
    await expect(box).to_contain_text("De uitslag is al getoond: antwoorden kan nu niet meer")
    await expect(box.locator("p").first).to_have_text("Deze antwoorden zijn niet opgeslagen:")
    statements = served.service.state.script.step("drempelcheck").rated_statements
    await expect(box.locator("li")).to_have_text(
        [f"1. {statements[0]}Jouw antwoord: 🔴 ontbreekt", f"3. {statements[2]}Jouw antwoord: 🟢 geregeld en werkt"]
    )
    await expect(box).to_contain_text("Deze antwoorden tellen niet mee in de uitslag. Niemand anders ziet ze.")
    await expect(page.locator(".box.ok")).to_have_count(0)
    await shoot(page, "leftovers-1-antwoorden-na-uitslag")
    await assert_accessible(page, "answers refused after the reveal, listed", await phone(browser))
    assert served.stored().ratings == ()


@pytest.mark.parametrize("js", [True, False])
async def test_the_role_chosen_is_confirmed_and_can_be_changed_while_allowed(serve, browser, js):
    """A script's role question (`roles:`) gave no sign of the answer. Now the page says "Je doet mee als: …" (the
    live region says it too), with a way to change it until the person gives answers."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await phone(browser, js=js)
    await page.goto(served.server.url)
    question = page.get_by_role("region", name="Wat is je rol?")
    await question.get_by_text("mantelzorger of naaste").click()
    await question.get_by_role("button", name="Verder").click()
    said = page.locator("#rol")
    await expect(said).to_have_text("Je doet mee als: mantelzorger of naaste Rol veranderen")
    await expect(said).to_have_attribute("role", "status")
    await expect(said).to_have_class("box ok")
    await expect(page.get_by_role("region", name="Wat is je rol?")).to_have_count(0)
    if js:
        await expect(page.locator("#live")).to_have_text("Je doet mee als: mantelzorger of naaste")
        assert await page.evaluate("document.activeElement.id") == "rol-veranderen"
    await shoot(page, f"leftovers-3-rol-{'js' if js else 'nojs'}")
    await assert_accessible(page, "role confirmed", None if js else await phone(browser))

    await said.get_by_role("link", name="Rol veranderen").click()
    question = page.get_by_role("region", name="Wat is je rol?")
    await expect(question.get_by_label("mantelzorger of naaste")).to_be_checked()
    await assert_accessible(page, "role question to change it", None if js else await phone(browser))
    await question.get_by_text("medewerker").click()
    await question.get_by_role("button", name="Verder").click()
    await expect(said).to_have_text("Je doet mee als: medewerker Rol veranderen")
    if js:
        await expect(page.locator("#live")).to_have_text("Je doet mee als: medewerker")
    assert [p.role for p in served.stored().participants] == ["medewerker"]

    await page.goto(served.server.url)  # a later page: the role is still said, quietly
    await expect(said).to_have_class("role-line")
    await expect(said).not_to_have_attribute("role", "status")
    served.go("drempelcheck")
    await page.goto(served.server.url)
    await page.locator("label:has(#s0-groen)").click()
    if not js:
        await page.get_by_role("button", name="Antwoorden opslaan").click()
    await expect(page.locator("#s0 .state")).to_have_text("✓ Opgeslagen")
    await page.goto(served.server.url)  # an answer counts for the role now: it can no longer change
    await expect(said).to_have_text("Je doet mee als: medewerker")
    await expect(said.get_by_role("link")).to_have_count(0)


async def test_text_not_sent_is_shown_on_the_page_after_the_step_change_and_not_on_later_ones(serve, browser):
    """The box "Je tekst is niet verstuurd, de begeleider is doorgegaan: …" stayed on every later page until it was
    tapped away. It is shown on the page the room moved on to (also after live updates and a reload there), and is
    old news on the page after that; likewise the list of answers not stored."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "wat-ging-goed")
    other = await served.phone()
    await page.fill("textarea", "Een zin die nog niet af is")
    served.go("wat-zie-jij")
    await expect(page.locator("h1")).to_have_text("Wat zie jij?")
    box = page.locator("#concept .box.warn")
    await expect(box).to_contain_text("Je tekst is niet verstuurd, de begeleider is doorgegaan:")
    await expect(page.locator("#voortgang")).to_have_text("0 van 2 hebben iets gestuurd")
    await other.post("card", {"text": "Iets van een ander"})  # a live update of the same page: the box stays
    await expect(page.locator("#voortgang")).to_have_text("1 van 2 heeft iets gestuurd")
    await expect(box).to_have_count(1)
    await page.reload()  # and after a reload of it
    await expect(box.locator("blockquote")).to_have_text("Een zin die nog niet af is")
    served.go("drempelcheck")  # not dealt with, and the room moves on again: old news
    await expect(page.locator("h1")).to_have_text("Drempelcheck")
    await expect(page.locator("#concept .box")).to_have_count(0)
    await page.reload()
    await expect(page.locator("h1")).to_have_text("Drempelcheck")
    await expect(page.locator("#concept .box")).to_have_count(0)

    # Answers the room moved on from: listed on the next page, not on the one after.
    held = []  # a slow network: the answer never gets there in time
    await page.route("**/rate", lambda route: held.append(route))
    await page.locator("label:has(#s0-rood)").click()
    await expect(page.locator("#s0 .state")).to_have_text("Bezig met opslaan…")
    await page.locator("label:has(#s1-rood)").click()  # waits for the first post
    served.go("rood-of-oneens")
    await expect(page.locator("h1")).to_have_text("Rood of oneens")
    await expect(page.locator("#onbewaard li")).to_have_count(1)
    await held[0].abort()  # the first post fails at last: lost too, told on the page that is open now
    await page.unroute("**/rate")
    await expect(page.locator("#onbewaard li")).to_have_count(2)
    served.go("wat-zie-jij")
    await expect(page.locator("h1")).to_have_text("Wat zie jij?")
    await expect(page.locator("#onbewaard")).to_have_count(0)
    await page.reload()
    await expect(page.locator("#onbewaard")).to_have_count(0)
    await expect(page.locator("#concept .box")).to_have_count(0)
    await shoot(page, "leftovers-4a-later-pagina")


async def test_a_green_saved_never_shows_beside_answering_is_closed(serve, browser):
    """ "Je antwoorden zijn opgeslagen" (green) stayed beside "antwoorden kan nu niet meer" once the results were shown:
    a live update of the same step kept what the last form was told. Only while the page still asks the same."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "drempelcheck")
    await page.locator("label:has(#s0-groen)").click()
    await expect(page.locator("#gelukt")).to_have_text("Je antwoorden zijn opgeslagen.")
    await page.locator("label:has(#s1-oranje)").click()
    await expect(page.locator("#s1 .state")).to_have_text("✓ Opgeslagen")
    served.service.reveal()
    await expect(page.locator(".box.wait")).to_have_text(
        "De uitslag is getoond: antwoorden kan nu niet meer. Kijk mee op het scherm."
    )
    await expect(page.locator(".box.ok")).to_have_count(0)
    await expect(page.get_by_text("Opgeslagen", exact=False)).to_have_count(0)
    await shoot(page, "leftovers-4b-uitslag")
    await assert_accessible(page, "results shown after answers were saved")
