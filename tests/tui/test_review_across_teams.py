"""A review across teams in the console: every row and the walk dialog name the action's team and plan id, at 80x24
and wide (in a location's review, "teamleider · 15-12-2026" could be any team's action)."""

from __future__ import annotations

import pytest

from tests.cli.test_cli_review_across_teams import across_teams_workspace
from tests.tui.screen_text import board_lines
from workshop.tui.app import WorkshopApp
from workshop.tui.dialogs import ReviewDialog
from workshop.tui.widgets import Board


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_review_rows_and_dialog_name_team_and_id(tmp_path, clock, size):
    workspace = across_teams_workspace(tmp_path)
    service = workspace.new_session(workspace.find_script("locatie-terugblik"), team="Locatie Oost", clock=clock)
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("n")  # the review step: every team's open actions are loaded
        await pilot.pause()
        items = app.service.state.reviews
        assert {i.team for i in items} == {"Team De Linde", "Team De Eik"}
        text = " ".join(" ".join(board_lines(app, app.screen.query_one(Board))).split())
        for item in items:
            assert f"{item.team} · {item.plan_id}" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewDialog)
        heading = str(app.screen.query_one("#review-heading").render())
        first = items[0]
        assert heading == f"Actie 1 van 2 · {first.team} · {first.plan_id}"
        await pilot.press("escape")
        await pilot.pause()
