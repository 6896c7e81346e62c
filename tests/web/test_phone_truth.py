"""What the phones say around a reveal, a refusal and a frozen laptop is true, and nothing typed or tapped goes
without a word (an independent tester using the phones as participants would): one real-Chromium test per finding
at 360 px, JavaScript on and off where it matters, axe-core on the states that changed."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.web.browser import (
    SlowLaptop,
    assert_accessible,
    browser,
    expect,
    joined,
    needs_chromium,
    phone,
    shoot,
    voting_room,
)
from tests.web.conftest import MANTELZORG

pytestmark = [needs_chromium, pytest.mark.slow]  # real browsers
__all__ = ["browser"]  # the fixture, used by name

FROZEN = 40_000  # ms: how long the tests below let a laptop go without answering, at most


async def _until(done) -> None:
    """Wait (briefly, in steps of 20 ms) until `done()`: a request the test holds has reached it."""
    for _ in range(500):
        if done():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the request never came")


@pytest.mark.parametrize("js", [True, False])
async def test_after_a_vote_s_results_are_shown_phones_say_voting_closed_with_their_dots(serve, browser, js):
    """After the reveal (r) phones said "Het stemmen is nog niet open" and hid "Jouw stippen"; the board said "Het
    stemmen begint zo" above the results. Now: closed, with one's own dots, and a label ending in a full stop is not
    followed by a colon ("familie.: 1 stip")."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    first, _ = voting_room(served, "Geen tijd voor gesprek met de familie.", "Onduidelijke afspraken")
    page = await joined(served, browser, "wat-pakken-we-eerst-aan", js=js)
    await page.locator(f"#add-{first}").click()
    await expect(page.locator("#stippen")).to_have_text("Je hebt nog 1 van de 2 stippen.")
    served.service.reveal()
    if not js:
        await page.reload()
    await expect(page.locator(".box.wait")).to_have_text("Het stemmen is gesloten. Kijk mee op het scherm.")
    await expect(page.get_by_role("heading", name="Jouw stippen")).to_be_visible()
    await expect(page.locator("ul.mine li")).to_have_text(["Geen tijd voor gesprek met de familie. (1 stip)"])
    await expect(page.get_by_text("nog niet open")).to_have_count(0)
    await expect(page.locator("#uitslag")).to_be_visible()
    await shoot(page, f"truth-1-stemmen-uitslag-{'js' if js else 'nojs'}")
    await assert_accessible(page, "vote results shown", None if js else await phone(browser))

    board = await phone(browser, viewport={"width": 1280, "height": 800}, is_mobile=False, has_touch=False)
    await board.goto(served.server.board_url)
    await expect(board.get_by_role("heading", name="Uitslag")).to_be_visible()
    await expect(board.get_by_text("begint zo")).to_have_count(0)
    served.service.reveal(revealed=False)  # the results hidden again: voting was closed, it is not "about to begin"
    await board.reload()
    await expect(board.locator("h1")).to_have_text("Wat pakken we eerst aan?")
    await expect(board.get_by_text("begint zo")).to_have_count(0)


