"""When the plan says an action's result was told (terugkoppeling): a date still to come is a plan, not a fact."""

from __future__ import annotations

from datetime import date

from workshop.core.followup import needs_feedback
from workshop.core.plan_terms import PlanRow

TODAY = date(2026, 12, 5)


def row(**cells: str) -> PlanRow:
    return PlanRow(id="DE-2511-a2", status="klaar", result="8 van 10", act_decision="borgen", **cells)


def test_a_terugkoppeling_planned_for_a_later_day_is_not_done_yet():
    planned = row(feedback_to="cliëntenraad", feedback_when="12-01-2027")
    assert needs_feedback(planned, TODAY)
    assert not needs_feedback(row(feedback_to="cliëntenraad", feedback_when="12-11-2026"), TODAY)
    assert not needs_feedback(row(feedback_to="cliëntenraad", feedback_when="12-01-2027", feedback_done="ja"), TODAY)
    assert needs_feedback(row(feedback_to="cliëntenraad", feedback_when="12-11-2026", feedback_done="nee"), TODAY)
    assert not needs_feedback(row(feedback_to="cliëntenraad", feedback_when="via de nieuwsbrief"), TODAY)
    assert not needs_feedback(planned)  # without a day to compare with: someone is named, as before
