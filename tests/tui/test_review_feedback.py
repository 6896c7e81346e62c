"""The review dialog asks all of terugkoppeling (domain.md §3): whom we told, when (a date or words such as
"teamoverleg 12 maart") and whether it is done; the answers land in the plan's own columns on export."""

from __future__ import annotations

import pytest

from tests.conftest import SCRIPTS
from tests.tui.keys import type_text
from workshop.core.plan import plan_rows
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.tui.dialogs import ReviewDialog
from workshop.workspace import Workspace


def with_open_actions(tmp_path, clock) -> tuple[Workspace, object]:
    """A first session leaves two open actions in team T's plan; 40 days later a retrospective reviews them."""
    workspace = Workspace(tmp_path)
    first = workspace.new_session(load_script(SCRIPTS / "visie-leren-ontwikkelen.md"), team="T", clock=clock)
    first.go_to("eerste-stappen")
    first.add_action("Plan vaste leertijd in", owner="teamleider", due="2026-12-01", check_date="2026-12-15")
    first.add_action("Vraag naasten wat zij merken", owner="EVV'er", due="2027-03-01")
    first.release()
    workspace.merge_plan(workspace.read_session(first.state.meta.id))
    clock.advance(days=40)
    second = workspace.new_session(load_script(SCRIPTS / "kwaliteitsbeeld-retrospectief.md"), team="T", clock=clock)
    return workspace, second


@pytest.mark.parametrize(
    "when, done, plan_when, plan_done",
    [("teamoverleg 12 maart", "j", "teamoverleg 12 maart", "ja"), ("14-01-2027", "n", "14-01-2027", "nee")],
)
async def test_the_review_dialog_records_when_and_whether_the_team_was_told(
    tmp_path, clock, when, done, plan_when, plan_done
):
    workspace, second = with_open_actions(tmp_path, clock)
    app = WorkshopApp(workspace, session=second, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")  # the review step: the open actions are loaded from the plan
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewDialog)
        # status, result, decision, whom, when, done: Tab walks them in that order.
        await pilot.press("tab")
        await type_text(pilot, "Half")
        await pilot.press("tab", "tab")
        await type_text(pilot, "cliëntenraad")
        await pilot.press("tab")
        await type_text(pilot, when)
        await pilot.press("tab")
        assert app.screen.focused is app.screen.query_one("#feedback_done")
        await pilot.press("enter", done, "enter")  # open the list, jump to ja/nee, choose
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewDialog)
        said = [n.message for n in app._notifications]
        assert any(m.startswith("Opgeslagen: actie 1 (") and m.endswith("Nu geselecteerd: actie 2.") for m in said)
        item = second.state.reviews[0]
        assert (item.answer_feedback, item.answer_feedback_done) == ("cliëntenraad", plan_done)
        await pilot.press("x")  # export: the preview, then write
        await app.workers.wait_for_complete()  # the preview is built in a thread; w before it is ready says so
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        await app.workers.wait_for_complete()
    row = plan_rows(workspace.plan_path("T").read_text(encoding="utf-8"))[0]
    assert (row.result, row.feedback_to, row.feedback_when, row.feedback_done) == (
        "Half",
        "cliëntenraad",
        plan_when,
        plan_done,
    )


async def test_the_review_dialog_with_all_its_questions_fits_80x24(tmp_path, clock):
    workspace, second = with_open_actions(tmp_path, clock)
    app = WorkshopApp(workspace, session=second, clock=clock, serve=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ReviewDialog)
        for name in ("#status", "#result", "#act_decision", "#feedback", "#feedback_when", "#feedback_done", "#save"):
            region = dialog.query_one(name).region
            assert 0 < region.bottom <= 24 and region.height >= 1, (name, region)
