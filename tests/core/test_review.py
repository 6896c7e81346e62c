"""The review step of open actions: loading from the plan, the four answers, carry-over, overdue, write-back."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from tests.conftest import FIXTURES, SCRIPTS, FakeClock
from workshop.core import events as ev
from workshop.core.errors import DomainError
from workshop.core.export import session_summary
from workshop.core.plan import merge_plan, open_actions, plan_rows
from workshop.core.ports import MemoryStore
from workshop.core.review import overdue, review_steps, warnings
from workshop.core.script import load_script
from workshop.core.session import SessionService

PLAN = """# PDCA-verbeterplan — Team Oost

## Plan

## Do

| ID | Wat | Waarom | Eigenaar | Deadline | Fase | Status |
| --- | --- | --- | --- | --- | --- | --- |
| r1 | Plan vaste leertijd | Leertijd | teamleider | 15-12-2026 | D | bezig |
| r2 | Start intervisie | Intervisie | praktijkopleider | 10-01-2027 | P | gepland |
| r3 | Maak een leerplan | Leren | teamleider | 01-12-2026 | A | klaar |
| r4 | Bel mevr. Jansen over de afspraken | signaal naaste | wijkverpleegkundige | 01-02-2027 | D | uitgesteld |

## Check

| ID | Checkmethode | Indicator | Checkdatum | Resultaat |
| --- | --- | --- | --- | --- |
| r1 | interne audit | 8 van 10 overleggen | 31-01-2027 | |
| r2 | feedback medewerkers | | 15-03-2027 | |
| r4 | anders | | | |

## Act

