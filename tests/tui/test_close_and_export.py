"""Closing a session offers to write its summary again (trial: a summary exported before `s` said "nog open" for a
session that had ended, and closing did not offer a new export). The real app (Pilot), real workspace files."""

from __future__ import annotations

from tests.conftest import SCRIPTS
from tests.tui.screen_text import joined, screen_lines
from workshop.core.script import load_script
from workshop.exporting import export_summary
from workshop.tui.app import WorkshopApp
from workshop.tui.dialogs import ExportPreview
from workshop.workspace import Workspace

KORT = SCRIPTS / "kort-teamoverleg.md"


def _open_session_exported(workspace: Workspace, clock):
    service = workspace.new_session(load_script(KORT), team="Team De Linde", clock=clock)
    service.go_to("een-actie")
    service.add_action("Vaste contactpersoon voor mantelzorgers", owner="teamleider", due="2026-12-15")
    export_summary(workspace, service.state)  # exported while the session is open
    summary = workspace.summary_path(service.state.meta.id)
    assert "- **Status:** nog open" in summary.read_text(encoding="utf-8")
    return service, summary


async def _close(app, pilot) -> None:
    await pilot.press("s")
    await pilot.pause()
    await pilot.press("left", "enter")  # Ja: close it
    await app.workers.wait_for_complete()
    await pilot.pause()
    app.clock.advance(seconds=1)  # past the moment after an answer when keys are held


async def test_closing_offers_to_write_the_summary_again_and_w_writes_it_closed(tmp_path, clock):
    workspace = Workspace(tmp_path)
    service, summary = _open_session_exported(workspace, clock)
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _close(app, pilot)
        assert service.state.meta.status == "closed"
        assert isinstance(app.screen, ExportPreview)
        shown = joined(" ".join(screen_lines(app)))
        assert "Sessie afgesloten: samenvatting opnieuw schrijven?" in shown
        assert "de samenvatting in exports/ klopt niet meer met de sessie" in shown
        assert "Status: afgesloten" in app.screen.query_one("#preview").text
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = joined(" ".join(screen_lines(app)))
        assert "Geschreven:" in shown
        # Trial: "klopt niet meer" stayed beside "Geschreven:"; once written, the note says what is true now.
        assert "klopt niet meer" not in shown and "De samenvatting in exports/ is nu deze." in shown
    written = summary.read_text(encoding="utf-8")
    assert "- **Status:** afgesloten" in written and "nog open" not in written
    plan = workspace.plan_path("Team De Linde").read_text(encoding="utf-8")
    assert plan.count("Vaste contactpersoon voor mantelzorgers") == 1  # merged again, not added twice


async def test_the_facilitator_may_leave_the_summary_as_it_is(tmp_path, clock):
    workspace = Workspace(tmp_path)
    service, summary = _open_session_exported(workspace, clock)
    before = summary.read_text(encoding="utf-8")
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _close(app, pilot)
        assert isinstance(app.screen, ExportPreview)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportPreview)
    assert service.state.meta.status == "closed"
    assert summary.read_text(encoding="utf-8") == before  # Esc writes nothing


async def test_a_session_never_exported_is_offered_its_first_summary_on_closing(tmp_path, clock):
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(KORT), team="Team De Linde", clock=clock)
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _close(app, pilot)
        assert isinstance(app.screen, ExportPreview)
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = joined(" ".join(screen_lines(app)))
        assert "Deze sessie heeft nog geen samenvatting in exports/." in shown
        # Never written, so never "again" (trial: the title said "(opnieuw)" for a first summary).
        assert "Sessie afgesloten: samenvatting schrijven?" in shown
        assert "opnieuw" not in shown
    assert not workspace.summary_path(service.state.meta.id).exists()


async def test_a_summary_deleted_before_closing_is_not_written_again_but_for_the_first_time(tmp_path, clock):
    workspace = Workspace(tmp_path)
    service, summary = _open_session_exported(workspace, clock)
    summary.unlink()
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await _close(app, pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = joined(" ".join(screen_lines(app)))
        assert "Session closed: write the summary?" in shown
        assert "again" not in shown
