"""A fourth independent trial at 360 px in real Chromium: a page held on its step while its person types (it said it was
still the room's step, its clock counting down under "Verbonden"), and a card refused without JavaScript (its text
gone from the field, a reload posting it again). A real server on a real port, a real session on disk."""

from __future__ import annotations

import logging
import time

import pytest

from tests.faulty_store import disk_refused
from tests.web.browser import assert_accessible, browser, expect, focused_id, joined, needs_chromium, phone, shoot
from tests.web.conftest import MANTELZORG

pytestmark = [needs_chromium, pytest.mark.slow]  # real browsers
__all__ = ["browser"]  # the fixture, used by name

HELD = "De begeleider is doorgegaan: versturen kan bij deze vraag niet meer. Je tekst blijft op je scherm staan."
LIVE = "Verbonden: je scherm volgt vanzelf."
HELD_CONN = "Verbonden. Je scherm gaat mee met de groep als je even stopt met typen."


async def reload_says(page, text: str) -> None:
    """Reload the page: a GET (the refusal was answered with its page, never the form again), still saying `text`."""
    response = await page.reload()
    assert response is not None and response.request.method == "GET"
    await expect(page.locator("#melding")).to_contain_text(text)


def number(served, step: str) -> int:
    """The 1-based number of `step` in the session's script."""
    return [s.id for s in served.service.state.script.steps].index(step) + 1


