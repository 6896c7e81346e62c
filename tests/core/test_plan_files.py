"""The plan on disk: a save that lands while an export runs is never lost, two exports take turns, and a team
name written slightly differently is noticed before a second plan is started."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, FakeClock
from tests.core.test_plan import FIRST, S1, S2, SECOND, session
from workshop.core.errors import PlanError
from workshop.core.plan import plan_rows, similar_teams
from workshop.plan_files import plan_lock
from workshop.workspace import Workspace

TEAM = "Team De Linde"


def first_state():
    return session(S1, FIRST, FakeClock(), vote=True).state


def second_state():
    return session(S2, SECOND, FakeClock(FakeClock().now.replace(year=2027, month=1, day=20))).state


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    workspace = Workspace(tmp_path)
    workspace.merge_plan(first_state())
    return workspace


def hand_save(path: Path) -> str:
    """Someone saves the plan in an editor: a status changed and a row of their own. Returns that row."""
    text = path.read_text(encoding="utf-8")
    own = "| eigen-1 | Koffie-overleg met naasten | signaal | teamleider | 01-02-2027 | D | bezig |"
    lines = text.split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith("| DL-2611-a1 |"))
    lines[row] = lines[row].replace("| gepland |", "| bezig (hand) |")
    lines.insert(row + 1, own)
    path.write_text("\n".join(lines), encoding="utf-8")
    return own


def test_a_save_that_lands_during_an_export_is_merged_not_lost(workspace):
    pending = workspace.prepare_plan(second_state())  # the export has read the plan and merged in memory
    own = hand_save(workspace.plan_path(TEAM))  # ... and now the person's save lands
    path, merged = workspace.commit_plan(pending)
    text = path.read_text(encoding="utf-8")
    assert own in text.split("\n") and "| bezig (hand) |" in text
    assert merged.added == ("DL-2701-a1",) and "DL-2701-a1" in {r.id for r in plan_rows(text)}
    assert merged.text == text


def test_a_save_that_breaks_the_plan_during_an_export_is_left_alone(workspace):
    pending = workspace.prepare_plan(second_state())
    path = workspace.plan_path(TEAM)
    broken = path.read_text(encoding="utf-8").replace("| DL-2611-a2 | Start", "| DL-2611-a1 | Start")
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(PlanError) as err:
        workspace.commit_plan(pending)
    assert err.value.code == "plan.duplicate_id"
    assert path.read_text(encoding="utf-8") == broken


def test_two_exports_at_once_keep_both(workspace):
    later = session("2027-01-21-team-de-linde-visie-leren-ontwikkelen", SECOND, FakeClock()).state
    one = workspace.prepare_plan(second_state())
    other = workspace.prepare_plan(later)  # both read the same plan
    workspace.commit_plan(other)
    path, _ = workspace.commit_plan(one)  # the last one merges again into what the first wrote
    ids = {r.id for r in plan_rows(path.read_text(encoding="utf-8"))}
    assert ids == {"DL-2611-a1", "DL-2611-a2", "DL-2701-a1", "DL-2611b-a1"}


def test_an_export_waits_for_the_plan_lock_and_gives_up_with_a_clear_message(workspace):
    pending = workspace.prepare_plan(second_state())
    path = workspace.plan_path(TEAM)
    before = path.read_bytes()
    with plan_lock(path), pytest.raises(PlanError) as err:
        workspace.commit_plan(pending, lock_wait=0.2)
    assert err.value.code == "plan.locked" and "andere export" in err.value.text()
    assert path.read_bytes() == before
    workspace.commit_plan(pending)  # once the lock is free, the export goes through
    assert "DL-2701-a1" in path.read_text(encoding="utf-8")


@pytest.mark.slow  # four processes, ~2-4 s; the fast tier keeps the rule in one process: two exports at once,
# a save during an export, the plan lock's wait (the tests above)
def test_exports_in_four_programs_at_once_lose_nothing(tmp_path):
    """Four `workshop export` processes on one team's plan, started together."""
    workspace = Workspace(tmp_path)
    ids = []
    for n in range(4):
        clock = FakeClock(FakeClock().now.replace(day=10 + n))
        service = workspace.new_session(workspace.find_script("kort-teamoverleg"), team=TEAM, clock=clock)
        service.go_to(next(s.id for s in service.state.script.steps if s.kind == "actions"))
        service.add_action(f"Actie van sessie {n}", owner="teamleider", due="2026-12-31")
        ids.append(service.state.meta.id)
        service.release()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("WORKSHOP_HOME", None)
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "workshop.cli", "export", session_id],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for session_id in ids
    ]
    for run in runs:
        _out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err.decode()
    rows = plan_rows(workspace.plan_path(TEAM).read_text(encoding="utf-8"))
    assert sorted(r.what for r in rows) == [f"Actie van sessie {n}" for n in range(4)]
    assert len({r.id for r in rows}) == 4


# ----- which plan belongs to which team ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "team, known, similar",
    [
        ("De Linde", ["Team De Linde"], ("Team De Linde",)),
        ("Team De Linde", ["De Linde"], ("De Linde",)),
        ("team de linde", ["Team De Linde"], ()),  # the same name: that is its own plan
        ("De Lind", ["Team De Linde"], ("Team De Linde",)),  # a typing slip
        ("Afdeling De Linde", ["Team De Linde", "De Eik"], ("Team De Linde",)),
        ("De Eik", ["Team De Linde"], ()),
        ("Wijkteam Oost", ["Wijkteam West"], ()),
    ],
)
def test_similar_team_names(team, known, similar):
    assert similar_teams(team, known) == similar


def test_the_workspace_says_which_plan_exists_for_a_similar_name(workspace):
    assert workspace.similar_plans("De Linde") == [(workspace.plan_path(TEAM), TEAM)]
    assert workspace.similar_plans(TEAM) == []  # it has a plan of its own
    assert workspace.similar_plans("De Eik") == []
