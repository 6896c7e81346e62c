"""The session screen asks the core: which keys apply, what the room may see, when a review step loads,
and the commands it had no key for (release a flagged action or review item, set the head count)."""

from __future__ import annotations

import pytest

from tests.conftest import SCRIPTS
from tests.core.test_review import PLAN
from tests.tui.keys import type_text
from tests.tui.screen_text import board_column, joined
from workshop.core import events as ev
from workshop.core.availability import allowed
from workshop.core.plan import plan_file_name
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.dialogs import TextDialog
from workshop.tui.widgets import Board
from workshop.workspace import Workspace


@pytest.fixture
def started(tmp_path, clock):
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "visie-leren-ontwikkelen.md"), team="T", clock=clock)
    return workspace, service


def retrospective(tmp_path, clock, plan: str):
    """A kwaliteitsbeeld session of Team Oost whose plan is `plan`; the next step is the review of acties."""
    workspace = Workspace(tmp_path)
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / plan_file_name("Team Oost")).write_text(plan, encoding="utf-8")
    script = load_script(SCRIPTS / "kwaliteitsbeeld-retrospectief.md")
    return workspace, workspace.new_session(script, team="Team Oost", clock=clock)


async def test_the_keys_offered_are_the_commands_the_core_allows(started, clock):
    workspace, service = started
    service.go_to("stemmen-op-themas")
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.check_action("reveal", ()) and allowed(service.state, "reveal")
        assert screen.check_action("toggle_voting", ()) and not screen.check_action("proxy_vote", ())
        service.open_voting()
        await pilot.pause()
        assert screen.check_action("proxy_vote", ()) and allowed(service.state, "cast_vote")
        service.close_session()
        await pilot.pause()
        # Closed: the core refuses every change, so no key offers one (the reveal key did before).
        for action in ("reveal", "toggle_voting", "proxy_vote", "advance", "capture", "new_proxy", "close_session"):
            assert not screen.check_action(action, ()), action
        assert screen.check_action("export", ()) and screen.check_action("help", ())
        assert screen.check_action("headcount", ())  # the record can still be corrected
        await pilot.press("r")
        await pilot.pause()
        assert not service.state.is_revealed("stemmen-op-themas")


async def test_l_releases_a_flagged_action_for_the_plan(started, clock):
    workspace, service = started
    service.go_to("eerste-stappen")
    action = service.add_action("Bel 06-12345678 over de roosters", owner="teamleider", due="2026-12-15")
    assert action.privacy == ("phone",) and not action.released
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert service.state.actions[0].released
        said = [n.message for n in app._notifications]
        assert any(m.startswith("Vrijgegeven (telefoonnummer): de groep ziet deze tekst nu helemaal") for m in said)
        await pilot.press("l")  # and masked again
        await pilot.pause()
        assert not service.state.actions[0].released
        assert any(n.message.startswith("Weer afgeschermd (telefoonnummer)") for n in app._notifications)


async def test_l_releases_a_flagged_review_item(tmp_path, clock):
    workspace, service = retrospective(tmp_path, clock, PLAN)
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")  # the review step: r1, r2 and r4 ("Bel mevr. Jansen ...") load from the plan
        await pilot.pause()
        assert [r.plan_id for r in service.state.reviews] == ["r1", "r2", "r4"]
        board = app.screen.query_one(Board)
        marks = [str(board.get_row_at(n)[-1]).startswith("⚠ privé? naam") for n in range(3)]
        assert marks == [False, False, True], "the facilitator sees which open action holds a name"
        app.screen.query_one("#board").focus()  # the welcome step had no board: the prompt kept the focus
        await pilot.press("down", "down", "l")
        await pilot.pause()
        flagged = service.state.reviews[2]
        assert flagged.privacy == ("name",) and flagged.released
        assert not str(board.get_row_at(2)[-1]).startswith("⚠"), "released: the mark goes"


async def test_d_sets_the_number_of_people_in_the_room(started, clock):
    workspace, service = started
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test() as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)
        await type_text(pilot, "twaalf")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)  # refused, and the dialog says why
        assert "geen aantal" in str(app.screen.query_one("#error").render())
        await pilot.press(*["backspace"] * 6)
        await type_text(pilot, "12")
        await pilot.press("enter")
        await pilot.pause()
        assert service.state.meta.headcount == 12 and service.participant_count == 12
        assert "12 aanwezig" in str(app.screen.query_one("#status").render())  # the welcome step asks nothing
        service.go_to("wat-moet-leren-opleveren")
        await pilot.pause()
        assert "0 van 12 hebben iets gestuurd" in str(app.screen.query_one("#status").render())


async def test_the_palette_offers_the_head_count(started, clock):
    workspace, service = started
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "aanwezigen")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)


async def test_showing_a_review_step_issues_no_command(tmp_path, clock):
    """Loading the open actions is the step change's business; drawing the step (here: after a resume
    at the review step) reads the session and changes nothing."""
    workspace, service = retrospective(tmp_path, clock, PLAN)
    service.advance()
    assert len(service.state.reviews) == 3
    session_id = service.state.meta.id
    service.release()
    resumed = workspace.open_session(session_id, clock=clock)
    heard: list[ev.Event] = []
    resumed.subscribe(heard.append)
    app = WorkshopApp(workspace, session=resumed, clock=clock, serve=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#step-title").render() is not None
        assert heard == []


async def test_an_unreadable_plan_is_told_when_the_review_step_is_entered(tmp_path, clock):
    broken = PLAN.replace("| r2 | Start intervisie |", "| r1 | Start intervisie |")
    workspace, service = retrospective(tmp_path, clock, broken)
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert service.state.step.kind == "review" and service.state.reviews == ()
        messages = [n.message for n in app._notifications]
        assert any(f"{workspace.plan_path('Team Oost')}:10" in m and "(j)" in m for m in messages), messages


def test_every_key_of_the_session_screen_is_either_the_screens_own_or_a_core_command():
    from workshop.core.availability import COMMANDS
    from workshop.tui.keys import KEY_COMMANDS, SESSION_KEYS
    from workshop.tui.screens.session import SessionScreen

    own = {"projector", "toggle_join", "open_board", "export", "help", "leave", "stop", "notes", "app.quit"}
    actions = {b.action.split("(")[0] for b in SessionScreen.BINDINGS}  # type: ignore[union-attr]
    assert actions <= own | SESSION_KEYS, actions - own - SESSION_KEYS
    assert set(KEY_COMMANDS.values()) <= set(COMMANDS)


async def test_a_statement_with_too_few_answers_says_why_its_counts_are_not_shown(tmp_path, clock):
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "mantelzorg-drempelcheck.md"), team="Team Noord", clock=clock)
    service.go_to("drempelcheck")
    people = [service.join() for _ in range(4)]
    for n, person in enumerate(people):
        service.rate(0, "rood", voter=person.id, via="participant")
        if n < 2:  # the script's min_group is 3: two answers may not be shown
            service.rate(1, "groen", voter=person.id, via="participant")
    service.reveal()
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        board = app.screen.query_one(Board)
        statements = board_column(app, board, "statement")
        assert "te weinig antwoorden om te tonen" in joined(statements)
        first, second = (board.get_row_at(n) for n in range(2))
        assert "te weinig" not in str(first[-1]) and "te weinig antwoorden om te tonen" in str(second[-1])
        assert [str(cell) for cell in second[1:5]] == ["–"] * 4  # no dots that look like zero answers
