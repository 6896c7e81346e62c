"""Core rules the facilitator's console needed (issue 12): voting and shown results never go together, people
without a phone have names, and a typed category name is forgiving about case, accents and length."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from tests.core.test_session import voting_setup
from workshop.core import events as ev
from workshop.core.cards import match_category
from workshop.core.errors import DomainError
from workshop.core.ports import MemoryStore
from workshop.core.script import load_script
from workshop.core.session import SessionService


@pytest.fixture
def service(clock):
    script = load_script(FIXTURES / "mini.md")
    return SessionService.start(script, team="Team De Linde", store=MemoryStore(), session_id="s1", clock=clock)


def test_revealing_closes_voting_in_the_same_write(service):
    theme, _ = voting_setup(service)
    service.open_voting()
    service.cast_vote(theme.id, voter=service.join().id)
    heard: list[ev.Event] = []
    service.subscribe(heard.append)
    writes = service._store.writes
    service.reveal()
    assert service.state.is_revealed("stemmen") and not service.state.is_voting_open("stemmen")
    assert service._store.writes == writes + 1
    assert [type(e) for e in heard] == [ev.ResultsRevealed, ev.VotingClosed]
    with pytest.raises(DomainError):
        service.cast_vote(theme.id, voter=service.join().id)


def test_opening_voting_again_hides_the_results(service):
    voting_setup(service)
    service.reveal()
    service.open_voting()
    assert service.state.is_voting_open("stemmen") and not service.state.is_revealed("stemmen")
    assert service.room_results() is None


def test_people_without_a_phone_can_have_a_name(service):
    anna = service.add_proxy("  Anna ")
    numbered = service.add_proxy()
    assert (anna.nickname, numbered.nickname) == ("Anna", "Zonder telefoon 2")
    assert [p.id for p in service.state.proxies] == [anna.id, numbered.id]
    with pytest.raises(DomainError) as err:
        service.add_proxy("anna")
    assert err.value.code == "proxy.name_taken" and "Anna" in err.value.text("nl")
    assert len(service.state.proxies) == 2


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Cliënten", "Cliënten"),
        ("clienten", "Cliënten"),
        (" CLIËNTEN ", "Cliënten"),
        ("naa", "Naasten"),
        ("n", None),  # Naasten and Netwerk: not unambiguous
        ("Onbekend", None),
        ("", None),
    ],
)
def test_a_typed_category_name_is_matched_forgivingly(typed, expected):
    assert match_category(("Cliënten", "Naasten", "Netwerk"), typed) == expected


def test_a_phone_may_name_its_category_without_accents(service):
    service.advance()
    card = service.add_contribution("Idee", category="b, C")
    assert card.category == "B, c"
