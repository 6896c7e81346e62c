"""The action dialog's Thema list offers the session's themes (user trial: a facilitator who jumped to the
actions step with j saw only "Geen thema", though the script's group step has its themes: Mens, Organisatie,
Techniek, Cliënt). Entering an actions step brings the themes of the group steps before it, as entering the
group step itself does. The real app, keys as the facilitator presses them."""

from __future__ import annotations

import pytest
from textual.widgets import Select

from tests.conftest import SCRIPTS
from tests.tui.keys import type_text
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.dialogs import ActionDialog
from workshop.workspace import Workspace


@pytest.mark.slow  # a walk through the agenda, a dialog and a list: ~3.3 s
async def test_the_theme_list_offers_the_scripts_themes_after_a_jump_to_the_actions_step(tmp_path, clock):
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "incidentbespreking-vooruit.md"), team="T", clock=clock)
    steps = service.state.script.steps
    actions = next(n for n, s in enumerate(steps) if s.kind == "actions")
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")  # the agenda: down to the actions step, past the group step
        await pilot.pause()
        await pilot.press(*["down"] * (actions - service.state.meta.current), "enter")
        await pilot.pause()
        assert service.state.step.kind == "actions"
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ActionDialog)
        themes = dialog.query_one("#theme_id", Select)
        offered = [str(label) for label, value in themes._options if value is not Select.NULL]
        assert offered == ["Mens", "Organisatie", "Techniek", "Cliënt"]
        for value in ("Vraag de leverancier om een alarm bij storing", "teamleider", "15-12-2026"):
            await type_text(pilot, value)
            await pilot.press("enter")
        dialog.set_focus(themes)
        await pilot.press("enter")  # open the list
        await pilot.pause()
        await pilot.press("down", "down", "down", "enter")  # Geen thema, Mens, Organisatie, Techniek
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ActionDialog)
    [action] = service.state.actions
    assert {t.id: t.name for t in service.state.themes}[action.theme_id or ""] == "Techniek"
