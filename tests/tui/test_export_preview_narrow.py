"""The export preview at 80x24 (user trials): the tables' cells wrap instead of ending in '…', no word is broken
over two lines, and the footer shows the preview's own keys (w Schrijven, esc Sluiten), not the session's, cut
off at the screen's edge."""

from __future__ import annotations

import re

import pytest

from tests.tui.screen_text import screen_lines
from tests.tui.test_snapshots import at_the_plan, long_actions, rated
from workshop.core.export import session_summary
from workshop.tui.app import WorkshopApp
from workshop.tui.dialogs import ExportPreview
from workshop.tui.widgets.document import Document
from workshop.workspace import Workspace


async def test_at_80x24_no_cell_is_cut_short_and_the_footer_shows_the_previews_keys(tmp_path, clock):
    workspace = Workspace(tmp_path)
    service = long_actions(workspace, clock)
    markdown = session_summary(service.state)
    app = WorkshopApp(workspace, clock=clock, session=service, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await at_the_plan(pilot)  # x, and the preview scrolled to the plan's Do table
        assert isinstance(app.screen, ExportPreview)
        shown = app.screen.query_one("#preview", Document).text
        # Only the summary's own '…' (a script's "Bij ons leren we door…"); no cell ends in one.
        assert shown.count("…") == markdown.count("…")
        # The plan's Do table (seven columns) is there, every cell ending as written (see above).
        assert "DL-2611-a3" in shown[shown.index("Fase") :]
        footer = screen_lines(app)[-1]
        assert "w Schrijven" in footer and "esc Sluiten" in footer
        assert "Volgende stap" not in footer  # the session's keys do nothing while the preview is open


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text))


def _without_table_heads(markdown: str) -> str:
    """The summary less its tables' header rows (a narrow preview draws each row as a paragraph, 'Kop: waarde',
    so the head of the first column and of a column empty in every row need not show)."""
    lines = markdown.split("\n")
    heads = {n - 1 for n, line in enumerate(lines) if line.startswith("| ---")}
    return "\n".join(line for n, line in enumerate(lines) if n not in heads)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
@pytest.mark.parametrize("build", [rated, long_actions], ids=["ratings", "actions"])
async def test_the_preview_never_breaks_a_word(tmp_path, clock, size, build):
    """Trial at 80x24: the rating table's seven columns broke words over two lines ("ontbreek/t", "mantelzor/gers").
    Every word of the summary shows whole in the preview, at 80 and at 160 columns."""
    workspace = Workspace(tmp_path)
    service = build(workspace, clock)
    markdown = session_summary(service.state)
    app = WorkshopApp(workspace, clock=clock, session=service, serve=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("x")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = app.screen.query_one("#preview", Document).text
    missing = _words(_without_table_heads(markdown)) - _words(shown)
    assert not missing
    if build is rated:  # each statement's counts and what the rule says stay with it
        assert "ontbreekt" in shown and "⚠ oneens" in shown
