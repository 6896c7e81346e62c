"""The export preview at 80x24 (user trial): the plan's table cells wrap instead of ending in '…', and the footer
shows the preview's own keys (w Schrijven, esc Sluiten), not the session's, cut off at the screen's edge."""

from __future__ import annotations

from tests.tui.screen_text import screen_lines
from tests.tui.test_snapshots import at_the_plan, long_actions
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
