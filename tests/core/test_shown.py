"""Showing results again cannot single anyone out: hidden after a reveal, the results take new answers; shown again
with only one or two people's changes, the difference between the two would tell what those people chose."""

from __future__ import annotations

import pytest

from tests.conftest import SCRIPTS, FakeClock
from workshop.core.errors import DomainError
from workshop.core.export import session_summary
from workshop.core.results import RatingResults, shown_results
from workshop.core.script import load_script
from workshop.core.shown import changed_since_shown, singles_out
from workshop.workspace import Workspace


@pytest.fixture
def room(tmp_path):
    """A mantelzorg session (min_group 3) in a real session file, four phones in, at the rating step."""
    workspace = Workspace(tmp_path)
    service = workspace.new_session(load_script(SCRIPTS / "mantelzorg-drempelcheck.md"), team="T", clock=FakeClock())
    people = [service.join().id for _ in range(4)]
    service.go_to("drempelcheck")
    yield workspace, service, people
    service.release()


def _refused(call) -> DomainError:
    with pytest.raises(DomainError) as refused:
        call()
    return refused.value


def test_showing_again_after_one_person_changed_is_refused_and_can_be_done_anyway(room) -> None:
    workspace, service, (a, b, c, d) = room
    for voter in (a, b, c):
        service.rate(0, "groen", voter=voter)
    service.reveal()  # the first showing: nothing was seen before
    service.reveal(revealed=False)
    service.rate(0, "rood", voter=d)  # a late answer: 3 green, then 3 green and 1 red
    refusal = _refused(service.reveal)
    assert refusal.code == "results.few_changed" and refusal.params == {"count": 1, "least": 3}
    assert "alleen wat 1 van de deelnemers koos" in refusal.text("nl")
    assert not service.state.is_revealed("drempelcheck")
    service.reveal(anyway=True)  # the facilitator was told, and decided
    assert service.state.is_revealed("drempelcheck")

    # What the room saw is remembered in the session file: after a restart the same rule holds.
    service.reveal(revealed=False)
    service.rate(0, "oranje", voter=a)  # one person changes an answer
    session_id = service.state.meta.id
    service.release()
    again = workspace.open_session(session_id)
    try:
        assert changed_since_shown(again.state, again.state.step)["0"] == 1
        assert _refused(again.reveal).code == "results.few_changed"
    finally:
        again.release()


def test_enough_changes_or_none_show_without_a_question(room) -> None:
    _, service, (a, b, c, d) = room
    for voter in (a, b, c):
        service.rate(0, "groen", voter=voter)
    service.reveal()
    service.reveal(revealed=False)
    service.reveal()  # nothing changed: the same results again, nobody singled out
    service.reveal(revealed=False)
    for voter, value in ((d, "rood"), (a, "rood"), (b, "oranje")):  # three people changed statement 1: min_group
        service.rate(0, value, voter=voter)
    service.reveal()
    assert service.state.is_revealed("drempelcheck")


def test_three_people_each_changing_another_statement_single_each_out(room) -> None:
    """A second trial: three people changed something, one on each of three statements; the step as a whole reached
    min_group, and the results were shown again at once, each statement's change laying one person's answer bare."""
    _, service, (a, b, c, d) = room
    for voter in (a, b, c, d):
        service.rate(0, "groen", voter=voter)
        service.rate(1, "rood", voter=voter)
    service.reveal()
    service.reveal(revealed=False)
    service.rate(0, "oranje", voter=a)
    service.rate(1, "oranje", voter=b)
    service.rate(4, "groen", voter=c)  # a statement nobody had answered: its counts were not shown
    changed = changed_since_shown(service.state, service.state.step)
    assert {part: n for part, n in changed.items() if n} == {"0": 1, "1": 1}  # not statement 5: never shown
    assert _refused(service.reveal).params == {"count": 1, "least": 3}
    for voter in (c, d):  # two more change statement 1, two more statement 2: three on each
        service.rate(0, "rood", voter=voter)
        service.rate(1, "groen", voter=voter)
    assert singles_out(service.state, service.state.step) == 0
    service.reveal()


