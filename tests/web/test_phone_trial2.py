"""An independent trial at 360 px in real Chromium: a slow typist's last words, a stale "Verstuurd" beside a card
that did not go, and a form's address opened again without JavaScript. A real server on a real port."""

from __future__ import annotations

import time

import pytest

from tests.web.browser import assert_accessible, browser, expect, focused_id, joined, needs_chromium, shoot
from tests.web.conftest import MANTELZORG

pytestmark = [needs_chromium, pytest.mark.slow]  # real browsers
__all__ = ["browser"]  # the fixture, used by name

HELD = "De begeleider is doorgegaan: versturen kan bij deze vraag niet meer. Je tekst blijft op je scherm staan."
OFFLINE = "Geen verbinding met de laptop. Wat je invulde staat er nog; probeer het zo opnieuw."


async def test_a_slow_typist_keeps_every_word_typed_after_the_room_moved_on(serve, browser):
    """The facilitator moved on while someone was still typing: the page switched at once, the focus jumped to the
    new step, and every key typed after that went nowhere (the amber box held only the words typed before). The new
    step now waits while they type, says so beside the field, and comes in once they stop."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "wat-ging-goed")
    field = page.locator("textarea#text")
    await field.click()
    await page.keyboard.type("De overdracht ging", delay=60)
    served.go("wat-zie-jij")
    line = page.locator("#doorgegaan")
    await expect(line).to_have_text(HELD)  # at once, beside the field, in sight
    await expect(line).to_be_in_viewport(ratio=1)
    await expect(page.locator("#live")).to_have_text(HELD)  # and said once
    await expect(field).to_be_focused()
    # A slow typist: a key every 250 ms, for longer than the pause that counts as having stopped.
    await page.keyboard.type(" soepel dankzij de map", delay=250)
    await expect(page.locator("main")).to_have_attribute("data-step", "wat-ging-goed")  # still held while typing
    await shoot(page, "trial2-1-typ-je-zin-af")
    await assert_accessible(page, "new step held while someone types")

    # They stop typing: the new step comes in, with the whole text kept in the amber box.
    await expect(page.locator("h1")).to_have_text("Wat zie jij?")
    box = page.locator("#concept .box.warn")
    await expect(box).to_contain_text("Je tekst is niet verstuurd, de begeleider is doorgegaan:")
    await expect(box.locator("blockquote")).to_have_text("De overdracht ging soepel dankzij de map")
    await expect(box).to_be_focused()
    await expect(line).to_have_count(0)
    await shoot(page, "trial2-1-hele-tekst-bewaard")
    await box.get_by_role("button", name="In het tekstvak zetten").click()
    await expect(field).to_have_value("De overdracht ging soepel dankzij de map")
    assert await focused_id(page) == "text"

    # Leaving the field lets the new step in at once; someone who never typed here is not held at all.
    await page.keyboard.type(" en", delay=60)
    served.go("drempels")
    await expect(line).to_have_text(HELD)
    await page.keyboard.press("Tab")
    await expect(page.locator("main")).to_have_attribute("data-step", "drempels")
    await expect(page.locator("#concept .box.warn blockquote")).to_have_text(
        "De overdracht ging soepel dankzij de map en"
    )


async def test_sending_while_the_new_step_waits_tells_the_text_once(serve, browser):
    """Tapping Versturen while the new step waits: the card is refused (the room moved on), and its text is shown
    once, in the amber box of the new step; not also in red, not twice."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "drempels")
    await page.locator("textarea#text").click()
    await page.keyboard.type("Geen avondzorg", delay=60)
    served.go("wat-pakken-we-eerst-aan")
    await expect(page.locator("#doorgegaan")).to_have_text(HELD)
    await page.get_by_role("button", name="Versturen").click()
    await expect(page.locator("h1")).to_have_text("Wat pakken we eerst aan?")
    await expect(page.locator("#concept .box.warn blockquote")).to_have_text("Geen avondzorg")
    await expect(page.locator("main").get_by_text("Geen avondzorg")).to_have_count(1)
    await expect(page.locator("#melding")).to_have_count(0)
    assert served.service.state.cards("drempels") == ()


