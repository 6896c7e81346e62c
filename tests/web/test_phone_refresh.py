"""What a phone with JavaScript asks the server for, in real Chromium: no page twice for one change (issue 12)."""

from __future__ import annotations

import time
from urllib.parse import urlparse

import pytest

from tests.web.browser import browser, expect, needs_chromium, phone
from tests.web.conftest import MANTELZORG

pytestmark = [needs_chromium, pytest.mark.slow]  # real browsers
__all__ = ["browser"]  # the fixture, used by name


async def test_a_sent_card_costs_the_server_one_page_not_two(serve, browser):
    """The form's answer is the page with the card; the stream's news of that same card fetches no second one."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    served.go("drempels")
    page = await phone(browser)
    await page.goto(served.server.url)
    await expect(page.locator("#verbinding")).to_have_text("Verbonden: je scherm volgt vanzelf.")
    path = f"/s/{served.token}"  # the page
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if r.method == "GET" and urlparse(r.url).path == path else None)
    await page.fill("textarea", "Meer tijd voor overleg")
    await page.get_by_role("button", name="Versturen").click()
    await expect(page.locator("#gelukt")).to_contain_text("Verstuurd")
    await expect(page.locator("ul.mine")).to_contain_text("Meer tijd voor overleg")
    # The room moves on: the stream tells of that after the card (one stream, in order), so once the new step
    # shows, the phone has heard of its card too.
    served.go("wat-pakken-we-eerst-aan")
    await expect(page.locator("h1")).to_have_text("Wat pakken we eerst aan?")
    assert len(fetched) == 2, fetched  # the card's answer and the new step