async def test_a_page_held_while_its_person_types_no_longer_says_it_is_the_rooms_step(serve, browser):
    """The facilitator moved on while someone typed: the amber line said so, but the header still said "Stap 6 van 9",
    the step's clock counted down, and "Verbonden: je scherm volgt vanzelf." while the screen did not follow. Now the
    header says where the group is, the clock is gone, and the connection line says when the screen follows again."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "drempels")
    total = len(served.service.state.script.steps)
    where, clock, conn = page.locator("header.top .where"), page.locator("#klok"), page.locator("#verbinding")
    own = f"Stap {number(served, 'drempels')} van {total}"
    await expect(where).to_have_text(own)
    await expect(clock).to_be_visible()
    await expect(conn).to_have_text(LIVE)
    field = page.locator("textarea#text")
    await field.click()
    await page.keyboard.type("Geen avondzorg", delay=30)
    served.go("wat-pakken-we-eerst-aan")
    await expect(page.locator("#doorgegaan")).to_have_text(HELD)
    await expect(where).to_have_text(f"De groep is nu bij stap {number(served, 'wat-pakken-we-eerst-aan')}")
    await expect(clock).to_be_hidden()
    await expect(conn).to_have_text(HELD_CONN)
    await expect(conn).to_be_visible()
    await page.keyboard.type(" in het weekend", delay=150)  # still typing: nothing taken away
    await expect(field).to_have_value("Geen avondzorg in het weekend")
    assert await focused_id(page) == "text"
    await expect(page.locator("main")).to_have_attribute("data-step", "drempels")
    await shoot(page, "trial4-1-vastgehouden-stap")
    await assert_accessible(page, "a step held while its person types, no longer said to be the room's")

    # The room comes back to this step: the page is the room's again, as it was.
    served.go("drempels")
    await page.keyboard.type(" en", delay=30)
    await expect(page.locator("#doorgegaan")).to_have_count(0)
    await expect(where).to_have_text(own)
    await expect(clock).to_be_visible()
    await expect(conn).to_have_text(LIVE)
    await expect(field).to_have_value("Geen avondzorg in het weekend en")

    # Moved on again, and the person stops typing: the new step comes in and says what it always says.
    served.go("wat-pakken-we-eerst-aan")
    await expect(where).to_have_text(f"De groep is nu bij stap {number(served, 'wat-pakken-we-eerst-aan')}")
    await expect(page.locator("h1")).to_have_text("Wat pakken we eerst aan?")
    await expect(where).to_have_text(f"Stap {number(served, 'wat-pakken-we-eerst-aan')} van {total}")
    await expect(conn).to_have_text(LIVE)
    await expect(page.locator("#concept .box.warn blockquote")).to_have_text("Geen avondzorg in het weekend en")

    # Held while the session closes: the header says so.
    served.go("drempels")
    await expect(page.locator("h1")).to_have_text("Drempels")
    await expect(field).to_have_value("Geen avondzorg in het weekend en")  # back in its field
    await field.click()
    await page.keyboard.type(" nog", delay=30)
    served.service.close_session()
    await expect(page.locator("#doorgegaan")).to_be_visible()
    await expect(where).to_have_text("De sessie is afgelopen")
    await expect(conn).to_have_text(HELD_CONN)
    await assert_accessible(page, "a step held while the session closed")


async def test_a_card_refused_without_javascript_keeps_its_text_for_its_field_and_a_reload_posts_nothing(
    serve, browser, caplog
):
    """Without JavaScript, a card sent after the room moved on: the refusal showed the text, but back on its step the
    field was empty (the text lost), and a reload of the refusal posted the form again. Now the refusal is a page of
    its own address (a reload asks nothing of the laptop but the page), and back on its step the text is in the field
    it is sent from, kept in the laptop's memory only until it is sent."""
    caplog.set_level(logging.DEBUG)
    served = await serve(MANTELZORG, clock=time.monotonic)
    page, checker = await joined(served, browser, "drempels", js=False), await phone(browser)
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    await page.fill("textarea", "Geen avondzorg in het weekend")
    served.go("wat-pakken-we-eerst-aan")
    await page.get_by_role("button", name="Versturen").click()
    notice = page.locator("#melding")
    await expect(notice).to_contain_text("Je tekst is niet verstuurd, de begeleider is doorgegaan:")
    await expect(notice.locator("blockquote")).to_have_text("Geen avondzorg in het weekend")
    assert len(posts) == 1
    response = await page.reload()  # pull-to-refresh: the same page, nothing sent again
    assert response is not None and response.request.method == "GET" and response.status == 200
    await expect(notice.locator("blockquote")).to_have_text("Geen avondzorg in het weekend")
    assert len(posts) == 1 and served.service.state.cards("drempels") == ()
    # Kept in the laptop's memory only: in no file of the workspace (the session, its journal), in no log line.
    for path in served.workspace.root.rglob("*"):
        assert not path.is_file() or b"avondzorg" not in path.read_bytes(), path
    assert "avondzorg" not in caplog.text
    await shoot(page, "trial4-2-geweigerd-zonder-js")
    await assert_accessible(page, "a card refused without JavaScript, reloaded", checker)

    # The room comes back to the step: the text is in its field, said so, and goes with one tap.
    served.go("drempels")
    await page.get_by_role("link", name="Vernieuwen").click()
    await expect(page.locator("h1")).to_have_text("Drempels")
    await expect(page.locator("textarea#text")).to_have_value("Geen avondzorg in het weekend")
    await expect(page.locator("#melding")).to_have_count(0)
    await expect(page.locator("#gelukt")).to_have_count(0)  # no green box beside text not sent
    await expect(page.locator("#terug")).to_have_text("Je tekst staat weer in het tekstvak. Je kunt hem nu versturen.")
    await shoot(page, "trial4-2-tekst-terug-zonder-js")
    await assert_accessible(page, "a refused card's text back in its field without JavaScript", checker)
    await page.get_by_role("button", name="Versturen").click()
    await expect(page.locator("#gelukt")).to_have_text("Verstuurd. Je kunt er nog een sturen.")
    assert [c.text for c in served.service.state.cards("drempels")] == ["Geen avondzorg in het weekend"]
    await page.reload()  # sent: no longer kept, not put back
    await expect(page.locator("textarea#text")).to_have_value("")
    await expect(page.locator("#terug")).to_have_count(0)


async def test_a_card_the_disk_refused_without_javascript_stays_in_its_field_after_a_reload(serve, browser):
    """After "Niet opgeslagen. Probeer het opnieuw." without JavaScript, a reload posted the form again. Now the text
    stays in the field, a reload posts nothing, and only a new tap on Versturen sends it, then confirmed."""
    served = await serve(MANTELZORG, faulty=True, clock=time.monotonic)
    page, checker = await joined(served, browser, "drempels", js=False), await phone(browser)
    await page.fill("textarea", "Verstuurd tijdens de storing")
    with served.store.refusing(disk_refused(28)):
        await page.get_by_role("button", name="Versturen").click()
        await expect(page.locator("#melding")).to_contain_text("Niet opgeslagen. Probeer het opnieuw.")
        await expect(page.locator("textarea#text")).to_have_value("Verstuurd tijdens de storing")
        await reload_says(page, "Niet opgeslagen. Probeer het opnieuw.")
        await expect(page.locator("textarea#text")).to_have_value("Verstuurd tijdens de storing")
        await expect(page.locator(".box.ok")).to_have_count(0)
        await assert_accessible(page, "a card the disk refused, reloaded without JavaScript", checker)
    assert served.service.state.cards("drempels") == ()
    await page.reload()  # the disk works again: a reload still sends nothing
    assert served.service.state.cards("drempels") == ()
    await page.get_by_role("button", name="Versturen").click()
    await expect(page.locator("#gelukt")).to_have_text("Verstuurd. Je kunt er nog een sturen.")
    assert [c.text for c in served.stored().cards("drempels")] == ["Verstuurd tijdens de storing"]


