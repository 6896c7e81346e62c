"""The join panel's addresses are each on one screen line, at 80x24 and wide (tester: at 80x24 the phone link and the
board's address broke over two lines, and a link split over lines cannot be typed off the screen). The real app,
its real phone server where a board address is needed, and the screen as it is drawn."""

from __future__ import annotations

import time

import pytest

from tests.conftest import SCRIPTS
from tests.tui.screen_text import screen_lines
from workshop.core.join_code import format_join_code, join_code
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.session import SessionScreen
from workshop.tui.widgets import JoinPanel
from workshop.workspace import Workspace

# The longest a LAN address gets: a 15-character IPv4 address and a 5-digit port, with a 22-character token.
LONGEST_JOIN = "http://192.168.100.123:48765/j/Vb3kQ9xTzP2mW7nR4sLc8A"
LONGEST_BOARD = "http://192.168.100.123:48765/b/2382369d08ad04b80e7356"


async def _until(condition, what: str, pilot, limit: float = 10.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await pilot.pause(0.05)


def _on_one_line(app, text: str) -> bool:
    return any(text in line for line in screen_lines(app))


def _session(tmp_path):
    workspace = Workspace(tmp_path)
    return workspace, workspace.new_session(load_script(SCRIPTS / "kort-teamoverleg.md"), team="Team Noord")


@pytest.mark.parametrize("size", [(80, 24), (140, 44)])
async def test_the_typed_address_the_code_and_the_board_address_are_each_on_one_line(tmp_path, size) -> None:
    workspace, service = _session(tmp_path)
    app = WorkshopApp(workspace, session=service, host="127.0.0.1", port=0)
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await _until(lambda: screen.server is not None, "the phones' server", pilot)
        if size == (80, 24):
            await pilot.press("w")  # at 80x24 the QR code takes the board's place when asked for
        await _until(lambda: any("/b/" in line for line in screen_lines(app)), "the board's address", pilot)
        address = screen.server.url.partition("/j/")[0]
        code = format_join_code(join_code(service.state.meta.join_token))
        assert _on_one_line(app, address), "the address to type is on a line of its own"
        assert _on_one_line(app, f"en typ de code: {code}")
        assert _on_one_line(app, screen.server.board_url), "the board's address is whole on one line"
        await app.action_quit()


async def test_the_longest_addresses_fit_at_80_columns(tmp_path) -> None:
    """A 15-character IPv4 address with a 5-digit port: the typed address beside the QR code, and the board's address
    with its label on the line under the code, still whole."""
    workspace, service = _session(tmp_path)
    app = WorkshopApp(workspace, session=service, serve=False, fixed_join_url=LONGEST_JOIN)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        screen.query_one(JoinPanel).show_board("Bord voor de beamer (b):", LONGEST_BOARD)
        await pilot.press("w")
        await pilot.pause()
        assert _on_one_line(app, "http://192.168.100.123:48765")
        assert _on_one_line(app, "Bord voor de beamer (b): " + LONGEST_BOARD)
        assert _on_one_line(app, "en typ de code: " + format_join_code(join_code("Vb3kQ9xTzP2mW7nR4sLc8A")))
        assert not any("/j/" in line for line in screen_lines(app)), "the long link is in the QR code, not typed"


async def test_without_a_line_for_it_the_board_address_goes_rather_than_a_piece_of_it(tmp_path) -> None:
    """80x23: the QR code takes every line; the board's address is left out (b still opens it), never cut in half."""
    workspace, service = _session(tmp_path)
    app = WorkshopApp(workspace, session=service, serve=False, fixed_join_url=LONGEST_JOIN)
    async with app.run_test(size=(80, 23)) as pilot:
        app.screen.query_one(JoinPanel).show_board("Bord voor de beamer (b):", LONGEST_BOARD)
        await pilot.press("w")
        await pilot.pause()
        lines = screen_lines(app)
        assert not any("Bord voor de beamer" in line or "/b/" in line for line in lines)
        assert any("http://192.168.100.123:48765" in line for line in lines)
