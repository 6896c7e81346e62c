"""A plan that cannot be read is not a team without open actions: the review step's list says the actions were not
loaded and why (trial: it said "Het team heeft geen open acties."), and choosing the same step again with j, as the
message says, reads the repaired plan (trial: it did nothing)."""

from __future__ import annotations

from tests.conftest import SCRIPTS
from tests.core.test_review import PLAN
from tests.tui.screen_text import joined, screen_lines
from workshop.core.plan import plan_file_name
from workshop.core.review import review_steps
from workshop.core.script import load_script
from workshop.tui.app import WorkshopApp
from workshop.workspace import Workspace

TEAM = "Team Oost"
BROKEN = PLAN.replace("| r2 | Start intervisie |", "| r1 | Start intervisie |")  # an id used twice


def shown(app) -> str:
    return joined("\n".join(screen_lines(app)))


async def test_an_unreadable_plan_is_named_on_the_review_list_and_j_reads_it_again(tmp_path, clock):
    workspace = Workspace(tmp_path)
    (tmp_path / "exports").mkdir()
    plan = tmp_path / "exports" / plan_file_name(TEAM)
    plan.write_text(BROKEN, encoding="utf-8")
    script = load_script(SCRIPTS / "kwaliteitsbeeld-retrospectief.md")
    service = workspace.new_session(script, team=TEAM, clock=clock)
    review = review_steps(script)[0]
    service.go_to(review.id)
    app = WorkshopApp(workspace, session=service, clock=clock, serve=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        text = shown(app)
        assert "Het team heeft geen open acties" not in text
        assert "De open acties uit het plan zijn niet geladen" in text and ":10" in text, text
        await pilot.press("f")  # the room: not loaded, without the file's path
        await pilot.pause()
        room = shown(app)
        assert "De open acties uit het plan zijn nog niet geladen." in room and str(plan) not in room
        await pilot.press("f")
        plan.write_text(PLAN, encoding="utf-8")  # repaired in another editor
        await pilot.press("j")
        await pilot.pause()
        await pilot.press("enter")  # the same step, chosen again
        await pilot.pause()
        assert [i.plan_id for i in service.state.reviews] == ["r1", "r2", "r4"]
        assert service.actions_not_loaded is None
        assert "niet geladen" not in joined("\n".join(line for line in screen_lines(app) if "Nr" not in line))
