"""A vote step with nothing to vote on says where its items come from (the step's number and title), on the
console and when the facilitator opens voting anyway; the projector only says there is nothing yet."""

from __future__ import annotations

from tests.tui.screen_text import joined, screen_lines
from workshop.catalogue import builtin_folder
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.workspace import Workspace


def netwerkkaart(tmp_path, clock):
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(builtin_folder() / "netwerkkaart.md"), team="Team Test", clock=clock)
    return workspace, service


def notices(app) -> str:
    return " ".join(str(n.message) for n in app._notifications)


async def test_an_empty_vote_step_names_the_step_its_cards_come_from(tmp_path, clock):
    workspace, service = netwerkkaart(tmp_path, clock)
    service.go_to("waar-halen-we-meer-uit")
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = joined("\n".join(screen_lines(app)))
        assert "hier komen de kaartjes van stap 5 'Halen en brengen'" in shown, shown
        await pilot.press("o")
        await pilot.pause()
        assert service.state.is_voting_open(service.state.step.id)
        told = notices(app)
        assert "Nog niets om op te stemmen" in told and "stap 5 'Halen en brengen'" in told, told
        await pilot.press("f")  # the room sees only that there is nothing yet, no keys
        await pilot.pause()
        room = joined("\n".join(screen_lines(app)))
        assert "Nog niets om op te stemmen." in room and "Ga erheen met j" not in room, room


async def test_a_vote_step_with_cards_opens_without_a_warning(tmp_path, clock):
    workspace, service = netwerkkaart(tmp_path, clock)
    service.go_to("halen-en-brengen")
    service.add_contribution("Scholing over valpreventie", category="Wat we halen")
    service.go_to("waar-halen-we-meer-uit")
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert service.state.is_voting_open(service.state.step.id)
        assert "Nog niets om op te stemmen" not in notices(app)
