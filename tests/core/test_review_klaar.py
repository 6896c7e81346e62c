"""A user trial found an action marked klaar by hand left out of the next review (never asked 'Wat besluiten
we?'), its Fase stuck at P, and its check date missing from the agenda. An action whose PDCA cycle is not
through (open, or klaar without an Act decision) now comes back in the review; a Fase of P/D/C/A follows
status, result and decision on every export; the agenda lists the check date of a klaar action without a
decision."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import FakeClock
from tests.core.test_plan import FIRST, S1, session
from tests.core.test_plan_reading import reviewed
from tests.core.test_step_skip import skipped, start
from workshop.core.agenda import entries
from workshop.core.messages import render
from workshop.core.plan import merge, merge_plan, open_actions, plan_rows
from workshop.core.review import passed

A1, A2 = "DL-2611-a1", "DL-2611-a2"
CHECK_DAY = date(2027, 3, 1)


@pytest.fixture
def plan() -> str:
    """The plan after the first session (DL-2611-a1 and -a2, both gepland, Fase P), as workshop writes it."""
    return merge_plan(None, session(S1, FIRST, FakeClock(), vote=True).state)


def edited(plan: str, status: str = "klaar", result: str = "", decision: str = "", phase: str = "P") -> str:
    """Edit A1 by hand in a text editor: its Status (and Fase) in Do, its Resultaat in Check, Besluit in Act."""
    lines = plan.split("\n")
    for n, line in enumerate(lines):
        if line.startswith(f"| {A1} | Plan vaste"):
            lines[n] = line.replace("| P | gepland |", f"| {phase} | {status} |")
        elif line.startswith(f"| {A1} | ") and line.endswith("|  |") and line.count("|") == 6:
            lines[n] = line[: -len("|  |")] + f"| {result} |"  # Check: its last cell is Resultaat
        elif line == f"| {A1} |  |  |  |  | 0 |":
            lines[n] = f"| {A1} | {decision} |  |  |  | 0 |"
    text = "\n".join(lines)
    row = {r.id: r for r in plan_rows(text)}[A1]
    assert (row.status, row.result, row.act_decision) == (status, result, decision.strip("*"))
    return text


def phase(text: str, plan_id: str = A1) -> str:
    return {r.id: r for r in plan_rows(text)}[plan_id].phase


def with_check_date(text: str, day: str = "01-03-2027") -> str:
    """Give A1 a check date (the fixture's Check row of A1 has an empty Checkdatum)."""
    row = next(line for line in text.split("\n") if line.startswith(f"| {A1} | interne audit"))
    cells = row.split(" | ")
    cells[3] = day
    return text.replace(row, " | ".join(cells), 1)


# ----- 1. the review: every action whose cycle is not through -------------------------------------------------


def test_klaar_without_a_decision_comes_back_in_the_review(plan):
    text = edited(plan, result="8 van 10 overleggen")
    row = {r.id: r for r in open_actions(text)}[A1]
    assert not row.is_open and row.awaits_review  # not open for the counts, but its Check and Act are to do


@pytest.mark.parametrize("decision", ["borgen", "bijstellen", "**Borgen**", "stoppen"])
def test_klaar_with_a_decision_is_through_and_not_reviewed(plan, decision):
    text = edited(plan, result="8 van 10 overleggen", decision=decision)
    assert [r.id for r in open_actions(text)] == [A2]


@pytest.mark.parametrize("status", ["gestopt", "vervallen", "geannuleerd"])
def test_gestopt_is_not_reviewed_with_or_without_a_decision(plan, status):
    assert [r.id for r in open_actions(edited(plan, status=status))] == [A2]


@pytest.mark.parametrize("status", ["in afwachting van MT", "klaar?", "nog niet klaar"])
def test_a_status_the_plan_does_not_read_as_klaar_is_still_reviewed(plan, status):
    assert [r.id for r in open_actions(edited(plan, status=status, decision="borgen"))] == [A1, A2]


def test_the_group_is_asked_to_decide_and_a_reviewed_klaar_action_is_not_carried_over(plan):
    text = edited(plan, result="8 van 10 overleggen")
    state = reviewed(text, {A1: {"act_decision": "borgen", "feedback": "team"}})
    item = next(i for i in state.reviews if i.plan_id == A1)
    assert item.reviewed and not item.unfinished and item.carried_over_now == 0
    merged = merge_plan(text, state)
    row = {r.id: r for r in plan_rows(merged)}[A1]
    assert (row.status, row.act_decision, row.carried_over, row.phase) == ("klaar", "borgen", 0, "A")
    assert [r.id for r in open_actions(merged)] == [A2]  # through now: not in the next review


def test_an_open_action_answered_bezig_is_still_carried_over(plan):
    state = reviewed(plan, {A1: {"status": "bezig"}})
    merged = merge_plan(plan, state)
    assert {r.id: r for r in plan_rows(merged)}[A1].carried_over == 1


def test_a_klaar_action_in_the_review_is_not_called_late(plan):
    """klaar in the plan: its deadline (15-12-2026) passed, but it is done; what is left is the decision."""
    state = reviewed(edited(plan), {})
    [a1] = [i for i in state.reviews if i.plan_id == A1]
    assert passed(a1, date(2027, 2, 10)) == ""
    [a2] = [i for i in state.reviews if i.plan_id == A2]
    assert passed(a2, date(2027, 2, 10)) == "deadline"


# ----- 2. Fase: a P/D/C/A follows status, result and decision on every export ----------------------------------


def test_klaar_by_hand_gets_phase_c_on_the_next_export_and_stays_there(plan):
    text = edited(plan, result="8 van 10 overleggen")
    state = reviewed(text, {})  # the next session, its review not answered
    once = merge_plan(text, state)
    assert phase(once) == "C" and phase(once, A2) == "P"
    assert merge_plan(once, state) == once  # the second export changes nothing


def test_klaar_with_borgen_by_hand_gets_phase_a(plan):
    text = edited(plan, result="8 van 10 overleggen", decision="borgen")
    assert phase(merge_plan(text, reviewed(text, {}))) == "A"


@pytest.mark.parametrize("written", ["p", " P ", "**P**", "*d*"])
def test_a_phase_written_in_any_case_or_markup_is_derived_again(plan, written):
    text = edited(plan, result="8 van 10 overleggen", phase=written)
    assert phase(merge(text, session(S1, FIRST, FakeClock(), vote=True).state).text) == "C"


def test_a_phase_that_already_says_it_keeps_its_own_writing(plan):
    text = edited(plan, phase="**c**")
    assert "| **c** | klaar |" in merge_plan(text, reviewed(text, {}))


@pytest.mark.parametrize("words", ["wacht op budget", "C (meting loopt)", "P/D"])
def test_a_fase_with_the_teams_own_words_stays(plan, words):
    text = edited(plan, result="8 van 10 overleggen", decision="borgen", phase=words)
    assert phase(merge_plan(text, reviewed(text, {}))) == words


def test_without_a_status_result_or_decision_to_go_by_a_written_phase_stays(plan):
    """A status "in afwachting van MT" says no phase: the D the team wrote is not turned into a guessed P."""
    text = edited(plan, status="in afwachting van MT", phase="D")
    assert phase(merge_plan(text, reviewed(text, {}))) == "D"


def test_an_action_opened_again_goes_back_from_c_to_d(plan):
    text = edited(plan, status="bezig", phase="C")
    assert phase(merge_plan(text, reviewed(text, {}))) == "D"


# ----- 3. the agenda: a klaar action without a decision still needs its Check ----------------------------------


def agenda(text: str):
    return entries([("Team De Linde", "pdca-team-de-linde.md", plan_rows(text))], today=date(2027, 2, 10), days=30)


def test_the_agenda_lists_the_check_date_of_a_klaar_action_without_a_decision(plan):
    text = with_check_date(edited(plan, result="8 van 10 overleggen"))
    assert [(e.kind, e.row.id, e.day) for e in agenda(text) if e.row.id == A1] == [("checkmoment", A1, CHECK_DAY)]


@pytest.mark.parametrize("decision", ["bijstellen", "opschalen"])
def test_the_agenda_leaves_out_the_check_date_of_a_klaar_action_with_a_decision(plan, decision):
    text = with_check_date(edited(plan, decision=decision))
    assert [e for e in agenda(text) if e.row.id == A1] == []


def test_the_agenda_lists_no_check_date_of_a_stopped_action(plan):
    assert [e for e in agenda(with_check_date(edited(plan, status="gestopt"))) if e.row.id == A1] == []


# ----- 4. the review step is skipped only when nothing awaits review -------------------------------------------


PLAN_OOST = """# PDCA-verbeterplan — Team Oost

## Do

| ID | Wat | Waarom | Eigenaar | Deadline | Fase | Status |
| --- | --- | --- | --- | --- | --- | --- |
| r1 | Plan vaste leertijd | Leertijd | teamleider | 15-12-2026 | C | klaar |
| r2 | Start intervisie | Intervisie | praktijkopleider | 10-01-2027 | A | gestopt |

## Check

| ID | Checkmethode | Indicator | Checkdatum | Resultaat |
| --- | --- | --- | --- | --- |
| r1 | interne audit | 8 van 10 overleggen | 31-01-2027 | 8 van 10 |

## Act

| ID | Besluit | Terugkoppeling | Doorgeschoven |
| --- | --- | --- | --- |
| r1 | | | 0 |
"""


def test_a_review_with_only_a_klaar_action_without_a_decision_is_entered_not_skipped(tmp_path):
    service, heard = start(tmp_path, PLAN_OOST)
    assert service.advance().id == "open-acties"
    assert [i.plan_id for i in service.state.reviews] == ["r1"] and skipped(heard) == []


def test_a_review_with_only_actions_that_are_through_is_skipped(tmp_path):
    service, heard = start(tmp_path, PLAN_OOST.replace("| r1 | | | 0 |", "| r1 | borgen | | 0 |"))
    assert service.advance().id == "scores"
    assert skipped(heard) == ["open-acties"] and service.state.reviews == ()


# ----- 4. an emptied Besluit: the A stays, and the plan says why -----------------------------------------------


@pytest.mark.parametrize("written", ["A", "`a`"])
def test_an_emptied_besluit_keeps_phase_a_and_names_the_line(plan, written):
    """A trial emptied the Besluit of an action in Fase A by hand; the next export silently moved it back to C.
    The plan cannot tell a decision taken back from a slip: the A stays and the warning names the line."""
    text = edited(plan, result="8 van 10 overleggen", phase=written)
    merged = merge(text, reviewed(text, {}))
    assert f"| {written} | klaar |" in merged.text and A1 not in merged.updated
    do_line = next(n for n, line in enumerate(merged.text.split("\n"), 1) if line.startswith(f"| {A1} | Plan"))
    [held] = [w for w in merged.warnings if w.code == "plan.phase_held"]
    assert held.line == do_line and dict(held.params) == {"id": A1}
    assert "geen besluit" in render(held.code, "nl", dict(held.params))


def test_the_groups_answer_in_a_review_still_moves_an_a_back(plan):
    text = edited(plan, status="bezig", phase="A")
    merged = merge(text, reviewed(text, {A1: {"status": "bezig"}}))
    assert phase(merged.text) == "D" and not [w for w in merged.warnings if w.code == "plan.phase_held"]


def test_gestopt_with_phase_a_is_no_warning(plan):
    text = edited(plan, status="gestopt", phase="A")
    assert not [w for w in merge(text, reviewed(text, {})).warnings if w.code == "plan.phase_held"]