async def test_the_refusal_after_the_reveal_lists_only_answers_not_stored_and_stays(serve, browser):
    """Without JavaScript the form sends every answer ticked on it: the refusal after the reveal listed answers saved
    earlier as "niet opgeslagen", and refreshed itself after 10 s, the list then gone. Only what the core has not
    stored is listed, and the page stays until the person leaves it."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "drempelcheck", js=False)
    await page.locator("label:has(#s0-rood)").click()
    await page.get_by_role("button", name="Antwoorden opslaan").click()
    await expect(page.locator("#s0 .state")).to_have_text("✓ Opgeslagen")
    await page.locator("label:has(#s1-groen)").click()  # ticked, not saved
    served.service.reveal()
    await page.get_by_role("button", name="Antwoorden opslaan").click()
    box = page.locator("#melding")
    await expect(box).to_contain_text("De uitslag is al getoond: antwoorden kan nu niet meer")
    await expect(box.locator("p").first).to_have_text("Dit antwoord is niet opgeslagen:")
    statements = served.service.state.script.step("drempelcheck").rated_statements
    await expect(box.locator("li")).to_have_text([f"2. {statements[1]}Jouw antwoord: 🟢 geregeld en werkt"])
    await expect(page.locator("meta[http-equiv=refresh]")).to_have_count(0)  # it stays: the list is not taken away
    await shoot(page, "truth-2-alleen-niet-opgeslagen")
    await assert_accessible(page, "refusal listing only what was not stored", await phone(browser))
    assert [(r.statement, r.value) for r in served.stored().ratings] == [(0, "rood")]


async def test_a_refused_card_without_javascript_keeps_its_text_and_says_only_what_is_true(serve, browser):
    """A card sent after the room moved on: "Je kunt nu niets meer insturen…" stood above the next step's working form,
    and on a page that only follows the screen a timed refresh took the text away after 10 s."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "wat-ging-goed", js=False)
    await page.fill("textarea", "Bijna af")
    served.go("wat-zie-jij")  # the next step asks for text too
    await page.get_by_role("button", name="Versturen").click()
    box = page.locator("#melding")
    await expect(box).to_contain_text("Je tekst is niet verstuurd, de begeleider is doorgegaan:")
    await expect(box.locator("blockquote")).to_have_text("Bijna af")
    await expect(page.get_by_text("niets meer insturen")).to_have_count(0)
    await expect(page.get_by_text("Kijk op het scherm wat de volgende stap is")).to_have_count(0)
    await expect(page.locator("textarea#text")).to_be_editable()  # the new step's form, working
    await shoot(page, "truth-3a-kaartje-geweigerd-nieuwe-vraag")

    served.go("drempels")
    await page.goto(served.server.url)
    await page.fill("textarea", "Mijn drempel")
    served.go("wat-pakken-we-eerst-aan")  # voting not open yet: a page that only follows the screen
    await page.get_by_role("button", name="Versturen").click()
    await expect(box.locator("blockquote")).to_have_text("Mijn drempel")
    await expect(page.locator("meta[http-equiv=refresh]")).to_have_count(0)
    await shoot(page, "truth-3b-kaartje-geweigerd-blijft")
    await assert_accessible(page, "unsent card kept on a page that only follows", await phone(browser))


async def test_a_refused_card_with_javascript_is_told_in_one_box(serve, browser):
    """With JavaScript the card the room moved on from showed twice: in red (the refusal) and in amber (the text
    kept, with its buttons). One box now, the amber one."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "drempels")
    await page.fill("textarea", "Te laat verstuurd")
    held = []
    await page.route("**/card", lambda route: held.append(route))
    await page.get_by_role("button", name="Versturen").click()
    await _until(lambda: len(held) == 1)
    served.go("wat-pakken-we-eerst-aan")
    await held[0].continue_()  # refused: the room moved on meanwhile
    await expect(page.locator("h1")).to_have_text("Wat pakken we eerst aan?")
    await expect(page.locator("#concept .box.warn blockquote")).to_have_text("Te laat verstuurd")
    await expect(page.locator("#live")).to_contain_text("Je tekst is niet verstuurd")
    await expect(page.locator("main").get_by_text("Te laat verstuurd")).to_have_count(1)
    await expect(page.locator("#melding")).to_have_count(0)
    await shoot(page, "truth-7b-een-melding")
    await assert_accessible(page, "card refused, told once")


async def test_an_answer_lost_at_the_reveal_is_no_longer_listed_once_it_is_saved(serve, browser):
    """An answer on its way when the results were shown was listed as "niet opgeslagen, de begeleider is
    doorgegaan" (the facilitator only showed the results), and the amber box stayed beside a later green
    "Opgeslagen" of the same answer."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "drempelcheck")
    held = []
    await page.route("**/rate", lambda route: held.append(route))
    await page.locator("label:has(#s0-rood)").click()
    await _until(lambda: len(held) == 1)
    served.service.reveal()
    await expect(page.locator(".box.wait")).to_contain_text("De uitslag is getoond")
    await held[0].continue_()  # refused: the results are shown
    await page.unroute("**/rate")
    lost = page.locator("#onbewaard")
    await expect(lost.locator("p").first).to_have_text(
        "Dit antwoord is niet opgeslagen, want de uitslag werd al getoond:"
    )
    await expect(page.get_by_text("doorgegaan")).to_have_count(0)
    await shoot(page, "truth-4a-niet-opgeslagen-uitslag")
    await assert_accessible(page, "answer lost at the reveal")

    served.service.reveal(revealed=False)  # hidden again: answering reopens, on the same step
    await expect(page.locator("#s0-rood")).to_be_visible()
    await page.locator("label:has(#s0-rood)").click()
    await expect(page.locator("#s0 .state")).to_have_text("✓ Opgeslagen")
    await expect(lost).to_have_count(0)  # no longer true
    await page.reload()
    await expect(page.locator("#s0 .state")).to_have_text("✓ Opgeslagen")
    await expect(lost).to_have_count(0)
    await shoot(page, "truth-4b-later-opgeslagen")


