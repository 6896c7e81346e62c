"""Phones never tell a participant something false (issue 13, the leftovers of using them as a participant would):
one real-Chromium test per finding at 360 px, JavaScript on and off where it matters, axe-core on what changed."""

from __future__ import annotations

import time

import pytest

from tests.web.browser import assert_accessible, browser, expect, needs_chromium, phone, shoot
from tests.web.conftest import MANTELZORG

pytestmark = [needs_chromium, pytest.mark.slow]  # real browsers
__all__ = ["browser"]  # the fixture, used by name


async def _joined(served, browser, step: str, *, js: bool = True, role: str = "Zeg ik liever niet"):
    """A phone in Chromium that joined the session at `step`, the role question answered with the button `role`."""
    served.go(step)
    page = await phone(browser, js=js)
    await page.goto(served.server.url)
    await page.get_by_role("button", name=role).click()
    return page


async def test_answers_ticked_but_not_saved_when_the_results_are_shown_are_listed(serve, browser):
    """Without JavaScript an answer is only sent by "Antwoorden opslaan". Ticked, not sent, and the facilitator
    showed the results (r): the refusal said "antwoorden kan nu niet meer" and the ticks were gone without a word.
    Now it lists what was not saved, as a card's text the room moved on from ("Je tekst is niet verstuurd…")."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await _joined(served, browser, "drempelcheck", js=False)
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
    await expect(box).to_contain_text("Wil je ze toch doorgeven? Zeg het tegen de begeleider.")
    await expect(page.locator(".box.ok")).to_have_count(0)
    await shoot(page, "leftovers-1-antwoorden-na-uitslag")
    await assert_accessible(page, "answers refused after the reveal, listed", await phone(browser))
    assert served.stored().ratings == ()
