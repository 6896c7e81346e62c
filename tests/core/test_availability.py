"""One answer to "may this command run now?": the service refuses exactly what `allowed` says no to.

Every command is tried in many session states (each step, open or closed, voting open or not, with or
without themes, cards, dots and actions). When availability says yes the command runs; when it says no
the command raises the very error `refusal` gives, or (for a command that is a no-op then) changes
nothing. The facilitator's screen asks the same function, so a key is never offered for a refusal.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest

from tests.conftest import FIXTURES, SCRIPTS, FakeClock
from workshop.core.availability import COMMANDS, Command, allowed, refusal
from workshop.core.errors import DomainError
from workshop.core.ports import MemoryStore
from workshop.core.script import load_script
from workshop.core.session import SessionService

Try = Callable[[SessionService], object]


def targeted(service: SessionService) -> dict[Command, tuple[Try, str | None]]:
    """Each command with valid arguments, and the step it acts on (None: the current step)."""
    state = service.state
    voter = state.participants[0].id
    step = state.step
    scale = step.scale_spec
    items = service.vote_items() if step.kind == "vote" else ()
    action = state.actions[0].id if state.actions else "a999"
    return {
        "advance": (lambda s: s.advance(), None),
        "back": (lambda s: s.back(), None),
        "go_to": (lambda s: s.go_to(step.id), None),
        "join": (lambda s: s.join(), None),
        "add_proxy": (lambda s: s.add_proxy(), None),
        "set_role": (lambda s: s.set_role(voter, ""), None),
        "close_door": (lambda s: s.close_door(), None),
        "set_details": (lambda s: s.set_details(headcount="12"), None),
        "close_session": (lambda s: s.close_session(), None),
        "add_contribution": (lambda s: s.add_contribution("Nog een idee"), None),
        "edit_contribution": (lambda s: s.edit_contribution("c1", "Anders gezegd"), "ideeen"),
        "withdraw_contribution": (
            lambda s: s.withdraw_contribution(s.add_contribution("Weg ermee", step_id="ideeen", category="A").id),
            "ideeen",
        ),
        "hide_contribution": (lambda s: s.hide_contribution("c1"), "ideeen"),
        "release_card": (lambda s: s.release_card("c1"), "ideeen"),
        "choose_categories": (lambda s: s.choose_categories(["A"]), None),
        "create_theme": (lambda s: s.create_theme("Helemaal nieuw"), None),
        "rename_theme": (lambda s: s.rename_theme("t1", "Andere naam"), "groeperen"),
        "remove_theme": (lambda s: s.remove_theme("t1"), "groeperen"),
        "group_card": (lambda s: s.group_card("c1", "t1"), "groeperen"),
        "open_voting": (lambda s: s.open_voting(), None),
        "close_voting": (lambda s: s.close_voting(), None),
        "cast_vote": (lambda s: s.cast_vote(items[0].id if items else "c1", voter=voter), None),
        "withdraw_vote": (lambda s: s.withdraw_vote("t1", voter=voter), None),
        "rate": (lambda s: s.rate(0, scale.values[0] if scale else "groen", voter=voter), None),
        "reveal": (lambda s: s.reveal(), None),
        "add_action": (lambda s: s.add_action("Doe iets", owner="teamleider", due="2030-01-01"), None),
        "update_action": (lambda s: s.update_action(action, status="bezig"), None),
        "remove_action": (lambda s: s.remove_action(action), None),
        "release_action": (lambda s: s.release_action(action), None),
        "load_review_actions": (lambda s: s.load_review_actions(()), None),
        "review_action": (lambda s: s.review_action("r1", status="klaar"), None),
        "release_review": (lambda s: s.release_review("r1"), None),
        "add_indicator": (lambda s: s.add_indicator("Cliëntervaring", "8,1"), None),
    }


def sessions() -> list[tuple[str, MemoryStore]]:
    """Stored sessions of the mini script in many states: (a description, its store)."""
    found = []
    for step_id, closed, voting, action in itertools.product(
        ("welkom", "ideeen", "groeperen", "stemmen", "scores", "slot"), (False, True), (False, True), (False, True)
    ):
        store = MemoryStore()
        service = SessionService.start(
            load_script(FIXTURES / "mini.md"), team="T", store=store, session_id="s", clock=FakeClock()
        )
        voter = service.join().id
        service.add_contribution("Een idee", step_id="ideeen", category="A")
        theme = service.create_theme("Tijd", "groeperen")
        service.group_card("c1", theme.id)
        if voting:
            service.go_to("stemmen")
            service.open_voting()
            service.cast_vote(theme.id, voter=voter)
        if action:
            service.add_action("Plan het", owner="teamleider", due="2030-01-01")
        service.go_to(step_id)
        if voting and step_id == "stemmen":
            service.open_voting()
        if closed:
            service.close_session()
        found.append((f"{step_id}, {'closed' if closed else 'open'}, voting {voting}, action {action}", store))
    return found


SESSIONS = sessions()


def test_every_command_has_one_rule() -> None:
    service = SessionService.resume(MemoryStore(SESSIONS[0][1].read()))
    assert set(targeted(service)) == set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_the_service_refuses_exactly_what_availability_refuses(command: Command) -> None:
    for described, store in SESSIONS:
        service = SessionService.resume(MemoryStore(store.read()), clock=FakeClock())
        state = service.state
        run, step_id = targeted(service)[command]
        step = state.script.step(step_id) if step_id else None
        expected = refusal(state, command, step)
        assert allowed(state, command, step) == (expected is None)
        try:
            run(service)
        except DomainError as err:
            assert expected is not None, f"{command} in {described}: refused ({err.code}) though allowed"
            assert err.code == expected.code, f"{command} in {described}"
        else:
            if expected is not None:  # only a command that is a no-op then may pass: it changed nothing
                assert service.state.version == state.version, f"{command} in {described} ran though refused"


def test_a_step_without_results_has_nothing_to_reveal() -> None:
    service = SessionService.start(
        load_script(FIXTURES / "mini.md"), team="T", store=MemoryStore(), session_id="s", clock=FakeClock()
    )
    with pytest.raises(DomainError) as err:
        service.reveal()  # the welcome step: no dots, no answers
    assert err.value.code == "reveal.no_results"
    assert not allowed(service.state, "reveal")
    service.go_to("stemmen")
    assert allowed(service.state, "reveal")
    service.close_session()
    assert refusal(service.state, "reveal").code == "session.closed"  # type: ignore[union-attr]


@pytest.mark.parametrize("closed", [False, True])
@pytest.mark.parametrize("command", ["load_review_actions", "review_action", "release_review"])
def test_review_commands_follow_the_same_rule(command: Command, closed: bool) -> None:
    from tests.core.test_review import PLAN
    from workshop.core.plan import open_actions

    service = SessionService.start(
        load_script(SCRIPTS / "kwaliteitsbeeld-retrospectief.md"),
        team="T",
        store=MemoryStore(),
        session_id="s",
        clock=FakeClock(),
    )
    rows = open_actions(PLAN)
    service.load_review_actions(rows)
    if closed:
        service.close_session()
    expected = refusal(service.state, command)
    assert (expected is None) == (not closed)
    run = {
        "load_review_actions": lambda: service.load_review_actions(rows),
        "review_action": lambda: service.review_action("r1", status="klaar"),
        "release_review": lambda: service.release_review("r1"),
    }[command]
    if expected is None:
        run()
    else:
        with pytest.raises(DomainError) as err:
            run()
        assert err.value.code == expected.code
