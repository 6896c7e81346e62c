"""Sessions in a workspace folder: a second program on the same session gets a clear error, loses nothing."""

from __future__ import annotations

import pytest

from tests.conftest import SCRIPTS
from workshop.core.errors import SessionLockedError
from workshop.core.script import load_script
from workshop.workspace import Workspace


def test_second_program_on_the_same_session_is_refused(tmp_path):
    workspace = Workspace(tmp_path)
    first = workspace.new_session(load_script(SCRIPTS / "mantelzorg-drempelcheck.md"), team="Team Noord")
    session_id = first.state.meta.id
    first.advance()
    with pytest.raises(SessionLockedError) as err:
        workspace.open_session(session_id)
    assert "al geopend in een ander programma" in str(err.value)
    assert "is open elsewhere" in err.value.text("en")
    # The first program carries on undisturbed, and after it stops the session opens again.
    first.add_contribution("Nog steeds hier")
    first.release()
    again = workspace.open_session(session_id)
    assert again.state.cards(again.state.step.id)[0].text == "Nog steeds hier"
    again.release()


def test_sessions_are_listed_with_their_state(tmp_path):
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "visie-leren-ontwikkelen.md"), team="Team Zuid")
    service.advance()  # past the review of open actions (step 2): Team Zuid has no plan, so none are open
    (info,) = workspace.sessions()
    assert info.meta is not None and info.meta.team == "Team Zuid" and info.meta.current == 2
    assert info.script is not None and info.step.title == info.script.steps[2].title
    service.release()


def test_new_sessions_for_the_same_team_and_day_get_their_own_file(tmp_path):
    workspace = Workspace(tmp_path)
    script = load_script(SCRIPTS / "visie-leren-ontwikkelen.md")
    a = workspace.new_session(script, team="Team Zuid")
    b = workspace.new_session(script, team="Team Zuid")
    assert a.state.meta.id != b.state.meta.id and b.state.meta.id.endswith("-2")
    a.release()
    b.release()
