"""The console's rating board marks every statement the rule marks (trial: only "⚠ oneens" showed, not the red
statements nor those with many ❓), in the words the summary uses: the real app (Pilot) on a real session file."""

from __future__ import annotations

import re

import pytest

from tests.attention import ANSWERS, SAID, rate_for_attention, summary_notes
from tests.conftest import SCRIPTS
from tests.tui.screen_text import board_lines
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.widgets import Board
from workshop.workspace import Workspace


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
async def test_the_console_says_what_needs_attention_and_why_as_the_summary_does(tmp_path, clock, size):
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "mantelzorg-drempelcheck.md"), team="Team X", clock=clock)
    rate_for_attention(service)
    statements = service.state.step.rated_statements
    notes = summary_notes(service.state)
    app = WorkshopApp(workspace, clock=clock, session=service, serve=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        board = app.screen.query_one(Board)
        shown = " ".join(" ".join(board_lines(app, board)).split())
    for n, said in enumerate(SAID):
        assert notes[statements[n]] == said  # the summary's words, for each of ANSWERS
        start = " ".join(statements[n].split()[:5])  # the first line of the statement's cell, also at 80 columns
        # Each row: ... answers, then the marks and ' · ' before the statement (none when the rule says nothing).
        assert re.search(rf"\d {re.escape(f'{said} · ' if said else '')}{re.escape(start)}", shown), (n, said)
    assert len(SAID) == len(ANSWERS)
