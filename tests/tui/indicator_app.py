"""The app opened at the step of a kwaliteitsbeeld session that asks for indicators (`indicators: ja`), for the
tests of its `g` dialog and palette entry (tests/tui, tests/cli)."""

from __future__ import annotations

from workshop.tui.app import WorkshopApp
from workshop.workspace import Workspace

INDICATOR_STEP = "vergelijken-met-het-odb"  # the step of kwaliteitsbeeld-retrospectief that asks for them


def app_at_the_indicator_step(tmp_path, session: str, clock) -> WorkshopApp:
    """Return the app (without phones) on session `session` of the workspace `tmp_path`, moved to INDICATOR_STEP."""
    workspace = Workspace(tmp_path)
    service = workspace.open_session(session)
    service.go_to(INDICATOR_STEP)
    return WorkshopApp(workspace, session=service, clock=clock, serve=False)
