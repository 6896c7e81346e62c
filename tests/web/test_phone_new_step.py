"""A new step on a phone with JavaScript starts where a new page starts: its heading, not a control further down
that happens to share an id with the one left. Text the room moved on from is kept in sight also where the new
step has no text field to put it back in."""

from __future__ import annotations

import time

import pytest

from tests.web.browser import assert_accessible, browser, expect, joined, needs_chromium, shoot, voting_room
from tests.web.conftest import MANTELZORG

pytestmark = [needs_chromium, pytest.mark.slow]  # real browsers
__all__ = ["browser"]  # the fixture, used by name


async def test_a_new_step_is_read_from_its_heading(serve, browser):
    """After a rating the focus sat on the answer tapped; when the room moved on to the review step, focus went to
    that step's text field (the same id), and the page showed its bottom: the question above it unread."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "wat-ging-goed")
    await page.locator("textarea#text").focus()
    await page.keyboard.press("Tab")  # on the send button: nothing typed, nothing to keep
    served.go("drempelcheck")
    await expect(page.locator("main")).to_have_attribute("data-step", "drempelcheck")
    await expect(page.locator("h1")).to_be_focused()
    assert await page.evaluate("window.scrollY") < 50
    await page.locator("label:has(#s0-rood)").click()
    await expect(page.locator("#s0 .state")).to_contain_text("Opgeslagen")
    served.go("rood-of-oneens")
    await expect(page.locator("main")).to_have_attribute("data-step", "rood-of-oneens")
    await expect(page.locator("h1")).to_be_focused()
    await expect(page.locator("textarea#text")).not_to_be_focused()
    assert await page.evaluate("window.scrollY") < 50
    await shoot(page, "new-step-heading")
    await assert_accessible(page, "new step read from its heading")


async def test_text_the_room_moved_on_from_says_how_to_keep_it_where_nothing_takes_it(serve, browser):
    """The amber box offered only "Weggooien" on a step without a text field, without a word on how to keep it."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "drempels")
    await page.fill("textarea#text", "Te weinig avondzorg")
    await page.keyboard.press("Tab")  # on to the send button, not typing any more: the new page comes in at once
    served.go("wat-pakken-we-eerst-aan")  # a vote: no text field
    box = page.locator("#concept .box.warn")
    await expect(box).to_contain_text("Je tekst is niet verstuurd, de begeleider is doorgegaan:")
    await expect(box.locator("blockquote")).to_have_text("Te weinig avondzorg")
    await expect(box).to_contain_text("Bewaar het als je wilt: kopieer het of schrijf het op.")
    await expect(box.get_by_role("button", name="Weggooien")).to_be_visible()
    await expect(box).to_be_focused()  # what was not sent comes first, above the new step's heading
    await shoot(page, "new-step-orphan-no-field")
    await assert_accessible(page, "unsent text on a step without a text field")


async def test_without_javascript_saving_some_answers_goes_on_at_the_next_statement(serve, browser):
    """Without JavaScript the saved form came back at the top of the page: someone who answered 10 of 21 statements
    scrolled all the way back down to the 11th. The page comes back at the next statement not answered."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "drempelcheck", js=False)
    for n in range(3):
        await page.locator(f"label:has(#s{n}-groen)").click()
    await page.get_by_role("button", name="Antwoorden opslaan").first.click()
    await expect(page.locator("#s2 .state")).to_contain_text("Opgeslagen")
    assert page.url.endswith("#s3")
    top = await page.locator("#s3").bounding_box()
    assert top is not None and 0 <= top["y"] < 740  # in view, not 2,000 px further down
    assert await page.evaluate("window.scrollY") > 300
    await page.locator("label:has(#s5-rood)").click()  # one further down, 3 and 4 left open
    await page.get_by_role("button", name="Antwoorden opslaan").first.click()
    await expect(page.locator("#s5 .state")).to_contain_text("Opgeslagen")
    assert page.url.endswith("#s6")
    await shoot(page, "nojs-rating-goes-on-at-the-next")


async def updated(served, page, change) -> None:
    """Make `change` in the session and wait until the phone swapped its page for the live update it brings."""
    await page.evaluate("document.querySelector('main').dataset.old = '1'")
    change()
    await expect(page.locator("main[data-old]")).to_have_count(0)


async def test_an_update_of_the_same_step_keeps_the_focus_where_it_was(serve, browser):
    """The focus put on the new step's heading (or on the amber box above it) fell to <body> at the next live update
    of the same step (the door closed, for one): a screen reader started again at the top of the page."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    voting_room(served, "Te weinig avondzorg")
    page = await joined(served, browser, "drempels")
    await page.locator("textarea#text").focus()
    await page.keyboard.press("Tab")  # on the send button: nothing typed
    served.go("wat-pakken-we-eerst-aan")
    await expect(page.locator("main")).to_have_attribute("data-step", "wat-pakken-we-eerst-aan")
    heading = page.locator("h1")
    await expect(heading).to_be_focused()
    await updated(served, page, served.service.close_door)  # every phone updates
    await expect(heading).to_be_focused()

    served.go("drempels")  # and the amber box of unsent text, above the heading
    await expect(page.locator("main")).to_have_attribute("data-step", "drempels")
    await page.fill("textarea#text", "Mantelzorgers weten niet wie ze kunnen bellen")
    await page.keyboard.press("Tab")
    served.go("wat-pakken-we-eerst-aan")
    box = page.locator("#concept .box.warn")
    await expect(box).to_be_focused()
    await updated(served, page, lambda: served.service.close_door(False))
    await expect(box).to_be_focused()