| ID | Besluit | Terugkoppeling | Doorgeschoven |
| --- | --- | --- | --- |
| r1 | | | 0 |
| r2 | | | 0 |
| r3 | borgen | team | 0 |
| r4 | | | 1 |
"""
SESSION_DAY = datetime(2027, 2, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    return FakeClock(SESSION_DAY)


@pytest.fixture
def store():
    return MemoryStore()


@pytest.fixture
def service(store, clock):
    script = load_script(SCRIPTS / "kwaliteitsbeeld-retrospectief.md")
    return SessionService.start(
        script, team="Team Oost", store=store, session_id="2027-02-10-team-oost-kb", clock=clock
    )


@pytest.fixture
def loaded(service):
    service.load_review_actions(open_actions(PLAN))
    return service


def test_the_kwaliteitsbeeld_script_has_a_review_step_of_acties():
    script = load_script(SCRIPTS / "kwaliteitsbeeld-retrospectief.md")
    assert [s.title for s in review_steps(script)] == ["Wat is er met onze acties gebeurd?"]


def test_open_actions_are_loaded_in_plan_order_without_the_finished_ones(loaded):
    items = loaded.state.reviews
    # r3 is klaar with a decision (borgen): its cycle is through. Without one it would come back
    # (tests/core/test_review_klaar.py).
    assert [i.plan_id for i in items] == ["r1", "r2", "r4"]
    r1 = items[0]
    assert (r1.what, r1.status, r1.check_date, r1.due, r1.indicator) == (
        "Plan vaste leertijd",
        "bezig",
        "2027-01-31",
        "2026-12-15",
        "8 van 10 overleggen",
    )
    assert items[2].carried_over == 1 and items[2].privacy == ("name",)


def test_loading_needs_a_review_step_of_acties(clock):
    # Every shipped script opens with the open actions now; this one has no review step at all.
    script = load_script(FIXTURES / "scripts" / "good" / "minimaal.md")
    service = SessionService.start(script, team="T", store=MemoryStore(), session_id="s", clock=clock)
    with pytest.raises(DomainError) as err:
        service.load_review_actions(open_actions(PLAN))
    assert err.value.code == "review.no_step"


def test_the_four_answers_are_recorded_and_persisted(loaded, store):
    seen = []
    loaded.subscribe(seen.append)
    item = loaded.review_action(
        "r1",
        status="klaar",
        result="8 van 10 overleggen met leermoment",
        act_decision="borgen",
        feedback="team via nieuwsbrief; cliëntenraad 14-01",
    )
    assert item.reviewed and (item.answer_status, item.answer_act_decision) == ("klaar", "borgen")
    assert isinstance(seen[-1], ev.ActionReviewed) and seen[-1].item == item
    assert SessionService.resume(store).state.reviews == loaded.state.reviews


def test_answers_are_checked_against_their_lists(loaded):
    with pytest.raises(DomainError) as err:
        loaded.review_action("r1", status="half klaar")
    assert err.value.code == "action.bad_choice"
    with pytest.raises(DomainError):
        loaded.review_action("r1", act_decision="misschien")
    with pytest.raises(DomainError) as err:
        loaded.review_action("bestaat-niet", status="klaar")
    assert err.value.code == "review.unknown"
    assert not loaded.state.reviews[0].reviewed


def test_unfinished_actions_carry_over_and_warn_from_the_second_time(loaded):
    first = loaded.review_action("r2", status="uitgesteld")
    assert first.unfinished and first.carried_over_now == 1 and not first.carry_over_warning
    second = loaded.review_action("r4", status="bezig")
    assert second.carried_over_now == 2 and second.carry_over_warning
    on = SESSION_DAY.date()
    assert "al 2 keer doorgeschoven" in " ".join(warnings(second, on))
    assert loaded.review_action("r4", status="gestopt", act_decision="stoppen").carried_over_now == 1


def test_overdue_check_dates_are_highlighted_until_done(loaded):
    # Session on 10-02-2027: r1 was to be checked on 31-01-2027; r2's check is ahead (15-03-2027) but its deadline
    # (10-01-2027) passed while it is still gepland (core/lateness.py, as the overview and agenda say); r4 has no
    # check date but was due 01-02-2027.
    on = SESSION_DAY.date()
    assert [i.plan_id for i in overdue(loaded.state.reviews, on)] == ["r1", "r2", "r4"]
    # On screen the date reads as people write it (the summary keeps 31-01-2027: test_dates.py).
    assert warnings(loaded.state.reviews[0], SESSION_DAY.date()) == ("De checkdatum (31 jan 2027) is voorbij.",)
    assert warnings(loaded.state.reviews[1], SESSION_DAY.date()) == ("De deadline (10 jan 2027) is voorbij.",)
    loaded.review_action("r1", status="klaar")
    assert [i.plan_id for i in overdue(loaded.state.reviews, on)] == ["r2", "r4"]
    assert overdue(loaded.state.reviews, date(2026, 1, 1)) == ()


def test_loading_again_keeps_the_answers_already_given(loaded):
    loaded.review_action("r1", status="klaar", result="gelukt")
    changed = PLAN.replace("| r2 | Start intervisie |", "| r2 | Start maandelijkse intervisie |")
    items = loaded.load_review_actions(open_actions(changed))
    assert items[0].answer_result == "gelukt" and items[1].what == "Start maandelijkse intervisie"


def test_answers_with_personal_data_are_flagged_and_redacted_in_the_plan(loaded):
    loaded.review_action("r2", status="klaar", feedback="Teruggekoppeld aan dhr. Bakker, 06-12345678")
    item = loaded.state.reviews[1]
    assert item.privacy == ("phone", "name") and not item.released
    plan = merge_plan(PLAN, loaded.state)
    assert "Bakker" not in plan and "12345678" not in plan
    feedback = {r.id: r.feedback for r in plan_rows(plan)}["r2"]
    assert feedback == "Teruggekoppeld aan [verwijderd: naam], [verwijderd: telefoonnummer]"
    loaded.release_review("r2")
    assert "06-12345678" in merge_plan(PLAN, loaded.state)


def test_the_merge_writes_the_answers_into_the_plan_rows(loaded):
    loaded.review_action(
        "r1",
        status="klaar",
        result="8 van 10 overleggen met leermoment",
        act_decision="borgen",
        feedback="team via nieuwsbrief",
    )
    loaded.review_action("r2", status="uitgesteld", feedback="praktijkopleider weet het")
    merged = merge_plan(PLAN, loaded.state)
    rows = {r.id: r for r in plan_rows(merged)}
    assert (rows["r1"].status, rows["r1"].result, rows["r1"].act_decision, rows["r1"].feedback) == (
        "klaar",
        "8 van 10 overleggen met leermoment",
        "borgen",
        "team via nieuwsbrief",
    )
    assert rows["r2"].status == "uitgesteld" and rows["r2"].carried_over == 1
    assert replace(rows["r3"], line=0) == replace({r.id: r for r in plan_rows(PLAN)}["r3"], line=0)  # untouched
    assert "| r3 | Maak een leerplan | Leren | teamleider | 01-12-2026 | A | klaar |" in merged
    assert merge_plan(merged, loaded.state) == merged  # merging again changes nothing
    assert [r.id for r in open_actions(merged)] == ["r2", "r4"]


def test_a_hand_edit_after_the_session_read_the_plan_wins(loaded):
    loaded.review_action("r1", status="klaar", result="gelukt")
    edited = PLAN.replace("| 31-01-2027 | |", "| 31-01-2027 | 7 van 10 (geteld door de audit) |")
    result_cell = "7 van 10 (geteld door de audit)"
    merged = merge_plan(edited, loaded.state)
    assert result_cell in merged and "gelukt" not in merged
    assert {r.id: r.status for r in plan_rows(merged)}["r1"] == "klaar"  # the untouched cell did change


def test_the_summary_shows_the_review(loaded):
    loaded.review_action("r1", status="klaar", result="gelukt", act_decision="borgen")
    loaded.review_action("r4", status="bezig")
    summary = session_summary(loaded.state)
    assert "**Open acties besproken:** 2 van 3." in summary
    assert "De checkdatum (31-01-2027) is voorbij" not in summary  # r1 is done now
    # r4 has no check date and is still open: it is its deadline that passed, and the summary says so.
    assert "De deadline (01-02-2027) is voorbij" in summary and "checkdatum (01-02-2027)" not in summary
    assert "⚠ 2× doorgeschoven" in summary
    assert "Jansen" not in summary  # r4's text is flagged and not released
