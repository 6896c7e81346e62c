"""Leaving a session stops the phones' server: with phones in the room, Esc and q ask first (a second Esc after
closing a dialog must not cut the room off); without phones they act at once. Real app, real server, a real
phone joining over HTTP."""

from __future__ import annotations

import time

import aiohttp

from tests.conftest import SCRIPTS
from tests.tui.screen_text import joined, screen_lines, widget_lines
from workshop.core.script import load_script
from workshop.core.session import SessionService
from workshop.tui.app import WorkshopApp
from workshop.tui.dialogs import ConfirmDialog
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.session import SessionScreen
from workshop.workspace import Workspace


async def _until(condition, what: str, pilot, limit: float = 10.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await pilot.pause(0.02)


async def _room_with_a_phone(tmp_path, pilot, app, http: aiohttp.ClientSession) -> SessionScreen:
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    await _until(lambda: screen.server is not None and screen.server.running, "the phones' server", pilot)
    async with http.get(screen.server.url) as response:
        assert response.status == 200
    await _until(lambda: len(app.service.state.participants) == 1, "the phone joined", pilot)
    return screen


def _served_app(tmp_path) -> tuple[SessionService, WorkshopApp]:
    """A new session and the app on it, serving phones on a free port of this machine."""
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "mantelzorg-drempelcheck.md"), team="Team Noord")
    return service, WorkshopApp(workspace, session=service, host="127.0.0.1", port=0)


async def test_escape_asks_before_cutting_off_the_phones_and_no_keeps_them(tmp_path) -> None:
    service, app = _served_app(tmp_path)
    async with (
        aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http,
        app.run_test(size=(80, 24)) as pilot,
    ):
        screen = await _room_with_a_phone(tmp_path, pilot, app, http)
        for no in ("enter", "escape"):  # Enter on "Nee" (where the focus starts), and Esc on the question itself
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            said = joined(" ".join(widget_lines(app, app.screen.query_one(".question"))))  # as drawn, wrapped
            assert said.startswith("Terug naar het begin? De telefoon die meedoet, kan dan niets meer sturen")
            assert said.endswith("Er gaat niets verloren.")
            assert "Enter: bevestigen · Esc:" in " ".join(screen_lines(app))
            await pilot.press(no)
            await pilot.pause()
            app.hold_keys(0)  # past the moment after an answer when keys are held
            assert app.screen is screen and screen.server is not None and screen.server.running
            async with http.get(screen.server.url.replace("/j/", "/s/")) as response:
                assert response.status == 200, "the phone still has its page"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("left", "enter")  # Ja
        await _until(lambda: isinstance(app.screen, HomeScreen), "home", pilot)
        assert app.service is None and screen.server is None


async def test_q_asks_with_phones_and_stops_on_yes(tmp_path) -> None:
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "mantelzorg-drempelcheck.md"), team="Team Noord")
    session_id = service.state.meta.id
    app = WorkshopApp(workspace, session=service, host="127.0.0.1", port=0)
    async with (
        aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http,
        app.run_test(size=(80, 24)) as pilot,
    ):
        await _room_with_a_phone(tmp_path, pilot, app, http)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert joined(" ".join(widget_lines(app, app.screen.query_one(".question")))).startswith("Stoppen? De tele")
        await pilot.press("left", "enter")  # Ja
        await _until(lambda: app.service is None, "the session let go", pilot)
    Workspace(tmp_path).open_session(session_id).release()  # the lock is free


async def test_without_phones_escape_goes_home_at_once(tmp_path) -> None:
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "mantelzorg-drempelcheck.md"), team="Team Noord")
    app = WorkshopApp(workspace, session=service, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await _until(lambda: isinstance(app.screen, HomeScreen), "home", pilot)
        assert app.service is None


async def test_q_on_a_closed_session_says_nothing_about_phones(tmp_path) -> None:
    """A closed session takes nothing from phones any more: the question may not say they could until it opens."""
    service, app = _served_app(tmp_path)
    async with (
        aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http,
        app.run_test(size=(80, 24)) as pilot,
    ):
        await _room_with_a_phone(tmp_path, pilot, app, http)
        service.close_session()
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        said = joined(" ".join(widget_lines(app, app.screen.query_one(".question"))))
        assert said.startswith("Stoppen?") and "telefoon" not in said and "weer opent" not in said, said
        await pilot.press("left", "enter")  # Ja
        await _until(lambda: app.service is None, "the session let go", pilot)
