"""Keys that arrive together (a terminal hands a busy app everything typed meanwhile in one read) are handled in
the order typed. An Input handles a character itself but Backspace, the arrows, Home and End as bindings, once the
key has gone round the app: "Jan" + Backspace x 3 + "ingrid" became "Jan" + "ingrid" with 3 characters gone, and a
trial's owner field read "Janing"."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from tests.conftest import SCRIPTS
from tests.tui.keys import send_keys
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.dialogs import ActionDialog
from workshop.workspace import Workspace


def session(tmp_path, clock):
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "kort-teamoverleg.md"), team="Team Noord", clock=clock)
    service.go_to(next(s.id for s in service.state.script.steps if s.kind == "actions"))
    return workspace, service


async def burst(pilot, *keys: str) -> None:
    send_keys(pilot.app, *keys)
    for _ in range(6):
        await pilot.pause()


@pytest.mark.parametrize("field", ["owner", "what"])
async def test_backspaces_and_arrows_typed_in_one_burst_keep_their_place(tmp_path, clock, field):
    workspace, service = session(tmp_path, clock)
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ActionDialog)
        widget = app.screen.query_one(f"#{field}")
        widget.focus()
        await pilot.pause()
        await burst(pilot, *"Jan Jansen", *["backspace"] * 10, *"ingrid")
        text = widget.value if isinstance(widget, Input) else widget.text
        assert text == "ingrid"
        await burst(pilot, "home", *"de ", "end", *" (EVV)", "left", "backspace", "backspace", *"VV")
        text = widget.value if isinstance(widget, Input) else widget.text
        assert text == "de ingrid (EVV)"
        assert isinstance(widget, Input | TextArea)
