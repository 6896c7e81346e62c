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


async def test_a_theme_key_keeps_the_cursor_on_the_card_so_a_second_key_corrects_it(tmp_path, clock):
    """Trial: 2 on a card put it in theme 2 and moved the cursor to the next card without a word; pressing 3 to
    correct the choice then sorted the next card instead. The cursor stays on the card, whose new theme shows in
    its row, and the next digit changes that same card."""
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "incidentbespreking-vooruit.md"), team="T", clock=clock)
    steps = service.state.script.steps
    service.go_to(next(s.id for s in steps if s.title == "Waarom leek het logisch?"))
    for text in ("Er was geen tijd voor de overdracht", "Het protocol was onduidelijk", "De sensor piepte niet"):
        service.add_contribution(text)
    service.go_to(next(s.id for s in steps if s.kind == "group"))
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        board = app.screen.query_one("#board")
        assert board.cursor_row == 0
        first = board.selected_key
        await pilot.press("2")
        await pilot.pause()
        themes = {t.id: t.name for t in service.state.themes}
        assert themes[service.card(first).theme_id] == "Organisatie"
        assert board.cursor_row == 0 and board.selected_key == first
        assert "Organisatie" in " ".join(str(c) for c in board.get_row_at(0))
        await pilot.press("3")  # a correction: the same card
        await pilot.pause()
        assert themes[service.card(first).theme_id] == "Techniek"
        assert sum(1 for c in service.state.contributions if c.theme_id) == 1


async def test_the_help_names_0_for_out_of_theme_and_a_key_without_a_theme_says_so(tmp_path, clock):
    """Re-trial: the help listed "1-9  Uit thema" (it is 0), and 5 with four themes did nothing without a word."""
    from tests.tui.screen_text import joined, screen_lines

    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "incidentbespreking-vooruit.md"), team="T", clock=clock)
    steps = service.state.script.steps
    service.go_to(next(s.id for s in steps if s.title == "Waarom leek het logisch?"))
    service.add_contribution("Er was geen tijd voor de overdracht")
    service.go_to(next(s.id for s in steps if s.kind == "group"))
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        await pilot.press("5")
        await pilot.pause()
        told = " ".join(str(n.message) for n in app._notifications)
        assert "Er is geen thema 5: deze stap heeft 4 thema's." in told, told
        assert not any(c.theme_id for c in service.state.contributions)
        await pilot.press("question_mark")
        await pilot.pause()
        shown = joined("\n".join(screen_lines(app)))
        assert "0 Uit thema" in shown and "1-9 Uit thema" not in shown and "1-9 Thema 1-9" in shown, shown
