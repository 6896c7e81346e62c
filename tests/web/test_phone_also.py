"""The small findings of issue 13 ("Also:"), each in real Chromium: what the phone offers and says is true."""

from __future__ import annotations

import time

import pytest

from tests.web.browser import browser, expect, needs_chromium, phone, shoot, voting_room
from tests.web.conftest import MANTELZORG, VISIE

pytestmark = [needs_chromium, pytest.mark.slow]  # real browsers
__all__ = ["browser"]  # the fixture, used by name


@pytest.mark.parametrize("js", [True, False])
async def test_no_second_dot_is_offered_on_an_item_at_its_maximum(serve, browser, js):
    served = await serve(MANTELZORG, clock=time.monotonic)
    first, _ = voting_room(served, "Geen tijd", "Geen plek")
    page = await phone(browser, js=js)
    await page.goto(served.server.url)
    await page.locator(f"#add-{first}").click()
    await expect(page.locator("#stippen")).to_have_text("Je hebt nog 1 van de 2 stippen.")
    await expect(page.locator(f"#add-{first}")).to_be_disabled()
    await expect(page.locator(f"#item-{first}")).to_contain_text("meer kan hier niet")


async def test_a_tap_with_the_laptop_out_of_reach_says_so_and_keeps_the_text(serve, browser):
    served = await serve(MANTELZORG, clock=time.monotonic)
    first, _ = voting_room(served, "Geen tijd", "Geen plek")
    page = await phone(browser)
    await page.goto(served.server.url)
    # Out of reach: the phone's network is gone (a server that stops tells the page the session ended instead).
    await page.context.set_offline(True)
    await page.locator(f"#add-{first}").click()
    await expect(page.locator(f"#item-{first} #melding")).to_have_text(  # beside the item tapped
        "Geen verbinding met de laptop: niet opgeslagen. Probeer het zo opnieuw."
    )
    await expect(page.locator("#live")).to_contain_text("Geen verbinding met de laptop:")
    await shoot(page, "also-02-geen-verbinding")
    # A card too: the text stays where it was typed.
    served.go("drempels")
    await page.context.set_offline(False)
    await page.goto(served.server.url)
    await page.fill("textarea", "Nog niet weg")
    await page.context.set_offline(True)
    await page.get_by_role("button", name="Versturen").click()
    await expect(page.locator("#melding")).to_contain_text("Geen verbinding met de laptop.")
    await expect(page.locator("textarea#text")).to_have_value("Nog niet weg")


@pytest.mark.parametrize("js", [True, False])
async def test_an_old_confirmation_never_comes_back_on_reload(serve, browser, js):
    served = await serve(MANTELZORG, clock=time.monotonic)
    served.go("drempels")
    page = await phone(browser, js=js)
    await page.goto(served.server.url)
    await page.fill("textarea", "Eén kaartje")
    await page.get_by_role("button", name="Versturen").click()
    await expect(page.locator(".box.ok")).to_have_text("Verstuurd. Je kunt er nog een sturen.")
    if js:
        assert "ok=" not in page.url  # the address is clean: a reload asks only for the page
    served.go("wat-pakken-we-eerst-aan")
    await page.reload()
    await expect(page.locator("h1")).to_have_text("Wat pakken we eerst aan?")
    assert await page.locator(".box.ok").count() == 0


async def test_a_phone_that_lost_its_cookie_gets_back_in(serve, browser):
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await phone(browser, js=False)
    await page.goto(served.server.url)
    await expect(page.locator("h1")).to_have_text("Welkom en uitleg")
    assert "?j=" in page.url  # the address it bookmarks or reloads later
    base, _, joined = page.url.partition("?j=")
    await page.context.clear_cookies()
    await page.goto(f"{base}?j={int(joined) - 3600}")  # an hour later the cookie is gone: it joins again
    await expect(page.locator("h1")).to_have_text("Welkom en uitleg")
    assert len(served.service.state.participants) == 2
    await page.context.clear_cookies()
    # Right after joining, no cookie may mean a browser that keeps none: it says so, with a way back in.
    await page.goto(page.url)
    await expect(page.locator("[role=alert]")).to_contain_text("Je browser bewaart geen cookies")
    await page.get_by_role("link", name="Opnieuw meedoen").click()
    await expect(page.locator("h1")).to_have_text("Welkom en uitleg")