def test_a_dot_moved_after_the_reveal_is_a_change_too(room) -> None:
    _, service, people = room
    service.go_to("drempels")
    cards = [service.add_contribution(text).id for text in ("Geen tijd", "Geen plek", "Geen uitleg")]
    service.go_to("wat-pakken-we-eerst-aan")
    service.open_voting()
    for voter, card in zip(people[:3], cards, strict=True):
        service.cast_vote(card, voter=voter)
    service.reveal()
    service.reveal(revealed=False)
    service.open_voting()
    service.cast_vote(cards[0], voter=people[3])
    assert _refused(service.reveal).params["count"] == 1
    # Dots are compared per item: three people, each adding a dot to another item, single each out.
    service.cast_vote(cards[1], voter=people[0])
    service.cast_vote(cards[2], voter=people[1])
    changed = changed_since_shown(service.state, service.state.step)
    assert {item: n for item, n in changed.items() if n} == {cards[0]: 1, cards[1]: 1, cards[2]: 1}
    assert _refused(service.reveal).params["count"] == 1


def test_results_withheld_as_too_few_leave_nothing_to_compare(room) -> None:
    """Two answers (min_group 3) showed "Te weinig antwoorden": the room saw no count; a third answer may be shown."""
    _, service, (a, b, c, _) = room
    service.rate(0, "groen", voter=a)
    service.rate(0, "rood", voter=b)
    service.reveal()
    service.reveal(revealed=False)
    service.rate(0, "groen", voter=c)
    service.reveal()
    assert service.state.is_revealed("drempelcheck")


def _counts(state, step_id: str, statement: int) -> dict[str, int]:
    results = shown_results(state, state.script.step(step_id), "record")
    assert isinstance(results, RatingResults)
    return dict(results.statements[statement].counts)


def test_the_summary_holds_the_results_as_the_room_saw_them_while_showing_again_would_single_someone_out(room):
    """A trial: the facilitator hid the results, one person changed two answers, "Toch tonen?" was answered Nee; the
    summary then listed the new counts, so comparing it with what the room saw told what that person chose."""
    _, service, (a, b, c, d) = room
    for voter, first, second in ((a, "groen", "oranje"), (b, "groen", "oranje"), (c, "oranje", "oranje")):
        service.rate(0, first, voter=voter)
        service.rate(1, second, voter=voter)
    service.rate(0, "oranje", voter=d)
    service.rate(1, "rood", voter=d)
    service.reveal()
    seen = {0: _counts(service.state, "drempelcheck", 0), 1: _counts(service.state, "drempelcheck", 1)}
    service.reveal(revealed=False)
    service.rate(0, "rood", voter=b)  # one person changes two answers
    service.rate(1, "rood", voter=b)
    assert _refused(service.reveal).code == "results.few_changed"  # the room is not shown the new ones
    state = service.state
    assert {n: _counts(state, "drempelcheck", n) for n in (0, 1)} == seen
    summary = session_summary(state)
    assert "Dit is de uitslag zoals de groep hem zag" in summary

    # Once enough people changed (or the facilitator showed them anyway), the record has the new answers.
    service.reveal(anyway=True)
    assert _counts(service.state, "drempelcheck", 0)["rood"] == 1
    assert "Dit is de uitslag zoals de groep hem zag" not in session_summary(service.state)


def test_a_review_of_results_the_room_never_saw_claims_nothing_was_discussed(room):
    """A trial: with the results hidden the review step showed no statement, yet the summary said "Besproken: 9 van
    21 stellingen", with a table of statements the room never saw."""
    _, service, (a, b, c, _) = room
    for voter in (a, b, c):
        service.rate(0, "rood", voter=voter)
    service.go_to("rood-of-oneens")
    summary = session_summary(service.state)
    said = "*De groep zag geen uitslag van 'Drempelcheck'. Deze stap had dus geen stellingen om te bespreken.*"
    assert said in summary
    assert "Besproken:" not in summary
    service.reveal("drempelcheck")
    assert "**Besproken: 1 van 21 stellingen** (uit Drempelcheck)" in session_summary(service.state)