async def test_a_card_that_did_not_go_is_not_shown_under_a_green_verstuurd(serve, browser):
    """After one card was sent, the second failed (no connection): the green "Verstuurd" stayed at the top above
    the unsent text, the red error sat below the fold, and the line at the top still said "Verbonden"."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "drempels")
    conn = page.locator("#verbinding")
    await expect(conn).to_have_text("Verbonden: je scherm volgt vanzelf.")
    await page.fill("textarea#text", "Te weinig avondzorg")
    await page.get_by_role("button", name="Versturen").click()
    done = page.locator("#gelukt")
    await expect(done).to_contain_text("Verstuurd")

    async def cut(route):
        await route.abort()  # the laptop out of reach; the live stream has not noticed yet

    await page.route("**/card", cut)
    await page.fill("textarea#text", "Mantelzorgers weten niet wie ze kunnen bellen")
    await page.get_by_role("button", name="Versturen").click()
    error = page.locator("#melding")
    await expect(error).to_have_text(OFFLINE)
    await expect(done).to_have_count(0)  # no longer the state of the page
    await expect(error).to_be_in_viewport(ratio=1)  # all of it, not its top edge
    await expect(page.locator("#live")).to_have_text(OFFLINE)
    await expect(conn).to_have_text("Verbinding kwijt. Opnieuw verbinden…")
    await expect(page.locator("textarea#text")).to_have_value("Mantelzorgers weten niet wie ze kunnen bellen")
    await shoot(page, "trial2-2-niet-verstuurd-in-beeld")
    await assert_accessible(page, "card not sent, no connection")

    await page.unroute("**/card", cut)  # back: sent, and the line says connected again
    await page.get_by_role("button", name="Versturen").click()
    await expect(done).to_contain_text("Verstuurd")
    await expect(error).to_have_count(0)
    await expect(conn).to_have_text("Verbonden: je scherm volgt vanzelf.")
    assert [c.text for c in served.service.state.cards("drempels")] == [
        "Te weinig avondzorg",
        "Mantelzorgers weten niet wie ze kunnen bellen",
    ]


async def test_a_forms_address_opened_again_without_javascript_goes_back_to_the_session(serve, browser):
    """A refused form leaves its address (/s/<id>/card) in the address bar; opening it again (a restored tab, Enter)
    said "Deze pagina bestaat niet. Scan de QR-code opnieuw" to a phone still in the session."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "wat-ging-goed", js=False)
    await page.fill("textarea", "Bijna af")
    served.go("wat-zie-jij")
    await page.get_by_role("button", name="Versturen").click()
    await expect(page.locator("#melding blockquote")).to_have_text("Bijna af")
    assert page.url == f"{served.base}/s/{served.token}"  # a refused card's page has the session's address now
    response = await page.goto(f"{served.base}/s/{served.token}/card")  # a form's address typed in (a restored tab)
    assert response is not None and response.status == 200
    assert page.url == f"{served.base}/s/{served.token}"
    await expect(page.locator("h1")).to_have_text("Wat zie jij?")
    await expect(page.get_by_text("bestaat niet")).to_have_count(0)
    await shoot(page, "trial2-3-formadres-terug-naar-sessie")

    # Every form's address of the session, and only of this session.
    plain = await served.phone()
    for name in ("card", "withdraw", "vote", "rate", "role"):
        sent = await plain.get(f"/s/{served.token}/{name}", allow_redirects=False)
        assert sent.status == 303 and sent.headers["Location"] == f"/s/{served.token}", name
    wrong = await plain.get("/s/oud-token/card", allow_redirects=False)
    assert wrong.status == 404 and "Deze link hoort niet bij de sessie van nu" in wrong.text
    other = await plain.get(f"/s/{served.token}/onbekend", allow_redirects=False)
    assert other.status == 404 and "Deze pagina bestaat niet." in other.text