async def test_taps_while_the_laptop_is_frozen_are_shown_and_both_land(serve, browser):
    """A dot tapped while the laptop did not answer gave no sign at all, and of two taps on different items during
    the freeze one was lost. Each tap says "Bezig met opslaan…" beside its item at once (and in the live region), a
    slow laptop is said to be slow, and both dots land once it answers; a tap that finally fails says so beside its
    item, where the person is looking, not only at the top of the page."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    texts = [f"Drempel nummer {n}" for n in range(1, 9)]
    ids = voting_room(served, *texts)
    page = await joined(served, browser, "wat-pakken-we-eerst-aan")
    laptop = SlowLaptop()
    await page.route("**/vote", laptop)
    last, other = ids[-1], ids[-2]
    await page.locator(f"#add-{last}").click()  # far down the list
    await expect(page.locator(f"#item-{last} .state")).to_have_text("Bezig met opslaan…")
    await expect(page.locator("#live")).to_have_text("Bezig met opslaan…")
    await page.locator(f"#add-{other}").click()
    await expect(page.locator(f"#item-{other} .state")).to_have_text("Bezig met opslaan…")
    await shoot(page, "truth-5a-bevroren")
    await expect(page.locator(f"#item-{last} .state")).to_have_text(
        "Nog bezig met opslaan: de laptop reageert traag.", timeout=FROZEN
    )
    await assert_accessible(page, "taps waiting for a frozen laptop")
    laptop.frozen = False
    for route in laptop.held:
        await route.continue_()
    await expect(page.locator("#stippen")).to_have_text("Je hebt nog 0 van de 2 stippen.")
    await expect(page.locator(f"#item-{last} .dot")).to_contain_text("Jouw stippen")
    await expect(page.locator(f"#item-{other} .dot")).to_contain_text("Jouw stippen")
    await expect(page.locator(".state.busy")).to_have_count(0)
    assert sorted(v.item_id for v in served.stored().votes) == sorted([last, other])

    # Frozen again, and the tap finally fails: said beside the item, in view, and once by the live region.
    laptop.freeze()
    await page.locator(f"#remove-{last}").click()
    await _until(lambda: len(laptop.held) == 1)
    await laptop.held[0].abort()
    box = page.locator(f"#item-{last} #melding")
    await expect(box).to_have_text("Geen verbinding met de laptop: niet opgeslagen. Probeer het zo opnieuw.")
    await expect(box).to_be_in_viewport()
    await expect(page.locator("#live")).to_have_text(
        "Geen verbinding met de laptop: niet opgeslagen. Probeer het zo opnieuw."
    )
    await expect(page.locator("[role=alert]")).to_have_count(0)  # one voice: the live region
    await shoot(page, "truth-6-fout-bij-de-stip")
    await assert_accessible(page, "a dot that failed, told beside it")


async def test_the_link_to_the_results_fits_the_page(serve, browser):
    """A review step with one text field said "De uitslag staat onder de vragen"."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    served.go("drempelcheck")
    served.service.reveal()
    page = await joined(served, browser, "rood-of-oneens")
    await expect(page.get_by_role("link", name="De uitslag staat onder het tekstvak")).to_be_visible()
    await expect(page.get_by_text("onder de vragen")).to_have_count(0)
