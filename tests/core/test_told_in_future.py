"""A trial answered 'Gedaan? ja' with a terugkoppeling date still to come (10-12-2026 on 06-12-2026) and it was
accepted; the overview then counted the action as told. The review refuses it and says what to do: 'nee' for a
planned date, or the day the people were told."""

from __future__ import annotations

import pytest

from tests.conftest import SCRIPTS, FakeClock
from tests.core.test_plan_reading import reviewed
from tests.core.test_told_before_agreed import A1, plan  # noqa: F401 (the plan fixture)
from workshop.core.errors import DomainError
from workshop.core.plan import open_actions
from workshop.core.ports import MemoryStore
from workshop.core.script import load_script
from workshop.core.session import SessionService

# reviewed() runs on 10-02-2027.


@pytest.mark.parametrize("when", ["11-02-2027", "1 maart 2027"])
def test_told_yes_on_a_day_still_to_come_is_refused(plan, when):  # noqa: F811
    with pytest.raises(DomainError) as refused:
        reviewed(plan, {A1: {"feedback": "cliëntenraad", "feedback_when": when, "feedback_done": "ja"}})
    assert refused.value.code == "review.told_in_future"
    text = refused.value.text("nl")
    assert "moet nog komen" in text and "'Gedaan?' nee" in text


@pytest.mark.parametrize("when, done", [("11-02-2027", "nee"), ("10-02-2027", "ja"), ("volgend teamoverleg", "ja")])
def test_a_planned_date_today_and_words_are_taken(plan, when, done):  # noqa: F811
    [item, _] = reviewed(plan, {A1: {"feedback_when": when, "feedback_done": done}}).reviews
    assert item.answer_feedback_done == done


def test_a_planned_date_then_answered_done_is_refused(plan):  # noqa: F811
    """The date and the 'ja' given in two turns: the second is weighed against the first."""
    script = load_script(SCRIPTS / "kwaliteitsbeeld-retrospectief.md")
    clock = FakeClock(FakeClock().now.replace(year=2027, month=2, day=10))
    service = SessionService.start(script, team="Team De Linde", store=MemoryStore(), session_id="s", clock=clock)
    service.load_review_actions(open_actions(plan))
    service.review_action(A1, feedback_when="11-02-2027", feedback_done="nee")
    with pytest.raises(DomainError) as refused:
        service.review_action(A1, feedback_done="ja")
    assert refused.value.code == "review.told_in_future"
    service.review_action(A1, feedback_when="09-02-2027", feedback_done="ja")  # the day they were told: taken


@pytest.mark.parametrize("when", ["teamoverleg 12 maart", "12-3", "op 3 jan."])
def test_told_yes_on_a_day_without_its_year_is_asked_about(plan, when):  # noqa: F811
    with pytest.raises(DomainError) as refused:
        reviewed(plan, {A1: {"feedback_when": when, "feedback_done": "ja"}})
    assert refused.value.code == "review.told_no_year"
    assert "zonder jaartal" in refused.value.text("nl")


@pytest.mark.parametrize("when, done", [("teamoverleg 12 maart", "nee"), ("vorige week in het overleg", "ja")])
def test_a_day_without_year_is_taken_when_not_yet_told_and_other_words_always(plan, when, done):  # noqa: F811
    [item, _] = reviewed(plan, {A1: {"feedback_when": when, "feedback_done": done}}).reviews
    assert item.answer_feedback_when == when
