"""Session screen behaviour: live board, hidden results, moderation, confirmations, palette, help, language."""

from __future__ import annotations

import pytest

from tests.conftest import SCRIPTS
from tests.tui.keys import type_text
from tests.tui.screen_text import screen_lines
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.dialogs import ConfirmDialog, ExportPreview, HelpScreen
from workshop.tui.widgets import Board
from workshop.workspace import Workspace


@pytest.fixture
def started(tmp_path, clock):
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "visie-leren-ontwikkelen.md"), team="T", clock=clock)
    return workspace, service


def cells(app) -> list[list[str]]:
    board = app.screen.query_one(Board)
    return [[str(c) for c in board.get_row_at(n)] for n in range(board.row_count)]


async def test_cards_from_phones_appear_without_a_key_press(started, clock):
    workspace, service = started
    service.go_to("wat-moet-leren-opleveren")
    phone = service.join().id
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert cells(app) == []
        service.add_contribution("Van een phone", author=phone, category="Naasten")
        await pilot.pause()
        assert cells(app) == [["1", "Naasten", "Van een phone"]]


async def test_vote_counts_stay_hidden_until_revealed(started, clock):
    workspace, service = started
    service.go_to("wat-moet-leren-opleveren")
    card = service.add_contribution("Idee", category="Naasten")
    service.go_to("stemmen-op-themas")
    service.open_voting()
    for _ in range(3):  # three voters: the script's minimum group size, below which no count is shown
        service.cast_vote(card.id, voter=service.join().id)
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert cells(app)[0][:2] == ["1", "–"]
        await pilot.press("r")
        await pilot.pause()
        assert cells(app)[0][:2] == ["1", "3"]
        assert service.state.is_revealed("stemmen-op-themas")


async def test_moderation_edit_and_hide(started, clock):
    workspace, service = started
    service.go_to("wat-moet-leren-opleveren")
    service.add_contribution("Tikfoutt", category="Naasten")
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test() as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("backspace", "enter", "h")
        await pilot.pause()
        card = service.state.contributions[0]
        assert (card.text, card.hidden, card.edited) == ("Tikfout", True, True)
        await pilot.press("f")  # projector mode: hidden cards are not shown at all
        await pilot.pause()
        assert cells(app) == []


async def test_deleting_an_action_asks_first(started, clock):
    workspace, service = started
    service.go_to("eerste-stappen")
    service.add_action("Plan leertijd", owner="teamleider", due="2026-12-01")
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test() as pilot:
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # the focus starts on Nee
        await pilot.pause()
        assert len(service.state.actions) == 1
        clock.advance(seconds=1)  # past the moment after an answer when keys are held
        await pilot.press("delete", "left", "enter")
        await pilot.pause()
        assert service.state.actions == ()


@pytest.mark.slow  # a journey through several screens: palette, two steps
async def test_command_palette_offers_the_session_commands(started, clock):
    workspace, service = started
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "volgende")
        await pilot.press("enter")
        await pilot.pause()
        # The team has no plan, so "next" passes over the review of open actions (skip_when_empty).
        assert service.state.step.id == "wat-heb-jij-geleerd"


async def test_help_lists_the_keys_that_apply(started, clock):
    workspace, service = started
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test() as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        descriptions = [d for _, d in app.screen.lines]
        assert "Volgende stap" in descriptions and "Stemmen open/dicht" not in descriptions


async def test_english_interface(started, clock):
    workspace, service = started
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False, lang="en")
    async with app.run_test() as pilot:
        await pilot.pause()
        title = str(app.screen.query_one("#step-title").render())
        assert title.startswith("Step 1 of 11")
        assert "Next step" in [b.description for b in app.screen.active_bindings.values() for b in [b.binding]]


@pytest.mark.slow  # a journey through several screens: palette, confirm dialog, capture line
async def test_closed_session_refuses_input_but_can_be_read(started, clock):
    workspace, service = started
    service.go_to("wat-moet-leren-opleveren")
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "afsluiten")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("left", "enter")  # Ja
        await pilot.pause()
        assert service.state.meta.status == "closed"
        clock.advance(seconds=1)  # past the moment after an answer when keys are held
        assert isinstance(app.screen, ExportPreview)  # closing offers to write the summary; Esc: not now
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("a")
        await type_text(pilot, "te laat")
        await pilot.press("enter")
        await pilot.pause()
        assert service.state.contributions == ()
        assert str(app.screen.query_one("#timer").render()) == "Sessie afgesloten."


