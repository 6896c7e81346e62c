"""A fifth independent trial at 360 px in real Chromium: what the phone's page says about the time left, a held step's
send button, the vote count, the role question, an old link, and the notice about one's own flagged card. A real
server on a real port, a real session on disk."""

from __future__ import annotations

import time

import pytest

from tests.web.browser import assert_accessible, browser, expect, joined, needs_chromium, phone, shoot, voting_room
from tests.web.conftest import INCIDENT, MANTELZORG
from workshop.core.join_code import join_code

pytestmark = [needs_chromium, pytest.mark.slow]  # real browsers
__all__ = ["browser"]  # the fixture, used by name


async def test_the_time_left_reads_as_a_clock_with_and_without_javascript(serve, browser):
    """At 5:13 left the phone said "Nog 6 minuten" (rounded up). Now it says what a clock says, "Nog 5 minuten", and
    in the last minute "Nog minder dan een minuut": the page as served (no JavaScript) and its own countdown alike."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    served.go("drempels")
    minutes = next(s.minutes for s in served.service.state.script.steps if s.id == "drempels")
    served.clock.advance(seconds=minutes * 60 - 313)  # 5:13 left
    with_js, without = await phone(browser), await phone(browser, js=False)
    await with_js.clock.install()
    for page in (with_js, without):
        await page.goto(served.server.url)
        await expect(page.locator("#klok")).to_have_text("Nog 5 minuten")
    await with_js.clock.fast_forward("00:16")  # the page's own tick: 4:57 left
    await expect(with_js.locator("#klok")).to_have_text("Nog 4 minuten")

    served.clock.advance(seconds=313 - 70)  # 1:10 left
    for page in (with_js, without):
        await page.reload()
        await expect(page.locator("#klok")).to_have_text("Nog 1 minuut")
    await with_js.clock.fast_forward("00:16")  # 0:54 left, counted on the phone
    await expect(with_js.locator("#klok")).to_have_text("Nog minder dan een minuut")
    served.clock.advance(seconds=16)
    await without.reload()
    await expect(without.locator("#klok")).to_have_text("Nog minder dan een minuut")
    await shoot(with_js, "trial5-1-minder-dan-een-minuut")
    await assert_accessible(with_js, "less than a minute left")


async def test_an_old_link_after_another_session_started_says_to_scan_the_new_qr_code(serve, browser):
    """The laptop runs another session now: a phone's old link said only "Deze link werkt niet (meer)", and a page still
    open kept saying "Opnieuw verbinden…". Now both say the page belongs to a session that no longer runs here and to
    scan the QR code on the screen now; the link page also leads to typing the code from the screen."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    open_page, old = await joined(served, browser, "drempels"), await phone(browser, js=False)
    port = served.server.port
    await served.server.stop()  # the facilitator starts another session: its server on the same port
    other = await serve(MANTELZORG, clock=time.monotonic)
    await other.server.stop()
    await other.server.start("127.0.0.1", port)
    said = "Deze pagina hoort bij een sessie die niet meer loopt. Scan de QR-code die nu op het scherm staat."
    await expect(open_page.locator("#afgelopen")).to_have_text(said)
    await expect(open_page.locator("#verbinding")).to_be_hidden()
    await shoot(open_page, "trial5-2-open-pagina-andere-sessie")
    await assert_accessible(open_page, "an open page of a session no longer served")

    await old.goto(served.server.url)
    await expect(old.locator("[role=alert]")).to_have_text(
        "Deze link hoort niet bij de sessie van nu. Misschien is het een oude link. "
        "Scan de QR-code die nu op het scherm staat."
    )
    await shoot(old, "trial5-2-oude-link")
    await assert_accessible(old, "an old link", await phone(browser))
    await old.get_by_role("link", name="De code van het scherm intypen").click()
    await old.fill("input[name=code]", join_code(other.token))
    await old.keyboard.press("Enter")
    await expect(old.get_by_role("button", name="Zeg ik liever niet")).to_be_visible()  # in the session of now


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
async def test_verder_without_a_role_chosen_says_what_to_do(serve, browser, js):
    """The role question's "Verder" tapped without choosing a role said nothing (and a browser that sent the form
    anyway had it taken for "Zeg ik liever niet"). Now the page says to tap a role first, or "Zeg ik liever niet"."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    served.go("drempels")
    page = await phone(browser, js=js)
    await page.goto(served.server.url)
    await page.get_by_role("button", name="Verder").click()
    said = (
        "Je hebt nog geen rol gekozen. Tik op je rol en dan op Verder. "
        "Wil je dat liever niet zeggen? Tik dan op 'Zeg ik liever niet'."
    )
    await expect(page.locator("#melding")).to_have_text(said)
    await expect(page.locator("#rol-kiezen")).to_be_visible()
    assert [p.role for p in served.service.state.participants] == [None]
    await shoot(page, f"trial5-3-verder-zonder-rol-{'js' if js else 'zonder-js'}")
    await assert_accessible(page, "Verder without a role chosen", None if js else await phone(browser))
    first = served.service.state.script.roles[0]
    await page.get_by_role("radio", name=first).check()
    await page.get_by_role("button", name="Verder").click()
    await expect(page.locator("#rol")).to_contain_text(f"Je doet mee als: {first}")
    await expect(page.locator("#melding")).to_have_count(0)
    assert [p.role for p in served.service.state.participants] == [first]


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
async def test_the_vote_count_says_it_counts_people_who_placed_dots(serve, browser, js):
    """ "1 van 1 heeft gestemd" showed after one of two dots: it counts who placed a dot, not who finished voting.
    Now it says what it counts, on the phone as on the board and the facilitator's screen (one sentence, the core's)."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    first, _ = voting_room(served, "Geen tijd", "Geen plek")
    page = await phone(browser, js=js)
    await page.goto(served.server.url)
    await expect(page.locator("#voortgang")).to_have_text("0 van 1 hebben stippen gezet")
    await page.locator(f"#add-{first}").click()
    await expect(page.locator("#stippen")).to_have_text("Je hebt nog 1 van de 2 stippen.")
    await expect(page.locator("#voortgang")).to_have_text("1 van 1 heeft stippen gezet")
    progress = served.service.progress()
    assert progress is not None and progress.text("nl") == "1 van 1 heeft stippen gezet"
    await shoot(page, f"trial5-4-stippen-gezet-{'js' if js else 'zonder-js'}")
    await assert_accessible(page, "the count of who placed dots", None if js else await phone(browser))


