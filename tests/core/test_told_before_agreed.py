"""A trial entered a terugkoppeling date from before the action was agreed (01-01-2020 for an action of
23-11-2026) and it was accepted. Nobody can have been told about an action before it existed: the review
refuses such a date with both dates in Dutch, and a plan that holds one names its line."""

from __future__ import annotations

import pytest

from tests.conftest import FakeClock
from tests.core.test_plan import FIRST, S1, session
from tests.core.test_plan_reading import reviewed
from workshop.core.errors import DomainError
from workshop.core.messages import render
from workshop.core.plan import merge_plan, plan_rows, plan_warnings

A1 = "DL-2611-a1"


@pytest.fixture
def plan() -> str:
    """The plan after the session of 23-11-2026 that agreed DL-2611-a1 and -a2."""
    return merge_plan(None, session(S1, FIRST, FakeClock(), vote=True).state)


def test_the_plan_knows_the_day_each_action_was_agreed(plan):
    assert {r.id: r.agreed for r in plan_rows(plan)} == {A1: "2026-11-23", "DL-2611-a2": "2026-11-23"}


@pytest.mark.parametrize("when", ["01-01-2020", "2026-11-22", "22 november 2026"])
def test_a_feedback_date_before_the_action_was_agreed_is_refused(plan, when):
    with pytest.raises(DomainError) as refused:
        reviewed(plan, {A1: {"feedback": "cliëntenraad", "feedback_when": when}})
    assert refused.value.code == "review.told_before_agreed"
    assert "vóór de dag dat de actie is afgesproken (23 nov 2026)" in refused.value.text("nl")


@pytest.mark.parametrize(
    "when, stored", [("23-11-2026", "2026-11-23"), ("10-02-2027", "2027-02-10"), ("teamoverleg 12 maart", None)]
)
def test_the_day_itself_a_later_date_and_words_are_taken(plan, when, stored):
    [item, _] = reviewed(plan, {A1: {"feedback_when": when}}).reviews
    assert item.answer_feedback_when == (stored or when)


def test_a_row_of_the_teams_own_without_a_known_day_is_not_checked(plan):
    """eigen-1 was added by hand: the plan does not know when it was agreed, so no date is refused."""
    do_row = next(line for line in plan.split("\n") if line.startswith(f"| {A1} | Plan"))
    text = plan.replace(do_row, do_row + "\n" + do_row.replace(A1, "eigen-1"), 1)
    [item] = [i for i in reviewed(text, {"eigen-1": {"feedback_when": "01-01-2020"}}).reviews if i.reviewed]
    assert item.agreed == "" and item.answer_feedback_when == "2020-01-01"


def test_a_plan_with_such_a_date_written_by_hand_names_its_line(plan):
    act_row = f"| {A1} |  |  |  |  | 0 |"
    text = plan.replace(act_row, f"| {A1} | borgen | team | 01-01-2020 | ja | 0 |", 1)
    [warning] = [w for w in plan_warnings(text) if w.code == "plan.told_before_agreed"]
    assert text.split("\n")[warning.line - 1].startswith(f"| {A1} | borgen")
    assert "(23-11-2026)" in render(warning.code, "nl", dict(warning.params))


def test_the_plans_own_date_given_back_unchanged_is_not_refused(plan):
    """The review dialog shows the plan's date in its field: saving a status must not be blocked by a date the team
    wrote in the plan (the export names that line); a date typed anew is checked."""
    act_row = f"| {A1} |  |  |  |  | 0 |"
    text = plan.replace(act_row, f"| {A1} |  | team | 01-01-2020 |  | 0 |", 1)
    [item, _] = reviewed(text, {A1: {"status": "bezig", "feedback_when": "01-01-2020"}}).reviews
    assert item.answer_status == "bezig"
    with pytest.raises(DomainError):
        reviewed(text, {A1: {"feedback_when": "02-01-2020"}})