@pytest.mark.slow  # a journey through several screens: two sessions, the review dialog for each action
async def test_review_step_walks_the_open_actions_of_the_plan(tmp_path, clock):
    """Session 1 leaves two actions in the team's plan; the retrospective's review step shows them, marks
    the overdue one, and records the four answers through the review dialog."""
    from workshop.tui.dialogs import ReviewDialog

    workspace = Workspace(tmp_path)
    first = workspace.new_session(load_script(SCRIPTS / "visie-leren-ontwikkelen.md"), team="T", clock=clock)
    first.go_to("eerste-stappen")
    first.add_action("Plan vaste leertijd in", owner="teamleider", due="2026-12-01", check_date="2026-12-15")
    first.add_action("Vraag naasten wat zij merken", owner="EVV'er", due="2027-03-01")
    first.release()
    workspace.merge_plan(workspace.read_session(first.state.meta.id))
    clock.advance(days=40)
    second = workspace.new_session(load_script(SCRIPTS / "kwaliteitsbeeld-retrospectief.md"), team="T", clock=clock)
    app = WorkshopApp(workspace, session=second, clock=clock, serve=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")  # the review step: the open actions are loaded from the plan
        await pilot.pause()
        rows = cells(app)
        assert [r[-1] for r in rows] == ["Plan vaste leertijd in", "Vraag naasten wat zij merken"]
        assert rows[0][4] == "De checkdatum (15 dec 2026) is voorbij."  # overdue: highlighted
        assert rows[1][4] == ""
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewDialog)
        await pilot.press("tab")
        await type_text(pilot, "Half")
        await pilot.press("tab", "tab")
        await type_text(pilot, "team")
        await pilot.press("ctrl+s")
        await pilot.pause()
        item = second.state.reviews[0]
        assert (item.reviewed, item.answer_result, item.answer_feedback) == (True, "Half", "team")


async def test_a_full_disk_is_shown_to_the_facilitator_until_it_recovers(started, clock):
    import errno

    from tests.faulty_store import disk_refused, resume_on_faulty_store

    workspace, service = started
    service.release()
    service, store = resume_on_faulty_store(workspace, service.state.meta.id, clock=clock)
    service.go_to("wat-moet-leren-opleveren")
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test() as pilot:
        with store.refusing(disk_refused(errno.ENOSPC)):
            await pilot.press("a")
            await type_text(pilot, "Verloren")
            await pilot.press("enter")
            await pilot.pause()
        assert service.state.contributions == ()
        status = str(app.screen.query_one("#status").render())
        assert status.startswith("⚠ Niet opgeslagen: de schijf is vol")
        assert app.screen.query_one("#capture").value == "Verloren"  # nothing typed is lost
        await pilot.press("enter")
        await pilot.pause()
        assert [c.text for c in service.state.contributions] == ["Verloren"]
        assert "Niet opgeslagen" not in str(app.screen.query_one("#status").render())


async def test_a_review_of_ratings_shows_counts_only_once_the_ratings_are_revealed(tmp_path, clock):
    """The same rule as for the phones: no counts (nor which statements are red) before the reveal. Before it the
    board says how to show them (a trial read 21 statements with dashes as "nothing is red")."""
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "mantelzorg-drempelcheck.md"), team="T", clock=clock)
    rating_step = service.go_to("drempelcheck")
    for voter in [service.join().id for _ in range(3)]:  # the script's minimum group size
        service.rate(0, "rood", voter=voter)
        service.rate(1, "groen", voter=voter)
    service.go_to("rood-of-oneens")
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert cells(app) == []  # none singled out
        said = " ".join(" ".join(screen_lines(app)).split())
        assert "De uitslag van 'Drempelcheck' is verborgen: ga er met j naartoe en toon hem met r." in said, said
        service.reveal(rating_step.id)
        await pilot.pause()
        shown = cells(app)
        assert [row[0] for row in shown] == ["1"]  # only the red one
        assert "██ 3" in shown[0][1:5]


async def test_a_session_opened_in_projector_mode_is_styled_for_it(started, clock):
    workspace, service = started
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    app.projector = True  # left on by an earlier session in this app
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.screen.has_class("-projector")
