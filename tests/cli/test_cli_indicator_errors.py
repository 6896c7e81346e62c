"""`workshop indicatoren` says what to do when it cannot: a closed session, a session open in the app, an action
that is not in the session (the valid ids are listed)."""

from __future__ import annotations

from pathlib import Path

from tests.cli.runner import workshop
from tests.conftest import FakeClock
from workshop.workspace import Workspace

ROW = "Cliëntervaring;8,1;8,4;2025;ODB"


def kwaliteitsbeeld_session(root: Path, *, actions: int = 0, close: bool = False) -> str:
    workspace = Workspace(root)
    service = workspace.new_session(
        workspace.find_script("kwaliteitsbeeld-retrospectief"), team="Team De Linde", clock=FakeClock()
    )
    service.go_to("acties")
    for n in range(actions):
        service.add_action(f"Stap {n + 1} zetten", owner="teamleider", due="2027-02-01")
    if close:
        service.close_session()
    session_id = service.state.meta.id
    service.release()
    return session_id


def test_a_closed_session_says_how_to_get_indicators_in(tmp_path):
    session = kwaliteitsbeeld_session(tmp_path, close=True)
    result = workshop("indicatoren", session, "--rij", ROW, cwd=tmp_path)
    assert result.returncode == 1
    assert f"sessie {session} is afgesloten" in result.stderr
    assert "workshop new kwaliteitsbeeld-retrospectief --team TEAM" in result.stderr
    assert "toets g" in result.stderr
    # Listing the rows of a closed session still works.
    assert workshop("indicatoren", session, cwd=tmp_path).returncode == 0


def test_a_session_open_in_the_app_points_to_the_apps_key(tmp_path):
    session = kwaliteitsbeeld_session(tmp_path)
    service = Workspace(tmp_path).open_session(session)  # as the app holds it
    try:
        result = workshop("indicatoren", session, "--rij", ROW, cwd=tmp_path)
    finally:
        service.release()
    assert result.returncode == 1
    assert "geopend in de app" in result.stderr and "'Vergelijken met het ODB'" in result.stderr
    assert "druk op g" in result.stderr and "Ctrl+P" in result.stderr


def test_an_unknown_action_lists_the_actions_of_the_session(tmp_path):
    session = kwaliteitsbeeld_session(tmp_path, actions=2)
    assert workshop("indicatoren", session, "--rij", ROW, cwd=tmp_path).returncode == 0
    result = workshop("indicatoren", session, "--koppel", "DL-2612-a1=i1", cwd=tmp_path)
    assert result.returncode == 1
    assert "actie 'DL-2612-a1' staat niet in deze sessie" in result.stderr
    assert "Kies een actie van deze sessie: a1, a2" in result.stderr
    assert workshop("indicatoren", session, "--koppel", "a2=i1", cwd=tmp_path).returncode == 0
