"""A board that only grows is drawn incrementally: the rows built before are kept (boards.Boards), the table takes
only the new rows and grows without laying out the screen again (widgets.Board). What it shows must be exactly
what the same session shows when its board is built in one go. Real app, real session file."""

from __future__ import annotations

import pytest

from tests.conftest import SCRIPTS
from tests.tui.screen_text import board_lines, widget_lines
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.session import SessionScreen
from workshop.tui.widgets import Board
from workshop.workspace import Workspace

STEP = "wat-moet-leren-opleveren"
TEXTS = [
    "Tijd om samen te leren",
    "Bel de dochter op 06-12345678",  # flagged by the privacy guard: shown behind its mark
    "Een lang kaartje dat over meer regels loopt omdat het veel meer zegt dan de andere kaartjes op het bord, "
    "zodat de rij hoger wordt",
    "Kort",
]


def _what_shows(app, board: Board) -> dict[str, object]:
    return {
        "window": widget_lines(app, board),  # header, rows in view, the scrollbar's thumb
        "all rows": board_lines(app, board),
        "cursor": board.cursor_row,
        "size": board.virtual_size,
        "widths": board.layout_widths,
    }


@pytest.mark.slow  # a storm of cards into the real app, then a second app: ~3.5 s
async def test_a_board_grown_card_by_card_shows_what_one_built_at_once_shows(tmp_path, clock) -> None:
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "visie-leren-ontwikkelen.md"), team="T", clock=clock)
    service.go_to(STEP)
    categories = service.state.categories(STEP)
    phones = [service.join().id for _ in range(3)]
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        board = screen.query_one(Board)
        n = 0
        for burst in range(12):
            for _ in range(5 + burst):  # the board outgrows its window after a few bursts
                text = TEXTS[n % len(TEXTS)]
                category = categories[n % len(categories)] if n % 3 else None
                service.add_contribution(f"{text} ({n + 1})", author=phones[n % len(phones)], category=category)
                n += 1
            before = screen.boards.view(service.state, service.state.step, service)
            await pilot.pause()
            for _ in range(250):
                if board.row_count == n:
                    break
                await pilot.pause(0.02)
            assert board.row_count == n, (burst, board.row_count, n)
            if burst == 2:
                await pilot.press("down", "down", "down")  # the cursor somewhere, the board still growing
            after = screen.boards.view(service.state, service.state.step, service)
            assert after.rows[0] is before.rows[0], "the rows of the cards already shown were built again"
        grown = _what_shows(app, board)
        assert grown["cursor"] == 3
        assert len(grown["all rows"]) > 30  # wrapped rows included: well over a window's height
        assert any("privé?" in line for line in grown["all rows"])
    session_id = service.state.meta.id

    again = WorkshopApp(workspace, session=workspace.open_session(session_id, clock=clock), clock=clock, serve=False)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        board = again.screen.query_one(Board)
        for _ in range(250):
            if board.row_count == n:
                break
            await pilot.pause(0.02)
        await pilot.press("down", "down", "down")
        await pilot.pause()
        assert _what_shows(again, board) == grown