def test_the_shared_figures_hold_the_results_as_the_room_saw_them_too(room):
    """A second trial: the summary was right, but exports/cijfers/ (shared with the plans) held the new counts, and
    comparing the two told what the late answerer chose."""
    from workshop.store.digest_cache import session_digest

    workspace, service, (a, b, c, d) = room
    for voter in (a, b, c):
        service.rate(8, "groen", voter=voter)
    service.reveal()
    seen = _counts(service.state, "drempelcheck", 8)
    service.reveal(revealed=False)
    service.rate(8, "rood", voter=d)
    assert _refused(service.reveal).code == "results.few_changed"
    session_id = service.state.meta.id
    service.release()
    (figures,) = session_digest(workspace.session_path(session_id)).ratings
    assert dict(figures.statements[8].counts) == seen and seen["rood"] == 0


def test_results_hidden_again_before_the_review_step_are_not_reported_as_discussed(room):
    """A trial: shown in the rate step, hidden again, then the review step with nothing on screen; the summary
    said "Besproken: 1 van 21 stellingen". What counts is what the room had in view on the review step itself,
    also after the session was closed and opened again."""
    workspace, service, (a, b, c, _) = room
    for voter in (a, b, c):
        service.rate(0, "rood", voter=voter)
    service.reveal()
    service.reveal(revealed=False)
    service.go_to("rood-of-oneens")
    session_id = service.state.meta.id
    service.release()
    again = workspace.open_session(session_id)
    try:
        summary = session_summary(again.state)
        assert (
            "*De uitslag van 'Drempelcheck' was verborgen tijdens deze stap. Er zijn dus geen stellingen besproken.*"
            in (summary)
        )
        assert "Besproken:" not in summary
    finally:
        again.release()


def test_results_in_view_on_the_review_step_stay_discussed_when_hidden_afterwards(room):
    _, service, (a, b, c, _) = room
    for voter in (a, b, c):
        service.rate(0, "rood", voter=voter)
    service.reveal()
    service.go_to("rood-of-oneens")  # the room looks back with the results in view
    service.go_to("drempelcheck")
    service.reveal(revealed=False)  # hidden later, in the rate step
    assert "**Besproken: 1 van 21 stellingen** (uit Drempelcheck)" in session_summary(service.state)


def test_a_statement_withheld_on_the_review_step_is_not_discussed_when_its_counts_come_later(room):
    """Statement 2 had two answers (below min_group 3) while the room looked back: its counts were withheld there.
    A third answer and a second showing later make it red in the record, but it was not discussed."""
    _, service, (a, b, c, d) = room
    for voter in (a, b, c):
        service.rate(0, "rood", voter=voter)
    for voter in (a, b):
        service.rate(1, "rood", voter=voter)
    service.reveal()
    service.go_to("rood-of-oneens")
    service.go_to("drempelcheck")
    service.reveal(revealed=False)
    for voter in (c, d):
        service.rate(1, "rood", voter=voter)
    service.reveal()
    summary = session_summary(service.state)
    assert "**Besproken: 1 van 21 stellingen** (uit Drempelcheck)" in summary


def test_a_session_stored_before_the_review_was_kept_goes_by_what_was_shown(room):
    """An older session file has no record of what the room saw on its review steps: it keeps the rule it had (the
    results were shown at all), also when a review step is entered again after the update."""
    from dataclasses import replace

    _, service, (a, b, c, _) = room
    for voter in (a, b, c):
        service.rate(0, "rood", voter=voter)
    service.reveal()
    service.go_to("rood-of-oneens")
    older = replace(service.state, meta=replace(service.state.meta, looked_back=None))
    assert "**Besproken: 1 van 21 stellingen** (uit Drempelcheck)" in session_summary(older)
