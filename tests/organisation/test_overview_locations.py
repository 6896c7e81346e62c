"""A location's sessions above the teams (a review across teams, `teams: alle`) are no team's: the overview counts
them and the location's own plan apart and says so (tester: the location's session raised the session count, and its
plan counted as a team). Real sessions and exports in a temporary workspace, the real `workshop overzicht`."""

from __future__ import annotations

import re
import shutil

from tests.cli.runner import workshop
from tests.cli.test_cli_review_across_teams import across_teams_workspace
from tests.conftest import FakeClock
from workshop.workspace import Workspace


def _location_session(workspace: Workspace, *, own_action: bool) -> str:
    service = workspace.new_session(workspace.find_script("locatie-terugblik"), team="Locatie Oost", clock=FakeClock())
    workspace.load_open_actions(service)
    first = service.state.reviews[0]
    service.review_action(first.key, status="bezig", result="gedaan bij 4 van 5 opnames")
    if own_action:
        service.go_to(next(s.id for s in service.state.script.steps if s.kind == "actions"))
        service.add_action("Plan een gezamenlijke scholing", owner="locatiemanager", due="2027-01-15")
    session_id = service.state.meta.id
    service.release()
    assert workshop("export", session_id, cwd=workspace.root).returncode == 0
    return session_id


def _team_rows(markdown: str) -> list[str]:
    section = markdown.split("## Per team", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| (?!Team \||---)([^|]+?) \|", section, flags=re.MULTILINE)


def test_a_locations_session_and_plan_are_counted_apart_from_the_teams(tmp_path):
    workspace = across_teams_workspace(tmp_path)
    _location_session(workspace, own_action=True)
    result = workshop("overzicht", "--stdout", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "· 2 team(s) en 1 locatie(s) · 2 sessie(s) van teams en 1 over de teams heen ·" in text
    assert _team_rows(text) == ["Team De Eik", "Team De Linde"]
    assert "Niet als team geteld: Locatie Oost." in text
    locations = text.split("## Locaties: sessies over de teams heen", 1)[1].split("\n## ", 1)[0]
    assert "Een locatie is geen team" in locations
    assert "| Locatie Oost | 1 | 0 | 0 | 0 | 0 | 1 |" in locations
    assert workshop("overzicht", cwd=tmp_path).returncode == 0
    page = (workspace.exports_dir / "overzicht.html").read_text(encoding="utf-8")
    assert "<h2>Locaties: sessies over de teams heen</h2>" in page and "<th>Locatie</th>" in page


def test_a_location_without_a_plan_of_its_own_is_named_with_its_sessions(tmp_path):
    workspace = across_teams_workspace(tmp_path)
    _location_session(workspace, own_action=False)
    assert not workspace.plan_path("Locatie Oost").exists()
    text = workshop("overzicht", "--stdout", cwd=tmp_path).stdout
    assert "· 2 team(s) en 1 locatie(s) · 2 sessie(s) van teams en 1 over de teams heen ·" in text
    assert "| Locatie Oost | geen eigen plan | | | | | 1 |" in text


def test_shared_plans_and_figures_know_the_location_too(tmp_path):
    """Without the sessions (a shared folder: plans and cijfers/), the figures say which session was a location's."""
    workspace = across_teams_workspace(tmp_path / "ws")
    _location_session(workspace, own_action=True)
    assert workshop("overzicht", "--stdout", cwd=workspace.root).returncode == 0  # refreshes exports/cijfers/
    shared = tmp_path / "gedeeld"
    shutil.copytree(workspace.exports_dir, shared)
    text = workshop("overzicht", str(shared), "--stdout", cwd=tmp_path).stdout
    assert _team_rows(text) == ["Team De Eik", "Team De Linde"]
    assert "| Locatie Oost | 1 | 0 | 0 | 0 | 0 | 1 |" in text
