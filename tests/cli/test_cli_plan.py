"""`workshop export` and `workshop new` with the team's plan: similar team names are asked about, what the plan
could not read is reported by line, deleted actions are named, and the summary opens with the decisions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.runner import workshop
from tests.cli.test_cli_followup import make_session
from tests.conftest import FakeClock
from tests.core import realistic
from tests.core.test_export_snapshots import FIRST_SCREEN, SHIPPED
from workshop.core.plan import plan_rows
from workshop.workspace import Workspace


def session_for(tmp_path: Path, team: str) -> str:
    workspace = Workspace(tmp_path)
    service = workspace.new_session(workspace.find_script("kort-teamoverleg"), team=team, clock=FakeClock())
    service.go_to("een-actie")
    service.add_action("Zet de overdracht op een vast lijstje", owner="teamleider", due="2026-12-15")
    session_id = service.state.meta.id
    service.release()
    return session_id


def test_a_similar_team_name_is_refused_with_the_plan_that_exists_and_the_flags_to_choose(tmp_path):
    assert workshop("export", make_session(tmp_path), cwd=tmp_path).returncode == 0
    existing = tmp_path / "exports" / "pdca-team-de-linde.md"
    session_id = session_for(tmp_path, "De Linde")
    result = workshop("export", session_id, cwd=tmp_path)
    assert result.returncode == 1
    assert str(existing) in result.stderr and "'Team De Linde'" in result.stderr
    assert '--plan "Team De Linde"' in result.stderr and "--nieuw-plan" in result.stderr
    assert not (tmp_path / "exports" / "pdca-de-linde.md").exists()
    assert (tmp_path / "exports" / f"{session_id}.md").exists()  # the summary itself is written
    # The facilitator chooses: it is that team.
    result = workshop("export", session_id, "--plan", "Team De Linde", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Zet de overdracht op een vast lijstje" in {r.what for r in plan_rows(existing.read_text("utf-8"))}
    assert not (tmp_path / "exports" / "pdca-de-linde.md").exists()


def test_a_really_different_team_gets_its_own_plan_with_nieuw_plan(tmp_path):
    workshop("export", make_session(tmp_path), cwd=tmp_path)
    session_id = session_for(tmp_path, "De Linde")
    result = workshop("export", session_id, "--nieuw-plan", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "exports" / "pdca-de-linde.md").exists()


def test_starting_a_session_for_a_similar_team_name_asks_first(tmp_path):
    workshop("export", make_session(tmp_path), cwd=tmp_path)
    result = workshop("new", "kort-teamoverleg", "--team", "De Linde", cwd=tmp_path)
    assert result.returncode == 1 and '--team "Team De Linde"' in result.stderr
    assert not list((tmp_path / "sessions").glob("*-de-linde-kort-teamoverleg.json"))
    result = workshop("new", "kort-teamoverleg", "--team", "De Linde", "--nieuw-plan", cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_export_reports_what_the_plan_could_not_read_and_what_stays_deleted(tmp_path):
    session_id = make_session(tmp_path)
    workshop("export", session_id, cwd=tmp_path)
    plan = tmp_path / "exports" / "pdca-team-de-linde.md"
    lines = plan.read_text(encoding="utf-8").split("\n")
    row = next(n for n, line in enumerate(lines) if line.startswith("| DL-2611-a1 |"))  # its row in Do
    lines[row] = lines[row].replace("| gepland |", "| in afwachting van MT |")
    plan.write_text("\n".join(lines), encoding="utf-8")
    result = workshop("export", session_id, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"{plan}:{row + 1}: let op: de status 'in afwachting van MT' ken ik niet" in result.stderr
    english = workshop("export", session_id, "--lang", "en", cwd=tmp_path)
    assert "note: the status 'in afwachting van MT' is not one I know" in english.stderr


def test_deleted_actions_are_named_when_not_added_again(tmp_path):
    session_id = make_session(tmp_path)
    workshop("export", session_id, cwd=tmp_path)
    plan = tmp_path / "exports" / "pdca-team-de-linde.md"
    text = plan.read_text(encoding="utf-8")
    plan.write_text("\n".join(x for x in text.split("\n") if not x.startswith("| DL-2611-a1 |")), encoding="utf-8")
    result = workshop("export", session_id, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Niet opnieuw in het plan gezet, want iemand haalde ze eruit: DL-2611-a1" in result.stdout
    assert "DL-2611-a1" not in {r.id for r in plan_rows(plan.read_text(encoding="utf-8"))}


@pytest.mark.slow  # seven real `workshop export` runs; tests/core/test_export_snapshots.py checks the same in the core
@pytest.mark.parametrize("script_id", SHIPPED)
def test_workshop_export_opens_with_the_decisions_and_actions(script_id, tmp_path):
    session_id = realistic.run(Workspace(tmp_path), script_id)
    result = workshop("export", session_id, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    summary = (tmp_path / "exports" / f"{session_id}.md").read_text(encoding="utf-8")
    first = "\n".join(summary.split("\n")[:FIRST_SCREEN])
    assert first.index("## Besluiten en acties") < first.index("## Keuzes")
    for action in realistic.ACTIONS[:2] + realistic.EARLIER:
        assert action["what"] in first
    plan_ids = {r.id for r in plan_rows((tmp_path / "exports" / "pdca-team-de-linde.md").read_text("utf-8"))}
    assert {"DL-2611-a1", "DL-2611-a2", "DL-2609-a1"} <= plan_ids
    assert "| DL-2611-a1 |" in first  # the summary names the action as the plan does
