"""Entering a review step of acties loads the team's open actions once, through the plan port the service
was given; a plan that cannot be read still lets the step change, and says why (never silently)."""

from __future__ import annotations

from tests.conftest import SCRIPTS, FakeClock
from tests.core.test_review import PLAN
from workshop.core import events as ev
from workshop.core.plan import plan_file_name
from workshop.core.review import review_steps
from workshop.core.script import load_script
from workshop.workspace import Workspace

TEAM = "Team Oost"


def start(tmp_path, plan: str | None):
    workspace = Workspace(tmp_path)
    if plan is not None:
        (tmp_path / "exports").mkdir()
        (tmp_path / "exports" / plan_file_name(TEAM)).write_text(plan, encoding="utf-8")
    script = load_script(SCRIPTS / "kwaliteitsbeeld-retrospectief.md")
    service = workspace.new_session(script, team=TEAM, clock=FakeClock())
    heard: list[ev.Event] = []
    service.subscribe(heard.append)
    return workspace, service, heard, review_steps(script)[0]


def test_going_to_the_review_step_loads_the_open_actions_once(tmp_path) -> None:
    _, service, heard, review = start(tmp_path, PLAN)
    assert service.state.reviews == ()  # nothing before the step is entered
    service.go_to(review.id)
    assert [i.plan_id for i in service.state.reviews] == ["r1", "r2", "r4"]
    assert [type(e) for e in heard] == [ev.StepChanged, ev.ReviewActionsLoaded]
    assert len({e.version for e in heard}) == 1  # the step and its actions: one write
    service.review_action("r1", status="klaar")
    heard.clear()
    service.advance()  # leaving it loads nothing
    assert [type(e) for e in heard] == [ev.StepChanged]
    service.go_to(review.id)  # entering it again reads the plan again and keeps the answers given
    assert service.state.reviews[0].answer_status == "klaar"


def test_without_a_plan_the_review_step_is_entered_and_nothing_is_written(tmp_path) -> None:
    _, service, heard, review = start(tmp_path, None)
    service.go_to(review.id)
    assert service.state.step == review and service.state.reviews == ()
    assert [type(e) for e in heard] == [ev.StepChanged]


def test_a_plan_that_cannot_be_read_still_changes_the_step_and_says_why(tmp_path) -> None:
    broken = PLAN.replace("| r2 | Start intervisie |", "| r1 | Start intervisie |")  # an id used twice
    workspace, service, heard, review = start(tmp_path, broken)
    service.go_to(review.id)
    assert service.state.step == review and service.state.reviews == ()
    assert [type(e) for e in heard] == [ev.StepChanged, ev.ReviewActionsNotLoaded]
    notice = heard[-1]
    assert isinstance(notice, ev.ReviewActionsNotLoaded)
    text = notice.text("nl")
    assert f"{workspace.plan_path(TEAM)}:10" in text  # the file and the line to repair
    assert "kies deze stap opnieuw (j)" in text
    assert "choose this step again (j)" in notice.text("en")
    # Repaired, the step is chosen again: now the actions load.
    workspace.plan_path(TEAM).write_text(PLAN, encoding="utf-8")
    service.go_to(review.id)
    assert [i.plan_id for i in service.state.reviews] == ["r1", "r2", "r4"]


def test_a_resumed_session_keeps_its_reviews_without_reading_the_plan(tmp_path) -> None:
    workspace, service, _, review = start(tmp_path, PLAN)
    service.go_to(review.id)
    session_id = service.state.meta.id
    service.release()
    workspace.plan_path(TEAM).write_text("| kapot |", encoding="utf-8")
    resumed = workspace.open_session(session_id, clock=FakeClock())
    assert [i.plan_id for i in resumed.state.reviews] == ["r1", "r2", "r4"]
    resumed.release()


def test_a_status_not_surely_read_is_said_when_the_review_step_is_entered(tmp_path) -> None:
    """'klaar? nog navragen' keeps the action open (never read as klaar); entering the review step says so at once,
    naming the action and its status as written, not only inside the action's dialog."""
    unsure = PLAN.replace("| 15-12-2026 | D | bezig |", "| 15-12-2026 | D | klaar? nog navragen |")
    _, service, heard, review = start(tmp_path, unsure)
    service.go_to(review.id)
    assert [i.plan_id for i in service.state.reviews] == ["r1", "r2", "r4"]  # r1 stays open
    assert [type(e) for e in heard] == [ev.StepChanged, ev.ReviewActionsLoaded, ev.ReviewStatusesUnsure]
    notice = heard[-1]
    assert isinstance(notice, ev.ReviewStatusesUnsure)
    assert notice.items == (("r1", "Plan vaste leertijd", "klaar? nog navragen"),)
    assert "bij r1 'Plan vaste leertijd' ('klaar? nog navragen'). Deze actie blijft open" in notice.text("nl")
    assert "vraag de groep" in notice.text("nl") and "ask the group" in notice.text("en")
    # Once the group answered about it, entering the step again no longer says it.
    service.review_action("r1", status="klaar")
    heard.clear()
    service.advance()
    service.go_to(review.id)
    assert not any(isinstance(e, ev.ReviewStatusesUnsure) for e in heard)


def test_plain_statuses_say_nothing_when_the_review_step_is_entered(tmp_path) -> None:
    _, service, heard, review = start(tmp_path, PLAN)
    service.go_to(review.id)
    assert not any(isinstance(e, ev.ReviewStatusesUnsure) for e in heard)
