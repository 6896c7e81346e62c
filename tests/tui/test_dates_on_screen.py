"""The facilitator reads dates as people write them ("15 dec 2026"), on the home screen, the actions and the
review board, and in a refusal; the action editor offers a stored date as its placeholder asks (DD-MM-JJJJ)."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from tests.tui.screen_text import board_column, joined
from tests.tui.test_snapshots import long_actions, reviewing
from workshop.tui.app import WorkshopApp
from workshop.tui.dialogs import ActionDialog
from workshop.tui.widgets import Board
from workshop.workspace import Workspace


def column(app, key: str) -> str:
    """All that the board's column `key` shows, its wrapped lines joined."""
    return joined(board_column(app, app.screen.query_one(Board), key))


async def test_the_home_screen_and_the_actions_board_show_dutch_dates(tmp_path, clock):
    workspace = Workspace(tmp_path)
    long_actions(workspace, clock).release()
    app = WorkshopApp(workspace, clock=clock, serve=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        row = [str(cell) for cell in app.screen.query_one("#sessions", DataTable).get_row_at(0)]
        assert row[2] == "23 nov 2026"
        await pilot.press("tab", "enter")  # resume it: the actions step
        await pilot.pause()
        assert column(app, "due") == "15 dec 2026 10 jan 2027 1 feb 2027"
        assert "kwantitatieve indicator · 31 mrt 2027" in column(app, "check")
        await pilot.press("enter")  # edit a1: its dates as the fields ask for them
        await pilot.pause()
        assert isinstance(app.screen, ActionDialog)
        assert app.screen.query_one("#due", Input).value == "15-12-2026"
        assert app.screen.query_one("#check_date", Input).value == "31-03-2027"
        # A refusal names its dates the same way.
        app.screen.query_one("#check_date", Input).value = "01-12-2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        banner = str(app.screen.query_one("#error").render())
        assert "De checkdatum (1 dec 2026) ligt vóór de deadline (15 dec 2026)." in banner


async def test_the_review_board_shows_check_dates_and_warnings_in_dutch(tmp_path, clock):
    workspace = Workspace(tmp_path)
    service = reviewing(workspace, clock)
    async with WorkshopApp(workspace, clock=clock, session=service, serve=False).run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert column(pilot.app, "check") == "31 okt 2026 15 mrt 2027"
        assert column(pilot.app, "note").startswith("De checkdatum (31 okt 2026) is voorbij.")