async def test_an_older_browser_without_javascript_is_answered_with_the_page_too(serve):
    """A browser that sends no Sec-Fetch-Mode (Safari before 16.4) but asks for a page when it posts a form: a refused
    card is answered with a redirect as well; a script's request (asking for anything) still reads the refusal in
    place, with its status."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    served.go("drempels")
    phone_ = await served.phone()
    form = await phone_.page()
    served.go("wat-pakken-we-eerst-aan")
    page_asked = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    sent = await phone_.post(
        "card", {"text": "Geen avondzorg"}, form_from=form, headers=page_asked, allow_redirects=False
    )
    assert sent.status == 303 and sent.headers["Location"] == f"/s/{served.token}"
    shown = await phone_.page()
    assert "Geen avondzorg" in (shown.error or "")
    script = await phone_.post("card", {"text": "Geen vervanging"}, form_from=form, headers={"Accept": "*/*"})
    assert script.status == 409 and "Geen vervanging" in (script.error or "")


async def test_a_change_the_disk_refused_without_javascript_stays_in_its_cards_form(serve, browser):
    """A change to a sent card refused without JavaScript comes back in that card's own form ("Opslaan"), never in the
    form for a new card (where Versturen would have made it a second card); a reload posts nothing."""
    served = await serve(MANTELZORG, faulty=True, clock=time.monotonic)
    page, checker = await joined(served, browser, "drempels", js=False), await phone(browser)
    await page.fill("textarea", "Bel mevrouw Bakker op 06-12345678")
    await page.get_by_role("button", name="Versturen").click()
    await page.locator(".box.warn").get_by_role("link", name="Aanpassen").click()
    await page.fill("textarea", "Bel de mantelzorger")
    with served.store.refusing(disk_refused(28)):
        await page.get_by_role("button", name="Opslaan").click()
        await expect(page.locator("#melding")).to_contain_text("Niet opgeslagen. Probeer het opnieuw.")
        response = await page.reload()
        assert response is not None and response.request.method == "GET"
        await expect(page.locator("textarea#text")).to_have_value("Bel de mantelzorger")
        await expect(page.get_by_role("button", name="Opslaan")).to_be_visible()
        await expect(page.get_by_role("button", name="Versturen")).to_have_count(0)
        await assert_accessible(page, "a change the disk refused, reloaded without JavaScript", checker)
    await page.get_by_role("button", name="Opslaan").click()
    await expect(page.locator("#gelukt")).to_have_text("Je kaartje is aangepast.")
    assert [c.text for c in served.stored().cards("drempels")] == ["Bel de mantelzorger"]


async def test_ratings_refused_without_javascript_are_not_sent_again_by_a_reload(serve, browser):
    """Trial: answers refused after the reveal stayed at the form's address, so a reload (pull-to-refresh) posted
    them again; once the facilitator hid the results, that reload stored them without the person choosing it."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "drempelcheck", js=False)
    await page.locator('input[name="s0"][value="rood"]').check()
    served.service.reveal()
    await page.get_by_role("button", name="Antwoorden opslaan").click()
    await expect(page.locator("#melding")).to_contain_text("antwoorden kan nu niet meer")
    await expect(page.locator("#melding")).to_contain_text("Dit antwoord is niet opgeslagen")
    await reload_says(page, "Dit antwoord is niet opgeslagen")
    served.service.reveal(revealed=False)  # hidden again: answering reopens, and a reload still sends nothing
    await page.reload()
    assert served.stored().ratings == () and await page.locator(".box.ok").count() == 0
