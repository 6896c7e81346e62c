"""A crash never prints participant text: the real app, run as a person runs it, with a real faulty store that
raises a programming error (not a store error) while a card's text is in scope; and a `workshop` command crashing
on a real session file. The output names the error's type and place and how to go on, nothing of the text."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CARD = "Henk de Vries op kamer 12 viel uit bed"
# What a faulty component puts in its message: the value it choked on, here the card's text.
FAULT = f"kan niet schrijven: {CARD}"

_APP_CRASH = f"""
import sys
from datetime import UTC, datetime
from pathlib import Path
sys.path.insert(0, {str(REPO / "tests")!r})
from faulty_store import resume_on_faulty_store
from tests.tui.keys import type_text
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.workspace import Workspace

workspace = Workspace(Path(sys.argv[1]))
started = workspace.new_session(load_script(Path({str(REPO / "tests/core/fixtures/mini.md")!r})), team="De Linde")
started.advance()  # to the step that collects cards
session_id = started.state.meta.id
started.release()
service, store = resume_on_faulty_store(workspace, session_id, clock=lambda: datetime.now(UTC))

async def type_a_card(pilot):
    with store.refusing(lambda: RuntimeError({FAULT!r})):
        await pilot.press("a")
        await type_text(pilot, {CARD!r})
        await pilot.press("enter")
        await pilot.pause()

app = WorkshopApp(workspace, session=service, serve=False)
app.run(headless=True, auto_pilot=type_a_card)
print("exit", app.return_code, file=sys.stderr)
"""


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**(env or os.environ), "PYTHONPATH": str(REPO), "COLUMNS": "200"}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, errors="replace")


def _no_participant_text(output: str) -> None:
    for piece in (CARD, "Henk", "Vries", "kamer 12", FAULT):
        assert piece not in output, piece


def test_a_crash_of_the_app_shows_type_place_and_resume_but_no_card_text(tmp_path):
    done = _run([sys.executable, "-c", _APP_CRASH, str(tmp_path)], tmp_path)
    output = done.stdout + done.stderr
    assert "exit 1" in done.stderr  # it did crash, and says so with the exit code
    _no_participant_text(output)
    assert "RuntimeError" in output
    assert re.search(r"\(workshop/[\w/]+\.py:\d+, in \w+\)", output)  # where: workshop's own innermost frame
    assert "workshop --session " in output and "De Linde".lower().replace(" ", "-") in output  # how to go on
    assert "Traceback" not in output and "locals" not in output


def test_a_crash_of_a_command_shows_no_value_of_the_session(tmp_path):
    """`workshop export --stdout` to a terminal that cannot show "ı" (a real fault of the output stream) raises
    UnicodeEncodeError with the text in hand: the command reports type and place instead of a traceback, exits 70."""
    from workshop.core.script import load_script
    from workshop.workspace import Workspace

    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(REPO / "tests/core/fixtures/mini.md"), team="De Linde")
    try:
        service.advance()
        service.add_contribution(CARD + ", zei mevrouw Yılmaz")
        session_id = service.state.meta.id
    finally:
        service.release()
    env = {**os.environ, "PYTHONIOENCODING": "ascii:strict"}
    done = _run([sys.executable, "-m", "workshop.cli", "export", session_id, "--stdout"], tmp_path, env)
    output = done.stdout + done.stderr
    assert done.returncode == 70, output
    _no_participant_text(output)
    assert "Yılmaz" not in output and "Yilmaz" not in output
    assert "UnicodeEncodeError" in output and re.search(r"\(workshop/[\w/]+\.py:\d+, in \w+\)", output)
    assert "Traceback" not in output and "Start opnieuw met: workshop" in output