async def test_back_and_send_again_makes_no_second_card(serve, browser):
    served = await serve(MANTELZORG, clock=time.monotonic)
    served.go("drempels")
    page = await phone(browser, js=False)
    await page.goto(served.server.url)
    await page.fill("textarea", "Eén keer graag")
    await page.get_by_role("button", name="Versturen").click()
    await expect(page.locator(".box.ok")).to_be_visible()
    await page.go_back()
    await page.get_by_role("button", name="Versturen").click()  # the field came back empty: nothing sent
    assert [c.text for c in served.service.state.cards("drempels")] == ["Eén keer graag"]


async def test_the_review_shows_only_the_red_and_disputed_statements_and_results_follow_the_questions(serve, browser):
    served = await serve(MANTELZORG, clock=time.monotonic)
    served.go("drempelcheck")
    for value in ("rood", "rood", "groen"):
        await (await served.phone()).post("rate", {"s0": value, "s1": "groen"})
    served.service.reveal()
    page = await phone(browser)
    await page.goto(served.server.url)
    # Once the results are shown the questions close (a late answer would show whose it was); the page says so
    # above the results.
    await expect(page.locator("form.rate")).to_have_count(0)
    assert await page.evaluate(
        "document.querySelector('.box.wait').compareDocumentPosition(document.querySelector('section.results'))"
        " & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    await expect(page.locator(".box.wait")).to_have_text(
        "De uitslag is getoond: antwoorden kan nu niet meer. Kijk mee op het scherm."
    )
    served.go("rood-of-oneens")
    await expect(page.locator("h1")).to_have_text("Rood of oneens")
    statements = page.locator("section.results > ul.statements > li")
    await expect(statements).to_have_count(1)  # of 21: only statement 1 is red
    await expect(statements).to_contain_text("Over samenwerken met mantelzorgers wordt overal")
    await shoot(page, "also-06-rood-of-oneens")


async def test_a_spoken_round_says_what_the_field_is_for(serve, browser):
    served = await serve(MANTELZORG, clock=time.monotonic)
    served.go("wat-zie-jij")
    page = await phone(browser)
    await page.goto(served.server.url)
    await expect(page.locator("#rondje")).to_contain_text("iedereen zegt om de beurt iets")
    served.go("afsluiting")
    await expect(page.locator("#rondje")).to_contain_text("het komt bij de begeleider en in het verslag")


@pytest.mark.parametrize("js", [True, False])
async def test_bidirectional_controls_cannot_turn_a_card_around(serve, browser, js):
    served = await serve(MANTELZORG, clock=time.monotonic)
    served.go("drempels")
    page = await phone(browser, js=js)
    await page.goto(served.server.url)
    await page.fill("textarea", "Dit is \u202eevil\u202c echt")
    await page.get_by_role("button", name="Versturen").click()
    await expect(page.locator("ul.mine li .text")).to_have_text("Dit is evil echt")
    assert served.service.state.cards("drempels")[0].text == "Dit is evil echt"


async def test_with_pick_the_phone_waits_for_the_facilitators_choice(serve, browser):
    served = await serve(VISIE, clock=time.monotonic)
    step = next(s for s in served.service.state.script.steps if s.pick)
    served.go(step.id)
    page = await phone(browser)
    await page.goto(served.server.url)
    await expect(page.locator(".box.wait")).to_have_text(
        "De begeleider kiest eerst de onderwerpen. Kijk mee op het scherm."
    )
    assert await page.locator("select, textarea").count() == 0
    served.service.choose_categories(list(step.categories[:2]))
    options = page.locator("select#category option")
    await expect(options).to_have_count(3)  # "Kies een onderwerp" and the two chosen
    # The guiding question of each category is on the phone too.
    for name in step.categories[:2]:
        if step.help_for(name):
            await expect(page.locator("ul.helps")).to_contain_text(step.help_for(name))


async def test_the_team_name_and_the_length_rule_are_told_right(serve, browser):
    served = await serve(MANTELZORG, clock=time.monotonic)
    served.go("drempels")
    page = await phone(browser, js=False)
    await page.goto(served.server.url)
    await expect(page.locator("header.top")).to_contain_text("Team De Linde · Mantelzorg-drempelcheck")
    await page.locator("textarea").evaluate("area => area.removeAttribute('maxlength')")
    await page.fill("textarea", "x" * 501)
    await page.get_by_role("button", name="Versturen").click()
    await expect(page.locator("#melding")).to_have_text(
        "Je bericht is te lang (501 tekens). Er passen er hooguit 500 in."
    )
    await page.fill("textarea", "x" * 500)  # exactly the limit is fine
    await page.get_by_role("button", name="Versturen").click()
    await expect(page.locator(".box.ok")).to_be_visible()
