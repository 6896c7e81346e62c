"""A review across teams (`teams: alle`) run by a location: `workshop new` names the plans it read, and the export
writes the answers into the teams' plans without making an empty plan for the location (a "team" in the overview)."""

from __future__ import annotations

from pathlib import Path

from tests.cli.runner import workshop
from tests.conftest import SCRIPTS, FakeClock
from workshop.workspace import Workspace

TEAMS = ("Team De Linde", "Team De Eik")


def across_teams_workspace(root: Path) -> Workspace:
    """Two teams with one open action each in their plans, and a copy of kort-teamoverleg that walks every plan."""
    workspace = Workspace(root)
    for team in TEAMS:
        service = workspace.new_session(workspace.find_script("kort-teamoverleg"), team=team, clock=FakeClock())
        service.go_to(next(s.id for s in service.state.script.steps if s.kind == "actions"))
        service.add_action("Bel de familie na elke opname", owner="teamleider", due="2026-12-15")
        session_id = service.state.meta.id
        service.release()
        assert workshop("export", session_id, cwd=root).returncode == 0
    text = (SCRIPTS / "kort-teamoverleg.md").read_text(encoding="utf-8")
    text = text.replace("id: kort-teamoverleg", "id: locatie-terugblik").replace(
        "- kind: review\n", "- kind: review\n- teams: alle\n", 1
    )
    (root / "scripts").mkdir(exist_ok=True)
    (root / "scripts" / "locatie-terugblik.md").write_text(text, encoding="utf-8")
    return workspace


def test_new_names_the_team_plans_it_read_not_a_plan_of_the_location(tmp_path):
    across_teams_workspace(tmp_path)
    new = workshop("new", "locatie-terugblik", "--team", "Locatie Oost", cwd=tmp_path)
    assert new.returncode == 0, new.stderr
    exports = tmp_path / "exports"
    line = next(x for x in new.stdout.splitlines() if x.startswith("Klaar voor de terugblik"))
    assert str(exports / "pdca-team-de-linde.md") in line and str(exports / "pdca-team-de-eik.md") in line
    assert "pdca-locatie-oost.md" not in line and "(2)" in line


