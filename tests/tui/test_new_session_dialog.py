"""The new-session dialog at 80x24 says what Enter does, shows Starten and Annuleren, and marks the field being
typed in (user trial: Enter moved to the organisation without a visible cue, and a second Enter started)."""

from __future__ import annotations

from textual.widgets import Button, Input, Label

from tests.tui.screen_text import widget_lines
from workshop.tui.app import WorkshopApp
from workshop.tui.dialogs import NewSessionDialog
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.session import SessionScreen
from workshop.workspace import Workspace

HINT = "Enter: volgend veld · Enter in het laatste veld: starten · Esc: annuleren"


async def open_dialog(pilot) -> NewSessionDialog:
    await pilot.app.workers.wait_for_complete()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, NewSessionDialog)
    return pilot.app.screen


def marked(dialog: NewSessionDialog) -> list[str]:
    """The labels drawn as the field being typed in (bold), by their text."""
    return [str(label.render()) for label in dialog.query(".field-label").results(Label) if label.rich_style.bold]


def seen(app, widget) -> bool:
    """True when `widget` is drawn whole inside the 80x24 screen."""
    region = widget.region
    return region.width > 0 and region.height > 0 and app.screen.region.contains_region(region)


async def test_the_dialog_shows_its_keys_its_buttons_and_where_the_typing_goes(tmp_path, clock):
    workspace = Workspace(tmp_path)
    app = WorkshopApp(workspace, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        # The hint line and both buttons are on screen, whole.
        hint = dialog.query_one(".hint")
        assert seen(app, hint) and " ".join(line.strip() for line in widget_lines(app, hint)) == HINT
        start, cancel = dialog.query_one("#start", Button), dialog.query_one("#cancel", Button)
        assert (str(start.label), str(cancel.label)) == ("Starten", "Annuleren")
        assert seen(app, start) and seen(app, cancel)
        # The team's field has the focus and is marked; the organisation's is not.
        assert dialog.focused is dialog.query_one("#team", Input)
        assert marked(dialog) == ["Team"]
        await pilot.press(*"Team Noord", "enter")
        await pilot.pause()
        # Enter moved on (not started), and the mark moved with it.
        assert isinstance(app.screen, NewSessionDialog) and dialog.focused is dialog.query_one("#org", Input)
        assert marked(dialog) == ["Organisatie"]
        await pilot.press(*"Zorggroep Oost", "tab")
        await pilot.pause()
        assert dialog.focused is start and marked(dialog) == []
        await pilot.press("enter")  # the Starten button
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert (app.service.state.meta.team, app.service.state.meta.organisation) == ("Team Noord", "Zorggroep Oost")


async def test_enter_in_the_last_field_starts_and_annuleren_cancels(tmp_path, clock):
    workspace = Workspace(tmp_path)
    app = WorkshopApp(workspace, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(pilot)
        await pilot.press(*"Team Zuid")
        await pilot.click("#cancel")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and not workspace.sessions_dir.exists()
        await open_dialog(pilot)
        await pilot.press(*"Team Zuid", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and app.service.state.meta.team == "Team Zuid"
