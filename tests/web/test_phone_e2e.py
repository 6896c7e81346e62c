"""Two phones (plus one without JavaScript) take part in a real headless Chromium via the QR code's URL."""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.web.conftest import MANTELZORG
from tests.web.qrscan import decode, matrix_from_text
from workshop.core.export import escape, session_summary
from workshop.web.qr import qr_matrix, qr_text

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "locale": "nl-NL"}
WAIT = 10_000  # ms; every wait ends as soon as the page shows what it should

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (/usr/bin/chromium)"),
]
async_api = pytest.importorskip("playwright.async_api", reason="the playwright package (test extra) drives Chromium")
expect = async_api.expect


@pytest.fixture
async def browser():
    playwright = await async_api.async_playwright().start()
    try:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
    except Exception:
        await playwright.stop()
        raise
    yield browser
    await browser.close()
    await playwright.stop()


async def shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


async def test_two_phones_join_by_qr_contribute_vote_and_rate(serve, browser):
    served = await serve(MANTELZORG, clock=time.monotonic)  # real time: the rate limit refills
    service = served.service
    # The URL comes from scanning the code, both as the terminal shows it and as the matrix.
    url = decode(matrix_from_text(qr_text(served.server.url)))
    assert url == decode(qr_matrix(served.server.url))

    contexts = [await browser.new_context(**PHONE) for _ in range(2)]
    no_js = await browser.new_context(**PHONE, java_script_enabled=False)
    for context in (*contexts, no_js):
        context.set_default_timeout(WAIT)
    anna, bram = [await c.new_page() for c in contexts]
    cees = await no_js.new_page()
    for page in (anna, bram, cees):
        await page.goto(url)
        await expect(page.locator("h1")).to_have_text("Welkom en uitleg")
    assert len(service.state.participants) == 3
    await shoot(anna, "01-welkom")

    # The facilitator moves on (past the review of open actions: this team has none); the phones with
    # JavaScript follow by themselves (SSE).
    service.go_to("wat-ging-goed")
    for page in (anna, bram):
        await expect(page.locator("h1")).to_have_text("Wat ging goed?")
    await anna.fill("textarea", "De dochter hielp bij het eten geven")
    await anna.get_by_role("button", name="Versturen").click()
    await expect(anna.locator(".box.ok")).to_contain_text("Verstuurd")
    hostile = "<b>vet</b> [bold red]x[/] <script>alert(1)</script>"
    await bram.fill("textarea", hostile)
    await bram.get_by_role("button", name="Versturen").click()
    await expect(bram.locator("ul.mine li .text")).to_have_text(hostile)  # shown as text, not markup
    await cees.goto(url)  # without JavaScript: the refresh link or a reload brings the new step
    await expect(cees.locator("h1")).to_have_text("Wat ging goed?")
    await cees.fill("textarea", "Samen plannen werkte goed")
    await cees.get_by_role("button", name="Versturen").click()
    await expect(cees.locator(".box.ok")).to_contain_text("Verstuurd")
    await shoot(bram, "02-rondje-verstuurd")

    # Rate: a tap saves at once with JavaScript; without it, the button saves.
    service.advance()
    await expect(anna.locator("h1")).to_have_text("Drempelcheck")
    await expect(bram.locator("h1")).to_have_text("Drempelcheck")
    answers = {anna: {0: "🟢 geregeld en werkt", 1: "🔴 ontbreekt"}, bram: {0: "🔴 ontbreekt", 13: "❓ weet ik niet"}}
    for page, chosen in answers.items():
        for index, label in chosen.items():
            await page.locator(f"#s{index} label.choice", has_text=label).click()
            await expect(page.locator(f"#s{index} .state")).to_have_text("✓ Opgeslagen")
    await cees.goto(url)
    await cees.locator("#s0 label.choice", has_text="🟠 deels of alleen op papier").click()
    await cees.get_by_role("button", name="Antwoorden opslaan").click()
    await expect(cees.locator(".box.ok")).to_have_text("Je antwoorden zijn opgeslagen.")
    await expect(anna.locator("p.hint").first).to_contain_text("2 van 21 ingevuld")
    await shoot(anna, "03-drempelcheck")
    # Anna changes her mind: one answer per statement.
    await anna.locator("#s1 label.choice", has_text="🟠 deels of alleen op papier").click()
    await expect(anna.locator("#s1 input[value=oranje]")).to_be_checked()

    assert "Uitslag" not in await anna.content()
    service.reveal()
    await expect(anna.locator("section.results h2")).to_have_text("Uitslag")
    await shoot(anna, "04-drempelcheck-uitslag")

    # Collect, then vote on the cards.
    service.go_to("drempels")
    await expect(anna.locator("h1")).to_have_text("Drempels")
    cards = {anna: ["Geen tijd in het rooster", "Afspraken staan nergens"], bram: ["Onduidelijk wie belt"]}
    for page, texts in cards.items():
        for text in texts:
            await page.fill("textarea", text)
            await page.get_by_role("button", name="Versturen").click()
            await expect(page.locator("ul.mine li .text").last).to_have_text(text)
    await shoot(anna, "05-drempels")

    service.advance()
    await expect(anna.locator(".box.wait")).to_contain_text("Het stemmen is nog niet open.")
    await shoot(anna, "06-stemmen-wacht")
    service.open_voting()
    await expect(anna.locator("#stippen")).to_have_text("Je hebt nog 2 van de 2 stippen.")
    await expect(bram.locator("#stippen")).to_have_text("Je hebt nog 2 van de 2 stippen.")

    async def dot(page, label: str, action: str = "Stip erbij") -> None:
        # The accessible name says which item the button is for, not only "Stip erbij".
        await page.get_by_role("button", name=re.compile(rf"{action}\s*:\s*{re.escape(label)}")).click()

    await dot(anna, "Geen tijd in het rooster")
    await expect(anna.locator("#stippen")).to_have_text("Je hebt nog 1 van de 2 stippen.")
    await dot(anna, "Onduidelijk wie belt")
    await expect(anna.locator("#stippen")).to_have_text("Je hebt nog 0 van de 2 stippen.")
    await dot(bram, "Onduidelijk wie belt")
    await dot(bram, "Geen tijd in het rooster")
    await expect(bram.locator("#stippen")).to_have_text("Je hebt nog 0 van de 2 stippen.")
    await dot(bram, "Geen tijd in het rooster", "Stip eraf")
    await expect(bram.locator("#stippen")).to_have_text("Je hebt nog 1 van de 2 stippen.")
    await dot(bram, "Afspraken staan nergens")
    await expect(bram.locator("#stippen")).to_have_text("Je hebt nog 0 van de 2 stippen.")
    await shoot(anna, "07-stemmen")
    # A second dot on the same card (max 1 per item) is not offered; a page that still offers it (one
    # from before the dot, as on a slow phone) is refused by the core, and the phone says why.
    await dot(bram, "Afspraken staan nergens", "Stip eraf")
    full = bram.get_by_role("button", name=re.compile(r"Stip erbij\s*:\s*Onduidelijk wie belt"))
    await expect(full).to_be_disabled()
    await full.evaluate("button => { button.removeAttribute('disabled'); button.click(); }")
    await expect(bram.locator("#melding")).to_contain_text("Je kunt hier maar 1 stip op zetten.")
    await shoot(bram, "08-stemmen-fout")

    # Cees votes without JavaScript: three voters, the script's minimum group size for showing results.
    await cees.goto(url)
    await cees.get_by_role("button", name=re.compile(r"Stip erbij\s*:\s*Onduidelijk wie belt")).click()
    await expect(cees.locator("#stippen")).to_have_text("Je hebt nog 1 van de 2 stippen.")
    service.close_voting()
    service.reveal()
    await expect(anna.locator("section.results li").first).to_contain_text("1. Onduidelijk wie belt")
    await shoot(anna, "09-stemmen-uitslag")

    service.go_to("afsluiting")
    await expect(bram.locator("h1")).to_have_text("Afsluiting")
    await bram.fill("textarea", "Een vaste plek voor afspraken")
    await bram.get_by_role("button", name="Versturen").click()
    await expect(bram.locator(".box.ok")).to_contain_text("Verstuurd")
    service.close_session()
    await expect(anna.locator(".box.wait")).to_have_text("De sessie is afgelopen. Bedankt voor het meedoen!")
    await shoot(anna, "10-afgelopen")

    # What the session holds is exactly what the phones sent.
    state = served.stored()
    ids = {page: pid for page, pid in zip((anna, bram, cees), (p.id for p in state.participants), strict=False)}
    texts = lambda step: [(c.author, c.text) for c in state.cards(step)]
    assert texts("wat-ging-goed") == [
        (ids[anna], "De dochter hielp bij het eten geven"),
        (ids[bram], hostile),
        (ids[cees], "Samen plannen werkte goed"),
    ]
    assert texts("drempels") == [(ids[anna], t) for t in cards[anna]] + [(ids[bram], t) for t in cards[bram]]
    assert texts("afsluiting") == [(ids[bram], "Een vaste plek voor afspraken")]
    ratings = {(r.voter, r.statement): r.value for r in state.ratings}
    assert ratings == {
        (ids[anna], 0): "groen",
        (ids[anna], 1): "oranje",
        (ids[bram], 0): "rood",
        (ids[bram], 13): "onbekend",
        (ids[cees], 0): "oranje",
    }
    label = {c.id: c.text for c in state.cards("drempels")}
    votes = Counter((v.voter, label[v.item_id]) for v in state.votes)
    assert votes == Counter(
        {
            (ids[anna], "Geen tijd in het rooster"): 1,
            (ids[anna], "Onduidelijk wie belt"): 1,
            (ids[bram], "Onduidelijk wie belt"): 1,
            (ids[cees], "Onduidelijk wie belt"): 1,
        }
    )
    summary = session_summary(state)
    for text in [
        hostile,
        "De dochter hielp bij het eten geven",
        "Samen plannen werkte goed",
        *cards[anna],
        *cards[bram],
        "Een vaste plek voor afspraken",
    ]:
        assert f"- {escape(text)}" in summary, text
    assert "| 1 | Onduidelijk wie belt | 3 |" in summary
    assert "| 2 | Geen tijd in het rooster | 1 |" in summary
    # An old link (a previous session's QR code) gets a friendly page.
    await anna.goto(url.replace(served.token, "een-oude-code"))
    await expect(anna.locator("[role=alert]")).to_have_text(
        "Deze link hoort niet bij de sessie van nu. Misschien is het een oude link. "
        "Scan de QR-code die nu op het scherm staat."
    )
    await shoot(anna, "11-oude-link")
    for context in (*contexts, no_js):
        await context.close()


async def test_a_phone_in_a_join_rush_waits_and_gets_in_by_itself(serve, browser):
    # A room budget of one phone, and the limiter's clock stands still: the second phone is in a "rush".
    served = await serve(MANTELZORG, join_rate=1.0, join_burst=1)
    first, second = [await (await browser.new_context(**PHONE)).new_page() for _ in range(2)]
    await first.goto(served.server.url)
    await expect(first.locator("h1")).to_have_text("Welkom en uitleg")
    response = await second.goto(served.server.url)
    assert response is not None and response.status == 429
    await expect(second.locator("h1")).to_have_text("Even wachten")
    await expect(second.locator(".box")).to_contain_text("Je hoeft niets te doen")
    await shoot(second, "join-rush-wait")
    # A second later there is room again. Nobody taps anything: the page tries again by itself.
    served.ticker.now += 1.0
    await expect(second.locator("h1")).to_have_text("Welkom en uitleg", timeout=12_000)
    assert len(served.service.state.participants) == 2
