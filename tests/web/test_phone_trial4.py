"""A fourth independent trial at 360 px in real Chromium: a page held on its step while its person types (it said it was
still the room's step, its clock counting down under "Verbonden"), and a card refused without JavaScript (its text
gone from the field, a reload posting it again). A real server on a real port, a real session on disk."""

from __future__ import annotations

import time

import pytest

from tests.web.browser import assert_accessible, browser, expect, focused_id, joined, needs_chromium, shoot
from tests.web.conftest import MANTELZORG

pytestmark = [needs_chromium, pytest.mark.slow]  # real browsers
__all__ = ["browser"]  # the fixture, used by name

HELD = "De begeleider is doorgegaan: versturen kan bij deze vraag niet meer. Je tekst blijft op je scherm staan."
LIVE = "Verbonden: je scherm volgt vanzelf."
HELD_CONN = "Verbonden. Je scherm gaat mee met de groep als je even stopt met typen."


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
