"""The user trial, as the tester did it: an action marked klaar by hand in the plan (with a Resultaat) comes back
in the next session's review to be decided on, the next export writes Fase C (and the one after it changes
nothing), and `workshop agenda` lists its check date."""

from __future__ import annotations

import re

from tests.cli.test_cli_followup import workshop
from tests.cli.test_cli_plan_trial import RETRO, TEAM, edit, exported_plan
from workshop.core.plan import plan_rows
from workshop.workspace import Workspace

A1 = "DL-2611-a1"


def test_klaar_by_hand_is_reviewed_gets_phase_c_and_its_check_date_is_on_the_agenda(tmp_path):
    _first, plan = exported_plan(tmp_path)
    edit(plan, "| P | gepland |", "| P | klaar |")
    edit(plan, f"| {A1} |  |  |  |  |", f"| {A1} | telling |  | 15-01-2027 | 8 van 10 overleggen |")

    new = workshop("new", RETRO, "--team", TEAM, cwd=tmp_path)
    assert new.returncode == 0, new.stderr
    assert "die open zijn of klaar zonder besluit (1)." in new.stdout
    found = re.search(r"Sessie gestart: (\S+)", new.stdout)
    assert found is not None
    session_id = found.group(1)
    state = Workspace(tmp_path).read_session(session_id)
    assert [(r.plan_id, r.status, r.result) for r in state.reviews] == [(A1, "klaar", "8 van 10 overleggen")]

    assert workshop("export", session_id, cwd=tmp_path).returncode == 0
    once = plan.read_text(encoding="utf-8")
    assert [(r.id, r.phase, r.status) for r in plan_rows(once)] == [(A1, "C", "klaar")]
    again = workshop("export", session_id, cwd=tmp_path)
    assert again.returncode == 0 and "PDCA-plan al bij" in again.stdout
    assert plan.read_text(encoding="utf-8") == once

    agenda = workshop("agenda", "--op", "2027-01-01", "--dagen", "30", cwd=tmp_path)
    assert agenda.returncode == 0, agenda.stderr
    assert "vr 15-01-2027" in agenda.stdout
    assert re.search(rf"checkmoment +{TEAM} · {A1} ", agenda.stdout), agenda.stdout
