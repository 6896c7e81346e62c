"""A listener that fails after a change was stored never turns that change into an error for its sender."""

from __future__ import annotations

import logging

import pytest

from tests.conftest import FIXTURES, FakeClock
from workshop.core import events as ev
from workshop.core.ports import MemoryStore
from workshop.core.records import state_from_tables
from workshop.core.script import load_script
from workshop.core.session import SessionService

SECRET = "Mevrouw De Vries in kamer 12 valt vaak"


class Crashes:
    """A real listener with a bug: it raises on every card, with the card's text in its message."""

    def __init__(self) -> None:
        self.heard: list[ev.Event] = []

    def __call__(self, event: ev.Event) -> None:
        self.heard.append(event)
        if isinstance(event, ev.ContributionAdded):
            raise RuntimeError(f"cannot draw {event.card.text}")


@pytest.fixture
def service() -> SessionService:
    service = SessionService.start(
        load_script(FIXTURES / "mini.md"), team="T", store=MemoryStore(), session_id="s", clock=FakeClock()
    )
    service.go_to("ideeen")
    return service


def test_a_stored_card_stays_a_success_when_a_listener_fails(service, caplog) -> None:
    crashes, after = Crashes(), []
    service.subscribe(crashes)
    service.subscribe(after.append)  # a listener after the failing one still hears the event
    with caplog.at_level(logging.ERROR, logger="workshop.core"):
        card = service.add_contribution(SECRET, category="A")
    assert service.state.contributions == (card,)
    assert state_from_tables(service._store.read()).contributions == (card,)  # on disk
    assert [type(e) for e in after] == [ev.ContributionAdded]
    (record,) = caplog.records
    assert "RuntimeError" in record.getMessage() and "ContributionAdded" in record.getMessage()
    # The log says what failed, never what was written: no participant text, no exception message.
    assert "Vries" not in caplog.text and "kamer" not in caplog.text and "cannot draw" not in caplog.text


def test_a_failing_listener_does_not_undo_a_batch(service) -> None:
    service.subscribe(Crashes())
    with service.batch():
        first = service.add_contribution("Eerste", category="A")
        second = service.add_contribution("Tweede", category="A")
    assert service.state.contributions == (first, second)
    assert len(state_from_tables(service._store.read()).contributions) == 2
