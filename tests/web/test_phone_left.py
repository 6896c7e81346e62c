"""What was left on the phones: without JavaScript a dot refused because voting closed did not say which dot; with
JavaScript the rating form offered "Antwoorden opslaan" although every tap saves by itself; the review's own statement
numbers sat in an <ol>, so a screen reader read a second numbering beside them. Real Chromium at 360 px, axe-core on
every state that changed."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.web.browser import (
    assert_accessible,
    browser,
    expect,
    focused_id,
    joined,
    needs_chromium,
    phone,
    shoot,
    voting_room,
)
from tests.web.conftest import MANTELZORG

pytestmark = [needs_chromium, pytest.mark.slow]  # real browsers
__all__ = ["browser"]  # the fixture, used by name

SAVE = "Antwoorden opslaan"
OFFLINE = "Geen verbinding met de laptop. Wat je invulde staat er nog; probeer het zo opnieuw."


async def _until(done) -> None:
    """Wait (briefly, in steps of 20 ms) until `done()`: a request the test holds has reached it."""
    for _ in range(500):
        if done():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the request never came")


@pytest.mark.parametrize("how", ["reveal", "close"])
async def test_without_javascript_a_dot_refused_because_voting_closed_names_its_item(serve, browser, how):
    """The page said "Het stemmen is gesloten." and no more; with JavaScript it says which dot was not placed."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    first, second = voting_room(served, "Geen tijd", "Onduidelijke afspraken")
    page = await joined(served, browser, "wat-pakken-we-eerst-aan", js=False)
    await page.locator(f"#add-{second}").click()  # a dot placed: it counts, and is not named below
    await expect(page.locator(f"#item-{second}")).to_have_class("chosen")
    taker = await served.phone()  # (another phone, its form from while voting was open)
    form = await taker.page()
    await taker.post("vote", {"item": second, "do": "add"}, form_from=form)
    if how == "reveal":
        served.service.reveal()
    else:
        served.service.close_voting()
    await page.locator(f"#add-{first}").click()  # the page from before: voting closed meanwhile
    box = page.locator("#melding")
    await expect(box).to_contain_text("Het stemmen is gesloten.")
    await expect(box.locator("p.unplaced")).to_have_text("Deze stip is niet gezet: Geen tijd")
    await expect(page.locator("meta[http-equiv=refresh]")).to_have_count(0)  # it stays until the person goes on
    assert [v.item_id for v in served.service.state.votes] == [second, second]
    await shoot(page, f"left-1-stip-niet-gezet-nojs-{how}")
    await assert_accessible(page, f"dot refused without JavaScript ({how})", await phone(browser))

    # A dot taken off too late is not "niet gezet": it stays, and the refusal names nothing.
    refused = await taker.post("vote", {"item": second, "do": "remove"}, form_from=form)
    assert refused.status == 409 and refused.error == "Het stemmen is gesloten."