def test_export_of_a_review_across_teams_makes_no_empty_plan_for_the_location(tmp_path):
    workspace = across_teams_workspace(tmp_path)
    service = workspace.new_session(workspace.find_script("locatie-terugblik"), team="Locatie Oost", clock=FakeClock())
    assert workspace.load_open_actions(service) == 2
    first = service.state.reviews[0]
    service.review_action(first.key, status="klaar", result="gedaan bij 4 van 5 opnames", act_decision="borgen")
    session_id = service.state.meta.id
    service.release()
    done = workshop("export", session_id, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    exports = tmp_path / "exports"
    assert not (exports / "pdca-locatie-oost.md").exists()
    assert "Geen eigen PDCA-plan gemaakt" in done.stdout and "PDCA-plan al bij" not in done.stdout
    answered = exports / f"pdca-{'team-de-linde' if first.team == 'Team De Linde' else 'team-de-eik'}.md"
    assert "gedaan bij 4 van 5 opnames" in answered.read_text(encoding="utf-8")
    overview = workshop("overzicht", "--stdout", cwd=tmp_path)
    assert overview.returncode == 0, overview.stderr
    assert "2 team(s)" in overview.stdout
    per_team = overview.stdout.split("## Per team", 1)[1].split("\n## ", 1)[0]
    assert "Locatie Oost |" not in per_team  # no team; named apart, under Locaties, with its session
    assert "| Locatie Oost | geen eigen plan | | | | | 1 |" in overview.stdout

    # A location session with an action of its own does get its plan.
    service = workspace.new_session(workspace.find_script("locatie-terugblik"), team="Locatie Oost", clock=FakeClock())
    workspace.load_open_actions(service)
    service.go_to(next(s.id for s in service.state.script.steps if s.kind == "actions"))
    service.add_action("Plan een gezamenlijke scholing", owner="locatiemanager", due="2027-01-15")
    session_id = service.state.meta.id
    service.release()
    assert workshop("export", session_id, cwd=tmp_path).returncode == 0
    assert "Plan een gezamenlijke scholing" in (exports / "pdca-locatie-oost.md").read_text(encoding="utf-8")


def answered_about_de_linde(root: Path, *, release: bool = True):
    """A location with a plan already (an earlier session with an action of its own) answers one action of Team
    De Linde in a review across teams; returns the workspace, the session's id and the answered action's id (and the
    session, still open, with `release=False`)."""
    workspace = across_teams_workspace(root)
    earlier = workspace.new_session(workspace.find_script("locatie-terugblik"), team="Locatie Oost", clock=FakeClock())
    earlier.go_to(next(s.id for s in earlier.state.script.steps if s.kind == "actions"))
    earlier.add_action("Plan een gezamenlijke scholing", owner="locatiemanager", due="2027-01-15")
    earlier_id = earlier.state.meta.id
    earlier.release()
    assert workshop("export", earlier_id, cwd=root).returncode == 0
    service = workspace.new_session(workspace.find_script("locatie-terugblik"), team="Locatie Oost", clock=FakeClock())
    workspace.load_open_actions(service)
    linde = next(item for item in service.state.reviews if item.team == "Team De Linde")
    service.review_action(linde.key, status="klaar", result="gedaan bij 4 van 5 opnames", act_decision="borgen")
    session_id = service.state.meta.id
    if not release:
        return workspace, service, linde.plan_id
    service.release()
    return workspace, session_id, linde.plan_id


def test_export_names_each_team_plan_it_changed_not_only_the_locations(tmp_path):
    # Not "PDCA-plan bijgewerkt: pdca-locatie-oost.md (nieuwe acties: 0, bijgewerkt: 0)" as if the answers went
    # there: the team plan that got the answer is named, with how many actions it updated.
    _workspace, session_id, _plan_id = answered_about_de_linde(tmp_path)
    done = workshop("export", session_id, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    linde_plan = tmp_path / "exports" / "pdca-team-de-linde.md"
    assert "gedaan bij 4 van 5 opnames" in linde_plan.read_text(encoding="utf-8")
    assert f"PDCA-plan van Team De Linde bijgewerkt: {linde_plan} (1 actie bijgewerkt)" in done.stdout
    assert "nieuwe acties: 0, bijgewerkt: 0" not in done.stdout and "(bijgewerkt: " not in done.stdout
    assert "pdca-locatie-oost.md (geen acties veranderd; alleen de sessie staat er nu bij, onder Plan)" in done.stdout
    assert "pdca-team-de-eik.md" not in done.stdout  # nothing answered about De Eik: its plan is not named


def test_summary_of_a_review_across_teams_names_each_actions_team(tmp_path):
    _workspace, session_id, plan_id = answered_about_de_linde(tmp_path)
    assert workshop("export", session_id, cwd=tmp_path).returncode == 0
    summary = (tmp_path / "exports" / f"{session_id}.md").read_text(encoding="utf-8")
    assert "| Team | ID | Actie | Status |" in summary
    row = next(line for line in summary.splitlines() if plan_id in line and "opnames" in line)
    assert row.startswith("| Team De Linde | ")
    assert "| Locatie Oost | " in summary  # the location's own open action is named by its team too


async def test_the_apps_export_names_the_team_plans_it_changed(tmp_path):
    from tests.tui.screen_text import joined, screen_lines
    from workshop.tui.app import WorkshopApp
    from workshop.tui.dialogs import ExportPreview

    workspace, service, _plan_id = answered_about_de_linde(tmp_path, release=False)
    app = WorkshopApp(workspace, session=service, clock=FakeClock(), serve=False)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.press("x")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ExportPreview)
        await pilot.press("w")
        for _ in range(100):  # the written lines are drawn once the export's worker is done (slower under load)
            await app.workers.wait_for_complete()
            await pilot.pause(0.05)
            # The dialog's border (█) stands between the parts of a line it wraps, and where it wraps moves with the
            # temp folder's name (longer under xdist): read the text without it.
            screen = joined(" ".join(screen_lines(app)).replace("█", " "))
            if "pdca-locatie-oost.md (" in screen:
                break
    # Said what was updated, not "(bijgewerkt: 1)" (a trial could not tell what the 1 counted).
    assert "PDCA-plan van Team De Linde bijgewerkt" in screen and "pdca-team-de-linde.md (1 actie bijgewerkt)" in screen
    assert "(bijgewerkt: " not in screen
    # The session's own plan says what changed in it too, not only its path.
    assert "pdca-locatie-oost.md (geen acties veranderd; alleen de sessie staat er nu bij, onder Plan)" in screen
