"""What a second independent tester found on the phones: a refused slow answer left a false "Nog bezig" in the live
region and the focus on <body>; a refused dot was told below the fold; lost answers were listed out of order; a
closed session still said "je scherm volgt vanzelf"; a review renumbered the statements; a full session gave no
way to try again. One real-Chromium test per finding at 360 px, axe-core on the states that changed."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.web.browser import (
    SlowLaptop,
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

SLOW = 8.0  # s: when phone.js says a laptop is slow (SLOW there)


async def _until(done) -> None:
    """Wait (briefly, in steps of 20 ms) until `done()`: a request the test holds has reached it."""
    for _ in range(500):
        if done():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the request never came")


async def test_a_slow_answer_refused_at_the_reveal_is_said_once_and_the_focus_stays_on_the_page(serve, browser):
    """Two statements tapped while the laptop was slow, the results shown meanwhile: the live region went on saying
    "Nog bezig met opslaan: de laptop reageert traag." long after the refusal, the refusal was never said, the focus
    fell to <body> (the tapped controls were gone), and statement 2 was listed before statement 1."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "drempelcheck")
    held = []
    await page.route("**/rate", lambda route: held.append(route))
    await page.locator("label:has(#s0-rood)").click()
    await _until(lambda: len(held) == 1)
    tapped = time.monotonic()
    await page.locator("label:has(#s1-groen)").click()  # waits for the first post
    served.service.reveal()
    await expect(page.locator(".box.wait")).to_contain_text("De uitslag is getoond")
    lost = page.locator("#onbewaard")
    await expect(lost.locator("li")).to_have_count(1)  # the one not sent yet; the other is still on its way
    await asyncio.sleep(max(0.0, tapped + SLOW + 1.5 - time.monotonic()))  # past the "slow" moment
    await expect(page.locator("#live")).not_to_contain_text("Nog bezig")  # nothing on the page is waiting
    await held[0].continue_()  # refused: the results are shown
    await page.unroute("**/rate")
    statements = served.service.state.script.step("drempelcheck").rated_statements
    await expect(lost.locator("li")).to_have_text(
        [f"1. {statements[0]}Jouw antwoord: 🔴 ontbreekt", f"2. {statements[1]}Jouw antwoord: 🟢 geregeld en werkt"]
    )
    live = page.locator("#live")
    await expect(live).to_contain_text("Deze antwoorden zijn niet opgeslagen, want de uitslag werd al getoond:")
    await expect(live).to_contain_text(f"1. {statements[0]}")
    await expect(live).not_to_contain_text("Nog bezig")
    assert await focused_id(page) == "onbewaard"
    await asyncio.sleep(SLOW + 1)  # and it stays so: no timer left to say "slow" later
    await expect(live).to_contain_text("niet opgeslagen")
    assert await focused_id(page) == "onbewaard"
    await shoot(page, "round2-1-traag-geweigerd")
    await assert_accessible(page, "slow answers refused at the reveal")


async def test_a_slow_dot_refused_at_the_reveal_is_said_and_the_focus_stays_on_the_page(serve, browser):
    served = await serve(MANTELZORG, clock=time.monotonic)
    first, _ = voting_room(served, "Geen tijd", "Onduidelijke afspraken")
    page = await joined(served, browser, "wat-pakken-we-eerst-aan")
    held = []
    await page.route("**/vote", lambda route: held.append(route))
    await page.locator(f"#add-{first}").click()
    await _until(lambda: len(held) == 1)
    tapped = time.monotonic()
    served.service.reveal()
    await asyncio.sleep(max(0.0, tapped + SLOW + 1.5 - time.monotonic()))
    await held[0].continue_()  # refused: voting closed at the reveal
    await page.unroute("**/vote")
    box = page.locator("#melding")
    await expect(box).to_be_visible()
    said = (await box.text_content()).strip()
    await expect(page.locator("#live")).to_have_text(said)
    assert await focused_id(page) != "BODY"
    await asyncio.sleep(1)
    await expect(page.locator("#live")).to_have_text(said)
    await expect(box).to_contain_text("Deze stip is niet gezet: Geen tijd")  # which one, as a rating lists answers
    await shoot(page, "round2-1b-stip-traag-geweigerd")
    await assert_accessible(page, "slow dot refused at the reveal")


