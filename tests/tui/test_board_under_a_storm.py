"""The board keeps up while phones send a storm of cards: after more than BURST events in a second the screen
redraws on a timer (session_view.schedule_render). Phones' cards are settled in the event loop by a callback
the write-behind thread schedules (web/commit.py); that callback ran without the app's context, the timer
could not find its app, and the board stopped redrawing for good (found with tui_load_bench: "LookupError:
active_app"). Real app, real server, real phones over HTTP."""

from __future__ import annotations

import asyncio
import time
from types import SimpleNamespace

from tests.conftest import SCRIPTS
from tests.tui.screen_text import board_lines
from tests.web.conftest import Phone
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.session import SessionScreen
from workshop.tui.screens.session_view import BURST
from workshop.tui.widgets import Board
from workshop.workspace import Workspace

CARDS = 3 * BURST  # well over a burst, within about a second


async def _until(condition, what: str, pilot, limit: float = 10.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await pilot.pause(0.02)


async def test_the_board_shows_the_last_card_of_a_storm(tmp_path) -> None:
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "visie-leren-ontwikkelen.md"), team="Team Noord")
    service.go_to("wat-moet-leren-opleveren")
    app = WorkshopApp(workspace, session=service, host="127.0.0.1", port=0)
    async with app.run_test(size=(120, 200)) as pilot:
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await _until(lambda: screen.server is not None and screen.server.running, "the phones' server", pilot)
        token = screen.server.url.rpartition("/j/")[2]
        served = SimpleNamespace(base=f"http://127.0.0.1:{screen.server.port}", token=token)
        phones = [Phone(served) for _ in range(30)]  # type: ignore[arg-type]
        try:
            for phone in phones:
                assert (await phone.join()).status == 200

            async def send(phone: Phone, n: int) -> None:
                page = await phone.page()
                for k in range(n):
                    page = await phone.post("card", {"text": f"Kaartje {id(phone) % 97}-{k}"}, form_from=page)
                    assert page.status == 200, page.text

            await asyncio.gather(*(send(phone, CARDS // len(phones)) for phone in phones))
            assert len(service.state.cards(service.state.step.id)) == CARDS
            board = screen.query_one(Board)
            await _until(lambda: board.row_count == CARDS, f"all {CARDS} cards on the board", pilot, limit=5.0)
            await _until(lambda: str(CARDS) in " ".join(board_lines(app, board)), "the last row drawn", pilot, 5.0)
        finally:
            for phone in phones:
                await phone.close()
