"""The home screen offers the built-in scripts when the workspace has none, and its own next to them, saying
which is which; a workspace script with a built-in one's id is offered instead of it."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from tests.conftest import SCRIPTS
from workshop.catalogue import copy_script
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.dialogs import NewSessionDialog
from workshop.tui.screens.session import SessionScreen
from workshop.workspace import Workspace


def listed(app: WorkshopApp) -> list[str]:
    options = app.screen.query_one("#scripts", OptionList)
    return [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]


def builtin(origin: str = "ingebouwd", leave_out: str = "") -> list[str]:
    """The built-in scripts as the list shows them: title, then length and origin; by file name."""
    scripts = [load_script(p) for p in sorted(SCRIPTS.glob("*.md")) if p.stem != leave_out]
    return [f"{s.title}\n  {s.duration}′ · {origin}" for s in scripts]


def preview(app: WorkshopApp) -> str:
    return str(app.screen.query_one("#script-info", Static).render())


async def test_an_empty_workspace_offers_the_built_in_scripts(tmp_path, clock):
    assert not (tmp_path / "scripts").exists()
    app = WorkshopApp(Workspace(tmp_path), clock=clock, serve=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert listed(app) == builtin() and len(builtin()) >= 4
        index = sorted(p.stem for p in SCRIPTS.glob("*.md")).index("mantelzorg-drempelcheck")
        await pilot.press(*["down"] * index)
        await pilot.pause()
        assert "Bron: ingebouwd; aanpassen? Kopieer het: workshop new-script mantelzorg-drempelcheck" in preview(app)
        await pilot.press("enter")  # a built-in script starts a session like any other
        await pilot.pause()
        assert isinstance(app.screen, NewSessionDialog) and app.screen.script_title == "Mantelzorg-drempelcheck"


async def test_own_scripts_come_first_and_replace_a_built_in_one_with_their_id(tmp_path, clock):
    workspace = Workspace(tmp_path)
    copy = copy_script(load_script(SCRIPTS / "visie-leren-ontwikkelen.md"), "visie-ons-team", workspace.scripts_dir)
    replacing = workspace.scripts_dir / "onze-drempelcheck.md"
    text = (SCRIPTS / "mantelzorg-drempelcheck.md").read_text(encoding="utf-8")
    replacing.write_text(text.replace("title: Mantelzorg-drempelcheck", "title: Onze drempelcheck"), "utf-8")
    app = WorkshopApp(workspace, clock=clock, serve=False, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        mantelzorg = load_script(SCRIPTS / "mantelzorg-drempelcheck.md")
        visie = load_script(SCRIPTS / "visie-leren-ontwikkelen.md")
        assert listed(app) == [
            f"Onze drempelcheck\n  {mantelzorg.duration}′ · own script",
            f"{visie.title}\n  {visie.duration}′ · own script",
            *builtin("built-in", leave_out="mantelzorg-drempelcheck"),
        ]
        await pilot.press("down")
        await pilot.pause()
        assert f"Source: own script, {copy}" in preview(app)
        await pilot.press("enter", "T", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.service is not None and app.service.state.script.id == "visie-ons-team"
