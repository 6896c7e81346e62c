"""The whole room: the real facilitator app (Pilot) serves the phones, two phones in Chromium take part.

The join URL is read from the QR code the app draws in the terminal, not taken from the server.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import SCRIPTS
from tests.core import mdcheck
from tests.web.qrscan import decode, matrix_from_text
from tests.web.test_phone_e2e import CHROMIUM, PHONE, WAIT, browser, shoot  # noqa: F401  (browser: fixture)
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.session import SessionScreen
from workshop.tui.widgets import Board, JoinPanel
from workshop.workspace import Workspace

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (/usr/bin/chromium)"),
]
async_api = pytest.importorskip("playwright.async_api", reason="the playwright package (test extra) drives Chromium")
expect = async_api.expect


async def until(condition, what: str, pilot, limit: float = 10.0) -> None:
    """Let the app run until `condition()` holds; fail saying `what` after `limit` seconds."""
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await pilot.pause(0.05)


def board_texts(app) -> list[str]:
    board = app.screen.query_one(Board)
    return [str(board.get_row_at(n)[-1]) for n in range(board.row_count)]


async def test_facilitator_app_and_two_phones(tmp_path: Path, browser) -> None:  # noqa: F811
    workspace = Workspace(tmp_path)
    # The real clock: the phones' rate limits refill with real time.
    service = workspace.new_session(load_script(SCRIPTS / "mantelzorg-drempelcheck.md"), team="Team Noord")
    app = WorkshopApp(workspace, session=service, host="127.0.0.1", port=0)
    async with app.run_test(size=(140, 44)) as pilot:
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await until(lambda: screen.server is not None, "the participant server", pilot)
        qr = screen.query_one(JoinPanel).query_one("#qr").render()
        url = decode(matrix_from_text(str(qr)))
        assert url == screen.server.url and url.startswith("http://127.0.0.1:")
        assert (tmp_path / "exports" / f"{service.state.meta.id}-qr.svg").exists()

        contexts = [await browser.new_context(**PHONE) for _ in range(2)]
        for context in contexts:
            context.set_default_timeout(WAIT)
        anna, bram = [await c.new_page() for c in contexts]
        for page in (anna, bram):
            await page.goto(url)
            await expect(page.locator("h1")).to_have_text("Welkom en uitleg")
        await until(lambda: len(service.state.participants) == 2, "two participants", pilot)
        # A phone counts once its page asked with the cookie it was given (after the join's redirect); the count
        # beside the QR code follows who is here within a second.
        count = screen.query_one("#join-count")
        await until(lambda: "2 telefoons doen mee" in str(count.render()), "two phones counted", pilot)

        # Round: the phones follow the facilitator's key press and their answers appear on the board.
        await pilot.press("n")  # the review of open actions is passed by: this team has none (skip_when_empty)
        for page in (anna, bram):
            await expect(page.locator("h1")).to_have_text("Wat ging goed?")
        await anna.fill("textarea", "De dochter hielp bij het eten")
        await anna.get_by_role("button", name="Versturen").click()
        await expect(anna.locator(".box.ok")).to_contain_text("Verstuurd")
        await bram.fill("textarea", "[bold red]Samen[/] <b>plannen</b>")
        await bram.get_by_role("button", name="Versturen").click()
        await expect(bram.locator(".box.ok")).to_contain_text("Verstuurd")
        await until(lambda: len(board_texts(app)) == 2, "two cards on the board", pilot)
        assert board_texts(app) == ["De dochter hielp bij het eten", "[bold red]Samen[/] <b>plannen</b>"]
        await shoot(anna, "tui-01-rondje")

        # Rate: phones answer, a person without a phone answers through the facilitator, then the reveal.
        await pilot.press("n")
        await expect(anna.locator("h1")).to_have_text("Drempelcheck")
        await anna.locator("#s0 label.choice", has_text="🟢 geregeld en werkt").click()
        await expect(anna.locator("#s0 .state")).to_have_text("✓ Opgeslagen")
        await bram.locator("#s0 label.choice", has_text="🔴 ontbreekt").click()
        await expect(bram.locator("#s0 .state")).to_have_text("✓ Opgeslagen")
        await pilot.press("m", "3", "r")  # proxy answers 🔴 on statement 1
        await expect(anna.locator("section.results h2")).to_have_text("Uitslag")
        await shoot(anna, "tui-02-uitslag")

        # Collect: cards from phones and one said in the room.
        for _ in range(3):
            await pilot.press("n")
        await expect(anna.locator("h1")).to_have_text("Drempels")
        for page, text in ((anna, "Geen tijd in het rooster"), (bram, "Onduidelijk wie belt")):
            await page.fill("textarea", text)
            await page.get_by_role("button", name="Versturen").click()
            await expect(page.locator("ul.mine li .text").last).to_have_text(text)
        await pilot.press("a", *"Folder", "enter", "escape")
        await until(lambda: len(board_texts(app)) == 3, "three cards", pilot)

        # Vote: opened from the keyboard, phones spend their dots, the facilitator adds a proxy dot.
        await pilot.press("n")
        await expect(anna.locator(".box.wait")).to_contain_text("Het stemmen is nog niet open.")
        await pilot.press("o")
        await expect(anna.locator("#stippen")).to_have_text("Je hebt nog 2 van de 2 stippen.")
        for page, label, left in (
            (anna, "Geen tijd in het rooster", 1),
            (anna, "Onduidelijk wie belt", 0),
            (bram, "Onduidelijk wie belt", 1),
        ):
            await page.locator("ul.items li", has_text=label).get_by_role("button", name="Stip erbij").click()
            await expect(page.locator("#stippen")).to_have_text(f"Je hebt nog {left} van de 2 stippen.")
        await pilot.press("m", "down", "v", "o", "r")  # a dot for "Onduidelijk wie belt" on someone's behalf
        await expect(anna.locator("section.results li").first).to_contain_text("1. Onduidelijk wie belt")
        await shoot(bram, "tui-03-stemmen")
        await pilot.pause()
        assert board_texts(app)[0] == "Onduidelijk wie belt"

        # Actions from the keyboard, then the closing round, then the export.
        await pilot.press("n", "c")
        await pilot.pause()
        for value in ("Maak een belschema", "teamleider", "2026-12-31"):
            await pilot.press(*[("space" if ch == " " else ch) for ch in value], "enter")
        await pilot.press("ctrl+s", "n")
        await expect(bram.locator("h1")).to_have_text("Afsluiting")
        await bram.fill("textarea", "Een vaste plek voor afspraken")
        await bram.get_by_role("button", name="Versturen").click()
        await expect(bram.locator(".box.ok")).to_contain_text("Verstuurd")
        await until(lambda: len(service.state.cards("afsluiting")) == 1, "the closing answer", pilot)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("escape", "ctrl+q")
        for context in contexts:
            await context.close()

    summary = (tmp_path / "exports" / f"{service.state.meta.id}.md").read_text(encoding="utf-8")
    items = mdcheck.list_items(summary)
    for text in (
        "De dochter hielp bij het eten",
        "[bold red]Samen[/] <b>plannen</b>",
        "Geen tijd in het rooster",
        "Onduidelijk wie belt",
        "Folder",
        "Een vaste plek voor afspraken",
    ):
        assert text in items, text
    tables = mdcheck.tables(summary)
    votes = next(t for t in tables if t[0] == ["Plaats", "Thema of kaartje", "Stippen"])
    assert votes[1:] == [
        ["1", "Onduidelijk wie belt", "3"],
        ["2", "Geen tijd in het rooster", "1"],
        ["3", "Folder", "0"],
    ]
    ratings = next(t for t in tables if t[0][0] == "Stelling")
    assert ratings[1][1:5] == ["1", "0", "2", "0"]  # 🟢 1, 🔴 2 (a phone and the proxy)
    do = next(t for t in tables if t[0][:2] == ["ID", "Wat"])
    assert do[1][1] == "Maak een belschema"
