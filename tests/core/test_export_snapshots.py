"""The summary of a realistic session of every shipped script, as Markdown snapshots: a decision record whose
first screen holds the decisions and actions (update with `pytest --snapshot-update`, after reading the diff)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pytest
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from tests.conftest import SCRIPTS
from tests.core import realistic
from workshop.core.export import session_summary
from workshop.workspace import Workspace

SHIPPED = sorted(p.stem for p in SCRIPTS.glob("*.md") if p.name != "README.md")
FIRST_SCREEN = 40


class MarkdownSnapshot(SingleFileSnapshotExtension):
    """One readable .md file per snapshot."""

    _file_extension = "md"
    _write_mode = WriteMode.TEXT


def export_of(tmp_path: Path, script_id: str) -> tuple[str, str]:
    """Run a realistic session, merge it into the team's plan and write its summary; returns (summary, plan)."""
    workspace = Workspace(tmp_path)
    session_id = realistic.run(workspace, script_id)
    state = workspace.read_session(session_id)
    plan_path, merged = workspace.merge_plan(state)
    return session_summary(state, dict(merged.ids)), plan_path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], tuple[str, str]]:
    """export_of each script's realistic session, run once for this module's tests (they only read it)."""

    @functools.cache
    def of(script_id: str) -> tuple[str, str]:
        return export_of(tmp_path_factory.mktemp(script_id), script_id)

    return of


def test_seven_scripts_ship():
    assert len(SHIPPED) == 7


@pytest.mark.parametrize("script_id", SHIPPED)
def test_the_summary_of_a_realistic_session(script_id, exported, snapshot):
    summary, _plan = exported(script_id)
    assert summary == snapshot(extension_class=MarkdownSnapshot)


@pytest.mark.parametrize("script_id", SHIPPED)
def test_the_first_screen_is_the_decisions_and_actions(script_id, exported):
    summary, plan = exported(script_id)
    first = "\n".join(summary.split("\n")[:FIRST_SCREEN])
    assert "## Besluiten en acties" in first and "## Keuzes" in first
    assert first.index("## Besluiten en acties") < first.index("## Keuzes")
    assert "### " not in summary[: summary.index("## Verloop van de sessie")]  # no step details before them
    for action in realistic.ACTIONS[:2]:
        assert action["what"] in first
    for action in realistic.EARLIER:  # the decisions about last time's actions, with their ids in the plan
        assert action["what"] in first
    assert "| DL-2609-a1 | Zet de overdracht om 7 uur op een vast lijstje | klaar |" in first
    assert "| DL-2611-a1 | Plan elke maand een leermoment" in first and "DL-2611-a1" in plan
