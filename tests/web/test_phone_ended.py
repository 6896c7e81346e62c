"""A phone whose session stops is told so (user trial: pages of a session the facilitator quit or closed hung on
'Verbinding kwijt'): when the server stops (the app quits, `workshop serve` stops) the event stream says 'ended'
and the page says the facilitator paused the session, keeping what was typed, and follows when it is open again;
only a session closed with `s` says "De sessie is afgelopen. Bedankt voor het meedoen!", with and without
JavaScript. Real Chromium, real servers, the real app."""

from __future__ import annotations

import asyncio
import re
import signal
import sys
import time

import pytest

from tests.conftest import ROOT, SCRIPTS
from tests.web.browser import assert_accessible, browser, expect, needs_chromium, phone, shoot
from tests.web.conftest import MANTELZORG
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.dialogs import ConfirmDialog
from workshop.tui.screens.session import SessionScreen
from workshop.web.server import ParticipantServer
from workshop.workspace import Workspace

pytestmark = [needs_chromium, pytest.mark.slow]  # real browsers
__all__ = ["browser"]  # the fixture, used by name

ENDED = "De sessie is afgelopen. Bedankt voor het meedoen!"
PAUSED = (
    "De begeleider heeft de sessie gepauzeerd. Wat je al verstuurd hebt, is bewaard. "
    "Deze pagina gaat verder zodra de sessie weer open is."
)


async def live(page) -> None:
    """Wait until the page's live stream is open (it says so in its connection line)."""
    await expect(page.locator("#verbinding")).to_have_text("Verbonden: je scherm volgt vanzelf.")


async def in_the_round(served, browser, js: bool = True):
    """A phone that joined and passed the role question, at the round 'Wat ging goed?'; returns its page."""
    page = await phone(browser, js=js)
    await page.goto(served.server.url)
    await page.get_by_role("button", name="Zeg ik liever niet").click()
    # The role's answer is in (the question gone): under load it was still on its way when a test stopped the server,
    # and its failure ("Geen verbinding met de laptop") was said instead of the pause.
    await expect(page.locator("#rol-kiezen")).to_have_count(0)
    await expect(page.locator("h1")).to_have_text("Wat ging goed?")
    return page


async def test_a_stopping_server_tells_the_open_page_and_a_restart_brings_it_back(serve, browser):
    served = await serve(MANTELZORG, clock=time.monotonic)
    served.go("wat-ging-goed")
    page = await in_the_round(served, browser)
    await live(page)
    await page.fill("textarea", "Nog niet verstuurd")
    port = served.server.port
    async with page.expect_event("requestfailed", lambda r: "/events" in r.url):  # it tried to reconnect, in vain
        await served.server.stop()
        await expect(page.locator("#afgelopen")).to_have_text(PAUSED)
    await expect(page.locator("#live")).to_have_text(PAUSED)  # said to a screen reader too
    await shoot(page, "ended-01-server-stopped")
    await expect(page.locator("#verbinding")).to_be_hidden()  # no "Verbinding kwijt" under it
    await expect(page.locator("textarea#text")).to_have_value("Nog niet verstuurd")  # kept, in view
    await expect(page.locator("textarea#text")).to_be_disabled()
    await expect(page.get_by_role("button", name="Versturen")).to_be_disabled()
    await expect(page.locator(".meta")).to_have_count(0)  # no time left counting down in a session that ended
    await assert_accessible(page, "the session ended")

    # The facilitator starts the session again (same address): the page follows by itself.
    served.server = ParticipantServer(served.service, clock=served.ticker)
    await served.server.start("127.0.0.1", port)
    await expect(page.locator("#afgelopen")).to_have_count(0)
    await expect(page.locator("h1")).to_have_text("Wat ging goed?")
    await live(page)
    await expect(page.locator("textarea#text")).to_be_enabled()
    await expect(page.locator("#live")).not_to_contain_text("gepauzeerd")  # the live region no longer says so


async def test_a_closed_session_says_so_with_and_without_javascript_and_once(serve, browser):
    served = await serve(MANTELZORG, clock=time.monotonic)
    served.go("wat-ging-goed")
    page, plain = await in_the_round(served, browser), await in_the_round(served, browser, js=False)
    await live(page)
    served.service.close_session()
    await expect(page.locator(".box.wait")).to_have_text(ENDED)  # the page follows at once
    await plain.reload()  # without JavaScript: on the next load
    await expect(plain.locator(".box.wait")).to_have_text(ENDED)
    await served.server.stop()  # and then the app quits: said once, not twice
    await expect(page.locator("#verbinding")).to_be_hidden()
    await expect(page.locator(".box.wait")).to_have_count(1)
    await expect(page.locator("#afgelopen")).to_have_count(0)


async def test_quitting_the_facilitators_app_tells_the_phones(tmp_path, browser):
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / MANTELZORG), team="Team Noord")
    app = WorkshopApp(workspace, session=service, host="127.0.0.1", port=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        deadline = time.monotonic() + 10
        while screen.server is None:
            assert time.monotonic() < deadline, "the phones' server never started"
            await pilot.pause(0.02)
        page = await phone(browser)
        await page.goto(screen.server.url)
        await expect(page.locator("h1")).to_have_text("Welkom en uitleg")
        await live(page)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("left", "enter")  # Ja
        await expect(page.locator("#afgelopen")).to_have_text(PAUSED)  # the session resumes later: not "afgelopen"
    await expect(page.locator("#verbinding")).to_be_hidden()


async def test_stopping_workshop_serve_tells_the_phones(tmp_path, browser):
    """`workshop serve` as a user runs it, stopped with Ctrl+C (SIGINT)."""
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / MANTELZORG), team="Team Noord")
    session_id = service.state.meta.id
    service.release()
    served = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "workshop.cli", "--workspace", str(tmp_path), "serve", session_id,
        "--host", "127.0.0.1", "--port", "0",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    try:
        assert served.stdout is not None
        line = (await asyncio.wait_for(served.stdout.readline(), 30)).decode()
        url = re.search(r"http://\S+", line)
        assert url, line
        page = await phone(browser)
        await page.goto(url.group(0))
        await expect(page.locator("h1")).to_have_text("Welkom en uitleg")
        await live(page)
        served.send_signal(signal.SIGINT)
        await expect(page.locator("#afgelopen")).to_have_text(PAUSED)
        assert await asyncio.wait_for(served.wait(), 30) == 0
    finally:
        if served.returncode is None:
            served.kill()
            await served.wait()
