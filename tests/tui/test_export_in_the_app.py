"""The app's export (x, w) does what `workshop export` does: the summary names each action by the id the team's
plan gives it (a team's second session in a month gets "…b-a1"), and says so when the group's review answers
were not written because someone edited the plan since. Real workspace files, the real app (Pilot)."""

from __future__ import annotations

import re

from tests.conftest import SCRIPTS
from tests.tui.screen_text import joined, screen_lines
from workshop.core.script import load_script
from workshop.exporting import export_summary
from workshop.tui.app import WorkshopApp
from workshop.tui.dialogs import ExportPreview
from workshop.workspace import Workspace

TEAM = "Team De Linde"
KORT = SCRIPTS / "kort-teamoverleg.md"


def _session_with_action(workspace: Workspace, clock, what: str):
    service = workspace.new_session(load_script(KORT), team=TEAM, clock=clock)
    service.go_to("een-actie")
    service.add_action(what, owner="teamleider", due="2026-12-15")
    return service


def _plan_ids(workspace: Workspace) -> dict[str, str]:
    """Action text -> its id, from the team's plan's Do table."""
    text = (workspace.exports_dir / "pdca-team-de-linde.md").read_text(encoding="utf-8")
    text = text.split("## Do", 1)[1].split("## Check", 1)[0]
    return {
        m.group(2): m.group(1)
        for m in re.finditer(r"^\| ([\w-]+) \| ([^|]+?) \|", text, re.M)
        if m.group(1) not in ("ID", "---")
    }


async def _export_in_app(workspace, service, clock) -> tuple[str, str]:
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("x")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ExportPreview)
        preview = app.screen.query_one("#preview").text
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        return preview, joined(" ".join(screen_lines(app)))


async def test_a_second_session_in_a_month_shows_and_writes_the_ids_the_plan_gives(tmp_path, clock) -> None:
    workspace = Workspace(tmp_path)
    first = _session_with_action(workspace, clock, "Sensormat bij bed van de bewoner leggen")
    export_summary(workspace, first.state)
    first.release()
    second = _session_with_action(workspace, clock, "Vaste contactpersoon voor mantelzorgers")
    preview, _ = await _export_in_app(workspace, second, clock)
    ids = _plan_ids(workspace)
    new_id, old_id = ids["Vaste contactpersoon voor mantelzorgers"], ids["Sensormat bij bed van de bewoner leggen"]
    assert new_id != old_id and new_id.endswith("b-a1")
    assert new_id in preview and f"{old_id} | Vaste" not in preview  # the preview already says the plan's id
    summary = workspace.summary_path(second.state.meta.id).read_text(encoding="utf-8")
    assert f"| {new_id} | Vaste contactpersoon voor mantelzorgers |" in summary
    assert f"| {old_id} | Vaste" not in summary


async def test_review_answers_kept_out_of_an_edited_plan_are_reported_in_the_app(tmp_path, clock) -> None:
    workspace = Workspace(tmp_path)
    first = _session_with_action(workspace, clock, "Nieuw rooster voor de nachtdienst maken")
    export_summary(workspace, first.state)
    first.release()
    (old_id,) = _plan_ids(workspace).values()
    second = workspace.new_session(load_script(KORT), team=TEAM, clock=clock)
    second.go_to("acties-van-vorige-keer")
    workspace.load_open_actions(second)
    second.review_action(old_id, status="bezig", result="Nieuw rooster geldt vanaf januari")
    plan = workspace.exports_dir / "pdca-team-de-linde.md"
    edited = plan.read_text(encoding="utf-8").replace("| P | gepland |", "| P | uitgesteld |", 1)
    plan.write_text(edited, encoding="utf-8")  # the team leader, in another editor, before the export
    _, screen = await _export_in_app(workspace, second, clock)
    assert f"Let op: bij {old_id} (Status) is het plan na de sessie veranderd" in screen
    assert "| uitgesteld |" in plan.read_text(encoding="utf-8")  # the hand edit stays


async def test_a_plan_that_cannot_be_read_is_said_to_be_not_updated_beside_what_was_written(tmp_path, clock) -> None:
    """Re-trial: with a cell taken out of a plan row, w listed the refusal under "Geschreven:" as if the plan had been
    written. The summary is written; the plan line says it was not updated, and why, with its line."""
    workspace = Workspace(tmp_path)
    first = _session_with_action(workspace, clock, "Vaste leertijd in het rooster")
    export_summary(workspace, first.state)
    first.release()
    plan = workspace.exports_dir / "pdca-team-de-linde.md"
    text = plan.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if "| Vaste leertijd in het rooster |" in line)
    plan.write_text(text.replace(row, row.replace(" | teamleider |", " |", 1)), encoding="utf-8")  # a cell out
    before = plan.read_bytes()
    second = _session_with_action(workspace, clock, "Intervisie elke maand")
    _, shown = await _export_in_app(workspace, second, clock)
    flat = " ".join(shown.replace("█", " ").split())  # the dialog's lines wrap where the temp folder's name ends
    assert "Het plan is niet bijgewerkt:" in flat and "welke cel ontbreekt" in flat, shown
    assert plan.read_bytes() == before


async def test_the_app_says_what_the_export_changed_in_the_plan(tmp_path, clock) -> None:
    """Trial: after writing, the app showed only the plan's path (and a team's plan "(bijgewerkt: 1)"): what had
    changed could not be read. It now says it in words, as `workshop export` does."""
    workspace = Workspace(tmp_path)
    service = _session_with_action(workspace, clock, "Sensormat bij bed van de bewoner leggen")
    service.add_action("Vaste contactpersoon voor mantelzorgers", owner="EVV'er", due="2026-12-20")
    _, screen = await _export_in_app(workspace, service, clock)
    written = "".join(screen.replace("█", "").split())  # the long path wraps anywhere in the dialog
    assert "PDCA-planbijgewerkt:" in written and "pdca-team-de-linde.md(2nieuweacties)" in written, screen


async def test_a_step_title_ending_in_a_question_mark_reads_well_in_the_summary(tmp_path, clock) -> None:
    """Trial: a rating step titled with a question ran into the next clause in the summary ("…zijn we?; deze
    stap"). The title is in quotes and the next sentence stands on its own, in the app's export preview too."""
    workspace = Workspace(tmp_path)
    text = (SCRIPTS / "mantelzorg-drempelcheck.md").read_text(encoding="utf-8")
    text = text.replace("## Drempelcheck\n", "## Hoe drempelvrij zijn we?\n- id: drempelcheck\n", 1)
    text = text.replace("- of: Drempelcheck", "- of: drempelcheck")
    workspace.scripts_dir.mkdir(parents=True, exist_ok=True)
    (workspace.scripts_dir / "mantelzorg-drempelcheck.md").write_text(text, encoding="utf-8")
    service = workspace.new_session(workspace.find_script("mantelzorg-drempelcheck"), team=TEAM, clock=clock)
    service.go_to("rood-of-oneens")  # the review of a rating the room never saw
    preview, _ = await _export_in_app(workspace, service, clock)
    preview = " ".join(preview.split())  # as drawn: wrapped at the dialog's width
    assert "?;" not in preview
    assert "geen uitslag van 'Hoe drempelvrij zijn we?'. Deze stap had dus geen stellingen" in preview, preview
