"""What a participant is told is true (issue 13, "Why"): one real-Chromium test per finding, JS on and off."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.web.browser import assert_accessible, browser, expect, focused_id, needs_chromium, phone, shoot, tab_to
from tests.web.conftest import INCIDENT, MANTELZORG
from tests.web.test_hardening import disk_refused
from workshop.core.export import session_summary
from workshop.web.server import WEB

pytestmark = [needs_chromium, pytest.mark.slow]  # real browsers
__all__ = ["browser"]  # the fixture, used by name


async def test_a_refused_form_sent_again_is_never_confirmed(serve, browser):
    """A reload (pull-to-refresh) of "Niet opgeslagen" never says "Verstuurd": without JavaScript it sends nothing
    again (the refusal's page has an address of its own), and the form sent again is stored, and only then confirmed."""
    served = await serve(MANTELZORG, faulty=True, clock=time.monotonic)
    served.go("drempels")
    page = await phone(browser, js=False)
    await page.goto(served.server.url)
    await page.fill("textarea", "Verstuurd tijdens de storing")
    with served.store.refusing(disk_refused(28)):
        await page.get_by_role("button", name="Versturen").click()
        await expect(page.locator("#melding")).to_contain_text("Niet opgeslagen. Probeer het opnieuw.")
        response = await page.reload()  # the page again, not the form (Post/Redirect/Get)
        assert response is not None and response.request.method == "GET" and "ok=" not in page.url
        await expect(page.locator("#melding")).to_contain_text("Niet opgeslagen.")
        assert await page.locator(".box.ok").count() == 0
    assert served.service.state.cards("drempels") == ()
    await page.reload()  # the disk works again: a reload still sends nothing, and confirms nothing
    await expect(page.locator("#melding")).to_contain_text("Niet opgeslagen.")
    assert await page.locator(".box.ok").count() == 0 and served.service.state.cards("drempels") == ()
    await page.get_by_role("button", name="Versturen").click()  # the text still in its field, sent again
    assert "?ok=card&c=" in page.url
    await expect(page.locator(".box.ok")).to_have_text("Verstuurd. Je kunt er nog een sturen.")
    assert [c.text for c in served.stored().cards("drempels")] == ["Verstuurd tijdens de storing"]

    # A refused dot (voting closed meanwhile): its page (Post/Redirect/Get), so a reload sends nothing again (trial:
    # a reload re-posted it, and a dot refused once could be placed later without the person choosing it).
    card = served.service.state.cards("drempels")[0]
    served.go("wat-pakken-we-eerst-aan")
    served.service.open_voting()
    await page.goto(served.server.url)
    served.service.close_voting()
    await page.locator(f"#add-{card.id}").click()
    await expect(page.locator("#melding")).to_have_text(
        "Het stemmen is gesloten.Deze stip is niet gezet: Verstuurd tijdens de storing"
    )
    response = await page.reload()
    assert response is not None and response.request.method == "GET" and "ok=" not in page.url
    await expect(page.locator("#melding")).to_contain_text("Deze stip is niet gezet")
    served.service.open_voting()
    await page.reload()  # voting open again: the reload still places nothing
    assert served.service.state.votes == () and await page.locator(".box.ok").count() == 0


async def test_text_typed_while_the_room_moves_on_is_kept(serve, browser):
    served = await serve(MANTELZORG, clock=time.monotonic)
    served.go("wat-ging-goed")
    page = await phone(browser)
    await page.goto(served.server.url)
    await page.get_by_role("button", name="Zeg ik liever niet").click()
    await page.fill("textarea", "Een zin die nog niet af is")
    served.go("wat-zie-jij")  # a round again: the page follows once they stop typing
    await expect(page.locator("h1")).to_have_text("Wat zie jij?")
    box = page.locator("#concept .box.warn")
    await expect(box).to_contain_text("Je tekst is niet verstuurd, de begeleider is doorgegaan:")
    await expect(box.locator("blockquote")).to_have_text("Een zin die nog niet af is")
    await shoot(page, "told-02-concept")
    await assert_accessible(page, "draft kept after a step change")
    await box.get_by_role("button", name="In het tekstvak zetten").click()
    await expect(page.locator("textarea#text")).to_have_value("Een zin die nog niet af is")
    await expect(page.locator("#concept .box")).to_have_count(0)
    assert await focused_id(page) == "text"

    # Without JavaScript the page does not follow; sending then says so and shows the text.
    plain = await phone(browser, js=False)
    await plain.goto(served.server.url)
    await plain.fill("textarea", "Ook niet af")
    served.go("drempels")
    await plain.get_by_role("button", name="Versturen").click()
    await expect(plain.locator("#melding")).to_contain_text("Je tekst is niet verstuurd, de begeleider is doorgegaan:")
    await expect(plain.locator("#melding blockquote")).to_have_text("Ook niet af")
    await expect(plain.locator("textarea#text")).to_have_value("")  # not put into the next question


async def test_focus_stays_after_every_rating_and_dot_and_a_live_region_says_what_happened(serve, browser):
    served = await serve(MANTELZORG, clock=time.monotonic)
    served.go("drempelcheck")
    page = await phone(browser)
    await page.goto(served.server.url)
    await page.get_by_role("button", name="Zeg ik liever niet").click()
    await expect(page.locator("h1")).to_have_text("Drempelcheck")
    await tab_to(page, "#s2-groen")  # statement 3, by keyboard
    await page.keyboard.press("ArrowRight")  # 🟠: saved at once
    await expect(page.locator("#s2 .state")).to_have_text("✓ Opgeslagen")
    await expect(page.locator("#live")).to_contain_text("Opgeslagen: 3.")
    assert await focused_id(page) == "s2-oranje"  # not back at the top (WCAG 2.4.3, 3.2.2)
    await page.keyboard.press("ArrowRight")
    await expect(page.locator("#live")).to_contain_text("ontbreekt")
    assert await focused_id(page) == "s2-rood"

    served.go("drempels")
    for text in ("Geen tijd", "Geen plek"):
        served.service.add_contribution(text)
    served.go("wat-pakken-we-eerst-aan")
    served.service.open_voting()
    await expect(page.locator("#stippen")).to_have_text("Je hebt nog 2 van de 2 stippen.")
    first = served.service.state.cards("drempels")[0].id
    await tab_to(page, f"#add-{first}")
    await page.keyboard.press("Enter")
    await expect(page.locator("#live")).to_contain_text("Stip gezet. Je hebt nog 1 van de 2 stippen.")
    # One dot per item here: "+" is no longer offered, so the focus moves to its "−" on the same item.
    assert await focused_id(page) == f"remove-{first}"
    # Words, not a bare ●: a screen reader hears "Jouw stippen: 1".
    await expect(page.locator(f"#item-{first} .dot")).to_have_text("Jouw stippen: ●1 (meer kan hier niet)")
    assert await page.locator(f"#item-{first} .dot [aria-hidden=true]").inner_text() == "●"
    await page.keyboard.press("Enter")
    await expect(page.locator("#live")).to_contain_text("Stip eraf gehaald. Je hebt nog 2 van de 2 stippen.")
    assert await focused_id(page) == f"add-{first}"
    await assert_accessible(page, "voting by keyboard")


async def test_result_counts_are_told_in_words_not_colour_alone(serve, browser):
    served = await serve(MANTELZORG, clock=time.monotonic)
    served.go("drempelcheck")
    for value in ("groen", "groen", "rood"):
        await (await served.phone()).post("rate", {"s0": value})
    served.service.reveal()
    page = await phone(browser)
    await page.goto(served.server.url)
    counts = page.locator("section.results li").first.locator("ul.counts li")
    await expect(counts).to_have_text(
        ["geregeld en werkt: 2", "deels of alleen op papier: 0", "ontbreekt: 1", "weet ik niet: 0"]
    )
    await shoot(page, "told-03-uitslag")


async def test_live_updates_survive_a_full_server_and_a_restart(serve, browser):
    served = await serve(MANTELZORG, clock=time.monotonic, max_streams=1)
    first, second = await phone(browser), await phone(browser)
    for page in (first, second):
        await page.goto(served.server.url)
        await page.get_by_role("button", name="Zeg ik liever niet").click()
    await expect(first.locator("#verbinding")).to_have_text("Verbonden: je scherm volgt vanzelf.")
    # No room for the second phone's stream: it polls instead, and still follows the room.
    await expect(second.locator("#verbinding")).to_have_text(
        "Verbonden: je scherm wordt om de paar seconden bijgewerkt."
    )
    served.go("wat-ging-goed")
    for page in (first, second):
        await expect(page.locator("h1")).to_have_text("Wat ging goed?", timeout=15_000)
    hub = served.server.app[WEB].hub
    for _ in range(200):  # the polling phone asks again at once, and its poll waits at the server for news
        if hub.polls_waiting:
            break
        await asyncio.sleep(0.02)
    assert hub.polls_waiting == 1

    # The server stops; the facilitator moves on meanwhile; the server comes back on the same port.
    port, token = served.server.port, served.server.token
    await served.server.stop()
    # Both are told the session paused here (test_phone_ended.py): the one with a stream by its 'ended' event, the
    # polling one by its poll, which waits at the server for news (user trial: it only said "Verbinding kwijt").
    for page in (first, second):
        await expect(page.locator("#afgelopen")).to_contain_text("De begeleider heeft de sessie gepauzeerd.")
        await expect(page.locator("#verbinding")).to_be_hidden()
        await expect(page.locator(".meta")).to_have_count(0)
    await expect(second.locator("textarea#text")).to_be_disabled()
    await shoot(second, "told-04-polling-afgelopen")
    await assert_accessible(second, "a polling phone told the session ended")
    served.go("drempelcheck")
    from workshop.web.server import ParticipantServer

    served.server = ParticipantServer(served.service, token=token, clock=time.monotonic, max_streams=1)
    await served.server.start("127.0.0.1", port)
    for page in (first, second):  # nobody missed the step change made while the server was down
        await expect(page.locator("h1")).to_have_text("Drempelcheck", timeout=20_000)


async def test_the_join_link_cannot_flood_the_session(serve, browser):
    served = await serve(MANTELZORG, clock=time.monotonic, max_participants=2)
    pages = [await phone(browser) for _ in range(3)]
    for page in pages[:2]:
        await page.goto(served.server.url)
        await expect(page.locator("h1")).to_have_text("Welkom en uitleg")
    await pages[2].goto(served.server.url)
    await expect(pages[2].locator("[role=alert]")).to_have_text(
        "De sessie is vol: er kunnen hooguit 2 telefoons tegelijk meedoen. Probeer het over een paar minuten"
        " opnieuw, of vraag de begeleider om je erbij te laten."
    )
    await assert_accessible(pages[2], "session full")
    served.service.close_door()
    await pages[2].goto(served.server.url)
    await expect(pages[2].locator("[role=alert]")).to_contain_text("De deur is dicht")
    await shoot(pages[2], "told-05-deur-dicht")
    await pages[0].goto(served.server.url)  # a phone that joined before still gets in
    await expect(pages[0].locator("h1")).to_have_text("Welkom en uitleg")
    # "Deelnemers" counts who took part, not who joined.
    served.go("drempelcheck")
    await pages[0].locator("#s0 label.choice").first.click()
    await expect(pages[0].locator("#s0 .state")).to_have_text("✓ Opgeslagen")
    assert "- **Deelnemers:** 1\n" in session_summary(served.service.state)


@pytest.mark.parametrize("js", [True, False])
async def test_after_voting_closes_the_phone_says_so_and_shows_your_dots(serve, browser, js):
    served = await serve(MANTELZORG, clock=time.monotonic)
    served.go("drempels")
    card = served.service.add_contribution("Geen tijd")
    served.go("wat-pakken-we-eerst-aan")
    served.service.open_voting()
    page = await phone(browser, js=js)
    await page.goto(served.server.url)
    await page.locator(f"#add-{card.id}").click()
    await expect(page.locator("#stippen")).to_have_text("Je hebt nog 1 van de 2 stippen.")
    served.service.close_voting()
    if not js:
        await page.goto(served.server.url)
    await expect(page.locator(".box.wait")).to_have_text("Het stemmen is gesloten. Kijk mee op het scherm.")
    await expect(page.locator("ul.mine li")).to_have_text("Geen tijd (1 stip)")
    assert "nog niet open" not in await page.content()


async def sent_from_a_phone(serve, browser, js: bool, text: str):
    """A new session at its 'Drempels' step and a phone (with or without JavaScript) that sent `text` there."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    served.go("drempels")
    page = await phone(browser, js=js)
    await page.goto(served.server.url)
    if js:
        await page.get_by_role("button", name="Zeg ik liever niet").click()
    await page.fill("textarea", text)
    await page.get_by_role("button", name="Versturen").click()
    return served, page


@pytest.mark.parametrize("js", [True, False])
async def test_a_privacy_warning_can_be_acted_on(serve, browser, js):
    served, page = await sent_from_a_phone(serve, browser, js, "Bel de dochter op 06-12345678")
    warning = page.locator(".box.warn")
    await expect(warning).to_contain_text("Verstuurd, maar let op: Je bericht bevat mogelijk een telefoonnummer.")
    await expect(page.locator(".box.ok")).to_have_count(0)  # no green "Verstuurd" above a warning
    await shoot(page, f"told-07-privacy-{'js' if js else 'nojs'}")
    await warning.get_by_role("link", name="Aanpassen").click()
    await expect(page.locator("textarea#text")).to_have_value("Bel de dochter op 06-12345678")
    await page.fill("textarea", "Bel de dochter op")
    await page.get_by_role("button", name="Opslaan").click()
    await expect(page.locator(".box.ok")).to_have_text("Je kaartje is aangepast.")
    await expect(page.locator(".box.warn")).to_have_count(0)
    assert [c.text for c in served.service.state.cards("drempels")] == ["Bel de dochter op"]
    await page.fill("textarea", "Mevrouw de Vries, kamer 12")
    await page.get_by_role("button", name="Versturen").click()
    await page.locator(".box.warn").get_by_role("button", name="Intrekken").click()
    await expect(page.locator(".box.ok")).to_have_text("Je kaartje is ingetrokken.")
    assert [c.text for c in served.stored().cards("drempels")] == ["Bel de dochter op"]


async def test_an_anonymous_answer_of_too_few_people_is_not_shown(serve, browser):
    served = await serve(INCIDENT, clock=time.monotonic)
    safety = next(s for s in served.service.state.script.steps if s.title == "Hoe veilig voelde dit gesprek?")
    served.go(safety.id)
    page = await phone(browser)
    await page.goto(served.server.url)
    await page.locator("#s0-4 + span").click()
    await expect(page.locator("#s0 .state")).to_have_text("✓ Opgeslagen")
    served.service.reveal()
    results = page.locator("section.results")
    await expect(results).to_contain_text("Te weinig antwoorden om te tonen")
    assert "4: 1" not in await results.inner_text()
    await shoot(page, "told-08-te-weinig")
    served.service.reveal(revealed=False)  # answering closed at the reveal; hidden again, it reopens
    for value in ("4", "2"):
        await (await served.phone()).post("rate", {"s0": value})
    served.service.reveal()
    await page.reload()
    await expect(results.locator("ul.counts")).to_contain_text("4: 2")


@pytest.mark.parametrize("js", [True, False])
async def test_a_fix_of_a_flagged_card_the_room_moved_on_from_is_not_lost_without_a_word(serve, browser, js):
    served, page = await sent_from_a_phone(serve, browser, js, "Bel mevrouw Bakker op 06-12345678")
    await page.locator(".box.warn").get_by_role("link", name="Aanpassen").click()
    await expect(page.locator("textarea#text")).to_have_value("Bel mevrouw Bakker op 06-12345678")
    await page.fill("textarea", "Bel de mantelzorger")
    served.go("wat-pakken-we-eerst-aan")  # the facilitator moves on before "Opslaan"
    if js:
        await expect(page.locator("h1")).to_have_text("Wat pakken we eerst aan?")
        box = page.locator("#concept .box.warn")
        await expect(box).to_contain_text("Je aanpassing is niet opgeslagen, de begeleider is doorgegaan.")
        await expect(box).to_contain_text("Je kaartje bleef zoals het was.")
        await expect(box.locator("blockquote")).to_have_text("Bel de mantelzorger")
        await assert_accessible(page, "a change not sent after a step change")
    else:
        await page.get_by_role("button", name="Opslaan").click()
        notice = page.locator("#melding")
        await expect(notice).to_contain_text("Je aanpassing is niet opgeslagen, de begeleider is doorgegaan.")
        await expect(notice.locator("blockquote")).to_have_text("Bel de mantelzorger")
    assert [c.text for c in served.stored().cards("drempels")] == ["Bel mevrouw Bakker op 06-12345678"]


async def test_a_late_role_answer_leaves_the_focus_where_the_person_went_on(serve, browser):
    """The answer to "Zeg ik liever niet" arriving after the person went on to a question takes no focus from it."""
    served = await serve(MANTELZORG, clock=time.monotonic)
    served.go("drempelcheck")
    page = await phone(browser)
    await page.goto(served.server.url)
    released, answers = asyncio.Event(), []

    async def late(route):  # stored at once; its answer held until the rating below is saved
        response = await route.fetch()
        answers.append(response.status)
        await released.wait()
        await route.fulfill(response=response)

    await page.route("**/role", late)
    await page.get_by_role("button", name="Zeg ik liever niet").click()
    await tab_to(page, "#s2-groen")
    await page.keyboard.press("ArrowRight")
    await expect(page.locator("#s2 .state")).to_have_text("✓ Opgeslagen")
    assert answers == [200]
    released.set()
    await expect(page.locator("#rol")).to_contain_text("Je doet mee zonder rol.")
    await expect(page.locator("#live")).to_contain_text("Je doet mee zonder rol.")
    assert await focused_id(page) == "s2-oranje"
