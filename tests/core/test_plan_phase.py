"""A user trial found Fase C from a result cell that says there is none ("nog niet gemeten"): such a cell is no
result, a result with a question mark is not sure (no result, with a warning on its line), and klaar with the
decision bijstellen is the ordinary end of a cycle, so it stays without a warning."""

from __future__ import annotations

import pytest

from tests.conftest import FakeClock
from tests.core.test_plan import FIRST, S1, session
from tests.core.test_plan_properties import retrospective
from workshop.core.plan import merge_plan, plan_rows, plan_warnings
from workshop.core.plan_terms import derive_phase

A1, A2 = "DL-2611-a1", "DL-2611-a2"
NO_RESULT = ["nog niet gemeten", "Nog geen", "n.v.t.", "nvt", "-", "–", "volgt", "nog niet bekend", "onbekend", "?"]
NO_RESULT += ["**n.v.t.**", "nog niet gemeten, volgt in maart", "wordt nog gemeten", ""]


@pytest.fixture
def plan() -> str:
    return merge_plan(None, session(S1, FIRST, FakeClock(), vote=True).state)


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


@pytest.mark.parametrize("result", NO_RESULT)
def test_a_result_cell_that_says_there_is_none_is_no_result(result):
    assert derive_phase("bezig", result, "") == "D"
    assert derive_phase("gepland", result, "") == "P"


@pytest.mark.parametrize("result", ["8 van 10 overleggen met leermoment", "Geen valincidenten meer", "7/10"])
def test_a_measured_result_is_phase_c(result):
    assert derive_phase("bezig", result, "") == "C"


def test_a_review_with_bezig_and_nog_niet_gemeten_moves_the_action_to_d_not_c(plan):
    service = retrospective(plan, "2027-03-10-team-de-linde-kwaliteitsbeeld-retrospectief", 10, [])
    service.review_action(A1, status="bezig", result="nog niet gemeten")
    merged = merge_plan(plan, service.state)
    row = next(r for r in plan_rows(merged) if r.id == A1)
    assert (row.status, row.result, row.phase) == ("bezig", "nog niet gemeten", "D")
    assert plan_warnings(merged) == ()


def test_a_result_with_a_question_mark_is_not_sure_and_warned_about_on_its_line(plan):
    text = plan.replace(f"| {A2} |  |  |  |  |\n", f"| {A2} |  |  |  | 8 van 10? |\n", 1)
    [warning] = plan_warnings(text)
    assert (warning.code, warning.line) == ("plan.result_unsure", line_of(text, "| 8 van 10? |"))
    assert dict(warning.params) == {"text": "8 van 10?"}
    assert derive_phase("bezig", "8 van 10?", "") == "D"


def test_klaar_with_bijstellen_is_phase_a_without_a_warning(plan):
    service = retrospective(plan, "2027-03-10-team-de-linde-kwaliteitsbeeld-retrospectief", 10, [])
    service.review_action(A1, status="klaar", result="5 van 10 overleggen", act_decision="bijstellen")
    merged = merge_plan(plan, service.state)
    row = next(r for r in plan_rows(merged) if r.id == A1)
    assert (row.status, row.act_decision, row.phase) == ("klaar", "bijstellen", "A")
    assert plan_warnings(merged) == ()
