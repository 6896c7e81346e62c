"""Esc on the QR code opened with w closes the QR code; it does not leave the session (at 80x24 the code covers the
screen, and with no phones yet the session screen's Esc went straight back home)."""

from __future__ import annotations

from tests.conftest import SCRIPTS
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.session import SessionScreen
from workshop.workspace import Workspace

JOIN = "http://192.168.1.20:8765/j/Vb3kQ9xTzP2mW7nR4sLc8A"


def shows_qr(screen) -> bool:
    return screen.has_class("-join") or screen.has_class("-join-full")


def app_with_a_session(tmp_path):
    """The app on a new Kort teamoverleg session, with a join link (as with phones on); returns (app, service)."""
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "kort-teamoverleg.md"), team="Team Noord")
    return WorkshopApp(workspace, session=service, serve=False, fixed_join_url=JOIN), service


async def test_escape_closes_the_qr_code_before_it_leaves_the_session(tmp_path):
    app, _service = app_with_a_session(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        if shows_qr(screen):  # the app may show it by itself where it fits; w then hides it and shows it again
            await pilot.press("w")
            await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert shows_qr(screen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and not shows_qr(screen)  # the QR code is gone, the session still on screen
        await pilot.press("escape")  # a second Esc leaves, as before (no phones take part)
        await pilot.pause()
        assert not isinstance(app.screen, SessionScreen)


async def test_a_closed_session_no_longer_shows_the_qr_code_that_invites_phones(tmp_path):
    """Trial: at 160 columns a closed session kept 'Meedoen met de telefoon' and its code on screen; a phone that
    scanned it was told the session is closed."""
    app, service = app_with_a_session(tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-join")  # open, and it fits beside: shown at once
        service.close_session()
        await pilot.pause()
        assert not shows_qr(screen)
        await pilot.press("w")  # asked for, it still shows (e.g. to read the code off for a late phone)
        await pilot.pause()
        assert screen.has_class("-join")
