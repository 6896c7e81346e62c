"""The action dialog at 80x24 (trial): "Wat" wraps as a sentence, Esc on an open list closes only the list, the
owner's hint goes once the owner is a role, and the privacy guard's verdict stands in the dialog while typing."""

from __future__ import annotations

import pytest
from textual.widgets import Select

from tests.conftest import SCRIPTS
from tests.tui.keys import type_text
from tests.tui.screen_text import joined, screen_lines
from workshop.core import privacy
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.dialogs import ActionDialog
from workshop.workspace import Workspace

LONG = (
    "In elk teamoverleg tien minuten voor een leermoment: wat ging goed, wat leren we ervan, "
    "en wie bereidt het de volgende keer voor"
)


@pytest.fixture(scope="module", autouse=True)
def lists_loaded() -> None:
    privacy.warm_up().result()


@pytest.fixture
def at_the_actions(tmp_path, clock):
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "visie-leren-ontwikkelen.md"), team="T", clock=clock)
    service.go_to("eerste-stappen")
    return workspace, WorkshopApp(workspace, session=service, clock=clock, serve=False), service


def shown(app) -> str:
    return joined("\n".join(screen_lines(app)))


async def open_dialog(pilot) -> ActionDialog:
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ActionDialog)
    return pilot.app.screen


async def test_what_wraps_as_a_sentence_and_enter_moves_on_without_a_new_line(at_the_actions):
    _, app, service = at_the_actions
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        await type_text(pilot, LONG)
        await pilot.press("enter")
        assert dialog.focused is not None and dialog.focused.id == "owner"
        text = shown(app)
        assert "In elk teamoverleg" in text and "volgende keer voor" in text  # all of it in view, wrapped
        for value in ("teamleider", "15-12-2026"):
            await type_text(pilot, value)
            await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [a.what for a in service.state.actions] == [LONG]


async def test_esc_on_an_open_list_closes_the_list_and_stays_then_cancels(at_the_actions):
    _, app, service = at_the_actions
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        status = dialog.query_one("#status", Select)
        status.focus()
        await pilot.press("enter")  # open the list
        await pilot.pause()
        assert status.expanded
        await pilot.press("down", "escape")
        await pilot.pause()
        assert not status.expanded and status.has_focus  # the list closed; the focus did not move on
        assert status.value == "gepland"  # Esc chose nothing
        assert app.screen is dialog
        await pilot.press("escape")  # on the closed list: what Esc does in any field
        await pilot.pause()
        assert not isinstance(app.screen, ActionDialog) and service.state.actions == ()


async def test_the_owner_hint_goes_once_the_owner_is_a_role(at_the_actions):
    _, app, _ = at_the_actions
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        for value in ("Plan leertijd", "Anja de Boer", "15-12-2026"):
            await type_text(pilot, value)
            await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Noem een rol, geen naam" in shown(app)
        owner = dialog.query_one("#owner")
        owner.value = "Fatima El Amrani"  # still a name: the hint stays
        await pilot.pause()
        assert "Noem een rol, geen naam" in shown(app)
        owner.value = "teamleider"  # fixed: the hint goes, before any Opslaan
        await pilot.pause()
        assert "Noem een rol" not in shown(app)
        assert not dialog.query_one("#owner-error").display


async def test_the_guards_verdict_stands_in_the_dialog_while_typing_and_holds_the_first_save(at_the_actions):
    _, app, service = at_the_actions
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        await type_text(pilot, "Bel de dochter op 06-12345678")
        await pilot.pause()
        assert "Mogelijk persoonsgegevens (telefoonnummer)" in shown(app)  # before saving
        await pilot.press("enter")
        for value in ("teamleider", "15-12-2026"):
            await type_text(pilot, value)
            await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog and service.state.actions == ()
        assert "Let op: mogelijk persoonsgegevens" in shown(app)
        assert dialog.focused is not None and dialog.focused.id == "what"
        await pilot.press("ctrl+s")  # the second Opslaan keeps it; the list masks it
        await pilot.pause()
        assert not isinstance(app.screen, ActionDialog)
        assert [a.privacy for a in service.state.actions] == [("phone",)]


async def test_a_fixed_text_loses_its_warning_and_saves_at_once(at_the_actions):
    _, app, service = at_the_actions
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        await type_text(pilot, "Bel 06-12345678")
        await pilot.pause()
        assert "Mogelijk persoonsgegevens" in shown(app)
        dialog.query_one("#what").text = "Bel de familie terug"
        await pilot.pause()
        assert "Mogelijk persoonsgegevens" not in shown(app)
        await pilot.press("enter")
        for value in ("teamleider", "15-12-2026"):
            await type_text(pilot, value)
            await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [a.privacy for a in service.state.actions] == [()]


async def test_an_action_opened_again_says_at_once_what_the_guard_flags(at_the_actions):
    _, app, service = at_the_actions
    service.add_action("Bel 06-12345678", owner="teamleider", due="2026-12-15")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # the action under the cursor
        await pilot.pause()
        assert isinstance(app.screen, ActionDialog)
        assert "Mogelijk persoonsgegevens (telefoonnummer)" in shown(app)


async def saved_once_with_an_interim_check(pilot):
    """Open the action dialog, fill it in with a check date before the deadline and press Opslaan once."""
    dialog = await open_dialog(pilot)
    for value in ("Tussenmeting dossiers", "teamleider", "01-01-2027", "", "08-12-2026"):
        await type_text(pilot, value)
        await pilot.press("enter")
    await pilot.press("ctrl+s")
    await pilot.pause()
    return dialog


async def test_a_check_date_before_the_deadline_is_a_warning_a_second_save_accepts(at_the_actions):
    """User trial 16: 'De checkdatum ligt vóór de deadline' blocked saving and a second Ctrl+S did nothing, though an
    interim check before the deadline is normal PDCA. Now the first Opslaan says so at the field; the second keeps."""
    _, app, service = at_the_actions
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await saved_once_with_an_interim_check(pilot)
        assert app.screen is dialog and service.state.actions == ()
        text = shown(app)
        assert "De checkdatum (8 dec 2026) ligt vóór de deadline (1 jan 2027)." in text
        assert "Nog eens Opslaan bewaart het toch" in text
        assert dialog.focused is not None and dialog.focused.id == "check_date"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ActionDialog)
        assert [(a.due, a.check_date) for a in service.state.actions] == [("2027-01-01", "2026-12-08")]


async def test_a_changed_date_after_the_warning_is_warned_about_again(at_the_actions):
    _, app, service = at_the_actions
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await saved_once_with_an_interim_check(pilot)
        dialog.query_one("#check_date").value = "15-12-2026"  # another interim date: a new look
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog and service.state.actions == ()
        assert "ligt vóór de deadline" in shown(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [a.check_date for a in service.state.actions] == ["2026-12-15"]
