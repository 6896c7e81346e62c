"""No notification is drawn over a dialog (user trial: a toast lingering over a dialog covered its fields); it
shows on the screen below once the dialog closes. What a dialog itself has to say stands in the dialog."""

from __future__ import annotations

import threading

from tests.tui.screen_text import screen_lines
from tests.tui.test_snapshots import long_actions
from workshop.tui.app import WorkshopApp
from workshop.tui.dialogs import ActionDialog, ExportPreview
from workshop.tui.screens.session import SessionScreen
from workshop.workspace import Workspace

NOTHING_MASKED = "Op deze rij is niets afgeschermd"


def on_screen(app, text: str) -> bool:
    return text in " ".join(" ".join(line.split()) for line in screen_lines(app))


async def test_a_toast_waits_behind_a_dialog_and_shows_again_when_it_closes(tmp_path, clock):
    workspace = Workspace(tmp_path)
    service = long_actions(workspace, clock)
    app = WorkshopApp(workspace, clock=clock, session=service, serve=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.notify(NOTHING_MASKED + ": er is niets vrij te geven.", timeout=60)  # as `l` says it, but lingering
        await pilot.pause()
        assert on_screen(app, NOTHING_MASKED)
        await pilot.press("x")  # the export preview: a dialog as big as the 80x24 screen
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ExportPreview)
        assert not app.screen.query("Toast") and not on_screen(app, NOTHING_MASKED)  # nothing over the dialog
        app.notify("Opslaan werkt weer.", timeout=60)  # raised while the dialog is open: it waits too
        await pilot.pause()
        assert not on_screen(app, "Opslaan werkt weer.")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert on_screen(app, NOTHING_MASKED) and on_screen(app, "Opslaan werkt weer.")
        # A form dialog leaves the toast where it was, behind it: never drawn over its fields.
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionDialog) and not app.screen.query("Toast")


async def test_w_before_the_summary_is_ready_is_answered_in_the_preview(tmp_path, clock):
    ready = threading.Event()

    def build() -> str:
        ready.wait(10)
        return "# Samenvatting\n"

    app = WorkshopApp(Workspace(tmp_path), clock=clock, serve=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        preview = ExportPreview(build, lambda markdown: "exports/x.md")
        await app.push_screen(preview)
        await pilot.press("w")
        await pilot.pause()
        assert str(preview.query_one("#written").render()) == "De samenvatting wordt nog gemaakt; druk zo nog eens w."
        assert not app._notifications  # said in the preview, not as a toast
        ready.set()
        await app.workers.wait_for_complete()