async def test_a_refused_dot_is_told_in_view(serve, browser):
    """The third of three dots (of 2) tapped while the laptop was slow was refused beside its item, below the fold."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    ids = voting_room(served, *(f"Drempel nummer {n} met wat uitleg erbij" for n in range(1, 9)))
    page = await joined(served, browser, "wat-pakken-we-eerst-aan")
    laptop = SlowLaptop()
    await page.route("**/vote", laptop)
    for item in ids[:3]:
        await page.locator(f"#add-{item}").click()
    await _until(lambda: len(laptop.held) == 1)  # the others wait their turn in the page
    laptop.frozen = False
    await laptop.held[0].continue_()
    box = page.locator(f"#item-{ids[2]} #melding")
    await expect(box).to_contain_text("Je hebt al je 2 stippen gebruikt")
    await expect(page.locator("#stippen")).to_have_text("Je hebt nog 0 van de 2 stippen.")
    await asyncio.sleep(0.3)  # any scrolling done
    where = await box.bounding_box()
    height = page.viewport_size["height"]
    assert where is not None and where["y"] >= 0 and where["y"] + where["height"] <= height, (where, height)  # whole
    await shoot(page, "round2-2-stip-geweigerd-in-beeld")
    await assert_accessible(page, "refused dot told in view")


async def test_lost_answers_without_javascript_are_listed_in_statement_order(serve, browser):
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "drempelcheck", js=False)
    await page.locator("label:has(#s2-groen)").click()
    await page.locator("label:has(#s0-rood)").click()
    served.service.reveal()
    await page.get_by_role("button", name="Antwoorden opslaan").click()
    statements = served.service.state.script.step("drempelcheck").rated_statements
    await expect(page.locator("#melding li")).to_have_text(
        [f"1. {statements[0]}Jouw antwoord: 🔴 ontbreekt", f"3. {statements[2]}Jouw antwoord: 🟢 geregeld en werkt"]
    )


@pytest.mark.parametrize("js", [True, False])
async def test_a_closed_session_no_longer_says_the_screen_follows(serve, browser, js):
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await joined(served, browser, "wat-ging-goed", js=js)
    if js:
        await expect(page.locator("#verbinding")).to_have_text("Verbonden: je scherm volgt vanzelf.")
    served.service.close_session()
    if not js:
        await page.reload()
    await expect(page.locator(".box.wait")).to_contain_text("De sessie is afgelopen")
    await expect(page.get_by_text("volgt vanzelf").locator("visible=true")).to_have_count(0)
    await expect(page.locator("#verbinding")).to_be_hidden()
    await asyncio.sleep(1)  # not brought back by the stream
    await expect(page.locator("#verbinding")).to_be_hidden()
    await shoot(page, f"round2-4-afgelopen-{'js' if js else 'nojs'}")


async def test_the_review_numbers_statements_as_the_rating_step_did(serve, browser):
    """The console numbered the red and disputed statements 1, 3, 6; the phones renumbered them 1, 2, 3."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    served.go("drempelcheck")
    for _ in range(3):
        await (await served.phone()).post("rate", {"s0": "rood", "s1": "groen", "s2": "rood", "s5": "rood"})
    served.service.reveal()
    served.go("rood-of-oneens")
    page = await joined(served, browser, "rood-of-oneens")
    await expect(page.locator("h1")).to_have_text("Rood of oneens")
    statements = served.service.state.script.step("drempelcheck").rated_statements
    lines = page.locator("section.results > ul.statements > li .line")
    await expect(lines).to_have_count(3)
    texts = sorted(await lines.all_text_contents())
    assert texts == [f"{n}. {statements[n - 1]}" for n in (1, 3, 6)]
    await page.locator("#uitslag").scroll_into_view_if_needed()
    await shoot(page, "round2-5-rood-of-oneens-nummers")
    await assert_accessible(page, "review with the statements' own numbers")


@pytest.mark.parametrize("js", [True, False])
async def test_a_full_session_says_to_try_again_in_a_few_minutes_and_offers_it(serve, browser, js):
    served = await serve(MANTELZORG, clock=time.monotonic, max_participants=2)
    for _ in range(2):
        joined_already = await phone(browser)
        await joined_already.goto(served.server.url)
        await expect(joined_already.locator("h1")).to_have_text("Welkom en uitleg")
    page = await phone(browser, js=js)
    await page.goto(served.server.url)
    await expect(page.locator("[role=alert]")).to_have_text(
        "De sessie is vol: er kunnen hooguit 2 telefoons tegelijk meedoen. Probeer het over een paar minuten"
        " opnieuw, of vraag de begeleider om je erbij te laten."
    )
    again = page.get_by_role("link", name="Opnieuw proberen")
    await expect(again).to_be_visible()
    await shoot(page, f"round2-6-vol-{'js' if js else 'nojs'}")
    await assert_accessible(page, "session full", None if js else await phone(browser))
    await again.click()  # still full: the same page, the same way back
    await expect(page.locator("[role=alert]")).to_contain_text("Probeer het over een paar minuten opnieuw")

    await page.get_by_role("link", name="English").click()
    await expect(page.locator("[role=alert]")).to_contain_text("Try again in a few minutes")
    await expect(page.get_by_role("link", name="Try again", exact=True)).to_be_visible()
