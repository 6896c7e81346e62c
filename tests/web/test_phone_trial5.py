"""A fifth independent trial at 360 px in real Chromium: what the phone's page says about the time left, a held step's
send button, the vote count, the role question, an old link, and the notice about one's own flagged card. A real
server on a real port, a real session on disk."""

from __future__ import annotations

import time

import pytest

from tests.web.browser import assert_accessible, browser, expect, needs_chromium, phone, shoot
from tests.web.conftest import MANTELZORG

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
