"""The home screen reminds of sessions past the retention term (AVG): how many, and "exporteer en verwijder"."""

from __future__ import annotations

from textual.widgets import Static

from tests.conftest import SCRIPTS, FakeClock
from tests.tui.screen_text import joined, screen_lines
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.workspace import Workspace


def sessions(workspace: Workspace, clock: FakeClock, teams: tuple[str, ...]) -> list[str]:
    ids = []
    for team in teams:
        service = workspace.new_session(load_script(SCRIPTS / "mantelzorg-drempelcheck.md"), team=team, clock=clock)
        ids.append(service.state.meta.id)
        service.release()
    return ids


async def test_sessions_past_the_term_are_named_with_the_command_that_removes_them(tmp_path, clock, monkeypatch):
    monkeypatch.delenv("WORKSHOP_BEWAARTERMIJN", raising=False)
    workspace = Workspace(tmp_path)
    old = sessions(workspace, clock, ("Team Noord", "Team Zuid"))
    clock.advance(days=80)
    sessions(workspace, clock, ("Team Oost",))  # 11 days old on the day below: within the term
    clock.advance(days=11)
    app = WorkshopApp(workspace, clock=clock, serve=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = joined("\n".join(screen_lines(app)))
        assert "2 sessies ouder dan 90 dagen — exporteer en verwijder" in shown
        assert f"(workshop purge {sorted(old)[0]} …)" in shown
    assert sorted(info.id for info in workspace.sessions_past_retention(clock())) == sorted(old)  # the same rule


async def test_no_reminder_while_every_session_is_within_the_term(tmp_path, clock, monkeypatch):
    monkeypatch.setenv("WORKSHOP_BEWAARTERMIJN", "30")  # the term is the user's setting
    workspace = Workspace(tmp_path)
    sessions(workspace, clock, ("Team Noord",))
    clock.advance(days=20)
    app = WorkshopApp(workspace, clock=clock, serve=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.screen.query_one("#retention", Static).display
        assert "ouder dan" not in joined("\n".join(screen_lines(app)))
    clock.advance(days=11)
    app = WorkshopApp(workspace, clock=clock, serve=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "1 sessie ouder dan 30 dagen — exporteer en verwijder" in joined("\n".join(screen_lines(app)))
