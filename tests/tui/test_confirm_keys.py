"""Confirmations are safe under time pressure: no letter answers them (j and n are step keys), the focus starts
on Nee, Esc cancels, and a key pressed right after the answer does not act on the screen behind (trial)."""

from __future__ import annotations

import pytest

from tests.conftest import SCRIPTS
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.dialogs import ConfirmDialog
from workshop.workspace import Workspace


@pytest.fixture
def at_the_actions(tmp_path, clock):
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "visie-leren-ontwikkelen.md"), team="T", clock=clock)
    service.go_to("eerste-stappen")
    service.add_action("Plan leertijd", owner="teamleider", due="2026-12-01")
    return workspace, service


async def test_the_step_keys_do_not_answer_a_confirmation(at_the_actions, clock):
    workspace, service = at_the_actions
    step = service.state.meta.current
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("j", "n", "p")  # a room's keys typed into the question: none answers it
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.query_one(".hint").has_class("-remind")  # the hint says how to answer
        assert len(service.state.actions) == 1 and service.state.meta.current == step
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog) and len(service.state.actions) == 1


async def test_a_hurried_double_enter_says_no_and_opens_nothing_behind(at_the_actions, clock):
    workspace, service = at_the_actions
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press("s", "enter", "enter")  # Enter says Nee; the second one must not open the action behind
        await pilot.pause()
        assert app.screen is screen
        assert service.state.meta.status != "closed"


@pytest.mark.parametrize("doubled", ["enter", "n", "p", "j", "escape"])
async def test_a_key_right_after_the_answer_does_not_act_on_the_screen_behind(at_the_actions, clock, doubled):
    workspace, service = at_the_actions
    step = service.state.meta.current
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("left", "enter", doubled)  # Ja, and a doubled or stray key straight after
        await pilot.pause()
        assert service.state.actions == ()
        assert type(app.screen).__name__ == "SessionScreen"
        assert service.state.meta.current == step, "the key after the answer moved the room to another step"
        assert app.screen.focused is None or app.screen.focused.id != "agenda"
        clock.advance(seconds=1)  # a moment later the keys work again
        await pilot.press("p")
        await pilot.pause()
        assert service.state.meta.current == step - 1