async def test_a_held_pages_button_says_a_tap_goes_to_the_groups_step_without_sending(serve, browser):
    """Held on its step while its person typed ("De groep is nu bij stap N"), the page still offered "Versturen" as if
    it would send; a tap sends nothing (the laptop refuses it) and brings the group's step with the text shown there.
    Now the button says just that, in a quiet look; back on the step it is "Versturen" again."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "drempels")
    field, button = page.locator("textarea#text"), page.locator("form.send button[type=submit]")
    await expect(button).to_have_text("Versturen")
    await field.click()
    await page.keyboard.type("Geen avondzorg", delay=30)
    served.go("wat-pakken-we-eerst-aan")
    n = [s.id for s in served.service.state.script.steps].index("wat-pakken-we-eerst-aan") + 1
    await expect(page.locator("#doorgegaan")).to_be_visible()
    await expect(button).to_have_text(f"Naar stap {n} (niet versturen)")
    await expect(button).to_have_class("secondary")
    await expect(button).to_have_attribute("aria-describedby", "doorgegaan")
    await button.scroll_into_view_if_needed()
    await shoot(page, "trial5-5-vastgehouden-knop")
    await assert_accessible(page, "a held step's button")

    served.go("drempels")  # the room came back: it sends again
    await page.keyboard.type(" in het weekend", delay=30)
    await expect(page.locator("#doorgegaan")).to_have_count(0)
    await expect(button).to_have_text("Versturen")
    await expect(button).not_to_have_class("secondary")

    served.go("wat-pakken-we-eerst-aan")
    await expect(button).to_have_text(f"Naar stap {n} (niet versturen)")
    await button.click()  # what it says: the group's step, the text shown there and not sent
    await expect(page.locator("h1")).to_have_text("Wat pakken we eerst aan?")
    await expect(page.get_by_text("Je tekst is niet verstuurd, de begeleider is doorgegaan:")).to_be_visible()
    await expect(page.locator("blockquote").filter(has_text="Geen avondzorg in het weekend")).to_be_visible()
    assert served.service.state.cards("drempels") == ()
    await shoot(page, "trial5-5-na-tik-op-vastgehouden-knop")
    await assert_accessible(page, "after a tap on a held step's button")


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
async def test_the_notice_of_an_earlier_flagged_card_is_said_once_on_the_step_after(serve, browser, js):
    """The amber notice of one's own flagged card ("Let op: je kaartje bij 'Drempels' bevat misschien privégegevens")
    came back on every later step. It is said where it can be acted on (its step: Aanpassen, Intrekken), then once, in
    its quiet box, on the step the room went on to; not on the steps after that."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "drempels", js=js)
    await page.fill("textarea#text", "Collega Sandra vergat de overdracht")
    await page.get_by_role("button", name="Versturen").click()
    await expect(page.locator(".box.warn").first).to_contain_text("Verstuurd, maar let op:")
    await expect(page.get_by_role("button", name="Intrekken", exact=False)).to_be_visible()
    steps = [s.id for s in served.service.state.script.steps]
    after, later = steps[steps.index("drempels") + 1], steps[steps.index("drempels") + 2]
    served.clock.advance(seconds=30)  # time at the step: the room was there
    served.go(after)
    if not js:
        await page.reload()
    await expect(page.locator("main")).to_have_attribute("data-step", after)
    box = page.locator("#eerder-let-op")
    await expect(box).to_contain_text("Let op: je kaartje bij 'Drempels' bevat misschien privégegevens.")
    await expect(box).to_have_class("box warn quiet")
    served.clock.advance(seconds=30)
    served.go(later)
    if not js:
        await page.reload()
    await expect(page.locator("main")).to_have_attribute("data-step", later)
    await expect(page.locator("#eerder-let-op")).to_have_count(0)
    await shoot(page, f"trial5-6-niet-nog-eens-{'js' if js else 'zonder-js'}")
    await assert_accessible(page, "a later step, the flag told once already", None if js else await phone(browser))


