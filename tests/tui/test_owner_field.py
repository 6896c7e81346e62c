"""The owner of an action is a role: a name gets "Noem een rol, geen naam" with roles, and is saved only when
Opslaan is pressed again (issue 11)."""

from __future__ import annotations

import pytest

from tests.conftest import SCRIPTS
from tests.tui.keys import type_text
from tests.tui.screen_text import joined, screen_lines
from workshop.core import privacy
from workshop.core.privacy import ROLE_SUGGESTIONS
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.dialogs import ActionDialog
from workshop.workspace import Workspace


@pytest.fixture(scope="module", autouse=True)
def lists_loaded() -> None:
    privacy.warm_up().result()


async def fill_action(pilot, owner: str) -> None:
    await pilot.press("c")
    await pilot.pause()
    for value in ("Plan leertijd", owner, "15-12-2026"):
        await type_text(pilot, value)
        await pilot.press("enter")


@pytest.mark.parametrize("size", [(160, 45), (80, 24)])
async def test_a_name_as_owner_asks_for_a_role_and_is_kept_after_a_second_save(tmp_path, clock, size):
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "visie-leren-ontwikkelen.md"), team="T", clock=clock)
    service.go_to("eerste-stappen")
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=size) as pilot:
        await fill_action(pilot, "Anja de Boer")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ActionDialog) and service.state.actions == ()
        shown = joined("\n".join(screen_lines(app)))
        assert "Noem een rol, geen naam" in shown
        assert all(role in shown for role in ROLE_SUGGESTIONS[:2])
        assert app.screen.focused.id == "owner"
        await pilot.press("ctrl+s")  # the second Opslaan: the facilitator confirms
        await pilot.pause()
        assert not isinstance(app.screen, ActionDialog)
        assert [a.owner for a in service.state.actions] == ["Anja de Boer"]


async def test_a_changed_name_asks_again_and_a_role_is_saved_at_once(tmp_path, clock):
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "visie-leren-ontwikkelen.md"), team="T", clock=clock)
    service.go_to("eerste-stappen")
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await fill_action(pilot, "Anja de Boer")
        await pilot.press("ctrl+s")
        await pilot.pause()
        owner = app.screen.query_one("#owner")
        owner.value = "Fatima El Amrani"  # another name: asked again
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ActionDialog) and service.state.actions == ()
        owner.value = "EVV'er"  # a role: saved at once
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ActionDialog)
        assert [a.owner for a in service.state.actions] == ["EVV'er"]


async def test_a_name_typed_as_owner_is_answered_with_roles_not_the_advice_for_a_text(tmp_path, clock):
    """While typing "Jan de Vries" as the owner, the guard's line said "Gebruik liever 'de bewoner' of 'de collega'":
    advice for a card's text, odd for who does an action. It names roles, as the owner's own hint does."""
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "visie-leren-ontwikkelen.md"), team="T", clock=clock)
    service.go_to("eerste-stappen")
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await fill_action(pilot, "Jan de Vries")
        await pilot.pause()
        said = str(app.screen.query_one("#owner-error").render())
        assert "Noem een rol, geen naam" in said and "de bewoner" not in said, said
