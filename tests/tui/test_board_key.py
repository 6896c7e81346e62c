"""The facilitator's app shows the board page's address and opens it in the laptop's browser with `b`."""

from __future__ import annotations

import shlex
import sys
import time
import webbrowser
from pathlib import Path

import aiohttp

from tests.conftest import SCRIPTS
from tests.tui.screen_text import screen_lines
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.session import SessionScreen
from workshop.workspace import Workspace


async def _until(condition, what: str, pilot, limit: float = 10.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await pilot.pause(0.05)


async def test_b_opens_the_board_in_the_browser_and_the_join_panel_names_it(tmp_path: Path, monkeypatch) -> None:
    opened = tmp_path / "opened.txt"
    # A real "browser": the command $BROWSER names, which writes down the address it was asked to open.
    write = "import sys, pathlib; pathlib.Path(sys.argv[1]).write_text(sys.argv[2])"
    browser = f"{shlex.quote(sys.executable)} -c {shlex.quote(write)}"
    monkeypatch.setenv("BROWSER", f"{browser} {shlex.quote(str(opened))} %s")
    monkeypatch.setattr(webbrowser, "_tryorder", None)  # the stdlib reads $BROWSER once: let it read ours
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "mantelzorg-drempelcheck.md"), team="Team Noord")
    app = WorkshopApp(workspace, session=service, host="127.0.0.1", port=0)
    async with app.run_test(size=(140, 44)) as pilot:
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await _until(lambda: screen.server is not None and screen.has_class("-join"), "the server", pilot)
        board_url = screen.server.board_url
        assert "/b/" in board_url and screen.server.token not in board_url
        await _until(lambda: any(board_url in line for line in screen_lines(app)), "the board's address", pilot)
        await pilot.press("b")
        await _until(opened.exists, "the browser", pilot)
        assert opened.read_text() == board_url
        async with aiohttp.ClientSession() as http, http.get(board_url) as response:
            assert response.status == 200
            assert "Welkom en uitleg" in await response.text()
