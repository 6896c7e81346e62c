"""A review step with nothing to go through (`skip_when_empty`) is passed over, forwards and back, and the
facilitator hears which step was skipped; a step chosen on purpose, or a plan that cannot be read, is entered."""

from __future__ import annotations

from tests.conftest import FakeClock
from tests.core.test_review import PLAN
from workshop.core import events as ev
from workshop.core.plan import plan_file_name
from workshop.core.script import parse_script
from workshop.workspace import Workspace

TEAM = "Team Oost"
SCRIPT = """---
id: overslaan
title: Overslaan
---

## Welkom
- kind: explain
- minutes: 1

**Geen namen, geen BSN, geen geboortedata.**

## Open acties
- kind: review
- minutes: 5
- of: acties

Wat is er met onze acties gebeurd?

## Scores
- kind: rate
- minutes: 5
- statements:
  - Er is tijd om te leren.
  - Fouten bespreken voelt veilig.

Kies per stelling een kleur.

## Rood of oneens
- kind: review
- minutes: 5
- of: scores
- skip_when_empty: ja

Wat zien we hier?

## Afspraken
- kind: actions
- minutes: 5

Wie doet wat?
"""


def start(tmp_path, plan: str | None, text: str = SCRIPT):
    workspace = Workspace(tmp_path)
    if plan is not None:
        (tmp_path / "exports").mkdir(exist_ok=True)
        (tmp_path / "exports" / plan_file_name(TEAM)).write_text(plan, encoding="utf-8")
    service = workspace.new_session(parse_script(text, "overslaan.md"), team=TEAM, clock=FakeClock())
    heard: list[ev.Event] = []
    service.subscribe(heard.append)
    return service, heard


def skipped(heard: list[ev.Event]) -> list[str]:
    return [e.step_id for e in heard if isinstance(e, ev.StepSkipped)]


def test_without_open_actions_next_passes_over_the_review_and_says_so(tmp_path) -> None:
    service, heard = start(tmp_path, None)
    step = service.advance()
    assert step.id == "scores" == service.state.step.id
    assert skipped(heard) == ["open-acties"]
    notice = next(e for e in heard if isinstance(e, ev.StepSkipped))
    assert notice.text("nl") == (
        "Stap 'Open acties' is overgeslagen: er zijn geen open acties. Kies hem met j als je hem toch wilt zien."
    )
    assert "was skipped: there are no open actions" in notice.text("en")
    # One step change, one write: the skip is told with it, in the same version.
    changes = [e for e in heard if isinstance(e, ev.StepChanged)]
    assert [e.step_id for e in changes] == ["scores"]
    assert {e.version for e in heard} == {changes[0].version}


def test_with_open_actions_the_review_is_entered_and_loaded(tmp_path) -> None:
    service, heard = start(tmp_path, PLAN)
    assert service.advance().id == "open-acties"
    assert [i.plan_id for i in service.state.reviews] == ["r1", "r2", "r4"]
    assert skipped(heard) == []


def test_back_passes_over_the_empty_review_to_the_step_before_it(tmp_path) -> None:
    service, heard = start(tmp_path, None)
    service.go_to("scores")
    heard.clear()
    assert service.back().id == "welkom"
    assert skipped(heard) == ["open-acties"]


def test_choosing_the_empty_review_on_purpose_enters_it(tmp_path) -> None:
    service, heard = start(tmp_path, None)
    assert service.go_to("open-acties").id == "open-acties"
    assert service.state.step.id == "open-acties" and skipped(heard) == []


def test_a_plan_that_cannot_be_read_is_not_empty_the_step_is_entered_and_says_why(tmp_path) -> None:
    broken = PLAN.replace("| r2 | Start intervisie |", "| r1 | Start intervisie |")  # an id used twice
    service, heard = start(tmp_path, broken)
    assert service.advance().id == "open-acties"
    assert skipped(heard) == []
    assert any(isinstance(e, ev.ReviewActionsNotLoaded) for e in heard)


def test_a_review_of_a_rate_step_is_skipped_when_nothing_is_red_or_disputed(tmp_path) -> None:
    service, heard = start(tmp_path, None)
    service.go_to("scores")
    for _ in range(4):
        voter = service.join().id
        service.rate(0, "groen", voter=voter)
        service.rate(1, "oranje", voter=voter)
    heard.clear()
    assert service.advance().id == "afspraken"
    assert skipped(heard) == ["rood-of-oneens"]
    notice = next(e for e in heard if isinstance(e, ev.StepSkipped))
    assert "geen stelling kleurde rood" in notice.text("nl")


def test_a_review_of_a_rate_step_with_a_red_statement_is_entered(tmp_path) -> None:
    service, heard = start(tmp_path, None)
    service.go_to("scores")
    for value in ("rood", "rood", "groen", "oranje"):
        service.rate(0, value, voter=service.join().id)
    heard.clear()
    assert service.advance().id == "rood-of-oneens"
    assert skipped(heard) == []


REVIEW_LAST = """---
id: rand
title: Rand
---

## Welkom
- kind: explain
- minutes: 1

**Geen namen, geen BSN, geen geboortedata.**

## Open acties
- kind: review
- minutes: 5
- of: acties

Wat is er met onze acties gebeurd?
"""
REVIEW_FIRST = """---
id: rand
title: Rand
---

## Open acties
- kind: review
- minutes: 5
- of: acties

Wat is er met onze acties gebeurd?

## Daarna
- kind: explain
- minutes: 1

**Geen namen, geen BSN, geen geboortedata.**
"""


def test_an_empty_review_as_the_last_step_is_entered(tmp_path) -> None:
    # Nothing lies beyond it, so there is nowhere to skip to: the step is shown.
    service, heard = start(tmp_path, None, REVIEW_LAST)
    assert service.advance().id == "open-acties"
    assert skipped(heard) == []


def test_an_empty_review_as_the_first_step_is_entered_going_back(tmp_path) -> None:
    service, heard = start(tmp_path, None, REVIEW_FIRST)
    service.go_to("daarna")
    assert service.back().id == "open-acties"
    assert skipped(heard) == []