async def test_a_held_change_to_a_sent_card_says_it_is_not_saved_and_a_held_close_says_the_end(serve, browser):
    """The same for a change to a sent card (its button "Opslaan"): a tap saves nothing, so it says "niet opslaan";
    and when the session closes meanwhile, the button leads to the end."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "drempels")
    await page.fill("textarea#text", "Bel mevrouw Bakker op 06-12345678")
    await page.get_by_role("button", name="Versturen").click()
    await page.locator(".box.warn").get_by_role("link", name="Aanpassen").click()
    field, button = page.locator("textarea#text"), page.locator("form.send button[type=submit]")
    await expect(button).to_have_text("Opslaan")
    await field.click()
    await page.keyboard.type(" de mantelzorger", delay=30)
    served.service.close_session()
    await expect(page.locator("#doorgegaan")).to_be_visible()
    await expect(button).to_have_text("Naar het einde (niet opslaan)")
    await assert_accessible(page, "a held change while the session closed")


async def test_a_screen_reader_hears_that_a_card_was_sent_not_an_earlier_cards_notice(serve, browser):
    """Trial: after a flagged card in one step, a card sent in the next made the live region say the earlier card's
    privacy notice (the first box on the page) instead of "Verstuurd"."""
    served = await serve(INCIDENT, clock=time.monotonic)
    served.go("wat-gebeurde-er")
    page = await phone(browser)  # this script asks no role
    await page.goto(served.server.url)
    await page.select_option("select#category", index=1)  # this step asks for one
    await page.fill("textarea#text", "Collega Sandra vergat de overdracht")
    await page.get_by_role("button", name="Versturen").click()
    await expect(page.locator(".box.warn").first).to_contain_text("Verstuurd, maar let op:")
    served.clock.advance(seconds=30)
    served.go("waarom-leek-het-logisch")
    await expect(page.locator("main")).to_have_attribute("data-step", "waarom-leek-het-logisch")
    await expect(page.locator("#eerder-let-op")).to_be_visible()  # the earlier card's quiet notice, above the form
    if await page.locator("select#category").count():
        await page.select_option("select#category", index=1)
    await page.fill("textarea#text", "Het was druk op de afdeling")
    await page.get_by_role("button", name="Versturen").click()
    await expect(page.locator("#live")).to_contain_text("Verstuurd")
    await expect(page.locator("#live")).not_to_contain_text("privégegevens")
