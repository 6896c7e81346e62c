"""WCAG 2.2 AA on every state of the phone pages (axe-core in real Chromium, JS on and off), and the new
things a phone offers: a typed join code, the role question with results per role, progress and time
left, English or a third language from a file, all by keyboard alone."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from tests.web.browser import assert_accessible, browser, expect, focused_id, needs_chromium, phone, shoot, tab_to
from tests.web.conftest import INCIDENT, MANTELZORG, VISIE
from workshop.core.join_code import format_join_code, join_code
from workshop.web.strings import LOCALES

pytestmark = [needs_chromium, pytest.mark.slow]  # real browsers
__all__ = ["browser"]  # the fixture, used by name


async def test_every_page_state_passes_axe_with_and_without_javascript(serve, browser):
    served = await serve(MANTELZORG, clock=time.monotonic)
    service, url = served.service, served.server.url
    page, plain = await phone(browser), await phone(browser, js=False)
    checker = await phone(browser)  # runs axe on the HTML the phone without JavaScript got

    async def check(state: str) -> None:
        await assert_accessible(page, state)
        await plain.goto(served.base + f"/s/{served.token}")
        await assert_accessible(plain, state + " (no JavaScript)", checker)

    await page.goto(f"{served.base}/")
    await assert_accessible(page, "join code")
    await page.fill("#code", "XXXXXX")
    await page.keyboard.press("Enter")
    await expect(page.locator("#melding")).to_be_visible()
    await assert_accessible(page, "join code, wrong")
    await page.goto(url.replace(served.token, "oud"))
    await assert_accessible(page, "old link")
    await plain.goto(url)
    await page.goto(url)
    await check("welcome with the role question")
    await page.get_by_role("button", name="Zeg ik liever niet").click()
    await check("welcome")
    served.go("wat-ging-goed")
    await expect(page.locator("h1")).to_have_text("Wat ging goed?")
    await check("a round")
    served.go("drempels")
    await expect(page.locator("h1")).to_have_text("Drempels")  # typed before the page moved on = an orphan
    await page.fill("textarea", "Bel mevrouw Jansen op 06-12345678")
    await page.get_by_role("button", name="Versturen").click()
    await expect(page.locator(".box.warn")).to_be_visible()
    await check("a card with a privacy warning")
    await page.locator(".box.warn").get_by_role("link", name="Aanpassen").click()
    await assert_accessible(page, "editing a card")
    await page.get_by_role("link", name="Niet aanpassen").click()
    await page.fill("textarea", "Onderweg")
    served.go("wat-zie-jij")
    await expect(page.locator("#concept .box")).to_be_visible()
    await assert_accessible(page, "a draft after the room moved on")
    served.go("drempelcheck")
    await expect(page.locator("h1")).to_have_text("Drempelcheck")
    await check("statements to answer")
    await page.locator("#s0-rood + span").click()
    await expect(page.locator("#s0 .state")).to_have_text("✓ Opgeslagen")
    for value in ("rood", "groen"):
        await (await served.phone()).post("rate", {"s0": value})
    service.reveal()
    await expect(page.locator("section.results")).to_be_visible()
    await check("statements with results")
    served.go("rood-of-oneens")
    await check("the review of red and disputed statements")
    served.go("drempels")
    for text in ("Geen tijd", "Geen plek"):
        service.add_contribution(text)
    served.go("wat-pakken-we-eerst-aan")
    await check("voting not open yet")
    service.open_voting()
    await expect(page.locator("#stippen")).to_be_visible()
    await check("voting")
    await page.locator("ul.items button[value=add]").first.click()
    # A second tap while the first is on its way counts as a double tap (one dot): wait for it, as a person sees it.
    await expect(page.locator("#stippen")).to_have_text("Je hebt nog 1 van de 2 stippen.")
    await page.locator("ul.items button[value=add]:not([disabled])").first.click()
    await expect(page.locator("#stippen")).to_have_text("Je hebt nog 0 van de 2 stippen.")
    await check("voting, every dot placed")
    service.close_voting()
    await expect(page.locator(".box.wait")).to_contain_text("gesloten")
    await check("voting closed")
    service.reveal()
    await check("vote results, too few voters")
    await page.goto(f"{served.base}/taal/en?next=/s/{served.token}")
    await expect(page.locator("html")).to_have_attribute("lang", "en")
    await assert_accessible(page, "in English")
    service.close_session()
    await page.goto(url)
    await check("the session has ended")


async def test_a_code_typed_by_hand_joins_and_guessing_is_refused(serve, browser):
    served = await serve(MANTELZORG, clock=time.monotonic)
    page = await phone(browser)
    await page.goto(f"{served.base}/")
    await page.fill("#code", "ACD 234")
    await page.get_by_role("button", name="Meedoen").click()
    await expect(page.locator("#melding")).to_contain_text("Deze code klopt niet.")
    await expect(page.locator("#code")).to_have_attribute("aria-invalid", "true")
    await page.fill("#code", format_join_code(join_code(served.token)).lower())  # "kmt 4rx": case does not matter
    await page.keyboard.press("Enter")
    await expect(page.locator("h1")).to_have_text("Welkom en uitleg")
    await shoot(page, "a11y-02-code")


async def test_the_role_question_and_results_per_role(serve, browser):
    served = await serve(MANTELZORG, clock=time.monotonic)
    served.go("drempelcheck")
    for role, value in [("medewerker", "groen")] * 3 + [("mantelzorger of naaste", "rood")] * 3:
        staff = await served.phone(role=role)
        await staff.post("rate", {"s0": value, "s1": value})
    page = await phone(browser)
    await page.goto(served.server.url)
    question = page.get_by_role("region", name="Wat is je rol?")
    await expect(question).to_be_visible()
    await question.get_by_text("mantelzorger of naaste").click()
    await question.get_by_role("button", name="Verder").click()
    await expect(page.get_by_role("region", name="Wat is je rol?")).to_have_count(0)
    await page.locator("#s0-rood + span").click()  # a fourth carer; statement 2 keeps three of each
    await expect(page.locator("#s0 .state")).to_have_text("✓ Opgeslagen")
    served.service.reveal()
    roles = page.locator("section.results > ul.statements > li").nth(1).locator("ul.roles li")
    await expect(roles).to_have_text(["medewerker: geregeld en werkt 3", "mantelzorger of naaste: ontbreekt 3"])
    await shoot(page, "a11y-03-per-rol")
    assert {p.role for p in served.service.state.participants} == {"medewerker", "mantelzorger of naaste"}


async def test_progress_and_time_left_are_on_the_phone(serve, browser):
    served = await serve(MANTELZORG, clock=time.monotonic)
    served.go("drempelcheck")
    others = [await served.phone() for _ in range(2)]
    page = await phone(browser)
    await page.goto(served.server.url)
    await expect(page.locator("#klok")).to_have_text("Nog 16 minuten")  # the session's clock stands still
    await expect(page.locator("#voortgang")).to_have_text("0 van 3 hebben alles beantwoord")
    statements = len(served.service.state.step.rated_statements)
    await others[0].post("rate", {f"s{n}": "groen" for n in range(statements)})
    await others[1].post("rate", {"s0": "groen"})  # one statement of many: not done yet
    await expect(page.locator("#voortgang")).to_have_text("1 van 3 heeft alles beantwoord")  # live, without a reload
    await others[1].post("rate", {f"s{n}": "rood" for n in range(1, statements)})
    await expect(page.locator("#voortgang")).to_have_text("2 van 3 hebben alles beantwoord")
    await shoot(page, "a11y-04-voortgang")


async def test_english_on_the_phone_and_a_third_language_is_a_file(serve, browser, tmp_path: Path):
    locales = tmp_path / "locales"
    shutil.copytree(LOCALES, locales)
    english = json.loads((locales / "en.json").read_text(encoding="utf-8"))
    german = {
        "language": "Deutsch",
        "strings": {dutch: f"DE {text}" for dutch, text in english["strings"].items()},
        "messages": {"card.empty": "Deine Nachricht ist leer."},
    }
    (locales / "de.json").write_text(json.dumps(german, ensure_ascii=False), encoding="utf-8")
    served = await serve(MANTELZORG, clock=time.monotonic, locales=locales)
    served.go("drempels")
    page = await phone(browser)
    await page.goto(served.server.url)
    await page.get_by_role("link", name="English").click()
    await expect(page.get_by_role("button", name="Send")).to_be_visible()
    await expect(page.locator("html")).to_have_attribute("lang", "en")
    await page.get_by_role("link", name="Deutsch").click()
    await expect(page.get_by_role("button", name="DE Send")).to_be_visible()
    await page.locator("textarea").evaluate("area => area.removeAttribute('required')")
    await page.get_by_role("button", name="DE Send").click()
    await expect(page.locator("#melding")).to_have_text("Deine Nachricht ist leer.")
    await shoot(page, "a11y-05-deutsch")


async def test_a_whole_session_by_keyboard_alone(serve, browser):
    served = await serve(INCIDENT, clock=time.monotonic)
    page = await phone(browser)
    await page.goto(f"{served.base}/")
    await tab_to(page, "#code")
    await page.keyboard.type(join_code(served.token))
    await page.keyboard.press("Enter")
    await expect(page.locator("h1")).to_have_text(served.service.state.step.title)
    if await page.locator("form.role").count():
        await tab_to(page, "form.role button.secondary")
        await page.keyboard.press("Enter")
    step = next(s for s in served.service.state.script.steps if s.kind == "collect")
    served.go(step.id)
    await expect(page.locator("h1")).to_have_text(step.title)
    if await page.locator("select#category").count():
        await tab_to(page, "select#category")
        await page.keyboard.press("ArrowDown")
    await tab_to(page, "textarea#text")
    await page.keyboard.type("Het overdrachtsformulier was niet bij de hand")
    await page.keyboard.press("Tab")  # to the hint-free button
    await tab_to(page, "form.send button[type=submit]")
    await page.keyboard.press("Enter")
    await expect(page.locator(".box.ok")).to_have_text("Verstuurd. Je kunt er nog een sturen.")
    assert await focused_id(page) == "text"  # ready for the next card
    safety = next(s for s in served.service.state.script.steps if s.title == "Hoe veilig voelde dit gesprek?")
    served.go(safety.id)
    await expect(page.locator("h1")).to_have_text(safety.title)
    await tab_to(page, "#s0-1")
    for _ in range(3):
        await page.keyboard.press("ArrowRight")
    await expect(page.locator("#live")).to_have_text("Opgeslagen: 4")
    await expect(page.locator("#s0-4")).to_be_checked()
    assert await focused_id(page) == "s0-4"
    await tab_to(page, "nav.langs a")
    await page.keyboard.press("Enter")
    await expect(page.locator("html")).to_have_attribute("lang", "en")
    assert served.service.answers_of(served.service.state.participants[0].id) == {0: "4"}


async def test_categories_with_their_guiding_questions_pass_axe(serve, browser):
    served = await serve(VISIE, clock=time.monotonic)
    step = next(s for s in served.service.state.script.steps if s.category_help and not s.pick)
    served.go(step.id)
    page = await phone(browser)
    await page.goto(served.server.url)
    await expect(page.locator("ul.helps li").first).to_be_visible()
    await assert_accessible(page, "categories with guiding questions")
    pick = next(s for s in served.service.state.script.steps if s.pick)
    served.go(pick.id)
    await expect(page.locator(".box.wait")).to_contain_text("kiest eerst de onderwerpen")
    await assert_accessible(page, "waiting for the facilitator's choice of categories")


async def test_the_time_left_is_right_after_a_step_change_however_long_the_page_was_open(serve, browser):
    served = await serve(MANTELZORG, clock=time.monotonic)  # the session's clock stands still
    served.go("drempelcheck")
    page = await phone(browser)
    await page.clock.install()
    await page.goto(served.server.url)
    await expect(page.locator("#klok")).to_have_text("Nog 16 minuten")
    await page.clock.fast_forward("05:00")  # the phone has been open a while
    minutes = next(s.minutes for s in served.service.state.script.steps if s.id == "drempels")
    served.go("drempels")  # the live update brings the new step with its full time
    await expect(page.locator("h1")).not_to_have_text("Drempelcheck")
    await page.clock.fast_forward("00:16")  # the phone's own 15-second tick
    await expect(page.locator("#klok")).to_have_text(f"Nog {minutes - 1} minuten")  # 16 s gone: read as a clock
