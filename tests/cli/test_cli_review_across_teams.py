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
    assert "2 team(s)" in overview.stdout and "Locatie Oost |" not in overview.stdout

    # A location session with an action of its own does get its plan.
    service = workspace.new_session(workspace.find_script("locatie-terugblik"), team="Locatie Oost", clock=FakeClock())
    workspace.load_open_actions(service)
    service.go_to(next(s.id for s in service.state.script.steps if s.kind == "actions"))
    service.add_action("Plan een gezamenlijke scholing", owner="locatiemanager", due="2027-01-15")
    session_id = service.state.meta.id
    service.release()
    assert workshop("export", session_id, cwd=tmp_path).returncode == 0
    assert "Plan een gezamenlijke scholing" in (exports / "pdca-locatie-oost.md").read_text(encoding="utf-8")