async def test_with_javascript_dots_refused_at_the_reveal_are_named_once(serve, browser):
    """The server's page names the dot it refused; the script names every dot refused meanwhile, in the same line."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    first, second = voting_room(served, "Geen tijd", "Onduidelijke afspraken")
    page = await joined(served, browser, "wat-pakken-we-eerst-aan")
    held = []
    await page.route("**/vote", lambda route: held.append(route))
    await page.locator(f"#add-{first}").click()
    await _until(lambda: len(held) == 1)
    await page.locator(f"#add-{second}").click()  # waits for the first one's answer
    served.service.reveal()
    await held[0].continue_()  # refused: voting closed at the reveal
    await _until(lambda: len(held) == 2)
    await held[1].continue_()
    await page.unroute("**/vote")
    named = page.locator("#melding p.unplaced")
    await expect(named).to_have_text("Deze stippen zijn niet gezet: Geen tijd; Onduidelijke afspraken")
    await expect(page.locator("#melding")).not_to_contain_text("Deze stip is niet gezet")  # not twice
    assert served.service.state.votes == ()
    await shoot(page, "left-1b-stippen-niet-gezet-js")
    await assert_accessible(page, "dots refused at the reveal, with JavaScript")


async def test_with_javascript_the_rating_form_says_each_choice_saves_itself(serve, browser):
    """With JavaScript every tap saves by itself, yet the form ended in "Antwoorden opslaan": as if nothing was saved
    until it was pressed. It says each choice saves at once; the button comes back only to try again what was not
    saved (no connection), and then sends it in place."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "drempelcheck")
    save, line = page.get_by_role("button", name=SAVE), page.locator("#meteen")
    await expect(line).to_have_text("Elke keuze wordt meteen opgeslagen.")
    await expect(line).to_be_visible()
    await expect(save).to_have_count(0)
    await page.locator("label:has(#s0-rood)").click()
    await expect(page.locator("#s0 .state")).to_have_text("✓ Opgeslagen")
    await expect(save).to_have_count(0)
    await expect(line).to_be_visible()
    await line.scroll_into_view_if_needed()
    await shoot(page, "left-2-meteen-opgeslagen")
    await assert_accessible(page, "rating form with JavaScript: every choice saves itself")

    # Not saved, and nothing sends it again by itself: the button is back, to try again.
    await page.context.set_offline(True)
    await page.locator("label:has(#s20-groen)").click()
    await expect(page.locator("#s20 .state")).to_have_text(OFFLINE)
    await expect(save).to_be_visible()
    await expect(line).to_be_hidden()
    await save.scroll_into_view_if_needed()
    await shoot(page, "left-2b-opnieuw-proberen")
    await assert_accessible(page, "rating form with JavaScript: a choice not saved, a way to try again")
    await page.context.set_offline(False)
    await save.click()
    await expect(page.locator("#s20 .state")).to_have_text("✓ Opgeslagen")
    await expect(save).to_have_count(0)
    await expect(line).to_be_visible()
    assert await focused_id(page) == "meteen"  # not <body>: the button the focus was on is gone
    assert "ok=rate" not in page.url  # sent in place, not as the form without JavaScript
    voter = served.service.state.participants[0].id
    assert served.service.answers_of(voter, "drempelcheck") == {0: "rood", 20: "groen"}

    # Without JavaScript the form is as it was: the button sends it, and no line says otherwise.
    plain = await joined(served, browser, "drempelcheck", js=False)
    await expect(plain.get_by_role("button", name=SAVE)).to_be_visible()
    await expect(plain.locator("#meteen")).to_have_count(0)


async def test_the_review_lists_the_statements_own_numbers_without_a_second_numbering(serve, browser):
    """The review's statements 1, 3 and 6 sat in an <ol>: a screen reader said "2 of 3" beside the visible "3."."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    served.go("drempelcheck")
    for _ in range(3):
        await (await served.phone()).post("rate", {"s0": "rood", "s1": "groen", "s2": "rood", "s5": "rood"})
    served.service.reveal()
    page = await joined(served, browser, "rood-of-oneens")
    await expect(page.locator("h1")).to_have_text("Rood of oneens")
    statements = served.service.state.script.step("drempelcheck").rated_statements
    results = page.locator("section.results")
    await expect(results.locator("ol")).to_have_count(0)
    items = results.locator("ul.statements > li")
    await expect(items.locator(".line")).to_have_text([f"{n}. {statements[n - 1]}" for n in (1, 3, 6)])
    markers = await page.evaluate(
        "[...document.querySelectorAll('section.results ul.statements > li')]"
        ".map(li => getComputedStyle(li).listStyleType)"
    )
    assert markers == ["none"] * 3  # no bullet and no number of the list's own beside the statement's
    await page.locator("#uitslag").scroll_into_view_if_needed()
    await shoot(page, "left-3-rood-of-oneens-lijst")
    await assert_accessible(page, "review: the statements' own numbers only")
